"""Turn an answer string into sympy, without executing anything from the model.

Two front ends, chosen by content:
- plain text (`e^4/(12*pi*s)`, `sqrt(1-4*m**2/s)`, `lambda**2/(32 pi s)`): our own tokenizer inserts the
  implicit `*`, renames Python keywords (`lambda`), then `ast.parse(mode="eval")` gives a tree that we walk
  over a whitelist (numbers, names, + - * / ** and calls of whitelisted functions), building sympy objects
  directly; anything else (attributes, strings, subscripts, lambdas, ...) is a `ParseError`.
- LaTeX (anything with a backslash or a brace): latex2sympy2_extended 1.0.6 after a few rewrites it gets wrong
  for physics (`\\log` is base 10 there, `E_1` does not parse, a declared `e` would become Euler's number).

Both outputs then go through one rebuild that applies the conventions of CONVENTIONS.md: symbol names get one
spelling (`\\lambda`->`lambda`, `m_{H}`->`m_H`, `\\Lambda_{\\text{QCD}}`->`Lambda_QCD`, `\\varepsilon`->`epsilon`),
declared symbols get their assumptions (positive unless told otherwise), `e`/`i`/`pi`/`gamma_E`/`zeta_3` are
constants unless declared, and numeric powers whose value would be astronomically large stay unevaluated
(so `10^{10^{10}}` is never computed; `has_huge_power` lets the comparison refuse it).
"""

from __future__ import annotations

import ast
import functools
import keyword
import math
import re
from collections.abc import Iterable, Mapping

import sympy as sp
from sympy.core.function import AppliedUndef

from qftdata.verify.extract import split_top_level

__all__ = ["ParseError", "parse_answer", "parse_values", "canonical_name", "has_huge_power", "MAX_LENGTH"]

MAX_LENGTH = 10_000  # characters after extraction; longer answers are not physics answers.
MAX_POW_BITS = 20_000  # an exact numeric power larger than this stays unevaluated.
MAX_EXPONENT = 10_000  # |exponent| above this (symbolic base) marks an answer as absurd.

_ASSUMPTIONS: dict[str, dict[str, bool]] = {
    "positive": {"positive": True},
    "nonnegative": {"nonnegative": True},
    "real": {"real": True},
    "complex": {"complex": True},
    "integer": {"integer": True},
    "positive_integer": {"integer": True, "positive": True},
}
_VARIANTS = {"varepsilon": "epsilon", "vartheta": "theta", "varphi": "phi", "varrho": "rho", "varsigma": "sigma"}
_CONSTANTS = {"e": sp.E, "i": sp.I, "pi": sp.pi, "gamma_E": sp.EulerGamma, "EulerGamma": sp.EulerGamma,
              "zeta_3": sp.zeta(3), "zeta_5": sp.zeta(5), "oo": sp.oo, "infty": sp.oo}


class ParseError(ValueError):
    """The answer text is not an expression this verifier accepts (the message says why)."""


# ---------------------------------------------------------------------------------------------- names


def canonical_name(name: str) -> str:
    r"""One spelling per symbol: `\lambda`->`lambda`, `m_{H}`->`m_H`, `\Lambda_{\text{QCD}}`->`Lambda_QCD`.

    >>> [canonical_name(n) for n in (r"\lambda", "m_{H}", r"\Lambda_{\text{QCD}}", r"m_{\pi}", r"\varepsilon")]
    ['lambda', 'm_H', 'Lambda_QCD', 'm_pi', 'epsilon']
    """
    s = name.strip()
    if s.startswith("kw__"):
        s = s[4:]
    s = re.sub(r"\\(?:text|textrm|mathrm|rm|mathit|it|mathbf|bf|operatorname)(?![A-Za-z])", "", s)
    s = re.sub(r"\\ast(?![A-Za-z])|\*", "star", s)  # g_* and g_{\ast} -> g_star
    s = re.sub(r"[\\{}\s]", "", s)
    s = re.sub(r"_+", "_", s).strip("_") or s
    return "_".join(_VARIANTS.get(part, part) for part in s.split("_"))


