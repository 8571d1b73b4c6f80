"""The generator framework: a `Family` is a named, versioned, deterministic problem maker.

Each family lives in its own module under a category sub-package, builds a `Draft` from
`generate(rng, level, config)` by *computing* the answer (sympy traces, integrals, group theory), and
registers itself with `register(Family(...))` at the bottom of the module.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from qftdata.schema import CATEGORIES, LEVELS, XPHYSICS_CATEGORIES

# The difficulty knob: one number in [0, 1] per problem. The four levels are its quarters (the rubric in
# docs/generators.md says what each quarter asks of a solver); inside a level a family scales the size of
# its problem (number of fields, gamma matrices, loops, representation size, ...) with the same number.
LEVEL_BANDS: dict[str, tuple[float, float]] = {
    lv: (i / len(LEVELS), (i + 1) / len(LEVELS)) for i, lv in enumerate(LEVELS)
}


def level_for_difficulty(difficulty: float, levels: tuple[str, ...]) -> str:
    """The family level whose band holds `difficulty` (the nearest band when the family lacks that level)."""
    check_difficulty(difficulty)
    for lv in levels:
        lo, hi = LEVEL_BANDS[lv]
        if lo <= difficulty < hi or (hi == 1.0 and difficulty == 1.0):
            return lv
    return min(levels, key=lambda lv: abs(sum(LEVEL_BANDS[lv]) / 2 - difficulty))


def check_difficulty(difficulty: float) -> None:
    if not isinstance(difficulty, (int, float)) or not 0.0 <= float(difficulty) <= 1.0:
        raise ValueError(f"difficulty must be a number in [0, 1], got {difficulty!r}")


@dataclass(frozen=True)
class FamilyConfig:
    """Base of each family's dataclass config: parameter ranges live in subclasses.

    Subclasses add fields (ranges, choices) and may override `validate()`; configs are frozen so one
    config object can be shared and used as a cache key. `difficulty` is the knob: None draws it inside
    the level's band (see `knob`); `qftdata generate --difficulty` sets it per problem.
    """

    difficulty: float | None = None

    def validate(self) -> None:  # pragma: no cover - trivial default
        return None


def knob(config: FamilyConfig, level: str, rng: random.Random) -> float:
    """The problem's difficulty in [0, 1]: the configured value, else a draw inside `level`'s band.

    A family calls this once, early in `generate`, scales its problem with the value (see `scale`) and
    returns it in `Draft.difficulty`, so a knob setting reproduces the same problem sizes.
    """
    if config.difficulty is not None:
        return float(config.difficulty)
    lo, hi = LEVEL_BANDS[level]
    return round(rng.uniform(lo, hi), 4)


def scale(difficulty: float, lo: int, hi: int) -> int:
    """An integer size in [lo, hi] growing linearly with `difficulty` in [0, 1] (the knob's usual use)."""
    return lo + min(hi - lo, int(difficulty * (hi - lo + 1)))


def band_position(difficulty: float, level: str) -> float:
    """Where `difficulty` sits inside `level`'s band, in [0, 1] (clipped: a value set for a level the family
    lacks saturates at the band's edge). A family picks the *kind* of problem from the level (the rubric)
    and its size from this position, so the knob moves problems continuously within and across levels."""
    lo, hi = LEVEL_BANDS[level]
    return min(1.0, max(0.0, (difficulty - lo) / (hi - lo)))


def band_scale(difficulty: float, level: str, lo: int, hi: int) -> int:
    """An integer size in [lo, hi] growing with `difficulty`'s position inside `level`'s band."""
    return scale(band_position(difficulty, level), lo, hi)


@dataclass
class Draft:
    """What a family's `generate` returns: the problem before it becomes a schema record.

    `params` must hold every randomised parameter (it feeds the stable id). `answer` is canonical
    LaTeX (or a plain number / label) that the project's verifier parses. `solution` is a worked
    derivation ending in `\\boxed{answer}`.
    """

    problem: str
    answer: str
    solution: str
    params: dict[str, Any]
    symbols: list[str] = field(default_factory=list)
    answer_type: str = "expression"
    tolerance: float = 0.0
    choices: list[str] = field(default_factory=list)
    assumptions: dict[str, str] = field(default_factory=dict)
    code: dict[str, Any] | None = None
    extra_metadata: dict[str, Any] = field(default_factory=dict)
    difficulty: float | None = None  # the knob value the family realised (see `knob`); None: band midpoint
    # The physical region of the symbols, relations included, as plain-text inequalities among declared
    # symbols (e.g. "M > m_1 + m_2", "s > 4*m^2"); the verifier samples only points inside it.
    domain: list[str] = field(default_factory=list)


GenerateFn = Callable[[random.Random, str, Any], Draft]


@dataclass(frozen=True)
class Family:
    """A registered problem family.

    name: dotted, e.g. "phi4.tree_2to2_xsec"; cross-physics families start with "xphysics.".
    version: bump whenever statement, parameters or answer of a given (seed, index) change.
    reference: the literature source the family's tests cross-check against.
    categorical: the answer is one of a few labels by nature (e.g. renormalizable / not): the variety test
        then requires `answer_type="categorical"`, the gold among `choices` and every choice shown in the
        statement, instead of capping the most common answer at 10 % of draws (docs/generators.md).
    """

    name: str
    category: str
    levels: tuple[str, ...]
    description: str
    generate: GenerateFn
    config: FamilyConfig = field(default_factory=FamilyConfig)
    version: int = 1
    reference: str = ""
    categorical: bool = False

    @property
    def is_xphysics(self) -> bool:
        return self.name.startswith("xphysics.")

    def validate(self) -> None:
        if not self.name or " " in self.name:
            raise ValueError(f"family name {self.name!r} must be a non-empty dotted name")
        allowed = XPHYSICS_CATEGORIES if self.is_xphysics else CATEGORIES
        if self.category not in allowed:
            raise ValueError(f"family {self.name}: category {self.category!r} not in {allowed}")
        if not self.levels or any(lv not in LEVELS for lv in self.levels):
            raise ValueError(f"family {self.name}: levels {self.levels!r} must be a subset of {LEVELS}")
        if self.version < 1:
            raise ValueError(f"family {self.name}: version must be >= 1")
        self.config.validate()
