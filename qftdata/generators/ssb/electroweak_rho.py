r"""Gauge-boson masses and the $\rho$ parameter for $SU(2)_L\times U(1)_Y$ broken by scalar multiplets of
arbitrary weak isospin $j$ and hypercharge $Y$ ($Q = T_3 + Y$), complex or real, computed by building the spin-$j$
generators explicitly and diagonalising the vector mass matrix $M^2_{ab} = \frac{v_k^2}{2}\langle 0_k|\{G_a, G_b\}|0_k\rangle$
summed over the multiplets ($|0_k\rangle$ the neutral component; a complex multiplet with $\langle\Phi^0\rangle = v_k/\sqrt2$
and kinetic term $|D\Phi|^2$, a real one with $\langle\phi^0\rangle = v_k$ and $\frac12(D\phi)^2$ give the same form).

Levels (rubric): advanced-undergraduate — two or three doublets ($m_W^2$, $m_Z^2$); graduate — one multiplet of general
$(j, Y)$; advanced-graduate — two multiplets (the doublet or a general one, plus a general one); postgraduate — a doublet, a complex and a real
multiplet: $\rho$, or the vev ratio that restores $\rho = 1$ at tree level (custodial alignment, as in the
Georgi–Machacek model). The knob grows the isospins and the vev ratios.
Reference: Gunion, Haber, Kane & Dawson, *The Higgs Hunter's Guide* (1990), sec. 7.2:
$\rho = \sum_k [j_k(j_k+1) - Y_k^2] c_k v_k^2 / \sum_k 2Y_k^2 v_k^2$; P&S ch. 20 for the doublet:
$m_W = gv/2$, $m_Z = \sqrt{g^2+g'^2}\,v/2$; Georgi & Machacek, NPB 262 (1985) 463.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick, small_rationals, tex
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, conventions
from qftdata.schema import LEVELS

NAME = "ssb.electroweak_rho"
G, GY, V, W, U = sp.symbols("g g_Y v w u", positive=True)
HALF = sp.Rational(1, 2)
VEVS = {"v": V, "w": W, "u": U}


def complex_multiplets(max_j) -> tuple[tuple[sp.Rational, sp.Rational], ...]:
    """(j, Y) with a neutral component (T3 = -Y in -j..j), Y > 0, j >= 1 (the doublet is treated apart)."""
    out = []
    for twoj in range(2, int(2 * max_j) + 1):
        j = sp.Rational(twoj, 2)
        for k in range(twoj + 1):
            y = -(j - k)
            if y > 0:
                out.append((j, y))
    return tuple(out)


def spin_matrices(j):
    """(T1, T2, T3) for isospin j in the basis m = j, j-1, ..., -j."""
    ms = [j - k for k in range(int(2 * j) + 1)]
    n = len(ms)
    tp = sp.zeros(n, n)
    for r in range(1, n):
        m = ms[r]
        tp[r - 1, r] = sp.sqrt(j * (j + 1) - m * (m + 1))  # T+ |m> = sqrt(...) |m+1>
    tm = tp.T
    return (tp + tm) / 2, (tp - tm) / (2 * sp.I), sp.diag(*ms), ms


@cache
def unit_mass_matrix(j, y) -> sp.Matrix:
    """(1/2)<0|{G_a, G_b}|0> for G = (g T^1, g T^2, g T^3, g_Y Y) and the neutral state T3 = -Y (per unit vev^2)."""
    t1, t2, t3, ms = spin_matrices(j)
    n = len(ms)
    gens = [G * t1, G * t2, G * t3, GY * y * sp.eye(n)]
    state = sp.zeros(n, 1)
    state[ms.index(-y), 0] = 1
    return sp.Matrix(4, 4, lambda a, b: sp.expand((state.H * (gens[a] * gens[b] + gens[b] * gens[a]) * state)[0, 0] / 2))


def masses(multiplets: tuple) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(m_W^2, m_Z^2, rho) for multiplets ((j, Y, vev), ...), each contributing vev^2 times `unit_mass_matrix`."""
    m2 = sp.zeros(4, 4)
    for j, y, vev in multiplets:
        m2 += vev**2 * unit_mass_matrix(j, y)
    mw2 = sp.factor(m2[0, 0])
    if sp.expand(m2[0, 0] - m2[1, 1]) != 0 or m2[0, 1] != 0:
        raise ArithmeticError("W1/W2 block is not degenerate")
    block = m2[2:, 2:]
    if sp.expand(block.det()) != 0:
        raise ArithmeticError("no massless photon")
    mz2 = sp.factor(block.trace())  # one zero eigenvalue: the other is the trace
    rho = sp.factor(sp.cancel(mw2 * (G**2 + GY**2) / (G**2 * mz2)))
    return mw2, mz2, rho


