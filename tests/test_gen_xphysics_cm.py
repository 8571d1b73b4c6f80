"""Cross-physics classical-mechanics families: literature cross-checks and record checks."""

from __future__ import annotations

import json

import pytest
import sympy as sp

from qftdata.generators.xphysics._testing import check_family
from qftdata.generators.xphysics.cm import central_force_orbit as cf
from qftdata.generators.xphysics.cm import moment_of_inertia as moi
from qftdata.generators.xphysics.cm import normal_modes as nm

FAMILIES = [nm.NAME, moi.NAME, cf.NAME]


@pytest.mark.parametrize("name", FAMILIES)
def test_records(name):
    records = check_family(name, n_per_level=2)
    assert len({r.answer for r in records}) >= 3


g, ell, m, k = nm.g, nm.ell, nm.m, nm.k


@pytest.mark.parametrize("m1,m2,l1,l2", [(1, 1, 1, 1), (2, 3, 1, 1), (3, 1, 2, 4)])
def test_double_pendulum_landau(m1, m2, l1, l2):
    # Landau & Lifshitz, Mechanics, §23 Problem 1:
    # w^2 = g/(2 m1 l1 l2) {(m1+m2)(l1+l2) +- sqrt[(m1+m2)((m1+m2)(l1+l2)^2 - 4 m1 l1 l2)]}
    mu = m1 + m2
    root = sp.sqrt(mu * (mu * (l1 + l2) ** 2 - 4 * m1 * l1 * l2))
    expected = sorted([g / (2 * m1 * l1 * l2 * ell) * (mu * (l1 + l2) - root),
                       g / (2 * m1 * l1 * l2 * ell) * (mu * (l1 + l2) + root)], key=lambda e: float(e.subs({g: 1, ell: 1})))
    _, _, roots = nm.double_pendulum((m1, m2), (l1, l2))
    for got, want in zip(roots, expected, strict=True):
        assert sp.simplify(got - want) == 0


@pytest.mark.parametrize("masses,springs", [((1, 1), (1, 1, 1)), ((2, 1), (3, 1, 2)), ((1, 3), (2, 2, 0))])
def test_spring_chain_closed_form(masses, springs):
    # Taylor, Classical Mechanics §11.2 (equal case: w^2 = k/m, 3k/m); general 2x2 secular equation (Goldstein §6.2):
    # w^2 = (A + D)/2 +- sqrt((A - D)^2/4 + B^2) with A = (k1+k2)/m1, D = (k2+k3)/m2, B^2 = k2^2/(m1 m2)
    (a1, a2), (k1, k2, k3) = masses, springs
    A, D, B2 = (k1 + k2) * k / (a1 * m), (k2 + k3) * k / (a2 * m), (k2 * k) ** 2 / (a1 * a2 * m**2)
    disc = sp.sqrt((A - D) ** 2 / 4 + B2)
    _, _, roots = nm.spring_chain(masses, springs)
    assert sp.simplify(roots[0] - ((A + D) / 2 - disc)) == 0
    assert sp.simplify(roots[1] - ((A + D) / 2 + disc)) == 0
    if masses == (1, 1) and springs == (1, 1, 1):
        assert roots == (k / m, 3 * k / m)


def test_moment_of_inertia_table():
    # Goldstein 3rd ed. §5.3 / Taylor §10.2 standard moments
    assert moi.inertia("rod", 0, 0)[1] == sp.Rational(1, 3)
    assert moi.inertia("rod", 0, sp.Rational(1, 2))[1] == sp.Rational(1, 12)
    assert moi.inertia("disk_axis", 0, 0)[1] == sp.Rational(1, 2)
    assert moi.inertia("disk_diameter", 0, 0)[1] == sp.Rational(1, 4)
    assert moi.inertia("sphere", 0, 0)[1] == sp.Rational(2, 5)
    assert moi.inertia("cone", 0, 0)[1] == sp.Rational(3, 10)
    assert moi.inertia("paraboloid", 0, 0)[1] == sp.Rational(1, 3)
    assert moi.inertia("hemisphere", 0, 0)[1] == sp.Rational(2, 5)


@pytest.mark.parametrize("n", [1, 2, 4])
def test_moment_of_inertia_power_law(n):
    # ball with rho ~ r^n: I = (2/3) M R^2 (n+3)/(n+5)  (shell average <r^2 sin^2> = 2/3 <r^2>);
    # disk sigma ~ s^n about its axis: I = M R^2 (n+2)/(n+4); rod lambda ~ x^n about x = 0: I = M L^2 (n+1)/(n+3)
    assert moi.inertia("sphere", n, 0)[1] == sp.Rational(2, 3) * sp.Rational(n + 3, n + 5)
    assert moi.inertia("disk_axis", n, 0)[1] == sp.Rational(n + 2, n + 4)
    assert moi.inertia("rod", n, 0)[1] == sp.Rational(n + 1, n + 3)
    # parallel-axis theorem (Goldstein §5.3; Taylor §10.2): I_f = I_cm + M (f L - x_cm)^2
    x_cm = sp.Rational(n + 1, n + 2)
    i_cm = sp.Rational(n + 1, n + 3) - x_cm**2
    f = sp.Rational(1, 3)
    assert moi.inertia("rod", n, f)[1] == i_cm + (f - x_cm) ** 2


