r"""Circular timelike geodesics of the Schwarzschild metric, from the radial effective potential.

With $\tilde E = (1 - 2GM/c^2r)\,c^2\,dt/d\tau$ and $\tilde L = r^2 d\phi/d\tau$ conserved, the radial equation is
$\tfrac12\dot r^2 + V(r) = \tfrac12(\tilde E^2/c^2 - c^2)$ with
$V = -GM/r + \tilde L^2/2r^2 - GM\tilde L^2/(c^2r^3)$ (Carroll, *Spacetime and Geometry*, eq. 5.70).
Circular orbits solve $V'(r) = 0$ (for $\tilde L$), the energy follows from $\dot r = 0$, and the ISCO from
$V' = V'' = 0$. Cross-checked in the tests against Hartle, *Gravity*, §9.3 (eqs. 9.25-9.28, 9.35 and
Example 9.2) closed forms: $\tilde E/c^2 = (1 - 2M/r)/\sqrt{1 - 3M/r}$, $\Omega^2 = GM/r^3$, $r_{\rm ISCO} = 6GM/c^2$,
and the radial epicyclic frequency $\Omega_r^2 = \Omega^2(1 - 6GM/c^2r)$ (e.g. Wald, *General Relativity*, §6.3;
Kato, Fukue & Mineshige, *Black-Hole Accretion Disks*, eq. 3.?).

Levels (docs/generators.md rubric): clock rates and Kepler periods at an integer radius (one formula);
energy and angular momentum at half-integer radii (circular-orbit condition plus normalisation); proper
periods and binding energies at radii in thirds; the radial epicyclic frequency and the periastron advance
of a slightly eccentric orbit at radii in quarters (second derivative of the potential, two clocks). The
knob scales the radius.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.gr.schwarzschild_circular_orbit"
G, M, c = pos("G M c")
_r, _L2 = sp.symbols("r L2", positive=True)

QUESTIONS = {
    "E": (r"the conserved energy per unit rest energy, $\tilde E/(mc^2) = (1 - 2GM/c^2 r)\,dt/d\tau$,", ()),
    "L": (r"the conserved angular momentum per unit mass, $\tilde L = r^2\,d\phi/d\tau$,", (G, M, c)),
    "dtau_dt": (r"the ratio $d\tau/dt$ of the orbiting clock's proper time to the Schwarzschild coordinate time", ()),
    "T_coord": (r"the orbital period measured by a static observer at infinity (coordinate time for one revolution)",
                (G, M, c)),
    "T_proper": (r"the orbital period measured by a clock riding on the orbit (proper time for one revolution)",
                 (G, M, c)),
    "binding": (r"the fraction $1 - \tilde E/(mc^2)$ of its rest energy by which the particle is bound", ()),
    "omega_r2": (r"the square of the angular frequency of small radial oscillations about the orbit, measured in "
                 r"coordinate time $t$ (the radial epicyclic frequency squared, $\Omega_r^2$)", (G, M, c)),
    "advance": (r"the angle by which the periastron advances per radial oscillation period when the orbit is made "
                r"slightly eccentric, $\delta\phi = 2\pi(\Omega_\phi/\Omega_r - 1)$ with $\Omega_\phi = d\phi/dt$", ()),
}


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


def potential(L2):
    return -G * M / _r + L2 / (2 * _r**2) - G * M * L2 / (c**2 * _r**3)


@lru_cache(maxsize=1)
def circular_L2() -> sp.Expr:
    """$\\tilde L^2(r)$ of the circular orbit at radius r, from $V'(r) = 0$."""
    (sol,) = sp.solve(sp.diff(potential(_L2), _r), _L2)
    return sp.simplify(sol)


@lru_cache(maxsize=1)
def isco_radius() -> sp.Expr:
    """$V' = V'' = 0$: eliminate $\\tilde L^2$ with the circular-orbit condition and solve for r."""
    cond = sp.simplify(sp.diff(potential(_L2), _r, 2).subs(_L2, circular_L2()))
    sols = [s for s in sp.solve(sp.numer(sp.together(cond)), _r) if s.is_positive]
    return sp.simplify(sols[0])


_k = sp.Symbol("k", positive=True)


@lru_cache(maxsize=16)
def general_quantity(which: str) -> sp.Expr:
    """Quantity `which` for the circular orbit at r = k GM/c^2, with k symbolic (k > 3), derived once."""
    L2 = circular_L2()
    E2 = sp.simplify(c**2 * (c**2 + 2 * potential(L2)))  # E~^2 from rdot = 0 (units: (energy/mass)^2)
    E_over_c2 = sp.sqrt(E2) / c**2
    dt_dtau = E_over_c2 / (1 - 2 * G * M / (c**2 * _r))
    dphi_dtau = sp.sqrt(L2) / _r**2
    # small radial oscillations: d^2 dr/dtau^2 = -V''(r) dr at fixed L~ (proper-time frequency^2 = V'')
    w2_tau = sp.diff(potential(_L2), _r, 2).subs(_L2, L2)
    values = {
        "E": E_over_c2,
        "L": sp.sqrt(L2),
        "dtau_dt": 1 / dt_dtau,
        "T_coord": 2 * sp.pi / (dphi_dtau / dt_dtau),
        "T_proper": 2 * sp.pi / dphi_dtau,
        "binding": 1 - E_over_c2,
        "omega_r2": w2_tau / dt_dtau**2,
        "advance": 2 * sp.pi * (dphi_dtau / sp.sqrt(w2_tau) - 1),
    }
    return sp.simplify(values[which].subs(_r, _k * G * M / c**2))


