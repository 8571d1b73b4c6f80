"""Local generation with `transformers`: batched, left-padded, chat template applied, seeded sampling.

This is the backend tests use (on the tiny random model) and the CPU fallback when no GPU or server is
around. Throughput is far below vLLM; use it for smoke runs and small evaluations.
"""

from __future__ import annotations

from typing import Any

from qftdata.models import ChatRequest, Completion, SamplingParams, Usage


def _pick_device(device: str) -> str:
    import torch

    if device != "auto":
        try:  # checked before the model loads: a typo or a missing GPU is one line, not a late traceback
            kind = torch.device(device).type
        except RuntimeError:
            raise ValueError(f"--device {device!r}: not a torch device; use auto, cpu, cuda, cuda:N or mps") from None
        if kind == "cuda" and not torch.cuda.is_available():
            raise ValueError(f"--device {device!r}: no CUDA device here; use cpu or auto")
        return device
    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


class TransformersBackend:
    """`AutoModelForCausalLM.generate` over batches of chat requests.

    `batch_size` counts prompts; each prompt expands to `n` sequences, so memory scales with
    `batch_size * n`. With `chat_template=False` (or a tokenizer without one) messages are joined as
    "role: content" lines, which is only meant for base models in smoke tests.
    """

    name = "transformers"

    def __init__(self, model: str, *, device: str = "auto", dtype: str = "auto", batch_size: int = 8,
                 chat_template: bool = True, trust_remote_code: bool = False, **unused: Any):
        if unused:
            raise TypeError(f"transformers backend: unknown option(s) {sorted(unused)}")
        from qftdata.models import check_model

        check_model(model)  # a missing path: one clear line, not a Hub repo-id error from from_pretrained
        import torch

        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.device = _pick_device(device)
        from transformers import AutoModelForCausalLM, AutoTokenizer

        from qftdata.models.local import resolve_model

        self.model = model
        if dtype == "auto":
            torch_dtype = torch.bfloat16 if self.device == "cuda" else torch.float32
        else:
            torch_dtype = getattr(torch, dtype)
        path = resolve_model(model)  # a local alias -> its converted folder; `self.model` keeps the name
        self.tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=trust_remote_code)
        self.tokenizer.padding_side = "left"
        if self.tokenizer.pad_token_id is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.lm = AutoModelForCausalLM.from_pretrained(path, dtype=torch_dtype,
                                                       trust_remote_code=trust_remote_code)
        self.lm.to(self.device).eval()  # trusted: torch inference mode, not Python eval
        self.batch_size = batch_size
        self.use_chat_template = chat_template and bool(getattr(self.tokenizer, "chat_template", None))
        eos = self.lm.generation_config.eos_token_id
        if eos is None:
            eos = self.tokenizer.eos_token_id
        self.eos_ids = set(eos if isinstance(eos, list) else [eos]) - {None}
        self.usage = Usage()

    def render(self, request: ChatRequest) -> str:
        """The prompt string the model sees (chat template with the assistant turn opened)."""
        messages = [dict(m) for m in request.messages]
        if self.use_chat_template:
            return self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        return "".join(f"{m['role']}: {m['content']}\n" for m in messages) + "assistant: "

    def generate(self, requests: list[ChatRequest], params: SamplingParams) -> list[list[Completion]]:
        import torch

        results: list[list[Completion]] = []
        for start in range(0, len(requests), self.batch_size):
            batch = requests[start:start + self.batch_size]
            # One seed per batch, derived from the call's seed: reruns of a call reproduce it.
            torch.manual_seed(params.seed + start)
            results.extend(self._generate_batch(batch, params))
        return results

    def _generate_batch(self, batch: list[ChatRequest], params: SamplingParams) -> list[list[Completion]]:
        import torch

        texts = [self.render(r) for r in batch]
        enc = self.tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False)
        enc = {k: v.to(self.device) for k, v in enc.items()}
        prompt_lens = enc["attention_mask"].sum(dim=1).tolist()
        greedy = params.temperature == 0
        kwargs: dict[str, Any] = dict(max_new_tokens=params.max_new_tokens,
                                      pad_token_id=self.tokenizer.pad_token_id,
                                      eos_token_id=sorted(self.eos_ids) or None)
        if greedy:  # greedy decoding is deterministic: decode once, repeat n times
            kwargs.update(do_sample=False, num_return_sequences=1, temperature=None, top_p=None, top_k=None)
        else:
            kwargs.update(do_sample=True, temperature=params.temperature, top_p=params.top_p, top_k=0,
                          num_return_sequences=params.n)
        with torch.inference_mode():
            out = self.lm.generate(**enc, **kwargs)
        new = out[:, enc["input_ids"].shape[1]:].tolist()
        per = 1 if greedy else params.n
        results: list[list[Completion]] = []
        for i, prompt_len in enumerate(prompt_lens):
            comps = [self._completion(new[i * per + j], int(prompt_len)) for j in range(per)]
            if greedy:
                comps = comps * params.n
            self.usage.add(comps)
            results.append(comps)
        return results

    def _completion(self, ids: list[int], prompt_len: int) -> Completion:
        stop = next((i for i, t in enumerate(ids) if t in self.eos_ids), None)
        used = ids if stop is None else ids[:stop]
        text = self.tokenizer.decode(used, skip_special_tokens=True)
        n_tokens = len(ids) if stop is None else stop + 1
        return Completion(text=text, finish_reason="length" if stop is None else "stop",
                          prompt_tokens=prompt_len, completion_tokens=n_tokens)

    def close(self) -> None:
        self.lm = None
