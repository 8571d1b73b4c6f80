r"""Tree-level matching: integrate out a heavy scalar or vector mediator by solving its equation of motion
as a local expansion in $\Box/M^2$ (sympy series of the inverse propagator), giving the Wilson coefficients
of the four-fermion operators $J\,\Box^k J$ (dimension $6 + 2k$), or the Fermi constant.

Two currents $J_1, J_2$ with charges, through a heavy scalar or a heavy $Z'$, give the cross operator; at
postgraduate level two heavy scalars with mass mixing (the light current on either or both),
$(\Box + \mathcal M^2)^{-1} = \sum_k(-\Box)^k(\mathcal M^2)^{-(k+1)}$ (several scales).
Reference: Fermi theory $G_F/\sqrt2 = g^2/8m_W^2$ (Peskin & Schroeder ch. 20–21);
Manohar, "Introduction to Effective Field Theories", Les Houches 2017, arXiv:1804.05863 sec. 3;
Georgi, Ann. Rev. Nucl. Part. Sci. 43 (1993) 209.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.foundations._knob import band_scale
from qftdata.generators.loops._common import pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, conventions
from qftdata.schema import LEVELS

NAME = "eft.tree_level_matching"
M, Y, G = sp.symbols("M y g", positive=True)
Y1, Y2, MU = sp.symbols("y_1 y_2 mu", positive=True)
BOX = sp.Symbol("Box")
# coupling normalisations kappa = coupling / c, easy to hard
NORMS = (sp.Integer(1), sp.Integer(2), sp.sqrt(2), sp.Integer(4), 2 * sp.sqrt(2), sp.Integer(3), sp.sqrt(3),
         3 * sp.sqrt(2), sp.Integer(6), 2 * sp.sqrt(3), sp.Integer(8), 4 * sp.sqrt(2))
CHARGES = (sp.Integer(1), sp.Integer(2), sp.Rational(1, 2), sp.Integer(3), sp.Rational(1, 3), sp.Rational(2, 3),
           sp.Rational(3, 2), sp.Integer(4), sp.Rational(1, 4), sp.Rational(3, 4), sp.Rational(4, 3), sp.Integer(5))

MEDIATORS = {
    # key: overall factor f such that L_eff = f * kappa^2 * J (Box + M^2)^{-1} J
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


@cache
def _series_tex(order: int) -> str:
    """LaTeX of the local expansion of (Box + M^2)^{-1} (the same text in every draw: printed once)."""
    series = inverse_box_series(order)
    return tex(sum(series[j] * sp.Symbol(r"\Box") ** j for j in range(len(series))))


@cache
def mixed_inverse_powers(m2sq, mix, order: int) -> tuple:
    """(Box + M^2)^{-1} for the 2x2 mass matrix [[M^2, mix], [mix, m2sq]] as sum_k Box^k X_k with
    X_k = (-1)^k (M^2)^{-(k+1)} (matrix inverse powers; valid for Box below the smaller eigenvalue)."""
    mass2 = sp.Matrix([[M**2, mix], [mix, m2sq]])
    inv = mass2.inv()
    out, power = [], inv
    for k in range(order + 1):
        out.append(((-1) ** k * power).applyfunc(sp.factor))
        power = power * inv
    return tuple(out)


def _op(key: str, k: int, pair: bool = False) -> str:
    box = "" if k == 0 else (r"\Box " if k == 1 else rf"\Box^{{{k}}} ")
    if pair:
        return rf"J_{{1\mu}}\,{box}J_2^\mu" if key == "rvector" else rf"J_1\,{box}J_2"
    return {"rscalar": rf"J\,{box}J", "cscalar": rf"J^\dagger {box}J",
            "rvector": rf"J_\mu {box}J^\mu", "cvector": rf"J^{{-}}_\mu {box}J^{{+\mu}}"}[key]


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_order: int = 3

    def validate(self) -> None:
        if not 1 <= self.max_order <= 5:
            raise ValueError("max_order must be in 1..5")


def _lagrangian(key: str, ctex: str, cn: str) -> str:
    if key == "rscalar":
        return (rf"$$\mathcal L = \tfrac12(\partial\phi)^2 - \tfrac12M^2\phi^2 - {ctex}{cn}\,\phi\,J + \dots$$ "
                r"for a heavy real scalar $\phi$ coupled to a light Hermitian scalar bilinear $J$ (e.g. $\bar\psi\psi$)")
    if key == "cscalar":
        return (rf"$$\mathcal L = |\partial\Phi|^2 - M^2|\Phi|^2 - {ctex}{cn}\,(\Phi\,J + \Phi^\dagger J^\dagger) + \dots$$ "
                r"for a heavy complex scalar $\Phi$ coupled to a light scalar bilinear $J$ (e.g. $\bar\psi_1\psi_2$)")
    if key == "rvector":
        return (rf"$$\mathcal L = -\tfrac14 Z'_{{\mu\nu}}Z'^{{\mu\nu}} + \tfrac12M^2Z'_\mu Z'^\mu - {ctex}{cn}\,Z'_\mu J^\mu + \dots$$ "
                r"for a heavy real vector $Z'$ coupled to a conserved light current $J^\mu$")
    return (rf"$$\mathcal L = -\tfrac12 W^+_{{\mu\nu}}W^{{-\mu\nu}} + M^2W^+_\mu W^{{-\mu}} - {ctex}{cn}\,"
            r"(W^+_\mu J^{-\mu} + W^-_\mu J^{+\mu}) + \dots$$ for a heavy charged vector $W^\pm$ of mass $M$ "
            r"coupled to conserved currents $J^{\pm\mu}$, with $J^{+\mu} = \bar\nu\gamma^\mu P_L e$, "
            r"$J^{-\mu} = (J^{+\mu})^\dagger$, $P_L = (1-\gamma^5)/2$")


EOM = {
    "rscalar": r"EOM: $(\Box + M^2)\phi = -\kappa J$ with $\kappa$ the coupling, so $\phi = -\kappa(\Box+M^2)^{-1}J$; "
               r"substituting, $\mathcal L_{\rm eff} = \tfrac{\kappa^2}{2}J(\Box+M^2)^{-1}J$.",
    "cscalar": r"EOM: $(\Box + M^2)\Phi = -\kappa J^\dagger$; substituting, "
               r"$\mathcal L_{\rm eff} = \kappa^2 J^\dagger(\Box+M^2)^{-1}J$ (up to the ordering of the currents).",
    "rvector": r"EOM (conserved current, so $\partial\cdot Z' = 0$): $(\Box + M^2)Z'_\mu = \kappa J_\mu$; substituting, "
               r"$\mathcal L_{\rm eff} = -\tfrac{\kappa^2}{2}J_\mu(\Box+M^2)^{-1}J^\mu$.",
    "cvector": r"EOM: $(\Box + M^2)W^\pm_\mu = \kappa J^\pm_\mu$; substituting, "
               r"$\mathcal L_{\rm eff} = -\kappa^2 J^-_\mu(\Box+M^2)^{-1}J^{+\mu}$.",
}


def _single(rng, dv: float, level: str, config: Config):
    """One mediator, one current: G_F or the coefficient of J Box^k J (k grows with the level and the knob)."""
    li = LEVELS.index(level)
    c = pick(rng, NORMS[: band_scale(dv, level, 6, len(NORMS))])
    if li == 0 and rng.random() < 0.3:
        key, want, k = "cvector", "GF", 0
    else:
        key, want = pick(rng, tuple(MEDIATORS)), "wilson"
        k = {0: 0, 1: 1}.get(li, rng.randint(2, config.max_order))
    coup = G if key.endswith("vector") else Y
    series = inverse_box_series(config.max_order)
    coeff = sp.factor(MEDIATORS[key] * (coup / c) ** 2 * series[k])
    ctex = "" if c == 1 else rf"\frac{{1}}{{{tex(c)}}}"
    cn = tex(coup)
    if want == "GF":
        value = sp.factor(sp.solve(sp.Eq(-4 * sp.Symbol("G_F") / sp.sqrt(2), coeff), sp.Symbol("G_F"))[0])
        what = (r"the Fermi constant $G_F$, defined by matching the result onto "
                r"$\mathcal L_{\rm eff} = -\frac{4G_F}{\sqrt2}\,(\bar\nu\gamma^\mu P_L e)(\bar e\gamma_\mu P_L\nu)$")
    else:
        value = coeff
        what = (rf"the Wilson coefficient $C$ of the dimension-{6 + 2 * k} operator ${_op(key, k)}$ in the tree-level "
                r"effective Lagrangian $\mathcal L_{\rm eff} \supset C\," + _op(key, k) + "$ (treat $J$ as a product of "
                r"commuting bilinears and keep $\Box$ acting on the right-hand current)")
    ser_tex = _series_tex(config.max_order)
    sol = [rf"Write the coupling as $\kappa = {tex(coup / c)}$.", EOM[key],
           rf"Local expansion: $(\Box + M^2)^{{-1}} = {ser_tex} + \dots$.",
           rf"The coefficient of the requested order is ${tex(coeff)}$."]
    if want == "GF":
        sol.append(rf"Matching $-\kappa^2/M^2 = -4G_F/\sqrt2$: $G_F = {tex(value)}$.")
    params = {"mediator": key, "norm": str(c), "order": k, "want": want}
    return _lagrangian(key, ctex, cn), what, value, sol, params, [str(coup), "M"], [], ""


def _two_currents(rng, dv: float, level: str, config: Config):
    """A heavy real scalar (or a heavy real vector, a Z' with two charges) coupled to two currents with charges
    q_1, q_2: the J_1 J_2 cross term."""
    li = LEVELS.index(level)
    key = pick(rng, ("rscalar", "rvector"))
    q1, q2 = (pick(rng, CHARGES[: band_scale(dv, level, 5, len(CHARGES))]) for _ in range(2))
    k = min(li, config.max_order)  # dimension 6, 8, 10 at the first three levels
    series = inverse_box_series(config.max_order)
    coup = G if key == "rvector" else Y
    kappa1, kappa2 = q1 * coup, q2 * coup
    # f (k1 J1 + k2 J2) O (k1 J1 + k2 J2): the cross terms J1 O J2 + J2 O J1 are one operator (integration by parts)
    value = sp.factor(2 * MEDIATORS[key] * kappa1 * kappa2 * series[k])
    charges = f"{tex(q1)}\\,J_1 + {tex(q2)}\\,J_2"
    if key == "rvector":
        vec_charges = charges.replace("J_1", r"J_1^\mu").replace("J_2", r"J_2^\mu")
        lag = (r"$$\mathcal L = -\tfrac14 Z'_{\mu\nu}Z'^{\mu\nu} + \tfrac12M^2Z'_\mu Z'^\mu - g\,Z'_\mu("
               + vec_charges + r") + \dots$$ for a heavy real vector $Z'$ coupled to two conserved light currents "
               r"$J_1^\mu$, $J_2^\mu$")
        eom = (r"EOM (conserved currents, so $\partial\cdot Z' = 0$): $(\Box + M^2)Z'_\mu = gJ_\mu$ with $J_\mu = "
               + charges.replace("J_1", r"J_{1\mu}").replace("J_2", r"J_{2\mu}")
               + r"$, so $\mathcal L_{\rm eff} = -\tfrac{g^2}{2}J_\mu(\Box+M^2)^{-1}J^\mu$.")
        half = r"\left(-\tfrac{1}{2}\right)"
    else:
        lag = (r"$$\mathcal L = \tfrac12(\partial\phi)^2 - \tfrac12M^2\phi^2 - y\,\phi\,(" + charges
               + r") + \dots$$ for a heavy real scalar $\phi$ coupled to two light Hermitian scalar bilinears "
               r"$J_1$, $J_2$")
        eom = (r"EOM: $(\Box + M^2)\phi = -yJ$ with $J = " + charges + r"$, so "
               r"$\mathcal L_{\rm eff} = \tfrac{y^2}{2}J(\Box+M^2)^{-1}J$.")
        half = r"\tfrac{1}{2}"
    op = _op(key, k, pair=True)
    what = (rf"the Wilson coefficient $C$ of the dimension-{6 + 2 * k} operator ${op}$ in the "
            r"tree-level effective Lagrangian $\mathcal L_{\rm eff} \supset C\," + op + "$ (treat "
            r"$J_1\Box^kJ_2$ and $J_2\Box^kJ_1$ as the same operator: they differ by a total derivative)")
    ser_tex = _series_tex(config.max_order)
    sol = [eom,
           rf"Local expansion: $(\Box + M^2)^{{-1}} = {ser_tex} + \dots$.",
           rf"The cross terms $J_1(\ldots)J_2 + J_2(\ldots)J_1$ are equal after integrating by parts, so "
           rf"$C = 2\cdot{half}\,({tex(kappa1)})({tex(kappa2)})\cdot({tex(series[k])}) = {tex(value)}$."]
    params = {"mediator": key + "2", "q": [str(q1), str(q2)], "order": k, "want": "cross"}
    return lag, what, value, sol, params, [str(coup), "M"], [], ""


def _mixing(rng, dv: float, level: str, config: Config):
    """Postgraduate: two heavy real scalars with mass mixing; J couples to the first, the second or both."""
    couples = pick(rng, ("first", "second", "both"))
    a = rng.randint(2, band_scale(dv, level, 6, 16))
    b = rng.randint(1, max(1, int(sp.sqrt(a - 1))))   # mixing mu^2 = b M^2 with b^2 < a (positive eigenvalues)
    k = rng.randint(0, config.max_order)
    m2sq, mix = a * M**2, b * M**2
    X = mixed_inverse_powers(m2sq, mix, k)[k]
    kap = sp.Matrix({"first": [Y1, 0], "second": [0, Y2], "both": [Y1, Y2]}[couples])
    value = sp.factor(sp.Rational(1, 2) * (kap.T * X * kap)[0, 0])
    coupling = {"first": r"y_1\,\phi_1 J", "second": r"y_2\,\phi_2 J", "both": r"y_1\,\phi_1 J + y_2\,\phi_2 J"}[couples]
    lag = (rf"$$\mathcal L = \sum_{{i=1,2}}\tfrac12(\partial\phi_i)^2 - \tfrac12 M^2\phi_1^2 - \tfrac12\,{a}M^2\phi_2^2 "
           rf"- {b if b > 1 else ''}M^2\phi_1\phi_2 - ({coupling}) + \dots$$ for two heavy real scalars with mass "
           r"mixing, coupled to a light Hermitian scalar bilinear $J$")
    what = (rf"the Wilson coefficient $C$ of the dimension-{6 + 2 * k} operator ${_op('rscalar', k)}$ in the "
            r"tree-level effective Lagrangian $\mathcal L_{\rm eff} \supset C\," + _op("rscalar", k) + "$")
    sol = [r"With $\Phi = (\phi_1, \phi_2)$ and mass matrix $\mathcal M^2 = " + tex(sp.Matrix([[M**2, mix], [mix, m2sq]]))
           + r"$ (positive definite), the EOM is $(\Box + \mathcal M^2)\Phi = -\kappa J$ with $\kappa = "
           + tex(kap.T) + r"^T$, so $\mathcal L_{\rm eff} = \tfrac12 J\,\kappa^T(\Box + \mathcal M^2)^{-1}\kappa\,J$.",
           r"Expand $(\Box + \mathcal M^2)^{-1} = \sum_k (-1)^k\Box^k(\mathcal M^2)^{-(k+1)}$; the order-$\Box^{"
           + str(k) + r"}$ matrix is $" + tex(X) + "$.",
           rf"So $C = \tfrac12\kappa^T(\ldots)\kappa = {tex(value)}$."]
    params = {"mediator": "mixing", "a": a, "b": b, "order": k, "couples": couples, "want": "wilson"}
    syms = {"first": ["y_1", "M"], "second": ["y_2", "M"], "both": ["y_1", "y_2", "M"]}[couples]
    return lag, what, value, sol, params, syms, [], ""


def generate(rng, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    li = LEVELS.index(level)
    if li == 3:
        build = _mixing
    elif rng.random() < 0.4:
        build = _two_currents
    else:
        build = _single
    lag, what, value, sol, params, syms, domain, _ = build(rng, dv, level, config)
    names = {"y_1": "y_1", "y_2": "y_2", "mu": r"\mu"}
    problem = (conventions(UNITS, METRIC, r"$\Box = \partial_\mu\partial^\mu$.")
               + f"\n\nConsider {lag}. Integrate out the heavy field{'s' if li == 3 else ''} at tree level (solve "
               r"the equations of motion as an expansion in $\Box/M^2$ and substitute back). Compute " + what
               + f". Give it in terms of {', '.join('$' + names.get(x, x) + '$' for x in syms[:-1])} and "
               f"${syms[-1]}$, as a single expression in `\\boxed{{}}`.")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(sol) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params=params, symbols=syms, difficulty=dv, domain=domain)


register(Family(name=NAME, category="Effective Field Theories", levels=LEVELS,
                description="Tree-level matching of heavy scalar/vector exchange (two currents, mass mixing) onto "
                            "four-fermion operators; G_F.",
                generate=generate, config=Config(), version=3,  # 3: Z' with two charges; mixing: J on either/both, k <= 3
                reference="Manohar, Les Houches EFT lectures arXiv:1804.05863; Peskin & Schroeder ch. 20-21"))
