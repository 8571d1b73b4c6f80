"""Public generation API: `generate(name, n, seed, level)` -> schema records."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from qftdata import __version__
from qftdata.generators.base import Draft, Family
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
        **draft.extra_metadata,
    }
    record = Problem(
        id=stable_id(family.name, family.version, {"level": level, **draft.params}),
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
        code=dumps(draft.code) if draft.code else "",
        metadata=dumps(metadata),
    )
    record.validate()
    return record


def generate_one(name: str, *, seed: int, index: int, level: str | None = None) -> Problem:
    """Problem `index` of family `name` for `seed`: the same inputs always give the same record."""
    family = get_family(name)
    lvl = level_for(family, index, level)
    draft = family.generate(rng_for(name, seed, index), lvl, family.config)
    return draft_to_record(family, draft, seed=seed, index=index, level=lvl)


def iter_generate(name: str, n: int, seed: int = 0, level: str | None = None,
                  unique: bool = True, max_attempts_factor: int = 10) -> Iterator[Problem]:
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
        record = generate_one(name, seed=seed, index=index, level=level)
        if unique:
            if record.id in seen:
                continue
            seen.add(record.id)
        produced += 1
        yield record


def generate(name: str, n: int = 50, seed: int = 0, level: str | None = None,
             unique: bool = True) -> list[Problem]:
    """`n` problems of family `name` as schema records (see `iter_generate`)."""
    return list(iter_generate(name, n, seed=seed, level=level, unique=unique))


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
                raise ValueError(f"--families: {pat!r} matches no registered family; known: {', '.join(names)}")
            chosen += [h for h in hits if h not in chosen]
    if level is not None:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; choose from {LEVELS}")
        chosen = [n for n in chosen if level in get_family(n).levels]
    return chosen


def statement_key(record: Problem) -> str:
    """Whitespace-normalised statement, the key for cross-family statement de-duplication."""
    return " ".join(record.problem.split())
