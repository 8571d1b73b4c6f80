"""`qftdata build --out qft-reason [--n-per-family N] [--seed S] [--num-proc P] [--difficulty D|LO:HI]`: the
dataset folder."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from qftdata.cli import CommaList

    parser.add_argument("--out", default="qft-reason", help="output folder (a Hub dataset repo)")
    parser.add_argument("--n-per-family", type=int, default=500, help="problems requested per family")
    parser.add_argument("--xphysics-n-per-family", type=int, default=None,
                        help="problems requested per cross-physics family (default: --n-per-family)")
    parser.add_argument("--seed", type=int, default=0, help="base seed of every family (default 0)")
    parser.add_argument("--num-proc", type=int, default=1, help="worker processes (families in parallel)")
    parser.add_argument("--families", action=CommaList, default=None, metavar="GLOBS",
                        help="only these families: comma-separated names or globs, e.g. 'rg.*,kinematics.*'")
    parser.add_argument("--ood-families", action=CommaList, default=None, metavar="NAMES",
                        help="comma-separated families held out as test_ood (default: one per category, by hash)")
    parser.add_argument("--min-families-for-ood", type=int, default=3,
                        help="hold out one family per category having at least this many families")
    parser.add_argument("--difficulty", default=None, metavar="D|LO:HI",
                        help="the difficulty knob for every problem: one value in [0, 1] (0.7) or a range drawn "
                             "per problem (0.2:0.8); the level follows from it. Default: families cycle their levels")
    parser.add_argument("--full-verify", action="store_true",
                        help="grade every row through the verifier's process pool and sandbox instead of the "
                             "in-process self-check (slower; same verdicts, see qftdata.build.selfcheck)")
    parser.add_argument("--no-cache", action="store_true",
                        help="regenerate every family instead of reusing <out>/.cache/qftdata")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    import os
    import sys

    from qftdata.build import BuildError, build
    from qftdata.generators.api import parse_difficulty

    try:
        difficulty = parse_difficulty(getattr(args, "difficulty", None))
    except ValueError as exc:
        print(f"qftdata build: {exc}", file=sys.stderr)
        return 2
    if os.path.exists(args.out) and not os.path.isdir(args.out):
        print(f"qftdata build: --out {args.out}: exists and is not a folder; give a folder path", file=sys.stderr)
        return 2
    try:
        result = build(args.out, n_per_family=args.n_per_family, seed=args.seed, num_proc=args.num_proc,
                       xphysics_n_per_family=getattr(args, "xphysics_n_per_family", None),
                       families=args.families, ood_families=args.ood_families,
                       min_families_for_ood=args.min_families_for_ood, use_cache=not args.no_cache,
                       progress=not args.quiet, difficulty=difficulty,
                       selfcheck=False if getattr(args, "full_verify", False) else None)
    except BuildError as exc:
        print(f"qftdata build: {exc}", file=sys.stderr)
        return 1
    info = result.info
    q = info["quality"]
    print(f"built {result.out} in {result.seconds:.1f} s: "
          + ", ".join(f"{cfg}[{', '.join(f'{s}={n}' for s, n in sp.items())}]"
                      for cfg, sp in info["configs"].items()))
    print(f"families={len(info['families'])} generated={q['generated']} "
          f"generation_errors={q['generation_errors']} verify_failed={q['verify_failed']} "
          f"exact_dups={q['exact_duplicates']} near_dups={q['near_duplicates']} kept={q['rows_out']}")
    print(f"ood_families={info['ood_families']}")
    sc = q.get("selfcheck", {})
    if sc:
        print(f"self-verification: {sc['in_process']} rows in-process, {sc['audit_rows']} audited through the "
              f"verifier pool ({len(sc['audit_disagreements'])} disagreements)")
    fresh = {name: ((cpu + chk) / max(1, info["families"][name]["generated"]),
                    ver / max(1, info["families"][name]["generated"]))
             for name, (cpu, chk, ver, cached) in result.timings.items() if not cached}
    if fresh:
        slow = sorted(fresh.items(), key=lambda kv: -kv[1][0])[:8]
        print("slowest families (generation + in-process check, CPU s per problem; pool verification wall s "
              "per problem): " + ", ".join(f"{name} {cpu:.3f}; {ver:.3f}" for name, (cpu, ver) in slow))
    if result.phases:
        print("wall seconds by phase: " + ", ".join(f"{k} {v:.1f}" for k, v in result.phases.items()))
    print(f"content_hash={info['content_hash']}")
    return 0
