"""Evaluation metrics: Succ@k, pass@k (Bo-k), bootstrap confidence intervals, and paired comparison.

Definitions (per problem i with n_i graded samples, c_i of them correct):

* Succ@k = mean_i c_i / n_i — the paper's "Succ", the expected single-sample success rate;
* pass@k = mean_i [1 - C(n_i - c_i, k) / C(n_i, k)] — the unbiased estimator of Chen et al. 2021
  ("Evaluating Large Language Models Trained on Code", eq. 1); with n_i = k it is the paper's "Bo5"
  (does any of the k samples succeed);
* 95% CIs: percentile bootstrap over problems (resampling problems, not samples), seeded;
* `compare`: paired bootstrap over the problems both runs share (CI of the mean per-problem difference
  B - A) and a two-sided paired sign-flip permutation test of that mean (under H0 the sign of each
  per-problem difference is exchangeable); a difference is marked significant when p < alpha.

Samples the verifier could not grade (`NOT_GRADED`: a code answer not executed because the sandbox cannot
run here) are neither right nor wrong: they are left out of n_i and c_i, counted as `not_graded`, and a
problem with no graded sample leaves the denominators.
"""

from __future__ import annotations

import json
import math
import zlib
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["GROUP_COLUMNS", "NOT_GRADED", "bootstrap_ci", "graded", "compare_runs", "compute_metrics", "pass_at_k",
           "paired_bootstrap_ci", "paired_permutation_test", "per_problem", "print_compare",
           "print_metrics", "require_graded", "token_stats"]

GROUP_COLUMNS = ("family", "category", "level")
# Verifier statuses that are no verdict (qftdata.verify.core.STATUSES; the reward is None for them).
NOT_GRADED = frozenset({"sandbox_unavailable"})


def graded(samples):
    """The samples that got a verdict (status not in `NOT_GRADED`)."""
    if len(samples) == 0 or "status" not in samples:
        return samples
    return samples[~samples["status"].isin(NOT_GRADED)]


