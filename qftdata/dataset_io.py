"""Load a dataset config from a Hub id or a local `qftdata build` folder, never from a stale cache.

`datasets` 5.2 caches a local folder's Arrow conversion under the folder's *name*, not its path or its
content: rebuilding `qft-reason/` (or loading another folder also called `data/`) silently returns the old
rows. Every local load therefore re-reads the parquet files (cheap: they are already columnar).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def load(name: str, config: str | None = None, **kwargs: Any):
    """`datasets.load_dataset(name, config)`, forcing a fresh read when `name` is a local folder."""
    from datasets import load_dataset

    path = Path(name).expanduser()
    if path.is_dir():
        kwargs.setdefault("download_mode", "force_redownload")
        # The split sizes recorded with the stale cache entry are not this folder's: don't compare them.
        kwargs.setdefault("verification_mode", "no_checks")
        name = str(path)
    return load_dataset(name, config, **kwargs)
