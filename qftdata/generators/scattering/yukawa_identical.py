r"""Scattering of two identical Dirac fermions by (pseudo)scalar Yukawa exchange, $\psi\psi\to\psi\psi$: the $t$- and
$u$-channel diagrams with the relative minus sign of Fermi statistics, their interference, and the cross sections.

$\mathcal M = g^2\Big[\frac{[\bar u_3\Gamma u_1][\bar u_4\Gamma u_2]}{t - M^2} - \frac{[\bar u_4\Gamma u_1][\bar u_3\Gamma u_2]}{u - M^2}\Big]$
with $\Gamma = 1$ or $i\gamma^5$. The spin sums are traces (`scattering._traces`): the squared diagrams factor into two
traces per diagram, the interference is one trace through all four spinors; for $\Gamma = i\gamma^5$ the identity
$i\gamma^5(\not p + m)i\gamma^5 = \not p - m$ flips the mass on every other propagator. CM kinematics, $d\sigma/d\Omega =
\overline{|\mathcal M|^2}/(64\pi^2s)$, and for the total cross section an exact angular integral with the factor $\frac12$
for identical fermions (with $\cos\theta = 2x - 1$ each term is a polynomial over a positive quadratic in $x$,
`loops._quadratic.rational_integral`).

Levels (docs/generators.md rubric): graduate — $\overline{|\mathcal M|^2}$ at a CM point (two diagrams, traces, Fermi
sign); advanced-graduate — $d\sigma/d\Omega$ for massive fermions and either coupling; postgraduate — the total cross
section (exact integral, logarithms, identical particles). The knob grows the pools of $\beta$, $M/m$, $\cos\theta$.
References: Srednicki, *Quantum Field Theory*, ch. 48 (Yukawa $e^-e^-\to e^-e^-$, $t$- and $u$-channel with the
relative sign; the squared $t$-channel term $g^4(4m^2 - t)^2/(M^2 - t)^2$); the tests compare with explicit Dirac
spinors (an independent engine) and with that term.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.dirac import dot_symbol
from qftdata.generators.loops._common import band_position, pick, small_rationals
from qftdata.generators.loops._quadratic import X, coefficients, rational_integral, tex
from qftdata.generators.registry import register
from qftdata.generators.scattering._traces import line, trace
from qftdata.generators.text import METRIC, STATES, UNITS, UNPOLARISED, ask, conventions

NAME = "scattering.yukawa_identical_fermions"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
g, m = sp.symbols("g m", positive=True)
s, t, u = sp.symbols("s t u", real=True)
BIG_M2 = sp.Symbol("M2", positive=True)   # the scalar mass squared, in the cached forms


@cache
def spin_sums(sigma: int) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    r"""$(K_{tt}, K_{uu}, K_{tu})$: the spin sums of $|\mathcal M_t|^2$, $|\mathcal M_u|^2$, $\mathcal M_t\mathcal M_u^*$ without couplings and
    propagators, in $s, t, u, m$ ($\sigma = +1$ scalar, $-1$ pseudoscalar: $\Gamma(\not p + m)\Gamma \to \not p + \sigma m$)."""
    shell = {dot_symbol(a, a): m**2 for a in "1234"}
    shell.update({dot_symbol("1", "2"): s / 2 - m**2, dot_symbol("3", "4"): s / 2 - m**2,
                  dot_symbol("1", "3"): m**2 - t / 2, dot_symbol("2", "4"): m**2 - t / 2,
                  dot_symbol("1", "4"): m**2 - u / 2, dot_symbol("2", "3"): m**2 - u / 2})
    sm = sigma * m

    def two(a, b):   # tr[(p_a + m) Gamma (p_b + m) Gamma]
        return trace([line((a, 1), m), line((b, 1), sm)])

    ktt = two("3", "1") * two("4", "2")
    kuu = two("4", "1") * two("3", "2")
    ktu = trace([line(("1", 1), m), line(("4", 1), sm), line(("2", 1), m), line(("3", 1), sm)])
    return tuple(sp.expand(x.xreplace(shell)) for x in (ktt, kuu, ktu))


def averaged_msq(sigma: int) -> sp.Expr:
    r"""$\frac14\sum|\mathcal M|^2 = \frac{g^4}{4}\Big[\frac{K_{tt}}{(t-M^2)^2} + \frac{K_{uu}}{(u-M^2)^2} - \frac{2K_{tu}}{(t-M^2)(u-M^2)}\Big]$."""
    ktt, kuu, ktu = spin_sums(sigma)
    return g**4 / 4 * (ktt / (t - BIG_M2) ** 2 + kuu / (u - BIG_M2) ** 2 - 2 * ktu / ((t - BIG_M2) * (u - BIG_M2)))


def cm_point(sigma: int, beta: sp.Rational, rho: sp.Rational) -> tuple[sp.Expr, dict]:
    """|M|^2-bar as a function of c = cos(theta), in units m = 1 (s = 4/(1 - beta^2), M = rho)."""
    c = sp.Symbol("c", real=True)
    big_s = 4 / (1 - beta**2)
    p2 = big_s / 4 - 1
    sub = {s: big_s, t: -2 * p2 * (1 - c), u: -2 * p2 * (1 + c), BIG_M2: rho**2, m: 1}
    return averaged_msq(sigma).xreplace(sub), {"c": c, "s": big_s, "p2": p2}


def total_sigma(sigma: int, beta: sp.Rational, rho: sp.Rational) -> sp.Expr:
    r"""$\sigma = \frac12\cdot2\pi\int_{-1}^1 dc\,\overline{|\mathcal M|^2}/(64\pi^2s)$ in units of $g^4/m^2$: with $c = 2x - 1$,
    $M^2 - t = \rho^2 + 4p^2(1-x)$ and $M^2 - u = \rho^2 + 4p^2x$ are positive and linear in $x$."""
    ktt, kuu, ktu = spin_sums(sigma)
    big_s = 4 / (1 - beta**2)
    p2 = big_s / 4 - 1
    tx, ux = -4 * p2 * (1 - X), -4 * p2 * X
    sub = {s: big_s, t: tx, u: ux, m: 1}
    dt, du = rho**2 - tx, rho**2 - ux   # = -(t - M^2), -(u - M^2): positive
    total = sp.Integer(0)
    for num, den in ((ktt.xreplace(sub), dt**2), (kuu.xreplace(sub), du**2), (-2 * ktu.xreplace(sub), dt * du)):
        q = coefficients(den, X) + [sp.Integer(0)] * 3
        total += rational_integral(coefficients(num, X), (q[2], q[1], q[0]))
    # (1/4) spin average, int_{-1}^1 dc = 2 int_0^1 dx, 1/2 identical, 2 pi azimuth, 1/(64 pi^2 s)
    return sp.expand(total / 4 * 2 * sp.Rational(1, 2) * 2 * sp.pi / (64 * sp.pi**2 * big_s))


@cache
def _msq_tex(sigma: int) -> str:
    return tex(sp.factor(averaged_msq(sigma).subs(BIG_M2, sp.Symbol("M") ** 2)))


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_den: int = 9

    def validate(self) -> None:
        if self.max_den < 3:
            raise ValueError("max_den must be >= 3")


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    size = 3 + int(band_position(d, level) * (config.max_den - 3))
    sigma = 1 if level == "graduate" else pick(rng, (1, -1))
    beta = pick(rng, tuple(sorted({sp.Rational(p, q) for q in range(2, size + 1) for p in range(1, q)})))
    rho = pick(rng, tuple(v for v in small_rationals(size, size) if v <= 4))
    c_val = pick(rng, tuple(sorted({sp.Rational(p, q) for q in range(1, size + 1) for p in range(-q, q + 1)})))
    msq_c, kin = cm_point(sigma, beta, rho)
    gam = r"\bar\psi\psi" if sigma == 1 else r"\bar\psi i\gamma^5\psi"
    big_s = kin["s"]
    steps = [r"Two diagrams: $\phi$ exchange in the $t$ channel and, with the final fermions swapped, in the $u$ channel; "
             r"exchanging two identical fermion operators gives a relative minus sign, $\mathcal M = \mathcal M_t - \mathcal M_u$.",
             r"Spin sums: the squared diagrams are products of two traces, the interference one trace through all four spinors"
             + ("" if sigma == 1 else r" ($i\gamma^5(\not p + m)i\gamma^5 = \not p - m$ flips the mass on every other line)")
             + rf": $$\frac14\sum|\mathcal M|^2 = {_msq_tex(sigma)}$$ "
             r"with $M$ the scalar mass and $s + t + u = 4m^2$.",
             rf"CM frame with fermion speed $\beta = {tex(beta)}$: $s = \frac{{4m^2}}{{1-\beta^2}} = {tex(big_s * m**2)}$, "
             r"$t = -2p^2(1-\cos\theta)$, $u = -2p^2(1+\cos\theta)$, " + rf"$p^2 = {tex(kin['p2'] * m**2)}$."]
    if level == "graduate":
        value = sp.factor(msq_c.subs(kin["c"], c_val))
        target, syms = rf"the spin-averaged $\frac14\sum|\mathcal M|^2$ at $\cos\theta = {tex(c_val)}$", ["g"]
        steps.append(rf"At $\cos\theta = {tex(c_val)}$: ${tex(value)}$.")
    elif level == "advanced-graduate":
        value = sp.factor(msq_c.subs(kin["c"], c_val) / (64 * sp.pi**2 * big_s) / m**2)
        target, syms = rf"the differential cross section $d\sigma/d\Omega$ at $\cos\theta = {tex(c_val)}$", ["g", "m"]
        steps.append(r"$\frac{d\sigma}{d\Omega} = \frac{\overline{|\mathcal M|^2}}{64\pi^2s}$ (equal masses in and out): at "
                     rf"$\cos\theta = {tex(c_val)}$, ${tex(value)}$.")
    else:
        value = g**4 * sp.factor_terms(total_sigma(sigma, beta, rho)) / m**2
        target, syms = r"the total cross section $\sigma$ (the final fermions are identical)", ["g", "m"]
        steps.append(r"$\sigma = \frac12\cdot2\pi\int_{-1}^1d\cos\theta\,\frac{\overline{|\mathcal M|^2}}{64\pi^2s}$; with "
                     r"$\cos\theta = 2x - 1$ the propagators $M^2 - t$, $M^2 - u$ are positive linear functions of $x$ and each term "
                     rf"integrates exactly (logarithms from the interference): $\sigma = {tex(value)}$.")
    problem = (conventions(UNITS, METRIC, STATES, UNPOLARISED) + " Spinors obey $\\sum u\\bar u = \\not p + m$.\n\n"
               + rf"A Dirac fermion $\psi$ of mass $m$ couples to a real scalar $\phi$ of mass $M = {tex(rho * m)}$ through "
               rf"$\mathcal L_{{\rm int}} = -g\,\phi\,{gam}$ ($g$ real). Consider unpolarised $\psi\psi\to\psi\psi$ at tree level in the "
               rf"centre-of-mass frame, where each fermion has speed $\beta = {tex(beta)}$ ($s = {tex(big_s * m**2)}$), with $\theta$ the "
               r"angle between an incoming and an outgoing fermion. Compute " + target + ". " + ask("it", syms))
    answer = tex(value)
    steps.append(f"$$\\boxed{{{answer}}}$$")
    params = {"sigma": sigma, "beta": str(beta), "rho": str(rho), "c": str(c_val) if level != "postgraduate" else None}
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=syms, difficulty=d)


register(Family(name=NAME, category="Fermions and Spinor Structure", levels=LEVELS,
                description="psi psi -> psi psi by scalar/pseudoscalar Yukawa exchange: t and u diagrams with the Fermi sign, "
                            "traces incl. interference, |M|^2, dsigma/dOmega, exact total cross section.",
                generate=generate, config=Config(), version=1,
                reference="Srednicki QFT ch. 48 (Yukawa e-e- -> e-e-, t- and u-channel with the relative sign)"))
