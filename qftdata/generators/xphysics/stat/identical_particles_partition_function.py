r"""Canonical partition function of a few identical particles on a small single-particle spectrum.

The $N$-particle states are enumerated explicitly (occupation numbers for bosons, with at most $g$ per level
for fermions of spin degeneracy $g$; ordered tuples for distinguishable particles) and
$Z_N = \sum e^{-E/k_BT}$ is summed as a polynomial in $x = e^{-\epsilon/k_BT}$ (every energy is a multiple of
$\epsilon$); the mean energy $U = k_BT^2\,\partial_T\ln Z_N = \epsilon\,x Z_N'(x)/Z_N(x)$ follows by the chain rule.

Levels (docs/generators.md rubric): two particles of any statistics (count the states); three identical
bosons or fermions; spin-degenerate particles (two states per level) and up to four particles; the mean
energy of such a system (enumeration, then a logarithmic derivative). The single-particle energies are
drawn, not only equally spaced; the knob scales the spectrum.

Cross-checked in the tests against the generating-function identity $Z_N = [z^N]\prod_k(1 \pm z x^{n_k})^{\pm g}$
(Pathria & Beale, *Statistical Mechanics*, 3rd ed., §6.1) and, for an equally spaced ladder, the
Gaussian-binomial closed form (Andrews, *The Theory of Partitions*, Thm 3.1).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.stat.identical_particles_partition_function"
epsilon, k_B, T = pos("epsilon k_B T")
_x = sp.Symbol("x", positive=True)  # x = exp(-epsilon/(k_B T))
STATS = {"boson": "identical spinless bosons", "fermion": "identical fermions",
         "distinguishable": "distinguishable particles"}


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_energy: int = 9

    def validate(self) -> None:
        if self.max_energy < 4:
            raise ValueError("max_energy must be >= 4")


Spectrum = tuple[int, ...]  # single-particle energies in units of epsilon, the lowest 0


@lru_cache(maxsize=4096)
def microstates(stat: str, N: int, spectrum: Spectrum, g: int) -> tuple[int, ...]:
    """Total energies (in units of epsilon) of all N-particle states; each level of `spectrum` holds g states."""
    orbitals = [e for e in spectrum for _ in range(g)]  # one entry per single-particle state
    if stat == "distinguishable":
        return tuple(sum(c) for c in itertools.product(orbitals, repeat=N))
    idx = range(len(orbitals))
    combos = (itertools.combinations(idx, N) if stat == "fermion"
              else itertools.combinations_with_replacement(idx, N))
    return tuple(sum(orbitals[i] for i in c) for c in combos)


def _ladder(M: int) -> Spectrum:
    return tuple(range(M))


@lru_cache(maxsize=4096)
def z_polynomial(stat: str, N: int, spectrum: Spectrum, g: int) -> sp.Expr:
    """Z_N as a polynomial in x = e^{-epsilon/k_B T}."""
    return sp.Add(*[_x**E for E in microstates(stat, N, spectrum, g)])


def partition_function(stat: str, N: int, M: int | Spectrum, g: int) -> sp.Expr:
    """Z_N(T) for the ladder 0, 1, ..., M-1 (an int M) or a given spectrum."""
    spectrum = _ladder(M) if isinstance(M, int) else M
    return z_polynomial(stat, N, spectrum, g).subs(_x, sp.exp(-epsilon / (k_B * T)))


@lru_cache(maxsize=4096)
def mean_energy(stat: str, N: int, M: int | Spectrum, g: int) -> sp.Expr:
    """U = k_B T^2 d(ln Z)/dT = epsilon x Z'(x)/Z(x), since dx/dT = epsilon x/(k_B T^2)."""
    spectrum = _ladder(M) if isinstance(M, int) else M
    Z = z_polynomial(stat, N, spectrum, g)
    return sp.cancel(epsilon * _x * sp.diff(Z, _x) / Z).subs(_x, sp.exp(-epsilon / (k_B * T)))


