"""The hard time limit: parse + compare run in a pebble process pool whose workers are killed on timeout.

Why a process pool and not SIGALRM (Math-Verify) or a thread: sympy can spin in C-level big-integer code or
allocate without bound, and signals only work on the main thread (a TRL reward call or a
ThreadPoolExecutor worker is not). A killed worker is replaced by pebble; a broken pool, or one inherited
across `fork`, is rebuilt. Workers start from a forkserver that has preloaded sympy and latex2sympy2, so a
replacement costs milliseconds and the fork happens from a single-threaded process (never from a training
process full of threads). Each worker caps its address space (RLIMIT_AS) so a memory bomb dies alone.

Like any multiprocessing code, a script that verifies at import time needs an
`if __name__ == "__main__":` guard (the forkserver re-imports the main module).

Environment knobs: QFTDATA_VERIFY_WORKERS (default min(4, cpus)), QFTDATA_VERIFY_MEMORY_MB (default
3072, 0 = no cap), QFTDATA_VERIFY_START_METHOD (forkserver | spawn | fork).
"""

from __future__ import annotations

import atexit
import concurrent.futures
import multiprocessing
import os
import threading
import time
from collections.abc import Sequence

import pebble

from qftdata.verify import _worker

__all__ = ["run_checks", "shutdown"]

GRACE_S = 0.8  # caller-side slack on top of the worker timeout (pebble polls its timeouts)

_lock = threading.Lock()
_pool: pebble.ProcessPool | None = None
_pool_pid: int | None = None


def _workers() -> int:
    return max(1, int(os.environ.get("QFTDATA_VERIFY_WORKERS", min(4, os.cpu_count() or 1))))


def _context():
    method = os.environ.get("QFTDATA_VERIFY_START_METHOD", "forkserver")
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["qftdata.verify._worker"])
    return ctx


def _get_pool() -> pebble.ProcessPool:
    global _pool, _pool_pid
    with _lock:
        if _pool is not None and _pool_pid == os.getpid() and _pool.active:
            return _pool
        if _pool is not None and _pool_pid == os.getpid():
            _stop(_pool)
        memory_mb = int(os.environ.get("QFTDATA_VERIFY_MEMORY_MB", "3072"))
        pool = pebble.ProcessPool(max_workers=_workers(), initializer=_worker.init, initargs=(memory_mb,),
                                  context=_context())
        # Warm up: the first start (forkserver + imports) must not eat the first check's time limit.
        warm = [pool.schedule(_worker.ping) for _ in range(_workers())]
        for fut in warm:
            fut.result(timeout=120)
        _pool, _pool_pid = pool, os.getpid()
        return pool


def _stop(pool: pebble.ProcessPool) -> None:
    try:
        pool.stop()
        pool.join(timeout=5)
    except Exception:  # noqa: BLE001 - best effort at shutdown
        pass


def shutdown() -> None:
    """Stop the worker pool (it is recreated on the next check)."""
    global _pool, _pool_pid
    with _lock:
        if _pool is not None and _pool_pid == os.getpid():
            _stop(_pool)
        _pool, _pool_pid = None, None


atexit.register(shutdown)

Result = tuple[str, str, "str | None", "str | None", bool]


def _schedule(args: tuple, timeout: float):
    for attempt in range(2):
        pool = _get_pool()
        try:
            return pool.schedule(_worker.check, args=args, timeout=timeout)
        except RuntimeError:  # pool stopped/broken under us: rebuild once
            if attempt:
                raise
            with _lock:
                global _pool
                _pool = None
    raise RuntimeError("unreachable")


def run_checks(tasks: Sequence[tuple], timeout: float) -> list[Result]:
    """Run `_worker.check(*task)` for each task, each under a hard `timeout` (seconds)."""
    if not tasks:
        return []
    try:
        futures = [_schedule(t, timeout) for t in tasks]
    except Exception as exc:  # noqa: BLE001 - the pool could not start: still one verdict per task
        why = f"verifier pool unavailable ({type(exc).__name__}: {str(exc)[:100]})"
        return [("timeout", why, None, None, False) for _ in tasks]
    waves = -(-len(tasks) // _workers())
    deadline = time.monotonic() + waves * timeout + GRACE_S + 0.5 * (waves - 1)
    out: list[Result] = []
    for fut in futures:
        remaining = max(0.05, deadline - time.monotonic())
        try:
            out.append(fut.result(timeout=remaining))
        except concurrent.futures.TimeoutError:
            fut.cancel()
            out.append(("timeout", f"no verdict within {timeout:g} s (worker killed)", None, None, False))
        except pebble.ProcessExpired as exc:
            out.append(("timeout", f"worker died ({exc}); memory limit?", None, None, False))
        except concurrent.futures.CancelledError:
            out.append(("timeout", "check cancelled", None, None, False))
        except Exception as exc:  # noqa: BLE001 - a verdict is always returned
            out.append(("unparseable", f"verifier error {type(exc).__name__}: {str(exc)[:100]}",
                        None, None, False))
    return out
