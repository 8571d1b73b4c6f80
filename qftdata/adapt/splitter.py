r"""Split one text (a problem or its solution) into labelled parts; `qftdata.adapt.pairing` pairs them.

Part markers, tried in this order (the first that yields at least two parts wins):

1. `enumerate`: the top-level `\item`s of the first `\begin{enumerate}` (in a problem, `itemize` when there is
   none; a solution's `itemize` lists remarks or steps, never its parts). An item's label is its own
   `\item[(b)]`, else the one the list's option gives it (`[label = \alph*]`, `[label=(\roman*)]`, `\arabic*`,
   or the enumerate package's short forms `[(a)]`, `[i.]`, `[1)]`); a plain list's items are numbered but
   *unlabelled* (`explicit=False`), like LaTeX's default 1., 2., .... A later labelled list that carries
   the count on (`\setcounter{enumi}{2}`, or its own `\item[(c)]`) adds its items: the paper's seeds put
   "bonus" parts (c), (d) in a second list;
2. letter labels `(a)`, `(b)`, ... / `a)`, `b)` and roman `(i)`, `(ii)`, ...: at the start of a line or
   after a sentence end, consecutive from `a` (or `i`); in a solution (`lenient`) also after any white
   space and in increasing order with gaps (`(a)`, `(c)`: the solution skipped a part). A label may stand
   alone on its line. Formulas are masked first (`qftdata.adapt.latex`): the `t)` of `$\psi(\vec x, t)$` is
   no label;
3. numbers `1.`, `2.` / `1)`, `2)` at the start of a line, consecutive from 1.

A solution (`lenient`) may also answer one part only: a list with a single labelled `\item[(c)]`, or a
text that opens with `(c)`, is that one labelled part.

The text before the first marker is the shared set-up (`preamble`); text after `\end{enumerate}` is the
`tail`. A text without markers is one unlabelled segment (method "single").

>>> s = split_text("A scalar.\n\\begin{enumerate}[label = \\alph*]\n\\item Find E.\n\\item Find p.\n\\end{enumerate}")
>>> s.method, s.preamble, [(g.label, g.text, g.explicit) for g in s.segments]
('enumerate', 'A scalar.', [('a', 'Find E.', True), ('b', 'Find p.', True)])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qftdata.adapt.latex import mask_math

__all__ = ["LETTERS", "ROMAN", "Sections", "Segment", "label_ordinals", "split_text"]

ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class Segment:
    label: str       # normalised: "a", "ii", "3" (for an unlabelled list item: its position)
    text: str
    explicit: bool   # the label is written in the text or set by the list's label option


@dataclass
class Sections:
    method: str                    # "enumerate" | "letters" | "roman" | "numbers" | "single"
    preamble: str
    segments: list[Segment]
    tail: str = ""                 # after \end{enumerate}
    notes: list[str] = field(default_factory=list)


def _normalise_label(raw: str) -> str:
    lab = re.sub(r"\\text(?:bf|it|rm)?\{([^}]*)\}", r"\1", raw)
    lab = re.sub(r"(?i)^\s*part\s*", "", lab)
    return lab.strip("()[]{}.:* \t").lower()


_COUNTER = {"alph": "letters", "Alph": "letters", "roman": "roman", "Roman": "roman", "arabic": "numbers"}


def _option_kind(option: str) -> str | None:
    """The label kind an enumerate option sets: enumitem's `label=...\\alph*...`, or the enumerate
    package's short form (`(a)`, `i.`, `1)`); None when it sets no label."""
    m = re.search(r"\\(alph|Alph|roman|Roman|arabic)\*", option)
    if m:
        return _COUNTER[m[1]]
    if "=" in option:
        return None
    short = re.fullmatch(r"[^A-Za-z0-9]*([aAiI1])[^A-Za-z0-9]*", option.strip())
    if short:
        return {"a": "letters", "i": "roman", "1": "numbers"}[short[1].lower()]
    return None


def _nth_label(kind: str, n: int) -> str:
    if kind == "letters" and n < len(LETTERS):
        return LETTERS[n]
    if kind == "roman" and n < len(ROMAN):
        return ROMAN[n]
    return str(n + 1)


