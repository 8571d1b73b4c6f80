"""Reward functions for TRL's GRPOTrainer, chosen by name from YAML (`get_reward("accuracy")`).

TRL 1.16 calls every reward as `f(prompts=..., completions=..., completion_ids=..., trainer_state=...,
log_extra=..., log_metric=..., **dataset_columns)` where each dataset column (`answer`, `symbols`,
`answer_type`, `tolerance`, `choices`, `assumptions`, `domain`, `code`, `problem`) arrives as a list with
one entry per completion, and a completion is either a string or a conversational list of `{"role", "content"}` dicts.
A reward returns one float per completion, or None to skip a sample (TRL turns it into NaN and ignores it).

Rewards here are picklable callable classes with a `__name__` (TRL logs under it; multiprocessing and
`accelerate` may pickle them). They never raise: an unverifiable completion scores 0.0, and a record whose
gold answer itself does not parse scores None, so a broken record never punishes the model.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

logger = logging.getLogger(__name__)

__all__ = ["AccuracyReward", "FormatReward", "ThinkFormatReward", "accuracy_reward", "format_reward",
           "think_format_reward", "get_reward", "REWARDS"]


def completion_text(completion: Any) -> str:
    """The assistant text of a completion: a string, or the last assistant message of a conversation."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, dict):
        return str(completion.get("content") or "")
    if isinstance(completion, Sequence):
        for message in reversed(completion):
            if isinstance(message, dict) and message.get("role", "assistant") == "assistant":
                content = message.get("content")
                if isinstance(content, list):  # multimodal parts: keep the text ones
                    return "".join(p.get("text", "") for p in content if isinstance(p, dict))
                return str(content or "")
    return ""


def _column(values: Any, k: int, default: Any) -> Any:
    if values is None:
        return default
    if isinstance(values, (list, tuple)):
        value = values[k] if k < len(values) else default
        return default if value is None else value
    return values  # a scalar applies to every completion


class AccuracyReward:
    r"""1.0 if the completion's final `\boxed{}` answer equals the record's gold answer, else 0.0.

    Uses `qftdata.verify` (symbolic + numeric equivalence under the record's `symbols`, `assumptions`,
    `tolerance`, `choices`), each check under a hard `timeout`, all checks of a batch in parallel.
    Returns None for a record whose gold does not parse (or has no answer column), and for a code answer
    that was not executed because the sandbox (bubblewrap) cannot run here (`sandbox_unavailable`).

    >>> accuracy_reward([r"\boxed{\frac{e^4}{12\pi s}}", r"\boxed{\frac{e^4}{6\pi s}}"],
    ...                 answer=[r"\frac{e^4}{12\pi s}"] * 2, symbols=[["e", "s"]] * 2)
    [1.0, 0.0]
    """

    def __init__(self, timeout: float = 2.0):
        self.timeout = timeout
        self.__name__ = "accuracy"

    def __call__(self, completions: Sequence[Any], answer: Sequence[str] | None = None,
                 symbols: Sequence[Sequence[str]] | None = None, answer_type: Sequence[str] | None = None,
                 tolerance: Sequence[float] | None = None, choices: Sequence[Sequence[str]] | None = None,
                 assumptions: Sequence[str] | None = None, code: Sequence[str] | None = None,
                 domain: Sequence[str] | None = None, problem: Sequence[str] | None = None,
                 **kwargs: Any) -> list[float | None]:
        n = len(completions)
        if answer is None:
            return [None] * n
        try:
            from qftdata.verify.core import _verify_many, record_kwargs

            items = []
            for k, completion in enumerate(completions):
                row = {"answer": _column(answer, k, ""),
                       "answer_type": _column(answer_type, k, "expression") or "expression",
                       "symbols": tuple(_column(symbols, k, ())), "tolerance": _column(tolerance, k, 0.0),
                       "choices": tuple(_column(choices, k, ())), "assumptions": _column(assumptions, k, None),
                       "code": _column(code, k, None), "domain": _column(domain, k, None),
                       "problem": _column(problem, k, None)}
                items.append((completion_text(completion), record_kwargs(row)))
            verdicts = _verify_many(items, self.timeout)
        except Exception:  # noqa: BLE001 - a reward must never take a training step down
            logger.exception("accuracy reward: verifier failed on a batch of %d; scoring it 0.0", n)
            return [0.0] * n
        # None = skip: a broken gold, or a code answer the sandbox could not run (nothing was executed)
        rewards: list[float | None] = [None if v.gold_error or v.status == "sandbox_unavailable"
                                       else float(bool(v)) for v in verdicts]
        log_extra = kwargs.get("log_extra")
        if callable(log_extra):
            with contextlib.suppress(Exception):  # logging is optional
                log_extra("verifier_status", [v.status for v in verdicts])
        return rewards


