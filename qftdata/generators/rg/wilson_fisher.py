r"""Critical exponents and scaling dimensions at the O(N) Wilson–Fisher fixed point to $O(\epsilon)$,
$d = 4 - \epsilon$, from the one-loop beta function and mass-operator anomalous dimensions computed by
tensor contraction (`rg._quartic`).

$1/\nu = 2 - \frac{N+2}{N+8}\epsilon$, $\Delta_{\phi^2} = 2 - \frac{6}{N+8}\epsilon$,
$\Delta_{T} = 2 - \frac{N+6}{N+8}\epsilon$, $\omega = \epsilon$ (all $+O(\epsilon^2)$).
References: Wilson & Fisher, PRL 28 (1972) 240; Wilson & Kogut, Phys. Rep. 12 (1974) 75;
Kleinert & Schulte-Frohlinde, *Critical Properties of phi^4 Theories* (2001) ch. 17.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import pick, tex
from qftdata.generators.registry import register
from qftdata.generators.rg._quartic import on_quartic
from qftdata.generators.text import UNITS, conventions

NAME = "rg.wilson_fisher_exponents"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
EPS = sp.Symbol("epsilon", positive=True)
NSYM = sp.Symbol("N", positive=True, integer=True)
K = sp.Symbol("kappa", positive=True)

WANTS = {
    "inv_nu": r"the inverse correlation-length exponent $1/\nu$",
    "nu": r"the correlation-length exponent $\nu$",
    "gamma_m": r"the anomalous dimension $\gamma_{m^2} = d\ln m^2/d\ln\mu$ of the mass term at the fixed point",
    "delta_phi2": r"the scaling dimension $\Delta_{\phi^2}$ of the singlet operator $\phi_a\phi_a$",
    "delta_T": (r"the scaling dimension $\Delta_T$ of the traceless symmetric operator "
                r"$\phi_a\phi_b - \frac{\delta_{ab}}{N}\phi_c\phi_c$"),
    "omega": r"the correction-to-scaling exponent $\omega = \beta'(\kappa_*)$",
}


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 12


@cache
def _fixed_point(N):
    b, g_s, g_t = on_quartic(N)
    # d = 4 - eps: beta_kappa = -eps kappa + b kappa^2/(16 pi^2)
    beta = -EPS * K + b * K**2 / (16 * sp.pi**2)
    kstar = [s for s in sp.solve(beta, K) if s != 0][0]
    omega = sp.simplify(sp.diff(beta, K).subs(K, kstar))
    gm = sp.simplify(g_s * kstar / (16 * sp.pi**2))
    gt = sp.simplify(g_t * kstar / (16 * sp.pi**2))
    inv_nu = 2 - gm
    d = 4 - EPS
    raw = {
        "inv_nu": inv_nu,
        "nu": sp.series(1 / inv_nu, EPS, 0, 2).removeO(),
        "gamma_m": gm,
        "delta_phi2": d - inv_nu,
        "delta_T": d - (2 - gt),
        "omega": omega,
    }
    values = {k: sp.collect(sp.expand(v), EPS, sp.factor) for k, v in raw.items()}
    return b, g_s, g_t, kstar, omega, gm, gt, inv_nu, values


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    want = pick(rng, ("inv_nu", "gamma_m", "delta_phi2") if li == 0 else tuple(WANTS))
    symbolic = li >= 1 and rng.random() < 0.5
    n_label = "N" if symbolic else rng.randint(1, config.n_max)
    if want == "delta_T" and not symbolic and n_label < 2:
        n_label = 2
    N = NSYM if symbolic else sp.Integer(n_label)
    b, g_s, g_t, kstar, omega, gm, gt, inv_nu, values = _fixed_point(N)
    value = values[want]
    n_txt = "N" if symbolic else str(n_label)
    problem = (conventions(UNITS, r"Here the dimension is $d = 4 - \epsilon$ (the standard convention of the "
                           r"$\epsilon$-expansion, differing from the $d = 4-2\epsilon$ used for loop integrals).")
               + f"\n\nConsider the $O({n_txt})$ model of ${n_txt}$ real scalars with "
               r"$$\mathcal L = \tfrac12(\partial\phi_a)^2 - \tfrac12 m^2\phi_a\phi_a - \kappa\,\mu^{\epsilon}(\phi_a\phi_a)^2$$"
               f" near $d = 4$. At the infrared-stable (Wilson–Fisher) fixed point, compute {WANTS[want]} to first "
               r"order in $\epsilon$. Give it in terms of $\epsilon$"
               + (" and $N$" if symbolic else "") + ", as a single expression in `\\boxed{}`.")
    steps = [r"One loop: $16\pi^2\beta_{abcd} = \lambda_{abef}\lambda_{efcd} + (2\ \text{perms})$ with "
             r"$\lambda_{abcd} = 8\kappa(\delta_{ab}\delta_{cd}+\delta_{ac}\delta_{bd}+\delta_{ad}\delta_{bc})$; the delta "
             rf"contractions give $\beta_\kappa = -\epsilon\kappa + \frac{{{tex(b)}\,\kappa^2}}{{16\pi^2}}$.",
             rf"Fixed point: $\kappa_* = {tex(kstar)}$; the slope there is $\omega = \beta'(\kappa_*) = {tex(omega)}$.",
             r"Mass operators: $16\pi^2\,\mu\,dm^2_{ab}/d\mu = \lambda_{abef}m^2_{ef}$. For $m^2_{ef} = m^2\delta_{ef}$ this is "
             rf"${tex(g_s)}\kappa\, m^2\delta_{{ab}}$, for a traceless $t_{{ef}}$ it is $16\kappa\,t_{{ab}}$.",
             rf"At $\kappa_*$: $\gamma_{{m^2}} = {tex(gm)}$, $\gamma_T = {tex(gt)}$. The thermal eigenvalue is "
             rf"$1/\nu = 2 - \gamma_{{m^2}} = {tex(sp.factor(inv_nu))}$, and $\Delta_{{\mathcal O}} = d - y_{{\mathcal O}}$ with "
             r"$y = 2 - \gamma$ for the mass-type operators."]
    if want == "nu":
        steps.append(r"Expanding $\nu = 1/(1/\nu)$ to first order in $\epsilon$.")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"N": n_label, "want": want}, symbols=["epsilon"] + (["N"] if symbolic else []))


register(Family(name=NAME, category="Conformal, Supersymmetric, and Dual Structures", levels=LEVELS,
                description="O(N) Wilson-Fisher fixed point: nu, 1/nu, omega and scaling dimensions of phi^2 "
                            "operators to O(epsilon).",
                generate=generate, config=Config(), version=1,
                reference="Wilson & Kogut, Phys. Rep. 12 (1974) 75; Kleinert & Schulte-Frohlinde (2001) ch. 17"))
