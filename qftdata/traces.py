"""Reasoning traces: summaries, rejection-sampled SFT export, and empirical difficulty.

`qftdata traces` (see `qftdata.sampling`) leaves a run directory of graded samples. This module turns it
into dataset configs of a `qftdata build` folder:

* `traces`      every sample (correct or not) with its verdict: the raw material for error analysis;
                rows are samples, so `id` is "<problem id>#<sample index>" and `problem_id` is the problem's;
* `sft_traces`  rejection sampling: correct samples only, as `messages` = prompt + assistant completion
                (optionally only the best / the K shortest correct samples per problem), with the
                problem's empirical `pass_rate` so SFT can use a curriculum;
* `difficulty`  one row per sampled problem: `id`, family/category/level, `pass_rate` (the fraction of
                sampled completions the verifier accepted), `n_samples`, `n_correct`, `pass_rate_model`.
                Key-only (a copy of the problem rows would duplicate their ids across configs); join it
                by `id` with `with_pass_rate(ds, pass_rate_lookup(folder))` to filter or order training
                data by difficulty.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["DIFFICULTY_COLUMNS", "SFT_TRACE_COLUMNS", "TRACE_COLUMNS", "add_config", "difficulty_rows",
           "export_traces", "pass_rate_lookup", "pass_rates", "print_summary", "select_sft", "summarize",
           "with_pass_rate", "write_difficulty"]

PROBLEM_KEY = ["config", "split", "id"]  # one problem: ids are unique across the problem configs


def add_config(folder: str | Path, config_name: str, splits: dict[str, list[dict[str, Any]]], features=None
               ) -> dict[str, int]:
    """`qftdata.build.add_config` when available, else a minimal writer with the same folder layout."""
    try:
        from qftdata.build import add_config as build_add_config
    except ImportError:
        try:
            from qftdata.build.folder import add_config as build_add_config
        except ImportError:
            build_add_config = None
    if build_add_config is not None:
        return build_add_config(folder, config_name, splits, features=features)
    return _fallback_add_config(folder, config_name, splits, features)


def _fallback_add_config(folder, config_name, splits, features) -> dict[str, int]:
    import shutil

    import pyarrow as pa
    import pyarrow.parquet as pq
    import yaml

    root = Path(folder)
    target = root / "data" / config_name
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    counts = {}
    for split, rows in splits.items():
        if not rows:
            continue
        schema = features.arrow_schema if features is not None else None
        pq.write_table(pa.Table.from_pylist(list(rows), schema=schema),
                       target / f"{split}-00000-of-00001.parquet")
        counts[split] = len(rows)
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    meta, body = {}, text
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        end = text.find("\n---\n", 4)
        meta, body = yaml.safe_load(text[4:end]) or {}, text[end + 5:]
    configs = [c for c in meta.get("configs", []) if c.get("config_name") != config_name]
    configs.append({"config_name": config_name,
                    "data_files": [{"split": s, "path": f"data/{config_name}/{s}-*"} for s in counts]})
    meta["configs"] = configs
    readme.write_text("---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n" + body, encoding="utf-8")
    return counts


# ---------------------------------------------------------------------------------------------------
def _rate(df) -> float:
    return float(df["correct"].mean()) if len(df) else float("nan")


def summarize(samples) -> dict[str, Any]:
    """Totals, pass rate per family and per level, and mean length of correct vs incorrect traces.

    Samples the verifier could not grade (`evaluate.NOT_GRADED`, e.g. code answers without the sandbox) are
    counted in `not_graded` and left out of every rate."""
    from qftdata.evaluate import graded, token_stats

    if len(samples) == 0:
        return {"samples": 0, "problems": 0}
    ok = graded(samples)
    out: dict[str, Any] = {
        "samples": len(samples),
        "not_graded": len(samples) - len(ok),
        "problems": int(samples.groupby(PROBLEM_KEY).ngroups),
        "pass_rate": _rate(ok),
        "problems_solved_at_least_once": (float(ok.groupby(PROBLEM_KEY)["correct"].any().mean()) if len(ok)
                                          else float("nan")),
        "tokens": token_stats(samples),
        "status_counts": {str(k): int(v) for k, v in samples["status"].value_counts().items()},
        "models": sorted(samples["model"].unique().tolist()),
    }
    for col in ("family", "level"):
        out[f"by_{col}"] = {str(name): {"samples": len(g), "problems": int(g["id"].nunique()),
                                        "pass_rate": _rate(graded(g)),
                                        "mean_tokens": float(g["completion_tokens"].mean())}
                            for name, g in samples.groupby(col, sort=True)}
    return out


def print_summary(summary: dict[str, Any], console=None) -> None:
    from rich.table import Table

    from qftdata.evaluate import _console

    console = console or _console()
    if not summary.get("samples"):
        console.print("no samples")
        return
    tok = summary["tokens"]

    def num(x, fmt="{:.1f}"):
        return "-" if x is None else fmt.format(x)

    if summary.get("not_graded"):
        console.print(f"{summary['not_graded']} samples not graded (verifier status sandbox_unavailable: code "
                      "answers need bubblewrap); left out of the pass rates")
    console.print(f"[bold]{summary['samples']}[/] samples of {summary['problems']} problems; pass rate "
                  f"[bold]{summary['pass_rate']:.1%}[/]; solved at least once "
                  f"{summary['problems_solved_at_least_once']:.1%}; tokens: prompt {tok['prompt_tokens_total']}, "
                  f"completion {tok['completion_tokens_total']}; mean completion tokens correct "
                  f"{num(tok['completion_tokens_mean_correct'])} vs incorrect "
                  f"{num(tok['completion_tokens_mean_incorrect'])}; truncated {tok['truncated_fraction']:.1%}")
    for col in ("family", "level"):
        table = Table(title=f"pass rate by {col}")
        for name, just in ((col, "left"), ("problems", "right"), ("samples", "right"), ("pass %", "right"),
                           ("mean tok", "right")):
            table.add_column(name, justify=just)
        for name, s in summary[f"by_{col}"].items():
            table.add_row(name, str(s["problems"]), str(s["samples"]), f"{100 * s['pass_rate']:.1f}",
                          f"{s['mean_tokens']:.0f}")
        console.print(table)


# ---------------------------------------------------------------------------------------------------
def pass_rates(samples) -> dict[tuple[str, str, str], dict[str, Any]]:
    """(config, split, id) -> {n_samples, n_correct, pass_rate, model} over the graded samples; a problem
    none of whose samples could be graded is left out."""
    from qftdata.evaluate import graded

    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for (config, split, pid), g in graded(samples).groupby(PROBLEM_KEY, sort=True):
        out[(str(config), str(split), str(pid))] = {"n_samples": len(g), "n_correct": int(g["correct"].sum()),
                                                    "pass_rate": float(g["correct"].mean()),
                                                    "model": ",".join(sorted(g["model"].unique()))}
    return out


SELECT_MODES = ("all", "best-of", "shortest-k")


def select_sft(samples, mode: str = "all", k: int | None = None):
    """Correct samples kept for SFT: all of them, one per problem (`best-of`: the shortest correct
    completion that did not hit the length limit, ties by sample index), or the `k` shortest per problem."""
    if mode not in SELECT_MODES:
        raise ValueError(f"unknown selection {mode!r}; choose one of {SELECT_MODES}")
    ok = samples[samples["correct"].astype(bool) & (samples["finish_reason"] != "length")]
    ok = ok.sort_values([*PROBLEM_KEY, "completion_tokens", "sample_index"], kind="stable")
    if mode == "best-of":
        return ok.groupby(PROBLEM_KEY, sort=False).head(1)
    if mode == "shortest-k":
        if not k or k < 1:
            raise ValueError("shortest-k needs k >= 1")
        return ok.groupby(PROBLEM_KEY, sort=False).head(k)
    return ok


def _chat_features(extra: dict[str, Any]):
    from datasets import Features, List, Value

    chat = List({"role": Value("string"), "content": Value("string")})
    return Features({**extra, "messages": chat}) if "messages" not in extra else Features(extra)


TRACE_COLUMNS = ("id", "problem_id", "config", "family", "category", "level", "answer_type", "sample_index", "completion",
                 "finish_reason", "prompt_tokens", "completion_tokens", "status", "correct", "reason",
                 "extracted", "gold", "model", "sampling", "timestamp")
# `config` names the problem config a sample came from: an eval folder may hold several (problems, xphysics)
SFT_TRACE_COLUMNS = ("id", "problem_id", "config", "family", "category", "level", "answer", "messages",
                     "sample_index", "completion_tokens", "model", "pass_rate")


def _sample_ids(rec: dict[str, Any]) -> dict[str, str]:
    """Rows of the trace configs are samples: `id` is unique per row ("<problem id>#<sample index>", as
    `qftdata validate` requires), `problem_id` joins back to the problem."""
    return {"id": f"{rec['id']}#{int(rec['sample_index'])}", "problem_id": str(rec["id"])}


def _conversation(rec: dict[str, Any]) -> list[dict[str, str]]:
    """The sample's prompt plus its completion as the assistant turn. A completion that closes `</think>`
    without opening it is an R1-Distill-style trace: its chat template pre-fills `<think>\n` in the prompt,
    so the model's text starts inside the reasoning; the turn gets the opening tag back (what the model saw),
    so the exported reasoning is well formed. The `completion` column keeps the raw text."""
    from qftdata.sft_data import with_think_open

    return json.loads(rec["prompt"]) + [{"role": "assistant", "content": with_think_open(str(rec["completion"]))}]


def export_traces(samples, dataset_dir: str | Path, mode: str = "all", k: int | None = None,
                  traces_config: str = "traces", sft_config: str = "sft_traces") -> dict[str, dict[str, int]]:
    """Write the `traces` config (every sample, with its prompt as `messages` + verdict columns) and the
    rejection-sampled SFT config into a dataset folder. Returns config -> split -> rows."""
    from datasets import Features, Value

    rates = pass_rates(samples)
    # traces: one row per sample, conversation included so the config stands on its own
    trace_splits: dict[str, list[dict[str, Any]]] = {}
    for rec in samples.sort_values([*PROBLEM_KEY, "sample_index"], kind="stable").to_dict("records"):
        row = {c: rec[c] for c in TRACE_COLUMNS if c in rec}
        row.update(_sample_ids(rec))
        row["sample_index"] = int(row["sample_index"])
        row["correct"] = bool(row["correct"])
        row["messages"] = _conversation(rec)
        trace_splits.setdefault(str(rec["split"]), []).append(row)
    string, int64, boolean = Value("string"), Value("int64"), Value("bool")
    trace_types = {c: string for c in TRACE_COLUMNS}
    trace_types.update(sample_index=int64, prompt_tokens=int64, completion_tokens=int64, correct=boolean)
    counts = {traces_config: add_config(dataset_dir, traces_config, trace_splits,
                                        features=_chat_features(trace_types))}
    sft_splits: dict[str, list[dict[str, Any]]] = {}
    for rec in select_sft(samples, mode, k).to_dict("records"):
        messages = _conversation(rec)
        sft_splits.setdefault(str(rec["split"]), []).append({
            **_sample_ids(rec), "config": rec["config"], "family": rec["family"], "category": rec["category"],
            "level": rec["level"], "answer": rec["gold"], "messages": messages,
            "sample_index": int(rec["sample_index"]), "completion_tokens": int(rec["completion_tokens"]),
            "model": rec["model"], "pass_rate": rates[(str(rec["config"]), str(rec["split"]), str(rec["id"]))]["pass_rate"]})
    sft_types = dict.fromkeys(SFT_TRACE_COLUMNS, string)
    sft_types.update(messages=None, sample_index=int64, completion_tokens=int64, pass_rate=Value("float64"))
    feats = _chat_features({k_: v for k_, v in sft_types.items() if v is not None})
    feats = Features({name: feats[name] for name in sft_types})  # column order as listed above
    counts[sft_config] = add_config(dataset_dir, sft_config, sft_splits, features=feats)
    return counts


DIFFICULTY_COLUMNS = ("id", "family", "category", "level", "pass_rate", "n_samples", "n_correct",
                      "pass_rate_model")


def difficulty_rows(samples) -> dict[str, list[dict[str, Any]]]:
    """split -> one row per sampled problem: its id, family/category/level, and empirical pass rate."""
    rates = pass_rates(samples)
    first = samples.drop_duplicates(PROBLEM_KEY).set_index(PROBLEM_KEY)
    out: dict[str, list[dict[str, Any]]] = {}
    for (config, split, pid), r in rates.items():
        meta = first.loc[(config, split, pid)]
        out.setdefault(split, []).append({
            "id": pid, "family": str(meta["family"]), "category": str(meta["category"]), "level": str(meta["level"]),
            "pass_rate": r["pass_rate"], "n_samples": r["n_samples"], "n_correct": r["n_correct"],
            "pass_rate_model": r["model"]})
    return out


def write_difficulty(samples, dataset_dir: str | Path, config_name: str = "difficulty") -> dict[str, int]:
    """Write the `difficulty` config: per problem id, the fraction of sampled completions the verifier
    accepted. Key-only (no problem text), so it never duplicates the `problems` rows; join it by `id`
    (`with_pass_rate`) to filter or order training data."""
    from datasets import Features, Value

    rows = difficulty_rows(samples)
    if not rows:
        raise ValueError("no samples to compute pass rates from")
    string = Value("string")
    feats = Features({"id": string, "family": string, "category": string, "level": string,
                      "pass_rate": Value("float64"), "n_samples": Value("int64"), "n_correct": Value("int64"),
                      "pass_rate_model": string})
    return add_config(dataset_dir, config_name, rows, features=feats)


def pass_rate_lookup(dataset: str, config: str = "difficulty", splits: tuple[str, ...] | None = None
                     ) -> dict[str, float]:
    """id -> pass_rate from a `difficulty` config (local folder or Hub id); all splits unless given."""
    from qftdata.sampling import _readme_data_files

    folder = Path(dataset)
    if folder.is_dir():
        import pyarrow.parquet as pq

        files = sorted((folder / "data" / config).glob("*.parquet"))
        if splits is not None:
            files = [f for s in splits for f in (_readme_data_files(folder, config, s) or
                                                 sorted((folder / "data" / config).glob(f"{s}-*.parquet")))]
        rows = [r for f in files for r in pq.read_table(f, columns=["id", "pass_rate"]).to_pylist()]
    else:
        from datasets import load_dataset

        ds = load_dataset(dataset, config)
        rows = [r for s, d in ds.items() if splits is None or s in splits
                for r in d.select_columns(["id", "pass_rate"]).to_list()]
    return {r["id"]: r["pass_rate"] for r in rows}


def with_pass_rate(ds, lookup: dict[str, float], id_column: str = "id"):
    """Add a `pass_rate` column to a `datasets.Dataset` (None where the problem was never sampled).

    For trace rows, whose `id` is "<problem id>#<sample>", pass `id_column="problem_id"`.
    """
    return ds.map(lambda pid: {"pass_rate": lookup.get(pid)}, input_columns=id_column)
