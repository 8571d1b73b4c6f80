r"""Dirac-algebra helpers shared by the fermion, scattering, decay and amplitude families.

Two independent engines, so that families can compute and tests can cross-check:

1. **Explicit 4x4 matrices** (sympy `Matrix`) in the Dirac or Weyl basis: `gamma(mu)`, `GAMMA5`, `slash`,
   `trace`, `levi_civita`, and `trace_in_dot_products`, which expresses the trace of a product of slashed
   momenta in dot products by evaluating the matrix trace at exact integer momenta and solving for the
   coefficients of every pairing monomial.
2. **Abstract Clifford algebra in d dimensions** (`Word` algebra): products of gamma matrices with
   Lorentz indices (`Idx`) and slashed vectors (`Vec`); `contract` removes repeated indices using only
   $\{\gamma^\mu,\gamma^\nu\} = 2g^{\mu\nu}$ and $g^\mu{}_\mu = d$; `word_trace` takes the trace with
   $\mathrm{tr}\,\mathbb 1 = 4$.

Conventions (../shared/CONVENTIONS.md): metric $(+,-,-,-)$, $\gamma^5 = i\gamma^0\gamma^1\gamma^2\gamma^3$,
$\epsilon^{0123} = -1$. Then $\mathrm{tr}[\gamma^0\gamma^1\gamma^2\gamma^3\gamma^5] = -4i$, i.e.
$\mathrm{tr}[\gamma^\mu\gamma^\nu\gamma^\rho\gamma^\sigma\gamma^5] = +4i\epsilon^{\mu\nu\rho\sigma}$ (Griffiths sec. 7.7); the
familiar $-4i\epsilon^{\mu\nu\rho\sigma}$ of Peskin & Schroeder (ch. 5 trace theorems) goes with their $\epsilon^{0123} = +1$, as
CONVENTIONS.md states; every family here states $\gamma^5$ explicitly and computes with matrices, so its answers do not
depend on the $\epsilon$ sign (tests/test_dirac.py pins this down).

>>> trace(gamma(0), gamma(0))
4
>>> contract((Idx("mu"), Idx("nu"), Idx("mu")))
{(Idx(name='nu'),): 2 - d}
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from functools import cache, lru_cache

import sympy as sp

__all__ = ["GAMMA5", "METRIC", "D", "Idx", "Vec", "contract", "dot", "dot_symbol", "gamma", "gammas",
           "integer_trace", "levi_civita", "pairings", "slash", "trace", "trace_in_dot_products", "word_trace"]

METRIC = sp.diag(1, -1, -1, -1)
D = sp.Symbol("d")

_I2 = sp.eye(2)
_Z2 = sp.zeros(2)
_SIGMA = (sp.Matrix([[0, 1], [1, 0]]), sp.Matrix([[0, -sp.I], [sp.I, 0]]), sp.Matrix([[1, 0], [0, -1]]))


def _block(a, b, c, dd):
    return sp.Matrix(sp.BlockMatrix([[a, b], [c, dd]]))


@cache
def gammas(basis: str = "dirac") -> tuple[sp.Matrix, ...]:
    r"""$(\gamma^0, \gamma^1, \gamma^2, \gamma^3)$ as explicit 4x4 matrices (upper index).

    Dirac basis: $\gamma^0 = \mathrm{diag}(1,-1)$, $\gamma^i = ((0,\sigma^i),(-\sigma^i,0))$.
    Weyl (chiral) basis as in Peskin & Schroeder (3.40): $\gamma^0 = ((0,1),(1,0))$.
    """
    if basis == "dirac":
        g0 = _block(_I2, _Z2, _Z2, -_I2)
    elif basis == "weyl":
        g0 = _block(_Z2, _I2, _I2, _Z2)
    else:
        raise ValueError(f"unknown basis {basis!r}; use 'dirac' or 'weyl'")
    return (g0,) + tuple(_block(_Z2, s, -s, _Z2) for s in _SIGMA)


def gamma(mu: int, basis: str = "dirac") -> sp.Matrix:
    r"""$\gamma^\mu$ (upper index) for mu in 0..3."""
    return gammas(basis)[mu]


def gamma5(basis: str = "dirac") -> sp.Matrix:
    g = gammas(basis)
    return sp.I * g[0] * g[1] * g[2] * g[3]


GAMMA5 = gamma5("dirac")


def slash(p, basis: str = "dirac") -> sp.Matrix:
    r"""$\not p = \gamma^\mu p_\mu = \gamma^0 p^0 - \vec\gamma\cdot\vec p$ for contravariant components `p`."""
    g = gammas(basis)
    return g[0] * p[0] - g[1] * p[1] - g[2] * p[2] - g[3] * p[3]


def dot(p, q):
    """Minkowski product $p\\cdot q = p^0q^0 - \\vec p\\cdot\\vec q$ of contravariant components."""
    return p[0] * q[0] - p[1] * q[1] - p[2] * q[2] - p[3] * q[3]


def trace(*mats) -> sp.Expr:
    """Trace of the ordered product of 4x4 matrices."""
    out = sp.eye(4)
    for m in mats:
        out = out * m
    return sp.expand(out.trace())


def levi_civita(mu: int, nu: int, rho: int, sigma: int) -> int:
    r"""$\epsilon^{\mu\nu\rho\sigma}$ with upper indices and $\epsilon^{0123} = -1$."""
    return -int(sp.LeviCivita(mu, nu, rho, sigma))


def dot_symbol(a: str, b: str) -> sp.Symbol:
    r"""The symbol `P_ab` standing for $p_a\cdot p_b$ (labels sorted, so `P_12` = `P_21`; `P_11` = $p_1^2$)."""
    a, b = sorted((str(a), str(b)))
    return sp.Symbol(f"P_{a}{b}", real=True)


def pairings(items: tuple) -> list[list[tuple]]:
    """All perfect matchings of an even-length tuple of positions."""
    if not items:
        return [[]]
    first, rest = items[0], items[1:]
    out = []
    for k, partner in enumerate(rest):
        for sub in pairings(rest[:k] + rest[k + 1:]):
            out.append([(first, partner)] + sub)
    return out


def _random_vector(rnd: random.Random) -> tuple[int, ...]:
    return tuple(rnd.randint(-9, 9) for _ in range(4))


@cache
def _numeric_gammas():
    import numpy as np

    return [np.array(g.tolist(), dtype=complex) for g in gammas("dirac")]


def integer_trace(vectors, with_gamma5: bool = False) -> sp.Expr:
    r"""Exact $\mathrm{tr}[\not p_1\cdots\not p_n(\gamma^5)]$ for integer vectors, with explicit Dirac matrices.

    The matrix entries stay Gaussian integers far below $2^{53}$, so complex floating point is exact here;
    the result is rounded and range-checked, and returned as an exact sympy number.
    """
    import numpy as np

    g = _numeric_gammas()
    out = np.eye(4, dtype=complex)
    for p in vectors:
        if any(int(x) != x for x in p):
            raise ValueError("integer_trace needs integer components")
        p = [int(x) for x in p]  # sympy Integers would turn the numpy arrays into slow object arrays
        out = out @ (g[0] * p[0] - g[1] * p[1] - g[2] * p[2] - g[3] * p[3])
    if with_gamma5:
        out = out @ (1j * g[0] @ g[1] @ g[2] @ g[3])
    tr = complex(np.trace(out))
    if max(abs(tr.real), abs(tr.imag)) > 2**50:
        raise ArithmeticError("numeric trace out of exact range")
    re, im = round(tr.real), round(tr.imag)
    if abs(tr.real - re) > 1e-6 or abs(tr.imag - im) > 1e-6:
        raise ArithmeticError("numeric trace is not a Gaussian integer")
    return sp.Integer(re) + sp.I * sp.Integer(im)


def _numeric_trace(vectors) -> int:
    value = integer_trace(vectors)
    if not value.is_integer:
        raise ArithmeticError("trace of slashed real vectors must be real")
    return int(value)


def _index_trace(items, vecs) -> int:
    """Trace with explicit matrices of a product of slashed integer vectors and contracted gamma^mu."""
    import numpy as np

    g = _numeric_gammas()
    names = sorted({x.name for x in items if isinstance(x, Idx)})
    total = 0
    for values in itertools.product(range(4), repeat=len(names)):
        assign = dict(zip(names, values, strict=False))
        out = np.eye(4, dtype=complex)
        sign, seen = 1, set()
        for x in items:
            if isinstance(x, Idx):
                mu = assign[x.name]
                if x.name in seen and mu:  # second occurrence carries the lower index: gamma_mu = g_mumu gamma^mu
                    sign = -sign
                seen.add(x.name)
                out = out @ g[mu]
            else:
                p = vecs[x]
                out = out @ (g[0] * p[0] - g[1] * p[1] - g[2] * p[2] - g[3] * p[3])
        total += sign * complex(np.trace(out))
    if abs(total.imag) > 1e-6 or abs(total.real - round(total.real)) > 1e-6:
        raise ArithmeticError("trace is not an integer")
    return int(round(total.real))


@lru_cache(maxsize=512)
def trace_in_dot_products(labels: tuple) -> sp.Expr:
    r"""$\mathrm{tr}[\cdots]$ of slashed vectors (str labels) and contracted $\gamma^\mu\ldots\gamma_\mu$ (`Idx`, each
    name exactly twice), in four dimensions, as a polynomial in `P_ab` = $p_a\cdot p_b$.

    Computed with explicit 4x4 Dirac matrices (indices summed explicitly with the metric): the trace is a
    Lorentz-invariant polynomial, hence a linear combination of the pairing monomials
    $\prod (p_a\cdot p_b)$ of the vectors; its coefficients are found exactly by evaluating the matrix trace
    at integer momenta (more sample points than unknowns; an inconsistent or underdetermined fit raises).
    """
    n = len(labels)
    if n % 2:
        return sp.Integer(0)
    positions = tuple(i for i, x in enumerate(labels) if not isinstance(x, Idx))
    counts: dict = {}
    for x in labels:
        if isinstance(x, Idx):
            counts[x] = counts.get(x, 0) + 1
    if any(c != 2 for c in counts.values()):
        raise ValueError(f"every index must appear exactly twice in {labels}")
    keyed = {}
    for pm in pairings(positions):
        key = tuple(sorted(tuple(sorted((labels[i], labels[j]))) for i, j in pm))
        keyed[key] = None
    monomials = sorted(keyed)
    distinct = sorted({x for x in labels if not isinstance(x, Idx)})
    rnd = random.Random(f"trace/{labels}")
    rows, rhs = [], []
    for _ in range(len(monomials) + 4):
        vecs = {lab: _random_vector(rnd) for lab in distinct}
        if counts:
            rhs.append(_index_trace(labels, vecs))
        else:
            rhs.append(_numeric_trace([vecs[lab] for lab in labels]))
        row = []
        for mono in monomials:
            v = 1
            for a, b in mono:
                v *= dot(vecs[a], vecs[b])
            row.append(v)
        rows.append(row)
    sol = sp.Matrix(rows).gauss_jordan_solve(sp.Matrix(rhs))[0]
    if sol.free_symbols:
        raise ArithmeticError(f"trace fit of {labels} is underdetermined")
    return sp.expand(sum(c * sp.Mul(*[dot_symbol(a, b) for a, b in mono]) for c, mono in zip(sol, monomials, strict=False)))


# --------------------------------------------------------------------------------------------------
# Abstract d-dimensional Clifford algebra
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Idx:
    r"""A Lorentz index on $\gamma^\mu$; two equal `Idx` in a word are contracted."""

    name: str


@dataclass(frozen=True, order=True)
class Vec:
    r"""A slashed vector $\not a$ in a word."""

    name: str


def _metric(a, b):
    """g(a, b) for two items that are not both indices of the same pair: a dot product symbol or None."""
    if isinstance(a, Vec) and isinstance(b, Vec):
        return dot_symbol(a.name, b.name)
    return None


def _add(acc: dict, word: tuple, coeff) -> None:
    acc[word] = sp.expand(acc.get(word, 0) + coeff)
    if acc[word] == 0:
        del acc[word]


@lru_cache(maxsize=4096)
def _contract_word(word: tuple, only: Idx | None = None) -> tuple[tuple[tuple, sp.Expr], ...]:
    # find the first contracted index (leftmost second occurrence)
    seen: dict[Idx, int] = {}
    for j, item in enumerate(word):
        if isinstance(item, Idx) and (only is None or item == only):
            if item in seen:
                i = seen[item]
                break
            seen[item] = j
    else:
        return ((word, sp.Integer(1)),)
    acc: dict = {}
    if j == i + 1:  # gamma^mu gamma_mu = d
        for w, c in _contract_word(word[:i] + word[j + 1:], only):
            _add(acc, w, D * c)
        return tuple(acc.items())
    a, mu = word[j - 1], word[j]
    # a gamma_mu = 2 g(a, mu) - gamma_mu a
    # metric term: g(a, mu) turns the other gamma^mu (at position i) into a (vector or index)
    reduced = word[:i] + (a,) + word[i + 1:j - 1] + word[j + 1:]
    for w, c in _contract_word(reduced, only):
        _add(acc, w, 2 * c)
    swapped = word[:j - 1] + (mu, a) + word[j + 1:]
    for w, c in _contract_word(swapped, only):
        _add(acc, w, -c)
    return tuple(acc.items())


def contract(word: tuple, only: Idx | None = None, factored: bool = True) -> dict[tuple, sp.Expr]:
    r"""Remove all repeated indices of a gamma word in $d$ dimensions.

    Returns {reduced word: coefficient}; coefficients are polynomials in `d` (and in `P_ab` when a
    contraction turns $\gamma^\mu \ldots \gamma_\mu$ into vectors). Uses only
    $\{\gamma^\mu,\gamma^\nu\} = 2g^{\mu\nu}$ and $\gamma^\mu\gamma_\mu = d$. With `only`, just that
    index pair is removed, for step-by-step output. `factored=False` skips factoring the coefficients
    (expanded polynomials; factoring dominates the cost of long words).
    """
    return {w: (sp.factor(c) if factored else c) for w, c in _contract_word(tuple(word), only)}


@lru_cache(maxsize=4096)
def _trace_vectors(word: tuple) -> sp.Expr:
    n = len(word)
    if n == 0:
        return sp.Integer(4)
    if n % 2:
        return sp.Integer(0)
    first, rest = word[0], word[1:]
    total = sp.Integer(0)
    for k, item in enumerate(rest):
        g = _metric(first, item)
        if g is None:
            raise ValueError(f"word_trace: uncontracted index {item} in {word}")
        total += (-1) ** k * g * _trace_vectors(rest[:k] + rest[k + 1:])
    return sp.expand(total)


def word_trace(word: tuple, dim=D) -> sp.Expr:
    r"""$\mathrm{tr}$ of a gamma word (all indices contracted) with $\mathrm{tr}\,\mathbb 1 = 4$, in `dim` dimensions.

    Indices are contracted first (`contract`); the remaining strings of slashed vectors are traced with
    $\mathrm{tr}[\not a_1\cdots\not a_n] = \sum_k (-1)^k (a_1\cdot a_k)\,\mathrm{tr}[\ldots\hat{a}_k\ldots]$.
    """
    total = sp.Integer(0)
    for w, c in _contract_word(tuple(word)):
        if any(isinstance(x, Idx) for x in w):
            raise ValueError(f"word_trace: free index left in {w}")
        total += c * _trace_vectors(w)
    return sp.expand(total.subs(D, dim))
