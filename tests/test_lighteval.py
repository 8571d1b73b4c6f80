"""lighteval custom tasks: the verifier metric on hand-made responses (fast), and one end-to-end run of
`qftdata lighteval accelerate` on the tiny random model on CPU (lighteval's own CLI in a child process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("lighteval")

from sandbox_support import bwrap_fixture  # noqa: E402, F401 - fixture (tpbench_style runs reference code)

from qftdata.schema import LEVELS  # noqa: E402

ROWS = [  # (id, split, family, level, answer, symbols)
    ("lt-0", "test", "test.xsec", LEVELS[0], "\\frac{e^4}{12\\pi s}", ["e", "s"]),
    ("lt-1", "test", "test.mass", LEVELS[1], "M^2 - m^2", ["M", "m"]),
    ("lt-2", "test_ood", "test.ood", LEVELS[2], "\\frac{\\lambda}{16\\pi^2}", ["lambda"]),
    ("lt-3", "test", "xphysics.cm.test", LEVELS[3], "2", []),
]


def _row(pid, family, level, answer, symbols):
    from qftdata.schema import CATEGORIES, XPHYSICS_CATEGORIES

    return {"id": pid, "source": "procedural", "family": family,
            "category": XPHYSICS_CATEGORIES[0] if family.startswith("xphysics") else CATEGORIES[0],
            "level": level, "problem": f"Problem {pid}: give ${answer}$ in terms of {', '.join(symbols) or 'nothing'}.",
            "answer": answer, "answer_type": "expression", "symbols": symbols, "tolerance": 0.0, "choices": [],
            "solution": f"$$\\boxed{{{answer}}}$$", "assumptions": "{}", "domain": "[]", "code": "", "metadata": "{}"}


def make_dataset(root: Path) -> Path:
    """A dataset folder in the `qftdata build` layout: configs problems (test, test_ood) and xphysics."""
    from datasets import Dataset

    from qftdata.schema import features

    parts: dict[tuple[str, str], list[dict]] = {}
    for pid, split, family, level, answer, symbols in ROWS:
        config = "xphysics" if family.startswith("xphysics") else "problems"
        parts.setdefault((config, split), []).append(_row(pid, family, level, answer, symbols))
    yaml = ["---", "configs:"]
    for config in sorted({c for c, _ in parts}):
        yaml += [f"- config_name: {config}", "  data_files:"]
        for (c, split), rows in sorted(parts.items()):
            if c == config:
                out = root / "data" / config / f"{split}-00000-of-00001.parquet"
                out.parent.mkdir(parents=True, exist_ok=True)
                Dataset.from_list(rows, features=features()).to_parquet(str(out))
                yaml += [f"  - split: {split}", f"    path: data/{config}/{split}-*"]
    (root / "README.md").write_text("\n".join(yaml + ["---", "# lighteval test set", ""]), encoding="utf-8")
    return root


def test_task_table_names_and_prompt():
    from qftdata.lighteval_tasks import TASKS_TABLE, qft_prompt
    from qftdata.prompts import user_content

    names = [t.name for t in TASKS_TABLE]
    assert names == ["qft", "qft_ood", "qft_advanced_undergraduate", "qft_graduate", "qft_advanced_graduate",
                     "qft_postgraduate", "xphysics", "tpbench_style"]
    row = _row(*[ROWS[1][i] for i in (0, 2, 3, 4, 5)])
    doc = qft_prompt(row, "qft")
    assert doc.query == user_content(row) and doc.get_golds() == ["M^2 - m^2"]
    assert doc.specific["symbols"] == ["M", "m"] and doc.specific["answer_type"] == "expression"
    level_task = TASKS_TABLE[names.index("qft_graduate")]
    assert level_task.hf_filter(row) and not level_task.hf_filter({**row, "level": LEVELS[0]})


@pytest.mark.parametrize("texts,n,expected", [
    (["so \\boxed{M^2 - m^2}"], 1, {"succ": 1.0}),
    (["\\boxed{m^2 - M^2}"], 1, {"succ": 0.0}),                        # wrong sign
    (["\\boxed{m^2 - m^2}"], 1, {"succ": 0.0}),                        # case matters: M is not m
    (["\\boxed{(M-m)(M+m)}", "no answer", "\\boxed{M^2}"], 3, {"succ": 1 / 3, "pass@3": 1.0}),
    (["\\boxed{0}", "\\boxed{1}"], 2, {"succ": 0.0, "pass@2": 0.0}),
])
def test_verifier_metric(texts, n, expected):
    from lighteval.models.model_output import ModelResponse

    from qftdata.lighteval_tasks import qft_prompt, verifier_metric

    metric = verifier_metric(n=n)
    assert metric.metric_name == list(expected)
    assert metric.sample_level_fn.num_samples() == n
    doc = qft_prompt(_row(*[ROWS[1][i] for i in (0, 2, 3, 4, 5)]), "qft")
    out = metric.compute_sample(doc=doc, model_response=ModelResponse(text=texts))
    assert out == pytest.approx(expected)


@pytest.mark.parametrize("domain,expected", [('["s > 4*m^2"]', 1.0), ("[]", 0.0)])
def test_verifier_metric_reads_the_physical_region(domain, expected):
    """|s - 4m^2| equals s - 4m^2 only above threshold: the record's `domain` must reach the verifier."""
    from lighteval.models.model_output import ModelResponse

    from qftdata.lighteval_tasks import qft_prompt, verifier_metric

    row = {**_row("lt-d", "test.threshold", LEVELS[1], "s - 4 m^2", ["s", "m"]), "domain": domain}
    out = verifier_metric(n=1).compute_sample(doc=qft_prompt(row, "qft"),
                                              model_response=ModelResponse(text=["\\boxed{\\sqrt{(s-4m^2)^2}}"]))
    assert out == {"succ": expected}


