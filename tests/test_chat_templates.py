"""SFT of reasoning models trains on the reasoning: real trace rows through each model's actual chat template.

The chat templates are the text DeepSeek-R1-Distill and Qwen3 ship, as TRL 1.16 keeps them byte for byte
in `trl/chat_templates/` (used there to recognise a model and swap in a training template). The tokenizer
is a small BPE built here with each model's special tokens (no Hub). The trace rows go through the real
pipeline: `run_sampling` (a scripted teacher writing R1- or Qwen3-style completions), the verifier, and
`export_traces` into `sft_traces`; the recipe YAML is parsed by the recipe's own parser and the trainer is
built by `recipes/sft.py`. What is asserted is the decoded `labels` column TRL trains on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import trl
from training_support import (
    REPO,
    ScriptedTeacher,
    export_teacher_traces,
    parse_recipe,
    recipe_module,
    trained_text,
    write_dataset,
)

TRL_TEMPLATES = Path(trl.__file__).parent / "chat_templates"

# What each model's tokenizer declares (tokenizer_config.json of the model repos): specials, bos/eos/pad.
MODELS = {
    "r1-distill": dict(
        template="deepseek_r1_distill.jinja", recipe="deepseek-r1-distill-qwen-7b/sft_qlora.yaml",
        special=("<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", "<｜User｜>", "<｜Assistant｜>"),
        bos="<｜begin▁of▁sentence｜>", eos="<｜end▁of▁sentence｜>", pad="<｜end▁of▁sentence｜>",
        # the template pre-fills "<think>\n": a decoded R1-Distill completion starts inside the reasoning
        opens_think=False, cue="<｜Assistant｜><think>\n"),
    "qwen3": dict(
        template="qwen3.jinja", recipe="qwen3-4b/sft_qlora.yaml",
        special=("<|endoftext|>", "<|im_start|>", "<|im_end|>"), bos=None, eos="<|im_end|>", pad="<|endoftext|>",
        opens_think=True, cue="<|im_start|>assistant\n"),
}

REASONING = ("Okay, so I need the vertex factor. Each functional derivative removes one field from the "
             "monomial, and the identical lines can be attached in several orders. Let me count the "
             "assignments carefully and multiply by i times the coupling.")


def _teacher(opens_think: bool) -> ScriptedTeacher:
    """Completions shaped like the model's own decoded output, ending in the gold answer (so the verifier
    keeps them in `sft_traces`)."""
    from qftdata.generators import generate

    golds = {r.problem: r.answer for r in generate("foundations.vertex_factor", n=3, seed=0)}

    def answer(request) -> str:
        user = request.messages[-1]["content"]
        gold = next(g for problem, g in golds.items() if problem.strip() in user)
        body = f"{REASONING}\n</think>\n\nThe vertex factor is $\\boxed{{{gold}}}$."
        return ("<think>\n" + body) if opens_think else body

    return answer


@pytest.fixture(scope="module")
def records() -> list[dict]:
    from qftdata.generators import generate

    return [r.to_dict() for r in generate("foundations.vertex_factor", n=3, seed=0)]


def _model(tmp: Path, spec: dict) -> Path:
    from qftdata.tiny_model import build_tiny_model, build_tiny_tokenizer

    template = (TRL_TEMPLATES / spec["template"]).read_text(encoding="utf-8")
    tok = build_tiny_tokenizer(chat_template=template, special_tokens=spec["special"],
                               added_tokens=("<think>", "</think>"), bos_token=spec["bos"],
                               eos_token=spec["eos"], pad_token=spec["pad"])
    return build_tiny_model(tmp / "model", tokenizer=tok)


def _traces_folder(tmp: Path, records: list[dict], opens_think: bool) -> Path:
    folder = write_dataset(tmp / "data", records)
    export_teacher_traces(folder, ScriptedTeacher(_teacher(opens_think)), tmp / "traces")
    return folder


def _trainer(tmp: Path, recipe: str, model: Path, folder: Path, **overrides):
    args = parse_recipe("sft", REPO / "recipes" / recipe, model_name_or_path=model, dataset_name=folder,
                        output_dir=tmp / "out", use_cpu=True, bf16=False, load_in_4bit=False,
                        gradient_checkpointing=False, **overrides)
    return recipe_module("sft").build_trainer(*args)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_trace_reasoning_is_in_the_labels(tmp_path, records, name):
    """The shipped recipe trains on the whole assistant turn of a teacher trace, reasoning included."""
    spec = MODELS[name]
    folder = _traces_folder(tmp_path, records, spec["opens_think"])
    trainer = _trainer(tmp_path, spec["recipe"], _model(tmp_path, spec), folder)
    assert len(trainer.train_dataset) == len(records)  # every trace was correct, none lost to max_length
    for i in range(len(records)):
        text = trained_text(trainer, i)
        completion = trainer.train_dataset[i]["completion"][0]["content"]
        answer = completion.split("</think>")[-1].strip()
        assert REASONING in text and "</think>" in text and answer in text, text
        assert "expert in quantum field theory" not in text  # the system prompt is context, not a target
        # the trained tokens follow exactly the generation prompt the model sees at inference
        context = trainer.processing_class.decode(trainer.train_dataset[i]["input_ids"], skip_special_tokens=False)
        assert context.endswith(spec["cue"] + text), context[-300:]
        if name == "r1-distill":
            # after the pre-filled "<think>\n": the model's own completion, then end-of-sentence
            assert text == completion.removeprefix("<think>\n") + spec["eos"]
        else:
            assert text == f"<think>\n{REASONING}\n</think>\n\n{answer}{spec['eos']}\n"


def test_r1_template_without_the_training_swap_is_refused(tmp_path, records):
    """R1-Distill's own template renders only the text after `</think>`: the old recipe setting
    (`assistant_only_loss: false`) would train on the answer alone, and recipes/sft.py refuses it."""
    spec = MODELS["r1-distill"]
    folder = _traces_folder(tmp_path, records, opens_think=False)
    model = _model(tmp_path, spec)
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model)
    messages = [{"role": "user", "content": "q"}, {"role": "assistant", "content": f"{REASONING}</think>A"}]
    assert REASONING not in tok.apply_chat_template(messages, tokenize=False)  # the premise
    with pytest.raises(ValueError, match="drops the reasoning"):
        _trainer(tmp_path, spec["recipe"], model, folder, assistant_only_loss=False)


def test_qwen3_worked_solutions_become_reasoning(tmp_path, records):
    """Qwen3 SFT on worked solutions trains a filled <think> block (what GRPO's think_format pays for);
    without `solution_as_reasoning` Qwen3's template would train an empty one."""
    spec = MODELS["qwen3"]
    folder = write_dataset(tmp_path / "data", records)
    model = _model(tmp_path, spec)
    trainer = _trainer(tmp_path, "qwen3-4b/sft_solutions_qlora.yaml", model, folder)
    solution = records[0]["solution"].strip()
    text = trained_text(trainer, 0)
    assert text.startswith("<think>\n" + solution[:40]) and "</think>\n\n$$\\boxed{" in text, text
    plain = _trainer(tmp_path, "qwen3-4b/sft_solutions_qlora.yaml", model, folder, solution_as_reasoning=False)
    assert trained_text(plain, 0).startswith("<think>\n\n</think>\n\n")


def test_thinking_recipes_agree():
    """Every SFT recipe of a thinking model trains reasoning (traces, or solutions as reasoning) through
    TRL's training template, says which config in its header, and the Qwen3 GRPO recipe rewards thinking."""
    import yaml

    for folder in ("deepseek-r1-distill-qwen-7b", "qwen3-4b"):
        for path in sorted((REPO / "recipes" / folder).glob("sft*.yaml")):
            text = path.read_text()
            cfg = yaml.safe_load(text)
            header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
            assert cfg["assistant_only_loss"] is True, path
            assert cfg["dataset_config"] in ("sft_traces", "sft"), path
            assert cfg["dataset_config"] == "sft_traces" or cfg.get("solution_as_reasoning") is True, path
            assert f"`{cfg['dataset_config']}`" in header, path
    grpo = yaml.safe_load((REPO / "recipes/qwen3-4b/grpo_qlora.yaml").read_text())
    assert "think_format" in grpo["reward_funcs"]
    assert grpo["chat_template_kwargs"]["enable_thinking"] is True
