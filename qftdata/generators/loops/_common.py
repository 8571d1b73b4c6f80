"""Helpers shared by the loop/RG/group/SSB/thermal/EFT families: answer LaTeX and convention sentences.

Answers are printed with `\\ln` (the parser reads a bare `\\log` as base 10) and `\\gamma_E` for the
Euler–Mascheroni constant, as CONVENTIONS.md spells them.
"""

from __future__ import annotations

import random

import sympy as sp
from sympy.printing.latex import LatexPrinter

BETA = r"The beta function is $\beta(g) = \mu\, dg/d\mu$."
GROUP = (r"Group generators are normalised as $\mathrm{Tr}(T^aT^b) = T(R)\,\delta^{ab}$ with "
         r"$T(\text{fundamental}) = \tfrac12$, so that for $SU(N)$ $C_2(\text{adjoint}) = N$.")
B0_CONV = (r"Write the one-loop gauge beta function as $\beta(g) = -\frac{g^3}{16\pi^2} b_0$, so that "
           r"$b_0 > 0$ means asymptotic freedom.")
EUCLID = r"Momenta in the integral are Euclidean, $k^2 = k_1^2 + \dots + k_d^2 \ge 0$."


class _Printer(LatexPrinter):
    def _print_EulerGamma(self, expr):  # noqa: N802 - sympy printer hook
        return r"\gamma_E"


def tex(expr) -> str:
    """Canonical answer LaTeX: sympy.latex with natural logs written `\\ln` and gamma_E spelled out."""
    return _Printer({"ln_notation": True}).doprint(sp.sympify(expr))  # trusted: generator-internal values, never model text


def pick(rng: random.Random, seq):
    """rng.choice over a sequence (kept explicit so draws are reproducible across Python versions)."""
    return seq[rng.randrange(len(seq))]


def level_index(level: str, levels: tuple[str, ...]) -> int:
    return levels.index(level)
