"""Shared plumbing for `recipes/sft.py` and `recipes/grpo.py`.

open-r1's two scripts repeat ~100 lines of loading, saving and card writing; here that lives once:
the script arguments mixin, the model path (local alias or tiny model), dataset loading with family/level
filters and a pass-rate or difficulty curriculum, the SFT conversation shaping (reasoning kept, loss on
the assistant turn only) with a check that solution tokens reach the labels, and the end of a run (save,
merge the LoRA adapter, write a model card, push).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from transformers import TrainerCallback
from trl import ScriptArguments

logger = logging.getLogger(__name__)

PASS_RATE_COLUMN = "pass_rate"
DIFFICULTY_KEY = "difficulty"
CURRICULA = (PASS_RATE_COLUMN, DIFFICULTY_KEY)


@dataclass
class QFTScriptArguments(ScriptArguments):
    """Data and run options shared by the SFT and GRPO recipes.

    `dataset_name` takes a Hub id or a local folder written by `qftdata build`.
    """

    families: list[str] | None = field(
        default=None, metadata={"help": "Keep only these families (glob patterns, e.g. 'scattering.*')."})
    levels: list[str] | None = field(default=None, metadata={"help": "Keep only these levels."})
    max_train_samples: int | None = field(default=None, metadata={"help": "Cap the training rows (after filters)."})
    max_eval_samples: int | None = field(default=None, metadata={"help": "Cap the evaluation rows."})
    curriculum: str | None = field(
        default=None,
        metadata={"help": f"Order training rows easy-to-hard: `{PASS_RATE_COLUMN}` (empirical, from "
                          "`qftdata traces difficulty`) or `difficulty` (the generator knob in the records' "
                          "metadata). `true` means pass_rate."})
    curriculum_stages: int = field(
        default=0,
        metadata={"help": "With a curriculum: 0 keeps the strict easy-to-hard order; N >= 2 cuts it into N "
                          "stages of equal size and shuffles inside each stage (seeded)."})
    min_pass_rate: float | None = field(default=None, metadata={"help": "Drop rows whose pass rate is below."})
    max_pass_rate: float | None = field(default=None, metadata={"help": "Drop rows whose pass rate is above."})
    merge_adapter: bool = field(
        default=True, metadata={"help": "After LoRA training also save the merged model to <output_dir>/merged."})
    eval_results: str | None = field(
        default=None, metadata={"help": "A `qftdata eval` results folder whose metrics go into the model card."})
    tiny_model_if_missing: bool = field(
        default=False,
        metadata={"help": "CPU smoke runs: build a tiny random Qwen2 at model_name_or_path if it does not exist."})
    solution_as_reasoning: bool = field(
        default=False,
        metadata={"help": "SFT of a thinking model (Qwen3, R1-Distill) on worked solutions: put the solution "
                          "inside <think>...</think> and the boxed answer after it, the shape GRPO rewards."})

    def __post_init__(self) -> None:
        if self.curriculum is True or self.curriculum in ("true", "True"):  # the older boolean spelling
            self.curriculum = PASS_RATE_COLUMN
        elif self.curriculum is False or self.curriculum in ("false", "False", "none", ""):
            self.curriculum = None
        if self.curriculum is not None and self.curriculum not in CURRICULA:
            raise ValueError(f"curriculum must be one of {list(CURRICULA)} (or unset), got {self.curriculum!r}")
        if self.curriculum_stages < 0 or self.curriculum_stages == 1:
            raise ValueError(f"curriculum_stages must be 0 (strict order) or >= 2, got {self.curriculum_stages}")


def is_local_dataset(name: str) -> bool:
    return Path(name).expanduser().exists()


def load_splits(args: QFTScriptArguments, need_eval: bool, seed: int = 0) -> tuple[Any, Any]:
    """Load (train, eval) from a Hub id or a local `qftdata build` folder, then filter and order them
    (`seed` drives the in-stage shuffle of a staged curriculum)."""
    from qftdata.dataset_io import load

    if not args.dataset_name:
        raise ValueError("dataset_name is required: a Hub id or a local folder built by `qftdata build`")
    dataset = load(args.dataset_name, args.dataset_config)
    if args.dataset_train_split not in dataset:
        raise ValueError(f"{args.dataset_name} (config {args.dataset_config!r}) has no split "
                         f"{args.dataset_train_split!r}; it has {list(dataset)}")
    train = _with_pass_rate(dataset[args.dataset_train_split], args)
    train = _filter(train, args)
    if args.max_train_samples is not None:  # cap first: a curriculum orders the rows it trains on, not selects
        train = train.select(range(min(args.max_train_samples, len(train))))
    if args.curriculum == PASS_RATE_COLUMN:
        train = order_by_pass_rate(train)
    elif args.curriculum == DIFFICULTY_KEY:
        train = order_by_difficulty(train)
    if args.curriculum and args.curriculum_stages:
        train = shuffle_within_stages(train, args.curriculum_stages, seed)
    if len(train) == 0:
        raise ValueError("no training rows left after the family/level/pass-rate filters")
    eval_ds = None
    if need_eval:
        if args.dataset_test_split not in dataset:
            raise ValueError(f"evaluation split {args.dataset_test_split!r} not in {list(dataset)}")
        eval_ds = _filter(dataset[args.dataset_test_split], args)
        if args.max_eval_samples is not None:
            eval_ds = eval_ds.select(range(min(args.max_eval_samples, len(eval_ds))))
    return train, eval_ds


def _with_pass_rate(ds, args: QFTScriptArguments):
    """Join the empirical pass rate (the `difficulty` config of `qftdata traces difficulty`) when the rows
    lack one and a curriculum or pass-rate filter asks for it."""
    wanted = (args.curriculum == PASS_RATE_COLUMN or args.min_pass_rate is not None
              or args.max_pass_rate is not None)
    if not wanted or PASS_RATE_COLUMN in ds.column_names:
        return ds
    from qftdata.traces import pass_rate_lookup, with_pass_rate

    id_column = "problem_id" if "problem_id" in ds.column_names else "id"
    try:
        lookup = pass_rate_lookup(args.dataset_name)
    except (FileNotFoundError, ValueError, KeyError) as exc:
        logger.warning("no difficulty config in %s (%s): no pass rates to join", args.dataset_name, exc)
        return ds
    return with_pass_rate(ds, lookup, id_column=id_column)


def _filter(ds, args: QFTScriptArguments):
    columns = set(ds.column_names)
    if args.families:
        if "family" not in columns:
            raise ValueError("`families` filter given but the dataset has no `family` column")
        patterns = list(args.families)
        ds = ds.filter(lambda fam: any(fnmatch.fnmatchcase(fam, p) for p in patterns), input_columns="family")
    if args.levels:
        if "level" not in columns:
            raise ValueError("`levels` filter given but the dataset has no `level` column")
        wanted = set(args.levels)
        ds = ds.filter(lambda lvl: lvl in wanted, input_columns="level")
    if (args.min_pass_rate is not None or args.max_pass_rate is not None):
        if PASS_RATE_COLUMN not in columns:
            raise ValueError(f"pass-rate filter given but the dataset has no `{PASS_RATE_COLUMN}` column "
                             "(fold traces back with `qftdata traces difficulty`)")
        lo = -1.0 if args.min_pass_rate is None else args.min_pass_rate
        hi = 2.0 if args.max_pass_rate is None else args.max_pass_rate
        ds = ds.filter(lambda r: r is not None and lo <= r <= hi, input_columns=PASS_RATE_COLUMN)
    return ds


def order_by_pass_rate(ds):
    """Easy first: descending empirical pass rate; rows without one go last. Stable, so ties keep order."""
    if PASS_RATE_COLUMN not in ds.column_names:
        logger.warning("curriculum requested but no `%s` column: keeping the dataset order", PASS_RATE_COLUMN)
        return ds
    rates = ds[PASS_RATE_COLUMN]
    order = sorted(range(len(ds)), key=lambda i: (rates[i] is None, -(rates[i] or 0.0)))
    return ds.select(order)


def difficulty_of(row: dict[str, Any]) -> float | None:
    """The generator's difficulty knob of a problem row: a `difficulty` column, else `metadata["difficulty"]`
    (records store metadata as a JSON string); None when absent or unreadable."""
    value = row.get(DIFFICULTY_KEY)
    if value is None:
        meta = row.get("metadata")
        if isinstance(meta, str):
            try:
                meta = json.loads(meta or "{}")
            except json.JSONDecodeError:
                meta = None
        value = meta.get(DIFFICULTY_KEY) if isinstance(meta, dict) else None
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def order_by_difficulty(ds):
    """Easy first: ascending generator difficulty; rows without one go last. Stable, so ties keep order."""
    columns = [c for c in (DIFFICULTY_KEY, "metadata") if c in ds.column_names]
    if not columns:
        logger.warning("difficulty curriculum requested but the rows have no `difficulty` or `metadata` column: "
                       "keeping the dataset order")
        return ds
    values = [difficulty_of(row) for row in ds.select_columns(columns)]
    if all(v is None for v in values):
        logger.warning("difficulty curriculum: no row carries metadata[%r]; keeping the dataset order", DIFFICULTY_KEY)
        return ds
    order = sorted(range(len(ds)), key=lambda i: (values[i] is None, values[i] or 0.0))
    return ds.select(order)


def shuffle_within_stages(ds, stages: int, seed: int):
    """Cut an easy-to-hard order into `stages` contiguous blocks and shuffle inside each, so training still
    moves from easy to hard but a stage is not a monotone run of near-identical problems."""
    import random

    rng = random.Random(seed)
    n = len(ds)
    order: list[int] = []
    for k in range(stages):
        block = list(range(k * n // stages, (k + 1) * n // stages))
        rng.shuffle(block)
        order += block
    return ds.select(order)


def prepare_model(model_name_or_path: str, tiny_if_missing: bool) -> str:
    """The path to load: a local alias (e.g. `smollm2-135m-instruct`) becomes its converted folder; with
    `tiny_if_missing`, a missing path gets a tiny random Qwen2 (CPU smoke runs). Anything else is unchanged."""
    from qftdata.models.local import is_alias, resolve_model

    if is_alias(model_name_or_path):
        return resolve_model(model_name_or_path)
    if tiny_if_missing and not Path(model_name_or_path).exists():
        from qftdata.tiny_model import build_tiny_model

        logger.warning("building a tiny random model at %s (tiny_model_if_missing)", model_name_or_path)
        build_tiny_model(model_name_or_path)
    return model_name_or_path


class RewardSpreadCallback(TrainerCallback):
    """Warn at the end of a GRPO run in which no group ever had reward spread.

    GRPO's advantage is the reward minus its group mean: a group whose completions all score alike teaches
    nothing, so a run where every group did (a model that never answers right, or always does) ends with
    unchanged weights while its logs look healthy. TRL logs the fraction of such groups per step."""

    def __init__(self) -> None:
        self.zero_spread: list[float] = []

    def on_log(self, args, state, control, logs=None, **kwargs):
        if logs and "frac_reward_zero_std" in logs:
            self.zero_spread.append(float(logs["frac_reward_zero_std"]))

    def on_train_end(self, args, state, control, **kwargs):
        if self.zero_spread and min(self.zero_spread) >= 1.0:
            logger.warning("GRPO: in all %d logged steps every group had zero reward spread, so the policy got no "
                           "gradient and the weights did not change. Use a model that solves some problems (e.g. "
                           "after SFT) or easier problems.", len(self.zero_spread))


def dataset_fingerprint(dataset_name: str, config: str | None) -> dict[str, Any]:
    """Where the training data came from: the build's content hash, or a hash of the parquet files."""
    info: dict[str, Any] = {"dataset": dataset_name, "config": config}
    root = Path(dataset_name).expanduser()
    if not root.exists():
        return info
    build_info = root / "build_info.json"
    if build_info.exists():
        try:
            info.update({k: v for k, v in json.loads(build_info.read_text()).items()
                         if k in ("content_hash", "qftdata_version", "seed", "n_per_family")})
        except (OSError, json.JSONDecodeError) as exc:
            logger.warning("%s: unreadable (%s); the card records the parquet hash only", build_info, exc)
    digest = hashlib.sha256()
    files = sorted((root / "data" / (config or "problems")).glob("*.parquet"))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    if files:
        info["parquet_sha256"] = digest.hexdigest()
    return info


