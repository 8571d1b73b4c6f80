"""`qftdata build`: a tiny build from test-only families (never registered), loaded offline, rebuilt
byte-identically; gates, splits, prompts, cache and `add_config`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from qftdata.build import add_config, build, content_hash, read_card
from qftdata.build.pipeline import completion_for
from qftdata.dedup import normalize_answer
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.prompts import SYSTEM_PROMPT

N = 14


@dataclass(frozen=True)
class TinyConfig(FamilyConfig):
    top: int = 6


def _alpha(rng, level, config):
    a, b = rng.randint(1, config.top), rng.randint(1, config.top)
    verb = rng.choice(["Compute", "Find"])  # same maths, other wording: near duplicates
    return Draft(problem=f"{verb} the integer sum $a+b$ of the coupling indices $a={a}$ and $b={b}$ that "
                         f"label the scalar field modes in this toy counting problem. Give it in `\\boxed{{}}`.",
                 answer=str(a + b), solution=f"Add: ${a}+{b}={a + b}$.", params={"a": a, "b": b, "verb": verb},
                 answer_type="numeric")


def _beta(rng, level, config):
    a = rng.randint(1, 9)
    tag = rng.randint(0, 3)  # not in the statement: exact duplicates
    boxed = a * a + (1 if a == 7 else 0)  # a == 7: the solution disagrees with the gold
    return Draft(problem=f"A mode has index $n={a}$. Give $n^2$ in `\\boxed{{}}`.", answer=str(a * a),
                 solution=f"Square it: $\\boxed{{{boxed}}}$", params={"a": a, "tag": tag},
                 answer_type="numeric")


def _gamma(rng, level, config):
    k = rng.randint(2, 40)
    return Draft(problem=f"The mass term is $\\frac{{{k}}}{{2}} m^2 \\phi^2$. Give the coefficient of "
                         f"$\\phi^2$ in terms of $m$ in `\\boxed{{}}`.",
                 answer=f"\\frac{{{k}}}{{2}} m^{{2}}", solution="Read it off.", params={"k": k},
                 symbols=["m"])


def _delta(rng, level, config):
    v = rng.randint(1, 50)
    return Draft(problem=f"A ball moves at ${v}$ m/s for 2 s. Give the distance in metres in `\\boxed{{}}`.",
                 answer=str(2 * v), solution=f"$d = vt = {2 * v}$.", params={"v": v},
                 answer_type="numeric", tolerance=0.01)


LEVELS2 = ("advanced-undergraduate", "graduate")
FAMILIES = {
    "testonly.alpha": Family("testonly.alpha", "Foundations and Scalar Fields", LEVELS2, "a+b", _alpha,
                             TinyConfig()),
    "testonly.beta": Family("testonly.beta", "Foundations and Scalar Fields", ("graduate",), "n^2", _beta),
    "testonly.gamma": Family("testonly.gamma", "Symmetries and Scattering", LEVELS2, "coefficient", _gamma),
    "xphysics.testonly_delta": Family("xphysics.testonly_delta", "Classical Mechanics", ("graduate",),
                                      "distance", _delta),
}


def last_boxed(text: str) -> str | None:
    start = text.rfind("\\boxed{")
    if start < 0:
        return None
    depth, i = 0, start + len("\\boxed{") - 1
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[i + 1:j]
    return None


def stub_verifier(rows):
    """String-level stand-in for the project verifier (fast, deterministic): one verdict per row."""
    out = []
    for row in rows:
        boxed = last_boxed(completion_for(row))
        ok = boxed is not None and normalize_answer(boxed) == normalize_answer(row["answer"])
        out.append((ok, "correct" if ok else "incorrect", "" if ok else f"boxed {boxed!r}"))
    return out


def tiny_build(out, **kw):
    kw.setdefault("n_per_family", N)
    kw.setdefault("min_families_for_ood", 2)
    kw.setdefault("verifier", stub_verifier)
    kw.setdefault("families", FAMILIES)
    return build(out, progress=False, log=lambda m: None, **kw)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("b1") / "qft-reason"
    return tiny_build(out)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


def test_layout_and_card(built):
    out = built.out
    files = _files(out)
    assert "README.md" in files and "build_info.json" in files
    assert {f for f in files if f.startswith("data/")} >= {
        "data/problems/train-00000-of-00001.parquet", "data/problems/test_ood-00000-of-00001.parquet",
        "data/xphysics/test-00000-of-00001.parquet", "data/sft/train-00000-of-00001.parquet"}
    meta, body = read_card(out)
    assert meta["license"] == "cc-by-4.0" and meta["language"] == ["en"]
    assert set(meta["task_categories"]) == {"question-answering", "text-generation"}
    assert meta["size_categories"] == ["n<1K"]
    configs = {c["config_name"]: c for c in meta["configs"]}
    assert list(configs) == ["problems", "sft", "xphysics"]
    assert configs["problems"]["default"] is True
    assert [d["split"] for d in configs["problems"]["data_files"]][:3] == ["train", "validation", "test"]
    assert {"split": "test", "path": "data/xphysics/test-*"} in configs["xphysics"]["data_files"]
    assert "2604.18936" in body and built.info["content_hash"] in body
    assert "`testonly.alpha`" in body and "$" not in re.sub(r"`[^`]*`", "", body.split("## Quality")[0])


def test_gates_counts_and_splits(built):
    info = built.info
    q = info["quality"]
    assert q["verify_failed"] >= 1 and q["verify_failed_by_status"] == {"incorrect": q["verify_failed"]}
    assert q["exact_duplicates"] >= 1 and q["near_duplicates"] >= 1
    assert q["rows_out"] == q["generated"] - q["verify_failed"] - q["exact_duplicates"] - q["near_duplicates"]
    assert info["ood_families"] == ["testonly.alpha"] or info["ood_families"] == ["testonly.beta"]
    import pyarrow.parquet as pq

    def rows(cfg, split):
        path = built.out / "data" / cfg / f"{split}-00000-of-00001.parquet"
        return pq.read_table(path).to_pylist() if path.exists() else []

    train = rows("problems", "train")
    assert not {r["family"] for r in train} & set(info["ood_families"])
    assert {r["family"] for r in rows("problems", "test_ood")} == set(info["ood_families"])
    assert {r["family"] for r in rows("xphysics", "test")} == {"xphysics.testonly_delta"}
    train_keys = {(r["family"], normalize_answer(r["answer"])) for r in train}
    for split in ("validation", "test", "test_ood"):
        assert not any((r["family"], normalize_answer(r["answer"])) in train_keys for r in rows("problems", split))
        assert info["contamination"]["splits"][split]["family_answer_pairs_shared_with_train"] == 0
    for cfg, split in (("problems", "train"), ("problems", "test"), ("xphysics", "test")):
        ids = [r["id"] for r in rows(cfg, split)]
        assert ids == sorted(ids) and len(set(ids)) == len(ids)
    r = train[0]
    assert r["prompt"][0] == {"role": "system", "content": SYSTEM_PROMPT}
    assert r["prompt"][1]["role"] == "user" and r["problem"] in r["prompt"][1]["content"]
    assert "\\boxed" in r["prompt"][1]["content"]
    sft = rows("sft", "train")
    assert [m["role"] for m in sft[0]["messages"]] == ["system", "user", "assistant"]
    assert last_boxed(sft[0]["messages"][-1]["content"]) is not None
    assert {s["id"] for s in sft} == {t["id"] for t in train}


def test_load_dataset_offline_every_config(built, tmp_path, monkeypatch):
    from datasets import load_dataset

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.chdir(built.out.parent)
    cache = str(tmp_path / "hf")
    ds = load_dataset("qft-reason", cache_dir=cache)  # by folder name from the parent folder
    expected = built.info["configs"]
    assert {s: len(d) for s, d in ds.items()} == expected["problems"]
    assert ds["train"].features["prompt"].feature["role"].dtype == "string"
    assert ds["train"].features["tolerance"].dtype == "float64"
    for cfg in ("problems", "xphysics", "sft"):
        d = load_dataset(str(built.out), cfg, cache_dir=cache)
        assert {s: len(x) for s, x in d.items()} == expected[cfg]


def test_two_builds_byte_identical(built, tmp_path):
    other = tiny_build(tmp_path / "another-name", num_proc=2, use_cache=False)  # folder name is not data
    assert _files(other.out) == _files(built.out)
    assert other.info["content_hash"] == built.info["content_hash"] == content_hash(
        built.out, ("problems", "xphysics", "sft"))


def test_cache_resume_and_add_config(built, tmp_path):
    import shutil

    out = tmp_path / "qft-reason"
    shutil.copytree(built.out, out)
    again = tiny_build(out)  # every family from .cache
    assert all(t[-1] for t in again.timings.values())
    assert _files(out) == _files(built.out)

    def reject_gamma(rows):  # another verifier: cached generations are kept, verdicts redone
        return [(r["family"] != "testonly.gamma", "incorrect", "") for r in rows]

    changed = tiny_build(out, verifier=reject_gamma)
    assert all(t[-1] for t in changed.timings.values())
    assert changed.info["families"]["testonly.gamma"]["verify_failed"] == changed.info["families"][
        "testonly.gamma"]["generated"]
    tiny_build(out)  # back to the original verifier: same files again
    assert _files(out) == _files(built.out)

    counts = add_config(out, "traces", {"train": [{"id": "x-1", "completion": "\\boxed{2}", "reward": 1.0}]})
    assert counts == {"train": 1}
    meta, body = read_card(out)
    assert [c["config_name"] for c in meta["configs"]] == ["problems", "sft", "traces", "xphysics"]
    assert "`traces` | `train` | 1" in body
    tiny_build(out)  # a rebuild keeps configs added by other commands
    assert "traces" in [c["config_name"] for c in read_card(out)[0]["configs"]]
    from datasets import load_dataset

    assert load_dataset(str(out), "traces", cache_dir=str(tmp_path / "hf"))["train"][0]["reward"] == 1.0
    with pytest.raises(ValueError, match="one type"):
        add_config(out, "broken", {"train": [{"x": 1}, {"x": "a"}]})


def test_build_info_has_no_clock(built):
    info = json.loads((built.out / "build_info.json").read_text())
    assert "seconds" not in json.dumps(info) and info["seed"] == 0 and info["n_per_family"] == N
    assert set(info["families"]) == set(FAMILIES)


def test_cli_build(tmp_path, monkeypatch, capsys):
    import qftdata.build.pipeline as pipeline
    from qftdata.cli import main

    monkeypatch.setattr(pipeline, "_select", lambda pats: dict(FAMILIES))
    monkeypatch.setattr(pipeline, "ProjectVerifier", lambda: stub_verifier)
    monkeypatch.setattr(pipeline, "_verifier_source_hash", lambda: "stub")
    rc = main(["build", "--out", str(tmp_path / "qft-reason"), "--n-per-family", "5", "--quiet"])
    assert rc == 0
    out = capsys.readouterr().out
    assert "content_hash=" in out and "kept=" in out


def test_choose_ood_families_is_per_category_and_stable():
    from qftdata.build import choose_ood_families

    assert choose_ood_families(FAMILIES, min_families=3) == []
    chosen = choose_ood_families(FAMILIES, min_families=2)
    assert len(chosen) == 1 and chosen[0] in ("testonly.alpha", "testonly.beta")
    more = {**FAMILIES, "testonly.zeta": Family("testonly.zeta", "Symmetries and Scattering", LEVELS2, "z", _gamma)}
    assert choose_ood_families(more, min_families=2)[:1] == chosen or chosen[0] in choose_ood_families(more, 2)


def test_ood_holds_out_a_family_with_its_variants():
    from qftdata.build import choose_ood_families

    fams = {**FAMILIES, "testonly.alpha.code": Family("testonly.alpha.code", "Foundations and Scalar Fields",
                                                      LEVELS2, "a+b as code", _alpha)}
    chosen = choose_ood_families(fams, min_families=2)
    assert chosen in (["testonly.alpha", "testonly.alpha.code"], ["testonly.beta"])
    assert choose_ood_families(fams, min_families=3) == []  # alpha + alpha.code is one group


@pytest.mark.parametrize("record,has_instruction,has_choices", [
    ({"problem": "Give $x$ in `\\boxed{}`.", "answer_type": "expression"}, False, False),
    ({"problem": "Find $x$.", "answer_type": "expression"}, True, False),
    ({"problem": "Write `def f(x)`.", "answer_type": "code"}, False, False),                 # code: no \boxed
    ({"problem": "Is it relevant?", "answer_type": "categorical", "choices": ["relevant", "irrelevant"]},
     True, True),
])
def test_prompts(record, has_instruction, has_choices):
    from qftdata.prompts import ANSWER_INSTRUCTION, build_messages, build_prompt

    user = build_prompt(record)[1]["content"]
    assert user.startswith(record["problem"])
    assert (ANSWER_INSTRUCTION in user) is has_instruction
    assert ("Choose one of: `relevant`, `irrelevant`." in user) is has_choices
    msgs = build_messages({**record, "solution": "Derivation.", "answer": "1"})
    assert msgs[-1] == {"role": "assistant", "content": "Derivation.\n\n$$\\boxed{1}$$"}


def test_card_template_is_shipped_inside_the_package():
    # non-editable installs have no `dataset_cards/`: the package carries the template (a symlink in the
    # repository that setuptools copies into wheels), and it must be the same text as the repository's one
    from pathlib import Path

    import qftdata.build.card as card

    packaged = Path(card.__file__).resolve().parent / "templates" / "qft-reason.md"
    repo = Path(__file__).resolve().parents[1] / "dataset_cards" / "qft-reason.md"
    assert packaged.read_text() == repo.read_text()
    assert "$n_rows" in packaged.read_text()  # the string.Template placeholders, not a rendered card


def _knob_family(rng, level, config):
    from qftdata.generators.base import knob, scale

    d = knob(config, level, rng)
    n = scale(d, 2, 60) + rng.randint(0, 400)
    return Draft(problem=f"A lattice has ${n}$ sites. Give twice that number in `\\boxed{{}}`.", answer=str(2 * n),
                 solution=f"Double it: $\\boxed{{{2 * n}}}$", params={"n": n}, answer_type="numeric", difficulty=d)


def test_build_with_the_real_verifier_self_checks_in_process(tmp_path):
    """Default verifier: rows are graded in the worker with the verifier's own functions; a few per family also
    go through the verifier pool (audit) and agree; the row whose solution boxes a wrong value is dropped."""
    res = build(tmp_path / "qft-reason", families=FAMILIES, n_per_family=N, min_families_for_ood=2, num_proc=2,
                progress=False, log=lambda m: None, use_cache=False)
    sc = res.info["quality"]["selfcheck"]
    assert sc["audit_rows"] >= len(FAMILIES) and sc["audit_disagreements"] == []
    assert sc["in_process"] + sc["audit_rows"] >= res.info["quality"]["generated"] - 10
    beta = res.info["families"]["testonly.beta"]
    assert beta["verify_failed"] >= 1  # a == 7: the solution's boxed 50 is not the gold 49
    assert res.info["quality"]["verify_failed_by_status"].keys() <= {"incorrect"}
    assert "graded again through the verifier's process pool" in (res.out / "README.md").read_text()


def test_build_difficulty_and_xphysics_count(tmp_path):
    fams = {"testonly.knob": Family("testonly.knob", "Foundations and Scalar Fields", LEVELS2, "knob", _knob_family),
            "xphysics.testonly_delta": FAMILIES["xphysics.testonly_delta"]}
    res = tiny_build(tmp_path / "qft-reason", families=fams, difficulty=(0.3, 0.45), xphysics_n_per_family=4)
    info = res.info
    assert info["difficulty"]["setting"] == [0.3, 0.45]
    assert "--difficulty 0.3:0.45" in info["command"] and "--xphysics-n-per-family 4" in info["command"]
    by_level = info["difficulty"]["by_level"]
    assert set(by_level) <= {"graduate", "advanced-undergraduate"} and by_level["graduate"]["rows"] >= 1
    knob_rows = by_level["graduate"]
    assert 0.3 <= knob_rows["min"] <= knob_rows["max"] <= 0.45
    assert info["families"]["xphysics.testonly_delta"]["generated"] == 4
    card = (res.out / "README.md").read_text()
    assert "--difficulty 0.3:0.45" in card and "## Difficulty" in card
