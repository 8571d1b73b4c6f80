"""Test support for the Space: a real dataset built by `qftdata build`, real `qftdata eval` runs against a
real scripted OpenAI-compatible server, `qftdata space` in a subprocess, and Debian's Chromium.

Nothing here writes a dataset or a results folder by hand: the formats under test are the ones the
project's own commands write.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ENV = {"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False",
       "TOKENIZERS_PARALLELISM": "false"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_dataset(out: Path, n_per_family: int) -> Path:
    """`qftdata build` into `out` (every registered family: the test depends on none in particular)."""
    cmd = [sys.executable, "-m", "qftdata.cli", "build", "--out", str(out), "--n-per-family", str(n_per_family),
           "--quiet"]
    proc = subprocess.run(cmd, cwd=REPO, env={**os.environ, **ENV}, capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        pytest.fail(f"qftdata build failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    return out


def _cache(tmp_path_factory) -> Path:
    """The session's temp folder, or QFT_SPACE_TEST_CACHE to keep builds between sessions while iterating."""
    folder = os.environ.get("QFT_SPACE_TEST_CACHE")
    return Path(folder) if folder else tmp_path_factory.getbasetemp()


def shared_dataset(tmp_path_factory, n_per_family: int) -> Path:
    """One build per test session and size, shared by the Space's test modules (a marker file says the
    build finished)."""
    out = _cache(tmp_path_factory) / f"space-ds-{n_per_family}" / "qft-reason"
    if not (out.parent / "built").exists():
        build_dataset(out, n_per_family)
        (out.parent / "built").touch()
    return out


def shared_runs(tmp_path_factory, dataset: Path, max_problems: int | None = None) -> Path:
    """Three `qftdata eval` runs of `dataset` and their `qftdata analyze` report under one results root,
    made once per session."""
    from qftdata.cli import main as cli

    root = _cache(tmp_path_factory) / f"space-results-{dataset.parent.name}-{dataset.name}"
    if not (root / "done").exists():
        runs = three_runs(dataset, root, max_problems=max_problems)
        assert cli(["analyze", *map(str, runs.values()), "--out", str(root / "report"), "--dataset",
                    str(dataset)]) == 0
        (root / "done").touch()
    return root


def dataset_rows(folder: Path) -> list[dict[str, Any]]:
    """Every problem row of a built dataset, read straight from its parquet files (independently of the
    Space's loader), with `config` and `split` taken from the file layout data/<config>/<split>-*.parquet."""
    import pyarrow.parquet as pq

    rows = []
    for path in sorted((folder / "data").glob("*/*.parquet")):
        table = pq.read_table(path)
        if "problem" not in table.column_names:
            continue
        split = path.name.split("-")[0]
        rows += [{**r, "config": path.parent.name, "split": split} for r in table.to_pylist()]
    return rows


def _bucket(row_id: str, salt: str) -> float:
    return zlib.crc32(f"{salt}:{row_id}".encode()) / 2**32


def scripted_answers(rows: list[dict[str, Any]], p_correct: float, salt: str) -> dict[str, Any]:
    """A scripted-server spec answering each problem (matched by its full statement) correctly with
    probability ~p_correct per sample (deterministic in the id and `salt`), wrongly otherwise."""
    rules = []
    for r in rows:
        if r.get("answer_type") == "code":
            continue
        right = f"Working through it, the result is \\boxed{{{r['answer']}}}"
        wrong = "After a sign slip, the result is \\boxed{0}"
        rules.append({"match": r["problem"].strip(), "responses": [
            right if _bucket(r["id"], f"{salt}{i}") < p_correct else wrong for i in range(2)]})
    return {"rules": rules, "default": ["I cannot solve this."]}


def eval_run(server_url: str, dataset: Path, out: Path, splits: str = "test,test_ood", k: int = 2,
             max_problems: int | None = None) -> Path:
    from qftdata.cli import main as cli

    args = ["eval", "--model", "scripted", "--backend", "openai", "--base-url", server_url, "--dataset",
            str(dataset), "--config", "problems", "--splits", splits, "--k", str(k), "--max-new-tokens", "64",
            "--n-boot", "200", "--out", str(out), "--no-progress"]
    if max_problems:
        args += ["--max-problems", str(max_problems)]
    assert cli(args) == 0, f"qftdata eval failed for {out.name}"
    return out


def three_runs(dataset: Path, root: Path, max_problems: int | None = None) -> dict[str, Path]:
    """Three real `qftdata eval` runs under `root`, scripted so that each sample right in `base` (~15%) is
    right in `sft` (~40%) and each right in `sft` is right in `grpo` (~85%): the order is certain."""
    from openai_server import running_server

    rows = [r for r in dataset_rows(dataset) if r["split"] in ("test", "test_ood")]
    runs = {}
    for name, p, salt in (("base", 0.15, "a"), ("grpo", 0.85, "a"), ("sft", 0.4, "a")):
        with running_server(scripted_answers(rows, p, salt)) as server:
            runs[name] = eval_run(server.url, dataset, root / "runs" / name, max_problems=max_problems)
    return runs


@contextmanager
def space_server(*args: str, log: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """`qftdata space ARGS` in a subprocess; yields its URL once it answers HTTP."""
    port = free_port()
    env = {**os.environ, **ENV, **(extra_env or {})}
    with open(log, "w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "qftdata.cli", "space", "--port", str(port), *args],
                                stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=REPO)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"the Space exited early:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                time.sleep(1)
        else:
            pytest.fail(f"the Space did not answer in 600 s:\n{log.read_text()[-3000:]}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def browser_or_skip():
    """Chromium from Debian (`make test` installs it as root). In CI its absence is a failure, not a skip."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing in CI: `make browser` should have installed Debian chromium")
        pytest.skip(f"{CHROMIUM} not installed (run `make browser` as root); outside CI only")
    from playwright.sync_api import sync_playwright

    return sync_playwright


def write_json(path: Path, obj: Any) -> Path:
    path.write_text(json.dumps(obj), encoding="utf-8")
    return path
