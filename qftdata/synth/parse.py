r"""Strict parsing of a model's JSON reply (nothing in it is ever evaluated).

The reply must contain a fenced ```json block (the last one counts) holding one JSON object. Anything else
is a `MalformedOutput` whose message says what is wrong, so the report can count and show it:

* no fenced block, JSON syntax errors (e.g. `\(` is not a JSON escape), a non-object;
* unknown or missing keys, values of the wrong type;
* LaTeX whose backslash was not doubled *and* happens to be a valid JSON escape: `"\frac"` decodes to a
  form feed + `rac`, `"\nu"` to a newline + `u`, `"\theta"` to a tab + `heta`. Such text would parse into
  silently corrupted formulas, so it is refused (`\\frac` is what the prompt asks for).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

__all__ = ["CANDIDATE_KEYS", "CODE_KEYS", "SCORE_KEYS", "MalformedOutput", "extract_json_block",
           "parse_candidate", "parse_scores"]

CANDIDATE_KEYS = ("title", "problem", "answer", "answer_type", "symbols", "assumptions", "tolerance", "choices",
                  "solution", "code", "category", "level")
CODE_KEYS = ("function", "params", "returns", "reference", "cases", "atol", "rtol", "allowed_imports")
SCORE_KEYS = ("problem_quality", "solution_completeness", "answer_verifiability", "physics_correctness")

_FENCE = re.compile(r"```[ \t]*(?P<lang>[A-Za-z0-9_+-]*)[ \t]*\n(?P<body>.*?)\n?[ \t]*```", re.DOTALL)
_SYMBOL = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
# LaTeX commands that start with a letter JSON treats as an escape (\b \f \n \r \t): if one of these
# follows a single backslash in a JSON string, the author forgot to double the backslash.
_LATEX_AFTER_ESCAPE = (
    "bar", "beta", "begin", "bigl", "bigr", "big", "binom", "bf", "boldsymbol", "bmatrix", "boxed", "bullet",
    "frac", "forall", "flat", "fbox",
    "nu", "nabla", "neq", "ne", "not", "nonumber", "newline", "notin", "nmid",
    "rho", "right", "rangle", "rightarrow", "rm", "rceil", "rfloor",
    "theta", "tau", "times", "text", "textrm", "textbf", "tilde", "tan", "tanh", "to", "top", "triangle",
    "tfrac", "therefore",
)
_BAD_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\(?P<cmd>[bfnrt][A-Za-z]*)")


class MalformedOutput(ValueError):
    """A model reply that does not follow the requested format; the message says why."""


def extract_json_block(text: str) -> Any:
    """The JSON value of the last fenced ```json (or unlabeled) block of `text`; `MalformedOutput` if none."""
    blocks = [m for m in _FENCE.finditer(text or "") if m["lang"].lower() in ("json", "")]
    if not blocks:
        raise MalformedOutput("no fenced ```json block in the reply")
    body = blocks[-1]["body"]
    for m in _BAD_ESCAPE.finditer(body):
        cmd = m["cmd"]
        if cmd in _LATEX_AFTER_ESCAPE:
            raise MalformedOutput(f"LaTeX backslash not doubled inside a JSON string: '\\{cmd}' would decode "
                                  f"as a control character (write '\\\\{cmd}')")
    try:
        return json.loads(body, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise MalformedOutput(f"invalid JSON in the fenced block: {exc.msg} (line {exc.lineno}, column "
                              f"{exc.colno})") from None
    except ValueError as exc:
        raise MalformedOutput(f"invalid JSON in the fenced block: {exc}") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _str(obj: dict, key: str, required: bool = True) -> str:
    if key not in obj:
        if required:
            raise MalformedOutput(f"{key}: missing")
        return ""
    value = obj[key]
    if not isinstance(value, str):
        raise MalformedOutput(f"{key}: expected a string, got {type(value).__name__}")
    return value.strip()


def _str_list(obj: dict, key: str) -> list[str]:
    value = obj.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise MalformedOutput(f"{key}: expected a list of strings")
    return [x.strip() for x in value]


def parse_candidate(text: str) -> dict[str, Any]:
    """A problem candidate from a generation/rewrite reply, checked key by key.

    Returns a dict with every key of `CANDIDATE_KEYS` (defaults filled in); raises `MalformedOutput`.
    """
    from qftdata.schema import ANSWER_TYPES, CATEGORIES, LEVELS, SYMBOL_DOMAINS, XPHYSICS_CATEGORIES

    obj = extract_json_block(text)
    if not isinstance(obj, dict):
        raise MalformedOutput(f"expected a JSON object, got {type(obj).__name__}")
    unknown = sorted(set(obj) - set(CANDIDATE_KEYS))
    if unknown:
        raise MalformedOutput(f"unknown key(s) {unknown}; allowed: {list(CANDIDATE_KEYS)}")
    out: dict[str, Any] = {"title": _str(obj, "title", required=False), "problem": _str(obj, "problem"),
                           "solution": _str(obj, "solution"), "answer_type": _str(obj, "answer_type")}
    if out["answer_type"] not in ANSWER_TYPES:
        raise MalformedOutput(f"answer_type: {out['answer_type']!r} not in {list(ANSWER_TYPES)}")
    out["answer"] = _str(obj, "answer", required=out["answer_type"] != "code")
    if not out["problem"]:
        raise MalformedOutput("problem: empty")
    if not out["solution"]:
        raise MalformedOutput("solution: empty")
    if out["answer_type"] != "code" and not out["answer"]:
        raise MalformedOutput("answer: empty")
    out["symbols"] = _str_list(obj, "symbols")
    for s in out["symbols"]:
        if not _SYMBOL.match(s):
            raise MalformedOutput(f"symbols: {s!r} is not a symbol name (letters, digits, '_'; e.g. m_H, alpha)")
    out["choices"] = _str_list(obj, "choices")
    assumptions = obj.get("assumptions") or {}
    if not isinstance(assumptions, dict) or not all(isinstance(v, str) for v in assumptions.values()):
        raise MalformedOutput("assumptions: expected an object symbol -> domain")
    for sym, dom in assumptions.items():
        if dom not in SYMBOL_DOMAINS:
            raise MalformedOutput(f"assumptions: {sym!r} has unknown domain {dom!r} (one of {list(SYMBOL_DOMAINS)})")
    out["assumptions"] = dict(assumptions)
    tol = obj.get("tolerance", 0.0)
    if tol is None:
        tol = 0.0
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not math.isfinite(tol) or tol < 0:
        raise MalformedOutput(f"tolerance: expected a number >= 0, got {tol!r}")
    out["tolerance"] = float(tol)
    if out["answer_type"] == "numeric" and out["tolerance"] == 0.0:
        raise MalformedOutput("tolerance: a numeric answer needs a tolerance > 0")
    for key, allowed in (("category", CATEGORIES + XPHYSICS_CATEGORIES), ("level", LEVELS)):
        value = _str(obj, key, required=False)
        if value and value not in allowed:
            raise MalformedOutput(f"{key}: {value!r} is not one of {list(allowed)}")
        out[key] = value
    out["code"] = _parse_code(obj.get("code")) if out["answer_type"] == "code" else None
    if out["answer_type"] != "code" and obj.get("code"):
        raise MalformedOutput("code: only allowed when answer_type is 'code'")
    return out


def _parse_code(code: Any) -> dict[str, Any]:
    if not isinstance(code, dict):
        raise MalformedOutput("code: answer_type 'code' needs a code object")
    unknown = sorted(set(code) - set(CODE_KEYS))
    if unknown:
        raise MalformedOutput(f"code: unknown key(s) {unknown}; allowed: {list(CODE_KEYS)}")
    for key in ("function", "params", "returns", "reference", "cases"):
        if key not in code:
            raise MalformedOutput(f"code.{key}: missing")
    if not isinstance(code["reference"], str) or "def " not in code["reference"]:
        raise MalformedOutput("code.reference: expected Python source defining the function")
    if not isinstance(code["cases"], list) or not code["cases"]:
        raise MalformedOutput("code.cases: expected a non-empty list")
    for i, case in enumerate(code["cases"]):
        if not isinstance(case, dict) or set(case) - {"inputs", "expected", "atol", "rtol"} or "inputs" not in case:
            raise MalformedOutput(f"code.cases[{i}]: expected {{inputs, expected?, atol?, rtol?}}")
    return dict(code)


def parse_scores(text: str, keys: tuple[str, ...] = SCORE_KEYS) -> tuple[dict[str, float], str]:
    """(scores 0-100 for every key, comments) from a quality-check reply; `MalformedOutput` otherwise."""
    obj = extract_json_block(text)
    if not isinstance(obj, dict):
        raise MalformedOutput(f"expected a JSON object, got {type(obj).__name__}")
    unknown = sorted(set(obj) - set(keys) - {"comments"})
    if unknown:
        raise MalformedOutput(f"unknown key(s) {unknown}; allowed: {list(keys) + ['comments']}")
    scores: dict[str, float] = {}
    for key in keys:
        v = obj.get(key)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or not 0 <= v <= 100:
            raise MalformedOutput(f"{key}: expected a number in [0, 100], got {v!r}")
        scores[key] = float(v)
    comments = obj.get("comments", "")
    return scores, comments if isinstance(comments, str) else json.dumps(comments)
