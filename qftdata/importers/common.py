"""Shared plumbing of the importers: reading rows, issues, code specs from a reference, records, JSONL."""

from __future__ import annotations

import ast
import json
import random
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qftdata.schema import (
    CATEGORIES,
    LEVELS,
    XPHYSICS_CATEGORIES,
    Problem,
    dumps,
    stable_id,
    validation_errors,
)

IMPORT_VERSION = 1


class RowError(ValueError):
    """A problem cannot be converted; `field` names the offending field of the source row."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass
class ImportIssue:
    """Why one source problem was not converted."""

    file: str
    row: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file} [{self.row}] {self.field}: {self.message}"


@dataclass
class ImportReport:
    source: str
    records: list[Problem] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    seen: int = 0

    def summary(self) -> str:
        lines = [f"{self.source}: {len(self.records)} of {self.seen} problems converted, "
                 f"{len(self.issues)} not converted"]
        lines += [f"  - {issue}" for issue in self.issues]
        return "\n".join(lines)


def read_rows(path: str | Path, patterns: Sequence[str] = ("*.json", "*.jsonl", "*.parquet"),
              skip_names: Sequence[str] = ()) -> Iterator[tuple[str, str, Any]]:
    """Yield (file, row label, row) from a file or a directory tree of JSON / JSONL / parquet files.

    A JSON file holds one object (one problem), a list of objects, or {"data"|"rows"|"problems": [...]}.
    Unreadable files yield (file, "-", RowError) so the caller reports them.
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{path}: no such file or directory")
    files = [p] if p.is_file() else sorted(f for pat in patterns for f in p.rglob(pat))
    for f in files:
        if f.name in skip_names:
            continue
        name = str(f)
        try:
            if f.suffix == ".parquet":
                import pyarrow.parquet as pq

                for i, row in enumerate(pq.read_table(f).to_pylist()):
                    yield name, f"row {i}", row
            elif f.suffix == ".jsonl":
                with open(f, encoding="utf-8") as fh:
                    for i, line in enumerate(fh):
                        if line.strip():
                            try:
                                yield name, f"line {i + 1}", json.loads(line)
                            except json.JSONDecodeError as exc:
                                yield name, f"line {i + 1}", RowError("(json)", f"not valid JSON: {exc.msg}")
            else:
                with open(f, encoding="utf-8") as fh:
                    data = json.load(fh)
                if isinstance(data, Mapping):
                    for key in ("data", "rows", "problems"):
                        if isinstance(data.get(key), list):
                            data = data[key]
                            break
                if isinstance(data, list):
                    for i, row in enumerate(data):
                        yield name, f"item {i}", row
                else:
                    yield name, f.stem, data
        except (OSError, ValueError) as exc:
            yield name, "-", RowError("(file)", f"cannot read: {exc}")


def first(row: Mapping[str, Any], keys: Sequence[str], default: Any = None) -> Any:
    """The value of the first key present (case- and space/underscore-insensitive) in `row`."""
    norm = {re.sub(r"[\s_\-]+", "", str(k)).lower(): k for k in row}
    for key in keys:
        k = norm.get(re.sub(r"[\s_\-]+", "", key).lower())
        if k is not None and row[k] not in (None, ""):
            return row[k]
    return default


_PY_BLOCK = re.compile(r"```[ \t]*(?:python3?|py)?[ \t]*\r?\n(.*?)```|\\begin\{python\}(.*?)\\end\{python\}", re.DOTALL)


def python_source(text: str) -> str:
    """Code inside ```python fences / \\begin{python} blocks (all of them, joined), else the text itself;
    LaTeX sectioning lines (\\subsection{Task 1}) dropped."""
    if not isinstance(text, str):
        return ""
    blocks = [(m.group(1) if m.group(1) is not None else m.group(2)) for m in _PY_BLOCK.finditer(text)]
    src = "\n\n".join(b.strip("\n") for b in blocks) if blocks else text
    return "\n".join(line for line in src.splitlines()
                     if not re.match(r"^\s*\\(sub)*section\*?\{", line)).strip("\n")


@dataclass
class Signature:
    name: str
    params: list[tuple[str, str | None]]
    returns: str | None


