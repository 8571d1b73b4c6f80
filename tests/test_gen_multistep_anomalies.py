"""Anomaly families (issue 20 N2) against closed forms from the literature.

- anomalies.representation_anomaly: A(R) of Banks & Georgi PRD 14 (1976) 1159 and Okubo PRD 16 (1977) 3528:
  A(A_2) = N - 4, A(S_2) = N + 4, A(A_3) = (N-3)(N-6)/2, A(S_3) = (N+3)(N+6)/2, A(M_21) = N^2 - 9, A(conj R) = -A(R);
  Slansky, Phys. Rep. 79 (1981) 1: T(A_2) = (N-2)/2, T(S_2) = (N+2)/2, dim = N(N -+ 1)/2.
- anomalies.pion_two_photon: Gamma = alpha^2 m^3 [N_c (Q_a^2 - Q_b^2)]^2 / (64 pi^3 f^2) (Adler 1969; Bell & Jackiw 1969;
  P&S eq. (19.117) for N_c = 3, Q = 2/3, -1/3), its generalisation [2 N_c tr(T Q^2)]^2, and the eta mixing structure
  Gamma(eta) = (alpha^2 m^3/(192 pi^3)) (N_c/3)^2 [cos(theta)/f_8 - 2 sqrt(2) sin(theta)/f_0]^2 (Gilman & Kauffman PRD 36
  (1987) 2761, with f_pi ~ 92 MeV).
"""

from __future__ import annotations

import json
import math

import pytest
import sympy as sp

from qftdata.generators.api import generate_one
from qftdata.verify import parse_answer

A_CLOSED = {"fund": lambda n: 1, "asym2": lambda n: n - 4, "sym2": lambda n: n + 4, "asym3": lambda n: (n - 3) * (n - 6) // 2,
            "sym3": lambda n: (n + 3) * (n + 6) // 2, "mixed21": lambda n: n * n - 9}
T_CLOSED = {"asym2": lambda n: sp.Rational(n - 2, 2), "sym2": lambda n: sp.Rational(n + 2, 2)}
DIM_CLOSED = {"asym2": lambda n: n * (n - 1) // 2, "sym2": lambda n: n * (n + 1) // 2}


def _records(name, level, n=8, seed=6):
    for i in range(n):
        rec = generate_one(name, seed=seed, index=i, level=level)
        yield rec, json.loads(rec.metadata)["params"]


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate", "postgraduate"])
def test_representation_anomaly_matches_banks_georgi_okubo(level):
    for rec, p in _records("anomalies.representation_anomaly", level):
        n = p["N"]
        net = sum(mult * A_CLOSED[key](n) * (-1 if conj else 1) for mult, key, conj in p["spectrum"])
        if level != "postgraduate":
            want = sp.Integer(abs(net))
        else:
            (mult, key, _), = p["spectrum"]
            k = net   # antifundamentals
            q = -mult * T_CLOSED[key](n) / (k * sp.Rational(1, 2))
            want = (mult * DIM_CLOSED[key](n) + k * n * q**3 if p["which"] == "cubic"
                    else mult * DIM_CLOSED[key](n) + k * n * q)
        assert parse_answer(rec.answer, symbols=()) == want, (rec.answer, p)


def test_pion_width_matches_adler_bell_jackiw():
    alpha, m, f = 1 / 137.036, 0.13498, 0.0922
    for rec, p in _records("anomalies.pion_two_photon", "graduate", 12):
        qa, qb = (float(sp.Rational(q)) for q in p["charges"])
        want = alpha**2 * m**3 * (p["n_c"] * (qa**2 - qb**2)) ** 2 / (64 * math.pi**3 * f**2)
        got = float(parse_answer(rec.answer, symbols=("alpha", "m", "f")).subs(
            {sp.Symbol("alpha", positive=True): alpha, sp.Symbol("m", positive=True): m, sp.Symbol("f", positive=True): f}))
        assert got == pytest.approx(want, rel=1e-12), (rec.answer, p)
    # P&S (19.117): the physical pi0 width is about 7.7 eV
    assert alpha**2 * m**3 / (64 * math.pi**3 * f**2) * 1e9 == pytest.approx(7.8, rel=0.05)


@pytest.mark.parametrize("level", ["advanced-graduate", "postgraduate"])
def test_general_generators_and_eta_mixing(level):
    alpha, m, f = 0.01, 0.55, 0.09
    for rec, p in _records("anomalies.pion_two_photon", level, 6):
        if level == "advanced-graduate":
            coeff = 2 * p["n_c"] * sum(float(sp.sympify(t)) * float(sp.Rational(q)) ** 2 for t, q in zip(p["T"], p["charges"], strict=True))
            want = alpha**2 * m**3 * coeff**2 / (64 * math.pi**3 * f**2)
        else:
            sin = float(sp.Rational(p["sin"]))
            cos = math.sqrt(1 - sin * sin)
            f8, f0 = float(sp.Rational(p["k8"])) * f, float(sp.Rational(p["k0"])) * f
            want = (alpha**2 * m**3 / (192 * math.pi**3) * (p["n_c"] / 3) ** 2
                    * (cos / f8 - 2 * math.sqrt(2) * sin / f0) ** 2)
        got = float(parse_answer(rec.answer, symbols=("alpha", "m", "f")).subs(
            {sp.Symbol("alpha", positive=True): alpha, sp.Symbol("m", positive=True): m, sp.Symbol("f", positive=True): f}))
        assert got == pytest.approx(want, rel=1e-12), (rec.answer, p)
