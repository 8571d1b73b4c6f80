"""Decide whether a parsed prediction equals a parsed gold answer.

Expressions: identical trees are equal; otherwise both sides are evaluated at several random points of
their symbols and compared there. Points are drawn in the declared domains (positive reals by default,
magnitudes spread over [0.2, 5], integers for integer symbols, signed values for real ones) and inside the
record's physical region when it states one (`domain.py`: `M > m_1 + m_2`, `s > 4 m^2`).

- Exact answers (no decimal in the gold, tolerance 0) compare EXACTLY: the difference pred - gold is
  evaluated at each point with sympy's adaptive precision, which resolves cancellations, and must vanish;
  no relative tolerance can hide an additive term beside a huge one (`10^{100}+1` is not `10^{100}`,
  `(x+1)^{9999}+1` is not `(x+1)^{9999}`). A decimal in the prediction counts at face value
  (`\\sqrt{0.5}` = 1/√2, `1.3333` != 4/3).
- Approximate answers (a decimal in the gold, or a stated tolerance): relative tolerance (the record's
  `tolerance`, else 1e-9 for expressions and 1e-6 for numeric answers).

A point where the gold is not finite is skipped; a disagreement where the gold is complex (a branch cut
that equivalent real forms may place differently) only counts if no real-valued point decides. Only when
no point decides (undefined functions, all points singular) does `simplify(a - b) == 0` decide. A
prediction symbol that the record does not declare is sampled too, so it is accepted only if it cancels.
Integrals, derivatives, sums and limits are not final answers, and absurd powers (`10^{10^{10}}`,
`(x+1)^{100000}`) are refused before any arithmetic. Matrices compare entry by entry.

The worker process's hard time limit bounds all of this; nothing here needs its own clock.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence

import sympy as sp
from sympy.core.function import AppliedUndef

from qftdata.verify.arith import has_huge_power
from qftdata.verify.domain import Relation, sample_points

__all__ = ["compare_values", "compare_expr", "compare_numeric", "compare_categorical", "NoDomainPoint"]

FLOAT_RTOL = 1e-9  # when the gold itself holds decimals
NUMERIC_DEFAULT_RTOL = 1e-6  # a decimal numeric answer with tolerance 0
N_POINTS = 6
MIN_DECISIVE = 3
_PREC = 40
_UNEVALUATED = (sp.Integral, sp.Derivative, sp.Sum, sp.Product, sp.Limit)


class NoDomainPoint(ValueError):
    """The record's domain relations admit no sampled point (a contradictory or too narrow region)."""


def _sample(sym: sp.Symbol, rng: random.Random, spread: float = 1.0) -> sp.Basic:
    """A random value in the symbol's domain (assumptions), as an exact rational for stable evaluation."""
    if sym.is_integer:
        lo = 1 if sym.is_positive else (0 if sym.is_nonnegative else -7)
        return sp.Integer(rng.randint(lo, max(9, int(9 * spread))) or 2)
    width = 0.7 * spread
    mag = sp.Rational(round(10 ** rng.uniform(-width, width) * 1000), 1000) or sp.Rational(1, 1000)
    if sym.is_positive or sym.is_nonnegative or not sym.assumptions0:
        return mag  # declared default, or an undeclared symbol: positive
    if sym.is_real:
        return mag if rng.random() < 0.5 else -mag
    return mag + sp.I * sp.Rational(round(rng.uniform(-2, 2) * 1000), 1000)  # complex


def _value(expr: sp.Basic, point: dict) -> sp.Basic | None:
    """Numeric value at `point`, `sp.zoo` for non-finite, None if it does not evaluate to a number."""
    try:
        v = expr.evalf(_PREC, subs=point) if point else expr.evalf(_PREC)  # subs: no exact big rationals
    except (ZeroDivisionError, OverflowError):
        return sp.zoo
    except (TypeError, ValueError, AttributeError, NotImplementedError):
        return None
    if v.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return sp.zoo
    if v.free_symbols or not v.is_number:
        return None
    re_v, im_v = v.as_real_imag()
    if not (re_v.is_Number and im_v.is_Number):
        try:
            re_v, im_v = sp.Float(re_v, _PREC), sp.Float(im_v, _PREC)
        except (TypeError, ValueError):
            return None
    return re_v + sp.I * im_v


