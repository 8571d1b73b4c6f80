r"""Spin sums as polynomials in dot products (private helper module of the Applied-Topics families).

`trace_of` expands $\mathrm{tr}[\prod_i(\text{sum of gamma words})]$ (slashed momenta, masses, contracted indices)
with `qftdata.generators.dirac.word_trace`. `two_trace_product` handles what `word_trace` cannot: two traces
sharing Lorentz indices, $\sum_{\mu\nu}\mathrm{tr}[w_1]\,\mathrm{tr}[w_2]$ (e.g. $L^{\mu\nu}H_{\mu\nu}$ of an
annihilation through one photon). Being Lorentz invariant it is a linear combination of products of dot
products of its vectors; the coefficients are fitted exactly from explicit 4x4 Dirac matrices evaluated at
random integer momenta (more equations than unknowns; an inconsistent fit raises), the same method as
`dirac.trace_in_dot_products` uses for one trace.
"""

from __future__ import annotations

import itertools
import random
from functools import cache

import numpy as np
import sympy as sp

from qftdata.generators.dirac import Idx, Vec, dot_symbol, gammas, pairings, word_trace

Term = tuple[sp.Expr, tuple]  # (coefficient, gamma word)


def slash_sum(*parts) -> list[Term]:
    """A factor like p1 + p2 + m as a list of words: `slash_sum(("1", 1), ("2", 1), (None, m))`."""
    return [(sp.sympify(c), () if lab is None else (Vec(lab),)) for lab, c in parts]  # trusted: generator-internal values


def gamma_idx(name: str) -> list[Term]:
    return [(sp.Integer(1), (Idx(name),))]


def expand_words(factors: list[list[Term]]) -> list[Term]:
    out: list[Term] = [(sp.Integer(1), ())]
    for factor in factors:
        out = [(c1 * c2, w1 + w2) for c1, w1 in out for c2, w2 in factor]
    return out


def trace_of(factors: list[list[Term]]) -> sp.Expr:
    """tr of the product of the factors in 4 dimensions, in dot-product symbols P_ab."""
    return sp.expand(sum(c * word_trace(w, 4) for c, w in expand_words(factors) if c != 0))


@cache
def _numeric_gammas() -> tuple[np.ndarray, ...]:
    return tuple(np.array(g.tolist(), dtype=complex) for g in gammas("dirac"))


def _numeric_trace(word: tuple, vecs: dict, idx: dict) -> complex:
    g = _numeric_gammas()
    out = np.eye(4, dtype=complex)
    for item in word:
        if isinstance(item, Idx):
            out = out @ g[idx[item.name]]
        else:
            p = vecs[item.name]
            out = out @ (g[0] * p[0] - g[1] * p[1] - g[2] * p[2] - g[3] * p[3])
    return complex(np.trace(out))


@cache
def _word_pair_product(w1: tuple, w2: tuple) -> sp.Expr:
    r"""$\sum\mathrm{tr}[w_1]\,\mathrm{tr}[w_2]$ with every index appearing twice (lower one with $g_{\mu\mu}$)."""
    names = sorted({x.name for x in w1 + w2 if isinstance(x, Idx)})
    vec_positions = tuple(x.name for x in w1 + w2 if isinstance(x, Vec))
    if len(vec_positions) % 2:
        return sp.Integer(0)
    monomials = sorted({tuple(sorted(tuple(sorted((vec_positions[i], vec_positions[j]))) for i, j in pm))
                        for pm in pairings(tuple(range(len(vec_positions))))})
    labels = sorted(set(vec_positions))
    rnd = random.Random(f"two-trace/{w1}/{w2}")
    rows, rhs = [], []
    metric = (1, -1, -1, -1)
    for _ in range(len(monomials) + 4):
        vecs = {lab: tuple(rnd.randint(-6, 6) for _ in range(4)) for lab in labels}
        total = 0
        for values in itertools.product(range(4), repeat=len(names)):
            idx = dict(zip(names, values, strict=True))
            sign = 1
            for v in values:
                sign *= metric[v]  # each index is lowered once
            total += sign * _numeric_trace(w1, vecs, idx) * _numeric_trace(w2, vecs, idx)
        if abs(total.imag) > 1e-6 or abs(total.real - round(total.real)) > 1e-6:
            raise ArithmeticError("two-trace product is not an integer")
        rhs.append(int(round(total.real)))
        row = []
        for mono in monomials:
            val = 1
            for a, b in mono:
                pa, pb = vecs[a], vecs[b]
                val *= pa[0] * pb[0] - pa[1] * pb[1] - pa[2] * pb[2] - pa[3] * pb[3]
            row.append(val)
        rows.append(row)
    sol, params = sp.Matrix(rows).gauss_jordan_solve(sp.Matrix(rhs))
    if params.shape[0]:
        raise ArithmeticError("two-trace fit underdetermined")
    return sp.expand(sum(c * sp.Mul(*[dot_symbol(a, b) for a, b in mono]) for c, mono in zip(sol, monomials, strict=True)))


def two_trace_product(factors1: list[list[Term]], factors2: list[list[Term]]) -> sp.Expr:
    r"""$\mathrm{tr}[\prod f_1]\,\mathrm{tr}[\prod f_2]$ summed over the Lorentz indices the two traces share."""
    total = sp.Integer(0)
    for c1, w1 in expand_words(factors1):
        for c2, w2 in expand_words(factors2):
            if c1 != 0 and c2 != 0:
                total += c1 * c2 * _word_pair_product(w1, w2)
    return sp.expand(total)
