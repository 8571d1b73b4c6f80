"""Find the final answer in a completion and strip the notation around it.

Pure string work (no sympy), linear in the input by construction: only the last MAX_INPUT characters are
read, every regex is anchored or free of nested/adjacent unbounded repeats, and brace matching is one
pass. It runs inside the verifier's time-limited worker anyway (the caller only slices the text).

Rules (CONVENTIONS.md, "Symbols and answers"):
- the LAST `\\boxed{...}` / `\\fbox{...}` / `\\boxed 5` wins (a model may box intermediate results); boxes
  right next to it (only commas, "and", `$`, spaces between) form a group, used when the gold has
  several values (`\\boxed{1}, \\boxed{2}`);
- without a box, a clearly marked final answer ("Final answer: ...", "The answer is ...", a line starting
  "Answer:") is used; a "Final answer" (or "Answer:" line) written AFTER the last box wins over it when it
  holds a number or math (Minerva-style "... \\boxed{255} ... Final Answer: The final answer is $10,455$.");
- a marked answer ends with its line, its sentence (a period and a space outside math: "I hope it is
  correct." is not part of it) and at a chat-template token (`<|im_start|>`); of "X is Y" with X in words
  ("The largest $n$ is 34") the answer is Y;
- `$`, `\\,`, `\\!`, `\\displaystyle`, a whole-answer `\\text{...}` wrapper and a trailing period go; a
  left-hand side is dropped by `extract_answer` (`\\sigma = ...`; see answer.split_label).
Letters are never dropped as "units" here: `2m` is not `2`.
"""

from __future__ import annotations

import re

__all__ = ["extract_answer", "extract", "clean_answer", "split_top_level", "Extraction", "MAX_INPUT"]

MAX_INPUT = 250_000  # characters from the end of a completion that are read at all (~60k tokens)
MAX_GROUP = 8  # boxes in one multi-value group
_GROUP_GAP = 80  # characters allowed between two boxes of a group

_BOX_RE = re.compile(r"\\(?:boxed|fbox)(?![A-Za-z])")
_MARKER_RE = re.compile(  # no two unbounded repeats can share characters: linear even on 100 kB of spaces
    r"(?P<final>final[ \t]+answer(?:[ \t]*is)?[ \t]*[:：]?|the[ \t]+final[ \t]+answer[ \t]+is[ \t]*:?"
    r"|^[ \t]*(?:\*+[ \t]*)?answer[ \t]*(?:\*+[ \t]*)?:\**)|the[ \t]+answer[ \t]+is[ \t]*:?",
    re.IGNORECASE | re.MULTILINE,
)
# chat-template tokens that end a completion decoded with its special tokens (`<|im_start|>`, `<|eot_id|>`,
# DeepSeek's `<｜end▁of▁sentence｜>`, `</s>`); bounded repeats only
_CHAT_TOKEN_RE = re.compile(r"<\|[A-Za-z_]{2,40}\|>|<｜[^｜\n]{1,40}｜>|</s>")
_HAS_VALUE_RE = re.compile(r"[\d$]|\\[(\[]")  # a digit or math: a marked answer that can beat a box
_SPACING_RE = re.compile(r"\\(?:[,!;: ]|(?:quad|qquad|displaystyle|textstyle|scriptstyle)(?![A-Za-z]))")
_QUAD_RE = re.compile(r"(?: ?,)? ?\\q?quad(?![A-Za-z]) ?")
_WRAPPER_RE = re.compile(r"\\(?:text|textrm|mathrm|mbox|textbf|mathbf|mathit) ?\{")
# SI digit groups `299\,792\,458`, `16,\!386.20`, `32,\! 349`, `1{,}000` (joined before spacing commands
# become spaces; the spaces after `,\!` belong to a group boundary that is already explicit)
DIGIT_GROUP = re.compile(r"(?<=\d)(?:\\,|\\ |\{,\}|,\\! *|\\thinspace(?![A-Za-z]) ?|[\u2009\u202f])(?=\d{3}(?!\d))")
_GAP_RE = re.compile(r"(?:[\s$,;.&]|\\[()\[\],;!: ]|\\quad|\\qquad|\\text\{ ?and ?\}|\band\b|\\\\)*")


