r"""Spinor-helicity brackets of given massless momenta: little-group-invariant products.

Momenta are built from Gaussian-integer spinors, $p_{\alpha\dot\alpha} = p^0\mathbb 1 + \vec p\cdot\vec\sigma =
\lambda_\alpha\tilde\lambda_{\dot\alpha}$ (the matrix is written out in the statement, since $p_\mu\sigma^\mu$ with a
mostly-minus metric would be $p^0 - \vec p\cdot\vec\sigma$ and conjugate every answer) with $\tilde\lambda = \lambda^*$; the statement gives only the momenta
and the bracket conventions. The asked products ($\langle ij\rangle[ji]$, $\langle ij\rangle[jk]\langle kl\rangle[li]$,
six-point cycles) are invariant under $\lambda\to e^{i\varphi}\lambda$, so the answer is unique.
Reference: Dixon, TASI lectures hep-ph/9601359 (spinor products, $\langle ij\rangle[ji] = s_{ij}$ up to the sign
convention for $[ij]$, and $\langle ij\rangle[jk]\langle kl\rangle[li] = \frac12\mathrm{tr}[(1-\gamma^5)\not k_i\not k_j\not k_k\not k_l]$);
Elvang & Huang, "Scattering Amplitudes in Gauge Theory and Gravity", ch. 2.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.scattering._tools import tex
from qftdata.generators.text import METRIC, UNITS, conventions

NAME = "amplitudes.spinor_brackets"
LEVELS = ("graduate", "advanced-graduate")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_component: int = 3

    def validate(self) -> None:
        if self.max_component < 1:
            raise ValueError(f"{NAME}: max_component must be >= 1")


def _spinor(rng: random.Random, k: int) -> tuple:
    while True:
        lam = tuple(sp.Integer(rng.randint(-k, k)) + sp.I * rng.randint(-k, k) for _ in range(2))
        n1, n2 = (sp.Abs(x) ** 2 for x in lam)
        if n1 + n2 > 0 and (n1 + n2) % 2 == 0:
            return lam


def momentum(lam) -> tuple:
    """Contravariant components from p^0 + p.sigma = lam lam^dagger (Pauli matrices sigma)."""
    a, b = lam
    n1, n2 = sp.Abs(a) ** 2, sp.Abs(b) ** 2
    cross = sp.expand(a * sp.conjugate(b))  # = p^1 - i p^2
    return (sp.Integer((n1 + n2) / 2), sp.re(cross), -sp.im(cross), sp.Integer((n1 - n2) / 2))


def angle(li, lj):
    return sp.expand(li[0] * lj[1] - li[1] * lj[0])


def square(li, lj):
    return sp.expand(sp.conjugate(li[0]) * sp.conjugate(lj[1]) - sp.conjugate(li[1]) * sp.conjugate(lj[0]))


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    n = 4 if level == "graduate" else rng.choice([4, 5, 6])
    while True:
        lams = [_spinor(rng, config.max_component) for _ in range(n)]
        moms = [momentum(x) for x in lams]
        if len(set(moms)) == n and all(angle(lams[i], lams[j]) != 0 for i in range(n) for j in range(i + 1, n)):
            break
    if level == "graduate":
        kind = rng.choice(["sij", "cycle4"])
    else:
        kind = rng.choice(["cycle4", "cycle6"]) if n >= 3 else "cycle4"
    if kind == "sij":
        i, j = rng.sample(range(n), 2)
        order = [i, j]
        value = angle(lams[i], lams[j]) * square(lams[j], lams[i])
        target = rf"\langle {i + 1}{j + 1}\rangle[{j + 1}{i + 1}]"
    elif kind == "cycle4":
        order = rng.sample(range(n), 4)
        i, j, k, q = order
        value = (angle(lams[i], lams[j]) * square(lams[j], lams[k]) * angle(lams[k], lams[q])
                 * square(lams[q], lams[i]))
        target = rf"\langle {i + 1}{j + 1}\rangle[{j + 1}{k + 1}]\langle {k + 1}{q + 1}\rangle[{q + 1}{i + 1}]"
    else:
        order = [rng.randrange(n) for _ in range(6)]
        while any(order[a] == order[(a + 1) % 6] for a in range(6)):
            order = [rng.randrange(n) for _ in range(6)]
        value = 1
        parts = []
        for a in range(6):
            x, y = order[a], order[(a + 1) % 6]
            if a % 2 == 0:
                value *= angle(lams[x], lams[y])
                parts.append(rf"\langle {x + 1}{y + 1}\rangle")
            else:
                value *= square(lams[x], lams[y])
                parts.append(rf"[{x + 1}{y + 1}]")
        target = "".join(parts)
    value = sp.expand(value)
    answer = tex(value)
    mom_text = ", ".join(rf"$p_{{{a + 1}}} = ({', '.join(str(c) for c in moms[a])})$" for a in range(n))
    problem = (
        f"{conventions(UNITS, METRIC)} Spinor-helicity conventions: for a massless momentum with $p^0 > 0$, "
        r"$p_{\alpha\dot\alpha} \equiv p^0\,\mathbb 1 + \vec p\cdot\vec\sigma = \begin{pmatrix} p^0 + p^3 & p^1 - ip^2 \\ "
        r"p^1 + ip^2 & p^0 - p^3\end{pmatrix} = \lambda_\alpha\tilde\lambda_{\dot\alpha}$ (i.e. $p^\mu\sigma^\mu$ summed "
        r"with $\sigma^\mu = (\mathbb 1, \vec\sigma)$, no metric factor; $\vec\sigma$ the Pauli matrices) and "
        r"$\tilde\lambda = \lambda^*$. Brackets: $\langle ij\rangle = "
        r"\lambda_{i,1}\lambda_{j,2} - \lambda_{i,2}\lambda_{j,1}$ and $[ij] = \tilde\lambda_{i,1}\tilde\lambda_{j,2} "
        r"- \tilde\lambda_{i,2}\tilde\lambda_{j,1}$ (subscripts 1, 2 label the two spinor components)." "\n\n"
        f"The massless momenta (contravariant components $(p^0,p^1,p^2,p^3)$) are {mom_text}.\n\n"
        rf"Compute $${target}.$$ (It does not depend on the phases of the spinors.) "
        r"Give the exact value (a complex number if needed, with $i$ the imaginary unit) in `\boxed{}`."
    )
    spin_lines = ", ".join(rf"$\lambda_{{{a + 1}}} = ({sp.latex(lams[a][0])},\ {sp.latex(lams[a][1])})$"
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
        r"(Checks: $\langle ij\rangle[ij] = \det(p_i + p_j)_{\alpha\dot\alpha} = 2p_i\cdot p_j$, and the real part of "
        r"a cyclic product equals $\tfrac12\mathrm{tr}$ of the corresponding slashed momenta.)",
        rf"Multiplying: $${target} = {answer}.$$",
        rf"$$\boxed{{{answer}}}$$",
    ]
    params = {"spinors": [[str(c) for c in x] for x in lams], "kind": kind, "order": order}
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=[])


register(Family(
    name=NAME,
    category="Amplitude and On-Shell Methods",
    levels=LEVELS,
    description="Little-group-invariant spinor-bracket products for given integer massless momenta.",
    generate=generate,
    config=Config(),
    version=2,  # 2: statement no longer writes p_mu sigma^mu (mostly-minus would conjugate the answers)
    reference="Dixon TASI hep-ph/9601359 (spinor products); Elvang & Huang ch. 2",
))
