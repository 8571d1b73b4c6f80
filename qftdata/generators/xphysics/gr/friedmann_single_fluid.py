r"""Flat FLRW universe filled with one perfect fluid $p = w\rho c^2$: age, lookback time and distances.

The fluid equation $\dot\rho = -3H(1+w)\rho$ gives $\rho\propto a^{-3(1+w)}$; the Friedmann equation
$H^2 = 8\pi G\rho/3$ then reads $\dot a = H_0 a^{-(1+3w)/2}$, which is integrated (separation of variables)
for $t(a)$; distances integrate $c\,dt/a$. Cross-checked in the tests against the single-component closed
forms of Ryden, *Introduction to Cosmology*, 2nd ed., eqs. 5.48-5.53 (and §5.4.1-5.4.3) and Carroll,
*Spacetime and Geometry*, §8.3.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.gr.friedmann_single_fluid"
H_0, c = pos("H_0 c")
_a, _x = sp.symbols("a x", positive=True)
W_CHOICES = (sp.Integer(0), sp.Rational(1, 3), sp.Integer(1), sp.Rational(-1, 3), sp.Rational(-2, 3), sp.Rational(1, 6),
             sp.Rational(2, 3), sp.Rational(-1, 2), sp.Rational(-1, 6), sp.Rational(1, 2))


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_z: int = 8


def adot(a, w) -> sp.Expr:
    """$\\dot a$ from the Friedmann equation with $\\rho = \\rho_0 a^{-3(1+w)}$ and $a(t_0) = 1$."""
    return H_0 * a ** (-(1 + 3 * w) / 2)


@lru_cache(maxsize=1024)
def quantity(which: str, w, z) -> sp.Expr:
    a_e = 1 / (1 + sp.S(z))
    dt = 1 / adot(_x, w)                 # dt = da/adot
    if which == "age":
        return sp.simplify(sp.integrate(dt, (_x, 0, 1)))
    if which == "lookback":
        return sp.simplify(sp.integrate(dt, (_x, a_e, 1)))
    if which == "distance":  # proper distance today: d = c int dt/a = c int da/(a adot)
        return sp.radsimp(sp.simplify(c * sp.integrate(dt / _x, (_x, a_e, 1))))
    if which == "horizon":
        return sp.simplify(c * sp.integrate(dt / _x, (_x, 0, 1)))
    raise ValueError(which)


ASK = {
    "age": ("the age $t_0$ of the universe (time since $a = 0$)", [H_0]),
    "lookback": ("the lookback time $t_0 - t_e$ to a source observed today at redshift $z = {z}$", [H_0]),
    "distance": ("the proper distance today, $d_p(t_0)$, to a source observed at redshift $z = {z}$", [c, H_0]),
    "horizon": ("the proper horizon distance today, $d_{{\\rm hor}}(t_0) = c\\int_0^{{t_0}} dt/a(t)$", [c, H_0]),
}


def generate(rng: random.Random, level: str, config: Config):
    if level == "advanced-undergraduate":
        w = rng.choice(W_CHOICES[:2])
        which = rng.choice(["age", "distance", "lookback"])
    elif level == "graduate":
        w = rng.choice(W_CHOICES[:6])
        which = rng.choice(["lookback", "distance", "horizon"])
    else:
        w = rng.choice(W_CHOICES)
        which = rng.choice(["lookback", "distance", "horizon", "age"])
    if which in ("age", "horizon") and w <= sp.Rational(-1, 3):
        which = "distance"  # age/horizon need a decelerating fluid for the integrals to converge as written
    z = rng.randint(1, config.max_z)
    value = quantity(which, w, z)
    text, syms = ASK[which]
    text = text.format(z=z)
    fluid = {0: "pressureless matter (dust)", sp.Rational(1, 3): "radiation", 1: "a stiff fluid"}.get(w, "a perfect fluid")
    problem = (
        f"A spatially flat Friedmann–Lemaître–Robertson–Walker universe contains a single component, {fluid}, with "
        f"equation of state $p = w\\rho c^2$, $w = {tex(w)}$. Today ($t = t_0$, scale factor $a(t_0) = 1$) the Hubble "
        f"parameter is $H_{{0}}$; $c$ is the speed of light.\n\n"
        f"{conventions(SI + '.', 'Redshift $1 + z = 1/a(t_e)$ for light emitted at $t_e$; no cosmological constant or other component.')}\n\n"
        f"Compute {text}. " + ask_in("it", syms)
    )
    n = -(1 + 3 * w) / 2
    steps = [
        r"Energy conservation $\dot\rho + 3\frac{\dot a}{a}(1+w)\rho = 0$ gives $\rho = \rho_0 a^{-3(1+w)}$; "
        r"the flat Friedmann equation $H^2 = \frac{8\pi G}{3}\rho$ with $H(t_0) = H_0$ becomes "
        f"$\\dot a = H_0\\,a^{{{tex(n)}}}$.",
        r"Separating variables, $dt = \frac{da}{H_0\,a^{" + tex(n) + r"}}$, and light obeys $c\,dt = a\,d\chi$, so "
        r"$d_p(t_0) = c\int \frac{dt}{a}$; the emission epoch of redshift $z$ has $a_e = 1/(1+z)$.",
    ]
    integrand = {"age": "dt", "lookback": "dt", "distance": "c\\,dt/a", "horizon": "c\\,dt/a"}[which]
    lower = "0" if which in ("age", "horizon") else f"1/{1 + z}"
    steps.append(f"Integrating ${integrand}$ over $a$ from ${lower}$ to $1$:")
    params = {"which": which, "w": str(w), "z": z if which in ("lookback", "distance") else None}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=syms)


register(Family(
    name=NAME, category="General Relativity and Cosmology",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Age, lookback time, proper and horizon distance in a flat single-fluid FLRW universe.",
    generate=generate, config=Config(), version=1,
    reference="Ryden, Introduction to Cosmology, 2nd ed., eqs. 5.48-5.53; Carroll, Spacetime and Geometry, §8.3",
))
