r"""Scattering of two distinguishable Dirac fermions by (pseudo)scalar Yukawa exchange.

$\mathcal L_{\rm int} = -g_1\phi\bar\psi\Gamma\psi - g_2\phi\bar\chi\Gamma\chi$ with $\Gamma = 1$ or $i\gamma^5$:
$\psi\chi\to\psi\chi$ has only the $t$-channel diagram. The spin-averaged $|\mathcal M|^2$ is the product of two
traces, each computed with explicit Dirac matrices in dot products (`dirac.trace_in_dot_products`), then put on
shell ($p_1\cdot p_3 = m_1^2 - t/2$). For massless fermions the total cross section is
$\sigma = \int_{-s}^0 dt\,\overline{|\mathcal M|^2}/(16\pi s^2)$, integrated with sympy.
Reference: Srednicki ch. 48 (Yukawa $e^-e^-$ scattering, $t$-channel term), Peskin & Schroeder sec. 4.7;
$\overline{|\mathcal M|^2} = g_1^2g_2^2(4m_1^2 - t)(4m_2^2 - t)/(t - M^2)^2$ for scalar exchange.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.dirac import dot_symbol, trace_in_dot_products
from qftdata.generators.loops._common import band_position
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import pick, s, t, tex
from qftdata.generators.text import METRIC, STATES, UNITS, UNPOLARISED, conventions

NAME = "scattering.yukawa_exchange"
LEVELS = ("graduate", "advanced-graduate")
g_1, g_2, M = sp.symbols("g_1 g_2 M", positive=True)
m_1, m_2 = sp.symbols("m_1 m_2", positive=True)


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


@cache
def line_trace(pseudo: bool, a: str, b: str, mass) -> sp.Expr:
    r"""$\mathrm{tr}[(\not p_b + m)\Gamma(\not p_a + m)\Gamma]$ in `P_ab`; for $\Gamma = i\gamma^5$ use
    $i\gamma^5(\not p_a + m)i\gamma^5 = -(-\not p_a + m) = \not p_a - m$."""
    sign = -1 if pseudo else 1  # (p_a + m) -> (p_a - m) after moving the two i gamma^5 together
    words = [((b, a), 1), ((b,), sign * mass), ((a,), mass), ((), sign * mass**2)]
    total = 0
    for w, coeff in words:
        if len(w) % 2 == 0:
            total += coeff * trace_in_dot_products(w)
    return sp.expand(total)


@cache
def _sigma_massless(pseudo: bool) -> sp.Expr:
    """sigma = int_{-s}^0 dt |M|^2/(16 pi s^2) for massless fermions (sympy integration)."""
    x = sp.Symbol("x", positive=True)  # x = M^2 - t > 0 keeps every logarithm real
    integrand = sp.apart((msq(pseudo, 0, 0) / (16 * sp.pi * s**2)).subs(t, M**2 - x), x)
    return sp.simplify(sp.integrate(integrand, (x, M**2, M**2 + s)))


def msq(pseudo: bool, mass1, mass2) -> sp.Expr:
    tr1 = line_trace(pseudo, "1", "3", mass1).subs(dot_symbol("1", "3"), mass1**2 - t / 2)
    tr2 = line_trace(pseudo, "2", "4", mass2).subs(dot_symbol("2", "4"), mass2**2 - t / 2)
    return sp.factor(g_1**2 * g_2**2 / (t - M**2) ** 2 * tr1 * tr2 / 4)


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    pseudo = rng.random() < 0.4
    numeric = rng.random() < 0.8
    t_val = s_val = None
    if level == "graduate":
        quantity = "msq"
        masses = pick(rng, ("general", "equal", "one_massless"))
        mass1 = m_1
        mass2 = {"general": m_2, "equal": m_1, "one_massless": 0}[masses]
        if numeric:  # masses and momentum transfer in units of M
            mass1 = pick(rng, (sp.Rational(1, 2), sp.Rational(1, 3), sp.Integer(1), sp.Integer(2), sp.Rational(3, 2),
                               sp.Rational(1, 4), sp.Rational(2, 3), sp.Rational(5, 4))) * M
            mass2 = {"general": pick(rng, (sp.Rational(1, 4), sp.Rational(2, 3), sp.Integer(3), sp.Rational(1, 5),
                                           sp.Rational(3, 4))) * M,
                     "equal": mass1, "one_massless": 0}[masses]
            t_val = -pick(rng, tuple(sp.Rational(k, 4) for k in range(1, 9 + round(16 * u)))) * M**2
    else:
        quantity = pick(rng, ("sigma", "dsigma_dt"))
        masses = "massless"
        mass1 = mass2 = 0
        if numeric:
            s_val = rng.randint(1, 12 + round(36 * u)) * M**2
            if quantity == "dsigma_dt":
                t_val = -pick(rng, tuple(sp.Rational(k, 8) for k in range(1, 9))) * s_val
    amp2 = msq(pseudo, mass1, mass2)
    gam = r"i\gamma^5" if pseudo else r"\mathbb 1"
    steps = [
        rf"Only $\phi$ exchange in the $t$ channel contributes: $i\mathcal M = (-ig_1)(-ig_2)\,"
        rf"\frac{{i}}{{t - M^2}}\,[\bar u(p_3)\Gamma u(p_1)][\bar u(p_4)\Gamma u(p_2)]$ with $\Gamma = {gam}$.",
        r"Averaging over the four initial spin states and summing the final ones,"
        r"$$\overline{|\mathcal M|^2} = \frac{g_1^2g_2^2}{4(t-M^2)^2}\,\mathrm{tr}[(\not p_3+m_1)\Gamma(\not p_1+m_1)"
        r"\bar\Gamma]\,\mathrm{tr}[(\not p_4+m_2)\Gamma(\not p_2+m_2)\bar\Gamma],\quad \bar\Gamma = \gamma^0\Gamma^\dagger"
        r"\gamma^0 = \Gamma.$$",
    ]
    if pseudo:
        steps.append(r"Moving one $i\gamma^5$ through $(\not p_1 + m_1)$ with $\gamma^5\not p = -\not p\gamma^5$ and "
                     r"$(i\gamma^5)^2 = -1$ turns it into $(\not p_1 - m_1)$, so each trace is "
                     r"$\mathrm{tr}[(\not p_3+m)(\not p_1-m)] = 4(p_1\cdot p_3 - m^2)$.")
    else:
        steps.append(r"Each trace is $\mathrm{tr}[(\not p_3+m)(\not p_1+m)] = 4(p_1\cdot p_3 + m^2)$.")
    steps.append(r"On shell $t = (p_1 - p_3)^2 = 2m_1^2 - 2p_1\cdot p_3$, so $p_1\cdot p_3 = m_1^2 - t/2$ and "
                 rf"likewise $p_2\cdot p_4 = m_2^2 - t/2$. Therefore $$\overline{{|\mathcal M|^2}} = {sp.latex(amp2)}.$$")
    kin = {}
    if t_val is not None:
        kin[t] = t_val
    if s_val is not None:
        kin[s] = s_val
    kin_text = ""
    if quantity == "msq":
        value = sp.factor(amp2.subs(kin))
        what = r"the spin-averaged squared amplitude $\overline{|\mathcal M|^2}$"
        syms = ["g_1", "g_2"] + ([] if t_val is not None else ["t"]) + ["M"] \
            + [sp.latex(x) for x in (m_1, m_2) if x in amp2.free_symbols]
    elif quantity == "dsigma_dt":
        value = sp.factor((amp2 / (16 * sp.pi * s**2)).subs(kin))
        steps.append(r"For massless $2\to2$ scattering $\frac{d\sigma}{dt} = \frac{\overline{|\mathcal M|^2}}{16\pi s^2}$.")
        what = r"the differential cross section $d\sigma/dt$"
        syms = ["g_1", "g_2"] + ([] if s_val is not None else ["s", "t"]) + ["M"]
    else:
        integrand = amp2 / (16 * sp.pi * s**2)
        value = _sigma_massless(pseudo).subs(kin)
        value = sp.factor(sp.expand_log(value, force=True))  # (simplify folded n ln 2 into ln(2^n), slowly)
        steps.append(r"For massless $2\to2$ scattering $\frac{d\sigma}{dt} = \frac{\overline{|\mathcal M|^2}}{16\pi s^2}$ "
                     r"with $-s \le t \le 0$ (the final fermions are distinguishable, no symmetry factor). "
                     r"Writing $\frac{t^2}{(t-M^2)^2} = 1 + \frac{2M^2}{t-M^2} + \frac{M^4}{(t-M^2)^2}$ and integrating:")
        what = r"the total cross section $\sigma$"
        syms = ["g_1", "g_2"] + ([] if s_val is not None else ["s"]) + ["M"]
        del integrand
    if t_val is not None or s_val is not None:
        parts = []
        if s_val is not None:
            parts.append(rf"$s = {sp.latex(s_val)}$")
        if t_val is not None:
            parts.append(rf"$t = {sp.latex(t_val)}$")
        kin_text = " Evaluate it at " + " and ".join(parts) + "."
        steps.append("At " + " and ".join(parts) + rf": ${tex(value)}$.")
    answer = tex(value)
    steps.append(rf"$$\boxed{{{answer}}}$$")
    mass_text = {"general": r"$\psi$ has mass $m_1$ and $\chi$ has mass $m_2$",
                 "equal": r"$\psi$ and $\chi$ both have mass $m_1$",
                 "one_massless": r"$\psi$ has mass $m_1$ and $\chi$ is massless",
                 "massless": r"both fermions are massless"}[masses]
    if masses != "massless" and mass1 != m_1:  # numeric masses: the statement must give them (audit)
        mass_text = {"general": rf"$\psi$ has mass $m_1 = {tex(mass1)}$ and $\chi$ has mass $m_2 = {tex(mass2)}$",
                     "equal": rf"$\psi$ and $\chi$ both have mass $m_1 = {tex(mass1)}$",
                     "one_massless": rf"$\psi$ has mass $m_1 = {tex(mass1)}$ and $\chi$ is massless"}[masses]
    lag = (r"-g_1\,\phi\,\bar\psi i\gamma^5\psi - g_2\,\phi\,\bar\chi i\gamma^5\chi" if pseudo
           else r"-g_1\,\phi\,\bar\psi\psi - g_2\,\phi\,\bar\chi\chi")
    problem = (
        f"{conventions(UNITS, METRIC, STATES, UNPOLARISED)} Spinors obey $\\sum u\\bar u = \\not p + m$.\n\n"
        rf"Two distinct Dirac fermions $\psi$ and $\chi$ couple to a real scalar $\phi$ of mass $M$ through "
        rf"$$\mathcal L_{{\rm int}} = {lag},$$ with real $g_1$, $g_2$; {mass_text}." "\n\n"
        rf"For unpolarised $\psi(p_1)\chi(p_2)\to\psi(p_3)\chi(p_4)$ at tree level, with $s = (p_1+p_2)^2$ and "
        rf"$t = (p_1-p_3)^2$ (physical scattering has $t < 0$, and $-s < t$ when the fermions are massless), "
        rf"compute {what}.{kin_text} Give it in terms of "
        + ", ".join(f"${x}$" for x in syms[:-1]) + f" and ${syms[-1]}$, as a single expression in `\\boxed{{}}`."
    )
    params = {"pseudo": pseudo, "quantity": quantity, "masses": masses, "m1": str(mass1), "m2": str(mass2),
              "t": str(t_val), "s": str(s_val)}
    symbols = [x.replace("{", "").replace("}", "") for x in syms]
    assumptions = {"t": "real"} if "t" in symbols else {}
    # the physical region: spacelike momentum transfer, and -s <= t for massless 2 -> 2
    domain = (["t < 0"] if "t" in symbols else []) + (["-s < t"] if {"s", "t"} <= set(symbols) else [])
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=symbols,
                 assumptions=assumptions, domain=domain, difficulty=d)


register(Family(
    name=NAME,
    category="Fermions and Spinor Structure",
    levels=LEVELS,
    description="psi chi -> psi chi by scalar/pseudoscalar Yukawa exchange: traces, |M|^2, dsigma/dt, sigma.",
    generate=generate,
    config=Config(),
    version=3,  # 3: difficulty knob (ranges of t and s), physical region t < 0 (and -s < t) declared
    reference="Srednicki ch. 48 (t-channel term); |M|^2 = g1^2 g2^2 (4m1^2-t)(4m2^2-t)/(t-M^2)^2",
))
