r"""Perturbative unitarity of quartic scalar couplings from the coupled-channel s-wave matrix.

At $s \gg$ all masses the tree amplitudes of $2\to2$ scalar scattering are the quartic contact terms,
$\mathcal M(ij\to kl) = -\lambda_{ijkl}$ with $\lambda_{ijkl} = \partial^4V/\partial\phi_i\partial\phi_j\partial\phi_k\partial\phi_l$.
The s-wave $a_0 = \frac{1}{32\pi}\int_{-1}^1 d\cos\theta\,\mathcal M$ between two-particle states (normalised with an
extra $1/\sqrt2$ for two identical particles) is a real symmetric matrix; perturbative unitarity asks
$|\mathrm{Re}\,a_0| \le \frac12$ for each eigenvalue, which bounds the couplings. The family derives $\lambda_{ijkl}$
from the potential (polynomial coefficients times multinomial factorials), builds the matrix over all pairs
$i \le j$, splits it into its decoupled blocks and finds the eigenvalues exactly (characteristic polynomial
factored over $\mathbb Q$). Levels:

* graduate: one $O(N)$ multiplet with a cubic-anisotropy term $\frac{\kappa}{4}\sum_i\phi_i^4$, $\kappa = r\lambda$;
* advanced-graduate: two multiplets $O(N)\times O(M)$ with a portal coupling, the singlet channels mix;
* postgraduate: the Standard-Model Higgs doublet plus real singlets through the Goldstone-boson equivalence
  theorem, a bound on $m_H^2$ in units of $1/G_F$ (Lee–Quigg–Thacker).

References for the tests: Lee, Quigg & Thacker, PRD 16 (1977) 1519 and Marciano, Valencia & Willenbrock,
PRD 40 (1989) 1725 ($m_H^2 \le 4\sqrt2\pi/(3G_F)$ with $|\mathrm{Re}\,a_0| \le 1/2$); single field $\lambda\phi^4/4!$:
$\lambda \le 16\pi$; $O(N)$ singlet $a_0 = -(N+2)\lambda/(16\pi)$ for $V = \frac\lambda4(\phi^2)^2$.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from math import factorial

import sympy as sp

from qftdata.generators.applied._common import CATEGORY, finish, knob_and_position, pick, tex
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, STATES, UNITS, conventions

NAME = "applied.coupled_channel_unitarity"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
lam, G_F = sp.symbols("lambda G_F", positive=True)
RATIOS = tuple(sp.Rational(v) for v in ("0", "1/2", "1", "2", "3", "1/3", "3/2", "-1/2", "-1/3", "2/3", "5/2",
                                         "-2/3", "1/4", "3/4", "4", "-1/4"))
UNITARITY = (r"At energies $\sqrt s$ far above all masses only the quartic contact terms matter. Use the s-wave "
             r"$a_0 = \frac{1}{32\pi}\int_{-1}^{1}d\cos\theta\,\mathcal M$ between two-particle states, normalising a state "
             r"of two identical particles with an extra factor $1/\sqrt2$, and require $|\mathrm{Re}\,a_0| \le \frac12$ for "
             r"every eigenvalue of the coupled-channel matrix of $a_0$ (over all two-particle channels).")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_n: int = 6  # largest multiplet size

    def validate(self) -> None:
        if not 2 <= self.max_n <= 8:
            raise ValueError(f"{NAME}: max_n must be in 2..8")


def coupling_tensor(potential: sp.Expr | sp.Poly, fields: tuple[sp.Symbol, ...]) -> dict[tuple[int, ...], sp.Expr]:
    r"""$\lambda_{ijkl}$ for sorted index tuples: the quartic coefficient of $\phi^\alpha$ times $\prod\alpha_i!$
    (the fourth derivative of the polynomial), computed from the polynomial's terms."""
    out: dict[tuple[int, ...], sp.Expr] = {}
    poly = potential if isinstance(potential, sp.Poly) else sp.Poly(potential, *fields)
    for exps, coeff in poly.terms():
        if sum(exps) != 4:
            continue
        idx = tuple(i for i, e in enumerate(exps) for _ in range(e))
        mult = 1
        for e in exps:
            mult *= factorial(e)
        out[idx] = coeff * mult
    return out