def _mult_text(j, y) -> str:
    return f"isospin $j = {tex(j)}$ (dimension {int(2 * j + 1)}) and hypercharge $Y = {tex(y)}$"


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_j: sp.Rational = sp.Integer(5)


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    pool = complex_multiplets(2 + u * (config.max_j - 2))
    ratios = small_rationals(2 + round(3 * u), 2 + round(3 * u))
    syms_order = ["g", "g_Y", "v", "w", "u"]
    if level == "advanced-undergraduate":
        n_d = rng.randint(2, 3)
        rs = sorted({pick(rng, [x for x in ratios if x != 1]) for _ in range(n_d - 1)})
        mults = ((HALF, HALF, V),) + tuple((HALF, HALF, r * V) for r in rs)
        want = pick(rng, ("mW2", "mZ2"))
        vevs = ", ".join(["$v/\\sqrt2$"] + [f"${tex(r)}\\,v/\\sqrt2$" for r in rs])
        setup = (f"{len(mults)} complex scalar doublets ($j = 1/2$, $Y = 1/2$) whose neutral components have "
                 f"expectation values {vevs}")
        params = {"multiplets": [[str(j), str(y), str(vev)] for j, y, vev in mults], "want": want}
    elif level == "graduate":
        j, y = pick(rng, pool)
        mults = ((j, y, V),)
        want = pick(rng, ("rho", "mW2", "mZ2", "ratio"))
        setup = (f"a single complex scalar multiplet $\\Phi$ with {_mult_text(j, y)}, whose electrically neutral "
                 f"component ($T_3 = {tex(-y)}$) has expectation value $v/\\sqrt2$")
        params = {"multiplets": [[str(j), str(y), "v"]], "want": want}
    elif level == "advanced-graduate":
        j, y = pick(rng, pool)
        numeric = rng.random() < 0.4
        r = pick(rng, ratios) if numeric else None
        wv = r * V if numeric else W
        j1, y1 = (HALF, HALF) if rng.random() < 0.5 else pick(rng, pool)  # the doublet, or a second multiplet
        mults = ((j1, y1, V), (j, y, wv))
        want = pick(rng, ("rho", "mW2", "mZ2"))
        vev_txt = f"${tex(r)}\\,v/\\sqrt2$" if numeric else "$w/\\sqrt2$"
        first = ("the doublet $H$ ($j = 1/2$, $Y = 1/2$)" if j1 == HALF else
                 f"$H$ with {_mult_text(j1, y1)}") + f" with neutral-component ($T_3 = {tex(-y1)}$) expectation value $v/\\sqrt2$"
        setup = (f"two complex scalar multiplets: {first}, and $\\Phi$ with {_mult_text(j, y)}, whose neutral component "
                 f"($T_3 = {tex(-y)}$) has expectation value {vev_txt}")
        params = {"multiplets": [[str(j1), str(y1), "v"], [str(j), str(y), str(wv)]], "want": want}
    else:
        # complex multiplets with Y = j lower rho (3Y^2 > j(j+1)); a real integer-isospin one raises it
        want = pick(rng, ("rho", "custodial"))
        j, y = pick(rng, [(jj, yy) for jj, yy in pool if yy == jj or want == "rho"])
        jr = rng.randint(1, 1 + round(3 * u))
        ur = U if want == "custodial" or rng.random() < 0.5 else pick(rng, ratios) * W  # u given as a multiple of w
        mults = ((HALF, HALF, V), (j, y, W), (sp.Integer(jr), sp.Integer(0), ur))
        setup = ("three scalar multiplets: the complex doublet $H$ ($j = 1/2$, $Y = 1/2$) with neutral-component "
                 f"expectation value $v/\\sqrt2$; a complex multiplet $\\chi$ with {_mult_text(j, y)}, whose neutral "
                 f"component ($T_3 = {tex(-y)}$) has expectation value $w/\\sqrt2$; and a real multiplet $\\xi$ "
                 f"(kinetic term $\\tfrac12(D_\\mu\\xi)^2$) with isospin $j = {jr}$ and $Y = 0$, whose neutral "
                 f"component has expectation value ${tex(ur)}$")
        params = {"multiplets": [["1/2", "1/2", "v"], [str(j), str(y), "w"], [str(jr), "0", str(ur)]], "want": want}
    mw2, mz2, rho = masses(mults)
    if want == "custodial":
        sol = sp.solve(sp.Eq(sp.numer(sp.together(rho - 1)), 0), U**2)
        value = sp.factor(sol[0] / W**2)
        what = (r"the ratio $u^2/w^2$ for which the tree-level $\rho$ parameter is exactly 1 for any $v$ (custodial "
                r"alignment)")
    else:
        value = {"mW2": mw2, "mZ2": mz2, "rho": rho, "ratio": sp.factor(mz2 / mw2)}[want]
        what = {"mW2": r"the squared $W^\pm$ mass $m_W^2$", "ratio": r"the mass ratio $m_Z^2/m_W^2$",
                "mZ2": r"the squared $Z$ mass $m_Z^2$",
                "rho": r"the tree-level parameter $\rho = m_W^2/(m_Z^2\cos^2\theta_W)$, with $\cos^2\theta_W = g^2/(g^2+g_Y^2)$"}[want]
    syms = sorted({s.name for s in value.free_symbols}, key=syms_order.index)
    ask = (f"Give it in terms of {', '.join('$' + s + '$' for s in syms)}, as a single expression in `\\boxed{{}}`."
           if syms else "Give it as a single exact value in `\\boxed{}`.")
    problem = (conventions(UNITS, METRIC, r"The covariant derivative is $D_\mu = \partial_\mu - i g W^a_\mu T^a - i g_Y Y B_\mu$, "
                           r"the electric charge is $Q = T_3 + Y$, and a complex scalar has kinetic term $|D_\mu\Phi|^2$.")
               + f"\n\nThe electroweak gauge group $SU(2)_L\\times U(1)_Y$ (couplings $g$, $g_Y$) is broken by {setup}. "
               f"Compute {what}. {ask}")
    steps = [r"Insert the expectation values in the kinetic terms: the vector mass term is $\tfrac12 M^2_{ab}V^a_\mu V^{b\mu}$ "
             r"with $V = (W^1, W^2, W^3, B)$ and $M^2_{ab} = \sum_k \frac{v_k^2}{2}\langle 0_k|\{G_a,G_b\}|0_k\rangle$, "
             r"$G_a = gT^a$ ($a = 1,2,3$), $G_4 = g_Y Y$ (the same form for a complex multiplet with "
             r"$\langle\Phi^0\rangle = v_k/\sqrt2$ and a real one with $\langle\xi^0\rangle = v_k$).",
             r"Build $T^{1,2,3}$ for each isospin from $T_\pm|j,m\rangle = \sqrt{j(j+1) - m(m\pm1)}\,|j,m\pm1\rangle$.",
             rf"The $W^1$, $W^2$ entries are degenerate: $m_W^2 = M^2_{{11}} = {tex(mw2)}$.",
             rf"The $(W^3, B)$ block has one zero eigenvalue (the photon) and $m_Z^2$ equal to its trace, ${tex(mz2)}$.",
             rf"Then $\rho = m_W^2(g^2+g_Y^2)/(g^2 m_Z^2) = {tex(rho)}$."]
    if want == "custodial":
        steps.append(rf"$\rho = 1$ for every $v$ requires the $w$ and $u$ terms to cancel: $u^2/w^2 = {tex(value)}$.")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params=params, symbols=syms, answer_type="expression" if syms else "numeric", difficulty=d)


register(Family(name=NAME, category="Spontaneous Symmetry Breaking and Higgs", levels=LEVELS,
                description="W/Z masses and rho parameter from complex and real scalar multiplets of general isospin and "
                            "hypercharge; custodial vev alignment.",
                generate=generate, config=Config(),
                version=2,  # 2: knob; one setup per level (no text at two levels); real multiplets; custodial ratio
                reference="Gunion, Haber, Kane & Dawson, The Higgs Hunter's Guide (1990); Peskin & Schroeder ch. 20"))
