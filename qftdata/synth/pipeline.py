"""`qftdata synth`: LLM-written problems, kept only when independent checks pass (arXiv 2604.18936 §3).

For each (topic, level, difficulty) cell of a topic list the generator writes one problem in the record
schema (JSON in a fenced block), with the titles and openings of the topic's earlier problems in the prompt
to avoid repeats; then the shared checks of `qftdata.synth.stages` run (self-verification, LLM quality
review, independent solver pass@k). Every LLM call goes through a disk cache (`OUT/.cache/llm`), so an
interrupted run continues where it stopped and a finished run replays for free.

>>> cfg = SynthConfig(model="gpt-x", out="synth-out", n=20, base_url="http://localhost:8000/v1")  # doctest: +SKIP
>>> result = run_synth(cfg)                                                                        # doctest: +SKIP
"""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from qftdata.synth.stages import (
    DEFAULT_K,
    DEFAULT_THRESHOLD,
    Item,
    StageReport,
    add_to_dataset,
    finalize,
    load_template,
    prepare_code,
    quality_stage,
    render,
    self_verify_stage,
    solver_stage,
    to_record,
    write_jsonl,
)
from qftdata.synth.topics import Job, load_topics, plan_jobs, summarise

__all__ = ["CheckOptions", "Job", "LLMOptions", "SynthConfig", "SynthResult", "load_topics", "make_llm", "plan_jobs",
           "run_checks", "run_synth", "usage_summary"]

FAMILY_VERSION = 1


# ---------------------------------------------------------------------------------------------- LLMs


@dataclass
class LLMOptions:
    """How to reach the models (shared by synth and adapt)."""

    backend: str = "openai"
    base_url: str | None = None
    api_key: str | None = None
    concurrency: int = 8
    request_timeout: float = 600.0
    max_retries: int = 6
    n_per_request: int | None = None
    max_tokens_field: str = "max_tokens"
    price_in: float | None = None   # USD per million prompt tokens (estimate when the endpoint gives no cost)
    price_out: float | None = None  # USD per million completion tokens


def make_llm(model: str, opts: LLMOptions, cache_dir: str | Path, base_url: str | None = None) -> Any:
    """A `CachedLLM` whose backend (built on the first cache miss) is `get_backend(opts.backend, model)`."""
    from qftdata.llm_cache import CachedLLM

    def factory():
        from qftdata.models import get_backend

        if opts.backend == "openai":
            return get_backend("openai", model, base_url=base_url or opts.base_url,
                               api_key=opts.api_key or os.environ.get("OPENAI_API_KEY"),
                               concurrency=opts.concurrency, timeout=opts.request_timeout,
                               max_retries=opts.max_retries, n_per_request=opts.n_per_request,
                               max_tokens_field=opts.max_tokens_field)
        return get_backend(opts.backend, model)

    return CachedLLM(model=model, cache_dir=Path(cache_dir), backend_factory=factory,
                     concurrency=opts.concurrency)


def usage_summary(llms: dict[str, Any], opts: LLMOptions) -> dict[str, Any]:
    """Per role (roles sharing one model/endpoint are joined with '+') usage, totals and cost."""
    by_obj: dict[int, tuple[list[str], Any]] = {}
    for role, llm in llms.items():
        by_obj.setdefault(id(llm), ([], llm))[0].append(role)
    out: dict[str, Any] = {}
    total_in = total_out = 0
    cost = 0.0
    has_cost = False
    for roles, llm in by_obj.values():
        u = llm.usage()
        out["+".join(roles)] = u
        total_in += u["prompt_tokens"]
        total_out += u["completion_tokens"]
        if "cost" in u:
            cost += u["cost"]
            has_cost = True
    out["prompt_tokens"] = total_in
    out["completion_tokens"] = total_out
    if has_cost:
        out["cost_usd"], out["cost_source"] = cost, "reported by the endpoint"
    elif opts.price_in is not None or opts.price_out is not None:
        out["cost_usd"] = (total_in * (opts.price_in or 0) + total_out * (opts.price_out or 0)) / 1e6
        out["cost_source"] = "estimated from --price-in/--price-out (live calls of this run)"
    return out


# ---------------------------------------------------------------------------------------------- checks


@dataclass
class CheckOptions:
    """The filter chain's settings (shared by synth and adapt)."""

    threshold: float = DEFAULT_THRESHOLD
    k: int = DEFAULT_K
    quality: bool = True
    solver: bool = True
    solver_temperature: float = 0.7
    solver_max_tokens: int = 4096
    judge_max_tokens: int = 1024
    verify_timeout: float = 10.0
    seed: int = 0


