"""The difficulty knob and the record id: the id does not hash the level, `--difficulty` reaches the families
through `qftdata generate` and `qftdata build`, and every cross-physics family realises the knob."""

from __future__ import annotations

import json
import random

import pytest

from qftdata.generators import families, get_family
from qftdata.generators.api import draft_to_record, make_draft
from qftdata.generators.base import LEVEL_BANDS, Draft, Family, FamilyConfig, knob, scale

LEVELS2 = ("advanced-undergraduate", "postgraduate")


def _same_text(rng: random.Random, level: str, config: FamilyConfig) -> Draft:
    """A family that ignores its level: one statement at every level (what the id must not split)."""
    k = rng.randint(1, 3)
    return Draft(problem=f"Give ${k}+1$ in `\\boxed{{}}`.", answer=str(k + 1), solution=f"$\\boxed{{{k + 1}}}$",
                 params={"k": k}, answer_type="numeric")


def _hidden_choice(rng: random.Random, level: str, config: FamilyConfig) -> Draft:
    """A family that forgot a random choice in `params` (the statement digest keeps the ids apart)."""
    k = rng.randint(1, 1000)
    return Draft(problem=f"Give ${k}$ in `\\boxed{{}}`.", answer=str(k), solution=f"$\\boxed{{{k}}}$", params={},
                 answer_type="numeric")


def _knobbed(rng: random.Random, level: str, config: FamilyConfig) -> Draft:
    d = knob(config, level, rng)
    n = scale(d, 1, 40)
    return Draft(problem=f"Give ${n}^2$ in `\\boxed{{}}`.", answer=str(n * n), solution=f"$\\boxed{{{n * n}}}$",
                 params={"n": n}, answer_type="numeric", difficulty=d)


def _records(family: Family, n: int, **kw) -> list:
    out = []
    for i in range(n):
        draft, level = make_draft(family, seed=0, index=i, **kw)
        out.append(draft_to_record(family, draft, seed=0, index=i, level=level))
    return out


def test_id_does_not_hash_the_level():
    fam = Family("testonly.same", "Foundations and Scalar Fields", LEVELS2, "same text", _same_text)
    recs = _records(fam, 30)
    by_text: dict[str, set[str]] = {}
    for r in recs:
        by_text.setdefault(r.problem, set()).add(r.id)
    assert len({r.level for r in recs}) == 2
    assert all(len(ids) == 1 for ids in by_text.values()), "one statement at two levels must be one record"


def test_id_keeps_different_statements_apart():
    fam = Family("testonly.hidden", "Foundations and Scalar Fields", LEVELS2, "hidden", _hidden_choice)
    recs = _records(fam, 40)
    assert len({r.id for r in recs}) == len({r.problem for r in recs}) > 30


def test_knob_value_reaches_the_family_and_the_record():
    fam = Family("testonly.knob", "Foundations and Scalar Fields", LEVELS2, "knob", _knobbed)
    for d in (0.1, 0.9):
        rec = _records(fam, 1, difficulty=d)[0]
        assert json.loads(rec.metadata)["difficulty"] == d
        assert LEVEL_BANDS[rec.level][0] <= d <= LEVEL_BANDS[rec.level][1]
    lo = _records(fam, 20, difficulty=(0.0, 0.2))
    hi = _records(fam, 20, difficulty=(0.8, 1.0))
    assert max(json.loads(r.metadata)["params"]["n"] for r in lo) < min(json.loads(r.metadata)["params"]["n"] for r in hi)


XPHYSICS = sorted(n for n in families() if n.startswith("xphysics.") and not n.endswith(".code"))


@pytest.mark.parametrize("name", XPHYSICS)
def test_xphysics_family_realises_the_knob(name):
    """The family returns the difficulty it was given (it calls `knob`), at the level the value selects."""
    fam = get_family(name)
    for d in (0.05, 0.45, 0.7, 0.95):
        draft, level = make_draft(fam, seed=3, index=1, difficulty=d)
        assert draft.difficulty == d, f"{name}: Draft.difficulty {draft.difficulty} for knob {d}"
        assert LEVEL_BANDS[level][0] <= d <= LEVEL_BANDS[level][1] or level not in LEVEL_BANDS
    # without a setting the value is drawn inside the level's band
    draft, level = make_draft(fam, seed=3, index=2)
    lo, hi = LEVEL_BANDS[level]
    assert lo <= draft.difficulty <= hi


def test_knob_scales_the_problem_within_a_level():
    # hydrogen: the principal quantum number's range grows with the knob inside one level
    fam = get_family("xphysics.qm.hydrogen_radial_expectation")
    def top_n(d):
        return max(make_draft(fam, seed=0, index=i, difficulty=d)[0].params["n"] for i in range(40))
    assert top_n(0.26) < top_n(0.49)


def test_generate_cli_difficulty(tmp_path, capsys):
    from qftdata.cli import main

    out = tmp_path / "d.jsonl"
    names = "xphysics.stat.few_level_thermodynamics,xphysics.qm.clebsch_gordan"
    assert main(["generate", "--families", names, "--n-per-family", "3", "--difficulty", "0.8",
                 "--out", str(out), "--no-progress"]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 6 and {r["level"] for r in rows} == {"postgraduate"}
    assert {json.loads(r["metadata"])["difficulty"] for r in rows} == {0.8}
    assert main(["generate", "--families", names, "--n-per-family", "4", "--difficulty", "0.1:0.4",
                 "--out", str(out), "--no-progress"]) == 0
    for r in map(json.loads, out.read_text().splitlines()):
        d = json.loads(r["metadata"])["difficulty"]
        assert 0.1 <= d <= 0.4 and LEVEL_BANDS[r["level"]][0] <= d < LEVEL_BANDS[r["level"]][1]
    capsys.readouterr()
    assert main(["generate", "--families", names, "--difficulty", "1.5", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "difficulty" in err[0] and "Traceback" not in err[0]
    assert main(["generate", "--families", names, "--difficulty", "0.3", "--level", "graduate", "--out", str(out)]) == 2
    assert "not both" in capsys.readouterr().err
