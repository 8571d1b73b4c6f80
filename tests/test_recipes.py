"""CPU smoke runs of the TRL recipes: real `accelerate launch`, real SFT/GRPO trainers, real verifier rewards.

The data are real generator records written as a `qftdata build`-style folder. For GRPO to see a non-zero
reward, the tiny random model is first taught (a few hundred teacher-forced steps) to answer one of those
prompts with its boxed gold; the GRPO run must then log a positive accuracy reward from the verifier.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
ACCELERATE = Path(sys.executable).with_name("accelerate")


def _write_dataset(root: Path, rows: list[dict]) -> Path:
    from datasets import Dataset

    from qftdata.prompts import build_messages, build_prompt

    for config in ("problems", "sft"):
        (root / "data" / config).mkdir(parents=True, exist_ok=True)
    problems = [{**row, "prompt": build_prompt(row)} for row in rows]
    Dataset.from_list(problems).to_parquet(root / "data/problems/train-00000-of-00001.parquet")
    Dataset.from_list([{"messages": build_messages(r)} for r in rows]).to_parquet(
        root / "data/sft/train-00000-of-00001.parquet")
    card = {"configs": [
        {"config_name": "problems", "default": True,
         "data_files": [{"split": "train", "path": "data/problems/train-*.parquet"}]},
        {"config_name": "sft", "data_files": [{"split": "train", "path": "data/sft/train-*.parquet"}]},
    ]}
    (root / "README.md").write_text("---\n" + yaml.safe_dump(card, sort_keys=False) + "---\n# smoke data\n")
    return root


@pytest.fixture(scope="module")
def smoke_rows() -> list[dict]:
    """Real generator records with short golds (so a tiny model's 32-token completion can hold them)."""
    from qftdata.generators import families, generate

    rows: list[dict] = []
    for name in families():
        if name.startswith("xphysics."):
            continue
        for record in generate(name, n=6, seed=0):
            if len(record.answer) <= 8 and record.answer_type in ("numeric", "expression"):
                rows.append(record.to_dict())
                break
        if len(rows) >= 4:
            break
    if len(rows) < 2:
        pytest.fail("fewer than two generator families produce short golds; the smoke data needs two")
    return rows


def _teach_answers(model_path: Path, rows: list[dict], steps: int = 200) -> None:
    """Teacher-force `\\boxed{answer}` after each prompt so sampled completions can be correct."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from qftdata.prompts import build_prompt

    tok = AutoTokenizer.from_pretrained(model_path)
    model = AutoModelForCausalLM.from_pretrained(model_path)
    torch.manual_seed(0)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # a tiny model: OpenMP spinning over 2 busy cores costs 10x
    batches = []
    for row in rows:
        prompt = tok.apply_chat_template(build_prompt(row), add_generation_prompt=True, tokenize=False)
        prompt_ids = tok(prompt, add_special_tokens=False)["input_ids"]
        answer_ids = tok(f"\\boxed{{{row['answer']}}}<|im_end|>", add_special_tokens=False)["input_ids"]
        ids = torch.tensor([prompt_ids + answer_ids])
        labels = torch.tensor([[-100] * len(prompt_ids) + answer_ids])
        batches.append((ids, labels))
    optim = torch.optim.AdamW(model.parameters(), lr=3e-3)
    model.train()
    for step in range(steps):
        ids, labels = batches[step % len(batches)]
        loss = model(input_ids=ids, labels=labels).loss
        loss.backward()
        optim.step()
        optim.zero_grad()
    torch.set_num_threads(threads)
    model.save_pretrained(model_path)


def _launch(script: str, config: dict, tmp_path: Path) -> str:
    cfg = tmp_path / f"{script}.yaml"
    cfg.write_text(yaml.safe_dump(config))
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    proc = subprocess.run(
        [str(ACCELERATE), "launch", "--config_file", str(REPO / "recipes/accelerate/cpu.yaml"),
         "--num_cpu_threads_per_process", "1", str(REPO / "recipes" / f"{script}.py"), "--config", str(cfg)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-4000:]
    return output


def _logged(output: str) -> list[dict]:
    """The trainer's per-step log dicts (printed as Python dict reprs with string values)."""
    logs = []
    for match in re.finditer(r"\{'loss'[^{}]*\}", output):
        logs.append({k: float(v) for k, v in re.findall(r"'([^']+)': '([-0-9.eE+na]+)'", match.group(0))
                     if v not in ("nan",)})
    return logs


def _tiny_config(base: str, dataset: Path, out: Path, **overrides) -> dict:
    config = yaml.safe_load((REPO / "recipes/tiny" / f"{base}.yaml").read_text())
    config.update(dataset_name=str(dataset), output_dir=str(out), **overrides)
    return config


@pytest.mark.parametrize("quantized", [False, True], ids=["lora", "qlora-4bit"])
def test_sft_smoke(tmp_path, smoke_rows, tiny_model_path, quantized):
    dataset = _write_dataset(tmp_path / "data", smoke_rows * 4)
    out = tmp_path / "sft-out"
    config = _tiny_config("sft", dataset, out, model_name_or_path=tiny_model_path, load_in_4bit=quantized)
    logs = _logged(_launch("sft", config, tmp_path))
    assert len(logs) == 3, logs
    assert all(0 < log["loss"] < 20 for log in logs)
    assert (out / "adapter_model.safetensors").exists()
    assert (out / "merged" / "model.safetensors").exists()
    card = (out / "README.md").read_text()
    assert "parquet_sha256" in card and "## Recipe" in card


@pytest.mark.parametrize("quantized", [False, True], ids=["lora", "qlora-4bit"])
def test_grpo_smoke_reward_signal(tmp_path, smoke_rows, tiny_model_path, quantized):
    import shutil

    model = tmp_path / "taught-model"
    shutil.copytree(tiny_model_path, model)
    rows = smoke_rows[:1]  # one prompt: a 100k-parameter model learns its boxed gold in ~200 steps
    _teach_answers(model, rows)
    dataset = _write_dataset(tmp_path / "data", rows * 4)
    out = tmp_path / "grpo-out"
    config = _tiny_config("grpo", dataset, out, model_name_or_path=str(model), load_in_4bit=quantized,
                          temperature=0.7)
    logs = _logged(_launch("grpo", config, tmp_path))
    assert len(logs) == 3, logs
    accuracy = [v for log in logs for k, v in log.items() if k.startswith("rewards/accuracy") and k.endswith("/mean")]
    assert len(accuracy) == 3, logs
    # The real verifier grades the taught answers correct: a non-zero reward signal.
    assert max(accuracy) > 0, logs
    assert all(0.0 <= a <= 1.0 for a in accuracy)
    assert (out / "adapter_model.safetensors").exists()
    json.loads((out / "adapter_config.json").read_text())


def test_yaml_rejects_unknown_keys(tmp_path):
    config = yaml.safe_load((REPO / "recipes/tiny/grpo.yaml").read_text())
    config["learning_rte"] = 1e-4  # typo must not pass silently
    cfg = tmp_path / "bad.yaml"
    cfg.write_text(yaml.safe_dump(config))
    proc = subprocess.run([sys.executable, str(REPO / "recipes/grpo.py"), "--config", str(cfg)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode != 0
    assert "learning_rte" in proc.stderr


@pytest.mark.parametrize("path", sorted((REPO / "recipes").glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_recipe_configs_parse(path):
    """Every shipped recipe parses with its script's TrlParser (no unknown keys, valid values)."""
    if path.parent.name == "accelerate":
        yaml.safe_load(path.read_text())
        return
    script = "grpo" if "grpo" in path.name else "sft"
    sys.path.insert(0, str(REPO / "recipes"))
    try:
        module = __import__(script)
        parser = module.make_parser()
        script_args, training_args, model_args = parser.parse_args_and_config(
            ["--config", str(path), "--output_dir", "/tmp/unused", "--use_cpu", "true", "--bf16", "false"])
    finally:
        sys.path.remove(str(REPO / "recipes"))
    assert script_args.dataset_name
    assert model_args.model_name_or_path


def test_load_splits_filters_and_curriculum(tmp_path):
    """Family/level filters, and the pass-rate curriculum joined from a `difficulty` config."""
    from datasets import Dataset

    from qftdata.training import QFTScriptArguments, load_splits

    rows = [{"id": f"p{i}", "family": "scattering.x" if i % 2 else "rg.y", "level": "graduate",
             "problem": f"q{i}", "answer": str(i)} for i in range(6)]
    root = _write_dataset(tmp_path / "ds", rows)
    (root / "data/difficulty").mkdir()
    Dataset.from_list([{"id": f"p{i}", "pass_rate": rate} for i, rate in
                       enumerate([0.2, 0.9, 0.5, 0.1, 1.0, 0.6])]).to_parquet(root / "data/difficulty/train-00000-of-00001.parquet")
    args = QFTScriptArguments(dataset_name=str(root), dataset_config="problems", families=["scattering.*"],
                              curriculum=True)
    train, _ = load_splits(args, need_eval=False)
    assert train["id"] == ["p1", "p5", "p3"]  # pass rates 0.9, 0.6, 0.1
    assert train["pass_rate"] == sorted(train["pass_rate"], reverse=True)
    args = QFTScriptArguments(dataset_name=str(root), dataset_config="problems", min_pass_rate=0.5,
                              max_pass_rate=0.95)
    train, _ = load_splits(args, need_eval=False)
    assert sorted(train["id"]) == ["p1", "p2", "p5"]
    with pytest.raises(ValueError, match="no training rows"):
        load_splits(QFTScriptArguments(dataset_name=str(root), dataset_config="problems", levels=["postgraduate"]),
                    need_eval=False)


def test_local_folder_is_never_read_from_a_stale_cache(tmp_path):
    """datasets caches local folders by name: a rebuilt folder must still load its new rows."""
    from qftdata.dataset_io import load

    for value, n in (("first", 1), ("second", 3)):
        root = _write_dataset(tmp_path / value / "qft-reason", [{"id": value, "problem": "p", "answer": "1"}] * n)
        assert load(str(root), "problems")["train"]["id"] == [value] * n
