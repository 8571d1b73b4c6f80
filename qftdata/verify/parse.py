"""Turn an answer string into sympy, without executing anything from the model.

Front ends, chosen by content:
- LaTeX (anything with a backslash or a brace): our TeX parser (`tex.py`: brace-less arguments, function
  argument scoping, exact decimals, matrices); what it does not support goes to latex2sympy2_extended 1.0.6
  (`\\int`, `\\sum`, ... which the comparison then refuses as unevaluated) after a few rewrites it needs;
- plain text (`e^4/(12*pi*s)`, `6GM/c^2`, `α_s/π`): `plain.py`, an `ast` whitelist walker.

Every front end builds sympy objects directly through `names.Names` (one spelling per symbol, declared
assumptions, `e`/`i`/`pi`/`gamma_E`/`zeta_3` constants unless declared) and `arith` (astronomically large
powers stay unevaluated). The structure of a whole answer (lists, labels, ±, units) is `answer.py`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

import sympy as sp
from sympy.core.function import AppliedUndef

from qftdata.verify.arith import has_huge_power, safe_factorial, safe_pow
from qftdata.verify.names import Names, ParseError, Unsupported, canonical_name
from qftdata.verify.plain import parse_plain
from qftdata.verify.tex import parse_tex

__all__ = ["ParseError", "parse_answer", "parse_values", "parse_expression", "canonical_name",
           "has_huge_power", "MAX_LENGTH", "Names"]

MAX_LENGTH = 10_000  # characters after extraction; longer answers are not physics answers.

_SKIP_E = re.compile(
    r"(?P<keep>\\(?:text|textrm|mathrm|operatorname|mbox)\s*\{[^{}]*\}|_\{[^{}]*\}|_\\?[A-Za-z0-9]+|\\[A-Za-z]+)"
    r"|(?P<e>(?<![A-Za-z])e(?![A-Za-z]))"
)
_LATEX_FUNCS = {"zeta": sp.zeta, "Gamma": sp.gamma}


def _latex_rewrites(s: str, e_declared: bool) -> str:
    s = re.sub(r"\\[dt]frac(?![A-Za-z])", r"\\frac", s)
    s = re.sub(r"\\log(?![A-Za-z_])", r"\\ln", s)  # CONVENTIONS: \log is the natural log
    s = re.sub(r"\\(?:left|right)\s*\.", " ", s)
    s = re.sub(r"(?<![\\A-Za-z])E(?=\s*_)", r"\\mathrm{E}", s)  # latex2sympy cannot parse E_1
    if e_declared:  # a bare `e` is the charge, not Euler's number: hide it from latex2sympy's e^x -> exp
        s = _SKIP_E.sub(lambda m: m.group("keep") or r"\mathrm{e}", s)
    return s


@functools.lru_cache(maxsize=2048)
def _latex_raw(src: str) -> sp.Basic:
    """latex2sympy's (immutable) output, cached: its ANTLR parser is the slow step."""
    from latex2sympy2_extended import latex2sympy

    try:
        expr = latex2sympy(src)
    except RecursionError:
        raise ParseError("LaTeX nested too deeply") from None
    except Exception as exc:  # the library raises bare Exception on syntax errors
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ParseError(f"LaTeX not understood: {first[:120]}") from None
    if not isinstance(expr, sp.Basic) or isinstance(expr, sp.MatrixBase):
        raise ParseError(f"LaTeX gave {type(expr).__name__}, not an expression")
    return expr


