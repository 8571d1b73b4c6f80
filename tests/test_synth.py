r"""`qftdata synth` end to end against a REAL local OpenAI-compatible HTTP server (`qftdata.serve`), with a
routed scripted responder (generation / quality review / solver prompts answered from fixed texts) and,
for the plumbing, the tiny random model as solver; plus the parser, cache and topic list on their own."""

from __future__ import annotations

import json
import math
import re
import threading
from pathlib import Path

import pytest
from openai_server import running_server

from qftdata.cli import main as cli_main
from qftdata.prompts import SYSTEM_PROMPT
from qftdata.schema import CATEGORIES, LEVELS, Problem
from qftdata.synth import MalformedOutput, Topic, load_topics, parse_candidate, parse_scores, plan_jobs

CATEGORY = "Symmetries and Scattering"
ANSWER_TYPES = "expression,code,expression,expression,expression,expression"  # only job 1 is a code answer


class RoutedResponder:
    """A scripted responder that routes on the prompt: `handler(kind, user_text, n) -> [texts]`, where kind is
    generate | quality | adapt | solver. Served over real HTTP by `qftdata.serve`."""

    def __init__(self, handler):
        self.handler = handler
        self.fail_first, self.fail_status, self.delay = 0, 503, 0.0
        self.kinds: list[str] = []
        self._lock = threading.Lock()

    def respond(self, body):
        msgs = body["messages"]
        user = next(m["content"] for m in msgs if m["role"] == "user")
        system = next((m["content"] for m in msgs if m["role"] == "system"), "")
        if system == SYSTEM_PROMPT:
            kind = "solver"
        elif user.startswith("TASK: write one new problem"):
            kind = "generate"
        elif user.startswith("TASK: quality review"):
            kind = "quality"
        elif user.startswith("TASK: adapt"):
            kind = "adapt"
        else:
            raise LookupError(f"unrouted prompt: {user[:80]!r}")
        n = int(body.get("n") or 1)
        with self._lock:
            self.kinds.append(kind)
            texts = self.handler(kind, user, n)
        choices = [{"index": i, "message": {"role": "assistant", "content": t}, "finish_reason": "stop",
                    "logprobs": None, "completion_tokens": len(t.split())} for i, t in enumerate(texts)]
        ptoks = sum(len(str(m["content"]).split()) for m in msgs)
        ctoks = sum(c["completion_tokens"] for c in choices)
        return {"choices": choices, "usage": {"prompt_tokens": ptoks, "completion_tokens": ctoks,
                                              "total_tokens": ptoks + ctoks}}


def fenced(obj) -> str:
    return "Here is the problem.\n\n```json\n" + json.dumps(obj, indent=1) + "\n```\n"


def quality_reply(score: int) -> str:
    return fenced({"problem_quality": score, "solution_completeness": 90, "answer_verifiability": 95,
                   "physics_correctness": 90, "comments": "fine" if score >= 80 else "too vague"})


XSEC = r"\frac{\lambda^2}{32\pi s}"


def expression_candidate(tag: str, answer: str = XSEC, boxed: str = XSEC) -> dict:
    return {"title": f"phi^4 total cross section {tag}",
            "problem": f"{tag} In real scalar theory with $\\mathcal{{L}}_{{int}} = -\\frac{{\\lambda}}{{4!}}\\phi^4$, "
                       "compute the tree-level total cross section for $\\phi\\phi\\to\\phi\\phi$ in the "
                       "centre-of-mass frame. Give $\\sigma$ in terms of $\\lambda$ and $s$ in `\\boxed{}`.",
            "answer": answer, "answer_type": "expression", "symbols": ["lambda", "s"],
            "solution": "The amplitude is $\\mathcal{M} = -\\lambda$, so $d\\sigma/d\\Omega = "
                        "\\lambda^2/(64\\pi^2 s)$; integrating and halving for identical particles, "
                        f"$\\sigma = \\boxed{{{boxed}}}$."}


