r"""Pair the parts of a problem with the parts of its solution, refusing to guess.

A part gets a solution only when the pairing is certain:

* both sides carry written labels of one kind (`\item[(b)]`, `[label = \alph*]`, `(b)`, `2.`): parts are
  aligned **by label**, whatever the order; a problem part whose label the solution lacks, or has twice,
  is set aside (`set_aside` says why); solution parts no problem part asks for are noted;
* otherwise (one side unlabelled, or the kinds differ: letters against numbers): parts are paired in
  order only when the counts agree; when they differ, **every** part is set aside;
* a solution not divided into parts leaves every part of a multi-part problem set aside; a problem not
  divided into parts whose solution is divided into lettered parts `(a)`, `(b)` is set aside too (its
  own parts were not recognised, so no single result answers it).

Text after a problem's list joins the shared set-up; text after a solution's list joins the solution's
shared text (it is not given to the last part).

Labels are trusted only while the text agrees with them. Human solutions often restate the question before
answering it; when a solution part restates a *different* problem part (most of that part's words, far more
than of its own part's) the solution's labels are shifted against the problem's (the paper's seeds label
the answer to (b) as "(a)" when (a) was skipped), and every part of the entry is set aside.

>>> s = split_pair("Set-up. (a) Find $x$. (b) Find $y$. (c) Find $z$.", "(a) $x = 1$. (c) $z = 3$.")
>>> [(p.label, p.solution, p.set_aside) for p in s.parts]      # doctest: +NORMALIZE_WHITESPACE
[('a', '$x = 1$.', ''), ('b', '', 'no matching solution part: the solution has no part (b) (its parts: (a), (c))'),
 ('c', '$z = 3$.', '')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from qftdata.adapt.latex import mask_math
from qftdata.adapt.splitter import Sections, Segment, label_ordinals, split_text

__all__ = ["Part", "Split", "split_pair"]


@dataclass
class Part:
    label: str          # "a", "ii", "3", "" for a single-part problem
    ordinal: int        # 1-based position in the problem
    text: str
    solution: str = ""
    set_aside: str = ""  # why no solution part was paired with it ("" when paired)


@dataclass
class Split:
    preamble: str
    parts: list[Part]
    method: str                    # "enumerate" | "letters" | "roman" | "numbers" | "single"
    solution_method: str = ""
    solution_preamble: str = ""
    notes: list[str] = field(default_factory=list)


def _labels(segments: list[Segment]) -> str:
    if not any(s.explicit for s in segments):
        return "unlabelled"
    return ", ".join(f"({s.label})" for s in segments)


def _join(*texts: str) -> str:
    return "\n\n".join(t for t in texts if t)


def split_pair(problem: str, solution: str) -> Split:
    """Split a problem and its solution into parts and pair them (see the module docstring)."""
    prob = split_text(problem)
    if prob.method == "single":
        return _single(problem, solution)
    parts = [Part(g.label, i, g.text) for i, g in enumerate(prob.segments, 1)]
    sol = split_text(solution, lenient=True)
    out = Split(_join(prob.preamble, prob.tail), parts, prob.method, sol.method,
                _join(sol.preamble, sol.tail) if sol.method != "single" else solution.strip())
    out.notes.extend(prob.notes)
    if prob.tail:
        out.notes.append("the text after the problem's parts is part of the shared set-up")
    if sol.method == "single":
        for p in parts:
            p.set_aside = f"solution not divided into parts: the problem has {len(parts)} parts, its solution none"
        return out
    if sol.tail:
        out.notes.append("the text after the solution's parts is shared, not given to the last part")
    pk, sk = label_ordinals(prob.segments), label_ordinals(sol.segments)
    if pk is not None and sk is not None and pk[0] == sk[0]:
        _by_label(out, prob, sol, pk[1], sk[1])
    elif len(sol.segments) == len(parts):
        for p, g in zip(parts, sol.segments, strict=True):
            p.solution = g.text
        if any(g.explicit for g in prob.segments + sol.segments):
            out.notes.append(f"paired in order (equal counts; labels {_labels(prob.segments)} against "
                             f"{_labels(sol.segments)})")
    else:
        why = (f"part counts differ and the labels cannot align them: the problem has {len(parts)} parts "
               f"({_labels(prob.segments)}), the solution {len(sol.segments)} ({_labels(sol.segments)})")
        for p in parts:
            p.set_aside = why
    _check_restatements(out, prob.segments, sol.segments)
    return out


# Words that say nothing about which part is meant: requests, connectives and the like (at least 4 letters).
_STOP = frozenset({"that", "this", "with", "from", "which", "where", "what", "have", "then", "than", "there",
                   "their", "these", "those", "into", "over", "under", "about", "above", "below", "when",
                   "will", "would", "should", "could", "also", "each", "only", "such", "very", "more", "most",
                   "some", "same", "both", "given", "take", "part", "parts", "show", "find", "compute",
                   "calculate", "obtain", "determine", "evaluate", "consider", "using", "used", "does", "your",
                   "answer", "write", "down", "following", "express", "terms", "derive", "verify", "explain",
                   "discuss"})
RESTATED = 0.75   # share of a problem part's words found at the head of a solution part: it restates that part
MIN_WORDS = 4     # ... and at least this many of them
MARGIN = 0.3      # ... and this much more than of the part its label points to


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", mask_math(text).lower())) - _STOP


def _check_restatements(out: Split, problem: list[Segment], solution: list[Segment]) -> None:
    """Set aside every part when a paired solution part restates another problem part than its own."""
    words = [_words(g.text) for g in problem]
    for p in out.parts:
        if not p.solution:
            continue
        head = _words(p.solution[:500])
        share = [len(w & head) / len(w) if w else 0.0 for w in words]
        best = max(range(len(problem)), key=lambda i: share[i])
        if (best != p.ordinal - 1 and share[best] >= RESTATED and len(words[best] & head) >= MIN_WORDS
                and share[best] >= share[p.ordinal - 1] + MARGIN):
            sol_label = next((g.label for g in solution if g.text == p.solution), p.label)
            why = (f"solution labels disagree with the problem: its part ({sol_label}) restates problem part "
                   f"({problem[best].label}), not ({p.label}); the labels are shifted")
            for q in out.parts:
                q.solution, q.set_aside = "", why
            return


def _by_label(out: Split, prob: Sections, sol: Sections, p_ord: list[int], s_ord: list[int]) -> None:
    counts = Counter(s_ord)
    by_ord = {o: g for o, g in zip(s_ord, sol.segments, strict=True)}
    have = ", ".join(f"({g.label})" for g in sol.segments)
    for p, o in zip(out.parts, p_ord, strict=True):
        if counts[o] > 1:
            p.set_aside = f"ambiguous solution part: the solution has {counts[o]} parts labelled ({p.label})"
        elif o not in by_ord:
            p.set_aside = f"no matching solution part: the solution has no part ({p.label}) (its parts: {have})"
        else:
            p.solution = by_ord[o].text
    extra = [f"({g.label})" for g, o in zip(sol.segments, s_ord, strict=True) if o not in set(p_ord)]
    if extra:
        out.notes.append(f"solution part(s) {', '.join(extra)} answer no part of the problem")
    if [o for o in s_ord if o in set(p_ord)] != sorted(o for o in s_ord if o in set(p_ord)):
        out.notes.append("the solution gives its parts in another order; aligned by label")


def _single(problem: str, solution: str) -> Split:
    part = Part("", 1, problem.strip(), solution.strip())
    out = Split("", [part], "single", "single")
    strict = split_text(solution)
    kind = label_ordinals(strict.segments) if strict.method != "single" else None
    if kind is not None and kind[0] in ("letters", "roman"):
        part.solution = ""
        part.set_aside = ("solution divided into parts the problem lacks: the solution has parts "
                          f"{_labels(strict.segments)}, the problem none")
    return out
