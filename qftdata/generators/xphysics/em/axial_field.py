r"""Electric field on the symmetry axis of rings, segments, disks, annuli and charged cylinders, by Coulomb integrals.

Each charge element contributes $dE_z = \frac{1}{4\pi\epsilon_0}\frac{(z - z')\,dq}{[s'^2 + (z - z')^2]^{3/2}}$ on the
axis (the transverse parts cancel by symmetry); sympy integrates over the distribution exactly.
Cross-checked in the tests against Griffiths, *Introduction to Electrodynamics*, 4th ed., Example 2.1,
Problems 2.5 (ring), 2.6 (disk) and against numerical quadrature for power-law densities.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.em.axial_field"
R, z, epsilon_0, lambda_0, sigma_0, rho_0, L = pos("R z epsilon_0 lambda_0 sigma_0 rho_0 L")
_s, _zp = sp.symbols("s zp", positive=True)
K = 1 / (4 * sp.pi * epsilon_0)
CONV = conventions(SI + ".", r"$\epsilon_{0}$ is the vacuum permittivity.")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_power: int = 3


def _clean(expr: sp.Expr) -> sp.Expr:
    """Readable closed form: asinh as a logarithm, logs kept apart (simplify would merge them into powers),
    perfect squares under square roots factored."""
    e = sp.expand_log(sp.simplify(expr).rewrite(sp.log), force=True)
    e = e.replace(lambda t: t.is_Pow and t.exp == sp.S.Half, lambda t: sp.sqrt(sp.factor(t.base)))
    return sp.factor_terms(sp.expand_log(e, force=True))


@lru_cache(maxsize=1024)
def field(body: str, n: int, beta) -> sp.Expr:
    """E_z at height z > 0 on the axis. body: ring (radius R, charge lambda_0 per length), segment (on the axis,
    -L <= z' <= -beta L, density lambda_0), disk (radius R, sigma_0 (s/R)^n), annulus (R..beta R, sigma_0 (s/R)^n),
    cylinder (tube beta R <= s <= R, -L <= z' <= 0, uniform rho_0; beta = 0 is a solid cylinder)."""
    beta = sp.S(beta)
    if body == "ring":
        dq = lambda_0 * R  # per unit azimuth
        return _clean(2 * sp.pi * K * dq * z / (R**2 + z**2) ** sp.Rational(3, 2))
    if body == "segment":  # occupies -L <= z' <= -beta L
        return _clean(sp.integrate(K * lambda_0 / (z - _zp) ** 2, (_zp, -L, -beta * L)))
    if body in ("disk", "annulus"):
        lo, hi = (0, R) if body == "disk" else (R, beta * R)
        dens = sigma_0 * (_s / R) ** n
        return _clean(sp.integrate(2 * sp.pi * _s * dens * K * z / (_s**2 + z**2) ** sp.Rational(3, 2), (_s, lo, hi)))
    if body == "cylinder":  # tube beta R <= s <= R (beta = 0: solid cylinder)
        inner = sp.integrate(2 * sp.pi * _s * rho_0 * K * (z - _zp) / (_s**2 + (z - _zp) ** 2) ** sp.Rational(3, 2),
                             (_s, beta * R, R))
        return _clean(sp.integrate(sp.simplify(inner), (_zp, -L, 0)))
    raise ValueError(body)


DESCRIBE = {
    "ring": ("A thin circular ring of radius $R$ carries uniform linear charge density $\\lambda_{0}$; the $z$ axis "
             "passes through its centre perpendicular to its plane (ring in the plane $z = 0$).", [lambda_0, R]),
    "segment": ("A thin straight rod along the $z$ axis, occupying $-L \\le z \\le {top}$, carries uniform linear "
                "charge density $\\lambda_{{0}}$.", [lambda_0, L]),
    "disk": ("A thin flat disk of radius $R$ in the plane $z = 0$, centred on the $z$ axis, carries surface charge "
             "density $\\sigma(s) = \\sigma_{{0}}\\,(s/R)^{{{n}}}$, with $s$ the distance from the axis.", [sigma_0, R]),
    "annulus": ("A thin flat annulus $R \\le s \\le {beta}$ in the plane $z = 0$, centred on the $z$ axis ($s$ the "
                "distance from the axis), carries surface charge density $\\sigma(s) = \\sigma_{{0}}\\,(s/R)^{{{n}}}$.",
                [sigma_0, R]),
    "cylinder": ("A {solid} of outer radius $R$ occupying $-L \\le z \\le 0$, with the $z$ axis as its "
                 "symmetry axis, carries uniform volume charge density $\\rho_{{0}}$.", [rho_0, R, L]),
}
BODIES = {
    "advanced-undergraduate": ("ring", "segment", "disk"),
    "graduate": ("disk", "annulus", "ring"),
    "advanced-graduate": ("disk", "annulus"),
    "postgraduate": ("cylinder", "disk"),
}


def generate(rng: random.Random, level: str, config: Config):
    body = rng.choice(BODIES[level])
    n = 0
    if body == "disk" and level != "advanced-undergraduate":
        n = rng.randint(1 if level != "graduate" else 0, config.max_power)
    if body == "annulus" and level != "graduate":
        n = rng.randint(0, 2)
    beta = {"annulus": sp.Rational(rng.randint(3, 8), 2),
            "segment": rng.choice([sp.Integer(0), sp.Rational(1, 4), sp.Rational(1, 3), sp.Rational(1, 2), sp.Rational(2, 3)]),
            "cylinder": rng.choice([sp.Integer(0), sp.Rational(1, 3), sp.Rational(1, 2), sp.Rational(2, 3)]),
            }.get(body, sp.Integer(1))
    value = field(body, n, beta)
    text, syms = DESCRIBE[body]
    if body == "cylinder":
        text = text.format(solid="solid circular cylinder" if beta == 0 else
                           f"thick-walled circular tube of inner radius ${tex(beta * R)}$")
    elif body == "segment":
        text = text.format(top=tex(-beta * L))
    elif body in ("disk", "annulus"):
        text = text.format(n=n, beta=tex(beta * R))
    if n == 0:
        text = text.replace("\\,(s/R)^{0}", "").replace("surface charge density", "uniform surface charge density")
    syms = syms + [z, epsilon_0]
    point = "a point on the positive $z$ axis at height $z > 0$ above the plane" if body not in ("segment", "cylinder") \
        else "a point on the $z$ axis at $z > 0$ (outside the charge)"
    problem = (
        f"{text} Elsewhere there is vacuum.\n\n{CONV}"
        f"\n\nCompute the $z$ component $E_z$ of the electric field at {point}. " + ask_in("$E_z$", syms)
    )
    element = {"ring": r"dq = \lambda_0 R\,d\phi'", "segment": r"dq = \lambda_0\,dz'",
               "disk": r"dq = \sigma(s')\,s'\,ds'\,d\phi'", "annulus": r"dq = \sigma_0\,s'\,ds'\,d\phi'",
               "cylinder": r"dq = \rho_0\,s'\,ds'\,d\phi'\,dz'"}[body]
    steps = [
        f"Take a charge element ${element}$ at axial position $z'$ and distance $s'$ from the axis. Its field on the "
        r"axis has $dE_z = \frac{1}{4\pi\epsilon_0}\frac{(z - z')\,dq}{[s'^2 + (z - z')^2]^{3/2}}$; "
        r"transverse components cancel by azimuthal symmetry.",
        "The azimuthal integral gives $2\\pi$; carrying out the remaining integral(s) over the distribution:",
    ]
    params = {"body": body, "n": n, "beta": str(beta)}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=syms)


register(Family(
    name=NAME, category="Electromagnetism",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="On-axis E_z of rings, rods, (power-law) disks, annuli and solid cylinders by Coulomb integration.",
    generate=generate, config=Config(), version=1,
    reference="Griffiths, Introduction to Electrodynamics, 4th ed., Example 2.1, Problems 2.5-2.6",
))
