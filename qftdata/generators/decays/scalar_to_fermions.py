r"""Width of a (pseudo)scalar decaying to a fermion pair through a Yukawa coupling.

$\mathcal L_{\rm int} = -\phi\,\bar\psi(g_S + i g_P\gamma^5)\psi$. The spin sum
$\sum|\mathcal M|^2 = \mathrm{tr}[(\not k_1+m)(g_S+ig_P\gamma^5)(\not k_2-m)(g_S+ig_P\gamma^5)]$ is evaluated with
explicit 4x4 Dirac matrices on rest-frame momenta and fed to the two-body width formula.
Reference: $\Gamma = N_c\frac{M}{8\pi}(g_S^2\beta^3 + g_P^2\beta)$, $\beta = \sqrt{1-4m^2/M^2}$
(e.g. Higgs width to fermions, Djouadi, Phys. Rept. 457 (2008) eq. (2.7); Srednicki problem 48.x).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.decays._two_body import WIDTH_TEXT, rest_frame_momenta, width
from qftdata.generators.dirac import GAMMA5, slash, trace
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import pick, tex
from qftdata.generators.text import METRIC, STATES, UNITS, UNPOLARISED, conventions

NAME = "decays.scalar_to_fermions"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate")
M, m = sp.symbols("M m", positive=True)
g, g_S, g_P, N_c = sp.symbols("g g_S g_P N_c", positive=True)
RATIOS = tuple(sorted({sp.Rational(k, n) for n in range(3, 13) for k in range(1, n) if 2 * k < n}))
COUPLING_RATIOS = (sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(2, 3), sp.Rational(3, 4), sp.Integer(2),
                   sp.Integer(3), sp.Rational(3, 2), sp.Rational(1, 4))


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


@cache
def _width_general() -> sp.Expr:
    """Gamma for couplings (g_S, g_P), one colour, symbolic masses."""
    return sp.factor(sp.simplify(width(M, m, m, spin_sum(g_S, g_P))))


@cache
def spin_sum(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """sum_spins |ubar(k1) (a + i b g5) v(k2)|^2 in the rest frame of mass M, fermion mass m."""
    _, k1, k2 = rest_frame_momenta(M, m, m)
    one = sp.eye(4)
    vertex = a * one + sp.I * b * GAMMA5
    # conjugate vertex: gamma^0 (a + i b g5)^dagger gamma^0 = a + i b g5
    return sp.factor(sp.simplify(trace(slash(k1) + m * one, vertex, slash(k2) - m * one, vertex)))


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    colours = 1
    r = None
    if level == "advanced-undergraduate":
        kind = pick(rng, ("scalar", "pseudoscalar"))
        ratio = pick(rng, RATIOS)
        colours = pick(rng, (1, 3))
    elif level == "graduate":
        kind = pick(rng, ("scalar", "pseudoscalar", "mixed_numeric"))
        ratio = pick(rng, RATIOS) if rng.random() < 0.5 else None
        colours = pick(rng, (1, 3, N_c))
        if kind == "mixed_numeric":
            r = pick(rng, COUPLING_RATIOS)
    else:
        kind = pick(rng, ("mixed", "mixed_numeric"))
        ratio = pick(rng, RATIOS) if rng.random() < 0.3 else None
        colours = pick(rng, (1, 3, N_c))
        if kind == "mixed_numeric":
            r = pick(rng, COUPLING_RATIOS)
    a, b = {"scalar": (g, 0), "pseudoscalar": (0, g), "mixed": (g_S, g_P), "mixed_numeric": (g, (r or 0) * g)}[kind]
    summed = sp.factor(spin_sum(g_S, g_P).subs({g_S: a, g_P: b}))
    gamma_full = sp.factor(colours * _width_general().subs({g_S: a, g_P: b}))
    value = gamma_full.subs(m, ratio * M) if ratio is not None else gamma_full
    value = sp.factor(value)
    answer = tex(value)

    lag = {"scalar": r"-g\,\phi\,\bar\psi\psi", "pseudoscalar": r"-i g\,\phi\,\bar\psi\gamma^5\psi",
           "mixed": r"-\phi\,\bar\psi(g_S + i g_P\gamma^5)\psi",
           "mixed_numeric": rf"-g\,\phi\,\bar\psi\left(1 + {sp.latex(r) if r is not None else ''}\,i\gamma^5\right)\psi"}[kind]
    colour_text = {1: "The fermion carries no colour.", 3: "The fermion comes in $N_c = 3$ colours.",
                   N_c: "The fermion comes in $N_c$ colours."}[colours]
    mass_text = (rf"with mass $m = {sp.latex(ratio)}\,M$" if ratio is not None else "with mass $m$ (with $2m < M$)")
    syms = ([r"g"] if kind != "mixed" else [r"g_S", r"g_P"]) + ["M"] + ([] if ratio is not None else ["m"]) \
        + (["N_c"] if colours == N_c else [])
    problem = (
        f"{conventions(UNITS, METRIC, STATES, UNPOLARISED)}\n\n"
        f"A real scalar field $\\phi$ of mass $M$ couples to a Dirac fermion $\\psi$ {mass_text} through "
        f"$$\\mathcal L_{{\\rm int}} = {lag}.$$ {colour_text} The couplings are real.\n\n"
        r"Compute the tree-level decay width $\Gamma(\phi\to\psi\bar\psi)$, summed over final spins"
        + (" and colours" if colours != 1 else "") + ". Give it in terms of "
        + ", ".join(f"${x}$" for x in syms[:-1]) + f" and ${syms[-1]}$, as a single expression in `\\boxed{{}}`."
    )
    vtx = {"scalar": "g", "pseudoscalar": r"i g\gamma^5", "mixed": r"(g_S + i g_P\gamma^5)",
           "mixed_numeric": rf"g(1 + {sp.latex(r) if r is not None else ''}\,i\gamma^5)"}[kind]
    steps = [
        rf"The amplitude is $i\mathcal M = -i\,\bar u(k_1)\,{vtx}\,v(k_2)$. Since "
        r"$\gamma^0(i\gamma^5)^\dagger\gamma^0 = i\gamma^5$, the conjugate vertex is the same matrix, and the spin sums "
        r"$\sum u\bar u = \not k_1 + m$, $\sum v\bar v = \not k_2 - m$ give",
        rf"$$\sum_{{\rm spins}}|\mathcal M|^2 = \mathrm{{tr}}\left[(\not k_1 + m)\,{vtx}\,(\not k_2 - m)\,{vtx}\right].$$",
        r"Using $\mathrm{tr}[\not a\not b] = 4a\cdot b$, $\mathrm{tr}[\gamma^5\not a\not b] = 0$, $(\gamma^5)^2 = 1$, "
        r"$\gamma^5\not a = -\not a\gamma^5$ and $k_1\cdot k_2 = M^2/2 - m^2$: the scalar part gives "
        r"$4g_S^2(k_1\cdot k_2 - m^2) = 2g_S^2(M^2 - 4m^2)$, the pseudoscalar part $4g_P^2(k_1\cdot k_2 + m^2) = "
        r"2g_P^2M^2$, and the cross terms vanish. Here",
        rf"$$\sum_{{\rm spins}}|\mathcal M|^2 = {sp.latex(summed)}.$$",
        WIDTH_TEXT + r" Here $|\mathbf p| = \frac{M}{2}\sqrt{1 - 4m^2/M^2}$, so",
        rf"$$\Gamma = {sp.latex(gamma_full)}.$$",
    ]
    if ratio is not None:
        steps.append(rf"With $m = {sp.latex(ratio)}M$: $\Gamma = {answer}$.")
    steps.append(rf"$$\boxed{{{answer}}}$$")
    params = {"kind": kind, "ratio": str(ratio) if ratio is not None else None, "colours": str(colours),
              "r": str(r) if r is not None else None}
    symbols = ["g"] if kind != "mixed" else ["g_S", "g_P"]
    symbols += ["M"] + ([] if ratio is not None else ["m"]) + (["N_c"] if colours == N_c else [])
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=symbols)


register(Family(
    name=NAME,
    category="Fermions and Spinor Structure",
    levels=LEVELS,
    description="Scalar / pseudoscalar Yukawa decay to a fermion pair: explicit-matrix spin sum and two-body width.",
    generate=generate,
    config=Config(),
    version=1,
    reference="Gamma = N_c M (g_S^2 beta^3 + g_P^2 beta)/(8 pi); Djouadi Phys. Rept. 457 (2008) eq. (2.7)",
))
