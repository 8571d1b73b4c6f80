r"""Casimir energy between parallel plates (or on a periodic interval) in $D$ spacetime dimensions by zeta
regularisation: the transverse momentum integral is done in dimensional regularisation and the mode sum
becomes a Riemann zeta function at a negative argument.

$\frac{E}{A} = \frac{1}{2}\sum_{n\ge1}\int\frac{d^{D-2}k}{(2\pi)^{D-2}}\sqrt{k^2 + (n\pi/a)^2}
 = \frac{\Gamma(-\frac{D-1}{2})}{2(4\pi)^{(D-2)/2}\Gamma(-\frac12)}\Big(\frac{\pi}{a}\Big)^{D-1}\zeta(1-D)$.
References: Casimir, Proc. K. Ned. Akad. Wet. 51 (1948) 793 ($-\pi^2/720a^3$ for the EM field);
Bordag, Mohideen & Mostepanenko, Phys. Rep. 353 (2001) 1, general $D$:
$E/A = -\Gamma(D/2)\zeta(D)/((4\pi)^{D/2}a^{D-1})$ (Dirichlet scalar).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions
from qftdata.schema import LEVELS

NAME = "thermal.casimir_energy"
A = sp.Symbol("a", positive=True)
L = sp.Symbol("L", positive=True)


@dataclass(frozen=True)
class Config(FamilyConfig):
    dims: tuple = (2, 4, 6, 8, 10)


@cache
def zeta_energy(D: int, mode_spacing: sp.Expr, multiplicity: int, offset=sp.Integer(1)) -> sp.Expr:
    """(multiplicity/2) sum_{n>=0} int d^m k/(2pi)^m sqrt(k^2 + ((n + offset) w)^2) with m = D-2, by dim-reg and
    the (Hurwitz) zeta function zeta(-(m+1), offset)."""
    m = D - 2
    s = sp.Rational(-1, 2)
    # int d^m k/(2pi)^m (k^2 + M^2)^{-s} = Gamma(s - m/2)/((4pi)^{m/2} Gamma(s)) M^{m - 2s}
    radial = sp.gamma(s - sp.Rational(m, 2)) / ((4 * sp.pi) ** sp.Rational(m, 2) * sp.gamma(s))
    return sp.simplify(sp.Rational(multiplicity, 2) * radial * mode_spacing ** (m + 1) * sp.zeta(-(m + 1), offset))


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    D = 4 if li == 0 else pick(rng, config.dims)
    bc = pick(rng, ("dirichlet", "em") if li <= 1 and D == 4 else ("dirichlet", "periodic", "neumann", "mixed"))
    if D != 4 and bc == "em":
        bc = "dirichlet"
    want = "energy" if li == 0 else pick(rng, ("energy", "pressure"))
    if bc == "periodic":
        size, spacing, mult = L, 2 * sp.pi / L, 2  # n in Z\{0}: twice the positive modes
        geometry = (rf"a massless real scalar field in $D = {D}$ spacetime dimensions with one spatial direction "
                    r"compactified on a circle of circumference $L$ (periodic boundary conditions)")
        per = "per unit transverse volume" if D > 2 else ""
        var = "L"
    else:
        size, spacing = A, sp.pi / A
        mult = 2 if bc == "em" else 1
        field = ("the electromagnetic field between two perfectly conducting parallel plates" if bc == "em" else
                 "a massless real scalar field obeying a Dirichlet condition on one plate and a Neumann condition on "
                 "the other" if bc == "mixed" else
                 f"a massless real scalar field obeying {'Dirichlet' if bc == 'dirichlet' else 'Neumann'} boundary "
                 "conditions on two parallel plates")
        geometry = f"{field} in $D = {D}$ spacetime dimensions, separated by a distance $a$"
        per = "per unit plate area" if D > 2 else ""
        var = "a"
    offset = sp.Rational(1, 2) if bc == "mixed" else sp.Integer(1)
    energy = zeta_energy(D, spacing, mult, offset)
    value = energy if want == "energy" else sp.simplify(-sp.diff(energy, size) * (1 if D > 2 else 1))
    value = sp.factor(value)
    what = (f"the renormalised Casimir energy {per}".strip() if want == "energy" else
            f"the Casimir pressure (force {per}".strip() + rf"), $P = -\partial\mathcal E/\partial {var}$, where "
            r"$\mathcal E$ is the Casimir energy" + (f" {per}" if per else ""))
    problem = (conventions(UNITS, r"Regularise the zero-point sum with zeta-function regularisation (equivalently, "
                           r"dimensional regularisation of the transverse momenta and $\sum_n n^{-s} = \zeta(s)$ "
                           r"continued to negative $s$); keep only the separation-dependent finite part.")
               + f"\n\nConsider {geometry}. Compute {what}. Give it in terms of ${var}$, as a single expression in "
               "`\\boxed{}`.")
    m = D - 2
    modes = ("$k_n = n\\pi/a$, $n = 1, 2, \\dots$" if bc in ("dirichlet", "em") else
             "$k_n = (n + \\tfrac12)\\pi/a$, $n = 0, 1, \\dots$" if bc == "mixed" else
             "$k_n = n\\pi/a$, $n = 0, 1, \\dots$ (the $n = 0$ mode gives no $a$-dependence)" if bc == "neumann" else
             "$k_n = 2\\pi n/L$, $n\\in\\mathbb Z$, each $|n|\\ge1$ twice")
    steps = [rf"Normal modes along the finite direction: {modes}"
             + (" for each of the 2 polarisations" if bc == "em" else "") + ".",
             rf"Zero-point energy: $\mathcal E = \frac{{{mult}}}{{2}}\sum_n\int\frac{{d^{{{m}}}k}}{{(2\pi)^{{{m}}}}}\sqrt{{k^2 + k_n^2}}$.",
             r"Dimensional regularisation of the transverse integral: "
             r"$\int\frac{d^mk}{(2\pi)^m}(k^2+M^2)^{1/2} = \frac{\Gamma(-\frac12-\frac m2)}{(4\pi)^{m/2}\Gamma(-\frac12)}M^{m+1}$.",
             (rf"The mode sum gives $\sum_n n^{{{m + 1}}} \to \zeta({-(m + 1)}) = {tex(sp.zeta(-(m + 1)))}$."
              if bc != "mixed" else
              rf"The mode sum gives $\sum_{{n\ge0}} (n+\tfrac12)^{{{m + 1}}} \to \zeta({-(m + 1)}, \tfrac12) = "
              rf"{tex(sp.zeta(-(m + 1), sp.Rational(1, 2)))}$ (Hurwitz zeta)."),
             rf"Hence $\mathcal E = {tex(sp.factor(energy))}$."]
    if want == "pressure":
        steps.append(rf"Differentiating, $P = -\partial\mathcal E/\partial {var} = {tex(value)}$.")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"D": D, "bc": bc, "want": want}, symbols=[var])


register(Family(name=NAME, category="Finite Temperature and Vacuum Effects", levels=LEVELS,
                description="Casimir energy/pressure for plates or a circle in D dimensions by zeta regularisation.",
                generate=generate, config=Config(), version=1,
                reference="Casimir 1948; Bordag, Mohideen & Mostepanenko, Phys. Rep. 353 (2001) 1"))
