"""Gaussian integrals and moments: the generating functional of a finite-dimensional free theory.

Z[J] = int d^n x exp(-x^T A x/2 + J^T x) for a random positive-definite integer matrix A. The family
completes the square with sympy (A^{-1}, det A) and obtains moments by *differentiating* Z[J]/Z[0]
with respect to the sources; the zero-dimensional anharmonic variant expands exp(-g x^4/4!) and
integrates term by term. The test checks Isserlis/Wick (<x_i x_j x_k x_l> = G_ij G_kl + G_ik G_jl +
G_il G_jk), (2n-1)!!/a^n, and a direct numerical quadrature of the integral (Zee, QFT in a Nutshell,
ch. I.2, eqs. (I.2.13)-(I.2.16); Srednicki ch. 8-9).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.text import ask, matrix_tex, tex

NAME = "path_integrals.gaussian_moments"


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_entry: int = 4


def random_spd(rng: random.Random, n: int, max_entry: int) -> sp.Matrix:
    while True:
        A = sp.zeros(n, n)
        for i in range(n):
            A[i, i] = rng.randint(1, max_entry + 1)
            for j in range(i):
                A[i, j] = A[j, i] = rng.randint(-max_entry // 2, max_entry // 2)
        if all(A[:k, :k].det() > 0 for k in range(1, n + 1)):
            return A


def moment(A: sp.Matrix, idx: tuple[int, ...]) -> sp.Expr:
    """<x_{i1} ... x_{ik}> = d^k/dJ... exp(J^T A^{-1} J / 2) at J = 0."""
    n = A.shape[0]
    J = sp.symbols(f"J_1:{n + 1}")
    Jv = sp.Matrix(J)
    W = (Jv.T * A.inv() * Jv)[0, 0] / 2
    Z = sp.exp(W)
    for i in idx:
        Z = sp.diff(Z, J[i])
    return sp.simplify(Z.subs(dict.fromkeys(J, 0)))


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    if level == "postgraduate":
        return _anharmonic(rng)
    n = {"advanced-undergraduate": 2, "graduate": 2}.get(level, 3)
    A = random_spd(rng, n, config.max_entry)
    Ainv = A.inv()
    kind = rng.choice(["two", "four", "Z"]) if level != "advanced-undergraduate" else rng.choice(["two", "Z"])
    if level == "advanced-graduate":
        kind = rng.choice(["four", "Z"])
    xs = ", ".join(f"x_{i + 1}" for i in range(n))
    setup = (f"Let $x = ({xs})$ and $$Z[J] = \\int d^{n}x\\; \\exp\\!\\left(-\\tfrac12 x^T A x + J^T x\\right),\\qquad "
             f"A = {matrix_tex(A.tolist())}.$$ Moments are $\\langle x_{{i_1}}\\cdots x_{{i_k}}\\rangle = "
             f"Z[0]^{{-1}}\\int d^{n}x\\, x_{{i_1}}\\cdots x_{{i_k}}\\, e^{{-x^TAx/2}}$.")
    if kind == "two":
        idx = tuple(sorted(rng.choices(range(n), k=2)))
        answer = moment(A, idx)
        target = rf"\langle x_{{{idx[0] + 1}}} x_{{{idx[1] + 1}}}\rangle"
        params = {"A": A.tolist(), "kind": kind, "idx": list(idx)}
    elif kind == "four":
        idx = tuple(sorted(rng.choices(range(n), k=4)))
        answer = moment(A, idx)
        target = r"\langle " + " ".join(f"x_{{{i + 1}}}" for i in idx) + r"\rangle"
        params = {"A": A.tolist(), "kind": kind, "idx": list(idx)}
    else:
        Jval = sp.Matrix([rng.randint(-2, 2) for _ in range(n)])
        if not any(Jval):
            Jval[0] = 1
        quad = (Jval.T * Ainv * Jval)[0, 0]
        answer = (2 * sp.pi) ** sp.Rational(n, 2) / sp.sqrt(A.det()) * sp.exp(quad / 2)
        target = f"Z[J]\\text{{ at }}J = ({', '.join(tex(j) for j in Jval)})"
        params = {"A": A.tolist(), "kind": kind, "J": [int(j) for j in Jval]}
    problem = "\n\n".join([setup, f"Evaluate ${target}$ exactly. " + ask("it")])
    lines = [
        r"Complete the square: $-\tfrac12 x^TAx + J^Tx = -\tfrac12 (x - A^{-1}J)^T A (x - A^{-1}J) + \tfrac12 J^T A^{-1} J$, so",
        rf"$$Z[J] = \frac{{(2\pi)^{{{n}/2}}}}{{\sqrt{{\det A}}}}\,e^{{\frac12 J^TA^{{-1}}J}},\qquad \det A = {A.det()},\quad "
        rf"A^{{-1}} = {matrix_tex(Ainv.tolist())}.$$",
    ]
    if kind == "Z":
        lines.append(rf"With the given $J$, $J^TA^{{-1}}J = {tex(quad)}$.")
    else:
        lines.append(r"Moments are derivatives of $Z[J]/Z[0] = e^{\frac12 J^TA^{-1}J}$ at $J = 0$: "
                     r"$\langle x_ix_j\rangle = (A^{-1})_{ij}$, and higher moments follow by differentiating further "
                     r"(pairing the indices in all ways, Wick's theorem).")
    lines.append(rf"$${target} = {tex(answer)}$$")
    lines.append(rf"$$\boxed{{{tex(answer)}}}$$")
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(lines), params=params, answer_type="numeric")


def gaussian_moment_1d(a: sp.Expr, power: int) -> sp.Expr:
    """<x^power>_0 for weight exp(-a x^2/2): d^power/dJ^power exp(J^2/(2a)) at J = 0."""
    J = sp.Symbol("J")
    return sp.diff(sp.exp(J**2 / (2 * a)), J, power).subs(J, 0)


def _anharmonic(rng: random.Random) -> Draft:
    """0-d phi^p 'QFT': order-g^k term of Z(g)/Z(0), or the O(g) correction to <x^2>, from Gaussian moments."""
    a, g = sp.Symbol("a", positive=True), sp.Symbol("g", positive=True)
    quantity = rng.choice(["Z", "Z", "x2"])
    power = rng.choice([4, 4, 6])
    k = rng.randint(1, 3 if power == 4 else 2) if quantity == "Z" else 1
    if quantity == "Z" and k == 2 and rng.random() < 0.3:
        power = 3  # odd interaction: only even orders survive
    cf = sp.factorial(power)
    mom = lambda p: gaussian_moment_1d(a, p)  # noqa: E731
    if quantity == "Z":
        answer = sp.simplify((-g / cf) ** k / sp.factorial(k) * mom(power * k))
        ask_txt = f"Find the term of order $g^{k}$ in $Z(g)/Z(0)$ (the coefficient times $g^{k}$). "
        lines = [
            f"Expanding the interaction, the $g^{k}$ term is $\\frac{{1}}{{{k}!}}\\left(-\\frac{{g}}{{{power}!}}\\right)^{k}"
            f"\\langle x^{{{power * k}}}\\rangle_0$, with $\\langle\\cdot\\rangle_0$ the Gaussian average "
            r"($Z(0) = \sqrt{2\pi/a}$).",
            rf"Gaussian moments follow from $\langle x^{{p}}\rangle_0 = \partial_J^p e^{{J^2/2a}}|_{{J=0}}$: "
            rf"$\langle x^{{{power * k}}}\rangle_0 = {tex(mom(power * k))}$.",
        ]
    else:
        # <x^2> = <x^2 (1 - g V)>_0 / <1 - g V>_0 + O(g^2): the O(g) term is -(g/p!) (<x^{p+2}> - <x^2><x^p>)
        answer = sp.simplify(-g / cf * (mom(power + 2) - mom(2) * mom(power)))
        ask_txt = (r"Find the term of order $g$ in the exact two-point function $\langle x^2\rangle = "
                   r"Z(g)^{-1}\int dx\, x^2 e^{-S(x)}$. ")
        lines = [
            r"To first order, $\langle x^2\rangle = \frac{\langle x^2(1 - gV)\rangle_0}{\langle 1 - gV\rangle_0}$ with "
            f"$V = x^{power}/{power}!$, so the $O(g)$ term is $-\\frac{{g}}{{{power}!}}\\left(\\langle x^{{{power + 2}}}\\rangle_0"
            f" - \\langle x^2\\rangle_0\\langle x^{power}\\rangle_0\\right)$ (the vacuum bubbles cancel).",
            rf"From $\partial_J^p e^{{J^2/2a}}|_{{J=0}}$: $\langle x^2\rangle_0 = {tex(mom(2))}$, "
            rf"$\langle x^{{{power}}}\rangle_0 = {tex(mom(power))}$, $\langle x^{{{power + 2}}}\rangle_0 = {tex(mom(power + 2))}$.",
        ]
    problem = "\n\n".join([
        "Consider the zero-dimensional 'field theory' with partition function "
        f"$$Z(g) = \\int_{{-\\infty}}^{{\\infty}} dx\\; e^{{-S(x)}},\\qquad S(x) = \\frac{{a}}{{2}}x^2 + \\frac{{g}}{{{power}!}}x^{power},"
        f"\\qquad a > 0,$$ expanded formally in powers of $g$.",
        ask_txt + ask("it", ["a", "g"]),
    ])
    lines += [rf"Hence the requested term is ${tex(answer)}$.", rf"$$\boxed{{{tex(answer)}}}$$"]
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(lines),
                 params={"anharmonic": True, "quantity": quantity, "k": k, "power": power}, symbols=["a", "g"])


register(Family(
    name=NAME, category="Path Integrals and Quantization",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Gaussian generating functional Z[J], Wick moments, and the 0-d anharmonic expansion",
    generate=generate, config=Config(), version=2,  # 2: exact golds (no nsimplify, which garbled some rationals)
    reference="Zee, QFT in a Nutshell, ch. I.2 (Gaussian integrals, eqs. I.2.13-I.2.16); Srednicki ch. 8",
))
