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
    value = sp.Rational(gold_expr(rec))
    count = value * double_factorial(sum(powers) - 1) if p["fraction"] else value
    eff_normal = [no and n > 1 for n, no in zip(powers, normal, strict=True)]
    if not any(eff_normal) and not p["connected"]:
        assert count == double_factorial(sum(powers) - 1)
    elif all(eff_normal) and len(powers) == 3 and not p["connected"]:
        assert count == three_point_formula(*powers)
    elif all(eff_normal) and len(powers) == 2 and not p["connected"]:
        assert count == (math.factorial(powers[0]) if powers[0] == powers[1] else 0)
    else:  # independent count: sum over multigraphs with the right degrees
        assert count == multigraph_count(powers, eff_normal, p["connected"])


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
VERTEX_FIELDS = {"phi4": ("phi",) * 4, "phi3": ("phi",) * 3, "phi2chi": ("phi", "phi", "chi"), "chi3": ("chi",) * 3}
VERTEX_NORM = {"phi4": 24, "phi3": 6, "phi2chi": 2, "chi3": 6}
COUPLING = {"phi4": "lambda", "phi3": "g", "phi2chi": "y", "chi3": "h"}


def automorphism_factor(edges, types) -> int:
    """|Aut| of a Feynman graph with fixed external points (P&S §4.4 rules): vertex permutations that keep each
    vertex's type and map the multigraph (edges labelled by field species) to itself, times k! for each k-fold
    multi-edge and 2^l l! for l self-loops of one species at a vertex."""
    edges = Counter({tuple(e): m for e, m in edges})
    verts = sorted(types)
    n_perm = 0
    for perm in itertools.permutations(verts):
        r = dict(zip(verts, perm, strict=True))
        if any(types[v] != types[r[v]] for v in verts):
            continue
        mapped = Counter({(*sorted((r.get(a, a), r.get(b, b))), f): m for (a, b, f), m in edges.items()})
        n_perm += mapped == Counter({(*sorted((a, b)), f): m for (a, b, f), m in edges.items()})
    factor = n_perm
    for (a, b, _), m in edges.items():
        factor *= (2**m * math.factorial(m)) if a == b else math.factorial(m)
    return factor


def _types_of(params):
    types, k = {}, 0
    for t in sorted(params["vertices"]):
        for _ in range(params["vertices"][t]):
            k += 1
            types[f"v{k}"] = t
    return types


@pytest.mark.parametrize("k,n,ext,graph,expected", [
    (4, 1, (), ((("v1", "v1"), 2),), 8),                                                  # P&S figure-eight
    (4, 2, ("x", "y"), ((("v1", "v2"), 3), (("v1", "x"), 1), (("v2", "y"), 1)), 6),       # P&S sunset
    (4, 1, ("x", "y"), ((("v1", "v1"), 1), (("v1", "x"), 1), (("v1", "y"), 1)), 2),       # tadpole
    (3, 2, (), ((("v1", "v2"), 3),), 12),                                                 # Srednicki theta
    (3, 2, (), ((("v1", "v1"), 1), (("v1", "v2"), 1), (("v2", "v2"), 1)), 8),            # Srednicki dumbbell
    (4, 2, (), ((("v1", "v2"), 4),), 48),                                                 # phi^4 basketball
])
def test_symmetry_factor_textbook(k, n, ext, graph, expected):
    """Textbook factors, by brute-force enumeration of all contractions (_matchings) and by the family's counter."""
    from qftdata.generators.path_integrals._diagrams import contraction_count
    from qftdata.generators.path_integrals._matchings import contraction_classes

    classes = contraction_classes(k, n, ext)
    key = tuple(sorted(graph))
    assert key in classes
    assert math.factorial(n) * math.factorial(k) ** n // classes[key] == expected
    types = {f"v{i + 1}": ("phi",) * k for i in range(n)}
    edges = Counter({(*sorted(e), "phi"): m for e, m in graph})
    count = contraction_count(edges, types, dict.fromkeys(ext, "phi"))
    assert math.factorial(n) * math.factorial(k) ** n // count == expected


@pytest.mark.parametrize("index", range(8))
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"])
def test_symmetry_factor_equals_automorphisms(index, level):
    rec = generate_one("path_integrals.symmetry_factor", seed=10, index=index, level=level)
    p = json.loads(rec.metadata)["params"]
    types = _types_of(p)
    aut = automorphism_factor(p["edges"], types)
    total = math.prod(math.factorial(c) * VERTEX_NORM[t] ** c for t, c in p["vertices"].items())
    if p["ask"] == "S":
        assert int(rec.answer) == aut
    elif p["ask"] == "count":
        assert int(rec.answer) * aut == total
    else:
        weight = sp.Integer(1) / aut
        for t, c in p["vertices"].items():
            weight *= (-sp.I * sym(COUPLING[t])) ** c
        assert sp.simplify(gold_expr(rec) - weight) == 0


