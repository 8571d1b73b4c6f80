"""Test helper of the fermion/scattering/decay/amplitude families (private): parse a record's gold with the
project verifier's parser and compare it numerically with an independent closed form from the literature."""

from __future__ import annotations

import random

import sympy as sp

from qftdata.generators import generate_one


def parsed(rec) -> sp.Expr:
    from qftdata.verify import parse_answer

    return parse_answer(rec.answer, symbols=tuple(rec.symbols), assumptions=rec.symbol_assumptions() or None)


def by_name(expr: sp.Expr) -> dict[str, sp.Symbol]:
    return {str(x).replace("{", "").replace("}", "").replace("\\", ""): x for x in expr.free_symbols}


def assert_matches(rec, reference: sp.Expr, values: dict[str, float] | None = None, rel: float = 1e-9) -> None:
    """The parsed gold equals `reference` (a sympy expression in plainly named symbols) at sample points."""
    got = parsed(rec)
    rnd = random.Random(rec.id)
    got_syms = by_name(got)
    ref_syms = {x.name: x for x in reference.free_symbols}
    names = set(got_syms) | set(ref_syms)
    assert set(got_syms) <= set(ref_syms) | set(values or {}), (rec.answer, got_syms, ref_syms)
    for _ in range(3):
        point = {n: (values or {}).get(n, rnd.uniform(0.5, 2.0)) for n in names}
        a = complex(got.subs({got_syms[n]: point[n] for n in got_syms}).evalf(30))
        b = complex(reference.subs({ref_syms[n]: point[n] for n in ref_syms}).evalf(30))
        assert abs(a - b) <= rel * max(1.0, abs(b)), f"{rec.id}: {rec.answer} != {reference} at {point}: {a} vs {b}"


def draws(name: str, n: int, level: str | None = None, seed: int = 11):
    return [generate_one(name, seed=seed, index=i, level=level) for i in range(n)]


def params(rec) -> dict:
    return rec.meta()["params"]
