"""Mass dimension of a coupling constant in d spacetime dimensions, by power counting.

The family solves the kinetic-term conditions for the field dimensions and subtracts the operator's
dimension from d (see `_operators`). The test checks against [phi] = (d-2)/2, [psi] = (d-1)/2
(Peskin & Schroeder §10.1, eqs. (10.13)-(10.14) context; Srednicki ch. 12).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
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
    dims: tuple[int, ...] = (2, 3, 5, 6)  # numeric dimensions other than 4 (advanced-graduate)


def op_from_params(params: dict) -> Operator:
    return Operator(**params["op"])


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    rich = level != "advanced-undergraduate"
    if level == "advanced-undergraduate":
        dim = 4
    elif level == "graduate":
        dim = None
    else:
        dim = rng.choice(config.dims)
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
                 assumptions={"d": "positive"} if dim is None else {})


register(Family(
    name=NAME, category="Foundations and Scalar Fields",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="Mass dimension of a coupling in d dimensions for a random scalar/fermion/gauge operator",
    generate=generate, config=Config(), version=2,  # 2: no vanishing / gamma^5-in-odd-d operators
    reference="Peskin & Schroeder §10.1 (power counting, [phi] = (d-2)/2, [psi] = (d-1)/2)",
))
