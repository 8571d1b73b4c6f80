"""Mandelstam t and u at a given CM scattering angle, from explicit four-vectors.

For 1 + 2 -> 3 + 4 the family builds the CM four-momenta (p1 along z, p3 at polar angle theta),
with energies and |p| from conservation, and evaluates t = (p1 - p3)^2 and u = (p1 - p4)^2 with the
(+,-,-,-) metric. The test checks against the textbook closed form
t = m1^2 + m3^2 - 2 E1 E3 + 2 |p1||p3| cos(theta) and s + t + u = sum m^2 (PDG Kinematics review).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.foundations._knob import band_pick, band_scale
from qftdata.generators.kinematics.kallen_cm_momentum import solve_cm
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, ask, conventions, tex

NAME = "kinematics.mandelstam_angle"
COS_VALUES = (sp.Integer(0), sp.Rational(1, 2), -sp.Rational(1, 2), sp.Rational(1, 3), -sp.Rational(1, 3),
              sp.Rational(1, 4), -sp.Rational(3, 4), sp.Rational(3, 5), -sp.Rational(4, 5), sp.Rational(2, 3))


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_mass: int = 8  # numeric masses (GeV) up to this value at the top of the band

    def validate(self) -> None:
        if self.max_mass < 2:
            raise ValueError("max_mass must be >= 2")


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
    return tuple(a + b for a, b in mandelstam_parts(momenta, subs, cos_t))


def mandelstam_parts(momenta, subs, cos_t):
    """(s, t, u), each split as (rational part, P_i P_f part): the squares P^2 and sin^2 are rational, so
    only the product P_i P_f (times cos theta) keeps square roots. Factoring the rational part alone keeps
    the symbolic cases fast."""
    p1, p2, p3, p4 = momenta
    pi, pf, sn = sp.symbols("P_i P_f S_theta", positive=True)
    equal = sp.expand(subs["P_i"] ** 2 - subs["P_f"] ** 2) == 0

    def sq(a, b, sgn):
        v = [x + sgn * y for x, y in zip(a, b, strict=True)]
        return sp.expand(minkowski(v, v))

    out = []
    for x in (sq(p1, p2, 1), sq(p1, p3, -1), sq(p1, p4, -1)):
        x = sp.expand(x.subs(sn**2, 1 - cos_t**2))
        cross = x.coeff(pi * pf)
        rest = sp.expand(x - cross * pi * pf).subs({pi**2: subs["P_i"] ** 2, pf**2: subs["P_f"] ** 2})
        if equal:
            rest, cross = rest + cross * subs["P_i"] ** 2, sp.Integer(0)
        free = rest.free_symbols
        rest = sp.factor(rest) if free else sp.radsimp(sp.expand(rest))
        cross = cross * subs["P_i"] * subs["P_f"]
        out.append((rest, cross if free else sp.radsimp(sp.expand(cross))))
    return tuple(out)


def _symbolic_momenta(masses: tuple):
    """(momenta, subs, s, t, u) for symbolic s and theta; cached per mass pattern (few patterns recur)."""
    return _symbolic_cached(tuple(masses))


@lru_cache(maxsize=256)
def _symbolic_cached(masses: tuple):
    S, theta = sp.symbols("s theta", positive=True)
    p, subs = cm_momenta(sp.sqrt(S), *masses, sp.cos(theta))
    return p, subs, mandelstam_parts(p, subs, sp.cos(theta))


def _numeric(rng: random.Random, d: float, level: str, config: Config):
    """Advanced undergraduate: integer masses (massless, then elastic, then general as the knob grows)."""
    kind = band_pick(d, level, rng, ("massless", "elastic", "general"))
    mx = band_scale(d, level, 2, config.max_mass)
    while True:
        ms = [0, 0, 0, 0] if kind == "massless" else [rng.randint(0, mx) for _ in range(4)]
        if kind == "elastic":
            ms[2], ms[3] = ms[0], ms[1]
        if kind == "massless" or sum(ms):
            break
    lo = max(ms[0] + ms[1], ms[2] + ms[3]) + 1
    sqrt_s = rng.randint(lo, lo + 4 + band_scale(d, level, 2, 14))
    cos_t = rng.choice(COS_VALUES)
    masses = [sp.Integer(x) for x in ms]
    p, subs = cm_momenta(sp.Integer(sqrt_s), *masses, cos_t)
    s, t, u = mandelstam(p, subs, cos_t)
    setup = (f"In the centre-of-momentum frame of the reaction $1 + 2 \\to 3 + 4$ with masses "
             f"$m_1 = {ms[0]}$, $m_2 = {ms[1]}$, $m_3 = {ms[2]}$, $m_4 = {ms[3]}$ GeV at total energy "
             f"$\\sqrt{{s}} = {sqrt_s}$ GeV, particle 3 emerges at an angle $\\theta$ to the direction of "
             f"particle 1 with $\\cos\\theta = {tex(cos_t)}$.")
    params = {"masses": ms, "sqrt_s": sqrt_s, "cos_theta": str(cos_t)}
    return p, subs, (s, t, u), setup, params


PATTERNS = {  # mass pattern (multiples of m, or named symbols) -> description; easy to hard
    "massless": "all four particles massless",
    "equal": "all four particles of equal mass $m$",
    "elastic": "elastic scattering: particles 1 and 3 have mass {a}, particles 2 and 4 mass {b}",
    "pair": "annihilation of two particles of mass {a} (1 and 2) into two particles of mass {c} (3 and 4)",
    "inelastic": "masses $m_1 = {a}$, $m_2 = {b}$, $m_3 = {c}$, $m_4 = {e}$",
    "general": "masses $m_1$, $m_2$, $m_3$, $m_4$ (all different)",
}


def _pattern_masses(rng: random.Random, kind: str) -> tuple[list, dict]:
    m = sp.Symbol("m", positive=True)
    if kind == "massless":
        return [sp.Integer(0)] * 4, {}
    if kind == "equal":
        return [m, m, m, m], {}
    if kind == "general":
        return list(sp.symbols("m_1 m_2 m_3 m_4", positive=True)), {}
    while True:
        k = [rng.randint(0, 4) for _ in range(4)]
        if kind == "elastic":
            k[2], k[3] = k[0], k[1]
        elif kind == "pair":
            k[1], k[3] = k[0], k[2]
        if sum(k) and len(set(k)) > 1 and (kind != "inelastic" or len(set(k)) > 2):
            return [x * m for x in k], dict(zip("abce", k, strict=True))


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    which = rng.choice(["t", "u"])
    domain: list[str] = []
    if level == "advanced-undergraduate":
        p, subs, (s, t, u), setup, params = _numeric(rng, d, level, config)
        answer = sp.radsimp(t if which == "t" else u)
        asked = f"the Mandelstam variable ${which} = (p_1 - p_{3 if which == 't' else 4})^2$ in GeV$^2$ (exact)"
        symbols: list[str] = []
        answer_type = "numeric"
    else:
        kinds = ("massless", "equal", "elastic", "pair") if level == "graduate" else ("inelastic", "inelastic", "general")
        kind = band_pick(d, level, rng, kinds)
        masses, mult = _pattern_masses(rng, kind)
        m_tex = {k: tex(v * sp.Symbol("m")) for k, v in mult.items()}
        desc = PATTERNS[kind].format(**{k: f"${v}$" if kind != "inelastic" else v for k, v in m_tex.items()})
        p, subs, parts = _symbolic_momenta(tuple(masses))
        s, t, u = (a + b for a, b in parts)
        theta = sp.Symbol("theta", positive=True)
        ask_cos = level == "advanced-graduate" and rng.random() < 0.5
        names = sorted({str(y) for x in masses for y in x.free_symbols})
        if ask_cos:
            T = sp.Symbol(which, real=True)
            rest, cross = parts[1 if which == "t" else 2]  # linear in cos(theta): rest + cross
            answer = (T - rest) / sp.cancel(cross / sp.cos(theta))
            asked = (rf"$\cos\theta$ in terms of $s$ and the Mandelstam variable ${which} = "
                     rf"(p_1 - p_{3 if which == 't' else 4})^2$")
            symbols = ["s", which] + names
        else:
            answer = t if which == "t" else u
            asked = f"the Mandelstam variable ${which} = (p_1 - p_{3 if which == 't' else 4})^2$"
            symbols = ["s", "theta"] + names
        thr = max(masses[0] + masses[1], masses[2] + masses[3], key=lambda x: x.subs({y: 1 for y in x.free_symbols}))
        setup = (f"Consider $1 + 2 \\to 3 + 4$ with {desc}, at centre-of-momentum energy squared $s$"
                 + (f" above threshold ($s > {tex(sp.expand(thr**2))}$)" if thr != 0 and kind != "general" else "")
                 + ". In the CM frame "
                 r"particle 3 emerges at angle $\theta$ ($0 < \theta < \pi$) to the direction of particle 1.")
        if kind == "general":
            setup += r" Assume $s > (m_1 + m_2)^2$ and $s > (m_3 + m_4)^2$."
            domain = ["s > (m_1 + m_2)^2", "s > (m_3 + m_4)^2"]
        elif thr != 0:
            domain = [f"s > {sp.sstr(sp.expand(thr**2)).replace('**', '^')}"]
        if not ask_cos:
            domain.append("theta < pi")
        params = {"kind": kind, "mult": mult, "ask_cos": ask_cos}
        answer_type = "expression"
    params["which"] = which
    sym_tex = [{"theta": r"\theta"}.get(x, x) for x in symbols]
    problem = "\n\n".join([conventions(UNITS, METRIC), setup,
                           f"Find {asked}. " + (ask("it", sym_tex) if symbols else ask("it"))])
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
    ]
    if params.get("ask_cos"):
        lines.append(rf"Solving the expression for ${which}$, linear in $\cos\theta$, for $\cos\theta$: "
                     rf"$\cos\theta = {tex(answer)}$.")
    lines.append(rf"$$\boxed{{{tex(answer)}}}$$")
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(lines), params=params,
                 symbols=symbols, answer_type=answer_type, difficulty=d, domain=domain,
                 assumptions={which: "real"} if params.get("ask_cos") else {})


register(Family(
    name=NAME, category="Symmetries and Scattering",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="Mandelstam t or u at a given CM angle (or the angle from t, u), from explicit CM four-vectors",
    generate=generate, config=Config(), version=3,  # 3: difficulty knob, mass patterns, cos(theta) from t/u, domain
    reference="PDG Review of Particle Physics, Kinematics (two-body scattering); Peskin & Schroeder §5.1",
))
