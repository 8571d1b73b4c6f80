r"""Is a problem part verifiable (asks for a definite quantity whose value the solution states)?

Rules, on the part's text (and the solution's extracted result); every reason reads "kind: detail":

* a **proof / explanation** task — "show that", "prove", "verify that", "demonstrate", "explain",
  "discuss", "argue", "justify", "describe", "comment on", "interpret", "why" — with no request for a
  quantity is not verifiable (the detail names the phrase);
* "derive" counts as a request for a quantity only with a target ("derive an expression for the width",
  "derive the value of ..."); "derive the equations of motion" is a derivation task;
* a **request for a quantity** — "find", "compute", "calculate", "evaluate", "determine", "what is",
  "obtain", "how many", "estimate", "express ... in terms of", "give the value" — is a candidate when the
  solution's final result was found (else: "no final result");
* a result that is a relation (`\partial_\mu j^\mu = 0`, an inequality), an unevaluated integral or sum, a matrix or column vector
  (`pmatrix`, `array`, Dirac matrices `\gamma^\mu`, `\not p`), an operator or a quantity with a free
  Lorentz index (`\bar\psi\gamma^\mu\psi`, `p^\mu`; `p^\mu p_\mu` is contracted) or a truncated series
  (`\mathcal{O}(\lambda^2)`, `\dots`) is not one definite quantity.

A candidate is finally verifiable only if its result parses with the project verifier as the answer type
the part asks for (`answer_type_for`; checked in `qftdata.adapt.findings`): "numeric" when the part asks
for a number ("numerically", "how many", "in GeV", ...) or the result is a decimal number (its unit
removed by `strip_unit`), else "expression".

>>> classify("Compute the total cross section.", "\\frac{4\\pi\\alpha^2}{3s}")
(True, 'asks for a quantity: compute, and the solution states it')
>>> classify("Show that the cross section is Lorentz invariant.", None)[0]
False
>>> answer_type_for("Evaluate sigma in nanobarns.", "0.869\\,\\text{nb}"), strip_unit("0.869\\,\\text{nb}")
('numeric', '0.869')
"""

from __future__ import annotations

import re

__all__ = ["answer_type_for", "classify", "free_indices", "strip_unit"]

_PROOF = re.compile(r"(?i)\b(show\s+that|show\s+explicitly|prove|verify\s+that|check\s+that|demonstrate|explain|"
                    r"discuss|argue|justify|describe|comment\s+on|interpret|why)\b")
_QUANTITY = re.compile(r"(?i)\b(find|compute|calculate|evaluate|determine|what\s+is|what\s+are|obtain|how\s+many|"
                       r"how\s+much|estimate|express|give\s+the\s+(?:value|expression|result)|work\s+out)\b")
_DERIVE_TARGET = re.compile(r"(?i)\bderive\s+(?:an?\s+|the\s+)?(?:explicit\s+|closed[- ]form\s+)?"
                            r"(expression|formula|value|result)\s+(?:for|of)\b")
_DERIVE = re.compile(r"(?i)\bderive\b")
_NOT_QUANTITY = re.compile(r"\\partial|\\Box|\\square|\\leq|\\geq|<|>|\\le\b|\\ge\b|\\neq|\\ne\b"
                           r"|\\int\b|\\sum\b|\\prod\b")
_MATRIX = re.compile(r"\\begin\{(?:[pbB]?matrix|smallmatrix|array)\*?\}|\\gamma\s*[\^_]|\\not\b|\\slashed\b")
_OPERATOR = re.compile(r"\\psi\b|\\Psi\b|\\dagger\b")
_GREEK_INDEX = r"\\(?:mu|nu|rho|sigma|alpha|beta)(?![A-Za-z])"
_INDEX_GROUP = re.compile(r"([\^_])\s*(?:\{((?:\s*" + _GREEK_INDEX + r")+)\s*\}|(" + _GREEK_INDEX + r"))")
_TRUNCATED = re.compile(r"\\mathcal\{O\}|(?<![A-Za-z\\])O\(|\\[lc]?dots\b|\\ldots|\.\.\.")

