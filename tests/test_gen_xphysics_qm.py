"""Cross-physics quantum-mechanics families: literature cross-checks and record checks."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from qftdata.generators.xphysics._testing import check_family
from qftdata.generators.xphysics.qm import (
    clebsch_gordan as cgf,
)
from qftdata.generators.xphysics.qm import (
    harmonic_oscillator_matrix_element as ho,
)
from qftdata.generators.xphysics.qm import (
    hydrogen_radial_expectation as hyd,
)
from qftdata.generators.xphysics.qm import (
    infinite_well_perturbation as well,
)

FAMILIES = [ho.NAME, hyd.NAME, well.NAME, cgf.NAME]


@pytest.mark.parametrize("name", FAMILIES)
def test_records(name):
    records = check_family(name, n_per_level=2)
    assert len({r.answer for r in records}) >= 3


# --- harmonic oscillator -------------------------------------------------------------------------------
hbar, m, omega = ho.hbar, ho.m, ho.omega
_xi = sp.Symbol("xi", real=True)


def _psi(n):
    """Griffiths 3rd ed. eq. 2.86 in xi = sqrt(m omega/hbar) x (normalised in xi)."""
    return sp.pi ** sp.Rational(-1, 4) / sp.sqrt(2**n * sp.factorial(n)) * sp.hermite(n, _xi) * sp.exp(-_xi**2 / 2)


@pytest.mark.parametrize("bra,k,ket", [(3, 1, 2), (4, 3, 1), (2, 4, 2), (0, 2, 2)])
def test_ho_x_powers_against_wavefunction_integral(bra, k, ket):
    # <bra|x^k|ket> = (hbar/m omega)^(k/2) * int psi_bra xi^k psi_ket dxi  (Griffiths eq. 2.86)
    integral = sp.integrate(sp.expand(_psi(bra) * _xi**k * _psi(ket)), (_xi, -sp.oo, sp.oo))
    expected = (hbar / (m * omega)) ** sp.Rational(k, 2) * integral
    assert sp.simplify(ho.matrix_element(bra, "x" * k, ket) - expected) == 0


@pytest.mark.parametrize("n", [0, 3, 7])
def test_ho_diagonal_x2_p2(n):
    # Griffiths 3rd ed. Problem 2.12: <x^2> = (n+1/2) hbar/(m omega), <p^2> = (n+1/2) m hbar omega
    assert sp.simplify(ho.matrix_element(n, "xx", n) - (n + sp.Rational(1, 2)) * hbar / (m * omega)) == 0
    assert sp.simplify(ho.matrix_element(n, "pp", n) - (n + sp.Rational(1, 2)) * m * hbar * omega) == 0


def test_ho_commutator():
    # [x, p] = i hbar on any state
    for n in (0, 2, 5):
        assert sp.simplify(ho.matrix_element(n, "xp", n) - ho.matrix_element(n, "px", n) - sp.I * hbar) == 0


# --- hydrogen ------------------------------------------------------------------------------------------
a0 = hyd.a_0


def _kramers(n, ell, k, Z):
    """Closed forms (Griffiths 3rd ed. Problems 4.43, 7.16, eq. 7.56; Bethe & Salpeter eq. 3.24), a -> a0/Z."""
    a = a0 / Z
    L2 = ell * (ell + 1)
    return {
        1: a / 2 * (3 * n**2 - L2),
        2: a**2 * n**2 / 2 * (5 * n**2 + 1 - 3 * L2),
        -1: 1 / (n**2 * a),
        -2: 1 / (n**3 * (ell + sp.Rational(1, 2)) * a**2),
        -3: 1 / (ell * (ell + sp.Rational(1, 2)) * (ell + 1) * n**3 * a**3),
    }[k]


@pytest.mark.parametrize("n,ell,k,Z", [(1, 0, 1, 1), (3, 1, 2, 1), (4, 2, -1, 2), (3, 2, -2, 3), (5, 1, -3, 1),
                                     (2, 1, -3, 2)])
def test_hydrogen_against_closed_forms(n, ell, k, Z):
    assert sp.simplify(hyd.expectation(n, ell, k, Z) - _kramers(n, ell, k, Z)) == 0


# --- infinite well -------------------------------------------------------------------------------------
V0, alpha = well.V_0, well.alpha


@pytest.mark.parametrize("n", [1, 2, 5])
def test_well_power_and_delta(n):
    # a = 1: <x>/L = 1/2; a = 2: <x^2>/L^2 = 1/3 - 1/(2 n^2 pi^2)  (Griffiths 3rd ed. Problem 2.4)
    assert sp.simplify(well.shift_1d("power", n, 1, 0, 1) - V0 / 2) == 0
    assert sp.simplify(well.shift_1d("power", n, 2, 0, 1) - V0 * (sp.Rational(1, 3) - 1 / (2 * n**2 * sp.pi**2))) == 0
    # H' = alpha L delta(x - x0): E1 = 2 alpha sin^2(n pi x0/L)  (Griffiths 3rd ed. Problem 7.1(c) generalised)
    assert sp.simplify(well.shift_1d("delta", n, 0, 1, 3) - 2 * alpha * sp.sin(n * sp.pi / 3) ** 2) == 0
    # H' = V0 on the left half: E1 = V0/2 for every n (Griffiths 3rd ed. Problem 7.2 style, symmetry)
    assert sp.simplify(well.shift_1d("step", n, 1, 0, 2) - V0 / 2) == 0


@pytest.mark.parametrize("n1,n2,a,b", [(1, 2, 1, 1), (2, 3, 2, 1), (1, 4, 1, 3)])
def test_well_2d_degenerate_against_quadrature(n1, n2, a, b):
    # numerical W matrix, eigenvalues by Griffiths 3rd ed. eq. 7.33
    def overlap(p, s, t):
        return mpmath.quad(lambda u: u**p * 2 * mpmath.sin(s * mpmath.pi * u) * mpmath.sin(t * mpmath.pi * u), [0, 1])

    Waa = overlap(a, n1, n1) * overlap(b, n2, n2)
    Wbb = overlap(a, n2, n2) * overlap(b, n1, n1)
    Wab = overlap(a, n1, n2) * overlap(b, n2, n1)
    root = mpmath.sqrt((Waa - Wbb) ** 2 + 4 * Wab**2)
    _, high, low = well.splitting_2d("power", n1, n2, a, b, 1)
    assert float(high.subs(V0, 1)) == pytest.approx(float((Waa + Wbb + root) / 2), rel=1e-10)
    assert float(low.subs(V0, 1)) == pytest.approx(float((Waa + Wbb - root) / 2), rel=1e-10)


# --- Clebsch-Gordan ------------------------------------------------------------------------------------
H = sp.Rational(1, 2)


@pytest.mark.parametrize("j1,M", [(1, H), (sp.Rational(3, 2), 1), (2, -sp.Rational(3, 2))])
def test_cg_spin_half_closed_form(j1, M):
    # Sakurai & Napolitano 2nd ed. eq. 3.8.64 (Condon-Shortley)
    d = 2 * j1 + 1
    assert sp.simplify(cgf.cg(j1, M - H, H, H, j1 + H, M) - sp.sqrt((j1 + M + H) / d)) == 0
    assert sp.simplify(cgf.cg(j1, M + H, H, -H, j1 + H, M) - sp.sqrt((j1 - M + H) / d)) == 0
    assert sp.simplify(cgf.cg(j1, M - H, H, H, j1 - H, M) + sp.sqrt((j1 - M + H) / d)) == 0
    assert sp.simplify(cgf.cg(j1, M + H, H, -H, j1 - H, M) - sp.sqrt((j1 + M + H) / d)) == 0


def test_cg_griffiths_table():
    # Griffiths 3rd ed. Table 4.8, 1 x 1: <1 1; 1 -1|0 0> = 1/sqrt(3), <1 0; 1 0|2 0> = sqrt(2/3)
    assert cgf.cg(1, 1, 1, -1, 0, 0) == 1 / sp.sqrt(3)
    assert cgf.cg(1, 0, 1, 0, 2, 0) == sp.sqrt(sp.Rational(2, 3))
    assert cgf.cg(1, 0, 1, 0, 1, 0) == 0


@pytest.mark.parametrize("j1,j2,J,M", [(2, 1, 2, 2), (1, sp.Rational(3, 2), sp.Rational(5, 2), -H),
                                       (sp.Rational(3, 2), sp.Rational(3, 2), 2, 1)])
def test_j1z_projection_theorem(j1, j2, J, M):
    # Sakurai 2nd ed. §3.11 projection theorem: <J1z> = M [J(J+1) + j1(j1+1) - j2(j2+1)] / (2 J(J+1))
    expected = M * (J * (J + 1) + j1 * (j1 + 1) - j2 * (j2 + 1)) / (2 * J * (J + 1))
    assert sp.simplify(cgf.j1z_expectation(j1, j2, J, M) - expected) == 0


@pytest.mark.parametrize("j1,j2,J", [(1, sp.Rational(5, 2), sp.Rational(3, 2)), (sp.Rational(3, 2), 3, sp.Rational(7, 2)), (2, 2, 1)])
def test_j1z_squared_trace_over_the_multiplet(j1, j2, J):
    # rotational invariance within the J multiplet: sum_M <J M|J1z^2|J M> = Tr(J1^2)/3 = (2J+1) j1(j1+1)/3
    total = sum(cgf.j1z_expectation(j1, j2, J, J - k, 2) for k in range(int(2 * J) + 1))
    assert sp.simplify(total - (2 * J + 1) * j1 * (j1 + 1) / 3) == 0


@pytest.mark.parametrize("n,ell,Z", [(1, 0, 1), (3, 1, 2), (6, 4, 5)])
def test_hydrogen_radial_spread(n, ell, Z):
    # Bethe & Salpeter eq. 3.24: <r> = a0 (3n^2 - l(l+1))/(2Z), <r^2> = a0^2 n^2 (5n^2 + 1 - 3l(l+1))/(2Z^2)
    a = hyd.a_0
    r1 = a * (3 * n**2 - ell * (ell + 1)) / (2 * Z)
    r2 = a**2 * n**2 * (5 * n**2 + 1 - 3 * ell * (ell + 1)) / (2 * Z**2)
    assert sp.simplify(hyd.expectation(n, ell, 1, Z) - r1) == 0
    assert sp.simplify(hyd.expectation(n, ell, 2, Z) - r2) == 0


def test_infinite_well_config_refuses_accidental_degeneracies():
    # 1^2 + 7^2 = 5^2 + 5^2: from max_n = 7 on a 2D level can be more than 2-fold degenerate
    well.Config(max_n=6).validate()
    with pytest.raises(ValueError, match="max_n"):
        well.Config(max_n=7).validate()
