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
* a request for **equations** ("find the equations of motion", "obtain the Heisenberg evolution
  equations") asks for relations, not a quantity; a part that asks **several questions** (two sentences
  with a request or a question mark: "Calculate the width. How would it change if ...?") has no single
  answer; a result from a display that states **several results** (`x(t) = ... \qquad p(t) = ...`, rows
  with their own left-hand sides) is not one quantity either;
* a result that is a relation (`\partial_\mu j^\mu = 0`, an inequality), an unevaluated integral or sum, a
  differential (`\frac{g^4}{64\pi^2 s} d\Omega`), a matrix or column vector (`pmatrix`, `array`, Dirac
  matrices `\gamma^\mu`, `\not p`), an operator or a quantity with a free Lorentz index
  (`\bar\psi\gamma^\mu\psi`, `p^\mu`, `\eta_{\mu\nu} - k_\mu k_\nu/m^2`; `p^\mu p_\mu` is contracted) or a
  truncated series (`\mathcal{O}(\lambda^2)`, `\dots`) is not one definite quantity.

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

from qftdata.adapt.latex import mask_math, sentences

__all__ = ["answer_type_for", "classify", "free_indices", "requests", "strip_unit"]

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
_OPERATOR = re.compile(r"\\psi\b|\\Psi\b|\\dagger\b|\\hat\b")
_GREEK_INDEX = r"\\(?:mu|nu|rho|sigma|alpha|beta)(?![A-Za-z])"
_INDEX_GROUP = re.compile(r"(\\[A-Za-z]+|[A-Za-z])?(?:'|\s|\{\s*\})*([\^_])\s*(?:\{((?:\s*" + _GREEK_INDEX
                          + r")+)\s*\}|(" + _GREEK_INDEX + r"))")
# Symbols whose lower Greek index is a Lorentz index (a momentum, the metric, a field strength, ...); any
# other subscript names a particle (`m_\mu` is the muon mass, `m_\rho` the rho mass).
_TENSOR_BASES = frozenset({"k", "p", "q", "x", "y", "l", "\\ell", "\\eta", "g", "\\delta", "\\epsilon",
                           "\\varepsilon", "A", "F", "T", "j", "J", "D", "\\partial", "\\gamma", "W", "Z", "V"})
_EQUATIONS_ASKED = re.compile(r"(?i)\b(?:find|obtain|derive|write\s+down|determine|give|deduce|compute|work\s+out)"
                              r"\s+(?:[\w'-]+\s+){0,3}?(?:equations?\s+of\s+motion|equations)\b")
_ANSWER_FORM = re.compile(r"(?i)\b(?:express|give|write)\s+(?:your|the)\s+(?:final\s+)?(?:answers?|results?)\b")
_DIFFERENTIAL = re.compile(r"(?<![A-Za-z\\])d(?:\^\{?\d\}?\s*[A-Za-z]|\s*\\(?:Omega|cos)(?![A-Za-z]))")
# "express H in terms of $\hat a$ and $\hat a^\dagger$": the answer is an operator
_OPERATOR_ASK = re.compile(r"(?is)\bin\s+terms\s+of\s+(?:the\s+)?(?:operators?\s+)?\$[^$]*(?:\\dagger|\\hat\b)")
# "you will find that ...", "we find ...": a statement, not a request
_NARRATED = re.compile(r"(?i)\b(?:you|we|one|they|i)\s+(?:will\s+|would\s+|should\s+|can\s+|may\s+|might\s+|must\s+"
                       r"|could\s+|shall\s+)?(?:also\s+|then\s+)?$")
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
    """Greek Lorentz indices that no index on the other side contracts (`j^\\mu`, `k_\\nu k_\\sigma`, not
    `p^\\mu p_\\mu`). A subscript is a Lorentz index on a momentum, the metric or a tensor (`_TENSOR_BASES`) or
    when it holds two indices (`\\eta_{\\mu\\nu}`); a single subscript on anything else, like the `\\rho` of
    `m_\\rho`, names a particle."""
    up: dict[str, int] = {}
    down: dict[str, int] = {}
    for m in _INDEX_GROUP.finditer(value):
        names = re.findall(r"[a-z]+", m.group(3) or m.group(4))
        if m.group(2) == "_" and len(names) < 2 and m.group(1) not in _TENSOR_BASES:
            continue
        side = up if m.group(2) == "^" else down
        for name in names:
            side[name] = side.get(name, 0) + 1
    return sorted(k for k in set(up) | set(down) if up.get(k, 0) != down.get(k, 0))


def _asks(sentence: str) -> bool:
    plain = _ANSWER_FORM.sub(" ", sentence)
    verbs = [m for m in (*_QUANTITY.finditer(plain), *_DERIVE_TARGET.finditer(plain))
             if not _NARRATED.search(plain[:m.start()])]
    return bool(verbs) or sentence.rstrip().endswith("?")


def requests(text: str) -> list[str]:
    """The sentences of a part that ask for something: a request for a quantity or a question mark ("express
    your answer in terms of ..." only says how to answer; "you will find that ..." states a fact)."""
    return [" ".join(text[a:b].split()) for a, b in sentences(text) if _asks(mask_math(text[a:b]))]


def classify(text: str, value: str | None, equations: int = 1) -> tuple[bool, str]:
    """(candidate, reason) for a part's text, the extracted result's value (None: none found) and the number
    of equations of the display it comes from."""
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
    asks_equations = _EQUATIONS_ASKED.search(mask_math(text))
    if asks_equations:
        return False, (f"asks for equations: '{' '.join(asks_equations.group(0).split())}' (relations, not one "
                       "quantity)")
    asked = requests(text)
    if len(asked) > 1:
        return False, ("several questions: " + " | ".join(a[:50] for a in asked[:3])
                       + " (one extracted result cannot answer them all)")
    if not value:
        return False, f"no final result: asks for a quantity ({verb}) but none was found in the solution"
    if equations > 1:
        return False, f"several results: the display of `{value[:40]}` states {equations} equations"
    if _OPERATOR.search(value) or free_indices(value) or _OPERATOR_ASK.search(text):
        return False, f"operator or free-index result: {value[:60]} (an answer is one scalar quantity)"
    if _MATRIX.search(value):
        return False, f"matrix or vector result: {value[:60]} (an answer is one expression, number or label)"
    if _TRUNCATED.search(value):
        return False, f"truncated series: {value[:60]}"
    if _NOT_QUANTITY.search(value):
        return False, f"not a closed-form quantity: {value[:60]}"
    if _DIFFERENTIAL.search(value):
        return False, f"differential, not a closed-form quantity: {value[:60]} (a measure such as dOmega remains)"
    return True, f"asks for a quantity: {verb}, and the solution states it"
