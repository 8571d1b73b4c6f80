"""What runs inside a verifier worker process: parse + compare, with the gold parse cached per process.

Imported (and so sympy and latex2sympy2 loaded) once by the forkserver, so a worker that replaces a killed
one starts in milliseconds. Returns plain tuples: nothing sympy-specific crosses the process boundary.
"""

from __future__ import annotations

import contextlib
import functools
import resource
import sys

import latex2sympy2_extended  # noqa: F401  (preloaded for fast worker start)
import sympy as sp

from qftdata.verify.compare import compare_values
from qftdata.verify.parse import ParseError, canonical_name, parse_values

# ANTLR builds its parsing DFA lazily and slowly (seconds for the first fraction); do it once here, in the
# forkserver, so every worker forked from it starts with a warm parser.
_WARMUP = (r"\frac{g^2 m_{H}}{8\pi}\left(1-\frac{4m^2}{m_H^2}\right)^{3/2}", r"\sqrt{1-\frac{4m^2}{s}}",
           r"\frac{1}{\epsilon}+\ln\frac{\mu^2}{m^2}-\gamma_E", r"-i\lambda \cdot 3\times 10^{-5}",
           r"\frac{11}{3}N-\frac{2}{3}n_f", r"\alpha_s^2 \cos^2\theta + \sin\theta_W e^{x} \Gamma(2-d/2)",
           r"|x| + x! + \zeta(3) + \mathrm{e}^{2} E_{cm}", r"\exp(-\frac{x^2}{2\sigma^2})\sqrt[3]{y}")
for _tex in _WARMUP:
    with contextlib.suppress(Exception):
        latex2sympy2_extended.latex2sympy(_tex)

MAX_SHOWN = 300  # characters of a parsed form kept in a Verdict


def init(memory_mb: int) -> None:
    """Worker initializer: cap the address space so a memory bomb dies instead of the machine."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))  # sympy recurses on nested trees
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def ping() -> bool:
    return True


def _show(values: list[sp.Basic], unordered: bool) -> str:
    try:
        text = ", ".join(str(v) for v in values)
    except (ValueError, RecursionError):  # e.g. an integer too long to print
        text = "<too large to print>"
    if unordered and len(values) > 1:
        text = "{" + text + "}"
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 3] + "..."


@functools.lru_cache(maxsize=512)
def _gold(gold: str, symbols: tuple[str, ...], assumptions: tuple[tuple[str, str], ...]):
    """(values, unordered, effective symbols, shown) or a ParseError; cached so a batch parses it once.

    Symbols the gold uses but the record forgot to declare are declared too (the gold is the authority),
    so both sides get the same assumptions.
    """
    amap = dict(assumptions)
    try:
        values, unordered = parse_values(gold, symbols, amap)
        declared = {canonical_name(s) for s in symbols}
        used = {s.name for v in values for s in v.free_symbols}
        if not used <= declared:
            symbols = tuple(sorted(declared | used))
            values, unordered = parse_values(gold, symbols, amap)
        return values, unordered, symbols, _show(values, unordered)
    except ParseError as exc:
        return exc
    except (RecursionError, MemoryError, TypeError, ValueError, AttributeError) as exc:
        return ParseError(f"{type(exc).__name__}: {exc}")


def check(pred: str | None, gold: str, answer_type: str, symbols: tuple[str, ...], tolerance: float,
          assumptions: tuple[tuple[str, str], ...]) -> tuple[str, str, str | None, str | None, bool]:
    """(status, reason, pred_parsed, gold_parsed, gold_error) for an extracted prediction."""
    g = _gold(gold, symbols, assumptions)
    if isinstance(g, ParseError):
        return "unparseable", f"gold answer does not parse: {g}", None, None, True
    gvals, unordered, eff_symbols, gshown = g
    if pred is None:  # no answer in the completion; only the gold needed checking
        return "no_answer", "", None, gshown, False
    try:
        pvals, _ = parse_values(pred, eff_symbols, dict(assumptions))
    except ParseError as exc:
        return "unparseable", str(exc), None, gshown, False
    except (RecursionError, MemoryError) as exc:
        return "unparseable", f"too complex to parse ({type(exc).__name__})", None, gshown, False
    except Exception as exc:  # a library bug on odd input must still give a verdict
        return "unparseable", f"parser error {type(exc).__name__}: {str(exc)[:100]}", None, gshown, False
    pshown = _show(pvals, False)
    allowed = frozenset(canonical_name(s) for s in eff_symbols)
    try:
        ok, why = compare_values(pvals, gvals, unordered, answer_type, tolerance, allowed)
    except MemoryError:
        return "timeout", "memory limit reached while comparing", pshown, gshown, False
    except RecursionError:
        return "incorrect", "too deeply nested to compare", pshown, gshown, False
    except Exception as exc:
        return "incorrect", f"comparison failed ({type(exc).__name__}: {str(exc)[:100]})", pshown, gshown, False
    return ("correct" if ok else "incorrect"), why, pshown, gshown, False

