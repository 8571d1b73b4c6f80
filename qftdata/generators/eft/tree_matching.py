r"""Tree-level matching: integrate out a heavy scalar or vector mediator by solving its equation of motion
as a local expansion in $\Box/M^2$ (sympy series of the inverse propagator), giving the Wilson coefficients
of the four-fermion operators $J\,\Box^k J$ (dimension $6 + 2k$), or the Fermi constant.

Reference: Fermi theory $G_F/\sqrt2 = g^2/8m_W^2$ (Peskin & Schroeder ch. 20–21);
Manohar, "Introduction to Effective Field Theories", Les Houches 2017, arXiv:1804.05863 sec. 3;
Georgi, Ann. Rev. Nucl. Part. Sci. 43 (1993) 209.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, conventions
from qftdata.schema import LEVELS

NAME = "eft.tree_level_matching"
M, Y, G = sp.symbols("M y g", positive=True)
BOX = sp.Symbol("Box")
NORMS = (sp.Integer(1), sp.Integer(2), sp.sqrt(2), 2 * sp.sqrt(2))

MEDIATORS = {
    # key: (overall factor f such that L_eff = f * coupling^2 * J (Box + M^2)^{-1} J, operator LaTeX fn)
    "rscalar": sp.Rational(1, 2),
    "cscalar": sp.Integer(1),
    "rvector": sp.Rational(-1, 2),
    "cvector": sp.Integer(-1),
}


@cache
def inverse_box_series(order: int) -> tuple:
    """Coefficients c_k of (Box + M^2)^{-1} = sum_k c_k Box^k (sympy series in Box)."""
    ser = sp.series(1 / (BOX + M**2), BOX, 0, order + 1).removeO()
    return tuple(sp.simplify(ser.coeff(BOX, k)) for k in range(order + 1))


def _op(key: str, k: int) -> str:
    box = "" if k == 0 else (r"\Box " if k == 1 else rf"\Box^{{{k}}} ")
    return {"rscalar": rf"J\,{box}J", "cscalar": rf"J^\dagger {box}J",
            "rvector": rf"J_\mu {box}J^\mu", "cvector": rf"J^{{-}}_\mu {box}J^{{+\mu}}"}[key]


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_order: int = 2


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    c = pick(rng, NORMS)
    ctex = "" if c == 1 else rf"\frac{{1}}{{{tex(c)}}}"
    if li == 0 or (li == 1 and rng.random() < 0.5):
        key = "cvector"
        want = "GF"
        k = 0
    else:
        key = pick(rng, tuple(MEDIATORS))
        want = "wilson"
        k = 0 if li == 1 else rng.randint(1 if li == 3 else 0, config.max_order)
    coup = G if key.endswith("vector") else Y
    series = inverse_box_series(config.max_order)
    coeff = sp.factor(MEDIATORS[key] * (coup / c) ** 2 * series[k])
    cn = tex(coup)
    if key == "rscalar":
        lag = (rf"$$\mathcal L = \tfrac12(\partial\phi)^2 - \tfrac12M^2\phi^2 - {ctex}{cn}\,\phi\,J + \dots$$ "
               r"for a heavy real scalar $\phi$ coupled to a light Hermitian scalar bilinear $J$ (e.g. $\bar\psi\psi$)")
    elif key == "cscalar":
        lag = (rf"$$\mathcal L = |\partial\Phi|^2 - M^2|\Phi|^2 - {ctex}{cn}\,(\Phi\,J + \Phi^\dagger J^\dagger) + \dots$$ "
               r"for a heavy complex scalar $\Phi$ coupled to a light scalar bilinear $J$ (e.g. $\bar\psi_1\psi_2$)")
    elif key == "rvector":
        lag = (rf"$$\mathcal L = -\tfrac14 Z'_{{\mu\nu}}Z'^{{\mu\nu}} + \tfrac12M^2Z'_\mu Z'^\mu - {ctex}{cn}\,Z'_\mu J^\mu + \dots$$ "
               r"for a heavy real vector $Z'$ coupled to a conserved light current $J^\mu$")
    else:
        lag = (rf"$$\mathcal L = -\tfrac12 W^+_{{\mu\nu}}W^{{-\mu\nu}} + M^2W^+_\mu W^{{-\mu}} - {ctex}{cn}\,"
               r"(W^+_\mu J^{-\mu} + W^-_\mu J^{+\mu}) + \dots$$ for a heavy charged vector $W^\pm$ of mass $M$ "
               r"coupled to conserved currents $J^{\pm\mu}$, with $J^{+\mu} = \bar\nu\gamma^\mu P_L e$, "
               r"$J^{-\mu} = (J^{+\mu})^\dagger$, $P_L = (1-\gamma^5)/2$")
    if want == "GF":
        value = sp.factor(sp.solve(sp.Eq(-4 * sp.Symbol("G_F") / sp.sqrt(2), coeff), sp.Symbol("G_F"))[0])
        what = (r"the Fermi constant $G_F$, defined by matching the result onto "
                r"$\mathcal L_{\rm eff} = -\frac{4G_F}{\sqrt2}\,(\bar\nu\gamma^\mu P_L e)(\bar e\gamma_\mu P_L\nu)$")
    else:
        value = coeff
        what = (rf"the Wilson coefficient $C$ of the dimension-{6 + 2 * k} operator ${_op(key, k)}$ in the tree-level "
                r"effective Lagrangian $\mathcal L_{\rm eff} \supset C\," + _op(key, k) + "$ (treat $J$ as a product of "
                r"commuting bilinears and keep $\Box$ acting on the right-hand current)")
    problem = (conventions(UNITS, METRIC, r"$\Box = \partial_\mu\partial^\mu$.")
               + f"\n\nConsider {lag}. Integrate out the heavy field at tree level (solve its equation of motion as an "
               r"expansion in $\Box/M^2$ and substitute back). Compute " + what
               + f". Give it in terms of ${cn}$ and $M$, as a single expression in `\\boxed{{}}`.")
    ser_tex = tex(sum(series[j] * sp.Symbol(r"\Box") ** j for j in range(len(series))))
    steps = {
        "rscalar": r"EOM: $(\Box + M^2)\phi = -\kappa J$ with $\kappa$ the coupling, so $\phi = -\kappa(\Box+M^2)^{-1}J$; "
                   r"substituting, $\mathcal L_{\rm eff} = \tfrac{\kappa^2}{2}J(\Box+M^2)^{-1}J$.",
        "cscalar": r"EOM: $(\Box + M^2)\Phi = -\kappa J^\dagger$; substituting, "
                   r"$\mathcal L_{\rm eff} = \kappa^2 J^\dagger(\Box+M^2)^{-1}J$ (up to the ordering of the currents).",
        "rvector": r"EOM (conserved current, so $\partial\cdot Z' = 0$): $(\Box + M^2)Z'_\mu = \kappa J_\mu$; substituting, "
                   r"$\mathcal L_{\rm eff} = -\tfrac{\kappa^2}{2}J_\mu(\Box+M^2)^{-1}J^\mu$.",
        "cvector": r"EOM: $(\Box + M^2)W^\pm_\mu = \kappa J^\pm_\mu$; substituting, "
                   r"$\mathcal L_{\rm eff} = -\kappa^2 J^-_\mu(\Box+M^2)^{-1}J^{+\mu}$.",
    }[key]
    sol = [rf"Write the coupling as $\kappa = {tex(coup / c)}$.", steps,
           rf"Local expansion: $(\Box + M^2)^{{-1}} = {ser_tex} + \dots$.",
           rf"The coefficient of the requested order is ${tex(coeff)}$."]
    if want == "GF":
        sol.append(rf"Matching $-\kappa^2/M^2 = -4G_F/\sqrt2$: $G_F = {tex(value)}$.")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(sol) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"mediator": key, "norm": str(c), "order": k, "want": want},
                 symbols=[str(coup), "M"])


register(Family(name=NAME, category="Effective Field Theories", levels=LEVELS,
                description="Tree-level matching of heavy scalar/vector exchange onto four-fermion operators; G_F.",
                generate=generate, config=Config(), version=1,
                reference="Manohar, Les Houches EFT lectures arXiv:1804.05863; Peskin & Schroeder ch. 20-21"))
