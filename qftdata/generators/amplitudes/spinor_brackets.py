r"""Spinor-helicity brackets of given massless momenta: little-group-invariant products.

Momenta are built from Gaussian-integer spinors, $p_{\alpha\dot\alpha} = p^0\mathbb 1 + \vec p\cdot\vec\sigma =
\lambda_\alpha\tilde\lambda_{\dot\alpha}$ (the matrix is written out in the statement, since $p_\mu\sigma^\mu$ with a
mostly-minus metric would be $p^0 - \vec p\cdot\vec\sigma$ and conjugate every answer) with $\tilde\lambda = \lambda^*$; the statement gives only the momenta
and the bracket conventions. The asked products ($\langle ij\rangle[ji]$, $\langle ij\rangle[jk]\langle kl\rangle[li]$,
six-point cycles) are invariant under $\lambda\to e^{i\varphi}\lambda$, so the answer is unique.
The square bracket carries the textbook sign, $[ij] = \tilde\lambda_{i,2}\tilde\lambda_{j,1} - \tilde\lambda_{i,1}\tilde\lambda_{j,2}$,
so that $\langle ij\rangle[ji] = +s_{ij}$ (up to version 2 it had the opposite sign, $-s_{ij}$).
Reference: Dixon, TASI lectures hep-ph/9601359 and 1310.5353 (spinor products, $\langle ij\rangle[ji] = s_{ij}$,
and $\langle ij\rangle[jk]\langle kl\rangle[li] = \frac12\mathrm{tr}[(1-\gamma^5)\not k_i\not k_j\not k_k\not k_l]$, which
holds here with $\gamma^5 = i\gamma^0\gamma^1\gamma^2\gamma^3$);
Elvang & Huang, "Scattering Amplitudes in Gauge Theory and Gravity", ch. 2.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.foundations._knob import band_position, band_scale
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import tex
from qftdata.generators.text import METRIC, UNITS, conventions

NAME = "amplitudes.spinor_brackets"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_component: int = 4  # spinor components are Gaussian integers up to this (reached at the band's top)

    def validate(self) -> None:
        if self.max_component < 1:
            raise ValueError(f"{NAME}: max_component must be >= 1")


# Gaussian integers as (re, im) pairs of Python ints: exact, and ~100x faster than sympy in the draw loop.
def _gi(z) -> tuple[int, int]:
    if isinstance(z, tuple):
        return z
    re, im = sp.Integer(sp.re(z)), sp.Integer(sp.im(z))
    return int(re), int(im)


def _mul(a, b):
    return a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]


def _conj(a):
    return a[0], -a[1]


def _sub(a, b):
    return a[0] - b[0], a[1] - b[1]


def to_sympy(z) -> sp.Expr:
    return sp.Integer(z[0]) + sp.I * sp.Integer(z[1])


def _spinor(rng: random.Random, k: int) -> tuple:
    while True:
        lam = tuple((rng.randint(-k, k), rng.randint(-k, k)) for _ in range(2))
        norm = sum(x * x + y * y for x, y in lam)
        if norm > 0 and norm % 2 == 0:
            return lam


def momentum(lam) -> tuple:
    """Contravariant components from p^0 + p.sigma = lam lam^dagger (Pauli matrices sigma)."""
    a, b = (_gi(x) for x in lam)
    n1, n2 = a[0] ** 2 + a[1] ** 2, b[0] ** 2 + b[1] ** 2
    cross = _mul(a, _conj(b))  # = p^1 - i p^2
    return (sp.Integer((n1 + n2) // 2), sp.Integer(cross[0]), sp.Integer(-cross[1]), sp.Integer((n1 - n2) // 2))


def angle(li, lj):
    """<ij> = lambda_{i,1} lambda_{j,2} - lambda_{i,2} lambda_{j,1} (as a sympy Gaussian integer)."""
    return to_sympy(_angle(tuple(map(_gi, li)), tuple(map(_gi, lj))))


def _angle(li, lj):
    return _sub(_mul(li[0], lj[1]), _mul(li[1], lj[0]))


def square(li, lj):
    """[ij] = lt_{i,2} lt_{j,1} - lt_{i,1} lt_{j,2} with lt = lambda^*: the sign that gives <ij>[ji] = +s_ij
    (Dixon hep-ph/9601359 and 1310.5353, Schwartz ch. 27, Elvang & Huang 1308.1697)."""
    return to_sympy(_square(tuple(map(_gi, li)), tuple(map(_gi, lj))))


def _square(li, lj):
    return _sub(_mul(_conj(li[1]), _conj(lj[0])), _mul(_conj(li[0]), _conj(lj[1])))


def _draw_spinors(rng: random.Random, n: int, k: int):
    while True:
        lams = [_spinor(rng, k) for _ in range(n)]
        moms = [momentum(x) for x in lams]
        if len(set(moms)) == n and all(_angle(lams[i], lams[j]) != (0, 0) for i in range(n) for j in range(i + 1, n)):
            return lams, moms


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    k = band_scale(dv, level, 1, config.max_component)
    if level == "advanced-undergraduate":
        n, kind = band_scale(dv, level, 2, 4), "sij"
    elif level == "graduate":
        n, kind = 4, "cycle4"
    else:
        n = band_scale(dv, level, 5, 6)
        kind = rng.choice(["cycle4", "cycle6"]) if band_position(dv, level) < 0.5 else "cycle6"
    lams, moms = _draw_spinors(rng, n, k)
    if kind == "sij":
        order = rng.sample(range(n), 2)
    elif kind == "cycle4":
        order = rng.sample(range(n), 4)
    else:
        order = [rng.randrange(n) for _ in range(6)]
        while any(order[a] == order[(a + 1) % 6] for a in range(6)) or len(set(order)) < 4:
            order = [rng.randrange(n) for _ in range(6)]
    # alternate angle and square brackets around the cycle: <i1 i2>[i2 i3]<i3 i4>...
    value, parts = (1, 0), []
    for a in range(len(order)):
        x, y = order[a], order[(a + 1) % len(order)]
        if a % 2 == 0:
            value = _mul(value, _angle(lams[x], lams[y]))
            parts.append(rf"\langle {x + 1}{y + 1}\rangle")
        else:
            value = _mul(value, _square(lams[x], lams[y]))
            parts.append(rf"[{x + 1}{y + 1}]")
    target = "".join(parts)
    value = to_sympy(value)
    answer = tex(value)
    mom_text = ", ".join(rf"$p_{{{a + 1}}} = ({', '.join(str(c) for c in moms[a])})$" for a in range(n))
    problem = (
        f"{conventions(UNITS, METRIC)} Spinor-helicity conventions: for a massless momentum with $p^0 > 0$, "
        r"$p_{\alpha\dot\alpha} \equiv p^0\,\mathbb 1 + \vec p\cdot\vec\sigma = \begin{pmatrix} p^0 + p^3 & p^1 - ip^2 \\ "
        r"p^1 + ip^2 & p^0 - p^3\end{pmatrix} = \lambda_\alpha\tilde\lambda_{\dot\alpha}$ (i.e. $p^\mu\sigma^\mu$ summed "
        r"with $\sigma^\mu = (\mathbb 1, \vec\sigma)$, no metric factor; $\vec\sigma$ the Pauli matrices) and "
        r"$\tilde\lambda = \lambda^*$. Brackets: $\langle ij\rangle = "
        r"\lambda_{i,1}\lambda_{j,2} - \lambda_{i,2}\lambda_{j,1}$ and $[ij] = \tilde\lambda_{i,2}\tilde\lambda_{j,1} "
        r"- \tilde\lambda_{i,1}\tilde\lambda_{j,2}$ (subscripts 1, 2 label the two spinor components; this is the sign "
        r"convention of Dixon's and Elvang & Huang's reviews)." "\n\n"
        f"The massless momenta (contravariant components $(p^0,p^1,p^2,p^3)$) are {mom_text}.\n\n"
        rf"Compute $${target}.$$ (It does not depend on the phases of the spinors.) "
        r"Give the exact value (a complex number if needed, with $i$ the imaginary unit) in `\boxed{}`."
    )
    spin_lines = ", ".join(rf"$\lambda_{{{a + 1}}} = ({sp.latex(to_sympy(lams[a][0]))},\ {sp.latex(to_sympy(lams[a][1]))})$"
                           for a in sorted(set(order)))
    steps = [
        r"Factorise each momentum: $\lambda_\alpha\lambda^*_{\dot\alpha}$ must reproduce $p^0 \pm p^3 = "
        r"|\lambda_{1,2}|^2$ and $p^1 - ip^2 = \lambda_1\lambda_2^*$. A rescaling $\lambda\to e^{i\varphi}\lambda$ "
        r"($\tilde\lambda\to e^{-i\varphi}\tilde\lambda$) multiplies each $\langle i\cdot\rangle$ by $e^{i\varphi_i}$ and each "
        r"$[i\cdot]$ by $e^{-i\varphi_i}$; every label appears once in an angle and once in a square bracket, so "
        r"the product is phase independent. One valid choice is " + spin_lines + ".",
        "The needed brackets are " + ", ".join(
            (rf"$\langle {x + 1}{y + 1}\rangle = {sp.latex(angle(lams[x], lams[y]))}$" if a % 2 == 0 else
             rf"$[{x + 1}{y + 1}] = {sp.latex(square(lams[x], lams[y]))}$")
            for a, (x, y) in enumerate(zip(order, order[1:] + order[:1], strict=False))) + ".",
        r"(Checks: $\langle ij\rangle[ji] = \det(p_i + p_j)_{\alpha\dot\alpha} = 2p_i\cdot p_j = s_{ij}$, and a cyclic "
        r"product equals $\tfrac12\mathrm{tr}[(1-\gamma^5)\not p_{i}\not p_{j}\cdots]$ of the corresponding slashed momenta.)",
        rf"Multiplying: $${target} = {answer}.$$",
        rf"$$\boxed{{{answer}}}$$",
    ]
    params = {"spinors": [[str(to_sympy(c)) for c in x] for x in lams], "kind": kind, "order": order}
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=[],
                 difficulty=dv)


register(Family(
    name=NAME,
    category="Amplitude and On-Shell Methods",
    levels=LEVELS,
    description="Little-group-invariant spinor-bracket products for given integer massless momenta.",
    generate=generate,
    config=Config(),
    version=3,  # 3: textbook sign <ij>[ji] = +s_ij ([ij] flipped); knob; s_ij at advanced-undergraduate
    reference="Dixon TASI hep-ph/9601359 (spinor products); Elvang & Huang ch. 2",
))
