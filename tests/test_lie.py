"""Cross-checks of qftdata.generators.lie against explicit matrices and Slansky's tables."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy as sp

from qftdata.generators import lie

N = sp.Symbol("N", positive=True, integer=True)


def _fund(n):
    return [np.array(g.evalf(), dtype=complex) for g in lie.su_fundamental_generators(n)]


def _tensor_rep(n, kind):
    """Generators on Sym^2 or Wedge^2 of C^n, built explicitly from T (x) 1 + 1 (x) T and a projector."""
    gens = _fund(n)
    eye = np.eye(n)
    swap = np.zeros((n * n, n * n))
    for i, j in itertools.product(range(n), repeat=2):
        swap[i * n + j, j * n + i] = 1
    proj = (np.eye(n * n) + (1 if kind == "sym" else -1) * swap) / 2
    w, v = np.linalg.eigh(proj)
    basis = v[:, w > 0.5]
    return [basis.conj().T @ (np.kron(t, eye) + np.kron(eye, t)) @ basis for t in gens]


@pytest.mark.parametrize("n", [3, 4, 5])
@pytest.mark.parametrize("kind,shape", [("sym", (2,)), ("asym", (1, 1))])
def test_index_and_anomaly_match_explicit_matrices(n, kind, shape):
    fund = _fund(n)
    rep = _tensor_rep(n, kind)
    t_explicit = np.trace(rep[0] @ rep[0]).real
    # d^{abc} for a = b = c = the last (diagonal) generator, nonzero for SU(n >= 3)
    d_fund = np.trace(fund[-1] @ fund[-1] @ fund[-1]).real
    d_rep = np.trace(rep[-1] @ rep[-1] @ rep[-1]).real
    irrep = lie.young(shape, sp.Integer(n))
    assert float(lie.dynkin_index(irrep)) == pytest.approx(t_explicit)
    assert float(lie.anomaly(irrep)) == pytest.approx(d_rep / d_fund)
    assert int(lie.dimension(irrep)) == rep[0].shape[0]


# Slansky, Phys. Rep. 79 (1981) 1, Table 5 / standard SU(N) formulas: (rep, dim, T(R), C2, A(R))
SLANSKY = [
    ("fund", N, sp.Rational(1, 2), (N**2 - 1) / (2 * N), 1),
    ("adj", N**2 - 1, N, N, 0),
    ("sym2", N * (N + 1) / 2, (N + 2) / 2, (N - 1) * (N + 2) / N, N + 4),
    ("asym2", N * (N - 1) / 2, (N - 2) / 2, (N - 2) * (N + 1) / N, N - 4),
    ("sym3", N * (N + 1) * (N + 2) / 6, (N + 2) * (N + 3) / 4, 3 * (N - 1) * (N + 3) / (2 * N), (N + 3) * (N + 6) / 2),
    ("asym3", N * (N - 1) * (N - 2) / 6, (N - 2) * (N - 3) / 4, 3 * (N - 3) * (N + 1) / (2 * N), (N - 3) * (N - 6) / 2),
]


@pytest.mark.parametrize("key,dim,t,c2,a", SLANSKY)
def test_symbolic_invariants_match_tables(key, dim, t, c2, a):
    rep = lie.named_rep(key, N)
    assert sp.simplify(lie.dimension(rep) - dim) == 0
    assert sp.simplify(lie.dynkin_index(rep) - t) == 0
    assert sp.simplify(lie.casimir(rep) - c2) == 0
    assert sp.simplify(lie.anomaly(rep) - a) == 0


@pytest.mark.parametrize("shape", [(2, 1), (2, 2), (3, 1), (2, 1, 1), (4,), (3, 2)])
def test_dimension_and_casimir_match_young_formulas(shape):
    rep = lie.young(shape, N)
    assert sp.simplify(lie.dimension(rep) - lie.hook_content_dimension(shape, N)) == 0
    assert sp.simplify(lie.casimir(rep) - lie.young_casimir(shape, N)) == 0


def test_su3_octet_decuplet_values():
    # Georgi, Lie Algebras in Particle Physics: C2(8) = 3, C2(10) = 6, T(10) = 15/2, A(10) = 27
    three = sp.Integer(3)
    assert lie.casimir(lie.young((2, 1), three)) == 3
    assert lie.casimir(lie.young((3,), three)) == 6
    assert lie.dynkin_index(lie.young((3,), three)) == sp.Rational(15, 2)
    assert lie.anomaly(lie.young((3,), three)) == 27


@pytest.mark.parametrize("kind,n,dim", [("su", 2, 3), ("su", 5, 24), ("u", 3, 9), ("so", 4, 6), ("so", 10, 45),
                                        ("sp", 4, 10), ("sp", 6, 21)])
def test_classical_algebra_dimensions(kind, n, dim):
    assert lie.classical_algebra_dimension(kind, n) == dim


def test_delta_contraction_on_channel():
    a = lie.sym_delta4("a", "b", "e", "f")
    b = lie.sym_delta4("e", "f", "c", "d")
    prod = lie.delta_product(a, b, ["e", "f"], N)
    assert sp.simplify(prod.coefficient_of([("a", "b"), ("c", "d")]) - (N + 4)) == 0
    assert prod.coefficient_of([("a", "c"), ("b", "d")]) == 2
