"""Code-answer variants `<family>.code` of expression families: "write a Python function" instead of
"box an expression" (the format of the paper's released data and of TPBench).

A variant's `generate` calls the base family's `generate` with the same RNG, parses the base's gold (our
own LaTeX, never model text) to sympy, and turns it into
  * a function signature whose parameters are the answer's symbols (`lambda` -> `lambda_`),
  * a reference implementation printed by sympy's Python code printer (trusted: our own gold),
  * deterministic test inputs drawn from the same RNG in a safe domain (positive values for positive
    symbols, integers for counts like N or N_c, signed values for symbols declared real), rejecting
    points where the answer is not a finite real number or where double precision loses digits,
  * expected outputs evaluated from the exact expression with 30 significant digits,
so the expression gold evaluated at the inputs equals the expected outputs by construction (tested in
tests/test_code_answers.py together with the reference passing the sandbox).
"""

from __future__ import annotations

import importlib
import keyword
import math
import random
import re
from dataclasses import dataclass

from qftdata.generators import registry
from qftdata.generators.base import Draft, Family, FamilyConfig

# (base family, module defining it, function name asked for, what it returns in words)
BASES: tuple[tuple[str, str, str, str], ...] = (
    ("scattering.ee_to_ffbar", "qftdata.generators.scattering.ee_to_ffbar", "dsigma_dcos", "the cross section"),
    ("decays.scalar_to_fermions", "qftdata.generators.decays.scalar_to_fermions", "decay_width", "the width"),
    ("rg.on_quartic_beta", "qftdata.generators.rg.on_quartic_beta", "beta_function", "the beta function"),
    ("loops.dimreg_master_integral", "qftdata.generators.loops.dimreg_master", "pole_coefficient",
     "the coefficient"),
    ("fermions.dirac_trace_symbolic", "qftdata.generators.fermions.dirac_trace_symbolic", "dirac_trace",
     "the trace"),
    ("rg.wilson_fisher_exponents", "qftdata.generators.rg.wilson_fisher", "scaling_dimension",
     "the scaling dimension"),
    ("xphysics.qm.harmonic_oscillator_matrix_element",
     "qftdata.generators.xphysics.qm.harmonic_oscillator_matrix_element", "matrix_element",
     "the matrix element"),
)

VARIANT_VERSION = 1  # bump when the conversion below changes what a (seed, index) produces

# Symbols that count things: test inputs are small integers.
COUNT_SYMBOLS = frozenset({"N", "N_c", "N_f", "n_f", "n_s", "N_s", "n", "d", "n_c"})
ALLOWED_IMPORTS_TEXT = "math, cmath, numpy, scipy, sympy and mpmath"


@dataclass(frozen=True)
class CodeVariantConfig(FamilyConfig):
    """n_cases: test inputs per problem; atol/rtol: tolerances of every case (relative by default:
    the answers span many orders of magnitude); low/high: range of positive inputs."""

    n_cases: int = 4
    atol: float = 1e-12
    rtol: float = 1e-6
    low: float = 0.2
    high: float = 5.0
    max_tries: int = 60

    def validate(self) -> None:
        if self.n_cases < 1:
            raise ValueError("CodeVariantConfig.n_cases must be >= 1")
        if not (0 < self.low < self.high):
            raise ValueError("CodeVariantConfig needs 0 < low < high")
        if self.atol < 0 or self.rtol < 0 or (self.atol == 0 and self.rtol == 0):
            raise ValueError("CodeVariantConfig tolerances must be >= 0 and not both 0")


def param_name(symbol: str) -> str:
    """A Python parameter name for an answer symbol: `lambda` -> `lambda_`, `m_{H}` -> `m_H`."""
    name = re.sub(r"[^0-9A-Za-z_]", "_", symbol.replace("{", "").replace("}", "")).strip("_") or "x"
    if name[0].isdigit():
        name = "x_" + name
    if keyword.iskeyword(name) or name in ("print", "exec", "eval", "math", "cmath"):
        name += "_"
    return name


def _parse_gold(draft: Draft):
    """The base draft's gold as sympy, parsed like the verifier parses golds (our LaTeX, not model text)."""
    try:
        from qftdata.verify import parse_answer
    except ImportError:  # pragma: no cover - the verifier is part of the package
        parse_answer = None
    if parse_answer is not None:
        return parse_answer(draft.answer, symbols=tuple(draft.symbols), assumptions=draft.assumptions or None)
    from qftdata.generators.testing import gold_expr  # pragma: no cover
    from qftdata.schema import Problem  # pragma: no cover

    return gold_expr(Problem(id="x", source="procedural", family="x", category="", level="", problem="x",
                             answer=draft.answer, answer_type="expression", symbols=list(draft.symbols)))


def reference_source(function: str, params: list[str], expr) -> str:
    """Python source of the reference implementation of `expr` (sympy, symbols already renamed)."""
    from sympy.printing.pycode import MpmathPrinter, PythonCodePrinter

    printer = PythonCodePrinter({"fully_qualified_modules": True, "standard": "python3"})
    body = printer.doprint(expr)
    module = "math"
    if getattr(printer, "_not_supported", None):
        printer = MpmathPrinter({"fully_qualified_modules": True})
        body = printer.doprint(expr)
        module = "mpmath"
        if getattr(printer, "_not_supported", None):
            raise ValueError(f"cannot print {expr} as Python")
        body = f"float(mpmath.re({body}))"
    args = ", ".join(f"{p}: float" for p in params)
    return f"import {module}\n\n\ndef {function}({args}) -> float:\n    return {body}\n"


