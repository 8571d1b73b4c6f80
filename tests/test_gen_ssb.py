"""SSB families against literature closed forms."""

from __future__ import annotations

import json

import sympy as sp

from qftdata.generators.api import generate_one
from qftdata.verify import parse_answer

G, GY, V, W = sp.symbols("g g_Y v w", positive=True)
E, Y, K = sp.symbols("e y kappa", positive=True)


def _records(name, n, seed=6):
    for i in range(n):
        rec = generate_one(name, seed=seed, index=i)
        yield rec, json.loads(rec.metadata)["params"]


def _parsed(rec):
    e = parse_answer(rec.answer, symbols=rec.symbols)
    names = {"g": G, "g_Y": GY, "v": V, "w": W, "e": E, "y": Y, "kappa": K}
    return e.subs({s: names.get(s.name, s) for s in e.free_symbols})


def test_goldstone_counts_textbook_dimensions():
    """dim SU(n) = n^2-1, U(n) = n^2, SO(n) = n(n-1)/2, Sp(2k) = k(2k+1) (Georgi; Weinberg QTF II 19.2)."""
    def su(n):
        return n * n - 1

    def so(n):
        return n * (n - 1) // 2

    for rec, p in _records("ssb.goldstone_counting", 30):
        n, k = p["n"], p["k"]
        want = {"on": n - 1, "chiral": su(n), "chiral_u1": n * n, "sun_vec": su(n) - su(n - 1),
                "un_vec": 2 * n - 1, "grassmann": 2 * k * (n - k), "su_to_so": su(n) - so(n),
                "su_to_sp": su(2 * k) - k * (2 * k + 1)}[p["pattern"]]
        assert int(rec.answer) == want, (rec.answer, p)


def test_rho_parameter_higgs_hunters_guide():
    """rho = sum [j(j+1) - Y^2] v_k^2 / sum 2 Y^2 v_k^2 (Higgs Hunter's Guide); m_W^2 = g^2 sum [j(j+1)-Y^2] v_k^2/2."""
    for rec, p in _records("ssb.electroweak_rho", 20):
        mults = [(sp.Rational(j), sp.Rational(y), {"v": V, "w": W}[vev]) for j, y, vev in p["multiplets"]]
        num = sum((j * (j + 1) - y**2) * vev**2 for j, y, vev in mults)
        den = sum(2 * y**2 * vev**2 for j, y, vev in mults)
        mw2 = G**2 * num / 2
        mz2 = (G**2 + GY**2) * den / 2
        want = {"rho": num / den, "mW2": mw2, "mZ2": mz2}[p["want"]]
        assert sp.simplify(_parsed(rec) - want) == 0, (rec.answer, p)


def test_coleman_weinberg_gildener_weinberg():
    """CW 1973: m^2/m_V^2 = 3e^2/(8 pi^2) (scalar QED); GW 1976: m^2 = sum (-1)^F n M^4(v)/(8 pi^2 v^2)."""
    for rec, p in _records("ssb.coleman_weinberg", 14):
        q = p["q"]
        mv2 = q**2 * E**2 * V**2 if p["gauge"] == "u1" else G**2 * V**2 / 4
        terms = [(3 if p["gauge"] == "u1" else 9) * mv2**2]
        terms.append(p["n_s"] * (K * V**2 / 2) ** 2)
        if p["fermion"]:
            terms.append(-4 * (Y**2 * V**2 / 2) ** 2)
        m2 = sum(terms) / (8 * sp.pi**2 * V**2)
        want = m2 / mv2 if p["want"] == "ratio" else m2
        assert sp.simplify(_parsed(rec) - want) == 0, (rec.answer, p)
    rec = generate_one("ssb.coleman_weinberg", seed=0, index=0, level="advanced-undergraduate")
    assert sp.simplify(_parsed(rec) - 3 * E**2 / (8 * sp.pi**2)) == 0


def test_goldstone_patterns_break_something_and_name_their_size():
    # audit: "SU(2) -> Sp(2)" broke nothing (Sp(2) = SU(2)); the su_to_so text printed a literal "$n$"
    for index in range(60):
        rec = generate_one("ssb.goldstone_counting", seed=4, index=index, level="advanced-graduate")
        assert "$n$ flavours" not in rec.problem
        assert "SU(2)$ broken to $Sp(2)" not in rec.problem
        assert parse_answer(rec.answer) != 0
