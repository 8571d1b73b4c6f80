"""`qftdata build`: generate every family, verify every gold, dedup, split, write parquet and the card.

Order of the gates (each count goes to the card and to `build_info.json`):

1. generation: per family, problems `0, 1, ...` with the family's RNG until `n_per_family` unique ids
   (a family raising on an index is counted and skipped);
2. schema: `schema.validation_errors` on every row (drop + count);
3. self-verification: the worked solution, graded by `qftdata.verify.verify_records` against the row's own
   gold, must be `correct` (drop + count by verdict status);
4. exact and near duplicates (`qftdata.dedup`);
5. splits: `xphysics.*` families -> config `xphysics`, split `test`; one family group (a family and its
   `.code`-style variants) per category with >= `min_families_for_ood` groups held out whole ->
   `test_ood`; the rest split train / validation / test by a hash of the (family group, normalised
   answer) pair, so no evaluation row has a (family, answer) pair seen in train;
6. contamination: 13-gram overlap with train of every evaluation split (reported).

Steps 1-3: generation in index chunks over `num_proc` forked workers; each row is self-verified right
where it was generated with the verifier's own functions (`qftdata.build.selfcheck`: the gold parsed once,
code references run on their cases), and what that cannot decide, plus an audit sample of a few rows per
family, goes through the verifier's pool and sandbox (in a thread, while generation goes on). Each family is cached
as JSON under `<out>/.cache/qftdata/`, keyed by (family, version, seed, n, qftdata version, source hash of
the family and the qftdata modules it uses); its verdicts carry the verifier's source hash and are redone
when the verifier changes. An interrupted or repeated build resumes where it was.
"""

from __future__ import annotations

import fnmatch
import hashlib
import inspect
import json
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qftdata import __version__
from qftdata.build.selfcheck import SelfCheckTimeout, completion_for, self_verify, time_limit
from qftdata.dedup import dedup, family_answer_key, ngram_overlap, normalize_answer
from qftdata.generators.api import Difficulty
from qftdata.generators.base import Family
from qftdata.schema import SCHEMA_VERSION, dumps, validation_errors

__all__ = ["SPLIT_FRACTIONS", "BuildError", "BuildResult", "ProjectVerifier", "build", "choose_ood_families",
           "split_for_group"]

SPLIT_FRACTIONS: dict[str, float] = {"train": 0.85, "validation": 0.05, "test": 0.10}
CACHE_DIR = ".cache/qftdata"
BUILD_INFO = "build_info.json"
BUILT_CONFIGS = ("problems", "xphysics", "sft")
VERIFY_TIMEOUT = 10.0
# A family that cannot find n distinct problems in 3 n indices is variety-limited (tests/test_variety.py asks
# for ~500 distinct problems in 5,000 indices); drawing on would spend the build's time on repeats.
MAX_INDEX_FACTOR = 3
AUDIT_ROWS = 3  # rows per family that the in-process self-check also sends through the real verifier
SELFCHECK_LIMIT_S = 20.0  # in-process check of one row; past it the row goes to the verifier pool


class BuildError(RuntimeError):
    """The build cannot go on (no families, no verifier, ...); the message says why."""


Verifier = Callable[[list[dict[str, Any]]], list[tuple[bool, str, str]]]


class ProjectVerifier:
    """Grades rows' own solutions with `qftdata.verify.verify_records` (the verifier's parallel, time-limited
    pool) -> one (ok, status, reason) per row. Picklable."""

    __name__ = "project_verifier"

    def __init__(self, timeout: float = VERIFY_TIMEOUT):
        self.timeout = timeout

    def __call__(self, rows: list[dict[str, Any]]) -> list[tuple[bool, str, str]]:
        from qftdata.verify import verify_record, verify_records

        try:
            verdicts = list(verify_records([completion_for(r) for r in rows], rows, timeout=self.timeout))
        except Exception:  # a batch-level crash: grade one by one so one bad row cannot sink the others
            verdicts = []
            for r in rows:
                try:
                    verdicts.append(verify_record(completion_for(r), r, timeout=self.timeout))
                except Exception as exc:
                    verdicts.append(exc)
            if verdicts and all(isinstance(v, Exception) for v in verdicts):
                # Not a property of the golds (e.g. a broken worker pool): stop instead of dropping all rows.
                raise BuildError(f"the verifier failed on every row: {type(verdicts[0]).__name__}: "
                                 f"{verdicts[0]}") from verdicts[0]
        # A timeout on a loaded machine is not a property of the gold: retry those once, with 4x the time,
        # so what is dropped depends on the data and not on the machine's load.
        slow = [i for i, v in enumerate(verdicts) if not isinstance(v, Exception) and v.status == "timeout"]
        if slow:
            try:
                retry = verify_records([completion_for(rows[i]) for i in slow], [rows[i] for i in slow],
                                       timeout=4 * self.timeout)
                for i, v in zip(slow, retry, strict=True):
                    verdicts[i] = v
            except Exception:  # keep the first verdicts
                pass
        out = []
        for v in verdicts:
            if isinstance(v, Exception):
                out.append((False, "error", f"{type(v).__name__}: {v}"))
            else:
                out.append((bool(v), str(v.status), str(getattr(v, "reason", "") or "")))
        return out


