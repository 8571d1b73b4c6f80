"""Verifier benchmark: accuracy, checks/second and worst-case latency of qftdata.verify vs Math-Verify.

    .venv/bin/python benchmarks/perf/verifier.py [--mv-python .bench/mathverify-venv/bin/python]
    .venv/bin/python benchmarks/perf/verifier.py --peer-suite DIR

`--peer-suite DIR` grades a PEER's own labelled pairs instead of ours: DIR is Math-Verify's tests folder
(`pip download math-verify==0.9.0 --no-binary :all: --no-deps -d /tmp/mv`, then unpack the sdist and pass
`.../math_verify-0.9.0/tests`). Its `@pytest.mark.parametrize("gold, pred, expected", [...])` tables are
read with `ast` at run time (never imported, executed or copied here), each pair is graded by
qftdata.verify, and the script prints agreement per peer test function, the false positives and negatives,
and the false negatives by reason (no_answer / semantics we do not support on purpose / other), see
`peer_reason`.

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
import ast
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
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


# ------------------------------------------------------------------------------- a peer's own test pairs

PEER_LABELS = ("expected", "result")  # the label column's name in the peer's tables
# per-row switches that put the peer in a non-default mode (rows with them are skipped, and counted)
PEER_NON_DEFAULT = {"strict": False, "allow_set_relation_comp": True}
_PEER_COMMAND_ARG = re.compile(r"\\(?:text|textrm|textnormal|mathrm|mbox|operatorname)\s*\{[^{}]*\}")
_PEER_COMMAND = re.compile(r"\\[A-Za-z]+")
# semantics qftdata.verify does not support on purpose (docs/verifier.md, "A peer's own pairs")
_INTERVAL_OR_RELATION = re.compile(
    r"\\(?:cup|cap|in|le|ge|leq|geq|lt|gt|neq|ne|subset)(?![A-Za-z])|[<>≤≥≠]|!=|\[[^\[\]()]*\)|\([^()\[\]]*\]")
_PERCENT = re.compile(r"%|percent|\bpct\b", re.IGNORECASE)
_RATIO = re.compile(r"\d\s*:\s*\d")
_DECIMAL = re.compile(r"\d\.\d")
_DIGIT_GROUPS = re.compile(r"\d{1,3}(?:[,\s\\!{}]+\d{3})+")  # `32,\! 349` read as two values is our miss, not a hedge
_TUPLES = re.compile(r"\)\s*[,;]\s*\(|\)\s*=\s*\(|\(\s*\w\s*,\s*\w\s*\)\s*=")  # `(1,2),(2,1)`, `(p,q)=(3,2)`


def _parametrize_rows(decorator: ast.expr) -> tuple[list[str], list[ast.expr]] | None:
    """(argument names, row nodes) of a `@pytest.mark.parametrize(names, [rows])` decorator, else None."""
    if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr == "parametrize" and len(decorator.args) >= 2):
        return None
    try:
        names = ast.literal_eval(decorator.args[0])
    except (ValueError, TypeError, SyntaxError):
        return None
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",")]
    rows = decorator.args[1]
    if not isinstance(rows, (ast.List, ast.Tuple)) or not all(isinstance(n, str) for n in names):
        return None
    return list(names), list(rows.elts)


def peer_pairs(folder: Path) -> tuple[list[dict], Counter]:
    """The (gold, pred, expected) rows of every parametrized test in `folder`/test_*.py, read with ast, and
    the rows skipped, by why."""
    pairs, skipped = [], Counter()
    for path in sorted(folder.glob("test_*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except (SyntaxError, UnicodeDecodeError, ValueError) as exc:
            skipped[f"{path.name} is not readable Python ({type(exc).__name__})"] += 1
            continue
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for decorator in fn.decorator_list:
                found = _parametrize_rows(decorator)
                if found is None:
                    continue
                names, rows = found
                label = next((n for n in PEER_LABELS if n in names), None)
                if "gold" not in names or "pred" not in names or label is None:
                    continue
                for node in rows:
                    try:
                        row = ast.literal_eval(node)
                    except (ValueError, TypeError, SyntaxError):
                        skipped["row is not a literal (an f-string or a call)"] += 1
                        continue
                    if not isinstance(row, tuple) or len(row) != len(names):
                        skipped["row does not match its argument names"] += 1
                        continue
                    values = dict(zip(names, row, strict=True))
                    modes = [k for k, v in PEER_NON_DEFAULT.items() if k in values and values[k] == v]
                    if modes:
                        skipped[f"non-default peer mode ({', '.join(modes)})"] += 1
                        continue
                    if not (isinstance(values["gold"], str) and isinstance(values["pred"], str)):
                        skipped["gold or pred is not a string"] += 1
                        continue
                    pairs.append({"test": f"{path.name}::{fn.name}", "line": node.lineno, "gold": values["gold"],
                                  "pred": values["pred"], "expected": bool(values[label])})
    return pairs, skipped


def peer_gold(gold: str) -> tuple[str, list[str]]:
    """Our gold answer and symbols for a peer's gold text: the boxed or marked answer if it has one (else
    the text; `$` is stripped by the verifier), and its letters as declared symbols (outside command names
    and `\\text{...}`; `e` and `i` stay Euler's number and the imaginary unit, as in our conventions)."""
    from qftdata.verify.extract import extract

    answer = extract(gold).answer or gold
    letters = set(re.findall(r"[A-Za-z]", _PEER_COMMAND.sub(" ", _PEER_COMMAND_ARG.sub(" ", answer))))
    return answer, sorted(letters - {"e", "i"})


def peer_reason(pair: dict) -> str:
    """Why a pair the peer labels correct was not accepted. A heuristic on the texts and our verdict that
    puts a miss in an on-purpose class only on a clear sign of it; the rest is "other", listed in full.
    `pair["as_set"]`: whether the prediction is accepted when the gold is read as an unordered set."""
    if pair["status"] == "no_answer":
        return "no_answer"
    gold, pred = pair["gold_answer"], pair["extracted"] or ""
    if _INTERVAL_OR_RELATION.search(gold) or _INTERVAL_OR_RELATION.search(pred):
        return "on purpose: interval, inequality or relation"
    if any(_PERCENT.search(t) for t in (gold, pred, pair["pred"][-200:])):
        return "on purpose: percent"
    if _RATIO.search(gold):
        return "on purpose: ratio a:b or clock time"
    if pair["reason"].startswith("expected 1 value(s), got") and "," not in gold and not _DIGIT_GROUPS.fullmatch(pred):
        return "on purpose: several values for a one-value gold (a hedge)"
    if pair.get("as_set") or re.search(r"\bor\b", gold):
        return "on purpose: unordered solution set"
    if _TUPLES.search(gold) or "Tuple is not allowed" in pair["reason"]:
        return "on purpose: tuples as set elements, or labelled by a tuple"
    if _DECIMAL.search(pred) and not _DECIMAL.search(gold) and pair["status"] == "incorrect":
        return "on purpose: rounded decimal for an exact gold"
    return "other"


def _as_set(gold: str) -> str:
    """The gold's values as an unordered set `\\{...\\}` (for the unordered-set check of a miss)."""
    from qftdata.verify.extract import clean_answer

    return "\\{" + clean_answer(gold) + "\\}"


def grade_peer_pairs(pairs: list[dict], timeout: float) -> None:
    """Grade each pair with qftdata.verify (in place: status, reason, extracted, got) and give each false
    negative its `why` (peer_reason)."""
    from qftdata.verify.core import _kwargs, _verify_many
    from qftdata.verify.pool import start

    items = []
    for p in pairs:
        p["gold_answer"], p["symbols"] = peer_gold(p["gold"])
        items.append((p["pred"], {"gold": p["gold_answer"], **_kwargs(symbols=p["symbols"])}))
    start()
    for p, v in zip(pairs, _verify_many(items, timeout), strict=True):
        p.update(status=v.status, reason=v.reason or "", extracted=v.extracted, got=v.status == "correct")
    fn = [p for p in pairs if p["expected"] and not p["got"]]
    ordered = [p for p in fn if p["reason"].startswith("value ")]  # a list compared in order, one value off
    recheck = [(p["pred"], {"gold": _as_set(p["gold_answer"]), **_kwargs(symbols=p["symbols"])}) for p in ordered]
    for p, v in zip(ordered, _verify_many(recheck, timeout), strict=True):
        p["as_set"] = v.status == "correct"
    for p in fn:
        p["why"] = peer_reason(p)


def run_peer_suite(folder: Path, timeout: float) -> int:
    """Grade a peer's own labelled pairs with qftdata.verify and print the agreement and the misses."""
    if not folder.is_dir():
        print(f"--peer-suite {folder}: not a folder; pass the tests/ folder of an unpacked Math-Verify sdist")
        return 2
    pairs, skipped = peer_pairs(folder)
    if not pairs:
        print(f"--peer-suite {folder}: no parametrized (gold, pred, expected) tables in its test_*.py files")
        return 2
    grade_peer_pairs(pairs, timeout)
    fp = [p for p in pairs if p["got"] and not p["expected"]]
    fn = [p for p in pairs if p["expected"] and not p["got"]]
    agree = len(pairs) - len(fp) - len(fn)
    print(f"{len(pairs)} peer pairs from {folder} ({sum(p['expected'] for p in pairs)} labelled correct); "
          f"skipped: {dict(skipped) or 'none'}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    rows = []
    for test in dict.fromkeys(p["test"] for p in pairs):
        mine = [p for p in pairs if p["test"] == test]
        ok = sum(p["got"] == p["expected"] for p in mine)
        rows.append((test, len(mine), ok, f"{ok / len(mine):.0%}", sum(p in fp for p in mine),
                     sum(p in fn for p in mine)))
    rows.append(("all", len(pairs), agree, f"{agree / len(pairs):.0%}", len(fp), len(fn)))
    _table(("peer test", "pairs", "agree", "agreement", "false pos", "false neg"), rows)
    reasons = Counter(p["why"] for p in fn)
    print("\nfalse negatives by reason:")
    _table(("reason", "pairs"), sorted(reasons.items(), key=lambda kv: (kv[0] == "other", -kv[1])))
    for title, shown in (("false positives (a pair the peer labels wrong, accepted)", fp),
                         ("false negatives for another reason", [p for p in fn if p["why"] == "other"])):
        print(f"\n{title}: {len(shown)}")
        for p in shown:
            print(f"  {p['test']}:{p['line']}: gold {p['gold_answer'][:60]!r}, extracted {str(p['extracted'])[:60]!r}"
                  f" -> {p['status']} ({p['reason'][:90]})")
    return 0


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
    ap.add_argument("--peer-suite", default=None, metavar="DIR",
                    help="grade a peer's own labelled pairs instead: Math-Verify's tests/ folder (see above)")
    ap.add_argument("--math-verify-worker", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.math_verify_worker:
        math_verify_worker(args.math_verify_worker)
        return 0
    if args.workers:
        os.environ["QFTDATA_VERIFY_WORKERS"] = str(args.workers)
    if args.peer_suite:
        return run_peer_suite(Path(args.peer_suite), args.timeout)
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
