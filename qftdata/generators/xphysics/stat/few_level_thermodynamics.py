r"""Thermodynamics of a few-level system from its canonical partition function.

$Z = \sum_i g_i e^{-E_i/k_BT}$ is summed explicitly; $U = k_BT^2\,\partial_T\ln Z$, $C = \partial_T U$,
$F = -k_BT\ln Z$, $S = (U - F)/T$. Cross-checked in the tests against the Schottky two-level formulas
(Pathria & Beale, *Statistical Mechanics*, 3rd ed., §3.9; Kittel & Kroemer ch. 3) and the geometric-sum
closed form of an $N$-level ladder.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.stat.few_level_thermodynamics"
epsilon, k_B, T = pos("epsilon k_B T")

QUANTITIES = {
    "U": "the mean energy $U$ per system",
    "C": "the heat capacity $C$ per system",
    "F": "the Helmholtz free energy $F$ per system",
    "S": "the entropy $S$ per system",
}


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_level: int = 4
    max_degeneracy: int = 3


def partition_function(levels: tuple[tuple[int, int], ...]) -> sp.Expr:
    """$Z$ for levels ((n_i, g_i), ...) with energies $E_i = n_i\\epsilon$ and degeneracies $g_i$."""
    return sum(g * sp.exp(-n * epsilon / (k_B * T)) for n, g in levels)


@lru_cache(maxsize=4096)
def quantity(levels: tuple[tuple[int, int], ...], which: str) -> sp.Expr:
    Z = partition_function(levels)
    U = sp.simplify(k_B * T**2 * sp.diff(sp.log(Z), T))
    if which == "U":
        return U
    if which == "C":
        return sp.simplify(sp.diff(U, T))
    if which == "F":
        return -k_B * T * sp.log(Z)
    if which == "S":  # S = (U - F)/T = U/T + k_B ln Z
        return U / T + k_B * sp.log(Z)
    raise ValueError(which)


LEVEL_SETUP = {  # (number of levels, quantities, degeneracies allowed)
    "advanced-undergraduate": (2, ("U", "F"), False),
    "graduate": (2, ("U", "C", "S", "F"), True),
    "advanced-graduate": (3, ("U", "C", "F"), True),
    "postgraduate": (3, ("C", "S"), True),
}


def generate(rng: random.Random, level: str, config: Config):
    n_levels, quantities, degenerate = LEVEL_SETUP[level]
    energies = sorted(rng.sample(range(1, config.max_level + 1), n_levels - 1))
    levels = tuple([(0, rng.randint(1, config.max_degeneracy) if degenerate else 1)]
                   + [(n, rng.randint(1, config.max_degeneracy) if degenerate else 1) for n in energies])
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
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=[epsilon, k_B, T])


register(Family(
    name=NAME, category="Statistical Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="U, C, F or S of a two- or three-level system with degeneracies, from its partition function.",
    generate=generate, config=Config(), version=1,
    reference="Pathria & Beale, Statistical Mechanics, 3rd ed., §3.9 (Schottky two-level system)",
))
