r"""Width of a massive vector boson decaying to a fermion pair with vector and axial couplings.

$\mathcal L_{\rm int} = -V_\mu\,\bar\psi\gamma^\mu(g_V - g_A\gamma^5)\psi$. The polarisation-averaged
$\overline{|\mathcal M|^2} = \frac13(-g_{\mu\nu} + P_\mu P_\nu/M^2)\,
\mathrm{tr}[(\not k_1+m)\gamma^\mu(g_V-g_A\gamma^5)(\not k_2-m)\gamma^\nu(g_V-g_A\gamma^5)]$ is evaluated with explicit
4x4 Dirac matrices in the rest frame. Reference: $\Gamma = N_c\frac{M\beta}{12\pi}[g_V^2(1+2m^2/M^2) + g_A^2\beta^2]$
(PDG "Electroweak model" review, $Z\to f\bar f$ width, eq. (10.x) with $\beta = \sqrt{1-4m^2/M^2}$).
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
from qftdata.generators.dirac import GAMMA5, METRIC, gamma, slash, trace
from qftdata.generators.foundations._knob import band_scale
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import pick, tex
from qftdata.generators.text import METRIC as METRIC_TEXT
from qftdata.generators.text import STATES, UNITS, UNPOLARISED, conventions

NAME = "decays.vector_to_fermions"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate")
M, m, m1, m2 = sp.symbols("M m m_1 m_2", positive=True)
g, g_V, g_A, N_c = sp.symbols("g g_V g_A N_c", positive=True)
RATIOS = tuple(sorted({sp.Rational(k, n) for n in range(3, 21) for k in range(1, n) if 2 * k < n}))
# (g_V, g_A) in units of g: quarter-integers in [-2, 2], not both zero, easy (small) to hard
QUARTERS = tuple(sp.Rational(k, 4) for k in (4, 2, 0, -2, -4, 1, 3, -1, -3, 6, 8, 5, -6, 7, -8, -5, -7))


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


def _chiral_factor(cv, ca) -> str:
    """LaTeX of (c_V - c_A gamma^5) without '0 -', '- -' or '1 gamma^5' (empty for a pure vector coupling)."""
    cv, ca = sp.Rational(cv), sp.Rational(ca)
    if ca == 0:
        return "" if cv == 1 else rf"\left({sp.latex(cv)}\right)"
    g5 = r"\gamma^5" if abs(ca) == 1 else rf"{sp.latex(abs(ca))}\,\gamma^5"
    sign = "-" if ca > 0 else "+"
    inner = f"{sign}{g5}" if cv == 0 else f"{sp.latex(cv)} {sign} {g5}"
    return rf"\left({inner}\right)"


@cache
def averaged_msq(ma: sp.Expr = m, mb: sp.Expr = m) -> sp.Expr:
    """(1/3) sum over polarisations and spins of |M|^2 for couplings g_V, g_A; symbolic masses ma, mb."""
    P, k1, k2 = rest_frame_momenta(M, ma, mb)
    one = sp.eye(4)
    chiral = g_V * one - g_A * GAMMA5
    tensor = [[trace(slash(k1) + ma * one, gamma(mu), chiral, slash(k2) - mb * one, gamma(nu), chiral)
               for nu in range(4)] for mu in range(4)]
    lower = [METRIC[mu, mu] * P[mu] for mu in range(4)]
    total = 0
    for mu in range(4):
        for nu in range(4):
            pol = -METRIC[mu, nu] + lower[mu] * lower[nu] / M**2  # sum_pol eps_mu eps*_nu (lower indices)
            total += pol * tensor[mu][nu]
    return sp.factor(sp.expand(total / 3))  # expand squares the roots away


@cache
def _symbolic_width(a: sp.Expr, b: sp.Expr, unequal: bool) -> tuple[sp.Expr, sp.Expr]:
    """(averaged |M|^2, one-colour width) for couplings (a, b), symbolic masses; cached per coupling set."""
    ma, mb = (m1, m2) if unequal else (m, m)
    x, y = _split(unequal)
    msq = a**2 * x + b**2 * y if (a, b) != (g_V, g_A) else sp.factor(averaged_msq(ma, mb))
    return msq, width_from_parts(M, ma, mb, msq)


@cache
def _split(unequal: bool) -> tuple[sp.Expr, sp.Expr]:
    return coupling_split(averaged_msq(*((m1, m2) if unequal else (m, m))), g_V, g_A)


def _couplings(rng: random.Random, dv: float, level: str):
    pool = QUARTERS[: band_scale(dv, level, 5, len(QUARTERS))]
    while True:
        cv, ca = pick(rng, pool), pick(rng, pool)
        if cv != 0 or ca != 0:
            return cv, ca


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    unequal = level == "advanced-graduate"
    symbolic_couplings = unequal and rng.random() < 0.5
    if symbolic_couplings:
        a, b = g_V, g_A
        cv = ca = None
    else:
        cv, ca = _couplings(rng, dv, level)
        a, b = cv * g, ca * g
    n_ratios = band_scale(dv, level, 12, len(RATIOS))
    if level == "advanced-undergraduate":
        ratio, colours = (sp.Integer(0),), pick(rng, (1, 3))
    elif level == "graduate":
        ratio, colours = (pick(rng, RATIOS[:n_ratios]),), pick(rng, (1, 3, N_c))
    else:
        colours = pick(rng, (1, 3, N_c))
        ratio = None
        if rng.random() < 0.4:
            while ratio is None:
                x, y = pick(rng, (sp.Integer(0),) + RATIOS[:n_ratios]), pick(rng, RATIOS[:n_ratios])
                ratio = (x, y) if x != y and x + y < 1 else None
    ma, mb = (m1, m2) if unequal else (m, m)
    msq, gamma_one = _symbolic_width(a, b, unequal)
    gamma_full = colours * gamma_one
    value = width_value(M, (ma, mb), msq, gamma_one, colours, ratio)
    answer = tex(value)

    coupling = (r"(g_V - g_A\gamma^5)" if symbolic_couplings else _chiral_factor(cv, ca))
    prefactor = "" if symbolic_couplings else r"g\,"
    if unequal:
        lag = rf"-{prefactor}V_\mu\,\bar\psi_1\gamma^\mu{coupling}\psi_2 + \text{{h.c.}}"
        if ratio is None:
            mass_text = r"two Dirac fermions $\psi_1$, $\psi_2$ of masses $m_1$ and $m_2$ ($m_1 + m_2 < M$)"
        else:
            mass_text = (rf"two Dirac fermions $\psi_1$, $\psi_2$ of masses $m_1 = {sp.latex(ratio[0] * M)}$ and "
                         rf"$m_2 = {sp.latex(ratio[1] * M)}$")
        boson, final = r"A massive charged vector boson $V$", r"\psi_1\bar\psi_2"
    else:
        lag = rf"-{prefactor}V_\mu\,\bar\psi\gamma^\mu{coupling}\psi"
        mass_text = ("a massless Dirac fermion $\\psi$" if ratio[0] == 0
                     else rf"a Dirac fermion $\psi$ of mass $m = {sp.latex(ratio[0])}\,M$")
        boson, final = r"A massive vector boson $V$", r"\psi\bar\psi"
    colour_text = {1: "The fermions carry no colour.", 3: "The fermions come in $N_c = 3$ colours.",
                   N_c: "The fermions come in $N_c$ colours."}[colours]
    syms = (["g_V", "g_A"] if symbolic_couplings else ["g"]) + ["M"]
    syms += ["m_1", "m_2"] if ratio is None else []
    syms += ["N_c"] if colours == N_c else []
    problem = (
        f"{conventions(UNITS, METRIC_TEXT, STATES, UNPOLARISED)}\n\n"
        f"{boson} of mass $M$ couples to {mass_text} through "
        f"$$\\mathcal L_{{\\rm int}} = {lag},$$ with real couplings. {colour_text}\n\n"
        rf"Compute the tree-level width $\Gamma(V\to{final})$ of an unpolarised $V$ (averaged over its three "
        "polarisations, summed over final spins" + (" and colours" if colours != 1 else "") + "). Give it in terms of "
        + ", ".join(f"${x}$" for x in syms[:-1]) + f" and ${syms[-1]}$, as a single expression in `\\boxed{{}}`."
    )
    mass1, mass2 = ("m_1", "m_2") if unequal else ("m", "m")
    steps = [
        r"The amplitude is $\mathcal M = \epsilon_\mu(P)\,\bar u(k_1)\gamma^\mu(g_V - g_A\gamma^5)v(k_2)$ (overall "
        r"phase irrelevant). Its conjugate vertex is $\gamma^0[\gamma^\nu(g_V-g_A\gamma^5)]^\dagger\gamma^0 = "
        r"\gamma^\nu(g_V - g_A\gamma^5)$. Average over polarisations with "
        r"$\sum\epsilon_\mu\epsilon^*_\nu = -g_{\mu\nu} + P_\mu P_\nu/M^2$ and sum spins:",
        r"$$\overline{|\mathcal M|^2} = \frac13\left(-g_{\mu\nu} + \frac{P_\mu P_\nu}{M^2}\right)"
        rf"\mathrm{{tr}}\left[(\not k_1 + {mass1})\gamma^\mu(g_V - g_A\gamma^5)(\not k_2 - {mass2})\gamma^\nu(g_V - g_A\gamma^5)\right].$$",
        r"The trace gives $4(g_V^2+g_A^2)(k_1^\mu k_2^\nu + k_1^\nu k_2^\mu - g^{\mu\nu}k_1\cdot k_2) - "
        rf"4(g_V^2 - g_A^2){mass1}{mass2}\,g^{{\mu\nu}}$ plus an antisymmetric $\epsilon$ term that drops out against the "
        rf"symmetric polarisation sum. With $k_1\cdot k_2 = (M^2 - {mass1}^2 - {mass2}^2)/2$ and "
        rf"$P\cdot k_{{1,2}} = (M^2 \pm {mass1}^2 \mp {mass2}^2)/2$:",
        rf"$$\overline{{|\mathcal M|^2}} = {sp.latex(msq)}.$$",
        WIDTH_TEXT + (" With the colour factor:" if colours != 1 else ""),
        rf"$$\Gamma = {sp.latex(gamma_full)}.$$",
    ]
    if ratio is not None:
        steps.append(rf"With the given masses: $\Gamma = {answer}$.")
    steps.append(rf"$$\boxed{{{answer}}}$$")
    params = {"couplings": "symbolic" if symbolic_couplings else [str(cv), str(ca)],
              "ratio": [str(x) for x in ratio] if ratio is not None else None, "colours": str(colours),
              "unequal": unequal}
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=syms,
                 difficulty=dv, domain=["M > m_1 + m_2"] if ratio is None else [])


register(Family(
    name=NAME,
    category="Gauge Fields and Symmetry",
    levels=LEVELS,
    description="Massive vector -> fermion pair (equal or unequal masses) with vector/axial couplings: explicit "
                "traces, polarisation sum.",
    generate=generate,
    config=Config(),
    version=3,  # 3: knob; quarter-integer couplings; numeric mass at G; unequal masses (W -> t b-like) at AG
    reference="Gamma = N_c M beta [g_V^2 (1+2m^2/M^2) + g_A^2 beta^2]/(12 pi) (PDG Electroweak review, Z width); "
              "unequal masses: W -> t b-bar width (PDG Electroweak review; Jezabek & Kuhn NPB 314 (1989) 1)",
))
