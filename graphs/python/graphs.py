"""Example graphs for local LangGraph dev servers used by camel-langgraph tests.

None of them calls an LLM. Each is a tiny StateGraph:
  echo  - returns text, upper-cased text and a small list of messages
  sleep - sleeps `seconds` (default 1) and returns {"slept": seconds}
  fail  - raises an exception "boom: <text>"
  ask   - calls interrupt({"question": "approve?", "text": text}); resumed with
          Command(resume=value) it returns {"answer": value}
  approval          - echo's sibling that asks first: interrupt({"question": "Approve?", "options":
                      ["approve", "reject"], "text": text}); resumed, it returns the echo fields and
                      {"decision": value, "approved": value == "approve"}
  approval_two_step - two interrupts in sequence: "Manager approval?" then "Finance approval?";
                      returns {"manager": v1, "finance": v2}
  approval_parallel - two parallel branches, each interrupt()s at once ("Legal?" and "Security?");
                      returns {"legal": v1, "security": v2}
"""

import asyncio
from typing import Any

from typing_extensions import TypedDict

from langgraph.graph import END, START, StateGraph
from langgraph.types import interrupt


# --- echo -------------------------------------------------------------------
class EchoState(TypedDict, total=False):
    text: str
    upper: str
    messages: list


def _echo(state: EchoState) -> dict:
    text = state.get("text") or ""
    upper = text.upper()
    return {
        "text": text,
        "upper": upper,
        "messages": [
            {"role": "user", "content": text},
            {"role": "assistant", "content": upper},
        ],
    }


_b = StateGraph(EchoState)
_b.add_node("echo", _echo)
_b.add_edge(START, "echo")
_b.add_edge("echo", END)
echo = _b.compile()


# --- sleep ------------------------------------------------------------------
class SleepState(TypedDict, total=False):
    seconds: float
    text: str
    slept: float


async def _sleep(state: SleepState) -> dict:
    seconds = state.get("seconds")
    if seconds is None:
        seconds = 1
    await asyncio.sleep(float(seconds))
    return {"slept": seconds}


_b = StateGraph(SleepState)
_b.add_node("sleep", _sleep)
_b.add_edge(START, "sleep")
_b.add_edge("sleep", END)
sleep = _b.compile()


# --- fail -------------------------------------------------------------------
class FailState(TypedDict, total=False):
    text: str


class BoomError(Exception):
    """An exception class outside the server's list of those whose message it passes on."""


def _fail(state: FailState) -> dict:
    if state.get("text") == "custom":
        raise BoomError("a message the server hides")
    raise ValueError(f"boom: {state.get('text') or ''}")


_b = StateGraph(FailState)
_b.add_node("fail", _fail)
_b.add_edge(START, "fail")
_b.add_edge("fail", END)
fail = _b.compile()


# --- ask --------------------------------------------------------------------
class AskState(TypedDict, total=False):
    text: str
    answer: Any


def _ask(state: AskState) -> dict:
    value = interrupt({"question": "approve?", "text": state.get("text")})
    return {"answer": value}


_b = StateGraph(AskState)
_b.add_node("ask", _ask)
_b.add_edge(START, "ask")
_b.add_edge("ask", END)
ask = _b.compile()


# --- approval (echo's sibling that asks for approval first) -------------------
class ApprovalState(TypedDict, total=False):
    text: str
    upper: str
    decision: Any
    approved: bool


def _approve(state: ApprovalState) -> dict:
    text = state.get("text") or ""
    value = interrupt({"question": "Approve?", "options": ["approve", "reject"], "text": text})
    return {"text": text, "upper": text.upper(), "decision": value, "approved": value == "approve"}


_b = StateGraph(ApprovalState)
_b.add_node("approve", _approve)
_b.add_edge(START, "approve")
_b.add_edge("approve", END)
approval = _b.compile()


# --- approval_two_step ----------------------------------------------------------
class TwoStepState(TypedDict, total=False):
    text: str
    manager: Any
    finance: Any


def _manager(state: TwoStepState) -> dict:
    return {"manager": interrupt({"question": "Manager approval?", "options": ["approve", "reject"], "text": state.get("text")})}


def _finance(state: TwoStepState) -> dict:
    return {"finance": interrupt({"question": "Finance approval?", "options": ["approve", "reject"], "text": state.get("text")})}


_b = StateGraph(TwoStepState)
_b.add_node("manager_review", _manager)
_b.add_node("finance_review", _finance)
_b.add_edge(START, "manager_review")
_b.add_edge("manager_review", "finance_review")
_b.add_edge("finance_review", END)
approval_two_step = _b.compile()


# --- approval_parallel ----------------------------------------------------------
class ParallelState(TypedDict, total=False):
    text: str
    legal: Any
    security: Any


def _legal(state: ParallelState) -> dict:
    return {"legal": interrupt({"question": "Legal?", "text": state.get("text")})}


def _security(state: ParallelState) -> dict:
    return {"security": interrupt({"question": "Security?", "text": state.get("text")})}


_b = StateGraph(ParallelState)
_b.add_node("legal_review", _legal)
_b.add_node("security_review", _security)
_b.add_edge(START, "legal_review")
_b.add_edge(START, "security_review")
_b.add_edge("legal_review", END)
_b.add_edge("security_review", END)
approval_parallel = _b.compile()
