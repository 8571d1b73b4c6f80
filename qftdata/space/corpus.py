"""Every problem of a dataset, searchable and filterable, a page at a time.

The whole dataset is held in memory (13k rows with solutions are tens of MB): counts are exact and every
row is reachable through search, filters and pages. Nothing here has a size cap, so Random and the table
behave the same on 100 problems and on 100,000.

Filters narrow each other (faceted search): the choices offered for one column are the values found among
the rows that match the search text and the *other* filters, each with its count.
"""

from __future__ import annotations

import logging
import math
import random
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["ALL", "FACETS", "Corpus", "Query", "bundled_sample", "load_corpus", "source_label"]

logger = logging.getLogger(__name__)

ALL = "(all)"
FACETS = ("split", "category", "family", "level")  # the filter columns; "split" is "config/split"
PAGE_SIZE = 20
PREVIEW_CHARS = 160
_DROP = ("prompt", "messages")  # derived chat columns: the statement is in `problem`


@dataclass(frozen=True)
class Query:
    """What a visitor asked for: search text (every word must occur) and one value (or ALL) per facet."""

    text: str = ""
    split: str = ALL
    category: str = ALL
    family: str = ALL
    level: str = ALL

    def terms(self) -> list[str]:
        return [t for t in self.text.lower().split() if t]

    def facet(self, name: str) -> str:
        return str(getattr(self, name))


