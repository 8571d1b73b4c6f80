"""The hard time limit: every check runs in a worker process that is killed when its time is up.

Why processes and not SIGALRM (Math-Verify) or a thread: sympy can spin in C-level big-integer code or
allocate without bound, and signals only work on the main thread (a TRL reward call or a
ThreadPoolExecutor worker is not). Workers start from a forkserver that has preloaded sympy, pint and a
warmed-up LaTeX parser, so a new worker costs milliseconds and the fork happens from a single-threaded
process (never from a training process full of threads). Each worker caps its address space (RLIMIT_AS) so
a memory bomb dies alone.

Why not a pool library (pebble, concurrent.futures): their time limit is enforced by a manager thread that
polls every 0.1 s and may block for seconds while terminating a stuck worker, and their workers are shared
by all callers in one queue, so one caller's slow checks delay (or, with a per-call deadline, time out)
another caller's checks. Here the calling thread itself sends each check to a worker it holds exclusively,
waits on that worker's pipe with the check's own deadline, and SIGKILLs the worker when it passes:

- a check's clock starts when it is handed to its worker, never while it waits;
- its verdict arrives at most `timeout + OVERHEAD_S` later (kill and pipe, no polling);
- every caller gets its own workers (the set grows on demand up to QFTDATA_VERIFY_MAX_WORKERS), so
  concurrent callers never queue behind each other below that cap; one call runs at most
  QFTDATA_VERIFY_WORKERS checks at a time (a batch of n takes ceil(n / workers) rounds at worst).

Like any multiprocessing code, a script that verifies at import time needs an
`if __name__ == "__main__":` guard (the forkserver re-imports the main module).

Environment knobs: QFTDATA_VERIFY_WORKERS (checks in flight per call; default min(4, cpus)),
QFTDATA_VERIFY_MAX_WORKERS (all callers together; default max(32, 4 x per-call)), QFTDATA_VERIFY_MEMORY_MB
(default 3072, 0 = no cap), QFTDATA_VERIFY_START_METHOD (forkserver | spawn | fork).
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Sequence
from multiprocessing.connection import Connection, wait

__all__ = ["run_checks", "shutdown", "start", "OVERHEAD_S"]

OVERHEAD_S = 0.5  # documented bound on top of `timeout`: dispatch + kill + pipe, measured in ms
IDLE_RETIRE_S = 60.0  # idle workers beyond the per-call count are stopped after this long

Result = tuple  # see _worker.Result


def _per_call() -> int:
    return max(1, int(os.environ.get("QFTDATA_VERIFY_WORKERS", min(4, os.cpu_count() or 1))))


def _max_workers() -> int:
    return max(_per_call(), int(os.environ.get("QFTDATA_VERIFY_MAX_WORKERS", max(32, 4 * _per_call()))))


def _context():
    method = os.environ.get("QFTDATA_VERIFY_START_METHOD", "forkserver")
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["qftdata.verify._worker"])
    return ctx


def _serve(conn, memory_mb: int) -> None:
    """Worker entry point. `_worker` (sympy, pint, the warmed-up parsers) is imported here, in the worker
    (the forkserver has it preloaded), so the calling process never pays for those imports."""
    from qftdata.verify import _worker

    _worker.serve(conn, memory_mb)


class _Worker:
    """One worker process and the parent's end of its pipe; held by one caller at a time."""

    __slots__ = ("proc", "conn", "idle_since")

    def __init__(self, proc, conn: Connection):
        self.proc, self.conn, self.idle_since = proc, conn, time.monotonic()

    def kill(self) -> None:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            self.proc.kill()  # SIGKILL: immediate even inside a C-level loop
        with contextlib.suppress(OSError):
            self.conn.close()


class _Workers:
    """The process-wide set of workers: idle ones on a stack, plus a count of those handed out."""

    def __init__(self):
        self.cond = threading.Condition()
        self.idle: list[_Worker] = []
        self.alive = 0
        self.pid = os.getpid()
        self.ctx = None

    def _spawn(self) -> _Worker:
        if self.ctx is None:
            self.ctx = _context()
        parent, child = self.ctx.Pipe(duplex=True)
        memory_mb = int(os.environ.get("QFTDATA_VERIFY_MEMORY_MB", "3072"))
        proc = self.ctx.Process(target=_serve, args=(child, memory_mb), daemon=True, name="qftdata-verify-worker")
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def acquire(self, block: bool) -> _Worker | None:
        """An idle worker, a new one (below the cap), or None (block=False) when all are busy."""
        with self.cond:
            while True:
                self._retire_stale()
                if self.idle:
                    return self.idle.pop()
                if self.alive < _max_workers():
                    self.alive += 1
                    break
                if not block:
                    return None
                self.cond.wait(0.5)
        try:
            return self._spawn()
        except BaseException:
            with self.cond:
                self.alive -= 1
                self.cond.notify()
            raise

    def release(self, worker: _Worker, healthy: bool) -> None:
        replace = False
        with self.cond:
            if healthy and os.getpid() == self.pid:
                worker.idle_since = time.monotonic()
                self.idle.append(worker)
            else:
                worker.kill()
                self.alive -= 1
                replace = os.getpid() == self.pid and self.alive < _per_call()
                self.alive += replace
            self.cond.notify()
        if replace:  # start the replacement off the caller's path, so the next check does not wait for it
            threading.Thread(target=self._replenish, daemon=True, name="qftdata-verify-spawn").start()

    def _replenish(self) -> None:
        try:
            worker = self._spawn()
        except Exception:  # noqa: BLE001 - the next acquire() tries again and reports
            with self.cond:
                self.alive -= 1
                self.cond.notify()
            return
        self.release(worker, healthy=True)

    def _retire_stale(self) -> None:
        now = time.monotonic()
        while len(self.idle) > _per_call() and now - self.idle[0].idle_since > IDLE_RETIRE_S:
            self.idle.pop(0).kill()
            self.alive -= 1

    def stop(self) -> None:
        with self.cond:
            for w in self.idle:
                w.kill()
            self.alive -= len(self.idle)
            self.idle.clear()