def parse_signature(source: str, name: str | None = None) -> Signature:
    """The signature of function `name` (or the first top-level function) in `source`, by parsing only
    (never executing). Annotations are returned as source text."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise RowError("code", f"syntax error, line {exc.lineno}: {exc.msg}") from None
    funcs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    if name is not None:
        funcs = [n for n in funcs if n.name == name]
    if not funcs:
        raise RowError("code", f"no function {name!r} found" if name else "no function definition found")
    fn = funcs[0]
    params = [(a.arg, ast.unparse(a.annotation) if a.annotation is not None else None)
              for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs]
    return Signature(fn.name, params, ast.unparse(fn.returns) if fn.returns is not None else None)


def map_level(value: Any, default: str = "graduate") -> str:
    """Source difficulty -> one of LEVELS ("Post Graduate" -> postgraduate, TPBench 1..5, ...)."""
    s = re.sub(r"[\s_\-]+", "", str(value or "")).lower()
    table = {"advancedundergraduate": "advanced-undergraduate", "undergraduate": "advanced-undergraduate",
             "graduate": "graduate", "advancedgraduate": "advanced-graduate", "postgraduate": "postgraduate",
             "research": "postgraduate", "1": "advanced-undergraduate", "2": "graduate",
             "3": "advanced-graduate", "4": "postgraduate", "5": "postgraduate",
             "level1": "advanced-undergraduate", "level2": "graduate", "level3": "advanced-graduate",
             "level4": "postgraduate", "level5": "postgraduate", "easy": "advanced-undergraduate",
             "medium": "graduate", "hard": "advanced-graduate"}
    return table.get(s, default if default in LEVELS else "graduate")


_QFT_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("renormalization group", "Renormalization Group and Scaling"), ("beta function", "Renormalization Group and Scaling"),
    ("path integral", "Path Integrals and Quantization"), ("quantiz", "Path Integrals and Quantization"),
    ("spinor", "Fermions and Spinor Structure"), ("fermion", "Fermions and Spinor Structure"),
    ("dirac", "Fermions and Spinor Structure"), ("non-abelian", "Non-Abelian Gauge Theories"),
    ("yang", "Non-Abelian Gauge Theories"), ("gauge", "Gauge Fields and Symmetry"),
    ("higgs", "Spontaneous Symmetry Breaking and Higgs"), ("symmetry breaking", "Spontaneous Symmetry Breaking and Higgs"),
    ("renormaliz", "Renormalization and Quantum Corrections"), ("loop", "Loop and Regularization Techniques"),
    ("regulariz", "Loop and Regularization Techniques"), ("scattering", "Symmetries and Scattering"),
    ("cross section", "Symmetries and Scattering"), ("temperature", "Finite Temperature and Vacuum Effects"),
    ("casimir", "Finite Temperature and Vacuum Effects"), ("anomal", "Anomalies and Supersymmetry"),
    ("supersymm", "Anomalies and Supersymmetry"), ("amplitude", "Amplitude and On-Shell Methods"),
    ("effective field", "Effective Field Theories"), ("eft", "Effective Field Theories"),
    ("instanton", "Nonperturbative and Topological Physics"), ("soliton", "Nonperturbative and Topological Physics"),
    ("topolog", "Nonperturbative and Topological Physics"), ("curved", "Curved Spacetime and Semiclassical QFT"),
    ("hawking", "Curved Spacetime and Semiclassical QFT"), ("conformal", "Conformal, Supersymmetric, and Dual Structures"),
    ("scalar field", "Foundations and Scalar Fields"), ("klein", "Foundations and Scalar Fields"),
)
_XPHYS_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("cosmolog", "General Relativity and Cosmology"), ("relativity", "General Relativity and Cosmology"),
    ("gravit", "General Relativity and Cosmology"), ("black hole", "General Relativity and Cosmology"),
    ("quantum mechanics", "Quantum Mechanics"), ("statistical", "Statistical Mechanics"),
    ("thermodynam", "Statistical Mechanics"), ("electro", "Electromagnetism"),
    ("classical mechanics", "Classical Mechanics"),
)


def map_category(domain: Any, qft: bool = True) -> str:
    """A source domain/topic string -> one of our categories (exact name, then keywords, then a default)."""
    text = str(domain or "").lower()
    for cat in CATEGORIES + XPHYSICS_CATEGORIES:
        if cat.lower() in text:
            return cat
    for key, cat in (_QFT_KEYWORDS + _XPHYS_KEYWORDS) if qft else (_XPHYS_KEYWORDS + _QFT_KEYWORDS):
        if key in text:
            return cat
    if any(k in text for k in ("qft", "field theory", "high energy", "particle")):
        return "Applied Topics and Tools"
    return "Applied Topics and Tools" if qft else "Other Physics"


def finish_record(*, source_name: str, original_id: str, file: str, problem: str, solution: str, answer: str,
                  level: str, category: str, code: dict[str, Any], metadata: dict[str, Any]) -> Problem:
    """Build and validate the record; RowError names the first schema problem."""
    family = f"imported.{source_name}"
    rec = Problem(
        id=stable_id(family, IMPORT_VERSION, {"original_id": original_id, "problem": problem}),
        source="imported", family=family, category=category, level=level, problem=problem.strip(),
        answer=answer.strip(), answer_type="code", symbols=[], tolerance=0.0, choices=[],
        solution=solution.strip(), assumptions="{}", code=dumps(code), metadata=dumps(metadata),
    )
    errors = validation_errors(rec.to_dict())
    if errors:
        name, _, why = errors[0].partition(": ")
        raise RowError(f"(record) {name}", why)
    return rec


def draw_inputs(params: Sequence[tuple[str, str]], rng: random.Random, where: str = "params") -> dict[str, Any]:
    """Deterministic test inputs for typed parameters (positive floats in a safe domain)."""
    out: dict[str, Any] = {}
    for name, typ in params:
        if typ == "float":
            out[name] = round(rng.uniform(0.5, 3.0), 3)
        elif typ == "int":
            out[name] = rng.randint(1, 5)
        elif typ == "complex":
            out[name] = [round(rng.uniform(0.5, 3.0), 3), round(rng.uniform(-1.0, 1.0), 3)]
        elif typ == "bool":
            out[name] = rng.random() < 0.5
        else:
            raise RowError(f"{where}.{name}", f"cannot choose test inputs for type {typ!r}")
    return out


def write_jsonl(records: Sequence[Problem], path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec.to_dict(), ensure_ascii=False, sort_keys=False) + "\n")


# ---------------------------------------------------------------------------------------------- code specs

DEFAULT_ATOL = 1e-6  # the paper's and TPBench's absolute tolerance
DEFAULT_RTOL = 1e-9  # only absorbs double rounding of large values


def source_type(typ: str | None, values: Sequence[Any], where: str) -> str:
    """A source dataset's argument type ('float', 'tuple', 'np.ndarray', 'Optional[float]', ...) -> ours."""
    from qftdata.verify.code import CodeSpecError, normalize_type

    t = (typ or "float").strip()
    m = re.fullmatch(r"Optional\[(.*)\]", t)
    if m:
        t = m.group(1)
    if t in ("tuple", "Tuple", "list", "List"):
        elems = [e for v in values if isinstance(v, list) for e in v]
        if elems and all(isinstance(e, (int, float)) and not isinstance(e, bool) for e in elems):
            return "tuple[float, ...]" if t.lower() == "tuple" else "list[float]"
        raise RowError(where, f"cannot type the elements of an untyped {t}")
    try:
        return normalize_type(t)
    except CodeSpecError:
        raise RowError(where, f"unsupported argument type {typ!r}") from None


