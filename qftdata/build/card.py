"""Fill the dataset card template (`dataset_cards/qft-reason.md`) with the numbers of one build.

The template is plain `string.Template` Markdown with Hub YAML front matter; nothing in the card depends
on the clock, so the card is as reproducible as the parquet files.
"""

from __future__ import annotations

import os
import string
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from qftdata.build.folder import CONFIGS_BEGIN, CONFIGS_END, read_card, write_card
from qftdata.dedup import NEAR_DUP_THRESHOLD, NUM_PERM, SHINGLE
from qftdata.schema import CATEGORIES, LEVELS, XPHYSICS_CATEGORIES

__all__ = ["TEMPLATE", "render_card", "size_category"]

# A symlink to the repository's `dataset_cards/qft-reason.md` that setuptools copies into wheels, so the same
# path serves a checkout and a non-editable install.
TEMPLATE = Path(__file__).resolve().parent / "templates" / "qft-reason.md"


def size_category(n: int) -> str:
    """Hub `size_categories` label of `n` rows."""
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                         (1_000_000, "100K<n<1M")):
        if n < limit:
            return label
    return "1M<n<10M"


def _table(header: list[str], rows: list[list[Any]], align: str | None = None) -> str:
    align = align or "l" + "r" * (len(header) - 1)
    sep = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(sep) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _family_table(info: dict[str, Any]) -> str:
    short = {"advanced-undergraduate": "adv. UG", "graduate": "grad", "advanced-graduate": "adv. grad",
             "postgraduate": "postgrad"}
    rows = []
    totals: Counter[str] = Counter()
    for name, st in info["families"].items():
        by_level = st.get("levels_rows", {})
        total = sum(by_level.values())
        totals.update(by_level)
        ood = " (OOD)" if name in info["ood_families"] else ""
        rows.append([f"`{name}`{ood}", st["category"], *[by_level.get(lv, 0) for lv in LEVELS], total])
    rows.append(["**total**", "", *[totals.get(lv, 0) for lv in LEVELS], sum(totals.values())])
    return _table(["family", "category", *[short[lv] for lv in LEVELS], "total"], rows, "ll" + "r" * 5)


def _category_table(info: dict[str, Any]) -> str:
    splits = ("train", "validation", "test", "test_ood", "xphysics")
    fams: dict[str, int] = Counter()
    counts: dict[str, Counter] = defaultdict(Counter)
    for st in info["families"].values():
        fams[st["category"]] += 1
        counts[st["category"]].update(st.get("rows", {}))
    rows = []
    for cat in (*CATEGORIES, *XPHYSICS_CATEGORIES):
        if fams.get(cat):
            c = counts[cat]
            rows.append([cat, fams[cat], *[c.get(s, 0) for s in splits], sum(c.values())])
    return _table(["category", "families", *splits, "total"], rows)


def _difficulty_table(info: dict[str, Any]) -> str:
    by_level = info.get("difficulty", {}).get("by_level", {})
    rows = [[lv, st["rows"], f"{st['min']:.3f}", f"{st['mean']:.3f}", f"{st['max']:.3f}"]
            for lv in LEVELS if (st := by_level.get(lv))]
    return _table(["level", "rows", "min difficulty", "mean", "max"], rows)


def _difficulty_text(info: dict[str, Any]) -> str:
    setting = info.get("difficulty", {}).get("setting")
    if setting is None:
        return ("This build cycles each family through its levels and draws the difficulty inside the level's "
                "quarter; `qftdata build --difficulty 0.7` (or a range, `0.2:0.8`) sets it instead.")
    shown = f"{setting[0]:g}:{setting[1]:g}" if isinstance(setting, list) else f"{setting:g}"
    return f"This build was made with `--difficulty {shown}`; the level of each problem follows from it."


def _selfcheck_text(sc: dict[str, Any] | None) -> str:
    if not sc:
        return ""
    return (f" {sc['in_process'] + sc['audit_rows']} rows were graded in the build process with the verifier's own "
            f"parser and comparison (`qftdata.build.selfcheck`); {sc['audit_rows']} of them (a few per family) "
            f"were graded again through the verifier's process pool and code sandbox, with "
            f"{len(sc['audit_disagreements'])} disagreement(s).")


