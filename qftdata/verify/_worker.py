"""What runs inside a verifier worker process: extract + parse + compare, with the gold cached per process.

Imported (and so sympy, pint and the LaTeX parsers loaded) once by the forkserver, so a new worker starts
in milliseconds. Everything that touches the completion runs here, under the check's hard time limit:
the caller only slices the text. Returns plain tuples: nothing sympy-specific crosses the process boundary.
"""

from __future__ import annotations

import contextlib
import functools
import resource
import signal
import sys
from dataclasses import dataclass

import latex2sympy2_extended  # noqa: F401  (preloaded for fast worker start)
import sympy as sp

from qftdata.verify.answer import Answer, Item, parse_structured
from qftdata.verify.compare import NoDomainPoint, compare_categorical, compare_values
from qftdata.verify.domain import Relation, parse_relations
from qftdata.verify.extract import clean_answer, extract
from qftdata.verify.names import Names, ParseError, canonical_name
from qftdata.verify.parse import parse_expression
from qftdata.verify.units import UnitError, conversion, dimensionless_factor, parse_unit, unit_from_statement

MAX_SHOWN = 300  # characters of a parsed form kept in a Verdict

# ANTLR builds its parsing DFA lazily and slowly (seconds for the first fraction); do it once here, in the
# forkserver, so every worker forked from it starts with a warm parser. pint's registry likewise.
_WARMUP = (r"\frac{g^2 m_{H}}{8\pi}\left(1-\frac{4m^2}{m_H^2}\right)^{3/2}", r"\int_0^1 x\,dx",
           r"\sum_{n=1}^{\infty} \frac{1}{n^2}", r"\frac{1}{\epsilon}+\ln\frac{\mu^2}{m^2}-\gamma_E")
for _tex in _WARMUP:
    with contextlib.suppress(Exception):
        latex2sympy2_extended.latex2sympy(_tex)
with contextlib.suppress(Exception):
    parse_unit(r"\mathrm{GeV}^{-2}")

Result = tuple[str, str, "str | None", "str | None", "str | None", bool]  # status, reason, extracted, pred, gold, gold_error


