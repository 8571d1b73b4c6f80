"""Cross-physics statistical-mechanics families: literature cross-checks and record checks."""

from __future__ import annotations

import pytest
import sympy as sp

from qftdata.generators.xphysics._testing import check_family
from qftdata.generators.xphysics.stat import few_level_thermodynamics as few
from qftdata.generators.xphysics.stat import identical_particles_partition_function as ident
from qftdata.generators.xphysics.stat import paramagnet_magnetization as para

FAMILIES = [few.NAME, para.NAME, ident.NAME]


@pytest.mark.parametrize("name", FAMILIES)
def test_records(name):
    records = check_family(name, n_per_level=2)
    assert len({r.answer for r in records}) >= 3


def _equal(a, b, syms, points=((0.7, 1.3, 0.9), (1.9, 0.4, 2.2), (0.35, 1.1, 0.6))):
    for p in points:
        sub = dict(zip(syms, p, strict=True))
        want = complex(b.subs(sub).evalf())
        if abs(complex(a.subs(sub).evalf()) - want) > 1e-10 * max(1.0, abs(want)):
            return False
    return True


eps, kB, T = few.epsilon, few.k_B, few.T


@pytest.mark.parametrize("n", [1, 2, 3])
def test_schottky_two_level(n):
    # Pathria & Beale 3rd ed. §3.9: gap Delta = n eps, U = Delta/(e^{Delta/kT} + 1),
    # C = k_B (Delta/kT)^2 e^{Delta/kT}/(e^{Delta/kT} + 1)^2
    D = n * eps
    y = D / (kB * T)
    levels = ((0, 1), (n, 1))
    assert _equal(few.quantity(levels, "U"), D / (sp.exp(y) + 1), (eps, kB, T))
    assert _equal(few.quantity(levels, "C"), kB * y**2 * sp.exp(y) / (sp.exp(y) + 1) ** 2, (eps, kB, T))
    # S = k_B [ln(1 + e^{-y}) + y/(e^y + 1)]
    assert _equal(few.quantity(levels, "S"), kB * (sp.log(1 + sp.exp(-y)) + y / (sp.exp(y) + 1)), (eps, kB, T))


def test_three_level_ladder_geometric_sum():
    # N equally spaced levels: U = eps/(e^{y}-1) - N eps/(e^{N y}-1)  (geometric sum of the Boltzmann factors)
    y = eps / (kB * T)
    levels = ((0, 1), (1, 1), (2, 1))
    assert _equal(few.quantity(levels, "U"), eps / (sp.exp(y) - 1) - 3 * eps / (sp.exp(3 * y) - 1), (eps, kB, T))


muB, B, kBp, Tp = para.mu_B, para.B, para.k_B, para.T


def _brillouin(J, x):
    # Pathria & Beale 3rd ed. eq. 3.9.26 (Brillouin function B_J)
    return ((2 * J + 1) / (2 * J)) / sp.tanh((2 * J + 1) * x / (2 * J)) - 1 / (2 * J) / sp.tanh(x / (2 * J))


@pytest.mark.parametrize("J,g", [(sp.Rational(1, 2), 2), (sp.Integer(1), sp.Rational(2, 3)), (sp.Rational(5, 2), sp.Rational(6, 5))])
def test_paramagnet_against_brillouin_and_curie(J, g):
    x = g * muB * B * J / (kBp * Tp)
    syms = (muB, B, kBp, Tp)
    pts = ((0.7, 1.3, 0.9, 1.1), (1.9, 0.4, 2.2, 0.8), (0.35, 1.1, 0.6, 1.7))
    for p in pts:
        sub = dict(zip(syms, p, strict=True))
        got = float(para.mean_moment(J, g).subs(sub))
        want = float((g * muB * J * _brillouin(J, x)).subs(sub))
        assert got == pytest.approx(want, rel=1e-10)
    # Curie law (Pathria & Beale eq. 3.9.30): chi_1 = g^2 mu_B^2 J(J+1)/(3 k_B T)
    assert sp.simplify(para.series_coefficient(J, g, 1) - g**2 * muB**2 * J * (J + 1) / (3 * kBp * Tp)) == 0
    # cubic response: x^3 coefficient of the Brillouin function's Taylor series (coth expansion)
    xs = sp.Symbol("xs")
    b3 = sp.series(_brillouin(J, xs), xs, 0, 4).removeO().coeff(xs, 3)
    chi3 = g * muB * J * b3 * (g * muB * J / (kBp * Tp)) ** 3
    assert sp.simplify(para.series_coefficient(J, g, 3) - chi3) == 0


