"""Variety and guessability of a family, measured over many draws (tests/test_variety.py, the table in
docs/generators.md written by benchmarks/perf/generate.py).

Why: a family whose most common gold is "2" in a fifth of its draws teaches a policy to guess "2", and a
family with a few dozen distinct problems fills a dataset with repeats. The caps (docs/generators.md):

* the most common answer is at most `TOP_SHARE` of the draws, unless the family is categorical by nature
  (`Family.categorical`): then every record is `answer_type="categorical"`, its gold is one of `choices`,
  the statement shows every choice, and the most common label is at most `CATEGORICAL_TOP_SHARE`;
* trivial answers (0, 1, -1) are at most `TOP_SHARE` of the draws together (non-categorical families);
* the distinct statements in `n` draws are at least what a family of `MIN_PROBLEMS` equally likely
  problems would give (less `SLACK`), i.e. about >= 500 distinct problems in 5,000 indices;
* no statement is emitted at two levels (the level, through the difficulty knob, must change the problem).
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from qftdata.schema import Problem

__all__ = ["CATEGORICAL_TOP_SHARE", "MIN_PROBLEMS", "TOP_SHARE", "VarietyStats", "check", "measure",
           "min_distinct_statements", "stats_of"]

TOP_SHARE = 0.10
CATEGORICAL_TOP_SHARE = 0.50
MIN_PROBLEMS = 500
SLACK = 0.9
TRIVIAL = frozenset({"0", "1", "-1"})


def min_distinct_statements(n: int, k: int = MIN_PROBLEMS, slack: float = SLACK) -> int:
    """Distinct statements expected in `n` uniform draws from `k` problems, times `slack` (rounded down):
    k (1 - e^{-n/k}); 500 draws -> 284, 100 draws -> 81 for k = 500."""
    return int(slack * k * (1 - math.exp(-n / k)))


def _norm(answer: str) -> str:
    return "".join(answer.split())


@dataclass
class VarietyStats:
    """What `measure` found for one family over `draws` draws (levels cycled by index)."""

    family: str
    draws: int
    distinct_answers: int
    top_answer: str
    top_share: float
    trivial_share: float
    distinct_statements: int
    cross_level: list[str] = field(default_factory=list)  # statements seen at two or more levels (<= 3)
    seconds: float = 0.0  # CPU seconds of generation
    categorical_problems: list[str] = field(default_factory=list)  # categorical-format defects (<= 3)

    @property
    def ms_per_problem(self) -> float:
        return 1000 * self.seconds / max(1, self.draws)


def stats_of(family: str, records: Sequence[Problem], seconds: float = 0.0) -> VarietyStats:
    """Variety statistics of a family's records (see module docstring)."""
    answers = Counter(_norm(r.answer) for r in records)
    top, top_n = answers.most_common(1)[0] if answers else ("", 0)
    levels: dict[str, set[str]] = defaultdict(set)
    for r in records:
        levels[" ".join(r.problem.split())].add(r.level)
    cross = [s[:120] for s, lv in levels.items() if len(lv) > 1][:3]
    n = max(1, len(records))
    bad_cat = []
    for r in records:
        if r.answer_type != "categorical":
            bad_cat.append(f"{r.id}: answer_type {r.answer_type!r}, not categorical")
        elif _norm(r.answer).lower() not in {_norm(c).lower() for c in r.choices}:
            bad_cat.append(f"{r.id}: gold {r.answer!r} not among choices {r.choices}")
        elif missing := [c for c in r.choices if c not in r.problem]:
            bad_cat.append(f"{r.id}: statement does not show the choice(s) {missing}")
        if len(bad_cat) >= 3:
            break
    return VarietyStats(family=family, draws=len(records), distinct_answers=len(answers), top_answer=top,
                        top_share=top_n / n, trivial_share=sum(answers[t] for t in TRIVIAL) / n,
                        distinct_statements=len(levels), cross_level=cross, seconds=seconds,
                        categorical_problems=bad_cat)


def measure(name: str, n: int, seed: int = 0) -> VarietyStats:
    """Generate problems 0..n-1 of family `name` (levels cycled) and return their variety statistics."""
    from qftdata.generators.api import generate_one

    t0 = time.process_time()
    records = [generate_one(name, seed=seed, index=i) for i in range(n)]
    return stats_of(name, records, time.process_time() - t0)


def check(stats: VarietyStats, categorical: bool) -> list[str]:
    """The caps `stats` breaks, one line each (empty: the family passes)."""
    out = []
    n = stats.draws
    if categorical:
        out += stats.categorical_problems
        if stats.top_share > CATEGORICAL_TOP_SHARE:
            out.append(f"most common label {stats.top_answer!r} in {stats.top_share:.0%} of {n} draws "
                       f"(cap {CATEGORICAL_TOP_SHARE:.0%} for a categorical family)")
    else:
        if stats.top_share > TOP_SHARE:
            out.append(f"most common answer {stats.top_answer!r} in {stats.top_share:.0%} of {n} draws "
                       f"(cap {TOP_SHARE:.0%}; a family of few labels by nature sets Family.categorical)")
        if stats.trivial_share > TOP_SHARE:
            out.append(f"trivial answers (0, 1, -1) in {stats.trivial_share:.0%} of {n} draws (cap {TOP_SHARE:.0%})")
        need = min_distinct_statements(n)
        if stats.distinct_statements < need:
            out.append(f"{stats.distinct_statements} distinct statements in {n} draws, need >= {need} "
                       f"(about {MIN_PROBLEMS} distinct problems in {10 * MIN_PROBLEMS} indices)")
    if stats.cross_level:
        out.append(f"statement emitted at two levels (the level must change the problem): "
                   f"{stats.cross_level[0]!r}")
    return out
