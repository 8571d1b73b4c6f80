"""Verifier benchmark: accuracy and checks/second of qftdata.verify vs Math-Verify on the labelled pairs.

    .venv/bin/python benchmarks/perf/verifier.py [--pairs tests/data/verifier_pairs.jsonl] [--workers N]

Math-Verify 0.5.2 times out with SIGALRM, which only works on a main thread, so it runs in its own
subprocess (this file with `--math-verify-worker`), on that process's main thread, one pair after another.
qftdata.verify runs all pairs as one parallel batch through its worker pool (`--workers`, default the
pool's own default). Accuracy is reported two ways: exact status (ours only: correct / incorrect /
no_answer / unparseable / timeout) and binary (is "correct" predicted exactly when the label is "correct").
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PAIRS = ROOT / "tests" / "data" / "verifier_pairs.jsonl"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def run_math_verify(pairs_path: str) -> None:
    """Subprocess entry: grade every pair with Math-Verify on this main thread; print JSON to stdout."""
    import logging

    from math_verify import parse, verify

    logging.disable(logging.CRITICAL)
    pairs = load(Path(pairs_path))
    out = []
    t0 = time.perf_counter()
    for p in pairs:
        try:
            gold = parse("$" + p["gold"] + "$")
            pred = parse(p["completion"])
            ok = bool(verify(gold, pred))
        except Exception:  # noqa: BLE001 - count as not correct
            ok = False
        out.append(ok)
    json.dump({"correct": out, "seconds": time.perf_counter() - t0}, sys.stdout)


def run_ours(pairs: list[dict], timeout: float) -> tuple[list[str], float]:
    from qftdata.verify.core import _verify_many
    from qftdata.verify.pool import _get_pool

    _get_pool()  # start-up (forkserver, imports) is not part of the throughput
    items = [(p["completion"], {"gold": p["gold"], "answer_type": p["answer_type"],
                                "symbols": tuple(p["symbols"]), "tolerance": p["tolerance"],
                                "choices": tuple(p.get("choices", ())), "assumptions": p["assumptions"] or None,
                                "code": None}) for p in pairs]
    t0 = time.perf_counter()
    verdicts = _verify_many(items, timeout)
    return [v.status for v in verdicts], time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", default=str(DEFAULT_PAIRS))
    ap.add_argument("--workers", type=int, default=None, help="qftdata.verify worker processes")
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("--math-verify-worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.math_verify_worker:
        run_math_verify(args.pairs)
        return 0
    if args.workers:
        os.environ["QFTDATA_VERIFY_WORKERS"] = str(args.workers)
    pairs = load(Path(args.pairs))
    labels = [p["label"] for p in pairs]
    truth = [lab == "correct" for lab in labels]

    statuses, ours_s = run_ours(pairs, args.timeout)
    from qftdata.verify.pool import _workers

    ours_exact = sum(s == lab for s, lab in zip(statuses, labels, strict=True)) / len(pairs)
    ours_bin = sum((s == "correct") == t for s, t in zip(statuses, truth, strict=True)) / len(pairs)

    proc = subprocess.run([sys.executable, __file__, "--math-verify-worker", "--pairs", args.pairs],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
        return 1
    mv = json.loads(proc.stdout)
    mv_bin = sum(c == t for c, t in zip(mv["correct"], truth, strict=True)) / len(pairs)

    n = len(pairs)
    rows = [("qftdata.verify", f"{_workers()} proc", f"{ours_exact:.1%}", f"{ours_bin:.1%}", f"{n / ours_s:.1f}",
             f"{ours_s:.1f}"),
            ("math-verify 0.5.2", "1 proc", "n/a", f"{mv_bin:.1%}", f"{n / mv['seconds']:.1f}", f"{mv['seconds']:.1f}")]
    head = ("verifier", "workers", "exact status", "binary acc", "checks/s", "seconds")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    print(f"{n} labelled pairs from {Path(args.pairs).name}")
    for r in [head, tuple("-" * w for w in widths), *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    misses = [(k, pairs[k]["note"], s, pairs[k]["label"]) for k, s in enumerate(statuses) if s != pairs[k]["label"]]
    for k, note, got, want in misses[:10]:
        print(f"  ours row {k}: {got} (label {want}) - {note}")
    mv_miss = [pairs[k]["note"] for k in range(n) if mv["correct"][k] != truth[k]]
    print(f"math-verify misses {len(mv_miss)} pairs, e.g.: " + "; ".join(mv_miss[:8]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
