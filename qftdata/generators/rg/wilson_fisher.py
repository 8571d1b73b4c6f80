r"""Critical exponents and scaling dimensions at the O(N) Wilson–Fisher fixed point in $d = 4 - \epsilon$, from
the one-loop beta function, the one-loop dilatation operator on composite operators, the two-loop field
anomalous dimension, and the cubic-anisotropic deformation — every coefficient computed by tensor contraction
(`rg._quartic`).

$1/\nu = 2 - \frac{N+2}{N+8}\epsilon$, $\Delta_{\phi^2} = 2 - \frac{6}{N+8}\epsilon$,
$\Delta_{T} = 2 - \frac{N+6}{N+8}\epsilon$, $\eta = \frac{N+2}{2(N+8)^2}\epsilon^2$ (all to the order given);
rank-$\ell$ traceless operators $\gamma = \frac{\ell(\ell-1)}{N+8}\epsilon$, singlets $(\phi^2)^k$:
$\gamma = \frac{k(N+6k-4)}{N+8}\epsilon$; the cubic perturbation at the O(N) point has slope $\frac{4-N}{N+8}\epsilon$.
The correction-to-scaling exponent of the O(N) point itself, $\omega = \epsilon + O(\epsilon^2)$, is not asked (one
answer for every N). Levels (rubric): graduate — $\nu$, $1/\nu$, $\gamma_{m^2}$, $\gamma_T$, $\Delta_{\phi^2}$ at numeric $N$;
advanced-graduate — exponents through scaling relations ($\gamma$, $\alpha$, $\beta$), composite
operators from the dilatation operator; postgraduate — $O(\epsilon^2)$ results from the two-loop sunset ($\eta$,
$\Delta_\phi$) and the stability of the O(N) and cubic fixed points under cubic anisotropy. Graduate and
advanced-graduate and the $O(\epsilon^2)$ problems may ask for the truncated series' value in
$d = 3$. The knob grows $N$ and the operator size.
References: Wilson & Fisher, PRL 28 (1972) 240; Wilson & Kogut, Phys. Rep. 12 (1974) 75; Kleinert &
Schulte-Frohlinde, *Critical Properties of phi^4 Theories* (2001) chs. 17-18; Aharony, PRB 8 (1973) 4270 (cubic).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.rg._quartic import (
    cubic_anisotropic,
    dilatation_eigenvalue,
    field_anomalous_two_loop,
    on_quartic,
)
from qftdata.generators.text import UNITS, conventions

NAME = "rg.wilson_fisher_exponents"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
EPS = sp.Symbol("epsilon", positive=True)
NSYM = sp.Symbol("N", positive=True, integer=True)
K = sp.Symbol("kappa", positive=True)
XC, YC = sp.symbols("x y")

WANTS = {
    "inv_nu": r"the inverse correlation-length exponent $1/\nu$",
    "nu": r"the correlation-length exponent $\nu$",
    "gamma_m": r"the anomalous dimension $\gamma_{m^2} = d\ln m^2/d\ln\mu$ of the mass term at the fixed point",
    "gamma_T": (r"the anomalous dimension $\gamma_T$ of a traceless symmetric mass term $t_{ab}\phi_a\phi_b$ "
                r"($\mu\,dt_{ab}/d\mu = \gamma_T t_{ab}$) at the fixed point"),
    "delta_phi2": r"the scaling dimension $\Delta_{\phi^2}$ of the singlet operator $\phi_a\phi_a$",
    "delta_T": (r"the scaling dimension $\Delta_T$ of the traceless symmetric operator "
                r"$\phi_a\phi_b - \frac{\delta_{ab}}{N}\phi_c\phi_c$"),
    "gamma": r"the susceptibility exponent $\gamma$ (from $\gamma = \nu(2 - \eta)$)",
    "alpha": r"the specific-heat exponent $\alpha$ (from hyperscaling, $\alpha = 2 - d\nu$)",
    "beta": r"the order-parameter exponent $\beta$ (from $\beta = \nu(d - 2 + \eta)/2$)",
    "delta_traceless": "the scaling dimension of the rank-{size} symmetric traceless operator "
                       r"$\phi_{{(a_1}}\cdots\phi_{{a_{size})}} - \text{{traces}}$",
    "delta_singlet": r"the scaling dimension of the singlet operator $(\phi_a\phi_a)^{{{size}}}$",
    "eta": r"the anomalous-dimension exponent $\eta$ to second order in $\epsilon$",
    "delta_phi": r"the scaling dimension $\Delta_\phi$ of the field to second order in $\epsilon$",
    "cubic_slope": (r"the stability exponent of a small cubic anisotropy $g\sum_a\phi_a^4$ at the O(N) fixed point, "
                    r"$\partial\beta_g/\partial g$ at $g = 0$ (negative: the O(N) fixed point is unstable)"),
    "cubic_omega": (r"the smaller eigenvalue of the stability matrix $\partial(\beta_\kappa, \beta_g)/\partial(\kappa, g)$ "
                    r"at the cubic fixed point (both couplings non-zero)"),
}
ORDER2 = ("eta", "delta_phi")


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 20
    singlet_n_max: int = 5  # (phi^2)^k is built with explicit polynomials in N fields
    cubic_n_max: int = 12   # the cubic model is contracted on explicit N^4 tensors


def _first_order(expr: sp.Expr) -> sp.Expr:
    """The Taylor polynomial of `expr` to first order in epsilon (value and derivative at 0)."""
    return sp.expand(expr.subs(EPS, 0) + sp.diff(expr, EPS).subs(EPS, 0) * EPS)


@cache
def _fixed_point(N):
    """kappa_*, and the exponents of the O(N) point that need only the one-loop beta function and the mass
    operators (plus the two-loop field anomalous dimension for eta)."""
    b, g_s, g_t = on_quartic(N)
    # d = 4 - eps: beta_kappa = -eps kappa + b kappa^2/(16 pi^2)
    beta = -EPS * K + b * K**2 / (16 * sp.pi**2)
    kstar = [s for s in sp.roots(sp.Poly(sp.expand(beta / K), K)) if s != 0][0]  # beta/kappa is linear
    gm = sp.simplify(g_s * kstar / (16 * sp.pi**2))
    gt = sp.simplify(g_t * kstar / (16 * sp.pi**2))
    gphi = sp.expand(field_anomalous_two_loop(N) * kstar**2 / (16 * sp.pi**2) ** 2)  # O(eps^2)
    inv_nu = 2 - gm
    d = 4 - EPS
    nu = _first_order(1 / inv_nu)
    raw = {
        "inv_nu": inv_nu, "nu": nu, "gamma_m": gm, "gamma_T": gt, "delta_phi2": d - inv_nu, "delta_T": d - (2 - gt),
        "gamma": _first_order(nu * (2 - 2 * gphi)),
        "alpha": _first_order(2 - d * nu),
        "beta": _first_order(nu * (d - 2 + 2 * gphi) / 2),
        "eta": 2 * gphi, "delta_phi": (d - 2) / 2 + gphi,
    }
    values = {k: sp.collect(sp.expand(v), EPS, sp.factor) for k, v in raw.items()}
    return b, g_s, g_t, kstar, gm, gt, gphi, values


@cache
def _cubic(N: int) -> tuple[sp.Expr, sp.Expr]:
    """(slope of beta_g in g at the O(N) point, smaller stability eigenvalue at the cubic point), d = 4 - eps, for
    V = x (phi.phi)^2 + y sum phi^4 with the one-loop betas of `cubic_anisotropic`."""
    bx, by = cubic_anisotropic(N)
    if bx[(0, 2)] or by[(2, 0)]:
        raise ArithmeticError("unexpected y^2 term in beta_x or x^2 term in beta_y")
    beta_x = -EPS * XC + sum(c * XC**i * YC**j for (i, j), c in bx.items()) / (16 * sp.pi**2)
    beta_y = -EPS * YC + sum(c * XC**i * YC**j for (i, j), c in by.items()) / (16 * sp.pi**2)
    jac = sp.Matrix([[sp.diff(beta_x, XC), sp.diff(beta_x, YC)], [sp.diff(beta_y, XC), sp.diff(beta_y, YC)]])
    xstar = 16 * sp.pi**2 * EPS / bx[(2, 0)]  # beta_x(x, 0) = 0, x != 0
    slope = sp.factor(jac[1, 1].subs({XC: xstar, YC: 0}))
    # both couplings non-zero: beta_x/x = beta_y/y = 0 is a linear system in (x, y)
    sol = sp.Matrix([[bx[(2, 0)], bx[(1, 1)]], [by[(1, 1)], by[(0, 2)]]]).LUsolve(sp.Matrix([16 * sp.pi**2 * EPS] * 2))
    eig = [sp.factor(e) for e in jac.subs({XC: sol[0], YC: sol[1]}).eigenvals()]
    return slope, min(eig, key=lambda e: float(e.subs(EPS, 1)))


def _draw(rng, level: str, u: float, config: Config) -> tuple[str, int | str, int, bool]:
    """(want, N or "N", operator size, d = 3 estimate?)."""
    n_top = 6 + round(u * (config.n_max - 6))
    if level == "graduate":
        want = pick(rng, ("inv_nu", "nu", "gamma_m", "gamma_T", "delta_phi2"))
        return want, rng.randint(2 if want == "gamma_T" else 1, n_top), 0, rng.random() < 0.5
    if level == "advanced-graduate":
        want = pick(rng, ("delta_T", "gamma", "alpha", "beta", "delta_traceless", "delta_traceless", "delta_singlet"))
        if want == "delta_traceless":
            return want, rng.randint(1, n_top), rng.randint(3, 3 + round(3 * u)), rng.random() < 0.4
        if want == "delta_singlet":
            return want, rng.randint(1, config.singlet_n_max), rng.randint(2, 2 + (u > 0.5)), rng.random() < 0.4
        n = "N" if rng.random() < 0.15 else rng.randint(2 if want == "delta_T" else 1, n_top)
        return want, n, 0, n != "N" and rng.random() < 0.4
    want = pick(rng, ("eta", "delta_phi", "cubic_slope", "cubic_omega"))
    if want in ORDER2:
        n = "N" if rng.random() < 0.15 else rng.randint(1, n_top)
        return want, n, 0, n != "N" and rng.random() < 0.4
    cubic_top = max(6, min(n_top, config.cubic_n_max))
    return want, pick(rng, [n for n in range(2, cubic_top + 1) if n != 4]), 0, rng.random() < 0.4


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    want, n_label, size, in_d3 = _draw(rng, level, band_position(d, level), config)
    symbolic = n_label == "N"
    N = NSYM if symbolic else sp.Integer(n_label)
    b, g_s, g_t, kstar, gm, gt, gphi, values = _fixed_point(N)
    steps = [r"One loop: $16\pi^2\beta_{abcd} = \lambda_{abef}\lambda_{efcd} + (2\ \text{perms})$ with "
             r"$\lambda_{abcd} = 8\kappa(\delta_{ab}\delta_{cd}+\delta_{ac}\delta_{bd}+\delta_{ad}\delta_{bc})$; the delta "
             rf"contractions give $\beta_\kappa = -\epsilon\kappa + \frac{{{tex(b)}\,\kappa^2}}{{16\pi^2}}$, so "
             rf"$\kappa_* = {tex(kstar)}$."]
    if want in ("delta_traceless", "delta_singlet"):
        c = dilatation_eigenvalue("traceless" if want == "delta_traceless" else "singlet", int(n_label), size)
        gamma_op = sp.factor(c * kstar / (16 * sp.pi**2))
        dim = size if want == "delta_traceless" else 2 * size
        value = sp.expand(dim * (1 - EPS / 2) + gamma_op)
        if want == "delta_singlet":
            rep = rf"$(\phi_a\phi_a)^{{{size}}}$"
        else:
            rep = rf"$(\phi_1 + i\phi_2)^{{{size}}}$" if int(n_label) >= 2 else rf"$\phi^{{{size}}}$"
        steps += [r"One-loop dilatation operator on composite operators without derivatives: "
                  r"$16\pi^2\,D\,\mathcal O = \tfrac12\lambda_{abcd}\phi_c\phi_d\,\partial_a\partial_b\mathcal O$ "
                  r"$= 4\kappa\big[(\phi\cdot\phi)\nabla^2\mathcal O + 2\phi_a\phi_b\partial_a\partial_b\mathcal O\big]$.",
                  rf"On the representative {rep} this gives $D\mathcal O = \frac{{{tex(c)}\,\kappa}}{{16\pi^2}}\mathcal O$, "
                  rf"so at $\kappa_*$: $\gamma_{{\mathcal O}} = {tex(gamma_op)}$.",
                  rf"Classical dimension ${dim}(1 - \epsilon/2)$ ($\Delta_\phi = 1 - \epsilon/2 + O(\epsilon^2)$), hence "
                  rf"$\Delta = {tex(value)}$."]
        what = (WANTS[want].format(size=size) if want == "delta_singlet" or int(n_label) >= 2 else
                rf"the scaling dimension of the operator $\phi^{{{size}}}$")
    elif want in ("cubic_slope", "cubic_omega"):
        slope, omega = _cubic(int(n_label))
        value = slope if want == "cubic_slope" else omega
        steps += [r"Add $g\sum_a\phi_a^4$: $\lambda_{abcd} = 8\kappa(\delta\delta + \delta\delta + \delta\delta) + 24g\,"
                  r"\delta_{abcd}$; contracting the three channels on explicit tensors and projecting on the two "
                  r"invariants gives one-loop $\beta_\kappa$, $\beta_g$ (each with $-\epsilon$ times the coupling).",
                  rf"At the O(N) point ($g = 0$, $\kappa = \kappa_*$): $\partial\beta_g/\partial g = {tex(slope)}$.",
                  rf"At the cubic point (both couplings non-zero) the stability matrix has smaller eigenvalue "
                  rf"${tex(omega)}$."]
        what = WANTS[want]
    else:
        value = values[want]
        steps += [r"Mass operators: $16\pi^2\,\mu\,dm^2_{ab}/d\mu = \lambda_{abef}m^2_{ef}$. For $m^2_{ef} = m^2\delta_{ef}$ "
                  rf"this is ${tex(g_s)}\kappa\, m^2\delta_{{ab}}$, for a traceless $t_{{ef}}$ it is $16\kappa\,t_{{ab}}$.",
                  rf"At $\kappa_*$: $\gamma_{{m^2}} = {tex(gm)}$, $\gamma_T = {tex(gt)}$. The thermal eigenvalue is "
                  rf"$1/\nu = 2 - \gamma_{{m^2}} = {tex(sp.factor(values['inv_nu']))}$, and $\Delta_{{\mathcal O}} = d - y_{{\mathcal O}}$ "
                  r"with $y = 2 - \gamma$ for the mass-type operators."]
        if want in ("gamma", "alpha", "beta", "eta", "delta_phi"):
            steps.append(r"Two loops: $(16\pi^2)^2\gamma_\phi\,\delta_{ab} = \tfrac{1}{12}\lambda_{acde}\lambda_{bcde}$ (the sunset) "
                         rf"$= {tex(field_anomalous_two_loop(N))}\kappa^2\delta_{{ab}}$, so at $\kappa_*$ "
                         rf"$\gamma_\phi = {tex(sp.factor(gphi))}$ and $\eta = 2\gamma_\phi$ starts at $O(\epsilon^2)$.")
        if want in ("nu", "gamma", "alpha", "beta"):
            steps.append(r"Expanding $\nu = 1/(1/\nu)$ and the scaling relation to first order in $\epsilon$.")
        what = WANTS[want]
    order = "second" if want in ORDER2 else "first"
    if in_d3:
        value = sp.expand(value.subs(EPS, 1))
        steps.append(rf"In $d = 3$ ($\epsilon = 1$) the {order}-order estimate is ${tex(value)}$.")
    n_txt = "N" if symbolic else str(n_label)
    task = (f"compute {what} to {order} order in $\\epsilon$, and evaluate this {order}-order result at $d = 3$ "
            "($\\epsilon = 1$). Give it as a single exact value in `\\boxed{}`." if in_d3 else
            f"compute {what}" + ("" if want in ORDER2 else f" to {order} order in $\\epsilon$") + ". Give it in terms of "
            "$\\epsilon$" + (" and $N$" if symbolic else "") + ", as a single expression in `\\boxed{}`.")
    cubic = want in ("cubic_slope", "cubic_omega")
    lagrangian = (r"$$\mathcal L = \tfrac12(\partial\phi_a)^2 - \tfrac12 m^2\phi_a\phi_a - \kappa\,\mu^{\epsilon}(\phi_a\phi_a)^2"
                  + (r" - g\,\mu^{\epsilon}\sum_a\phi_a^4" if cubic else "") + "$$")
    where = ("With both couplings running at one loop, " if cubic else
             "At the infrared-stable (Wilson–Fisher) fixed point of the O(N) coupling, ")
    problem = (conventions(UNITS, r"Here the dimension is $d = 4 - \epsilon$ (the standard convention of the "
                           r"$\epsilon$-expansion, differing from the $d = 4-2\epsilon$ used for loop integrals).")
               + (f"\n\nConsider ${n_txt}$ real scalars with the O({n_txt})-invariant quartic coupling $\\kappa$ and a cubic "
                  f"anisotropy $g$, " if cubic else f"\n\nConsider the $O({n_txt})$ model of ${n_txt}$ real scalars with ")
               + lagrangian + f" near $d = 4$. {where}{task}")
    answer = tex(value)
    symbols = [] if in_d3 else ["epsilon"] + (["N"] if symbolic else [])
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"N": n_label, "want": want, "size": size, "d3": in_d3}, symbols=symbols,
                 answer_type="numeric" if in_d3 else "expression", difficulty=d)


register(Family(name=NAME, category="Conformal, Supersymmetric, and Dual Structures", levels=LEVELS,
                description="O(N) Wilson-Fisher fixed point: nu, 1/nu, scaling relations, composite operators, eta to "
                            "O(eps^2), stability under cubic anisotropy.",
                generate=generate, config=Config(),
                version=2,  # 2: knob; no omega = eps; scaling relations, dilatation operator, eta, cubic; d = 3 values
                reference="Wilson & Kogut, Phys. Rep. 12 (1974) 75; Kleinert & Schulte-Frohlinde (2001) ch. 17"))
