"""lighteval (0.13) custom tasks for qft-reason, graded by this project's verifier.

    lighteval accelerate "model_name=PATH" qft --custom-tasks qftdata.lighteval_tasks
    qftdata lighteval accelerate "model_name=PATH" qft,qft_ood --max-samples 50      # same, offline-safe

Tasks (`TASKS_TABLE`), all generative, zero-shot:

* `qft` (config `problems`, split `test`), `qft_ood` (`problems/test_ood`);
* `qft_<level>` for each of `schema.LEVELS` with `-` written `_` (`problems/test` rows of that level);
* `xphysics` (config `xphysics`, split `test`);
* `tpbench_style`: rows in TPBench's public format (`$QFT_TPBENCH_PATH`: a Hub id or a folder of
  .json/.jsonl/.parquet files, default the Hub's ZhiqiGao/TPBench; split `$QFT_TPBENCH_SPLIT`, default
  `train`), turned into code-answer records by `qftdata.importers.tpbench.convert` (rows it cannot convert
  are skipped with a warning).

`hf_repo` is `$QFT_DATASET` (default `qft-reason`): a Hub id or a folder written by `qftdata build`.
The user turn is `qftdata.prompts.user_content(record)`, the words training uses; the system prompt
(`qftdata.prompts.SYSTEM_PROMPT`) is a model setting in lighteval, which `qftdata lighteval` sets.

The metric grades every sample with `qftdata.verify.verify_records` against the record's answer, answer
type, symbols, tolerance, choices, assumptions and code (carried in `Doc.specific`), so answers are
compared case-sensitively with the record's declared symbols. It reports `succ` (mean over the samples of
a problem, averaged over problems: the paper's Succ) and, when `$QFT_LIGHTEVAL_NUM_SAMPLES` = n > 1,
`pass@n` (unbiased estimator of Chen et al. 2021; with k = n it is "any sample correct", the paper's
Bo-n). lighteval's own `PassAtK` cannot be reused: it rebuilds the `Doc` without `specific`. Samples the
verifier could not grade (`qftdata.evaluate.NOT_GRADED`: code not executed without bubblewrap) are left
out of both, as in `qftdata eval`, with a logged count; a problem with none graded is left out of the mean.

Environment knobs (read when the module is imported): `QFT_DATASET`, `QFT_TPBENCH_PATH`,
`QFT_TPBENCH_SPLIT`, `QFT_LIGHTEVAL_NUM_SAMPLES` (default 1), `QFT_LIGHTEVAL_MAX_NEW_TOKENS` (default
8192, as `qftdata eval`), `QFT_LIGHTEVAL_VERIFY_TIMEOUT` (seconds per check, default 5).
"""

from __future__ import annotations

import functools
import json
import logging
import os
from typing import Any

import numpy as np

try:
    from lighteval.metrics.metrics_sample import SampleLevelComputation, SamplingMetric
    from lighteval.metrics.utils.metric_utils import SampleLevelMetricGrouping
    from lighteval.models.model_output import ModelResponse
    from lighteval.tasks.lighteval_task import LightevalTaskConfig
    from lighteval.tasks.requests import Doc, SamplingMethod
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise ImportError("qftdata.lighteval_tasks needs lighteval 0.13: pip install 'qft-reason[eval]'") from exc

from qftdata.prompts import user_content
from qftdata.schema import LEVELS

__all__ = ["DATASET_ENV", "TASKS_TABLE", "VerifierScore", "level_task_name", "qft_prompt", "tpbench_prompt",
           "verifier_metric"]

logger = logging.getLogger(__name__)

DATASET_ENV = "QFT_DATASET"
TPBENCH_ENV = "QFT_TPBENCH_PATH"
TPBENCH_SPLIT_ENV = "QFT_TPBENCH_SPLIT"
NUM_SAMPLES_ENV = "QFT_LIGHTEVAL_NUM_SAMPLES"
MAX_NEW_TOKENS_ENV = "QFT_LIGHTEVAL_MAX_NEW_TOKENS"
VERIFY_TIMEOUT_ENV = "QFT_LIGHTEVAL_VERIFY_TIMEOUT"

