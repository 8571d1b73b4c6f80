r"""One-loop QED vacuum polarisation from a charged Dirac fermion or complex scalar loop: the
on-shell-subtracted $\hat\Pi(q^2) = \Pi(q^2) - \Pi(0)$ from its Feynman-parameter representation,
either as Taylor coefficients in $q^2/m^2$ (Uehling) or as the large-$|q^2|$ logarithm (running of $\alpha$).

Dirac: $\hat\Pi_2 = -\frac{2\alpha}{\pi}Q^2N_c\int_0^1dx\,x(1-x)\ln\frac{m^2}{m^2 - x(1-x)q^2}$ (P&S (7.91));
scalar: $-\frac{\alpha}{4\pi}Q^2N_c\int_0^1dx\,(1-2x)^2\ln\frac{m^2}{m^2-x(1-x)q^2}$ (P&S problem 9.1, Srednicki ch. 66).
The $x$ integrals are done by sympy. References: Peskin & Schroeder (7.90)-(7.93); Uehling, Phys. Rev. 48 (1935) 55.
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

NAME = "renormalization.vacuum_polarization"
ALPHA = sp.Symbol("alpha", positive=True)
X = sp.Symbol("x", positive=True)
CHARGES = (sp.Integer(1), sp.Integer(2), sp.Rational(1, 3), sp.Rational(2, 3))


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_order: int = 3


def _kernel(particle: str) -> tuple[sp.Expr, sp.Expr]:
    """(prefactor / alpha, x-weight) of Pi-hat = -prefactor * int weight * ln(m^2/(m^2 - x(1-x)q^2))."""
    if particle == "dirac":
        return 2 / sp.pi, X * (1 - X)
    return 1 / (4 * sp.pi), (1 - 2 * X) ** 2


@cache
def taylor_coefficient(particle: str, k: int) -> sp.Expr:
    """c_k (per alpha Q^2 N_c) with Pi-hat = sum_k c_k (q^2/m^2)^k: -ln(1 - u) = sum u^k/k, u = x(1-x)q^2/m^2."""
    pref, weight = _kernel(particle)
    return sp.simplify(-pref * sp.integrate(weight * (X * (1 - X)) ** k / k, (X, 0, 1)))


@cache
def log_coefficient(particle: str) -> sp.Expr:
    """Coefficient of ln(-q^2/m^2) in Pi-hat as -q^2 -> infinity: ln(m^2/(m^2 + x(1-x)Q^2)) ~ -ln(Q^2/m^2)."""
    pref, weight = _kernel(particle)
    return sp.simplify(pref * sp.integrate(weight, (X, 0, 1)))


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    particle = "dirac" if li == 0 else pick(rng, ("dirac", "scalar"))
    q = sp.Integer(1) if li == 0 else pick(rng, CHARGES)
    nc = 1 if li <= 1 else pick(rng, (1, 3))
    want = "taylor" if li == 0 else pick(rng, ("taylor", "log"))
    k = 1 if li == 0 else rng.randint(1, config.max_order)
    if want == "log":
        k = 0  # not used
    mult = q**2 * nc
    if want == "taylor":
        value = sp.factor(ALPHA * mult * taylor_coefficient(particle, k))
        what = (rf"the coefficient $c_{{{k}}}$ in the expansion $\hat\Pi(q^2) = \sum_{{n\ge1}} c_n\,(q^2/m^2)^n$ "
                r"for $|q^2| \ll m^2$")
    else:
        value = sp.factor(ALPHA * mult * log_coefficient(particle))
        what = (r"the coefficient $b$ of the leading logarithm, $\hat\Pi(q^2) \simeq b\,\ln(-q^2/m^2)$ for "
                r"$-q^2 \gg m^2$")
    who = ("a Dirac fermion" if particle == "dirac" else "a complex scalar") + f" of mass $m$ and charge $Q = {tex(q)}$ (in units of $e$)"
    if nc > 1:
        who += f", coming in $N_c = {nc}$ colours"
    kern = (r"-\frac{2\alpha}{\pi}\int_0^1 dx\,x(1-x)" if particle == "dirac"
            else r"-\frac{\alpha}{4\pi}\int_0^1 dx\,(1-2x)^2")
    problem = (conventions(UNITS, METRIC, r"$\alpha = e^2/4\pi$. The photon self-energy is "
                           r"$i\Pi^{\mu\nu}(q) = i(q^2g^{\mu\nu} - q^\mu q^\nu)\Pi(q^2)$ and "
                           r"$\hat\Pi(q^2) = \Pi(q^2) - \Pi(0)$ is the on-shell subtracted function entering "
                           r"$\alpha_{\rm eff}(q^2) = \alpha/(1 - \hat\Pi(q^2))$.")
               + f"\n\nConsider the one-loop contribution to $\\hat\\Pi(q^2)$ from {who}. Compute {what}. "
               "Give it in terms of $\\alpha$, as a single expression in `\\boxed{}`.")
    steps = [r"Feynman parameters and dimensional regularisation give, for a unit-charge loop, "
             rf"$\hat\Pi(q^2) = {kern}\,\ln\frac{{m^2}}{{m^2 - x(1-x)q^2}}$; a charge $Q$ and $N_c$ colours multiply "
             rf"this by $Q^2N_c = {tex(mult)}$."]
    if want == "taylor":
        steps += [r"Expand $\ln\frac{m^2}{m^2 - x(1-x)q^2} = -\ln(1-u) = \sum_{n\ge1}\frac{u^n}{n}$ with "
                  r"$u = x(1-x)q^2/m^2$.",
                  rf"The order-${k}$ term needs $\int_0^1 dx\,w(x)\,[x(1-x)]^{{{k}}}/{k}$; sympy gives "
                  rf"$c_{{{k}}} = {tex(value)}$."]
    else:
        steps += [r"For $-q^2 = Q_E^2 \gg m^2$: $\ln\frac{m^2}{m^2 + x(1-x)Q_E^2} = -\ln\frac{Q_E^2}{m^2} - \ln[x(1-x)] + O(m^2/Q_E^2)$.",
                  rf"So $b = -(\text{{prefactor}})\times(-1)\int_0^1 w(x)\,dx = {tex(value)}$."]
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"particle": particle, "Q": str(q), "N_c": nc, "want": want, "k": k}, symbols=["alpha"])


register(Family(name=NAME, category="Renormalization and Quantum Corrections", levels=LEVELS,
                description="One-loop QED vacuum polarisation (Dirac or scalar loop): Uehling Taylor coefficients "
                            "and the leading large-q^2 logarithm.",
                generate=generate, config=Config(), version=1,
                reference="Peskin & Schroeder (7.90)-(7.93); Uehling Phys. Rev. 48 (1935) 55"))
