"""Test helpers for the difficulty knob of the retrofitted QFT families (private; used by tests/test_gen_*.py).

Two checks every family of the rubric must pass: it realises the knob (returns the value it was given, and a
value inside its level's band otherwise), and no statement is emitted at two levels (the level changes the
problem, so one text never carries two level labels).
"""

from __future__ import annotations

from qftdata.generators.api import make_draft
from qftdata.generators.base import LEVEL_BANDS
from qftdata.generators.registry import get_family


def assert_knob_realised(name: str) -> None:
    fam = get_family(name)
    for d in (0.05, 0.3, 0.6, 0.95):
        draft, _ = make_draft(fam, seed=3, index=1, difficulty=d)
        assert draft.difficulty == d, f"{name}: Draft.difficulty {draft.difficulty} for knob {d}"
    for index in range(len(fam.levels)):
        draft, level = make_draft(fam, seed=3, index=index)
        lo, hi = LEVEL_BANDS[level]
        assert lo <= draft.difficulty <= hi, f"{name}: drawn difficulty {draft.difficulty} outside {level}"


def assert_levels_disjoint(name: str, n: int = 12) -> None:
    fam = get_family(name)
    seen: dict[str, str] = {}
    for level in fam.levels:
        for index in range(n):
            draft, _ = make_draft(fam, seed=1, index=index, level=level)
            key = " ".join(draft.problem.split())
            assert seen.setdefault(key, level) == level, f"{name}: one statement at {seen[key]} and {level}"
