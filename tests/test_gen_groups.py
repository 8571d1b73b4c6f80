"""groups.sun_rep_invariants against Slansky's closed forms (hook-content dimension, Young-diagram Casimir)."""

from __future__ import annotations

import json

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.api import generate_one
from qftdata.verify import parse_answer

NS = sp.Symbol("N", positive=True, integer=True)

# Slansky (1981) Table 5 style closed forms for T(R) and A(R) by Young diagram.
CLOSED_T = {(1,): sp.Rational(1, 2), (2,): (NS + 2) / 2, (1, 1): (NS - 2) / 2, (3,): (NS + 2) * (NS + 3) / 4,
            (1, 1, 1): (NS - 2) * (NS - 3) / 4, (2, 1): (NS**2 - 3) / 2}
CLOSED_A = {(1,): sp.Integer(1), (2,): NS + 4, (1, 1): NS - 4, (3,): (NS + 3) * (NS + 6) / 2, (1, 1, 1): (NS - 3) * (NS - 6) / 2,
            (2, 1): NS**2 - 9}


def test_invariants_match_closed_forms():
    checked = 0
    levels = ("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate")
    for i in range(48):
        rec = generate_one("groups.sun_rep_invariants", seed=5, index=i, level=levels[i % 4])
        p = json.loads(rec.metadata)["params"]
        shape, q = tuple(p["shape"]), p["quantity"]
        n = NS if p["N"] == "N" else sp.Integer(p["N"])
        if "shape2" in p:  # tensor product: T(R1 x R2) = d1 T2 + d2 T1, A(R1 x R2) = d1 A2 + d2 A1 (Slansky sec. 4)
            shape2 = tuple(p["shape2"])
            table = CLOSED_T if q == "index" else CLOSED_A
            if shape not in table or shape2 not in table:
                continue
            d1, d2 = lie.hook_content_dimension(shape, NS), lie.hook_content_dimension(shape2, NS)
            want = d1 * table[shape2] + d2 * table[shape]
        elif q == "dim":
            want = lie.hook_content_dimension(shape, NS)
        elif q == "casimir":
            want = lie.young_casimir(shape, NS)
        elif q == "index" and shape in CLOSED_T:
            want = CLOSED_T[shape]
        elif q == "anomaly" and shape in CLOSED_A:
            want = CLOSED_A[shape]
        else:
            continue
        got = parse_answer(rec.answer, symbols=rec.symbols)
        got = got.subs({s: NS for s in got.free_symbols})
        assert sp.simplify(got - want.subs(NS, n)) == 0, (rec.answer, p)
        checked += 1
    assert checked >= 15



def _tableau_weights(shape: tuple[int, ...], n: int) -> list[int]:
    """h-eigenvalue of every semistandard Young tableau of `shape` with entries 1..n, for the Cartan element
    h = diag(1, 1, -2, 0, ..., 0): the weights of the irrep are the tableaux' contents (Fulton & Harris §6.1,
    Georgi "Lie Algebras in Particle Physics" ch. 13). An enumeration independent of the family's characters."""
    h = [1, 1, -2] + [0] * (n - 3)
    cells = [(r, c) for r, length in enumerate(shape) for c in range(length)]
    out: list[int] = []
    fill: dict[tuple[int, int], int] = {}

    def place(k: int, total: int) -> None:
        if k == len(cells):
            out.append(total)
            return
        r, c = cells[k]
        lo = max(fill.get((r, c - 1), 1), fill.get((r - 1, c), 0) + 1)  # rows weakly, columns strictly increasing
        for v in range(lo, n + 1):
            fill[(r, c)] = v
            place(k + 1, total + h[v - 1])
        fill.pop((r, c), None)

    place(0, 0)
    return out


def _power_sums(shape: tuple[int, ...], n: int) -> list[int]:
    w = _tableau_weights(shape, n)
    return [sum(x**m for x in w) for m in range(4)]


def tableau_invariant(shapes: list[tuple[int, ...]], quantity: str, n: int) -> sp.Expr:
    """dim, C2, T, A of an irrep (or of R1 x R2) from traces of h^m over its weights: T(R) = Tr h^2 / 12,
    A(R) = Tr h^3 / (-6) (the fundamental has Tr h^2 = 6, Tr h^3 = -6), C2 = T (N^2 - 1)/dim (Slansky (1981)
    eq. (4.8) and Table 5 normalisation); for a product the weights add, Tr (a + b)^m = sum_k C(m,k) S1_k S2_{m-k}."""
    sums = _power_sums(shapes[0], n)
    if len(shapes) == 2:
        s2 = _power_sums(shapes[1], n)
        sums = [sum(sp.binomial(m, k) * sums[k] * s2[m - k] for k in range(m + 1)) for m in range(4)]
    dim, t_index, anomaly = sp.Integer(sums[0]), sp.Rational(sums[2], 12), sp.Rational(sums[3], -6)
    return {"dim": dim, "index": t_index, "anomaly": anomaly, "casimir": t_index * (n**2 - 1) / dim}[quantity]


def test_every_invariant_matches_tableau_weights():
    """Every level, shape and quantity (the 6-box diagrams at advanced-graduate level and the tensor products
    at postgraduate level included) against the weights of semistandard tableaux, at three values of N for
    symbolic answers."""
    levels = ("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate")
    seen = set()
    for i in range(60):
        rec = generate_one("groups.sun_rep_invariants", seed=8, index=i, level=levels[i % 4])
        p = json.loads(rec.metadata)["params"]
        shapes = [tuple(p["shape"])] + ([tuple(p["shape2"])] if "shape2" in p else [])
        got = parse_answer(rec.answer, symbols=rec.symbols)
        rows = max(len(sh) for sh in shapes)
        ns = [p["N"]] if p["N"] != "N" else [max(3, rows + 1) + k for k in range(3)]
        for n in ns:
            value = got.subs({s: n for s in got.free_symbols})
            assert sp.simplify(value - tableau_invariant(shapes, p["quantity"], n)) == 0, (rec.answer, p, n)
        seen.add((levels[i % 4], p["quantity"], sum(shapes[0])))
    assert {q for _, q, _ in seen} == {"dim", "casimir", "index", "anomaly"}
    assert any(boxes == 6 for lv, _, boxes in seen if lv == "advanced-graduate")


def test_tableau_weights_reproduce_textbook_values():
    """The test's own enumeration against textbook numbers: SU(3) 10 (C2 = 6), SU(3) 8 (T = 3, A = 0),
    SU(5) 10 (A = 1, the antisymmetric of SU(5) cancels the 5-bar anomaly; Georgi-Glashow)."""
    assert tableau_invariant([(3,)], "dim", 3) == 10 and tableau_invariant([(3,)], "casimir", 3) == 6
    assert tableau_invariant([(2, 1)], "index", 3) == 3 and tableau_invariant([(2, 1)], "anomaly", 3) == 0
    assert tableau_invariant([(1, 1)], "anomaly", 5) == 1
