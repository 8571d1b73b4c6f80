"""CPU smoke runs of the TRL recipes that must show learning: real `accelerate launch`, real SFT/GRPO trainers,
real verifier rewards, real generator records written as a `qftdata build`-style folder.

* SFT (tiny random Qwen2 + LoRA, the shipped `recipes/tiny/sft.yaml`): the run reports solution tokens in
  the labels of every row, and its logged loss (computed on solution tokens only) falls over the steps.
* GRPO (`recipes/tiny/grpo.yaml`): the tiny model is first taught to answer one prompt right about half
  the time (teacher forcing of the gold and of a wrong answer), so the verifier gives rewards that differ
  within a group; the run must log that spread and end with changed LoRA weights. The control without
  teaching shows that both assertions fail when there is no learning signal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from training_support import REPO, parse_recipe, recipe_module, write_dataset

ACCELERATE = Path(sys.executable).with_name("accelerate")


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


def _teach(model_path: Path, row: dict, answers: list[str], steps: int = 240) -> None:
    """Teacher-force each of `answers` (boxed) after the row's prompt, in turn, so that sampling returns
    them with about equal probability: some completions of a group right, some wrong."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from qftdata.prompts import build_prompt

    tok = AutoTokenizer.from_pretrained(model_path)
    model = AutoModelForCausalLM.from_pretrained(model_path)
    torch.manual_seed(0)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # a tiny model: OpenMP spinning over 2 busy cores costs 10x
    prompt = tok.apply_chat_template(build_prompt(row), add_generation_prompt=True, tokenize=False)
    prompt_ids = tok(prompt, add_special_tokens=False)["input_ids"]
    batches = []
    for answer in answers:
        answer_ids = tok(f"\\boxed{{{answer}}}<|im_end|>", add_special_tokens=False)["input_ids"]
        batches.append((torch.tensor([prompt_ids + answer_ids]), torch.tensor([[-100] * len(prompt_ids) + answer_ids])))
    optim = torch.optim.AdamW(model.parameters(), lr=3e-3)
    model.train()
    for step in range(steps):
        ids, labels = batches[step % len(batches)]
        model(input_ids=ids, labels=labels).loss.backward()
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


def _history(out: Path) -> list[dict]:
    """The per-step logs the run saved with its model (trainer_state.json)."""
    return [h for h in json.loads((out / "trainer_state.json").read_text())["log_history"] if "loss" in h]


def _tiny_config(base: str, dataset: Path, out: Path, **overrides) -> dict:
    config = yaml.safe_load((REPO / "recipes/tiny" / f"{base}.yaml").read_text())
    config.update(dataset_name=str(dataset), output_dir=str(out), **overrides)
    return config


def _lora_b_norm(out: Path) -> float:
    """Norm of the LoRA B matrices: PEFT starts them at zero, so > 0 means the optimizer moved them."""
    from safetensors.torch import load_file

    tensors = load_file(out / "adapter_model.safetensors")
    return sum(float(t.float().norm()) for name, t in tensors.items() if "lora_B" in name)


QUANTIZED = [False, pytest.param(True, marks=pytest.mark.slow)]  # 4-bit on CPU: the same path, 2x slower


@pytest.mark.parametrize("quantized", QUANTIZED, ids=["lora", "qlora-4bit"])
def test_sft_smoke_learns(tmp_path, smoke_rows, tiny_model_path, quantized):
    rows = smoke_rows[:2] * 4  # two problems seen 15 times each: a random model can fit them in 30 steps
    dataset = write_dataset(tmp_path / "data", rows)
    out = tmp_path / "sft-out"
    config = _tiny_config("sft", dataset, out, model_name_or_path=tiny_model_path, load_in_4bit=quantized)
    output = _launch("sft", config, tmp_path)
    n = len(rows)
    assert f"SFT labels: {n}/{n} rows keep solution tokens" in output, output[-3000:]
    losses = [h["loss"] for h in _history(out)]
    assert len(losses) == config["max_steps"]
    first, last = sum(losses[:5]) / 5, sum(losses[-5:]) / 5
    assert last < first - 0.2, losses  # the loss on solution tokens falls (broken training: ~0 +- 0.06)
    assert (out / "adapter_model.safetensors").exists() and (out / "merged" / "model.safetensors").exists()
    card = (out / "README.md").read_text()
    assert "parquet_sha256" in card and "## Recipe" in card