def code_candidate(tag: str, factor: int = 32) -> dict:
    cases = [{"lam": 0.5, "s": 2.0}, {"lam": 1.3, "s": 7.5}]
    return {"title": f"phi^4 cross section as code {tag}",
            "problem": f"{tag} In real scalar $\\phi^4$ theory ($\\mathcal{{L}}_{{int}} = -\\frac{{\\lambda}}{{4!}}"
                       "\\phi^4$) write a Python function `sigma(lam, s)` returning the tree-level total cross "
                       "section of $\\phi\\phi\\to\\phi\\phi$ in natural units.",
            "answer": XSEC, "answer_type": "code", "symbols": ["lambda", "s"],
            "solution": "The amplitude is constant, $\\mathcal{M} = -\\lambda$; with the identical-particle "
                        f"factor $\\sigma = {XSEC}$.",
            "code": {"function": "sigma", "params": [{"name": "lam", "type": "float"}, {"name": "s", "type": "float"}],
                     "returns": "float",
                     "reference": f"import math\n\ndef sigma(lam, s):\n    return lam**2 / ({factor} * math.pi * s)\n",
                     "cases": [{"inputs": c, "expected": c["lam"] ** 2 / (32 * math.pi * c["s"])} for c in cases]}}


def solver_code(factor: int) -> str:
    return ("Constant amplitude, so\n```python\nimport math\n\ndef sigma(lam: float, s: float) -> float:\n"
            f"    return lam**2 / ({factor} * math.pi * s)\n```")


# Jobs (one category, level graduate, one difficulty -> 2 topics X, Y alternating, ranks 0..2):
#   topic X: rank 0 A good expression, rank 1 C malformed (LaTeX backslash not doubled), rank 2 E gold != box
#   topic Y: rank 0 B good code,       rank 1 D quality too low,                   rank 2 F solver wrong
MALFORMED = '```json\n{"title": "bad", "problem": "Compute \\frac{1}{2}.", "answer": "1/2", ' \
            '"answer_type": "expression", "solution": "\\boxed{1/2}"}\n```'


def synth_handler(topics_order: list[str]):
    seen: dict[str, int] = {}
    prompts: list[str] = []

    def handler(kind: str, user: str, n: int) -> list[str]:
        if kind == "generate":
            prompts.append(user)
            topic = re.search(r"^Topic: (.*)$", user, re.M)[1]
            rank = seen.get(topic, 0)
            seen[topic] = rank + 1
            x = topic == topics_order[0]
            if x:
                reply = [fenced(expression_candidate("[synth-A]")), MALFORMED,
                         fenced(expression_candidate("[synth-E]", answer=r"\frac{\lambda^2}{16\pi s}"))][rank]
            else:
                reply = [fenced(code_candidate("[synth-B]")), fenced(expression_candidate("[synth-D]")),
                         fenced(expression_candidate("[synth-F]"))][rank]
            return [reply]
        if kind == "quality":
            return [quality_reply(40 if "[synth-D]" in user else 92)]
        if kind == "solver":
            if "[synth-A]" in user:
                return ([r"I get \boxed{\frac{\lambda^2}{64\pi s}}", rf"So \boxed{{{XSEC}}}"] * n)[:n]
            if "[synth-B]" in user:
                return [solver_code(32)] * n
            if "[synth-F]" in user:
                return [r"\boxed{\frac{\lambda^2}{16\pi s}}"] * n
            return ["no idea"] * n
        raise LookupError(kind)

    handler.prompts = prompts
    return handler


def _synth_args(url: str, out: Path, *extra: str) -> list[str]:
    return ["synth", "--model", "gen-model", "--base-url", url, "--n", "6", "--out", str(out),
            "--categories", CATEGORY, "--levels", "graduate", "--difficulties", "standard",
            "--answer-types", ANSWER_TYPES, "--concurrency", "4", "--max-retries", "0", *extra]


def _jobs():
    return plan_jobs(load_topics(), 6, 0, categories=[CATEGORY], levels=["graduate"], difficulties=["standard"],
                     answer_types=tuple(ANSWER_TYPES.split(",")))


