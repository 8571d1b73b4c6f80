"""The verifier's front door: extraction in the caller, parse + compare in a time-limited worker."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from qftdata.verify.extract import Extraction, clean_answer, extract

# sandbox_unavailable: a code answer was not executed because bubblewrap cannot run here (reward None).
STATUSES = ("correct", "incorrect", "no_answer", "unparseable", "timeout", "sandbox_unavailable")
ANSWER_TYPES = ("expression", "numeric", "categorical", "code")


@dataclass(frozen=True)
class Verdict:
    """The outcome of one check. `bool(v)` is True iff `v.status == "correct"`.

    `reason` says why in words; `extracted` is the answer text found in the completion; `pred_parsed` and
    `gold_parsed` are the sympy forms as strings (None where nothing was parsed). `gold_error` marks a record
    whose gold itself does not parse (a reward should skip it rather than punish the model).
    """

    status: str
    reason: str = ""
    extracted: str | None = None
    pred_parsed: str | None = None
    gold_parsed: str | None = None
    gold_error: bool = False

    def __bool__(self) -> bool:
        return self.status == "correct"


def _norm_assumptions(assumptions: Mapping[str, str] | str | None) -> tuple[tuple[str, str], ...]:
    if assumptions is None or assumptions == "":
        return ()
    if isinstance(assumptions, str):
        assumptions = json.loads(assumptions)
    if not isinstance(assumptions, Mapping):
        raise ValueError("assumptions: expected a mapping symbol -> domain")
    return tuple(sorted((str(k), str(v)) for k, v in assumptions.items()))


def _gold_text(gold: str) -> str:
    if "\\boxed" in gold or "\\fbox" in gold:
        found = extract(gold).answer
        if found is not None:
            return found
    return clean_answer(gold)


def _prepare(completion: Any, gold: Any, answer_type: str, symbols: Iterable[str], tolerance: float,
             choices: Sequence[str], assumptions, code, timeout: float = 2.0) -> Verdict | tuple | _CodeTask:
    """Either a final Verdict (decided without sympy) or the worker task for this check."""
    if answer_type not in ANSWER_TYPES:
        return Verdict("unparseable", f"unknown answer_type {answer_type!r}", gold_error=True)
    if answer_type == "code":
        return _CodeTask(completion, code)
    found = extract(completion)
    if not isinstance(gold, str) or not gold.strip():
        return Verdict("unparseable", "gold answer is empty", found.answer, gold_error=True)
    if found.answer is None and answer_type == "categorical":
        return _no_answer(found.why)
    if answer_type == "categorical":
        from qftdata.verify.compare import compare_categorical

        ok, why = compare_categorical(found.answer, _gold_text(gold), tuple(choices or ()))
        return Verdict("correct" if ok else "incorrect", why, found.answer, found.answer, _gold_text(gold))
    try:
        amap = _norm_assumptions(assumptions)
    except (ValueError, TypeError) as exc:
        return Verdict("unparseable", f"bad assumptions: {exc}", found.answer, gold_error=True)
    syms = tuple(str(s) for s in (symbols or ()))
    try:
        tol = float(tolerance or 0.0)
    except (TypeError, ValueError):
        tol = 0.0
    answer = found.answer
    if answer is not None and answer_type == "numeric":  # `125.1\,\text{GeV}`: an explicit text unit
        answer = re.sub(r"\s*\\(?:text|mathrm|rm|mbox)\s*\{\s*[A-Za-z][A-Za-z\s/^0-9\-]*\}\s*$", "", answer) or answer
        found = Extraction(answer, found.why)
    # No answer found: the worker still checks the gold (cached), so a broken record is flagged either way.
    return found, (found.answer, _gold_text(gold), answer_type, syms, tol, amap)


def _no_answer(why: str, gold_parsed: str | None = None) -> Verdict:
    return Verdict("unparseable" if "unbalanced" in why else "no_answer", why, gold_parsed=gold_parsed)


def _verify_code(completion: Any, code: Any, timeout: float) -> Verdict:
    """Grade in the sandbox; `sandbox_unavailable` (nothing executed, fail closed) passes through."""
    try:
        from qftdata.verify.code import verify_code
    except ImportError:
        return Verdict("unparseable", "code answers need qftdata.verify.code")
    spec = code
    if isinstance(code, str):
        try:
            spec = json.loads(code) if code.strip() else {}
        except json.JSONDecodeError as exc:
            return Verdict("unparseable", f"code spec is not JSON: {exc.msg}", gold_error=True)
    return verify_code(completion, spec or {}, timeout)


@dataclass(frozen=True)
class _CodeTask:
    """A code answer: graded in the sandbox (one interpreter per completion), not in the sympy pool."""

    completion: Any
    code: Any


def _verify_many(items: Sequence[tuple[Any, dict]], timeout: float) -> list[Verdict]:
    from qftdata.verify.pool import run_checks

    verdicts: list[Verdict | None] = [None] * len(items)
    tasks, where, extracted = [], [], []
    code_tasks: dict[int, _CodeTask] = {}
    for k, (completion, kw) in enumerate(items):
        prep = _prepare(completion, **kw, timeout=timeout)
        if isinstance(prep, Verdict):
            verdicts[k] = prep
        elif isinstance(prep, _CodeTask):
            code_tasks[k] = prep
        else:
            extracted.append(prep[0])
            tasks.append(prep[1])
            where.append(k)
    for k, found, res in zip(where, extracted, run_checks(tasks, timeout), strict=True):
        status, reason, pshown, gshown, gold_error = res
        if found.answer is None and not gold_error:
            verdicts[k] = _no_answer(found.why, gshown)
        else:
            verdicts[k] = Verdict(status, reason, found.answer, pshown, gshown, gold_error)
    if len(code_tasks) == 1:
        (k, task), = code_tasks.items()
        verdicts[k] = _verify_code(task.completion, task.code, timeout)
    elif code_tasks:  # sandbox runs are subprocesses: overlap them on a small thread pool
        import os
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(len(code_tasks), os.cpu_count() or 1)) as ex:
            done = {k: ex.submit(_verify_code, t.completion, t.code, timeout) for k, t in code_tasks.items()}
            for k, fut in done.items():
                verdicts[k] = fut.result()
    return verdicts  # type: ignore[return-value]


def _kwargs(answer_type="expression", symbols=(), tolerance=0.0, choices=(), assumptions=None, code=None):
    return {"answer_type": answer_type or "expression", "symbols": symbols or (), "tolerance": tolerance or 0.0,
            "choices": choices or (), "assumptions": assumptions, "code": code}


def verify(completion: str, gold: str, answer_type: str = "expression", symbols: Iterable[str] = (),
           tolerance: float = 0.0, timeout: float = 2.0, choices: Sequence[str] = (),
           assumptions: Mapping[str, str] | str | None = None, code: Mapping | str | None = None) -> Verdict:
    r"""Grade one completion against a gold answer; always returns a Verdict, within `timeout` (+~1 s).

    >>> verify(r"... so \boxed{\frac{e^4}{12\pi s}}", r"\frac{e^4}{12\pi s}", symbols=["e", "s"]).status
    'correct'
    >>> verify(r"\boxed{\frac{e^4}{6\pi s}}", r"\frac{e^4}{12\pi s}", symbols=["e", "s"]).status
    'incorrect'
    """
    kw = _kwargs(answer_type, symbols, tolerance, choices, assumptions, code)
    return _verify_many([(completion, {"gold": gold, **kw})], timeout)[0]


def verify_batch(completions: Sequence[str], gold: str, timeout: float = 2.0, **kwargs) -> list[Verdict]:
    """Grade many completions against ONE gold: the gold is parsed once per worker process (cached there),
    and the completions are checked in parallel, one time-limited task each."""
    kw = _kwargs(**kwargs)
    return _verify_many([(c, {"gold": gold, **kw}) for c in completions], timeout)


def _record_kwargs(record: Any) -> dict:
    row = record.to_dict() if hasattr(record, "to_dict") else dict(record)
    return {"gold": row.get("answer", ""),
            **_kwargs(row.get("answer_type"), row.get("symbols"), row.get("tolerance"), row.get("choices"),
                      row.get("assumptions") or None, row.get("code") or None)}


def verify_record(completion: str, record: Any, timeout: float = 2.0) -> Verdict:
    """`verify` with the gold and its settings taken from a `schema.Problem` or a dataset row (dict)."""
    return _verify_many([(completion, _record_kwargs(record))], timeout)[0]


def verify_records(completions: Sequence[str], records: Sequence[Any], timeout: float = 2.0) -> list[Verdict]:
    """Pairwise `verify_record` for many (completion, record) pairs, checked in parallel."""
    return _verify_many([(c, _record_kwargs(r)) for c, r in zip(completions, records, strict=True)], timeout)
