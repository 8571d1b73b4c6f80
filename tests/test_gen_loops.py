"""Loop-integral families checked against closed forms from the literature (independent of the families)."""

from __future__ import annotations

import json

import mpmath as mp
import pytest

from qftdata.generators.api import generate_one
from qftdata.verify import parse_answer


def _records(name, n=12, seed=7):
    for i in range(n):
        rec = generate_one(name, seed=seed, index=i)
        yield rec, json.loads(rec.metadata)["params"]


def _value(rec, **subs):
    expr = parse_answer(rec.answer, symbols=rec.symbols)
    return complex(expr.subs({s: subs[s.name] for s in expr.free_symbols}).evalf(30))


def _master_exact(n, a, rank, D0, eps, delta, mu):
    """P&S (A.44)/(A.45) generalised to d = D0 - 2 eps: (mu^2 e^gamma/4pi)^eps Gamma(A+d/2)Gamma(n-A-d/2)/((4pi)^{d/2}
    Gamma(d/2)Gamma(n)) Delta^{A+d/2-n} with A = a + rank/2, times 1/d (rank 2) or 1/(d(d+2)) (rank 4)."""
    A = a + rank // 2
    d = D0 - 2 * eps
    val = ((mu**2 * mp.e**mp.euler / (4 * mp.pi)) ** eps * mp.gamma(A + d / 2) * mp.gamma(n - A - d / 2)
           / ((4 * mp.pi) ** (d / 2) * mp.gamma(d / 2) * mp.gamma(n)) * delta ** (A + d / 2 - n))
    return val * {0: 1, 2: 1 / d, 4: 1 / (d * (d + 2))}[rank]


def _laurent_coefficient(f, order, radius=mp.mpf("0.05")):
    """(1/2 pi i) contour integral of f(eps)/eps^(order+1) on |eps| = radius (Cauchy): any Laurent coefficient."""
    return mp.quad(lambda th: f(radius * mp.expj(th)) * (radius * mp.expj(th)) ** (-order), [0, 2 * mp.pi]) / (2 * mp.pi)


@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"])
def test_dimreg_master_matches_gamma_function_formula(level):
    mp.mp.dps = 20
    delta, mu = mp.mpf("1.7"), mp.mpf("2.3")
    order = {"pole": -1, "finite": 0, "value": 0, "order1": 1, "order2": 2}
    for i in range(5):
        rec = generate_one("loops.dimreg_master_integral", seed=7, index=i, level=level)
        p = json.loads(rec.metadata)["params"]

        def f(e, p=p):
            return _master_exact(p["n"], p["a"], p["rank"], p["D0"], e, delta, mu)

        want = _laurent_coefficient(f, order[p["want"]])
        if p["minkowski"]:  # P&S (A.44)/(A.45): int d^dl (l^2)^a/(l^2 - Delta)^n = (-1)^(n+a) i (Euclidean)
            want *= (-1) ** (p["n"] + p["a"])
        got = _value(rec, Delta=float(delta), mu=float(mu))
        assert got.real == pytest.approx(float(want.real), rel=1e-9, abs=1e-14), (rec.answer, p)
    mp.mp.dps = 15


def test_dimreg_special_cases_peskin_a44():
    # P&S (A.44): n = 2 -> pole 1/(16 pi^2); n = 3, a = 0 -> 1/(32 pi^2 Delta)
    import sympy as sp

    from qftdata.generators.loops.dimreg_master import DELTA, master

    pole, finite, div = master(2, 0, False)
    assert div and pole == 1 / (16 * sp.pi**2)
    pole, finite, div = master(3, 0, False)
    assert not div and sp.simplify(finite - 1 / (32 * sp.pi**2 * DELTA)) == 0


