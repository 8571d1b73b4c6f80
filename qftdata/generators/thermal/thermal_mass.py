r"""High-temperature one-loop thermal mass of a scalar in an O(N) quartic theory with Yukawa-coupled Dirac
fermions: $\Pi_{ab} = \frac12\lambda_{abcc}\int\frac{d^3p}{(2\pi)^3}\frac{n_B(p)}{p}
+ 4g^2 n_\psi\int\frac{d^3p}{(2\pi)^3}\frac{n_F(p)}{p}$, with $\lambda_{abcd}$ contracted by the
Kronecker-delta algebra of `lie` and the thermal integrals from `_integrals`.

Reference: Dolan & Jackiw, PRD 9 (1974) 3320; Kapusta & Gale (2006) ch. 3 ($m_T^2 = \lambda T^2/24$ for
$\frac{\lambda}{4!}\phi^4$); Weinberg PRD 9 (1974) 3357; $g^2T^2/6$ per Dirac fermion; Carrington PRD 45 (1992) 2933
(Standard-Model Higgs: $(\frac{3g^2}{16} + \frac{g'^2}{16} + \frac{\lambda}{2} + \frac{y_t^2}{4})T^2$).
Levels (rubric): advanced-undergraduate — one real field; graduate — $O(N)$ at numeric $N$; advanced-graduate — $O(N)$
(numeric or symbolic $N$) with Yukawa fermions; postgraduate — complex multiplets with $U(1)$, $SU(2)\times U(1)_Y$ or
$SU(N)$ gauge interactions, quartic and Yukawa couplings together. The knob grows $N$ and the fermion content.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, conventions
from qftdata.generators.thermal._integrals import thermal_integral
from qftdata.schema import LEVELS

NAME = "thermal.scalar_thermal_mass"
T, LAM, G = sp.symbols("T lambda g", positive=True)
NSYM = sp.Symbol("N", positive=True, integer=True)
NORMS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 48, 96)
EG, GW, GY, YK = sp.symbols("e g g_Y y", positive=True)
CHARGES = (sp.Integer(1), sp.Integer(2), sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(2, 3), sp.Integer(3))


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 12


def tadpole_pieces(kappa: sp.Expr, n_real) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(lambda_{aacc} coefficient of delta_ab, bosonic and fermionic thermal tadpoles) for V = kappa (phi.phi)^2 over
    n_real real fields: lambda_abcd = 8 kappa (delta delta + 2 perms) contracted over c = d with `lie`, and
    int d^3p/(2pi)^3 n(p)/p = T^2/(2 pi^2) int x n(x) dx from `_integrals`."""
    lam = lie.sym_delta4("a", "b", "c", "d", 8 * kappa)
    contracted = lie.delta_product(lam, lie.DeltaTensor(((sp.Integer(1), frozenset({("c", "d")})),)), ["c", "d"],
                                   n_real)
    return (contracted.coefficient_of([("a", "b")]), T**2 / (2 * sp.pi**2) * thermal_integral(1, "bose"),
            T**2 / (2 * sp.pi**2) * thermal_integral(1, "fermi"))


