"""Code-answer variants `<family>.code` of expression families: "write a Python function" instead of
"box an expression" (the format of the paper's released data and of TPBench).

A variant's `generate` calls the base family's `generate` with the same RNG, parses the base's gold (our
own LaTeX, never model text) to sympy, and turns it into
  * a function named after the quantity the statement asks for (`total_cross_section` or `dsigma_domega`,
    `pole_coefficient` or `finite_part`, `nu` or `inverse_nu` or `omega`: a solver who follows the name
    computes what is asked), with a fixed signature: every input the family can declare, in a fixed order,
    whatever survives in this draw's answer (a signature of survivors would leak the answer's structure;
    `lambda` -> `lambda_`),
  * a reference implementation printed by sympy's Python code printer (trusted: our own gold),
  * deterministic test inputs drawn from the same RNG in a safe domain (positive values for positive
    symbols, integers for counts like N or N_c, signed values for symbols declared real) inside the
    draft's physical region (`Draft.domain`), rejecting points where the answer is not a finite real
    number or where double precision loses digits,
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
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from qftdata.generators import registry
from qftdata.generators.base import Draft, Family, FamilyConfig


@dataclass(frozen=True)
class Base:
    """A base family and how its code variant names things.

    inputs: every symbol the base family can declare, in signature order (the fixed signature);
    quantity: the param that says what the statement asks for (None: always the same quantity), `default`
        its value when a draw's params lack it;
    names: value of that param -> (function name, what it returns in words); "" keys the only quantity.
    A value missing from `names` is named after itself (tests/test_code_variants.py asks for an entry).
    """

    family: str
    module: str
    inputs: tuple[str, ...]
    names: Mapping[str, tuple[str, str]]
    quantity: str | None = None
    default: str = ""

    def param_names(self) -> list[str]:
        """The fixed signature's parameter names (`lambda` -> `lambda_`)."""
        return [param_name(s) for s in self.inputs]

    def function_for(self, params: Mapping[str, Any]) -> tuple[str, str]:
        key = "" if self.quantity is None else str(params.get(self.quantity, self.default))
        if key in self.names:
            return self.names[key]
        if not key:
            raise ValueError(f"{self.family}.code: no quantity in params {sorted(params)}")
        return param_name(key), "the quantity asked for"


_P = tuple(f"P_{i}{j}" for i in range(1, 5) for j in range(i, 5))
BASES: tuple[Base, ...] = (
    Base("scattering.ee_to_ffbar", "qftdata.generators.scattering.ee_to_ffbar", ("alpha", "s", "m_f", "Q", "N_c"),
         {"sigma": ("total_cross_section", "the total cross section"),
          "sigma_window": ("window_cross_section", "the cross section integrated over the stated angular window"),
          "dsigma_dcos": ("dsigma_dcos", "the differential cross section d(sigma)/d(cos theta)"),
          "dsigma_domega": ("dsigma_domega", "the differential cross section d(sigma)/d(Omega)")}, "quantity"),
    Base("decays.scalar_to_fermions", "qftdata.generators.decays.scalar_to_fermions",
         ("g", "g_S", "g_P", "y_L", "y_R", "v", "M", "m", "m_1", "m_2", "N_c"),
         {"": ("decay_width", "the decay width")}),
    Base("rg.on_quartic_beta", "qftdata.generators.rg.on_quartic_beta", ("lambda", "g", "N"),
         {"lambda": ("beta_lambda", "the beta function of lambda"), "g": ("beta_g", "the beta function of g")},
         "which", "lambda"),
    Base("loops.dimreg_master_integral", "qftdata.generators.loops.dimreg_master", ("Delta", "mu"),
         {"value": ("integral_value", "the value of the integral"),
          "pole": ("pole_coefficient", "the coefficient of the 1/epsilon pole"),
          "finite": ("finite_part", "the O(epsilon^0) (finite) part"),
          "order1": ("epsilon1_coefficient", "the coefficient of epsilon^1"),
          "order2": ("epsilon2_coefficient", "the coefficient of epsilon^2")}, "want"),
    Base("fermions.dirac_trace_symbolic", "qftdata.generators.fermions.dirac_trace_symbolic", (*_P, "m"),
         {"": ("dirac_trace", "the trace")}),
    Base("rg.wilson_fisher_exponents", "qftdata.generators.rg.wilson_fisher", ("epsilon", "N"),
         {"nu": ("nu", "the exponent nu"), "inv_nu": ("inverse_nu", "the inverse exponent 1/nu"),
          "omega": ("omega", "the correction-to-scaling exponent omega"),
          "gamma_m": ("gamma_m", "the mass anomalous dimension gamma_m"),
          "delta_phi2": ("delta_phi2", "the scaling dimension of phi^2"),
          "delta_T": ("delta_T", "the scaling dimension of the traceless symmetric bilinear"),
          "gamma_T": ("gamma_T", "the anomalous dimension gamma_T"),
          "gamma": ("susceptibility_exponent_gamma", "the susceptibility exponent gamma"),
          "alpha": ("specific_heat_exponent_alpha", "the specific-heat exponent alpha"),
          "beta": ("order_parameter_exponent_beta", "the order-parameter exponent beta"),
          "eta": ("eta", "the exponent eta"), "delta_phi": ("delta_phi", "the scaling dimension of phi"),
          "delta_traceless": ("delta_traceless", "the scaling dimension of the symmetric traceless operator"),
          "delta_singlet": ("delta_singlet", "the scaling dimension of the singlet operator"),
          "cubic_omega": ("cubic_stability_eigenvalue", "the smaller stability eigenvalue at the cubic fixed point"),
          "cubic_slope": ("cubic_anisotropy_exponent", "the stability exponent of the cubic anisotropy")}, "want"),
    Base("xphysics.qm.harmonic_oscillator_matrix_element",
         "qftdata.generators.xphysics.qm.harmonic_oscillator_matrix_element", ("hbar", "m", "omega"),
         {"": ("matrix_element", "the matrix element")}),
)

