"""`qftdata push`: validates first, `--dry-run` lists exactly the built folder's files (offline)."""

from __future__ import annotations

import shutil

import pytest
from test_build import stub_verifier, tiny_build

from qftdata.push import PushError, push, upload_files
from qftdata.validate import validate


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return tiny_build(tmp_path_factory.mktemp("p") / "qft-reason").out


def _validator(folder):
    return validate(folder, verifier=stub_verifier)


def test_upload_list_equals_built_files(built):
    assert (built / ".cache").is_dir()  # the build cache exists and is never uploaded
    expected = sorted(p.relative_to(built).as_posix() for p in built.rglob("*")
                      if p.is_file() and ".cache" not in p.relative_to(built).parts)
    files = upload_files(built)
    assert [f for f, _ in files] == expected
    assert all(size == (built / f).stat().st_size for f, size in files)
    assert {"README.md", "build_info.json", "data/problems/train-00000-of-00001.parquet"} <= set(expected)


def test_dry_run(built):
    result = push(built, "someone/qft-reason", dry_run=True, validator=_validator)
    assert result.dry_run and result.url is None and result.report.ok
    assert result.files == upload_files(built) and result.total_bytes > 0


def test_invalid_folder_is_not_pushed(built, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(built, bad)
    (bad / "data/problems/validation-00000-of-00001.parquet").unlink()
    with pytest.raises(PushError, match="(?s)fails validation.*missing split file"):
        push(bad, "someone/qft-reason", dry_run=True, validator=_validator)
    with pytest.raises(PushError, match="org/name"):
        push(built, "no-slash", dry_run=True, validator=_validator)


def test_offline_real_push_is_refused(built, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(PushError, match="HF_HUB_OFFLINE"):
        push(built, "someone/qft-reason", validator=_validator)


def test_cli_dry_run(built, capsys, monkeypatch):
    import qftdata.build.pipeline as pipeline
    from qftdata.cli import main

    monkeypatch.setattr(pipeline, "ProjectVerifier", lambda timeout=10.0: stub_verifier)
    assert main(["push", str(built), "--repo-id", "someone/qft-reason", "--dry-run", "--private"]) == 0
    out = capsys.readouterr().out
    assert f"would upload {len(upload_files(built))} files" in out and "(private)" in out
    assert "data/sft/train-00000-of-00001.parquet" in out and ".cache" not in out
