"""Cross-physics electromagnetism families: literature cross-checks and record checks."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from qftdata.generators.xphysics._testing import check_family
from qftdata.generators.xphysics.em import axial_field as af
from qftdata.generators.xphysics.em import layered_capacitor as lc
from qftdata.generators.xphysics.em import point_charge_multipoles as mp
from qftdata.generators.xphysics.em import rlc_circuit as rlc

FAMILIES = [mp.NAME, af.NAME, lc.NAME]


@pytest.mark.parametrize("name", FAMILIES)
def test_records(name):
    records = check_family(name, n_per_level=2)
    assert len({r.answer for r in records}) >= 3


q, a = mp.q, mp.a
CONFIGS = [
    ((1, 0, 0, 1), (-1, 0, 0, -1)),                       # physical dipole along z
    ((2, 1, 0, 1), (-3, -1, 1, 0), (1, 0, -2, 2)),
    ((1, 1, 1, 1), (1, -1, -1, -1), (-2, 0, 0, 0), (3, 2, 0, -1)),
]


@pytest.mark.parametrize("charges", CONFIGS)
def test_multipoles_against_jackson_sums(charges):
    # Jackson 3rd ed. eq. 4.9: q = sum q_i, p_z = sum q_i z_i, Q_zz = sum q_i (3 z_i^2 - r_i^2);
    # on the axis (eq. 4.10 / Legendre expansion, Griffiths eq. 3.95): 4 pi eps0 Phi = Q/z + p_z/z^2 + Q_zz/(2 z^3)
    #   + sum q_i r_i^3 P_3(cos theta_i)/z^4 + ...
    c = mp.axial_expansion(charges)
    Q = sum(ch for ch, *_ in charges) * q
    pz = sum(ch * zz for ch, _, _, zz in charges) * q * a
    Qzz = sum(ch * (3 * zz**2 - (x**2 + y**2 + zz**2)) for ch, x, y, zz in charges) * q * a**2
    oct_ = sum(ch * sp.Rational(1, 2) * (5 * zz**3 - 3 * zz * (x**2 + y**2 + zz**2)) for ch, x, y, zz in charges) * q * a**3
    assert sp.simplify(c[0] - Q) == 0
    assert sp.simplify(c[1] - pz) == 0
    assert sp.simplify(c[2] - Qzz / 2) == 0
    assert sp.simplify(c[3] - oct_) == 0


R, z, eps0 = af.R, af.z, af.epsilon_0
lam, sig, rho, L = af.lambda_0, af.sigma_0, af.rho_0, af.L
K = 1 / (4 * sp.pi * eps0)


def _num_equal(expr, ref, points=((1.0, 0.7, 1.3), (2.0, 1.9, 0.4), (0.5, 0.3, 2.2))):
    for Rv, zv, Lv in points:
        sub = {R: Rv, z: zv, L: Lv, eps0: 1.0, lam: 1.0, sig: 1.0, rho: 1.0}
        if abs(float(expr.subs(sub)) - float(ref.subs(sub) if isinstance(ref, sp.Basic) else ref(Rv, zv, Lv))) > 1e-10:
            return False
    return True


def test_axial_field_griffiths_closed_forms():
    # Griffiths 4th ed. Problem 2.5 (ring): E = (1/4 pi eps0) (lambda 2 pi R) z/(R^2+z^2)^{3/2}
    assert _num_equal(af.field("ring", 0, 1), K * lam * 2 * sp.pi * R * z / (R**2 + z**2) ** sp.Rational(3, 2))
    # Problem 2.6 (uniform disk): E = sigma/(2 eps0) [1 - z/sqrt(R^2+z^2)]
    assert _num_equal(af.field("disk", 0, 1), sig / (2 * eps0) * (1 - z / sp.sqrt(R**2 + z**2)))
    # Example 2.1 variant (segment -L..0, field beyond its end): E = lambda/(4 pi eps0) [1/z - 1/(z+L)]
    assert _num_equal(af.field("segment", 0, 0), K * lam * (1 / z - 1 / (z + L)))
    third = sp.Rational(1, 3)
    assert _num_equal(af.field("segment", 0, third), K * lam * (1 / (z + third * L) - 1 / (z + L)))
    # annulus = difference of two uniform disks (superposition)
    beta = sp.Rational(5, 2)
    disk = sig / (2 * eps0) * (1 - z / sp.sqrt(R**2 + z**2))
    big = sig / (2 * eps0) * (1 - z / sp.sqrt((beta * R) ** 2 + z**2))
    assert _num_equal(af.field("annulus", 0, beta), big - disk)


@pytest.mark.parametrize("t", [sp.Rational(1, 3), sp.Integer(1), sp.Rational(9, 4)])
def test_axial_field_at_a_point(t):
    # the problem's point z = t R (z = t L for the rod): Griffiths 4th ed. Problems 2.5, 2.6 at that height
    assert sp.simplify(af.field("disk", 0, 1, t) - sig / (2 * eps0) * (1 - t / sp.sqrt(1 + t**2))) == 0
    assert sp.simplify(af.field("ring", 0, 1, t) - lam * t / (2 * eps0 * R * (1 + t**2) ** sp.Rational(3, 2))) == 0
    assert sp.simplify(af.field("segment", 0, 0, t) - lam / (4 * sp.pi * eps0 * L) * (1 / t - 1 / (t + 1))) == 0
    # annulus R < s < 3R as the difference of two uniform disks (superposition)
    ann = sig / (2 * eps0) * (t / sp.sqrt(1 + t**2) - t / sp.sqrt(9 + t**2))
    assert abs(float((af.field("annulus", 0, 3, t) - ann).subs({sig: 1, eps0: 1}))) < 1e-12


@pytest.mark.parametrize("n", [1, 2, 3])
def test_axial_field_power_law_disk_quadrature(n):
    def ref(Rv, zv, _Lv):
        return float(mpmath.quad(lambda s: 2 * mpmath.pi * s * (s / Rv) ** n * zv / (4 * mpmath.pi * (s**2 + zv**2) ** 1.5),
                                 [0, Rv]))

    assert _num_equal(af.field("disk", n, 1), ref)


@pytest.mark.parametrize("beta", [0, sp.Rational(1, 2)])
def test_axial_field_cylinder_quadrature(beta):
    # each slab dz' is a uniform annulus, sigma = rho dz' (superposition of Griffiths Problem 2.6 disks)
    def ref(Rv, zv, Lv):
        def slab(zp):
            d = zv - zp
            return (d / mpmath.sqrt((float(beta) * Rv) ** 2 + d**2) - d / mpmath.sqrt(Rv**2 + d**2)) / 2
        return float(mpmath.quad(slab, [-Lv, 0]))

    assert _num_equal(af.field("tube", 0, beta), ref)


e0, aa = lc.epsilon_0, lc.a


def _series_inverse(geom, radii, kappas):
    """1/C = sum_i 1/C_i (series capacitors; Griffiths 4th ed. Example 2.11, Problem 2.43, §4.4)."""
    tot = 0
    for i, k in enumerate(kappas):
        r1, r2 = radii[i] * aa, radii[i + 1] * aa
        tot += {"sphere": (1 / r1 - 1 / r2) / (4 * sp.pi * e0 * k), "cylinder": sp.log(r2 / r1) / (2 * sp.pi * e0 * k),
                "plane": (r2 - r1) / (e0 * k)}[geom]
    return 1 / tot


@pytest.mark.parametrize("geom,radii,kappas", [
    ("sphere", (1, 3), (1,)),
    ("cylinder", (1, sp.Rational(5, 2)), (1,)),
    ("sphere", (1, 2, sp.Rational(7, 2)), (3, 5)),
    ("cylinder", (1, sp.Rational(3, 2), 4, 6), (2, 1, 6)),
    ("plane", (1, 2, 5), (4, 3)),
])
def test_capacitance_series_rule(geom, radii, kappas):
    radii = tuple(sp.S(r) for r in radii)
    got = lc.capacitance(geom, radii, kappas, 0)
    want = _series_inverse(geom, radii, kappas)
    assert float((got / want).subs({e0: 1, aa: 1})) == pytest.approx(1.0, rel=1e-12)


@pytest.mark.parametrize("n", [1, 2, -1])
def test_capacitance_graded_sphere(n):
    # eps = eps0 (r/a)^n between a and b = 2a: 1/C = int_a^b dr/(4 pi eps(r) r^2) (Griffiths §4.4 D-field method)
    r = sp.Symbol("r", positive=True)
    inv = sp.integrate(1 / (4 * sp.pi * e0 * (r / aa) ** n * r**2), (r, aa, 2 * aa))
    got = lc.capacitance("sphere", (sp.Integer(1), sp.Integer(2)), (1,), n)
    assert sp.simplify(got - 1 / inv) == 0


# --- series RLC (numeric, SI) -----------------------------------------------------------------------------


def test_rlc_records():
    records = check_family(rlc.NAME, n_per_level=2)
    assert all(r.answer_type == "numeric" and r.tolerance == rlc.TOLERANCE for r in records)


@pytest.mark.parametrize("R_ohm,L_mH,C_uF", [(1, 10, 22), (20, 47, 100), (5, 2, 1)])
def test_rlc_against_purcell(R_ohm, L_mH, C_uF):
    # Purcell & Morin 3rd ed. §8.1: omega_d = sqrt(1/LC - R^2/4L^2), gamma = R/2L;
    # §8.3: I0 = V0/sqrt(R^2 + (wL - 1/wC)^2); Taylor §5.6: the q (capacitor-voltage) amplitude peaks at
    # w^2 = w0^2 - 2 beta^2 = 1/LC - R^2/2L^2
    R, L, C = R_ohm, L_mH / 1000, C_uF / 1e6
    omega_d, gamma = rlc.free_decay(R_ohm, L_mH, C_uF)
    assert float(omega_d) == pytest.approx((1 / (L * C) - R**2 / (4 * L**2)) ** 0.5, rel=1e-12)
    assert float(gamma) == pytest.approx(R / (2 * L), rel=1e-12)
    I2, VC2 = rlc.steady_state(R_ohm, L_mH, C_uF)
    for w in (100.0, 2000.0, 31415.9):
        assert float(I2.subs(rlc._w, w)) ** 0.5 == pytest.approx(1 / (R**2 + (w * L - 1 / (w * C)) ** 2) ** 0.5, rel=1e-10)
    peak = [r for r in sp.solve(sp.diff(1 / VC2, rlc._w), rlc._w) if r.is_positive][0]
    assert float(peak) == pytest.approx((1 / (L * C) - R**2 / (2 * L**2)) ** 0.5, rel=1e-10)
