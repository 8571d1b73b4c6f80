r"""Bhabha ($\ell^-\ell^+\to\ell^-\ell^+$: $s$- and $t$-channel photon) and Møller ($\ell^-\ell^-\to\ell^-\ell^-$: $t$- and
$u$-channel) scattering at tree level, with the relative minus sign of Fermi statistics.

The family squares the two diagrams itself: the squared diagrams are contractions of two open-index traces
$T_1^{\mu\nu}T_{2\,\mu\nu}$ and the interference is one trace over both lines (`scattering._traces`, built on the abstract
Clifford algebra of `dirac.py`); spin sums $\sum u\bar u = \not p + m$, $\sum v\bar v = \not p - m$; then CM kinematics
($t = -\frac s2\beta^2(1-\cos\theta)$, $u = -\frac s2\beta^2(1+\cos\theta)$), $d\sigma/d\Omega = \overline{|\mathcal M|^2}/(64\pi^2s)$,
and for the massless angular-cut cross section an exact integral over $|\cos\theta| \le c_0$ (factor $\frac12$ for
identical final leptons in Møller scattering).

Levels (docs/generators.md rubric): graduate — massless leptons: $\frac14\sum|\mathcal M|^2$ or $d\sigma/d\Omega$ at an angle
(two diagrams, traces, interference sign, kinematics); advanced-graduate — massive leptons at a given CM velocity, or the
massless cross section integrated over an angular cut (exact logarithms). The knob grows the pools of $\cos\theta$,
$\beta$ and $c_0$.
References: Peskin & Schroeder problem 5.2 (massless Bhabha: $\frac{d\sigma}{d\cos\theta} = \frac{\pi\alpha^2}{s}[u^2(\frac1s +
\frac1t)^2 + (\frac ts)^2 + (\frac st)^2]$); C. Møller, Ann. Phys. 14 (1932) 531 (massive CM cross section, also
Berestetskii, Lifshitz & Pitaevskii sec. 81); the tests compare with both and with explicit-spinor sums.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.dirac import dot_symbol
from qftdata.generators.loops._common import band_position, pick
from qftdata.generators.loops._quadratic import tex
from qftdata.generators.registry import register
from qftdata.generators.scattering._traces import contract, gamma, line, open_trace, trace
from qftdata.generators.text import METRIC, STATES, UNITS, UNPOLARISED, ask, conventions

NAME = "scattering.bhabha_moller"
LEVELS = ("graduate", "advanced-graduate")
s, t, u = sp.symbols("s t u", real=True)
m, e, alpha = sp.symbols("m e alpha", positive=True)
BETA, C, C0 = sp.Symbol("beta", positive=True), sp.Symbol("c", real=True), sp.Symbol("c_0", positive=True)
LEPTONS = (("electrons", "e"), ("muons", r"\mu"), ("tau leptons", r"\tau"))


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_den: int = 12   # largest denominator of cos(theta), beta and the cut at the top of a level's band

    def validate(self) -> None:
        if self.max_den < 3:
            raise ValueError("max_den must be >= 3")


@cache
def msq(process: str) -> sp.Expr:
    r"""$\frac14\sum|\mathcal M|^2$ in $s, t, u, m$ ($e^4$ included): $\frac{e^4}{4}[K_{11} + K_{22} - 2K_{12}]$."""
    k11, k22, k12 = pieces(process)
    return sp.factor(e**4 * (k11 + k22 - 2 * k12) / 4)


@cache
def pieces(process: str) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    r"""Spin sums $(K_{11}, K_{22}, K_{12}) = (\sum|\mathcal M_1|^2, \sum|\mathcal M_2|^2, \sum\mathcal M_1\mathcal M_2^*)/e^4$ of the two
    diagrams ($\mathcal M = \mathcal M_1 - \mathcal M_2$) in $s, t, u, m$. Labels: 1, 2 incoming, 3, 4 outgoing; the lepton is 1
    (and 2 for Møller), the antilepton 2 and 4 for Bhabha. Also used by `groups.qcd_colour_factors` with colour weights."""
    shell = {dot_symbol(a, a): m**2 for a in "1234"}
    shell.update({dot_symbol("1", "2"): s / 2 - m**2, dot_symbol("3", "4"): s / 2 - m**2,
                  dot_symbol("1", "3"): m**2 - t / 2, dot_symbol("2", "4"): m**2 - t / 2,
                  dot_symbol("1", "4"): m**2 - u / 2, dot_symbol("2", "3"): m**2 - u / 2})
    if process == "bhabha":   # M = M_s - M_t
        a1 = open_trace([line(("2", 1), -m), gamma("OPEN1"), line(("1", 1), m), gamma("OPEN2")])
        a2 = open_trace([line(("3", 1), m), gamma("OPEN1"), line(("4", 1), -m), gamma("OPEN2")])
        b1 = open_trace([line(("3", 1), m), gamma("OPEN1"), line(("1", 1), m), gamma("OPEN2")])
        b2 = open_trace([line(("2", 1), -m), gamma("OPEN1"), line(("4", 1), -m), gamma("OPEN2")])
        mix = trace([gamma("mu"), line(("1", 1), m), gamma("nu"), line(("3", 1), m), gamma("mu"), line(("4", 1), -m),
                     gamma("nu"), line(("2", 1), -m)])
        first, second = s, t
    else:                     # M = M_t - M_u
        a1 = open_trace([line(("3", 1), m), gamma("OPEN1"), line(("1", 1), m), gamma("OPEN2")])
        a2 = open_trace([line(("4", 1), m), gamma("OPEN1"), line(("2", 1), m), gamma("OPEN2")])
        b1 = open_trace([line(("4", 1), m), gamma("OPEN1"), line(("1", 1), m), gamma("OPEN2")])
        b2 = open_trace([line(("3", 1), m), gamma("OPEN1"), line(("2", 1), m), gamma("OPEN2")])
        mix = trace([gamma("mu"), line(("1", 1), m), gamma("nu"), line(("4", 1), m), gamma("mu"), line(("2", 1), m),
                     gamma("nu"), line(("3", 1), m)])
        first, second = t, u
    return tuple(sp.factor(x.xreplace(shell)) for x in (contract(a1, a2) / first**2, contract(b1, b2) / second**2,
                                                           mix / (first * second)))


@cache
def cm_forms(process: str) -> tuple[sp.Expr, sp.Expr]:
    r"""($\frac14\sum|\mathcal M|^2$, $d\sigma/d\Omega$) in the CM frame as functions of $\beta$, $c = \cos\theta$ and $m$,
    with $s = 4m^2/(1-\beta^2)$."""
    big_s = 4 * m**2 / (1 - BETA**2)
    amp = msq(process).subs({s: big_s, t: -big_s / 2 * BETA**2 * (1 - C), u: -big_s / 2 * BETA**2 * (1 + C)})
    amp = sp.factor(amp)
    return amp, sp.factor((amp / (64 * sp.pi**2 * big_s)).subs(e, sp.sqrt(4 * sp.pi * alpha)))


@cache
def massless_forms(process: str) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    r"""Massless: ($\frac14\sum|\mathcal M|^2$ in $c$, $d\sigma/d\Omega$ in $c$ and $s$, $\sigma(|\cos\theta| \le c_0)$ in $c_0$, $s$)."""
    amp = sp.factor(msq(process).subs(m, 0).subs({t: -s / 2 * (1 - C), u: -s / 2 * (1 + C)}))
    dsig = sp.factor((amp / (64 * sp.pi**2 * s)).subs(e, sp.sqrt(4 * sp.pi * alpha)))
    identical = sp.Rational(1, 2) if process == "moller" else 1
    sigma = identical * 2 * sp.pi * sp.integrate(sp.apart(dsig, C), (C, -C0, C0))
    return amp, dsig, sp.factor_terms(sp.expand(sp.expand_log(sigma, force=True)))


@cache
def _pool(size: int, lo: int) -> tuple[sp.Rational, ...]:
    """Rationals p/q in (-1, 1) (lo = -1) or (0, 1) (lo = 0) with q <= size."""
    return tuple(sorted({sp.Rational(p, q) for q in range(2, size + 1) for p in range(lo * q + 1, q)}))


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    size = 3 + int(band_position(d, level) * (config.max_den - 3))
    process = pick(rng, ("bhabha", "moller"))
    leptons, sym = pick(rng, LEPTONS)
    kind = pick(rng, ("msq", "dsigma") if level == "graduate" else ("massive", "massive", "cut"))
    c_val = pick(rng, _pool(size, -1))
    reaction = (rf"${sym}^-{sym}^+\to{sym}^-{sym}^+$ (Bhabha scattering)" if process == "bhabha"
                else rf"${sym}^-{sym}^-\to{sym}^-{sym}^-$ (Møller scattering)")
    channels = (r"an $s$-channel (annihilation) and a $t$-channel (scattering) photon" if process == "bhabha"
                else r"a $t$-channel and a $u$-channel photon (the two final leptons exchanged)")
    steps = [rf"Two diagrams contribute, {channels}; exchanging two identical fermion operators in the Wick contraction "
             r"gives them a relative minus sign, $\mathcal M = \mathcal M_1 - \mathcal M_2$.",
             r"Each squared diagram is a contraction of two traces (one per fermion line) and the interference is a single trace "
             r"running through both lines; with $\sum u\bar u = \not p + m$, $\sum v\bar v = \not p - m$ and averaging over the "
             rf"four initial spin states: $$\frac14\sum|\mathcal M|^2 = {tex(msq(process))}$$ with $s + t + u = 4m^2$."]
    if level == "graduate":
        amp, dsig, _ = massless_forms(process)
        steps.append(r"For massless leptons in the CM frame $t = -\frac s2(1-\cos\theta)$, $u = -\frac s2(1+\cos\theta)$, so "
                     rf"$\frac14\sum|\mathcal M|^2 = {tex(amp)}$ with $c = \cos\theta$.")
        if kind == "msq":
            value = sp.factor(amp.subs(C, c_val))
            target, syms = rf"$\frac14\sum|\mathcal M|^2$ at $\cos\theta = {tex(c_val)}$", ["e"]
        else:
            value = sp.factor(dsig.subs(C, c_val))
            steps.append(r"$\frac{d\sigma}{d\Omega} = \frac{\overline{|\mathcal M|^2}}{64\pi^2s}$ for massless $2\to2$ in the CM frame.")
            target, syms = rf"the differential cross section $d\sigma/d\Omega$ at $\cos\theta = {tex(c_val)}$", ["alpha", "s"]
        mass_text, energy = "Treat the leptons as massless", r"at centre-of-mass energy squared $s$"
        params = {"kind": kind, "c": str(c_val)}
    elif kind == "massive":
        beta = pick(rng, _pool(size, 0))
        amp, dsig = cm_forms(process)
        value = sp.factor(dsig.subs({BETA: beta, C: c_val}))
        big_s = 4 * m**2 / (1 - beta**2)
        steps.append(r"In the CM frame with lepton speed $\beta$: $s = \frac{4m^2}{1-\beta^2}$, $t = -\frac s2\beta^2(1-\cos\theta)$, "
                     rf"$u = -\frac s2\beta^2(1+\cos\theta)$; here $\beta = {tex(beta)}$, $s = {tex(big_s)}$, and "
                     r"$\frac{d\sigma}{d\Omega} = \frac{\overline{|\mathcal M|^2}}{64\pi^2s}$ (equal masses in and out).")
        steps.append(rf"At $\cos\theta = {tex(c_val)}$: $\frac{{d\sigma}}{{d\Omega}} = {tex(value)}$.")
        target, syms = rf"the differential cross section $d\sigma/d\Omega$ at $\cos\theta = {tex(c_val)}$", ["alpha", "m"]
        mass_text, energy = "The leptons have mass $m$", rf"with centre-of-mass energy squared $s = {tex(big_s)}$ (lepton speed $\beta = {tex(beta)}$ in that frame)"
        params = {"kind": kind, "c": str(c_val), "beta": str(beta)}
    else:
        c0 = pick(rng, _pool(size, 0))
        _, dsig, sigma = massless_forms(process)
        value = sp.factor_terms(sp.expand(sp.expand_log(sigma.subs(C0, c0), force=True)))
        steps.append(r"Massless CM kinematics: $t = -\frac s2(1-c)$, $u = -\frac s2(1+c)$, $c = \cos\theta$, and $\frac{d\sigma}{d\Omega} = "
                     rf"\frac{{\overline{{|\mathcal M|^2}}}}{{64\pi^2s}} = {tex(dsig)}$.")
        steps.append(r"Integrate $2\pi\int_{-c_0}^{c_0}dc$ after partial fractions in $c$ (the $\frac{1}{(1\mp c)^k}$ terms give powers "
                     r"and $\ln\frac{1+c_0}{1-c_0}$)" + (r", with $\frac12$ for the identical final leptons" if process == "moller" else "")
                     + rf": $\sigma = {tex(value)}$.")
        target, syms = rf"the cross section integrated over $|\cos\theta| \le {tex(c0)}$", ["alpha", "s"]
        mass_text, energy = "Treat the leptons as massless", r"at centre-of-mass energy squared $s$"
        params = {"kind": kind, "c0": str(c0)}
    problem = (conventions(UNITS, METRIC, STATES, UNPOLARISED) + "\n\n"
               + rf"In QED ($\mathcal L = \bar\psi(i\not D - m)\psi - \tfrac14F_{{\mu\nu}}F^{{\mu\nu}}$, $D_\mu = \partial_\mu - ieA_\mu$ for "
               rf"the negatively charged lepton, $\alpha = e^2/4\pi$) consider unpolarised {reaction} of {leptons} {energy}. "
               rf"{mass_text}; $\theta$ is the CM angle between the incoming and the outgoing ${sym}^-$. At tree level, compute "
               + target + ". " + ask("it", [r"\alpha" if x == "alpha" else x for x in syms]))
    answer = tex(value)
    steps.append(f"$$\\boxed{{{answer}}}$$")
    params.update({"process": process, "leptons": leptons})
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=syms, difficulty=d,
                 domain=["s > 0"] if "s" in syms else [])


register(Family(name=NAME, category="Symmetries and Scattering", levels=LEVELS,
                description="Bhabha and Møller scattering: two diagrams with the Fermi-statistics sign, squared via open-index "
                            "traces, massless and massive CM cross sections, angular-cut cross section.",
                generate=generate, config=Config(), version=1,
                reference="Peskin & Schroeder problem 5.2; Møller Ann. Phys. 14 (1932) 531; Berestetskii, Lifshitz & Pitaevskii sec. 81"))
