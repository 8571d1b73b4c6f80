r"""Pair annihilation $f\bar f\to\gamma\gamma$ at tree level: the $t$- and $u$-channel diagrams, their spin- and
polarisation-summed square from Dirac traces (`scattering._qed_photons`, $\sum v\bar v = \not p - m$, photon sums
$\to -g_{\mu\nu}$), centre-of-mass kinematics with $s = 4m^2/(1-\beta^2)$, the differential cross section and the total
one with the factor $\frac12$ for identical photons (partial fractions in $\cos\theta$, $\ln\frac{1+\beta}{1-\beta}$).

Levels (docs/generators.md rubric): graduate — $\frac14\sum|\mathcal M|^2$ at a CM point; advanced-graduate —
$d\sigma/d\cos\theta$ (flux, phase space); postgraduate — the total cross section (exact angular integral, identical
particles, a non-trivial threshold behaviour). The knob grows the pools of $\beta$ and $\cos\theta$.
References: Peskin & Schroeder eqs. (5.105)-(5.107); Dirac's total cross section, Berestetskii, Lifshitz &
Pitaevskii, *Quantum Electrodynamics*, eq. (88.9) (positron-lab form), which the tests compare with.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick
from qftdata.generators.loops._quadratic import tex
from qftdata.generators.registry import register
from qftdata.generators.scattering._qed_photons import (
    BETA,
    QED_SETUP,
    C,
    ask_in,
    e,
    m,
    pair_annihilation_cm,
    pair_annihilation_msq,
)
from qftdata.generators.text import METRIC, STATES, UNITS, UNPOLARISED, conventions

NAME = "scattering.pair_annihilation_two_photons"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
alpha = sp.Symbol("alpha", positive=True)
PAIRS = (("an electron and a positron", sp.Integer(-1)), ("a muon and an antimuon", sp.Integer(-1)),
         ("an up quark and an up antiquark (ignore colour: a single colour state)", sp.Rational(2, 3)),
         ("a fermion of charge $Q = -\\tfrac13$ and its antiparticle", sp.Rational(-1, 3)),
         ("a fermion of charge $Q = 2$ and its antiparticle", sp.Integer(2)))


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_num: int = 12   # largest denominator of beta and cos(theta) at the top of a level's band

    def validate(self) -> None:
        if self.max_num < 3:
            raise ValueError("max_num must be >= 3")


@cache
def _msq_tex(charge: sp.Rational) -> str:
    return tex(charge**4 * pair_annihilation_msq())


@cache
def _betas(size: int) -> tuple[sp.Rational, ...]:
    return tuple(sorted({sp.Rational(p, q) for q in range(2, size + 1) for p in range(1, q)}))


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    size = 3 + int(band_position(d, level) * (config.max_num - 3))
    who, charge = pick(rng, PAIRS)
    beta = pick(rng, _betas(size))
    c_val = pick(rng, tuple(sorted({sp.Rational(p, q) for q in range(1, size + 1) for p in range(-q, q + 1)})))
    big_s = 4 * m**2 / (1 - beta**2)
    msq_sym, dsig_sym, sigma_sym = pair_annihilation_cm()
    steps = [r"Two diagrams ($t$- and $u$-channel fermion exchange): $i\mathcal M = -ie^2Q^2\epsilon^*_\mu(k_1)\epsilon^*_\nu(k_2)\,"
             r"\bar v(p_2)\Big[\frac{\gamma^\nu(\not p_1 - \not k_1 + m)\gamma^\mu}{t - m^2} + \frac{\gamma^\mu(\not p_1 - \not k_2 + m)"
             r"\gamma^\nu}{u - m^2}\Big]u(p_1)$ with $t = (p_1 - k_1)^2$, $u = (p_1 - k_2)^2$.",
             r"With $\sum\epsilon_\mu\epsilon^*_\nu \to -g_{\mu\nu}$, $\sum u\bar u = \not p_1 + m$, $\sum v\bar v = \not p_2 - m$, the traces "
             rf"give $$\frac14\sum|\mathcal M|^2 = {_msq_tex(charge)}.$$",
             r"In the CM frame $p_{1,2} = \frac{\sqrt s}{2}(1, \pm\beta\hat z)$, $k_1 = \frac{\sqrt s}{2}(1, \hat n)$ with $\hat z\cdot\hat n = "
             rf"\cos\theta$, so $t - m^2 = -\frac s2(1 - \beta\cos\theta)$, $u - m^2 = -\frac s2(1 + \beta\cos\theta)$; here $s = {tex(big_s)}$ "
             rf"means $\beta = \sqrt{{1 - 4m^2/s}} = {tex(beta)}$."]
    at = {BETA: beta, C: c_val}
    if level == "graduate":
        value = sp.factor(charge**4 * msq_sym.subs(at))
        steps.append(rf"At $\cos\theta = {tex(c_val)}$: ${tex(value)}$.")
        target = rf"the spin- and polarisation-averaged $\frac14\sum|\mathcal M|^2$ at $\cos\theta = {tex(c_val)}$"
        syms = ["e"]
    else:
        to_alpha = {e: sp.sqrt(4 * sp.pi * alpha)}
        dsig = sp.factor(charge**4 * dsig_sym.subs(BETA, beta).subs(to_alpha))
        steps.append(r"Flux $4|\mathbf p|\sqrt s = 2s\beta$ and massless two-body phase space $\int d\Phi_2 = \int\frac{d\cos\theta}{16\pi}$ "
                     r"give $\frac{d\sigma}{d\cos\theta} = \frac{1}{32\pi s\beta}\frac14\sum|\mathcal M|^2 = " + tex(dsig)
                     + r"$ with $c = \cos\theta$.")
        if level == "advanced-graduate":
            value = sp.factor(dsig.subs(C, c_val))
            steps.append(rf"At $\cos\theta = {tex(c_val)}$: ${tex(value)}$.")
            target = rf"the differential cross section $d\sigma/d\cos\theta$ at $\cos\theta = {tex(c_val)}$"
        else:
            value = sp.factor_terms(sp.expand(sp.expand_log(charge**4 * sigma_sym.subs(BETA, beta).subs(to_alpha), force=True)))
            steps.append(r"Partial fractions in $\cos\theta$ and $\int_{-1}^1$, times $\frac12$ for the two identical photons "
                         r"(each configuration counted twice over the full solid angle; the $\frac{1}{1\mp\beta\cos\theta}$ terms give "
                         r"$\ln\frac{1+\beta}{1-\beta}$): " + rf"$\sigma = {tex(value)}$.")
            target = r"the total cross section $\sigma$"
        syms = ["alpha", "m"]
    problem = (conventions(UNITS, METRIC, STATES, UNPOLARISED) + "\n\n"
               + QED_SETUP + rf", {who}, each of mass $m$ (charge $Q = {tex(charge)}$ in units of $e$ for the particle), "
               rf"annihilate into two photons at centre-of-mass energy squared $s = {tex(big_s)}$; $\theta$ is the CM angle "
               r"between the incoming particle and one of the photons. At tree level and unpolarised, compute " + target + ". "
               + ask_in(syms))
    answer = tex(value)
    steps.append(f"$$\\boxed{{{answer}}}$$")
    params = {"quantity": {"graduate": "msq", "advanced-graduate": "dsigma_dcos"}.get(level, "sigma"), "who": who,
              "beta": str(beta), "c": str(c_val) if level != "postgraduate" else None}
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=syms, difficulty=d)


register(Family(name=NAME, category="Symmetries and Scattering", levels=LEVELS,
                description="f fbar -> gamma gamma: t/u-channel |M|^2 from traces, CM dsigma/dcos(theta), total cross section "
                            "with the identical-photon factor.",
                generate=generate, config=Config(), version=1,
                reference="Peskin & Schroeder eqs. (5.105)-(5.107); Berestetskii, Lifshitz & Pitaevskii QED eq. (88.9) (Dirac)"))
