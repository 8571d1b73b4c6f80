r"""Finite part of the one-loop scalar bubble (Euclidean), via Feynman parameters and an exact integration over
the Feynman parameter (`loops._feynman`: the log of the quadratic $\Delta(x)$ is split at its roots).

$B = \Big(\frac{\mu^2e^{\gamma_E}}{4\pi}\Big)^\epsilon\int\frac{d^dk}{(2\pi)^d}\frac{1}{(k^2+m_1^2)((k+p)^2+m_2^2)}
 = \frac{1}{16\pi^2}\Big[\frac1\epsilon - \int_0^1dx\,\ln\frac{\Delta(x)}{\mu^2}\Big] + O(\epsilon)$,
$\Delta = xm_1^2 + (1-x)m_2^2 + x(1-x)p^2$.

Levels (the rubric in docs/generators.md): graduate — equal masses, one ratio $p^2/m^2$; advanced-graduate —
two scales (one massless line, or $p = 0$ with unequal masses); postgraduate — all three scales, or the
slope $\partial B/\partial p^2$ at $p^2 = 0$ for unequal masses (wave-function-renormalisation type). The knob
grows the numerators/denominators of the mass and momentum ratios.
Reference: 't Hooft & Veltman, Nucl. Phys. B153 (1979) 365; Denner, Fortsch. Phys. 41 (1993) 307, eqs. (4.23)-(4.25)
(closed forms of $B_0$ used in the tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import EUCLID, band_position, pick, small_rationals, tex
from qftdata.generators.loops._feynman import inverse_moment, log_moment
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions

NAME = "loops.bubble_finite_part"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
X = sp.Symbol("x", positive=True)
M, MU = sp.symbols("m mu", positive=True)
KINDS = {"graduate": ("equal",), "advanced-graduate": ("one_massless", "zero_momentum"),
         "postgraduate": ("general", "slope")}


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_num: int = 16   # largest numerator/denominator of a ratio at the top of a level's band

    def validate(self) -> None:
        if self.max_num < 3:
            raise ValueError("max_num must be >= 3")


@cache
def _pool(size: int) -> tuple[sp.Rational, ...]:
    return tuple(r for r in small_rationals(size, size) if r != 1)


def delta_coefficients(r: sp.Rational, a: sp.Rational) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """Delta(x)/m^2 = q2 x^2 + q1 x + q0 for m1 = m, m2^2 = a m^2 (a = 0: massless), p^2 = r m^2 (Euclidean):
    x m1^2 + (1-x) m2^2 + x(1-x) p^2 = -r x^2 + (1 - a + r) x + a."""
    return -r, 1 - a + r, a


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    size = 3 + int(band_position(d, level) * (config.max_num - 3))
    pool = _pool(size)
    kind = pick(rng, KINDS[level])
    r = pick(rng, pool)
    a = pick(rng, pool)
    if kind == "equal":
        a = sp.Integer(1)
    elif kind == "one_massless":
        a = sp.Integer(0)
    elif kind == "zero_momentum":
        a, r = r, sp.Integer(0)
    elif kind == "slope":
        r = sp.Integer(0)
    want = "slope" if kind == "slope" else ("finite_at_mu" if level != "graduate" and rng.random() < 0.4 else "finite")
    lsym = sp.Symbol("L_mu")  # placeholder for ln(mu^2/m^2), kept as one logarithm
    q2, q1, q0 = delta_coefficients(r, a)
    if kind == "slope":
        integral = inverse_moment([0, 1, -1], q1, q0)  # x(1-x) / (Delta_0/m^2)
        value = -integral / (16 * sp.pi**2 * M**2)
    else:
        integral = log_moment([1], q2, q1, q0)
        finite_l = (lsym - integral) / (16 * sp.pi**2)
        value = finite_l.subs(lsym, sp.log(MU**2 / M**2)) if want == "finite" else finite_l.subs(lsym, 0)
    m2_tex = "0" if a == 0 else ("m^2" if a == 1 else tex(a * M**2))
    kin = {"equal": rf"$m_1 = m_2 = m$ and Euclidean external momentum with $p^2 = {tex(r * M**2)}$",
           "one_massless": rf"$m_1 = m$, $m_2 = 0$ and Euclidean external momentum with $p^2 = {tex(r * M**2)}$",
           "zero_momentum": rf"$p = 0$, $m_1 = m$ and $m_2^2 = {m2_tex}$",
           "general": rf"$m_1 = m$, $m_2^2 = {m2_tex}$ and Euclidean external momentum with $p^2 = {tex(r * M**2)}$",
           "slope": rf"$m_1 = m$ and $m_2^2 = {m2_tex}$, as a function of the Euclidean $p^2$"}[kind]
    delta = tex(sp.expand(q2 * X**2 + q1 * X + q0))
    target = {"finite": "the $O(\\epsilon^0)$ term of its Laurent expansion about $\\epsilon = 0$",
              "finite_at_mu": ("the $O(\\epsilon^0)$ term of its Laurent expansion about $\\epsilon = 0$, "
                               "evaluated at $\\mu = m$"),
              "slope": "the derivative $\\partial B/\\partial p^2$ at $p^2 = 0$ (it is finite as $\\epsilon \\to 0$)"}[want]
    syms = {"finite": ["m", "mu"], "finite_at_mu": [], "slope": ["m"]}[want]
    closing = {"finite": "Give it in terms of $m$ and $\\mu$, as a single expression in `\\boxed{}`.",
               "finite_at_mu": "Give it as a single exact value in `\\boxed{}`.",
               "slope": "Give it in terms of $m$, as a single expression in `\\boxed{}`."}[want]
    problem = (conventions(UNITS, EUCLID, r"Work in $d = 4 - 2\epsilon$; the prefactor implements the "
                           r"$\overline{\rm MS}$ scale $\mu$.")
               + "\n\nConsider the one-loop bubble integral\n\n"
               r"$$B = \Big(\frac{\mu^2 e^{\gamma_E}}{4\pi}\Big)^{\epsilon}\int\frac{d^dk}{(2\pi)^d}\,"
               r"\frac{1}{(k^2+m_1^2)\,((k+p)^2+m_2^2)}$$"
               f"\n\nwith {kin}. Compute {target}. {closing}")
    steps = [r"Feynman parameters: $\frac{1}{AB} = \int_0^1\frac{dx}{[xA + (1-x)B]^2}$ with $A = k^2 + m_1^2$, "
             r"$B = (k+p)^2 + m_2^2$; completing the square and shifting $k$ gives $\int_0^1dx\int\frac{d^dk}{(2\pi)^d}"
             r"\frac{1}{(k^2+\Delta)^2}$ with $\Delta = xm_1^2 + (1-x)m_2^2 + x(1-x)p^2$ (after $x\to 1-x$).",
             r"The master integral gives $\frac{1}{16\pi^2}\big[\frac1\epsilon + \ln\frac{\mu^2}{\Delta}\big] + O(\epsilon)$, so "
             r"$B = \frac{1}{16\pi^2}\big[\frac1\epsilon + \ln\frac{\mu^2}{m^2} - \int_0^1dx\ln\frac{\Delta}{m^2}\big] + O(\epsilon)$."]
    if kind == "slope":
        steps += [r"Only $\Delta$ depends on $p^2$, through $x(1-x)p^2$; the pole does not, so "
                  r"$\frac{\partial B}{\partial p^2}\Big|_{p^2=0} = -\frac{1}{16\pi^2}\int_0^1dx\,\frac{x(1-x)}{\Delta_0(x)}$ "
                  rf"with $\Delta_0/m^2 = {delta}$.",
                  rf"Dividing $x(1-x)$ by the linear $\Delta_0/m^2$ (a polynomial plus one simple pole outside $[0,1]$) gives "
                  rf"$\int_0^1\frac{{x(1-x)\,dx}}{{\Delta_0/m^2}} = {tex(integral)}$."]
    else:
        steps += [rf"Here $\Delta/m^2 = {delta}$; splitting $\ln(\Delta/m^2)$ at the roots of this polynomial (both outside "
                  r"$(0,1)$ for Euclidean kinematics) and integrating $\int_0^1 \ln|x - c|\,dx = (1-c)\ln|1-c| + c\ln|c| - 1$ "
                  rf"gives $\int_0^1dx\,\ln(\Delta/m^2) = {tex(integral)}$."]
    answer = tex(value)
    steps.append(rf"Hence the requested quantity is ${answer}$."
                 + (" At $\\mu = m$ the logarithm vanishes." if want == "finite_at_mu" else ""))
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"kind": kind, "r": str(r), "a": str(a), "want": want}, symbols=syms, difficulty=d)


register(Family(name=NAME, category="Loop and Regularization Techniques", levels=LEVELS,
                description="Finite part (or p^2-slope) of the Euclidean one-loop bubble with one to three scales, "
                            "via an exact Feynman-parameter integral.",
                generate=generate, config=Config(),
                version=3,  # 3: difficulty knob, wider ratios, three-scale and slope problems at postgraduate
                reference="'t Hooft & Veltman NPB 153 (1979) 365; Denner Fortsch. Phys. 41 (1993) 307 eq. (4.23)"))
