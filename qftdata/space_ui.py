"""The qft-reason Gradio Space: explore problems, check answers, try a model, compare evaluation runs.

The logic (loading, filtering, rendering, grading, result tables) is plain Python so it can be tested
without a browser; `build_app` only wires it to Gradio components. Deployed by `space_app/app.py`, run
locally by `qftdata space`.

Inputs are bounded (`MAX_INPUT_CHARS`), every check goes through the verifier's own hard time limit in a
worker process, and Gradio's queue serialises bursts (`default_concurrency_limit`), so many users at once
wait in line instead of crashing the server.
"""

from __future__ import annotations

import json
import logging
import os
import random
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

MAX_INPUT_CHARS = 20_000
CHECK_TIMEOUT_S = 5.0
ALL = "(all)"
LATEX = [{"left": "$$", "right": "$$", "display": True}, {"left": "$", "right": "$", "display": False},
         {"left": "\\(", "right": "\\)", "display": False}, {"left": "\\[", "right": "\\]", "display": True}]


# ------------------------------------------------------------------------------------------ data
@dataclass
class Corpus:
    """Problems the Space shows: rows (schema fields + `config`, `split`) and where they came from."""

    rows: list[dict[str, Any]]
    source: str
    by_id: dict[str, dict[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {r["id"]: r for r in self.rows}

    def values(self, column: str) -> list[str]:
        return sorted({str(r.get(column, "")) for r in self.rows})

    def splits(self) -> list[str]:
        return sorted({f"{r['config']}/{r['split']}" for r in self.rows})


def bundled_sample(per_family: int = 2, seed: int = 0) -> Corpus:
    """A small sample generated at start-up from every registered family (no network needed)."""
    from qftdata.generators import families, generate

    rows: list[dict[str, Any]] = []
    for name in families():
        try:
            records = generate(name, n=per_family, seed=seed)
        except Exception:  # a broken family must not take the Space down; it is logged and skipped
            logger.exception("bundled sample: family %s failed", name)
            continue
        config = "xphysics" if name.startswith("xphysics.") else "problems"
        rows += [{**r.to_dict(), "config": config, "split": "sample"} for r in records]
    return Corpus(rows, source=f"bundled sample ({per_family} per family, seed {seed})")


def load_corpus(source: str | None, max_rows_per_split: int = 5000) -> Corpus:
    """`source`: None for the bundled sample, else a local `qftdata build` folder or a Hub id."""
    if not source:
        return bundled_sample()
    from datasets import get_dataset_config_names

    from qftdata.dataset_io import load

    rows: list[dict[str, Any]] = []
    configs = [c for c in get_dataset_config_names(source) if c not in ("sft", "traces")]
    for config in configs:
        ds = load(source, config)
        for split, part in ds.items():
            if "problem" not in part.column_names or "answer" not in part.column_names:
                continue
            part = part.select(range(min(len(part), max_rows_per_split)))
            drop = [c for c in ("prompt", "messages") if c in part.column_names]
            for row in part.remove_columns(drop):
                rows.append({**row, "config": config, "split": split})
    if not rows:
        raise ValueError(f"{source}: no problem rows found (configs: {configs})")
    return Corpus(rows, source=source)


def filter_rows(corpus: Corpus, split: str = ALL, category: str = ALL, family: str = ALL,
                level: str = ALL) -> list[dict[str, Any]]:
    out = []
    for r in corpus.rows:
        if split != ALL and f"{r['config']}/{r['split']}" != split:
            continue
        if category != ALL and r.get("category") != category:
            continue
        if family != ALL and r.get("family") != family:
            continue
        if level != ALL and r.get("level") != level:
            continue
        out.append(r)
    return out


def choice_label(row: dict[str, Any]) -> str:
    return f"{row['id']} · {row['family']} · {row['level']}"


def render_problem(row: dict[str, Any] | None) -> tuple[str, str, str]:
    """(statement, answer, worked solution) as Markdown with LaTeX."""
    if row is None:
        return "*No problem matches the filters.*", "", ""
    header = (f"**{row['family']}** · {row['category']} · *{row['level']}* · `{row['id']}` "
              f"({row['config']}/{row['split']})\n\n")
    symbols = ", ".join(f"`{s}`" for s in row.get("symbols") or []) or "none"
    answer = (f"**Gold answer** ({row['answer_type']}): $${row['answer']}$$\n\n"
              f"Symbols: {symbols}; tolerance: {row.get('tolerance', 0)}\n\n"
              f"<details><summary>answer source</summary>\n\n```\n{row['answer']}\n```\n</details>")
    return header + row["problem"], answer, row.get("solution") or ""


# ---------------------------------------------------------------------------------------- checking
@dataclass
class CheckResult:
    verdict: str  # "correct" / "incorrect" / ...
    markdown: str
    taxonomy: str | None = None


def _taxonomy(pred: str | None, gold: str, symbols: list[str], status: str, finish_reason: str | None = None
              ) -> str | None:
    """The error-taxonomy label of `qftdata.analysis` (if that module is installed in this version)."""
    try:
        from qftdata.analysis.taxonomy import classify
    except ImportError:
        return None
    try:
        return str(classify(pred, gold, symbols=symbols, status=status))
    except Exception:  # the label is a hint; a failure here must not hide the verdict
        logger.exception("taxonomy failed")
        return None


def check_answer(text: str, gold: str, *, answer_type: str = "expression", symbols: list[str] | None = None,
                 tolerance: float = 0.0, choices: list[str] | None = None, assumptions: str | dict | None = None,
                 code: str = "") -> CheckResult:
    """Grade `text` (a whole model output or a bare expression) against `gold` with the project verifier."""
    from qftdata.verify import verify

    text = text or ""
    if len(text) > MAX_INPUT_CHARS:
        return CheckResult("rejected", f"**rejected**: input longer than {MAX_INPUT_CHARS} characters "
                                       f"({len(text)}); paste the final part of the output.")
    if not text.strip():
        return CheckResult("no_answer", "**no_answer**: paste a model output or an expression.")
    symbols = list(symbols or [])
    if isinstance(assumptions, str):
        assumptions = json.loads(assumptions or "{}")
    kwargs: dict[str, Any] = dict(answer_type=answer_type, symbols=symbols, tolerance=tolerance,
                                  choices=tuple(choices or ()), assumptions=assumptions or None,
                                  timeout=CHECK_TIMEOUT_S)
    if code:
        kwargs["code"] = json.loads(code) if isinstance(code, str) else code
    # A bare expression without \boxed is graded as if it were boxed.
    candidate = text if ("\\boxed" in text or "\n" in text.strip()) else f"\\boxed{{{text.strip()}}}"
    v = verify(candidate, gold, **kwargs)
    lines = [f"## Verdict: {v.status}", "", f"**reason:** {v.reason}", ""]
    lines += ["| | parsed |", "|---|---|",
              f"| extracted | `{v.extracted}` |" if v.extracted is not None else "| extracted | — |",
              f"| prediction | `{v.pred_parsed}` |", f"| gold | `{v.gold_parsed}` |"]
    label = None
    if v.status != "correct":
        label = _taxonomy(v.extracted, gold, symbols, v.status)
        if label:
            lines += ["", f"**error class:** `{label}`"]
    return CheckResult(v.status, "\n".join(lines), label)


def check_row(text: str, row: dict[str, Any]) -> CheckResult:
    return check_answer(text, row["answer"], answer_type=row["answer_type"], symbols=list(row["symbols"]),
                        tolerance=float(row.get("tolerance") or 0.0), choices=list(row.get("choices") or []),
                        assumptions=row.get("assumptions") or "{}", code=row.get("code") or "")


# ---------------------------------------------------------------------------------------- model
@dataclass(frozen=True)
class ModelSettings:
    """What the "Try a model" tab talks to: a local model path or an OpenAI-compatible endpoint."""

    model: str | None = None  # local path (or Hub id) for transformers
    endpoint: str | None = None  # base URL, e.g. http://127.0.0.1:8000/v1
    endpoint_model: str | None = None
    max_new_tokens: int = 1024

    @property
    def enabled(self) -> bool:
        return bool(self.model or self.endpoint)

    def describe(self) -> str:
        if self.endpoint:
            return f"OpenAI-compatible endpoint `{self.endpoint}` (model `{self.endpoint_model or 'default'}`)"
        if self.model:
            return f"local model `{self.model}` (transformers)"
        return "no model configured"


@lru_cache(maxsize=2)
def _local_model(path: str):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path)
    model.eval()  # trusted: torch inference mode, not Python eval
    return tok, model


def stream_solution(settings: ModelSettings, row: dict[str, Any], temperature: float = 0.7) -> Iterator[str]:
    """Yield the growing model output for `row`'s prompt (streamed token by token)."""
    from qftdata.prompts import build_prompt

    messages = build_prompt(row)
    if settings.endpoint:
        from openai import OpenAI

        client = OpenAI(base_url=settings.endpoint, api_key=os.environ.get("OPENAI_API_KEY", "EMPTY"),
                        timeout=120.0)
        model = settings.endpoint_model or client.models.list().data[0].id
        text = ""
        for chunk in client.chat.completions.create(model=model, messages=messages, stream=True,
                                                    temperature=temperature,
                                                    max_tokens=settings.max_new_tokens):
            if chunk.choices and chunk.choices[0].delta.content:
                text += chunk.choices[0].delta.content
                yield text
        return
    from transformers import TextIteratorStreamer

    tok, model = _local_model(settings.model)
    inputs = tok.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True)
    streamer = TextIteratorStreamer(tok, skip_prompt=True, skip_special_tokens=True, timeout=300)
    kwargs = dict(**inputs, streamer=streamer, max_new_tokens=settings.max_new_tokens,
                  do_sample=temperature > 0, pad_token_id=tok.pad_token_id)
    if temperature > 0:
        kwargs["temperature"] = temperature
    worker = threading.Thread(target=model.generate, kwargs=kwargs, daemon=True)
    worker.start()
    text = ""
    for piece in streamer:
        text += piece
        yield text
    worker.join()


