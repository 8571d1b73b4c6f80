"""Two-body kinematics in the centre-of-momentum frame: momentum, energies, speeds, relative motion.

A state of invariant mass sqrt(s) (a decaying particle of mass M, a colliding pair, or a beam of lab energy E
on a target at rest, s = m1^2 + m2^2 + 2 m1 E) goes to / consists of two particles of masses m1, m2. The
family *solves* energy-momentum conservation in the CM frame, E1 + E2 = sqrt(s), E1^2 - E2^2 = m1^2 - m2^2,
for the energies and then |p|^2 = E1^2 - m1^2; speeds, Lorentz factors and kinetic energy follow, the energy
of particle 1 seen from particle 2 comes from the invariant p1.p2, and at advanced-graduate level the
rest-frame solution is boosted to the lab (extreme daughter energies, the spread 2 beta gamma |p|). The test
checks the results against the Kallen-function closed forms (PDG Review of Particle Physics, Kinematics).
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
                                                         ("m", 1), ("s", 10**4), ("E", 50))}


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


# Pythagorean triples (leg, b, g): gamma = g/leg and beta*gamma = b/leg are both rational; ordered by gamma.
GAMMA_TRIPLES = ((60, 11, 61), (40, 9, 41), (24, 7, 25), (35, 12, 37), (12, 5, 13), (15, 8, 17), (45, 28, 53),
                 (4, 3, 5), (21, 20, 29), (20, 21, 29), (3, 4, 5), (28, 45, 53), (33, 56, 65), (8, 15, 17),
                 (5, 12, 13), (7, 24, 25), (16, 63, 65), (9, 40, 41), (11, 60, 61), (13, 84, 85))
WHAT = {"p": r"the magnitude $|\mathbf p|$ of the momentum of either particle in the rest frame of the parent",
        "E1": "the energy $E_1$ of particle 1 in the rest frame of the parent",
        "E2": "the energy $E_2$ of particle 2 in the rest frame of the parent",
        "T1": "the kinetic energy $T_1 = E_1 - m_1$ of particle 1 in the rest frame of the parent",
        "beta1": r"the speed $\beta_1 = |\mathbf p|/E_1$ of particle 1 in the rest frame of the parent",
        "beta2": r"the speed $\beta_2 = |\mathbf p|/E_2$ of particle 2 in the rest frame of the parent",
        "gamma1": r"the Lorentz factor $\gamma_1 = E_1/m_1$ of particle 1 in the rest frame of the parent",
        "gamma2": r"the Lorentz factor $\gamma_2 = E_2/m_2$ of particle 2 in the rest frame of the parent",
        "E1_in_2": r"the energy $E_1'$ of particle 1 in the rest frame of particle 2",
        "v_rel": r"the relative speed $v_{\rm rel}$ of the two particles (the speed of particle 1 in the rest frame "
                 "of particle 2)"}
# graduate quantities, easy to hard (the knob slides a window along them)
GRAD_QUANTITIES = ("E1", "E2", "p", "T1", "beta1", "beta2", "gamma1", "gamma2", "E1_in_2", "v_rel")
LAB_QUANTITIES = ("E1_lab_max", "E1_lab_min", "E2_lab_max", "E2_lab_min", "spread")


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


def _grad_quantity(rng: random.Random, d: float, level: str, valid: set[str]) -> str:
    """A quantity from a window of GRAD_QUANTITIES that the knob slides from energies to relative motion."""
    centre = band_scale(d, level, 0, len(GRAD_QUANTITIES) - 1)
    window = [q for q in GRAD_QUANTITIES[max(0, centre - 3): centre + 4] if q in valid]
    return rng.choice(window or [q for q in GRAD_QUANTITIES if q in valid])


def _symbolic(rng: random.Random, d: float, level: str):
    """Graduate: masses as symbols or integer multiples of one mass; a decay at rest, a collision in the CM or
    a beam on a fixed target (s from the lab energy first); CM energies, momentum, speeds, Lorentz factors,
    kinetic energy, or the energy / relative speed seen from particle 2 (the invariant p_1.p_2)."""
    M, m1s, m2s, m, s, E = sp.symbols("M m_1 m_2 m s E", positive=True)
    case = band_pick(d, level, rng, ("equal", "massless2", "multiple", "general"))
    # a massless particle 2 cannot be the target; as the beam it would leave E unconstrained (no region)
    frame = rng.choice(("decay", "collide") if case == "massless2" else ("decay", "collide", "fixed"))
    a = b = None
    if case == "multiple":
        a, b = rng.sample(range(1, 9), 2)
        masses = (a * m, b * m)
    else:
        masses = {"general": (m1s, m2s), "equal": (m, m), "massless2": (m1s, sp.Integer(0))}[case]
    valid = set(GRAD_QUANTITIES)
    if masses[1] == 0:
        valid -= {"beta2", "gamma2", "E1_in_2", "v_rel"}
    if case == "equal":  # E_2, T_1, beta_2, gamma_2 mirror particle 1; E_1 = sqrt(s)/2 needs nothing solved
        valid -= {"E2", "T1", "beta2", "gamma2"} | ({"E1"} if frame != "fixed" else set())
    if frame == "fixed":  # particle 2's rest frame is not the lab here: the lab energy is given
        valid -= {"E1_in_2", "v_rel"}
    quantity = _grad_quantity(rng, d, level, valid)
    syms = [{"decay": "M", "collide": "s", "fixed": "E"}[frame]] + mass_symbols(masses)
    m1, m2 = masses
    total = {"decay": M, "collide": sp.sqrt(s), "fixed": sp.sqrt(m1**2 + m2**2 + 2 * E * m1)}[frame]
    mass_desc = {"general": "masses $m_1$ and $m_2$", "equal": "equal masses $m$",
                 "massless2": "masses $m_1$ (particle 1) and $0$ (particle 2, massless)",
                 "multiple": f"masses $m_1 = {tex(m1)}$ and $m_2 = {tex(m2)}$"}[case]
    threshold = m1 + m2
    if frame == "collide":
        setup = (f"Two particles with {mass_desc} collide; their centre-of-momentum energy squared is $s$ "
                 f"(assume $s > {tex(threshold**2)}$). Call the first particle 1.")
        domain = [f"s > {domain_text(threshold**2)}"]
    elif frame == "fixed":
        setup = (f"Two particles have {mass_desc}. Particle 2, with laboratory energy $E$, strikes particle 1 at "
                 f"rest in the laboratory (assume $E > {tex(m2)}$).")
        domain = [f"E > {domain_text(m2)}"]
    else:
        setup = (f"A particle of mass $M$ at rest decays into two particles with {mass_desc} "
                 f"(assume $M > {tex(threshold)}$).")
        domain = [f"M > {domain_text(threshold)}"]
    params = {"case": case, "quantity": quantity, "symbolic": True, "frame": frame, "a": a, "b": b}
    return total, masses, quantity, setup, syms, domain, params


def _boost(rng: random.Random, d: float, level: str):
    """Advanced graduate: the rest-frame solution boosted to a lab frame where the parent has a given
    Lorentz factor; the extreme lab energies of either daughter sit at emission along / against the boost,
    and their spread is 2 beta gamma |p| (the flat energy spectrum of an isotropic two-body decay)."""
    M, m1s, m2s, m = sp.symbols("M m_1 m_2 m", positive=True)
    k = band_scale(d, level, 0, len(GAMMA_TRIPLES) - 1)
    leg, bg, g = GAMMA_TRIPLES[rng.randint(max(0, k - 2), k)]  # gamma = g/leg, beta*gamma = bg/leg
    case = band_pick(d, level, rng, ("multiple", "massless2", "general"))
    if case == "multiple":
        a, b = rng.randint(0, 5), rng.randint(1, 5)
        masses = (a * m, b * m)
    else:
        a = b = None
        masses = {"general": (m1s, m2s), "massless2": (m1s, sp.Integer(0))}[case]
    quantity = rng.choice(LAB_QUANTITIES)
    syms = ["M"] + mass_symbols(masses)
    threshold = sum(masses)
    mass_desc = {"general": "masses $m_1$ and $m_2$",
                 "massless2": "masses $m_1$ (particle 1) and $0$ (particle 2, massless)",
                 "multiple": f"masses $m_1 = {tex(masses[0])}$ and $m_2 = {tex(masses[1])}$"}[case]
    setup = (f"A particle of mass $M$ moves through the laboratory with Lorentz factor $\\gamma = {tex(sp.Rational(g, leg))}$ "
             f"and decays into two particles with {mass_desc} (assume $M > {tex(threshold)}$).")
    params = {"case": case, "quantity": quantity, "symbolic": True, "gamma": [g, leg], "a": a, "b": b}
    return M, masses, (quantity, sp.Rational(g, leg), sp.Rational(bg, leg)), setup, syms, \
        [f"M > {domain_text(threshold)}"], params


@lru_cache(maxsize=4096)
def rest_frame_quantity(sqrt_s, m1, m2, quantity: str) -> sp.Expr:
    """A graduate quantity from the solved CM energies and momentum (cached per kinematic configuration).
    E_1' and v_rel come from the invariant p_1.p_2 = E_1 E_2 + |p|^2 (back to back in the CM frame), which is
    E_1' m_2 in the rest frame of particle 2; v_rel = |p_1'|/E_1' there."""
    res = solve_cm(sqrt_s, m1, m2)
    if quantity in ("E1", "E2", "p", "beta1"):
        return res[quantity]
    if quantity == "T1":
        return sp.factor(sp.cancel(res["E1"] - m1))
    if quantity == "beta2":
        return res["p"] / res["E2"]
    if quantity in ("gamma1", "gamma2"):
        return res["E1"] / m1 if quantity == "gamma1" else res["E2"] / m2
    e1p = sp.factor(sp.cancel(res["E1"] * res["E2"] + res["p"] ** 2)) / m2
    if quantity == "E1_in_2":
        return e1p
    return sqrt_physical(sp.factor(sp.cancel(e1p**2 - m1**2)), SAMPLE) / e1p


