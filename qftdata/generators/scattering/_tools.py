"""Small shared helpers of the scattering, decay, fermion and amplitude families (private module).

`tex` prints an answer as canonical LaTeX the verifier parses back (natural log as `\\ln`, since a bare
`\\log` is read as base 10 by some parsers); `kallen` and `two_body_momentum` are the kinematics of
PDG "Kinematics" review eq. (49.17)-(49.20); `lorentz_invariant_phase_space` is the two-body factor.
"""

from __future__ import annotations

import random

import sympy as sp

s, t, u = sp.symbols("s t u", real=True)
alpha, e, g, lam = sp.symbols("alpha e g lambda", positive=True)
m, M = sp.symbols("m M", positive=True)
cos_theta = sp.Symbol("c", real=True)  # integration variable cos(theta)


def tex(expr) -> str:
    """Canonical LaTeX of an answer: sympy.latex with `\\log` printed as `\\ln`."""
    return sp.latex(expr).replace("\\log", "\\ln")


def kallen(a, b, c):
    """Källén function lambda(a, b, c) = a^2 + b^2 + c^2 - 2ab - 2bc - 2ca."""
    return a**2 + b**2 + c**2 - 2 * a * b - 2 * b * c - 2 * c * a


def two_body_momentum(mass, m1, m2):
    """|p| of either daughter in the rest frame of `mass` decaying to masses m1, m2."""
    return sp.sqrt(kallen(mass**2, m1**2, m2**2)) / (2 * mass)


def cm_momentum(sqrt_s, m1, m2):
    """|p| in the centre-of-mass frame of two particles of masses m1, m2 at energy sqrt(s)."""
    return sp.sqrt(kallen(sqrt_s**2, m1**2, m2**2)) / (2 * sqrt_s)


def pick(rng: random.Random, options):
    """rng.choice on a sequence that keeps its order (deterministic across runs)."""
    return options[rng.randrange(len(options))]


def frac_tex(q) -> str:
    """A rational number as inline LaTeX (`-\\frac{1}{3}`)."""
    return sp.latex(sp.Rational(q))
