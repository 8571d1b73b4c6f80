"""`qftdata eval` and `qftdata eval compare` end to end: scripted OpenAI-compatible server (known pass
rates) and the tiny transformers model."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from openai_server import (  # noqa: F401 - fixtures
    MINI_PROBLEMS,
    mini_dataset_fixture,
    openai_server_fixture,
    scripted_spec,
)

from qftdata.cli import main as cli


def _eval(url: str, dataset, out, *extra: str) -> int:
    return cli(["eval", "--model", "scripted", "--backend", "openai", "--base-url", url, "--dataset", str(dataset),
                "--config", "problems", "--splits", "test,test_ood", "--k", "5", "--max-new-tokens", "64",
                "--n-boot", "200", "--out", str(out), "--no-progress", *extra])


def test_eval_metrics_files_and_resume(openai_server, mini_dataset, tmp_path, capsys):
    server = openai_server(scripted_spec())
    out = tmp_path / "results" / "A"
    assert _eval(server.url, mini_dataset, out) == 0
    printed = capsys.readouterr().out
    assert "Succ@5" in printed and "pass@5" in printed and "problems/test_ood" in printed
    metrics = json.loads((out / "metrics.json").read_text())
    test, ood = metrics["splits"]["problems/test"], metrics["splits"]["problems/test_ood"]
    assert test["all"]["succ"] == pytest.approx((1 / 5 + 5 / 5) / 2)    # q4: 1/5, q5: 5/5
    assert test["all"]["pass@5"] == pytest.approx(1.0)
    assert ood["all"]["succ"] == pytest.approx((0 + 3 / 5) / 2)         # q6: 0/5, q7: 3/5
    assert ood["all"]["pass@5"] == pytest.approx(0.5)
    assert set(ood["family"]) == {"test.add", "test.mul"} and ood["family"]["test.add"]["succ"] == 0
    assert set(test["level"]) and set(test["category"])
    lo, hi = ood["all"]["succ_ci"]
    assert 0 <= lo <= ood["all"]["succ"] <= hi <= 1
    assert test["all"]["tokens"]["completion_tokens_total"] > 0
    samples = pd.read_parquet(out / "samples.parquet")
    assert len(samples) == 20 and {"status", "reason", "extracted", "completion"} <= set(samples.columns)
    per_problem = pd.read_parquet(out / "per_problem.parquet")
    assert sorted(per_problem["c"]) == [0, 1, 3, 5]
    # rerun: everything is already sampled, no new request, identical metrics
    n_requests = len(server.requests_seen)
    assert _eval(server.url, mini_dataset, out) == 0
    assert len(server.requests_seen) == n_requests
    assert json.loads((out / "metrics.json").read_text()) == metrics
    assert cli(["eval", "metrics", str(out), "--n-boot", "200"]) == 0
    assert json.loads((out / "metrics.json").read_text()) == metrics


def test_eval_max_problems(openai_server, mini_dataset, tmp_path):
    server = openai_server(scripted_spec())
    out = tmp_path / "small"
    assert _eval(server.url, mini_dataset, out, "--max-problems", "1") == 0
    metrics = json.loads((out / "metrics.json").read_text())
    assert [s["all"]["n_problems"] for s in metrics["splits"].values()] == [1, 1]


def test_eval_compare(openai_server, mini_dataset, tmp_path, capsys):
    weak = openai_server(scripted_spec())
    all_right = {tag: [f"\\boxed{{{gold}}}"] * 5 for tag, _, _, gold, _ in MINI_PROBLEMS}
    strong = openai_server(scripted_spec(all_right))
    a, b = tmp_path / "A", tmp_path / "B"
    assert _eval(weak.url, mini_dataset, a) == 0
    assert _eval(strong.url, mini_dataset, b) == 0
    capsys.readouterr()
    assert cli(["eval", "compare", str(a), str(b), "--json", str(tmp_path / "cmp.json"), "--n-boot", "200"]) == 0
    printed = capsys.readouterr().out
    assert "B - A" in printed and "problems/test" in printed
    result = json.loads((tmp_path / "cmp.json").read_text())
    ood = result["splits"]["problems/test_ood"]
    assert ood["n_shared"] == 2
    assert ood["succ"]["delta"] == pytest.approx(1 - 0.3)
    assert ood["pass@5"]["delta"] == pytest.approx(0.5)
    # two problems cannot make a significant difference: the exact sign-flip test gives p >= 0.5
    assert ood["succ"]["p_value"] >= 0.5 and not ood["succ"]["significant"]
    assert result["test"] == "paired sign-flip permutation test"


def test_eval_tiny_transformers_model(tiny_model_path, mini_dataset, tmp_path):
    out = tmp_path / "tiny"
    assert cli(["eval", "--model", tiny_model_path, "--backend", "transformers", "--device", "cpu",
                "--dataset", str(mini_dataset), "--splits", "test", "--k", "2", "--max-new-tokens", "8",
                "--n-boot", "50", "--out", str(out), "--no-progress"]) == 0
    metrics = json.loads((out / "metrics.json").read_text())
    s = metrics["splits"]["problems/test"]["all"]
    assert s["n_problems"] == 2 and s["n_samples"] == 4
    assert 0.0 <= s["succ"] <= s["pass@2"] <= 1.0
    assert s["tokens"]["completion_tokens_mean"] <= 8


def test_eval_requires_model_and_out(mini_dataset, tmp_path, capsys):
    assert cli(["eval", "--dataset", str(mini_dataset), "--backend", "openai"]) == 2
    assert capsys.readouterr().err.strip() == ("qftdata eval: --out is required to sample (a results folder, e.g. "
                                               "results/NAME/)")
    assert cli(["eval", "--dataset", str(mini_dataset), "--backend", "openai", "--out", str(tmp_path / "r")]) == 2
    assert capsys.readouterr().err.startswith("qftdata eval: --model is required")
    assert not (tmp_path / "r").exists()
