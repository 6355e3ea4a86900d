// Example graphs for local LangGraph.js dev servers used by camel-langgraph tests. No LLM.
//   echo  - returns text, upper-cased text and a small list of messages
//   sleep - sleeps `seconds` (default 1) and returns { slept: seconds }
//   fail  - throws Error("boom: <text>")
//   ask   - calls interrupt({ question: "approve?", text }); resumed with
//           Command({ resume: value }) it returns { answer: value }
//   approval          - echo's sibling that asks first: interrupt({ question: "Approve?", options: ["approve",
//                       "reject"], text }); resumed, it returns the echo fields and { decision, approved }
//   approval_two_step - "Manager approval?" then "Finance approval?"; returns { manager, finance }
//   approval_parallel - two parallel branches interrupt at once ("Legal?", "Security?"); returns { legal, security }
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

// --- approval (echo's sibling that asks for approval first) -------------------
const ApprovalState = Annotation.Root({
  text: last<string>(),
  upper: last<string>(),
  decision: last<unknown>(),
  approved: last<boolean>(),
});

export const approval = new StateGraph(ApprovalState)
  .addNode("approve", (state) => {
    const text = state.text ?? "";
    const value = interrupt({ question: "Approve?", options: ["approve", "reject"], text });
    return { text, upper: text.toUpperCase(), decision: value, approved: value === "approve" };
  })
  .addEdge(START, "approve")
  .addEdge("approve", END)
  .compile();

// --- approval_two_step ----------------------------------------------------------
const TwoStepState = Annotation.Root({
  text: last<string>(),
  manager: last<unknown>(),
  finance: last<unknown>(),
});

export const approval_two_step = new StateGraph(TwoStepState)
  .addNode("manager_review", (state) => ({
    manager: interrupt({ question: "Manager approval?", options: ["approve", "reject"], text: state.text }),
  }))
  .addNode("finance_review", (state) => ({
    finance: interrupt({ question: "Finance approval?", options: ["approve", "reject"], text: state.text }),
  }))
  .addEdge(START, "manager_review")
  .addEdge("manager_review", "finance_review")
  .addEdge("finance_review", END)
  .compile();

// --- approval_parallel ----------------------------------------------------------
const ParallelState = Annotation.Root({
  text: last<string>(),
  legal: last<unknown>(),
  security: last<unknown>(),
});

export const approval_parallel = new StateGraph(ParallelState)
  .addNode("legal_review", (state) => ({ legal: interrupt({ question: "Legal?", text: state.text }) }))
  .addNode("security_review", (state) => ({ security: interrupt({ question: "Security?", text: state.text }) }))
  .addEdge(START, "legal_review")
  .addEdge(START, "security_review")
  .addEdge("legal_review", END)
  .addEdge("security_review", END)
  .compile();
