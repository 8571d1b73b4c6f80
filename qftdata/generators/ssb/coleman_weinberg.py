r"""Radiative symmetry breaking (Coleman–Weinberg): the one-loop effective potential of a classically
massless scalar, minimised with sympy to eliminate the quartic coupling (dimensional transmutation), and the
scalar mass $V''(v)$ at the minimum.

$V_{\rm eff}(\phi) = \frac{\lambda}{4!}\phi^4 + \sum_i \frac{(-1)^{F_i} n_i}{64\pi^2} M_i^4(\phi)
\Big[\ln\frac{M_i^2(\phi)}{\mu^2} - c_i\Big]$ ($\overline{\rm MS}$; $c = 5/6$ vectors, $3/2$ scalars/fermions).
References: Coleman & Weinberg, PRD 7 (1973) 1888 ($m_S^2/m_V^2 = 3e^2/8\pi^2$ for scalar QED);
Gildener & Weinberg, PRD 13 (1976) 3333 ($m^2 = \frac{1}{8\pi^2v^2}\sum(-1)^F n_i M_i^4$).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import DIMREG, METRIC, UNITS, conventions
from qftdata.schema import LEVELS

NAME = "ssb.coleman_weinberg"
PHI, V, MU, LAM = sp.symbols("phi v mu lambda", positive=True)
E, G, Y, K = sp.symbols("e g y kappa", positive=True)


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_charge: int = 3
    max_scalars: int = 4


@cache
def effective_mass(species: tuple) -> tuple[sp.Expr, sp.Expr]:
    """species: list of (n_dof, sign, M^2(phi), c). Returns (m^2 = V''(v) after eliminating lambda, lambda(v))."""
    veff = LAM / 24 * PHI**4
    for n, sign, m2, c in species:
        veff += sign * n / (64 * sp.pi**2) * m2**2 * (sp.log(m2 / MU**2) - c)
    dv = sp.diff(veff, PHI).subs(PHI, V)
    lam_v = sp.solve(sp.Eq(dv, 0), LAM)[0]
    m2 = sp.diff(veff, PHI, 2).subs(PHI, V).subs(LAM, lam_v)
    m2 = sp.expand(sp.expand_log(sp.expand(m2), force=True))
    if m2.has(sp.log):
        raise ArithmeticError("renormalisation-scale logs did not cancel")
    return m2, lam_v


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    species, parts, params = [], [], {}
    gauge = "u1" if li <= 1 else pick(rng, ("u1", "su2"))
    q = 1 if li == 0 else rng.randint(1, config.max_charge)
    if gauge == "u1":
        mv2 = q**2 * E**2 * PHI**2
        species.append((3, 1, mv2, sp.Rational(5, 6)))
        theory = (rf"scalar electrodynamics: a complex scalar $\Phi$ of charge {q if q > 1 else ''}$e$ "
                  rf"(covariant derivative $D_\mu\Phi = (\partial_\mu + i{q if q > 1 else ''}eA_\mu)\Phi$), with "
                  r"$\Phi = \phi/\sqrt2$ along the real direction")
        couplings = ["e"]
    else:
        mv2 = G**2 * PHI**2 / 4
        species.append((9, 1, mv2, sp.Rational(5, 6)))
        theory = (r"an $SU(2)$ gauge theory (coupling $g$) with one complex scalar doublet $\Phi$, "
                  r"$\Phi^\dagger\Phi = \phi^2/2$ along the radial direction, so that all three vectors get mass $g\phi/2$")
        couplings = ["g"]
    params.update({"gauge": gauge, "q": q})
    n_s = rng.randint(0, config.max_scalars) if li >= 1 else 0
    if n_s:
        species.append((n_s, 1, K * PHI**2 / 2, sp.Rational(3, 2)))
        parts.append(rf"{n_s} real scalar{'s' if n_s > 1 else ''} $S_i$ coupled through "
                     r"$\frac{\kappa}{4}\phi^2 \sum_i S_i^2$ (no other $S$ couplings or masses)")
        couplings.append("kappa")
    fermion = li >= 2 and rng.random() < 0.6
    if fermion:
        species.append((4, -1, Y**2 * PHI**2 / 2, sp.Rational(3, 2)))
        parts.append(r"one Dirac fermion $\psi$ with Yukawa coupling $-\frac{y}{\sqrt2}\phi\bar\psi\psi$")
        couplings.append("y")
    params.update({"n_s": n_s, "fermion": fermion})
    m2, lam_v = effective_mass(tuple(species))
    want = "ratio" if (li == 0 or (gauge == "u1" and not n_s and not fermion and li == 1)) else "m2"
    if want == "ratio":
        value = sp.factor(sp.simplify(m2 / mv2.subs(PHI, V)))
        what = r"the ratio $m_\phi^2/m_V^2$ of the scalar mass to the vector mass at the minimum"
        syms = [c for c in couplings]
    else:
        value = m2
        what = r"the physical scalar mass squared $m_\phi^2 = V_{\rm eff}''(v)$ at the minimum $\phi = v$"
        syms = couplings + ["v"]
    tex_name = {"e": "e", "g": "g", "kappa": r"\kappa", "y": "y", "v": "v"}
    extra = (" The theory also contains " + " and ".join(parts) + ".") if parts else ""
    problem = (conventions(UNITS, METRIC, DIMREG)
               + f"\n\nConsider {theory}, with no tree-level mass term and tree-level potential "
               r"$V_0 = \frac{\lambda}{4!}\phi^4$." + extra
               + r" Work with the one-loop effective potential in Landau gauge, "
               r"$V_{\rm eff} = V_0 + \sum_i \frac{(-1)^{F_i} n_i}{64\pi^2}M_i^4(\phi)\big[\ln\frac{M_i^2(\phi)}{\mu^2} - c_i\big]$ "
               r"($n_i$ real degrees of freedom, $c_i = 5/6$ for vectors and $3/2$ for scalars and fermions; the "
               r"Goldstone and $\phi$ self-contributions are of higher order in the couplings and are dropped). "
               r"Assume the couplings are such that $V_{\rm eff}$ has a nontrivial minimum at $\phi = v$ with "
               r"$\lambda$ of the order of the one-loop terms (dimensional transmutation). "
               f"Compute {what}. Give it in terms of {', '.join('$' + tex_name[s] + '$' for s in syms)}, "
               "as a single expression in `\\boxed{}`.")
    sp_lines = "; ".join(rf"$n = {n}$, $M^2 = {tex(m)}$, $(-1)^F = {s}$" for n, s, m, _ in species)
    steps = [rf"Field-dependent masses: {sp_lines}.",
             r"Every term is of the form $\phi^4(a + b\ln\phi^2)$, so $V_{\rm eff} = A\phi^4 + B\phi^4\ln(\phi^2/\mu^2)$ "
             r"with $B = \frac{1}{64\pi^2}\sum_i(-1)^{F_i}n_i\,(M_i^2/\phi^2)^2$.",
             r"Imposing $V_{\rm eff}'(v) = 0$ fixes $\lambda$ as a function of $\ln(v/\mu)$ (dimensional "
             r"transmutation: $A = -B[\ln(v^2/\mu^2) + \tfrac12]$).",
             rf"Substituting into $V_{{\rm eff}}''(v)$, the $\mu$ dependence cancels: $m_\phi^2 = 8Bv^2 = {tex(m2)}$."]
    if want == "ratio":
        steps.append(rf"With $m_V^2 = {tex(mv2.subs(PHI, V))}$, the ratio is ${tex(value)}$.")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params=params | {"want": want}, symbols=syms)


register(Family(name=NAME, category="Spontaneous Symmetry Breaking and Higgs", levels=LEVELS,
                description="Coleman-Weinberg radiative symmetry breaking: scalar mass from the one-loop potential.",
                generate=generate, config=Config(), version=1,
                reference="Coleman & Weinberg PRD 7 (1973) 1888; Gildener & Weinberg PRD 13 (1976) 3333"))
