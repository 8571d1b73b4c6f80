"""Literature cross-checks of the foundations families (mass dimensions, renormalisability, vertex
factors, propagator poles). Each family computes; the closed forms typed here are the independent check."""

from __future__ import annotations

import json
import math

import pytest
import sympy as sp

from qftdata.generators import generate_one
from qftdata.generators.foundations._operators import Operator, coupling_dimension
from qftdata.generators.testing import gold_expr, same_value, sym

d = sym("d")


def ps_dimension(op: Operator, dim):
    """Peskin & Schroeder §10.1: [phi] = (d-2)/2, [psi] = (d-1)/2, [A] = (d-2)/2, [d] = 1; [g] = d - [O]."""
    phi, psi, A = (dim - 2) / sp.Integer(2), (dim - 1) / sp.Integer(2), (dim - 2) / sp.Integer(2)
    special = {"": 0, "current_A": 2 * psi + A, "pauli": 2 * psi + A + 1, "current_dphi": 2 * psi + phi + 1}
    dim_o = op.a * phi + op.b * 2 * psi + op.c * (2 * phi + 2) + op.e * (2 * A + 2) + special[op.special]
    return sp.expand(dim - dim_o)


@pytest.mark.parametrize("index", range(6))
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_mass_dimension_matches_power_counting(index, level):
    rec = generate_one("foundations.mass_dimension", seed=3, index=index, level=level)
    params = json.loads(rec.metadata)["params"]
    dim = d if params["d"] is None else sp.Integer(params["d"])
    expected = ps_dimension(Operator(**params["op"]), dim)
    assert sp.simplify(gold_expr(rec) - expected) == 0


@pytest.mark.parametrize("op,dim,expected", [
    (Operator(a=4), 4, 0),                       # phi^4 in 4d: lambda dimensionless (P&S §10.1)
    (Operator(a=3), 4, 1),                       # phi^3 in 4d: [g] = 1
    (Operator(a=3), 6, 0),                       # phi^3 in 6d: renormalisable (Srednicki ch. 9 onward)
    (Operator(a=6), 3, 0),                       # phi^6 in 3d
    (Operator(b=2), 4, -2),                      # Fermi theory: [G_F] = -2 (P&S §10.1)
    (Operator(b=2), 2, 0),                       # Gross-Neveu in 2d
    (Operator(a=1, b=1), 4, 0),                  # Yukawa coupling
    (Operator(special="pauli"), 4, -1),          # Pauli term psibar sigma F psi: [g] = -1 (P&S Problem 6.x context)
    (Operator(b=1, special="pauli"), 4, -4),     # (psibar psi)(psibar sigma psi F): 3 + 3 + 2 = 8 -> -4
])
def test_textbook_coupling_dimensions(op, dim, expected):
    assert coupling_dimension(op, sp.Integer(dim)) == expected


@pytest.mark.parametrize("op,dim,label", [
    (Operator(a=4), 4, "renormalizable"),
    (Operator(a=3), 4, "super-renormalizable"),
    (Operator(a=6), 4, "non-renormalizable"),
    (Operator(a=6), 3, "renormalizable"),
    (Operator(a=3), 6, "renormalizable"),
    (Operator(b=2), 4, "non-renormalizable"),
    (Operator(b=2), 2, "renormalizable"),
    (Operator(a=8), 2, "super-renormalizable"),
])
def test_renormalizability_textbook_cases(op, dim, label):
    """Peskin & Schroeder §10.1 classification by the sign of [g]."""
    from qftdata.generators.foundations.renormalizability import classify

    assert classify(coupling_dimension(op, sp.Integer(dim))) == label


@pytest.mark.parametrize("index", range(8))
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate"])
def test_renormalizability_records(index, level):
    rec = generate_one("foundations.renormalizability", seed=4, index=index, level=level)
    params = json.loads(rec.metadata)["params"]
    dim_g = ps_dimension(Operator(**params["op"]), sp.Integer(params["d"]))
    expected = "super-renormalizable" if dim_g > 0 else "renormalizable" if dim_g == 0 else "non-renormalizable"
    assert rec.answer == expected and rec.answer in rec.choices


def srednicki_vertex(params):
    """Srednicki ch. 9-10: for L_int = -(g/N) prod_s X_s^{n_s}, the vertex is -i g prod_s n_s! / N.
    Derivative coupling -(g/N) phi^a d chi.d chi: 2 * a! * (-i p1).(-i p2) -> i g a! (s12 - 2m^2) / N."""
    g, lam, m, s12 = sym("g"), sym("lambda"), sym("m"), sym("s_12")
    f = math.factorial
    if params["kind"] == "real":
        return -sp.I * g * f(params["a"]) * f(params["b"]) / params["norm"]
    if params["kind"] in ("complex", "mixed"):
        c = lam if params["kind"] == "complex" else g
        return -sp.I * c * f(params["k"]) ** 2 * f(params["a"]) / params["norm"]
    return sp.I * g * f(params["a"]) * (s12 - 2 * m**2) / params["norm"]


