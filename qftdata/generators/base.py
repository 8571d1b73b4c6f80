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


@dataclass(frozen=True)
class FamilyConfig:
    """Base of each family's dataclass config: parameter ranges live in subclasses.

    Subclasses add fields (ranges, choices) and may override `validate()`; configs are frozen so one
    config object can be shared and used as a cache key.
    """

    def validate(self) -> None:  # pragma: no cover - trivial default
        return None


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


GenerateFn = Callable[[random.Random, str, Any], Draft]


@dataclass(frozen=True)
class Family:
    """A registered problem family.

    name: dotted, e.g. "phi4.tree_2to2_xsec"; cross-physics families start with "xphysics.".
    version: bump whenever statement, parameters or answer of a given (seed, index) change.
    reference: the literature source the family's tests cross-check against.
    """

    name: str
    category: str
    levels: tuple[str, ...]
    description: str
    generate: GenerateFn
    config: FamilyConfig = field(default_factory=FamilyConfig)
    version: int = 1
    reference: str = ""

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
