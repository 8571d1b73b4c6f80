"""Arithmetic that never computes an astronomically large number (shared by every front end).

Exact numeric powers beyond MAX_POW_BITS and exponents beyond MAX_EXPONENT stay unevaluated, so
`10^{10^{10}}` or `(x+1)^{100000}` cost nothing to build; `has_huge_power` lets the comparison refuse them.
"""

from __future__ import annotations

import math

import sympy as sp

__all__ = ["MAX_POW_BITS", "MAX_EXPONENT", "safe_pow", "safe_call", "safe_factorial", "has_huge_power", "combine",
           "flat"]

MAX_POW_BITS = 20_000  # an exact numeric power larger than this stays unevaluated.
MAX_EXPONENT = 10_000  # |exponent| above this (symbolic base) marks an answer as absurd.


def _pow_bits(base: sp.Basic, exp: sp.Basic) -> float:
    """Rough size in bits of an exact numeric power (inf if the exponent itself is unevaluated/huge)."""
    if not exp.is_Number:  # e.g. 2^{\sqrt{2}} is harmless; 2^{(2^{65536})} is not
        return math.inf if has_huge_power(exp) else 0.0
    if not base.is_Rational or not exp.is_Rational:
        return 0.0  # floats and irrationals stay small or symbolic
    p, q = abs(int(base.p)), int(base.q)
    if p <= 1 and q == 1:
        return 0.0
    return abs(float(exp)) * max(math.log2(p or 1), math.log2(q), 1.0)


def safe_pow(base: sp.Basic, exp: sp.Basic) -> sp.Basic:
    numeric_base = base.is_Number or (isinstance(base, sp.Pow) and not base.free_symbols)
    if numeric_base and (exp.is_Number or not exp.free_symbols) and _pow_bits(base, exp) > MAX_POW_BITS:
        return sp.Pow(base, exp, evaluate=False)
    if not exp.is_Number and not exp.free_symbols and has_huge_power(exp):
        return sp.Pow(base, exp, evaluate=False)
    if exp.is_Number and abs(exp) > MAX_EXPONENT:
        return sp.Pow(base, exp, evaluate=False)
    return sp.Pow(base, exp)


def has_huge_power(expr: sp.Basic) -> bool:
    """True if `expr` holds a power kept unevaluated for its size (or an exponent beyond MAX_EXPONENT)."""
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Pow):
            b, e = node.args
            if e.is_Number and abs(e) > MAX_EXPONENT:
                return True
            if not e.is_Number and not e.free_symbols and isinstance(e, sp.Pow) and has_huge_power(e):
                return True
            if (b.is_Number or not b.free_symbols) and not e.free_symbols and _pow_bits(b, e) > MAX_POW_BITS:
                return True
    return False


def safe_call(func, *args: sp.Basic) -> sp.Basic:
    """func(*args), left unevaluated when an argument holds a huge power (sqrt(10^(10^10)) would otherwise
    be simplified into a power sympy then computes)."""
    if func is sp.sqrt:
        return safe_pow(args[0], sp.Rational(1, 2)) if len(args) == 1 else func(*args)
    if any(has_huge_power(a) for a in args if isinstance(a, sp.Basic)):
        try:
            return func(*args, evaluate=False)
        except TypeError:
            raise ValueError("a function of an absurdly large number") from None
    return func(*args)


def safe_factorial(arg: sp.Basic) -> sp.Basic:
    if arg.is_Integer and arg > 1000:
        return sp.factorial(arg, evaluate=False)
    return sp.factorial(arg)


def combine(op: str, a: sp.Basic, b: sp.Basic) -> sp.Basic:
    """a op b for op in + - * / ^; kept inert when either side holds a huge power (so sympy never cancels or
    multiplies out giant numbers). Matrices take part only in products, quotients by a scalar and sums of
    matrices (`\\frac{1}{\\sqrt2}\\begin{pmatrix}1\\\\1\\end{pmatrix}`)."""
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        return _matrix_op(op, a, b)
    if op == "^":
        return safe_pow(a, b)
    inert = has_huge_power(a) or has_huge_power(b)
    if op == "+":
        return sp.Add(a, b, evaluate=not inert)
    if op == "-":
        return sp.Add(a, sp.Mul(-1, b, evaluate=not inert), evaluate=not inert)
    if op == "*":
        return sp.Mul(a, b, evaluate=not inert)
    if op == "/":
        return sp.Mul(a, sp.Pow(b, -1, evaluate=not inert), evaluate=not inert)
    raise ValueError(f"unknown operator {op!r}")


def flat(op: str, parts: list[sp.Basic]) -> sp.Basic:
    """The sum ("+") or product ("*") of many parts at once (sympy flattens one Add, not n nested ones);
    pairwise through `combine` when a matrix or a huge power is involved."""
    if len(parts) == 1:
        return parts[0]
    if any(isinstance(p, sp.MatrixBase) or has_huge_power(p) for p in parts):
        value = parts[0]
        for p in parts[1:]:
            value = combine(op, value, p)
        return value
    return sp.Add(*parts) if op == "+" else sp.Mul(*parts)


def _matrix_op(op: str, a, b):
    both = isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase)
    if op == "*":
        return sp.ImmutableMatrix(a * b)
    if op == "/" and not isinstance(b, sp.MatrixBase):
        return sp.ImmutableMatrix(a / b)
    if op in "+-" and both and a.shape == b.shape:
        return sp.ImmutableMatrix(a + b if op == "+" else a - b)
    raise ValueError(f"matrix {op} is not supported in an answer")
