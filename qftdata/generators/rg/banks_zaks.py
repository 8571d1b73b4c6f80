r"""Two-loop (Caswell–Jones) beta function of SU(N) with $n_f$ Dirac fermions in a representation $R$,
and its perturbative infrared fixed point (Banks–Zaks).

$\beta(g) = -\frac{g^3}{16\pi^2}b_0 - \frac{g^5}{(16\pi^2)^2}b_1$ with
$b_0 = \tfrac{11}{3}C_A - \tfrac43 T(R)n_f$,
$b_1 = \tfrac{34}{3}C_A^2 - 4C_2(R)T(R)n_f - \tfrac{20}{3}C_A T(R) n_f$; $C_2(R)$, $T(R)$ from `lie`.
References: Caswell, PRL 33 (1974) 244; Jones, Nucl. Phys. B75 (1974) 531; Banks & Zaks, Nucl. Phys. B196 (1982) 189.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import BETA, GROUP, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.rg._matter import rep_name
from qftdata.generators.text import UNITS, conventions

NAME = "rg.banks_zaks_fixed_point"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
G = sp.Symbol("g")


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 7


@cache
def two_loop(N: int, rep: str, nf: int):
    r = lie.named_rep(rep, N)
    ca = lie.casimir(lie.adjoint(N))
    t, c2 = lie.dynkin_index(r), lie.casimir(r)
    b0 = sp.Rational(11, 3) * ca - sp.Rational(4, 3) * t * nf
    b1 = sp.Rational(34, 3) * ca**2 - 4 * c2 * t * nf - sp.Rational(20, 3) * ca * t * nf
    return ca, t, c2, b0, b1


@cache
def _window(N: int, rep: str) -> tuple[int, ...]:
    """n_f with b0 > 0 and b1 < 0 (a perturbative IR zero exists)."""
    out = []
    for nf in range(1, 60):
        _, _, _, b0, b1 = two_loop(N, rep, nf)
        if b0 > 0 and b1 < 0:
            out.append(nf)
    return tuple(out)


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    while True:
        N = rng.randint(2 if li == 0 else 3, config.n_max)
        rep = "fund" if li == 0 else pick(rng, ("fund", "adj", "sym2", "asym2"))
        window = _window(N, rep)
        if window:
            break
    nf = pick(rng, window)
    ca, t, c2, b0, b1 = two_loop(N, rep, nf)
    want = ("b1", "gstar2", "alphastar")[li]
    x = sp.Symbol("x", positive=True)  # x = g^2
    beta = -G**3 / (16 * sp.pi**2) * b0 - G**5 / (16 * sp.pi**2) ** 2 * b1
    reduced = sp.expand(beta / G**3).subs(G**2, x)
    g2 = sp.solve(reduced, x)[0]  # the nontrivial zero of beta(g)/g^3
    value = {"b1": b1, "gstar2": g2, "alphastar": sp.simplify(g2 / (4 * sp.pi))}[want]
    quantity = {"b1": r"the two-loop coefficient $b_1$",
                "gstar2": r"the value $g_*^2$ of the coupling at the nontrivial infrared fixed point of the two-loop beta function",
                "alphastar": r"the fixed-point value $\alpha_* = g_*^2/4\pi$ of the two-loop beta function"}[want]
    conv = conventions(UNITS, BETA, GROUP, r"Write the two-loop gauge beta function as "
                       r"$\beta(g) = -\frac{g^3}{16\pi^2}b_0 - \frac{g^5}{(16\pi^2)^2}b_1$.")
    problem = (f"{conv}\n\nConsider $SU({N})$ gauge theory with $n_f = {nf}$ Dirac fermions in the "
               f"{rep_name(rep)} representation. Compute {quantity}. Give it as a single exact value in `\\boxed{{}}`.")
    steps = [rf"Group theory (from the characters): $C_A = {tex(ca)}$, $T(R) = {tex(t)}$, $C_2(R) = {tex(c2)}$.",
             r"One and two loops (Caswell 1974, Jones 1974): $b_0 = \tfrac{11}{3}C_A - \tfrac43 T(R)n_f$, "
             r"$b_1 = \tfrac{34}{3}C_A^2 - 4C_2(R)T(R)n_f - \tfrac{20}{3}C_AT(R)n_f$.",
             rf"With $n_f = {nf}$: $b_0 = {tex(b0)}$, $b_1 = {tex(b1)}$."]
    if want != "b1":
        steps.append(r"Since $b_0 > 0$ and $b_1 < 0$, $\beta(g) = 0$ has the nontrivial zero "
                     rf"$g_*^2 = -16\pi^2 b_0/b_1 = {tex(g2)}$.")
        if want == "alphastar":
            steps.append(rf"Hence $\alpha_* = g_*^2/4\pi = -4\pi b_0/b_1 = {tex(value)}$.")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"N": N, "rep": rep, "n_f": nf, "want": want})


register(Family(name=NAME, category="Renormalization Group and Scaling", levels=LEVELS,
                description="Two-loop b1 and the Banks-Zaks infrared fixed point for SU(N) with n_f Dirac fermions.",
                generate=generate, config=Config(), version=1,
                reference="Caswell PRL 33 (1974) 244; Jones NPB 75 (1974) 531; Banks & Zaks NPB 196 (1982) 189"))