def _gauged(rng, d: float, u: float, config: Config) -> Draft:
    """A complex scalar multiplet with gauge interactions: seagull tadpoles add g^2 C_2(R) x 3 x T^2/12 per gauge
    group (three polarisations of a massless vector in the loop), on top of the quartic and Yukawa tadpoles."""
    c = pick(rng, NORMS)
    group = pick(rng, ("u1", "su2u1", "sun"))
    n_c = rng.randint(0, 1 + round(2 * u))  # Dirac fermions (times colours) coupled to the neutral component
    colours = pick(rng, (1, 3))
    if group == "u1":
        q = pick(rng, CHARGES)
        n, gauge = 1, [(EG, q**2, f"a $U(1)$ gauge field (coupling $e$) under which $\\Phi$ has charge ${tex(q)}$")]
        rep = "a single complex scalar $\\Phi$"
        params = {"group": group, "q": str(q)}
    elif group == "su2u1":
        y = pick(rng, (sp.Rational(1, 2), sp.Rational(1, 6), sp.Rational(3, 2), sp.Integer(1)))
        casimir = lie.casimir(lie.fundamental(sp.Integer(2)))
        n = 2
        gauge = [(GW, casimir, "$SU(2)$ gauge fields (coupling $g$) under which $\\Phi$ is a doublet"),
                 (GY, y**2, f"a $U(1)_Y$ field (coupling $g_Y$) under which $\\Phi$ has hypercharge ${tex(y)}$")]
        rep = "a complex scalar doublet $\\Phi$"
        params = {"group": group, "Y": str(y)}
    else:
        N = rng.randint(2, 3 + round(3 * u))
        casimir = lie.casimir(lie.fundamental(sp.Integer(N)))
        n, gauge = N, [(GW, casimir, f"$SU({N})$ gauge fields (coupling $g$) under which $\\Phi$ is in the fundamental")]
        rep = f"a complex scalar $\\Phi$ in the fundamental of $SU({N})$"
        params = {"group": group, "N": N}
    kappa = LAM / (4 * c)  # (lambda/c)(Phi^dag Phi)^2 = (lambda/4c)(phi_a phi_a)^2 over 2n real fields
    lam_abcc, ib, if_ = tadpole_pieces(kappa, sp.Integer(2 * n))
    pi_s = sp.Rational(1, 2) * lam_abcc * ib
    pi_g = sum(3 * coupling**2 * weight * ib for coupling, weight, _ in gauge)  # seagull: g^2 C_2 g_mu^mu-traced
    pi_f = 4 * (YK / sp.sqrt(2)) ** 2 * n_c * colours * if_
    value = sp.factor(sp.expand(pi_s + pi_g + pi_f))
    frac = r"\lambda" if c == 1 else rf"\frac{{\lambda}}{{{c}}}"
    ferm = (f" and {n_c} fermion pair{'s' if n_c > 1 else ''}" + (f" in {colours} colours" if colours > 1 else "")
            + r" ($\psi_L$ in the representation of $\Phi$, $\chi_R$ a singlet of matching charge) with the gauge-invariant "
            r"Yukawa coupling $-y\,\bar\psi_L\Phi\chi_R + \text{h.c.}$ (Standard-Model-like)") if n_c else ""
    syms = ["lambda", "T"] + [str(cpl) for cpl, _, _ in gauge] + (["y"] if n_c else [])
    names = {"lambda": r"\lambda", "T": "T", "e": "e", "g": "g", "g_Y": "g_Y", "y": "y"}
    problem = (conventions(UNITS, METRIC, "Set $k_B = 1$; the theory is at temperature $T$ much larger than all "
                           "zero-temperature masses. Gauge fields are in a covariant gauge (the $O(T^2)$ terms are gauge "
                           "independent).")
               + f"\n\nConsider {rep} with potential $V = {frac}(\\Phi^\\dagger\\Phi)^2$, coupled to "
               + " and ".join(text for _, _, text in gauge) + ferm
               + ". Compute the leading high-temperature thermal mass squared $m_T^2$ of $\\Phi$ (the $O(T^2)$ part of "
               "the one-loop self-energy of any of its components). Give it in terms of "
               + ", ".join(f"${names[x]}$" for x in syms) + ", as a single expression in `\\boxed{}`.")
    steps = [rf"Bosonic tadpole integral $\int\frac{{d^3p}}{{(2\pi)^3}}\frac{{n_B}}{{p}} = {tex(ib)}$, fermionic "
             rf"${tex(if_)}$.",
             rf"Quartic: over the $2n = {2 * n}$ real components $V = \kappa(\phi_a\phi_a)^2$ with $\kappa = {tex(kappa)}$; "
             rf"$\Pi_S = \tfrac12\lambda_{{11cc}}\times{tex(ib)} = {tex(sp.factor(pi_s))}$.",
             r"Gauge: the seagull vertex $g^2 A_\mu^a A^{b\mu}\Phi^\dagger T^aT^b\Phi$ closes into a vector tadpole; the "
             r"$O(T^2)$ part counts the $d - 1 = 3$ polarisations, giving $g^2C_2(R)\times 3\times\frac{T^2}{12}$ per "
             rf"group: ${tex(sp.factor(pi_g))}$."]
    if n_c:
        steps.append(r"Fermion loops: each complex component of $\Phi$ couples to one $\psi_L\chi_R$ pair; the loop gives "
                     rf"$y^2T^2/12$ per pair and colour (the same as $4(y/\sqrt2)^2\times{tex(if_)}$): ${tex(sp.factor(pi_f))}$.")
    steps.append(rf"Total: $m_T^2 = {tex(value)}$.")
    answer = tex(value)
    params.update({"c": c, "n_psi": n_c, "colours": colours})
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params=params, symbols=syms, difficulty=d)


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    if level == "postgraduate":
        return _gauged(rng, d, u, config)
    # advanced-undergraduate: one real field with V = (lambda/c) phi^4; graduate: O(N), numeric N;
    # advanced-graduate: O(N) (numeric or symbolic N) with Yukawa fermions; postgraduate: gauged complex multiplets
    c = pick(rng, NORMS)
    if level == "advanced-undergraduate":
        n_label, N = None, sp.Integer(1)
    else:
        n_label = "N" if (level == "advanced-graduate" and rng.random() < 0.3) else rng.randint(2, 3 + round(u * (config.n_max - 3)))
        N = NSYM if n_label == "N" else sp.Integer(n_label)
    n_psi = 0 if level != "advanced-graduate" else rng.randint(1, 2 + round(2 * u))
    kappa = LAM / c
    # lambda_{abcd} = 8 kappa S_abcd ; Pi_ab = 1/2 lambda_{abcc} I_B, contraction over c
    lam_abcc, ib, if_ = tadpole_pieces(kappa, N)
    pi_s = sp.Rational(1, 2) * lam_abcc * ib
    pi_f = 4 * G**2 * n_psi * if_
    value = sp.factor(sp.expand(pi_s + pi_f))
    frac = r"\lambda" if c == 1 else rf"\frac{{\lambda}}{{{c}}}"
    if level == "advanced-undergraduate":
        pot = rf"a single real scalar with $V = {frac}\phi^4$"
    else:
        pot = (rf"${n_label}$ real scalars with $V = {frac}(\phi_a\phi_a)^2$ ($O({n_label})$ symmetric)")
    ferm = (f" and {n_psi} massless Dirac fermion{'s' if n_psi > 1 else ''} $\\psi_i$ coupled to $\\phi_1$ through "
            r"$-g\,\phi_1\sum_i\bar\psi_i\psi_i$") if n_psi else ""
    field = r"\phi" if level == "advanced-undergraduate" else r"\phi_1"
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
                 params={"c": c, "N": n_label, "n_psi": n_psi}, symbols=syms, difficulty=d)


register(Family(name=NAME, category="Finite Temperature and Vacuum Effects", levels=LEVELS,
                description="High-T thermal mass of O(N) scalars with Yukawa fermions from one-loop tadpoles.",
                generate=generate, config=Config(),
                version=3,  # 3: knob; one setup per level; gauged complex multiplets (postgraduate)
                reference="Dolan & Jackiw PRD 9 (1974) 3320; Kapusta & Gale (2006) ch. 3"))
