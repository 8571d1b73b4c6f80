r"""Feynman-parameter integrals $\int_0^1 w(x)\ln Q(x)\,dx$ in closed form, for a polynomial weight $w$ and a
linear or quadratic $Q$ with rational coefficients that is positive on $[0, 1]$ with real roots outside $(0, 1)$
(Euclidean kinematics: $\Delta = x m_1^2 + (1-x) m_2^2 + x(1-x) p_E^2$, spacelike vacuum polarisation).

Method: $Q = q_2 (x - c_1)(x - c_2)$, so $\ln Q = \ln|q_2| + \sum_i \ln|x - c_i|$, and by parts
$\int_0^1 x^j\ln|x-c|\,dx = \frac{\ln|1-c|}{j+1} - \frac{1}{j+1}\Big[\sum_{i=0}^{j}\frac{c^{j-i}}{i+1}
 + c^{j+1}\big(\ln|1-c| - \ln|c|\big)\Big]$ (from $x^{j+1} = (x-c)\sum_i c^{j-i}x^i + c^{j+1}$).
The roots lie in $\mathbb Q(\sqrt D)$, so the arithmetic is done exactly on pairs $a + b\sqrt D$ of fractions and
sympy only assembles the result. Written by hand because `sympy.integrate` (or even `sympy.expand` on the
surds) takes 0.1-1 s per new parameter value, while this is exact and takes well under a millisecond;
`tests/test_gen_loops.py` checks it against mpmath quadrature.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp


@dataclass(frozen=True)
class Surd:
    """a + b sqrt(D) with rational a, b and a fixed square-free-ish integer D >= 1."""

    a: Fraction
    b: Fraction
    D: int

    def __add__(self, other: Surd) -> Surd:
        return Surd(self.a + other.a, self.b + other.b, self.D)

    def __sub__(self, other: Surd) -> Surd:
        return Surd(self.a - other.a, self.b - other.b, self.D)

    def __mul__(self, other: Surd) -> Surd:
        return Surd(self.a * other.a + self.b * other.b * self.D, self.a * other.b + self.b * other.a, self.D)

    def scale(self, q: Fraction) -> Surd:
        return Surd(self.a * q, self.b * q, self.D)

    def __float__(self) -> float:
        return float(self.a) + float(self.b) * math.sqrt(self.D)

    def abs(self) -> Surd:
        return self if float(self) > 0 else self.scale(Fraction(-1))

    def sympy(self) -> sp.Expr:
        return sp.Rational(self.a.numerator, self.a.denominator) + sp.Rational(
            self.b.numerator, self.b.denominator) * sp.sqrt(self.D)

    @classmethod
    def rational(cls, q, D: int) -> Surd:
        return cls(Fraction(q), Fraction(0), D)


def _frac(q) -> Fraction:
    q = sp.Rational(q)
    return Fraction(int(q.p), int(q.q))


def roots_outside(q2, q1, q0) -> tuple[Fraction, list[Surd]]:
    """(leading factor, real roots as surds) of q2 x^2 + q1 x + q0, which must be positive on [0, 1]."""
    q2, q1, q0 = _frac(q2), _frac(q1), _frac(q0)
    if q2 == 0:
        return (q0, []) if q1 == 0 else (q1, [Surd.rational(-q0 / q1, 1)])
    disc = q1**2 - 4 * q2 * q0
    if disc < 0:
        raise ValueError("complex roots: Q has no real factorisation (Minkowski kinematics below threshold)")
    # sqrt(disc) = sqrt(n/d) = sqrt(n d)/d; pull out the largest square so D is square-free
    n, d = disc.numerator * disc.denominator, disc.denominator
    sq = 1
    for k in range(2, int(math.isqrt(n)) + 1):
        while n % (k * k) == 0:
            n //= k * k
            sq *= k
    b = Fraction(sq, d) / (2 * q2)
    cs = [Surd(-q1 / (2 * q2), -b, n), Surd(-q1 / (2 * q2), b, n)]
    if n == 1:
        cs = [Surd.rational(c.a + c.b, 1) for c in cs]
    for c in cs:
        if 0 < float(c) < 1:
            raise ValueError(f"Q vanishes inside (0, 1) at x = {float(c)}")
    return q2, cs


def _x_power_log(j: int, c: Surd, logs: dict[Surd, Surd]) -> Surd:
    r"""Add the log terms of $\int_0^1 x^j\ln|x-c|\,dx$ to `logs` (argument -> coefficient); return the rest."""
    one, zero = Surd.rational(1, c.D), Surd.rational(0, c.D)
    if c == zero:
        return Surd.rational(Fraction(-1, (j + 1) ** 2), c.D)
    if c == one:
        return Surd.rational(-sum(Fraction(1, i) for i in range(1, j + 2)) / (j + 1), c.D)
    powers = [one]
    for _ in range(j + 1):
        powers.append(powers[-1] * c)
    poly = zero
    for i in range(j + 1):
        poly = poly + powers[j - i].scale(Fraction(1, i + 1))
    inv = Fraction(1, j + 1)
    l1, l0 = (one - c).abs(), c.abs()
    logs[l1] = logs.get(l1, zero) + (one - powers[j + 1]).scale(inv)
    logs[l0] = logs.get(l0, zero) + powers[j + 1].scale(inv)
    return poly.scale(-inv)


def log_moment(weight: list, q2, q1, q0) -> sp.Expr:
    r"""$\int_0^1 w(x)\ln Q(x)\,dx$ with $w = \sum_j$ `weight[j]` $x^j$ and $Q = q_2x^2 + q_1x + q_0 > 0$ on $[0,1]$."""
    lead, cs = roots_outside(q2, q1, q0)
    D = cs[0].D if cs else 1
    logs: dict[Surd, Surd] = {}
    const = Surd.rational(0, D)
    lead_arg = Surd.rational(abs(lead), D)
    for j, wj in enumerate(weight):
        wj = _frac(wj)
        if wj == 0:
            continue
        part_logs: dict[Surd, Surd] = {lead_arg: Surd.rational(Fraction(1, j + 1), D)}
        part = Surd.rational(0, D)
        for c in cs:
            part = part + _x_power_log(j, c, part_logs)
        const = const + part.scale(wj)
        for arg, coeff in part_logs.items():
            logs[arg] = logs.get(arg, Surd.rational(0, D)) + coeff.scale(wj)
    total = const.sympy()
    for arg, coeff in logs.items():
        if coeff.a or coeff.b:
            total += coeff.sympy() * sp.log(arg.sympy())
    return total


def inverse_moment(weight: list, q1, q0) -> sp.Expr:
    r"""$\int_0^1 w(x)\,dx/(q_1x + q_0)$ for a linear denominator with no zero in $[0, 1]$: dividing
    $x^i$ by $x - c$ ($c = -q_0/q_1$) leaves $\sum_{k<i} c^{i-1-k}x^k + c^i/(x - c)$, whose integral is
    $\sum_{k<i} \frac{c^{i-1-k}}{k+1} + c^i\ln\frac{|1-c|}{|c|}$."""
    q1, q0 = _frac(q1), _frac(q0)
    if q1 == 0:
        return sum((sp.Rational(_frac(w) / (j + 1) / q0) for j, w in enumerate(weight)), sp.Integer(0))
    c = -q0 / q1
    if 0 <= c <= 1:
        raise ValueError(f"the denominator vanishes at x = {c} in [0, 1]")
    rational, log_coeff = Fraction(0), Fraction(0)
    for i, w in enumerate(weight):
        w = _frac(w)
        rational += w * sum((c ** (i - 1 - k) / (k + 1) for k in range(i)), Fraction(0))
        log_coeff += w * c**i
    as_sp = lambda q: sp.Rational(q.numerator, q.denominator)  # noqa: E731
    return (as_sp(rational) + as_sp(log_coeff) * sp.log(as_sp(abs(1 - c) / abs(c)))) / as_sp(q1)
