r"""Where the math is in a LaTeX text, so that prose rules (part labels, sentences, cue words) never read
inside a formula.

Real seed solutions write `$\psi(\vec x, t)$` or `$T(k_1, k_2; p)$`: read as prose, `t)` and `p)` look like
part labels. `mask_math` blanks every formula (inline `$...$`, `\(...\)`, display `$$...$$`, `\[...\]` and
the equation-like environments) while keeping the text's length and line breaks, so offsets found in the
masked text are offsets in the original.

>>> mask_math(r"(a) Take $\psi(\vec{x}, t)$. (b) Then")
'(a) Take ##################. (b) Then'
"""

from __future__ import annotations

import re

__all__ = ["FILL", "mask_math", "math_spans", "sentences"]

FILL = "#"

_ENVS = r"equation|align|alignat|gather|eqnarray|multline|displaymath|math|flalign"
# Inline `$...$` may wrap lines but not cross a blank line (a lone `$` must not swallow the rest of the text).
_MATH = re.compile(r"(?<!\\)\$\$.+?(?<!\\)\$\$|(?<!\\)\$(?:[^$\n]|\n(?!\s*\n))+?(?<!\\)\$|\\\[.+?\\\]|\\\(.+?\\\)"
                   r"|\\begin\{(" + _ENVS + r")(\*?)\}.+?\\end\{\1\2\}", re.S)


def math_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every formula, outermost first, in order."""
    return [m.span() for m in _MATH.finditer(text)]


def mask_math(text: str) -> str:
    """`text` with every character of every formula replaced by `FILL` (line breaks kept)."""
    out = list(text)
    for start, end in math_spans(text):
        for i in range(start, end):
            if out[i] != "\n":
                out[i] = FILL
    return "".join(out)


_ABBREV = re.compile(r"\b(?:i\.e|e\.g|cf|etc|resp|vs|eq|eqs|Ref|Fig|ibid)\.", re.I)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n\s*\n|\\item\b(?:\s*\[[^\]]*\])?")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each prose sentence: split at `.`, `?`, `!` followed by white space, at blank lines and
    at `\\item`, never inside a formula (abbreviations such as "i.e." and "e.g." do not end a sentence).

    >>> t = "Find $x = 1.5$, i.e. the root. Is it real?"
    >>> [t[a:b] for a, b in sentences(t)]
    ['Find $x = 1.5$, i.e. the root.', 'Is it real?']
    """
    masked = _ABBREV.sub(lambda m: m.group(0)[:-1] + " ", mask_math(text))
    out, start = [], 0
    for m in [*_SENTENCE_END.finditer(masked), None]:
        end = m.start() if m else len(text)
        a, b = start, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        start = m.end() if m else len(text)
    return out
