r"""`qftdata adapt`: the deterministic stage on seeds written for these tests (tests/data/seeds: YAML in the
layout of the paper's matched_pairs.yaml, LaTeX environments) and the full route against a real local
OpenAI-compatible HTTP server, into a dataset folder that `qftdata validate` accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openai_server import running_server
from test_synth import RoutedResponder, fenced, quality_reply

from qftdata.adapt import analyse, classify, extract_result, read_seeds, split_pair
from qftdata.cli import main as cli_main
from qftdata.schema import Problem

SEEDS = Path(__file__).parent / "data" / "seeds"
YAML_SEEDS = SEEDS / "matched_pairs.yaml"

# key -> (split method, extraction method, extracted value, verifiable)
EXPECTED = {
    "matched_pairs.yaml#0(a)": ("letters", "display", r"\frac{4\pi\alpha^2}{3s}", True),
    "matched_pairs.yaml#0(b)": ("letters", None, None, False),
    "matched_pairs.yaml#0(c)": ("letters", "therefore", r"0.869\,\text{nb}", True),
    "matched_pairs.yaml#1(1)": ("enumerate", "therefore", r"-\lambda", True),
    "matched_pairs.yaml#1(2)": ("enumerate", "therefore", r"|\mathcal{M}|^2/(64\pi^2 s)", False),
    "matched_pairs.yaml#1(3)": ("enumerate", "display", r"\frac{\lambda^2}{32\pi s}", True),
    "matched_pairs.yaml#2": ("single", "answer_phrase", r"11 - \frac{2}{3} n_f", True),
    "matched_pairs.yaml#3(i)": ("roman", None, None, False),
    "matched_pairs.yaml#3(ii)": ("roman", "boxed", r"\sqrt{k^2 + m^2}", True),
    "notes.tex#0": ("single", "display", r"\frac{8\pi\alpha^2}{3m^2}", True),
    "notes.tex#1(a)": ("letters", None, None, False),
    "notes.tex#1(b)": ("letters", None, None, False),
}


def test_seed_parts_results_and_classes_without_a_model():
    findings, issues = analyse(SEEDS)
    assert not issues
    got = {f.key: (f.split_method, f.result["method"] if f.result else None,
                   f.result["value"] if f.result else None, f.verifiable) for f in findings}
    assert got == EXPECTED
    by_key = {f.key: f for f in findings}
    assert "show that" in by_key["matched_pairs.yaml#0(b)"].reason
    assert "derive" in by_key["matched_pairs.yaml#3(i)"].reason
    assert by_key["matched_pairs.yaml#0(a)"].preamble.startswith("Consider QED")
    assert by_key["matched_pairs.yaml#0(c)"].solution.startswith("With $s = 100$")
    assert by_key["matched_pairs.yaml#1(3)"].text.startswith("Calculate the tree-level total cross section")
    assert by_key["matched_pairs.yaml#0(a)"].result_parses is True
    assert by_key["notes.tex#0"].title == "Thomson limit"


def test_adapt_cli_deterministic_stage_writes_findings(tmp_path):
    out = tmp_path / "det"
    assert cli_main(["adapt", str(YAML_SEEDS), "--out", str(out)]) == 0
    parts = [json.loads(line) for line in (out / "parts.jsonl").read_text().splitlines()]
    assert len(parts) == 9 and sum(p["verifiable"] for p in parts) == 6
    nv = [json.loads(line) for line in (out / "not_verifiable.jsonl").read_text().splitlines()]
    assert {p["key"] for p in nv} == {"matched_pairs.yaml#0(b)", "matched_pairs.yaml#1(2)", "matched_pairs.yaml#3(i)"}
    assert all(p["reason"] for p in nv)
    summary = (out / "summary.md").read_text()
    assert "| verifiable | 6 |" in summary and "proof or explanation task" in summary
    assert not (out / "report.json").exists()  # no model, no LLM stages


@pytest.mark.parametrize("problem,solution,labels,solutions", [
    ("Set-up.\n1. Find $x$.\n2. Find $y$.", "1. $x = 1$.\n2. $y = 2$.", ["1", "2"], ["$x = 1$.", "$y = 2$."]),
    ("Set-up. (a) Find $x$. (b) Find $y$.", "(a) $x=1$ (b) $y=2$", ["a", "b"], ["$x=1$", "$y=2$"]),
    ("Set-up.\na) Find $x$.\nb) Find $y$.\nc) Find $z$.", "a) $x=1$\nb) $y=2$", ["a", "b", "c"],
     ["$x=1$", "$y=2$", ""]),
    ("\\begin{enumerate}\\item[(a)] Find $x$. \\item[(b)] Find $y$ with $f(a)$.\\end{enumerate}",
     "\\begin{enumerate}\\item $x=1$ \\item $y=2$ \\end{enumerate}", ["a", "b"], ["$x=1$", "$y=2$"]),
    ("Find $f(a)$ for the function f(b) given.", "$f(a) = 3$", [""], ["$f(a) = 3$"]),
])
def test_split_pair_table(problem, solution, labels, solutions):
    s = split_pair(problem, solution)
    assert [p.label for p in s.parts] == labels
    assert [p.solution for p in s.parts] == solutions


def test_split_notes_unsplit_solution():
    s = split_pair("(a) Find $x$. (b) Find $y$.", "Both are zero.")
    assert [p.solution for p in s.parts] == ["", ""] and "not split" in s.notes[0]
    findings = analyse.__globals__["analyse_pair"](read_seeds.__globals__["SeedPair"](
        "f.yaml", 0, "(a) Find $x$. (b) Find $y$.", "Both are zero."))
    assert not any(f.verifiable for f in findings)


@pytest.mark.parametrize("text,method,value", [
    (r"so $\boxed{E = mc^2}$ and later $$y = 3$$", "boxed", "mc^2"),
    (r"The final answer is $\frac{1}{2}$.", "answer_phrase", r"\frac{1}{2}"),
    ("First $$a = 1,$$ then\n\\begin{align} b &= 2 \\\\ &= 3 + 0 \\label{x} \\end{align}", "display", "3 + 0"),
    (r"$$a = 1$$ and thus $m_W \approx 80.4$ GeV.", "therefore", "80.4"),
    (r"we find $\Gamma(h \to b\bar b) = \frac{3 G_F m_b^2 m_h}{4\sqrt{2}\pi}$.", "therefore",
     r"\frac{3 G_F m_b^2 m_h}{4\sqrt{2}\pi}"),
    ("No formula here.", None, None),
])
def test_extract_result_table(text, method, value):
    r = extract_result(text)
    assert (r.method if r else None, r.value if r else None) == (method, value)


@pytest.mark.parametrize("text,value,ok", [
    ("Compute the width.", r"\frac{g^2}{8\pi}", True),
    ("Show that the width is positive and find its value.", "1", True),
    ("Prove that the current is conserved.", "0", False),
    ("Derive the equations of motion.", r"(\partial^2 + m^2)\phi = 0", False),
    ("Derive an expression for the decay rate.", r"\frac{g^2 m}{8\pi}", True),
    ("Find the conservation law.", r"\partial_\mu j^\mu", False),
    ("Calculate the mass.", None, False),
])
def test_classify_table(text, value, ok):
    assert classify(text, value)[0] is ok


def test_readers_lenient_layouts_and_issues(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"Question": "Find $x$.", "Solution": "$x = 1$", "ID": "q1"})
                                      + "\n" + json.dumps({"problem": "no solution"}) + "\nnot json\n")
    (tmp_path / "b.yaml").write_text("matched_pairs:\n  - problem: Find y.\n    solution: $y = 2$\n    book: P&S\n---\n"
                                     "problem: Find z.\nsolution: $z = 3$\ncategory: Effective Field Theories\n")
    (tmp_path / "c.tex").write_text("\\section*{Problem 1: Widths}\nFind $w$.\n\\section*{Solution}\n$w = 4$\n"
                                    "\\section*{Problem 2}\nFind $v$.\n")
    pairs, issues = read_seeds(tmp_path)
    assert [(Path(p.file).name, p.index, p.problem) for p in pairs] == [
        ("a.jsonl", 0, "Find $x$."), ("b.yaml", 0, "Find y."), ("b.yaml", 1, "Find z."), ("c.tex", 0, "Find $w$.")]
    assert pairs[0].id == "q1" and pairs[1].source == "P&S" and pairs[2].extra == {"category": "Effective Field Theories"}
    assert pairs[3].title == "Widths"
    msgs = sorted(str(i) for i in issues)
    assert any("a.jsonl [entry 1]: no solution text" in m for m in msgs)
    assert any("line 3: not JSON" in m for m in msgs)
    assert any("c.tex" in m and "problem without a following solution" in m for m in msgs)


# ---------------------------------------------------------------------------------------------- full route


def _rewrite(problem: str, answer: str, symbols: list[str], solution: str, **kw) -> str:
    return fenced({"problem": problem, "answer": answer, "answer_type": kw.pop("answer_type", "expression"),
                   "symbols": symbols, "solution": solution, "category": kw.pop("category", "Symmetries and Scattering"),
                   "level": "graduate", **kw})


REWRITES = {
    "ee-mumu, part a": _rewrite(
        "[adapt-a] In QED with massless electrons and muons ($D_\\mu = \\partial_\\mu + ieQA_\\mu$, $Q=-1$), compute "
        "the unpolarised tree-level total cross section $\\sigma(e^+e^-\\to\\mu^+\\mu^-)$ at centre-of-mass energy "
        "squared $s$. Give $\\sigma$ in terms of $\\alpha$ and $s$ in `\\boxed{}`.",
        "\\frac{4\\pi\\alpha^2}{3s}", ["alpha", "s"],
        "Only the s-channel photon contributes; $d\\sigma/d\\Omega = \\frac{\\alpha^2}{4s}(1+\\cos^2\\theta)$, so "
        "$\\sigma = \\boxed{\\frac{4\\pi\\alpha^2}{3s}}$."),
    "ee-mumu, part c": _rewrite(
        "[adapt-c] With $\\sigma = 4\\pi\\alpha^2/(3s)$ for $e^+e^-\\to\\mu^+\\mu^-$, evaluate $\\sigma$ in nanobarns "
        "at $\\sqrt{s} = 10$ GeV with $\\alpha = 1/137$ and $(\\hbar c)^2 = 0.3894$ mb GeV$^2$. Give the number of "
        "nanobarns in `\\boxed{}` (relative tolerance 1%).",
        "0.869", [], "$\\sigma = 2.232\\times10^{-6}$ GeV$^{-2}$ $= \\boxed{0.869}$ nb.", answer_type="numeric",
        tolerance=0.01),
    "phi4-2to2, part 1": '```json\n{"problem": "[adapt-1] Find M.", "answer": "-\\\\lambda", '
                         '"answer_type": "expression", "symbols": ["lambda"]}\n```',  # no "solution": malformed
    "phi4-2to2, part 3": _rewrite(
        "[adapt-3] For $\\mathcal{L}_{int} = -\\frac{\\lambda}{4!}\\phi^4$ compute the tree-level total cross section "
        "of $\\phi\\phi\\to\\phi\\phi$ in terms of $\\lambda$ and $s$. Put it in `\\boxed{}`.",
        "\\frac{\\lambda^2}{32\\pi s}", ["lambda", "s"], "Constant amplitude; $\\boxed{\\frac{\\lambda^2}{32\\pi s}}$."),
    "qcd-b0, part whole problem": _rewrite(
        "[adapt-b0] Determine $b_0$ in $\\beta(g) = -\\frac{g^3}{16\\pi^2}b_0$ for SU(3) with $n_f$ Dirac quark "
        "flavours. Give $b_0$ in terms of $n_f$ in `\\boxed{}`.",
        "11 - \\frac{2}{3}n_f", ["n_f"], "$b_0 = \\frac{11}{3}\\cdot 3 - \\frac{4}{3}\\cdot\\frac{1}{2}n_f = "
        "\\boxed{11 - \\frac{2}{3}n_f}$.", category="Non-Abelian Gauge Theories"),
    "kg-dispersion, part ii": _rewrite(
        "[adapt-ii] For $\\mathcal{L} = \\frac12(\\partial\\phi)^2 - \\frac12 m^2\\phi^2$ find the positive-frequency "
        "dispersion relation $\\omega(k)$. Give $\\omega$ in terms of $k$ and $m$ in `\\boxed{}`.",
        "\\sqrt{k^2 - m^2}", ["k", "m"], "$\\omega = \\boxed{\\sqrt{k^2 + m^2}}$.",
        category="Foundations and Scalar Fields"),
}
SOLVER = {"[adapt-a]": r"\boxed{\frac{4\pi\alpha^2}{3s}}", "[adapt-c]": r"\boxed{0.87}",
          "[adapt-b0]": r"\boxed{11 - n_f}"}


def adapt_handler(kind: str, user: str, n: int) -> list[str]:
    if kind == "adapt":
        key = re.search(r"\(entry ([^)]*)\)", user)[1]
        return [REWRITES[key]]
    if kind == "quality":
        return [quality_reply(50 if "[adapt-3]" in user else 95)]
    if kind == "solver":
        tag = re.search(r"\[adapt-[^\]]*\]", user)[0]
        return [f"Working... {SOLVER.get(tag, 'no answer')}"] * n
    raise LookupError(kind)


def test_adapt_full_route_scripted_server_into_validated_dataset(tmp_path, capsys):
    from qftdata.validate import validate

    out, ds = tmp_path / "adapt", tmp_path / "ds"
    with running_server(RoutedResponder(adapt_handler)) as server:
        args = ["adapt", str(YAML_SEEDS), "--model", "rewriter", "--base-url", server.url, "--out", str(out),
                "--dataset-dir", str(ds), "--max-retries", "0"]
        rc = cli_main(args)
        n_requests = len(server.requests_seen)
        assert rc == 0
        report = json.loads((out / "report.json").read_text())
        st = report["stages"]
        assert (st["classify"]["in"], st["classify"]["pass"], st["classify"]["fail"]) == (9, 6, 3)
        assert (st["parse"]["pass"], st["parse"]["fail"]) == (5, 1)
        assert (st["self_verify"]["pass"], st["self_verify"]["fail"]) == (4, 1)
        assert (st["quality"]["pass"], st["quality"]["fail"]) == (3, 1)
        assert (st["solver"]["pass"], st["solver"]["fail"]) == (2, 1)
        assert report["kept"] == 2 and report["deterministic"]["verifiable"] == 6
        assert st["matches_original (info, not a filter)"]["pass"] >= 2
        rows = [Problem.from_dict(json.loads(line)) for line in (out / "human_adapted.jsonl").read_text().splitlines()]
        assert sorted(r.meta()["part_label"] for r in rows) == ["a", "c"]
        for r in rows:
            r.validate()
            m = r.meta()
            assert r.source == "human-adapted" and r.family == "adapt.matched_pairs"
            assert m["source_file"] == "matched_pairs.yaml" and m["entry_id"] == "ee-mumu" and m["entry_index"] == 0
            assert m["original_problem"].startswith("Consider QED") and m["extracted_result"]["method"]
            assert m["checks"]["quality"]["scores"]["physics_correctness"] == 90
            assert m["checks"]["solver"]["n_correct"] == 3
        # ids are stable (provenance), and a rerun asks the server nothing
        ids = sorted(r.id for r in rows)
        assert cli_main(args) == 0 and len(server.requests_seen) == n_requests
        rows2 = [json.loads(line) for line in (out / "human_adapted.jsonl").read_text().splitlines()]
        assert sorted(r["id"] for r in rows2) == ids
    rep = validate(ds)
    assert rep.ok, [str(e) for e in rep.errors]
    assert rep.stats["configs"]["human"] == {"test": 2}
    print(json.dumps({k: {x: v[x] for x in ("in", "pass", "fail")} for k, v in st.items()}))
    assert "| solver | 3 | 2 | 1 |" in capsys.readouterr().out


def test_adapt_interrupted_by_a_failing_request_resumes_from_the_cache(tmp_path, capsys):
    """One rewrite request fails (HTTP 400, not retried): the command stops with exit 1 and a message; the
    answers already received are cached, so the rerun asks only for what is missing."""
    broken = {"on": True}

    def handler(kind: str, user: str, n: int) -> list[str]:
        if kind == "adapt" and broken["on"] and "(entry qcd-b0," in user:
            raise LookupError("scripted failure")
        return adapt_handler(kind, user, n)

    responder = RoutedResponder(handler)
    out = tmp_path / "adapt"
    with running_server(responder) as server:
        args = ["adapt", str(YAML_SEEDS), "--model", "rewriter", "--base-url", server.url, "--out", str(out),
                "--max-retries", "0", "--no-quality", "--no-solver"]
        assert cli_main(args) == 1
        assert "rerun the same command to resume" in capsys.readouterr().err
        assert responder.kinds.count("adapt") == 6  # the other five rewrites completed and were cached
        broken["on"] = False
        assert cli_main(args) == 0
        assert responder.kinds.count("adapt") == 7  # only the failed one was asked again
    report = json.loads((out / "report.json").read_text())
    assert report["usage"]["rewriter+judge+solver"]["cache_hits"] == 5
    assert "quality check skipped (--no-quality)" in report["notes"]
