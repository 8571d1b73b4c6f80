"""`qftdata analyze`: error taxonomy, trace statistics and (optionally) LLM-judge labels for one or more
`qftdata eval` results folders, written as a Markdown report with figures and machine-readable tables.

Input: each folder's `samples.parquet` (every graded sample; else the shards under `samples/`) and its
`metrics.json` (for k). Symbols and assumptions of each problem come from the dataset the samples name
(or `dataset=`), so the taxonomy reads answers with the record's symbols; without the dataset they are
inferred from the gold. The first folder is the baseline the "at a glance" deltas are measured from.

Output folder::

    README.md                  the report (tables + figures), readable top to bottom
    summary.csv                per model: problems, samples, Succ, pass@k, truncation, tokens, markers
    summary_by_split.csv       the same per (model, config/split)
    error_mix.csv              per model and label: count, share of incorrect, share of all samples
    errors_by_family.csv       per model, family and label: count and share of the family's incorrect samples
    errors_by_level.csv        per model, level and label
    accuracy_by_family.csv     Succ per family (rows) and model (columns); also accuracy_by_level.csv
    trace_stats.csv            per model and outcome: tokens, truncation, self-correction markers
    markers.csv                per model: mean count of each marker per trace
    judge_mix.csv              per model and judge category (only with a judge)
    samples_labeled.parquet    one row per sample: verdict, label, detail, markers, judge label
    report.json                all tables above
    figures/error_mix.png, figures/lengths.png, figures/family_heatmap.png, figures/markers.png
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["analyze", "label_samples", "load_results"]

KEEP_COLUMNS = ["model", "dataset", "config", "split", "id", "family", "category", "level", "answer_type",
                "sample_index", "correct", "status", "finish_reason", "completion_tokens", "extracted", "gold"]


# --------------------------------------------------------------------------------------------- loading
def load_results(folder: str | Path):
    """(samples DataFrame, metrics dict or None) of one `qftdata eval` results folder."""
    import pandas as pd

    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such results folder (give folders written by `qftdata eval --out`)")
    if (folder / "samples.parquet").is_file():
        try:
            samples = pd.read_parquet(folder / "samples.parquet")
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a damaged file
            raise ValueError(f"{folder}/samples.parquet: cannot be read ({type(exc).__name__}); delete it and run "
                             f"`qftdata eval metrics {folder}` to rewrite it from the shards") from exc
    elif (folder / "samples").is_dir():
        from qftdata.sampling import load_samples

        samples = load_samples(folder / "samples")
    else:
        raise FileNotFoundError(f"{folder}: no samples.parquet or samples/ (is this a `qftdata eval` results "
                                "folder?)")
    if len(samples) == 0:
        raise ValueError(f"{folder}: no samples (run `qftdata eval ... --out {folder}` first)")
    missing = {"id", "config", "split", "correct", "status", "completion", "gold"} - set(samples.columns)
    if missing:
        raise ValueError(f"{folder}/samples.parquet: missing column(s) {', '.join(sorted(missing))}: not written by "
                         f"`qftdata eval`; rewrite it with `qftdata eval metrics {folder}`")
    metrics_path = folder / "metrics.json"
    metrics = json.loads(metrics_path.read_text(encoding="utf-8")) if metrics_path.is_file() else None
    return samples, metrics


def _record_fields(samples, dataset: str | None) -> dict[tuple[str, str, str], dict[str, tuple]]:
    """(config, split, id) -> {symbols, assumptions} from the dataset, where it can be read."""
    from qftdata.sampling import load_problem_rows

    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    sources = samples[["dataset", "config", "split"]].drop_duplicates().itertuples(index=False)
    for ds, config, split in sources:
        source = dataset or ds
        if not source or (dataset is None and not Path(str(source)).is_dir()):
            continue  # a Hub id recorded in the samples: do not go online unless asked
        try:
            rows = load_problem_rows(str(source), config, split)
        except Exception as exc:  # noqa: BLE001 - fall back to symbols inferred from the gold
            warnings.warn(f"{source} [{config}/{split}]: cannot read the records ({exc}); symbols are inferred "
                          "from the gold answers", RuntimeWarning, stacklevel=2)
            continue
        for r in rows:
            out[(config, split, r["id"])] = {"symbols": tuple(r.get("symbols") or ()),
                                             "assumptions": r.get("assumptions") or "{}"}
    return out


def label_samples(samples, *, dataset: str | None = None, timeout: float = 10.0):
    """Add `label`, `detail`, `markers` and `marker_*` columns (taxonomy + self-correction markers)."""
    from qftdata.analysis.taxonomy import classify_many
    from qftdata.analysis.traces import marker_columns

    records = _record_fields(samples, dataset)
    items, keys, index = [], {}, []
    for row in samples.itertuples(index=False):
        rec = records.get((row.config, row.split, row.id), {})
        extracted = row.extracted if isinstance(getattr(row, "extracted", None), str) and row.extracted else None
        item = dict(pred=extracted, gold=row.gold, symbols=rec.get("symbols", ()), status=row.status,
                    finish_reason=getattr(row, "finish_reason", None), assumptions=rec.get("assumptions"),
                    answer_type=getattr(row, "answer_type", None) or None)
        if bool(row.correct):
            item["status"] = "correct"
        key = json.dumps(item, sort_keys=True, default=str)
        if key not in keys:
            keys[key] = len(items)
            items.append(item)
        index.append(keys[key])
    labels = classify_many(items, timeout=timeout)
    out = samples.copy()
    out["label"] = [labels[i].label for i in index]
    out["detail"] = [labels[i].detail for i in index]
    for name, values in marker_columns(out["completion"].tolist()).items():
        out[name] = values
    return out


# --------------------------------------------------------------------------------------------- tables
def _k(samples, metrics: dict | None) -> int:
    if metrics and metrics.get("k"):
        return int(metrics["k"])
    return int(samples.groupby(["config", "split", "id"]).size().min())


def _summary_row(model: str, df, k: int) -> dict[str, Any]:
    from qftdata.evaluate import per_problem

    probs = per_problem(df, k)
    errors = df[~df["correct"]]
    top = errors["label"].value_counts()
    correct, incorrect = df[df["correct"]], df[~df["correct"]]
    return {
        "model": model, "problems": len(probs), "samples": len(df), "k": k,
        "succ": float(probs["succ"].mean()), f"pass@{k}": float(probs["pass_k"].mean()),
        "truncated_rate": float((df["finish_reason"] == "length").mean()),
        "tokens_correct": float(correct["completion_tokens"].mean()) if len(correct) else None,
        "tokens_incorrect": float(incorrect["completion_tokens"].mean()) if len(incorrect) else None,
        "markers_per_trace": float(df["markers"].mean()),
        "top_error": f"{top.index[0]} ({top.iloc[0] / len(errors):.0%})" if len(top) else "-",
    }


def _group_errors(df, by: str) -> list[dict[str, Any]]:
    rows = []
    for (model, group), part in df.groupby(["model", by], sort=True):
        wrong = part[~part["correct"]]
        for label, n in wrong["label"].value_counts().items():
            rows.append({"model": model, by: group, "label": label, "count": int(n),
                         "share_of_incorrect": n / len(wrong), "incorrect": len(wrong), "samples": len(part)})
    return rows


def _accuracy_by(df, by: str, models: list[str]):
    """Succ per group (rows) and model (columns): mean over problems of the per-problem success rate."""
    import pandas as pd

    per = (df.groupby(["model", by, "config", "split", "id"])["correct"].mean().reset_index()
           .groupby(["model", by])["correct"].mean().unstack("model"))
    return per.reindex(columns=[m for m in models if m in per.columns]).sort_index() if len(per) else pd.DataFrame()


# --------------------------------------------------------------------------------------------- markdown
def _fmt(x: Any, pct: bool = False, digits: int = 1) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if pct:
        return f"{100 * x:.{digits}f}"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def _md_table(header: Sequence[str], rows: Sequence[Sequence[Any]], align: str | None = None) -> str:
    align = align or "l" + "r" * (len(header) - 1)
    sep = ["---:" if a == "r" else ":---" for a in align]
    lines = ["| " + " | ".join(map(str, header)) + " |", "| " + " | ".join(sep) + " |"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(lines)


def _glance(summary: list[dict], mix, acc_family, models: list[str], k: int) -> list[str]:
    """Bullet points: what changed from the first model to each other one."""
    if len(models) < 2:
        s = summary[0]
        pk = s[f"pass@{s['k']}"]
        return [f"**{s['model']}**: Succ {_fmt(s['succ'], True)}%, pass@{s['k']} {_fmt(pk, True)}%, "
                f"truncated {_fmt(s['truncated_rate'], True)}%; most common error: {s['top_error']}."]
    base = summary[0]
    out = []
    for s in summary[1:]:
        parts = [f"Succ {_delta(s['succ'] - base['succ'])}",
                 f"pass@{k} {_delta(s[f'pass@{k}'] - base[f'pass@{k}'])}",
                 f"truncation {_delta(s['truncated_rate'] - base['truncated_rate'])}"]
        tc, tb = s["tokens_incorrect"], base["tokens_incorrect"]
        if tc is not None and tb is not None:
            parts.append(f"incorrect traces {tc - tb:+.0f} tokens")
        parts.append(f"self-correction markers/trace {s['markers_per_trace'] - base['markers_per_trace']:+.2f}")
        line = f"**{s['model']} vs {base['model']}**: " + ", ".join(parts) + "."
        shares = mix.pivot_table(index="label", columns="model", values="share_of_all", fill_value=0.0)
        if s["model"] in shares and base["model"] in shares:
            d = (shares[s["model"]] - shares[base["model"]]).drop("correct", errors="ignore")
            d = d[d.abs() >= 0.005].sort_values()
            moves = [f"{lab} {_delta(v)}" for lab, v in list(d.items())[:2] + list(d.items())[-2:][::-1]
                     if abs(v) > 0]
            if moves:
                line += " Error mix (share of all samples): " + ", ".join(dict.fromkeys(moves)) + "."
        if acc_family is not None and len(acc_family) and s["model"] in acc_family and base["model"] in acc_family:
            fd = (acc_family[s["model"]] - acc_family[base["model"]]).dropna().sort_values()
            if len(fd):
                best, worst = fd.index[-1], fd.index[0]
                line += f" Largest family gain: {best} ({_delta(fd[best])})"
                line += f"; largest drop: {worst} ({_delta(fd[worst])})." if fd[worst] < 0 else "."
        out.append(line)
    return out


def _delta(x: float) -> str:
    return f"{100 * x:+.1f} pp"


# --------------------------------------------------------------------------------------------- figures
LABEL_COLORS = {
    "correct": "#2ca02c", "truncated": "#7f7f7f", "no_answer": "#bcbd22", "unparseable": "#8c564b",
    "wrong_sign": "#d62728", "rational_factor": "#ff7f0e", "pi_power": "#e377c2", "wrong_variables": "#9467bd",
    "additive_term": "#1f77b4", "numerically_close": "#17becf", "other": "#c7c7c7", "timeout": "#393b79",
}


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 10, "axes.spines.top": False, "axes.spines.right": False})
    return plt


def _fig_error_mix(mix, models: list[str], path: Path) -> None:
    from qftdata.analysis.taxonomy import LABELS

    plt = _plt()
    shares = mix.pivot_table(index="model", columns="label", values="share_of_all", fill_value=0.0)
    labels = [lab for lab in LABELS if lab in shares.columns and shares[lab].max() > 0]
    fig, ax = plt.subplots(figsize=(11, 1.6 + 0.55 * max(len(models), 2)))
    for y, model in enumerate(models):
        left = 0.0
        for lab in labels:
            w = float(shares.loc[model, lab]) if model in shares.index else 0.0
            if w <= 0:
                continue
            ax.barh(y, w, left=left, color=LABEL_COLORS.get(lab, "#999999"), edgecolor="white", linewidth=0.8,
                    label=lab if y == 0 or lab not in ax.get_legend_handles_labels()[1] else None)
            if w >= 0.05:
                ax.text(left + w / 2, y, f"{100 * w:.0f}%", ha="center", va="center", fontsize=9,
                        color="white" if lab in ("correct", "wrong_sign", "truncated", "timeout",
                                                 "wrong_variables", "additive_term", "unparseable") else "black")
            left += w
    ax.set_yticks(range(len(models)), models)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{100 * v:.0f}%"))
    ax.set_xlabel("share of all samples")
    ax.set_title("Outcome mix per model: correct, and each automatic error class")
    handles, names = ax.get_legend_handles_labels()
    ax.legend(handles, names, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=130, bbox_inches="tight")
    plt.close(fig)


def _fig_lengths(df, models: list[str], path: Path) -> None:
    import numpy as np

    plt = _plt()
    tokens = df["completion_tokens"].astype(float)
    hi = max(float(tokens.max()), 1.0)
    bins = np.linspace(0, hi, 31)
    fig, axes = plt.subplots(len(models), 1, figsize=(9, 1.2 + 2.0 * len(models)), sharex=True, squeeze=False)
    for ax, model in zip(axes[:, 0], models, strict=True):
        part = df[df["model"] == model]
        for outcome, color, sel in (("correct", "#2ca02c", part["correct"]), ("incorrect", "#d62728", ~part["correct"])):
            vals = part.loc[sel, "completion_tokens"].astype(float)
            if len(vals):
                ax.hist(vals, bins=bins, color=color, alpha=0.45, label=f"{outcome} (n={len(vals)}, "
                        f"median {vals.median():.0f})")
                ax.axvline(vals.median(), color=color, linestyle="--", linewidth=1.2)
        trunc = (part["finish_reason"] == "length").mean()
        ax.set_title(f"{model}: truncated at the token limit {100 * trunc:.0f}%", fontsize=10, loc="left")
        ax.set_ylabel("samples")
        ax.legend(frameon=False, fontsize=9)
    axes[-1, 0].set_xlabel("completion length (tokens)")
    fig.suptitle("Trace length, correct vs incorrect (dashed: median)")
    fig.tight_layout()
    fig.savefig(path, dpi=130, bbox_inches="tight")
    plt.close(fig)


def _fig_heatmap(acc, path: Path, title: str) -> None:
    import numpy as np

    plt = _plt()
    acc = acc.copy()
    acc = acc.loc[acc.mean(axis=1).sort_values(ascending=False).index]
    rows, cols = acc.shape
    fig, ax = plt.subplots(figsize=(2.6 + 1.5 * cols + 0.02 * max(len(str(i)) for i in acc.index),
                                    1.4 + 0.32 * rows))
    data = acc.to_numpy(dtype=float)
    im = ax.imshow(np.ma.masked_invalid(data), cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(cols), acc.columns)
    ax.xaxis.tick_top()
    ax.set_yticks(range(rows), acc.index, fontsize=9 if rows < 40 else 7)
    for i in range(rows):
        for j in range(cols):
            v = data[i, j]
            ax.text(j, i, "-" if np.isnan(v) else f"{100 * v:.0f}", ha="center", va="center", fontsize=8,
                    color="black" if np.isnan(v) or 0.25 < v < 0.8 else "white")
    cbar = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    cbar.set_label("Succ (%)")
    cbar.ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{100 * v:.0f}"))
    ax.set_title(title, pad=24)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.tight_layout()
    fig.savefig(path, dpi=130, bbox_inches="tight")
    plt.close(fig)


def _fig_markers(stats: list[dict], models: list[str], path: Path) -> None:
    import numpy as np

    plt = _plt()
    fig, ax = plt.subplots(figsize=(2.5 + 1.6 * len(models), 3.4))
    x = np.arange(len(models))
    for off, outcome, color in ((-0.2, "correct", "#2ca02c"), (0.2, "incorrect", "#d62728")):
        vals = [next((r["markers_per_trace"] for r in stats if r["model"] == m and r["outcome"] == outcome), None)
                for m in models]
        vals = [v if v is not None else 0.0 for v in vals]
        bars = ax.bar(x + off, vals, width=0.38, color=color, alpha=0.8, label=outcome)
        ax.bar_label(bars, fmt="%.2f", fontsize=8)
    ax.set_xticks(x, models)
    ax.set_ylabel("markers per trace")
    ax.set_title("Self-correction markers ('wait', 'actually', 'let me re-check', ...)")
    ax.legend(frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=130, bbox_inches="tight")
    plt.close(fig)


# --------------------------------------------------------------------------------------------- driver
def analyze(folders: Sequence[str | Path], out: str | Path, *, names: Sequence[str] | None = None,
            dataset: str | None = None, timeout: float = 10.0, judge: dict[str, Any] | None = None,
            judge_max: int | None = None, log=print) -> dict[str, Any]:
    """Write the report for `folders` into `out`; returns the tables as a dict (also report.json)."""
    import pandas as pd

    from qftdata.analysis.taxonomy import LABEL_DESCRIPTIONS, LABELS
    from qftdata.analysis.traces import MARKERS, trace_stats

    folders = [Path(f) for f in folders]
    names = list(names) if names else [f.resolve().name for f in folders]
    if len(names) != len(folders):
        raise ValueError(f"--names: {len(names)} names for {len(folders)} results folders")
    if len(set(names)) != len(names):
        raise ValueError(f"model names must be unique, got {names} (use --names)")
    from qftdata.errors import UserError
    from qftdata.evaluate import graded, require_graded

    loaded = [load_results(folder) for folder in folders]  # every input checked before anything is written
    for folder, (all_samples, _) in zip(folders, loaded, strict=True):
        require_graded(all_samples, folder)
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out}: exists and is not a folder")
    (out / "figures").mkdir(parents=True, exist_ok=True)

    frames, ks, not_graded = [], {}, {}
    for folder, name, (all_samples, metrics) in zip(folders, names, loaded, strict=True):
        samples = graded(all_samples)
        not_graded[name] = len(all_samples) - len(samples)
        log(f"{name}: {len(samples)} samples from {folder}"
            + (f" ({not_graded[name]} not graded, left out)" if not_graded[name] else "") + "; labelling ...")
        labeled = label_samples(samples, dataset=dataset, timeout=timeout)
        labeled["model"] = name
        ks[name] = _k(samples, metrics)
        frames.append(labeled)
    df = pd.concat(frames, ignore_index=True)
    df["correct"] = df["correct"].astype(bool)
    for col in ("family", "level", "category", "finish_reason"):
        df[col] = df[col].fillna("").replace("", "(none)") if col in df else "(none)"
    k = min(ks.values())

    if judge:
        wrong = df.index[~df["correct"]]
        if judge_max is not None:
            wrong = df.loc[wrong].groupby("model", group_keys=False).head(judge_max).index
        log(f"judging {len(wrong)} incorrect traces with {judge.get('model')} ...")
        from qftdata.analysis.judge import judge_traces

        verdicts = judge_traces(df.loc[wrong].to_dict("records"), **judge)
        df["judge_label"] = None
        df.loc[wrong, "judge_label"] = [v["judge_label"] for v in verdicts]
        df["judge_reply"] = None
        df.loc[wrong, "judge_reply"] = [v["judge_reply"] for v in verdicts]

    # tables
    summary = [{**_summary_row(m, df[df["model"] == m], k), "not_graded": not_graded[m]} for m in names]
    by_split = [{"split": f"{c}/{s}", **_summary_row(m, part, k)}
                for (m, c, s), part in df.groupby(["model", "config", "split"], sort=False)]
    mix_rows = []
    for m in names:
        part = df[df["model"] == m]
        wrong = part[~part["correct"]]
        counts = part["label"].value_counts()
        for lab in LABELS:
            n = int(counts.get(lab, 0))
            mix_rows.append({"model": m, "label": lab, "count": n, "share_of_all": n / len(part),
                             "share_of_incorrect": (n / len(wrong)) if lab != "correct" and len(wrong) else None})
    mix = pd.DataFrame(mix_rows)
    errors_family = pd.DataFrame(_group_errors(df, "family"))
    errors_level = pd.DataFrame(_group_errors(df, "level"))
    acc_family = _accuracy_by(df, "family", names)
    acc_level = _accuracy_by(df, "level", names)
    stats = trace_stats(df)
    marker_rows = [{"model": m, **{name: float(df.loc[df["model"] == m, f"marker_{name}"].mean()) for name in MARKERS}}
                   for m in names]
    judge_mix = None
    if judge:
        jm = df[~df["correct"]].groupby(["model", "judge_label"]).size().rename("count").reset_index()
        jm["share_of_incorrect"] = jm["count"] / jm.groupby("model")["count"].transform("sum")
        judge_mix = jm

    # files
    pd.DataFrame(summary).to_csv(out / "summary.csv", index=False)
    pd.DataFrame(by_split).to_csv(out / "summary_by_split.csv", index=False)
    mix.to_csv(out / "error_mix.csv", index=False)
    errors_family.to_csv(out / "errors_by_family.csv", index=False)
    errors_level.to_csv(out / "errors_by_level.csv", index=False)
    acc_family.to_csv(out / "accuracy_by_family.csv")
    acc_level.to_csv(out / "accuracy_by_level.csv")
    pd.DataFrame(stats).to_csv(out / "trace_stats.csv", index=False)
    pd.DataFrame(marker_rows).to_csv(out / "markers.csv", index=False)
    if judge_mix is not None:
        judge_mix.to_csv(out / "judge_mix.csv", index=False)
    keep = [c for c in KEEP_COLUMNS + ["label", "detail", "markers"] + [f"marker_{n}" for n in MARKERS]
            + ["judge_label", "judge_reply"] if c in df.columns]
    df[keep].to_parquet(out / "samples_labeled.parquet", index=False)

    figures = {"error_mix": "figures/error_mix.png", "lengths": "figures/lengths.png",
               "family_heatmap": "figures/family_heatmap.png", "markers": "figures/markers.png"}
    _fig_error_mix(mix, names, out / figures["error_mix"])
    _fig_lengths(df, names, out / figures["lengths"])
    if len(acc_family):
        _fig_heatmap(acc_family, out / figures["family_heatmap"], "Succ (%) per family and model")
    else:
        figures.pop("family_heatmap")
    _fig_markers(stats, names, out / figures["markers"])

    tables = {"models": names, "folders": [str(f) for f in folders], "k": k, "summary": summary,
              "summary_by_split": by_split, "error_mix": mix.to_dict("records"),
              "errors_by_family": errors_family.to_dict("records"), "errors_by_level": errors_level.to_dict("records"),
              "accuracy_by_family": _nan_to_none(acc_family.reset_index().to_dict("records")),
              "accuracy_by_level": _nan_to_none(acc_level.reset_index().to_dict("records")),
              "trace_stats": stats, "markers": marker_rows, "figures": figures,
              "judge_mix": judge_mix.to_dict("records") if judge_mix is not None else None}
    (out / "report.json").write_text(json.dumps(_nan_to_none(tables), indent=2, default=_json_default) + "\n",
                                     encoding="utf-8")
    (out / "README.md").write_text(_markdown(tables, df, mix, acc_family, acc_level, errors_level, LABEL_DESCRIPTIONS,
                                             LABELS, MARKERS), encoding="utf-8")
    log(f"wrote {out / 'README.md'} and {len(figures)} figures in {out / 'figures'}")
    return tables


def _nan_to_none(obj: Any) -> Any:
    if isinstance(obj, float) and math.isnan(obj):
        return None
    if isinstance(obj, dict):
        return {k: _nan_to_none(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_nan_to_none(v) for v in obj]
    return obj


def _json_default(x: Any) -> Any:
    import numpy as np

    if isinstance(x, np.generic):
        return x.item()
    return str(x)


def _markdown(t: dict[str, Any], df, mix, acc_family, acc_level, errors_level, descriptions, labels, markers
              ) -> str:
    names, k = t["models"], t["k"]
    lines = [f"# Error analysis: {' vs '.join(names)}", "",
             "Written by `qftdata analyze` from " + ", ".join(f"`{f}`" for f in t["folders"])
             + f". Succ = mean over problems of the fraction of correct samples; pass@{k} = unbiased pass@k; "
             "rates are over samples unless said otherwise. The first model is the baseline.", "",
             "## At a glance", ""]
    lines += [f"- {b}" for b in _glance(t["summary"], mix, acc_family, names, k)]
    lines += [f"- {s['model']}: {s['not_graded']} samples not graded (verifier status sandbox_unavailable: code "
              "answers need bubblewrap) are left out of every table" for s in t["summary"] if s.get("not_graded")]
    lines += ["", "## Summary", ""]
    header = ["model", "problems", "samples", "Succ %", f"pass@{k} %", "truncated %", "tokens (correct)",
              "tokens (incorrect)", "markers/trace", "most common error"]
    rows = [[s["model"], s["problems"], s["samples"], _fmt(s["succ"], True), _fmt(s[f"pass@{k}"], True),
             _fmt(s["truncated_rate"], True), _fmt(s["tokens_correct"], digits=0), _fmt(s["tokens_incorrect"], digits=0),
             _fmt(s["markers_per_trace"], digits=2), s["top_error"]] for s in t["summary"]]
    lines += [_md_table(header, rows, "lrrrrrrrrl"), ""]
    if len({r["split"] for r in t["summary_by_split"]}) > 1:
        rows = [[s["model"], s["split"], s["problems"], _fmt(s["succ"], True), _fmt(s[f"pass@{k}"], True),
                 _fmt(s["truncated_rate"], True), s["top_error"]] for s in t["summary_by_split"]]
        lines += ["Per split:", "", _md_table(["model", "split", "problems", "Succ %", f"pass@{k} %", "truncated %",
                                                "most common error"], rows, "llrrrrl"), ""]

    lines += ["## Error mix", "", f"![error mix]({t['figures']['error_mix']})", "",
              "Share of the incorrect samples of each model in each automatic error class (count in brackets):", ""]
    shown = [lab for lab in labels if lab != "correct" and mix.loc[mix["label"] == lab, "count"].sum() > 0]
    rows = []
    for lab in shown:
        row = [f"`{lab}`"]
        for m in names:
            r = mix[(mix["model"] == m) & (mix["label"] == lab)].iloc[0]
            row.append(f"{_fmt(r['share_of_incorrect'], True)} ({r['count']})")
        rows.append(row)
    wrong_n = [int((~df.loc[df["model"] == m, "correct"]).sum()) for m in names]
    rows.append(["**incorrect samples**"] + [str(n) for n in wrong_n])
    lines += [_md_table(["label"] + [f"{m} %" for m in names], rows), ""]
    details = (df[(~df["correct"]) & df["label"].isin(["rational_factor", "pi_power", "wrong_variables"])]
               .groupby(["model", "label", "detail"]).size().rename("n").reset_index()
               .sort_values("n", ascending=False).head(12))
    if len(details):
        lines += ["Most frequent factors and renamings:", "",
                  _md_table(["model", "label", "detail", "samples"],
                            [[r.model, f"`{r.label}`", f"`{r.detail}`", r.n] for r in details.itertuples()], "lllr"), ""]
    if len(errors_level):
        lines += ["Error classes by level (top three per model and level, share of that level's incorrect samples):", ""]
        rows = []
        for (m, level), part in errors_level.groupby(["model", "level"], sort=False):
            part = part.sort_values("count", ascending=False)
            rows.append([m, level, int(part["incorrect"].iloc[0]),
                         ", ".join(f"{r.label} {100 * r.share_of_incorrect:.0f}%" for r in part.head(3).itertuples())])
        lines += [_md_table(["model", "level", "incorrect", "top classes"], rows, "llrl"), ""]

    lines += ["## Accuracy by family and level", ""]
    if "family_heatmap" in t["figures"]:
        lines += [f"![family heat map]({t['figures']['family_heatmap']})", ""]
    for title, acc in (("family", acc_family), ("level", acc_level)):
        if len(acc):
            cols = list(acc.columns)
            rows = [[idx] + [_fmt(acc.loc[idx, c], True) for c in cols]
                    + ([f"{100 * (acc.loc[idx, cols[-1]] - acc.loc[idx, cols[0]]):+.1f}"] if len(cols) > 1 else [])
                    for idx in acc.index]
            head = [title] + [f"{c} Succ %" for c in cols] + ([f"Δ {cols[-1]} − {cols[0]} (pp)"] if len(cols) > 1 else [])
            lines += [_md_table(head, rows), ""]

    lines += ["## Trace statistics", "", f"![lengths]({t['figures']['lengths']})", "",
              f"![markers]({t['figures']['markers']})", ""]
    rows = [[r["model"], r["outcome"], r["samples"], _fmt(r["tokens_mean"], digits=0), _fmt(r["tokens_median"], digits=0),
             _fmt(r["truncated_rate"], True), _fmt(r["markers_per_trace"], digits=2), _fmt(r["traces_with_marker"], True)]
            for r in t["trace_stats"]]
    lines += [_md_table(["model", "outcome", "samples", "tokens mean", "tokens median", "truncated %",
                         "markers/trace", "traces with a marker %"], rows, "llrrrrrr"), ""]
    rows = [[r["model"]] + [_fmt(r[n], digits=2) for n in markers] for r in t["markers"]]
    lines += ["Mean count per trace of each self-correction marker:", "",
              _md_table(["model"] + [f"`{n}`" for n in markers], rows), ""]

    if t.get("judge_mix"):
        lines += ["## LLM judge (incorrect traces)", "",
                  "Categories of the paper: Factual, Mathematical, Logical, Executional (`unparsed`: the judge named "
                  "none). Judge labels sit next to the automatic ones in `samples_labeled.parquet`.", ""]
        cats = ["Factual", "Mathematical", "Logical", "Executional", "unparsed"]
        jm = t["judge_mix"]
        rows = []
        for c in cats:
            vals = [next((r for r in jm if r["model"] == m and r["judge_label"] == c), None) for m in names]
            if any(vals):
                rows.append([c] + [f"{100 * v['share_of_incorrect']:.1f} ({v['count']})" if v else "0.0 (0)" for v in vals])
        lines += [_md_table(["category"] + [f"{m} %" for m in names], rows), ""]
        cross = df[~df["correct"]].groupby(["label", "judge_label"]).size().unstack(fill_value=0)
        if len(cross):
            cols = list(cross.columns)
            lines += ["Automatic class (rows) vs judge category (columns), all models:", "",
                      _md_table(["label"] + cols, [[f"`{i}`"] + [int(cross.loc[i, c]) for c in cols] for i in cross.index]),
                      ""]

    lines += ["## Error classes", "", "Computed by `qftdata.analysis.taxonomy` from the extracted answer and the gold "
              "(sympy, random-point evaluation, a hard time limit per answer):", ""]
    lines += [_md_table(["label", "meaning"], [[f"`{lab}`", descriptions[lab]] for lab in labels], "ll"), ""]
    lines += ["## Files", "", "`summary.csv`, `summary_by_split.csv`, `error_mix.csv`, `errors_by_family.csv`, "
              "`errors_by_level.csv`, `accuracy_by_family.csv`, `accuracy_by_level.csv`, `trace_stats.csv`, "
              "`markers.csv`" + (", `judge_mix.csv`" if t.get("judge_mix") else "")
              + ", `samples_labeled.parquet` (one row per sample), `report.json` (everything).", ""]
    return "\n".join(lines)
