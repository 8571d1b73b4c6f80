r"""Near-circular orbits in central potentials: radial oscillation frequency and apsidal angle.

The reduced radial problem has $V_{\rm eff}(r) = V(r) + \ell^2/(2mr^2)$. A circular orbit of radius $r_0$ fixes
$\ell^2$ through $V_{\rm eff}'(r_0) = 0$; small radial oscillations have $\omega_r^2 = V_{\rm eff}''(r_0)/m$ and
the angle swept between successive pericentre and apocentre is $\Delta\phi = \pi\,\dot\phi/\omega_r$ with
$\dot\phi = \ell/(mr_0^2)$ (Goldstein, *Classical Mechanics*, 3rd ed., §3.6; Landau & Lifshitz,
*Mechanics*, §14-15). Cross-checked in the tests against
$\omega_r^2 = [V''(r_0) + 3V'(r_0)/r_0]/m$ and Bertrand's $\Delta\phi = \pi/\sqrt{n+2}$ for $V\propto r^n$.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.cm.central_force_orbit"
m, kappa, r_0, beta = pos("m kappa r_0 beta")
_r, _l2 = sp.symbols("r ell2", positive=True)


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


def potential(kind: str, n, c) -> sp.Expr:
    """kind 'power': V = sign(n) kappa r^n (attractive); 'log': V = kappa ln(r/r_0);
    'kepler_cubic': V = -kappa/r + c kappa r_0^2/(10 r^3); 'kepler_linear': V = -kappa/r + c kappa r/r_0^2."""
    n, c = sp.S(n), sp.S(c)
    if kind == "power":
        return sp.sign(n) * kappa * _r**n  # attractive for every n != 0 (force -dV/dr points inward)
    if kind == "log":
        return kappa * sp.log(_r / r_0)
    if kind == "kepler_cubic":
        return -kappa / _r + c * kappa * r_0**2 / (10 * _r**3)
    if kind == "kepler_linear":
        return -kappa / _r + c * kappa * _r / r_0**2
    raise ValueError(kind)


@lru_cache(maxsize=2048)
def radial(kind: str, n, c) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(ell^2, omega_r^2, apsidal angle) for the circular orbit at r_0."""
    Veff = potential(kind, n, c) + _l2 / (2 * m * _r**2)
    (l2,) = sp.solve(sp.diff(Veff, _r).subs(_r, r_0), _l2)
    w2 = sp.simplify(sp.diff(Veff, _r, 2).subs(_l2, l2).subs(_r, r_0) / m)
    phidot = sp.sqrt(l2) / (m * r_0**2)
    return sp.simplify(l2), w2, sp.simplify(sp.pi * phidot / sp.sqrt(w2))


LEVEL_KINDS = {
    "advanced-undergraduate": ("power",),
    "graduate": ("power", "log"),
    "advanced-graduate": ("power", "kepler_linear", "kepler_cubic"),
    "postgraduate": ("kepler_linear", "kepler_cubic", "power"),
}
POWERS = (1, 2, 3, 4, -1, sp.Rational(1, 2), sp.Rational(3, 2), sp.Rational(-1, 2), sp.Rational(5, 2), sp.Rational(2, 3),
          sp.Rational(-2, 3), sp.Rational(1, 3), 5, 6)


def generate(rng: random.Random, level: str, config: Config):
    kind = rng.choice(LEVEL_KINDS[level])
    n = rng.choice(POWERS) if kind == "power" else sp.Integer(0)
    c = {"kepler_cubic": rng.randint(1, 3), "kepler_linear": rng.randint(1, 6)}.get(kind, 1)  # keeps ell^2 > 0
    Vexpr = potential(kind, n, c)
    which = rng.choice(["omega", "apsidal"]) if level != "advanced-undergraduate" else "omega"
    if kind == "power" and n == -1 and which == "apsidal":
        which = "omega"
    l2, w2, aps = radial(kind, n, c)
    pot = tex(Vexpr.subs(_r, sp.Symbol("r", positive=True)))
    problem = (
        f"A particle of mass $m$ moves in the central potential $V(r) = {pot}$, where $\\kappa > 0$ is a constant"
        + (" and $r_{0}$ a fixed length" if kind != "power" else "")
        + ". It is on a circular orbit of radius $r_{0}$"
        + (" (the same length)" if kind != "power" else "")
        + " and is given a small radial kick.\n\n"
        f"{conventions(SI + '.', 'Non-relativistic motion; the orbit stays near-circular.')}\n\n"
        + ("Find the angular frequency squared $\\omega_r^2$ of the small radial oscillations about the circular orbit. "
           + ask_in("$\\omega_r^2$", [kappa, m, r_0]) if which == "omega" else
           "Find the apsidal angle $\\Delta\\phi$: the polar angle swept by the particle between a pericentre and the "
           "next apocentre. Give it as a single exact value (in radians) in `\\boxed{}`.")
    )
    steps = [
        r"With conserved angular momentum $\ell$, the radial motion has "
        r"$V_{\rm eff}(r) = V(r) + \frac{\ell^2}{2mr^2}$.",
        f"A circular orbit at $r_0$ requires $V_{{\\rm eff}}'(r_0) = 0$, so $\\ell^2 = {tex(l2)}$.",
        f"Small radial oscillations: $m\\,\\delta\\ddot r = -V_{{\\rm eff}}''(r_0)\\,\\delta r$, giving "
        f"$\\omega_r^2 = V_{{\\rm eff}}''(r_0)/m = {tex(w2)}$.",
    ]
    if which == "apsidal":
        steps.append(r"The angular velocity is $\dot\phi = \ell/(mr_0^2)$; pericentre to apocentre takes half a "
                     r"radial period $\pi/\omega_r$, so $\Delta\phi = \pi\dot\phi/\omega_r$:")
        value, syms = aps, []
    else:
        value, syms = w2, [s for s in (kappa, m, r_0) if s in w2.free_symbols]
    params = {"kind": kind, "n": str(n), "c": c, "which": which}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=syms)


register(Family(
    name=NAME, category="Classical Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Radial oscillation frequency and apsidal angle of near-circular orbits in central potentials.",
    generate=generate, config=Config(), version=1,
    reference="Goldstein, Classical Mechanics, 3rd ed., §3.6; Landau & Lifshitz, Mechanics, §14-15",
))
