"""groups.sun_rep_invariants against Slansky's closed forms (hook-content dimension, Young-diagram Casimir)."""

from __future__ import annotations

import json

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.api import generate_one
from qftdata.verify import parse_answer

NS = sp.Symbol("N", positive=True, integer=True)

# Slansky (1981) Table 5 style closed forms for T(R) and A(R) by Young diagram.
CLOSED_T = {(2,): (NS + 2) / 2, (1, 1): (NS - 2) / 2, (3,): (NS + 2) * (NS + 3) / 4,
            (1, 1, 1): (NS - 2) * (NS - 3) / 4, (2, 1): (NS**2 - 3) / 2}
CLOSED_A = {(2,): NS + 4, (1, 1): NS - 4, (3,): (NS + 3) * (NS + 6) / 2, (1, 1, 1): (NS - 3) * (NS - 6) / 2,
            (2, 1): NS**2 - 9}


def test_invariants_match_closed_forms():
    checked = 0
    for i in range(40):
        rec = generate_one("groups.sun_rep_invariants", seed=5, index=i)
        p = json.loads(rec.metadata)["params"]
        shape, q = tuple(p["shape"]), p["quantity"]
        n = NS if p["N"] == "N" else sp.Integer(p["N"])
        if q == "dim":
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
    assert checked >= 10
