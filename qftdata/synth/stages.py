r"""The checks shared by `qftdata synth` and `qftdata adapt`, and their report.

A candidate (`Item`) passes, in order:

1. **parse** — the model's reply is a well-formed JSON candidate (`qftdata.synth.parse`);
2. **self_verify** — the record passes the schema and its gold verifies against its own worked solution
   with the project verifier (`ProjectVerifier`, exactly what `qftdata build` / `qftdata validate` run);
   a code answer's reference implementation first runs in the sandbox on the test inputs, its outputs
   become the expected values (and must agree with any the model stated);
3. **quality** — an LLM review scores problem quality, solution completeness, answer verifiability and
   physics correctness (0-100); every score must reach the threshold (default 80);
4. **solver** — an independent solver (the project's prompt, `qftdata.prompts.build_prompt`) gets k
   samples; at least one must verify against the gold (pass@k, default k = 3).

Every stage counts pass/fail with reasons in a `StageReport`, written as `report.json` + `report.md`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from qftdata.schema import Problem, dumps, validation_errors

__all__ = ["DEFAULT_K", "DEFAULT_THRESHOLD", "Item", "StageReport", "add_to_dataset", "load_template",
           "quality_stage", "render", "self_verify_stage", "solver_stage", "to_record", "write_jsonl"]

DEFAULT_THRESHOLD = 80.0
DEFAULT_K = 3
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


# ---------------------------------------------------------------------------------------------- prompts


def load_template(name: str, prompts_dir: str | Path | None = None) -> str:
    """Template `name` (e.g. "generate.md") from `prompts_dir` when it has one, else the packaged copy."""
    if prompts_dir is not None:
        path = Path(prompts_dir) / name
        if path.exists():
            return path.read_text(encoding="utf-8")
    return resources.files("qftdata.synth").joinpath("prompts", name).read_text(encoding="utf-8")


def render(template: str, **values: Any) -> str:
    """Replace `{{name}}` placeholders (LaTeX braces are left alone); a missing value is a `KeyError`."""
    def sub(m: re.Match) -> str:
        if m[1] not in values:
            raise KeyError(f"prompt template needs a value for {{{{{m[1]}}}}}")
        return str(values[m[1]])

    return _PLACEHOLDER.sub(sub, template)


# ---------------------------------------------------------------------------------------------- items


@dataclass
class Item:
    """One candidate travelling through the stages."""

    label: str                      # e.g. "synth/Foundations and Scalar Fields/graduate/hard/#0"
    provenance: dict[str, Any]      # where it comes from (cell / seed file, entry, part, original text)
    raw: str = ""                   # the generation / rewrite reply
    candidate: dict[str, Any] | None = None
    record: Problem | None = None
    rejected_at: str | None = None
    reason: str = ""
    checks: dict[str, Any] = field(default_factory=dict)  # self_verify / quality / solver results

    @property
    def alive(self) -> bool:
        return self.rejected_at is None

    def reject(self, stage: str, reason: str) -> None:
        self.rejected_at, self.reason = stage, reason

    def as_rejected(self) -> dict[str, Any]:
        return {"label": self.label, "stage": self.rejected_at, "reason": self.reason,
                "provenance": self.provenance, "checks": self.checks, "candidate": self.candidate,
                "raw": self.raw}


class StageReport:
    """Ordered stage -> pass/fail counts and reason histograms."""

    def __init__(self, command: str, settings: dict[str, Any]):
        self.command = command
        self.settings = settings
        self.stages: dict[str, dict[str, Any]] = {}
        self.notes: list[str] = []
        self.extra: dict[str, Any] = {}

    def count(self, stage: str, ok: bool, reason: str = "") -> None:
        st = self.stages.setdefault(stage, {"in": 0, "pass": 0, "fail": 0, "reasons": Counter()})
        st["in"] += 1
        st["pass" if ok else "fail"] += 1
        if not ok:
            st["reasons"][_reason_key(reason)] += 1

    def as_dict(self, usage: dict[str, Any] | None = None) -> dict[str, Any]:
        return {"command": self.command, "settings": self.settings,
                "stages": {k: {**v, "reasons": dict(v["reasons"].most_common())} for k, v in self.stages.items()},
                **self.extra, "usage": usage or {}, "notes": self.notes}

    def write(self, out: str | Path, usage: dict[str, Any] | None = None) -> dict[str, Any]:
        data = self.as_dict(usage)
        out = Path(out)
        (out / "report.json").write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n",
                                         encoding="utf-8")
        (out / "report.md").write_text(self.markdown(data), encoding="utf-8")
        return data

    @staticmethod
    def markdown(data: dict[str, Any]) -> str:
        lines = [f"# qftdata {data['command']} report", "", "| stage | in | pass | fail | main failure reasons |",
                 "|---|---:|---:|---:|---|"]
        for name, st in data["stages"].items():
            reasons = "; ".join(f"{k} ({v})" for k, v in list(st["reasons"].items())[:4])
            lines.append(f"| {name} | {st['in']} | {st['pass']} | {st['fail']} | {reasons} |")
        for key in ("kept", "outputs"):
            if key in data:
                lines += ["", f"**{key}**: `{json.dumps(data[key], default=str)}`"]
        usage = data.get("usage") or {}
        if usage:
            lines += ["", "## LLM usage", "", "| role | model | requests | cache hits | prompt tokens | "
                      "completion tokens |", "|---|---|---:|---:|---:|---:|"]
            for role, u in usage.items():
                if isinstance(u, dict) and "model" in u:
                    lines.append(f"| {role} | `{u['model']}` | {u['requests']} | {u['cache_hits']} | "
                                 f"{u['prompt_tokens']} | {u['completion_tokens']} |")
            if "cost_usd" in usage:
                lines.append(f"\nCost: {usage['cost_usd']:.4f} USD ({usage.get('cost_source', '')})")
        if data.get("notes"):
            lines += ["", "## Notes", ""] + [f"- {n}" for n in data["notes"]]
        lines += ["", "Settings: `" + json.dumps(data["settings"], default=str) + "`", ""]
        return "\n".join(lines)


def _reason_key(reason: str) -> str:
    """A short histogram key: the reason up to its first ':' (at most 100 characters); for malformed
    replies and reviews also the field or problem named next (`malformed: symbols`)."""
    head, _, rest = reason.partition(":")
    head = head.strip() or "unknown"
    if head.startswith("malformed") and rest:
        head += ": " + re.split(r"[:(]", rest, maxsplit=1)[0].strip()
    return head[:100]


# ---------------------------------------------------------------------------------------------- records


def to_record(cand: dict[str, Any], *, source: str, family: str, category: str, level: str, rid: str,
              metadata: dict[str, Any]) -> Problem:
    """A `schema.Problem` from a parsed candidate. The solution ends in `\\boxed{answer}` (appended, and
    noted in metadata, when the model forgot); a code answer's solution ends with the reference
    implementation in a ```python block (what self-verification and `qftdata validate` grade)."""
    solution = cand["solution"].rstrip()
    meta = dict(metadata)
    code_json = ""
    problem = cand["problem"]
    if cand["answer_type"] == "code":
        code_json = cand["code_spec"]
        reference = cand["code"]["reference"].strip("\n")
        if "\\boxed" not in solution:  # what a reader sees as the result (the grader runs the code block)
            shown = cand.get("answer") or "\\text{see the function below}"
            solution += f"\n\n$$\\boxed{{{shown}}}$$"
        solution += f"\n\nReference implementation:\n\n```python\n{reference}\n```\n"
        meta["reference_code"] = reference
        spec = json.loads(code_json)
        fname = spec["function"]
        if f"def {fname}(" not in problem:
            sig = "def {}({}) -> {}:".format(fname, ", ".join(f"{p['name']}: {p['type']}" for p in spec["params"]),
                                               spec["returns"])
            problem += f"\n\nWrite a Python function with the signature\n\n```python\n{sig}\n```"
    elif "\\boxed" not in solution:
        solution += f"\n\nHence\n$$\\boxed{{{cand['answer']}}}$$"
        meta["boxed_appended"] = True
    if cand.get("title"):
        meta.setdefault("title", cand["title"])
    return Problem(id=rid, source=source, family=family, category=category, level=level, problem=problem,
                   answer=cand.get("answer", ""), answer_type=cand["answer_type"], symbols=list(cand["symbols"]),
                   tolerance=float(cand["tolerance"]), choices=list(cand["choices"]), solution=solution,
                   assumptions=dumps(cand["assumptions"]), code=code_json, metadata=dumps(meta))


def prepare_code(cand: dict[str, Any], timeout: float = 20.0) -> None:
    """Run a code candidate's reference in the sandbox; set `cand["code_spec"]` (JSON) with its outputs as
    the expected values. Raises ValueError when the spec is bad, the reference fails, or it disagrees with
    an expected value the model stated."""
    from qftdata.verify.code import (
        CodeSpec,
        CodeSpecError,
        compare,
        normalize_type,
        run_reference,
        with_expected,
    )

    code = cand["code"]
    stated = [c.get("expected") for c in code["cases"]]
    returns = normalize_type(str(code["returns"]))
    placeholder = {"float": 0.0, "int": 0, "bool": False, "str": "", "complex": [0.0, 0.0]}
    spec_dict = {k: code[k] for k in ("function", "params", "returns", "atol", "rtol", "allowed_imports")
                 if k in code}
    spec_dict["cases"] = [{"inputs": c["inputs"], "expected": c.get("expected", placeholder.get(returns, 0.0)),
                           **{k: c[k] for k in ("atol", "rtol") if k in c}} for c in code["cases"]]
    try:
        spec = CodeSpec.from_json(spec_dict)
    except CodeSpecError as exc:
        if any(s is None for s in stated):  # placeholders of the wrong shape: the reference decides
            spec_dict["cases"] = [{"inputs": c["inputs"], "expected": 0.0} for c in code["cases"]]
            spec_dict["returns"] = "float"
            try:
                spec = CodeSpec.from_json(spec_dict)
            except CodeSpecError:
                raise ValueError(f"code spec: {exc}") from None
        else:
            raise ValueError(f"code spec: {exc}") from None
    try:
        outputs = run_reference(code["reference"], spec, timeout=timeout)
        spec = with_expected(spec, outputs, returns=returns)
    except CodeSpecError as exc:
        raise ValueError(f"reference implementation: {exc}") from None
    for i, (want, case) in enumerate(zip(stated, spec.cases, strict=True)):
        if want is None:
            continue
        atol = case.atol if case.atol is not None else spec.atol
        rtol = case.rtol if case.rtol is not None else spec.rtol
        ok, why = compare(want, case.expected, spec.returns, max(atol, 1e-9), max(rtol, 1e-6), f"cases[{i}]")
        if not ok:
            raise ValueError(f"reference disagrees with the stated expected value: {why}")
    cand["code_spec"] = spec.to_json()


# ---------------------------------------------------------------------------------------------- stages


def self_verify_stage(items: list[Item], report: StageReport, timeout: float = 10.0) -> None:
    """Schema check + gold self-verification (the project verifier) for every alive item with a record."""
    from qftdata.build.pipeline import ProjectVerifier

    todo = [it for it in items if it.alive and it.record is not None]
    rows, keep = [], []
    for it in todo:
        errs = validation_errors(it.record.to_dict())
        if errs:
            it.reject("self_verify", f"schema: {errs[0]}")
            report.count("self_verify", False, it.reason)
            continue
        rows.append(it.record.to_dict())
        keep.append(it)
    if not rows:
        return
    for it, (ok, status, reason) in zip(keep, ProjectVerifier(timeout)(rows), strict=True):
        it.checks["self_verify"] = {"ok": ok, "status": status, "reason": reason}
        if not ok:
            it.reject("self_verify", f"gold does not self-verify: {status}: {reason}")
        report.count("self_verify", ok, it.reason)


def quality_stage(items: list[Item], llm: Any, report: StageReport, *, template: str, system: str,
                  threshold: float = DEFAULT_THRESHOLD, max_tokens: int = 1024) -> None:
    """LLM quality review; every score must reach `threshold` (scores stored in `checks["quality"]`)."""
    from qftdata.models import SamplingParams
    from qftdata.synth.parse import MalformedOutput, parse_scores

    todo = [it for it in items if it.alive and it.record is not None]
    if not todo:
        return
    convs = []
    for it in todo:
        r = it.record
        user = render(template, category=r.category, level=r.level, problem=r.problem, answer=r.answer or "(code)",
                      answer_type=r.answer_type, symbols=", ".join(r.symbols) or "(none)", solution=r.solution)
        convs.append([{"role": "system", "content": system}, {"role": "user", "content": user}])
    params = SamplingParams(n=1, temperature=0.0, max_new_tokens=max_tokens)
    for it, comps in zip(todo, llm.ask(convs, params, stage="quality"), strict=True):
        text = comps[0].text if comps else ""
        try:
            scores, comments = parse_scores(text)
        except MalformedOutput as exc:
            it.checks["quality"] = {"ok": False, "malformed": str(exc), "raw": text[:2000]}
            it.reject("quality", f"malformed review: {exc}")
            report.count("quality", False, it.reason)
            continue
        low = {k: v for k, v in scores.items() if v < threshold}
        ok = not low
        it.checks["quality"] = {"ok": ok, "scores": scores, "threshold": threshold, "comments": comments,
                                "model": llm.model}
        if not ok:
            it.reject("quality", "score below threshold: " + ", ".join(f"{k}={v:g}" for k, v in low.items()))
        report.count("quality", ok, it.reason)


def solver_stage(items: list[Item], llm: Any, report: StageReport, *, k: int = DEFAULT_K,
                 temperature: float = 0.7, max_tokens: int = 4096, seed: int = 0,
                 timeout: float = 10.0) -> None:
    """pass@k with an independent solver: k samples of the project prompt, graded by the project verifier."""
    from qftdata.models import SamplingParams
    from qftdata.prompts import build_prompt
    from qftdata.verify import verify_records

    todo = [it for it in items if it.alive and it.record is not None]
    if not todo:
        return
    params = SamplingParams(n=k, temperature=temperature, max_new_tokens=max_tokens, seed=seed)
    outs = llm.ask([build_prompt(it.record) for it in todo], params, stage="solver")
    # Identical samples of one problem are graded once (a code answer costs a sandbox run).
    pairs: dict[tuple[int, str], int] = {}
    flat_c, flat_r = [], []
    for n, (it, comps) in enumerate(zip(todo, outs, strict=True)):
        for c in comps:
            if (n, c.text) not in pairs:
                pairs[(n, c.text)] = len(flat_c)
                flat_c.append(c.text)
                flat_r.append(it.record.to_dict())
    verdicts = verify_records(flat_c, flat_r, timeout=timeout) if flat_c else []
    for n, (it, comps) in enumerate(zip(todo, outs, strict=True)):
        vs = [verdicts[pairs[(n, c.text)]] for c in comps]
        statuses = [v.status for v in vs]
        n_correct = sum(bool(v) for v in vs)
        ok = n_correct > 0
        it.checks["solver"] = {"ok": ok, "model": llm.model, "k": k, "n_correct": n_correct,
                               "statuses": statuses, "extracted": [v.extracted for v in vs]}
        if not ok:
            it.reject("solver", f"no correct answer in pass@{k}: " + ", ".join(sorted(set(statuses))))
        report.count("solver", ok, it.reason)


def finalize(items: list[Item]) -> list[Problem]:
    """Records of the surviving items with the check results in their metadata."""
    out = []
    for it in items:
        if not it.alive or it.record is None:
            continue
        meta = it.record.meta()
        meta["checks"] = it.checks
        it.record.metadata = dumps(meta)
        out.append(it.record)
    return out


# ---------------------------------------------------------------------------------------------- outputs


def write_jsonl(rows: list[dict[str, Any]], path: str | Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


MINIMAL_CARD_META = {"license": "other", "language": ["en"], "task_categories": ["question-answering"],
                     "pretty_name": "qft-reason", "tags": ["physics", "quantum-field-theory"]}


def add_to_dataset(folder: str | Path, config: str, records: list[Problem], split: str = "test") -> dict[str, int]:
    """Merge `records` into `config`/`split` of a dataset folder (rows with the same id are replaced, other
    rows kept) through `qftdata.build.add_config`; each row gets the shared `prompt` column. A folder
    without a card gets a minimal one with the keys `qftdata validate` requires (license `other`: edit it)."""
    import pyarrow.parquet as pq

    from qftdata.build import add_config, scan_configs
    from qftdata.build.folder import CARD, problem_features, read_card, write_card
    from qftdata.prompts import build_prompt

    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    if not (root / CARD).exists():
        write_card(root, dict(MINIMAL_CARD_META), f"# {root.resolve().name}\n")
    else:
        meta, body = read_card(root)
        missing = {k: v for k, v in MINIMAL_CARD_META.items() if k not in meta}
        if missing:
            write_card(root, {**meta, **missing}, body)
    splits: dict[str, list[dict[str, Any]]] = {}
    for name, paths in scan_configs(root).get(config, {}).items():
        splits[name] = [row for p in paths for row in pq.read_table(root / p).to_pylist()]
    new = []
    for r in records:
        row = r.to_dict()
        row["prompt"] = build_prompt(r)
        new.append(row)
    ids = {r["id"] for r in new}
    splits[split] = [r for r in splits.get(split, []) if r["id"] not in ids] + new
    for name in splits:
        splits[name] = sorted(splits[name], key=lambda r: r["id"])
    return add_config(root, config, splits, features=problem_features())