def _source_hash(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for p in sorted(set(paths)):
        if p.is_file():
            digest.update(p.name.encode())
            digest.update(p.read_bytes())
    return digest.hexdigest()[:12]


def _verifier_source_hash() -> str:
    import qftdata

    return _source_hash(list((Path(qftdata.__file__).parent / "verify").glob("**/*.py")))


def _framework_source_hash() -> str:
    import qftdata

    base = Path(qftdata.__file__).parent
    return _source_hash([base / "schema.py", base / "generators" / "api.py", base / "generators" / "base.py"])


def _qftdata_deps(modname: str, seen: set[str]) -> None:
    """`modname` and every qftdata module its globals come from, transitively (imported modules and
    names imported with `from ... import`)."""
    if modname in seen or not (modname == "qftdata" or modname.startswith("qftdata.")):
        return
    seen.add(modname)
    module = sys.modules.get(modname)
    for value in vars(module).values() if module is not None else ():
        name = value.__name__ if inspect.ismodule(value) else getattr(value, "__module__", None)
        if isinstance(name, str):
            _qftdata_deps(name, seen)


def _family_source_hash(family: Family) -> str:
    """Hash of the source of the family's module and of every qftdata module it draws on (shared helpers
    such as `generators/text.py` or a category's `_common.py`), so editing a helper invalidates the cache."""
    seen: set[str] = set()
    for obj in (family.generate, type(family.config)):
        _qftdata_deps(getattr(obj, "__module__", "") or "", seen)
    seen |= {m for m in (family.generate.__module__, type(family.config).__module__) if m}  # e.g. a test module
    files = [Path(f) for m in seen if (f := getattr(sys.modules.get(m), "__file__", None))]
    return _source_hash(files) if files else "nosrc"


# Filled in the parent before the generation workers fork: workers only receive family names.
_STATE: dict[str, Any] = {}


def _check_in_process(row: dict[str, Any]) -> tuple[bool, str, str] | None:
    """`self_verify` under a time limit; a worker whose check timed out stops checking (an interrupted
    parser may hold half-built caches) and leaves its rows to the verifier pool."""
    if not _STATE.get("selfcheck") or _STATE.get("selfcheck_broken"):
        return None
    try:
        with time_limit(SELFCHECK_LIMIT_S):
            return self_verify(row)
    except SelfCheckTimeout:
        _STATE["selfcheck_broken"] = True
        return None


def _generate_chunk(name: str, seed: int, start: int, stop: int) -> tuple[str, int, list, list, float, float]:
    """Problems `start..stop-1` of one family (runs in a worker):
    (name, start, rows, errors, generation cpu seconds, self-check cpu seconds).

    rows: (index, row dict, in-process verdict or None) in index order; errors: (index, message) of indices
    whose generation raised.
    """
    from qftdata.generators.api import draft_to_record, make_draft

    gen_s = check_s = 0.0
    family: Family = _STATE["families"][name]
    difficulty = _STATE.get("difficulty")
    rows, errors = [], []
    for index in range(start, stop):
        t0 = time.process_time()
        try:
            draft, level = make_draft(family, seed=seed, index=index, difficulty=difficulty)
            row = draft_to_record(family, draft, seed=seed, index=index, level=level).to_dict()
        except Exception as exc:  # a family bug costs that index, not the build
            errors.append((index, f"index {index}: {type(exc).__name__}: {exc}"[:300]))
            gen_s += time.process_time() - t0
            continue
        t1 = time.process_time()
        rows.append((index, row, _check_in_process(row)))
        gen_s, check_s = gen_s + t1 - t0, check_s + time.process_time() - t1
    return name, start, rows, errors, gen_s, check_s


class _FamilyPlan:
    """Indices 0, 1, ... of one family, generated in chunks, until `n` unique ids.

    Same result as generating sequentially (`iter_generate(..., max_attempts_factor=MAX_INDEX_FACTOR)`): the
    first `n` distinct ids in index order, at most `MAX_INDEX_FACTOR n` indices; the plan extends only when
    every chunk so far is back, so the outcome never depends on timing. A family that stops yielding new ids
    (limited variety) stops early.
    """

    def __init__(self, name: str, n: int, chunk: int):
        self.name, self.n, self.chunk = name, n, chunk
        self.hi = 0
        self.pending: set[int] = set()
        self.chunks: dict[int, tuple[list, list]] = {}
        self.seconds = 0.0
        self.check_seconds = 0.0
        self.last_unique = -1

    def extend(self) -> list[tuple[int, int]]:
        """Next index ranges to generate ([] when the family is complete)."""
        unique = len(self.unique_rows())
        limit = MAX_INDEX_FACTOR * self.n
        if unique >= self.n or self.hi >= limit or unique == self.last_unique:
            return []
        self.last_unique = unique
        new_hi = min(limit, self.n if self.hi == 0 else self.hi + max(2 * (self.n - unique), self.chunk))
        ranges = [(a, min(a + self.chunk, new_hi)) for a in range(self.hi, new_hi, self.chunk)]
        self.hi = new_hi
        self.pending |= {a for a, _ in ranges}
        return ranges

    def add(self, start: int, rows: list, errors: list, seconds: float, check_seconds: float = 0.0) -> None:
        self.pending.discard(start)
        self.chunks[start] = (rows, errors)
        self.seconds += seconds
        self.check_seconds += check_seconds

    def unique_rows(self) -> list[tuple[int, dict, Any]]:
        """(index, row, in-process verdict) of the first `n` distinct ids, in index order."""
        seen: set[str] = set()
        out = []
        for start in sorted(self.chunks):
            for index, row, verdict in self.chunks[start][0]:
                if row["id"] not in seen and len(out) < self.n:
                    seen.add(row["id"])
                    out.append((index, row, verdict))
        return out

    def payload(self) -> dict[str, Any]:
        triples = self.unique_rows()
        last = triples[-1][0] if len(triples) >= self.n else self.hi  # errors past the n-th row don't count
        errors = [msg for start in sorted(self.chunks) for i, msg in self.chunks[start][1] if i < last]
        entries = []
        for _, row, verdict in triples:
            errs = validation_errors(row)
            entry = {"row": row, "ok": not errs, "status": "schema" if errs else "", "reason": "; ".join(errs)}
            if verdict is not None and not errs:
                entry.update(ok=bool(verdict[0]), status=verdict[1], reason=str(verdict[2])[:300],
                             checked="in-process")
            entries.append(entry)
        return {"family": self.name, "entries": entries, "generation_errors": len(errors),
                "generation_error_examples": errors[:3], "gen_seconds": self.seconds,
                "check_seconds": self.check_seconds}


def _verify_family(payload: dict[str, Any], verifier: Verifier, cache_file: str | None,
                   verifier_hash: str, selfcheck: bool = False) -> dict[str, Any]:
    """Self-verify the schema-valid rows of one generated family (in the parent), then cache it.

    Rows the in-process check decided keep its verdict, except an audit sample (`AUDIT_ROWS` per family)
    that also goes through `verifier`, whose verdict wins; the rest go through `verifier`."""
    t0 = time.perf_counter()
    valid = [e for e in payload["entries"] if e["status"] != "schema"]
    if selfcheck:  # rows that reached the parent unchecked (a re-verified cache, a worker that gave up)
        for e in valid:
            if e.get("checked") != "in-process" and (v := self_verify(e["row"])) is not None:
                e.update(ok=bool(v[0]), status=v[1], reason=str(v[2])[:300], checked="in-process")
    checked = [e for e in valid if e.get("checked") == "in-process"]
    audit = checked[:AUDIT_ROWS]
    todo = [e for e in valid if e.get("checked") != "in-process"] + audit
    verdicts = verifier([e["row"] for e in todo]) if todo else []
    if len(verdicts) != len(todo):
        raise BuildError(f"verifier returned {len(verdicts)} verdicts for {len(todo)} rows")
    disagree = []
    audited = {id(e) for e in audit}
    for e, (ok, status, reason) in zip(todo, verdicts, strict=True):
        if id(e) in audited and bool(ok) != e["ok"]:
            disagree.append({"id": e["row"]["id"], "in_process": e["status"], "verifier": status})
        e.update(ok=bool(ok), status=status, reason=str(reason)[:300])
    payload["audit"] = {"rows": len(audit), "disagreements": disagree}
    payload["checked_in_process"] = len(checked) - len(audit)
    payload["verifier_hash"] = verifier_hash
    gen_cpu = payload.pop("gen_seconds", 0.0)
    check_cpu = payload.pop("check_seconds", 0.0)
    for key in ("cached", "gen_cpu", "check_cpu", "verify_seconds"):
        payload.pop(key, None)
    if cache_file:
        tmp = Path(cache_file + ".tmp")
        tmp.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache_file)
    payload.update(cached=False, gen_cpu=gen_cpu, check_cpu=check_cpu, verify_seconds=time.perf_counter() - t0)
    return payload


