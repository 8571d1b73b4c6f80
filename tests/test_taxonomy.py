"""Regression table for the automatic error taxonomy (`qftdata.analysis.taxonomy`).

Every row is (prediction, gold, symbols, status, finish_reason, expected label, expected detail or None).
The whole table is classified in one `classify_many` call through the time-limited process pool (the path
`qftdata analyze` takes); a few rows are re-checked in-process.
"""

from __future__ import annotations

import pytest

from qftdata.analysis.taxonomy import ERROR_LABELS, LABELS, classify, classify_detail, classify_many

TABLE = [
    # --- no answer / truncation / parse failures (status-driven, no sympy) ---
    (None, "x", ["x"], "no_answer", "stop", "no_answer", None),
    (None, "x", ["x"], "no_answer", "length", "truncated", None),
    ("\\frac{1}{", "x", ["x"], "unparseable", "length", "truncated", None),
    ("\\frac{1}{", "x", ["x"], "incorrect", "stop", "unparseable", None),
    ("x +* y", "x", ["x", "y"], None, None, "unparseable", None),
    ("x", "x", ["x"], "correct", "stop", "correct", None),
    # --- sign ---
    ("-\\frac{e^2}{4\\pi}", "\\frac{e^2}{4\\pi}", ["e"], "incorrect", "stop", "wrong_sign", "overall"),
    ("m^2 - M^2", "M^2 - m^2", ["M", "m"], "incorrect", "stop", "wrong_sign", "overall"),
    ("M^2 + m^2", "M^2 - m^2", ["M", "m"], "incorrect", "stop", "wrong_sign", "term -m**2"),
    # --- rational factors (the classic 2, 1/2, 1/4 slips) ---
    ("\\frac{\\lambda}{8\\pi^2}", "\\frac{\\lambda}{16\\pi^2}", ["lambda"], "incorrect", "stop",
     "rational_factor", "factor:2"),
    ("\\frac{e^4}{24\\pi s}", "\\frac{e^4}{12\\pi s}", ["e", "s"], "incorrect", "stop", "rational_factor",
     "factor:1/2"),
    ("-\\frac{3 g^2}{4}", "g^2", ["g"], "incorrect", "stop", "rational_factor", "factor:-3/4"),
    ("6", "3", [], "incorrect", "stop", "rational_factor", "factor:2"),
    # --- powers of pi ---
    ("\\frac{\\lambda}{16\\pi}", "\\frac{\\lambda}{16\\pi^2}", ["lambda"], "incorrect", "stop", "pi_power",
     "factor:pi"),
    ("\\frac{\\lambda}{4}", "\\frac{\\lambda}{16\\pi^2}", ["lambda"], "incorrect", "stop", "pi_power",
     "factor:4*pi**2"),
    ("\\frac{g^2}{64\\pi^3}", "\\frac{g^2}{16\\pi^2}", ["g"], "incorrect", "stop", "pi_power", "factor:1/(4*pi)"),
    # --- right form, wrong variables (case matters: M is not m) ---
    ("\\frac{e^4}{12\\pi t}", "\\frac{e^4}{12\\pi s}", ["e", "s", "t"], "incorrect", "stop", "wrong_variables",
     "t->s"),
    ("\\frac{s^2}{t}", "\\frac{t^2}{s}", ["s", "t"], "incorrect", "stop", "wrong_variables", "s<->t"),
    ("\\sqrt{1 - 4 M^2/s}", "\\sqrt{1 - 4 m^2/s}", ["m", "s"], "incorrect", "stop", "wrong_variables", "M->m"),
    # --- a missing or extra additive term ---
    ("M^2", "M^2 - m^2", ["M", "m"], "incorrect", "stop", "additive_term", "missing -m**2"),
    ("\\frac{\\alpha}{\\pi} + \\frac{\\alpha^2}{\\pi^2}", "\\frac{\\alpha}{\\pi}", ["alpha"], "incorrect", "stop",
     "additive_term", "extra alpha**2/pi**2"),
    ("\\beta_0 \\log(\\mu) + 1", "\\beta_0 \\log(\\mu)", ["beta_0", "mu"], "incorrect", "stop", "additive_term",
     "extra 1"),
    # --- numerically close (rounded coefficients) ---
    ("0.3333 x", "\\frac{x}{3}", ["x"], "incorrect", "stop", "numerically_close", None),
    ("3.14", "\\pi", [], "incorrect", "stop", "numerically_close", None),
    # --- other ---
    ("\\sin(x)", "x^2", ["x"], "incorrect", "stop", "other", None),
    ("\\frac{1}{y}", "x^2", ["x", "y"], "incorrect", "stop", "other", None),
    # --- lists: the first wrong component decides ---
    ("(1, -2)", "(1, 2)", [], "incorrect", "stop", "wrong_sign", "component 2: overall"),
]


@pytest.fixture(scope="module")
def labels():
    items = [dict(pred=p, gold=g, symbols=s, status=st, finish_reason=fr) for p, g, s, st, fr, _, _ in TABLE]
    return classify_many(items, timeout=20)


@pytest.mark.parametrize("i", range(len(TABLE)), ids=[f"{r[5]}:{r[0]}" for r in TABLE])
def test_taxonomy_table(labels, i):
    pred, gold, _, _, _, label, detail = TABLE[i]
    got = labels[i]
    assert got.label == label, (pred, gold, got)
    if detail is not None:
        assert got.detail == detail, (pred, gold, got)


def test_every_error_label_is_in_the_table_or_timeout():
    covered = {row[5] for row in TABLE}
    assert set(ERROR_LABELS) - covered == {"timeout"}
    assert set(LABELS) == set(ERROR_LABELS) | {"correct"}


def test_in_process_matches_pool(labels):
    for i in (6, 9, 13, 16, 19):
        pred, gold, symbols, status, fr, _, _ = TABLE[i]
        assert classify_detail(pred, gold, symbols, status, fr, timeout=None) == labels[i]


def test_space_call_signature():
    # the Gradio Space calls classify(pred, gold, symbols=..., status=...)
    assert classify("2x", "x", symbols=["x"], status="incorrect") == "rational_factor"


def test_assumptions_and_answer_types():
    # a real (signed) symbol: -x is not x, and the labeller samples negative values too
    assert classify("-x", "x", ["x"], "incorrect", assumptions='{"x": "real"}', timeout=None) == "wrong_sign"
    assert classify("def f(): pass", "", [], "incorrect", answer_type="code") == "other"


def test_hard_time_limit():
    # expanding a trinomial to the 3000th power never finishes in time: the worker is killed
    got = classify_detail("(x + y + 1)^{3000}", "x", ["x", "y"], "incorrect", timeout=1.0)
    assert got.label == "timeout"
    # and the pool keeps working afterwards
    assert classify("2x", "x", ["x"], "incorrect", timeout=10) == "rational_factor"