# What the verifier reads from a record (schema.Problem field names, as `qftdata.verify.record_kwargs` does):
# `domain` is the physical region of the symbols, `problem` the statement a numeric answer's unit is read from.
VERIFY_FIELDS = ("answer", "answer_type", "symbols", "tolerance", "choices", "assumptions", "code", "domain",
                 "problem")
INFO_FIELDS = ("id", "family", "category", "level", "source")


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"${name} must be an integer, got {raw!r}") from None
    if value < 1:
        raise ValueError(f"${name} must be >= 1, got {value}")
    return value


# --------------------------------------------------------------------------------------------- prompts
def _doc(record: dict[str, Any], task_name: str | None) -> Doc:
    specific = {name: record.get(name) for name in VERIFY_FIELDS + INFO_FIELDS}
    specific["symbols"] = list(specific["symbols"] or [])
    specific["choices"] = list(specific["choices"] or [])
    specific["tolerance"] = float(specific["tolerance"] or 0.0)
    specific["assumptions"] = specific["assumptions"] or "{}"
    specific["code"] = specific["code"] or ""
    specific["domain"] = specific["domain"] or "[]"  # folders written before schema 2 have no domain column
    specific["problem"] = specific["problem"] or ""
    return Doc(task_name=task_name or "", query=user_content(record), choices=[str(record["answer"])],
               gold_index=0, specific=specific)


def qft_prompt(line: dict[str, Any], task_name: str | None = None) -> Doc:
    """A dataset row (schema.Problem columns) -> Doc: the training prompt's user turn; the gold and every
    field the verifier needs in `specific`."""
    for name in ("problem", "answer", "answer_type"):
        if not isinstance(line.get(name), str):
            raise ValueError(f"{task_name}: row {line.get('id', line.get('__index'))!r}: field {name!r} "
                             "missing or not a string (is hf_repo a qft-reason dataset?)")
    return _doc(line, task_name)


def tpbench_prompt(line: dict[str, Any], task_name: str | None = None) -> Doc | None:
    """A row in TPBench's public format -> Doc, through `qftdata.importers.tpbench.convert` (which runs the
    reference implementation in the sandbox to get the expected outputs). Rows it cannot convert: None."""
    from qftdata.importers.common import RowError
    from qftdata.importers.tpbench import convert

    row = {k: v for k, v in line.items() if not k.startswith("__")}
    label = str(row.get("problem_id") or row.get("id") or line.get("__index"))
    try:
        record = convert(row, file=os.environ.get(TPBENCH_ENV, "tpbench"), label=label)
    except RowError as exc:
        logger.warning("tpbench_style: skipping row %s: %s: %s", label, exc.field, exc.message)
        return None
    return _doc(record.to_dict(), task_name)


# --------------------------------------------------------------------------------------------- metric
class VerifierScore(SamplingMetric, SampleLevelComputation):
    """Grades the `n` samples of one problem with the project verifier; returns `succ` (= c/n) and, for
    n > 1, `pass@n`. Every sample gets a verdict within `timeout` seconds (the verifier's own limit)."""

    def __init__(self, n: int = 1, timeout: float = 5.0):
        super().__init__()
        if n < 1:
            raise ValueError(f"VerifierScore: n must be >= 1, got {n}")
        self.n = n
        self.timeout = timeout

    def num_samples(self) -> int:
        return self.n

    def metric_names(self) -> list[str]:
        return ["succ"] + ([f"pass@{self.n}"] if self.n > 1 else [])

    def verdicts(self, doc: Doc, model_response: ModelResponse) -> list[Any]:
        from qftdata.verify import verify_records

        record = dict(doc.specific or {})
        if "answer" not in record:
            raise ValueError(f"doc {doc.id} of {doc.task_name}: Doc.specific carries no record (not a qft task)")
        texts = [t or "" for t in list(model_response.final_text)[: self.n]]
        return verify_records(texts, [record] * len(texts), timeout=self.timeout) if texts else []

    def compute(self, doc: Doc, model_response: ModelResponse, **kwargs: Any) -> dict[str, float]:
        from qftdata.evaluate import NOT_GRADED, pass_at_k

        every = self.verdicts(doc, model_response)
        verdicts = [v for v in every if v.status not in NOT_GRADED]  # no verdict: neither right nor wrong
        if len(verdicts) < len(every):
            logger.warning("%s %s: %d of %d samples not graded (%s), left out of succ and pass@n", doc.task_name,
                           doc.id, len(every) - len(verdicts), len(every), ", ".join(sorted(NOT_GRADED)))
            if not verdicts:  # no rate for this problem: NaN, which the corpus mean (nanmean) skips
                return dict.fromkeys(self.metric_names(), float("nan"))
        n, c = len(verdicts), sum(bool(v) for v in verdicts)
        if n == 0:
            return dict.fromkeys(self.metric_names(), 0.0)
        out = {"succ": c / n}
        if self.n > 1:
            out[f"pass@{self.n}"] = pass_at_k(n, c, min(self.n, n))
        return out


