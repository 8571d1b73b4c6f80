"""Trace statistics: how long are correct and incorrect traces, how often is a trace cut at the token
limit, and how often does the model second-guess itself ("wait", "let me re-check", "actually", ...).

Self-correction markers are counted case-insensitively on word boundaries; each marker is a named
regular expression so the report can show which ones a model uses. The counts are a proxy (a "wait" can
be innocent), meant for comparing models on the same problems, as in the paper's trace analysis.

>>> count_markers("Wait, that is wrong. Actually, let me re-check: ... Hmm, wait.")
{'wait': 2, 'actually': 1, 'recheck': 1, 'mistake': 1, 'hmm': 1}
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["MARKERS", "count_markers", "marker_columns", "trace_stats"]

MARKERS: dict[str, str] = {
    "wait": r"\bwait\b",
    "actually": r"\bactually\b",
    "recheck": r"\blet\s+me\s+(?:re-?check|double[- ]check|check\s+again|verify\s+again)\b|\bre-?checking\b",
    "reconsider": r"\blet\s+me\s+(?:reconsider|redo|re-?examine|re-?think|start\s+over|go\s+back)\b"
                  r"|\bon\s+second\s+thought\b|\bgoing\s+back\b",
    "mistake": r"\b(?:i\s+made\s+(?:a|an)\s+(?:mistake|error)|that(?:'s|\s+is)\s+(?:not\s+right|wrong|incorrect)"
               r"|this\s+is\s+(?:wrong|incorrect))\b",
    "hmm": r"\bhmm+\b",
    "no_wait": r"\bno,\s+(?:that|this|it)\b",
}
_COMPILED = {name: re.compile(rx, re.IGNORECASE) for name, rx in MARKERS.items()}


def count_markers(text: str | None) -> dict[str, int]:
    """Counts of each self-correction marker in `text` (markers with zero count are left out)."""
    text = text or ""
    counts = {name: len(rx.findall(text)) for name, rx in _COMPILED.items()}
    return {k: v for k, v in counts.items() if v}


def marker_columns(completions) -> dict[str, list[int]]:
    """Per-marker count columns (`marker_<name>`) and their total (`markers`) for a list of traces."""
    cols: dict[str, list[int]] = {f"marker_{name}": [] for name in MARKERS}
    total = []
    for text in completions:
        counts = count_markers(text)
        for name in MARKERS:
            cols[f"marker_{name}"].append(counts.get(name, 0))
        total.append(sum(counts.values()))
    cols["markers"] = total
    return cols


def trace_stats(samples) -> list[dict[str, Any]]:
    """One row per (model, outcome) with outcome in correct / incorrect / all: sample count, mean and
    median completion tokens, truncation rate, mean markers per trace and share of traces with any
    marker. `samples` needs columns model, correct, completion_tokens, finish_reason, markers."""
    rows = []
    for model, df in samples.groupby("model", sort=False):
        for outcome, part in (("correct", df[df["correct"]]), ("incorrect", df[~df["correct"]]), ("all", df)):
            tok = part["completion_tokens"].astype(float)
            rows.append({
                "model": model, "outcome": outcome, "samples": len(part),
                "tokens_mean": float(tok.mean()) if len(part) else None,
                "tokens_median": float(tok.median()) if len(part) else None,
                "truncated_rate": float((part["finish_reason"] == "length").mean()) if len(part) else None,
                "markers_per_trace": float(part["markers"].mean()) if len(part) else None,
                "traces_with_marker": float((part["markers"] > 0).mean()) if len(part) else None,
            })
    return rows
