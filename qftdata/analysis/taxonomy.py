"""An automatic error taxonomy: what kind of wrong is a wrong final answer?

Computed from the extracted answer and the gold alone (no LLM), with sympy, by evaluating both at random
points of their symbols (the verifier's own approach, so a form that sympy cannot simplify is still
recognised). One label per answer, from a small fixed vocabulary, checked in this order:

=====================  ==========================================================================
label                  meaning (detail field)
=====================  ==========================================================================
`correct`              the answer is right (status "correct", or equal at every sample point)
`truncated`            no usable final answer and the generation hit the token limit
`no_answer`            no final answer (no `\\boxed{}` and no "final answer" line)
`unparseable`          an answer that does not parse (detail: the parser's reason)
`wrong_sign`           pred = -gold, or one additive term has the wrong sign (detail: `overall` or
                       `term <t>`)
`rational_factor`      pred = r * gold for a rational r != ±1 with numerator and denominator <= 64
                       (detail: `factor:2`, `factor:1/2`, `factor:-3/4`)
`pi_power`             pred = r * pi^k * gold, k != 0 (detail: `factor:pi`, `factor:1/(4*pi)`,
                       `factor:2*pi**2`)
`wrong_variables`      the right form in the wrong variables: a renaming of the prediction's symbols
                       makes it equal (detail: `m->M`, `s<->t`)
`additive_term`        one additive term missing or extra (detail: `missing <t>` / `extra <t>`)
`numerically_close`    within 5% of the gold at every sample point but not equal (detail: the constant
                       ratio, or the max relative difference)
`other`                none of the above (detail: a hint, e.g. undeclared symbols)
`timeout`              the classification did not finish within its time limit
=====================  ==========================================================================

`parse_answer` has no time limit of its own, so `classify` runs the sympy part in a pebble process pool
whose worker is killed after `timeout` seconds (label `timeout`); `timeout=None` runs in-process.

>>> classify("-\\\\frac{e^2}{4\\\\pi}", "\\\\frac{e^2}{4\\\\pi}", symbols=["e"], timeout=None)
'wrong_sign'
>>> classify_detail("\\\\frac{\\\\lambda}{8\\\\pi^2}", "\\\\frac{\\\\lambda}{16\\\\pi^2}", symbols=["lambda"], timeout=None)
Classification(label='rational_factor', detail='factor:2')
"""

from __future__ import annotations

import atexit
import concurrent.futures
import itertools
import math
import multiprocessing
import os
import random
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

__all__ = ["ERROR_LABELS", "LABELS", "LABEL_DESCRIPTIONS", "Classification", "classify", "classify_detail",
           "classify_many"]

LABELS: tuple[str, ...] = ("correct", "truncated", "no_answer", "unparseable", "wrong_sign", "rational_factor",
                           "pi_power", "wrong_variables", "additive_term", "numerically_close", "other",
                           "timeout")
ERROR_LABELS: tuple[str, ...] = LABELS[1:]
LABEL_DESCRIPTIONS: dict[str, str] = {
    "correct": "the answer is right",
    "truncated": "no usable final answer; the generation hit the token limit",
    "no_answer": "no final answer (no \\boxed{} and no 'final answer' line)",
    "unparseable": "a final answer that does not parse",
    "wrong_sign": "pred = -gold, or one additive term has the wrong sign",
    "rational_factor": "pred = r * gold, r rational != ±1 (detail: factor:2, factor:1/2, ...)",
    "pi_power": "pred = r * pi^k * gold, k != 0 (detail: factor:pi, factor:1/(4*pi), ...)",
    "wrong_variables": "right form, wrong variables: a renaming of symbols makes it equal (m->M, s<->t)",
    "additive_term": "one additive term missing or extra",
    "numerically_close": "within 5% of the gold at every sample point, not equal",
    "other": "none of the above",
    "timeout": "the classifier ran out of time",
}

DEFAULT_TIMEOUT = 10.0
N_POINTS = 5
REL_EQUAL = 1e-9
REL_CLOSE = 0.05
MAX_DENOMINATOR = 64  # factors that are slips (2, 1/2, 3/4, 1/16, 32...), not approximations
MAX_TERMS = 16
MAX_RENAME_SYMBOLS = 4


@dataclass(frozen=True)
class Classification:
    label: str
    detail: str = ""


