"""Peak memory and step time of a training recipe, at the recipe's exact settings, on one GPU.

    python benchmarks/perf/train_step.py --recipe recipes/deepseek-r1-distill-qwen-7b/grpo_qlora.yaml
    python benchmarks/perf/train_step.py --recipe recipes/qwen3-4b/sft_qlora.yaml --weights real
    python benchmarks/perf/train_step.py --recipe recipes/tiny/grpo.yaml --allow-cpu --steps 1   # CPU check

The recipe YAML is parsed by the recipe's own parser (`recipes/grpo.py` or `recipes/sft.py`), so the batch
sizes, gradient accumulation (and with it TRL's generation batch, `per_device_train_batch_size x
num_processes x steps_per_generation`), number of generations, completion / sequence length, LoRA rank and
targets, 4-bit quantisation, gradient checkpointing, loss type and precision are the recipe's. Only the
run length (`--steps`), the output folder and logging are changed.

Weights: `--weights random` (default, nothing downloaded) builds the recipe model's architecture from its
known shapes (or from a local folder's config) with random weights, quantising each decoder Linear to the
recipe's 4-bit type as it is created; `--weights real` loads `model_name_or_path` as the recipe would (from
the Hub or a local path). Lengths are the worst case: prompts of `--prompt-length` tokens, every completion
forced to `max_completion_length` (GRPO), every sequence `max_length` tokens long (SFT), so the peak is
the one a long-reasoning batch reaches. Prints one table (and `--json`); without CUDA (and without
`--allow-cpu`) it says why and exits 0.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Shapes of the recipes' models (their config.json), so `--weights random` needs no download.
ARCHS: dict[str, tuple[str, dict]] = {
    "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B": ("qwen2", dict(
        hidden_size=3584, intermediate_size=18944, num_hidden_layers=28, num_attention_heads=28,
        num_key_value_heads=4, vocab_size=152064, tie_word_embeddings=False, max_position_embeddings=131072,
        rope_theta=10000.0, rms_norm_eps=1e-6)),
    "Qwen/Qwen3-4B": ("qwen3", dict(
        hidden_size=2560, intermediate_size=9728, num_hidden_layers=36, num_attention_heads=32,
        num_key_value_heads=8, head_dim=128, vocab_size=151936, tie_word_embeddings=True,
        max_position_embeddings=40960, rope_theta=1000000.0, rms_norm_eps=1e-6)),
    ".cache/tiny-qwen2": ("qwen2", dict(
        hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
        vocab_size=1024, tie_word_embeddings=True, max_position_embeddings=4096)),
}


def recipe_kind(recipe: Path) -> str:
    return "grpo" if "grpo" in recipe.name else "sft"


def parse_recipe(recipe: Path, steps: int, device: str, output_dir: str):
    """(script_args, training_args, model_args) of the recipe through its own parser; only run length,
    output, logging and (on CPU) device/precision are overridden."""
    sys.path.insert(0, str(REPO / "recipes"))
    try:
        module = __import__(recipe_kind(recipe))
    finally:
        sys.path.remove(str(REPO / "recipes"))
    argv = ["--config", str(recipe), "--output_dir", output_dir, "--max_steps", str(steps), "--logging_steps", "1",
            "--save_strategy", "no", "--report_to", "none", "--eval_strategy", "no"]
    if device == "cpu":
        argv += ["--use_cpu", "true", "--bf16", "false"]
    return module.make_parser().parse_args_and_config(argv)


def model_config(model_name_or_path: str):
    """The architecture config: a local folder's (or a model alias's) own, else the table above."""
    from transformers import AutoConfig, Qwen2Config, Qwen3Config

    from qftdata.models.local import is_alias, resolve_model

    if is_alias(model_name_or_path) or Path(model_name_or_path).is_dir():
        return AutoConfig.from_pretrained(resolve_model(model_name_or_path))
    if model_name_or_path not in ARCHS:
        raise SystemExit(f"train_step: no known shapes for {model_name_or_path!r}; add them to ARCHS or pass "
                         "--weights real on a machine that can load the model")
    family, shapes = ARCHS[model_name_or_path]
    return (Qwen2Config if family == "qwen2" else Qwen3Config)(**shapes)


def build_tokenizer(vocab_size: int):
    """A word-level tokenizer with the model's full vocabulary ("t0" .. "tN"), so any sampled id decodes."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {f"t{i}": i for i in range(vocab_size - 3)}
    vocab.update({"<unk>": vocab_size - 3, "<|im_end|>": vocab_size - 2, "<|endoftext|>": vocab_size - 1})
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="<unk>", eos_token="<|im_end|>",
                                   pad_token="<|endoftext|>")
    fast.chat_template = "{% for m in messages %}{{ m['content'] }} {% endfor %}"
    return fast


