r"""Finite part of the one-loop scalar bubble (Euclidean), via Feynman parameters and an explicit sympy
integration over the Feynman parameter.

$B = \Big(\frac{\mu^2e^{\gamma_E}}{4\pi}\Big)^\epsilon\int\frac{d^dk}{(2\pi)^d}\frac{1}{(k^2+m_1^2)((k+p)^2+m_2^2)}
 = \frac{1}{16\pi^2}\Big[\frac1\epsilon - \int_0^1dx\,\ln\frac{\Delta(x)}{\mu^2}\Big] + O(\epsilon)$,
$\Delta = xm_1^2 + (1-x)m_2^2 + x(1-x)p^2$.
Reference: 't Hooft & Veltman, Nucl. Phys. B153 (1979) 365; Denner, Fortsch. Phys. 41 (1993) 307, eq. (4.23)
(closed form of $B_0$ used in the tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import EUCLID, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions

NAME = "loops.bubble_finite_part"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
X = sp.Symbol("x", positive=True)
M, MU = sp.symbols("m mu", positive=True)
RATIOS = (1, 2, 3, 4, 5, 6, 8, 12, 16, sp.Rational(1, 2), sp.Rational(4, 3))


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


@cache
def parameter_integral(kind: str, r) -> sp.Expr:
    """int_0^1 ln(Delta/m^2) dx for the kinematics `kind` with ratio r (sympy integrate)."""
    if kind == "equal":       # m1 = m2 = m, p^2 = r m^2
        integrand = sp.log(1 + r * X * (1 - X))
    elif kind == "one_massless":  # m1 = m, m2 = 0, p^2 = r m^2: Delta = x m^2 (1 + r (1 - x))
        integrand = sp.log(X) + sp.log(1 + r * (1 - X))
    else:                     # p^2 = 0, m1 = m, m2^2 = r m^2
        integrand = sp.log(X + (1 - X) * r)
    val = sp.integrate(integrand, (X, 0, 1))
    val = sp.expand(sp.expand_log(sp.simplify(val), force=True))
    if val.has(sp.I) or val.has(sp.atanh) or val.has(sp.acoth):
        raise ArithmeticError(f"unexpected form {val}")
    return val


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    kind = "equal" if li == 0 else pick(rng, ("equal", "one_massless", "zero_momentum"))
    r = pick(rng, RATIOS[:9] if kind != "zero_momentum" else (2, 3, 4, 5, 9, sp.Rational(1, 4), sp.Rational(1, 2)))
    r = sp.Rational(r)
    integral = parameter_integral(kind, r)
    want = "finite" if li < 2 else pick(rng, ("finite", "finite_at_mu"))
    lsym = sp.Symbol("L_mu")  # placeholder for ln(mu^2/m^2), kept as one logarithm
    finite_l = sp.expand((lsym - integral) / (16 * sp.pi**2))
    finite = finite_l.subs(lsym, sp.log(MU**2 / M**2))
    value = finite if want == "finite" else finite_l.subs(lsym, 0)
    if kind == "equal":
        kin = rf"$m_1 = m_2 = m$ and Euclidean external momentum with $p^2 = {tex(r * M**2)}$"
        delta = rf"m^2\left[1 + {tex(r)}\,x(1-x)\right]"
    elif kind == "one_massless":
        kin = rf"$m_1 = m$, $m_2 = 0$ and Euclidean external momentum with $p^2 = {tex(r * M**2)}$"
        delta = rf"x\,m^2\left[1 + {tex(r)}(1-x)\right]"
    else:
        kin = rf"$p = 0$, $m_1 = m$ and $m_2^2 = {tex(r * M**2)}$"
        delta = rf"m^2\left[x + {tex(r)}(1-x)\right]"
    target = ("the $O(\\epsilon^0)$ term of its Laurent expansion about $\\epsilon = 0$" if want == "finite" else
              "the $O(\\epsilon^0)$ term of its Laurent expansion about $\\epsilon = 0$, evaluated at $\\mu = m$")
    syms = ["m", "mu"] if want == "finite" else []
    problem = (conventions(UNITS, EUCLID, r"Work in $d = 4 - 2\epsilon$; the prefactor implements the "
                           r"$\overline{\rm MS}$ scale $\mu$.")
               + "\n\nConsider the one-loop bubble integral\n\n"
               r"$$B = \Big(\frac{\mu^2 e^{\gamma_E}}{4\pi}\Big)^{\epsilon}\int\frac{d^dk}{(2\pi)^d}\,"
               r"\frac{1}{(k^2+m_1^2)\,((k+p)^2+m_2^2)}$$"
               f"\n\nwith {kin}. Compute {target}. "
               + ("Give it in terms of $m$ and $\\mu$, as a single expression in `\\boxed{}`." if syms
                  else "Give it as a single exact value in `\\boxed{}`."))
    steps = [r"Feynman parameters: $\frac{1}{AB} = \int_0^1\frac{dx}{[xA + (1-x)B]^2}$ with $A = k^2 + m_1^2$, "
             r"$B = (k+p)^2 + m_2^2$; completing the square and shifting $k$ gives $\int_0^1dx\int\frac{d^dk}{(2\pi)^d}\frac{1}{(k^2+\Delta)^2}$ with "
             r"$\Delta = xm_1^2 + (1-x)m_2^2 + x(1-x)p^2$ (after $x\to 1-x$).",
             r"The master integral gives $\frac{1}{16\pi^2}\big[\frac1\epsilon + \ln\frac{\mu^2}{\Delta}\big] + O(\epsilon)$, so "
             r"the finite part is $\frac{1}{16\pi^2}\big[\ln\frac{\mu^2}{m^2} - \int_0^1dx\ln\frac{\Delta}{m^2}\big]$.",
             rf"Here $\Delta = {delta}$ and $\int_0^1dx\,\ln(\Delta/m^2) = {tex(integral)}$.",
             rf"Hence the $\epsilon^0$ term is ${tex(finite)}$." + (" At $\\mu = m$ the logarithm vanishes." if want != "finite" else "")]
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"kind": kind, "r": str(r), "want": want}, symbols=syms)


register(Family(name=NAME, category="Loop and Regularization Techniques", levels=LEVELS,
                description="Finite part of the Euclidean one-loop bubble via a Feynman-parameter integral.",
                generate=generate, config=Config(), version=2,  # 2: exact golds (no nsimplify, which garbled some rationals)
                reference="'t Hooft & Veltman NPB 153 (1979) 365; Denner Fortsch. Phys. 41 (1993) 307 eq. (4.23)"))
