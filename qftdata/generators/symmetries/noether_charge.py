"""Noether charges of internal symmetries for explicit classical field configurations.

Complex scalar with U(1), or N real scalars with O(N): L = (1/2) d phi_a d phi_a - (m^2/2) phi_a phi_a
(equivalently d phi^* d phi - m^2 |phi|^2). For delta phi_a = alpha T_ab phi_b the Noether current is
j^mu = dL/d(d_mu phi_a) T_ab phi_b (Peskin & Schroeder eqs. (2.12)-(2.14)); the family differentiates the
Lagrangian with sympy, inserts a spatially uniform solution of the equations of motion in a box of volume
V, integrates j^0, and checks that the result is time independent. The test compares with the closed forms
Q = 2 m V (a^2 - b^2) for phi = a e^{-imt} + b e^{imt} (particles minus antiparticles, P&S §2.4 / Problem
2.2) and Q = m V A_i A_j sin(delta_i - delta_j) for a rotation in the (i, j) plane.
Levels (rubric): advanced-undergraduate — the U(1) charge of a complex field; graduate — a plane rotation of two
to four real fields; advanced-graduate — a rotation about a general axis in O(3) or a general so(4) generator.
The knob grows the amplitudes and the number of fields; a zero charge is kept in few draws (a guessable answer).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, ask, conventions, matrix_tex, tex

NAME = "symmetries.noether_charge"
PHASES = (0, sp.pi / 6, sp.pi / 4, sp.pi / 3, sp.pi / 2, 2 * sp.pi / 3, 3 * sp.pi / 4, 5 * sp.pi / 6, sp.pi)


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_multiple: int = 3


def _current_polynomial(n: int, T: sp.Matrix, m: sp.Expr):
    """(q, v, j^0) with j^0 = dL/d(d_0 phi_a) T_ab phi_b for L = 1/2 (d_0 phi)^2 - m^2/2 phi^2 (uniform fields), as a
    polynomial in stand-ins q_a (phi_a) and v_a (d_0 phi_a), obtained by differentiating the Lagrangian."""
    q = sp.symbols(f"q_1:{n + 1}")     # stand-ins for phi_a
    v = sp.symbols(f"v_1:{n + 1}")     # stand-ins for d_0 phi_a
    L = sum(vi**2 for vi in v) / 2 - m**2 * sum(qi**2 for qi in q) / 2
    j0 = sum(sp.diff(L, v[a]) * sum(T[a, b] * q[b] for b in range(n)) for a in range(n))
    return q, v, j0


def noether_charge_density(fields: list[sp.Expr], T: sp.Matrix, t: sp.Symbol, m: sp.Expr) -> sp.Expr:
    """j^0 = dL/d(d_0 phi_a) T_ab phi_b for L = 1/2 (d_0 phi)^2 - m^2/2 phi^2 (uniform fields), as a function of t."""
    q, v, j0 = _current_polynomial(len(fields), T, m)
    subs = {**{q[a]: fields[a] for a in range(len(fields))}, **{v[a]: sp.diff(fields[a], t) for a in range(len(fields))}}
    return j0.subs(subs)


def charge_density_at(fields: list[sp.Expr], T: sp.Matrix, t: sp.Symbol, m: sp.Expr, when: sp.Expr) -> sp.Expr:
    """j^0 at the time `when`, exactly: the fields and their time derivatives are evaluated first and inserted in the
    current polynomial (cheaper than building j^0(t) and substituting into it)."""
    q, v, j0 = _current_polynomial(len(fields), T, m)
    subs = {}
    for a, f in enumerate(fields):
        subs[q[a]] = f.subs(t, when)
        subs[v[a]] = sp.diff(f, t).subs(t, when)
    return sp.factor(sp.radsimp(sp.expand(sp.expand_complex(j0.subs(subs)))))


def _draw(rng: random.Random, level: str, u: float, config: Config, t, m, A):
    """(field components, generator T, params, setup text) for the level; `u` grows amplitudes and field count."""
    top = config.max_multiple + round(2 * u)
    if level == "advanced-undergraduate":
        # complex scalar phi = (phi_1 + i phi_2)/sqrt(2); phi -> e^{-i alpha} phi is the O(2) rotation below
        p, qq = rng.randint(0, top), rng.randint(0, top)
        if p == qq:
            p += 1
        a, b = p * A, qq * A
        phi = a * sp.exp(-sp.I * m * t) + b * sp.exp(sp.I * m * t)
        # real components phi = (phi_1 + i phi_2)/sqrt(2)
        comps = [sp.sqrt(2) * sp.re(sp.expand_complex(phi)), sp.sqrt(2) * sp.im(sp.expand_complex(phi))]
        T = sp.Matrix([[0, 1], [-1, 0]])  # delta phi = -i alpha phi  <=>  delta phi_1 = alpha phi_2, delta phi_2 = -alpha phi_1
        params = {"kind": "u1", "p": p, "q": qq}
        setup = (r"A complex scalar field with $\mathcal L = \partial_\mu\phi^*\partial^\mu\phi - m^2\phi^*\phi$ is invariant "
                 r"under $\phi \to e^{-i\alpha}\phi$. Take the Noether current $j^\mu = \frac{\partial\mathcal L}{\partial(\partial_\mu\phi)}"
                 r"\Delta\phi + \frac{\partial\mathcal L}{\partial(\partial_\mu\phi^*)}\Delta\phi^*$ with $\Delta\phi = -i\phi$, "
                 r"$\Delta\phi^* = i\phi^*$, and $Q = \int d^3x\, j^0$. Consider the spatially uniform solution "
                 rf"$$\phi(t) = {tex(a)}\,e^{{-imt}} + {tex(b)}\,e^{{imt}}$$ in a box of volume $V$.")
        return comps, T, params, setup
    if level == "graduate":
        n = rng.randint(2, 3 + (u > 0.5))
        i, j = sorted(rng.sample(range(n), 2))
        T = sp.zeros(n, n)
        T[i, j], T[j, i] = -1, 1
        params = {"kind": "plane", "n": n, "i": i, "j": j}
    else:
        n = 3 if u < 0.5 or rng.random() < 0.5 else 4
        if n == 3:
            axis = [rng.randint(-2, 2) for _ in range(3)]
            if not any(axis):
                axis[0] = 1
            eps = sp.LeviCivita
            T = sp.Matrix(3, 3, lambda a, b: -sum(axis[k] * eps(k, a, b) for k in range(3)))
            params = {"kind": "axis", "n": 3, "axis": axis}
        else:  # a general so(4) generator: an antisymmetric integer matrix
            T = sp.zeros(4, 4)
            for a_ in range(4):
                for b_ in range(a_ + 1, 4):
                    T[a_, b_] = rng.randint(-2, 2)
                    T[b_, a_] = -T[a_, b_]
            params = {"kind": "general", "n": 4, "T": [[int(x) for x in row] for row in T.tolist()]}
    amps = [rng.randint(1, top) for _ in range(n)]
    phases = [rng.randrange(len(PHASES)) for _ in range(n)]
    comps = [amps[a] * A * sp.cos(m * t + PHASES[phases[a]]) for a in range(n)]
    params.update({"amps": amps, "phases": phases})
    fields = ", ".join(rf"\phi_{{{a + 1}}} = {tex(c)}" for a, c in enumerate(comps))
    setup = (rf"{n} real scalar fields with $\mathcal L = \tfrac12\partial_\mu\phi_a\partial^\mu\phi_a - \tfrac12 m^2\phi_a\phi_a$ "
             rf"are invariant under the infinitesimal $O({n})$ rotation $\delta\phi_a = \alpha\,T_{{ab}}\phi_b$ with "
             rf"$$T = {matrix_tex(T.tolist())}.$$ Take the Noether current $j^\mu = \frac{{\partial\mathcal L}}"
             rf"{{\partial(\partial_\mu\phi_a)}}T_{{ab}}\phi_b$ and $Q = \int d^3x\, j^0$. Consider the spatially uniform "
             rf"solution $$ {fields} $$ in a box of volume $V$.")
    return comps, T, params, setup


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    t = sp.Symbol("t", real=True)
    m, V, A = sp.symbols("m V A", positive=True)
    symbols = ["m", "V", "A"]
    while True:  # a vanishing charge (equal phases, a pure standing wave) is the easy guess: keep few
        comps, T, params, setup = _draw(rng, level, u, config, t, m, A)
        j0_value = charge_density_at(comps, T, t, m, sp.Integer(0))
        if j0_value != 0 or rng.random() < 0.15:
            break
    # Conservation check: j^0 at a generic later time (numerically, from the fields' values there) equals its t = 0 value
    q, v, poly = _current_polynomial(len(comps), T, m)
    point = {m: 1.3, A: 0.7}
    expected = complex(j0_value.evalf(15, subs=point))
    for tv in (1.1,):
        values = {**point, t: tv}
        at = {q[a]: complex(f.evalf(15, subs=values)) for a, f in enumerate(comps)}
        at |= {v[a]: complex(sp.diff(f, t).evalf(15, subs=values)) for a, f in enumerate(comps)}
        if abs(complex(poly.evalf(15, subs={**at, m: 1.3})) - expected) > 1e-9 * max(1.0, abs(expected)):
            raise ValueError(f"{NAME}: charge not conserved for {params}")
    Q = sp.factor(V * j0_value)
    problem = "\n\n".join([
        conventions(UNITS, METRIC),
        setup,
        "Check that the configuration solves the equations of motion, and find the charge $Q$. "
        + ask("$Q$", ["m", "V", "A"]),
    ])
    lines = [
        r"Each uniform component obeys $\ddot\phi_a = -m^2\phi_a$, the Klein-Gordon equation, so the configuration is a solution.",
        r"Only time derivatives are non-zero, and $\partial\mathcal L/\partial(\partial_0\phi_a) = \dot\phi_a$, so "
        r"$j^0 = \dot\phi_a T_{ab}\phi_b$" + (r" (for the complex field, with $\phi = (\phi_1 + i\phi_2)/\sqrt2$ this is "
                                               r"$j^0 = i(\phi^*\dot\phi - \phi\dot\phi^*)$)" if params["kind"] == "u1" else "") + ".",
        rf"Inserting the configuration, $j^0 = {tex(j0_value)}$ (evaluate at any $t$, e.g. $t = 0$), which is time independent as "
        r"Noether's theorem requires.",
        rf"Integrating over the box, $Q = V j^0 = {tex(Q)}$.",
        rf"$$\boxed{{{tex(Q)}}}$$",
    ]
    return Draft(problem=problem, answer=tex(Q), solution="\n".join(lines), params=params, symbols=symbols,
                 difficulty=d)


register(Family(
    name=NAME, category="Symmetries and Scattering",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="Noether charge of U(1)/O(N) for explicit uniform solutions, from the Lagrangian by differentiation",
    generate=generate, config=Config(),
    version=2,  # 2: difficulty knob; general so(4) generators; vanishing charges kept rare
    reference="Peskin & Schroeder eqs. (2.12)-(2.14) and §2.4 (conserved charge of the complex scalar)",
))
