r"""Running couplings: solve the one-loop renormalisation-group equation with sympy `dsolve` for a coupling
whose one-loop coefficient is computed from the field content (QED with charged fermions/scalars, SU(N)
with $n_f$ fundamental quarks, or $\phi^4$).

$\mu\frac{d\alpha}{d\mu} = -\frac{b_0}{2\pi}\alpha^2 \Rightarrow \frac{1}{\alpha(\mu)} = \frac{1}{\alpha_0} + \frac{b_0}{2\pi}\ln\frac{\mu}{\mu_0}$.
References: Peskin & Schroeder ch. 12 (one-loop solutions), (17.17) for $\alpha_s$ and (7.96) for QED;
Srednicki ch. 66 and ch. 73.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import BETA, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import DIMREG, UNITS, conventions
from qftdata.schema import LEVELS

NAME = "rg.one_loop_running"
ALPHA0, LAM0, MU, MU0 = sp.symbols("alpha_0 lambda_0 mu mu_0", positive=True)
T = sp.Symbol("t", real=True)  # t = ln(mu/mu0)
CHARGES = (sp.Integer(1), sp.Integer(2), sp.Rational(1, 3), sp.Rational(2, 3))


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 6


@cache
def solve_running(coefficient: sp.Expr, initial: sp.Symbol) -> sp.Expr:
    """Solve dX/dt = coefficient * X^2 with X(0) = initial (dsolve), return X as a function of mu/mu0."""
    f = sp.Function("X")
    sol = sp.dsolve(sp.Eq(f(T).diff(T), coefficient * f(T) ** 2), f(T), ics={f(0): initial})
    # keep ln(mu/mu0) as one logarithm: simplify in t first, then substitute
    return sp.cancel(sp.together(sol.rhs)).subs(T, sp.log(MU / MU0))


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    theory = ("phi4", "qed")[rng.randint(0, 1)] if li == 0 else pick(rng, ("qed", "qcd", "qcd", "phi4"))
    conv = conventions(UNITS, DIMREG, BETA)
    if theory == "qed":
        content = sorted({(pick(rng, ("dirac", "scalar")), pick(rng, CHARGES)) for _ in range(rng.randint(1, 3))})
        content = [(kind, q, rng.randint(1, 3)) for kind, q in content]
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
        initial, var = ALPHA0, r"\alpha(\mu)"
        params = {"theory": theory, "content": [[k, str(q), n] for k, q, n in content]}
    elif theory == "qcd":
        n = rng.randint(2, config.n_max)
        nf = rng.randint(1, 6)
        ca = lie.casimir(lie.adjoint(sp.Integer(n)))
        tf = lie.dynkin_index(lie.fundamental(sp.Integer(n)))
        b0 = sp.Rational(11, 3) * ca - sp.Rational(4, 3) * tf * nf
        coeff = -b0 / (2 * sp.pi)
        setup = (rf"$SU({n})$ gauge theory with $n_f = {nf}$ massless Dirac quarks in the fundamental. The coupling "
                 r"$\alpha = g^2/4\pi$ has the value $\alpha_0$ at the scale $\mu_0$")
        steps = [rf"$b_0 = \tfrac{{11}}{{3}}C_A - \tfrac43T_Fn_f = {tex(b0)}$ with $C_A = {tex(ca)}$, $T_F = {tex(tf)}$.",
                 r"From $\beta(g) = -\frac{g^3}{16\pi^2}b_0$: $\mu\frac{d\alpha}{d\mu} = \frac{g}{2\pi}\beta(g) = "
                 rf"-\frac{{b_0}}{{2\pi}}\alpha^2 = {tex(coeff)}\,\alpha^2$."]
        initial, var = ALPHA0, r"\alpha(\mu)"
        params = {"theory": theory, "N": n, "n_f": nf}
    else:
        c = pick(rng, (24, 4, 1))
        # V = (lambda/c) phi^4 ; kappa = lambda/c with lambda_{1111} = 24 kappa: beta_kappa = 72 kappa^2/16pi^2
        kappa_coeff = sp.Integer(72) / (16 * sp.pi**2)
        coeff = kappa_coeff / c
        frac = r"\lambda" if c == 1 else rf"\frac{{\lambda}}{{{c}}}"
        setup = (rf"a single real scalar with $V = {frac}\phi^4$ (massless). The coupling has the value "
                 r"$\lambda_0$ at the scale $\mu_0$")
        steps = [r"With $\lambda_{1111} = \partial^4V = 24\kappa$ ($\kappa$ the coefficient of $\phi^4$), the one-loop "
                 r"$s,t,u$ bubbles give $16\pi^2\cdot 24\,\beta_\kappa = 3\,(24\kappa)^2$, i.e. "
                 r"$\beta_\kappa = \frac{9\kappa^2}{2\pi^2}$.",
                 rf"With $\kappa = \lambda/{c}$: $\mu\frac{{d\lambda}}{{d\mu}} = {tex(coeff)}\,\lambda^2$."]
        initial, var = LAM0, r"\lambda(\mu)"
        params = {"theory": theory, "c": c}
    value = solve_running(coeff, initial)
    steps.append(r"Solve with $t = \ln(\mu/\mu_0)$ (sympy `dsolve`): $\frac{dX}{dt} = kX^2$, $X(0) = X_0$ gives "
                 rf"$X = \frac{{X_0}}{{1 - kX_0 t}}$; here ${var} = {tex(value)}$.")
    sym0 = "alpha_0" if initial == ALPHA0 else "lambda_0"
    s0 = r"\alpha_0" if initial == ALPHA0 else r"\lambda_0"
    problem = (conv + f"\n\nConsider {setup}. Solve the one-loop renormalisation-group equation for ${var}$ "
               rf"(ignore thresholds and higher loops). Give ${var}$ in terms of ${s0}$, $\mu$ and $\mu_0$, as a single "
               "expression in `\\boxed{}`.")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params=params, symbols=[sym0, "mu", "mu_0"])


register(Family(name=NAME, category="Renormalization Group and Scaling", levels=LEVELS,
                description="Closed-form one-loop running of alpha (QED, SU(N)) or lambda (phi^4) via dsolve.",
                generate=generate, config=Config(), version=1,
                reference="Peskin & Schroeder (7.96) and (17.17); Srednicki chs. 66 and 73"))
