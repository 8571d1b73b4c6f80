r"""Multipole content of a random set of point charges, read off the far-field expansion of the potential.

The exact potential $\Phi(z) = \frac{1}{4\pi\epsilon_0}\sum_i q_i/|z\hat{\mathbf z} - \mathbf r_i|$ on the $z$ axis is
expanded in $1/z$; its coefficients are the axial multipole moments
$\Phi = \frac{1}{4\pi\epsilon_0}\left[\frac{Q}{z} + \frac{p_z}{z^2} + \frac{Q_{zz}}{2z^3} + \dots\right]$
(Jackson, *Classical Electrodynamics*, 3rd ed., eqs. 4.9-4.10). Cross-checked in the tests against the
direct sums $p_z = \sum q_i z_i$ and $Q_{zz} = \sum q_i(3z_i^2 - r_i^2)$ (Jackson eq. 4.9) and the
Legendre expansion (Jackson eq. 3.38 / Griffiths *Electrodynamics* eq. 3.95).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.em.point_charge_multipoles"
q, a, epsilon_0, z = pos("q a epsilon_0 z")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_charges: int = 5
    extent: int = 2


Charges = tuple[tuple[int, int, int, int], ...]  # (charge in q, x, y, z in a)


@lru_cache(maxsize=4)
def _unit_charge_series(order: int) -> tuple[sp.Expr, ...]:
    r"""Taylor coefficients in w of $(1 - 2 x w + y w^2)^{-1/2}$, i.e. of $|\hat z - \mathbf r/z|^{-1}$ with
    $w = a/z$, $x = z_i/a$, $y = r_i^2/a^2$: computed once by series expansion, then reused for every charge."""
    x, y, w = sp.symbols("x y w")
    ser = sp.series((1 - 2 * x * w + y * w**2) ** sp.Rational(-1, 2), w, 0, order).removeO()
    return tuple(sp.expand(ser.coeff(w, k)) for k in range(order))


@lru_cache(maxsize=2048)
def axial_expansion(charges: Charges, order: int = 5) -> tuple[sp.Expr, ...]:
    r"""Coefficients c_k (k = 1..order) of 4 pi eps0 Phi(z) = sum_k c_k / z^k on the z axis.

    Each charge contributes $q_i/|z\hat z - \mathbf r_i| = \frac{q_i}{z}(1 - 2x w + y w^2)^{-1/2}$ with
    $w = a/z$, so its $1/z^{k+1}$ coefficient is $q_i a^k$ times the $w^k$ Taylor coefficient.
    """
    x, y = sp.symbols("x y")
    coeffs = _unit_charge_series(order)
    return tuple(sp.expand(sum(c * q * a**k * coeffs[k].subs({x: zz, y: xx**2 + yy**2 + zz**2})
                               for c, xx, yy, zz in charges)) for k in range(order))


def _draw(rng: random.Random, n: int, extent: int, planar: bool, neutral: bool) -> Charges:
    while True:
        sites = set()
        while len(sites) < n:
            sites.add((rng.randint(-extent, extent), 0 if planar else rng.randint(-extent, extent),
                       rng.randint(-extent, extent)))
        qs = [rng.choice([-3, -2, -1, 1, 2, 3]) for _ in range(n)]
        if neutral:
            qs[-1] = -sum(qs[:-1])
            if qs[-1] == 0:
                continue
        return tuple((c, *s) for c, s in zip(qs, sorted(sites), strict=True))


def _symmetrise(charges: Charges) -> Charges:
    total: dict[tuple[int, int, int], int] = {}
    for c, x, y, zz in charges:
        for site in ((x, y, zz), (-x, -y, -zz)):
            total[site] = total.get(site, 0) + c
    return tuple((c, *site) for site, c in sorted(total.items()) if c != 0)


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    u = band_position(d, level)  # the knob: more charges, spread over a larger lattice
    planar = level in ("advanced-undergraduate", "graduate")
    n = {"advanced-undergraduate": scale(u, 2, 3), "postgraduate": scale(u, 2, 3)}.get(
        level, scale(u, 3, config.max_charges))
    extent = scale(u, config.extent, config.extent + 1)
    for _ in range(200):
        charges = _draw(rng, n, extent, planar, neutral=level != "advanced-undergraduate")
        if level == "postgraduate":  # add the point-inverted copy: Q = 0 and every odd moment vanishes
            charges = _symmetrise(charges)
        coeffs = axial_expansion(charges)
        if level == "advanced-undergraduate":
            which, value = "p_z", coeffs[1]
        elif level == "graduate":
            which, value = "Q_zz", 2 * coeffs[2]
        else:
            nz = [i for i, c in enumerate(coeffs) if c != 0]
            which = "leading"
            value = (coeffs[nz[0]] / (4 * sp.pi * epsilon_0 * z ** (nz[0] + 1))) if nz else sp.Integer(0)
        if value != 0:
            break
    table = "; ".join(f"${tex(c * q)}$ at $({tex(x * a)}, {tex(y * a)}, {tex(zz * a)})$" for c, x, y, zz in charges)
    conv = conventions(SI + ".", r"Cartesian coordinates $(x, y, z)$; $\epsilon_{0}$ is the vacuum permittivity.")
    head = f"Point charges are held fixed in vacuum: {table}. Here $q > 0$ and $a > 0$ are constants.\n\n{conv}\n\n"
    if which == "p_z":
        problem = head + ("Compute the $z$ component $p_z$ of the electric dipole moment of the distribution about the "
                          "origin. " + ask_in("$p_z$", [q, a]))
        syms = [q, a]
    elif which == "Q_zz":
        problem = head + ("Compute the $zz$ component of the traceless quadrupole moment tensor about the origin, "
                          "$Q_{zz} = \\sum_i q_i\\,(3z_i^2 - r_i^2)$ (Jackson's convention). "
                          + ask_in("$Q_{zz}$", [q, a]))
        syms = [q, a]
    else:
        problem = head + ("Find the leading (non-vanishing) term of the electrostatic potential $\\Phi$ on the positive "
                          "$z$ axis at large distance $z \\gg a$ (potential zero at infinity). "
                          + ask_in("that term", [q, a, epsilon_0, z]))
        syms = [s for s in (q, a, epsilon_0, z) if s in value.free_symbols]
    ser = " + ".join(f"\\left({tex(c / z ** (k + 1))}\\right)" for k, c in enumerate(axial_expansion(charges)) if c != 0)
    steps = [
        r"On the $z$ axis the exact potential is $\Phi(z) = \frac{1}{4\pi\epsilon_0}\sum_i "
        r"\frac{q_i}{\sqrt{x_i^2 + y_i^2 + (z - z_i)^2}}$.",
        f"Expanding in powers of $1/z$: $4\\pi\\epsilon_0\\,\\Phi(z) = {ser} + O(z^{{-6}})$.",
        r"Comparing with $4\pi\epsilon_0\,\Phi = \frac{Q}{z} + \frac{p_z}{z^2} + \frac{Q_{zz}}{2z^3} + \dots$ "
        r"(Jackson eq. 4.10 on the axis):" if which != "leading" else
        r"The first non-zero coefficient gives the far field:",
    ]
    params = {"charges": [list(c) for c in charges], "which": which}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=syms, difficulty=d)


register(Family(
    name=NAME, category="Electromagnetism",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Dipole, quadrupole and leading far-field term of random point charges via the 1/z expansion.",
    generate=generate, config=Config(), version=2,  # 2: knob (number of charges, lattice extent)
    reference="Jackson, Classical Electrodynamics, 3rd ed., eqs. 4.9-4.10; Griffiths, Electrodynamics, eq. 3.95",
))
