r"""Ricci scalar of a random 2D or 3D Riemannian metric, from Christoffel symbols through the Riemann tensor.

$\Gamma^\lambda_{\mu\nu} = \tfrac12 g^{\lambda\sigma}(\partial_\mu g_{\nu\sigma} + \partial_\nu g_{\mu\sigma} -
\partial_\sigma g_{\mu\nu})$, $R^\rho{}_{\sigma\mu\nu} = \partial_\mu\Gamma^\rho_{\nu\sigma} - \partial_\nu\Gamma^\rho_{\mu\sigma}
+ \Gamma^\rho_{\mu\lambda}\Gamma^\lambda_{\nu\sigma} - \Gamma^\rho_{\nu\lambda}\Gamma^\lambda_{\mu\sigma}$,
$R_{\mu\nu} = R^\lambda{}_{\mu\lambda\nu}$, $R = g^{\mu\nu}R_{\mu\nu}$ (Carroll, *Spacetime and Geometry*, eqs. 3.27,
3.113, 3.144, 3.145). Cross-checked in the tests against $R = -2f''/f$ for $dr^2 + f(r)^2d\theta^2$, the
conformally-flat formula $R = -2e^{-2\phi}\nabla^2\phi$ (Carroll Appendix D / Wald eq. D.9) and
$R = -4f''/f + 2(1 - f'^2)/f^2$ for $dr^2 + f(r)^2 d\Omega^2$.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import ask_in, conventions, make_draft, tex

NAME = "xphysics.gr.ricci_scalar"
r, a = sp.symbols("r a", positive=True)
x, y = sp.symbols("x y", real=True)
theta, phi = sp.symbols("theta phi", real=True)


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


def christoffel(g: sp.Matrix, coords) -> list:
    n = len(coords)
    ginv = sp.simplify(g.inv())
    return [[[sp.simplify(sum(ginv[lam, s] * (sp.diff(g[nu, s], coords[mu]) + sp.diff(g[mu, s], coords[nu])
                                              - sp.diff(g[mu, nu], coords[s])) for s in range(n)) / 2)
              for nu in range(n)] for mu in range(n)] for lam in range(n)]


def ricci_scalar_of(g: sp.Matrix, coords) -> sp.Expr:
    n = len(coords)
    G = christoffel(g, coords)
    ginv = sp.simplify(g.inv())

    def riemann(rho, sig, mu, nu):
        val = sp.diff(G[rho][nu][sig], coords[mu]) - sp.diff(G[rho][mu][sig], coords[nu])
        val += sum(G[rho][mu][lam] * G[lam][nu][sig] - G[rho][nu][lam] * G[lam][mu][sig] for lam in range(n))
        return val

    ricci = sp.Matrix(n, n, lambda m, v: sum(riemann(lam, m, lam, v) for lam in range(n)))
    return _simplest(sp.simplify(sum(ginv[m, v] * ricci[m, v] for m in range(n) for v in range(n))))


def _simplest(expr: sp.Expr) -> sp.Expr:
    """The shortest of a few equivalent forms: sympy's simplify leaves hyperbolic forms such as
    R of dr^2 + a^2 cosh^2(3r/a) dtheta^2 unreduced, while the exponential rewrite gives -18/a^2."""
    forms = [expr]
    if expr.has(sp.sinh, sp.cosh, sp.tanh, sp.sin, sp.cos, sp.tan):
        forms.append(sp.simplify(expr.rewrite(sp.exp)))
    return min(forms, key=sp.count_ops)  # min keeps the first of equally short forms


@lru_cache(maxsize=1024)
def ricci_scalar(kind: str, spec: str) -> sp.Expr:
    """kind 'warped2' (dr^2 + f^2 dtheta^2), 'conformal2' (e^{2 phi}(dx^2+dy^2)), 'warped3'
    (dr^2 + f^2 dOmega^2), 'radial2' (h(r) dr^2 + r^2 dtheta^2); spec is the sympy string of f, phi or h."""
    fn = sp.sympify(spec, locals={"r": r, "a": a, "x": x, "y": y})  # trusted: generator-internal values, never model text
    if kind == "warped2":
        return ricci_scalar_of(sp.diag(1, fn**2), (r, theta))
    if kind == "radial2":
        return ricci_scalar_of(sp.diag(fn, r**2), (r, theta))
    if kind == "conformal2":
        return ricci_scalar_of(sp.diag(sp.exp(2 * fn), sp.exp(2 * fn)), (x, y))
    if kind == "warped3":
        return ricci_scalar_of(sp.diag(1, fn**2, fn**2 * sp.sin(theta) ** 2), (r, theta, phi))
    raise ValueError(kind)


def _warped_f(rng: random.Random) -> sp.Expr:
    p = sp.Rational(rng.randint(1, 7), rng.randint(1, 4))
    c = rng.randint(1, 5)
    return rng.choice([
        r**p * a ** (1 - p),
        a * sp.sin(c * r / a),
        a * sp.sinh(c * r / a),
        r + r**2 / (c * a),
        r * sp.exp(-c * r / a),
        a * sp.cosh(c * r / a),
    ])


def generate(rng: random.Random, level: str, config: Config):
    if level == "advanced-undergraduate":
        kind, fn = "warped2", _warped_f(rng)
    elif level == "graduate":
        kind = rng.choice(["warped2", "radial2"])
        k = rng.randint(1, 6)
        fn = _warped_f(rng) if kind == "warped2" else rng.choice(
            [1 / (1 - k * r**2 / a**2), 1 / (1 + k * r**2 / a**2), 1 + k * r**2 / a**2, (1 + r / (k * a)) ** 2])
    elif level == "advanced-graduate":
        kind = "conformal2"
        c1, c2 = rng.randint(1, 4), rng.randint(1, 4)
        fn = rng.choice([-sp.log(1 + (x**2 + y**2) / (c1 * a**2)), c1 * x / a, (c1 * x**2 + c2 * y**2) / a**2,
                         -sp.log(y / a) * sp.Rational(c1, 2), c1 * x * y / a**2 + c2 * x / a])
    else:
        kind = "warped3"
        fn = _warped_f(rng)
    value = ricci_scalar(kind, str(fn))
    while value == 0:  # a flat metric in disguise (e.g. f = r): draw another warp factor
        fn = _warped_f(rng) if kind in ("warped2", "warped3") else fn + x**2 / a**2
        value = ricci_scalar(kind, str(fn))
    if kind == "warped2":
        metric, coords, syms = f"ds^2 = dr^2 + \\left({tex(fn)}\\right)^2 d\\theta^2", r"$(r, \theta)$", [r, a]
    elif kind == "radial2":
        metric, coords, syms = f"ds^2 = {tex(fn)}\\, dr^2 + r^2 d\\theta^2", r"$(r, \theta)$", [r, a]
    elif kind == "conformal2":
        metric, coords, syms = (f"ds^2 = e^{{2\\phi(x, y)}}\\left(dx^2 + dy^2\\right),\\quad \\phi = {tex(fn)}",
                                r"$(x, y)$", [x, y, a])
    else:
        metric, coords, syms = (f"ds^2 = dr^2 + \\left({tex(fn)}\\right)^2\\left(d\\theta^2 + \\sin^2\\theta\\,d\\phi^2\\right)",
                                r"$(r, \theta, \phi)$", [r, a])
    syms = [s for s in syms if s in value.free_symbols] or [a]
    problem = (
        f"Consider the Riemannian metric $${metric}$$ in coordinates {coords}, on a region where it is regular and "
        f"positive definite; $a > 0$ is a constant length.\n\n"
        + conventions(r"Christoffel symbols $\Gamma^\lambda_{\mu\nu} = \tfrac12 g^{\lambda\sigma}(\partial_\mu g_{\nu\sigma} "
                      r"+ \partial_\nu g_{\mu\sigma} - \partial_\sigma g_{\mu\nu})$; Riemann tensor "
                      r"$R^\rho{}_{\sigma\mu\nu} = \partial_\mu\Gamma^\rho_{\nu\sigma} - \partial_\nu\Gamma^\rho_{\mu\sigma} + "
                      r"\Gamma^\rho_{\mu\lambda}\Gamma^\lambda_{\nu\sigma} - \Gamma^\rho_{\nu\lambda}\Gamma^\lambda_{\mu\sigma}$; "
                      r"$R_{\mu\nu} = R^\lambda{}_{\mu\lambda\nu}$; $R = g^{\mu\nu}R_{\mu\nu}$ (so a round sphere has $R > 0$).")
        + "\n\nCompute the Ricci scalar $R$. " + ask_in("$R$", syms)
    )
    coords_t = {"warped2": (r, theta), "radial2": (r, theta), "conformal2": (x, y), "warped3": (r, theta, phi)}[kind]
    g = {"warped2": lambda: sp.diag(1, fn**2), "radial2": lambda: sp.diag(fn, r**2),
         "conformal2": lambda: sp.diag(sp.exp(2 * fn), sp.exp(2 * fn)),
         "warped3": lambda: sp.diag(1, fn**2, fn**2 * sp.sin(theta) ** 2)}[kind]()
    G = christoffel(g, coords_t)
    names = [sp.latex(c) for c in coords_t]
    nonzero = [f"\\Gamma^{{{names[lam]}}}_{{{names[m]}{names[v]}}} = {tex(G[lam][m][v])}"
               for lam in range(len(coords_t)) for m in range(len(coords_t)) for v in range(m, len(coords_t))
               if G[lam][m][v] != 0]
    steps = [
        f"The metric components are $g_{{\\mu\\nu}} = {tex(g)}$.",
        "The non-zero Christoffel symbols (up to the symmetry in the lower indices) are $"
        + "$, $".join(nonzero) + "$.",
        r"Build $R^\rho{}_{\sigma\mu\nu}$ from them, contract to $R_{\mu\nu} = R^\lambda{}_{\mu\lambda\nu}$, and trace "
        r"with $g^{\mu\nu}$. Simplifying:",
    ]
    params = {"kind": kind, "spec": str(fn)}
    assumptions = {s.name: "real" for s in syms if s in (x, y)}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=syms, assumptions=assumptions)


register(Family(
    name=NAME, category="General Relativity and Cosmology",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Ricci scalar of warped, radial, conformally flat 2D and warped 3D metrics via Christoffels/Riemann.",
    generate=generate, config=Config(), version=2,  # 2: hyperbolic golds reduced (e.g. -18/a^2)
    reference="Carroll, Spacetime and Geometry, eqs. 3.27, 3.113, 3.144-3.145; Wald eq. D.9",
))
