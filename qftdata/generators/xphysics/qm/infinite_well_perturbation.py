r"""First-order perturbation theory in the infinite square well, non-degenerate (1D) and degenerate (2D).

Matrix elements $\langle\psi|H'|\psi\rangle$ are integrated exactly with the well eigenfunctions
$\psi_n = \sqrt{2/L}\sin(n\pi x/L)$ (Griffiths, *Introduction to QM*, 3rd ed., eq. 2.31); in 2D the
degenerate pair $(n_1, n_2)$, $(n_2, n_1)$ is handled by diagonalising the $2\times2$ matrix $W$
(Griffiths §7.2, eq. 7.33). Cross-checked in the tests against Griffiths Problems 7.1, 7.2 and numerical
quadrature.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, ask_in, conventions, make_draft, pos, tex

NAME = "xphysics.qm.infinite_well_perturbation"
L, V_0, alpha = pos("L V_0 alpha")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_n: int = 5

    def validate(self) -> None:
        # the 2D problems treat (n1, n2), (n2, n1) as an exactly 2-fold level; from n = 7 on accidental
        # degeneracies appear (1^2 + 7^2 = 5^2 + 5^2), which the 2x2 treatment would get wrong
        if not 2 <= self.max_n <= 6:
            raise ValueError("need 2 <= max_n <= 6 (n1^2 + n2^2 levels are exactly 2-fold only up to 6)")


_u, _k = sp.symbols("u k", positive=True)


@lru_cache(maxsize=16)
def _antiderivative(a: int) -> sp.Expr:
    r"""$\int u^a\cos(k\pi u)\,du$ for symbolic $k \neq 0$ (by parts; cached per power)."""
    return sp.integrate(_u**a * sp.cos(_k * sp.pi * _u), _u, manual=True)


def _int_u_cos(a: int, k: int, lo, hi) -> sp.Expr:
    if k == 0:
        return (sp.S(hi) ** (a + 1) - sp.S(lo) ** (a + 1)) / (a + 1)
    F = _antiderivative(a).subs(_k, abs(k))
    return F.subs(_u, hi) - F.subs(_u, lo)


@lru_cache(maxsize=4096)
def overlap(a: int, n: int, m: int, lo=sp.S(0), hi=sp.S(1)) -> sp.Expr:
    r"""$\int_{lo}^{hi} u^a\,\phi_n(u)\phi_m(u)\,du$ with $\phi_n = \sqrt2\sin(n\pi u)$, $u = x/L$.

    $2\sin A\sin B = \cos(A-B) - \cos(A+B)$ reduces it to integrals of $u^a\cos(k\pi u)$.
    """
    return sp.expand(_int_u_cos(a, n - m, lo, hi) - _int_u_cos(a, n + m, lo, hi))


def phi(n: int, u) -> sp.Expr:
    return sp.sqrt(2) * sp.sin(n * sp.pi * u)


@lru_cache(maxsize=1024)
def shift_1d(kind: str, n: int, a: int, b: int, c: int) -> sp.Expr:
    r"""$\langle n|H'|n\rangle$ with $u = x/L$ and $|\psi_n|^2 dx = \phi_n(u)^2 du$.

    kind 'power': $H' = V_0 u^a$; 'step': $H' = V_0$ on $b/c < u < a/c$; 'ramp': $H' = V_0 u$ on $b/c < u < a/c$;
    'delta': $H' = \alpha L\,\delta(x - bL/c)$
    (so $\delta(x - x_0) = \delta(u - u_0)/L$ and the sifting property gives $\alpha\,\phi_n(u_0)^2$).
    """
    if kind == "power":
        return sp.expand(V_0 * overlap(a, n, n))
    if kind in ("step", "ramp"):
        power = 0 if kind == "step" else 1
        return sp.radsimp(sp.expand(V_0 * overlap(power, n, n, sp.Rational(b, c), sp.Rational(a, c))))
    if kind == "delta":
        return sp.radsimp(sp.expand(alpha * phi(n, sp.Rational(b, c)) ** 2))
    raise ValueError(kind)


@lru_cache(maxsize=1024)
def splitting_2d(kind: str, n1: int, n2: int, a: int, b: int, c: int):
    r"""W matrix and first-order energies (larger, smaller) of the degenerate pair (n1,n2),(n2,n1).

    'power': $H' = V_0 u^a v^b$, separable, $W_{st} = V_0 I^{(a)}_{s_x t_x} I^{(b)}_{s_y t_y}$;
    'delta': $H' = \alpha L^2\delta(x-x_0)\delta(y-y_0)$, $W_{st} = \alpha\,\phi_{s_x}\phi_{s_y}\phi_{t_x}\phi_{t_y}$ at the point.
    """
    states = [(n1, n2), (n2, n1)]

    def element(s, t):
        if kind == "power":
            return V_0 * overlap(a, s[0], t[0]) * overlap(b, s[1], t[1])
        u0, v0 = sp.Rational(a, c), sp.Rational(b, c)
        return alpha * phi(s[0], u0) * phi(s[1], v0) * phi(t[0], u0) * phi(t[1], v0)

    W = sp.Matrix(2, 2, lambda i, j: sp.radsimp(sp.expand(element(states[i], states[j]))))
    # eigenvalues of the real symmetric 2x2 matrix: the roots of its characteristic quadratic
    lam = sp.Symbol("lambda")
    a2, a1, a0 = sp.Poly(sp.expand((W - lam * sp.eye(2)).det()), lam).all_coeffs()
    root = sp.sqrtdenest(sp.sqrt(sp.radsimp(sp.expand(a1**2 - 4 * a2 * a0))))
    evs = [sp.radsimp(sp.expand((-a1 + sgn * root) / (2 * a2))) for sgn in (1, -1)]
    evs = sorted(evs, key=lambda e: float(e.subs({V_0: 1, alpha: 1})), reverse=True)
    return W, evs[0], evs[1]


# Denominators of the perturbation's positions: sines of multiples of pi/12 are at most square roots (no nested
# radicals to simplify), which keeps exact golds cheap.
DENOMINATORS = (2, 3, 4, 6, 12)


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    u = band_position(d, level)
    top = scale(u, 3, config.max_n)  # the knob: higher states and finer positions
    dens = DENOMINATORS[:scale(u, 3, len(DENOMINATORS))]
    conv = conventions(SI + ".", r"The unperturbed well has $V = 0$ for $0 < x < L$ and $V = \infty$ otherwise.")
    if level in ("advanced-undergraduate", "graduate"):
        kind = "power" if level == "advanced-undergraduate" else rng.choice(["step", "ramp"])
        n = rng.randint(1, scale(u, 4, 10))  # 1D levels are never degenerate: higher n allowed than in 2D
        if kind == "power":
            a, b, c = rng.randint(2, scale(u, 3, 7)), 0, 1  # a = 1 gives V_0/2 for every n (symmetry)
            pert = f"$H' = V_{{0}}\\,(x/L)^{{{a}}}$" if a > 1 else "$H' = V_{0}\\,x/L$"
            sym = V_0
        elif kind in ("step", "ramp"):
            c = rng.choice(dens)
            b = rng.randint(0, c - 1)
            a = rng.randint(b + 1, c)
            if (b, a) == (0, c):  # not the whole well (a constant shift, or the advanced-undergraduate ramp)
                a = c - 1
            if kind == "step" and shift_1d(kind, n, a, b, c) == V_0 * sp.Rational(a - b, c):
                # the oscillating part cancels (e.g. [0, L/2] gives V_0/2 for every n): a guessable answer, so
                # move an end of the interval
                for b2, a2 in ((b, a - 1), (b + 1, a), (b, a + 1), (b + 1, a + 1)):
                    if 0 <= b2 < a2 <= c and (b2, a2) != (0, c) and \
                            shift_1d(kind, n, a2, b2, c) != V_0 * sp.Rational(a2 - b2, c):
                        b, a = b2, a2
                        break
            lo, hi = sp.Rational(b, c), sp.Rational(a, c)
            shape = "V_{0}" if kind == "step" else "V_{0}\\,x/L"
            pert = (f"$H' = {shape}$ for ${tex(lo * L)} < x < {tex(hi * L)}$ and $H' = 0$ elsewhere in the well "
                    f"($V_{{0}}$ is a constant energy)")
            sym = V_0
        else:
            c = rng.choice(dens)
            a, b = 0, rng.randint(1, c - 1)
            pert = (f"$H' = \\alpha L\\,\\delta(x - {tex(sp.Rational(b, c) * L)})$, where $\\alpha$ is a constant "
                    f"energy and $\\delta$ is the Dirac delta")
            sym = alpha
        value = shift_1d(kind, n, a, b, c)
        problem = (
            f"A particle of mass $m$ is in the one-dimensional infinite square well of width $L$. It is perturbed by "
            f"{pert}.\n\n{conv}\n\n"
            f"Using first-order (non-degenerate) perturbation theory, compute the shift $E^{{(1)}}_{{{n}}}$ of the "
            f"energy of the state with quantum number $n = {n}$ (the ground state is $n = 1$). "
            + ask_in(f"$E^{{(1)}}_{{{n}}}$", [sym] + ([L] if L in value.free_symbols else []))
        )
        steps = [
            r"The unperturbed eigenfunctions are $\psi_n(x) = \sqrt{2/L}\,\sin(n\pi x/L)$ (Griffiths eq. 2.31).",
            r"First-order perturbation theory gives $E^{(1)}_n = \langle\psi_n|H'|\psi_n\rangle = "
            r"\int_0^L H'(x)\,|\psi_n(x)|^2\,dx$.",
            f"For $n = {n}$ the integral evaluates to",
        ]
        params = {"kind": kind, "n": n, "a": a, "b": b, "c": c}
        symbols = [sym] + ([L] if L in value.free_symbols else [])
        return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=symbols, difficulty=d)

    # 2D degenerate perturbation theory
    n1 = rng.randint(1, top - 1)
    n2 = rng.randint(n1 + 1, top)
    if level == "advanced-graduate" or rng.random() < 0.6:  # postgraduate: the splitting, not one shift
        kind, c = "power", 1
        a, b = rng.randint(1, scale(u, 2, 4)), rng.randint(1, scale(u, 2, 4))
        pert = f"$H' = V_{{0}}\\,(x/L)^{{{a}}}(y/L)^{{{b}}}$".replace("^{1}", "")
        sym = V_0
        W, high, low = splitting_2d(kind, n1, n2, a, b, c)
        if level == "advanced-graduate":
            which, value = rng.choice([("larger", high), ("smaller", low)])
        else:
            which, value = "splitting", sp.radsimp(sp.expand(high - low))
    else:
        kind = "delta"
        for _ in range(100):
            c = rng.choice(DENOMINATORS[1:])
            a, b = rng.randint(1, c - 1), rng.randint(1, c - 1)
            W, high, low = splitting_2d(kind, n1, n2, a, b, c)
            if sp.radsimp(sp.expand(high - low)) != 0:
                break
            n1, n2 = rng.randint(1, top - 1), top
        which, value = "splitting", sp.radsimp(sp.expand(high - low))
        pert = (f"$H' = \\alpha L^{{2}}\\,\\delta(x - {tex(sp.Rational(a, c) * L)})\\,\\delta(y - {tex(sp.Rational(b, c) * L)})$, "
                f"where $\\alpha$ is a constant energy and $\\delta$ is the Dirac delta")
        sym = alpha
    asked = ("splitting $\\Delta E = E^{(1)}_+ - E^{(1)}_-$ between the two perturbed levels" if which == "splitting"
             else f"{which} of the two first-order energy shifts of this level")
    problem = (
        f"A particle of mass $m$ is in the two-dimensional infinite square well $0 < x < L$, $0 < y < L$ "
        f"($V = 0$ inside, $\\infty$ outside). The unperturbed states $(n_x, n_y) = ({n1}, {n2})$ and $({n2}, {n1})$ "
        f"are degenerate. The system is perturbed by {pert}.\n\n"
        + conventions(SI + ".", r"Unperturbed eigenfunctions $\psi_{n_x n_y} = (2/L)\sin(n_x\pi x/L)\sin(n_y\pi y/L)$.")
        + f"\n\nUsing degenerate first-order perturbation theory, find the {asked}. "
        + ask_in("it", [sym])
    )
    steps = [
        f"Within the degenerate subspace $\\{{|{n1}{n2}\\rangle, |{n2}{n1}\\rangle\\}}$ form "
        r"$W_{ij} = \langle\psi_i|H'|\psi_j\rangle$; with $u = x/L$, $v = y/L$ the integrals factorise into "
        r"one-dimensional ones, evaluated with $2\sin A\sin B = \cos(A-B) - \cos(A+B)$ (a delta function "
        r"simply evaluates the wavefunctions at its point).",
        f"This gives $W = {tex(W)}$.",
        r"The first-order shifts are the eigenvalues of $W$, "
        r"$E^{(1)}_\pm = \tfrac12\left[W_{aa}+W_{bb} \pm \sqrt{(W_{aa}-W_{bb})^2 + 4|W_{ab}|^2}\right]$ "
        f"(Griffiths eq. 7.33): $E^{{(1)}}_+ = {tex(high)}$ and $E^{{(1)}}_- = {tex(low)}$. The requested quantity is",
    ]
    params = {"kind": kind, "n1": n1, "n2": n2, "a": a, "b": b, "c": c, "which": which}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=[sym], difficulty=d)


register(Family(
    name=NAME, category="Quantum Mechanics",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="First-order energy shifts in the infinite square well (1D non-degenerate, 2D degenerate).",
    generate=generate, config=Config(), version=2,  # 2: knob, positions on a pi/12 grid, exact 2x2 roots
    reference="Griffiths, Introduction to Quantum Mechanics, 3rd ed., eqs. 2.31, 7.9, 7.33; Problems 7.1, 7.2",
))
