r"""Partial-wave projection of a tree amplitude and the perturbative-unitarity bound.

For massless $2\to2$ scattering of distinguishable scalars the partial waves are
$a_\ell(s) = \frac{1}{32\pi}\int_{-1}^{1}d\cos\theta\,P_\ell(\cos\theta)\,\mathcal M(s, t)$ with
$t = -\frac s2(1-\cos\theta)$, $u = -\frac s2(1+\cos\theta)$, and unitarity requires $|\mathrm{Re}\,a_\ell| \le \frac12$.
The amplitude is a random sum of a contact term and $s$-, $t$-, $u$-channel exchanges of a scalar of mass
$\mu$; the projection is integrated with sympy. Reference: the Legendre-$Q$ closed forms
$\int_{-1}^1 \frac{P_\ell(x)\,dx}{z - x} = 2Q_\ell(z)$ (Abramowitz & Stegun 8.8.2 / Gradshteyn 7.224) and the
unitarity bound of Lee, Quigg & Thacker, Phys. Rev. D 16 (1977) 1519 (e.g. $\mathcal M = -\lambda$ gives
$a_0 = -\lambda/16\pi$, so $\lambda \le 8\pi$).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.foundations._knob import band_position, band_scale
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import pick, tex
from qftdata.generators.text import METRIC, STATES, UNITS, conventions

NAME = "amplitudes.partial_waves"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate")
lam, g, mu, s = sp.symbols("lambda g mu s", positive=True)
x = sp.Symbol("x", real=True)


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_ell: int = 3

    def validate(self) -> None:
        if not 0 <= self.max_ell <= 3:
            raise ValueError(f"{NAME}: max_ell must be in 0..3")


@cache
def _channel_projection(channel: str, ell: int) -> sp.Expr:
    r"""$\frac{1}{32\pi}\int_{-1}^1 dx\,P_\ell(x)\,\frac{-1}{X - \mu^2}$ for X = s, t or u (coupling stripped).

    Integrated in the dimensionless r = s/mu^2 (so every logarithm is ln(1 + r) of a positive argument),
    then rescaled: the result is F(s/mu^2)/mu^2.
    """
    r = sp.Symbol("r", positive=True)
    legendre = sp.legendre(ell, x)
    if channel == "s":
        value = -sp.integrate(legendre, (x, -1, 1)) / (r - 1) / (32 * sp.pi)
        return sp.factor(value).subs(r, s / mu**2) / mu**2
    # -1/(t - mu^2) = 1/(a - b x) and -1/(u - mu^2) = 1/(a + b x), a = 1 + r/2, b = r/2 (units of mu^2).
    # Divide: P(x) = q(x)(a -+ b x) + R, so the integral is int q dx + R int dx/(a -+ b x), and
    # int_{-1}^{1} dx/(a -+ b x) = ln((a + b)/(a - b))/b = ln(1 + r)/b. (sympy's integrate of the apart form
    # took ~1 s per case; the division is exact and fast.)
    a, b = 1 + r / 2, r / 2
    den = a - b * x if channel == "t" else a + b * x
    q, rem = sp.div(sp.Poly(legendre, x), sp.Poly(den, x))
    L = sp.Symbol("L")
    value = (sp.integrate(q.as_expr(), (x, -1, 1)) + rem.as_expr() * L / b) / (32 * sp.pi)
    value = sp.collect(sp.expand(value), L)
    value = sum(sp.factor(term) for term in sp.Add.make_args(value))
    return (value.subs(L, sp.log(1 + r)).subs(r, s / mu**2) / mu**2)


MASS_RATIOS = (sp.Integer(2), sp.Rational(1, 2), sp.Integer(3), sp.Rational(3, 2), sp.Rational(2, 3), sp.Integer(4))


@cache
def _contact_projection(ell: int) -> sp.Expr:
    """(1/32 pi) int_{-1}^{1} P_ell(x) dx: 1/(16 pi) for ell = 0, zero otherwise (computed, cached)."""
    return sp.integrate(sp.legendre(ell, x), (x, -1, 1)) / (32 * sp.pi)


@cache
def _projection(channel: str, ell: int, mass_ratio=sp.Integer(1)) -> sp.Expr:
    """The channel's projection for an exchanged mass c*mu: F(s/(c mu)^2)/(c mu)^2 from the cached F."""
    if mass_ratio == 1:
        return _channel_projection(channel, ell)
    base = _channel_projection(channel, ell)
    return base.subs({s: s / mass_ratio**2}, simultaneous=True) / mass_ratio**2


