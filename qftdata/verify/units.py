r"""Units after a number (`3.2\,\mathrm{GeV}`, `5 m/s`, `1.17\times10^{-5}\,\mathrm{GeV}^{-2}`).

Policy (docs/verifier.md, "Units"): a numeric answer is compared in the unit the record asks for — the unit
written after the gold's number, else the unit the statement names ("... in GeV", "in $\mathrm{rad/s}$").
A predicted unit of the same dimension is converted into it (MeV -> GeV, cm -> m); a different dimension
(MeV/c² for GeV, GeV⁻² for pb: natural-unit conversions are not made) is incorrect, and so is a unit when
the record names none. A bare number is read in the asked unit. Unit strings are parsed by pint's own
tokenizer (no Python eval), after a small TeX -> pint rewrite, and only short strings are tried.
"""

from __future__ import annotations

import functools
import re

__all__ = ["split_unit", "parse_unit", "conversion", "unit_from_statement", "UnitError"]

MAX_UNIT_CHARS = 60
_FONT = re.compile(r"\\(?:mathrm|text|textrm|textbf|textit|mbox|mathit|operatorname|rm|mathsf)(?![A-Za-z])")
_TEX = [(re.compile(r"\\(?:cdot|times|ast)(?![A-Za-z])|·|⋅"), "*"), (re.compile(r"\\(?:mu|micro)(?![A-Za-z])|µ|μ"), "u"),
        (re.compile(r"\\Omega(?![A-Za-z])|Ω"), "ohm"), (re.compile(r"\\AA(?![A-Za-z])|Å"), "angstrom"),
        (re.compile(r"\^\s*\{?\s*\\circ\s*\}?\s*C\b|°\s*C\b"), "degC"),
        (re.compile(r"\^\s*\{?\s*\\circ\s*\}?|°"), "degree"), (re.compile(r"\\%|%"), "percent"),
        (re.compile(r"\\[,;:! ]|~"), " "), (re.compile(r"−"), "-")]
# Starts of a unit after a number: a font command, a letter, `\mu`, `\Omega`, `\AA`, `^\circ`, `°`, `%`.
_UNIT_START = re.compile(r"\\(?:mathrm|text|textrm|textbf|textit|mbox|rm|mathsf|operatorname|mu|Omega|AA|%)"
                         r"(?![A-Za-z])|[A-Za-zµμΩÅ°%]|\^\s*\{?\s*\\circ")


class UnitError(ValueError):
    """A unit string that pint does not know (the message says which)."""


@functools.lru_cache(maxsize=1)
def _registry():
    import pint

    return pint.UnitRegistry(autoconvert_offset_to_baseunit=False)


def _pint_text(unit: str) -> str:
    s = _FONT.sub("", unit)
    for pattern, repl in _TEX:
        s = pattern.sub(repl, s)
    s = s.replace("{", "(").replace("}", ")")
    s = re.sub(r"\(\s*([A-Za-z]+)\s*\)", r"\1", s)  # (GeV)^(-2) -> GeV^(-2)
    s = re.sub(r"\s+", " ", s).strip()
    return s


@functools.lru_cache(maxsize=1024)
def parse_unit(unit: str):
    """The pint Unit of a TeX or plain unit string; UnitError when it is not a known unit."""
    if not unit or len(unit) > MAX_UNIT_CHARS:
        raise UnitError("no unit" if not unit else "unit text too long")
    text = _pint_text(unit)
    if not text or not re.fullmatch(r"[A-Za-z0-9_ ()*/^.\-]+", text) or not re.search(r"[A-Za-z]", text):
        raise UnitError(f"{unit!r} is not a unit")
    try:
        return _registry().parse_units(text)
    except Exception as exc:  # noqa: BLE001 - pint raises several error types on unknown names
        raise UnitError(f"{unit!r} is not a unit pint knows ({type(exc).__name__})") from None


