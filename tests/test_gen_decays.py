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

M, m, g, g_S, g_P, g_V, g_A, N_c = sp.symbols("M m g g_S g_P g_V g_A N_c", positive=True)


def _colours(p):
    return N_c if p["colours"] == "N_c" else int(p["colours"])


@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_scalar_to_fermions(level):
    for rec in draws("decays.scalar_to_fermions", 4, level=level):
        p = params(rec)
        mass = m if p["ratio"] is None else sp.Rational(p["ratio"]) * M
        beta = sp.sqrt(1 - 4 * mass**2 / M**2)
        r = sp.Rational(p["r"]) if p["r"] not in (None, "None") else None
        a, b = {"scalar": (g, 0), "pseudoscalar": (0, g), "mixed": (g_S, g_P), "mixed_numeric": (g, (r or 0) * g)}[
            p["kind"]]
        ref = _colours(p) * M / (8 * sp.pi) * (a**2 * beta**3 + b**2 * beta)
        assert_matches(rec, ref, values={"M": 5.0})


@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_vector_to_fermions(level):
    for rec in draws("decays.vector_to_fermions", 4, level=level):
        p = params(rec)
        mass = m if p["ratio"] is None else sp.Rational(p["ratio"]) * M
        beta = sp.sqrt(1 - 4 * mass**2 / M**2)
        if p["couplings"] == "symbolic":
            gv, ga = g_V, g_A
        else:
            gv, ga = (sp.Rational(x) * g for x in p["couplings"])
        ref = _colours(p) * M * beta / (12 * sp.pi) * (gv**2 * (1 + 2 * mass**2 / M**2) + ga**2 * beta**2)
        assert_matches(rec, ref, values={"M": 5.0})


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
