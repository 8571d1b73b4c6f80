"""Load a dataset config from a Hub id or a local `qftdata build` folder, never from a stale cache.

`datasets` 5.2 caches a local folder's Arrow conversion under the folder's *name*, not its path or its
content: rebuilding `qft-reason/` (or loading another folder also called `data/`) silently returns the old
rows, and even a forced re-read keeps the old folder's *features* (the builder restores them from the
cache entry's `dataset_info.json` before it reads anything), so a column that was all-null there fails with
"Couldn't cast array of type string to null". Every local load therefore gets its own cache folder, keyed
by the folder's path and the size and modification time of its files (`_local_cache_dir`), and re-reads the
parquet files (cheap: they are already columnar); cache folders of older contents of the same folder are
removed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path
from typing import Any

__all__ = ["HUB_ID", "load", "load_hub", "local_folder", "target_folder"]

HUB_ID = re.compile(r"^[\w.-]+/[\w.-]+$")


def _offline() -> bool:
    return any(os.environ.get(v, "").lower() in {"1", "true", "yes", "on"}
               for v in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE"))


def local_folder(name: str, flag: str = "--dataset") -> Path | None:
    """The local dataset folder `name` names, or None when `name` can only be a Hub id (org/name).

    A name that is neither an existing folder nor of the Hub's org/name form is a mistyped path: it raises
    `UserError` here instead of reaching `load_dataset`, which would ask the Hub for a repo of that name."""
    from qftdata.errors import UserError

    path = Path(name).expanduser()
    if path.is_dir():
        return path
    if path.exists():
        raise UserError(f"{name}: not a folder ({flag} takes a dataset folder written by `qftdata build`, "
                        "or a Hub id org/name)")
    if not HUB_ID.match(name) or name.startswith((".", "/", "~")):
        raise UserError(f"{name}: no such dataset folder; check the path, build it with `qftdata build --out "
                        f"{name}`, or give {flag} a Hub id of the form org/name")
    return None


def target_folder(path: str, flag: str = "--dataset-dir") -> str:
    """An existing dataset folder (or an empty folder) that a verb adds configs to: a mistyped path must not
    become a new, half-empty folder that then fails `qftdata validate`. Shared by every --dataset-dir."""
    from qftdata.errors import UserError

    root = Path(path)
    if not root.is_dir():
        raise UserError(f"{path}: no such dataset folder ({flag} adds configs to a folder written by `qftdata "
                        "build`, or to an empty folder you created); check the path")
    if any(root.iterdir()) and not (root / "README.md").is_file() and not (root / "data").is_dir():
        raise UserError(f"{path}: not a dataset folder (no README.md card, no data/); give the folder written by "
                        "`qftdata build`")
    return path


def load_hub(name: str, config: str | None = None, **kwargs: Any):
    """`datasets.load_dataset` for a Hub id, any failure (offline and not cached, no such repo or config)
    turned into one `UserError` line that says what to do."""
    from datasets import load_dataset

    from qftdata.errors import UserError, one_line

    try:
        return load_dataset(name, config, **kwargs)
    except Exception as exc:  # noqa: BLE001 - datasets raises many types; the user needs one line
        hint = ("HF_HUB_OFFLINE is set and it is not in the local cache: pass a local folder, or unset "
                "HF_HUB_OFFLINE" if _offline() else "check the id, the config name and your network/token")
        raise UserError(f"{name}: no such local folder, and loading it as a Hub dataset"
                        f"{f' (config {config!r})' if config else ''} failed ({type(exc).__name__}: "
                        f"{one_line(exc)[:200]}); {hint}") from exc


def load(name: str, config: str | None = None, **kwargs: Any):
    """`datasets.load_dataset(name, config)`, forcing a fresh read when `name` is a local folder; a name
    that is neither a folder nor a Hub id raises `UserError` (it is never sent to the Hub)."""
    from datasets import load_dataset

    path = local_folder(name)
    if path is None:
        return load_hub(name, config, **kwargs)
    kwargs.setdefault("cache_dir", _local_cache_dir(path))
    kwargs.setdefault("download_mode", "force_redownload")
    # The split sizes recorded with the stale cache entry are not this folder's: don't compare them.
    kwargs.setdefault("verification_mode", "no_checks")
    return load_dataset(str(path), config, **kwargs)


def _local_cache_dir(folder: Path) -> str:
    """`datasets`' cache folder for this content of `folder`: `<HF_DATASETS_CACHE>/qftdata-local/<path
    key>/<content key>`. The content key covers every file (hidden folders such as `.cache` aside) by
    relative path, size and modification time, so a rebuilt folder never meets the features of its previous
    build; the entries of earlier contents of the same folder are removed (best effort)."""
    from datasets import config as datasets_config

    root = folder.resolve()
    stats = sorted((str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*")
                   if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts))
    place = Path(datasets_config.HF_DATASETS_CACHE) / "qftdata-local" / _key(str(root))
    current = place / _key(repr(stats))
    if place.is_dir():
        for old in place.iterdir():
            if old != current:
                shutil.rmtree(old, ignore_errors=True)
    return str(current)


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
