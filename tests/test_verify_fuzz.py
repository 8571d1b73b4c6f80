"""Hypothesis fuzzing of the verifier: no exception escapes, and no call overruns its time limit by > 1 s.

Kept small (about a minute at most on two busy cores): each example is a real round trip to the worker pool.
"""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qftdata.verify import Verdict, extract_answer, verify
from qftdata.verify.parse import ParseError, parse_answer

TIMEOUT = 1.0
STATUSES = {"correct", "incorrect", "no_answer", "unparseable", "timeout"}

_atoms = st.sampled_from([
    "x", "y", "e", "i", "m_H", r"\pi", r"\lambda", r"\alpha_s", "2", "10", "0", "0.5", "1e5", r"\gamma_E",
    r"\zeta(3)", "N_c", "s", "t",
])
_ops = st.sampled_from(["+", "-", "*", "/", "^", "**", " ", r"\cdot", r"\times", ","])
_wraps = st.sampled_from(["{}", r"\frac{{{}}}{{2}}", r"\sqrt{{{}}}", "({})", r"\left({}\right)", r"\ln {}",
                          "sqrt({})", "exp({})", "{}^{{{}}}", "{}!", "|{}|", r"\boxed{{{}}}", "{{{}"])


@st.composite
def expressions(draw, depth=0):
    if depth > 3 or draw(st.booleans()):
        return draw(_atoms)
    a = draw(expressions(depth + 1))
    b = draw(expressions(depth + 1))
    wrap = draw(_wraps)
    inner = a + draw(_ops) + b
    try:
        return wrap.format(inner, b)
    except (IndexError, KeyError, ValueError):
        return inner


junk = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)


@pytest.mark.parametrize("_", [0])
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(pred=st.one_of(expressions(), junk), gold=expressions())
def test_verify_never_raises_or_overruns(_, pred, gold):
    t = time.monotonic()
    v = verify(r"so \boxed{" + pred + "}", gold, symbols=["x", "y", "m_H", "s", "t"], timeout=TIMEOUT)
    assert isinstance(v, Verdict) and v.status in STATUSES
    assert time.monotonic() - t < TIMEOUT + 1.0


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(junk, expressions()))
def test_extract_never_raises(text):
    out = extract_answer(text)
    assert out is None or isinstance(out, str)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet="xy0123456789+-*/^() .,_eE", max_size=40))
def test_plain_parser_only_raises_parse_error(text):
    """Plain text is parsed in-process here on purpose: the builder bounds powers, so this stays fast."""
    with contextlib.suppress(ParseError):
        parse_answer(text, ["x", "y"])
