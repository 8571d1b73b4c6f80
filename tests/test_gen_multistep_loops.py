"""Multi-step loop families (issue 20 N2) against independent closed forms and quadrature.

- loops.scalar_self_energy_phi3: the d = 6 pole of phi^3 against Srednicki ch. 14 (Z_phi = 1 - alpha/6eps,
  Z_m = 1 - alpha/eps in d = 6 - eps, alpha = g^2/(4 pi)^3); d = 4 finite parts and slopes against the closed form
  of B0 in Denner, Fortsch. Phys. 41 (1993) 307, eqs. (4.23) and (4.25); d = 6 finite parts against the Laurent coefficient
  of the exact Gamma-function expression, integrated over x by mpmath.
- loops._quadratic: the exact integrals against mpmath quadrature.
"""

from __future__ import annotations

import json
import random

import mpmath as mp
import pytest
import sympy as sp

from qftdata.generators.api import generate_one
from qftdata.generators.loops._quadratic import log_integral, rational_integral
from qftdata.verify import parse_answer


def _records(name, level, n, seed=5):
    out = []
    for i in range(n):
        rec = generate_one(name, seed=seed, index=i, level=level)
        out.append((rec, json.loads(rec.metadata)["params"]))
    return out


def _value(rec, **values) -> complex:
    expr = parse_answer(rec.answer, symbols=tuple(rec.symbols), assumptions=rec.symbol_assumptions() or None)
    return complex(expr.subs({s: values[s.name] for s in expr.free_symbols}).evalf(30))


def _denner_r(p2, m0, m1):
    """r with r + 1/r = (m0^2 + m1^2 - p^2 - i eps)/(m0 m1) (Denner's auxiliary variable of eqs. (4.23)-(4.25))."""
    b = (m0**2 + m1**2 - p2 - 1j * mp.mpf("1e-30")) / (m0 * m1)
    return (b - mp.sqrt(b * b - 4)) / 2


def denner_b0(p2, m0, m1, mu=1.0):
    """Finite part of B0(p^2, m0, m1) (Delta = 1/eps dropped), Denner eq. (4.23), p^2 != 0, below threshold."""
    p2, m0, m1 = mp.mpf(p2), mp.mpf(m0), mp.mpf(m1)
    r = _denner_r(p2, m0, m1)
    val = (2 - mp.log(m0 * m1 / mu**2) + (m0**2 - m1**2) / p2 * mp.log(m1 / m0)
           - m0 * m1 / p2 * (1 / r - r) * mp.log(r))
    return mp.re(val)


def denner_b0_slope(p2, m0, m1):
    """dB0/dp^2, Denner eq. (4.25)."""
    p2, m0, m1 = mp.mpf(p2), mp.mpf(m0), mp.mpf(m1)
    r = _denner_r(p2, m0, m1)
    val = (-(m0**2 - m1**2) / (2 * p2**2) * mp.log(m1**2 / m0**2) + m0 * m1 / p2**2 * (1 / r - r) * mp.log(r)
           - (1 + (r**2 + 1) / (r**2 - 1) * mp.log(r)) / p2)
    return mp.re(val)


