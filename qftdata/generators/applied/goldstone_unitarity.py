r"""Goldstone-boson scattering: partial waves per symmetry channel and the scale where unitarity fails.

For the $O(N)\to O(N-1)$ sigma model the $n = N-1$ Goldstones $\pi_a$ scatter as
$\mathcal M(ab\to cd) = A(s,t,u)\delta_{ab}\delta_{cd} + A(t,s,u)\delta_{ac}\delta_{bd} + A(u,t,s)\delta_{ad}\delta_{bc}$. The family
*derives* $A$ from the Lagrangian by enumerating the Wick contractions of the quartic terms with four external
legs (derivatives give $-ik$ for incoming momenta), projects onto the singlet (S), symmetric-traceless (T)
and antisymmetric (A) channels with explicit projectors, and takes partial waves
$t^I_\ell(s) = \frac{1}{64\pi}\int_{-1}^1 d\cos\theta\,P_\ell(\cos\theta)\,T^I(s,t,u)$ (the $1/2$ of identical particles
included, Weinberg's normalisation), with the unitarity condition $|\mathrm{Re}\,t^I_\ell| \le \frac12$. Levels:

* graduate: the amplitude $A = (s-m^2)/F^2$ given; the energy where a channel saturates unitarity;
* advanced-graduate: derive $A$ from the nonlinear Lagrangian with explicit breaking, then $t^I_\ell$;
* postgraduate: the linear sigma model (a $\sigma$ exchanged in $s$, $t$, $u$): $t^I_\ell$ at $s = x\,m_\sigma^2$,
  whose $t$/$u$ projections give logarithms.

References for the tests: Weinberg, PRL 17 (1966) 616 ($A = (s-m_\pi^2)/f_\pi^2$, $t^0_0 = (2s-m_\pi^2)/(32\pi f_\pi^2)$,
$t^1_1 = (s-4m_\pi^2)/(96\pi f_\pi^2)$, $t^2_0 = -(s-2m_\pi^2)/(32\pi f_\pi^2)$; Gasser & Leutwyler, Ann. Phys. 158
(1984) 142); the linear sigma model amplitude $A = -2\lambda\,s/(s-m_\sigma^2)$ (Gasiorowicz & Geffen, RMP 41 (1969) 531).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from itertools import permutations, product

import sympy as sp

from qftdata.generators.applied._common import (
    CATEGORY,
    contractions,
    finish,
    integrate_fractions,
    knob_and_position,
    linear_partial_fractions,
    pick,
    tex,
)
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, STATES, UNITS, conventions

NAME = "applied.goldstone_unitarity"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
s, t, u = sp.symbols("s t u", real=True)
F, m, lam = sp.symbols("F m lambda", positive=True)
C = sp.Symbol("c", real=True)
CHANNELS = (("S", 0), ("T", 0), ("A", 1))
CHANNEL_TEX = {"S": "S", "T": "T", "A": "A"}
MASS_RATIOS = tuple(sp.Rational(v) for v in ("1/2", "1", "3/2", "2", "1/3", "2/3", "5/2", "3", "1/4", "3/4", "4/3", "5/4"))
DEFINITIONS = (
    r"Write $\mathcal M(\pi_a\pi_b\to\pi_c\pi_d) = A(s,t,u)\,\delta_{ab}\delta_{cd} + A(t,s,u)\,\delta_{ac}\delta_{bd} + "
    r"A(u,t,s)\,\delta_{ad}\delta_{bc}$ ($a, \dots, d = 1..n$) and project onto the $s$-channel $O(n)$ channels: singlet "
    r"$T^S = nA(s,t,u) + A(t,s,u) + A(u,t,s)$, symmetric traceless $T^T = A(t,s,u) + A(u,t,s)$, antisymmetric "
    r"$T^A = A(t,s,u) - A(u,t,s)$. Partial waves are $t^I_\ell(s) = \frac{1}{64\pi}\int_{-1}^1 d\cos\theta\,"
    r"P_\ell(\cos\theta)\,T^I$ (identical-particle normalisation), and unitarity requires $|\mathrm{Re}\,t^I_\ell| \le \tfrac12$.")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_n: int = 10  # largest number of Goldstones

    def validate(self) -> None:
        if self.max_n < 3:
            raise ValueError(f"{NAME}: max_n must be >= 3")


# ------------------------------------------------------------------------- amplitude from the Lagrangian

# quartic terms of the nonlinear sigma model with sigma = sqrt(F^2 - pi^2) and L_break = m^2 F sigma:
# (1/2F^2)(pi . d pi)^2 and -(m^2/8F^2)(pi^2)^2; each slot is (flavour group, Lorentz label or None)
NLSM_TERMS = (
    (1 / (2 * F**2), ((0, None), (0, "mu"), (1, None), (1, "mu"))),
    (-(m**2) / (8 * F**2), ((0, None), (0, None), (1, None), (1, None))),
)


def _dot(i: int, j: int) -> sp.Expr:
    """k_i . k_j for all-incoming momenta k = (p1, p2, -p3, -p4), all of mass m: in s, t, u."""
    if i == j:
        return m**2
    pair = frozenset((i, j))
    if pair in (frozenset((0, 1)), frozenset((2, 3))):
        return (s - 2 * m**2) / 2
    if pair in (frozenset((0, 2)), frozenset((1, 3))):  # k1.k3 = -p1.p3 = (t - 2m^2)/2
        return (t - 2 * m**2) / 2
    return (u - 2 * m**2) / 2


@cache
def amplitude_structures(terms=NLSM_TERMS) -> dict[str, sp.Expr]:
    r"""Coefficients of $\delta_{ab}\delta_{cd}$ ("s"), $\delta_{ac}\delta_{bd}$ ("t"), $\delta_{ad}\delta_{bc}$ ("u") in
    $\mathcal M$: sum over the $4!$ ways to attach the legs to a term's field slots; a derivative on leg $k$ gives
    $-ik_\mu$, so two contracted derivatives give $-k_x\cdot k_y$."""
    out = {"s": sp.Integer(0), "t": sp.Integer(0), "u": sp.Integer(0)}
    pairing = {frozenset(((0, 1), (2, 3))): "s", frozenset(((0, 2), (1, 3))): "t", frozenset(((0, 3), (1, 2))): "u"}
    for coeff, slots in terms:
        for perm in permutations(range(4)):  # leg perm[k] sits in slot k
            groups: dict[int, list[int]] = {}
            lorentz: dict[str, list[int]] = {}
            for k, (grp, mu) in enumerate(slots):
                groups.setdefault(grp, []).append(perm[k])
                if mu:
                    lorentz.setdefault(mu, []).append(perm[k])
            key = frozenset(tuple(sorted(v)) for v in groups.values())
            mom = sp.Integer(1)
            for legs in lorentz.values():
                mom *= -_dot(*legs)
            out[pairing[key]] += coeff * mom
    # on shell s + t + u = 4m^2: write each structure in its own channel's variable (A(s,t,u) depends on s only)
    other = {"s": (u, 4 * m**2 - s - t), "t": (u, 4 * m**2 - s - t), "u": (t, 4 * m**2 - s - u)}
    return {k: sp.factor(sp.expand(v.subs(*other[k]))) for k, v in out.items()}


@cache
def channel_weights(n: int) -> dict[str, dict[str, sp.Rational]]:
    r"""$T^I = \sum_p w^I_p X_p$ for the pairings p = s, t, u: $w^I_p = \mathrm{Tr}(P^I D_p)/\mathrm{Tr}P^I$ with explicit
    $O(n)$ projectors $P^S = \delta_{ab}\delta_{cd}/n$, $P^T = \frac12(\delta_{ac}\delta_{bd}+\delta_{ad}\delta_{bc}) - P^S$,
    $P^A = \frac12(\delta_{ac}\delta_{bd}-\delta_{ad}\delta_{bc})$ summed over all indices."""
    def delta(a, b):
        return 1 if a == b else 0

    proj = {
        "S": lambda a, b, c, d: sp.Rational(delta(a, b) * delta(c, d), n),
        "T": lambda a, b, c, d: sp.Rational(delta(a, c) * delta(b, d) + delta(a, d) * delta(b, c), 2)
        - sp.Rational(delta(a, b) * delta(c, d), n),
        "A": lambda a, b, c, d: sp.Rational(delta(a, c) * delta(b, d) - delta(a, d) * delta(b, c), 2),
    }
    # the support of each delta structure: n^2 index tuples (a, b, c, d)
    support = {"s": [(a, a, c, c) for a in range(n) for c in range(n)],
               "t": [(a, b, a, b) for a in range(n) for b in range(n)],
               "u": [(a, b, b, a) for a in range(n) for b in range(n)]}
    out = {}
    for name, p in proj.items():
        trace = sum(p(a, b, a, b) for a, b in product(range(n), repeat=2))
        out[name] = {k: sum(p(*idx) for idx in support[k]) / trace for k in "stu"}
    return out


def _cos_kin(massive: bool):
    """t and u as functions of c = cos(theta) for equal masses m (or 0)."""
    mm = m if massive else 0
    q = (s - 4 * mm**2) / 2
    return -q * (1 - C), -q * (1 + C)


@cache
def nlsm_partial_wave(n: int, channel: str, ell: int, massive: bool) -> sp.Expr:
    """t^I_ell(s) of the nonlinear sigma model from the derived amplitude (polynomial in cos theta)."""
    x = amplitude_structures()
    if not massive:
        x = {k: v.subs(m, 0) for k, v in x.items()}
    tt, uu = _cos_kin(massive)
    w = channel_weights(n)[channel]
    amp = sum(w[k] * x[k] for k in "stu").subs({t: tt, u: uu}, simultaneous=True)
    return sp.factor(sp.integrate(sp.expand(sp.legendre(ell, C) * amp), (C, -1, 1)) / (64 * sp.pi))


# ------------------------------------------------------------------------------ linear sigma model

X_S = sp.Symbol("x", positive=True)  # s / m_sigma^2


@cache
def lsm_amplitude() -> sp.Expr:
    r"""$A(s)/\lambda$ at $s = x\,m_\sigma^2$ for $V = \frac\lambda4(\phi^2 - v^2)^2$ with massless pions: the contact term
    $-\frac\lambda4(\pi\cdot\pi)^2$ through the same leg enumeration as the nonlinear model, plus $\sigma$ exchange with the
    vertex $V_3 = -\lambda v\times$(2 contractions of $\pi\cdot\pi$) from $-\lambda v\,\sigma\,\pi\cdot\pi$:
    $i\mathcal M = (iV_3)^2\,i/(s-m_\sigma^2)$, and $m_\sigma^2 = 2\lambda v^2$."""
    contact = amplitude_structures(((-lam / 4, ((0, None), (0, None), (1, None), (1, None))),))["s"]
    v2 = 1 / (2 * lam)  # v^2 in units of m_sigma^2 = 1
    vertex = -lam * sp.sqrt(v2) * contractions(("pi", "pi"), ("pi", "pi"))
    exchange = -(vertex**2) / (X_S - 1)
    return sp.factor((contact + exchange) / lam)


@cache
def _lsm_fractions(n: int, channel: str, ell: int):
    r"""Partial fractions in $c$ of $P_\ell(c)T^I/\lambda$ for the linear sigma model at $s = x\,m_\sigma^2$."""
    a_s = lsm_amplitude()
    tt, uu = -X_S * (1 - C) / 2, -X_S * (1 + C) / 2
    w = channel_weights(n)[channel]
    amp = w["s"] * a_s + w["t"] * a_s.subs(X_S, tt) + w["u"] * a_s.subs(X_S, uu)
    return linear_partial_fractions(sp.expand(sp.legendre(ell, C) * amp), C)


def lsm_partial_wave(n: int, channel: str, ell: int, x_val) -> sp.Expr:
    value = integrate_fractions(_lsm_fractions(n, channel, ell), {X_S: x_val}, C, -1, 1)
    return lam * sp.expand(value) / (64 * sp.pi)


# ------------------------------------------------------------------------------------------ levels


def _graduate(rng, pos, config):
    n = rng.randint(2, 3 + round(pos * (config.max_n - 3)))
    channel, ell = pick(rng, CHANNELS)
    wave = nlsm_partial_wave(n, channel, ell, True)
    crit: list[sp.Expr] = []
    while not crit:  # a mass so large that unitarity fails at threshold has no answer: draw again
        k = pick(rng, MASS_RATIOS)  # m = k F
        # t is linear in s: solve t = +1/2 and t = -1/2, keep the lowest root above threshold
        slope, offset = sp.Poly(wave.subs(m, k * F), s).all_coeffs()
        crit = [(sign * sp.Rational(1, 2) - offset) / slope for sign in (1, -1)]
        crit = [r for r in crit if float(r / F**2) > 4 * float(k) ** 2]
    value = sp.sqrt(min(crit, key=lambda r: float(r / F**2)))
    setup = (rf"The $n = {n}$ Goldstone bosons $\pi_a$ of $O({n + 1})\to O({n})$ breaking (decay constant $F$) with an "
             rf"explicit breaking that gives them mass $m = {tex(k)}\,F$ scatter at tree level with "
             r"$A(s,t,u) = \frac{s - m^2}{F^2}$. " + DEFINITIONS)
    ask_ = (rf"Find the centre-of-mass energy $\sqrt s$ at which $|t^{channel}_{ell}|$ first reaches $\tfrac12$. Give it in terms "
            r"of $F$, as a single expression in `\boxed{}`.")
    steps = [rf"$t^{channel}_{ell}(s) = {tex(wave.subs(m, k * F))}$ (with $t, u = -\frac{{s-4m^2}}{{2}}(1\mp\cos\theta)$).",
             rf"Setting $|t^{channel}_{ell}| = \frac12$ above threshold gives $s = {tex(value**2)}$."]
    params = {"tier": "given", "n": n, "channel": channel, "ell": ell, "k": str(k)}
    return setup, ask_, steps, value, ["F"], params


def _advanced(rng, pos, config):
    n = rng.randint(2, 3 + round(pos * (config.max_n - 3)))
    channel, ell = pick(rng, CHANNELS)
    massive = rng.random() < 0.75
    wave = nlsm_partial_wave(n, channel, ell, massive)
    x = amplitude_structures()
    a_expr = x["s"] if massive else x["s"].subs(m, 0)
    # a point above threshold (s > 4m^2 when massive), where no wave vanishes
    point = None if rng.random() < 0.5 else (4 if massive else 0) + sp.Rational(rng.randint(1, 36), pick(rng, (1, 2, 3)))
    lagr = (r"$$\mathcal L = \tfrac12\partial_\mu\pi\cdot\partial^\mu\pi + \frac{(\pi\cdot\partial_\mu\pi)(\pi\cdot\partial^\mu\pi)}"
            r"{2(F^2 - \pi\cdot\pi)}" + (r" + m^2F\sqrt{F^2 - \pi\cdot\pi}" if massive else "") + "$$")
    setup = (rf"The nonlinear sigma model for $n = {n}$ Goldstone bosons $\pi_a$ of $O({n + 1})\to O({n})$ breaking, with "
             rf"$\sigma = \sqrt{{F^2 - \pi\cdot\pi}}$, has" + "\n\n" + lagr + "\n\n"
             + ("(the last term breaks the symmetry explicitly and gives the pions mass $m$). " if massive else "")
             + DEFINITIONS)
    if point is None:
        value = wave
        ask_ = (rf"Derive $A(s,t,u)$ at tree level and compute $t^{channel}_{ell}(s)$. Give it in terms of $s$"
                + (", $m$" if massive else "") + r" and $F$, as a single expression in `\boxed{}`.")
        syms = ["s", "m", "F"] if massive else ["s", "F"]
    else:
        unit = m if massive else F
        value = sp.factor(wave.subs(s, point * unit**2))
        ask_ = (rf"Derive $A(s,t,u)$ at tree level and compute $t^{channel}_{ell}$ at $s = {tex(point)}\,{'m' if massive else 'F'}^2$. "
                + ("Give it in terms of $m$ and $F$, as a single expression in `\\boxed{}`." if massive
                   else "Give the exact value in `\\boxed{}`."))
        syms = ["m", "F"] if massive else []
    steps = [r"Expanding to fourth order in $\pi$: $\frac{1}{2F^2}(\pi\cdot\partial\pi)^2$"
             + (r" and, from $m^2F\sigma$, $-\frac{m^2}{2}\pi^2 - \frac{m^2}{8F^2}(\pi\cdot\pi)^2$" if massive else "") + ".",
             r"Summing the $4!$ attachments of the external legs (derivatives $\to -ik$ for incoming momenta, "
             rf"$k_3 = -p_3$, $k_4 = -p_4$) gives $A(s,t,u) = {tex(a_expr)}$.",
             rf"Channel projection and $\int_{{-1}}^1 d\cos\theta\,P_{ell}\,T^{channel}/(64\pi)$: $t^{channel}_{ell}(s) = {tex(wave)}$."]
    if point is not None:
        steps.append(rf"At this $s$: ${tex(value)}$.")
    params = {"tier": "derive", "n": n, "channel": channel, "ell": ell, "massive": massive,
              "point": None if point is None else str(point)}
    return setup, ask_, steps, value, [x for x in syms if x in {str(v) for v in value.free_symbols}], params


def _postgraduate(rng, pos, config):
    n = rng.randint(2, 3 + round(pos * (config.max_n - 3)))
    channel, ell = pick(rng, CHANNELS + (("S", 2), ("T", 2)))
    den = pick(rng, (1, 2, 3, 4, 5))
    num = rng.randint(1, 12 * den)
    x_val = sp.Rational(num, den)
    if x_val == 1:
        x_val = sp.Rational(1, 2)
    value = lsm_partial_wave(n, channel, ell, x_val)
    setup = (rf"In the linear sigma model $\mathcal L = \tfrac12\partial\phi\cdot\partial\phi - \frac{{\lambda}}{{4}}(\phi\cdot\phi - v^2)^2$ "
             rf"with $N = {n + 1}$ real fields, $\phi = (\pi_1,\dots,\pi_{{{n}}}, v + \sigma)$, the $n = {n}$ Goldstone bosons are "
             r"massless and $m_\sigma^2 = 2\lambda v^2$. " + DEFINITIONS)
    ask_ = (rf"Compute the tree-level $t^{channel}_{ell}$ at $s = {tex(x_val)}\,m_\sigma^2$. Give it in terms of $\lambda$ (natural "
            r"logarithms as $\ln$), as a single expression in `\boxed{}`.")
    steps = [r"The quartic $\frac\lambda4(\pi\cdot\pi)^2$ gives the contact $-2\lambda\,\delta\delta$ terms; $\lambda v\sigma\,\pi\cdot\pi$ "
             r"gives the vertex $-2i\lambda v$, so $A(s,t,u) = -2\lambda - \frac{4\lambda^2v^2}{s - m_\sigma^2} = "
             r"-\frac{2\lambda\,s}{s - m_\sigma^2}$.",
             r"With $t, u = -\frac s2(1\mp\cos\theta)$ the $t$- and $u$-channel terms are simple poles in $\cos\theta$ outside "
             r"$[-1, 1]$; partial fractions and $\int dc/(c - c_0) = \ln|c - c_0|$ give logarithms.",
             rf"Result: $t^{channel}_{ell} = {tex(value)}$."]
    params = {"tier": "linear", "n": n, "channel": channel, "ell": ell, "x": str(x_val)}
    return setup, ask_, steps, value, ["lambda"], params


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d, pos = knob_and_position(config, level, rng)
    maker = {"graduate": _graduate, "advanced-graduate": _advanced, "postgraduate": _postgraduate}[level]
    setup, ask_, steps, value, syms, params = maker(rng, pos, config)
    return finish([conventions(UNITS, METRIC, STATES), setup, ask_], steps, value, params, syms, d,
                  domain=["s > 4*m^2"] if "s" in syms and "m" in syms else [])


register(Family(
    name=NAME, category=CATEGORY, levels=LEVELS,
    description="Goldstone-boson scattering in O(N)/O(N-1) sigma models: amplitude from the Lagrangian, S/T/A "
                "channel partial waves, the energy where tree unitarity fails, linear-sigma-model waves with logs.",
    generate=generate, config=Config(), version=1,
    reference="Weinberg PRL 17 (1966) 616; Gasser & Leutwyler Ann. Phys. 158 (1984) 142; Gasiorowicz & Geffen RMP 41 (1969) 531",
))
