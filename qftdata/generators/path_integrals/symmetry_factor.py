"""Symmetry factors of Feynman diagrams in scalar theories (phi^3, phi^4, both, and a two-field theory) by
counting the Wick contractions that produce the diagram.

The diagram is drawn as a random Wick contraction of the external fields with n vertices (redrawn until
connected). With L_int = -sum_t (g_t/S_t) x (fields of vertex type t), S_t the product of factorials of equal
fields, the order-n term carries 1/prod_t(n_t! S_t^{n_t}); the family counts the contractions C giving the
diagram (`_diagrams.contraction_count`: distinct labellings of the vertices times a dynamic programme over
the legs) and reports S = prod_t(n_t! S_t^{n_t}) / C. Levels (rubric): advanced-undergraduate — phi^4 or phi^3
with one or two vertices; graduate — three or four vertices; advanced-graduate — two to five phi^3 and phi^4
vertices together; postgraduate — two fields (phi^2 chi, chi^3, phi^4 vertices) with typed propagators. The knob grows
the number of vertices and external points.
The test checks textbook values (Peskin & Schroeder §4.4: figure-eight 8, sunset 6; Srednicki ch. 9: phi^3
vacuum diagrams 12 and 8), the automorphism-group formula S = |Aut(graph)| on generated records, and a
brute-force enumeration of all contractions for small diagrams.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick
from qftdata.generators.path_integrals._diagrams import (
    connected,
    contraction_count,
    random_contraction,
    relabellings,
)
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, ask, conventions, tex

NAME = "path_integrals.symmetry_factor"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate")
# vertex type -> (fields, coupling LaTeX, symmetry factor S_t of the Lagrangian term)
VERTICES = {
    "phi4": (("phi",) * 4, r"\lambda", 24),
    "phi3": (("phi",) * 3, "g", 6),
    "phi2chi": (("phi", "phi", "chi"), "y", 2),
    "chi3": (("chi",) * 3, "h", 6),
}
THEORY_TEXT = {
    ("phi4",): r"real scalar $\phi^4$ theory, $\mathcal L_{\rm int} = -\frac{\lambda}{4!}\phi^4$",
    ("phi3",): r"real scalar $\phi^3$ theory, $\mathcal L_{\rm int} = -\frac{g}{3!}\phi^3$",
    ("phi3", "phi4"): (r"a real scalar with both interactions, $\mathcal L_{\rm int} = -\frac{g}{3!}\phi^3 - "
                       r"\frac{\lambda}{4!}\phi^4$"),
    ("chi3", "phi2chi", "phi4"): (r"a theory of two real scalars $\phi$ and $\chi$ with $\mathcal L_{\rm int} = -\frac{y}{2}\phi^2\chi "
                                  r"- \frac{h}{3!}\chi^3 - \frac{\lambda}{4!}\phi^4$ (propagators connect only equal fields)"),
}
COUPLING = {t: v[1].lstrip("\\") for t, v in VERTICES.items()}  # sympy names: lambda, g, y, h
COUPLING_TEX = {"lambda": r"\lambda", "g": "g", "y": "y", "h": "h"}
ACCEPT = {1: 0.1, 2: 0.25, 4: 0.25, 8: 0.3, 16: 0.6}  # keep-probability of the commonest symmetry factors
FIELD_TEX = {"phi": r"\phi", "chi": r"\chi"}
EXTERNAL_NAMES = ("x_1", "x_2", "x_3", "x_4", "x_5", "x_6")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_tries: int = 400


def _externals(rng: random.Random, n_odd: int, u: float, top: int = 4) -> int:
    """Number of external fields with the parity `n_odd`, growing with `u`, at most `top`."""
    options = [e for e in range(0, top + 1) if e % 2 == n_odd % 2]
    hi = max(1, round(len(options) * (0.5 + 0.5 * u)))
    return pick(rng, options[:hi])


def _setting(rng: random.Random, level: str, u: float) -> tuple[Counter, list[str]]:
    """(vertex-type counts, external field species) for the level; `u` (the knob inside the band) grows the
    number of vertices and of external points."""
    if level in ("advanced-undergraduate", "graduate"):
        t = pick(rng, ("phi4", "phi3"))
        lo = 1 if level == "advanced-undergraduate" else 3
        n = lo + (1 if rng.random() < 0.3 + 0.6 * u else 0)
        if level == "graduate" and t == "phi3" and u > 0.5 and rng.random() < 0.5:
            n = 5
        E = _externals(rng, 3 * n if t == "phi3" else 0, u)
        if t == "phi3" and n == 1 and E == 3:
            E = 1  # the tree vertex has no symmetry at all
        return Counter({t: n}), ["phi"] * E
    if level == "advanced-graduate":
        n3 = rng.randint(1, 2 + (1 if u > 0.5 else 0))
        n4 = rng.randint(1, 2 + (1 if u > 0.5 and n3 < 3 else 0))
        return Counter({"phi3": n3, "phi4": n4}), ["phi"] * _externals(rng, n3, u)
    counts = Counter({"phi2chi": rng.randint(2, 4 + (1 if u > 0.5 else 0))})
    extra = pick(rng, ("chi3", "phi4", None))
    if extra:
        counts[extra] = 1
    n_chi = (counts["phi2chi"] + 3 * counts["chi3"]) % 2
    E_phi = _externals(rng, 0, u, top=2 + (2 if u > 0.5 else 0))
    E_chi = n_chi + (2 if u > 0.5 and E_phi < 4 and rng.random() < 0.3 else 0)
    return counts, ["phi"] * E_phi + ["chi"] * E_chi


def _canonical(edges: Counter, types: dict[str, tuple[str, ...]]) -> Counter:
    """The lexicographically smallest labelling (one description per diagram)."""
    return Counter(dict(min(sorted(lab) for lab in relabellings(edges, types))))


def describe(edges: Counter, kinds: dict[str, str], externals: dict[str, str], two_fields: bool) -> str:
    parts = []
    for v in sorted(kinds):
        parts.append(f"vertex {v[1:]} is a {_vertex_word(kinds[v])} vertex")
    for x, f in sorted(externals.items()):
        parts.append(f"${x}$ is an external ${FIELD_TEX[f]}$ field")
    words = []
    for (a, b, f), k in sorted(edges.items()):
        an, bn = (f"vertex {n[1:]}" if n.startswith("v") else f"${n}$" for n in (a, b))
        prop = f"{k} " + (f"${FIELD_TEX[f]}$ " if two_fields else "") + f"propagator{'s' if k > 1 else ''}"
        if a == b:
            words.append(f"{an} has {k} self-loop{'s' if k > 1 else ''}"
                         + (f" (${FIELD_TEX[f]}$)" if two_fields else "") + " (a propagator from the vertex back to itself)")
        else:
            words.append(f"{an} and {bn} are joined by {prop}")
    return "; ".join(parts) + ". Lines: " + "; ".join(words)


def _vertex_word(t: str) -> str:
    return {"phi4": r"$\phi^4$", "phi3": r"$\phi^3$", "phi2chi": r"$\phi^2\chi$", "chi3": r"$\chi^3$"}[t]


def _candidate(rng: random.Random, level: str, u: float, config: Config):
    """One random connected diagram of the level: (counts, kinds, types, externals, edges, C, total, S)."""
    while True:
        counts, ext_fields = _setting(rng, level, u)
        kinds = {}
        for t in sorted(counts):
            for _ in range(counts[t]):
                kinds[f"v{len(kinds) + 1}"] = t
        types = {v: VERTICES[t][0] for v, t in kinds.items()}
        externals = {EXTERNAL_NAMES[i]: f for i, f in enumerate(ext_fields)}
        legs = [(v, f) for v, fs in types.items() for f in fs] + [(x, f) for x, f in externals.items()]
        nodes = list(types) + list(externals)
        for _ in range(config.max_tries):
            edges = random_contraction(rng, legs)
            if edges is not None and connected(edges, nodes):
                count = contraction_count(edges, types, externals)
                total = math.prod(math.factorial(counts[t]) * VERTICES[t][2] ** counts[t] for t in counts)
                if total % count:
                    raise ArithmeticError(f"{NAME}: contraction count {count} does not divide {total}")
                return counts, kinds, types, externals, edges, count, total, total // count


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    # Symmetry factors are mostly small powers of two: the common small ones (and S = 1) are kept with a lower
    # probability, so no single value dominates. Two thirds of the problems ask instead for the number of contractions
    # producing the diagram, or for its coupling prefactor (the same counting, other answers).
    while True:
        counts, kinds, types, externals, edges, count, total, S = _candidate(rng, level, u, config)
        if rng.random() < ACCEPT.get(S, 1.0):
            break
    want = pick(rng, ("S", "count", "weight"))
    edges = _canonical(edges, types)
    theory = tuple(sorted(set(counts) | ({"phi2chi", "chi3", "phi4"} if "phi2chi" in counts else set())))
    two_fields = "phi2chi" in counts
    n = sum(counts.values())
    fields = "".join(rf"{FIELD_TEX[f]}({x})" for x, f in sorted(externals.items()))
    E = len(externals)
    ext_txt = ("a connected vacuum diagram (no external points)" if E == 0 else
               f"a connected diagram contributing to the {E}-point function "
               rf"$\langle \Omega|T\{{{fields}\}}|\Omega\rangle$")
    order = ", ".join(f"{counts[t]} {_vertex_word(t)} vert" + ("ices" if counts[t] > 1 else "ex") for t in sorted(counts))
    weight = sp.Integer(1) / S
    for t in sorted(counts):
        weight *= (-sp.I * sp.Symbol(COUPLING[t], positive=True)) ** counts[t]
    couplings = [COUPLING[t] for t in sorted(counts)]
    question = {
        "S": ("Find its symmetry factor $S$, defined so that the diagram's value is $\\frac{1}{S}$ times the product "
              "of $(-i \\times\\text{coupling})$ per vertex, propagators and integrals. Give $S$ as a single integer in "
              "`\\boxed{}`."),
        "count": ("How many of the complete Wick contractions of the external fields with the fields of these vertices "
                  "(all fields distinct operators) produce exactly this diagram? Give the count as a single integer in "
                  "`\\boxed{}`."),
        "weight": ("Write the diagram's value as $c$ times its propagators and position integrals, where $c$ collects "
                   "the vertex factors ($-i$ times the coupling of each vertex, as read off $\\mathcal L_{\\rm int}$ "
                   "with its $1/S_t$ removed) and the symmetry factor. Find $c$. "
                   + ask("$c$", [COUPLING_TEX[x] for x in couplings])),
    }[want]
    problem = "\n\n".join([
        conventions(UNITS),
        f"In {THEORY_TEXT[theory]}, consider {ext_txt} with {order} (labels are only for the description; "
        f"vertices of the same type are integrated over and interchangeable): "
        f"{describe(edges, kinds, externals, two_fields)}.",
        question,
    ])
    norm = r"\,".join(f"{counts[t]}!\\,({VERTICES[t][2]})^{{{counts[t]}}}" for t in sorted(counts))
    answer = {"S": str(S), "count": str(count), "weight": tex(weight)}[want]
    lines = [
        f"Expanding $e^{{i\\int\\mathcal L_{{\\rm int}}}}$, the term with these {n} vertices carries "
        f"$1/[{norm}] = 1/{total}$ (a $1/n_t!$ from the exponential per vertex type and the $1/S_t$ of each term) times "
        f"the Wick contractions of the {E} external field{'s' if E != 1 else ''} with the vertex fields.",
        f"Counting the contractions that produce this diagram (distinct labellings of the interchangeable vertices "
        f"times the ways of pairing the legs along its lines) gives {count}.",
        f"The diagram therefore comes with $\\frac{{{count}}}{{{total}}} = \\frac{{1}}{{{S}}}$ times the couplings "
        f"(symmetry factor {S}, the order of its automorphism group)"
        + (f", i.e. $c = {answer}$." if want == "weight" else "."),
        f"$$\\boxed{{{answer}}}$$",
    ]
    params = {"vertices": {t: counts[t] for t in sorted(counts)}, "ask": want,
              "externals": [[x, f] for x, f in sorted(externals.items())],
              "edges": [[list(e), m] for e, m in sorted(edges.items())]}
    return Draft(problem=problem, answer=answer, solution="\n".join(lines), params=params,
                 symbols=couplings if want == "weight" else [],
                 answer_type="expression" if want == "weight" else "numeric", difficulty=d)


register(Family(
    name=NAME, category="Path Integrals and Quantization", levels=LEVELS,
    description="Symmetry factors of phi^3 / phi^4 / two-field scalar diagrams by counting Wick contractions",
    generate=generate, config=Config(),
    version=2,  # 2: difficulty knob; random diagrams up to five vertices, mixed and two-field theories
    reference="Peskin & Schroeder §4.4 (symmetry factors, eq. (4.45) context); Srednicki ch. 9 (phi^3 vacuum diagrams)",
))