def test_sft_refuses_a_max_length_that_holds_no_solution(tmp_path, smoke_rows, tiny_model_path):
    """The old tiny recipe's max_length (256) is shorter than a tiny-tokenizer prompt: no solution token
    would ever be trained. recipes/sft.py stops with a line that says what to change."""
    dataset = write_dataset(tmp_path / "data", smoke_rows)
    args = parse_recipe("sft", REPO / "recipes/tiny/sft.yaml", model_name_or_path=tiny_model_path,
                        dataset_name=dataset, output_dir=tmp_path / "out", max_length=256)
    with pytest.raises(ValueError, match="max_length=256"):
        recipe_module("sft").build_trainer(*args)


def _grpo_run(tmp_path: Path, row: dict, model: Path, quantized: bool) -> tuple[list[dict], Path, str]:
    dataset = write_dataset(tmp_path / "data", [row] * 4)
    out = tmp_path / "grpo-out"
    config = _tiny_config("grpo", dataset, out, model_name_or_path=str(model), load_in_4bit=quantized,
                          temperature=1.0)
    output = _launch("grpo", config, tmp_path)
    return _history(out), out, output


@pytest.mark.parametrize("quantized", QUANTIZED, ids=["lora", "qlora-4bit"])
def test_grpo_smoke_has_reward_spread_and_moves_the_weights(tmp_path, smoke_rows, tiny_model_path, quantized):
    import shutil

    row = smoke_rows[0]
    model = tmp_path / "taught-model"
    shutil.copytree(tiny_model_path, model)
    _teach(model, row, [row["answer"], row["answer"] + "1"])  # right and wrong, taught alike
    logs, out, output = _grpo_run(tmp_path, row, model, quantized)
    assert len(logs) == 3, logs
    accuracy = [h["rewards/accuracy/mean"] for h in logs]
    assert all(0.0 <= a <= 1.0 for a in accuracy)
    # the real verifier grades some completions of a group right and others wrong
    assert any(0.0 < a < 1.0 for a in accuracy), logs
    assert min(h["frac_reward_zero_std"] for h in logs) < 1.0 and max(h["reward_std"] for h in logs) > 0, logs
    assert _lora_b_norm(out) > 0  # non-zero advantages reached the trainable parameters
    assert "zero reward spread" not in output


def test_grpo_without_reward_spread_changes_nothing(tmp_path, smoke_rows, tiny_model_path, caplog):
    """The control: an untaught random model never answers right, every group has zero spread, the LoRA
    weights stay at zero and the run says so: the assertions above fail on such a run."""
    dataset = write_dataset(tmp_path / "data", smoke_rows[:1] * 4)
    args = parse_recipe("grpo", REPO / "recipes/tiny/grpo.yaml", model_name_or_path=tiny_model_path,
                        dataset_name=dataset, output_dir=tmp_path / "out", max_steps=2, temperature=1.0)
    trainer = recipe_module("grpo").build_trainer(*args)
    trainer.train()
    logs = [h for h in trainer.state.log_history if "frac_reward_zero_std" in h]
    assert logs and all(h["frac_reward_zero_std"] == 1.0 for h in logs), logs
    assert all(float(p.abs().sum()) == 0.0 for name, p in trainer.model.named_parameters() if "lora_B" in name)
    assert "zero reward spread" in caplog.text


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
    script_args, _, model_args = parse_recipe(script, path, output_dir="/tmp/unused", use_cpu=True, bf16=False)
    assert script_args.dataset_name
    assert model_args.model_name_or_path