class Extraction(tuple):
    """(answer or None, why, group) — `why` explains a None; `group` holds the cleaned contents of a run of
    adjacent boxes (two or more) ending with the last one, else ()."""

    __slots__ = ()

    def __new__(cls, answer: str | None, why: str = "", group: tuple[str, ...] = ()):
        return super().__new__(cls, (answer, why, group))

    @property
    def answer(self) -> str | None:
        return self[0]

    @property
    def why(self) -> str:
        return self[1]

    @property
    def group(self) -> tuple[str, ...]:
        return self[2]


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


def _box_span(text: str, match: re.Match) -> tuple[int, int, str | None]:
    """(start, end, content or None when unbalanced) of the box at `match`."""
    pos, n = match.end(), len(text)
    while pos < n and text[pos] in " \t":
        pos += 1
    if pos < n and text[pos] == "{":
        end = _balanced(text, pos)
        if end is None:
            return match.start(), n, None
        return match.start(), end, text[pos + 1:end - 1]
    m = re.compile(r"[^\s$]+").match(text, pos)  # `\boxed 5`: one token
    return match.start(), (m.end() if m else pos), (m.group(0) if m else "")


def _boxes(text: str) -> tuple[Extraction, int] | None:
    """The last box (and the boxes grouped with it), and the index where that last box ends."""
    matches = list(_BOX_RE.finditer(text))
    if not matches:
        return None
    start, end, content = _box_span(text, matches[-1])
    if content is None:
        return Extraction(None, "unbalanced braces in the last \\boxed{...}"), end
    group = [content]
    k = len(matches) - 2
    while k >= 0 and len(group) < MAX_GROUP:  # adjacent boxes before the last one
        s, e, c = _box_span(text, matches[k])
        if c is None or e > start or start - e > _GROUP_GAP:
            break
        gap = text[e:start]
        if "\n\n" in gap or _GAP_RE.fullmatch(gap) is None:
            break
        group.append(c)
        start, k = s, k - 1
    cleaned = tuple(clean_answer(c) for c in reversed(group)) if len(group) > 1 else ()
    return Extraction(content, "boxed", cleaned if all(cleaned) else ()), end


def _inline_math(line: str) -> str | None:
    """The first `$...$`, `\\(...\\)` or `\\[...\\]` of a line (plain finds: linear)."""
    candidates = []
    for left, right in (("$", "$"), ("\\(", "\\)"), ("\\[", "\\]")):
        a = line.find(left)
        if a >= 0:
            b = line.find(right, a + len(left))
            if b > a + len(left):
                candidates.append((a, line[a + len(left):b]))
    return min(candidates)[1] if candidates else None


def _sentence(rest: str) -> str:
    """The marked answer's text: up to the end of its line, a chat-template token, or the end of its
    sentence (a period followed by a space, outside `$...$` / `\\(...\\)` / `\\[...\\]`); of "X is Y"
    (or "X are Y") with X in words, only Y. One pass over the line (linear)."""
    newline = rest.find("\n")
    line = rest if newline < 0 else rest[:newline]
    token = _CHAT_TOKEN_RE.search(line)
    if token:
        line = line[:token.start()]
    in_math, verb_end = False, -1
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if ch == "\\" and i + 1 < n:
            if line[i + 1] in "([":
                in_math = True
            elif line[i + 1] in ")]":
                in_math = False
            i += 2
            continue
        if ch == "$":
            in_math = not in_math
        elif not in_math:
            if ch == "." and (i + 1 == n or line[i + 1] in " \t"):
                line = line[:i]
                break
            if ch == " " and line.startswith((" is ", " are "), i):
                verb_end = line.index(" ", i + 1) + 1
        i += 1
    if verb_end > 0 and line.lstrip()[:1].isalpha() and line[verb_end:].strip():
        return line[verb_end:]
    return line