def test_contraction_counter_matches_brute_force_enumeration():
    """Small generated diagrams of every theory: count every Wick pairing of the typed legs whose multigraph is
    isomorphic to the diagram (vertices of a type interchangeable) and compare with the family's counter."""
    from qftdata.generators.path_integrals._diagrams import contraction_count

    checked = 0
    for index in range(40):
        level = ("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate")[index % 4]
        p = json.loads(generate_one("path_integrals.symmetry_factor", seed=3, index=index, level=level).metadata)["params"]
        types = {v: VERTEX_FIELDS[t] for v, t in _types_of(p).items()}
        legs = [(v, f) for v, fs in types.items() for f in fs] + [(x, f) for x, f in p["externals"]]
        if len(legs) > 10:
            continue
        target = Counter({(*sorted(e[:2]), e[2]): m for e, m in p["edges"]})

        def canon(edges, types=types):
            best = None
            verts = sorted(types)
            for perm in itertools.permutations(verts):
                r = dict(zip(verts, perm, strict=True))
                if any(types[v] != types[r[v]] for v in verts):
                    continue
                key = tuple(sorted(((*sorted((r.get(a, a), r.get(b, b))), f), m) for (a, b, f), m in edges.items()))
                best = key if best is None or key < best else best
            return best

        want_key, brute = canon(target), 0

        def pairings(rest, acc, want_key=want_key):
            nonlocal brute
            if not rest:
                brute += canon(Counter(acc)) == want_key
                return
            (a, f), tail = rest[0], rest[1:]
            for j, (b, g) in enumerate(tail):
                if g == f:
                    pairings(tail[:j] + tail[j + 1:], acc + [(*sorted((a, b)), f)], want_key)

        pairings(legs, [])
        assert brute == contraction_count(target, types, dict(p["externals"])), p
        checked += 1
    assert checked >= 8, checked


# ---------------------------------------------------------------- Gaussian integrals
def isserlis(G, idx):
    """Isserlis/Wick: sum over pairings of products of G (Zee I.2.16)."""
    if not idx:
        return sp.Integer(1)
    first, rest = idx[0], idx[1:]
    return sum(G[first, rest[k]] * isserlis(G, rest[:k] + rest[k + 1:]) for k in range(len(rest)))


def _anharmonic_by_quadrature(power, quantity, k, a):
    """The g^k coefficient from Gaussian moments computed by mpmath quadrature and a numerical Taylor expansion
    (mp.taylor) of ln(Z) or <x^2 e^{-gV}>/Z, built as polynomials in g: independent of the family's algebra."""
    import mpmath as mp

    weight = lambda x: mp.exp(-a * x * x / 2)  # noqa: E731
    norm = mp.quad(weight, [-mp.inf, mp.inf])
    mom = lambda q: mp.quad(lambda x: x**q * weight(x), [-mp.inf, mp.inf]) / norm  # noqa: E731
    cf = math.factorial(power)
    z = [(-1 / mp.mpf(cf)) ** j / math.factorial(j) * mom(power * j) for j in range(k + 1)]
    z2 = [(-1 / mp.mpf(cf)) ** j / math.factorial(j) * mom(power * j + 2) for j in range(k + 1)]
    poly = lambda c, t: sum(cj * t**j for j, cj in enumerate(c))  # noqa: E731
    f = {"Z": lambda t: poly(z, t), "W": lambda t: mp.log(poly(z, t)), "x2": lambda t: poly(z2, t) / poly(z, t)}[quantity]
    return mp.taylor(f, 0, k)[k]


@pytest.mark.parametrize("index", range(5))
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"])
def test_gaussian_records(index, level):
    rec = generate_one("path_integrals.gaussian_moments", seed=12, index=index, level=level)
    p = json.loads(rec.metadata)["params"]
    a, g = sym("a"), sym("g")
    if p.get("anharmonic"):
        coeff = gold_expr(rec) / g ** p["k"]
        if p["quantity"] == "Z":  # (-g/p!)^k/k! (pk-1)!!/a^{pk/2} (Zee I.2)
            c = sp.factorial(p["power"])
            expected = (-1 / c) ** p["k"] / sp.factorial(p["k"]) * double_factorial(p["power"] * p["k"] - 1) / a ** (
                p["power"] * p["k"] // 2)
            assert sp.simplify(coeff - expected) == 0
        for a_val in (1.0, 1.7):
            want = _anharmonic_by_quadrature(p["power"], p["quantity"], p["k"], a_val)
            assert float(coeff.subs(a, a_val)) == pytest.approx(float(want), rel=1e-8), (rec.answer, p)
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


def test_anharmonic_series_literature_coefficients():
    """0-d phi^4 with g/4! (a = 1): Z/Z0 = 1 - g/8 + 35g^2/384 - 385g^3/3072; ln Z = -g/8 + g^2/12 - 11g^3/96
    + 17g^4/72; <x^2> = 1 - g/2 + 2g^2/3 - 11g^3/8 + 34g^4/9 (Bender & Wu PR 184 (1969) 1231; Cvitanovic, Field
    Theory (1983) ch. 4); phi^3 with g/3!: ln Z = 5g^2/24 + 5g^4/16 (connected vacuum graphs of the cubic theory)."""
    from qftdata.generators.path_integrals.gaussian_moments import A_SYM, anharmonic_series

    s4 = anharmonic_series(4, 4)
    assert [c.subs(A_SYM, 1) for c in s4["Z"][:4]] == [1, sp.Rational(-1, 8), sp.Rational(35, 384), sp.Rational(-385, 3072)]
    assert [c.subs(A_SYM, 1) for c in s4["W"]] == [0, sp.Rational(-1, 8), sp.Rational(1, 12), sp.Rational(-11, 96),
                                                   sp.Rational(17, 72)]
    assert [c.subs(A_SYM, 1) for c in s4["x2"]] == [1, sp.Rational(-1, 2), sp.Rational(2, 3), sp.Rational(-11, 8),
                                                    sp.Rational(34, 9)]
    s3 = anharmonic_series(3, 4)
    assert [c.subs(A_SYM, 1) for c in s3["W"]] == [0, 0, sp.Rational(5, 24), 0, sp.Rational(5, 16)]


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
