r"""Capacitance of spherical, cylindrical and planar capacitors filled with dielectric layers, from Laplace's equation.

In each layer the potential solves Laplace's equation for the geometry (radial ODE solved with sympy's
`dsolve`; for a graded dielectric $\epsilon(r)$ the equation $\nabla\cdot(\epsilon\nabla V) = 0$); the constants
follow from $V = V_0$ on the inner conductor, $V = 0$ on the outer one, continuity of $V$ and of the normal
component of $\mathbf D$ at every interface. Then $Q = \oint \mathbf D\cdot d\mathbf a$ and $C = Q/V_0$.
Cross-checked in the tests against Griffiths, *Introduction to Electrodynamics*, 4th ed., Example 2.11
(spherical, $C = 4\pi\epsilon_0 ab/(b-a)$), Problem 2.43 (coaxial, $C/\ell = 2\pi\epsilon_0/\ln(b/a)$) and the
series-capacitor rule $1/C = \sum_i 1/C_i$ (Griffiths Problem 4.?/§4.4).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.em.layered_capacitor"
epsilon_0, a, A = pos("epsilon_0 a A")
_r = sp.Symbol("r", positive=True)
V_0 = sp.Symbol("V_0", positive=True)
CONV = conventions(SI + ".", r"$\epsilon_{0}$ is the vacuum permittivity; electrostatics with linear, isotropic media.")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_kappa: int = 6


@lru_cache(maxsize=64)
def _general_solution(geom: str, graded: int, i: int):
    """General solution of d/dr (J(r) eps(r) dV/dr) = 0 with J = r^2, r, 1 (sphere, cylinder, plane) and
    eps = kappa eps0 (r/a)^graded (the constant kappa drops out of the homogeneous equation)."""
    V = sp.Function(f"V{i}")
    jac = {"sphere": _r**2, "cylinder": _r, "plane": sp.Integer(1)}[geom]
    ode = sp.Eq(sp.diff(jac * (_r / a) ** graded * sp.diff(V(_r), _r), _r), 0)
    sol = sp.dsolve(ode, V(_r)).rhs
    consts = sorted(sol.free_symbols - {_r, epsilon_0, a}, key=lambda s: s.name)
    C1, C2 = sp.symbols(f"A{i} B{i}")
    return sol.subs(dict(zip(consts, (C1, C2), strict=True))), (C1, C2)


@lru_cache(maxsize=4096)
def capacitance(geom: str, radii: tuple, kappas: tuple, graded: int = 0) -> sp.Expr:
    """radii (in units of a): boundaries r_0 < r_1 < ... < r_N; kappas: N dielectric constants; graded = n makes
    layer eps = eps0 kappa (r/a)^n. Sphere: C; cylinder: C per unit length; plane: C per unit area (x = r).

    The boundary conditions are linear in the 2N constants of the layers' general solutions: solved with
    `linsolve`, then Q and the voltage drops are exact rational (or logarithmic) expressions."""
    rs = [sp.S(x) * a for x in radii]
    Vs, unknowns, eps_list = [], [], []
    for i, kap in enumerate(kappas):
        eps_r = epsilon_0 * kap * (_r / a) ** graded
        V, cs = _general_solution(geom, graded, i)
        Vs.append(V)
        unknowns += cs
        eps_list.append(eps_r)
    eqs = [Vs[0].subs(_r, rs[0]) - V_0, Vs[-1].subs(_r, rs[-1])]
    for i in range(len(kappas) - 1):
        b = rs[i + 1]
        eqs.append(Vs[i].subs(_r, b) - Vs[i + 1].subs(_r, b))
        eqs.append((eps_list[i] * sp.diff(Vs[i], _r)).subs(_r, b) - (eps_list[i + 1] * sp.diff(Vs[i + 1], _r)).subs(_r, b))
    (sol,) = sp.linsolve(eqs, unknowns)
    sol = dict(zip(unknowns, sol, strict=True))
    D_inner = -(eps_list[0] * sp.diff(Vs[0], _r)).subs(sol).subs(_r, rs[0])
    area = {"sphere": 4 * sp.pi * rs[0] ** 2, "cylinder": 2 * sp.pi * rs[0], "plane": sp.Integer(1)}[geom]
    Q = D_inner * area
    # 1/C = (sum of the voltage drops across the layers)/Q. Logarithms are expanded into logs of primes and
    # kept linear (merging them gives one logarithm of a huge rational or a power tower).
    inv = sp.Add(*[(Vs[i].subs(_r, rs[i]) - Vs[i].subs(_r, rs[i + 1])).subs(sol) / Q for i in range(len(kappas))])
    if not inv.has(sp.log):
        return sp.factor(1 / sp.cancel(inv))
    inv = sp.expand(sp.expand_log(sp.expand_log(sp.cancel(sp.expand(inv)), force=True), force=True, factor=True))
    return 1 / sp.together(inv)


WHAT = {"sphere": ("the capacitance $C$", "spherical"), "cylinder": ("the capacitance per unit length $C/\\ell$", "coaxial cylindrical"),
        "plane": ("the capacitance per unit area $C/A$", "parallel-plate")}


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    u = band_position(d, level)
    geom = rng.choice(["sphere", "cylinder"] + (["plane"] if level != "advanced-undergraduate" else []))
    n_layers = {"advanced-undergraduate": 1, "graduate": 2, "advanced-graduate": 3, "postgraduate": 1}[level]
    graded = rng.choice([1, 2, -1, 3]) if level == "postgraduate" else 0
    graded_ok = graded
    outer = 8 + scale(u, 0, 12)  # the knob widens the gap (radii in units of a/2, all > a)
    cuts = sorted(rng.sample(range(3, outer + 1), n_layers))
    radii = (sp.Integer(1),) + tuple(sp.Rational(c, 2) for c in cuts)
    if level == "advanced-undergraduate":
        kappas = (1,) if rng.random() < 0.3 else (rng.randint(2, config.max_kappa),)
    else:
        kappas = tuple(rng.sample(range(1, config.max_kappa + 1), n_layers))
    value = capacitance(geom, radii, kappas, graded_ok)
    coord = {"sphere": "r", "cylinder": "s", "plane": "x"}[geom]
    bounds = [tex(x * a) for x in radii]
    if geom == "sphere":
        shape = f"two concentric conducting spherical shells of radii ${bounds[0]}$ and ${bounds[-1]}$"
    elif geom == "cylinder":
        shape = (f"two long coaxial conducting cylinders of radii ${bounds[0]}$ and ${bounds[-1]}$ (length $\\ell$, end "
                 "effects neglected)")
    else:
        shape = (f"two large parallel conducting plates at $x = {bounds[0]}$ and $x = {bounds[-1]}$ (area $A$, edge "
                 "effects neglected)")
    if graded_ok:
        fill = (f"The gap is filled with a graded dielectric of permittivity $\\epsilon({coord}) = "
                f"{tex(kappas[0])}\\,\\epsilon_{{0}}\\,({coord}/a)^{{{graded_ok}}}$".replace("^{1}$", "$"))
    elif kappas == (1,):
        fill = "The gap is vacuum"
    else:
        layers = [f"$\\kappa = {k}$ for ${bounds[i]} < {coord} < {bounds[i + 1]}$" for i, k in enumerate(kappas)]
        fill = "The gap is filled with linear dielectrics of relative permittivity " + ", ".join(layers)
    what, kind = WHAT[geom]
    problem = (
        f"A {kind} capacitor consists of {shape}; $a > 0$ is a length. {fill}.\n\n"
        f"{CONV}\n\nCompute {what}. " + ask_in("it", [epsilon_0] + ([a] if a in value.free_symbols else []))
    )
    lap = {"sphere": r"\frac{1}{r^2}\frac{d}{dr}\left(r^2\epsilon(r)\frac{dV}{dr}\right) = 0",
           "cylinder": r"\frac{1}{s}\frac{d}{ds}\left(s\,\epsilon(s)\frac{dV}{ds}\right) = 0",
           "plane": r"\frac{d}{dx}\left(\epsilon(x)\frac{dV}{dx}\right) = 0"}[geom]
    steps = [
        f"With no free charge in the gap, $\\nabla\\cdot(\\epsilon\\nabla V) = 0$; by symmetry ${lap}$ in each region, "
        "solved by two constants per region.",
        r"Fix the constants with $V = V_0$ on the inner conductor, $V = 0$ on the outer one, and continuity of $V$ "
        r"and of $D_\perp = -\epsilon\,\partial V/\partial n$ at each interface.",
        r"The free charge on the inner conductor is $Q = D_\perp \times$ (its area"
        + (" per unit length" if geom == "cylinder" else " per unit area" if geom == "plane" else "")
        + r"), and the capacitance is $Q/V_0$:",
    ]
    params = {"geom": geom, "radii": [str(x) for x in radii], "kappas": list(kappas), "graded": graded_ok}
    syms = [epsilon_0] + ([a] if a in value.free_symbols else [])
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=syms, difficulty=d)


register(Family(
    name=NAME, category="Electromagnetism",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Capacitance of spherical/coaxial/planar capacitors with dielectric layers or graded dielectrics.",
    generate=generate, config=Config(), version=2,  # 2: knob (gap width), cubic grading, linsolve
    reference="Griffiths, Introduction to Electrodynamics, 4th ed., Example 2.11, Problem 2.43, §4.4",
))
