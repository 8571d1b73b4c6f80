"""Literature cross-checks of the Applied-Topics families (qftdata/generators/applied/).

Each family computes its golds (traces, phase space, dispersion integrals, eigenvalues, projectors); the
closed forms typed here come from the cited sources, or the quantity is recomputed by an independent route
(mpmath quadrature of the defining integral, explicit Dirac matrices at a numeric phase-space point).
"""

from __future__ import annotations

import json
import math
from fractions import Fraction

import mpmath as mp
import numpy as np
import pytest
import sympy as sp

from qftdata.generators import generate_one
from qftdata.generators.base import LEVEL_BANDS
from qftdata.verify import parse_answer

LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate")


def _records(name, level, n, seed=3):
    for i in range(n):
        rec = generate_one(name, seed=seed, index=i, level=level)
        yield rec, json.loads(rec.metadata)["params"]


def _value(rec, **point) -> complex:
    """The gold at a numeric point (symbols by name)."""
    expr = parse_answer(rec.answer, symbols=tuple(rec.symbols))
    return complex(expr.subs({s: point[s.name] for s in expr.free_symbols}).evalf(30))


def kallen(a, b, c):
    """PDG Review of Particle Physics, Kinematics: lambda(a, b, c) = a^2 + b^2 + c^2 - 2ab - 2bc - 2ca."""
    return a * a + b * b + c * c - 2 * a * b - 2 * b * c - 2 * c * a


def close(a, b, rel=1e-9):
    return abs(complex(a) - complex(b)) <= rel * max(1.0, abs(complex(b)))


# ----------------------------------------------------------------------------------------------- helpers


def test_partial_fraction_integrals_match_sympy_and_principal_values():
    from qftdata.generators.applied._common import integrate_fractions, linear_partial_fractions

    x, a = sp.Symbol("x", real=True), sp.Symbol("a", positive=True)
    expr = (x**3 + 2) / ((x + a) ** 2 * (x - 3 * a))
    pf = linear_partial_fractions(expr, x)
    for av in (sp.Rational(1, 2), sp.Integer(2), sp.Rational(7, 3)):
        got = integrate_fractions(pf, {a: av}, x, 0, 1)
        want = sp.integrate(expr.subs(a, av), (x, 0, 1))
        assert abs(sp.N(got - want, 30)) < 1e-25
    # a simple pole inside (0, 1): PV int_0^1 dy/(y - a) = ln((1 - a)/a); the regular part by mpmath quadrature
    for av in (sp.Rational(1, 3), sp.Rational(3, 4)):
        got = integrate_fractions(linear_partial_fractions(1 / (x - a) + x**2 / (x + 2), x), {a: av}, x, 0, 1)
        want = mp.log((1 - mp.mpf(av)) / mp.mpf(av)) + mp.quad(lambda y: y**2 / (y + 2), [0, 1])
        assert abs(float(got) - float(want)) < 1e-12


def test_two_trace_product_matches_peskin_schroeder_5_10():
    """P&S eq. (5.10) and problem 5.2: tr[(p2 - m) g^mu (p1 + m) g^nu] tr[(p3 + M) g_mu (p4 - M) g_nu]
    = 32[(p1.p3)(p2.p4) + (p1.p4)(p2.p3) + m^2 p3.p4 + M^2 p1.p2 + 2 m^2 M^2]."""
    from qftdata.generators.applied._traces import gamma_idx, slash_sum, two_trace_product
    from qftdata.generators.dirac import dot_symbol as P

    m, M = sp.symbols("m M", positive=True)
    got = two_trace_product([slash_sum(("2", 1), (None, -m)), gamma_idx("mu"), slash_sum(("1", 1), (None, m)), gamma_idx("nu")],
                            [slash_sum(("3", 1), (None, M)), gamma_idx("mu"), slash_sum(("4", 1), (None, -M)), gamma_idx("nu")])
    want = 32 * (P("1", "3") * P("2", "4") + P("1", "4") * P("2", "3") + m**2 * P("3", "4") + M**2 * P("1", "2")
                 + 2 * m**2 * M**2)
    assert sp.expand(got - want) == 0


def test_two_body_kinematics_is_the_kallen_function():
    from qftdata.generators.applied._common import two_body

    m1, m2 = sp.symbols("m_1 m_2", positive=True)
    kin = two_body(m1, m2)
    assert sp.expand(kin["lam"] - kallen(kin["s"], m1**2, m2**2)) == 0


# ----------------------------------------------------------------------------------------- spectral


def _scalar_channel(c, ma, mb, s, kind):
    """Two-particle KL density of c*O (independent closed forms): :phi^2: -> c^2 beta/(8 pi^2) for equal masses
    (= 2 Im B0/(16 pi^2) x 4/2, Denner eq. (4.23)), phi_i phi_j and chi^dag chi -> c^2 lambda^{1/2}/(16 pi^2 s)."""
    lam = kallen(s, ma**2, mb**2)
    base = math.sqrt(lam) / (16 * math.pi**2 * s)
    return c * c * (2 if kind == "square" else 1) * base  # |<0|c phi^2|phi phi>|^2/2 = 4c^2/2


