r"""Two-loop (Caswell–Jones) beta function of SU(N) with Dirac fermions in one or two representations, and its
perturbative infrared fixed point (Banks–Zaks).

$\beta(g) = -\frac{g^3}{16\pi^2}b_0 - \frac{g^5}{(16\pi^2)^2}b_1$ with
$b_0 = \tfrac{11}{3}C_A - \tfrac43 \sum_R T(R)n_R$,
$b_1 = \tfrac{34}{3}C_A^2 - \sum_R\big(4C_2(R) + \tfrac{20}{3}C_A\big)T(R)n_R$; $C_2(R)$, $T(R)$ from `lie`.
Only weakly coupled fixed points are posed: $n_f$ is drawn where $\alpha_* = g_*^2/4\pi \le$ `alpha_max`
(default 1/2, said in the statement), the upper part of the conformal window where two loops are reliable.
Levels (rubric): graduate — $b_1$ for an asymptotically free theory; advanced-graduate — the fixed point
$g_*^2$ or $\alpha_*$; postgraduate — consequences at the fixed point (the slope $\beta'(g_*)$, the one-loop mass
anomalous dimension there, fermions in two representations) or the lower edge of the two-loop window. The knob
grows $N$ and brings in larger representations.
References: Caswell, PRL 33 (1974) 244; Jones, Nucl. Phys. B75 (1974) 531; Banks & Zaks, Nucl. Phys. B196 (1982) 189;
Ryttov & Shrock, PRD 83 (2011) 056011 (gamma_m at the fixed point).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import BETA, GROUP, band_position, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.rg._matter import rep_name
from qftdata.generators.text import UNITS, conventions

NAME = "rg.banks_zaks_fixed_point"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
REPS = ("fund", "sym2", "asym2", "adj")
G = sp.Symbol("g")
X = sp.Symbol("x", positive=True)  # x = g^2


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 12
    alpha_max: sp.Rational = sp.Rational(1, 2)

    def validate(self) -> None:
        if self.n_max < 4 or not 0 < self.alpha_max <= 1:
            raise ValueError("need n_max >= 4 and 0 < alpha_max <= 1")


@cache
def group_data(N: int, rep: str) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(C_A, T(R), C_2(R)) from the characters (`lie`)."""
    r = lie.named_rep(rep, N)
    return lie.casimir(lie.adjoint(N)), lie.dynkin_index(r), lie.casimir(r)


def two_loop(N: int, content: tuple[tuple[str, int], ...]) -> tuple[sp.Expr, sp.Expr]:
    """(b0, b1) for SU(N) with n_R Dirac fermions in each representation R of `content`."""
    ca = group_data(N, "fund")[0]
    b0 = sp.Rational(11, 3) * ca
    b1 = sp.Rational(34, 3) * ca**2
    for rep, n in content:
        _, t, c2 = group_data(N, rep)
        b0 -= sp.Rational(4, 3) * t * n
        b1 -= (4 * c2 + sp.Rational(20, 3) * ca) * t * n
    return b0, b1


@cache
def fixed_point(N: int, content: tuple[tuple[str, int], ...]) -> sp.Expr | None:
    """g_*^2 from beta(g)/g^3 = 0, a polynomial in x = g^2 (sympy roots), or None when there is no perturbative
    zero (b0 <= 0 or b1 >= 0)."""
    b0, b1 = two_loop(N, content)
    if b0 <= 0 or b1 >= 0:
        return None
    reduced = -b0 / (16 * sp.pi**2) - b1 * X / (16 * sp.pi**2) ** 2  # beta(g)/g^3 with g^2 = x
    roots = [r for r in sp.roots(sp.Poly(reduced, X)) if r.is_positive]
    return roots[0] if roots else None


@cache
def window(N: int, rep: str, alpha_max: sp.Rational) -> tuple[int, ...]:
    """n_f (one representation) with a two-loop IR zero at alpha_* <= alpha_max."""
    out = []
    ca, t, _ = group_data(N, rep)
    for nf in range(1, int(sp.ceiling(sp.Rational(11, 4) * ca / t))):  # b0 > 0
        g2 = fixed_point(N, ((rep, nf),))
        if g2 is not None and g2 / (4 * sp.pi) <= alpha_max:
            out.append(nf)
    return tuple(out)


