r"""One-loop scalar self-energy in cubic scalar theories, in $d = 6 - 2\epsilon$ (where $\phi^3$ is renormalisable)
and $d = 4 - 2\epsilon$, through explicit Feynman parameters.

The sum of the bubbles is $-i\Sigma(p^2) = \sum S\kappa^2\int\frac{d^dk}{(2\pi)^d}\frac{1}{(k^2-m_a^2)((k+p)^2-m_b^2)}$
(vertex $-i\kappa$, symmetry factor $S$: $\tfrac12$ for two identical lines). Feynman parameters and the
Wick-rotated master integral give, with $\Delta = xm_b^2 + (1-x)m_a^2 - x(1-x)p^2$ and the
$\overline{\rm MS}$ factor $(\mu^2e^{\gamma_E}/4\pi)^\epsilon$,

* $d = 4-2\epsilon$: $\Sigma = -\frac{S\kappa^2}{16\pi^2}\big[\frac1\epsilon - \int_0^1dx\ln\frac{\Delta}{\mu^2}\big]$,
  $\frac{d\Sigma}{dp^2} = -\frac{S\kappa^2}{16\pi^2}\int_0^1dx\,\frac{x(1-x)}{\Delta}$;
* $d = 6-2\epsilon$ ($\Gamma(-1+\epsilon) = -\frac1\epsilon - 1 + \gamma_E + O(\epsilon)$):
  $\Sigma = \frac{S\kappa^2}{64\pi^3}\int_0^1dx\,\Delta\big[\frac1\epsilon + 1 - \ln\frac{\Delta}{\mu^2}\big]$.

The family builds the diagrams from the stated Lagrangian (symmetry factors, masses), forms $\Delta(x)$ and does the
$x$ integral exactly (`loops._quadratic`: arctangents below threshold, logarithms for spacelike momenta).
Levels (docs/generators.md rubric): graduate — the $1/\epsilon$ pole in $d = 6 - 2\epsilon$ (diagram, Feynman
parameters, Gamma-function pole); advanced-graduate — finite part or $p^2$-slope in $d = 4 - 2\epsilon$ at a given
momentum (a Feynman-parameter log/rational integral, arctangents below threshold); postgraduate — two couplings
and two mass scales together: the on-shell wave-function renormalisation $\delta Z = \Sigma'(M^2)$ in $d = 4$ or the
finite on-shell mass shift in $d = 6$. The knob grows the numerators and denominators of the mass and momentum ratios.
References: Srednicki, *Quantum Field Theory*, ch. 14 (eqs. 14.32-14.37: $Z_\phi = 1 - \alpha/6\epsilon$,
$Z_m = 1 - \alpha/\epsilon$ in $d = 6 - \epsilon$, $\alpha = g^2/(4\pi)^3$); Denner, Fortsch. Phys. 41 (1993) 307,
eq. (4.23) ($B_0$ in closed form), used by the tests.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick
from qftdata.generators.loops._quadratic import (
    X,
    coefficients,
    log_integral,
    poly_integral,
    rational_integral,
    tex,
)
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, ask, conventions

NAME = "loops.scalar_self_energy_phi3"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
g, h, m = sp.symbols("g h m", positive=True)
MSBAR = (r"Loop integrals $\int d^dk/(2\pi)^d$ carry the $\overline{\rm MS}$ factor $(\mu^2e^{\gamma_E}/4\pi)^\epsilon$.")
SIGMA_DEF = (r"Define the self-energy by $-i\Sigma(p^2)$ = the sum of one-particle-irreducible two-point diagrams "
             r"(external propagators removed), so that the full propagator is $i/(p^2 - M_\phi^2 - \Sigma(p^2))$.")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_num: int = 12   # largest numerator/denominator of a momentum ratio at the top of a level's band

    def validate(self) -> None:
        if self.max_num < 3:
            raise ValueError("max_num must be >= 3")


@dataclass(frozen=True)
class Bubble:
    """One bubble: coupling factor S kappa^2, loop masses m_a, m_b in units of m, and how to say it."""

    weight: sp.Expr
    ma: sp.Rational
    mb: sp.Rational
    text: str


@cache
def _ratios(size: int, lo: sp.Rational, hi: sp.Rational) -> tuple[sp.Rational, ...]:
    """Distinct nonzero rationals p/q in the open interval (lo, hi), |p| <= 4 size, q <= size (the knob widens
    the pool); built with `fractions` because sympy comparisons cost ~50 us each."""
    flo, fhi = Fraction(int(lo.p), int(lo.q)), Fraction(int(hi.p), int(hi.q))
    out = {Fraction(p, q) for q in range(1, size + 1) for p in range(-4 * size, 4 * size + 1)}
    return tuple(sp.Rational(f.numerator, f.denominator) for f in sorted(f for f in out if flo < f < fhi and f))


MASS_RATIOS = tuple(sp.Rational(v) for v in ("1/2", "2/3", "3/4", "4/5", "5/4", "4/3", "3/2", "5/3", "2", "5/2", "3"))


def _theory(rng: random.Random, kind: str) -> tuple[list[Bubble], str, sp.Rational, list[str], str]:
    """(bubbles, Lagrangian LaTeX, external mass M_phi / m, coupling names, field description)."""
    if kind == "phi3":
        return ([Bubble(g**2 / 2, sp.Integer(1), sp.Integer(1), r"the $\phi\phi$ bubble (vertex $-ig$, symmetry factor $\tfrac12$)")],
                r"\tfrac12(\partial\phi)^2 - \tfrac12 m^2\phi^2 - \frac{g}{3!}\phi^3", sp.Integer(1), ["g"],
                r"a real scalar $\phi$ of mass $M_\phi = m$")
    rc = pick(rng, MASS_RATIOS)
    chi = r"\tfrac12(\partial\chi)^2 - \tfrac12 m_\chi^2\chi^2"
    if kind == "phi_chi2":
        return ([Bubble(g**2 / 2, rc, rc, r"the $\chi\chi$ bubble (vertex $-ig$, symmetry factor $\tfrac12$)")],
                rf"\tfrac12(\partial\phi)^2 - \tfrac12 m^2\phi^2 + {chi} - \frac{{g}}{{2}}\phi\chi^2", sp.Integer(1), ["g"],
                rf"real scalars $\phi$ (mass $M_\phi = m$) and $\chi$ (mass $m_\chi = {tex(rc)}m$)")
    if kind == "phi_chi_sigma":
        rs = pick(rng, tuple(r for r in MASS_RATIOS if r != rc))
        return ([Bubble(g**2, rc, rs, r"the $\chi\sigma$ bubble (vertex $-ig$, distinct lines: symmetry factor 1)")],
                rf"\tfrac12(\partial\phi)^2 - \tfrac12 m^2\phi^2 + {chi} + \tfrac12(\partial\sigma)^2 - \tfrac12 m_\sigma^2\sigma^2"
                r" - g\,\phi\chi\sigma", sp.Integer(1), ["g"],
                rf"real scalars $\phi$ (mass $M_\phi = m$), $\chi$ (mass $m_\chi = {tex(rc)}m$) and $\sigma$ "
                rf"(mass $m_\sigma = {tex(rs)}m$)")
    # two couplings: phi^3 self-coupling h and phi chi^2 coupling g; the external phi has mass M_phi = rp m
    rp = pick(rng, (sp.Rational(1, 2), sp.Rational(2, 3), sp.Rational(3, 4), sp.Integer(1), sp.Rational(5, 4), sp.Rational(3, 2)))
    rc = pick(rng, tuple(r for r in MASS_RATIOS if 2 * r > rp and r != rp))
    return ([Bubble(h**2 / 2, rp, rp, r"the $\phi\phi$ bubble (vertex $-ih$, symmetry factor $\tfrac12$)"),
             Bubble(g**2 / 2, rc, rc, r"the $\chi\chi$ bubble (vertex $-ig$, symmetry factor $\tfrac12$)")],
            rf"\tfrac12(\partial\phi)^2 - \tfrac12 M_\phi^2\phi^2 + {chi} - \frac{{h}}{{3!}}\phi^3 - \frac{{g}}{{2}}\phi\chi^2",
            rp, ["g", "h"], rf"real scalars $\phi$ (mass $M_\phi = {tex(rp)}m$) and $\chi$ (mass $m_\chi = {tex(rc)}m$)")


def _quad(b: Bubble, r: sp.Rational) -> tuple[sp.Rational, sp.Rational, sp.Rational]:
    """Delta/m^2 = x m_b^2 + (1-x) m_a^2 - x(1-x) p^2 at p^2 = r m^2, as (q2, q1, q0) of q2 x^2 + q1 x + q0."""
    c = coefficients(X * b.mb**2 + (1 - X) * b.ma**2 - X * (1 - X) * r, X) + [sp.Integer(0)] * 3
    return c[2], c[1], c[0]


def _delta_tex(b: Bubble, r: sp.Rational) -> str:
    q2, q1, q0 = _quad(b, r)
    return tex(sp.expand(q2 * X**2 + q1 * X + q0))


def compute(kind: str, bubbles: list[Bubble], r: sp.Rational) -> tuple[sp.Expr, list[str]]:
    """The requested quantity at p^2 = r m^2 (mu = m where it matters) and the per-bubble solution lines."""
    total, lines = sp.Integer(0), []
    for b in bubbles:
        q2, q1, q0 = _quad(b, r)
        dtex = _delta_tex(b, r)
        if kind == "pole6":
            integral = poly_integral([q0, q1, q2])
            value = b.weight / (64 * sp.pi**3) * integral * m**2
            lines.append(rf"{b.text}: $\Delta/m^2 = {dtex}$, $\int_0^1dx\,\Delta/m^2 = {tex(integral)}$, pole "
                         rf"$\frac{{S\kappa^2}}{{64\pi^3}}\int_0^1\Delta\,dx$ with $S\kappa^2 = {tex(b.weight)}$.")
        elif kind == "finite4":
            integral = log_integral([1], (q2, q1, q0))
            value = b.weight / (16 * sp.pi**2) * integral
            lines.append(rf"{b.text}: $\Delta/m^2 = {dtex}$, $\int_0^1dx\,\ln(\Delta/m^2) = {tex(integral)}$, so at $\mu = m$ "
                         rf"its finite part is $\frac{{S\kappa^2}}{{16\pi^2}}\int_0^1\ln\frac{{\Delta}}{{m^2}}dx$ with $S\kappa^2 = {tex(b.weight)}$.")
        elif kind == "slope4":
            integral = rational_integral([0, 1, -1], (q2, q1, q0))
            value = -b.weight / (16 * sp.pi**2) * integral / m**2
            lines.append(rf"{b.text}: $\Delta/m^2 = {dtex}$, $\int_0^1dx\,\frac{{x(1-x)}}{{\Delta/m^2}} = {tex(integral)}$, "
                         rf"contribution $-\frac{{S\kappa^2}}{{16\pi^2 m^2}}\int_0^1\frac{{x(1-x)}}{{\Delta/m^2}}dx$ with $S\kappa^2 = {tex(b.weight)}$.")
        else:  # finite6: (S k^2/64 pi^3) int Delta (1 - ln Delta/mu^2) at mu = m
            poly = [q0, q1, q2]
            integral = poly_integral(poly) - log_integral(poly, (q2, q1, q0))
            value = b.weight / (64 * sp.pi**3) * integral * m**2
            lines.append(rf"{b.text}: $\Delta/m^2 = {dtex}$, $\int_0^1dx\,\frac{{\Delta}}{{m^2}}\big(1 - \ln\frac{{\Delta}}{{m^2}}\big) "
                         rf"= {tex(integral)}$, contribution $\frac{{S\kappa^2m^2}}{{64\pi^3}}$ times this with $S\kappa^2 = {tex(b.weight)}$.")
        total += value
    return total, lines


LEVEL_KINDS = {"graduate": (("pole6",), ("phi3", "phi_chi2", "phi_chi_sigma")),
               "advanced-graduate": (("finite4", "slope4"), ("phi3", "phi_chi2", "phi_chi_sigma")),
               "postgraduate": (("onshell_slope4", "onshell_finite6"), ("two_couplings",))}


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    size = 3 + int(band_position(d, level) * (config.max_num - 3))
    kinds, theories = LEVEL_KINDS[level]
    kind, theory = pick(rng, kinds), pick(rng, theories)
    bubbles, lag, rp, couplings, fields = _theory(rng, theory)
    threshold = min((b.ma + b.mb) ** 2 for b in bubbles)
    if kind.startswith("onshell"):
        r = rp**2
        kind = kind.removeprefix("onshell_")
        dim = 4 if kind == "slope4" else 6
    else:
        dim = 6 if kind == "pole6" else 4
        r = pick(rng, _ratios(size, sp.Integer(-4), min(threshold, sp.Integer(5))))
    value, lines = compute(kind, bubbles, r)
    p2 = r"M_\phi^2" if level == "postgraduate" else tex(r * m**2)
    target = {
        "pole6": rf"the coefficient of $1/\epsilon$ in $\Sigma(p^2)$ at $p^2 = {p2}$",
        "finite4": (rf"the finite ($O(\epsilon^0)$) part of $\Sigma(p^2)$ at $p^2 = {p2}$, with the $\overline{{\rm MS}}$ scale "
                    r"set to $\mu = m$"),
        "slope4": rf"the derivative $d\Sigma/dp^2$ at $p^2 = {p2}$ (finite in $d = 4$)",
        "finite6": (r"the finite ($O(\epsilon^0)$) part of $\Sigma(p^2)$ on shell, at $p^2 = M_\phi^2$, with the "
                    r"$\overline{\rm MS}$ scale set to $\mu = m$ (at this order the propagator's pole sits at "
                    r"$p^2 = M_\phi^2 + \Sigma(M_\phi^2)$)"),
    }[kind]
    if level == "postgraduate" and kind == "slope4":
        target = (r"the on-shell wave-function renormalisation $\delta Z_\phi = \frac{d\Sigma}{dp^2}\big|_{p^2 = M_\phi^2}$ "
                  r"(finite in $d = 4$)")
    dims = rf"Work in $d = {dim} - 2\epsilon$ dimensions. " + MSBAR
    region = (rf" The momentum is below every two-particle threshold ($p^2 < {tex(threshold * m**2)}$), so $\Sigma$ is real."
              if kind != "pole6" else "")
    syms = sorted({str(s) for s in value.free_symbols}, key=lambda s: ("ghm".index(s[0]), s))
    problem = (conventions(UNITS, METRIC) + " " + dims + "\n\n"
               + f"Consider {fields} with\n\n$$\\mathcal L = {lag}.$$\n\n{SIGMA_DEF}\n\n"
               + f"At one loop, compute {target}.{region} " + ask("it", syms))
    steps = [r"Each one-loop diagram is a bubble: with vertex factor $-i\kappa$ and symmetry factor $S$, "
             r"$-i\Sigma = S(-i\kappa)^2\int\frac{d^dk}{(2\pi)^d}\frac{i}{k^2-m_a^2}\frac{i}{(k+p)^2-m_b^2}$. Feynman "
             r"parameters and the shift $k \to k - xp$ give the denominator $(k^2 - \Delta)^2$ with "
             r"$\Delta = xm_b^2 + (1-x)m_a^2 - x(1-x)p^2$; after Wick rotation "
             r"$\int\frac{d^dk}{(2\pi)^d}\frac{1}{(k^2-\Delta)^2} = \frac{i\,\Gamma(2-d/2)}{(4\pi)^{d/2}}\Delta^{d/2-2}$."]
    steps.append({4: r"In $d = 4 - 2\epsilon$ with the $\overline{\rm MS}$ factor: $\Sigma = -\frac{S\kappa^2}{16\pi^2}\Big[\frac1\epsilon - "
                     r"\int_0^1dx\ln\frac{\Delta}{\mu^2}\Big] + O(\epsilon)$, and $\frac{d\Sigma}{dp^2} = -\frac{S\kappa^2}{16\pi^2}"
                     r"\int_0^1dx\frac{x(1-x)}{\Delta}$.",
                  6: r"In $d = 6 - 2\epsilon$, $\Gamma(-1+\epsilon) = -\frac1\epsilon - 1 + \gamma_E + O(\epsilon)$ and the "
                     r"$\overline{\rm MS}$ factor give $\Sigma = \frac{S\kappa^2}{64\pi^3}\int_0^1dx\,\Delta\Big[\frac1\epsilon + 1 - "
                     r"\ln\frac{\Delta}{\mu^2}\Big] + O(\epsilon)$."}[dim])
    if level == "postgraduate":
        steps.append(rf"On shell $p^2 = M_\phi^2 = {tex(r * m**2)}$, below the thresholds, so each $\Delta > 0$ on $[0, 1]$.")
    steps += lines
    answer = tex(value)
    steps.append(rf"Adding the diagrams: $${answer}$$" + f"\n\n$$\\boxed{{{answer}}}$$")
    params = {"kind": kind, "theory": theory, "r": str(r), "masses": [[str(b.ma), str(b.mb)] for b in bubbles],
              "M_phi": str(rp)}
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=syms,
                 difficulty=d)


register(Family(name=NAME, category="Loop and Regularization Techniques", levels=LEVELS,
                description="One-loop self-energy of cubic scalar theories (phi^3, phi chi^2, phi chi sigma) in d = 6 - 2eps "
                            "and 4 - 2eps: pole, finite part, p^2-slope, on-shell delta Z via exact Feynman-parameter integrals.",
                generate=generate, config=Config(), version=1,
                reference="Srednicki QFT ch. 14 (eqs. 14.32-14.37, phi^3 in d = 6); Denner Fortsch. Phys. 41 (1993) 307 eq. (4.23)"))