@lru_cache(maxsize=4096)
def orbit_quantity(which: str, k) -> sp.Expr:
    """Quantity `which` for the circular orbit at r = k GM/c^2."""
    return sp.radsimp(general_quantity(which).subs(_k, sp.S(k)))


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    conv = conventions(SI + ".", r"Schwarzschild metric $ds^2 = -(1 - 2GM/c^2r)c^2dt^2 + (1 - 2GM/c^2r)^{-1}dr^2 + "
                       r"r^2d\Omega^2$ (signature $-+++$ for this problem), $r$ the areal radius.")
    setup = ("A test particle of mass $m$ moves on a circular geodesic orbit in the equatorial plane outside a "
             "non-rotating black hole of mass $M$; $G$ is Newton's constant and $c$ the speed of light.")
    if level == "advanced-undergraduate" and rng.random() < 0.2:
        value = isco_radius()
        problem = (f"{setup}\n\n{conv}\n\nFind the radius $r$ of the innermost stable circular orbit. "
                   + ask_in("$r$", [G, M, c]))
        steps = [r"The radial motion obeys $\tfrac12\dot r^2 + V(r) = $ const with "
                 r"$V(r) = -\frac{GM}{r} + \frac{\tilde L^2}{2r^2} - \frac{GM\tilde L^2}{c^2r^3}$ (dots: $d/d\tau$).",
                 f"Circular orbits need $V'(r) = 0$, i.e. $\\tilde L^2 = {tex(circular_L2())}$.",
                 r"Marginal stability adds $V''(r) = 0$; substituting $\tilde L^2$ and solving for $r$ gives"]
        return make_draft(problem=problem, expr=value, steps=steps, params={"which": "isco"}, symbols=[G, M, c],
                          difficulty=d)
    top = scale(band_position(d, level), 20, 60)  # the knob: how far out the orbit may lie
    # Radii in units of GM/c^2, on disjoint grids per level: integers, halves, thirds, quarters (all > 6 for the
    # stability-based questions; >= 4 where an unstable circular orbit is meaningful).
    denominator = {"advanced-undergraduate": 1, "graduate": 2, "advanced-graduate": 3, "postgraduate": 4}[level]
    lo = 7 if level in ("advanced-undergraduate", "postgraduate") else 4
    while True:
        k = sp.Rational(rng.randint(lo * denominator + 1, top * denominator), denominator)
        if k.q == denominator:
            break
    which = rng.choice({"advanced-undergraduate": ["dtau_dt", "T_coord"], "graduate": ["E", "L", "dtau_dt"],
                        "advanced-graduate": ["E", "L", "T_proper", "binding"],
                        "postgraduate": ["omega_r2", "advance", "binding"]}[level])
    text, syms = QUESTIONS[which]
    value = orbit_quantity(which, k)
    stable = "a stable" if k >= 6 else "an unstable"
    problem = (f"{setup} The orbit has areal radius $r = {tex(k)}\\,GM/c^2$ ({stable} circular orbit).\n\n{conv}\n\n"
               f"Compute {text}. "
               + (ask_in("it", list(syms)) if syms else "Give it as a single exact value in `\\boxed{}`."))
    L2 = circular_L2()
    steps = [r"Conserved quantities: $\tilde E = (1 - 2GM/c^2r)c^2\dot t$ and $\tilde L = r^2\dot\phi$ (dots: $d/d\tau$). "
             r"The normalisation $g_{\mu\nu}\dot x^\mu\dot x^\nu = -c^2$ gives "
             r"$\tfrac12\dot r^2 + V(r) = \tfrac12(\tilde E^2/c^2 - c^2)$ with "
             r"$V(r) = -\frac{GM}{r} + \frac{\tilde L^2}{2r^2} - \frac{GM\tilde L^2}{c^2r^3}$.",
             f"A circular orbit has $V'(r) = 0$, so $\\tilde L^2 = {tex(L2)}$, and $\\dot r = 0$ gives "
             r"$\tilde E^2 = c^2\,(c^2 + 2V(r))$.",
             r"Then $\dot t = \tilde E/[(1 - 2GM/c^2r)c^2]$, $\dot\phi = \tilde L/r^2$; one revolution takes "
             r"$\Delta\phi = 2\pi$, i.e. $\Delta\tau = 2\pi/\dot\phi$ and $\Delta t = 2\pi\,\dot t/\dot\phi$.",
             f"Evaluating at $r = {tex(k)}\\,GM/c^2$:"]
    if which in ("omega_r2", "advance"):
        steps.insert(3, r"Small radial oscillations at fixed $\tilde L$ obey $\delta\ddot r = -V''(r)\,\delta r$ (dots: "
                        r"$d/d\tau$); in coordinate time $\Omega_r^2 = V''(r)/\dot t^2$, and the periastron advances by "
                        r"$2\pi(\dot\phi/\sqrt{V''} - 1)$ per radial period.")
    return make_draft(problem=problem, expr=value, steps=steps, params={"which": which, "k": str(k)},
                      symbols=list(syms), difficulty=d)


register(Family(
    name=NAME, category="General Relativity and Cosmology",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Energy, angular momentum, periods and clock rates of circular Schwarzschild geodesics; ISCO.",
    generate=generate, config=Config(), version=2,  # 2: knob, disjoint radius grids, epicyclic frequency
    reference="Carroll, Spacetime and Geometry, §5.4 (eq. 5.70); Hartle, Gravity, §9.3",
))
