r"""Subtracted dispersion relations: rebuild a one-loop function from its imaginary part.

A function analytic in the cut $q^2$ plane with a cut from $4m^2$ obeys the $n$-times subtracted relation
$$F(q^2) - \sum_{k<n}\frac{F^{(k)}(0)}{k!}q^{2k} = \frac{q^{2n}}{\pi}\int_{4m^2}^\infty ds\,
\frac{\mathrm{Im}\,F(s+i\epsilon)}{s^n\,(s-q^2)}$$
(principal value above threshold, where it gives $\mathrm{Re}\,F$). The family computes $\mathrm{Im}\,F$ on the cut
from the Feynman-parameter representation (Cutkosky: $\ln(-X-i\epsilon) = \ln X - i\pi$ where the argument turns
negative) or from the two-particle spectral density, then does the dispersion integral exactly with
$s = 4m^2/(1-v^2)$, $v = \beta(s)$, which makes the integrand rational in $v$:
$\frac{q^{2n}\,ds}{s^n(s-q^2)} = \big(\frac{1-v^2}{1-b^2}\big)^{n-1}\frac{2v\,dv}{v^2-b^2}$ with $q^2 = 4m^2/(1-b^2)$.

Functions: the normalised bubble $B(q^2) = -\int_0^1dx\ln\frac{m^2-x(1-x)q^2-i\epsilon}{m^2}$, the on-shell QED vacuum
polarisation of a Dirac or scalar loop (P&S (7.90), problem 9.1), and the scalar-current correlator (two
subtractions). References for the tests: $B = 2 - b\ln\frac{b+1}{b-1}$ (Denner, Fortsch. Phys. 41 (1993) 307,
eq. (4.23) with 't Hooft–Veltman), P&S (7.90)-(7.92), and direct quadrature of the Feynman-parameter integrals.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.applied._common import CATEGORY, finish, knob_and_position, pick, sized, tex
from qftdata.generators.applied._spectral import fermion_density
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, conventions

NAME = "applied.subtracted_dispersion"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
m, alpha = sp.symbols("m alpha", positive=True)
s = sp.Symbol("s", positive=True)
V = sp.Symbol("v", positive=True)
U = sp.Symbol("u", real=True)
X = sp.Symbol("x", positive=True)
CHARGES = (sp.Integer(1), sp.Rational(2, 3), sp.Rational(1, 3), sp.Integer(2))



@dataclass(frozen=True)
class Kernel:
    """F = c * int_0^1 dx w(x) ln[(m^2 - x(1-x)q^2 - i eps)/m^2]: its prefactor, weight, name and wording."""

    c: sp.Expr
    w: sp.Expr
    name: str
    words: str     # what F is, in words (the charge sentence is added separately)
    feynman: str   # its Feynman-parameter representation, LaTeX body after "F(q^2) ="


VP_WORDS = (r"the on-shell subtracted one-loop QED vacuum polarisation $\hat\Pi(q^2) = \Pi(q^2) - \Pi(0)$ "
            r"($i\Pi^{\mu\nu} = i(q^2g^{\mu\nu}-q^\mu q^\nu)\Pi(q^2)$, $\alpha = e^2/4\pi$) from a loop of {who}")
KERNELS = {
    "bubble": Kernel(sp.Integer(-1), sp.Integer(1), "B",
                     r"the one-loop scalar bubble $B(q^2)$ with two propagators of mass $m$, with its $\overline{\rm MS}$ "
                     r"pole and $\ln(\mu^2/m^2)$ removed so that $B(0) = 0$",
                     r"-\int_0^1 dx\,\ln\frac{m^2 - x(1-x)q^2 - i\epsilon}{m^2}"),
    "vp_dirac": Kernel(2 * alpha / sp.pi, X * (1 - X), r"\hat\Pi", VP_WORDS.replace("{who}", "a Dirac fermion of mass $m$"),
                       r"\frac{2\alpha}{\pi}\int_0^1 dx\,x(1-x)\ln\frac{m^2 - x(1-x)q^2 - i\epsilon}{m^2}"),
    "vp_scalar": Kernel(alpha / (4 * sp.pi), (1 - 2 * X) ** 2, r"\hat\Pi",
                        VP_WORDS.replace("{who}", "a complex scalar of mass $m$"),
                        r"\frac{\alpha}{4\pi}\int_0^1 dx\,(1-2x)^2\ln\frac{m^2 - x(1-x)q^2 - i\epsilon}{m^2}"),
}


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_den: int = 12  # largest denominator of b = beta at the evaluation point

    def validate(self) -> None:
        if self.max_den < 3:
            raise ValueError(f"{NAME}: max_den must be >= 3")


@cache
def im_from_cut(kernel: str) -> sp.Expr:
    r"""$\mathrm{Im}\,F(s+i\epsilon)$ as a polynomial in $v = \beta(s)$: where $x(1-x)s > m^2$, i.e. $|1-2x| < \beta$, the
    logarithm's argument is negative and $\mathrm{Im}\ln(-|X| - i\epsilon) = -\pi$ (Cutkosky)."""
    c, w = KERNELS[kernel].c, KERNELS[kernel].w
    # x = (1 - u)/2, dx = du/2, u over (-beta, beta)
    return sp.expand(-c * sp.pi * sp.integrate(w.subs(X, (1 - U) / 2) / 2, (U, -V, V)))