def write_model_card(output_dir: str | Path, *, method: str, base_model: str, script_args: QFTScriptArguments,
                     recipe: str | None, training_args: Any, reward_funcs: list[str] | None = None) -> Path:
    """A Hub model card: base model, data (with content hash), the recipe YAML, eval results if given."""
    out = Path(output_dir)
    data = dataset_fingerprint(script_args.dataset_name, script_args.dataset_config)
    lines = [
        "---",
        f"base_model: {base_model}",
        "library_name: transformers",
        "tags: [qft-reason, trl, " + method.lower() + ", physics, quantum-field-theory]",
        f"datasets: [{script_args.dataset_name}]" if not is_local_dataset(script_args.dataset_name) else "datasets: []",
        "---",
        "",
        f"# {out.name}",
        "",
        f"`{base_model}` fine-tuned with **{method}** on qft-reason (computed, verifier-checked QFT problems) "
        "using the recipes of the qft-reason toolkit.",
        "",
        "## Training data",
        "",
        "```json",
        json.dumps(data, indent=2),
        "```",
        "",
        f"Filters: families={script_args.families}, levels={script_args.levels}, "
        f"curriculum={script_args.curriculum}.",
    ]
    if reward_funcs:
        lines += ["", "## Rewards", "", ", ".join(reward_funcs) + " (qftdata.rewards: the project's verifier)."]
    lines += ["", "## Hyper-parameters", "", "| name | value |", "|---|---|"]
    for name in ("learning_rate", "num_train_epochs", "max_steps", "per_device_train_batch_size",
                 "gradient_accumulation_steps", "num_generations", "max_completion_length", "beta", "seed"):
        if hasattr(training_args, name):
            lines.append(f"| {name} | {getattr(training_args, name)} |")
    if recipe and Path(recipe).exists():
        lines += ["", "## Recipe", "", "```yaml", Path(recipe).read_text().rstrip(), "```"]
    if script_args.eval_results:
        metrics = Path(script_args.eval_results) / "metrics.json"
        if metrics.exists():
            lines += ["", "## Evaluation", "", "```json", metrics.read_text().rstrip(), "```"]
        else:
            logger.warning("eval_results %s has no metrics.json; card written without it", script_args.eval_results)
    lines += ["", "## Citation", "",
              "Motivated by *Fine-Tuning Small Reasoning Models for QFT* (arXiv:2604.18936)."]
    path = out / "README.md"
    out.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    return path


