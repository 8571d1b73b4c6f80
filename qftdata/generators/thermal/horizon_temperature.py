r"""Temperatures of horizons from Euclidean regularity: for $ds^2 = f(r)\,dt^2 - dr^2/f(r) - \dots$ with a
simple zero of $f$ at $r_h$, the Euclidean section is smooth only if $\tau \sim \tau + 4\pi/|f'(r_h)|$, so
$T = |f'(r_h)|/4\pi$. The horizon is found and differentiated with sympy; the Bekenstein–Hawking entropy of
the Schwarzschild family follows by integrating $dS = dM/T$.

References: Hawking, CMP 43 (1975) 199 ($T = 1/8\pi GM$); Gibbons & Hawking, PRD 15 (1977) 2738 (Euclidean
method, de Sitter $T = H/2\pi$); Unruh, PRD 14 (1976) 870 ($T = a/2\pi$); Tangherlini (1963) / Myers & Perry (1986)
($T = (D-3)/4\pi r_h$); Bañados, Teitelboim & Zanelli, PRL 69 (1992) 1849 (BTZ); Carroll, *Spacetime and Geometry* ch. 9.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions
from qftdata.schema import LEVELS

NAME = "thermal.horizon_temperature"
R = sp.Symbol("r", real=True)
M, G, Q, H, A, ELL, RH = sp.symbols("M G Q H a ell r_h", positive=True)


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_dim: int = 10


# charge-to-mass ratios k = Q/(sqrt(G) M) < 1 with rational sqrt(1 - k^2)
RN_RATIOS = (sp.Rational(3, 5), sp.Rational(4, 5), sp.Rational(5, 13), sp.Rational(12, 13), sp.Rational(8, 17),
             sp.Rational(15, 17), sp.Rational(7, 25), sp.Rational(24, 25), sp.Rational(20, 29), sp.Rational(21, 29))


def _metric(kind: str, D, k=None):
    """(f(r), description, answer symbols) for each geometry."""
    if kind == "schwarzschild":
        return 1 - 2 * G * M / R, "the Schwarzschild black hole of mass $M$", ["G", "M"]
    if kind == "tangherlini":
        return 1 - (RH / R) ** (D - 3), (f"the {D}-dimensional Schwarzschild–Tangherlini black hole with horizon "
                                        "radius $r_h$"), ["r_h"]
    if kind == "rn":
        return (1 - 2 * G * M / R + k**2 * G**2 * M**2 / R**2,
                rf"the Reissner–Nordström black hole of mass $M$ and charge $Q = {tex(k)}\sqrt{{G}}\,M$ "
                r"(Gaussian units, $f = 1 - 2GM/r + GQ^2/r^2$)", ["G", "M"])
    if kind == "desitter":
        return 1 - H**2 * R**2, r"the cosmological horizon of de Sitter space in static coordinates (Hubble rate $H$)", ["H"]
    if kind == "rindler":
        return 2 * A * R, (r"the Rindler horizon seen by an observer with constant proper acceleration $a$, in the "
                           r"coordinates $ds^2 = 2a\rho\,dt^2 - d\rho^2/(2a\rho) - dx_\perp^2$ ($r \equiv \rho$; $t$ is the "
                           r"proper time of the observer at $\rho = 1/2a$)"), ["a"]
    return (R**2 / ELL**2 - M, r"the non-rotating BTZ black hole in $2+1$ dimensions, $f = r^2/\ell^2 - M$ "
            r"(units $8G = 1$)", ["M", "ell"])


@cache
def horizon(kind: str, D: int, k=None):
    f, _, _ = _metric(kind, D, k)
    sample = {M: 1, G: 1, Q: sp.Rational(1, 2), H: 1, A: 1, ELL: 1, RH: 1}

    def at_sample(root):
        return complex(root.subs(sample).evalf())

    roots = [s for s in sp.solve(sp.numer(sp.together(f)), R)
             if abs(at_sample(s).imag) < 1e-12 and at_sample(s).real >= 0]
    rh = max(roots, key=lambda s: at_sample(s).real)  # outermost horizon
    slope = sp.simplify(sp.diff(f, R).subs(R, rh))
    sign = 1 if complex(slope.subs(sample).evalf()).real > 0 else -1  # |f'(r_h)|
    temp = sp.simplify(sign * slope / (4 * sp.pi))
    return f, sp.simplify(rh), sp.simplify(temp)


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    kinds = (("schwarzschild", "rindler", "desitter") if li == 0 else
             ("schwarzschild", "desitter", "btz", "tangherlini") if li == 1 else
             ("rn", "tangherlini", "btz", "schwarzschild_entropy") if li == 2 else
             ("rn", "schwarzschild_entropy", "tangherlini"))
    kind = pick(rng, kinds)
    D = rng.randint(5, config.max_dim) if kind == "tangherlini" else 4
    entropy = kind == "schwarzschild_entropy"
    base = "schwarzschild" if entropy else kind
    k = pick(rng, RN_RATIOS) if base == "rn" else None
    f, rh, temp = horizon(base, D, k)
    _, desc, syms = _metric(base, D, k)
    inverse = not entropy and rng.random() < 0.4
    if entropy:
        s_expr = sp.integrate(1 / temp, (M, 0, M))
        value = sp.simplify(s_expr)
        what = (r"the entropy $S(M)$ obtained by integrating the first law $dS = dM/T$ from $S(0) = 0$, with $T$ "
                r"the Hawking temperature found from Euclidean regularity")
    elif inverse:
        value = sp.simplify(1 / temp)
        what = r"the inverse temperature $\beta = 1/T$ of the horizon (the period of Euclidean time)"
    else:
        value = temp
        what = r"the temperature $T$ of the horizon"
    names = {"G": "G", "M": "M", "Q": "Q", "H": "H", "a": "a", "ell": r"\ell", "r_h": "r_h"}
    problem = (conventions(UNITS, r"Set $k_B = 1$ and keep Newton's constant $G$ explicit where it appears. "
                           r"The metric has the static form $ds^2 = f(r)\,dt^2 - dr^2/f(r) - \dots$ with")
               + f"\n\n$$f(r) = {tex(f)}$$\n\nfor {desc}. Using the regularity of the Euclidean section "
               r"($t = -i\tau$) at the outermost horizon (for de Sitter, the cosmological horizon), compute "
               + what + ". Give it in terms of " + ", ".join(f"${names[s]}$" for s in syms)
               + ", as a single expression in `\\boxed{}`.")
    steps = [rf"The horizon is the outermost simple zero of $f$: $r_h = {tex(rh)}$.",
             r"Near it $f \simeq f'(r_h)(r - r_h)$; with $\rho^2 = 4(r - r_h)/|f'(r_h)|$ the Euclidean metric becomes "
             r"$d\rho^2 + \rho^2\big(\tfrac{|f'(r_h)|}{2}\big)^2d\tau^2$, smooth only if $\tau$ has period "
             r"$\beta = 4\pi/|f'(r_h)|$.",
             rf"So $T = |f'(r_h)|/4\pi = {tex(temp)}$." + (rf" Hence $\beta = {tex(value)}$." if inverse else "")]
    if entropy:
        steps.append(rf"First law: $S = \int_0^M \frac{{dM'}}{{T(M')}} = {tex(value)}$ (the area law $A/4G$ with "
                     r"$A = 4\pi r_h^2$).")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"kind": kind, "D": D, "k": str(k), "inverse": inverse}, symbols=syms)


register(Family(name=NAME, category="Curved Spacetime and Semiclassical QFT", levels=LEVELS,
                description="Hawking/Unruh/Gibbons-Hawking temperatures from Euclidean regularity; BH entropy.",
                generate=generate, config=Config(), version=1,
                reference="Hawking CMP 43 (1975) 199; Gibbons & Hawking PRD 15 (1977) 2738; Unruh PRD 14 (1976) 870"))
