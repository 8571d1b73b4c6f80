"""Any OpenAI-compatible chat endpoint (vLLM / SGLang / TGI servers, hosted APIs, `qftdata.serve`).

Requests run in a thread pool of `concurrency` workers; each retries with exponential backoff (plus
jitter, honouring `Retry-After`) on 429, 5xx, timeouts and connection errors, and fails on other 4xx.
Token usage is summed from the server's `usage` blocks. The server reports one `completion_tokens` total
per request, so with `n > 1` it is split over the choices in proportion to their text length (the sum
stays exact; a single choice is exact). A server that adds a per-choice `completion_tokens` field to each
choice (as `qftdata.serve` does) gets exact per-choice counts.
"""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from qftdata.models import BackendUnavailable, ChatRequest, Completion, SamplingParams, Usage

RETRY_STATUS = frozenset({408, 409, 429}) | frozenset(range(500, 600))


def _split_tokens(total: int, texts: list[str]) -> list[int]:
    """Split `total` over texts in proportion to their length, integers summing to `total`."""
    if not texts:
        return []
    weights = [max(len(t), 1) for t in texts]
    raw = [total * w / sum(weights) for w in weights]
    out = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)[: total - sum(out)]:
        out[i] += 1
    return out


class OpenAIBackend:
    name = "openai"

    def __init__(self, model: str, *, base_url: str | None = None, api_key: str | None = None,
                 concurrency: int = 8, timeout: float = 600.0, max_retries: int = 6,
                 backoff_base: float = 1.0, backoff_max: float = 60.0, n_per_request: int | None = None,
                 send_seed: bool = True, max_tokens_field: str = "max_tokens", **unused: Any):
        if unused:
            raise TypeError(f"openai backend: unknown option(s) {sorted(unused)}")
        try:
            import openai
        except ImportError as exc:
            raise BackendUnavailable("the openai backend needs `pip install openai`") from exc
        if concurrency < 1:
            raise ValueError(f"concurrency must be >= 1, got {concurrency}")
        if max_tokens_field not in ("max_tokens", "max_completion_tokens"):
            raise ValueError("max_tokens_field must be 'max_tokens' or 'max_completion_tokens'")
        self._openai = openai
        self.model = model
        # The client's own retries are off: ours are explicit, logged and counted.
        self.client = openai.OpenAI(base_url=base_url, api_key=api_key or "EMPTY", timeout=timeout,
                                    max_retries=0)
        self.concurrency = concurrency
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.n_per_request = n_per_request
        self.send_seed = send_seed
        self.max_tokens_field = max_tokens_field
        self.usage = Usage()
        self._lock = threading.Lock()

    # ---- public API -------------------------------------------------------------------------------
    def generate(self, requests: list[ChatRequest], params: SamplingParams) -> list[list[Completion]]:
        if not requests:
            return []
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(requests))) as pool:
            futures = [pool.submit(self._sample, r, params, i) for i, r in enumerate(requests)]
            return [f.result() for f in futures]

    def close(self) -> None:
        self.client.close()

    # ---- internals --------------------------------------------------------------------------------
    def _sample(self, request: ChatRequest, params: SamplingParams, index: int) -> list[Completion]:
        """`params.n` choices for one request; asks again when a server returns fewer than asked."""
        comps: list[Completion] = []
        attempt_seed = params.seed + index
        while len(comps) < params.n:
            want = params.n - len(comps)
            if self.n_per_request:
                want = min(want, self.n_per_request)
            got = self._call(request, params, want, attempt_seed)
            if not got:
                raise RuntimeError(f"openai backend: server returned no choices for model {self.model!r}")
            comps.extend(got)
            attempt_seed += 100_003  # a different seed for the follow-up request
        return comps[: params.n]

    def _call(self, request: ChatRequest, params: SamplingParams, n: int, seed: int) -> list[Completion]:
        kwargs: dict[str, Any] = dict(model=self.model, messages=[dict(m) for m in request.messages], n=n,
                                      temperature=params.temperature, top_p=params.top_p)
        kwargs[self.max_tokens_field] = params.max_new_tokens
        if self.send_seed:
            kwargs["seed"] = seed
        for attempt in range(self.max_retries + 1):
            try:
                resp = self.client.chat.completions.create(**kwargs)
                break
            except Exception as exc:  # noqa: BLE001 - classified just below
                delay = self._retry_delay(exc, attempt)
                if delay is None:
                    raise
                with self._lock:
                    self.usage.retries += 1
                time.sleep(delay)
        texts = [(c.message.content or "") for c in resp.choices]
        usage = resp.usage
        prompt_tokens = int(getattr(usage, "prompt_tokens", 0) or 0)
        completion_total = int(getattr(usage, "completion_tokens", 0) or 0)
        exact = [(c.model_extra or {}).get("completion_tokens") for c in resp.choices]
        if all(isinstance(x, int) for x in exact):  # per-choice counts (qftdata.serve sends them)
            counts = [int(x) for x in exact]
        else:
            counts = _split_tokens(completion_total, texts)
        comps = [Completion(text=t, finish_reason="length" if c.finish_reason == "length" else "stop",
                            prompt_tokens=prompt_tokens, completion_tokens=k)
                 for t, c, k in zip(texts, resp.choices, counts, strict=True)]
        # Some hosted APIs (e.g. OpenRouter) report the request's price in the usage block.
        cost = (getattr(usage, "model_extra", None) or {}).get("cost") if usage is not None else None
        with self._lock:
            self.usage.add(comps)
            if isinstance(cost, (int, float)):
                self.usage.extra["cost"] = self.usage.extra.get("cost", 0.0) + float(cost)
        return comps

    def _retry_delay(self, exc: Exception, attempt: int) -> float | None:
        """Seconds to wait before retrying `exc`, or None when it is not retryable / retries are spent."""
        oa = self._openai
        if attempt >= self.max_retries:
            return None
        retry_after = None
        if isinstance(exc, oa.APIStatusError):
            if exc.status_code not in RETRY_STATUS:
                return None
            try:
                retry_after = float(exc.response.headers.get("retry-after", ""))
            except (TypeError, ValueError):
                retry_after = None
        elif not isinstance(exc, (oa.APITimeoutError, oa.APIConnectionError)):
            return None
        delay = min(self.backoff_max, self.backoff_base * 2 ** attempt) * (0.5 + random.random() / 2)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.backoff_max))
        return delay


def check_server(base_url: str, api_key: str | None = None, timeout: float = 10.0) -> list[str]:
    """Model ids served at `base_url` (GET /v1/models); raises if the server is unreachable."""
    try:
        import openai
    except ImportError as exc:
        raise BackendUnavailable("the openai backend needs `pip install openai`") from exc
    client = openai.OpenAI(base_url=base_url, api_key=api_key or "EMPTY", timeout=timeout, max_retries=0)
    try:
        return [m.id for m in client.models.list()]
    finally:
        client.close()
