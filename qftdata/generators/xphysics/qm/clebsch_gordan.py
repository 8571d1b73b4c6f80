r"""Clebsch–Gordan coefficients and projected spin expectation values for coupled angular momenta.

Coefficients come from Racah's explicit sum formula (sympy.physics.quantum.cg), in the Condon–Shortley
phase convention. The postgraduate variant builds $|J M\rangle$ as a superposition of product states and
sums $|C|^2 m_1$ to get $\langle J M|\hat J_{1z}|J M\rangle$. Cross-checked in the tests against the
closed forms for $j_2 = 1/2$ (Sakurai & Napolitano, *Modern QM*, 2nd ed., eq. 3.8.64), Griffiths Table 4.8,
and the projection theorem (Sakurai §3.11, Landé formula).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp
from sympy.physics.quantum.cg import CG

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import conventions, make_draft, tex

NAME = "xphysics.qm.clebsch_gordan"
HALF = sp.Rational(1, 2)


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


@lru_cache(maxsize=8192)
def cg(j1, m1, j2, m2, J, M) -> sp.Expr:
    return sp.radsimp(sp.simplify(CG(j1, m1, j2, m2, J, M).doit()))


def _ms(j):
    return [j - k for k in range(int(2 * j) + 1)]


@lru_cache(maxsize=4096)
def j1z_expectation(j1, j2, J, M, power: int = 1) -> sp.Expr:
    r"""$\langle J M|J_{1z}^p|J M\rangle = \sum_{m_1} |\langle j_1 m_1; j_2, M-m_1|J M\rangle|^2 m_1^p$."""
    total = sp.Integer(0)
    for m1 in _ms(j1):
        m2 = M - m1
        if abs(m2) <= j2:
            total += cg(j1, m1, j2, m2, J, M) ** 2 * m1**power
    return sp.simplify(total)


def _spins(top: int) -> list:
    """Spins 1/2, 1, ..., top/2."""
    return [sp.Rational(k, 2) for k in range(1, top + 1)]


def _js(rng: random.Random, level: str, top: int):
    """(j1, j2, J, M) on disjoint spin sets per level: j1 = 1/2 (advanced undergraduate); 1 <= j1, j2 <= 2
    (graduate); both >= 1 and the larger >= 5/2 (advanced graduate and the postgraduate expectation values)."""
    if level == "advanced-undergraduate":
        j1, j2 = HALF, rng.choice(_spins(top))
    elif level == "graduate":
        j1, j2 = rng.choice(_spins(4)[1:]), rng.choice(_spins(4)[1:])
    else:
        j1, j2 = rng.choice(_spins(top)[1:]), rng.choice(_spins(top)[4:])
        if rng.random() < 0.5:
            j1, j2 = j2, j1
    J = rng.choice([abs(j1 - j2) + k for k in range(int(j1 + j2 - abs(j1 - j2)) + 1)])
    M = rng.choice(_ms(J))
    return j1, j2, J, M


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    top = scale(band_position(d, level), 6, 9)  # the knob: spins up to top/2
    conv = conventions(r"Condon–Shortley phase convention: $\langle j_1 j_1; j_2 (J-j_1)|J J\rangle > 0$; "
                       r"$|j\,m\rangle$ are normalised simultaneous eigenstates of $\hat{\mathbf J}^2$ and $\hat J_z$, "
                       r"angular momenta in units of $\hbar$.")
    if level == "postgraduate":
        power = rng.choice([1, 2])
        while True:
            j1, j2, J, M = _js(rng, level, top)
            value = j1z_expectation(j1, j2, J, M, power)
            if value not in (0, 1, -1):
                break
        problem = (
            f"Two angular momenta $j_1 = {tex(j1)}$ and $j_2 = {tex(j2)}$ are coupled to total angular momentum "
            f"$J = {tex(J)}$ with $M = {tex(M)}$.\n\n{conv}\n\n"
            + ("Compute the expectation value $\\langle J M|\\hat J_{1z}|J M\\rangle$ of the $z$ component of the "
               "first angular momentum, in units of $\\hbar$." if power == 1 else
               "Compute the expectation value $\\langle J M|\\hat J_{1z}^2|J M\\rangle$ of the square of the $z$ "
               "component of the first angular momentum, in units of $\\hbar^2$.")
            + " Give it as a single exact value in `\\boxed{}`."
        )
        rows = []
        for m1 in _ms(j1):
            m2 = M - m1
            if abs(m2) <= j2:
                rows.append(f"$m_1 = {tex(m1)}$: $C^2 = {tex(cg(j1, m1, j2, m2, J, M) ** 2)}$")
        steps = [
            r"Expand $|J M\rangle = \sum_{m_1} C_{m_1}\,|j_1 m_1\rangle|j_2, M-m_1\rangle$ with Clebsch–Gordan "
            r"coefficients $C_{m_1} = \langle j_1 m_1; j_2, M-m_1|J M\rangle$ (Racah's formula).",
            "The squared coefficients are: " + "; ".join(rows) + ".",
            r"Since $\hat J_{1z}$ is diagonal in the product basis, "
            + (r"$\langle \hat J_{1z}\rangle = \sum_{m_1} |C_{m_1}|^2\,m_1$:" if power == 1 else
               r"$\langle \hat J_{1z}^2\rangle = \sum_{m_1} |C_{m_1}|^2\,m_1^2$:"),
        ]
        params = {"kind": "j1z" if power == 1 else "j1z2", "j1": str(j1), "j2": str(j2), "J": str(J), "M": str(M)}
        return make_draft(problem=problem, expr=value, steps=steps, params=params, difficulty=d)
    while True:
        j1, j2, J, M = _js(rng, level, top)
        # |C| = 1 (stretched states) is a trivially guessable answer: draw again
        choices = [m1 for m1 in _ms(j1) if abs(M - m1) <= j2 and cg(j1, m1, j2, M - m1, J, M) not in (0, 1, -1)]
        if choices:
            break
    m1 = rng.choice(choices)
    m2 = M - m1
    value = cg(j1, m1, j2, m2, J, M)
    problem = (
        f"Two angular momenta $j_1 = {tex(j1)}$ and $j_2 = {tex(j2)}$ are coupled to total angular momentum $J$.\n\n"
        f"{conv}\n\n"
        f"Compute the Clebsch–Gordan coefficient $\\langle j_1 m_1; j_2 m_2|J M\\rangle$ with "
        f"$m_1 = {tex(m1)}$, $m_2 = {tex(m2)}$, $J = {tex(J)}$, $M = {tex(M)}$. "
        f"Give it as a single exact value in `\\boxed{{}}`."
    )
    steps = [
        r"Use Racah's closed formula $\langle j_1 m_1; j_2 m_2|J M\rangle = \delta_{M,m_1+m_2}\sqrt{(2J+1)\,"
        r"\frac{(J+j_1-j_2)!(J-j_1+j_2)!(j_1+j_2-J)!}{(j_1+j_2+J+1)!}}\,\sqrt{(J+M)!(J-M)!(j_1-m_1)!(j_1+m_1)!"
        r"(j_2-m_2)!(j_2+m_2)!}\;\sum_k \frac{(-1)^k}{k!(j_1+j_2-J-k)!(j_1-m_1-k)!(j_2+m_2-k)!(J-j_2+m_1+k)!(J-j_1-m_2+k)!}$, "
        r"equivalent to lowering from $|J J\rangle$ with the Condon–Shortley phase.",
        f"With $j_1 = {tex(j1)}$, $m_1 = {tex(m1)}$, $j_2 = {tex(j2)}$, $m_2 = {tex(m2)}$, $J = {tex(J)}$, "
        f"$M = {tex(M)}$ the sum evaluates to",
    ]
    params = {"kind": "cg", "j1": str(j1), "m1": str(m1), "j2": str(j2), "m2": str(m2), "J": str(J), "M": str(M)}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, difficulty=d)


register(Family(
    name=NAME, category="Quantum Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Clebsch–Gordan coefficients (Condon–Shortley) and <J M|J_1z|J M> of coupled angular momenta.",
    generate=generate, config=Config(), version=2,  # 2: knob, disjoint spin sets per level, no |C| = 1
    reference="Sakurai & Napolitano, Modern Quantum Mechanics, 2nd ed., §3.8 (eq. 3.8.64); Griffiths Table 4.8",
))
