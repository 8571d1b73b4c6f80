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
LEVELS = ["advanced-undergraduate", "graduate", "advanced-graduate"]


def _colours(p):
    return N_c if p["colours"] == "N_c" else int(p["colours"])


def _masses(p):
    """(m_1, m_2) of the record: symbols, or the stated multiples of M."""
    if p["unequal"]:
        return (m1, m2) if p["ratio"] is None else tuple(sp.Rational(x) * M for x in p["ratio"])
    mass = m if p["ratio"] is None else sp.Rational(p["ratio"][0]) * M
    return mass, mass


def kallen(a, b, c):
    return a**2 + b**2 + c**2 - 2 * a * b - 2 * b * c - 2 * c * a


@pytest.mark.parametrize("level", LEVELS)
def test_scalar_to_fermions(level):
    """Equal masses: Djouadi (2008) eq. (2.7), N_c M (a^2 beta^3 + b^2 beta)/(8 pi). Unequal masses (charged scalar,
    Higgs Hunter's Guide ch. 4 for H+ -> u dbar): N_c lambda^{1/2} [a^2 (M^2 - (m1+m2)^2) + b^2 (M^2 - (m1-m2)^2)]
    / (8 pi M^3)."""
    for rec in draws("decays.scalar_to_fermions", 5, level=level):
        p = params(rec)
        ma, mb = _masses(p)
        r = sp.Rational(p["r"]) if p["r"] not in (None, "None") else None
        a, b = {"scalar": (g, 0), "pseudoscalar": (0, g), "mixed": (g_S, g_P), "mixed_numeric": (g, (r or 0) * g)}[
            p["kind"]]
        if p["unequal"]:
            ref = _colours(p) * sp.sqrt(kallen(M**2, ma**2, mb**2)) * (
                a**2 * (M**2 - (ma + mb) ** 2) + b**2 * (M**2 - (ma - mb) ** 2)) / (8 * sp.pi * M**3)
        else:
            beta = sp.sqrt(1 - 4 * ma**2 / M**2)
            ref = _colours(p) * M / (8 * sp.pi) * (a**2 * beta**3 + b**2 * beta)
        assert_matches(rec, ref, values={"M": 5.0, "m": 0.9, "m_1": 1.1, "m_2": 0.6})
        assert p["unequal"] == (level == "advanced-graduate")


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