# --------------------------------------------------------------------------------------------- public
def classify(pred: str | None, gold: str, symbols: Sequence[str] = (), status: str | None = None,
             finish_reason: str | None = None, assumptions: Mapping[str, str] | str | None = None, *,
             answer_type: str | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> str:
    """The error label of one final answer (see the module docstring for the vocabulary).

    `pred` is the extracted answer (`Verdict.extracted`), `status` the verifier's status, `finish_reason`
    the generation's ("length" = cut at the token limit)."""
    return classify_detail(pred, gold, symbols, status, finish_reason, assumptions, answer_type=answer_type,
                           timeout=timeout).label


def classify_detail(pred: str | None, gold: str, symbols: Sequence[str] = (), status: str | None = None,
                    finish_reason: str | None = None, assumptions: Mapping[str, str] | str | None = None, *,
                    answer_type: str | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> Classification:
    """`classify` with the detail (which factor, which term, which renaming)."""
    item = dict(pred=pred, gold=gold, symbols=symbols, status=status, finish_reason=finish_reason,
                assumptions=assumptions, answer_type=answer_type)
    return classify_many([item], timeout=timeout)[0]


def classify_many(items: Sequence[Mapping[str, Any]], timeout: float | None = DEFAULT_TIMEOUT
                  ) -> list[Classification]:
    """Classify many answers (dicts with the keyword arguments of `classify`) in parallel, each under its
    own hard time limit."""
    out: list[Classification | None] = []
    todo: list[tuple[int, tuple]] = []
    for i, item in enumerate(items):
        quick = _quick(item)
        out.append(quick)
        if quick is None:
            todo.append((i, _task_args(item)))
    if todo:
        if timeout is None:
            results = [_analyse_safe(*args) for _, args in todo]
        else:
            results = _run_in_pool([args for _, args in todo], timeout)
        for (i, _), res in zip(todo, results, strict=True):
            out[i] = res
    return [c if c is not None else Classification("other") for c in out]


# --------------------------------------------------------------------------------------------- cheap part
def _quick(item: Mapping[str, Any]) -> Classification | None:
    """Labels that need no sympy (status, missing answer, truncation); None: analyse."""
    status = item.get("status")
    pred = item.get("pred")
    truncated = item.get("finish_reason") == "length"
    missing = pred is None or not str(pred).strip()
    if status == "correct":
        return Classification("correct")
    if truncated and (missing or status in ("no_answer", "unparseable")):
        return Classification("truncated", "" if missing else "answer cut at the token limit")
    if missing and status == "unparseable":
        return Classification("unparseable", "no complete final answer (e.g. an unbalanced \\boxed{)")
    if missing or status == "no_answer":
        return Classification("no_answer")
    if item.get("answer_type") in ("code", "categorical"):
        return Classification("other", f"{item['answer_type']} answer")
    return None


def _task_args(item: Mapping[str, Any]) -> tuple:
    import json

    assumptions = item.get("assumptions")
    if isinstance(assumptions, str):
        try:
            assumptions = json.loads(assumptions or "{}")
        except json.JSONDecodeError:
            assumptions = None
    return (str(item["pred"]), str(item["gold"]), tuple(item.get("symbols") or ()),
            tuple(sorted((assumptions or {}).items())), item.get("status"))


# --------------------------------------------------------------------------------------------- sympy part
def _analyse_safe(pred: str, gold: str, symbols: tuple[str, ...], assumptions: tuple, status: str | None
                  ) -> Classification:
    try:
        return _analyse(pred, gold, symbols, assumptions, status)
    except Exception as exc:  # noqa: BLE001 - a label is always returned
        return Classification("other", f"classifier error {type(exc).__name__}")


def _analyse(pred: str, gold: str, symbols: tuple[str, ...], assumptions: tuple, status: str | None
             ) -> Classification:
    import sympy as sp

    from qftdata.verify import ParseError, parse_answer

    assume = dict(assumptions) or None
    try:
        g = parse_answer(gold, symbols, assume)
    except ParseError as exc:
        return Classification("other", f"gold does not parse: {str(exc)[:60]}")
    try:
        p = parse_answer(pred, symbols, assume)
    except ParseError as exc:
        return Classification("unparseable", str(exc)[:80])
    if isinstance(g, (sp.Tuple, sp.FiniteSet)) or isinstance(p, (sp.Tuple, sp.FiniteSet)):
        gs, ps = _elements(g), _elements(p)
        if len(gs) != len(ps):
            return Classification("other", f"{len(ps)} components, gold has {len(gs)}")
        for i, (pi_, gi) in enumerate(zip(ps, gs, strict=True)):
            c = _compare(pi_, gi, None)
            if c.label != "correct":
                return Classification(c.label, f"component {i + 1}: {c.detail}".rstrip(": "))
        return _equal_result(status)
    return _compare(p, g, status)


def _elements(x):
    import sympy as sp

    if isinstance(x, sp.FiniteSet):
        return sorted(x.args, key=sp.default_sort_key)
    if isinstance(x, sp.Tuple):
        return list(x.args)
    return [x]


def _equal_result(status: str | None) -> Classification:
    if status in (None, "correct"):
        return Classification("correct")
    return Classification("other", f"equal at the sample points (verifier: {status})")


def _points(syms, seed: str) -> list[dict]:
    rng = random.Random(seed)
    pts = []
    for _ in range(N_POINTS):
        pt = {}
        for s in syms:
            if s.is_integer:
                pt[s] = rng.randint(1, 7)
            elif s.is_positive or s.is_nonnegative:
                pt[s] = rng.uniform(0.2, 5.0)
            else:
                pt[s] = rng.choice((-1, 1)) * rng.uniform(0.2, 3.0)
        pts.append(pt)
    return pts


def _values(expr, pts) -> list[complex | None]:
    import sympy as sp

    out: list[complex | None] = []
    for pt in pts:
        try:
            v = complex(sp.N(expr.xreplace({k: sp.Float(v, 30) for k, v in pt.items()}), 25))
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            v = None
        if v is not None and not (math.isfinite(v.real) and math.isfinite(v.imag)):
            v = None
        out.append(v)
    return out


def _close(a: list, b: list, rel: float = REL_EQUAL) -> bool:
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    if len(pairs) < 2:
        return False
    return all(abs(x - y) <= rel * max(abs(x), abs(y), 1e-30) + 1e-25 for x, y in pairs)


def _small_rational(x: float) -> Fraction | None:
    if not math.isfinite(x) or x == 0:
        return None
    f = Fraction(x).limit_denominator(MAX_DENOMINATOR)
    if abs(f.numerator) <= MAX_DENOMINATOR and abs(float(f) - x) <= 1e-9 * abs(x):
        return f
    return None


def _fmt_fraction(f: Fraction) -> str:
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def _compare(p, g, status: str | None) -> Classification:
    import sympy as sp

    psyms, gsyms = p.free_symbols, g.free_symbols
    syms = sorted(psyms | gsyms, key=lambda s: s.name)
    pts = _points(syms, f"{sp.srepr(g)[:200]}|{len(syms)}")
    pv, gv = _values(p, pts), _values(g, pts)
    if _close(pv, gv):
        return _equal_result(status)

    # constant ratio: sign, rational factor, powers of pi
    ratios = [x / y for x, y in zip(pv, gv, strict=True) if x is not None and y is not None and abs(y) > 1e-25]
    if len(ratios) >= 2 and _close(ratios, [ratios[0]] * len(ratios)) and abs(ratios[0].imag) < 1e-12:
        r = ratios[0].real
        if abs(r - 1) < REL_CLOSE:  # a constant ratio this close to 1 is an approximation, not a slip
            return Classification("numerically_close", f"ratio {r:.6g}")
        if abs(r + 1) < 1e-9:
            return Classification("wrong_sign", "overall")
        frac = _small_rational(r)
        if frac is not None and frac != 1:
            return Classification("rational_factor", f"factor:{_fmt_fraction(frac)}")
        for k in (1, -1, 2, -2, 3, -3, 4, -4):
            frac = _small_rational(r / math.pi ** k)
            if frac is not None:
                factor = sp.Rational(frac.numerator, frac.denominator) * sp.pi ** k
                return Classification("pi_power", f"factor:{sp.sstr(factor)}")

    gterms = sp.Add.make_args(sp.expand(g))
    if 1 < len(gterms) <= MAX_TERMS:
        for t in gterms:
            if _close(pv, _values(g - 2 * t, pts)):
                return Classification("wrong_sign", f"term {sp.sstr(t)}")

    renamed = _renaming(p, g, psyms, gsyms, pts, gv)
    if renamed:
        return Classification("wrong_variables", renamed)

    if 1 < len(gterms) <= MAX_TERMS:
        for t in gterms:
            if _close(pv, _values(g - t, pts)):
                return Classification("additive_term", f"missing {sp.sstr(t)}")
    pterms = sp.Add.make_args(sp.expand(p))
    if 1 < len(pterms) <= MAX_TERMS:
        for t in pterms:
            if _close(_values(p - t, pts), gv):
                return Classification("additive_term", f"extra {sp.sstr(t)}")

    if _close(pv, gv, REL_CLOSE):
        pairs = [(x, y) for x, y in zip(pv, gv, strict=True) if x is not None and y is not None]
        worst = max(abs(x - y) / max(abs(y), 1e-30) for x, y in pairs)
        return Classification("numerically_close", f"max rel. diff {worst:.2g}")
    extra = sorted(s.name for s in psyms - gsyms)
    return Classification("other", f"symbols not in the gold: {', '.join(extra)}" if extra else "")


def _renaming(p, g, psyms, gsyms, pts, gv) -> str:
    """A renaming of the prediction's symbols that makes it equal to the gold, as text ('' if none)."""
    only_p = sorted(psyms - gsyms, key=lambda s: s.name)
    only_g = sorted(gsyms - psyms, key=lambda s: s.name)
    if only_p and len(only_p) <= MAX_RENAME_SYMBOLS and len(only_g) >= len(only_p):
        for targets in itertools.permutations(only_g, len(only_p)):
            mapping = dict(zip(only_p, targets, strict=True))
            if _close(_values(p.xreplace(mapping), pts), gv):
                return ", ".join(f"{a.name}->{b.name}" for a, b in mapping.items())
    if not only_p and psyms == gsyms and 1 < len(psyms) <= MAX_RENAME_SYMBOLS:
        names = sorted(psyms, key=lambda s: s.name)
        for perm in itertools.permutations(names):
            if list(perm) == names:
                continue
            mapping = dict(zip(names, perm, strict=True))
            if _close(_values(p.xreplace(mapping), pts), gv):
                moved = [(a, b) for a, b in mapping.items() if a != b]
                if len(moved) == 2 and mapping[moved[0][1]] == moved[0][0]:
                    return f"{moved[0][0].name}<->{moved[0][1].name}"
                return ", ".join(f"{a.name}->{b.name}" for a, b in moved)
    return ""


# --------------------------------------------------------------------------------------------- pool
_lock = threading.Lock()
_pool = None
_pool_pid: int | None = None


def _init_worker(memory_mb: int) -> None:
    if memory_mb > 0:
        try:
            import resource

            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ImportError, ValueError, OSError):
            pass


def _ping() -> bool:
    return True


def _start_pool(method: str):
    import pebble

    workers = max(1, int(os.environ.get("QFTDATA_ANALYSIS_WORKERS", min(4, os.cpu_count() or 1))))
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["qftdata.analysis.taxonomy", "qftdata.verify.parse"])
    pool = pebble.ProcessPool(max_workers=workers, initializer=_init_worker,
                              initargs=(int(os.environ.get("QFTDATA_VERIFY_MEMORY_MB", "3072")),), context=ctx)
    try:
        for fut in [pool.schedule(_ping) for _ in range(workers)]:
            fut.result(timeout=180)
    except Exception:
        pool.stop()
        raise
    return pool


