"""Vertex-correction family (issue 20 N2) against the literature and the sandwich reducer against explicit matrices.

- renormalization.anomalous_moment_scalar_loop: Leveille, Nucl. Phys. B137 (1978) 63 and Jegerlehner & Nyffeler,
  Phys. Rept. 477 (2009) 1, sec. 7: Delta a = (g^2/8 pi^2) int_0^1 x^2 (2 - x)/(x^2 + (1 - x) r^2) (scalar) and
  -(g^2/8 pi^2) int_0^1 x^3/(x^2 + (1 - x) r^2) (pseudoscalar), r = M/m, by mpmath quadrature; the heavy-boson limit
  (g^2 m^2/8 pi^2 M^2)[ln(M^2/m^2) - 7/6] and the light-scalar limit 3 g^2/(16 pi^2).
"""

from __future__ import annotations

import json
import random

import mpmath as mp
import pytest
import sympy as sp

from qftdata.generators.api import generate_one
from qftdata.generators.dirac import GAMMA5, gamma, slash
from qftdata.generators.renormalization._sandwich import reduce_sandwich
from qftdata.generators.renormalization.anomalous_moment_scalar import contribution
from qftdata.verify import parse_answer


def leveille(sigma: int, r: float) -> float:
    weight = (lambda x: x**2 * (2 - x)) if sigma == 1 else (lambda x: -(x**3))
    return float(mp.quad(lambda x: weight(x) / (x**2 + (1 - x) * r**2), [0, 1]) / (8 * mp.pi**2))


@pytest.mark.parametrize("level", ["advanced-graduate", "postgraduate"])
def test_anomalous_moment_matches_leveille_integrals(level):
    for i in range(6):
        rec = generate_one("renormalization.anomalous_moment_scalar_loop", seed=3, index=i, level=level)
        fields = json.loads(rec.metadata)["params"]["fields"]
        couplings = {"g": 0.7, "g_S": 1.3, "g_P": 0.6}
        names = ["g"] if len(fields) == 1 else ["g_S", "g_P"]
        want = sum(couplings[n] ** 2 * leveille(s, float(sp.Rational(r))) for n, (s, r) in zip(names, fields, strict=True))
        expr = parse_answer(rec.answer, symbols=tuple(rec.symbols))
        got = float(expr.subs({x: couplings[x.name] for x in expr.free_symbols}))
        assert got == pytest.approx(want, rel=1e-10), (rec.answer, fields)


@pytest.mark.parametrize("rho", [40, 100, 300])
def test_heavy_boson_limit_jegerlehner_nyffeler(rho):
    """a_S -> (m^2/8 pi^2 M^2)[ln(M^2/m^2) - 7/6], a_P -> -(m^2/8 pi^2 M^2)[ln(M^2/m^2) - 11/6]; the corrections are
    O(m^2/M^2) relative (tolerance ln(M^2/m^2) m^2/M^2, tight enough to tell 7/6 from 1)."""
    r2 = rho**2
    scalar = float(contribution(1, sp.Integer(rho))[0])
    pseudo = float(contribution(-1, sp.Integer(rho))[0])
    assert scalar == pytest.approx((mp.log(r2) - mp.mpf(7) / 6) / (8 * mp.pi**2 * r2), rel=float(mp.log(r2) / r2))
    assert pseudo == pytest.approx(-(mp.log(r2) - mp.mpf(11) / 6) / (8 * mp.pi**2 * r2), rel=float(mp.log(r2) / r2))


def test_light_scalar_limit():
    assert float(contribution(1, sp.Rational(1, 10**6))[0]) == pytest.approx(3 / (16 * float(sp.pi) ** 2), rel=1e-5)


def _matrix(word, vecs):
    out = sp.eye(4)
    for letter in word:
        out = out * (slash(vecs[letter]) if letter != "mu" else vecs["mu"])
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sandwich_reduction_against_explicit_spinors(seed):
    """(p'slash + m) W (pslash + m) = (p'slash + m)[A gamma^mu + c_p p^mu + c_p' p'^mu](pslash + m) for every mu, with
    on-shell integer-rational momenta (m = 1): the projectors (pslash + m) carry every u(p), ubar(p')."""
    rng = random.Random(seed)
    p = (sp.Rational(5, 4), 0, 0, sp.Rational(3, 4))
    pp = (sp.Rational(13, 12), sp.Rational(5, 12), 0, 0)
    q2 = sum(s * (a - b) ** 2 for s, a, b in zip((1, -1, -1, -1), pp, p, strict=True))
    words = {}
    for _ in range(4):
        left = tuple(rng.choice("pP") for _ in range(rng.randint(0, 3)))
        right = tuple(rng.choice("pP") for _ in range(rng.randint(0, 3)))
        words[left + ("mu",) + right] = sp.Integer(rng.randint(-3, 3))
    red = reduce_sandwich(words, sp.Integer(1), q2)
    proj_l, proj_r = slash(pp) + sp.eye(4), slash(p) + sp.eye(4)
    for mu in range(4):
        vecs = {"p": p, "P": pp, "mu": gamma(mu)}
        lhs = sum((c * _matrix(w, vecs) for w, c in words.items()), sp.zeros(4))
        rhs = red["gamma"] * gamma(mu) + (red["p"] * p[mu] + red["P"] * pp[mu]) * sp.eye(4)
        assert sp.simplify(proj_l * (lhs - rhs) * proj_r) == sp.zeros(4), (mu, words, red)


def test_pseudoscalar_vertex_flips_the_mass_sign():
    """i gamma5 (a + m) gamma^mu (b + m) i gamma5 = (a - m) gamma^mu (b - m), with explicit matrices (the step the family uses)."""
    a, b, m = (3, 1, -2, 1), (2, 0, 1, -1), sp.Integer(2)
    for mu in range(4):
        lhs = sp.I * GAMMA5 * (slash(a) + m * sp.eye(4)) * gamma(mu) * (slash(b) + m * sp.eye(4)) * sp.I * GAMMA5
        rhs = (slash(a) - m * sp.eye(4)) * gamma(mu) * (slash(b) - m * sp.eye(4))
        assert sp.expand(lhs - rhs) == sp.zeros(4)
