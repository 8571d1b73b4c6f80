"""Unit tests of the verifier: extraction, parsing, comparison, the public API, time limits and threads."""

from __future__ import annotations

import json
import pickle
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import sympy as sp

from qftdata.schema import Problem
from qftdata.verify import (
    ParseError,
    Verdict,
    extract_answer,
    parse_answer,
    verify,
    verify_batch,
    verify_record,
)
from qftdata.verify.compare import compare_categorical, compare_expr, normalize_label
from qftdata.verify.extract import split_top_level

# ------------------------------------------------------------------------------------------ extraction

# (completion, expected extracted answer)
EXTRACTION = [
    (r"so \boxed{\frac{1}{2}}", r"\frac{1}{2}"),
    (r"\boxed{a} then \boxed{b}", "b"),                       # the last box wins
    (r"\boxed{\boxed{x}}", "x"),                               # nested
    (r"\fbox{y}", "y"),
    (r"\boxed 5 and more", "5"),                               # `\boxed 5`
    (r"$\boxed{\dfrac{e^4}{12\pi s}}$.", r"\dfrac{e^4}{12\pi s}"),
    (r"\boxed{\sigma = \frac{4\pi\alpha^2}{3s}}", r"\frac{4\pi\alpha^2}{3s}"),  # LHS dropped
    (r"\boxed{\Gamma(h\to f\bar f) = \frac{g^2}{8\pi}}", r"\frac{g^2}{8\pi}"),
    (r"\boxed{A = B = C}", "C"),                               # the last of a chain
    (r"\boxed{\frac{g^2}{4\pi} \approx 0.3}", r"\frac{g^2}{4\pi}"),  # exact form before an approximation
    (r"\boxed{m_W \approx 80.4}", "80.4"),                     # ... unless it is a bare name (a label)
    (r"\boxed{\text{vector}}", "vector"),
    (r"\boxed{\displaystyle x\,y\!}", "x y"),
    (r"\boxed{m_1 = a, m_2 = b}", "a, b"),
    ("Final answer: $x^2$.", "x^2"),
    ("The answer is 4*pi.", "4*pi"),
    ("**Answer:** 7", "7"),
    ("no answer here", None),
    (r"\boxed{}", None),
    (r"\boxed{x", None),                                       # unbalanced
    (r"\boxed{2m}", "2m"),                                     # letters are never units
]


@pytest.mark.parametrize("text,expected", EXTRACTION)
def test_extract_answer(text, expected):
    assert extract_answer(text) == expected


def test_split_top_level_respects_brackets():
    assert split_top_level(r"f(a,b), \{c,d\}, [e,f]") == ["f(a,b)", r" \{c,d\}", " [e,f]"]


# ---------------------------------------------------------------------------------------------- parse

e_sym, s_sym = sp.Symbol("e", positive=True), sp.Symbol("s", positive=True)

# (text, symbols, expected sympy)
PARSES = [
    (r"\frac{e^4}{12\pi s}", ["e", "s"], e_sym**4 / (12 * sp.pi * s_sym)),
    (r"\frac{e^4}{12\pi s}", ["s"], sp.E**4 / (12 * sp.pi * s_sym)),       # e undeclared: Euler's number
    ("e^4/(12 pi s)", ["e", "s"], e_sym**4 / (12 * sp.pi * s_sym)),
    ("lambda**2", ["lambda"], sp.Symbol("lambda", positive=True) ** 2),
    (r"\lambda^2", ["lambda"], sp.Symbol("lambda", positive=True) ** 2),
    (r"\log x", ["x"], sp.log(sp.Symbol("x", positive=True))),              # natural log
    ("log(x)", ["x"], sp.log(sp.Symbol("x", positive=True))),
    (r"\gamma_E", [], sp.EulerGamma),
    (r"\gamma_{\rm E}", [], sp.EulerGamma),
    (r"\zeta(3)", [], sp.zeta(3)),
    (r"\zeta_3", [], sp.zeta(3)),
    ("2i", [], 2 * sp.I),
    ("2i", ["i"], 2 * sp.Symbol("i", positive=True)),
    (r"m_{H}", ["m_H"], sp.Symbol("m_H", positive=True)),
    (r"\Lambda_{\text{QCD}}", ["Lambda_QCD"], sp.Symbol("Lambda_QCD", positive=True)),
    (r"E_{cm}", ["E_cm"], sp.Symbol("E_cm", positive=True)),
    (r"\varepsilon", ["epsilon"], sp.Symbol("epsilon", positive=True)),
    ("2m", ["m"], 2 * sp.Symbol("m", positive=True)),
    ("x", ["x"], sp.Symbol("x", positive=True)),
    ("1,000", [], sp.Integer(1000)),
]


