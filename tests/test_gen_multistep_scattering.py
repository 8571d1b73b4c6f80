"""Multi-diagram tree scattering families (issue 20 N2) against closed forms from the literature.

- scattering.compton: Peskin & Schroeder (5.87) (1/4 sum |M|^2 in p.k, p.k'), the Klein-Nishina formula (5.88)
  dsigma/dcos = (pi alpha^2/m^2)(w'/w)^2 [w'/w + w/w' - sin^2], and the total cross section of Berestetskii,
  Lifshitz & Pitaevskii eq. (86.16): 2 pi r_e^2 {[(1+k)/k^2][2(1+k)/(1+2k) - ln(1+2k)/k] + ln(1+2k)/(2k) - (1+3k)/(1+2k)^2}.
- scattering.pair_annihilation_two_photons: P&S (5.105) (crossed Compton) and Dirac's total cross section
  (BLP eq. (88.9)): pi r_e^2/(g+1) [(g^2+4g+1)/(g^2-1) ln(g + sqrt(g^2-1)) - (g+3)/sqrt(g^2-1)], g = s/(2m^2) - 1.
Every value carries the charge factor Q^4.
"""

from __future__ import annotations

import itertools
import json
import math

import mpmath as mp
import pytest
import sympy as sp

from qftdata.generators.api import generate_one
from qftdata.verify import parse_answer

CHARGE = {"an electron": -1, "a muon": -1, "a positron": 1, "a pointlike Dirac fermion of charge $Q = \\tfrac23$": 2 / 3,
          "a pointlike Dirac fermion of charge $Q = 2$": 2,
          "an electron and a positron": -1, "a muon and an antimuon": -1,
          "an up quark and an up antiquark (ignore colour: a single colour state)": 2 / 3,
          "a fermion of charge $Q = -\\tfrac13$ and its antiparticle": -1 / 3,
          "a fermion of charge $Q = 2$ and its antiparticle": 2}


def _draws(name, level, n=5, seed=4):
    for i in range(n):
        rec = generate_one(name, seed=seed, index=i, level=level)
        yield rec, json.loads(rec.metadata)["params"]


def _value(rec, **values) -> float:
    expr = parse_answer(rec.answer, symbols=tuple(rec.symbols))
    return float(expr.subs({x: values[x.name] for x in expr.free_symbols}))


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate", "postgraduate"])
def test_compton_matches_peskin_and_klein_nishina(level):
    e_val, m_val = 0.31, 1.7
    alpha = e_val**2 / (4 * mp.pi)
    for rec, p in _draws("scattering.compton", level):
        q4 = CHARGE[p["who"]] ** 4
        k = float(sp.Rational(p["kappa"]))
        if level == "postgraduate":
            re2 = (alpha / m_val) ** 2
            want = 2 * mp.pi * re2 * (((1 + k) / k**2) * (2 * (1 + k) / (1 + 2 * k) - mp.log(1 + 2 * k) / k)
                                      + mp.log(1 + 2 * k) / (2 * k) - (1 + 3 * k) / (1 + 2 * k) ** 2)
        else:
            c = float(sp.Rational(p["c"]))
            ratio = 1 / (1 + k * (1 - c))    # w'/w
            if level == "graduate":          # P&S (5.87) with p.k = m w, p.k' = m w'
                pk, pkp = m_val**2 * k, m_val**2 * k * ratio
                want = 2 * e_val**4 * (pkp / pk + pk / pkp + 2 * m_val**2 * (1 / pk - 1 / pkp)
                                       + m_val**4 * (1 / pk - 1 / pkp) ** 2)
            else:                            # P&S (5.88)
                want = mp.pi * alpha**2 / m_val**2 * ratio**2 * (ratio + 1 / ratio - (1 - c**2))
        got = _value(rec, e=e_val, alpha=float(alpha), m=m_val)
        assert got == pytest.approx(float(q4 * want), rel=1e-10), (rec.answer, p)


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate", "postgraduate"])
def test_pair_annihilation_matches_peskin_and_dirac(level):
    e_val, m_val = 0.29, 1.3
    alpha = e_val**2 / (4 * mp.pi)
    for rec, p in _draws("scattering.pair_annihilation_two_photons", level):
        q4 = CHARGE[p["who"]] ** 4
        beta = float(sp.Rational(p["beta"]))
        s = 4 * m_val**2 / (1 - beta**2)
        if level == "postgraduate":
            g = s / (2 * m_val**2) - 1
            want = (mp.pi * (alpha / m_val) ** 2 / (g + 1) * ((g * g + 4 * g + 1) / (g * g - 1) * mp.log(g + mp.sqrt(g * g - 1))
                                                              - (g + 3) / mp.sqrt(g * g - 1)))
        else:
            c = float(sp.Rational(p["c"]))
            pk1, pk2 = s / 4 * (1 - beta * c), s / 4 * (1 + beta * c)   # p1.k1, p1.k2 in the CM frame
            msq = 2 * e_val**4 * (pk2 / pk1 + pk1 / pk2 + 2 * m_val**2 * (1 / pk1 + 1 / pk2)
                                  - m_val**4 * (1 / pk1 + 1 / pk2) ** 2)   # P&S (5.105)
            want = msq if level == "graduate" else msq / (32 * mp.pi * s * beta)
        got = _value(rec, e=e_val, alpha=float(alpha), m=m_val)
        assert got == pytest.approx(float(q4 * want), rel=1e-10), (rec.answer, p)


