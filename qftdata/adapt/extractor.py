r"""Find the final result of a (part of a) human-written solution, before any LLM sees it.

In order of trust:

1. the last `\boxed{...}` / `\fbox{...}` (braces balanced) — method `boxed`;
2. "the (final) answer is ..." / "Final answer: ..." followed by math — method `answer_phrase`;
3. otherwise the later of: the last display equation (`$$...$$`, `\[...\]`, `equation`, `align`,
   `gather`, `eqnarray`, starred or not; its last line) — method `display`; and the last
   "therefore / thus / hence / so / we find / which gives ... $lhs = rhs$" sentence — method `therefore`.
   A display that the sentence leading to it presents as a tool — "we use the identity", "Line 3 uses
   the identity ... that", "where", "recall", "in order to" (and no "we find", "therefore", ...) — is no
   result: real solutions end with the identities they used.

The result keeps the whole equation (`latex`) and its right-hand side (`value`: the part after the last
top-level `=`, `\approx` or `\simeq`; `\langle ... \rangle` counts as a bracket), with `\label`, `\tag`,
`\nonumber`, alignment `&` and trailing punctuation removed. `equations` counts the equations of the
display it comes from (rows with their own left-hand side, and equations side by side: `x = 1 \qquad
y = 2`): more than one means the display states several results, and the classifier will not pick one.

>>> extract_result(r"We find $$\sigma = \frac{4\pi\alpha^2}{3s}.$$").value
'\\frac{4\\pi\\alpha^2}{3s}'
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from qftdata.adapt.latex import mask_math

__all__ = ["Result", "extract_result"]


@dataclass
class Result:
    latex: str       # the equation as written (cleaned)
    value: str       # its right-hand side (the whole text when there is no '=')
    method: str      # boxed | answer_phrase | display | therefore
    position: int    # character offset in the solution text
    equations: int = 1  # equations in the display (or sentence) it comes from

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
    eq = re.sub(r"\\label\{[^}]*\}|\\tag\*?\{[^}]*\}|\\nonumber|\\notag", "", eq)
    eq = eq.replace("&", " ")
    eq = re.sub(r"\\(?:quad|qquad|,|;|!)\s*$", "", eq.strip())
    eq = re.sub(r"\s+", " ", eq).strip()
    return eq.rstrip(" .,;:").strip()


_REL = re.compile(r"=|\\approx|\\simeq|\\equiv")


def _top_level(eq: str, pattern: re.Pattern) -> list[re.Match]:
    """The matches of `pattern` outside braces, brackets, parentheses and `\\langle ... \\rangle`."""
    depth, found, i = 0, [], 0
    while i < len(eq):
        c = eq[i]
        if eq.startswith("\\langle", i) or eq.startswith("\\rangle", i):
            depth = depth + 1 if eq[i + 1] == "l" else max(depth - 1, 0)
            i += 7
            continue
        if c == "\\" and i + 1 < len(eq) and eq[i + 1] in "{}()[],;":  # \{ \, ... are not brackets
            i += 2
            continue
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth = max(depth - 1, 0)  # an unmatched closer (`|k, s\\rangle`) does not hide the rest
        elif depth == 0:
            m = pattern.match(eq, i)
            if m and not (c == "=" and i > 0 and eq[i - 1] in "<>!"):
                found.append(m)
                i = m.end()
                continue
        i += 1
    return found


def _rhs(eq: str) -> str:
    """The part after the last top-level relation sign (outside braces/brackets/parentheses)."""
    rels = _top_level(eq, _REL)
    return eq[rels[-1].end():].strip() if rels else eq.strip()


_SIDE_BY_SIDE = re.compile(r"\\qquad|\\quad|,|;|\\(?:text|mbox|hbox|textrm)\s*\{\s*(?:and|or)\s*\}")


def _equations(line: str) -> int:
    """Equations in one line: pieces between top-level `\\quad`, `,`, `;`, `\\text{and}` whose left of the
    first relation sign is not empty (`x = 1 \\qquad y = 2` -> 2; `a = b = c` -> 1; `&= c` -> 0)."""
    cuts = [0] + [x for m in _top_level(line, _SIDE_BY_SIDE) for x in (m.start(), m.end())] + [len(line)]
    count = 0
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        piece = line[a:b]
        rels = _top_level(piece, _REL)
        if rels and piece[:rels[0].start()].replace("&", " ").strip():
            count += 1
    return count


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


def _rows(body: str) -> list[str]:
    """The rows of a display, split at `\\\\` outside matrices (a `pmatrix` column vector stays whole, so the
    classifier can see it is one; `aligned` rows are still rows)."""
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
    return lines or [body]


# The sentence leading to a display presents it as a tool (unless it also announces a result).
_AUX = re.compile(r"(?i)\b(?:identit(?:y|ies)|we\s+(?:use|used|have\s+used|recall)|uses?\s+(?:the|that|an?)\b"
                  r"|recall|where|note\s+that|in\s+order\s+to)\b")
_RESULT_CUE = re.compile(r"(?i)\b(?:we\s+(?:find|get|obtain|arrive)|one\s+(?:finds|gets|obtains)|therefore|thus|hence"
                         r"|finally|the\s+(?:final\s+)?(?:result|answer))\b")
_SENTENCE_START = re.compile(r"[.?!](?=\s)|\n\s*\n")


def _auxiliary(masked: str, pos: int, floor: int) -> bool:
    """Is the display at `pos` presented as an identity or definition used on the way, not as a result? The
    sentence leading to it starts after the last sentence end or display (`floor`) before it."""
    starts = [m.end() for m in _SENTENCE_START.finditer(masked, floor, pos)]
    lead = masked[starts[-1] if starts else floor:pos]
    return bool(_AUX.search(lead)) and not _RESULT_CUE.search(lead)


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
    masked, floor = mask_math(text), 0
    for m in _DISPLAY.finditer(text):
        aux, floor = _auxiliary(masked, m.start(), floor), m.end()
        if aux:
            continue
        rows = _rows(_math_body(m))
        eq = _clean(rows[-1])
        if eq:
            cands.append(Result(eq, _rhs(eq), "display", m.start(), sum(_equations(_clean(r)) for r in rows)))
    for m in _THEREFORE.finditer(text):
        eq = _clean(_math_body(m))
        if eq and _REL.search(eq):
            cands.append(Result(eq, _rhs(eq), "therefore", m.start(), _equations(eq)))
    if not cands:
        return None
    return max(cands, key=lambda r: r.position)