def test_synth_end_to_end_scripted_server(tmp_path, capsys):
    from qftdata.validate import validate

    jobs = _jobs()
    order = [jobs[0].topic, jobs[1].topic]
    handler = synth_handler(order)
    out, ds = tmp_path / "out", tmp_path / "ds"
    responder = RoutedResponder(handler)
    with running_server(responder) as server:
        rc = cli_main(_synth_args(server.url, out, "--dataset-dir", str(ds), "--price-in", "1", "--price-out", "2"))
        n_requests = len(server.requests_seen)
        report = json.loads((out / "report.json").read_text())
        st = report["stages"]
        # per-stage counts
        assert (st["parse"]["in"], st["parse"]["pass"], st["parse"]["fail"]) == (6, 5, 1)
        assert st["parse"]["reasons"] == {"malformed: LaTeX backslash not doubled inside a JSON string": 1}
        assert (st["self_verify"]["pass"], st["self_verify"]["fail"]) == (4, 1)
        assert (st["quality"]["pass"], st["quality"]["fail"]) == (3, 1)
        assert (st["solver"]["pass"], st["solver"]["fail"]) == (2, 1)
        assert rc == 0 and report["kept"] == 2
        usage = report["usage"]
        assert usage["prompt_tokens"] > 0 and usage["completion_tokens"] > 0 and usage["cost_usd"] > 0
        # earlier problems of a topic are summarised in the next prompt of that topic
        x_prompts = [p for p in handler.prompts if f"Topic: {order[0]}" in p]
        assert "(none yet)" in x_prompts[0] and "phi^4 total cross section [synth-A]" in x_prompts[2]
        rows = [json.loads(line) for line in (out / "llm_synthetic.jsonl").read_text().splitlines()]
        assert {r["answer_type"] for r in rows} == {"expression", "code"}
        for r in rows:
            rec = Problem.from_dict(r)
            rec.validate()
            meta = rec.meta()
            assert rec.source == "llm-synthetic" and rec.category == CATEGORY and rec.level == "graduate"
            assert meta["checks"]["quality"]["scores"]["problem_quality"] >= 80
            assert meta["checks"]["solver"]["n_correct"] >= 1 and meta["checks"]["solver"]["k"] == 3
            assert meta["generator_model"] == "gen-model"
        rejected = [json.loads(line) for line in (out / "rejected.jsonl").read_text().splitlines()]
        assert sorted(r["stage"] for r in rejected) == ["parse", "quality", "self_verify", "solver"]
        assert "LaTeX backslash not doubled" in next(r["reason"] for r in rejected if r["stage"] == "parse")
        # the dataset folder gets the llm_synthetic config and still validates
        rep = validate(ds)
        assert rep.ok, [str(e) for e in rep.errors]
        assert rep.stats["configs"]["llm_synthetic"] == {"test": 2}
        # a re-run is served from the cache: no request reaches the server, same records
        rc2 = cli_main(_synth_args(server.url, out))
        assert rc2 == 0 and len(server.requests_seen) == n_requests
        report2 = json.loads((out / "report.json").read_text())
        assert report2["usage"]["generator+judge+solver"]["requests"] == 0
        assert report2["usage"]["generator+judge+solver"]["cache_hits"] == report["usage"]["generator+judge+solver"]["requests"]
        assert [json.loads(line)["id"] for line in (out / "llm_synthetic.jsonl").read_text().splitlines()] == \
            [r["id"] for r in rows]
    print(json.dumps({k: {x: v[x] for x in ("in", "pass", "fail")} for k, v in st.items()}))
    assert "| parse | 6 | 5 | 1 |" in capsys.readouterr().out


def test_synth_tiny_model_solver_fails_on_random_text(tmp_path, tiny_model_path):
    """Plumbing: the scripted server writes and reviews, the tiny random model (served over HTTP) solves and
    produces random text, so the solver stage rejects everything."""
    from qftdata.serve import ModelResponder

    jobs = _jobs()
    handler = synth_handler([jobs[0].topic, jobs[1].topic])
    with running_server(RoutedResponder(handler)) as gen, \
            running_server(ModelResponder(tiny_model_path, device="cpu"), model_name="tiny") as solver:
        rc = cli_main(["synth", "--model", "gen-model", "--base-url", gen.url, "--n", "1", "--out",
                       str(tmp_path / "o"), "--categories", CATEGORY, "--levels", "graduate", "--difficulties",
                       "standard", "--solver-model", "tiny", "--solver-base-url", solver.url, "--k", "2",
                       "--solver-max-tokens", "8", "--max-retries", "0"])
        assert len(solver.requests_seen) == 1 and solver.requests_seen[0]["n"] == 2
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert rc == 1 and report["kept"] == 0
    assert (report["stages"]["solver"]["in"], report["stages"]["solver"]["fail"]) == (1, 1)
    assert report["usage"]["solver"]["model"] == "tiny" and report["usage"]["solver"]["requests"] == 1


# ---------------------------------------------------------------------------------------------- units


