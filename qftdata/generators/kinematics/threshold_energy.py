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
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.foundations._knob import band_position, band_scale
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import pick
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
    max_multiple: int = 8  # toy spectra: masses k*m with k up to this (at the top of the band)

    def validate(self) -> None:
        if self.max_multiple < 3:
            raise ValueError("max_multiple must be >= 3")


def threshold(ma, mb, final_masses, kinetic: bool):
    """Solve s(E) = (sum m_f)^2 with s = (p_a + p_b)^2 from lab four-vectors; return (E or T, s(E))."""
    E = sp.Symbol("E", positive=True)
    pa = (E, sp.sqrt(E**2 - ma**2))  # (energy, z-momentum)
    pb = (mb, 0)
    s_of_E = sp.expand((pa[0] + pb[0]) ** 2 - (pa[1] + pb[1]) ** 2)  # the E^2 terms cancel: linear in E
    e_th = linear_root(s_of_E - sum(final_masses) ** 2, E)
    return (sp.factor(e_th - ma) if kinetic else e_th), s_of_E


@lru_cache(maxsize=512)
def head_on_threshold(ma, m_final, omega):
    """Beam a (mass ma, energy E along +z) meets a photon of energy omega along -z: solve s(E) = m_final^2.

    s = (p_a + k)^2 = ma^2 + 2 omega (E + sqrt(E^2 - ma^2)) is linear in K = E + sqrt(E^2 - ma^2); then
    (K - E)^2 = E^2 - ma^2 is linear in E. Returns (E_th, s(E), K)."""
    E, K = sp.symbols("E K", positive=True)
    root = sp.sqrt(E**2 - ma**2)
    pa = (E, root)
    k = (omega, -omega)
    s_of_E = sp.expand((pa[0] + k[0]) ** 2 - (pa[1] + k[1]) ** 2)
    k_th = linear_root(s_of_E.subs(root, K - E) - m_final**2, K)
    e_th = linear_root((k_th - E) ** 2 - root**2, E)
    return e_th, s_of_E, k_th


def linear_root(expr: sp.Expr, x: sp.Symbol) -> sp.Expr:
    """The root of an expression linear in x (sp.solve would simplify at length; this is a - b/a step)."""
    expr = sp.expand(expr)
    a = sp.diff(expr, x)
    if sp.diff(a, x) != 0:
        raise ArithmeticError(f"{expr} is not linear in {x}")
    return sp.factor(-expr.subs(x, 0) / a)


def _named(rng: random.Random):
    beam, target, products = pick(rng, REACTIONS)
    ma, mb = sp.Rational(PARTICLES_MEV[beam]), sp.Rational(PARTICLES_MEV[target])
    mf = [sp.Rational(PARTICLES_MEV[x]) for x in products]
    masses = ", ".join(f"$m_{{{x}}} = {tex(PARTICLES_MEV[x])}$" for x in dict.fromkeys([beam, target, *products]))
    setup = (f"A beam of ${beam}$ hits a ${target}$ target at rest, producing ${' + '.join(products)}$. "
             f"Use the masses (in MeV) {masses}.")
    return ma, mb, mf, setup, "MeV", {"reaction": [beam, target, products]}


