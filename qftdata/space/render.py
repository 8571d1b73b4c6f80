"""Markdown for what the Space shows: a problem, its gold answer, a verdict.

Text that is not ours to format (a model's extracted answer, a code answer, a multi-line reason, a parsed
form) goes into fenced code blocks whose fence is longer than any backtick run inside, so it can neither
break a Markdown table nor open a code span of its own. Tables hold only short, single-line cells.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["LATEX", "fence", "gold_markdown", "problem_header", "render_problem", "verdict_markdown"]

LATEX = [{"left": "$$", "right": "$$", "display": True}, {"left": "$", "right": "$", "display": False},
         {"left": "\\(", "right": "\\)", "display": False}, {"left": "\\[", "right": "\\]", "display": True}]

def fence(text: str, lang: str = "") -> str:
    """`text` as a fenced code block that nothing inside can close early."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    bar = "`" * max(3, longest + 1)
    return f"{bar}{lang}\n{text.rstrip()}\n{bar}"


def _code_spec(row: dict[str, Any]) -> dict[str, Any] | None:
    raw = row.get("code") or ""
    if row.get("answer_type") != "code" or not raw:
        return None
    try:
        spec = json.loads(raw) if isinstance(raw, str) else dict(raw)
    except (ValueError, TypeError):
        return None
    return spec if isinstance(spec, dict) else None


def problem_header(row: dict[str, Any]) -> str:
    return (f"**{row.get('family', '')}** · {row.get('category', '')} · *{row.get('level', '')}* · "
            f"`{row['id']}` ({row.get('config', '')}/{row.get('split', '')})")


def gold_markdown(row: dict[str, Any]) -> str:
    """The gold answer: display math, the symbols and tolerance, the LaTeX source; for a code answer the
    function to write and its test cases."""
    symbols = ", ".join(f"`{s}`" for s in row.get("symbols") or []) or "none"
    parts = [f"**Gold answer** ({row.get('answer_type', '')}): $${row['answer']}$$",
             f"Symbols: {symbols}; tolerance: {row.get('tolerance') or 0}"]
    spec = _code_spec(row)
    if spec is not None:
        params = ", ".join(f"{p.get('name')}: {p.get('type')}" for p in spec.get("params") or [])
        cases = spec.get("cases") or []
        parts.append(f"Code answer: a Python function, run in a sandbox on {len(cases)} test cases "
                     f"(atol {spec.get('atol')}, rtol {spec.get('rtol')}):")
        parts.append(fence(f"def {spec.get('function')}({params}) -> {spec.get('returns')}:", "python"))
        if cases:
            lines = ["| inputs | expected |", "|---|---|"]
            for case in cases[:8]:
                inputs = ", ".join(f"{k}={v}" for k, v in (case.get("inputs") or {}).items())
                lines.append(f"| {_cell(inputs)} | {_cell(str(case.get('expected')))} |")
            parts.append("\n".join(lines))
    parts.append(f"<details><summary>answer source</summary>\n\n{fence(row['answer'])}\n</details>")
    return "\n\n".join(parts)


def _cell(text: str) -> str:
    """A single-line table cell: pipes escaped, newlines folded, long values cut."""
    text = re.sub(r"\s+", " ", text).replace("|", "\\|")
    return text if len(text) <= 120 else text[:117] + "…"


def render_problem(row: dict[str, Any] | None) -> tuple[str, str, str]:
    """(statement, gold answer, worked solution) as Markdown with LaTeX."""
    if row is None:
        return "*No problem matches the filters.*", "", ""
    return problem_header(row) + "\n\n" + row.get("problem", ""), gold_markdown(row), row.get("solution") or ""


def verdict_markdown(status: str, reason: str, *, extracted: str | None = None, pred: str | None = None,
                     gold: str | None = None, code: bool = False, note: str = "", label: str | None = None) -> str:
    """A verdict laid out as headings and fenced blocks (no model text inside a table or a code span)."""
    lines = [f"## Verdict: {status}"]
    if note:
        lines += ["", note]
    reason = (reason or "").strip()
    if reason:
        lines += ["", "**Reason:**", ""]
        lines += [fence(reason)] if "\n" in reason or len(reason) > 160 else [reason]
    if extracted is not None:
        lines += ["", "**Extracted answer:**", "", fence(extracted, "python" if code else "latex")]
    if pred is not None:
        lines += ["", "**Prediction, parsed:**", "", fence(pred)]
    if gold is not None:
        lines += ["", "**Gold, parsed:**", "", fence(gold)]
    if label:
        lines += ["", f"**Error class:** `{label}`"]
    return "\n".join(lines)
