"""Code answers: the model writes a Python function; we run it on test inputs in the sandbox.

The record's `code` column (JSON) is a `CodeSpec`: the function signature (name, typed parameters, return
type), the test inputs, the expected outputs (computed at build time from a trusted reference) and the
per-case tolerances. The layout is documented in docs/code_answers.md.

Grading (`verify_code`): take the LAST fenced Python block of the completion (or the last `def` of the
required name), run it on all test inputs in ONE sandboxed child (`qftdata.verify.sandbox`), and compare
the returned values *in the parent* with the expected values, which never enter the child. A case passes
when |got - expected| <= atol + rtol * |expected| (complex: the modulus of the difference); bools and
strings must match exactly (strings after stripping surrounding white space); tuples and lists element by
element with the element's type.

>>> spec = CodeSpec(function="double", params=(Param("x", "float"),), returns="float",
...                 cases=(CodeCase({"x": 1.5}, 3.0),))
>>> verify_code("```python\\ndef double(x):\\n    return 2*x\\n```", spec.to_dict(), timeout=5).status
'correct'
"""

from __future__ import annotations

import ast
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from qftdata.verify import Verdict
from qftdata.verify.sandbox import DEFAULT_LIMITS, SandboxLimits, decode_tagged, run_function

CODE_FORMAT = "qft-reason/code@1"
DEFAULT_ATOL = 1e-6  # the paper's and TPBench's absolute tolerance
DEFAULT_RTOL = 0.0
MAX_CODE_CHARS = 100_000

_SCALARS = ("float", "int", "complex", "bool", "str")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class CodeSpecError(ValueError):
    """A code spec breaks the layout; the message names the field."""


# --------------------------------------------------------------------------------------------------
# Types: float | int | complex | bool | str | tuple[T1, T2, ...] | tuple[T, ...] | list[T] | ndarray
# | ndarray[complex]
# --------------------------------------------------------------------------------------------------

_ALIASES = {"Tuple": "tuple", "List": "list", "np.ndarray": "ndarray", "numpy.ndarray": "ndarray",
            "builtins.float": "float", "np.float64": "float", "numpy.float64": "float"}


def normalize_type(typ: str) -> str:
    """Canonical spelling of a type string (`Tuple[float,complex]` -> `tuple[float, complex]`).

    Raises CodeSpecError for anything outside the grammar.
    """
    if not isinstance(typ, str) or not typ.strip():
        raise CodeSpecError(f"type: expected a non-empty string, got {typ!r}")
    t = typ.strip().replace(" ", "")
    for old, new in _ALIASES.items():
        t = re.sub(rf"(?<![A-Za-z_.]){re.escape(old)}(?![A-Za-z_])", new, t)
    return _norm(t, typ)


def _norm(t: str, original: str) -> str:
    if t in _SCALARS or t == "ndarray":
        return t
    if t == "ndarray[complex]" or t == "ndarray[float]":
        return t
    m = re.fullmatch(r"(tuple|list)\[(.*)\]", t)
    if m:
        from qftdata.verify.sandbox import _split_types

        inner = _split_types(m.group(2))
        if m.group(1) == "list":
            if len(inner) != 1:
                raise CodeSpecError(f"type {original!r}: list[T] takes one element type")
            return f"list[{_norm(inner[0], original)}]"
        if len(inner) == 2 and inner[1] == "...":
            return f"tuple[{_norm(inner[0], original)}, ...]"
        if not inner:
            raise CodeSpecError(f"type {original!r}: empty tuple type")
        return "tuple[" + ", ".join(_norm(x, original) for x in inner) + "]"
    raise CodeSpecError(f"type {original!r} is not supported (use float, int, complex, bool, str, "
                        f"tuple[...], list[T] or ndarray)")


