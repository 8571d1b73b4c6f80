"""Quality gates: exact / near duplicates (only same maths + same answer) and contamination counts."""

from __future__ import annotations

import pytest

from qftdata.dedup import dedup, family_answer_key, ngram_overlap, normalize_answer, normalize_text


def row(i, problem, answer="1", family="f"):
    return {"id": f"{family}-{i}", "family": family, "problem": problem, "answer": answer}


BASE = ("Consider a real scalar field with quartic coupling $\\lambda$ and mass $m = {m}$ in four "
        "dimensions. {verb} the tree-level amplitude at threshold and give it in `\\boxed{{}}`.")


@pytest.mark.parametrize("a,b,same", [
    ("Give  $x$ in `\\boxed{}`.", "give $x$ in `\\boxed{}`.", True),   # case and spacing
    ("Give $x$.", "Give $y$.", False),
])
def test_normalize_text(a, b, same):
    assert (normalize_text(a) == normalize_text(b)) is same


@pytest.mark.parametrize("a,b,same", [
    ("\\frac{1}{2}", "\\frac{1}{ 2 }", True),
    ("\\left(x\\right)^2", "(x)^2", True),
    ("x^2", "x^3", False),
])
def test_normalize_answer(a, b, same):
    assert (normalize_answer(a) == normalize_answer(b)) is same


def test_exact_and_near_duplicates():
    rows = [
        row(0, BASE.format(m=3, verb="Compute")),
        row(1, BASE.format(m=3, verb="Compute").upper().lower()),     # exact (normalised) duplicate
        row(2, BASE.format(m=3, verb="Find")),                          # rephrasing, same maths + answer
        row(3, BASE.format(m=5, verb="Find")),                          # other parameter: different problem
        row(4, BASE.format(m=3, verb="Determine"), answer="2"),         # other answer: different problem
    ]
    kept, report = dedup(rows)
    assert [r["id"] for r in kept] == ["f-0", "f-3", "f-4"]
    assert (report.exact, report.near) == (1, 1)
    assert ("f-1", "f-0", "exact") in report.removed and ("f-2", "f-0", "near") in report.removed
    assert report.as_dict()["threshold"] == 0.7


def test_dissimilar_prose_is_kept():
    a = row(0, "What is $2+2$? Give it in `\\boxed{}`.", answer="4")
    b = row(1, "A completely different story about a scalar field with index $2+2$, worded in its own way.",
            answer="4")
    kept, report = dedup([a, b])
    assert len(kept) == 2 and report.near == 0


def test_ngram_overlap_counts():
    train = ["one two three four five six seven eight nine ten eleven twelve thirteen fourteen"]
    evals = ["one two three four five six seven eight nine ten eleven twelve thirteen zzz",  # shares 1
             "a b c d e f g h i j k l m n o",                                                   # shares 0
             "short"]
    stats = ngram_overlap(train, evals)
    assert stats["rows"] == 3 and stats["rows_with_overlap"] == 1 and stats["n"] == 13
    assert stats["mean_fraction"] == pytest.approx((1 / 2) / 3, abs=1e-4)


def test_family_answer_key():
    assert family_answer_key(row(0, "x", answer="\\frac{1}{ 2}")) == ("f", "\\frac{1}{2}")