def _moller_cm(alpha, m, beta, c):
    """Møller's massive CM cross section (Møller 1932; BLP sec. 81): with E the lepton energy,
    dsigma/dOmega = alpha^2 (2E^2 - m^2)^2 / (4 E^2 (E^2 - m^2)^2) [4/sin^4 - 3/sin^2 + ((E^2-m^2)/(2E^2-m^2))^2 (1 + 4/sin^2)]."""
    e2 = m**2 / (1 - beta**2)
    p2, sin2 = e2 - m**2, 1 - c**2
    return (alpha**2 * (2 * e2 - m**2) ** 2 / (4 * e2 * p2**2)
            * (4 / sin2**2 - 3 / sin2 + (p2 / (2 * e2 - m**2)) ** 2 * (1 + 4 / sin2)))


def _moller_massless(alpha, s, c):
    """The E >> m limit of Møller's formula (E^2 = s/4): dsigma/dOmega = (4 alpha^2/s)(4/sin^4 - 2/sin^2 + 1/4)."""
    sin2 = 1 - c * c
    return 4 * alpha**2 / s * (4 / sin2**2 - 2 / sin2 + mp.mpf(1) / 4)


def _bhabha_massless_dcos(alpha, s, c):
    """P&S problem 5.2: dsigma/dcos = (pi alpha^2/s)[u^2 (1/s + 1/t)^2 + (t/s)^2 + (s/t)^2]."""
    t, u = -s / 2 * (1 - c), -s / 2 * (1 + c)
    return mp.pi * alpha**2 / s * (u**2 * (1 / s + 1 / t) ** 2 + (t / s) ** 2 + (s / t) ** 2)


