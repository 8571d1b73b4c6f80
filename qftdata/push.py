"""`qftdata push`: validate a dataset folder, then publish it as a Hub dataset repo.

The token comes from where `huggingface_hub` always looks (`HF_TOKEN`, `huggingface-cli login`'s store).
`upload_files` is the exact list `upload_folder` sends (same ignore patterns), so `--dry-run` shows
precisely what a real push would upload.

>>> plan = push("qft-reason", "me/qft-reason", dry_run=True)   # doctest: +SKIP
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["IGNORE_PATTERNS", "PushError", "PushResult", "push", "upload_files"]

# Build caches and VCS metadata never go to the Hub.
IGNORE_PATTERNS = [".cache/*", ".git/*", "*/.git/*", "*.tmp", "*/__pycache__/*", ".DS_Store", "*/.DS_Store"]


class PushError(RuntimeError):
    """Publishing cannot go on (invalid dataset, offline, Hub error); the message says why."""


@dataclass
class PushResult:
    repo_id: str
    files: list[tuple[str, int]]
    dry_run: bool
    url: str | None = None
    report: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def total_bytes(self) -> int:
        return sum(size for _, size in self.files)


def upload_files(folder: str | Path) -> list[tuple[str, int]]:
    """(relative posix path, size in bytes) of every file `upload_folder` would send, sorted."""
    from huggingface_hub.utils import filter_repo_objects

    root = Path(folder)
    rel = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    kept = filter_repo_objects(rel, ignore_patterns=IGNORE_PATTERNS)
    return [(r, (root / r).stat().st_size) for r in kept]


def push(folder: str | Path, repo_id: str, *, private: bool = False, dry_run: bool = False,
         verify: bool = True, token: str | None = None, commit_message: str | None = None,
         validator=None) -> PushResult:
    """Validate `folder`; unless `dry_run`, create the dataset repo and upload the folder.

    Raises PushError when validation fails (nothing is uploaded) or the Hub cannot be reached.
    validator: optional callable(folder) -> Report (tests); default `qftdata.validate.validate`.
    """
    from qftdata.dataset_io import HUB_ID
    from qftdata.validate import validate

    root = Path(folder)
    if not root.is_dir():
        raise PushError(f"{folder}: no such folder; give the dataset folder written by `qftdata build`")
    if not HUB_ID.match(repo_id):
        raise PushError(f"--repo-id {repo_id!r} must be of the form org/name")
    report = validator(root) if validator else validate(root, verify=verify)
    if not report.ok:
        raise PushError(f"{folder} fails validation ({len(report.errors)} errors), nothing uploaded; first: "
                        f"{report.errors[0]}; `qftdata validate {folder}` lists them all")
    files = upload_files(root)
    result = PushResult(repo_id=repo_id, files=files, dry_run=dry_run, report=report)
    if dry_run:
        return result
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in {"1", "true", "yes", "on"}:
        raise PushError("HF_HUB_OFFLINE is set: cannot publish (unset it, or use --dry-run)")
    from huggingface_hub import create_repo, upload_folder

    try:
        url = create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True, token=token)
        upload_folder(repo_id=repo_id, folder_path=str(root), repo_type="dataset", token=token,
                      ignore_patterns=IGNORE_PATTERNS,
                      commit_message=commit_message or f"Upload {root.name} with qftdata push")
    except Exception as exc:
        raise PushError(f"publishing to datasets/{repo_id} failed: {type(exc).__name__}: {exc}") from exc
    result.url = str(url)
    return result