class _Names:
    """Name -> sympy object under the record's declarations (shared by both front ends)."""

    def __init__(self, symbols: Iterable[str], assumptions: Mapping[str, str] | None):
        assumptions = {canonical_name(k): v for k, v in (assumptions or {}).items()}
        for name, dom in assumptions.items():
            if dom not in _ASSUMPTIONS:
                raise ParseError(f"assumptions: unknown domain {dom!r} for {name!r}")
        self.declared = {canonical_name(s) for s in symbols if str(s).strip()}
        self._cache: dict[str, sp.Basic] = {}
        for name in self.declared:
            self._cache[name] = sp.Symbol(name, **_ASSUMPTIONS[assumptions.get(name, "positive")])
        for name, dom in assumptions.items():  # an assumption implies a declaration
            if name not in self._cache:
                self.declared.add(name)
                self._cache[name] = sp.Symbol(name, **_ASSUMPTIONS[dom])

    def __call__(self, raw: str) -> sp.Basic:
        name = canonical_name(raw)
        if not name or name.startswith("__"):
            raise ParseError(f"bad name {raw!r}")
        if name in self._cache:
            return self._cache[name]
        obj = _CONSTANTS.get(name)
        if obj is None:
            obj = sp.Symbol(name)
        self._cache[name] = obj
        return obj


# ------------------------------------------------------------------------------------------- powers


def _pow_bits(base: sp.Basic, exp: sp.Basic) -> float:
    """Rough size in bits of an exact numeric power (inf if the exponent itself is unevaluated/huge)."""
    if not exp.is_Number:  # e.g. 2^{\sqrt{2}} is harmless; 2^{(2^{65536})} is not
        return math.inf if has_huge_power(exp) else 0.0
    if not base.is_Rational or not exp.is_Rational:
        return 0.0  # floats and irrationals stay small or symbolic
    p, q = abs(int(base.p)), int(base.q)
    if p <= 1 and q == 1:
        return 0.0
    return abs(float(exp)) * max(math.log2(p or 1), math.log2(q), 1.0)


def _safe_pow(base: sp.Basic, exp: sp.Basic) -> sp.Basic:
    numeric_base = base.is_Number or (isinstance(base, sp.Pow) and not base.free_symbols)
    if numeric_base and (exp.is_Number or not exp.free_symbols) and _pow_bits(base, exp) > MAX_POW_BITS:
        return sp.Pow(base, exp, evaluate=False)
    if not exp.is_Number and not exp.free_symbols and has_huge_power(exp):
        return sp.Pow(base, exp, evaluate=False)
    if exp.is_Number and abs(exp) > MAX_EXPONENT:
        return sp.Pow(base, exp, evaluate=False)
    return sp.Pow(base, exp)


def has_huge_power(expr: sp.Basic) -> bool:
    """True if `expr` holds a power kept unevaluated for its size (or an exponent beyond MAX_EXPONENT)."""
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Pow):
            b, e = node.args
            if e.is_Number and abs(e) > MAX_EXPONENT:
                return True
            if not e.is_Number and not e.free_symbols and isinstance(e, sp.Pow) and has_huge_power(e):
                return True
            if (b.is_Number or not b.free_symbols) and not e.free_symbols and _pow_bits(b, e) > MAX_POW_BITS:
                return True
    return False


def _safe_factorial(arg: sp.Basic) -> sp.Basic:
    if arg.is_Integer and arg > 1000:
        return sp.factorial(arg, evaluate=False)
    return sp.factorial(arg)


# -------------------------------------------------------------------------------------- plain text

_FUNCS: dict[str, object] = {
    "sqrt": sp.sqrt, "exp": sp.exp, "ln": sp.log, "sin": sp.sin, "cos": sp.cos, "tan": sp.tan,
    "cot": sp.cot, "sec": sp.sec, "csc": sp.csc, "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh,
    "asin": sp.asin, "acos": sp.acos, "atan": sp.atan, "arcsin": sp.asin, "arccos": sp.acos,
    "arctan": sp.atan, "asinh": sp.asinh, "acosh": sp.acosh, "atanh": sp.atanh, "arcsinh": sp.asinh,
    "arccosh": sp.acosh, "arctanh": sp.atanh, "abs": sp.Abs, "Abs": sp.Abs, "zeta": sp.zeta,
    "gamma": sp.gamma, "Gamma": sp.gamma, "erf": sp.erf, "binomial": sp.binomial, "polylog": sp.polylog,
    "Li2": lambda x: sp.polylog(2, x), "factorial": _safe_factorial, "cbrt": sp.cbrt,
    "re": sp.re, "im": sp.im, "conjugate": sp.conjugate,
}
_TOKEN_RE = re.compile(
    r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>\*\*|[-+*/^(),]))"
)
_UNICODE = {"π": " pi ", "α": " alpha ", "β": " beta ", "γ": " gamma ", "λ": " lambda ", "μ": " mu ",
            "ε": " epsilon ", "θ": " theta ", "σ": " sigma ", "Λ": " Lambda ", "·": "*", "×": "*",
            "−": "-", "²": "^2", "³": "^3", "√": "sqrt"}


