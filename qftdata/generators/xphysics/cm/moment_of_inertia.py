r"""Moments of inertia of rods, disks, shells, balls, solids of revolution and cylinders with power-law densities.

$M = \int\rho\,dV$ and $I = \int\rho\,d_\perp^2\,dV$ are integrated exactly in the natural coordinates of
the body (radial integrals over dimensionless $x = s/R$, polynomial in $x$ for the integer density powers
drawn here; the angular integrals once), then $I$ is expressed through $M$. Off-centre axes use the
integral directly (it reproduces the parallel-axis theorem).

Levels (docs/generators.md rubric): uniform bodies (one standard integral); power-law densities (two
integrals and the ratio); hollow bodies and solids of revolution with nested limits; cylinders about a
transverse axis (two length scales, the $s^2\sin^2\phi + (z - z_0)^2$ distance). The knob scales the density
power and the fineness of the offsets.

Cross-checked in the tests against the standard table (Goldstein, *Classical Mechanics*, 3rd ed., §5.3;
Taylor, *Classical Mechanics*, §10.2): rod $ML^2/12$, $ML^2/3$; disk $MR^2/2$, $MR^2/4$; ball $2MR^2/5$;
cone $3MR^2/10$; paraboloid $MR^2/3$; cylinder about a central diameter $M(R^2/4 + h^2/12)$; thin shell
$2MR^2/3$; and the power-law closed forms in the tests.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.cm.moment_of_inertia"
M, R, L, h = pos("M R L h")
x, t, th = sp.symbols("x t theta", nonnegative=True)


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_power: int = 10

    def validate(self) -> None:
        if self.max_power < 2:
            raise ValueError("max_power must be >= 2")


@lru_cache(maxsize=8)
def _angular(k: int) -> sp.Expr:
    r"""$\int_0^\pi \sin^k\theta\,d\theta$ (polar integral of a ball's volume element times $\sin^{k-1}$)."""
    return sp.integrate(sp.sin(th) ** k, (th, 0, sp.pi))


def _poly_integral(integrand: sp.Expr, var: sp.Symbol, lo, hi) -> sp.Expr:
    """Exact integral of a polynomial (in `var`, other symbols as coefficients) by its antiderivative."""
    poly = sp.Poly(sp.expand(integrand), var)
    anti = poly.integrate().as_expr()
    return sp.expand(anti.subs(var, hi) - anti.subs(var, lo))


@lru_cache(maxsize=4096)
def inertia(body: str, n: int, f=sp.Integer(0), beta=sp.Integer(0)) -> tuple[sp.Expr, sp.Expr]:
    """(mass / (rho_0 size^dim), I / (M size^2)) for `body` with density power n; f = axis offset fraction
    (rod: axis at x = f L; cylinder: transverse axis at height z = f h), beta = inner radius fraction.

    Returns the mass in units of rho_0 times the body's size (for the solution text) and I/(M R^2) (or
    I/(M L^2); for the cylinder I/M as an expression in R and h)."""
    f, beta = sp.S(f), sp.S(beta)
    dens = x**n
    if body == "rod":  # lambda = rho0 (x/L)^n on 0 < x < L
        mass = _poly_integral(dens, x, 0, 1)
        return mass, _poly_integral(dens * (x - f) ** 2, x, 0, 1) / mass
    # An axis shifted by f R (parallel to the central one): d_perp^2 gains f^2 R^2 - 2 f R s cos(phi), whose
    # cross term integrates to zero over the azimuth of a body symmetric about the central axis.
    if body in ("disk_axis", "disk_diameter", "annulus_axis", "annulus_diameter"):
        mass = 2 * sp.pi * _poly_integral(dens * x, x, beta, 1)
        phi_avg = 1 if body.endswith("axis") else sp.Rational(1, 2)  # <sin^2 phi> = 1/2 about a diameter
        return mass, 2 * sp.pi * phi_avg * _poly_integral(dens * x**3, x, beta, 1) / mass + f**2
    if body in ("sphere", "shell"):  # d_perp^2 = r^2 sin^2 theta
        mass = 2 * sp.pi * _angular(1) * _poly_integral(dens * x**2, x, beta, 1)
        return mass, 2 * sp.pi * _angular(3) * _poly_integral(dens * x**4, x, beta, 1) / mass + f**2
    if body in ("cone", "paraboloid", "hemisphere"):  # about the symmetry axis; z = t h (t R for the hemisphere)
        top = {"cone": t, "paraboloid": sp.sqrt(t), "hemisphere": sp.sqrt(1 - t**2)}[body]
        inner_m = _poly_integral(dens * x, x, 0, 1).subs(x, 1)  # \int_0^X x^{n+1} dx = X^{n+2}/(n+2)
        inner_i = _poly_integral(dens * x**3, x, 0, 1).subs(x, 1)
        mass = 2 * sp.pi * sp.integrate(sp.expand(top ** (n + 2)) * inner_m, (t, 0, 1))
        i_axis = 2 * sp.pi * sp.integrate(sp.expand(top ** (n + 4)) * inner_i, (t, 0, 1))
        return mass, i_axis / mass
    if body == "cylinder_transverse":  # beta R < s < R, 0 < z < h, axis through (0, 0, f h) along x
        mass = 2 * sp.pi * _poly_integral(dens * x, x, beta, 1)
        radial = sp.pi * _poly_integral(dens * x**3, x, beta, 1) * R**2  # \int s^2 sin^2 phi over the section
        axial = 2 * sp.pi * _poly_integral(dens * x, x, beta, 1) * h**2 * _poly_integral((t - f) ** 2, t, 0, 1)
        return mass, sp.expand((radial + axial) / mass)
    raise ValueError(body)


DESCRIBE = {
    "rod": "a thin straight rod of length $L$ lying along $0 < x < L$, with linear mass density "
           "$\\lambda(x) = \\rho_0 (x/L)^{{{n}}}$",
    "disk": "a thin flat disk of radius $R$ with surface density $\\sigma(s) = \\rho_0 (s/R)^{{{n}}}$ ($s$ the "
            "distance from the centre)",
    "annulus": "a thin flat annulus ${beta} \\le s \\le R$, where $s$ is the distance from its centre, with surface "
               "density $\\sigma(s) = \\rho_0 (s/R)^{{{n}}}$",
    "sphere": "a solid ball of radius $R$ with density $\\rho(r) = \\rho_0 (r/R)^{{{n}}}$ ($r$ the distance from the "
              "centre)",
    "shell": "a thick spherical shell ${beta} \\le r \\le R$, where $r$ is the distance from its centre, with density "
             "$\\rho(r) = \\rho_0 (r/R)^{{{n}}}$",
    "cone": "a solid right circular cone of height $h$ and base radius $R$ with density $\\rho = \\rho_0 (s/R)^{{{n}}}$ "
            "($s$ the distance from the symmetry axis)",
    "paraboloid": "a solid paraboloid of revolution $s \\le R\\sqrt{{z/h}}$, $0 \\le z \\le h$, with density "
                  "$\\rho = \\rho_0 (s/R)^{{{n}}}$ ($s$ the distance from the symmetry axis)",
    "hemisphere": "a solid hemisphere of radius $R$ with density $\\rho = \\rho_0 (s/R)^{{{n}}}$ ($s$ the distance "
                  "from the symmetry axis)",
    "cylinder": "a solid circular cylinder of radius $R$ occupying $0 \\le z \\le h$, with density "
                "$\\rho = \\rho_0 (s/R)^{{{n}}}$ ($s$ the distance from its symmetry axis, the $z$ axis)",
    "tube": "a thick-walled circular tube ${beta} \\le s \\le R$, $0 \\le z \\le h$, where $s$ is the distance from "
            "its symmetry axis (the $z$ axis), with density $\\rho = \\rho_0 (s/R)^{{{n}}}$",
}
# What the dimensionless mass integral multiplies (rho_0 times the body's extent).
DIMS = {"rod": sp.Symbol("rho_0", positive=True) * L, "disk": sp.Symbol("rho_0", positive=True) * R**2,
        "annulus": sp.Symbol("rho_0", positive=True) * R**2, "sphere": sp.Symbol("rho_0", positive=True) * R**3,
        "shell": sp.Symbol("rho_0", positive=True) * R**3, "cone": sp.Symbol("rho_0", positive=True) * R**2 * h,
        "paraboloid": sp.Symbol("rho_0", positive=True) * R**2 * h,
        "hemisphere": sp.Symbol("rho_0", positive=True) * R**3,
        "cylinder": sp.Symbol("rho_0", positive=True) * R**2 * h, "tube": sp.Symbol("rho_0", positive=True) * R**2 * h}
AXIS = {
    "disk_axis": "the symmetry axis (perpendicular to the disk through its centre)",
    "disk_diameter": "a diameter of the disk", "annulus_axis": "the symmetry axis (perpendicular to its plane "
    "through its centre)", "annulus_diameter": "a diameter of the annulus",
    "sphere": "an axis through the centre", "shell": "an axis through the centre",
    "cone": "its symmetry axis", "paraboloid": "its symmetry axis", "hemisphere": "its symmetry axis",
}


def _draw(rng: random.Random, level: str, u: float, config: Config) -> tuple[str, int, sp.Rational, sp.Rational]:
    nmax = scale(u, 5, config.max_power)
    if level == "advanced-undergraduate":  # uniform bodies: one standard integral (+ the parallel-axis shift)
        body = rng.choice(["rod", "rod", "disk_axis", "disk_diameter", "sphere", "cone"])
        f = (sp.Rational(rng.randint(0, 12), 12) if body == "rod" else
             sp.Rational(rng.randint(0, 4 + scale(u, 0, 12)), 8) if body != "cone" else sp.Integer(0))
        return body, 0, f, sp.Integer(0)
    if level == "graduate":  # a power-law density: mass and I integrals, then their ratio (+ a shifted axis)
        body = rng.choice(["rod", "rod", "disk_axis", "disk_diameter", "sphere", "cone"])
        f = (sp.Rational(rng.randint(0, 12), 12) if body == "rod" else
             sp.Rational(rng.randint(0, 8), 4) if body != "cone" else sp.Integer(0))
        return body, rng.randint(1, nmax), f, sp.Integer(0)
    if level == "advanced-graduate":  # hollow bodies and nested limits
        body = rng.choice(["annulus_axis", "annulus_diameter", "shell", "paraboloid", "hemisphere"])
        n = rng.randint(0, nmax)
        if body == "hemisphere":
            n -= n % 2  # even powers keep the integrand polynomial
        beta = sp.Rational(rng.randint(2, 10), 12) if body in ("annulus_axis", "annulus_diameter", "shell") else 0
        return body, n, sp.Integer(0), sp.S(beta)
    f = sp.Rational(rng.randint(0, 12), 12)  # postgraduate: transverse axis of a cylinder, two length scales
    beta = sp.Rational(rng.randint(2, 10), 12) if rng.random() < 0.6 else sp.Integer(0)  # a thick-walled tube
    return "cylinder_transverse", rng.randint(0, nmax), f, beta


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    body, n, f, beta = _draw(rng, level, band_position(d, level), config)
    mass, ratio = inertia(body, n, f, beta)
    size = L if body == "rod" else R
    if body == "cylinder_transverse":
        value, syms = sp.factor_terms(M * ratio), [M, R, h]
        axis = (f"the axis parallel to the $x$ axis through the point $(0, 0, {tex(f * h)})$ on the symmetry axis"
                if f else "a diameter of its base face $z = 0$")
    else:
        value, syms = ratio * M * size**2, [M, size]
        axis = (f"an axis perpendicular to the rod through the point $x = {tex(f * L)}$" if body == "rod"
                else AXIS[body] if not f else f"an axis parallel to {AXIS[body]} at distance ${tex(f * R)}$ from it")
    key = {"disk_axis": "disk", "disk_diameter": "disk", "annulus_axis": "annulus", "annulus_diameter": "annulus",
           "cylinder_transverse": "tube" if beta else "cylinder"}.get(body, body)
    desc = DESCRIBE[key].format(n=n, beta=tex(beta * R))
    if n == 0:
        desc = desc.replace(" (x/L)^{0}", "").replace(" (s/R)^{0}", "").replace(" (r/R)^{0}", "")
        desc = re.sub(r" \(\$[rs]\$ the distance from [a-z ]+\)", " (uniform)", desc)
        desc = desc.replace("($s$ the distance from its symmetry axis, the $z$ axis)", "(uniform)")
        if "(uniform)" not in desc:
            desc = re.sub(r"(density [^,;]*= \\rho_0)\$", r"\1$ (uniform)", desc, count=1)
    desc = desc.replace("/R)^{1}$", "/R)$").replace("/L)^{1}$", "/L)$")
    problem = (
        f"Consider {desc}; $\\rho_0$ is a constant. Its total mass is $M$.\n\n{conventions(SI + '.')}\n\n"
        f"Compute the moment of inertia about {axis}, expressed through the total mass $M$. " + ask_in("$I$", syms)
    )
    steps = [
        r"Both the mass and the moment of inertia are integrals over the body: $M = \int \rho\,dV$, "
        r"$I = \int \rho\,d_\perp^2\,dV$ with $d_\perp$ the distance from the axis"
        + (r" (here $d_\perp^2 = s^2\sin^2\phi + (z - z_0)^2$)." if body == "cylinder_transverse" else "."),
        f"Integrating the density gives $M = {tex(mass * DIMS[key])}$.",
        "With the same volume element and dividing by $M$ to eliminate $\\rho_0$:",
    ]
    params = {"body": body, "n": n, "f": str(f), "beta": str(beta)}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=syms, difficulty=d)


register(Family(
    name=NAME, category="Classical Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Moments of inertia of rods, disks, shells, balls, solids of revolution and cylinders with "
                "power-law densities.",
    generate=generate, config=Config(), version=2,  # 2: knob, hollow bodies, cylinders, polynomial integrals
    reference="Goldstein, Classical Mechanics, 3rd ed., §5.3; Taylor, Classical Mechanics, §10.2",
))