def _bhabha_spinor_sum(e, m, beta, c):
    """1/4 sum |M|^2 of massive Bhabha from explicit Dirac-basis spinors (numpy), M = M_s - M_t (an engine independent
    of the family's trace algebra)."""
    import numpy as np

    g = [np.array(x, dtype=complex) for x in (
        [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, -1, 0], [0, 0, 0, -1]], [[0, 0, 0, 1], [0, 0, 1, 0], [0, -1, 0, 0], [-1, 0, 0, 0]],
        [[0, 0, 0, -1j], [0, 0, 1j, 0], [0, 1j, 0, 0], [-1j, 0, 0, 0]], [[0, 0, 1, 0], [0, 0, 0, -1], [-1, 0, 0, 0], [0, 1, 0, 0]])]
    metric = (1, -1, -1, -1)
    en = m / np.sqrt(1 - beta**2)
    k = en * beta
    sn = np.sqrt(1 - c * c)
    p1, p2 = (en, 0, 0, k), (en, 0, 0, -k)
    p3, p4 = (en, k * sn, 0, k * c), (en, -k * sn, 0, -k * c)
    sl = lambda p: sum(metric[i] * p[i] * g[i] for i in range(4))  # noqa: E731
    basis = np.eye(4)
    us = lambda p: [(sl(p) + m * np.eye(4)) @ basis[i] / np.sqrt(p[0] + m) for i in (0, 1)]  # noqa: E731
    vs = lambda p: [(-sl(p) + m * np.eye(4)) @ basis[i] / np.sqrt(p[0] + m) for i in (2, 3)]  # noqa: E731
    bar = lambda x: x.conj() @ g[0]  # noqa: E731
    s_, t_ = 4 * en**2, -2 * k**2 * (1 - c)
    total = 0.0
    for u1 in us(p1):
        for v2 in vs(p2):
            for u3 in us(p3):
                for v4 in vs(p4):
                    amp_s = sum(metric[i] * (bar(v2) @ g[i] @ u1) * (bar(u3) @ g[i] @ v4) for i in range(4)) / s_
                    amp_t = sum(metric[i] * (bar(u3) @ g[i] @ u1) * (bar(v2) @ g[i] @ v4) for i in range(4)) / t_
                    total += abs(e**2 * (amp_s - amp_t)) ** 2
    return total / 4


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate"])
def test_bhabha_moller_matches_literature(level):
    e_val, s_val, m_val = 0.3, 5.3, 1.1
    alpha = e_val**2 / (4 * mp.pi)
    kinds = set()
    for rec, p in _draws("scattering.bhabha_moller", level, n=10):
        kinds.add(p["kind"])
        if p["kind"] in ("msq", "dsigma"):
            c = float(sp.Rational(p["c"]))
            if p["process"] == "bhabha":
                dsig = _bhabha_massless_dcos(alpha, s_val, c) / (2 * mp.pi)
            else:
                dsig = _moller_massless(alpha, s_val, c)
            want = dsig if p["kind"] == "dsigma" else dsig * 64 * mp.pi**2 * s_val
        elif p["kind"] == "massive":
            beta, c = float(sp.Rational(p["beta"])), float(sp.Rational(p["c"]))
            if p["process"] == "moller":
                want = _moller_cm(alpha, m_val, beta, c)
            else:
                want = _bhabha_spinor_sum(e_val, m_val, beta, c) / (64 * mp.pi**2 * 4 * m_val**2 / (1 - beta**2))
        else:
            c0 = float(sp.Rational(p["c0"]))
            if p["process"] == "bhabha":
                want = mp.quad(lambda c: _bhabha_massless_dcos(alpha, s_val, c), [-c0, c0])
            else:   # massless Møller from Møller's formula at E >> m, times 1/2 for identical leptons
                want = mp.pi * mp.quad(lambda c: _moller_massless(alpha, s_val, c), [-c0, c0])
        got = _value(rec, e=e_val, alpha=float(alpha), s=s_val, m=m_val)
        assert got == pytest.approx(float(want), rel=1e-8), (rec.answer, p)
    assert kinds >= ({"msq", "dsigma"} if level == "graduate" else {"massive", "cut"})


def _phi3_amplitude(s, t, u, g, m, h=0.0, big_m=1.0):
    """Srednicki eq. (10.13) (mostly-minus form): M = g^2 [1/(m^2 - s) + 1/(m^2 - t) + 1/(m^2 - u)], plus the same
    with h^2 and the chi mass for the phi^2 chi coupling (each channel's propagator i/(q^2 - M^2), vertex -i h)."""
    return sum(k2 * (1 / (mm - s) + 1 / (mm - t) + 1 / (mm - u)) for k2, mm in ((g * g, m * m), (h * h, big_m**2)))


