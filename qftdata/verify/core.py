"""The verifier's front door: everything that reads model text runs in a time-limited worker.

The caller only validates the record's settings and keeps the last `extract.MAX_INPUT` characters of each
completion (an O(1)-sized slice), so a call returns within `timeout + pool.OVERHEAD_S` of its checks
starting, whatever the input (see pool.py for the clock and docs/verifier.md for what the limit covers).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from qftdata.verify.extract import MAX_INPUT

# sandbox_unavailable: a code answer was not executed because bubblewrap cannot run here (reward None).
STATUSES = ("correct", "incorrect", "no_answer", "unparseable", "timeout", "sandbox_unavailable")
ANSWER_TYPES = ("expression", "numeric", "categorical", "code")
MAX_DOMAIN = 32  # relations per record
STATEMENT_TAIL = 400  # characters at the end of a statement where a numeric answer's unit is looked for


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


def _norm_domain(domain: Sequence[str] | str | None) -> tuple[str, ...]:
    """The record's physical region: a JSON list string (the dataset column) or a list of relations."""
    if domain is None or domain == "":
        return ()
    if isinstance(domain, str):
        domain = json.loads(domain)
    if not isinstance(domain, (list, tuple)) or not all(isinstance(r, str) for r in domain):
        raise ValueError("domain: expected a list of relations such as 'M > m_1 + m_2'")
    if len(domain) > MAX_DOMAIN:
        raise ValueError(f"domain: more than {MAX_DOMAIN} relations")
    return tuple(domain)


def _prepare(completion: Any, gold: Any, answer_type: str, symbols: Iterable[str], tolerance: float,
             choices: Sequence[str], assumptions, code, domain=None, unit=None, statement=None
             ) -> Verdict | tuple | _CodeTask:
    """Either a final Verdict (a broken record setting), a code task, or the worker task for this check."""
    if answer_type not in ANSWER_TYPES:
        return Verdict("unparseable", f"unknown answer_type {answer_type!r}", gold_error=True)
    if answer_type == "code":
        return _CodeTask(completion, code)
    if not isinstance(gold, str) or not gold.strip():
        return Verdict("unparseable", "gold answer is empty", gold_error=True)
    try:
        amap = _norm_assumptions(assumptions)
    except (ValueError, TypeError) as exc:
        return Verdict("unparseable", f"bad assumptions: {exc}", gold_error=True)
    try:
        region = _norm_domain(domain)
    except (ValueError, TypeError) as exc:
        return Verdict("unparseable", f"bad domain: {exc}", gold_error=True)
    try:
        tol = float(tolerance or 0.0)
    except (TypeError, ValueError):
        tol = 0.0
    text = completion[-MAX_INPUT:] if isinstance(completion, str) else None  # O(1) slice; the rest in the worker
    syms = tuple(str(s) for s in (symbols or ()))
    unit = str(unit) if unit else None
    tail = statement[-STATEMENT_TAIL:] if isinstance(statement, str) and answer_type == "numeric" else None
    return (text, gold, answer_type, syms, tol, amap, region, unit, tuple(str(c) for c in (choices or ())), tail)


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
    tasks, where = [], []
    code_tasks: dict[int, _CodeTask] = {}
    for k, (completion, kw) in enumerate(items):
        prep = _prepare(completion, **kw)
        if isinstance(prep, Verdict):
            verdicts[k] = prep
        elif isinstance(prep, _CodeTask):
            code_tasks[k] = prep
        else:
            tasks.append(prep)
            where.append(k)
    for k, res in zip(where, run_checks(tasks, timeout), strict=True):
        status, reason, extracted, pshown, gshown, gold_error = res
        verdicts[k] = Verdict(status, reason, extracted, pshown, gshown, gold_error)
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


def _kwargs(answer_type="expression", symbols=(), tolerance=0.0, choices=(), assumptions=None, code=None,
            domain=None, unit=None, statement=None):
    return {"answer_type": answer_type or "expression", "symbols": symbols or (), "tolerance": tolerance or 0.0,
            "choices": choices or (), "assumptions": assumptions, "code": code, "domain": domain or None,
            "unit": unit or None, "statement": statement or None}


def verify(completion: str, gold: str, answer_type: str = "expression", symbols: Iterable[str] = (),
           tolerance: float = 0.0, timeout: float = 2.0, choices: Sequence[str] = (),
           assumptions: Mapping[str, str] | str | None = None, code: Mapping | str | None = None,
           domain: Sequence[str] | str | None = None, unit: str | None = None) -> Verdict:
    r"""Grade one completion against a gold answer; always returns a Verdict, within `timeout` + 0.5 s of
    the check starting (the first call of a process also waits for the workers to start).

    `domain`: the physical region of the symbols (`["M > m_1 + m_2"]`); `unit`: the unit a numeric answer is
    asked in (else the unit written after the gold's number).

    >>> verify(r"... so \boxed{\frac{e^4}{12\pi s}}", r"\frac{e^4}{12\pi s}", symbols=["e", "s"]).status
    'correct'
    >>> verify(r"\boxed{\frac{e^4}{6\pi s}}", r"\frac{e^4}{12\pi s}", symbols=["e", "s"]).status
    'incorrect'
    """
    kw = _kwargs(answer_type, symbols, tolerance, choices, assumptions, code, domain, unit)
    return _verify_many([(completion, {"gold": gold, **kw})], timeout)[0]


def verify_batch(completions: Sequence[str], gold: str, timeout: float = 2.0, **kwargs) -> list[Verdict]:
    """Grade many completions against ONE gold: the gold is parsed once per worker process (cached there),
    and the completions are checked in parallel, one time-limited task each."""
    kw = _kwargs(**kwargs)
    return _verify_many([(c, {"gold": gold, **kw}) for c in completions], timeout)


def record_kwargs(record: Any) -> dict:
    """The verifier settings of a `schema.Problem` or a dataset row (dict): gold, symbols, domain, unit..."""
    row = record.to_dict() if hasattr(record, "to_dict") else dict(record)
    return {"gold": row.get("answer", ""),
            **_kwargs(row.get("answer_type"), row.get("symbols"), row.get("tolerance"), row.get("choices"),
                      row.get("assumptions") or None, row.get("code") or None, row.get("domain") or None,
                      statement=row.get("problem") or None)}


def verify_record(completion: str, record: Any, timeout: float = 2.0) -> Verdict:
    """`verify` with the gold and its settings taken from a `schema.Problem` or a dataset row (dict)."""
    return _verify_many([(completion, record_kwargs(record))], timeout)[0]


def verify_records(completions: Sequence[str], records: Sequence[Any], timeout: float = 2.0) -> list[Verdict]:
    """Pairwise `verify_record` for many (completion, record) pairs, checked in parallel."""
    return _verify_many([(c, record_kwargs(r)) for c, r in zip(completions, records, strict=True)], timeout)