def _read_cache(cache_file: str, verifier: Verifier, verifier_hash: str, selfcheck: bool = False) -> dict[str, Any]:
    """A cached family; its golds are verified again when the verifier changed since it was cached."""
    payload = json.loads(Path(cache_file).read_text(encoding="utf-8"))
    if payload.get("verifier_hash") != verifier_hash:
        for e in payload["entries"]:
            e.pop("checked", None)
        payload = _verify_family(payload, verifier, cache_file, verifier_hash, selfcheck)
    payload.update(cached=True, gen_cpu=0.0, check_cpu=0.0, verify_seconds=payload.get("verify_seconds", 0.0))
    return payload


def _unit(text: str) -> float:
    return int(hashlib.sha256(text.encode()).hexdigest()[:16], 16) / 2**64


def split_for_group(family: str, answer: str, fractions: Mapping[str, float] = SPLIT_FRACTIONS) -> str:
    """In-distribution split of every row of one (family, normalised answer) group.

    Depends only on the group (not on seed or build size), so a problem keeps its split across builds.
    """
    u = _unit(f"qft-reason/split/{family}\x00{normalize_answer(answer)}")
    acc = 0.0
    for split, frac in fractions.items():
        acc += frac
        if u < acc:
            return split
    return list(fractions)[-1]