@cache
def lower_edge(N: int, rep: str) -> int | None:
    """Smallest n_f with b1 < 0 among the asymptotically free n_f (the two-loop window's lower edge)."""
    for nf in range(1, 80):
        b0, b1 = two_loop(N, ((rep, nf),))
        if b0 <= 0:
            return None
        if b1 < 0:
            return nf
    return None


def _describe(N: int, content) -> str:
    parts = [f"$n_{{{i + 1}}} = {n}$ Dirac fermions in the {rep_name(rep)} representation"
             for i, (rep, n) in enumerate(content)]
    return f"$SU({N})$ gauge theory with " + " and ".join(parts)


def _draw(rng, level: str, u: float, config: Config):
    """(N, content, want) for the level; `u` grows N and the representations."""
    n_top = 3 + round(u * (config.n_max - 3))
    reps = REPS[: 1 + round(u * (len(REPS) - 1))] if level == "graduate" else REPS
    while True:
        N = rng.randint(2 if level == "graduate" else 3, n_top)
        rep = pick(rng, reps)
        if (rep == "asym2" and N < 4) or (rep == "sym2" and N < 3):
            continue  # trivial / (anti)fundamental / adjoint in disguise
        if level == "graduate":
            ca, t, _ = group_data(N, rep)
            nf_af = int(sp.ceiling(sp.Rational(11, 4) * ca / t)) - 1  # largest n_f with b0 > 0
            if nf_af >= 1:
                return N, ((rep, rng.randint(1, nf_af)),), "b1"
        elif level == "advanced-graduate":
            if window(N, rep, config.alpha_max):
                return N, ((rep, pick(rng, window(N, rep, config.alpha_max))),), pick(rng, ("gstar2", "alphastar"))
        else:
            want = pick(rng, ("slope", "gamma_m", "slope2", "slope2", "nf_min"))
            if want == "nf_min":
                if lower_edge(N, rep) is not None:
                    return N, ((rep, 0),), want
                continue
            if want == "slope2":  # fermions in two representations: fund plus one more
                other = pick(rng, REPS[1:] if N >= 4 else ("sym2", "adj"))
                for _ in range(20):
                    content = (("fund", rng.randint(1, 4 * N)), (other, rng.randint(1, 3)))
                    g2 = fixed_point(N, content)
                    if g2 is not None and g2 / (4 * sp.pi) <= config.alpha_max:
                        return N, content, pick(rng, ("slope", "gamma_m"))
                continue
            if window(N, rep, config.alpha_max):
                return N, ((rep, pick(rng, window(N, rep, config.alpha_max))),), want


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    N, content, want = _draw(rng, level, band_position(d, level), config)
    rep0 = content[0][0]
    conv = conventions(UNITS, BETA, GROUP, r"Write the two-loop gauge beta function as "
                       r"$\beta(g) = -\frac{g^3}{16\pi^2}b_0 - \frac{g^5}{(16\pi^2)^2}b_1$.")
    steps = []
    for rep in sorted({r for r, _ in content}):
        ca, t, c2 = group_data(N, rep)
        steps.append(rf"Group theory of the {rep_name(rep)} (from the characters): $C_A = {tex(ca)}$, $T(R) = {tex(t)}$, "
                     rf"$C_2(R) = {tex(c2)}$.")
    steps.append(r"One and two loops (Caswell 1974, Jones 1974): $b_0 = \tfrac{11}{3}C_A - \tfrac43 \sum_R T(R)n_R$, "
                 r"$b_1 = \tfrac{34}{3}C_A^2 - \sum_R\big(4C_2(R) + \tfrac{20}{3}C_A\big)T(R)n_R$.")
    perturbative = (rf"The fermion numbers lie in the weakly coupled part of the conformal window (the two-loop fixed "
                    rf"point has $\alpha_* = g_*^2/4\pi \le {tex(config.alpha_max)}$).")
    if want == "nf_min":
        nf = lower_edge(N, rep0)
        b0, b1 = two_loop(N, ((rep0, nf),))
        b0m, b1m = two_loop(N, ((rep0, nf - 1),)) if nf > 1 else (None, None)
        value = sp.Integer(nf)
        body = (f"Consider $SU({N})$ gauge theory with $n_f$ Dirac fermions in the {rep_name(rep0)} representation. "
                r"What is the smallest $n_f$ for which the two-loop beta function has a nontrivial infrared zero "
                r"($b_0 > 0$ and $b_1 < 0$)? Give the integer in `\boxed{}`.")
        steps.append(rf"$b_1$ decreases linearly in $n_f$; it first becomes negative at $n_f = {nf}$ ($b_1 = {tex(b1)}$"
                     + (rf", while $n_f = {nf - 1}$ gives $b_1 = {tex(b1m)}$" if b1m is not None else "")
                     + rf"), where $b_0 = {tex(b0)} > 0$.")
    else:
        b0, b1 = two_loop(N, content)
        steps.append(rf"Here $b_0 = {tex(b0)}$, $b_1 = {tex(b1)}$.")
        g2 = fixed_point(N, content) if want != "b1" else None
        if g2 is not None:
            steps.append(r"Since $b_0 > 0$ and $b_1 < 0$, $\beta(g) = 0$ has the nontrivial zero "
                         rf"$g_*^2 = -16\pi^2 b_0/b_1 = {tex(g2)}$.")
        quantity = {
            "b1": r"the two-loop coefficient $b_1$",
            "gstar2": r"the value $g_*^2$ of the coupling at the nontrivial infrared fixed point of the two-loop beta function",
            "alphastar": r"the fixed-point value $\alpha_* = g_*^2/4\pi$ of the two-loop beta function",
            "slope": (r"the slope $\beta'(g_*) = d\beta/dg$ at the nontrivial infrared zero $g_*$ of the two-loop beta "
                      r"function (the critical exponent governing the approach to the fixed point)"),
            "gamma_m": (r"the fermion mass anomalous dimension $\gamma_m = -d\ln m/d\ln\mu$ at the two-loop infrared fixed "
                        r"point $g_*$, using its one-loop expression $\gamma_m = 6C_2(R)\,g^2/16\pi^2$ for the fermions "
                        rf"in the {rep_name(rep0)}"),
        }[want]
        if want == "b1":
            value = b1
        elif want == "gstar2":
            value = g2
        elif want == "alphastar":
            value = sp.simplify(g2 / (4 * sp.pi))
            steps.append(rf"Hence $\alpha_* = g_*^2/4\pi = -4\pi b_0/b_1 = {tex(value)}$.")
        elif want == "slope":
            beta = -G**3 / (16 * sp.pi**2) * b0 - G**5 / (16 * sp.pi**2) ** 2 * b1
            value = sp.simplify(sp.diff(beta, G).subs(G, sp.sqrt(g2)))
            steps.append(r"Differentiating, $\beta'(g) = -\frac{3b_0g^2}{16\pi^2} - \frac{5b_1g^4}{(16\pi^2)^2}$; at $g_*$ "
                         rf"this is ${tex(value)}$ ($= -2b_0^2/b_1$).")
        else:
            c2 = group_data(N, rep0)[2]
            value = sp.simplify(6 * c2 * g2 / (16 * sp.pi**2))
            steps.append(rf"With $C_2 = {tex(c2)}$: $\gamma_m(g_*) = 6C_2\,g_*^2/16\pi^2 = {tex(value)}$.")
        body = (f"Consider {_describe(N, content)}. "
                + (perturbative + " " if want != "b1" else "")
                + f"Compute {quantity}. Give it as a single exact value in `\\boxed{{}}`.")
    answer = tex(value)
    return Draft(problem=f"{conv}\n\n{body}", answer=answer,
                 solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"N": N, "content": [list(c) for c in content], "want": want}, difficulty=d)


register(Family(name=NAME, category="Renormalization Group and Scaling", levels=LEVELS,
                description="Two-loop b1, the weakly coupled Banks-Zaks fixed point of SU(N) with Dirac fermions, the "
                            "slope and gamma_m there, and the window's lower edge.",
                generate=generate, config=Config(),
                version=2,  # 2: knob; alpha_* <= 1/2 stated; slope, gamma_m, two representations, window edge
                reference="Caswell PRL 33 (1974) 244; Jones NPB 75 (1974) 531; Banks & Zaks NPB 196 (1982) 189"))
