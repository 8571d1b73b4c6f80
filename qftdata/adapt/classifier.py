r"""Is a problem part verifiable (asks for a definite quantity whose value the solution states)?

Rules, on the part's text (and the solution's extracted result):

* a **proof / explanation** task — "show that", "prove", "verify that", "demonstrate", "explain",
  "discuss", "argue", "justify", "describe", "comment on", "interpret", "why" — with no request for a
  quantity is not verifiable (`reason`: which phrase);
* "derive" counts as a request for a quantity only with a target ("derive an expression for the width",
  "derive the value of ..."); "derive the equations of motion" is a derivation task;
* a **request for a quantity** — "find", "compute", "calculate", "evaluate", "determine", "what is",
  "obtain", "how many", "estimate", "express ... in terms of", "give the value" — is verifiable when the
  solution's final result was found (else: "no final result found in the solution");
* a result that is an equation between derivatives/fields (no closed-form value, e.g. `\partial_\mu
  j^\mu = 0`) or an inequality is not a definite quantity.

>>> classify("Compute the total cross section.", "\\frac{4\\pi\\alpha^2}{3s}")
(True, 'asks for a quantity (compute) and the solution states it')
>>> classify("Show that the cross section is Lorentz invariant.", None)[0]
False
"""

from __future__ import annotations

import re

__all__ = ["classify"]

_PROOF = re.compile(r"(?i)\b(show\s+that|show\s+explicitly|prove|verify\s+that|check\s+that|demonstrate|explain|"
                    r"discuss|argue|justify|describe|comment\s+on|interpret|why)\b")
_QUANTITY = re.compile(r"(?i)\b(find|compute|calculate|evaluate|determine|what\s+is|what\s+are|obtain|how\s+many|"
                       r"how\s+much|estimate|express|give\s+the\s+(?:value|expression|result)|work\s+out)\b")
_DERIVE_TARGET = re.compile(r"(?i)\bderive\s+(?:an?\s+|the\s+)?(?:explicit\s+|closed[- ]form\s+)?"
                            r"(expression|formula|value|result)\s+(?:for|of)\b")
_DERIVE = re.compile(r"(?i)\bderive\b")
_NOT_QUANTITY = re.compile(r"\\partial|\\Box|\\square|\\leq|\\geq|<|>|\\le\b|\\ge\b|\\neq|\\ne\b")


def classify(text: str, value: str | None) -> tuple[bool, str]:
    """(verifiable, reason) for a part's text and the extracted result's value (None: none found)."""
    proof = _PROOF.search(text)
    quantity = _QUANTITY.search(text) or _DERIVE_TARGET.search(text)
    derive = _DERIVE.search(text)
    if proof and not quantity:
        return False, f"proof or explanation task ('{proof.group(1).lower()}') without a target quantity"
    if derive and not quantity:
        return False, "derivation without a target quantity ('derive')"
    if not quantity:
        if value:
            return False, "no request for a quantity in the statement (the solution's result may be incidental)"
        return False, "no request for a quantity and no final result"
    verb = re.sub(r"\s+", " ", quantity.group(1).lower())
    if not value:
        return False, f"asks for a quantity ({verb}) but no final result found in the solution"
    if _NOT_QUANTITY.search(value):
        return False, f"the final result is not a closed-form quantity: {value[:60]}"
    return True, f"asks for a quantity ({verb}) and the solution states it"
