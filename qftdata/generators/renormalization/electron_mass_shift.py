r"""The one-loop QED electron self-energy: the pole-mass shift $\delta m = \Sigma(\not p = m)$ and the on-shell
wave-function renormalisation $\delta Z_2 = d\Sigma/d\not p|_{\not p = m}$, in $d = 4 - 2\epsilon$ ($\overline{\rm MS}$),
Feynman gauge, with an optional photon mass $\lambda$ (propagator $-ig_{\mu\nu}/(k^2 - \lambda^2)$).

Derivation the family carries out: $-i\Sigma = (-ieQ)^2\int\frac{d^dk}{(2\pi)^d}\gamma^\mu\frac{i(\not k + m)}{k^2-m^2}
\gamma_\mu\frac{-i}{(p-k)^2-\lambda^2}$; the $d$-dimensional contraction $\gamma^\mu(\not k + m)\gamma_\mu
= -(d-2)\not k + dm$ is computed with the project's Clifford algebra (`dirac.contract`); Feynman parameters ($x$ on
the photon, $k = \ell + xp$, $\Delta = x\lambda^2 + (1-x)m^2 - x(1-x)p^2$) and the $\overline{\rm MS}$ master integral
give, keeping the $O(\epsilon)$ parts of the numerator against the pole,
$$\Sigma = \frac{\alpha Q^2}{4\pi}\int_0^1dx\Big[(4m - 2x\not p)\Big(\frac1\epsilon - \ln\frac{\Delta}{\mu^2}\Big) + 2x\not p - 2m\Big].$$
Then $\delta m = m[A + B]$ and $\delta Z_2 = A + 2m^2(A' + B')$ at $p^2 = m^2$, where $\Delta = (1-x)^2m^2 + x\lambda^2$;
the $x$ integrals are done exactly (`loops._quadratic`; arctangents for $\lambda < 2m$).
Levels (docs/generators.md rubric): graduate — $\delta m$ with a massless photon (logs only); advanced-graduate —
$\delta m$ with a massive (Stueckelberg) photon, $\lambda$ a rational multiple of $m$; postgraduate — $\delta Z_2$, IR
divergent without $\lambda$, with $\lambda$ as the regulator (derivative, on-shell limit, IR regulator together).
The knob grows the pools of $\mu/m$ and $\lambda/m$.
References: Peskin & Schroeder eqs. (7.19), (7.26) (Pauli-Villars version of the same integrals); the dim-reg results
$\delta m = \frac{\alpha m}{4\pi}\big[\frac3\epsilon + 3\ln\frac{\mu^2}{m^2} + 4\big]$ and
$\delta Z_2 = -\frac{\alpha}{4\pi}\big[\frac1\epsilon + \ln\frac{\mu^2}{m^2} + 4 + 2\ln\frac{\lambda^2}{m^2}\big] + O(\lambda)$
(Denner, Fortsch. Phys. 41 (1993) 307, sec. 3; Böhm, Denner & Joos, *Gauge Theories of the Strong and
Electroweak Interaction*, 2001), and the PV closed forms, which the tests compare with.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.dirac import D, Idx, Vec, contract
from qftdata.generators.loops._common import band_position, pick, small_rationals
from qftdata.generators.loops._quadratic import (
    X,
    coefficients,
    log_integral,
    poly_integral,
    rational_integral,
    tex,
)
from qftdata.generators.registry import register
from qftdata.generators.text import DIRAC, METRIC, UNITS, ask, conventions

NAME = "renormalization.electron_mass_shift"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
alpha, m = sp.symbols("alpha m", positive=True)
EPS = sp.Symbol("epsilon")
CHARGES = (("an electron", sp.Integer(-1)), ("a muon", sp.Integer(-1)), ("an up-type quark", sp.Rational(2, 3)),
           ("a down-type quark", sp.Rational(-1, 3)), ("a doubly charged fermion", sp.Integer(2)),
           ("a fermion of charge $Q = \\tfrac43$", sp.Rational(4, 3)))


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_num: int = 8   # largest numerator/denominator of mu/m and lambda/m at the top of a level's band

    def validate(self) -> None:
        if self.max_num < 3:
            raise ValueError("max_num must be >= 3")


@cache
def numerator_coefficients() -> tuple[sp.Expr, sp.Expr]:
    r"""(coefficient of $\not k$, coefficient of $m$) in $\gamma^\mu(\not k + m)\gamma_\mu$ in $d$ dimensions, from the
    Clifford algebra: $\gamma^\mu\not k\gamma_\mu = (2-d)\not k$, $\gamma^\mu\gamma_\mu = d$."""
    mu = Idx("mu")
    slash = contract((mu, Vec("k"), mu))
    unit = contract((mu, mu))
    return sp.factor(slash[(Vec("k"),)]), sp.factor(unit[()])


def integrals(rho: sp.Rational, n_slash: sp.Expr, n_mass: sp.Expr) -> dict[str, sp.Expr]:
    r"""Exact $x$ integrals at $p^2 = m^2$ with $\Delta/m^2 = x^2 + (\rho^2 - 2)x + 1$ ($\lambda = \rho m$), for the
    4-dimensional numerator $n_{\not p}\,x\not p + n_m m$: $\int(n_m + n_{\not p}x)\ln\frac{\Delta}{m^2}$,
    $\int x\ln\frac{\Delta}{m^2}$ and $\int\frac{2x(1-x)(n_m + n_{\not p}x)}{\Delta/m^2}$ (the $p^2$-derivatives)."""
    c = coefficients(X * rho**2 + (1 - X) - X * (1 - X), X) + [sp.Integer(0)] * 3
    q = (c[2], c[1], c[0])
    out = {"delta": sp.expand(q[0] * X**2 + q[1] * X + q[2]),
           "l_mass": log_integral([n_mass, n_slash], q),
           "l_x": log_integral([0, 1], q)}
    if rho != 0:
        out["ir"] = rational_integral(coefficients(2 * X * (1 - X) * (n_mass + n_slash * X), X), q)
    return out


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    size = 3 + int(band_position(d, level) * (config.max_num - 3))
    who, charge = pick(rng, CHARGES)
    kappa = pick(rng, tuple(v for v in small_rationals(size, size) if v <= 5))   # mu = kappa m
    want = "dZ" if level == "postgraduate" else "dm"
    rho = sp.Integer(0) if level == "graduate" else pick(rng, tuple(v for v in small_rationals(size, size) if v <= 4))
    ks, km = numerator_coefficients()
    # numerator -(d-2) x pslash + d m with d = 4 - 2 eps: (n_slash[0] + eps n_slash[1]) x pslash + (n_mass[0] + eps n_mass[1]) m
    n_slash = [ks.subs(D, 4), sp.diff(ks.subs(D, 4 - 2 * EPS), EPS)]
    n_mass = [km.subs(D, 4), sp.diff(km.subs(D, 4 - 2 * EPS), EPS)]
    ints = integrals(rho, n_slash[0], n_mass[0])
    big_l = 2 * sp.log(kappa)   # ln(mu^2/m^2); ln(Delta/mu^2) = ln(Delta/m^2) - big_l
    pref = alpha * charge**2 / (4 * sp.pi)
    # Sigma = pref int [N0 (1/eps - ln(Delta/mu^2)) + N1]: finite parts of A (coefficient of pslash) and B (of m)
    half = poly_integral([0, 1])   # int x dx
    a_fin = -n_slash[0] * ints["l_x"] + (n_slash[0] * big_l + n_slash[1]) * half
    if want == "dm":   # delta m = m (A + B) at p^2 = m^2
        inner = -ints["l_mass"] + (n_slash[0] * half + n_mass[0]) * big_l + n_slash[1] * half + n_mass[1]
        value = m * pref * sp.expand(inner)
    else:              # delta Z_2 = A + 2 m^2 (A' + B')
        value = pref * sp.expand(a_fin + ints["ir"])
    photon = (r"a massless photon" if rho == 0 else
              rf"a photon of mass $\lambda = {tex(rho * m)}$ (Stueckelberg mass; in Feynman gauge its propagator is "
              r"$-ig_{\mu\nu}/(k^2 - \lambda^2)$)")
    scale = "m" if kappa == 1 else tex(kappa * m)
    target = {"dm": (r"the finite part of the one-loop shift of the pole mass, $\delta m = m_{\rm pole} - m = \Sigma(\not p = m)$ "
                     r"($m$ is the $\overline{\rm MS}$ mass)"),
              "dZ": (r"the finite part of the on-shell wave-function renormalisation $\delta Z_2 = \frac{d\Sigma}{d\not p}"
                     r"\Big|_{\not p = m}$ (the photon mass regulates its infrared divergence)")}[want]
    problem = (conventions(UNITS, METRIC, DIRAC) + r" Use dimensional regularisation in $d = 4 - 2\epsilon$ with the "
               r"$\overline{\rm MS}$ factor $(\mu^2e^{\gamma_E}/4\pi)^\epsilon$ on each loop integral, $\mu = " + scale
               + r"$, and $\alpha = e^2/4\pi$." + "\n\n"
               + rf"Take QED with {who} $\psi$ of mass $m$ and charge $Q = {tex(charge)}$ (in units of $e$; covariant derivative "
               r"$D_\mu = \partial_\mu + ieQA_\mu$), coupled to " + photon + r", in Feynman gauge. Define $-i\Sigma(\not p)$ as the "
               r"sum of one-particle-irreducible two-point diagrams, so the full propagator is $i/(\not p - m - \Sigma(\not p))$."
               + "\n\n" + f"At one loop, compute {target}. " + ask("it", ["alpha"] + (["m"] if want == "dm" else [])).replace(
                   "$alpha$", r"$\alpha$"))
    steps = [r"$-i\Sigma = (-ieQ)^2\int\frac{d^dk}{(2\pi)^d}\gamma^\mu\frac{i(\not k + m)}{k^2 - m^2}\gamma_\mu"
             r"\frac{-i}{(p-k)^2 - \lambda^2}$, and in $d$ dimensions $\gamma^\mu\not k\gamma_\mu = (" + tex(ks) + r")\,\not k$, "
             r"$\gamma^\mu\gamma_\mu = " + tex(km) + "$.",
             r"Feynman parameters ($x$ on the photon line), $k = \ell + xp$, $\Delta = x\lambda^2 + (1-x)m^2 - x(1-x)p^2$, and the "
             r"$\overline{\rm MS}$ master integral $\int\frac{d^d\ell}{(2\pi)^d}\frac{1}{(\ell^2-\Delta)^2} = \frac{i}{16\pi^2}"
             r"\big[\frac1\epsilon - \ln\frac{\Delta}{\mu^2}\big] + O(\epsilon)$; the $O(\epsilon)$ part of the numerator "
             r"$-(2 - 2\epsilon)x\not p + (4 - 2\epsilon)m$ multiplies the pole and leaves a finite remainder:",
             r"$$\Sigma = \frac{\alpha Q^2}{4\pi}\int_0^1dx\Big[(4m - 2x\not p)\Big(\frac1\epsilon - \ln\frac{\Delta}{\mu^2}\Big) + "
             r"2x\not p - 2m\Big].$$",
             rf"On shell, $p^2 = m^2$: $\Delta/m^2 = {tex(ints['delta'])}$" + (r" $= (1-x)^2$." if rho == 0 else ".")]
    if want == "dm":
        steps += [r"The pole of the propagator is at $\not p = m + \Sigma(\not p = m)$, so $\delta m = \frac{\alpha Q^2m}{4\pi}\int_0^1dx"
                  r"\Big[(4 - 2x)\Big(\frac1\epsilon - \ln\frac{\Delta}{\mu^2}\Big) + 2x - 2\Big]$; with $\int_0^1(4-2x)dx = 3$ and "
                  r"$\int_0^1(2x-2)dx = -1$ its finite part is $\frac{\alpha Q^2m}{4\pi}\Big[3\ln\frac{\mu^2}{m^2} - 1 - \int_0^1(4-2x)"
                  r"\ln\frac{\Delta}{m^2}dx\Big]$.",
                  rf"$\int_0^1(4-2x)\ln\frac{{\Delta}}{{m^2}}dx = {tex(ints['l_mass'])}$."]
    else:
        steps += [r"Write $\Sigma = A(p^2)\not p + B(p^2)m$; $\frac{d\Sigma}{d\not p} = A + 2\not p^2A' + 2\not p mB'$, so "
                  r"$\delta Z_2 = A(m^2) + 2m^2[A'(m^2) + B'(m^2)]$. With $\partial\Delta/\partial p^2 = -x(1-x)$: "
                  r"$A = \frac{\alpha Q^2}{4\pi}\int[-2x(\frac1\epsilon - \ln\frac{\Delta}{\mu^2}) + 2x]$, $A' = -\frac{\alpha Q^2}{4\pi}"
                  r"\int\frac{2x^2(1-x)}{\Delta}$, $B' = \frac{\alpha Q^2}{4\pi}\int\frac{4x(1-x)}{\Delta}$.",
                  r"So the finite part is $\frac{\alpha Q^2}{4\pi}\Big[1 - \ln\frac{\mu^2}{m^2} + \int_0^1 2x\ln\frac{\Delta}{m^2}dx + "
                  r"4\int_0^1\frac{x(1-x)(2-x)}{\Delta/m^2}dx\Big]$ (the last integral diverges as $\lambda \to 0$).",
                  rf"$\int_0^1 2x\ln\frac{{\Delta}}{{m^2}}dx = {tex(2 * ints['l_x'])}$ and $\int_0^1\frac{{x(1-x)(2-x)}}{{\Delta/m^2}}dx "
                  rf"= {tex(ints['ir'] / 4)}$."]
    answer = tex(value)
    steps.append(rf"With $Q^2 = {tex(charge**2)}$ and $\ln\frac{{\mu^2}}{{m^2}} = {tex(big_l)}$: $${answer}$$"
                 + f"\n\n$$\\boxed{{{answer}}}$$")
    params = {"want": want, "charge": str(charge), "who": who, "kappa": str(kappa), "rho": str(rho)}
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params,
                 symbols=["alpha"] + (["m"] if want == "dm" else []), difficulty=d)


register(Family(name=NAME, category="Renormalization and Quantum Corrections", levels=LEVELS,
                description="QED one-loop self-energy in dim reg (Feynman gauge): pole-mass shift with massless or massive photon, "
                            "on-shell delta Z_2 with a photon-mass IR regulator, via exact Feynman-parameter integrals.",
                generate=generate, config=Config(), version=1,
                reference="Peskin & Schroeder eqs. (7.19), (7.26); Denner Fortsch. Phys. 41 (1993) 307 sec. 3 and eqs. (4.18), "
                          "(4.23), (4.25)"))
