"""`qftdata validate`: a clean tiny build passes; deliberately corrupted copies fail with precise
`file:row id: field: what is wrong` messages and a non-zero exit code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_build import stub_verifier, tiny_build

from qftdata.validate import ValidateError, validate

TRAIN = "data/problems/train-00000-of-00001.parquet"
OOD = "data/problems/test_ood-00000-of-00001.parquet"


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    return tiny_build(tmp_path_factory.mktemp("v") / "qft-reason").out


@pytest.fixture
def copy(clean, tmp_path):
    out = tmp_path / "qft-reason"
    shutil.copytree(clean, out, ignore=shutil.ignore_patterns(".cache"))
    return out


def check(folder: Path, **kw):
    return validate(folder, verifier=stub_verifier, **kw)


def rewrite(folder: Path, rel: str, edit, schema_from_rows: bool = False) -> list[dict]:
    path = folder / rel
    table = pq.read_table(path)
    rows = table.to_pylist()
    edit(rows)
    new = pa.Table.from_pylist(rows) if schema_from_rows else pa.Table.from_pylist(rows, schema=table.schema)
    pq.write_table(new, path)
    return rows


def texts(report) -> list[str]:
    return [str(e) for e in report.errors]


def test_clean_build_passes(clean):
    report = check(clean)
    assert report.ok and not report.warnings, texts(report) + [str(w) for w in report.warnings]
    assert report.stats["configs"]["problems"]["train"] > 0 and report.stats["verified"] > 0


def test_wrong_type_in_a_column(copy):
    def edit(rows):
        for r in rows:
            r["tolerance"] = str(r["tolerance"])
    rows = rewrite(copy, TRAIN, edit, schema_from_rows=True)
    errs = texts(check(copy))
    assert f"{TRAIN}: tolerance: column type is string, expected double" in errs
    assert f"{TRAIN}:0 {rows[0]['id']}: tolerance: expected a finite float >= 0, got '0.0'" in errs


def test_duplicate_id(copy):
    rows = rewrite(copy, TRAIN, lambda rows: rows.__setitem__(1, {**rows[1], "id": rows[0]["id"]}))
    errs = texts(check(copy))
    assert f"{TRAIN}:1 {rows[0]['id']}: id: duplicate id (first in {TRAIN}:0)" in errs


def test_gold_that_does_not_verify(copy):
    rows = rewrite(copy, TRAIN, lambda rows: rows[2].update(answer="12345"))
    errs = texts(check(copy))
    assert any(e.startswith(f"{TRAIN}:2 {rows[2]['id']}: answer: gold does not self-verify") for e in errs), errs


def test_unknown_answer_type(copy):
    rows = rewrite(copy, TRAIN, lambda rows: rows[0].update(answer_type="essay"))
    errs = texts(check(copy))
    assert any(e.startswith(f"{TRAIN}:0 {rows[0]['id']}: answer_type: 'essay' not in") for e in errs), errs


def test_missing_split_file(copy):
    (copy / "data/problems/validation-00000-of-00001.parquet").unlink()
    errs = texts(check(copy))
    assert ("README.md: configs[problems].data_files[validation]: pattern 'data/problems/validation-*' "
            "matches no file (missing split file)") in errs


def test_broken_card_yaml(copy):
    card = copy / "README.md"
    card.write_text(card.read_text().replace("license: cc-by-4.0", "license: [cc-by-4.0", 1))
    report = check(copy)
    assert not report.ok and texts(report)[0].startswith("README.md: yaml: YAML front matter does not parse")


def test_missing_card_key_and_unlisted_file(copy):
    card = copy / "README.md"
    card.write_text(card.read_text().replace("license: cc-by-4.0\n", "", 1))
    shutil.copy(copy / TRAIN, copy / "data/problems/extra-00000-of-00001.parquet")
    errs = texts(check(copy))
    assert "README.md: license: required card metadata key is missing or empty" in errs
    assert ("data/problems/extra-00000-of-00001.parquet: configs: data file is not listed in any card config "
            "(load_dataset would skip it)") in errs


def test_ood_family_leaked_into_train(copy):
    leaked = pq.read_table(copy / OOD).to_pylist()[0]
    rows = rewrite(copy, TRAIN, lambda rows: rows.append(leaked))
    errs = texts(check(copy))
    i = len(rows) - 1
    assert (f"{TRAIN}:{i} {leaked['id']}: family: held-out (test_ood) family {leaked['family']!r} appears "
            "in train") in errs
    assert f"{TRAIN}:{i} {leaked['id']}: id: duplicate id (first in {OOD}:0)" in errs or any(
        "duplicate id" in e for e in errs)


def test_hub_id_offline_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ValidateError, match="HF_HUB_OFFLINE"):
        validate("qft-reason-nonexistent-org/qft-reason-nonexistent")
    with pytest.raises(ValidateError, match="no such folder"):
        validate("/nonexistent/folder/x")


def test_cli_json_and_exit_codes(clean, copy, capsys, monkeypatch):
    import qftdata.build.pipeline as pipeline
    from qftdata.cli import main

    monkeypatch.setattr(pipeline, "ProjectVerifier", lambda timeout=10.0: stub_verifier)
    assert main(["validate", str(clean)]) == 0
    assert "OK" in capsys.readouterr().out
    rewrite(copy, TRAIN, lambda rows: rows[0].update(answer_type="essay"))
    assert main(["validate", str(copy), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["n_errors"] >= 1
    assert report["errors"][0]["field"] == "answer_type" and report["errors"][0]["row"] == 0
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert main(["validate", "nobody-xyz/none-xyz", "--json"]) == 2
    assert "HF_HUB_OFFLINE" in json.loads(capsys.readouterr().out)["fatal"]


def test_real_verifier_catches_a_wrong_gold(copy):
    pytest.importorskip("qftdata.verify")
    rows = rewrite(copy, TRAIN, lambda rows: rows[0].update(answer="12345"))
    errs = [str(e) for e in validate(copy, timeout=10.0).errors]
    assert len(errs) == 1 and errs[0].startswith(f"{TRAIN}:0 {rows[0]['id']}: answer: gold does not self-verify")


def test_required_columns_per_config(copy):
    """A problems file without `answer` is checked (and reported), not skipped; an sft file without
    `messages` names the missing column; a config whose files disagree on columns is an error."""
    for split in ("train", "validation", "test", "test_ood"):
        path = copy / f"data/problems/{split}-00000-of-00001.parquet"
        pq.write_table(pq.read_table(path).drop(["answer"]), path)
    sft = copy / "data/sft/train-00000-of-00001.parquet"
    pq.write_table(pq.read_table(sft).drop(["messages"]), sft)
    xp = copy / "data/xphysics/test-00000-of-00001.parquet"
    table = pq.read_table(xp)
    pq.write_table(table.slice(0, 2), copy / "data/xphysics/test-00001-of-00002.parquet")
    pq.write_table(table.drop(["metadata"]), xp)
    errs = texts(check(copy))
    assert any(e.startswith(f"{TRAIN}: answer: required column(s) missing from config 'problems': answer (a problem "
                            "record needs id,") for e in errs), errs
    assert any(e.startswith("data/sft/train-00000-of-00001.parquet: messages: required column(s) missing from config "
                            "'sft': messages") for e in errs), errs
    assert any(e.startswith("data/xphysics/test-00001-of-00002.parquet: columns: adds metadata compared with "
                            "data/xphysics/test-00000-of-00001.parquet") or
               e.startswith("data/xphysics/test-00000-of-00001.parquet: columns: lacks metadata") for e in errs), errs
