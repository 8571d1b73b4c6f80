r"""Hypercharges of one Standard-Model-like generation with $N_c$ colours fixed by gauge and gravitational
anomaly cancellation, solved with sympy from the four anomaly conditions.

Left-handed Weyl content: $Q\,(N_c, 2)_{y_Q}$, $u^c\,(\bar N_c,1)_{y_u}$, $d^c\,(\bar N_c,1)_{y_d}$,
$L\,(1,2)_{y_L}$, $e^c\,(1,1)_{y_e}$. Conditions: $SU(N_c)^2U(1)$, $SU(2)^2U(1)$, grav$^2U(1)$, $U(1)^3$.
The family solves these with sympy; the known closed form (the test's reference) is, up to
$u^c\leftrightarrow d^c$, $y_L = -N_c y_Q$, $y_e = 2N_c y_Q$, $y_u = (N_c-1)y_Q$, $y_d = -(N_c+1)y_Q$.
Graduate problems ($N_c = 3$) ask what the linear conditions fix; advanced-graduate ones (odd $N_c$) what
needs the cubic condition; postgraduate ones add a right-handed neutrino $\nu^c$ of given charge, where
the solution is the combination $aY + b(B-L)$ (a two-parameter family; the cubic fixes $y_uy_d$).
References: Geng & Marshak, PRD 39 (1989) 693; Minahan, Ramond & Warner, PRD 41 (1990) 715;
Srednicki ch. 89 (for $N_c = 3$).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.foundations._knob import band_scale
from qftdata.generators.loops._common import pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import conventions

NAME = "anomalies.hypercharge_from_anomalies"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
YQ, YU, YD, YL, YE, YN = sp.symbols("y_Q y_u y_d y_L y_e y_nu")

# what is asked: (label, function of the (ordered: y_u < y_d) solution); linear ones at graduate only
LINEAR = {
    "y_L": (r"the hypercharge $y_L$ of $L$", lambda s: s[YL]),
    "y_e": (r"the hypercharge $y_e$ of $e^c$", lambda s: s[YE]),
    "sum_ud": (r"the sum $y_u + y_d$", lambda s: s[YU] + s[YD]),
}
CUBIC = {
    "prod_ud": (r"the product $y_u\,y_d$", lambda s: s[YU] * s[YD]),
    "y_u": (r"the smaller of the two antiquark charges, $y_u$ (label them so that $y_u < y_d$)", lambda s: s[YU]),
    "y_d": (r"the larger of the two antiquark charges, $y_d$ (label them so that $y_u < y_d$)", lambda s: s[YD]),
    "sq_ud": (r"the sum of squares $y_u^2 + y_d^2$", lambda s: s[YU] ** 2 + s[YD] ** 2),
}
DENOMS = (1, 2, 3, 4, 6, 12, 5, 8, 9, 10, 18, 24, 36)
NUMS = (1, 2, 3, 5, 7, 11, 13)


@dataclass(frozen=True)
class Config(FamilyConfig):
    nc_max: int = 11

    def validate(self) -> None:
        if self.nc_max < 3:
            raise ValueError("nc_max must be >= 3")


@cache
def anomaly_solutions(nc: int, with_nu: bool):
    """The four anomaly equations and their solutions (y_u, y_d, y_L, y_e in terms of y_Q and y_nu)."""
    yn = YN if with_nu else 0
    eqs = [
        2 * YQ + YU + YD,                                   # SU(Nc)^2 U(1): (2 doublet components) + u^c + d^c
        nc * YQ + YL,                                       # SU(2)^2 U(1): Nc colours of Q + L
        2 * nc * YQ + nc * YU + nc * YD + 2 * YL + YE + yn,          # grav^2 U(1)
        2 * nc * YQ**3 + nc * YU**3 + nc * YD**3 + 2 * YL**3 + YE**3 + yn**3,  # U(1)^3
    ]
    sols = sp.solve(eqs, [YU, YD, YL, YE], dict=True)
    return eqs, [{k: sp.expand(v) for k, v in s.items()} for s in sols]


def _rational(rng, dv: float, level: str) -> sp.Rational:
    q = sp.Rational(rng.choice(NUMS[: band_scale(dv, level, 3, len(NUMS))]),
                    rng.choice(DENOMS[: band_scale(dv, level, 6, len(DENOMS))]))
    return q


def generate(rng, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    li = LEVELS.index(level)
    # odd N_c only: N_c + 1 doublets must be even, or Witten's global SU(2) anomaly (PLB 117 (1982) 324)
    # makes the theory inconsistent whatever the hypercharges
    odd = list(range(3, config.nc_max + 1, 2))
    nc = 3 if li == 0 else rng.choice(odd[: band_scale(dv, level, 2, len(odd))])
    with_nu = li == 2
    yq = _rational(rng, dv, level)
    ynu = None
    if with_nu:
        while True:  # a right-handed neutrino charge that keeps y_u != y_d and e^c charged
            ynu = _rational(rng, dv, level) * rng.choice([1, -1])
            if ynu != nc * yq and ynu != 2 * nc * yq:
                break
    want = pick(rng, tuple(LINEAR) if li == 0 else tuple(CUBIC))
    label, fn = (LINEAR if li == 0 else CUBIC)[want]
    eqs, sols = anomaly_solutions(nc, with_nu)
    point = {YQ: yq, YN: ynu if with_nu else 0}
    ordered = []
    for sol in sols:  # label the two antiquarks so that y_u < y_d (the two solutions swap them)
        num = {k: v.subs(point) for k, v in sol.items()}
        if num[YU] < num[YD]:
            ordered.append(num)
    if len(ordered) != 1:
        raise ArithmeticError(f"no unique ordered anomaly solution: {sols}")
    (sol,) = ordered
    value = sp.Rational(fn(sol))
    nu_text = (rf", and a right-handed neutrino $\nu^c$ in $(1, 1)$ with $U(1)$ charge $y_\nu = {tex(ynu)}$"
               if with_nu else "")
    group = "$U(1)_X$ (not necessarily the Standard-Model hypercharge)" if with_nu else "$U(1)_Y$"
    problem = (conventions(r"All fermions are written as left-handed Weyl fields; a $U(1)$ charge of a "
                           r"left-handed field enters every anomaly with its sign.")
               + f"\n\nA chiral gauge theory with group $SU({nc})_c\\times SU(2)_L\\times$ {group} has one generation "
               f"of left-handed Weyl fermions: $Q$ in $({nc}, 2)$ with charge $y_Q$, $u^c$ and $d^c$ in "
               f"$(\\overline{{{nc}}}, 1)$ with charges $y_u \\ne y_d$, $L$ in $(1, 2)$ with $y_L$, $e^c$ in "
               f"$(1, 1)$ with $y_e \\ne 0${nu_text}. Require cancellation of the $SU({nc})_c^2\\,U(1)$, "
               f"$SU(2)_L^2\\,U(1)$, gravitational$^2\\,U(1)$ and $U(1)^3$ anomalies (the global $SU(2)$ anomaly "
               f"cancels: there are ${nc + 1}$ doublets), and take $y_Q = {tex(yq)}$. "
               f"Compute {label}. Give it as a single exact value in `\\boxed{{}}`.")
    eq_tex = ",\\quad ".join(f"{tex(e.subs(YN, ynu) if with_nu else e)} = 0" for e in eqs)
    lin = (rf"The linear conditions give $y_L = {tex(-nc * YQ)}$, $y_u + y_d = -2y_Q$ and "
           rf"$y_e = {tex(sp.expand(2 * nc * YQ - (YN if with_nu else 0)))}$" + (rf" with $y_\nu = {tex(ynu)}$" if with_nu else "") + ".")
    steps = [r"Each anomaly is a sum over left-handed Weyl fields weighted by the multiplicity from the other "
             r"group factors: $SU(N_c)^2U(1)$: $\sum T(R_c)\,y\cdot(\dim R_{2})$; $SU(2)^2U(1)$: "
             r"$\sum T(R_2)\,y\cdot(\dim R_c)$; gravitational: $\sum y\,\dim$; cubic: $\sum y^3\dim$.",
             rf"With $N_c = {nc}$ (dropping common factors $T = \tfrac12$): ${eq_tex}$.", lin]
    if li > 0:
        steps.append(r"In the cubic condition use $y_u^3 + y_d^3 = (y_u + y_d)^3 - 3y_uy_d(y_u + y_d)$: it is linear in "
                     rf"the product, $y_uy_d = {tex(sol[YU] * sol[YD])}$, so $y_u, y_d$ are the roots of "
                     rf"$t^2 + 2y_Qt + y_uy_d = 0$: $y_u = {tex(sol[YU])}$, $y_d = {tex(sol[YD])}$ (with $y_u < y_d$).")
    steps.append(rf"With $y_Q = {tex(yq)}$: {label} $= {tex(value)}$.")
    answer = tex(value)
    params = {"N_c": nc, "y_Q": str(yq), "want": want}
    if with_nu:
        params["y_nu"] = str(ynu)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params=params, answer_type="numeric", difficulty=dv)


register(Family(name=NAME, category="Anomalies and Supersymmetry", levels=LEVELS,
                description="Charges of an SM-like generation with N_c colours (and a right-handed neutrino) from "
                            "anomaly cancellation.",
                generate=generate, config=Config(), version=3,  # 3: knob; cubic-only asks above graduate; nu^c
                reference="Geng & Marshak PRD 39 (1989) 693; Minahan, Ramond & Warner PRD 41 (1990) 715"))
