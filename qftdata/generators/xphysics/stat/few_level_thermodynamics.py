r"""Thermodynamics of a few-level system from its canonical partition function.

$Z = \sum_i g_i e^{-E_i/k_BT}$ is summed explicitly; $U = k_BT^2\,\partial_T\ln Z$, $C = \partial_T U$,
$F = -k_BT\ln Z$, $S = (U - F)/T$. The derivatives are taken through $x = e^{-\epsilon/k_BT}$ (all energies
are multiples of $\epsilon$, so $Z$ is a polynomial in $x$ and $\partial_T = (\epsilon x/k_BT^2)\,\partial_x$):
exact rational-function algebra instead of a general `simplify`.

Levels (docs/generators.md rubric): two non-degenerate levels, $U$ or $F$ (one derivative); two levels with
degeneracies (the entropy and heat capacity need $\ln Z$ and a second derivative); three levels; four
levels with degeneracies (heat capacity and entropy of a multi-level Schottky system). The knob scales the
energy range and the degeneracies.

Cross-checked in the tests against the Schottky two-level formulas (Pathria & Beale, *Statistical
Mechanics*, 3rd ed., §3.9; Kittel & Kroemer ch. 3) and the geometric-sum closed form of an $N$-level ladder.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.stat.few_level_thermodynamics"
epsilon, k_B, T = pos("epsilon k_B T")
_x = sp.Symbol("x", positive=True)  # x = exp(-epsilon/(k_B T))
BOLTZMANN = sp.exp(-epsilon / (k_B * T))

QUANTITIES = {
    "U": "the mean energy $U$ per system",
    "C": "the heat capacity $C$ per system",
    "F": "the Helmholtz free energy $F$ per system",
    "S": "the entropy $S$ per system",
}


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_level: int = 8
    max_degeneracy: int = 5

    def validate(self) -> None:
        if self.max_level < 4 or self.max_degeneracy < 2:
            raise ValueError("need max_level >= 4 and max_degeneracy >= 2")


Levels = tuple[tuple[int, int], ...]  # (n_i, g_i): energy n_i epsilon, degeneracy g_i


def partition_function(levels: Levels) -> sp.Expr:
    """$Z$ for levels ((n_i, g_i), ...) with energies $E_i = n_i\\epsilon$ and degeneracies $g_i$."""
    return sum(g * sp.exp(-n * epsilon / (k_B * T)) for n, g in levels)


def _back(expr: sp.Expr) -> sp.Expr:
    """A rational function of x written back through the Boltzmann factor."""
    return expr.subs(_x, BOLTZMANN)


@lru_cache(maxsize=4096)
def quantity(levels: Levels, which: str) -> sp.Expr:
    Zx = sp.Add(*[g * _x**n for n, g in levels])  # Z as a polynomial in x = e^{-epsilon/k_B T}
    # U = k_B T^2 d(ln Z)/dT and dx/dT = epsilon x/(k_B T^2), so U = epsilon x Z'(x)/Z(x)
    Ux = sp.cancel(epsilon * _x * sp.diff(Zx, _x) / Zx)
    if which == "U":
        return _back(Ux)
    if which == "C":  # C = dU/dT = (dU/dx)(dx/dT)
        return sp.factor(_back(sp.cancel(sp.diff(Ux, _x) * _x)) * epsilon / (k_B * T**2))
    if which == "F":
        return -k_B * T * sp.log(_back(Zx))
    if which == "S":  # S = (U - F)/T = U/T + k_B ln Z
        return _back(Ux) / T + k_B * sp.log(_back(Zx))
    raise ValueError(which)


LEVEL_SETUP = {  # (number of levels, quantities, degeneracies)
    "advanced-undergraduate": (2, ("U", "F"), False),
    "graduate": (2, ("U", "C", "S", "F"), True),
    "advanced-graduate": (3, ("U", "C", "F", "S"), True),
    "postgraduate": (4, ("C", "S", "U"), True),
}


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    u = band_position(d, level)
    n_levels, quantities, degenerate = LEVEL_SETUP[level]
    top, gmax = scale(u, 4, config.max_level), scale(u, 2, config.max_degeneracy)
    while True:
        energies = sorted(rng.sample(range(1, top + 1), n_levels - 1))
        degs = [rng.randint(1, gmax) if degenerate else 1 for _ in range(n_levels)]
        if not degenerate or any(g > 1 for g in degs):  # degenerate levels: the graduate problem differs
            break
    levels = tuple(zip([0, *energies], degs, strict=True))
    which = rng.choice(quantities)
    value = quantity(levels, which)
    rows = ", ".join(f"$E = {tex(n * epsilon)}$ (degeneracy {g})" for n, g in levels)
    problem = (
        f"A system in equilibrium with a heat bath at temperature $T$ has exactly {n_levels} energy levels: {rows}. "
        f"$\\epsilon > 0$ is a fixed energy and $k_{{B}}$ is Boltzmann's constant.\n\n"
        f"{conventions(SI + '.', 'Canonical ensemble; energies measured from the ground level as given.')}\n\n"
        f"Compute {QUANTITIES[which]} as a function of temperature. " + ask_in("it", [epsilon, k_B, T])
    )
    Z = partition_function(levels)
    steps = [
        f"The canonical partition function is $Z = \\sum_i g_i e^{{-E_i/k_B T}} = {tex(Z)}$.",
        r"The mean energy is $U = k_B T^2\,\partial_T \ln Z$" + (
            f" $= {tex(quantity(levels, 'U'))}$." if which != "U" else "."),
    ]
    if which == "C":
        steps.append(r"The heat capacity is $C = \partial U/\partial T$:")
    elif which == "F":
        steps.append(r"The free energy is $F = -k_B T\ln Z$:")
    elif which == "S":
        steps.append(r"With $F = -k_B T \ln Z$, the entropy is $S = (U - F)/T$:")
    else:
        steps.append("Carrying out the derivative:")
    params = {"levels": [list(p) for p in levels], "which": which}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=[epsilon, k_B, T],
                      difficulty=d)


register(Family(
    name=NAME, category="Statistical Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="U, C, F or S of a two- to four-level system with degeneracies, from its partition function.",
    generate=generate, config=Config(), version=2,  # 2: knob, four-level systems, degenerate graduate levels
    reference="Pathria & Beale, Statistical Mechanics, 3rd ed., §3.9 (Schottky two-level system)",
))