# ---------------------------------------------------------------------------------------- results
def load_results(folder: str) -> dict[str, Any]:
    path = Path(folder).expanduser()
    metrics = path / "metrics.json"
    if not metrics.exists():
        raise FileNotFoundError(f"{path}: no metrics.json (is this a `qftdata eval` results folder?)")
    return json.loads(metrics.read_text())


def results_rows(metrics: dict[str, Any], group: str = "all") -> list[list[Any]]:
    """Flatten `qftdata eval` metrics into table rows: split, group, N, Succ@k, pass@k (percent)."""
    k = metrics.get("k", 1)
    rows: list[list[Any]] = []
    for split, entry in sorted(metrics.get("splits", {}).items()):
        groups = {"all": entry["all"]} if group == "all" else entry.get(group, {})
        for name, stat in sorted(groups.items()):
            rows.append([split, name, stat.get("n_problems"), _pct(stat.get("succ")),
                         _pct(stat.get(f"pass@{k}"))])
    return rows


def _pct(x: Any) -> float | None:
    return None if x is None or x != x else round(100 * float(x), 1)


def result_figures(folder: str) -> list[str]:
    """PNG figures written by `qftdata analyze` in or below the results folder."""
    path = Path(folder).expanduser()
    return [str(p) for p in sorted(path.rglob("*.png"))][:12]


