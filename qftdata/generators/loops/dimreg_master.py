r"""Dimensionally regulated one-loop master integrals (Euclidean) in $d = D_0 - 2\epsilon$, expanded in $\epsilon$.

$$I_{n,a} = \Big(\frac{\mu^2 e^{\gamma_E}}{4\pi}\Big)^{\epsilon}\int\frac{d^dk}{(2\pi)^d}
   \frac{(k^2)^a}{(k^2+\Delta)^n}
 = \Big(\frac{\mu^2 e^{\gamma_E}}{4\pi}\Big)^{\epsilon}
   \frac{\Gamma(a+\tfrac d2)\,\Gamma(n-a-\tfrac d2)}{(4\pi)^{d/2}\,\Gamma(\tfrac d2)\,\Gamma(n)}
   \Delta^{a+d/2-n},$$

derived from the radial integral (Beta function) and the area of the unit sphere; tensor numerators reduce by
rotational symmetry, $k^\mu k^\nu \to \delta^{\mu\nu}k^2/d$ and
$k^\mu k^\nu k^\rho k^\sigma \to (\delta^{\mu\nu}\delta^{\rho\sigma} + \delta^{\mu\rho}\delta^{\nu\sigma}
 + \delta^{\mu\sigma}\delta^{\nu\rho})(k^2)^2/(d(d+2))$. The Laurent expansion uses
$\Gamma(m\pm\epsilon) = \Gamma(1\pm\epsilon)\times$(rational in $\epsilon$) and
$e^{\gamma_E\epsilon}\Gamma(1+\epsilon) = 1 + \tfrac{\pi^2}{12}\epsilon^2 - \tfrac{\zeta(3)}{3}\epsilon^3 + O(\epsilon^4)$.

Levels (rubric): advanced-undergraduate — a convergent scalar integral at $\epsilon = 0$; graduate — pole or
finite part of a divergent scalar integral in $d = 4 - 2\epsilon$, Euclidean or
Minkowskian (Wick rotation); advanced-graduate — rank-2/4 tensor numerators
in $d = 2, 4, 6 - 2\epsilon$; postgraduate — the $O(\epsilon)$ or $O(\epsilon^2)$ term
(needs the $\pi^2/12$ and $\zeta(3)/3$ of the Gamma expansion).
The knob grows the propagator power $n$ and the numerator power $a$.
Reference: Peskin & Schroeder (A.44)–(A.47); Srednicki ch. 14.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import EUCLID, band_position, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions
from qftdata.schema import LEVELS

NAME = "loops.dimreg_master_integral"
DELTA = sp.Symbol("Delta", positive=True)
MU = sp.Symbol("mu", positive=True)
WANT_ORDER = {"pole": -1, "finite": 0, "value": 0, "order1": 1, "order2": 2}


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_power: int = 8
    max_numerator: int = 5

    def validate(self) -> None:
        if self.max_power < 3 or self.max_numerator < 1:
            raise ValueError("max_power must be >= 3 and max_numerator >= 1")


ORDERS = 4  # Taylor terms kept: enough for the eps^2 coefficient behind a simple pole


def _times_linear(series: list[Fraction], c0: Fraction, c1: Fraction) -> list[Fraction]:
    """(series) * (c0 + c1 eps), truncated."""
    return [c0 * series[i] + (c1 * series[i - 1] if i else 0) for i in range(ORDERS)]


def _over_linear(series: list[Fraction], c0: Fraction, c1: Fraction) -> list[Fraction]:
    """(series) / (c0 + c1 eps) for c0 != 0, by the geometric series, truncated."""
    out: list[Fraction] = []
    for i in range(ORDERS):
        out.append((series[i] - (c1 * out[i - 1] if i else 0)) / c0)
    return out


@cache
def _rational_series(n: int, A: int, half: int, rank: int) -> tuple[tuple[Fraction, ...], int]:
    """Taylor coefficients of eps^m R(eps) and the pole order m, where
    R = Gamma(A+half-eps)/Gamma(half-eps) * Gamma(k+eps)/Gamma(1+eps) / Gamma(n) * (tensor factor), k = n-A-half.

    Gamma(m +- eps)/Gamma(1 +- eps) is a product of linear factors (j +- eps) (recurrence), so the series is
    built from exact Fractions: written by hand because sympy's `series` on the rational function took
    ~30 ms per (n, a) and the family draws hundreds of them.
    """
    k = n - A - half
    series = [Fraction(1)] + [Fraction(0)] * (ORDERS - 1)
    # Gamma(A+half-eps)/Gamma(half-eps) = prod_{j=half}^{A+half-1} (j - eps)
    for j in range(half, A + half):
        series = _times_linear(series, Fraction(j), Fraction(-1))
    # Gamma(k+eps)/Gamma(1+eps): prod_{j=1}^{k-1} (j+eps) for k >= 1, 1/prod_{j=k}^{0} (j+eps) for k <= 0
    m = 0
    if k >= 1:
        for j in range(1, k):
            series = _times_linear(series, Fraction(j), Fraction(1))
    else:
        m = 1  # the j = 0 factor is eps itself: eps^m R is analytic
        for j in range(k, 0):
            series = _over_linear(series, Fraction(j), Fraction(1))
    series = [c / math.factorial(n - 1) for c in series]
    d0 = Fraction(2 * half)
    if rank >= 2:  # 1/d
        series = _over_linear(series, d0, Fraction(-2))
    if rank == 4:  # 1/(d+2)
        series = _over_linear(series, d0 + 2, Fraction(-2))
    return tuple(series), m


@cache
def laurent(n: int, a: int, rank: int, D0: int = 4) -> tuple[dict[int, sp.Expr], int]:
    """({order: coefficient} for orders -1..2, pole order) of I_{n,a} (times the tensor reduction factor)
    in d = D0 - 2 eps. The eps-dependence outside the rational factor is
    (mu^2/Delta)^eps e^{gamma_E eps} Gamma(1+eps) = e^{eps L}(1 + pi^2 eps^2/12 - zeta(3) eps^3/3 + ...), L = ln(mu^2/Delta)."""
    A = a + rank // 2
    half = D0 // 2
    g, m = _rational_series(n, A, half, rank)
    gam = [sp.Integer(1), sp.Integer(0), sp.pi**2 / 12, -sp.zeta(3) / 3]
    pref = DELTA ** (A + half - n) / (4 * sp.pi) ** half
    log = sp.log(MU**2 / DELTA)
    out = {}
    for order in (-1, 0, 1, 2):
        total = order + m  # Taylor order of the analytic product
        expr = sp.Integer(0)
        for p in range(total + 1):  # power of L
            coeff = sum((sp.Rational(g[i].numerator, g[i].denominator) * gam[total - i - p]
                         for i in range(total - p + 1)), sp.Integer(0)) / math.factorial(p)
            if coeff != 0:
                expr += sp.factor(pref * coeff) * log**p
        out[order] = expr
    return out, m


def master(n: int, a: int, tensor: bool) -> tuple[sp.Expr, sp.Expr, bool]:
    """(pole coefficient, eps^0 term, divergent?) in d = 4 - 2 eps, rank 0 or 2 (kept for callers and tests)."""
    coeffs, m = laurent(n, a, 2 if tensor else 0, 4)
    return coeffs[-1], coeffs[0], m == 1


def _draw(rng, level: str, u: float, config: Config) -> tuple[int, int, int, int, str]:
    """(n, a, rank, D0, want) for the level; `u` (position in the level's band) grows n and a."""
    top_n = 3 + round(u * (config.max_power - 3))
    top_a = 1 + round(u * (config.max_numerator - 1))
    while True:
        if level == "advanced-undergraduate":
            D0, rank = pick(rng, (4, 4, 2, 6)), 0
            a = rng.randint(0, top_a)
            n = a + D0 // 2 + 1 + rng.randint(0, max(0, top_n - 3))   # convergent: n > a + D0/2
            want = "value"
        elif level == "graduate":
            D0, rank = 4, 0
            a = rng.randint(0, top_a)
            n = rng.randint(max(1, a - 1), a + 2)  # divergent: n <= a + 2
            want = pick(rng, ("pole", "finite"))
        elif level == "advanced-graduate":
            D0, rank = pick(rng, (4, 4, 2, 6)), pick(rng, (2, 4))
            a = rng.randint(0, top_a - 1)
            n = rng.randint(1, a + rank // 2 + D0 // 2 + (1 if u > 0.5 else 0))
            want = pick(rng, ("pole", "finite"))
        else:
            D0, rank = pick(rng, (4, 4, 2, 6)), pick(rng, (0, 2, 4))
            a = rng.randint(0, top_a)
            n = rng.randint(max(1, a), a + rank // 2 + D0 // 2 + 1)
            want = pick(rng, ("order1", "order1", "order2"))
        coeffs, m = laurent(n, a, rank, D0)
        if want == "finite" and m == 0:
            want = "value"
        if want == "pole" and m == 0:
            continue
        if coeffs[WANT_ORDER[want]] != 0:
            return n, a, rank, D0, want


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    n, a, rank, D0, want = _draw(rng, level, band_position(d, level), config)
    coeffs, m = laurent(n, a, rank, D0)
    # graduate problems are also posed in Minkowski signature: Wick rotation k^0 = i k_E^0 gives
    # int d^dl (l^2)^a/(l^2 - Delta)^n = i (-1)^(n+a) x (the Euclidean integral)
    minkowski = level == "graduate" and rng.random() < 0.5
    sign = (-1) ** (n + a) if minkowski else 1
    answer_expr = sign * coeffs[WANT_ORDER[want]]
    num = rf"(k^2)^{{{a}}}" if a > 1 else ("k^2" if a == 1 else "")
    tens = {0: "", 2: r"k^\mu k^\nu", 4: r"k^\mu k^\nu k^\rho k^\sigma"}[rank]
    num = (tens + (r"\," if tens and num else "") + num) or "1"
    denominator = rf"(k^2-\Delta+i0)^{{{n}}}" if minkowski else rf"(k^2+\Delta)^{{{n}}}"
    integral = (r"$$I = \Big(\frac{\mu^2 e^{\gamma_E}}{4\pi}\Big)^{\epsilon}\int\frac{d^dk}{(2\pi)^d}\,"
                rf"\frac{{{num}}}{{{denominator}}},\qquad \Delta > 0 .$$")
    frame = (r"The loop momentum is Minkowskian, $k^2 = k_0^2 - \mathbf k^2$ (metric $(+,-,\dots,-)$), with the "
             r"Feynman $+i0$ prescription." if minkowski else EUCLID)
    conv = conventions(UNITS, frame, rf"Work in $d = {D0} - 2\epsilon$ dimensions; the prefactor implements the "
                       r"$\overline{\rm MS}$ scale $\mu$.")
    target = {0: r"$C$, where $I = iC$" if minkowski else r"$I$",
              2: r"the coefficient $C$ of $\delta^{\mu\nu}$ in $I = C\,\delta^{\mu\nu}$",
              4: (r"the coefficient $C$ in $I = C\,(\delta^{\mu\nu}\delta^{\rho\sigma} + \delta^{\mu\rho}\delta^{\nu\sigma}"
                  r" + \delta^{\mu\sigma}\delta^{\nu\rho})$")}[rank]
    what = {"pole": rf"the coefficient of $1/\epsilon$ in the Laurent expansion of {target}",
            "finite": rf"the $O(\epsilon^0)$ term of the Laurent expansion of {target} about $\epsilon = 0$",
            "value": rf"{target} at $\epsilon = 0$ (the integral converges in $d = {D0}$)",
            "order1": rf"the coefficient of $\epsilon^1$ in the expansion of {target} about $\epsilon = 0$",
            "order2": rf"the coefficient of $\epsilon^2$ in the expansion of {target} about $\epsilon = 0$"}[want]
    syms = [s for s in ("Delta", "mu") if sp.Symbol(s, positive=True) in answer_expr.free_symbols]
    ask_syms = {"Delta": r"\Delta", "mu": r"\mu"}
    closing = (f"Give it in terms of {' and '.join('$' + ask_syms[s] + '$' for s in syms)}, as a single expression in "
               "`\\boxed{}`." if syms else "Give it as a single exact value in `\\boxed{}`.")
    problem = f"{conv}\n\nConsider the one-loop integral\n\n{integral}\n\nCompute {what}. {closing}"
    A = a + rank // 2
    steps = []
    if minkowski:
        steps.append(r"Wick-rotate, $k^0 = ik_E^0$: $d^dk = i\,d^dk_E$, $k^2 = -k_E^2$, so the integrand becomes "
                     rf"$(-1)^{{{a}}}(k_E^2)^{{{a}}}/[(-1)^{{{n}}}(k_E^2+\Delta)^{{{n}}}]$ and $I = i\,({sign})\,I_E$ "
                     r"with the Euclidean integral $I_E$ below; hence $C = " + ("" if sign == 1 else "-") + r"I_E$.")
    if rank == 2:
        steps.append(r"By Euclidean rotational symmetry $k^\mu k^\nu \to \delta^{\mu\nu} k^2/d$, so "
                     rf"$C = \frac1d\,I_{{{n},{A}}}$ with the scalar integral $I_{{n,a}}$ below.")
    elif rank == 4:
        steps.append(r"By rotational symmetry $k^\mu k^\nu k^\rho k^\sigma \to \frac{(k^2)^2}{d(d+2)}(\delta^{\mu\nu}"
                     r"\delta^{\rho\sigma} + \delta^{\mu\rho}\delta^{\nu\sigma} + \delta^{\mu\sigma}\delta^{\nu\rho})$ "
                     r"(contract with $\delta_{\mu\nu}\delta_{\rho\sigma}$ to fix the factor), so "
                     rf"$C = \frac{{1}}{{d(d+2)}}\,I_{{{n},{A}}}$.")
    steps.append(r"Going to $d$-dimensional spherical coordinates, "
                 r"$\int\frac{d^dk}{(2\pi)^d} \frac{(k^2)^a}{(k^2+\Delta)^n} = "
                 r"\frac{1}{(4\pi)^{d/2}}\frac{\Gamma(a+d/2)\,\Gamma(n-a-d/2)}{\Gamma(d/2)\,\Gamma(n)}\,\Delta^{a+d/2-n}$ "
                 r"(the radial integral is a Beta function).")
    h = D0 // 2
    steps.append(rf"Here $n = {n}$, $a = {A}$: with $d/2 = {h}-\epsilon$ the factors are "
                 rf"$\Gamma({A + h}-\epsilon)\,\Gamma({n - A - h}+\epsilon)/[\Gamma({h}-\epsilon)\Gamma({n})]$ and "
                 rf"$\Delta^{{{A + h - n}-\epsilon}}$; the $(4\pi)^{{\epsilon}}$ factors cancel against the prefactor, "
                 rf"leaving $\frac{{1}}{{(4\pi)^{{{h}}}}}(\mu^2/\Delta)^\epsilon e^{{\gamma_E\epsilon}}$.")
    steps.append(r"Use $\Gamma(m\pm\epsilon) = \Gamma(1\pm\epsilon)\times$(rational in $\epsilon$), "
                 r"$e^{\gamma_E\epsilon}\Gamma(1+\epsilon) = \exp\big(\sum_{k\ge2}(-1)^k\zeta(k)\epsilon^k/k\big) = "
                 r"1 + \frac{\pi^2}{12}\epsilon^2 - \frac{\zeta(3)}{3}\epsilon^3 + O(\epsilon^4)$ and "
                 r"$(\mu^2/\Delta)^\epsilon = 1 + \epsilon\ln(\mu^2/\Delta) + \frac{\epsilon^2}{2}\ln^2(\mu^2/\Delta) + \dots$.")
    if m:
        steps.append(rf"Expanding: pole coefficient $= {tex(coeffs[-1])}$, $\epsilon^0$ term $= {tex(coeffs[0])}$"
                     + (rf", $\epsilon^{{{WANT_ORDER[want]}}}$ term $= {tex(answer_expr)}$." if want.startswith("order") else "."))
    else:
        steps.append(rf"No pole arises ($n - a > {h}$); the $\epsilon^0$ term is ${tex(coeffs[0])}$"
                     + (rf" and the $\epsilon^{{{WANT_ORDER[want]}}}$ term ${tex(answer_expr)}$." if want.startswith("order") else "."))
    answer = tex(answer_expr)
    solution = "\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$"
    return Draft(problem=problem, answer=answer, solution=solution,
                 params={"n": n, "a": a, "rank": rank, "D0": D0, "want": want, "minkowski": minkowski},
                 symbols=syms, difficulty=d)


register(Family(name=NAME, category="Loop and Regularization Techniques", levels=LEVELS,
                description="Laurent expansion of Euclidean dim-reg master integrals (k^2)^a/(k^2+Delta)^n in "
                            "d = 2, 4, 6 - 2 eps, scalar or rank-2/4 tensor numerators, pole / finite / O(eps) terms.",
                generate=generate, config=Config(),
                version=2,  # 2: difficulty knob, d = 2/4/6 - 2 eps, rank-4 tensors, O(eps) terms, levels by rubric
                reference="Peskin & Schroeder (A.44)-(A.47)"))
