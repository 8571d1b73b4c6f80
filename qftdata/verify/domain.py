r"""The physical region of a record's symbols: relations such as `M > m_1 + m_2` or `s > 4 m^2`.

A statement that assumes a region (a decay above threshold, scattering above pair production) states it in
the record's `domain` column, a JSON list of inequalities among declared symbols (`<`, `>`, `<=`, `>=`,
`\le`, `\ge`, chains such as `0 < x < 1`). The comparison then samples points inside the region only, so
two forms that agree there (`|M^2 - m^2|/(2M)` and `(M^2 - m^2)/(2M)` for M > m) are equal, and forms that
differ there are not. Sampling is by rejection from the usual per-symbol draws, widening the draw range
after repeated misses; a region with no point found is reported, never silently ignored.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import sympy as sp

from qftdata.verify.names import Names, ParseError

__all__ = ["Relation", "parse_relations", "split_relation", "satisfied", "MAX_RELATION_CHARS"]

MAX_RELATION_CHARS = 300
_OPS = re.compile(r"\\(?:leqslant|geqslant|leq|geq|le|ge|lt|gt)(?![A-Za-z])|<=|>=|≤|≥|<|>")
_CANON = {"<=": "<=", ">=": ">=", "<": "<", ">": ">", "≤": "<=", "≥": ">=", "\\le": "<=", "\\leq": "<=",
          "\\leqslant": "<=", "\\ge": ">=", "\\geq": ">=", "\\geqslant": ">=", "\\lt": "<", "\\gt": ">"}


@dataclass(frozen=True)
class Relation:
    """`expr > 0` (strict) or `expr >= 0`, with the source text for messages."""

    expr: sp.Basic
    strict: bool
    text: str


def split_relation(text: str) -> tuple[list[str], list[str]]:
    """(sides, operators) of `a < b <= c`; ValueError when there is no operator."""
    ops = [_CANON[m.group()] for m in _OPS.finditer(text)]
    sides = [p.strip() for p in _OPS.split(text)]
    if not ops or any(not p for p in sides):
        raise ParseError(f"{text!r} is not an inequality such as 'M > m_1 + m_2'")
    return sides, ops


def parse_relations(texts: Iterable[str], names: Names, parse_side: Callable[[str, Names], sp.Basic]
                    ) -> list[Relation]:
    """Relations from their texts; ParseError naming the relation that does not parse."""
    out: list[Relation] = []
    for text in texts:
        if not isinstance(text, str) or len(text) > MAX_RELATION_CHARS:
            raise ParseError(f"domain relation {str(text)[:40]!r}: not a short string")
        sides, ops = split_relation(text)
        values = [parse_side(s, names) for s in sides]
        for (a, b), op in zip(zip(values, values[1:], strict=False), ops, strict=True):
            expr = (a - b) if op in (">", ">=") else (b - a)
            out.append(Relation(expr, op in ("<", ">"), text))
    return out


def _value(expr: sp.Basic, point: dict) -> float | None:
    try:
        v = expr.evalf(30, subs=point)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    if not v.is_number or v.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    re_v, im_v = v.as_real_imag()
    if abs(im_v) > 1e-25 * max(1.0, abs(re_v)):
        return None  # a complex side: outside any physical region
    return float(re_v)


def satisfied(relations: Sequence[Relation], point: dict) -> bool:
    """True when every relation holds at `point` (a side that is complex or undefined there: False)."""
    for rel in relations:
        v = _value(rel.expr, point)
        if v is None or v < 0 or (rel.strict and v == 0):
            return False
    return True


def sample_points(symbols: Sequence[sp.Symbol], relations: Sequence[Relation], n: int, seed: int,
                  draw: Callable[[sp.Symbol, random.Random, float], sp.Basic], max_tries: int = 600
                  ) -> list[dict]:
    """Up to `n` points inside the region (all points when there are no relations).

    `draw(symbol, rng, spread)` gives one value; `spread` grows after each run of misses so that a region
    far from the default magnitudes (s > 16 M^2) is still reached. Deterministic for a given seed.
    """
    rng = random.Random(seed)
    points: list[dict] = []
    spread = 1.0
    for attempt in range(max_tries if relations else n):
        if len(points) >= n:
            break
        if relations and attempt and attempt % 100 == 0:
            spread *= 2.0
        point = {s: draw(s, rng, spread) for s in symbols}
        if not relations or satisfied(relations, point):
            points.append(point)
    return points
