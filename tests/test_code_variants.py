"""`<family>.code` variants: the function is named after the quantity asked, the signature is fixed per family
(every declared input, never only the symbols that survive in the answer), and test inputs lie in the
draft's physical region. Real base families and the real sandbox are used."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from qftdata.generators import generate_one
from qftdata.generators.code_variants import BASES, REGISTERED, _in_domain
from qftdata.verify.code import CodeSpec

VARIANTS = {f"{b.family}.code": b for b in BASES if f"{b.family}.code" in REGISTERED}
N_DRAWS = 24


def _draws(name: str) -> list:
    return [generate_one(name, seed=3, index=i) for i in range(N_DRAWS)]


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_fixed_signature_and_function_named_after_the_quantity(name):
    base = VARIANTS[name]
    signatures, functions = set(), defaultdict(set)
    for rec in _draws(name):
        spec = CodeSpec.from_json(rec.code)
        params = json.loads(rec.metadata)["params"]
        assert [p.name for p in spec.params] == base.param_names(), \
            f"{rec.id}: signature {spec.signature()} is not the family's fixed one"
        assert not set(rec.symbols) - set(base.inputs), f"{rec.id}: declares {rec.symbols} beyond {base.inputs}"
        assert spec.function == base.function_for(params)[0]
        assert spec.signature() in rec.problem
        signatures.add(spec.signature().split("(", 1)[1])
        functions[spec.function].add(str(params.get(base.quantity, base.default)) if base.quantity else "")
    assert len(signatures) == 1, signatures  # one parameter list whatever the draw asks
    # one function name per quantity: sigma and dsigma/dOmega, pole and finite part, nu and 1/nu differ
    assert all(len(keys) == 1 for keys in functions.values()), dict(functions)


def test_different_quantities_get_different_names():
    names = {b.family: {fn for fn, _ in b.names.values()} for b in BASES}
    for b in BASES:
        assert len(names[b.family]) == len(b.names), f"{b.family}: two quantities share a function name"
    ee = dict(next(b for b in BASES if b.family == "scattering.ee_to_ffbar").names)
    assert ee["sigma"][0] != ee["dsigma_domega"][0] != ee["dsigma_dcos"][0]
    loops = dict(next(b for b in BASES if b.family == "loops.dimreg_master_integral").names)
    assert loops["pole"][0] == "pole_coefficient" and loops["finite"][0] == "finite_part"


def test_every_quantity_drawn_has_a_curated_name():
    """A quantity a base family starts asking for gets a fallback name (itself); this test asks for a real one."""
    for b in BASES:
        if not b.quantity or f"{b.family}.code" not in VARIANTS:
            continue
        seen = {str(json.loads(generate_one(b.family, seed=3, index=i).metadata)["params"].get(b.quantity, b.default))
                for i in range(60)}
        assert seen <= set(b.names), f"{b.family}: add function names for {sorted(seen - set(b.names))} to BASES"
    base = next(b for b in BASES if b.quantity)
    assert base.function_for({base.quantity: "something_new"}) == ("something_new", "the quantity asked for")


def test_physical_region_filter():
    assert _in_domain(["s > 4*m_f^2"], {"s": 5.0, "m_f": 1.0})
    assert not _in_domain(["s > 4*m_f^2"], {"s": 3.0, "m_f": 1.0})
    assert _in_domain(["M > m_1 + m_2", "m_1 > 0"], {"M": 3.0, "m_1": 1.0, "m_2": 1.5})
