"""A disk cache in front of any sampling backend, so that LLM-backed pipelines are resumable and a re-run
costs nothing.

Each call is keyed by sha256 over (model, messages, sampling parameters) and stored as one JSON file
`DIR/<key[:2]>/<key>.json` (written to a temporary file and renamed, so an entry is there whole or not at
all). The base URL and API key are not part of the key: the same model asked the same thing at another
address gives a cache hit.

>>> llm = CachedLLM("gpt-x", cache_dir="out/.cache/llm", backend_factory=lambda: my_backend)  # doctest: +SKIP
>>> llm.ask([messages], SamplingParams(n=3, temperature=0.7), stage="solver")                # doctest: +SKIP
[[Completion(...), Completion(...), Completion(...)]]

Accounting: `stats[stage]` counts cache hits, live requests, prompt tokens (once per request) and
completion tokens of the live calls; `usage()` adds the backend's own totals (requests, retries) and any
`cost` the backend put in `Usage.extra`.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["CachedLLM", "StageUsage", "cache_key"]

Messages = Sequence[dict[str, str]]


def cache_key(model: str, messages: Messages, params: Any) -> str:
    """sha256 hex of the canonical JSON of (model, messages, sampling parameters)."""
    p = asdict(params) if hasattr(params, "__dataclass_fields__") else dict(params)
    payload = json.dumps({"model": model, "messages": [{"role": m["role"], "content": m["content"]}
                                                        for m in messages], "params": p},
                         sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class StageUsage:
    cache_hits: int = 0
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass
class CachedLLM:
    """`ask(list of message lists, params, stage)` -> completions, from the cache or the backend.

    `backend_factory` builds the backend lazily, on the first cache miss (a fully cached re-run never
    contacts the endpoint). For the `openai` backend requests go one per thread (`concurrency` threads), so
    each answer is cached the moment it arrives; other backends get the misses as one batch.
    """

    model: str
    cache_dir: str | Path
    backend_factory: Callable[[], Any]
    concurrency: int = 8
    stats: dict[str, StageUsage] = field(default_factory=dict)
    _backend: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # ---- cache files ------------------------------------------------------------------------------
    def _path(self, key: str) -> Path:
        return Path(self.cache_dir) / key[:2] / f"{key}.json"

    def _load(self, key: str) -> list[Any] | None:
        from qftdata.models import Completion

        path = self._path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            return [Completion(**c) for c in entry["completions"]]
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError):  # a damaged entry is a miss, rewritten below
            return None

    def _store(self, key: str, messages: Messages, params: Any, comps: list[Any]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        entry = {"key": key, "model": self.model, "messages": list(messages), "params": asdict(params),
                 "completions": [asdict(c) for c in comps]}
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(entry, fh, ensure_ascii=False, indent=1)
        os.replace(tmp, path)

    # ---- calls ------------------------------------------------------------------------------------
    @property
    def backend(self) -> Any:
        with self._lock:
            if self._backend is None:
                self._backend = self.backend_factory()
            return self._backend

    def _account(self, stage: str, comps: list[Any] | None, hit: bool) -> None:
        with self._lock:
            st = self.stats.setdefault(stage, StageUsage())
            if hit:
                st.cache_hits += 1
                return
            st.requests += 1
            if comps:
                st.prompt_tokens += comps[0].prompt_tokens
                st.completion_tokens += sum(c.completion_tokens for c in comps)

    def ask(self, conversations: Sequence[Messages], params: Any, stage: str = "llm",
            seeds: Sequence[int] | None = None) -> list[list[Any]]:
        """`params.n` completions per conversation, in order; cached answers are not asked again.

        `seeds` (one per conversation) replaces `params.seed`, so that two identical prompts of different
        jobs are different requests (and different cache entries)."""
        from qftdata.models import ChatRequest

        plist = [params.replace(seed=s) for s in seeds] if seeds is not None else [params] * len(conversations)
        if len(plist) != len(conversations):
            raise ValueError("ask: one seed per conversation")
        keys = [cache_key(self.model, msgs, p) for msgs, p in zip(conversations, plist, strict=True)]
        out: list[list[Any] | None] = [self._load(k) for k in keys]
        for got in out:
            if got is not None:
                self._account(stage, got, hit=True)
        missing = [i for i, got in enumerate(out) if got is None]
        if not missing:
            return out  # type: ignore[return-value]
        backend = self.backend

        def one(i: int) -> None:
            comps = backend.generate([ChatRequest(list(conversations[i]))], plist[i])[0]
            self._store(keys[i], conversations[i], plist[i], comps)
            self._account(stage, comps, hit=False)
            out[i] = comps

        if getattr(backend, "name", "") == "openai":
            with ThreadPoolExecutor(max_workers=max(1, min(self.concurrency, len(missing)))) as pool:
                list(pool.map(one, missing))
        else:  # local backends batch: one generate call per distinct parameter set
            groups: dict[Any, list[int]] = {}
            for i in missing:
                groups.setdefault(plist[i], []).append(i)
            for p, idx in groups.items():
                reqs = [ChatRequest(list(conversations[i])) for i in idx]
                for i, comps in zip(idx, backend.generate(reqs, p), strict=True):
                    self._store(keys[i], conversations[i], p, comps)
                    self._account(stage, comps, hit=False)
                    out[i] = comps
        return out  # type: ignore[return-value]

    def usage(self) -> dict[str, Any]:
        """Per-stage counts plus the backend's totals (requests, retries, cost where reported)."""
        stages = {k: v.as_dict() for k, v in sorted(self.stats.items())}
        total = StageUsage()
        for v in self.stats.values():
            for name in ("cache_hits", "requests", "prompt_tokens", "completion_tokens"):
                setattr(total, name, getattr(total, name) + getattr(v, name))
        out: dict[str, Any] = {"model": self.model, "stages": stages, **total.as_dict()}
        bu = getattr(self._backend, "usage", None)
        if bu is not None:
            out["backend_requests"] = bu.requests
            out["retries"] = bu.retries
            cost = (bu.extra or {}).get("cost")
            if isinstance(cost, (int, float)):
                out["cost"] = float(cost)
        return out

    def close(self) -> None:
        if self._backend is not None and hasattr(self._backend, "close"):
            self._backend.close()
