r"""Electric field on the symmetry axis of rings, rods, disks, annuli and charged tubes, by Coulomb integrals.

Each charge element contributes $dE_z = \frac{1}{4\pi\epsilon_0}\frac{(z - z')\,dq}{[s'^2 + (z - z')^2]^{3/2}}$ on the
axis (the transverse parts cancel by symmetry); sympy integrates over the distribution once per body and
density power, with the height $z$ and the radii symbolic, and the problem's point $z = tR$ (and length
$L = \ell R$) is substituted afterwards.

Levels (docs/generators.md rubric): a ring, a rod segment or a uniform disk (one standard integral); a
power-law disk or a uniform annulus; a power-law annulus (two limits, a power of the radius); a
thick-walled charged tube (a double integral over radius and length, several scales). The knob scales the
density power and the range of the point's height.

Cross-checked in the tests against Griffiths, *Introduction to Electrodynamics*, 4th ed., Example 2.1,
Problems 2.5 (ring), 2.6 (disk), superposition of disks for the annulus, and numerical quadrature for
power-law densities and the tube.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.em.axial_field"
R, z, epsilon_0, lambda_0, sigma_0, rho_0, L = pos("R z epsilon_0 lambda_0 sigma_0 rho_0 L")
_s, _zp, _b = sp.symbols("s zp beta", positive=True)
K = 1 / (4 * sp.pi * epsilon_0)
CONV = conventions(SI + ".", r"$\epsilon_{0}$ is the vacuum permittivity.")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_power: int = 5

    def validate(self) -> None:
        if self.max_power < 1:
            raise ValueError("max_power must be >= 1")


@lru_cache(maxsize=64)
def field_general(body: str, n: int = 0) -> sp.Expr:
    """E_z(z) on the axis, symbolic in z, R, L and the radius/length fraction beta (see `DESCRIBE`)."""
    if body == "ring":  # the whole ring is at distance sqrt(R^2 + z^2): no integral left after the azimuth
        return 2 * sp.pi * K * lambda_0 * R * z / (R**2 + z**2) ** sp.Rational(3, 2)
    if body == "segment":  # -L <= z' <= -beta L on the axis
        return sp.integrate(K * lambda_0 / (z - _zp) ** 2, (_zp, -L, -_b * L))
    if body in ("disk", "annulus"):  # sigma_0 (s/R)^n for lo < s < hi (annulus: R < s < beta R)
        F = sp.integrate(2 * sp.pi * _s * sigma_0 * (_s / R) ** n * K * z / (_s**2 + z**2) ** sp.Rational(3, 2), _s)
        lo, hi = (0, R) if body == "disk" else (R, _b * R)
        return F.subs(_s, hi) - F.subs(_s, lo)
    if body == "tube":  # beta R <= s <= R, -L <= z' <= 0, uniform rho_0 (beta = 0: solid cylinder)
        inner = 2 * sp.pi * rho_0 * K * (-(z - _zp) / sp.sqrt(_s**2 + (z - _zp) ** 2))  # antiderivative in s
        slab = inner.subs(_s, R) - inner.subs(_s, _b * R)
        Fz = sp.integrate(slab, _zp)
        return Fz.subs(_zp, 0) - Fz.subs(_zp, -L)
    raise ValueError(body)


@lru_cache(maxsize=8192)
def field(body: str, n: int, beta, t=None, ell=None) -> sp.Expr:
    """E_z for the given body at z = t R (t None: symbolic z), with L = ell R (tube; ell None: symbolic L)
    or L as the unit of the segment (z = t L)."""
    expr = field_general(body, n).subs(_b, sp.S(beta))
    if body == "segment" and t is not None:
        expr = expr.subs(z, sp.S(t) * L)
    else:
        if ell is not None:
            expr = expr.subs(L, sp.S(ell) * R)
        if t is not None:
            expr = expr.subs(z, sp.S(t) * R)
    if expr.has(sp.asinh):  # golds print logarithms (CONVENTIONS): asinh x = ln(x + sqrt(x^2 + 1))
        expr = expr.rewrite(sp.log)
    if t is None:
        return sp.factor_terms(expr)
    return sp.factor_terms(sp.radsimp(sp.expand_log(sp.powsimp(sp.expand(expr), force=True), force=True)))


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
    "tube": ("A {solid} of outer radius $R$ occupying $-{length} \\le z \\le 0$, with the $z$ axis as its "
             "symmetry axis, carries uniform volume charge density $\\rho_{{0}}$.", [rho_0, R]),
}


def _height(rng: random.Random, u: float) -> sp.Rational:
    """The point's height in units of R (or L): p/q with the range growing with the knob."""
    return sp.Rational(rng.randint(1, 4 + scale(u, 0, 8)), rng.randint(1, 4))


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    u = band_position(d, level)
    nmax = scale(u, 1, config.max_power)
    n, beta, ell = 0, sp.Integer(1), None
    if level == "advanced-undergraduate":
        body = rng.choice(["ring", "segment", "disk"])
        if body == "segment":
            beta = rng.choice([sp.Integer(0), sp.Rational(1, 4), sp.Rational(1, 3), sp.Rational(1, 2), sp.Rational(2, 3)])
    elif level == "graduate":
        body = rng.choice(["disk", "annulus"])
        n = rng.randint(1, nmax) if body == "disk" else 0
    elif level == "advanced-graduate":
        body, n = "annulus", rng.randint(1, nmax)
    else:
        body = "tube"
        beta = rng.choice([sp.Integer(0), sp.Rational(1, 3), sp.Rational(1, 2), sp.Rational(2, 3), sp.Rational(3, 4)])
        ell = sp.Rational(rng.randint(1, 4 + scale(u, 0, 4)), rng.randint(1, 2))
    if body == "annulus":
        beta = sp.Rational(rng.randint(3, 8), 2)
    t = _height(rng, u)
    value = field(body, n, beta, t, ell)
    text, syms = DESCRIBE[body]
    if body == "tube":
        text = text.format(solid="solid circular cylinder" if beta == 0 else
                           f"thick-walled circular tube of inner radius ${tex(beta * R)}$", length=tex(ell * R))
    elif body == "segment":
        text = text.format(top=tex(-beta * L))
    elif body in ("disk", "annulus"):
        text = text.format(n=n, beta=tex(beta * R))
    if n == 0:
        text = text.replace("\\,(s/R)^{0}", "").replace("surface charge density", "uniform surface charge density")
    text = text.replace("(s/R)^{1}$", "(s/R)$")
    unit = L if body == "segment" else R
    syms = [s for s in syms + [epsilon_0] if s in value.free_symbols]
    point = f"the point $z = {tex(t * unit)}$ on the $z$ axis" + (
        " (above the plane)" if body in ("ring", "disk", "annulus") else " (outside the charge)")
    problem = (f"{text} Elsewhere there is vacuum.\n\n{CONV}\n\nCompute the $z$ component $E_z$ of the electric "
               f"field at {point}. " + ask_in("$E_z$", syms))
    element = {"ring": r"dq = \lambda_0 R\,d\phi'", "segment": r"dq = \lambda_0\,dz'",
               "disk": r"dq = \sigma(s')\,s'\,ds'\,d\phi'", "annulus": r"dq = \sigma(s')\,s'\,ds'\,d\phi'",
               "tube": r"dq = \rho_0\,s'\,ds'\,d\phi'\,dz'"}[body]
    general = field(body, n, beta, None, ell if body == "tube" else None)
    steps = [
        f"Take a charge element ${element}$ at axial position $z'$ and distance $s'$ from the axis. Its field on the "
        r"axis has $dE_z = \frac{1}{4\pi\epsilon_0}\frac{(z - z')\,dq}{[s'^2 + (z - z')^2]^{3/2}}$; "
        r"transverse components cancel by azimuthal symmetry.",
        f"The azimuthal integral gives $2\\pi$; the remaining integral(s) over the distribution give, at height $z$, "
        f"$E_z = {tex(general)}$.",
        f"At $z = {tex(t * unit)}$:",
    ]
    params = {"body": body, "n": n, "beta": str(beta), "t": str(t), "ell": None if ell is None else str(ell)}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=syms, difficulty=d)


register(Family(
    name=NAME, category="Electromagnetism",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="On-axis E_z of rings, rods, (power-law) disks and annuli and charged tubes by Coulomb integration.",
    generate=generate, config=Config(), version=2,  # 2: knob, field at a given point z = tR, tubes
    reference="Griffiths, Introduction to Electrodynamics, 4th ed., Example 2.1, Problems 2.5-2.6",
))
