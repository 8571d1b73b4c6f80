r"""Spin- and polarisation-summed $|\mathcal M|^2$ of the tree QED processes with two external photons (Compton
scattering, $e^+e^-\to\gamma\gamma$), from Dirac traces, and exact angular integration of rational functions
(private helper of `scattering.compton` and `scattering.pair_annihilation_two_photons`).

The traces are taken with `scattering._traces` (the project's abstract Clifford algebra), the photon polarisation sums replaced by $-g_{\mu\nu}$ (Ward identity), and the dot products put
on shell in Mandelstam variables. `definite_rational` integrates a rational function of $\cos\theta$ exactly
(sympy's partial fractions plus the elementary antiderivatives of $c^k$ and $(c - c_0)^{-n}$), which costs a few ms
where `sympy.integrate` costs 0.1-0.5 s per numeric instance.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import FamilyConfig
from qftdata.generators.dirac import dot_symbol
from qftdata.generators.scattering._traces import gamma, line, trace

__all__ = ["QED_SETUP", "LabConfig", "ask_in", "lab_draw", "lab_forms", "compton_lab", "compton_msq", "definite_rational", "pair_annihilation_cm", "pair_annihilation_msq"]

s, t, u = sp.symbols("s t u", real=True)
m, e = sp.symbols("m e", positive=True)


@cache
def compton_msq() -> sp.Expr:
    r"""$\frac14\sum|\mathcal M|^2$ of $e^-(p)\gamma(k)\to e^-(p')\gamma(k')$ in $s$, $u$, $m$ for unit charge ($e^4$ included).

    $\mathcal M = -e^2\epsilon_\mu\epsilon^*_\nu\bar u'\big[\frac{\gamma^\nu(\not p + \not k + m)\gamma^\mu}{s - m^2} +
    \frac{\gamma^\mu(\not p - \not k' + m)\gamma^\nu}{u - m^2}\big]u$."""
    out_e, in_e = line(("P", 1), m), line(("p", 1), m)
    s_prop, u_prop = line(("p", 1), ("k", 1), m), line(("p", 1), ("K", -1), m)
    ss = trace([out_e, gamma("nu"), s_prop, gamma("mu"), in_e, gamma("mu"), s_prop, gamma("nu")])
    uu = trace([out_e, gamma("mu"), u_prop, gamma("nu"), in_e, gamma("nu"), u_prop, gamma("mu")])
    su = trace([out_e, gamma("nu"), s_prop, gamma("mu"), in_e, gamma("nu"), u_prop, gamma("mu")])
    tt = 2 * m**2 - s - u
    shell = {dot_symbol("p", "p"): m**2, dot_symbol("P", "P"): m**2, dot_symbol("k", "k"): 0, dot_symbol("K", "K"): 0,
             dot_symbol("p", "k"): (s - m**2) / 2, dot_symbol("P", "K"): (s - m**2) / 2,
             dot_symbol("p", "K"): (m**2 - u) / 2, dot_symbol("P", "k"): (m**2 - u) / 2,
             dot_symbol("p", "P"): m**2 - tt / 2, dot_symbol("k", "K"): -tt / 2}
    total = (ss / (s - m**2) ** 2 + uu / (u - m**2) ** 2 + 2 * su / ((s - m**2) * (u - m**2))).xreplace(shell)
    return sp.factor(e**4 * total / 4)


@cache
def pair_annihilation_msq() -> sp.Expr:
    r"""$\frac14\sum|\mathcal M|^2$ of $e^-(p_1)e^+(p_2)\to\gamma(k_1)\gamma(k_2)$ in $t$, $u$, $m$ (unit charge, $e^4$
    included): $\mathcal M = -e^2\epsilon^*_\mu(k_1)\epsilon^*_\nu(k_2)\bar v(p_2)\big[\frac{\gamma^\nu(\not p_1 - \not k_1 + m)
    \gamma^\mu}{t - m^2} + \frac{\gamma^\mu(\not p_1 - \not k_2 + m)\gamma^\nu}{u - m^2}\big]u(p_1)$, $\sum v\bar v = \not p_2 - m$."""
    pos, ele = line(("b", 1), -m), line(("a", 1), m)
    t_prop, u_prop = line(("a", 1), ("k", -1), m), line(("a", 1), ("K", -1), m)
    tt = trace([pos, gamma("nu"), t_prop, gamma("mu"), ele, gamma("mu"), t_prop, gamma("nu")])
    uu = trace([pos, gamma("mu"), u_prop, gamma("nu"), ele, gamma("nu"), u_prop, gamma("mu")])
    tu = trace([pos, gamma("nu"), t_prop, gamma("mu"), ele, gamma("nu"), u_prop, gamma("mu")])
    ss = 2 * m**2 - t - u
    shell = {dot_symbol("a", "a"): m**2, dot_symbol("b", "b"): m**2, dot_symbol("k", "k"): 0, dot_symbol("K", "K"): 0,
             dot_symbol("a", "b"): ss / 2 - m**2, dot_symbol("k", "K"): ss / 2,
             dot_symbol("a", "k"): (m**2 - t) / 2, dot_symbol("b", "K"): (m**2 - t) / 2,
             dot_symbol("a", "K"): (m**2 - u) / 2, dot_symbol("b", "k"): (m**2 - u) / 2}
    total = (tt / (t - m**2) ** 2 + uu / (u - m**2) ** 2 + 2 * tu / ((t - m**2) * (u - m**2))).xreplace(shell)
    return sp.factor(e**4 * total / 4)


def definite_rational(expr: sp.Expr, var: sp.Symbol, lo, hi) -> sp.Expr:
    r"""$\int_{lo}^{hi}$ `expr` $d$`var` for a rational function of `var` whose partial fractions have linear denominators
    (coefficients may hold other symbols, e.g. a velocity $\beta$; the caller guarantees no pole in $[lo, hi]$ and that
    every logarithm's argument is positive there)."""
    total = sp.Integer(0)
    for term in sp.Add.make_args(sp.apart(sp.together(expr), var)):
        num, den = sp.fraction(sp.factor(term))
        num_p, den_p = sp.Poly(num, var), sp.Poly(den, var)
        if den_p.degree() == 0:
            anti = (num_p.integrate() / den_p.LC()).as_expr()
            total += anti.subs(var, hi) - anti.subs(var, lo)
            continue
        roots = sp.roots(den_p)
        if len(roots) != 1 or num_p.degree() != 0:
            raise ValueError(f"unexpected partial fraction {term}")
        (c0, n), = roots.items()
        coeff = num_p.LC() / den_p.LC()
        if n == 1:
            total += coeff * sp.log((hi - c0) / (lo - c0))
        else:
            total += coeff * ((hi - c0) ** (1 - n) - (lo - c0) ** (1 - n)) / (1 - n)
    return total


QED_SETUP = (r"In QED ($\mathcal L = \bar\psi(i\not D - m)\psi - \tfrac14F_{\mu\nu}F^{\mu\nu}$, $D_\mu = \partial_\mu + ieQA_\mu$, "
             r"$\alpha = e^2/4\pi$)")


@dataclass(frozen=True)
class LabConfig(FamilyConfig):
    """Config of the photon-on-fixed-target families (Compton, scalar Compton)."""

    max_num: int = 10   # largest numerator/denominator of omega/m and cos(theta) at the top of a level's band

    def validate(self) -> None:
        if self.max_num < 3:
            raise ValueError("max_num must be >= 3")


def lab_draw(rng, level: str, config: LabConfig, targets) -> tuple[float, int, str, sp.Expr, sp.Rational]:
    """(difficulty, pool size, target name, charge, omega/m) for a photon hitting a target at rest; the knob widens the
    pools of omega/m (and of angles, through the size)."""
    from qftdata.generators.base import knob
    from qftdata.generators.loops._common import band_position, pick, small_rationals

    d = knob(config, level, rng)
    size = 3 + int(band_position(d, level) * (config.max_num - 3))
    who, charge = pick(rng, targets)
    kappa = pick(rng, tuple(v for v in small_rationals(2 * size, size) if v <= 6))
    return d, size, who, charge, kappa


def ask_in(syms: list[str]) -> str:
    """The closing sentence with `alpha` printed as the Greek letter."""
    from qftdata.generators.text import ask

    return ask("it", [r"\alpha" if x == "alpha" else x for x in syms])


KAPPA, BETA, C = sp.Symbol("kappa", positive=True), sp.Symbol("beta", positive=True), sp.Symbol("c", real=True)


def lab_forms(msq_su: sp.Expr) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    r"""Photon scattering off a target of mass $m$ at rest, $\omega = \kappa m$, $c = \cos\theta$: ($\overline{|\mathcal M|^2}$,
    $d\sigma/dc$, $\sigma$) from an averaged $|\mathcal M|^2$ in $s$, $u$, symbolic in $\kappa$. $\omega'/\omega = 1/w$ with
    $w = 1 + \kappa(1 - c)$, $s - m^2 = 2m\omega$, $u - m^2 = -2m\omega'$; $d\sigma/dc = (\omega'/\omega)^2\overline{|\mathcal M|^2}/
    (32\pi m^2)$ (lab flux and phase space); $\sigma$ by the substitution $c \to w$, which makes $d\sigma/dc$ a Laurent
    polynomial in $w$ (the $1/w$ term gives $\ln(1 + 2\kappa)$)."""
    w = sp.Symbol("w", positive=True)
    ratio = 1 / (1 + KAPPA * (1 - C))
    msq = sp.factor(msq_su.subs({s: m**2 + 2 * m**2 * KAPPA, u: m**2 - 2 * m**2 * KAPPA * ratio}))
    dsig = sp.factor(ratio**2 * msq / (32 * sp.pi * m**2))
    num, den = sp.fraction(sp.cancel(dsig.subs(C, 1 - (w - 1) / KAPPA) / KAPPA))   # dc = -dw/kappa, c: -1..1 -> w: 1+2kappa..1
    den_p = sp.Poly(den, w)
    if len(den_p.terms()) != 1:
        raise ArithmeticError("dsigma/dc must be a Laurent polynomial in w")
    (shift,), den_c = den_p.terms()[0]
    sigma = sp.Integer(0)
    for (k,), a_k in sp.Poly(num, w).terms():   # a_k w^(k - shift) / den_c
        power = k - shift
        sigma += a_k / den_c * (sp.log(1 + 2 * KAPPA) if power == -1 else ((1 + 2 * KAPPA) ** (power + 1) - 1) / (power + 1))
    return msq, dsig, sp.factor_terms(sp.expand(sigma))


@cache
def compton_lab() -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """`lab_forms` of spinor Compton scattering (unit charge), computed once."""
    return lab_forms(compton_msq())


@cache
def pair_annihilation_cm() -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    r"""CM frame, $s = 4m^2/(1-\beta^2)$, $c = \cos\theta$ of $\gamma(k_1)$ to $e^-$: ($\frac14\sum|\mathcal M|^2$,
    $d\sigma/dc$, $\sigma$) for unit charge, symbolic in $\beta$. $t - m^2 = -\frac s2(1 - \beta c)$, $u - m^2 = -\frac s2(1 +
    \beta c)$; $d\sigma/dc = \frac{\beta_f}{\beta}\ldots = \frac{1}{32\pi s\beta}\overline{|\mathcal M|^2}$ (flux
    $2s\beta$, massless two-body phase space $\frac{1}{16\pi}dc$); $\sigma$ includes the factor $\frac12$ for the identical photons."""
    big_s = 4 * m**2 / (1 - BETA**2)
    msq = sp.factor(pair_annihilation_msq().subs({t: m**2 - big_s / 2 * (1 - BETA * C), u: m**2 - big_s / 2 * (1 + BETA * C)}))
    dsig = sp.factor(msq / (32 * sp.pi * big_s * BETA))
    sigma = sp.factor_terms(sp.expand(definite_rational(dsig, C, -1, 1) / 2))
    return msq, dsig, sigma
