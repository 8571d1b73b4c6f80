r"""Gauge-boson masses and the $\rho$ parameter for $SU(2)_L\times U(1)_Y$ broken by scalar multiplets of
arbitrary weak isospin $j$ and hypercharge $Y$ ($Q = T_3 + Y$), computed by building the spin-$j$ generators
explicitly and diagonalising the vector mass matrix $M^2_{ab} = \sum\langle\Phi\rangle^\dagger\{G_a, G_b\}\langle\Phi\rangle$.

Reference: Gunion, Haber, Kane & Dawson, *The Higgs Hunter's Guide* (1990), sec. 7.2:
$\rho = \sum_k [j_k(j_k+1) - Y_k^2] v_k^2 / \sum_k 2Y_k^2 v_k^2$ (complex multiplets); P&S ch. 20 for the doublet:
$m_W = gv/2$, $m_Z = \sqrt{g^2+g'^2}\,v/2$.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, conventions
from qftdata.schema import LEVELS

NAME = "ssb.electroweak_rho"
G, GY, V, W = sp.symbols("g g_Y v w", positive=True)
HALF = sp.Rational(1, 2)

# (j, Y) multiplets with a neutral component (T3 = -Y) and Y != 0
MULTIPLETS = ((HALF, HALF), (sp.Integer(1), sp.Integer(1)), (sp.Rational(3, 2), HALF), (sp.Rational(3, 2), sp.Rational(3, 2)),
              (sp.Integer(2), sp.Integer(1)), (sp.Integer(2), sp.Integer(2)), (sp.Integer(3), sp.Integer(2)),
              (sp.Rational(5, 2), sp.Rational(3, 2)), (sp.Integer(3), sp.Integer(3)), (sp.Rational(7, 2), sp.Rational(1, 2)))


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
def masses(multiplets: tuple) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(m_W^2, m_Z^2, rho) for complex multiplets ((j, Y, vev), ...) with <phi_{T3=-Y}> = vev/sqrt(2)."""
    m2 = sp.zeros(4, 4)
    for j, y, vev in multiplets:
        t1, t2, t3, ms = spin_matrices(j)
        n = len(ms)
        gens = [G * t1, G * t2, G * t3, GY * y * sp.eye(n)]
        phi = sp.zeros(n, 1)
        phi[ms.index(-y), 0] = vev / sp.sqrt(2)
        for a in range(4):
            for b in range(4):
                m2[a, b] += sp.simplify((phi.H * (gens[a] * gens[b] + gens[b] * gens[a]) * phi)[0, 0])
    mw2 = sp.factor(m2[0, 0])
    if sp.simplify(m2[0, 0] - m2[1, 1]) != 0 or m2[0, 1] != 0:
        raise ArithmeticError("W1/W2 block is not degenerate")
    block = m2[2:, 2:]
    eig = [sp.factor(e) for e in block.eigenvals()]
    nonzero = [e for e in eig if sp.simplify(e) != 0]
    if len(nonzero) != 1:
        raise ArithmeticError(f"expected one massless photon, got {eig}")
    mz2 = nonzero[0]
    rho = sp.factor(sp.simplify(mw2 * (G**2 + GY**2) / (G**2 * mz2)))
    return mw2, mz2, rho


