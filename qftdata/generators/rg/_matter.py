"""Random SU(N) matter content, described in words and with Dynkin indices computed by `lie`."""

from __future__ import annotations

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.loops._common import pick

# field kind -> (description, b0 weight per copy, per T(R)) following CONVENTIONS.md
KINDS = {
    "dirac": ("Dirac fermions", sp.Rational(4, 3)),
    "weyl": ("left-handed Weyl fermions", sp.Rational(2, 3)),
    "cscalar": ("complex scalars", sp.Rational(1, 3)),
    "rscalar": ("real scalars", sp.Rational(1, 6)),
}
REAL_OK = ("adj",)  # a real scalar needs a real representation
REPS = ("fund", "adj", "sym2", "asym2")


def rep_name(key: str) -> str:
    return lie.REP_NAMES[key][0]


def random_matter(rng, n_items: int, kinds=tuple(KINDS), reps=REPS, max_copies: int = 4):
    """A list of (kind, rep, copies) with distinct (kind, rep)."""
    out, seen = [], set()
    while len(out) < n_items:
        kind = pick(rng, kinds)
        # real scalars need a real rep; Weyl fermions only in the (anomaly-free, real) adjoint
        rep = pick(rng, REAL_OK if kind in ("rscalar", "weyl") else reps)
        if (kind, rep) in seen:
            continue
        seen.add((kind, rep))
        out.append((kind, rep, rng.randint(1, max_copies)))
    return out


def describe(matter) -> str:
    parts = [f"{c} {KINDS[k][0] if c > 1 else KINDS[k][0][:-1]} in the {rep_name(r)} representation"
             for k, r, c in matter]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def b0(N, matter) -> tuple[sp.Expr, list[str]]:
    """b0 = 11/3 C_A - sum weight * copies * T(R), with T(R) and C_A computed; also the step lines."""
    ca = lie.casimir(lie.adjoint(N))
    total = sp.Rational(11, 3) * ca
    lines = [rf"$C_2(G) = {sp.latex(ca)}$ gives the gauge contribution $\tfrac{{11}}{{3}}C_2(G) = {sp.latex(sp.Rational(11, 3) * ca)}$."]
    for kind, rep, copies in matter:
        t = lie.dynkin_index(lie.named_rep(rep, N))
        w = KINDS[kind][1]
        total -= w * copies * t
        lines.append(rf"{copies} {KINDS[kind][0]} in the {rep_name(rep)} ($T(R) = {sp.latex(t)}$): "
                     rf"$-{sp.latex(w)}\times {copies}\times {sp.latex(t)} = {sp.latex(sp.factor(-w * copies * t))}$.")
    return sp.factor(total), lines