@pytest.mark.parametrize("reply,why", [
    ("no json here", "no fenced"),
    ("```json\n{\"problem\": 1}\n```", "problem: expected a string"),
    ("```json\n[1, 2]\n```", "expected a JSON object"),
    ("```json\n{\"problem\": \"x\", \"bogus\": 1}\n```", "unknown key"),
    ("```json\n{\"problem\": \"\\(x\\)\"}\n```", "invalid JSON"),
    ("```json\n{\"problem\": \"\\\\nu\", \"answer\": \"\\nu\"}\n```", "not doubled"),
    ("```json\n{\"problem\": \"p\", \"answer\": \"1\", \"answer_type\": \"numeric\", \"solution\": \"s\"}\n```",
     "tolerance"),
    ("```json\n{\"problem\": \"p\", \"answer\": \"1\", \"answer_type\": \"numeric\", \"tolerance\": NaN, "
     "\"solution\": \"s\"}\n```", "invalid JSON"),
    ("```json\n{\"problem\": \"p\", \"answer\": \"x\", \"answer_type\": \"expression\", \"symbols\": [\"x y\"], "
     "\"solution\": \"s\"}\n```", "symbols"),
])
def test_parse_candidate_rejects_malformed(reply, why):
    with pytest.raises(MalformedOutput, match=why):
        parse_candidate(reply)


def test_parse_candidate_and_scores_accept_good_replies():
    cand = parse_candidate("text\n" + fenced(expression_candidate("[t]")) + "\n```json\n{\"ignored\": true}\n```"
                           .replace('{"ignored": true}', json.dumps(expression_candidate("[u]"))))
    assert cand["problem"].startswith("[u]") and cand["symbols"] == ["lambda", "s"] and cand["answer"] == XSEC
    scores, comments = parse_scores(quality_reply(85))
    assert scores["problem_quality"] == 85 and comments == "fine"
    with pytest.raises(MalformedOutput, match="0, 100"):
        parse_scores(fenced({"problem_quality": 120, "solution_completeness": 1, "answer_verifiability": 1,
                             "physics_correctness": 1}))


def test_packaged_topics_cover_every_category_and_level():
    topics = load_topics()
    assert set(topics["categories"]) == set(CATEGORIES)
    for levels in topics["categories"].values():
        assert set(levels) == set(LEVELS) and all(levels[lv] for lv in LEVELS)
    jobs = plan_jobs(topics, 36, seed=1)
    assert len({j.category for j in jobs}) == 18  # the first jobs spread over the categories
    assert plan_jobs(topics, 36, seed=1) == jobs


def test_topics_file_errors_name_the_problem(tmp_path):
    bad = tmp_path / "t.yaml"
    bad.write_text("categories:\n  Not A Category:\n    graduate: [x]\n")
    with pytest.raises(ValueError, match="Not A Category"):
        load_topics(bad)


def test_prompts_dir_overrides_templates(tmp_path):
    from qftdata.synth.stages import load_template, render

    (tmp_path / "quality.md").write_text("MY REVIEW {{problem}}")
    assert load_template("quality.md", tmp_path) == "MY REVIEW {{problem}}"
    assert "TASK: write one new problem" in load_template("generate.md", tmp_path)  # falls back to packaged
    assert render("a {{x}} \\frac{1}{2}", x="b") == "a b \\frac{1}{2}"
    with pytest.raises(KeyError):
        render("{{missing}}")


def test_cached_llm_keys_and_replays(tmp_path):
    from qftdata.llm_cache import CachedLLM, cache_key
    from qftdata.models import Completion, SamplingParams

    class Fake:
        name, usage = "fake", None

        def __init__(self):
            self.calls = 0

        def generate(self, reqs, params):
            self.calls += len(reqs)
            return [[Completion(f"r{self.calls}-{i}", "stop", 3, 2) for i in range(params.n)] for _ in reqs]

    fake = Fake()
    llm = CachedLLM("m", tmp_path, backend_factory=lambda: fake)
    conv = [{"role": "user", "content": "hi"}]
    p = SamplingParams(n=2, temperature=0.5)
    first = llm.ask([conv, conv + [{"role": "user", "content": "more"}]], p, stage="s")
    again = llm.ask([conv], p, stage="s")
    assert fake.calls == 2 and again[0] == first[0]
    assert llm.stats["s"].cache_hits == 1 and llm.stats["s"].requests == 2 and llm.stats["s"].prompt_tokens == 6
    assert cache_key("m", conv, p) != cache_key("m", conv, p.replace(seed=1)) != cache_key("m2", conv, p)
    assert len(list(tmp_path.rglob("*.json"))) == 2


