"""`qftdata analyze`: error taxonomy, trace statistics and an optional LLM judge over `qftdata eval` results.

    qftdata analyze results/base results/rl results/sft --out report/
    qftdata analyze results/base results/rl --names base,rl --dataset qft-reason --out report/
    qftdata analyze results/rl --out report/ --judge-model Qwen/Qwen3-32B --judge-backend openai \\
        --judge-base-url http://127.0.0.1:8000/v1 --judge-max 200

Writes report/README.md (tables + figures/*.png) and CSV/JSON/parquet tables; the first folder is the
baseline of the "at a glance" deltas. See docs/evaluation.md.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.description = __doc__
    parser.add_argument("results", nargs="+", help="`qftdata eval` results folders (first = baseline)")
    parser.add_argument("--out", required=True, help="report folder")
    parser.add_argument("--names", default=None, help="comma-separated model names (default: folder names)")
    parser.add_argument("--dataset", default=None,
                        help="dataset folder or Hub id for the records' symbols (default: the one the samples name, "
                             "if it is a local folder)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per answer for the taxonomy")
    g = parser.add_argument_group("LLM judge (optional)")
    g.add_argument("--judge-model", default=None, help="judge model name (enables the judge)")
    g.add_argument("--judge-backend", default="openai", help="sampling backend for the judge")
    g.add_argument("--judge-base-url", default=None, help="openai: server URL, e.g. http://127.0.0.1:8000/v1")
    g.add_argument("--judge-api-key", default=None, help="openai: key (default $OPENAI_API_KEY, else 'EMPTY')")
    g.add_argument("--judge-max", type=int, default=None, help="judge at most N incorrect traces per model")
    g.add_argument("--judge-max-new-tokens", type=int, default=512, help="judge reply limit (default 512)")
    g.add_argument("--judge-concurrency", type=int, default=8, help="openai: parallel judge requests (default 8)")


def run(args: argparse.Namespace) -> int:
    from qftdata.analysis.report import analyze

    names = [n.strip() for n in args.names.split(",")] if args.names else None
    judge = None
    if args.judge_model:
        judge = {"model": args.judge_model, "backend": args.judge_backend, "max_new_tokens": args.judge_max_new_tokens}
        if args.judge_backend == "openai":
            judge.update(base_url=args.judge_base_url, api_key=args.judge_api_key,
                         concurrency=args.judge_concurrency)
    tables = analyze(args.results, args.out, names=names, dataset=args.dataset, timeout=args.timeout,
                     judge=judge, judge_max=args.judge_max)
    k = tables["k"]
    for s in tables["summary"]:
        print(f"{s['model']:<20} Succ {100 * s['succ']:5.1f}%  pass@{k} {100 * s[f'pass@{k}']:5.1f}%  "
              f"truncated {100 * s['truncated_rate']:5.1f}%  top error: {s['top_error']}"
              + (f"  ({s['not_graded']} samples not graded)" if s.get("not_graded") else ""))
    return 0