def require_graded(samples, folder) -> None:
    """Refuse, in one line, a results folder none of whose samples got a verdict: no rate exists."""
    if len(samples) and not len(graded(samples)):
        from qftdata.errors import UserError

        raise UserError(f"{folder}: none of its {len(samples)} samples was graded (status sandbox_unavailable: code "
                        "answers need bubblewrap); grade them where the sandbox runs", exit_code=1)


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased pass@k from n samples with c correct (Chen et al. 2021, numerically stable form).

    >>> pass_at_k(5, 0, 5), pass_at_k(5, 1, 5), round(pass_at_k(5, 1, 1), 12)
    (0.0, 1.0, 0.2)
    >>> round(pass_at_k(10, 3, 2), 4)   # 1 - C(7,2)/C(10,2) = 1 - 21/45
    0.5333
    """
    if not 0 <= c <= n:
        raise ValueError(f"pass_at_k: need 0 <= c <= n, got n={n}, c={c}")
    if k < 1 or k > n:
        raise ValueError(f"pass_at_k: need 1 <= k <= n, got k={k}, n={n}")
    if n - c < k:
        return 1.0
    return float(1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1)))


def _rng(seed: int, salt: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(salt.encode())])


def bootstrap_ci(values, n_boot: int = 1000, seed: int = 0, alpha: float = 0.05, salt: str = ""
                 ) -> tuple[float, float]:
    """Percentile bootstrap CI of the mean of `values` (one value per problem)."""
    v = np.asarray(values, dtype=float)
    if len(v) == 0:
        return (math.nan, math.nan)
    if len(v) == 1 or n_boot < 1:
        return (float(v.mean()), float(v.mean()))
    means = v[_rng(seed, salt).integers(0, len(v), size=(n_boot, len(v)))].mean(axis=1)
    return (float(np.quantile(means, alpha / 2)), float(np.quantile(means, 1 - alpha / 2)))


def paired_bootstrap_ci(a, b, n_boot: int = 1000, seed: int = 0, alpha: float = 0.05, salt: str = ""
                        ) -> tuple[float, float]:
    """Bootstrap CI of mean(b - a) resampling paired problems."""
    return bootstrap_ci(np.asarray(b, float) - np.asarray(a, float), n_boot, seed, alpha, salt)


def paired_permutation_test(a, b, n_perm: int = 10000, seed: int = 0, salt: str = "") -> float:
    """Two-sided p-value of mean(b - a) = 0 by random sign flips of the per-problem differences.

    Exact enumeration when there are at most 16 non-zero differences; otherwise `n_perm` random flips with
    the (1 + hits) / (1 + n_perm) correction, so p is never 0.
    """
    d = np.asarray(b, float) - np.asarray(a, float)
    d = d[d != 0]
    if len(d) == 0:
        return 1.0
    observed = abs(d.sum())
    if len(d) <= 16:
        signs = ((np.arange(2 ** len(d))[:, None] >> np.arange(len(d))) & 1) * 2 - 1
        sums = np.abs(signs @ d)
        return float(np.mean(sums >= observed - 1e-12))
    signs = _rng(seed, salt).choice([-1.0, 1.0], size=(n_perm, len(d)))
    hits = int(np.sum(np.abs(signs @ d) >= observed - 1e-12))
    return (1 + hits) / (1 + n_perm)


# ---------------------------------------------------------------------------------------------------
def per_problem(samples, k: int):
    """One row per (config, split, id) with at least one graded sample: n, c, succ, pass@k, the group
    columns."""
    import pandas as pd

    samples = graded(samples)
    if len(samples) == 0:
        return pd.DataFrame(columns=["key", "config", "split", "id", *GROUP_COLUMNS, "n", "c", "succ", "pass_k"])
    df = samples.assign(key=samples["config"] + "/" + samples["split"], correct=samples["correct"].astype(int))
    g = df.groupby(["key", "config", "split", "id"], sort=True)
    out = g.agg(family=("family", "first"), category=("category", "first"), level=("level", "first"),
                n=("correct", "size"), c=("correct", "sum")).reset_index()
    out["succ"] = out["c"] / out["n"]
    out["pass_k"] = [pass_at_k(int(n), int(c), min(k, int(n))) for n, c in zip(out["n"], out["c"], strict=True)]
    return out


def token_stats(samples) -> dict[str, Any]:
    """Token totals over every sample (all were generated); the correct / incorrect means over the graded
    ones only (a sample not graded is neither)."""
    if len(samples) == 0:
        return {}
    ct = samples["completion_tokens"].astype(float)
    ok = graded(samples)
    correct, ct_ok, chars_ok = ok["correct"].astype(bool), ok["completion_tokens"].astype(float), ok["completion"]
    keys = [c for c in ("config", "split", "id") if c in samples.columns]
    # a prompt is processed once per problem (all its samples share it), so count it once
    prompt_once = samples.drop_duplicates(keys)["prompt_tokens"] if keys else samples["prompt_tokens"]
    return {
        "prompt_tokens_total": int(prompt_once.sum()),
        "completion_tokens_total": int(ct.sum()),
        "completion_tokens_mean": float(ct.mean()),
        "completion_tokens_mean_correct": float(ct_ok[correct].mean()) if correct.any() else None,
        "completion_tokens_mean_incorrect": float(ct_ok[~correct].mean()) if (~correct).any() else None,
        "completion_chars_mean_correct": float(chars_ok[correct].str.len().mean()) if correct.any() else None,
        "completion_chars_mean_incorrect": (float(chars_ok[~correct].str.len().mean())
                                            if (~correct).any() else None),
        "truncated_fraction": float((samples["finish_reason"] == "length").mean()),
    }


def _stat(problems, samples, k: int, n_boot: int, seed: int, salt: str) -> dict[str, Any]:
    succ, pk = problems["succ"].to_numpy(float), problems["pass_k"].to_numpy(float)
    return {
        "n_problems": len(problems), "n_samples": int(problems["n"].sum()),
        "not_graded": int(len(samples) - len(graded(samples))),
        "succ": float(succ.mean()) if len(succ) else math.nan,
        "succ_ci": bootstrap_ci(succ, n_boot, seed, salt=salt + "|succ"),
        f"pass@{k}": float(pk.mean()) if len(pk) else math.nan,
        f"pass@{k}_ci": bootstrap_ci(pk, n_boot, seed, salt=salt + "|pass"),
        "tokens": token_stats(samples),
    }


def compute_metrics(samples, k: int, n_boot: int = 1000, seed: int = 0) -> dict[str, Any]:
    """Metrics per split (`config/split`) overall and by family, category and level."""
    problems = per_problem(samples, k)
    skey = samples["config"] + "/" + samples["split"] if len(samples) else samples.get("split")
    result: dict[str, Any] = {"k": k, "n_boot": n_boot, "seed": seed, "ci": 0.95, "splits": {},
                              "not_graded": int(len(samples) - len(graded(samples)))}
    for key, probs in problems.groupby("key", sort=True):
        smp = samples[skey == key]
        entry = {"all": _stat(probs, smp, k, n_boot, seed, key)}
        for col in GROUP_COLUMNS:
            entry[col] = {str(name): _stat(p, smp[smp[col] == name], k, n_boot, seed, f"{key}|{col}|{name}")
                          for name, p in probs.groupby(col, sort=True)}
        result["splits"][key] = entry
    return result


def save_metrics(metrics: dict[str, Any], path: str | Path) -> None:
    Path(path).write_text(json.dumps(metrics, indent=2, sort_keys=True, default=_json_default) + "\n",
                          encoding="utf-8")


def _json_default(x: Any) -> Any:
    if isinstance(x, np.generic):
        return x.item()
    raise TypeError(f"not JSON serialisable: {type(x).__name__}")


# ---------------------------------------------------------------------------------------------------
def compare_runs(samples_a, samples_b, k: int, n_boot: int = 1000, n_perm: int = 10000, seed: int = 0,
                 alpha: float = 0.05) -> dict[str, Any]:
    """Paired comparison B - A on the problems both runs share, per split. Splits the runs do not share
    (or share no problem of) are listed in `unshared` (split -> problems in A, in B), not compared."""
    pa_, pb_ = per_problem(samples_a, k), per_problem(samples_b, k)
    out: dict[str, Any] = {"k": k, "alpha": alpha, "test": "paired sign-flip permutation test",
                           "ci": "paired percentile bootstrap over shared problems, 95%", "splits": {},
                           "unshared": {}}
    for key in sorted(set(pa_["key"]) | set(pb_["key"])):
        m = pa_[pa_["key"] == key].merge(pb_[pb_["key"] == key], on="id", suffixes=("_a", "_b"))
        n_a, n_b = int((pa_["key"] == key).sum()), int((pb_["key"] == key).sum())
        if len(m) == 0:
            out["unshared"][key] = {"a": n_a, "b": n_b}
            continue
        entry: dict[str, Any] = {"n_shared": len(m), "only_a": n_a - len(m), "only_b": n_b - len(m)}
        for metric, col in (("succ", "succ"), (f"pass@{k}", "pass_k")):
            a, b = m[f"{col}_a"].to_numpy(float), m[f"{col}_b"].to_numpy(float)
            p = paired_permutation_test(a, b, n_perm, seed, salt=f"{key}|{metric}")
            entry[metric] = {"a": float(a.mean()), "b": float(b.mean()), "delta": float((b - a).mean()),
                             "delta_ci": paired_bootstrap_ci(a, b, n_boot, seed, salt=f"{key}|{metric}"),
                             "p_value": p, "significant": bool(p < alpha)}
        out["splits"][key] = entry
    return out


# ---------------------------------------------------------------------------------------------------
def _fmt(x: float | None, pct: bool = True) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{100 * x:.1f}" if pct else f"{x:.0f}"


def _ci(ci) -> str:
    lo, hi = ci
    return f"[{_fmt(lo)}, {_fmt(hi)}]"


def print_metrics(metrics: dict[str, Any], title: str = "evaluation", by: tuple[str, ...] = GROUP_COLUMNS,
                  console=None) -> None:
    """A rich table: one block per split, its overall row, then one row per family/category/level."""
    from rich.table import Table

    console = console or _console()
    k = metrics["k"]
    table = Table(title=f"{title}: Succ@{k} and pass@{k} in % with 95% bootstrap CI over problems")
    for col, just in (("split", "left"), ("by", "left"), ("group", "left"), ("N", "right"),
                      (f"Succ@{k}", "right"), (f"pass@{k}", "right"), ("tok", "right"), ("trunc%", "right")):
        table.add_column(col, justify=just)

    def row(split: str, by_: str, group: str, s: dict[str, Any], style: str | None = None) -> None:
        tok = s.get("tokens") or {}
        table.add_row(split, by_, group, str(s["n_problems"]), f"{_fmt(s['succ'])} {_ci(s['succ_ci'])}",
                      f"{_fmt(s[f'pass@{k}'])} {_ci(s[f'pass@{k}_ci'])}",
                      _fmt(tok.get("completion_tokens_mean"), pct=False), _fmt(tok.get("truncated_fraction")),
                      style=style)

    for key, entry in metrics["splits"].items():
        row(key, "", "all", entry["all"], style="bold")
        for col in by:
            for name, s in entry.get(col, {}).items():
                row("", col, name, s)
        table.add_section()
    console.print(table)
    if metrics.get("not_graded"):
        console.print(f"{metrics['not_graded']} samples were not graded (verifier status sandbox_unavailable: code "
                      "answers need bubblewrap) and are left out of Succ and pass@k")


def _console():
    """A rich console that does not squeeze tables to 80 columns when output is piped to a file."""
    from rich.console import Console

    console = Console()
    if not console.is_terminal:
        console = Console(width=160)
    return console


def print_compare(result: dict[str, Any], name_a: str, name_b: str, console=None) -> None:
    from rich.table import Table

    console = console or _console()
    k = result["k"]
    table = Table(title=f"{name_b} - {name_a} (paired over shared problems; * p < {result['alpha']}, "
                        f"{result['test']})")
    for col in ("split", "N", "metric", "A", "B", "delta", "95% CI", "p", ""):
        table.add_column(col, justify="left" if col in ("split", "metric") else "right")
    for key, entry in result["splits"].items():
        for i, metric in enumerate(("succ", f"pass@{k}")):
            m = entry[metric]
            table.add_row(key if i == 0 else "", str(entry["n_shared"]) if i == 0 else "",
                          "Succ" if metric == "succ" else metric, _fmt(m["a"]), _fmt(m["b"]),
                          f"{100 * m['delta']:+.1f}", _ci(m["delta_ci"]), f"{m['p_value']:.3g}",
                          "*" if m["significant"] else "", style="bold" if m["significant"] else None)
        table.add_section()
    console.print(table)
    for key, n in result.get("unshared", {}).items():
        console.print(f"{key}: not compared (no shared problems; {n['a']} in {name_a}, {n['b']} in {name_b})")
