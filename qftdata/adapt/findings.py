"""The deterministic stage of `qftdata adapt` (no model): read, split and pair, drop duplicate parts,
extract each part's result and decide whether it is verifiable.

Every part ends in one of three states, each with a reason "kind: detail":

* **set aside** — no solution part could be paired with it without guessing (`qftdata.adapt.pairing`), or it
  repeats an earlier part (same set-up, text and solution; the reason names the part that is kept);
* **not verifiable** — the classifier's rules (`qftdata.adapt.classifier`), or its result does not parse
  with the project verifier as the answer type the part asks for;
* **verifiable** — what `--model` rewrites.

Outputs: `parts.jsonl` (every part), `not_verifiable.jsonl`, `set_aside.jsonl`, `read_issues.jsonl`,
`summary.md`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qftdata.adapt.classifier import answer_type_for, classify, strip_unit
from qftdata.adapt.extractor import extract_result
from qftdata.adapt.pairing import split_pair
from qftdata.adapt.readers import ReadIssue, SeedPair, read_seeds

__all__ = ["Finding", "analyse", "analyse_pair", "write_findings"]

PARSE_TIMEOUT = 5.0  # seconds per result for the verifier's parse check


@dataclass
class Finding:
    """One part of one seed entry, with what the deterministic stage found."""

    file: str
    entry_index: int
    entry_id: str
    title: str
    source: str
    part_label: str
    part_ordinal: int
    n_parts: int
    split_method: str
    preamble: str
    text: str
    solution: str
    solution_preamble: str
    result: dict[str, Any] | None
    result_parses: bool | None
    verifiable: bool
    reason: str
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    collection: str = ""
    set_aside: bool = False
    answer_type: str = ""        # what the part asks for: "expression" | "numeric" ("" if not decided)
    answer_value: str = ""       # the result as the verifier checked it (a numeric result without its unit)

    @property
    def where(self) -> str:
        return f"{self.collection}/{Path(self.file).name}"

    @property
    def key(self) -> str:
        return f"{self.where}#{self.entry_index}" + (f"({self.part_label})" if self.part_label else "")

    @property
    def status(self) -> str:
        return "set aside" if self.set_aside else ("verifiable" if self.verifiable else "not verifiable")

    @property
    def reason_kind(self) -> str:
        return self.reason.split(":", 1)[0]

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "status": self.status,
                **{k: getattr(self, k) for k in self.__dataclass_fields__}}


def analyse_pair(pair: SeedPair) -> list[Finding]:
    """Split and pair one entry; parts that could be paired are left for `classify_findings`."""
    split = split_pair(pair.problem, pair.solution)
    out = []
    for part in split.parts:
        res = extract_result(part.solution) if part.solution else None
        out.append(Finding(
            file=pair.file, entry_index=pair.index, entry_id=pair.id, title=pair.title, source=pair.source,
            part_label=part.label, part_ordinal=part.ordinal, n_parts=len(split.parts), split_method=split.method,
            preamble=split.preamble, text=part.text, solution=part.solution,
            solution_preamble=split.solution_preamble, result=res.as_dict() if res else None,
            result_parses=None, verifiable=False, reason=part.set_aside, notes=list(split.notes),
            extra=pair.extra, collection=pair.collection, set_aside=bool(part.set_aside)))
    return out


def mark_duplicates(findings: list[Finding]) -> None:
    """Set aside every paired part whose set-up, text and solution repeat an earlier one (the same
    exercise in two collections), naming the part that is kept."""
    kept: dict[tuple[str, str, str], Finding] = {}
    for f in findings:
        if f.set_aside:
            continue
        key = tuple(" ".join(x.split()) for x in (f.preamble, f.text, f.solution))
        if key in kept:
            f.set_aside = True
            f.reason = f"duplicate: same set-up, part text and solution as {kept[key].key}, which is kept"
        else:
            kept[key] = f


def classify_findings(findings: list[Finding], timeout: float = PARSE_TIMEOUT) -> None:
    """Classify the paired parts; a candidate stays verifiable only if the verifier parses its result as
    the answer type the part asks for (one time-limited check per result, run in parallel)."""
    from qftdata.verify import verify_records

    todo = []
    for f in findings:
        if f.set_aside:
            continue
        value = f.result["value"] if f.result else None
        f.verifiable, f.reason = classify(f.text, value, f.result.get("equations", 1) if f.result else 1)
        if f.verifiable and value:
            f.answer_type = answer_type_for(f.text, value)
            f.answer_value = strip_unit(value) if f.answer_type == "numeric" else value
            todo.append(f)
    if not todo:
        return
    rows = [{"answer": f.answer_value, "answer_type": f.answer_type, "symbols": [], "tolerance": 0.0}
            for f in todo]
    verdicts = verify_records([f"\\boxed{{{f.answer_value}}}" for f in todo], rows, timeout=timeout)
    for f, v in zip(todo, verdicts, strict=True):
        article = "an" if f.answer_type == "expression" else "a"
        f.result_parses = bool(v) if v.status != "timeout" else None
        if v.status == "timeout":
            f.verifiable = False
            f.reason = f"parse check gave no verdict: `{f.answer_value[:60]}` ({v.reason})"
        elif not v:
            f.verifiable = False
            f.reason = (f"does not parse as {article} {f.answer_type} answer: `{f.answer_value[:60]}` "
                        f"({v.status}: {v.reason})")
        else:
            f.reason += f"; the verifier reads it as {article} {f.answer_type} answer"


def analyse(paths: str | Path | list[str | Path]) -> tuple[list[Finding], list[ReadIssue]]:
    """Read, split and pair, drop duplicates, extract and classify: the whole deterministic stage."""
    pairs, issues = read_seeds(paths)
    findings = [f for p in pairs for f in analyse_pair(p)]
    mark_duplicates(findings)
    classify_findings(findings)
    return findings, issues


def counts_of(findings: list[Finding], issues: list[ReadIssue]) -> dict[str, Any]:
    """The numbers `qftdata adapt` prints: pairs read, parts, and how many parts end in each state, why."""
    def reasons(status: str) -> dict[str, int]:
        return dict(Counter(f.reason_kind for f in findings if f.status == status).most_common())

    return {"pairs_read": len({(f.file, f.entry_index) for f in findings}), "read_issues": len(issues),
            "parts": len(findings),
            "multi_part_entries": len({(f.file, f.entry_index) for f in findings if f.n_parts > 1}),
            "results_extracted": sum(f.result is not None for f in findings),
            "verifiable": sum(f.status == "verifiable" for f in findings),
            "set_aside": sum(f.set_aside for f in findings),
            "not_verifiable": sum(f.status == "not verifiable" for f in findings),
            "set_aside_reasons": reasons("set aside"), "not_verifiable_reasons": reasons("not verifiable")}


def write_findings(out: str | Path, findings: list[Finding], issues: list[ReadIssue]) -> dict[str, Any]:
    from qftdata.synth.stages import write_jsonl

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    write_jsonl([f.as_dict() for f in findings], out / "parts.jsonl")
    for status, name in (("not verifiable", "not_verifiable.jsonl"), ("set aside", "set_aside.jsonl")):
        write_jsonl([{"key": f.key, "file": f.file, "entry_index": f.entry_index, "part_label": f.part_label,
                      "reason": f.reason, "text": f.text} for f in findings if f.status == status], out / name)
    write_jsonl([vars(i) for i in issues], out / "read_issues.jsonl")
    counts = counts_of(findings, issues)
    lines = ["# qftdata adapt: deterministic stage", "", "| | count |", "|---|---:|"]
    lines += [f"| {k.replace('_', ' ')} | {v} |" for k, v in counts.items() if isinstance(v, int)]
    for title, key in (("Set aside", "set_aside_reasons"), ("Not verifiable", "not_verifiable_reasons")):
        if counts[key]:
            lines += ["", f"{title}: " + "; ".join(f"{k} ({v})" for k, v in counts[key].items())]
    lines += ["", "## Parts", "", "| part | split | result (method) | status | reason |", "|---|---|---|---|---|"]
    for f in findings:
        res = f"`{f.result['value'][:60]}` ({f.result['method']})" if f.result else "—"
        lines.append(f"| {f.key} | {f.split_method} | {res.replace('|', '/')} | {f.status} "
                     f"| {f.reason.replace('|', '/')} |")
    if issues:
        lines += ["", "## Read issues", ""] + [f"- {i}" for i in issues]
    (out / "summary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return counts