def _vanishes(diff: sp.Basic, point: dict) -> bool | None:
    """Is the exact difference zero at `point`? sympy's evalf raises its working precision until the
    result has full relative accuracy or shows it is below every precision tried; a true zero comes back
    as exact 0 or as a Float with (almost) no significant bits. None: could not evaluate."""
    try:
        v = diff.evalf(_PREC, subs=point) if point else diff.evalf(_PREC)
    except (ZeroDivisionError, OverflowError, TypeError, ValueError, AttributeError, NotImplementedError):
        return None
    if v.free_symbols or not v.is_number or v.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    for part in v.as_real_imag():
        if part == 0:
            continue
        if not isinstance(part, sp.Float):
            try:
                part = sp.Float(part, _PREC)
            except (TypeError, ValueError):
                return None
        if part._prec >= 20 and part != 0:  # noqa: SLF001 - a Float's precision in bits
            return False
    return True


def _close(p: sp.Basic, g: sp.Basic, rtol: float, atol: float = 0.0) -> bool:
    diff = abs(sp.N(p - g, _PREC))
    scale = max(abs(sp.N(g, _PREC)), abs(sp.N(p, _PREC)))
    return bool(diff <= rtol * scale + atol)


def _is_real(v: sp.Basic) -> bool:
    re_v, im_v = v.as_real_imag()
    return bool(abs(im_v) <= 1e-20 * max(abs(re_v), 1e-300))


def _guard(pred: sp.Basic, gold: sp.Basic) -> str | None:
    if has_huge_power(pred) and not has_huge_power(gold):
        return "prediction contains an absurdly large power"
    if pred.has(*_UNEVALUATED) and not gold.has(*_UNEVALUATED):
        return "prediction contains an unevaluated integral/derivative/sum/limit"
    unknown = {f.func.__name__ for f in pred.atoms(AppliedUndef)} - {f.func.__name__ for f in gold.atoms(AppliedUndef)}
    if unknown:  # e.g. \mathcal{O}(\lambda^3): no value to compare, and simplify would only waste time
        return f"uses unknown function(s) {', '.join(sorted(unknown))}"
    return None


def _matrices(pred, gold, one) -> tuple[bool, str] | None:
    """Entry-by-entry comparison when either side is a matrix (None: neither is)."""
    pm, gm = isinstance(pred, sp.MatrixBase), isinstance(gold, sp.MatrixBase)
    if not (pm or gm):
        return None
    if not (pm and gm):
        return False, "expected a matrix" if gm else "expected a scalar, got a matrix"
    if pred.shape != gold.shape:
        return False, f"matrix shape {pred.shape} != {gold.shape}"
    for (i, j), g in zip(((i, j) for i in range(gold.rows) for j in range(gold.cols)), gold, strict=True):
        ok, why = one(pred[i, j], g)
        if not ok:
            return False, f"entry ({i + 1},{j + 1}): {why}"
    return True, f"all {len(gold)} entries equal"


