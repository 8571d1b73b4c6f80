r"""One-loop beta function of the O(N) (or U(N)) quartic coupling for a random normalisation of the
potential, computed by contracting the quartic tensor (see `rg._quartic`).

References: Peskin & Schroeder sec. 13.2 (O(N) model): $\beta = (N+8)\lambda^2/8\pi^2$ for $V = \frac\lambda4(\phi^2)^2$;
Srednicki ch. 28: $\beta = 3\lambda^2/16\pi^2$ for $V = \frac{\lambda}{24}\phi^4$; Machacek & Vaughn NPB 236 (1984) 221.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import BETA, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.rg._quartic import on_quartic
from qftdata.generators.text import DIMREG, UNITS, conventions
from qftdata.schema import LEVELS

NAME = "rg.on_quartic_beta"
LAM = sp.Symbol("lambda", positive=True)
NSYM = sp.Symbol("N", positive=True, integer=True)
NORMS = (1, 2, 4, 8, 6, 24)


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 10


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    c = pick(rng, NORMS)
    complex_fields = li >= 2 and rng.random() < 0.5
    if li == 0:
        n_real = sp.Integer(1)
        n_label = None
    else:
        symbolic = li in (1, 3) or rng.random() < 0.3
        n_label = "N" if symbolic else rng.randint(2, config.n_max)
        n_sym = NSYM if symbolic else sp.Integer(n_label)
        n_real = 2 * n_sym if complex_fields else n_sym
    b, _, _ = on_quartic(n_real)
    # V = kappa (phi.phi)^2 with kappa = lambda/c (real) ; complex: lambda/c (Phi^dag Phi)^2 = lambda/(4c) (phi.phi)^2
    kappa_of_lam = LAM / (4 * c) if complex_fields else LAM / c
    beta_kappa = b * sp.Symbol("kappa") ** 2 / (16 * sp.pi**2)
    beta_lam = sp.factor(sp.expand(beta_kappa.subs(sp.Symbol("kappa"), kappa_of_lam) / (kappa_of_lam / LAM)))
    frac = r"\lambda" if c == 1 else rf"\frac{{\lambda}}{{{c}}}"
    if li == 0:
        pot = rf"$$V(\phi) = {frac}\,\phi^4$$ for a single real scalar field $\phi$"
    elif complex_fields:
        pot = (rf"$$V(\Phi) = {frac}\,(\Phi^\dagger\Phi)^2,\qquad \Phi^\dagger\Phi = \sum_{{i=1}}^{{{n_label}}}|\Phi_i|^2,$$ "
               rf"for ${n_label}$ complex scalar fields $\Phi_i$ (a $U({n_label})$-invariant theory)")
    else:
        pot = (rf"$$V(\phi) = {frac}\,(\phi_a\phi_a)^2,\qquad a = 1,\dots,{n_label},$$ "
               rf"for ${n_label}$ real scalar fields (an $O({n_label})$-invariant theory)")
    syms = ["lambda"] + (["N"] if n_label == "N" else [])
    ask = "$\\lambda$" + (" and $N$" if n_label == "N" else "")
    problem = (conventions(UNITS, DIMREG, BETA) + f"\n\nConsider massless scalar field theory in four dimensions with "
               f"interaction potential {pot}. Compute the one-loop beta function $\\beta(\\lambda) = \\mu\\,d\\lambda/d\\mu$. "
               f"Give it in terms of {ask}, as a single expression in `\\boxed{{}}`.")
    nr = tex(n_real)
    steps = [r"Write $V = \frac{1}{4!}\lambda_{abcd}\phi_a\phi_b\phi_c\phi_d$ in real components; the one-loop "
             r"counterterm of the four-point function gives "
             r"$16\pi^2\beta_{abcd} = \lambda_{abef}\lambda_{efcd} + \lambda_{acef}\lambda_{efbd} + \lambda_{adef}\lambda_{efbc}$.",
             ]
    if complex_fields:
        steps.append(rf"With $\Phi_i = (\phi_{{2i-1}} + i\phi_{{2i}})/\sqrt2$, $\Phi^\dagger\Phi = \tfrac12\phi_a\phi_a$ "
                     rf"over $n = {nr}$ real fields, so $V = \kappa(\phi_a\phi_a)^2$ with $\kappa = {tex(kappa_of_lam)}$.")
    else:
        steps.append(rf"In the form $V = \kappa(\phi_a\phi_a)^2$ over $n = {nr}$ real fields, $\kappa = {tex(kappa_of_lam)}$.")
    steps += [r"Then $\lambda_{abcd} = 8\kappa(\delta_{ab}\delta_{cd} + \delta_{ac}\delta_{bd} + \delta_{ad}\delta_{bc})$; "
              r"e.g. the $s$-channel contraction is "
              r"$64\kappa^2[(n+4)\delta_{ab}\delta_{cd} + 2\delta_{ac}\delta_{bd} + 2\delta_{ad}\delta_{bc}]$.",
              rf"Adding the three channels: $16\pi^2\beta_{{abcd}} = 64\kappa^2(n+8)(\delta\delta+\delta\delta+\delta\delta)$, "
              rf"so $\beta_\kappa = \frac{{8(n+8)\kappa^2}}{{16\pi^2}} = \frac{{{tex(b)}\,\kappa^2}}{{16\pi^2}}$.",
              rf"Converting to $\lambda$: $\beta(\lambda) = {tex(beta_lam)}$."]
    answer = tex(beta_lam)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"c": c, "N": n_label, "complex": complex_fields}, symbols=syms)


register(Family(name=NAME, category="Renormalization and Quantum Corrections", levels=LEVELS,
                description="One-loop beta function of O(N)/U(N) quartic couplings with random normalisation.",
                generate=generate, config=Config(), version=1,
                reference="Peskin & Schroeder sec. 13.2 ((N+8)lambda^2/8pi^2); Srednicki ch. 28; Machacek-Vaughn 1984"))
