r"""Ideal paramagnet of spin-$J$ ions: mean moment, Curie susceptibility and the cubic response.

The single-ion partition function $Z = \sum_{m=-J}^{J} e^{\beta g\mu_B B m}$ is summed explicitly;
$\langle\mu_z\rangle = k_BT\,\partial_B\ln Z$, and the low-field expansion
$\langle\mu_z\rangle = \chi_1 B + \chi_3 B^3 + \dots$ is taken by series expansion in $B$. Cross-checked in
the tests against the Brillouin function and Curie's law (Pathria & Beale, *Statistical Mechanics*,
3rd ed., §3.9, eqs. 3.9.26-3.9.30; Kittel, *Introduction to Solid State Physics*, ch. 11).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.stat.paramagnet_magnetization"
mu_B, B, k_B, T = pos("mu_B B k_B T")
G_FACTORS = (sp.Integer(2), sp.Integer(1), sp.Rational(2, 3), sp.Rational(4, 3), sp.Rational(6, 5), sp.Rational(3, 2),
             sp.Rational(8, 7), sp.Rational(5, 4))


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


def _ms(J):
    return [J - k for k in range(int(2 * J) + 1)]


def partition_function(J, g) -> sp.Expr:
    return sum(sp.exp(g * mu_B * B * m / (k_B * T)) for m in _ms(J))


@lru_cache(maxsize=512)
def mean_moment(J, g) -> sp.Expr:
    Z = partition_function(J, g)
    return sp.simplify(k_B * T * sp.diff(Z, B) / Z)


@lru_cache(maxsize=512)
def series_coefficient(J, g, power: int) -> sp.Expr:
    """Coefficient of $B^{power}$ in the small-$B$ expansion of $\\langle\\mu_z\\rangle$."""
    Z = partition_function(J, g)
    ser = sp.series(k_B * T * sp.diff(Z, B) / Z, B, 0, power + 1).removeO()
    return sp.simplify(ser.coeff(B, power))


def generate(rng: random.Random, level: str, config: Config):
    if level == "advanced-undergraduate":
        J, which = sp.Rational(1, 2), "moment"
    elif level == "graduate":
        J, which = rng.choice([sp.Rational(1, 2), sp.Integer(1), sp.Rational(3, 2)]), "moment"
    elif level == "advanced-graduate":
        J, which = sp.Rational(rng.randint(1, 9), 2), rng.choice(["chi1", "moment"])
        if which == "moment" and J > 2:
            J = sp.Integer(2)
    else:
        J, which = sp.Rational(rng.randint(1, 7), 2), "chi3"
    g = rng.choice(G_FACTORS)
    conv = conventions(SI + ".", r"Each ion has moment $\mu_z = g\mu_{B} m$ with $m = -J, \dots, J$ and energy "
                       r"$E_m = -\mu_z B$ in a field $B$ along $z$; ions do not interact; canonical ensemble.")
    setup = (f"A dilute paramagnetic salt contains ions of total angular momentum $J = {tex(J)}$ and Landé factor "
             f"$g = {tex(g)}$, in equilibrium at temperature $T$ in a uniform magnetic field $B$. $\\mu_{{B}}$ is the "
             f"Bohr magneton and $k_{{B}}$ Boltzmann's constant.\n\n{conv}\n\n")
    Z = partition_function(J, g)
    steps = [f"The single-ion partition function is $Z = \\sum_m e^{{g\\mu_B B m/k_B T}} = {tex(Z)}$.",
             r"The mean moment is $\langle\mu_z\rangle = \frac{1}{Z}\sum_m g\mu_B m\,e^{g\mu_B B m/k_BT} = "
             r"k_BT\,\partial_B \ln Z$."]
    if which == "moment":
        value = mean_moment(J, g)
        problem = setup + ("Compute the mean magnetic moment $\\langle\\mu_z\\rangle$ per ion. "
                           + ask_in("$\\langle\\mu_z\\rangle$", [mu_B, B, k_B, T]))
        symbols = [mu_B, B, k_B, T]
        steps.append("Differentiating and simplifying:")
    else:
        power = 1 if which == "chi1" else 3
        value = series_coefficient(J, g, power)
        name = "\\chi_1" if power == 1 else "\\chi_3"
        problem = setup + (
            "At weak field the mean moment per ion has the expansion "
            "$\\langle\\mu_z\\rangle = \\chi_1 B + \\chi_3 B^3 + O(B^5)$. "
            f"Compute the coefficient ${name}$. " + ask_in(f"${name}$", [mu_B, k_B, T]))
        symbols = [mu_B, k_B, T]
        steps.append(f"Expanding $k_BT\\,\\partial_B\\ln Z$ in powers of $B$ (with $x = g\\mu_B B/k_BT$, "
                     f"$\\ln Z = \\ln(2J+1) + \\tfrac{{x^2}}{{2}}\\langle m^2\\rangle_0 + \\dots$) and reading off the "
                     f"$B^{power}$ coefficient:")
    params = {"J": str(J), "g": str(g), "which": which}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=symbols)


register(Family(
    name=NAME, category="Statistical Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Spin-J paramagnet: <mu_z>(B, T), Curie susceptibility and cubic coefficient from Z = sum_m.",
    generate=generate, config=Config(), version=1,
    reference="Pathria & Beale, Statistical Mechanics, 3rd ed., §3.9 (Brillouin function, Curie law)",
))