@pytest.mark.parametrize("text,symbols,expected", PARSES)
def test_parse_answer(text, symbols, expected):
    assert parse_answer(text, symbols) == expected


def test_parse_assumptions_and_tuples():
    x = parse_answer("x", ["x"], {"x": "real"})
    assert x.is_real and x.is_positive is None
    n = parse_answer("n", ["n"], {"n": "positive_integer"})
    assert n.is_integer and n.is_positive
    assert parse_answer("a, b") == sp.Tuple(sp.Symbol("a"), sp.Symbol("b"))
    assert isinstance(parse_answer(r"\{a, b\}"), sp.FiniteSet)


@pytest.mark.parametrize("text", [
    "__import__('os').system('x')", "().__class__.__bases__", "eval('1')", "lambda: 1", "x.real",
    "[x for x in y]", 'f"{x}"', "x @ y", "x # comment", "1 2", "x +* 2", r"\frac{x}{}", "a" * 20_000,
    "x if y else z", "not x", "import os",
])
def test_parse_rejects(text):
    with pytest.raises(ParseError):
        parse_answer(text, ["x", "y"])


def test_parser_never_calls_eval_family():
    """The verifier's own code must not name eval/exec/sympify/parse_expr (a repository hook greps too)."""
    import pathlib
    import re

    root = pathlib.Path(__file__).parents[1] / "qftdata" / "verify"
    for name in ("__init__", "core", "extract", "parse", "compare", "pool", "_worker"):
        path = root / f"{name}.py"
        code = path.read_text()
        assert not re.search(r"\b(eval|exec|sympify|parse_expr)\s*\(", code), path


def test_huge_powers_stay_unevaluated():
    t = time.monotonic()
    for text in ("x**9**9**9", r"10^{10^{10}}", r"2^{2^{2^{2^{2^{2}}}}}", "9**9**9 - 9**9**9"):
        parse_answer(text, ["x"])
    assert time.monotonic() - t < 5


# ----------------------------------------------------------------------------------------- comparison

x, y = sp.symbols("x y", positive=True)


# gold, pred, expected (regression table in the style of Math-Verify's tests)
@pytest.mark.parametrize("gold,pred,expected", [
    (x / 2, sp.Rational(1, 2) * x, True),
    (sp.sqrt(1 - 4 * y / x), sp.sqrt(x - 4 * y) / sp.sqrt(x), True),  # agree wherever the gold is real
    (sp.log(x * y), sp.log(x) + sp.log(y), True),
    (x**2, x**2 + sp.Rational(1, 10**12), False),                   # exact answers compare tightly
    (x, 2 * x, False),
    (sp.Function("f")(x), sp.Function("f")(x) * 1, True),
    (sp.Function("f")(x), sp.Function("g")(x), False),
])
def test_compare_expr(gold, pred, expected):
    assert compare_expr(pred, gold)[0] is expected


@pytest.mark.parametrize("gold,pred,choices,expected", [
    ("Vector", "vector", (), True),
    ("Vector", "B", ("Scalar", "Vector"), True),
    ("Vector", "(a)", ("Scalar", "Vector"), False),
    ("asymptotically free", "Asymptotically-Free", (), True),
    ("+1", "-1", (), False),
])
def test_compare_categorical(gold, pred, choices, expected):
    assert compare_categorical(pred, gold, choices)[0] is expected


def test_normalize_label():
    assert normalize_label(r"\text{Spin-1/2}") == normalize_label("spin 1/2")


# ------------------------------------------------------------------------------------------------ API


def test_verdict_shape_and_bool():
    v = verify(r"\boxed{\frac{e^4}{12\pi s}}", r"\frac{e^4}{12\pi s}", symbols=["e", "s"])
    assert isinstance(v, Verdict) and v and v.status == "correct"
    assert v.extracted == r"\frac{e^4}{12\pi s}" and v.pred_parsed and v.gold_parsed
    w = verify(r"\boxed{\frac{e^4}{6\pi s}}", r"\frac{e^4}{12\pi s}", symbols=["e", "s"])
    assert not w and w.status == "incorrect" and "differs" in w.reason
    pickle.loads(pickle.dumps(v))


