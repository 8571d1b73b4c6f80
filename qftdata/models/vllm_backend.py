"""Offline batch generation with vLLM (`vllm.LLM.chat`), the fast path for sampling tens of thousands of
traces on a GPU. vLLM is optional: it is imported only here, and a missing install raises
`BackendUnavailable` with the command to fix it.

Written against vLLM's documented offline API: `LLM(model=..., seed=..., tensor_parallel_size=...,
dtype=..., max_model_len=..., gpu_memory_utilization=...)`, `LLM.chat(list_of_conversations,
sampling_params=SamplingParams(n, temperature, top_p, max_tokens, seed))` returning `RequestOutput`s whose
`.outputs` are `CompletionOutput`s (`text`, `token_ids`, `finish_reason` in {"stop", "length", ...}) and
whose `.prompt_token_ids` give the prompt length.
"""

from __future__ import annotations

from typing import Any

from qftdata.models import BackendUnavailable, ChatRequest, Completion, SamplingParams, Usage

INSTALL_HINT = "the vllm backend needs vLLM: `pip install vllm` (Linux + CUDA GPU)"


def _import_vllm():
    try:
        import vllm
    except ImportError as exc:  # ModuleNotFoundError or a broken CUDA install
        raise BackendUnavailable(f"{INSTALL_HINT} ({exc})") from exc
    return vllm


class VLLMBackend:
    name = "vllm"

    def __init__(self, model: str, *, dtype: str = "auto", tensor_parallel_size: int = 1,
                 max_model_len: int | None = None, gpu_memory_utilization: float = 0.9, seed: int = 0,
                 chat_template: bool = True, trust_remote_code: bool = False, **unused: Any):
        if unused:
            raise TypeError(f"vllm backend: unknown option(s) {sorted(unused)}")
        vllm = _import_vllm()
        self._vllm = vllm
        self.model = model
        kwargs: dict[str, Any] = dict(model=model, dtype=dtype, tensor_parallel_size=tensor_parallel_size,
                                      gpu_memory_utilization=gpu_memory_utilization, seed=seed,
                                      trust_remote_code=trust_remote_code)
        if max_model_len is not None:
            kwargs["max_model_len"] = max_model_len
        self.llm = vllm.LLM(**kwargs)
        self.use_chat_template = chat_template
        self.usage = Usage()

    def generate(self, requests: list[ChatRequest], params: SamplingParams) -> list[list[Completion]]:
        sp = self._vllm.SamplingParams(n=params.n, temperature=params.temperature, top_p=params.top_p,
                                       max_tokens=params.max_new_tokens, seed=params.seed)
        if self.use_chat_template:
            conversations = [[dict(m) for m in r.messages] for r in requests]
            outputs = self.llm.chat(conversations, sampling_params=sp, use_tqdm=False)
        else:
            prompts = ["".join(f"{m['role']}: {m['content']}\n" for m in r.messages) + "assistant: "
                       for r in requests]
            outputs = self.llm.generate(prompts, sampling_params=sp, use_tqdm=False)
        results: list[list[Completion]] = []
        for out in outputs:
            prompt_tokens = len(out.prompt_token_ids or [])
            comps = [Completion(text=o.text, finish_reason="length" if o.finish_reason == "length" else "stop",
                                prompt_tokens=prompt_tokens, completion_tokens=len(o.token_ids))
                     for o in out.outputs]
            self.usage.add(comps)
            results.append(comps)
        return results

    def close(self) -> None:
        self.llm = None