@dataclass
class Corpus:
    """Problems the Space shows: rows (schema fields + `config`, `split`) and a label for where they came from."""

    rows: list[dict[str, Any]]
    source: str
    by_id: dict[str, dict[str, Any]] = field(init=False)
    _haystack: list[str] = field(init=False, repr=False)
    _keys: list[dict[str, str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_id = {r["id"]: r for r in self.rows}
        self._keys = [{f: _facet_value(r, f) for f in FACETS} for r in self.rows]
        # search over id, family, category, level and the statement (lower-cased once, not per query)
        self._haystack = [_haystack(r) for r in self.rows]
        self._rng = random.Random()
        self._rng_lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.rows)

    def values(self, facet: str) -> list[str]:
        return sorted({k[facet] for k in self._keys})

    def split_counts(self) -> dict[str, int]:
        return dict(sorted(Counter(k["split"] for k in self._keys).items()))

    # ------------------------------------------------------------------ matching
    def _text_ok(self, q: Query) -> list[bool]:
        terms = q.terms()
        if not terms:
            return [True] * len(self.rows)
        return [all(t in h for t in terms) for h in self._haystack]

    def match_indices(self, q: Query) -> list[int]:
        """Indices of the rows matching the search text and every facet filter, in dataset order."""
        text_ok = self._text_ok(q)
        wanted = {f: q.facet(f) for f in FACETS if q.facet(f) != ALL}
        return [i for i, k in enumerate(self._keys)
                if text_ok[i] and all(k[f] == v for f, v in wanted.items())]

    def matches(self, row: dict[str, Any], q: Query) -> bool:
        """Whether one row matches the query (the same rules as `match_indices`)."""
        hay = _haystack(row)
        return (all(t in hay for t in q.terms())
                and all(q.facet(f) in (ALL, _facet_value(row, f)) for f in FACETS))

    def facets(self, q: Query) -> dict[str, list[tuple[str, int]]]:
        """For each facet: (value, count) over the rows matching the text and the OTHER facets' filters.

        The value currently chosen is always listed (with count 0 if nothing matches), so a dropdown never
        loses its own selection."""
        text_ok = self._text_ok(q)
        wanted = {f: q.facet(f) for f in FACETS if q.facet(f) != ALL}
        out: dict[str, list[tuple[str, int]]] = {}
        for f in FACETS:
            others = {g: v for g, v in wanted.items() if g != f}
            counts = Counter(k[f] for i, k in enumerate(self._keys)
                             if text_ok[i] and all(k[g] == v for g, v in others.items()))
            if f in wanted and wanted[f] not in counts:
                counts[wanted[f]] = 0
            out[f] = sorted(counts.items())
        return out

    def page(self, q: Query, page: int, size: int = PAGE_SIZE) -> tuple[list[dict[str, Any]], int, int, int]:
        """(rows of page `page` (1-based, clamped), the clamped page, the number of pages, the match count)."""
        idx = self.match_indices(q)
        pages = max(1, math.ceil(len(idx) / size))
        page = min(max(1, int(page or 1)), pages)
        return [self.rows[i] for i in idx[(page - 1) * size: page * size]], page, pages, len(idx)

    def random_row(self, q: Query, exclude: str = "") -> dict[str, Any] | None:
        """A uniformly drawn matching row other than `exclude` (the one on screen) when there is another;
        None when nothing matches."""
        idx = self.match_indices(q)
        if len(idx) > 1 and exclude in self.by_id:
            idx = [i for i in idx if self.rows[i]["id"] != exclude]
        if not idx:
            return None
        with self._rng_lock:
            return self.rows[self._rng.choice(idx)]


def _haystack(row: dict[str, Any]) -> str:
    return " ".join((row["id"], row.get("family", ""), row.get("category", ""), row.get("level", ""),
                     row.get("problem", ""))).lower()


def _facet_value(row: dict[str, Any], facet: str) -> str:
    if facet == "split":
        return f"{row.get('config', '')}/{row.get('split', '')}"
    return str(row.get(facet, ""))


_ASK_FORMAT = re.compile(r"(?<=[.:)$]) [^.]*\\boxed\{\}[^.]*\.?$")


def preview(text: str, limit: int = PREVIEW_CHARS) -> str:
    """One line of a statement for the table: its opening and its closing words (where the question is
    asked; the closing sentence on the answer format is dropped), the conventions paragraph that opens most statements skipped (it is the same everywhere),
    display math made inline, cut at word boundaries and never inside a formula."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    if len(paragraphs) > 1 and re.match(r"\W*conventions?\b", paragraphs[0].strip(), re.IGNORECASE):
        paragraphs = paragraphs[1:]
    flat = re.sub(r"\s+", " ", " ".join(paragraphs)).strip().replace("$$", "$")  # one line: inline math only
    flat = _ASK_FORMAT.sub("", flat) or flat  # the closing "Give it ... in \boxed{}." says nothing distinctive
    if len(flat) <= limit:
        return flat
    half = limit // 2
    head = flat[:half].rsplit(" ", 1)[0]
    if head.count("$") % 2:  # never end inside inline math: drop the unclosed formula
        head = head[:head.rfind("$")].rstrip()
    tail = flat[-half:].split(" ", 1)[-1]
    if flat[:-len(tail)].count("$") % 2:  # the tail would start inside a formula: skip to its end
        tail = tail[tail.find("$") + 1:].lstrip()
    return f"{head} … {tail}"


# ------------------------------------------------------------------------------------------ loading
def bundled_sample(per_family: int = 2, seed: int = 0) -> Corpus:
    """A small sample generated at start-up from every registered family (no network needed)."""
    from qftdata.generators import families, generate

    rows: list[dict[str, Any]] = []
    for name in families():
        try:
            records = generate(name, n=per_family, seed=seed)
        except Exception:  # a broken family must not take the Space down; it is logged and skipped
            logger.exception("bundled sample: family %s failed", name)
            continue
        config = "xphysics" if name.startswith("xphysics.") else "problems"
        rows += [{**r.to_dict(), "config": config, "split": "sample"} for r in records]
    return Corpus(rows, source=f"bundled sample ({per_family} per family, seed {seed})")


def source_label(source: str) -> str:
    """What the page may say about the source: a local folder's name, never its server path."""
    path = Path(source).expanduser()
    return (path.name or "dataset") if path.exists() else source


def load_corpus(source: str | None) -> Corpus:
    """`source`: None for the bundled sample, else a local `qftdata build` folder or a Hub id. Every row of
    every problem config and split is loaded (configs without `problem`/`answer` columns are skipped)."""
    if not source:
        return bundled_sample()
    from datasets import get_dataset_config_names

    from qftdata.dataset_io import load

    rows: list[dict[str, Any]] = []
    configs = [c for c in get_dataset_config_names(source) if c not in ("sft", "traces")]
    for config in configs:
        for split, part in load(source, config).items():
            if "problem" not in part.column_names or "answer" not in part.column_names:
                continue
            part = part.remove_columns([c for c in _DROP if c in part.column_names])
            rows += [{**row, "config": config, "split": split} for row in part.to_list()]
    if not rows:
        raise ValueError(f"{source_label(source)}: no problem rows found (configs: {configs})")
    return Corpus(rows, source=source_label(source))
