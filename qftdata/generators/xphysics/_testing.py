"""Checks shared by the tests of the cross-physics families (tests/test_gen_xphysics_*.py)."""

from __future__ import annotations

import os

import sympy as sp

from qftdata.generators import generate_one, get_family


def check_family(name: str, n_per_level: int = 3, seed: int = 7) -> list:
    """Generate a few records per level with the parse-back check on; return them.

    Checks: records validate, are deterministic, end in the boxed answer, the statement names every
    answer symbol as sympy prints it, and the answer symbols are declared.
    """
    old = os.environ.get("QFTDATA_XPHYSICS_CHECK")
    os.environ["QFTDATA_XPHYSICS_CHECK"] = "1"
    try:
        family = get_family(name)
        records = []
        for level in family.levels:
            for i in range(n_per_level):
                rec = generate_one(name, seed=seed, index=i, level=level)
                again = generate_one(name, seed=seed, index=i, level=level)
                if rec.to_dict() != again.to_dict():
                    raise AssertionError(f"{name}: not deterministic at index {i}")
                rec.validate()
                if not rec.solution.rstrip().endswith(f"\\boxed{{{rec.answer}}}$$"):
                    raise AssertionError(f"{name}: solution does not end in the boxed answer")
                for s in rec.symbols:
                    if sp.latex(sp.Symbol(s)) not in rec.problem:
                        raise AssertionError(f"{name}: statement does not mention symbol {s}")
                if "\\boxed{}" not in rec.problem:
                    raise AssertionError(f"{name}: statement does not ask for a boxed answer")
                records.append(rec)
        return records
    finally:
        if old is None:
            os.environ.pop("QFTDATA_XPHYSICS_CHECK", None)
        else:
            os.environ["QFTDATA_XPHYSICS_CHECK"] = old


def distinct_answers(name: str, n: int = 200, seed: int = 0) -> int:
    return len({generate_one(name, seed=seed, index=i).answer for i in range(n)})
