"""Two-body kinematics in the centre-of-momentum frame: momentum, energies, speed.

A state of invariant mass sqrt(s) (a decaying particle of mass M, or a colliding pair) goes to two
particles of masses m1, m2. The family *solves* energy-momentum conservation in the CM frame,
E1 + E2 = sqrt(s), E1^2 - E2^2 = m1^2 - m2^2, for the energies and then |p|^2 = E1^2 - m1^2; the test
checks the result against the Kallen-function closed form (PDG Review of Particle Physics, Kinematics).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.foundations._knob import band_pick, band_scale
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, ask, conventions, tex

NAME = "kinematics.kallen_cm_momentum"
# A physical point (M > m1 + m2) used to orient square roots of squared factors.
SAMPLE = {sp.Symbol(n, positive=True): v for n, v in (("M", 100), ("m_1", 1), ("m_2", 2), ("m_3", 3), ("m_4", 4),
                                                         ("m", 1), ("s", 10**4))}


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_mass: int = 30  # numeric masses are integers in GeV up to this value (reached at the top of the band)

    def validate(self) -> None:
        if self.max_mass < 4:
            raise ValueError("max_mass must be >= 4")


@lru_cache(maxsize=2048)
def solve_cm(sqrt_s, m1, m2) -> dict[str, sp.Expr]:
    """E1, E2, |p| and beta1 from energy and momentum conservation (no Kallen formula typed in).

    Cached (mass patterns recur across draws); treat the returned dict as read-only."""
    e1, e2 = sp.symbols("E_1 E_2")
    # E1^2 - E2^2 = (E1 + E2)(E1 - E2): dividing by E1 + E2 = sqrt(s) leaves a linear system.
    (x1, x2), = sp.linsolve([e1 + e2 - sqrt_s, e1 - e2 - (m1**2 - m2**2) / sqrt_s], [e1, e2])
    sol = {e1: sp.together(x1), e2: sp.together(x2)}
    p2 = sp.factor(sp.expand(sol[e1] ** 2 - m1**2))
    p = sqrt_physical(p2, sample=SAMPLE)
    beta = sp.radsimp(p / sol[e1]) if not p2.free_symbols else p / sp.factor(sol[e1])
    return {"E1": sp.factor(sol[e1]), "E2": sp.factor(sol[e2]), "p": p, "beta1": beta}


def sqrt_physical(x2: sp.Expr, sample: dict) -> sp.Expr:
    """sqrt(x2) for x2 >= 0 in the physical region: squared factors come out with the sign they have at
    the physical `sample` point, the rest of the numerator stays (expanded) under one root, and an odd
    power of a denominator factor leaves its own root there (sqrt(s), not sqrt(s^3)/s^2)."""
    if not x2.free_symbols:
        return sp.radsimp(sp.sqrt(x2))
    num, den = sp.fraction(sp.factor(x2))
    out, inside = sp.Integer(1), sp.Integer(1)
    for part, sign in ((num, 1), (den, -1)):
        coeff, factors = sp.factor_list(part)
        out *= sp.sqrt(abs(coeff)) ** sign
        if coeff < 0:
            inside *= -1
        for f, k in factors:
            root = f if f.subs(sample) > 0 else -f
            if sign > 0:
                out *= root ** (k // 2)
                if k % 2:
                    inside *= f
            else:  # 1/sqrt(f^k) = 1/(f^(k//2) sqrt(f)): a lone sqrt(s) stays in the denominator
                out /= root ** (k // 2)
                if k % 2:
                    out /= sp.sqrt(root)
                    if root != f:
                        inside *= -1
    return out * sp.sqrt(sp.expand(inside)) if inside != 1 else out


GAMMA_TRIPLES = ((3, 4, 5), (5, 12, 13), (8, 15, 17), (7, 24, 25), (20, 21, 29), (9, 40, 41))
WHAT = {"p": r"the magnitude $|\mathbf p|$ of the momentum of either daughter in the rest frame of the parent",
        "E1": "the energy $E_1$ of particle 1 in the rest frame of the parent",
        "E2": "the energy $E_2$ of particle 2 in the rest frame of the parent",
        "beta1": r"the speed $\beta_1 = |\mathbf p|/E_1$ of particle 1 in the rest frame of the parent",
        "gamma1": r"the Lorentz factor $\gamma_1 = E_1/m_1$ of particle 1 in the rest frame of the parent"}


def mass_symbols(masses) -> list[str]:
    """Names of the symbols in the daughter masses, in a fixed order (m_1, m_2, then m)."""
    names = {str(x) for mass in masses for x in mass.free_symbols}
    return [n for n in ("m_1", "m_2", "m") if n in names]


def domain_text(expr: sp.Expr) -> str:
    """A bound of `Draft.domain` in plain text (`4*m^2`)."""
    return sp.sstr(expr).replace("**", "^")


def _numeric(rng: random.Random, d: float, level: str, config: Config):
    """Advanced undergraduate: integer masses in GeV (larger with the knob); energies first, then |p| and beta."""
    mx = band_scale(d, level, 4, config.max_mass)
    quantity = band_pick(d, level, rng, ("E1", "E2", "p", "beta1"))
    while True:
        m1v, m2v = rng.randint(0, mx), rng.randint(1, mx)
        Mv = rng.randint(m1v + m2v + 1, m1v + m2v + mx)
        if m1v + m2v > 0:
            break
    setup = (f"A particle of mass $M = {Mv}$ GeV at rest decays into particle 1 of mass $m_1 = {m1v}$ GeV "
             f"and particle 2 of mass $m_2 = {m2v}$ GeV.")
    return (sp.Integer(Mv), (sp.Integer(m1v), sp.Integer(m2v)), quantity, setup, [], [],
            {"M": Mv, "m1": m1v, "m2": m2v, "quantity": quantity, "symbolic": False})


def _symbolic(rng: random.Random, d: float, level: str):
    """Graduate: masses as symbols or integer multiples of one mass; a decay at rest or a collision in the CM."""
    M, m1s, m2s, m, s = sp.symbols("M m_1 m_2 m s", positive=True)
    case = band_pick(d, level, rng, ("equal", "massless2", "multiple", "general"))
    quantity = band_pick(d, level, rng, ("E1", "E2", "p", "beta1", "gamma1"), width=2)
    collide = rng.random() < 0.4
    a = b = None
    if case == "multiple":
        a, b = rng.randint(1, 6), rng.randint(1, 6)
        while a == b:
            b = rng.randint(1, 6)
        masses = (a * m, b * m)
    else:
        masses = {"general": (m1s, m2s), "equal": (m, m), "massless2": (m1s, sp.Integer(0))}[case]
    syms = ["s" if collide else "M"] + mass_symbols(masses)
    if case == "equal" and quantity in ("E1", "E2"):  # sqrt(s)/2 or M/2: nothing to solve
        quantity = rng.choice(["p", "beta1", "gamma1"])
    total = sp.sqrt(s) if collide else M
    mass_desc = {"general": "masses $m_1$ and $m_2$", "equal": "equal masses $m$",
                 "massless2": "masses $m_1$ (particle 1) and $0$ (particle 2, massless)",
                 "multiple": f"masses $m_1 = {tex(masses[0])}$ and $m_2 = {tex(masses[1])}$"}[case]
    threshold = sum(masses)
    if collide:
        setup = (f"Two particles with {mass_desc} collide; their centre-of-momentum energy squared is $s$ "
                 f"(assume $s > {tex(threshold**2)}$). Call the first particle 1.")
        domain = [f"s > {domain_text(threshold**2)}"]
    else:
        setup = (f"A particle of mass $M$ at rest decays into two particles with {mass_desc} "
                 f"(assume $M > {tex(threshold)}$).")
        domain = [f"M > {domain_text(threshold)}"]
    params = {"case": case, "quantity": quantity, "symbolic": True, "collide": collide, "a": a, "b": b}
    return total, masses, quantity, setup, syms, domain, params


def _boost(rng: random.Random, d: float, level: str):
    """Advanced graduate: the rest-frame solution boosted to a lab frame where the parent has a given
    Lorentz factor; the extreme lab energies sit at emission along / against the boost."""
    M, m1s, m2s, m = sp.symbols("M m_1 m_2 m", positive=True)
    k = band_scale(d, level, 0, len(GAMMA_TRIPLES) - 1)
    leg, bg, g = GAMMA_TRIPLES[rng.randint(max(0, k - 1), k)]  # gamma = g/leg, beta*gamma = bg/leg
    case = band_pick(d, level, rng, ("multiple", "massless2", "general"))
    if case == "multiple":
        a, b = rng.randint(0, 4), rng.randint(1, 4)
        masses = (a * m, b * m)
    else:
        a = b = None
        masses = {"general": (m1s, m2s), "massless2": (m1s, sp.Integer(0))}[case]
    which = rng.choice(["max", "min"])
    syms = ["M"] + mass_symbols(masses)
    threshold = sum(masses)
    mass_desc = {"general": "masses $m_1$ and $m_2$",
                 "massless2": "masses $m_1$ (particle 1) and $0$ (particle 2, massless)",
                 "multiple": f"masses $m_1 = {tex(masses[0])}$ and $m_2 = {tex(masses[1])}$"}[case]
    setup = (f"A particle of mass $M$ moves through the laboratory with Lorentz factor $\\gamma = {tex(sp.Rational(g, leg))}$ "
             f"and decays into two particles with {mass_desc} (assume $M > {tex(threshold)}$).")
    params = {"case": case, "quantity": f"E1_lab_{which}", "symbolic": True, "gamma": [g, leg], "a": a, "b": b}
    return M, masses, (which, sp.Rational(g, leg), sp.Rational(bg, leg)), setup, syms, [f"M > {domain_text(threshold)}"], params


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    if level == "advanced-undergraduate":
        sqrt_s, masses, quantity, setup, syms, domain, params = _numeric(rng, d, level, config)
    elif level == "graduate":
        sqrt_s, masses, quantity, setup, syms, domain, params = _symbolic(rng, d, level)
    else:
        sqrt_s, masses, quantity, setup, syms, domain, params = _boost(rng, d, level)
    res = solve_cm(sqrt_s, *masses)
    m1, m2 = masses
    frame = "centre-of-momentum frame" if params.get("collide") else "rest frame of the parent"
    boost_lines: list[str] = []
    if isinstance(quantity, tuple):
        which, gam, bgam = quantity
        # boost the rest-frame four-momentum of particle 1 emitted along (+) or against (-) the motion
        sign = 1 if which == "max" else -1
        e_lab = gam * res["E1"] + bgam * sign * res["p"]
        answer = sp.factor(sp.expand(e_lab)) if not e_lab.has(sp.sqrt) else e_lab
        what = (f"the {'largest' if which == 'max' else 'smallest'} possible laboratory energy of particle 1 "
                "(over all emission directions)")
        boost_lines = [
            rf"Boost along the parent's motion with $\gamma = {tex(gam)}$, $\beta\gamma = \sqrt{{\gamma^2 - 1}} = {tex(bgam)}$: "
            r"$E_1^{\rm lab} = \gamma E_1 + \beta\gamma\,|\mathbf p|\cos\theta^*$, linear in $\cos\theta^*$, so the "
            rf"{'maximum' if which == 'max' else 'minimum'} is at $\cos\theta^* = {'+1' if which == 'max' else '-1'}$:",
            rf"$$E_1^{{\rm lab}} = {tex(gam)}\,E_1 {'+' if which == 'max' else '-'} {tex(bgam)}\,|\mathbf p| = {tex(answer)}.$$",
        ]
    else:
        answer = res["E1"] / m1 if quantity == "gamma1" else res[quantity]
        if syms:
            answer = sp.together(answer)
        what = WHAT[quantity].replace("rest frame of the parent", frame)
    unit = "" if syms or quantity in ("beta1", "gamma1") else " (in GeV, exact)"
    sym_tex = [{"M": "M", "s": "s"}.get(x, x) for x in syms]
    problem = "\n\n".join([
        conventions(UNITS, METRIC),
        setup,
        f"Find {what}{unit}. " + (ask("it", sym_tex) if syms else ask("it")),
    ])
    total_tex = r"\sqrt{s}" if params.get("collide") else tex(sqrt_s)
    sol_lines = [
        rf"In the {'CM' if params.get('collide') else 'parent rest'} frame the two particles are back to back with "
        r"equal $|\mathbf p|$, so energy and momentum conservation read",
        rf"$$E_1 + E_2 = {total_tex}, \qquad E_1^2 - E_2^2 = m_1^2 - m_2^2 = {tex(m1**2 - m2**2)}.$$",
        r"Dividing the second equation by the first gives $E_1 - E_2$; adding and subtracting,",
        rf"$$E_1 = {tex(res['E1'])}, \qquad E_2 = {tex(res['E2'])}.$$",
        r"The momentum follows from the mass shell, $|\mathbf p|^2 = E_1^2 - m_1^2$:",
        rf"$$|\mathbf p| = {tex(res['p'])}.$$",
    ]
    if quantity == "beta1":
        sol_lines.append(rf"Hence $\beta_1 = |\mathbf p|/E_1 = {tex(answer)}$.")
    elif quantity == "gamma1":
        sol_lines.append(rf"Hence $\gamma_1 = E_1/m_1 = {tex(answer)}$.")
    sol_lines += boost_lines
    sol_lines.append(rf"$$\boxed{{{tex(answer)}}}$$")
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(sol_lines), params=params,
                 symbols=syms, answer_type="expression" if syms else "numeric", difficulty=d, domain=domain)


register(Family(
    name=NAME, category="Symmetries and Scattering",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="CM-frame momentum, energies, speed or boosted lab energy in two-body kinematics, from conservation laws",
    generate=generate, config=Config(), version=2,  # 2: difficulty knob, collisions, mass multiples, lab boosts, domain
    reference="PDG Review of Particle Physics, Kinematics: two-body decays, p* = lambda^{1/2}(M^2,m1^2,m2^2)/(2M)",
))
