r"""Shared group theory for the procedural families: SU(N) representation invariants from characters,
and an O(N) invariant-tensor (Kronecker delta) algebra.

SU(N) invariants are *computed*, not looked up. A representation is stored as its "trace vector"
$\tau_m = \mathrm{Tr}_R(H^m)$, $m = 0..3$, for one fixed Cartan element $H$. For an irrep with Young
diagram $\lambda$ the character is the Schur polynomial, expanded in power sums by the Frobenius formula

$$\mathrm{Tr}_R\, e^{tH} = s_\lambda(e^{t h_1},\dots,e^{t h_N})
  = \sum_{\mu \vdash n} \frac{\chi^\lambda(\mu)}{z_\mu} \prod_j p_{\mu_j}(t),\qquad
  p_k(t) = \sum_i e^{k t h_i} = \sum_m \frac{(kt)^m}{m!} P_m ,$$

with $P_m = \sum_i h_i^m$ and $\chi^\lambda(\mu)$ from the Murnaghan–Nakayama rule. Taking
$H = \mathrm{diag}(1, 1, -2, 0, \dots, 0)$ ($P_0 = N$, $P_1 = 0$, $P_2 = 6$, $P_3 = -6$) keeps $N$ symbolic.
Then, with $\mathrm{Tr}(T^aT^b) = T(R)\delta^{ab}$ and $T(\square) = 1/2$:

* $\dim R = \tau_0$,
* $T(R) = \tfrac12\,\tau_2(R)/\tau_2(\square)$,
* $A(R) = \tau_3(R)/\tau_3(\square)$ (cubic anomaly, $A(\square) = 1$),
* $C_2(R) = T(R)\,(N^2-1)/\dim R$ for an irrep.

Conjugation flips $H \to -H$, tensor products multiply characters and direct sums add them, so the
adjoint is $\square\otimes\bar\square \ominus 1$. References: Slansky, Phys. Rep. 79 (1981) 1;
Fulton & Harris, *Representation Theory*, Lecture 4 (Frobenius formula, Murnaghan–Nakayama).

>>> import sympy as sp
>>> N = sp.Symbol("N", positive=True, integer=True)
>>> sp.factor(dynkin_index(young((2,)), N)), sp.factor(anomaly(young((1, 1)), N))
(N/2 + 1, N - 4)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from math import factorial

import sympy as sp

__all__ = ["Rep", "young", "fundamental", "antifundamental", "adjoint", "singlet", "dimension",
           "dynkin_index", "casimir", "anomaly", "partitions", "mn_character", "REP_NAMES", "named_rep",
           "hook_content_dimension", "young_casimir", "DeltaTensor", "delta_product", "sym_delta4",
           "su_fundamental_generators", "classical_algebra_dimension"]

# Power sums P_m of H = diag(1, 1, -2, 0, ...): valid for N >= 3 (for SU(2), cubic anomalies vanish).
_P = {0: None, 1: 0, 2: 6, 3: -6}
_KMAX = 3


def partitions(n: int) -> list[tuple[int, ...]]:
    """All partitions of n, each a non-increasing tuple."""
    out: list[tuple[int, ...]] = []

    def rec(rest: int, maxpart: int, acc: tuple[int, ...]) -> None:
        if rest == 0:
            out.append(acc)
            return
        for p in range(min(rest, maxpart), 0, -1):
            rec(rest - p, p, acc + (p,))

    rec(n, n, ())
    return out


@cache
def mn_character(shape: tuple[int, ...], cycle: tuple[int, ...]) -> int:
    """Symmetric-group character chi^shape(cycle type) by the Murnaghan–Nakayama rule (beta numbers)."""
    if sum(shape) != sum(cycle):
        raise ValueError(f"shape {shape} and cycle type {cycle} have different sizes")
    if not cycle:
        return 1
    k, rest = cycle[0], cycle[1:]
    n_rows = len(shape)
    beta = [shape[i] + (n_rows - 1 - i) for i in range(n_rows)]  # distinct, decreasing
    total = 0
    bset = set(beta)
    for b in beta:
        nb = b - k
        if nb < 0 or nb in bset:
            continue
        height = sum(1 for c in beta if nb < c < b)
        new_beta = sorted((nb if c == b else c) for c in beta)[::-1]
        new_shape = tuple(new_beta[i] - (n_rows - 1 - i) for i in range(n_rows))
        new_shape = tuple(p for p in new_shape if p > 0)
        total += (-1) ** height * mn_character(new_shape, rest)
    return total


def _z(mu: tuple[int, ...]) -> int:
    z = 1
    for part in set(mu):
        m = mu.count(part)
        z *= part**m * factorial(m)
    return z


def _series_mul(a: tuple, b: tuple) -> tuple:
    """Product of truncated series in t given by coefficients c_m = tau_m / m!."""
    return tuple(sp.expand(sum(a[i] * b[m - i] for i in range(m + 1))) for m in range(_KMAX + 1))


@dataclass(frozen=True)
class Rep:
    """An SU(N) representation as its traces tau_m = Tr_R(H^m), m = 0..3 (sympy expressions in N)."""

    N: sp.Expr
    tau: tuple
    label: str = ""

    def _coeffs(self) -> tuple:
        return tuple(self.tau[m] / factorial(m) for m in range(_KMAX + 1))

    @classmethod
    def _from_coeffs(cls, N, coeffs, label: str) -> Rep:
        return cls(N, tuple(sp.expand(coeffs[m] * factorial(m)) for m in range(_KMAX + 1)), label)

    def conj(self) -> Rep:
        return Rep(self.N, tuple(sp.expand((-1) ** m * self.tau[m]) for m in range(_KMAX + 1)),
                   f"conj({self.label})")

    def __mul__(self, other: Rep) -> Rep:
        return Rep._from_coeffs(self.N, _series_mul(self._coeffs(), other._coeffs()),
                                f"{self.label}x{other.label}")

    def __add__(self, other: Rep) -> Rep:
        return Rep(self.N, tuple(sp.expand(a + b) for a, b in zip(self.tau, other.tau, strict=True)),
                   f"{self.label}+{other.label}")

    def __sub__(self, other: Rep) -> Rep:
        return Rep(self.N, tuple(sp.expand(a - b) for a, b in zip(self.tau, other.tau, strict=True)),
                   f"{self.label}-{other.label}")


@cache
def young(shape: tuple[int, ...], N=sp.Symbol("N", positive=True, integer=True)) -> Rep:
    """The SU(N) irrep with Young diagram `shape` (row lengths), via the Frobenius formula."""
    shape = tuple(p for p in shape if p > 0)
    n = sum(shape)
    P = dict(_P)
    P[0] = N
    # power-sum series p_k(t) = sum_m (k t)^m P_m / m!  (coefficients of t^m)
    coeffs = [sp.Integer(0)] * (_KMAX + 1)
    for mu in partitions(n):
        chi = mn_character(shape, mu)
        if chi == 0:
            continue
        prod = (sp.Integer(1),) + (sp.Integer(0),) * _KMAX
        for k in mu:
            pk = tuple(sp.Integer(k) ** m * P[m] / factorial(m) for m in range(_KMAX + 1))
            prod = _series_mul(prod, pk)
        for m in range(_KMAX + 1):
            coeffs[m] += sp.Rational(chi, _z(mu)) * prod[m]
    if n == 0:
        coeffs = [sp.Integer(1)] + [sp.Integer(0)] * _KMAX
    return Rep._from_coeffs(N, coeffs, f"young{shape}")


def _N(N):
    return sp.Symbol("N", positive=True, integer=True) if N is None else sp.sympify(N)  # trusted: generator-internal values, never model text


def singlet(N=None) -> Rep:
    return young((), _N(N))


def fundamental(N=None) -> Rep:
    return young((1,), _N(N))


def antifundamental(N=None) -> Rep:
    return fundamental(N).conj()


def adjoint(N=None) -> Rep:
    """The adjoint as (fundamental x antifundamental) minus the singlet."""
    return fundamental(N) * antifundamental(N) - singlet(N)


def dimension(rep: Rep) -> sp.Expr:
    return sp.factor(rep.tau[0])


def dynkin_index(rep: Rep, N=None) -> sp.Expr:
    """T(R) with Tr(T^a T^b) = T(R) delta^{ab}, T(fundamental) = 1/2."""
    fund = fundamental(rep.N)
    return sp.factor(sp.Rational(1, 2) * rep.tau[2] / fund.tau[2])


def anomaly(rep: Rep, N=None) -> sp.Expr:
    """Cubic anomaly coefficient A(R), normalised to A(fundamental) = 1 (zero for SU(2))."""
    fund = fundamental(rep.N)
    if rep.N == 2:
        return sp.Integer(0)
    return sp.factor(rep.tau[3] / fund.tau[3])


def casimir(rep: Rep, N=None) -> sp.Expr:
    """Quadratic Casimir C_2(R) = T(R) (N^2 - 1) / dim R of an irrep."""
    return sp.factor(dynkin_index(rep) * (rep.N**2 - 1) / rep.tau[0])


# Named representations used by the families: (label, LaTeX name, constructor from N).
REP_NAMES: dict[str, tuple[str, object]] = {
    "fund": (r"fundamental", fundamental),
    "antifund": (r"antifundamental", antifundamental),
    "adj": (r"adjoint", adjoint),
    "sym2": (r"two-index symmetric", lambda N: young((2,), _N(N))),
    "asym2": (r"two-index antisymmetric", lambda N: young((1, 1), _N(N))),
    "sym3": (r"three-index symmetric", lambda N: young((3,), _N(N))),
    "asym3": (r"three-index antisymmetric", lambda N: young((1, 1, 1), _N(N))),
    "mixed21": (r"mixed-symmetry (Young diagram $(2,1)$)", lambda N: young((2, 1), _N(N))),
}


def named_rep(key: str, N=None) -> Rep:
    if key not in REP_NAMES:
        raise ValueError(f"unknown representation {key!r}; known: {sorted(REP_NAMES)}")
    return REP_NAMES[key][1](_N(N))


# ---- independent closed forms on Young diagrams (used to cross-check; cheap) -----------------------

def _conjugate_shape(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(sum(1 for r in shape if r > j) for j in range(shape[0])) if shape else ()


def hook_content_dimension(shape: tuple[int, ...], N) -> sp.Expr:
    """dim of the SU(N) irrep by the hook-content formula prod (N + c)/h."""
    conj = _conjugate_shape(shape)
    num, den = sp.Integer(1), sp.Integer(1)
    for i, row in enumerate(shape):
        for j in range(row):
            num *= N + j - i
            den *= (row - j - 1) + (conj[j] - i - 1) + 1
    return sp.factor(num / den)


def young_casimir(shape: tuple[int, ...], N) -> sp.Expr:
    """C_2 = (1/2)[n N - n^2/N + sum_i r_i^2 - sum_j c_j^2] (T_F = 1/2)."""
    n = sum(shape)
    conj = _conjugate_shape(shape)
    return sp.factor(sp.Rational(1, 2) * (n * N - sp.Integer(n) ** 2 / N + sum(r * r for r in shape)
                                          - sum(c * c for c in conj)))


# ---- explicit matrices (small numeric N) ---------------------------------------------------------

def su_fundamental_generators(N: int) -> list[sp.Matrix]:
    """Hermitian generators of SU(N) in the fundamental, normalised Tr(T^a T^b) = delta^{ab}/2."""
    gens: list[sp.Matrix] = []
    for i in range(N):
        for j in range(i + 1, N):
            m = sp.zeros(N, N)
            m[i, j] = m[j, i] = sp.Rational(1, 2)
            gens.append(m)
            m = sp.zeros(N, N)
            m[i, j] = -sp.I / 2
            m[j, i] = sp.I / 2
            gens.append(m)
    for k in range(1, N):
        m = sp.zeros(N, N)
        for i in range(k):
            m[i, i] = 1
        m[k, k] = -k
        gens.append(m / sp.sqrt(2 * k * (k + 1)))
    return gens


def classical_algebra_dimension(kind: str, n: int) -> int:
    """Dimension of a compact classical Lie algebra, computed (rank-nullity) as the number of independent
    real n x n matrices X obeying its defining linear constraints: u(n) (X^dagger = -X), su(n) (also
    Tr X = 0), so(n) (X real, X^T = -X), sp(n) for even n (X in u(n) with X^T J + J X = 0)."""
    import numpy as np

    if kind not in ("u", "su", "so", "sp"):
        raise ValueError(f"unknown algebra kind {kind!r}")
    if kind == "sp" and n % 2:
        raise ValueError("sp(n) needs even n")
    basis = []  # a real basis of u(n) (or of real antisymmetric matrices for so(n))
    for i in range(n):
        for j in range(i, n):
            if i < j:
                e = np.zeros((n, n), complex)
                e[i, j], e[j, i] = 1, -1
                basis.append(e)
            if kind != "so":
                e = np.zeros((n, n), complex)
                e[i, j] = e[j, i] = 1j
                basis.append(e)
    images = []
    for x in basis:
        parts = []
        if kind == "su":
            parts.append(np.array([np.trace(x)]))
        if kind == "sp":
            h = n // 2
            jmat = np.zeros((n, n))
            jmat[:h, h:], jmat[h:, :h] = np.eye(h), -np.eye(h)
            parts.append((x.T @ jmat + jmat @ x).ravel())
        vec = np.concatenate(parts) if parts else np.zeros(1)
        images.append(np.concatenate([vec.real, vec.imag]))
    rank = np.linalg.matrix_rank(np.array(images)) if images else 0
    return int(len(basis) - rank)


# ---- O(N) invariant tensors: sums of products of Kronecker deltas ---------------------------------

@dataclass(frozen=True)
class DeltaTensor:
    """sum_k c_k prod delta(pairs_k): terms is a tuple of (coefficient, frozenset of index pairs)."""

    terms: tuple

    def __add__(self, other: DeltaTensor) -> DeltaTensor:
        return DeltaTensor(_collect(self.terms + other.terms))

    def scale(self, c) -> DeltaTensor:
        return DeltaTensor(_collect(tuple((c * k, p) for k, p in self.terms)))

    def rename(self, mapping: dict[str, str]) -> DeltaTensor:
        return DeltaTensor(tuple((c, frozenset(tuple(sorted((mapping.get(a, a), mapping.get(b, b)))) for a, b in p))
                                 for c, p in self.terms))

    def coefficient_of(self, pairs) -> sp.Expr:
        key = frozenset(tuple(sorted(p)) for p in pairs)
        return sp.expand(sum((c for c, p in self.terms if p == key), sp.Integer(0)))


def _collect(terms) -> tuple:
    acc: dict = {}
    for c, p in terms:
        acc[p] = sp.expand(acc.get(p, 0) + c)
    return tuple(sorted(((c, p) for p, c in acc.items() if c != 0), key=lambda t: sorted(t[1])))


def _contract_pairs(pairs: list[tuple[str, str]], dummies: set[str], N) -> tuple[sp.Expr, frozenset]:
    """Contract repeated (dummy) indices of a product of deltas: chains merge, closed loops give N."""
    factor = sp.Integer(1)
    pairs = [tuple(p) for p in pairs]
    changed = True
    while changed:
        changed = False
        for d in dummies:
            hits = [k for k, p in enumerate(pairs) if d in p]
            if not hits:
                continue
            if len(hits) == 1:
                k = hits[0]
                a, b = pairs[k]
                if a == b == d:  # delta_dd
                    factor *= N
                    pairs.pop(k)
                    changed = True
                continue
            k1, k2 = hits[0], hits[1]
            p1, p2 = pairs[k1], pairs[k2]
            o1 = p1[1] if p1[0] == d else p1[0]
            o2 = p2[1] if p2[0] == d else p2[0]
            for k in sorted((k1, k2), reverse=True):
                pairs.pop(k)
            pairs.append((o1, o2))
            changed = True
    return factor, frozenset(tuple(sorted(p)) for p in pairs)


def delta_product(a: DeltaTensor, b: DeltaTensor, dummies, N) -> DeltaTensor:
    """The product a*b summed over the repeated indices `dummies` (O(N) index contraction)."""
    out = []
    dset = set(dummies)
    for ca, pa in a.terms:
        for cb, pb in b.terms:
            f, pairs = _contract_pairs(list(pa) + list(pb), dset, N)
            out.append((ca * cb * f, pairs))
    return DeltaTensor(_collect(tuple(out)))


def sym_delta4(i: str, j: str, k: str, m: str, coeff=1) -> DeltaTensor:
    """coeff * (delta_ij delta_kl + delta_ik delta_jl + delta_il delta_jk)."""
    def pr(x, y):
        return tuple(sorted((x, y)))
    return DeltaTensor(_collect(tuple((sp.sympify(coeff), frozenset({pr(*p), pr(*q)}))  # trusted: generator-internal values, never model text
                                      for p, q in (((i, j), (k, m)), ((i, k), (j, m)), ((i, m), (j, k))))))
