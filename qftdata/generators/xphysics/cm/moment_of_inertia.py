r"""Moments of inertia of rods, disks, spheres and solids of revolution with power-law densities, by integration.

$M = \int\rho\,dV$ and $I = \int\rho\,d_\perp^2\,dV$ are integrated exactly in the natural coordinates of
the body, then $I$ is expressed through $M$; an off-centre axis uses the integral directly (it reproduces
the parallel-axis theorem). Cross-checked in the tests against the standard table (Goldstein,
*Classical Mechanics*, 3rd ed., §5.3; Taylor, *Classical Mechanics*, §10.2 and Problems 10.?):
rod $ML^2/12$, $ML^2/3$; disk $MR^2/2$, $MR^2/4$; sphere $2MR^2/5$; cone $3MR^2/10$; paraboloid $MR^2/3$.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.cm.moment_of_inertia"
M, R, L, h = pos("M R L h")
rho0 = sp.Symbol("rho_0", positive=True)
s, z, u, th = sp.symbols("s z u theta", nonnegative=True)


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_power: int = 4


@lru_cache(maxsize=2048)
def inertia(body: str, n: int, f) -> tuple[sp.Expr, sp.Expr]:
    """(mass integral, i_axis/(M size^2)) for `body` with density power n; f = axis offset fraction (rod)."""
    f = sp.S(f)
    if body == "rod":  # lambda = rho0 (x/L)^n on 0 < x < L, axis perpendicular through x = f L
        dens = rho0 * (u / L) ** n
        mass = sp.integrate(dens, (u, 0, L))
        i_axis = sp.integrate(dens * (u - f * L) ** 2, (u, 0, L))
        return mass, sp.simplify(i_axis / (mass * L**2))
    if body in ("disk_axis", "disk_diameter"):  # sigma = rho0 (s/R)^n
        dens = rho0 * (s / R) ** n * s  # area element s ds dphi (phi integral gives 2 pi, or pi for sin^2)
        mass = 2 * sp.pi * sp.integrate(dens, (s, 0, R))
        i_axis = (2 * sp.pi if body == "disk_axis" else sp.pi) * sp.integrate(dens * s**2, (s, 0, R))
        return mass, sp.simplify(i_axis / (mass * R**2))
    if body == "sphere":  # rho = rho0 (r/R)^n, axis through the centre: d_perp^2 = r^2 sin^2 theta
        dens = rho0 * (s / R) ** n * s**2 * sp.sin(th)
        mass = 2 * sp.pi * sp.integrate(sp.integrate(dens, (th, 0, sp.pi)), (s, 0, R))
        i_axis = 2 * sp.pi * sp.integrate(sp.integrate(dens * s**2 * sp.sin(th) ** 2, (th, 0, sp.pi)), (s, 0, R))
        return mass, sp.simplify(i_axis / (mass * R**2))
    if body in ("cone", "paraboloid", "hemisphere"):  # uniform solid of revolution about its axis
        radius = {"cone": R * z / h, "paraboloid": R * sp.sqrt(z / h), "hemisphere": sp.sqrt(R**2 - z**2)}[body]
        top = R if body == "hemisphere" else h
        dens = rho0 * (s / R) ** n * s
        mass = 2 * sp.pi * sp.integrate(sp.integrate(dens, (s, 0, radius)), (z, 0, top))
        i_axis = 2 * sp.pi * sp.integrate(sp.integrate(dens * s**2, (s, 0, radius)), (z, 0, top))
        return mass, sp.simplify(i_axis / (mass * R**2))
    raise ValueError(body)


DESCRIBE = {
    "rod": "a thin straight rod of length $L$ lying along $0 < x < L$, with linear mass density $\\lambda(x) = \\rho_0 (x/L)^{{{n}}}$",
    "disk_axis": "a thin flat disk of radius $R$ with surface density $\\sigma(s) = \\rho_0 (s/R)^{{{n}}}$ ($s$ the distance from the centre)",
    "disk_diameter": "a thin flat disk of radius $R$ with surface density $\\sigma(s) = \\rho_0 (s/R)^{{{n}}}$ ($s$ the distance from the centre)",
    "sphere": "a solid ball of radius $R$ with density $\\rho(r) = \\rho_0 (r/R)^{{{n}}}$ ($r$ the distance from the centre)",
    "cone": "a solid right circular cone of height $h$ and base radius $R$ with density $\\rho = \\rho_0 (s/R)^{{{n}}}$ ($s$ the distance from the symmetry axis)",
    "paraboloid": "a solid paraboloid of revolution $s \\le R\\sqrt{{z/h}}$, $0 \\le z \\le h$, with density $\\rho = \\rho_0 (s/R)^{{{n}}}$ ($s$ the distance from the symmetry axis)",
    "hemisphere": "a solid hemisphere of radius $R$ with density $\\rho = \\rho_0 (s/R)^{{{n}}}$ ($s$ the distance from the symmetry axis)",
}
AXIS = {
    "disk_axis": "the symmetry axis (perpendicular to the disk through its centre)",
    "disk_diameter": "a diameter of the disk",
    "sphere": "an axis through the centre",
    "cone": "its symmetry axis", "paraboloid": "its symmetry axis", "hemisphere": "its symmetry axis",
}
BODIES = {
    "advanced-undergraduate": ("rod", "disk_axis", "sphere"),
    "graduate": ("rod", "disk_axis", "disk_diameter", "sphere", "cone"),
    "advanced-graduate": ("rod", "disk_diameter", "sphere", "cone", "paraboloid", "hemisphere"),
}


def generate(rng: random.Random, level: str, config: Config):
    body = rng.choice(BODIES[level])
    n = 0 if level == "advanced-undergraduate" and body != "rod" else rng.randint(0, config.max_power)
    f = sp.Rational(rng.randint(0, 4), 4) if body == "rod" else sp.Integer(0)
    if body == "rod" and level != "advanced-undergraduate":
        f = sp.Rational(rng.randint(0, 6), 6)
    mass, ratio = inertia(body, n, f)
    size = L if body == "rod" else R
    value = sp.simplify(ratio * M * size**2)
    desc = DESCRIBE[body].format(n=n)
    if n == 0:
        desc = desc.replace(f" (x/L)^{{{n}}}", "").replace(f" (s/R)^{{{n}}}", "").replace(f" (r/R)^{{{n}}}", "")
        desc = re.sub(r" \(\$[rs]\$ the distance from the [a-z ]+\)", " (uniform)", desc)
    axis = (f"an axis perpendicular to the rod through the point $x = {tex(f * L)}$" if body == "rod" else AXIS[body])
    problem = (
        f"Consider {desc}; $\\rho_0$ is a constant. Its total mass is $M$.\n\n{conventions(SI + '.')}\n\n"
        f"Compute the moment of inertia about {axis}, expressed through the total mass $M$. "
        + ask_in("$I$", [M, size])
    )
    steps = [
        r"Both the mass and the moment of inertia are integrals over the body: $M = \int \rho\,dV$, "
        r"$I = \int \rho\,d_\perp^2\,dV$ with $d_\perp$ the distance from the axis.",
        f"Integrating the density gives $M = {tex(mass)}$.",
        f"With the same volume element, $I = {tex(sp.simplify(ratio * mass * size**2))}$; dividing by $M$ to "
        "eliminate $\\rho_0$:",
    ]
    params = {"body": body, "n": n, "f": str(f)}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=[M, size])


register(Family(
    name=NAME, category="Classical Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="Moments of inertia of rods, disks, balls and solids of revolution with power-law densities.",
    generate=generate, config=Config(), version=1,
    reference="Goldstein, Classical Mechanics, 3rd ed., §5.3; Taylor, Classical Mechanics, §10.2",
))
