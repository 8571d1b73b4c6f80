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


def band_position(d: float, level: str) -> float:
    """Where the knob value `d` sits inside `level`'s band, in [0, 1] (clipped: a value set for a level the
    family lacks saturates at the band edge). Families pick the *kind* of problem from the level (the rubric)
    and scale its size with this position, so the knob moves problems continuously within and across levels."""
    from qftdata.generators.base import LEVEL_BANDS

    lo, hi = LEVEL_BANDS[level]
    return min(1.0, max(0.0, (d - lo) / (hi - lo)))


def sized(d: float, level: str, lo: int, hi: int) -> int:
    """An integer size in [lo, hi] growing with `d`'s position inside `level`'s band."""
    from qftdata.generators.base import scale

    return scale(band_position(d, level), lo, hi)


def knob_pick(rng: random.Random, d: float, level: str, options, spread: int = 1):
    """One of `options` (ordered easy -> hard) near `d`'s position in the band: the knob shifts the mix
    continuously, and `spread` neighbours either side keep some variety at a fixed knob value."""
    centre = sized(d, level, 0, len(options) - 1)
    return options[rng.randint(max(0, centre - spread), min(len(options) - 1, centre + spread))]


def small_rationals(max_num: int, max_den: int) -> tuple[sp.Rational, ...]:
    """Distinct positive rationals p/q (p <= max_num, q <= max_den), sorted: a value pool that grows with the knob."""
    return tuple(sorted({sp.Rational(p, q) for p in range(1, max_num + 1) for q in range(1, max_den + 1)}))
