r"""Dimensionally regulated one-loop master integrals (Euclidean), expanded to $O(\epsilon^0)$.

$$I_{n,a} = \Big(\frac{\mu^2 e^{\gamma_E}}{4\pi}\Big)^{\epsilon}\int\frac{d^dk}{(2\pi)^d}
   \frac{(k^2)^a}{(k^2+\Delta)^n}
 = \Big(\frac{\mu^2 e^{\gamma_E}}{4\pi}\Big)^{\epsilon}
   \frac{\Gamma(a+\tfrac d2)\,\Gamma(n-a-\tfrac d2)}{(4\pi)^{d/2}\,\Gamma(\tfrac d2)\,\Gamma(n)}
   \Delta^{a+d/2-n},$$

derived from the radial integral (Beta function) and the area of the unit sphere; a $k^\mu k^\nu$
numerator reduces to $\delta^{\mu\nu} k^2/d$. The Laurent expansion uses
$\Gamma(m+\epsilon) = \Gamma(1+\epsilon)\prod(\dots)$ and $e^{\gamma_E\epsilon}\Gamma(1+\epsilon) = 1 + O(\epsilon^2)$,
computed with sympy. Reference: Peskin & Schroeder (A.44)–(A.47); Srednicki ch. 14.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import EUCLID, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions
from qftdata.schema import LEVELS

NAME = "loops.dimreg_master_integral"
EPS = sp.Symbol("epsilon")
DELTA = sp.Symbol("Delta", positive=True)
MU = sp.Symbol("mu", positive=True)
_LOG = sp.Symbol("L_mu")  # placeholder for ln(mu^2/Delta)


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_power: int = 5
    max_numerator: int = 3

    def validate(self) -> None:
        if self.max_power < 2 or self.max_numerator < 0:
            raise ValueError("max_power must be >= 2 and max_numerator >= 0")


def _gamma_shift(m: int, sign: int) -> sp.Expr:
    """Gamma(m + sign*eps) / Gamma(1 + sign*eps) as a rational function of eps (recurrence)."""
    x = sign * EPS
    if m >= 1:
        return sp.Mul(*[j + x for j in range(1, m)])
    return 1 / sp.Mul(*[j + x for j in range(m, 1)])


@cache
def _egamma_series() -> sp.Expr:
    """e^{gamma_E eps} Gamma(1+eps) to O(eps^2) (sympy series)."""
    return sp.series(sp.exp(sp.EulerGamma * EPS) * sp.gamma(1 + EPS), EPS, 0, 2).removeO()


@cache
def master(n: int, a: int, tensor: bool) -> tuple[sp.Expr, sp.Expr, bool]:
    """(pole coefficient, eps^0 term, divergent?) of I_{n,a} (or the delta^{mu nu} coefficient if tensor)."""
    A = a + (1 if tensor else 0)
    k = n - A - 2  # Gamma(n - A - d/2) = Gamma(k + eps)
    # Gamma(A+2-eps)/Gamma(2-eps) is rational; Gamma(k+eps) = Gamma(1+eps) * rational.
    rational = _gamma_shift(A + 2, -1) / _gamma_shift(2, -1) * _gamma_shift(k, +1) / sp.gamma(n)
    if tensor:
        rational = rational / (4 - 2 * EPS)
    # (mu^2/Delta)^eps e^{gamma eps} Gamma(1+eps) [the (4 pi)^eps factors cancel]; the rational factor has
    # at most a simple pole: Laurent-expand it by Taylor-expanding eps^m * rational (m = pole order).
    rational = sp.cancel(sp.together(rational))
    m = 1 if k <= 0 else 0
    g = sp.cancel(rational * EPS**m)
    g0, g1 = g.subs(EPS, 0), sp.diff(g, EPS).subs(EPS, 0)
    analytic = sp.expand((1 + EPS * _LOG) * _egamma_series())  # 1 + c1 eps + ...
    a0, a1 = analytic.coeff(EPS, 0), analytic.coeff(EPS, 1)
    pref = sp.Integer(1) / (16 * sp.pi**2) * DELTA ** (A + 2 - n)
    if m == 1:
        pole_raw, fin_raw = g0, g0 * a1 + g1 * a0
    else:
        pole_raw, fin_raw = sp.Integer(0), g0 * a0
    pole = sp.factor(pref * pole_raw)
    finite = sp.collect(sp.expand(pref * fin_raw), _LOG, sp.factor).subs(_LOG, sp.log(MU**2 / DELTA))
    return pole, finite, k <= 0


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    tensor = li >= 2 and rng.random() < 0.6
    n = rng.randint(1, config.max_power)
    a = rng.randint(0, config.max_numerator if li >= 1 else 0)
    _, _, divergent = master(n, a, tensor)
    want = pick(rng, ("pole", "finite")) if divergent else "finite"
    pole, finite, divergent = master(n, a, tensor)
    answer_expr = pole if want == "pole" else finite
    num = rf"(k^2)^{{{a}}}" if a > 1 else ("k^2" if a == 1 else "1")
    if tensor:
        num = r"k^\mu k^\nu" + ("" if a == 0 else (r"\,k^2" if a == 1 else rf"\,(k^2)^{{{a}}}"))
    integral = (r"$$I = \Big(\frac{\mu^2 e^{\gamma_E}}{4\pi}\Big)^{\epsilon}\int\frac{d^dk}{(2\pi)^d}\,"
                rf"\frac{{{num}}}{{(k^2+\Delta)^{{{n}}}}},\qquad \Delta > 0 .$$")
    conv = conventions(UNITS, EUCLID, r"Work in $d = 4 - 2\epsilon$ dimensions; the prefactor implements the "
                       r"$\overline{\rm MS}$ scale $\mu$.")
    target = r"the coefficient $C$ of $\delta^{\mu\nu}$ in $I = C\,\delta^{\mu\nu}$" if tensor else r"$I$"
    if want == "pole":
        what = rf"the coefficient of $1/\epsilon$ in the Laurent expansion of {target}"
        syms = ["Delta"]
        ask_syms = [r"\Delta"]
    elif divergent:
        what = rf"the $O(\epsilon^0)$ term of the Laurent expansion of {target} about $\epsilon = 0$"
        syms = ["Delta", "mu"]
        ask_syms = [r"\Delta", r"\mu"]
    else:
        what = rf"{target} at $\epsilon = 0$ (the integral converges in $d = 4$)"
        syms = ["Delta"]
        ask_syms = [r"\Delta"]
    free = {s.name for s in answer_expr.free_symbols}
    syms = [s for s in syms if s in free] or syms
    ask_syms = [t for s, t in zip(["Delta", "mu"], [r"\Delta", r"\mu"], strict=True) if s in syms]
    problem = (f"{conv}\n\nConsider the one-loop integral\n\n{integral}\n\nCompute {what}. "
               f"Give it in terms of {', '.join('$'+s+'$' for s in ask_syms)}, as a single expression in `\\boxed{{}}`.")
    A = a + (1 if tensor else 0)
    steps = []
    if tensor:
        steps.append(r"By Euclidean rotational symmetry $k^\mu k^\nu \to \delta^{\mu\nu} k^2/d$, so "
                     rf"$C = \frac1d\,I_{{{n},{A}}}$ with the scalar integral $I_{{n,a}}$ below.")
    steps.append(r"Going to $d$-dimensional spherical coordinates, "
                 r"$\int\frac{d^dk}{(2\pi)^d} \frac{(k^2)^a}{(k^2+\Delta)^n} = "
                 r"\frac{1}{(4\pi)^{d/2}}\frac{\Gamma(a+d/2)\,\Gamma(n-a-d/2)}{\Gamma(d/2)\,\Gamma(n)}\,\Delta^{a+d/2-n}$ "
                 r"(the radial integral is a Beta function).")
    steps.append(rf"Here $n = {n}$, $a = {A}$: with $d/2 = 2-\epsilon$ the factors are "
                 rf"$\Gamma({A + 2}-\epsilon)\,\Gamma({n - A - 2}+\epsilon)/[\Gamma(2-\epsilon)\Gamma({n})]$ and "
                 rf"$\Delta^{{{A + 2 - n}-\epsilon}}$; the $(4\pi)^{{\epsilon}}$ factors cancel against the prefactor, "
                 r"leaving $\frac{1}{16\pi^2}(\mu^2/\Delta)^\epsilon e^{\gamma_E\epsilon}$.")
    steps.append(r"Use $\Gamma(m+\epsilon) = \Gamma(1+\epsilon)\times$(rational in $\epsilon$) and "
                 r"$e^{\gamma_E\epsilon}\Gamma(1+\epsilon) = 1 + O(\epsilon^2)$, "
                 r"$(\mu^2/\Delta)^\epsilon = 1 + \epsilon\ln(\mu^2/\Delta) + O(\epsilon^2)$.")
    if divergent:
        steps.append(rf"Expanding: pole coefficient $= {tex(pole)}$, and the $\epsilon^0$ term is $ {tex(finite)}$.")
    else:
        steps.append(rf"No pole arises ($n - a > 2$); setting $\epsilon = 0$ gives ${tex(finite)}$.")
    answer = tex(answer_expr)
    solution = "\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$"
    return Draft(problem=problem, answer=answer, solution=solution,
                 params={"n": n, "a": a, "tensor": tensor, "want": want}, symbols=syms)


register(Family(name=NAME, category="Loop and Regularization Techniques", levels=LEVELS,
                description="Laurent expansion of Euclidean dim-reg master integrals (k^2)^a/(k^2+Delta)^n, "
                            "scalar or k^mu k^nu numerators, pole or finite part.",
                generate=generate, config=Config(), version=1,
                reference="Peskin & Schroeder (A.44)-(A.47)"))