_LIST_TOKEN = re.compile(r"\\begin\{(?:enumerate|itemize)\}|\\end\{(?:enumerate|itemize)\}"
                         r"|\\item\b(?:\s*\[([^\]]*)\])?")
_ENUM_OPEN = re.compile(r"\\begin\{(enumerate)\}(?:\[([^\]]*)\])?")
_ITEMIZE_OPEN = re.compile(r"\\begin\{(itemize)\}(?:\[([^\]]*)\])?")
_SETCOUNTER = re.compile(r"\\setcounter\{enumi\}\{\s*(\d+)\s*\}")


def _list_items(text: str, opening: re.Match) -> tuple[str, list[tuple[str | None, str]], re.Match | None]:
    """(text before the first item, [(own label or None, body)], the match of the list's `\\end`)."""
    depth, items, cur, end = 1, [], None, None
    lead_end = None
    for t in _LIST_TOKEN.finditer(text, opening.end()):
        s = t.group(0)
        if s.startswith("\\begin"):
            depth += 1
        elif s.startswith("\\end"):
            depth -= 1
            if depth == 0:
                end = t
                break
        elif depth == 1:
            if cur is None:
                lead_end = t.start()
            else:
                items.append((cur[0], text[cur[1]:t.start()]))
            cur = (t.group(1), t.end())
    if end is not None and cur is not None:
        items.append((cur[0], text[cur[1]:end.start()]))
    lead = text[opening.end():lead_end] if lead_end is not None else ""
    return lead, items, end


def _segments(items: list[tuple[str | None, str]], kind: str | None, first: int = 0) -> list[Segment]:
    out = []
    for i, (own, body) in enumerate(items):
        if own is not None and _normalise_label(own):
            out.append(Segment(_normalise_label(own), body.strip(), True))
        elif kind is not None:
            out.append(Segment(_nth_label(kind, first + i), body.strip(), True))
        else:
            out.append(Segment(str(first + i + 1), body.strip(), False))
    return out


def _carries_on(segments: list[Segment]) -> bool:
    """Every part labelled, one kind, in strictly increasing order: a later list continues the first."""
    kind = label_ordinals(segments)
    return kind is not None and all(a < b for a, b in zip(kind[1], kind[1][1:], strict=False))


def _enumerate(text: str, itemize: bool = True) -> Sections | None:
    # an `enumerate` holds the parts; an `itemize` only when there is no enumerate (it often lists givens)
    m = _ENUM_OPEN.search(text) or (_ITEMIZE_OPEN.search(text) if itemize else None)
    if not m:
        return None
    lead, items, end = _list_items(text, m)
    if end is None or not items:
        return None
    first = _SETCOUNTER.search(lead)
    segments = _segments(items, _option_kind(m[2] or ""), int(first[1]) if first else 0)
    tail_start, between, notes = end.end(), [], []
    while m[1] == "enumerate":
        # a later list whose labels carry the count on holds more parts (the paper's "bonus" parts)
        nxt = _ENUM_OPEN.search(text, tail_start)
        if nxt is None:
            break
        lead, more, more_end = _list_items(text, nxt)
        counter = _SETCOUNTER.search(lead)
        added = _segments(more, _option_kind(nxt[2] or ""), int(counter[1]) if counter else 0)
        if more_end is None or not added or not _carries_on(segments + added):
            break
        between.append(text[tail_start:nxt.start()].strip())
        notes.append(f"parts {', '.join(f'({g.label})' for g in added)} come from a later list that carries the "
                     "count on")
        segments += added
        tail_start = more_end.end()
    tail = "\n\n".join(t for t in [*between, text[tail_start:].strip()] if t)
    return Sections("enumerate", text[:m.start()].strip(), segments, tail, notes)


# A label may stand alone on its line ("(c)" then a list): white space of any kind may follow it.
_LETTER = re.compile(r"(?:(?<=\n)|^|(?<=[.?!:;]) +|(?<=[.?!:;]\$) +)[ \t]*(?:\*\*|\\textbf\{)?\(?([a-z]|[ivx]{1,4})\)"
                     r"(?:\*\*|\})?\s*(?=\S)")
