"""`qftdata analyze` end to end: two results folders produced by the real `qftdata eval` against the
scripted OpenAI-compatible server (a weak "base" and a stronger "rl" model on a tiny symbolic dataset), then
the report, its tables and figures, and the LLM judge against a scripted judge server."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from openai_server import openai_server_fixture  # noqa: F401 - fixture

from qftdata.cli import main as cli

# (tag, split, family, level index, gold, symbols)
PROBLEMS = [
    ("[a1]", "test", "test.xsec", 0, "\\frac{e^4}{12\\pi s}", ["e", "s"]),
    ("[a2]", "test", "test.beta", 1, "\\frac{3\\lambda^2}{16\\pi^2}", ["lambda"]),
    ("[a3]", "test", "test.mass", 2, "M^2 - m^2", ["M", "m"]),
    ("[a4]", "test_ood", "test.width", 3, "\\frac{g^2 m}{8\\pi}", ["g", "m"]),
    ("[a5]", "test", "test.beta", 0, "\\frac{\\lambda}{16\\pi^2}", ["lambda"]),
]
LONG = "We expand the amplitude term by term and keep going " * 12  # > 60 words: cut at the token limit

BASE = {  # 4 samples per problem, each a known error class
    "[a1]": ["So \\boxed{\\frac{e^4}{6\\pi s}}", "Wait, let me re-check. \\boxed{\\frac{e^4}{12\\pi s}}",
             "\\boxed{\\frac{e^4}{12\\pi t}}", "I cannot finish this."],
    "[a2]": ["\\boxed{\\frac{3\\lambda^2}{16\\pi}}", "Actually no. \\boxed{-\\frac{3\\lambda^2}{16\\pi^2}}",
             "\\boxed{\\frac{3\\lambda^2}{16\\pi^2}}", "\\boxed{\\frac{3\\lambda^2}{16\\pi^2} + \\lambda}"],
    "[a3]": ["\\boxed{M^2}", "\\boxed{m^2 - M^2}", "Hmm, wait. Actually \\boxed{M^2 - m^2}", "\\boxed{M^2 - m^2}"],
    "[a4]": [LONG + " \\boxed{1}", "\\boxed{\\frac{g^2 m}{16\\pi}}", "\\boxed{0.0398 g^2 m}",
             "\\boxed{\\frac{g^2 m}{8\\pi}}"],
    "[a5]": ["\\boxed{\\frac{\\lambda}{16\\pi^2}}", "\\boxed{\\frac{\\lambda}{16\\pi^2}}", "\\boxed{\\sin(\\lambda)}",
             "\\boxed{\\frac{1}{"],
}
RL = {
    "[a1]": ["\\boxed{\\frac{e^4}{12\\pi s}}"] * 3 + ["\\boxed{\\frac{e^4}{6\\pi s}}"],
    "[a2]": ["\\boxed{\\frac{3\\lambda^2}{16\\pi^2}}"] * 4,
    "[a3]": ["\\boxed{M^2 - m^2}"] * 3 + ["\\boxed{m^2 - M^2}"],
    "[a4]": ["\\boxed{\\frac{g^2 m}{8\\pi}}"] * 2 + ["\\boxed{\\frac{g^2 m}{16\\pi}}", LONG],
    "[a5]": ["\\boxed{\\frac{\\lambda}{16\\pi^2}}"] * 4,
}
EXPECTED_BASE = {  # (tag, sample index) -> label
    ("[a1]", 0): "rational_factor", ("[a1]", 1): "correct", ("[a1]", 2): "wrong_variables", ("[a1]", 3): "no_answer",
    ("[a2]", 0): "pi_power", ("[a2]", 1): "wrong_sign", ("[a2]", 2): "correct", ("[a2]", 3): "additive_term",
    ("[a3]", 0): "additive_term", ("[a3]", 1): "wrong_sign", ("[a3]", 2): "correct", ("[a3]", 3): "correct",
    ("[a4]", 0): "truncated", ("[a4]", 1): "rational_factor", ("[a4]", 2): "numerically_close", ("[a4]", 3): "correct",
    ("[a5]", 0): "correct", ("[a5]", 1): "correct", ("[a5]", 2): "other", ("[a5]", 3): "unparseable",
}


def _pid(tag: str) -> str:
    return "an-" + tag.strip("[]")


def make_dataset(root: Path) -> Path:
    from datasets import Dataset

    from qftdata.schema import CATEGORIES, LEVELS, features

    by_split: dict[str, list[dict]] = {}
    for tag, split, family, level, gold, symbols in PROBLEMS:
        text = f"Problem {tag}: compute the quantity in terms of {', '.join(symbols)}. Put it in \\boxed{{}}."
        by_split.setdefault(split, []).append({
            "id": _pid(tag), "source": "procedural", "family": family, "category": CATEGORIES[level],
            "level": LEVELS[level], "problem": text, "answer": gold, "answer_type": "expression", "symbols": symbols,
            "tolerance": 0.0, "choices": [], "solution": f"$$\\boxed{{{gold}}}$$", "assumptions": "{}", "domain": "[]", "code": "",
            "metadata": "{}"})
    files = []
    for split, rows in by_split.items():
        out = root / "data" / "problems" / f"{split}-00000-of-00001.parquet"
        out.parent.mkdir(parents=True, exist_ok=True)
        Dataset.from_list(rows, features=features()).to_parquet(str(out))
        files.append(f"  - split: {split}\n    path: data/problems/{split}-*")
    (root / "README.md").write_text("---\nconfigs:\n- config_name: problems\n  data_files:\n" + "\n".join(files)
                                    + "\n---\n# analyze test set\n", encoding="utf-8")
    return root


def _spec(answers: dict[str, list[str]]) -> dict:
    return {"rules": [{"match": tag, "responses": a} for tag, a in answers.items()]}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Two `qftdata eval` results folders (base, rl) on the same problems."""
    from openai_server import running_server

    root = tmp_path_factory.mktemp("analyze")
    dataset = make_dataset(root / "ds")
    folders = {}
    for name, answers in (("base", BASE), ("rl", RL)):
        with running_server(_spec(answers)) as server:
            out = root / "results" / name
            assert cli(["eval", "--model", "scripted", "--backend", "openai", "--base-url", server.url,
                        "--dataset", str(dataset), "--splits", "test,test_ood", "--k", "4", "--temperature", "0.6",
                        "--max-new-tokens", "60", "--n-boot", "50", "--out", str(out), "--no-progress"]) == 0
        folders[name] = out
    return dataset, folders


