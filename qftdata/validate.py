"""`qftdata validate`: check any dataset folder (ours or a user's) or Hub dataset id before it is used.

Checks, each problem reported as `file:row id: field: what is wrong` (file-level problems as
`file: field: what is wrong`):

* card: `README.md` present, YAML front matter parses, required keys (`REQUIRED_CARD_KEYS`), `configs`
  well formed (names, one default, split names, data_files patterns that match files);
* files vs card: every parquet file under `data/` belongs to a config, every config split has files;
* required columns per config (`required_columns`): problem-record configs (`PROBLEM_CONFIGS`, or any
  config with problem/answer/solution columns) every schema column, `sft` / `traces` / `sft_traces` their
  columns and `messages`, `difficulty` its key columns; one error per file names every missing column. A
  column newer than the folder (`schema.OPTIONAL_FIELDS`: `domain`) is a warning that says what to do;
* types: every file of a config has the same columns, one type per column; problem columns have the
  schema's arrow type (plus `prompt`); `sft`-style files carry well-formed `messages`;
* rows: `schema.validation_errors` per row (types, allowed values, JSON columns, unknown answer_type);
  ids unique across all problem-record files; `prompt` is [system, user];
* golds: every row's worked solution verifies against its own gold with the project verifier;
* splits: the `problems` config has train/validation/test; no `test_ood` family appears in `train`
  (nor any family listed as held out in `build_info.json`); `xphysics` holds only `xphysics.*` families.

>>> report = validate("qft-reason")          # doctest: +SKIP
>>> report.ok, report.errors[:1]             # doctest: +SKIP
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["PROBLEM_CONFIGS", "REQUIRED_CARD_KEYS", "Issue", "Report", "ValidateError", "config_kind",
           "required_columns", "resolve", "validate"]

REQUIRED_CARD_KEYS = ("license", "language", "task_categories", "configs")
RECOMMENDED_CARD_KEYS = ("pretty_name", "size_categories", "tags")
PROBLEM_SPLITS = ("train", "validation", "test")
_SPLIT = re.compile(r"^\w+(\.\w+)*$")
# Configs of problem records (schema.Problem columns) written by build, synth, adapt and import.
PROBLEM_CONFIGS = ("problems", "xphysics", "human", "llm_synthetic", "imported")
CHAT_CONFIGS = ("sft", "traces", "sft_traces")
PROBLEM_MARKERS = frozenset({"problem", "answer", "answer_type", "solution"})
_HUB_ID = re.compile(r"^[\w.-]+/[\w.-]+$")


class ValidateError(RuntimeError):
    """The target cannot be validated at all (missing folder, Hub unreachable)."""


@dataclass
class Issue:
    file: str
    field: str
    message: str
    row: int | None = None
    id: str | None = None

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row} {self.id or '?'}"
        return f"{where}: {self.field}: {self.message}"


@dataclass
class Report:
    path: str
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, file: str, fld: str, message: str, row: int | None = None, id: str | None = None) -> None:
        self.errors.append(Issue(file, fld, message, row, id))

    def warn(self, file: str, fld: str, message: str, row: int | None = None, id: str | None = None) -> None:
        self.warnings.append(Issue(file, fld, message, row, id))

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "ok": self.ok, "n_errors": len(self.errors), "n_warnings": len(self.warnings),
                "errors": [asdict(e) | {"text": str(e)} for e in self.errors],
                "warnings": [asdict(w) | {"text": str(w)} for w in self.warnings], "stats": self.stats}


def resolve(target: str | Path, revision: str | None = None) -> Path:
    """A local folder, or a Hub dataset id downloaded with `huggingface_hub.snapshot_download`."""
    path = Path(target)
    if path.is_dir():
        return path
    if path.exists():
        raise ValidateError(f"{target}: not a folder")
    if not _HUB_ID.match(str(target)):
        raise ValidateError(f"{target}: no such folder (and not a Hub id of the form org/name)")
    import os

    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(repo_id=str(target), repo_type="dataset", revision=revision))
    except Exception as exc:
        offline = os.environ.get("HF_HUB_OFFLINE", "").lower() in {"1", "true", "yes", "on"}
        hint = (" HF_HUB_OFFLINE is set and the dataset is not in the local Hub cache; unset HF_HUB_OFFLINE "
                "or pass a local folder." if offline else " Check the id, your network and your token.")
        raise ValidateError(f"{target}: not a local folder and cannot be fetched from the Hub "
                            f"({type(exc).__name__}).{hint}") from exc


# ---------------------------------------------------------------------------------------------- card


def _data_files(entry: Any) -> list[tuple[str, list[str]]] | str:
    """Normalise a config's `data_files` to [(split, [patterns])], or return an error message."""
    df = entry.get("data_files") if isinstance(entry, dict) else None
    if isinstance(df, str):
        return [("train", [df])]
    if isinstance(df, dict):
        return [(str(s), [p] if isinstance(p, str) else list(p)) for s, p in df.items()]
    if isinstance(df, list) and all(isinstance(x, str) for x in df):
        return [("train", list(df))]
    if isinstance(df, list):
        out = []
        for x in df:
            if not isinstance(x, dict) or "split" not in x or "path" not in x:
                return "each data_files entry needs 'split' and 'path'"
            p = x["path"]
            out.append((str(x["split"]), [p] if isinstance(p, str) else list(p)))
        return out
    return "missing or not a list"