def _tuple_parts(t: str) -> tuple[list[str], bool]:
    from qftdata.verify.sandbox import _split_types

    inner = _split_types(t[len("tuple["):-1].replace(" ", ""))
    if len(inner) == 2 and inner[1] == "...":
        return [inner[0]], True
    return inner, False


def check_value(value: Any, typ: str, where: str) -> None:
    """Raise CodeSpecError unless the JSON `value` is a valid encoding of type `typ` (finite numbers)."""
    t = typ.replace(" ", "")
    if t in ("float", "int"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise CodeSpecError(f"{where}: expected a finite number for {typ}, got {value!r}")
        if t == "int" and isinstance(value, float) and not value.is_integer():
            raise CodeSpecError(f"{where}: expected an integer, got {value!r}")
    elif t == "complex":
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                           for v in value)):
            raise CodeSpecError(f"{where}: expected [re, im] for complex, got {value!r}")
    elif t == "bool":
        if not isinstance(value, bool):
            raise CodeSpecError(f"{where}: expected true/false, got {value!r}")
    elif t == "str":
        if not isinstance(value, str):
            raise CodeSpecError(f"{where}: expected a string, got {value!r}")
    elif t.startswith("tuple["):
        parts, homogeneous = _tuple_parts(t)
        if not isinstance(value, list):
            raise CodeSpecError(f"{where}: expected a list for {typ}, got {value!r}")
        if not homogeneous and len(value) != len(parts):
            raise CodeSpecError(f"{where}: expected {len(parts)} elements for {typ}, got {len(value)}")
        for i, v in enumerate(value):
            check_value(v, parts[0] if homogeneous else parts[i], f"{where}[{i}]")
    elif t.startswith("list["):
        if not isinstance(value, list):
            raise CodeSpecError(f"{where}: expected a list for {typ}, got {value!r}")
        for i, v in enumerate(value):
            check_value(v, t[5:-1], f"{where}[{i}]")
    elif t.startswith("ndarray"):
        elem = "complex" if "complex" in t else "float"
        if isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, list) and not (elem == "complex" and _is_pair(v)):
                    check_value(v, t, f"{where}[{i}]")
                else:
                    check_value(v, elem, f"{where}[{i}]")
        else:
            raise CodeSpecError(f"{where}: expected a (nested) list for {typ}, got {value!r}")
    else:
        raise CodeSpecError(f"{where}: unknown type {typ!r}")


def _is_pair(v: list) -> bool:
    return len(v) == 2 and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)


# --------------------------------------------------------------------------------------------------
# The spec
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "float"


@dataclass(frozen=True)
class CodeCase:
    """One test case: keyword inputs, the expected output (JSON encoding of `returns`), tolerances
    (None = the spec's defaults)."""

    inputs: dict[str, Any]
    expected: Any
    atol: float | None = None
    rtol: float | None = None


