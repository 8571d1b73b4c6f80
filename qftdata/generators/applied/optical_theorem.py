r"""The optical theorem: the imaginary part of a forward elastic amplitude from the open channels.

Unitarity of $S = 1 + iT$ gives $2\,\mathrm{Im}\,\mathcal M(i\to i) = \sum_f\frac{1}{S_f}\int d\Phi_f\,|\mathcal M(i\to f)|^2$, i.e.
$\mathrm{Im}\,\mathcal M(s, t=0) = 2E_{\rm cm}|\mathbf p_{\rm cm}|\,\sigma_{\rm tot} = \lambda^{1/2}(s,m_1^2,m_2^2)\,\sigma_{\rm tot}$
(Peskin & Schroeder eq. (7.49)). The family builds tree amplitudes from a stated Lagrangian (contact
vertices by counting Wick contractions, fermion spin sums by explicit Dirac traces, scalar exchanges in
$s$, $t$, $u$), decides which two-body channels are open at the given $s$, integrates over the phase space
(exactly, partial fractions in $\cos\theta$ for exchanges) and sums. Levels:

* advanced-undergraduate: apply $\mathrm{Im}\,\mathcal M = \lambda^{1/2}\sigma_{\rm tot}$ (or its inverse) to given numbers;
* graduate: contact quartic couplings among scalars, several channels and thresholds;
* advanced-graduate: adds a fermion channel (P-wave, traced) and spin-averaged fermion initial states;
* postgraduate: a cubic coupling, so the tree amplitude has $s$-, $t$-, $u$-channel exchanges and the
  angular integral of $|\mathcal M|^2$ produces logarithms.

The tests check against $\sigma$ from P&S (4.85) with the identical-particle 1/2, the one-loop bubble's
$\mathrm{Im}\,B_0 = \pi\beta$ (Denner, Fortsch. Phys. 41 (1993) 307), and mpmath quadrature.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.applied._common import (
    CATEGORY,
    contractions,
    finish,
    integrate_fractions,
    kallen,
    knob_and_position,
    linear_partial_fractions,
    pick,
    tex,
)
from qftdata.generators.applied._spectral import fermion_spin_sum, root, s
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, STATES, UNITS, conventions

NAME = "applied.optical_theorem"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate")
lam, g, kappa, Lam, m = sp.symbols("lambda g kappa Lambda m", positive=True)
C = sp.Symbol("c", real=True)  # cos(theta)
# contact terms of L_int = -sum coeff * fields: (coefficient, fields); "psi" stands for the bilinear psibar psi
CONTACT = {
    "lambda": (lam / 24, ("phi", "phi", "phi", "phi")),
    "g": (g / 4, ("phi", "phi", "chi", "chi")),
    "Lambda": (1 / Lam, ("phi", "phi", "psi")),
}
TEX = {"phi": r"\phi", "chi": r"\chi", "psi": r"\psi\bar\psi"}
MASS_RATIOS = tuple(sp.Rational(v) for v in ("1/2", "2/3", "3/4", "1", "3/2", "2", "5/2", "3", "5/4", "4/3"))
STATEMENT = (r"Here $\mathcal M$ is defined by $\langle f|iT|i\rangle = (2\pi)^4\delta^4(p_f - p_i)\,i\mathcal M$ with "
             r"$S = 1 + iT$, and $t = (p_1 - p_3)^2$.")


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


def _tree_sq(term: str, initial: tuple[str, str], final: tuple[str, str], masses: dict) -> sp.Expr:
    """Spin-summed |M|^2 of a contact term for initial -> final (a function of s), 0 if the term cannot connect them."""
    coeff, fields = CONTACT[term]
    scalars = tuple(f for f in initial + final if f != "psi")
    slots = tuple(f for f in fields if f != "psi")
    if ("psi" in fields) != ("psi" in initial + final) or sorted(scalars) != sorted(slots):
        return sp.Integer(0)
    amp = coeff * contractions(slots, scalars)
    if "psi" in fields:  # M = -amp * vbar u (or ubar v): sum over spins tr[(k1 + m)(k2 - m)]
        mf = masses["psi"]
        return amp**2 * fermion_spin_sum("S", mf, mf)
    return amp**2


def _channels(initial: tuple[str, str], terms: tuple[str, ...], masses: dict) -> list[tuple[tuple[str, str], sp.Expr]]:
    """Every two-body final state reachable at tree level with its spin-summed |M|^2 (a function of s)."""
    finals = [("phi", "phi"), ("chi", "chi"), ("phi", "chi"), ("psi", "psi")]
    out = []
    for f in finals:
        msq = sum(_tree_sq(t, initial, f, masses) for t in terms)
        if msq != 0:
            out.append((f, sp.expand(msq)))
    return out


def _im_from_channels(initial, terms, masses, s_val):
    """Im M(s, 0) = 1/(2 N_i) sum_f (1/S_f) sum|M|^2 Phi_2 and the per-channel lines of the solution."""
    n_spin = 4 if initial == ("psi", "psi") else 1
    total, lines = sp.Integer(0), []
    for final, msq in _channels(initial, terms, masses):
        ma, mb = masses[final[0]], masses[final[1]]
        name = "".join(TEX[p] for p in final) if final != ("psi", "psi") else r"\psi\bar\psi"
        if s_val <= ((ma + mb) / m) ** 2:
            lines.append(rf"${name}$: closed ($s = {tex(s_val)}m^2 < {tex((ma + mb) ** 2)}$).")
            continue
        identical = final[0] == final[1] and final[0] != "psi"
        phase = root(ma, mb) / (8 * sp.pi * s)
        contrib = (msq * phase / (2 if identical else 1) / 2 / n_spin).xreplace({s: s_val * m**2})
        contrib = sp.factor(sp.expand(contrib))
        total += contrib
        avg = r"\frac14\sum_{\rm spins}" if n_spin == 4 else ""
        lines.append(rf"${name}$ (open): $\sum|\mathcal M|^2 = {tex(sp.factor(msq))}$, "
                     rf"$\Phi_2 = \frac{{\lambda^{{1/2}}}}{{8\pi s}}$" + (r", identical particles $\times\frac12$" if identical else "")
                     + rf"; contribution {avg}$\frac12\sum|\mathcal M|^2\Phi_2 = {tex(contrib)}$.")
    return total, lines


def _lagrangian(terms: tuple[str, ...], masses: dict) -> str:
    kin = [r"\tfrac12(\partial\phi)^2 - \tfrac12 m^2\phi^2"]
    if "chi" in masses:
        kin.append(rf"\tfrac12(\partial\chi)^2 - \tfrac12 \left({tex(masses['chi'])}\right)^2\chi^2")
    if "psi" in masses:
        kin.append(rf"\bar\psi(i\not\partial - {tex(masses['psi'])})\psi")
    inter = {"lambda": r"\frac{\lambda}{4!}\phi^4", "g": r"\frac{g}{4}\phi^2\chi^2", "Lambda": r"\frac{1}{\Lambda}\phi^2\bar\psi\psi"}
    return "$$\\mathcal L = " + " + ".join(kin) + "".join(" - " + inter[t] for t in terms) + "$$"


# ------------------------------------------------------------------------------------------ levels


def _undergraduate(rng, pos):
    ma, mb = rng.randint(0, 5), rng.randint(1, 6)
    sqrt_s = ma + mb + rng.randint(1, 6 + round(pos * 10))
    sigma = sp.Rational(rng.randint(1, 99), pick(rng, (10, 100, 1000, 1000)))
    lam_half = sp.sqrt(kallen(sp.Integer(sqrt_s) ** 2, sp.Integer(ma) ** 2, sp.Integer(mb) ** 2))
    inverse = rng.random() < 0.3
    setup = (rf"Two particles of masses $m_1 = {ma}$ GeV and $m_2 = {mb}$ GeV collide at centre-of-mass energy "
             rf"$\sqrt s = {sqrt_s}$ GeV.")
    if inverse:
        im = sigma * 100  # dimensionless
        value = sp.radsimp(im / lam_half)
        ask_ = (rf"The forward elastic amplitude has $\mathrm{{Im}}\,\mathcal M(s, t = 0) = {tex(im)}$. Using the optical "
                r"theorem, find the total cross section $\sigma_{\rm tot}$ in GeV$^{-2}$ (natural units). Give the exact value in `\boxed{}`.")
        steps = [r"Optical theorem: $\mathrm{Im}\,\mathcal M(s,0) = 2E_{\rm cm}|\mathbf p_{\rm cm}|\,\sigma_{\rm tot} = "
                 r"\lambda^{1/2}(s, m_1^2, m_2^2)\,\sigma_{\rm tot}$, since $|\mathbf p_{\rm cm}| = \lambda^{1/2}/(2\sqrt s)$.",
                 rf"$\lambda^{{1/2}} = {tex(lam_half)}$ GeV$^2$, so $\sigma_{{\rm tot}} = {tex(im)}/{tex(lam_half)} = {tex(value)}$ GeV$^{{-2}}$."]
    else:
        value = sigma * lam_half
        ask_ = (rf"The total cross section is $\sigma_{{\rm tot}} = {tex(sigma)}$ GeV$^{{-2}}$ (natural units). Using the optical "
                r"theorem, find $\mathrm{Im}\,\mathcal M(s, t = 0)$ of the forward elastic amplitude (dimensionless). "
                r"Give the exact value in `\boxed{}`.")
        steps = [r"Optical theorem: $\mathrm{Im}\,\mathcal M(s,0) = 2E_{\rm cm}|\mathbf p_{\rm cm}|\,\sigma_{\rm tot} = "
                 r"\lambda^{1/2}(s, m_1^2, m_2^2)\,\sigma_{\rm tot}$, since $|\mathbf p_{\rm cm}| = \lambda^{1/2}/(2\sqrt s)$.",
                 rf"$\lambda^{{1/2}}(s, m_1^2, m_2^2) = {tex(lam_half)}$ GeV$^2$, so $\mathrm{{Im}}\,\mathcal M = {tex(value)}$."]
    params = {"tier": "apply", "ma": ma, "mb": mb, "sqrt_s": sqrt_s, "sigma": str(sigma), "inverse": inverse}
    return setup, ask_, steps, value, params


def _contact(rng, pos, fermions: bool):
    masses = {"phi": m, "chi": pick(rng, MASS_RATIOS) * m}
    terms = ("lambda", "g")
    initials = [("phi", "phi"), ("phi", "chi"), ("chi", "chi")]
    if fermions:
        masses["psi"] = pick(rng, MASS_RATIOS[:6]) * m
        terms = ("lambda", "g", "Lambda")
        initials = [("phi", "phi"), ("psi", "psi")]
    initial = pick(rng, initials)
    thresholds = sorted({((masses[a] + masses[b]) / m) ** 2 for a, b in [("phi", "phi"), ("chi", "chi"), ("phi", "chi")]
                         + ([("psi", "psi")] if fermions else [])})
    lowest = ((masses[initial[0]] + masses[initial[1]]) / m) ** 2
    # the knob pushes s past more thresholds
    above = [t for t in thresholds if t >= lowest]
    k = min(len(above) - 1, int(pos * len(above)))
    s_val = above[k] + sp.Rational(rng.randint(1, 12), pick(rng, (1, 2, 3, 4, 5)))
    total, lines = _im_from_channels(initial, terms, masses, s_val)
    return masses, terms, initial, s_val, total, lines


def _contact_problem(rng, pos, fermions):
    masses, terms, initial, s_val, total, lines = _contact(rng, pos, fermions)
    while total == 0:  # pragma: no cover - every initial state has an open elastic channel
        masses, terms, initial, s_val, total, lines = _contact(rng, pos, fermions)
    init = r"\psi\bar\psi" if initial == ("psi", "psi") else "".join(TEX[p] for p in initial)
    who = (r"Real scalars $\phi$ (mass $m$) and $\chi$" if not fermions else
           r"Real scalars $\phi$ (mass $m$), $\chi$ and a Dirac fermion $\psi$")
    setup = who + " have\n\n" + _lagrangian(terms, masses) + "\n\n" + STATEMENT
    spin = " spin-averaged" if initial == ("psi", "psi") else ""
    ask_ = (rf"Using the optical theorem, compute the imaginary part of the{spin} forward ($t = 0$) elastic amplitude "
            rf"$\mathrm{{Im}}\,\mathcal M({init}\to {init})$ at $s = {tex(s_val)}\,m^2$, to the lowest nonvanishing order in the "
            r"couplings. ")
    syms = sorted(str(x) for x in total.free_symbols)
    tex_names = {"lambda": r"\lambda", "g": "g", "Lambda": r"\Lambda", "m": "m"}
    ask_ += ("Give it in terms of " + ", ".join(f"${tex_names[x]}$" for x in syms[:-1])
             + (" and " if len(syms) > 1 else "") + f"${tex_names[syms[-1]]}$, as a single expression in `\\boxed{{}}`.")
    steps = [r"Unitarity: $2\,\mathrm{Im}\,\mathcal M(i\to i) = \sum_f\frac{1}{S_f}\int d\Phi_f|\mathcal M(i\to f)|^2$; at "
             r"lowest order the intermediate states are the two-particle states reached by one contact vertex (vertex "
             r"factor $-i\times$ coefficient $\times$ number of Wick contractions), and $|\mathcal M|^2$ is angle independent."] + lines
    params = {"tier": "fermion" if fermions else "contact", "masses": {k: str(v / m) for k, v in masses.items()},
              "initial": list(initial), "s": str(s_val)}
    return setup, ask_, steps, total, params, syms


A_S, A_T, W = sp.Symbol("A", real=True), sp.Symbol("a", positive=True), sp.Symbol("w", positive=True)


@cache
def _exchange_fractions():
    r"""Partial fractions in $c$ of $f$ and $f^2$, $f = A + \frac{1}{t-\mu^2} + \frac{1}{u-\mu^2}$ with
    $A = 1/(s-\mu^2)$, $t, u = -a(1\mp c)$, $a = (s-4m^2)/2$, $w = \mu^2$ (m = 1), done once symbolically."""
    f = A_S + 1 / (-A_T * (1 - C) - W) + 1 / (-A_T * (1 + C) - W)
    return linear_partial_fractions(f, C), linear_partial_fractions(sp.expand(f**2), C)


def _exchange_integrals(s_val, mu2) -> tuple[sp.Expr, sp.Expr]:
    r"""$\int_{-1}^1 dc\,f$ and $\int_{-1}^1 dc\,f^2$ at m = 1 for the given s and $\mu^2$."""
    values = {A_S: 1 / (s_val - mu2), A_T: (s_val - 4) / 2, W: mu2}
    pf1, pf2 = _exchange_fractions()
    return (sp.expand(integrate_fractions(pf1, values, C, -1, 1)),
            sp.expand(integrate_fractions(pf2, values, C, -1, 1)))


def _postgraduate(rng, pos):
    mu = sp.Rational(*pick(rng, ((5, 4), (4, 3), (3, 2), (5, 3), (7, 4), (6, 5), (7, 5), (9, 5), (8, 5), (7, 6))))
    den = pick(rng, (1, 2, 3, 4)) if pos < 0.5 else pick(rng, (3, 4, 5, 6, 7, 8))
    lo, hi = 4 * den, int(4 * mu**2 * den)
    num = rng.randint(lo + 1, max(lo + 1, hi - 1))
    s_val = sp.Rational(num, den)
    if s_val >= 4 * mu**2 or s_val == mu**2:
        s_val = (4 + 4 * mu**2) / 2 + sp.Rational(1, 7)
        s_val = min(s_val, 4 * mu**2 - sp.Rational(1, 13))
    with_contact = rng.random() < 0.5
    i1, i2 = _exchange_integrals(s_val, mu**2)
    beta = sp.sqrt(1 - 4 / s_val)
    # Im M = (1/2)(1/2) int dPhi |M|^2 = (beta/(64 pi)) int_{-1}^{1} dc M^2, M = -lambda - kappa^2/m^2 f
    k2m = kappa**2 / m**2
    msq_int = (2 * lam**2 + 2 * lam * k2m * i1 if with_contact else 0) + k2m**2 * i2
    value = beta / (64 * sp.pi) * msq_int  # kept factored: expanding the logs triples the printing time
    lagr = (r"$$\mathcal L = \tfrac12(\partial\phi)^2 - \tfrac12m^2\phi^2 + \tfrac12(\partial\sigma)^2 - \tfrac12\mu^2\sigma^2 - "
            r"\frac{\kappa}{2}\phi^2\sigma" + (r" - \frac{\lambda}{4!}\phi^4" if with_contact else "") + "$$")
    setup = (rf"A real scalar $\phi$ of mass $m$ couples to a real scalar $\sigma$ of mass $\mu = {tex(mu)}\,m$ through"
             + "\n\n" + lagr + "\n\n" + STATEMENT)
    ask_ = (rf"Using the optical theorem, compute $\mathrm{{Im}}\,\mathcal M(\phi\phi\to\phi\phi)$ for forward scattering ($t = 0$) "
            rf"at $s = {tex(s_val)}\,m^2$ to the lowest nonvanishing order (the $\sigma\sigma$ channel is closed there). Give it in "
            r"terms of " + (r"$\lambda$, " if with_contact else "") + r"$\kappa$ and $m$ (natural logarithms as $\ln$), as a single "
            r"expression in `\boxed{}`.")
    steps = [r"Tree amplitude: $\mathcal M(\phi\phi\to\phi\phi) = " + (r"-\lambda " if with_contact else "")
             + r"-\kappa^2\left[\frac{1}{s-\mu^2} + \frac{1}{t-\mu^2} + \frac{1}{u-\mu^2}\right]$ (vertex $-i\kappa$).",
             r"Only $\phi\phi$ is open ($4m^2 < s < 4\mu^2$), so $\mathrm{Im}\,\mathcal M(s,0) = \frac12\cdot\frac12\int d\Phi_2\,"
             r"|\mathcal M|^2 = \frac{\beta}{64\pi}\int_{-1}^1 dc\,\mathcal M^2$ with $\beta = \sqrt{1-4m^2/s} = " + tex(beta) + "$.",
             rf"With $t, u = -\frac{{s-4m^2}}{{2}}(1\mp c)$ partial fractions give, for $f$ the bracket, "
             rf"$m^2\int_{{-1}}^1 dc\,f = {tex(i1)}$ and $m^4\int_{{-1}}^1 dc\,f^2 = {tex(i2)}$.",
             rf"Result: ${tex(value)}$."]
    syms = (["lambda"] if with_contact else []) + ["kappa", "m"]
    params = {"tier": "exchange", "mu": str(mu), "s": str(s_val), "contact": with_contact}
    return setup, ask_, steps, value, params, syms


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d, pos = knob_and_position(config, level, rng)
    if level == "advanced-undergraduate":
        setup, ask_, steps, value, params = _undergraduate(rng, pos)
        syms = []
    else:
        if level == "postgraduate":
            setup, ask_, steps, value, params, syms = _postgraduate(rng, pos)
        else:
            setup, ask_, steps, value, params, syms = _contact_problem(rng, pos, level == "advanced-graduate")
    return finish([conventions(UNITS, METRIC, STATES), setup, ask_], steps, value, params, syms, d)


register(Family(
    name=NAME, category=CATEGORY, levels=LEVELS,
    description="Optical theorem: Im of forward elastic amplitudes from the open tree-level channels (contact, "
                "fermion and s/t/u-exchange amplitudes), or Im M = lambda^{1/2} sigma_tot applied to numbers.",
    generate=generate, config=Config(), version=1,
    reference="Peskin & Schroeder eqs. (4.85), (7.49); Denner Fortsch. Phys. 41 (1993) 307 (Im B0 = pi beta)",
))
