"""Topic lists for `qftdata synth`, and the plan of generation jobs over their cells.

Two layouts are read (`load_topics`), told apart by their shape:

* **ours** (`qftdata/synth/topics.yaml`, YAML or JSON): `{version, difficulties: [...], categories:
  {category: {level: [topic, ...]}}}`;
* **the paper's** (arXiv 2604.18936, `topics/QFT_training/topic_list.json`): `{level: {category: [{id,
  topic, description, category}, ...]}}`. Its level names are mapped onto `schema.LEVELS` by the explicit
  table `PAPER_LEVELS` (any case; words joined by spaces, `-` or `_`); its categories must be the 18 of
  `schema.CATEGORIES` (compared ignoring case and spacing), and an item's own `category`, when given, must
  name the list it is in. Ids are kept (`Topic.id`, then `topic_id` in each record's metadata) and must be
  unique; the description goes into the generation prompt. Difficulties: `standard` (`--difficulties` to
  change).

Anything else is a `ValueError` whose one-line message names the file, the place and what to fix.

`plan_jobs` reads its `levels` / `categories` filters the same way: a level in our spelling or the paper's
("Post Graduate", "advanced_graduate"), a category in any case and spacing; a name that is not a level,
or not a category of the list, is a one-line `ValueError` naming the choices.

>>> t = load_topics()                          # the packaged list
>>> sorted(t["categories"])[0], t["difficulties"]
('Amplitude and On-Shell Methods', ['standard', 'challenging'])
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["PAPER_LEVELS", "Job", "Topic", "load_topics", "plan_jobs", "summarise"]

# The paper's level names (normalised: lower case, words joined by one space) -> schema.LEVELS.
PAPER_LEVELS: dict[str, str] = {
    "advanced undergraduate": "advanced-undergraduate",
    "graduate": "graduate",
    "advanced graduate": "advanced-graduate",
    "postgraduate": "postgraduate",
    "post graduate": "postgraduate",
}


@dataclass(frozen=True)
class Topic:
    name: str
    id: str = ""
    description: str = ""


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", str(text)).strip().lower()


def _parse(text: str, where: str, is_json: bool) -> Any:
    if is_json:
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: JSON does not parse: {exc.msg} (line {exc.lineno}, column {exc.colno})") \
                from None
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        raise ValueError(f"{where}: YAML does not parse: {getattr(exc, 'problem', None) or exc}{at}") from None


def load_topics(path: str | Path | None = None) -> dict[str, Any]:
    """The topic list (default: the packaged `topics.yaml`) in either layout, checked. Returns
    {"difficulties": [...], "categories": {category: {level: [Topic, ...]}}, "layout": "ours" | "paper"}."""
    where = str(path) if path else "qftdata/synth/topics.yaml"
    if path:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{where}: cannot be read: {exc}") from None
    else:
        text = resources.files("qftdata.synth").joinpath("topics.yaml").read_text(encoding="utf-8")
    data = _parse(text, where, str(path or "").lower().endswith(".json"))
    if isinstance(data, dict) and "categories" in data:
        return _ours(data, where)
    if isinstance(data, dict) and data and all(isinstance(v, dict) for v in data.values()):
        return _paper(data, where)
    raise ValueError(f"{where}: expected our layout 'categories: {{category: {{level: [topics]}}}}' or the "
                     "paper's topic_list.json layout '{level: {category: [{id, topic, description, category}]}}'")


def _ours(data: dict[str, Any], where: str) -> dict[str, Any]:
    from qftdata.schema import CATEGORIES, LEVELS, XPHYSICS_CATEGORIES

    if not isinstance(data["categories"], dict):
        raise ValueError(f"{where}: expected a mapping with 'categories: {{category: {{level: [topics]}}}}'")
    unknown = set(data) - {"version", "difficulties", "categories"}
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {sorted(unknown)}")
    diffs = data.get("difficulties") or ["standard"]
    if not isinstance(diffs, list) or not all(isinstance(d, str) and d for d in diffs):
        raise ValueError(f"{where}: difficulties: expected a list of names")
    cats: dict[str, dict[str, list[Topic]]] = {}
    for cat, levels in data["categories"].items():
        if cat not in CATEGORIES + XPHYSICS_CATEGORIES:
            raise ValueError(f"{where}: category {cat!r} is not in schema.CATEGORIES")
        if not isinstance(levels, dict):
            raise ValueError(f"{where}: {cat}: expected a mapping level -> [topics]")
        cats[cat] = {}
        for level, topics in levels.items():
            if level not in LEVELS:
                raise ValueError(f"{where}: {cat}: level {level!r} is not in schema.LEVELS")
            if not isinstance(topics, list) or not all(isinstance(t, str) and t.strip() for t in topics):
                raise ValueError(f"{where}: {cat}/{level}: expected a list of topic strings")
            cats[cat][level] = [Topic(t.strip()) for t in topics]
    return {"difficulties": list(diffs), "categories": cats, "layout": "ours"}


def _paper(data: dict[str, Any], where: str) -> dict[str, Any]:
    from qftdata.schema import CATEGORIES

    by_norm = {_norm(c): c for c in CATEGORIES}
    cats: dict[str, dict[str, list[Topic]]] = {}
    ids: dict[str, str] = {}
    for level_name, categories in data.items():
        level = PAPER_LEVELS.get(_norm(level_name))
        if level is None:
            raise ValueError(f"{where}: level {level_name!r} is unknown: use one of "
                             f"{sorted(set(PAPER_LEVELS))} (any case, words joined by spaces, '-' or '_')")
        for cat_name, items in categories.items():
            cat = by_norm.get(_norm(cat_name))
            place = f"{where}: {level_name} / {cat_name}"
            if cat is None:
                raise ValueError(f"{place}: category {cat_name!r} is not one of the 18 of schema.CATEGORIES")
            if not isinstance(items, list):
                raise ValueError(f"{place}: expected a list of {{id, topic, description, category}} objects")
            for n, item in enumerate(items):
                topic = _paper_item(item, f"{place}: item {n}", cat, by_norm)
                if topic.id in ids:
                    raise ValueError(f"{place}: item {n}: id {topic.id!r} repeats the id of {ids[topic.id]}")
                ids[topic.id] = f"{level_name} / {cat_name} item {n}"
                cats.setdefault(cat, {}).setdefault(level, []).append(topic)
    if not cats:
        raise ValueError(f"{where}: no topics")
    return {"difficulties": ["standard"], "categories": cats, "layout": "paper"}


def _paper_item(item: Any, place: str, cat: str, by_norm: dict[str, str]) -> Topic:
    if not isinstance(item, dict):
        raise ValueError(f"{place}: expected an object {{id, topic, description, category}}, got "
                         f"{type(item).__name__}")
    name, ident, desc = item.get("topic"), item.get("id"), item.get("description", "")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{place}: 'topic' must be a non-empty string")
    if isinstance(ident, bool) or not isinstance(ident, (str, int)) or not str(ident).strip():
        raise ValueError(f"{place} ({name.strip()!r}): 'id' must be a non-empty string or integer")
    if not isinstance(desc, str):
        raise ValueError(f"{place} ({name.strip()!r}): 'description' must be a string")
    own = item.get("category")
    if own is not None and by_norm.get(_norm(own)) != cat:
        raise ValueError(f"{place} ({name.strip()!r}): its 'category' {own!r} differs from the list it is in")
    return Topic(name.strip(), str(ident).strip(), " ".join(desc.split()))


@dataclass(frozen=True)
class Job:
    index: int
    category: str
    level: str
    topic: str
    difficulty: str
    answer_type: str
    rank: int  # earlier jobs of the same (category, topic)
    topic_id: str = ""
    topic_description: str = ""

    @property
    def label(self) -> str:
        return f"{self.category} / {self.level} / {self.difficulty} / {self.topic} #{self.rank}"

    @property
    def prompt_topic(self) -> str:
        """What the generation prompt shows: the topic, and its description when the list has one."""
        return f"{self.topic} — {self.topic_description}" if self.topic_description else self.topic


def plan_jobs(topics: dict[str, Any], n: int, seed: int = 0, *, categories: list[str] | None = None,
              levels: list[str] | None = None, difficulties: list[str] | None = None,
              answer_types: tuple[str, ...] = ("expression",)) -> list[Job]:
    """`n` jobs over the cells, spread evenly: categories take turns, each category's cells in a seeded
    shuffle; when `n` exceeds the number of cells the cells come round again (rank 1, 2, ...). Answer
    types cycle over the jobs. Deterministic for a given (topics, n, seed, filters)."""
    diffs = difficulties or topics["difficulties"]
    categories, levels = _resolve_filters(topics, categories, levels)
    per_cat: list[list[tuple[str, str, Topic, str]]] = []
    for cat, lv in topics["categories"].items():
        if categories and cat not in categories:
            continue
        cells = [(cat, level, topic, d) for level, ts in lv.items() if not levels or level in levels
                 for topic in ts for d in diffs]
        random.Random(f"{seed}:{cat}").shuffle(cells)
        if cells:
            per_cat.append(cells)
    order = [cells[i] for i in range(max((len(c) for c in per_cat), default=0)) for cells in per_cat
             if i < len(cells)]
    if not order:
        raise ValueError("no (topic, level, difficulty) cell matches the filters")
    jobs, seen = [], {}
    for i in range(n):
        cat, level, topic, d = order[i % len(order)]
        rank = seen.get((cat, topic.name), 0)
        seen[(cat, topic.name)] = rank + 1
        jobs.append(Job(i, cat, level, topic.name, d, answer_types[i % len(answer_types)], rank, topic.id,
                        topic.description))
    return jobs


def _resolve_filters(topics: dict[str, Any], categories: list[str] | None,
                     levels: list[str] | None) -> tuple[list[str] | None, list[str] | None]:
    """The filters in the list's own names: levels through `PAPER_LEVELS` (which also reads ours), categories
    ignoring case and spacing; an unknown name is a `ValueError` naming the choices."""
    from qftdata.schema import LEVELS

    present = {_norm(c): c for c in topics["categories"]}
    cats = None
    if categories:
        cats = []
        for c in categories:
            if _norm(c) not in present:
                raise ValueError(f"--categories: {c!r} is not a category of the topic list (its categories: "
                                 f"{', '.join(topics['categories'])})")
            cats.append(present[_norm(c)])
    lvls = None
    if levels:
        lvls = []
        for lv in levels:
            if PAPER_LEVELS.get(_norm(lv)) is None:
                raise ValueError(f"--levels: {lv!r} is not a level: use one of {', '.join(LEVELS)} (or the paper's "
                                 "spellings, e.g. 'Post Graduate'; any case, words joined by spaces, '-' or '_')")
            lvls.append(PAPER_LEVELS[_norm(lv)])
    return cats, lvls


def summarise(topics: dict[str, Any]) -> dict[str, Any]:
    """What was read from a topic list, for the report: its layout, how many topics, per level (in
    `schema.LEVELS` order) and per category."""
    from qftdata.schema import LEVELS

    per_level: dict[str, int] = {}
    per_cat = {cat: sum(len(ts) for ts in lv.values()) for cat, lv in topics["categories"].items()}
    for lv in topics["categories"].values():
        for level, ts in lv.items():
            per_level[level] = per_level.get(level, 0) + len(ts)
    order = [lv for lv in LEVELS if lv in per_level] + sorted(set(per_level) - set(LEVELS))
    return {"layout": topics["layout"], "topics": sum(per_cat.values()), "levels": {lv: per_level[lv] for lv in order},
            "categories": per_cat}
