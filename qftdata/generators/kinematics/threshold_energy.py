"""Fixed-target threshold energy: the smallest beam energy that can produce a given final state.

Beam particle a (mass m_a) hits target b (mass m_b) at rest. The invariant s = (p_a + p_b)^2 is
evaluated from the lab four-vectors, and threshold is where sqrt(s) equals the sum of the final masses
(all products at rest in the CM frame); the family solves s(E) = (sum m_f)^2 for E.
The test checks E_th = ((sum m_f)^2 - m_a^2 - m_b^2)/(2 m_b) and the Bevatron antiproton threshold
E_th = 7 m_p (Griffiths, Introduction to Elementary Particles, Example 3.x / PDG Kinematics).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, ask, conventions, tex

NAME = "kinematics.threshold_energy"

# Named reactions (beam, target, products) with masses in units of a common mass m (toy spectra) or in
# MeV (realistic, rounded PDG masses).
PARTICLES_MEV = {"p": 938, "n": 940, r"\pi^+": 140, r"\pi^-": 140, r"\pi^0": 135, r"K^+": 494, r"K^-": 494,
                 r"K^0": 498,
                 r"\Lambda": 1116, r"\bar p": 938, r"e^-": sp.Rational(511, 1000), r"e^+": sp.Rational(511, 1000),
                 r"\gamma": 0, r"\eta": 548, r"\mu^-": 106, r"\mu^+": 106, r"J/\psi": 3097, r"\phi": 1019,
                 r"\Xi^-": 1322}
REACTIONS = (
    ("p", "p", ["p", "p", "p", r"\bar p"]),
    ("p", "p", ["p", "n", r"\pi^+"]),
    ("p", "p", ["p", "p", r"\pi^0"]),
    (r"\pi^-", "p", [r"K^0", r"\Lambda"]),
    (r"\pi^-", "p", ["n", r"\eta"]),
    (r"\gamma", "p", ["p", r"\pi^0"]),
    (r"\gamma", "p", ["n", r"\pi^+"]),
    (r"\gamma", r"e^-", [r"e^-", r"e^-", r"e^+"]),
    (r"e^+", r"e^-", [r"\mu^+", r"\mu^-"]),
    ("p", "p", ["p", "p", r"\eta"]),
    (r"K^-", "p", [r"\Xi^-", r"K^+"]),
    (r"\gamma", "p", ["p", r"J/\psi"]),
    (r"\pi^-", "p", ["n", r"\phi"]),
    ("p", "p", ["p", "p", r"\pi^+", r"\pi^-"]),
)


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_multiple: int = 6  # toy spectra: masses k*m with k up to this


def threshold(ma, mb, final_masses, kinetic: bool):
    """Solve s(E) = (sum m_f)^2 with s = (p_a + p_b)^2 from lab four-vectors; return (E or T, s(E))."""
    E = sp.Symbol("E", positive=True)
    pa = (E, sp.sqrt(E**2 - ma**2))  # (energy, z-momentum)
    pb = (mb, 0)
    s_of_E = sp.expand((pa[0] + pb[0]) ** 2 - (pa[1] + pb[1]) ** 2)
    sol = sp.solve(sp.Eq(s_of_E, sum(final_masses) ** 2), E)
    e_th = sp.factor(sol[0])
    return (sp.factor(e_th - ma) if kinetic else e_th), s_of_E


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    kinetic = rng.random() < 0.5
    qty = "kinetic energy $T_{\\rm th}$" if kinetic else "total energy $E_{\\rm th}$"
    if level == "advanced-undergraduate":
        beam, target, products = rng.choice(REACTIONS)
        ma, mb = sp.Rational(PARTICLES_MEV[beam]), sp.Rational(PARTICLES_MEV[target])
        mf = [sp.Rational(PARTICLES_MEV[x]) for x in products]
        params = {"reaction": [beam, target, products], "kinetic": kinetic}
        masses = ", ".join(f"$m_{{{x}}} = {tex(PARTICLES_MEV[x])}$" for x in dict.fromkeys([beam, target, *products]))
        setup = (f"A beam of ${beam}$ hits a ${target}$ target at rest, producing ${' + '.join(products)}$. "
                 f"Use the masses (in MeV) {masses}.")
        tail = f"Find the threshold beam {qty} in the lab frame, in MeV (exact). " + ask("it")
        symbols: list[str] = []
        answer_type = "numeric"
    else:
        m = sp.Symbol("m", positive=True)
        ka, kb = rng.randint(0, config.max_multiple), rng.randint(1, config.max_multiple)
        nf = rng.randint(2, 4)
        kf = [rng.randint(1 if i else 0, config.max_multiple) for i in range(nf)]
        while sum(kf) <= ka + kb:
            kf[rng.randrange(nf)] += 1
        ma, mb, mf = ka * m, kb * m, [k * m for k in kf]
        params = {"ka": ka, "kb": kb, "kf": kf, "kinetic": kinetic}
        beam = "a massless particle $a$" if ka == 0 else f"a particle $a$ of mass ${tex(ma)}$"
        setup = (f"In a fixed-target experiment {beam} hits a particle $b$ of mass ${tex(mb)}$ at rest, producing "
                 f"{nf} particles of masses " + ", ".join(f"${tex(x)}$" for x in mf) + ".")
        tail = f"Find the threshold beam {qty} in the lab frame. " + ask("it", ["m"])
        symbols = ["m"]
        answer_type = "expression"
    answer, s_of_E = threshold(ma, mb, mf, kinetic)
    msum = sum(mf)
    lines = [
        r"With the target at rest, $p_b = (m_b, \mathbf 0)$ and $p_a = (E, \mathbf p_a)$ with $|\mathbf p_a|^2 = E^2 - m_a^2$, so",
        rf"$$s = (p_a + p_b)^2 = m_a^2 + m_b^2 + 2 E m_b = {tex(s_of_E)}.$$",
        r"At threshold all products are at rest in the CM frame, so $\sqrt s = \sum_f m_f = " + tex(msum) + "$. Solving",
        rf"$$ {tex(s_of_E)} = {tex(sp.expand(msum**2))}$$",
        rf"for $E$ gives $E_{{\rm th}} = {tex(answer + (ma if kinetic else 0))}$"
        + (rf", and $T_{{\rm th}} = E_{{\rm th}} - m_a = {tex(answer)}$." if kinetic else "."),
        rf"$$\boxed{{{tex(answer)}}}$$",
    ]
    problem = "\n\n".join([conventions(UNITS, METRIC), setup, tail])
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(lines), params=params,
                 symbols=symbols, answer_type=answer_type)


register(Family(
    name=NAME, category="Symmetries and Scattering",
    levels=("advanced-undergraduate", "graduate"),
    description="Fixed-target threshold energy from the invariant s of lab four-vectors",
    generate=generate, config=Config(), version=2,  # 2: pi- p -> K0 Lambda; K- p -> Xi- K+ (Lambda pi0 is exothermic)
    reference="PDG Review of Particle Physics, Kinematics (fixed-target s = m_a^2 + m_b^2 + 2 E m_b); "
              "Griffiths, Introduction to Elementary Particles, ch. 3 (antiproton threshold 7 m_p)",
))