def _draw(rng: random.Random, name: str, domain: str, cfg: CodeVariantConfig) -> float:
    if name in COUNT_SYMBOLS or domain in ("integer", "positive_integer"):
        return float(rng.randint(1, 6))
    if domain in ("real", "complex"):
        return round(rng.uniform(-cfg.high, cfg.high), 3)
    return round(rng.uniform(cfg.low, cfg.high), 3)


def build_code_answer(draft: Draft, rng: random.Random, function: str, what: str,
                      cfg: CodeVariantConfig) -> Draft:
    """Turn an expression draft into a code-answer draft (see module docstring)."""
    import sympy as sp

    from qftdata.verify.code import CodeCase, CodeSpec, Param

    expr = _parse_gold(draft)
    by_name = {str(s): s for s in expr.free_symbols}
    unknown = set(by_name) - set(draft.symbols)
    if unknown:
        raise ValueError(f"gold has undeclared symbols {sorted(unknown)}")
    symbols = [s for s in draft.symbols if s in by_name]
    names = [param_name(s) for s in symbols]
    if len(set(names)) != len(names):
        raise ValueError(f"parameter names collide: {names}")
    renamed = expr.xreplace({by_name[s]: sp.Symbol(n, real=True) for s, n in zip(symbols, names, strict=True)})
    numeric = sp.lambdify([sp.Symbol(n, real=True) for n in names], renamed, modules="math")
    cases: list[CodeCase] = []
    # A constant answer (no free symbols) has exactly one distinct test case.
    for _ in range(cfg.n_cases if names else 1):
        for _attempt in range(cfg.max_tries):
            inputs = {n: _draw(rng, s, draft.assumptions.get(s, "positive"), cfg)
                      for s, n in zip(symbols, names, strict=True)}
            exact = expr.xreplace({by_name[s]: sp.Rational(repr(inputs[n]))
                                   for s, n in zip(symbols, names, strict=True)})
            value = complex(sp.N(exact, 30))
            if not (math.isfinite(value.real) and math.isfinite(value.imag)) or \
                    abs(value.imag) > 1e-14 * max(1.0, abs(value.real)):
                continue
            try:
                approx = float(numeric(*[inputs[n] for n in names]))
            except (ValueError, ZeroDivisionError, OverflowError, TypeError):
                continue
            if abs(approx - value.real) > 1e-3 * (cfg.atol + cfg.rtol * abs(value.real)):
                continue  # double precision loses digits here: pick another point
            if any(c.inputs == inputs for c in cases):
                continue
            cases.append(CodeCase(inputs, value.real))
            break
        else:
            raise ValueError(f"no safe test input found for {draft.answer} after {cfg.max_tries} tries")
    spec = CodeSpec(function=function, params=tuple(Param(n, "float") for n in names), returns="float",
                    cases=tuple(cases), atol=cfg.atol, rtol=cfg.rtol)
    spec.validate()
    reference = reference_source(function, names, renamed)

    statement = re.sub(r"\s*Give [^\n]*?`\\boxed\{\}`\.?\s*$", "", draft.problem.rstrip())
    renames = [f"`{n}` stands for ${sp.latex(sp.Symbol(s))}$" for s, n in zip(symbols, names, strict=True)
               if n != s]
    note = (" In the signature, " + ", ".join(renames) + ".") if renames else ""
    statement += (
        f"\n\nInstead of a boxed expression, give {what} as a Python function with exactly this "
        f"signature:\n\n```python\n{spec.signature()}\n```\n\nIt must return {what} as a floating-point "
        f"number for numerical values of its arguments.{note} End your answer with the complete function "
        f"in a single ```python code block; you may import {ALLOWED_IMPORTS_TEXT}."
    )
    solution = (draft.solution.rstrip() + "\n\nAs a Python function (the answer to give):\n\n```python\n"
                + reference + "```")
    return Draft(
        problem=statement,
        answer=draft.answer,
        solution=solution,
        params={**draft.params, "code_inputs": [c.inputs for c in cases]},
        symbols=list(draft.symbols),
        answer_type="code",
        tolerance=0.0,
        assumptions=dict(draft.assumptions),
        code=spec.to_dict(),
        extra_metadata={**draft.extra_metadata, "code_variant_of": None, "reference_code": reference},
    )


def _make_generate(base_name: str, function: str, what: str):
    def generate(rng: random.Random, level: str, config: CodeVariantConfig) -> Draft:
        base = registry._REGISTRY[base_name]
        draft = base.generate(rng, level, base.config)
        out = build_code_answer(draft, rng, function, what, config)
        out.extra_metadata["code_variant_of"] = base_name
        return out

    generate.__name__ = f"generate_{function}"
    generate.__qualname__ = generate.__name__
    return generate


def _register_all() -> list[str]:
    """Register `<base>.code` for every base family whose module imports; returns the names."""
    done: list[str] = []
    for base_name, module, function, what in BASES:
        try:
            importlib.import_module(module)
        except ImportError:
            continue  # the base family was renamed or removed: tests/test_code_answers.py notices
        base: Family | None = registry._REGISTRY.get(base_name)
        if base is None:
            continue
        registry.register(Family(
            name=f"{base_name}.code",
            category=base.category,
            levels=base.levels,
            description=f"{base.description} (answer as a Python function, graded on test inputs)",
            generate=_make_generate(base_name, function, what),
            config=CodeVariantConfig(),
            version=100 * VARIANT_VERSION + base.version,  # a change of either gives new ids
            reference=base.reference,
        ))
        done.append(f"{base_name}.code")
    return done


REGISTERED: list[str] = _register_all()

__all__ = ["BASES", "REGISTERED", "CodeVariantConfig", "build_code_answer", "param_name", "reference_source"]