def build_random_model(config, model_args, device: str):
    """Random weights of `config`; with the recipe's `load_in_4bit`, each decoder Linear becomes a bnb
    `Linear4bit` of its quant type as it is built (layer by layer, so a 7B model never sits in bf16 whole)."""
    import torch
    from transformers import AutoModelForCausalLM

    dtype = torch.bfloat16 if device == "cuda" else torch.float32
    torch.manual_seed(0)
    with torch.device(device):
        model = AutoModelForCausalLM.from_config(config, dtype=dtype)
    if not model_args.load_in_4bit:
        return model
    import bitsandbytes as bnb

    for layer in model.model.layers:
        for parent in (layer.self_attn, layer.mlp):
            for name, child in list(parent.named_children()):
                if not isinstance(child, torch.nn.Linear):
                    continue
                q = bnb.nn.Linear4bit(child.in_features, child.out_features, bias=child.bias is not None,
                                      compute_dtype=dtype, quant_type=model_args.bnb_4bit_quant_type,
                                      compress_statistics=model_args.use_bnb_nested_quant, device="cpu")
                q.weight = bnb.nn.Params4bit(child.weight.data.to("cpu"), requires_grad=False,
                                             quant_type=model_args.bnb_4bit_quant_type,
                                             compress_statistics=model_args.use_bnb_nested_quant)
                if child.bias is not None:
                    q.bias = torch.nn.Parameter(child.bias.data.to("cpu"), requires_grad=False)
                setattr(parent, name, q.to(device))
                del child
        if device == "cuda":
            torch.cuda.empty_cache()
    model.config.quantization_config = {"load_in_4bit": True, "bnb_4bit_quant_type": model_args.bnb_4bit_quant_type}
    model.is_loaded_in_4bit = True
    return model


