"""`qftdata adapt SEEDS... --out DIR [--model M]`: human problem/solution pairs -> verifiable problems.

Without --model only the deterministic stage runs (split and pair the parts, set aside what cannot be
paired without guessing and repeated parts, extract final results, classify) and prints the counts (pairs
read, parts, verifiable, set aside and not verifiable, with their reasons): DIR/parts.jsonl,
DIR/set_aside.jsonl, DIR/not_verifiable.jsonl, DIR/read_issues.jsonl, DIR/summary.md. With --model the
verifiable parts are rewritten by the LLM and checked like `qftdata synth` (self-verification, quality
review, independent solver): DIR/human_adapted.jsonl, DIR/rejected.jsonl, DIR/report.json, DIR/report.md;
--dataset-dir adds them as the dataset config `human` (split `test`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from qftdata.synth.cliargs import add_check_arguments, add_llm_arguments

    parser.add_argument("seeds", nargs="+", help="seed files or folders (.yaml/.yml/.json/.jsonl/.tex), e.g. the "
                                                 "paper's seeds/ with its */*/matched_pairs.yaml")
    parser.add_argument("--out", required=True, help="output folder (also holds the LLM cache)")
    parser.add_argument("--seed", type=int, default=0, help="sampling seed")
    parser.add_argument("--temperature", type=float, default=0.2, help="rewrite temperature")
    parser.add_argument("--category", help="category of every record (default: the entry's, else the model's)")
    parser.add_argument("--level", help="level of every record (default: the entry's, else the model's)")
    parser.add_argument("--config-name", default="human", help="dataset config (with --dataset-dir)")
    add_llm_arguments(parser, model_required=False)
    add_check_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from qftdata.adapt.readers import ReadIssue, read_seeds
    from qftdata.adapt.rewrite import AdaptConfig, run_adapt
    from qftdata.schema import CATEGORIES, LEVELS
    from qftdata.synth.cliargs import check_options, llm_options

    if args.category and args.category not in CATEGORIES:
        print(f"qftdata adapt: --category {args.category!r} is not one of {CATEGORIES}", file=sys.stderr)
        return 2
    if args.level and args.level not in LEVELS:
        print(f"qftdata adapt: --level {args.level!r} is not one of {LEVELS}", file=sys.stderr)
        return 2
    missing = [s for s in args.seeds if not Path(s).exists()]
    if missing:  # checked before OUT is created: a mistyped path is not a "read issue" of an empty run
        print(f"qftdata adapt: {missing[0]}: no such file or folder", file=sys.stderr)
        return 2
    if args.dataset_dir and Path(args.dataset_dir).exists():  # (a new folder is created at the end)
        from qftdata.dataset_io import target_folder

        target_folder(args.dataset_dir)  # a file or a non-dataset folder: refused before any LLM request
    pairs, issues = read_seeds(list(args.seeds))
    if not pairs:  # nothing to adapt: say why (one line per file/entry), write nothing
        for issue in issues:
            print(f"qftdata adapt: {issue}", file=sys.stderr)
        print(f"qftdata adapt: no problem/solution pair read from {', '.join(args.seeds)}; fix the entries listed "
              "above (file [entry]: what, what to do)", file=sys.stderr)
        return 1
    try:
        cfg = AdaptConfig(seeds=args.seeds, out=args.out, model=args.model, prompts_dir=args.prompts_dir,
                          llm=llm_options(args), checks=check_options(args), solver_model=args.solver_model,
                          solver_base_url=args.solver_base_url, judge_model=args.judge_model,
                          judge_base_url=args.judge_base_url, temperature=args.temperature,
                          max_tokens=args.max_tokens, seed=args.seed, category=args.category, level=args.level,
                          dataset_dir=args.dataset_dir, config_name=args.config_name, split=args.split)
        counts, result = run_adapt(cfg)
    except (ValueError, FileNotFoundError) as exc:
        print(f"qftdata adapt: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        if not type(exc).__module__.startswith("openai"):
            raise
        print(f"qftdata adapt: an LLM request failed after its retries ({type(exc).__name__}: {exc}). "
              "Answers already received are cached under OUT/.cache/llm: rerun the same command to resume.",
              file=sys.stderr)
        return 1
    for line in (Path(args.out) / "read_issues.jsonl").read_text(encoding="utf-8").splitlines():
        print(f"qftdata adapt: {ReadIssue(**json.loads(line))}", file=sys.stderr)  # file [entry]: what, what to do
    print(json.dumps(counts, indent=2))
    print(f"deterministic findings in {args.out}/parts.jsonl, {args.out}/summary.md", file=sys.stderr)
    if result is None:
        return 0 if counts["parts"] else 1
    print((result.out / "report.md").read_text(encoding="utf-8"))
    return 0 if result.records else 1
