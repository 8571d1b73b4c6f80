"""Model backends: transformers on the tiny random model, openai against a real local HTTP server
(`qftdata.serve`, scripted or backed by the tiny model), and the vllm "not installed" path."""

from __future__ import annotations

import importlib.util
import json

import pytest
from openai_server import openai_server_fixture  # noqa: F401 - fixture

from qftdata.models import BackendUnavailable, ChatRequest, Completion, SamplingParams, get_backend

REQS = [ChatRequest([{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is 1+1?"}]),
        ChatRequest([{"role": "user", "content": "A much longer question about the phi^4 cross section?"}])]


@pytest.mark.parametrize("kwargs", [dict(n=0), dict(temperature=-1), dict(top_p=0), dict(top_p=1.5),
                                    dict(max_new_tokens=0)])
def test_sampling_params_reject_bad_values(kwargs):
    with pytest.raises(ValueError):
        SamplingParams(**kwargs)


def test_chat_request_system_prompt():
    req = REQS[0].with_system("New system.")
    assert req.messages[0] == {"role": "system", "content": "New system."}
    assert [m["role"] for m in req.messages] == ["system", "user"]
    assert REQS[1].with_system("S").messages[0]["content"] == "S"
    assert REQS[0].with_system(None) is REQS[0]


def test_unknown_backend_and_option():
    with pytest.raises(ValueError, match="unknown backend"):
        get_backend("nope", "m")
    with pytest.raises(TypeError, match="unknown option"):
        get_backend("openai", "m", base_url="http://127.0.0.1:9/v1", bogus=1)


@pytest.mark.skipif(importlib.util.find_spec("vllm") is not None, reason="vllm is installed")
def test_vllm_missing_gives_install_hint():
    with pytest.raises(BackendUnavailable, match="pip install vllm"):
        get_backend("vllm", "some/model")


# ---- transformers --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tiny_backend(tiny_model_path):
    return get_backend("transformers", tiny_model_path, device="cpu", batch_size=2)


def _check(out: list[list[Completion]], n_req: int, n: int, max_new: int) -> None:
    assert len(out) == n_req and all(len(c) == n for c in out)
    for comps in out:
        for c in comps:
            assert c.finish_reason in ("stop", "length")
            assert 1 <= c.completion_tokens <= max_new
            assert c.prompt_tokens > 0
            assert isinstance(c.text, str)
            if c.finish_reason == "length":
                assert c.completion_tokens == max_new


def test_transformers_sampling_shapes_and_seed(tiny_backend):
    params = SamplingParams(n=3, temperature=1.0, max_new_tokens=8, seed=1)
    before = tiny_backend.usage.requests
    out1 = tiny_backend.generate(REQS, params)
    _check(out1, 2, 3, 8)
    assert tiny_backend.usage.requests == before + 2
    out2 = tiny_backend.generate(REQS, params)
    assert [[c.text for c in cs] for cs in out1] == [[c.text for c in cs] for cs in out2]  # seeded
    # the chat template was applied: the prompt is longer than the raw user text
    assert out1[0][0].prompt_tokens > len(tiny_backend.tokenizer("What is 1+1?")["input_ids"])
    assert "<|im_start|>assistant" in tiny_backend.render(REQS[0])


def test_transformers_left_padding_matches_unbatched(tiny_backend):
    params = SamplingParams(n=2, temperature=0.0, max_new_tokens=6)
    batched = tiny_backend.generate(REQS, params)
    assert batched[0][0] == batched[0][1]  # greedy: n identical copies
    alone = [tiny_backend.generate([r], params)[0] for r in REQS]
    assert [c[0].text for c in batched] == [c[0].text for c in alone]
    assert [c[0].prompt_tokens for c in batched] == [c[0].prompt_tokens for c in alone]


# ---- openai against a real local server ----------------------------------------------------------
def _openai(server, **kw):
    return get_backend("openai", server.model_name, base_url=server.url, backoff_base=0.01, **kw)


def test_serve_endpoints(openai_server):
    import httpx

    server = openai_server({"rules": [], "default": ["hi there"]}, model_name="m1")
    assert httpx.get(server.url + "/models").json()["data"][0]["id"] == "m1"
    assert httpx.get(server.url + "/nope").status_code == 404
    assert httpx.post(server.url + "/chat/completions", content=b"{not json").status_code == 400
    body = {"model": "m1", "messages": [{"role": "user", "content": "a b c"}], "n": 2, "max_tokens": 1}
    r = httpx.post(server.url + "/chat/completions", json=body).json()
    assert [c["finish_reason"] for c in r["choices"]] == ["length", "length"]
    assert r["choices"][0]["message"]["content"] == "hi"
    assert r["usage"] == {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}


def test_openai_n_choices_usage_and_finish_reason(openai_server):
    server = openai_server({"What is": ["one two three", "\\boxed{2}"], "longer": "x " * 20})
    backend = _openai(server)
    out = backend.generate(REQS, SamplingParams(n=3, max_new_tokens=10))
    assert [c.text for c in out[0]] == ["one two three", "\\boxed{2}", "one two three"]
    assert {c.finish_reason for c in out[0]} == {"stop"}
    assert [c.finish_reason for c in out[1]] == ["length"] * 3
    assert sum(c.completion_tokens for c in out[0]) == 7  # split of the usage total stays exact
    assert backend.usage.requests == 2
    assert backend.usage.completion_tokens == 7 + 30
    assert backend.usage.prompt_tokens == out[0][0].prompt_tokens + out[1][0].prompt_tokens
    sent = server.requests_seen[0]
    assert sent["n"] == 3 and sent["max_tokens"] == 10 and "seed" in sent


def test_openai_fewer_choices_than_asked_are_topped_up(openai_server):
    server = openai_server({"rules": [], "default": ["a", "b", "c"]})
    backend = _openai(server, n_per_request=2)
    out = backend.generate(REQS[:1], SamplingParams(n=5))
    assert [c.text for c in out[0]] == ["a", "b", "c", "a", "b"]
    assert [r["n"] for r in server.requests_seen] == [2, 2, 1]


def test_openai_retries_on_5xx_then_succeeds(openai_server):
    server = openai_server({"rules": [], "default": ["ok"], "fail_first": 2, "fail_status": 503})
    backend = _openai(server, max_retries=3)
    out = backend.generate(REQS[:1], SamplingParams(n=1))
    assert out[0][0].text == "ok"
    assert backend.usage.retries == 2 and len(server.requests_seen) == 3


def test_openai_retries_429_and_gives_up(openai_server):
    import openai

    server = openai_server({"rules": [], "default": ["ok"], "fail_first": 10, "fail_status": 429})
    backend = _openai(server, max_retries=2)
    with pytest.raises(openai.RateLimitError):
        backend.generate(REQS[:1], SamplingParams(n=1))
    assert len(server.requests_seen) == 3


def test_openai_does_not_retry_4xx(openai_server):
    import openai

    server = openai_server({"only this": "x"})  # no rule matches, no default: 400
    backend = _openai(server, max_retries=3)
    with pytest.raises(openai.BadRequestError):
        backend.generate(REQS[:1], SamplingParams(n=1))
    assert len(server.requests_seen) == 1


def test_openai_timeout_is_retried(openai_server):
    import openai

    server = openai_server({"rules": [], "default": ["slow"], "delay": 1.0})
    backend = _openai(server, timeout=0.2, max_retries=1)
    with pytest.raises(openai.APITimeoutError):
        backend.generate(REQS[:1], SamplingParams(n=1))
    assert backend.usage.retries == 1


def test_openai_concurrency_limit(openai_server):
    server = openai_server({"rules": [], "default": ["x"], "delay": 0.15})
    backend = _openai(server, concurrency=2)
    out = backend.generate([REQS[0]] * 6, SamplingParams(n=1))
    assert len(out) == 6
    assert server.max_in_flight == 2


def test_openai_backend_against_tiny_model_server(openai_server, tiny_model_path):
    from qftdata.serve import ModelResponder

    server = openai_server(ModelResponder(tiny_model_path, device="cpu"), model_name="tiny")
    backend = _openai(server)
    out = backend.generate(REQS, SamplingParams(n=2, max_new_tokens=6, seed=3))
    _check(out, 2, 2, 6)
    assert backend.usage.completion_tokens == sum(c.completion_tokens for cs in out for c in cs)


def test_scripted_responder_forms(tmp_path):
    from qftdata.serve import ScriptedResponder

    path = tmp_path / "s.json"
    path.write_text(json.dumps(["first", "second"]))
    r = ScriptedResponder(path)
    body = {"messages": [{"role": "user", "content": "anything"}], "n": 3}
    assert [c["message"]["content"] for c in r.respond(body)["choices"]] == ["first", "second", "first"]
    r = ScriptedResponder({"p1": "one", "p10": "ten"})  # longest key wins
    assert r.respond({"messages": [{"role": "user", "content": "p10"}]})["choices"][0]["message"]["content"] == "ten"
    with pytest.raises(ValueError):
        ScriptedResponder({"rules": [{"nomatch": 1}]})


@pytest.mark.parametrize("total,texts,expected", [
    (10, ["aaaa", "a"], [8, 2]),
    (7, ["ab", "ab", "ab"], [3, 2, 2]),   # remainder to the largest fractional parts, sum exact
    (0, ["x"], [0]),
    (5, [], []),
])
def test_split_tokens_keeps_total(total, texts, expected):
    from qftdata.models.openai_backend import _split_tokens

    assert _split_tokens(total, texts) == expected


FAKE_VLLM = '''
"""A stand-in with the shape of vLLM's documented offline API (LLM.chat / LLM.generate, SamplingParams,
RequestOutput.prompt_token_ids / .outputs, CompletionOutput.text / .token_ids / .finish_reason)."""
from types import SimpleNamespace

CALLS = []


class SamplingParams:
    def __init__(self, n=1, temperature=1.0, top_p=1.0, max_tokens=16, seed=None):
        self.n, self.temperature, self.top_p, self.max_tokens, self.seed = n, temperature, top_p, max_tokens, seed


class LLM:
    def __init__(self, model, **kwargs):
        CALLS.append(("init", model, kwargs))

    def _outputs(self, prompts, sp):
        return [SimpleNamespace(prompt_token_ids=list(range(3 + i)), outputs=[
            SimpleNamespace(text=f"p{i}s{j}", token_ids=[1] * (j + 1),
                            finish_reason="length" if j + 1 >= sp.max_tokens else "stop")
            for j in range(sp.n)]) for i, _ in enumerate(prompts)]

    def chat(self, messages, sampling_params=None, use_tqdm=True):
        CALLS.append(("chat", messages, sampling_params))
        return self._outputs(messages, sampling_params)

    def generate(self, prompts, sampling_params=None, use_tqdm=True):
        CALLS.append(("generate", prompts, sampling_params))
        return self._outputs(prompts, sampling_params)
'''


def test_vllm_backend_maps_the_documented_api(tmp_path, monkeypatch):
    """vLLM is not installed here: check the request/response mapping against a stand-in module."""
    import importlib.util as iu
    import sys

    (tmp_path / "vllm.py").write_text(FAKE_VLLM)
    spec = iu.spec_from_file_location("vllm", tmp_path / "vllm.py")
    fake = iu.module_from_spec(spec)
    spec.loader.exec_module(fake)
    monkeypatch.setitem(sys.modules, "vllm", fake)  # removed again after the test
    backend = get_backend("vllm", "org/model", seed=7, tensor_parallel_size=2, max_model_len=4096)
    out = backend.generate(REQS, SamplingParams(n=3, temperature=0.6, top_p=0.95, max_new_tokens=3, seed=5))
    assert [[c.text for c in cs] for cs in out] == [["p0s0", "p0s1", "p0s2"], ["p1s0", "p1s1", "p1s2"]]
    assert [c.finish_reason for c in out[0]] == ["stop", "stop", "length"]
    assert [c.completion_tokens for c in out[0]] == [1, 2, 3] and out[1][0].prompt_tokens == 4
    init, chat = fake.CALLS[0], fake.CALLS[1]
    assert init[1] == "org/model" and init[2]["tensor_parallel_size"] == 2 and init[2]["max_model_len"] == 4096
    assert chat[0] == "chat" and chat[1][0] == [dict(m) for m in REQS[0].messages]
    sp = chat[2]
    assert (sp.n, sp.temperature, sp.top_p, sp.max_tokens, sp.seed) == (3, 0.6, 0.95, 3, 5)
    assert backend.usage.requests == 2 and backend.usage.completion_tokens == 12
    plain = get_backend("vllm", "org/model", chat_template=False)
    plain.generate(REQS[:1], SamplingParams(n=1))
    assert fake.CALLS[-1][0] == "generate" and fake.CALLS[-1][1][0].endswith("assistant: ")
