"""Symbol names under the record's declarations: one spelling per symbol, assumptions, constants.

Shared by every front end (TeX, plain text, the latex2sympy fallback, domain relations) so that `m_{H}`,
`m_H` and `m_{\\rm H}` are one symbol everywhere and a declared `e` is the charge, never Euler's number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import sympy as sp

__all__ = ["ParseError", "Unsupported", "Names", "canonical_name", "ASSUMPTIONS", "CONSTANTS"]

ASSUMPTIONS: dict[str, dict[str, bool]] = {
    "positive": {"positive": True},
    "nonnegative": {"nonnegative": True},
    "real": {"real": True},
    "complex": {"complex": True},
    "integer": {"integer": True},
    "positive_integer": {"integer": True, "positive": True},
}
_VARIANTS = {"varepsilon": "epsilon", "vartheta": "theta", "varphi": "phi", "varrho": "rho", "varsigma": "sigma"}
CONSTANTS = {"e": sp.E, "i": sp.I, "pi": sp.pi, "gamma_E": sp.EulerGamma, "EulerGamma": sp.EulerGamma,
             "zeta_3": sp.zeta(3), "zeta_5": sp.zeta(5), "oo": sp.oo, "infty": sp.oo}


class ParseError(ValueError):
    """The answer text is not an expression this verifier accepts (the message says why)."""


class Unsupported(ParseError):
    """Notation our TeX front end does not cover (an unknown command, environment or delimiter): the only
    errors after which latex2sympy is tried, so nesting and syntax errors never pay for a second parser."""


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


class Names:
    """Name -> sympy object under the record's declarations (shared by all front ends)."""

    def __init__(self, symbols: Iterable[str], assumptions: Mapping[str, str] | None):
        assumptions = {canonical_name(k): v for k, v in (assumptions or {}).items()}
        for name, dom in assumptions.items():
            if dom not in ASSUMPTIONS:
                raise ParseError(f"assumptions: unknown domain {dom!r} for {name!r}")
        self.declared = {canonical_name(s) for s in symbols if str(s).strip()}
        self._cache: dict[str, sp.Basic] = {}
        for name in self.declared:
            self._cache[name] = sp.Symbol(name, **ASSUMPTIONS[assumptions.get(name, "positive")])
        for name, dom in assumptions.items():  # an assumption implies a declaration
            if name not in self._cache:
                self.declared.add(name)
                self._cache[name] = sp.Symbol(name, **ASSUMPTIONS[dom])

    def __call__(self, raw: str) -> sp.Basic:
        name = canonical_name(raw)
        if not name or name.startswith("__"):
            raise ParseError(f"bad name {raw!r}")
        if name in self._cache:
            return self._cache[name]
        obj = CONSTANTS.get(name)
        if obj is None:
            obj = sp.Symbol(name)
        self._cache[name] = obj
        return obj

    def is_declared(self, raw: str) -> bool:
        return canonical_name(raw) in self.declared

    def split_run(self, run: str) -> list[str] | None:
        """`GM` -> [`G`, `M`] when `GM` is not declared but its letters (or longer declared names) are.

        Why: plain-text answers such as `6GM/c^2` or `2MR^2/5` write a product without spaces. The split
        is accepted only when it is unique, so an undeclared run that could be read two ways stays one
        (undeclared, hence rejected) symbol.
        """
        if run in self.declared or run in CONSTANTS or len(run) > 40:
            return None
        known = self.declared | {"pi"}
        ways: list[list[str] | None] = [None] * (len(run) + 1)
        counts = [0] * (len(run) + 1)
        ways[0], counts[0] = [], 1
        for end in range(1, len(run) + 1):
            for start in range(max(0, end - 12), end):
                piece = run[start:end]
                if counts[start] and piece in known:
                    counts[end] += counts[start]
                    ways[end] = [*(ways[start] or []), piece]
        if counts[len(run)] != 1:
            return None
        return ways[len(run)]
