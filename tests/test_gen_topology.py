"""topology.instanton_zero_modes against 't Hooft / index-theorem counts."""

from __future__ import annotations

import json

import sympy as sp

from qftdata.generators.api import generate_one
from qftdata.verify import parse_answer

G = sp.Symbol("g", positive=True)


def test_zero_modes_thooft_index_theorem():
    """Vandoren & van Nieuwenhuizen (2008): fundamental Weyl -> k zero modes, adjoint -> 2Nk,
    sym2 -> (N+2)k, asym2 -> (N-2)k; BPST action 8 pi^2 k/g^2; ADHM: 4Nk moduli for SU(N); anomaly-free R-charge of
    N = 1 SQCD (Seiberg PRD 49 (1994) 6857): r = 1 - N/N_f, with extra chiral fields of R-charge r_x in R_x:
    N + N_f (r - 1) + n_x T(R_x)(r_x - 1) (times 2 for a conjugate pair) = 0."""
    per_k = {"fund": lambda n: 1, "antifund": lambda n: 1, "adj": lambda n: 2 * n, "sym2": lambda n: n + 2,
             "asym2": lambda n: n - 2}
    for i in range(40):
        rec = generate_one("topology.instanton_zero_modes", seed=2, index=i)
        p = json.loads(rec.metadata)["params"]
        n = p["N"]
        if p["want"] == "r_charge":
            extra = 0
            if p["extra"] != "none":
                t_x = {"adj": n, "sym2": sp.Rational(n + 2, 2)}[p["extra"]]
                extra = p["n_x"] * (1 if p["extra"] == "adj" else 2) * t_x * (sp.Rational(p["r_x"]) - 1)
            want = 1 - (n + extra) / sp.Integer(p["F"])
            if p["extra"] == "none":
                assert want == 1 - sp.Rational(n, p["F"])
            assert parse_answer(rec.answer) == want, (rec.answer, p)
            continue
        k = p["k"]
        if p["want"] == "moduli":
            assert int(rec.answer) == 4 * n * k
            continue
        if p["want"] == "action":
            got = parse_answer(rec.answer, symbols=rec.symbols)
            got = got.subs({s: G for s in got.free_symbols})
            assert sp.simplify(got - 8 * sp.pi**2 * k / G**2) == 0
            continue
        modes = sum(per_k[r](n) * m * k for r, m, _ in p["fields"])
        charge = abs(sum(per_k[r](n) * m * q for r, m, q in p["fields"]))
        want = modes if p["want"] == "zero_modes" else charge
        assert int(rec.answer) == want, (rec.answer, p)


def test_n1_sym_gaugino_2nk():
    # N=1 SYM: 2N zero modes per instanton (U(1)_R -> Z_2N)
    for i in range(10):
        rec = generate_one("topology.instanton_zero_modes", seed=3, index=i, level="advanced-undergraduate")
        p = json.loads(rec.metadata)["params"]
        if p["want"] == "zero_modes":
            assert int(rec.answer) == 2 * p["N"] * p["k"]


def test_u1_charges_have_no_common_factor():
    # audit: with all charges even, U(1)_X acts through a quotient and Z_M is not the group acting on fields
    import math
    import re

    for index in range(40):
        rec = generate_one("topology.instanton_zero_modes", seed=2, index=index, level="advanced-graduate")
        charges = [int(q) for q in re.findall(r"U\(1\)_X\$ charge \$(-?\d+)\$", rec.problem)]
        if charges:
            assert math.gcd(*charges) == 1, rec.problem
