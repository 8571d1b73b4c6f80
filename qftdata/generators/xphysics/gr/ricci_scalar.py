r"""Ricci scalar of 2D and 3D Riemannian metrics, from Christoffel symbols through the Riemann tensor.

$\Gamma^\lambda_{\mu\nu} = \tfrac12 g^{\lambda\sigma}(\partial_\mu g_{\nu\sigma} + \partial_\nu g_{\mu\sigma} -
\partial_\sigma g_{\mu\nu})$, $R^\rho{}_{\sigma\mu\nu} = \partial_\mu\Gamma^\rho_{\nu\sigma} - \partial_\nu\Gamma^\rho_{\mu\sigma}
+ \Gamma^\rho_{\mu\lambda}\Gamma^\lambda_{\nu\sigma} - \Gamma^\rho_{\nu\lambda}\Gamma^\lambda_{\mu\sigma}$,
$R_{\mu\nu} = R^\lambda{}_{\mu\lambda\nu}$, $R = g^{\mu\nu}R_{\mu\nu}$ (Carroll, *Spacetime and Geometry*, eqs. 3.27,
3.113, 3.144, 3.145). The chain is run once per metric *shape* with an undetermined function (the warp
factor $f(r)$, the radial factor $h(r)$, the conformal factor $\phi(x, y)$), and the problem's function is
substituted into that result: the same computation, done once instead of once per problem.

Levels (docs/generators.md rubric): a warped 2D metric $dr^2 + f^2d\theta^2$ (one curvature formula); a
radial 2D metric $h\,dr^2 + r^2d\theta^2$; a conformally flat 2D metric (two coordinates, a Laplacian);
a warped 3D metric $dr^2 + f^2d\Omega^2$ (three coordinates, several Riemann components). The knob scales
the size of the rational parameters of the functions.

Cross-checked in the tests against $R = -2f''/f$ for $dr^2 + f(r)^2d\theta^2$, the conformally-flat
formula $R = -2e^{-2\phi}\nabla^2\phi$ (Carroll Appendix D / Wald eq. D.9) and
$R = -4f''/f + 2(1 - f'^2)/f^2$ for $dr^2 + f(r)^2 d\Omega^2$, and known spaces ($S^2$, $H^2$, $S^3$).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import ask_in, conventions, make_draft, tex

NAME = "xphysics.gr.ricci_scalar"
r, a = sp.symbols("r a", positive=True)
x, y = sp.symbols("x y", real=True)
theta, phi = sp.symbols("theta phi", real=True)
_f = sp.Function("f")
_h = sp.Function("h")
_p = sp.Function("p")
COORDS = {"warped2": (r, theta), "radial2": (r, theta), "conformal2": (x, y), "warped3": (r, theta, phi)}


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_numerator: int = 9

    def validate(self) -> None:
        if self.max_numerator < 3:
            raise ValueError("max_numerator must be >= 3")


def metric(kind: str, fn) -> sp.Matrix:
    """The metric components of `kind` with warp/radial/conformal function `fn`."""
    if kind == "warped2":
        return sp.diag(1, fn**2)
    if kind == "radial2":
        return sp.diag(fn, r**2)
    if kind == "conformal2":
        return sp.diag(sp.exp(2 * fn), sp.exp(2 * fn))
    if kind == "warped3":
        return sp.diag(1, fn**2, fn**2 * sp.sin(theta) ** 2)
    raise ValueError(kind)


def christoffel(g: sp.Matrix, coords, simplify=sp.simplify) -> list:
    n = len(coords)
    ginv = sp.diag(*[1 / g[i, i] for i in range(n)]) if g.is_diagonal() else g.inv()
    return [[[simplify(sum(ginv[lam, s] * (sp.diff(g[nu, s], coords[mu]) + sp.diff(g[mu, s], coords[nu])
                                           - sp.diff(g[mu, nu], coords[s])) for s in range(n)) / 2)
              for nu in range(n)] for mu in range(n)] for lam in range(n)]


def ricci_scalar_of(g: sp.Matrix, coords) -> sp.Expr:
    """R of the metric g in `coords` by the Christoffel -> Riemann -> Ricci -> trace chain."""
    n = len(coords)
    G = christoffel(g, coords)
    ginv = sp.diag(*[1 / g[i, i] for i in range(n)]) if g.is_diagonal() else g.inv()

    def riemann(rho, sig, mu, nu):
        val = sp.diff(G[rho][nu][sig], coords[mu]) - sp.diff(G[rho][mu][sig], coords[nu])
        val += sum(G[rho][mu][lam] * G[lam][nu][sig] - G[rho][nu][lam] * G[lam][mu][sig] for lam in range(n))
        return val

    ricci = sp.Matrix(n, n, lambda m, v: sum(riemann(lam, m, lam, v) for lam in range(n)))
    return sp.simplify(sum(ginv[m, v] * ricci[m, v] for m in range(n) for v in range(n)))


def _generic_function(kind: str):
    return {"warped2": _f(r), "warped3": _f(r), "radial2": _h(r), "conformal2": _p(x, y)}[kind]


@lru_cache(maxsize=8)
def general_christoffels(kind: str) -> tuple[str, ...]:
    """The non-zero Christoffel symbols of `kind` with its undetermined function, as LaTeX (for the solution)."""
    coords = COORDS[kind]
    fn = _generic_function(kind)
    G = christoffel(metric(kind, fn), coords)
    names = [sp.latex(c) for c in coords]
    n = len(coords)
    short = {fn.diff(v): sp.Symbol(f"{fn.func.__name__}_{{{v}}}" if kind == "conformal2" else f"{fn.func.__name__}'")
             for v in fn.args}
    short[fn] = sp.Symbol(fn.func.__name__)
    return tuple(f"\\Gamma^{{{names[lam]}}}_{{{names[m]}{names[v]}}} = {sp.latex(G[lam][m][v].subs(short))}"
                 for lam in range(n) for m in range(n) for v in range(m, n) if G[lam][m][v] != 0)


@lru_cache(maxsize=8)
def general_ricci(kind: str) -> sp.Expr:
    """R of `kind` with an undetermined function (f(r), h(r) or p(x, y)), computed once."""
    return ricci_scalar_of(metric(kind, _generic_function(kind)), COORDS[kind])


_EVEN_POWER_RULES = (
    (sp.cos, lambda u: 1 - sp.sin(u) ** 2),   # cos^2 = 1 - sin^2
    (sp.cosh, lambda u: 1 + sp.sinh(u) ** 2),  # cosh^2 = 1 + sinh^2
)


def _tidy(expr: sp.Expr) -> sp.Expr:
    """A reduced form of R: even powers of cos and cosh are written through sin and sinh (so that, e.g., R of
    dr^2 + a^2 cosh^2(3r/a) dtheta^2 reduces to -18/a^2), then the rational function is cancelled and factored.
    Cheap where `simplify` is not (this runs for every problem)."""
    expr = sp.powsimp(sp.expand(expr))
    for func, rule in _EVEN_POWER_RULES:
        expr = expr.replace(lambda e, func=func: e.is_Pow and isinstance(e.base, func) and e.exp.is_even,
                            lambda e, rule=rule: sp.expand(rule(e.base.args[0]) ** (e.exp / 2)))
    return sp.factor(sp.cancel(sp.expand(expr)))


@lru_cache(maxsize=4096)
def ricci_scalar(kind: str, spec: str) -> sp.Expr:
    """kind 'warped2' (dr^2 + f^2 dtheta^2), 'conformal2' (e^{2 phi}(dx^2+dy^2)), 'warped3'
    (dr^2 + f^2 dOmega^2), 'radial2' (h(r) dr^2 + r^2 dtheta^2); spec is the sympy string of f, phi or h."""
    fn = sp.sympify(spec, locals={"r": r, "a": a, "x": x, "y": y})  # trusted: generator-internal values, never model text
    generic = general_ricci(kind)
    target = {"warped2": _f, "warped3": _f, "radial2": _h, "conformal2": _p}[kind]
    args = (x, y) if kind == "conformal2" else (r,)
    value = generic.subs(target(*args), fn).doit()
    return _tidy(value)


def _q(rng: random.Random, top: int) -> sp.Rational:
    """A positive rational parameter p/q, p <= top, q <= 4 (the knob raises `top`)."""
    return sp.Rational(rng.randint(1, top), rng.randint(1, 4))


def _warp(rng: random.Random, top: int) -> sp.Expr:
    c, k = _q(rng, top), _q(rng, top)
    p = sp.Rational(rng.randint(2, top + 2), rng.randint(1, 3))
    return rng.choice([
        r**p * a ** (1 - p),
        a * sp.sin(c * r / a) / c,
        a * sp.sinh(c * r / a) / c,
        r + k * r**2 / a,
        r * sp.exp(-c * r / a),
        a * sp.cosh(c * r / a),
        r * (1 + r / (k * a)) ** 2,
    ])


def _function(kind: str, rng: random.Random, top: int) -> sp.Expr:
    if kind in ("warped2", "warped3"):
        return _warp(rng, top)
    k = _q(rng, top)
    if kind == "radial2":
        return rng.choice([1 / (1 - k * r**2 / a**2), 1 / (1 + k * r**2 / a**2), 1 + k * r**2 / a**2,
                           (1 + r / (k * a)) ** 2, 1 + k * r / a])
    c1, c2 = rng.randint(1, top), rng.randint(1, top)
    return rng.choice([-sp.log(1 + (x**2 + y**2) / (k * a**2)), (c1 * x**2 + c2 * y**2) / a**2,
                       -sp.log(y / a) * k, c1 * x**2 / a**2 + c2 * y / a, sp.log(1 + k * x**2 / a**2) / 2])


LEVEL_KIND = {"advanced-undergraduate": "warped2", "graduate": "radial2", "advanced-graduate": "conformal2",
              "postgraduate": "warped3"}


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    top = scale(band_position(d, level), 3, config.max_numerator)
    kind = LEVEL_KIND[level]
    fn = _function(kind, rng, top)
    value = ricci_scalar(kind, str(fn))
    while value == 0:  # a flat metric in disguise: draw another function
        fn = _function(kind, rng, top)
        value = ricci_scalar(kind, str(fn))
    if kind == "warped2":
        metric_tex, coords, syms = f"ds^2 = dr^2 + \\left({tex(fn)}\\right)^2 d\\theta^2", r"$(r, \theta)$", [r, a]
    elif kind == "radial2":
        metric_tex, coords, syms = f"ds^2 = {tex(fn)}\\, dr^2 + r^2 d\\theta^2", r"$(r, \theta)$", [r, a]
    elif kind == "conformal2":
        metric_tex, coords, syms = (f"ds^2 = e^{{2\\phi(x, y)}}\\left(dx^2 + dy^2\\right),\\quad \\phi = {tex(fn)}",
                                    r"$(x, y)$", [x, y, a])
    else:
        metric_tex, coords, syms = (f"ds^2 = dr^2 + \\left({tex(fn)}\\right)^2\\left(d\\theta^2 + "
                                    f"\\sin^2\\theta\\,d\\phi^2\\right)", r"$(r, \theta, \phi)$", [r, a])
    syms = [s for s in syms if s in value.free_symbols] or [a]
    problem = (
        f"Consider the Riemannian metric $${metric_tex}$$ in coordinates {coords}, on a region where it is regular "
        f"and positive definite; $a > 0$ is a constant length.\n\n"
        + conventions(r"Christoffel symbols $\Gamma^\lambda_{\mu\nu} = \tfrac12 g^{\lambda\sigma}(\partial_\mu g_{\nu\sigma} "
                      r"+ \partial_\nu g_{\mu\sigma} - \partial_\sigma g_{\mu\nu})$; Riemann tensor "
                      r"$R^\rho{}_{\sigma\mu\nu} = \partial_\mu\Gamma^\rho_{\nu\sigma} - \partial_\nu\Gamma^\rho_{\mu\sigma} + "
                      r"\Gamma^\rho_{\mu\lambda}\Gamma^\lambda_{\nu\sigma} - \Gamma^\rho_{\nu\lambda}\Gamma^\lambda_{\mu\sigma}$; "
                      r"$R_{\mu\nu} = R^\lambda{}_{\mu\lambda\nu}$; $R = g^{\mu\nu}R_{\mu\nu}$ (so a round sphere has $R > 0$).")
        + "\n\nCompute the Ricci scalar $R$. " + ask_in("$R$", syms)
    )
    g = metric(kind, fn)
    generic = _generic_function(kind)
    name = {"warped2": "f(r)", "warped3": "f(r)", "radial2": "h(r)", "conformal2": "p(x, y)"}[kind]
    if kind == "conformal2":
        derivs = f"$p_{{x}} = {tex(sp.diff(fn, x))}$, $p_{{y}} = {tex(sp.diff(fn, y))}$"
    else:
        g1 = generic.func.__name__
        derivs = f"${g1}' = {tex(sp.diff(fn, r))}$, ${g1}'' = {tex(sp.diff(fn, r, 2))}$"
    steps = [
        f"The metric components are $g_{{\\mu\\nu}} = {tex(g)}$; write them through ${name} = {tex(fn)}$"
        + (" (the conformal factor $\\phi$)" if kind == "conformal2" else "") + f", with {derivs}.",
        "The non-zero Christoffel symbols (up to the symmetry in the lower indices) are $"
        + "$, $".join(general_christoffels(kind)) + "$.",
        r"Build $R^\rho{}_{\sigma\mu\nu}$ from them, contract to $R_{\mu\nu} = R^\lambda{}_{\mu\lambda\nu}$, and trace "
        r"with $g^{\mu\nu}$. Simplifying:",
    ]
    params = {"kind": kind, "spec": str(fn)}
    assumptions = {s.name: "real" for s in syms if s in (x, y)}
    return make_draft(problem=problem, expr=value, steps=steps, params=params, symbols=syms, assumptions=assumptions,
                      difficulty=d)


register(Family(
    name=NAME, category="General Relativity and Cosmology",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Ricci scalar of warped, radial, conformally flat 2D and warped 3D metrics via Christoffels/Riemann.",
    generate=generate, config=Config(), version=3,  # 3: knob, one metric shape per level, rational parameters
    reference="Carroll, Spacetime and Geometry, eqs. 3.27, 3.113, 3.144-3.145; Wald eq. D.9",
))