def _plain_tokens(text: str) -> str:
    """Tokenize plain math, insert implicit `*`, `^`->`**`, keywords -> `kw__lambda`; ParseError on junk."""
    out: list[tuple[str, str]] = []
    pos, n = 0, len(text)
    while pos < n:
        m = _TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise ParseError(f"unexpected character {text[pos]!r} in plain-text answer")
        pos = m.end()
        kind = m.lastgroup
        tok = m.group(kind)
        if kind == "name":
            if tok.startswith("__"):
                raise ParseError(f"name {tok!r} not allowed")
            if tok == "lambda":  # the phi^4 coupling, a Python keyword
                tok = "kw__lambda"
            elif keyword.iskeyword(tok) or keyword.issoftkeyword(tok):
                raise ParseError(f"{tok!r} is Python syntax, not part of an answer")
        if kind == "op" and tok == "^":
            tok = "**"
        if out:
            pk, pt = out[-1]
            left = pk in ("num", "name") or pt == ")"
            right = kind in ("num", "name") or tok == "("
            call = pk == "name" and tok == "(" and pt in _FUNCS
            if left and right and not (pk == "num" and kind == "num") and not call:
                out.append(("op", "*"))
        out.append((kind, tok))
    return " ".join(t for _, t in out)


def _inert(op: ast.operator, a: sp.Basic, b: sp.Basic) -> sp.Basic:
    if isinstance(op, ast.Add):
        return sp.Add(a, b, evaluate=False)
    if isinstance(op, ast.Sub):
        return sp.Add(a, sp.Mul(-1, b, evaluate=False), evaluate=False)
    if isinstance(op, ast.Mult):
        return sp.Mul(a, b, evaluate=False)
    if isinstance(op, ast.Div):
        return sp.Mul(a, sp.Pow(b, -1, evaluate=False), evaluate=False)
    raise ParseError(f"operator {type(op).__name__} not allowed")


class _PlainBuilder:
    def __init__(self, names: _Names, source: str):
        self.names = names
        self.source = source

    def build(self, node: ast.AST) -> sp.Basic:
        if isinstance(node, ast.Expression):
            return self.build(node.body)
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise ParseError("only numbers are allowed as constants")
            if isinstance(node.value, int):
                return sp.Integer(node.value)
            text = ast.get_source_segment(self.source, node) or repr(node.value)
            digits = len(re.sub(r"[^0-9]", "", text.split("e")[0].split("E")[0]))
            return sp.Float(text, max(15, digits))
        if isinstance(node, ast.Name):
            return self.names(node.id)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
            val = self.build(node.operand)
            return -val if isinstance(node.op, ast.USub) else val
        if isinstance(node, ast.BinOp):
            a, b = self.build(node.left), self.build(node.right)
            if not isinstance(node.op, ast.Pow) and (has_huge_power(a) or has_huge_power(b)):
                return _inert(node.op, a, b)  # never let sympy cancel/multiply out giant numbers
            if isinstance(node.op, ast.Add):
                return a + b
            if isinstance(node.op, ast.Sub):
                return a - b
            if isinstance(node.op, ast.Mult):
                return a * b
            if isinstance(node.op, ast.Div):
                return a / b
            if isinstance(node.op, ast.Pow):
                return _safe_pow(a, b)
            raise ParseError(f"operator {type(node.op).__name__} not allowed")
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCS:
                raise ParseError("only whitelisted functions may be called")
            if node.keywords or any(isinstance(a, ast.Starred) for a in node.args) or not node.args:
                raise ParseError("function calls take plain positional arguments")
            args = [self.build(a) for a in node.args]
            name = node.func.id
            if name in ("log", "ln"):
                if len(args) == 2:
                    return sp.log(args[0]) / sp.log(args[1])
                if len(args) != 1:
                    raise ParseError("log takes one or two arguments")
                return sp.log(args[0])
            try:
                return _FUNCS[name](*args)
            except TypeError as exc:
                raise ParseError(f"bad call of {name}: {exc}") from None
        raise ParseError(f"{type(node).__name__} is not allowed in an answer")


