"""`qftdata traces`: sampling + grading into resumable shards (killed mid-run and resumed), summary,
export of the `traces` / rejection-sampled SFT configs, and the `difficulty` config."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openai_server import (  # noqa: F401 - fixtures
    EXPECTED_CORRECT,
    MINI_PROBLEMS,
    mini_dataset_fixture,
    mini_rows,
    openai_server_fixture,
    problem_id,
    scripted_spec,
)

from qftdata.cli import main as cli
from qftdata.models import ChatRequest, SamplingParams, get_backend
from qftdata.sampling import (
    Grader,
    RunMismatch,
    ShardStore,
    last_boxed,
    load_problem_rows,
    load_samples,
    request_for,
    run_sampling,
    stratified_sample,
)

REPO = Path(__file__).resolve().parents[1]
ALL_SPLITS = "train,test,test_ood"
EXPECTED = {problem_id(tag): c for tag, c in EXPECTED_CORRECT.items()}


def _counts(samples) -> dict[str, int]:
    return {pid: int(g["correct"].sum()) for pid, g in samples.groupby("id")}


def _assert_complete(samples, ids, k=5):
    keys = list(zip(samples["id"], samples["sample_index"], strict=True))
    assert len(keys) == len(set(keys)), "duplicated (id, sample_index)"
    assert set(keys) == {(pid, i) for pid in ids for i in range(k)}, "missing samples"


# ---- dataset input and prompts ---------------------------------------------------------------------
def test_load_problem_rows_and_errors(mini_dataset, tmp_path):
    rows = load_problem_rows(str(mini_dataset), "problems", "test")
    assert [r["id"] for r in rows] == ["mini-q4", "mini-q5"]  # not test_ood's rows
    assert rows[0]["prompt"][1]["role"] == "user"
    assert len(load_problem_rows(str(mini_dataset), "problems", "train", max_problems=3)) == 3
    with pytest.raises(FileNotFoundError, match="validation"):
        load_problem_rows(str(mini_dataset), "problems", "validation")
    import pyarrow as pa
    import pyarrow.parquet as pq

    bad = tmp_path / "bad" / "data" / "problems"
    bad.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist([{"id": "x", "answer": "1", "problem": "p"}] * 2), bad / "train-0.parquet")
    with pytest.raises(ValueError, match=r"train-0.parquet:1 x: id: duplicate id \(first at .*train-0.parquet:0\)"):
        load_problem_rows(str(tmp_path / "bad"), "problems", "train")


def test_request_for_prompt_column_and_fallback():
    row = mini_rows("train")[0]
    req = request_for(row)
    assert req.messages == tuple(row["prompt"])
    assert request_for(row, "SYS").messages[0] == {"role": "system", "content": "SYS"}
    no_prompt = {k: v for k, v in row.items() if k != "prompt"}
    built = request_for(no_prompt)
    assert built.messages[0]["role"] == "system" and row["problem"] in built.messages[-1]["content"]


@pytest.mark.parametrize("text,boxed", [
    ("so \\boxed{2}.", "2"),
    ("\\boxed{1} then \\boxed{\\frac{a}{b}}", "\\frac{a}{b}"),
    ("no box", None),
    ("\\boxed{unclosed", None),
])
def test_last_boxed(text, boxed):
    assert last_boxed(text) == boxed


def test_grader_always_returns_a_verdict():
    row = mini_rows("train")[0]
    grader = Grader(timeout=2.0)
    assert grader("\\boxed{2}", row)["correct"] is True
    bad = grader("\\boxed{7}", row)
    assert bad["correct"] is False and bad["status"] in ("incorrect", "unparseable")
    assert grader("", row)["status"] in ("no_answer", "unparseable")


# ---- the engine --------------------------------------------------------------------------------------
def _run(server, rows, out, **kw):
    backend = get_backend("openai", "scripted", base_url=server.url, backoff_base=0.01)
    kw.setdefault("k", 5)
    return run_sampling(rows, backend, SamplingParams(temperature=kw.pop("temperature", 0.7), max_new_tokens=64),
                        out, dataset="mini", config="problems", split="train", progress=False, **kw)


def test_run_sampling_grades_and_stores(openai_server, tmp_path):
    server = openai_server(scripted_spec())
    rows = mini_rows("train")
    stats = _run(server, rows, tmp_path / "run", chunk_size=3)
    assert stats.samples_new == 20 and stats.shards_written == 2 and stats.samples_before == 0
    df = load_samples(tmp_path / "run")
    _assert_complete(df, [r["id"] for r in rows])
    assert _counts(df) == {r["id"]: EXPECTED[r["id"]] for r in rows}
    one = df[df["id"] == "mini-q1"].sort_values("sample_index").iloc[0]
    assert one["completion"] == "\\boxed{4}" and one["status"] == "correct" and one["extracted"] == "4"
    assert one["finish_reason"] == "stop" and one["completion_tokens"] == 1 and one["prompt_tokens"] > 0
    assert one["family"] == "test.add" and one["gold"] == "4" and one["model"] == "scripted"
    assert json.loads(one["sampling"])["temperature"] == 0.7 and one["timestamp"]
    assert json.loads(one["prompt"])[1]["role"] == "user"
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    assert manifest["identity"]["backend"] == "openai" and manifest["k"] == 5


def test_resume_skips_done_samples_and_refuses_other_settings(openai_server, tmp_path):
    server = openai_server(scripted_spec())
    rows, out = mini_rows("train"), tmp_path / "run"
    _run(server, rows[:2], out, chunk_size=1)
    n_requests = len(server.requests_seen)
    stats = _run(server, rows, out, chunk_size=1)
    assert stats.samples_before == 10 and stats.samples_new == 10
    assert len(server.requests_seen) == n_requests + 2  # only the two new problems were asked
    _assert_complete(load_samples(out), [r["id"] for r in rows])
    assert _run(server, rows, out).samples_new == 0  # nothing left
    with pytest.raises(RunMismatch, match="sampling"):
        _run(server, rows, out, temperature=0.1)
    stats = _run(server, rows, out, k=6)  # raising k samples only the extra index
    assert stats.samples_new == 4
    _assert_complete(load_samples(out), [r["id"] for r in rows], k=6)
    stats = _run(server, rows[:1], out, temperature=0.1, overwrite=True)
    assert stats.samples_before == 0 and len(load_samples(out)) == 5


def test_leftover_tmp_shard_is_ignored_and_cleaned(openai_server, tmp_path):
    server = openai_server(scripted_spec())
    rows, out = mini_rows("train"), tmp_path / "run"
    _run(server, rows[:1], out)
    store = ShardStore(out)
    (store.dir / "part-000009-dead.parquet.tmp").write_bytes(b"half a file")
    assert len(load_samples(out)) == 5
    _run(server, rows, out)
    assert not list(store.dir.glob("*.tmp"))
    _assert_complete(load_samples(out), [r["id"] for r in rows])


def _traces_cmd(url: str, dataset: Path, out: Path) -> list[str]:
    return ["traces", "--model", "scripted", "--backend", "openai", "--base-url", url, "--dataset", str(dataset),
            "--splits", ALL_SPLITS, "--k", "5", "--chunk-size", "1", "--concurrency", "1",
            "--max-new-tokens", "64", "--out", str(out), "--no-progress"]


def test_killed_run_resumes_without_loss_or_duplicates(openai_server, mini_dataset, tmp_path):
    server = openai_server(scripted_spec(delay=0.3))
    out = tmp_path / "traces"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "qftdata.cli", *_traces_cmd(server.url, mini_dataset, out)],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while not list(out.rglob("part-*.parquet")):
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "no shard appeared"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    partial = load_samples(out)
    assert 0 < len(partial) < 40 and len(partial) % 5 == 0
    assert cli(_traces_cmd(server.url, mini_dataset, out)) == 0
    samples = load_samples(out)
    _assert_complete(samples, [problem_id(t) for t, *_ in MINI_PROBLEMS])
    assert _counts(samples) == EXPECTED
    summary = json.loads((out / "summary.json").read_text())
    assert summary["samples"] == 40 and summary["pass_rate"] == pytest.approx(sum(EXPECTED.values()) / 40)


# ---- export / difficulty -------------------------------------------------------------------------------
@pytest.fixture
def traces_dir(openai_server, mini_dataset, tmp_path):
    server = openai_server(scripted_spec())
    out = tmp_path / "traces"
    assert cli(_traces_cmd(server.url, mini_dataset, out)) == 0
    return out


def test_summary(traces_dir):
    from qftdata.traces import summarize

    s = summarize(load_samples(traces_dir))
    assert s["by_family"]["test.add"]["pass_rate"] == pytest.approx((5 + 2 + 1 + 0) / 20)
    assert s["by_level"]["graduate"]["samples"] == 20
    tok = s["tokens"]
    assert tok["completion_tokens_mean_correct"] is not None and tok["prompt_tokens_total"] > 0


def _read_config(folder: Path, config: str, split: str) -> list[dict]:
    import pyarrow.parquet as pq

    return [r for f in sorted((folder / "data" / config).glob(f"{split}-*.parquet")) for r in pq.read_table(f).to_pylist()]


def test_export_and_difficulty(traces_dir, mini_dataset, tmp_path):
    from datasets import Dataset, load_dataset

    from qftdata.traces import pass_rate_lookup, with_pass_rate

    assert cli(["traces", "export", str(traces_dir), "--dataset-dir", str(mini_dataset)]) == 0
    sft = load_dataset(str(mini_dataset), "sft_traces", split="train", cache_dir=str(tmp_path / "hf"))
    train_ids = [problem_id(t) for t, sp, *_ in MINI_PROBLEMS if sp == "train"]
    assert len(sft) == sum(EXPECTED[i] for i in train_ids)
    first = sft[0]
    assert [m["role"] for m in first["messages"]] == ["system", "user", "assistant"]
    assert last_boxed(first["messages"][-1]["content"]) == first["answer"]
    assert first["pass_rate"] == pytest.approx(EXPECTED[first["problem_id"]] / 5)
    assert first["id"] == f"{first['problem_id']}#{first['sample_index']}" and len(set(sft["id"])) == len(sft)
    traces = load_dataset(str(mini_dataset), "traces", split="test_ood", cache_dir=str(tmp_path / "hf"))
    assert len(traces) == 10 and set(traces["correct"]) == {True, False}
    # the problems config is still there and the card lists every config
    assert len(load_dataset(str(mini_dataset), "problems", split="train", cache_dir=str(tmp_path / "hf"))) == 4
    card = (mini_dataset / "README.md").read_text()
    assert "config_name: sft_traces" in card and "config_name: problems" in card

    assert cli(["traces", "export", str(traces_dir), "--dataset-dir", str(mini_dataset), "--best-of"]) == 0
    # re-read the parquet directly (the `datasets` cache, keyed on the folder name, holds the first export)
    best = Dataset.from_list(_read_config(mini_dataset, "sft_traces", "train"))
    assert sorted(best["problem_id"]) == sorted(i for i in train_ids if EXPECTED[i] > 0)
    assert cli(["traces", "export", str(traces_dir), "--dataset-dir", str(mini_dataset), "--shortest-k", "2"]) == 0
    two = _read_config(mini_dataset, "sft_traces", "train")
    assert len(two) == sum(min(2, EXPECTED[i]) for i in train_ids)

    assert cli(["traces", "difficulty", str(traces_dir), "--dataset-dir", str(mini_dataset)]) == 0
    diff = Dataset.from_list(_read_config(mini_dataset, "difficulty", "train"))
    assert {r["id"]: r["pass_rate"] for r in diff} == {i: EXPECTED[i] / 5 for i in train_ids}
    assert diff[0]["n_samples"] == 5 and diff[0]["family"].startswith("test.")
    lookup = pass_rate_lookup(str(mini_dataset))
    assert lookup == {i: c / 5 for i, c in EXPECTED.items()}  # every sampled split
    problems = with_pass_rate(Dataset.from_list(_read_config(mini_dataset, "problems", "train")), lookup)
    assert problems["pass_rate"] == [EXPECTED[i] / 5 for i in problems["id"]]
    traces = with_pass_rate(Dataset.from_list(_read_config(mini_dataset, "traces", "train")), lookup, "problem_id")
    assert traces["pass_rate"] == [EXPECTED[i] / 5 for i in traces["problem_id"]]


def test_traces_cli_transformers_tiny_model(tiny_model_path, mini_dataset, tmp_path):
    out = tmp_path / "tr"
    args = ["traces", "--model", tiny_model_path, "--backend", "transformers", "--device", "cpu",
            "--dataset", str(mini_dataset), "--split", "train", "--k", "2", "--max-new-tokens", "8",
            "--max-problems", "2", "--out", str(out), "--no-progress"]
    assert cli(args) == 0
    samples = load_samples(out)
    _assert_complete(samples, [r["id"] for r in stratified_sample(mini_rows("train"), 2)], k=2)
    assert set(samples["family"]) == {"test.add", "test.mul"}  # stratified: one problem of each family
    assert set(samples["finish_reason"]) <= {"stop", "length"}
    assert (samples["completion_tokens"] <= 8).all()
    assert (out / "summary.json").is_file()
    assert cli(args) == 0 and len(load_samples(out)) == 4  # rerun: nothing new


def test_chat_request_from_stored_prompt(traces_dir):
    df = load_samples(traces_dir)
    assert ChatRequest(json.loads(df["prompt"].iloc[0])).messages[0]["role"] == "system"


def test_samples_not_graded_are_counted_apart():
    """`sandbox_unavailable` samples are no verdict: summary and pass rates leave them out and count them."""
    import pandas as pd

    from qftdata.traces import difficulty_rows, pass_rates, summarize

    rows = []
    for pid, statuses in {"p1": ["correct", "incorrect", "sandbox_unavailable"],
                          "p2": ["sandbox_unavailable", "sandbox_unavailable"]}.items():
        for i, status in enumerate(statuses):
            rows.append({"config": "problems", "split": "test", "id": pid, "sample_index": i, "status": status,
                         "correct": status == "correct", "family": "f", "category": "c", "level": "graduate",
                         "model": "m", "completion_tokens": 10, "prompt_tokens": 5, "finish_reason": "stop",
                         "completion": "x", "prompt": "[]", "gold": "1"})
    df = pd.DataFrame(rows)
    s = summarize(df)
    assert s["samples"] == 5 and s["not_graded"] == 3 and s["pass_rate"] == pytest.approx(0.5)
    assert s["problems_solved_at_least_once"] == pytest.approx(1.0)  # p2 has no graded sample
    assert s["by_family"]["f"]["pass_rate"] == pytest.approx(0.5)
    assert pass_rates(df) == {("problems", "test", "p1"): {"n_samples": 2, "n_correct": 1, "pass_rate": 0.5,
                                                           "model": "m"}}
    assert [r["id"] for r in difficulty_rows(df)["test"]] == ["p1"]


def test_stratified_max_problems():
    """--max-problems spreads over families, then levels, deterministically (not the first ids)."""
    rows = [{"id": f"{fam}-{lv}-{i}", "family": fam, "level": lv}
            for fam in ("aa.first", "bb.second", "cc.third") for lv in ("graduate", "postgraduate") for i in range(3)]
    three = stratified_sample(rows, 3)
    assert len({r["family"] for r in three}) == 3
    six = stratified_sample(rows, 6)
    assert {(r["family"], r["level"]) for r in six} == {(r["family"], r["level"]) for r in rows}
    assert stratified_sample(rows, 6) == six and six == [r for r in rows if r in six]  # deterministic, file order
    assert stratified_sample(rows, 100) == rows and stratified_sample(rows, 0) == []
    assert [r["id"] for r in stratified_sample(rows, 3)] != [r["id"] for r in rows[:3]]


R1_SPECIALS = ("<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", "<｜User｜>", "<｜Assistant｜>")
REASONING = "The cross section needs the spin sum; averaging over 4 initial spins gives a factor 1/4."


@pytest.mark.parametrize("opens_think", [False, True], ids=["r1-distill", "qwen3"])
def test_export_keeps_the_reasoning_well_formed(mini_dataset, tmp_path, opens_think):
    """DeepSeek-R1-Distill's chat template (the text TRL ships, rendered by transformers) ends the generation
    prompt with `<think>\\n`, so its decoded completion starts inside the reasoning and only closes the tag.
    The exported assistant turn (traces and sft_traces) must be what the model saw after the prompt's last
    role marker: the pre-filled tag plus its completion; a completion that opens the tag itself is kept."""
    import pyarrow.parquet as pq
    import trl
    from training_support import ScriptedTeacher

    from qftdata.sft_data import reasoning_of
    from qftdata.tiny_model import build_tiny_tokenizer
    from qftdata.traces import export_traces

    template = Path(trl.__file__).parent / "chat_templates" / "deepseek_r1_distill.jinja"
    tok = build_tiny_tokenizer(chat_template=template.read_text(encoding="utf-8"), special_tokens=R1_SPECIALS,
                               added_tokens=("<think>", "</think>"), bos_token=R1_SPECIALS[0],
                               eos_token=R1_SPECIALS[1], pad_token=R1_SPECIALS[1])
    rows = load_problem_rows(str(mini_dataset), "problems", "test")
    rendered = tok.apply_chat_template(list(rows[0]["prompt"]), tokenize=False, add_generation_prompt=True)
    prefill = rendered.rsplit("<｜Assistant｜>", 1)[1]
    assert prefill == "<think>\n"  # the premise: the template opens the reasoning for the model

    completion = ("<think>\n" if opens_think else "") + f"{REASONING}\n</think>\n\nSo $\\boxed{{1}}$."
    run_sampling(rows, ScriptedTeacher(lambda request: completion), SamplingParams(n=2, temperature=0.6),
                 tmp_path / "run", k=2, dataset=str(mini_dataset), config="problems", split="test",
                 progress=False, grader=lambda text, row: {"status": "correct", "correct": True})
    export_traces(load_samples(tmp_path / "run"), mini_dataset)
    for config in ("traces", "sft_traces"):
        table = pq.read_table(mini_dataset / "data" / config / "test-00000-of-00001.parquet").to_pylist()
        assert len(table) == 4
        for row in table:
            turn = row["messages"][-1]
            assert turn["role"] == "assistant"
            assert turn["content"] == (completion if opens_think else prefill + completion)
            assert reasoning_of(turn["content"]).strip() == REASONING
            if config == "traces":
                assert row["completion"] == completion  # the raw model text is kept as it came
