"""Decay families vs literature closed forms (beta = sqrt(1 - 4 m^2/M^2)):

- scalar_to_fermions: Gamma = N_c M (g_S^2 beta^3 + g_P^2 beta)/(8 pi) (Djouadi, Phys. Rept. 457 (2008) eq. (2.7)
  for the Higgs; pseudoscalar: beta^1).
- vector_to_fermions: Gamma = N_c M beta [g_V^2 (1 + 2m^2/M^2) + g_A^2 beta^2]/(12 pi) (PDG Electroweak review,
  Z -> f fbar partial width at tree level).
"""

from __future__ import annotations

import pytest
import sympy as sp

from qftdata.generators.scattering._testing import assert_matches, draws, params

M, m, g, g_S, g_P, g_V, g_A, N_c, m1, m2 = sp.symbols("M m g g_S g_P g_V g_A N_c m_1 m_2", positive=True)
v, y_L, y_R = sp.symbols("v y_L y_R", positive=True)
LEVELS = ["advanced-undergraduate", "graduate", "advanced-graduate"]


def _colours(p):
    return N_c if p["colours"] == "N_c" else int(p["colours"])


def _masses(p):
    """(m_1, m_2) of the record: symbols, a massless partner, or the stated multiples of M."""
    if p["unequal"]:
        if p["ratio"] == "massless2":
            return m1, sp.Integer(0)
        return (m1, m2) if p["ratio"] is None else tuple(sp.Rational(x) * M for x in p["ratio"])
    mass = m if p["ratio"] is None else sp.Rational(p["ratio"][0]) * M
    return mass, mass


def kallen(a, b, c):
    return a**2 + b**2 + c**2 - 2 * a * b - 2 * b * c - 2 * c * a


def scalar_width_reference(p):
    """Equal masses: Djouadi (2008) eq. (2.7), N_c M (a^2 beta^3 + b^2 beta)/(8 pi), with a Higgs-like coupling
    a = m/v giving the SM h -> f fbar width N_c M m^2 beta^3/(8 pi v^2). Unequal masses (charged scalar, Higgs
    Hunter's Guide ch. 4 for H+ -> u dbar): N_c lambda^{1/2} [a^2 (M^2 - (m1+m2)^2) + b^2 (M^2 - (m1-m2)^2)]
    / (8 pi M^3); in the chiral basis y_L P_L + y_R P_R (the charged-Higgs width to u dbar, Djouadi, Phys. Rept.
    459 (2008) sec. 2, with y_L, y_R for the m_u cot(beta), m_d tan(beta) couplings):
    N_c lambda^{1/2} [(y_L^2 + y_R^2)(M^2 - m1^2 - m2^2) - 4 y_L y_R m1 m2] / (16 pi M^3)."""
    ma, mb = _masses(p)
    r = sp.Rational(p["r"]) if p["r"] not in (None, "None") else None
    coupling = ma / v  # Higgs-like: proportional to the fermion's mass
    a, b = {"scalar": (g, 0), "pseudoscalar": (0, g), "higgs": (coupling, 0), "higgs_pseudo": (0, coupling),
            "mixed": (g_S, g_P), "mixed_numeric": (g, (r or 0) * g), "chiral": (None, None)}[p["kind"]]
    lam = sp.sqrt(kallen(M**2, ma**2, mb**2))
    if p["kind"] == "chiral":
        return _colours(p) * lam * ((y_L**2 + y_R**2) * (M**2 - ma**2 - mb**2) - 4 * y_L * y_R * ma * mb) / (
            16 * sp.pi * M**3)
    if p["unequal"]:
        return _colours(p) * lam * (a**2 * (M**2 - (ma + mb) ** 2) + b**2 * (M**2 - (ma - mb) ** 2)) / (8 * sp.pi * M**3)
    beta = sp.sqrt(1 - 4 * ma**2 / M**2)
    return _colours(p) * M / (8 * sp.pi) * (a**2 * beta**3 + b**2 * beta)


@pytest.mark.parametrize("level", LEVELS)
def test_scalar_to_fermions(level):
    """Five draws per level against `scalar_width_reference` (Djouadi 2008; Higgs Hunter's Guide)."""
    for rec in draws("decays.scalar_to_fermions", 5, level=level):
        p = params(rec)
        assert_matches(rec, scalar_width_reference(p), values={"M": 5.0, "m": 0.9, "m_1": 1.1, "m_2": 0.6})
        assert p["unequal"] == (level == "advanced-graduate")


def test_scalar_to_fermions_every_coupling_multiplet_and_mass_pattern():
    """Every coupling structure (Yukawa, Higgs-like m/v, mixed, chiral), multiplet and mass pattern against the
    closed forms, and the multiplets are the dimensions the statement names."""
    kinds, colours, patterns = set(), set(), set()
    for level, n in (("graduate", 40), ("advanced-graduate", 40)):
        for rec in draws("decays.scalar_to_fermions", n, level=level, seed=3):
            p = params(rec)
            kinds.add(p["kind"])
            colours.add(p["colours"])
            patterns.add(p["ratio"] if p["ratio"] in (None, "massless2") else "ratio")
            assert_matches(rec, scalar_width_reference(p), values={"M": 5.0, "m": 0.9, "m_1": 1.1, "m_2": 0.6})
            if p["colours"] == "8":
                assert "colour octets" in rec.problem
            if p["ratio"] == "massless2":
                assert rec.domain_relations() == ["M > m_1"] and rec.symbols[-2:] in (["M", "m_1"], ["m_1", "N_c"])
    assert kinds == {"scalar", "pseudoscalar", "higgs", "higgs_pseudo", "mixed_numeric", "mixed", "chiral"}, kinds
    assert colours == {"1", "2", "3", "8", "N_c"} and patterns == {None, "massless2", "ratio"}


