"""Shared helpers of the cross-physics (``xphysics.*``) families.

The families compute every gold answer with sympy from first principles; these helpers only turn the
result into canonical LaTeX, word the statement the project's way (see /work/shared/CONVENTIONS.md,
"Cross-physics families": SI units with explicit constants unless a domain's natural units are stated)
and check that an answer string parses back to the expression it came from.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

import sympy as sp

from qftdata.generators.text import ask

__all__ = ["SI", "ask_in", "conventions", "make_draft", "parses_back", "pos", "solution_steps", "tex"]

SI = "SI units, with the physical constants written explicitly"


def pos(names: str) -> tuple[sp.Symbol, ...] | sp.Symbol:
    """Positive real symbols, like `sympy.symbols(names, positive=True)`."""
    return sp.symbols(names, positive=True)


def tex(expr) -> str:
    """Canonical LaTeX of a sympy expression (natural log printed as `\\ln`, never `\\log`)."""
    from qftdata.generators.text import latex

    return latex(sp.sympify(expr), ln_notation=True)  # trusted: generator-internal values, never model text


def conventions(*parts: str) -> str:
    return "*Conventions:* " + " ".join(p.strip() for p in parts if p.strip())


def ask_in(quantity: str, symbols: Sequence[sp.Symbol] = ()) -> str:
    """`text.ask` with the symbols written exactly as sympy prints them (e.g. `k_{B}`, `\\hbar`)."""
    return ask(quantity, [sp.latex(s) for s in symbols])


def solution_steps(steps: Iterable[str], answer: str) -> str:
    """Join derivation steps (Markdown/LaTeX) and end with the boxed answer."""
    body = "\n\n".join(s.strip() for s in steps if s.strip())
    return f"{body}\n\n$$\\boxed{{{answer}}}$$"


def parses_back(answer: str, expected, symbols: Sequence[str] = (), assumptions: dict | None = None,
                trials: int = 4, rtol: float = 1e-9) -> bool:
    """True when `answer` (LaTeX) parses back to `expected` (sympy), compared numerically.

    Uses the project verifier's `parse_answer` when it is installed, else `latex2sympy2_extended`; free
    symbols are matched by name and sampled at random positive points (real ones at signed points).
    """
    try:
        from qftdata.verify import parse_answer  # type: ignore[attr-defined]
    except ImportError:
        parse_answer = None
    try:
        if parse_answer is not None:
            parsed = parse_answer(answer, symbols=tuple(symbols), assumptions=assumptions)
        else:
            from latex2sympy2_extended import latex2sympy

            parsed = latex2sympy(answer)
    except Exception:  # noqa: BLE001 - any parse failure means "does not parse back"
        return False
    expected = sp.sympify(expected)  # trusted: generator-internal values, never model text
    assumptions = assumptions or {}
    rng = random.Random(answer)
    by_name_exp = {s.name: s for s in expected.free_symbols}
    for _ in range(trials):
        point = {}
        for name in set(by_name_exp) | {s.name for s in parsed.free_symbols}:
            lo, hi = (-2.0, 2.0) if assumptions.get(name) == "real" else (0.3, 2.5)
            point[name] = rng.uniform(lo, hi)
        a = complex(parsed.subs({s: point[s.name] for s in parsed.free_symbols}).evalf())
        b = complex(expected.subs({s: point[s.name] for s in expected.free_symbols}).evalf())
        if abs(a - b) > rtol * max(1.0, abs(b)):
            return False
    return True


def make_draft(*, problem: str, expr, steps: Iterable[str], params: dict, symbols: Sequence[sp.Symbol] = (),
               assumptions: dict[str, str] | None = None, answer_type: str = "expression",
               tolerance: float = 0.0, answer: str | None = None, difficulty: float | None = None,
               domain: Sequence[str] = ()):
    """Build the `Draft` of one problem from its computed sympy answer `expr`.

    The answer string is `tex(expr)` (or `answer` for a rounded decimal). With the environment variable
    `QFTDATA_XPHYSICS_CHECK=1` (set by the tests) it is parsed back and compared with `expr` before the
    draft is returned, so a gold the parser misreads fails loudly; the check is off by default because the
    LaTeX parser costs ~0.1 s per record. `difficulty` is the knob value the family realised.
    """
    import os

    from qftdata.generators.base import Draft

    names = [s.name for s in symbols]
    if answer is None and answer_type == "expression" and not sp.sympify(expr).free_symbols:  # trusted: generator-internal values, never model text
        answer_type = "numeric"  # an exact number (sqrt(2)/3, pi/2): compared exactly by the verifier
    answer = tex(expr) if answer is None else answer
    check = os.environ.get("QFTDATA_XPHYSICS_CHECK") == "1"
    if check and answer_type in ("expression", "numeric") and tolerance == 0 and not parses_back(answer, expr, names, assumptions):
        raise ValueError(f"answer {answer!r} does not parse back to {expr!r}")
    return Draft(problem=problem, answer=answer, solution=solution_steps(steps, answer), params=params,
                 symbols=names, answer_type=answer_type, tolerance=tolerance,
                 assumptions=dict(assumptions or {}), difficulty=difficulty, domain=list(domain))
