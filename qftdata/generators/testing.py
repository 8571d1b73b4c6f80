"""Helpers for testing families: parse a record's gold back to sympy and compare with a closed form.

Uses the project verifier (`qftdata.verify`) when it is importable, and otherwise falls back to
`latex2sympy2_extended` (the verifier's own LaTeX front-end), so family tests run either way.
Never evaluates model text: only golds produced by our own generators pass through here.
"""

from __future__ import annotations

import random
from typing import Any

import sympy as sp

from qftdata.schema import Problem


def _verify_module():
    try:
        import qftdata.verify as v
    except ImportError:
        return None
    return v if hasattr(v, "verify") and hasattr(v, "parse_answer") else None


def _as_problem(record: Problem | dict[str, Any]) -> Problem:
    return record if isinstance(record, Problem) else Problem.from_dict(record)


def gold_expr(record: Problem | dict[str, Any]) -> sp.Expr:
    """The record's gold answer as a sympy expression, with its declared symbols as sympy Symbols
    (positive unless `assumptions` says otherwise) and `i` as the imaginary unit unless declared."""
    rec = _as_problem(record)
    v = _verify_module()
    if v is not None:
        return v.parse_answer(rec.answer, symbols=tuple(rec.symbols), assumptions=rec.symbol_assumptions() or None)
    from latex2sympy2_extended import latex2sympy

    expr = latex2sympy(rec.answer)
    if not isinstance(expr, sp.Basic):
        expr = sp.sympify(expr)  # trusted: generator-internal values, never model text
    declared = set(rec.symbols)
    subs = {}
    for s in expr.free_symbols:
        name = str(s)
        if name == "i" and "i" not in declared:
            subs[s] = sp.I
        elif name == "e" and "e" not in declared:
            subs[s] = sp.E
        elif name == "pi":
            subs[s] = sp.pi
        else:
            subs[s] = sym(name)
    return expr.xreplace(subs)


def sym(name: str) -> sp.Symbol:
    """The positive sympy Symbol of a declared answer symbol (how golds are parsed back)."""
    return sp.Symbol(name, positive=True)


def same_value(a: sp.Expr, b: sp.Expr, *, trials: int = 4, seed: int = 0, rtol: float = 1e-9,
               ranges: dict[str, tuple[float, float]] | None = None) -> bool:
    """Numerical equality of two expressions at random positive points (symbols matched by name)."""
    a, b = sp.sympify(a), sp.sympify(b)  # trusted: generator-internal values, never model text
    names = sorted({str(s) for s in a.free_symbols | b.free_symbols})
    rng = random.Random(seed)
    for _ in range(trials):
        point = {n: rng.uniform(*(ranges or {}).get(n, (0.3, 2.0))) for n in names}
        va = complex(a.subs({s: point[str(s)] for s in a.free_symbols}).evalf(30))
        vb = complex(b.subs({s: point[str(s)] for s in b.free_symbols}).evalf(30))
        if abs(va - vb) > rtol * max(1.0, abs(va), abs(vb)):
            return False
    return True


def self_verifies(record: Problem | dict[str, Any], completion: str | None = None) -> bool:
    """Does `completion` (default: the boxed gold) verify against the record?"""
    rec = _as_problem(record)
    text = completion if completion is not None else f"The answer is $\\boxed{{{rec.answer}}}$."
    v = _verify_module()
    if v is not None:
        return bool(v.verify_record(text, rec))
    if rec.answer_type == "categorical":
        import re

        m = re.findall(r"\\boxed\{([^{}]*)\}", text)
        return bool(m) and m[-1].strip().lower() == rec.answer.strip().lower()
    import re

    m = re.search(r"\\boxed\{(.*)\}", text, re.S)
    if not m:
        return False
    pred = Problem(**{**rec.to_dict(), "answer": m.group(1)})
    try:
        return same_value(gold_expr(rec), gold_expr(pred))
    except Exception:
        return False
