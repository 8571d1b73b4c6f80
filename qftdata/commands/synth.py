"""`qftdata synth --model M [--base-url URL] --n N --out DIR`: LLM-written problems kept only when they
self-verify, pass an LLM quality review and are solved by an independent solver (pass@k).

Every LLM call is cached under DIR/.cache/llm, so rerunning the same command resumes (or replays for
free). Outputs: DIR/llm_synthetic.jsonl, DIR/rejected.jsonl, DIR/report.json, DIR/report.md; with
--dataset-dir the kept records become the dataset config `llm_synthetic` (split `test`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from qftdata.synth.cliargs import add_check_arguments, add_llm_arguments

    parser.add_argument("--topics", help="topic list: our YAML layout or the paper's topic_list.json "
                                         "(default: the packaged qftdata/synth/topics.yaml)")
    parser.add_argument("--n", type=int, default=10, help="problems to generate, spread over the cells")
    parser.add_argument("--out", required=True, help="output folder (also holds the LLM cache)")
    parser.add_argument("--seed", type=int, default=0, help="cell order and sampling seed")
    parser.add_argument("--temperature", type=float, default=0.8, help="generation temperature")
    parser.add_argument("--categories", help="comma-separated categories to draw from (default: all)")
    parser.add_argument("--levels", help="comma-separated levels (default: all)")
    parser.add_argument("--difficulties", help="comma-separated difficulties (default: the topic list's)")
    parser.add_argument("--answer-types", default="expression",
                        help="comma-separated answer types cycled over the jobs, e.g. expression,code")
    parser.add_argument("--config-name", default="llm_synthetic", help="dataset config (with --dataset-dir)")
    add_llm_arguments(parser, model_required=True)
    add_check_arguments(parser)


def _list(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def run(args: argparse.Namespace) -> int:
    from qftdata.schema import ANSWER_TYPES
    from qftdata.synth.cliargs import check_options, llm_options
    from qftdata.synth.pipeline import SynthConfig, run_synth

    answer_types = tuple(_list(args.answer_types) or ["expression"])
    bad = [a for a in answer_types if a not in ANSWER_TYPES]
    if bad or args.n < 1:
        print(f"qftdata synth: bad --answer-types {bad} (choose from {ANSWER_TYPES})" if bad
              else "qftdata synth: --n must be >= 1", file=sys.stderr)
        return 2
    if args.topics and not Path(args.topics).is_file():  # checked before OUT (and its LLM cache) is created
        print(f"qftdata synth: --topics {args.topics}: no such file", file=sys.stderr)
        return 2
    try:
        from qftdata.synth.topics import load_topics, plan_jobs

        # the topic list and the filters, and --dataset-dir, are checked before OUT is created
        plan_jobs(load_topics(args.topics), args.n, args.seed, categories=_list(args.categories),
                  levels=_list(args.levels), difficulties=_list(args.difficulties), answer_types=answer_types)
        if args.dataset_dir and Path(args.dataset_dir).exists():  # (a new folder is created at the end)
            from qftdata.dataset_io import target_folder

            target_folder(args.dataset_dir)  # a file or a non-dataset folder
        cfg = SynthConfig(model=args.model, out=args.out, n=args.n, topics=args.topics, prompts_dir=args.prompts_dir,
                          llm=llm_options(args), checks=check_options(args), solver_model=args.solver_model,
                          solver_base_url=args.solver_base_url, judge_model=args.judge_model,
                          judge_base_url=args.judge_base_url, temperature=args.temperature,
                          max_tokens=args.max_tokens, seed=args.seed, categories=_list(args.categories),
                          levels=_list(args.levels), difficulties=_list(args.difficulties),
                          answer_types=answer_types, dataset_dir=args.dataset_dir, config_name=args.config_name,
                          split=args.split)
        result = run_synth(cfg)
    except (ValueError, FileNotFoundError) as exc:
        print(f"qftdata synth: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        if not type(exc).__module__.startswith("openai"):
            raise
        print(f"qftdata synth: an LLM request failed after its retries ({type(exc).__name__}: {exc}). "
              "Answers already received are cached under OUT/.cache/llm: rerun the same command to resume.",
              file=sys.stderr)
        return 1
    print((result.out / "report.md").read_text(encoding="utf-8"))
    return 0 if result.records else 1