@dataclass(frozen=True)
class CodeSpec:
    """The `code` column of an answer_type="code" record. See docs/code_answers.md."""

    function: str
    params: tuple[Param, ...]
    returns: str
    cases: tuple[CodeCase, ...]
    atol: float = DEFAULT_ATOL
    rtol: float = DEFAULT_RTOL
    skeleton: str = ""
    allowed_imports: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def signature(self) -> str:
        """`def name(a: float, b: complex) -> float:` — what the statement asks for."""
        args = ", ".join(f"{p.name}: {p.type}" for p in self.params)
        return f"def {self.function}({args}) -> {self.returns}:"

    def validate(self) -> None:
        if not isinstance(self.function, str) or not _IDENT.match(self.function):
            raise CodeSpecError(f"function: {self.function!r} is not a Python identifier")
        names = [p.name for p in self.params]
        for p in self.params:
            if not _IDENT.match(p.name) or p.name in _KEYWORDS:
                raise CodeSpecError(f"params: {p.name!r} is not a usable parameter name")
            normalize_type(p.type)
        if len(set(names)) != len(names):
            raise CodeSpecError("params: duplicate parameter names")
        normalize_type(self.returns)
        for name in ("atol", "rtol"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
                raise CodeSpecError(f"{name}: expected a finite number >= 0, got {v!r}")
        if not self.cases:
            raise CodeSpecError("cases: at least one test case is required")
        for i, case in enumerate(self.cases):
            if not isinstance(case.inputs, dict) or set(case.inputs) != set(names):
                raise CodeSpecError(f"cases[{i}].inputs: keys {sorted(case.inputs) if isinstance(case.inputs, dict) else case.inputs!r}"
                                    f" != parameters {sorted(names)}")
            for p in self.params:
                check_value(case.inputs[p.name], normalize_type(p.type), f"cases[{i}].inputs.{p.name}")
            check_value(case.expected, normalize_type(self.returns), f"cases[{i}].expected")
            for name in ("atol", "rtol"):
                v = getattr(case, name)
                if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))
                                      or not math.isfinite(v) or v < 0):
                    raise CodeSpecError(f"cases[{i}].{name}: expected a finite number >= 0, got {v!r}")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": CODE_FORMAT,
            "function": self.function,
            "params": [{"name": p.name, "type": p.type} for p in self.params],
            "returns": self.returns,
            "atol": self.atol,
            "rtol": self.rtol,
            "cases": [{k: v for k, v in (("inputs", c.inputs), ("expected", c.expected), ("atol", c.atol),
                                         ("rtol", c.rtol)) if v is not None} for c in self.cases],
        }
        if self.skeleton:
            out["skeleton"] = self.skeleton
        if self.allowed_imports:
            out["allowed_imports"] = list(self.allowed_imports)
        if self.extra:
            out["extra"] = self.extra
        return out

    def to_json(self) -> str:
        """Canonical JSON (sorted keys) for the record's `code` column."""
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False)

    @classmethod
    def from_json(cls, data: str | Mapping[str, Any]) -> CodeSpec:
        """Parse and validate a spec from its JSON string or dict; CodeSpecError names the bad field."""
        if isinstance(data, (str, bytes)):
            try:
                data = json.loads(data, parse_constant=_no_constant)
            except ValueError as exc:
                raise CodeSpecError(f"code: not valid JSON ({exc})") from None
        if not isinstance(data, Mapping):
            raise CodeSpecError("code: expected a JSON object")
        fmt = data.get("format", CODE_FORMAT)
        if fmt != CODE_FORMAT:
            raise CodeSpecError(f"format: {fmt!r} is not {CODE_FORMAT!r}")
        known = {"format", "function", "params", "returns", "cases", "atol", "rtol", "skeleton",
                 "allowed_imports", "extra"}
        unknown = set(data) - known
        if unknown:
            raise CodeSpecError(f"unknown field(s): {sorted(unknown)}")
        for key in ("function", "params", "returns", "cases"):
            if key not in data:
                raise CodeSpecError(f"{key}: missing")
        params = data["params"]
        if not isinstance(params, list) or not all(isinstance(p, Mapping) and "name" in p for p in params):
            raise CodeSpecError("params: expected a list of {name, type} objects")
        cases = data["cases"]
        if not isinstance(cases, list) or not all(isinstance(c, Mapping) for c in cases):
            raise CodeSpecError("cases: expected a list of objects")
        for i, c in enumerate(cases):
            if "inputs" not in c or "expected" not in c:
                raise CodeSpecError(f"cases[{i}]: needs 'inputs' and 'expected'")
            bad = set(c) - {"inputs", "expected", "atol", "rtol"}
            if bad:
                raise CodeSpecError(f"cases[{i}]: unknown field(s) {sorted(bad)}")
        try:
            spec = cls(
                function=data["function"],
                params=tuple(Param(str(p["name"]), normalize_type(p.get("type", "float"))) for p in params),
                returns=normalize_type(data["returns"]),
                cases=tuple(CodeCase(dict(c["inputs"]) if isinstance(c["inputs"], Mapping) else c["inputs"],
                                     c["expected"], c.get("atol"), c.get("rtol")) for c in cases),
                atol=data.get("atol", DEFAULT_ATOL),
                rtol=data.get("rtol", DEFAULT_RTOL),
                skeleton=str(data.get("skeleton", "") or ""),
                allowed_imports=tuple(str(x) for x in data.get("allowed_imports", ()) or ()),
                extra=dict(data.get("extra", {}) or {}),
            )
        except (TypeError, AttributeError) as exc:
            raise CodeSpecError(f"code: {exc}") from None
        spec.validate()
        return spec


