"""Optional LLM judge: label each incorrect trace with the paper's four error categories.

The categories (arXiv 2604.18936, error analysis of QFT reasoning traces):

* **Factual** — a wrong physics fact, convention, formula or Feynman rule recalled as if true;
* **Mathematical** — an algebra, arithmetic, integration or index-manipulation slip;
* **Logical** — a wrong plan or inference: the steps do not follow, a case or condition is missed;
* **Executional** — the plan is right but carrying it out fails: the trace stops, loops, is cut at the
  token limit, or never states the final answer it derived.

The judge is any chat model behind the sampling backends (`qftdata.models.get_backend`, usually
"openai" for a vLLM / hosted endpoint). It sees the problem, the gold answer, the verifier's verdict
and the trace (its last `max_trace_chars` characters), and must end with `Category: <name>`; anything
else is stored as "unparsed". Labels are stored next to the automatic ones, never replacing them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

__all__ = ["CATEGORIES", "JUDGE_SYSTEM", "judge_messages", "judge_traces", "parse_category"]

CATEGORIES: tuple[str, ...] = ("Factual", "Mathematical", "Logical", "Executional")

JUDGE_SYSTEM = (
    "You are a careful physics teacher grading a student's solution to a quantum field theory problem. "
    "The student's final answer is wrong. Decide which kind of error caused it, choosing exactly one of:\n"
    "- Factual: a wrong physics fact, convention, formula or Feynman rule recalled as if true;\n"
    "- Mathematical: an algebra, arithmetic, integration or index-manipulation slip;\n"
    "- Logical: a wrong plan or inference; steps that do not follow; a missed case or condition;\n"
    "- Executional: the plan is right but carrying it out fails (the solution stops, loops, is cut off, "
    "or never states the answer it derived).\n"
    "Explain in at most three sentences, then end with a line `Category: <Factual|Mathematical|Logical|"
    "Executional>`."
)

_CATEGORY_RE = re.compile(r"category\s*[:=]\s*\**\s*(factual|mathematical|logical|executional)", re.IGNORECASE)
_BOXED_RE = re.compile(r"\\boxed\{\s*(factual|mathematical|logical|executional)\s*\}", re.IGNORECASE)


def parse_category(text: str | None) -> str:
    """The category named by the judge's reply (its last `Category: X` line), else "unparsed".

    >>> parse_category("The sign of the propagator is wrong.\\nCategory: Factual")
    'Factual'
    >>> parse_category("no idea")
    'unparsed'
    """
    text = text or ""
    hits = _CATEGORY_RE.findall(text) or _BOXED_RE.findall(text)
    return hits[-1].capitalize() if hits else "unparsed"


def _problem_text(prompt: str | None) -> str:
    """The user turn of a stored prompt (a JSON list of chat messages), else the raw text."""
    try:
        messages = json.loads(prompt or "")
    except (json.JSONDecodeError, TypeError):
        return str(prompt or "")
    if isinstance(messages, list):
        users = [str(m.get("content", "")) for m in messages if isinstance(m, dict) and m.get("role") == "user"]
        if users:
            return users[-1]
    return str(prompt or "")


def judge_messages(row: dict[str, Any], max_trace_chars: int = 12000) -> list[dict[str, str]]:
    """The judge conversation for one graded sample (a row of `samples.parquet`)."""
    trace = str(row.get("completion") or "")
    if len(trace) > max_trace_chars:
        trace = "[... beginning omitted ...]\n" + trace[-max_trace_chars:]
    cut = " (generation was cut at the token limit)" if row.get("finish_reason") == "length" else ""
    user = (f"## Problem\n{_problem_text(row.get('prompt'))}\n\n## Correct final answer\n{row.get('gold', '')}\n\n"
            f"## Verifier\nstatus: {row.get('status', '')}{cut}; extracted answer: "
            f"{row.get('extracted') or '(none)'}\n\n## Student solution\n{trace}")
    return [{"role": "system", "content": JUDGE_SYSTEM}, {"role": "user", "content": user}]


def judge_traces(rows: Sequence[dict[str, Any]], *, model: str, backend: str = "openai",
                 base_url: str | None = None, api_key: str | None = None, max_new_tokens: int = 512,
                 concurrency: int = 8, max_trace_chars: int = 12000, **backend_options: Any
                 ) -> list[dict[str, str]]:
    """Judge each row; returns `{"judge_label", "judge_reply"}` per row, in order."""
    import os

    from qftdata.models import ChatRequest, SamplingParams, get_backend

    if not rows:
        return []
    options = dict(backend_options)
    if backend == "openai":
        options.update(base_url=base_url, api_key=api_key or os.environ.get("OPENAI_API_KEY") or "EMPTY",
                       concurrency=concurrency)
    judge = get_backend(backend, model, **options)
    try:
        requests = [ChatRequest(judge_messages(dict(r), max_trace_chars)) for r in rows]
        outs = judge.generate(requests, SamplingParams(n=1, temperature=0.0, max_new_tokens=max_new_tokens))
    finally:
        judge.close()
    return [{"judge_label": parse_category(o[0].text if o else ""), "judge_reply": o[0].text if o else ""}
            for o in outs]
