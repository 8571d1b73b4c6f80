r"""Fermion zero modes in an SU(N) instanton background and the anomaly-free discrete remnant of a chiral
U(1): by the Atiyah–Singer index theorem a left-handed Weyl fermion in representation $R$ has $2T(R)\,k$ zero
modes in a charge-$k$ instanton ($T(\square) = 1/2$), so the 't Hooft vertex carries $\sum 2T(R)k$ fermion
legs and a $U(1)$ under which the fermions have charges $q_i$ is broken to $\mathbb Z_{|\sum_i 2T(R_i)q_i|}$.
Dynkin indices from `lie`; the instanton action is $S = 8\pi^2|k|/g^2$.

References: 't Hooft, PRD 14 (1976) 3432; Atiyah & Singer (1968); Vandoren & van Nieuwenhuizen,
"Lectures on instantons", arXiv:0802.1862, sec. 6 ($2T(R)k$ zero modes; $\mathcal N=1$ SYM: $U(1)_R\to\mathbb Z_{2N}$).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import GROUP, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.rg._matter import rep_name
from qftdata.generators.text import UNITS, conventions
from qftdata.schema import LEVELS

NAME = "topology.instanton_zero_modes"
G = sp.Symbol("g", positive=True)
REPS = ("fund", "antifund", "adj", "sym2", "asym2")


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 7


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    N = rng.randint(2 if li == 0 else 3, config.n_max)
    k = rng.randint(1, 3)
    if li == 0:
        want = pick(rng, ("action", "zero_modes"))
        fields = [("adj", 1, 1)]
    else:
        nf = rng.randint(1, 3)
        fields = sorted({(pick(rng, REPS), rng.randint(1, 4), rng.choice([1, 1, 2, -1, 3])) for _ in range(nf)})
        # charges without a common factor, so U(1)_X acts faithfully and Z_M is the group that acts on the fields
        common = math.gcd(*(q for _, _, q in fields))
        fields = [(r, m, q // common) for r, m, q in fields]
        want = "zero_modes" if li == 1 else pick(rng, ("zn", "zero_modes", "zn"))
    tvals = [lie.dynkin_index(lie.named_rep(r, sp.Integer(N))) for r, _, _ in fields]
    zero_modes = sum(2 * t * k * m for t, (_, m, _) in zip(tvals, fields, strict=True))
    anomaly = sum(2 * t * m * q for t, (_, m, q) in zip(tvals, fields, strict=True))
    if want == "zn" and anomaly == 0:
        want = "zero_modes"
    if want == "action":
        value = 8 * sp.pi**2 * k / G**2
    elif want == "zero_modes":
        value = zero_modes
    else:
        value = abs(anomaly)
    if li == 0:
        matter = f"a single left-handed Weyl fermion in the adjoint (the gaugino of $\\mathcal N = 1$ $SU({N})$ super-Yang–Mills)"
    else:
        matter = ", ".join(f"{m} left-handed Weyl fermion{'s' if m > 1 else ''} in the {rep_name(r)} with $U(1)_X$ charge ${q}$"
                           for r, m, q in fields)
    what = {"action": rf"the Euclidean action of a (anti-)self-dual configuration of topological charge $k = {k}$",
            "zero_modes": rf"the total number of fermion zero modes (of all Weyl fields together) in a background of "
                          rf"topological charge $k = {k}$",
            "zn": r"the integer $M$ such that the classical $U(1)_X$ is broken by instantons to the discrete "
                  r"subgroup $\mathbb Z_M$ (i.e. $|\Delta X|$ of the 't Hooft vertex in a $k = 1$ background)"}[want]
    problem = (conventions(UNITS, GROUP, r"Euclidean signature; the gauge action is "
                           r"$S = \frac{1}{2g^2}\int d^4x\,\mathrm{Tr}\,F_{\mu\nu}F_{\mu\nu}$ in the normalisation where "
                           r"a charge-$k$ instanton has $\frac{1}{16\pi^2}\int\mathrm{Tr}\,F\tilde F = k$. Gauge anomalies "
                           r"are assumed cancelled by spectator fields not charged under $U(1)_X$, with no zero modes "
                           r"counted for them.")
               + f"\n\nConsider $SU({N})$ gauge theory (coupling $g$) with {matter}. Compute {what}. "
               + ("Give it in terms of $g$, as a single expression in `\\boxed{}`." if want == "action"
                  else "Give the integer in `\\boxed{}`."))
    steps = [r"Bogomolny bound: $\mathrm{Tr}(F\mp\tilde F)^2 \ge 0$ gives $S \ge \frac{1}{2g^2}\int\mathrm{Tr}F\tilde F = "
             r"\frac{8\pi^2|k|}{g^2}$, saturated by (anti-)self-dual fields."]
    if want != "action":
        tl = "; ".join(rf"$T(\text{{{rep_name(r)}}}) = {tex(t)}$" for t, (r, _, _) in zip(tvals, fields, strict=True))
        steps += [r"Index theorem: $n_L - n_R = 2T(R)\,k$ for a Weyl fermion in $R$ (a fundamental has $k$ zero "
                  r"modes, an adjoint $2Nk$).", f"Dynkin indices: {tl}.",
                  rf"Total zero modes: $\sum 2T(R)\,k\times(\text{{copies}}) = {zero_modes}$."]
        if want == "zn":
            steps.append(rf"Under $U(1)_X$ the 't Hooft vertex ($k = 1$) carries charge $\sum 2T(R)\,q\times$(copies) "
                         rf"$= {anomaly}$, so only rotations by $2\pi/{abs(anomaly)}$ survive: "
                         rf"$\mathbb Z_{{{abs(anomaly)}}}$.")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"N": N, "k": k, "fields": [list(f) for f in fields], "want": want},
                 symbols=["g"] if want == "action" else [])


register(Family(name=NAME, category="Nonperturbative and Topological Physics", levels=LEVELS,
                description="Instanton action, fermion zero modes by the index theorem, Z_M remnant of anomalous U(1).",
                generate=generate, config=Config(), version=2,  # 2: coprime U(1)_X charges
                reference="'t Hooft PRD 14 (1976) 3432; Vandoren & van Nieuwenhuizen arXiv:0802.1862"))