def _check_card(root: Path, report: Report) -> dict[str, dict[str, list[str]]]:
    """Card checks; returns config -> split -> matched files (relative paths)."""
    from qftdata.build.folder import CARD, read_card

    if not (root / CARD).exists():
        report.error(CARD, "card", "missing (a Hub dataset repo needs README.md with YAML configs)")
        return {}
    try:
        meta, _ = read_card(root)
    except ValueError as exc:
        report.error(CARD, "yaml", str(exc).removeprefix(f"{CARD}: "))
        return {}
    if not meta:
        report.error(CARD, "yaml", "no YAML front matter (--- ... ---) at the top")
        return {}
    for key in REQUIRED_CARD_KEYS:
        if key not in meta or meta[key] in (None, "", []):
            report.error(CARD, key, "required card metadata key is missing or empty")
    for key in RECOMMENDED_CARD_KEYS:
        if key not in meta:
            report.warn(CARD, key, "recommended card metadata key is missing")
    configs = meta.get("configs") or []
    if not isinstance(configs, list):
        report.error(CARD, "configs", "must be a list of {config_name, data_files}")
        return {}
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                   if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts))
    resolved: dict[str, dict[str, list[str]]] = {}
    defaults = 0
    for i, entry in enumerate(configs):
        name = entry.get("config_name") if isinstance(entry, dict) else None
        where = f"configs[{name or i}]"
        if not isinstance(name, str) or not name:
            report.error(CARD, where, "config_name missing")
            continue
        if name in resolved:
            report.error(CARD, where, "duplicate config_name")
            continue
        defaults += bool(entry.get("default"))
        spec = _data_files(entry)
        if isinstance(spec, str):
            report.error(CARD, f"{where}.data_files", spec)
            continue
        resolved[name] = {}
        for split, patterns in spec:
            if not _SPLIT.match(split):
                report.error(CARD, f"{where}.data_files[{split}]", r"split name must match \w+(\.\w+)*")
            matched = sorted({f for pat in patterns for f in files if fnmatch.fnmatchcase(f, pat)})
            if not matched:
                report.error(CARD, f"{where}.data_files[{split}]",
                             f"pattern {patterns[0] if len(patterns) == 1 else patterns!r} matches no file "
                             "(missing split file)")
            resolved[name].setdefault(split, []).extend(matched)
    if defaults > 1:
        report.error(CARD, "configs", f"{defaults} configs are marked default: true (at most one)")
    listed = {f for splits in resolved.values() for fs in splits.values() for f in fs}
    for f in files:
        if f.startswith("data/") and f.endswith(".parquet") and f not in listed:
            report.error(f, "configs", "data file is not listed in any card config (load_dataset would skip it)")
    return resolved


