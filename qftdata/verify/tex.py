r"""A LaTeX front end: TeX tokens -> sympy, over a whitelist, with physics typesetting rules.

Why our own (the project's latex2sympy2_extended is pinned at 1.0.6 by lighteval, and stays the fallback):
that version rejects brace-less TeX arguments (`\sqrt2`, `\frac1{4\pi}`), unbraced subscripts (`m_e/2`),
reads `\Gamma(2-d/2)` as a product, lets a function swallow everything after it (`\sin^2\theta_W m_Z^2`
becomes sin²(θ_W m_Z²)), and evaluates `\sqrt{0.5}` to a float. The rules here are TeX's and the physics
typesetting habits:

- an argument of `\frac`, `\sqrt`, `^`, `_` is a braced group or ONE token (`\frac12` = 1/2, `x^23` = x²·3);
- a function without parentheses takes one factor: an optional number and one atom with its scripts
  (`\sin 2\theta`, `\ln\frac{s}{m^2}`, `\sin\theta_W m_Z^2` = sin(θ_W)·m_Z²); `\sin^2 x` = (sin x)², and
  `\sin^{-1} x` = arcsin x;
- juxtaposition binds tighter than `/` (`1/2m` = 1/(2m), as latex2sympy and the AIP style read it);
- decimals are exact at face value (`0.5` = 1/2); `approximate` records that the text held one;
- `30^\circ` is an angle in radians (π/6);
- names: letters are separate symbols (`GM` = G·M) unless the whole run is declared; `m_e`, `m_{e}` and
  `m_{\rm e}` are one symbol (see `names.canonical_name`); `\mathrm{GeV}` is a symbol named GeV.

Nothing is evaluated from the text: tokens are matched against fixed tables and sympy objects are built
directly. Unknown control sequences raise `ParseError` (the caller then tries latex2sympy).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import sympy as sp

from qftdata.verify.arith import combine, flat, safe_call, safe_factorial, safe_pow
from qftdata.verify.names import Names, ParseError, Unsupported, canonical_name

__all__ = ["parse_tex", "TexResult"]

MAX_DEPTH = 200

_FUNCS = {
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "cot": sp.cot, "sec": sp.sec, "csc": sp.csc,
    "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "coth": sp.coth, "sech": sp.sech, "csch": sp.csch,
    "arcsin": sp.asin, "arccos": sp.acos, "arctan": sp.atan, "arccot": sp.acot, "arcsinh": sp.asinh,
    "arccosh": sp.acosh, "arctanh": sp.atanh, "arsinh": sp.asinh, "arcosh": sp.acosh, "artanh": sp.atanh,
    "exp": sp.exp, "ln": sp.log, "log": sp.log, "lg": lambda x: sp.log(x, 10), "erf": sp.erf,
    "erfc": sp.erfc, "sgn": sp.sign, "sign": sp.sign, "sqrt": sp.sqrt, "asin": sp.asin, "acos": sp.acos,
    "atan": sp.atan, "acot": sp.acot, "asinh": sp.asinh, "acosh": sp.acosh, "atanh": sp.atanh,  # sympy's names
}
_INVERSE = {"sin": sp.asin, "cos": sp.acos, "tan": sp.atan, "cot": sp.acot, "sinh": sp.asinh,
            "cosh": sp.acosh, "tanh": sp.atanh}
# Functions that only apply with a parenthesised argument (else the name is a symbol: `\Gamma` is a width).
_PAREN_FUNCS = {"Gamma": sp.gamma, "zeta": sp.zeta, "erf": sp.erf, "erfc": sp.erfc,
                "sgn": sp.sign, "sign": sp.sign, "Abs": sp.Abs, "abs": sp.Abs, "exp": sp.exp}
_GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
          "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho", "sigma", "varsigma",
          "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi",
          "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega", "ell", "hbar", "nabla", "aleph"}
_FONTS = {"mathrm", "text", "textrm", "textit", "textbf", "mathit", "mathbf", "mathsf", "mathcal", "mathbb",
          "mathfrak", "boldsymbol", "bm", "operatorname", "mbox", "rm", "it", "bf", "mathscr"}
_ACCENTS = {"bar", "hat", "tilde", "vec", "dot", "ddot", "overline", "widetilde", "widehat", "check",
            "breve", "acute", "grave", "mathring"}
_DROP = {",", "!", ";", ":", " ", "quad", "qquad", "displaystyle", "textstyle", "scriptstyle", "limits",
         "nolimits", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl",
         "Biggr", "middle", "enspace", "thinspace", "negthinspace", "medspace", "thickspace", "relax",
         "mathclose", "mathopen", "nonumber"}
_TIMES = {"cdot", "times", "ast", "cdotp"}
_OPEN = {"(": ")", "[": "]", "lbrace": "rbrace", "{": "}", "langle": "rangle"}
_DELIMS = {"lvert": "|", "rvert": "|", "vert": "|", "lVert": "|", "rVert": "|", "|": "|", "lbrack": "[",
           "rbrack": "]", "lparen": "(", "rparen": ")"}
_UNICODE = {"π": r"\pi", "ℏ": r"\hbar", "∞": r"\infty", "·": r"\cdot", "×": r"\times", "−": "-", "–": "-",
            "√": r"\sqrt", "±": r"\pm", "∓": r"\mp", "µ": r"\mu", "⋅": r"\cdot", "∗": "*", "ħ": r"\hbar",
            "⁻": "-", "ℓ": r"\ell"}
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789", strict=True))
_ENVS = {"pmatrix", "bmatrix", "Bmatrix", "matrix", "smallmatrix", "array"}


@dataclass(frozen=True)
class _Tok:
    kind: str  # "cs" (control sequence, text without the backslash), "num", "letter", "char"
    text: str
    pos: int
    space: bool  # whitespace (or a dropped spacing command) right before it


def _unicode_to_tex(text: str) -> str:
    """Greek letters and common math symbols to TeX; other non-ASCII characters are refused."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif ch in _UNICODE:
            out.append(_UNICODE[ch] + " ")
        elif ch in _SUPERSCRIPTS:  # x² -> x^{2}; runs of superscript digits join below
            out.append("^{" + _SUPERSCRIPTS[ch] + "}")
        elif ch in "\u2009\u202f\u00a0\u2005":
            out.append(" ")
        else:
            name = unicodedata.name(ch, "")
            m = re.fullmatch(r"GREEK (SMALL|CAPITAL) LETTER (\w+)", name)
            if not m:
                raise ParseError(f"unexpected character {ch!r}")
            word = m.group(2).lower()
            word = {"lamda": "lambda"}.get(word, word)
            out.append("\\" + (word if m.group(1) == "SMALL" else word.capitalize()) + " ")
    s = "".join(out)
    return re.sub(r"\}\^\{(?=\d)", "", s)  # ²³ -> ^{23}


