r"""High-temperature one-loop thermal mass of a scalar in an O(N) quartic theory with Yukawa-coupled Dirac
fermions: $\Pi_{ab} = \frac12\lambda_{abcc}\int\frac{d^3p}{(2\pi)^3}\frac{n_B(p)}{p}
+ 4g^2 n_\psi\int\frac{d^3p}{(2\pi)^3}\frac{n_F(p)}{p}$, with $\lambda_{abcd}$ contracted by the
Kronecker-delta algebra of `lie` and the thermal integrals from `_integrals`.

Reference: Dolan & Jackiw, PRD 9 (1974) 3320; Kapusta & Gale (2006) ch. 3 ($m_T^2 = \lambda T^2/24$ for
$\frac{\lambda}{4!}\phi^4$); Weinberg PRD 9 (1974) 3357; $g^2T^2/6$ per Dirac fermion.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, conventions
from qftdata.generators.thermal._integrals import thermal_integral
from qftdata.schema import LEVELS

NAME = "thermal.scalar_thermal_mass"
T, LAM, G = sp.symbols("T lambda g", positive=True)
NSYM = sp.Symbol("N", positive=True, integer=True)
NORMS = (1, 4, 8, 24)


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 6


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    c = 24 if li == 0 else pick(rng, NORMS)
    if li == 0:
        n_label, N = None, sp.Integer(1)
    else:
        n_label = "N" if (li >= 2 and rng.random() < 0.5) else rng.randint(2, config.n_max)
        N = NSYM if n_label == "N" else sp.Integer(n_label)
    n_psi = 0 if li <= 1 else rng.randint(1, 3)
    kappa = LAM / c
    # lambda_{abcd} = 8 kappa S_abcd ; Pi_ab = 1/2 lambda_{abcc} I_B, contraction over c
    lam = lie.sym_delta4("a", "b", "c", "d", 8 * kappa)
    contracted = lie.delta_product(lam, lie.DeltaTensor(((sp.Integer(1), frozenset({("c", "d")})),)), ["c", "d"], N)
    lam_abcc = contracted.coefficient_of([("a", "b")])
    ib = T**2 / (2 * sp.pi**2) * thermal_integral(1, "bose")   # int d^3p/(2pi)^3 n_B/p
    if_ = T**2 / (2 * sp.pi**2) * thermal_integral(1, "fermi")
    pi_s = sp.Rational(1, 2) * lam_abcc * ib
    pi_f = 4 * G**2 * n_psi * if_
    value = sp.factor(sp.expand(pi_s + pi_f))
    frac = r"\lambda" if c == 1 else rf"\frac{{\lambda}}{{{c}}}"
    if li == 0:
        pot = r"a single real scalar with $V = \frac{\lambda}{4!}\phi^4$"
    else:
        pot = (rf"${n_label}$ real scalars with $V = {frac}(\phi_a\phi_a)^2$ ($O({n_label})$ symmetric)")
    ferm = (f" and {n_psi} massless Dirac fermion{'s' if n_psi > 1 else ''} $\\psi_i$ coupled to $\\phi_1$ through "
            r"$-g\,\phi_1\sum_i\bar\psi_i\psi_i$") if n_psi else ""
    field = r"\phi" if li == 0 else r"\phi_1"
    what = (rf"the leading high-temperature thermal mass squared $m_T^2$ of ${field}$ (the $O(T^2)$ part of its "
            "one-loop self-energy)")
    syms = ["lambda", "T"] + (["g"] if n_psi else []) + (["N"] if n_label == "N" else [])
    names = {"lambda": r"\lambda", "T": "T", "g": "g", "N": "N"}
    problem = (conventions(UNITS, METRIC, "Set $k_B = 1$; the theory is at temperature $T$ much larger than all "
                           "zero-temperature masses.")
               + f"\n\nConsider {pot}{ferm}. Compute {what}. Give it in terms of "
               + ", ".join(f"${names[s]}$" for s in syms) + ", as a single expression in `\\boxed{}`.")
    steps = [r"At high $T$ the one-loop tadpoles are dominated by the thermal part of the propagator; per bosonic "
             r"loop $\int\frac{d^3p}{(2\pi)^3}\frac{n_B(p)}{p} = \frac{T^2}{2\pi^2}\int_0^\infty\frac{x\,dx}{e^x-1}"
             rf" = {tex(ib)}$, and for fermions $\frac{{T^2}}{{2\pi^2}}\int_0^\infty\frac{{x\,dx}}{{e^x+1}} = {tex(if_)}$.",
             rf"Quartic tensor: $\lambda_{{abcd}} = 8\kappa(\delta_{{ab}}\delta_{{cd}} + \dots)$ with $\kappa = {tex(kappa)}$; "
             rf"contracting $c = d$ gives $\lambda_{{abcc}} = \left({tex(sp.factor(lam_abcc))}\right)\delta_{{ab}}$.",
             rf"Scalar loop: $\Pi_S = \tfrac12\lambda_{{11cc}}\times{tex(ib)} = {tex(sp.factor(pi_s))}$."]
    if n_psi:
        steps.append(rf"Each Dirac fermion loop gives $4g^2\times{tex(if_)} = g^2T^2/6$; with {n_psi} fermions "
                     rf"$\Pi_F = {tex(pi_f)}$.")
    steps.append(rf"Total: $m_T^2 = {tex(value)}$.")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"c": c, "N": n_label, "n_psi": n_psi}, symbols=syms)


register(Family(name=NAME, category="Finite Temperature and Vacuum Effects", levels=LEVELS,
                description="High-T thermal mass of O(N) scalars with Yukawa fermions from one-loop tadpoles.",
                generate=generate, config=Config(), version=2,  # 2: "phi" (not phi_1) for the single scalar
                reference="Dolan & Jackiw PRD 9 (1974) 3320; Kapusta & Gale (2006) ch. 3"))
