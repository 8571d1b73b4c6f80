"""Anomaly/SUSY families against literature closed forms."""

from __future__ import annotations

import json

import sympy as sp

from qftdata.generators.api import generate_one
from qftdata.verify import parse_answer

NS = sp.Symbol("N", positive=True, integer=True)
NF = sp.Symbol("N_f", positive=True, integer=True)
T_R = {"fund": sp.Rational(1, 2), "adj": NS, "sym2": (NS + 2) / 2, "asym2": (NS - 2) / 2}


def _records(name, n, seed=4):
    for i in range(n):
        rec = generate_one(name, seed=seed, index=i)
        yield rec, json.loads(rec.metadata)["params"]


def _parsed(rec):
    e = parse_answer(rec.answer, symbols=rec.symbols)
    return e.subs({s: {"N": NS, "N_f": NF}.get(s.name, s) for s in e.free_symbols})


def test_hypercharges_geng_marshak():
    """Geng & Marshak (1989): y_L = -Nc yQ, y_e = 2 Nc yQ, {y_u, y_d} = {(Nc-1) yQ, -(Nc+1) yQ}."""
    for rec, p in _records("anomalies.hypercharge_from_anomalies", 15):
        nc, yq = p["N_c"], sp.Rational(p["y_Q"])
        yu, yd = (nc - 1) * yq, -(nc + 1) * yq
        want = {"y_L": -nc * yq, "y_e": 2 * nc * yq, "sum_ud": yu + yd, "prod_ud": yu * yd,
                "ratio_e": 2 * nc}[p["want"]]
        assert sp.simplify(_parsed(rec) - want) == 0, (rec.answer, p)


def test_susy_b0_nsvz():
    """NSVZ (1983) one-loop: b0 = 3 C_A - sum_chiral T(R); SQCD 3N - N_f (Seiberg 1995); N=4: 0."""
    for rec, p in _records("anomalies.susy_gauge_beta", 20):
        n = NS if p["N"] == "N" else sp.Integer(p["N"])
        if "chirals" not in p:
            want = 3 * n - NF
        else:
            tsum = sum(c * T_R[r].subs(NS, n) for r, c in p["chirals"])
            tsum += sum(2 * c * T_R[r].subs(NS, n) for r, c in p["hypers"])
            tsum += {1: 0, 2: n, 4: 3 * n}[p["extended"]]
            want = 3 * n - tsum
        if p["extended"] == 4:
            assert want == 0
        assert sp.simplify(_parsed(rec) - want) == 0, (rec.answer, p)
