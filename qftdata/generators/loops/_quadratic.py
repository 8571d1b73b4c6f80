r"""Exact one-dimensional Feynman-parameter integrals $\int_0^1 P(x)/Q(x)\,dx$ and $\int_0^1 P(x)\ln Q(x)\,dx$ for a
polynomial $P$ and a quadratic (or linear) $Q$ with rational coefficients, positive on $(0, 1)$ — including
**complex roots**, which is what on-shell and below-threshold Minkowski kinematics give
($\Delta = (1-x)^2m^2 + x\lambda^2$, $\Delta = m^2 - x(1-x)p^2$ with $0 < p^2 < 4m^2$).

Method (standard calculus, written out so that every gold is exact and costs ~1 ms instead of the
0.1-1 s of `sympy.integrate` per numeric instance):

* $P/Q$: divide, $P = SQ + ax + b$; then $\int\frac{ax+b}{Q} = \frac{a}{2q_2}\ln\frac{Q(1)}{Q(0)} + \big(b - \frac{aq_1}{2q_2}\big)J$
  with $J = \int_0^1\frac{dx}{Q}$: for discriminant $\delta = 4q_2q_0 - q_1^2 > 0$,
  $J = \frac{2}{\sqrt\delta}\arctan\frac{\sqrt\delta}{2q_0 + q_1}$ ($+\pi$ when $2q_0 + q_1 < 0$; it is
  $\arctan\frac{2q_2+q_1}{\sqrt\delta} - \arctan\frac{q_1}{\sqrt\delta}$ combined), for $\delta < 0$ the partial
  fractions over the two real roots, for $\delta = 0$ the double pole.
* $P\ln Q$ with $Q > 0$ on $[0, 1]$: by parts with $R' = P$, $R(0) = 0$:
  $\int_0^1 P\ln Q = R(1)\ln Q(1) - \int_0^1 RQ'/Q$. A root at an endpoint goes to the existing
  `loops._feynman.log_moment` (roots split off as surds); a double root to $\ln Q = \ln q_2 + 2\ln|x - c|$.

tests/test_gen_multistep_loops.py checks both against mpmath quadrature.
"""

from __future__ import annotations

import sympy as sp

from qftdata.generators.loops._common import tex as _loops_tex
from qftdata.generators.loops._feynman import log_moment

__all__ = ["X", "coefficients", "log_integral", "poly_integral", "rational_integral", "tex"]

X = sp.Symbol("x", real=True)


def tex(expr) -> str:
    r"""Answer LaTeX: `\ln`, `\gamma_E`, and `\arctan` (the verifier does not read `\operatorname{atan}`)."""
    return _loops_tex(expr).replace(r"\operatorname{atan}", r"\arctan")


def coefficients(expr, var: sp.Symbol = X) -> list[sp.Rational]:
    """Rational coefficients [c_0, c_1, ...] of a polynomial in `var` (ValueError if not polynomial/rational)."""
    poly = sp.Poly(sp.expand(expr), var)
    out = [sp.Rational(c) for c in reversed(poly.all_coeffs())]
    if not all(c.is_Rational for c in out):
        raise ValueError(f"{expr} has non-rational coefficients")
    return out


def poly_integral(p: list) -> sp.Rational:
    r"""$\int_0^1\sum_j p_j x^j\,dx$."""
    return sum((sp.Rational(c) / (j + 1) for j, c in enumerate(p)), sp.Integer(0))


def _quad(q) -> tuple[sp.Rational, sp.Rational, sp.Rational]:
    q2, q1, q0 = (sp.Rational(c) for c in q)
    return q2, q1, q0