def test_higgs_like_width_is_the_standard_model_formula():
    """At m/v coupling the family's width is Gamma(h -> f fbar) = N_c G_F m^2 M beta^3/(4 sqrt2 pi) with
    G_F/sqrt2 = 1/(2 v^2) (Djouadi, Phys. Rept. 457 (2008) eq. (2.7)), at three mass points."""
    from qftdata.generators.decays import scalar_to_fermions as sf

    _, width = sf._symbolic_width(m / v, 0, False)
    G_F = 1 / (sp.sqrt(2) * v**2)
    for point in ({M: 125, m: 4, v: 246}, {M: 7, m: 2, v: 3}, {M: 3, m: sp.Rational(1, 3), v: 1}):
        beta = sp.sqrt(1 - 4 * m**2 / M**2)
        want = G_F * m**2 * M * beta**3 / (4 * sp.sqrt(2) * sp.pi)
        assert sp.simplify((width - want).subs(point)) == 0


@pytest.mark.parametrize("level", LEVELS)
def test_vector_to_fermions(level):
    """Equal masses: PDG Electroweak review (Z width), N_c M beta [g_V^2 (1 + 2m^2/M^2) + g_A^2 beta^2]/(12 pi).
    Unequal masses (W -> t bbar; Jezabek & Kuhn 1989): N_c lambda^{1/2}/(24 pi M^3) [(g_V^2 + g_A^2)
    (2M^2 - m1^2 - m2^2 - (m1^2 - m2^2)^2/M^2) + 6 (g_V^2 - g_A^2) m1 m2]."""
    for rec in draws("decays.vector_to_fermions", 5, level=level):
        p = params(rec)
        ma, mb = _masses(p)
        if p["couplings"] == "symbolic":
            gv, ga = g_V, g_A
        else:
            gv, ga = (sp.Rational(x) * g for x in p["couplings"])
        if p["unequal"]:
            ref = _colours(p) * sp.sqrt(kallen(M**2, ma**2, mb**2)) / (24 * sp.pi * M**3) * (
                (gv**2 + ga**2) * (2 * M**2 - ma**2 - mb**2 - (ma**2 - mb**2) ** 2 / M**2)
                + 6 * (gv**2 - ga**2) * ma * mb)
        else:
            beta = sp.sqrt(1 - 4 * ma**2 / M**2)
            ref = _colours(p) * M * beta / (12 * sp.pi) * (gv**2 * (1 + 2 * ma**2 / M**2) + ga**2 * beta**2)
        assert_matches(rec, ref, values={"M": 5.0, "m": 0.9, "m_1": 1.1, "m_2": 0.6})


def test_unequal_mass_widths_reduce_to_the_equal_mass_textbook_forms():
    """The unequal-mass widths the families compute, at m_1 = m_2 = m, equal the PDG / Djouadi closed forms."""
    from qftdata.generators.decays import scalar_to_fermions as sf
    from qftdata.generators.decays import vector_to_fermions as vf

    beta = sp.sqrt(1 - 4 * m**2 / M**2)
    for point in ({M: 5, m: 1}, {M: 7, m: 2}, {M: 3, m: sp.Rational(1, 3)}):
        _, gs = sf._symbolic_width(g_S, g_P, True)
        want_s = M / (8 * sp.pi) * (g_S**2 * beta**3 + g_P**2 * beta)
        _, gv = vf._symbolic_width(g_V, g_A, True)
        want_v = M * beta / (12 * sp.pi) * (g_V**2 * (1 + 2 * m**2 / M**2) + g_A**2 * beta**2)
        for got, want in ((gs, want_s), (gv, want_v)):
            diff = got.subs({m1: point[m], m2: point[m]}).subs(point) - want.subs(point)
            assert sp.simplify(diff) == 0


def test_vector_coupling_text_has_no_zero_or_double_signs():
    # audit: the Lagrangian printed "\frac12 - - \frac12\gamma^5", "0 - 1\gamma^5", "1 - 0\gamma^5"
    from qftdata.generators import generate_one
    from qftdata.generators.decays.vector_to_fermions import _chiral_factor

    assert _chiral_factor(1, 0) == ""
    assert _chiral_factor(0, 1) == r"\left(-\gamma^5\right)"
    assert _chiral_factor(sp.Rational(1, 2), -sp.Rational(1, 2)) == r"\left(\frac{1}{2} + \frac{1}{2}\,\gamma^5\right)"
    for index in range(30):
        text = generate_one("decays.vector_to_fermions", seed=9, index=index, level="graduate").problem
        assert "- -" not in text and "0 -" not in text and r"1\gamma" not in text