_KEYWORDS = frozenset(__import__("keyword").kwlist) | {"print", "exec", "eval"}


def _no_constant(name: str) -> Any:
    raise ValueError(f"NaN/Infinity ({name}) is not allowed")


# --------------------------------------------------------------------------------------------------
# Values: expected JSON <-> decoded child values
# --------------------------------------------------------------------------------------------------


def to_expected(value: Any, typ: str) -> Any:
    """A plain Python value (float/complex/tuple/...) -> the spec's JSON encoding for type `typ`."""
    t = typ.replace(" ", "")
    if t == "complex":
        z = complex(value)
        return [z.real, z.imag]
    if t == "float":
        if isinstance(value, complex):
            if value.imag != 0:
                raise CodeSpecError(f"value {value!r} is complex but the type is float")
            value = value.real
        return float(value)
    if t == "int":
        return int(value)
    if t == "bool":
        if not isinstance(value, bool):
            raise CodeSpecError(f"value {value!r} is not a bool")
        return value
    if t == "str":
        return str(value)
    if t.startswith("tuple["):
        parts, homogeneous = _tuple_parts(t)
        return [to_expected(v, parts[0] if homogeneous else parts[i]) for i, v in enumerate(value)]
    if t.startswith("list["):
        return [to_expected(v, t[5:-1]) for v in value]
    if t.startswith("ndarray"):
        elem = "complex" if "complex" in t else "float"
        return [to_expected(v, t) if isinstance(v, (list, tuple)) else to_expected(v, elem) for v in value]
    raise CodeSpecError(f"unknown type {typ!r}")


