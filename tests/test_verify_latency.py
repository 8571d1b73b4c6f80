"""The time bound, asserted from the caller's side: hostile inputs and concurrent callers.

The documented bound (docs/verifier.md) is `timeout + OVERHEAD_S` after a check starts; with the workers
started (`start()`), a call of at most QFTDATA_VERIFY_WORKERS checks starts them at once. These tests use
real completions of the shapes that used to stall a training step (blank lines, nested braces, `\\(`
floods, space runs, unclosed fences) at 200 kB, and 8 threads mixing slow and honest checks.
"""

from __future__ import annotations

import threading
import time

import pytest

from qftdata.rewards import AccuracyReward, format_reward, think_format_reward
from qftdata.verify import verify
from qftdata.verify.code import extract_code
from qftdata.verify.pool import OVERHEAD_S, start

TIMEOUT = 1.0
BOUND = TIMEOUT + OVERHEAD_S
KB200 = 200_000

HOSTILE = {
    "blank lines": "\n" * KB200,
    "blank lines after a box": r"\boxed{x}" + "\n" * KB200,
    "spaces before a marker": " " * KB200 + "answer",
    "nested braces": r"\boxed{" + "{" * 50_000 + "x" + "}" * 50_000 + "}",
    "unbalanced nested braces": r"\boxed{" + "{" * KB200,
    "nested text": r"\boxed{" + r"\text{" * 20_000 + "x" + "}" * 20_000 + "}",
    "many \\( after the marker": "Final answer: " + r"\(" * 50_000,
    "many $ after the marker": "Final answer: " + "$a" * 50_000,
    "space run in a numeric answer": r"\boxed{3" + " " * KB200 + r"\,\mathrm{GeV}}",
    "many boxes": r"\boxed{1}, " * 20_000,
    "many unclosed boxes": r"\boxed{" * 30_000,
    "deep fractions": r"\boxed{" + r"\frac{1}{" * 3000 + "x" + "}" * 3000 + "}",
    "long sum": r"\boxed{" + "+".join(f"x^{{{k}}}" for k in range(5000)) + "}",
    "huge power tower": r"\boxed{10^{10^{10^{10}}}}",
    "many ± signs": r"\boxed{" + r"\pm 1" * 3000 + "}",
    "long unit": r"\boxed{3\," + r"\mathrm{GeV}" * 5000 + "}",
    "digit groups": r"\boxed{" + r"1\," * 50_000 + "1}",
    "many 'final answer' markers": "final answer " * 20_000,
    "binary junk": "".join(chr(c % 0x2FF + 1) for c in range(KB200)),
    # under the 10,000-character answer limit, so they are parsed
    "deep fractions, 9 kB": r"\boxed{" + r"\frac{1}{" * 900 + "x" + "}" * 900 + "}",
    "deep parentheses, 9 kB": r"\boxed{" + "(" * 4000 + "x" + ")" * 4000 + "}",
    "many ± signs, 9 kB": r"\boxed{" + r"\pm 1" * 1800 + "}",
    "digit groups, 9 kB": r"\boxed{" + r"1\," * 2900 + "1}",
}


# Legitimate but heavy sympy work (1200 powers at 40 digits): may run into the limit on a busy machine.
HEAVY = {"long sum, 9 kB": r"\boxed{" + "+".join(f"x^{{{k}}}" for k in range(1200)) + "}", "slow sum": None}


@pytest.fixture(scope="module", autouse=True)
def _workers():
    start()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_completion_is_bounded(name):
    t = time.monotonic()
    v = verify(HOSTILE[name], "x", symbols=["x"], timeout=TIMEOUT)
    elapsed = time.monotonic() - t
    assert elapsed < BOUND, f"{name}: {elapsed:.2f} s ({v.status}: {v.reason})"
    # decided, not cut off: extraction and parsing stay fast on these shapes
    assert v.status in ("incorrect", "no_answer", "unparseable", "correct"), f"{name}: {v.reason}"


@pytest.mark.parametrize("name", sorted(HEAVY))
def test_heavy_completion_is_cut_at_the_limit(name):
    text = HEAVY[name] or SLOW
    t = time.monotonic()
    v = verify(text, "x", symbols=["x", "y"], timeout=TIMEOUT)
    assert time.monotonic() - t < BOUND, f"{name}: {v.status}"


@pytest.mark.parametrize("answer_type", ["numeric", "categorical"])
def test_hostile_other_answer_types(answer_type):
    for name in ("space run in a numeric answer", "blank lines", "nested text"):
        t = time.monotonic()
        verify(HOSTILE[name], "3", answer_type=answer_type, timeout=TIMEOUT)
        assert time.monotonic() - t < BOUND, name