def _draw(rng: random.Random, dv: float, level: str, config: Config):
    """(contact coefficient, channels, weights, masses, ell, n_s) growing with the level and the knob."""
    li = LEVELS.index(level)
    if li == 0:  # contact only: the unitarity bound
        k = rng.randint(1, band_scale(dv, level, 6, 24))
        return -lam * sp.Rational(k, pick(rng, (1, 2, 3, 4, 5, 6))), [], {}, {}, 0, None
    contact = -lam * rng.randint(1, band_scale(dv, level, 2, 6)) if rng.random() < 0.5 else sp.Integer(0)
    if li == 1:
        channels = [pick(rng, ("t", "u"))]
        ell = rng.randint(0, 1)
    else:
        n = rng.randint(2, 3) if li == 2 else rng.randint(2, 3)
        channels = sorted(rng.sample(["s", "t", "u"], n))
        ell = rng.randint(0, 2) if li == 2 else rng.randint(1, config.max_ell)
    weights = {ch: rng.randint(1, band_scale(dv, level, 1, 4)) for ch in channels}
    masses = {ch: sp.Integer(1) for ch in channels}
    if li == 3:  # two scales: the u-channel (or t-channel) particle is heavier or lighter
        other = "u" if "u" in channels else "t"
        masses[other] = pick(rng, MASS_RATIOS)
    numeric = band_position(dv, level) < 0.5
    n_s = rng.randint(2, band_scale(dv, level, 6, 30)) if numeric else None
    return contact, channels, weights, masses, ell, n_s


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    value = sp.Integer(0)
    while value == 0:  # odd waves of equal t- and u-channel exchanges cancel: a zero answer is redrawn
        contact, channels, weights, masses, ell, n_s = _draw(rng, dv, level, config)
        value = contact * _contact_projection(ell)
        for ch in channels:
            value += weights[ch] * g**2 * _projection(ch, ell, masses[ch])
        if n_s is not None:
            value = value.subs(s, n_s * mu**2)
        value = sp.expand(value)
    mode = "bound" if not channels else "wave"
    t_sym, u_sym = sp.symbols("t u", real=True)
    mass_of = {ch: (mu if masses[ch] == 1 else masses[ch] * mu) for ch in channels}
    amp = contact + sum(-weights[ch] * g**2 / ({"s": s, "t": t_sym, "u": u_sym}[ch] - mass_of[ch] ** 2)
                        for ch in channels)
    value = sp.collect(sp.expand(value), list(value.atoms(sp.log)))
    value = sum(sp.factor(term) for term in sp.Add.make_args(value))
    steps = [
        rf"The amplitude is $\mathcal M = {sp.latex(amp)}$. With $t = -\frac s2(1 - x)$, $u = -\frac s2(1+x)$ and "
        rf"$P_{{{ell}}}(x) = {sp.latex(sp.legendre(ell, x))}$, project "
        rf"$a_{{{ell}}} = \frac{{1}}{{32\pi}}\int_{{-1}}^1 dx\,P_{{{ell}}}(x)\,\mathcal M$."]
    if contact != 0:
        steps.append(rf"The contact term gives $\frac{{1}}{{32\pi}}\int_{{-1}}^1 dx\,P_{{{ell}}}(x)({sp.latex(contact)}) = "
                     rf"{sp.latex(contact * _contact_projection(ell))}$.")
    for ch in channels:
        m2 = sp.latex(mass_of[ch] ** 2)
        den = {"s": rf"s - {m2}", "t": rf"\frac s2(1-x) + {m2}", "u": rf"\frac s2(1+x) + {m2}"}[ch]
        sign = "-" if ch == "s" else ""
        steps.append(rf"The ${ch}$-channel term ${sign}{weights[ch]}g^2/({den})$ gives "
                     rf"${sp.latex(weights[ch] * g**2 * _projection(ch, ell, masses[ch]))}$ (for $t,u$: partial fractions "
                     r"in $x$ and $\int dx/(a \mp b x) = \mp\frac1b\ln(a\mp bx)$).")
    if mode == "bound":
        coeff = sp.cancel(value / lam)  # a number: -c/(16 pi)
        bound = sp.Rational(1, 2) / abs(coeff)
        steps.append(rf"So $a_0 = {sp.latex(value)}$, real and $s$-independent. Unitarity $|\mathrm{{Re}}\,a_0| \le "
                     rf"\frac12$ requires $\lambda \le {sp.latex(bound)}$.")
        answer = tex(bound)
        what = (r"the largest value of $\lambda > 0$ allowed by the partial-wave unitarity condition "
                r"$|\mathrm{Re}\,a_0| \le \tfrac12$ at tree level")
        syms: list[str] = []
    else:
        answer = tex(value)
        if n_s is not None:
            steps.append(rf"At $s = {n_s}\mu^2$ the sum is $a_{{{ell}}} = {answer}$.")
        else:
            steps.append(rf"Adding the pieces: $a_{{{ell}}} = {answer}$.")
        what = rf"the partial wave $a_{{{ell}}}(s)$" + (rf" at $s = {n_s}\,\mu^2$" if n_s is not None else "")
        syms = sorted({str(v) for v in value.free_symbols})
    steps.append(rf"$$\boxed{{{answer}}}$$")
    sym_tex = {"lambda": r"\lambda", "g": "g", "mu": r"\mu", "s": "s"}
    problem = (
        f"{conventions(UNITS, METRIC, STATES)}\n\n"
        r"In the scattering of two distinguishable massless scalars, $A(p_1) B(p_2) \to A(p_3) B(p_4)$, the "
        rf"tree-level invariant amplitude is $$\mathcal M(s,t,u) = {sp.latex(amp)},$$ where $s,t,u$ are the "
        r"Mandelstam variables ($t = (p_1-p_3)^2$), $\lambda$ and $g$ are real couplings and $\mu$"
        + (" (or a multiple of it) is the mass of an exchanged scalar" if len(set(masses.values())) > 1
           else " is the mass of an exchanged scalar") + ". Define the partial waves by "
        r"$a_\ell(s) = \frac{1}{32\pi}\int_{-1}^{1}d\cos\theta\,P_\ell(\cos\theta)\,\mathcal M(s,t,u)$ with "
        r"$\theta$ the CM scattering angle and $P_\ell$ the Legendre polynomials." "\n\n"
        f"Compute {what}. "
        + (("Give it in terms of " + ", ".join(f"${sym_tex[v]}$" for v in syms[:-1])
            + (" and " if len(syms) > 1 else "") + f"${sym_tex[syms[-1]]}$") if syms else "Give the exact value")
        + " (natural logarithms as $\\ln$), as a single expression in `\\boxed{}`."
    )
    params = {"mode": mode, "contact": str(contact / lam), "channels": channels, "ell": ell,
              "weights": weights, "n_s": n_s, "masses": {ch: str(v) for ch, v in masses.items() if v != 1}}
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=syms,
                 difficulty=dv)


register(Family(
    name=NAME,
    category="Amplitude and On-Shell Methods",
    levels=LEVELS,
    description="Partial-wave projection a_l of contact + s/t/u exchange amplitudes; unitarity bound on a coupling.",
    generate=generate,
    config=Config(),
    version=2,  # 2: knob; contact bound at AU, one channel at G, two exchange masses at PG
    reference="Lee, Quigg & Thacker PRD 16 (1977) 1519; int P_l/(z-x) = 2 Q_l(z) (Abramowitz & Stegun 8.8.2)",
))
