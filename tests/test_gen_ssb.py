"""SSB families against literature closed forms."""

from __future__ import annotations

import json

import pytest
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
    """dim SU(n) = n^2-1, U(n) = n^2, SO(n) = n(n-1)/2, Sp(2k) = k(2k+1) (Georgi; Weinberg QTF II 19.2); non-relativistic
    ferromagnets (Watanabe & Murayama PRL 108 (2012) 251602; Hidaka PRL 110 (2013) 091601): U(N) with a density of rank k
    has only type-B modes, n_B = k(N-k); an SO(N) magnet with an L_12 density has N-2 (type B); with equal L_12 and
    L_34 densities G/H = SO(N)/(U(2) x SO(N-4)) has 4N-14 broken generators, all paired: 2N-7 (three planes:
    SO(N)/(U(3) x SO(N-6)), 6N-30 broken, 3N-15); an antiferromagnet
    (no net density) has dim G/H = N-1 type-A modes."""
    def su(n):
        return n * n - 1

    def so(n):
        return n * (n - 1) // 2

    for i in range(80):
        rec = generate_one("ssb.goldstone_counting", seed=6, index=i)
        p = json.loads(rec.metadata)["params"]
        n, k = p["n"], p["k"]
        want = {"on": n - 1, "chiral": su(n), "chiral_u1": n * n, "sun_vec": su(n) - su(n - 1),
                "un_vec": 2 * n - 1, "grassmann": 2 * k * (n - k), "su_to_so": su(n) - so(n),
                "su_to_sp": su(2 * k) - k * (2 * k + 1), "stiefel": so(n) - so(n - k), "un_stiefel": n * n - (n - k) ** 2,
                "sun_stiefel": su(n) - su(n - k), "so_split": k * (n - k), "sp_split": 4 * k * (n - k),
                "so_to_u": so(2 * n) - n * n, "u_to_o": n * n - so(n), "sp_to_u": n * (2 * n + 1) - n * n,
                "un_ferro": k * (n - k), "so_ferro": n - 2, "so_ferro2": 2 * n - 7, "so_ferro3": 3 * n - 15,
                "so_antiferro": n - 1}[p["pattern"]]
        assert int(rec.answer) == want, (rec.answer, p)


@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"])
def test_rho_parameter_higgs_hunters_guide(level):
    """rho = sum [j(j+1) - Y^2] v_k^2 / sum 2 Y^2 v_k^2 (Higgs Hunter's Guide, complex <Phi^0> = v_k/sqrt2; a real
    Y = 0 multiplet with <xi^0> = u enters the numerator as j(j+1) u^2); m_W^2 = g^2 sum [j(j+1)-Y^2] v_k^2/2,
    m_Z^2 = (g^2+g_Y^2) sum Y^2 v_k^2. Georgi & Machacek NPB 262 (1985) 463: a complex Y = 1 and a real triplet keep
    rho = 1 for u^2 = w^2/2."""
    U = sp.Symbol("u", positive=True)
    for i in range(8):
        rec = generate_one("ssb.electroweak_rho", seed=6, index=i, level=level)
        p = json.loads(rec.metadata)["params"]
        loc = {"v": V, "w": W, "u": U}
        mults = [(sp.Rational(j), sp.Rational(y), sp.sympify(vev, locals=loc)) for j, y, vev in p["multiplets"]]
        num = sum((j * (j + 1) - y**2) * vev**2 for j, y, vev in mults)
        den = sum(2 * y**2 * vev**2 for j, y, vev in mults)
        mw2 = G**2 * num / 2
        mz2 = (G**2 + GY**2) * den / 2
        if p["want"] == "custodial":
            (j2, y2, _), (j3, _, _) = mults[1], mults[2]
            want = (3 * y2**2 - j2 * (j2 + 1)) / (j3 * (j3 + 1))  # rho = 1: the w^2 and u^2 terms cancel
            if (j2, y2, j3) == (1, 1, 1):
                assert want == sp.Rational(1, 2)  # Georgi-Machacek
        else:
            want = {"rho": num / den, "mW2": mw2, "mZ2": mz2, "ratio": mz2 / mw2}[p["want"]]
        got = _parsed(rec).subs(sp.Symbol("u", positive=True), U)
        assert sp.simplify(got - want) == 0, (rec.answer, p)


