"""Verifier benchmark: accuracy, checks/second and worst-case latency of qftdata.verify vs Math-Verify.

    .venv/bin/python benchmarks/perf/verifier.py [--mv-python .bench/mathverify-venv/bin/python]

Pairs: the project's own labelled physics pairs (tests/data/verifier_pairs.jsonl) plus the notation table of
tests/test_verify_notation.py (each case right AND wrong), so both verifiers grade the same completions
against the same golds. Math-Verify runs in its OWN environment (the latest release, with its own
latex2sympy2_extended; the project venv pins 0.5.2 through lighteval), in a subprocess, on that process's
main thread (its SIGALRM time limit needs one), one pair after another; set it up once with

    python3.11 -m venv .bench/mathverify-venv
    .bench/mathverify-venv/bin/pip install 'math-verify[antlr4_13_2]'

Math-Verify knows nothing of a record's symbols, assumptions, domain, unit or tolerance: it gets the gold and
the completion, as a user of it would. Accuracy is binary (is "correct" predicted exactly when the label is
"correct"); false positives (a wrong answer accepted) are counted apart. Throughput: ours one call at a time
(like Math-Verify) and as one parallel batch. Worst case: the slowest pair, and hostile completions (200 kB of
blank lines, nested braces, ...) timed from the caller's side with a 2 s limit for both.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PAIRS = ROOT / "tests" / "data" / "verifier_pairs.jsonl"
DEFAULT_MV = ROOT / ".bench" / "mathverify-venv" / "bin" / "python"
HOSTILE_LIMIT_S = 2.0


def load_pairs(path: Path) -> list[dict]:
    """The pairs file and the notation table, as one list of {completion, gold, label, settings...}."""
    pairs = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    sys.path.insert(0, str(ROOT / "tests"))
    from test_verify_notation import ROWS

    for completion, gold, kw, label, note in ROWS:
        pairs.append({"completion": completion, "gold": gold, "label": label, "note": note, **kw})
    return pairs


def hostile() -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_verify_latency import HOSTILE

    return HOSTILE


# --------------------------------------------------------------------------------------- Math-Verify side

def math_verify_worker(job: str) -> None:
    """Subprocess entry (run by the Math-Verify venv's python): grade pairs, then time hostile inputs."""
    import logging

    from math_verify import parse, verify

    logging.disable(logging.CRITICAL)
    data = json.loads(Path(job).read_text())

    def grade(completion: str, gold: str) -> bool:
        try:
            g = parse("$" + gold + "$") or parse(gold)
            p = parse(completion)
            return bool(verify(g, p, timeout_seconds=int(HOSTILE_LIMIT_S)))
        except Exception:  # noqa: BLE001 - counted as not correct
            return False

    out, times = [], []
    for p in data["pairs"]:
        t = time.perf_counter()
        out.append(grade(p["completion"], p["gold"]))
        times.append(time.perf_counter() - t)
    hostile_times = {}
    for name, text in data["hostile"].items():
        t = time.perf_counter()
        grade(text, "x")
        hostile_times[name] = time.perf_counter() - t
    json.dump({"correct": out, "times": times, "hostile": hostile_times,
               "version": __import__("math_verify").__version__ if hasattr(__import__("math_verify"), "__version__")
               else "?"}, sys.stdout)


def run_math_verify(mv_python: Path, pairs: list[dict], hostile_inputs: dict[str, str],
                    limit_s: float) -> dict | None:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"pairs": [{"completion": p["completion"], "gold": p["gold"]} for p in pairs],
                   "hostile": hostile_inputs}, f)
        job = f.name
    try:
        proc = subprocess.run([str(mv_python), __file__, "--math-verify-worker", job], capture_output=True,
                              text=True, cwd=ROOT, timeout=limit_s)
    except subprocess.TimeoutExpired:
        print(f"math-verify did not finish within {limit_s:.0f} s", file=sys.stderr)
        return None
    finally:
        os.unlink(job)
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
        return None
    return json.loads(proc.stdout)


def mv_version(mv_python: Path) -> str:
    out = subprocess.run([str(mv_python), "-m", "pip", "show", "math-verify"], capture_output=True, text=True)
    return next((ln.split(":", 1)[1].strip() for ln in out.stdout.splitlines() if ln.startswith("Version")), "?")


# ------------------------------------------------------------------------------------------------ our side

def _items(pairs: list[dict]) -> list[tuple[str, dict]]:
    from qftdata.verify.core import _kwargs

    keys = ("answer_type", "symbols", "tolerance", "choices", "assumptions", "domain", "unit", "statement")
    return [(p["completion"], {"gold": p["gold"], **_kwargs(**{k: p[k] for k in keys if p.get(k) is not None})})
            for p in pairs]


