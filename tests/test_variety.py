"""Variety and guessability of every registered family (qftdata/generators/variety.py has the caps).

Default run: `N_FAST` draws per family with the same caps (the expected distinct-statement count scales
with the number of draws); the slow variant takes 500 draws, the figure docs/generators.md reports.
"""

from __future__ import annotations

import pytest

from qftdata.generators import families
from qftdata.generators.variety import check, measure, min_distinct_statements, stats_of
from qftdata.schema import Problem

N_FAST = 100
N_SLOW = 500
FAMILIES = sorted(families())


def _verdict(name: str, n: int) -> list[str]:
    return check(measure(name, n), families()[name].categorical)


@pytest.mark.parametrize("name", FAMILIES)
def test_variety_fast(name):
    problems = _verdict(name, N_FAST)
    assert not problems, f"{name}: " + "; ".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("name", FAMILIES)
def test_variety_500_draws(name):
    problems = _verdict(name, N_SLOW)
    assert not problems, f"{name}: " + "; ".join(problems)


def _rec(i: int, answer: str, level: str = "graduate", problem: str | None = None,
         answer_type: str = "expression", **kw) -> Problem:
    return Problem(id=f"t-{i}", source="procedural", family="t", category="Foundations and Scalar Fields",
                   level=level, problem=problem or f"Problem number {i}. Give it in `\\boxed{{}}`.", answer=answer,
                   answer_type=answer_type, **kw)


# The caps themselves, on hand-made records: each defect the issue names is caught.
def test_caps_catch_a_guessable_family():
    recs = [_rec(i, "2" if i % 5 == 0 else str(i)) for i in range(100)]  # "2" in 20 % (symmetry_factor)
    assert any("most common answer '2' in 2" in p for p in check(stats_of("t", recs), categorical=False))
    assert check(stats_of("t", [_rec(i, str(i + 7)) for i in range(100)]), categorical=False) == []


def test_caps_catch_trivial_answers_repeats_and_cross_level_statements():
    trivial = [_rec(i, ["0", "1", "-1"][i % 3] if i % 4 == 0 else f"x_{i}") for i in range(100)]
    assert any("trivial answers" in p for p in check(stats_of("t", trivial), categorical=False))
    few = [_rec(i, f"a_{i}", problem=f"Problem {i % 40}.") for i in range(100)]  # 40 distinct statements
    assert any("distinct statements" in p for p in check(stats_of("t", few), categorical=False))
    cross = [_rec(i, f"a_{i}", level=("graduate", "postgraduate")[i % 2], problem=f"P {i // 2}") for i in range(200)]
    assert any("two levels" in p for p in check(stats_of("t", cross), categorical=False))


def test_categorical_family_must_show_its_options():
    shown = "Is it (A) renormalizable, (B) super-renormalizable or (C) non-renormalizable? Give it in `\\boxed{}`."
    labels = ["renormalizable", "super-renormalizable", "non-renormalizable"]
    good = [_rec(i, labels[i % 3], problem=shown + f" Case {i}.", answer_type="categorical", choices=labels)
            for i in range(100)]
    assert check(stats_of("t", good), categorical=True) == []
    hidden = [_rec(i, labels[i % 3], answer_type="categorical", choices=labels) for i in range(100)]
    assert any("does not show the choice" in p for p in check(stats_of("t", hidden), categorical=True))
    skewed = [_rec(i, labels[0] if i % 10 else labels[1], problem=shown + f" {i}.", answer_type="categorical",
                   choices=labels) for i in range(100)]
    assert any("most common label" in p for p in check(stats_of("t", skewed), categorical=True))


def test_expected_distinct_statements():
    assert min_distinct_statements(500) == 284 and min_distinct_statements(100) == 81