def test_denner_closed_forms_against_quadrature():
    for p2, m0, m1 in ((-3.1, 0.9, 0.9), (1.0, 1.0, 1.0), (0.5, 0.7, 1.3), (2.2, 1.5, 0.6)):
        def delta(x, p2=p2, m0=m0, m1=m1):
            return x * m1**2 + (1 - x) * m0**2 - x * (1 - x) * p2

        assert float(denner_b0(p2, m0, m1)) == pytest.approx(float(-mp.quad(lambda x, f=delta: mp.log(f(x)), [0, 1])))
        assert float(denner_b0_slope(p2, m0, m1)) == pytest.approx(
            float(mp.quad(lambda x, f=delta: x * (1 - x) / f(x), [0, 1])))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_quadratic_integrals_against_quadrature(seed):
    rng = random.Random(seed)
    for _ in range(6):
        p = [sp.Rational(rng.randint(-5, 5), rng.randint(1, 4)) for _ in range(rng.randint(1, 4))]
        r = sp.Rational(rng.randint(-40, 39), 10)  # equal-mass Delta = 1 - x(1-x) r, positive for r < 4
        q = (r, -r, sp.Integer(1))
        def ratio(x, p=p, r=r):
            return sum(float(c) * x**j for j, c in enumerate(p)) / (1 - x * (1 - x) * float(r))

        def logged(x, p=p, r=r):
            return sum(float(c) * x**j for j, c in enumerate(p)) * mp.log(1 - x * (1 - x) * float(r))

        assert float(rational_integral(p, q)) == pytest.approx(float(mp.quad(ratio, [0, 1])), rel=1e-10)
        assert float(log_integral(p, q)) == pytest.approx(float(mp.quad(logged, [0, 1])), rel=1e-9, abs=1e-12)


def test_phi3_d6_pole_matches_srednicki_counterterms():
    """Srednicki (14.37): Z_phi - 1 = -alpha/(6 eps_S), Z_m - 1 = -alpha/eps_S with d = 6 - eps_S, i.e. our
    eps = eps_S/2: the pole of Sigma must be cancelled by -p^2 dZ + dm, so Sigma_pole = alpha (m^2 - p^2/6)/(2 eps)."""
    seen = 0
    for rec, p in _records("loops.scalar_self_energy_phi3", "graduate", 18):
        if p["theory"] != "phi3":
            continue
        alpha = lambda g: g**2 / (4 * mp.pi) ** 3  # noqa: E731
        r = float(sp.Rational(p["r"]))
        for g, m in ((0.7, 1.3), (1.9, 0.4), (1.1, 2.2)):
            want = alpha(g) * (m**2 - r * m**2 / 6) / 2
            assert _value(rec, g=g, m=m).real == pytest.approx(float(want), rel=1e-12), rec.answer
        seen += 1
    assert seen >= 3


def _bubble_weights(p):
    """(S kappa^2 per unit coupling^2, coupling name, m_a, m_b) for each bubble of the statement's theory."""
    if p["theory"] in ("phi3", "phi_chi2"):
        return [(0.5, "g")]
    if p["theory"] == "phi_chi_sigma":
        return [(1.0, "g")]
    return [(0.5, "h"), (0.5, "g")]


@pytest.mark.parametrize("level", ["advanced-graduate", "postgraduate"])
def test_d4_finite_parts_and_slopes_match_denner_b0(level):
    mp.mp.dps = 30
    checked = 0
    for rec, p in _records("loops.scalar_self_energy_phi3", level, 12):
        if p["kind"] not in ("finite4", "slope4"):
            continue
        r = sp.Rational(p["r"])
        couplings = {"g": 0.8, "h": 1.7}
        m = 1.3
        want = 0
        for (w, c), (ma, mb) in zip(_bubble_weights(p), p["masses"], strict=True):
            m0, m1 = float(sp.Rational(ma)) * m, float(sp.Rational(mb)) * m
            if p["kind"] == "finite4":  # Sigma = -S k^2/(16 pi^2) B0, at mu = m
                want += -w * couplings[c] ** 2 / (16 * mp.pi**2) * denner_b0(float(r) * m**2, m0, m1, mu=m)
            else:
                want += -w * couplings[c] ** 2 / (16 * mp.pi**2) * denner_b0_slope(float(r) * m**2, m0, m1)
        got = _value(rec, m=m, **{k: v for k, v in couplings.items() if k in rec.symbols})
        assert got.real == pytest.approx(float(want), rel=1e-8), (rec.answer, p)
        checked += 1
    assert checked >= 3
    mp.mp.dps = 15


