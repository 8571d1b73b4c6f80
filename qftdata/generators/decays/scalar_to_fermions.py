r"""Width of a (pseudo)scalar decaying to a fermion pair through a Yukawa coupling.

$\mathcal L_{\rm int} = -\phi\,\bar\psi(g_S + i g_P\gamma^5)\psi$. The spin sum
$\sum|\mathcal M|^2 = \mathrm{tr}[(\not k_1+m)(g_S+ig_P\gamma^5)(\not k_2-m)(g_S+ig_P\gamma^5)]$ is evaluated with
explicit 4x4 Dirac matrices on rest-frame momenta and fed to the two-body width formula.
Advanced-graduate problems have a charged scalar and two fermions of different masses,
$\sum|\mathcal M|^2 = 2g_S^2[M^2 - (m_1+m_2)^2] + 2g_P^2[M^2 - (m_1-m_2)^2]$.
Reference: $\Gamma = N_c\frac{M}{8\pi}(g_S^2\beta^3 + g_P^2\beta)$, $\beta = \sqrt{1-4m^2/M^2}$
(e.g. Higgs width to fermions, Djouadi, Phys. Rept. 457 (2008) eq. (2.7); Srednicki problem 48.x).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.decays._two_body import (
    WIDTH_TEXT,
    coupling_split,
    rest_frame_momenta,
    width_from_parts,
    width_value,
)
from qftdata.generators.dirac import GAMMA5, slash, trace
from qftdata.generators.foundations._knob import band_pick, band_scale
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import pick, tex
from qftdata.generators.text import METRIC, STATES, UNITS, UNPOLARISED, conventions

NAME = "decays.scalar_to_fermions"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate")
M, m, m1, m2 = sp.symbols("M m m_1 m_2", positive=True)
g, g_S, g_P, N_c = sp.symbols("g g_S g_P N_c", positive=True)
RATIOS = tuple(sorted({sp.Rational(k, n) for n in range(3, 21) for k in range(1, n) if 2 * k < n}))
COUPLING_RATIOS = (sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(2, 3), sp.Rational(3, 4), sp.Integer(2),
                   sp.Integer(3), sp.Rational(3, 2), sp.Rational(1, 4), sp.Rational(4, 3), sp.Rational(5, 2))


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


@cache
def spin_sum(a: sp.Expr, b: sp.Expr, ma: sp.Expr = m, mb: sp.Expr = m) -> sp.Expr:
    """sum_spins |ubar(k1) (a + i b g5) v(k2)|^2 in the rest frame of mass M, fermion masses ma, mb."""
    _, k1, k2 = rest_frame_momenta(M, ma, mb)
    one = sp.eye(4)
    vertex = a * one + sp.I * b * GAMMA5
    # conjugate vertex: gamma^0 (a + i b g5)^dagger gamma^0 = a + i b g5
    return sp.factor(sp.expand(trace(slash(k1) + ma * one, vertex, slash(k2) - mb * one, vertex)))


@cache
def _symbolic_width(a: sp.Expr, b: sp.Expr, unequal: bool) -> tuple[sp.Expr, sp.Expr]:
    """(spin-summed |M|^2, one-colour width) for couplings (a, b), symbolic masses; cached per coupling set."""
    ma, mb = (m1, m2) if unequal else (m, m)
    x, y = _split(unequal)
    summed = a**2 * x + b**2 * y if (a, b) != (g_S, g_P) else sp.factor(spin_sum(g_S, g_P, ma, mb))
    return summed, width_from_parts(M, ma, mb, summed)


@cache
def _split(unequal: bool) -> tuple[sp.Expr, sp.Expr]:
    return coupling_split(spin_sum(g_S, g_P, *((m1, m2) if unequal else (m, m))), g_S, g_P)


def _draw(rng: random.Random, dv: float, level: str):
    """(kind, coupling ratio r, colours, mass ratios or None) by level: numbers, one symbolic mass, two masses."""
    n_ratios = band_scale(dv, level, 12, len(RATIOS))
    r = None
    if level == "advanced-undergraduate":
        kind = pick(rng, ("scalar", "pseudoscalar"))
        return kind, r, 1, (pick(rng, RATIOS[:n_ratios]),)
    if level == "graduate":
        kind = pick(rng, ("scalar", "pseudoscalar", "mixed_numeric", "mixed_numeric"))
        colours = pick(rng, (1, 3, N_c))
        if kind == "mixed_numeric":
            r = pick(rng, COUPLING_RATIOS)
        ratio = (pick(rng, RATIOS[:n_ratios]),) if kind == "mixed_numeric" and rng.random() < 0.5 else None
        return kind, r, colours, ratio
    kind = band_pick(dv, level, rng, ("mixed_numeric", "mixed", "mixed"))
    if kind == "mixed_numeric":
        r = pick(rng, COUPLING_RATIOS)
    colours = pick(rng, (1, 3, N_c))
    if rng.random() < 0.4:  # numeric mass ratios m_1 = x M, m_2 = y M with x + y < 1
        while True:
            x, y = pick(rng, RATIOS[:n_ratios]), pick(rng, RATIOS[:n_ratios])
            if x != y and x + y < 1:
                return kind, r, colours, (x, y)
    return kind, r, colours, None


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    kind, r, colours, ratio = _draw(rng, dv, level)
    unequal = level == "advanced-graduate"
    a, b = {"scalar": (g, 0), "pseudoscalar": (0, g), "mixed": (g_S, g_P), "mixed_numeric": (g, (r or 0) * g)}[kind]
    ma, mb = (m1, m2) if unequal else (m, m)
    summed, gamma_one = _symbolic_width(a, b, unequal)
    gamma_full = colours * gamma_one
    value = width_value(M, (ma, mb), summed, gamma_one, colours, ratio)
    answer = tex(value)

    r_tex = sp.latex(r) if r is not None else ""
    if unequal:
        lag = {"mixed": r"-\phi\,\bar\psi_1(g_S + i g_P\gamma^5)\psi_2 + \text{h.c.}",
               "mixed_numeric": rf"-g\,\phi\,\bar\psi_1\left(1 + {r_tex}\,i\gamma^5\right)\psi_2 + \text{{h.c.}}"}[kind]
        field = r"A complex scalar field $\phi$ of mass $M$ couples to two Dirac fermions $\psi_1$, $\psi_2$"
        if ratio is None:
            mass_text = r"of masses $m_1$ and $m_2$ (with $m_1 + m_2 < M$)"
        else:
            mass_text = rf"of masses $m_1 = {sp.latex(ratio[0])}\,M$ and $m_2 = {sp.latex(ratio[1])}\,M$"
        final = r"\psi_1\bar\psi_2"
    else:
        lag = {"scalar": r"-g\,\phi\,\bar\psi\psi", "pseudoscalar": r"-i g\,\phi\,\bar\psi\gamma^5\psi",
               "mixed_numeric": rf"-g\,\phi\,\bar\psi\left(1 + {r_tex}\,i\gamma^5\right)\psi"}[kind]
        field = r"A real scalar field $\phi$ of mass $M$ couples to a Dirac fermion $\psi$"
        mass_text = (rf"with mass $m = {sp.latex(ratio[0])}\,M$" if ratio is not None
                     else "with mass $m$ (with $2m < M$)")
        final = r"\psi\bar\psi"
    colour_text = {1: "The fermions carry no colour.", 3: "The fermions come in $N_c = 3$ colours.",
                   N_c: "The fermions come in $N_c$ colours."}[colours]
    symbols = ["g"] if kind != "mixed" else ["g_S", "g_P"]
    symbols += ["M"] + ([] if ratio is not None else (["m_1", "m_2"] if unequal else ["m"]))
    symbols += ["N_c"] if colours == N_c else []
    problem = (
        f"{conventions(UNITS, METRIC, STATES, UNPOLARISED)}\n\n"
        f"{field} {mass_text} through $$\\mathcal L_{{\\rm int}} = {lag}.$$ {colour_text} The couplings are real.\n\n"
        rf"Compute the tree-level decay width $\Gamma(\phi\to{final})$, summed over final spins"
        + (" and colours" if colours != 1 else "") + ". Give it in terms of "
        + ", ".join(f"${x}$" for x in symbols[:-1]) + f" and ${symbols[-1]}$, as a single expression in `\\boxed{{}}`."
    )
    vtx = {"scalar": "g", "pseudoscalar": r"i g\gamma^5", "mixed": r"(g_S + i g_P\gamma^5)",
           "mixed_numeric": rf"g(1 + {r_tex}\,i\gamma^5)"}[kind]
    mass1, mass2 = ("m_1", "m_2") if unequal else ("m", "m")
    steps = [
        rf"The amplitude is $i\mathcal M = -i\,\bar u(k_1)\,{vtx}\,v(k_2)$. Since "
        r"$\gamma^0(i\gamma^5)^\dagger\gamma^0 = i\gamma^5$, the conjugate vertex is the same matrix, and the spin sums "
        rf"$\sum u\bar u = \not k_1 + {mass1}$, $\sum v\bar v = \not k_2 - {mass2}$ give",
        rf"$$\sum_{{\rm spins}}|\mathcal M|^2 = \mathrm{{tr}}\left[(\not k_1 + {mass1})\,{vtx}\,(\not k_2 - {mass2})\,{vtx}\right].$$",
        r"Using $\mathrm{tr}[\not a\not b] = 4a\cdot b$, $\mathrm{tr}[\gamma^5\not a\not b] = 0$, $(\gamma^5)^2 = 1$, "
        rf"$\gamma^5\not a = -\not a\gamma^5$ and $k_1\cdot k_2 = (M^2 - {mass1}^2 - {mass2}^2)/2$: the scalar part gives "
        rf"$4g_S^2(k_1\cdot k_2 - {mass1}{mass2}) = 2g_S^2[M^2 - ({mass1} + {mass2})^2]$, the pseudoscalar part "
        rf"$2g_P^2[M^2 - ({mass1} - {mass2})^2]$, and the cross terms vanish. Here",
        rf"$$\sum_{{\rm spins}}|\mathcal M|^2 = {sp.latex(summed)}.$$",
        WIDTH_TEXT,
        rf"$$\Gamma = {sp.latex(gamma_full)}.$$",
    ]
    if ratio is not None:
        steps.append(rf"With the given mass ratio{'s' if unequal else ''}: $\Gamma = {answer}$.")
    steps.append(rf"$$\boxed{{{answer}}}$$")
    params = {"kind": kind, "ratio": [str(x) for x in ratio] if ratio is not None else None,
              "colours": str(colours), "r": str(r) if r is not None else None, "unequal": unequal}
    domain = ([] if ratio is not None else (["M > m_1 + m_2"] if unequal else ["M > 2*m"]))
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=symbols,
                 difficulty=dv, domain=domain)


register(Family(
    name=NAME,
    category="Fermions and Spinor Structure",
    levels=LEVELS,
    description="(Pseudo)scalar Yukawa decay to a fermion pair (equal or unequal masses): explicit-matrix spin "
                "sum and two-body width.",
    generate=generate,
    config=Config(),
    version=2,  # 2: knob; numbers at AU, symbolic m at G, unequal masses (charged scalar) at AG; domain
    reference="Gamma = N_c M (g_S^2 beta^3 + g_P^2 beta)/(8 pi); Djouadi Phys. Rept. 457 (2008) eq. (2.7); "
              "unequal masses: Djouadi Phys. Rept. 459 (2008) (charged Higgs to u dbar)",
))
