"""Generator benchmark: per-family problems/second (generation, in-process self-verification, optionally the
verifier's process pool) and the variety table of docs/generators.md, in one pass over N draws per family.

    .venv/bin/python benchmarks/perf/generate.py [--families 'kinematics.*'] [--n 500] [--workers 2]
                                                 [--pool-verify] [--markdown docs/generators.md] [--json out.json]

Each family runs in a worker process (`--workers`, spawn): problems 0..N-1 (seed 0, levels cycled) are
generated and timed (CPU seconds of that process), then every record is self-verified the way the build
does it (`qftdata.build.selfcheck.self_verify`: the verifier's own parser and comparison, in-process).
`--pool-verify` also grades `\\boxed{gold}` through the verifier's pool (`verify_records`, the pre-issue-20
build path) on the first 20 records and reports that rate too. Variety: distinct answers, the most common
answer's share, distinct statements, statements seen at two levels (`qftdata.generators.variety`).

TOTAL is N x families / (sum of the per-family CPU seconds): the rate of one core; a build on P cores
divides its wall time by about P. Report the machine's load (`uptime`) with the numbers.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TABLE_BEGIN = "<!-- family-table:begin (benchmarks/perf/generate.py --markdown) -->"
TABLE_END = "<!-- family-table:end -->"


def measure(args: tuple[str, int, bool]) -> dict:
    """One family: timings, self-check failures and variety over `n` draws (runs in a worker)."""
    name, n, pool_verify = args
    from qftdata.build.selfcheck import self_verify
    from qftdata.generators import families, generate_one
    from qftdata.generators.variety import check, stats_of

    fam = families()[name]
    t0 = time.process_time()
    records, errors = [], []
    for i in range(n):
        try:
            records.append(generate_one(name, seed=0, index=i))
        except Exception as exc:  # counted and shown, the family goes on
            errors.append(f"{i}: {type(exc).__name__}: {exc}"[:200])
    gen_s = time.process_time() - t0
    t0 = time.process_time()
    verdicts = [self_verify(r.to_dict()) for r in records]
    check_s = time.process_time() - t0
    failed = [r.id for r, v in zip(records, verdicts, strict=True) if v is not None and not v[0]]
    undecided = sum(v is None for v in verdicts)
    pool_s = pool_n = None
    if pool_verify and records:
        from qftdata.verify import verify_records

        sample = [r for r in records[:20] if r.answer_type != "code"]
        t0 = time.perf_counter()
        verify_records([f"\\boxed{{{r.answer}}}" for r in sample], sample, timeout=10.0)
        pool_s, pool_n = time.perf_counter() - t0, len(sample)
    st = stats_of(name, records, gen_s)
    return {"family": name, "category": fam.category, "levels": list(fam.levels), "n": len(records),
            "errors": errors, "gen_s": gen_s, "check_s": check_s, "check_failed": failed,
            "check_undecided": undecided, "pool_s": pool_s, "pool_n": pool_n,
            "distinct_answers": st.distinct_answers, "top_share": st.top_share, "top_answer": st.top_answer,
            "distinct_statements": st.distinct_statements, "cross_level": bool(st.cross_level),
            "variety_problems": check(st, fam.categorical), "categorical": fam.categorical}


def _ms(seconds: float, n: int) -> float:
    return 1000 * seconds / max(1, n)


def markdown_table(rows: list[dict], n: int) -> str:
    """The per-family table of docs/generators.md."""
    out = [f"| family | category | levels | answers / {n} | top answer | statements / {n} | two levels | "
           "ms/problem (gen + self-check) | caps |",
           "|---|---|---|---:|---:|---:|---|---:|---|"]
    for r in rows:
        levels = ", ".join({"advanced-undergraduate": "aUG", "graduate": "G", "advanced-graduate": "aG",
                            "postgraduate": "PG"}[lv] for lv in r["levels"])
        caps = "ok" if not r["variety_problems"] and not r["errors"] else "**fails**"
        out.append(f"| `{r['family']}` | {r['category']} | {levels} | {r['distinct_answers']} | "
                   f"{r['top_share']:.0%}{' (categorical)' if r['categorical'] else ''} | {r['distinct_statements']} | "
                   f"{'yes' if r['cross_level'] else 'no'} | "
                   f"{_ms(r['gen_s'], r['n']):.1f} + {_ms(r['check_s'], r['n']):.1f} | {caps} |")
    return "\n".join(out)


def write_markdown(path: Path, table: str) -> None:
    """Replace the table between the markers of `path` (append the markers if they are missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{TABLE_BEGIN}\n{table}\n{TABLE_END}"
    if TABLE_BEGIN in text and TABLE_END in text:
        text = re.sub(re.escape(TABLE_BEGIN) + r".*?" + re.escape(TABLE_END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", default="all", help="names or globs, comma-separated (default all)")
    parser.add_argument("--exclude", default="", help="names or globs to leave out")
    parser.add_argument("--n", type=int, default=500, help="draws per family (default 500)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--pool-verify", action="store_true",
                        help="also time the verifier's process pool on 20 golds per family")
    parser.add_argument("--markdown", default=None, help="write the family table into this Markdown file")
    parser.add_argument("--json", default=None, help="write every number to this JSON file")
    args = parser.parse_args(argv)

    from fnmatch import fnmatchcase

    from qftdata.generators.api import select_families

    excludes = [p.strip() for p in args.exclude.split(",") if p.strip()]
    names = [nm for nm in select_families(args.families) if not any(fnmatchcase(nm, p) for p in excludes)]
    rows: dict[str, dict] = {}
    t_wall = time.perf_counter()
    with mp.get_context("spawn").Pool(args.workers) as pool:
        for r in pool.imap_unordered(measure, [(nm, args.n, args.pool_verify) for nm in names]):
            rows[r["family"]] = r
            gen_ms, chk_ms = _ms(r["gen_s"], r["n"]), _ms(r["check_s"], r["n"])
            rate = r["n"] / max(1e-9, r["gen_s"] + r["check_s"])
            pool = (f"  pool-verify {r['pool_n'] / r['pool_s']:6.1f}/s" if r["pool_s"] else "")
            flags = "; ".join(r["variety_problems"] + [f"{len(r['errors'])} generation errors"] * bool(r["errors"])
                              + [f"{len(r['check_failed'])} self-check failures"] * bool(r["check_failed"]))
            print(f"{r['family']:<52} gen {gen_ms:7.1f} ms  check {chk_ms:6.1f} ms  {rate:7.1f}/s{pool}  "
                  f"answers {r['distinct_answers']:4d}  top {r['top_share']:4.0%}  statements "
                  f"{r['distinct_statements']:4d}{'  ' + flags if flags else ''}", flush=True)
    ordered = [rows[nm] for nm in names if nm in rows]
    gen = sum(r["gen_s"] for r in ordered)
    chk = sum(r["check_s"] for r in ordered)
    total = sum(r["n"] for r in ordered)
    qft = [r for r in ordered if not r["family"].startswith("xphysics.")]
    print(f"{'TOTAL (' + str(len(ordered)) + ' families, ' + str(total) + ' problems)':<52} gen {_ms(gen, total):7.1f} ms  "
          f"check {_ms(chk, total):6.1f} ms  {total / max(1e-9, gen + chk):7.1f}/s per core  "
          f"(QFT only: {_ms(sum(r['gen_s'] + r['check_s'] for r in qft), sum(r['n'] for r in qft)):.1f} ms/problem); "
          f"wall {time.perf_counter() - t_wall:.0f} s on {args.workers} workers", flush=True)
    failing = [r["family"] for r in ordered if r["variety_problems"]]
    print(f"variety caps: {len(ordered) - len(failing)} of {len(ordered)} families pass"
          + (f"; failing: {', '.join(failing)}" if failing else ""))
    if args.markdown:
        write_markdown(Path(args.markdown), markdown_table(ordered, args.n))
        print(f"wrote the table into {args.markdown}")
    if args.json:
        Path(args.json).write_text(json.dumps(ordered, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