@pytest.mark.parametrize("index", range(6))
def test_spectral_density_scalar_bilinears(index):
    rec = generate_one("applied.spectral_density", seed=3, index=index, level="graduate")
    p = json.loads(rec.metadata)["params"]
    masses = {k: float(Fraction(v)) for k, v in p["masses"].items()}
    s = float(Fraction(p["s"]))
    want = 0.0
    for (a, b), c in zip(p["terms"], p["coeffs"], strict=True):
        ma, mb = masses[a], masses["chi" if b == "chibar" else b]
        if s > (ma + mb) ** 2:
            want += _scalar_channel(float(Fraction(c)), ma, mb, s, "square" if a == b else "other")
    assert close(_value(rec), want)


def _fermion_closed_form(kind, part, m1, m2, s, n_c):
    """Free-quark spectral functions, colour factor N_c, O = bar psi_1 Gamma psi_2:
    S: (s - (m1+m2)^2) lambda^{1/2}/(8 pi^2 s), P: (s - (m1-m2)^2) ... (Reinders, Rubinstein & Yazaki 1985);
    V_T/A_T: lambda^{1/2}/(24 pi^2 s) [2 - (m1^2+m2^2)/s - (m1^2-m2^2)^2/s^2 +- 6 m1 m2/s] (the W -> f fbar' width,
    PDG); V_L = (m1-m2)^2 rho_S/s^2 and A_L = (m1+m2)^2 rho_P/s^2 from the divergences of the currents."""
    lam = math.sqrt(kallen(s, m1**2, m2**2))
    rho_s = n_c * (s - (m1 + m2) ** 2) * lam / (8 * math.pi**2 * s)
    rho_p = n_c * (s - (m1 - m2) ** 2) * lam / (8 * math.pi**2 * s)
    if kind == "S":
        return rho_s
    if kind == "P":
        return rho_p
    if part == "L":
        return ((m1 - m2) ** 2 * rho_s if kind == "V" else (m1 + m2) ** 2 * rho_p) / s**2
    sign = 1 if kind == "V" else -1
    return n_c * lam / (24 * math.pi**2 * s) * (2 - (m1**2 + m2**2) / s - (m1**2 - m2**2) ** 2 / s**2 + sign * 6 * m1 * m2 / s)


@pytest.mark.parametrize("index", range(8))
def test_spectral_density_fermion_bilinears(index):
    rec = generate_one("applied.spectral_density", seed=3, index=index, level="advanced-graduate")
    p = json.loads(rec.metadata)["params"]
    k = float(Fraction(p["k"]))
    m1, m2 = {"equal": (1.0, 1.0), "one_massless": (1.0, 0.0), "ratio": (1.0, k), "general": (1.3, 0.45)}[p["case"]]
    s = 9.7 + (m1 + m2) ** 2
    point = {"s": s, "m": 1.0, "m_1": 1.3, "m_2": 0.45}
    want = float(Fraction(p["c"])) ** 2 * _fermion_closed_form(p["kind"], p["part"], m1, m2, s, p["N_c"])
    assert close(_value(rec, **point), want), (p, rec.answer)


def test_spectral_density_vector_current_is_the_r_ratio():
    """rho_T of bar psi gamma^mu psi = N_c beta(3 - beta^2)/(24 pi^2): P&S eq. (5.13) sigma(e+e- -> f fbar)."""
    from qftdata.generators.applied._spectral import fermion_density, s

    m = sp.Symbol("m", positive=True)
    rational, root = fermion_density("V", m, m, 3, "T")
    beta = sp.sqrt(1 - 4 * m**2 / s)
    for sv in (5, 11, 40):
        assert abs(sp.N((rational * root - 3 * beta * (3 - beta**2) / (24 * sp.pi**2)).subs({s: sv, m: 1}))) < 1e-25


@pytest.mark.parametrize("index", range(6))
def test_spectral_moments_match_quadrature(index):
    rec = generate_one("applied.spectral_density", seed=3, index=index, level="postgraduate")
    p = json.loads(rec.metadata)["params"]
    op, n, c, n_c = p["op"], p["n"], float(Fraction(p["c"])), p["N_c"]
    m2 = 0.0 if p["massless"] else 1.0
    if op == "phi2":
        def rho(s):
            return c * c * 2 * mp.sqrt(kallen(s, 1, 1)) / (16 * mp.pi**2 * s)
    elif op == "chichi":
        def rho(s):
            return c * c * mp.sqrt(kallen(s, 1, m2**2)) / (16 * mp.pi**2 * s)
    else:
        def rho(s):
            return c * c * _fermion_closed_form(op, "T", 1.0, m2, float(s), n_c)
    th = (1 + m2) ** 2
    want = math.factorial(n) * mp.quad(lambda s: rho(s) / s ** (n + 1), [th, th + 1, mp.inf])
    assert close(_value(rec, m=1.0), float(want), rel=1e-8), (p, rec.answer)


# -------------------------------------------------------------------------------------------- dispersion