_LETTER_LENIENT = re.compile(r"(?:(?<=\s)|^)(?:\*\*|\\textbf\{)?\(?([a-z]|[ivx]{1,4})\)(?:\*\*|\})?\s*(?=\S)")
_LEADING_LABEL = re.compile(r"\s*(?:\\noindent\s*)?(?:\*\*|\\textbf\{)?\(([a-z]|[ivx]{1,4})\)(?:\*\*|\})?\s*(?=\S)")
_NUMBER = re.compile(r"(?m)^[ \t]*(?:\*\*)?(\d{1,2})[.)](?:\*\*)?[ \t]+(?=\S)")


def _sequence(markers: list[tuple[int, int, str]], seq: list[str], gaps: bool = False) -> list[tuple[int, int, str]]:
    """The markers that follow `seq` in order: consecutively from its start, or (`gaps`, for solutions,
    which may skip a part) in increasing order."""
    chosen, want = [], 0
    for start, end, lab in markers:
        at = seq.index(lab) if gaps and lab in seq[want:] else (want if want < len(seq) and lab == seq[want] else -1)
        if at >= want:
            chosen.append((start, end, lab))
            want = at + 1
    return chosen


def _cut(text: str, method: str, chosen: list[tuple[int, int, str]]) -> Sections:
    segments = []
    for i, (_, end, lab) in enumerate(chosen):
        stop = chosen[i + 1][0] if i + 1 < len(chosen) else len(text)
        segments.append(Segment(lab, text[end:stop].strip(), True))
    return Sections(method, text[:chosen[0][0]].strip(), segments)


def _labelled(text: str, lenient: bool = False) -> Sections | None:
    masked = mask_math(text)  # no labels inside formulas: `$T(k_1, k_2; p)$` holds no part "p)"
    found = [(m.start(), m.end(), m.group(1)) for m in (_LETTER_LENIENT if lenient else _LETTER).finditer(masked)]
    # "(a)" must really open a part: the candidate must be followed by text, not be a formula's argument.
    for method, seq in (("letters", list(LETTERS)), ("roman", ROMAN)):
        chosen = _sequence(found, seq, gaps=lenient)
        if len(chosen) >= 2:
            return _cut(text, method, chosen)
    nums = [(m.start(), m.end(), m.group(1)) for m in _NUMBER.finditer(masked)]
    chosen = _sequence(nums, [str(i) for i in range(1, 40)])
    if len(chosen) >= 2:
        return _cut(text, "numbers", chosen)
    return None


def split_text(text: str, lenient: bool = False) -> Sections:
    """The parts of one text; method "single" (one unlabelled segment) when there are none.

    `lenient` (used for solutions, whose parts are known to exist) also accepts `(b)` after any white
    space, e.g. right after an inline formula; never takes an `itemize` for parts; and reads a solution that
    answers one part only (a list with one labelled item, or a text opening with `(c)`) as that part."""
    enum = _enumerate(text, itemize=not lenient)
    if enum is not None and len(enum.segments) >= 2:
        return enum
    lab = _labelled(text, lenient)
    if lab is not None:
        return lab
    if lenient:
        if enum is not None and enum.segments[0].explicit:
            return enum
        lead = _LEADING_LABEL.match(mask_math(text))
        if lead is not None:
            kind = "letters" if len(lead[1]) == 1 else "roman"
            return Sections(kind, "", [Segment(lead[1], text[lead.end():].strip(), True)])
    return Sections("single", "", [Segment("", text.strip(), False)])


def label_ordinals(segments: list[Segment]) -> tuple[str, list[int]] | None:
    """(kind, ordinals) when every segment carries a written label of one kind (a = i = 1 = first);
    None for unlabelled or mixed labels. `i, ii` is roman; `h, i, j` letters."""
    if not segments or not all(s.explicit for s in segments):
        return None
    labels = [s.label for s in segments]
    if all(lab.isdigit() for lab in labels):
        return "numbers", [int(lab) for lab in labels]
    if all(lab in ROMAN for lab in labels) and labels[0] == "i" and any(len(lab) > 1 for lab in labels):
        return "roman", [ROMAN.index(lab) + 1 for lab in labels]
    if all(len(lab) == 1 and lab in LETTERS for lab in labels):
        return "letters", [LETTERS.index(lab) + 1 for lab in labels]
    if all(lab in ROMAN for lab in labels):
        return "roman", [ROMAN.index(lab) + 1 for lab in labels]
    return None
