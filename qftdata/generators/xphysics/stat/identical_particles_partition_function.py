r"""Canonical partition function of a few identical particles on an equally spaced ladder of levels.

The $N$-particle states are enumerated explicitly (occupation numbers for bosons, with at most $g$ per level
for fermions of spin degeneracy $g$; ordered tuples for distinguishable particles) and
$Z_N = \sum e^{-E/k_BT}$ is summed. Cross-checked in the tests against the generating-function identity
$Z_N = [z^N]\prod_k(1 \pm z x^k)^{\pm g}$ (Pathria & Beale, *Statistical Mechanics*, 3rd ed., §6.1) and the
Gaussian-binomial closed form (Andrews, *The Theory of Partitions*, Thm 3.1).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.stat.identical_particles_partition_function"
epsilon, k_B, T = pos("epsilon k_B T")
STATS = {"boson": "identical spinless bosons", "fermion": "identical fermions",
         "distinguishable": "distinguishable particles"}


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


@lru_cache(maxsize=1024)
def microstates(stat: str, N: int, M: int, g: int) -> tuple[int, ...]:
    """Total energies (in units of epsilon) of all N-particle states; levels k = 0..M-1, degeneracy g."""
    orbitals = [k for k in range(M) for _ in range(g)]  # one entry per single-particle state
    if stat == "distinguishable":
        combos = itertools.product(orbitals, repeat=N)
        return tuple(sum(c) for c in combos)
    idx = range(len(orbitals))
    combos = (itertools.combinations(idx, N) if stat == "fermion"
              else itertools.combinations_with_replacement(idx, N))
    return tuple(sum(orbitals[i] for i in c) for c in combos)


@lru_cache(maxsize=1024)
def partition_function(stat: str, N: int, M: int, g: int) -> sp.Expr:
    x = sp.exp(-epsilon / (k_B * T))
    return sp.Add(*[x**E for E in microstates(stat, N, M, g)])


@lru_cache(maxsize=1024)
def mean_energy(stat: str, N: int, M: int, g: int) -> sp.Expr:
    Z = partition_function(stat, N, M, g)
    return sp.simplify(k_B * T**2 * sp.diff(Z, T) / Z)


def generate(rng: random.Random, level: str, config: Config):
    if level == "advanced-undergraduate":
        stat, N, M, g, which = rng.choice(["boson", "fermion", "distinguishable"]), 2, rng.randint(2, 3), 1, "Z"
    elif level == "graduate":
        stat, N, M, g, which = rng.choice(["boson", "fermion"]), rng.randint(2, 3), rng.randint(3, 5), 1, "Z"
    elif level == "advanced-graduate":
        stat, N, M, g = rng.choice(["boson", "fermion"]), rng.randint(2, 4), rng.randint(3, 5), rng.choice([1, 2])
        which = "Z"
    else:
        stat, N, M, g = rng.choice(["boson", "fermion"]), rng.randint(2, 3), rng.randint(2, 4), rng.choice([1, 2])
        which = "U"
    if stat == "fermion" and g * M <= N:  # keep at least one empty state (a full ladder has Z = one term)
        M = N // g + 1
    who = STATS[stat]
    if stat == "fermion":
        who = "identical spin-1/2 fermions" if g == 2 else "identical spin-polarised (spinless) fermions"
    elif g == 2:
        who = "identical bosons with a two-fold internal degeneracy (two states per level)"
    problem = (
        f"{N} non-interacting {who} occupy a single-particle spectrum of {M} equally spaced levels "
        f"$\\varepsilon_k = k\\epsilon$, $k = {', '.join(str(k) for k in range(M))}$"
        + (", each level holding two single-particle states (spin up and down)" if g == 2 and stat == "fermion" else "")
        + f". The system is in equilibrium at temperature $T$; $\\epsilon > 0$ is an energy and $k_{{B}}$ Boltzmann's "
        f"constant.\n\n{conventions(SI + '.', 'Canonical ensemble with the particle number fixed; no Gibbs 1/N! factor: states are counted exactly by the given statistics.')}\n\n"
        + ("Compute the canonical partition function $Z_N$. " if which == "Z"
           else "Compute the mean energy $U$ of the system. ")
        + ask_in("it", [epsilon, k_B, T])
    )
    energies = microstates(stat, N, M, g)
    counts = sorted({E: energies.count(E) for E in energies}.items())
    table = ", ".join(f"$E = {E}\\epsilon$: {c}" for E, c in counts)
    Z = partition_function(stat, N, M, g)
    rule = {"boson": "occupation numbers $n_k \\ge 0$ with $\\sum n_k = N$",
            "fermion": "occupation numbers $n_{k\\sigma} \\in \\{0, 1\\}$ with $\\sum n = N$ (Pauli principle)",
            "distinguishable": "an independent level for each particle"}[stat]
    steps = [f"Enumerate the {N}-particle states by {rule}; total energy $E = \\sum_k n_k\\,k\\epsilon$.",
             f"Counting states by total energy: {table}.",
             f"Hence $Z_N = \\sum_{{\\rm states}} e^{{-E/k_BT}} = {tex(Z)}$" + ("." if which == "U" else ":")]
    if which == "U":
        steps.append(r"The mean energy is $U = k_B T^2\,\partial_T\ln Z_N$:")
        value = mean_energy(stat, N, M, g)
    else:
        value = Z
    params = {"stat": stat, "N": N, "M": M, "g": g, "which": which}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=[epsilon, k_B, T])


register(Family(
    name=NAME, category="Statistical Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Z_N or U of a few bosons/fermions/distinguishable particles on a finite ladder, by enumeration.",
    generate=generate, config=Config(), version=1,
    reference="Pathria & Beale, Statistical Mechanics, 3rd ed., §6.1; Andrews, The Theory of Partitions, Thm 3.1",
))
