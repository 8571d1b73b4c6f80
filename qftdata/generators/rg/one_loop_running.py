r"""Running couplings: solve the one-loop renormalisation-group equation with sympy `dsolve` for a coupling
whose one-loop coefficient is computed from the field content (QED with charged fermions/scalars, SU(N)
gauge theory with quarks and other matter, or $\phi^4$), including scales derived from the solution (the
Landau pole, $\Lambda$) and matching across a quark-mass threshold.

$\mu\frac{d\alpha}{d\mu} = -\frac{b_0}{2\pi}\alpha^2 \Rightarrow \frac{1}{\alpha(\mu)} = \frac{1}{\alpha_0} + \frac{b_0}{2\pi}\ln\frac{\mu}{\mu_0}$.
Levels (rubric): advanced-undergraduate — one species (QED with copies of one charged Dirac fermion, or one real scalar with
$V = (\lambda/c)\phi^4$); graduate — several QED species, or SU(N) with $n_f$ quarks; advanced-graduate — SU(N) with
mixed matter ($b_0$ from the representations), or the scale where the coupling diverges (Landau pole, $\Lambda$);
postgraduate — running across a heavy-fermion threshold with continuous one-loop matching (two scales). The knob grows the
field content.
References: Peskin & Schroeder ch. 12 (one-loop solutions), (17.17) for $\alpha_s$ and (7.96) for QED;
Srednicki ch. 66 and ch. 73; one-loop threshold matching: Weinberg, PLB 91 (1980) 51.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import BETA, band_position, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.rg._matter import b0 as b0_of
from qftdata.generators.rg._matter import describe, random_matter, rep_name
from qftdata.generators.text import DIMREG, UNITS, conventions
from qftdata.schema import LEVELS

NAME = "rg.one_loop_running"
ALPHA0, LAM0, MU, MU0, MQ = sp.symbols("alpha_0 lambda_0 mu mu_0 m", positive=True)
T = sp.Symbol("t", real=True)  # t = ln(mu/mu0)
K = sp.Symbol("k", real=True)   # the one-loop coefficient, dX/dt = k X^2
X0 = sp.Symbol("X_0", positive=True)
CHARGES = (sp.Integer(1), sp.Integer(2), sp.Rational(1, 3), sp.Rational(2, 3), sp.Rational(4, 3), sp.Integer(3),
           sp.Rational(1, 2), sp.Rational(5, 3))
NORMS = (1, 2, 3, 4, 6, 8, 12, 16, 24, 48, 96)


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 8


@cache
def _general_solution() -> sp.Expr:
    """X(t) solving dX/dt = k X^2 with X(0) = X_0 (sympy dsolve once, with symbolic k)."""
    f = sp.Function("X")
    sol = sp.dsolve(sp.Eq(f(T).diff(T), K * f(T) ** 2), f(T), ics={f(0): X0})
    return sp.cancel(sp.together(sol.rhs))


def solve_running(coefficient: sp.Expr, initial: sp.Expr, t: sp.Expr | None = None) -> sp.Expr:
    """X as a function of t = ln(mu/mu0) (default), with dX/dt = coefficient X^2 and X(0) = initial."""
    t = sp.log(MU / MU0) if t is None else t
    return _general_solution().subs({K: coefficient, X0: initial}).subs(T, t)


def _qed(rng, n_species: int) -> tuple[sp.Expr, str, list[str], dict]:
    content = []
    while len(content) < n_species:
        item = (pick(rng, ("dirac", "scalar")) if n_species > 1 else "dirac", pick(rng, CHARGES))
        if item not in [c[:2] for c in content]:
            content.append((*item, rng.randint(1, 3)))
    content.sort()
    # beta(e) = e^3/(12 pi^2) * sum (Q^2 * (1 Dirac | 1/4 scalar)); d alpha/d ln mu = (2/3pi) alpha^2 * sum
    s = sum(n * q**2 * (1 if kind == "dirac" else sp.Rational(1, 4)) for kind, q, n in content)
    coeff = 2 * s / (3 * sp.pi)
    desc = ", ".join(f"{n} {'Dirac fermion' if kind == 'dirac' else 'complex scalar'}{'s' if n > 1 else ''} of "
                     f"charge ${tex(q)}$" for kind, q, n in content)
    setup = (rf"QED with the following massless charged fields (charges in units of $e$): {desc}. The "
             r"coupling $\alpha = e^2/4\pi$ has the value $\alpha_0$ at the scale $\mu_0$")
    steps = [r"One-loop QED: $\beta(e) = \frac{e^3}{12\pi^2}\sum_f Q_f^2$ per Dirac fermion, a quarter of that per "
             r"complex scalar (from the vacuum-polarisation pole, $\frac43 T$ vs $\frac13 T$ with $T \to Q^2$).",
             rf"Hence $\mu\frac{{d\alpha}}{{d\mu}} = \frac{{2\alpha^2}}{{3\pi}}\sum = {tex(coeff)}\,\alpha^2$."]
    return coeff, setup, steps, {"theory": "qed", "content": [[k, str(q), n] for k, q, n in content]}


def _qcd(rng, n: int, matter) -> tuple[sp.Expr, sp.Expr, str, list[str], dict]:
    b0, lines = b0_of(sp.Integer(n), matter)
    coeff = -b0 / (2 * sp.pi)
    setup = (rf"$SU({n})$ gauge theory with {describe(matter)}, all massless. The coupling $\alpha = g^2/4\pi$ has "
             r"the value $\alpha_0$ at the scale $\mu_0$")
    steps = lines + [rf"So $b_0 = {tex(b0)}$.",
                     r"From $\beta(g) = -\frac{g^3}{16\pi^2}b_0$: $\mu\frac{d\alpha}{d\mu} = \frac{g}{2\pi}\beta(g) = "
                     rf"-\frac{{b_0}}{{2\pi}}\alpha^2 = {tex(coeff)}\,\alpha^2$."]
    return coeff, b0, setup, steps, {"theory": "qcd", "N": n, "matter": [list(m) for m in matter]}


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    conv = conventions(UNITS, DIMREG, BETA)
    want, initial, var = "running", ALPHA0, r"\alpha(\mu)"
    domain: list[str] = []
    if level == "advanced-undergraduate" and rng.random() < 0.5:
        c = pick(rng, NORMS)
        # V = (lambda/c) phi^4 ; kappa = lambda/c with lambda_{1111} = 24 kappa: beta_kappa = 72 kappa^2/16pi^2
        coeff = sp.Integer(72) / (16 * sp.pi**2) / c
        frac = r"\lambda" if c == 1 else rf"\frac{{\lambda}}{{{c}}}"
        setup = (rf"a single real scalar with $V = {frac}\phi^4$ (massless). The coupling has the value "
                 r"$\lambda_0$ at the scale $\mu_0$")
        steps = [r"With $\lambda_{1111} = \partial^4V = 24\kappa$ ($\kappa$ the coefficient of $\phi^4$), the one-loop "
                 r"$s,t,u$ bubbles give $16\pi^2\cdot 24\,\beta_\kappa = 3\,(24\kappa)^2$, i.e. "
                 r"$\beta_\kappa = \frac{9\kappa^2}{2\pi^2}$.",
                 rf"With $\kappa = \lambda/{c}$: $\mu\frac{{d\lambda}}{{d\mu}} = {tex(coeff)}\,\lambda^2$."]
        initial, var = LAM0, r"\lambda(\mu)"
        params = {"theory": "phi4", "c": c}
    elif level == "advanced-undergraduate":
        coeff, setup, steps, params = _qed(rng, 1)
    elif level == "graduate":
        if rng.random() < 0.5:
            coeff, setup, steps, params = _qed(rng, 2 + (u > 0.5))
        else:
            n = rng.randint(2, 3 + round(u * (config.n_max - 3)))
            coeff, _, setup, steps, params = _qcd(rng, n, [("dirac", "fund", rng.randint(1, 6))])
    elif level == "advanced-graduate":
        n = rng.randint(2, 3 + round(u * (config.n_max - 3)))
        while True:
            matter = [("dirac", "fund", rng.randint(1, 6))] + random_matter(
                rng, 1 + (u > 0.5), kinds=("weyl", "cscalar", "rscalar"), max_copies=2)
            coeff, b0, setup, steps, params = _qcd(rng, n, matter)
            if b0 > 0:
                break
        want = pick(rng, ("running", "lambda_scale"))
    else:
        n = rng.randint(3, 3 + round(u * (config.n_max - 3)))
        while True:
            nl, heavy_rep, nh = rng.randint(1, 6), pick(rng, ("fund", "fund", "adj", "sym2")), rng.randint(1, 2)
            light, heavy = [("dirac", "fund", nl)], ("dirac", heavy_rep, nh)
            coeff_lo, b0_lo, _, lines_lo, _ = _qcd(rng, n, light)
            coeff, b0_hi, setup, lines_hi, params = _qcd(rng, n, sorted(light + [heavy]))
            if b0_hi > 0:
                break
        want = "threshold"
        params.update({"light": nl, "heavy": [heavy_rep, nh]})
        domain = ["mu_0 < m", "m < mu"]
    if want == "running":
        value = solve_running(coeff, initial)
        steps.append(r"Solve with $t = \ln(\mu/\mu_0)$ (sympy `dsolve`): $\frac{dX}{dt} = kX^2$, $X(0) = X_0$ gives "
                     rf"$X = \frac{{X_0}}{{1 - kX_0 t}}$; here ${var} = {tex(value)}$.")
        sym0, s0 = ("alpha_0", r"\alpha_0") if initial == ALPHA0 else ("lambda_0", r"\lambda_0")
        task = (rf"Solve the one-loop renormalisation-group equation for ${var}$ (ignore thresholds and higher loops). "
                rf"Give ${var}$ in terms of ${s0}$, $\mu$ and $\mu_0$, as a single expression in `\boxed{{}}`.")
        symbols = [sym0, "mu", "mu_0"]
    elif want == "lambda_scale":
        running = solve_running(coeff, ALPHA0)
        in_t = _general_solution().subs({K: coeff, X0: ALPHA0})  # a function of t = ln(mu/mu0)
        (t_star,) = sp.roots(sp.Poly(sp.denom(sp.together(in_t)), T))  # the denominator is linear in t
        value = MU0 * sp.exp(t_star)
        steps.append(rf"The one-loop solution is $\alpha(\mu) = {tex(running)}$ (sympy `dsolve`); its denominator vanishes "
                     rf"at $\mu = \Lambda = {tex(value)}$, below $\mu_0$ for an asymptotically free theory.")
        task = (r"The one-loop running coupling diverges at a scale $\Lambda$ (the Landau pole of the one-loop "
                r"solution, the theory's $\Lambda$ parameter in this scheme). Find $\Lambda$. Give it in terms of "
                r"$\alpha_0$ and $\mu_0$, as a single expression in `\boxed{}`.")
        symbols = ["alpha_0", "mu_0"]
    else:
        l1, l2 = sp.symbols("L_1 L_2")  # ln(m/mu0), ln(mu/m), kept as two logarithms of ratios
        alpha_m = solve_running(coeff_lo, ALPHA0, l1)
        value = sp.cancel(sp.together(solve_running(coeff, alpha_m, l2))).subs(
            {l1: sp.log(MQ / MU0), l2: sp.log(MU / MQ)})
        alpha_m = alpha_m.subs(l1, sp.log(MQ / MU0))
        heavy_txt = (f"{nh} heavy Dirac fermion{'s' if nh > 1 else ''} in the {rep_name(heavy_rep)} representation, "
                     "of mass $m$")
        steps = ([f"Below the threshold (the {nl} light quarks only): "] + lines_lo
                 + [rf"so $\alpha(m) = {tex(alpha_m)}$ (one-loop solution from $\mu_0$ to $m$)."]
                 + ["Above it (light and heavy fermions): "] + lines_hi
                 + [r"At one loop in $\overline{\rm MS}$ the coupling is continuous at $\mu = m$; running on from $\alpha(m)$ "
                    rf"gives $\alpha(\mu) = {tex(value)}$."])
        setup = (rf"$SU({n})$ gauge theory with {nl} massless Dirac quark{'s' if nl > 1 else ''} in the fundamental and "
                 rf"{heavy_txt}. The coupling $\alpha = g^2/4\pi$ has the value $\alpha_0$ at a scale $\mu_0 < m$")
        task = (r"Treat the heavy fermions as decoupled below $\mu = m$ and as massless above it, with $\alpha$ continuous "
                r"at $\mu = m$ (one-loop matching). Find $\alpha(\mu)$ for $\mu > m$ at one loop. Give it in terms of "
                r"$\alpha_0$, $\mu$, $\mu_0$ and $m$, as a single expression in `\boxed{}`.")
        symbols = ["alpha_0", "mu", "mu_0", "m"]
    answer = tex(value)
    params["want"] = want
    return Draft(problem=conv + f"\n\nConsider {setup}. {task}", answer=answer,
                 solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params=params, symbols=symbols, domain=domain, difficulty=d)


register(Family(name=NAME, category="Renormalization Group and Scaling", levels=LEVELS,
                description="Closed-form one-loop running of alpha (QED, SU(N)) or lambda (phi^4) via dsolve; Lambda "
                            "and threshold matching.",
                generate=generate, config=Config(),
                version=2,  # 2: difficulty knob; one kind per level; mixed matter, Lambda, threshold matching
                reference="Peskin & Schroeder (7.96) and (17.17); Srednicki chs. 66 and 73"))