_FUNCS["log"] = sp.log  # dispatched specially above (natural log; two args = base)


def _parse_plain(text: str, names: _Names) -> sp.Basic:
    for k, v in _UNICODE.items():
        text = text.replace(k, v)
    code = _plain_tokens(text)
    if not code:
        raise ParseError("empty answer")
    try:
        tree = ast.parse(code, mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        raise ParseError(f"not a plain-text expression ({type(exc).__name__})") from None
    return _PlainBuilder(names, code).build(tree)


# ------------------------------------------------------------------------------------------- LaTeX

_SKIP_E = re.compile(
    r"(?P<keep>\\(?:text|textrm|mathrm|operatorname|mbox)\s*\{[^{}]*\}|_\{[^{}]*\}|_\\?[A-Za-z0-9]+|\\[A-Za-z]+)"
    r"|(?P<e>(?<![A-Za-z])e(?![A-Za-z]))"
)
_LATEX_FUNCS = {"zeta": sp.zeta, "Gamma": sp.gamma}


def _latex_rewrites(s: str, e_declared: bool) -> str:
    s = re.sub(r"\\[dt]frac(?![A-Za-z])", r"\\frac", s)
    s = re.sub(r"\\frac\s*(\d)\s*(\d)", r"\\frac{\1}{\2}", s)
    s = re.sub(r"\\log(?![A-Za-z_])", r"\\ln", s)  # CONVENTIONS: \log is the natural log
    s = re.sub(r"\\(?:left|right)\s*\.", " ", s)
    s = re.sub(r"\{\\rm\s+([^{}]*)\}", r"{\1}", s)
    s = re.sub(r"\\rm\s+([A-Za-z]+)", r"\\mathrm{\1}", s)
    s = re.sub(r"(?<![\\A-Za-z])E(?=\s*_)", r"\\mathrm{E}", s)  # latex2sympy cannot parse E_1
    s = re.sub(r"_\{?\s*(?:\*|\\ast)\s*\}?", "_{star}", s)  # g_* (relativistic degrees of freedom)
    s = re.sub(r"\\bar\s*([A-Za-z])(?![A-Za-z])", r"\\bar{\1}", s)
    if e_declared:  # a bare `e` is the charge, not Euler's number: hide it from latex2sympy's e^x -> exp
        s = _SKIP_E.sub(lambda m: m.group("keep") or r"\mathrm{e}", s)
    return s


def _parse_latex(text: str, names: _Names) -> sp.Basic:
    return _latex_raw(_latex_rewrites(text, "e" in names.declared))


@functools.lru_cache(maxsize=2048)
def _latex_raw(src: str) -> sp.Basic:
    """latex2sympy's (immutable) output, cached: its ANTLR parser is the slow step, and a GRPO group often
    repeats the same answer string."""
    from latex2sympy2_extended import latex2sympy

    try:
        expr = latex2sympy(src)
    except RecursionError:
        raise ParseError("LaTeX nested too deeply") from None
    except Exception as exc:  # the library raises bare Exception on syntax errors
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ParseError(f"LaTeX not understood: {first[:120]}") from None
    if not isinstance(expr, sp.Basic):
        raise ParseError(f"LaTeX gave {type(expr).__name__}, not an expression")
    return expr


def _rebuild(expr: sp.Basic, names: _Names, depth: int = 0) -> sp.Basic:
    """Re-create `expr` bottom-up under our conventions, never evaluating an astronomically large power."""
    if depth > 400:
        raise ParseError("expression nested too deeply")
    if isinstance(expr, sp.Symbol):
        return names(expr.name)
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
        return _safe_pow(*args)
    if isinstance(expr, sp.factorial):
        return _safe_factorial(*args)
    if any(isinstance(a, sp.Basic) and has_huge_power(a) for a in args):
        return expr.func(*args, evaluate=False)
    if isinstance(expr, sp.log) and len(args) == 2 and args[1] == sp.E:
        return sp.log(args[0])
    try:
        return expr.func(*args)
    except (TypeError, ValueError) as exc:
        raise ParseError(f"cannot rebuild {expr.func.__name__}: {exc}") from None


# --------------------------------------------------------------------------------------------- API


def _looks_latex(text: str) -> bool:
    return "\\" in text or "{" in text or "}" in text


def _parse_one(text: str, names: _Names) -> sp.Basic:
    text = text.strip()
    if not text:
        raise ParseError("empty answer")
    if '"' in text or "__" in text or "#" in text or "@" in text:
        raise ParseError("quotes, '#', '@' and '__' do not occur in answers")
    if _looks_latex(text):
        raw = _parse_latex(text, names)
    else:
        try:
            return _parse_plain(text, names)
        except ParseError:
            # Only `x!` and `|x|` need the LaTeX parser; anything else that failed is not math
            # (latex2sympy would read a Python call `foo('1')` as f*o*o).
            if "**" in text or not re.fullmatch(r"[A-Za-z0-9\s+\-*/^().!|]*", text) or not re.search(r"[!|]", text):
                raise
            raw = _parse_latex(text, names)
    return _rebuild(raw, names)


_GROUPS = (("\\left(", "\\right)", False), ("\\left[", "\\right]", False), ("\\{", "\\}", True),
           ("\\left\\{", "\\right\\}", True), ("(", ")", False), ("[", "]", False))


def parse_values(text: str, symbols: Iterable[str] = (), assumptions: Mapping[str, str] | None = None
                 ) -> tuple[list[sp.Basic], bool]:
    """Parse a possibly multi-valued answer: (values, unordered).

    `a, b` and `(a, b)` / `[a, b]` are ordered tuples compared elementwise; `\\{a, b\\}` is an unordered
    set. Thousands separators (`1,000`) are not lists.
    """
    if not isinstance(text, str):
        raise ParseError(f"answer is {type(text).__name__}, not str")
    if len(text) > MAX_LENGTH:
        raise ParseError(f"answer longer than {MAX_LENGTH} characters")
    names = _Names(symbols, assumptions)
    s = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text.strip())
    s = re.sub(r"\s+(?:and|\\text\{\s*and\s*\})\s+", ",", s)
    unordered = False
    parts = split_top_level(s, ",;")
    if len(parts) == 1:
        for left, right, is_set in _GROUPS:
            if s.startswith(left) and s.endswith(right):
                inner = s[len(left):-len(right)]
                inner_parts = split_top_level(inner, ",;")
                if len(inner_parts) > 1 and _brackets_ok(inner):
                    parts, unordered = inner_parts, is_set
                    break
    if any(not p.strip() for p in parts):
        raise ParseError("empty element in a list of values")
    try:
        return [_parse_one(p, names) for p in parts], unordered
    except RecursionError:
        raise ParseError("expression nested too deeply") from None


def _brackets_ok(inner: str) -> bool:
    depth = 0
    for ch in inner:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth < 0:
            return False
    return depth == 0


def parse_answer(text: str, symbols: Iterable[str] = (), assumptions: Mapping[str, str] | None = None
                 ) -> sp.Basic:
    r"""Parse one answer (already extracted) into sympy; never executes model text.

    Returns a sympy expression, or a `sympy.Tuple` for a list of values (a `FiniteSet` for `\{a, b\}`).
    Raises `ParseError` with the reason when the text is not an acceptable answer.

    >>> parse_answer(r"\frac{e^4}{12\pi s}", symbols=["e", "s"])
    e**4/(12*pi*s)
    >>> parse_answer("lambda**2/(32 pi s)", symbols=["lambda", "s"])
    lambda**2/(32*pi*s)
    """
    values, unordered = parse_values(text, symbols, assumptions)
    if len(values) == 1:
        return values[0]
    return sp.FiniteSet(*values) if unordered else sp.Tuple(*values)
