"""Importer for TPBench's public rows (Hub ZhiqiGao/TPBench, arXiv 2502.15815, MIT licence).

Accepted row keys (case- and space/underscore-insensitive; first present wins):
  id: problem_id | id;  statement: problem | question | problem_statement;  solution: solution;
  answer: answer | expression | final_answer;  level: difficulty_level | difficulty | level (1..5);
  domain: domain | topic;  skeleton: code_answer_requirements | answer_requirements | skeleton;
  reference: reference_implementation | reference_code | code;  optional test inputs:
  test_cases | tests (list of {"inputs": {...}} or of input dicts).

The public rows carry no test cases, so (unless the row has them) deterministic test inputs are drawn
from the skeleton's typed signature (floats in [0.5, 3], ints in [1, 5], complex, bool) with a RNG seeded
by the problem id, and the expected outputs come from running `reference_implementation` in the sandbox.
Inputs at which the reference fails are redrawn a few times. Parameters of other types (str, arrays,
sympy objects) make the row unconvertible, with the reason reported.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from qftdata.importers.common import (
    ImportIssue,
    ImportReport,
    RowError,
    draw_inputs,
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

SOURCE = "tpbench"
HUB_ID = "ZhiqiGao/TPBench"
LICENSE = "MIT"
N_CASES = 5


def convert(row: Any, *, file: str, label: str, license: str | None = None, timeout: float = 20.0,
            n_cases: int = N_CASES):
    if not isinstance(row, Mapping):
        raise RowError("(row)", "expected an object")
    pid = str(first(row, ("problem_id", "id"), label))
    statement = first(row, ("problem", "question", "problem_statement"), "")
    if not isinstance(statement, str) or not statement.strip():
        raise RowError("problem", "missing or empty")
    reference = python_source(first(row, ("reference_implementation", "reference_code", "code"), "") or "")
    if not reference.strip():
        raise RowError("reference_implementation", "missing")
    skeleton = python_source(first(row, ("code_answer_requirements", "answer_requirements", "skeleton"), "")
                             or "")
    if skeleton.strip():
        try:
            sig = parse_signature(skeleton)
        except RowError as exc:
            raise RowError("code_answer_requirements", exc.message) from None
    else:
        sig = parse_signature(reference)
    try:
        ref_sig = parse_signature(reference, sig.name)
    except RowError as exc:
        raise RowError("reference_implementation", exc.message) from None
    params: list[tuple[str, str]] = []
    for name, annotation in sig.params:
        params.append((name, source_type(annotation, [], f"code_answer_requirements.{name}")))
    given = first(row, ("test_cases", "tests"), None)
    if isinstance(given, list) and given:
        inputs = []
        for k, case in enumerate(given):
            case_inputs = case.get("inputs", case) if isinstance(case, Mapping) else None
            if not isinstance(case_inputs, Mapping):
                raise RowError(f"test_cases[{k}]", "expected an object of inputs")
            inputs.append({n: json_input(case_inputs.get(n), t, f"test_cases[{k}].{n}") for n, t in params})
        spec = spec_from_reference(function=sig.name, params=params, inputs=inputs, reference=reference,
                                   returns=sig.returns or ref_sig.returns, skeleton=skeleton, timeout=timeout)
    else:
        rng = random.Random(f"tpbench/{pid}")
        spec, last_error = None, None
        for _attempt in range(4):
            inputs: list[dict[str, Any]] = []
            for _draw in range(n_cases * 10):
                case = draw_inputs(params, rng, "code_answer_requirements")
                if case not in inputs:
                    inputs.append(case)
                if len(inputs) == n_cases or not params:
                    break
            try:
                spec = spec_from_reference(function=sig.name, params=params, inputs=inputs, reference=reference,
                                           returns=sig.returns or ref_sig.returns, skeleton=skeleton,
                                           timeout=timeout)
                break
            except RowError as exc:
                last_error = exc
                if not params:
                    break
        if spec is None:
            raise RowError("reference_implementation", last_error.message if last_error else "failed")
    level = map_level(first(row, ("difficulty_level", "difficulty", "level"), None))
    domain = first(row, ("domain", "topic"), "")
    shown = skeleton.strip() or spec.signature() + "\n    ..."
    problem = (statement.strip() + "\n\n**Answer requirements.** Implement the following in Python:\n\n"
               f"```python\n{shown}\n```\n\nThe function `{spec.function}` is graded on test inputs. End your "
               "answer with the complete function in a single ```python code block.")
    answer = str(first(row, ("answer", "expression", "final_answer"), "") or "")
    metadata = {
        "source_dataset": HUB_ID, "source_file": Path(file).name, "source_row": label, "original_id": pid,
        "license": license or LICENSE, "provenance": "TPBench, arXiv:2502.15815; imported by qftdata import tpbench",
        "domain": str(domain), "difficulty_original": str(first(row, ("difficulty_level", "difficulty", "level"), "")),
        "reference_code": reference, "test_inputs": "given" if isinstance(given, list) and given else
        "drawn from the signature (seeded by the problem id)",
    }
    return finish_record(source_name=SOURCE, original_id=pid, file=file, problem=problem,
                         solution=str(first(row, ("solution",), "") or ""), answer=answer, level=level,
                         category=map_category(domain, qft=False), code=spec.to_dict(), metadata=metadata)


def import_tpbench(path: str | Path, *, license: str | None = None, timeout: float = 20.0,
                   limit: int | None = None) -> ImportReport:
    """Convert TPBench rows from a JSON/JSONL/parquet file or directory; failures are reported, not raised."""
    from qftdata.importers.common import read_rows

    report = ImportReport(source="tpbench")
    for file, label, row in read_rows(path):
        if limit is not None and report.seen >= limit:
            break
        report.seen += 1
        if isinstance(row, RowError):
            report.issues.append(ImportIssue(file, label, row.field, row.message))
            continue
        rid = str(row.get("problem_id") or label) if isinstance(row, Mapping) else label
        try:
            report.records.append(convert(row, file=file, label=label, license=license, timeout=timeout))
        except RowError as exc:
            report.issues.append(ImportIssue(file, rid, exc.field, exc.message))
    return report