def _get_pool():
    global _pool, _pool_pid
    with _lock:
        if _pool is not None and _pool_pid == os.getpid() and _pool.active:
            return _pool
        try:
            pool = _start_pool(os.environ.get("QFTDATA_ANALYSIS_START_METHOD", "forkserver"))
        except Exception:  # noqa: BLE001 - e.g. a main module the forkserver cannot re-import (stdin)
            pool = _start_pool("fork")
        _pool, _pool_pid = pool, os.getpid()
        return pool


def shutdown() -> None:
    """Stop the classification pool (recreated on the next call)."""
    global _pool, _pool_pid
    with _lock:
        if _pool is not None and _pool_pid == os.getpid():
            try:
                _pool.stop()
                _pool.join(timeout=5)
            except Exception:  # noqa: BLE001 - best effort
                pass
        _pool, _pool_pid = None, None


atexit.register(shutdown)


def _run_in_pool(tasks: list[tuple], timeout: float) -> list[Classification]:
    import pebble

    pool = _get_pool()
    futures = [pool.schedule(_analyse_safe, args=t, timeout=timeout) for t in tasks]
    out = []
    for fut in futures:
        try:
            out.append(fut.result())
        except concurrent.futures.TimeoutError:
            out.append(Classification("timeout", f"no label within {timeout:g} s"))
        except pebble.ProcessExpired:
            out.append(Classification("timeout", "worker died (memory limit?)"))
        except Exception as exc:  # noqa: BLE001
            out.append(Classification("other", f"classifier error {type(exc).__name__}"))
    return out