def _feynman_value(kernel, q2, charge2_nc=1.0):
    """F(q^2) from its Feynman-parameter representation by quadrature (real part, m = 1): P&S (7.90) for the Dirac
    vacuum polarisation, P&S problem 9.1 for the scalar loop, the normalised bubble for B."""
    c, w = {"bubble": (-1, lambda x: 1), "vp_dirac": (2 / mp.pi, lambda x: x * (1 - x)),
            "vp_scalar": (1 / (4 * mp.pi), lambda x: (1 - 2 * x) ** 2)}[kernel]
    f = lambda x: w(x) * mp.log(abs(1 - x * (1 - x) * q2))  # noqa: E731 - Re ln(X - i eps) = ln|X|
    edges = [0, 1]
    if q2 > 4:
        r = mp.sqrt(1 - 4 / q2)
        edges = [0, (1 - r) / 2, (1 + r) / 2, 1]
    return charge2_nc * c * mp.quad(f, edges)


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate", "postgraduate"])
def test_dispersion_matches_feynman_parameter_quadrature(level):
    checked = 0
    for rec, p in _records("applied.subtracted_dispersion", level, 10):
        big_b = Fraction(p["B"])
        q2 = 4 / (1 - float(big_b))
        if p["kernel"] == "scalar_current":
            if p["region"] == "above":
                continue
            # Im Pi_S = N_c s beta^3/(8 pi) (Reinders, Rubinstein & Yazaki); twice-subtracted integral by quadrature
            def integrand(s, n_c=p["N_c"], q2=q2):
                return n_c * s * (1 - 4 / s) ** 1.5 / (8 * mp.pi) / (s**2 * (s - q2))
            want = q2**2 / mp.pi * mp.quad(integrand, [4, 8, mp.inf])
        else:
            mult = float(Fraction(p["Q"])) ** 2 * p["N_c"]
            want = _feynman_value(p["kernel"], q2, mult)
        got = _value(rec, alpha=1.0, m=1.0)
        assert close(got.real, float(want), rel=1e-8), (p, rec.answer, float(want))
        checked += 1
    assert checked >= 3


def test_bubble_dispersion_against_denner_closed_form():
    """Denner, Fortsch. Phys. 41 (1993) 307, eq. (4.23) for equal masses: B0(q^2) - B0(0) = 2 - b ln((b+1)/(b-1)),
    b = sqrt(1 - 4m^2/q^2) (q^2 < 0), and Re = 2 - b ln((1+b)/(1-b)) above threshold."""
    from qftdata.generators.applied.subtracted_dispersion import dispersive, im_from_cut

    for b in (sp.Rational(5, 3), sp.Rational(3, 2), sp.Integer(3)):
        got = dispersive(im_from_cut("bubble"), 1, b**2)
        assert abs(sp.N(got - (2 - b * sp.log((b + 1) / (b - 1))), 30)) < 1e-25
    for b in (sp.Rational(1, 2), sp.Rational(3, 5)):
        got = dispersive(im_from_cut("bubble"), 1, b**2)
        assert abs(sp.N(got - (2 - b * sp.log((1 + b) / (1 - b))), 30)) < 1e-25


def test_vacuum_polarisation_imaginary_part_is_peskin_7_92():
    """P&S (7.92): Im Pi_2(q^2 + i eps) = -(alpha/3) sqrt(1 - 4m^2/q^2)(1 + 2m^2/q^2)."""
    from qftdata.generators.applied.subtracted_dispersion import V, alpha, im_from_cut

    for v in (sp.Rational(1, 3), sp.Rational(4, 5)):
        one_over = (1 - v**2) / 4  # m^2/q^2
        want = -alpha / 3 * v * (1 + 2 * one_over)
        assert sp.simplify(im_from_cut("vp_dirac").subs(V, v) - want) == 0


# ------------------------------------------------------------------------------------------- optical


def test_optical_theorem_apply_level():
    for rec, p in _records("applied.optical_theorem", "advanced-undergraduate", 8):
        lam_half = math.sqrt(kallen(p["sqrt_s"] ** 2, p["ma"] ** 2, p["mb"] ** 2))
        sigma = float(Fraction(p["sigma"]))
        want = sigma * 100 / lam_half if p["inverse"] else sigma * lam_half
        assert close(_value(rec), want)


def _sigma_contact(msq, ma, mb, mc, md, s, identical):
    """sigma of an angle-independent |M|^2 (P&S (4.85) integrated): |M|^2 p_f/(16 pi s p_i), 1/2 for identical."""
    p_i = math.sqrt(kallen(s, ma**2, mb**2)) / (2 * math.sqrt(s))
    p_f = math.sqrt(kallen(s, mc**2, md**2)) / (2 * math.sqrt(s))
    return msq * p_f / (16 * math.pi * s * p_i) / (2 if identical else 1)


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate"])
def test_optical_theorem_contact_channels(level):
    lam, g, big_l = 0.7, 1.3, 5.0
    for rec, p in _records("applied.optical_theorem", level, 8):
        masses = {k: float(Fraction(v)) for k, v in p["masses"].items()}
        s = float(Fraction(p["s"]))
        init = tuple(p["initial"])
        # tree amplitudes from the Feynman rules of -(lambda/4!)phi^4 - (g/4)phi^2chi^2 - (1/Lambda)phi^2 psibar psi
        channels = {("phi", "phi"): [], ("chi", "chi"): [], ("phi", "chi"): [], ("psi", "psi"): []}
        if init == ("phi", "phi"):
            channels[("phi", "phi")] = [lam**2]
            channels[("chi", "chi")] = [g**2]
            if "psi" in masses:  # sum over spins |2/Lambda ubar v|^2 = (4/Lambda^2) 4 (k1.k2 - m^2)
                channels[("psi", "psi")] = [8 * (s - 4 * masses["psi"] ** 2) / big_l**2]
        elif init == ("phi", "chi"):
            channels[("phi", "chi")] = [g**2]
        elif init == ("chi", "chi"):
            channels[("phi", "phi")] = [g**2]
        else:  # psi psibar -> phi phi, spin-averaged
            channels[("phi", "phi")] = [8 * (s - 4 * masses["psi"] ** 2) / big_l**2 / 4]
        ma, mb = masses[init[0]], masses[init[1]]
        sigma = 0.0
        for (c, d), msqs in channels.items():
            if msqs and s > (masses[c] + masses[d]) ** 2:
                sigma += _sigma_contact(msqs[0], ma, mb, masses[c], masses[d], s, c == d and c != "psi")
        want = math.sqrt(kallen(s, ma**2, mb**2)) * sigma  # Im M(s, 0) = 2 E_cm p_cm sigma_tot (P&S (7.49))
        assert close(_value(rec, **{"lambda": lam, "g": g, "Lambda": big_l, "m": 1.0}), want), (p, rec.answer)


