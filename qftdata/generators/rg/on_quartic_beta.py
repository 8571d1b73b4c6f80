r"""One-loop beta function of the O(N) (or U(N)) quartic coupling for a random normalisation of the
potential, computed by contracting the quartic tensor (see `rg._quartic`).

References: Peskin & Schroeder sec. 13.2 (O(N) model): $\beta = (N+8)\lambda^2/8\pi^2$ for $V = \frac\lambda4(\phi^2)^2$;
Srednicki ch. 28: $\beta = 3\lambda^2/16\pi^2$ for $V = \frac{\lambda}{24}\phi^4$; Machacek & Vaughn NPB 236 (1984) 221;
cubic anisotropy: Aharony, PRB 8 (1973) 4270; Kleinert & Schulte-Frohlinde (2001) ch. 18.
Levels (rubric): advanced-undergraduate — one real or complex field; graduate — $O(N)$ with numeric $N$; advanced-graduate —
$U(N)$ complex fields or symbolic $N$; postgraduate — the two-coupling cubic-anisotropic model (explicit tensor
contraction for numeric $N$). The knob grows $N$.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import BETA, band_position, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.rg._quartic import cubic_anisotropic, on_quartic
from qftdata.generators.text import DIMREG, UNITS, conventions
from qftdata.schema import LEVELS

NAME = "rg.on_quartic_beta"
LAM = sp.Symbol("lambda", positive=True)
NSYM = sp.Symbol("N", positive=True, integer=True)
NORMS = tuple(sp.Rational(c) for c in (1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 48, 96)) + (
    sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(1, 4), sp.Rational(1, 6), sp.Rational(3, 2), sp.Rational(2, 3),
    sp.Rational(3, 4))
GC = sp.Symbol("g", positive=True)
X_, Y_ = sp.symbols("x y", positive=True)


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 10


def _frac(sym: str, c) -> str:
    return sym if c == 1 else rf"\frac{{{sym}}}{{{tex(c)}}}"


def _cubic(rng, d: float, u: float, config: Config) -> Draft:
    """The cubic-anisotropic model V = (lambda/c1)(phi_a phi_a)^2 + (g/c2) sum_a phi_a^4 (two couplings)."""
    N = rng.randint(2, 3 + round(u * (config.n_max - 3)))
    c1, c2 = pick(rng, NORMS), pick(rng, NORMS)
    which = pick(rng, ("lambda", "g"))
    bx, by = cubic_anisotropic(N)
    x, y = LAM / c1, GC / c2
    beta_x = sum(c * x**i * y**j for (i, j), c in bx.items()) / (16 * sp.pi**2)
    beta_y = sum(c * x**i * y**j for (i, j), c in by.items()) / (16 * sp.pi**2)
    value = sp.factor(sp.expand(beta_x * c1 if which == "lambda" else beta_y * c2))
    coupling = r"\lambda" if which == "lambda" else "g"
    lam_term, g_term = _frac(r"\lambda", c1), _frac("g", c2)
    problem = (conventions(UNITS, DIMREG, BETA) + "\n\nConsider massless scalar field theory in four dimensions of "
               f"${N}$ real scalar fields with the cubic-anisotropic interaction potential "
               rf"$$V(\phi) = {lam_term}\,(\phi_a\phi_a)^2 + {g_term}\sum_{{a=1}}^{{{N}}}\phi_a^4 .$$ "
               rf"Compute the one-loop beta function $\beta_{{{coupling}}} = \mu\,d{coupling}/d\mu$. "
               r"Give it in terms of $\lambda$ and $g$, as a single expression in `\boxed{}`.")
    steps = [r"Write $V = \frac{1}{4!}\lambda_{abcd}\phi_a\phi_b\phi_c\phi_d$; the one-loop counterterm of the four-point "
             r"function gives $16\pi^2\beta_{abcd} = \lambda_{abef}\lambda_{efcd} + \lambda_{acef}\lambda_{efbd} + "
             r"\lambda_{adef}\lambda_{efbc}$.",
             rf"Here $\lambda_{{abcd}} = x\,A_{{abcd}} + y\,B_{{abcd}}$ with $x = {tex(x)}$, $y = {tex(y)}$, "
             r"$A = 8(\delta_{ab}\delta_{cd} + \delta_{ac}\delta_{bd} + \delta_{ad}\delta_{bc})$ and $B = 24$ when all four "
             r"indices are equal (0 otherwise).",
             rf"Contracting the three channels for $N = {N}$ and projecting back on $A$ and $B$ (the only two invariants "
             r"of the hypercubic symmetry that appear): "
             rf"$16\pi^2\beta_x = {tex(sp.expand(16 * sp.pi**2 * beta_x).subs({LAM: c1 * X_, GC: c2 * Y_}))}$, "
             rf"$16\pi^2\beta_y = {tex(sp.expand(16 * sp.pi**2 * beta_y).subs({LAM: c1 * X_, GC: c2 * Y_}))}$.",
             rf"Since ${coupling} = {tex(c1 if which == 'lambda' else c2)}\,{'x' if which == 'lambda' else 'y'}$: "
             rf"$\beta_{{{coupling}}} = {tex(value)}$."]
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"model": "cubic", "N": N, "c1": str(c1), "c2": str(c2), "which": which},
                 symbols=["lambda", "g"], difficulty=d)


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    if level == "postgraduate":
        return _cubic(rng, d, u, config)
    c = pick(rng, NORMS)
    # advanced-undergraduate: one real field; graduate: O(N), numeric N; advanced-graduate: U(N) complex fields
    # (numeric N) or symbolic N; postgraduate: the two-coupling cubic-anisotropic model
    complex_fields = level in ("advanced-undergraduate", "advanced-graduate") and rng.random() < 0.5
    if level == "advanced-undergraduate":
        n_real = sp.Integer(2 if complex_fields else 1)
        n_label = 1 if complex_fields else None
    else:
        symbolic = level == "advanced-graduate" and (not complex_fields or rng.random() < 0.4)
        n_label = "N" if symbolic else rng.randint(2, 3 + round(u * (config.n_max - 3)))
        n_sym = NSYM if symbolic else sp.Integer(n_label)
        n_real = 2 * n_sym if complex_fields else n_sym
    b, _, _ = on_quartic(n_real)
    # V = kappa (phi.phi)^2 with kappa = lambda/c (real) ; complex: lambda/c (Phi^dag Phi)^2 = lambda/(4c) (phi.phi)^2
    kappa_of_lam = LAM / (4 * c) if complex_fields else LAM / c
    beta_kappa = b * sp.Symbol("kappa") ** 2 / (16 * sp.pi**2)
    beta_lam = sp.factor(sp.expand(beta_kappa.subs(sp.Symbol("kappa"), kappa_of_lam) / (kappa_of_lam / LAM)))
    frac = _frac(r"\lambda", c)
    if level == "advanced-undergraduate":
        pot = (rf"$$V(\Phi) = {frac}\,(\Phi^\dagger\Phi)^2$$ for a single complex scalar field $\Phi$" if complex_fields
               else rf"$$V(\phi) = {frac}\,\phi^4$$ for a single real scalar field $\phi$")
    elif complex_fields:
        pot = (rf"$$V(\Phi) = {frac}\,(\Phi^\dagger\Phi)^2,\qquad \Phi^\dagger\Phi = \sum_{{i=1}}^{{{n_label}}}|\Phi_i|^2,$$ "
               rf"for ${n_label}$ complex scalar fields $\Phi_i$ (a $U({n_label})$-invariant theory)")
    else:
        pot = (rf"$$V(\phi) = {frac}\,(\phi_a\phi_a)^2,\qquad a = 1,\dots,{n_label},$$ "
               rf"for ${n_label}$ real scalar fields (an $O({n_label})$-invariant theory)")
    syms = ["lambda"] + (["N"] if n_label == "N" else [])
    ask = "$\\lambda$" + (" and $N$" if n_label == "N" else "")
    problem = (conventions(UNITS, DIMREG, BETA) + f"\n\nConsider massless scalar field theory in four dimensions with "
               f"interaction potential {pot}. Compute the one-loop beta function $\\beta(\\lambda) = \\mu\\,d\\lambda/d\\mu$. "
               f"Give it in terms of {ask}, as a single expression in `\\boxed{{}}`.")
    nr = tex(n_real)
    steps = [r"Write $V = \frac{1}{4!}\lambda_{abcd}\phi_a\phi_b\phi_c\phi_d$ in real components; the one-loop "
             r"counterterm of the four-point function gives "
             r"$16\pi^2\beta_{abcd} = \lambda_{abef}\lambda_{efcd} + \lambda_{acef}\lambda_{efbd} + \lambda_{adef}\lambda_{efbc}$.",
             ]
    if complex_fields:
        steps.append(rf"With $\Phi_i = (\phi_{{2i-1}} + i\phi_{{2i}})/\sqrt2$, $\Phi^\dagger\Phi = \tfrac12\phi_a\phi_a$ "
                     rf"over $n = {nr}$ real fields, so $V = \kappa(\phi_a\phi_a)^2$ with $\kappa = {tex(kappa_of_lam)}$.")
    else:
        steps.append(rf"In the form $V = \kappa(\phi_a\phi_a)^2$ over $n = {nr}$ real fields, $\kappa = {tex(kappa_of_lam)}$.")
    steps += [r"Then $\lambda_{abcd} = 8\kappa(\delta_{ab}\delta_{cd} + \delta_{ac}\delta_{bd} + \delta_{ad}\delta_{bc})$; "
              r"e.g. the $s$-channel contraction is "
              r"$64\kappa^2[(n+4)\delta_{ab}\delta_{cd} + 2\delta_{ac}\delta_{bd} + 2\delta_{ad}\delta_{bc}]$.",
              rf"Adding the three channels: $16\pi^2\beta_{{abcd}} = 64\kappa^2(n+8)(\delta\delta+\delta\delta+\delta\delta)$, "
              rf"so $\beta_\kappa = \frac{{8(n+8)\kappa^2}}{{16\pi^2}} = \frac{{{tex(b)}\,\kappa^2}}{{16\pi^2}}$.",
              rf"Converting to $\lambda$: $\beta(\lambda) = {tex(beta_lam)}$."]
    answer = tex(beta_lam)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"c": str(c), "N": n_label, "complex": complex_fields}, symbols=syms, difficulty=d)


register(Family(name=NAME, category="Renormalization and Quantum Corrections", levels=LEVELS,
                description="One-loop beta function of O(N)/U(N) quartic couplings with random normalisation.",
                generate=generate, config=Config(),
                version=2,  # 2: difficulty knob; one model per level; wider normalisations; cubic anisotropy
                reference="Peskin & Schroeder sec. 13.2 ((N+8)lambda^2/8pi^2); Srednicki ch. 28; Machacek-Vaughn 1984"))
