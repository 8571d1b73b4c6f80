"""eft.tree_level_matching against textbook matching results."""

from __future__ import annotations

import json

import pytest
import sympy as sp

from qftdata.generators.api import generate_one
from qftdata.verify import parse_answer

M, Y, G, Y1, Y2 = sp.symbols("M y g y_1 y_2", positive=True)
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate")


def _got(rec):
    got = parse_answer(rec.answer, symbols=rec.symbols)
    return got.subs({s: {"M": M, "y": Y, "g": G, "y_1": Y1, "y_2": Y2}[s.name] for s in got.free_symbols})


def mass_eigenstate_sum(a, b, k, both):
    """Rotate the mass matrix M^2 [[1, b], [b, a]] to eigenstates; each real eigen-scalar of mass m_i coupled
    with strength kappa_i gives kappa_i^2 (-1)^k / (2 m_i^(2k+2)) (Manohar 2018, sec. 3: single heavy scalar)."""
    mat = sp.Matrix([[1, b], [b, a]])
    kap = sp.Matrix([Y1, Y2 if both else 0])
    total = 0
    for val, _, vecs in mat.eigenvects():
        for v in vecs:
            v = v / sp.sqrt((v.T * v)[0, 0])
            total += (kap.T * v)[0, 0] ** 2 * (-1) ** k / (2 * (val * M**2) ** (k + 1))
    return total


@pytest.mark.parametrize("level", LEVELS)
def test_matching_against_fermi_theory_and_propagator_expansion(level):
    """Fermi theory: G_F/sqrt2 = kappa^2/(4 M_W^2) with kappa = g/sqrt2 -> g^2/(8 M_W^2) (P&S ch. 20-21);
    scalar exchange: L_eff = kappa^2/(2M^2) J^2 - kappa^2/(2M^4) J Box J + ... (Manohar 2018, sec. 3);
    vector: opposite sign; complex mediators twice the real ones; two currents: the cross term twice."""
    sign = {"rscalar": sp.Rational(1, 2), "cscalar": 1, "rvector": sp.Rational(-1, 2), "cvector": -1}
    for i in range(8):
        rec = generate_one("eft.tree_level_matching", seed=9, index=i, level=level)
        p = json.loads(rec.metadata)["params"]
        k = p["order"]
        if p["mediator"] == "mixing":
            want = mass_eigenstate_sum(p["a"], p["b"], k, p["both"])
            got = _got(rec)
            for point in ({M: 1.3, Y1: 0.7, Y2: 1.9}, {M: 0.6, Y1: 1.1, Y2: 0.4}, {M: 2.0, Y1: 0.3, Y2: 0.8}):
                assert abs(complex(got.subs(point)) - complex(want.subs(point).evalf(30))) < 1e-9 * abs(complex(got.subs(point)))
            continue
        if p["mediator"] == "rscalar2":
            q1, q2 = (sp.Rational(x) for x in p["q"])
            want = q1 * q2 * Y**2 * (-1) ** k / M ** (2 * k + 2)
        else:
            kappa = (G if p["mediator"].endswith("vector") else Y) / sp.sympify(p["norm"])
            if p["want"] == "GF":
                want = sp.sqrt(2) * kappa**2 / (4 * M**2)
            else:
                want = sign[p["mediator"]] * kappa**2 * (-1) ** k / M ** (2 * k + 2)
        assert sp.simplify(_got(rec) - want) == 0, (rec.answer, p)
        assert k == {"advanced-undergraduate": 0, "graduate": 1}.get(level, k), "operator dimension follows the level"


def test_sm_normalisation_gives_the_fermi_constant():
    """The SM normalisation: coupling g/sqrt2 gives G_F/sqrt2 = g^2/(8 M^2)."""
    for i in range(200):
        rec = generate_one("eft.tree_level_matching", seed=1, index=i, level="advanced-undergraduate")
        p = json.loads(rec.metadata)["params"]
        if p["want"] == "GF" and p["norm"] == "sqrt(2)":
            assert sp.simplify(_got(rec) / sp.sqrt(2) - G**2 / (8 * M**2)) == 0
            break
    else:  # pragma: no cover - depends on draws
        raise AssertionError("no SM-normalised draw found")