def family_root(name: str, names: Sequence[str]) -> str:
    """The shortest family in `names` of which `name` is a dotted extension (`x.code` -> `x`), else name."""
    roots = [n for n in names if name.startswith(n + ".")]
    return min(roots, key=len) if roots else name


def choose_ood_families(families: Mapping[str, Family], min_families: int = 3) -> list[str]:
    """Held-out families: in each QFT category having >= `min_families` family groups, the group whose
    sha256("qft-reason/ood/<root>") is smallest (stable when unrelated families are added).

    A group is a family and its dotted variants (`x` and `x.code` ask the same physics in two answer
    formats), so a variant never leaks a held-out family into train.
    """
    names = [n for n, f in families.items() if not f.is_xphysics]
    groups: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name in names:
        groups[families[name].category][family_root(name, names)].append(name)
    chosen: list[str] = []
    for _, by_root in sorted(groups.items()):
        if len(by_root) >= min_families:
            root = min(by_root, key=lambda r: _unit(f"qft-reason/ood/{r}"))
            chosen.extend(by_root[root])
    return sorted(chosen)


def _command(n: int, seed: int, families: Any, ood_families: Sequence[str] | None, min_ood: int,
             difficulty: Difficulty = None, xn: int | None = None) -> str:
    """The CLI line that reproduces this build (the output folder's name is not part of the data)."""
    parts = ["qftdata build --out qft-reason", f"--n-per-family {n}", f"--seed {seed}"]
    if xn is not None and xn != n:
        parts.append(f"--xphysics-n-per-family {xn}")
    if difficulty is not None:
        parts.append("--difficulty " + (f"{difficulty[0]:g}:{difficulty[1]:g}" if isinstance(difficulty, tuple)
                                        else f"{difficulty:g}"))
    if families:
        parts.append("--families " + " ".join(sorted(families)))
    if ood_families is not None:
        parts.append("--ood-families " + " ".join(sorted(ood_families)))
    if min_ood != 3:
        parts.append(f"--min-families-for-ood {min_ood}")
    return " ".join(parts)


@dataclass
class BuildResult:
    out: Path
    info: dict[str, Any]
    seconds: float = 0.0
    # family -> (generation CPU s, in-process self-check CPU s, pool verification wall s, read from the cache)
    timings: dict[str, tuple[float, float, float, bool]] = field(default_factory=dict)
    # wall seconds per build phase (kept out of build_info.json, which holds no clock)
    phases: dict[str, float] = field(default_factory=dict)