def _marked(text: str, pos: int = 0) -> tuple[Extraction, int, bool] | None:
    """The last marked answer starting at or after `pos`, where its marker starts, and whether it is a "Final
    answer" / "Answer:" line (strong enough to beat an earlier box). `^` still anchors at real line starts
    only (a search from `pos` does not treat `pos` as one)."""
    last = None
    for last in _MARKER_RE.finditer(text, pos):  # noqa: B007 - only the last match is needed
        pass
    if last is None:
        return None
    rest = text[last.end():].lstrip(" \t\r\n*")  # `**Final Answer**` headings: the answer follows
    if rest.startswith("$$"):
        end = rest.find("$$", 2)
        line = rest[2:end] if end > 0 else rest[2:]
        strong = True
    else:
        line = _sentence(rest)
        strong = _HAS_VALUE_RE.search(line) is not None
        math = _inline_math(line)
        if math is not None:
            line = math
    return Extraction(line, "marker"), last.start(), strong and last.group("final") is not None


def extract(text: str) -> Extraction:
    """The final answer of `text` (cleaned by `clean_answer`, left-hand side kept) and how it was found."""
    if not isinstance(text, str):
        return Extraction(None, f"completion is {type(text).__name__}, not str")
    text = text[-MAX_INPUT:]
    boxed = _boxes(text)
    # with a box, only a marker after it can matter: scan from the box's end, not the whole completion again
    marked = _marked(text, boxed[1] if boxed is not None else 0)
    if boxed is not None and not (marked and marked[2]):
        found = boxed[0]
    elif marked is not None:
        found = marked[0]
    else:
        return Extraction(None, "no \\boxed{...} or marked final answer")
    if found.answer is None:
        return found
    answer = clean_answer(found.answer)
    if not answer:
        return Extraction(None, "empty final answer")
    return Extraction(answer, found.why, found.group)


def extract_answer(text: str) -> str | None:
    r"""The cleaned final answer of a completion without its left-hand side, or None.

    >>> extract_answer(r"so $\sigma = \dfrac{4\pi\alpha^2}{3s}$, i.e. \boxed{\sigma = \frac{4\pi\alpha^2}{3s}}.")
    '\\frac{4\\pi\\alpha^2}{3s}'
    >>> extract_answer("Final answer: 2m.") is None
    False
    """
    from qftdata.verify.answer import split_label
    from qftdata.verify.names import ParseError

    found = extract(text).answer
    if found is None:
        return None
    parts = split_top_level(found, ",")
    try:
        if len(parts) > 1 and all("=" in p for p in parts):  # `m_1 = a, m_2 = b`: values a, b
            return ", ".join(split_label(p)[1] for p in parts)
        return split_label(found)[1] or found
    except ParseError:
        return found


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


def _matching(s: str) -> list[int]:
    """match[i] = index of the brace closing the `{` at i (-1 elsewhere); one pass."""
    match = [-1] * len(s)
    stack: list[int] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            stack.append(i)
        elif ch == "}" and stack:
            match[stack.pop()] = i
        i += 1
    return match


def _unwrap(s: str) -> str:
    """Strip whole-answer `{...}` and `\\text{...}` wrappers, however deep, in linear time."""
    match = _matching(s)
    lo, hi = 0, len(s)  # current window s[lo:hi]
    while lo < hi:
        while lo < hi and s[lo] == " ":
            lo += 1
        while hi > lo and s[hi - 1] == " ":
            hi -= 1
        if lo < hi and s[lo] == "{" and match[lo] == hi - 1:
            lo, hi = lo + 1, hi - 1
            continue
        m = _WRAPPER_RE.match(s, lo) if s.startswith("\\", lo) else None
        if m and match[m.end() - 1] == hi - 1:
            lo, hi = m.end(), hi - 1
            continue
        break
    return s[lo:hi]


def clean_answer(text: str) -> str:
    """Normalise the notation around an answer (see module docstring). Never drops letters or digits.

    `\\quad` between values separates them (`E_1 = 1 \\quad E_2 = 4`); whitespace is collapsed first, so
    every pattern here sees single spaces (linear)."""
    s = " ".join(DIGIT_GROUP.sub("", text).split())
    s = _QUAD_RE.sub(", ", s).replace("$", " ")
    s = re.sub(r"\\[()\[\]]", " ", s)
    s = _SPACING_RE.sub(" ", s).replace("~", " ")
    s = " ".join(s.split()).strip(" ,")
    s = _unwrap(s)
    s = s.rstrip(" .;,")
    return _unwrap(s).strip()
