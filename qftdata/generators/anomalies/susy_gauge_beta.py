r"""One-loop gauge beta function of supersymmetric SU(N) gauge theories, assembled from the component
fields of each supermultiplet (gauge boson + Weyl gaugino, chiral multiplet = Weyl fermion + complex scalar,
N=2 hypermultiplet = two chiral multiplets in R and R-bar, N=2 vector = N=1 vector + adjoint chiral).

$b_0 = 3\,C_2(G) - \sum_{\rm chiral} T(R)$ for N=1; $b_0 = 2C_2(G) - 2\sum_{\rm hypers}T(R)$ for N=2
(N=4, whose $b_0 = 0$ made a guessable answer, is not drawn). Indices from `lie`. Postgraduate problems go to
the infrared fixed point inside the conformal window: the NSVZ numerator vanishes, i.e. the anomaly-free
$R$-symmetry, $C_A + \sum_i T(r_i)(R_i - 1) = 0$, fixes $R_Q$ and $\Delta = \tfrac32 R$ (Seiberg 1995:
SQCD $R_Q = 1 - N/N_f$, $\Delta_M = 3(N_f - N)/N_f$). References: Novikov, Shifman, Vainshtein & Zakharov, NPB 229 (1983) 381;
Seiberg, NPB 435 (1995) 129 (SQCD $b_0 = 3N - N_f$); Terning, *Modern Supersymmetry* ch. 8.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.foundations._knob import band_position, band_scale
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
    """b0 from component fields: (11/3 - 2/3) C_A for vector + gaugino, 2/3 T + 1/3 T per chiral multiplet
    (N = 2: one adjoint chiral in the vector multiplet, each hypermultiplet a chiral pair R + R-bar)."""
    ca = lie.casimir(lie.adjoint(N))
    total = sp.Rational(11, 3) * ca - sp.Rational(2, 3) * ca  # gauge bosons + one adjoint Weyl gaugino
    lines = [rf"Vector multiplet: gauge bosons $\tfrac{{11}}{{3}}C_A$ and a Weyl gaugino $-\tfrac23 C_A$, i.e. "
             rf"$3C_A = {tex(3 * ca)}$."]
    chiral_list = list(chirals)
    if extended >= 2:
        chiral_list.append(("adj", 1))  # N=2: the vector multiplet carries one adjoint chiral multiplet
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


def _counts(rng, dv: float, level: str, top: int) -> int:
    return rng.randint(1, band_scale(dv, level, 2, top))


def _sqcd(rng, dv: float, level: str, config: Config):
    """Advanced undergraduate: SU(N) SQCD with numbers, b0 = 3 C_A - 2 N_f T(fund)."""
    n = rng.randint(2, band_scale(dv, level, 4, config.n_max))
    nf = rng.choice([k for k in range(1, 3 * n + 4) if k != 3 * n])  # b0 = 0 would be a guessable answer
    N = sp.Integer(n)
    ca, tf = lie.casimir(lie.adjoint(N)), lie.dynkin_index(lie.fundamental(N))
    value = sp.expand(3 * ca - 2 * tf * nf)
    steps = [rf"Vector multiplet: $\tfrac{{11}}{{3}}C_A - \tfrac23 C_A = 3C_A$ with $C_A = {tex(ca)}$.",
             rf"Each flavour is a chiral multiplet in the fundamental plus one in the antifundamental; each chiral "
             rf"multiplet gives $-(\tfrac23 + \tfrac13)T = -{tex(tf)}$, so the {nf} flavours give ${tex(-2 * tf * nf)}$.",
             rf"So $b_0 = {tex(value)}$."]
    matter = f"${nf}$ flavour{'s' if nf > 1 else ''} of quark chiral superfields $Q$ (fundamental) and $\\tilde Q$ " \
             "(antifundamental)"
    return N, value, steps, matter, {"extended": 1, "N": n, "N_f": nf}


def _general(rng, dv: float, level: str, config: Config, symbolic: bool, extended: int):
    """Graduate / advanced graduate: N = 1 with adjoints and vector-like pairs, or N = 2 hypermultiplets."""
    n_val = rng.randint(3, config.n_max)
    N = NSYM if symbolic else sp.Integer(n_val)
    n_reps = band_scale(dv, level, 1, 3)
    chirals, hypers = [], []
    if extended == 2:
        hypers = [(r, _counts(rng, dv, level, 4)) for r in sorted({pick(rng, REPS[:1] + REPS[2:])
                                                                    for _ in range(n_reps)})]
        matter = ", ".join(f"{c} hypermultiplet{'s' if c > 1 else ''} in the {rep_name(r)} representation"
                           for r, c in hypers)
    else:
        picked = sorted({pick(rng, REPS) for _ in range(n_reps)})
        # anomaly-free N=1 matter: adjoint chirals, other reps in vector-like pairs R + R-bar
        chirals = [(r, _counts(rng, dv, level, 3)) for r in picked if r == "adj"]
        hypers = [(r, _counts(rng, dv, level, 6)) for r in picked if r != "adj"]
        parts = [f"{c} adjoint chiral multiplet{'s' if c > 1 else ''}" for r, c in chirals]
        parts += [f"{c} vector-like pair{'s' if c > 1 else ''} of chiral multiplets in the {rep_name(r)} "
                  "representation and its conjugate" for r, c in hypers]
        matter = " and ".join(parts)
    value, steps = _component_b0(N, chirals, hypers, extended)
    steps.append(rf"Summing: $b_0 = {tex(value)}$.")
    return N, value, steps, matter, {"extended": extended, "N": "N" if symbolic else n_val, "chirals": chirals,
                                     "hypers": hypers}


def _conformal_window(rng, dv: float, level: str, config: Config):
    """Postgraduate: N_f vector-like pairs in one representation, in the conformal window; the superconformal
    R-charge is the anomaly-free one (no superpotential, all flavours alike), and D = (3/2) R for chiral
    primaries (NSVZ numerator zero <=> R-anomaly cancels)."""
    rep = pick(rng, ("fund", "fund", "sym2", "asym2"))
    want = pick(rng, ("R_Q", "D_meson", "gamma_Q") + (("D_baryon",) if rep == "fund" else ()))
    symbolic = rep == "fund" and band_position(dv, level) > 0.5
    NF = sp.Symbol("N_f", positive=True, integer=True)
    if symbolic:
        N, nf = NSYM, NF
    else:
        while True:
            n = rng.randint(3 if rep != "asym2" else 5, config.n_max + 2)
            t = lie.dynkin_index(lie.named_rep(rep, sp.Integer(n)))
            ca = lie.casimir(lie.adjoint(sp.Integer(n)))
            window = [k for k in range(1, 8 * n) if sp.Rational(3, 2) * ca < 2 * k * t < 3 * ca]
            if window:
                N, nf = sp.Integer(n), sp.Integer(rng.choice(window))
                break
    ca = lie.casimir(lie.adjoint(N))
    t = lie.dynkin_index(lie.named_rep(rep, N))
    R = sp.Symbol("R")
    # anomaly-free R: gaugino R = 1 contributes C_A, each of the 2 N_f chirals T(R)(R - 1)
    (r_q,) = sp.solve(sp.Eq(ca + 2 * nf * t * (R - 1), 0), R)
    r_q = sp.factor(r_q)
    value = {"R_Q": r_q, "D_meson": sp.factor(3 * r_q), "gamma_Q": sp.factor(3 * r_q - 2),
             "D_baryon": sp.factor(sp.Rational(3, 2) * N * r_q)}[want]
    what = {"R_Q": r"the superconformal $R$-charge $R_Q$ of $Q$ at the infrared fixed point",
            "D_meson": r"the scaling dimension $\Delta$ of the gauge-invariant meson $M = Q\tilde Q$ at the infrared "
                       r"fixed point",
            "gamma_Q": r"the anomalous dimension $\gamma_Q$ of $Q$ at the infrared fixed point, defined by "
                       r"$\Delta_Q = 1 + \gamma_Q/2$",
            "D_baryon": r"the scaling dimension $\Delta$ of the baryon $B = Q^N$ at the infrared fixed point"}[want]
    rname = rep_name(rep)
    matter = (f"${tex(nf)}$ vector-like pairs $Q, \\tilde Q$ of chiral multiplets in the {rname} representation and "
              "its conjugate, no superpotential")
    window = (r", with $N_f$ inside the conformal window $\tfrac32 N < N_f < 3N$" if symbolic
              else " (asymptotically free)") + (". Assume the theory flows to an interacting superconformal fixed "
                                                "point without accidental symmetries")
    steps = [r"At an interacting fixed point the exact (NSVZ) beta function vanishes, i.e. the $U(1)_R$ current has no "
             r"anomaly: $C_A + \sum_i T(r_i)(R_i - 1) = 0$ (gaugino $R = 1$). All $2N_f$ matter chirals are related by "
             r"the flavour symmetry, and baryon number does not mix with $R$ (charge conjugation), so they share $R_Q$.",
             rf"With $C_A = {tex(ca)}$ and $T(\text{{{rname}}}) = {tex(t)}$: ${tex(ca)} + 2\cdot {tex(nf)}\cdot {tex(t)}(R_Q - 1) = 0$, "
             rf"so $R_Q = {tex(r_q)}$.",
             r"Chiral primaries have $\Delta = \tfrac32 R$; the meson has $R = 2R_Q$, the baryon $R = NR_Q$, and "
             r"$\Delta_Q = 1 + \gamma_Q/2$ gives $\gamma_Q = 3R_Q - 2$."]
    steps.append(rf"Hence the requested quantity is ${tex(value)}$.")
    params = {"extended": 1, "N": "N" if symbolic else int(N), "rep": rep, "N_f": "N_f" if symbolic else int(nf),
              "want": want}
    syms = ["N", "N_f"] if symbolic else []
    return N, value, steps, matter, params, what, syms, window


def generate(rng, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    li = LEVELS.index(level)
    what = "the one-loop coefficient $b_0$"
    extra = ""
    if li == 0:
        N, value, steps, matter, params = _sqcd(rng, dv, level, config)
        syms: list[str] = []
    elif li == 3:
        N, value, steps, matter, params, what, syms, extra = _conformal_window(rng, dv, level, config)
    else:
        symbolic = li == 2
        extended = 1 if li == 1 else pick(rng, (1, 2))
        value = sp.Integer(0)
        while value == 0:  # a conformal (b0 = 0) matter content is redrawn: zero is too guessable
            N, value, steps, matter, params = _general(rng, dv, level, config, symbolic, extended)
        syms = ["N"] if symbolic else []
    group = "SU(N)" if N == NSYM else f"SU({N})"
    susy = {1: r"$\mathcal N = 1$", 2: r"$\mathcal N = 2$"}[params["extended"]]
    convs = [UNITS, BETA, B0_CONV, GROUP, "Use the one-loop result of a non-supersymmetric gauge theory applied to "
             "the component fields (massless, in four dimensions)."] if li < 3 else \
        [UNITS, GROUP, r"$C_A = C_2(\text{adjoint})$; the gaugino has $R$-charge 1."]
    problem = (conventions(*convs)
               + f"\n\nConsider {susy} supersymmetric ${group}$ gauge theory" + (r" ($N\ge 3$)" if N == NSYM else "")
               + f" with {matter}{extra}. Compute {what}. "
               + (f"Give it in terms of {' and '.join('$'+s+'$' for s in syms)}, as a single expression in `\\boxed{{}}`."
                  if syms else "Give it as a single exact value in `\\boxed{}`."))
    answer = tex(value)
    domain = ["N_f > 3*N/2", "N_f < 3*N"] if params.get("N_f") == "N_f" else []
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params=params, symbols=syms, difficulty=dv, domain=domain,
                 answer_type="expression" if syms else "numeric")


register(Family(name=NAME, category="Anomalies and Supersymmetry", levels=LEVELS,
                description="One-loop b0 of N=1/2 SUSY SU(N) gauge theories from component fields; R-charges and "
                            "dimensions in the conformal window.",
                generate=generate, config=Config(), version=2,  # 2: knob; no N=4 (b0 = 0); conformal window
                reference="Novikov-Shifman-Vainshtein-Zakharov NPB 229 (1983) 381; Seiberg NPB 435 (1995) 129"))
