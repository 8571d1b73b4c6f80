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

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.decays._two_body import WIDTH_TEXT, rest_frame_momenta, width
from qftdata.generators.dirac import GAMMA5, METRIC, gamma, slash, trace
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import pick, tex
from qftdata.generators.text import METRIC as METRIC_TEXT
from qftdata.generators.text import STATES, UNITS, UNPOLARISED, conventions

NAME = "decays.vector_to_fermions"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate")
M, m = sp.symbols("M m", positive=True)
g, g_V, g_A, N_c = sp.symbols("g g_V g_A N_c", positive=True)
RATIOS = tuple(sorted({sp.Rational(k, n) for n in range(3, 11) for k in range(1, n) if 2 * k < n}))
# (g_V, g_A) in units of g
COUPLINGS = ((1, 0), (0, 1), (sp.Rational(1, 2), sp.Rational(1, 2)), (sp.Rational(1, 2), -sp.Rational(1, 2)),
             (sp.Rational(1, 4), sp.Rational(1, 2)), (1, 1), (2, 1), (1, 2), (sp.Rational(1, 3), 1),
             (sp.Rational(3, 4), sp.Rational(1, 4)))


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
def averaged_msq() -> sp.Expr:
    """(1/3) sum over polarisations and spins of |M|^2 for couplings g_V, g_A; symbolic masses."""
    P, k1, k2 = rest_frame_momenta(M, m, m)
    one = sp.eye(4)
    chiral = g_V * one - g_A * GAMMA5
    tensor = [[trace(slash(k1) + m * one, gamma(mu), chiral, slash(k2) - m * one, gamma(nu), chiral)
               for nu in range(4)] for mu in range(4)]
    lower = [METRIC[mu, mu] * P[mu] for mu in range(4)]
    total = 0
    for mu in range(4):
        for nu in range(4):
            pol = -METRIC[mu, nu] + lower[mu] * lower[nu] / M**2  # sum_pol eps_mu eps*_nu (lower indices)
            total += pol * tensor[mu][nu]
    return sp.factor(sp.simplify(total / 3))


