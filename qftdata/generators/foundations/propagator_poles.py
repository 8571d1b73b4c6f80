"""Poles and residues of the propagator of a higher-derivative scalar (Pais-Uhlenbeck / Lee-Wick).

L = (a/2) d_mu phi d^mu phi - (b/2) phi^2 - (c/2) (Box phi)^2. The family reads the momentum-space
kernel off the Lagrangian (d_mu -> -i p_mu, Box -> -p^2), so S = (1/2) int phi(-p) K(p^2) phi(p) and the
Feynman propagator is i/K(p^2); it solves K = 0 for the poles and computes each residue
Z_k = 1/K'(M_k^2) (i/K ~ i Z_k/(p^2 - M_k^2)). The two residues have opposite signs: the heavier pole is a
ghost. The test checks Z = +-Lambda/sqrt(Lambda^2 - 4 m^2) and the Lee-Wick partial fraction
1/(p^2 - p^4/M^2) = 1/p^2 - 1/(p^2 - M^2) (Grinstein, O'Connell & Wise, Phys. Rev. D 77, 025012 (2008), eq. (3)).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.foundations._knob import band_position, band_scale
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, ask, conventions, tex

NAME = "foundations.propagator_poles"


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_mass2: int = 30


def kernel(a, b, c, x):
    """K(p^2 = x) from L = (a/2)(dphi)^2 - (b/2)phi^2 - (c/2)(Box phi)^2.

    For a mode phi ~ e^{-ip.x} paired with its conjugate e^{+ip.x}: d_mu phi d^mu phi -> (-ip).(+ip) = p^2,
    and Box -> -p^2 on either factor, so (Box phi)^2 -> (-p^2)(-p^2) = p^4.
    """
    dphi_sq = sp.expand((-sp.I) * sp.I * x)
    box_sq = sp.expand((-x) * (-x))
    return sp.expand(a * dphi_sq - b - c * box_sq)


@lru_cache(maxsize=256)
def poles_and_residues(K, x):
    """Roots of K(x) = 0 in increasing order, with residues 1/K'(root)."""
    roots = sp.solve(sp.Eq(K, 0), x)
    symbolic = any(r.free_symbols for r in roots)
    if not symbolic:
        roots = sorted(roots, key=lambda r: float(r))
    else:  # order by value at a sample point (m = 1, Lambda = 10)
        sample = {s: (1 if str(s) == "m" else 10) for s in K.free_symbols if s != x}
        roots = sorted(roots, key=lambda r: float(r.subs(sample)))
    dK = sp.diff(K, x)
    clean = (lambda e: sp.factor(sp.simplify(e))) if symbolic else (lambda e: sp.radsimp(e))
    return tuple((clean(r), clean(1 / dK.subs(x, r))) for r in roots)


def kernel3(coeffs, x):
    """K(p^2 = x) from L = (1/2)[a1 (d phi)^2 - a0 phi^2 - a2 (Box phi)^2 + a3 (d_mu Box phi)(d^mu Box phi)]:
    Box -> -p^2 on either mode and d_mu d^mu -> p^2, so the last term gives (p^2)(-p^2)(-p^2) = p^6."""
    a0, a1, a2, a3 = coeffs
    return sp.expand(kernel(a1, a0, a2, x) + a3 * sp.expand(x * (-x) * (-x)))