@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"])
def test_phi3_exchange_matches_srednicki_amplitude(level):
    g_val, h_val, m_val = 0.9, 1.4, 1.3
    for rec, p in _draws("scattering.phi3_exchange", level):
        s = float(sp.Rational(p["s"])) * m_val**2
        big_m = float(sp.sqrt(sp.Rational(p["masses"][-1]))) * m_val
        h = h_val if len(p["masses"]) > 1 else 0.0
        p2 = s / 4 - m_val**2
        amp = lambda c, s=s, h=h, big_m=big_m, p2=p2: _phi3_amplitude(  # noqa: E731
            s, -2 * p2 * (1 - c), -2 * p2 * (1 + c), g_val, m_val, h, big_m)
        if level == "advanced-undergraduate":
            t = float(sp.Rational(p["t"])) * m_val**2
            want = _phi3_amplitude(s, t, 4 * m_val**2 - s - t, g_val, m_val, h, big_m)
        elif level == "graduate":
            want = amp(float(sp.Rational(p["c"]))) ** 2 / (64 * mp.pi**2 * s)   # P&S (4.85)
        else:   # 1/2 for identical particles, 2 pi from the azimuth
            want = 0.5 * 2 * mp.pi * mp.quad(lambda c, f=amp: f(c) ** 2, [-1, 1]) / (64 * mp.pi**2 * s)
        got = _value(rec, g=g_val, h=h_val, m=m_val)
        assert got == pytest.approx(float(want), rel=1e-9), (rec.answer, p)


SCALAR_CHARGE = {"a charged pion": 1, "a charged kaon": -1, "a spin-0 particle of charge $Q = 2$": 2,
                 "a spin-0 particle of charge $Q = -\\tfrac13$": -1 / 3}


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate", "postgraduate"])
def test_scalar_compton_matches_radiation_gauge_and_ward_identity(level):
    """Radiation gauge in the target rest frame (epsilon . p = 0): only the seagull 2 e^2 Q^2 epsilon.epsilon'* survives,
    so 1/2 sum |M|^2 = 2 e^4 Q^4 (1 + cos^2) and dsigma/dOmega = (alpha^2 Q^4/2m^2)(w'/w)^2 (1 + cos^2); the Ward identity
    (P&S sec. 5.5) makes the pole diagrams alone give -2 e^2 Q^2 k.epsilon'."""
    e_val, m_val = 0.33, 1.9
    alpha = e_val**2 / (4 * mp.pi)
    for rec, p in _draws("scattering.scalar_qed_compton", level, n=6):
        q = SCALAR_CHARGE[p["who"]]
        k = float(sp.Rational(p["kappa"]))
        if p["kind"] == "ward":
            cos = float(sp.Rational(p["cos"]))
            want = -2 * e_val**2 * q**2 * k * m_val * math.sqrt(1 - cos * cos)
        elif p["kind"] in ("msq", "dsigma"):
            c = float(sp.Rational(p["c"]))
            ratio = 1 / (1 + k * (1 - c))
            want = (2 * e_val**4 * q**4 * (1 + c * c) if p["kind"] == "msq"
                    else 2 * mp.pi * alpha**2 * q**4 / (2 * m_val**2) * ratio**2 * (1 + c * c))
        else:
            want = 2 * mp.pi * mp.quad(lambda c, k=k, q=q: alpha**2 * q**4 / (2 * m_val**2) * (1 + c * c) / (1 + k * (1 - c)) ** 2,
                                       [-1, 1])
        got = _value(rec, e=e_val, alpha=float(alpha), m=m_val)
        assert got == pytest.approx(float(want), rel=1e-10), (rec.answer, p)


def test_scalar_compton_thomson_limit():
    """omega -> 0: sigma -> 8 pi alpha^2/(3 m^2) (Thomson, Jackson eq. (14.125))."""
    from qftdata.generators.scattering._qed_photons import KAPPA, e, m
    from qftdata.generators.scattering.scalar_qed_compton import _lab

    sigma = _lab()[2].subs({KAPPA: sp.Rational(1, 10**6), e: sp.sqrt(4 * sp.pi), m: 1})   # alpha = 1
    assert float(sigma) == pytest.approx(8 * math.pi / 3, rel=1e-5)