# ---------------------------------------------------------------------------------------- UI
def build_app(source: str | None = None, settings: ModelSettings | None = None,
              results: list[str] | None = None, seed: int = 0):
    """The Gradio Blocks app. `source`: dataset folder / Hub id (None: bundled sample)."""
    import gradio as gr

    corpus = load_corpus(source)
    settings = settings or ModelSettings()
    # Start the verifier's worker pool now, not on the first visitor's click (it takes seconds).
    threading.Thread(target=check_answer, args=("\\boxed{1}", "1"), daemon=True, name="warm-verifier").start()
    rng = random.Random(seed)

    def dropdown_values(column: str) -> list[str]:
        return [ALL, *corpus.values(column)]

    def matches(split, category, family, level) -> list[dict[str, Any]]:
        return filter_rows(corpus, split, category, family, level)

    def on_filter(split, category, family, level):
        rows = matches(split, category, family, level)
        labels = [choice_label(r) for r in rows[:500]]
        first = rows[0] if rows else None
        statement, answer, solution = render_problem(first)
        counts = f"**{len(rows)}** of {len(corpus.rows)} problems match · source: {corpus.source}"
        return (gr.update(choices=labels, value=labels[0] if labels else None), counts, statement, answer,
                solution, first["id"] if first else "")

    def on_pick(label):
        if not label:
            return render_problem(None) + ("",)
        row = corpus.by_id[label.split(" · ")[0]]
        return render_problem(row) + (row["id"],)

    def on_random(split, category, family, level):
        rows = matches(split, category, family, level)
        if not rows:
            return gr.update(), *render_problem(None), ""
        row = rng.choice(rows)
        return (gr.update(value=choice_label(row)), *render_problem(row), row["id"])

    def on_check(problem_id, text, free_gold, free_symbols, free_type):
        free_gold, free_symbols, text = free_gold or "", free_symbols or "", text or ""
        if free_gold.strip():
            symbols = [s.strip() for s in free_symbols.split(",") if s.strip()]
            result = check_answer(text, free_gold.strip(), answer_type=free_type, symbols=symbols)
        elif problem_id in corpus.by_id:
            result = check_row(text, corpus.by_id[problem_id])
        else:
            return "**Pick a problem in Explore, or give a free gold answer.**"
        return result.markdown

    def on_generate(problem_id, temperature):
        if not settings.enabled:
            yield "Model generation is disabled: start the Space with a model path or an endpoint.", ""
            return
        if problem_id not in corpus.by_id:
            yield "Pick a problem in Explore first.", ""
            return
        row = corpus.by_id[problem_id]
        text = ""
        for text in stream_solution(settings, row, temperature):
            yield text, ""
        yield text, check_row(text, row).markdown

    def on_results(folder_a, folder_b, group):
        outputs = []
        for folder in (folder_a or "", folder_b or ""):
            if not folder.strip():
                outputs += [[], "", []]
                continue
            try:
                metrics = load_results(folder.strip())
            except (OSError, ValueError) as exc:
                outputs += [[], f"**{exc}**", []]
                continue
            outputs += [results_rows(metrics, group), f"`{folder}` · k = {metrics.get('k')}",
                        result_figures(folder.strip())]
        return outputs

    splits = [ALL, *corpus.splits()]
    with gr.Blocks(title="qft-reason") as demo:
        gr.Markdown("# qft-reason\nComputed, verifier-checked Quantum Field Theory problems. "
                    f"Source: **{corpus.source}** · {len(corpus.rows)} problems.")
        current_id = gr.Textbox(visible=False, elem_id="current-id")
        with gr.Tabs():
            with gr.Tab("Explore", id="explore"):
                with gr.Row():
                    f_split = gr.Dropdown(splits, value=ALL, label="config/split")
                    f_category = gr.Dropdown(dropdown_values("category"), value=ALL, label="category")
                    f_family = gr.Dropdown(dropdown_values("family"), value=ALL, label="family")
                    f_level = gr.Dropdown(dropdown_values("level"), value=ALL, label="level")
                counts = gr.Markdown(elem_id="counts")
                with gr.Row():
                    picker = gr.Dropdown([], label="problem", elem_id="problem-picker", scale=4)
                    random_btn = gr.Button("Random problem", elem_id="random-problem", scale=1)
                statement = gr.Markdown(latex_delimiters=LATEX, elem_id="statement")
                with gr.Accordion("Answer", open=False):
                    answer_md = gr.Markdown(latex_delimiters=LATEX, elem_id="gold-answer")
                with gr.Accordion("Worked solution", open=False):
                    solution_md = gr.Markdown(latex_delimiters=LATEX, elem_id="solution")
            with gr.Tab("Check an answer", id="check"):
                gr.Markdown("Paste a model output (the last `\\boxed{}` is graded) or a bare expression. "
                            "It is checked against the problem picked in *Explore*, or against a free gold.")
                shown_id = gr.Markdown(elem_id="check-problem")
                answer_in = gr.Textbox(lines=6, max_length=MAX_INPUT_CHARS, label="model output or expression",
                                       elem_id="answer-input")
                with gr.Accordion("free gold (optional)", open=False):
                    free_gold = gr.Textbox(label="gold answer (LaTeX or plain)", elem_id="free-gold")
                    free_symbols = gr.Textbox(label="symbols, comma separated (e.g. e,s)", elem_id="free-symbols")
                    free_type = gr.Dropdown(["expression", "numeric", "categorical"], value="expression",
                                            label="answer type")
                check_btn = gr.Button("Check", variant="primary", elem_id="check-button")
                verdict = gr.Markdown(elem_id="verdict")
            with gr.Tab("Try a model", id="model"):
                gr.Markdown(f"Model: {settings.describe()}.")
                temperature = gr.Slider(0.0, 1.5, value=0.7, step=0.05, label="temperature",
                                        interactive=settings.enabled)
                gen_btn = gr.Button("Generate a solution for the picked problem", variant="primary",
                                    interactive=settings.enabled, elem_id="generate-button")
                gen_out = gr.Markdown(latex_delimiters=LATEX, elem_id="generation")
                gen_verdict = gr.Markdown(elem_id="generation-verdict")
            with gr.Tab("Results", id="results"):
                gr.Markdown("Load two `qftdata eval` result folders to compare them side by side.")
                with gr.Row():
                    res_a = gr.Textbox(value=(results or ["", ""])[0], label="run A (results folder)")
                    res_b = gr.Textbox(value=(results or ["", ""])[1] if results and len(results) > 1 else "",
                                       label="run B (results folder)")
                group = gr.Radio(["all", "family", "category", "level"], value="all", label="group by")
                load_btn = gr.Button("Load", elem_id="load-results")
                headers = ["split", "group", "N", "Succ@k %", "pass@k %"]
                with gr.Row():
                    with gr.Column():
                        title_a = gr.Markdown()
                        table_a = gr.Dataframe(headers=headers, interactive=False)
                        gallery_a = gr.Gallery(label="analysis figures A", columns=2)
                    with gr.Column():
                        title_b = gr.Markdown()
                        table_b = gr.Dataframe(headers=headers, interactive=False)
                        gallery_b = gr.Gallery(label="analysis figures B", columns=2)

        filters = [f_split, f_category, f_family, f_level]
        filter_outputs = [picker, counts, statement, answer_md, solution_md, current_id]
        for f in filters:
            f.change(on_filter, filters, filter_outputs, queue=False)
        demo.load(on_filter, filters, filter_outputs, queue=False)
        picker.change(on_pick, picker, [statement, answer_md, solution_md, current_id], queue=False)
        random_btn.click(on_random, filters, [picker, statement, answer_md, solution_md, current_id])
        current_id.change(lambda i: f"Checking against problem `{i}`" if i else "", current_id, shown_id,
                          queue=False)
        check_btn.click(on_check, [current_id, answer_in, free_gold, free_symbols, free_type], verdict,
                        api_name="check", concurrency_limit=4)
        gen_btn.click(on_generate, [current_id, temperature], [gen_out, gen_verdict], concurrency_limit=1)
        load_btn.click(on_results, [res_a, res_b, group], [table_a, title_a, gallery_a, table_b, title_b, gallery_b])
    demo.queue(default_concurrency_limit=4, max_size=64)
    return demo


def settings_from_env() -> tuple[str | None, ModelSettings, list[str]]:
    """Space configuration from environment variables (what a Space's settings page sets)."""
    settings = ModelSettings(model=os.environ.get("QFT_MODEL") or None,
                             endpoint=os.environ.get("QFT_ENDPOINT") or None,
                             endpoint_model=os.environ.get("QFT_ENDPOINT_MODEL") or None)
    results = [p for p in os.environ.get("QFT_RESULTS", "").split(",") if p]
    return os.environ.get("QFT_DATASET") or None, settings, results