def _select(families: Mapping[str, Family] | Sequence[str] | None) -> dict[str, Family]:
    if isinstance(families, Mapping):
        return dict(sorted(families.items()))
    from qftdata.generators import families as registry

    try:
        allf = registry()
    except Exception as exc:  # a family module that fails to import names itself in the traceback
        raise BuildError(f"cannot load the family registry: {type(exc).__name__}: {exc}") from exc
    if not families:
        return allf
    chosen = {n: f for n, f in allf.items() if any(fnmatch.fnmatchcase(n, pat) for pat in families)}
    missing = [pat for pat in families if not any(fnmatch.fnmatchcase(n, pat) for n in allf)]
    if missing:
        raise BuildError(f"--families: no family matches {', '.join(missing)} ({len(allf)} families are registered; "
                         "`qftdata generate --list` lists them)")
    return chosen


def difficulty_summary(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    """level -> {rows, min, mean, max} of the knob value (`metadata["difficulty"]`) of `rows`."""
    values: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        d = json.loads(r.get("metadata") or "{}").get("difficulty")
        if isinstance(d, (int, float)):
            values[r["level"]].append(float(d))
    return {lv: {"rows": len(v), "min": round(min(v), 4), "mean": round(sum(v) / len(v), 4),
                 "max": round(max(v), 4)} for lv, v in sorted(values.items())}


def _warm_parser() -> None:
    """Parse a few golds so the verifier's LaTeX parser (ANTLR) has built its tables once, in the parent."""
    try:
        from qftdata.verify import parse_answer

        for text in (r"\frac{g^{2} m_{H}}{8 \pi} \left(1 - \frac{4 m^{2}}{m_{H}^{2}}\right)^{\frac{3}{2}}",
                     r"- \frac{11 N}{3} + \frac{2 n_{f}}{3}", r"\sqrt{2} \ln{\left(\frac{\mu^{2}}{m^{2}} \right)}"):
            parse_answer(text, symbols=("g", "m_H", "m", "N", "n_f", "mu"))
    except Exception:  # a cold parser is only slower
        pass


def _progress(total: int, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="generating", unit="problem", disable=not enabled, file=sys.stderr,
                dynamic_ncols=True, smoothing=0.05)


def _run_jobs(names: list[str], n: int | Mapping[str, int], seed: int, cache: dict[str, str | None],
              num_proc: int, verifier: Verifier, verifier_hash: str, progress: bool, selfcheck: bool = False
              ) -> dict[str, dict[str, Any]]:
    """Cached families are read; the others are generated in index chunks (in `num_proc` forked workers,
    so one slow family is shared between workers) and verified as each family completes, in a thread of
    this process, while generation goes on (the verifier runs its own time-limited pool)."""
    results: dict[str, dict[str, Any]] = {}
    n_of = dict(n) if isinstance(n, Mapping) else {nm: n for nm in names}
    bar = _progress(sum(n_of.values()), progress)  # unit: problem indices generated (grows if a family extends)

    def done(payload: dict[str, Any]) -> None:
        results[payload["family"]] = payload
        kept = sum(e["ok"] for e in payload["entries"])
        if payload["cached"]:
            bar.update(n_of[payload["family"]])
        bar.set_postfix_str(f"families {len(results)}/{len(names)}; {payload['family']}: verified "
                            f"{kept}/{len(payload['entries'])}{' (cached)' if payload['cached'] else ''}")

    todo = [nm for nm in names if not (cache[nm] and Path(cache[nm]).exists())]
    for nm in names:
        if nm not in todo:
            done(_read_cache(cache[nm], verifier, verifier_hash, selfcheck))
    plans = {nm: _FamilyPlan(nm, n_of[nm], max(5, min(50, -(-n_of[nm] // max(1, 2 * num_proc))))) for nm in todo}

    if num_proc > 1 and todo:
        import heapq
        import itertools
        import multiprocessing as mp
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait

        # Chunks wait in a priority queue (a family's extension first, so families complete one after
        # another) and at most 4 per worker are in flight; a finished family is verified in a thread while
        # the workers go on generating. fork: workers inherit the family table (test families need not be
        # importable); with fork, all workers start at the first submit, before any thread exists here.
        queue: list[tuple[int, int, str, int, int]] = []
        order = itertools.count()
        gen_futs: dict = {}
        ver_futs: set = set()
        with ProcessPoolExecutor(max_workers=num_proc, mp_context=mp.get_context("fork")) as pool, \
                ThreadPoolExecutor(max_workers=1) as verify_thread:

            def fill() -> None:
                while queue and len(gen_futs) < 4 * num_proc:
                    _, _, name, a, b = heapq.heappop(queue)
                    gen_futs[pool.submit(_generate_chunk, name, seed, a, b)] = name

            for plan in plans.values():
                for a, b in plan.extend():
                    heapq.heappush(queue, (1, next(order), plan.name, a, b))
            fill()
            while gen_futs or ver_futs:
                finished, _ = wait(set(gen_futs) | ver_futs, return_when=FIRST_COMPLETED)
                for fut in finished:
                    if fut in ver_futs:
                        ver_futs.discard(fut)
                        done(fut.result())
                        continue
                    del gen_futs[fut]
                    name, start, rows, errors, seconds, check_seconds = fut.result()
                    bar.update(len(rows) + len(errors))
                    plan = plans[name]
                    plan.add(start, rows, errors, seconds, check_seconds)
                    if plan.pending:
                        continue
                    ranges = plan.extend()
                    if ranges:
                        bar.total += sum(b - a for a, b in ranges)
                        for a, b in ranges:
                            heapq.heappush(queue, (0, next(order), name, a, b))
                    else:
                        ver_futs.add(verify_thread.submit(_verify_family, plan.payload(), verifier, cache[name],
                                                          verifier_hash, selfcheck))
                fill()
    else:
        for plan in plans.values():
            queue: list[tuple[int, int]] = plan.extend()
            while queue:
                for a, b in queue:
                    name, start, rows, errors, seconds, check_seconds = _generate_chunk(plan.name, seed, a, b)
                    plan.add(start, rows, errors, seconds, check_seconds)
                    bar.update(len(rows) + len(errors))
                queue = plan.extend()
                bar.total += sum(b - a for a, b in queue)
            done(_verify_family(plan.payload(), verifier, cache[plan.name], verifier_hash, selfcheck))
    bar.close()
    return results


def build(out: str | Path, *, n_per_family: int = 500, seed: int = 0, num_proc: int = 1,
          xphysics_n_per_family: int | None = None,
          families: Mapping[str, Family] | Sequence[str] | None = None,
          ood_families: Sequence[str] | None = None, min_families_for_ood: int = 3,
          verifier: Verifier | None = None, use_cache: bool = True,
          progress: bool = True, log: Callable[[str], None] | None = None,
          difficulty: Difficulty = None, selfcheck: bool | None = None) -> BuildResult:
    """Build the dataset folder `out` (a Hub dataset repo) and return its build info.

    families: a name -> Family mapping (tests), glob patterns over the registry, or None for all.
    ood_families: families held out as `test_ood` (default: `choose_ood_families`).
    verifier: rows -> [(ok, status, reason)]; default `ProjectVerifier()` (the project verifier).
    xphysics_n_per_family: problems requested per cross-physics family (default: `n_per_family`); the
        `xphysics` config is an evaluation split, which needs fewer rows than the training families.
    difficulty: the knob for every problem (a number in [0, 1] or a (lo, hi) range; None: each family cycles
        its levels); see `qftdata.generators.api.make_draft`.
    selfcheck: verify rows in-process with the verifier's own functions (`qftdata.build.selfcheck`), sending
        only undecided rows and an audit sample to `verifier`; default: on with the project verifier, off
        with a custom one (which then sees every row).
    """
    from qftdata.build.card import render_card
    from qftdata.build.folder import add_config, content_hash, split_rows, update_card_configs, write_config
    from qftdata.prompts import build_messages, build_prompt

    t_start = time.perf_counter()
    log = log or (lambda msg: print(msg, file=sys.stderr))
    if n_per_family < 1:
        raise BuildError("--n-per-family must be >= 1")
    if xphysics_n_per_family is not None and xphysics_n_per_family < 1:
        raise BuildError("--xphysics-n-per-family must be >= 1")
    fams = _select(families)
    if not fams:
        raise BuildError("no problem families are registered (qftdata.generators.families() is empty)")
    custom_verifier = verifier is not None
    if verifier is None:
        try:
            import qftdata.verify  # noqa: F401
        except ImportError as exc:
            raise BuildError(f"the project verifier (qftdata.verify) cannot be imported: {exc}") from exc
        verifier = ProjectVerifier()
    if selfcheck is None:
        selfcheck = not custom_verifier
    if difficulty is not None:
        from qftdata.generators.api import difficulty_for

        try:
            difficulty_for("", seed, 0, difficulty)  # validates a number or a range
        except (TypeError, ValueError) as exc:
            raise BuildError(f"--difficulty: {exc}") from exc
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)

    # Generation is cached by family source; verdicts are redone when the verifier's source changes.
    vhash = (f"custom-{getattr(verifier, '__name__', type(verifier).__name__)}" if custom_verifier
             else _verifier_source_hash())
    fwhash = _framework_source_hash()
    cache: dict[str, str | None] = {}
    n_of = {name: (xphysics_n_per_family or n_per_family) if fam.is_xphysics else n_per_family
            for name, fam in fams.items()}
    for name, fam in fams.items():
        knob = "" if difficulty is None else "-d" + hashlib.sha256(repr(difficulty).encode()).hexdigest()[:8]
        key = (f"{name}-v{fam.version}-seed{seed}-n{n_of[name]}{knob}-q{__version__}-{fwhash}"
               f"-{_family_source_hash(fam)}")
        cache[name] = str(out / CACHE_DIR / f"{key}.json") if use_cache else None
    if selfcheck:
        _warm_parser()  # before the workers fork: they inherit the warm LaTeX parser
    _STATE.update(families=fams, difficulty=difficulty, selfcheck=selfcheck)
    try:
        results = _run_jobs(list(fams), n_of, seed, cache, num_proc, verifier, vhash, progress, selfcheck)
    finally:
        _STATE.clear()

    # Gates 2-3: keep verified rows, in family-name then generation order (deterministic).
    fam_stats: dict[str, dict[str, Any]] = {}
    rows: list[dict[str, Any]] = []
    failures: Counter[str] = Counter()
    failure_examples: list[dict[str, str]] = []
    timings: dict[str, tuple[float, float, float, bool]] = {}
    audit_rows, audit_disagree, in_process = 0, [], 0
    for name in fams:
        payload = results[name]
        kept = [e["row"] for e in payload["entries"] if e["ok"]]
        bad = [e for e in payload["entries"] if not e["ok"]]
        for e in bad:
            failures[e["status"]] += 1
            if len(failure_examples) < 20:
                failure_examples.append({"id": e["row"]["id"], "status": e["status"], "reason": e["reason"]})
        fam_stats[name] = {"category": fams[name].category, "version": fams[name].version,
                           "levels": list(fams[name].levels), "generated": len(payload["entries"]),
                           "generation_errors": payload["generation_errors"],
                           "generation_error_examples": payload["generation_error_examples"],
                           "verify_failed": len(bad)}
        timings[name] = (round(payload["gen_cpu"], 2), round(payload.get("check_cpu", 0.0), 2),
                         round(payload["verify_seconds"], 2), payload["cached"])
        audit = payload.get("audit", {"rows": 0, "disagreements": []})
        audit_rows += audit["rows"]
        audit_disagree += audit["disagreements"]
        in_process += payload.get("checked_in_process", 0)
        if audit["disagreements"]:
            log(f"  {name}: the in-process self-check disagrees with the verifier on "
                f"{len(audit['disagreements'])} audited row(s): {audit['disagreements'][:2]}")
        rows.extend(kept)
        if bad or payload["generation_errors"]:
            log(f"  {name}: {len(bad)} gold(s) failed self-verification, "
                f"{payload['generation_errors']} generation error(s)")

    phases = {"generate_and_verify": time.perf_counter() - t_start}
    t_phase = time.perf_counter()

    def phase(name: str) -> None:
        nonlocal t_phase
        phases[name] = time.perf_counter() - t_phase
        t_phase = time.perf_counter()

    # Gate 4: duplicates.
    family_of = {r["id"]: r["family"] for r in rows}
    rows, dup_report = dedup(rows)
    for st in fam_stats.values():
        st.update(exact_duplicates=0, near_duplicates=0)
    for drop_id, _, kind in dup_report.removed:
        fam_stats[family_of[drop_id]][f"{kind}_duplicates"] += 1

    phase("dedup")
    # Gate 5: splits.
    if ood_families is None:
        ood = choose_ood_families(fams, min_families_for_ood)
    else:
        unknown = sorted(set(ood_families) - set(fams))
        if unknown:
            raise BuildError(f"--ood-families: unknown families {unknown}")
        ood = sorted(ood_families)
    problems: dict[str, list[dict]] = {s: [] for s in (*SPLIT_FRACTIONS, "test_ood")}
    xphysics: list[dict] = []
    # A family and its dotted variants (`x`, `x.code`) share one group key: same physics, same answers.
    roots = {name: family_root(name, list(fams)) for name in fams}

    def group_key(row: dict) -> tuple[str, str]:
        return roots[row["family"]], family_answer_key(row)[1]

    def in_distribution(row: dict) -> bool:
        return not fams[row["family"]].is_xphysics and row["family"] not in ood

    for row in rows:
        if fams[row["family"]].is_xphysics:
            xphysics.append(row)
        elif row["family"] in ood:
            problems["test_ood"].append(row)
        else:
            problems[split_for_group(*group_key(row))].append(row)
    # What a row-level split (by id hash) would have shared between train and evaluation.
    id_train = {row["id"] for row in rows
                if in_distribution(row) and _unit(f"qft-reason/id-split/{row['id']}") < SPLIT_FRACTIONS["train"]}
    id_train_keys = {group_key(r) for r in rows if r["id"] in id_train}
    id_level_shared = sum(1 for r in rows if in_distribution(r) and r["id"] not in id_train
                          and group_key(r) in id_train_keys)

    phase("splits")
    # Gate 6: contamination report.
    train_text = [r["problem"] for r in problems["train"]]
    train_keys = {group_key(r) for r in problems["train"]}
    contamination: dict[str, Any] = {}
    for label, split_rows_ in (("validation", problems["validation"]), ("test", problems["test"]),
                               ("test_ood", problems["test_ood"]), ("xphysics/test", xphysics)):
        stats = ngram_overlap(train_text, [r["problem"] for r in split_rows_])
        stats["family_answer_pairs_shared_with_train"] = sum(group_key(r) in train_keys for r in split_rows_)
        contamination[label] = stats
    for srows in problems.values():
        srows.sort(key=lambda r: r["id"])
    xphysics.sort(key=lambda r: r["id"])

    phase("contamination")
    # Write: built configs are replaced, configs added by other commands are kept.
    def with_prompt(srows: list[dict]) -> list[dict]:
        return [{**r, "prompt": build_prompt(r)} for r in srows]

    def sft_row(r: dict) -> dict:
        return {"id": r["id"], "family": r["family"], "category": r["category"], "level": r["level"],
                "answer": r["answer"], "messages": build_messages(r)}

    from qftdata.build.folder import problem_features, sft_features

    pf = problem_features()
    write_config(out, "problems", {s: with_prompt(v) for s, v in problems.items()}, features=pf)
    write_config(out, "xphysics", {"test": with_prompt(xphysics)}, features=pf)
    add_config(out, "sft", {s: [sft_row(r) for r in problems[s]] for s in SPLIT_FRACTIONS},
               features=sft_features())

    per_family_split: dict[str, Counter] = defaultdict(Counter)
    per_family_level: dict[str, Counter] = defaultdict(Counter)
    for split, srows in [*problems.items(), ("xphysics", xphysics)]:
        for r in srows:
            per_family_split[r["family"]][split] += 1
            per_family_level[r["family"]][r["level"]] += 1
    for name, st in fam_stats.items():
        st["rows"] = dict(sorted(per_family_split[name].items()))
        st["levels_rows"] = dict(sorted(per_family_level[name].items()))

    info: dict[str, Any] = {
        "qftdata_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "seed": seed,
        "n_per_family": n_per_family,
        "xphysics_n_per_family": xphysics_n_per_family or n_per_family,
        "command": _command(n_per_family, seed, families, ood_families, min_families_for_ood, difficulty,
                            xphysics_n_per_family),
        "difficulty": {"setting": (list(difficulty) if isinstance(difficulty, tuple) else difficulty),
                       "by_level": difficulty_summary(rows)},
        "split_fractions": SPLIT_FRACTIONS,
        "split_rule": "in-distribution splits by sha256 of the (family, normalised answer) group",
        "ood_families": ood,
        "min_families_for_ood": min_families_for_ood,
        "families": fam_stats,
        "quality": {
            "generated": sum(st["generated"] for st in fam_stats.values()),
            "generation_errors": sum(st["generation_errors"] for st in fam_stats.values()),
            "verify_failed": sum(failures.values()),
            "verify_failed_by_status": dict(sorted(failures.items())),
            "verify_failure_examples": failure_examples,
            "selfcheck": {"in_process": in_process, "audit_rows": audit_rows,
                          "audit_disagreements": audit_disagree},
            **dup_report.as_dict(),
            "rows_out": len(rows),
        },
        "contamination": {
            "ngram": 13,
            "family_answer_rows_shared_under_row_level_split": id_level_shared,
            "resolution": "group split: every (family, normalised answer) group lies in one split",
            "splits": contamination,
        },
        "configs": split_rows(out),
    }
    phase("write_parquet")
    info["content_hash"] = content_hash(out, BUILT_CONFIGS)
    Path(out, BUILD_INFO).write_text(dumps(info) + "\n", encoding="utf-8")
    render_card(out, info)
    update_card_configs(out)
    phase("hash_and_card")
    seconds = time.perf_counter() - t_start
    return BuildResult(out=out, info=info, seconds=seconds, timings=timings, phases=phases)
