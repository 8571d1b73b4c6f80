"""The physical region (`domain` record column): schema, parsing, sampling, and real generated families.

The family checks use real records of `kinematics.kallen_cm_momentum` (with the domain the family itself
declares): the two-body momentum is positive inside the region, so `|p|` must equal the gold there, and
the same answer must be rejected once the region is dropped (the gold changes sign below threshold).
"""

from __future__ import annotations

import json
import random

import pytest
import sympy as sp

from qftdata.schema import Problem, domain_errors, features, validation_errors
from qftdata.verify import verify, verify_records
from qftdata.verify.compare import _sample
from qftdata.verify.domain import parse_relations, sample_points, satisfied
from qftdata.verify.names import Names, ParseError
from qftdata.verify.parse import parse_expression


def _side(text, names):
    return parse_expression(text, names)[0]


@pytest.mark.parametrize("text,n", [("M > m_1 + m_2", 1), (r"s \geq 4 m^2", 1), ("0 < x < 1", 2),
                                    (r"\sqrt{s} > 2m", 1), ("s > (m_1 + m_2)^2", 1), ("t <= 0", 1)])
def test_relations_parse(text, n):
    names = Names(["M", "m_1", "m_2", "s", "m", "x", "t"], {"t": "real"})
    assert len(parse_relations([text], names, _side)) == n


@pytest.mark.parametrize("text", ["M = m", "M", "M >", "__import__('os') > 1", "x > 'a'"])
def test_relations_reject(text):
    with pytest.raises(ParseError):
        parse_relations([text], Names(["M", "m", "x"], None), _side)


def test_sampled_points_lie_in_the_region():
    names = Names(["s", "m", "M"], None)
    rels = parse_relations(["s > 4*m^2", "s > 4*M^2", "M > 3 m"], names, _side)
    syms = sorted({x for r in rels for x in r.expr.free_symbols}, key=lambda x: x.name)
    points = sample_points(syms, rels, 12, 7, _sample)
    assert len(points) == 12
    for p in points:
        v = {x.name: float(val) for x, val in p.items()}
        assert v["s"] > 4 * v["m"] ** 2 and v["s"] > 4 * v["M"] ** 2 and v["M"] > 3 * v["m"]
        assert satisfied(rels, p)
    # the check itself is not vacuous: a point outside is refused
    assert not satisfied(rels, {syms[0]: sp.Rational(1), syms[1]: sp.Rational(1), syms[2]: sp.Rational(1)})


def test_far_region_is_reached_by_widening():
    names = Names(["M", "m"], None)
    rels = parse_relations(["M > 40*m"], names, _side)
    syms = sorted({x for r in rels for x in r.expr.free_symbols}, key=lambda x: x.name)
    assert len(sample_points(syms, rels, 6, 3, _sample)) == 6


# ------------------------------------------------------------------------------------------------ schema

def _row(**kw):
    row = dict(id="t-1", source="procedural", family="t", category="Symmetries and Scattering",
               level="graduate", problem="?", answer=r"\frac{M^2-m^2}{2M}", answer_type="expression",
               symbols=["M", "m"], domain=json.dumps(["M > m"]))
    row.update(kw)
    return Problem(**row).to_dict()


def test_schema_domain_column():
    assert "domain" in features()
    assert validation_errors(_row()) == []
    assert Problem(**_row()).domain_relations() == ["M > m"]
    legacy = _row()
    del legacy["domain"]  # a schema-1 row without the column: no region, still valid
    assert validation_errors(legacy) == []


@pytest.mark.parametrize("domain,needle", [("M > m", "not valid JSON"), ('{"M": 1}', "JSON list"),
                                           ('["M >> m"]', "does not parse"), ('["M > q"]', "undeclared"),
                                           ('["M = m"]', "does not parse")])
def test_schema_domain_errors(domain, needle):
    errs = domain_errors(domain, ["M", "m"])
    assert errs and all(e.startswith("domain: ") for e in errs) and needle in errs[0], errs


def test_verifier_domain_settings_errors():
    v = verify(r"\boxed{M}", "M", symbols=["M", "m"], domain=["M > q"])
    assert v.status == "unparseable" and v.gold_error and "undeclared" in v.reason
    v = verify(r"\boxed{M}", "M", symbols=["M"], domain="not json")
    assert v.status == "unparseable" and v.gold_error and "domain" in v.reason


# ----------------------------------------------------------------------------------- real generated family

@pytest.fixture(scope="module")
def kallen_records():
    from qftdata.generators import generate

    recs = [r for r in generate("kinematics.kallen_cm_momentum", n=40, seed=0) if r.symbols]
    assert len(recs) >= 8 and all(r.domain_relations() for r in recs), "the family declares its region"
    return recs


def test_family_records_validate_with_their_domain(kallen_records):
    for r in kallen_records:
        assert validation_errors(r.to_dict()) == []


def test_abs_momentum_is_right_inside_the_region_only(kallen_records):
    recs = kallen_records[:10]
    abs_answers = [rf"\boxed{{\left|{r.answer}\right|}}" for r in recs]
    with_region = verify_records(abs_answers, recs, timeout=10.0)
    assert [v.status for v in with_region] == ["correct"] * len(recs), [v.reason for v in with_region]
    own = verify_records([r.solution for r in recs], recs, timeout=10.0)
    assert all(v.status == "correct" for v in own)
    no_region = [Problem(**{**r.to_dict(), "domain": "[]"}) for r in recs]
    without = verify_records(abs_answers, no_region, timeout=10.0)
    # below threshold the momentum formula changes sign (or turns complex) for most records
    assert sum(v.status == "incorrect" for v in without) >= len(recs) // 2, [v.reason for v in without]


def test_massless_partner_case():
    """|M²−m₁²|/(2M) vs (M²−m₁²)/(2M): equal for M > m_1 (the record's region), not otherwise."""
    gold = r"\frac{\left(M - m_{1}\right) \left(M + m_{1}\right)}{2 M}"
    pred = r"\boxed{\frac{|M^2 - m_1^2|}{2M}}"
    assert verify(pred, gold, symbols=["M", "m_1"], domain=["M > m_1"]).status == "correct"
    assert verify(pred, gold, symbols=["M", "m_1"]).status == "incorrect"
    wrong = r"\boxed{\frac{|M^2 - m_1^2|}{M}}"
    assert verify(wrong, gold, symbols=["M", "m_1"], domain=["M > m_1"]).status == "incorrect"


def test_random_relations_round_trip():
    """Randomised: for c in a few values, `x > c*y` sampled points all satisfy it."""
    rng = random.Random(0)
    names = Names(["x", "y"], None)
    for _ in range(5):
        c = rng.choice([1, 2, 5, 10])
        rels = parse_relations([f"x > {c}*y"], names, _side)
        syms = sorted({x for r in rels for x in r.expr.free_symbols}, key=lambda x: x.name)
        for p in sample_points(syms, rels, 6, rng.randint(0, 99), _sample):
            assert p[syms[0]] > c * p[syms[1]]
