"""The prompt every consumer of qft-reason shares: one system prompt, one way to turn a record into chat.

Training (SFT, GRPO), evaluation and the dataset's `prompt` / `messages` columns all import from here, so
a model is trained and graded on exactly the words it will see.

>>> msgs = build_prompt({"problem": "Give $2+2$ in `\\\\boxed{}`.", "choices": []})
>>> [m["role"] for m in msgs]
['system', 'user']
>>> msgs[0]["content"] == SYSTEM_PROMPT
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["ANSWER_INSTRUCTION", "SYSTEM_PROMPT", "build_messages", "build_prompt", "user_content"]

SYSTEM_PROMPT = (
    "You are an expert in quantum field theory and theoretical physics. Solve the problem step by step, "
    "stating the conventions you use (natural units and metric signature (+,-,-,-) unless the problem says "
    "otherwise). Write mathematics in LaTeX. End your answer with the final result, and nothing else, "
    "inside a single \\boxed{...}: one expression, number or label, using exactly the symbols the problem "
    "names (Greek letters spelled as in LaTeX, e.g. \\alpha, \\lambda). When the problem asks for a "
    "Python function instead, end with that function in a single ```python code block."
)

# Appended to a statement that does not already ask for `\boxed{}` (every procedural statement does).
ANSWER_INSTRUCTION = "Put your final answer within \\boxed{}."


def _get(record: Any, name: str, default: Any = None) -> Any:
    if isinstance(record, Mapping):
        return record.get(name, default)
    return getattr(record, name, default)


def user_content(record: Any) -> str:
    """The user turn of a record: its statement, the choices when the statement does not list them, and
    the `\\boxed{}` instruction when the statement does not already ask for it (never for a code answer,
    whose statement asks for a Python function)."""
    text = str(_get(record, "problem", "")).strip()
    choices = list(_get(record, "choices", None) or [])
    if choices and not all(c in text for c in choices):
        text += "\n\nChoose one of: " + ", ".join(f"`{c}`" for c in choices) + "."
    if "\\boxed" not in text and _get(record, "answer_type", "") != "code":
        text += "\n\n" + ANSWER_INSTRUCTION
    return text


def build_prompt(record: Any) -> list[dict[str, str]]:
    """Conversational prompt (TRL format) for a `Problem` or a row dict: `[system, user]`."""
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user_content(record)}]


def build_messages(record: Any) -> list[dict[str, str]]:
    """SFT conversation: `[system, user, assistant]`, the assistant turn being the worked solution that
    ends in `\\boxed{answer}` (the answer is appended when a solution lacks it)."""
    solution = str(_get(record, "solution", "") or "").strip()
    answer = str(_get(record, "answer", ""))
    if "\\boxed{" not in solution:
        solution = (solution + "\n\n" if solution else "") + f"$$\\boxed{{{answer}}}$$"
    return build_prompt(record) + [{"role": "assistant", "content": solution}]