def test_d6_finite_parts_match_gamma_function_laurent_coefficients():
    """Sigma(eps) = -S k^2 e^(gamma eps) Gamma(-1+eps) int Delta^(1-eps) dx / (64 pi^3) at mu = m = 1: the Laurent
    coefficients c_-1, c_0 of e^(gamma eps) Gamma(-1+eps) by mpmath (Taylor series of eps G(eps)), the x integrals
    of Delta and Delta ln Delta by quadrature: Sigma_0 = -S k^2 (c_0 int Delta - c_-1 int Delta ln Delta)/(64 pi^3)."""
    c_m1, c_0 = mp.taylor(lambda e: e * mp.exp(mp.euler * e) * mp.gamma(-1 + e) if e else -1, 0, 1)
    assert float(c_m1) == pytest.approx(-1) and float(c_0) == pytest.approx(-1)  # Gamma(-1+eps) = -1/eps - 1 + gamma_E
    checked = 0
    for rec, p in _records("loops.scalar_self_energy_phi3", "postgraduate", 10):
        if p["kind"] != "finite6":
            continue
        couplings, r = {"g": 0.9, "h": 1.4}, float(sp.Rational(p["r"]))
        want = 0
        for (w, c), (ma, mb) in zip(_bubble_weights(p), p["masses"], strict=True):
            a2, b2 = float(sp.Rational(ma)) ** 2, float(sp.Rational(mb)) ** 2
            def delta(x, a2=a2, b2=b2, r=r):
                return x * b2 + (1 - x) * a2 - x * (1 - x) * r

            plain = mp.quad(delta, [0, 1])
            logged = mp.quad(lambda x, f=delta: f(x) * mp.log(f(x)), [0, 1])
            want += -w * couplings[c] ** 2 * (c_0 * plain - c_m1 * logged) / (64 * mp.pi**3)
        got = _value(rec, m=1.0, **{k: v for k, v in couplings.items() if k in rec.symbols})
        assert got.real == pytest.approx(float(want), rel=1e-9), (rec.answer, p)
        checked += 1
    assert checked >= 2


def denner_a0(m, mu):
    """Finite part of A0(m) = m^2 (Delta - ln(m^2/mu^2) + 1), Denner eq. (4.21)."""
    return m**2 * (1 - mp.log(m**2 / mu**2))


def denner_b1(p2, m0, m1, mu):
    """Finite part of B1 by Passarino-Veltman reduction, Denner eq. (4.18)."""
    return (denner_a0(m0, mu) - denner_a0(m1, mu) - (p2 - m1**2 + m0**2) * denner_b0(p2, m0, m1, mu)) / (2 * p2)


def test_yukawa_self_energy_matches_passarino_veltman_closed_forms():
    """A = g^2 B1(p^2, m, M)/(16 pi^2), B = -sigma g^2 B0(p^2, m, M)/(16 pi^2) (Denner (4.18), (4.23)); delta m =
    m (A + B) at p^2 = m^2; delta Z_2 = A + 2 m^2 (A' + B') with B0' from Denner (4.25) and B1' from differentiating (4.18)."""
    mp.mp.dps = 60
    checked = set()
    for level in ("graduate", "advanced-graduate", "postgraduate"):
        for rec, p in _records("loops.yukawa_self_energy", level, 8):
            g, m = mp.mpf("0.8"), mp.mpf("1.3")
            big_m, mu = float(sp.Rational(p["rho"])) * m, float(sp.Rational(p["kappa"])) * m
            p2 = float(sp.Rational(p["r"])) * m**2 or mp.mpf("1e-15")  # p = 0: the closed forms at tiny p^2 (error O(p^2))
            pref, sig = g**2 / (16 * mp.pi**2), p["sigma"]
            b0 = denner_b0(p2, m, big_m, mu)
            b1 = denner_b1(p2, m, big_m, mu)
            if p["want"] == "A":
                want = pref * b1
            elif p["want"] == "B":
                want = -sig * pref * b0
            elif p["want"] == "dm":
                want = m * pref * (b1 - sig * b0)
            else:
                b0p = denner_b0_slope(p2, m, big_m)
                b1p = -b1 / p2 + (-b0 - (p2 - big_m**2 + m**2) * b0p) / (2 * p2)
                want = pref * b1 + 2 * m**2 * pref * (b1p - sig * b0p)
            got = _value(rec, g=g, m=m)
            assert got.real == pytest.approx(float(want), rel=1e-9), (rec.answer, p)
            checked.add(p["want"])
    assert checked == {"A", "B", "dm", "dZ"}
    mp.mp.dps = 15


