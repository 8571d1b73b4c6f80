"""Mass dimension of a coupling constant in d spacetime dimensions, by power counting.

The family solves the kinetic-term conditions for the field dimensions and subtracts the operator's
dimension from d (see `_operators`). The test checks against [phi] = (d-2)/2, [psi] = (d-1)/2
(Peskin & Schroeder §10.1, eqs. (10.13)-(10.14) context; Srednicki ch. 12). Advanced-graduate problems use
anisotropic Lifshitz scaling ([t] = -z, [x] = -1), where [phi] = (D - z)/2 (Hořava, PRD 79 (2009) 084008;
Lifshitz-point field theory, e.g. Hornreich, Luban & Shtrikman, PRL 35 (1975) 1678).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
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
    dims: tuple[int, ...] = (4, 3, 6, 5, 2, 8, 7)  # numeric dimensions, more of them as the knob grows

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
    n = rng.randint(3, 8) if key == "plain" else rng.randint(0, 5)
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


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    if level == "advanced-graduate":
        return _lifshitz(rng, dv, level)
    if level == "advanced-undergraduate":
        dims = config.dims[: band_scale(dv, level, 2, len(config.dims))]
        dim = rng.choice(dims)
        rich = band_position(dv, level) > 0.5
    else:
        dim = None
        rich = True
    op = random_operator(rng, rich, dim)
    dim_expr = d if dim is None else sp.Integer(dim)
    answer = coupling_dimension(op, dim_expr)
    fd = field_dimensions(dim_expr)
    params = {"op": {"a": op.a, "b": op.b, "c": op.c, "e": op.e, "special": op.special}, "d": dim}
    where = "$d$ spacetime dimensions" if dim is None else f"$d = {dim}$ spacetime dimensions"
    problem = "\n\n".join([
        conventions(UNITS),
        f"In {where}, consider {describe_fields(op)}, with canonically normalised kinetic terms "
        f"$\\mathcal L_0 = {lagrangian_context(op)}$ and the interaction "
        f"$$\\mathcal L_{{\\rm int}} = g\\, {op.latex()}.$$",
        "Find the mass dimension $[g]$ of the coupling $g$ (in units where $[\\text{mass}] = 1$). "
        + (ask("$[g]$", ["d"]) if dim is None else ask("$[g]$")),
    ])
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
    lines += [
        rf"Adding up the factors of the operator, $[{op.latex()}] = {tex(operator_dimension(op, dim_expr))}$.",
        rf"Hence $[g] = {tex(dim_expr)} - [{op.latex()}] = {tex(answer)}$.",
        rf"$$\boxed{{{tex(answer)}}}$$",
    ]
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(lines), params=params,
                 symbols=["d"] if dim is None else [], answer_type="expression" if dim is None else "numeric",
                 assumptions={"d": "positive"} if dim is None else {}, difficulty=dv)


register(Family(
    name=NAME, category="Foundations and Scalar Fields",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="Mass dimension of a coupling in d dimensions (random scalar/fermion/gauge operator) or under "
                "Lifshitz scaling",
    generate=generate, config=Config(), version=3,  # 3: difficulty knob; Lifshitz scaling at advanced-graduate
    reference="Peskin & Schroeder §10.1 (power counting, [phi] = (d-2)/2, [psi] = (d-1)/2); Hořava, "
              "Phys. Rev. D 79 (2009) 084008 (Lifshitz scaling, [phi] = (D-z)/2)",
))