@pytest.mark.parametrize("r", [sp.Integer(2), sp.Rational(7, 2), sp.Integer(9)])
def test_paramagnet_at_a_field_ratio(r):
    # Brillouin at e^{x} = r (Pathria & Beale eq. 3.9.26): J = 1/2 gives (g mu_B/2) tanh(x/2) = (g mu_B/2)(r-1)/(r+1);
    # J = 1 gives g mu_B (r - 1/r)/(r + 1 + 1/r)
    g = sp.Rational(4, 3)
    assert sp.simplify(para.moment_at_ratio(sp.Rational(1, 2), g, r) - g * muB / 2 * (r - 1) / (r + 1)) == 0
    assert sp.simplify(para.moment_at_ratio(sp.Integer(1), g, r) - g * muB * (r - 1 / r) / (r + 1 + 1 / r)) == 0


ex, kBi, Ti = ident.epsilon, ident.k_B, ident.T


def _generating_function(stat, N, M, g):
    """[z^N] prod_k (1 + z x^k)^g (fermions) or prod_k (1 - z x^k)^(-g) (bosons): Pathria & Beale §6.1."""
    z, x = sp.symbols("z x")
    if stat == "fermion":
        gen = sp.prod([(1 + z * x**k) ** g for k in range(M)])
    else:
        gen = sp.prod([(1 - z * x**k) ** (-g) for k in range(M)])
    coeff = sp.series(gen, z, 0, N + 1).removeO().coeff(z, N)
    return sp.expand(coeff).subs(x, sp.exp(-ex / (kBi * Ti)))


@pytest.mark.parametrize("stat,N,M,g", [("boson", 2, 3, 1), ("fermion", 3, 5, 1), ("fermion", 3, 3, 2), ("boson", 3, 3, 2)])
def test_identical_particles_against_generating_function(stat, N, M, g):
    assert _equal(ident.partition_function(stat, N, M, g), _generating_function(stat, N, M, g), (ex, kBi, Ti))


@pytest.mark.parametrize("stat,N,spectrum,g", [("boson", 3, (0, 2, 5), 1), ("fermion", 2, (0, 1, 4, 6), 2),
                                               ("distinguishable", 2, (0, 3, 4), 1)])
def test_identical_particles_drawn_spectrum(stat, N, spectrum, g):
    # generating function over a non-uniform spectrum: [z^N] prod_k (1 + z x^{e_k})^g or (1 - z x^{e_k})^{-g}
    # (Pathria & Beale §6.1); distinguishable: Z_1^N
    z, x = sp.symbols("z x")
    if stat == "distinguishable":
        want = sum(x**e for e in spectrum) ** N
    else:
        sign = 1 if stat == "fermion" else -1
        gen = sp.prod([(1 + sign * z * x**e) ** (sign * g) for e in spectrum])
        want = sp.series(gen, z, 0, N + 1).removeO().coeff(z, N)
    got = ident.z_polynomial(stat, N, spectrum, g).subs(ident._x, x)
    assert sp.expand(got - want) == 0
    # U = k_B T^2 d ln Z/dT against direct differentiation of Z(T)
    Z = ident.partition_function(stat, N, spectrum, g)
    assert _equal(ident.mean_energy(stat, N, spectrum, g), kBi * Ti**2 * sp.diff(Z, Ti) / Z, (ex, kBi, Ti))


@pytest.mark.parametrize("N,M", [(2, 4), (3, 5), (2, 3)])
def test_identical_fermions_gaussian_binomial(N, M):
    # Andrews, The Theory of Partitions, Thm 3.1: sum over N-subsets of {0..M-1} of x^{sum} = x^{N(N-1)/2} [M choose N]_x
    x = sp.exp(-ex / (kBi * Ti))

    def qint(n):
        return sp.prod([(1 - x ** (k + 1)) for k in range(n)])

    closed = x ** (N * (N - 1) // 2) * qint(M) / (qint(N) * qint(M - N))
    assert _equal(ident.partition_function("fermion", N, M, 1), closed, (ex, kBi, Ti))
    # distinguishable: Z_1^N
    Z1 = sum(x**k for k in range(M))
    assert _equal(ident.partition_function("distinguishable", N, M, 1), Z1**N, (ex, kBi, Ti))