def test_optical_theorem_phi4_is_the_bubble_imaginary_part():
    """One-loop phi^4: M = -lambda + (lambda^2/2)(B0(s) + B0(t) + B0(u))/(16 pi^2) so Im M(s, 0) = lambda^2 beta/(32 pi)
    with Im B0 = pi beta (Denner eq. (4.23))."""
    from qftdata.generators.applied.optical_theorem import _im_from_channels, lam, m

    for s_val in (sp.Rational(9, 2), sp.Integer(7), sp.Rational(50, 3)):
        value, _ = _im_from_channels(("phi", "phi"), ("lambda",), {"phi": m, "chi": 9 * m}, s_val)
        want = lam**2 * sp.sqrt(1 - 4 / s_val) / (32 * sp.pi)
        assert sp.simplify(value - want) == 0


def test_optical_theorem_exchange_matches_quadrature():
    for rec, p in _records("applied.optical_theorem", "postgraduate", 5):
        mu2, s = float(Fraction(p["mu"])) ** 2, float(Fraction(p["s"]))
        lam, kap = (0.8 if p["contact"] else 0.0), 1.1
        q = (s - 4) / 2

        def amp(c, lam=lam, kap=kap, s=s, mu2=mu2, q=q):
            t, u = -q * (1 - c), -q * (1 + c)
            return -lam - kap**2 * (1 / (s - mu2) + 1 / (t - mu2) + 1 / (u - mu2))

        # Im M = (1/2)(1/2) int dPhi |M|^2 = beta/(64 pi) int dc M^2
        want = math.sqrt(1 - 4 / s) / (64 * math.pi) * mp.quad(lambda c: amp(c) ** 2, [-1, 1])
        assert close(_value(rec, **{"lambda": 0.8, "kappa": kap, "m": 1.0}), float(want), rel=1e-9)


# ------------------------------------------------------------------------------------ partial waves


def _a0_matrix(tensor, n):
    """Independent numeric s-wave matrix 16 pi a0 over pairs i <= j (1/sqrt2 for identical pairs)."""
    states = [(i, j) for i in range(n) for j in range(i, n)]
    mat = np.zeros((len(states), len(states)))
    for a, (i, j) in enumerate(states):
        for b, (k, q) in enumerate(states):
            norm = (1 / math.sqrt(2) if i == j else 1) * (1 / math.sqrt(2) if k == q else 1)
            mat[a, b] = -tensor(i, j, k, q) * norm
    return mat


def _delta(a, b):
    return 1.0 if a == b else 0.0


def test_coupled_channel_textbook_bounds():
    """lambda phi^4/4! alone: lambda <= 16 pi; O(N) (lambda/4)(phi^2)^2: singlet a0 = -(N+2)lambda/16pi, so
    lambda <= 8 pi/(N+2); SM Higgs (Marciano, Valencia & Willenbrock PRD 40 (1989) 1725): m_H^2 <= 4 sqrt2 pi/(3 G_F)."""
    from qftdata.generators.applied.coupled_channel_unitarity import bound

    for n in (1, 2, 4, 6):
        assert sp.simplify(bound("anisotropic", n, 0, sp.Integer(0), 0)[0] - 8 * sp.pi / (n + 2)) == 0
    # (lambda/4) phi^4 = (6 lambda/4!) phi^4 -> 6 lambda <= 16 pi
    assert sp.simplify(bound("anisotropic", 1, 0, sp.Integer(0), 0)[0] - 16 * sp.pi / 6) == 0
    lam_max = bound("higgs", 4, 0, sp.Integer(0), sp.Integer(0))[0]
    assert sp.simplify(sp.sqrt(2) * lam_max - 4 * sp.sqrt(2) * sp.pi / 3) == 0


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate", "postgraduate"])
def test_coupled_channel_against_numeric_eigenvalues(level):
    for rec, p in _records("applied.coupled_channel_unitarity", level, 5):
        r2, r3 = float(Fraction(p.get("r2", p.get("r", "0")))), float(Fraction(p.get("r3", "0")))
        if p["model"] == "anisotropic":
            n = p["N"]

            def tensor(i, j, k, q, r2=r2):  # (lambda/4)(phi^2)^2 + (kappa/4) sum phi^4, lambda = 1
                return 2 * (_delta(i, j) * _delta(k, q) + _delta(i, k) * _delta(j, q) + _delta(i, q) * _delta(j, k)) \
                    + 6 * r2 * (_delta(i, j) * _delta(j, k) * _delta(k, q))
            total = n
        else:
            n = p.get("N", 4)
            mm = p["M"]
            total = n + mm
            lam1 = 1.0 if p["model"] == "two_multiplets" else 1.0  # Higgs: lambda (H^dag H)^2 = (lambda/4)(phi^2)^2
            lam3 = r3 if p["model"] == "two_multiplets" else r3 / 2  # (kappa/2)(H^dag H)S^2 = (kappa/4) phi^2 S^2

            def tensor(i, j, k, q, n=n, lam1=lam1, lam3=lam3, r2=r2):
                idx = (i, j, k, q)
                sym = _delta(i, j) * _delta(k, q) + _delta(i, k) * _delta(j, q) + _delta(i, q) * _delta(j, k)
                if all(x < n for x in idx):
                    return 2 * lam1 * sym
                if all(x >= n for x in idx):
                    return 2 * r2 * sym
                phis = [x for x in idx if x < n]
                if len(phis) != 2:
                    return 0.0
                a, b = phis
                c, d = [x for x in idx if x >= n]
                return 2 * lam3 * _delta(a, b) * _delta(c, d)
        top = max(abs(np.linalg.eigvalsh(_a0_matrix(tensor, total))))
        lam_max = 8 * math.pi / top
        want = lam_max if p["model"] != "higgs" else math.sqrt(2) * lam_max
        assert close(_value(rec, G_F=1.0), want, rel=1e-9), (p, rec.answer)


