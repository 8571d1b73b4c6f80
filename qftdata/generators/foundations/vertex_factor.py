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

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.foundations._knob import band_pick, band_scale
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, ask, conventions, tex

NAME = "foundations.vertex_factor"


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


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
    species = sorted({sl[1] for sl in slots} | set(legs))
    slot_idx = {x: [k for k, sl in enumerate(slots) if sl[1] == x] for x in species}
    leg_idx = {x: [k for k, lg in enumerate(legs) if lg == x] for x in species}
    if any(len(slot_idx[x]) != len(leg_idx[x]) for x in species):
        return sp.Integer(0)
    # only same-species assignments contribute: enumerate permutations within each species (a! b! ... of them,
    # not (a + b + ...)! of which most are rejected)
    counts: dict = {}
    for choice in itertools.product(*(itertools.permutations(leg_idx[x]) for x in species)):
        perm = {}
        for x, assigned in zip(species, choice, strict=True):
            perm.update(zip(slot_idx[x], assigned, strict=True))
        by_tag: dict[int, list[int]] = {}
        for k, slot in enumerate(slots):
            if slot[0] == "d":
                by_tag.setdefault(slot[2], []).append(perm[k] + 1)
        key = tuple(sorted(tuple(sorted(pair)) for pair in by_tag.values()))
        counts[key] = counts.get(key, 0) + 1
    total = sp.Integer(0)
    for key, n in counts.items():
        term = sp.Integer(n)
        for a, b in key:
            term *= (-sp.I) ** 2 * dot(a, b)
        total += term
    return sp.expand(total)


NORM_POOL = (1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 18, 20, 24, 36, 48, 72, 120, 144)
SPECIES_TEX = {"phi": r"\phi", "chi": r"\chi", "sigma": r"\sigma", "Phi": r"\Phi", "Psi": r"\Psi"}


def _power(name: str, k: int) -> str:
    return "" if k == 0 else SPECIES_TEX[name] + (f"^{{{k}}}" if k > 1 else "")


def _norm(rng: random.Random, dv: float, level: str) -> int:
    return rng.choice(NORM_POOL[: band_scale(dv, level, 6, len(NORM_POOL))])


def _real(rng: random.Random, dv: float, level: str):
    """Real scalars phi^a chi^b sigma^c (more species and higher powers with the knob)."""
    n_species = band_scale(dv, level, 1, 3)
    top = band_scale(dv, level, 3, 6)
    while True:
        powers = [rng.randint(1, top)] + [rng.randint(1, 3) for _ in range(n_species - 1)]
        if 3 <= sum(powers) <= 8:
            break
    names = ("phi", "chi", "sigma")[:n_species]
    slots = [("f", nm) for nm, k in zip(names, powers, strict=False) for _ in range(k)]
    mono = "".join(_power(nm, k) for nm, k in zip(names, powers, strict=False))
    fields = {1: r"a real scalar field $\phi$", 2: r"two real scalar fields $\phi$ and $\chi$",
              3: r"three real scalar fields $\phi$, $\chi$ and $\sigma$"}[n_species]
    legs_txt = " and ".join(f"{k} ${SPECIES_TEX[nm]}$ line{'s' if k > 1 else ''}"
                            for nm, k in zip(names, powers, strict=False))
    return slots, mono, fields, legs_txt, {"powers": dict(zip(names, powers, strict=False))}


