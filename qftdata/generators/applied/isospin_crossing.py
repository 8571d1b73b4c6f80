r"""Crossing matrices of internal-symmetry channel amplitudes ($\pi\pi$-type isospin, $q\bar q$ colour).

A $2\to2$ amplitude of particles in a representation of $O(N)$ or $SU(N)$ is a combination of invariant
tensors, the Kronecker-delta pairings of the four legs, $\mathcal M = \sum_p X_p D_p$. The $s$-channel amplitude of
irreducible channel $I$ is $T^I = \mathrm{Tr}(P^ID)/\mathrm{Tr}P^I$ for the projector $P^I$; a crossed channel sees the
same function with two legs exchanged, which permutes the pairings. Hence $T_s = C\,T_t$ with
$C = W\,S\,W^{-1}$ ($W$ the weights $T^I = \sum_p W_{Ip}X_p$, $S$ the permutation of pairings). The family computes
$\mathrm{Tr}(D_pD_q) = N^{\#\text{cycles}}$ by counting the cycles of the two pairings (the union of two perfect
matchings), builds $W$ from the stated projectors, and inverts it exactly. Levels:

* graduate: $O(N)$ vectors at a given $N$ (pions for $N = 3$): apply $C_{st}$ or $C_{su}$ to given $t$/$u$-channel amplitudes;
* advanced-graduate: general $N$: an entry of $C_{st}$ or $C_{su}$, or $C$ applied to given amplitudes (rational in $N$);
* postgraduate: $SU(N)$ colour, $q\bar q\to q\bar q$: the $s$-channel singlet/adjoint strengths of given $t$-channel
  singlet/adjoint exchanges (a one-gluon-like adjoint exchange among them), for general $N$.

References for the tests: the $\pi\pi$ crossing matrix $C_{st} = \begin{pmatrix}1/3&1&5/3\\1/3&1/2&-5/6\\1/3&-1/2&1/6\end{pmatrix}$
(Chew & Mandelstam, Phys. Rev. 119 (1960) 467; Pennington, "Crossing, analyticity and ππ scattering"), $C^2 = 1$,
and the one-gluon-exchange colour factors $-C_F$ (singlet) and $1/(2N)$ (adjoint) for $q\bar q$ (e.g. Ellis,
Stirling & Webber, QCD and Collider Physics, §7; Peskin & Schroeder §17).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.applied._common import CATEGORY, finish, knob_and_position, pick, tex
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions

NAME = "applied.isospin_crossing"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
N = sp.Symbol("N", positive=True, integer=True)
# the pairings of legs (0 = a, 1 = b, 2 = c, 3 = d) for a b -> c d
PAIRINGS = {"s": ((0, 1), (2, 3)), "t": ((0, 2), (1, 3)), "u": ((0, 3), (1, 2))}


@dataclass(frozen=True)
class Model:
    structures: tuple[str, ...]           # which pairings are invariant tensors
    projectors: tuple[tuple[str, tuple[tuple[str, sp.Expr], ...]], ...]  # channel -> pairing coefficients
    crossings: tuple[tuple[str, tuple[str, str]], ...]  # name -> the two pairings exchanged


def _proj(**coeffs) -> tuple[tuple[str, sp.Expr], ...]:
    return tuple(coeffs.items())


O_N = Model(
    structures=("s", "t", "u"),
    projectors=(("S", _proj(s=1 / N)),
                ("A", _proj(t=sp.Rational(1, 2), u=-sp.Rational(1, 2))),
                ("T", _proj(s=-1 / N, t=sp.Rational(1, 2), u=sp.Rational(1, 2)))),
    crossings=(("st", ("s", "t")), ("su", ("s", "u"))),
)
SU_N = Model(  # q_a qbar_b -> q_c qbar_d: only delta_ab delta_cd ("s") and delta_ac delta_bd ("t") are invariant
    structures=("s", "t"),
    projectors=(("1", _proj(s=1 / N)), ("adj", _proj(s=-1 / N, t=sp.Integer(1)))),
    crossings=(("st", ("s", "t")),),
)


def cycles(p: str, q: str) -> int:
    """Number of cycles of the union of two perfect matchings of the four legs (connected components)."""
    parent = list(range(4))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in PAIRINGS[p] + PAIRINGS[q]:
        parent[find(a)] = find(b)
    return len({find(x) for x in range(4)})


@cache
def weights(model: Model) -> sp.Matrix:
    r"""$W_{Ip} = \mathrm{Tr}(P^I D_p)/\mathrm{Tr}(P^I)$ with $\mathrm{Tr}(D_qD_p) = N^{\#\text{cycles}}$ and $\mathrm{Tr}\,P = \mathrm{Tr}(P\,D_t)$
    ($D_t = \delta_{ac}\delta_{bd}$ is the identity on the pair space)."""
    rows = []
    for _, coeffs in model.projectors:
        tr_p = sum(c * N ** cycles(q, "t") for q, c in coeffs)
        rows.append([sp.factor(sum(c * N ** cycles(q, p) for q, c in coeffs) / tr_p) for p in model.structures])
    return sp.Matrix(rows)


@cache
def crossing_matrix(model: Model, crossing: str) -> sp.Matrix:
    """C with T_s = C T_crossed: W S W^-1, S exchanging the two pairings of the crossing."""
    a, b = dict(model.crossings)[crossing]
    order = list(model.structures)
    perm = sp.zeros(len(order))
    for i, p in enumerate(order):
        target = b if p == a else (a if p == b else p)
        perm[order.index(target), i] = 1
    w = weights(model)
    return (w * perm * w.inv()).applyfunc(sp.factor)


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_n: int = 8

    def validate(self) -> None:
        if self.max_n < 3:
            raise ValueError(f"{NAME}: max_n must be >= 3")


O_N_TEXT = (r"Consider elastic scattering $\phi_a\phi_b\to\phi_c\phi_d$ of real scalars in the vector representation of "
            r"$O(N)$, $\mathcal M = X_s\,\delta_{ab}\delta_{cd} + X_t\,\delta_{ac}\delta_{bd} + X_u\,\delta_{ad}\delta_{bc}$. The $s$-channel "
            r"amplitudes of the singlet (S), antisymmetric (A) and symmetric-traceless (T) channels are defined by the "
            r"projectors $P^S = \frac1N\delta_{ab}\delta_{cd}$, $P^A = \frac12(\delta_{ac}\delta_{bd} - \delta_{ad}\delta_{bc})$, "
            r"$P^T = \frac12(\delta_{ac}\delta_{bd} + \delta_{ad}\delta_{bc}) - \frac1N\delta_{ab}\delta_{cd}$ through "
            r"$\mathcal M = \sum_I T^I_s P^I$. The $t$-channel ($\phi_a\phi_c\to\phi_b\phi_d$) and $u$-channel "
            r"($\phi_a\phi_d\to\phi_c\phi_b$) amplitudes $T^I_t$, $T^I_u$ are defined the same way with $b\leftrightarrow c$, "
            r"respectively $b\leftrightarrow d$. (For $N = 3$, S, A, T are isospin 0, 1, 2 of $\pi\pi$.)")


def _graduate(rng, pos, config):
    n = rng.randint(3, 3 + round(pos * (config.max_n - 3)))
    crossing = pick(rng, ("st", "su"))
    channel = pick(rng, ("S", "A", "T"))
    other = crossing[1]
    c = crossing_matrix(O_N, crossing).subs(N, n)
    row = ["S", "A", "T"].index(channel)
    value = sp.Integer(0)
    while value == 0:  # a vanishing answer would be guessable: draw the given amplitudes again
        given = [sp.Integer(rng.randint(-9, 9)) for _ in range(3)]
        value = sum(c[row, j] * given[j] for j in range(3))
    vals = ", ".join(rf"T^{ch}_{other} = {tex(v)}" for ch, v in zip(("S", "A", "T"), given, strict=True))
    setup = O_N_TEXT.replace("$O(N)$", f"$O({n})$").replace(r"\frac1N", rf"\frac1{{{n}}}") + (
        rf" At some kinematic point the ${other}$-channel amplitudes are ${vals}$.")
    ask_ = rf"Using crossing, find $T^{channel}_s$ at that point. Give the exact value in `\boxed{{}}`."
    steps = [f"Crossing matrix ${crossing[0]}\\leftrightarrow {other}$ for $N = {n}$: ${tex(c)}$ (rows/columns S, A, T).",
             rf"$T^{channel}_s = \sum_J C_{{{channel}J}}T^J_{other} = {tex(value)}$."]
    params = {"tier": "apply", "N": n, "crossing": crossing, "channel": channel, "given": [str(v) for v in given]}
    return setup, ask_, steps, value, [], params, c


def _advanced(rng, pos, config):
    crossing = pick(rng, ("st", "su"))
    row = pick(rng, ("S", "A", "T"))
    c = crossing_matrix(O_N, crossing)
    other = crossing[1]
    entry = rng.random() < 0.3
    setup = O_N_TEXT + rf" Crossing relates them as $T^I_s = \sum_J C_{{IJ}}\,T^J_{other}$."
    if entry:
        col = pick(rng, ("S", "A", "T"))
        value = c["SAT".index(row), "SAT".index(col)]
        ask_ = (rf"Find the crossing-matrix element $C_{{{row}{col}}}$ for general $N$. Give it in terms of $N$, as a single "
                r"expression in `\boxed{}`.")
        params = {"tier": "entry", "crossing": crossing, "row": row, "col": col}
        last = rf"Entry $({row}, {col})$: ${tex(value)}$."
    else:
        value = sp.Integer(0)
        size = 3 + round(pos * 6)  # the knob widens the range of the given amplitudes
        while value == 0:
            given = [sp.Integer(rng.randint(-size, size)) for _ in range(3)]
            value = sp.factor(sum(c["SAT".index(row), j] * given[j] for j in range(3)))
        vals = ", ".join(rf"T^{ch}_{other} = {tex(v)}" for ch, v in zip("SAT", given, strict=True))
        setup += rf" At some kinematic point ${vals}$, for general $N$."
        ask_ = rf"Find $T^{row}_s$ at that point. Give it in terms of $N$, as a single expression in `\boxed{{}}`."
        params = {"tier": "apply_n", "crossing": crossing, "row": row, "given": [str(v) for v in given]}
        last = rf"Row {row} applied to the given amplitudes: $T^{row}_s = {tex(value)}$."
    steps = [r"Write $T^I = \sum_p W_{Ip}X_p$ with $W_{Ip} = \mathrm{Tr}(P^ID_p)/\mathrm{Tr}P^I$ and "
             r"$\mathrm{Tr}(D_pD_q) = N^{\#\rm cycles}$ (two cycles when $p = q$, one otherwise): "
             rf"$W = {tex(weights(O_N))}$.",
             rf"The ${other}$-channel sees the same $\mathcal M$ with two legs exchanged, which swaps $X_s \leftrightarrow X_{other}$: "
             rf"$T_{other} = W S X$, so $C = W S W^{{-1}} = {tex(c)}$.", last]
    return setup, ask_, steps, sp.factor(value), ["N"], params, c


STRENGTHS = tuple(sp.Rational(p, q) for q in (1, 2, 3, 4) for p in range(-4, 5) if p and sp.gcd(p, q) == 1)


def _postgraduate(rng, pos, config):
    exchange = pick(rng, ("adj", "1", "both"))
    target = pick(rng, ("1", "adj"))
    strengths = {"1": sp.Integer(0), "adj": sp.Integer(0)}
    for ch in (("1", "adj") if exchange == "both" else (exchange,)):
        strengths[ch] = pick(rng, STRENGTHS)
    numeric_n = rng.random() < 0.4 * (1 - pos)
    c = crossing_matrix(SU_N, "st")
    value = sp.factor(c[0 if target == "1" else 1, 0] * strengths["1"] + c[0 if target == "1" else 1, 1] * strengths["adj"])
    if numeric_n:
        n_val = pick(rng, (2, 3, 4, 5))
        value = value.subs(N, n_val)
    setup = (rf"Quarks $q$ in the fundamental and antiquarks $\bar q$ in the antifundamental of $SU({'N' if not numeric_n else n_val})$ "
             r"scatter, $q_a\bar q_b\to q_c\bar q_d$ (colour indices; $b, d$ antifundamental). The only invariant tensors are "
             r"$\delta_{ab}\delta_{cd}$ and $\delta_{ac}\delta_{bd}$. $s$-channel amplitudes are defined by "
             r"$\mathcal M = T^{\bf 1}_s P^{\bf 1} + T^{\rm adj}_s P^{\rm adj}$ with $P^{\bf 1} = \frac1N\delta_{ab}\delta_{cd}$, "
             r"$P^{\rm adj} = \delta_{ac}\delta_{bd} - \frac1N\delta_{ab}\delta_{cd}$; the $t$-channel amplitudes $T^{\bf 1}_t$, "
             r"$T^{\rm adj}_t$ are defined by the same projectors with the labels $b\leftrightarrow c$ exchanged (the channel "
             r"in which quark $a$ and the crossed outgoing quark $c$ form the $q\bar q$ pair).")
    if numeric_n:
        setup = setup.replace(r"\frac1N", rf"\frac1{{{n_val}}}")
    target_tex = "adj" if target == "adj" else "1"
    ask_ = (rf"A $t$-channel exchange gives $T^{{\bf 1}}_t = {tex(strengths['1'])}\,g^2$ and $T^{{\rm adj}}_t = "
            rf"{tex(strengths['adj'])}\,g^2$. Find the resulting $s$-channel amplitude $T^{{{target_tex}}}_s$. Give it in terms "
            r"of $g$" + ("" if numeric_n else " and $N$") + r", as a single expression in `\boxed{}`.")
    value = value * sp.Symbol("g", positive=True) ** 2
    steps = [r"Weights: $W_{Ip} = \mathrm{Tr}(P^ID_p)/\mathrm{Tr}P^I$ with $\mathrm{Tr}(D_pD_q) = N^{\#\rm cycles}$: "
             rf"$W = {tex(weights(SU_N))}$.",
             rf"Crossing $b\leftrightarrow c$ swaps the two tensors, so $C = WSW^{{-1}} = {tex(c)}$.",
             rf"$T_s = C\,T_t$ gives ${tex(value)}$."]
    syms = ["g"] + ([] if numeric_n else ["N"])
    params = {"tier": "colour", "exchange": exchange, "target": target,
              "strengths": {k: str(v) for k, v in strengths.items()}, "N": n_val if numeric_n else "N"}
    return setup, ask_, steps, value, syms, params, c


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d, pos = knob_and_position(config, level, rng)
    maker = {"graduate": _graduate, "advanced-graduate": _advanced, "postgraduate": _postgraduate}[level]
    setup, ask_, steps, value, syms, params, _ = maker(rng, pos, config)
    return finish([conventions(UNITS), setup, ask_], steps, value, params, syms, d,
                  assumptions={"N": "positive_integer"} if "N" in syms else {})


register(Family(
    name=NAME, category=CATEGORY, levels=LEVELS,
    description="Crossing matrices of channel amplitudes from invariant tensors: O(N) vector (pi pi isospin) s<->t, "
                "s<->u, and SU(N) q qbar colour singlet/adjoint.",
    generate=generate, config=Config(), version=1,
    reference="Chew & Mandelstam Phys. Rev. 119 (1960) 467 (pi pi crossing matrix); Ellis, Stirling & Webber, QCD and "
              "Collider Physics §7 (q qbar colour factors)",
))
