"""The sampling engine shared by `qftdata traces` and `qftdata eval`: k completions per problem, each
graded by the verifier, stored as append-only parquet shards that make every run resumable.

Layout of a run directory::

    RUN/manifest.json                   what is being sampled (model, backend, sampling, dataset, split)
    RUN/shards/part-000000-<uid>.parquet  one file per chunk of problems, written to a .tmp then renamed

A shard appears whole or not at all (tmp + `os.replace`), and the shards are the only record of progress:
on restart the engine reads the `(id, sample_index)` pairs already present and samples only the missing
ones, so a run killed at any point continues with no sample lost or duplicated. A restart with a
different model, backend, sampling parameters or dataset is refused (use a new directory or
`overwrite=True`); raising `k` is allowed and samples the extra indices.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
import sys
import time
import uuid
import zlib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from qftdata.models import Backend, ChatRequest, SamplingParams

__all__ = ["SAMPLE_COLUMNS", "Grader", "RunMismatch", "ShardStore", "default_system_prompt",
           "load_problem_rows", "load_samples", "request_for", "require_samples", "run_sampling",
           "stratified_sample"]

MANIFEST = "manifest.json"
SHARDS = "shards"

DEFAULT_SYSTEM_PROMPT = (
    "You are an expert in quantum field theory and theoretical physics. Reason step by step, then give "
    "the final answer as a single expression in \\boxed{}.")

# Column -> pyarrow type name; the order is the column order of every shard.
SAMPLE_COLUMNS: dict[str, str] = {
    "id": "string", "dataset": "string", "config": "string", "split": "string", "family": "string",
    "category": "string", "level": "string", "answer_type": "string", "sample_index": "int32",
    "prompt": "string", "completion": "string", "finish_reason": "string", "prompt_tokens": "int64",
    "completion_tokens": "int64", "status": "string", "correct": "bool_", "reason": "string",
    "extracted": "string", "gold": "string", "model": "string", "backend": "string", "sampling": "string",
    "grader": "string", "timestamp": "string",
}


class RunMismatch(ValueError):
    """The output directory holds a run with different settings (the message says which, and what to do)."""


# ---------------------------------------------------------------------------------------------------
# Dataset input
# ---------------------------------------------------------------------------------------------------
def _readme_data_files(folder: Path, config: str, split: str) -> list[Path]:
    """Files for (config, split) from the README's YAML `configs:` block, if it lists them."""
    readme = folder / "README.md"
    if not readme.is_file():
        return []
    text = readme.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return []
    import yaml

    try:
        meta = yaml.safe_load(text.split("---", 2)[1]) or {}
    except yaml.YAMLError:
        return []
    for entry in meta.get("configs") or []:
        if entry.get("config_name") != config:
            continue
        data_files = entry.get("data_files") or []
        if isinstance(data_files, dict):
            data_files = [{"split": s, "path": p} for s, p in data_files.items()]
        for df in data_files:
            if isinstance(df, dict) and df.get("split") == split:
                paths = df.get("path")
                paths = paths if isinstance(paths, list) else [paths]
                return sorted(p for pattern in paths for p in folder.glob(pattern))
    return []


