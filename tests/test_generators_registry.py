"""Registry-wide checks, parametrised over EVERY registered family (all helpers' families).

For a few draws per family: determinism, schema validity, self-verification of the gold with the project
verifier, perturbed golds rejected, statement mentions every answer symbol, solution ends with the boxed
answer. Variety and guessability (500 draws, the caps) live in tests/test_variety.py; the table of
docs/generators.md comes from benchmarks/perf/generate.py.
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest
import sympy as sp

from qftdata.generators import families, generate_one
from qftdata.generators.registry import discovery_errors
from qftdata.schema import CATEGORIES, XPHYSICS_CATEGORIES, validation_errors

N_DRAWS = 2        # default run: keep the whole registry under a few minutes on 2 cores
N_DRAWS_SLOW = 6   # the slow-marked variant
FAMILIES = sorted(families())


@cache
def _records(name, n=N_DRAWS):
    """Draws shared by the checks below (generated once per family per session)."""
    fam = families()[name]
    return tuple(generate_one(name, seed=7, index=i, level=fam.levels[i % len(fam.levels)]) for i in range(n))


def test_registry_is_not_empty_and_discovery_clean():
    assert FAMILIES, "no families registered"
    assert discovery_errors() == {}, f"family modules failed to import: {discovery_errors()}"


@pytest.mark.parametrize("name", FAMILIES)
def test_family_metadata(name):
    fam = families()[name]
    if fam.is_xphysics:
        assert fam.category in XPHYSICS_CATEGORIES
    else:
        assert fam.category in CATEGORIES, "only xphysics.* families may use cross-physics categories"
    assert fam.reference, "each family cites the literature its tests cross-check against"
    assert fam.description


@pytest.mark.parametrize("name", FAMILIES)
def test_determinism_and_schema(name):
    fam = families()[name]
    first = _records(name)[0]
    again = generate_one(name, seed=7, index=0, level=fam.levels[0])
    assert again.to_dict() == first.to_dict(), "same seed/index must give an identical record"
    for rec in _records(name):
        assert validation_errors(rec.to_dict()) == []
        assert rec.family == name and rec.source == "procedural"
    ids = {first.id}
    for s in range(12):  # different seeds vary (stop at the first new problem)
        ids.add(generate_one(name, seed=100 + s, index=s % 3).id)
        if len(ids) > 1:
            break
    assert len(ids) > 1, "different seeds should give different problems"


def _symbol_latex(name: str) -> list[str]:
    """Accepted LaTeX spellings of a declared symbol (m_H -> m_H, m_{H}; lambda -> \\lambda; s_12 -> s_{12})."""
    out = {name}
    sym = sp.Symbol(name)
    out.add(sp.latex(sym))
    if "_" in name:
        base, sub = name.split("_", 1)
        base_tex = sp.latex(sp.Symbol(base))
        out |= {f"{base_tex}_{{{sub}}}", f"{base_tex}_{sub}", f"{base}_{{{sub}}}"}
        sub_tex = sp.latex(sp.Symbol(sub))
        out |= {f"{base_tex}_{{{sub_tex}}}", f"{base}_{{{sub_tex}}}"}
    return sorted(out)


@pytest.mark.parametrize("name", FAMILIES)
def test_statement_solution_and_symbols(name):
    for rec in _records(name):
        # code answers name their inputs in the function signature instead (verified by test cases)
        for s in ([] if rec.answer_type == "code" else rec.symbols):
            spellings = _symbol_latex(s)
            assert any(sp_ in rec.problem for sp_ in spellings), f"{rec.id}: symbol {s!r} not mentioned ({spellings})"
        if rec.answer_type != "code":
            tail = rec.solution.rstrip()[-(len(rec.answer) + 300):]
            assert "\\boxed{" in tail and rec.answer in tail, f"{rec.id}: solution must end with the boxed answer"
            assert "\\boxed" in rec.problem or "boxed" in rec.problem


def _perturbations(rec):
    """(label, answer string) pairs that must NOT verify."""
    ans = rec.answer
    if rec.answer_type == "categorical":
        return [("other choice", c) for c in rec.choices if c.strip().lower() != ans.strip().lower()][:2]
    out = [("times 2", rf"2 \left({ans}\right)"), ("sign flip", rf"-\left({ans}\right)")]
    if rec.symbols:
        first = rec.symbols[0]
        present = re.search(rf"(?<![A-Za-z\\]){re.escape(first.split('_')[0])}", ans)
        if present:
            out.append(("extra factor", rf"\left({ans}\right) {sp.latex(sp.Symbol(first))}"))
    return out


def _symbol_swap(rec):
    """The gold with one declared symbol replaced by another declared one (or by a new symbol `z`),
    skipped when the swap leaves the answer unchanged (an answer symmetric in the two symbols)."""
    from qftdata.verify import parse_answer

    if rec.answer_type == "categorical" or not rec.symbols:
        return []
    try:
        gold = parse_answer(rec.answer, symbols=tuple(rec.symbols))
    except Exception:
        return []
    present = sorted((s for s in gold.free_symbols if str(s) in rec.symbols), key=str)
    if not present:
        return []
    old = present[0]
    others = [s for s in rec.symbols if s != str(old)]
    new = sp.Symbol(others[0], positive=True) if others else sp.Symbol("z", positive=True)
    by_name = {str(s): s for s in gold.free_symbols}
    new = by_name.get(str(new), new)
    swapped = gold.xreplace({old: new, new: old}) if new in gold.free_symbols else gold.xreplace({old: new})
    try:
        if sp.simplify(swapped - gold) == 0:
            return []
    except Exception:
        return []
    return [(f"swap {old}->{new}", sp.latex(swapped))]


def _check_verification(name: str, n_draws: int) -> None:
    """Gold self-verifies; x2, sign flip and an extra declared-symbol factor do not (skipped for a zero gold)."""
    from qftdata.verify import parse_answer, verify_records

    completions, records, labels = [], [], []
    for rec in _records(name, n_draws):
        if rec.answer_type == "code":
            continue
        try:
            zero = rec.answer_type != "categorical" and sp.simplify(
                parse_answer(rec.answer, symbols=tuple(rec.symbols))) == 0
        except Exception:
            zero = False
        cases = [("gold", rec.answer)] + ([] if zero else _perturbations(rec) + _symbol_swap(rec))
        for label, text in cases:
            completions.append(f"The answer is $\\boxed{{{text}}}$.")
            records.append(rec)
            labels.append((rec.id, label, text))
    verdicts = verify_records(completions, records, timeout=10.0)  # batched: checked in parallel
    for (rid, label, text), v in zip(labels, verdicts, strict=True):
        if label == "gold":
            assert bool(v), f"{rid}: gold does not self-verify ({v.status}: {v.reason}); answer={text!r}"
        else:
            assert not bool(v), f"{rid}: perturbation '{label}' ({text!r}) wrongly verifies"


@pytest.mark.parametrize("name", FAMILIES)
def test_gold_self_verifies_and_perturbations_fail(name):
    _check_verification(name, n_draws=N_DRAWS)


@pytest.mark.slow
@pytest.mark.parametrize("name", FAMILIES)
def test_gold_self_verifies_more_draws(name):
    _check_verification(name, n_draws=N_DRAWS_SLOW)


@pytest.mark.parametrize("name", FAMILIES)
def test_metadata_has_params_and_reference(name):
    rec = _records(name)[0]
    meta = json.loads(rec.metadata)
    assert {"params", "seed", "index", "family_version", "reference"} <= set(meta)


def test_generate_command_writes_deduplicated_jsonl(tmp_path):
    """`qftdata generate` with globs, --verify and dedup: valid JSON lines, unique ids and statements."""
    from qftdata.cli import main

    out = tmp_path / "p.jsonl"
    rc = main(["generate", "--families", "path_integrals.wick*,foundations.renormalizability",
               "--n-per-family", "3", "--seed", "1", "--out", str(out), "--verify", "--no-progress"])
    assert rc == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 6
    assert all(validation_errors(r) == [] for r in rows)
    assert len({r["id"] for r in rows}) == len({" ".join(r["problem"].split()) for r in rows}) == 6
    assert {r["family"] for r in rows} == {"path_integrals.wick_contractions", "foundations.renormalizability"}


def test_generate_command_rejects_unknown_pattern(tmp_path, capsys):
    from qftdata.cli import main

    assert main(["generate", "--families", "no_such_family.*", "--out", str(tmp_path / "x.jsonl")]) == 2
    assert "matches no registered family" in capsys.readouterr().err


def test_no_generator_rounds_exact_values_through_nsimplify():
    # sympy's nsimplify evaluates an exact value to a float and *identifies* it again: with sympy 1.14
    # nsimplify(Rational(61, 1369)) returns 5*2**(73/432)*3**(1/18)*5**(7/108)*7**(305/432)/588, a gold
    # that is wrong at 1e-19 and rejects the exact answer. Golds are exact already; floats are converted with
    # sp.Rational(str(x)). (Found by the physics audit in gaussian_moments, bubble_finite_part,
    # mandelstam_angle.)
    from pathlib import Path

    import qftdata.generators as gen

    root = Path(gen.__file__).parent
    offenders = [f"{p.relative_to(root)}:{i}" for p in sorted(root.rglob("*.py"))
                 for i, line in enumerate(p.read_text().splitlines(), 1)
                 if "nsimplify(" in line and "rational=True" not in line]
    assert offenders == []
