"""Code answers: the CodeSpec layout, extraction, parent-side comparison, and the `<family>.code` variants
(expression gold and code answer agree by construction; the reference implementation passes the sandbox)."""

from __future__ import annotations

import json
import math

import pytest
from sandbox_support import bwrap_fixture  # noqa: F401 - the `bwrap` fixture

from qftdata.generators import families, generate_one
from qftdata.schema import Problem
from qftdata.verify.code import (
    CodeCase,
    CodeSpec,
    CodeSpecError,
    Param,
    compare,
    extract_code,
    normalize_type,
    verify_code,
)
from qftdata.verify.sandbox import SandboxLimits

LIMITS = SandboxLimits(startup_s=30.0, cpu_s=20.0)
CODE_FAMILIES = sorted(n for n in families() if n.endswith(".code"))


# ----------------------------------------------------------------------------- spec layout


def test_spec_round_trip_and_signature():
    spec = CodeSpec(function="amp", params=(Param("s", "float"), Param("z", "complex")),
                    returns="tuple[complex, bool]", cases=(CodeCase({"s": 2.0, "z": [1.0, -1.0]},
                                                                    [[0.5, 0.0], True], atol=1e-3),),
                    skeleton="def amp(s, z):\n    ...")
    again = CodeSpec.from_json(spec.to_json())
    assert again == spec
    assert spec.signature() == "def amp(s: float, z: complex) -> tuple[complex, bool]:"
    assert json.loads(spec.to_json())["format"] == "qft-reason/code@1"


@pytest.mark.parametrize("typ,canonical", [
    ("float", "float"), ("Tuple[float,complex]", "tuple[float, complex]"), ("List[int]", "list[int]"),
    ("np.ndarray", "ndarray"), ("tuple[float, ...]", "tuple[float, ...]"), ("tuple[tuple[int,str],bool]",
                                                                             "tuple[tuple[int, str], bool]"),
])
def test_type_grammar(typ, canonical):
    assert normalize_type(typ) == canonical


@pytest.mark.parametrize("mutate,field", [
    (lambda d: d.pop("function"), "function"),
    (lambda d: d.update(function="not an identifier"), "function"),
    (lambda d: d.update(returns="dict[str,float]"), "dict"),
    (lambda d: d["cases"].clear(), "cases"),
    (lambda d: d["cases"][0].update(expected="3"), "cases[0].expected"),
    (lambda d: d["cases"][0]["inputs"].pop("x"), "cases[0].inputs"),
    (lambda d: d["cases"][0].update(atol=-1), "cases[0].atol"),
    (lambda d: d.update(params=[{"name": "class", "type": "float"}]), "params"),
    (lambda d: d.update(extra_key=1), "unknown field"),
])
def test_bad_specs_name_the_field(mutate, field):
    d = CodeSpec("f", (Param("x"),), "float", (CodeCase({"x": 1.0}, 2.0),)).to_dict()
    mutate(d)
    with pytest.raises(CodeSpecError, match=field.replace("[", r"\[").replace("]", r"\]")):
        CodeSpec.from_json(d)


def test_nan_is_rejected_in_specs():
    with pytest.raises(CodeSpecError):
        CodeSpec.from_json('{"function":"f","params":[{"name":"x","type":"float"}],"returns":"float",'
                           '"cases":[{"inputs":{"x":1.0},"expected":NaN}]}')


# ----------------------------------------------------------------------------- comparison


@pytest.mark.parametrize("expected,got,typ,atol,rtol,ok", [
    (1.0, 1.0 + 5e-7, "float", 1e-6, 0.0, True),      # the paper's absolute tolerance
    (1.0, 1.0 + 2e-6, "float", 1e-6, 0.0, False),
    (1e6, 1e6 * (1 + 1e-8), "float", 0.0, 1e-7, True),  # relative
    (2.0, 2, "float", 1e-6, 0.0, True),               # int for float is fine
    (2.0, True, "float", 1e-6, 0.0, False),           # bool is not a number
    (2.0, float("nan"), "float", 1e-6, 0.0, False),
    (2.0, complex(2, 1e-9), "float", 1e-6, 0.0, True),  # numerically real complex
    (2.0, complex(2, 1e-3), "float", 1e-6, 0.0, False),
    ([0.0, 1.0], 1j, "complex", 1e-9, 0.0, True),
    ([0.0, 1.0], -1j, "complex", 1e-9, 0.0, False),
    (True, True, "bool", 0, 0, True),
    (True, 1, "bool", 0, 0, False),
    ("spacelike", " spacelike\n", "str", 0, 0, True),
    ("spacelike", "Spacelike", "str", 0, 0, False),
    ([1.0, [0, 2.0], "a"], [1.0, 2j, "a"], "tuple[float, complex, str]", 1e-9, 0, True),
    ([1.0, 2.0], [1.0], "tuple[float, float]", 1e-9, 0, False),
    ([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [3.0, 4.0]], "ndarray", 1e-9, 0, True),
])
def test_compare(expected, got, typ, atol, rtol, ok):
    assert compare(expected, got, normalize_type(typ), atol, rtol)[0] is ok


