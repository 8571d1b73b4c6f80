"""Two-body kinematics in the centre-of-momentum frame: momentum, energies, speed.

A state of invariant mass sqrt(s) (a decaying particle of mass M, or a colliding pair) goes to two
particles of masses m1, m2. The family *solves* energy-momentum conservation in the CM frame,
E1 + E2 = sqrt(s), E1^2 - E2^2 = m1^2 - m2^2, for the energies and then |p|^2 = E1^2 - m1^2; the test
checks the result against the Kallen-function closed form (PDG Review of Particle Physics, Kinematics).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, ask, conventions, tex

NAME = "kinematics.kallen_cm_momentum"
QUANTITIES = ("p", "E1", "E2", "beta1")
# A physical point (M > m1 + m2) used to orient square roots of squared factors.
SAMPLE = {sp.Symbol(n, positive=True): v for n, v in (("M", 10), ("m_1", 1), ("m_2", 2), ("m", 1), ("s", 400))}


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_mass: int = 20  # numeric masses are integers in GeV up to this value

    def validate(self) -> None:
        if self.max_mass < 3:
            raise ValueError("max_mass must be >= 3")


def solve_cm(sqrt_s, m1, m2) -> dict[str, sp.Expr]:
    """E1, E2, |p| and beta1 from energy and momentum conservation (no Kallen formula typed in)."""
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
    the physical `sample` point, the rest stays (expanded) under one root."""
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
            else:  # rationalise: 1/sqrt(f^k) = sqrt(f^(k mod 2)) / f^ceil(k/2)
                out /= root ** ((k + 1) // 2)
            if k % 2:
                inside *= f
    return out * sp.sqrt(sp.expand(inside)) if inside != 1 else out


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    quantity = rng.choice(QUANTITIES)
    symbolic = level != "advanced-undergraduate"
    if symbolic:
        case = rng.choice(["general", "equal", "massless2"])
        M, m1s, m2s, m = sp.symbols("M m_1 m_2 m", positive=True)
        if case == "general":
            masses, names, syms = (m1s, m2s), ("m_1", "m_2"), ["M", "m_1", "m_2"]
        elif case == "equal":
            masses, names, syms = (m, m), ("m", "m"), ["M", "m"]
        else:
            masses, names, syms = (m1s, sp.Integer(0)), ("m_1", "0"), ["M", "m_1"]
        sqrt_s = M
        params = {"case": case, "quantity": quantity, "symbolic": True}
        setup = (f"A particle of mass $M$ at rest decays into two particles of masses $m_1 = {names[0]}$ and "
                 f"$m_2 = {names[1]}$ (assume $M > m_1 + m_2$).")
        if case == "general":
            setup = ("A particle of mass $M$ at rest decays into two particles of masses $m_1$ and $m_2$ "
                     "(assume $M > m_1 + m_2$).")
        elif case == "equal":
            setup = "A particle of mass $M$ at rest decays into two particles of equal mass $m$ (assume $M > 2m$)."
        else:
            setup = ("A particle of mass $M$ at rest decays into a particle of mass $m_1$ (particle 1) and a "
                     "massless particle (assume $M > m_1$).")
    else:
        while True:
            m1v, m2v = rng.randint(0, config.max_mass), rng.randint(1, config.max_mass)
            Mv = rng.randint(m1v + m2v + 1, m1v + m2v + config.max_mass)
            if m1v + m2v > 0:
                break
        masses = (sp.Integer(m1v), sp.Integer(m2v))
        sqrt_s = sp.Integer(Mv)
        syms = []
        params = {"M": Mv, "m1": m1v, "m2": m2v, "quantity": quantity, "symbolic": False}
        setup = (f"A particle of mass $M = {Mv}$ GeV at rest decays into particle 1 of mass $m_1 = {m1v}$ GeV "
                 f"and particle 2 of mass $m_2 = {m2v}$ GeV.")
    res = solve_cm(sqrt_s, *masses)
    answer = res[quantity]
    what = {"p": r"the magnitude $|\mathbf p|$ of the momentum of either daughter in the rest frame of the parent",
            "E1": "the energy $E_1$ of particle 1 in the rest frame of the parent",
            "E2": "the energy $E_2$ of particle 2 in the rest frame of the parent",
            "beta1": r"the speed $\beta_1 = |\mathbf p|/E_1$ of particle 1 in the rest frame of the parent"}[quantity]
    unit = "" if symbolic or quantity == "beta1" else " (in GeV, exact)"
    problem = "\n\n".join([
        conventions(UNITS),
        setup,
        f"Find {what}{unit}. " + (ask("it", syms) if symbolic else ask("it")),
    ])
    m1, m2 = masses
    e1, e2 = sp.symbols("E_1 E_2")
    sol_lines = [
        r"In the parent rest frame the daughters are back to back with equal $|\mathbf p|$, so energy and "
        r"momentum conservation read",
        rf"$$E_1 + E_2 = {tex(sqrt_s)}, \qquad E_1^2 - E_2^2 = m_1^2 - m_2^2 = {tex(m1**2 - m2**2)}.$$",
        r"Dividing the second equation by the first gives $E_1 - E_2$; adding and subtracting,",
        rf"$$E_1 = {tex(res['E1'])}, \qquad E_2 = {tex(res['E2'])}.$$",
        r"The momentum follows from the mass shell, $|\mathbf p|^2 = E_1^2 - m_1^2$:",
        rf"$$|\mathbf p| = {tex(res['p'])}.$$",
    ]
    if quantity == "beta1":
        sol_lines.append(rf"Hence $\beta_1 = |\mathbf p|/E_1 = {tex(answer)}$.")
    sol_lines.append(rf"$$\boxed{{{tex(answer)}}}$$")
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(sol_lines), params=params,
                 symbols=syms, answer_type="expression" if symbolic else "numeric")


register(Family(
    name=NAME, category="Symmetries and Scattering",
    levels=("advanced-undergraduate", "graduate"),
    description="CM-frame momentum, energies or speed in a two-body decay, solved from conservation laws",
    generate=generate, config=Config(), version=1,
    reference="PDG Review of Particle Physics, Kinematics: two-body decays, p* = lambda^{1/2}(M^2,m1^2,m2^2)/(2M)",
))
