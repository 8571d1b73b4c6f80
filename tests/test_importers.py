"""Importers: VerifiableQFT (the paper's per-problem JSON) and TPBench rows -> validated code records; every
problem that cannot be converted is reported with file, id and field. Fixtures in tests/data/importers/ were
written for this project in those layouts (see the README there)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from sandbox_support import bwrap_fixture  # noqa: F401 - fixture

from qftdata.importers import import_tpbench, import_verifiable_qft
from qftdata.schema import Problem, validation_errors
from qftdata.verify.code import CodeSpec, verify_code
from qftdata.verify.sandbox import SandboxLimits

# Every test here runs reference implementations in the code sandbox: skipped without bubblewrap outside CI.
pytestmark = pytest.mark.usefixtures("bwrap")

DATA = Path(__file__).parent / "data" / "importers"
LIMITS = SandboxLimits(startup_s=30.0, cpu_s=20.0)


@pytest.fixture(scope="module")
def vqft():
    return import_verifiable_qft(DATA / "verifiable_qft")


@pytest.fixture(scope="module")
def tpb():
    return import_tpbench(DATA / "tpbench")


def _by_original(report):
    return {json.loads(r.metadata)["original_id"]: r for r in report.records}


def test_verifiable_qft_converts_the_good_problems(vqft):
    recs = _by_original(vqft)
    assert sorted(recs) == ["p1", "p2", "p3"]
    assert vqft.seen == 9  # assignment.json / config.json skipped
    for rec in vqft.records:
        assert validation_errors(rec.to_dict()) == []
        assert rec.source == "imported" and rec.answer_type == "code" and rec.family == "imported.verifiable_qft"
        meta = json.loads(rec.metadata)
        assert meta["source_dataset"] == "nswoodward/VerifiableQFT" and meta["license"]
        assert "```python" in rec.problem and "def " in rec.problem
    p1 = CodeSpec.from_json(recs["p1"].code)
    assert p1.function == "total_cross_section" and p1.returns == "float"
    for case in p1.cases:  # expected = lambda^2 / (32 pi s), recomputed by the reference in the sandbox
        lam, s = case.inputs["lam"], case.inputs["s"]
        assert math.isclose(case.expected, lam**2 / (32 * math.pi * s), rel_tol=1e-12)
    assert recs["p1"].level == "graduate" and recs["p1"].category == "Symmetries and Scattering"
    p2 = CodeSpec.from_json(recs["p2"].code)
    assert p2.returns == "complex" and p2.cases[0].inputs["z"] == [1.0, 2.0] and p2.cases[0].expected == [-3.0, 4.0]
    p3 = CodeSpec.from_json(recs["p3"].code)
    assert p3.returns == "tuple[float, str]" and p3.cases[1].expected == [-8.0, "spacelike"]


@pytest.mark.parametrize("pid,field,why", [
    ("p4", "problem_details.test.arguments[0].type", "Symbol"),
    ("p5", "reference", "ZeroDivisionError"),
    ("p6", "problem_details.test.test_cases[0].output", "disagrees"),
    ("p7", "problem_details.Problem Statement", "empty"),
    ("p8", "reference", "subprocess"),  # third-party reference code runs in the sandbox too
    ("p9", "problem_details", "missing"),
])
def test_verifiable_qft_reports_what_it_cannot_convert(vqft, pid, field, why):
    issues = {i.row: i for i in vqft.issues}
    issue = issues[pid]
    assert issue.field == field and why in issue.message
    assert issue.file.endswith(f"{pid}.json")


def test_imported_record_grades_model_answers(vqft):
    rec = _by_original(vqft)["p3"]
    good = ("```python\ndef classify_interval(t, x):\n    s2 = t*t - x*x\n"
            "    return (s2, 'lightlike' if s2 == 0 else ('timelike' if s2 > 0 else 'spacelike'))\n```")
    bad = "```python\ndef classify_interval(t, x):\n    return (t*t - x*x, 'timelike')\n```"
    assert verify_code(good, rec.code, timeout=10.0, limits=LIMITS).status == "correct"
    assert verify_code(bad, rec.code, timeout=10.0, limits=LIMITS).status == "incorrect"


def test_tpbench_rows(tpb):
    recs = _by_original(tpb)
    assert sorted(recs) == ["TPB-fixture-1", "TPB-fixture-2"]
    issues = {i.row: i for i in tpb.issues}
    assert issues["TPB-fixture-3"].field == "code_answer_requirements.name"
    assert issues["TPB-fixture-4"].field == "reference_implementation"
    dc = CodeSpec.from_json(recs["TPB-fixture-1"].code)
    assert len(dc.cases) == 5 and len({json.dumps(c.inputs, sort_keys=True) for c in dc.cases}) == 5
    for c in dc.cases:
        z, h0 = c.inputs["z"], c.inputs["H0"]
        assert math.isclose(c.expected, 2 / h0 * (1 - 1 / math.sqrt(1 + z)), rel_tol=1e-12)
    rec = recs["TPB-fixture-1"]
    assert rec.category == "General Relativity and Cosmology" and rec.level == "graduate"
    assert json.loads(rec.metadata)["license"] == "MIT"
    assert CodeSpec.from_json(recs["TPB-fixture-2"].code).returns == "int"


def test_tpbench_is_deterministic_and_reads_parquet(tpb, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in (DATA / "tpbench" / "tpbench_public.jsonl").read_text().splitlines()]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "train-00000-of-00001.parquet")
    again = import_tpbench(tmp_path)
    assert [(r.id, r.code) for r in again.records] == [(r.id, r.code) for r in tpb.records]
    assert len(again.issues) == 2 and again.issues[0].row == "TPB-fixture-3"


def test_cli_writes_jsonl_report_and_dataset_config(tmp_path):
    from qftdata.cli import main

    out, report, ds = tmp_path / "vq.jsonl", tmp_path / "issues.json", tmp_path / "ds"
    ds.mkdir()  # --dataset-dir must exist (a mistyped path is refused, not created)
    rc = main(["import", "verifiable-qft", str(DATA / "verifiable_qft"), "--out", str(out), "--report",
               str(report), "--dataset-dir", str(ds)])
    assert rc == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 3 and all(Problem.from_dict(r).validate() is None for r in rows)
    issues = json.loads(report.read_text())
    assert issues["converted"] == 3 and {i["row"] for i in issues["issues"]} >= {"p4", "p5", "p6"}
    rc = main(["import", "tpbench", str(DATA / "tpbench"), "--dataset-dir", str(ds), "--strict"])
    assert rc == 1  # --strict: two TPBench rows could not be converted
    import pyarrow.parquet as pq

    shards = sorted((ds / "data" / "imported").glob("test-*.parquet"))
    merged = [r for s in shards for r in pq.read_table(s).to_pylist()]
    assert sorted(r["family"] for r in merged) == ["imported.tpbench"] * 2 + ["imported.verifiable_qft"] * 3
    assert main(["import", "tpbench", str(tmp_path / "missing")]) == 2


def test_verifiable_qft_export_with_nested_json_strings(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    row = json.loads((DATA / "verifiable_qft" / "p1.json").read_text())
    flat = {k: (json.dumps(v) if isinstance(v, dict) else v) for k, v in row.items() if k != "model_solutions"}
    pq.write_table(pa.Table.from_pylist([flat]), tmp_path / "train.parquet")
    rep = import_verifiable_qft(tmp_path)
    assert len(rep.records) == 1 and not rep.issues, rep.summary()
    assert json.loads(rep.records[0].metadata)["source_row"] == "row 0"