def _prompt(tokenizer, length: int) -> str:
    """A prompt of exactly `length` tokens of this tokenizer (repeating a short phrase, then trimming)."""
    ids = tokenizer("the amplitude of e+ e- to mu+ mu- at tree level in QED is", add_special_tokens=False)["input_ids"]
    ids = (ids * (length // max(len(ids), 1) + 1))[:length]
    return tokenizer.decode(ids)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recipe", type=Path, default=REPO / "recipes/deepseek-r1-distill-qwen-7b/grpo_qlora.yaml")
    parser.add_argument("--weights", choices=["random", "real"], default="random")
    parser.add_argument("--steps", type=int, default=3, help="optimizer steps (the first is warm-up)")
    parser.add_argument("--prompt-length", type=int, default=512, help="GRPO prompt tokens (qft-reason: ~250-600)")
    parser.add_argument("--allow-cpu", action="store_true", help="run on CPU (for the tiny recipe)")
    parser.add_argument("--json", help="also write the results to this JSON file")
    args = parser.parse_args(argv)

    import torch

    if not torch.cuda.is_available() and not args.allow_cpu:
        print("train_step benchmark: no CUDA device here; skipped (run it on a GPU machine).")
        return 0
    device = "cuda" if torch.cuda.is_available() else "cpu"
    with tempfile.TemporaryDirectory(prefix="qftdata-train-step-") as tmp:
        results = run(args, device, tmp)
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


def run(args: argparse.Namespace, device: str, output_dir: str) -> dict:
    import torch
    from datasets import Dataset
    from transformers import AutoTokenizer, TrainerCallback
    from trl import get_peft_config, get_quantization_config

    kind = recipe_kind(args.recipe)
    script_args, training_args, model_args = parse_recipe(args.recipe, args.steps, device, output_dir)
    t0 = time.perf_counter()
    if args.weights == "real":
        from qftdata.training import prepare_model

        model = prepare_model(model_args.model_name_or_path, script_args.tiny_model_if_missing)
        tokenizer = AutoTokenizer.from_pretrained(model)
        training_args.model_init_kwargs = {**(training_args.model_init_kwargs or {}), "dtype": model_args.dtype}
        quantization = get_quantization_config(model_args)
    else:
        config = model_config(model_args.model_name_or_path)
        model = build_random_model(config, model_args, device)
        tokenizer = build_tokenizer(config.vocab_size)
        quantization = None
    build_s = time.perf_counter() - t0

    step_times: list[float] = []

    class StepTimer(TrainerCallback):
        def on_step_begin(self, *_, **__):
            self.start = time.perf_counter()

        def on_step_end(self, *_, **__):
            if device == "cuda":
                torch.cuda.synchronize()
            step_times.append(time.perf_counter() - self.start)

    common = dict(args=training_args, processing_class=tokenizer, peft_config=get_peft_config(model_args),
                  callbacks=[StepTimer()])
    if quantization is not None:
        common["quantization_config"] = quantization
    n_rows = 4 * args.steps * training_args.per_device_train_batch_size * training_args.gradient_accumulation_steps
    if kind == "grpo":
        from trl import GRPOTrainer

        from qftdata.rewards import get_reward

        # every completion runs to max_completion_length: the worst-case KV cache and activations
        training_args.generation_kwargs = {**(training_args.generation_kwargs or {}),
                                           "min_new_tokens": training_args.max_completion_length}
        prompt = _prompt(tokenizer, args.prompt_length)
        rows = [{"prompt": [{"role": "user", "content": prompt}], "answer": "\\frac{e^{4}}{12 \\pi s}",
                 "symbols": ["e", "s"], "answer_type": "expression"}] * max(n_rows, 8)
        trainer = GRPOTrainer(model=model, reward_funcs=[get_reward(name) for name in script_args.reward_funcs],
                              train_dataset=Dataset.from_list(rows), **common)
        # completions per optimizer step: per_device_train_batch_size x num_processes x grad accum
        tokens_per_step = (training_args.per_device_train_batch_size * trainer.accelerator.num_processes
                           * training_args.gradient_accumulation_steps * training_args.max_completion_length)
    else:
        from trl import SFTTrainer

        length = training_args.max_length
        ids = tokenizer(_prompt(tokenizer, length), add_special_tokens=False)["input_ids"][:length]
        rows = [{"input_ids": ids}] * max(n_rows, 8)  # pre-tokenized: every sequence is max_length long
        trainer = SFTTrainer(model=model, train_dataset=Dataset.from_list(rows), **common)
        tokens_per_step = (length * training_args.per_device_train_batch_size
                           * training_args.gradient_accumulation_steps)
    if device == "cuda":
        torch.cuda.reset_peak_memory_stats()
    t0 = time.perf_counter()
    trainer.train()
    total_s = time.perf_counter() - t0
    steady = step_times[1:] or step_times or [float("nan")]
    return {
        "recipe": str(args.recipe),
        "model": model_args.model_name_or_path,
        "weights": args.weights,
        "device": torch.cuda.get_device_name() if device == "cuda" else "cpu",
        "peak_gpu_memory_gib": round(torch.cuda.max_memory_allocated() / 2**30, 2) if device == "cuda" else None,
        "peak_gpu_reserved_gib": round(torch.cuda.max_memory_reserved() / 2**30, 2) if device == "cuda" else None,
        "peak_rss_gib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2),
        "model_build_s": round(build_s, 1),
        "steps": len(step_times),
        "step_time_s_mean_after_first": round(sum(steady) / len(steady), 2),
        "total_s": round(total_s, 1),
        "tokens_per_step": tokens_per_step,
        "settings": {
            "per_device_train_batch_size": training_args.per_device_train_batch_size,
            "gradient_accumulation_steps": training_args.gradient_accumulation_steps,
            **({"generation_batch_size": training_args.generation_batch_size,
                "steps_per_generation": training_args.steps_per_generation,
                "num_generations": training_args.num_generations,
                "prompt_length": args.prompt_length,
                "max_completion_length": training_args.max_completion_length} if kind == "grpo"
               else {"max_length": training_args.max_length}),
            "load_in_4bit": model_args.load_in_4bit, "lora_r": model_args.lora_r if model_args.use_peft else None,
            "gradient_checkpointing": training_args.gradient_checkpointing,
            "bf16": training_args.bf16,
        },
    }


if __name__ == "__main__":
    sys.exit(main())