def split_unit(text: str) -> tuple[str, str | None]:
    r"""(number text, unit text or None): `3.2\,\mathrm{GeV}` -> (`3.2`, `\mathrm{GeV}`).

    The split is the leftmost place where a unit may start such that the rest is a unit pint knows and the
    part before holds a digit and no letters other than a scientific `e`; otherwise the text is returned
    whole (it is then parsed as an expression, so `2m` in an expression answer stays 2·m).
    """
    s = text.strip()
    tail_start = max(0, len(s) - MAX_UNIT_CHARS - 1)
    for m in _UNIT_START.finditer(s, tail_start if len(s) > 400 else 0):
        if m.start() and (s[m.start() - 1].isalpha() or s[m.start() - 1] == "\\") and m.group()[0] != "\\":
            continue  # inside a word or a command (`\\pi`)
        head, tail = s[:m.start()].rstrip(), s[m.start():].strip()
        if not head or not re.search(r"\d", head) or head.rstrip()[-1:] in "+-*/^_{(":
            continue
        if re.search(r"\d[eE]$", head) and re.match(r"[+-]?\d", tail[1:]):
            continue
        bare_head = re.sub(r"\\(?:times|cdot|frac|sqrt|pi|left|right|,|;|!|quad)(?![A-Za-z])", "", head)
        if re.search(r"[A-DF-Za-df-z]", re.sub(r"(?<=\d)[eE](?=[+-]?\d)", "", bare_head)):
            continue  # letters before the unit: an expression, not a number
        try:
            parse_unit(tail)
        except UnitError:
            continue
        return head, tail
    return s, None


def conversion(unit_from: str, unit_to: str) -> tuple[str, bool]:
    """(factor as a decimal string, exact?) that turns a number in `unit_from` into `unit_to`.

    Raises UnitError when the dimensions differ (or an offset unit such as °C is involved); `exact` is
    False when the factor is not a short decimal (degrees to radians), so the caller compares with a
    relative tolerance instead of exactly.
    """
    a, b = parse_unit(unit_from), parse_unit(unit_to)
    reg = _registry()
    if a.dimensionality != b.dimensionality:
        raise UnitError(f"{unit_from} ({_dim(a)}) cannot be expressed in {unit_to} ({_dim(b)})")
    try:
        factor = reg.Quantity(1.0, a).to(b).magnitude
    except Exception as exc:  # noqa: BLE001 - offset units and the like
        raise UnitError(f"cannot convert {unit_from} to {unit_to} ({type(exc).__name__})") from None
    text = repr(float(factor))
    digits = len(re.sub(r"[^0-9]", "", text.split("e")[0]).strip("0"))
    return text, digits <= 12


def _dim(unit) -> str:
    dim = str(unit.dimensionality)
    return "dimensionless" if dim == "dimensionless" else dim.replace("[", "").replace("]", "")


def dimensionless_factor(unit: str) -> str | None:
    """For a dimensionless unit (%, degree, rad): the factor to a pure number, else None."""
    u = parse_unit(unit)
    if not u.dimensionless:
        return None
    return repr(float(_registry().Quantity(1.0, u).to("dimensionless").magnitude))


_ASKED = re.compile(
    r"\bin\s+(?:units\s+of\s+)?(?:\$\s*)?(\\(?:mathrm|text|rm)\s*\{[^{}$]{1,30}\}(?:\s*\^\s*\{?\s*-?\d\s*\}?)?"
    r"|[A-Za-z][A-Za-z/^0-9\-·*]{1,20})\s*\$?")


def unit_from_statement(problem: str) -> str | None:
    """The unit the statement asks for ("... in GeV.", "in units of $\\mathrm{rad/s}$"), or None.

    Conservative on purpose: only the last 400 characters are read, a bare word needs at least two letters
    and must be a unit pint knows with a dimension or be an angle; the last such phrase wins.
    """
    if not isinstance(problem, str):
        return None
    found = None
    for m in _ASKED.finditer(problem[-400:]):
        unit = m.group(1).rstrip(".,;:)")
        if not unit.startswith("\\") and (len(unit) < 2 or unit.lower() in _NOT_UNITS):
            continue
        try:
            u = parse_unit(unit)
        except UnitError:
            continue
        if u.dimensionless and not re.search(r"deg|rad|percent|%", unit):
            continue
        found = unit
    return found


# Short English words pint would read as units (`in` inch, `a` year, `at` technical atmosphere, ...).
_NOT_UNITS = {"in", "at", "a", "as", "the", "terms", "min", "cd", "pt", "ft", "are", "ha", "bar",
              "g", "h", "s", "t", "m", "b", "c", "d", "l", "an", "units", "natural", "order", "this", "that"}
