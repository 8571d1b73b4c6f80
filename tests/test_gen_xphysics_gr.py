"""Cross-physics GR/cosmology families: literature cross-checks and record checks."""

from __future__ import annotations

import pytest
import sympy as sp

from qftdata.generators.xphysics._testing import check_family
from qftdata.generators.xphysics.gr import friedmann_single_fluid as fr
from qftdata.generators.xphysics.gr import ricci_scalar as rs
from qftdata.generators.xphysics.gr import schwarzschild_circular_orbit as sch

FAMILIES = [rs.NAME, sch.NAME, fr.NAME]


@pytest.mark.parametrize("name", FAMILIES)
def test_records(name):
    records = check_family(name, n_per_level=2)
    assert len({r.answer for r in records}) >= 3


r, a, x, y = rs.r, rs.a, rs.x, rs.y


@pytest.mark.parametrize("f", [a * sp.sin(3 * r / a), r**2 / a, r + r**2 / (2 * a), a * sp.cosh(2 * r / a)])
def test_warped_2d(f):
    # Gaussian curvature of dr^2 + f^2 dtheta^2 is K = -f''/f, R = 2K (do Carmo §4-3; Carroll eq. 3.191 for 2D)
    assert sp.simplify(rs.ricci_scalar("warped2", str(f)) + 2 * sp.diff(f, r, 2) / f) == 0


@pytest.mark.parametrize("ph", [-sp.log(1 + (x**2 + y**2) / (2 * a**2)), (3 * x**2 + y**2) / a**2, x * y / a**2 + x / a])
def test_conformal_2d(ph):
    # R of e^{2 phi}(dx^2 + dy^2) is -2 e^{-2 phi} (phi_xx + phi_yy)  (Wald eq. D.9 with n = 2)
    expected = -2 * sp.exp(-2 * ph) * (sp.diff(ph, x, 2) + sp.diff(ph, y, 2))
    assert sp.simplify(rs.ricci_scalar("conformal2", str(ph)) - expected) == 0


def test_known_spaces():
    # round 2-sphere of radius a: R = 2/a^2; hyperbolic plane: R = -2/a^2; 3-sphere: R = 6/a^2 (Carroll §3.9, §8.2)
    assert sp.simplify(rs.ricci_scalar("warped2", str(a * sp.sin(r / a))) - 2 / a**2) == 0
    assert sp.simplify(rs.ricci_scalar("warped2", str(a * sp.sinh(r / a))) + 2 / a**2) == 0
    assert sp.simplify(rs.ricci_scalar("warped3", str(a * sp.sin(r / a))) - 6 / a**2) == 0
    # sphere in radial form dr^2/(1 - r^2/a^2) + r^2 dtheta^2: R = 2/a^2
    assert sp.simplify(rs.ricci_scalar("radial2", str(1 / (1 - r**2 / a**2))) - 2 / a**2) == 0


@pytest.mark.parametrize("f", [r**2 / a, a * sp.sinh(2 * r / a), r * sp.exp(-r / a)])
def test_warped_3d(f):
    # dr^2 + f^2 dOmega^2: R = -4 f''/f + 2 (1 - f'^2)/f^2  (standard warped-product formula, e.g. Petersen ch. 4)
    fp = sp.diff(f, r)
    expected = -4 * sp.diff(f, r, 2) / f + 2 * (1 - fp**2) / f**2
    assert sp.simplify(rs.ricci_scalar("warped3", str(f)) - expected) == 0


G, M, c = sch.G, sch.M, sch.c


@pytest.mark.parametrize("k", [sp.Integer(6), sp.Rational(15, 2), sp.Rational(40, 3)])
def test_schwarzschild_against_hartle(k):
    # Hartle, Gravity, §9.3 (G = c = 1 there; r = k M): e = (1 - 2/k)/sqrt(1 - 3/k), l/M = sqrt(k)/sqrt(1 - 3/k),
    # Omega = dphi/dt = sqrt(M/r^3) (Kepler's law holds exactly), dtau/dt = sqrt(1 - 3/k)
    assert sp.simplify(sch.orbit_quantity("E", k) - (1 - 2 / k) / sp.sqrt(1 - 3 / k)) == 0
    assert sp.simplify(sch.orbit_quantity("L", k) - G * M / c * sp.sqrt(k) / sp.sqrt(1 - 3 / k)) == 0
    assert sp.simplify(sch.orbit_quantity("dtau_dt", k) - sp.sqrt(1 - 3 / k)) == 0
    rr = k * G * M / c**2
    T = 2 * sp.pi * sp.sqrt(rr**3 / (G * M))
    assert sp.simplify(sch.orbit_quantity("T_coord", k) - T) == 0
    assert sp.simplify(sch.orbit_quantity("T_proper", k) - T * sp.sqrt(1 - 3 / k)) == 0