# ---------------------------------------------------------------------------------------------- rows


def _expected_types() -> dict[str, Any]:
    from qftdata.build.folder import problem_features, sft_features

    types = {f.name: f.type for f in problem_features().arrow_schema}
    types["messages"] = sft_features().arrow_schema.field("messages").type
    return types


def _chat_columns(config: str) -> tuple[str, ...]:
    from qftdata.build.folder import sft_features
    from qftdata.traces import SFT_TRACE_COLUMNS, TRACE_COLUMNS

    known = {"sft": tuple(sft_features()), "traces": (*TRACE_COLUMNS, "messages"),
             "sft_traces": SFT_TRACE_COLUMNS}
    return known.get(config, ("messages",))


def config_kind(config: str, columns: set[str]) -> str:
    """What a config's files hold: "problem" records, "chat" rows (`messages`), the key-only "difficulty"
    table, or "other". Known config names decide; otherwise the columns do, so a user's problem file that
    lacks `answer` is still checked as a problem file (and reported), not skipped."""
    if config in PROBLEM_CONFIGS:
        return "problem"
    if config in CHAT_CONFIGS or "messages" in columns:
        return "chat"
    if config == "difficulty" or {"id", "pass_rate"} <= columns:
        return "difficulty"
    if columns & PROBLEM_MARKERS:
        return "problem"
    return "other"


def required_columns(config: str, kind: str) -> tuple[str, ...]:
    """The columns every file of `config` must have (`qftdata validate` reports the missing ones)."""
    from qftdata.schema import OPTIONAL_FIELDS, Problem
    from qftdata.traces import DIFFICULTY_COLUMNS

    if kind == "problem":
        return tuple(f for f in Problem.__dataclass_fields__ if f not in OPTIONAL_FIELDS)
    if kind == "chat":
        return _chat_columns(config)
    if kind == "difficulty":
        return DIFFICULTY_COLUMNS
    return ()


def _check_required_columns(config: str, kind: str, cols: set[str], file: str, report: Report) -> None:
    """One error per file naming every missing required column; a missing optional (newer) schema column
    is a warning that says what to do (old folders still load, with the column's default)."""
    from qftdata.schema import OPTIONAL_FIELDS, SCHEMA_VERSION

    missing = [c for c in required_columns(config, kind) if c not in cols]
    if missing:
        what = {"problem": "a problem record", "chat": f"a `{config}` row", "difficulty": "a difficulty row"}[kind]
        report.error(file, ",".join(missing),
                     f"required column(s) missing from config {config!r}: {', '.join(missing)} ({what} needs "
                     f"{', '.join(required_columns(config, kind))}); add them, or rebuild the config with the "
                     "qftdata command that writes it")
    if kind == "problem":
        for name in sorted(OPTIONAL_FIELDS - cols):
            report.warn(file, name, f"column missing: written before schema {SCHEMA_VERSION}; it loads with the "
                                    f"default ({name} = '[]', no physical region for the verifier). Rebuild with "
                                    "`qftdata build` to add it")


def _column_set_message(cols: set[str], first: set[str], first_file: str) -> str:
    parts = []
    if first - cols:
        parts.append(f"lacks {', '.join(sorted(first - cols))}")
    if cols - first:
        parts.append(f"adds {', '.join(sorted(cols - first))}")
    return (f"{' and '.join(parts)} compared with {first_file}: every file of a config needs the same columns "
            "(load_dataset fails with a features mismatch); rewrite the files with one schema")


def _check_chat(value: Any, roles: tuple[str, ...] | None) -> str | None:
    if not isinstance(value, list) or not value:
        return "expected a non-empty list of {role, content}"
    for m in value:
        if not isinstance(m, dict) or not isinstance(m.get("role"), str) or not isinstance(m.get("content"), str):
            return "every message needs string 'role' and 'content'"
        if m["role"] not in ("system", "user", "assistant"):
            return f"unknown role {m['role']!r}"
        if not m["content"].strip():
            return f"empty {m['role']} message"
    got = tuple(m["role"] for m in value)
    if roles is not None and got != roles:
        return f"expected roles {list(roles)}, got {list(got)}"
    if roles is None and (got[-1] != "assistant" or "user" not in got):
        return f"expected a user turn and a final assistant turn, got {list(got)}"
    return None


