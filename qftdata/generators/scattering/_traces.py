r"""Spin-summed fermion-line traces for tree amplitudes (private helper of the multi-diagram scattering families).

* `line(*terms)`: a propagator or spin sum such as $\not p_1 + \not k + m$ as (word, coefficient) pairs;
* `trace(factors)`: $\mathrm{tr}$ of a product of such factors and contracted $\gamma^\mu\ldots\gamma_\mu$ (`dirac.word_trace`,
  the project's abstract Clifford algebra: index contraction, then the trace recursion), in dot-product symbols;
* `open_trace(factors)` + `contract(t1, t2)`: a trace with two *open* indices $T^{\mu\nu}$, found by slashing two auxiliary
  vectors $a$, $b$ into the open slots ($T^{\mu\nu}a_\mu b_\nu$ is bilinear in $a$, $b$: its $a\cdot b$ term is the
  $g^{\mu\nu}$ part, its $(a\cdot x)(b\cdot y)$ terms the $x^\mu y^\nu$ parts), and the contraction $T_1^{\mu\nu}T_{2\,\mu\nu}$
  of two such tensors: what a squared diagram with two fermion lines joined by a photon needs.
"""

from __future__ import annotations

import itertools

import sympy as sp

from qftdata.generators.dirac import Idx, Vec, dot_symbol, word_trace

__all__ = ["contract", "gamma", "line", "open_trace", "trace"]

A_AUX, B_AUX = "aux_a", "aux_b"


def line(*terms) -> list[tuple[tuple, sp.Expr]]:
    """A sum of slashed vectors and a mass term as (word, coefficient) pairs: line(("p", 1), ("k", -1), m)."""
    out = []
    for term in terms:
        if isinstance(term, tuple):
            out.append(((Vec(term[0]),), sp.Integer(term[1])))
        else:
            out.append(((), term))
    return out


def gamma(name: str) -> list[tuple[tuple, sp.Expr]]:
    r"""$\gamma^\mu$ with index `name` (two equal names in one trace are contracted)."""
    return [((Idx(name),), sp.Integer(1))]


def trace(factors: list[list[tuple[tuple, sp.Expr]]]) -> sp.Expr:
    r"""$\mathrm{tr}[\prod \text{factors}]$ in four dimensions, in `P_xy` = $p_x\cdot p_y$ symbols."""
    total = sp.Integer(0)
    for combo in itertools.product(*factors):
        word, coeff = (), sp.Integer(1)
        for w, c in combo:
            word += w
            coeff *= c
        if coeff != 0:
            total += coeff * word_trace(word, 4)
    return sp.expand(total)


def open_trace(factors: list[list[tuple[tuple, sp.Expr]]]) -> dict[tuple[str, str] | None, sp.Expr]:
    r"""$T^{\mu\nu}$ of a trace whose first open slot is `gamma("OPEN1")` and second `gamma("OPEN2")`, as
    {(x, y): coefficient of $x^\mu y^\nu$, None: coefficient of $g^{\mu\nu}$}."""
    slots = {"OPEN1": A_AUX, "OPEN2": B_AUX}
    swapped = [[((Vec(slots[w[0].name]),), c) if len(w) == 1 and isinstance(w[0], Idx) and w[0].name in slots else (w, c)
                for w, c in f] for f in factors]
    poly = trace(swapped)
    out: dict[tuple[str, str] | None, sp.Expr] = {}
    for term in sp.Add.make_args(poly):
        coeff, dots = sp.Integer(1), []
        for f in sp.Mul.make_args(term):
            if isinstance(f, sp.Symbol) and (A_AUX in f.name or B_AUX in f.name):
                dots.append(f)
            else:
                coeff *= f
        if dots == [dot_symbol(A_AUX, B_AUX)]:
            key = None
        elif len(dots) == 2:
            x = y = None
            for dsym in dots:
                a, b = dsym.name[2:].replace(A_AUX, "").replace(B_AUX, ""), dsym.name
                if A_AUX in b:
                    x = a
                else:
                    y = a
            key = (x, y)
        else:
            raise ValueError(f"open trace term {term} is not bilinear in the auxiliary vectors")
        out[key] = out.get(key, 0) + coeff
    return out


def contract(t1: dict, t2: dict) -> sp.Expr:
    r"""$T_1^{\mu\nu}T_{2\,\mu\nu}$ in four dimensions ($g^\mu{}_\mu = 4$)."""
    total = sp.Integer(0)
    for k1, c1 in t1.items():
        for k2, c2 in t2.items():
            if k1 is None and k2 is None:
                total += 4 * c1 * c2
            elif k1 is None:
                total += c1 * c2 * dot_symbol(*k2)
            elif k2 is None:
                total += c1 * c2 * dot_symbol(*k1)
            else:
                total += c1 * c2 * dot_symbol(k1[0], k2[0]) * dot_symbol(k1[1], k2[1])
    return sp.expand(total)