@pytest.mark.parametrize("k", [sp.Rational(29, 4), sp.Integer(10), sp.Rational(81, 4)])
def test_schwarzschild_epicyclic(k):
    # radial epicyclic frequency in coordinate time: Omega_r^2 = Omega^2 (1 - 6GM/(c^2 r)), Omega^2 = GM/r^3
    # (Wald, General Relativity, §6.3; Kato, Fukue & Mineshige, Black-Hole Accretion Disks, ch. 3), so the
    # periastron advances by 2 pi (1/sqrt(1 - 6/k) - 1) per radial period; binding energy 1 - e (Hartle §9.3)
    omega2 = c**6 / (G**2 * M**2 * k**3)
    assert sp.simplify(sch.orbit_quantity("omega_r2", k) - omega2 * (1 - 6 / k)) == 0
    assert sp.simplify(sch.orbit_quantity("advance", k) - 2 * sp.pi * (1 / sp.sqrt(1 - 6 / k) - 1)) == 0
    assert sp.simplify(sch.orbit_quantity("binding", k) - (1 - (1 - 2 / k) / sp.sqrt(1 - 3 / k))) == 0


def test_isco():
    # Hartle eq. 9.35 / Carroll §5.4: r_ISCO = 6 GM/c^2
    assert sp.simplify(sch.isco_radius() - 6 * G * M / c**2) == 0


H0, cc = fr.H_0, fr.c


@pytest.mark.parametrize("w,z", [(sp.Integer(0), 3), (sp.Rational(1, 3), 1), (sp.Rational(-2, 3), 5), (sp.Integer(1), 2)])
def test_friedmann_against_ryden(w, z):
    # Ryden 2nd ed. eqs. 5.48-5.53: t0 = 2/(3(1+w)H0); lookback = t0 [1 - (1+z)^{-3(1+w)/2}];
    # d_p(t0) = c/H0 * 2/(1+3w) [1 - (1+z)^{-(1+3w)/2}] (w != -1/3); horizon = c/H0 * 2/(1+3w) (w > -1/3)
    t0 = 2 / (3 * (1 + w) * H0)
    assert sp.simplify(fr.quantity("lookback", w, z) - t0 * (1 - (1 + z) ** (-3 * (1 + w) / 2))) == 0
    dp = cc / H0 * 2 / (1 + 3 * w) * (1 - (1 + z) ** (-(1 + 3 * w) / 2))
    assert sp.simplify(fr.quantity("distance", w, z) - dp) == 0
    if w > sp.Rational(-1, 3):
        assert sp.simplify(fr.quantity("age", w, z) - t0) == 0
        assert sp.simplify(fr.quantity("horizon", w, z) - cc / H0 * 2 / (1 + 3 * w)) == 0


@pytest.mark.parametrize("om,z", [(sp.Rational(1, 4), 3), (sp.Rational(1, 2), sp.Rational(3, 2)), (sp.Rational(11, 12), 7)])
def test_two_fluid_against_ryden(om, z):
    # flat matter + radiation: H0 t(a) = (4 a_rm^2/(3 sqrt(Omega_r))) [1 - (1 - a/(2 a_rm)) sqrt(1 + a/a_rm)],
    # a_rm = Omega_r/Omega_m (Ryden, Introduction to Cosmology, 2nd ed., §5.4.4); distances by quadrature
    import mpmath

    orad = 1 - om
    arm = orad / om

    def t_of(a):
        return 4 * arm**2 / (3 * sp.sqrt(orad)) * (1 - (1 - a / (2 * arm)) * sp.sqrt(1 + a / arm)) / H0

    assert sp.simplify(fr.two_fluid("age", om, z) - t_of(1)) == 0
    assert sp.simplify(fr.two_fluid("lookback", om, z) - (t_of(1) - t_of(1 / (1 + sp.S(z))))) == 0
    quad = mpmath.quad(lambda a: 1 / mpmath.sqrt(float(orad) + float(om) * a), [1 / (1 + float(z)), 1])
    assert float(fr.two_fluid("distance", om, z).subs({cc: 1, H0: 1})) == pytest.approx(float(quad), rel=1e-12)


def test_friedmann_coasting():
    # w = -1/3 (empty-like coasting expansion): d_p = (c/H0) ln(1+z)  (Ryden §5.2, curvature-only analogue)
    assert sp.simplify(fr.quantity("distance", sp.Rational(-1, 3), 4) - cc / H0 * sp.log(5)) == 0


def test_hyperbolic_warped_golds_are_reduced():
    # dr^2 + f(r)^2 dtheta^2 has R = -2 f''/f (Gaussian curvature K = -f''/f; Carroll eq. 3.190 ff.):
    # f = a cosh(3r/a) gives exactly -18/a^2, and the gold must be that, not an unreduced hyperbolic form
    a = sp.Symbol("a", positive=True)
    assert rs.ricci_scalar("warped2", "a*cosh(3*r/a)") == -18 / a**2
    assert rs.ricci_scalar("warped2", "a*sinh(r/a)") == -2 / a**2