@cache
def im_scalar_current(n_c: int) -> sp.Expr:
    r"""$\mathrm{Im}\,\Pi_S(s) = \pi\rho_S(s)$ for $O = \bar\psi\psi$ (spectral density, `_spectral.py`), in $v$ and $m$."""
    rational, _ = fermion_density("S", m, m, n_c)
    return sp.factor(sp.pi * rational.subs(s, 4 * m**2 / (1 - V**2)) * (4 * m**2 / (1 - V**2)) * V)  # root = s v


BIG_B = sp.Symbol("B", real=True)


def inverse_square_integral(big_b) -> sp.Expr:
    r"""$\int_0^1\frac{dv}{v^2 - B}$ for rational $B \ne 0, 1$ (principal value for $0 < B < 1$): the one
    transcendental piece of every dispersion integral here, written out so each draw costs a substitution
    (the test checks it against `_common.definite_rational` and sympy)."""
    big_b = sp.Rational(big_b)
    if big_b < 0:
        c = sp.sqrt(-big_b)
        return sp.atan(1 / c) / c
    b = sp.sqrt(big_b)
    return sp.log(sp.Abs((1 - b) / (1 + b))) / (2 * b)


@cache
def _reduced(im_v: sp.Expr, n_sub: int) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    r"""Split $\frac{1}{\pi}\mathrm{Im}F(v)(1-v^2)^{n-1}\,2v = Q(v)(v^2-B) + r_1v + r_0$ once, with $B$ symbolic:
    (the integral of Q over [0, 1], r_1, r_0) as functions of B."""
    numerator = sp.Poly(sp.cancel(im_v / sp.pi * (1 - V**2) ** (n_sub - 1) * 2 * V), V)
    quo, rem = sp.div(numerator, sp.Poly(V**2 - BIG_B, V))
    poly_part = quo.integrate().eval(1) - quo.integrate().eval(0)
    return sp.expand(poly_part), rem.coeff_monomial(V), rem.coeff_monomial(1)


def dispersive(im_v: sp.Expr, n_sub: int, big_b) -> sp.Expr:
    r"""$\frac{1}{\pi}\int_0^1 dv\,\mathrm{Im}F(v)\big(\frac{1-v^2}{1-B}\big)^{n-1}\frac{2v}{v^2-B}$ (principal value if
    $0<B<1$), i.e. the n-times subtracted dispersion integral at $q^2 = 4m^2/(1-B)$."""
    poly_part, r1, r0 = _reduced(im_v, n_sub)
    log_part = (sp.log(sp.Abs(1 - big_b)) - sp.log(sp.Abs(big_b))) / 2  # int_0^1 v dv/(v^2 - B)
    value = (poly_part + r1 * log_part + r0 * inverse_square_integral(big_b)).xreplace({BIG_B: big_b})
    return sp.expand(value / (1 - big_b) ** (n_sub - 1))


