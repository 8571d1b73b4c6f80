r"""Harmonic-oscillator matrix elements $\langle m|\hat x^a \hat p^b \cdots|n\rangle$ from ladder operators.

The operator string is applied to $|n\rangle$ with $a|n\rangle = \sqrt n|n-1\rangle$,
$a^\dagger|n\rangle = \sqrt{n+1}|n+1\rangle$, $\hat x = \sqrt{\hbar/2m\omega}(a + a^\dagger)$,
$\hat p = i\sqrt{\hbar m\omega/2}(a^\dagger - a)$ (Griffiths, *Introduction to QM*, 3rd ed., eqs. 2.48, 2.66).
Cross-checked in the tests against wavefunction integrals (Griffiths eq. 2.86) and Griffiths Problem 2.12.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.qm.harmonic_oscillator_matrix_element"
hbar, m, omega = pos("hbar m omega")
X0 = sp.sqrt(hbar / (2 * m * omega))  # length scale of the ladder-operator x
P0 = sp.sqrt(hbar * m * omega / 2)
CONV = conventions(SI + ".", r"$\hbar$ is the reduced Planck constant.")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_n: int = 12

    def validate(self) -> None:
        if self.max_n < 4:
            raise ValueError("max_n must be >= 4")


def apply_ops(ops: str, n: int) -> dict[int, sp.Expr]:
    """The state `ops |n>` (ops read left to right as written, applied right to left) as {level: coeff}."""
    state: dict[int, sp.Expr] = {n: sp.Integer(1)}
    for op in reversed(ops):
        new: dict[int, sp.Expr] = defaultdict(lambda: sp.Integer(0))
        for k, c in state.items():
            lower = (k - 1, c * sp.sqrt(k)) if k > 0 else None
            raise_ = (k + 1, c * sp.sqrt(k + 1))
            if op == "x":
                terms = [(lv, X0 * cc) for lv, cc in (t for t in (lower, raise_) if t is not None)]
            elif op == "p":
                terms = [(raise_[0], sp.I * P0 * raise_[1])]
                if lower is not None:
                    terms.append((lower[0], -sp.I * P0 * lower[1]))
            else:
                raise ValueError(f"unknown operator {op!r}")
            for lv, cc in terms:
                new[lv] += cc
        state = {k: sp.expand(v) for k, v in new.items() if sp.expand(v) != 0}
    return state


def matrix_element(bra: int, ops: str, ket: int) -> sp.Expr:
    return sp.simplify(apply_ops(ops, ket).get(bra, sp.Integer(0)))


OPS_BY_LEVEL = {  # an even number of p factors keeps every matrix element real; disjoint strings per level
    "advanced-undergraduate": ("x", "xx", "pp"),
    "graduate": ("xxx", "xxxx", "pppp", "xpp", "ppx"),
    "advanced-graduate": ("xxpp", "ppxx", "xppx", "pxxp", "xxxxx", "pxpx"),
    "postgraduate": ("xxxxxx", "xxxpp", "ppxxx", "ppxxpp", "xxppxx", "pxxxxp", "pppppp"),
}


def _op_tex(ops: str) -> str:
    out, i = [], 0
    while i < len(ops):
        j = i
        while j < len(ops) and ops[j] == ops[i]:
            j += 1
        k = j - i
        out.append(rf"\hat {ops[i]}" + (f"^{{{k}}}" if k > 1 else ""))
        i = j
    return " ".join(out)


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    ops = rng.choice(OPS_BY_LEVEL[level])
    k = len(ops)
    top = scale(band_position(d, level), 4, config.max_n)  # the knob: higher excited states
    for _ in range(100):
        n = rng.randint(0, top)
        bra = n + rng.choice(range(-k, k + 1, 2))
        if bra >= 0:
            value = matrix_element(bra, ops, n)
            if value != 0:
                break
    else:  # pragma: no cover - every operator string has some non-zero element
        raise RuntimeError("no non-zero matrix element found")
    op = _op_tex(ops)
    problem = (
        f"A particle of mass $m$ moves in the one-dimensional harmonic potential $V(x) = \\tfrac12 m\\omega^2 x^2$; "
        f"$|n\\rangle$ ($n = 0, 1, 2, \\dots$) are the normalised energy eigenstates, "
        f"$E_n = \\hbar\\omega(n + \\tfrac12)$, with the standard phases in which "
        f"$a^\\dagger|n\\rangle = \\sqrt{{n+1}}\\,|n+1\\rangle$ and $a|n\\rangle = \\sqrt{{n}}\\,|n-1\\rangle$, where "
        f"$a = \\sqrt{{m\\omega/2\\hbar}}\\,(\\hat x + i\\hat p/m\\omega)$.\n\n"
        f"{CONV}\n\n"
        f"Compute the matrix element $\\langle {bra}|\\,{op}\\,|{n}\\rangle$. "
        + ask_in("the matrix element", [hbar, m, omega])
    )
    steps = [
        r"Write the operators through ladder operators: $\hat x = \sqrt{\frac{\hbar}{2m\omega}}\,(a + a^\dagger)$ "
        r"and $\hat p = i\sqrt{\frac{\hbar m\omega}{2}}\,(a^\dagger - a)$.",
        f"Apply the factors of ${op}$ to $|{n}\\rangle$ from right to left, using "
        r"$a|k\rangle = \sqrt k|k-1\rangle$ and $a^\dagger|k\rangle = \sqrt{k+1}|k+1\rangle$.",
    ]
    state = apply_ops(ops, n)
    expansion = " + ".join(f"\\left({tex(c)}\\right)|{lv}\\rangle" for lv, c in sorted(state.items()))
    steps.append(f"This gives ${op}\\,|{n}\\rangle = {expansion}$.")
    steps.append(f"Projecting on $\\langle {bra}|$ (orthonormal states) keeps the coefficient of $|{bra}\\rangle$:")
    return make_draft(problem=problem, expr=value, steps=steps, params={"ops": ops, "bra": bra, "ket": n},
                      symbols=[hbar, m, omega], difficulty=d)


register(Family(
    name=NAME, category="Quantum Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Harmonic-oscillator matrix elements of products of x and p via ladder operators.",
    generate=generate, config=Config(), version=2,  # 2: knob (excited states), disjoint operator strings
    reference="Griffiths, Introduction to Quantum Mechanics, 3rd ed., eqs. 2.48, 2.66, 2.86; Problem 2.12",
))
