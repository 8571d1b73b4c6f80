"""Scattering families: gold answers vs closed forms from the literature at several parameter points.

- ee_to_ffbar: Peskin & Schroeder (5.10)-(5.13) (massless: dsigma/dOmega = alpha^2 (1 + cos^2)/(4s),
  sigma = 4 pi alpha^2/(3s)) and the massive result (P&S problem 5.2 / eq. (5.22)-(5.23)):
  dsigma/dOmega = alpha^2 beta [1 + cos^2 + (1 - beta^2) sin^2]/(4s), sigma = (4 pi alpha^2/3s) beta (3 - beta^2)/2,
  times N_c Q_f^2.
- scalar_contact_2to2: sigma = S |M|^2 p_f / (16 pi s p_i) (P&S (4.85)), |M| = lambda k!(4-k)!/N;
  phi^4 check: sigma = lambda^2/(32 pi s) for -(lambda/4!) phi^4.
- yukawa_exchange: Srednicki ch. 48 t-channel term |M|^2 = g1^2 g2^2 (4m1^2 - t)(4m2^2 - t)/(t - M^2)^2
  (pseudoscalar: g1^2 g2^2 t^2/(t - M^2)^2), and its integral written out by hand.
"""

from __future__ import annotations

from math import factorial

import pytest
import sympy as sp

from qftdata.generators.scattering._testing import assert_matches, draws, params

alpha, s, m_f, Q, N_c = sp.symbols("alpha s m_f Q N_c", positive=True)
lam, m_1, m_2, M, g_1, g_2 = sp.symbols("lambda m_1 m_2 M g_1 g_2", positive=True)
t = sp.Symbol("t", real=True)
FLAV = [(-1, 1), (-1, 1), (sp.Rational(2, 3), 3), (sp.Rational(-1, 3), 3), (sp.Rational(2, 3), 3),
        (sp.Rational(-1, 3), 3)]


@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_ee_to_ffbar(level):
    """Massive: dsigma/dOmega = N_c Q^2 alpha^2 beta [(2 - beta^2) + beta^2 cos^2]/(4s); the acceptance window
    integrates it over |cos| < c0: 2 pi N_c Q^2 alpha^2 beta [2 c0 (2 - beta^2) + 2 beta^2 c0^3/3]/(4s)."""
    for rec in draws("scattering.ee_to_ffbar", 6, level=level):
        p = params(rec)
        q, nc = (Q, N_c) if p["flavour"] == "symbolic" else FLAV[p["flavour"]]
        beta = sp.sqrt(1 - 4 * m_f**2 / s) if p["massive"] else 1
        if p["quantity"] == "sigma":
            ref = nc * q**2 * 4 * sp.pi * alpha**2 / (3 * s) * beta * (3 - beta**2) / 2
        elif p["quantity"] == "sigma_window":
            c0 = sp.Rational(p["window"])
            ref = 2 * sp.pi * nc * q**2 * alpha**2 * beta / (4 * s) * (2 * c0 * (2 - beta**2) + 2 * beta**2 * c0**3 / 3)
        else:
            c = sp.Rational(p["angle"])
            ref = nc * q**2 * alpha**2 * beta / (4 * s) * (1 + c**2 + (1 - beta**2) * (1 - c**2))
            if p["quantity"] == "dsigma_dcos":
                ref *= 2 * sp.pi
        values = {"s": 5.0} if p["massive"] else None  # above threshold, m_f in (0.5, 2)
        assert_matches(rec, ref, values=values)
        assert rec.meta()["params"]["massive"] == (level == "advanced-graduate")


def test_phi4_literature_value():
    seen = 0
    for rec in draws("scattering.scalar_contact_2to2", 60, level="advanced-undergraduate"):
        p = params(rec)
        if p["k"] == 4 and p["norm"] == 24 and p["process"] == ["1", "1", "1", "1"] and p["n_s"] is None:
            assert_matches(rec, lam**2 / (32 * sp.pi * s), values={"s": 20.0})  # P&S (4.85) ff.
            seen += 1
    assert seen >= 1