def init(memory_mb: int) -> None:
    """Cap the address space so a memory bomb dies instead of the machine; die at once on SIGTERM."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))  # sympy recurses on nested trees
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the caller, which kills its workers
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def serve(conn, memory_mb: int) -> None:
    """Worker main loop: a task tuple in, a Result out; None is a ping. Exits when the caller goes away."""
    init(memory_mb)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            res: object = "pong"
        elif isinstance(task, tuple) and task and task[0] == "__rlimit__":
            res = resource.getrlimit(resource.RLIMIT_AS)
        else:
            try:
                res = check(*task)
            except MemoryError:
                res = ("timeout", "memory limit reached", None, None, None, False)
            except BaseException as exc:  # noqa: BLE001 - a verdict is always returned
                res = ("unparseable", f"verifier error {type(exc).__name__}: {str(exc)[:100]}", None, None, None, False)
        try:
            conn.send(res)
        except (OSError, ValueError):
            return


def _show(items, unordered: bool) -> str:
    try:
        text = ", ".join((f"{it.label} = " if it.label else "") + str(it.value) +
                         (f" [{it.unit}]" if it.unit else "") for it in items)
    except (ValueError, RecursionError):  # e.g. an integer too long to print
        text = "<too large to print>"
    if unordered and len(items) > 1:
        text = "{" + text + "}"
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 3] + "..."


@dataclass(frozen=True)
class _Gold:
    answer: Answer
    symbols: tuple[str, ...]
    relations: tuple[Relation, ...]
    unit: str | None
    shown: str


def _gold_text(gold: str) -> str:
    if "\\boxed" in gold or "\\fbox" in gold:
        found = extract(gold).answer
        if found is not None:
            return found
    return clean_answer(gold)


def _relation_side(text: str, names: Names) -> sp.Basic:
    return parse_expression(text, names)[0]


@functools.lru_cache(maxsize=512)
def _gold(gold: str, symbols: tuple[str, ...], assumptions: tuple[tuple[str, str], ...],
          domain: tuple[str, ...], numeric: bool, unit: str | None) -> _Gold | str:
    """The parsed gold (or the reason it is broken); cached so a batch parses it once per worker.

    Symbols the gold uses but the record forgot to declare are declared too (the gold is the authority),
    so both sides get the same assumptions. Domain relations may only use declared symbols.
    """
    amap = dict(assumptions)
    try:
        text = _gold_text(gold)
        answer = parse_structured(text, Names(symbols, amap), units=numeric)
        declared = {canonical_name(s) for s in symbols}
        used = {s.name for it in answer.items for s in it.value.free_symbols}
        if not used <= declared:
            symbols = tuple(sorted(declared | used))
            answer = parse_structured(text, Names(symbols, amap), units=numeric)
        names = Names(symbols, amap)
        relations = tuple(parse_relations(domain, names, _relation_side))
        for rel in relations:
            stray = sorted(s.name for s in rel.expr.free_symbols if s.name not in names.declared)
            if stray:
                return f"domain relation {rel.text!r} uses undeclared symbol(s) {', '.join(stray)}"
        gold_unit = next((it.unit for it in answer.items if it.unit), None)
        if gold_unit is not None:
            answer = _in_unit(answer, gold_unit)[0]
        return _Gold(answer, symbols, relations, gold_unit or unit, _show(answer.items, answer.unordered))
    except (ParseError, UnitError) as exc:
        return str(exc)
    except (RecursionError, MemoryError, TypeError, ValueError, AttributeError) as exc:
        return f"{type(exc).__name__}: {exc}"


def _in_unit(answer: Answer, unit: str | None) -> tuple[Answer, bool]:
    """The answer with every value converted into `unit` (exact?); UnitError for a wrong dimension or a
    unit when none is asked for."""
    exact = True
    items = []
    for it in answer.items:
        value = it.value
        if it.unit is not None:
            if unit is None:
                factor = dimensionless_factor(it.unit)
                if factor is None:
                    raise UnitError(f"the answer gives a unit ({it.unit}) but the record does not name the unit "
                                    "it asks for; give the bare number")
                exact = False
            else:
                factor, factor_exact = conversion(it.unit, unit)
                exact &= factor_exact
            value = value * sp.Rational(factor)
        items.append(Item(it.label, value, None))
    return Answer(items, answer.unordered, answer.approximate, answer.values), exact


def check(completion: str | None, gold: str, answer_type: str, symbols: tuple[str, ...], tolerance: float,
          assumptions: tuple[tuple[str, str], ...], domain: tuple[str, ...] = (), unit: str | None = None,
          choices: tuple[str, ...] = (), statement: str | None = None) -> Result:
    """(status, reason, pred_parsed, gold_parsed, gold_error) for one completion (see core.verify)."""
    found = extract(completion)
    if answer_type == "categorical":
        gold_text = _gold_text(gold)
        if found.answer is None:
            return _no_answer(found.why, gold_text)
        ok, why = compare_categorical(found.answer, gold_text, tuple(choices or ()))
        return ("correct" if ok else "incorrect"), why, found.answer, found.answer, gold_text, False
    numeric = answer_type == "numeric"
    if numeric and unit is None and statement:
        unit = unit_from_statement(statement)  # "... in GeV." (the record's unit, when the gold has none)
    g = _gold(gold, symbols, assumptions, domain, numeric, unit)
    if isinstance(g, str):
        return "unparseable", f"gold answer does not parse: {g}", found.answer, None, None, True
    if found.answer is None:
        return _no_answer(found.why, g.shown)
    text = found.answer
    if len(g.answer.items) > 1 and found.group:  # `\boxed{1}, \boxed{2}` for a two-value gold
        text = ", ".join(found.group)
    names = Names(g.symbols, dict(assumptions))
    try:
        pred = parse_structured(text, names, units=numeric, values=g.answer.values)
    except ParseError as exc:
        return "unparseable", str(exc), text, None, g.shown, False
    except (RecursionError, MemoryError) as exc:
        return "unparseable", f"too complex to parse ({type(exc).__name__})", text, None, g.shown, False
    except Exception as exc:  # noqa: BLE001 - a library bug on odd input must still give a verdict
        return "unparseable", f"parser error {type(exc).__name__}: {str(exc)[:100]}", text, None, g.shown, False
    pshown = _show(pred.items, False)
    exact = not g.answer.approximate
    if numeric:
        try:
            pred, conv_exact = _in_unit(pred, g.unit)
        except UnitError as exc:
            return "incorrect", str(exc), text, pshown, g.shown, False
        if not conv_exact:  # degrees -> radians: the factor is a float
            exact, tolerance = False, max(float(tolerance or 0.0), 1e-12)
    allowed = frozenset(canonical_name(s) for s in g.symbols)
    try:
        ok, why = compare_values([it.value for it in pred.items], [it.value for it in g.answer.items],
                                 g.answer.unordered, answer_type, tolerance, allowed, exact=exact,
                                 relations=g.relations, pred_labels=[it.label for it in pred.items],
                                 gold_labels=[it.label for it in g.answer.items])
    except NoDomainPoint as exc:
        return "unparseable", f"record domain: {exc}", text, pshown, g.shown, True
    except MemoryError:
        return "timeout", "memory limit reached while comparing", text, pshown, g.shown, False
    except RecursionError:
        return "incorrect", "too deeply nested to compare", text, pshown, g.shown, False
    except Exception as exc:  # noqa: BLE001
        return "incorrect", f"comparison failed ({type(exc).__name__}: {str(exc)[:100]})", text, pshown, g.shown, False
    return ("correct" if ok else "incorrect"), why, text, pshown, g.shown, False


def _no_answer(why: str, gold_shown: str | None) -> Result:
    return ("unparseable" if "unbalanced" in why else "no_answer"), why, None, None, gold_shown, False
