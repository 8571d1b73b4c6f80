"""Test support: a real OpenAI-compatible HTTP server on 127.0.0.1 (ephemeral port, background thread),
and a mini dataset folder in the `qftdata build` layout whose scripted answers give known pass rates.

Import the fixture functions into a test module (`from openai_server import openai_server_fixture`) to get
the fixtures `openai_server` and `mini_dataset`, or call `running_server(spec)` / `make_mini_dataset(folder)`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

# (tag, split, family, gold, scripted answers for samples 0..4 in order). The tag appears in the problem
# statement, so the scripted server can tell problems apart.
MINI_PROBLEMS: list[tuple[str, str, str, str, list[str]]] = [
    ("[q0]", "train", "test.add", "2", ["So \\boxed{2}."] * 5),                                   # 5/5
    ("[q1]", "train", "test.add", "4", ["\\boxed{4}", "\\boxed{5}", "\\boxed{4}", "\\boxed{3}", "\\boxed{5}"]),  # 2/5
    ("[q2]", "train", "test.mul", "6", ["\\boxed{7}"] * 5),                                     # 0/5
    ("[q3]", "train", "test.mul", "9", ["no idea"] + ["Thus \\boxed{9}"] * 4),                    # 4/5
    ("[q4]", "test", "test.add", "3", ["\\boxed{3}", "\\boxed{1}", "\\boxed{1}", "\\boxed{1}", "\\boxed{1}"]),  # 1/5
    ("[q5]", "test", "test.mul", "8", ["\\boxed{8}"] * 5),                                      # 5/5
    ("[q6]", "test_ood", "test.add", "5", ["\\boxed{0}"] * 5),                                  # 0/5
    ("[q7]", "test_ood", "test.mul", "10", ["\\boxed{10}", "\\boxed{11}"] * 2 + ["\\boxed{10}"]),  # 3/5
]

EXPECTED_CORRECT = {tag: sum(a.rsplit("{", 1)[-1].rstrip("}.") == gold for a in answers)
                    for tag, _, _, gold, answers in MINI_PROBLEMS}


def problem_id(tag: str) -> str:
    return "mini-" + tag.strip("[]")


def scripted_spec(answers: dict[str, list[str]] | None = None, **options: Any) -> dict[str, Any]:
    """Full-form scripted spec answering the mini problems (`options`: fail_first, delay, default...)."""
    answers = answers or {tag: a for tag, _, _, _, a in MINI_PROBLEMS}
    return {"rules": [{"match": tag, "responses": a} for tag, a in answers.items()], **options}


@contextmanager
def running_server(spec: Any, model_name: str = "scripted") -> Iterator[Any]:
    """Serve `spec` (a responder object or a scripted spec) until the block ends; yields the server."""
    from qftdata.serve import ScriptedResponder, serve_in_background

    responder = spec if hasattr(spec, "respond") else ScriptedResponder(spec)
    server, thread = serve_in_background(responder, model_name=model_name)
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(name="openai_server")
def openai_server_fixture():
    """Factory: `openai_server(spec, model_name=...)` starts a server, stopped after the test."""
    with ExitStack() as stack:
        yield lambda spec, **kw: stack.enter_context(running_server(spec, **kw))


def mini_rows(split: str | None = None) -> list[dict[str, Any]]:
    from qftdata.schema import CATEGORIES, LEVELS

    rows = []
    for i, (tag, sp, family, gold, _) in enumerate(MINI_PROBLEMS):
        if split is not None and sp != split:
            continue
        text = f"Problem {tag}: give the integer {gold} written as a number. Put it in \\boxed{{}}."
        rows.append({
            "id": problem_id(tag), "source": "procedural", "family": family, "category": CATEGORIES[i % 2],
            "level": LEVELS[i % 2], "problem": text, "answer": gold, "answer_type": "expression",
            "symbols": [], "tolerance": 0.0, "choices": [], "solution": f"\\boxed{{{gold}}}",
            "assumptions": "{}", "domain": "[]", "code": "", "metadata": "{}",
            "prompt": [{"role": "system", "content": "Answer in \\boxed{}."}, {"role": "user", "content": text}]})
    return rows


def make_mini_dataset(folder: str | Path) -> Path:
    """A dataset folder with config `problems` (splits train/test/test_ood) and a README `configs:` block."""
    from datasets import Dataset, Features, List, Value

    from qftdata.schema import features

    root = Path(folder)
    feats = Features({**features(), "prompt": List({"role": Value("string"), "content": Value("string")})})
    splits = sorted({sp for _, sp, _, _, _ in MINI_PROBLEMS})
    for sp in splits:
        out = root / "data" / "problems" / f"{sp}-00000-of-00001.parquet"
        out.parent.mkdir(parents=True, exist_ok=True)
        Dataset.from_list(mini_rows(sp), features=feats).to_parquet(str(out))
    files = "\n".join(f"  - split: {sp}\n    path: data/problems/{sp}-*" for sp in splits)
    (root / "README.md").write_text(f"---\nconfigs:\n- config_name: problems\n  default: true\n  data_files:\n"
                                    f"{files}\n---\n# mini\n", encoding="utf-8")
    return root


@pytest.fixture(name="mini_dataset")
def mini_dataset_fixture(tmp_path) -> Path:
    return make_mini_dataset(tmp_path / "mini-ds")