def test_moment_of_inertia_hollow_and_transverse():
    R, h = moi.R, moi.h
    # uniform annulus a < s < R about its axis: M (R^2 + a^2)/2; about a diameter: M (R^2 + a^2)/4 (Taylor §10.2)
    b = sp.Rational(1, 3)
    assert moi.inertia("annulus_axis", 0, 0, b)[1] == (1 + b**2) / 2
    assert moi.inertia("annulus_diameter", 0, 0, b)[1] == (1 + b**2) / 4
    # uniform thick shell a < r < R: (2/5) M (R^5 - a^5)/(R^3 - a^3) (Goldstein §5.3 by subtraction)
    assert moi.inertia("shell", 0, 0, b)[1] == sp.Rational(2, 5) * (1 - b**5) / (1 - b**3)
    # uniform cylinder about a central transverse axis: M (R^2/4 + h^2/12); about a base diameter M (R^2/4 + h^2/3)
    assert sp.expand(moi.inertia("cylinder_transverse", 0, sp.Rational(1, 2))[1] - (R**2 / 4 + h**2 / 12)) == 0
    assert sp.expand(moi.inertia("cylinder_transverse", 0, 0)[1] - (R**2 / 4 + h**2 / 3)) == 0
    # parallel-axis theorem for a uniform disk and ball shifted by d = 3R/4 (Goldstein §5.3)
    d = sp.Rational(3, 4)
    assert moi.inertia("disk_axis", 0, d)[1] == sp.Rational(1, 2) + d**2
    assert moi.inertia("sphere", 0, d)[1] == sp.Rational(2, 5) + d**2


V0, r0, mm, kap, lam = cf.V_0, cf.r_0, cf.m, cf.kappa, cf.lambda_


@pytest.mark.parametrize("terms", [((1, sp.Integer(2)),), ((3, sp.Rational(3, 2)),), ((-2, sp.Integer(-1)),),
                                   ((5, sp.Integer(1)), (-1, sp.Integer(2))), ((-4, sp.Rational(-1, 2)), (2, sp.Integer(2)))])
def test_power_law_orbits_against_goldstein(terms):
    # Goldstein 3rd ed. §3.6: w_r^2 = [V''(r0) + 3 V'(r0)/r0]/m for a circular orbit at r0, and the apsidal angle
    # pi phidot/w_r with phidot^2 = V'(r0)/(m r0); for V ~ r^n alone, Bertrand's pi/sqrt(n+2)
    r = sp.Symbol("r", positive=True)
    V = V0 * sum(c * (r / r0) ** n for c, n in terms)
    d1, d2 = sp.diff(V, r).subs(r, r0), sp.diff(V, r, 2).subs(r, r0)
    w2_expected = (d2 + 3 * d1 / r0) / mm
    _, w2, aps = cf.power_orbit(tuple(terms))
    assert sp.simplify(w2 - w2_expected) == 0
    assert sp.simplify(aps - sp.pi * sp.sqrt(d1 / (mm * r0)) / sp.sqrt(w2_expected)) == 0
    if len(terms) == 1:
        assert sp.simplify(aps - sp.pi / sp.sqrt(terms[0][1] + 2)) == 0


@pytest.mark.parametrize("q", [sp.Rational(1, 6), sp.Rational(1, 2), sp.Rational(5, 4)])
def test_yukawa_orbit_closed_form(q):
    # V = -kappa e^{-r/lambda}/r at r0 = q lambda: m w_r^2 = kappa e^{-q} (1 + q - q^2)/(q lambda)^3 and
    # Delta phi = pi sqrt((1 + q)/(1 + q - q^2)) (circular orbits stable for q < (1 + sqrt 5)/2; e.g. Goldstein
    # §3.6 problem 3.29 style analysis, derived from the w_r^2 formula above)
    _, w2, aps = cf.yukawa_orbit(q)
    assert sp.simplify(w2 - kap * sp.exp(-q) * (1 + q - q**2) / (mm * (q * lam) ** 3)) == 0
    assert abs(float(aps) - float(sp.pi * sp.sqrt((1 + q) / (1 + q - q**2)))) < 1e-12


def test_orbit_levels_change_the_problem():
    recs = check_family(cf.NAME, n_per_level=3)
    kinds = {r.level: json.loads(r.metadata)["params"]["kind"] for r in recs}
    assert kinds["postgraduate"] == "yukawa" and kinds["advanced-undergraduate"] == "power"
