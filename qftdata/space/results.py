"""The Results tab: `qftdata eval` runs under configured roots, as a leaderboard and as paired comparisons.

Visitors pick runs by label (`<root name>/<folder below it>`); they never type a path, and nothing shown
names a server path. A run is a folder holding `metrics.json` (Succ@k, pass@k and their bootstrap CIs,
written by `qftdata eval`); its `samples/` shards feed the paired comparison, which is `eval compare`'s own
`qftdata.evaluate.compare_runs` (paired bootstrap CI of B − A, sign-flip permutation test), per split and,
on the subsets of each group's problems, per family / category / level. `qftdata analyze` figures found
below a root are shown whole, never cropped.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["COMPARE_HEADERS", "GROUPS", "LEADERBOARD_HEADERS", "ResultsIndex", "fmt_ci", "fmt_pct"]

logger = logging.getLogger(__name__)

GROUPS = ("all", "family", "category", "level")
MAX_DEPTH = 4  # folders below a root that are searched for runs and figures
MAX_RUNS = 500
MAX_FIGURES = 24
_SKIP = {"samples", "shards", ".cache", "__pycache__"}
LEADERBOARD_HEADERS = ["#", "run", "model", "group", "N", "k", "Succ@k %", "Succ 95% CI", "pass@k %", "pass 95% CI"]
COMPARE_HEADERS = ["run B", "group", "N shared", "Δ Succ (pp)", "95% CI", "p", "Δ pass@k (pp)", "95% CI ",
                   "p ", "significant"]


def fmt_pct(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{100 * float(x):.1f}"


def fmt_ci(ci: Any, signed: bool = False) -> str:
    if not ci or len(ci) != 2 or any(v is None or (isinstance(v, float) and math.isnan(v)) for v in ci):
        return "–"
    f = "{:+.1f}" if signed else "{:.1f}"
    return f"[{f.format(100 * ci[0])}, {f.format(100 * ci[1])}]"


class ResultsIndex:
    """The runs and figure folders found below the configured roots (rescanned on `refresh`), by label: the
    folder's path below its root (prefixed by the root's name when there are several roots)."""

    def __init__(self, roots: Sequence[str | os.PathLike[str]]):
        self.roots = [Path(r).expanduser().resolve() for r in roots if str(r).strip()]
        self.runs: dict[str, Path] = {}
        self.figures: dict[str, Path] = {}
        self.refresh()

    def refresh(self) -> None:
        runs: dict[str, Path] = {}
        figures: dict[str, Path] = {}
        names: dict[str, int] = {}
        roots = [r for r in self.roots if r.is_dir()]
        for root in set(self.roots) - set(roots):
            logger.warning("results root %s is not a folder; skipped", root)
        for root in roots:
            # one root: labels are paths below it; several: prefixed by the root's name (numbered if repeated)
            n = names[root.name] = names.get(root.name, 0) + 1
            prefix = "" if len(roots) == 1 else root.name if n == 1 else f"{root.name}#{n}"
            for folder, has_metrics, has_png in _walk(root):
                rel = folder.relative_to(root).as_posix()
                label = "/".join(p for p in (prefix, "" if rel == "." else rel) if p) or root.name
                if has_metrics and len(runs) < MAX_RUNS:
                    runs[label] = folder
                if has_png:
                    figures[label] = folder
        self.runs, self.figures = runs, figures

    # ------------------------------------------------------------------ reading
    def metrics(self, label: str) -> dict[str, Any]:
        """A run's metrics.json; KeyError for a label that is not a discovered run."""
        path = self.runs[label] / "metrics.json"
        return _read_metrics(str(path), path.stat().st_mtime_ns)

    def splits(self, labels: Sequence[str]) -> list[str]:
        out: set[str] = set()
        for label in labels:
            try:
                out |= set(self.metrics(label).get("splits", {}))
            except (KeyError, OSError, ValueError):
                continue
        return sorted(out)

    def leaderboard(self, labels: Sequence[str], split: str, group: str = "all") -> tuple[list[list[Any]], list[str]]:
        """Rows (best Succ@k first within each group) and one line per run that could not be read."""
        if group not in GROUPS:
            raise ValueError(f"group must be one of {GROUPS}")
        rows, problems = [], []
        for label in labels:
            m, problem = self._load(label, self.metrics, "metrics.json")
            if m is None:
                problems.append(problem)
                continue
            entry = m.get("splits", {}).get(split)
            if entry is None:
                problems.append(f"`{label}` has no split `{split}`")
                continue
            k = m.get("k", 1)
            model = ", ".join(m.get("model") or []) or "–"
            groups = {"all": entry.get("all", {})} if group == "all" else entry.get(group, {})
            for name, s in groups.items():
                rows.append([label, model, name, s.get("n_problems"), k, fmt_pct(s.get("succ")),
                             fmt_ci(s.get("succ_ci")), fmt_pct(s.get(f"pass@{k}")), fmt_ci(s.get(f"pass@{k}_ci")),
                             s.get("succ") if s.get("succ") == s.get("succ") else -1.0])
        rows.sort(key=lambda r: (r[2], -(r[-1] or 0.0), r[0]))
        ranked, last_group, rank = [], None, 0
        for r in rows:
            rank = 1 if r[2] != last_group else rank + 1
            last_group = r[2]
            ranked.append([rank, *r[:-1]])
        return ranked, problems

    def compare(self, baseline: str, others: Sequence[str], split: str, group: str = "all",
                n_boot: int = 1000, n_perm: int = 10000, alpha: float = 0.05) -> tuple[list[list[Any]], list[str]]:
        """B − A rows for each run B against `baseline` A, from `qftdata.evaluate.compare_runs`."""
        from qftdata.evaluate import compare_runs

        if group not in GROUPS:
            raise ValueError(f"group must be one of {GROUPS}")
        problems: list[str] = []
        run_a, problem = self._load(baseline, self._samples, "samples")
        if run_a is None:
            return [], [problem]
        samples_a, k_a = run_a
        rows: list[list[Any]] = []
        for label in others:
            if label == baseline:
                continue
            run_b, problem = self._load(label, self._samples, "samples")
            if run_b is None:
                problems.append(problem)
                continue
            samples_b, k_b = run_b
            k = min(k_a, k_b)
            a = samples_a[samples_a["config"] + "/" + samples_a["split"] == split]
            b = samples_b[samples_b["config"] + "/" + samples_b["split"] == split]
            if group == "all":
                subsets = [("all", a, b)]
            else:
                names = sorted(set(a[group].astype(str)) & set(b[group].astype(str)))
                subsets = [(n, a[a[group].astype(str) == n], b[b[group].astype(str) == n]) for n in names]
            for name, sa, sb in subsets:
                result = compare_runs(sa, sb, k, n_boot=n_boot, n_perm=n_perm, alpha=alpha)
                entry = result["splits"].get(split)
                if entry is None:
                    continue
                succ, pk = entry["succ"], entry[f"pass@{k}"]
                sig = "+".join(m for m, e in (("Succ", succ), (f"pass@{k}", pk)) if e["significant"])
                rows.append([label, name, entry["n_shared"], _delta(succ["delta"]), fmt_ci(succ["delta_ci"], True),
                             _p(succ["p_value"]), _delta(pk["delta"]), fmt_ci(pk["delta_ci"], True),
                             _p(pk["p_value"]), f"yes ({sig}, p < {alpha})" if sig else "no"])
            if not any(r[0] == label for r in rows):
                problems.append(f"`{label}` shares no `{split}` problems with `{baseline}`")
        return rows, problems

    @staticmethod
    def _load(label: str, read: Callable[[str], Any], what: str) -> tuple[Any, str]:
        """(read(label), "") or (None, the one line a visitor sees: it names the label, never a path)."""
        try:
            return read(label), ""
        except KeyError:
            return None, f"`{label}` is not a run under the configured roots"
        except (OSError, ValueError) as exc:
            return None, f"`{label}`: {what} unreadable ({type(exc).__name__})"

    def _samples(self, label: str):
        folder = self.runs[label]
        metrics = self.metrics(label)
        stamp = max((p.stat().st_mtime_ns for p in (folder / "samples").rglob("*.parquet")), default=0)
        return _read_samples(str(folder), stamp), int(metrics.get("k", 1))

    def figure_images(self, label: str) -> list[tuple[Any, str]]:
        """(image, caption) pairs for a figure folder, loaded into memory so no file path reaches the page."""
        from PIL import Image

        folder = self.figures[label]
        out = []
        for path in sorted(folder.glob("*.png"))[:MAX_FIGURES]:
            try:
                with Image.open(path) as im:
                    out.append((im.convert("RGB"), path.stem.replace("_", " ")))
            except OSError:
                logger.warning("unreadable figure %s", path)
        return out


def _delta(x: float) -> str:
    return "–" if x is None or math.isnan(x) else f"{100 * x:+.1f}"


def _p(p: float) -> str:
    return "–" if p is None or math.isnan(p) else f"{p:.3g}"


def _walk(root: Path):
    """(folder, holds metrics.json, holds *.png) for folders up to MAX_DEPTH below root; a run's own
    subfolders (samples, shards) are not searched."""
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        depth = len(here.relative_to(root).parts)
        dirs[:] = sorted(d for d in dirs if d not in _SKIP and not d.startswith(".") and depth < MAX_DEPTH)
        has_metrics = "metrics.json" in files
        has_png = any(f.endswith(".png") for f in files)
        if has_metrics or has_png:
            yield here, has_metrics, has_png


@lru_cache(maxsize=64)
def _read_metrics(path: str, mtime_ns: int) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=16)
def _read_samples(folder: str, stamp: int):
    """All graded samples of a run (cached until a shard changes)."""
    from qftdata.sampling import load_samples

    run = Path(folder)
    if (run / "samples").is_dir():
        return load_samples(run / "samples")
    import pandas as pd

    return pd.read_parquet(run / "samples.parquet")
