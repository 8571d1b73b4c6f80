r"""Trace of slashed momenta, massive numerators $(\not p \pm m)$ and contracted $\gamma^\mu\ldots\gamma_\mu$,
expressed in the invariants $P_{ab} = p_a\cdot p_b$.

Every trace is computed with explicit 4x4 Dirac matrices (`dirac.trace_in_dot_products`: exact fit of the
matrix trace at integer momenta onto the pairing monomials); the tests cross-check against the abstract
Clifford-algebra reduction and the trace theorems of Peskin & Schroeder eqs. (5.5)-(5.9) and (A.27)-(A.30).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.dirac import Idx, dot_symbol, trace_in_dot_products
from qftdata.generators.foundations._knob import band_position
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import tex
from qftdata.generators.text import DIRAC, METRIC, UNITS, conventions

NAME = "fermions.dirac_trace_symbolic"
LEVELS = ("graduate", "advanced-graduate")
m = sp.Symbol("m", positive=True)
_GREEK = ("mu", "nu", "rho", "sigma")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_slashes: int = 6

    def validate(self) -> None:
        if self.max_slashes not in (4, 6):
            raise ValueError(f"{NAME}: max_slashes must be 4 or 6")


def _item_tex(x, seen: set) -> str:
    if isinstance(x, Idx):
        pos = "_" if x.name in seen else "^"
        seen.add(x.name)
        return rf"\gamma{pos}{{\{x.name}}}"
    return rf"\not{{p}}_{{{x}}}"


def _factors_tex(factors) -> str:
    seen: set = set()
    out = []
    for f in factors:
        if isinstance(f, tuple):  # massive numerator (label, sign)
            lab, sign = f
            out.append(rf"(\not{{p}}_{{{lab}}} {'+' if sign > 0 else '-'} m)")
        else:
            out.append(_item_tex(f, seen))
    return "".join(out)


def _expand(factors):
    """All words from expanding (p + s m) factors: yields (word tuple, coefficient)."""
    choices = []
    for f in factors:
        if isinstance(f, tuple):
            lab, sign = f
            choices.append([((lab,), 1), ((), sign * m)])
        else:
            choices.append([((f,), 1)])
    for combo in itertools.product(*choices):
        word = tuple(x for part, _ in combo for x in part)
        coeff = sp.Mul(*[c for _, c in combo])
        yield word, coeff


def _draw(rng: random.Random, level: str, max_slashes: int, dv: float):
    """Graduate: 4 then 6 slashed momenta (more distinct labels with the knob); advanced graduate: two or three
    massive numerators (p +- m) with one or two contracted index pairs, then three with two pairs."""
    u = band_position(dv, level)
    if level == "graduate":
        n = 4 if u < 0.4 or max_slashes == 4 else max_slashes
        n_labels = rng.choice([2, 3]) if n == 4 else rng.choice([3, 4])
        labels = [str(i + 1) for i in range(n_labels)]
        labels += [str(rng.randint(1, n_labels)) for _ in range(n - n_labels)]
        rng.shuffle(labels)
        return list(labels)
    k = rng.choice([2, 3]) if u < 0.3 else 3
    factors: list = [(str(i + 1), rng.choice([1, -1])) for i in range(k)]
    n_pairs = rng.choice([1, 2]) if u < 0.5 else 2
    base = factors
    while True:  # no trivially adjacent gamma^mu gamma_mu
        names = list(_GREEK[:n_pairs]) * 2
        rng.shuffle(names)
        factors = list(base)
        for name in names:
            factors.insert(rng.randint(1, len(factors)), Idx(name))
        if all(not (isinstance(a, Idx) and a == b) for a, b in zip(factors, factors[1:] + factors[:1], strict=False)):
            return factors


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    while True:
        factors = _draw(rng, level, config.max_slashes, dv)
        pieces = []
        total = sp.Integer(0)
        for word, coeff in _expand(factors):
            if len(word) % 2:
                continue
            tr = trace_in_dot_products(word)
            if tr != 0:
                pieces.append((word, coeff, tr))
            total += coeff * tr
        total = sp.expand(total)
        if total != 0:
            break
    labels = sorted({f[0] if isinstance(f, tuple) else f for f in factors if not isinstance(f, Idx)})
    dot_syms = [dot_symbol(a, b) for a, b in itertools.combinations_with_replacement(labels, 2)]
    used = sorted(total.free_symbols, key=lambda x: x.name)
    answer = tex(total)
    target = rf"\mathrm{{tr}}\left[{_factors_tex(factors)}\right]"
    sym_tex = ", ".join(f"${sp.latex(x)}$" for x in dot_syms)
    massive = any(isinstance(f, tuple) for f in factors)
    problem = (
        f"{conventions(UNITS, METRIC, DIRAC)} Work in four spacetime dimensions, with traces over 4x4 Dirac "
        r"matrices and $\not{p} \equiv \gamma^\mu p_\mu$; repeated Lorentz indices are summed."
        "\n\nWrite the invariants as $P_{ab} \\equiv p_a\\cdot p_b$ (so $P_{11} = p_1^2$; the momenta are not "
        f"assumed to be on shell): the available invariants are {sym_tex}"
        + (", and $m$ is a mass" if massive else "") + ".\n\n"
        f"Compute $${target}.$$\n\n"
        "Give the result as a polynomial in these invariants" + (" and $m$" if massive else "")
        + ", in `\\boxed{}`."
    )
    steps = []
    if massive:
        steps.append("Expand the numerators $(\\not p \\pm m)$. Terms with an odd number of gamma matrices have "
                     "vanishing trace, so only these products survive:")
    else:
        steps.append(r"Use $\mathrm{tr}\,1 = 4$, the vanishing of odd traces and the trace theorem "
                     r"$\mathrm{tr}[\not a_1\cdots\not a_n] = \sum_{k=2}^{n}(-1)^k (a_1\cdot a_k)\,"
                     r"\mathrm{tr}[\not a_2\cdots\widehat{\not a_k}\cdots\not a_n]$:")
    if any(isinstance(f, Idx) for f in factors):
        steps.append(r"Contracted indices are reduced with $\gamma^\mu\gamma_\mu = 4$, "
                     r"$\gamma^\mu\not a\gamma_\mu = -2\not a$, $\gamma^\mu\not a\not b\gamma_\mu = 4a\cdot b$, "
                     r"$\gamma^\mu\not a\not b\not c\gamma_\mu = -2\not c\not b\not a$ (or summed explicitly).")
    for word, coeff, tr in pieces:
        seen: set = set()
        wt = "".join(_item_tex(x, seen) for x in word) or "1"
        pre = "" if coeff == 1 else (sp.latex(coeff) + r"\,")
        steps.append(rf"$$ {pre}\mathrm{{tr}}\left[{wt}\right] = {pre}\left({sp.latex(tr)}\right)$$")
    steps.append(rf"Adding the terms: $${target} = {answer}.$$")
    steps.append(rf"$$\boxed{{{answer}}}$$")
    params = {"factors": [list(f) if isinstance(f, tuple) else (f"idx:{f.name}" if isinstance(f, Idx) else f)
                          for f in factors]}
    symbols = [x.name for x in dot_syms] + (["m"] if massive else [])
    del used
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params,
                 symbols=symbols, assumptions={x.name: "real" for x in dot_syms}, difficulty=dv)


register(Family(
    name=NAME,
    category="Fermions and Spinor Structure",
    levels=LEVELS,
    description="Dirac traces of slashed momenta, (p-slash +- m) numerators and contracted gammas, in p_a.p_b.",
    generate=generate,
    config=Config(),
    version=2,  # 2: knob (4 then 6 slashes; one then two contracted pairs)
    reference="Peskin & Schroeder eqs. (5.5)-(5.9), (A.27)-(A.30)",
))
