r"""Compton scattering off a charged spin-0 particle in scalar QED: two pole diagrams plus the seagull, the Ward
identity that needs the seagull, and the lab-frame cross sections.

$\mathcal M^{\mu\nu} = -e^2Q^2\Big[\frac{(2p+k)^\mu(2p'+k')^\nu}{s-m^2} + \frac{(2p'-k)^\mu(2p-k')^\nu}{u-m^2}\Big] + 2e^2Q^2g^{\mu\nu}$
(vertices $-ieQ(p+p')^\mu$ and $2ie^2Q^2g^{\mu\nu}$ from $|D_\mu\phi|^2$). The family contracts the pole diagrams with
$k_\mu$ (the Ward identity: they leave $2e^2Q^2k^\nu$, which the seagull cancels), squares the full tensor with
$\sum\epsilon_\mu\epsilon^*_{\mu'}\to -g_{\mu\mu'}$ (tensor contraction in dot products, `scattering._traces.contract`), and
integrates the lab cross section exactly (`scattering._qed_photons.lab_forms`).

Levels (docs/generators.md rubric): graduate — the Ward-identity contraction of the pole diagrams with explicit
momenta and polarisation; advanced-graduate — the polarisation-averaged $|\mathcal M|^2$ or $d\sigma/d\cos\theta$ in the
lab (three diagrams, tensor algebra, kinematics); postgraduate — the total cross section (exact angular integral,
$\ln(1 + 2\omega/m)$). The knob grows the pools of $\omega/m$ and angles.
References: Peskin & Schroeder problem 9.1 (scalar QED Feynman rules) and sec. 5.5; in the radiation gauge of the
target rest frame only the seagull survives, giving $\frac{d\sigma}{d\Omega} = \frac{\alpha^2}{2m^2}\big(\frac{\omega'}{\omega}\big)^2
(1 + \cos^2\theta)$, whose $\omega\to0$ limit is the Thomson cross section $\frac{8\pi\alpha^2}{3m^2}$ (Jackson, *Classical
Electrodynamics*, eq. 14.125); the tests compare with both.
"""

from __future__ import annotations

import random
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family
from qftdata.generators.dirac import dot_symbol
from qftdata.generators.loops._common import pick
from qftdata.generators.loops._quadratic import tex
from qftdata.generators.registry import register
from qftdata.generators.scattering._qed_photons import KAPPA, C, LabConfig, e, lab_draw, lab_forms, m, s, u
from qftdata.generators.scattering._traces import contract
from qftdata.generators.text import METRIC, STATES, UNITS, ask, conventions

NAME = "scattering.scalar_qed_compton"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
alpha = sp.Symbol("alpha", positive=True)
TARGETS = (("a charged pion", sp.Integer(1)), ("a charged kaon", sp.Integer(-1)), ("a spin-0 particle of charge $Q = 2$", sp.Integer(2)),
           ("a spin-0 particle of charge $Q = -\\tfrac13$", sp.Rational(-1, 3)))
# cos(theta), sin(theta) pairs with rational sines (Pythagorean triples), for explicit polarisation vectors
ANGLES = tuple(sorted({(sp.Rational(a, c), sp.Rational(b, c)) for a, b, c in ((3, 4, 5), (5, 12, 13), (8, 15, 17), (7, 24, 25),
                                                                           (20, 21, 29), (12, 35, 37), (9, 40, 41))}
                      | {(sp.Rational(b, c), sp.Rational(a, c)) for a, b, c in ((3, 4, 5), (5, 12, 13), (8, 15, 17), (7, 24, 25),
                                                                                  (20, 21, 29), (12, 35, 37), (9, 40, 41))}
                      | {(-sp.Rational(a, c), sp.Rational(b, c)) for a, b, c in ((3, 4, 5), (5, 12, 13), (8, 15, 17), (7, 24, 25))}))


def _outer(a: dict, b: dict) -> dict:
    """x^mu y^nu terms of (sum a_x x)^mu (sum b_y y)^nu."""
    return {(x, y): ca * cb for x, ca in a.items() for y, cb in b.items()}


def _add(*tensors: tuple[sp.Expr, dict]) -> dict:
    out: dict = {}
    for weight, tensor in tensors:
        for key, c in tensor.items():
            out[key] = out.get(key, 0) + weight * c
    return out


