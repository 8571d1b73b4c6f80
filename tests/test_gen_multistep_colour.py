"""groups.qcd_colour_factors and its Fierz reducer (issue 20 N2) against explicit generator matrices and the literature.

- Colour sums: the closed forms of Peskin & Schroeder sec. 16.6-17.4 ((N^2-1)/4, -(N^2-1)/4N, N C_F^2, N(N^2-1)/2,
  N^2(N^2-1), N^2(N^2-1)/2) and explicit SU(2..4) matrices (numpy, f^{abc} = -2i tr(T^a[T^b, T^c])).
- Averaged |M|^2: Ellis, Stirling & Webber, QCD and Collider Physics, Table 7.1 (N = 3); for other N and for
  quarks in the two-index or adjoint representation, colour sums from explicit representation matrices times the
  massless QED spin sums of P&S problem 5.2 (8(s^2+u^2)/t^2, ... and the interference -8u^2/(st), -8s^2/(tu)).
"""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
import sympy as sp

from qftdata.generators.api import generate_one
from qftdata.generators.groups._colour import N, colour_sum
from qftdata.generators.lie import su_fundamental_generators
from qftdata.verify import parse_answer


def _fund(n: int) -> list[np.ndarray]:
    return [np.array(sp.N(g).tolist(), dtype=complex) for g in su_fundamental_generators(n)]


def _structure_constants(gens: list[np.ndarray]) -> np.ndarray:
    g = np.array(gens)
    abc = np.einsum("aij,bjk,cki->abc", g, g, g)
    return (-2j * (abc - abc.transpose(0, 2, 1))).real


def _rep_generators(rep: str, n: int) -> list[np.ndarray]:
    """Explicit generators of the two-index (anti)symmetric (T x 1 + 1 x T on the (anti)symmetric subspace) or adjoint
    ((T^a)_{bc} = -i f^{abc}) representation."""
    gens = _fund(n)
    if rep == "fund":
        return gens
    if rep == "adj":
        f = _structure_constants(gens)
        return [-1j * f[a] for a in range(len(gens))]
    sign = 1 if rep == "sym2" else -1
    basis = []
    for i in range(n):
        for j in range(i if sign == 1 else i + 1, n):
            v = np.zeros(n * n)
            v[i * n + j] += 1
            v[j * n + i] += sign
            basis.append(v / np.linalg.norm(v))
    p = np.array(basis)
    one = np.eye(n)
    return [p @ (np.kron(g, one) + np.kron(one, g)) @ p.T for g in gens]


@pytest.mark.parametrize("n", [2, 3, 4])
def test_fierz_reducer_against_explicit_matrices(n):
    g = _fund(n)
    k = len(g)
    structures = {(("a", "b", "a", "b"),): lambda: sum(np.trace(g[a] @ g[b] @ g[a] @ g[b]) for a in range(k) for b in range(k)),
                  (("a", "b", "c"), ("c", "b", "a")): lambda: sum(np.trace(g[a] @ g[b] @ g[c]) * np.trace(g[c] @ g[b] @ g[a])
                                                                  for a, b, c in itertools.product(range(k), repeat=3)),
                  (("a", "b", "c", "a", "b", "c"),): lambda: sum(np.trace(g[a] @ g[b] @ g[c] @ g[a] @ g[b] @ g[c])
                                                                 for a, b, c in itertools.product(range(k), repeat=3))}
    for traces, explicit in structures.items():
        assert complex(colour_sum({traces: 1}).subs(N, n)) == pytest.approx(complex(explicit()), abs=1e-9)


CLOSED = {"qqprime": (N**2 - 1) / 4, "qq_interference": -(N**2 - 1) / (4 * N), "qqbar_gg_tt": (N**2 - 1) ** 2 / (4 * N),
          "qqbar_gg_tu": -(N**2 - 1) / (4 * N), "qqbar_gg_ss": N * (N**2 - 1) / 2, "gg_gg_ss": N**2 * (N**2 - 1),
          "gg_gg_st": N**2 * (N**2 - 1) / 2}
INITIAL = {"gg_gg_ss": (N**2 - 1) ** 2, "gg_gg_st": (N**2 - 1) ** 2}


def _records(level, n=10, seed=2):
    out = []
    for i in range(n):
        rec = generate_one("groups.qcd_colour_factors", seed=seed, index=i, level=level)
        out.append((rec, json.loads(rec.metadata)["params"]))
    return out


def test_graduate_colour_sums_match_closed_forms():
    for rec, p in _records("graduate", 14):
        want = CLOSED[p["key"]] / (INITIAL.get(p["key"], N**2) if p["averaged"] else 1)
        assert parse_answer(rec.answer, symbols=()) == want.subs(N, p["N"]), (rec.answer, p)


def _spin_sums(process: str, c: float) -> tuple[float, float, float]:
    """Massless QED spin sums (P&S problem 5.2) per diagram pair, s = 1: Møller-like (t, u) or Bhabha-like (s, t)."""
    s, t, u = 1.0, -(1 - c) / 2, -(1 + c) / 2
    if process in ("qqprime", "qq"):
        return 8 * (s * s + u * u) / t**2, 8 * (s * s + t * t) / u**2, -8 * s * s / (t * u)
    return 8 * (t * t + u * u) / s**2, 8 * (s * s + u * u) / t**2, -8 * u * u / (s * t)


ESW = {  # Ellis, Stirling & Webber Table 7.1, |M|^2/g^4 averaged, N = 3
    "qqprime": lambda s, t, u: 4 / 9 * (s * s + u * u) / t**2,
    "qq": lambda s, t, u: 4 / 9 * ((s * s + u * u) / t**2 + (s * s + t * t) / u**2) - 8 / 27 * s * s / (u * t),
    "qqbar_other": lambda s, t, u: 4 / 9 * (t * t + u * u) / s**2,
    "qqbar_same": lambda s, t, u: 4 / 9 * ((s * s + u * u) / t**2 + (u * u + t * t) / s**2) - 8 / 27 * u * u / (s * t),
}


@pytest.mark.parametrize("level", ["advanced-graduate", "postgraduate"])
def test_averaged_msq_matches_esw_and_explicit_representations(level):
    small = [(rec, p) for rec, p in _records(level, 40) if p["N"] <= 5][:8]   # explicit matrices stay cheap for N <= 5
    assert len(small) >= 4
    for rec, p in small:
        c, n = float(sp.Rational(p["c"])), p["N"]
        got = float(parse_answer(rec.answer, symbols=("g_s",)).subs(sp.Symbol("g_s", positive=True), 1))
        if p["rep"] == "fund" and n == 3:
            want = ESW[p["process"]](1.0, -(1 - c) / 2, -(1 + c) / 2)
        else:
            gens = _rep_generators(p["rep"], n)
            dim = gens[0].shape[0]
            g = np.array(gens)
            square = float(np.sum(np.abs(np.einsum("aij,bji->ab", g, g)) ** 2))
            mixed = float(np.einsum("aij,bjk,akl,bli->", g, g, g, g).real)
            k11, k22, k12 = _spin_sums(p["process"], c)
            use = {"qqprime": (True, False), "qq": (True, True), "qqbar_other": (True, False), "qqbar_same": (True, True)}[p["process"]]
            want = (square * (k11 if use[0] else 0) + square * (k22 if use[1] else 0)
                    - (2 * mixed * k12 if all(use) else 0)) / (4 * dim**2)
        assert got == pytest.approx(want, rel=1e-9), (rec.answer, p)