def test_add_to_dataset_merges_by_id_and_validates(tmp_path):
    from qftdata.schema import stable_id
    from qftdata.synth.stages import add_to_dataset
    from qftdata.validate import validate

    def rec(i: int, answer: str) -> Problem:
        return Problem(id=stable_id("synth.test", 1, {"i": i}), source="llm-synthetic", family="synth.test",
                       category=CATEGORY, level="graduate", problem=f"Give {answer} in `\\boxed{{}}`.",
                       answer=answer, answer_type="expression", solution=f"Clearly $\\boxed{{{answer}}}$.")

    ds = tmp_path / "ds"
    assert add_to_dataset(ds, "llm_synthetic", [rec(0, "1"), rec(1, "2")]) == {"test": 2}
    assert add_to_dataset(ds, "llm_synthetic", [rec(1, "3"), rec(2, "4")]) == {"test": 3}
    import pyarrow.parquet as pq

    rows = {r["id"]: r for p in ds.glob("data/llm_synthetic/*.parquet") for r in pq.read_table(p).to_pylist()}
    assert rows[rec(1, "3").id]["answer"] == "3" and rows[rec(1, "3").id]["prompt"][0]["role"] == "system"
    rep = validate(ds)
    assert rep.ok, [str(e) for e in rep.errors]


# ---------------------------------------------------------------------------------------------- the paper's topic list

PAPER_TOPICS = Path(__file__).parent / "data" / "paper_layout" / "topics" / "QFT_training" / "topic_list.json"


def test_paper_topic_list_is_read_with_levels_mapped_and_ids_kept():
    """The fixture has the real file's shape (nswood/VerifiableTPData topics/QFT_training/topic_list.json):
    levels "Advanced Undergraduate" ... "Post Graduate", string ids "UG-01", one-line item objects, Unicode in
    descriptions, trailing blank lines; the topics are our own."""
    topics = load_topics(PAPER_TOPICS)
    assert topics["layout"] == "paper" and topics["difficulties"] == ["standard"]
    cells = {(cat, level, t.id, t.name) for cat, lv in topics["categories"].items() for level, ts in lv.items()
             for t in ts}
    assert len(cells) == 8 and {c[2] for c in cells} == {"UG-01", "UG-02", "UG-03", "GR-01", "GR-02", "GR-03",
                                                         "AG-01", "PG-01"}
    assert {c[1] for c in cells} == set(LEVELS)  # "Advanced Undergraduate" ... "Post Graduate" -> ours
    assert ("Anomalies and Supersymmetry", "postgraduate", "PG-01", "Anomaly cancellation conditions") in cells
    jobs = plan_jobs(topics, 3, 0, levels=["graduate"])
    assert {(j.topic_id, j.category) for j in jobs} == {("GR-01", CATEGORY), ("GR-02", CATEGORY),
                                                        ("GR-03", "Fermions and Spinor Structure")}
    assert all(j.prompt_topic.startswith(f"{j.topic} — ") for j in jobs)
    assert "φ⁴" in next(j.prompt_topic for j in jobs if j.topic_id == "GR-01")


@pytest.mark.parametrize("levels,categories,ids", [
    (["Post Graduate"], None, {"PG-01"}),                                  # the file's own spelling
    (["advanced_graduate", "postgraduate"], None, {"AG-01", "PG-01"}),     # any spelling, ours too
    (None, ["symmetries  and SCATTERING"], {"UG-03", "GR-01", "GR-02"}),  # case and spacing aside
    (["Graduate"], ["fermions and spinor structure"], {"GR-03"}),
])
def test_plan_jobs_filters_read_the_paper_spellings(levels, categories, ids):
    jobs = plan_jobs(load_topics(PAPER_TOPICS), 8, 0, levels=levels, categories=categories)
    assert {j.topic_id for j in jobs} == ids


