"""Metrics: pass@k estimator, bootstrap CIs, paired permutation test, metric tables and comparisons."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from qftdata.evaluate import (
    bootstrap_ci,
    compare_runs,
    compute_metrics,
    paired_permutation_test,
    pass_at_k,
    per_problem,
)


def _brute_pass_at_k(n: int, c: int, k: int) -> float:
    """Fraction of k-subsets of n samples (c correct) containing at least one correct sample."""
    samples = [1] * c + [0] * (n - c)
    subsets = list(itertools.combinations(range(n), k))
    return sum(any(samples[i] for i in s) for s in subsets) / len(subsets)


@pytest.mark.parametrize("n,c,k", [(n, c, k) for n in range(1, 8) for c in range(n + 1) for k in range(1, n + 1)])
def test_pass_at_k_matches_enumeration(n, c, k):
    assert pass_at_k(n, c, k) == pytest.approx(_brute_pass_at_k(n, c, k), abs=1e-12)


@pytest.mark.parametrize("n,c,k,expected", [
    (5, 0, 5, 0.0),        # Bo5 of a problem never solved
    (5, 1, 5, 1.0),        # Bo5 with one correct sample
    (5, 2, 1, 0.4),        # pass@1 = c/n = Succ
    (10, 3, 2, 1 - 21 / 45),
    (200, 10, 100, 1 - math.comb(190, 100) / math.comb(200, 100)),
])
def test_pass_at_k_regression(n, c, k, expected):
    assert pass_at_k(n, c, k) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("n,c,k", [(5, 6, 1), (5, -1, 1), (5, 2, 0), (5, 2, 6)])
def test_pass_at_k_rejects_bad_input(n, c, k):
    with pytest.raises(ValueError):
        pass_at_k(n, c, k)


def test_bootstrap_ci_seeded_and_sensible():
    rng = np.random.default_rng(0)
    values = rng.random(200)
    lo, hi = bootstrap_ci(values, n_boot=500, seed=1)
    assert lo < values.mean() < hi
    assert (lo, hi) == bootstrap_ci(values, n_boot=500, seed=1)
    assert (lo, hi) != bootstrap_ci(values, n_boot=500, seed=2)
    lo_small, hi_small = bootstrap_ci(values[:20], n_boot=500, seed=1)
    assert hi_small - lo_small > hi - lo  # fewer problems, wider interval
    assert bootstrap_ci([0.5]) == (0.5, 0.5)
    assert all(math.isnan(x) for x in bootstrap_ci([]))


def test_paired_permutation_test():
    a = np.zeros(5)
    assert paired_permutation_test(a, a) == 1.0
    # exact enumeration: 5 positive differences, only the all-+ and all-- sign patterns reach |sum| = 5
    assert paired_permutation_test(a, np.ones(5)) == pytest.approx(2 / 32)
    rng = np.random.default_rng(0)
    x = rng.random(60)
    p_big = paired_permutation_test(x, x + 0.3 + 0.05 * rng.standard_normal(60), n_perm=2000, seed=0)
    assert p_big < 0.01
    p_null = paired_permutation_test(x, x + 0.05 * rng.standard_normal(60), n_perm=2000, seed=0)
    assert p_null > 0.01


def _samples(correct_by_problem: dict[str, list[int]], split="test", family_of=None):
    import pandas as pd

    rows = []
    for pid, outcomes in correct_by_problem.items():
        for i, ok in enumerate(outcomes):
            rows.append({"id": pid, "config": "problems", "split": split,
                         "family": (family_of or {}).get(pid, "fam"), "category": "cat", "level": "graduate",
                         "sample_index": i, "correct": bool(ok), "completion": "x" * (10 if ok else 30),
                         "completion_tokens": 10 if ok else 30, "prompt_tokens": 5,
                         "finish_reason": "stop" if ok else "length", "model": "m"})
    return pd.DataFrame(rows)


def test_compute_metrics_values_and_groups():
    df = _samples({"a": [1, 1, 0, 0, 0], "b": [0] * 5, "c": [1] * 5}, family_of={"a": "f1", "b": "f1", "c": "f2"})
    m = compute_metrics(df, k=5, n_boot=200, seed=0)
    s = m["splits"]["problems/test"]
    assert s["all"]["succ"] == pytest.approx((0.4 + 0 + 1) / 3)
    assert s["all"]["pass@5"] == pytest.approx(2 / 3)
    assert s["all"]["n_problems"] == 3 and s["all"]["n_samples"] == 15
    assert s["family"]["f1"]["succ"] == pytest.approx(0.2)
    assert s["family"]["f2"]["pass@5"] == 1.0
    lo, hi = s["all"]["succ_ci"]
    assert 0 <= lo <= s["all"]["succ"] <= hi <= 1
    tok = s["all"]["tokens"]
    assert tok["completion_tokens_mean_correct"] == 10 and tok["completion_tokens_mean_incorrect"] == 30
    assert tok["truncated_fraction"] == pytest.approx(8 / 15)
    assert compute_metrics(df, k=5, n_boot=200, seed=0) == m  # seeded


def test_per_problem_with_fewer_samples_than_k():
    pp = per_problem(_samples({"a": [1, 0], "b": [0, 0]}), k=5)
    assert list(pp["n"]) == [2, 2]
    assert list(pp["pass_k"]) == [1.0, 0.0]  # best of the samples there are


def test_compare_runs_paired():
    a = _samples({f"p{i}": [0] * 5 for i in range(30)})
    b = _samples({f"p{i}": [1] * 5 for i in range(25)} | {f"p{i}": [0] * 5 for i in range(25, 30)} |
                 {"extra": [1] * 5})
    r = compare_runs(a, b, k=5, n_boot=200, n_perm=2000, seed=0)
    s = r["splits"]["problems/test"]
    assert s["n_shared"] == 30 and s["only_b"] == 1 and s["only_a"] == 0
    assert s["succ"]["delta"] == pytest.approx(25 / 30)
    assert s["succ"]["significant"] and s["succ"]["p_value"] < 0.001
    lo, hi = s["succ"]["delta_ci"]
    assert 0 < lo <= 25 / 30 <= hi
    same = compare_runs(a, a, k=5, n_boot=100, n_perm=100)
    assert same["splits"]["problems/test"]["succ"]["p_value"] == 1.0
    assert not same["splits"]["problems/test"]["pass@5"]["significant"]


def test_samples_not_graded_leave_the_denominators():
    """`sandbox_unavailable` (a code answer not executed: no bubblewrap) is neither right nor wrong: it is
    counted as not graded and left out of n, c, Succ and pass@k; a problem with no graded sample drops out."""
    from qftdata.verify.core import STATUSES

    assert "sandbox_unavailable" in STATUSES  # the verifier's own status name
    df = _samples({"a": [1, 0, 0, 0], "b": [0, 1, 1, 1], "c": [0, 0, 0, 0]})
    df["status"] = ["correct" if ok else "incorrect" for ok in df["correct"]]
    not_run = ((df["id"] == "a") & (df["sample_index"] >= 2)) | (df["id"] == "c")
    df.loc[not_run, "status"] = "sandbox_unavailable"
    pp = per_problem(df, k=4).set_index("id")
    assert list(pp.index) == ["a", "b"] and pp.loc["a", "n"] == 2 and pp.loc["a", "c"] == 1
    m = compute_metrics(df, k=4, n_boot=50, seed=0)
    s = m["splits"]["problems/test"]["all"]
    assert s["n_problems"] == 2 and s["n_samples"] == 6 and s["not_graded"] == 6 and m["not_graded"] == 6
    assert s["succ"] == pytest.approx((1 / 2 + 3 / 4) / 2)
    assert s["pass@4"] == pytest.approx(1.0)  # a: 1 of 2 graded samples correct -> best of what there is
    graded_only = compute_metrics(df[~not_run], k=4, n_boot=50, seed=0)["splits"]["problems/test"]["all"]
    assert {k: v for k, v in s.items() if k not in ("not_graded", "tokens")} == {
        k: v for k, v in graded_only.items() if k not in ("not_graded", "tokens")}
    df.loc[not_run, "completion_tokens"] = 1000  # a sample not graded is neither correct nor incorrect
    tok = compute_metrics(df, k=4, n_boot=10, seed=0)["splits"]["problems/test"]["all"]["tokens"]
    graded_tok = compute_metrics(df[~not_run], k=4, n_boot=10, seed=0)["splits"]["problems/test"]["all"]["tokens"]
    for key in ("completion_tokens_mean_correct", "completion_tokens_mean_incorrect"):
        assert tok[key] == graded_tok[key]
    assert tok["completion_tokens_total"] == graded_tok["completion_tokens_total"] + 6 * 1000  # all generated


def test_compare_runs_lists_splits_without_shared_problems():
    a = _samples({"p1": [1, 0]}, split="test")
    b = _samples({"p1": [1, 1]}, split="validation")
    r = compare_runs(a, b, k=2, n_boot=10, n_perm=10)
    assert r["splits"] == {} and r["unshared"] == {"problems/test": {"a": 1, "b": 0},
                                                   "problems/validation": {"a": 0, "b": 1}}
