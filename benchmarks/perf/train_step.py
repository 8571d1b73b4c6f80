"""GRPO step cost of a 7B QLoRA run on one GPU: peak memory, step time, generation / training / reward split.

The model has the Qwen2-7B architecture (the base of DeepSeek-R1-Distill-Qwen-7B) with random weights, so
nothing is downloaded: each decoder Linear is created in bf16 and immediately replaced by an NF4
`bnb.nn.Linear4bit`, then LoRA (r=16, all projections) is attached by TRL from a `LoraConfig`. Prompts
and completions have fixed lengths (min_new_tokens = max_new_tokens), so the figures are repeatable.

    python benchmarks/perf/train_step.py                     # needs CUDA; prints a table
    python benchmarks/perf/train_step.py --arch tiny --allow-cpu --steps 1   # code-path check on CPU

Without CUDA (and without --allow-cpu) it prints why and exits 0. Sized for < 8 minutes on one H100.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass

ARCHS = {
    # Qwen2-7B / DeepSeek-R1-Distill-Qwen-7B shapes.
    "qwen2-7b": dict(hidden_size=3584, intermediate_size=18944, num_hidden_layers=28, num_attention_heads=28,
                     num_key_value_heads=4, vocab_size=152064, tie_word_embeddings=False),
    "tiny": dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
                 num_key_value_heads=2, vocab_size=1024, tie_word_embeddings=False),
}


@dataclass
class Timers:
    generation_and_scoring: float = 0.0
    reward: float = 0.0
    steps: list[float] | None = None


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


def build_quantized_model(arch: str, device: str):
    """Random-weight causal LM whose decoder Linears are NF4 4-bit, built layer by layer to bound memory."""
    import bitsandbytes as bnb
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    dtype = torch.bfloat16 if device == "cuda" else torch.float32
    config = Qwen2Config(**ARCHS[arch], max_position_embeddings=4096)
    torch.manual_seed(0)
    with torch.device(device):
        model = Qwen2ForCausalLM(config).to(dtype)
    for layer in model.model.layers:
        for parent in (layer.self_attn, layer.mlp):
            for name, child in list(parent.named_children()):
                if not isinstance(child, torch.nn.Linear):
                    continue
                q = bnb.nn.Linear4bit(child.in_features, child.out_features, bias=child.bias is not None,
                                      compute_dtype=dtype, quant_type="nf4", device="cpu")
                q.weight = bnb.nn.Params4bit(child.weight.data.to("cpu"), requires_grad=False, quant_type="nf4")
                if child.bias is not None:
                    q.bias = torch.nn.Parameter(child.bias.data.to("cpu"), requires_grad=False)
                setattr(parent, name, q.to(device))
                del child
        if device == "cuda":
            torch.cuda.empty_cache()
    model.config.quantization_config = {"load_in_4bit": True, "bnb_4bit_quant_type": "nf4"}
    model.is_loaded_in_4bit = True
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--arch", choices=list(ARCHS), default="qwen2-7b")
    parser.add_argument("--steps", type=int, default=4, help="GRPO optimizer steps (the first is warm-up)")
    parser.add_argument("--prompt-length", type=int, default=512)
    parser.add_argument("--completion-length", type=int, default=1024)
    parser.add_argument("--num-generations", type=int, default=8)
    parser.add_argument("--per-device-batch", type=int, default=4)
    parser.add_argument("--grad-accum", type=int, default=4)
    parser.add_argument("--lora-r", type=int, default=16)
    parser.add_argument("--allow-cpu", action="store_true", help="run on CPU (use with --arch tiny)")
    parser.add_argument("--json", help="also write the results to this JSON file")
    args = parser.parse_args(argv)

    import torch

    if not torch.cuda.is_available() and not args.allow_cpu:
        print("train_step benchmark: no CUDA device here; skipped (run it on a GPU machine).")
        return 0
    device = "cuda" if torch.cuda.is_available() else "cpu"

    from datasets import Dataset
    from peft import LoraConfig
    from transformers import TrainerCallback
    from trl import GRPOConfig, GRPOTrainer

    from qftdata.rewards import accuracy_reward

    timers = Timers(steps=[])
    tokenizer = build_tokenizer(ARCHS[args.arch]["vocab_size"])
    t0 = time.perf_counter()
    model = build_quantized_model(args.arch, device)
    build_s = time.perf_counter() - t0

    prompt_text = " ".join(f"t{(7 * i) % 1000}" for i in range(args.prompt_length - 1))
    rows = [{"prompt": [{"role": "user", "content": prompt_text}], "answer": "\\frac{e^{4}}{12 \\pi s}",
             "symbols": ["e", "s"], "answer_type": "expression"} for _ in range(64)]

    def timed_reward(completions, **kwargs):
        start = time.perf_counter()
        out = accuracy_reward(completions, **kwargs)
        timers.reward += time.perf_counter() - start
        return out

    timed_reward.__name__ = "accuracy"

    class StepTimer(TrainerCallback):
        def on_step_begin(self, *_, **__):
            self.start = time.perf_counter()

        def on_step_end(self, *_, **__):
            if device == "cuda":
                torch.cuda.synchronize()
            timers.steps.append(time.perf_counter() - self.start)

    class TimedGRPOTrainer(GRPOTrainer):
        def _generate_and_score_completions(self, inputs):
            start = time.perf_counter()
            out = super()._generate_and_score_completions(inputs)
            timers.generation_and_scoring += time.perf_counter() - start
            return out

    config = GRPOConfig(
        output_dir="/tmp/qftdata-train-step", max_steps=args.steps, per_device_train_batch_size=args.per_device_batch,
        gradient_accumulation_steps=args.grad_accum, num_generations=args.num_generations,
        max_completion_length=args.completion_length,
        generation_kwargs={"min_new_tokens": args.completion_length},
        learning_rate=1e-5, beta=0.0, bf16=device == "cuda", use_cpu=device == "cpu",
        gradient_checkpointing=True, gradient_checkpointing_kwargs={"use_reentrant": False},
        logging_steps=1, save_strategy="no", report_to="none", seed=0)
    peft_config = LoraConfig(r=args.lora_r, lora_alpha=2 * args.lora_r, task_type="CAUSAL_LM",
                             target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj",
                                             "down_proj"])
    trainer = TimedGRPOTrainer(model=model, reward_funcs=[timed_reward], args=config,
                               train_dataset=Dataset.from_list(rows), processing_class=tokenizer,
                               peft_config=peft_config, callbacks=[StepTimer()])
    if device == "cuda":
        torch.cuda.reset_peak_memory_stats()
    t0 = time.perf_counter()
    trainer.train()
    total_s = time.perf_counter() - t0

    steps = timers.steps or [float("nan")]
    steady = steps[1:] or steps
    completions = args.steps * args.per_device_batch * args.grad_accum
    results = {
        "device": torch.cuda.get_device_name() if device == "cuda" else "cpu",
        "arch": args.arch,
        "model_build_s": round(build_s, 1),
        "peak_gpu_memory_gib": round(torch.cuda.max_memory_allocated() / 2**30, 2) if device == "cuda" else None,
        "steps": args.steps,
        "step_time_s_mean_after_first": round(sum(steady) / len(steady), 2),
        "generation_and_scoring_s": round(timers.generation_and_scoring, 2),
        "reward_s": round(timers.reward, 3),
        "generation_s": round(timers.generation_and_scoring - timers.reward, 2),
        "training_s": round(total_s - timers.generation_and_scoring, 2),
        "total_s": round(total_s, 1),
        "completions": completions,
        "completion_tokens_per_s": round(completions * args.completion_length
                                         / max(timers.generation_and_scoring - timers.reward, 1e-9), 1),
        "shape": {"prompt": args.prompt_length, "completion": args.completion_length,
                  "num_generations": args.num_generations, "per_device_batch": args.per_device_batch,
                  "grad_accum": args.grad_accum, "lora_r": args.lora_r},
    }
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