def test_goldstone_partial_waves_are_weinbergs():
    """Weinberg PRL 17 (1966) 616 for pions (n = 3): t00 = (2s - m^2)/(32 pi F^2), t11 = (s - 4m^2)/(96 pi F^2),
    t20 = -(s - 2m^2)/(32 pi F^2); the amplitude A = (s - m^2)/F^2 derived from the sigma-model Lagrangian."""
    from qftdata.generators.applied.goldstone_unitarity import (
        F,
        amplitude_structures,
        m,
        nlsm_partial_wave,
        s,
    )

    assert sp.simplify(amplitude_structures()["s"] - (s - m**2) / F**2) == 0
    assert sp.simplify(nlsm_partial_wave(3, "S", 0, True) - (2 * s - m**2) / (32 * sp.pi * F**2)) == 0
    assert sp.simplify(nlsm_partial_wave(3, "A", 1, True) - (s - 4 * m**2) / (96 * sp.pi * F**2)) == 0
    assert sp.simplify(nlsm_partial_wave(3, "T", 0, True) + (s - 2 * m**2) / (32 * sp.pi * F**2)) == 0


def _goldstone_channel(n, channel, a_of):
    """T^I from A(s,t,u) with the stated projections (singlet, symmetric traceless, antisymmetric)."""
    def f(s, t, u):
        return {"S": n * a_of(s) + a_of(t) + a_of(u), "T": a_of(t) + a_of(u), "A": a_of(t) - a_of(u)}[channel]
    return f


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate", "postgraduate"])
def test_goldstone_waves_by_quadrature(level):
    for rec, p in _records("applied.goldstone_unitarity", level, 6):
        n, ch, ell = p["n"], p["channel"], p["ell"]
        if level == "postgraduate":  # linear sigma model, A = -2 lambda s/(s - m_sigma^2) (Gasiorowicz & Geffen 1969)
            lam, x = 0.6, float(Fraction(p["x"]))
            tfun = _goldstone_channel(n, ch, lambda v, lam=lam: -2 * lam * v / (v - 1))

            def integrand(c, tfun=tfun, ell=ell, x=x):
                return mp.legendre(ell, c) * tfun(x, -x * (1 - c) / 2, -x * (1 + c) / 2)
            want = mp.quad(integrand, [-1, 1]) / (64 * mp.pi)
            assert close(_value(rec, **{"lambda": lam}), float(want), rel=1e-9), (p, rec.answer)
            continue
        massive = p.get("massive", True)
        mm, big_f = (1.0 if massive else 0.0), 1.7
        if level == "graduate":
            mm = float(Fraction(p["k"])) * big_f
        tfun = _goldstone_channel(n, ch, lambda v, mm=mm, big_f=big_f: (v - mm**2) / big_f**2)

        def wave(s, tfun=tfun, ell=ell, mm=mm):
            q = (s - 4 * mm**2) / 2
            return mp.quad(lambda c: mp.legendre(ell, c) * tfun(s, -q * (1 - c), -q * (1 + c)), [-1, 1]) / (64 * mp.pi)

        if level == "graduate":  # the answer is the first sqrt(s) above threshold with |t| = 1/2
            root = _value(rec, F=big_f).real
            assert abs(abs(wave(root**2)) - 0.5) < 1e-9 and root**2 > 4 * mm**2
            grid = np.linspace(4 * mm**2 + 1e-6, root**2 * (1 - 1e-6), 25)
            assert all(abs(wave(v)) < 0.5 for v in grid)
        else:
            point = p["point"]
            s = (float(Fraction(point)) * (mm**2 if massive else big_f**2)) if point else 4 * mm**2 + 7.3
            got = _value(rec, s=s, m=mm, F=big_f)
            assert close(got, float(wave(s)), rel=1e-9), (p, rec.answer)


# --------------------------------------------------------------------------------------------- crossing


def _dirac_gammas():
    from qftdata.generators.dirac import gammas

    return [np.array(g.tolist(), dtype=complex) for g in gammas("dirac")]


