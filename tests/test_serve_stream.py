"""`qftdata serve` with `"stream": true`: server-sent chunks as the OpenAI API sends them, read by the real
`openai` client, from scripted answers and from a real transformers model (the tiny random one)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

from openai import OpenAI
from openai_server import running_server

ANSWER = "First we square the amplitude,  then integrate: \\boxed{\\frac{e^4}{12\\pi s}}\n"


def _client(server) -> OpenAI:
    return OpenAI(base_url=server.url, api_key="EMPTY", max_retries=0)


def test_scripted_answer_streams_in_pieces_with_finish_and_usage():
    with running_server({"rules": [{"match": "cross section", "responses": [ANSWER, "short"]}]}) as server:
        stream = _client(server).chat.completions.create(
            model="scripted", messages=[{"role": "user", "content": "the cross section"}], n=2, stream=True,
            stream_options={"include_usage": True})
        chunks = list(stream)
    texts: dict[int, str] = {0: "", 1: ""}
    finishes, roles = {}, set()
    for c in chunks:
        assert c.object == "chat.completion.chunk"
        for ch in c.choices:
            roles |= {ch.delta.role} if ch.delta.role else set()
            texts[ch.index] += ch.delta.content or ""
            if ch.finish_reason:
                finishes[ch.index] = ch.finish_reason
    assert texts == {0: ANSWER, 1: "short"}  # whitespace and newlines kept exactly
    assert finishes == {0: "stop", 1: "stop"} and roles == {"assistant"}
    assert sum(1 for c in chunks for ch in c.choices if ch.delta.content) > 5  # pieces, not one blob
    usage = chunks[-1].usage
    assert not chunks[-1].choices and usage.completion_tokens == len(ANSWER.split()) + 1


def test_stream_cut_at_max_tokens_reports_length():
    with running_server([ANSWER]) as server:
        chunks = list(_client(server).chat.completions.create(
            model="scripted", messages=[{"role": "user", "content": "x"}], max_tokens=3, stream=True))
    text = "".join(ch.delta.content or "" for c in chunks for ch in c.choices)
    assert text.split() == ANSWER.split()[:3]
    assert [ch.finish_reason for c in chunks for ch in c.choices if ch.finish_reason] == ["length"]


def test_unmatched_request_is_a_400_before_streaming():
    with running_server({"p1": "one"}) as server:
        req = urllib.request.Request(server.url + "/chat/completions", method="POST",
                                     data=json.dumps({"messages": [{"role": "user", "content": "zz"}],
                                                      "stream": True}).encode())
        try:
            urllib.request.urlopen(req, timeout=10)
            raise AssertionError("expected HTTP 400")
        except urllib.error.HTTPError as exc:
            assert exc.code == 400 and "no scripted rule" in exc.read().decode()


def test_client_that_goes_away_stops_the_stream():
    slow = {"default": [" ".join(f"w{i}" for i in range(2000))], "stream_delay": 0.02}  # ~40 s in full
    with running_server(slow) as server:
        stream = _client(server).chat.completions.create(
            model="scripted", messages=[{"role": "user", "content": "x"}], stream=True)
        got = 0
        for chunk in stream:
            got += sum(1 for ch in chunk.choices if ch.delta.content)
            if got >= 5:
                break
        stream.close()
        deadline = time.monotonic() + 10
        while server.in_flight and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.in_flight == 0  # the handler noticed and stopped writing


def test_model_stream_equals_the_non_streamed_greedy_answer(tiny_model_path):
    from qftdata.serve import ModelResponder

    messages = [{"role": "user", "content": "Compute 1+1."}]
    with running_server(ModelResponder(tiny_model_path), model_name="tiny") as server:
        client = _client(server)
        whole = client.chat.completions.create(model="tiny", messages=messages, temperature=0, max_tokens=24)
        chunks = list(client.chat.completions.create(model="tiny", messages=messages, temperature=0, max_tokens=24,
                                                     stream=True, stream_options={"include_usage": True}))
    pieces = [ch.delta.content for c in chunks for ch in c.choices if ch.delta.content]
    assert "".join(pieces) == whole.choices[0].message.content and len(pieces) > 1
    assert [ch.finish_reason for c in chunks for ch in c.choices if ch.finish_reason] == [
        whole.choices[0].finish_reason]
    assert chunks[-1].usage.completion_tokens == whole.usage.completion_tokens
