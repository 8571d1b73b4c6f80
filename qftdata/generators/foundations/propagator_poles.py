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

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, ask, conventions, tex

NAME = "foundations.propagator_poles"
QUANTITIES = ("Z_light", "Z_heavy", "M2_light", "M2_heavy")


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


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    x = sp.Symbol("p^2")
    quantity = rng.choice(QUANTITIES)
    symbols: list[str] = []
    if level == "graduate":
        m1, m2 = sorted(rng.sample(range(1, config.max_mass2 + 1), 2))
        lam2 = sp.Integer(m1 + m2)
        msq = sp.Rational(m1 * m2, m1 + m2)
        a, b, c = sp.Integer(1), msq, 1 / lam2
        lag = (rf"\mathcal L = \tfrac12\partial_\mu\phi\,\partial^\mu\phi - \tfrac12 m^2\phi^2 - "
               rf"\frac{{1}}{{2\Lambda^2}}(\Box\phi)^2, \qquad m^2 = {tex(msq)},\ \Lambda^2 = {tex(lam2)}")
        params = {"m2": str(msq), "Lambda2": str(lam2), "quantity": quantity}
    elif level == "advanced-graduate":
        while True:
            a, b, c = rng.randint(1, 6), rng.randint(1, 9), rng.randint(1, 4)
            if a * a > 4 * b * c and sp.sqrt(a * a - 4 * b * c).is_rational is False:
                break
        a, b, c = sp.Integer(a), sp.Integer(b), sp.Integer(c)
        lag = (rf"\mathcal L = \frac{{{a}}}{{2}}\partial_\mu\phi\,\partial^\mu\phi - \frac{{{b}}}{{2}}\phi^2 - "
               rf"\frac{{{c}}}{{2}}(\Box\phi)^2")
        params = {"a": int(a), "b": int(b), "c": int(c), "quantity": quantity}
    else:
        m, Lam = sp.symbols("m Lambda", positive=True)
        a, b, c = sp.Integer(1), m**2, 1 / Lam**2
        lag = (r"\mathcal L = \tfrac12\partial_\mu\phi\,\partial^\mu\phi - \tfrac12 m^2\phi^2 - "
               r"\frac{1}{2\Lambda^2}(\Box\phi)^2, \qquad \Lambda > 2m")
        params = {"symbolic": True, "quantity": quantity}
        symbols = ["m", "Lambda"]
    K = kernel(a, b, c, x)
    (x1, z1), (x2, z2) = poles_and_residues(K, x)
    answer = {"Z_light": z1, "Z_heavy": z2, "M2_light": x1, "M2_heavy": x2}[quantity]
    what = {"Z_light": "the residue $Z_1$ at the lighter pole",
            "Z_heavy": "the residue $Z_2$ at the heavier pole",
            "M2_light": "the squared mass $M_1^2$ of the lighter pole",
            "M2_heavy": "the squared mass $M_2^2$ of the heavier pole"}[quantity]
    problem = "\n\n".join([
        conventions(UNITS, METRIC) + r" $\Box = \partial_\mu\partial^\mu$.",
        f"A real scalar field has the quadratic Lagrangian $${lag}.$$",
        r"Its Feynman propagator $\tilde D(p)$ has two poles in $p^2$, at $M_1^2 < M_2^2$; near each pole "
        r"$\tilde D(p) \simeq \dfrac{i Z_k}{p^2 - M_k^2}$. "
        f"Find {what}. " + (ask("it", ["m", r"\Lambda"]) if symbols else ask("it")),
    ])
    lines = [
        r"Insert plane waves, $\partial_\mu \to -ip_\mu$ (and $+ip_\mu$ on the conjugate mode), $\Box \to -p^2$: the "
        r"quadratic action is $S = \tfrac12\int\frac{d^4p}{(2\pi)^4}\,\tilde\phi(-p) K(p^2)\tilde\phi(p)$ with",
        rf"$$K(p^2) = {tex(K)},$$",
        r"and the propagator is $\tilde D(p) = i/K(p^2)$. The poles are the zeros of $K$:",
        rf"$$M_1^2 = {tex(x1)}, \qquad M_2^2 = {tex(x2)}.$$",
        r"Near a simple zero $K(p^2) \simeq K'(M_k^2)(p^2 - M_k^2)$, so $Z_k = 1/K'(M_k^2)$ with "
        rf"$K'(p^2) = {tex(sp.diff(K, x))}$:",
        rf"$$Z_1 = {tex(z1)}, \qquad Z_2 = {tex(z2)}.$$",
        r"The residues have opposite signs: the heavier pole is a ghost (negative norm), as for Pais-Uhlenbeck / "
        r"Lee-Wick fields.",
        rf"$$\boxed{{{tex(answer)}}}$$",
    ]
    return Draft(problem=problem, answer=tex(answer), solution="\n".join(lines), params=params, symbols=symbols,
                 answer_type="expression" if symbols else "numeric")


register(Family(
    name=NAME, category="Foundations and Scalar Fields",
    levels=("graduate", "advanced-graduate", "postgraduate"),
    description="Pole masses and residues of a higher-derivative scalar propagator (ghost pole)",
    generate=generate, config=Config(), version=1,
    reference="Grinstein, O'Connell & Wise, Phys. Rev. D 77, 025012 (2008), eq. (3); Pais & Uhlenbeck, Phys. Rev. 79, 145 (1950)",
))