def _slash(p):
    g = _dirac_gammas()
    return g[0] * p[0] - g[1] * p[1] - g[2] * p[2] - g[3] * p[3]


def _cm_momenta(s, ma, mb, mc, md, cos_t):
    """Physical CM momenta of a b -> c d (PDG Kinematics), scattering angle in the x-z plane."""
    rs = math.sqrt(s)
    pa = math.sqrt(kallen(s, ma**2, mb**2)) / (2 * rs)
    pc = math.sqrt(kallen(s, mc**2, md**2)) / (2 * rs)
    sin_t = math.sqrt(1 - cos_t**2)
    p1 = np.array([(s + ma**2 - mb**2) / (2 * rs), 0, 0, pa])
    p2 = np.array([(s + mb**2 - ma**2) / (2 * rs), 0, 0, -pa])
    p3 = np.array([(s + mc**2 - md**2) / (2 * rs), pc * sin_t, 0, pc * cos_t])
    p4 = p1 + p2 - p3
    return p1, p2, p3, p4


def _mdot(a, b):
    return a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3]


def _spin_sum_emu(p1, p2, p3, p4, m, big_m):
    """sum |M|^2/e^4 for f1(p1) f2(p2) -> f1(p3) f2(p4) by t-channel photon exchange, explicit Dirac matrices."""
    g = _dirac_gammas()
    eye = np.eye(4)
    q2 = _mdot(p1 - p3, p1 - p3)
    total = 0
    for mu in range(4):
        for nu in range(4):
            sign = (1 if mu == 0 else -1) * (1 if nu == 0 else -1)
            lep = np.trace((_slash(p3) + m * eye) @ g[mu] @ (_slash(p1) + m * eye) @ g[nu])
            had = np.trace((_slash(p4) + big_m * eye) @ g[mu] @ (_slash(p2) + big_m * eye) @ g[nu])
            total += sign * lep * had
    return (total / q2**2).real


def _spin_sum_yukawa_scatter(p1, p2, p3, p4, m):
    """sum |M|^2/g^4 for psi(p1) phi(p2) -> psi(p3) phi(p4): s- and u-channel fermion, explicit Dirac matrices."""
    eye = np.eye(4)
    prop = (_slash(p1 + p2) + m * eye) / (_mdot(p1 + p2, p1 + p2) - m**2) + \
        (_slash(p1 - p4) + m * eye) / (_mdot(p1 - p4, p1 - p4) - m**2)
    bar = prop  # gamma^0 prop^dagger gamma^0 = prop for real momenta
    return np.trace((_slash(p3) + m * eye) @ prop @ (_slash(p1) + m * eye) @ bar).real


@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_crossing_against_direct_computation(level):
    e, g, m, big_m = 0.9, 1.1, 0.7, 1.6
    checked = 0
    for rec, p in _records("applied.crossing", level, 14):
        key, asked = p["key"], p["asked"]
        mm = {"massless": (0.0, 0.0), "one": (0.0, big_m), "both": (m, big_m), "massive": (m, 0.0),
              "fermion_massless": (0.0, big_m), "scalar_massless": (m, 0.0)}[p["masses"]]
        cos_t, s = 0.37, 9.0
        if key == "qed_pair" and asked in ("same_charge", "opposite_charge"):
            q1, q2 = float(Fraction(p["Q1"])), float(Fraction(p["Q2"]))
            p1, p2, p3, p4 = _cm_momenta(s, mm[0], mm[1], mm[0], mm[1], cos_t)
            want = (e * q1 * e * q2) ** 2 * _spin_sum_emu(p1, p2, p3, p4, mm[0], mm[1]) / 4
        elif key == "yukawa_pair" and asked == "scattering":
            p1, p2, p3, p4 = _cm_momenta(s, mm[0], mm[1], mm[0], mm[1], cos_t)
            want = g**4 * _spin_sum_yukawa_scatter(p1, p2, p3, p4, mm[0]) / 2
        elif key == "compton" and asked == "base":
            # Klein-Nishina, P&S (5.87): 2e^4[pk'/pk + pk/pk' + 2m^2(1/pk - 1/pk') + m^4(1/pk - 1/pk')^2]
            q = float(Fraction(p["Q"]))
            p1, p2, p3, p4 = _cm_momenta(s, mm[0], 0.0, mm[0], 0.0, cos_t)
            pk, pkp = _mdot(p1, p2), _mdot(p1, p4)
            want = 2 * (e * q) ** 4 * (pkp / pk + pk / pkp + 2 * mm[0] ** 2 * (1 / pk - 1 / pkp)
                                       + mm[0] ** 4 * (1 / pk - 1 / pkp) ** 2)
        elif key == "compton" and asked == "annihilation":
            # pair annihilation, P&S (5.105): 2e^4[pk2/pk1 + pk1/pk2 + 2m^2(1/pk1 + 1/pk2) - m^4(1/pk1 + 1/pk2)^2]
            q = float(Fraction(p["Q"]))
            p1, p2, p3, p4 = _cm_momenta(s, mm[0], mm[0], 0.0, 0.0, cos_t)
            pk1, pk2 = _mdot(p1, p3), _mdot(p1, p4)
            want = 2 * (e * q) ** 4 * (pk2 / pk1 + pk1 / pk2 + 2 * mm[0] ** 2 * (1 / pk1 + 1 / pk2)
                                       - mm[0] ** 4 * (1 / pk1 + 1 / pk2) ** 2)
        else:
            continue
        t = _mdot(p1 - p3, p1 - p3)
        got = _value(rec, e=e, g=g, m=mm[0] if key != "qed_pair" else m, M=big_m, s=s, t=t)
        assert close(got, want, rel=1e-9), (p, rec.answer, want)
        checked += 1
    assert checked >= 2