def _read_parquet_rows(path: Path, dataset: str) -> list[dict[str, Any]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from qftdata.errors import UserError, one_line

    try:
        return pq.read_table(path).to_pylist()
    except (OSError, pa.ArrowException) as exc:
        raise UserError(f"{path}: cannot be read as parquet ({one_line(exc)[:160]}); rebuild the folder, or find "
                        f"the damage with `qftdata validate {dataset}`") from exc


def load_problem_rows(dataset: str, config: str, split: str, max_problems: int | None = None
                      ) -> list[dict[str, Any]]:
    """Rows of one (config, split) from a local dataset folder (`qftdata build` layout) or a Hub id.

    A local folder is read straight from its parquet files (found through the README's `configs:` block,
    else `data/<config>/<split>-*.parquet`); a Hub id goes to `datasets.load_dataset`; a name that is
    neither is refused (`qftdata.dataset_io.local_folder`), never looked up on the Hub. `max_problems`
    takes a stratified sample (`stratified_sample`), not the first rows.
    """
    from qftdata.dataset_io import load_hub, local_folder
    from qftdata.errors import UserError

    folder = local_folder(dataset)
    if folder is not None:
        files = _readme_data_files(folder, config, split) or sorted(
            (folder / "data" / config).glob(f"{split}-*.parquet"))
        if not files:
            raise FileNotFoundError(f"{dataset}: no parquet files for config {config!r}, split {split!r} "
                                    f"(looked in README.md configs and data/{config}/{split}-*.parquet); "
                                    "check --config/--splits")
        located = [(f, i, r) for f in files for i, r in enumerate(_read_parquet_rows(f, dataset))]
    else:
        where = f"{dataset} [{config}/{split}]"
        located = [(where, i, r) for i, r in enumerate(load_hub(dataset, config, split=split).to_list())]
    seen: dict[str, str] = {}
    for f, i, row in located:
        rid = row.get("id") if isinstance(row.get("id"), str) else "?"
        for name in ("id", "answer"):
            if not isinstance(row.get(name), str):
                raise UserError(f"{f}:{i} {rid}: {name}: missing or not a string (every problem row needs a "
                                f"string id and answer); check the folder with `qftdata validate {dataset}`")
        if "prompt" not in row and not isinstance(row.get("problem"), str):
            raise UserError(f"{f}:{i} {rid}: problem: missing or not a string, and no prompt column (a row needs "
                            f"one of them); check the folder with `qftdata validate {dataset}`")
        if rid in seen:
            raise UserError(f"{f}:{i} {rid}: id: duplicate id (first at {seen[rid]}); ids must be unique")
        seen[rid] = f"{f}:{i}"
    rows = [r for _, _, r in located]
    return stratified_sample(rows, max_problems) if max_problems is not None else rows


def _hash_key(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _round_robin(seqs: list[list[Any]]) -> list[Any]:
    """[[a1, a2], [b1], [c1, c2]] -> [a1, b1, c1, a2, c2]."""
    out: list[Any] = []
    for depth in range(max((len(s) for s in seqs), default=0)):
        out += [s[depth] for s in seqs if depth < len(s)]
    return out


def stratified_sample(rows: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """`n` rows spread evenly over families, and within a family over levels; deterministic.

    Families take turns (in an order fixed by a hash of the family name, so a small `n` is not all from the
    alphabetically first families); a family's turn goes to its levels in turn, and within one (family,
    level) the rows are taken in the order of a hash of their id. `n` >= len(rows) keeps every row. The
    result keeps the rows' original order.
    """
    if n < 0:
        raise ValueError(f"--max-problems must be >= 0, got {n}")
    if n >= len(rows):
        return list(rows)
    from qftdata.schema import LEVELS

    by_family: dict[str, dict[str, list[int]]] = {}
    for i, row in enumerate(rows):
        by_family.setdefault(str(row.get("family") or ""), {}).setdefault(str(row.get("level") or ""), []).append(i)
    level_rank = {lv: j for j, lv in enumerate(LEVELS)}
    per_family = []
    for family in sorted(by_family, key=lambda f: (_hash_key(f), f)):
        levels = by_family[family]
        queues = [sorted(levels[lv], key=lambda i: (_hash_key(str(rows[i]["id"])), i))
                  for lv in sorted(levels, key=lambda lv: (level_rank.get(lv, len(LEVELS)), lv))]
        per_family.append(_round_robin(queues))
    chosen = set(_round_robin(per_family)[:n])
    return [row for i, row in enumerate(rows) if i in chosen]


def default_system_prompt() -> str:
    return DEFAULT_SYSTEM_PROMPT


def _problem_fields(row: dict[str, Any]) -> dict[str, Any]:
    from dataclasses import fields

    from qftdata.schema import Problem

    return {f.name: row[f.name] for f in fields(Problem) if f.name in row}


def request_for(row: dict[str, Any], system_prompt: str | None = None) -> ChatRequest:
    """The chat request of a row: its `prompt` column if present, else `qftdata.prompts.build_prompt`,
    else a built-in system + user prompt. `system_prompt` replaces the system message."""
    prompt = row.get("prompt")
    if isinstance(prompt, str) and prompt.strip().startswith("["):
        prompt = json.loads(prompt)
    if isinstance(prompt, list) and prompt:
        request = ChatRequest(prompt)
    else:
        messages = None
        try:
            from qftdata.prompts import build_prompt
        except ImportError:
            build_prompt = None
        if build_prompt is not None:
            built = build_prompt(_problem_fields(row))
            messages = built.get("prompt", built.get("messages")) if isinstance(built, dict) else built
        if not messages:
            messages = [{"role": "system", "content": DEFAULT_SYSTEM_PROMPT},
                        {"role": "user", "content": row["problem"]}]
        request = ChatRequest(messages)
    return request.with_system(system_prompt)


# ---------------------------------------------------------------------------------------------------
# Grading
# ---------------------------------------------------------------------------------------------------
class Grader:
    """Grades a completion against a row with `qftdata.verify.verify_record` under a per-call time limit.

    Never raises: a verifier crash becomes status "error" with the exception in `reason`. If the verifier
    package is missing, falls back to comparing the last `\\boxed{}` string with the gold answer verbatim
    (`name == "exact-boxed"`, recorded in every row), which is only meant for plumbing tests.
    """

    def __init__(self, timeout: float = 5.0):
        self.timeout = timeout
        try:
            from qftdata.verify import verify_record
        except ImportError:
            verify_record = None
        try:
            from qftdata.verify import verify_records
        except ImportError:
            verify_records = None
        self._verify = verify_record
        self._verify_many = verify_records
        self.name = "qftdata.verify" if verify_record is not None else "exact-boxed"

    def grade_many(self, completions: list[str], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Grade a chunk at once (the verifier checks a batch in parallel worker processes, each check
        time-limited); falls back to one call per completion if the batch call fails."""
        if self._verify_many is not None and completions:
            try:
                verdicts = self._verify_many(completions, [_problem_fields(r) for r in rows], timeout=self.timeout)
                return [self._as_dict(v) for v in verdicts]
            except Exception as exc:  # noqa: BLE001 - retry one by one, each of which never raises
                import warnings

                warnings.warn(f"batch grading failed ({type(exc).__name__}: {exc}); grading one by one",
                              RuntimeWarning, stacklevel=2)
        return [self(c, r) for c, r in zip(completions, rows, strict=True)]

    @staticmethod
    def _as_dict(v: Any) -> dict[str, Any]:
        extracted = getattr(v, "extracted", None)
        return {"status": str(v.status), "correct": bool(v), "reason": str(getattr(v, "reason", "") or ""),
                "extracted": "" if extracted is None else str(extracted)}

    def __call__(self, completion: str, row: dict[str, Any]) -> dict[str, Any]:
        if self._verify is None:
            return _exact_boxed(completion, row["answer"])
        try:
            v = self._verify(completion, _problem_fields(row), timeout=self.timeout)
        except Exception as exc:  # noqa: BLE001 - a grader must always return a verdict
            return {"status": "error", "correct": False, "reason": f"{type(exc).__name__}: {exc}",
                    "extracted": ""}
        return self._as_dict(v)


def last_boxed(text: str) -> str | None:
    r"""Content of the last `\boxed{...}` (balanced braces), or None."""
    start = text.rfind("\\boxed{")
    if start < 0:
        return None
    depth, i = 0, start + len("\\boxed")
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[i + 1:j]
    return None


def _exact_boxed(completion: str, gold: str) -> dict[str, Any]:
    got = last_boxed(completion)
    if got is None:
        return {"status": "no_answer", "correct": False, "reason": "no \\boxed{} answer", "extracted": ""}
    ok = got.replace(" ", "") == gold.replace(" ", "")
    return {"status": "correct" if ok else "incorrect", "correct": ok,
            "reason": "exact match" if ok else "boxed string differs from gold", "extracted": got}


# ---------------------------------------------------------------------------------------------------
# Shards
# ---------------------------------------------------------------------------------------------------
def _arrow_schema():
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, t)()) for name, t in SAMPLE_COLUMNS.items()])


class ShardStore:
    """Append-only parquet shards in `RUN/shards/`; each write is atomic (tmp file + rename)."""

    def __init__(self, run_dir: str | Path):
        self.run_dir = Path(run_dir)
        self.dir = self.run_dir / SHARDS

    def files(self) -> list[Path]:
        return sorted(self.dir.glob("part-*.parquet")) if self.dir.is_dir() else []

    def clean_tmp(self) -> None:
        for tmp in self.dir.glob("*.tmp") if self.dir.is_dir() else []:
            tmp.unlink(missing_ok=True)

    def read(self, columns: list[str] | None = None):
        import pyarrow as pa
        import pyarrow.parquet as pq

        from qftdata.errors import UserError, one_line

        tables = []
        for f in self.files():
            try:
                tables.append(pq.read_table(f, columns=columns))
            except (OSError, pa.ArrowException) as exc:  # shards are written atomically: this one was damaged
                raise UserError(f"{f}: damaged sample shard ({one_line(exc)[:120]}); delete this file and rerun "
                                "the same command to sample its problems again") from exc
        if not tables:
            schema = _arrow_schema()
            return schema.empty_table() if columns is None else schema.empty_table().select(columns)
        return pa.concat_tables(tables)

    def done(self) -> dict[str, set[int]]:
        table = self.read(["id", "sample_index"])
        done: dict[str, set[int]] = {}
        for pid, idx in zip(table.column("id").to_pylist(), table.column("sample_index").to_pylist(),
                            strict=True):
            done.setdefault(pid, set()).add(int(idx))
        return done

    def write(self, rows: list[dict[str, Any]]) -> Path:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.dir.mkdir(parents=True, exist_ok=True)
        seq = len(self.files())
        final = self.dir / f"part-{seq:06d}-{uuid.uuid4().hex[:8]}.parquet"
        tmp = final.with_name(final.name + ".tmp")
        table = pa.Table.from_pylist(rows, schema=_arrow_schema())
        pq.write_table(table, tmp)
        with open(tmp, "rb") as fh:  # make the bytes durable before the rename publishes them
            os.fsync(fh.fileno())
        os.replace(tmp, final)
        return final


def require_samples(run_dir: str | Path, what: str = "a `qftdata traces` or `qftdata eval` output folder"):
    """`load_samples(run_dir)`, or `UserError` when the folder is missing or holds no samples."""
    from qftdata.errors import UserError

    root = Path(run_dir)
    if not root.is_dir():
        raise UserError(f"{root}: no such folder (expected {what}); check the path")
    samples = load_samples(root)
    if len(samples) == 0:
        raise UserError(f"{root}: no samples found (no {SHARDS}/part-*.parquet below it; expected {what})",
                        exit_code=1)
    return samples


def load_samples(run_dir: str | Path, dedupe: bool = True):
    """All samples of a run (or of every run below a directory) as a pandas DataFrame."""
    import pandas as pd

    root = Path(run_dir)
    runs = [root] if (root / SHARDS).is_dir() else sorted(p.parent for p in root.rglob(MANIFEST))
    frames = [ShardStore(r).read().to_pandas() for r in runs]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in SAMPLE_COLUMNS})
    df = pd.concat(frames, ignore_index=True)
    if dedupe:  # shards never overlap, but a hand-copied shard must not double-count
        df = df.drop_duplicates(["dataset", "config", "split", "id", "sample_index"], keep="first")
    return df.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------
# Manifest
# ---------------------------------------------------------------------------------------------------
IDENTITY_FIELDS = ("model", "backend", "sampling", "dataset", "config", "split", "system_prompt")


def _identity(backend: Backend, params: SamplingParams, dataset: str, config: str, split: str,
              system_prompt: str | None) -> dict[str, Any]:
    """What a run directory holds samples of: a restart must match it (IDENTITY_FIELDS)."""
    sampling = {**asdict(params)}
    sampling.pop("n", None)
    return {"model": backend.model, "backend": backend.name, "sampling": sampling, "dataset": dataset,
            "config": config, "split": split, "system_prompt": system_prompt}


def _check_identity(run_dir: Path, identity: dict[str, Any]) -> dict[str, Any] | None:
    """The manifest of `run_dir` (None if there is none); RunMismatch if it holds a different run."""
    path = run_dir / MANIFEST
    if not path.is_file():
        return None
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise RunMismatch(f"{path}: not valid JSON ({exc.msg}), so the run's settings are unknown; use another "
                          "--out, or --overwrite to discard this folder's samples") from exc
    diffs = [f for f in IDENTITY_FIELDS if old.get("identity", {}).get(f) != identity.get(f)]
    if diffs:
        detail = "; ".join(f"{f}: {old.get('identity', {}).get(f)!r} -> {identity.get(f)!r}" for f in diffs)
        raise RunMismatch(f"{run_dir} holds a different run ({detail}); use another --out, or --overwrite to "
                          "discard its samples")
    return old


def _check_manifest(run_dir: Path, identity: dict[str, Any], k: int, overwrite: bool) -> dict[str, Any]:
    path = run_dir / MANIFEST
    if overwrite and run_dir.exists():
        shutil.rmtree(run_dir / SHARDS, ignore_errors=True)
        path.unlink(missing_ok=True)
    old = _check_identity(run_dir, identity)
    if old is not None:
        manifest = old
        manifest["k"] = max(int(old.get("k", k)), k)
        manifest.setdefault("resumed", []).append(_now())
    else:
        manifest = {"format": 1, "identity": identity, "k": k, "created": _now()}
    _write_json(path, manifest)
    return manifest


def _write_json(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(obj, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------------------------------------------
# The engine
# ---------------------------------------------------------------------------------------------------
@dataclass
class RunStats:
    problems: int = 0
    samples_total: int = 0
    samples_before: int = 0
    samples_new: int = 0
    correct_new: int = 0
    shards_written: int = 0
    seconds: float = 0.0


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _chunk_seed(seed: int, first_id: str, first_index: int) -> int:
    """A seed that depends on the run seed and the chunk's content, not on how many restarts happened."""
    return (seed * 1_000_003 + zlib.crc32(f"{first_id}#{first_index}".encode())) % (2 ** 31 - 1)


def _grade(grader: Callable[..., dict[str, Any]], shard_rows: list[dict[str, Any]],
           problems: list[dict[str, Any]]) -> None:
    """Fill the verdict columns of a chunk, in one batch when the grader supports it."""
    completions = [r["completion"] for r in shard_rows]
    if hasattr(grader, "grade_many"):
        verdicts = grader.grade_many(completions, problems)
    else:
        verdicts = [grader(c, p) for c, p in zip(completions, problems, strict=True)]
    for r, v in zip(shard_rows, verdicts, strict=True):
        r.update(status=str(v["status"]), correct=bool(v["correct"]), reason=str(v.get("reason", "") or ""),
                 extracted=str(v.get("extracted", "") or ""))


def run_sampling(rows: list[dict[str, Any]], backend: Backend, params: SamplingParams, run_dir: str | Path,
                 *, k: int, dataset: str, config: str, split: str, chunk_size: int = 16,
                 grader: Callable[[str, dict[str, Any]], dict[str, Any]] | None = None,
                 system_prompt: str | None = None, overwrite: bool = False, progress: bool = True,
                 desc: str | None = None) -> RunStats:
    """Sample `k` completions for every row into `run_dir`, resuming whatever is already there.

    Problems are processed `chunk_size` at a time; each chunk is generated, graded and written as one
    shard. `params.n` is ignored (the engine asks for the missing samples of each problem).
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be >= 1, got {chunk_size}")
    run_dir = Path(run_dir)
    grader = grader or Grader()
    identity = _identity(backend, params, dataset, config, split, system_prompt)
    sampling = identity["sampling"]
    _check_manifest(run_dir, identity, k, overwrite)
    store = ShardStore(run_dir)
    store.clean_tmp()
    done = store.done()
    todo = [(row, sorted(set(range(k)) - done.get(row["id"], set()))) for row in rows]
    todo = [(row, missing) for row, missing in todo if missing]
    stats = RunStats(problems=len(rows), samples_total=len(rows) * k,
                     samples_before=sum(len(done.get(r["id"], set()) & set(range(k))) for r in rows))
    sampling_json = json.dumps(sampling, sort_keys=True)
    grader_name = getattr(grader, "name", type(grader).__name__)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=stats.samples_total, initial=stats.samples_before, unit="sample", dynamic_ncols=True,
                   desc=desc or f"{config}/{split}", smoothing=0.1)
    t0 = time.perf_counter()
    try:
        for chunk in _chunks(todo, chunk_size):
            shard_rows: list[dict[str, Any]] = []
            graded_rows: list[dict[str, Any]] = []  # the problem row of each shard row, for grading
            # Problems of a chunk usually all miss the same indices; group so each group is one call.
            groups: dict[tuple[int, ...], list[dict[str, Any]]] = {}
            for row, missing in chunk:
                groups.setdefault(tuple(missing), []).append(row)
            for missing, group in groups.items():
                requests = [request_for(r, system_prompt) for r in group]
                seed = _chunk_seed(params.seed, group[0]["id"], missing[0])
                outs = backend.generate(requests, params.replace(n=len(missing), seed=seed))
                stamp = _now()
                for row, req, comps in zip(group, requests, outs, strict=True):
                    if len(comps) != len(missing):
                        raise RuntimeError(f"backend {backend.name} returned {len(comps)} completions for "
                                           f"{row['id']}, expected {len(missing)}")
                    prompt_json = json.dumps(list(req.messages), ensure_ascii=False)
                    for idx, comp in zip(missing, comps, strict=True):
                        shard_rows.append({
                            "id": row["id"], "dataset": dataset, "config": config, "split": split,
                            "family": row.get("family") or "", "category": row.get("category") or "",
                            "level": row.get("level") or "", "answer_type": row.get("answer_type") or "",
                            "sample_index": idx, "prompt": prompt_json, "completion": comp.text,
                            "finish_reason": comp.finish_reason, "prompt_tokens": comp.prompt_tokens,
                            "completion_tokens": comp.completion_tokens, "gold": row["answer"],
                            "model": backend.model, "backend": backend.name, "sampling": sampling_json,
                            "grader": grader_name, "timestamp": stamp})
                        graded_rows.append(row)
            _grade(grader, shard_rows, graded_rows)
            store.write(shard_rows)
            stats.shards_written += 1
            stats.samples_new += len(shard_rows)
            stats.correct_new += sum(r["correct"] for r in shard_rows)
            if bar is not None:
                bar.update(len(shard_rows))
                bar.set_postfix(pass_rate=f"{stats.correct_new / max(stats.samples_new, 1):.1%}")
    finally:
        if bar is not None:
            bar.close()
        stats.seconds = time.perf_counter() - t0
    return stats


# ---------------------------------------------------------------------------------------------------
# Command-line plumbing shared by `qftdata traces` and `qftdata eval`
# ---------------------------------------------------------------------------------------------------
DEFAULT_CHUNK_SIZE = {"transformers": 16, "openai": 128, "vllm": 512}


INTERRUPTED = ("finished shards are kept (a shard is written whole or not at all): rerun the same command to "
               "resume")


def add_dataset_arguments(parser, *, splits: str) -> None:
    """`--dataset`, `--config` and `--splits` (what to read), shared by `qftdata traces` and `qftdata eval`."""
    from qftdata.cli import CommaList, DeprecatedAlias, comma_list

    parser.add_argument("--dataset", default="qft-reason",
                        help="dataset folder written by `qftdata build` (default ./qft-reason) or a Hub id org/name")
    parser.add_argument("--config", action="append", default=None,
                        help="dataset config(s) to read, comma-separated or repeated (default problems)")
    parser.add_argument("--splits", action=CommaList, nargs=None, default=comma_list(splits),
                        help=f"comma-separated splits to read (default {splits})")
    parser.add_argument("--split", dest="splits", action=DeprecatedAlias, instead="--splits", convert=comma_list,
                        help="deprecated spelling of --splits")


def configs_of(args) -> list[str]:
    """The --config values (repeated and/or comma-separated), default ["problems"]."""
    from qftdata.cli import comma_list

    return comma_list(args.config or ["problems"]) or ["problems"]


def add_sampling_arguments(parser, *, max_new_tokens: int, temperature: float, top_p: float) -> None:
    """Model, backend, dataset and sampling flags (one definition for both verbs)."""
    from qftdata.models import BACKENDS

    g = parser.add_argument_group("model")
    g.add_argument("--model", help="local model folder, the offline alias smollm2-135m-instruct, or a Hub id "
                                   "(for --backend openai: the served model name)")
    g.add_argument("--backend", choices=BACKENDS, default="transformers", help="sampling backend")
    g.add_argument("--system-prompt", default=None, help="replace the dataset prompt's system message")
    g.add_argument("--no-chat-template", action="store_true", help="join messages as plain text (base models)")
    g = parser.add_argument_group("sampling")
    g.add_argument("--k", type=int, default=5, help="samples per problem (default 5)")
    g.add_argument("--temperature", type=float, default=temperature,
                   help=f"sampling temperature, 0 = greedy (default {temperature})")
    g.add_argument("--top-p", type=float, default=top_p, help=f"nucleus sampling mass (default {top_p})")
    g.add_argument("--max-new-tokens", type=int, default=max_new_tokens,
                   help=f"generation limit per sample (default {max_new_tokens})")
    g.add_argument("--seed", type=int, default=0, help="sampling seed (default 0)")
    g.add_argument("--chunk-size", type=int, default=None,
                   help="problems per shard, the resume granularity (default: transformers 16, openai 128, "
                        "vllm 512: big enough to keep a server or vLLM's batch full)")
    g.add_argument("--max-problems", type=int, default=None,
                   help="at most N problems per split, a stratified sample spread over families and levels "
                        "(deterministic; smoke runs)")
    g.add_argument("--verify-timeout", type=float, default=5.0, help="seconds per verifier call")
    g.add_argument("--overwrite", action="store_true", help="discard samples already in the output folder")
    g.add_argument("--no-progress", action="store_true", help="no progress bar")
    g = parser.add_argument_group("backend options")
    g.add_argument("--base-url", default=None, help="openai: server URL, e.g. http://127.0.0.1:8000/v1")
    g.add_argument("--api-key", default=None, help="openai: key (default $OPENAI_API_KEY, else 'EMPTY')")
    g.add_argument("--concurrency", type=int, default=16, help="openai: parallel requests")
    g.add_argument("--request-timeout", type=float, default=600.0, help="openai: seconds per request")
    g.add_argument("--max-retries", type=int, default=6, help="openai: retries on 429/5xx/timeouts")
    g.add_argument("--n-per-request", type=int, default=None,
                   help="openai: at most this many choices per request (servers that reject or cap n)")
    g.add_argument("--max-tokens-field", default="max_tokens", choices=("max_tokens", "max_completion_tokens"),
                   help="openai: request field for the token limit (newer hosted models want max_completion_tokens)")
    g.add_argument("--device", default="auto", help="transformers: cuda, cpu, mps or auto")
    g.add_argument("--dtype", default="auto", help="transformers/vllm: auto, bfloat16, float16, float32")
    g.add_argument("--batch-size", type=int, default=8, help="transformers: prompts per generate call")
    g.add_argument("--tensor-parallel-size", type=int, default=1, help="vllm")
    g.add_argument("--max-model-len", type=int, default=None, help="vllm")
    g.add_argument("--gpu-memory-utilization", type=float, default=0.9, help="vllm")


class LazyBackend:
    """Builds the real backend on the first `generate`, so a resumed run with nothing left to sample
    does not load a model or contact a server."""

    def __init__(self, name: str, model: str, options: dict[str, Any]):
        self.name, self.model, self._options = name, model, options
        self._backend: Backend | None = None
        from qftdata.models import Usage

        self._idle_usage = Usage()

    @property
    def usage(self):
        return self._backend.usage if self._backend is not None else self._idle_usage

    def generate(self, requests, params):
        if self._backend is None:
            from qftdata.models import get_backend

            self._backend = get_backend(self.name, self.model, **self._options)
        return self._backend.generate(requests, params)

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()


def backend_from_args(args) -> Backend:
    """The (lazily built) backend of the sampling flags; a local model that does not exist is refused here,
    before anything is written."""
    from qftdata.errors import UserError
    from qftdata.models import check_model

    if not args.model:
        raise UserError("--model is required (a local model folder, the alias smollm2-135m-instruct, or for "
                        "--backend openai the served model name)")
    if args.backend in ("transformers", "vllm"):
        check_model(args.model)
    if args.backend == "transformers":  # a mistyped --device: refused now, not after the output folder exists
        from qftdata.models.transformers_backend import _pick_device

        _pick_device(args.device)
    for flag, value, low in (("--k", args.k, 1), ("--chunk-size", args.chunk_size, 1),
                             ("--batch-size", getattr(args, "batch_size", 1), 1)):
        if value is not None and value < low:
            raise UserError(f"{flag} must be >= {low}, got {value}")
    chat = not args.no_chat_template
    if args.backend == "transformers":
        opts = dict(device=args.device, dtype=args.dtype, batch_size=args.batch_size, chat_template=chat)
    elif args.backend == "openai":
        opts = dict(base_url=args.base_url, api_key=args.api_key or os.environ.get("OPENAI_API_KEY"),
                    concurrency=args.concurrency, timeout=args.request_timeout, max_retries=args.max_retries,
                    n_per_request=args.n_per_request, max_tokens_field=args.max_tokens_field)
    else:
        opts = dict(dtype=args.dtype, tensor_parallel_size=args.tensor_parallel_size,
                    max_model_len=args.max_model_len, gpu_memory_utilization=args.gpu_memory_utilization,
                    seed=args.seed, chat_template=chat)
    return LazyBackend(args.backend, args.model, opts)


def params_from_args(args) -> SamplingParams:
    return SamplingParams(n=args.k, temperature=args.temperature, top_p=args.top_p,
                          max_new_tokens=args.max_new_tokens, seed=args.seed)


def sample_splits(args, configs: list[str], splits: list[str], out: Path) -> list[RunStats]:
    """Sample every (config, split) into `out/<config>/<split>/`, one backend for all.

    Everything that can be checked is checked before the first sample is written: the model path, the
    sampling flags, every (config, split) of the dataset, and that no output folder holds a different run."""
    from qftdata.errors import UserError

    backend = backend_from_args(args)
    try:
        params = params_from_args(args)
    except ValueError as exc:  # SamplingParams names the field; say it as the flag
        raise UserError(str(exc).replace("SamplingParams.", "--").replace("max_new_tokens", "max-new-tokens")
                        .replace("top_p", "top-p")) from exc
    jobs: list[tuple[str, str, list[dict[str, Any]]]] = []
    for config in configs:
        for split in splits:
            try:
                rows = load_problem_rows(args.dataset, config, split, args.max_problems)
            except FileNotFoundError as exc:
                if len(configs) * len(splits) == 1:
                    raise
                print(f"skipping {config}/{split}: {exc}", file=sys.stderr, flush=True)
                continue
            jobs.append((config, split, rows))
            if not args.overwrite:
                _check_identity(out / config / split, _identity(backend, params, args.dataset, config, split,
                                                                args.system_prompt))
    if not jobs:
        raise UserError(f"{args.dataset}: none of configs {configs} has any of splits {splits}; check "
                        "--config and --splits (`qftdata validate` lists what the folder has)")
    grader = Grader(timeout=args.verify_timeout)
    if grader.name != "qftdata.verify":
        print("warning: qftdata.verify is not available; grading by exact \\boxed{} match", flush=True)
    stats = []
    chunk_size = args.chunk_size or DEFAULT_CHUNK_SIZE[args.backend]
    try:
        for config, split, rows in jobs:
            st = run_sampling(rows, backend, params, out / config / split, k=args.k, dataset=args.dataset,
                              config=config, split=split, chunk_size=chunk_size, grader=grader,
                              system_prompt=args.system_prompt, overwrite=args.overwrite,
                              progress=not args.no_progress)
            print(f"{config}/{split}: {st.problems} problems, {st.samples_before} samples already there, "
                  f"{st.samples_new} new ({st.correct_new} correct) in {st.seconds:.1f}s", flush=True)
            stats.append(st)
    finally:
        usage = backend.usage
        if usage.requests:
            print(f"backend usage: {usage.requests} requests, {usage.prompt_tokens} prompt + "
                  f"{usage.completion_tokens} completion tokens, {usage.retries} retries", flush=True)
        backend.close()
    return stats
