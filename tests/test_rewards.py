"""TRL reward functions: signature, values, None for broken golds, pickling, threads, registry."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

from qftdata.rewards import (
    REWARDS,
    AccuracyReward,
    accuracy_reward,
    format_reward,
    get_reward,
    think_format_reward,
)

GOLD = r"\frac{e^4}{12\pi s}"


def _trl_kwargs(n):
    """What GRPOTrainer 1.16 passes besides completions and the dataset columns."""
    logged = {}
    return {"prompts": [[{"role": "user", "content": "?"}]] * n, "completion_ids": [[1, 2]] * n,
            "trainer_state": object(), "log_extra": lambda k, v: logged.__setitem__(k, v),
            "log_metric": lambda *a, **k: None}, logged


def test_accuracy_strings_and_conversations():
    completions = [r"\boxed{e^4/(12\pi s)}",
                   [{"role": "assistant", "content": r"\boxed{\frac{e^4}{6\pi s}}"}],
                   "no answer",
                   [{"role": "assistant", "content": r"\boxed{\frac{1}{2}}"}]]
    extra, logged = _trl_kwargs(4)
    out = accuracy_reward(completions=completions, answer=[GOLD, GOLD, GOLD, r"\frac{"],
                          symbols=[["e", "s"]] * 4, answer_type=["expression"] * 4, tolerance=[0.0] * 4,
                          choices=[[]] * 4, assumptions=["{}"] * 4, code=[""] * 4, id=["a", "b", "c", "d"],
                          **extra)
    assert out == [1.0, 0.0, 0.0, None]
    assert logged["verifier_status"][:3] == ["correct", "incorrect", "no_answer"]


def test_accuracy_numeric_and_categorical_columns():
    out = accuracy_reward([r"\boxed{0.0073}", r"\boxed{B}"], answer=["0.0072973525693", "Vector"],
                          answer_type=["numeric", "categorical"], tolerance=[0.05, 0.0],
                          choices=[[], ["Scalar", "Vector"]], symbols=[[], []])
    assert out == [1.0, 1.0]


def test_accuracy_without_answer_column_skips():
    assert accuracy_reward(["\\boxed{1}"]) == [None]


def test_format_rewards():
    assert format_reward([r"so $\boxed{x}$.", r"\boxed{x} but then more text", r"\boxed{x", "none",
                          [{"role": "assistant", "content": r"\boxed{1}"}]]) == [1.0, 0.0, 0.0, 0.0, 1.0]
    assert think_format_reward(["<think>a</think>\\boxed{1}", "\\boxed{1}", "<think>a</think> no box",
                                "<think>a</think><think>b</think>\\boxed{1}"]) == [1.0, 0.0, 0.0, 0.0]


@pytest.mark.parametrize("name", sorted(REWARDS))
def test_registry_pickling_and_names(name):
    fn = get_reward(name)
    assert fn.__name__ == name
    clone = pickle.loads(pickle.dumps(fn))
    assert clone.__name__ == name
    assert clone([r"<think>so</think> \boxed{x}"], answer=["x"], symbols=[["x"]]) == [1.0]
    with pytest.raises(ValueError, match="unknown reward"):
        get_reward("nope")


def test_rewards_from_worker_threads():
    reward = AccuracyReward(timeout=2.0)

    def call(k):
        return reward([rf"\boxed{{{k}m}}", r"\boxed{m}"], answer=[f"{k}m", f"{k}m"], symbols=[["m"], ["m"]])

    with ThreadPoolExecutor(3) as ex:
        results = list(ex.map(call, [2, 3, 4]))
    assert results == [[1.0, 0.0]] * 3


def test_accuracy_reads_domain_and_statement_columns():
    """TRL passes every dataset column: `domain` (the physical region) and `problem` (a numeric answer's unit)
    change the verdict, and a record whose region is empty is skipped (None)."""
    split_root = r"\boxed{\sqrt{s-4m^2}\sqrt{s-4M^2}}"
    gold = r"\sqrt{(s-4m^2)(s-4M^2)}"
    extra, _ = _trl_kwargs(3)
    out = accuracy_reward(completions=[split_root] * 3, answer=[gold] * 3, symbols=[["s", "m", "M"]] * 3,
                          domain=['["s > 4*m^2", "s > 4*M^2"]', "[]", '["s > 1", "s < 0"]'], **extra)
    assert out == [1.0, 0.0, None]
    out = accuracy_reward([r"\boxed{3200\,\mathrm{MeV}}", r"\boxed{3.2\,\mathrm{MeV}}"], answer=["3.2", "3.2"],
                          answer_type=["numeric"] * 2, problem=["What is the mass? Give it in GeV."] * 2)
    assert out == [1.0, 0.0]