def test_crossing_total_cross_sections_breit_wheeler():
    """gamma gamma -> f fbar: Breit-Wheeler, sigma = (pi r^2/2)(1 - b^2)[(3 - b^4) ln((1+b)/(1-b)) - 2b(2 - b^2)], r = alpha Q^2/m
    (Berestetskii, Lifshitz & Pitaevskii §88); f fbar -> gamma gamma by detailed balance, sigma_BW/(2 b^2)."""
    checked = set()
    for rec, p in _records("applied.crossing", "postgraduate", 12):
        b, q = float(Fraction(p["beta"])), float(Fraction(p["Q"]))
        e = 1.2
        r = e**2 * q**2 / (4 * math.pi)  # r_e m
        bw = math.pi * r**2 / 2 * (1 - b**2) * ((3 - b**4) * math.log((1 + b) / (1 - b)) - 2 * b * (2 - b**2))
        want = bw if p["asked"] == "creation" else bw / (2 * b**2)
        assert close(_value(rec, e=e, m=1.0), want, rel=1e-9), (p, rec.answer)
        checked.add(p["asked"])
    assert checked == {"creation", "annihilation"}


def test_isospin_crossing_pipi_matrix_and_involution():
    """Chew & Mandelstam (1960): C_st for pi pi (I = 0, 1, 2) and C^2 = 1 for every N."""
    from qftdata.generators.applied.isospin_crossing import O_N, SU_N, N, crossing_matrix

    pipi = sp.Matrix([[sp.Rational(1, 3), 1, sp.Rational(5, 3)], [sp.Rational(1, 3), sp.Rational(1, 2), -sp.Rational(5, 6)],
                      [sp.Rational(1, 3), -sp.Rational(1, 2), sp.Rational(1, 6)]])
    assert crossing_matrix(O_N, "st").subs(N, 3) == pipi
    for model, crossing in ((O_N, "st"), (O_N, "su"), (SU_N, "st")):
        c = crossing_matrix(model, crossing)
        assert sp.simplify(c * c - sp.eye(c.shape[0])) == sp.zeros(*c.shape)


def test_isospin_crossing_one_gluon_exchange_colour_factors():
    """One-gluon exchange between q and qbar: singlet -C_F, adjoint 1/(2N) (Ellis, Stirling & Webber §7): the
    t-channel adjoint exchange crossed to the s channel must give the ratio -(N^2 - 1)."""
    from qftdata.generators.applied.isospin_crossing import SU_N, N, crossing_matrix

    c = crossing_matrix(SU_N, "st")
    c_f = (N**2 - 1) / (2 * N)
    assert sp.simplify(c[0, 1] / c[1, 1] - (-c_f) / (1 / (2 * N))) == 0


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate", "postgraduate"])
def test_isospin_crossing_records(level):
    from qftdata.generators.applied.isospin_crossing import O_N, SU_N, N, crossing_matrix

    for rec, p in _records("applied.isospin_crossing", level, 6):
        if level == "graduate":
            c = crossing_matrix(O_N, p["crossing"]).subs(N, p["N"])
            row = "SAT".index(p["channel"])
            want = sum(c[row, j] * Fraction(v) for j, v in enumerate(p["given"]))
            assert close(_value(rec), float(want))
        elif level == "advanced-graduate":
            c = crossing_matrix(O_N, p["crossing"]).subs(N, 7)
            row = "SAT".index(p["row"])
            if p["tier"] == "entry":
                want = c[row, "SAT".index(p["col"])]
            else:
                want = sum(c[row, j] * Fraction(v) for j, v in enumerate(p["given"]))
            assert close(_value(rec, N=7), float(want))
        else:
            c = crossing_matrix(SU_N, "st")
            idx = {"1": 0, "adj": 1}
            nv = 5 if p["N"] == "N" else p["N"]
            t_t = [float(Fraction(p["strengths"]["1"])), float(Fraction(p["strengths"]["adj"]))]
            want = sum(float(c[idx[p["target"]], j].subs(N, nv)) * t_t[j] for j in range(2)) * 1.3**2
            assert close(_value(rec, N=nv, g=1.3), want)


# ------------------------------------------------------------------------------------------------- LSZ


def _b0_prime_quad(m1, m2, p2):
    return mp.quad(lambda x: x * (1 - x) / (x * m1**2 + (1 - x) * m2**2 - x * (1 - x) * p2), [0, 1])


