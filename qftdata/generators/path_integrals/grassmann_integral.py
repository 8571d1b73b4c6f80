"""Grassmann (Berezin) integrals of fermionic Gaussians, computed in an explicit Grassmann algebra.

The family builds exp(-thetabar B theta) (plus fermion bilinear insertions) as a polynomial in the
anticommuting generators theta_i, thetabar_i, and integrates with the measure
prod_i d thetabar_i d theta_i using the Berezin rule (int d theta theta = 1, left derivative, innermost
differential first). The test checks Peskin & Schroeder eqs. (9.69)-(9.70):
int prod dthetabar dtheta exp(-thetabar B theta) = det B and
int ... theta_i thetabar_j exp(-thetabar B theta) = det B (B^{-1})_ij, plus the fermionic Wick rule
<theta_i thetabar_j theta_k thetabar_l> = G_ij G_kl - G_il G_kj.
Levels (rubric): advanced-undergraduate — two pairs, numeric B; graduate — three or four pairs (the knob);
advanced-graduate — symbolic entries (m on the diagonal, +-g off it).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position
from qftdata.generators.registry import register
from qftdata.generators.text import ask, matrix_tex, tex

NAME = "path_integrals.grassmann_integral"


class Grassmann:
    """Element of a Grassmann algebra: {sorted tuple of generator ids: sympy coefficient}."""

    def __init__(self, terms: dict[tuple[int, ...], sp.Expr] | None = None):
        self.terms = {k: v for k, v in (terms or {}).items() if v != 0}

    @classmethod
    def gen(cls, i: int) -> Grassmann:
        return cls({(i,): sp.Integer(1)})

    @classmethod
    def scalar(cls, c) -> Grassmann:
        return cls({(): sp.sympify(c)})  # trusted: generator-internal values, never model text

    def __add__(self, other: Grassmann) -> Grassmann:
        out = dict(self.terms)
        for k, v in other.terms.items():
            out[k] = sp.expand(out.get(k, 0) + v)
        return Grassmann(out)

    def scale(self, c) -> Grassmann:
        return Grassmann({k: sp.expand(c * v) for k, v in self.terms.items()})

    def __mul__(self, other: Grassmann) -> Grassmann:
        out: dict[tuple[int, ...], sp.Expr] = {}
        for ka, va in self.terms.items():
            for kb, vb in other.terms.items():
                if set(ka) & set(kb):
                    continue  # theta^2 = 0
                seq = list(ka + kb)
                sign = 1  # bubble sort, counting transpositions
                for i in range(len(seq)):
                    for j in range(len(seq) - 1 - i):
                        if seq[j] > seq[j + 1]:
                            seq[j], seq[j + 1] = seq[j + 1], seq[j]
                            sign = -sign
                key = tuple(seq)
                out[key] = sp.expand(out.get(key, 0) + sign * va * vb)
        return Grassmann(out)

    def exp(self) -> Grassmann:
        """exp of an even element with no body: the series terminates (nilpotent)."""
        result, power, k = Grassmann.scalar(1), Grassmann.scalar(1), 0
        while True:
            k += 1
            power = power * self
            if not power.terms:
                return result
            result = result + power.scale(sp.Rational(1, sp.factorial(k)))

    def berezin(self, i: int) -> Grassmann:
        """int d theta_i (...) = left derivative with respect to theta_i."""
        out = {}
        for key, v in self.terms.items():
            if i in key:
                pos = key.index(i)
                out[key[:pos] + key[pos + 1:]] = (-1) ** pos * v
        return Grassmann(out)


def theta(i: int) -> int:
    return 2 * i + 1


def thetabar(i: int) -> int:
    return 2 * i


def gaussian_integral(B: sp.Matrix, insert: list[tuple[str, int]] = ()) -> sp.Expr:
    """int prod_i d thetabar_i d theta_i  [insertions] exp(-thetabar B theta)."""
    n = B.shape[0]
    action = Grassmann()
    for i in range(n):
        for j in range(n):
            if B[i, j] != 0:
                action = action + (Grassmann.gen(thetabar(i)) * Grassmann.gen(theta(j))).scale(-B[i, j])
    integrand = action.exp()
    pre = Grassmann.scalar(1)
    for kind, i in insert:
        pre = pre * Grassmann.gen(theta(i) if kind == "theta" else thetabar(i))
    integrand = pre * integrand
    # measure d thetabar_1 d theta_1 ... d thetabar_n d theta_n: the rightmost differential acts first
    for i in reversed(range(n)):
        integrand = integrand.berezin(theta(i)).berezin(thetabar(i))
    return sp.factor(integrand.terms.get((), sp.Integer(0)))


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_entry: int = 3


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    symbolic = level == "advanced-graduate"
    # advanced-undergraduate: 2 numeric pairs; graduate: 3 or 4; advanced-graduate: symbolic entries, 2 or 3
    n = {"advanced-undergraduate": 2, "graduate": 3 + (rng.random() < 0.6 * u),
         "advanced-graduate": 2 + (rng.random() < 0.3 + 0.6 * u)}[level]
    symbols: list[str] = []
    while True:
        if symbolic:
            m, g = sp.symbols("m g", positive=True)
            pattern = [[rng.choice([0, 1, -1]) if i != j else 0 for j in range(n)] for i in range(n)]
            B = sp.Matrix([[m if i == j else pattern[i][j] * g for j in range(n)] for i in range(n)])
            symbols = ["m", "g"]
        else:
            B = sp.Matrix(n, n, lambda i, j: rng.randint(-config.max_entry, config.max_entry))
        if B.det() != 0 and (not symbolic or any(B[i, j] != 0 for i in range(n) for j in range(n) if i != j)):
            break
    for _attempt in range(20):  # redraw the insertion when it gives 0 or +-1 (trivial guesses)
        kind = rng.choice(["Z", "two", "four"] if level != "advanced-undergraduate" else ["Z", "two"])
        Z = gaussian_integral(B)
        if kind == "Z":
            insert: list = []
            target = rf"\int \prod_{{i=1}}^{{{n}}} d\bar\theta_i\, d\theta_i\; e^{{-\bar\theta B\theta}}"
            answer = Z
            params = {"kind": kind}
        else:
            npair = 1 if kind == "two" else 2
            idx = [rng.randrange(n) for _ in range(2 * npair)]
            insert = [("theta", idx[0]), ("thetabar", idx[1])] + ([("theta", idx[2]), ("thetabar", idx[3])] if npair == 2 else [])
            ops = " ".join((r"\theta_{%d}" if k == "theta" else r"\bar\theta_{%d}") % (i + 1) for k, i in insert)
            target = rf"\langle {ops}\rangle"
            answer = sp.factor(sp.simplify(gaussian_integral(B, insert) / Z))
            params = {"kind": kind, "idx": idx}
        if answer not in (0, 1, -1) or rng.random() < 0.1:
            break
    params["B"] = [[str(x) for x in row] for row in B.tolist()]
    if symbolic:
        params["symbolic"] = True
    problem = "\n\n".join([
        rf"Let $\theta_i, \bar\theta_i$ ($i = 1,\dots,{n}$) be independent Grassmann variables, with Berezin integration "
        r"$\int d\theta\, \theta = 1$, $\int d\theta\, 1 = 0$ (each $\int d\theta$ acts as a left derivative, the "
        r"innermost differential first), measure $\prod_i d\bar\theta_i\, d\theta_i = d\bar\theta_1 d\theta_1 \cdots$, "
        rf"and $\bar\theta B \theta = \sum_{{ij}}\bar\theta_i B_{{ij}}\theta_j$ with $$B = {matrix_tex(B.tolist())}.$$",
        ("" if kind == "Z" else r"Expectation values are $\langle \mathcal O\rangle = \frac{\int \prod d\bar\theta d\theta\, "
         r"\mathcal O\, e^{-\bar\theta B\theta}}{\int \prod d\bar\theta d\theta\, e^{-\bar\theta B\theta}}$. ")
        + f"Evaluate ${target}$. " + (ask("it", ["m", "g"]) if symbolic else ask("it")),
    ])
    lines = [
        r"Expand the exponential in the Grassmann algebra: $e^{-\bar\theta B\theta} = \sum_k \frac{(-\bar\theta B\theta)^k}{k!}$ "
        rf"terminates at $k = {n}$ because $\theta_i^2 = \bar\theta_i^2 = 0$. Only the term containing every generator "
        r"exactly once survives the integration.",
        rf"Reordering each such term into $\bar\theta_1\theta_1\cdots$ form (with the signs from anticommutation) and "
        rf"integrating gives $\int \prod d\bar\theta d\theta\, e^{{-\bar\theta B\theta}} = \det B = {tex(Z)}$.",
    ]
    if kind != "Z":
        lines.append(rf"With the insertion, the generators in the insertion must be absent from the expanded exponential; "
                     rf"the surviving terms give the numerator ${tex(gaussian_integral(B, insert))}$, and dividing by $\det B$ "
                     rf"(this is the fermionic Wick rule with propagator $B^{{-1}}$):")
        lines.append(rf"$${target} = {tex(answer)}$$")
    lines.append(rf"$$\boxed{{{tex(answer)}}}$$")
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(lines), params=params, symbols=symbols,
                 answer_type="expression" if symbolic else "numeric", difficulty=d)


register(Family(
    name=NAME, category="Path Integrals and Quantization",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="Berezin integrals of fermionic Gaussians with insertions, in an explicit Grassmann algebra",
    generate=generate, config=Config(),
    version=2,  # 2: difficulty knob (graduate reaches four pairs of generators)
    reference="Peskin & Schroeder §9.5, eqs. (9.69)-(9.70) (Grassmann Gaussian integrals)",
))
