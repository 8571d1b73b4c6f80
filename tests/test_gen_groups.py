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

