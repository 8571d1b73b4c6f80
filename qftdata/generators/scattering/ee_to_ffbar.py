r"""$e^+e^-\to f\bar f$ through one photon in QED: explicit spin-summed traces and angular integration.

The spin-averaged $|\mathcal M|^2$ is built from the lepton and fermion tensors
$L^{\mu\nu} = \mathrm{tr}[\not p'\gamma^\mu\not p\gamma^\nu]$, $H^{\mu\nu} = \mathrm{tr}[(\not k+m)\gamma^\mu(\not k'-m)\gamma^\nu]$
evaluated with explicit 4x4 Dirac matrices on centre-of-mass momenta, contracted with the metric, then fed
to $d\sigma/d\Omega = \langle|\mathcal M|^2\rangle\,|\mathbf k|/(64\pi^2 s\,|\mathbf p|)$ and integrated over
$\cos\theta$ with sympy. Reference: Peskin & Schroeder eqs. (5.10)-(5.13) and the massive result (5.22)-(5.23)
/ problem 5.2; $\sigma = N_c Q_f^2\frac{4\pi\alpha^2}{3s}\beta\frac{3-\beta^2}{2}$.
Levels (rubric): advanced-undergraduate — massless, a listed flavour; graduate — symbolic charge and colours, or the
cross section inside an acceptance window $|\cos\theta| < c_0$; advanced-graduate — a massive final fermion above
threshold ($s > 4m_f^2$, the declared physical region). The knob refines the angles (denominators up to 10).
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
from qftdata.generators.scattering._tools import alpha, m, pick, s, tex
from qftdata.generators.text import METRIC as METRIC_TEXT
from qftdata.generators.text import STATES, UNITS, UNPOLARISED, conventions

NAME = "scattering.ee_to_ffbar"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate")
c = sp.Symbol("c", real=True)  # cos(theta)
Q, N_c = sp.symbols("Q N_c", positive=True)
C0 = sp.Symbol("c_0", positive=True)  # half-width of the |cos(theta)| acceptance window

# (description, charge in units of e, colours)
FLAVOURS = (
    (r"$\mu^+\mu^-$ (charge $Q_\mu = -1$, no colour)", sp.Integer(-1), 1),
    (r"$\tau^+\tau^-$ (charge $Q_\tau = -1$, no colour)", sp.Integer(-1), 1),
    (r"an up-type quark pair $u\bar u$ ($Q_u = +\tfrac23$, $N_c = 3$ colours)", sp.Rational(2, 3), 3),
    (r"a down-type quark pair $d\bar d$ ($Q_d = -\tfrac13$, $N_c = 3$ colours)", sp.Rational(-1, 3), 3),
    (r"a charm pair $c\bar c$ ($Q_c = +\tfrac23$, $N_c = 3$ colours)", sp.Rational(2, 3), 3),
    (r"a bottom pair $b\bar b$ ($Q_b = -\tfrac13$, $N_c = 3$ colours)", sp.Rational(-1, 3), 3),
)
@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


@cache
def spin_averaged_msq(massive: bool) -> sp.Expr:
    r"""$\frac14\sum|\mathcal M|^2$ for $e^-(p)e^+(p')\to f(k)\bar f(k')$ with $e = 1$, $Q_f = 1$, in $s$, $m$, $c=\cos\theta$.

    Massless electrons; the final fermion has mass m (or 0). Explicit Dirac matrices, CM frame.
    """
    E, K = sp.symbols("E K", positive=True)
    sn = sp.sqrt(1 - c**2)
    mf = m if massive else 0
    p = (E, 0, 0, E)
    pb = (E, 0, 0, -E)
    k = (E, K * sn, 0, K * c)
    kb = (E, -K * sn, 0, -K * c)
    one = sp.eye(4)
    lep = [[trace(slash(pb), gamma(mu), slash(p), gamma(nu)) for nu in range(4)] for mu in range(4)]
    had = [[trace(slash(k) + mf * one, gamma(mu), slash(kb) - mf * one, gamma(nu)) for nu in range(4)]
           for mu in range(4)]
    contraction = sum(lep[mu][nu] * had[mu][nu] * METRIC[mu, mu] * METRIC[nu, nu]
                      for mu in range(4) for nu in range(4))
    msq = contraction / (4 * s**2)  # (e^2/s)^2 with e = 1; 1/4 spin average
    msq = msq.subs(K, sp.sqrt(E**2 - mf**2)).subs(E, sp.sqrt(s) / 2)
    return sp.simplify(sp.expand(msq))


@cache
def _dsigma_domega(massive: bool) -> sp.Expr:
    mf = m if massive else 0
    kf = sp.sqrt(s / 4 - mf**2)
    pi_ = sp.sqrt(s) / 2
    e2 = 4 * sp.pi * alpha
    return sp.simplify(e2**2 * spin_averaged_msq(massive) / (64 * sp.pi**2 * s) * kf / pi_)


@cache
def _sigma(massive: bool) -> sp.Expr:
    """Total cross section for N_c = Q_f^2 = 1: 2 pi times the integral of dsigma/dOmega over cos(theta)."""
    return sp.factor(sp.simplify(2 * sp.pi * sp.integrate(sp.expand(_dsigma_domega(massive)), (c, -1, 1))))


@cache
def _window_integral(massive: bool) -> sp.Expr:
    """int_{-c0}^{c0} dsigma/dOmega dc (N_c = Q_f^2 = 1) with symbolic c0: sympy integration once."""
    return sp.factor(sp.integrate(sp.expand(_dsigma_domega(massive)), (c, -C0, C0)))


def _angle_pool(u: float) -> tuple[sp.Rational, ...]:
    """cos(theta) values p/q in (-1, 1), the denominators growing with the knob."""
    top = 3 + round(7 * u)
    return tuple(sorted({sp.Rational(p, q) for q in range(1, top + 1) for p in range(-q + 1, q)}))


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    # levels (rubric): massless, a listed flavour (advanced-undergraduate); massless with symbolic charge and colour
    # or an angular acceptance window (graduate); the massive final fermion (advanced-graduate)
    massive = level == "advanced-graduate"
    if level == "advanced-undergraduate":
        quantity, symbolic = pick(rng, ("sigma", "dsigma_domega", "dsigma_domega")), False
    elif level == "graduate":
        quantity = pick(rng, ("sigma_window", "sigma_window", "dsigma_dcos", "dsigma_domega"))
        symbolic = quantity != "sigma_window" or rng.random() < 0.3
    else:
        quantity, symbolic = pick(rng, ("sigma", "sigma_window", "dsigma_dcos", "dsigma_domega")), rng.random() < 0.3
    if symbolic:
        desc = r"a fermion pair $f\bar f$ of electric charge $Q e$ (with $Q$ given in units of $e$) and $N_c$ colours"
        charge, colours = Q, N_c
        flavour = "symbolic"
    else:
        idx = rng.randrange(len(FLAVOURS))
        desc, charge, colours = FLAVOURS[idx]
        flavour = idx
    angle = pick(rng, _angle_pool(u)) if quantity.startswith("dsigma") else None
    window = pick(rng, [x for x in _angle_pool(u) if x > 0]) if quantity == "sigma_window" else None

    dsdo = _dsigma_domega(massive) * colours * charge**2
    steps = [
        r"At lowest order the only diagram is $s$-channel photon exchange, "
        r"$\mathcal M = \frac{e^2 Q_e Q_f}{s}\,[\bar v(p')\gamma^\mu u(p)]\,[\bar u(k)\gamma_\mu v(k')]$ with $Q_e = -1$.",
        r"Averaging over the $2\times2$ initial spins, summing final spins with $\sum u\bar u = \not p + m$, "
        r"$\sum v\bar v = \not p - m$ (electron mass neglected), and summing colours:",
        r"$$\frac14\sum|\mathcal M|^2 = N_c\frac{e^4Q_f^2}{4s^2}\,\mathrm{tr}[\not p'\gamma^\mu\not p\gamma^\nu]\,"
        r"\mathrm{tr}[(\not k + m_f)\gamma_\mu(\not k' - m_f)\gamma_\nu].$$",
        r"With $\mathrm{tr}[\not a\gamma^\mu\not b\gamma^\nu] = 4(a^\mu b^\nu + a^\nu b^\mu - g^{\mu\nu}a\cdot b)$ "
        r"and $\mathrm{tr}[\gamma^\mu\gamma^\nu] = 4g^{\mu\nu}$, in the CM frame ($E = \sqrt s/2$, "
        r"$|\mathbf k| = \sqrt{E^2 - m_f^2}$, $\theta$ the angle between $\mathbf p$ and $\mathbf k$) this is",
        rf"$$\frac14\sum|\mathcal M|^2 = N_c Q_f^2 e^4\left({sp.latex(sp.factor(spin_averaged_msq(massive).subs(m, sp.Symbol('m_f'))))}\right),$$"
        r"with $c \equiv \cos\theta$.",
        r"The CM cross section is $\frac{d\sigma}{d\Omega} = \frac{1}{64\pi^2 s}\frac{|\mathbf k|}{|\mathbf p|}"
        r"\frac14\sum|\mathcal M|^2$; with $e^2 = 4\pi\alpha$ and this process's $N_c$, $Q_f$:",
        rf"$$\frac{{d\sigma}}{{d\Omega}} = {sp.latex(sp.factor(dsdo.subs(m, sp.Symbol('m_f'))))}.$$",
    ]
    mass_sym = sp.Symbol("m_f", positive=True)
    if quantity == "sigma":
        value = colours * charge**2 * _sigma(massive)
        steps.append(rf"Integrating, $\sigma = 2\pi\int_{{-1}}^{{1}}dc\,\frac{{d\sigma}}{{d\Omega}} = "
                     rf"{tex(value.subs(m, mass_sym))}$.")
        what = r"the total cross section $\sigma(e^+e^-\to f\bar f)$"
    elif quantity == "sigma_window":
        value = colours * charge**2 * 2 * sp.pi * _window_integral(massive).subs(C0, window)
        steps.append(rf"Integrating over the acceptance, $\sigma_{{\rm acc}} = 2\pi\int_{{-{sp.latex(window)}}}^{{{sp.latex(window)}}}"
                     rf"dc\,\frac{{d\sigma}}{{d\Omega}} = {tex(sp.factor(value.subs(m, mass_sym)))}$.")
        what = (r"the cross section $\sigma_{\rm acc}$ into the detector acceptance $|\cos\theta| < "
                rf"{sp.latex(window)}$ (integrated over the azimuth)")
    elif quantity == "dsigma_dcos":
        value = sp.factor(2 * sp.pi * dsdo.subs(c, angle))
        steps.append(rf"Integrating over the azimuth, $\frac{{d\sigma}}{{d\cos\theta}} = 2\pi\frac{{d\sigma}}{{d\Omega}}$; "
                     rf"at $\cos\theta = {sp.latex(angle)}$ this is ${tex(value.subs(m, mass_sym))}$.")
        what = (r"the differential cross section $d\sigma/d\cos\theta$ (integrated over the azimuth) at "
                rf"$\cos\theta = {sp.latex(angle)}$")
    else:
        value = sp.factor(dsdo.subs(c, angle))
        steps.append(rf"At $\cos\theta = {sp.latex(angle)}$: $\frac{{d\sigma}}{{d\Omega}} = {tex(value.subs(m, mass_sym))}$.")
        what = rf"the differential cross section $d\sigma/d\Omega$ at $\cos\theta = {sp.latex(angle)}$"
    value = sp.factor(value.subs(m, mass_sym))
    answer = tex(value)
    steps.append(rf"$$\boxed{{{answer}}}$$")
    syms_tex = [r"\alpha", "s"] + (["m_f"] if massive else []) + (["Q", "N_c"] if symbolic else [])
    mass_text = (r"The final-state fermion has mass $m_f$ (keep it exactly) and the collision is above threshold, "
                 r"$s > 4m_f^2$; the electron mass is neglected." if massive else "All fermion masses are neglected.")
    problem = (
        f"{conventions(UNITS, METRIC_TEXT, STATES, UNPOLARISED)} QED with $D_\\mu = \\partial_\\mu + ieQA_\\mu$, "
        r"$\alpha = e^2/4\pi$, electron charge $Q_e = -1$." "\n\n"
        f"Consider unpolarised $e^+e^-$ annihilation into {desc} through a single virtual photon, at lowest order "
        f"in $\\alpha$ and centre-of-mass energy squared $s$; $\\theta$ is the CM angle between the incoming "
        f"electron and the outgoing fermion $f$. {mass_text}\n\n"
        f"Compute {what}. Give it in terms of " + ", ".join(f"${x}$" for x in syms_tex[:-1])
        + f" and ${syms_tex[-1]}$, as a single expression in `\\boxed{{}}`."
    )
    params = {"flavour": flavour, "quantity": quantity, "massive": massive,
              "angle": str(angle) if angle is not None else None, "window": str(window) if window is not None else None}
    symbols = ["alpha", "s"] + (["m_f"] if massive else []) + (["Q", "N_c"] if symbolic else [])
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=symbols,
                 domain=["s > 4*m_f^2"] if massive else [], difficulty=d)


register(Family(
    name=NAME,
    category="Symmetries and Scattering",
    levels=LEVELS,
    description="e+e- -> f fbar in QED: traces with explicit Dirac matrices, dsigma/dOmega and sigma (massive too).",
    generate=generate,
    config=Config(),
    version=2,  # 2: difficulty knob; acceptance windows; levels by the rubric; physical region s > 4 m_f^2
    reference="Peskin & Schroeder eqs. (5.10)-(5.13); massive: sigma = N_c Q^2 (4 pi alpha^2/3s) beta (3-beta^2)/2",
))