@cache
def msq_su() -> sp.Expr:
    r"""$\frac12\sum_{\rm pol}|\mathcal M|^2$ (initial photon averaged) in $s$, $u$, $m$ for unit charge ($e^4$ included)."""
    s_pole = _outer({"p": 2, "k": 1}, {"P": 2, "K": 1})
    u_pole = _outer({"P": 2, "k": -1}, {"p": 2, "K": -1})
    tt = 2 * m**2 - s - u
    shell = {dot_symbol("p", "p"): m**2, dot_symbol("P", "P"): m**2, dot_symbol("k", "k"): 0, dot_symbol("K", "K"): 0,
             dot_symbol("p", "k"): (s - m**2) / 2, dot_symbol("P", "K"): (s - m**2) / 2,
             dot_symbol("p", "K"): (m**2 - u) / 2, dot_symbol("P", "k"): (m**2 - u) / 2,
             dot_symbol("p", "P"): m**2 - tt / 2, dot_symbol("k", "K"): -tt / 2}
    amp = _add((-1 / (s - m**2), s_pole), (-1 / (u - m**2), u_pole), (sp.Integer(1), {None: 2}))
    return sp.factor(e**4 * contract(amp, amp).xreplace(shell) / 2)


@cache
def _lab() -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    return lab_forms(msq_su())