def infer_type(value: Any) -> str:
    """The type string of a decoded child value (used when an imported skeleton has no return type)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, complex):
        return "complex"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list) and value:
        return "tuple[" + ", ".join(infer_type(v) for v in value) + "]"
    raise CodeSpecError(f"cannot infer a type for {value!r}")


def compare(expected: Any, got: Any, typ: str, atol: float, rtol: float, where: str = "") -> tuple[bool, str]:
    """Compare a decoded child value with the expected JSON value of type `typ`: (ok, why-not)."""
    t = typ.replace(" ", "")
    if t in ("float", "int", "complex"):
        exp = complex(expected[0], expected[1]) if t == "complex" else expected
        if isinstance(got, bool) or not isinstance(got, (int, float, complex)):
            return False, f"{where}expected a number, got {_short(got)}"
        try:
            diff = abs(complex(got) - complex(exp))
        except OverflowError:
            return False, f"{where}value overflows"
        if not math.isfinite(diff):
            return False, f"{where}expected {_short(exp)}, got {_short(got)}"
        if t != "complex" and isinstance(got, complex) and abs(got.imag) > atol + rtol * abs(exp):
            return False, f"{where}expected a real number {_short(exp)}, got {_short(got)}"
        if diff <= atol + rtol * abs(exp):
            return True, ""
        return False, f"{where}expected {_short(exp)}, got {_short(got)} (|diff| = {diff:.3g})"
    if t == "bool":
        if isinstance(got, bool) and got == expected:
            return True, ""
        return False, f"{where}expected {expected!r}, got {_short(got)}"
    if t == "str":
        if isinstance(got, str) and got.strip() == expected.strip():
            return True, ""
        return False, f"{where}expected {expected!r}, got {_short(got)}"
    if t.startswith(("tuple[", "list[", "ndarray")):
        if not isinstance(got, list):
            return False, f"{where}expected a sequence, got {_short(got)}"
        if len(got) != len(expected):
            return False, f"{where}expected {len(expected)} elements, got {len(got)}"
        if t.startswith("tuple["):
            parts, homogeneous = _tuple_parts(t)
            types = [parts[0] if homogeneous else parts[i] for i in range(len(expected))]
        elif t.startswith("list["):
            types = [t[5:-1]] * len(expected)
        else:
            elem = "complex" if "complex" in t else "float"
            types = [t if isinstance(e, list) and not (elem == "complex" and _is_pair(e)) else elem
                     for e in expected]
        for i, (e, g, et) in enumerate(zip(expected, got, types, strict=True)):
            ok, why = compare(e, g, et, atol, rtol, f"{where}[{i}] ")
            if not ok:
                return False, why
        return True, ""
    return False, f"{where}unknown type {typ!r}"


def _short(v: Any, n: int = 80) -> str:
    s = repr(v)
    return s if len(s) <= n else s[: n - 3] + "..."


# --------------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------------

# Linear by construction (the caller runs this outside any time limit): the input is capped first, no two
# unbounded repeats in a pattern can match the same characters, `^` patterns never cross a newline with
# `\s`, and `\begin{python}` blocks are paired with str.find instead of a lazy `.*?` per opening.
MAX_COMPLETION_CHARS = 400_000  # characters from the end of a completion that extract_code reads
_FENCE = re.compile(r"```[ \t]*(?:(python3?|py)[ \t]*)?\r?\n(.*?)```", re.DOTALL | re.IGNORECASE)
_DEF_LINE = re.compile(r"^[ \t]*def[ \t]", re.MULTILINE)


def _latex_blocks(text: str) -> list[tuple[int, str]]:
    """`\\begin{python}...\\end{python}` blocks, paired left to right with str.find (one pass)."""
    blocks, pos = [], 0
    begin, end = "\\begin{python}", "\\end{python}"
    while True:
        a = text.find(begin, pos)
        if a < 0:
            return blocks
        b = text.find(end, a + len(begin))
        if b < 0:
            return blocks  # an unclosed block: no later opening can be closed either
        blocks.append((a, text[a + len(begin):b]))
        pos = b + len(end)


def extract_code(completion: str, function: str) -> tuple[str | None, str]:
    """The solution code in a completion: (code or None, how it was found / why not).

    Takes the text after the last `</think>` when that part has code. Among fenced blocks (```python,
    ```py, unlabeled fences that contain a `def`) and `\\begin{python}` blocks, the LAST one that defines
    `function`; else the last block; without any block, the last `def function(` and what follows.
    Reads only the last MAX_COMPLETION_CHARS characters; linear in them.
    """
    if not isinstance(completion, str) or not completion.strip():
        return None, "empty completion"
    text = completion[-MAX_COMPLETION_CHARS:]
    if "</think>" in text:
        after = text.rsplit("</think>", 1)[1]
        if "def " in after:
            text = after
    blocks: list[tuple[int, str]] = []
    for m in _FENCE.finditer(text):
        body = m.group(2)
        if m.group(1) or _DEF_LINE.search(body):
            blocks.append((m.start(), body))
    blocks += _latex_blocks(text)
    blocks.sort(key=lambda b: b[0])
    name = re.escape(function)
    defines = re.compile(rf"^[ \t]*(?:async[ \t]+)?def[ \t]+{name}[ \t]*\(|^[ \t]*{name}[ \t]*=", re.MULTILINE)
    if blocks:
        for _, body in reversed(blocks):
            if defines.search(body):
                return body.strip("\n"), "last code block defining the function"
        return blocks[-1][1].strip("\n"), "last code block (it does not define the function)"
    starts = [m.start() for m in re.finditer(rf"^[ \t]*def[ \t]+{name}[ \t]*\(", text, re.MULTILINE)]
    if not starts:
        return None, "no Python code block found"
    lines = text[starts[-1]:].splitlines()
    body = [lines[0].lstrip()]
    for line in lines[1:]:
        if line.strip() and not line[:1].isspace():
            break
        body.append(line)
    # imports written just above the def
    head = text[: starts[-1]].splitlines()
    imports = []
    for line in reversed(head):
        if re.match(r"[ \t]*(import|from)[ \t]+\w", line):
            imports.insert(0, line.strip())
        elif line.strip():
            break
    return "\n".join(imports + body).rstrip(), "def of the function in plain text"


def _defines(tree: ast.Module, function: str) -> bool:
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
            return True
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == function
                                                for t in node.targets):
            return True
    return False


# --------------------------------------------------------------------------------------------------
# Grading
# --------------------------------------------------------------------------------------------------


def _limits_for(spec: CodeSpec, limits: SandboxLimits | None) -> SandboxLimits:
    base = limits or DEFAULT_LIMITS
    if spec.allowed_imports and limits is None:
        from dataclasses import replace

        base = replace(base, allowed_imports=tuple(spec.allowed_imports))
    return base


def verify_code(completion: str, code_spec: Mapping[str, Any] | str | CodeSpec, timeout: float = 2.0,
                limits: SandboxLimits | None = None) -> Verdict:
    """Grade a code answer; always returns a `Verdict` (correct|incorrect|no_answer|unparseable|timeout|
    sandbox_unavailable).

    `timeout` bounds the solution's own run (all cases together) after the sandbox is ready; the start-up
    (interpreter + the solution's imports) is bounded separately by `limits.startup_s`. Where bubblewrap
    cannot run (and the weaker fallback was not chosen), nothing is executed: `sandbox_unavailable`. If the
    sandbox fails to start (our failure, not the model's), the verdict has `gold_error=True`. Both mean
    "skip the sample".
    """
    try:
        spec = code_spec if isinstance(code_spec, CodeSpec) else CodeSpec.from_json(code_spec)
    except CodeSpecError as exc:
        return Verdict("unparseable", f"bad code spec: {exc}", gold_error=True)
    code, how = extract_code(completion, spec.function)
    if code is None:
        return Verdict("no_answer", how)
    extracted = code if len(code) <= 4000 else code[:4000] + "\n# ... (truncated)"
    if len(code) > MAX_CODE_CHARS:
        return Verdict("unparseable", f"code longer than {MAX_CODE_CHARS} characters", extracted)
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        return Verdict("unparseable", f"syntax error, line {exc.lineno}: {exc.msg}", extracted)
    except (ValueError, RecursionError, MemoryError) as exc:
        return Verdict("unparseable", f"cannot parse the code: {type(exc).__name__}", extracted)
    if not _defines(tree, spec.function):
        return Verdict("unparseable", f"the code does not define {spec.function}() ({how})", extracted)
    gold_shown = _short([c.expected for c in spec.cases], 300)
    try:
        res = run_function(code, spec.function, [dict(c.inputs) for c in spec.cases], timeout=timeout,
                           params=[{"name": p.name, "type": p.type} for p in spec.params],
                           limits=_limits_for(spec, limits))
    except Exception as exc:  # noqa: BLE001 - our infrastructure failed, not the model: skip the sample
        return Verdict("unparseable", f"sandbox failure: {type(exc).__name__}: {exc}", extracted, gold_error=True)
    if res.status == "crashed" and res.error.startswith("could not run the sandbox"):
        return Verdict("unparseable", res.error, extracted, gold_error=True)
    if res.status == "unavailable":  # fail closed: nothing ran, so neither reward nor punish (reward None)
        return Verdict("sandbox_unavailable", f"code not executed: {res.error}", extracted)
    if res.status == "timeout":
        return Verdict("timeout", res.error, extracted, None, gold_shown)
    if res.status != "ok":
        return Verdict("incorrect", f"{res.status}: {res.error}", extracted, None, gold_shown)
    outputs = res.outputs or []
    if len(outputs) != len(spec.cases):
        return Verdict("incorrect", f"protocol: {len(outputs)} results for {len(spec.cases)} cases",
                       extracted, None, gold_shown)
    try:
        values = [decode_tagged(o) for o in outputs]
    except (ValueError, OverflowError) as exc:
        return Verdict("incorrect", f"protocol: {exc}", extracted, None, gold_shown)
    pred_shown = _short(values, 300)
    for i, (case, got) in enumerate(zip(spec.cases, values, strict=True)):
        atol = spec.atol if case.atol is None else case.atol
        rtol = spec.rtol if case.rtol is None else case.rtol
        ok, why = compare(case.expected, got, spec.returns, atol, rtol)
        if not ok:
            return Verdict("incorrect", f"case {i} {_short(case.inputs, 120)}: {why}", extracted, pred_shown,
                           gold_shown)
    return Verdict("correct", f"all {len(spec.cases)} cases pass ({res.wall_ms:.0f} ms)", extracted,
                   pred_shown, gold_shown)


def verify_code_batch(completions: Sequence[str], code_spec: Mapping[str, Any] | str | CodeSpec,
                      timeout: float = 2.0, limits: SandboxLimits | None = None,
                      max_workers: int | None = None) -> list[Verdict]:
    """`verify_code` for many completions of one problem, on a thread pool bounded by the CPU count
    (each check is its own sandboxed process)."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    try:
        spec = code_spec if isinstance(code_spec, CodeSpec) else CodeSpec.from_json(code_spec)
    except CodeSpecError as exc:
        return [Verdict("unparseable", f"bad code spec: {exc}", gold_error=True) for _ in completions]
    if not completions:
        return []
    cpus = os.cpu_count() or 1
    workers = max(1, min(max_workers or cpus, cpus, len(completions)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="qft-code") as pool:
        return list(pool.map(lambda c: verify_code(c, spec, timeout, limits), completions))


def run_reference(reference: str, spec: CodeSpec, timeout: float = 10.0,
                  limits: SandboxLimits | None = None) -> list[Any]:
    """Run a reference implementation (ours or a third party's) on the spec's inputs IN THE SANDBOX and
    return the decoded outputs; raises CodeSpecError saying why it failed. Third-party references are
    untrusted code too, so they never run in-process."""
    res = run_function(reference, spec.function, [dict(c.inputs) for c in spec.cases], timeout=timeout,
                       params=[{"name": p.name, "type": p.type} for p in spec.params],
                       limits=_limits_for(spec, limits))
    if res.status != "ok":
        raise CodeSpecError(f"reference implementation failed ({res.status}): {res.error}")
    return [decode_tagged(o) for o in res.outputs or []]


def with_expected(spec: CodeSpec, outputs: Sequence[Any], returns: str | None = None) -> CodeSpec:
    """A copy of `spec` whose cases' expected values are `outputs` (encoded for `returns`, or inferred
    from the first output when the spec's return type is unknown); validated."""
    from dataclasses import replace

    typ = normalize_type(returns) if returns else spec.returns
    cases = tuple(replace(c, expected=to_expected(v, typ)) for c, v in zip(spec.cases, outputs, strict=True))
    new = replace(spec, returns=typ, cases=cases)
    new.validate()
    return new


__all__ = ["CODE_FORMAT", "CodeCase", "CodeSpec", "CodeSpecError", "Param", "compare", "extract_code",
           "infer_type", "normalize_type", "run_reference", "to_expected", "verify_code", "verify_code_batch",
           "with_expected"]
