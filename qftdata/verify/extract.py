"""Find the final answer in a completion and strip the notation around it.

Pure string work (no sympy), cheap and linear in the input, so it runs in the caller's process; only the
parse and the comparison go to the time-limited worker.

Rules (CONVENTIONS.md, "Symbols and answers"):
- the LAST `\\boxed{...}` / `\\fbox{...}` / `\\boxed 5` wins (a model may box intermediate results);
- without a box, a clearly marked final answer ("Final answer: ...", "The answer is ...", a line starting
  "Answer:") is used;
- a left-hand side is dropped (`\\sigma = ...`, `\\Gamma(h\\to f\\bar f) = ...`): of `A = B = C` the last
  part is the answer, and `X \\approx 0.3` keeps `X` (the exact form comes before an approximation);
- `$`, `\\,`, `\\!`, `\\displaystyle`, a whole-answer `\\text{...}` wrapper and a trailing period go.
Letters are never dropped as "units": `2m` is not `2`.
"""

from __future__ import annotations

import re

__all__ = ["extract_answer", "extract", "clean_answer", "split_top_level", "Extraction"]

_BOX_RE = re.compile(r"\\(?:boxed|fbox)(?![A-Za-z])")
_MARKER_RE = re.compile(
    r"(?:final\s+answer\s*(?:is)?\s*[:：]?|the\s+(?:final\s+)?answer\s+is\s*:?|^\s*\**\s*answer\s*\**\s*:\**)",
    re.IGNORECASE | re.MULTILINE,
)
_SPACING_RE = re.compile(r"\\(?:[,!;: ]|(?:quad|qquad|displaystyle|textstyle|scriptstyle)(?![A-Za-z]))")
_WRAPPER_RE = re.compile(r"^\\(?:text|textrm|mathrm|mbox|textbf|mathbf|mathit)\s*\{")


class Extraction(tuple):
    """(answer or None, why) — `why` explains a None (no marker vs. unbalanced braces)."""

    __slots__ = ()

    def __new__(cls, answer: str | None, why: str = ""):
        return super().__new__(cls, (answer, why))

    @property
    def answer(self) -> str | None:
        return self[0]

    @property
    def why(self) -> str:
        return self[1]


def _balanced(text: str, start: int) -> int | None:
    """Index just past the `}` closing the `{` at `start` (backslash-escaped braces skipped); None if open."""
    depth = 0
    i, n = start, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _last_box(text: str) -> Extraction | None:
    matches = list(_BOX_RE.finditer(text))
    if not matches:
        return None
    pos = matches[-1].end()
    n = len(text)
    while pos < n and text[pos] in " \t":
        pos += 1
    if pos < n and text[pos] == "{":
        end = _balanced(text, pos)
        if end is None:
            return Extraction(None, "unbalanced braces in the last \\boxed{...}")
        return Extraction(text[pos + 1:end - 1], "boxed")
    # `\boxed 5`: one token, up to whitespace or a math delimiter.
    m = re.match(r"[^\s$]+", text[pos:])
    return Extraction(m.group(0) if m else "", "boxed")


def _marked(text: str) -> Extraction | None:
    matches = list(_MARKER_RE.finditer(text))
    if not matches:
        return None
    rest = text[matches[-1].end():].lstrip()
    if rest.startswith("$$"):
        end = rest.find("$$", 2)
        line = rest[2:end] if end > 0 else rest[2:]
    else:
        line = rest.split("\n", 1)[0]
        math = re.search(r"\$([^$]+)\$|\\\((.+?)\\\)|\\\[(.+?)\\\]", line)
        if math:
            line = next(g for g in math.groups() if g is not None)
    return Extraction(line, "marker")


def extract(text: str) -> Extraction:
    """The raw final answer of `text` (before `clean_answer`) and how it was found."""
    if not isinstance(text, str):
        return Extraction(None, f"completion is {type(text).__name__}, not str")
    found = _last_box(text)
    if found is None:
        found = _marked(text)
    if found is None:
        return Extraction(None, "no \\boxed{...} or marked final answer")
    if found.answer is None:
        return found
    answer = clean_answer(found.answer)
    if not answer:
        return Extraction(None, "empty final answer")
    return Extraction(answer, found.why)


def extract_answer(text: str) -> str | None:
    r"""The cleaned final answer of a completion, or None.

    >>> extract_answer(r"so $\sigma = \dfrac{4\pi\alpha^2}{3s}$, i.e. \boxed{\sigma = \frac{4\pi\alpha^2}{3s}}.")
    '\\frac{4\\pi\\alpha^2}{3s}'
    >>> extract_answer("Final answer: 2m.") is None
    False
    """
    return extract(text).answer


def split_top_level(text: str, seps: str = ",") -> list[str]:
    """Split at separators outside (), [], {} (LaTeX `\\{`/`\\}` and `\\left(`/`\\right)` count as brackets)."""
    parts: list[str] = []
    depth = 0
    start = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            if text[i + 1] in "{}":
                depth += 1 if text[i + 1] == "{" else -1
            i += 2
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and ch in seps:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


def _unwrap_text(s: str) -> str:
    """`\\text{xyz}` covering the whole answer -> `xyz` (repeatedly)."""
    while True:
        m = _WRAPPER_RE.match(s)
        if not m:
            return s
        end = _balanced(s, m.end() - 1)
        if end != len(s):
            return s
        s = s[m.end():-1].strip()


def _drop_lhs(s: str) -> str:
    # `\approx` / `\simeq`: keep what comes before (the exact form), unless nothing does.
    parts = [p for p in re.split(r"\\(?:approx|simeq|sim)(?![A-Za-z])|≈", s)]
    if len(parts) > 1 and parts[0].strip():
        s = parts[0]
    # `=` at top level (not `\leq`, `\neq`, `==`): the last part of a chain is the answer.
    s = s.replace(":=", "=").replace("\\equiv", "=").replace("\\coloneqq", "=")
    pieces = [p for p in split_top_level(s, "=") if p.strip()]
    if len(pieces) > 1:
        s = pieces[-1]
    return s


def clean_answer(text: str) -> str:
    """Normalise the notation around an answer (see module docstring). Never drops letters or digits."""
    s = text.strip()
    for _ in range(3):  # wrappers can nest: $\text{...}$.
        s = s.replace("$", " ")
        s = re.sub(r"\\[()\[\]]", " ", s)
        s = _SPACING_RE.sub(" ", s)
        s = s.replace("~", " ").strip()
        s = _unwrap_text(s)
        parts = split_top_level(s, ",")
        if len(parts) > 1 and all("=" in p for p in parts):  # `m_1 = a, m_2 = b`: values a, b
            s = ", ".join(_drop_lhs(p).strip() for p in parts)
        else:
            s = _drop_lhs(s).strip()
        s = s.rstrip(" .;,").strip()
        while s.startswith("{") and _balanced(s, 0) == len(s):
            s = s[1:-1].strip()
    return s
