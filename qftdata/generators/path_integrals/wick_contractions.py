"""Counting Wick contractions of products of free-field operators, by explicit enumeration.

For <0| phi(x_1)^{n_1} ... phi(x_k)^{n_k} |0> (time-ordered, free real scalar) Wick's theorem writes the
vacuum expectation value as the sum over all complete pairings of the N = sum n_i operators; normal-ordered
factors :phi^n(x): forbid pairings within the same point. The family enumerates the pairings (and, for the
connected count, checks connectivity of the resulting graph). The test checks (N-1)!! for unrestricted
pairings, n! for <:phi^n(x)::phi^n(y):> and n1! n2! n3!/(a! b! c!) for three normal-ordered points
(Zee, QFT in a Nutshell, ch. I.2 / I.7; Peskin & Schroeder §4.3 Wick's theorem).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.path_integrals._matchings import edge_multiset, is_connected, matchings
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions

NAME = "path_integrals.wick_contractions"


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_fields: int = 12

    def validate(self) -> None:
        if self.max_fields > 14:
            raise ValueError("max_fields > 14 makes enumeration too slow")


def count_pairings(powers: list[int], normal_ordered: list[bool], connected: bool = False) -> int:
    legs = tuple((i, j) for i, n in enumerate(powers) for j in range(n))
    forbid = frozenset(i for i, no in enumerate(normal_ordered) if no)
    nodes = list(range(len(powers)))
    total = 0
    for m in matchings(legs, forbid):
        if connected and not is_connected(edge_multiset(m), nodes):
            continue
        total += 1
    return total


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    connected = level == "advanced-graduate"
    while True:
        if level == "advanced-undergraduate":
            k = rng.randint(1, 3)
            powers = [rng.randint(1, 5) for _ in range(k)]
            normal = [rng.random() < 0.4 for _ in range(k)]
        elif level == "graduate":
            k = rng.randint(2, 3)
            powers = [rng.randint(1, 5) for _ in range(k)]
            normal = [rng.random() < 0.7 for _ in range(k)]
        else:
            k = rng.randint(3, 4)
            powers = [rng.randint(1, 4) for _ in range(k)]
            normal = [rng.random() < 0.6 for _ in range(k)]
        N = sum(powers)
        if N % 2 or config.max_fields < N or N < 2:
            continue
        count = count_pairings(powers, normal, connected)
        if count or rng.random() < 0.15:  # mostly non-zero answers; a few zeros test the rules
            break
    factors = []
    for i, (n, no) in enumerate(zip(powers, normal, strict=True)):
        pw = "" if n == 1 else f"^{{{n}}}"
        body = rf"\phi{pw}(x_{{{i + 1}}})"
        factors.append(rf":\!{body}\!:" if no and n > 1 else body)
    corr = r"\langle 0|T\{" + " ".join(factors) + r"\}|0\rangle"
    params = {"powers": powers, "normal": normal, "connected": connected}
    rules = ("Fields at the same point are distinct operators (contracting field $a$ with $b$ is one pairing). "
             "Normal-ordered factors $:\\!\\cdots\\!:$ contain no contractions among themselves.")
    what = ("the number of complete Wick contractions whose Feynman graph (points $x_i$ as vertices, contractions "
            "as lines) is connected" if connected else "the number of complete Wick contractions (full pairings "
                                                       "into Feynman propagators) that contribute")
    problem = "\n\n".join([
        conventions(UNITS),
        f"For a free real scalar field, Wick's theorem expresses $${corr}$$ as a sum over complete contractions. {rules}",
        f"Find {what}. Give the count as a single integer in `\\boxed{{}}`.",
    ])
    N = sum(powers)
    lines = [
        f"There are $N = {N}$ field operators; with no restrictions they could be paired in $(N-1)!! = "
        f"{count_pairings(powers, [False] * len(powers))}$ ways.",
    ]
    if any(no and n > 1 for n, no in zip(powers, normal, strict=True)):
        pts = ", ".join(f"$x_{{{i + 1}}}$" for i, (n, no) in enumerate(zip(powers, normal, strict=True)) if no and n > 1)
        lines.append(f"Normal ordering at {pts} removes every pairing with both operators at the same such point, "
                     f"leaving {count_pairings(powers, normal)} pairings.")
    if connected:
        lines.append("Of these we keep only the pairings whose graph links all the points into one connected piece "
                     f"(checked pairing by pairing): {count} of them.")
    lines.append(f"$$\\boxed{{{count}}}$$")
    return Draft(problem=problem, answer=str(count), solution="\n".join(lines), params=params, answer_type="numeric")


register(Family(
    name=NAME, category="Path Integrals and Quantization",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate"),
    description="Number of (connected) Wick contractions of products of free fields, normal-ordering rules",
    generate=generate, config=Config(), version=1,
    reference="Peskin & Schroeder §4.3 (Wick's theorem); Zee, QFT in a Nutshell, ch. I.2 (Wick counting (N-1)!!)",
))
