"""In-process self-verification of a generated row: the verifier's own functions, without its process pool.

Why: the build grades every row's worked solution against its own gold. Through the verifier's pool that
costs a round trip, a second copy of every parse in another process and, for code answers, one sandboxed
interpreter per row (~60 ms CPU) — most of a build's time. Here the same checks run where the row was
generated, with the verifier's public functions:

* categorical: `verify_record` itself (labels never reach the pool);
* expression / numeric: the solution's final answer is extracted with the verifier's `extract_answer`;
  when it is the gold text, the verifier's verdict is `compare_values(parse(gold), parse(gold))`, so the
  gold is parsed once (`parse_values`) and compared with itself (`compare_values`: identical trees for
  expressions, a finite value for numbers). Any other case is left to the pool (`None`);
* code: the reference function is extracted from the solution with the verifier's `extract_code`, must
  define the asked function and import only what the sandbox allows, and is run here on the spec's cases
  (our generator's own output, like the `lambdify` that produced the cases; never model text), each
  output compared with the verifier's `compare`.

The build also sends a few rows per family through the real verifier pool and sandbox and counts any
disagreement (`build_info.json`: quality.selfcheck_audit), so this shortcut stays honest.
"""

from __future__ import annotations

import ast
import json
import signal
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

__all__ = ["SelfCheckTimeout", "completion_for", "self_verify", "time_limit"]

Verdict = tuple[bool, str, str]
_UNIT_MARKERS = ("\\text", "\\mathrm", "\\rm", "\\mbox")


class SelfCheckTimeout(Exception):
    """The in-process check ran past its limit (the row goes to the verifier pool instead)."""


def completion_for(row: Mapping[str, Any]) -> str:
    """What self-verification grades: the worked solution when it boxes an answer, else the boxed gold."""
    solution = row.get("solution") or ""
    return solution if "\\boxed" in solution else f"\\boxed{{{row.get('answer', '')}}}"


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise SelfCheckTimeout after `seconds` (SIGALRM: main thread only; elsewhere no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(signum, frame):  # noqa: ARG001 - signal handler signature
        raise SelfCheckTimeout(f"in-process self-check over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _squash(text: str) -> str:
    return "".join(text.split())


def _gold_text(gold: str) -> str:
    """The gold as the verifier reads it (a boxed gold is extracted, any other cleaned)."""
    from qftdata.verify import extract_answer
    from qftdata.verify.extract import clean_answer

    if "\\boxed" in gold or "\\fbox" in gold:
        found = extract_answer(gold)
        if found is not None:
            return found
    return clean_answer(gold)


def _expression(row: Mapping[str, Any], completion: str) -> Verdict | None:
    from qftdata.verify import extract_answer
    from qftdata.verify.compare import compare_values
    from qftdata.verify.parse import canonical_name, parse_values

    gold = row.get("answer") or ""
    if not gold.strip():
        return False, "unparseable", "gold answer is empty"
    if any(m in gold for m in _UNIT_MARKERS):
        return None  # the verifier strips units from numeric predictions: let it decide
    gold_text = _gold_text(gold)
    extracted = extract_answer(completion)
    if extracted is None or _squash(extracted) != _squash(gold_text):
        return None  # the solution boxes something else (or nothing): the full verifier decides
    symbols = tuple(str(s) for s in row.get("symbols") or ())
    raw = row.get("assumptions") or {}
    assumptions = json.loads(raw) if isinstance(raw, str) and raw.strip() else (raw or {})
    try:
        values, unordered = parse_values(gold_text, symbols, dict(assumptions))
        used = {s.name for v in values for s in v.free_symbols}
        allowed = frozenset({canonical_name(s) for s in symbols} | used)
        ok, why = compare_values(values, values, unordered, row.get("answer_type") or "expression",
                                 float(row.get("tolerance") or 0.0), allowed)
    except SelfCheckTimeout:
        raise
    except Exception as exc:  # the verifier's worker turns these into an unparseable gold too
        return False, "unparseable", f"gold answer does not parse: {type(exc).__name__}: {exc}"[:300]
    return (True, "correct", why) if ok else (False, "incorrect", why)


def _allowed_imports() -> frozenset[str]:
    from qftdata.verify.sandbox import DEFAULT_LIMITS

    return frozenset(DEFAULT_LIMITS.allowed_imports)


def _code(row: Mapping[str, Any], completion: str) -> Verdict | None:
    from qftdata.verify.code import CodeSpec, CodeSpecError, compare, extract_code

    try:
        spec = CodeSpec.from_json(row.get("code") or "")
    except CodeSpecError as exc:
        return False, "unparseable", f"bad code spec: {exc}"
    code, how = extract_code(completion, spec.function)
    if code is None:
        return False, "no_answer", how
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        return False, "unparseable", f"syntax error, line {exc.lineno}: {exc.msg}"
    defines = any(isinstance(n, ast.FunctionDef) and n.name == spec.function for n in tree.body)
    if not defines:
        return None  # e.g. `f = lambda ...`: the verifier's own rules decide
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    if not imported <= _allowed_imports():
        return None  # the sandbox would refuse (or allow by its own rules): let it decide
    namespace: dict[str, Any] = {}
    try:
        exec(compile(tree, "<reference>", "exec"), namespace)  # noqa: S102 - trusted: the family's own reference implementation (generator output, never model text)
        function = namespace[spec.function]
        for i, case in enumerate(spec.cases):
            got = function(**dict(case.inputs))
            atol = spec.atol if case.atol is None else case.atol
            rtol = spec.rtol if case.rtol is None else case.rtol
            ok, why = compare(case.expected, got, spec.returns, atol, rtol)
            if not ok:
                return False, "incorrect", f"case {i}: {why}"
    except SelfCheckTimeout:
        raise
    except Exception as exc:
        return False, "incorrect", f"reference raised {type(exc).__name__}: {exc}"[:300]
    return True, "correct", f"all {len(spec.cases)} cases pass (in-process reference run)"


def self_verify(row: Mapping[str, Any]) -> Verdict | None:
    """(ok, status, reason) of grading the row's own solution against its gold, or None when only the full
    verifier (pool or sandbox) can decide. Never raises except SelfCheckTimeout (see `time_limit`)."""
    completion = completion_for(row)
    answer_type = row.get("answer_type") or "expression"
    try:
        if answer_type == "categorical":
            from qftdata.verify import verify_record

            v = verify_record(completion, row)
            return bool(v), str(v.status), str(v.reason or "")
        if answer_type == "code":
            # trusted: only a generator's own reference runs in-process; any other row's code goes to the sandbox
            return _code(row, completion) if row.get("source") == "procedural" else None
        if answer_type in ("expression", "numeric"):
            return _expression(row, completion)
    except SelfCheckTimeout:
        raise
    except Exception:  # an unexpected failure here is ours, not the row's: the full verifier decides
        return None
    return None
