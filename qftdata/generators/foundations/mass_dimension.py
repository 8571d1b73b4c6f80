"""Mass dimension of a coupling constant in d spacetime dimensions, by power counting.

The family solves the kinetic-term conditions for the field dimensions and subtracts the operator's
dimension from d (see `_operators`). Graduate problems ask for [g] in general d, in d = 4 - 2 epsilon
(dimensional regularisation), or for the critical dimension d_c where [g] = 0 (solved). The test checks
against [phi] = (d-2)/2, [psi] = (d-1)/2 (Peskin & Schroeder §10.1, eqs. (10.13)-(10.14) context;
Srednicki ch. 12). Advanced-graduate problems use anisotropic Lifshitz scaling ([t] = -z, [x] = -1), where
[phi] = (D - z)/2 (Hořava, PRD 79 (2009) 084008; Lifshitz-point field theory, e.g. Hornreich, Luban &
Shtrikman, PRL 35 (1975) 1678). A trivial gold (0, +-1) is redrawn once, so marginal couplings stay in the
mix at a share that is not worth guessing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob, scale
from qftdata.generators.foundations._knob import band_pick, band_position, band_scale
from qftdata.generators.foundations._operators import (
    Operator,
    coupling_dimension,
    d,
    describe_fields,
    field_dimensions,
    lagrangian_context,
    operator_dimension,
    random_operator,
)
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, ask, conventions, tex

NAME = "foundations.mass_dimension"


@dataclass(frozen=True)
class Config(FamilyConfig):
    dims: tuple[int, ...] = (4, 3, 6, 5, 2, 8, 7, 10, 11)  # numeric dimensions, more of them as the knob grows

    def validate(self) -> None:
        if not self.dims or min(self.dims) < 2:
            raise ValueError("dims must be integers >= 2")


def op_from_params(params: dict) -> Operator:
    return Operator(**params["op"])


LIFSHITZ_OPS = {  # key -> (LaTeX with n, dimension in units of [phi], [d_t] = z, [d_i] = 1)
    "plain": (lambda n: rf"\phi^{{{n}}}", lambda n, f, z: n * f),
    "space": (lambda n: rf"\phi^{{{n}}}\,\partial_i\phi\,\partial_i\phi" if n else r"\partial_i\phi\,\partial_i\phi",
              lambda n, f, z: (n + 2) * f + 2),
    "time": (lambda n: rf"\phi^{{{n}}}\,(\partial_t\phi)^2", lambda n, f, z: (n + 2) * f + 2 * z),
}


def lifshitz_field_dimension(space_dim, z):
    """[phi] from [dt d^D x] = -(z + D) and the kinetic term (d_t phi)^2 of dimension D + z, [d_t] = z."""
    f = sp.Symbol("Delta_phi")
    (sol,) = sp.solve(sp.Eq(2 * f + 2 * z, space_dim + z), f)
    return sol


def _lifshitz(rng: random.Random, dv: float, level: str):
    """Advanced graduate: anisotropic (Lifshitz) scaling t -> b^z t, x -> b x for a scalar with
    L = (1/2)(d_t phi)^2 - (1/2)(d_{i_1}..d_{i_z} phi)^2."""
    D, Z = sp.Symbol("D", positive=True), sp.Symbol("z", positive=True)
    mode = band_pick(dv, level, rng, ("numbers", "z", "D", "both"))
    space_dim = D if mode in ("D", "both") else sp.Integer(rng.randint(1, 4))
    z = Z if mode in ("z", "both") else sp.Integer(rng.choice([k for k in (2, 3, 4) if k != space_dim]))
    key = rng.choice(tuple(LIFSHITZ_OPS))
    # n = 0 with time derivatives is the kinetic term itself (its coefficient is 1/2 by normalisation)
    n = rng.randint(3, 8) if key == "plain" else rng.randint(1 if key == "time" else 0, 5)
    latex_fn, dim_fn = LIFSHITZ_OPS[key]
    f = lifshitz_field_dimension(space_dim, z)
    op_dim = sp.expand(dim_fn(n, f, z))
    answer = sp.expand(space_dim + z - op_dim)
    symbols = [x for x in ("D", "z") if x in {str(v) for v in (space_dim, z)}]
    grad = r"\partial_{i_1}\cdots\partial_{i_z}\phi" if mode in ("z", "both") else \
        r"\partial_{i_1}\cdots\partial_{i_" + str(z) + r"}\phi"
    problem = "\n\n".join([
        conventions(UNITS) + r" Mass dimensions are counted in units of spatial momentum, $[\partial_i] = 1$.",
        f"A real scalar $\\phi$ in ${tex(space_dim)}$ spatial dimensions" + (" ($D \\ge 1$)" if "D" in symbols else "")
        + " has a Lifshitz-type kinetic term with dynamical exponent "
        + ("$z$ (a positive integer)" if "z" in symbols else f"$z = {tex(z)}$")
        + f": $$\\mathcal L_0 = \\tfrac12(\\partial_t\\phi)^2 - \\tfrac12\\,({grad})({grad}),$$ with repeated spatial "
        "indices summed, so that the action $S = \\int dt\\,d^Dx\\,\\mathcal L$ is invariant under $t \\to b^z t$, "
        f"$x \\to b x$. Add the interaction $\\mathcal L_{{\\rm int}} = g\\,{latex_fn(n)}$.",
        "Find the scaling (mass) dimension $[g]$ of the coupling, with $[\\partial_t] = z$. "
        + (ask("$[g]$", symbols) if symbols else ask("$[g]$")),
    ])
    lines = [
        rf"With $[\partial_i] = 1$ and $[\partial_t] = z$, the measure has $[dt\,d^Dx] = -(z + D)$, so $[\mathcal L] = "
        rf"{tex(space_dim + z)}$.",
        rf"The kinetic term: $[(\partial_t\phi)^2] = 2z + 2[\phi] = {tex(space_dim + z)}$, hence $[\phi] = {tex(f)}$ "
        r"(the $z$-derivative term has the same dimension, so its coefficient is dimensionless).",
        rf"The operator ${latex_fn(n)}$ has dimension ${tex(op_dim)}$, so $[g] = {tex(space_dim + z)} - ({tex(op_dim)}) "
        rf"= {tex(answer)}$.",
        rf"$$\boxed{{{tex(answer)}}}$$",
    ]
    params = {"lifshitz": key, "n": n, "D": None if "D" in symbols else int(space_dim),
              "z": None if "z" in symbols else int(z)}
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(lines), params=params, symbols=symbols,
                 answer_type="expression" if symbols else "numeric", difficulty=dv,
                 assumptions={s_: "positive" for s_ in symbols})


TRIVIAL = (0, 1, -1)
EPSILON = sp.Symbol("epsilon", real=True)
DIMREG = 4 - 2 * EPSILON  # CONVENTIONS.md: d = 4 - 2 epsilon


@lru_cache(maxsize=1024)
def critical_dimension(op: Operator) -> sp.Expr | None:
    """The spacetime dimension where [g] = 0 (solved from the power counting in general d), or None when
    [g] does not depend on d or vanishes only at d <= 2 (every four-fermion operator, with or without
    scalars, lands on d_c = 2: one answer for many statements)."""
    sol = sp.solve(sp.Eq(coupling_dimension(op, d), 0), d)
    return sol[0] if len(sol) == 1 and sol[0] > 2 else None


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    if level == "advanced-graduate":
        draft = _lifshitz(rng, dv, level)
        # a trivial gold (0, +-1) is redrawn once: marginal couplings stay in, at a share that is not a guess
        return _lifshitz(rng, dv, level) if draft.answer in ("0", "1", "-1") else draft
    if level == "advanced-undergraduate":
        dims = config.dims[: band_scale(dv, level, 2, len(config.dims))]
        u = band_position(dv, level)
        rich, fields = u > 0.5, scale(u, 8, 12)  # derivative / gauge structures, then more fields
        for _ in range(2):  # a trivial gold is redrawn once, dimension included (d = 2 makes most of them)
            dim = rng.choice(dims)
            op = random_operator(rng, rich, dim, max_fields=fields)
            if coupling_dimension(op, sp.Integer(dim)) not in TRIVIAL:
                break
        return _coupling_draft(op, dim, dv)
    # graduate: [g] in general d, in d = 4 - 2 epsilon (the mu^{k epsilon} of dimensional regularisation),
    # or the critical dimension where g is marginal
    power, fields = (2, 10) if band_position(dv, level) > 0.5 else (1, 8)
    op = random_operator(rng, True, None, max_power=power, max_fields=fields)
    want = rng.random()
    if want < 0.3:
        for _ in range(20):
            if (d_c := critical_dimension(op)) is not None:
                return _critical_draft(op, d_c, dv)
            op = random_operator(rng, True, None, max_power=power, max_fields=fields)
    elif want < 0.65:
        while op.special == "current_dphi":  # no gamma^5 away from d = 4 (its dimensional continuation is a choice)
            op = random_operator(rng, True, None, max_power=power, max_fields=fields)
        return _coupling_draft(op, DIMREG, dv)
    return _coupling_draft(op, None, dv)


def _setting(op: Operator, where: str) -> str:
    return (f"In {where}, consider {describe_fields(op)}, with canonically normalised kinetic terms "
            f"$\\mathcal L_0 = {lagrangian_context(op)}$ and the interaction "
            f"$$\\mathcal L_{{\\rm int}} = g\\, {op.latex()}.$$")


def _counting_lines(op: Operator, dim_expr: sp.Expr) -> list[str]:
    """Field dimensions from the kinetic terms, then the operator's dimension (the solution's first steps)."""
    fd = field_dimensions(dim_expr)
    lines = [
        rf"The action $S = \int d^{{{tex(dim_expr)}}}x\,\mathcal L$ is dimensionless, so $[\mathcal L] = {tex(dim_expr)}$, "
        r"and $[\partial_\mu] = 1$.",
    ]
    if "phi" in op.fields():
        lines.append(rf"From $[\partial_\mu\phi\,\partial^\mu\phi] = 2[\phi] + 2 = {tex(dim_expr)}$: $[\phi] = {tex(fd['phi'])}$.")
    if "psi" in op.fields():
        lines.append(rf"From $[\bar\psi\,i\partial\!\!\!/\,\psi] = 2[\psi] + 1 = {tex(dim_expr)}$: $[\psi] = {tex(fd['psi'])}$.")
    if "A" in op.fields():
        lines.append(rf"From $[F_{{\mu\nu}}F^{{\mu\nu}}] = 2([A] + 1) = {tex(dim_expr)}$: $[A_\mu] = {tex(fd['A'])}$, "
                     rf"$[F_{{\mu\nu}}] = {tex(fd['A'] + 1)}$.")
    lines.append(rf"Adding up the factors of the operator, $[{op.latex()}] = {tex(operator_dimension(op, dim_expr))}$.")
    return lines


def _op_params(op: Operator) -> dict:
    return {"a": op.a, "b": op.b, "c": op.c, "e": op.e, "special": op.special}


def _critical_draft(op: Operator, d_c: sp.Expr, dv: float) -> Draft:
    """Graduate: the dimension in which the coupling is marginal (the upper critical dimension of g)."""
    g_d = coupling_dimension(op, d)
    problem = "\n\n".join([
        conventions(UNITS),
        _setting(op, "$d$ spacetime dimensions"),
        "Find the spacetime dimension $d_c$ in which the coupling $g$ is dimensionless (marginal by power "
        "counting; $g$ is relevant on one side of $d_c$ and irrelevant on the other). " + ask("$d_c$"),
    ])
    lines = _counting_lines(op, d) + [
        rf"Hence $[g] = d - [{op.latex()}] = {tex(g_d)}$, which vanishes at",
        rf"$$d_c = {tex(d_c)}.$$",
        rf"$$\boxed{{{tex(d_c)}}}$$",
    ]
    return Draft(problem=problem, answer=tex(d_c), solution="\n".join(lines),
                 params={"op": _op_params(op), "d": None, "want": "critical"}, symbols=[], answer_type="numeric",
                 difficulty=dv)


def _coupling_draft(op: Operator, dim: int | sp.Expr | None, dv: float) -> Draft:
    """[g] in d = `dim` (an integer), in general d (None) or in d = 4 - 2 epsilon (`DIMREG`)."""
    dimreg = dim is DIMREG
    dim_expr = d if dim is None else DIMREG if dimreg else sp.Integer(dim)
    answer = coupling_dimension(op, dim_expr)
    params = {"op": _op_params(op), "d": "4-2epsilon" if dimreg else dim}
    where = ("$d$ spacetime dimensions" if dim is None else
             r"$d = 4 - 2\epsilon$ spacetime dimensions (dimensional regularisation)" if dimreg else
             f"$d = {dim}$ spacetime dimensions")
    symbols = ["d"] if dim is None else ["epsilon"] if dimreg else []
    problem = "\n\n".join([
        conventions(UNITS),
        _setting(op, where),
        "Find the mass dimension $[g]$ of the coupling $g$ (in units where $[\\text{mass}] = 1$)"
        + (r", as an exact function of $\epsilon$" if dimreg else "") + ". "
        + (ask("$[g]$", [r"\epsilon" if dimreg else "d"]) if symbols else ask("$[g]$")),
    ])
    lines = _counting_lines(op, dim_expr) + [
        rf"Hence $[g] = {tex(dim_expr)} - [{op.latex()}] = {tex(answer)}$.",
        rf"$$\boxed{{{tex(answer)}}}$$",
    ]
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(lines), params=params,
                 symbols=symbols, answer_type="expression" if symbols else "numeric",
                 assumptions={"d": "positive"} if dim is None else {"epsilon": "real"} if dimreg else {},
                 difficulty=dv)


register(Family(
    name=NAME, category="Foundations and Scalar Fields",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="Mass dimension of a coupling in d dimensions (random scalar/fermion/gauge operator) or under "
                "Lifshitz scaling",
    generate=generate, config=Config(), version=4,  # 4: critical dimension d_c at G, (dphi)^4/F^4 powers, trivial golds redrawn once
    reference="Peskin & Schroeder §10.1 (power counting, [phi] = (d-2)/2, [psi] = (d-1)/2); Hořava, "
              "Phys. Rev. D 79 (2009) 084008 (Lifshitz scaling, [phi] = (D-z)/2)",
))
