"""The dataset folder as a Hub dataset repo: parquet shards under `data/<config>/` and the card's `configs:`.

Layout: `data/<config>/<split>-00000-of-0000N.parquet`. The card's YAML `configs:` is always rewritten
from the folders present under `data/`, so commands that add a config (`traces`, `human`, ...) only call
`add_config` and the card follows.

Parquet is written with pyarrow directly (no timestamps, fixed row-group size, the `datasets` features in
the schema metadata), so one set of rows always gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from qftdata.schema import dumps

__all__ = ["CARD", "DATA", "DEFAULT_CONFIG", "SPLIT_ORDER", "add_config", "content_hash", "problem_features",
           "read_card", "scan_configs", "sft_features", "update_card_configs", "write_card", "write_config"]

DATA = "data"
CARD = "README.md"
DEFAULT_CONFIG = "problems"
SPLIT_ORDER = ("train", "validation", "test", "test_ood")
SHARD_ROWS = 50_000
ROW_GROUP_ROWS = 1_000
_SHARD = re.compile(r"^(?P<split>\w+(?:\.\w+)*)-(?P<i>\d{5})-of-(?P<n>\d{5})\.parquet$")
_NAME = re.compile(r"^\w+(?:[.-]\w+)*$")
CONFIGS_BEGIN = "<!-- configs:begin (rewritten by qftdata from data/) -->"
CONFIGS_END = "<!-- configs:end -->"


def _chat_feature():
    from datasets import List, Value

    return List({"role": Value("string"), "content": Value("string")})


def problem_features():
    """Features of a `problems`-style config: every schema column, then the conversational `prompt`."""
    from datasets import Features

    from qftdata.schema import features

    return Features({**features(), "prompt": _chat_feature()})


def sft_features():
    """Features of the `sft` config: the record's identity and the `messages` conversation."""
    from datasets import Features, Value

    return Features({"id": Value("string"), "family": Value("string"), "category": Value("string"),
                     "level": Value("string"), "answer": Value("string"), "messages": _chat_feature()})


def _split_key(split: str) -> tuple[int, str]:
    return (SPLIT_ORDER.index(split), "") if split in SPLIT_ORDER else (len(SPLIT_ORDER), split)


def _infer_features(rows: Sequence[Mapping[str, Any]]):
    from datasets import Dataset

    from qftdata.schema import Problem

    schema_cols = [f for f in Problem.__dataclass_fields__]
    keys = set(rows[0])
    if set(schema_cols) <= keys and keys <= set(schema_cols) | {"prompt"}:
        feats = problem_features()
        if "prompt" not in keys:
            del feats["prompt"]
        return feats
    return Dataset.from_list([dict(r) for r in rows]).features


def _with_optional_defaults(rows: list, columns: Sequence[str]) -> list:
    """Rows read from a folder written before a schema column existed (`schema.OPTIONAL_FIELDS`, e.g.
    `domain`) get that column's default, so merging new records into an old config writes '[]', not null."""
    from qftdata.schema import OPTIONAL_FIELDS, Problem

    fill = {c: Problem.__dataclass_fields__[c].default for c in OPTIONAL_FIELDS if c in columns}
    if not fill or all(c in r for r in rows for c in fill):
        return rows
    return [{**fill, **r} for r in rows]


