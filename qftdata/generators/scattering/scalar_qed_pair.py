r"""$e^+e^-\to\phi^+\phi^-$ in scalar QED: explicit lepton trace contracted with the scalar current.

$\mathcal M = \frac{e^2 Q_e Q_\phi}{s}\,\bar v(p')\gamma^\mu u(p)\,(k - k')_\mu$ from the scalar-QED vertex
$-ieQ(k-k')^\mu$ (with $D_\mu = \partial_\mu + ieQA_\mu$). The spin-averaged square uses the lepton tensor from
explicit 4x4 Dirac matrices on CM momenta; $\sigma$ follows by sympy integration over $\cos\theta$.
Reference: $d\sigma/d\Omega = \frac{\alpha^2Q^2\beta^3}{8s}\sin^2\theta$, $\sigma = \frac{\pi\alpha^2Q^2\beta^3}{3s}$
(Peskin & Schroeder problem 9.1; PDG "Cross-section formulae", $e^+e^-\to\pi^+\pi^-$ with $|F_\pi|=1$).
Levels (rubric): advanced-undergraduate — massless scalars; graduate — the mass as a fraction of $\sqrt s$;
advanced-graduate — a symbolic mass above threshold (region $s > 4m^2$ declared) or an acceptance window.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.dirac import METRIC, gamma, slash, trace
from qftdata.generators.loops._common import band_position
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import alpha, pick, s, tex
from qftdata.generators.text import METRIC as METRIC_TEXT
from qftdata.generators.text import STATES, UNITS, UNPOLARISED, conventions

NAME = "scattering.scalar_qed_pair"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate")
c = sp.Symbol("c", real=True)
m = sp.Symbol("m", positive=True)
C0 = sp.Symbol("c_0", positive=True)  # half-width of the |cos(theta)| acceptance
CHARGES = (sp.Integer(1), sp.Integer(2), sp.Rational(1, 3), sp.Rational(2, 3), sp.Integer(3), sp.Rational(4, 3))
@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


@cache
def dsigma_domega_unit() -> sp.Expr:
    """dsigma/dOmega for Q_phi = 1, scalar mass m, massless electrons, in s, m, c = cos(theta)."""
    E, K = sp.symbols("E K", positive=True)
    sn = sp.sqrt(1 - c**2)
    p, pb = (E, 0, 0, E), (E, 0, 0, -E)
    k, kb = (E, K * sn, 0, K * c), (E, -K * sn, 0, -K * c)
    q_low = [METRIC[mu, mu] * (k[mu] - kb[mu]) for mu in range(4)]  # (k - k')_mu
    total = 0
    for mu in range(4):
        for nu in range(4):
            total += trace(slash(pb), gamma(mu), slash(p), gamma(nu)) * q_low[mu] * q_low[nu]
    e2 = 4 * sp.pi * alpha
    msq = e2**2 * total / (4 * s**2)  # 1/4 spin average
    msq = msq.subs(K, sp.sqrt(E**2 - m**2)).subs(E, sp.sqrt(s) / 2)
    return sp.factor(sp.simplify(msq / (64 * sp.pi**2 * s) * sp.sqrt(s / 4 - m**2) / (sp.sqrt(s) / 2)))


@cache
def sigma_unit() -> sp.Expr:
    return sp.factor(sp.simplify(2 * sp.pi * sp.integrate(sp.expand(dsigma_domega_unit()), (c, -1, 1))))


@cache
def window_unit() -> sp.Expr:
    """sigma inside |cos(theta)| < c0 for Q = 1 (sympy integration once, symbolic c0)."""
    return sp.factor(sp.integrate(sp.expand(2 * sp.pi * dsigma_domega_unit()), (c, -C0, C0)))


def _angles(u: float) -> tuple[sp.Rational, ...]:
    top = 3 + round(7 * u)  # denominators grow with the knob
    return tuple(sorted({sp.Rational(p, q) for q in range(1, top + 1) for p in range(-q + 1, q)}))


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    q = pick(rng, CHARGES)
    # levels (rubric): massless (advanced-undergraduate); the mass given as a fraction of sqrt(s) (graduate);
    # a symbolic mass above threshold, s > 4 m^2, or an acceptance window (advanced-graduate)
    massive = level != "advanced-undergraduate"
    quantity = pick(rng, ("sigma", "dsigma_domega", "dsigma_dcos") + (("sigma_window",) * 2 if massive else ()))
    angle = pick(rng, _angles(u)) if quantity.startswith("dsigma") else None
    window = pick(rng, [x for x in _angles(u) if x > 0]) if quantity == "sigma_window" else None
    ratio = None
    if level == "graduate":
        top = 8 + round(12 * u)
        ratio = sp.Rational(rng.randint(1, top - 1), 2 * top)  # m = ratio * sqrt(s), below threshold 1/2
    base = {"sigma": sigma_unit(), "sigma_window": window_unit(), "dsigma_domega": dsigma_domega_unit(),
            "dsigma_dcos": 2 * sp.pi * dsigma_domega_unit()}[quantity]
    value = q**2 * base
    if angle is not None:
        value = value.subs(c, angle)
    if window is not None:
        value = value.subs(C0, window)
    if not massive:
        value = value.subs(m, 0)
    if ratio is not None:
        value = value.subs(m, ratio * sp.sqrt(s))
    value = sp.factor(value)
    answer = tex(value)
    what = {"sigma": r"the total cross section $\sigma$",
            "sigma_window": (rf"the cross section inside the acceptance $|\cos\theta| < {sp.latex(window)}$ (integrated "
                             r"over the azimuth)" if window is not None else ""),
            "dsigma_domega": rf"$d\sigma/d\Omega$ at $\cos\theta = {sp.latex(angle)}$" if angle is not None else "",
            "dsigma_dcos": (rf"$d\sigma/d\cos\theta$ (integrated over the azimuth) at $\cos\theta = {sp.latex(angle)}$"
                            if angle is not None else "")}[quantity]
    if not massive:
        mass_text = "Neglect all masses."
    elif ratio is not None:
        mass_text = rf"The scalar has mass $m = {sp.latex(ratio)}\sqrt{{s}}$; neglect the electron mass."
    else:
        mass_text = r"The scalar has mass $m$ and the collision is above threshold, $s > 4m^2$; neglect the electron mass."
    syms = [r"\alpha", "s"] + (["m"] if massive and ratio is None else [])
    problem = (
        f"{conventions(UNITS, METRIC_TEXT, STATES, UNPOLARISED)} Scalar QED: a complex scalar $\\phi$ of charge "
        f"$Q = {sp.latex(q)}$ (units of $e$) with $\\mathcal L = |D_\\mu\\phi|^2 - m^2|\\phi|^2$, "
        r"$D_\mu = \partial_\mu + ieQA_\mu$, and $\alpha = e^2/4\pi$; the electron has $Q_e = -1$." "\n\n"
        rf"Consider unpolarised $e^-(p)e^+(p')\to\phi(k)\phi^*(k')$ at lowest order through one photon, at CM "
        rf"energy squared $s$, with $\theta$ the angle between $\mathbf p$ and $\mathbf k$. {mass_text}" "\n\n"
        f"Compute {what}. Give it in terms of " + ", ".join(f"${x}$" for x in syms[:-1])
        + f" and ${syms[-1]}$, as a single expression in `\\boxed{{}}`."
    )
    unit = dsigma_domega_unit()
    steps = [
        r"The scalar-QED vertex for an incoming $\phi$ momentum $k_1$ and outgoing $k_2$ is $-ieQ(k_1+k_2)^\mu$; for "
        r"pair creation of $\phi(k)\phi^*(k')$ it is $-ieQ(k - k')^\mu$. With the photon propagator $-ig_{\mu\nu}/s$:",
        r"$$\mathcal M = \frac{e^2 Q_eQ}{s}\,\bar v(p')\gamma^\mu u(p)\,(k-k')_\mu.$$",
        r"Averaging over electron spins: $\frac14\sum|\mathcal M|^2 = \frac{e^4Q^2}{4s^2}\,"
        r"\mathrm{tr}[\not p'\gamma^\mu\not p\gamma^\nu](k-k')_\mu(k-k')_\nu = \frac{e^4Q^2}{s^2}"
        r"\left[2\,p\cdot(k-k')\,p'\cdot(k-k') - p\cdot p'\,(k-k')^2\right]$.",
        r"In the CM frame $p\cdot(k-k') = -p'\cdot(k-k') = -\sqrt s\,|\mathbf k|\cos\theta$, $(k-k')^2 = -4|\mathbf k|^2$, "
        r"$p\cdot p' = s/2$, so $\frac14\sum|\mathcal M|^2 = e^4Q^2\,\frac{4|\mathbf k|^2}{s}\sin^2\theta = "
        r"e^4Q^2\beta^2\sin^2\theta$ with $\beta = \sqrt{1-4m^2/s}$.",
        r"Then $\frac{d\sigma}{d\Omega} = \frac{1}{64\pi^2 s}\frac{|\mathbf k|}{|\mathbf p|}\frac14\sum|\mathcal M|^2$, "
        rf"i.e. for $Q=1$: $\frac{{d\sigma}}{{d\Omega}} = {sp.latex(unit)}$ ($c = \cos\theta$).",
    ]
    if quantity == "sigma":
        steps.append(rf"Integrating over the solid angle: $\sigma = Q^2\left({sp.latex(sigma_unit())}\right)$.")
    elif quantity == "sigma_window":
        steps.append(r"Integrating $2\pi\,d\sigma/d\Omega$ over $-c_0 < \cos\theta < c_0$: "
                     rf"$\sigma_{{\rm acc}} = Q^2\left({sp.latex(window_unit())}\right)$.")
    steps.append(rf"With $Q = {sp.latex(q)}$ and the stated kinematics: ${answer}$.")
    steps.append(rf"$$\boxed{{{answer}}}$$")
    params = {"Q": str(q), "quantity": quantity, "angle": str(angle) if angle is not None else None,
              "massive": massive, "ratio": str(ratio) if ratio is not None else None,
              "window": str(window) if window is not None else None}
    symbols = ["alpha", "s"] + (["m"] if massive and ratio is None else [])
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=symbols,
                 domain=["s > 4*m^2"] if "m" in symbols else [], difficulty=d)


register(Family(
    name=NAME,
    category="Gauge Fields and Symmetry",
    levels=LEVELS,
    description="e+e- -> phi+ phi- in scalar QED: explicit lepton trace with the scalar current, dsigma and sigma.",
    generate=generate,
    config=Config(),
    version=2,  # 2: difficulty knob; one mass treatment per level; acceptance windows; region s > 4 m^2
    reference="Peskin & Schroeder problem 9.1; sigma = pi alpha^2 Q^2 beta^3/(3s) (PDG cross-section formulae)",
))
