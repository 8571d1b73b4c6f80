"""SFT conversations that keep the reasoning, and a check that the trained tokens are the ones we meant.

Three things go wrong silently in SFT of reasoning models, and each has bitten this project:

* a chat template that drops the reasoning of an assistant turn (DeepSeek-R1-Distill renders only the
  text after `</think>`), so the model is trained on `Final: \\boxed{42}` alone;
* a `max_length` shorter than the prompt, so no solution token is ever in the labels;
* R1-Distill traces that start inside the reasoning (the template pre-fills `<think>\\n`), which a
  training template would render without the opening tag the model sees at inference.

`to_prompt_completion` shapes a `messages` row as TRL's conversational prompt-completion pair (so the
loss covers the assistant turn only, with any chat template) and restores the opening `<think>`;
`check_labels` decodes the labels of a built `SFTTrainer` and raises if a solution or its reasoning is
not in them.

>>> to_prompt_completion([{"role": "user", "content": "q"}, {"role": "assistant", "content": "r</think>A"}])
{'prompt': [{'role': 'user', 'content': 'q'}], 'completion': [{'role': 'assistant', 'content': '<think>\\nr</think>A'}]}
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

__all__ = ["LabelReport", "check_labels", "reasoning_of", "solution_as_reasoning", "to_prompt_completion",
           "with_think_open"]

logger = logging.getLogger(__name__)

THINK_OPEN, THINK_CLOSE = "<think>", "</think>"


def with_think_open(content: str) -> str:
    """Put back the `<think>` an R1-Distill trace lacks (its template pre-fills it in the prompt)."""
    if THINK_CLOSE in content and THINK_OPEN not in content:
        return THINK_OPEN + "\n" + content
    return content


def solution_as_reasoning(content: str) -> str:
    r"""A worked solution as a thinking model's turn: the derivation inside `<think>...</think>`, then the
    final boxed answer, the shape the `think_format` GRPO reward pays for.

    >>> solution_as_reasoning("so $$\\boxed{3}$$")
    '<think>\nso $$\\boxed{3}$$\n</think>\n\n$$\\boxed{3}$$'
    """
    from qftdata.sampling import last_boxed

    if THINK_CLOSE in content:
        return with_think_open(content)
    answer = last_boxed(content)
    tail = f"$$\\boxed{{{answer}}}$$" if answer is not None else ""
    return f"{THINK_OPEN}\n{content.strip()}\n{THINK_CLOSE}\n\n{tail}"


def to_prompt_completion(messages: list[dict[str, Any]], *, as_reasoning: bool = False) -> dict[str, list]:
    """Split a conversation at its last assistant turn into TRL's conversational prompt / completion."""
    last = max((i for i, m in enumerate(messages) if m.get("role") == "assistant"), default=None)
    if last is None:
        raise ValueError("an SFT conversation needs an assistant turn; this one has roles "
                         f"{[m.get('role') for m in messages]}")
    content = str(messages[last].get("content") or "")
    content = solution_as_reasoning(content) if as_reasoning else with_think_open(content)
    prompt = [{"role": m["role"], "content": str(m.get("content") or "")} for m in messages[:last]]
    return {"prompt": prompt, "completion": [{"role": "assistant", "content": content}]}


def reasoning_of(content: str) -> str:
    """The text between `<think>` and `</think>` ('' when the turn has no reasoning)."""
    if THINK_CLOSE not in content:
        return ""
    return content.split(THINK_CLOSE)[0].split(THINK_OPEN)[-1].strip()


@dataclass
class LabelReport:
    """What the first rows of a built SFT dataset train on."""

    rows_checked: int
    rows_in_dataset: int
    rows_before: int
    trained_tokens: int  # label tokens over the checked rows
    reasoning_rows: int  # checked rows whose completion has reasoning
    reasoning_kept: int  # ... whose reasoning is in the labels

    def line(self) -> str:
        return (f"SFT labels: {self.rows_in_dataset}/{self.rows_before} rows keep solution tokens within "
                f"max_length; first {self.rows_checked} rows train on {self.trained_tokens} tokens; reasoning "
                f"kept in {self.reasoning_kept}/{self.reasoning_rows} rows that have it")


def _snippet(reasoning: str, width: int = 48) -> str:
    """A stretch from the middle of the reasoning: decoding rarely reproduces the exact first characters
    next to a mask boundary, the middle always."""
    text = reasoning.strip()
    if len(text) <= width:
        return text
    start = (len(text) - width) // 2
    return text[start:start + width]


def check_labels(train_dataset: Any, tokenizer: Any, rows_before: int, max_length: int | None,
                 n: int = 16) -> LabelReport:
    """Decode the labels of the first `n` rows of a *prepared* SFT dataset (`trainer.train_dataset`: TRL
    has already rendered, masked and truncated them) and raise `ValueError` when no solution token is
    trained, or when a completion's reasoning is missing from what is trained."""
    n_rows = len(train_dataset)
    if n_rows == 0:
        raise ValueError(f"no SFT row keeps a solution token within max_length={max_length}: the prompts alone "
                         f"are that long. Raise max_length (or shorten the prompts).")
    report = LabelReport(rows_checked=min(n, n_rows), rows_in_dataset=n_rows, rows_before=rows_before,
                         trained_tokens=0, reasoning_rows=0, reasoning_kept=0)
    has_completion = "completion" in train_dataset.column_names
    for i in range(report.rows_checked):
        row = train_dataset[i]
        trained = [t for t in row["labels"] if t != -100]
        report.trained_tokens += len(trained)
        if not has_completion:
            continue
        reasoning = reasoning_of(str(row["completion"][-1]["content"]))
        if not reasoning:
            continue
        report.reasoning_rows += 1
        text = tokenizer.decode(trained, skip_special_tokens=False)
        snippet = _snippet(reasoning)
        if snippet in text:
            report.reasoning_kept += 1
        elif max_length is None or len(row["input_ids"]) < max_length:  # not a truncation: the template
            raise ValueError(
                "the chat template drops the reasoning from the trained text (the labels of row "
                f"{i} lack {snippet!r}). Set `assistant_only_loss: true` (TRL then swaps in its training "
                "template for R1-Distill and Qwen3) or give `chat_template_path` a template that renders "
                "<think>...</think> in assistant turns.")
    if report.trained_tokens == 0:
        raise ValueError(f"the first {report.rows_checked} SFT rows have no trained token: check max_length "
                         f"({max_length}) and the completion mask")
    if n_rows < rows_before:
        logger.warning("%d of %d SFT rows had no solution token within max_length=%s and were dropped",
                       rows_before - n_rows, rows_before, max_length)
    return report