def _mean_of_graded(values: list[float]) -> float:
    """Mean over the problems that have a rate (NaN: none of its samples could be graded)."""
    graded = [v for v in values if not np.isnan(v)]
    return float(np.mean(graded)) if graded else float("nan")


def verifier_metric(n: int = 1, timeout: float = 5.0) -> SampleLevelMetricGrouping:
    """The lighteval metric: `succ` (+ `pass@n`), each averaged over problems."""
    fn = VerifierScore(n=n, timeout=timeout)
    names = fn.metric_names()
    return SampleLevelMetricGrouping(metric_name=names, higher_is_better=dict.fromkeys(names, True),
                                     category=SamplingMethod.GENERATIVE, sample_level_fn=fn,
                                     corpus_level_fn=dict.fromkeys(names, _mean_of_graded))


# --------------------------------------------------------------------------------------------- tasks
def _level_is(level: str, row: dict[str, Any]) -> bool:
    return row.get("level") == level


def level_task_name(level: str) -> str:
    """`advanced-undergraduate` -> `qft_advanced_undergraduate`."""
    return "qft_" + level.replace("-", "_")


def _tasks() -> list[LightevalTaskConfig]:
    dataset = os.environ.get(DATASET_ENV, "qft-reason")
    n = _env_int(NUM_SAMPLES_ENV, 1)
    max_new_tokens = _env_int(MAX_NEW_TOKENS_ENV, 8192)
    timeout = float(os.environ.get(VERIFY_TIMEOUT_ENV, "5") or 5)
    common = dict(generation_size=max_new_tokens, stop_sequence=[], few_shots_split=None,
                  few_shots_select=None, version=1)

    def task(name: str, repo: str, subset: str, split: str, prompt=qft_prompt, **extra: Any) -> LightevalTaskConfig:
        return LightevalTaskConfig(name=name, prompt_function=prompt, hf_repo=repo, hf_subset=subset,
                                   hf_avail_splits=[split], evaluation_splits=[split],
                                   metrics=[verifier_metric(n, timeout)], **common, **extra)

    tasks = [task("qft", dataset, "problems", "test"), task("qft_ood", dataset, "problems", "test_ood")]
    tasks += [task(level_task_name(level), dataset, "problems", "test",
                   hf_filter=functools.partial(_level_is, level)) for level in LEVELS]
    tasks.append(task("xphysics", dataset, "xphysics", "test"))
    from qftdata.importers.tpbench import HUB_ID

    tpbench = os.environ.get(TPBENCH_ENV) or HUB_ID
    tasks.append(task("tpbench_style", tpbench, "default", os.environ.get(TPBENCH_SPLIT_ENV) or "train",
                      prompt=tpbench_prompt))
    return tasks


TASKS_TABLE = _tasks()


def describe() -> str:
    """One line per task (name, dataset, config/split) for `qftdata lighteval --list`."""
    return "\n".join(f"{t.name:<28} {t.hf_repo} [{t.hf_subset}/{','.join(t.evaluation_splits)}]"
                     + (" level filter" if t.hf_filter is not None else "") for t in TASKS_TABLE)


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps([t.name for t in TASKS_TABLE]))