@pytest.mark.parametrize("index", range(5))
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_vertex_factor_matches_srednicki(index, level):
    rec = generate_one("foundations.vertex_factor", seed=6, index=index, level=level)
    params = json.loads(rec.metadata)["params"]
    assert sp.simplify(gold_expr(rec) - srednicki_vertex(params)) == 0


def test_phi4_vertex_is_minus_i_lambda():
    """Peskin & Schroeder §4.4: L_int = -(lambda/4!) phi^4 gives the vertex -i lambda."""
    from qftdata.generators.foundations.vertex_factor import vertex_sum

    lam = sym("lambda")
    assert sp.I * (-lam / 24) * vertex_sum([("f", "phi")] * 4, ["phi"] * 4) == -sp.I * lam


def lee_wick_residues(m2, lam2):
    """K = p^2 - m^2 - p^4/Lambda^2 has zeros M^2_{-,+} = Lambda^2 (1 -+ sqrt(1 - 4 m^2/Lambda^2))/2 with
    residues Z_{-,+} = +-1/sqrt(1 - 4 m^2/Lambda^2) (Pais-Uhlenbeck; Grinstein, O'Connell & Wise 2008)."""
    r = sp.sqrt(1 - 4 * m2 / lam2)
    return {"M2_light": lam2 * (1 - r) / 2, "M2_heavy": lam2 * (1 + r) / 2, "Z_light": 1 / r, "Z_heavy": -1 / r}


@pytest.mark.parametrize("index", range(5))
@pytest.mark.parametrize("level", ["graduate", "advanced-graduate", "postgraduate"])
def test_propagator_poles_match_closed_form(index, level):
    rec = generate_one("foundations.propagator_poles", seed=8, index=index, level=level)
    params = json.loads(rec.metadata)["params"]
    if level == "graduate":
        expected = lee_wick_residues(sp.Rational(params["m2"]), sp.Rational(params["Lambda2"]))[params["quantity"]]
    elif level == "advanced-graduate":  # rescale: K = a p^2 - b - c p^4 = a (p^2 - b/a - p^4/(a/c))
        a, b, c = (sp.Integer(params[k]) for k in "abc")
        expected = lee_wick_residues(b / a, a / c)[params["quantity"]]
        if params["quantity"].startswith("Z"):
            expected /= a
    else:
        expected = lee_wick_residues(sym("m") ** 2, sym("Lambda") ** 2)[params["quantity"]]
    assert same_value(gold_expr(rec), expected, ranges={"m": (0.1, 1), "Lambda": (3, 6)})


def test_lee_wick_partial_fraction():
    """Grinstein, O'Connell & Wise, PRD 77, 025012, eq. (3): 1/(p^2 - p^4/M^2) = 1/p^2 - 1/(p^2 - M^2)."""
    from qftdata.generators.foundations.propagator_poles import kernel, poles_and_residues

    x, M = sp.Symbol("p^2"), sym("M")
    (x1, z1), (x2, z2) = poles_and_residues(kernel(1, 0, 1 / M**2, x), x)
    assert (x1, z1) == (0, 1) and sp.simplify(x2 - M**2) == 0 and z2 == -1


def test_random_operators_are_well_defined_in_the_drawn_dimension():
    # audit: in d <= 3 a Dirac spinor has 2 components, so psibar psi psibar Gamma psi (Gamma = gamma^rho,
    # sigma^{rho sigma}, gamma^rho gamma^5) vanishes identically; gamma^5 is undefined in odd d
    import random

    from qftdata.generators.foundations._operators import random_operator

    seen_special = set()
    for dim in (2, 3, 4, 5, 6):
        for i in range(400):
            op = random_operator(random.Random(i), rich=True, dim=dim)
            if op.special:
                seen_special.add((dim <= 3, op.b > 0))
                assert not (dim <= 3 and op.b), (dim, op)
                assert not (dim % 2 and op.special == "current_dphi"), (dim, op)
    assert seen_special == {(True, False), (False, False), (False, True)}  # the rule bites only where needed
    for name, level in (("foundations.mass_dimension", "advanced-graduate"),
                        ("foundations.renormalizability", "graduate")):
        for index in range(30):
            p = json.loads(generate_one(name, seed=3, index=index, level=level).metadata)["params"]
            if p["op"]["special"]:
                assert not (p["d"] <= 3 and p["op"]["b"]) and not (p["d"] % 2 and p["op"]["special"] == "current_dphi")
