"""Cross-physics classical-mechanics families: literature cross-checks and record checks."""

from __future__ import annotations

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


kappa, r0, mm = cf.kappa, cf.r_0, cf.m


@pytest.mark.parametrize("kind,n,c", [("power", 2, 1), ("power", sp.Rational(3, 2), 1), ("power", -1, 1),
                                      ("kepler_linear", 0, 3), ("kepler_cubic", 0, 2), ("log", 0, 1)])
def test_radial_frequency_closed_form(kind, n, c):
    # Goldstein 3rd ed. §3.6: w_r^2 = [V''(r0) + 3 V'(r0)/r0]/m for a circular orbit at r0
    V = cf.potential(kind, n, c)
    expected = (sp.diff(V, cf._r, 2) + 3 * sp.diff(V, cf._r) / cf._r).subs(cf._r, r0) / mm
    _, w2, aps = cf.radial(kind, n, c)
    assert sp.simplify(w2 - expected) == 0
    if kind == "power":
        # Bertrand / Goldstein §3.6: apsidal angle pi/sqrt(n+2) for V ~ r^n
        assert sp.simplify(aps - sp.pi / sp.sqrt(n + 2)) == 0
