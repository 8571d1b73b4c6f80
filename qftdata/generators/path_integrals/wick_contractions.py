"""Counting Wick contractions of products of free-field operators, by explicit enumeration.

For <0| phi(x_1)^{n_1} ... phi(x_k)^{n_k} |0> (time-ordered, free real scalar) Wick's theorem writes the
vacuum expectation value as the sum over all complete pairings of the N = sum n_i operators; normal-ordered
factors :phi^n(x): forbid pairings within the same point. The family enumerates the pairings (and, for the
connected count, checks connectivity of the resulting graph). The test checks (N-1)!! for unrestricted
pairings, n! for <:phi^n(x)::phi^n(y):> and n1! n2! n3!/(a! b! c!) for three normal-ordered points
(Zee, QFT in a Nutshell, ch. I.2 / I.7; Peskin & Schroeder §4.3 Wick's theorem).
Levels (rubric): advanced-undergraduate — at most one normal-ordered composite; graduate — several normal-ordered
composites; advanced-graduate — the connected contractions; above the first level some problems ask for the
surviving fraction of all (N-1)!! pairings. The knob raises the number of fields (6 to 12).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position
from qftdata.generators.path_integrals._matchings import edge_multiset, is_connected, matchings
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions

NAME = "path_integrals.wick_contractions"
COMMON = {2: 0.5, 3: 0.5, 6: 0.3, 8: 0.5, 12: 0.4, 15: 0.5, 24: 0.25, 105: 0.6, 120: 0.5}  # keep-probabilities


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_fields: int = 12

    def validate(self) -> None:
        if self.max_fields > 14:
            raise ValueError("max_fields > 14 makes enumeration too slow")


def count_pairings(powers, normal_ordered, connected: bool = False) -> int:
    """Complete pairings of the fields (phi^powers[i] at point i), none inside a normal-ordered point, optionally
    only those whose graph is connected (enumerated; cached because the solution text asks for it again)."""
    return _count_pairings(tuple(powers), tuple(normal_ordered), connected)


@lru_cache(maxsize=4096)
def _count_pairings(powers: tuple[int, ...], normal_ordered: tuple[bool, ...], connected: bool) -> int:
    legs = tuple((i, j) for i, n in enumerate(powers) for j in range(n))
    forbid = frozenset(i for i, no in enumerate(normal_ordered) if no)
    nodes = list(range(len(powers)))
    total = 0
    for m in matchings(legs, forbid):
        if connected and not is_connected(edge_multiset(m), nodes):
            continue
        total += 1
    return total


def _draw(rng: random.Random, level: str, u: float, max_fields: int) -> tuple[list[int], list[bool]]:
    """(powers, normal-ordering flags) for the level; `u` (the knob inside the band) raises the field count.

    advanced-undergraduate: at most one normal-ordered composite; graduate: at least two; advanced-graduate:
    the connected count (so the three levels never pose the same question)."""
    top = min(max_fields, 6 + 2 * round(3 * u))  # 6 .. 12 fields
    while True:
        if level == "advanced-undergraduate":
            k = rng.randint(1, 3)
            powers = [rng.randint(1, 4 + round(u)) for _ in range(k)]
            normal = [False] * k
            if rng.random() < 0.8:
                normal[rng.randrange(k)] = True
        elif level == "graduate":
            k = rng.randint(3, 4)
            powers = [rng.randint(1, 5) for _ in range(k)]
            normal = [rng.random() < 0.8 for _ in range(k)]
        else:
            k = rng.randint(3, 4)
            powers = [rng.randint(1, 4) for _ in range(k)]
            normal = [rng.random() < 0.6 for _ in range(k)]
        N = sum(powers)
        composite = sum(no and n > 1 for n, no in zip(powers, normal, strict=True))
        if N % 2 or N < 4 or top < N or (level == "graduate" and composite < 2) or \
                (level == "advanced-undergraduate" and composite > 1):
            continue
        return powers, normal


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    connected = level == "advanced-graduate"
    while True:
        powers, normal = _draw(rng, level, band_position(d, level), config.max_fields)
        count = count_pairings(powers, normal, connected)
        # mostly non-zero answers (a few zeros test the rules); the commonest counts (n! of two equal
        # normal-ordered points, small double factorials) are kept less often so that none dominates
        if rng.random() < (0.05 if count == 0 else COMMON.get(count, 1.0)):
            break
    # above the first level, some problems ask for the surviving fraction of all (N-1)!! pairings
    fraction = level != "advanced-undergraduate" and rng.random() < 0.4
    total = count_pairings(powers, [False] * len(powers))
    value = sp.Rational(count, total) if fraction else sp.Integer(count)
    factors = []
    for i, (n, no) in enumerate(zip(powers, normal, strict=True)):
        pw = "" if n == 1 else f"^{{{n}}}"
        body = rf"\phi{pw}(x_{{{i + 1}}})"
        factors.append(rf":\!{body}\!:" if no and n > 1 else body)
    corr = r"\langle 0|T\{" + " ".join(factors) + r"\}|0\rangle"
    params = {"powers": powers, "normal": normal, "connected": connected, "fraction": fraction}
    rules = ("Fields at the same point are distinct operators (contracting field $a$ with $b$ is one pairing). "
             "Normal-ordered factors $:\\!\\cdots\\!:$ contain no contractions among themselves.")
    what = ("the number of complete Wick contractions whose Feynman graph (points $x_i$ as vertices, contractions "
            "as lines) is connected" if connected else "the number of complete Wick contractions (full pairings "
                                                       "into Feynman propagators) that contribute")
    closing = (f"Find {what}, as a fraction of all $(N-1)!!$ complete pairings of the $N$ operators (ignoring the "
               "restrictions). Give the fraction as a single exact number in `\\boxed{}`." if fraction else
               f"Find {what}. Give the count as a single integer in `\\boxed{{}}`.")
    problem = "\n\n".join([
        conventions(UNITS),
        f"For a free real scalar field, Wick's theorem expresses $${corr}$$ as a sum over complete contractions. {rules}",
        closing,
    ])
    N = sum(powers)
    lines = [
        f"There are $N = {N}$ field operators; with no restrictions they could be paired in $(N-1)!! = {total}$ ways.",
    ]
    if any(no and n > 1 for n, no in zip(powers, normal, strict=True)):
        pts = ", ".join(f"$x_{{{i + 1}}}$" for i, (n, no) in enumerate(zip(powers, normal, strict=True)) if no and n > 1)
        lines.append(f"Normal ordering at {pts} removes every pairing with both operators at the same such point, "
                     f"leaving {count_pairings(powers, normal)} pairings.")
    if connected:
        lines.append("Of these we keep only the pairings whose graph links all the points into one connected piece "
                     f"(checked pairing by pairing): {count} of them.")
    if fraction:
        lines.append(f"As a fraction of the ${total}$ unrestricted pairings: ${count}/{total} = {sp.latex(value)}$.")
    lines.append(f"$$\\boxed{{{sp.latex(value)}}}$$")
    return Draft(problem=problem, answer=sp.latex(value), solution="\n".join(lines), params=params, answer_type="numeric",
                 difficulty=d)


register(Family(
    name=NAME, category="Path Integrals and Quantization",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="Number of (connected) Wick contractions of products of free fields, normal-ordering rules",
    generate=generate, config=Config(),
    version=2,  # 2: difficulty knob; levels never pose the same question (normal-ordering / connectedness)
    reference="Peskin & Schroeder §4.3 (Wick's theorem); Zee, QFT in a Nutshell, ch. I.2 (Wick counting (N-1)!!)",
))