def _inverse_quadratic(q2, q1, q0) -> sp.Expr:
    r"""$J = \int_0^1 dx/(q_2x^2 + q_1x + q_0)$, $q_2 \neq 0$, no zero of the denominator in $[0, 1]$."""
    delta = 4 * q2 * q0 - q1**2
    if delta > 0:
        root = sp.sqrt(delta)
        den = 2 * q0 + q1
        angle = sp.pi / 2 if den == 0 else sp.atan(root / den) + (sp.pi if den < 0 else 0)
        return 2 * angle / root
    if delta == 0:  # q2 (x - c)^2
        c = -q1 / (2 * q2)
        if 0 <= c <= 1:
            raise ValueError(f"double root at x = {c} inside [0, 1]")
        return (-1 / (1 - c) - 1 / c) / q2
    root = sp.sqrt(-delta)
    c1, c2 = (-q1 - root) / (2 * q2), (-q1 + root) / (2 * q2)
    for c in (c1, c2):
        if 0 <= float(c) <= 1:
            raise ValueError(f"root x = {float(c)} inside [0, 1]")
    # 1/(q2 (x-c1)(x-c2)) = [1/(x-c1) - 1/(x-c2)] / (q2 (c1 - c2)); the log argument is positive
    ratio = sp.radsimp(((1 - c1) * c2) / (c1 * (1 - c2)))
    ratio = sp.expand(ratio if float(ratio) > 0 else -ratio)
    return sp.log(ratio) / (q2 * (c1 - c2))


def rational_integral(p: list, q) -> sp.Expr:
    r"""$\int_0^1 P(x)/Q(x)\,dx$ with $P = \sum_j p_jx^j$, $Q = q_2x^2 + q_1x + q_0$ free of zeros on $[0, 1]$."""
    q2, q1, q0 = _quad(q)
    num = sp.Poly(list(reversed([sp.Rational(c) for c in p])) or [0], X, domain="QQ")
    den = sp.Poly([q2, q1, q0], X, domain="QQ")
    if den.degree() <= 0:
        return poly_integral(p) / q0
    quo, rem = num.div(den)
    total = poly_integral(list(reversed(quo.all_coeffs())))
    rc = list(reversed(rem.all_coeffs()))
    b = rc[0] if rc else sp.Integer(0)
    a = rc[1] if len(rc) > 1 else sp.Integer(0)
    q_at_1, q_at_0 = q2 + q1 + q0, q0
    if q2 == 0:  # linear Q = q1 x + q0: the remainder is the constant b
        if q_at_1 <= 0 or q_at_0 <= 0:
            raise ValueError("Q must be positive on [0, 1]")
        return total + b / q1 * sp.log(q_at_1 / q_at_0)
    if a:
        total += a / (2 * q2) * sp.log(q_at_1 / q_at_0)
    coeff = b - a * q1 / (2 * q2)
    if coeff:
        total += coeff * _inverse_quadratic(q2, q1, q0)
    return total


def log_integral(p: list, q) -> sp.Expr:
    r"""$\int_0^1 P(x)\ln Q(x)\,dx$, $Q = q_2x^2 + q_1x + q_0 > 0$ on $(0, 1)$ (a root may sit at an endpoint).

    $Q > 0$ on the closed interval: by parts (one surd logarithm or arctangent at most, a compact gold);
    a double root $c$: $\ln Q = \ln q_2 + 2\ln|x - c|$; a simple root at an endpoint: `log_moment`."""
    q2, q1, q0 = _quad(q)
    p = [sp.Rational(c) for c in p]
    disc = q1**2 - 4 * q2 * q0
    if q2 != 0 and disc == 0:
        c = -q1 / (2 * q2)
        if 0 < c < 1 or q2 < 0:
            raise ValueError("Q must be positive on (0, 1)")
        linear = (sp.Integer(1), -c) if c <= 0 else (sp.Integer(-1), c)   # |x - c| as a positive linear function
        return sp.log(q2) * poly_integral(p) + 2 * log_moment(p, 0, *linear)
    if q0 <= 0 or q2 + q1 + q0 <= 0:
        return log_moment(p, q2, q1, q0)
    r = [sp.Integer(0)] + [c / (j + 1) for j, c in enumerate(p)]  # R' = P, R(0) = 0
    r_at_1 = sum(r, sp.Integer(0))
    dq = sp.Poly([2 * q2, q1], X, domain="QQ")
    rq = sp.Poly(list(reversed(r)), X, domain="QQ") * dq
    return r_at_1 * sp.log(q2 + q1 + q0) - rational_integral(list(reversed(rq.all_coeffs())), (q2, q1, q0))
