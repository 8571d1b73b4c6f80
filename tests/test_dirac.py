"""qftdata.generators.dirac: explicit matrices obey the Clifford algebra and the standard trace theorems,
and the abstract d-dimensional reduction agrees with Peskin & Schroeder (7.89)/(A.27)-(A.30)."""

from __future__ import annotations

import itertools
import random

import pytest
import sympy as sp

from qftdata.generators.dirac import (
    GAMMA5,
    METRIC,
    D,
    Idx,
    Vec,
    contract,
    dot,
    dot_symbol,
    gamma,
    gammas,
    integer_trace,
    levi_civita,
    slash,
    trace,
    trace_in_dot_products,
    word_trace,
)


@pytest.mark.parametrize("basis", ["dirac", "weyl"])
def test_clifford_algebra(basis):
    g = gammas(basis)
    for mu, nu in itertools.product(range(4), repeat=2):
        assert g[mu] * g[nu] + g[nu] * g[mu] == 2 * METRIC[mu, nu] * sp.eye(4)


@pytest.mark.parametrize("basis", ["dirac", "weyl"])
def test_gamma5_properties(basis):
    g = gammas(basis)
    g5 = sp.I * g[0] * g[1] * g[2] * g[3]
    assert g5 * g5 == sp.eye(4)
    for mu in range(4):
        assert g5 * g[mu] == -g[mu] * g5
    if basis == "weyl":  # P&S (3.72): gamma5 = diag(-1, 1)
        assert g5 == sp.diag(-1, -1, 1, 1)


def test_two_and_four_gamma_traces():
    for mu, nu in itertools.product(range(4), repeat=2):
        assert trace(gamma(mu), gamma(nu)) == 4 * METRIC[mu, nu]


def test_gamma5_trace_and_levi_civita_sign():
    # gamma^5 = i g0 g1 g2 g3 gives tr[g^0 g^1 g^2 g^3 g5] = -4i. With eps^{0123} = -1 that is +4i eps^{mnrs}
    # (Griffiths sec. 7.7, rule 16); P&S write -4i eps^{mnrs} because they use eps^{0123} = +1.
    assert levi_civita(0, 1, 2, 3) == -1
    for idx in itertools.permutations(range(4)):
        assert trace(*[gamma(i) for i in idx], GAMMA5) == 4 * sp.I * levi_civita(*idx)
    assert trace(gamma(0), gamma(1), GAMMA5) == 0


def test_trace_theorem_four_vectors():
    # P&S (5.6): tr[a b c d] = 4[(ab)(cd) - (ac)(bd) + (ad)(bc)]
    expected = 4 * (dot_symbol(1, 2) * dot_symbol(3, 4) - dot_symbol(1, 3) * dot_symbol(2, 4)
                    + dot_symbol(1, 4) * dot_symbol(2, 3))
    assert sp.expand(trace_in_dot_products(("1", "2", "3", "4")) - expected) == 0
    assert trace_in_dot_products(("1", "2")) == 4 * dot_symbol(1, 2)
    assert trace_in_dot_products(("1", "2", "3")) == 0


def test_integer_trace_matches_symbolic_matrices():
    rnd = random.Random(1)
    for _ in range(3):
        vs = [tuple(rnd.randint(-3, 3) for _ in range(4)) for _ in range(4)]
        assert integer_trace(vs) == trace(*[slash(v) for v in vs])
        assert integer_trace(vs, with_gamma5=True) == trace(*[slash(v) for v in vs], GAMMA5)
        # tr[a b c d g5] = 4i det(contravariant components)
        assert integer_trace(vs, with_gamma5=True) == 4 * sp.I * sp.Matrix(vs).det()


@pytest.mark.parametrize("labels", [("1", "2", "3", "4", "5", "6"), ("1", "2", "1", "3", "2", "3"),
                                    ("1", "2", "3", "1", "2", "3", "4", "4")])
def test_matrix_fit_agrees_with_recursive_trace(labels):
    assert sp.expand(trace_in_dot_products(labels) - word_trace(tuple(Vec(x) for x in labels))) == 0


def test_d_dimensional_contractions():
    mu, nu, rho, sig = (Idx(x) for x in ("mu", "nu", "rho", "sigma"))
    assert contract((mu, mu)) == {(): D}
    assert contract((mu, nu, mu)) == {(nu,): 2 - D}  # P&S (7.89): -(2 - eps) gamma^nu, d = 4 - eps
    # gamma^mu gamma^nu gamma^rho gamma_mu = 4 g^{nu rho} - (4 - d) gamma^nu gamma^rho
    out = contract((mu, Vec("a"), Vec("b"), mu))
    total = sum(c * word_trace(w + (Vec("x"), Vec("y"))) for w, c in out.items())
    ref = 4 * dot_symbol("a", "b") * word_trace((Vec("x"), Vec("y"))) - (4 - D) * word_trace(
        (Vec("a"), Vec("b"), Vec("x"), Vec("y")))
    assert sp.expand(total - ref) == 0
    # gamma^mu a b c gamma_mu = -2 c b a + (4 - d) a b c
    out = contract((mu, Vec("a"), Vec("b"), Vec("c"), mu))
    total = sum(c * word_trace(w + (Vec("x"),)) for w, c in out.items())
    ref = -2 * word_trace((Vec("c"), Vec("b"), Vec("a"), Vec("x"))) + (4 - D) * word_trace(
        (Vec("a"), Vec("b"), Vec("c"), Vec("x")))
    assert sp.expand(total - ref) == 0
    del rho, sig


def test_contracted_traces_in_four_dimensions_match_explicit_sums():
    words = [(Idx("m"), "1", Idx("n"), "2", Idx("m"), Idx("n")), ("1", Idx("m"), "2", "3", Idx("m"), "4"),
             (Idx("m"), Idx("n"), "1", Idx("m"), "2", Idx("n"))]
    for w in words:
        algebra = word_trace(tuple(x if isinstance(x, Idx) else Vec(x) for x in w), 4)
        assert sp.expand(trace_in_dot_products(w) - algebra) == 0


def test_dot():
    assert dot((1, 2, 3, 4), (1, 0, 0, 1)) == -3