@pytest.mark.parametrize("option,value,message", [
    ("--levels", "Undergrad", "--levels: 'Undergrad' is not a level: use one of advanced-undergraduate"),
    ("--categories", "String Theory", "--categories: 'String Theory' is not a category of the topic list (its "
                                      "categories: Foundations and Scalar Fields, "),
    ("--categories", "Gauge Fields and Symmetry", "--categories: 'Gauge Fields and Symmetry' is not a category"),
])
def test_synth_filter_errors_are_one_line(tmp_path, capsys, option, value, message):
    rc = cli_main(["synth", "--model", "m", "--base-url", "http://127.0.0.1:9/v1", "--topics", str(PAPER_TOPICS),
                   option, value, "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert rc == 2 and err.startswith(f"qftdata synth: {message}") and err.count("\n") == 1


@pytest.mark.parametrize("spelling,level", [("Advanced Undergraduate", "advanced-undergraduate"),
                                            ("advanced-graduate", "advanced-graduate"), ("GRADUATE", "graduate"),
                                            ("post_graduate", "postgraduate")])
def test_paper_level_spellings(tmp_path, spelling, level):
    f = tmp_path / "topic_list.json"
    f.write_text(json.dumps({spelling: {"effective field theories": [{"id": "x1", "topic": "Matching at tree level"}]}}))
    assert load_topics(f)["categories"] == {"Effective Field Theories": {level: [Topic("Matching at tree level", "x1")]}}


@pytest.mark.parametrize("data,message", [
    ({"undergraduate": {CATEGORY: [{"id": 1, "topic": "t"}]}}, "level 'undergraduate' is unknown: use one of"),
    ({"graduate": {"String Theory": [{"id": 1, "topic": "t"}]}}, "graduate / String Theory: category 'String Theory'"),
    ({"graduate": {CATEGORY: [{"id": 1, "topic": "t", "category": "Effective Field Theories"}]}},
     "graduate / Symmetries and Scattering: item 0 ('t'): its 'category' 'Effective Field Theories' differs"),
    ({"graduate": {CATEGORY: [{"id": 1, "topic": "t"}, {"id": 1, "topic": "u"}]}},
     "item 1: id '1' repeats the id of graduate / Symmetries and Scattering item 0"),
    ({"graduate": {CATEGORY: [{"id": 1, "description": "no topic"}]}}, "item 0: 'topic' must be a non-empty string"),
    ({"graduate": {CATEGORY: [{"topic": "t"}]}}, "item 0 ('t'): 'id' must be a non-empty string or integer"),
    ([1, 2], "expected our layout"),
])
def test_paper_topic_list_errors_are_one_line(tmp_path, capsys, data, message):
    f = tmp_path / "topic_list.json"
    f.write_text(json.dumps(data))
    with pytest.raises(ValueError) as err:
        load_topics(f)
    assert str(err.value).startswith(f"{f}: ") and message in str(err.value) and "\n" not in str(err.value)
    assert cli_main(["synth", "--model", "m", "--base-url", "http://127.0.0.1:9/v1", "--topics", str(f),
                     "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err == f"qftdata synth: {err.value}\n"


def test_synth_with_the_paper_topic_list_keeps_topic_ids(tmp_path):
    """`qftdata synth --topics topic_list.json` against the real local server: the prompt carries the topic's
    description, each record the topic's id, and the rows validate."""
    prompts: list[str] = []

    def handler(kind: str, user: str, n: int) -> list[str]:
        if kind == "generate":
            prompts.append(user)
            return [fenced(expression_candidate(f"[paper-{len(prompts)}]"))]
        if kind == "quality":
            return [quality_reply(90)]
        return [rf"\boxed{{{XSEC}}}"] * n

    out = tmp_path / "o"
    with running_server(RoutedResponder(handler)) as server:
        assert cli_main(["synth", "--model", "gen", "--base-url", server.url, "--topics", str(PAPER_TOPICS),
                         "--n", "3", "--levels", "graduate", "--out", str(out), "--k", "1", "--max-retries", "0"]) == 0
    rows = [Problem.from_dict(json.loads(line)) for line in (out / "llm_synthetic.jsonl").read_text().splitlines()]
    assert len(rows) == 3 and all(r.level == "graduate" for r in rows)
    metas = sorted((r.meta()["topic_id"], r.category, r.meta()["topic"]) for r in rows)
    assert metas == [("GR-01", CATEGORY, "Tree-level scalar scattering"), ("GR-02", CATEGORY, "Two-body decay widths"),
                     ("GR-03", "Fermions and Spinor Structure", "Trace technology for Dirac matrices")]
    assert all(r.meta()["topic_list"] == str(PAPER_TOPICS) for r in rows)
    read = json.loads((out / "report.json").read_text())["topic_list"]  # what was read, before --levels
    assert read["layout"] == "paper" and read["topics"] == 8 and len(read["categories"]) == 5
    assert read["levels"] == {"advanced-undergraduate": 3, "graduate": 3, "advanced-graduate": 1, "postgraduate": 1}
    assert "topic list (paper layout): 8 topics in 5 categories" in (out / "report.md").read_text()
    assert any("Topic: Two-body decay widths — Decays of a heavy scalar into lighter scalars or fermions." in p
               for p in prompts)
    for r in rows:
        r.validate()
