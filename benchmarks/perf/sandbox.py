"""Per-check overhead of the code sandbox (qftdata.verify.code / qftdata.verify.sandbox).

    .venv/bin/python benchmarks/perf/sandbox.py [--n 20] [--batch 32] [--json]

Measures, for one check = one sandboxed child running all test cases of one completion:
  * bare: `python -I -B -c pass` (the interpreter floor, no sandbox),
  * plain: a pure-Python solution (4 cases), with and without Linux namespaces,
  * numpy / scipy.special / sympy: the same with the solution importing that library (import cost),
  * batch: `verify_code_batch` on --batch completions (thread pool bounded by the CPU count): wall time
    per check when checks overlap.
Prints median and p90 wall milliseconds per check, and the median CPU milliseconds of the child processes
(user + sys, from getrusage(RUSAGE_CHILDREN)), which does not depend on how loaded the machine is.
CPU-only; no GPU needed.
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

from qftdata.verify.code import CodeCase, CodeSpec, Param, verify_code, verify_code_batch  # noqa: E402
from qftdata.verify.sandbox import SandboxLimits, isolation_prefix  # noqa: E402

SPEC = CodeSpec("f", (Param("x"),), "float", tuple(CodeCase({"x": float(i + 1)}, 2.0 * (i + 1)) for i in range(4)))
SOLUTIONS = {
    "plain": "def f(x):\n    return 2*x",
    "numpy": "import numpy as np\ndef f(x):\n    return float(np.float64(2)*x)",
    "scipy.special": "from scipy.special import gamma\ndef f(x):\n    return 2*x*gamma(1.0)",
    "sympy": "import sympy\ndef f(x):\n    return float(sympy.Integer(2)*x)",
}


def _stats(ms: list[float], cpu: list[float] | None = None) -> dict[str, float]:
    ms = sorted(ms)
    out = {"median_ms": round(statistics.median(ms), 1), "p90_ms": round(ms[int(0.9 * (len(ms) - 1))], 1)}
    if cpu:
        out["cpu_ms"] = round(statistics.median(cpu), 1)  # child CPU (user+sys): independent of machine load
    out["n"] = len(ms)
    return out


def _child_cpu_ms() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (ru.ru_utime + ru.ru_stime) * 1000


def bench(n: int, batch: int) -> dict[str, dict]:
    out: dict[str, dict] = {}
    t, c = [], []
    for _ in range(n):
        t0, c0 = time.perf_counter(), _child_cpu_ms()
        subprocess.run([sys.executable, "-I", "-B", "-c", "pass"], check=True)
        t.append((time.perf_counter() - t0) * 1000)
        c.append(_child_cpu_ms() - c0)
    out["bare interpreter"] = _stats(t, c)
    for isolate in (False, None):
        limits = SandboxLimits(isolate=isolate, startup_s=60.0)
        label = "namespaces" if isolate is None else "no namespaces"
        for name, src in SOLUTIONS.items():
            if isolate is False and name != "plain":
                continue
            t, c = [], []
            for _ in range(n if name == "plain" else max(3, n // 4)):
                t0, c0 = time.perf_counter(), _child_cpu_ms()
                v = verify_code(f"```python\n{src}\n```", SPEC, timeout=30.0, limits=limits)
                t.append((time.perf_counter() - t0) * 1000)
                c.append(_child_cpu_ms() - c0)
                assert v.status == "correct", v
            out[f"{name} ({label})"] = _stats(t, c)
    comps = [f"```python\n{SOLUTIONS['plain']}\n```"] * batch
    t0 = time.perf_counter()
    verdicts = verify_code_batch(comps, SPEC, timeout=30.0, limits=SandboxLimits(startup_s=60.0))
    wall = (time.perf_counter() - t0) * 1000
    assert all(v.status == "correct" for v in verdicts)
    out[f"batch of {batch}, {os.cpu_count()} CPUs"] = {"wall_ms_per_check": round(wall / batch, 1),
                                                       "checks_per_s": round(batch / (wall / 1000), 1)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    isolation = isolation_prefix()[1]
    res = bench(args.n, args.batch)
    if args.json:
        print(json.dumps({"isolation": isolation, "results": res}, indent=2))
        return 0
    print(f"isolation available: {isolation}; uid {os.getuid()}; {os.cpu_count()} CPUs")
    for name, r in res.items():
        print(f"  {name:<38} " + "  ".join(f"{k}={v}" for k, v in r.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
