"""Run lighteval's own CLI offline with the qft-reason custom tasks (`qftdata.lighteval_tasks`).

What it adds around `python -m lighteval <backend> MODEL_ARGS TASKS --custom-tasks ...`:

* model settings: the training system prompt (`qftdata.prompts.SYSTEM_PROMPT`) unless the model args set
  `system_prompt`, sampling defaults when more than one sample per problem is asked (greedy cannot give n
  different samples), and a **fresh `cache_dir` per run**: lighteval caches generations under
  `cache_dir/<model_name>/<hash of the model config>/<task>/...`, a key that does not change when a
  checkpoint at the same path is re-trained, so a shared cache would grade stale generations;
* a fresh `HF_DATASETS_CACHE` per run (a rebuilt dataset folder is never read from an old Arrow cache),
  `HF_HUB_OFFLINE=1` / `HF_DATASETS_OFFLINE=1` unless `online=True`;
* the sample cache kept inside that fresh folder: lighteval 0.13 joins `cache_dir / model_name`, and with
  an absolute local model path pathlib drops `cache_dir`, so the cache (and a `<hash>/` folder per run)
  would land inside the checkpoint folder (or fail on a read-only one). The child process therefore runs
  lighteval's own CLI through `python -m qftdata.lighteval_runner`, which first re-roots `SampleCache` at
  `cache_dir/<model_name with / as __>/<config hash>` (`_patch_sample_cache`);
* the empty `tinyBenchmarks.pkl` lighteval 0.13 downloads at import when it is missing (without network
  the download fails, or hangs: `requests.get` without a timeout), as `make install` does;
* the task knobs of `qftdata.lighteval_tasks` as environment variables (dataset, samples, token limit).

The model args are written to a YAML file (`model_parameters:`), so values with commas (the system prompt)
survive; a `.yaml` model config is read and completed the same way.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["LightevalRun", "build_command", "ensure_tiny_benchmarks_pkl", "find_results", "model_parameters",
           "run_lighteval"]

TASKS_MODULE = "qftdata.lighteval_tasks"
SAMPLING_DEFAULTS = {"temperature": 0.6, "top_p": 0.95}  # as `qftdata eval`


def _lighteval_dir() -> Path:
    spec = importlib.util.find_spec("lighteval")
    if spec is None or spec.origin is None:
        raise ImportError("qftdata lighteval needs lighteval 0.13: pip install 'qft-reason[eval]'")
    return Path(spec.origin).parent


def ensure_tiny_benchmarks_pkl() -> Path:
    """Create the empty `tinyBenchmarks.pkl` lighteval imports need offline (read only by tiny* tasks)."""
    path = _lighteval_dir() / "tasks" / "tasks" / "tinyBenchmarks.pkl"
    if not path.exists():
        try:
            path.touch()
        except OSError as exc:
            raise RuntimeError(f"{path} is missing and cannot be created ({exc}); lighteval would try to "
                               "download it at import. Run `make install` or create the empty file.") from exc
    return path


def model_parameters(model_args: str, *, system_prompt: str | None, cache_dir: str, num_samples: int = 1
                     ) -> dict[str, Any]:
    """lighteval model parameters from `model_name=...,k=v` (lighteval's own parser) or a YAML file, with
    the qft-reason defaults filled in (never overriding what the user set, except `cache_dir`)."""
    if model_args.endswith((".yaml", ".yml")):
        import yaml

        try:
            loaded = yaml.safe_load(Path(model_args).read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ValueError(f"{model_args}: not valid YAML ({' '.join(str(exc).split())[:160]})") from exc
        if not isinstance(loaded, dict) or not isinstance(loaded.get("model_parameters") or {}, dict):
            raise ValueError(f"{model_args}: model_parameters: expected a mapping (model_parameters: {{model_name: "
                             "PATH, ...}})")
        params = dict(loaded.get("model_parameters") or {})
    else:
        from lighteval.models.abstract_model import ModelConfig

        params = ModelConfig._parse_args(model_args)
    if not params.get("model_name"):
        raise ValueError(f"model args {model_args!r}: model_name is required (e.g. model_name=PATH)")
    from qftdata.models import check_model
    from qftdata.models.local import resolve_model

    check_model(str(params["model_name"]))  # a missing path: one line here, not a Hub error in the child
    params["model_name"] = resolve_model(params["model_name"])  # a local alias -> its converted folder
    if system_prompt is not None and "system_prompt" not in params:
        params["system_prompt"] = system_prompt
    params["cache_dir"] = cache_dir
    if num_samples > 1:
        gen = dict(params.get("generation_parameters") or {})
        for key, value in SAMPLING_DEFAULTS.items():
            gen.setdefault(key, value)
        params["generation_parameters"] = gen
    return params


@dataclass
class LightevalRun:
    """Everything one lighteval invocation needs (see `run_lighteval`)."""

    backend: str
    model_args: str
    tasks: str
    output_dir: str = "results/lighteval"
    max_samples: int | None = None
    num_samples: int = 1
    max_new_tokens: int | None = None
    dataset: str | None = None
    tpbench: str | None = None
    custom_tasks: str = TASKS_MODULE
    system_prompt: str | None = "default"  # "default": the training prompt; None: none
    online: bool = False
    keep_cache: bool = False
    extra: list[str] = field(default_factory=list)


def build_command(run: LightevalRun, workdir: Path) -> tuple[list[str], dict[str, str]]:
    """The lighteval command line and its environment; writes the model YAML into `workdir`."""
    from qftdata.prompts import SYSTEM_PROMPT

    system = SYSTEM_PROMPT if run.system_prompt == "default" else run.system_prompt
    params = model_parameters(run.model_args, system_prompt=system, cache_dir=str(workdir / "sample-cache"),
                              num_samples=run.num_samples)
    import yaml

    model_yaml = workdir / "model.yaml"
    model_yaml.write_text(yaml.safe_dump({"model_parameters": params}, sort_keys=True, allow_unicode=True),
                          encoding="utf-8")
    env = dict(os.environ)
    if not run.online:
        env.update(HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    env["HF_DATASETS_CACHE"] = str(workdir / "datasets-cache")
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    env["QFT_LIGHTEVAL_NUM_SAMPLES"] = str(run.num_samples)
    if run.max_new_tokens is not None:
        env["QFT_LIGHTEVAL_MAX_NEW_TOKENS"] = str(run.max_new_tokens)
    if run.dataset is not None:
        dataset = run.dataset
        env["QFT_DATASET"] = str(Path(dataset).resolve()) if Path(dataset).is_dir() else dataset
    if run.tpbench is not None:
        env["QFT_TPBENCH_PATH"] = str(Path(run.tpbench).resolve()) if Path(run.tpbench).exists() else run.tpbench
    # the package must be importable by the child even when run from a source checkout
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    cmd = [sys.executable, "-m", "qftdata.lighteval_runner", run.backend, str(model_yaml), run.tasks,
           "--custom-tasks", run.custom_tasks, "--output-dir", str(Path(run.output_dir).resolve()),
           "--save-details"]
    if run.max_samples is not None:
        cmd += ["--max-samples", str(run.max_samples)]
    return cmd + list(run.extra), env


def find_results(output_dir: str | Path, since: float = 0.0) -> list[Path]:
    """lighteval's `results_*.json` files under `output_dir/results/`, newest last."""
    files = [p for p in Path(output_dir).glob("results/**/results_*.json") if p.stat().st_mtime >= since]
    return sorted(files, key=lambda p: p.stat().st_mtime)


def run_lighteval(run: LightevalRun, *, echo: bool = True) -> tuple[int, list[Path]]:
    """Run lighteval in a child process; returns (exit code, results files written by this run)."""
    import time

    if run.num_samples < 1:
        raise ValueError(f"num_samples must be >= 1, got {run.num_samples}")
    ensure_tiny_benchmarks_pkl()
    workdir = Path(tempfile.mkdtemp(prefix="qft-lighteval-"))
    try:
        cmd, env = build_command(run, workdir)
        if echo:
            print("running: " + " ".join(_quote(c) for c in cmd), flush=True)
            print(f"(fresh caches in {workdir}; dataset {env.get('QFT_DATASET', 'qft-reason')})", flush=True)
        start = time.time() - 1
        rc = subprocess.run(cmd, env=env, check=False).returncode
        results = find_results(run.output_dir, since=start)
        if echo and results:
            summary = json.loads(results[-1].read_text(encoding="utf-8")).get("results", {})
            print(f"results: {results[-1]}")
            for task, metrics in sorted(summary.items()):
                shown = ", ".join(f"{k}={v:.4f}" for k, v in sorted(metrics.items()) if isinstance(v, (int, float)))
                print(f"  {task}: {shown}")
        return rc, results
    finally:
        if run.keep_cache:
            print(f"kept caches in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)


def _patch_sample_cache() -> None:
    """Keep lighteval's sample cache under `cache_dir` for absolute model paths (see the module docstring).

    Same attributes as lighteval 0.13.0's `SampleCache.__init__`; only the folder differs."""
    from lighteval.utils import cache_management as cm

    def __init__(self, model_config):  # noqa: N807 - replaces the method
        self.model_config = model_config
        self.model_hash = self.get_model_hash(model_config)
        name = str(model_config.model_name).strip("/").replace("/", "__") or "model"
        self.cache_dir = Path(os.path.expanduser(model_config.cache_dir)) / name / self.model_hash
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self.registry = None
        self.existing_indices = self._load_cached_indices()
        self._task_hashes = {}

    cm.SampleCache.__init__ = __init__


def main() -> None:
    """`python -m qftdata.lighteval_runner ARGS...`: lighteval's own CLI (`python -m lighteval ARGS...`) with
    the sample-cache location fixed."""
    import lighteval

    if getattr(lighteval, "__version__", "0.13.0") != "0.13.0":
        print(f"warning: qftdata.lighteval_runner was written for lighteval 0.13.0, found {lighteval.__version__}",
              file=sys.stderr)
    _patch_sample_cache()
    from lighteval.__main__ import app

    app(prog_name="lighteval")


if __name__ == "__main__":
    main()
