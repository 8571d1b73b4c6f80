"""The plain-text front end: `e^4/(12*pi*s)`, `lambda**2/(32 pi s)`, `6GM/c^2`, `α_s/π`.

Our own tokenizer inserts the implicit `*`, renames Python keywords (`lambda`), splits a run of touching
letters into declared symbols when that reading is unique (`6GM/c^2` = 6·G·M/c² when G, M, c are
declared), joins SI digit groups (`299 792 458`), then `ast.parse(mode="eval")` gives a tree that we walk
over a whitelist (numbers, names, + - * / ** and calls of whitelisted functions), building sympy objects
directly; anything else (attributes, strings, subscripts, lambdas, ...) is a `ParseError`. Decimals are
exact at face value (`0.5` = 1/2); `approximate` records that the text held one.
"""

from __future__ import annotations

import ast
import keyword
import re
import unicodedata

import sympy as sp

from qftdata.verify.arith import combine, flat, safe_call, safe_factorial
from qftdata.verify.names import CONSTANTS, Names, ParseError

__all__ = ["parse_plain", "FUNCS"]

FUNCS: dict[str, object] = {
    "sqrt": sp.sqrt, "exp": sp.exp, "ln": sp.log, "sin": sp.sin, "cos": sp.cos, "tan": sp.tan,
    "cot": sp.cot, "sec": sp.sec, "csc": sp.csc, "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh,
    "asin": sp.asin, "acos": sp.acos, "atan": sp.atan, "arcsin": sp.asin, "arccos": sp.acos,
    "arctan": sp.atan, "asinh": sp.asinh, "acosh": sp.acosh, "atanh": sp.atanh, "arcsinh": sp.asinh,
    "arccosh": sp.acosh, "arctanh": sp.atanh, "abs": sp.Abs, "Abs": sp.Abs, "zeta": sp.zeta,
    "gamma": sp.gamma, "Gamma": sp.gamma, "erf": sp.erf, "binomial": sp.binomial, "polylog": sp.polylog,
    "Li2": lambda x: sp.polylog(2, x), "factorial": safe_factorial, "cbrt": sp.cbrt,
    "re": sp.re, "im": sp.im, "conjugate": sp.conjugate, "log": sp.log,
}
_TOKEN_RE = re.compile(
    r"[ \t\r\n]*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>\*\*|[-+*/^(),]))"
)
_SYMBOLS = {"π": "pi", "·": "*", "×": "*", "−": "-", "–": "-", "²": "^2", "³": "^3", "√": "sqrt", "∞": "oo",
            "ℏ": "hbar", "ħ": "hbar", "µ": "mu", "⋅": "*"}


def _unicode(text: str) -> str:
    """Greek letters to their names (`α_s` -> `alpha_s`, `2πr` -> `2 pi r`), common symbols to ASCII."""
    if text.isascii():
        return text
    out: list[str] = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        word = _SYMBOLS.get(ch)
        if word is None:
            m = re.fullmatch(r"GREEK (SMALL|CAPITAL) LETTER (\w+)", unicodedata.name(ch, ""))
            if not m:
                raise ParseError(f"unexpected character {ch!r} in plain-text answer")
            word = {"lamda": "lambda"}.get(m.group(2).lower(), m.group(2).lower())
            word = word if m.group(1) == "SMALL" else word.capitalize()
        if word[0].isalpha() and out and (out[-1][-1:].isalnum()):
            out.append(" ")
        out.append(word)
        if word[0].isalpha():
            out.append(" ")
    return re.sub(r" +(?=_)", "", "".join(out))


def _tokens(text: str, names: Names) -> list[tuple[str, str]]:
    """(kind, token) pairs with implicit `*`, `^`->`**`, keywords renamed, letter runs split, digit groups
    joined; ParseError on anything else."""
    out: list[tuple[str, str]] = []
    grouped = False  # the last number was built from SI digit groups
    pos, n = 0, len(text)
    while pos < n:
        m = _TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise ParseError(f"unexpected character {text[pos]!r} in plain-text answer")
        gap = m.start(m.lastgroup) > pos
        pos = m.end()
        kind = m.lastgroup
        tok = m.group(kind)
        if kind == "num" and out and out[-1][0] == "num" and gap and re.fullmatch(r"\d{3}", tok) \
                and (grouped or re.fullmatch(r"\d{1,3}|\d*\.\d{3}", out[-1][1])):
            out[-1] = ("num", out[-1][1] + tok)  # SI digit groups: 299 792 458, 3.141 592
            grouped = True
            continue
        grouped = False
        if kind == "num" and tok[:1] == "0" and tok.isdigit():
            tok = tok.lstrip("0") or "0"  # `007` is 7 (Python rejects leading zeros in an int literal)
        if kind == "name":
            if tok.startswith("__"):
                raise ParseError(f"name {tok!r} not allowed")
            if tok == "lambda":  # the phi^4 coupling, a Python keyword
                tok = "kw__lambda"
            elif keyword.iskeyword(tok) or keyword.issoftkeyword(tok):
                raise ParseError(f"{tok!r} is Python syntax, not part of an answer")
            elif tok not in FUNCS and "_" not in tok and tok not in CONSTANTS:
                pieces = names.split_run(tok)
                if pieces:
                    for k, piece in enumerate(pieces):
                        if k:
                            out.append(("op", "*"))
                        _append(out, "name", "kw__lambda" if piece == "lambda" else piece)
                    continue
        if kind == "op" and tok == "^":
            tok = "**"
        _append(out, kind, tok)
    return out