VARIANT_VERSION = 3  # bump when the conversion below changes what a (seed, index) produces
# 2: function named after the quantity asked; fixed signature of every input the family declares
# 3: signatures grew with the base families' new inputs (m_1, m_2, g); names for their new quantities

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
    """Python source of the reference implementation of `expr` (sympy, symbols already renamed): `math` when
    it has every function (zeta, polylog, ... are not in `math`), else `mpmath`."""
    from sympy.printing.codeprinter import PrintMethodNotImplementedError
    from sympy.printing.pycode import MpmathPrinter, PythonCodePrinter

    def _print(printer) -> str | None:
        try:
            body = printer.doprint(expr)
        except PrintMethodNotImplementedError:  # sympy >= 1.13 is strict by default
            return None
        return None if getattr(printer, "_not_supported", None) else body

    module, body = "math", _print(PythonCodePrinter({"fully_qualified_modules": True, "standard": "python3"}))
    if body is None:  # a constant such as zeta(3) that `math` lacks: print its value to 30 digits
        import sympy as sp

        expr = expr.xreplace({f: sp.Float(f.evalf(30), 30) for f in expr.atoms(sp.Function) if f.is_number})
        body = _print(PythonCodePrinter({"fully_qualified_modules": True, "standard": "python3"}))
    if body is None:
        module, body = "mpmath", _print(MpmathPrinter({"fully_qualified_modules": True}))
        if body is None:
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


def _in_domain(domain: list[str], point: dict[str, float]) -> bool:
    """Does `point` (symbol name -> value) satisfy every inequality of the draft's physical region?

    The region is generator-internal text such as "s > 4*m_f^2" (never model text)."""
    import sympy as sp

    for text in domain:
        names = {n: sp.Symbol(n) for n in point}
        try:
            rel = sp.sympify(text.replace("^", "**"), locals=names)  # trusted: generator-internal values, never model text
            if not bool(rel.subs({names[n]: sp.Rational(repr(v)) for n, v in point.items()})):
                return False
        except (TypeError, ValueError, SyntaxError, AttributeError, sp.SympifyError):
            continue  # an inequality this check cannot read constrains nothing here
    return True


