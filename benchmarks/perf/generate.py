"""Generator benchmark: problems/second for generation and for generation + self-verification, per family
and in total, plus a variety count (distinct answers in N draws per family).

    .venv/bin/python benchmarks/perf/generate.py [--families 'kinematics.*'] [--n 10] [--variety 200]
                                                 [--workers 2] [--markdown docs/generators_table.md]

Generation runs family by family in this process (timed); self-verification of the golds runs as one
batch per family through the verifier's own worker pool (2 cores by default), so "gen+verify/s" is the
end-to-end rate of `qftdata generate --verify`. The variety count (generation only) runs in a
`multiprocessing` pool of `--workers` processes with a per-family time limit; a family that hits the
limit reports ">= k".
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _variety(args: tuple[str, int, float]) -> tuple[str, int, int, float]:
    """(name, distinct answers, draws done, seconds) for up to `n` draws within `limit` seconds."""
    name, n, limit = args
    from qftdata.generators import generate_one

    answers, t0, done = set(), time.perf_counter(), 0
    for i in range(n):
        if time.perf_counter() - t0 > limit:
            break
        try:
            answers.add(generate_one(name, seed=0, index=i).answer)
        except Exception as exc:  # count the draw; report once
            answers.add(f"<error {type(exc).__name__}>")
        done += 1
    return name, len(answers), done, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", default="all", help="names or globs, comma-separated (default all)")
    parser.add_argument("--n", type=int, default=10, help="draws per family for the throughput (default 10)")
    parser.add_argument("--variety", type=int, default=200, help="draws per family for the variety count (0: skip)")
    parser.add_argument("--variety-time-limit", type=float, default=120.0, help="seconds per family (variety)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the variety count (default 2)")
    parser.add_argument("--no-verify", action="store_true", help="generation throughput only")
    parser.add_argument("--markdown", default=None, help="also write the family table as Markdown here")
    args = parser.parse_args(argv)

    from qftdata.generators import families, generate_one
    from qftdata.generators.api import select_families

    names = select_families(args.families)
    fams = families()
    verify_records = None
    if not args.no_verify:
        from qftdata.verify import verify_records

        verify_records(["\\boxed{1}"], [generate_one(names[0], seed=0, index=0)], timeout=30)  # warm the pool

    rows, tot_gen, tot_ver, tot_n, tot_fail = [], 0.0, 0.0, 0, 0
    for name in names:
        t0 = time.perf_counter()
        recs = [generate_one(name, seed=1, index=i) for i in range(args.n)]
        t_gen = time.perf_counter() - t0
        t_ver, fails = 0.0, 0
        if verify_records is not None:
            todo = [r for r in recs if r.answer_type != "code"]
            t0 = time.perf_counter()
            verdicts = verify_records([f"\\boxed{{{r.answer}}}" for r in todo], todo, timeout=10.0)
            t_ver = time.perf_counter() - t0
            fails = sum(not v for v in verdicts)
        rows.append((name, t_gen, t_ver, fails))
        tot_gen, tot_ver, tot_n, tot_fail = tot_gen + t_gen, tot_ver + t_ver, tot_n + args.n, tot_fail + fails
        print(f"{name:<50} gen {args.n / t_gen:8.1f}/s   gen+verify {args.n / (t_gen + t_ver):7.1f}/s"
              + (f"   self-verify failures {fails}" if fails else ""), flush=True)
    print(f"{'TOTAL (' + str(len(names)) + ' families)':<50} gen {tot_n / tot_gen:8.1f}/s   "
          f"gen+verify {tot_n / (tot_gen + tot_ver):7.1f}/s   failures {tot_fail}", flush=True)

    variety: dict[str, str] = {}
    if args.variety:
        ctx = mp.get_context("spawn")
        with ctx.Pool(args.workers) as pool:
            for name, k, done, secs in pool.imap_unordered(
                    _variety, [(n, args.variety, args.variety_time_limit) for n in names]):
                variety[name] = f"{k}" if done >= args.variety else f">= {k} (in {done})"
                print(f"variety {name:<50} {variety[name]:>14} distinct answers in {done} draws ({secs:.0f}s)",
                      flush=True)
    if args.markdown:
        lines = ["| family | category | levels | reference | distinct answers / "
                 f"{args.variety} draws |", "|---|---|---|---|---|"]
        for name in names:
            f = fams[name]
            lvls = ", ".join(f.levels)
            lines.append(f"| `{name}` | {f.category} | {lvls} | {f.reference} | {variety.get(name, '-')} |")
        Path(args.markdown).write_text("\n".join(lines) + "\n")
        print(f"wrote {args.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