def test_analyze_report(results, tmp_path, capsys):
    dataset, folders = results
    out = tmp_path / "report"
    assert cli(["analyze", str(folders["base"]), str(folders["rl"]), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "base" in printed and "rl" in printed and "Succ" in printed

    labeled = pd.read_parquet(out / "samples_labeled.parquet")
    base = labeled[labeled["model"] == "base"]
    got = {(f"[{r.id.split('-')[1]}]", int(r.sample_index)): r.label for r in base.itertuples()}
    assert got == EXPECTED_BASE
    detail = base.set_index(["id", "sample_index"])["detail"]
    assert detail[("an-a1", 0)] == "factor:2" and detail[("an-a4", 1)] == "factor:1/2"
    assert detail[("an-a2", 0)] == "factor:pi" and detail[("an-a1", 2)] == "t->s"

    summary = pd.read_csv(out / "summary.csv").set_index("model")
    assert summary.loc["base", "succ"] == pytest.approx((1 / 4 + 1 / 4 + 2 / 4 + 1 / 4 + 2 / 4) / 5)
    assert summary.loc["rl", "succ"] == pytest.approx((3 / 4 + 1 + 3 / 4 + 2 / 4 + 1) / 5)
    assert summary.loc["base", "truncated_rate"] == pytest.approx(1 / 20)
    mix = pd.read_csv(out / "error_mix.csv")
    row = mix[(mix["model"] == "base") & (mix["label"] == "rational_factor")].iloc[0]
    assert row["count"] == 2 and row["share_of_incorrect"] == pytest.approx(2 / 13)
    acc = pd.read_csv(out / "accuracy_by_family.csv", index_col=0)
    assert list(acc.columns) == ["base", "rl"] and acc.loc["test.beta", "rl"] == pytest.approx(1.0)
    stats = pd.read_csv(out / "trace_stats.csv")
    base_c = stats[(stats["model"] == "base") & (stats["outcome"] == "correct")].iloc[0]
    assert base_c["markers_per_trace"] > 0  # "Wait, let me re-check", "Hmm, wait. Actually"
    assert {"error_mix", "errors_by_level", "accuracy_by_family", "trace_stats"} <= set(
        json.loads((out / "report.json").read_text()))
    for fig in ("error_mix", "lengths", "family_heatmap", "markers"):
        png = out / "figures" / f"{fig}.png"
        assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    readme = (out / "README.md").read_text()
    assert "## At a glance" in readme and "**rl vs base**" in readme and "figures/error_mix.png" in readme
    assert "| `rational_factor` |" in readme


def test_analyze_with_judge(results, openai_server, tmp_path):
    _, folders = results
    judge = openai_server({"rules": [{"match": "[a1]", "responses": ["Dropped a factor 1/2.\nCategory: Mathematical"]},
                                     {"match": "[a4]", "responses": ["It ran out of tokens. Category: Executional"]}],
                           "default": ["The wrong Feynman rule. Category: Factual"]}, model_name="judge")
    out = tmp_path / "report-judge"
    assert cli(["analyze", str(folders["rl"]), "--out", str(out), "--judge-model", "judge",
                "--judge-base-url", judge.url, "--names", "rl"]) == 0
    labeled = pd.read_parquet(out / "samples_labeled.parquet")
    wrong = labeled[~labeled["correct"]].set_index("id")
    assert wrong.loc["an-a1", "judge_label"] == "Mathematical"
    assert set(wrong.loc["an-a4", "judge_label"]) == {"Executional"}
    assert wrong.loc["an-a3", "judge_label"] == "Factual"
    assert labeled.loc[labeled["correct"], "judge_label"].isna().all()
    # the judge saw the problem, the gold and the trace
    request = json.dumps(judge.requests_seen[0]) if hasattr(judge, "requests_seen") else ""
    assert not request or "Correct final answer" in request
    assert "## LLM judge" in (out / "README.md").read_text()
    assert (out / "judge_mix.csv").is_file()


def test_analyze_rejects_a_non_results_folder(tmp_path, capsys):
    assert cli(["analyze", str(tmp_path), "--out", str(tmp_path / "r")]) == 2
    assert "no samples.parquet" in capsys.readouterr().err


def test_analyze_leaves_out_samples_not_graded(results, tmp_path):
    """Samples the verifier could not grade (`sandbox_unavailable`) are not errors: counted, left out."""
    import shutil

    from qftdata.analysis.report import analyze

    dataset, folders = results
    base = tmp_path / "base"
    shutil.copytree(folders["base"], base)
    df = pd.read_parquet(base / "samples.parquet")
    not_run = df["id"] == _pid("[a1]")
    df.loc[not_run, "status"] = "sandbox_unavailable"
    df.loc[not_run, "correct"] = False
    df.to_parquet(base / "samples.parquet", index=False)
    tables = analyze([base], tmp_path / "report", dataset=str(dataset), log=lambda m: None)
    s = tables["summary"][0]
    assert s["not_graded"] == 4 and s["samples"] == len(df) - 4 and s["problems"] == len(PROBLEMS) - 1
    assert sum(r["count"] for r in tables["error_mix"]) == len(df) - 4  # every labelled sample was graded
    assert "4 samples not graded" in (tmp_path / "report" / "README.md").read_text()