def _cw_species(p):
    """(n_dof, sign, a, c) with M^2 = a phi^2 and the MS-bar constant c (5/6 vectors, 3/2 scalars and fermions),
    from the params, typed independently of the family."""
    g, gy, cv, cs = G, sp.Symbol("g_Y", positive=True), sp.Rational(5, 6), sp.Rational(3, 2)
    out = {"u1": [(3, 1, sp.Rational(p["q"]) ** 2 * E**2, cv)], "su2": [(9, 1, G**2 / 4, cv)],
           "ew": [(6, 1, g**2 / 4, cv), (3, 1, (g**2 + gy**2) / 4, cv)]}[p["gauge"]]
    if p["n_s"]:
        out.append((p["n_s"], 1, 2 * K / p["c_s"], cs))
    if p["n_f"]:
        out.append((4 * p["n_f"] * p["colours"], -1, Y**2 / (2 if p["yukawa_sqrt2"] else 1), cs))
    return out


@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"])
def test_coleman_weinberg_gildener_weinberg(level):
    """CW 1973: m^2/m_V^2 = 3e^2/(8 pi^2) (scalar QED, charge q: times q^2); GW 1976: m^2 = sum (-1)^F n M^4(v)/(8 pi^2 v^2).
    lambda(mu = v): checked by differentiating the one-loop potential numerically (mpmath) at the couplings' sample
    values: V_eff'(v) = 0 there."""
    import mpmath as mp

    for i in range(6):
        rec = generate_one("ssb.coleman_weinberg", seed=6, index=i, level=level)
        p = json.loads(rec.metadata)["params"]
        species = _cw_species(p)
        m2 = sum(sign * n * (a * V**2) ** 2 for n, sign, a, _ in species) / (8 * sp.pi**2 * V**2)
        mv2 = species[0][2] * V**2
        got = _parsed(rec)
        if p["want"] in ("ratio", "mass_ratio", "m2"):
            want = {"ratio": m2 / mv2, "mass_ratio": sp.sqrt(m2 / mv2), "m2": m2}[p["want"]]
            assert sp.simplify(got - want) == 0, (rec.answer, p)
            continue
        point = {E: 0.4, G: 0.6, sp.Symbol("g_Y", positive=True): 0.35, K: 0.5, Y: 0.45}
        lam = float(got.subs({s: point.get(s, 0.3) for s in got.free_symbols}))
        v0 = 1.7
        terms = [(n, sign, float(a.subs({s: point[s] for s in a.free_symbols})), float(c)) for n, sign, a, c in species]

        def veff(phi, lam=lam, terms=terms, v0=v0):  # mu = v0: the potential whose minimum at v0 fixes lambda
            return lam / 24 * phi**4 + sum(sign * n / (64 * mp.pi**2) * (av * phi**2) ** 2
                                           * (mp.log(av * phi**2 / v0**2) - c) for n, sign, av, c in terms)

        assert abs(mp.diff(veff, v0)) < 1e-10, (rec.answer, p)
    rec = generate_one("ssb.coleman_weinberg", seed=0, index=0, level="advanced-undergraduate")
    assert rec.meta()["params"]["want"] != "ratio" or sp.simplify(_parsed(rec) - 3 * E**2 / (8 * sp.pi**2)) == 0


def test_goldstone_patterns_break_something_and_name_their_size():
    # audit: "SU(2) -> Sp(2)" broke nothing (Sp(2) = SU(2)); the su_to_so text printed a literal "$n$"
    for index in range(60):
        rec = generate_one("ssb.goldstone_counting", seed=4, index=index, level="advanced-graduate")
        assert "$n$ flavours" not in rec.problem
        assert "SU(2)$ broken to $Sp(2)" not in rec.problem
        assert parse_answer(rec.answer) != 0
