"""A minimal OpenAI-compatible chat server: `GET /v1/models`, `POST /v1/chat/completions`.

Two ways to answer:

* `--model PATH`: a local `transformers` model (via `TransformersBackend`), e.g. to smoke-test the openai
  backend end to end, or to serve the tiny random model to a tool that only speaks HTTP;
* `--scripted FILE`: canned answers from a JSON file, for deterministic tests of everything that calls an
  LLM (sampling, grading, LLM-backed synthesis). Accepted forms:

  - a list of strings: answers served in turn (cycling) to every request;
  - a mapping `{"substring": answer-or-list, ...}`: a request whose messages contain the substring gets
    that rule's answers (longest matching key wins), cycling per rule;
  - the full form `{"rules": [{"match": "...", "responses": [...]}, ...], "default": [...],
    "fail_first": 0, "fail_status": 503, "delay": 0.0, "stream_delay": 0.0}`; `fail_first` makes the
    first N chat requests fail with `fail_status` (to exercise client retries), `delay` sleeps before each
    answer, `stream_delay` between the streamed words of an answer.

  Choice `i` of a request with `n` choices is the rule's next answer in turn, so a fresh server answers
  `n` choices of one request with answers 0..n-1. Token counts are whitespace words; an answer longer than
  `max_tokens` words is cut and reported with `finish_reason="length"`.

Besides the standard fields, each choice carries its own `completion_tokens` (an extension clients may
ignore; `OpenAIBackend` uses it for exact per-sample counts).

`"stream": true` is answered as the OpenAI API does: server-sent events (`data: {chat.completion.chunk}`,
chunked transfer encoding), a first chunk with the assistant role, content deltas (a model's decoded tokens;
a scripted answer's words, `stream_delay` seconds apart), a chunk with the finish reason per choice, a usage
chunk when `stream_options.include_usage` is set, then `data: [DONE]`. A client that disconnects ends the
generation.

Run `python -m qftdata.serve --scripted answers.json --port 8000` (port 0 picks a free one; the URL is
printed). Tests start it in a thread with `serve_in_background`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

__all__ = ["ModelResponder", "OpenAICompatServer", "ScriptedResponder", "main", "make_server",
           "serve_in_background"]


def _words(text: str) -> int:
    return len(text.split())


class ScriptedResponder:
    """Canned answers (see the module docstring for the accepted JSON forms)."""

    def __init__(self, spec: Any):
        if isinstance(spec, (str, Path)):
            try:
                spec = json.loads(Path(spec).read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{spec}: not valid JSON ({exc.msg}, line {exc.lineno}); see `python -m "
                                 "qftdata.serve --help` for the accepted forms") from exc
        self.fail_first = 0
        self.fail_status = 503
        self.delay = 0.0
        self.stream_delay = 0.0
        rules: list[tuple[str, list[str]]] = []
        default: list[str] = []
        if isinstance(spec, list):
            default = [str(s) for s in spec]
        elif isinstance(spec, dict) and ("rules" in spec or "default" in spec):
            for i, rule in enumerate(spec.get("rules", [])):
                if not isinstance(rule, dict) or "match" not in rule or "responses" not in rule:
                    raise ValueError(f"scripted rule {i}: expected {{'match': str, 'responses': [...]}}")
                rules.append((str(rule["match"]), self._as_list(rule["responses"])))
            default = self._as_list(spec["default"]) if spec.get("default") else []
            self.fail_first = int(spec.get("fail_first", 0))
            self.fail_status = int(spec.get("fail_status", 503))
            self.delay = float(spec.get("delay", 0.0))
            self.stream_delay = float(spec.get("stream_delay", 0.0))
        elif isinstance(spec, dict):
            rules = [(str(k), self._as_list(v)) for k, v in spec.items()]
        else:
            raise ValueError("scripted responses: expected a JSON list or object")
        # Longest key first, so "p1" never shadows "p10".
        self.rules = sorted(rules, key=lambda r: len(r[0]), reverse=True)
        self.default = default
        self._counters: dict[str, itertools.count] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _as_list(value: Any) -> list[str]:
        values = value if isinstance(value, list) else [value]
        if not values:
            raise ValueError("scripted responses: empty answer list")
        return [str(v) for v in values]

    def _answers_for(self, messages: list[dict[str, Any]]) -> tuple[str, list[str]]:
        text = "\n".join(str(m.get("content", "")) for m in messages)
        for key, answers in self.rules:
            if key in text:
                return key, answers
        if self.default:
            return "\0default", self.default
        raise LookupError("no scripted rule matches the request and there is no default")

    def respond(self, body: dict[str, Any]) -> dict[str, Any]:
        messages = body.get("messages") or []
        n = int(body.get("n") or 1)
        max_tokens = body.get("max_completion_tokens") or body.get("max_tokens")
        key, answers = self._answers_for(messages)
        with self._lock:
            counter = self._counters.setdefault(key, itertools.count())
            picks = [next(counter) for _ in range(n)]
        choices, completion_tokens = [], 0
        for i, pick in enumerate(picks):
            text, finish = answers[pick % len(answers)], "stop"
            if max_tokens is not None and _words(text) > int(max_tokens):
                text, finish = " ".join(text.split()[: int(max_tokens)]), "length"
            completion_tokens += _words(text)
            choices.append({"index": i, "message": {"role": "assistant", "content": text},
                            "finish_reason": finish, "logprobs": None, "completion_tokens": _words(text)})
        prompt_tokens = sum(_words(str(m.get("content", ""))) for m in messages)
        return {"choices": choices, "usage": {"prompt_tokens": prompt_tokens,
                                              "completion_tokens": completion_tokens,
                                              "total_tokens": prompt_tokens + completion_tokens}}

    def stream(self, body: dict[str, Any], stop: threading.Event) -> Iterator[dict[str, Any]]:
        """The same answers as `respond`, word by word (see `_Handler._stream` for the event format)."""
        result = self.respond(body)
        for choice in result["choices"]:
            for piece in re.findall(r"\s*\S+|\s+$", choice["message"]["content"]):
                if stop.wait(self.stream_delay) if self.stream_delay else stop.is_set():
                    return
                yield {"index": choice["index"], "content": piece}
            yield {"index": choice["index"], "finish_reason": choice["finish_reason"]}
        yield {"usage": result["usage"]}


class ModelResponder:
    """Answers from a local `transformers` model (one generation at a time)."""

    def __init__(self, model_path: str, **backend_options: Any):
        from qftdata.models.transformers_backend import TransformersBackend

        self.backend = TransformersBackend(model_path, **backend_options)
        self.fail_first, self.fail_status, self.delay = 0, 503, 0.0
        self._lock = threading.Lock()

    def respond(self, body: dict[str, Any]) -> dict[str, Any]:
        from qftdata.models import ChatRequest, SamplingParams

        params = SamplingParams(
            n=int(body.get("n") or 1), temperature=float(body.get("temperature", 1.0) or 0.0),
            top_p=float(body.get("top_p") or 1.0),
            max_new_tokens=int(body.get("max_completion_tokens") or body.get("max_tokens") or 256),
            seed=int(body.get("seed") or 0))
        with self._lock:
            comps = self.backend.generate([ChatRequest(body["messages"])], params)[0]
        choices = [{"index": i, "message": {"role": "assistant", "content": c.text},
                    "finish_reason": c.finish_reason, "logprobs": None, "completion_tokens": c.completion_tokens}
                   for i, c in enumerate(comps)]
        prompt_tokens = comps[0].prompt_tokens if comps else 0
        completion_tokens = sum(c.completion_tokens for c in comps)
        return {"choices": choices, "usage": {"prompt_tokens": prompt_tokens,
                                              "completion_tokens": completion_tokens,
                                              "total_tokens": prompt_tokens + completion_tokens}}

    def stream(self, body: dict[str, Any], stop: threading.Event) -> Iterator[dict[str, Any]]:
        """Decoded tokens as they are generated (choices one after another when `n` > 1)."""
        from qftdata.models import ChatRequest
        from qftdata.space.stream import stream_generate

        n = int(body.get("n") or 1)
        temperature = float(body.get("temperature", 1.0) or 0.0)
        max_new = int(body.get("max_completion_tokens") or body.get("max_tokens") or 256)
        completion_tokens = 0
        with self._lock:
            if body.get("seed") is not None:
                import torch

                torch.manual_seed(int(body["seed"]))
            for i in range(n):
                for piece in stream_generate(self.backend, body["messages"], stop, temperature=temperature,
                                             top_p=float(body.get("top_p") or 1.0), max_new_tokens=max_new):
                    if piece.text:
                        yield {"index": i, "content": piece.text}
                    if piece.finish == "error":
                        yield {"error": piece.error}
                        return
                    if piece.finish is not None:
                        completion_tokens += piece.tokens or 0
                        yield {"index": i, "finish_reason": "length" if piece.finish == "length" else "stop"}
                if stop.is_set():
                    return
        prompt_tokens = len(self.backend.tokenizer(self.backend.render(ChatRequest(body["messages"])),
                                                   add_special_tokens=False)["input_ids"])
        yield {"usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                         "total_tokens": prompt_tokens + completion_tokens}}


class OpenAICompatServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], responder: Any, model_name: str = "scripted"):
        super().__init__(address, _Handler)
        self.responder = responder
        self.model_name = model_name
        self.requests_seen: list[dict[str, Any]] = []  # chat request bodies, for tests
        self.in_flight = 0
        self.max_in_flight = 0
        self.failures_served = 0
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/v1"


class _Handler(BaseHTTPRequestHandler):
    server: OpenAICompatServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests and progress bars
        pass

    def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str, kind: str = "invalid_request_error", **headers: str) -> None:
        self._send(status, {"error": {"message": message, "type": kind, "code": status}}, headers)

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        if self.path.rstrip("/") in ("/v1/models", "/models"):
            self._send(200, {"object": "list", "data": [{"id": self.server.model_name, "object": "model",
                                                         "created": 0, "owned_by": "qftdata"}]})
        elif self.path in ("/health", "/v1/health"):
            self._send(200, {"status": "ok"})
        else:
            self._error(404, f"no route {self.path}", "not_found")

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            self._error(404, f"no route {self.path}", "not_found")
            return
        try:
            body = json.loads(raw or b"{}")
            if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
                raise ValueError("'messages' must be a list")
        except ValueError as exc:
            self._error(400, f"bad request body: {exc}")
            return
        srv, responder = self.server, self.server.responder
        with srv._lock:
            srv.requests_seen.append(body)
            fail = srv.failures_served < responder.fail_first
            if fail:
                srv.failures_served += 1
            srv.in_flight += 1
            srv.max_in_flight = max(srv.max_in_flight, srv.in_flight)
        try:
            if fail:
                self._error(responder.fail_status, "scripted failure", "server_error", **{"Retry-After": "0"})
                return
            if responder.delay:
                time.sleep(responder.delay)
            if body.get("stream"):
                self._stream(body)
                return
            try:
                result = responder.respond(body)
            except LookupError as exc:
                self._error(400, str(exc))
                return
            result.update(id=f"chatcmpl-{uuid.uuid4().hex[:16]}", object="chat.completion",
                          created=int(time.time()), model=body.get("model") or srv.model_name)
            self._send(200, result)
        finally:
            with srv._lock:
                srv.in_flight -= 1


    def _stream(self, body: dict[str, Any]) -> None:
        """Server-sent `chat.completion.chunk` events in HTTP/1.1 chunked encoding, then `data: [DONE]`."""
        srv, stop = self.server, threading.Event()
        events = srv.responder.stream(body, stop)
        try:
            first = next(events, None)  # a scripted LookupError surfaces here, before any byte is sent
        except LookupError as exc:
            self._error(400, str(exc))
            return
        head = {"id": f"chatcmpl-{uuid.uuid4().hex[:16]}", "object": "chat.completion.chunk",
                "created": int(time.time()), "model": body.get("model") or srv.model_name}
        n = int(body.get("n") or 1)
        usage_wanted = bool((body.get("stream_options") or {}).get("include_usage"))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def send(payload: dict[str, Any] | str) -> None:
            data = f"data: {payload if isinstance(payload, str) else json.dumps(payload)}\n\n".encode()
            self.wfile.write(f"{len(data):X}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        def chunk(index: int, delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            return {**head, "choices": [{"index": index, "delta": delta, "logprobs": None, "finish_reason": finish}]}

        try:
            for i in range(n):
                send(chunk(i, {"role": "assistant", "content": ""}))
            for event in itertools.chain([first] if first is not None else [], events):
                if "content" in event:
                    send(chunk(event["index"], {"content": event["content"]}))
                elif "finish_reason" in event:
                    send(chunk(event["index"], {}, event["finish_reason"]))
                elif "error" in event:
                    send({"error": {"message": event["error"], "type": "server_error", "code": 500}})
                    break
                elif "usage" in event and usage_wanted:
                    send({**head, "choices": [], "usage": event["usage"]})
            send("[DONE]")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):  # the client went away: stop generating
            stop.set()
            self.close_connection = True
        finally:
            events.close()


def make_server(responder: Any, host: str = "127.0.0.1", port: int = 0,
                model_name: str = "scripted") -> OpenAICompatServer:
    return OpenAICompatServer((host, port), responder, model_name=model_name)


def serve_in_background(responder: Any, host: str = "127.0.0.1", port: int = 0,
                        model_name: str = "scripted") -> tuple[OpenAICompatServer, threading.Thread]:
    """Start a server in a daemon thread; stop it with `server.shutdown(); server.server_close()`."""
    server = make_server(responder, host, port, model_name)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="qftdata-serve", daemon=True)
    thread.start()
    return server, thread


def add_arguments(parser: argparse.ArgumentParser) -> None:
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument("--model", help="local transformers model path")
    src.add_argument("--scripted", help="JSON file of canned answers")
    parser.add_argument("--host", default="127.0.0.1",
                        help="interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface)")
    from qftdata.cli import port_number

    parser.add_argument("--port", type=port_number, default=8000, help="port (default 8000; 0 picks a free port)")
    parser.add_argument("--served-model-name", default=None, help="model name clients request (default: --model)")
    parser.add_argument("--device", default="auto", help="transformers: cuda, cpu, mps or auto (default auto)")


def run(args: argparse.Namespace) -> int:
    name = args.served_model_name or args.model or "scripted"
    try:  # listen first: a taken port is said before a model spends a minute loading
        server = make_server(None, args.host, args.port, name)
    except OSError as exc:  # port taken, no such interface: the user's choice, said in one line
        from qftdata.errors import UserError

        raise UserError(f"--host {args.host} --port {args.port}: cannot listen ({exc.strerror or exc}); pick "
                        "another --port (0 picks a free one) or --host") from exc
    try:
        server.responder = (ModelResponder(args.model, device=args.device) if args.model
                            else ScriptedResponder(args.scripted))
    except BaseException:
        server.server_close()
        raise
    print(f"serving {name!r} at {server.url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qftdata.serve", description=__doc__.split("\n")[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