_UNITS = r"(?:GeV|MeV|keV|TeV|eV|nb|pb|fb|mb|barns?|nanobarns?|picobarns?|femtobarns?|seconds?|fm|cm|kelvin)"
_NUMERIC_ASK = re.compile(r"(?i)\bnumerical(?:ly)?\b|\bnumeric\s+value\b|\bhow\s+many\b|\bestimate\b|"
                          r"\bin\s+(?:units\s+of\s+)?" + _UNITS + r"\b")
_UNIT_TAIL = re.compile(r"(?:\s|~|\\[,;:! ])*(?:\\(?:text|mathrm|rm|mbox)\s*\{[^{}]*\}|" + _UNITS + r"\b)"
                        r"(?:\^\{?-?\d+\}?)?\s*$")
_DECIMAL = re.compile(r"[-+]?\s*(?:\d+\.?\d*|\.\d+)(?:\s*(?:\\times|\\cdot)\s*10\^\{?[-+]?\d+\}?|[eE][-+]?\d+)?")


def strip_unit(value: str) -> str:
    """`0.869\\,\\text{nb}` -> `0.869`: the number a numeric answer is compared by (units stated apart)."""
    out = value.strip()
    while True:
        shorter = _UNIT_TAIL.sub("", out).strip()
        if shorter == out or not shorter:
            return out
        out = shorter


def answer_type_for(text: str, value: str) -> str:
    """The answer type a part asks for: "numeric" for a requested number or a decimal result, else
    "expression" (exact numbers like `\\frac{1}{8\\pi}` stay expressions)."""
    if _NUMERIC_ASK.search(text) or _DECIMAL.fullmatch(strip_unit(value)):
        return "numeric"
    return "expression"


def free_indices(value: str) -> list[str]:
    """Greek Lorentz indices written as superscripts that no subscript contracts (`j^\\mu`, not `p^\\mu p_\\mu`;
    a subscript alone, like the `\\rho` of `m_\\rho`, names a particle)."""
    up: dict[str, int] = {}
    down: dict[str, int] = {}
    for m in _INDEX_GROUP.finditer(value):
        for name in re.findall(r"[a-z]+", m.group(2) or m.group(3)):
            side = up if m.group(1) == "^" else down
            side[name] = side.get(name, 0) + 1
    return sorted(k for k, n in up.items() if n != down.get(k, 0))


def classify(text: str, value: str | None) -> tuple[bool, str]:
    """(candidate, reason) for a part's text and the extracted result's value (None: none found)."""
    proof = _PROOF.search(text)
    quantity = _QUANTITY.search(text) or _DERIVE_TARGET.search(text)
    derive = _DERIVE.search(text)
    if proof and not quantity:
        return False, f"proof or explanation task: '{proof.group(1).lower()}' without a target quantity"
    if derive and not quantity:
        return False, "derivation without a target quantity: 'derive'"
    if not quantity:
        if value:
            return False, "no request for a quantity: the solution's result may be incidental"
        return False, "no request for a quantity: and no final result"
    verb = re.sub(r"\s+", " ", quantity.group(1).lower())
    if not value:
        return False, f"no final result: asks for a quantity ({verb}) but none was found in the solution"
    if _OPERATOR.search(value) or free_indices(value):
        return False, f"operator or free-index result: {value[:60]} (an answer is one scalar quantity)"
    if _MATRIX.search(value):
        return False, f"matrix or vector result: {value[:60]} (an answer is one expression, number or label)"
    if _TRUNCATED.search(value):
        return False, f"truncated series: {value[:60]}"
    if _NOT_QUANTITY.search(value):
        return False, f"not a closed-form quantity: {value[:60]}"
    return True, f"asks for a quantity: {verb}, and the solution states it"