def run_checks(items: list[Item], llms: dict[str, Any], checks: CheckOptions, report: StageReport,
               prompts_dir: str | Path | None = None) -> None:
    """self_verify -> quality -> solver on the alive items (code candidates get their reference run first)."""
    self_verify_stage(items, report, timeout=checks.verify_timeout)
    system = load_template("system.md", prompts_dir)
    if checks.quality:
        quality_stage(items, llms["judge"], report, template=load_template("quality.md", prompts_dir),
                      system=system, threshold=checks.threshold, max_tokens=checks.judge_max_tokens)
    else:
        report.notes.append("quality check skipped (--no-quality)")
    if checks.solver:
        solver_stage(items, llms["solver"], report, k=checks.k, temperature=checks.solver_temperature,
                     max_tokens=checks.solver_max_tokens, seed=checks.seed, timeout=checks.verify_timeout)
    else:
        report.notes.append("solver check skipped (--no-solver)")


def build_record(it: Item, report: StageReport, make, timeout: float = 20.0) -> None:
    """Run a code candidate's reference (sandbox) and build the record with `make(candidate)`; a failure
    rejects the item at `self_verify`."""
    cand = it.candidate
    if cand is None:
        return
    if cand["answer_type"] == "code":
        try:
            prepare_code(cand, timeout=timeout)
        except ValueError as exc:
            it.reject("self_verify", f"code: {exc}")
            report.count("self_verify", False, it.reason)
            return
    try:
        it.record = make(cand)
    except (KeyError, ValueError, TypeError) as exc:
        it.reject("self_verify", f"record: {exc}")
        report.count("self_verify", False, it.reason)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


# ---------------------------------------------------------------------------------------------- run


@dataclass(kw_only=True)
class RouteOptions:
    """Options every LLM route shares (`qftdata synth`, `qftdata adapt`): prompts, endpoint, checks,
    the independent solver and judge, generation length and seed, and the dataset folder to write into."""

    prompts_dir: str | Path | None = None
    llm: LLMOptions = field(default_factory=LLMOptions)
    checks: CheckOptions = field(default_factory=CheckOptions)
    solver_model: str | None = None
    solver_base_url: str | None = None
    judge_model: str | None = None
    judge_base_url: str | None = None
    max_tokens: int = 4096
    seed: int = 0
    dataset_dir: str | Path | None = None


@dataclass(kw_only=True)
class SynthConfig(RouteOptions):
    model: str
    out: str | Path
    n: int = 10
    topics: str | Path | None = None
    temperature: float = 0.8
    categories: list[str] | None = None
    levels: list[str] | None = None
    difficulties: list[str] | None = None
    answer_types: tuple[str, ...] = ("expression",)
    config_name: str = "llm_synthetic"
    split: str = "test"


@dataclass
class SynthResult:
    records: list[Any]
    report: dict[str, Any]
    out: Path


def _llms(model: str, judge: str | None, judge_url: str | None, solver: str | None, solver_url: str | None,
          opts: LLMOptions, cache_dir: Path) -> dict[str, Any]:
    pool: dict[tuple[str, str | None], Any] = {}

    def get(m: str, url: str | None) -> Any:
        key = (m, url or opts.base_url)
        if key not in pool:
            pool[key] = make_llm(m, opts, cache_dir, base_url=url)
        return pool[key]

    return {"generator": get(model, None), "judge": get(judge or model, judge_url),
            "solver": get(solver or model, solver_url)}


def _summary_line(cand: dict[str, Any]) -> str:
    head = cand.get("title") or ""
    text = " ".join(cand["problem"].split())
    return f"- {head + ': ' if head else ''}{text[:220]}{'...' if len(text) > 220 else ''}"


