r"""Radiative symmetry breaking (Coleman–Weinberg): the one-loop effective potential of a classically
massless scalar, minimised with sympy to eliminate the quartic coupling (dimensional transmutation), the
scalar mass $V''(v)$ at the minimum, and the quartic coupling the minimum requires at $\mu = v$.

$V_{\rm eff}(\phi) = \frac{\lambda}{4!}\phi^4 + \sum_i \frac{(-1)^{F_i} n_i}{64\pi^2} M_i^4(\phi)
\Big[\ln\frac{M_i^2(\phi)}{\mu^2} - c_i\Big]$ ($\overline{\rm MS}$; $c = 5/6$ vectors, $3/2$ scalars/fermions).
Levels (rubric): advanced-undergraduate — scalar QED, the ratio $m_\phi^2/m_V^2$ or $m_\phi^2$; graduate — $U(1)$ or
$SU(2)$ bosons plus real scalars coupled to $\phi$; advanced-graduate — $SU(2)$ or $SU(2)\times U(1)$ gauge bosons with
Yukawa fermions (and scalars), the physical region (a positive $\sum(-1)^F n M^4$) declared; postgraduate — the quartic $\lambda(\mu = v)$
fixed by the minimum (dimensional transmutation). The knob grows the field content.
References: Coleman & Weinberg, PRD 7 (1973) 1888 ($m_S^2/m_V^2 = 3e^2/8\pi^2$ for scalar QED);
Gildener & Weinberg, PRD 13 (1976) 3333 ($m^2 = \frac{1}{8\pi^2v^2}\sum(-1)^F n_i M_i^4$).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import DIMREG, METRIC, UNITS, conventions
from qftdata.schema import LEVELS

NAME = "ssb.coleman_weinberg"
PHI, V, MU, LAM = sp.symbols("phi v mu lambda", positive=True)
E, G, GY, Y, K = sp.symbols("e g g_Y y kappa", positive=True)
CHARGES = (sp.Integer(1), sp.Integer(2), sp.Rational(1, 2), sp.Integer(3), sp.Rational(3, 2), sp.Rational(1, 3),
           sp.Rational(2, 3), sp.Integer(4), sp.Rational(5, 2), sp.Integer(5))
TEX = {"e": "e", "g": "g", "g_Y": "g_Y", "kappa": r"\kappa", "y": "y", "v": "v"}


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_charge: int = 4
    max_scalars: int = 8


A_, C_, L_, LMU = sp.symbols("a c ell L_mu")  # M^2 = a phi^2; ell = ln a; L_mu = ln(phi^2/mu^2) at phi = v


@cache
def _term_derivatives() -> tuple[sp.Expr, sp.Expr]:
    """d/dphi and d^2/dphi^2 of phi^4 [ln(a phi^2/mu^2) - c] at phi = v, with the logarithm written as
    ell + L_mu (sympy differentiation once, for symbolic a and c; per species only a substitution)."""
    f = PHI**4 * (L_ + 2 * sp.log(PHI) - 2 * sp.log(MU) - C_)  # ln(a phi^2/mu^2) = ell + 2 ln phi - 2 ln mu
    split = {sp.log(V): (LMU + 2 * sp.log(MU)) / 2}
    return (sp.expand(sp.expand(sp.diff(f, PHI).subs(PHI, V)).subs(split)),
            sp.expand(sp.expand(sp.diff(f, PHI, 2).subs(PHI, V)).subs(split)))


@cache
def effective_potential(species: tuple) -> tuple[sp.Expr, sp.Expr]:
    """species: (n_dof, sign, M^2(phi), c) each. Returns (m^2 = V''(v) with lambda eliminated, lambda at the minimum
    renormalised at mu = v). The per-term derivatives are linear in (L_mu + ln a - c): their two coefficients are read
    off once and combined here (substituting into the full expressions per species was ~0.1 s a draw)."""
    d1, d2 = _term_derivatives()
    x = sp.Symbol("x")
    (p1, q1), (p2, q2) = ((sp.expand(dk.subs({LMU: x, L_: 0, C_: 0})).coeff(x, 1), dk.subs({LMU: 0, L_: 0, C_: 0}))
                          for dk in (d1, d2))
    first, second, first_at_v = sp.Integer(0), sp.Integer(0), sp.Integer(0)
    for n, sign, m2, c in species:
        a = sp.factor(m2 / PHI**2)
        w = sign * n * a**2 / (64 * sp.pi**2)
        ell = sp.Symbol("ell")  # ln a, kept symbolic: it must cancel from m^2
        first += w * (p1 * (LMU + ell - c) + q1)
        second += w * (p2 * (LMU + ell - c) + q2)
        first_at_v += w * (p1 * (sp.log(a) - c) + q1)
    lam_v = -6 * first / V**3  # V'(v) = lambda v^3/6 + (loop)'(v) = 0 is linear in lambda
    m2 = sp.expand(lam_v * V**2 / 2 + second)
    if m2.has(LMU) or m2.has(sp.Symbol("ell")):
        raise ArithmeticError("renormalisation-scale logs did not cancel")
    lam_at_v = sp.expand(sp.expand_log(sp.expand(-6 * first_at_v / V**3), force=True))
    return m2, lam_at_v


def _gauge(rng, level: str, u: float, config: Config):
    """(species, description, couplings, vector mass^2 for the ratio) for the gauge sector of the level."""
    if level == "advanced-undergraduate" or (level in ("graduate", "postgraduate") and rng.random() < 0.6):
        q = pick(rng, CHARGES[: 4 + round(u * (len(CHARGES) - 4))])
        mv2 = q**2 * E**2 * PHI**2
        qt = "" if q == 1 else tex(q)
        text = (rf"scalar electrodynamics: a complex scalar $\Phi$ of charge ${qt}e$ "
                rf"(covariant derivative $D_\mu\Phi = (\partial_\mu + i{qt}eA_\mu)\Phi$), with "
                r"$\Phi = \phi/\sqrt2$ along the real direction")
        return [(3, 1, mv2, sp.Rational(5, 6))], text, ["e"], mv2, {"gauge": "u1", "q": str(q)}
    if rng.random() < 0.5:
        mv2 = G**2 * PHI**2 / 4
        text = (r"an $SU(2)$ gauge theory (coupling $g$) with one complex scalar doublet $\Phi$, "
                r"$\Phi^\dagger\Phi = \phi^2/2$ along the radial direction, so that all three vectors get mass $g\phi/2$")
        return [(9, 1, mv2, sp.Rational(5, 6))], text, ["g"], mv2, {"gauge": "su2", "q": 1}
    mw2, mz2 = G**2 * PHI**2 / 4, (G**2 + GY**2) * PHI**2 / 4
    text = (r"an $SU(2)\times U(1)_Y$ gauge theory (couplings $g$, $g_Y$) with one complex scalar doublet of "
            r"hypercharge $\tfrac12$, $\Phi^\dagger\Phi = \phi^2/2$ along the neutral direction, so that two vectors "
            r"($W^\pm$) get mass $g\phi/2$, one ($Z$) gets $\sqrt{g^2+g_Y^2}\,\phi/2$ and the photon stays massless")
    return ([(6, 1, mw2, sp.Rational(5, 6)), (3, 1, mz2, sp.Rational(5, 6))], text, ["g", "g_Y"], mw2,
            {"gauge": "ew", "q": 1})


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    species, text, couplings, mv2, params = _gauge(rng, level, u, config)
    parts = []
    n_s = 0 if level == "advanced-undergraduate" else rng.randint(0 if level != "graduate" else 1,
                                                                  2 + round(u * (config.max_scalars - 2)))
    # advanced-undergraduate: scalar QED alone; graduate: with scalars; advanced-graduate: non-abelian bosons
    c_s = pick(rng, (1, 2, 4)) if n_s else None
    if n_s:
        # (kappa/c_s) phi^2 S^2 gives the S mass term (1/2)(2 kappa/c_s) phi^2 S^2
        species.append((n_s, 1, 2 * K * PHI**2 / c_s, sp.Rational(3, 2)))
        coupling = r"\kappa" if c_s == 1 else rf"\frac{{\kappa}}{{{c_s}}}"
        parts.append(rf"{n_s} real scalar{'s' if n_s > 1 else ''} $S_i$ coupled through "
                     rf"${coupling}\phi^2 \sum_i S_i^2$ (no other $S$ couplings or masses)")
        couplings.append("kappa")
    n_f, colours = 0, 1
    if level == "advanced-graduate" or (level == "postgraduate" and rng.random() < 0.6):
        n_f, colours = rng.randint(1, 1 + round(2 * u)), pick(rng, (1, 1, 3))
        root2 = rng.random() < 0.5  # Yukawa -(y/sqrt2) phi psibar psi (m_psi = y phi/sqrt2) or -y phi psibar psi
        species.append((4 * n_f * colours, -1, Y**2 * PHI**2 / (2 if root2 else 1), sp.Rational(3, 2)))
        who = f"{n_f} Dirac fermion{'s' if n_f > 1 else ''} $\\psi_j$" + (f" in $N_c = {colours}$ colours" if colours > 1 else "")
        yuk = r"\frac{y}{\sqrt2}" if root2 else "y"
        parts.append(who + rf" with Yukawa coupling $-{yuk}\phi\sum_j\bar\psi_j\psi_j$")
        couplings.append("y")
        params["yukawa_sqrt2"] = root2
    params.update({"n_s": n_s, "c_s": c_s, "n_f": n_f, "colours": colours})
    m2, lam_at_v = effective_potential(tuple(species))
    if level == "postgraduate":
        want = "lambda_v"
    elif level == "advanced-undergraduate":
        want = pick(rng, ("ratio", "m2", "mass_ratio"))
    else:
        want = "m2"
    if want == "ratio":
        value = sp.factor(sp.simplify(m2 / mv2.subs(PHI, V)))
        what = r"the ratio $m_\phi^2/m_V^2$ of the scalar mass to the vector mass at the minimum"
        syms = list(couplings)
    elif want == "mass_ratio":
        value = sp.sqrt(sp.factor(m2 / mv2.subs(PHI, V)))
        what = r"the mass ratio $m_\phi/m_V$ of the scalar to the vector at the minimum"
        syms = list(couplings)
    elif want == "m2":
        value = m2
        what = r"the physical scalar mass squared $m_\phi^2 = V_{\rm eff}''(v)$ at the minimum $\phi = v$"
        syms = couplings + ["v"]
    else:
        value = lam_at_v
        what = (r"the value of the tree-level quartic $\lambda$, renormalised at $\mu = v$, that the minimum at "
                r"$\phi = v$ requires")
        syms = list(couplings)
    # the physical region: a minimum needs B = sum (-1)^F n M^4 > 0 (bosons must beat the fermions)
    domain = []
    if n_f:
        bosons = sum(n * (m.subs(PHI, 1)) ** 2 for n, sign, m, _ in species if sign > 0)
        fermions = sum(n * (m.subs(PHI, 1)) ** 2 for n, sign, m, _ in species if sign < 0)
        domain = [f"{sp.sstr(sp.expand(bosons))} > {sp.sstr(sp.expand(fermions))}".replace("**", "^")]
    extra = (" The theory also contains " + " and ".join(parts) + ".") if parts else ""
    region = (r" (this requires the bosonic $\sum n_iM_i^4$ to exceed the fermionic one)" if n_f else "")
    problem = (conventions(UNITS, METRIC, DIMREG)
               + f"\n\nConsider {text}, with no tree-level mass term and tree-level potential "
               r"$V_0 = \frac{\lambda}{4!}\phi^4$." + extra
               + r" Work with the one-loop effective potential in Landau gauge, "
               r"$V_{\rm eff} = V_0 + \sum_i \frac{(-1)^{F_i} n_i}{64\pi^2}M_i^4(\phi)\big[\ln\frac{M_i^2(\phi)}{\mu^2} - c_i\big]$ "
               r"($n_i$ real degrees of freedom, $c_i = 5/6$ for vectors and $3/2$ for scalars and fermions; the "
               r"Goldstone and $\phi$ self-contributions are of higher order in the couplings and are dropped). "
               r"Assume the couplings are such that $V_{\rm eff}$ has a nontrivial minimum at $\phi = v$ with "
               rf"$\lambda$ of the order of the one-loop terms (dimensional transmutation){region}. "
               f"Compute {what}. Give it in terms of {', '.join('$' + TEX[s] + '$' for s in syms)}, "
               "as a single expression in `\\boxed{}`.")
    sp_lines = "; ".join(rf"$n = {n}$, $M^2 = {tex(m)}$, $(-1)^F = {s}$" for n, s, m, _ in species)
    steps = [rf"Field-dependent masses: {sp_lines}.",
             r"Every term is of the form $\phi^4(a + b\ln\phi^2)$, so $V_{\rm eff} = A\phi^4 + B\phi^4\ln(\phi^2/\mu^2)$ "
             r"with $B = \frac{1}{64\pi^2}\sum_i(-1)^{F_i}n_i\,(M_i^2/\phi^2)^2$.",
             r"Imposing $V_{\rm eff}'(v) = 0$ fixes $\lambda$ as a function of $\ln(v/\mu)$ (dimensional "
             r"transmutation: $A = -B[\ln(v^2/\mu^2) + \tfrac12]$), i.e. "
             r"$\lambda = -\frac{6}{v^3}\sum_i\frac{(-1)^{F_i}n_i a_i^2}{64\pi^2}\,v^3\big[4\ln\frac{a_iv^2}{\mu^2} - 4c_i + 2\big]$ "
             r"with $M_i^2 = a_i\phi^2$.",
             rf"Substituting into $V_{{\rm eff}}''(v)$, the $\mu$ dependence cancels: $m_\phi^2 = 8Bv^2 = {tex(m2)}$."]
    if want in ("ratio", "mass_ratio"):
        steps.append(rf"With $m_V^2 = {tex(mv2.subs(PHI, V))}$, the requested ratio is ${tex(value)}$.")
    elif want == "lambda_v":
        steps.append(rf"At $\mu = v$ the logarithms $\ln(M_i^2(v)/v^2)$ are logarithms of the couplings: $\lambda(v) = {tex(value)}$.")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params=params | {"want": want}, symbols=syms, domain=domain, difficulty=d)


register(Family(name=NAME, category="Spontaneous Symmetry Breaking and Higgs", levels=LEVELS,
                description="Coleman-Weinberg radiative symmetry breaking: scalar mass and the quartic at mu = v from "
                            "the one-loop potential.",
                generate=generate, config=Config(),
                version=2,  # 2: knob; charges, electroweak bosons, coloured fermions; lambda(v); region declared
                reference="Coleman & Weinberg PRD 7 (1973) 1888; Gildener & Weinberg PRD 13 (1976) 3333"))
