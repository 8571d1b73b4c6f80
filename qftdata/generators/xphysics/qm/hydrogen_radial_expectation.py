r"""Hydrogen-like radial expectation values $\langle r^k\rangle_{n\ell}$ by integrating $|R_{n\ell}|^2$.

$R_{n\ell}$ is built from associated Laguerre polynomials (sympy.physics.hydrogen), then
$\langle r^k\rangle = \int_0^\infty r^{2+k} R_{n\ell}^2\,dr$ is integrated exactly, term by term: $R_{n\ell}^2$
is a polynomial times $e^{-2Zr/na_0}$ and $\int_0^\infty r^j e^{-\beta r}dr = j!/\beta^{j+1}$.

Levels (docs/generators.md rubric): $\langle r\rangle$, $\langle 1/r\rangle$ of hydrogen (one integral);
$\langle r^{\pm 2}\rangle$; $\langle r^{\pm 3}\rangle$ of hydrogen-like ions; the radial spread
$\Delta r = \sqrt{\langle r^2\rangle - \langle r\rangle^2}$ squared and $\langle r^{\pm 4}\rangle$ (two moments
combined, the finiteness condition $2\ell + 3 > |k|$). Disjoint powers per level; the knob raises $n$ and $Z$.

Cross-checked in the tests against the closed forms of Griffiths, *Introduction to QM*, 3rd ed., eqs. 7.56
and Problems 4.43, 7.16 (Kramers' relation) and Bethe & Salpeter eq. 3.24.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp
from sympy.physics.hydrogen import R_nl

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, tex

NAME = "xphysics.qm.hydrogen_radial_expectation"
a_0 = sp.Symbol("a_0", positive=True)
_r = sp.Symbol("r", positive=True)
ORBITAL = "spdfghikl"  # spectroscopic letters (j is skipped)


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_n: int = 8

    def validate(self) -> None:
        if self.max_n < 4:
            raise ValueError("max_n must be >= 4")


@lru_cache(maxsize=512)
def radial_function(n: int, ell: int, Z: int) -> sp.Expr:
    r"""Normalised $R_{n\ell}(r)$ of a hydrogen-like ion of charge Z with Bohr radius $a_0$."""
    return sp.factor(R_nl(n, ell, _r / a_0, Z) / a_0 ** sp.Rational(3, 2))


@lru_cache(maxsize=4096)
def expectation(n: int, ell: int, k: int, Z: int = 1) -> sp.Expr:
    """<r^k> in the (n, ell) state: R^2 = P(r) e^{-beta r} with P polynomial, integrated term by term."""
    if 2 * ell + 3 + k <= 0:
        raise ValueError(f"<r^{k}> diverges for ell = {ell}")
    beta = 2 * sp.Integer(Z) / (n * a_0)
    P = sp.expand(sp.powsimp(radial_function(n, ell, Z) ** 2 * sp.exp(beta * _r)))
    shift = 8  # make every exponent non-negative for Poly; removed again below
    poly = sp.Poly(sp.expand(P * _r ** (2 + k + shift)), _r)
    total = sp.Add(*[c * sp.factorial(j - shift) / beta ** (j - shift + 1) for (j,), c in poly.terms()])
    return sp.factor(sp.expand(total))


LEVEL_K = {  # disjoint powers per level ("var" is the squared radial spread <r^2> - <r>^2)
    "advanced-undergraduate": (1, -1),
    "graduate": (2, -2),
    "advanced-graduate": (3, -3),
    "postgraduate": ("var", 4, -4),
}


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    u = band_position(d, level)
    k = rng.choice(LEVEL_K[level])
    Z = {"advanced-undergraduate": 1, "graduate": rng.randint(1, scale(u, 2, 4))}.get(level) or rng.randint(1, scale(u, 3, 6))
    n = rng.randint(1, scale(u, 5, config.max_n))
    ell_min = 0 if k == "var" or k > 0 else max(0, (-k - 3) // 2 + 1)  # <r^k> finite: 2 ell + 3 + k > 0
    n = max(n, ell_min + 1)
    ell = rng.randint(ell_min, n - 1)
    if k == "var":
        r1, r2 = expectation(n, ell, 1, Z), expectation(n, ell, 2, Z)
        value = sp.factor(r2 - r1**2)
        what, name = "the squared radial spread $(\\Delta r)^2 = \\langle r^2\\rangle - \\langle r\\rangle^2$", "(\\Delta r)^2"
    else:
        value = expectation(n, ell, k, Z)
        what = (f"the expectation value $\\langle r^{{{k}}}\\rangle$ of the electron-nucleus distance raised to the "
                f"power ${k}$")
        name = f"\\langle r^{{{k}}}\\rangle"
    atom = "the hydrogen atom" if Z == 1 else f"a hydrogen-like ion of nuclear charge $Z = {Z}$ (one electron)"
    R = radial_function(n, ell, Z)
    problem = (
        f"Consider {atom} in the non-relativistic Schrödinger theory with a point nucleus of infinite mass. "
        f"The electron is in the bound state with principal quantum number $n = {n}$ and orbital angular momentum "
        f"$\\ell = {ell}$ (a ${n}{ORBITAL[ell]}$ state). $a_{{0}} = 4\\pi\\epsilon_0\\hbar^2/(m_e e^2)$ is the Bohr radius.\n\n"
        f"{conventions(SI + '.')}\n\nCompute {what}. " + ask_in(f"${name}$", [a_0])
    )
    steps = [
        r"The wavefunction is $\psi_{n\ell m} = R_{n\ell}(r)Y_\ell^m(\theta,\phi)$; the angular part integrates to 1, so "
        r"$\langle r^k\rangle = \int_0^\infty r^{2+k}\,R_{n\ell}(r)^2\,dr$.",
        f"The normalised radial function (associated Laguerre polynomials, scaled by $a_0/Z$) is "
        f"$R_{{{n}{ell}}}(r) = {tex(R)}$.",
        r"Integrating term by term with $\int_0^\infty r^j e^{-\beta r}dr = j!/\beta^{j+1}$ gives"
        + (f" $\\langle r\\rangle = {tex(r1)}$ and $\\langle r^2\\rangle = {tex(r2)}$, so" if k == "var" else ""),
    ]
    return make_draft(problem=problem, expr=value, steps=steps, params={"n": n, "l": ell, "k": k, "Z": Z},
                      symbols=[a_0], difficulty=d)


register(Family(
    name=NAME, category="Quantum Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Hydrogen-like <r^k> for an (n, ell) state by integrating the normalised radial function.",
    generate=generate, config=Config(), version=2,  # 2: knob, disjoint powers per level, radial spread
    reference="Griffiths, Introduction to Quantum Mechanics, 3rd ed., eq. 7.56, Problems 4.43 and 7.16 (Kramers)",
))
