r"""One-loop beta-function coefficient $b_0$ of an SU(N) gauge theory with random matter, and the
largest number of flavours that keeps asymptotic freedom. Dynkin indices come from `lie` (characters).

$b_0 = \tfrac{11}{3}C_2(G) - \tfrac43\sum_{\rm Dirac}T(R) - \tfrac23\sum_{\rm Weyl}T(R)
 - \tfrac13\sum_{\rm complex\ scalars}T(R) - \tfrac16\sum_{\rm real\ scalars}T(R)$.
Levels (rubric): advanced-undergraduate — fundamentals only (numbers, or symbolic $n_f$); graduate — several
numeric fields in the fundamental and adjoint; advanced-graduate — general representations with symbolic $N$;
postgraduate — the asymptotic-freedom bound on $n_f$ next to other matter. The knob grows $N$ and the matter.
Reference: Peskin & Schroeder (16.135); Gross & Wilczek, PRL 30 (1973) 1343; Politzer, PRL 30 (1973) 1346.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import B0_CONV, BETA, GROUP, band_position, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.rg._matter import REPS, b0, describe, random_matter, rep_name
from qftdata.generators.text import UNITS, conventions
from qftdata.schema import LEVELS

NAME = "rg.gauge_beta_b0"
NSYM = sp.Symbol("N", positive=True, integer=True)
NF = sp.Symbol("n_f", positive=True, integer=True)


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_min: int = 2
    n_max: int = 10

    def validate(self) -> None:
        if self.n_min < 2 or self.n_max < self.n_min:
            raise ValueError("need 2 <= n_min <= n_max")


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    conv = conventions(UNITS, BETA, B0_CONV, GROUP)
    # levels (rubric): fundamentals only (numbers, or symbolic n_f) / several numeric fields / general
    # representations with symbolic N / the asymptotic-freedom bound with extra matter
    mode = {"advanced-undergraduate": pick(rng, ("b0_fund", "b0_fund", "b0_nf")), "graduate": "b0_numeric",
            "advanced-graduate": "b0_symbolicN", "postgraduate": "nf_max"}[level]
    n_top = config.n_min + 1 + round(u * (config.n_max - config.n_min - 1))
    n_val = rng.randint(config.n_min if mode in ("b0_nf", "b0_fund") else max(3, config.n_min), n_top)
    N = NSYM if mode == "b0_symbolicN" else sp.Integer(n_val)
    params = {"mode": mode, "N": "N" if mode == "b0_symbolicN" else n_val}
    symbols: list[str] = []
    if mode == "b0_nf":
        ca = lie.casimir(lie.adjoint(N))
        tf = lie.dynkin_index(lie.fundamental(N))
        value = sp.expand(sp.Rational(11, 3) * ca - sp.Rational(4, 3) * tf * NF)
        body = (f"Consider $SU({n_val})$ gauge theory with $n_f$ Dirac fermions in the fundamental representation "
                "and no other matter. Compute the one-loop coefficient $b_0$. Give it in terms of $n_f$, as a "
                "single expression in `\\boxed{}`.")
        steps = [rf"$C_2(G) = {tex(ca)}$ and $T(\square) = {tex(tf)}$.",
                 r"Each Dirac fermion contributes $-\tfrac43 T(R)$, so "
                 rf"$b_0 = \tfrac{{11}}{{3}}\cdot {tex(ca)} - \tfrac43\cdot{tex(tf)}\,n_f$."]
        symbols = ["n_f"]
    elif mode == "b0_fund":
        matter = [("dirac", "fund", rng.randint(1, 6 + round(12 * u)))]
        if rng.random() < 0.6:
            matter.append(("cscalar", "fund", rng.randint(1, 2 + round(4 * u))))
        params["matter"] = [list(m) for m in matter]
        value, steps = b0(N, matter)
        body = (f"Consider $SU({n_val})$ gauge theory coupled to {describe(matter)}. Compute the one-loop coefficient "
                "$b_0$. Give it as a single exact value in `\\boxed{}`.")
        steps.append(rf"Summing: $b_0 = {tex(value)}$.")
    elif mode == "nf_max":
        while True:  # bounds of -1, 0, 1 (the easy guesses) are kept rarely
            extra = random_matter(rng, rng.randint(1, 2 + (u > 0.5)), kinds=("cscalar", "rscalar", "weyl", "dirac"),
                                  max_copies=2 + round(2 * u))
            flav_rep = pick(rng, ("fund", "fund", "adj", "sym2", "asym2"))
            tf = lie.dynkin_index(lie.named_rep(flav_rep, N))
            base, lines = b0(N, extra)
            nmax = max(sp.ceiling(base / (sp.Rational(4, 3) * tf)) - 1, sp.Integer(-1))
            if nmax > 1 or rng.random() < 0.15:
                break
        params.update({"extra": [list(m) for m in extra], "flavour_rep": flav_rep})
        body = (f"Consider $SU({n_val})$ gauge theory with $n_f$ Dirac fermions in the {rep_name(flav_rep)} "
                f"representation in addition to {describe(extra)}. What is the largest integer $n_f \\ge 0$ for which "
                "the theory is asymptotically free at one loop ($b_0 > 0$)? If no $n_f \\ge 0$ works, answer $-1$. "
                "Give the integer in `\\boxed{}`.")
        steps = lines + [rf"Without the $n_f$ flavours $b_0 = {tex(base)}$; each flavour subtracts "
                         rf"$\tfrac43 T(R) = {tex(sp.Rational(4, 3) * tf)}$.",
                         rf"$b_0 > 0 \iff n_f < {tex(sp.simplify(base / (sp.Rational(4, 3) * tf)))}$, so the largest "
                         rf"integer is ${nmax}$."]
        value = nmax
    else:
        reps = ("fund", "adj") if mode == "b0_numeric" else REPS
        while True:  # numeric problems with fundamentals only are the advanced-undergraduate ones
            matter = random_matter(rng, rng.randint(1, 2 + (u > 0.4) + (u > 0.8)), reps=reps,
                                   max_copies=2 + round(3 * u))
            if mode == "b0_symbolicN" or any(rep != "fund" for _, rep, _ in matter):
                break
        params["matter"] = [list(m) for m in matter]
        value, steps = b0(N, matter)
        group = "SU(N)" if mode == "b0_symbolicN" else f"SU({n_val})"
        body = (f"Consider ${group}$ gauge theory" + (r" ($N \ge 3$)" if mode == "b0_symbolicN" else "")
                + f" coupled to {describe(matter)}. Compute the one-loop coefficient $b_0$. "
                + ("Give it in terms of $N$, as a single expression in `\\boxed{}`." if mode == "b0_symbolicN"
                   else "Give it as a single exact value in `\\boxed{}`."))
        steps = [r"Dynkin indices from the characters (see Slansky): $T(\square) = \tfrac12$, $T(\mathrm{adj}) = N$, "
                 r"$T(\mathrm{sym}^2) = \tfrac{N+2}2$, $T(\wedge^2) = \tfrac{N-2}2$."] + steps
        if mode == "b0_symbolicN":
            symbols = ["N"]
        steps.append(rf"Summing: $b_0 = {tex(value)}$.")
    answer = tex(value)
    return Draft(problem=f"{conv}\n\n{body}", answer=answer,
                 solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params=params, symbols=symbols, difficulty=d)


register(Family(name=NAME, category="Renormalization Group and Scaling", levels=LEVELS,
                description="One-loop b0 of SU(N) with random fermion/scalar matter; asymptotic-freedom n_f bound.",
                generate=generate, config=Config(),
                version=2,  # 2: difficulty knob; one question type per level (rubric), more matter
                reference="Peskin & Schroeder (16.135); Gross & Wilczek PRL 30 (1973) 1343"))
