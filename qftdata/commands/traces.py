"""`qftdata traces`: sample and grade k reasoning traces per problem (resumable), then export them.

    qftdata traces --model M --backend vllm --dataset qft-reason --splits train --k 5 --out traces/
    qftdata traces summary traces/
    qftdata traces export traces/ --dataset-dir qft-reason [--best-of | --shortest-k K]
    qftdata traces difficulty traces/ --dataset-dir qft-reason

Samples go to `OUT/<config>/<split>/shards/*.parquet`; rerunning the same command resumes. See
docs/sampling.md.
"""

from __future__ import annotations

import argparse

from qftdata.sampling import INTERRUPTED  # noqa: F401 - the CLI prints it on Ctrl-C


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from qftdata.sampling import add_dataset_arguments, add_sampling_arguments

    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.description = __doc__
    add_dataset_arguments(parser, splits="train")
    parser.add_argument("--out", default="traces", help="output folder (default traces)")
    add_sampling_arguments(parser, max_new_tokens=8192, temperature=0.6, top_p=0.95)
    sub = parser.add_subparsers(dest="action", metavar="{summary,export,difficulty}")
    s = sub.add_parser("summary", help="print and save the summary of a traces folder")
    s.add_argument("traces", help="a traces folder (or a `qftdata eval` results folder)")
    e = sub.add_parser("export", help="write the `traces` and rejection-sampled SFT configs into a dataset folder")
    e.add_argument("traces", help="a traces folder (or a `qftdata eval` results folder)")
    e.add_argument("--dataset-dir", required=True, help="an existing dataset folder (written by `qftdata build`)")
    sel = e.add_mutually_exclusive_group()
    sel.add_argument("--best-of", action="store_true", help="one correct trace per problem (the shortest)")
    sel.add_argument("--shortest-k", type=int, default=None, metavar="K", help="the K shortest correct traces")
    e.add_argument("--traces-config", default="traces", help="config for every sample (default traces)")
    e.add_argument("--sft-config", default="sft_traces", help="config for the kept SFT rows (default sft_traces)")
    d = sub.add_parser("difficulty", help="add a `difficulty` config (id -> empirical pass_rate)")
    d.add_argument("traces", help="a traces folder or a `qftdata eval` results folder")
    d.add_argument("--dataset-dir", required=True, help="an existing dataset folder (written by `qftdata build`)")
    d.add_argument("--config-name", default="difficulty", help="config to write (default difficulty)")


def _summary(traces: str) -> int:
    import json
    from pathlib import Path

    from qftdata.sampling import require_samples
    from qftdata.traces import print_summary, summarize

    summary = summarize(require_samples(traces))
    print_summary(summary)
    path = Path(traces, "summary.json")
    tmp = path.with_name(".summary.json.tmp")
    tmp.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)
    print(f"summary saved to {path}")
    return 0


def _samples(folder: str):
    """Samples of a traces folder or of a `qftdata eval` results folder (its samples/ subfolder)."""
    from pathlib import Path

    from qftdata.sampling import require_samples

    root = Path(folder)
    return require_samples(root / "samples" if (root / "samples").is_dir() else root)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from qftdata.dataset_io import target_folder
    from qftdata.errors import UserError

    if args.action == "summary":
        return _summary(args.traces)
    if args.action == "export":
        from qftdata.traces import export_traces

        if args.shortest_k is not None and args.shortest_k < 1:
            raise UserError(f"--shortest-k must be >= 1, got {args.shortest_k}")
        samples = _samples(args.traces)
        folder = target_folder(args.dataset_dir)
        mode = "best-of" if args.best_of else "shortest-k" if args.shortest_k else "all"
        counts = export_traces(samples, folder, mode=mode, k=args.shortest_k,
                               traces_config=args.traces_config, sft_config=args.sft_config)
        for config, splits in counts.items():
            print(f"{args.dataset_dir}: config {config}: "
                  + (", ".join(f"{s}={n}" for s, n in splits.items()) or "no rows"))
        return 0
    if args.action == "difficulty":
        from qftdata.traces import write_difficulty

        samples = _samples(args.traces)
        counts = write_difficulty(samples, target_folder(args.dataset_dir), args.config_name)
        print(f"{args.dataset_dir}: config {args.config_name}: "
              + ", ".join(f"{s}={n}" for s, n in counts.items()))
        return 0

    from qftdata.sampling import configs_of, sample_splits

    sample_splits(args, configs_of(args), args.splits, Path(args.out))
    return _summary(args.out)