def test_model_parameters_defaults(tmp_path):
    from qftdata.lighteval_runner import model_parameters
    from qftdata.prompts import SYSTEM_PROMPT

    p = model_parameters(f"model_name={tmp_path},batch_size=2", system_prompt=SYSTEM_PROMPT,
                         cache_dir=str(tmp_path), num_samples=4)
    assert p["model_name"] == str(tmp_path) and p["system_prompt"] == SYSTEM_PROMPT and p["cache_dir"] == str(tmp_path)
    assert p["generation_parameters"]["temperature"] > 0
    p = model_parameters(f"model_name={tmp_path},system_prompt=mine,generation_parameters={{temperature:0.9}}",
                         system_prompt=SYSTEM_PROMPT, cache_dir="c", num_samples=2)
    assert p["system_prompt"] == "mine" and p["generation_parameters"]["temperature"] == 0.9
    with pytest.raises(ValueError, match="model_name"):
        model_parameters("batch_size=2", system_prompt=None, cache_dir="c")


TPBENCH = Path(__file__).parent / "data" / "importers" / "tpbench"


def test_tpbench_rows_become_code_docs(bwrap):
    from lighteval.models.model_output import ModelResponse

    from qftdata.lighteval_tasks import tpbench_prompt, verifier_metric

    rows = [json.loads(line) for line in (TPBENCH / "tpbench_public.jsonl").read_text().splitlines()]
    docs = [tpbench_prompt(r, "tpbench_style") for r in rows]
    good = [d for d in docs if d is not None]
    assert len(good) == 2 and docs[2] is None and docs[3] is None  # str parameter; failing reference
    doc = good[1]
    assert doc.specific["answer_type"] == "code" and "def degeneracy" in doc.query
    answer = "```python\ndef degeneracy(n: int) -> int:\n    return 2 * n * n\n```"
    wrong = "```python\ndef degeneracy(n: int) -> int:\n    return n * n\n```"
    out = verifier_metric(n=2).compute_sample(doc=doc, model_response=ModelResponse(text=[answer, wrong]))
    assert out == {"succ": 0.5, "pass@2": 1.0}


def test_samples_not_graded_are_left_out(bwrap, monkeypatch):
    """Code answers the sandbox cannot run (here: bubblewrap made unfindable after the docs were built, the
    real `sandbox_unavailable` path) are no verdict: the problem gets no rate (NaN) instead of 0, and the
    corpus mean is over the problems that have one, as in `qftdata eval`."""
    import math

    from lighteval.models.model_output import ModelResponse

    from qftdata.lighteval_tasks import tpbench_prompt, verifier_metric
    from qftdata.verify import sandbox

    rows = [json.loads(line) for line in (TPBENCH / "tpbench_public.jsonl").read_text().splitlines()]
    doc = [d for d in (tpbench_prompt(r, "tpbench_style") for r in rows) if d is not None][1]
    monkeypatch.setattr(sandbox, "BWRAP", "qft-no-such-bwrap")
    monkeypatch.setattr(sandbox, "_ISOLATION", None)
    monkeypatch.delenv(sandbox.FALLBACK_ENV, raising=False)
    answer = "```python\ndef degeneracy(n: int) -> int:\n    return 2 * n * n\n```"
    metric = verifier_metric(n=2)
    out = metric.compute_sample(doc=doc, model_response=ModelResponse(text=[answer, answer]))
    assert set(out) == {"succ", "pass@2"} and all(math.isnan(v) for v in out.values())
    assert metric.corpus_level_fn["succ"]([1.0, out["succ"], 0.0]) == 0.5


def test_lighteval_end_to_end_tiny_model(tiny_model_path, tmp_path, bwrap):  # tpbench_style runs code
    from qftdata.cli import main as cli

    dataset = make_dataset(tmp_path / "ds")
    out = tmp_path / "lighteval-out"
    before = sorted(p.name for p in Path(tiny_model_path).iterdir() if p.is_dir())
    tasks = ["qft", "xphysics", "qft_graduate", "tpbench_style"]
    rc = cli(["lighteval", "accelerate", f"model_name={tiny_model_path},batch_size=4,dtype=float32",
              ",".join(tasks), "--max-samples", "2", "--num-samples", "2", "--max-new-tokens", "8",
              "--dataset", str(dataset), "--tpbench", str(TPBENCH), "--output-dir", str(out)])
    assert rc == 0
    results = sorted(out.glob("results/**/results_*.json"))
    assert len(results) == 1
    data = json.loads(results[0].read_text())
    for task in tasks:
        metrics = data["results"][f"{task}|0"]
        assert {"succ", "pass@2"} <= set(metrics), metrics
        assert 0.0 <= metrics["succ"] <= metrics["pass@2"] <= 1.0
    assert data["config_general"]["model_config"]["system_prompt"].startswith("You are an expert in quantum")
    details = {p.name.split("_", 1)[1].split("|")[0]: p for p in out.glob("details/**/*.parquet")}
    assert set(details) == set(tasks)
    import pandas as pd

    assert len(pd.read_parquet(details["qft_graduate"])) == 1  # the level filter keeps one row
    assert len(pd.read_parquet(details["tpbench_style"])) == 2  # two of the four TPBench rows convert
    # lighteval's sample cache went to the run's temporary folder, not into the checkpoint folder
    assert sorted(p.name for p in Path(tiny_model_path).iterdir() if p.is_dir()) == before
