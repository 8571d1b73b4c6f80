r"""Near-circular orbits in central potentials: radial oscillation frequency, apsidal angle, precession.

The reduced radial problem has $V_{\rm eff}(r) = V(r) + \ell^2/(2mr^2)$. A circular orbit of radius $r_0$ fixes
$\ell^2$ through $V_{\rm eff}'(r_0) = 0$; small radial oscillations have $\omega_r^2 = V_{\rm eff}''(r_0)/m$ and
the angle swept between successive pericentre and apocentre is $\Delta\phi = \pi\,\dot\phi/\omega_r$ with
$\dot\phi = \ell/(mr_0^2)$ (Goldstein, *Classical Mechanics*, 3rd ed., §3.6; Landau & Lifshitz,
*Mechanics*, §14-15). All of it is differentiated and solved here with sympy for each potential.

Levels (docs/generators.md rubric): a single power law (apply the radial equation once); a two-term power
law (circular-orbit condition, then the curvature of $V_{\rm eff}$); the apsidal angle of a two-term law
(three results combined); the screened-Coulomb (Yukawa) potential with the orbit at a given multiple of the
screening length (exponential factors, stability window, the precession per radial period). The knob
scales the size of the coefficients and exponents.

Cross-checked in the tests against $\omega_r^2 = [V''(r_0) + 3V'(r_0)/r_0]/m$, Bertrand's
$\Delta\phi = \pi/\sqrt{n+2}$ for $V\propto r^n$ (Goldstein §3.6) and the Yukawa closed form
$\Delta\phi = \pi\sqrt{(1+q)/(1+q-q^2)}$ for $r_0 = q\lambda$.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.cm.central_force_orbit"
m, V_0, r_0, kappa, lambda_ = pos("m V_0 r_0 kappa lambda")
_r, _l2 = sp.symbols("r ell2", positive=True)
# Exponents of the power-law terms (r/r_0)^n; all > -2 so that a single attractive term has stable orbits.
POWERS = (sp.Rational(-3, 2), -1, sp.Rational(-1, 2), sp.Rational(-1, 3), sp.Rational(-2, 3), sp.Rational(1, 3),
          sp.Rational(1, 2), sp.Rational(2, 3), 1, sp.Rational(3, 2), 2, sp.Rational(5, 2), 3, 4, 5, 6)


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_coefficient: int = 9

    def validate(self) -> None:
        if self.max_coefficient < 3:
            raise ValueError("max_coefficient must be >= 3")


Terms = tuple[tuple[int, sp.Rational], ...]  # (coefficient c_j, exponent n_j): V = V_0 sum_j c_j (r/r_0)^n_j


def power_potential(terms: Terms) -> sp.Expr:
    return V_0 * sp.Add(*[c * (_r / r_0) ** sp.S(n) for c, n in terms])


def power_tex(terms: Terms) -> str:
    """V_0 [c_1 (r/r_0)^{n_1} + ...] as written in the statement (sympy would expand the powers)."""
    parts = []
    for i, (c, n) in enumerate(terms):
        sign = "-" if c < 0 else ("+" if i else "")
        mag = "" if abs(c) == 1 else str(abs(c))
        parts.append((sign, mag, f"\\left(\\frac{{r}}{{r_{{0}}}}\\right)^{{{tex(sp.S(n))}}}"))
    if len(parts) == 1:
        sign, mag, power = parts[0]
        return f"{sign}{mag}V_{{0}}{power}"
    return "V_{0}\\left[" + " ".join(f"{sg} {mg}{pw}" for sg, mg, pw in parts).strip() + "\\right]"


def yukawa_potential() -> sp.Expr:
    return -kappa * sp.exp(-_r / lambda_) / _r


def circular(V: sp.Expr, radius: sp.Expr) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(ell^2, omega_r^2, apsidal angle) of the circular orbit of radius `radius` in potential V(_r)."""
    Veff = V + _l2 / (2 * m * _r**2)
    (l2,) = sp.solve(sp.diff(Veff, _r).subs(_r, radius), _l2)
    w2 = sp.factor(sp.powsimp(sp.expand(sp.diff(Veff, _r, 2).subs(_l2, l2).subs(_r, radius) / m)))
    phidot = sp.sqrt(l2) / (m * radius**2)
    return sp.factor(l2), w2, sp.radsimp(sp.powsimp(sp.pi * phidot / sp.sqrt(w2)))


@lru_cache(maxsize=4096)
def power_orbit(terms: Terms) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """circular() for V = V_0 sum_j c_j (r/r_0)^n_j with the orbit at r_0."""
    return circular(power_potential(terms), r_0)


@lru_cache(maxsize=256)
def yukawa_orbit(q: sp.Rational) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """circular() for V = -kappa e^{-r/lambda}/r with the orbit at r_0 = q lambda."""
    return circular(yukawa_potential(), q * lambda_)