def tokenize(text: str) -> list[_Tok]:
    """TeX tokens; spacing commands are dropped but remembered as `space` on the next token."""
    text = _unicode_to_tex(text)
    toks: list[_Tok] = []
    i, n, space = 0, len(text), False
    while i < n:
        ch = text[i]
        if ch.isspace() or ch == "~":
            space, i = True, i + 1
            continue
        if ch == "\\":
            if i + 1 >= n:
                raise ParseError("a lone backslash")
            j = i + 1
            while j < n and text[j].isalpha():
                j += 1
            name = text[i + 1:j] if j > i + 1 else text[i + 1]
            i = j if j > i + 1 else i + 2
            if name in _DROP:
                space = True
                continue
            toks.append(_Tok("cs", name, i, space))
        elif ch.isdigit() or (ch == "." and i + 1 < n and text[i + 1].isdigit()):
            j = i
            while j < n and text[j].isdigit():
                j += 1
            if j < n and text[j] == "." and (j + 1 >= n or text[j + 1] != "."):
                j += 1
                while j < n and text[j].isdigit():
                    j += 1
            toks.append(_Tok("num", text[i:j], i, space))
            i = j
        elif ch.isalpha():
            toks.append(_Tok("letter", ch, i, space))
            i += 1
        else:
            toks.append(_Tok("char", ch, i, space))
            i += 1
        space = False
    return toks


@dataclass
class TexResult:
    value: sp.Basic
    approximate: bool  # the text held a decimal number


