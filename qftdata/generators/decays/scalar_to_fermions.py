r"""Width of a (pseudo)scalar decaying to a fermion pair through a Yukawa coupling.

$\mathcal L_{\rm int} = -\phi\,\bar\psi(g_S + i g_P\gamma^5)\psi$. The spin sum
$\sum|\mathcal M|^2 = \mathrm{tr}[(\not k_1+m)(g_S+ig_P\gamma^5)(\not k_2-m)(g_S+ig_P\gamma^5)]$ is evaluated with
explicit 4x4 Dirac matrices on rest-frame momenta and fed to the two-body width formula. Graduate problems
add Higgs-like couplings $m/v$ (scalar or pseudoscalar) and fermion multiplets (no colour, an SU(2) doublet,
$N_c = 3$ or $N_c$ colours, a colour octet). Advanced-graduate problems have a charged scalar and two fermions of
different masses (or a massless partner, as in $H^+\to\tau\nu$), with $(g_S, g_P)$ couplings,
$\sum|\mathcal M|^2 = 2g_S^2[M^2 - (m_1+m_2)^2] + 2g_P^2[M^2 - (m_1-m_2)^2]$, or chiral ones
$y_L P_L + y_R P_R$ (conjugate vertex $\gamma^0\Gamma^\dagger\gamma^0$ computed), where the $y_Ly_R$ interference stays.
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
from qftdata.generators.dirac import GAMMA5, gamma, slash, trace
from qftdata.generators.foundations._knob import band_pick, band_scale
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import pick, tex
from qftdata.generators.text import METRIC, STATES, UNITS, UNPOLARISED, conventions

NAME = "decays.scalar_to_fermions"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate")
M, m, m1, m2 = sp.symbols("M m m_1 m_2", positive=True)
g, g_S, g_P, N_c = sp.symbols("g g_S g_P N_c", positive=True)
v, y_L, y_R = sp.symbols("v y_L y_R", positive=True)
RATIOS = tuple(sorted({sp.Rational(k, n) for n in range(3, 21) for k in range(1, n) if 2 * k < n}))
COUPLING_RATIOS = (sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(2, 3), sp.Rational(3, 4), sp.Integer(2),
                   sp.Integer(3), sp.Rational(3, 2), sp.Rational(1, 4), sp.Rational(4, 3), sp.Rational(5, 2))
# multiplicity of the fermion multiplet (phi a singlet; the coupling is summed over the multiplet index)
MULTIPLETS = (1, 2, 3, 8, N_c)
MULTIPLET_TEXT = {
    1: "The fermions carry no colour.",
    2: r"The fermions are doublets of an unbroken global $SU(2)$ under which $\phi$ is a singlet (the coupling "
       r"is summed over the doublet index).",
    3: "The fermions come in $N_c = 3$ colours.",
    8: r"The fermions are colour octets (the adjoint of $SU(3)$) and $\phi$ is a colour singlet (the coupling is "
       r"summed over the colour index).",
    N_c: "The fermions come in $N_c$ colours.",
}
GRAD_KINDS = ("scalar", "pseudoscalar", "higgs", "higgs_pseudo", "mixed_numeric")  # easy to hard
AG_KINDS = ("mixed_numeric", "mixed", "chiral")
P_L, P_R = (sp.eye(4) - GAMMA5) / 2, (sp.eye(4) + GAMMA5) / 2
GAMMA0 = gamma(0)


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
def chiral_spin_sum(ma: sp.Expr, mb: sp.Expr) -> sp.Expr:
    """sum_spins |ubar(k1) (y_L P_L + y_R P_R) v(k2)|^2: the conjugate vertex gamma^0 Gamma^dagger gamma^0 is
    computed from the matrices (it swaps the chiral projectors), and the y_L y_R interference survives."""
    _, k1, k2 = rest_frame_momenta(M, ma, mb)
    one = sp.eye(4)
    vertex = y_L * P_L + y_R * P_R
    bar = GAMMA0 * vertex.H * GAMMA0
    return sp.factor(sp.expand(trace(slash(k1) + ma * one, vertex, slash(k2) - mb * one, bar)))


@cache
def _symbolic_width(a: sp.Expr, b: sp.Expr, unequal: bool) -> tuple[sp.Expr, sp.Expr]:
    """(spin-summed |M|^2, one-colour width) for couplings (a, b), symbolic masses; cached per coupling set.
    (a, b) = (y_L, y_R) means the chiral vertex y_L P_L + y_R P_R."""
    ma, mb = (m1, m2) if unequal else (m, m)
    if (a, b) == (y_L, y_R):
        summed = chiral_spin_sum(ma, mb)
    elif (a, b) == (g_S, g_P):
        summed = sp.factor(spin_sum(g_S, g_P, ma, mb))
    else:
        x, y = _split(unequal)
        summed = a**2 * x + b**2 * y
    return summed, width_from_parts(M, ma, mb, summed)


@cache
def _split(unequal: bool) -> tuple[sp.Expr, sp.Expr]:
    return coupling_split(spin_sum(g_S, g_P, *((m1, m2) if unequal else (m, m))), g_S, g_P)


def _draw(rng: random.Random, dv: float, level: str):
    """(kind, coupling ratio r, multiplicity, mass ratios or None) by level: numbers, one symbolic mass or a
    ratio with Yukawa, Higgs-like (m/v) or mixed couplings, two masses with general or chiral couplings."""
    n_ratios = band_scale(dv, level, 32 if level == "advanced-undergraduate" else 20, len(RATIOS))
    r = None
    if level == "advanced-undergraduate":
        kind = pick(rng, ("scalar", "pseudoscalar"))
        return kind, r, 1, (pick(rng, RATIOS[:n_ratios]),)
    if level == "graduate":
        kind = band_pick(dv, level, rng, GRAD_KINDS, width=2)
        if kind == "mixed_numeric":
            r = pick(rng, COUPLING_RATIOS)
        ratio = (pick(rng, RATIOS[:n_ratios]),) if rng.random() < 0.5 else None
        # a colourless g or i g gamma^5 Yukawa at a numeric mass ratio is the advanced-undergraduate problem
        plain = ratio is not None and kind in ("scalar", "pseudoscalar")
        colours = pick(rng, MULTIPLETS[1:] if plain else MULTIPLETS)
        return kind, r, colours, ratio
    kind = band_pick(dv, level, rng, AG_KINDS)
    if kind == "mixed_numeric":
        r = pick(rng, COUPLING_RATIOS)
    colours = pick(rng, MULTIPLETS)
    masses = rng.random()
    if masses < 0.5:  # numeric mass ratios m_1 = x M, m_2 = y M with x + y < 1
        while True:
            x, y = pick(rng, RATIOS[:n_ratios]), pick(rng, RATIOS[:n_ratios])
            if x != y and x + y < 1:
                return kind, r, colours, (x, y)
    if masses < 0.7:  # a massless partner (a charged scalar to tau nu)
        return kind, r, colours, "massless2"
    return kind, r, colours, None


def _couplings(kind: str, r) -> tuple[sp.Expr, sp.Expr]:
    """(a, b) of the vertex a + i b gamma^5, or (y_L, y_R) for the chiral vertex."""
    return {"scalar": (g, 0), "pseudoscalar": (0, g), "higgs": (m / v, 0), "higgs_pseudo": (0, m / v),
            "mixed": (g_S, g_P), "mixed_numeric": (g, (r or 0) * g), "chiral": (y_L, y_R)}[kind]


def _texts(kind: str, r_tex: str, unequal: bool) -> tuple[str, str, list[str]]:
    """(interaction Lagrangian, vertex factor in the amplitude, coupling symbols) in LaTeX."""
    if unequal:
        lag = {"mixed": r"-\phi\,\bar\psi_1(g_S + i g_P\gamma^5)\psi_2 + \text{h.c.}",
               "mixed_numeric": rf"-g\,\phi\,\bar\psi_1\left(1 + {r_tex}\,i\gamma^5\right)\psi_2 + \text{{h.c.}}",
               "chiral": r"-\phi\,\bar\psi_1(y_L P_L + y_R P_R)\psi_2 + \text{h.c.}, \quad P_{L,R} = \tfrac12(1 \mp "
                         r"\gamma^5)"}[kind]
    else:
        lag = {"scalar": r"-g\,\phi\,\bar\psi\psi", "pseudoscalar": r"-i g\,\phi\,\bar\psi\gamma^5\psi",
               "higgs": r"-\frac{m}{v}\,\phi\,\bar\psi\psi", "higgs_pseudo": r"-i\,\frac{m}{v}\,\phi\,\bar\psi\gamma^5\psi",
               "mixed_numeric": rf"-g\,\phi\,\bar\psi\left(1 + {r_tex}\,i\gamma^5\right)\psi"}[kind]
    vtx = {"scalar": "g", "pseudoscalar": r"i g\gamma^5", "higgs": r"\frac{m}{v}", "higgs_pseudo": r"i\frac{m}{v}\gamma^5",
           "mixed": r"(g_S + i g_P\gamma^5)", "mixed_numeric": rf"g(1 + {r_tex}\,i\gamma^5)",
           "chiral": r"(y_L P_L + y_R P_R)"}[kind]
    syms = {"mixed": ["g_S", "g_P"], "chiral": ["y_L", "y_R"], "higgs": ["v"], "higgs_pseudo": ["v"]}.get(kind, ["g"])
    return lag, vtx, syms


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    kind, r, colours, ratio = _draw(rng, dv, level)
    unequal = level == "advanced-graduate"
    a, b = _couplings(kind, r)
    ma, mb = (m1, m2) if unequal else (m, m)
    summed, gamma_one = _symbolic_width(a, b, unequal)
    massless = ratio == "massless2"
    if massless:  # m_2 = 0 in |M|^2, and |p| = (M^2 - m_1^2)/2M rebuilt at m_2 = 0 (not a root of a square)
        ratio, mb = None, sp.Integer(0)
        summed = sp.factor(summed.subs(m2, 0))
        gamma_one = width_from_parts(M, ma, mb, summed)
    gamma_full = colours * gamma_one
    value = width_value(M, (ma, mb), summed, gamma_one, colours, ratio)
    answer = tex(value)

    r_tex = sp.latex(r) if r is not None else ""
    lag, vtx, symbols = _texts(kind, r_tex, unequal)
    if unequal:
        field = r"A complex scalar field $\phi$ of mass $M$ couples to two Dirac fermions $\psi_1$, $\psi_2$"
        if massless:
            mass_text = r"of masses $m_1$ and $0$ (a massless $\psi_2$; with $m_1 < M$)"
        elif ratio is None:
            mass_text = r"of masses $m_1$ and $m_2$ (with $m_1 + m_2 < M$)"
        else:
            mass_text = rf"of masses $m_1 = {sp.latex(ratio[0])}\,M$ and $m_2 = {sp.latex(ratio[1])}\,M$"
        final = r"\psi_1\bar\psi_2"
    else:
        field = r"A real scalar field $\phi$ of mass $M$ couples to a Dirac fermion $\psi$"
        mass_text = (rf"with mass $m = {sp.latex(ratio[0])}\,M$" if ratio is not None
                     else "with mass $m$ (with $2m < M$)")
        final = r"\psi\bar\psi"
    if kind.startswith("higgs"):
        mass_text += r", with a Yukawa coupling proportional to the fermion mass ($v$ a fixed mass scale, like the " \
                     r"vacuum expectation value of the Standard-Model Higgs field)"
    symbols += ["M"] + ([] if ratio is not None else ["m_1"] if massless else ["m_1", "m_2"] if unequal else ["m"])
    symbols += ["N_c"] if colours == N_c else []
    summed_over = "" if colours == 1 else " and over the components of the multiplet" if colours == 2 else " and colours"
    problem = (
        f"{conventions(UNITS, METRIC, STATES, UNPOLARISED)}\n\n"
        f"{field} {mass_text} through $$\\mathcal L_{{\\rm int}} = {lag}.$$ {MULTIPLET_TEXT[colours]} "
        "The couplings are real.\n\n"
        rf"Compute the tree-level decay width $\Gamma(\phi\to{final})$, summed over final spins{summed_over}. "
        "Give it in terms of " + ", ".join(f"${x}$" for x in symbols[:-1]) + f" and ${symbols[-1]}$, as a single "
        "expression in `\\boxed{}`."
    )
    mass1, mass2 = ("m_1", "m_2") if unequal else ("m", "m")
    if kind == "chiral":
        trace_text = (
            r"With $\gamma^0 (y_L P_L + y_R P_R)^\dagger\gamma^0 = y_L P_R + y_R P_L$ the spin sums "
            rf"$\sum u\bar u = \not k_1 + {mass1}$, $\sum v\bar v = \not k_2 - {mass2}$ give",
            rf"$$\sum_{{\rm spins}}|\mathcal M|^2 = \mathrm{{tr}}\left[(\not k_1 + {mass1})(y_L P_L + y_R P_R)"
            rf"(\not k_2 - {mass2})(y_L P_R + y_R P_L)\right].$$",
            r"Moving the projectors through the slashed momenta ($P_L\not a = \not a P_R$, $P_L P_R = 0$, "
            r"$\mathrm{tr}[P_{L,R}\not a\not b] = 2a\cdot b$, $\mathrm{tr}P_{L,R} = 2$) leaves "
            rf"$2(y_L^2 + y_R^2)\,k_1\cdot k_2 - 4y_Ly_R\,{mass1}{mass2}$ with $k_1\cdot k_2 = (M^2 - {mass1}^2 - "
            rf"{mass2}^2)/2$. Here")
    else:
        trace_text = (
            rf"Since $\gamma^0(i\gamma^5)^\dagger\gamma^0 = i\gamma^5$, the conjugate vertex is the same matrix, and the "
            rf"spin sums $\sum u\bar u = \not k_1 + {mass1}$, $\sum v\bar v = \not k_2 - {mass2}$ give",
            rf"$$\sum_{{\rm spins}}|\mathcal M|^2 = \mathrm{{tr}}\left[(\not k_1 + {mass1})\,{vtx}\,(\not k_2 - {mass2})\,"
            rf"{vtx}\right].$$",
            r"Using $\mathrm{tr}[\not a\not b] = 4a\cdot b$, $\mathrm{tr}[\gamma^5\not a\not b] = 0$, $(\gamma^5)^2 = 1$, "
            rf"$\gamma^5\not a = -\not a\gamma^5$ and $k_1\cdot k_2 = (M^2 - {mass1}^2 - {mass2}^2)/2$: the scalar part "
            rf"of the coupling, $a$, gives $4a^2(k_1\cdot k_2 - {mass1}{mass2}) = 2a^2[M^2 - ({mass1} + {mass2})^2]$, "
            rf"the pseudoscalar part $b$ gives $2b^2[M^2 - ({mass1} - {mass2})^2]$, and the cross terms vanish. Here")
    steps = [
        rf"The amplitude is $i\mathcal M = -i\,\bar u(k_1)\,{vtx}\,v(k_2)$. " + trace_text[0],
        trace_text[1],
        trace_text[2],
        (r"At $m_2 = 0$: " if massless else "") + rf"$$\sum_{{\rm spins}}|\mathcal M|^2 = {sp.latex(summed)}.$$",
        WIDTH_TEXT,
        (rf"Summing over the ${sp.latex(colours)}$ members of the multiplet multiplies the width by that number: "
         if colours != 1 else "") + rf"$$\Gamma = {sp.latex(gamma_full)}.$$",
    ]
    if ratio is not None:
        steps.append(rf"With the given mass ratio{'s' if unequal else ''}: $\Gamma = {answer}$.")
    steps.append(rf"$$\boxed{{{answer}}}$$")
    params = {"kind": kind, "ratio": "massless2" if massless else [str(x) for x in ratio] if ratio is not None else None,
              "colours": str(colours), "r": str(r) if r is not None else None, "unequal": unequal}
    domain = ([] if ratio is not None else ["M > m_1"] if massless else ["M > m_1 + m_2"] if unequal else ["M > 2*m"])
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=symbols,
                 difficulty=dv, domain=domain)


register(Family(
    name=NAME,
    category="Fermions and Spinor Structure",
    levels=LEVELS,
    description="(Pseudo)scalar Yukawa decay to a fermion pair (equal or unequal masses; Yukawa, Higgs-like, "
                "mixed or chiral couplings; colour/flavour multiplets): explicit-matrix spin sum and two-body width.",
    generate=generate,
    config=Config(),
    version=3,  # 3: Higgs-like m/v couplings, chiral y_L/y_R vertex, multiplets 1/2/3/8/N_c, mass ratios at G for every kind
    reference="Gamma = N_c M (g_S^2 beta^3 + g_P^2 beta)/(8 pi); Djouadi Phys. Rept. 457 (2008) eq. (2.7); "
              "unequal masses: Djouadi Phys. Rept. 459 (2008) (charged Higgs to u dbar)",
))
