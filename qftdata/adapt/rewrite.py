"""`qftdata adapt`: human-written problem/solution pairs -> verifiable, self-contained problems.

Deterministic stage (no model, `qftdata.adapt.findings`): read the seeds, split and pair the parts, set
aside what cannot be paired without guessing and exact repeats, extract each part's result and decide
whether it is verifiable. Written to `OUT/parts.jsonl` and friends and `OUT/summary.md`.

With a model: every verifiable part is rewritten by the LLM into one self-contained problem with one final
answer (minimal changes, provenance kept in metadata), then the shared checks run (self-verification, LLM
quality review, independent solver pass@k; `qftdata.synth.stages`). Output `OUT/human_adapted.jsonl`,
`OUT/rejected.jsonl`, `OUT/report.json`, `OUT/report.md`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qftdata.adapt.findings import Finding, analyse, write_findings
from qftdata.synth.pipeline import (
    RouteOptions,
    SynthResult,
    _finish,
    _llms,
    build_record,
    run_checks,
    slug,
)
from qftdata.synth.stages import Item, StageReport, load_template, render

__all__ = ["AdaptConfig", "run_adapt"]

FAMILY_VERSION = 1
DEFAULT_LEVEL = "graduate"


@dataclass(kw_only=True)
class AdaptConfig(RouteOptions):
    seeds: list[str | Path]
    out: str | Path
    model: str | None = None
    temperature: float = 0.2
    category: str | None = None   # overrides the model's choice (an entry's own `category` key wins)
    level: str | None = None
    config_name: str = "human"
    split: str = "test"


def _count_deterministic(findings: list[Finding], report: StageReport) -> None:
    """Per-stage counts of the deterministic stage: pairing, then duplicate seed parts, then classify."""
    for f in findings:
        paired = not f.set_aside or f.reason_kind == "duplicate"
        report.count("pairing", paired, "" if paired else f.reason)
        if paired:
            report.count("seed dedup", not f.set_aside, f.reason if f.set_aside else "")
        if not f.set_aside:
            report.count("classify", f.verifiable, f.reason)


def _earlier(findings: list[Finding], f: Finding) -> str:
    prev = [g for g in findings if g.file == f.file and g.entry_index == f.entry_index
            and g.part_ordinal < f.part_ordinal]
    if not prev:
        return "(none)"
    return "\n".join(f"({g.part_label}) {g.text}\n    result: {g.result['latex'] if g.result else '(none found)'}"
                     for g in prev)


def run_adapt(cfg: AdaptConfig) -> tuple[dict[str, Any], SynthResult | None]:
    """Deterministic stage, then (with `cfg.model`) rewrite + checks. Returns (counts, result or None)."""
    from qftdata.models import SamplingParams
    from qftdata.schema import CATEGORIES, LEVELS, stable_id
    from qftdata.synth.parse import MalformedOutput, parse_candidate

    out = Path(cfg.out)
    findings, issues = analyse(cfg.seeds)
    counts = write_findings(out, findings, issues)
    if not cfg.model:
        return counts, None
    llms = _llms(cfg.model, cfg.judge_model, cfg.judge_base_url, cfg.solver_model, cfg.solver_base_url, cfg.llm,
                 out / ".cache" / "llm")
    llms = {"rewriter": llms.pop("generator"), **llms}
    settings = {"model": cfg.model, "judge_model": cfg.judge_model or cfg.model,
                "solver_model": cfg.solver_model or cfg.model, "seeds": [str(s) for s in cfg.seeds],
                "temperature": cfg.temperature, "max_tokens": cfg.max_tokens, "backend": cfg.llm.backend,
                "checks": vars(cfg.checks), "prompts_dir": str(cfg.prompts_dir or "packaged")}
    report = StageReport("adapt", settings)
    report.extra["deterministic"] = counts
    _count_deterministic(findings, report)
    system = load_template("system.md", cfg.prompts_dir)
    template = load_template("adapt.md", cfg.prompts_dir)
    todo = [f for f in findings if f.verifiable]
    items = [Item(label=f.key, provenance={"source_file": f.file, "entry_index": f.entry_index,
                                            "entry_id": f.entry_id, "part_label": f.part_label,
                                            "collection": f.collection}) for f in todo]
    convs = []
    for f in todo:
        user = render(template, source=f.source or f.where, entry=f.entry_id or f.entry_index,
                      part=f.part_label or "whole problem", preamble=f.preamble or "(none)",
                      earlier_parts=_earlier(findings, f), part_text=f.text,
                      part_solution=(f.solution_preamble + "\n\n" + f.solution).strip(),
                      extracted=f.result["latex"] if f.result else "(none)",
                      categories="; ".join(CATEGORIES), levels=", ".join(LEVELS))
        convs.append([{"role": "system", "content": system}, {"role": "user", "content": user}])
    params = SamplingParams(n=1, temperature=cfg.temperature, max_new_tokens=cfg.max_tokens, seed=cfg.seed)
    try:
        replies = llms["rewriter"].ask(convs, params, stage="rewrite") if convs else []
        for f, it, comps in zip(todo, items, replies, strict=True):
            it.raw = comps[0].text if comps else ""
            try:
                if comps and comps[0].finish_reason == "length":
                    raise MalformedOutput("truncated: the reply hit max_tokens")
                it.candidate = parse_candidate(it.raw)
                if it.candidate["answer_type"] == "code":
                    raise MalformedOutput("answer_type: adapt writes expression/numeric/categorical answers")
            except MalformedOutput as exc:
                it.candidate = None
                it.reject("parse", f"malformed: {exc}")
            report.count("parse", it.alive, it.reason)
            if it.candidate is None:
                continue
            family = f"adapt.{slug(f.collection)}"

            def make(cand: dict[str, Any], f: Finding = f, family: str = family):
                category = f.extra.get("category") or cfg.category or cand.get("category") or ""
                level = f.extra.get("level") or cfg.level or cand.get("level") or DEFAULT_LEVEL
                if category not in CATEGORIES:
                    raise ValueError(f"category {category!r} unknown (give --category, a 'category' key in the "
                                     "seed entry, or let the model choose one)")
                rid = stable_id(family, FAMILY_VERSION, {"collection": f.collection, "file": Path(f.file).name,
                                                         "entry": f.entry_index, "entry_id": f.entry_id,
                                                         "part": f.part_label})
                original = (f.preamble + "\n\n" + f.text).strip() if f.preamble else f.text
                meta = {"provenance": "qftdata adapt (human problem, LLM rewrite, independently checked)",
                        "collection": f.collection, "source_file": Path(f.file).name, "source_path": f.file,
                        "entry_index": f.entry_index,
                        "entry_id": f.entry_id, "entry_title": f.title, "entry_source": f.source,
                        "part_label": f.part_label, "n_parts": f.n_parts, "split_method": f.split_method,
                        "original_problem": original, "original_solution": f.solution,
                        "extracted_result": f.result, "asked_answer_type": f.answer_type,
                        "rewriter_model": cfg.model,
                        "license": str(f.extra.get("license", "")) or "see the seed source"}
                return to_record_adapt(cand, family, category, level, rid, meta)

            build_record(it, report, make)
        _matches_original(todo, items, report)
        run_checks(items, llms, cfg.checks, report, cfg.prompts_dir)
    finally:
        for llm in {id(v): v for v in llms.values()}.values():
            llm.close()
    result = _finish(items, report, out, llms, cfg.llm, cfg.dataset_dir, cfg.config_name, cfg.split,
                     "human_adapted.jsonl")
    return counts, result


def to_record_adapt(cand, family, category, level, rid, meta):
    from qftdata.synth.stages import to_record

    return to_record(cand, source="human-adapted", family=family, category=category, level=level, rid=rid,
                     metadata=meta)


def _matches_original(findings: list[Finding], items: list[Item], report: StageReport) -> None:
    """Informational: does the rewritten gold equal the result extracted from the human solution?"""
    from qftdata.verify import verify

    for f, it in zip(findings, items, strict=True):
        if not it.alive or it.record is None or not f.result:
            continue
        r = it.record
        v = verify(f"\\boxed{{{f.answer_value or f.result['value']}}}", r.answer, answer_type=r.answer_type, symbols=r.symbols,
                   tolerance=r.tolerance or (1e-2 if r.answer_type == "numeric" else 0.0),
                   choices=r.choices, assumptions=r.assumptions or None, timeout=5.0)
        it.checks["matches_original"] = {"ok": bool(v), "status": v.status, "reason": v.reason}
        report.count("matches_original (info, not a filter)", bool(v), f"{v.status}: {v.reason}")
