"""Grade pasted text with the project verifier, however long the trace.

The Space does not cut the input: the verifier itself reads only the last `extract.MAX_INPUT` characters of
a completion (the last `code.MAX_COMPLETION_CHARS` for a code answer), where the final `\\boxed{}` or code
block is, in an O(1) slice before its time-limited worker starts. So a 30k- or 300k-character reasoning
trace keeps its final answer, and the page says when only the tail was read.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from qftdata.space.render import verdict_markdown

__all__ = ["CHECK_TIMEOUT_S", "CheckResult", "check_answer", "check_row", "tail_bound"]

logger = logging.getLogger(__name__)

CHECK_TIMEOUT_S = 5.0


@dataclass
class CheckResult:
    verdict: str  # "correct" / "incorrect" / ...
    markdown: str
    taxonomy: str | None = None


def tail_bound(answer_type: str) -> int:
    """How many trailing characters the verifier reads for this answer type (its own bound, not ours)."""
    if answer_type == "code":
        from qftdata.verify.code import MAX_COMPLETION_CHARS

        return MAX_COMPLETION_CHARS
    from qftdata.verify.extract import MAX_INPUT

    return MAX_INPUT


def _taxonomy(pred: str | None, record: dict[str, Any], status: str) -> str | None:
    """The error-taxonomy label of `qftdata.analysis` (a hint: its failure must not hide the verdict)."""
    try:
        from qftdata.analysis.taxonomy import classify

        return str(classify(pred, str(record.get("answer", "")), symbols=list(record.get("symbols") or []),
                            status=status, assumptions=record.get("assumptions") or None,
                            answer_type=str(record.get("answer_type") or "expression")))
    except Exception:
        logger.exception("taxonomy failed")
        return None


def _candidate(text: str, answer_type: str) -> str:
    """A bare one-line expression is graded as if it were boxed; anything else as a model output."""
    if answer_type == "code" or "\\boxed" in text or "\n" in text.strip():
        return text
    return f"\\boxed{{{text.strip()}}}"


def _grade(text: str, record: dict[str, Any]) -> CheckResult:
    from qftdata.verify import verify_record

    text = text or ""
    answer_type = str(record.get("answer_type") or "expression")
    if not text.strip():
        return CheckResult("no_answer", verdict_markdown(
            "no_answer", "Nothing to grade: paste a model output (its last \\boxed{} is graded) or an expression."))
    bound = tail_bound(answer_type)
    note = (f"The input has {len(text):,} characters; the verifier read the last {bound:,}, where the final "
            "answer is." if len(text) > bound else "")
    v = verify_record(_candidate(text, answer_type), record, timeout=CHECK_TIMEOUT_S)
    label = None
    if v.status not in ("correct", "sandbox_unavailable") and answer_type != "code":
        label = _taxonomy(v.extracted, record, v.status)
    md = verdict_markdown(v.status, v.reason, extracted=v.extracted, pred=v.pred_parsed, gold=v.gold_parsed,
                          code=answer_type == "code", note=note, label=label)
    return CheckResult(v.status, md, label)


def check_row(text: str, row: dict[str, Any]) -> CheckResult:
    """Grade `text` against a dataset row (its gold, symbols, assumptions, domain, code spec...)."""
    return _grade(text, row)


def check_answer(text: str, gold: str, *, answer_type: str = "expression", symbols: list[str] | None = None,
                 tolerance: float = 0.0, choices: list[str] | None = None, assumptions: str | dict | None = None,
                 ) -> CheckResult:
    """Grade `text` against a free gold answer typed by the visitor."""
    if isinstance(assumptions, dict):
        assumptions = json.dumps(assumptions)
    record = {"answer": gold, "answer_type": answer_type, "symbols": list(symbols or []), "tolerance": tolerance,
              "choices": list(choices or []), "assumptions": assumptions or "{}"}
    return _grade(text, record)
