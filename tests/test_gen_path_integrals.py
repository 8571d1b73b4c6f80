"""Literature cross-checks of the path-integral families (Wick counting, symmetry factors, Gaussian and
Grassmann integrals). The families enumerate / differentiate / integrate; the closed forms here are the
independent check."""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter

import pytest
import sympy as sp

from qftdata.generators import generate_one
from qftdata.generators.testing import gold_expr, same_value, sym


def double_factorial(n: int) -> int:
    return math.prod(range(n, 0, -2)) if n > 0 else 1


# ---------------------------------------------------------------- Wick contractions
@pytest.mark.parametrize("powers,normal,expected", [
    ([4], [False], double_factorial(3)),              # <phi^4> : 3 pairings (P&S §4.3; Zee I.2: (N-1)!!)
    ([3, 3], [False, False], double_factorial(5)),    # 15
    ([2, 2, 2], [False] * 3, double_factorial(5)),
    ([4, 4], [True, True], math.factorial(4)),        # <:phi^n::phi^n:> = n! pairings
    ([3, 3], [True, True], math.factorial(3)),
    # three normal-ordered points: n1! n2! n3! / (a! b! c!) with a = (n1+n2-n3)/2 etc.
    ([2, 2, 2], [True] * 3, 8),
    ([3, 3, 2], [True] * 3, math.factorial(3) ** 2 * 2 // (math.factorial(2) * 1 * 1)),
    ([4, 2, 2], [True] * 3, math.factorial(4) * 2 * 2 // (math.factorial(2) * math.factorial(2) * 1)),
])
def test_wick_counts_closed_forms(powers, normal, expected):
    from qftdata.generators.path_integrals.wick_contractions import count_pairings

    assert count_pairings(powers, normal) == expected


def test_connected_cycles_of_phi2_points():
    """k points each :phi^2:, connected pairings = Hamiltonian cycles (k-1)!/2 times 2^k orientations of legs."""
    from qftdata.generators.path_integrals.wick_contractions import count_pairings

    for k in (3, 4, 5):
        assert count_pairings([2] * k, [True] * k, connected=True) == math.factorial(k - 1) // 2 * 2**k


def three_point_formula(n1, n2, n3):
    if (n1 + n2 + n3) % 2:
        return 0
    a, b, c = (n1 + n2 - n3) // 2, (n1 + n3 - n2) // 2, (n2 + n3 - n1) // 2
    if min(a, b, c) < 0:
        return 0
    f = math.factorial
    return f(n1) * f(n2) * f(n3) // (f(a) * f(b) * f(c))


@pytest.mark.parametrize("index", range(8))
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_wick_records_match_closed_forms(index, level):
    rec = generate_one("path_integrals.wick_contractions", seed=9, index=index, level=level)
    p = json.loads(rec.metadata)["params"]
    powers, normal = p["powers"], p["normal"]
    eff_normal = [no and n > 1 for n, no in zip(powers, normal, strict=True)]
    if not any(eff_normal) and not p["connected"]:
        assert int(rec.answer) == double_factorial(sum(powers) - 1)
    elif all(eff_normal) and len(powers) == 3 and not p["connected"]:
        assert int(rec.answer) == three_point_formula(*powers)
    elif all(eff_normal) and len(powers) == 2 and not p["connected"]:
        assert int(rec.answer) == (math.factorial(powers[0]) if powers[0] == powers[1] else 0)
    else:  # independent count: sum over multigraphs with the right degrees
        assert int(rec.answer) == multigraph_count(powers, eff_normal, p["connected"])


def multigraph_count(powers, no_self, connected):
    """Sum over edge-multiplicity matrices e (row sums n_i) of prod n_i! / (prod_{i<j} e_ij! prod_i 2^e_ii e_ii!):
    the number of pairings of labelled fields producing each multigraph (standard configuration-model count)."""
    k = len(powers)
    slots = [(i, j) for i in range(k) for j in range(i, k)]
    total = sp.Integer(0)

    def rec(pos, remaining, e):
        nonlocal total
        if pos == len(slots):
            if any(remaining):
                return
            if connected:
                comp, changed = {0}, True
                while changed:
                    changed = False
                    for (i, j), m in e.items():
                        if m and (i in comp) != (j in comp):
                            comp |= {i, j}
                            changed = True
                if len(comp) != k:
                    return
            w = sp.Integer(math.prod(math.factorial(n) for n in powers))
            for (i, j), m in e.items():
                w /= (2**m * math.factorial(m)) if i == j else math.factorial(m)
            total += w
            return
        i, j = slots[pos]
        top = remaining[i] // 2 if i == j else min(remaining[i], remaining[j])
        if i == j and no_self[i]:
            top = 0
        for m in range(top + 1):
            r = list(remaining)
            r[i] -= 2 * m if i == j else m
            if i != j:
                r[j] -= m
            rec(pos + 1, r, {**e, (i, j): m})

    rec(0, list(powers), {})
    return int(total)


# ---------------------------------------------------------------- symmetry factors
def automorphism_factor(graph) -> int:
    """|Aut| of a Feynman graph with fixed external points: vertex permutations preserving the multigraph,
    times k! for each k-fold multi-edge and 2^l l! for l self-loops at a vertex (P&S §4.4 rules)."""
    edges = Counter({tuple(e): m for e, m in graph})
    verts = sorted({x for e in edges for x in e if x.startswith("v")})
    n_perm = 0
    for perm in itertools.permutations(verts):
        r = dict(zip(verts, perm, strict=True))
        mapped = Counter({tuple(sorted((r.get(a, a), r.get(b, b)))): m for (a, b), m in edges.items()})
        n_perm += mapped == Counter({tuple(sorted(e)): m for e, m in edges.items()})
    factor = n_perm
    for (a, b), m in edges.items():
        factor *= (2**m * math.factorial(m)) if a == b else math.factorial(m)
    return factor


@pytest.mark.parametrize("k,n,ext,graph,expected", [
    (4, 1, (), ((("v1", "v1"), 2),), 8),                                                  # P&S figure-eight
    (4, 2, ("x", "y"), ((("v1", "v2"), 3), (("v1", "x"), 1), (("v2", "y"), 1)), 6),       # P&S sunset
    (4, 1, ("x", "y"), ((("v1", "v1"), 1), (("v1", "x"), 1), (("v1", "y"), 1)), 2),       # tadpole
    (3, 2, (), ((("v1", "v2"), 3),), 12),                                                 # Srednicki theta
    (3, 2, (), ((("v1", "v1"), 1), (("v1", "v2"), 1), (("v2", "v2"), 1)), 8),            # Srednicki dumbbell
    (4, 2, (), ((("v1", "v2"), 4),), 48),                                                 # phi^4 basketball
])
def test_symmetry_factor_textbook(k, n, ext, graph, expected):
    from qftdata.generators.path_integrals._matchings import contraction_classes

    classes = contraction_classes(k, n, ext)
    key = tuple(sorted(graph))
    assert key in classes
    assert math.factorial(n) * math.factorial(k) ** n // classes[key] == expected


@pytest.mark.parametrize("index", range(6))
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_symmetry_factor_equals_automorphisms(index, level):
    rec = generate_one("path_integrals.symmetry_factor", seed=10, index=index, level=level)
    graph = json.loads(rec.metadata)["params"]["graph"]
    assert int(rec.answer) == automorphism_factor(graph)


# ---------------------------------------------------------------- Gaussian integrals
def isserlis(G, idx):
    """Isserlis/Wick: sum over pairings of products of G (Zee I.2.16)."""
    if not idx:
        return sp.Integer(1)
    first, rest = idx[0], idx[1:]
    return sum(G[first, rest[k]] * isserlis(G, rest[:k] + rest[k + 1:]) for k in range(len(rest)))


@pytest.mark.parametrize("index", range(5))
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"])
def test_gaussian_records(index, level):
    rec = generate_one("path_integrals.gaussian_moments", seed=12, index=index, level=level)
    p = json.loads(rec.metadata)["params"]
    a, g = sym("a"), sym("g")
    if p.get("anharmonic"):
        mom = lambda q: double_factorial(q - 1) / a ** (q // 2) if q % 2 == 0 else 0  # noqa: E731
        c = sp.factorial(p["power"])
        if p["quantity"] == "Z":
            expected = (-g / c) ** p["k"] / sp.factorial(p["k"]) * mom(p["power"] * p["k"])
        else:
            expected = -g / c * (mom(p["power"] + 2) - mom(2) * mom(p["power"]))
        assert sp.simplify(gold_expr(rec) - expected) == 0
        return
    A = sp.Matrix(p["A"])
    if p["kind"] == "Z":
        # Zee (I.2.14): Z[J] = (2 pi)^{n/2} det(A)^{-1/2} exp(J A^{-1} J / 2); check by numerical quadrature too
        J = sp.Matrix(p["J"])
        n = A.shape[0]
        expected = (2 * sp.pi) ** sp.Rational(n, 2) / sp.sqrt(A.det()) * sp.exp((J.T * A.inv() * J)[0, 0] / 2)
        assert same_value(gold_expr(rec), expected)
        if n == 2:  # direct quadrature (trapezoid on a wide grid is spectrally accurate for Gaussians)
            import numpy as np

            x = np.linspace(-12, 12, 1201)
            X, Y = np.meshgrid(x, x, indexing="ij")
            a11, a12, a22 = (float(A[0, 0]), float(A[0, 1]), float(A[1, 1]))
            f = np.exp(-(a11 * X * X + 2 * a12 * X * Y + a22 * Y * Y) / 2 + float(J[0]) * X + float(J[1]) * Y)
            num = np.trapezoid(np.trapezoid(f, x, axis=1), x)
            assert abs(num - float(gold_expr(rec).evalf())) < 1e-6 * abs(num)
    else:
        assert sp.simplify(gold_expr(rec) - isserlis(A.inv(), tuple(p["idx"]))) == 0


# ---------------------------------------------------------------- Grassmann integrals
def fermion_wick(G, insert):
    """<theta_i thetabar_j> = G_ij; <theta_i thetabar_j theta_k thetabar_l> = G_ij G_kl - G_il G_kj."""
    if len(insert) == 2:
        return G[insert[0], insert[1]]
    i, j, k, q = insert
    return G[i, j] * G[k, q] - G[i, q] * G[k, j]


@pytest.mark.parametrize("index", range(6))
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_grassmann_records_match_ps_9_69(index, level):
    rec = generate_one("path_integrals.grassmann_integral", seed=13, index=index, level=level)
    p = json.loads(rec.metadata)["params"]
    B = sp.Matrix([[sp.sympify(x, locals={"m": sym("m"), "g": sym("g")}) for x in row] for row in p["B"]])
    expected = B.det() if p["kind"] == "Z" else fermion_wick(B.inv(), p["idx"])  # P&S (9.69), (9.70)
    assert same_value(gold_expr(rec), expected, ranges={"m": (2, 3), "g": (0.1, 0.9)})


def test_grassmann_single_pair():
    """P&S (9.66): int dthetabar dtheta exp(-thetabar b theta) = b."""
    from qftdata.generators.path_integrals.grassmann_integral import gaussian_integral

    b = sym("b")
    assert gaussian_integral(sp.Matrix([[b]])) == b


def test_gaussian_moment_with_a_large_denominator_is_exact():
    # regression (audit): nsimplify turned this 61/1369 into a product of fractional powers of 2, 3, 5, 7
    from qftdata.generators.path_integrals.gaussian_moments import moment

    A = sp.Matrix([[5, 2, -1], [2, 5, 0], [-1, 0, 2]])
    value = moment(A, (0, 1, 1, 2))
    assert value == isserlis(A.inv(), (0, 1, 1, 2)) == sp.Rational(61, 1369)