def _rebuild(expr: sp.Basic, names: Names, depth: int = 0) -> sp.Basic:
    """Re-create latex2sympy's `expr` bottom-up under our conventions (names, constants, safe powers)."""
    if depth > 400:
        raise ParseError("expression nested too deeply")
    if isinstance(expr, sp.Symbol):
        return names(expr.name)
    if isinstance(expr, sp.Float):
        return sp.Rational(str(expr))
    if expr.is_Atom:
        return expr
    if isinstance(expr, sp.core.relational.Relational):
        raise ParseError("relations (=, <, >) are not answers; give the value")
    if isinstance(expr, (sp.Set, sp.Interval)):
        raise ParseError("sets and intervals are not supported; list values separated by commas")
    args = [_rebuild(a, names, depth + 1) if isinstance(a, sp.Basic) else a for a in expr.args]
    if isinstance(expr, AppliedUndef):
        fname = canonical_name(type(expr).__name__)
        if fname in _LATEX_FUNCS and fname not in names.declared and len(args) == 1:
            return _LATEX_FUNCS[fname](*args)
        return sp.Function(fname)(*args)
    if isinstance(expr, sp.Pow):
        return safe_pow(*args)
    if isinstance(expr, sp.factorial):
        return safe_factorial(*args)
    if any(isinstance(a, sp.Basic) and has_huge_power(a) for a in args):
        return expr.func(*args, evaluate=False)
    if isinstance(expr, sp.log) and len(args) == 2 and args[1] == sp.E:
        return sp.log(args[0])
    try:
        return expr.func(*args)
    except (TypeError, ValueError) as exc:
        raise ParseError(f"cannot rebuild {expr.func.__name__}: {exc}") from None


def _looks_latex(text: str) -> bool:
    return "\\" in text or "{" in text or "}" in text


def parse_expression(text: str, names: Names) -> tuple[sp.Basic, bool]:
    """(value, approximate) of ONE expression (no lists, labels or units); ParseError when not accepted.

    `approximate` is True when the text held a decimal number (compared with a tolerance, not exactly).
    """
    text = text.strip()
    if not text:
        raise ParseError("empty answer")
    if '"' in text or "__" in text or "#" in text or "@" in text:
        raise ParseError("quotes, '#', '@' and '__' do not occur in answers")
    if not _looks_latex(text):
        try:
            return parse_plain(text, names)
        except ParseError:
            # `x!` and `|x|` are TeX notation; anything else that failed is not math
            # (a Python call `foo('1')` must not become f*o*o).
            if "**" in text or not re.fullmatch(r"[A-Za-z0-9\s+\-*/^().!|]*", text) or not re.search(r"[!|]", text):
                raise
    try:
        result = parse_tex(text, names)
        return result.value, result.approximate
    except Unsupported as first:
        if not _looks_latex(text):
            raise
        try:
            raw = _latex_raw(_latex_rewrites(text, "e" in names.declared))
            value = _rebuild(raw, names)
        except ParseError:
            raise first from None
        except RecursionError:
            raise ParseError("expression nested too deeply") from None
        return value, bool(re.search(r"\d\.\d|(?<!\d)\.\d", text))


def parse_values(text: str, symbols: Iterable[str] = (), assumptions: Mapping[str, str] | None = None
                 ) -> tuple[list[sp.Basic], bool]:
    """Parse a possibly multi-valued answer: (values, unordered).

    `a, b` and `(a, b)` / `[a, b]` are ordered tuples compared elementwise; `\\{a, b\\}` and `a \\pm b` are
    unordered. Thousands separators (`1,000`, `299\\,792\\,458`) are not lists. Labels (`m_W = ...`) are
    dropped here; `answer.parse_structured` keeps them.
    """
    from qftdata.verify.answer import parse_structured

    if not isinstance(text, str):
        raise ParseError(f"answer is {type(text).__name__}, not str")
    parsed = parse_structured(text, Names(symbols, assumptions))
    return [item.value for item in parsed.items], parsed.unordered


def parse_answer(text: str, symbols: Iterable[str] = (), assumptions: Mapping[str, str] | None = None
                 ) -> sp.Basic:
    r"""Parse one answer (already extracted) into sympy; never executes model text.

    Returns a sympy expression, or a `sympy.Tuple` for a list of values (a `FiniteSet` for `\{a, b\}`).
    Raises `ParseError` with the reason when the text is not an acceptable answer.

    >>> parse_answer(r"\frac{e^4}{12\pi s}", symbols=["e", "s"])
    e**4/(12*pi*s)
    >>> parse_answer("lambda**2/(32 pi s)", symbols=["lambda", "s"])
    lambda**2/(32*pi*s)
    >>> parse_answer(r"\sin^2\theta_W m_Z^2", symbols=["theta_W", "m_Z"])
    m_Z**2*sin(theta_W)**2
    """
    values, unordered = parse_values(text, symbols, assumptions)
    if len(values) == 1:
        return values[0]
    return sp.FiniteSet(*values) if unordered else sp.Tuple(*values)