def _three_poles(rng: random.Random, dv: float, level: str, config: Config):
    """Postgraduate: a six-derivative scalar with three real poles (sign-alternating residues)."""
    top = band_scale(dv, level, 12, 3 * config.max_mass2)
    roots = sorted(rng.sample(range(1, top + 1), 3))
    r1, r2, r3 = (sp.Integer(r) for r in roots)
    k = 1 / (r1 * r2 + r1 * r3 + r2 * r3)  # canonical (d phi)^2 normalisation: the p^2 coefficient is 1
    a0, a2, a3 = k * r1 * r2 * r3, k * (r1 + r2 + r3), k
    lag = (rf"\mathcal L = \tfrac12\partial_\mu\phi\,\partial^\mu\phi - \tfrac12\,{tex(a0)}\,\phi^2 - "
           rf"\tfrac12\,{tex(a2)}\,(\Box\phi)^2 + \tfrac12\,{tex(a3)}\,(\partial_\mu\Box\phi)(\partial^\mu\Box\phi)")
    return (a0, sp.Integer(1), a2, a3), lag, {"roots": roots}


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    x = sp.Symbol("p^2")
    symbols: list[str] = []
    domain: list[str] = []
    if level == "graduate":
        top = band_scale(dv, level, 8, config.max_mass2)
        m1, m2 = sorted(rng.sample(range(1, top + 1), 2))
        lam2 = sp.Integer(m1 + m2)
        msq = sp.Rational(m1 * m2, m1 + m2)
        coeffs = (msq, sp.Integer(1), 1 / lam2, sp.Integer(0))
        lag = (rf"\mathcal L = \tfrac12\partial_\mu\phi\,\partial^\mu\phi - \tfrac12 m^2\phi^2 - "
               rf"\frac{{1}}{{2\Lambda^2}}(\Box\phi)^2, \qquad m^2 = {tex(msq)},\ \Lambda^2 = {tex(lam2)}")
        params = {"m2": str(msq), "Lambda2": str(lam2)}
    elif level == "advanced-graduate" and band_position(dv, level) < 0.5:
        top = band_scale(dv, level, 4, 16)
        while True:
            a, b, c = rng.randint(1, top // 2 + 2), rng.randint(1, top), rng.randint(1, top // 2 + 1)
            if a * a > 4 * b * c and sp.sqrt(a * a - 4 * b * c).is_rational is False:
                break
        coeffs = (sp.Integer(b), sp.Integer(a), sp.Integer(c), sp.Integer(0))
        lag = (rf"\mathcal L = \frac{{{a}}}{{2}}\partial_\mu\phi\,\partial^\mu\phi - \frac{{{b}}}{{2}}\phi^2 - "
               rf"\frac{{{c}}}{{2}}(\Box\phi)^2")
        params = {"a": a, "b": b, "c": c}
    elif level == "advanced-graduate":
        m, Lam = sp.symbols("m Lambda", positive=True)
        coeffs = (m**2, sp.Integer(1), 1 / Lam**2, sp.Integer(0))
        lag = (r"\mathcal L = \tfrac12\partial_\mu\phi\,\partial^\mu\phi - \tfrac12 m^2\phi^2 - "
               r"\frac{1}{2\Lambda^2}(\Box\phi)^2, \qquad \Lambda > 2m")
        params = {"symbolic": True}
        symbols, domain = ["m", "Lambda"], ["Lambda > 2*m"]
    else:
        coeffs, lag, params = _three_poles(rng, dv, level, config)
    K = kernel3(coeffs, x)
    poles = poles_and_residues(K, x)
    n_poles = len(poles)
    options = [f"M2_{k}" for k in range(1, n_poles + 1)] + [f"Z_{k}" for k in range(1, n_poles + 1)]
    if n_poles == 3:
        options += ["sumZM4"]
    quantity = rng.choice(options)
    params["quantity"] = quantity
    if quantity == "sumZM4":
        answer = sum((z * r**2 for r, z in poles), sp.Integer(0))
        what = r"the sum $\sum_k Z_k M_k^4$ over the three poles"
    else:
        k = int(quantity[-1]) - 1
        answer = poles[k][0] if quantity.startswith("M2") else poles[k][1]
        what = {"M2": f"the squared mass $M_{k + 1}^2$", "Z_": f"the residue $Z_{k + 1}$"}[quantity[:2]] \
            + f" of the {['lightest', 'middle', 'heaviest'][k] if n_poles == 3 else ['lighter', 'heavier'][k]} pole"
    order = r"$M_1^2 < M_2^2 < M_3^2$" if n_poles == 3 else r"$M_1^2 < M_2^2$"
    problem = "\n\n".join([
        conventions(UNITS, METRIC) + r" $\Box = \partial_\mu\partial^\mu$.",
        f"A real scalar field has the quadratic Lagrangian $${lag}.$$",
        f"Its Feynman propagator $\\tilde D(p)$ has {['', '', 'two', 'three'][n_poles]} poles in $p^2$, at {order}; "
        r"near each pole $\tilde D(p) \simeq \dfrac{i Z_k}{p^2 - M_k^2}$. "
        f"Find {what}. " + (ask("it", ["m", r"\Lambda"]) if symbols else ask("it")),
    ])
    masses_tex = ", \\qquad ".join(f"M_{k + 1}^2 = {tex(r)}" for k, (r, _) in enumerate(poles))
    res_tex = ", \\qquad ".join(f"Z_{k + 1} = {tex(z)}" for k, (_, z) in enumerate(poles))
    lines = [
        r"Insert plane waves, $\partial_\mu \to -ip_\mu$ (and $+ip_\mu$ on the conjugate mode), $\Box \to -p^2$: the "
        r"quadratic action is $S = \tfrac12\int\frac{d^4p}{(2\pi)^4}\,\tilde\phi(-p) K(p^2)\tilde\phi(p)$ with",
        rf"$$K(p^2) = {tex(K)},$$",
        r"and the propagator is $\tilde D(p) = i/K(p^2)$. The poles are the zeros of $K$"
        + (" (the cubic has rational roots)" if n_poles == 3 else "") + ":",
        rf"$${masses_tex}.$$",
        r"Near a simple zero $K(p^2) \simeq K'(M_k^2)(p^2 - M_k^2)$, so $Z_k = 1/K'(M_k^2)$ with "
        rf"$K'(p^2) = {tex(sp.diff(K, x))}$:",
        rf"$${res_tex}.$$",
        r"The residues alternate in sign: the poles with $Z_k < 0$ are ghosts (negative norm), as for "
        r"Pais-Uhlenbeck / Lee-Wick fields.",
    ]
    if quantity == "sumZM4":
        lines.append(rf"Summing, $\sum_k Z_k M_k^4 = {tex(answer)}$ (the inverse of the $p^6$ coefficient, as the "
                     r"partial fractions of $1/K$ require).")
    lines.append(rf"$$\boxed{{{tex(answer)}}}$$")
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(lines), params=params, symbols=symbols,
                 answer_type="expression" if symbols else "numeric", difficulty=dv, domain=domain)


register(Family(
    name=NAME, category="Foundations and Scalar Fields",
    levels=("graduate", "advanced-graduate", "postgraduate"),
    description="Pole masses and residues of a higher-derivative scalar propagator (ghost poles; four or six derivatives)",
    generate=generate, config=Config(), version=2,  # 2: knob; symbolic case moved to advanced-graduate, three poles
    reference="Grinstein, O'Connell & Wise, Phys. Rev. D 77, 025012 (2008), eq. (3); Pais & Uhlenbeck, Phys. Rev. 79, 145 (1950)",
))
