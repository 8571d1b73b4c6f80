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
    """Geng & Marshak (1989): y_L = -Nc yQ, y_e = 2 Nc yQ, {y_u, y_d} = {(Nc-1) yQ, -(Nc+1) yQ}. With a
    right-handed neutrino the anomaly-free charges are a Y + b (B - L) (e.g. Minahan, Ramond & Warner 1990;
    B - L per generation: Q 1/Nc, u^c d^c -1/Nc, L -1, e^c nu^c +1), so a = yQ - y_nu/Nc, b = y_nu."""
    levels = ("graduate", "advanced-graduate", "postgraduate")
    for i in range(18):
        rec = generate_one("anomalies.hypercharge_from_anomalies", seed=4, index=i, level=levels[i % 3])
        p = json.loads(rec.metadata)["params"]
        nc, yq = p["N_c"], sp.Rational(p["y_Q"])
        ynu = sp.Rational(p.get("y_nu", 0))
        a, b = yq - ynu / nc, ynu
        pair = sorted([a * (nc - 1) - b / nc, -a * (nc + 1) - b / nc])
        yu, yd = pair
        want = {"y_L": -nc * yq, "y_e": 2 * nc * yq - ynu, "sum_ud": yu + yd, "prod_ud": yu * yd,
                "y_u": yu, "y_d": yd, "sq_ud": yu**2 + yd**2}[p["want"]]
        assert sp.simplify(_parsed(rec) - want) == 0, (rec.answer, p)
        assert (p["want"] in ("y_L", "y_e", "sum_ud")) == (rec.level == "graduate"), "cubic needed above graduate"
        assert ("y_nu" in p) == (rec.level == "postgraduate")


def test_susy_b0_nsvz():
    """NSVZ (1983) one-loop: b0 = 3 C_A - sum_chiral T(R); SQCD 3N - N_f (Seiberg 1995); N=2 adds an adjoint."""
    levels = ("advanced-undergraduate", "graduate", "advanced-graduate")
    for i in range(24):
        rec = generate_one("anomalies.susy_gauge_beta", seed=4, index=i, level=levels[i % 3])
        p = json.loads(rec.metadata)["params"]
        n = NS if p["N"] == "N" else sp.Integer(p["N"])
        if "chirals" not in p:
            want = 3 * n - p["N_f"]
        else:
            tsum = sum(c * T_R[r].subs(NS, n) for r, c in p["chirals"])
            tsum += sum(2 * c * T_R[r].subs(NS, n) for r, c in p["hypers"])
            tsum += {1: 0, 2: n}[p["extended"]]
            want = 3 * n - tsum
        assert sp.simplify(_parsed(rec) - want) == 0, (rec.answer, p)
        assert p["extended"] in (1, 2), "N = 4 (b0 = 0) is no longer drawn"


def test_conformal_window_seiberg():
    """Seiberg, NPB 435 (1995) 129: SQCD in the window 3N/2 < N_f < 3N has R_Q = 1 - N/N_f,
    Delta(Q Qbar) = 3(N_f - N)/N_f, gamma_Q = 1 - 3N/N_f, Delta(Q^N) = 3N(N_f - N)/(2 N_f); for vector-like
    pairs in a rep R the anomaly-free R-charge is R_Q = 1 - N/(2 N_f T(R)) (Intriligator & Seiberg,
    hep-th/9509066, sec. 2; T(sym2) = (N+2)/2, T(asym2) = (N-2)/2)."""
    seen = set()
    for i in range(16):
        rec = generate_one("anomalies.susy_gauge_beta", seed=5, index=i, level="postgraduate")
        p = json.loads(rec.metadata)["params"]
        n = NS if p["N"] == "N" else sp.Integer(p["N"])
        nf = NF if p["N_f"] == "N_f" else sp.Integer(p["N_f"])
        r_q = 1 - n / (2 * nf * T_R[p["rep"]].subs(NS, n))
        if p["rep"] == "fund":
            want = {"R_Q": 1 - n / nf, "D_meson": 3 * (nf - n) / nf, "gamma_Q": 1 - 3 * n / nf,
                    "D_baryon": 3 * n * (nf - n) / (2 * nf)}[p["want"]]
            assert sp.simplify(want - {"R_Q": r_q, "D_meson": 3 * r_q, "gamma_Q": 3 * r_q - 2,
                                       "D_baryon": 3 * n * r_q / 2}[p["want"]]) == 0
        else:
            want = {"R_Q": r_q, "D_meson": 3 * r_q, "gamma_Q": 3 * r_q - 2}[p["want"]]
            # inside the window: asymptotically free and the meson above the unitarity bound
            assert 3 * n - 2 * nf * T_R[p["rep"]].subs(NS, n) > 0 and 3 * r_q > 1
        assert sp.simplify(_parsed(rec) - want) == 0, (rec.answer, p)
        seen.add(p["rep"])
    assert seen == {"fund", "sym2", "asym2"}
