"""Power-counting renormalisability of an interaction: super-renormalisable, renormalisable or not.

The coupling's mass dimension is computed as in `mass_dimension`; [g] > 0 is super-renormalisable,
[g] = 0 renormalisable, [g] < 0 non-renormalisable (Peskin & Schroeder §10.1). The test checks the
textbook cases (phi^4 in d = 4, phi^6 in d = 3, phi^3 in d = 6, Fermi theory in d = 4, Gross-Neveu in
d = 2) and the sign rule against the closed-form dimension.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.foundations._operators import (
    coupling_dimension,
    describe_fields,
    field_dimensions,
    lagrangian_context,
    operator_dimension,
    random_operator,
)
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions, tex

NAME = "foundations.renormalizability"
CHOICES = ("super-renormalizable", "renormalizable", "non-renormalizable")


@dataclass(frozen=True)
class Config(FamilyConfig):
    dims: tuple[int, ...] = (2, 3, 4, 5, 6)


def classify(dim_g: sp.Expr) -> str:
    return CHOICES[0] if dim_g > 0 else CHOICES[1] if dim_g == 0 else CHOICES[2]


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    rich = level != "advanced-undergraduate"
    target = rng.choice(CHOICES)  # draw the class first so the three answers are balanced
    for _ in range(200):
        dim = 4 if level == "advanced-undergraduate" else rng.choice(config.dims)
        op = random_operator(rng, rich, dim)
        D = sp.Integer(dim)
        dim_g = coupling_dimension(op, D)
        answer = classify(dim_g)
        if answer == target:
            break
    fd = field_dimensions(D)
    params = {"op": {"a": op.a, "b": op.b, "c": op.c, "e": op.e, "special": op.special}, "d": dim}
    problem = "\n\n".join([
        conventions(UNITS),
        f"In $d = {dim}$ spacetime dimensions, consider {describe_fields(op)}, with canonically normalised "
        f"kinetic terms $\\mathcal L_0 = {lagrangian_context(op)}$ and the interaction "
        f"$$\\mathcal L_{{\\rm int}} = g\\, {op.latex()}.$$",
        "By power counting, is this interaction super-renormalizable, renormalizable or non-renormalizable? "
        "Answer with exactly one of `super-renormalizable`, `renormalizable`, `non-renormalizable` in `\\boxed{}`.",
    ])
    lines = [rf"With $[\mathcal L] = {dim}$ and $[\partial] = 1$ the kinetic terms fix"]
    lines.append(", ".join(rf"$[{n}] = {tex(fd[k])}$" for k, n in (("phi", r"\phi"), ("psi", r"\psi"), ("A", "A_\\mu"))
                           if k in op.fields()) + ".")
    lines += [
        rf"The operator has $[{op.latex()}] = {tex(operator_dimension(op, D))}$, so $[g] = {dim} - "
        rf"{tex(operator_dimension(op, D))} = {tex(dim_g)}$.",
        "A coupling of positive mass dimension is super-renormalizable, of zero dimension renormalizable, and "
        f"of negative dimension non-renormalizable (power counting). Here $[g] = {tex(dim_g)}$.",
        rf"$$\boxed{{{answer}}}$$",
    ]
    return Draft(problem=problem, answer=answer, solution="\n".join(lines), params=params,
                 answer_type="categorical", choices=list(CHOICES))


register(Family(
    name=NAME, category="Foundations and Scalar Fields",
    levels=("advanced-undergraduate", "graduate"),
    description="Power-counting classification of a random interaction in d = 2..6 dimensions",
    generate=generate, config=Config(), version=2,  # 2: no vanishing / gamma^5-in-odd-d operators
    reference="Peskin & Schroeder §10.1 (superficial degree of divergence, power counting)",
))