def _yukawa_spinor_sum(g, m, big_m, beta, c, pseudo):
    """1/4 sum |M|^2 of psi psi -> psi psi by (pseudo)scalar exchange from explicit Dirac-basis spinors (numpy),
    M = g^2 {[u3 G u1][u4 G u2]/(t - M^2) - [u4 G u1][u3 G u2]/(u - M^2)} (Srednicki ch. 48, relative Fermi sign)."""
    import numpy as np

    g0 = np.diag([1, 1, -1, -1]).astype(complex)
    gs = [np.array(x, dtype=complex) for x in (
        [[0, 0, 0, 1], [0, 0, 1, 0], [0, -1, 0, 0], [-1, 0, 0, 0]], [[0, 0, 0, -1j], [0, 0, 1j, 0], [0, 1j, 0, 0], [-1j, 0, 0, 0]],
        [[0, 0, 1, 0], [0, 0, 0, -1], [-1, 0, 0, 0], [0, 1, 0, 0]])]
    g5 = 1j * g0 @ gs[0] @ gs[1] @ gs[2]
    gamma = 1j * g5 if pseudo else np.eye(4)
    en = m / np.sqrt(1 - beta**2)
    k, sn = en * beta, np.sqrt(1 - c * c)
    moms = [(en, 0, 0, k), (en, 0, 0, -k), (en, k * sn, 0, k * c), (en, -k * sn, 0, -k * c)]
    sl = lambda p: p[0] * g0 - p[1] * gs[0] - p[2] * gs[1] - p[3] * gs[2]  # noqa: E731
    spin = lambda p: [(sl(p) + m * np.eye(4)) @ np.eye(4)[i] / np.sqrt(p[0] + m) for i in (0, 1)]  # noqa: E731
    bar = lambda x: x.conj() @ g0  # noqa: E731
    t_, u_ = -2 * k * k * (1 - c), -2 * k * k * (1 + c)
    total = 0.0
    for u1, u2, u3, u4 in itertools.product(*(spin(p) for p in moms)):
        amp = ((bar(u3) @ gamma @ u1) * (bar(u4) @ gamma @ u2) / (t_ - big_m**2)
               - (bar(u4) @ gamma @ u1) * (bar(u3) @ gamma @ u2) / (u_ - big_m**2))
        total += abs(g * g * amp) ** 2
    return total / 4


def test_yukawa_identical_t_channel_trace_is_srednicki():
    """Srednicki ch. 48 / P&S: the squared t-channel trace is 4(4m^2 - t)^2 (scalar) and 4t^2 (pseudoscalar)."""
    from qftdata.generators.scattering.yukawa_identical import m, spin_sums, t

    assert sp.expand(spin_sums(1)[0] - 4 * (4 * m**2 - t) ** 2) == 0
    assert sp.expand(spin_sums(-1)[0] - 4 * t**2) == 0


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate", "postgraduate"])
def test_yukawa_identical_matches_explicit_spinors(level):
    g_val, m_val = 0.8, 1.3
    for rec, p in _draws("scattering.yukawa_identical_fermions", level, n=5):
        beta, big_m = float(sp.Rational(p["beta"])), float(sp.Rational(p["rho"])) * m_val
        pseudo = p["sigma"] == -1
        s_val = 4 * m_val**2 / (1 - beta**2)
        if level == "postgraduate":   # 1/2 identical, 2 pi azimuth
            def msq(c, big_m=big_m, beta=beta, pseudo=pseudo):
                return _yukawa_spinor_sum(g_val, m_val, big_m, beta, float(c), pseudo)

            want = 0.5 * 2 * mp.pi * mp.quad(msq, [-1, 1]) / (64 * mp.pi**2 * s_val)
        else:
            msq = _yukawa_spinor_sum(g_val, m_val, big_m, beta, float(sp.Rational(p["c"])), pseudo)
            want = msq if level == "graduate" else msq / (64 * mp.pi**2 * s_val)
        got = _value(rec, g=g_val, m=m_val)
        assert got == pytest.approx(float(want), rel=1e-8), (rec.answer, p)
