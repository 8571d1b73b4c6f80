"""Build the qft-reason dataset folder (a Hub dataset repo) and add configs to it.

>>> from qftdata.build import build, add_config
>>> result = build("qft-reason", n_per_family=500, seed=0, num_proc=2)   # doctest: +SKIP
>>> add_config("qft-reason", "traces", {"train": rows})                 # doctest: +SKIP
"""

from qftdata.build.folder import (
    add_config,
    content_hash,
    read_card,
    scan_configs,
    update_card_configs,
    write_config,
)
from qftdata.build.pipeline import (
    SPLIT_FRACTIONS,
    BuildError,
    BuildResult,
    ProjectVerifier,
    build,
    choose_ood_families,
    split_for_group,
)

__all__ = ["SPLIT_FRACTIONS", "BuildError", "BuildResult", "ProjectVerifier", "add_config", "build",
           "choose_ood_families", "content_hash", "read_card", "scan_configs", "split_for_group",
           "update_card_configs", "write_config"]