def build_code_answer(draft: Draft, rng: random.Random, function: str, what: str,
                      cfg: CodeVariantConfig, inputs: tuple[str, ...] = ()) -> Draft:
    """Turn an expression draft into a code-answer draft (see module docstring).

    `inputs`: the family's fixed signature (every symbol it can declare); a symbol this draft declares
    beyond it is appended (tests/test_code_variants.py flags such a base family).
    """
    import sympy as sp

    from qftdata.verify.code import CodeCase, CodeSpec, Param

    expr = _parse_gold(draft)
    by_name = {str(s): s for s in expr.free_symbols}
    unknown = set(by_name) - set(draft.symbols)
    if unknown:
        raise ValueError(f"gold has undeclared symbols {sorted(unknown)}")
    symbols = list(inputs) + [s for s in draft.symbols if s not in inputs]
    names = [param_name(s) for s in symbols]
    if len(set(names)) != len(names):
        raise ValueError(f"parameter names collide: {names}")
    sym_of = {s: by_name.get(s, sp.Symbol(s, positive=True)) for s in symbols}
    renamed = expr.xreplace({sym_of[s]: sp.Symbol(n, real=True) for s, n in zip(symbols, names, strict=True)})
    numeric = sp.lambdify([sp.Symbol(n, real=True) for n in names], renamed, modules=["math", "mpmath"])
    cases: list[CodeCase] = []
    for _ in range(cfg.n_cases):
        for _attempt in range(cfg.max_tries):
            values = {n: _draw(rng, s, draft.assumptions.get(s, "positive"), cfg)
                      for s, n in zip(symbols, names, strict=True)}
            if draft.domain and not _in_domain(draft.domain, {s: values[n] for s, n in zip(symbols, names, strict=True)}):
                continue
            exact = expr.xreplace({sym_of[s]: sp.Rational(repr(values[n]))
                                   for s, n in zip(symbols, names, strict=True) if sym_of[s] in expr.free_symbols})
            value = complex(sp.N(exact, 30))
            if not (math.isfinite(value.real) and math.isfinite(value.imag)) or \
                    abs(value.imag) > 1e-14 * max(1.0, abs(value.real)):
                continue
            try:
                approx = float(numeric(*[values[n] for n in names]))
            except (ValueError, ZeroDivisionError, OverflowError, TypeError):
                continue
            if abs(approx - value.real) > 1e-3 * (cfg.atol + cfg.rtol * abs(value.real)):
                continue  # double precision loses digits here: pick another point
            if any(c.inputs == values for c in cases):
                continue
            cases.append(CodeCase(values, value.real))
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
        f"number for numerical values of its arguments.{note} The signature is the same for every problem of "
        f"this kind: an argument that this problem does not define, or fixes to a number, must be accepted "
        f"and ignored. End your answer with the complete function in a single ```python code block; you may "
        f"import {ALLOWED_IMPORTS_TEXT}."
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
        difficulty=draft.difficulty,
        domain=list(draft.domain),
    )


def _make_generate(base: Base):
    def generate(rng: random.Random, level: str, config: CodeVariantConfig) -> Draft:
        family = registry._REGISTRY[base.family]
        draft = family.generate(rng, level, replace(family.config, difficulty=config.difficulty))
        function, what = base.function_for(draft.params)
        out = build_code_answer(draft, rng, function, what, config, base.inputs)
        out.extra_metadata["code_variant_of"] = base.family
        return out

    generate.__name__ = f"generate_{base.family.replace('.', '_')}_code"
    generate.__qualname__ = generate.__name__
    return generate


def _register_all() -> list[str]:
    """Register `<base>.code` for every base family whose module imports; returns the names."""
    done: list[str] = []
    for base in BASES:
        try:
            importlib.import_module(base.module)
        except ImportError:
            continue  # the base family was renamed or removed: tests/test_code_answers.py notices
        family: Family | None = registry._REGISTRY.get(base.family)
        if family is None:
            continue
        registry.register(Family(
            name=f"{base.family}.code",
            category=family.category,
            levels=family.levels,
            description=f"{family.description} (answer as a Python function, graded on test inputs)",
            generate=_make_generate(base),
            config=CodeVariantConfig(),
            version=100 * VARIANT_VERSION + family.version,  # a change of either gives new ids
            reference=family.reference,
            categorical=family.categorical,
        ))
        done.append(f"{base.family}.code")
    return done


REGISTERED: list[str] = _register_all()

__all__ = ["BASES", "REGISTERED", "Base", "CodeVariantConfig", "build_code_answer", "param_name",
           "reference_source"]
