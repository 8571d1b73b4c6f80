"""Feynman-rule vertex factors read off an interaction Lagrangian by functional differentiation.

The vertex factor for legs (X1(p1), ..., Xn(pn)), all momenta incoming, is
    i * delta^n (int d^4x L_int) / delta X1(p1) ... delta Xn(pn)  (momentum conservation stripped),
which the family evaluates by *enumerating* every assignment of the external legs to the field slots of
the monomial (a field X(x) ~ e^{-ip.x} contributes 1, a derivative d_mu X contributes -i p_mu). Identical
fields give the combinatorial factors; derivative couplings give momentum dependence, expressed on shell.
The test checks against the textbook rules: -i lambda for -(lambda/4!) phi^4 (Peskin & Schroeder
eq. (4.62)/Fig. 4.x; Srednicki ch. 9-10), -i lambda for -(lambda/4)(Phi^dag Phi)^2 (Srednicki ch. 22 conventions
give -i lambda for lambda/4), and i V = -i g a! b!/N in general.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, ask, conventions, tex

NAME = "foundations.vertex_factor"
NORMS = ("1", "a!", "b!", "a!b!", "2", "k")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_power: int = 4


def dot(i: int, j: int) -> sp.Symbol:
    i, j = sorted((i, j))
    return sp.Symbol(f"P_{i}{j}")


def vertex_sum(slots: list, legs: list[str]) -> sp.Expr:
    """Sum over assignments of legs to slots (functional differentiation).

    slots: entries ("f", species) for a bare field, ("d", species, tag) for one factor of a contracted
    derivative pair d_mu X d^mu Y (the two halves share `tag`). legs: species of leg 1..n.
    Returns the sum of products of derivative factors, with (-i p_a).(-i p_b) = -p_a.p_b.
    """
    if len(slots) != len(legs):
        return sp.Integer(0)
    total = sp.Integer(0)
    for perm in itertools.permutations(range(len(legs))):
        if any(slots[k][1] != legs[perm[k]] for k in range(len(slots))):
            continue
        term = sp.Integer(1)
        by_tag: dict[int, list[int]] = {}
        for k, slot in enumerate(slots):
            if slot[0] == "d":
                by_tag.setdefault(slot[2], []).append(perm[k] + 1)
        for a, b in by_tag.values():
            term *= (-sp.I) ** 2 * dot(a, b)
        total += term
    return sp.expand(total)


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    g = sp.Symbol("g", positive=True)
    lam = sp.Symbol("lambda", positive=True)
    if level == "advanced-undergraduate":
        kind = "real"
    elif level == "graduate":
        kind = rng.choice(["complex", "mixed"])
    else:
        kind = "derivative"
    if kind == "real":
        a, b = rng.randint(1, config.max_power), rng.randint(0, config.max_power)
        if a + b < 3:
            b = 3 - a
        norm = rng.choice([1, math.factorial(a), math.factorial(b), math.factorial(a) * math.factorial(b), 2])
        coup, coup_name = g, "g"
        slots = [("f", "phi")] * a + [("f", "chi")] * b
        legs = ["phi"] * a + ["chi"] * b
        mono = r"\phi" + (f"^{{{a}}}" if a > 1 else "") + ((r"\chi" + (f"^{{{b}}}" if b > 1 else "")) if b else "")
        fields = r"two real scalar fields $\phi$ and $\chi$" if b else r"a real scalar field $\phi$"
        legs_txt = f"{a} $\\phi$ lines" + (f" and {b} $\\chi$ lines" if b else "")
        symbols, extra = ["g"], ""
        params = {"kind": kind, "a": a, "b": b, "norm": norm}
    elif kind in ("complex", "mixed"):
        k = rng.randint(1, 3)
        a = 0 if kind == "complex" else rng.randint(1, config.max_power - 1)
        if kind == "complex" and k == 1:
            k = 2
        norm = rng.choice([1, 2, 4, math.factorial(k) ** 2, math.factorial(k)] + ([math.factorial(a)] if a else []))
        coup, coup_name = (lam, r"\lambda") if kind == "complex" else (g, "g")
        slots = [("f", "Phi")] * k + [("f", "Phidag")] * k + [("f", "phi")] * a
        legs = ["Phi"] * k + ["Phidag"] * k + ["phi"] * a
        mono = (r"(\Phi^\dagger\Phi)" + (f"^{{{k}}}" if k > 1 else "")
                + ((r"\phi" + (f"^{{{a}}}" if a > 1 else "")) if a else ""))
        fields = (r"a complex scalar field $\Phi$" + (r" and a real scalar $\phi$" if a else ""))
        legs_txt = (f"{k} lines differentiated with respect to $\\Phi$, {k} with respect to $\\Phi^\\dagger$"
                    + (f" and {a} $\\phi$ lines" if a else ""))
        symbols, extra = (["lambda"] if kind == "complex" else ["g"]), ""
        params = {"kind": kind, "k": k, "a": a, "norm": norm}
    else:
        a = rng.randint(1, config.max_power - 1)
        norm = rng.choice([1, 2, math.factorial(a), 2 * math.factorial(a)])
        coup, coup_name = g, "g"
        slots = [("d", "chi", 0), ("d", "chi", 0)] + [("f", "phi")] * a
        legs = ["chi", "chi"] + ["phi"] * a
        mono = r"\phi" + (f"^{{{a}}}" if a > 1 else "") + r"\,\partial_\mu\chi\,\partial^\mu\chi"
        fields = r"two real scalar fields $\phi$ (mass $M$) and $\chi$ (mass $m$)"
        legs_txt = ("two $\\chi$ lines with momenta $p_1$, $p_2$ and "
                    + (f"{a} $\\phi$ lines with momenta $p_3,\\dots,p_{{{a + 2}}}$" if a > 1
                       else "one $\\phi$ line with momentum $p_3$") + ", all on shell")
        symbols = ["g", "m", "s_12"]
        extra = (" Express the result through $m$ and the invariant $s_{12} \\equiv (p_1 + p_2)^2$ "
                 "of the two $\\chi$ momenta.")
        params = {"kind": kind, "a": a, "norm": norm}
    raw = vertex_sum(slots, legs)
    pref = sp.I * (-coup / norm)
    vertex = sp.expand(pref * raw)
    onshell = ""
    if kind == "derivative":
        m, s12 = sp.Symbol("m", positive=True), sp.Symbol("s_12", positive=True)
        # (p_1 + p_2)^2 = 2 m^2 + 2 p_1.p_2 on shell
        rule = {dot(1, 2): (s12 - 2 * m**2) / 2}
        onshell = r"On shell $p_1^2 = p_2^2 = m^2$, so $p_1\cdot p_2 = \tfrac12(s_{12} - 2m^2)$."
        vertex_raw_tex = tex(vertex).replace("P_{12}", r"(p_1\cdot p_2)")
        vertex = sp.factor(vertex.subs(rule))
    norm_tex = "" if norm == 1 else rf"\frac{{1}}{{{norm}}}"
    problem = "\n\n".join([
        conventions(UNITS, METRIC) + (r" A field $X(x) \propto e^{-ip\cdot x}$ with incoming momentum $p$, so "
                                      r"$\partial_\mu \to -ip_\mu$ on an incoming line." if kind == "derivative" else ""),
        f"A theory of {fields} has the interaction Lagrangian $$\\mathcal L_{{\\rm int}} = -{norm_tex}{coup_name}\\,{mono}.$$",
        "The vertex factor is $i$ times the functional derivative of $\\int d^4x\\,\\mathcal L_{\\rm int}$ with respect "
        f"to the fields of the external lines (momentum-conserving delta function stripped). Find the vertex factor "
        f"for the vertex with {legs_txt}, all momenta incoming.{extra} "
        + ask("it", [{"lambda": r"\lambda", "s_12": "s_{12}"}.get(s, s) for s in symbols]),
    ])
    n_assign = sum(1 for p in itertools.permutations(range(len(legs)))
                   if all(slots[k][1] == legs[p[k]] for k in range(len(slots))))
    lines = [
        "Each functional derivative removes one field from the monomial; summing over all ways of assigning the "
        f"{len(legs)} external lines to the {len(slots)} field slots of the same species gives "
        f"{n_assign} assignments.",
    ]
    if kind == "derivative":
        lines += [
            r"A derivative acting on a line with incoming momentum $p$ gives $-ip_\mu$, so "
            r"$\partial_\mu\chi\,\partial^\mu\chi \to (-ip_a)\cdot(-ip_b) = -p_a\cdot p_b$ for each assignment.",
            rf"Thus $i\times(-{norm_tex}g)\times(\text{{sum}}) = {vertex_raw_tex}$.",
            onshell,
        ]
    else:
        lines.append(rf"Each assignment contributes 1, so the vertex is $i\times(-{norm_tex}{coup_name})\times {n_assign} = "
                     rf"{tex(vertex)}$.")
    lines.append(rf"$$\boxed{{{tex(vertex)}}}$$")
    return Draft(problem=problem, answer=tex(vertex), solution="\n".join(lines), params=params, symbols=symbols)


register(Family(
    name=NAME, category="Foundations and Scalar Fields",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="Vertex factors from interaction Lagrangians (identical fields, complex fields, derivative couplings)",
    generate=generate, config=Config(), version=1,
    reference="Peskin & Schroeder §4.4 (phi^4 vertex -i lambda); Srednicki ch. 9-10 (vertex factor = i x coefficient x symmetry)",
))
