r"""One-loop contribution of a neutral scalar or pseudoscalar to a fermion's anomalous magnetic moment,
$\Delta a = F_2(0)$, from the vertex diagram with explicit Feynman parameters, evaluated exactly for given mass ratios.

The family derives the Feynman-parameter integrand itself: the numerator $\Gamma(\not k' + m)\gamma^\mu(\not k + m)\Gamma$
($\Gamma = 1$, or $i\gamma^5$ which turns it into $(\not k' - m)\gamma^\mu(\not k - m)$) at the shifted loop momentum
$k = (x+z)p - zp'$, $k' = k + q$ is reduced between on-shell spinors (`renormalization._sandwich`: Clifford algebra and
the Dirac equation only) to $\bar u'[A\gamma^\mu + c_pp^\mu + c_{p'}p'^\mu]u$; Gordon's identity gives $F_2 = -m(c_p +
c_{p'})$ per unit of the loop factor; $\Delta = (x+z)^2\ldots$ is obtained by completing the square, and at $q^2 = 0$
$\Delta = (1-x)^2m^2 + xM^2$. With $\int\frac{d^4\ell}{(2\pi)^4}\frac{1}{(\ell^2-\Delta)^3} = \frac{-i}{32\pi^2\Delta}$,
$F_2(0) = \frac{g^2}{16\pi^2}\int dx\,dy\,dz\,\delta(1-x-y-z)\frac{-m(c_p + c_{p'})}{\Delta}$; the $z$ integral is a
polynomial one and the $x$ integral is done exactly (`loops._quadratic`: arctangents for $M < 2m$).

Levels (docs/generators.md rubric): advanced-graduate — one scalar or pseudoscalar of mass $M = \rho m$ (vertex
diagram, Dirac algebra, Gordon identity, Feynman-parameter integral); postgraduate — a scalar and a pseudoscalar of
different masses together (two integrals, two scales, the sign structure that decides the total). The knob grows
the pool of mass ratios.
References: J. P. Leveille, Nucl. Phys. B137 (1978) 63; F. Jegerlehner & A. Nyffeler, Phys. Rept. 477 (2009) 1,
sec. 7 (the integrals $\frac{g^2}{8\pi^2}\int_0^1dx\frac{x^2(2-x)}{x^2 + (1-x)\rho^2}$ and
$-\frac{g^2}{8\pi^2}\int_0^1dx\frac{x^3}{x^2+(1-x)\rho^2}$, and the heavy limit $\frac{g^2m^2}{8\pi^2M^2}[\ln\frac{M^2}{m^2}
- \frac76]$), which the tests compare with.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick, small_rationals
from qftdata.generators.loops._quadratic import X, coefficients, rational_integral, tex
from qftdata.generators.registry import register
from qftdata.generators.renormalization._sandwich import gordon_f2, reduce_sandwich
from qftdata.generators.text import DIRAC, METRIC, UNITS, ask, conventions

NAME = "renormalization.anomalous_moment_scalar_loop"
LEVELS = ("advanced-graduate", "postgraduate")
g, g_S, g_P = sp.symbols("g g_S g_P", positive=True)
m, M, q2, Z = sp.symbols("m M q2 z", real=True)
LEPTONS = ("a muon", "an electron", "a tau lepton", "a heavy charged lepton", "a charged Dirac fermion")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_num: int = 9   # largest numerator/denominator of M/m at the top of a level's band

    def validate(self) -> None:
        if self.max_num < 3:
            raise ValueError("max_num must be >= 3")


@cache
def feynman_integrand(sigma: int) -> tuple[sp.Expr, sp.Expr]:
    r"""(numerator polynomial $P(x)$, $\Delta(x)$) at $q^2 = 0$ with $F_2(0) = \frac{g^2}{16\pi^2}\int_0^1 dx\,P(x)/\Delta(x)$,
    for $\Gamma = 1$ ($\sigma = 1$) or $i\gamma^5$ ($\sigma = -1$). Derived: shift, sandwich reduction, Gordon, $z$ integral."""
    # x on the scalar line (momentum p - k), y on k, z on k' = k + q: shift vector v = x p - z q = (x + z) p - z p'
    a, b = X + Z, -Z                      # k = l + a p + b p'
    a2, b2 = a - 1, b + 1                 # k' = k + p' - p
    left = {("p",): a2, ("P",): b2, (): sigma * m}
    right = {("p",): a, ("P",): b, (): sigma * m}
    words: dict[tuple[str, ...], sp.Expr] = {}
    for wl, cl in left.items():
        for wr, cr in right.items():
            w = wl + ("mu",) + wr
            words[w] = words.get(w, 0) + cl * cr
    f2 = gordon_f2(reduce_sandwich(words, m, q2), m)
    # Delta = v^2 - x p^2 + x M^2 - z q^2 + (y + z) m^2 with y + z = 1 - x
    v2 = a**2 * m**2 + b**2 * m**2 + 2 * a * b * (m**2 - q2 / 2)
    delta = sp.expand(v2 - X * m**2 + X * M**2 - Z * q2 + (1 - X) * m**2)
    f2, delta = f2.subs(q2, 0), delta.subs(q2, 0)
    if Z in delta.free_symbols:
        raise ArithmeticError("Delta at q^2 = 0 must not depend on z")
    numerator = sp.expand(sp.integrate(f2, (Z, 0, 1 - X)))   # polynomial in z: the measure dy dz delta(...) -> dz
    return numerator, sp.factor(delta)


def contribution(sigma: int, rho: sp.Rational) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(F_2(0) per g^2, numerator/m^2 polynomial, Delta/m^2) for M = rho m."""
    numerator, delta = feynman_integrand(sigma)
    num = sp.expand(numerator / m**2)
    den = sp.expand((delta / m**2).subs(M, rho * m))
    c = coefficients(den, X) + [sp.Integer(0)] * 3
    value = rational_integral(coefficients(num, X), (c[2], c[1], c[0])) / (16 * sp.pi**2)
    return value, num, den


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    size = 3 + int(band_position(d, level) * (config.max_num - 3))
    pool = tuple(v for v in small_rationals(2 * size, size) if v <= 8)
    who = pick(rng, LEPTONS)
    if level == "advanced-graduate":
        fields = [(pick(rng, (1, -1)), pick(rng, pool), g)]
    else:
        rho_s = pick(rng, pool)
        fields = [(1, rho_s, g_S), (-1, pick(rng, tuple(v for v in pool if v != rho_s)), g_P)]
    total, lines = sp.Integer(0), []
    for sigma, rho, coupling in fields:
        value, num, den = contribution(sigma, rho)
        total += coupling**2 * value
        kind = "scalar" if sigma == 1 else "pseudoscalar"
        lines.append(rf"{kind.capitalize()} ($M = {tex(rho * m)}$): after the $z$ integral the $F_2$ numerator is "
                     rf"${tex(num)}$ (times $m^2$) and $\Delta/m^2 = {tex(den)}$, so its contribution is "
                     rf"$\frac{{{tex(coupling**2)}}}{{16\pi^2}}\int_0^1dx\,\frac{{{tex(num)}}}{{{tex(den)}}} = {tex(coupling**2 * value)}$.")
    if level == "advanced-graduate":
        sigma, rho, _ = fields[0]
        lag = (r"-g\,\phi\,\bar\psi\psi" if sigma == 1 else r"-g\,\phi\,\bar\psi i\gamma^5\psi")
        setup = (rf"{who[0].upper() + who[1:]} $\psi$ of mass $m$ and electric charge $Qe$ couples to a neutral real "
                 rf"{'scalar' if sigma == 1 else 'pseudoscalar'} $\phi$ of mass $M = {tex(rho * m)}$ through "
                 rf"$\mathcal L_{{\rm int}} = {lag}$ ($g$ real).")
        syms = ["g"]
    else:
        (_, rs, _), (_, rp, _) = fields
        setup = (rf"{who[0].upper() + who[1:]} $\psi$ of mass $m$ and electric charge $Qe$ couples to a neutral scalar $S$ of mass "
                 rf"$M_S = {tex(rs * m)}$ and a neutral pseudoscalar $A$ of mass $M_A = {tex(rp * m)}$ through "
                 r"$\mathcal L_{\rm int} = -g_S\,S\,\bar\psi\psi - g_P\,A\,\bar\psi i\gamma^5\psi$ ($g_S$, $g_P$ real).")
        syms = ["g_S", "g_P"]
    problem = (conventions(UNITS, METRIC, DIRAC) + "\n\n" + setup + " Write the electromagnetic vertex as "
               r"$\bar u(p')\big[\gamma^\mu F_1(q^2) + \frac{i\sigma^{\mu\nu}q_\nu}{2m}F_2(q^2)\big]u(p)$ times $-ieQ$, with "
               r"$q = p' - p$ and $\sigma^{\mu\nu} = \frac i2[\gamma^\mu,\gamma^\nu]$, so that the anomalous magnetic moment is "
               r"$a = F_2(0)$." + "\n\n"
               + r"Compute the one-loop contribution of the neutral boson exchange" + ("s" if len(fields) > 1 else "")
               + r" to $a$ (the vertex diagram with the boson connecting the incoming and outgoing fermion lines). "
               + ask("it", syms))
    steps = [r"$\delta\Gamma^\mu = \int\frac{d^4k}{(2\pi)^4}(-ig)\Gamma\frac{i(\not k' + m)}{k'^2 - m^2}\gamma^\mu"
             r"\frac{i(\not k + m)}{k^2 - m^2}(-ig)\Gamma\frac{i}{(p-k)^2 - M^2}$ with $k' = k + q$; for $\Gamma = i\gamma^5$, moving "
             r"$\gamma^5$ through gives $(\not k' - m)\gamma^\mu(\not k - m)$.",
             r"Feynman parameters $x, y, z$ for the boson, $k$ and $k'$ lines: the denominator is $(\ell^2 - \Delta)^3$ with "
             r"$k = \ell + (x+z)p - zp'$ and, at $q^2 = 0$, $\Delta = (1-x)^2m^2 + xM^2$; "
             r"$\int\frac{d^4\ell}{(2\pi)^4}\frac{1}{(\ell^2-\Delta)^3} = \frac{-i}{32\pi^2\Delta}$, so "
             r"$\delta\Gamma^\mu = \frac{g^2}{16\pi^2}\int dF\,\frac{N^\mu}{\Delta}$ (terms with $\ell^2$ give only $\gamma^\mu$).",
             r"Between on-shell spinors ($\not pu = mu$, $\bar u'\not p' = m\bar u'$) $N^\mu = \bar u'[A\gamma^\mu + c_pp^\mu + "
             r"c_{p'}p'^\mu]u$; Gordon's identity $\bar u'(p+p')^\mu u = \bar u'[2m\gamma^\mu - i\sigma^{\mu\nu}q_\nu]u$ makes "
             r"$F_2 = -m(c_p + c_{p'})$ per unit of the loop factor; then $\int_0^{1-x}dz$."] + lines
    answer = tex(total)
    steps.append(rf"Therefore $$\Delta a = {answer}$$" + f"\n\n$$\\boxed{{{answer}}}$$")
    params = {"fields": [[s, str(r)] for s, r, _ in fields], "who": who}
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=syms, difficulty=d)


register(Family(name=NAME, category="Renormalization and Quantum Corrections", levels=LEVELS,
                description="Anomalous magnetic moment from a neutral scalar/pseudoscalar loop: vertex numerator reduced between "
                            "on-shell spinors, Gordon identity, exact Feynman-parameter integral at given mass ratios.",
                generate=generate, config=Config(), version=1,
                reference="Leveille NPB 137 (1978) 63; Jegerlehner & Nyffeler Phys. Rept. 477 (2009) 1, sec. 7"))