def json_input(value: Any, typ: str, where: str) -> Any:
    """A source input value -> our JSON encoding for `typ` (complex "(1+2j)" -> [1.0, 2.0])."""
    t = typ.replace(" ", "")
    try:
        if t == "complex":
            if isinstance(value, str):
                z = complex(value.strip().strip("()").replace(" ", ""))
            elif isinstance(value, list) and len(value) == 2:
                z = complex(float(value[0]), float(value[1]))
            else:
                z = complex(value)
            return [z.real, z.imag]
        if t == "float":
            if isinstance(value, bool):
                raise ValueError("bool")
            return float(value)
        if t == "int":
            if isinstance(value, bool):
                raise ValueError("bool")
            return int(value)
        if t == "bool":
            if isinstance(value, str):
                return value.strip().lower() in ("true", "1", "yes")
            return bool(value)
        if t == "str":
            return str(value)
        if t.startswith(("tuple[", "list[", "ndarray")):
            if not isinstance(value, list):
                raise ValueError("expected a list")
            if t.startswith("tuple[") and t.endswith(",...]"):
                inner = t[6:-5]
                return [json_input(v, inner, where) for v in value]
            if t.startswith("list["):
                return [json_input(v, t[5:-1], where) for v in value]
            if t.startswith("ndarray"):
                return value
            from qftdata.verify.code import _tuple_parts

            parts, _ = _tuple_parts(t)
            return [json_input(v, pt, where) for v, pt in zip(value, parts, strict=True)]
    except (TypeError, ValueError, OverflowError) as exc:
        raise RowError(where, f"value {value!r} is not a valid {typ}: {exc}") from None
    raise RowError(where, f"unsupported type {typ!r}")


def spec_from_reference(*, function: str, params: Sequence[tuple[str, str]], inputs: Sequence[dict[str, Any]],
                        reference: str, returns: str | None, atols: Sequence[float | None] | None = None,
                        skeleton: str = "", timeout: float = 20.0) -> Any:
    """Run the (untrusted, third-party) reference in the sandbox on `inputs` and build a validated CodeSpec
    whose expected outputs are its results. RowError("reference", ...) if it fails."""
    from qftdata.verify.code import (
        CodeCase,
        CodeSpec,
        CodeSpecError,
        Param,
        infer_type,
        normalize_type,
        run_reference,
        with_expected,
    )
    from qftdata.verify.sandbox import SandboxLimits

    ret: str | None = None
    if returns:
        try:
            ret = normalize_type(returns)
        except CodeSpecError:
            ret = None
    placeholder = 0.0
    spec = CodeSpec(function=function, params=tuple(Param(n, t) for n, t in params), returns="float",
                    cases=tuple(CodeCase(dict(i), placeholder, atol=(atols[k] if atols else None))
                                for k, i in enumerate(inputs)),
                    atol=DEFAULT_ATOL, rtol=DEFAULT_RTOL, skeleton=skeleton)
    try:
        outputs = run_reference(reference, spec, timeout=timeout, limits=SandboxLimits(startup_s=60.0))
    except CodeSpecError as exc:
        raise RowError("reference", str(exc)) from None
    if len(outputs) != len(spec.cases):
        raise RowError("reference", "wrong number of outputs")
    try:
        typ = ret or infer_type(outputs[0])
        return with_expected(spec, outputs, typ)
    except (CodeSpecError, TypeError, ValueError) as exc:
        raise RowError("reference", f"outputs do not fit the return type: {exc}") from None