def _stable(terms: Terms) -> bool:
    pull = sum(c * n for c, n in terms)  # r_0 V'(r_0)/V_0 > 0: attractive at r_0
    curv = sum(c * n * (n + 2) for c, n in terms)  # m r_0^2 omega_r^2/V_0 > 0: stable
    return pull > 0 and curv > 0


def _draw_terms(rng: random.Random, n_terms: int, cmax: int) -> Terms:
    while True:
        ns = sorted(rng.sample(POWERS, n_terms), key=float)
        terms = tuple((rng.choice([-1, 1]) * rng.randint(1, cmax) if n_terms > 1 else
                       (1 if n > 0 else -1) * rng.randint(1, cmax), sp.S(n)) for n in ns)
        if _stable(terms):
            return terms


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    u = band_position(d, level)
    cmax = scale(u, 3, config.max_coefficient)
    conv = conventions(SI + ".", "Non-relativistic motion; the orbit stays near-circular.")
    if level == "postgraduate":
        q = sp.Rational(rng.randint(2, 4 + scale(u, 0, 14)), 12)  # r_0/lambda up to 3/2 < (1+sqrt 5)/2
        which = rng.choice(["omega", "apsidal", "precession"])
        l2, w2, aps = yukawa_orbit(q)
        radius = q * lambda_
        setup = (f"A particle of mass $m$ moves in the screened Coulomb (Yukawa) potential "
                 f"$V(r) = -\\kappa\\,e^{{-r/\\lambda}}/r$, where $\\kappa > 0$ and the screening length $\\lambda > 0$ are "
                 f"constants. It is on a circular orbit of radius $r_0 = {tex(radius)}$ and is given a small radial kick.")
        params = {"kind": "yukawa", "q": str(q), "which": which}
        syms = [kappa, m, lambda_]
    else:
        n_terms = 1 if level == "advanced-undergraduate" else 2
        terms = _draw_terms(rng, n_terms, cmax)
        which = {"advanced-undergraduate": "omega", "graduate": "omega",
                 "advanced-graduate": rng.choice(["apsidal", "precession"])}[level]
        l2, w2, aps = power_orbit(terms)
        radius = r_0
        setup = (f"A particle of mass $m$ moves in the central potential $V(r) = {power_tex(terms)}$, "
                 f"where $V_{{0}} > 0$ is an energy and $r_{{0}} > 0$ a length. It is on a circular orbit of radius "
                 f"$r_{{0}}$ and is given a small radial kick.")
        params = {"kind": "power", "terms": [[c, str(n)] for c, n in terms], "which": which}
        syms = [V_0, m, r_0]
    ask = {
        "omega": "Find the angular frequency squared $\\omega_r^2$ of the small radial oscillations about the circular "
                 "orbit. " + ask_in("$\\omega_r^2$", syms),
        "apsidal": "Find the apsidal angle $\\Delta\\phi$: the polar angle swept by the particle between a pericentre "
                   "and the next apocentre. Give it as a single exact value (in radians) in `\\boxed{}`.",
        "precession": "Find the angle $\\delta = 2\\Delta\\phi - 2\\pi$ by which the pericentre advances per radial "
                      "period ($\\Delta\\phi$ is the polar angle swept between a pericentre and the next apocentre; "
                      "$\\delta < 0$ is a regression). Give it as a single exact value (in radians) in `\\boxed{}`.",
    }[which]
    problem = f"{setup}\n\n{conv}\n\n{ask}"
    steps = [
        r"With conserved angular momentum $\ell$, the radial motion has "
        r"$V_{\rm eff}(r) = V(r) + \frac{\ell^2}{2mr^2}$.",
        f"A circular orbit at $r = {tex(radius)}$ requires $V_{{\\rm eff}}'(r) = 0$, so $\\ell^2 = {tex(l2)}$.",
        f"Small radial oscillations: $m\\,\\delta\\ddot r = -V_{{\\rm eff}}''\\,\\delta r$, giving "
        f"$\\omega_r^2 = V_{{\\rm eff}}''/m = {tex(w2)}$.",
    ]
    if which == "omega":
        value = w2
        syms = [s for s in syms if s in w2.free_symbols]
    else:
        steps.append(r"The angular velocity is $\dot\phi = \ell/(mr^2)$; pericentre to apocentre takes half a "
                     r"radial period $\pi/\omega_r$, so $\Delta\phi = \pi\dot\phi/\omega_r$"
                     + (f" $= {tex(aps)}$, and $\\delta = 2\\Delta\\phi - 2\\pi$:" if which == "precession" else ":"))
        value = aps if which == "apsidal" else sp.radsimp(2 * aps - 2 * sp.pi)
        syms = []
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=syms, difficulty=d)


register(Family(
    name=NAME, category="Classical Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Radial frequency, apsidal angle and precession of near-circular orbits (power laws, Yukawa).",
    generate=generate, config=Config(), version=2,  # 2: knob, two-term and Yukawa potentials, precession
    reference="Goldstein, Classical Mechanics, 3rd ed., §3.6; Landau & Lifshitz, Mechanics, §14-15",
))