def test_gold_error_flagged():
    v = verify(r"\boxed{1}", r"\frac{")
    assert v.status == "unparseable" and v.gold_error
    assert verify("no box", r"\frac{").gold_error  # flagged even when the completion has no answer


def test_verify_record_with_problem_and_dict():
    row = dict(id="t-1", source="procedural", family="t", category="Symmetries and Scattering",
               level="graduate", problem="?", answer=r"\sqrt{x^2}", answer_type="expression", symbols=["x"],
               assumptions=json.dumps({"x": "real"}))
    assert verify_record(r"\boxed{|x|}", row).status == "correct"
    assert verify_record(r"\boxed{x}", Problem(**row)).status == "incorrect"
    num = dict(row, answer="0.0073", answer_type="numeric", symbols=[], tolerance=0.05, assumptions="{}")
    assert verify_record(r"\boxed{7.3\times10^{-3}}", num)


def test_code_answers_dispatch_lazily():
    v = verify("```python\nprint(1)\n```", "", answer_type="code", code={"tests": []})
    assert isinstance(v, Verdict)
    try:
        import qftdata.verify.code  # noqa: F401
    except ImportError:
        assert v.status == "unparseable" and "qftdata.verify.code" in v.reason


def test_verify_batch_and_order():
    gold = r"\frac{11}{3}N-\frac{2}{3}n_f"
    preds = [r"\boxed{\frac{11N-2n_f}{3}}", r"\boxed{\frac{11}{3}N}", "nothing", r"\boxed{\frac{1}{2}"]
    out = verify_batch(preds, gold, symbols=["N", "n_f"])
    assert [v.status for v in out] == ["correct", "incorrect", "no_answer", "unparseable"]


def test_hard_timeout():
    from test_verify_latency import SLOW as heavy  # > 1 s of legitimate sympy work

    assert len(heavy) < 10_000
    t = time.monotonic()
    v = verify(heavy, "x", symbols=["x", "y"], timeout=0.3)
    assert v.status == "timeout"
    assert time.monotonic() - t < 0.3 + 1.0
    # the pool recovers after the kill
    assert verify(r"\boxed{x}", "x", symbols=["x"])


def test_towers_end_quickly():
    for pred, gold in [("x**9**9**9", "x"), (r"10^{10^{10}}", "5"), (r"2^{2^{2^{2^{2^{2}}}}}", "2"),
                       (r"(x+1)^{100000}", "x")]:
        t = time.monotonic()
        v = verify(rf"\boxed{{{pred}}}", gold, symbols=["x"], timeout=2.0)
        assert v.status in ("incorrect", "timeout")
        assert time.monotonic() - t < 3.0


def test_worker_memory_is_capped():
    from qftdata.verify.pool import _get, start

    start()
    worker = _get().acquire(block=True)
    try:
        worker.conn.send(("__rlimit__",))
        assert worker.conn.poll(30)
        soft, _ = worker.conn.recv()
    finally:
        _get().release(worker, healthy=True)
    assert 0 < soft <= 4 * 1024**3


def test_from_worker_threads():
    cases = [(r"\boxed{2m}", "2m", "correct"), (r"\boxed{2}", "2m", "incorrect")] * 4
    with ThreadPoolExecutor(4) as ex:
        out = list(ex.map(lambda c: verify(c[0], c[1], symbols=["m"]).status, cases))
    assert out == [c[2] for c in cases]


def test_cli(capsys, monkeypatch):
    import io

    from qftdata.cli import main

    rc = main(["verify", "--gold", r"\frac{e^4}{12\pi s}", "--symbols", "e,s", r"... \boxed{e^4/(12\pi s)}"])
    assert rc == 0 and capsys.readouterr().out.strip() == "correct"
    monkeypatch.setattr(sys, "stdin", io.StringIO(r"so \boxed{3}"))
    rc = main(["verify", "--gold", "2", "--answer-type", "numeric", "--json", "-"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 1 and out["status"] == "incorrect" and out["extracted"] == "3"
    rc = main(["verify", "--gold", "0.5", "--tolerance", "0.1", "--answer-type", "numeric", "-v", r"\boxed{0.52}"])
    assert rc == 0 and "reason:" in capsys.readouterr().out


@pytest.mark.parametrize("module", ["qftdata.verify.core", "qftdata.verify.parse", "qftdata.verify.extract",
                                    "qftdata.verify.names", "qftdata.rewards"])
def test_docstring_examples(module):
    """The `>>>` examples in the docstrings are true (so documented behaviour cannot drift)."""
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
