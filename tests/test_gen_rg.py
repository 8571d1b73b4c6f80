"""RG families against closed forms from the literature."""

from __future__ import annotations

import json

import sympy as sp

from qftdata.generators.api import generate_one
from qftdata.verify import parse_answer

NS = sp.Symbol("N", positive=True, integer=True)
NF = sp.Symbol("n_f", positive=True, integer=True)
LAM = sp.Symbol("lambda", positive=True)
EPS = sp.Symbol("epsilon", positive=True)

# Slansky-table Dynkin indices / Casimirs (independent of lie.py's character computation)
T_R = {"fund": sp.Rational(1, 2), "adj": NS, "sym2": (NS + 2) / 2, "asym2": (NS - 2) / 2}
C2_R = {"fund": (NS**2 - 1) / (2 * NS), "adj": NS, "sym2": (NS - 1) * (NS + 2) / NS,
        "asym2": (NS - 2) * (NS + 1) / NS}
WEIGHT = {"dirac": sp.Rational(4, 3), "weyl": sp.Rational(2, 3), "cscalar": sp.Rational(1, 3),
          "rscalar": sp.Rational(1, 6)}


def _records(name, n, seed=3):
    for i in range(n):
        rec = generate_one(name, seed=seed, index=i)
        yield rec, json.loads(rec.metadata)["params"]


def _parsed(rec):
    e = parse_answer(rec.answer, symbols=rec.symbols)
    names = {"N": NS, "n_f": NF, "lambda": LAM, "epsilon": EPS}
    return e.subs({s: names.get(s.name, s) for s in e.free_symbols})


def test_gauge_b0_peskin_16_135():
    """P&S (16.135): b0 = 11/3 C2(G) - 4/3 n_f T(r), extended with Weyl/scalar weights (Machacek-Vaughn 1983)."""
    for rec, p in _records("rg.gauge_beta_b0", 24):
        n = NS if p["N"] == "N" else sp.Integer(p["N"])
        if p["mode"] == "b0_nf":
            want = sp.Rational(11, 3) * n - sp.Rational(2, 3) * NF
        elif p["mode"] == "nf_max":
            base = sp.Rational(11, 3) * n - sum(WEIGHT[k] * c * T_R[r].subs(NS, n) for k, r, c in p["extra"])
            per = sp.Rational(4, 3) * T_R[p["flavour_rep"]].subs(NS, n)
            want = max(sp.ceiling(base / per) - 1, -1)
        else:
            want = sp.Rational(11, 3) * n - sum(WEIGHT[k] * c * T_R[r].subs(NS, n) for k, r, c in p["matter"])
        assert sp.simplify(_parsed(rec) - want) == 0, (rec.answer, p)


def test_banks_zaks_caswell_jones():
    """Caswell (1974)/Jones (1974) b1 and g*^2 = -16 pi^2 b0/b1."""
    for rec, p in _records("rg.banks_zaks_fixed_point", 15):
        n, nf, r = sp.Integer(p["N"]), p["n_f"], p["rep"]
        t, c2 = T_R[r].subs(NS, n), C2_R[r].subs(NS, n)
        b0 = sp.Rational(11, 3) * n - sp.Rational(4, 3) * t * nf
        b1 = sp.Rational(34, 3) * n**2 - 4 * c2 * t * nf - sp.Rational(20, 3) * n * t * nf
        want = {"b1": b1, "gstar2": -16 * sp.pi**2 * b0 / b1, "alphastar": -4 * sp.pi * b0 / b1}[p["want"]]
        assert sp.simplify(_parsed(rec) - want) == 0, (rec.answer, p)


def test_on_quartic_beta_peskin_srednicki():
    """P&S sec. 13.2: beta = (n+8) lambda^2/(8 pi^2) for V = lambda/4 (phi^2)^2 over n real fields; Srednicki ch. 28:
    3 lambda^2/(16 pi^2) for lambda/4! phi^4. For V = (lambda/c)(phi^2)^2, rescale kappa = lambda/c."""
    for rec, p in _records("rg.on_quartic_beta", 16):
        c = p["c"]
        n = sp.Integer(1) if p["N"] is None else (NS if p["N"] == "N" else sp.Integer(p["N"]))
        if p["complex"]:
            n, c = 2 * n, 4 * c  # (Phi^dag Phi)^2 = (phi.phi)^2/4
        # P&S: lambda' = 4 kappa obeys beta' = (n+8) lambda'^2/(8 pi^2); kappa = lambda/c
        kappa_beta = (n + 8) * (4 * LAM / c) ** 2 / (8 * sp.pi**2) / 4
        want = kappa_beta * c
        assert sp.simplify(_parsed(rec) - want) == 0, (rec.answer, p)


def test_wilson_fisher_wilson_kogut():
    """Wilson & Kogut (1974): 1/nu = 2 - (N+2)eps/(N+8), Delta_{phi^2} = 2 - 6 eps/(N+8), omega = eps,
    traceless symmetric Delta_T = 2 - (N+6)eps/(N+8), nu = 1/2 + (N+2)eps/(4(N+8))."""
    for rec, p in _records("rg.wilson_fisher_exponents", 18):
        n = NS if p["N"] == "N" else sp.Integer(p["N"])
        want = {"inv_nu": 2 - (n + 2) * EPS / (n + 8), "nu": sp.Rational(1, 2) + (n + 2) * EPS / (4 * (n + 8)),
                "gamma_m": (n + 2) * EPS / (n + 8), "delta_phi2": 2 - 6 * EPS / (n + 8),
                "delta_T": 2 - (n + 6) * EPS / (n + 8), "omega": EPS}[p["want"]]
        assert sp.simplify(_parsed(rec) - want) == 0, (rec.answer, p)


def test_one_loop_running_closed_form():
    """P&S (17.17): alpha_s(mu) = alpha_0/(1 + (b0 alpha_0/2 pi) ln(mu/mu0)); QED (P&S 7.96 / Srednicki 66):
    1/alpha(mu) = 1/alpha_0 - (2/3 pi) sum Q^2 ln(mu/mu0) (scalars 1/4 of that); phi^4 (Srednicki 28):
    lambda/4! -> 3 lambda^2/16 pi^2."""
    a0, l0, mu, mu0 = sp.symbols("alpha_0 lambda_0 mu mu_0", positive=True)
    lg = sp.log(mu / mu0)
    for rec, p in _records("rg.one_loop_running", 16):
        if p["theory"] == "qcd":
            b0 = sp.Rational(11, 3) * p["N"] - sp.Rational(2, 3) * p["n_f"]
            want = a0 / (1 + b0 * a0 / (2 * sp.pi) * lg)
        elif p["theory"] == "qed":
            s = sum(n * sp.Rational(q) ** 2 * (1 if k == "dirac" else sp.Rational(1, 4)) for k, q, n in p["content"])
            want = 1 / (1 / a0 - 2 * s / (3 * sp.pi) * lg)
        else:
            # beta for lambda with V = (lambda/c) phi^4: 3 (24/c) lambda^2 / (16 pi^2) ... from lambda' = 24 lambda/c
            k = 3 * sp.Rational(24, p["c"]) / (16 * sp.pi**2)
            want = l0 / (1 - k * l0 * lg)
        e = parse_answer(rec.answer, symbols=rec.symbols)
        e = e.subs({s: {"alpha_0": a0, "lambda_0": l0, "mu": mu, "mu_0": mu0}[s.name] for s in e.free_symbols})
        assert sp.simplify(e - want) == 0, (rec.answer, p)
