// Example graphs for local LangGraph.js dev servers used by camel-langgraph tests. No LLM.
//   echo  - returns text, upper-cased text and a small list of messages
//   sleep - sleeps `seconds` (default 1) and returns { slept: seconds }
//   fail  - throws Error("boom: <text>")
//   ask   - calls interrupt({ question: "approve?", text }); resumed with
//           Command({ resume: value }) it returns { answer: value }
import { Annotation, END, START, StateGraph, interrupt } from "@langchain/langgraph";

// A channel whose last write wins (no reducer), with an optional default.
const last = <T>(initial?: () => T) =>
  Annotation<T>({ reducer: (_prev: T, next: T) => next, default: initial ?? (() => undefined as T) });

// --- echo -------------------------------------------------------------------
const EchoState = Annotation.Root({
  text: last<string>(),
  upper: last<string>(),
  messages: last<Array<Record<string, unknown>>>(),
});

export const echo = new StateGraph(EchoState)
  .addNode("echo", (state) => {
    const text = state.text ?? "";
    const upper = text.toUpperCase();
    return {
      text,
      upper,
      messages: [
        { role: "user", content: text },
        { role: "assistant", content: upper },
      ],
    };
  })
  .addEdge(START, "echo")
  .addEdge("echo", END)
  .compile();

// --- sleep ------------------------------------------------------------------
const SleepState = Annotation.Root({
  seconds: last<number>(),
  text: last<string>(),
  slept: last<number>(),
});

export const sleep = new StateGraph(SleepState)
  .addNode("sleep", async (state) => {
    const seconds = state.seconds ?? 1;
    await new Promise((resolve) => setTimeout(resolve, Number(seconds) * 1000));
    return { slept: seconds };
  })
  .addEdge(START, "sleep")
  .addEdge("sleep", END)
  .compile();

// --- fail -------------------------------------------------------------------
const FailState = Annotation.Root({
  text: last<string>(),
});

export const fail = new StateGraph(FailState)
  .addNode("fail", (state): Partial<typeof FailState.State> => {
    throw new Error(`boom: ${state.text ?? ""}`);
  })
  .addEdge(START, "fail")
  .addEdge("fail", END)
  .compile();

// --- ask --------------------------------------------------------------------
const AskState = Annotation.Root({
  text: last<string>(),
  answer: last<unknown>(),
});

export const ask = new StateGraph(AskState)
  .addNode("ask", (state) => {
    const value = interrupt({ question: "approve?", text: state.text });
    return { answer: value };
  })
  .addEdge(START, "ask")
  .addEdge("ask", END)
  .compile();
