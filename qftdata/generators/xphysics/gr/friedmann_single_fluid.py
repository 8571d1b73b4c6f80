r"""Flat FLRW universe filled with one perfect fluid $p = w\rho c^2$: age, lookback time and distances.

The fluid equation $\dot\rho = -3H(1+w)\rho$ gives $\rho\propto a^{-3(1+w)}$; the Friedmann equation
$H^2 = 8\pi G\rho/3$ then reads $\dot a = H_0 a^{-(1+3w)/2}$, which is integrated (separation of variables)
for $t(a)$; distances integrate $c\,dt/a$. The postgraduate problems hold matter and radiation together
($H^2 = H_0^2(\Omega_r a^{-4} + \Omega_m a^{-3})$, flat), integrated with $u^2 = \Omega_r + \Omega_m a$.

Levels (docs/generators.md rubric): dust or radiation (one integral); other single fluids and the horizon;
general $w$, including accelerating fluids; matter plus radiation (two scales, a substitution). Each level
draws its own equations of state, so no statement repeats across levels; the knob scales the redshift range.

Cross-checked in the tests against the single-component closed forms of Ryden, *Introduction to
Cosmology*, 2nd ed., eqs. 5.48-5.53 (and §5.4.1-5.4.3), Carroll, *Spacetime and Geometry*, §8.3, and the
matter-radiation age (Ryden eq. 5.? via $t(a)$ of a two-component universe, checked by quadrature).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.gr.friedmann_single_fluid"
H_0, c = pos("H_0 c")
_a, _x, _u = sp.symbols("a x u", positive=True)
W_BY_LEVEL = {  # disjoint equations of state per level
    "advanced-undergraduate": (sp.Integer(0), sp.Rational(1, 3)),
    "graduate": (sp.Integer(1), sp.Rational(1, 6), sp.Rational(2, 3), sp.Rational(1, 2), sp.Rational(-1, 3)),
    "advanced-graduate": (sp.Rational(-2, 3), sp.Rational(-1, 2), sp.Rational(-1, 6), sp.Rational(1, 9),
                          sp.Rational(2, 9), sp.Rational(4, 9), sp.Rational(5, 6), sp.Rational(-4, 9)),
}


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_z: int = 12

    def validate(self) -> None:
        if self.max_z < 3:
            raise ValueError("max_z must be >= 3")


def adot(a, w) -> sp.Expr:
    """$\\dot a$ from the Friedmann equation with $\\rho = \\rho_0 a^{-3(1+w)}$ and $a(t_0) = 1$."""
    return H_0 * a ** (-(1 + 3 * w) / 2)


@lru_cache(maxsize=4096)
def two_fluid(which: str, omega_m, z) -> sp.Expr:
    """Age, lookback time or proper distance in a flat matter + radiation universe with Omega_m + Omega_r = 1.

    dt = a da/(H_0 sqrt(Omega_r + Omega_m a)) and c dt/a = c da/(H_0 sqrt(Omega_r + Omega_m a)); with
    u^2 = Omega_r + Omega_m a (a = (u^2 - Omega_r)/Omega_m, da = 2u du/Omega_m) both are polynomial in u."""
    om = sp.S(omega_m)
    orad = 1 - om
    a_of_u = (_u**2 - orad) / om
    da_du = 2 * _u / om
    lo = 0 if which in ("age", "horizon") else 1 / (1 + sp.S(z))
    u_lo, u_hi = sp.sqrt(orad + om * lo), sp.Integer(1)
    if which in ("age", "lookback"):
        integrand = sp.expand(a_of_u * da_du / _u) / H_0
    else:
        integrand = sp.expand(da_du / _u) * c / H_0
    anti = sp.integrate(integrand, _u)
    return sp.radsimp(sp.factor(anti.subs(_u, u_hi) - anti.subs(_u, u_lo)))


@lru_cache(maxsize=4096)
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
    d = knob(config, level, rng)
    u = band_position(d, level)
    zmax = scale(u, 3, config.max_z)
    z = sp.Rational(rng.randint(1, 2 * zmax), 2)  # the knob reaches further back in redshift
    conv = conventions(SI + '.', 'Redshift $1 + z = 1/a(t_e)$ for light emitted at $t_e$; no cosmological constant '
                       'or other component.')
    if level == "postgraduate":
        om = sp.Rational(rng.randint(1, 11), 12)
        which = rng.choice(["age", "lookback", "distance", "horizon"])
        value = two_fluid(which, om, z)
        text, syms = ASK[which]
        problem = (
            "A spatially flat Friedmann–Lemaître–Robertson–Walker universe contains pressureless matter and radiation "
            f"only, with present density parameters $\\Omega_m = {tex(om)}$ and $\\Omega_r = {tex(1 - om)}$. Today "
            "($t = t_0$, scale factor $a(t_0) = 1$) the Hubble parameter is $H_{0}$; $c$ is the speed of light.\n\n"
            f"{conv}\n\nCompute {text.format(z=tex(z))}. " + ask_in("it", syms))
        steps = [
            r"Matter dilutes as $a^{-3}$ and radiation as $a^{-4}$, so the flat Friedmann equation reads "
            r"$H^2 = H_0^2(\Omega_r a^{-4} + \Omega_m a^{-3})$, i.e. $\dot a = H_0\sqrt{\Omega_r + \Omega_m a}/a$.",
            r"Hence $dt = \frac{a\,da}{H_0\sqrt{\Omega_r + \Omega_m a}}$ and $\frac{c\,dt}{a} = "
            r"\frac{c\,da}{H_0\sqrt{\Omega_r + \Omega_m a}}$; substitute $u^2 = \Omega_r + \Omega_m a$, which makes "
            r"both integrands polynomial in $u$.",
            "Integrating between the limits "
            + ("$a = 0$" if which in ("age", "horizon") else f"$a = 1/{tex(1 + z)}$") + " and $a = 1$:",
        ]
        params = {"which": which, "omega_m": str(om), "z": str(z) if which in ("lookback", "distance") else None}
        return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=syms, difficulty=d)
    w = rng.choice(W_BY_LEVEL[level])
    which = rng.choice({"advanced-undergraduate": ["age", "distance", "lookback"],
                        "graduate": ["lookback", "distance", "horizon"],
                        "advanced-graduate": ["lookback", "distance", "horizon", "age"]}[level])
    if which in ("age", "horizon") and w <= sp.Rational(-1, 3):
        which = "distance"  # age/horizon need a decelerating fluid for the integrals to converge as written
    value = quantity(which, w, z)
    text, syms = ASK[which]
    text = text.format(z=tex(z))
    fluid = {0: "pressureless matter (dust)", sp.Rational(1, 3): "radiation", 1: "a stiff fluid"}.get(w, "a perfect fluid")
    problem = (
        f"A spatially flat Friedmann–Lemaître–Robertson–Walker universe contains a single component, {fluid}, with "
        f"equation of state $p = w\\rho c^2$, $w = {tex(w)}$. Today ($t = t_0$, scale factor $a(t_0) = 1$) the Hubble "
        f"parameter is $H_{{0}}$; $c$ is the speed of light.\n\n{conv}\n\n"
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
    lower = "0" if which in ("age", "horizon") else f"1/{tex(1 + z)}"
    steps.append(f"Integrating ${integrand}$ over $a$ from ${lower}$ to $1$:")
    params = {"which": which, "w": str(w), "z": str(z) if which in ("lookback", "distance") else None}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=syms, difficulty=d)


register(Family(
    name=NAME, category="General Relativity and Cosmology",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Age, lookback time, proper and horizon distance in a flat single-fluid FLRW universe.",
    generate=generate, config=Config(), version=2,  # 2: knob, disjoint w per level, matter + radiation
    reference="Ryden, Introduction to Cosmology, 2nd ed., eqs. 5.48-5.53; Carroll, Spacetime and Geometry, §8.3",
))