class _Parser:
    def __init__(self, toks: list[_Tok], names: Names, source: str):
        self.toks, self.i, self.names, self.src = toks, 0, names, source
        self.depth = 0
        self.bars = 0  # open |...| pairs: inside one, a bar closes; outside, it opens a factor (`2|p|`)
        self.approximate = False

    # ------------------------------------------------------------------------------------------ helpers
    def peek(self, k: int = 0) -> _Tok | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.peek()
        if tok is None:
            raise ParseError("unexpected end of the answer")
        self.i += 1
        return tok

    def is_(self, kind: str, text: str | None = None, k: int = 0) -> bool:
        tok = self.peek(k)
        return tok is not None and tok.kind == kind and (text is None or tok.text == text)

    def expect(self, kind: str, text: str) -> None:
        tok = self.peek()
        if tok is None or tok.kind != kind or tok.text != text:
            where = f"at {tok.text!r}" if tok else "at the end"
            raise ParseError(f"expected {text!r} {where}")
        self.i += 1

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError("expression nested too deeply")

    # ------------------------------------------------------------------------------------------ grammar
    def parse(self) -> sp.Basic:
        value = self.expr()
        if self.peek() is not None:
            tok = self.peek()
            raise ParseError(f"unexpected {tok.text!r} in the answer")
        return value

    def _at_stop(self) -> bool:
        tok = self.peek()
        if tok is None:
            return True
        if tok.kind == "char" and tok.text in ")]}&,=<>":
            return True
        if tok.kind == "char" and tok.text == "|":
            return self.bars > 0
        return tok.kind == "cs" and tok.text in ("right", "end", "\\", "over", "rbrace", "rangle", "rvert",
                                                  "rVert", "rbrack", "rparen", "}", "|", "pm", "mp")

    def expr(self) -> sp.Basic:
        """A sum, built flat (one sympy Add for any number of terms)."""
        self.enter()
        terms = []
        sign = "+"
        if self.is_("char", "+") or self.is_("char", "-"):
            sign = self.take().text
        while True:
            value = self.term()
            terms.append(combine("*", sp.Integer(-1), value) if sign == "-" else value)
            if not (self.is_("char", "+") or self.is_("char", "-")):
                break
            sign = self.take().text
        self.depth -= 1
        return flat("+", terms)

    def term(self) -> sp.Basic:
        factors = [self.jux()]
        while True:
            tok = self.peek()
            if tok is None:
                break
            if (tok.kind == "char" and tok.text == "*") or (tok.kind == "cs" and tok.text in _TIMES):
                self.i += 1
                factors.append(self.jux())
            elif (tok.kind == "char" and tok.text == "/") or (tok.kind == "cs" and tok.text == "div"):
                self.i += 1
                factors.append(combine("^", self.jux(), sp.Integer(-1)))
            else:
                break
        return flat("*", factors)

    def jux(self) -> sp.Basic:
        """A product of juxtaposed factors (`2\\pi r`), signs allowed only in front."""
        negative = False
        while self.is_("char", "-") or self.is_("char", "+"):
            negative ^= self.take().text == "-"
        factors = [self.postfix()]
        while not self._at_stop() and self._starts_factor():
            factors.append(self.postfix())
        value = flat("*", factors)
        return combine("*", sp.Integer(-1), value) if negative else value

    def _starts_factor(self) -> bool:
        tok = self.peek()
        if tok.kind in ("num", "letter"):
            return True
        if tok.kind == "char":
            return tok.text in "([{" or (tok.text == "|" and not self.bars)
        return tok.kind == "cs" and tok.text not in _TIMES and tok.text != "div"

    def postfix(self, base: sp.Basic | None = None) -> sp.Basic:
        value = self.primary() if base is None else base
        while True:
            if self.is_("char", "^") and (self.is_("cs", "circ", 1) or (
                    self.is_("char", "{", 1) and self.is_("cs", "circ", 2) and self.is_("char", "}", 3))):
                self.i += 2 if self.is_("cs", "circ", 1) else 4  # 30^\circ: degrees, in radians
                value = combine("*", value, sp.pi / 180)
            elif self.is_("char", "^"):
                self.i += 1
                value = combine("^", value, self.script())
            elif self.is_("char", "!"):
                self.i += 1
                if self.is_("char", "!"):
                    raise Unsupported("double factorial is not supported")
                value = safe_factorial(value)
            elif self.is_("cs", "%"):
                self.i += 1
                value = combine("/", value, sp.Integer(100))
            elif self.is_("char", "_"):
                raise ParseError("a subscript on something that is not a name")
            elif self.is_("char", "'"):
                raise Unsupported("primes are not supported")
            else:
                return value

    def script(self) -> sp.Basic:
        """The argument of `^`: a braced group, one token, or (leniently) a signed number `^-15`."""
        if self.is_("char", "-") or self.is_("char", "+"):
            sign = self.take().text
            if self.is_("num"):  # not TeX (which would take the sign alone), but what `10^-15` means
                value = self.number(self.take().text)
            elif self.is_("char", "{"):
                value = self.group()
            else:
                raise ParseError("bad exponent")
            return -value if sign == "-" else value
        return self.arg()

    def arg(self) -> sp.Basic:
        """A macro argument: `{...}` or a single token (one digit of a number, one letter, one command)."""
        tok = self.peek()
        if tok is None:
            raise ParseError("missing argument")
        if tok.kind == "char" and tok.text == "{":
            return self.group()
        if tok.kind == "num":
            self.i += 1
            if len(tok.text) > 1 and tok.text[0] != ".":
                rest = tok.text[1:]
                self.toks.insert(self.i, _Tok("num", rest, tok.pos + 1, False))
            return self.number(tok.text[0])
        if tok.kind == "letter":
            return self.name_from(self.take().text)
        if tok.kind == "cs":
            return self.primary()
        raise ParseError(f"unexpected {tok.text!r} as an argument")

    def group(self) -> sp.Basic:
        self.expect("char", "{")
        if self.is_("char", "}"):
            raise ParseError("empty group {}")
        value = self.expr()
        if self.is_("cs", "over"):  # {a \over b}
            self.i += 1
            value = combine("/", value, self.expr())
        self.expect("char", "}")
        return value

    def number(self, text: str) -> sp.Basic:
        if "." in text:
            self.approximate = True
            if text.endswith("."):
                text = text[:-1]
        return sp.Rational(text)

    # -------------------------------------------------------------------------------------- primaries
    def primary(self) -> sp.Basic:
        self.enter()
        try:
            return self._primary()
        finally:
            self.depth -= 1

    def _primary(self) -> sp.Basic:
        tok = self.take()
        if tok.kind == "num":
            return self.number(tok.text)
        if tok.kind == "letter":
            return self.letter(tok)
        if tok.kind == "char":
            if tok.text in "([":
                return self.paren(tok.text)
            if tok.text == "{":
                self.i -= 1
                return self.group()
            if tok.text == "|":
                self.bars += 1
                inner = self.expr()
                self.expect("char", "|")
                self.bars -= 1
                return sp.Abs(inner)
            raise ParseError(f"unexpected {tok.text!r}")
        return self.command(tok)

    def paren(self, opening: str) -> sp.Basic:
        closing = ")" if opening == "(" else "]"
        value = self.expr()
        if self.is_("cs", "right"):
            self.i += 1
        tok = self.take()
        if not ((tok.kind == "char" and tok.text == closing) or (tok.kind == "cs" and _DELIMS.get(tok.text) == closing)):
            raise ParseError(f"expected {closing!r}, found {tok.text!r}")
        return value

    def delimited(self) -> sp.Basic:
        """After `\\left`: the delimiter, the expression, `\\right` and its delimiter."""
        tok = self.take()
        text = _DELIMS.get(tok.text, tok.text) if tok.kind == "cs" else tok.text
        if (tok.kind == "char" and text == ".") or text in ("(", "["):
            value = self.expr()
        elif text == "|":
            value = sp.Abs(self.expr())
        elif tok.kind == "cs" and tok.text in ("{", "lbrace"):
            value = self.expr()
        else:
            raise Unsupported(f"unsupported delimiter \\left{tok.text}")
        self.expect("cs", "right")
        self.take()  # the closing delimiter (any: TeX allows mismatched pairs)
        return value

    def letter(self, tok: _Tok) -> sp.Basic:
        run = tok.text
        j = self.i
        while j < len(self.toks) and self.toks[j].kind == "letter" and not self.toks[j].space:
            run += self.toks[j].text
            j += 1
        if len(run) > 1:
            nxt = self.toks[j] if j < len(self.toks) else None
            if run in _FUNCS and nxt is not None and nxt.kind == "char" and nxt.text == "(":
                self.i = j  # `sqrt(2)`, `exp(x)` written in plain words
                return self.apply(run)
            if self.names.is_declared(run) or (run == "pi" and not self.names.is_declared("p")):
                self.i = j
                return self.name_from(run)
        return self.name_from(tok.text)

    def name_from(self, base: str) -> sp.Basic:
        """A symbol with an optional subscript (`m_e`, `m_{H}`, `\\theta_W`, `g_*`)."""
        raw = base
        if self.is_("char", "_"):
            self.i += 1
            raw += "_{" + self.raw_arg() + "}"
        return self.names(raw)

    def raw_arg(self) -> str:
        """The source text of a script argument (a subscript is a label, never evaluated)."""
        tok = self.peek()
        if tok is None:
            raise ParseError("missing subscript")
        if tok.kind == "char" and tok.text == "{":
            start = self.i
            depth = 0
            while True:
                t = self.take()
                if t.kind == "char" and t.text == "{":
                    depth += 1
                elif t.kind == "char" and t.text == "}":
                    depth -= 1
                    if depth == 0:
                        break
            inner = self.toks[start + 1:self.i - 1]
            if not inner:
                raise ParseError("empty subscript")
            return "".join(("\\" + t.text + " " if t.kind == "cs" else t.text) for t in inner).strip()
        self.i += 1
        if tok.kind == "num":
            if len(tok.text) > 1:
                self.toks.insert(self.i, _Tok("num", tok.text[1:], tok.pos + 1, False))
            return tok.text[0]
        if tok.kind == "cs":
            return "\\" + tok.text
        if tok.kind == "char" and tok.text == "*":
            return "*"
        return tok.text

    def command(self, tok: _Tok) -> sp.Basic:
        name = tok.text
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            num = self.arg()
            return combine("/", num, self.arg())
        if name == "binom":
            n = self.arg()
            return sp.binomial(n, self.arg())
        if name == "sqrt":
            if self.is_("char", "["):
                self.i += 1
                index = self.expr()
                self.expect("char", "]")
                return safe_pow(self.arg(), combine("/", sp.Integer(1), index))
            return safe_pow(self.arg(), sp.Rational(1, 2))
        if name == "left":
            return self.delimited()
        if name in ("lvert", "vert", "|", "lVert"):
            inner = self.expr()
            closing = self.take()
            if _DELIMS.get(closing.text, closing.text) != "|":
                raise ParseError("unbalanced |")
            return sp.Abs(inner)
        if name in ("{", "lbrace"):
            value = self.expr()
            if not (self.is_("cs", "}") or self.is_("cs", "rbrace")):
                raise ParseError("expected \\}")
            self.i += 1
            return value
        if name in _FUNCS:
            return self.apply(name)
        if name in _GREEK or name in ("infty", "imath"):
            return self.greek(name)
        if name in _FONTS:
            return self.font(switch=name in ("rm", "it", "bf"))
        if name in _ACCENTS:
            start = self.i - 1
            self.raw_arg()
            raw = "".join(("\\" + t.text + " " if t.kind == "cs" else t.text) for t in self.toks[start:self.i])
            return self.name_from(raw)
        if name == "begin":
            return self.environment()
        raise Unsupported(f"unsupported LaTeX command \\{name}")

    def greek(self, name: str) -> sp.Basic:
        if name == "infty":
            return sp.oo
        if name == "imath":
            return sp.I
        if name in _PAREN_FUNCS and not self.names.is_declared(name) and (self.is_("char", "(") or self.is_("cs", "left")):
            return self.special(name)
        return self.name_from("\\" + name)

    def font(self, switch: bool) -> sp.Basic:
        """`\\mathrm{GeV}`, `\\text{Li}_2(x)`, `\\operatorname{erf}(x)`, `\\rm e`: a name or a named function."""
        if self.is_("char", "{") and not switch:
            start = self.i
            self.raw_arg()
            inner = self.toks[start + 1:self.i - 1]
        else:  # `\rm GeV` (a switch) takes the following run of letters; `\mathrm e` one token
            inner = [self.take()]
            while switch and self.is_("letter") and not self.peek().space:
                inner.append(self.take())
        if not inner or not all(t.kind in ("letter", "num") or (t.kind == "cs" and t.text in _GREEK) for t in inner):
            if len(inner) == 1 and inner[0].kind == "char" and inner[0].text == "*":
                return self.names("star")
            raise ParseError("text inside an expression")
        word = "".join(("\\" + t.text if t.kind == "cs" else t.text) for t in inner)
        if word == "Li":
            return self.polylog()
        if word in _FUNCS and not self.names.is_declared(word):
            return self.apply(word)
        if word in _PAREN_FUNCS and not self.names.is_declared(word) and (self.is_("char", "(") or self.is_("cs", "left")):
            return self.special(word)
        if word == "i" and not self.names.is_declared("i"):
            return sp.I
        return self.name_from(word)

    def polylog(self) -> sp.Basic:
        if not self.is_("char", "_"):
            raise ParseError("Li needs its order as a subscript (Li_2)")
        self.i += 1
        order = self.arg()
        return sp.polylog(order, self.paren_arg())

    def paren_arg(self) -> sp.Basic:
        if self.is_("cs", "left"):
            self.i += 1
            return self.delimited()
        if self.is_("char", "(") or self.is_("char", "["):
            return self.paren(self.take().text)
        if self.is_("char", "{"):
            return self.group()
        raise ParseError("expected a parenthesised argument")

    def special(self, name: str) -> sp.Basic:
        func = _PAREN_FUNCS[name]
        arg = self.paren_arg()
        return self.postfix(safe_call(func, arg))

    def apply(self, name: str) -> sp.Basic:
        """A named function with optional `^power` / `_base`, then its argument (see module docstring)."""
        power = base = None
        for _ in range(2):
            if self.is_("char", "^") and power is None:
                self.i += 1
                power = self.script()
            elif self.is_("char", "_") and base is None and name in ("log", "lg"):
                self.i += 1
                base = self.arg()
        if self.is_("cs", "left") or self.is_("char", "(") or self.is_("char", "[") or self.is_("char", "{"):
            argument = self.paren_arg()
        else:
            argument = self.bare_arg()
        func = _FUNCS.get(name) or _PAREN_FUNCS.get(name)
        if power is not None and power == -1 and name in _INVERSE:
            return _INVERSE[name](argument)
        value = sp.log(argument, base) if base is not None else safe_call(func, argument)
        return safe_pow(value, power) if power is not None else value

    def bare_arg(self) -> sp.Basic:
        """A function argument without parentheses: [sign] [number] [one atom with its scripts]."""
        sign = None
        if self.is_("char", "-") or self.is_("char", "+"):
            sign = self.take().text
        parts: list[sp.Basic] = []
        if self.is_("num"):
            parts.append(self.postfix(self.number(self.take().text)))
        tok = self.peek()
        if tok is not None and not self._at_stop() and (tok.kind in ("letter", "cs") or (
                tok.kind == "char" and tok.text == "|")) and not (tok.kind == "cs" and tok.text in _TIMES | {"div"}):
            if tok.kind == "letter":
                self.i += 1
                parts.append(self.postfix(self.name_from(tok.text)))
            else:
                parts.append(self.postfix())
        if not parts:
            raise ParseError("a function without an argument")
        value = parts[0] if len(parts) == 1 else combine("*", parts[0], parts[1])
        return combine("*", sp.Integer(-1), value) if sign == "-" else value

    def environment(self) -> sp.Basic:
        env = self.raw_env_name()
        if env not in _ENVS:
            raise Unsupported(f"unsupported environment {env!r}")
        if env == "array" and self.is_("char", "{"):
            self.raw_arg()  # column spec
        rows: list[list[sp.Basic]] = [[]]
        while True:
            if self.is_("cs", "end"):
                self.i += 1
                if self.raw_env_name() != env:
                    raise ParseError("mismatched \\end")
                break
            rows[-1].append(self.expr())
            if self.is_("char", "&"):
                self.i += 1
            elif self.is_("cs", "\\"):
                self.i += 1
                if not self.is_("cs", "end"):
                    rows.append([])
            elif not self.is_("cs", "end"):
                raise ParseError("unexpected token in a matrix")
        if not rows[-1]:
            rows.pop()
        if not rows or len({len(r) for r in rows}) != 1:
            raise ParseError("matrix rows of different lengths")
        return sp.ImmutableMatrix(rows)

    def raw_env_name(self) -> str:
        self.expect("char", "{")
        name = ""
        while not self.is_("char", "}"):
            name += self.take().text
        self.i += 1
        return name


def parse_tex(text: str, names: Names) -> TexResult:
    """Parse one LaTeX expression (no lists, no relations) into sympy; ParseError when not supported."""
    toks = tokenize(text)
    if not toks:
        raise ParseError("empty answer")
    parser = _Parser(toks, names, text)
    try:
        value = parser.parse()
    except ParseError:
        raise
    except RecursionError:
        raise ParseError("expression nested too deeply") from None
    except (TypeError, ValueError, ZeroDivisionError, AttributeError, IndexError) as exc:
        raise ParseError(f"cannot build the expression ({type(exc).__name__}: {str(exc)[:80]})") from None
    return TexResult(value, parser.approximate)


def name_of(text: str) -> str:
    """Canonical name of a label such as `m_W`, `\\Gamma(h \\to b\\bar b)` (spaces and braces ignored)."""
    return canonical_name(re.sub(r"\\(?:left|right)(?![A-Za-z])", "", text))
