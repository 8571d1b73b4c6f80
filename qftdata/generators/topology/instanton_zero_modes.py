r"""Fermion zero modes in an SU(N) instanton background and the anomaly-free discrete remnant of a chiral
U(1): by the Atiyah–Singer index theorem a left-handed Weyl fermion in representation $R$ has $2T(R)\,k$ zero
modes in a charge-$k$ instanton ($T(\square) = 1/2$), so the 't Hooft vertex carries $\sum 2T(R)k$ fermion
legs and a $U(1)$ under which the fermions have charges $q_i$ is broken to $\mathbb Z_{|\sum_i 2T(R_i)q_i|}$.
Dynkin indices from `lie`; the instanton action is $S = 8\pi^2|k|/g^2$.

References: 't Hooft, PRD 14 (1976) 3432; Atiyah & Singer (1968); Vandoren & van Nieuwenhuizen,
"Lectures on instantons", arXiv:0802.1862, sec. 6 ($2T(R)k$ zero modes; $\mathcal N=1$ SYM: $U(1)_R\to\mathbb Z_{2N}$);
Atiyah, Hitchin, Drinfeld & Manin (1978) ($4Nk$ moduli); Seiberg, PRD 49 (1994) 6857 (anomaly-free $R = 1 - N/N_f$).
Levels (rubric): advanced-undergraduate — pure SU(N): action, gaugino zero modes, moduli-space dimension; graduate — zero
modes of several Weyl fermions; advanced-graduate — the discrete remnant $\mathbb Z_M$ of an anomalous $U(1)$;
postgraduate — the anomaly-free R-charge of $\mathcal N = 1$ SQCD-like theories. The knob grows $N$ and $k$.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import GROUP, band_position, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.rg._matter import rep_name
from qftdata.generators.text import UNITS, conventions
from qftdata.schema import LEVELS

NAME = "topology.instanton_zero_modes"
G = sp.Symbol("g", positive=True)
REPS = ("fund", "antifund", "adj", "sym2", "asym2")


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 10


def _r_symmetry(rng, d: float, u: float, config: Config) -> Draft:
    """The anomaly-free R-symmetry of an N = 1 SU(N) gauge theory: gauginos have R = 1, the fermion of a chiral
    superfield of R-charge r has r - 1; the instanton ('t Hooft vertex) carries sum 2T(R)(R-charge) of the zero
    modes, which must vanish. Solved with sympy for the unknown R-charge."""
    extra = pick(rng, ("none", "adj", "sym2"))
    N = rng.randint(3 if extra == "sym2" else 2, 3 + round(u * (config.n_max - 3)))
    F = rng.randint(1, 2 * N + round(2 * u * N))
    r = sp.Symbol("r")
    t_f = lie.dynkin_index(lie.named_rep("fund", sp.Integer(N)))
    t_adj = lie.dynkin_index(lie.named_rep("adj", sp.Integer(N)))
    anomaly = t_adj * 1 + 2 * F * t_f * (r - 1)  # gauginos, F fundamental + F antifundamental chiral superfields
    matter = f"$N_f = {F}$ flavours of chiral superfields $Q$, $\\tilde Q$ in the fundamental and antifundamental"
    params = {"N": N, "F": F, "extra": extra}
    lines = [rf"Gauginos: $2T(\text{{adj}})\times 1 = {tex(2 * t_adj)}$ zero modes of R-charge 1 per instanton.",
             rf"Quark fermions: $2\times{F}$ chiral fields with $2T(\square) = {tex(2 * t_f)}$ zero modes each, of R-charge "
             r"$r - 1$."]
    if extra != "none":
        r_x = pick(rng, (sp.Rational(1, 3), sp.Rational(1, 2), sp.Rational(2, 3), sp.Rational(1, 4), sp.Rational(3, 4),
                         sp.Integer(0), sp.Rational(2, 5)))
        n_x = rng.randint(1, 2)
        t_x = lie.dynkin_index(lie.named_rep(extra, sp.Integer(N)))
        # a complex representation comes with its conjugate (no gauge anomaly): twice the fields
        fields = n_x * (1 if extra == "adj" else 2)
        anomaly += fields * t_x * (r_x - 1)
        word = ("adjoint" if extra == "adj" else f"{rep_name(extra)} (each with a partner in the conjugate "
                "representation, with the same R-charge)")
        matter += f", and {n_x} chiral superfield{'s' if n_x > 1 else ''} in the {word} with R-charge ${tex(r_x)}$"
        lines.append(rf"{fields} chiral field{'s' if fields > 1 else ''} in the {'adjoint' if extra == 'adj' else rep_name(extra)} "
                     rf"(and conjugate): $2T = {tex(2 * t_x)}$ zero modes each of R-charge ${tex(r_x - 1)}$.")
        params.update({"r_x": str(r_x), "n_x": n_x})
    (value,) = sp.solve(sp.Eq(anomaly, 0), r)
    lines.append(rf"The 't Hooft vertex must be neutral: $\sum 2T(R)\,q_R = 0$ gives $r = {tex(value)}$.")
    problem = (conventions(UNITS, GROUP, r"An $\mathcal N = 1$ supersymmetric $U(1)_R$ assigns the gaugino R-charge $+1$ "
                           r"and the fermion of a chiral superfield of R-charge $q$ the charge $q - 1$; a Weyl fermion in "
                           r"representation $R$ has $2T(R)$ zero modes in a unit instanton.")
               + f"\n\nConsider $\\mathcal N = 1$ supersymmetric $SU({N})$ gauge theory with {matter}. Assuming $Q$ and "
               r"$\tilde Q$ carry the same R-charge $r$, find the value of $r$ for which $U(1)_R$ is free of the "
               r"$U(1)_R\,SU(N)^2$ anomaly (no instanton violation). Give it as a single exact value in `\boxed{}`.")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(lines) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params=params | {"want": "r_charge"}, answer_type="numeric", difficulty=d)


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    if level == "postgraduate":
        return _r_symmetry(rng, d, u, config)
    # advanced-undergraduate: pure SU(N) (action, gaugino zero modes, moduli-space dimension); graduate: zero modes of
    # several Weyl fermions; advanced-graduate: the discrete remnant Z_M of an anomalous U(1)
    N = rng.randint(2 if level == "advanced-undergraduate" else 3, 3 + round(u * (config.n_max - 3)))
    k = rng.randint(1, 2 + round(2 * u))
    if level == "advanced-undergraduate":
        want = pick(rng, ("action", "zero_modes", "moduli"))
        fields = [("adj", 1, 1)]
    else:
        while True:
            nf = rng.randint(1, 2 + round(u))
            fields = sorted({(pick(rng, REPS), rng.randint(1, 4), rng.choice([1, 1, 2, -1, 3])) for _ in range(nf)})
            # charges without a common factor, so U(1)_X acts faithfully and Z_M is the group that acts on the fields
            common = math.gcd(*(q for _, _, q in fields))
            fields = [(r, m, q // common) for r, m, q in fields]
            tvals = [lie.dynkin_index(lie.named_rep(r, sp.Integer(N))) for r, _, _ in fields]
            anomaly = sum(2 * t * m * q for t, (_, m, q) in zip(tvals, fields, strict=True))
            if level == "graduate" or abs(anomaly) > 1:  # Z_0 / Z_1: no (or no discrete) remnant to ask about
                break
        want = "zero_modes" if level == "graduate" else "zn"
    tvals = [lie.dynkin_index(lie.named_rep(r, sp.Integer(N))) for r, _, _ in fields]
    zero_modes = sum(2 * t * k * m for t, (_, m, _) in zip(tvals, fields, strict=True))
    anomaly = sum(2 * t * m * q for t, (_, m, q) in zip(tvals, fields, strict=True))
    if want == "action":
        value = 8 * sp.pi**2 * k / G**2
    elif want == "zero_modes":
        value = zero_modes
    elif want == "moduli":
        value = sp.Integer(4 * N * k)
    else:
        value = abs(anomaly)
    if level == "advanced-undergraduate":
        matter = f"a single left-handed Weyl fermion in the adjoint (the gaugino of $\\mathcal N = 1$ $SU({N})$ super-Yang–Mills)"
    else:
        matter = ", ".join(f"{m} left-handed Weyl fermion{'s' if m > 1 else ''} in the {rep_name(r)} with $U(1)_X$ charge ${q}$"
                           for r, m, q in fields)
    what = {"action": rf"the Euclidean action of a (anti-)self-dual configuration of topological charge $k = {k}$",
            "zero_modes": rf"the total number of fermion zero modes (of all Weyl fields together) in a background of "
                          rf"topological charge $k = {k}$",
            "moduli": rf"the dimension of the moduli space of $SU({N})$ instantons of charge $k = {k}$ (the number of "
                      r"bosonic zero modes, counted as real collective coordinates)",
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
    if want == "moduli":
        steps.append(r"The ADHM construction (or the index theorem for the adjoint-valued deformation operator) gives "
                     rf"$4Nk$ real moduli for $SU(N)$, $k \ge 1$ (for $N \ge 2$): $4\cdot{N}\cdot{k} = {4 * N * k}$ (position, "
                     r"size and gauge orientation for $k = 1$).")
    elif want != "action":
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
                 symbols=["g"] if want == "action" else [], difficulty=d)


register(Family(name=NAME, category="Nonperturbative and Topological Physics", levels=LEVELS,
                description="Instanton action, fermion zero modes by the index theorem, Z_M remnant of anomalous U(1).",
                generate=generate, config=Config(),
                version=3,  # 3: knob; one question per level; moduli-space dimension; anomaly-free R-charges
                reference="'t Hooft PRD 14 (1976) 3432; Vandoren & van Nieuwenhuizen arXiv:0802.1862"))
