r"""Helpers shared by the Applied-Topics families (private module: not a family).

* `CATEGORY` and the knob helper `knob_and_position` (the difficulty and its place inside the level band);
* `tex` (the loops helpers' printer: `\ln`, `\gamma_E`, `\arctan`, as CONVENTIONS.md asks) and `pick`;
* `linear_partial_fractions` / `integrate_fractions`: partial fractions in one variable done *once* with the
  problem's parameters symbolic, then an exact definite integral (principal value across simple poles) per
  draw by substitution. Written here because `sympy.integrate` takes 0.1-0.2 s per numeric instance
  (measured on the 2-core build machine) and a build draws ~350 problems per family; sympy does the algebra,
  this code only adds the antiderivatives of $c/(x-r)^k$. tests/test_gen_applied.py checks it against
  `sympy.integrate` and, for principal values, against mpmath quadrature.
* `two_body`: CM kinematics solved from conservation laws (the Källén function comes out, it is not typed)
  and `sqrt_physical`, the square root of a factored positive quantity in the physical region.
"""

from __future__ import annotations

import random
from functools import cache
from itertools import permutations

import sympy as sp

from qftdata.generators.base import LEVEL_BANDS, Draft, FamilyConfig, knob
from qftdata.generators.loops._quadratic import tex  # answers: \ln, \gamma_E, \arctan

__all__ = ["CATEGORY", "contractions", "finish", "integrate_fractions", "kallen", "knob_and_position", "linear_partial_fractions",
           "pick", "sized", "sqrt_physical", "tex", "two_body"]

CATEGORY = "Applied Topics and Tools"


def pick(rng: random.Random, seq):
    """rng.choice over a sequence, written out so draws are reproducible across Python versions."""
    return seq[rng.randrange(len(seq))]


def finish(blocks: list[str], steps: list[str], value, params: dict, symbols: list[str], difficulty: float,
           answer: str | None = None, **extra) -> Draft:
    """The Draft every family here ends with: statement paragraphs, the derivation ending in the boxed gold, and
    `numeric` answers when no symbol is left (CONVENTIONS.md: exact golds without symbols are numeric)."""
    answer = tex(value) if answer is None else answer
    return Draft(problem="\n\n".join(blocks), answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params=params, symbols=symbols, answer_type="expression" if symbols else "numeric",
                 difficulty=difficulty, **extra)


def knob_and_position(config: FamilyConfig, level: str, rng: random.Random) -> tuple[float, float]:
    """(d, pos): the problem's difficulty `d` (see `base.knob`) and its position in [0, 1] inside the level's
    band, so a family can pick the *kind* of problem from the level and scale its *size* with `pos`
    (a configured difficulty outside the level's band is clamped to the band's edge)."""
    d = knob(config, level, rng)
    lo, hi = LEVEL_BANDS[level]
    return d, min(1.0, max(0.0, (d - lo) / (hi - lo)))


def sized(rng: random.Random, pos: float, options: tuple, min_share: float = 0.34):
    """An element of `options` (ordered from small to large): draws from the first `k` options with `k`
    growing with `pos`, so larger knob values reach the larger (harder) entries while keeping variety."""
    k = max(1, round(len(options) * (min_share + (1 - min_share) * pos)))
    return options[rng.randrange(min(k, len(options)))]


def contractions(fields: tuple[str, ...], particles: tuple[str, ...]) -> int:
    """Number of Wick contractions of a monomial's field slots with the particles of a state (each slot
    takes one particle of its own species): <0|O|n> for a normal-ordered O, or, with the interaction's
    coefficient, the vertex factor of a contact term (e.g. 4! for phi^4 with four phi legs)."""
    return sum(1 for perm in permutations(particles) if perm == tuple(fields))


def kallen(a, b, c):
    """Källén function lambda(a, b, c) = a^2 + b^2 + c^2 - 2ab - 2bc - 2ca (PDG Kinematics)."""
    return a**2 + b**2 + c**2 - 2 * a * b - 2 * b * c - 2 * c * a


@cache
def _two_body_general() -> tuple[sp.Symbol, ...]:
    r"""E1, E2 and |k|^2 for masses (a, b) at invariant mass squared s, solved once from
    $E_1 + E_2 = \sqrt s$ and $E_1^2 - E_2^2 = a^2 - b^2$ (then $k^2 = E_1^2 - a^2$)."""
    s, a, b = sp.symbols("s a b", positive=True)
    e1, e2 = sp.symbols("E_1 E_2")
    (x1, x2), = sp.linsolve([e1 + e2 - sp.sqrt(s), e1 - e2 - (a**2 - b**2) / sp.sqrt(s)], [e1, e2])
    return s, a, b, sp.together(x1), sp.together(x2), sp.factor(sp.expand(x1**2 - a**2))