def run_ours(pairs: list[dict], timeout: float) -> tuple[list[str], float, list[float]]:
    """(statuses, batch seconds, per-pair seconds when called one at a time)."""
    from qftdata.verify.core import _verify_many
    from qftdata.verify.pool import start

    start()  # start-up (forkserver, imports) is not part of the throughput
    items = _items(pairs)
    _verify_many(items[:4], timeout)  # each worker parses its first LaTeX
    t0 = time.perf_counter()
    statuses = [v.status for v in _verify_many(items, timeout)]
    batch_s = time.perf_counter() - t0
    times = []
    for item in items:
        t = time.perf_counter()
        _verify_many([item], timeout)
        times.append(time.perf_counter() - t)
    return statuses, batch_s, times


def run_ours_hostile(hostile_inputs: dict[str, str]) -> dict[str, float]:
    from qftdata.verify import verify

    out = {}
    for name, text in hostile_inputs.items():
        t = time.perf_counter()
        verify(text, "x", symbols=["x"], timeout=HOSTILE_LIMIT_S)
        out[name] = time.perf_counter() - t
    return out


# -------------------------------------------------------------------------------------------------- report

def _table(head: tuple, rows: list[tuple]) -> None:
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", default=str(DEFAULT_PAIRS))
    ap.add_argument("--mv-python", default=str(DEFAULT_MV), help="python of the Math-Verify environment")
    ap.add_argument("--timeout", type=float, default=5.0, help="our per-check limit for the accuracy pairs")
    ap.add_argument("--workers", type=int, default=None, help="qftdata.verify checks in flight per call")
    ap.add_argument("--json", default=None, help="also write the numbers to this file")
    ap.add_argument("--math-verify-worker", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.math_verify_worker:
        math_verify_worker(args.math_verify_worker)
        return 0
    if args.workers:
        os.environ["QFTDATA_VERIFY_WORKERS"] = str(args.workers)
    pairs = load_pairs(Path(args.pairs))
    hostile_inputs = hostile()
    truth = [p["label"] == "correct" for p in pairs]
    n = len(pairs)

    statuses, batch_s, times = run_ours(pairs, args.timeout)
    ours_hostile = run_ours_hostile(hostile_inputs)
    from qftdata.verify.pool import _per_call

    mv_python = Path(args.mv_python)
    mv = run_math_verify(mv_python, pairs, hostile_inputs, limit_s=3600) if mv_python.exists() else None
    if mv is None:
        print(f"(Math-Verify not run: {mv_python} missing or failed; see the module docstring)")

    def scores(correct: list[bool]) -> tuple[str, int, int]:
        acc = sum(c == t for c, t in zip(correct, truth, strict=True)) / n
        fp = sum(c and not t for c, t in zip(correct, truth, strict=True))
        fn = sum(t and not c for c, t in zip(correct, truth, strict=True))
        return f"{acc:.1%}", fp, fn

    ours_ok = [s == "correct" for s in statuses]
    exact = sum(s == p["label"] for s, p in zip(statuses, pairs, strict=True)) / n
    rows = [("qftdata.verify", *scores(ours_ok), f"{exact:.1%}", f"{n / sum(times):.1f}",
             f"{n / batch_s:.1f} ({_per_call()} proc)", f"{max(times):.2f}", f"{max(ours_hostile.values()):.2f}")]
    if mv is not None:
        rows.append((f"math-verify {mv_version(mv_python)}", *scores(mv["correct"]), "n/a",
                     f"{n / sum(mv['times']):.1f}", "n/a", f"{max(mv['times']):.2f}",
                     f"{max(mv['hostile'].values()):.2f}"))
    print(f"{n} labelled pairs ({Path(args.pairs).name} + the notation table); "
          f"{sum(truth)} labelled correct; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    _table(("verifier", "binary acc", "false pos", "false neg", "exact status", "checks/s (1 call)",
            "checks/s (batch)", "worst pair s", f"worst hostile s ({HOSTILE_LIMIT_S:g} s limit)"), rows)
    print("\nhostile completions, seconds from the caller's side:")
    _table(("input", "qftdata.verify", "math-verify"),
           [(k, f"{ours_hostile[k]:.2f}", f"{mv['hostile'][k]:.2f}" if mv else "n/a") for k in hostile_inputs])
    misses = [(k, pairs[k]["note"], s, pairs[k]["label"]) for k, s in enumerate(statuses) if s != pairs[k]["label"]]
    print(f"\nours: {len(misses)} status mismatches" + "".join(f"\n  {k}: {s} (label {lab}) - {note}"
                                                             for k, note, s, lab in misses[:15]))
    if mv is not None:
        wrong = [(pairs[k]["note"], "accepts a wrong answer" if mv["correct"][k] else "rejects a right answer")
                 for k in range(n) if mv["correct"][k] != truth[k]]
        print(f"math-verify: {len(wrong)} disagreements with the labels, e.g.:")
        for note, what in wrong[:25]:
            print(f"  {what}: {note}")
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows, "ours_hostile": ours_hostile,
                                               "mv_hostile": mv and mv["hostile"]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
