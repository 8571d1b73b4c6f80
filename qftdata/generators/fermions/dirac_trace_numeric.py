r"""Trace of a product of slashed integer 4-vectors (optionally with $\gamma^5$ or a chiral projector).

The gold answer is the trace of the explicit 4x4 Dirac-basis matrix product; the worked solution
re-derives it with the trace theorems (dot products) and, for $\gamma^5$,
$\mathrm{tr}[\not a\not b\not c\not d\gamma^5] = -4i\epsilon^{\mu\nu\rho\sigma}a_\mu b_\nu c_\rho d_\sigma$, where with
$\epsilon^{0123}=-1$ the contraction equals the determinant of the contravariant components.
Reference: Peskin & Schroeder eqs. (5.5)-(5.9) (trace theorems).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.dirac import dot, dot_symbol, integer_trace, trace_in_dot_products
from qftdata.generators.foundations._knob import band_position, band_scale
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import tex
from qftdata.generators.text import DIRAC, METRIC, UNITS, conventions

NAME = "fermions.dirac_trace_numeric"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_component: int = 4  # components in [-k, k], k growing with the knob up to this

    def validate(self) -> None:
        if self.max_component < 1:
            raise ValueError(f"{NAME}: max_component must be >= 1")


def _vec_tex(v) -> str:
    return "(" + ", ".join(str(x) for x in v) + ")"


def _word_tex(labels, tail: str = "") -> str:
    return "".join(rf"\not{{p}}_{{{lab}}}" for lab in labels) + tail


def _shape(rng: random.Random, dv: float, level: str) -> tuple[str, int, int]:
    """(kind, number of slashed vectors, number of distinct vectors) by level: plain traces of 2-4 with repeats,
    then gamma^5 / four distinct vectors, then chiral projectors and six vectors."""
    if level == "advanced-undergraduate":
        n_vec = 2 if band_position(dv, level) < 0.3 else 4
        return "plain", n_vec, 2 if n_vec == 2 else rng.choice([2, 3])
    if level == "graduate":
        kind = "gamma5" if rng.random() < 0.5 else "plain"
        return kind, 4, 4
    kind = "projector" if rng.random() < 0.5 else "plain6"
    return kind, (4 if kind == "projector" else 6), (4 if kind == "projector" else rng.choice([3, 4]))


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    k = band_scale(dv, level, 1, config.max_component)
    kind, n_vec, n_distinct = _shape(rng, dv, level)
    while True:
        vecs = {str(i + 1): tuple(rng.randint(-k, k) for _ in range(4)) for i in range(n_distinct)}
        labels = [str(i + 1) for i in range(n_distinct)]
        labels += [str(rng.randint(1, n_distinct)) for _ in range(n_vec - n_distinct)]
        rng.shuffle(labels)
        # explicit 4x4 Dirac matrices; tr[(1 +- g5)/2 X] = tr[X]/2 +- tr[X g5]/2 by cyclicity
        vs = [vecs[lab] for lab in labels]
        if kind == "gamma5":
            value = integer_trace(vs, with_gamma5=True)
        elif kind == "projector":
            sign = rng.choice([1, -1])
            value = (integer_trace(vs) + sign * integer_trace(vs, with_gamma5=True)) / 2
        else:
            value = integer_trace(vs)
        if value != 0 and (kind not in ("gamma5", "projector") or sp.im(value) != 0):
            break
    value = sp.expand(value)
    answer = tex(value)

    distinct = sorted(vecs)
    vec_lines = ", ".join(rf"$p_{{{lab}}} = {_vec_tex(vecs[lab])}$" for lab in distinct)
    if kind == "gamma5":
        target = rf"\mathrm{{tr}}\left[{_word_tex(labels)}\gamma^5\right]"
    elif kind == "projector":
        pm = "+" if sign > 0 else "-"
        target = rf"\mathrm{{tr}}\left[\tfrac{{1}}{{2}}(1 {pm} \gamma^5){_word_tex(labels)}\right]"
    else:
        target = rf"\mathrm{{tr}}\left[{_word_tex(labels)}\right]"
    problem = (
        f"{conventions(UNITS, METRIC, DIRAC)} The trace is over the 4x4 Dirac matrices and "
        r"$\not{p} \equiv \gamma^\mu p_\mu$." "\n\n"
        f"The four-vectors below are given by their contravariant components $(p^0, p^1, p^2, p^3)$: {vec_lines}.\n\n"
        f"Compute $${target}.$$\n\n"
        "Give the exact value (a complex number if needed, with $i$ the imaginary unit) in `\\boxed{}`."
    )

    # worked solution: trace theorem in dot products, then numbers
    dots = {(a, b): dot(vecs[a], vecs[b]) for a in distinct for b in distinct if a <= b}
    dot_lines = ", ".join(rf"p_{{{a}}}\cdot p_{{{b}}} = {v}" for (a, b), v in dots.items())
    even = trace_in_dot_products(tuple(labels))
    even_val = even.subs({dot_symbol(a, b): v for (a, b), v in dots.items()})
    pretty = {dot_symbol(a, b): sp.Symbol(rf"(p_{{{a}}}\cdot p_{{{b}}})") for (a, b) in dots}
    steps = [
        "The trace of an odd number of gamma matrices vanishes, and for an even number the trace theorem "
        r"$\mathrm{tr}[\not a_1\cdots\not a_n] = \sum_{k=2}^{n}(-1)^k (a_1\cdot a_k)\,"
        r"\mathrm{tr}[\not a_2\cdots\widehat{\not a_k}\cdots\not a_n]$ with $\mathrm{tr}\,1 = 4$ gives",
        rf"$$\mathrm{{tr}}\left[{_word_tex(labels)}\right] = {sp.latex(even.subs(pretty))}.$$",
        rf"With $a\cdot b = a^0b^0 - \vec a\cdot\vec b$: ${dot_lines}$.",
        rf"Hence $\mathrm{{tr}}\left[{_word_tex(labels)}\right] = {sp.latex(even_val)}$.",
    ]
    if kind in ("gamma5", "projector"):
        a, b, c, d = (vecs[lab] for lab in labels)
        det = sp.Matrix([a, b, c, d]).det()
        odd = 4 * sp.I * det
        steps.append(
            r"For the $\gamma^5$ term: from $\gamma^0\gamma^1\gamma^2\gamma^3 = -i\gamma^5$ and $(\gamma^5)^2 = 1$, "
            r"$\mathrm{tr}[\gamma^0\gamma^1\gamma^2\gamma^3\gamma^5] = -4i$, so by antisymmetry "
            r"$\mathrm{tr}[\gamma^\mu\gamma^\nu\gamma^\rho\gamma^\sigma\gamma^5] = 4i\epsilon^{\mu\nu\rho\sigma}$ "
            r"with $\epsilon^{0123} = -1$. Then $\mathrm{tr}[\not a\not b\not c\not d\gamma^5] = "
            r"4i\epsilon^{\mu\nu\rho\sigma}a_\mu b_\nu c_\rho d_\sigma = -4i\det(a_\mu; b_\mu; c_\mu; d_\mu)"
            r" = 4i\det(a^\mu; b^\mu; c^\mu; d^\mu)$ (lowering flips the sign of three columns), the determinant "
            rf"of the contravariant components in the order of the product: here ${det}$. So "
            rf"$\mathrm{{tr}}[{_word_tex(labels)}\gamma^5] = {sp.latex(odd)}$ (cyclicity puts $\gamma^5$ at either end)."
        )
        if kind == "projector":
            steps.append(rf"Then the trace is $\tfrac12({sp.latex(even_val)}) {'+' if sign > 0 else '-'} "
                         rf"\tfrac12({sp.latex(odd)})$.")
    steps.append(rf"$$\boxed{{{answer}}}$$")
    params = {"vectors": {lab: list(v) for lab, v in vecs.items()}, "labels": labels, "kind": kind}
    if kind == "projector":
        params["sign"] = sign
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params,
                 symbols=[], answer_type="expression", difficulty=dv)


register(Family(
    name=NAME,
    category="Fermions and Spinor Structure",
    levels=LEVELS,
    description="Trace of slashed integer four-vectors (with gamma5 / chiral projector), explicit 4x4 matrices.",
    generate=generate,
    config=Config(),
    version=2,  # 2: knob (component size, 2-vector traces at AU, four distinct vectors at G)
    reference="Peskin & Schroeder eqs. (5.5)-(5.9); Griffiths, Intro. Elementary Particles sec. 7.7 (Tr g5 abcd = 4i eps, eps^{0123}=-1)",
))
