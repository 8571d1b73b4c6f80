"""Mandelstam t and u at a given CM scattering angle, from explicit four-vectors.

For 1 + 2 -> 3 + 4 the family builds the CM four-momenta (p1 along z, p3 at polar angle theta),
with energies and |p| from conservation, and evaluates t = (p1 - p3)^2 and u = (p1 - p4)^2 with the
(+,-,-,-) metric. The test checks against the textbook closed form
t = m1^2 + m3^2 - 2 E1 E3 + 2 |p1||p3| cos(theta) and s + t + u = sum m^2 (PDG Kinematics review).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.kinematics.kallen_cm_momentum import solve_cm
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, ask, conventions, tex

NAME = "kinematics.mandelstam_angle"
COS_VALUES = (sp.Integer(0), sp.Rational(1, 2), -sp.Rational(1, 2), sp.Rational(1, 3), -sp.Rational(1, 3),
              sp.Rational(1, 4), -sp.Rational(3, 4), sp.Rational(3, 5), -sp.Rational(4, 5), sp.Rational(2, 3))


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_mass: int = 6


def minkowski(a, b):
    return a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3]


def cm_momenta(sqrt_s, m1, m2, m3, m4, cos_t):
    """CM four-momenta p1..p4 (p1 along +z, p3 at angle theta in the xz plane).

    Momentum magnitudes are kept as symbols P_i, P_f (with their squares known) so that the dot
    products stay polynomial; `mandelstam` substitutes them at the end.
    """
    ini, fin = solve_cm(sqrt_s, m1, m2), solve_cm(sqrt_s, m3, m4)
    pi, pf, sn = sp.symbols("P_i P_f S_theta", positive=True)
    p1 = (ini["E1"], 0, 0, pi)
    p2 = (ini["E2"], 0, 0, -pi)
    p3 = (fin["E1"], pf * sn, 0, pf * cos_t)
    p4 = (fin["E2"], -pf * sn, 0, -pf * cos_t)
    subs = {"P_i": ini["p"], "P_f": fin["p"], "S_theta": sp.sqrt(1 - cos_t**2)}
    return (p1, p2, p3, p4), subs


def mandelstam(momenta, subs, cos_t):
    """(s, t, u) with the magnitudes substituted; P_i = P_f when the two momenta are equal."""
    p1, p2, p3, p4 = momenta
    pi, pf, sn = sp.symbols("P_i P_f S_theta", positive=True)

    def sq(a, b, sgn):
        v = [x + sgn * y for x, y in zip(a, b, strict=True)]
        return sp.expand(minkowski(v, v))

    out = []
    for x in (sq(p1, p2, 1), sq(p1, p3, -1), sq(p1, p4, -1)):
        x = sp.expand(x.subs(sn**2, 1 - cos_t**2))
        x = x.subs({pi**2: subs["P_i"] ** 2, pf**2: subs["P_f"] ** 2})
        if sp.expand(subs["P_i"] - subs["P_f"]) == 0:
            x = x.subs(pi * pf, subs["P_i"] ** 2)
        x = x.subs({pi: subs["P_i"], pf: subs["P_f"]})
        free = x.free_symbols
        out.append(sp.factor(sp.expand(x)) if free else sp.radsimp(sp.expand(x)))
    return tuple(out)


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    which = rng.choice(["t", "u"])
    if level == "advanced-undergraduate":
        while True:
            ms = [rng.randint(0, config.max_mass) for _ in range(4)]
            if rng.random() < 0.6:  # mostly elastic kinematics (m3 = m1, m4 = m2): rational answers
                ms[2], ms[3] = ms[0], ms[1]
            if sum(ms):
                break
        sqrt_s = rng.randint(max(ms[0] + ms[1], ms[2] + ms[3]) + 1, max(ms[0] + ms[1], ms[2] + ms[3]) + 12)
        cos_t = rng.choice(COS_VALUES)
        masses = [sp.Integer(x) for x in ms]
        p, subs = cm_momenta(sp.Integer(sqrt_s), *masses, cos_t)
        s, t, u = mandelstam(p, subs, cos_t)
        answer = sp.radsimp(t if which == "t" else u)
        params = {"masses": ms, "sqrt_s": sqrt_s, "cos_theta": str(cos_t), "which": which}
        setup = (f"In the centre-of-momentum frame of the reaction $1 + 2 \\to 3 + 4$ with masses "
                 f"$m_1 = {ms[0]}$, $m_2 = {ms[1]}$, $m_3 = {ms[2]}$, $m_4 = {ms[3]}$ GeV at total energy "
                 f"$\\sqrt{{s}} = {sqrt_s}$ GeV, particle 3 emerges at an angle $\\theta$ to the direction of "
                 f"particle 1 with $\\cos\\theta = {tex(cos_t)}$.")
        tail = f"Find the Mandelstam variable ${which} = (p_1 - p_{3 if which == 't' else 4})^2$ in GeV$^2$ (exact). " \
            + ask("it")
        symbols: list[str] = []
        answer_type = "numeric"
    else:
        S, m, theta = sp.symbols("s m theta", positive=True)
        case = rng.choice(["massless", "elastic"] if level == "graduate" else ["elastic_unequal", "pair"])
        if case == "massless":
            masses, desc, symbols = [0, 0, 0, 0], "all four particles massless", ["s", "theta"]
        elif case == "elastic":
            masses, desc, symbols = [m, m, m, m], "all four particles of equal mass $m$", ["s", "m", "theta"]
        elif case == "pair":
            M = sp.Symbol("M", positive=True)
            masses, desc, symbols = [m, m, M, M], ("two particles of mass $m$ (1 and 2) annihilating into two "
                                                   "particles of mass $M$ (3 and 4), above threshold"), \
                ["s", "m", "M", "theta"]
        else:
            M = sp.Symbol("M", positive=True)
            masses, desc, symbols = [m, M, m, M], ("elastic scattering of a particle of mass $m$ (particles 1 "
                                                   "and 3) on a particle of mass $M$ (particles 2 and 4)"), \
                ["s", "m", "M", "theta"]
        sqrt_s = sp.sqrt(S)
        p, subs = cm_momenta(sqrt_s, *[sp.sympify(x) for x in masses], sp.cos(theta))  # trusted: generator-internal values, never model text
        s, t, u = mandelstam(p, subs, sp.cos(theta))
        answer = t if which == "t" else u
        params = {"case": case, "which": which, "level": level}
        setup = (f"Consider $1 + 2 \\to 3 + 4$ with {desc}, at centre-of-momentum energy squared $s$. In the CM "
                 f"frame particle 3 emerges at angle $\\theta$ to the direction of particle 1.")
        tail = (f"Find the Mandelstam variable ${which} = (p_1 - p_{3 if which == 't' else 4})^2$. "
                + ask("it", [{"theta": r"\theta"}.get(x, x) for x in symbols]))
        answer_type = "expression"
    problem = "\n\n".join([conventions(UNITS, METRIC), setup, tail])
    lines = [
        "Work in the CM frame with $p_1$ along $+z$ and $p_3$ in the $xz$ plane. Energy-momentum conservation "
        "fixes the energies and the momentum magnitudes "
        rf"$P_i = {tex(subs['P_i'])}$ (initial) and $P_f = {tex(subs['P_f'])}$ (final), with "
        rf"$S_\theta = \sin\theta = {tex(subs['S_theta'])}$:",
        rf"$$p_1 = ({tex(p[0][0])}, 0, 0, {tex(p[0][3])}),\quad p_2 = ({tex(p[1][0])}, 0, 0, {tex(p[1][3])}),$$",
        rf"$$p_3 = ({tex(p[2][0])}, {tex(p[2][1])}, 0, {tex(p[2][3])}),\quad "
        rf"p_4 = ({tex(p[3][0])}, {tex(p[3][1])}, 0, {tex(p[3][3])}).$$",
        r"With $a\cdot b = a^0 b^0 - \mathbf a\cdot\mathbf b$,",
        rf"$$s = {tex(s)},\qquad t = (p_1-p_3)^2 = {tex(t)},\qquad u = (p_1-p_4)^2 = {tex(u)},$$",
        r"and indeed $s + t + u = \sum_i m_i^2$.",
        rf"$$\boxed{{{tex(answer)}}}$$",
    ]
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(lines), params=params,
                 symbols=symbols, answer_type=answer_type)


register(Family(
    name=NAME, category="Symmetries and Scattering",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="Mandelstam t or u at a given CM angle, from explicit CM four-vectors",
    generate=generate, config=Config(), version=2,  # 2: exact golds (no nsimplify, which garbled some rationals)
    reference="PDG Review of Particle Physics, Kinematics (two-body scattering); Peskin & Schroeder §5.1",
))
