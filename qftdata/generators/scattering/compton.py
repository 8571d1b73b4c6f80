r"""Compton scattering $\ell^-\gamma\to\ell^-\gamma$ off a charged Dirac fermion at rest: the two tree diagrams ($s$ and
$u$ channel), their spin- and polarisation-summed square from Dirac traces (`scattering._qed_photons`, polarisation
sums $\to -g_{\mu\nu}$), the lab kinematics $\omega' = \omega/[1 + (\omega/m)(1-\cos\theta)]$, the Klein-Nishina
differential cross section and its exact angular integral.

Levels (docs/generators.md rubric): graduate — $\frac14\sum|\mathcal M|^2$ at a lab-frame point (two diagrams, traces,
kinematics); advanced-graduate — $d\sigma/d\cos\theta$ (adds the two-body phase space and flux); postgraduate — the
total cross section (adds the exact angular integral, logarithms of $1 + 2\omega/m$). The knob grows the pools of
$\omega/m$ and $\cos\theta$.
References: Peskin & Schroeder eqs. (5.87) and (5.88) (Klein-Nishina); total cross section: Berestetskii, Lifshitz &
Pitaevskii, *Quantum Electrodynamics*, eq. (86.16); the tests compare with both.
"""

from __future__ import annotations

import random
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family
from qftdata.generators.loops._common import pick
from qftdata.generators.loops._quadratic import tex
from qftdata.generators.registry import register
from qftdata.generators.scattering._qed_photons import (
    KAPPA,
    QED_SETUP,
    C,
    LabConfig,
    ask_in,
    compton_lab,
    compton_msq,
    e,
    lab_draw,
    m,
)
from qftdata.generators.text import METRIC, STATES, UNITS, UNPOLARISED, conventions

NAME = "scattering.compton"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
alpha = sp.Symbol("alpha", positive=True)
TARGETS = (("an electron", sp.Integer(-1)), ("a muon", sp.Integer(-1)), ("a positron", sp.Integer(1)),
           ("a pointlike Dirac fermion of charge $Q = \\tfrac23$", sp.Rational(2, 3)),
           ("a pointlike Dirac fermion of charge $Q = 2$", sp.Integer(2)))


@cache
def _msq_tex(charge: sp.Rational) -> str:
    return tex(charge**4 * compton_msq())


Config = LabConfig


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d, size, who, charge, kappa = lab_draw(rng, level, config, TARGETS)
    cos_pool = tuple(sorted({sp.Rational(p, q) for q in range(1, size + 1) for p in range(-q, q + 1)}))
    c_val = pick(rng, cos_pool)
    msq_sym, dsig_sym, sigma_sym = compton_lab()
    steps = [r"Two diagrams ($s$- and $u$-channel fermion exchange): $i\mathcal M = -ie^2Q^2\epsilon_\mu(k)\epsilon^*_\nu(k')\,"
             r"\bar u(p')\Big[\frac{\gamma^\nu(\not p + \not k + m)\gamma^\mu}{s - m^2} + \frac{\gamma^\mu(\not p - \not k' + m)\gamma^\nu}"
             r"{u - m^2}\Big]u(p)$.",
             r"Summing photon polarisations with $\sum\epsilon_\mu\epsilon^*_\nu \to -g_{\mu\nu}$ (Ward identity) and spins with "
             r"$\sum u\bar u = \not p + m$, the three traces (two squares and the interference) give "
             rf"$$\frac14\sum|\mathcal M|^2 = {_msq_tex(charge)}.$$",
             r"In the rest frame of the target, $s - m^2 = 2m\omega$ and $u - m^2 = -2m\omega'$, with $\omega' = \frac{\omega}{1 + "
             r"(\omega/m)(1-\cos\theta)}$ from energy-momentum conservation."]
    at = {KAPPA: kappa, C: c_val}
    if level == "graduate":
        value = sp.factor(charge**4 * msq_sym.subs(at))
        w_val = 1 / (1 + kappa * (1 - c_val))
        steps.append(rf"At $\omega = {tex(kappa * m)}$ and $\cos\theta = {tex(c_val)}$: $\omega'/\omega = {tex(w_val)}$, so "
                     rf"$s = {tex(m**2 * (1 + 2 * kappa))}$, $u = {tex(m**2 * (1 - 2 * kappa * w_val))}$ and the average is ${tex(value)}$.")
        target = rf"the spin- and polarisation-averaged squared amplitude $\frac14\sum|\mathcal M|^2$ at $\cos\theta = {tex(c_val)}$"
        syms = ["e"]
    else:
        to_alpha = {e: sp.sqrt(4 * sp.pi * alpha)}
        dsig = sp.factor(charge**4 * dsig_sym.subs(KAPPA, kappa).subs(to_alpha))
        steps.append(r"Flux $4m\omega$ and two-body phase space in the lab, $\int d\Phi_2 = \int\frac{d\cos\theta}{8\pi}"
                     r"\frac{\omega'^2}{2m\omega}$, give $\frac{d\sigma}{d\cos\theta} = \frac{1}{32\pi m^2}\Big(\frac{\omega'}{\omega}"
                     rf"\Big)^2\frac14\sum|\mathcal M|^2$; with $e^2 = 4\pi\alpha$ and $\omega = {tex(kappa * m)}$: "
                     rf"$\frac{{d\sigma}}{{d\cos\theta}} = {tex(dsig)}$ with $c = \cos\theta$.")
        if level == "advanced-graduate":
            value = sp.factor(dsig.subs(C, c_val))
            steps.append(rf"At $\cos\theta = {tex(c_val)}$ this is ${tex(value)}$.")
            target = rf"the differential cross section $d\sigma/d\cos\theta$ at $\cos\theta = {tex(c_val)}$"
        else:
            value = sp.factor_terms(sp.expand(charge**4 * sigma_sym.subs(KAPPA, kappa).subs(to_alpha)))
            steps.append(r"Integrating over $-1 \le \cos\theta \le 1$ with $w = 1 + (\omega/m)(1 - \cos\theta)$ as the variable "
                         r"($d\sigma/dc$ is a Laurent polynomial in $w$; the $1/w$ term gives $\ln(1 + 2\omega/m)$): "
                         + rf"$\sigma = {tex(value)}$.")
            target = r"the total cross section $\sigma$"
        syms = ["alpha", "m"]
    problem = (conventions(UNITS, METRIC, STATES, UNPOLARISED) + "\n\n"
               + QED_SETUP + rf" a photon of energy $\omega = {tex(kappa * m)}$ scatters off {who} of mass $m$ at rest "
               rf"(charge $Q = {tex(charge)}$ in units of $e$); $\theta$ is the angle between the incoming and outgoing photon in "
               r"this frame. At tree level and unpolarised, compute " + target + ". "
               + ask_in(syms))
    answer = tex(value)
    steps.append(f"$$\\boxed{{{answer}}}$$")
    params = {"quantity": {"graduate": "msq", "advanced-graduate": "dsigma_dcos"}.get(level, "sigma"), "who": who, "kappa": str(kappa), "c": str(c_val) if level != "postgraduate" else None}
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=syms, difficulty=d)


register(Family(name=NAME, category="Symmetries and Scattering", levels=LEVELS,
                description="Compton scattering off a Dirac fermion at rest: two-diagram |M|^2 from traces, Klein-Nishina "
                            "dsigma/dcos(theta), exact total cross section.",
                generate=generate, config=Config(), version=1,
                reference="Peskin & Schroeder eqs. (5.87), (5.88); Berestetskii, Lifshitz & Pitaevskii QED eq. (86.16)"))