def write_config(folder: str | Path, config: str, splits: Mapping[str, Any], features=None,
                 shard_rows: int = SHARD_ROWS) -> dict[str, int]:
    """(Re)write `data/<config>/`: one set of shards per non-empty split. Returns split -> rows.

    `splits` maps split name -> list of row dicts or a `datasets.Dataset`. Empty splits are skipped
    (`datasets` cannot read an empty parquet file); `features` defaults to the Dataset's features or to
    the schema (+ `prompt`) when the rows are problem records, else to what `datasets` infers.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not _NAME.match(config):
        raise ValueError(f"config name {config!r} must be letters, digits, '_', '.' or '-'")
    target = Path(folder) / DATA / config
    prepared: dict[str, list] = {}
    counts: dict[str, int] = {}
    for split in sorted(splits, key=_split_key):
        if not re.match(r"^\w+(\.\w+)*$", split):
            raise ValueError(f"split name {split!r} must match \\w+(\\.\\w+)* (a `datasets` rule)")
        rows = splits[split]
        feats = features
        if hasattr(rows, "features") and hasattr(rows, "to_list"):
            feats = feats or rows.features
            rows = rows.to_list()
        rows = list(rows)
        if not rows:
            continue
        n_shards = max(1, -(-len(rows) // shard_rows))
        tables = []
        try:
            schema = (feats or _infer_features(rows)).arrow_schema
            rows = _with_optional_defaults(rows, schema.names)
            for i in range(n_shards):
                chunk = rows[i * shard_rows:(i + 1) * shard_rows]
                tables.append(pa.Table.from_pylist([dict(r) for r in chunk], schema=schema))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, KeyError, ValueError) as exc:
            raise ValueError(f"config {config}, split {split}: rows do not fit one set of features "
                             f"(every column needs one type in every row): {exc}") from exc
        prepared[split] = tables
        counts[split] = len(rows)
    if target.exists():
        shutil.rmtree(target)
    for split, tables in prepared.items():
        target.mkdir(parents=True, exist_ok=True)
        for i, table in enumerate(tables):
            pq.write_table(table, target / f"{split}-{i:05d}-of-{len(tables):05d}.parquet",
                           row_group_size=ROW_GROUP_ROWS, compression="zstd", compression_level=3)
    return counts


def scan_configs(folder: str | Path) -> dict[str, dict[str, list[str]]]:
    """config -> split -> shard paths (relative, posix) for every `data/<config>/<split>-i-of-n.parquet`."""
    root = Path(folder)
    found: dict[str, dict[str, list[str]]] = {}
    data = root / DATA
    if not data.is_dir():
        return found
    for cfg_dir in sorted(p for p in data.iterdir() if p.is_dir() and not p.name.startswith(".")):
        splits: dict[str, list[str]] = {}
        for f in sorted(cfg_dir.glob("*.parquet")):
            m = _SHARD.match(f.name)
            if m:
                splits.setdefault(m["split"], []).append(f.relative_to(root).as_posix())
        if splits:
            found[cfg_dir.name] = dict(sorted(splits.items(), key=lambda kv: _split_key(kv[0])))
    if DEFAULT_CONFIG in found:
        found = {DEFAULT_CONFIG: found.pop(DEFAULT_CONFIG), **found}
    return found


def _configs_yaml(folder: str | Path) -> list[dict[str, Any]]:
    out = []
    for cfg, splits in scan_configs(folder).items():
        entry: dict[str, Any] = {"config_name": cfg}
        if cfg == DEFAULT_CONFIG:
            entry["default"] = True
        entry["data_files"] = [{"split": s, "path": f"{DATA}/{cfg}/{s}-*"} for s in splits]
        out.append(entry)
    return out


def split_rows(folder: str | Path) -> dict[str, dict[str, int]]:
    """config -> split -> rows, read from the parquet footers."""
    import pyarrow.parquet as pq

    root = Path(folder)
    return {cfg: {s: sum(pq.ParquetFile(root / p).metadata.num_rows for p in paths)
                  for s, paths in splits.items()}
            for cfg, splits in scan_configs(root).items()}


def configs_table(folder: str | Path) -> str:
    rows = ["| config | split | rows | files |", "|---|---|---:|---|"]
    counts = split_rows(folder)
    for cfg, splits in scan_configs(folder).items():
        for s, paths in splits.items():
            rows.append(f"| `{cfg}` | `{s}` | {counts[cfg][s]} | `{DATA}/{cfg}/{s}-*` ({len(paths)}) |")
    return "\n".join(rows)


def read_card(folder: str | Path) -> tuple[dict[str, Any], str]:
    """(YAML metadata, Markdown body) of `README.md`; raises ValueError if the YAML is broken."""
    import yaml

    path = Path(folder) / CARD
    if not path.exists():
        return {}, ""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        raise ValueError(f"{CARD}: YAML front matter is not closed by a '---' line")
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"{CARD}: YAML front matter does not parse: {exc}") from exc
    if not isinstance(meta, dict):
        raise ValueError(f"{CARD}: YAML front matter is not a mapping")
    return meta, text[end + 5:]


def write_card(folder: str | Path, meta: dict[str, Any], body: str) -> None:
    import yaml

    header = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    Path(folder, CARD).write_text(f"---\n{header}---\n{body.lstrip(chr(10))}", encoding="utf-8")


def update_card_configs(folder: str | Path) -> list[dict[str, Any]]:
    """Rewrite the card's `configs:` (and its configs table, between the markers) from `data/`.

    A folder without a card gets a minimal one. Returns the new `configs` list.
    """
    meta, body = read_card(folder)
    configs = _configs_yaml(folder)
    meta["configs"] = configs
    if CONFIGS_BEGIN in body and CONFIGS_END in body:
        head, rest = body.split(CONFIGS_BEGIN, 1)
        _, tail = rest.split(CONFIGS_END, 1)
        body = f"{head}{CONFIGS_BEGIN}\n{configs_table(folder)}\n{CONFIGS_END}{tail}"
    elif not body:
        body = f"# {Path(folder).resolve().name}\n\n{CONFIGS_BEGIN}\n{configs_table(folder)}\n{CONFIGS_END}\n"
    write_card(folder, meta, body)
    return configs


def add_config(folder: str | Path, config_name: str, splits: Mapping[str, Any], features=None) -> dict[str, int]:
    """Add (or replace) config `config_name` in a dataset folder and update the card's `configs:`.

    The public hook for commands that add views later (`traces`, `human`, `llm_synthetic`, `imported`):

    >>> add_config("qft-reason", "traces", {"train": rows})   # doctest: +SKIP

    `splits`: split name -> list of row dicts (one type per column) or a `datasets.Dataset`.
    Returns split -> rows written.
    """
    counts = write_config(folder, config_name, splits, features=features)
    update_card_configs(folder)
    return counts


def content_hash(folder: str | Path, configs: Sequence[str] | None = None) -> str:
    """sha256 over canonical rows (sorted-key JSON, file order) of `configs` (default: all), in config
    and split order: independent of the parquet writer, equal whenever the rows are equal."""
    import pyarrow.parquet as pq

    digest = hashlib.sha256()
    for cfg, splits in scan_configs(folder).items():
        if configs is not None and cfg not in configs:
            continue
        for split, paths in splits.items():
            digest.update(f"# {cfg}/{split}\n".encode())
            for p in paths:
                for row in pq.read_table(Path(folder) / p).to_pylist():
                    digest.update(dumps(row).encode())
                    digest.update(b"\n")
    return digest.hexdigest()