@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"])
def test_vacuum_polarization_uehling_and_running(level):
    """P&S (7.91)-(7.93): Dirac Pi-hat = -(2 alpha/pi) sum_k (q^2/m^2)^k/k * B(k+2, k+2), i.e. -alpha q^2/(15 pi m^2) at
    k = 1; the scalar loop has weight (1-2x)^2 = 1 - 4x(1-x) and prefactor alpha/(4 pi). Leading logs:
    alpha/(3 pi) (Dirac), alpha/(12 pi) (scalar) per unit charge (P&S (7.96)). Exact spacelike q^2 = -Q^2, with
    beta = sqrt(1 + 4m^2/Q^2) and L = ln((beta+1)/(beta-1)): Dirac (alpha/3 pi)[-5/3 + 4m^2/Q^2 + beta(1 - 2m^2/Q^2) L]
    (Berestetskii, Lifshitz & Pitaevskii sec. 113); scalar (alpha/12 pi)[beta^3 L - 8/3 - 8m^2/Q^2] (P&S problem 9.1)."""
    import sympy as sp

    alpha = sp.Symbol("alpha", positive=True)

    def beta_int(n):  # int_0^1 [x(1-x)]^n dx = (n!)^2/(2n+1)!
        return sp.factorial(n) ** 2 / sp.factorial(2 * n + 1)

    for i in range(6):
        rec = generate_one("renormalization.vacuum_polarization", seed=7, index=i, level=level)
        p = json.loads(rec.metadata)["params"]
        want = 0
        for kind, q, nc in p["species"]:
            mult = sp.Rational(q) ** 2 * nc
            if p["want"] == "log":
                want += alpha * mult * (sp.Rational(1, 3) if kind == "dirac" else sp.Rational(1, 12)) / sp.pi
            elif p["want"] == "taylor":
                k = p["k"]
                if kind == "dirac":
                    want += mult * -2 * alpha / sp.pi * beta_int(k + 1) / k
                else:
                    want += mult * -alpha / (4 * sp.pi) * (beta_int(k) - 4 * beta_int(k + 1)) / k
            else:
                inv_r = 1 / sp.Rational(p["r"])  # m^2/Q^2
                b = sp.sqrt(1 + 4 * inv_r)
                L = sp.log((b + 1) / (b - 1))
                if kind == "dirac":
                    want += mult * alpha / (3 * sp.pi) * (sp.Rational(-5, 3) + 4 * inv_r + b * (1 - 2 * inv_r) * L)
                else:
                    want += mult * alpha / (12 * sp.pi) * (b**3 * L - sp.Rational(8, 3) - 8 * inv_r)
        got = parse_answer(rec.answer, symbols=rec.symbols)
        got = got.subs({s: alpha for s in got.free_symbols})
        assert abs(complex((got - want).subs(alpha, 1).evalf(30))) < 1e-20, (rec.answer, p)


def _denner_b0_finite(p2, m0, m1, mu):
    """Denner, Fortsch. Phys. 41 (1993) 307, eq. (4.23): the finite part of B0 for Minkowski p^2 (here spacelike),
    2 - ln(m0 m1/mu^2) + (m0^2 - m1^2)/p^2 ln(m1/m0) - (m0 m1/p^2)(1/r - r) ln r, with r + 1/r = (m0^2+m1^2-p^2)/(m0 m1)."""
    r = mp.polyroots([1, -(m0**2 + m1**2 - p2) / (m0 * m1), 1])[0]
    return (2 - mp.log(m0 * m1 / mu**2) + (m0**2 - m1**2) / p2 * mp.log(m1 / m0)
            - m0 * m1 / p2 * (1 / r - r) * mp.log(r)).real


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate", "postgraduate"])
def test_bubble_against_denner_closed_forms(level):
    """Denner (1993) eqs. (4.23)-(4.25), continued to Euclidean p^2 = r m^2 (Minkowski p^2 = -r m^2): equal masses
    16 pi^2 B_fin = ln(mu^2/m^2) + 2 - beta ln((beta+1)/(beta-1)), beta = sqrt(1+4/r); one massless line:
    ln(mu^2/m^2) + 2 - (1+r)/r ln(1+r); p = 0: 1 - (m1^2 ln(m1^2/mu^2) - m2^2 ln(m2^2/mu^2))/(m1^2-m2^2); three scales:
    eq. (4.23); slope: dB/dp_E^2 = -B0'(0)/(16 pi^2) with B0'(0) = (m0^2+m1^2)/(2(m0^2-m1^2)^2)
    + m0^2 m1^2 ln(m1^2/m0^2)/(m0^2-m1^2)^3 (Denner eq. (4.25))."""
    import sympy as sp

    m, mu = 1.3, 2.9
    for i in range(8):
        rec = generate_one("loops.bubble_finite_part", seed=7, index=i, level=level)
        p = json.loads(rec.metadata)["params"]
        r, a = float(sp.Rational(p["r"])), float(sp.Rational(p["a"]))
        m2 = mp.sqrt(a) * m
        if p["kind"] == "slope":
            m0s, m1s = m**2, a * m**2
            want = -((m0s + m1s) / (2 * (m0s - m1s) ** 2) + m0s * m1s * mp.log(m1s / m0s) / (m0s - m1s) ** 3)
        elif p["kind"] == "equal":
            beta = mp.sqrt(1 + 4 / r)
            want = mp.log(mu**2 / m**2) + 2 - beta * mp.log((beta + 1) / (beta - 1))
        elif p["kind"] == "one_massless":
            want = mp.log(mu**2 / m**2) + 2 - (1 + r) / r * mp.log(1 + r)
        elif p["kind"] == "zero_momentum":
            m1s, m2s = m**2, a * m**2
            want = 1 - (m1s * mp.log(m1s / mu**2) - m2s * mp.log(m2s / mu**2)) / (m1s - m2s)
        else:
            want = _denner_b0_finite(-r * m**2, m, m2, mu)
        if p["want"] == "finite_at_mu":
            want = want - mp.log(mu**2 / m**2)
        got = _value(rec, m=m, mu=mu) if rec.symbols else complex(parse_answer(rec.answer).evalf(30))
        assert got.real * 16 * float(mp.pi) ** 2 == pytest.approx(float(want), rel=1e-10), (rec.answer, p)


