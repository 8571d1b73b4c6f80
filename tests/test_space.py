"""The Space as a user sees it: a real server on 127.0.0.1, a real headless Chromium, a real gradio_client."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "tests" / "artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def space_url(tmp_path_factory):
    """`qftdata space` in a subprocess (bundled sample), waited for until it answers HTTP."""
    port = _free_port()
    log = tmp_path_factory.mktemp("space") / "space.log"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    with open(log, "w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "qftdata.cli", "space", "--port", str(port)],
                                stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=REPO)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the Space exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    break
        except OSError:
            time.sleep(1)
    else:
        proc.kill()
        pytest.fail(f"the Space did not answer in 180 s:\n{log.read_text()[-3000:]}")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def _browser_or_skip():
    """Chromium from Debian (`make test` installs it as root). In CI its absence is a failure, not a skip."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing in CI: `make browser` should have installed Debian chromium")
        pytest.skip(f"{CHROMIUM} not installed (run `make browser` as root); outside CI only")
    from playwright.sync_api import sync_playwright

    return sync_playwright


def test_browser_check_answers(space_url):
    sync_playwright = _browser_or_skip()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        page.goto(space_url, wait_until="networkidle")
        # Explore: the first problem is shown; open its gold answer and read the source text.
        page.wait_for_selector("#statement :text('Conventions')", timeout=60_000)
        counts = page.locator("#counts").inner_text()
        assert "problems match" in counts
        page.get_by_text("Answer", exact=True).first.click()
        gold = page.locator("#gold-answer pre code, #gold-answer code").last
        page.locator("#gold-answer summary").click()
        gold_text = gold.inner_text(timeout=30_000).strip()
        assert gold_text
        page.screenshot(path=str(ARTIFACTS / "space_explore.png"), full_page=True)

        # Check an answer: the gold itself is correct, a wrong number is not.
        page.get_by_role("tab", name="Check an answer").click()
        box = page.locator("#answer-input textarea")
        box.fill(f"After the computation we find \\boxed{{{gold_text}}}")
        page.locator("#check-button").click()
        page.wait_for_selector("#verdict :text('correct')", timeout=120_000)
        assert "incorrect" not in page.locator("#verdict").inner_text()
        page.screenshot(path=str(ARTIFACTS / "space_check_correct.png"), full_page=True)

        box.fill("so the result is \\boxed{12345678}")
        page.locator("#check-button").click()
        page.wait_for_selector("#verdict :text('incorrect')", timeout=120_000)
        page.screenshot(path=str(ARTIFACTS / "space_check_incorrect.png"), full_page=True)

        # Try a model: disabled without a configured model; Results: loads nothing yet but renders.
        page.get_by_role("tab", name="Try a model").click()
        assert page.locator("#generate-button").is_disabled()
        browser.close()


def test_gradio_client_check_endpoint(space_url):
    from gradio_client import Client

    client = Client(space_url, verbose=False)
    correct = client.predict("", "\\boxed{e^4/(12\\pi s)}", "\\frac{e^4}{12\\pi s}", "e,s", "expression",
                             api_name="/check")
    assert "correct" in correct and "incorrect" not in correct
    wrong = client.predict("", "\\boxed{e^4/(6\\pi s)}", "\\frac{e^4}{12\\pi s}", "e,s", "expression",
                           api_name="/check")
    assert "incorrect" in wrong
    case = client.predict("", "\\boxed{E^4/(12\\pi s)}", "\\frac{e^4}{12\\pi s}", "e,s", "expression",
                          api_name="/check")
    assert "incorrect" in case  # symbols are case-sensitive


def test_logic_without_browser(tmp_path):
    """Filtering, rendering, bounded input and result tables, tested directly."""
    import json

    from qftdata import space_ui

    corpus = space_ui.bundled_sample(per_family=1)
    assert corpus.rows
    fam = corpus.rows[0]["family"]
    assert all(r["family"] == fam for r in space_ui.filter_rows(corpus, family=fam))
    statement, answer, solution = space_ui.render_problem(corpus.rows[0])
    assert corpus.rows[0]["id"] in statement and "\\boxed" in solution
    too_long = space_ui.check_answer("x" * (space_ui.MAX_INPUT_CHARS + 1), "1")
    assert too_long.verdict == "rejected"
    ok = space_ui.check_row(f"\\boxed{{{corpus.rows[0]['answer']}}}", corpus.rows[0])
    assert ok.verdict == "correct", ok.markdown
    metrics = {"k": 5, "splits": {"problems/test": {"all": {"n_problems": 10, "succ": 0.25, "pass@5": 0.5},
                                                    "level": {"graduate": {"n_problems": 4, "succ": 0.5,
                                                                           "pass@5": 0.75}}}}}
    (tmp_path / "metrics.json").write_text(json.dumps(metrics))
    rows = space_ui.results_rows(space_ui.load_results(str(tmp_path)))
    assert rows == [["problems/test", "all", 10, 25.0, 50.0]]
    assert space_ui.results_rows(metrics, "level") == [["problems/test", "graduate", 4, 50.0, 75.0]]
