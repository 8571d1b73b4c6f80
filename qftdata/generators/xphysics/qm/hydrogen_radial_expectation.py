r"""Hydrogen-like radial expectation values $\langle r^k\rangle_{n\ell}$ by integrating $|R_{n\ell}|^2$.

$R_{n\ell}$ is built from associated Laguerre polynomials (sympy.physics.hydrogen), then
$\langle r^k\rangle = \int_0^\infty r^{2+k} R_{n\ell}^2\,dr$ is integrated exactly. Cross-checked in the
tests against the closed forms of Griffiths, *Introduction to QM*, 3rd ed., eqs. 7.56 and Problems 4.43,
7.16 (Kramers' relation) and Bethe & Salpeter eq. 3.24.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp
from sympy.physics.hydrogen import R_nl

from qftdata.generators.base import Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, tex

NAME = "xphysics.qm.hydrogen_radial_expectation"
a_0 = sp.Symbol("a_0", positive=True)
_r = sp.Symbol("r", positive=True)
ORBITAL = "spdfgh"


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_n: int = 6

    def validate(self) -> None:
        if self.max_n < 2:
            raise ValueError("max_n must be >= 2")


@lru_cache(maxsize=512)
def radial_function(n: int, ell: int, Z: int) -> sp.Expr:
    r"""Normalised $R_{n\ell}(r)$ of a hydrogen-like ion of charge Z with Bohr radius $a_0$."""
    return sp.simplify(R_nl(n, ell, _r / a_0, Z) / a_0 ** sp.Rational(3, 2))


@lru_cache(maxsize=2048)
def expectation(n: int, ell: int, k: int, Z: int = 1) -> sp.Expr:
    R = radial_function(n, ell, Z)
    return sp.simplify(sp.integrate(sp.expand(_r ** (2 + k) * R**2), (_r, 0, sp.oo)))


LEVEL_K = {
    "advanced-undergraduate": (1, -1, 2),
    "graduate": (1, 2, -1, -2),
    "advanced-graduate": (-2, -3, 3, 2),
    "postgraduate": (-3, 3, 4, -2),
}


def generate(rng: random.Random, level: str, config: Config):
    k = rng.choice(LEVEL_K[level])
    Z = 1 if level in ("advanced-undergraduate", "graduate") else rng.randint(1, 4)
    lo_n = 2 if k == -3 else 1
    n = rng.randint(lo_n, config.max_n if level != "advanced-undergraduate" else 4)
    ell = rng.randint(1 if k == -3 else 0, n - 1)
    value = expectation(n, ell, k, Z)
    atom = "the hydrogen atom" if Z == 1 else f"a hydrogen-like ion of nuclear charge $Z = {Z}$ (one electron)"
    R = radial_function(n, ell, Z)
    problem = (
        f"Consider {atom} in the non-relativistic Schrödinger theory with a point nucleus of infinite mass. "
        f"The electron is in the bound state with principal quantum number $n = {n}$ and orbital angular momentum "
        f"$\\ell = {ell}$ (a ${n}{ORBITAL[ell]}$ state). $a_{{0}} = 4\\pi\\epsilon_0\\hbar^2/(m_e e^2)$ is the Bohr radius.\n\n"
        f"{conventions(SI + '.')}\n\n"
        f"Compute the expectation value $\\langle r^{{{k}}}\\rangle$ of the electron-nucleus distance raised to the "
        f"power ${k}$. " + ask_in(f"$\\langle r^{{{k}}}\\rangle$", [a_0])
    )
    steps = [
        r"The wavefunction is $\psi_{n\ell m} = R_{n\ell}(r)Y_\ell^m(\theta,\phi)$; the angular part integrates to 1, so "
        r"$\langle r^k\rangle = \int_0^\infty r^{2+k}\,R_{n\ell}(r)^2\,dr$.",
        f"The normalised radial function (associated Laguerre polynomials, scaled by $a_0/Z$) is "
        f"$R_{{{n}{ell}}}(r) = {tex(R)}$.",
        f"Integrating $r^{{{2 + k}}}R_{{{n}{ell}}}^2$ term by term with $\\int_0^\\infty r^j e^{{-\\beta r}}dr = j!/\\beta^{{j+1}}$ gives",
    ]
    return make_draft(problem=problem, expr=value, steps=steps, params={"n": n, "l": ell, "k": k, "Z": Z},
                      symbols=[a_0])


register(Family(
    name=NAME, category="Quantum Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Hydrogen-like <r^k> for an (n, ell) state by integrating the normalised radial function.",
    generate=generate, config=Config(), version=1,
    reference="Griffiths, Introduction to Quantum Mechanics, 3rd ed., eq. 7.56, Problems 4.43 and 7.16 (Kramers)",
))
