"""In-process self-verification (qftdata/build/selfcheck.py) gives the verifier's verdict on real generated
records of every answer type, and catches the defects self-verification exists for."""

from __future__ import annotations

import json

import pytest

from qftdata.build.selfcheck import completion_for, self_verify, time_limit
from qftdata.generators import generate_one

# expression (symbols), numeric (decimal with tolerance), code, exact numbers; no registered family is
# categorical at the moment, so one categorical row is written in the schema's format below
FAMILIES = ["scattering.ee_to_ffbar", "xphysics.em.rlc_circuit", "foundations.renormalizability",
            "rg.on_quartic_beta.code", "xphysics.qm.clebsch_gordan", "xphysics.stat.few_level_thermodynamics"]
CATEGORICAL = {"id": "t-1", "source": "procedural", "family": "t", "category": "Foundations and Scalar Fields",
               "level": "graduate", "problem": "Is $\\phi^6$ in $d = 4$ relevant, marginal or irrelevant? Give it in "
               "`\\boxed{}`.", "answer": "irrelevant", "answer_type": "categorical", "symbols": [], "tolerance": 0.0,
               "choices": ["relevant", "marginal", "irrelevant"], "solution": "Dimension 6 > 4: $\\boxed{irrelevant}$",
               "assumptions": "{}", "code": "", "metadata": "{}"}


@pytest.fixture(scope="module")
def rows():
    return [generate_one(name, seed=11, index=i).to_dict() for name in FAMILIES for i in range(3)] + [CATEGORICAL]


def test_in_process_verdicts_match_the_verifier(rows):
    from qftdata.verify import verify_records

    fast = [self_verify(r) for r in rows]
    assert all(v is not None for v in fast), "real generated rows are decided in-process"
    full = verify_records([completion_for(r) for r in rows], rows, timeout=20.0)
    assert [v[0] for v in fast] == [bool(v) for v in full] == [True] * len(rows)


def test_broken_rows_are_caught(rows):
    expr = next(r for r in rows if r["answer_type"] == "expression")
    broken_gold = {**expr, "answer": "\\alpha +* \\frac{2}{s}", "solution": "so $\\boxed{\\alpha +* \\frac{2}{s}}$"}
    assert self_verify(broken_gold)[:2] == (False, "unparseable")  # a gold the verifier cannot read is dropped
    # the solution boxes something else than the gold: not decided here, the verifier pool grades it
    other = {**expr, "solution": expr["solution"].replace(expr["answer"], "2 \\left(" + expr["answer"] + "\\right)")}
    assert self_verify(other) is None
    code = next(r for r in rows if r["answer_type"] == "code")
    wrong = {**code, "solution": code["solution"].replace("    return ", "    return 1.001 * ")}
    assert self_verify(wrong)[:2] == (False, "incorrect")
    spec = json.loads(code["code"])
    renamed = {**code, "solution": code["solution"].replace(f"def {spec['function']}(", "def other_name(")}
    assert self_verify(renamed) is None  # no definition of the asked function: the sandbox path decides
    cat = next(r for r in rows if r["answer_type"] == "categorical")
    other_choice = next(c for c in cat["choices"] if c != cat["answer"])
    assert self_verify({**cat, "solution": f"so $\\boxed{{{other_choice}}}$"})[0] is False


def test_code_of_a_non_generated_row_is_never_run_in_process(rows, monkeypatch):
    """A code answer that is not a generator's own reference (an imported or LLM-written row) is left to the
    sandbox: the in-process path must not even compile it."""
    import builtins

    code = next(r for r in rows if r["answer_type"] == "code")
    ran = []
    real_exec = builtins.exec
    monkeypatch.setattr(builtins, "exec", lambda *a, **k: ran.append(a) or real_exec(*a, **k))
    for source in ("adapted", "synthetic", "imported", ""):
        assert self_verify({**code, "source": source}) is None
    assert ran == []
    assert self_verify(code)[0] is True and ran  # the generator's own row still runs here


def test_time_limit_interrupts():
    import time

    from qftdata.build.selfcheck import SelfCheckTimeout

    with pytest.raises(SelfCheckTimeout), time_limit(0.2):
        time.sleep(2)