def _quality_table(info: dict[str, Any]) -> str:
    q = info["quality"]
    rows = [["problems generated", q["generated"]],
            ["generation errors (index skipped)", q["generation_errors"]],
            ["golds failing self-verification (dropped)", q["verify_failed"]],
            ["exact duplicates (dropped)", q["exact_duplicates"]],
            [f"near duplicates, MinHash Jaccard >= {q['threshold']} (dropped)", q["near_duplicates"]],
            ["problems kept", q["rows_out"]]]
    return _table(["gate", "count"], rows)


def _contamination_table(info: dict[str, Any]) -> str:
    c = info["contamination"]
    rows = []
    for split, st in c["splits"].items():
        rows.append([f"`{split}`", st["rows"], st["rows_with_overlap"], f"{st['mean_fraction']:.3f}",
                     st["family_answer_pairs_shared_with_train"]])
    return _table(["split", "rows", "rows sharing a 13-gram with train", "mean share of 13-grams in train",
                   "rows with a (family, answer) seen in train"], rows)


def render_card(out: str | Path, info: dict[str, Any], template: str | Path | None = None) -> None:
    """Write `<out>/README.md` from the template and the build info (configs are filled in afterwards)."""
    path = Path(template or os.environ.get("QFTDATA_CARD_TEMPLATE") or TEMPLATE)
    if not path.exists():
        raise FileNotFoundError(f"dataset card template not found: {path} (set QFTDATA_CARD_TEMPLATE)")
    configs = info["configs"]
    n_qft = sum(configs.get("problems", {}).values())
    n_x = sum(configs.get("xphysics", {}).values())
    q = info["quality"]
    failures = ", ".join(f"{k}: {v}" for k, v in q["verify_failed_by_status"].items())
    c = info["contamination"]
    ood = info["ood_families"]
    values = {
        "size_category": size_category(n_qft + n_x),
        "n_rows": n_qft + n_x, "n_qft": n_qft, "n_xphysics": n_x,
        "n_families": len(info["families"]),
        "n_categories": len({st["category"] for st in info["families"].values()}),
        "version": info["qftdata_version"], "schema_version": info["schema_version"], "seed": info["seed"],
        "n_per_family": info["n_per_family"], "content_hash": info["content_hash"],
        "xphysics_n_per_family": info.get("xphysics_n_per_family", info["n_per_family"]),
        "command": info["command"],
        "configs_markers": f"{CONFIGS_BEGIN}\n{CONFIGS_END}",
        "split_fractions": " / ".join(f"{v:.0%}" for v in info["split_fractions"].values()),
        "min_families_for_ood": info["min_families_for_ood"],
        "ood_list": "\n".join(f"- `{n}` ({info['families'][n]['category']})" for n in ood)
        or "- none (no category has enough families yet; the `test_ood` split is absent)",
        "family_table": _family_table(info),
        "category_table": _category_table(info),
        "quality_table": _quality_table(info),
        "difficulty_table": _difficulty_table(info),
        "difficulty_text": _difficulty_text(info),
        "verify_failures_text": (f"Failures by verdict: {failures}." if failures else "No gold failed.")
        + _selfcheck_text(q.get("selfcheck")),
        "contamination_table": _contamination_table(info),
        "contamination_text": (
            f"A row-level split would have put {c['family_answer_rows_shared_under_row_level_split']} "
            "evaluation rows in a (family, answer) group also present in `train`; the group split resolves "
            "this by construction (no row is moved or dropped)."),
        "shingle": SHINGLE, "near_threshold": NEAR_DUP_THRESHOLD, "num_perm": NUM_PERM,
    }
    text = string.Template(path.read_text(encoding="utf-8")).substitute(values)
    card = Path(out) / "README.md"
    card.write_text(text, encoding="utf-8")
    meta, body = read_card(out)  # round-trip through YAML: the header is re-emitted canonically
    write_card(out, meta, body)