# ----------------------------------------------------------------------------- extraction


@pytest.mark.parametrize("text,expect", [
    ("```python\ndef f(x):\n    return 1\n```\nthen\n```python\ndef f(x):\n    return 2\n```", "return 2"),
    # a trailing usage example does not replace the definition
    ("```python\ndef f(x):\n    return 3\n```\n```python\nprint(f(1))\n```", "return 3"),
    ("<think>```python\ndef f(x):\n    return 0\n```</think>Final:\n```py\ndef f(x):\n    return 4\n```",
     "return 4"),
    ("\\begin{python}\ndef f(x):\n    return 5\n\\end{python}", "return 5"),
    ("```\ndef f(x):\n    return 6\n```", "return 6"),
    ("So the code is\nimport math\ndef f(x):\n    return math.pi\nDone.", "return math.pi"),
])
def test_extract_code(text, expect):
    code, _ = extract_code(text, "f")
    assert code is not None and expect in code
    if "math.pi" in expect:
        assert code.startswith("import math")


def test_extract_nothing():
    assert extract_code("the answer is 42", "f")[0] is None
    assert extract_code("", "f")[0] is None


# ----------------------------------------------------------------------------- procedural variants


def test_at_least_five_code_variants():
    assert len(CODE_FAMILIES) >= 5, CODE_FAMILIES


@pytest.mark.parametrize("name", CODE_FAMILIES)
def test_code_variant_agrees_with_expression_gold(name, bwrap):
    from qftdata.verify import parse_answer

    rec = generate_one(name, seed=0, index=0)
    rec.validate()
    again = generate_one(name, seed=0, index=0)
    assert (again.id, again.code, again.problem) == (rec.id, rec.code, rec.problem)  # deterministic
    assert rec.answer_type == "code" and rec.family == name
    spec = CodeSpec.from_json(rec.code)
    assert spec.signature() in rec.problem and "`\\boxed{}`." not in rec.problem[-300:]
    # the expression gold evaluated at the test inputs == expected outputs
    expr = parse_answer(rec.answer, symbols=tuple(rec.symbols), assumptions=rec.symbol_assumptions() or None)
    by_param = {}
    for s in expr.free_symbols:
        from qftdata.generators.code_variants import param_name

        by_param[param_name(str(s))] = s
    for case in spec.cases:
        value = complex(expr.subs({by_param[k]: v for k, v in case.inputs.items() if k in by_param}).evalf(30))
        assert math.isclose(value.real, case.expected, rel_tol=1e-12, abs_tol=1e-300)
        assert abs(value.imag) <= 1e-12 * max(1.0, abs(value.real))
    # the reference implementation passes the sandbox; a slightly wrong one does not
    reference = json.loads(rec.metadata)["reference_code"]
    good = verify_code(f"```python\n{reference}```", spec, timeout=10.0, limits=LIMITS)
    assert good.status == "correct", good
    wrong = reference.replace("    return ", "    return 1.001*")
    assert verify_code(f"```python\n{wrong}```", spec, timeout=10.0, limits=LIMITS).status == "incorrect"


def test_record_level_verification_of_a_code_record(bwrap):
    from qftdata.verify import verify_record

    rec = generate_one(CODE_FAMILIES[0], seed=1, index=2)
    reference = json.loads(rec.metadata)["reference_code"]
    row = Problem.from_dict(rec.to_dict()).to_dict()
    assert verify_record(f"Derivation...\n```python\n{reference}```", row, timeout=10.0).status == "correct"
    assert verify_record("I think it is \\boxed{0}", row, timeout=10.0).status == "no_answer"
