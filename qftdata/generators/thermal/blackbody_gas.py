r"""Thermodynamics of an ideal ultrarelativistic gas of several massless species: pressure, energy density,
entropy density or free-energy density, from the Bose and Fermi integrals (computed in `_integrals`).

$P = \frac{T^4}{6\pi^2}\sum_i g_i\int_0^\infty\frac{x^3\,dx}{e^x\mp1} = \frac{\pi^2}{90}\Big(g_B + \tfrac78 g_F\Big)T^4$.
References: Kapusta & Gale, *Finite-Temperature Field Theory* (2006) ch. 1–2; Kolb & Turner, *The Early Universe* ch. 3
— the $g_*$ counting.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions
from qftdata.generators.thermal._integrals import thermal_integral

NAME = "thermal.ideal_gas_thermodynamics"
LEVELS = ("advanced-undergraduate", "graduate")
T = sp.Symbol("T", positive=True)

# species key -> (description(n, N), bosonic dof(n, N), fermionic dof(n, N))
SPECIES = {
    "photon": (lambda n, N: "photons", lambda n, N: 2, lambda n, N: 0),
    "gluon": (lambda n, N: f"the gluons of $SU({N})$", lambda n, N: 2 * (N * N - 1), lambda n, N: 0),
    "quark": (lambda n, N: f"{n} flavour{'s' if n > 1 else ''} of massless Dirac quarks in the fundamental of $SU({N})$",
              lambda n, N: 0, lambda n, N: 4 * N * n),
    "dirac": (lambda n, N: f"{n} massless Dirac fermion{'s' if n > 1 else ''} (e.g. electrons at $T \\gg m_e$)",
              lambda n, N: 0, lambda n, N: 4 * n),
    "weyl": (lambda n, N: f"{n} massless Weyl fermion{'s' if n > 1 else ''} (e.g. neutrinos, with antiparticles)",
             lambda n, N: 0, lambda n, N: 2 * n),
    "rscalar": (lambda n, N: f"{n} massless real scalar{'s' if n > 1 else ''}", lambda n, N: n, lambda n, N: 0),
    "cscalar": (lambda n, N: f"{n} massless complex scalar{'s' if n > 1 else ''}", lambda n, N: 2 * n,
                lambda n, N: 0),
}

WANTS = {
    "P": "the pressure $P$",
    "rho": r"the energy density $\varepsilon$",
    "s": "the entropy density $s$",
    "f": "the free-energy density $f = F/V$",
}


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_species: int = 3


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    n_species = rng.randint(1, 2 if li == 0 else config.max_species)
    keys = sorted({pick(rng, tuple(SPECIES)) for _ in range(n_species)})
    N = rng.randint(2, 5)
    content = [(k, rng.randint(1, 3)) for k in keys]
    gb = sum(SPECIES[k][1](n, N) for k, n in content)
    gf = sum(SPECIES[k][2](n, N) for k, n in content)
    want = pick(rng, ("P", "rho") if li == 0 else tuple(WANTS))
    ib, if_ = thermal_integral(3, "bose"), thermal_integral(3, "fermi")
    pressure = sp.simplify(T**4 / (6 * sp.pi**2) * (gb * ib + gf * if_))
    value = {"P": pressure, "rho": 3 * pressure, "s": sp.diff(pressure, T), "f": -pressure}[want]
    value = sp.factor(value)
    desc = ", ".join(SPECIES[k][0](n, N) for k, n in content)
    problem = (conventions(UNITS, "Set $k_B = 1$.")
               + f"\n\nA gas in thermal equilibrium at temperature $T$ with zero chemical potentials consists of the "
               f"following non-interacting massless species: {desc}. Count particles and antiparticles and all spin, "
               f"polarisation and colour states. Compute {WANTS[want]}. Give it in terms of $T$, as a single expression "
               "in `\\boxed{}`.")
    steps = [rf"Degrees of freedom: bosonic $g_B = {gb}$, fermionic $g_F = {gf}$.",
             r"Per degree of freedom $P = \mp T\int\frac{d^3p}{(2\pi)^3}\ln(1\mp e^{-p/T})$; integrating by parts, "
             r"$P = \frac{T^4}{6\pi^2}\int_0^\infty\frac{x^3dx}{e^x\mp1}$.",
             r"Expanding $1/(e^x\mp1) = \sum_{k\ge1}(\pm1)^{k+1}e^{-kx}$ gives "
             rf"$\int_0^\infty\frac{{x^3}}{{e^x-1}}dx = 6\zeta(4) = {tex(ib)}$ and "
             rf"$\int_0^\infty\frac{{x^3}}{{e^x+1}}dx = \tfrac78\cdot 6\zeta(4) = {tex(if_)}$.",
             rf"So $P = {tex(pressure)}$ (i.e. $\frac{{\pi^2}}{{90}}(g_B + \frac78 g_F)T^4$).",
             r"Thermodynamic relations: $\varepsilon = 3P$ (massless), $s = \partial P/\partial T$, $f = -P$."]
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"content": content, "N": N, "want": want}, symbols=["T"])


register(Family(name=NAME, category="Finite Temperature and Vacuum Effects", levels=LEVELS,
                description="Pressure, energy, entropy, free energy of ideal massless multi-species gases.",
                generate=generate, config=Config(), version=1,
                reference="Kapusta & Gale, Finite-Temperature Field Theory (2006) ch. 1-2"))
