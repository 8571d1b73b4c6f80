"""Token streaming from a local `transformers` model, stoppable: shared by the Space and `qftdata serve`.

`generate` runs in a thread and feeds a `TextIteratorStreamer`; a stopping criterion ends it as soon as
the caller's event is set (the visitor pressed Stop, the HTTP client went away, the consumer stopped
iterating). The model comes as a `TransformersBackend`, so prompts are rendered with the same chat template,
padding and end-of-sequence ids as every other generation in the project.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["Piece", "stream_generate"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Piece:
    """A text delta; the last piece has `finish` ("stop", "length", "stopped" or "error") and the number of
    generated tokens."""

    text: str = ""
    finish: str | None = None
    tokens: int | None = None
    error: str = ""


def stream_generate(backend: Any, messages: list[dict[str, str]], stop: threading.Event, *,
                    temperature: float = 0.7, top_p: float = 1.0, max_new_tokens: int = 512) -> Iterator[Piece]:
    """Stream one completion of `messages` from `backend` (a `TransformersBackend`)."""
    import torch
    from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

    from qftdata.models import ChatRequest

    class _Stopped(StoppingCriteria):
        def __call__(self, input_ids, scores, **kwargs) -> torch.BoolTensor:
            return torch.full((input_ids.shape[0],), stop.is_set(), dtype=torch.bool, device=input_ids.device)

    tok, lm = backend.tokenizer, backend.lm
    enc = tok(backend.render(ChatRequest(messages)), return_tensors="pt", add_special_tokens=False)
    enc = {k: v.to(backend.device) for k, v in enc.items()}
    streamer = TextIteratorStreamer(tok, skip_prompt=True, skip_special_tokens=True, timeout=600)
    kwargs: dict[str, Any] = dict(**enc, streamer=streamer, max_new_tokens=max_new_tokens,
                                  stopping_criteria=StoppingCriteriaList([_Stopped()]),
                                  pad_token_id=tok.pad_token_id, eos_token_id=sorted(backend.eos_ids) or None)
    if temperature > 0:
        kwargs.update(do_sample=True, temperature=temperature, top_p=top_p, top_k=0)
    else:
        kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            with torch.inference_mode():
                result["ids"] = lm.generate(**kwargs)
        except Exception as exc:  # reported to the caller; the streamer must still end
            logger.exception("generation failed")
            result["error"] = f"{type(exc).__name__}: {exc}"
            streamer.end()

    worker = threading.Thread(target=work, daemon=True, name="stream-generate")
    worker.start()
    completed = False
    try:
        for text in streamer:
            if text:
                yield Piece(text)
        completed = True
    finally:
        if not completed:  # the consumer went away: end `generate` too
            stop.set()
        worker.join()
    if "error" in result:
        yield Piece(finish="error", error=result["error"])
        return
    new = result["ids"][0, enc["input_ids"].shape[1]:].tolist()
    ended = next((i for i, t in enumerate(new) if t in backend.eos_ids), None)
    if ended is not None:
        yield Piece(finish="stop", tokens=ended + 1)
    elif stop.is_set():
        yield Piece(finish="stopped", tokens=len(new))
    else:
        yield Piece(finish="length" if len(new) >= max_new_tokens else "stop", tokens=len(new))