def test_lsz_b0_prime_matches_denner_closed_form():
    """Denner eq. (4.23), equal masses below threshold: B0(p^2) - B0(0) = 2 - 2 w arctan(1/w), w = sqrt(4M^2/p^2 - 1);
    its numerical p^2-derivative at p^2 = m^2 = 1 is the family's m^2 B0'."""
    from qftdata.generators.applied.lsz_residue import b0_prime

    for big_m in (sp.Integer(1), sp.Rational(3, 2), sp.Rational(4, 5)):
        def b0(p2, big_m=big_m):
            w = mp.sqrt(4 * mp.mpf(big_m) ** 2 / p2 - 1)
            return 2 - 2 * w * mp.atan(1 / w)
        assert abs(float(b0_prime(big_m, big_m, 1)) - float(mp.diff(b0, 1))) < 1e-10


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate", "postgraduate"])
def test_lsz_residue_records(level):
    g, lam = 1.4, 0.6
    for rec, p in _records("applied.lsz_residue", level, 6):
        point = {"g": g, "m": 1.0, "lambda": lam}
        if p["tier"] == "sum_rule":  # 1 - Z = int ds rho_c (P&S eq. (7.9) with canonical normalisation)
            big_m = float(Fraction(p["r"]))
            rho = lambda s, big_m=big_m: g**2 / (32 * mp.pi**2) * mp.sqrt(1 - 4 * big_m**2 / s) / (s - 1) ** 2  # noqa: E731
            want = 1 - mp.quad(rho, [4 * big_m**2, 8 * big_m**2, mp.inf])
        elif p["tier"] == "phi3":
            want = -g**2 / (32 * mp.pi**2) * _b0_prime_quad(1.0, 1.0, 1)
        elif p["tier"] == "one":  # real chi: vertex -ig, S = 1/2; complex xi or two fields: vertex -ig, S = 1
            m1, m2 = (float(Fraction(x)) for x in p["masses"])
            want = -(0.5 if p["kind"] == "real" else 1.0) * g**2 / (16 * mp.pi**2) * _b0_prime_quad(m1, m2, 1)
        elif p["tier"] == "species":
            want = 0
            for coupling, fields, masses in p["loops"]:
                m1, m2 = (float(Fraction(x)) for x in masses)
                sym = 0.5 if fields[0] == fields[1] else 1.0  # identical loop lines; vertex -i g in every case
                want += -sym * g**2 / (16 * mp.pi**2) * _b0_prime_quad(m1, m2, 1)
                point[coupling] = g
        else:
            big_m = float(Fraction(p["r"]))
            dz_phi = -g**2 / (32 * mp.pi**2) * _b0_prime_quad(big_m, big_m, 1)
            dz_chi = -g**2 / (16 * mp.pi**2) * _b0_prime_quad(1.0, big_m, big_m**2)
            legs = {"mixed": (2, 2), "phi4": (4, 0), "chi4": (0, 4)}[p["process"]]
            want = -lam * (legs[0] / 2 * dz_phi + legs[1] / 2 * dz_chi)
        assert close(_value(rec, **point), float(want), rel=1e-9), (p, rec.answer)


# --------------------------------------------------------------------------------- knob, levels, variety

FAMILIES = ("applied.spectral_density", "applied.subtracted_dispersion", "applied.optical_theorem",
            "applied.coupled_channel_unitarity", "applied.goldstone_unitarity", "applied.crossing",
            "applied.isospin_crossing", "applied.lsz_residue")


@pytest.mark.parametrize("name", FAMILIES)
def test_knob_sets_level_and_is_recorded(name):
    from qftdata.generators import families

    fam = families()[name]
    for lv in fam.levels:
        lo, hi = LEVEL_BANDS[lv]
        d = round(lo + 0.3 * (hi - lo), 4)
        rec = generate_one(name, seed=5, index=1, difficulty=d)
        assert rec.level == lv
        assert json.loads(rec.metadata)["difficulty"] == d
        assert "difficulty" not in json.loads(rec.metadata)["params"]


@pytest.mark.parametrize("name", FAMILIES)
def test_no_statement_at_two_levels_and_no_dominant_answer(name):
    from collections import Counter

    from qftdata.schema import validation_errors

    recs = [generate_one(name, seed=11, index=i) for i in range(48)]
    assert all(validation_errors(r.to_dict()) == [] for r in recs)  # includes the domain relations' symbols
    levels_of: dict[str, set] = {}
    for r in recs:
        levels_of.setdefault(" ".join(r.problem.split()), set()).add(r.level)
    assert all(len(v) == 1 for v in levels_of.values())
    top = Counter(r.answer for r in recs).most_common(1)[0][1]
    assert top <= 6, f"{name}: one answer in {top} of 48 draws"
    assert len({r.id for r in recs}) >= 40


@pytest.mark.parametrize(("name", "level", "size"), [
    ("applied.spectral_density", "graduate", lambda p: len(p["terms"])),
    ("applied.coupled_channel_unitarity", "graduate", lambda p: p["N"]),
    ("applied.goldstone_unitarity", "advanced-graduate", lambda p: p["n"]),
])
def test_knob_grows_the_problem_within_a_level(name, level, size):
    """The difficulty knob scales the problem inside a level: the bottom of the band gives smaller problems on
    average than the top (number of operator terms, of fields, of Goldstone bosons)."""
    lo, hi = LEVEL_BANDS[level]

    def mean(d):
        sizes = [size(json.loads(generate_one(name, seed=2, index=i, difficulty=d).metadata)["params"]) for i in range(16)]
        return sum(sizes) / len(sizes)

    assert mean(round(hi - 0.02, 4)) - mean(round(lo + 0.02, 4)) >= 1.0


@pytest.mark.slow
@pytest.mark.parametrize("name", FAMILIES)
def test_variety_over_500_draws(name):
    from collections import Counter

    recs = [generate_one(name, seed=0, index=i) for i in range(500)]
    answers = Counter(r.answer for r in recs)
    assert answers.most_common(1)[0][1] <= 50
    assert len({r.problem for r in recs}) >= 300
