r"""The structure of a whole answer: values, their labels, ± pairs, matrices and units.

- Values: `a, b` / `(a, b)` / `[a, b]` / `a; b` / `a \text{ and } b` are an ordered list; `\{a, b\}` and
  anything with `\pm` / `\mp` (`x = \pm 2`, `\frac{-b \pm \sqrt{\Delta}}{2a}`: every `\pm` takes the same
  sign, every `\mp` the other) an unordered set. SI digit groups (`299\,792\,458`, `16,\!386.20`,
  `32,\! 349`, `1{,}000`) are one number, not a list. A bare comma before exactly three digits (`10,455`)
  joins digit groups too, except in a prediction where reading it as a separator gives exactly as many
  values as the gold has (`100,200` for the gold `100, 200`).
- Labels: of `A = B = C` the value is C and the label A (`m_W = 80.4` -> label `m_W`); of
  `X \approx Y` the value is X (the exact form) unless X is a bare name, then X is the label and Y the
  value (`m_W \approx 80.4`). Labels are compared by canonical spelling (`m_{W}` = `m_W`, case kept).
- Matrices: `\begin{pmatrix} a & b \\ c & d \end{pmatrix}` (also bmatrix, matrix), or nested lists
  `[[a, b], [c, d]]`, are ONE value.
- Units (numeric answers only): a unit after a number is split off (`units.split_unit`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp

from qftdata.verify.extract import DIGIT_GROUP, split_top_level
from qftdata.verify.names import Names, ParseError
from qftdata.verify.parse import MAX_LENGTH, parse_expression
from qftdata.verify.tex import name_of, tokenize

__all__ = ["Item", "Answer", "parse_structured", "normalize_numbers", "split_label", "expand_pm"]

MAX_ITEMS = 64


@dataclass(frozen=True)
class Item:
    label: str | None  # canonical label (`m_W`), None when the value has none
    value: sp.Basic
    unit: str | None = None  # unit text written after the number (numeric answers)


@dataclass
class Answer:
    items: list[Item] = field(default_factory=list)
    unordered: bool = False
    approximate: bool = False  # some value was written with a decimal point
    # values as written (before ± expansion; a matrix's rows; 0: not recorded): what a prediction's commas are
    # read against (see parse_structured)
    values: int = 0

    @property
    def labelled(self) -> bool:
        labels = [it.label for it in self.items]
        return len(labels) > 1 and all(labels) and len(set(labels)) == len(labels)


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# `a and b`, `a\text{ and }b`, `a, and b` (serial comma), `a, \text{and}, b` (`\quad` is a comma by then)
_AND = re.compile(r",? ?(?:\\text\{ ?(?:and|or) ?\}|(?<= )(?:and|\\quad|\\qquad)(?= )) ?,?", re.IGNORECASE)
_PM = re.compile(r"\\pm(?![A-Za-z])|\\mp(?![A-Za-z])|±|∓|\+/-")
_APPROX = re.compile(r"\\(?:approx|simeq|sim|thickapprox|cong)(?![A-Za-z])|≈|≃")
_GROUPS = (("\\left(", "\\right)", False), ("\\left[", "\\right]", False), ("\\left\\{", "\\right\\}", True),
           ("\\{", "\\}", True), ("(", ")", False), ("[", "]", False))


def normalize_numbers(text: str, thousands: bool = True) -> str:
    """Join SI digit groups (and, with `thousands`, commas before exactly three digits); collapse whitespace
    (linear: every later regex then sees single spaces)."""
    s = " ".join(text.split())
    s = DIGIT_GROUP.sub("", s)
    return _THOUSANDS.sub("", s) if thousands else s


def _strip_group(s: str) -> tuple[list[str], bool] | None:
    for left, right, is_set in _GROUPS:
        if s.startswith(left) and s.endswith(right) and len(s) >= len(left) + len(right):
            inner = s[len(left):len(s) - len(right)]
            if not _brackets_ok(inner):
                continue
            parts = split_top_level(inner, ",;")
            if len(parts) > 1:
                return parts, is_set
    return None


def _brackets_ok(inner: str) -> bool:
    depth = 0
    for ch in inner:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth < 0:
            return False
    return depth == 0


def _split_values(s: str) -> tuple[list[str], bool]:
    s = _AND.sub(",", f" {s} ").strip()
    parts = split_top_level(s, ",;")
    if len(parts) == 1:
        grouped = _strip_group(s.strip())
        if grouped is not None:
            return grouped
    return parts, False


def _past_group(toks: list, i: int) -> int:
    """Index just past the brace group that opens at toks[i] (or the end when it never closes)."""
    depth = 0
    while i < len(toks):
        depth += toks[i].kind == "char" and toks[i].text == "{"
        depth -= toks[i].kind == "char" and toks[i].text == "}"
        i += 1
        if depth == 0:
            break
    return i


def _is_name(text: str) -> bool:
    """A bare name with optional scripts and one trailing argument: `m_W`, `\\sigma_{\\rm tot}`,
    `\\Gamma(h \\to b\\bar b)`, `\\bar m`, `sigma`."""
    try:
        toks = tokenize(text)
    except ParseError:
        return False
    if not toks:
        return False
    i = 0
    if toks[0].kind == "cs" and toks[0].text in ("bar", "hat", "tilde", "vec", "overline", "mathrm", "text",
                                                 "mathcal", "mathbf", "operatorname", "rm", "Delta", "delta"):
        i = 1
    if i < len(toks) and toks[i].kind == "char" and toks[i].text == "{":
        i = _past_group(toks, i)
    elif i < len(toks) and (toks[i].kind == "letter" or (toks[i].kind == "cs" and toks[i].text.isalpha())):
        i += 1
        while i < len(toks) and toks[i].kind == "letter" and not toks[i].space:
            i += 1
    elif i == 0:
        return False
    while i + 1 < len(toks) and toks[i].kind == "char" and toks[i].text in "_^":
        i += 1
        i = _past_group(toks, i) if toks[i].kind == "char" and toks[i].text == "{" else i + 1
    if i < len(toks) and ((toks[i].kind == "char" and toks[i].text == "(") or
                          (toks[i].kind == "cs" and toks[i].text == "left")):
        last = toks[-1]
        return (last.kind == "char" and last.text == ")") or (len(toks) > 1 and toks[-2].text == "right")
    return i == len(toks)


def split_label(part: str) -> tuple[str | None, str]:
    """(canonical label or None, value text) of one value (see module docstring)."""
    s = part.replace(":=", "=").replace("\\coloneqq", "=").replace("\\equiv", "=")
    pieces = split_top_level(s, "=")
    label = None
    if len(pieces) > 1:
        for piece in pieces[:-1]:
            if piece.rstrip()[-1:] in "<>!" or not piece.strip():
                raise ParseError("relations (=, <, >) are not answers; give the value")
        if not pieces[-1].strip():
            raise ParseError("nothing after '='")
        label = name_of(pieces[0]) or None
        s = pieces[-1]
    approx = [p for p in _APPROX.split(s)]
    if len(approx) > 1:
        head = approx[0].strip()
        if head and _is_name(head) and label is None:
            label, s = name_of(head), approx[-1]
        elif head:
            s = head
        else:
            s = approx[-1]
    return label, s.strip()


def expand_pm(text: str) -> list[str]:
    """`a \\pm b` -> [`a + b`, `a - b`] (all ± alike, ∓ opposite); a text without ± -> [text]."""
    if not _PM.search(text):
        return [text]
    plus = _PM.sub(lambda m: "-" if m.group() in ("\\mp", "∓") else "+", text)
    minus = _PM.sub(lambda m: "+" if m.group() in ("\\mp", "∓") else "-", text)
    return [plus, minus]


def _matrix_from_lists(parts: list[str], names: Names) -> sp.ImmutableMatrix | None:
    rows = []
    for p in parts:
        grouped = _strip_group(p.strip())
        if grouped is None or grouped[1]:
            return None
        rows.append([parse_expression(x, names)[0] for x in grouped[0]])
    if len({len(r) for r in rows}) != 1:
        raise ParseError("matrix rows of different lengths")
    return sp.ImmutableMatrix(rows)


def parse_structured(text: str, names: Names, units: bool = False, values: int | None = None) -> Answer:
    """Parse a whole answer into labelled values (see module docstring); ParseError when not accepted.

    `units`: split a unit after each number (numeric answers); the unit text is kept in `Item.unit`.
    `values`: for a prediction, the gold's `Answer.values`. A comma before exactly three digits then joins
    digit groups (`10,455`) unless reading it as a separator gives exactly that many values (`100,200`
    for a two-value gold); a gold (None) always joins them.
    """
    from qftdata.verify.units import split_unit

    if not isinstance(text, str):
        raise ParseError(f"answer is {type(text).__name__}, not str")
    if len(text) > MAX_LENGTH:
        raise ParseError(f"answer longer than {MAX_LENGTH} characters")
    s = normalize_numbers(text, thousands=values is None)
    if not s:
        raise ParseError("empty answer")
    parts, unordered = _split_values(s)
    if values is not None and len(parts) != values and _THOUSANDS.search(s):
        parts, unordered = _split_values(_THOUSANDS.sub("", s))
    if len(parts) > MAX_ITEMS:
        raise ParseError(f"more than {MAX_ITEMS} values")
    if any(not p.strip() for p in parts):
        raise ParseError("empty element in a list of values")
    answer = Answer(unordered=unordered, values=len(parts))
    if len(parts) > 1 and all(p.strip()[:1] in "([" for p in parts):
        matrix = _matrix_from_lists(parts, names)
        if matrix is not None:
            answer.items.append(Item(None, matrix))
            return answer
    for part in parts:
        label, value_text = split_label(part)
        variants = expand_pm(value_text)
        if len(variants) > 1:
            answer.unordered = True
        for variant in variants:
            unit = None
            if units:
                variant, unit = split_unit(variant)
            value, approximate = parse_expression(variant, names)
            answer.approximate |= approximate
            answer.items.append(Item(label, value, unit))
    return answer