@cache
def _width_general() -> sp.Expr:
    return sp.factor(sp.simplify(width(M, m, m, averaged_msq())))


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    symbolic_couplings = level == "advanced-graduate" and rng.random() < 0.5
    if symbolic_couplings:
        a, b = g_V, g_A
        cv = ca = None
    else:
        cv, ca = pick(rng, COUPLINGS)
        a, b = cv * g, ca * g
    ratio = None
    if level == "advanced-undergraduate":
        ratio = 0
        colours = pick(rng, (1, 3))
    elif level == "graduate":
        ratio = pick(rng, RATIOS)
        colours = pick(rng, (1, 3, N_c))
    else:
        ratio = pick(rng, RATIOS) if rng.random() < 0.3 else None
        colours = pick(rng, (1, 3, N_c))
    msq = averaged_msq().subs({g_V: a, g_A: b})
    gamma_full = sp.factor(colours * _width_general().subs({g_V: a, g_A: b}))
    value = sp.factor(gamma_full.subs(m, ratio * M)) if ratio is not None else gamma_full
    answer = tex(value)

    if symbolic_couplings:
        lag = r"-V_\mu\,\bar\psi\gamma^\mu(g_V - g_A\gamma^5)\psi"
    else:
        lag = rf"-g\,V_\mu\,\bar\psi\gamma^\mu{_chiral_factor(cv, ca)}\psi"
    if ratio == 0:
        mass_text = "a massless Dirac fermion $\\psi$"
    elif ratio is not None:
        mass_text = rf"a Dirac fermion $\psi$ of mass $m = {sp.latex(ratio)}\,M$"
    else:
        mass_text = r"a Dirac fermion $\psi$ of mass $m$ ($2m < M$)"
    colour_text = {1: "The fermion carries no colour.", 3: "The fermion comes in $N_c = 3$ colours.",
                   N_c: "The fermion comes in $N_c$ colours."}[colours]
    syms = ([r"g_V", r"g_A"] if symbolic_couplings else ["g"]) + ["M"] + (["m"] if ratio is None else []) \
        + (["N_c"] if colours == N_c else [])
    problem = (
        f"{conventions(UNITS, METRIC_TEXT, STATES, UNPOLARISED)}\n\n"
        f"A massive vector boson $V$ of mass $M$ couples to {mass_text} through "
        f"$$\\mathcal L_{{\\rm int}} = {lag},$$ with real couplings. {colour_text}\n\n"
        r"Compute the tree-level width $\Gamma(V\to\psi\bar\psi)$ of an unpolarised $V$ (averaged over its three "
        "polarisations, summed over final spins" + (" and colours" if colours != 1 else "") + "). Give it in terms of "
        + ", ".join(f"${x}$" for x in syms[:-1]) + f" and ${syms[-1]}$, as a single expression in `\\boxed{{}}`."
    )
    steps = [
        r"The amplitude is $\mathcal M = \epsilon_\mu(P)\,\bar u(k_1)\gamma^\mu(g_V - g_A\gamma^5)v(k_2)$ (overall "
        r"phase irrelevant). Its conjugate vertex is $\gamma^0[\gamma^\nu(g_V-g_A\gamma^5)]^\dagger\gamma^0 = "
        r"\gamma^\nu(g_V - g_A\gamma^5)$. Average over polarisations with "
        r"$\sum\epsilon_\mu\epsilon^*_\nu = -g_{\mu\nu} + P_\mu P_\nu/M^2$ and sum spins:",
        r"$$\overline{|\mathcal M|^2} = \frac13\left(-g_{\mu\nu} + \frac{P_\mu P_\nu}{M^2}\right)"
        r"\mathrm{tr}\left[(\not k_1 + m)\gamma^\mu(g_V - g_A\gamma^5)(\not k_2 - m)\gamma^\nu(g_V - g_A\gamma^5)\right].$$",
        r"The trace gives $4(g_V^2+g_A^2)(k_1^\mu k_2^\nu + k_1^\nu k_2^\mu - g^{\mu\nu}k_1\cdot k_2) - "
        r"4(g_V^2 - g_A^2)m^2g^{\mu\nu}$ plus an antisymmetric $\epsilon$ term that drops out against the "
        r"symmetric polarisation sum. With $k_1\cdot k_2 = M^2/2 - m^2$ and $P\cdot k_i = M^2/2$:",
        rf"$$\overline{{|\mathcal M|^2}} = {sp.latex(sp.factor(msq))}.$$",
        WIDTH_TEXT + r" With $|\mathbf p| = \frac M2\sqrt{1-4m^2/M^2}$" + (" and the colour factor" if colours != 1
                                                                             else "") + ":",
        rf"$$\Gamma = {sp.latex(gamma_full)}.$$",
    ]
    if ratio is not None:
        steps.append(rf"With $m = {sp.latex(ratio)}M$: $\Gamma = {answer}$.")
    steps.append(rf"$$\boxed{{{answer}}}$$")
    params = {"couplings": "symbolic" if symbolic_couplings else [str(cv), str(ca)],
              "ratio": str(ratio) if ratio is not None else None, "colours": str(colours)}
    symbols = (["g_V", "g_A"] if symbolic_couplings else ["g"]) + ["M"] + (["m"] if ratio is None else []) \
        + (["N_c"] if colours == N_c else [])
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=symbols)


register(Family(
    name=NAME,
    category="Gauge Fields and Symmetry",
    levels=LEVELS,
    description="Massive vector -> fermion pair with vector/axial couplings: explicit traces, polarisation sum.",
    generate=generate,
    config=Config(),
    version=2,  # 2: couplings printed without "0 -" / "- -"
    reference="Gamma = N_c M beta [g_V^2 (1+2m^2/M^2) + g_A^2 beta^2]/(12 pi) (PDG Electroweak review, Z width)",
))
