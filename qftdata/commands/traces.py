"""`qftdata traces`: sample and grade k reasoning traces per problem (resumable), then export them.

    qftdata traces --model M --backend vllm --dataset qft-reason --split train --k 5 --out traces/
    qftdata traces summary traces/
    qftdata traces export traces/ --dataset-dir qft-reason [--best-of | --shortest-k K]
    qftdata traces difficulty traces/ --dataset-dir qft-reason

Samples go to `OUT/<config>/<split>/shards/*.parquet`; rerunning the same command resumes. See
docs/sampling.md.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from qftdata.sampling import add_dataset_arguments, add_sampling_arguments

    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.description = __doc__
    add_dataset_arguments(parser)
    parser.add_argument("--split", default="train", help="split(s), comma-separated")
    parser.add_argument("--out", default="traces", help="output folder")
    add_sampling_arguments(parser, max_new_tokens=8192, temperature=0.6, top_p=0.95)
    sub = parser.add_subparsers(dest="action", metavar="{summary,export,difficulty}")
    s = sub.add_parser("summary", help="print and save the summary of a traces folder")
    s.add_argument("traces")
    e = sub.add_parser("export", help="write the `traces` and rejection-sampled SFT configs into a dataset folder")
    e.add_argument("traces")
    e.add_argument("--dataset-dir", required=True)
    sel = e.add_mutually_exclusive_group()
    sel.add_argument("--best-of", action="store_true", help="one correct trace per problem (the shortest)")
    sel.add_argument("--shortest-k", type=int, default=None, metavar="K", help="the K shortest correct traces")
    e.add_argument("--traces-config", default="traces")
    e.add_argument("--sft-config", default="sft_traces")
    d = sub.add_parser("difficulty", help="add a `difficulty` config (id -> empirical pass_rate)")
    d.add_argument("traces", help="a traces folder or a `qftdata eval` results folder")
    d.add_argument("--dataset-dir", required=True)
    d.add_argument("--config-name", default="difficulty")


def _summary(traces: str) -> int:
    import json
    from pathlib import Path

    from qftdata.sampling import load_samples
    from qftdata.traces import print_summary, summarize

    samples = load_samples(traces)
    summary = summarize(samples)
    print_summary(summary)
    Path(traces, "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"summary saved to {Path(traces, 'summary.json')}")
    return 0


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    if args.action == "summary":
        return _summary(args.traces)
    if args.action == "export":
        from qftdata.sampling import load_samples
        from qftdata.traces import export_traces

        mode = "best-of" if args.best_of else "shortest-k" if args.shortest_k else "all"
        counts = export_traces(load_samples(args.traces), args.dataset_dir, mode=mode, k=args.shortest_k,
                               traces_config=args.traces_config, sft_config=args.sft_config)
        for config, splits in counts.items():
            print(f"{args.dataset_dir}: config {config}: " + ", ".join(f"{s}={n}" for s, n in splits.items()))
        return 0
    if args.action == "difficulty":
        from qftdata.sampling import load_samples
        from qftdata.traces import write_difficulty

        counts = write_difficulty(load_samples(args.traces), args.dataset_dir, args.config_name)
        print(f"{args.dataset_dir}: config {args.config_name}: "
              + ", ".join(f"{s}={n}" for s, n in counts.items()))
        return 0

    from qftdata.sampling import sample_splits

    splits = [s.strip() for s in args.split.split(",") if s.strip()]
    sample_splits(args, args.config or ["problems"], splits, Path(args.out))
    return _summary(args.out)
