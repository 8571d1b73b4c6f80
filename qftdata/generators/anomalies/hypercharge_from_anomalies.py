r"""Hypercharges of one Standard-Model-like generation with $N_c$ colours fixed by gauge and gravitational
anomaly cancellation, solved with sympy from the four anomaly conditions.

Left-handed Weyl content: $Q\,(N_c, 2)_{y_Q}$, $u^c\,(\bar N_c,1)_{y_u}$, $d^c\,(\bar N_c,1)_{y_d}$,
$L\,(1,2)_{y_L}$, $e^c\,(1,1)_{y_e}$. Conditions: $SU(N_c)^2U(1)$, $SU(2)^2U(1)$, grav$^2U(1)$, $U(1)^3$.
The family solves these with sympy; the known closed form (the test's reference) is, up to
$u^c\leftrightarrow d^c$, $y_L = -N_c y_Q$, $y_e = 2N_c y_Q$, $y_u = (N_c-1)y_Q$, $y_d = -(N_c+1)y_Q$.
References: Geng & Marshak, PRD 39 (1989) 693; Minahan, Ramond & Warner, PRD 41 (1990) 715;
Srednicki ch. 89 (for $N_c = 3$).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import conventions

NAME = "anomalies.hypercharge_from_anomalies"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
YQ, YU, YD, YL, YE = sp.symbols("y_Q y_u y_d y_L y_e")

WANTS = {
    "y_L": (r"the hypercharge $y_L$ of $L$", lambda s: s[YL]),
    "y_e": (r"the hypercharge $y_e$ of $e^c$", lambda s: s[YE]),
    "sum_ud": (r"the sum $y_u + y_d$", lambda s: s[YU] + s[YD]),
    "prod_ud": (r"the product $y_u\,y_d$", lambda s: s[YU] * s[YD]),
    "ratio_e": (r"the ratio $y_e/y_Q$", lambda s: s[YE] / YQ),
}


@dataclass(frozen=True)
class Config(FamilyConfig):
    nc_max: int = 7


@cache
def anomaly_solutions(nc: int):
    """Nontrivial solutions (y_Q != 0, u^c and d^c not both neutral... ) of the four anomaly equations."""
    eqs = [
        2 * YQ + YU + YD,                                   # SU(Nc)^2 U(1): (2 doublet components) + u^c + d^c
        nc * YQ + YL,                                       # SU(2)^2 U(1): Nc colours of Q + L
        2 * nc * YQ + nc * YU + nc * YD + 2 * YL + YE,      # grav^2 U(1)
        2 * nc * YQ**3 + nc * YU**3 + nc * YD**3 + 2 * YL**3 + YE**3,  # U(1)^3
    ]
    sols = sp.solve(eqs, [YU, YD, YL, YE], dict=True)
    return eqs, [s for s in sols if all(sp.simplify(v).is_real is not False for v in s.values())]


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    # odd N_c only: N_c + 1 doublets must be even, or Witten's global SU(2) anomaly (PLB 117 (1982) 324)
    # makes the theory inconsistent whatever the hypercharges
    nc = 3 if li == 0 else rng.choice(range(3, config.nc_max + 1, 2))
    yq = sp.Rational(1, 6) if li == 0 and rng.random() < 0.5 else sp.Rational(rng.choice([1, 1, 1, 2, 3, 5]),
                                                                          rng.choice([1, 2, 3, 4, 6, 12]))
    want = pick(rng, ("y_L", "y_e") if li == 0 else tuple(WANTS))
    eqs, sols = anomaly_solutions(nc)
    # keep solutions in which u^c, d^c are charged differently from zero (the SM-like branch)
    sm_like = [s for s in sols if sp.simplify(s[YE]) != 0]
    label, fn = WANTS[want]
    values = {sp.simplify(fn(s).subs(YQ, yq)) for s in sm_like}
    if len(values) != 1:
        raise ArithmeticError(f"ambiguous anomaly solution for {want}: {values}")
    value = values.pop()
    problem = (conventions(r"All fermions are written as left-handed Weyl fields; a $U(1)_Y$ charge of a "
                           r"left-handed field enters every anomaly with its sign.")
               + f"\n\nA chiral gauge theory with group $SU({nc})_c\\times SU(2)_L\\times U(1)_Y$ has one generation "
               f"of left-handed Weyl fermions: $Q$ in $({nc}, 2)$ with hypercharge $y_Q$, $u^c$ and $d^c$ in "
               f"$(\\overline{{{nc}}}, 1)$ with hypercharges $y_u \\ne y_d$, $L$ in $(1, 2)$ with $y_L$, and $e^c$ in "
               f"$(1, 1)$ with $y_e \\ne 0$. Require cancellation of the $SU({nc})_c^2\\,U(1)_Y$, "
               f"$SU(2)_L^2\\,U(1)_Y$, gravitational$^2\\,U(1)_Y$ and $U(1)_Y^3$ anomalies (the global $SU(2)$ anomaly "
               f"cancels: there are ${nc + 1}$ doublets), and take $y_Q = {tex(yq)}$. "
               f"Compute {label}. Give it as a single exact value in `\\boxed{{}}`.")
    eq_tex = ",\\quad ".join(f"{tex(e)} = 0" for e in eqs)
    sol_tex = "; ".join("$" + ", ".join(f"{tex(k)} = {tex(sp.factor(v))}" for k, v in s.items()) + "$"
                        for s in sm_like)
    steps = [r"Each anomaly is a sum over left-handed Weyl fields weighted by the multiplicity from the other "
             r"group factors: $SU(N_c)^2U(1)$: $\sum T(R_c)\,y\cdot(\dim R_{2})$; $SU(2)^2U(1)$: "
             r"$\sum T(R_2)\,y\cdot(\dim R_c)$; gravitational: $\sum y\,\dim$; cubic: $\sum y^3\dim$.",
             rf"With $N_c = {nc}$ (dropping common factors $T = \tfrac12$): ${eq_tex}$.",
             rf"Solving the linear equations for $y_L$, $y_e$ and $y_u + y_d$ and then the cubic: {sol_tex}.",
             rf"(The two solutions differ by $u^c\leftrightarrow d^c$.) With $y_Q = {tex(yq)}$, {label} $= {tex(value)}$."]
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"N_c": nc, "y_Q": str(yq), "want": want})


register(Family(name=NAME, category="Anomalies and Supersymmetry", levels=LEVELS,
                description="Hypercharges of an SM-like generation with N_c colours from anomaly cancellation.",
                generate=generate, config=Config(), version=2,  # 2: odd N_c only; subscripted labels
                reference="Geng & Marshak PRD 39 (1989) 693; Minahan, Ramond & Warner PRD 41 (1990) 715"))
