"""`qftdata build --out qft-reason [--n-per-family N] [--seed S] [--num-proc P]`: the dataset folder."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default="qft-reason", help="output folder (a Hub dataset repo)")
    parser.add_argument("--n-per-family", type=int, default=500, help="problems requested per family")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--num-proc", type=int, default=1, help="worker processes (families in parallel)")
    parser.add_argument("--families", nargs="*", default=None, metavar="GLOB",
                        help="only these families (glob patterns over the registry names)")
    parser.add_argument("--ood-families", nargs="*", default=None, metavar="NAME",
                        help="families held out as test_ood (default: one per category, by hash)")
    parser.add_argument("--min-families-for-ood", type=int, default=3,
                        help="hold out one family per category having at least this many families")
    parser.add_argument("--no-cache", action="store_true",
                        help="regenerate every family instead of reusing <out>/.cache/qftdata")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    import sys

    from qftdata.build import BuildError, build

    try:
        result = build(args.out, n_per_family=args.n_per_family, seed=args.seed, num_proc=args.num_proc,
                       families=args.families, ood_families=args.ood_families,
                       min_families_for_ood=args.min_families_for_ood, use_cache=not args.no_cache,
                       progress=not args.quiet)
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
    fresh = {name: (cpu / max(1, info["families"][name]["generated"]),
                    ver / max(1, info["families"][name]["generated"]))
             for name, (cpu, ver, cached) in result.timings.items() if not cached}
    if fresh:
        slow = sorted(fresh.items(), key=lambda kv: -kv[1][0])[:8]
        print("slowest families to generate (CPU s per problem; verification wall s per problem): "
              + ", ".join(f"{name} {cpu:.2f}; {ver:.2f}" for name, (cpu, ver) in slow))
    print(f"content_hash={info['content_hash']}")
    return 0
