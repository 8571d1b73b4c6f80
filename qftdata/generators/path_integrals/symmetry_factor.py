"""Symmetry factors of phi^3 / phi^4 Feynman diagrams by explicit Wick-contraction counting.

At order n in L_int = -(g/k!) phi^k the diagram comes with 1/(n! (k!)^n) times the number of Wick
contractions of <phi(x_1)...phi(x_E) (phi^k)^n> that produce it; the family enumerates all contractions,
groups them by graph (up to relabelling the interchangeable vertices) and reports
S = n! (k!)^n / (number of contractions giving the diagram). The test checks textbook values
(Peskin & Schroeder §4.4: figure-eight 8, sunset 6; Srednicki ch. 9: phi^3 vacuum diagrams 12 and 8) and
the automorphism-group formula S = |Aut(graph)| on every generated record.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.path_integrals._matchings import contraction_classes
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions

NAME = "path_integrals.symmetry_factor"
EXTERNAL_NAMES = {0: (), 1: ("x",), 2: ("x", "y"), 4: ("x_1", "x_2", "x_3", "x_4")}
# (valence k, vertices n, externals E) per level; at most 12 fields so enumeration stays fast.
SETTINGS = {
    "advanced-undergraduate": ((4, 1, 0), (4, 1, 2), (3, 2, 0), (3, 2, 2), (3, 1, 1)),
    "graduate": ((4, 2, 0), (4, 2, 2), (3, 3, 1), (3, 2, 2)),
    "advanced-graduate": ((4, 3, 0), (3, 4, 0), (4, 2, 4)),
}


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


def describe(graph: tuple) -> str:
    """Words for a canonical graph: self-loops, vertex-vertex multiplicities, external attachments."""
    parts = []
    for (a, b), k in graph:
        an = f"vertex {a[1:]}" if a.startswith("v") else f"the external point ${a}$"
        bn = f"vertex {b[1:]}" if b.startswith("v") else f"the external point ${b}$"
        if a == b:
            parts.append(f"{an} has {k} self-loop{'s' if k > 1 else ''} (a propagator from the vertex back to itself)")
        else:
            parts.append(f"{an} and {bn} are joined by {k} propagator{'s' if k > 1 else ''}")
    return "; ".join(parts)


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    k, n, E = rng.choice(SETTINGS[level])
    ext = EXTERNAL_NAMES[E]
    classes = contraction_classes(k, n, ext)
    graphs = sorted(classes)
    graph = rng.choice(graphs)
    count = classes[graph]
    total = math.factorial(n) * math.factorial(k) ** n
    S = total // count
    if total % count:
        raise ValueError(f"{NAME}: contraction count {count} does not divide {total}")
    coupling, cname = ("g", "g") if k == 3 else (r"\lambda", "lambda")
    fields = "".join(rf"\phi({x})" for x in ext)
    ext_txt = ("a vacuum diagram (no external points)" if E == 0 else
               f"a diagram contributing to the {E}-point function "
               rf"$\langle \Omega|T\{{{fields}\}}|\Omega\rangle$")
    params = {"k": k, "n": n, "E": E, "graph": [[list(e), m] for e, m in graph]}
    problem = "\n\n".join([
        conventions(UNITS),
        f"In real scalar $\\phi^{k}$ theory with $\\mathcal L_{{\\rm int}} = -\\frac{{{coupling}}}{{{k}!}}\\phi^{k}$, consider "
        f"{ext_txt} with {n} {'vertices' if n > 1 else 'vertex'} (labels are only for the description; the vertices are "
        f"integrated over and interchangeable): {describe(graph)}.",
        "Find its symmetry factor $S$, defined so that the diagram's value is "
        f"$\\frac{{1}}{{S}}$ times the product of $(-i{coupling})$ per vertex, propagators and integrals. "
        "Give $S$ as a single integer in `\\boxed{}`.",
    ])
    lines = [
        f"At order {n} the Dyson series gives $\\frac{{1}}{{{n}!}}\\left(\\frac{{-i{coupling}}}{{{k}!}}\\right)^{n}$ "
        f"times the Wick contractions of the {E} external field{'s' if E != 1 else ''} with {n} copies of $\\phi^{k}$, "
        f"i.e. of {E + k * n} fields.",
        f"Enumerating all contractions and sorting them by the graph they produce (vertex relabellings identified), "
        f"{count} of them give this diagram (out of {len(graphs)} connected topologies).",
        f"The prefactor is therefore $\\frac{{{count}}}{{{n}!\\,({k}!)^{n}}} = \\frac{{{count}}}{{{total}}} = \\frac{{1}}{{{S}}}$.",
        f"$$\\boxed{{{S}}}$$",
    ]
    return Draft(problem=problem, answer=str(S), solution="\n".join(lines), params=params, answer_type="numeric",
                 extra_metadata={"coupling": cname})


register(Family(
    name=NAME, category="Path Integrals and Quantization",
    levels=tuple(SETTINGS),
    description="Symmetry factors of phi^3/phi^4 diagrams by enumerating Wick contractions",
    generate=generate, config=Config(), version=1,
    reference="Peskin & Schroeder §4.4 (symmetry factors, eq. (4.45) context); Srednicki ch. 9 (phi^3 vacuum diagrams)",
))
