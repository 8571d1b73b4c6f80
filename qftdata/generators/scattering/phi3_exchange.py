r"""Tree-level $\phi\phi\to\phi\phi$ in cubic scalar theories: the $s$-, $t$- and $u$-channel exchange diagrams, the
differential cross section and the total cross section with the factor $\frac12$ for identical final particles.

The family reads the vertex factors off the Lagrangian (Wick counting: $-\frac g{3!}\phi^3 \to -ig$, $-\frac h2\phi^2\chi
\to -ih$), sums the three exchange diagrams of each field, $\mathcal M = -\sum_{\rm fields}\kappa^2\big[\frac{1}{s-M^2} +
\frac{1}{t-M^2} + \frac{1}{u-M^2}\big]$, puts it in CM kinematics ($t = -2p^2(1-\cos\theta)$, $u = -2p^2(1+\cos\theta)$,
$p^2 = s/4 - m^2$) and integrates $|\mathcal M|^2$ over the angle exactly: with $\cos\theta = 2x - 1$ the $t$/$u$ denominators are
positive linear functions of $x$ and every product of two integrates by partial fractions to logarithms.

Levels (docs/generators.md rubric): advanced-undergraduate — $\mathcal M$ at a given $(s, t)$ (one rule: sum the three
propagators); graduate — $d\sigma/d\Omega$ at a CM angle (kinematics, flux); advanced-graduate — the total cross section
(angular integral with logarithms, identical particles); postgraduate — two cubic couplings and two masses ($\phi^3$ and
$\phi^2\chi$ with a lighter $\chi$): six exchange diagrams interfering, two scales in the logarithms. The knob grows
the pools of $s/m^2$, $t/m^2$, $\cos\theta$ and $M_\chi/m$.
References: Srednicki, *Quantum Field Theory*, ch. 10 (eq. 10.13: the $\phi^3$ tree amplitude $g^2[\frac{1}{m^2-s} +
\frac{1}{m^2-t} + \frac{1}{m^2-u}]$ up to metric conventions); Peskin & Schroeder eq. (4.85) (CM cross section); the
tests integrate the literature amplitude by quadrature.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick, small_rationals
from qftdata.generators.loops._quadratic import tex
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, STATES, UNITS, ask, conventions

NAME = "scattering.phi3_exchange"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate")
g, h, m = sp.symbols("g h m", positive=True)
C = sp.Symbol("c", real=True)


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_num: int = 10   # largest numerator/denominator of the kinematic ratios at the top of a level's band

    def validate(self) -> None:
        if self.max_num < 3:
            raise ValueError("max_num must be >= 3")


@cache
def _pool(size: int, lo: int, hi: int) -> tuple[sp.Rational, ...]:
    """Rationals p/q in the open interval (lo, hi) with q <= size and |p| <= hi * size (the knob widens the pool)."""
    return tuple(sorted({sp.Rational(p, q) for q in range(1, size + 1) for p in range(lo * q + 1, hi * q)}))


def amplitude(exchanges: list[tuple[sp.Expr, sp.Expr]], s_, t_, u_, unit=1) -> sp.Expr:
    r"""$\mathcal M = -\sum\kappa^2[\frac{1}{s-M^2} + \frac{1}{t-M^2} + \frac{1}{u-M^2}]$ from $i\mathcal M = \sum(-i\kappa)^2
    \frac{i}{q^2 - M^2}$ over the channels, for exchanges [(kappa^2, M^2 in units of `unit`)]."""
    return -sum(k2 * (1 / (s_ - mm * unit) + 1 / (t_ - mm * unit) + 1 / (u_ - mm * unit)) for k2, mm in exchanges)


def _linear_pair_integral(da: tuple[Fraction, Fraction], db: tuple[Fraction, Fraction] | None) -> tuple[Fraction, dict]:
    r"""$\int_0^1 dx/D_a$ (db None) or $\int_0^1 dx/(D_aD_b)$ for positive linear $D = \alpha + \beta x$, as (rational part,
    {log argument: coefficient}). Partial fractions: $\frac{1}{D_aD_b} = \frac{\beta_a/D_a - \beta_b/D_b}{\beta_a\alpha_b -
    \beta_b\alpha_a}$; $\int\frac{dx}{D} = \frac1\beta\ln\frac{D(1)}{D(0)}$, $\int\frac{dx}{D^2} = \frac1\beta\big(\frac{1}{D(0)} -
    \frac{1}{D(1)}\big)$. Exact rationals (`fractions`) because sympy arithmetic made this family cost ~0.1 s per problem."""
    (aa, ba) = da
    if db is None:
        return (Fraction(1) / aa, {}) if ba == 0 else (Fraction(0), {(aa + ba) / aa: 1 / ba})
    (ab, bb) = db
    det = ba * ab - bb * aa
    if det == 0:   # proportional: D_b = k D_a
        k = ab / aa
        return (Fraction(1) / (k * aa * aa), {}) if ba == 0 else ((1 / aa - 1 / (aa + ba)) / (ba * k), {})
    logs: dict = {}
    for (al, be), sign in (((aa, ba), 1), ((ab, bb), -1)):
        if be != 0:
            arg = (al + be) / al
            logs[arg] = logs.get(arg, 0) + sign / det
        else:
            return None  # pragma: no cover - a constant denominator never pairs with a different slope here
    return Fraction(0), logs


def total_cross_section(exchanges: list[tuple[sp.Expr, sp.Expr]], s_val: sp.Expr) -> sp.Expr:
    r"""$\sigma = \frac12\cdot 2\pi\int_{-1}^1 dc\,\frac{|\mathcal M|^2}{64\pi^2 s}$ exactly; `s_val` and the masses squared are
    rationals in units of $m^2$ (the couplings have mass dimension 1, so $\sigma \propto$ couplings$^4/m^6$). With $c = 2x - 1$: $M^2 - t = M^2 + 4p^2(1 - x)$ and $M^2 - u = M^2 + 4p^2x$ are positive linear
    functions of $x$, $\mathcal M = C + \sum\kappa^2/D$, and $|\mathcal M|^2$ integrates term by term."""
    fr = lambda q: Fraction(int(sp.Rational(q).p), int(sp.Rational(q).q))  # noqa: E731
    s_f = fr(s_val)
    four_p2 = s_f - 4
    const = [(k2, -1 / (s_f - fr(mm))) for k2, mm in exchanges]   # the s-channel terms do not depend on the angle
    poles = [(k2, (fr(mm) + four_p2, -four_p2)) for k2, mm in exchanges] + [(k2, (fr(mm), four_p2)) for k2, mm in exchanges]
    terms: dict = {}   # coupling monomial -> [rational, {log arg: coeff}]

    def add(coupling, rational, logs, weight):
        entry = terms.setdefault(coupling, [Fraction(0), {}])
        entry[0] += weight * rational
        for arg, c in logs.items():
            entry[1][arg] = entry[1].get(arg, 0) + weight * c

    for ka, ca in const:   # const^2, int_{-1}^1 dc = 2 int_0^1 dx
        for kb, cb in const:
            add(ka * kb, 2 * ca * cb, {}, 1)
        for kp, den in poles:
            add(ka * kp, *_linear_pair_integral(den, None), 2 * 2 * ca)
    for i, (ka, da) in enumerate(poles):
        for j in range(i, len(poles)):   # symmetric in (i, j): off-diagonal pairs twice
            kb, db = poles[j]
            add(ka * kb, *_linear_pair_integral(da, db), 2 if i == j else 4)
    # sigma = (1/2) 2 pi int / (64 pi^2 s) = int / (64 pi s); units: couplings^4 / (m^4 s) with s = s_val m^2
    out = sp.Integer(0)
    for coupling, (rational, logs) in terms.items():
        part = sp.Rational(rational.numerator, rational.denominator)
        for arg, c in logs.items():
            part += sp.Rational(c.numerator, c.denominator) * sp.log(sp.Rational(arg.numerator, arg.denominator))
        out += coupling * sp.expand(part / (64 * s_val)) / (sp.pi * m**6)
    return out


def _theory(rng: random.Random, level: str) -> tuple[list[tuple[sp.Expr, sp.Expr]], str, str, list[str]]:
    if level != "postgraduate":
        return ([(g**2, sp.Integer(1))], r"\tfrac12(\partial\phi)^2 - \tfrac12m^2\phi^2 - \frac{g}{3!}\phi^3",
                r"a real scalar $\phi$ of mass $m$", ["g"])
    r = pick(rng, tuple(v for v in small_rationals(6, 6) if v < 2 and v != 1))
    return ([(g**2, sp.Integer(1)), (h**2, r**2)],
            r"\tfrac12(\partial\phi)^2 - \tfrac12m^2\phi^2 + \tfrac12(\partial\chi)^2 - \tfrac12M_\chi^2\chi^2 - \frac{g}{3!}\phi^3"
            r" - \frac{h}{2}\phi^2\chi",
            rf"real scalars $\phi$ (mass $m$) and $\chi$ (mass $M_\chi = {tex(r * m)}$)", ["g", "h"])


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    size = 2 + int(band_position(d, level) * (config.max_num - 2))
    exchanges, lag, fields, couplings = _theory(rng, level)
    s_val = 4 + pick(rng, _pool(size, 0, 12))   # s/m^2 above threshold
    steps = [r"Vertex factors from $\mathcal L$: each cubic term with $n$ identical fields and coefficient $\kappa/n!$ gives "
             r"$-i\kappa$ (the $n!$ Wick contractions cancel the $1/n!$)."
             + (r" Both $\phi$ and $\chi$ can be exchanged between pairs of external $\phi$'s." if len(exchanges) > 1 else ""),
             r"$\phi\phi\to\phi\phi$ has an $s$-, a $t$- and a $u$-channel diagram per exchanged field: $i\mathcal M = \sum(-i\kappa)^2"
             r"\big[\frac{i}{s - M^2} + \frac{i}{t - M^2} + \frac{i}{u - M^2}\big]$, i.e. $\mathcal M = -\sum\kappa^2\big[\frac{1}{s - M^2} + "
             r"\frac{1}{t - M^2} + \frac{1}{u - M^2}\big]$."]
    if level == "advanced-undergraduate":
        t_val = -(s_val - 4) * pick(rng, _pool(size, 0, 1))   # physical: -4p^2 < t < 0 with 4p^2 = s - 4m^2
        u_val = 4 - s_val - t_val
        value = sp.factor(amplitude(exchanges, s_val * m**2, t_val * m**2, u_val * m**2, m**2))
        steps.append(rf"With $s = {tex(s_val * m**2)}$, $t = {tex(t_val * m**2)}$ and $u = 4m^2 - s - t = {tex(u_val * m**2)}$: "
                     rf"$\mathcal M = {tex(value)}$.")
        target = rf"the invariant amplitude $\mathcal M$ at $s = {tex(s_val * m**2)}$, $t = {tex(t_val * m**2)}$"
        params = {"s": str(s_val), "t": str(t_val)}
    elif level == "graduate":
        c_val = pick(rng, tuple(sorted({sp.Rational(p, q) for q in range(1, size + 1) for p in range(-q, q + 1)})))
        p2 = s_val / 4 - 1
        amp = amplitude(exchanges, s_val * m**2, -2 * p2 * (1 - c_val) * m**2, -2 * p2 * (1 + c_val) * m**2, m**2)
        value = sp.factor(amp**2 / (64 * sp.pi**2 * s_val * m**2))
        steps.append(rf"CM kinematics: $p^2 = s/4 - m^2 = {tex(p2 * m**2)}$, $t = -2p^2(1-\cos\theta)$, $u = -2p^2(1+\cos\theta)$; at "
                     rf"$\cos\theta = {tex(c_val)}$, $\mathcal M = {tex(sp.factor(amp))}$.")
        steps.append(r"For equal masses in and out, $\frac{d\sigma}{d\Omega} = \frac{|\mathcal M|^2}{64\pi^2s}$ (P&S (4.85)): "
                     rf"${tex(value)}$.")
        target = rf"the differential cross section $d\sigma/d\Omega$ at $\cos\theta = {tex(c_val)}$"
        params = {"s": str(s_val), "c": str(c_val)}
    else:
        value = total_cross_section(exchanges, s_val)
        steps.append(rf"CM kinematics: $p^2 = s/4 - m^2 = {tex((s_val / 4 - 1) * m**2)}$, $t = -2p^2(1-c)$, $u = -2p^2(1+c)$ with "
                     r"$c = \cos\theta$; the $s$-channel terms are constant, the $t$- and $u$-channel propagators linear in $c$.")
        steps.append(r"$\sigma = \frac12\cdot2\pi\int_{-1}^1dc\,\frac{|\mathcal M|^2}{64\pi^2s}$ (the $\frac12$ for identical final "
                     r"particles); expanding $|\mathcal M|^2$ and integrating term by term (the single poles give logarithms, the "
                     rf"squared ones rational terms): $\sigma = {tex(value)}$.")
        target = r"the total cross section $\sigma$"
        params = {"s": str(s_val)}
    problem = (conventions(UNITS, METRIC, STATES) + "\n\n"
               + f"Consider {fields} with\n\n$$\\mathcal L = {lag}.$$\n\n"
               + rf"For $\phi\phi\to\phi\phi$ at tree level with $s = {tex(s_val * m**2)}$ (above threshold, $s > 4m^2$) and $s, t, u$ the "
               r"usual Mandelstam variables, compute " + target
               + (r" (the final particles are identical)" if "sigma" in target else "") + ". "
               + ask("it", couplings + ["m"]))
    answer = tex(value)
    steps.append(f"$$\\boxed{{{answer}}}$$")
    params["masses"] = [str(mm) for _, mm in exchanges]
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=couplings + ["m"],
                 difficulty=d)


register(Family(name=NAME, category="Foundations and Scalar Fields", levels=LEVELS,
                description="phi phi -> phi phi in cubic scalar theories: s/t/u exchange amplitude, dsigma/dOmega, exact total "
                            "cross section (identical particles), with a second scalar at postgraduate.",
                generate=generate, config=Config(), version=1,
                reference="Srednicki QFT ch. 10 (eq. 10.13); Peskin & Schroeder eq. (4.85)"))
