"""Per-check overhead of the code sandbox (qftdata.verify.code / qftdata.verify.sandbox).

    .venv/bin/python benchmarks/perf/sandbox.py [--n 20] [--batch 32] [--json]

Measures, for one check = one sandboxed child running all test cases of one completion:
  * bare interpreter: `python -I -B -c pass` (the floor, no sandbox),
  * bare bubblewrap: the same interpreter inside the sandbox's bwrap command line (namespaces + mounts),
  * plain / numpy / scipy.special / sympy: `verify_code` on a solution (4 cases) that imports nothing or
    that library, under bubblewrap (the library's import dominates when present),
  * plain (fallback): the opt-in weaker mode without bubblewrap (QFT_SANDBOX_FALLBACK), for comparison,
  * batch: `verify_code_batch` on --batch completions (thread pool bounded by the CPU count): wall time
    per check when checks overlap.
Prints median and p90 wall milliseconds per check, and the median CPU milliseconds of the child processes
(user + sys, from getrusage(RUSAGE_CHILDREN)), which depends less on how loaded the machine is.
CPU-only; needs bubblewrap (`apt-get install bubblewrap`).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))

from qftdata.verify import sandbox  # noqa: E402
from qftdata.verify.code import CodeCase, CodeSpec, Param, verify_code, verify_code_batch  # noqa: E402

SPEC = CodeSpec("f", (Param("x"),), "float",
                tuple(CodeCase({"x": float(i + 1)}, 2.0 * (i + 1)) for i in range(4)))
SOLUTIONS = {
    "plain": "def f(x):\n    return 2*x",
    "numpy": "import numpy as np\ndef f(x):\n    return float(np.float64(2)*x)",
    "scipy.special": "from scipy.special import gamma\ndef f(x):\n    return 2*x*gamma(1.0)",
    "sympy": "import sympy\ndef f(x):\n    return float(sympy.Integer(2)*x)",
}
LIMITS = sandbox.SandboxLimits(startup_s=60.0)


def _stats(ms: list[float], cpu: list[float]) -> dict[str, float]:
    ms = sorted(ms)
    return {"median_ms": round(statistics.median(ms), 1), "p90_ms": round(ms[int(0.9 * (len(ms) - 1))], 1),
            "cpu_ms": round(statistics.median(cpu), 1), "n": len(ms)}


def _child_cpu_ms() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (ru.ru_utime + ru.ru_stime) * 1000


def _timed(n: int, run) -> dict[str, float]:
    t, c = [], []
    for _ in range(n):
        t0, c0 = time.perf_counter(), _child_cpu_ms()
        run()
        t.append((time.perf_counter() - t0) * 1000)
        c.append(_child_cpu_ms() - c0)
    return _stats(t, c)


def _check(src: str, limits: sandbox.SandboxLimits = LIMITS) -> None:
    v = verify_code(f"```python\n{src}\n```", SPEC, timeout=30.0, limits=limits)
    if v.status != "correct":
        raise SystemExit(f"benchmark solution not graded correct: {v}")


def bench(n: int, batch: int) -> dict[str, dict]:
    iso = sandbox.isolation()
    if not iso.available:
        raise SystemExit(f"needs bubblewrap: {iso.description}")
    bare = [sys.executable, "-I", "-B", "-c", "pass"]
    in_bwrap = [*sandbox._bwrap_argv(iso, sandbox._mounts(frozenset()), 1 << 20), *bare]
    out = {"bare interpreter": _timed(n, lambda: subprocess.run(bare, check=True)),
           "bare bubblewrap": _timed(n, lambda: subprocess.run(in_bwrap, check=True, cwd="/",
                                                               **sandbox._popen_user(iso.run_as)))}
    for name, src in SOLUTIONS.items():
        runs = n if name == "plain" else max(3, n // 4)
        out[f"{name} (bubblewrap)"] = _timed(runs, lambda src=src: _check(src))
    # The opt-in fallback, measured on purpose: this process behaves as if bubblewrap could not run.
    sandbox._ISOLATION = sandbox.Isolation(False, "benchmark of the fallback")
    try:
        out["plain (fallback, no bubblewrap)"] = _timed(n, lambda: _check(SOLUTIONS["plain"],
                                                                         sandbox.SandboxLimits(fallback=True)))
    finally:
        sandbox._ISOLATION = iso
    comps = [f"```python\n{SOLUTIONS['plain']}\n```"] * batch
    t0 = time.perf_counter()
    verdicts = verify_code_batch(comps, SPEC, timeout=30.0, limits=LIMITS)
    wall = (time.perf_counter() - t0) * 1000
    if not all(v.status == "correct" for v in verdicts):
        raise SystemExit("batch: a benchmark solution was not graded correct")
    out[f"batch of {batch}, {os.cpu_count()} CPUs"] = {"wall_ms_per_check": round(wall / batch, 1),
                                                       "checks_per_s": round(batch / (wall / 1000), 1)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    res = bench(args.n, args.batch)
    iso = sandbox.isolation().description
    if args.json:
        print(json.dumps({"isolation": iso, "load_average": os.getloadavg(), "results": res}, indent=2))
        return 0
    print(f"isolation: {iso}; uid {os.getuid()}; {os.cpu_count()} CPUs; load average {os.getloadavg()}")
    for name, r in res.items():
        print(f"  {name:<38} " + "  ".join(f"{k}={v}" for k, v in r.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
