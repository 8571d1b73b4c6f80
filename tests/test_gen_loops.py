"""Loop-integral families checked against closed forms from the literature (independent of the families)."""

from __future__ import annotations

import json

import mpmath as mp
import pytest

from qftdata.generators.api import generate_one
from qftdata.verify import parse_answer


def _records(name, n=12, seed=7):
    for i in range(n):
        rec = generate_one(name, seed=seed, index=i)
        yield rec, json.loads(rec.metadata)["params"]


def _value(rec, **subs):
    expr = parse_answer(rec.answer, symbols=rec.symbols)
    return complex(expr.subs({s: subs[s.name] for s in expr.free_symbols}).evalf(30))


def _master_exact(n, a, tensor, eps, delta, mu):
    """P&S (A.44)/(A.45) generalised: (mu^2 e^gamma/4pi)^eps Gamma(a+d/2)Gamma(n-a-d/2)/((4pi)^{d/2}Gamma(d/2)Gamma(n))
    Delta^{a+d/2-n}, with the k^mu k^nu -> delta^{mu nu} k^2/d reduction."""
    A = a + (1 if tensor else 0)
    d = 4 - 2 * eps
    val = ((mu**2 * mp.e**mp.euler / (4 * mp.pi)) ** eps * mp.gamma(A + d / 2) * mp.gamma(n - A - d / 2)
           / ((4 * mp.pi) ** (d / 2) * mp.gamma(d / 2) * mp.gamma(n)) * delta ** (A + d / 2 - n))
    return val / d if tensor else val


def test_dimreg_master_matches_gamma_function_formula():
    mp.mp.dps = 60
    delta, mu = mp.mpf("1.7"), mp.mpf("2.3")
    h = mp.mpf("1e-25")
    for rec, p in _records("loops.dimreg_master_integral", 16):
        def f(e, p=p):
            return _master_exact(p["n"], p["a"], p["tensor"], e, delta, mu)

        pole = (f(h) * h - f(-h) * h) / 2  # residue
        finite = (f(h) + f(-h)) / 2
        want = pole if p["want"] == "pole" else finite
        got = _value(rec, Delta=float(delta), mu=float(mu))
        assert got.real == pytest.approx(float(want), rel=1e-9, abs=1e-14), (rec.answer, p)


def test_dimreg_special_cases_peskin_a44():
    # P&S (A.44): n = 2 -> pole 1/(16 pi^2); n = 3, a = 0 -> 1/(32 pi^2 Delta)
    import sympy as sp

    from qftdata.generators.loops.dimreg_master import DELTA, master

    pole, finite, div = master(2, 0, False)
    assert div and pole == 1 / (16 * sp.pi**2)
    pole, finite, div = master(3, 0, False)
    assert not div and sp.simplify(finite - 1 / (32 * sp.pi**2 * DELTA)) == 0


def test_vacuum_polarization_uehling_and_running():
    """P&S (7.91)-(7.93): Dirac Pi-hat = -(2 alpha/pi) sum_k (q^2/m^2)^k/k * B(k+2, k+2), i.e. -alpha q^2/(15 pi m^2) at
    k = 1; the scalar loop has weight (1-2x)^2 = 1 - 4x(1-x) and prefactor alpha/(4 pi). Leading logs:
    alpha/(3 pi) (Dirac), alpha/(12 pi) (scalar) per unit charge (P&S (7.96))."""
    import sympy as sp

    alpha = sp.Symbol("alpha", positive=True)

    def beta_int(n):  # int_0^1 [x(1-x)]^n dx = (n!)^2/(2n+1)!
        return sp.factorial(n) ** 2 / sp.factorial(2 * n + 1)

    for rec, p in _records("renormalization.vacuum_polarization", 20):
        mult = sp.Rational(p["Q"]) ** 2 * p["N_c"]
        if p["want"] == "log":
            want = alpha * mult * (sp.Rational(1, 3) if p["particle"] == "dirac" else sp.Rational(1, 12)) / sp.pi
        else:
            k = p["k"]
            if p["particle"] == "dirac":
                want = -2 * alpha / sp.pi * beta_int(k + 1) / k
            else:
                want = -alpha / (4 * sp.pi) * (beta_int(k) - 4 * beta_int(k + 1)) / k
            want *= mult
        got = parse_answer(rec.answer, symbols=rec.symbols)
        got = got.subs({s: alpha for s in got.free_symbols})
        assert sp.simplify(got - want) == 0, (rec.answer, p)
    rec = generate_one("renormalization.vacuum_polarization", seed=0, index=0, level="advanced-undergraduate")
    got = parse_answer(rec.answer, symbols=rec.symbols)
    assert sp.simplify(got.subs({s: alpha for s in got.free_symbols}) + alpha / (15 * sp.pi)) == 0


def test_bubble_against_denner_closed_forms():
    """Denner, Fortsch. Phys. 41 (1993) 307, eqs. (4.23)-(4.25), continued to Euclidean p^2 = r m^2 (Minkowski
    p^2 = -r m^2): equal masses 16 pi^2 B_fin = ln(mu^2/m^2) + 2 - beta ln((beta+1)/(beta-1)), beta = sqrt(1+4/r);
    one massless line: ln(mu^2/m^2) + 2 - (1+r)/r ln(1+r); p = 0: 1 - (m1^2 ln(m1^2/mu^2) - m2^2 ln(m2^2/mu^2))/(m1^2-m2^2)."""
    import sympy as sp

    m, mu = 1.3, 2.9
    for rec, p in _records("loops.bubble_finite_part", 14):
        r = float(sp.Rational(p["r"]))
        if p["kind"] == "equal":
            beta = mp.sqrt(1 + 4 / r)
            want = mp.log(mu**2 / m**2) + 2 - beta * mp.log((beta + 1) / (beta - 1))
        elif p["kind"] == "one_massless":
            want = mp.log(mu**2 / m**2) + 2 - (1 + r) / r * mp.log(1 + r)
        else:
            m1s, m2s = m**2, r * m**2
            want = 1 - (m1s * mp.log(m1s / mu**2) - m2s * mp.log(m2s / mu**2)) / (m1s - m2s)
        if p["want"] == "finite_at_mu":
            want = want - mp.log(mu**2 / m**2)
        got = _value(rec, m=m, mu=mu) if rec.symbols else complex(parse_answer(rec.answer).evalf(30))
        assert got.real * 16 * float(mp.pi) ** 2 == pytest.approx(float(want), rel=1e-10), (rec.answer, p)
