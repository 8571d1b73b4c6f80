r"""Contractions of gamma matrices in $d$ dimensions: fully contracted strings and traces.

The answer comes from `dirac.contract`, an anticommutation algorithm that uses only
$\{\gamma^\mu,\gamma^\nu\} = 2g^{\mu\nu}$ and $g^\mu{}_\mu = d$ (nothing typed in). The solution shows
one index pair removed at a time. Tests cross-check the d-dimensional identities of Peskin & Schroeder
eq. (7.89) / (A.47)-(A.50) and the four-dimensional explicit-matrix traces.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.dirac import Idx, Vec, contract, dot_symbol, word_trace
from qftdata.generators.foundations._knob import band_position
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import tex
from qftdata.generators.text import METRIC, UNITS, conventions

NAME = "fermions.gamma_contraction_d"
LEVELS = ("advanced-graduate", "postgraduate")
_GREEK = ("mu", "nu", "rho", "sigma", "lambda")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_pairs: int = 5

    def validate(self) -> None:
        if not 2 <= self.max_pairs <= 5:
            raise ValueError(f"{NAME}: max_pairs must be in 2..5")


def word_tex(word) -> str:
    if not word:
        return r"\mathbb{1}"
    seen: set = set()
    out = []
    for x in word:
        if isinstance(x, Idx):
            pos = "_" if x.name in seen else "^"
            seen.add(x.name)
            out.append(rf"\gamma{pos}{{\{x.name}}}")
        else:
            out.append(rf"\not{{p}}_{{{x.name}}}")
    return "".join(out)


def _sum_tex(terms: dict) -> str:
    parts = []
    for w, c in terms.items():
        coeff = sp.latex(c)
        if c.is_Add:
            coeff = rf"\left({coeff}\right)"
        parts.append(f"{coeff}\\,{word_tex(w)}")
    return " + ".join(parts).replace("+ -", "- ") if parts else "0"


def _no_adjacent(word) -> bool:
    return all(not (isinstance(a, Idx) and a == b) for a, b in zip(word, word[1:], strict=False))


def _draw(rng: random.Random, level: str, max_pairs: int, dv: float):
    """Advanced graduate: 3 contracted pairs alone (2 give only gamma^mu gamma^nu gamma_mu gamma_nu), or traces with one pair (2 or 4 vectors) or two pairs
    (2 vectors; one pair with 2 vectors has only two words); postgraduate: 4-5 pairs alone, or traces with two pairs and 4 vectors or three pairs."""
    u = band_position(dv, level)
    mode = "scalar" if rng.random() < (0.15 if level == "advanced-graduate" else 0.35) else "trace"
    if mode == "scalar":
        k = 3 if level == "advanced-graduate" else (4 if u < 0.5 else rng.choice(list(range(4, max(4, max_pairs) + 1))))
        items = [Idx(n) for n in _GREEK[:k]] * 2
    else:
        if level == "advanced-graduate":
            k, n_vec = rng.choice([(2, 2), (1, 4)]) if u < 0.5 else (1, 4)
        else:
            k, n_vec = (2, 4) if u < 0.5 else rng.choice([(3, 2), (3, 4), (2, 4)])
        items = [Idx(n) for n in _GREEK[:k]] * 2 + [Vec(str(i + 1)) for i in range(n_vec)]
    while True:
        rng.shuffle(items)
        word = tuple(items)
        if mode == "trace":  # fix cyclic freedom: start with the first index
            first = next(i for i, x in enumerate(word) if isinstance(x, Idx))
            word = word[first:] + word[:first]
        # rename indices in order of first appearance: gamma^mu first, then nu, ...
        order: list = []
        for x in word:
            if isinstance(x, Idx) and x not in order:
                order.append(x)
        ren = {old: Idx(_GREEK[i]) for i, old in enumerate(order)}
        word = tuple(ren.get(x, x) for x in word)
        if _no_adjacent(word) and (mode == "scalar" or not isinstance(word[-1], Idx) or word[-1] != word[0]):
            return mode, word


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    while True:
        mode, word = _draw(rng, level, config.max_pairs, dv)
        if mode == "scalar":
            result = contract(word)
            if set(result) != {()}:
                continue
            value = sp.factor(result[()])
        else:
            value = sp.factor(word_trace(word))
        if value != 0:
            break
    answer = tex(value)
    vec_names = sorted({x.name for x in word if isinstance(x, Vec)})
    dot_syms = [dot_symbol(a, b) for i, a in enumerate(vec_names) for b in vec_names[i:]]
    intro = (f"{conventions(UNITS, METRIC)} Work in $d$ spacetime dimensions with "
             r"$\{\gamma^\mu,\gamma^\nu\} = 2g^{\mu\nu}\mathbb{1}$, $g^\mu{}_\mu = d$, repeated indices summed, "
             r"and $\not{p} \equiv \gamma^\mu p_\mu$.")
    if mode == "scalar":
        problem = (f"{intro}\n\nThe fully contracted product $${word_tex(word)}$$ is proportional to the identity, "
                   rf"${word_tex(word)} = c(d)\,\mathbb{{1}}$." "\n\nFind $c(d)$. "
                   "Give $c(d)$ as a polynomial in $d$, in `\\boxed{}`.")
        target = word_tex(word)
    else:
        sym_tex = ", ".join(f"${sp.latex(x)}$" for x in dot_syms)
        problem = (f"{intro} The trace of the identity is normalised to $\\mathrm{{tr}}\\,\\mathbb{{1}} = 4$, and "
                   r"$P_{ab} \equiv p_a\cdot p_b$ (so $P_{11} = p_1^2$)." "\n\n"
                   rf"Compute $$\mathrm{{tr}}\left[{word_tex(word)}\right].$$" "\n\n"
                   f"Give the result in terms of $d$ and {sym_tex}, in `\\boxed{{}}`.")
        target = rf"\mathrm{{tr}}\left[{word_tex(word)}\right]"

    steps = [r"Move each lower-index $\gamma_\mu$ to the left with $\gamma^\alpha\gamma_\mu = 2\delta^\alpha_\mu - "
             r"\gamma_\mu\gamma^\alpha$ (a slashed vector behaves the same way: $\not a\gamma_\mu = 2a_\mu - "
             r"\gamma_\mu\not a$) until it meets its partner, and use $\gamma^\mu\gamma_\mu = d$. This gives "
             r"the standard rules $\gamma^\mu\gamma^\nu\gamma_\mu = -(d-2)\gamma^\nu$, "
             r"$\gamma^\mu\gamma^\nu\gamma^\rho\gamma_\mu = 4g^{\nu\rho} - (4-d)\gamma^\nu\gamma^\rho$. "
             "Contracting one index pair at a time:"]
    current = {word: sp.Integer(1)}
    names = []
    for x in word:
        if isinstance(x, Idx) and x not in names:
            names.append(x)
    for idx in names:
        nxt: dict = {}
        for w, c in current.items():
            for w2, c2 in contract(w, only=idx, factored=False).items():
                nxt[w2] = sp.expand(nxt.get(w2, 0) + c * c2)
        current = {w: c for w, c in nxt.items() if c != 0}
        steps.append(rf"after contracting ${sp.latex(sp.Symbol(idx.name))}$: $${target} = "
                     + (rf"\mathrm{{tr}}\left[{_sum_tex(current)}\right]" if mode == "trace" and any(current)
                        else _sum_tex(current)) + "$$")
    if mode == "trace":
        steps.append(r"Finally $\mathrm{tr}[\not a\not b] = 4a\cdot b$ and $\mathrm{tr}[\not a\not b\not c\not d] = "
                     r"4[(a\cdot b)(c\cdot d) - (a\cdot c)(b\cdot d) + (a\cdot d)(b\cdot c)]$ give "
                     rf"$${target} = {answer}.$$")
    steps.append(rf"$$\boxed{{{answer}}}$$")
    params = {"mode": mode, "word": [("i:" if isinstance(x, Idx) else "v:") + x.name for x in word]}
    symbols = ["d"] + [x.name for x in dot_syms]
    assumptions = {x.name: "real" for x in dot_syms}
    assumptions["d"] = "positive"
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params,
                 symbols=symbols, assumptions=assumptions, difficulty=dv)


register(Family(
    name=NAME,
    category="Loop and Regularization Techniques",
    levels=LEVELS,
    description="d-dimensional gamma-matrix contractions and traces from the Clifford algebra.",
    generate=generate,
    config=Config(),
    version=2,  # 2: knob; disjoint sizes per level (2-3 pairs / 4-5 pairs; larger traces at postgraduate)
    reference="Peskin & Schroeder eq. (7.89) and App. A.4 (d-dimensional contraction identities)",
))