Config = LabConfig


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d, size, who, charge, kappa = lab_draw(rng, level, config, TARGETS)
    setup = (rf"In scalar QED, $\mathcal L = (D_\mu\phi)^\dagger D^\mu\phi - m^2\phi^\dagger\phi - \tfrac14F_{{\mu\nu}}F^{{\mu\nu}}$ with "
             rf"$D_\mu = \partial_\mu + ieQA_\mu$ and $\alpha = e^2/4\pi$, a photon of energy $\omega = {tex(kappa * m)}$ (momentum $k$) "
             rf"scatters off {who} of mass $m$ and charge $Q = {tex(charge)}$ at rest (momentum $p$); the outgoing photon has momentum "
             r"$k'$ at angle $\theta$ to the incoming one and the outgoing scalar momentum $p'$. The Feynman rules give the vertices "
             r"$-ieQ(p_{\rm in} + p_{\rm out})^\mu$ and the seagull $2ie^2Q^2g^{\mu\nu}$.")
    steps = [r"Three diagrams: $s$-channel and $u$-channel scalar exchange and the seagull, "
             r"$\mathcal M^{\mu\nu} = -e^2Q^2\Big[\frac{(2p+k)^\mu(2p'+k')^\nu}{s-m^2} + \frac{(2p'-k)^\mu(2p-k')^\nu}{u-m^2}\Big] + "
             r"2e^2Q^2g^{\mu\nu}$, with $\mathcal M = \epsilon_\mu(k)\epsilon^*_\nu(k')\mathcal M^{\mu\nu}$."]
    if level == "graduate":
        cos_t, sin_t = pick(rng, ANGLES)
        eps_out = (0, cos_t, 0, -sin_t)
        k_vec = (kappa * m, 0, 0, kappa * m)
        k_dot_eps = k_vec[0] * eps_out[0] - sum(k_vec[i] * eps_out[i] for i in (1, 2, 3))
        value = sp.factor(2 * e**2 * charge**2 * k_dot_eps)
        steps += [r"Replace $\epsilon_\mu(k)\to k_\mu$. With $k^2 = 0$: $k\cdot(2p + k) = 2p\cdot k = s - m^2$ and $k\cdot(2p' - k) = "
                  r"2p'\cdot k = m^2 - u$, so each pole cancels: $k_\mu\mathcal M^{\mu\nu}_{\rm poles} = -e^2Q^2[(2p'+k')^\nu - (2p-k')^\nu] "
                  r"= -2e^2Q^2(p' + k' - p)^\nu = -2e^2Q^2k^\nu$; the seagull adds $+2e^2Q^2k^\nu$, so the Ward identity "
                  r"$k_\mu\mathcal M^{\mu\nu} = 0$ holds only with it.",
                  r"Hence the pole diagrams alone give $-2e^2Q^2\,k\cdot\epsilon'^*$ with $k\cdot\epsilon' = -\vec k\cdot\vec\epsilon' = "
                  rf"\omega\sin\theta = {tex(k_dot_eps)}$."]
        value = sp.factor(-value)
        target = (r"$k_\mu\,\epsilon'^*_\nu\,\mathcal M^{\mu\nu}_{\rm poles}$, the sum of the $s$- and $u$-channel diagrams only (no seagull) with "
                  r"the incoming polarisation replaced by $k_\mu$, for the outgoing photon in the $xz$ plane with $\vec k$ along $z$, "
                  rf"$\cos\theta = {tex(cos_t)}$, $\sin\theta = {tex(sin_t)}$ and the real in-plane polarisation $\epsilon' = (0, \cos\theta, 0, -\sin\theta)$")
        syms = ["e", "m"]
        params = {"kind": "ward", "kappa": str(kappa), "cos": str(cos_t), "who": who}
    else:
        msq_sym, dsig_sym, sigma_sym = _lab()
        steps.append(r"Square with $\sum\epsilon_\mu\epsilon^*_{\mu'}\to -g_{\mu\mu'}$ (allowed because the full amplitude obeys the Ward "
                     r"identity), average over the two initial polarisations, and put the dot products on shell in $s$, $u$: "
                     rf"$$\frac12\sum|\mathcal M|^2 = {tex(charge**4 * msq_su())}.$$")
        steps.append(r"Lab kinematics: $s - m^2 = 2m\omega$, $u - m^2 = -2m\omega'$, $\omega' = \omega/[1 + (\omega/m)(1-\cos\theta)]$; "
                     r"$\frac{d\sigma}{d\cos\theta} = \frac{1}{32\pi m^2}\big(\frac{\omega'}{\omega}\big)^2\overline{|\mathcal M|^2}$.")
        if level == "advanced-graduate":
            cos_pool = tuple(sorted({sp.Rational(p, q) for q in range(1, size + 1) for p in range(-q, q + 1)}))
            c_val = pick(rng, cos_pool)
            if rng.random() < 0.5:
                value = sp.factor(charge**4 * msq_sym.subs({KAPPA: kappa, C: c_val}))
                target, syms = rf"the polarisation-averaged $\overline{{|\mathcal M|^2}}$ at $\cos\theta = {tex(c_val)}$", ["e"]
            else:
                value = sp.factor(charge**4 * dsig_sym.subs({KAPPA: kappa, C: c_val}).subs(e, sp.sqrt(4 * sp.pi * alpha)))
                target, syms = rf"the differential cross section $d\sigma/d\cos\theta$ at $\cos\theta = {tex(c_val)}$", ["alpha", "m"]
            steps.append(rf"At $\cos\theta = {tex(c_val)}$: ${tex(value)}$.")
            params = {"kind": "msq" if syms == ["e"] else "dsigma", "kappa": str(kappa), "c": str(c_val), "who": who}
        else:
            value = sp.factor_terms(sp.expand(charge**4 * sigma_sym.subs(KAPPA, kappa).subs(e, sp.sqrt(4 * sp.pi * alpha))))
            steps.append(r"Integrate over $\cos\theta$ with $w = 1 + (\omega/m)(1-\cos\theta)$ ($d\sigma/dc$ is a Laurent polynomial in "
                         rf"$w$): $\sigma = {tex(value)}$.")
            target, syms = r"the total cross section $\sigma$", ["alpha", "m"]
            params = {"kind": "sigma", "kappa": str(kappa), "who": who}
    problem = (conventions(UNITS, METRIC, STATES) + "\n\n" + setup + "\n\n"
               + f"At tree level compute {target}. " + ask("it", [r"\alpha" if x == "alpha" else x for x in syms]))
    answer = tex(value)
    steps.append(f"$$\\boxed{{{answer}}}$$")
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=syms, difficulty=d)


register(Family(name=NAME, category="Gauge Fields and Symmetry", levels=LEVELS,
                description="Scalar-QED Compton scattering: the Ward identity with and without the seagull, polarisation-summed "
                            "|M|^2 by tensor contraction, lab dsigma/dcos(theta) and exact total cross section.",
                generate=generate, config=Config(), version=1,
                reference="Peskin & Schroeder problem 9.1 and sec. 5.5; radiation-gauge result (alpha^2/2m^2)(w'/w)^2(1+cos^2); "
                          "Thomson limit, Jackson eq. (14.125)"))