def validate(target: str | Path, *, verify: bool = True, timeout: float = 10.0,
             revision: str | None = None, verifier=None) -> Report:
    """Validate a dataset folder or Hub dataset id; see the module docstring for the checks.

    verifier: rows -> [(ok, status, reason)] (default: the project verifier, `ProjectVerifier`).
    """
    import pyarrow.parquet as pq

    from qftdata.dedup import family_answer_key
    from qftdata.schema import Problem, validation_errors

    root = resolve(target, revision)
    report = Report(path=str(target))
    configs = _check_card(root, report)
    expected = _expected_types()
    schema_cols = list(Problem.__dataclass_fields__)

    seen_ids: dict[str, str] = {}
    families: dict[tuple[str, str], set[str]] = defaultdict(set)  # (config, split) -> families
    family_rows: list[tuple[str, str, str, int, str, str]] = []  # config, split, file, row, id, family
    answers: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)  # (config, split) -> (family, answer)
    split_ids: dict[tuple[str, str], set[str]] = defaultdict(set)  # (config, split) -> ids
    to_verify: list[tuple[str, int, dict]] = []
    counts: dict[str, dict[str, int]] = {}
    col_sets: dict[str, tuple[set[str], str]] = {}  # config -> (columns of its first file, that file)
    for cfg, splits in configs.items():
        col_types: dict[str, tuple[Any, str]] = {}
        sft_ids: set[str] = set()
        counts[cfg] = {}
        for split, files in splits.items():
            counts[cfg][split] = 0
            for f in files:
                if not f.endswith(".parquet"):
                    report.warn(f, "file", "not parquet: contents not checked")
                    continue
                try:
                    table = pq.read_table(root / f)
                except Exception as exc:
                    report.error(f, "parquet", f"cannot be read: {exc}")
                    continue
                counts[cfg][split] += table.num_rows
                for fld in table.schema:
                    prev = col_types.setdefault(fld.name, (fld.type, f))
                    if prev[0] != fld.type:
                        report.error(f, fld.name, f"column type {fld.type} differs from {prev[0]} in {prev[1]}")
                cols = set(table.column_names)
                first_cols = col_sets.setdefault(cfg, (cols, f))
                if cols != first_cols[0]:
                    report.error(f, "columns", _column_set_message(cols, *first_cols))
                kind = config_kind(cfg, cols)
                is_problem, is_chat = kind == "problem", kind == "chat"
                _check_required_columns(cfg, kind, cols, f, report)
                for name in (schema_cols + ["prompt"] if is_problem else []) + (["messages"] if is_chat else []):
                    if name in cols and table.schema.field(name).type != expected[name]:
                        report.error(f, name, f"column type is {table.schema.field(name).type}, "
                                              f"expected {expected[name]}")
                if is_problem:
                    for name in sorted(cols - set(schema_cols) - {"prompt"}):
                        report.warn(f, name, "column is not part of the problem schema")
                rows = table.to_pylist()
                for i, row in enumerate(rows):
                    rid = row.get("id") if isinstance(row.get("id"), str) else None
                    if is_problem:
                        rec = {k: v for k, v in row.items() if k in schema_cols}
                        errs = validation_errors(rec)
                        for e in errs:
                            fld, _, msg = e.partition(": ")
                            if not msg.endswith("missing") or fld in cols:
                                report.error(f, fld, msg, i, rid)
                        if rid:
                            if rid in seen_ids:
                                report.error(f, "id", f"duplicate id (first in {seen_ids[rid]})", i, rid)
                            else:
                                seen_ids[rid] = f"{f}:{i}"
                        if "prompt" in row:
                            msg = _check_chat(row["prompt"], ("system", "user"))
                            if msg:
                                report.error(f, "prompt", msg, i, rid)
                        if isinstance(row.get("family"), str):
                            families[(cfg, split)].add(row["family"])
                            family_rows.append((cfg, split, f, i, rid or "?", row["family"]))
                            if isinstance(row.get("answer"), str):
                                answers[(cfg, split)].add(family_answer_key(row))
                        if rid:
                            split_ids[(cfg, split)].add(rid)
                        if not errs and verify:
                            to_verify.append((f, i, rec))
                    elif is_chat:
                        msg = _check_chat(row["messages"], None) if "messages" in row else None  # else reported
                        if msg:
                            report.error(f, "messages", msg, i, rid)
                        if rid:
                            if rid in sft_ids:
                                report.error(f, "id", f"duplicate id in config {cfg}", i, rid)
                            sft_ids.add(rid)
                            split_ids[(cfg, f"messages:{split}")].add(rid)

    _check_splits(root, configs, families, family_rows, report)
    # Soft checks (warnings): answer leaks between train and evaluation splits, sft rows without a problem.
    for (cfg, split), keys in sorted(answers.items()):
        if split != "train" and (cfg, "train") in answers:
            shared = len(keys & answers[(cfg, "train")])
            if shared:
                report.warn(f"configs[{cfg}]", split, f"{shared} (family, answer) pairs also occur in train")
    if "sft" in configs and "problems" in configs:
        for split in configs["sft"]:
            orphans = split_ids.get(("sft", f"messages:{split}"), set()) - split_ids.get(("problems", split), set())
            if orphans:
                report.warn("configs[sft]", split, f"{len(orphans)} ids are not in problems/{split}")
    if to_verify:
        _verify_golds(to_verify, timeout, report, verifier)
    report.stats = {"configs": counts, "problem_rows": len(seen_ids), "verified": len(to_verify) if verify else 0}
    return report