def test_load_splits_filters_and_pass_rate_curriculum(tmp_path):
    """Family/level filters, and the pass-rate curriculum joined from a `difficulty` config."""
    from datasets import Dataset

    from qftdata.training import QFTScriptArguments, load_splits

    rows = [{"id": f"p{i}", "family": "scattering.x" if i % 2 else "rg.y", "level": "graduate",
             "problem": f"q{i}", "answer": str(i)} for i in range(6)]
    root = write_dataset(tmp_path / "ds", rows)
    (root / "data/difficulty").mkdir()
    Dataset.from_list([{"id": f"p{i}", "pass_rate": rate} for i, rate in
                       enumerate([0.2, 0.9, 0.5, 0.1, 1.0, 0.6])]).to_parquet(root / "data/difficulty/train-00000-of-00001.parquet")
    args = QFTScriptArguments(dataset_name=str(root), dataset_config="problems", families=["scattering.*"],
                              curriculum=True)  # the older boolean spelling means pass_rate
    assert args.curriculum == "pass_rate"
    train, _ = load_splits(args, need_eval=False)
    assert train["id"] == ["p1", "p5", "p3"]  # pass rates 0.9, 0.6, 0.1
    args = QFTScriptArguments(dataset_name=str(root), dataset_config="problems", min_pass_rate=0.5,
                              max_pass_rate=0.95)
    train, _ = load_splits(args, need_eval=False)
    assert sorted(train["id"]) == ["p1", "p2", "p5"]
    with pytest.raises(ValueError, match="no training rows"):
        load_splits(QFTScriptArguments(dataset_name=str(root), dataset_config="problems", levels=["postgraduate"]),
                    need_eval=False)
    with pytest.raises(ValueError, match="curriculum must be one of"):
        QFTScriptArguments(dataset_name=str(root), curriculum="hardest")


def _difficulty_rows() -> list[dict]:
    """Real records drawn at set difficulty knobs (FamilyConfig.difficulty), shuffled."""
    import random

    from qftdata.generators import generate

    rows = []
    for i, knob in enumerate((0.9, 0.1, 0.6, 0.3, 0.75, 0.0, 0.45, 1.0)):
        rows.append(generate("path_integrals.symmetry_factor", n=1, seed=i, difficulty=knob)[0].to_dict())
    random.Random(0).shuffle(rows)
    return rows


def test_difficulty_curriculum_orders_grpo_prompts(tmp_path, tiny_model_path):
    """`curriculum: difficulty` makes the GRPO trainer draw prompts easy-to-hard (by the records' knob,
    stable among ties); `curriculum_stages` keeps the stages in order and shuffles inside them."""
    from qftdata.training import difficulty_of

    rows = _difficulty_rows()
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({difficulty_of(r) for r in rows}) >= 2  # the records carry their difficulty
    expected = [r["id"] for r in sorted(rows, key=difficulty_of)]  # sorted() is stable, as the curriculum
    dataset = write_dataset(tmp_path / "data", rows)
    grpo = recipe_module("grpo")

    def drawn(**overrides) -> list[str]:
        args = parse_recipe("grpo", REPO / "recipes/tiny/grpo.yaml", model_name_or_path=tiny_model_path,
                            dataset_name=dataset, output_dir=tmp_path / "out", **overrides)
        order: list[str] = []
        for batch in grpo.build_trainer(*args).get_train_dataloader():
            for example in batch:
                if not order or order[-1] != example["id"]:  # each prompt arrives num_generations times
                    order.append(example["id"])
            if len(order) >= len(rows):
                break
        return order[:len(rows)]

    assert drawn(curriculum="difficulty") == expected
    staged = drawn(curriculum="difficulty", curriculum_stages=2)
    assert set(staged[:4]) == set(expected[:4]) and set(staged[4:]) == set(expected[4:]) and staged != expected
    assert drawn() != expected  # without a curriculum the trainer shuffles


def test_local_folder_is_never_read_from_a_stale_cache(tmp_path):
    """datasets caches local folders by name: a rebuilt folder must still load its new rows."""
    from qftdata.dataset_io import load

    for value, n in (("first", 1), ("second", 3)):
        root = write_dataset(tmp_path / value / "qft-reason", [{"id": value, "problem": "p", "answer": "1"}] * n,
                             unique_name=False)
        assert load(str(root), "problems")["train"]["id"] == [value] * n