@cache
def two_body(m1, m2) -> dict[str, sp.Expr]:
    r"""CM kinematics of masses m1, m2 at invariant mass squared `s` (a positive Symbol named "s"):
    energies E1, E2, momentum squared k2, and `lam` = $4sk^2$ (the Källén function, here *derived*).
    The two-body phase space is $\int d\Phi_2 = k/(4\pi\sqrt s) = \sqrt{\text{lam}}/(8\pi s)$
    (d^3k/((2pi)^3 2E1 2E2) (2pi) delta(sqrt s - E1 - E2) integrated over |k| and angles)."""
    s, a, b, x1, x2, k2 = _two_body_general()
    sub = {a: m1, b: m2}
    k2v = sp.factor(k2.subs(sub))
    return {"s": s, "E1": x1.subs(sub), "E2": x2.subs(sub), "k2": k2v, "lam": sp.factor(4 * s * k2v)}


def sqrt_physical(x2: sp.Expr, sample: dict) -> sp.Expr:
    """sqrt(x2) for x2 >= 0 in the physical region: squared factors come out with the sign they have at the
    physical `sample` point (so sqrt((s - m^2)^2) = s - m^2 above threshold), the rest stays under one root."""
    if not x2.free_symbols:
        return sp.sqrt(x2)
    coeff, factors = sp.factor_list(x2)
    out, inside = sp.sqrt(abs(coeff)), sp.Integer(1 if coeff > 0 else -1)
    for f, k in factors:
        root = f if f.subs(sample) > 0 else -f
        out *= root ** (k // 2)
        if k % 2:
            inside *= f
    return out * sp.sqrt(inside) if inside != 1 else out


def _log_abs(value: sp.Expr) -> sp.Expr:
    return sp.log(sp.Abs(value))


def _pole_term(c, root, k: int, lo, hi) -> sp.Expr:
    r"""$\int_{lo}^{hi} c\,(x - r)^{-k}dx$ (principal value for a simple pole strictly inside)."""
    inside = lo < root < hi
    if root in (lo, hi) or (inside and k > 1):
        raise ArithmeticError(f"non-integrable pole at x = {root}")
    if k == 1:
        return c * (_log_abs(hi - root) - _log_abs(lo - root))
    return c * ((hi - root) ** (1 - k) - (lo - root) ** (1 - k)) / (1 - k)


@cache
def linear_partial_fractions(expr: sp.Expr, x: sp.Symbol) -> tuple[sp.Expr, tuple[tuple[sp.Expr, sp.Expr, int], ...]]:
    """Partial fractions (once, parameters symbolic) of a rational function of x whose denominator splits into
    linear factors: (polynomial part, ((c, r, k), ...)) with expr = poly + sum c/(x - r)^k. Integrating a
    family of such functions is then a substitution per draw (`integrate_fractions`)."""
    poly, terms = sp.Integer(0), []
    for term in sp.Add.make_args(sp.apart(sp.expand(expr), x)):
        tnum, tden = sp.fraction(sp.factor(term))
        coeff, factors = sp.factor_list(tden, x)
        if not factors:
            poly += term
            continue
        if len(factors) != 1 or sp.Poly(factors[0][0], x).degree() != 1 or tnum.has(x):
            raise ArithmeticError(f"not a linear partial fraction: {term}")
        (f, k), = factors
        a, b = sp.Poly(f, x).all_coeffs()
        terms.append((tnum / coeff / a**k, -b / a, k))
    return poly, tuple(terms)


def integrate_fractions(fractions, values: dict, x: sp.Symbol, lo, hi) -> sp.Expr:
    """Exact integral over [lo, hi] of `linear_partial_fractions` output at parameter `values` (principal value
    across simple poles)."""
    poly, terms = fractions
    prim = sp.Poly(poly.xreplace(values), x).integrate()
    total = prim.eval(sp.Rational(hi)) - prim.eval(sp.Rational(lo))
    for c, root, k in terms:
        total += _pole_term(c.xreplace(values), root.xreplace(values), k, sp.Rational(lo), sp.Rational(hi))
    return total