def _check_splits(root: Path, configs: dict, families: dict, family_rows: list, report: Report) -> None:
    from qftdata.build.folder import CARD

    if "problems" in configs:
        for split in PROBLEM_SPLITS:
            if split not in configs["problems"]:
                report.error(CARD, "configs[problems]", f"split {split!r} missing")
    declared: set[str] = set()
    info = root / "build_info.json"
    if info.exists():
        try:
            declared = set(json.loads(info.read_text(encoding="utf-8")).get("ood_families", []))
        except (json.JSONDecodeError, AttributeError) as exc:
            report.error("build_info.json", "json", f"does not parse: {exc}")
    for cfg in configs:
        held_out = families.get((cfg, "test_ood"), set()) | (declared if cfg == "problems" else set())
        for c, split, f, i, rid, fam in family_rows:
            if c == cfg and split == "train" and fam in held_out:
                report.error(f, "family", f"held-out (test_ood) family {fam!r} appears in train", i, rid)
            if c == "xphysics" and c == cfg and not fam.startswith("xphysics."):
                report.error(f, "family", f"{fam!r} is not a cross-physics (xphysics.*) family", i, rid)


def _verify_golds(items: list[tuple[str, int, dict]], timeout: float, report: Report, verifier=None) -> None:
    if verifier is None:
        from qftdata.build.pipeline import ProjectVerifier

        try:
            import qftdata.verify  # noqa: F401
        except ImportError as exc:
            report.warn("-", "verify", f"project verifier unavailable, golds not checked: {exc}")
            return
        verifier = ProjectVerifier(timeout)
    try:
        verdicts = verifier([rec for _, _, rec in items])
    except Exception as exc:  # the verifier itself failed: say so once, not once per row
        report.error("-", "verify", f"gold self-verification could not run: {type(exc).__name__}: {exc}")
        return
    for (f, i, rec), (ok, status, reason) in zip(items, verdicts, strict=True):
        if not ok:
            report.error(f, "answer", f"gold does not self-verify against the row's solution "
                                      f"({status}: {reason})", i, rec.get("id"))