def compare_expr(pred: sp.Basic, gold: sp.Basic, rtol: float = 0.0, allowed: frozenset[str] | None = None,
                 *, relations: Sequence[Relation] = ()) -> tuple[bool, str]:
    """(equal?, reason) for two expressions: exact when `rtol` is 0, else within relative `rtol`."""
    mat = _matrices(pred, gold, lambda p, g: compare_expr(p, g, rtol, allowed, relations=relations))
    if mat is not None:
        return mat
    if pred == gold:
        return True, "identical"
    why = _guard(pred, gold)
    if why:
        return False, why
    if allowed is None:
        allowed = frozenset(s.name for s in gold.free_symbols)
    exact = not rtol
    stray = sorted(s.name for s in pred.free_symbols if s.name not in allowed)
    symbols = sorted(pred.free_symbols | gold.free_symbols, key=lambda s: s.name)
    diff = sp.Add(pred, -gold) if exact else None
    decisive_ok = soft_bad = 0
    n_points = N_POINTS if symbols else 1
    points = sample_points(symbols, relations, n_points * 2, 1234, _sample) if symbols else [{}]
    if symbols and relations and not points:
        raise NoDomainPoint("no point of the stated domain found (" + "; ".join(r.text for r in relations) + ")")
    for point in points:
        if decisive_ok >= n_points:
            break
        g = _value(gold, point)
        if g is None:
            break  # gold does not evaluate numerically: fall through to the symbolic check
        if g is sp.zoo:
            continue
        p = _value(pred, point)
        if p is None:
            if stray:
                return False, f"uses undeclared symbol(s) {', '.join(stray)}"
            break
        if p is sp.zoo:
            ok = False
        elif exact:  # the difference must vanish, and (a guard against an inaccurate evalf) the values agree
            zero = _vanishes(diff, point)
            atol = 1e-35 if g == 0 else 0.0
            ok = _close(p, g, 1e-30, atol) if zero is None else (zero and _close(p, g, 1e-12, atol))
        else:
            ok = _close(p, g, rtol, atol=1e-25 if g == 0 else 0.0)
        if ok:
            decisive_ok += 1
        elif _is_real(g) or not symbols:
            where = ", ".join(f"{s.name}={v}" for s, v in point.items()) or "no symbols"
            if stray:
                return False, f"uses undeclared symbol(s) {', '.join(stray)}"
            return False, (f"differs at {where}: {_short(p)} vs gold {_short(g)}"
                           + (" (their exact difference does not vanish)" if exact and p is not sp.zoo else ""))
        else:
            soft_bad += 1
    if decisive_ok >= min(MIN_DECISIVE, n_points) and not soft_bad:
        return True, f"equal at {decisive_ok} sample point(s)" + (" (exactly)" if exact else "")
    if decisive_ok >= MIN_DECISIVE and soft_bad:
        return True, f"equal at {decisive_ok} real point(s) (differs only across a branch cut)"
    if stray:
        return False, f"uses undeclared symbol(s) {', '.join(stray)}"
    if soft_bad and not decisive_ok:
        return False, "differs at every sample point (gold complex there)"
    try:
        if sp.simplify(pred - gold) == 0:
            return True, "symbolically equal"
    except (TypeError, ValueError, NotImplementedError, AttributeError, RecursionError):
        pass
    return False, "could not show equality (numeric check inconclusive, simplify != 0)"


def _short(v: sp.Basic) -> str:
    s = str(sp.N(v, 8))
    return s if len(s) < 60 else s[:57] + "..."


def compare_numeric(pred: sp.Basic, gold: sp.Basic, tolerance: float, exact: bool = False) -> tuple[bool, str]:
    """Numbers: relative `tolerance` if given; else exactly when both are exact, else 1e-6 relative."""
    mat = _matrices(pred, gold, lambda p, g: compare_numeric(p, g, tolerance, exact))
    if mat is not None:
        return mat
    if pred.free_symbols:
        return False, f"expected a number, got symbols {sorted(s.name for s in pred.free_symbols)}"
    why = _guard(pred, gold)
    if why:
        return False, why
    if tolerance and tolerance > 0:
        rtol = float(tolerance)
    elif exact:
        if pred == gold:
            return True, "equal"
        if pred.is_Rational and gold.is_Rational:
            return False, f"{pred} != {gold}"
        zero = _vanishes(sp.Add(pred, -gold), {})
        if zero is not None:
            return zero, ("equal (exactly)" if zero else f"{_short(pred)} != {_short(gold)} (exact comparison)")
        rtol = 1e-30
    else:
        rtol = NUMERIC_DEFAULT_RTOL
    g, p = _value(gold, {}), _value(pred, {})
    if g is None or g is sp.zoo:
        return False, "gold does not evaluate to a finite number"
    if p is None or p is sp.zoo:
        return False, "prediction does not evaluate to a finite number"
    if g == 0:  # no relative scale: exact zero, or within an explicit tolerance
        ok = bool(abs(p) <= (rtol if tolerance else 0))
    else:
        ok = bool(abs(sp.N(p - g, _PREC)) <= rtol * abs(g))
    return ok, (f"within relative tolerance {rtol:g}" if ok else
                f"{_short(p)} vs gold {_short(g)} (relative tolerance {rtol:g})")


