"""Test support for the training recipes: dataset folders in the `qftdata build` layout, teacher traces
through the real sampling / grading / export pipeline, recipe YAML parsed by the recipe's own parser.

Import what a test needs (`from training_support import write_dataset, ...`); nothing here is a fixture.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]


def write_dataset(root: Path, rows: list[dict], unique_name: bool = True) -> Path:
    """`problems` (with the conversational `prompt`) and `sft` (worked-solution `messages`) configs, train
    split, from record dicts, through the project's own prompt builders. Returns the folder.

    `datasets` keys its cache of a local folder on the folder's *name* and reuses the cached features of
    an older folder of that name (a column typed null there fails to cast here), so by default the name
    gets a unique suffix; `unique_name=False` keeps it (the stale-cache test needs that)."""
    import uuid

    from datasets import Dataset

    from qftdata.prompts import build_messages, build_prompt

    if unique_name:
        root = root.with_name(f"{root.name}-{uuid.uuid4().hex[:8]}")
    for config in ("problems", "sft"):
        (root / "data" / config).mkdir(parents=True, exist_ok=True)
    Dataset.from_list([{**row, "prompt": build_prompt(row)} for row in rows]).to_parquet(
        root / "data/problems/train-00000-of-00001.parquet")
    Dataset.from_list([{"messages": build_messages(r)} for r in rows]).to_parquet(
        root / "data/sft/train-00000-of-00001.parquet")
    card = {"configs": [
        {"config_name": "problems", "default": True,
         "data_files": [{"split": "train", "path": "data/problems/train-*.parquet"}]},
        {"config_name": "sft", "data_files": [{"split": "train", "path": "data/sft/train-*.parquet"}]},
    ]}
    (root / "README.md").write_text("---\n" + yaml.safe_dump(card, sort_keys=False) + "---\n# test data\n")
    return root


class ScriptedTeacher:
    """A sampling `Backend` whose completions are written by `answer(request) -> text`: stands in for a
    reasoning teacher (R1-Distill, Qwen3) so that its traces go through the real engine, grader and export."""

    name = "scripted-teacher"

    def __init__(self, answer):
        from qftdata.models import Usage

        self.model = "scripted-teacher"
        self.answer = answer
        self.usage = Usage()

    def generate(self, requests, params):
        from qftdata.models import Completion

        out = []
        for request in requests:
            text = self.answer(request)
            comps = [Completion(text=text, finish_reason="stop", prompt_tokens=100,
                                completion_tokens=len(text.split()))] * params.n
            self.usage.add(comps)
            out.append(comps)
        return out

    def close(self) -> None:
        pass


def export_teacher_traces(folder: Path, teacher: ScriptedTeacher, run_dir: Path, k: int = 1) -> None:
    """Sample the folder's `problems/train` with `teacher`, grade with the verifier, and write the
    `sft_traces` config exactly as `qftdata traces` + `qftdata traces export` do."""
    from qftdata.models import SamplingParams
    from qftdata.sampling import load_problem_rows, load_samples, run_sampling
    from qftdata.traces import export_traces

    rows = load_problem_rows(str(folder), "problems", "train")
    run_sampling(rows, teacher, SamplingParams(n=k, temperature=0.6), run_dir, k=k, dataset=str(folder),
                 config="problems", split="train", progress=False)
    export_traces(load_samples(run_dir), folder)


def parse_recipe(script: str, recipe: Path, **overrides: Any):
    """(script_args, training_args, model_args) of a recipe YAML through the recipe's own `TrlParser`, with
    command-line style overrides (`--key value`), as `accelerate launch recipes/<script>.py` would get them."""
    argv = ["--config", str(recipe)]
    for key, value in overrides.items():
        argv += [f"--{key}", str(value).lower() if isinstance(value, bool) else str(value)]
    return recipe_module(script).make_parser().parse_args_and_config(argv)


def recipe_module(script: str):
    """`recipes/<script>.py` imported as a module (its `make_parser`, `build_trainer`, `main`)."""
    import importlib

    path = str(REPO / "recipes")
    if path not in sys.path:
        sys.path.insert(0, path)
    return importlib.import_module(script)


def trained_text(trainer, row: int = 0) -> str:
    """The decoded labels (the tokens the loss is computed on) of a prepared training row."""
    labels = trainer.train_dataset[row]["labels"]
    return trainer.processing_class.decode([t for t in labels if t != -100], skip_special_tokens=False)
