r"""Tree-level $2\to2$ cross section from a quartic contact interaction of two real scalars.

$\mathcal L_{\rm int} = -\frac{\lambda}{N}\phi_1^k\phi_2^{4-k}$ with a randomised normalisation $N$. The
Feynman rule is computed by differentiating $\mathcal L_{\rm int}$ with respect to the external fields
(the combinatorial factor $k!(4-k)!/N$), the flux and final momenta from the Källén function, and the
angular integral with sympy; a factor 1/2 for identical final particles. Reference: Peskin & Schroeder
eq. (4.85) and problem 4.3-type results, e.g. $\sigma(\phi\phi\to\phi\phi) = \lambda^2/(32\pi s)$ for
$-\frac{\lambda}{4!}\phi^4$ (Srednicki eq. (10.x)/(11.x) conventions agree).
Levels (rubric): advanced-undergraduate — massless or equal-mass fields; graduate — two different masses (Källén
kinematics), with the physical region $s$ above both thresholds declared. The knob grows the mass ratios and $s$.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, small_rationals
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import cm_momentum, pick, s, tex
from qftdata.generators.text import METRIC, STATES, UNITS, UNPOLARISED, conventions

NAME = "scattering.scalar_contact_2to2"
LEVELS = ("advanced-undergraduate", "graduate")
lam = sp.Symbol("lambda", positive=True)
m_1, m_2 = sp.symbols("m_1 m_2", positive=True)
c = sp.Symbol("c", real=True)
phi1, phi2 = sp.symbols("phi1 phi2")
NORMS = {4: (24, 4, 2, 1, 12, 6, 8, 48), 3: (6, 3, 2, 1, 12, 4), 2: (4, 2, 1, 8, 16, 3), 1: (6, 3, 2, 1, 12, 4)}


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


def _processes(k: int):
    legs = ["1"] * k + ["2"] * (4 - k)
    out = set()
    import itertools

    for perm in itertools.permutations(legs):
        a, b, cc, d = perm
        out.add((tuple(sorted((a, b))), tuple(sorted((cc, d)))))
    return sorted(out)


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    dk = knob(config, level, rng)
    u = band_position(dk, level)
    k = pick(rng, (4, 3, 2, 1))
    norm = pick(rng, NORMS[k])
    (a, b), (cc, d) = pick(rng, _processes(k))
    # advanced-undergraduate: massless fields, or both of mass m_1 (no Kallen-function kinematics);
    # graduate: different masses, symbolic or with numeric ratios, above both thresholds
    massless = level == "advanced-undergraduate" and rng.random() < 0.3
    numeric = not massless and rng.random() < 0.6
    mass = {"1": 0 if massless else m_1, "2": 0 if massless else (m_1 if level == "advanced-undergraduate" else m_2)}
    ratio = n_s = None
    if numeric:  # m_2 = ratio * m_1 and s = n_s * m_1^2, above both thresholds
        ratio = (sp.Integer(1) if level == "advanced-undergraduate" else
                 pick(rng, [r for r in small_rationals(2 + round(3 * u), 2 + round(3 * u)) if r != 1]))
        mass["2"] = ratio * m_1
        threshold = max((mass[a] + mass[b]) ** 2, (mass[cc] + mass[d]) ** 2) / m_1**2
        n_s = int(sp.floor(threshold)) + rng.randint(1, 8 + round(16 * u))
    # Feynman rule: i * d^4 L_int / d(fields)
    lint = -lam / norm * phi1**k * phi2 ** (4 - k)
    vertex_factor = sp.diff(lint, phi1, k, phi2, 4 - k)  # = i M / i
    amp = vertex_factor  # M = vertex (contact term, no propagators)
    identical = cc == d
    s_val = n_s * m_1**2 if numeric else s
    p_i = sp.factor(cm_momentum(sp.sqrt(s_val), mass[a], mass[b]))
    p_f = sp.factor(cm_momentum(sp.sqrt(s_val), mass[cc], mass[d]))
    dsdo = amp**2 / (64 * sp.pi**2 * s_val) * p_f / p_i
    sym = sp.Rational(1, 2) if identical else 1
    # the contact amplitude is isotropic, so the cos(theta) integral is 2 x the constant (sympy's integrate took
    # a third of the draw time for it)
    angular = 2 * dsdo if not dsdo.has(c) else sp.integrate(dsdo, (c, -1, 1))
    sigma = sp.factor(sp.radsimp(sym * 2 * sp.pi * angular))
    answer = tex(sigma)

    name = {"1": r"\phi_1", "2": r"\phi_2"}
    proc = f"{name[a]}{name[b]}\\to {name[cc]}{name[d]}"
    lag_tex = rf"-\frac{{\lambda}}{{{norm}}}" + "".join(
        [rf"\phi_1^{{{k}}}" if k > 1 else (r"\phi_1" if k == 1 else "")]
        + [rf"\phi_2^{{{4 - k}}}" if 4 - k > 1 else (r"\phi_2" if 4 - k == 1 else "")])
    if norm == 1:
        lag_tex = r"-\lambda\," + lag_tex[len(r"-\frac{\lambda}{1}"):]
    used = [x for x in (m_1, m_2) if x in sigma.free_symbols]
    syms = [r"\lambda"] + ([] if numeric else ["s"]) + [sp.latex(x) for x in used]
    if massless:
        mass_text = "Both fields are massless."
    elif level == "advanced-undergraduate" and numeric:
        mass_text = rf"Both fields have mass $m_1$; the centre-of-mass energy squared is $s = {n_s}\,m_1^2$."
    elif level == "advanced-undergraduate":
        mass_text = r"Both fields have mass $m_1$; take $s$ above threshold, $s > 4m_1^2$."
    elif numeric:
        mass_text = (rf"$\phi_1$ has mass $m_1$ and $\phi_2$ has mass $m_2 = {sp.latex(ratio)}\,m_1$; the "
                     rf"centre-of-mass energy squared is $s = {n_s}\,m_1^2$.")
    else:
        mass_text = (r"$\phi_1$ has mass $m_1$ and $\phi_2$ has mass $m_2$; take $s$ above both thresholds, "
                     rf"$s > ({sp.latex(mass[a] + mass[b])})^2$ and $s > ({sp.latex(mass[cc] + mass[d])})^2$.")
    problem = (
        f"{conventions(UNITS, METRIC, STATES, UNPOLARISED)}\n\n"
        rf"Two real scalar fields $\phi_1$, $\phi_2$ interact through $$\mathcal L_{{\rm int}} = {lag_tex}.$$ "
        f"{mass_text}\n\n"
        rf"Compute the total tree-level cross section for ${proc}$"
        + ("" if numeric else " at centre-of-mass energy squared $s$") + ". Give it in "
        "terms of " + ", ".join(f"${x}$" for x in syms[:-1]) + f" and ${syms[-1]}$, as a single expression in "
        "`\\boxed{}`."
    )
    steps = [
        rf"The Feynman rule of the vertex is $i$ times the fourth derivative of $\mathcal L_{{\rm int}}$ with respect "
        rf"to the four external fields: $\partial^4\mathcal L_{{\rm int}}/\partial\phi_1^{{{k}}}\partial\phi_2^{{{4 - k}}} "
        rf"= -\frac{{\lambda}}{{{norm}}}\,{k}!\,{4 - k}! = {sp.latex(vertex_factor)}$, so at tree level "
        rf"$\mathcal M = {sp.latex(amp)}$ (a pure contact term, independent of angle).",
        r"In the CM frame $\frac{d\sigma}{d\Omega} = \frac{|\mathcal M|^2}{64\pi^2 s}\frac{|\mathbf p_f|}{|\mathbf p_i|}$, "
        r"with $|\mathbf p| = \lambda_{\rm K}^{1/2}(s, m_a^2, m_b^2)/(2\sqrt s)$ (Källén function "
        r"$\lambda_{\rm K}(a,b,c) = a^2+b^2+c^2-2ab-2bc-2ca$); here "
        rf"$|\mathbf p_i| = {sp.latex(p_i)}$ and $|\mathbf p_f| = {sp.latex(p_f)}$.",
        (r"The final particles are identical, so the full solid angle is divided by 2: " if identical else
         r"The final particles are distinguishable: ")
        + rf"$\sigma = {sp.latex(sym)}\cdot 2\pi\int_{{-1}}^{{1}}d\cos\theta\,\frac{{d\sigma}}{{d\Omega}} = {answer}$.",
        rf"$$\boxed{{{answer}}}$$",
    ]
    params = {"k": k, "norm": norm, "process": [a, b, cc, d], "massless": massless, "equal": mass["2"] == mass["1"],
              "ratio": str(ratio) if ratio is not None else None, "n_s": n_s}
    symbols = ["lambda"] + ([] if numeric else ["s"]) + [x.name for x in used]
    # the physical region, among the declared symbols (an equal-mass answer does not depend on m_1 at all)
    thresholds = {(mass[a] + mass[b]) ** 2, (mass[cc] + mass[d]) ** 2}
    domain = [] if numeric or massless else sorted(
        f"s > {sp.sstr(t).replace('**', '^')}" for t in thresholds
        if t != 0 and {x.name for x in t.free_symbols} <= set(symbols))
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=symbols,
                 domain=domain, difficulty=dk)


register(Family(
    name=NAME,
    category="Symmetries and Scattering",
    levels=LEVELS,
    description="Two-scalar quartic contact interaction: Feynman rule by differentiation, 2->2 cross section.",
    generate=generate,
    config=Config(),
    version=2,  # 2: difficulty knob; equal masses at advanced-undergraduate, different masses at graduate; region
    reference="Peskin & Schroeder eq. (4.85) & problem 4.3; sigma(phi phi -> phi phi) = lambda^2/(32 pi s)",
))
