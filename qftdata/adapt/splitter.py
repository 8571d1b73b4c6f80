r"""Split a multi-part problem into parts and pair each with the matching part of the solution.

Part markers, tried in this order (the first that yields at least two parts wins):

1. `enumerate`: top-level `\item`s of the first `\begin{enumerate}` (`\item[(b)]` gives the label);
2. letter labels `(a)`, `(b)`, ... / `a)`, `b)` and roman `(i)`, `(ii)`, ...: at the start of a line or
   after a sentence end, consecutive from `a` (or `i`);
3. numbers `1.`, `2.` / `1)`, `2)` at the start of a line, consecutive from 1.

The text before the first marker is the shared set-up (`preamble`). The solution is split the same way
(any method); parts are paired by ordinal (a = i = 1 = first item). A problem without markers is one part
with the whole solution.

>>> s = split_pair("A scalar of mass m.\n(a) Find E.\n(b) Show that E > 0.", "(a) $E = m$.\n(b) Obvious.")
>>> [(p.label, p.text, p.solution) for p in s.parts]
[('a', 'Find E.', '$E = m$.'), ('b', 'Show that E > 0.', 'Obvious.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Part", "Split", "split_pair", "split_text"]

ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class Part:
    label: str          # "a", "ii", "3", "" for a single-part problem
    ordinal: int        # 1-based
    text: str
    solution: str = ""


@dataclass
class Split:
    preamble: str
    parts: list[Part]
    method: str                    # "enumerate" | "letters" | "roman" | "numbers" | "single"
    solution_method: str = ""
    solution_preamble: str = ""
    notes: list[str] = field(default_factory=list)


def _enumerate(text: str) -> tuple[str, list[tuple[str, str]], str] | None:
    m = re.search(r"\\begin\{(enumerate|itemize)\}(\[[^\]]*\])?", text)
    if not m:
        return None
    depth, pos, items, cur = 1, m.end(), [], None
    token = re.compile(r"\\begin\{(?:enumerate|itemize)\}|\\end\{(?:enumerate|itemize)\}|\\item\b(?:\s*\[([^\]]*)\])?")
    end = None
    for t in token.finditer(text, pos):
        s = t.group(0)
        if s.startswith("\\begin"):
            depth += 1
        elif s.startswith("\\end"):
            depth -= 1
            if depth == 0:
                end = t
                break
        elif depth == 1:
            if cur is not None:
                items.append((cur[0], text[cur[1]:t.start()]))
            cur = ((t.group(1) or "").strip(), t.end())
    if end is None or cur is None:
        return None
    items.append((cur[0], text[cur[1]:end.start()]))
    labels = []
    for i, (lab, body) in enumerate(items, 1):
        lab = lab.strip("()[]. ").lower() or str(i)
        labels.append((lab, body.strip()))
    tail = text[end.end():].strip()
    return text[:m.start()].strip(), labels, tail


_LETTER = re.compile(r"(?:(?<=\n)|^|(?<=[.?!:;]) +|(?<=[.?!:;]\$) +)[ \t]*(?:\*\*|\\textbf\{)?\(?([a-z]|[ivx]{1,4})\)"
                     r"(?:\*\*|\})?[ \t]*(?=\S)")
_LETTER_LENIENT = re.compile(r"(?:(?<=\s)|^)(?:\*\*|\\textbf\{)?\(?([a-z]|[ivx]{1,4})\)(?:\*\*|\})?[ \t]*(?=\S)")
_NUMBER = re.compile(r"(?m)^[ \t]*(?:\*\*)?(\d{1,2})[.)](?:\*\*)?[ \t]+(?=\S)")


def _sequence(markers: list[tuple[int, int, str]], seq: list[str]) -> list[tuple[int, int, str]]:
    chosen, want = [], 0
    for start, end, lab in markers:
        if want < len(seq) and lab == seq[want]:
            chosen.append((start, end, lab))
            want += 1
    return chosen


def _labelled(text: str, lenient: bool = False) -> tuple[str, str, list[tuple[str, str]]] | None:
    found = [(m.start(), m.end(), m.group(1)) for m in (_LETTER_LENIENT if lenient else _LETTER).finditer(text)]
    # "(a)" must really open a part: the candidate must be followed by text, not be a formula's argument.
    for method, seq in (("letters", list(LETTERS)), ("roman", ROMAN)):
        chosen = _sequence(found, seq)
        if len(chosen) >= 2:
            return method, *_cut(text, chosen)
    nums = [(m.start(), m.end(), m.group(1)) for m in _NUMBER.finditer(text)]
    chosen = _sequence(nums, [str(i) for i in range(1, 40)])
    if len(chosen) >= 2:
        return "numbers", *_cut(text, chosen)
    return None


def _cut(text: str, chosen: list[tuple[int, int, str]]) -> tuple[str, list[tuple[str, str]]]:
    parts = []
    for i, (_, end, lab) in enumerate(chosen):
        stop = chosen[i + 1][0] if i + 1 < len(chosen) else len(text)
        parts.append((lab, text[end:stop].strip()))
    return text[:chosen[0][0]].strip(), parts


def split_text(text: str, lenient: bool = False) -> tuple[str, str, list[tuple[str, str]]]:
    """(method, preamble, [(label, text)]) for one text; method "single" when there are no parts.

    `lenient` (used for solutions, whose parts are known to exist) also accepts `(b)` after any white
    space, e.g. right after an inline formula."""
    enum = _enumerate(text)
    if enum is not None and len(enum[1]) >= 2:
        pre, items, tail = enum
        if tail:
            items[-1] = (items[-1][0], items[-1][1] + "\n\n" + tail)
        return "enumerate", pre, items
    lab = _labelled(text, lenient)
    if lab is not None:
        method, pre, parts = lab
        return method, pre, parts
    return "single", "", [("", text.strip())]


def _ordinal(label: str, method: str, index: int) -> int:
    if method == "numbers" and label.isdigit():
        return int(label)
    if method == "roman" and label in ROMAN:
        return ROMAN.index(label) + 1
    if method == "letters" and len(label) == 1 and label in LETTERS:
        return LETTERS.index(label) + 1
    return index


def split_pair(problem: str, solution: str) -> Split:
    """Split a problem and its solution and pair the parts by ordinal."""
    method, preamble, items = split_text(problem)
    if method == "single":
        return Split("", [Part("", 1, items[0][1], solution.strip())], "single", "single")
    parts = [Part(lab, i, body) for i, (lab, body) in enumerate(items, 1)]
    smethod, spre, sitems = split_text(solution, lenient=True)
    out = Split(preamble, parts, method, smethod, spre if smethod != "single" else "")
    if smethod == "single":
        out.notes.append("the solution is not split into parts")
        out.solution_preamble = solution.strip()
        return out
    by_ord: dict[int, str] = {}
    for i, (lab, body) in enumerate(sitems, 1):
        ordinal = _ordinal(lab, smethod, i)
        by_ord.setdefault(ordinal, body)
    for p in parts:
        p.solution = by_ord.get(p.ordinal, "")
    if len(sitems) != len(parts):
        out.notes.append(f"the problem has {len(parts)} parts, the solution {len(sitems)}")
    return out
