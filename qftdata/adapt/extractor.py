r"""Find the final result of a (part of a) human-written solution, before any LLM sees it.

In order of trust:

1. the last `\boxed{...}` / `\fbox{...}` (braces balanced) — method `boxed`;
2. "the (final) answer is ..." / "Final answer: ..." followed by math — method `answer_phrase`;
3. otherwise the later of: the last display equation (`$$...$$`, `\[...\]`, `equation`, `align`,
   `gather`, `eqnarray`, starred or not; its last line) — method `display`; and the last
   "therefore / thus / hence / so / we find / which gives ... $lhs = rhs$" sentence — method `therefore`.

The result keeps the whole equation (`latex`) and its right-hand side (`value`: the part after the last
top-level `=`, `\approx` or `\simeq`), with `\label`, `\nonumber`, alignment `&` and trailing punctuation
removed.

>>> extract_result(r"We find $$\sigma = \frac{4\pi\alpha^2}{3s}.$$").value
'\\frac{4\\pi\\alpha^2}{3s}'
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["Result", "extract_result"]


@dataclass
class Result:
    latex: str       # the equation as written (cleaned)
    value: str       # its right-hand side (the whole text when there is no '=')
    method: str      # boxed | answer_phrase | display | therefore
    position: int    # character offset in the solution text

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _balanced(text: str, open_at: int) -> int | None:
    """Index just past the brace group opening at `open_at` (text[open_at] == '{'), or None."""
    depth = 0
    for i in range(open_at, len(text)):
        c = text[i]
        if c == "\\":
            continue
        if c == "{" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif c == "}" and (i == 0 or text[i - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _clean(eq: str) -> str:
    eq = re.sub(r"\\label\{[^}]*\}|\\nonumber|\\notag", "", eq)
    eq = eq.replace("&", " ")
    eq = re.sub(r"\\(?:quad|qquad|,|;|!)\s*$", "", eq.strip())
    eq = re.sub(r"\s+", " ", eq).strip()
    return eq.rstrip(" .,;:").strip()


_REL = re.compile(r"=|\\approx|\\simeq|\\equiv")


def _rhs(eq: str) -> str:
    """The part after the last top-level relation sign (outside braces/brackets/parentheses)."""
    depth, last = 0, None
    i = 0
    while i < len(eq):
        c = eq[i]
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif depth == 0:
            m = _REL.match(eq, i)
            if m and not (c == "=" and i > 0 and eq[i - 1] in "<>!"):
                last = m.end()
                i = m.end()
                continue
        i += 1
    return eq[last:].strip() if last is not None else eq.strip()


def _boxed(text: str) -> list[Result]:
    out = []
    for m in re.finditer(r"\\(?:boxed|fbox)\s*\{", text):
        end = _balanced(text, m.end() - 1)
        if end is None:
            continue
        inner = _clean(text[m.end():end - 1])
        if inner:
            out.append(Result(inner, _rhs(inner), "boxed", m.start()))
    return out


_MATH = r"(?:\$\$(?P<a>.+?)\$\$|\$(?P<b>[^$]+)\$|\\\[(?P<c>.+?)\\\]|\\\((?P<d>.+?)\\\))"
_ANSWER = re.compile(r"(?is)(?:the\s+(?:final\s+)?answer\s+is|final\s+answer\s*:)\s*:?\s*" + _MATH)
_THEREFORE = re.compile(r"(?is)\b(?:therefore|thus|hence|so|we\s+(?:find|get|obtain)|one\s+(?:finds|gets|obtains)"
                        r"|which\s+gives|giving|this\s+gives)\b[^.$]{0,120}?" + _MATH)
_DISPLAY = re.compile(r"(?s)\$\$(?P<a>.+?)\$\$|\\\[(?P<c>.+?)\\\]|\\begin\{(?P<env>equation|align|gather|eqnarray|"
                      r"multline)(?P<star>\*?)\}(?P<e>.+?)\\end\{(?P=env)(?P=star)\}")


def _math_body(m: re.Match) -> str:
    for g in ("a", "b", "c", "d", "e"):
        try:
            v = m.group(g)
        except IndexError:
            continue
        if v is not None:
            return v
    return ""


_ROW_TOKEN = re.compile(r"\\(?:begin|end)\{(?:[pbBvV]?matrix|smallmatrix|array|cases)\*?\}|\\\\")


def _last_line(body: str) -> str:
    """The last row of a display, splitting at `\\\\` outside matrices (a `pmatrix` column vector stays
    whole, so the classifier can see it is one; `aligned` rows are still rows)."""
    rows, depth, start = [], 0, 0
    for m in _ROW_TOKEN.finditer(body):
        tok = m.group(0)
        if tok.startswith("\\begin"):
            depth += 1
        elif tok.startswith("\\end"):
            depth = max(depth - 1, 0)
        elif depth == 0:
            rows.append(body[start:m.start()])
            start = m.end()
    rows.append(body[start:])
    lines = [ln for ln in rows if ln.strip() and _clean(ln)]
    return lines[-1] if lines else body


def extract_result(text: str) -> Result | None:
    """The final result of a solution text, or None when nothing looks like one."""
    if not text or not text.strip():
        return None
    boxed = _boxed(text)
    if boxed:
        return boxed[-1]
    phrases = list(_ANSWER.finditer(text))
    if phrases:
        m = phrases[-1]
        eq = _clean(_math_body(m))
        if eq:
            return Result(eq, _rhs(eq), "answer_phrase", m.start())
    cands: list[Result] = []
    for m in _DISPLAY.finditer(text):
        eq = _clean(_last_line(_math_body(m)))
        if eq:
            cands.append(Result(eq, _rhs(eq), "display", m.start()))
    for m in _THEREFORE.finditer(text):
        eq = _clean(_math_body(m))
        if eq and _REL.search(eq):
            cands.append(Result(eq, _rhs(eq), "therefore", m.start()))
    if not cands:
        return None
    return max(cands, key=lambda r: r.position)