def test_feynman_parameter_integrals_match_quadrature():
    """The by-parts closed forms of loops._feynman against mpmath quadrature (roots inside Q(sqrt D), at 0 and 1)."""
    import sympy as sp

    from qftdata.generators.loops._feynman import inverse_moment, log_moment

    cases = [([1], (-3, 3, 1)), ([0, 1, -1], (-5, 5, 1)), ([1, -4, 4], (sp.Rational(-7, 3), sp.Rational(4, 3), 2)),
             ([1], (-4, 5, 0)), ([0, 1], (-1, 1, 0)), ([2, 3], (0, -1, 1)), ([1, 0, 0, 5], (-1, 2, 0))]
    for weight, q in cases:
        got = float(log_moment(weight, *q))
        want = mp.quad(lambda x, w=weight, q=q: sum(c * x**j for j, c in enumerate(w))
                       * mp.log(sum(float(c) * x**k for k, c in enumerate(reversed(q)))), [0, 1])
        assert got == pytest.approx(float(want), rel=1e-12), (weight, q)
    for weight, q1, q0 in [([0, 1, -1], sp.Rational(-3, 2), sp.Rational(5, 2)), ([1, 2, 3], 2, 1), ([0, 0, 1], -3, -1)]:
        want = mp.quad(lambda x, w=weight, q1=q1, q0=q0: sum(c * x**j for j, c in enumerate(w)) / (float(q1) * x + float(q0)),
                       [0, 1])
        assert float(inverse_moment(weight, q1, q0)) == pytest.approx(float(want), rel=1e-12)
    with pytest.raises(ValueError):
        log_moment([1], 1, 0, 1)  # complex roots: refused, not silently wrong


# ---------------------------------------------------------------- the difficulty knob (issue 20, part B families)
RETROFITTED_B = (
    "loops.bubble_finite_part", "loops.dimreg_master_integral", "renormalization.vacuum_polarization",
    "path_integrals.gaussian_moments", "path_integrals.grassmann_integral", "path_integrals.symmetry_factor",
    "path_integrals.wick_contractions", "rg.banks_zaks_fixed_point", "rg.gauge_beta_b0", "rg.on_quartic_beta",
    "rg.one_loop_running", "rg.wilson_fisher_exponents", "scattering.ee_to_ffbar", "scattering.scalar_contact_2to2",
    "scattering.scalar_qed_pair", "scattering.yukawa_exchange", "ssb.coleman_weinberg", "ssb.electroweak_rho",
    "ssb.goldstone_counting", "symmetries.noether_charge", "thermal.casimir_energy", "thermal.horizon_temperature",
    "thermal.ideal_gas_thermodynamics", "thermal.scalar_thermal_mass", "topology.instanton_zero_modes",
)


@pytest.mark.parametrize("name", RETROFITTED_B)
def test_knob_realised_and_levels_disjoint(name):
    """Every family returns the knob value it is given (and one inside its level's band otherwise), and never emits
    one statement at two levels (the reviews found three of them doing so)."""
    from qftdata.generators.foundations._knob_testing import assert_knob_realised, assert_levels_disjoint

    assert_knob_realised(name)
    assert_levels_disjoint(name)


@pytest.mark.parametrize("name,level,size", [
    ("loops.dimreg_master_integral", "graduate", lambda p: p["n"] + p["a"]),
    ("path_integrals.symmetry_factor", "advanced-graduate", lambda p: sum(p["vertices"].values()) + len(p["externals"])),
    ("rg.gauge_beta_b0", "graduate", lambda p: p["N"]),
    ("ssb.goldstone_counting", "graduate", lambda p: p["n"]),
    ("thermal.casimir_energy", "graduate", lambda p: p["D"]),
    ("rg.wilson_fisher_exponents", "graduate", lambda p: p["N"]),
])
def test_knob_grows_the_problem_within_a_level(name, level, size):
    """Inside one level's band, a higher knob value gives larger problems on average (more propagator powers,
    vertices, N, D): the knob is continuous, not just the level."""
    from qftdata.generators.api import make_draft
    from qftdata.generators.base import LEVEL_BANDS
    from qftdata.generators.registry import get_family

    fam = get_family(name)
    lo, hi = LEVEL_BANDS[level]

    def mean_size(d):
        return sum(size(make_draft(fam, seed=5, index=i, difficulty=d)[0].params) for i in range(24)) / 24

    assert mean_size(lo + 0.01) < mean_size(hi - 0.01), name
