r"""Thermodynamics of an ideal ultrarelativistic gas of several massless species: pressure, energy density,
entropy density or free-energy density, from the Bose and Fermi integrals (computed in `_integrals`).

$P = \frac{T^4}{6\pi^2}\sum_i g_i\int_0^\infty\frac{x^3\,dx}{e^x\mp1} = \frac{\pi^2}{90}\Big(g_B + \tfrac78 g_F\Big)T^4$.
Levels (rubric): advanced-undergraduate — one or two species, $P$ or $\varepsilon$; graduate — several species,
entropy, free energy or number density ($\zeta(3)$); advanced-graduate — entropy transfer when a species annihilates
into the plasma (the temperature ratio of an earlier-decoupled species, $(4/11)^{1/3}$ for $e^\pm\to\gamma$).
References: Kapusta & Gale, *Finite-Temperature Field Theory* (2006) ch. 1–2; Kolb & Turner, *The Early Universe* ch. 3
— the $g_*$ counting; Weinberg, *Cosmology* (2008) sec. 3.1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions
from qftdata.generators.thermal._integrals import thermal_integral

NAME = "thermal.ideal_gas_thermodynamics"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate")
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
    "n": "the total number density $n$ of particles (antiparticles included)",
}


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_species: int = 3


def _content(rng, n_species: int, u: float):
    keys = sorted({pick(rng, tuple(SPECIES)) for _ in range(n_species)})
    N = rng.randint(2, 3 + round(3 * u))
    return [(k, rng.randint(1, 2 + round(2 * u))) for k in keys], N


def _dof(content, N) -> tuple[int, int]:
    return (sum(SPECIES[k][1](n, N) for k, n in content), sum(SPECIES[k][2](n, N) for k, n in content))


def _decoupling(rng, d: float, u: float) -> Draft:
    """Entropy transfer: species annihilating into the plasma heat it relative to an already decoupled species;
    comoving entropy s a^3 with s = (2 pi^2/45) g_s T^3 (from the thermal integrals) is conserved."""
    while True:
        plasma, N = _content(rng, rng.randint(1, 2 + round(u)), u)
        heavy = pick(rng, ("dirac", "cscalar", "rscalar", "weyl"))
        n_heavy = rng.randint(1, 2 + round(2 * u))
        if heavy not in {k for k, _ in plasma}:
            break
    ib, if_ = thermal_integral(3, "bose"), thermal_integral(3, "fermi")

    def entropy_coeff(content):  # s = coefficient * T^3, from P = T^4/(6 pi^2) sum g int x^3 n(x) and s = dP/dT
        gb, gf = _dof(content, N)
        return sp.simplify(4 * (gb * ib + gf * if_) / (6 * sp.pi**2))

    before, after = entropy_coeff(plasma + [(heavy, n_heavy)]), entropy_coeff(plasma)
    value = sp.cbrt(sp.simplify(after / before))  # (T a)^3 s-coefficient conserved: (T_X/T)^3 = s_after/s_before
    desc = ", ".join(SPECIES[k][0](n, N) for k, n in plasma)
    heavy_txt = re.sub(r" \(e\.g\..*\)$", "", SPECIES[heavy][0](n_heavy, N).replace("massless ", ""))
    problem = (conventions(UNITS, "Set $k_B = 1$; the universe expands adiabatically.")
               + f"\n\nA plasma in thermal equilibrium contains the effectively massless species {desc}, together with "
               f"{heavy_txt}, which are non-relativistic only much later. A separate species $X$ decouples while all of "
               "these are relativistic, at the common temperature; afterwards its temperature simply redshifts, "
               "$T_X \\propto 1/a$. Later the heavier particles become non-relativistic and annihilate into the rest "
               "of the plasma, in equilibrium. Count particles and antiparticles and all spin, polarisation and colour "
               "states. Compute the ratio $T_X/T$ of the temperatures once the annihilation is complete. "
               "Give it as a single exact value in `\\boxed{}`.")
    steps = [r"Entropy per comoving volume of the plasma is conserved: $s a^3$ = const with "
             r"$s = \frac{2\pi^2}{45}\big(g_B + \tfrac78 g_F\big)T^3$ (from $s = dP/dT$ and the thermal integrals).",
             rf"Before annihilation $s = {tex(before)}\,T^3$; after it $s = {tex(after)}\,T^3$.",
             r"Before, $T_X = T$ and both scale as $1/a$; so $(Ta)^3_{\rm after}/(Ta)^3_{\rm before} = "
             rf"{tex(sp.simplify(before / after))}$ while $T_Xa$ is unchanged.",
             rf"Hence $T_X/T = \left({tex(sp.simplify(after / before))}\right)^{{1/3}} = {tex(value)}$."]
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"content": plasma, "heavy": [heavy, n_heavy], "N": N, "want": "decoupling"},
                 answer_type="numeric", difficulty=d)


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    if level == "advanced-graduate":
        return _decoupling(rng, d, u)
    # advanced-undergraduate: one or two species, P or the energy density; graduate: two to four species, the
    # entropy, the free energy or the number density
    if level == "advanced-undergraduate":
        content, N = _content(rng, rng.randint(1, 2), u)
        want = pick(rng, ("P", "rho"))
    else:
        while True:
            content, N = _content(rng, rng.randint(2, 2 + round(2 * u) + 1), u)
            if len(content) >= 2:
                break
        want = pick(rng, ("s", "f", "n"))
    gb, gf = _dof(content, N)
    ib, if_ = thermal_integral(3, "bose"), thermal_integral(3, "fermi")
    pressure = sp.simplify(T**4 / (6 * sp.pi**2) * (gb * ib + gf * if_))
    # n = g/(2 pi^2) T^3 int x^2 n(x) dx per species
    density = sp.simplify(T**3 / (2 * sp.pi**2) * (gb * thermal_integral(2, "bose") + gf * thermal_integral(2, "fermi")))
    value = {"P": pressure, "rho": 3 * pressure, "s": sp.diff(pressure, T), "f": -pressure, "n": density}[want]
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
             r"Thermodynamic relations: $\varepsilon = 3P$ (massless), $s = \partial P/\partial T$, $f = -P$; the number "
             r"density is $n = \frac{g T^3}{2\pi^2}\int_0^\infty\frac{x^2dx}{e^x\mp1}$, i.e. $\zeta(3)T^3/\pi^2$ per "
             rf"bosonic and $\tfrac34$ of that per fermionic state: $n = {tex(density)}$."]
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"content": content, "N": N, "want": want}, symbols=["T"], difficulty=d)


register(Family(name=NAME, category="Finite Temperature and Vacuum Effects", levels=LEVELS,
                description="Pressure, energy, entropy, free energy of ideal massless multi-species gases.",
                generate=generate, config=Config(),
                version=2,  # 2: knob; disjoint levels; number densities; entropy transfer at advanced-graduate
                reference="Kapusta & Gale, Finite-Temperature Field Theory (2006) ch. 1-2"))