@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate"])
def test_scalar_contact_2to2(level):
    for rec in draws("scattering.scalar_contact_2to2", 8, level=level):
        p = params(rec)
        k, norm = p["k"], p["norm"]
        a, b, c, d = p["process"]
        amp = lam * factorial(k) * factorial(4 - k) / norm
        if p["massless"]:
            mass = {"1": 0, "2": 0}
        elif p["equal"]:
            mass = {"1": m_1, "2": m_1}
        else:
            mass = {"1": m_1, "2": m_2 if p["ratio"] is None else sp.Rational(p["ratio"]) * m_1}
        sv = s if p["n_s"] is None else p["n_s"] * m_1**2

        def mom(x, y, sv=sv):
            return sp.sqrt((sv - (x + y) ** 2) * (sv - (x - y) ** 2)) / (2 * sp.sqrt(sv))

        ref = (sp.Rational(1, 2) if c == d else 1) * amp**2 / (16 * sp.pi * sv) * mom(mass[c], mass[d]) / mom(
            mass[a], mass[b])
        assert_matches(rec, ref, values={"s": 60.0})


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate"])
def test_yukawa_exchange(level):
    for rec in draws("scattering.yukawa_exchange", 5, level=level):
        p = params(rec)
        mass1, mass2 = sp.sympify(p["m1"], locals={"M": M, "m_1": m_1, "m_2": m_2}), sp.sympify(
            p["m2"], locals={"M": M, "m_1": m_1, "m_2": m_2})
        if p["pseudo"]:
            msq = g_1**2 * g_2**2 * t**2 / (t - M**2) ** 2
        else:
            msq = g_1**2 * g_2**2 * (4 * mass1**2 - t) * (4 * mass2**2 - t) / (t - M**2) ** 2
        sv = s if p["s"] == "None" else sp.sympify(p["s"], locals={"M": M})
        tv = t if p["t"] == "None" else sp.sympify(p["t"], locals={"M": M})
        if p["quantity"] == "msq":
            ref = msq.subs(t, tv)
        elif p["quantity"] == "dsigma_dt":
            ref = (msq / (16 * sp.pi * s**2)).subs({t: tv}).subs({s: sv})
        else:  # int_{-s}^0 t^2/(t-M^2)^2 dt = s - 2 M^2 ln(1 + s/M^2) + M^2 s/(M^2 + s)
            ref = (g_1**2 * g_2**2 / (16 * sp.pi * s**2) * (s - 2 * M**2 * sp.log(1 + s / M**2)
                                                            + M**2 * s / (M**2 + s))).subs(s, sv)
        assert_matches(rec, ref, values={"t": -0.7})


@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_scalar_qed_pair(level):
    # P&S problem 9.1 / PDG: dsigma/dOmega = alpha^2 Q^2 beta^3 sin^2(theta)/(8 s), sigma = pi alpha^2 Q^2 beta^3/(3 s)
    m = sp.Symbol("m", positive=True)
    for rec in draws("scattering.scalar_qed_pair", 6, level=level):
        p = params(rec)
        q = sp.Rational(p["Q"])
        mass = 0 if not p["massive"] else (m if p["ratio"] is None else sp.Rational(p["ratio"]) * sp.sqrt(s))
        beta = sp.sqrt(1 - 4 * mass**2 / s)
        if p["quantity"] == "sigma":
            ref = sp.pi * alpha**2 * q**2 * beta**3 / (3 * s)
        elif p["quantity"] == "sigma_window":  # 2 pi int_{-c0}^{c0} (1 - c^2) dc = 2 pi (2 c0 - 2 c0^3/3)
            c0 = sp.Rational(p["window"])
            ref = 2 * sp.pi * alpha**2 * q**2 * beta**3 / (8 * s) * (2 * c0 - 2 * c0**3 / 3)
        else:
            c = sp.Rational(p["angle"])
            ref = alpha**2 * q**2 * beta**3 * (1 - c**2) / (8 * s)
            if p["quantity"] == "dsigma_dcos":
                ref *= 2 * sp.pi
        assert_matches(rec, ref, values={"s": 30.0})
