r"""Ideal paramagnet of spin-$J$ ions: mean moment, Curie susceptibility and the cubic response.

The single-ion partition function $Z = \sum_{m=-J}^{J} e^{x m}$, $x = g\mu_B B/k_BT$, is summed explicitly as a
Laurent polynomial in $y = e^{x/2}$ (so half-integer $m$ give integer powers); $\langle\mu_z\rangle =
k_BT\,\partial_B\ln Z = g\mu_B\,\partial_x\ln Z$. The low-field expansion
$\langle\mu_z\rangle = \chi_1 B + \chi_3 B^3 + \dots$ is the Taylor series of $\ln Z(x)$: sympy expands
$\ln\sum_m e^{xm}$ in $x$ (a power series of a polynomial, exact rational coefficients).

Levels (docs/generators.md rubric): the moment of a spin-1/2 or spin-1 ion at a given ratio
$e^{g\mu_BB/k_BT}$ (numbers); the closed-form $\langle\mu_z\rangle(B, T)$ for $J = 3/2 \dots 5/2$; the Curie
coefficient $\chi_1$ for general $J$ and $g$; the cubic coefficient $\chi_3$ (the next order of the series).
The knob scales $J$ and the field ratio.

Cross-checked in the tests against the Brillouin function and Curie's law (Pathria & Beale, *Statistical
Mechanics*, 3rd ed., §3.9, eqs. 3.9.26-3.9.30; Kittel, *Introduction to Solid State Physics*, ch. 11).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.stat.paramagnet_magnetization"
mu_B, B, k_B, T = pos("mu_B B k_B T")
_y = sp.Symbol("y", positive=True)  # y = exp(g mu_B B/(2 k_B T))
_xs = sp.Symbol("x")  # x = g mu_B B/(k_B T), the expansion variable
G_FACTORS = (sp.Integer(2), sp.Integer(1), sp.Rational(2, 3), sp.Rational(4, 3), sp.Rational(6, 5), sp.Rational(3, 2),
             sp.Rational(8, 7), sp.Rational(5, 4), sp.Rational(5, 3), sp.Rational(7, 6), sp.Rational(10, 7))


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_twice_J: int = 15

    def validate(self) -> None:
        if self.max_twice_J < 5:
            raise ValueError("max_twice_J must be >= 5")


def _ms(J):
    return [J - k for k in range(int(2 * J) + 1)]


def partition_function(J, g) -> sp.Expr:
    return sum(sp.exp(g * mu_B * B * m / (k_B * T)) for m in _ms(J))


@lru_cache(maxsize=512)
def _moment_in_y(J) -> sp.Expr:
    """<m> = sum m y^{2m} / sum y^{2m} as a cancelled rational function of y = e^{x/2}."""
    num = sp.Add(*[m * _y ** int(2 * m) for m in _ms(J)])
    den = sp.Add(*[_y ** int(2 * m) for m in _ms(J)])
    return sp.cancel(num / den)


@lru_cache(maxsize=512)
def mean_moment(J, g) -> sp.Expr:
    r"""$\langle\mu_z\rangle = g\mu_B\langle m\rangle$ with $\langle m\rangle = \partial_x\ln Z$."""
    return sp.factor(g * mu_B * _moment_in_y(J)).subs(_y, sp.exp(g * mu_B * B / (2 * k_B * T)))


@lru_cache(maxsize=512)
def moment_at_ratio(J, g, r) -> sp.Expr:
    r"""$\langle\mu_z\rangle$ at the temperature where $e^{g\mu_BB/k_BT} = r$ (i.e. $y = \sqrt r$)."""
    return sp.radsimp(sp.factor(g * mu_B * _moment_in_y(J).subs(_y, sp.sqrt(sp.S(r)))))


@lru_cache(maxsize=64)
def _log_z_series(J) -> tuple[sp.Expr, ...]:
    """Taylor coefficients of ln sum_m e^{x m} in x up to x^4 (exact): Z is replaced by its Taylor polynomial
    sum_k (sum_m m^k) x^k/k! to that order, whose logarithm sympy then expands."""
    Z = sp.Add(*[sp.Add(*[m**k for m in _ms(J)]) * _xs**k / sp.factorial(k) for k in range(5)])
    ser = sp.series(sp.log(Z), _xs, 0, 5).removeO()
    return tuple(sp.expand(ser).coeff(_xs, k) for k in range(5))


@lru_cache(maxsize=512)
def series_coefficient(J, g, power: int) -> sp.Expr:
    """Coefficient of $B^{power}$ in the small-$B$ expansion of $\\langle\\mu_z\\rangle = g\\mu_B\\,d\\ln Z/dx$."""
    c = _log_z_series(J)
    # d/dx sum_k c_k x^k = sum_k k c_k x^{k-1}; x = g mu_B B/(k_B T)
    k = power + 1
    return sp.factor(g * mu_B * k * c[k] * (g * mu_B / (k_B * T)) ** power)


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    u = band_position(d, level)
    g = rng.choice(G_FACTORS)
    r = None
    if level == "advanced-undergraduate":
        J, which = rng.choice([sp.Rational(1, 2), sp.Integer(1)]), "ratio"
        r = sp.Rational(rng.randint(2, 3 + scale(u, 0, 9)), rng.randint(1, 2))
        if r == 1:
            r = sp.Integer(2)
    elif level == "graduate":
        J, which = rng.choice([sp.Rational(3, 2), sp.Integer(2), sp.Rational(5, 2)]), "moment"
    elif level == "advanced-graduate":
        J, which = sp.Rational(rng.randint(1, scale(u, 7, config.max_twice_J)), 2), "chi1"
    else:
        J, which = sp.Rational(rng.randint(1, scale(u, 7, config.max_twice_J)), 2), "chi3"
    conv = conventions(SI + ".", r"Each ion has moment $\mu_z = g\mu_{B} m$ with $m = -J, \dots, J$ and energy "
                       r"$E_m = -\mu_z B$ in a field $B$ along $z$; ions do not interact; canonical ensemble.")
    setup = (f"A dilute paramagnetic salt contains ions of total angular momentum $J = {tex(J)}$ and Landé factor "
             f"$g = {tex(g)}$, in equilibrium at temperature $T$ in a uniform magnetic field $B$. $\\mu_{{B}}$ is the "
             f"Bohr magneton and $k_{{B}}$ Boltzmann's constant.\n\n{conv}\n\n")
    Z = partition_function(J, g)
    steps = [f"The single-ion partition function is $Z = \\sum_m e^{{g\\mu_B B m/k_B T}} = {tex(Z)}$.",
             r"The mean moment is $\langle\mu_z\rangle = \frac{1}{Z}\sum_m g\mu_B m\,e^{g\mu_B B m/k_BT} = "
             r"k_BT\,\partial_B \ln Z$."]
    if which == "ratio":
        value = moment_at_ratio(J, g, r)
        problem = setup + (f"At the temperature where $e^{{g\\mu_{{B}} B/k_{{B}} T}} = {tex(r)}$, compute the mean "
                           f"magnetic moment $\\langle\\mu_z\\rangle$ per ion. " + ask_in("$\\langle\\mu_z\\rangle$", [mu_B]))
        symbols = [mu_B]
        steps.append(f"With $e^{{g\\mu_B B/k_BT}} = {tex(r)}$ every Boltzmann factor is a number:")
    elif which == "moment":
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
    params = {"J": str(J), "g": str(g), "which": which, "r": None if r is None else str(r)}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=symbols, difficulty=d)


register(Family(
    name=NAME, category="Statistical Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Spin-J paramagnet: <mu_z> at a field ratio or as a function of B and T, Curie and cubic coefficients.",
    generate=generate, config=Config(), version=2,  # 2: knob, numeric field ratios, J up to 15/2, fast series
    reference="Pathria & Beale, Statistical Mechanics, 3rd ed., §3.9 (Brillouin function, Curie law)",
))
