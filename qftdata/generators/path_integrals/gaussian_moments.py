"""Gaussian integrals and moments: the generating functional of a finite-dimensional free theory, and the
zero-dimensional anharmonic "field theory".

Z[J] = int d^n x exp(-x^T A x/2 + J^T x) for a random positive-definite integer matrix A. The family
completes the square with sympy (A^{-1}, det A) and obtains moments by *differentiating* Z[J]/Z[0] =
exp(J^T A^{-1} J/2) with respect to the sources (only the term of matching degree, W^{k/2}/(k/2)!, survives at
J = 0). The anharmonic variant S = a x^2/2 + g x^p/p! expands exp(-g x^p/p!) and integrates term by term; the
connected (logarithm) and normalised two-point series are built by exact power-series arithmetic.
Levels (rubric): advanced-undergraduate — two variables, a two-point moment or Z[J]; graduate — the four-point
moment of two variables or three variables; advanced-graduate — four- and six-point moments of three or four
variables; postgraduate — the anharmonic expansion (Z, ln Z, <x^2>) to the knob's order.
The test checks Isserlis/Wick (<x_i x_j x_k x_l> = G_ij G_kl + G_ik G_jl + G_il G_jk), (2n-1)!!/a^n, and a
direct numerical quadrature of the integrals (Zee, QFT in a Nutshell, ch. I.2, eqs. (I.2.13)-(I.2.16);
Srednicki ch. 8-9).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick
from qftdata.generators.registry import register
from qftdata.generators.text import ask, matrix_tex, tex

NAME = "path_integrals.gaussian_moments"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate")
A_SYM, G_SYM = sp.Symbol("a", positive=True), sp.Symbol("g", positive=True)


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
    """<x_{i1} ... x_{ik}> = d^k/dJ_{i1}...dJ_{ik} exp(J^T A^{-1} J / 2) at J = 0. Only the degree-k term of the
    exponential, W^{k/2}/(k/2)!, survives there, and the k-th derivative of a homogeneous polynomial at 0 is its
    coefficient of prod_i J_i^{m_i} times prod_i m_i! (sympy Poly arithmetic; `diff` on the expanded power was
    ~0.3 s for six-point moments)."""
    k = len(idx)
    if k % 2:
        return sp.Integer(0)
    n = A.shape[0]
    J = sp.symbols(f"J_1:{n + 1}")
    G = A.inv()
    coeffs: dict[tuple[int, ...], sp.Expr] = {}
    for i in range(n):
        for j in range(n):
            mono = tuple((i == r) + (j == r) for r in range(n))
            coeffs[mono] = coeffs.get(mono, sp.Integer(0)) + G[i, j] / 2
    W = sp.Poly.from_dict(coeffs, *J, domain="QQ")  # W = J^T A^{-1} J / 2
    term = W ** (k // 2)
    powers = [idx.count(i) for i in range(n)]
    return term.coeff_monomial(tuple(powers)) / sp.factorial(k // 2) * sp.prod([sp.factorial(m) for m in powers])


def _draw_matrix_problem(rng: random.Random, level: str, u: float) -> tuple[int, str, int]:
    """(number of variables, kind, number of insertions) per level; `u` grows the size inside the band."""
    if level == "advanced-undergraduate":
        return 2, pick(rng, ("two", "Z")), 2
    if level == "graduate":
        n = 2 if rng.random() < 0.6 - 0.4 * u else 3
        return (2, "moment", 4) if n == 2 else (3, pick(rng, ("two", "Z")), 2)
    n = 3 if rng.random() < 0.7 - 0.5 * u else 4
    return n, "moment", (4 if rng.random() < 0.7 - 0.4 * u else 6)


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    if level == "postgraduate":
        return _anharmonic(rng, u, d)
    n, kind, k = _draw_matrix_problem(rng, level, u)
    A = random_spd(rng, n, config.max_entry)
    Ainv = A.inv()
    xs = ", ".join(f"x_{i + 1}" for i in range(n))
    setup = (f"Let $x = ({xs})$ and $$Z[J] = \\int d^{n}x\\; \\exp\\!\\left(-\\tfrac12 x^T A x + J^T x\\right),\\qquad "
             f"A = {matrix_tex(A.tolist())}.$$ Moments are $\\langle x_{{i_1}}\\cdots x_{{i_k}}\\rangle = "
             f"Z[0]^{{-1}}\\int d^{n}x\\, x_{{i_1}}\\cdots x_{{i_k}}\\, e^{{-x^TAx/2}}$.")
    if kind == "Z":
        Jval = sp.Matrix([rng.randint(-2, 2) for _ in range(n)])
        if not any(Jval):
            Jval[0] = 1
        quad = (Jval.T * Ainv * Jval)[0, 0]
        answer = (2 * sp.pi) ** sp.Rational(n, 2) / sp.sqrt(A.det()) * sp.exp(quad / 2)
        target = f"Z[J]\\text{{ at }}J = ({', '.join(tex(j) for j in Jval)})"
        params = {"A": A.tolist(), "kind": kind, "J": [int(j) for j in Jval]}
    else:
        while True:
            idx = tuple(sorted(rng.choices(range(n), k=k)))
            answer = moment(A, idx)
            if answer != 0 or rng.random() < 0.1:
                break
        target = r"\langle " + " ".join(f"x_{{{i + 1}}}" for i in idx) + r"\rangle"
        params = {"A": A.tolist(), "kind": "two" if k == 2 else "four" if k == 4 else "six", "idx": list(idx)}
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
                     rf"(only the term $W^{{{k // 2}}}/{k // 2}!$ with $W = \tfrac12 J^TA^{{-1}}J$ survives; equivalently, "
                     r"pairing the indices in all ways, Wick's theorem).")
    lines.append(rf"$${target} = {tex(answer)}$$")
    lines.append(rf"$$\boxed{{{tex(answer)}}}$$")
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(lines), params=params, answer_type="numeric",
                 difficulty=d)


@cache
def gaussian_moment_1d(a: sp.Expr, power: int) -> sp.Expr:
    """<x^power>_0 for the weight exp(-a x^2/2): power! times the J^power Taylor coefficient of the generating
    function exp(J^2/(2a)) = sum_m J^{2m}/(m! (2a)^m)."""
    if power % 2:
        return sp.Integer(0)
    m = power // 2
    return sp.factorial(power) / (sp.factorial(m) * (2 * a) ** m)


def _series_div(num: list, den: list) -> list:
    """Power-series quotient num/den (den[0] != 0), truncated to len(num) terms."""
    out: list = []
    for k in range(len(num)):
        out.append(sp.expand((num[k] - sum(den[j] * out[k - j] for j in range(1, min(k, len(den) - 1) + 1))) / den[0]))
    return out


def _series_log(ser: list) -> list:
    """ln of a power series with ser[0] = 1: L' = S'/S, term by term."""
    deriv = [k * ser[k] for k in range(1, len(ser))] + [0]
    ratio = _series_div(deriv, ser)
    return [sp.Integer(0)] + [sp.expand(ratio[k - 1] / k) for k in range(1, len(ser))]


@cache
def anharmonic_series(power: int, order: int) -> dict[str, list]:
    """Coefficients of g^k (k = 0..order) of Z(g)/Z(0), ln(Z(g)/Z(0)) and <x^2>(g) for S = a x^2/2 + g x^p/p!."""
    cf = sp.factorial(power)

    def weighted(extra: int) -> list:  # <x^extra e^{-g x^p/p!}>_0 as a series in g
        return [(-1 / cf) ** k / sp.factorial(k) * gaussian_moment_1d(A_SYM, extra + power * k) for k in range(order + 1)]

    z = weighted(0)
    return {"Z": z, "W": _series_log(z), "x2": _series_div(weighted(2), z)}


def _anharmonic(rng: random.Random, u: float, d: float) -> Draft:
    """0-d phi^p 'QFT': the order-g^k term of Z(g)/Z(0), of ln(Z(g)/Z(0)) or of <x^2>."""
    power = pick(rng, (3, 4, 4, 5, 6))
    quantity = pick(rng, ("Z", "W", "x2"))
    top = 2 + round(2 * u)  # highest order the knob allows: 2 .. 4
    orders = [k for k in range(1, top + 1) if power % 2 == 0 or k % 2 == 0]
    k = pick(rng, orders)
    series = anharmonic_series(power, k)
    answer = sp.factor(series[quantity][k] * G_SYM**k)
    ask_txt = {"Z": f"Find the term of order $g^{{{k}}}$ in $Z(g)/Z(0)$ (the coefficient times $g^{{{k}}}$). ",
               "W": (f"Find the term of order $g^{{{k}}}$ in $\\ln\\big(Z(g)/Z(0)\\big)$ (the sum of connected vacuum "
                     f"diagrams; give the coefficient times $g^{{{k}}}$). "),
               "x2": (f"Find the term of order $g^{{{k}}}$ in the exact two-point function $\\langle x^2\\rangle = "
                      f"Z(g)^{{-1}}\\int dx\\, x^2 e^{{-S(x)}}$ (the coefficient times $g^{{{k}}}$). ")}[quantity]
    moments = ", ".join(rf"\langle x^{{{q}}}\rangle_0 = {tex(gaussian_moment_1d(A_SYM, q))}"
                        for q in sorted({power * j + e for j in range(k + 1) for e in (0, 2)}) if q and q % 2 == 0)
    lines = [
        rf"Expand the interaction: $Z(g)/Z(0) = \sum_j \frac{{1}}{{j!}}\left(-\frac{{g}}{{{power}!}}\right)^j"
        rf"\langle x^{{{power}j}}\rangle_0$, with $\langle\cdot\rangle_0$ the Gaussian average ($Z(0) = \sqrt{{2\pi/a}}$).",
        rf"Gaussian moments follow from $\langle x^{{q}}\rangle_0 = \partial_J^q e^{{J^2/2a}}|_{{J=0}}$: ${moments}$.",
        "So $Z(g)/Z(0) = " + tex(sum(series["Z"][j] * G_SYM**j for j in range(k + 1))) + rf" + O(g^{{{k + 1}}})$.",
    ]
    if quantity == "W":
        lines.append(r"Taking the logarithm term by term ($\ln(1 + X) = X - X^2/2 + \dots$) removes the disconnected "
                     r"products: $\ln(Z(g)/Z(0)) = " + tex(sum(series["W"][j] * G_SYM**j for j in range(k + 1)))
                     + rf" + O(g^{{{k + 1}}})$.")
    elif quantity == "x2":
        lines.append(r"Likewise $\langle x^2 e^{-gV}\rangle_0$ with $V = x^p/p!$; dividing the two series (the vacuum "
                     r"bubbles cancel): $\langle x^2\rangle = " + tex(sum(series["x2"][j] * G_SYM**j for j in range(k + 1)))
                     + rf" + O(g^{{{k + 1}}})$.")
    problem = "\n\n".join([
        "Consider the zero-dimensional 'field theory' with partition function "
        f"$$Z(g) = \\int_{{-\\infty}}^{{\\infty}} dx\\; e^{{-S(x)}},\\qquad S(x) = \\frac{{a}}{{2}}x^2 + \\frac{{g}}{{{power}!}}x^{power},"
        f"\\qquad a > 0,$$ expanded formally in powers of $g$.",
        ask_txt + ask("it", ["a", "g"]),
    ])
    lines += [rf"Hence the requested term is ${tex(answer)}$.", rf"$$\boxed{{{tex(answer)}}}$$"]
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(lines),
                 params={"anharmonic": True, "quantity": quantity, "k": k, "power": power}, symbols=["a", "g"],
                 difficulty=d)


register(Family(
    name=NAME, category="Path Integrals and Quantization", levels=LEVELS,
    description="Gaussian generating functional Z[J], Wick moments, and the 0-d anharmonic expansion",
    generate=generate, config=Config(),
    version=3,  # 3: difficulty knob; levels never overlap; six-point moments; ln Z and higher orders at postgraduate
    reference="Zee, QFT in a Nutshell, ch. I.2 (Gaussian integrals, eqs. I.2.13-I.2.16); Srednicki ch. 8",
))
