"""Build a tiny random chat model offline: a 2-layer Qwen2 with a BPE tokenizer trained on the fly.

Model weights cannot be downloaded in tests, CI or an offline Space, yet every sampling, training and
evaluation path must run on a real `transformers` model with a real chat template. This module makes one
in about a second. It is random: its completions are noise, which is what the plumbing tests want.

>>> path = build_tiny_model("/tmp/tiny-qwen2")       # doctest: +SKIP
>>> AutoModelForCausalLM.from_pretrained(path)       # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

# ChatML, as Qwen2 uses; `add_generation_prompt` opens the assistant turn.
CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<think>", "</think>"]

_CORPUS = [
    r"The cross section is \boxed{\frac{e^4}{12\pi s}} in natural units.",
    r"Using the metric (+,-,-,-) and \lambda \phi^4 theory, M = -\lambda, so \sigma = \lambda^2/(32 \pi s).",
    r"The width \Gamma = \frac{g^2 m_H}{8\pi} (1 - 4 m^2/m_H^2)^{3/2}. Final answer: \boxed{0}",
    "Let me think step by step. Wait, let me re-check the sign. Therefore the answer is 42.",
    r"\beta_0 = \frac{11}{3} C_A - \frac{4}{3} T_F n_f, with C_F = \frac{N^2-1}{2N}.",
    "system user assistant: Solve the problem and put the final answer in \\boxed{}.",
    "0 1 2 3 4 5 6 7 8 9 + - * / ^ ( ) [ ] { } = , . ; : a b c d e f g h i j k l m n o p q r s t u v w x y z",
    "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z _ \\ $ ' \" ! ? < > | # % &",
]


def build_tiny_tokenizer(vocab_size: int = 512, *, chat_template: str = CHAT_TEMPLATE,
                         special_tokens: tuple[str, ...] | list[str] = SPECIAL_TOKENS,
                         added_tokens: tuple[str, ...] = (), eos_token: str = "<|im_end|>",
                         pad_token: str = "<|endoftext|>", bos_token: str | None = None):
    """A byte-level BPE `PreTrainedTokenizerFast` with the given specials and chat template (ChatML by default).

    `added_tokens` are whole, non-special tokens, as `<think>`/`</think>` are in the Qwen and R1-Distill
    vocabularies: they survive `decode(skip_special_tokens=True)`, which is how TRL decodes completions.
    Other templates (e.g. the DeepSeek-R1-Distill or Qwen3 text TRL ships) can be tested on this tokenizer
    by passing their specials and template."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE(unk_token=None))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=list(special_tokens),
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(_CORPUS * 4, trainer=trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token=eos_token, pad_token=pad_token,
                                   bos_token=bos_token, unk_token=None)
    if added_tokens:
        fast.add_tokens(list(added_tokens), special_tokens=False)
    fast.chat_template = chat_template
    return fast


def build_tiny_model(out_dir: str | Path, seed: int = 0, vocab_size: int = 512, hidden_size: int = 64,
                     num_layers: int = 2, tokenizer=None) -> Path:
    """Write a random tiny Qwen2 causal LM + tokenizer to `out_dir` and return the path (`tokenizer`: one
    from `build_tiny_tokenizer`, ChatML by default)."""
    import torch
    from transformers import GenerationConfig, Qwen2Config, Qwen2ForCausalLM

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tokenizer = tokenizer if tokenizer is not None else build_tiny_tokenizer(vocab_size)
    torch.manual_seed(seed)
    config = Qwen2Config(
        vocab_size=len(tokenizer), hidden_size=hidden_size, intermediate_size=2 * hidden_size,
        num_hidden_layers=num_layers, num_attention_heads=4, num_key_value_heads=2,
        max_position_embeddings=2048, tie_word_embeddings=True,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    model = Qwen2ForCausalLM(config)
    model.generation_config = GenerationConfig(
        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id, do_sample=True,
        temperature=1.0, top_p=1.0, max_new_tokens=32)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out