def _append(out: list[tuple[str, str]], kind: str, tok: str) -> None:
    if out:
        pk, pt = out[-1]
        left = pk in ("num", "name") or pt == ")"
        right = kind in ("num", "name") or tok == "("
        call = pk == "name" and tok == "(" and pt in FUNCS
        if left and right and not (pk == "num" and kind == "num") and not call:
            out.append(("op", "*"))
    out.append((kind, tok))


class _Builder:
    def __init__(self, names: Names, source: str):
        self.names = names
        self.source = source
        self.approximate = False

    def build(self, node: ast.AST) -> sp.Basic:
        if isinstance(node, ast.Expression):
            return self.build(node.body)
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise ParseError("only numbers are allowed as constants")
            if isinstance(node.value, int):
                return sp.Integer(node.value)
            text = ast.get_source_segment(self.source, node) or repr(node.value)
            if "." in text:
                self.approximate = True
            return sp.Rational(text.rstrip("."))  # face value, exact: 0.5 is 1/2
        if isinstance(node, ast.Name):
            if node.id == "I" and not self.names.is_declared("I"):
                return sp.I  # sympy's printed imaginary unit (`-I*g`), unless I is a declared symbol
            return self.names(node.id)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
            val = self.build(node.operand)
            return combine("*", sp.Integer(-1), val) if isinstance(node.op, ast.USub) else val
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
                return self.chain(node)
            if not isinstance(node.op, ast.Pow):
                raise ParseError(f"operator {type(node.op).__name__} not allowed")
            return combine("^", self.build(node.left), self.build(node.right))
        if isinstance(node, ast.Call):
            return self.call(node)
        raise ParseError(f"{type(node).__name__} is not allowed in an answer")

    def chain(self, node: ast.BinOp) -> sp.Basic:
        """`a + b - c + ...` (or `a * b / c ...`) as ONE flat sum (product): a long answer neither recurses
        once per term nor rebuilds a growing sympy Add per term."""
        additive = isinstance(node.op, (ast.Add, ast.Sub))
        kinds = (ast.Add, ast.Sub) if additive else (ast.Mult, ast.Div)
        right: list[tuple[ast.operator, ast.AST]] = []
        while isinstance(node, ast.BinOp) and isinstance(node.op, kinds):
            right.append((node.op, node.right))
            node = node.left
        parts = [self.build(node)]
        for op, operand in reversed(right):
            value = self.build(operand)
            if isinstance(op, ast.Sub):
                value = combine("*", sp.Integer(-1), value)
            elif isinstance(op, ast.Div):
                value = combine("^", value, sp.Integer(-1))
            parts.append(value)
        return flat("+" if additive else "*", parts)

    def call(self, node: ast.Call) -> sp.Basic:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCS:
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
            return safe_call(FUNCS[name], *args)
        except TypeError as exc:
            raise ParseError(f"bad call of {name}: {exc}") from None


def parse_plain(text: str, names: Names) -> tuple[sp.Basic, bool]:
    """(value, approximate) of a plain-text expression; ParseError when it is not one."""
    tokens = _tokens(_unicode(text), names)
    code = " ".join(t for _, t in tokens)
    if not code:
        raise ParseError("empty answer")
    try:
        tree = ast.parse(code, mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        raise ParseError(f"not a plain-text expression ({type(exc).__name__})") from None
    builder = _Builder(names, code)
    try:
        return builder.build(tree), builder.approximate
    except RecursionError:
        raise ParseError("expression nested too deeply") from None
    except (TypeError, ValueError, ZeroDivisionError) as exc:
        if isinstance(exc, ParseError):
            raise
        raise ParseError(f"cannot build the expression ({type(exc).__name__})") from None