def s_wave_blocks(tensor: dict[tuple[int, ...], sp.Expr], n_fields: int) -> list[sp.Poly]:
    r"""Characteristic polynomials (in $y = 16\pi a_0$) of the decoupled blocks of the s-wave matrix.

    $16\pi a_0(ij\to kl) = -\lambda_{ijkl}\,n_{ij}n_{kl}$ with $n = 1/\sqrt2$ for $i = j$: the matrix is $DMD$ with
    $D = \mathrm{diag}(n)$, similar to the rational $D^2M$, so the polynomial has rational coefficients."""
    states = [(i, j) for i in range(n_fields) for j in range(i, n_fields)]
    index = {st: k for k, st in enumerate(states)}
    entries: dict[tuple[int, int], sp.Expr] = {}
    for (a, b) in states:
        for (c, d) in states:
            key = tuple(sorted((a, b, c, d)))
            if key in tensor:
                entries[(index[(a, b)], index[(c, d)])] = -tensor[key]
    # connected components of the nonzero pattern (states that never mix decouple)
    parent = list(range(len(states)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (p, q) in entries:
        parent[find(p)] = find(q)
    blocks: dict[int, list[int]] = {}
    for k in range(len(states)):
        blocks.setdefault(find(k), []).append(k)
    y = sp.Symbol("y")
    polys: list[sp.Poly] = []
    seen: set = set()
    for members in blocks.values():
        if not any((p, q) in entries for p in members for q in members):
            continue  # a channel with no contact amplitude: a_0 = 0
        d2 = [sp.Rational(1, 2) if states[k][0] == states[k][1] else sp.Integer(1) for k in members]
        # D^2 M is rational and similar to D M D (D = diag(n)), so its characteristic polynomial is the block's
        rows = tuple(tuple(d2[r] * entries.get((members[r], members[c]), 0) for c in range(len(members)))
                     for r in range(len(members)))
        if rows not in seen:  # the many states i != j give identical 1x1 blocks
            seen.add(rows)
            polys.append(sp.Poly(y - rows[0][0], y) if len(rows) == 1 else sp.Poly(sp.Matrix(rows).charpoly(y).as_expr(), y))
    return polys


@cache
def _poly_roots(poly: sp.Poly) -> tuple[sp.Expr, ...]:
    out: list[sp.Expr] = []
    for factor, _ in sp.factor_list(poly)[1]:
        found = sp.roots(factor, multiple=True)
        if len(found) != factor.degree():
            raise ArithmeticError(f"could not solve {factor}")
        out += found
    return tuple(out)


def largest_eigenvalue(polys: list[sp.Poly]) -> tuple[sp.Expr, list[sp.Expr]]:
    """(max |y| over all roots, the distinct roots), roots found exactly from the factors over Q."""
    roots: set[sp.Expr] = set()
    for poly in set(polys):  # many blocks repeat (the states i != j): solve each polynomial once
        roots |= set(_poly_roots(poly))
    values = {r: float(r) for r in roots}
    distinct = sorted(roots, key=values.get)
    top = max(distinct, key=lambda r: abs(values[r]))
    return (top if values[top] > 0 else -top), distinct


@cache
def bound(model: str, n: int, m: int, r2, r3) -> tuple[sp.Expr, tuple[sp.Expr, ...]]:
    """(lambda_max, the eigenvalues of 16 pi a_0 / lambda) for a model with the couplings' ratios fixed."""
    phi = sp.symbols(f"p0:{n}", real=True)
    chi = sp.symbols(f"c0:{m}", real=True) if m else ()
    fields = tuple(phi) + tuple(chi)
    # polynomial arithmetic (sp.Poly) instead of expanding expressions in up to 14 variables
    p2 = sp.Poly(sum(x**2 for x in phi), *fields)
    c2 = sp.Poly(sum(x**2 for x in chi), *fields) if m else sp.Poly(0, *fields)
    if model == "anisotropic":
        pot = p2**2 / 4 + sp.Poly(sum(x**4 for x in phi), *fields) * (r2 / 4)
    elif model == "two_multiplets":
        pot = p2**2 / 4 + c2**2 * (r2 / 4) + p2 * c2 * (r3 / 2)
    else:  # Higgs doublet H (4 real components, H^dag H = p2/2) plus m real singlets
        hh = p2 / 2
        pot = hh**2 + c2**2 * (r2 / 4) + hh * c2 * (r3 / 2)
    tensor = coupling_tensor(pot, fields)  # in units of lambda
    top, roots = largest_eigenvalue(s_wave_blocks(tensor, n + m))
    # |y| lambda / (16 pi) <= 1/2
    return sp.together(8 * sp.pi / top), tuple(roots)


def _graduate(rng, pos, config):
    n = 1 + min(config.max_n - 1, int(pos * config.max_n) + rng.randint(0, 1))
    r = pick(rng, RATIOS[1:] if n == 1 else RATIOS)  # kappa = r lambda; r > -1 keeps V bounded below
    value, roots = bound("anisotropic", n, 0, r, 0)
    kappa_tex = "" if r == 0 else (rf" + \frac{{\kappa}}{{4}}\sum_{{i=1}}^{{{n}}}\phi_i^4" if n > 1 else r" + \frac{\kappa}{4}\phi_1^4")
    field = rf"$N = {n}$ real scalars $\phi_i$" if n > 1 else r"one real scalar $\phi_1$"
    setup = (rf"Consider {field} with quartic potential $$V = \frac{{\lambda}}{{4}}\Big(\sum_{{i=1}}^{{{n}}}\phi_i^2\Big)^2{kappa_tex}$$"
             + (rf" where $\kappa = {tex(r)}\,\lambda$." if r != 0 else "."))
    ask_ = r"Find the largest $\lambda > 0$ allowed by tree-level perturbative unitarity. Give the exact value in `\boxed{}`."
    params = {"model": "anisotropic", "N": n, "r": str(r)}
    return setup, ask_, value, roots, params, []


def _advanced(rng, pos, config):
    n = rng.randint(1, 2 + round(pos * (config.max_n - 2)))
    m = rng.randint(1, 2 + round(pos * (config.max_n - 2)))
    r2 = pick(rng, tuple(x for x in RATIOS if x > 0))
    # bounded below: lambda_3 > -sqrt(lambda_1 lambda_2)
    r3 = pick(rng, tuple(x for x in RATIOS if x != 0 and float(x) > -float(r2) ** 0.5))
    value, roots = bound("two_multiplets", n, m, r2, r3)
    setup = (rf"Two multiplets of real scalars, $N = {n}$ fields $\phi_i$ and $M = {m}$ fields $\chi_a$ "
             r"($\phi\cdot\phi = \sum_i\phi_i^2$, $\chi\cdot\chi = \sum_a\chi_a^2$), interact through "
             r"$$V = \frac{\lambda_1}{4}(\phi\cdot\phi)^2 + \frac{\lambda_2}{4}(\chi\cdot\chi)^2 + \frac{\lambda_3}{2}"
             rf"(\phi\cdot\phi)(\chi\cdot\chi)$$ with $\lambda_1 = \lambda$, $\lambda_2 = {tex(r2)}\,\lambda$ and "
             rf"$\lambda_3 = {tex(r3)}\,\lambda$.")
    ask_ = r"Find the largest $\lambda > 0$ allowed by tree-level perturbative unitarity. Give the exact value in `\boxed{}`."
    params = {"model": "two_multiplets", "N": n, "M": m, "r2": str(r2), "r3": str(r3)}
    return setup, ask_, value, roots, params, []


def _postgraduate(rng, pos):
    m = 0 if rng.random() < 0.12 else rng.randint(1, 2 + round(pos * 3))
    r2 = pick(rng, tuple(x for x in RATIOS if x > 0)) if m else sp.Integer(0)
    r3 = pick(rng, tuple(x for x in RATIOS if x != 0 and float(x) > -2 * float(r2) ** 0.5)) if m else sp.Integer(0)
    lam_max, roots = bound("higgs", 4, m, r2, r3)
    # m_H^2 = 2 lambda v^2 with v^2 = 1/(sqrt2 G_F)
    value = sp.sqrt(2) * lam_max / G_F
    singlets = "" if not m else (
        rf" together with {m} real gauge-singlet scalar{'s' if m > 1 else ''} $S_a$ (no vacuum expectation value) and "
        r"$$V \supset \frac{\lambda_S}{4}(S\cdot S)^2 + \frac{\kappa}{2}(H^\dagger H)(S\cdot S),$$ with "
        rf"$\lambda_S = {tex(r2)}\,\lambda$ and $\kappa = {tex(r3)}\,\lambda$")
    setup = (r"The Standard-Model Higgs doublet $H$ has $V = \lambda\big(H^\dagger H - \tfrac{v^2}{2}\big)^2$, so "
             r"$m_H^2 = 2\lambda v^2$ with $v^2 = 1/(\sqrt2 G_F)$" + singlets + ". By the Goldstone-boson equivalence "
             r"theorem, the high-energy scattering of longitudinal $W^\pm$, $Z$ and $h$ equals that of the four real "
             r"components of $H$.")
    ask_ = (r"Find the largest $m_H^2$ allowed by tree-level perturbative unitarity. Give it in terms of $G_F$, as a single "
            r"expression in `\boxed{}`.")
    params = {"model": "higgs", "M": m, "r2": str(r2), "r3": str(r3)}
    return setup, ask_, value, roots, params, ["G_F"]


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d, pos = knob_and_position(config, level, rng)
    if level == "graduate":
        setup, ask_, value, roots, params, syms = _graduate(rng, pos, config)
    elif level == "advanced-graduate":
        setup, ask_, value, roots, params, syms = _advanced(rng, pos, config)
    else:
        setup, ask_, value, roots, params, syms = _postgraduate(rng, pos)
    answer = tex(value)
    eig = ", ".join(tex(r) for r in roots)
    steps = [r"Tree amplitudes: $\mathcal M(ij\to kl) = -\lambda_{ijkl}$ with $\lambda_{ijkl} = \partial^4V/\partial\phi_i\partial\phi_j"
             r"\partial\phi_k\partial\phi_l$ (angle independent), so $a_0 = -\lambda_{ijkl}\,n_{ij}n_{kl}/(16\pi)$ with "
             r"$n_{ii} = 1/\sqrt2$, $n_{ij} = 1$ ($i \ne j$).",
             r"States $|ij\rangle$ with $i \ne j$ mix only with themselves (or their partners under the symmetry); the states "
             r"$|ii\rangle$ form the coupled block containing the singlet channel(s).",
             rf"The distinct eigenvalues of $16\pi a_0/\lambda$ are ${eig}$.",
             r"The largest $|a_0|$ must not exceed $\frac12$: $\lambda\,\max|y|/(16\pi) \le \frac12$."]
    if params["model"] == "higgs":
        steps.append(r"With $H^\dagger H = \tfrac12\sum_{i=1}^4\phi_i^2$ and $m_H^2 = 2\lambda v^2 = \sqrt2\lambda/G_F$ the bound reads "
                     rf"$m_H^2 \le {answer}$.")
    else:
        steps.append(rf"Hence $\lambda \le {answer}$.")
    return finish([conventions(UNITS, METRIC, STATES), setup, UNITARITY, ask_], steps, value, params, syms, d,
                  answer=answer)


register(Family(
    name=NAME, category=CATEGORY, levels=LEVELS,
    description="Tree-level partial-wave unitarity of quartic scalar couplings from the coupled-channel s-wave matrix "
                "(O(N) with anisotropy, O(N)xO(M) portal, SM Higgs + singlets -> m_H bound in 1/G_F).",
    generate=generate, config=Config(), version=1,
    reference="Lee, Quigg & Thacker PRD 16 (1977) 1519; Marciano, Valencia & Willenbrock PRD 40 (1989) 1725",
))
