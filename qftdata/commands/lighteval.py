"""`qftdata lighteval`: lighteval (0.13) offline with the qft-reason custom tasks, graded by our verifier.

    qftdata lighteval accelerate "model_name=PATH,batch_size=8" qft,qft_ood --max-samples 100 \\
        --dataset qft-reason --output-dir results/lighteval
    qftdata lighteval accelerate "model_name=PATH,batch_size=8" qft --num-samples 5      # succ and pass@5
    qftdata lighteval --list

Tasks: qft, qft_ood, qft_<level> (advanced_undergraduate, graduate, advanced_graduate, postgraduate),
xphysics, tpbench_style (--tpbench PATH). Each run gets fresh generation and dataset caches, so a
re-trained checkpoint at the same path is never graded on stale generations. `--lighteval-args "..."`
passes further options to lighteval unchanged. Set `batch_size` in the model args: without it lighteval
searches for the largest batch that fits, which costs about half a minute before the first problem. See
docs/evaluation.md.
"""

from __future__ import annotations

import argparse

INTERRUPTED = "lighteval was stopped; results already written under --output-dir are kept, the run is not resumed"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.description = __doc__
    parser.add_argument("backend", nargs="?", help="lighteval backend: accelerate (transformers), vllm, ...")
    parser.add_argument("model_args", nargs="?", help='"model_name=PATH,k=v,..." or a model YAML file')
    parser.add_argument("tasks", nargs="?", help="comma-separated task names, e.g. qft,qft_ood")
    parser.add_argument("--list", action="store_true", help="list the tasks and exit")
    parser.add_argument("--max-samples", type=int, default=None,
                        help="first N problems per task (lighteval's own selection; smoke runs)")
    parser.add_argument("--output-dir", default="results/lighteval", help="lighteval's output folder")
    parser.add_argument("--num-samples", type=int, default=1, help="samples per problem (pass@n for n > 1)")
    parser.add_argument("--max-new-tokens", type=int, default=None, help="generation limit (default 8192)")
    parser.add_argument("--dataset", default=None, help="dataset folder or Hub id (default $QFT_DATASET or "
                                                        "qft-reason)")
    parser.add_argument("--tpbench", default=None, help="TPBench-format rows (folder or Hub id) for tpbench_style")
    parser.add_argument("--custom-tasks", default="qftdata.lighteval_tasks",
                        help="task module name or file (default: the installed qftdata.lighteval_tasks)")
    parser.add_argument("--system-prompt", default="default",
                        help="system prompt (default: the training prompt; '' for none)")
    parser.add_argument("--online", action="store_true", help="do not set HF_HUB_OFFLINE / HF_DATASETS_OFFLINE")
    parser.add_argument("--lighteval-args", default="", help="more lighteval options, one shell-quoted string")
    parser.add_argument("--keep-cache", action="store_true", help="keep this run's cache folder (debugging)")


def task_names() -> list[str]:
    """The task names `qftdata.lighteval_tasks` defines (without importing lighteval)."""
    from qftdata.schema import LEVELS

    return ["qft", "qft_ood", *("qft_" + lv.replace("-", "_") for lv in LEVELS), "xphysics", "tpbench_style"]


def _check_inputs(args: argparse.Namespace) -> None:
    """What can be checked before lighteval starts (it would fail later, with a long traceback)."""
    import os
    import re
    from pathlib import Path

    from qftdata.dataset_io import local_folder
    from qftdata.errors import UserError
    from qftdata.models import check_model

    if args.num_samples < 1:
        raise UserError(f"--num-samples must be >= 1, got {args.num_samples}")
    if args.max_samples is not None and args.max_samples < 1:
        raise UserError(f"--max-samples must be >= 1, got {args.max_samples}")
    if args.custom_tasks == "qftdata.lighteval_tasks":
        known = task_names()
        unknown = [t for t in (x.strip() for x in args.tasks.split(",")) if t and "|" not in t and t not in known]
        if unknown:
            raise UserError(f"unknown task(s) {', '.join(unknown)}; the tasks are {', '.join(known)}")
    if args.model_args.endswith((".yaml", ".yml")):
        if not Path(args.model_args).is_file():
            raise UserError(f"{args.model_args}: no such model config file")
    else:
        name = re.search(r"(?:^|,)\s*model_name=([^,{}]+)", args.model_args)
        if not name:
            raise UserError(f"model args {args.model_args!r}: model_name is required, e.g. "
                            "\"model_name=PATH,batch_size=8\"")
        check_model(name.group(1).strip())
    if not args.online:
        local_folder(args.dataset or os.environ.get("QFT_DATASET") or "qft-reason")
        if args.tpbench is not None:
            local_folder(args.tpbench, flag="--tpbench")


def run(args: argparse.Namespace) -> int:
    import shlex
    import sys

    extra = shlex.split(args.lighteval_args or "")
    if args.list:
        from qftdata.lighteval_tasks import describe

        print(describe())
        return 0
    if not (args.backend and args.model_args and args.tasks):
        print("qftdata lighteval: give BACKEND MODEL_ARGS TASKS, e.g. accelerate \"model_name=PATH,batch_size=8\" "
              "qft (or --list)", file=sys.stderr)
        return 2
    _check_inputs(args)
    from qftdata.lighteval_runner import LightevalRun, run_lighteval

    system = None if args.system_prompt == "" else args.system_prompt
    job = LightevalRun(backend=args.backend, model_args=args.model_args, tasks=args.tasks,
                       output_dir=args.output_dir, max_samples=args.max_samples, num_samples=args.num_samples,
                       max_new_tokens=args.max_new_tokens, dataset=args.dataset, tpbench=args.tpbench,
                       custom_tasks=args.custom_tasks, system_prompt=system, online=args.online,
                       keep_cache=args.keep_cache, extra=extra)
    rc, results = run_lighteval(job)
    if rc == 0 and not results:
        print(f"qftdata lighteval: lighteval exited 0 but wrote no results under {args.output_dir}/results",
              file=sys.stderr)
        return 1
    if rc != 0:
        print(f"qftdata lighteval: lighteval exited with code {rc} (its own messages are above); rerun with "
              "--keep-cache to inspect its caches", file=sys.stderr)
    return rc
