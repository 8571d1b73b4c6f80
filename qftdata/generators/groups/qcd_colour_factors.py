r"""Colour factors of QCD tree amplitudes and the colour- and spin-averaged $|\mathcal M|^2$ of quark scattering in
$SU(N)$, for quarks in the fundamental or in a general representation $R$.

Summing over external colours closes each quark line into a trace; the family reduces the traces with the completeness
relation (`groups._colour`, symbolic $N$; $f^{abc} = -2i\,\mathrm{tr}(T^a[T^b,T^c])$). The quark-quark processes reuse
the spin sums of the QED analogues (`scattering.bhabha_moller.pieces`, Dirac traces): $\sum|\mathcal M|^2 =
g_s^4[C_{11}K_{11} + C_{22}K_{22} - 2C_{12}K_{12}]$, with the colour weights $C_{ij} = \sum c_ic_j^*$ of the two diagrams and
the Fermi-statistics relative sign. For a representation $R$: $\sum\mathrm{tr}_R(T^aT^b)\mathrm{tr}_R(T^aT^b) = T_R^2(N^2-1)$
and $\mathrm{tr}_R(T^aT^bT^aT^b) = \dim R\,C_R(C_R - \tfrac N2)$ (from $T^bT^aT^b = (C_R - \frac{C_A}{2})T^a$), with $\dim R$,
$T_R$, $C_R$ from characters (`lie.py`).

Levels (docs/generators.md rubric): graduate — one colour sum (sum or average over initial colours) at given $N$;
advanced-graduate — the full averaged $|\mathcal M|^2$ of $qq'\to qq'$, $qq\to qq$, $q\bar q\to q'\bar q'$ or $q\bar q\to q\bar q$ at
a CM angle (colour algebra, Dirac traces, interference sign); postgraduate — the same for Dirac fermions in the
two-index symmetric/antisymmetric or adjoint representation (general-representation invariants). The knob grows $N$.
References: Ellis, Stirling & Webber, *QCD and Collider Physics*, Table 7.1 (Combridge, Kripfganz & Ranft, PLB 70
(1977) 234) for $N = 3$; Peskin & Schroeder sec. 17.4 and eq. (16.79)-(16.80) for the colour sums; the tests also use
explicit generator matrices.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from itertools import product

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.groups._colour import N, colour_sum, f_as_traces
from qftdata.generators.loops._common import GROUP, band_position, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.scattering.bhabha_moller import C, m, pieces, s, t, u
from qftdata.generators.text import METRIC, UNITS, ask, conventions

NAME = "groups.qcd_colour_factors"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
g_s = sp.Symbol("g_s", positive=True)


def _expand(factors: list[dict]) -> dict[tuple, sp.Expr]:
    """Product of sums of traces -> {tuple of traces: coefficient}."""
    out: dict[tuple, sp.Expr] = {}
    for combo in product(*[list(f.items()) for f in factors]):
        key = tuple(tr for tr, _ in combo)
        out[key] = out.get(key, 0) + sp.Mul(*[c for _, c in combo])
    return out


# name -> (description, trace factors, initial colour states as a function of N)
STRUCTURES = {
    "qqprime": (r"$\sum_{\rm colours}|T^a_{ki}T^a_{lj}|^2$, the colour factor of one-gluon exchange between two quark lines "
                r"($qq'\to qq'$)", [{("a", "b"): 1}, {("a", "b"): 1}], N**2),
    "qq_interference": (r"$\sum_{\rm colours}T^a_{ki}T^a_{lj}\,(T^b_{li}T^b_{kj})^*$, the colour factor of the $t$-$u$ interference "
                        r"in $qq\to qq$", [{("a", "b", "a", "b"): 1}], N**2),
    "qqbar_gg_tt": (r"$\sum_{\rm colours}|(T^aT^b)_{ji}|^2$, the squared colour factor of the $t$-channel diagram of "
                    r"$q\bar q\to gg$", [{("a", "b", "b", "a"): 1}], N**2),
    "qqbar_gg_tu": (r"$\sum_{\rm colours}(T^aT^b)_{ji}\,[(T^bT^a)_{ji}]^*$, the $t$-$u$ interference colour factor of "
                    r"$q\bar q\to gg$", [{("a", "b", "a", "b"): 1}], N**2),
    "qqbar_gg_ss": (r"$\sum_{\rm colours}|f^{abc}T^c_{ji}|^2$, the squared colour factor of the $s$-channel (triple-gluon) diagram "
                    r"of $q\bar q\to gg$", [f_as_traces("a", "b", "c"), f_as_traces("a", "b", "d"), {("c", "d"): 1}], N**2),
    "gg_gg_ss": (r"$\sum_{\rm colours}|f^{abe}f^{cde}|^2$, the squared colour factor of the $s$-channel diagram of $gg\to gg$",
                 [f_as_traces("a", "b", "e"), f_as_traces("c", "d", "e"), f_as_traces("a", "b", "h"), f_as_traces("c", "d", "h")],
                 (N**2 - 1) ** 2),
    "gg_gg_st": (r"$\sum_{\rm colours}f^{abe}f^{cde}\,f^{ace'}f^{bde'}$, the $s$-$t$ interference colour factor of $gg\to gg$",
                 [f_as_traces("a", "b", "e"), f_as_traces("c", "d", "e"), f_as_traces("a", "c", "h"), f_as_traces("b", "d", "h")],
                 (N**2 - 1) ** 2),
}


@cache
def structure_value(key: str) -> sp.Expr:
    """The colour sum of a named structure, symbolic in N (f's are real: the squared structures are products of f's)."""
    return sp.factor(colour_sum(_expand(STRUCTURES[key][1])))


# quark processes: (description, bhabha/moller spin sums, colour weights as functions of (T_R^2 (N^2-1), dim C (C - N/2)))
PROCESSES = {
    "qqprime": (r"$q\,q'\to q\,q'$ (two different flavours)", "moller", "t"),
    "qq": (r"$q\,q\to q\,q$ (identical flavours)", "moller", "tu"),
    "qqbar_other": (r"$q\,\bar q\to q'\,\bar q'$ (annihilation into a different flavour)", "bhabha", "s"),
    "qqbar_same": (r"$q\,\bar q\to q\,\bar q$ (same flavour)", "bhabha", "st"),
}
REPS = {"fund": "fundamental", "sym2": "two-index symmetric", "asym2": "two-index antisymmetric", "adj": "adjoint"}


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 12

    def validate(self) -> None:
        if self.n_max < 4:
            raise ValueError("n_max must be >= 4")


def rep_weights(rep: str, n: int) -> tuple[sp.Rational, sp.Rational, int]:
    r"""($\sum\mathrm{tr}_R(T^aT^b)^2 = T_R^2(N^2-1)$, $\mathrm{tr}_R(T^aT^bT^aT^b) = \dim R\,C_R(C_R - N/2)$, $\dim R$)."""
    r = lie.named_rep(rep, n)
    dim, t_r, c_r = int(lie.dimension(r)), sp.Rational(lie.dynkin_index(r)), sp.Rational(lie.casimir(r))
    return t_r**2 * (n**2 - 1), dim * c_r * (c_r - sp.Rational(n, 2)), dim


def averaged_msq(process: str, rep: str, n: int, c_val: sp.Rational) -> tuple[sp.Expr, dict]:
    """Colour- and spin-averaged |M|^2 at the CM angle cos(theta) = c_val (massless quarks) and the ingredients."""
    _, qed, channels = PROCESSES[process]
    square, mixed, dim = rep_weights(rep, n)
    k11, k22, k12 = (k.subs(m, 0).subs({t: -s / 2 * (1 - C), u: -s / 2 * (1 + C)}).subs(C, c_val) for k in pieces(qed))
    # bhabha pieces: 1 = s-channel, 2 = t-channel; moller pieces: 1 = t-channel, 2 = u-channel
    use1 = "s" in channels if qed == "bhabha" else "t" in channels
    use2 = "t" in channels if qed == "bhabha" else "u" in channels
    total = (square * k11 if use1 else 0) + (square * k22 if use2 else 0) - (2 * mixed * k12 if use1 and use2 else 0)
    value = sp.factor(g_s**4 * total / (4 * dim**2))
    return value, {"square": square, "mixed": mixed, "dim": dim, "k": (k11, k22, k12), "use": (use1, use2)}


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    n = pick(rng, tuple(range(2 if level == "graduate" else 3, 4 + int(band_position(d, level) * (config.n_max - 3)))))
    if level == "graduate":
        key = pick(rng, tuple(STRUCTURES))
        averaged = rng.random() < 0.5
        desc, _, initial = STRUCTURES[key]
        general = structure_value(key)
        value = general.subs(N, n) / (initial.subs(N, n) if averaged else 1)
        steps = [r"Sum over the external colour indices: every open quark line closes into a trace and $f^{abc} = "
                 r"-2i\,\mathrm{tr}(T^a[T^b,T^c])$; reduce with the completeness relation $\sum_aT^a_{ij}T^a_{kl} = \tfrac12"
                 r"(\delta_{il}\delta_{kj} - \tfrac1N\delta_{ij}\delta_{kl})$, $\mathrm{tr}\,\mathbb 1 = N$, $\mathrm{tr}\,T^a = 0$.",
                 rf"For general $N$ this gives ${tex(general)}$; at $N = {n}$: ${tex(general.subs(N, n))}$."]
        if averaged:
            steps.append(rf"Averaging over the {tex(initial.subs(N, n))} initial colour states: ${tex(value)}$.")
        problem = (conventions(GROUP) + r" $T^a$ are the generators of the fundamental representation of $SU(N)$ (Hermitian, "
                   r"$[T^a, T^b] = if^{abc}T^c$), and repeated indices are summed." + "\n\n"
                   + rf"For $SU({n})$, compute {desc}" + (r", averaged over the colours of the two incoming particles" if averaged
                                                         else r", summed over all colour indices") + ". " + ask("it"))
        params = {"key": key, "N": n, "averaged": averaged}
        syms, answer_type = [], "numeric"
    else:
        process = pick(rng, tuple(PROCESSES))
        rep = "fund" if level == "advanced-graduate" else pick(rng, ("sym2", "asym2", "adj"))
        c_val = pick(rng, tuple(sorted({sp.Rational(p, q) for q in range(1, 3 + int(band_position(d, level) * 8))
                                         for p in range(1 - q, q)})))
        value, ing = averaged_msq(process, rep, n, c_val)
        desc, qed, _ = PROCESSES[process]
        k11, k22, k12 = ing["k"]
        use1, use2 = ing["use"]
        names = ("s", "t") if qed == "bhabha" else ("t", "u")
        steps = [rf"Diagrams: one-gluon exchange in the {' and '.join(c for c, used in zip(names, (use1, use2), strict=True) if used)} "
                 r"channel" + ("s, with the relative minus sign of Fermi statistics" if use1 and use2 else "") + ".",
                 r"Colour sums: squared diagrams $\sum\mathrm{tr}_R(T^aT^b)\mathrm{tr}_R(T^aT^b) = T_R^2(N^2-1) = " + tex(ing["square"])
                 + r"$; interference $\mathrm{tr}_R(T^aT^bT^aT^b) = \dim R\,C_R(C_R - \tfrac N2) = " + tex(ing["mixed"]) + "$.",
                 r"Spin sums (Dirac traces as in QED, massless, CM angle): " + ", ".join(
                     rf"$\sum|\mathcal M_{{{names[i]}}}|^2/g_s^4 \to {tex(k)}$" for i, k in enumerate((k11, k22)) if (use1, use2)[i])
                 + (rf", $\sum\mathcal M_{{{names[0]}}}\mathcal M_{{{names[1]}}}^*/g_s^4 \to {tex(k12)}$ (colour stripped)" if use1 and use2 else "")
                 + rf" at $\cos\theta = {tex(c_val)}$.",
                 rf"Average over $4$ spin and $(\dim R)^2 = {ing['dim'] ** 2}$ colour states: ${tex(value)}$."]
        problem = (conventions(UNITS, METRIC, GROUP) + "\n\n"
                   + rf"In an $SU({n})$ gauge theory with massless Dirac fermions (the quarks) in the {REPS[rep]} representation "
                   rf"and gauge coupling $g_s$, consider {desc} at tree level. With $\theta$ the centre-of-mass scattering angle (between the "
                   rf"first incoming and the first outgoing particle listed), compute the spin- and colour-averaged squared amplitude "
                   rf"$\overline{{|\mathcal M|^2}}$ (averaged over initial spins and colours, summed over final ones) at "
                   rf"$\cos\theta = {tex(c_val)}$. " + ask("it", ["g_s"]))
        params = {"process": process, "rep": rep, "N": n, "c": str(c_val)}
        syms, answer_type = ["g_s"], "expression"
    answer = tex(value)
    steps.append(f"$$\\boxed{{{answer}}}$$")
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=syms,
                 answer_type=answer_type, difficulty=d)


register(Family(name=NAME, category="Non-Abelian Gauge Theories", levels=LEVELS,
                description="Colour sums of QCD tree diagrams by Fierz reduction (symbolic N), and spin/colour-averaged |M|^2 of "
                            "quark scattering for quarks in the fundamental or a general SU(N) representation.",
                generate=generate, config=Config(), version=1,
                reference="Ellis, Stirling & Webber, QCD and Collider Physics, Table 7.1; Combridge, Kripfganz & Ranft PLB 70 "
                          "(1977) 234; Peskin & Schroeder sec. 17.4"))
