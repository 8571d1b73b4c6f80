r"""One-loop fermion self-energy in Yukawa theory, $\Sigma(\not p) = A(p^2)\not p + B(p^2)\,m$, through Feynman
parameters, in $d = 4 - 2\epsilon$ with $\overline{\rm MS}$.

For $\mathcal L_{\rm int} = -g\phi\bar\psi\Gamma\psi$ with $\Gamma = 1$ (scalar) or $i\gamma^5$ (pseudoscalar),
$\Gamma(\not k + m)\Gamma = \not k + \sigma m$ ($\sigma = \pm1$), and
$-i\Sigma = g^2\int\frac{d^dk}{(2\pi)^d}\frac{\not k + \sigma m}{(k^2-m^2)((p-k)^2-M^2)}$. With $x$ on the scalar line,
$k = \ell + xp$ and $\Delta = xM^2 + (1-x)m^2 - x(1-x)p^2$:
$$\Sigma = -\frac{g^2}{16\pi^2}\int_0^1dx\,(x\not p + \sigma m)\Big[\frac1\epsilon - \ln\frac{\Delta}{\mu^2}\Big].$$
The family derives $A$, $B$ and their $p^2$-derivatives from this and integrates over $x$ exactly
(`loops._quadratic`). Levels (docs/generators.md rubric): graduate — finite part of $A$ or $B$ at $p = 0$ (two
mass scales, logarithms); advanced-graduate — $A$ or $B$ at a timelike or spacelike $p^2$, or the one-loop
pole-mass shift $\delta m = \Sigma(\not p = m)$ (arctangents below threshold); postgraduate — the on-shell
wave-function renormalisation $\delta Z_2 = d\Sigma/d\not p|_{\not p = m} = A + 2m^2(A' + B')$ (derivatives,
on-shell limit and Feynman integrals together). The knob grows the mass-ratio and momentum pools.
Reference: Peskin & Schroeder sec. 7.1 (the QED analogue, eqs. 7.16-7.19);
Denner, Fortsch. Phys. 41 (1993) 307, eqs. (4.18), (4.23), (4.25): $A = \frac{g^2}{16\pi^2}B_1(p^2,m,M)$,
$B = -\sigma\frac{g^2}{16\pi^2}B_0(p^2,m,M)$, the closed forms the tests compare with.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick, small_rationals
from qftdata.generators.loops._quadratic import X, coefficients, log_integral, rational_integral, tex
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, ask, conventions

NAME = "loops.yukawa_self_energy"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
g, m = sp.symbols("g m", positive=True)
PREF = g**2 / (16 * sp.pi**2)
MSBAR = (r"Use dimensional regularisation in $d = 4 - 2\epsilon$; loop integrals $\int d^dk/(2\pi)^d$ carry the "
         r"$\overline{\rm MS}$ factor $(\mu^2e^{\gamma_E}/4\pi)^\epsilon$.")
SCALES = (sp.Integer(1), sp.Integer(2), sp.Rational(1, 2), sp.Integer(3), sp.Rational(1, 3), sp.Rational(3, 2))


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_num: int = 9   # largest numerator/denominator of M/m and p^2/m^2 at the top of a level's band

    def validate(self) -> None:
        if self.max_num < 3:
            raise ValueError("max_num must be >= 3")


def delta_quad(rho: sp.Rational, r: sp.Rational) -> tuple[sp.Rational, sp.Rational, sp.Rational]:
    """Delta/m^2 = x rho^2 + (1 - x) - x(1-x) r (M = rho m, p^2 = r m^2) as (q2, q1, q0)."""
    c = coefficients(X * rho**2 + (1 - X) - X * (1 - X) * r, X) + [sp.Integer(0)] * 3
    return c[2], c[1], c[0]


def pieces(rho: sp.Rational, r: sp.Rational, sigma: int, want: str, kappa: sp.Rational) -> tuple[sp.Expr, str]:
    """The requested finite quantity at mu = kappa m and the integrals it needs, as a solution line
    (ln(Delta/mu^2) = ln(Delta/m^2) - L with L = ln(mu^2/m^2))."""
    q = delta_quad(rho, r)
    big_l = 2 * sp.log(kappa)
    dtex = tex(sp.expand(q[0] * X**2 + q[1] * X + q[2]))
    if want in ("A", "B", "dm"):
        lx, l1 = log_integral([0, 1], q), log_integral([1], q)
        a_fin, b_fin = lx - big_l / 2, sigma * (l1 - big_l)
        value = {"A": PREF * a_fin, "B": PREF * b_fin, "dm": m * PREF * (a_fin + b_fin)}[want]
        line = (rf"With $\Delta/m^2 = {dtex}$: $\int_0^1dx\,x\ln\frac{{\Delta}}{{m^2}} = {tex(lx)}$ and "
                rf"$\int_0^1dx\,\ln\frac{{\Delta}}{{m^2}} = {tex(l1)}$.")
        return value, line
    lx = log_integral([0, 1], q)
    i2 = rational_integral([0, 0, 1, -1], q)   # x^2 (1-x) / (Delta/m^2)
    i1 = rational_integral([0, 1, -1], q)      # x (1-x) / (Delta/m^2)
    value = PREF * (lx - big_l / 2 - 2 * (i2 + sigma * i1))
    line = (rf"With $\Delta/m^2 = {dtex}$: $\int_0^1 x\ln\frac{{\Delta}}{{m^2}}dx = {tex(lx)}$, "
            rf"$\int_0^1\frac{{x^2(1-x)}}{{\Delta/m^2}}dx = {tex(i2)}$, $\int_0^1\frac{{x(1-x)}}{{\Delta/m^2}}dx = {tex(i1)}$.")
    return value, line


WANTS = {"graduate": ("A", "B"), "advanced-graduate": ("A", "B", "dm"), "postgraduate": ("dZ",)}


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    size = 3 + int(band_position(d, level) * (config.max_num - 3))
    want = pick(rng, WANTS[level])
    sigma = pick(rng, (1, -1))
    rho = pick(rng, tuple(v for v in small_rationals(size, size) if v <= 6))
    if level == "graduate":
        r = sp.Integer(0)
    elif want in ("dm", "dZ"):
        r = sp.Integer(1)
    else:
        top = min((1 + rho) ** 2, sp.Integer(6))
        r = pick(rng, tuple(v for v in small_rationals(3 * size, size) if v < top) + tuple(-v for v in small_rationals(2 * size, size)))
    kappa = pick(rng, SCALES)
    value, line = pieces(rho, r, sigma, want, kappa)
    vertex = r"\phi\,\bar\psi\psi" if sigma == 1 else r"\phi\,\bar\psi i\gamma^5\psi"
    p2 = "0" if r == 0 else tex(r * m**2)
    target = {"A": rf"the finite part of $A(p^2)$ at $p^2 = {p2}$",
              "B": rf"the finite part of $B(p^2)$ at $p^2 = {p2}$",
              "dm": r"the one-loop shift of the pole mass, $\delta m = m_{\rm pole} - m = \Sigma(\not p = m)$ (finite part; $m$ is the "
                    r"$\overline{\rm MS}$ mass)",
              "dZ": r"the finite part of the on-shell wave-function renormalisation $\delta Z_2 = \frac{d\Sigma}{d\not p}\Big|_{\not p = m}$"}[want]
    region = "" if r <= 0 or r == 1 else r" The momentum is below the $\psi\phi$ threshold, $p^2 < (m + M)^2$."
    scale = "m" if kappa == 1 else tex(kappa * m)
    problem = (conventions(UNITS, METRIC) + " " + MSBAR + rf" Set the scale to $\mu = {scale}$." + "\n\n"
               + rf"A Dirac fermion $\psi$ of mass $m$ couples to a real scalar $\phi$ of mass $M = {tex(rho * m)}$ through "
               + rf"$\mathcal L_{{\rm int}} = -g\,{vertex}$ ($g$ real). Define $-i\Sigma(\not p)$ as the sum of one-particle-"
               + r"irreducible two-point diagrams, so the full propagator is $i/(\not p - m - \Sigma(\not p))$, and write "
               + r"$\Sigma(\not p) = A(p^2)\,\not p + B(p^2)\,m$." + "\n\n"
               + f"At one loop, compute {target}.{region} " + ask("it", ["g"] + (["m"] if m in value.free_symbols else [])))
    gamma_step = (r"$\Gamma(\not k + m)\Gamma = \not k + m$" if sigma == 1 else
                  r"$i\gamma^5(\not k + m)i\gamma^5 = -\gamma^5(\not k + m)\gamma^5 = \not k - m$ (moving $\gamma^5$ through $\not k$)")
    steps = [rf"The one-loop diagram: $-i\Sigma = (-ig)^2\int\frac{{d^dk}}{{(2\pi)^d}}\,\Gamma\frac{{i(\not k + m)}}{{k^2-m^2}}\Gamma\,"
             rf"\frac{{i}}{{(p-k)^2-M^2}}$, with {gamma_step}.",
             r"Feynman parameters ($x$ on the scalar line), $k = \ell + xp$, the Wick-rotated master integral and the "
             r"$\overline{\rm MS}$ expansion give $\Sigma = -\frac{g^2}{16\pi^2}\int_0^1dx\,(x\not p " + ("+" if sigma == 1 else "-")
             + r" m)\big[\frac1\epsilon - \ln\frac{\Delta}{\mu^2}\big]$ with $\Delta = xM^2 + (1-x)m^2 - x(1-x)p^2$.",
             r"Hence $A = -\frac{g^2}{16\pi^2}\big[\frac{1}{2\epsilon} - \int_0^1x\ln\frac{\Delta}{\mu^2}\big]$, $B = "
             + ("-" if sigma == 1 else "+") + r"\frac{g^2}{16\pi^2}\big[\frac1\epsilon - \int_0^1\ln\frac{\Delta}{\mu^2}\big]$."]
    if want == "dm":
        steps.append(r"The pole of $i/(\not p - m - \Sigma)$ sits at $\not p = m + \Sigma(m)$ to this order, so $\delta m = "
                     r"m[A(m^2) + B(m^2)]$; at $p^2 = m^2$ the finite parts give $\frac{g^2m}{16\pi^2}\big[\int x\ln\frac{\Delta}{\mu^2} "
                     + ("+" if sigma == 1 else "-") + r"\int\ln\frac{\Delta}{\mu^2}\big]$.")
    if want == "dZ":
        steps.append(r"$\frac{d}{d\not p}[A(\not p^2)\not p + B(\not p^2)m] = A + 2\not p^2A' + 2m\not p B'$, so $\delta Z_2 = A(m^2) + "
                     r"2m^2[A'(m^2) + B'(m^2)]$ with $A' = -\frac{g^2}{16\pi^2}\int\frac{x^2(1-x)}{\Delta}$ and $B' = "
                     + ("-" if sigma == 1 else "+") + r"\frac{g^2}{16\pi^2}\int\frac{x(1-x)}{\Delta}$ (from $\partial\Delta/\partial p^2 = -x(1-x)$).")
    steps.append(line + (r" Finally $\ln\frac{\Delta}{\mu^2} = \ln\frac{\Delta}{m^2} - " + tex(2 * sp.log(kappa)) + "$."
                         if kappa != 1 else ""))
    answer = tex(value)
    steps.append(rf"Therefore the requested quantity is $${answer}$$" + f"\n\n$$\\boxed{{{answer}}}$$")
    params = {"want": want, "sigma": sigma, "rho": str(rho), "r": str(r), "kappa": str(kappa)}
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params,
                 symbols=["g"] + (["m"] if m in value.free_symbols else []), difficulty=d)


register(Family(name=NAME, category="Loop and Regularization Techniques", levels=LEVELS,
                description="One-loop Yukawa (scalar or pseudoscalar) fermion self-energy: A(p^2), B(p^2), pole-mass shift and "
                            "on-shell delta Z_2, via exact Feynman-parameter integrals.",
                generate=generate, config=Config(), version=1,
                reference="Peskin & Schroeder sec. 7.1 (eqs. 7.16-7.19, method); Denner Fortsch. Phys. 41 (1993) 307 "
                          "eqs. (4.18), (4.23), (4.25) (B0, B1, B0')"))
