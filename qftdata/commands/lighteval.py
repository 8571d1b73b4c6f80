"""`qftdata lighteval`: lighteval (0.13) offline with the qft-reason custom tasks, graded by our verifier.

    qftdata lighteval accelerate "model_name=PATH,batch_size=8" qft,qft_ood --max-samples 100 \\
        --dataset qft-reason --output-dir results/lighteval
    qftdata lighteval accelerate "model_name=PATH" qft --num-samples 5      # succ and pass@5
    qftdata lighteval --list

Tasks: qft, qft_ood, qft_<level> (advanced_undergraduate, graduate, advanced_graduate, postgraduate),
xphysics, tpbench_style (--tpbench PATH). Each run gets fresh generation and dataset caches, so a
re-trained checkpoint at the same path is never graded on stale generations. `--lighteval-args "..."`
passes further options to lighteval unchanged. See docs/evaluation.md.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.description = __doc__
    parser.add_argument("backend", nargs="?", help="lighteval backend: accelerate (transformers), vllm, ...")
    parser.add_argument("model_args", nargs="?", help='"model_name=PATH,k=v,..." or a model YAML file')
    parser.add_argument("tasks", nargs="?", help="comma-separated task names, e.g. qft,qft_ood")
    parser.add_argument("--list", action="store_true", help="list the tasks and exit")
    parser.add_argument("--max-samples", type=int, default=None, help="first N problems per task (smoke runs)")
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


def run(args: argparse.Namespace) -> int:
    import shlex
    import sys

    extra = shlex.split(args.lighteval_args or "")
    if args.list:
        from qftdata.lighteval_tasks import describe

        print(describe())
        return 0
    if not (args.backend and args.model_args and args.tasks):
        print("usage: qftdata lighteval BACKEND MODEL_ARGS TASKS [options]  (or --list)", file=sys.stderr)
        return 2
    from qftdata.lighteval_runner import LightevalRun, run_lighteval

    system = None if args.system_prompt == "" else args.system_prompt
    job = LightevalRun(backend=args.backend, model_args=args.model_args, tasks=args.tasks,
                       output_dir=args.output_dir, max_samples=args.max_samples, num_samples=args.num_samples,
                       max_new_tokens=args.max_new_tokens, dataset=args.dataset, tpbench=args.tpbench,
                       custom_tasks=args.custom_tasks, system_prompt=system, online=args.online,
                       keep_cache=args.keep_cache, extra=extra)
    rc, results = run_lighteval(job)
    if rc == 0 and not results:
        print(f"lighteval exited 0 but wrote no results under {args.output_dir}/results", file=sys.stderr)
        return 1
    return rc