def _integer_masses(rng: random.Random, d: float, level: str):
    top = band_scale(d, level, 4, 25)
    ka, kb = rng.randint(0, top), rng.randint(1, top)
    nf = rng.randint(2, 3)
    kf = [rng.randint(1 if i else 0, top) for i in range(nf)]
    while sum(kf) <= ka + kb:
        kf[rng.randrange(nf)] += 1
    beam = "a massless particle $a$" if ka == 0 else f"a particle $a$ of mass {ka} GeV"
    setup = (f"In a fixed-target experiment {beam} hits a particle $b$ of mass {kb} GeV at rest, producing "
             f"{nf} particles of masses " + ", ".join(f"{k}" for k in kf) + " GeV.")
    return (sp.Integer(ka), sp.Integer(kb), [sp.Integer(k) for k in kf], setup, "GeV",
            {"ka": ka, "kb": kb, "kf": kf})


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    domain: list[str] = []
    kinetic = rng.random() < 0.5
    qty = "kinetic energy $T_{\\rm th}$" if kinetic else "total energy $E_{\\rm th}$"
    m = sp.Symbol("m", positive=True)
    head_on = level == "advanced-graduate"
    if level == "advanced-undergraduate":
        named = band_position(d, level) < 0.4
        ma, mb, mf, setup, unit, params = _named(rng) if named else _integer_masses(rng, d, level)
        tail = f"Find the threshold beam {qty} in the lab frame, in {unit} (exact). " + ask("it")
        symbols: list[str] = []
        answer_type = "numeric"
    elif not head_on:
        top = band_scale(d, level, 3, config.max_multiple)
        ka, kb = rng.randint(0, top), rng.randint(1, top)
        nf = rng.randint(2, 2 + band_scale(d, level, 0, 2))
        kf = [rng.randint(1 if i else 0, top) for i in range(nf)]
        while sum(kf) <= ka + kb:
            kf[rng.randrange(nf)] += 1
        ma, mb, mf = ka * m, kb * m, [k * m for k in kf]
        params = {"ka": ka, "kb": kb, "kf": kf}
        beam = "a massless particle $a$" if ka == 0 else f"a particle $a$ of mass ${tex(ma)}$"
        setup = (f"In a fixed-target experiment {beam} hits a particle $b$ of mass ${tex(mb)}$ at rest, producing "
                 f"{nf} particles of masses " + ", ".join(f"${tex(x)}$" for x in mf) + ".")
        tail = f"Find the threshold beam {qty} in the lab frame. " + ask("it", ["m"])
        symbols = ["m"]
        answer_type = "expression"
    else:
        top = band_scale(d, level, 2, config.max_multiple)
        ka = rng.randint(1, top)
        nf = rng.randint(1, 2 + band_scale(d, level, 0, 1))
        kf = [rng.randint(1, top) for _ in range(nf)]
        while sum(kf) <= ka:
            kf[rng.randrange(nf)] += 1
        ma, mf = ka * m, [k * m for k in kf]
        params = {"ka": ka, "kf": kf, "head_on": True}
        products = ("a single particle of mass " if nf == 1 else f"{nf} particles of masses ") \
            + ", ".join(f"${tex(x)}$" for x in mf)
        w_max = (sum(mf) ** 2 - ma**2) / (2 * ma)  # above it the reaction runs with a at rest: no threshold in E
        setup = (f"A particle $a$ of mass ${tex(ma)}$ and energy $E$ moving along $+z$ collides head-on with a photon "
                 rf"of energy $\omega$ moving along $-z$ (an inverse-Compton / GZK-type reaction), producing {products}. "
                 rf"Assume $\omega < {tex(w_max)}$, so that $a$ must move for the reaction to proceed.")
        domain = [f"omega < {sp.sstr(w_max).replace('**', '^')}"]
        tail = f"Find the threshold {qty} of particle $a$. " + ask("it", ["m", r"\omega"])
        symbols = ["m", "omega"]
        answer_type = "expression"
    params["kinetic"] = kinetic
    msum = sum(mf)
    if head_on:
        omega = sp.Symbol("omega", positive=True)
        e_th, s_of_E, k_th = head_on_threshold(ma, msum, omega)
        answer = sp.factor(e_th - ma) if kinetic else e_th
        lines = [
            r"With $p_a = (E, 0, 0, \sqrt{E^2 - m_a^2})$ and the photon $k = (\omega, 0, 0, -\omega)$,",
            rf"$$s = (p_a + k)^2 = m_a^2 + 2\omega\left(E + \sqrt{{E^2 - m_a^2}}\right) = {tex(s_of_E)}.$$",
            r"At threshold the products are at rest in the CM frame, so $\sqrt s = \sum_f m_f = " + tex(msum) + "$. "
            r"This is linear in $K = E + \sqrt{E^2 - m_a^2}$: $K = (s_{\rm th} - m_a^2)/(2\omega) = " + tex(k_th) + "$. "
            r"Then $(K - E)^2 = E^2 - m_a^2$ is linear in $E$, $E = (K^2 + m_a^2)/(2K)$:",
            rf"$$E_{{\rm th}} = {tex(e_th)}$$" + (rf" and $T_{{\rm th}} = E_{{\rm th}} - m_a = {tex(answer)}$." if kinetic else "."),
        ]
    else:
        answer, s_of_E = threshold(ma, mb, mf, kinetic)
        lines = [
            r"With the target at rest, $p_b = (m_b, \mathbf 0)$ and $p_a = (E, \mathbf p_a)$ with $|\mathbf p_a|^2 = E^2 - m_a^2$, so",
            rf"$$s = (p_a + p_b)^2 = m_a^2 + m_b^2 + 2 E m_b = {tex(s_of_E)}.$$",
            r"At threshold all products are at rest in the CM frame, so $\sqrt s = \sum_f m_f = " + tex(msum) + "$. Solving",
            rf"$$ {tex(s_of_E)} = {tex(sp.expand(msum**2))}$$",
            rf"for $E$ gives $E_{{\rm th}} = {tex(answer + (ma if kinetic else 0))}$"
            + (rf", and $T_{{\rm th}} = E_{{\rm th}} - m_a = {tex(answer)}$." if kinetic else "."),
        ]
    lines.append(rf"$$\boxed{{{tex(answer)}}}$$")
    problem = "\n\n".join([conventions(UNITS, METRIC), setup, tail])
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(lines), params=params,
                 symbols=symbols, answer_type=answer_type, difficulty=d, domain=domain)


register(Family(
    name=NAME, category="Symmetries and Scattering",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="Threshold beam energy (fixed target, or head-on on a photon) from the invariant s of lab four-vectors",
    generate=generate, config=Config(), version=3,  # 3: difficulty knob; integer-GeV and head-on photon problems
    reference="PDG Review of Particle Physics, Kinematics (fixed-target s = m_a^2 + m_b^2 + 2 E m_b); "
              "Griffiths, Introduction to Elementary Particles, ch. 3 (antiproton threshold 7 m_p)",
))