MAX_FORMAT_CHARS = 1_000_000  # longer completions are degenerate: format 0.0 without reading them


class FormatReward:
    r"""1.0 if the completion ends with one well-formed `\boxed{...}` final answer, else 0.0.

    "Ends with": nothing but punctuation, `$`, closing tags or whitespace after the last box, so a model is
    not paid for boxing an intermediate result and rambling on.

    >>> format_reward(["so the width is $\\boxed{\\frac{g^2}{8\\pi}}$.", "no box", "\\boxed{x"])
    [1.0, 0.0, 0.0]
    """

    _TAIL = re.compile(r"\\\]|\\\)|</answer>|\$|[\s.,;:!]")

    def __init__(self):
        self.__name__ = "format"

    def _score(self, text: str) -> float:
        from qftdata.verify.extract import _BOX_RE, _balanced

        matches = list(_BOX_RE.finditer(text))
        if not matches:
            return 0.0
        pos = matches[-1].end()
        while pos < len(text) and text[pos] == " ":
            pos += 1
        if pos >= len(text) or text[pos] != "{":
            return 0.0
        end = _balanced(text, pos)
        if end is None or not text[pos + 1:end - 1].strip():
            return 0.0
        return 0.0 if self._TAIL.sub("", text[end:]) else 1.0

    def __call__(self, completions: Sequence[Any], **kwargs: Any) -> list[float]:
        out = []
        for completion in completions:
            try:
                text = completion_text(completion)
                # linear regexes, and a cap so that even a degenerate megabyte completion costs milliseconds
                out.append(0.0 if len(text) > MAX_FORMAT_CHARS else self._score(text))
            except Exception:  # noqa: BLE001
                out.append(0.0)
        return out


class ThinkFormatReward(FormatReward):
    r"""1.0 for `<think>...</think>` reasoning (exactly one block, at the start) followed by a boxed answer.

    >>> think_format_reward(["<think>work</think> so \\boxed{1}", "<think>a</think><think>b</think>\\boxed{1}"])
    [1.0, 0.0]
    """

    _THINK = re.compile(r"^\s*<think>(?!.*<think>)(.+?)</think>(.*)$", re.DOTALL)

    def __init__(self):
        self.__name__ = "think_format"

    def _score(self, text: str) -> float:
        m = self._THINK.match(text)
        if not m or "</think>" in m.group(2):
            return 0.0
        return super()._score(m.group(2))


accuracy_reward = AccuracyReward()
format_reward = FormatReward()
think_format_reward = ThinkFormatReward()

REWARDS: dict[str, Callable[[], Callable[..., list]]] = {
    "accuracy": AccuracyReward,
    "format": FormatReward,
    "think_format": ThinkFormatReward,
}


def get_reward(name: str, **kwargs: Any) -> Callable[..., list]:
    """A fresh reward by registry name (`accuracy`, `format`, `think_format`); kwargs go to its constructor."""
    try:
        factory = REWARDS[name]
    except KeyError:
        raise ValueError(f"unknown reward {name!r}; known: {sorted(REWARDS)}") from None
    return factory(**kwargs)