def _complex(rng: random.Random, dv: float, level: str):
    """(Phi^dag Phi)^k times phi^a or (Psi^dag Psi)^j: functional derivatives w.r.t. Phi and Phi^dag separately."""
    second = band_pick(dv, level, rng, ("none", "phi", "Psi"))
    k = rng.randint(1, 3)
    j = rng.randint(1, 2) if second == "Psi" else 0
    a = rng.randint(1, 3) if second == "phi" else 0
    if second == "none" and k == 1:
        k = 2
    slots = [("f", "Phi")] * k + [("f", "Phidag")] * k + [("f", "Psi")] * j + [("f", "Psidag")] * j + [("f", "phi")] * a
    mono = (r"(\Phi^\dagger\Phi)" + (f"^{{{k}}}" if k > 1 else "")
            + ((r"(\Psi^\dagger\Psi)" + (f"^{{{j}}}" if j > 1 else "")) if j else "") + _power("phi", a))
    fields = r"a complex scalar field $\Phi$" + {"none": "", "phi": r" and a real scalar $\phi$",
                                                  "Psi": r" and a second complex scalar $\Psi$"}[second]
    legs_txt = (f"{k} lines differentiated with respect to $\\Phi$, {k} with respect to $\\Phi^\\dagger$"
                + (f", {j} with respect to $\\Psi$ and {j} with respect to $\\Psi^\\dagger$" if j else "")
                + (f" and {a} $\\phi$ line{'s' if a > 1 else ''}" if a else ""))
    return slots, mono, fields, legs_txt, {"k": k, "j": j, "a": a}


def _derivative(rng: random.Random, dv: float, level: str):
    """phi^a d chi.d chi (legs of two species) or phi^a d phi.d phi (one species: momentum conservation and
    the mass shell turn the vertex into a number times m^2)."""
    kind = band_pick(dv, level, rng, ("chi", "chi", "same"))
    a = rng.randint(1, 4)
    if kind == "chi":
        slots = [("d", "chi", 0), ("d", "chi", 0)] + [("f", "phi")] * a
        mono = _power("phi", a) + r"\,\partial_\mu\chi\,\partial^\mu\chi"
        fields = r"two real scalar fields $\phi$ (mass $M$) and $\chi$ (mass $m$)"
        legs_txt = ("two $\\chi$ lines with momenta $p_1$, $p_2$ and "
                    + (f"{a} $\\phi$ lines with momenta $p_3,\\dots,p_{{{a + 2}}}$" if a > 1
                       else "one $\\phi$ line with momentum $p_3$") + ", all on shell")
        extra = (" Express the result through $m$ and the invariant $s_{12} \\equiv (p_1 + p_2)^2$ "
                 "of the two $\\chi$ momenta.")
    else:
        slots = [("d", "phi", 0), ("d", "phi", 0)] + [("f", "phi")] * a
        mono = _power("phi", a) + r"\,\partial_\mu\phi\,\partial^\mu\phi"
        fields = r"a real scalar field $\phi$ of mass $m$"
        legs_txt = f"{a + 2} $\\phi$ lines with momenta $p_1,\\dots,p_{{{a + 2}}}$, all on shell"
        extra = " Express the result through $m$, using momentum conservation."
    return slots, mono, fields, legs_txt, {"deriv": kind, "a": a}, extra