_lock = threading.Lock()
_workers: _Workers | None = None


def _get() -> _Workers:
    global _workers
    with _lock:
        if _workers is None or _workers.pid != os.getpid():  # new process (after fork): start afresh
            _workers = _Workers()
        return _workers


def start(n: int | None = None, wait_s: float = 180.0) -> None:
    """Start the forkserver and `n` (default: the per-call count) idle workers, and wait until they answer.

    The first check of a process calls this itself; call it earlier (e.g. before training) so that the
    one-time start (seconds: the forkserver imports sympy and warms the parser) is not spent inside a step.
    """
    ws = _get()
    n = _per_call() if n is None else n
    with ws.cond:
        missing = max(0, n - len(ws.idle))
    got = [w for w in (ws.acquire(block=True) for _ in range(missing)) if w is not None]
    deadline = time.monotonic() + wait_s
    for w in got:
        ok = False
        try:
            w.conn.send(None)  # ping
            ok = w.conn.poll(max(0.0, deadline - time.monotonic())) and w.conn.recv() == "pong"
        except (OSError, EOFError):
            ok = False
        ws.release(w, ok)


def shutdown() -> None:
    """Stop the idle workers (new ones start on the next check)."""
    if _workers is not None and _workers.pid == os.getpid():
        _workers.stop()


atexit.register(shutdown)


def _timeout_result(timeout: float) -> Result:
    return ("timeout", f"no verdict within {timeout:g} s (worker killed)", None, None, None, False)


def run_checks(tasks: Sequence[tuple], timeout: float) -> list[Result]:
    """`_worker.check(*task)` for each task, each under a hard `timeout` (seconds) that starts when the
    task reaches its worker; at most `QFTDATA_VERIFY_WORKERS` of this call's tasks run at once."""
    if not tasks:
        return []
    try:
        timeout = max(0.01, float(timeout))
    except (TypeError, ValueError):
        timeout = 2.0
    ws = _get()
    if not ws.idle and ws.alive == 0:
        try:
            start()
        except Exception as exc:  # noqa: BLE001 - no worker could start: still one verdict per task
            why = f"verifier workers unavailable ({type(exc).__name__}: {str(exc)[:100]})"
            return [("timeout", why, None, None, None, False)] * len(tasks)
    out: list[Result | None] = [None] * len(tasks)
    tries = [0] * len(tasks)
    queue = deque(range(len(tasks)))
    running: dict[Connection, tuple[int, _Worker, float]] = {}  # conn -> (task, worker, deadline)
    try:
        while queue or running:
            while queue and len(running) < _per_call():
                try:
                    worker = ws.acquire(block=not running)
                except Exception as exc:  # noqa: BLE001 - cannot start a worker
                    out[queue.popleft()] = ("timeout", f"no worker could start ({type(exc).__name__})",
                                            None, None, None, False)
                    continue
                if worker is None:
                    break
                k = queue.popleft()
                try:
                    worker.conn.send(tasks[k])
                except (OSError, EOFError, ValueError):  # the worker died while idle: retry once
                    ws.release(worker, healthy=False)
                    tries[k] += 1
                    if tries[k] < 2:
                        queue.appendleft(k)
                    else:
                        out[k] = ("timeout", "worker died before the check started", None, None, None, False)
                    continue
                running[worker.conn] = (k, worker, time.monotonic() + timeout)
            if not running:
                continue
            nearest = min(d for _, _, d in running.values())
            for conn in wait(list(running), timeout=max(0.0, nearest - time.monotonic())):
                k, worker, _ = running.pop(conn)
                try:
                    out[k] = conn.recv()
                    ws.release(worker, healthy=True)
                except (EOFError, OSError):
                    out[k] = ("timeout", "worker died (memory limit?)", None, None, None, False)
                    ws.release(worker, healthy=False)
            now = time.monotonic()
            for conn in [c for c, (_, _, d) in running.items() if d <= now]:
                k, worker, _ = running.pop(conn)
                out[k] = _timeout_result(timeout)
                ws.release(worker, healthy=False)  # SIGKILL
    finally:
        for _, worker, _ in running.values():  # interrupted (KeyboardInterrupt): do not leak busy workers
            ws.release(worker, healthy=False)
    return [r if r is not None else _timeout_result(timeout) for r in out]