def _spectrum(rng: random.Random, M: int, top: int) -> Spectrum:
    """M levels: 0 and M - 1 distinct positive multiples of epsilon up to `top` (an equally spaced ladder too)."""
    if rng.random() < 0.3:
        return _ladder(M)
    return (0, *sorted(rng.sample(range(1, top + 1), M - 1)))


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    u = band_position(d, level)
    top = scale(u, 4, config.max_energy)
    if level == "advanced-undergraduate":
        stat, N, M, g, which = rng.choice(["boson", "fermion", "distinguishable"]), 2, rng.randint(2, 4), 1, "Z"
    elif level == "graduate":
        stat, N, M, g, which = rng.choice(["boson", "fermion"]), 3, rng.randint(3, 5), 1, "Z"
    elif level == "advanced-graduate":
        stat, N, M, g, which = rng.choice(["boson", "fermion"]), rng.randint(2, 4), rng.randint(2, 4), 2, "Z"
    else:
        stat, N, M, g = rng.choice(["boson", "fermion"]), rng.randint(2, 3), rng.randint(2, 4), rng.choice([1, 2])
        which = "U"
    if stat == "fermion" and g * M <= N:  # keep at least one empty state (a full ladder has Z = one term)
        M = N // g + 1
    spectrum = _spectrum(rng, M, max(top, M))
    who = STATS[stat]
    if stat == "fermion":
        who = "identical spin-1/2 fermions" if g == 2 else "identical spin-polarised (spinless) fermions"
    elif g == 2:
        who = "identical bosons with a two-fold internal degeneracy (two states per level)"
    levels_tex = ", ".join(tex(e * epsilon) for e in spectrum)
    problem = (
        f"{N} non-interacting {who} occupy a single-particle spectrum of {M} levels with energies "
        f"${levels_tex}$"
        + (", each level holding two single-particle states (spin up and down)" if g == 2 and stat == "fermion" else "")
        + f". The system is in equilibrium at temperature $T$; $\\epsilon > 0$ is an energy and $k_{{B}}$ Boltzmann's "
        f"constant.\n\n{conventions(SI + '.', 'Canonical ensemble with the particle number fixed; no Gibbs 1/N! factor: states are counted exactly by the given statistics.')}\n\n"
        + ("Compute the canonical partition function $Z_N$. " if which == "Z"
           else "Compute the mean energy $U$ of the system. ")
        + ask_in("it", [epsilon, k_B, T])
    )
    energies = microstates(stat, N, spectrum, g)
    counts = sorted({E: energies.count(E) for E in energies}.items())
    table = ", ".join(f"$E = {E}\\epsilon$: {c}" for E, c in counts)
    Z = partition_function(stat, N, spectrum, g)
    rule = {"boson": "occupation numbers $n_k \\ge 0$ with $\\sum n_k = N$",
            "fermion": "occupation numbers $n_{k\\sigma} \\in \\{0, 1\\}$ with $\\sum n = N$ (Pauli principle)",
            "distinguishable": "an independent level for each particle"}[stat]
    steps = [f"Enumerate the {N}-particle states by {rule}; the total energy is the sum of the occupied levels.",
             f"Counting states by total energy: {table}.",
             f"Hence $Z_N = \\sum_{{\\rm states}} e^{{-E/k_BT}} = {tex(Z)}$" + ("." if which == "U" else ":")]
    if which == "U":
        steps.append(r"The mean energy is $U = k_B T^2\,\partial_T\ln Z_N$:")
        value = mean_energy(stat, N, spectrum, g)
    else:
        value = Z
    params = {"stat": stat, "N": N, "spectrum": list(spectrum), "g": g, "which": which}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=[epsilon, k_B, T],
                      difficulty=d)


register(Family(
    name=NAME, category="Statistical Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Z_N or U of a few bosons/fermions/distinguishable particles on a small spectrum, by enumeration.",
    generate=generate, config=Config(), version=2,  # 2: knob, drawn spectra, N = 3 at graduate level, U via x
    reference="Pathria & Beale, Statistical Mechanics, 3rd ed., §6.1; Andrews, The Theory of Partitions, Thm 3.1",
))