REST_STEPS = {
    "T1": r"Hence $T_1 = E_1 - m_1 = {a}$.",
    "beta1": r"Hence $\beta_1 = |\mathbf p|/E_1 = {a}$.",
    "beta2": r"Hence $\beta_2 = |\mathbf p|/E_2 = {a}$.",
    "gamma1": r"Hence $\gamma_1 = E_1/m_1 = {a}$.",
    "gamma2": r"Hence $\gamma_2 = E_2/m_2 = {a}$.",
    "E1_in_2": r"The invariant $p_1\cdot p_2$ is $E_1E_2 + |\mathbf p|^2$ in the CM frame (back-to-back momenta) and "
               r"$E_1' m_2$ in the rest frame of particle 2, so $E_1' = (E_1E_2 + |\mathbf p|^2)/m_2 = {a}$.",
    "v_rel": r"The invariant $p_1\cdot p_2$ is $E_1E_2 + |\mathbf p|^2$ in the CM frame (back-to-back momenta) and "
             r"$E_1' m_2$ in the rest frame of particle 2, so $E_1' = {e}$ there, and "
             r"$v_{{\rm rel}} = \sqrt{{E_1'^2 - m_1^2}}/E_1' = {a}$.",
}


def _lab_answer(res: dict[str, sp.Expr], quantity: str, gam: sp.Expr, bgam: sp.Expr) -> tuple[sp.Expr, list[str]]:
    """Extreme lab energy of a daughter (or the spread of particle 1's lab energies) and the solution lines."""
    if quantity == "spread":
        value = 2 * bgam * res["p"]
        lines = [rf"Boost along the parent's motion with $\gamma = {tex(gam)}$, $\beta\gamma = \sqrt{{\gamma^2 - 1}} = "
                 rf"{tex(bgam)}$: $E_1^{{\rm lab}} = \gamma E_1 + \beta\gamma\,|\mathbf p|\cos\theta^*$ runs linearly "
                 r"between its values at $\cos\theta^* = \pm1$, so the spread is",
                 rf"$$E_1^{{\rm max}} - E_1^{{\rm min}} = 2\beta\gamma\,|\mathbf p| = {tex(value)}.$$"]
        return value, lines
    i, which = quantity[1], quantity.rsplit("_", 1)[1]
    sign = 1 if which == "max" else -1
    e_lab = gam * res[f"E{i}"] + bgam * sign * res["p"]
    value = sp.factor(sp.expand(e_lab)) if not e_lab.has(sp.sqrt) else e_lab
    cos = "+1" if which == "max" else "-1"
    lines = [rf"Boost along the parent's motion with $\gamma = {tex(gam)}$, $\beta\gamma = \sqrt{{\gamma^2 - 1}} = "
             rf"{tex(bgam)}$: $E_{i}^{{\rm lab}} = \gamma E_{i} + \beta\gamma\,|\mathbf p|\cos\theta_{i}^*$ "
             rf"($\theta_{i}^*$ the rest-frame angle of particle {i} to the boost), linear in $\cos\theta_{i}^*$, so "
             rf"the {'maximum' if which == 'max' else 'minimum'} is at $\cos\theta_{i}^* = {cos}$:",
             rf"$$E_{i}^{{\rm lab}} = {tex(gam)}\,E_{i} {'+' if which == 'max' else '-'} {tex(bgam)}\,|\mathbf p| = "
             rf"{tex(value)}.$$"]
    return value, lines


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
    frame = params.get("frame", "decay")
    cm = frame != "decay"
    tail_lines: list[str] = []
    if isinstance(quantity, tuple):
        key, gam, bgam = quantity
        answer, tail_lines = _lab_answer(res, key, gam, bgam)
        i = key[1]
        what = ("the spread $E_1^{\\rm max} - E_1^{\\rm min}$ between the largest and smallest possible laboratory "
                "energies of particle 1 (over all emission directions)" if key == "spread" else
                f"the {'largest' if key.endswith('max') else 'smallest'} possible laboratory energy of particle {i} "
                "(over all emission directions)")
    else:
        answer = rest_frame_quantity(sqrt_s, m1, m2, quantity)
        if syms:
            answer = sp.together(answer)
        what = WHAT[quantity].replace("rest frame of the parent", "centre-of-momentum frame" if cm else
                                      "rest frame of the parent")
        if quantity in REST_STEPS:
            e1p = rest_frame_quantity(sqrt_s, m1, m2, "E1_in_2") if quantity == "v_rel" else None
            tail_lines = [REST_STEPS[quantity].format(a=tex(answer), e="" if e1p is None else tex(e1p))]
    unit = "" if syms or quantity in ("beta1", "gamma1") else " (in GeV, exact)"
    problem = "\n\n".join([
        conventions(UNITS, METRIC),
        setup,
        f"Find {what}{unit}. " + (ask("it", syms) if syms else ask("it")),
    ])
    total_tex = r"\sqrt{s}" if cm else tex(sqrt_s)
    sol_lines = []
    if frame == "fixed":
        sol_lines.append(r"The invariant mass squared, evaluated in the laboratory where particle 1 is at rest: "
                         rf"$s = (p_1 + p_2)^2 = m_1^2 + m_2^2 + 2m_1E = {tex(sqrt_s**2)}$.")
    sol_lines += [
        rf"In the {'CM' if cm else 'parent rest'} frame the two particles are back to back with "
        r"equal $|\mathbf p|$, so energy and momentum conservation read",
        rf"$$E_1 + E_2 = {total_tex}, \qquad E_1^2 - E_2^2 = m_1^2 - m_2^2 = {tex(m1**2 - m2**2)}.$$",
        r"Dividing the second equation by the first gives $E_1 - E_2$; adding and subtracting,",
        rf"$$E_1 = {tex(res['E1'])}, \qquad E_2 = {tex(res['E2'])}.$$",
        r"The momentum follows from the mass shell, $|\mathbf p|^2 = E_1^2 - m_1^2$:",
        rf"$$|\mathbf p| = {tex(res['p'])}.$$",
    ]
    sol_lines += tail_lines
    sol_lines.append(rf"$$\boxed{{{tex(answer)}}}$$")
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(sol_lines), params=params,
                 symbols=syms, answer_type="expression" if syms else "numeric", difficulty=d, domain=domain)


register(Family(
    name=NAME, category="Symmetries and Scattering",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="CM-frame momentum, energies, speeds, relative motion or boosted lab energies in two-body "
                "kinematics, from conservation laws",
    generate=generate, config=Config(), version=3,  # 3: fixed targets, T1/beta2/gamma2/E1'/v_rel, lab spreads, more boosts
    reference="PDG Review of Particle Physics, Kinematics: two-body decays, p* = lambda^{1/2}(M^2,m1^2,m2^2)/(2M)",
))