def _on_shell(vertex: sp.Expr, kind: str, n_legs: int) -> tuple[sp.Expr, str]:
    """Reduce the dot products: (p_1 + p_2)^2 = s_12 for the chi pair; for one species every pair enters with
    the same weight and sum_{i<j} p_i.p_j = ((sum p)^2 - sum p^2)/2 = -n m^2/2."""
    m, s12 = sp.Symbol("m", positive=True), sp.Symbol("s_12", positive=True)
    if kind == "chi":
        note = r"On shell $p_1^2 = p_2^2 = m^2$, so $p_1\cdot p_2 = \tfrac12(s_{12} - 2m^2)$."
        return sp.factor(vertex.subs({dot(1, 2): (s12 - 2 * m**2) / 2})), note
    pairs = [dot(i, j) for i in range(1, n_legs + 1) for j in range(i + 1, n_legs + 1)]
    coeffs = {sp.expand(vertex).coeff(x) for x in pairs}
    if len(coeffs) != 1:
        raise ArithmeticError("same-species derivative vertex must be symmetric in the legs")
    (c,) = coeffs
    note = (rf"Every pair of legs enters with the same weight, and with all momenta incoming $\sum_i p_i = 0$: "
            rf"$\sum_{{i<j}}p_i\cdot p_j = \tfrac12\left[(\sum_i p_i)^2 - \sum_i p_i^2\right] = -\tfrac{{{n_legs}}}{{2}}m^2$.")
    return sp.factor(c * (-sp.Rational(n_legs, 2) * m**2)), note


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    g = sp.Symbol("g", positive=True)
    lam = sp.Symbol("lambda", positive=True)
    extra, kind = "", {"advanced-undergraduate": "real", "graduate": "complex"}.get(level, "derivative")
    if kind == "real":
        slots, mono, fields, legs_txt, params = _real(rng, dv, level)
        coup, coup_name, symbols = g, "g", ["g"]
    elif kind == "complex":
        slots, mono, fields, legs_txt, params = _complex(rng, dv, level)
        coup, coup_name, symbols = (lam, r"\lambda", ["lambda"]) if not params["a"] else (g, "g", ["g"])
    else:
        slots, mono, fields, legs_txt, params, extra = _derivative(rng, dv, level)
        coup, coup_name = g, "g"
        symbols = ["g", "m", "s_12"] if params["deriv"] == "chi" else ["g", "m"]
    norm = _norm(rng, dv, level)
    params = {"kind": kind, **params, "norm": norm}
    legs = [sl[1] for sl in slots]
    raw = vertex_sum(slots, legs)
    vertex = sp.expand(sp.I * (-coup / norm) * raw)
    vertex_raw = vertex
    if kind == "derivative":
        vertex, onshell = _on_shell(vertex, params["deriv"], len(legs))
    norm_tex = "" if norm == 1 else rf"\frac{{1}}{{{norm}}}"
    problem = "\n\n".join([
        conventions(UNITS, METRIC) + (r" A field $X(x) \propto e^{-ip\cdot x}$ with incoming momentum $p$, so "
                                      r"$\partial_\mu \to -ip_\mu$ on an incoming line." if kind == "derivative" else ""),
        f"A theory of {fields} has the interaction Lagrangian $$\\mathcal L_{{\\rm int}} = -{norm_tex}{coup_name}\\,{mono}.$$",
        "The vertex factor is $i$ times the functional derivative of $\\int d^4x\\,\\mathcal L_{\\rm int}$ with respect "
        f"to the fields of the external lines (momentum-conserving delta function stripped). Find the vertex factor "
        f"for the vertex with {legs_txt}, all momenta incoming.{extra} "
        + ask("it", [{"lambda": r"\lambda", "s_12": "s_{12}"}.get(x, x) for x in symbols]),
    ])
    n_assign = math.prod(math.factorial(legs.count(x)) for x in set(legs))  # same-species assignments
    lines = [
        "Each functional derivative removes one field from the monomial; summing over all ways of assigning the "
        f"{len(legs)} external lines to the {len(slots)} field slots of the same species gives "
        f"{n_assign} assignments.",
    ]
    if kind == "derivative":
        raw_tex = tex(vertex_raw)
        for i in range(1, len(legs) + 1):
            for j in range(i, len(legs) + 1):
                raw_tex = raw_tex.replace(f"P_{{{i}{j}}}", rf"(p_{i}\cdot p_{j})")
        lines += [
            r"A derivative acting on a line with incoming momentum $p$ gives $-ip_\mu$, so "
            r"$\partial_\mu X\,\partial^\mu Y \to (-ip_a)\cdot(-ip_b) = -p_a\cdot p_b$ for each assignment.",
            rf"Thus $i\times(-{norm_tex}g)\times(\text{{sum}}) = {raw_tex}$.",
            onshell,
        ]
    else:
        lines.append(rf"Each assignment contributes 1, so the vertex is $i\times(-{norm_tex}{coup_name})\times {n_assign} = "
                     rf"{tex(vertex)}$.")
    lines.append(rf"$$\boxed{{{tex(vertex)}}}$$")
    return Draft(problem=problem, answer=tex(vertex), solution="\n".join(lines), params=params, symbols=symbols,
                 difficulty=dv)


register(Family(
    name=NAME, category="Foundations and Scalar Fields",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="Vertex factors from interaction Lagrangians (identical fields, complex fields, derivative couplings)",
    generate=generate, config=Config(), version=2,  # 2: knob; three species, two complex fields, phi^a (dphi)^2
    reference="Peskin & Schroeder §4.4 (phi^4 vertex -i lambda); Srednicki ch. 9-10 (vertex factor = i x coefficient x symmetry)",
))