def recipe_path(argv: list[str]) -> str | None:
    return argv[argv.index("--config") + 1] if "--config" in argv and argv.index("--config") + 1 < len(argv) else None


def finish(trainer, *, method: str, script_args: QFTScriptArguments, training_args, model_args,
           recipe: str | None, reward_funcs: list[str] | None = None, base_model: str | None = None) -> None:
    """Save the model (adapter), the merged model for LoRA runs, the card; push if asked. `base_model` names
    the base in the card when `model_args` holds a resolved local path (e.g. of a model alias)."""
    output_dir = Path(training_args.output_dir)
    trainer.save_model(str(output_dir))
    trainer.save_state()  # trainer_state.json: the logged loss / reward curve stays with the model
    is_main = trainer.accelerator.is_main_process
    if is_main and recipe and Path(recipe).exists():
        shutil.copy(recipe, output_dir / "recipe.yaml")
    if is_main:
        write_model_card(output_dir, method=method, base_model=base_model or model_args.model_name_or_path,
                         script_args=script_args, recipe=recipe, training_args=training_args,
                         reward_funcs=reward_funcs)
    if getattr(model_args, "use_peft", False) and script_args.merge_adapter:
        trainer.accelerator.wait_for_everyone()
        if is_main:
            merge_adapter(output_dir, model_args.model_name_or_path, output_dir / "merged")
    if training_args.push_to_hub:
        trainer.push_to_hub(dataset_name=script_args.dataset_name)


def merge_adapter(adapter_dir: str | Path, base_model: str, out_dir: str | Path) -> Path:
    """Merge a LoRA adapter into a full-precision copy of the base (a 4-bit base cannot be merged in place)."""
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    base = AutoModelForCausalLM.from_pretrained(base_model, dtype=torch.bfloat16
                                                if torch.cuda.is_available() else torch.float32)
    merged = PeftModel.from_pretrained(base, str(adapter_dir)).merge_and_unload()
    out = Path(out_dir)
    merged.save_pretrained(out)
    AutoTokenizer.from_pretrained(str(adapter_dir)).save_pretrained(out)
    return out