def _mult_text(j, y) -> str:
    return f"isospin $j = {tex(j)}$ (dimension {int(2 * j + 1)}) and hypercharge $Y = {tex(y)}$"


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    if li == 0:
        mults = ((HALF, HALF, V),)
        want = pick(rng, ("mW2", "mZ2"))
    elif li == 1:
        j, y = pick(rng, MULTIPLETS[1:])
        mults = ((j, y, V),)
        want = pick(rng, ("rho", "mW2", "mZ2"))
    else:
        j, y = pick(rng, MULTIPLETS[1:])
        mults = ((HALF, HALF, V), (j, y, W))
        want = pick(rng, ("rho", "mW2") if li == 2 else ("rho", "mZ2", "rho"))
    mw2, mz2, rho = masses(mults)
    value = {"mW2": mw2, "mZ2": mz2, "rho": rho}[want]
    if len(mults) == 1 and mults[0][0] == HALF:
        setup = ("a single complex scalar doublet $\\Phi$ ($j = 1/2$, $Y = 1/2$) whose neutral component has "
                 "expectation value $v/\\sqrt2$")
    elif len(mults) == 1:
        setup = (f"a single complex scalar multiplet $\\Phi$ with {_mult_text(*mults[0][:2])}, whose electrically "
                 f"neutral component ($T_3 = {tex(-mults[0][1])}$) has expectation value $v/\\sqrt2$")
    else:
        setup = ("two complex scalar multiplets: the doublet $H$ ($j = 1/2$, $Y = 1/2$) with neutral-component "
                 f"expectation value $v/\\sqrt2$, and $\\Phi$ with {_mult_text(*mults[1][:2])}, whose neutral component "
                 f"($T_3 = {tex(-mults[1][1])}$) has expectation value $w/\\sqrt2$")
    what = {"mW2": r"the squared $W^\pm$ mass $m_W^2$",
            "mZ2": r"the squared $Z$ mass $m_Z^2$",
            "rho": r"the tree-level parameter $\rho = m_W^2/(m_Z^2\cos^2\theta_W)$, with $\cos^2\theta_W = g^2/(g^2+g_Y^2)$"}[want]
    syms = sorted({s.name for s in value.free_symbols}, key=["g", "g_Y", "v", "w"].index)
    tex_names = {"g": "g", "g_Y": "g_Y", "v": "v", "w": "w"}
    ask = (f"Give it in terms of {', '.join('$' + tex_names[s] + '$' for s in syms)}, as a single expression in `\\boxed{{}}`."
           if syms else "Give it as a single exact value in `\\boxed{}`.")
    problem = (conventions(UNITS, METRIC, r"The covariant derivative is $D_\mu = \partial_\mu - i g W^a_\mu T^a - i g_Y Y B_\mu$, "
                           r"the electric charge is $Q = T_3 + Y$, and a complex scalar has kinetic term $|D_\mu\Phi|^2$.")
               + f"\n\nThe electroweak gauge group $SU(2)_L\\times U(1)_Y$ (couplings $g$, $g_Y$) is broken by {setup}. "
               f"Compute {what}. {ask}")
    steps = [r"Insert the expectation values in $|D_\mu\Phi|^2$: the vector mass term is $\tfrac12 M^2_{ab}V^a_\mu V^{b\mu}$ "
             r"with $V = (W^1, W^2, W^3, B)$ and $M^2_{ab} = \sum\langle\Phi\rangle^\dagger\{G_a,G_b\}\langle\Phi\rangle$, "
             r"$G_a = gT^a$ ($a = 1,2,3$), $G_4 = g_Y Y$.",
             r"Build $T^{1,2,3}$ for each isospin from $T_\pm|j,m\rangle = \sqrt{j(j+1) - m(m\pm1)}\,|j,m\pm1\rangle$.",
             rf"The $W^1$, $W^2$ entries are degenerate: $m_W^2 = M^2_{{11}} = {tex(mw2)}$.",
             rf"The $(W^3, B)$ block has one zero eigenvalue (the photon) and $m_Z^2 = {tex(mz2)}$.",
             rf"Then $\rho = m_W^2(g^2+g_Y^2)/(g^2 m_Z^2) = {tex(rho)}$."]
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"multiplets": [[str(j), str(y), str(v)] for j, y, v in mults], "want": want}, symbols=syms)


register(Family(name=NAME, category="Spontaneous Symmetry Breaking and Higgs", levels=LEVELS,
                description="W/Z masses and rho parameter from scalar multiplets of general isospin and hypercharge.",
                generate=generate, config=Config(), version=1,
                reference="Gunion, Haber, Kane & Dawson, The Higgs Hunter's Guide (1990); Peskin & Schroeder ch. 20"))