def _by_label(preds: list, golds: list, pred_labels, gold_labels) -> tuple[list | None, str]:
    """Predictions reordered to the gold's labels; (None, why) when the labels do not match."""
    if not gold_labels or len(golds) < 2 or not all(gold_labels) or len(set(gold_labels)) != len(gold_labels):
        return preds, ""
    labels = list(pred_labels or [None] * len(preds))
    if not any(labels):
        return preds, ""  # unlabelled values: in the gold's order
    if not all(labels) or set(labels) != set(gold_labels) or len(set(labels)) != len(labels):
        missing = sorted(set(gold_labels) - set(filter(None, labels)))
        extra = sorted(set(filter(None, labels)) - set(gold_labels))
        return None, ("labels do not match the gold's" + (f"; missing {', '.join(missing)}" if missing else "")
                      + (f"; unexpected {', '.join(extra)}" if extra else ""))
    where = {lab: k for k, lab in enumerate(labels)}
    return [preds[where[lab]] for lab in gold_labels], ""


def compare_values(preds: list[sp.Basic], golds: list[sp.Basic], unordered: bool, answer_type: str,
                   tolerance: float, allowed: frozenset[str] | None, *, exact: bool = True,
                   relations: Sequence[Relation] = (), pred_labels: Sequence[str | None] | None = None,
                   gold_labels: Sequence[str | None] | None = None) -> tuple[bool, str]:
    """Lists of values: same length; matched by label when the gold labels its values (`m_W = ...`),
    else elementwise in order, or in any order when the gold is a set (`\\{a, b\\}`, `\\pm`).

    `exact`: the gold holds no decimal (see module docstring); `tolerance` > 0 always means relative.
    """
    if len(preds) != len(golds):
        return False, f"expected {len(golds)} value(s), got {len(preds)}"

    def one(p, g):
        if answer_type == "numeric":
            return compare_numeric(p, g, tolerance, exact)
        rtol = float(tolerance) if tolerance and tolerance > 0 else (0.0 if exact else FLOAT_RTOL)
        return compare_expr(p, g, rtol, allowed, relations=relations)

    if len(golds) == 1:
        return one(preds[0], golds[0])
    preds, why = _by_label(list(preds), list(golds), pred_labels, gold_labels)
    if preds is None:
        return False, why
    if not unordered:
        for k, (p, g) in enumerate(zip(preds, golds, strict=True)):
            ok, why = one(p, g)
            if not ok:
                return False, f"value {k + 1}: {why}"
        return True, f"all {len(golds)} values equal"
    remaining = list(preds)
    for k, g in enumerate(golds):
        hit = next((i for i, p in enumerate(remaining) if one(p, g)[0]), None)
        if hit is None:
            return False, f"no predicted value matches gold value {k + 1}"
        remaining.pop(hit)
    return True, f"all {len(golds)} values match (any order)"


# ---------------------------------------------------------------------------------------- categorical


def normalize_label(text: str) -> str:
    """Case-, space- and punctuation-insensitive label; keeps signs (`+1` vs `-1`) but not hyphens."""
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"\\(?:text|textrm|mathrm|mbox|textbf|mathbf|emph)\s*", "", s)
    s = re.sub(r"(?<=[A-Za-z0-9])-(?=[A-Za-z0-9])", " ", s)
    s = s.lower()
    return re.sub(r"[^a-z0-9+\-*/^=<>]", "", s)


def _choice_letter(label: str, n: int) -> int | None:
    m = re.fullmatch(r"\s*\(?\s*([A-Za-z])\s*[).:]?\s*", label)
    if not m:
        return None
    k = ord(m.group(1).lower()) - ord("a")
    return k if 0 <= k < n else None


def compare_categorical(pred: str, gold: str, choices: tuple[str, ...] = ()) -> tuple[bool, str]:
    """Normalised labels; with `choices`, a choice's letter (A, (b), C.) or its text selects it."""
    p, g = normalize_label(pred), normalize_label(gold)
    if choices:
        texts = [normalize_label(c) for c in choices]
        if p not in texts:
            k = _choice_letter(pred, len(choices))
            if k is None:
                return False, f"{pred!r} is not one of the choices"
            p = texts[k]
        letter = _choice_letter(gold, len(choices))
        if g not in texts and letter is not None:
            g = texts[letter]
    if not p:
        return False, "empty label"
    return (p == g), ("same label" if p == g else f"label {p!r} != {g!r}")
