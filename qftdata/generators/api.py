"""Public generation API: `generate(name, n, seed, level)` -> schema records."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator, Sequence
from dataclasses import replace

from qftdata import __version__
from qftdata.generators.base import LEVEL_BANDS, Draft, Family, check_difficulty, level_for_difficulty
from qftdata.generators.registry import get_family
from qftdata.schema import LEVELS, Problem, dumps, stable_id


def rng_for(name: str, seed: int, index: int) -> random.Random:
    """The RNG of problem `index`: `random.Random(seed + idx)` style, salted by the family name.

    String seeds are hashed with SHA-512 by `random`, so this is stable across runs and platforms.
    """
    return random.Random(f"{name}/{seed}/{index}")


def level_for(family: Family, index: int, level: str | None) -> str:
    if level is None:
        return family.levels[index % len(family.levels)]
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose from {LEVELS}")
    if level not in family.levels:
        raise ValueError(f"family {family.name} has no level {level!r}; it has {family.levels}")
    return level


Difficulty = float | tuple[float, float] | None


def difficulty_for(name: str, seed: int, index: int, difficulty: Difficulty) -> float | None:
    """Problem `index`'s knob value: a fixed number, or a draw from a `(lo, hi)` range that depends only on
    (family, seed, index), so a range reproduces the same problems in every build."""
    if difficulty is None:
        return None
    if isinstance(difficulty, tuple):
        lo, hi = difficulty
        check_difficulty(lo)
        check_difficulty(hi)
        if lo > hi:
            raise ValueError(f"difficulty range {lo}:{hi} is empty (lo > hi)")
        return round(random.Random(f"{name}/{seed}/{index}/difficulty").uniform(lo, hi), 4)
    check_difficulty(difficulty)
    return float(difficulty)


def parse_difficulty(text: str | None) -> Difficulty:
    """`"0.7"` -> 0.7, `"0.2:0.8"` -> (0.2, 0.8), None/"" -> None (the CLI's `--difficulty`)."""
    if text is None or not str(text).strip():
        return None
    parts = str(text).split(":")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise ValueError(f"--difficulty {text!r}: give a number in [0, 1] or a range lo:hi") from None
    try:
        if len(values) == 1:
            check_difficulty(values[0])
            return values[0]
        if len(values) == 2:
            difficulty_for("", 0, 0, (values[0], values[1]))  # validates
            return values[0], values[1]
    except ValueError as exc:  # name the flag and the value the user typed
        raise ValueError(f"--difficulty {text!r}: {exc}") from None
    raise ValueError(f"--difficulty {text!r}: give a number in [0, 1] or a range lo:hi")


def make_draft(family: Family, *, seed: int, index: int, level: str | None = None,
               difficulty: Difficulty = None) -> tuple[Draft, str]:
    """(draft, level) of problem `index`: the one place a family's `generate` is called.

    With a difficulty, the level is the family level whose band holds it, and the family sees the value
    as `config.difficulty`; an explicit `level` must agree with it.
    """
    d = difficulty_for(family.name, seed, index, difficulty)
    if d is None:
        lvl, config = level_for(family, index, level), family.config
    else:
        lvl = level_for_difficulty(d, family.levels)
        if level is not None and level != lvl:
            raise ValueError(f"difficulty {d} is {lvl} for {family.name}, not {level}")
        config = replace(family.config, difficulty=d)
    return family.generate(rng_for(family.name, seed, index), lvl, config), lvl


def statement_digest(problem: str) -> str:
    """sha256 (16 hex digits) of the whitespace-normalised statement: the same text, the same digest."""
    return hashlib.sha256(" ".join(problem.split()).encode()).hexdigest()[:16]


def record_id(family: Family, draft: Draft) -> str:
    """The record id: a hash of (family, version, params, statement digest).

    The level is not part of it, so a statement that a family emits at two levels is one record (the
    first draw wins); the statement digest keeps two different statements from sharing an id even if a
    family forgot a random choice in `params`.
    """
    return stable_id(family.name, family.version, {"params": draft.params,
                                                     "statement": statement_digest(draft.problem)})


def draft_to_record(family: Family, draft: Draft, *, seed: int, index: int, level: str) -> Problem:
    solution = draft.solution.rstrip()
    if "\\boxed{" not in solution[-(len(draft.answer) + 200):]:
        solution += f"\n\n$$\\boxed{{{draft.answer}}}$$"
    metadata = {
        "family_version": family.version,
        "generator": f"qftdata {__version__}",
        "index": index,
        "params": draft.params,
        "reference": family.reference,
        "seed": seed,
        "difficulty": draft.difficulty if draft.difficulty is not None else round(sum(LEVEL_BANDS[level]) / 2, 4),
        **draft.extra_metadata,
    }
    record = Problem(
        id=record_id(family, draft),
        source="procedural",
        family=family.name,
        category=family.category,
        level=level,
        problem=draft.problem.strip(),
        answer=draft.answer,
        answer_type=draft.answer_type,
        symbols=list(draft.symbols),
        tolerance=float(draft.tolerance),
        choices=list(draft.choices),
        solution=solution,
        assumptions=dumps(draft.assumptions),
        domain=dumps(list(draft.domain)),
        code=dumps(draft.code) if draft.code else "",
        metadata=dumps(metadata),
    )
    record.validate()
    return record


def generate_one(name: str, *, seed: int, index: int, level: str | None = None,
                 difficulty: Difficulty = None) -> Problem:
    """Problem `index` of family `name` for `seed`: the same inputs always give the same record."""
    family = get_family(name)
    draft, lvl = make_draft(family, seed=seed, index=index, level=level, difficulty=difficulty)
    return draft_to_record(family, draft, seed=seed, index=index, level=lvl)


def iter_generate(name: str, n: int, seed: int = 0, level: str | None = None,
                  unique: bool = True, max_attempts_factor: int = 10,
                  difficulty: Difficulty = None) -> Iterator[Problem]:
    """Yield up to `n` records; with `unique`, skip repeats of an id and draw further indices.

    A family of limited variety may yield fewer than `n` (after `max_attempts_factor * n` draws).
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    seen: set[str] = set()
    produced = 0
    for index in range(max(n, 1) * max_attempts_factor if unique else n):
        if produced >= n:
            return
        record = generate_one(name, seed=seed, index=index, level=level, difficulty=difficulty)
        if unique:
            if record.id in seen:
                continue
            seen.add(record.id)
        produced += 1
        yield record


def generate(name: str, n: int = 50, seed: int = 0, level: str | None = None,
             unique: bool = True, difficulty: Difficulty = None) -> list[Problem]:
    """`n` problems of family `name` as schema records (see `iter_generate`); `difficulty` is the knob
    (a number in [0, 1] or a `(lo, hi)` range)."""
    return list(iter_generate(name, n, seed=seed, level=level, unique=unique, difficulty=difficulty))


def select_families(spec: str | Sequence[str] | None = None, level: str | None = None) -> list[str]:
    """Family names matching `spec`: None/"all"/"*" for every family, else comma-separated names or
    globs (`"kinematics.*,path_integrals.wick_contractions"`). With `level`, only families offering it.

    Raises ValueError naming a pattern that matches nothing (a typo must not silently generate nothing).
    """
    from fnmatch import fnmatchcase

    from qftdata.generators.registry import families

    names = list(families())
    if spec is None or (isinstance(spec, str) and spec.strip() in ("", "all", "*")):
        chosen = names
    else:
        patterns = [p.strip() for p in (spec.split(",") if isinstance(spec, str) else spec) if p.strip()]
        chosen = []
        for pat in patterns:
            hits = [n for n in names if fnmatchcase(n, pat)]
            if not hits:
                raise ValueError(f"--families: {pat!r} matches no registered family ({len(names)} are registered; "
                                 "`qftdata generate --list` lists them)")
            chosen += [h for h in hits if h not in chosen]
    if level is not None:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; choose from {LEVELS}")
        chosen = [n for n in chosen if level in get_family(n).levels]
    return chosen


def statement_key(record: Problem) -> str:
    """Whitespace-normalised statement, the key for cross-family statement de-duplication."""
    return " ".join(record.problem.split())
