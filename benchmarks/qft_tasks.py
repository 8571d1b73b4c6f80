"""lighteval custom tasks for qft-reason: a thin re-export of `qftdata.lighteval_tasks` (the module ships
inside the package, so an installed `qft-reason[eval]` works without this checkout).

    lighteval accelerate "model_name=PATH,system_prompt=..." qft --custom-tasks benchmarks/qft_tasks.py
    qftdata lighteval accelerate "model_name=PATH" qft          # preferred: sets prompt, caches, offline
"""

from qftdata.lighteval_tasks import *  # noqa: F403
from qftdata.lighteval_tasks import TASKS_TABLE, VerifierScore, qft_prompt, verifier_metric

__all__ = ["TASKS_TABLE", "VerifierScore", "qft_prompt", "verifier_metric"]
