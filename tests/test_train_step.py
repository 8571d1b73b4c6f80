"""`benchmarks/perf/train_step.py` runs a recipe at the recipe's exact settings (its CPU tiny mode here; the
GPU figures come from the same code path with `--recipe <a QLoRA recipe>` on a GPU)."""

from __future__ import annotations

import json
import sys

import pytest
import yaml
from training_support import REPO

sys.path.insert(0, str(REPO / "benchmarks" / "perf"))
import train_step  # noqa: E402


@pytest.mark.parametrize("recipe", ["tiny/grpo.yaml", "tiny/sft.yaml"])
def test_tiny_recipe_runs_with_its_own_settings(tmp_path, recipe):
    import torch

    path = REPO / "recipes" / recipe
    out = tmp_path / "result.json"
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # a 64-wide model: a second thread only spins on a busy machine
    try:
        assert train_step.main(["--recipe", str(path), "--allow-cpu", "--steps", "1", "--prompt-length", "48",
                                "--json", str(out)]) == 0
    finally:
        torch.set_num_threads(threads)
    result = json.loads(out.read_text())
    cfg = yaml.safe_load(path.read_text())
    settings = result["settings"]
    assert result["steps"] == 1 and result["device"] == "cpu" and result["weights"] == "random"
    assert settings["per_device_train_batch_size"] == cfg["per_device_train_batch_size"]
    assert settings["lora_r"] == cfg["lora_r"]
    if "grpo" in recipe:
        # TRL 1.16: one generation batch = per-device batch x processes x steps_per_generation (= grad accum)
        assert settings["generation_batch_size"] == cfg["per_device_train_batch_size"] * settings["steps_per_generation"]
        assert settings["max_completion_length"] == cfg["max_completion_length"]
        assert result["tokens_per_step"] == cfg["per_device_train_batch_size"] * cfg["max_completion_length"]
    else:
        assert settings["max_length"] == cfg["max_length"]
        assert result["tokens_per_step"] == cfg["max_length"] * cfg["per_device_train_batch_size"]


def test_unknown_model_says_how_to_measure(tmp_path):
    recipe = tmp_path / "grpo_other.yaml"
    cfg = yaml.safe_load((REPO / "recipes/tiny/grpo.yaml").read_text())
    cfg.update(model_name_or_path="someone/unknown-model", tiny_model_if_missing=False)
    recipe.write_text(yaml.safe_dump(cfg))
    with pytest.raises(SystemExit, match="no known shapes"):
        train_step.main(["--recipe", str(recipe), "--allow-cpu", "--steps", "1"])
