r"""Small-oscillation normal-mode frequencies of two-degree-of-freedom systems, from the Lagrangian.

The exact Lagrangian is written in generalised coordinates, expanded to second order about equilibrium,
the mass and stiffness matrices are read off as Hessians ($T = \tfrac12\dot q^{T}M\dot q$,
$V = \tfrac12 q^{T}Kq$), and $\det(K - \omega^2 M) = 0$ is solved (Goldstein, *Classical Mechanics*, 3rd ed.,
§6.2-6.4). Cross-checked in the tests against the double-pendulum formula of Landau & Lifshitz,
*Mechanics*, §23 Problem 1 and the equal-mass spring chain of Taylor, *Classical Mechanics*, §11.2.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.cm.normal_modes"
m, k, g, ell = pos("m k g l")
_t = sp.Symbol("t")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_ratio: int = 6

    def validate(self) -> None:
        if self.max_ratio < 2:
            raise ValueError("max_ratio must be >= 2")


def _quadratic_matrices(T, V, qs, qdots):
    """Hessians of T (in the velocities) and V (in the coordinates) at the equilibrium q = qdot = 0."""
    eq = {q: 0 for q in qs} | {qd: 0 for qd in qdots}
    Mm = sp.Matrix(len(qs), len(qs), lambda i, j: sp.expand(sp.diff(T, qdots[i], qdots[j]).subs(eq)))
    Km = sp.Matrix(len(qs), len(qs), lambda i, j: sp.expand(sp.diff(V, qs[i], qs[j]).subs(eq)))
    return Mm, Km


@lru_cache(maxsize=1024)
def spring_chain(masses: tuple[int, int], springs: tuple[int, int, int]):
    """wall -k1- m1 -k2- m2 -k3- wall (k3 = 0: free end). Returns (M, K, sorted omega^2)."""
    x1, x2, v1, v2 = sp.symbols("x1 x2 v1 v2", real=True)
    a1, a2 = masses
    k1, k2, k3 = springs
    T = sp.Rational(1, 2) * a1 * m * v1**2 + sp.Rational(1, 2) * a2 * m * v2**2
    V = sp.Rational(1, 2) * k * (k1 * x1**2 + k2 * (x2 - x1) ** 2 + k3 * x2**2)
    return _modes(T, V, (x1, x2), (v1, v2))


@lru_cache(maxsize=1024)
def double_pendulum(masses: tuple[int, int], lengths: tuple[int, int]):
    """Planar double pendulum, masses a_i m on rods of length b_i l; exact L expanded to 2nd order."""
    th1, th2, w1, w2 = sp.symbols("theta1 theta2 w1 w2", real=True)
    a1, a2 = masses
    b1, b2 = lengths
    l1, l2 = b1 * ell, b2 * ell
    # positions of the bobs (y measured upward from the pivot) and their exact velocities
    vx1, vy1 = l1 * sp.cos(th1) * w1, l1 * sp.sin(th1) * w1
    vx2, vy2 = vx1 + l2 * sp.cos(th2) * w2, vy1 + l2 * sp.sin(th2) * w2
    T = sp.Rational(1, 2) * a1 * m * (vx1**2 + vy1**2) + sp.Rational(1, 2) * a2 * m * (vx2**2 + vy2**2)
    V = -a1 * m * g * l1 * sp.cos(th1) - a2 * m * g * (l1 * sp.cos(th1) + l2 * sp.cos(th2))
    return _modes(T, V, (th1, th2), (w1, w2))


def _modes(T, V, qs, qdots):
    """(M, K, sorted omega^2): the secular equation det(K - omega^2 M) = 0 is a quadratic in omega^2 for two
    degrees of freedom; its coefficients are read off the polynomial and its roots taken exactly."""
    Mm, Km = _quadratic_matrices(T, V, qs, qdots)
    w2 = sp.Symbol("omega2")
    a2, a1, a0 = sp.Poly(sp.expand((Km - w2 * Mm).det()), w2).all_coeffs()
    disc = sp.factor(sp.expand(a1**2 - 4 * a2 * a0))
    roots = [sp.radsimp(sp.factor((-a1 + sgn * sp.sqrt(disc)) / (2 * a2))) for sgn in (-1, 1)]
    roots = sorted(roots, key=lambda r: float(r.subs({m: 1, k: 1, g: 1, ell: 1})))
    return Mm, Km, tuple(roots)


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    R = scale(band_position(d, level), 2, config.max_ratio)  # the knob: the range of mass/spring/length ratios
    which = rng.choice(["higher", "lower"])
    if level in ("advanced-undergraduate", "graduate"):
        if level == "advanced-undergraduate":
            masses = (1, 1)
        else:  # unequal masses: the graduate problem (equal ones would repeat the lower level's)
            masses = (rng.randint(1, R), rng.randint(1, R))
            while masses[0] == masses[1]:
                masses = (rng.randint(1, R + 1), rng.randint(1, R + 1))
        springs = (rng.randint(1, R), rng.randint(1, R), rng.randint(0, R))
        Mm, Km, roots = spring_chain(masses, springs)
        end = (f"the right mass is tied to a fixed wall by a spring of constant ${tex(springs[2] * k)}$" if springs[2]
               else "the right mass is free (no third spring)")
        problem = (
            f"Two blocks of masses ${tex(masses[0] * m)}$ and ${tex(masses[1] * m)}$ slide without friction on a "
            f"horizontal line. The left block is tied to a fixed wall by a spring of constant ${tex(springs[0] * k)}$, "
            f"the blocks are joined by a spring of constant ${tex(springs[1] * k)}$, and {end}. The springs are "
            f"ideal and massless and the system oscillates about equilibrium along the line.\n\n"
            f"{conventions(SI + '.')}\n\nFind the angular frequency squared, $\\omega^2$, of the {which}-frequency "
            f"normal mode. " + ask_in("$\\omega^2$", [k, m]))
        params = {"system": "springs", "masses": list(masses), "springs": list(springs), "which": which}
        syms, coords = [k, m], "the displacements $x_1, x_2$ from equilibrium"
    else:
        masses = (rng.randint(1, R), rng.randint(1, R))
        lengths = (1, 1)
        if level == "postgraduate":  # unequal rods (equal ones are the lower level's problem)
            while lengths[0] == lengths[1]:
                lengths = (rng.randint(1, R + 1), rng.randint(1, R + 1))
        Mm, Km, roots = double_pendulum(masses, lengths)
        problem = (
            f"A planar double pendulum hangs in a uniform gravitational field $g$: a bob of mass ${tex(masses[0] * m)}$ "
            f"on a massless rigid rod of length ${tex(lengths[0] * ell)}$ from a fixed pivot, and a second bob of mass "
            f"${tex(masses[1] * m)}$ on a massless rigid rod of length ${tex(lengths[1] * ell)}$ hanging from the first "
            f"bob.\n\n{conventions(SI + '.', 'Small oscillations about the downward equilibrium, frictionless pivots.')}"
            f"\n\nFind the angular frequency squared, $\\omega^2$, of the {which}-frequency normal mode. "
            + ask_in("$\\omega^2$", [g, ell]))
        params = {"system": "double_pendulum", "masses": list(masses), "lengths": list(lengths), "which": which}
        syms, coords = [g, ell], r"the angles $\theta_1, \theta_2$ of the rods from the vertical"
    value = roots[-1] if which == "higher" else roots[0]
    steps = [
        f"Use {coords} as generalised coordinates and write the exact Lagrangian $L = T - V$.",
        r"Expanding to second order about equilibrium, $T = \tfrac12\dot q^T M\dot q$ and $V = \tfrac12 q^T K q$ with "
        f"$M = {tex(Mm)}$ and $K = {tex(Km)}$.",
        r"The Euler–Lagrange equations $M\ddot q + Kq = 0$ with $q \propto e^{i\omega t}$ require "
        r"$\det(K - \omega^2 M) = 0$, whose roots are "
        f"$\\omega^2 = {tex(roots[0])}$ and $\\omega^2 = {tex(roots[1])}$.",
        f"The {which}-frequency mode has",
    ]
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=syms, difficulty=d)


register(Family(
    name=NAME, category="Classical Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Normal-mode omega^2 of two-mass spring chains and double pendulums from the expanded Lagrangian.",
    generate=generate, config=Config(), version=2,  # 2: knob, levels with disjoint problems, exact quadratic roots
    reference="Goldstein, Classical Mechanics, 3rd ed., §6.2-6.4; Landau & Lifshitz, Mechanics, §23 Problem 1",
))
