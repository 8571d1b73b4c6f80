r"""One-loop gauge beta function of supersymmetric SU(N) gauge theories, assembled from the component
fields of each supermultiplet (gauge boson + Weyl gaugino, chiral multiplet = Weyl fermion + complex scalar,
N=2 hypermultiplet = two chiral multiplets in R and R-bar, N=2 vector = N=1 vector + adjoint chiral).

$b_0 = 3\,C_2(G) - \sum_{\rm chiral} T(R)$ for N=1; $b_0 = 2C_2(G) - 2\sum_{\rm hypers}T(R)$ for N=2;
N=4 has $b_0 = 0$. Indices from `lie`. References: Novikov, Shifman, Vainshtein & Zakharov, NPB 229 (1983) 381;
Seiberg, NPB 435 (1995) 129 (SQCD $b_0 = 3N - N_f$); Terning, *Modern Supersymmetry* ch. 8.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import B0_CONV, BETA, GROUP, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.rg._matter import rep_name
from qftdata.generators.text import UNITS, conventions
from qftdata.schema import LEVELS

NAME = "anomalies.susy_gauge_beta"
NSYM = sp.Symbol("N", positive=True, integer=True)
NF = sp.Symbol("N_f", positive=True, integer=True)
REPS = ("fund", "adj", "sym2", "asym2")


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 8


def _component_b0(N, chirals, hypers, extended: int):
    """b0 from component fields: (11/3 - 2/3) C_A for vector + gaugino, 2/3 T + 1/3 T per chiral multiplet."""
    ca = lie.casimir(lie.adjoint(N))
    total = sp.Rational(11, 3) * ca - sp.Rational(2, 3) * ca  # gauge bosons + one adjoint Weyl gaugino
    lines = [rf"Vector multiplet: gauge bosons $\tfrac{{11}}{{3}}C_A$ and a Weyl gaugino $-\tfrac23 C_A$, i.e. "
             rf"$3C_A = {tex(3 * ca)}$."]
    chiral_list = list(chirals)
    if extended >= 2:
        chiral_list.append(("adj", 1 if extended == 2 else 3))  # N=2: one adjoint chiral; N=4: three
    for rep, copies in hypers:
        chiral_list.append((rep, copies))
        chiral_list.append((rep + "_bar", copies))
    for rep, copies in chiral_list:
        t = lie.dynkin_index(lie.named_rep(rep.replace("_bar", ""), N))
        contrib = -(sp.Rational(2, 3) + sp.Rational(1, 3)) * t * copies
        total += contrib
        lines.append(rf"{copies} chiral multiplet(s) in the {rep_name(rep.replace('_bar', ''))}"
                     rf"{' (conjugate)' if rep.endswith('_bar') else ''}: Weyl fermion $-\tfrac23T$ plus complex scalar "
                     rf"$-\tfrac13T$ with $T = {tex(t)}$: ${tex(sp.factor(contrib))}$.")
    return sp.factor(total), lines


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    extended = 1 if li < 2 else pick(rng, (1, 1, 2, 4))
    symbolic = li in (0, 2) or rng.random() < 0.3
    n_val = rng.randint(3, config.n_max)
    N = NSYM if symbolic else sp.Integer(n_val)
    chirals, hypers = [], []
    params = {"extended": extended, "N": "N" if symbolic else n_val}
    if li == 0:
        # SQCD: N_f flavours Q + Q~
        ca = lie.casimir(lie.adjoint(N))
        tf = lie.dynkin_index(lie.fundamental(N))
        value = sp.expand(3 * ca - 2 * tf * NF)
        steps = [rf"Vector multiplet: $\tfrac{{11}}{{3}}C_A - \tfrac23 C_A = 3C_A$ with $C_A = {tex(ca)}$.",
                 rf"Each flavour is a chiral multiplet in the fundamental plus one in the antifundamental; each chiral "
                 rf"multiplet gives $-(\tfrac23 + \tfrac13)T = -{tex(tf)}$.",
                 rf"So $b_0 = {tex(value)}$."]
        matter = r"$N_f$ flavours of quark chiral superfields $Q$ (fundamental) and $\tilde Q$ (antifundamental)"
        syms = ["N", "N_f"]
    else:
        if extended == 4:
            matter = "no further matter: the theory is $\\mathcal N = 4$ super-Yang–Mills (in $\\mathcal N=1$ language, " \
                     "three adjoint chiral multiplets)"
        elif extended == 2:
            hypers = [(r, rng.randint(1, 3)) for r in sorted({pick(rng, REPS) for _ in range(rng.randint(1, 2))})]
            matter = ", ".join(f"{c} hypermultiplet{'s' if c > 1 else ''} in the {rep_name(r)} representation"
                               for r, c in hypers)
        else:
            picked = sorted({pick(rng, REPS) for _ in range(rng.randint(1, 3))})
            # anomaly-free N=1 matter: adjoint chirals, other reps in vector-like pairs R + R-bar
            chirals = [(r, rng.randint(1, 3)) for r in picked if r == "adj"]
            hypers = [(r, rng.randint(1, 4)) for r in picked if r != "adj"]
            parts = [f"{c} adjoint chiral multiplet{'s' if c > 1 else ''}" for r, c in chirals]
            parts += [f"{c} vector-like pair{'s' if c > 1 else ''} of chiral multiplets in the {rep_name(r)} "
                      "representation and its conjugate" for r, c in hypers]
            matter = " and ".join(parts)
        params.update({"chirals": chirals, "hypers": hypers})
        value, steps = _component_b0(N, chirals, hypers, extended)
        steps.append(rf"Summing: $b_0 = {tex(value)}$.")
        syms = ["N"] if symbolic else []
    group = "SU(N)" if symbolic else f"SU({n_val})"
    susy = {1: r"$\mathcal N = 1$", 2: r"$\mathcal N = 2$", 4: r"$\mathcal N = 4$"}[extended]
    problem = (conventions(UNITS, BETA, B0_CONV, GROUP, "Use the one-loop result of a non-supersymmetric gauge theory "
                           "applied to the component fields (massless, in four dimensions).")
               + f"\n\nConsider {susy} supersymmetric ${group}$ gauge theory" + (r" ($N\ge 3$)" if symbolic else "")
               + f" with {matter}. Compute the one-loop coefficient $b_0$. "
               + (f"Give it in terms of {' and '.join('$'+s+'$' for s in syms)}, as a single expression in `\\boxed{{}}`."
                  if syms else "Give it as a single exact value in `\\boxed{}`."))
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params=params, symbols=syms)


register(Family(name=NAME, category="Anomalies and Supersymmetry", levels=LEVELS,
                description="One-loop b0 of N=1/2/4 SUSY SU(N) gauge theories from component fields.",
                generate=generate, config=Config(), version=1,
                reference="Novikov-Shifman-Vainshtein-Zakharov NPB 229 (1983) 381; Seiberg NPB 435 (1995) 129"))
