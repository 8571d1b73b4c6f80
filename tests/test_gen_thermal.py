"""Finite-temperature and vacuum-energy families against closed forms from the literature."""

from __future__ import annotations

import json

import sympy as sp

from qftdata.generators.api import generate_one
from qftdata.verify import parse_answer

T, LAM, G = sp.symbols("T lambda g", positive=True)
NS = sp.Symbol("N", positive=True, integer=True)
A, L = sp.symbols("a L", positive=True)


def _records(name, n, seed=8):
    for i in range(n):
        rec = generate_one(name, seed=seed, index=i)
        yield rec, json.loads(rec.metadata)["params"]


def _parsed(rec):
    e = parse_answer(rec.answer, symbols=rec.symbols)
    names = {"T": T, "lambda": LAM, "g": G, "N": NS, "a": A, "L": L}
    return e.subs({s: names.get(s.name, s) for s in e.free_symbols})


def test_ideal_gas_stefan_boltzmann():
    """Kapusta & Gale: P = (pi^2/90)(g_B + 7/8 g_F) T^4, eps = 3P, s = 4P/T, f = -P."""
    dof = {"photon": lambda n, N: (2, 0), "gluon": lambda n, N: (2 * (N * N - 1), 0),
           "quark": lambda n, N: (0, 4 * N * n), "dirac": lambda n, N: (0, 4 * n),
           "weyl": lambda n, N: (0, 2 * n), "rscalar": lambda n, N: (n, 0), "cscalar": lambda n, N: (2 * n, 0)}
    for rec, p in _records("thermal.ideal_gas_thermodynamics", 20):
        gb = sum(dof[k](n, p["N"])[0] for k, n in p["content"])
        gf = sum(dof[k](n, p["N"])[1] for k, n in p["content"])
        pressure = sp.pi**2 / 90 * (gb + sp.Rational(7, 8) * gf) * T**4
        want = {"P": pressure, "rho": 3 * pressure, "s": 4 * pressure / T, "f": -pressure}[p["want"]]
        assert sp.simplify(_parsed(rec) - want) == 0, (rec.answer, p)


def test_thermal_mass_dolan_jackiw():
    """m_T^2 = lambda T^2/24 for lambda/4! phi^4 (Dolan-Jackiw 1974); O(N) with kappa (phi^2)^2:
    (N+2) kappa T^2/3; each Dirac fermion with Yukawa g: g^2 T^2/6."""
    for rec, p in _records("thermal.scalar_thermal_mass", 16):
        if p["N"] is None:
            want = LAM * T**2 / 24
        else:
            n = NS if p["N"] == "N" else sp.Integer(p["N"])
            want = (n + 2) * (LAM / p["c"]) * T**2 / 3 + p["n_psi"] * G**2 * T**2 / 6
        assert sp.simplify(_parsed(rec) - want) == 0, (rec.answer, p)


def test_casimir_bordag_general_d():
    """Bordag et al. (2001): Dirichlet (and Neumann) plates E/A = -Gamma(D/2) zeta(D)/((4 pi)^{D/2} a^{D-1});
    EM field twice the D=4 scalar: -pi^2/(720 a^3) (Casimir 1948); Dirichlet-Neumann (Boyer, PRA 9 (1974) 2078):
    -(1 - 2^{1-D}) times the Dirichlet result with opposite sign, 7 pi^2/(11520 a^3) in D = 4; periodic: plates result with a -> L/2, times 2."""
    for rec, p in _records("thermal.casimir_energy", 30):
        D = p["D"]

        def plates(x, D=D):
            return -sp.gamma(sp.Rational(D, 2)) * sp.zeta(D) / ((4 * sp.pi) ** sp.Rational(D, 2) * x ** (D - 1))

        if p["bc"] == "periodic":
            energy, var = 2 * plates(L / 2), L
        elif p["bc"] == "mixed":  # Boyer (1974): Hurwitz zeta(s, 1/2) = (2^s - 1) zeta(s) -> repulsive
            energy, var = (sp.Integer(2) ** (1 - D) - 1) * plates(A), A
        else:
            energy, var = (2 if p["bc"] == "em" else 1) * plates(A), A
        want = energy if p["want"] == "energy" else -sp.diff(energy, var)
        assert sp.simplify(_parsed(rec) - want) == 0, (rec.answer, p)
    rec = generate_one("thermal.casimir_energy", seed=0, index=0, level="advanced-undergraduate")
    assert sp.simplify(_parsed(rec) + sp.pi**2 / (1440 * A**3)) == 0


def test_horizon_temperatures_literature():
    """Hawking (1975) 1/(8 pi G M); Unruh (1976) a/(2 pi); Gibbons-Hawking (1977) H/(2 pi); Tangherlini/Myers-Perry
    (D-3)/(4 pi r_h); BTZ (1992) r_+/(2 pi l^2) = sqrt(M)/(2 pi l); RN (Carroll ch. 6/9) (r_+ - r_-)/(4 pi r_+^2);
    Bekenstein-Hawking S = A/4G = 4 pi G M^2."""
    M, G, H, a, ell, rh = sp.symbols("M G H a ell r_h", positive=True)
    names = {"M": M, "G": G, "H": H, "a": a, "ell": ell, "r_h": rh}
    for rec, p in _records("thermal.horizon_temperature", 30):
        kind = p["kind"]
        if kind == "schwarzschild_entropy":
            want = 4 * sp.pi * G * M**2
        else:
            if kind == "rn":
                k = sp.Rational(p["k"])
                rp, rm = G * M * (1 + sp.sqrt(1 - k**2)), G * M * (1 - sp.sqrt(1 - k**2))
                t = (rp - rm) / (4 * sp.pi * rp**2)
            else:
                t = {"schwarzschild": 1 / (8 * sp.pi * G * M), "rindler": a / (2 * sp.pi), "desitter": H / (2 * sp.pi),
                     "tangherlini": (p["D"] - 3) / (4 * sp.pi * rh), "btz": sp.sqrt(M) / (2 * sp.pi * ell)}[kind]
            want = 1 / t if p["inverse"] else t
        e = parse_answer(rec.answer, symbols=rec.symbols)
        e = e.subs({s: names[s.name] for s in e.free_symbols})
        assert sp.simplify(e - want) == 0, (rec.answer, p)


def test_fermi_integrals_are_written_with_zeta():
    # int_0^oo x^2/(e^x+1) dx = (3/2) zeta(3) and int x^4/(e^x+1) = (45/2) zeta(5) (Gradshteyn & Ryzhik 3.411.3):
    # golds carry zeta only, never Dirichlet's eta, which graders rarely read
    from qftdata.generators.thermal._integrals import thermal_integral

    assert thermal_integral(2, "fermi") == sp.Rational(3, 2) * sp.zeta(3)
    assert thermal_integral(4, "fermi") == sp.Rational(45, 2) * sp.zeta(5)
    assert thermal_integral(3, "fermi") == 7 * sp.pi**4 / 120