def _point(rng: random.Random, region: str, pos: float, max_den: int) -> tuple[sp.Rational, sp.Rational]:
    """(B, q^2/m^2) with B = b^2 = 1 - 4m^2/q^2; larger knob values allow larger denominators."""
    den = rng.randint(2, 3 + round(pos * (max_den - 3)))
    if region == "euclidean":        # b > 1 rational: q^2 = -4m^2/(b^2 - 1)
        b = sp.Rational(den + rng.randint(1, 2 * den), den)
    elif region == "below":          # 0 < q^2 < 4m^2: B = -c^2
        b = sp.Rational(rng.randint(1, 3 * den), den)
        big_b = -(b**2)
        return big_b, 4 / (1 - big_b)
    else:                            # above threshold: 0 < b < 1
        b = sp.Rational(rng.randint(1, den - 1), den)
    big_b = b**2
    return big_b, 4 / (1 - big_b)


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d, pos = knob_and_position(config, level, rng)
    if level == "graduate":
        kernel, region, given = pick(rng, tuple(KERNELS)), "euclidean", "im"
    elif level == "advanced-graduate":
        kernel = pick(rng, tuple(KERNELS) + ("scalar_current",))
        region = sized(rng, pos, ("euclidean", "below"), 0.5)
        given = "im" if kernel == "scalar_current" else "feynman"
    else:
        kernel = pick(rng, tuple(KERNELS) + ("scalar_current",))
        region, given = "above", ("im" if kernel == "scalar_current" else "feynman")
    n_sub = 2 if kernel == "scalar_current" else 1
    big_b, q2 = _point(rng, region, pos, config.max_den)
    charge, n_c = sp.Integer(1), 1
    if kernel.startswith("vp"):
        charge, n_c = pick(rng, CHARGES), pick(rng, (1, 3))
    if kernel == "scalar_current":
        n_c = pick(rng, (1, 2, 3))
    im_v = im_scalar_current(n_c) if kernel == "scalar_current" else im_from_cut(kernel) * charge**2 * n_c
    value = dispersive(im_v, n_sub, big_b)
    if kernel == "scalar_current":  # Im Pi_S = (polynomial in beta) * s, since s = 4m^2/(1 - v^2)
        im_s = sp.factor(sp.cancel(im_v * (1 - V**2) / (4 * m**2))).subs(V, sp.Symbol("beta")) * s
    else:
        im_s = sp.factor(im_v.subs(V, sp.Symbol("beta")))
    point = rf"q^2 = {tex(q2 * m**2)}"
    if kernel == "scalar_current":
        name = r"\Pi_S"
        what = (rf"$\Pi_S(q^2) = i\int d^4x\,e^{{iq\cdot x}}\langle0|T\,O(x)O(0)|0\rangle$ for the colour-singlet scalar "
                rf"density $O = \sum_c\bar\psi^c\psi^c$ of a free Dirac fermion of mass $m$ in $N_c = {n_c}$ colours; it is "
                r"analytic in the $q^2$ plane cut along $q^2 \ge 4m^2$, with "
                rf"$\mathrm{{Im}}\,\Pi_S(s+i\epsilon) = {sp.latex(im_s)}$, $\beta = \sqrt{{1-4m^2/s}}$, on the cut")
        target = (rf"$\Pi_S(q^2) - \Pi_S(0) - q^2\,\Pi_S'(0)$ at ${point}$" +
                  (" (its real part, from the principal-value integral)" if region == "above" else ""))
    else:
        ker = KERNELS[kernel]
        mult = charge**2 * n_c
        name = ker.name
        who = ker.words
        if kernel.startswith("vp"):
            who += (" of unit charge" if mult == 1 else
                    rf" of charge $Q = {tex(charge)}$ in units of $e$, coming in $N_c = {n_c}$ colour(s)")
        if given == "im":
            what = (who + r". It is analytic in the $q^2$ plane cut along $q^2 \ge 4m^2$, vanishes at $q^2 = 0$, and on "
                    rf"the cut $\mathrm{{Im}}\,{name}(s+i\epsilon) = {sp.latex(im_s)}$ with $\beta = \sqrt{{1-4m^2/s}}$")
        else:
            factor = "" if mult == 1 else rf"{tex(mult)}\times"
            what = who + rf", given by $${name}(q^2) = {factor}{ker.feynman}$$"
        target = rf"${name}({point})$" + (r" (its real part)" if region == "above" else "")
    syms = sorted({str(x) for x in value.free_symbols})
    sym_tex = {"alpha": r"\alpha", "m": "m"}
    method = ("using a dispersion relation with the subtractions at $q^2 = 0$" if level == "graduate" else
              "with a subtracted dispersion relation")
    closing = ("Give it in terms of " + " and ".join(f"${sym_tex[x]}$" for x in syms)
               + r", as a single expression in `\boxed{}`" if syms else r"Give the exact value in `\boxed{}`")
    problem = [
        conventions(UNITS, METRIC),
        f"Consider {what}.",
        f"Compute {target} {method}. Natural logarithms as $\\ln$. {closing}."]
    steps = []
    if given == "feynman":
        name = KERNELS[kernel].name
        steps.append(r"Imaginary part from the cut: for $q^2 = s > 4m^2$ the argument $m^2 - x(1-x)s$ is negative for "
                     r"$|1-2x| < \beta$, where $\mathrm{Im}\ln(-|X| - i\epsilon) = -\pi$; with $u = 1 - 2x$, "
                     rf"$\mathrm{{Im}}\,{name}(s+i\epsilon) = -\pi\,c\int_{{-\beta}}^{{\beta}}\frac{{du}}{{2}}\,w = {sp.latex(im_s)}$.")
    steps += [
        rf"{'Once' if n_sub == 1 else 'Twice'}-subtracted relation at $q^2 = 0$: "
        rf"$\frac{{q^{{{2 * n_sub}}}}}{{\pi}}\int_{{4m^2}}^\infty ds\,\frac{{\mathrm{{Im}}\,{name}(s)}}{{s^{{{n_sub}}}(s-q^2)}}$"
        + (" (principal value)." if region == "above" else "."),
        r"Substitute $s = 4m^2/(1-v^2)$ ($v = \beta(s)$) and write $q^2 = 4m^2/(1-b^2)$, here "
        rf"$b^2 = {tex(big_b)}$: the measure becomes $\left(\frac{{1-v^2}}{{1-b^2}}\right)^{{{n_sub - 1}}}\frac{{2v\,dv}}{{v^2-b^2}}$ "
        r"on $0 < v < 1$, a rational integrand (partial fractions; $\int_0^1\frac{dv}{v^2-b^2}$ gives "
        + ("an arctangent" if big_b < 0 else "a logarithm") + ").",
        rf"Result: ${tex(value)}$."]
    params = {"kernel": kernel, "region": region, "given": given, "B": str(big_b), "Q": str(charge), "N_c": n_c}
    return finish(problem, steps, value, params, syms, d)


register(Family(
    name=NAME, category=CATEGORY, levels=LEVELS,
    description="Once/twice-subtracted dispersion integrals rebuilding the bubble, the QED vacuum polarisation or "
                "a scalar-current correlator from its cut (Euclidean, below or above threshold).",
    generate=generate, config=Config(), version=1,
    reference="Denner Fortsch. Phys. 41 (1993) 307 eq. (4.23); Peskin & Schroeder (7.90)-(7.92) and problem 9.1",
))
