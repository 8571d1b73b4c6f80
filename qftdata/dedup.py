"""Quality gates on problem text: exact and near duplicates, train/eval contamination.

Procedural statements share their template, so two problems of one family are textually close even when
they ask different things (a changed mass, a changed operator). The gates are built around that:

* **exact duplicates**: same normalised statement (NFKC, lower case, whitespace collapsed, `$` dropped);
  the first row in build order is kept.
* **near duplicates**: rows that have the same normalised gold answer *and* the same mathematical content
  (every `$...$` segment and every number of the statement, in order) are compared by MinHash
  (`datasketch`, `NUM_PERM` permutations, word `SHINGLE`-gram shingles); a pair whose estimated Jaccard
  similarity is >= `NEAR_DUP_THRESHOLD` is a rephrasing of one problem, and the later row is dropped.
  Rows differing in a parameter or in their answer are never near duplicates, however alike the prose.
* **contamination**: the word 13-gram overlap of statements between train and each evaluation split
  (rows sharing at least one 13-gram with train, and the mean share of a row's 13-grams found in train),
  and the exact (family, normalised answer) pairs an evaluation split shares with train.

>>> normalize_text("Give  $\\\\sigma$ in `\\\\boxed{}`.")
'give \\\\sigma in `\\\\boxed{}`.'
>>> normalize_answer("\\\\frac{1}{2} \\\\left( x \\\\right)")
'\\\\frac{1}{2}(x)'
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CONTAMINATION_NGRAM", "NEAR_DUP_THRESHOLD", "NUM_PERM", "SHINGLE", "DedupReport", "dedup",
           "family_answer_key", "ngram_overlap", "normalize_answer", "normalize_text", "tokens"]

NEAR_DUP_THRESHOLD = 0.7
NUM_PERM = 128
SHINGLE = 3
CONTAMINATION_NGRAM = 13

_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"\\[A-Za-z]+|[^\W_]+|[^\w\s]", re.UNICODE)
_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.DOTALL)
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_ANSWER_NOISE = re.compile(r"\\left|\\right|\\[,;:! ]|\s+")


def normalize_text(text: str) -> str:
    """Statement text for exact-duplicate detection (NFKC, lower case, no `$`, single spaces)."""
    text = unicodedata.normalize("NFKC", text).lower().replace("$", " ")
    return _WS.sub(" ", text).strip()


def normalize_answer(answer: str) -> str:
    """Gold answer with spacing and `\\left`/`\\right` removed: equal strings mean the same gold."""
    return _ANSWER_NOISE.sub("", unicodedata.normalize("NFKC", answer))


def tokens(text: str) -> list[str]:
    """Word tokens of a normalised statement (LaTeX commands and punctuation are tokens of their own)."""
    return _TOKEN.findall(normalize_text(text))


def _math_signature(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", text)
    segments = [_WS.sub("", a or b) for a, b in _MATH.findall(text)]
    prose = _MATH.sub(" ", text)
    return tuple(segments) + ("|",) + tuple(_NUMBER.findall(prose))


def family_answer_key(row: dict[str, Any]) -> tuple[str, str]:
    """(family, normalised answer): two rows with equal keys have the same gold in the same family."""
    return row["family"], normalize_answer(row["answer"])


@dataclass
class DedupReport:
    """What `dedup` removed: `removed` lists (dropped id, kept id, "exact" | "near")."""

    rows_in: int = 0
    exact: int = 0
    near: int = 0
    near_groups_compared: int = 0
    removed: list[tuple[str, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"rows_in": self.rows_in, "exact_duplicates": self.exact, "near_duplicates": self.near,
                "near_groups_compared": self.near_groups_compared, "threshold": NEAR_DUP_THRESHOLD,
                "num_perm": NUM_PERM, "shingle": SHINGLE}


def _shingles(text: str) -> list[bytes]:
    toks = tokens(text)
    if len(toks) < SHINGLE:
        return [" ".join(toks).encode()]
    return sorted({" ".join(toks[i:i + SHINGLE]).encode() for i in range(len(toks) - SHINGLE + 1)})


def dedup(rows: Sequence[dict[str, Any]], *, threshold: float = NEAR_DUP_THRESHOLD
          ) -> tuple[list[dict[str, Any]], DedupReport]:
    """Drop exact and near duplicates, keeping the first of each group in the given (deterministic) order."""
    report = DedupReport(rows_in=len(rows))
    seen: dict[str, str] = {}
    survivors: list[dict[str, Any]] = []
    for row in rows:
        key = normalize_text(row["problem"])
        if key in seen:
            report.exact += 1
            report.removed.append((row["id"], seen[key], "exact"))
            continue
        seen[key] = row["id"]
        survivors.append(row)

    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, row in enumerate(survivors):
        groups[(normalize_answer(row["answer"]), _math_signature(row["problem"]))].append(i)
    dropped: set[int] = set()
    candidates = [idx for idx in groups.values() if len(idx) > 1]
    if candidates:
        from datasketch import MinHash, MinHashLSH

        for idx in candidates:
            report.near_groups_compared += 1
            hashes = MinHash.bulk([_shingles(survivors[i]["problem"]) for i in idx], num_perm=NUM_PERM, seed=1)
            by_row = dict(zip(idx, hashes, strict=True))
            lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
            for i, mh in by_row.items():
                hits = sorted(int(k) for k in lsh.query(mh))
                match = next((k for k in hits if by_row[k].jaccard(mh) >= threshold), None)
                if match is not None:
                    dropped.add(i)
                    report.near += 1
                    report.removed.append((survivors[i]["id"], survivors[match]["id"], "near"))
                else:
                    lsh.insert(str(i), mh)
    return [r for i, r in enumerate(survivors) if i not in dropped], report


def _ngram_hashes(text: str, n: int) -> set[int]:
    toks = tokens(text)
    return {hash(tuple(toks[i:i + n])) for i in range(len(toks) - n + 1)}


def ngram_overlap(train_texts: Iterable[str], eval_texts: Sequence[str], n: int = CONTAMINATION_NGRAM
                  ) -> dict[str, Any]:
    """Word n-gram overlap of `eval_texts` with `train_texts`.

    Returns `rows` (eval rows), `rows_with_overlap` (sharing >= 1 n-gram with train) and
    `mean_fraction` (mean share of an eval row's n-grams that occur in train; rows shorter than n count 0).
    """
    train: set[int] = set()
    for text in train_texts:
        train |= _ngram_hashes(text, n)
    hit_rows, fractions = 0, []
    for text in eval_texts:
        grams = _ngram_hashes(text, n)
        common = len(grams & train)
        hit_rows += common > 0
        fractions.append(common / len(grams) if grams else 0.0)
    mean = sum(fractions) / len(fractions) if fractions else 0.0
    return {"n": n, "rows": len(eval_texts), "rows_with_overlap": hit_rows, "mean_fraction": round(mean, 4)}