def run_synth(cfg: SynthConfig) -> SynthResult:
    from qftdata.models import SamplingParams
    from qftdata.schema import stable_id
    from qftdata.synth.parse import MalformedOutput, parse_candidate

    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    topics = load_topics(cfg.topics)
    jobs = plan_jobs(topics, cfg.n, cfg.seed, categories=cfg.categories, levels=cfg.levels,
                     difficulties=cfg.difficulties, answer_types=cfg.answer_types)
    llms = _llms(cfg.model, cfg.judge_model, cfg.judge_base_url, cfg.solver_model, cfg.solver_base_url, cfg.llm,
                 out / ".cache" / "llm")
    settings = {"model": cfg.model, "judge_model": cfg.judge_model or cfg.model,
                "solver_model": cfg.solver_model or cfg.model, "n": cfg.n, "seed": cfg.seed,
                "topics": str(cfg.topics or "packaged"), "prompts_dir": str(cfg.prompts_dir or "packaged"),
                "temperature": cfg.temperature, "max_tokens": cfg.max_tokens, "answer_types": list(cfg.answer_types),
                "checks": asdict(cfg.checks), "backend": cfg.llm.backend}
    report = StageReport("synth", settings)
    read = summarise(topics)
    report.extra["topic_list"] = read
    report.notes.append(f"topic list ({read['layout']} layout): {read['topics']} topics in {len(read['categories'])} "
                        "categories; per level " + ", ".join(f"{k} {v}" for k, v in read["levels"].items()))
    system = load_template("system.md", cfg.prompts_dir)
    template = load_template("generate.md", cfg.prompts_dir)
    params = SamplingParams(n=1, temperature=cfg.temperature, max_new_tokens=cfg.max_tokens, seed=cfg.seed)
    items = [Item(label=j.label, provenance={"category": j.category, "level": j.level, "topic": j.topic,
                                              "topic_id": j.topic_id, "difficulty": j.difficulty, "rank": j.rank,
                                              "job": j.index})
             for j in jobs]
    earlier: dict[tuple[str, str], list[str]] = {}
    try:
        for rank in range(max(j.rank for j in jobs) + 1):
            batch = [(j, it) for j, it in zip(jobs, items, strict=True) if j.rank == rank]
            convs = []
            for j, _ in batch:
                prev = earlier.get((j.category, j.topic), [])
                user = render(template, category=j.category, topic=j.prompt_topic, level=j.level,
                              difficulty=j.difficulty, answer_type=j.answer_type,
                              earlier="\n".join(prev) if prev else "(none yet)")
                convs.append([{"role": "system", "content": system}, {"role": "user", "content": user}])
            for (j, it), comps in zip(batch, llms["generator"].ask(
                    convs, params, stage="generate", seeds=[cfg.seed * 100_003 + j.index for j, _ in batch]), strict=True):
                it.raw = comps[0].text if comps else ""
                if comps and comps[0].finish_reason == "length":
                    it.reject("parse", "truncated: the reply hit max_tokens")
                else:
                    try:
                        it.candidate = parse_candidate(it.raw)
                        if it.candidate["answer_type"] != j.answer_type:
                            raise MalformedOutput(f"answer_type: asked for {j.answer_type!r}, got "
                                                  f"{it.candidate['answer_type']!r}")
                    except MalformedOutput as exc:
                        it.candidate = None
                        it.reject("parse", f"malformed: {exc}")
                report.count("parse", it.alive, it.reason)
                if it.candidate is not None:
                    earlier.setdefault((j.category, j.topic), []).append(_summary_line(it.candidate))

        for j, it in zip(jobs, items, strict=True):
            if not it.alive:
                continue
            family = f"synth.{slug(j.category)}"

            def make(cand: dict[str, Any], j: Job = j, family: str = family):
                params = {"model": cfg.model, "topic": j.topic, "level": j.level, "difficulty": j.difficulty,
                          "problem": cand["problem"], "answer": cand.get("answer", "")}
                if j.topic_id:  # the paper's topic list: its ids are part of the provenance
                    params["topic_id"] = j.topic_id
                rid = stable_id(family, FAMILY_VERSION, params)
                meta = {"provenance": "qftdata synth (LLM-written, independently checked)",
                        "generator_model": cfg.model, "topic": j.topic, "difficulty": j.difficulty,
                        "job": j.index, "rank": j.rank}
                if j.topic_id:
                    meta.update(topic_id=j.topic_id, topic_description=j.topic_description,
                                topic_list=str(cfg.topics))
                return to_record(cand, source="llm-synthetic", family=family, category=j.category, level=j.level,
                                 rid=rid, metadata=meta)

            build_record(it, report, make)
        run_checks(items, llms, cfg.checks, report, cfg.prompts_dir)
    finally:
        for llm in {id(v): v for v in llms.values()}.values():
            llm.close()
    return _finish(items, report, out, llms, cfg.llm, cfg.dataset_dir, cfg.config_name, cfg.split,
                   "llm_synthetic.jsonl")


def dedup_stage(items: list[Item], report: StageReport) -> None:
    """Reject every surviving record whose statement and answer (white space aside) repeat an earlier
    one's, e.g. a model writing the same problem twice; the reason names the record that is kept."""
    by_text: dict[tuple[str, str], Item] = {}
    by_id: dict[str, Item] = {}
    for it in items:
        if not it.alive or it.record is None:
            continue
        r = it.record
        key = (" ".join(r.problem.split()), " ".join(r.answer.split()))
        same = by_text.get(key)
        first = same or by_id.get(r.id)
        if first is not None:
            what = "same statement and answer" if same is not None else "same id, other content"
            it.reject("dedup", f"duplicate: {what} as {first.record.id} ({first.label}), which is kept")
        else:
            by_text[key], by_id[r.id] = it, it
        report.count("dedup", first is None, it.reason)


def _finish(items: list[Item], report: StageReport, out: Path, llms: dict[str, Any], opts: LLMOptions,
            dataset_dir: str | Path | None, config: str, split: str, filename: str) -> SynthResult:
    dedup_stage(items, report)
    unique = finalize(items)
    write_jsonl([r.to_dict() for r in unique], out / filename)
    write_jsonl([it.as_rejected() for it in items if not it.alive], out / "rejected.jsonl")
    report.extra["kept"] = len(unique)
    report.extra["outputs"] = {"records": str(out / filename), "rejected": str(out / "rejected.jsonl")}
    if dataset_dir is not None and unique:
        counts = add_to_dataset(dataset_dir, config, unique, split=split)
        report.extra["dataset"] = {"dir": str(dataset_dir), "config": config, "splits": counts}
    data = report.write(out, usage_summary(llms, opts))
    return SynthResult(unique, data, out)
