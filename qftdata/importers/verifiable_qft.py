"""Importer for the paper's released data: per-problem JSON as written by github.com/nswood/VerifiableTPData
(Hub dataset nswoodward/VerifiableQFT), arXiv 2604.18936.

Accepted layout (keys matched case- and space/underscore-insensitively; the first present wins):

    {"problem_id": "p12",
     "problem_metadata": {"Difficulty level": "Graduate", "Domain of theoretical physics": "QFT: ...",
                          "Topic Entry ID": "G-3", "Problem origin": "...", ...},
     "problem_details": {"Problem Statement": "...", "Solution": "...", "Answer": "...",
                         "Answer Requirements": "\\begin{python} def f(x: float) -> float: ... \\end{python}",
                         "Code": "\\begin{python} reference implementation \\end{python}",
                         "test": {"function_name": "f", "arguments": [{"name": "x", "type": "float"}],
                                  "test_cases": [{"case_id": 1, "inputs": {"x": 1.0},
                                                  "output": "2.0", "tolerance": 1e-6}]}},
     "quality_gradings": ..., "model_solutions": ..., ...}

Expected outputs are recomputed by running the reference `Code` in the sandbox (third-party code never runs
in-process); a stored `output` string that disagrees beyond tolerance makes the problem unconvertible.
`assignment.json` / `config.json` (pipeline bookkeeping) are skipped. In JSONL/parquet exports the nested
objects (`problem_metadata`, `problem_details`, `test`) may also be JSON strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from qftdata.importers.common import (
    DEFAULT_ATOL,
    ImportIssue,
    ImportReport,
    RowError,
    finish_record,
    first,
    json_input,
    map_category,
    map_level,
    parse_signature,
    python_source,
    source_type,
    spec_from_reference,
)

SOURCE = "verifiable_qft"
HUB_ID = "nswoodward/VerifiableQFT"
REPO = "https://github.com/nswood/VerifiableTPData"
SKIP_FILES = ("assignment.json", "config.json")


def _stored_output(text: Any):
    """A stored `output` (str(result) in the source) as a Python literal, or None when not comparable."""
    import ast

    if isinstance(text, (int, float, bool)):
        return text
    if not isinstance(text, str) or len(text) > 2000:
        return None
    try:
        value = ast.literal_eval(text.strip())  # literals only, never code
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        try:
            return complex(text.strip().strip("()").replace(" ", ""))
        except ValueError:
            return None
    return value if isinstance(value, (int, float, complex, bool, str, tuple, list)) else None


def _maybe_json(value: Any, field: str) -> Any:
    """Hub/parquet exports may store the nested objects as JSON strings."""
    if isinstance(value, str) and value.lstrip().startswith("{"):
        import json

        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            raise RowError(field, f"not valid JSON ({exc.msg})") from None
    return value


def _plain(v: Any) -> Any:
    return [_plain(x) for x in v] if isinstance(v, (list, tuple)) else v


def convert(row: Any, *, file: str, label: str, license: str | None = None, timeout: float = 20.0):
    """One source problem -> a validated `Problem`; RowError names the field that prevents it."""
    from qftdata.verify.code import compare

    if not isinstance(row, Mapping):
        raise RowError("(row)", "expected a JSON object")
    meta = _maybe_json(first(row, ("problem_metadata", "metadata"), {}) or {}, "problem_metadata")
    details = _maybe_json(first(row, ("problem_details", "details"), None), "problem_details")
    if not isinstance(details, Mapping):
        raise RowError("problem_details", "missing (not a VerifiableQFT problem file?)")
    if not isinstance(meta, Mapping):
        raise RowError("problem_metadata", "expected an object")
    pid = str(first(row, ("problem_id", "id"), None) or first(meta, ("Problem ID",), None) or Path(file).stem)
    statement = first(details, ("Problem Statement", "problem_statement", "Problem", "statement"), "")
    if not isinstance(statement, str) or not statement.strip():
        raise RowError("problem_details.Problem Statement", "missing or empty")
    reference_text = first(details, ("Code", "reference_code", "Reference Code", "reference_implementation"), "")
    reference = python_source(reference_text)
    if not reference.strip():
        raise RowError("problem_details.Code", "no reference implementation")
    test = _maybe_json(first(details, ("test", "tests"), None) or first(row, ("test", "tests"), None),
                       "problem_details.test")
    if not isinstance(test, Mapping):
        raise RowError("problem_details.test", "missing test cases")
    cases = first(test, ("test_cases", "cases"), None)
    if not isinstance(cases, list) or not cases:
        raise RowError("problem_details.test.test_cases", "missing or empty")
    requirements = python_source(first(details, ("Answer Requirements", "answer_requirements"), "") or "")
    function = first(test, ("function_name", "function"), None)
    sig = parse_signature(reference, function)
    function = sig.name
    arguments = first(test, ("arguments", "params"), None)
    if arguments is None:
        arguments = [{"name": n, "type": t} for n, t in sig.params]
    if not isinstance(arguments, list) or not all(isinstance(a, Mapping) and "name" in a for a in arguments):
        raise RowError("problem_details.test.arguments", "expected a list of {name, type}")
    params: list[tuple[str, str]] = []
    for i, arg in enumerate(arguments):
        values = [c.get("inputs", {}).get(arg["name"]) for c in cases if isinstance(c, Mapping)]
        params.append((str(arg["name"]), source_type(arg.get("type"), values,
                                                     f"problem_details.test.arguments[{i}].type")))
    inputs, atols, stored = [], [], []
    for k, case in enumerate(cases):
        where = f"problem_details.test.test_cases[{k}]"
        if not isinstance(case, Mapping) or not isinstance(case.get("inputs"), Mapping):
            raise RowError(f"{where}.inputs", "missing")
        missing = [n for n, _ in params if n not in case["inputs"]]
        if missing:
            raise RowError(f"{where}.inputs", f"missing argument(s) {missing}")
        inputs.append({n: json_input(case["inputs"][n], t, f"{where}.inputs.{n}") for n, t in params})
        tol = case.get("tolerance")
        atols.append(float(tol) if isinstance(tol, (int, float)) and not isinstance(tol, bool) and tol >= 0
                     else None)
        stored.append(case.get("output"))
    returns = None
    if requirements.strip():
        try:
            returns = parse_signature(requirements, function).returns
        except RowError:
            returns = None
    returns = returns or sig.returns
    spec = spec_from_reference(function=function, params=params, inputs=inputs, reference=reference,
                               returns=returns, atols=atols, skeleton=requirements, timeout=timeout)
    for k, (case, out) in enumerate(zip(spec.cases, stored, strict=True)):
        value = _stored_output(out)
        if value is None:
            continue  # not comparable (e.g. a printed array); the recomputed value stands
        ok, why = compare(case.expected, _plain(value), spec.returns,
                          case.atol if case.atol is not None else DEFAULT_ATOL, spec.rtol)
        if not ok:
            raise RowError(f"problem_details.test.test_cases[{k}].output",
                           f"stored output disagrees with the reference implementation ({why})")
    skeleton = requirements or spec.signature() + "\n    ..."
    problem = (statement.strip() + "\n\n**Answer requirements.** Implement the following in Python:\n\n"
               f"```python\n{skeleton.strip()}\n```\n\nThe function `{function}` is graded on test inputs "
               "(absolute tolerance 1e-6 unless stated). End your answer with the complete function in a "
               "single ```python code block.")
    solution = first(details, ("Solution", "solution"), "") or ""
    answer = first(details, ("Answer", "answer"), "") or ""
    level = map_level(first(meta, ("Difficulty level", "level", "difficulty"), None))
    domain = first(meta, ("Domain of theoretical physics", "domain", "topic"), "")
    metadata = {
        "source_dataset": HUB_ID, "source_repository": REPO, "source_file": Path(file).name,
        "source_row": label, "original_id": pid, "license": license or "unspecified (see the source dataset card)",
        "provenance": "arXiv:2604.18936 (Woodward et al.), imported by qftdata import verifiable-qft",
        "domain": str(domain), "problem_metadata": dict(meta), "reference_code": reference,
        "answer_original": str(answer),
    }
    code = spec.to_dict()
    return finish_record(source_name=SOURCE, original_id=pid, file=file, problem=problem,
                         solution=str(solution), answer=str(answer), level=level,
                         category=map_category(domain, qft=True), code=code, metadata=metadata)


def import_verifiable_qft(path: str | Path, *, license: str | None = None, timeout: float = 20.0,
                          limit: int | None = None) -> ImportReport:
    """Convert every problem under `path` (a p*.json file, a directory of them, a JSON/JSONL/parquet
    export); problems that cannot be converted are reported, not raised."""
    from qftdata.importers.common import read_rows

    report = ImportReport(source="verifiable-qft")
    for file, label, row in read_rows(path, skip_names=SKIP_FILES):
        if limit is not None and report.seen >= limit:
            break
        report.seen += 1
        if isinstance(row, RowError):
            report.issues.append(ImportIssue(file, label, row.field, row.message))
            continue
        rid = label
        if isinstance(row, Mapping):
            rid = str(row.get("problem_id") or label)
        try:
            report.records.append(convert(row, file=file, label=label, license=license, timeout=timeout))
        except RowError as exc:
            report.issues.append(ImportIssue(file, rid, exc.field, exc.message))
    return report