def test_accuracy_reward_batch_is_bounded():
    """A TRL reward call with two hostile completions (no more than the per-call workers)."""
    reward = AccuracyReward(timeout=TIMEOUT)
    t = time.monotonic()
    out = reward([HOSTILE["blank lines"], HOSTILE["nested braces"]], answer=["x", "x"], symbols=[["x"], ["x"]])
    assert time.monotonic() - t < BOUND
    assert out == [0.0, 1.0]


def test_format_rewards_are_linear():
    texts = [HOSTILE[k] for k in ("blank lines", "many unclosed boxes", "nested braces", "many boxes")]
    texts += ["<think>" + " " * KB200, " " * KB200 + "<think>x</think>" + "\n" * KB200, "x" * 5_000_000]
    t = time.monotonic()
    format_reward(texts)
    think_format_reward(texts)
    assert time.monotonic() - t < OVERHEAD_S


CODE_HOSTILE = {
    "blank lines in a fence": "```python\ndef f(x):\n" + "\n" * KB200 + "    return x\n```",
    "blank lines in an unlabelled fence": "```\n" + "\n" * KB200 + "def f(x):\n    return x\n```",
    "blank lines in a fence without a def": "```\n" + "\n" * KB200 + "```",
    "blank lines in a python fence without the function": "```python\n" + "\n" * KB200 + "```",
    "unclosed fence with spaces": "```" + " " * KB200,
    "many latex python blocks": r"\begin{python}" * 20_000,
    "spaces after def": "def" + " " * KB200,
    "many fences": "```\n" * 50_000,
    "huge completion": "x" * 5_000_000 + "\n```python\ndef f(x):\n    return x\n```",
}


@pytest.mark.parametrize("name", sorted(CODE_HOSTILE))
def test_code_extraction_is_linear(name):
    t = time.monotonic()
    extract_code(CODE_HOSTILE[name], "f")
    assert time.monotonic() - t < OVERHEAD_S, name


def test_code_extraction_still_finds_the_function():
    code, how = extract_code(CODE_HOSTILE["blank lines in a fence"], "f")
    assert code is not None and code.startswith("def f(x):") and "defining" in how


# ----------------------------------------------------------------------------------------- concurrency

# Legitimate sympy work just under the 10,000-character answer cap that takes more than a second: 700
# logarithms evaluated exactly at every sample point (1.3-1.8 s on one quiet core here). The verifier got
# faster than an older 249-term rational sum, which now finishes inside the limit; keep this one slow.
_PRIMES = [p for p in range(2, 6000) if all(p % d for d in range(2, int(p**0.5) + 1))][:700]
SLOW = r"\boxed{" + "+".join(rf"\ln({p}x+y)" for p in _PRIMES) + "}"


def test_eight_threads_slow_and_honest():
    """4 threads keep the workers busy with checks that run into the time limit, 4 threads send honest
    answers: every honest answer is `correct`, and every call returns within the bound."""
    results: list[tuple[str, str, float]] = []
    lock = threading.Lock()

    def caller(kind: str) -> None:
        for _ in range(3):
            t = time.monotonic()
            if kind == "slow":
                v = verify(SLOW, "x", symbols=["x", "y"], timeout=TIMEOUT)
            else:
                v = verify(r"\boxed{\frac{e^4}{12\pi s}}", r"\frac{e^{4}}{12 \pi s}", symbols=["e", "s"],
                           timeout=TIMEOUT)
            with lock:
                results.append((kind, v.status, time.monotonic() - t))

    threads = [threading.Thread(target=caller, args=(k,)) for k in ["slow", "honest"] * 4]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    assert len(results) == 24
    honest = [r for r in results if r[0] == "honest"]
    assert [r[1] for r in honest] == ["correct"] * 12, honest
    assert all(r[1] == "timeout" for r in results if r[0] == "slow")
    worst = max(r[2] for r in results)
    assert worst < BOUND, f"slowest call {worst:.2f} s"


def test_batch_checks_get_their_full_time_when_they_start(monkeypatch):
    """A call with more checks than its workers: queued checks are not charged for the wait."""
    monkeypatch.setenv("QFTDATA_VERIFY_WORKERS", "2")
    from qftdata.verify import verify_batch

    completions = [SLOW, SLOW, r"\boxed{x}", r"\boxed{x}"]
    out = verify_batch(completions, "x", symbols=["x", "y"], timeout=TIMEOUT / 2)  # SLOW: > 2x this limit
    assert [v.status for v in out] == ["timeout", "timeout", "correct", "correct"]