def _qed_sigma_pv(p2, m, lam, mu):
    """Feynman-gauge QED self-energy in PV functions: Sigma/(alpha Q^2/4 pi) = (2 B1 + 1) pslash + (4 B0 - 2) m, B's at
    (p^2, m, lambda) (Denner sec. 3 with (4.18), (4.23); the +1, -2 are the O(eps) numerator terms): (A, B) coefficients."""
    return 2 * denner_b1(p2, m, lam, mu) + 1, 4 * denner_b0(p2, m, lam, mu) - 2


def test_pv_reference_reproduces_the_textbook_qed_limits():
    """delta m = (alpha m/4 pi)[3 ln(mu^2/m^2) + 4] (lambda -> 0) and delta Z_2 = -(alpha/4 pi)[ln(mu^2/m^2) + 4 +
    2 ln(lambda^2/m^2)] + O(lambda) (Denner sec. 3; Böhm, Denner & Joos) from the PV closed forms used below."""
    mp.mp.dps = 40
    m, mu, lam = mp.mpf(1), mp.mpf(2), mp.mpf("1e-8")
    a, b = _qed_sigma_pv(m**2, m, lam, mu)
    assert float(a + b) == pytest.approx(float(3 * mp.log(mu**2) + 4), rel=1e-6)
    h = mp.mpf("1e-12")
    da = (_qed_sigma_pv(m**2 + h, m, lam, mu)[0] - _qed_sigma_pv(m**2 - h, m, lam, mu)[0]) / (2 * h)
    db = (_qed_sigma_pv(m**2 + h, m, lam, mu)[1] - _qed_sigma_pv(m**2 - h, m, lam, mu)[1]) / (2 * h)
    assert float(a + 2 * (da + db)) == pytest.approx(float(-(mp.log(mu**2) + 4 + 2 * mp.log(lam**2))), rel=1e-6)
    mp.mp.dps = 15


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate", "postgraduate"])
def test_electron_mass_shift_and_z2_match_pv_closed_forms(level):
    mp.mp.dps = 40
    for rec, p in _records("renormalization.electron_mass_shift", level, 5):
        alpha, m = mp.mpf("0.3"), mp.mpf("1.7")
        q2 = float(sp.Rational(p["charge"])) ** 2
        mu, lam = float(sp.Rational(p["kappa"])) * m, float(sp.Rational(p["rho"])) * m
        pref = alpha * q2 / (4 * mp.pi)
        if p["want"] == "dm":
            if lam == 0:   # textbook massless-photon result
                want = pref * m * (3 * mp.log(mu**2 / m**2) + 4)
            else:
                a, b = _qed_sigma_pv(m**2, m, lam, mu)
                want = pref * m * (a + b)
        else:
            a, _ = _qed_sigma_pv(m**2, m, lam, mu)
            b0p, b1 = denner_b0_slope(m**2, m, lam), denner_b1(m**2, m, lam, mu)
            b1p = -b1 / m**2 + (-denner_b0(m**2, m, lam, mu) - (m**2 - lam**2 + m**2) * b0p) / (2 * m**2)
            want = pref * (a + 2 * m**2 * (2 * b1p + 4 * b0p))
        got = _value(rec, alpha=alpha, m=m)
        assert got.real == pytest.approx(float(want), rel=1e-9), (rec.answer, p)
    mp.mp.dps = 15
