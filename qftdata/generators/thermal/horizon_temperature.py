r"""Temperatures of horizons from Euclidean regularity: for $ds^2 = f(r)\,dt^2 - dr^2/f(r) - \dots$ with a
simple zero of $f$ at $r_h$, the Euclidean section is smooth only if $\tau \sim \tau + 4\pi/|f'(r_h)|$, so
$T = |f'(r_h)|/4\pi$. The horizon is found and differentiated with sympy; thermodynamic consequences follow by
calculus: the Bekenstein–Hawking entropy of Schwarzschild by integrating $dS = dM/T$, its heat capacity, the minimum
temperature of Schwarzschild–AdS black holes and the Hawking–Page temperature where $F = M - TS$ changes sign.

Levels (rubric): advanced-undergraduate — Schwarzschild, Rindler, de Sitter, $f = 1 - (r_h/r)^n$; graduate — Tangherlini in $D$ dimensions,
(rotating) BTZ, Reissner–Nordström with a given charge-to-mass ratio; advanced-graduate — Schwarzschild–AdS$_D$ at a horizon
radius $r_h = c\,\ell$, the Schwarzschild entropy and heat capacity; postgraduate — the minimum temperature and the
Hawking–Page temperature of Schwarzschild–AdS$_D$, and charged AdS$_4$ black holes (three scales). The knob grows
$D$ and the ratios.
References: Hawking, CMP 43 (1975) 199 ($T = 1/8\pi GM$); Gibbons & Hawking, PRD 15 (1977) 2738 (Euclidean
method, de Sitter $T = H/2\pi$); Unruh, PRD 14 (1976) 870 ($T = a/2\pi$); Tangherlini (1963) / Myers & Perry (1986)
($T = (D-3)/4\pi r_h$); Bañados, Teitelboim & Zanelli, PRL 69 (1992) 1849 (BTZ); Hawking & Page, CMP 87 (1983) 577;
Witten, ATMP 2 (1998) 505 ($T_{HP} = (D-2)/2\pi\ell$); Chamblin, Emparan, Johnson & Myers, PRD 60 (1999) 064018.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick, small_rationals, tex
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions
from qftdata.schema import LEVELS

NAME = "thermal.horizon_temperature"
R = sp.Symbol("r", real=True)
M, G, H, A, ELL, RH, RS = sp.symbols("M G H a ell r_h r_s", positive=True)
NAMES = {"G": "G", "M": "M", "H": "H", "a": "a", "ell": r"\ell", "r_h": "r_h", "r_s": "r_s"}


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_dim: int = 12


@cache
def rn_ratios() -> tuple[sp.Rational, ...]:
    """Charge-to-mass ratios k < 1 with rational sqrt(1 - k^2) (from Pythagorean triples, m, n <= 12)."""
    out = set()
    for m in range(2, 13):
        for n in range(1, m):
            h = m * m + n * n
            out |= {sp.Rational(2 * m * n, h), sp.Rational(m * m - n * n, h)}
    return tuple(sorted(k for k in out if 0 < k < 1))


def metric(kind: str, D: int = 4, k=None, c=None, q=None):
    """(f(r), description, answer symbols, horizon radius or None = find it)."""
    if kind == "schwarzschild":
        return 1 - 2 * G * M / R, "the Schwarzschild black hole of mass $M$", ["G", "M"], None
    if kind == "schwarzschild_rs":
        return 1 - RS / R, "the Schwarzschild black hole with Schwarzschild radius $r_s$", ["r_s"], None
    if kind == "rindler":
        return 2 * A * R, (r"the Rindler horizon seen by an observer with constant proper acceleration $a$, in the "
                           r"coordinates $ds^2 = 2a\rho\,dt^2 - d\rho^2/(2a\rho) - dx_\perp^2$ ($r \equiv \rho$; $t$ is the "
                           r"proper time of the observer at $\rho = 1/2a$)"), ["a"], None
    if kind == "desitter":
        return 1 - H**2 * R**2, r"the cosmological horizon of de Sitter space in static coordinates (Hubble rate $H$)", ["H"], None
    if kind == "power":
        return 1 - (RH / R) ** D, (rf"a static spacetime (not necessarily a vacuum solution) with the simple horizon of "
                                   rf"$f = 1 - (r_h/r)^{{{D}}}$ at $r = r_h$"), ["r_h"], RH
    if kind == "tangherlini":
        return 1 - (RH / R) ** (D - 3), (f"the {D}-dimensional Schwarzschild–Tangherlini black hole with horizon "
                                         "radius $r_h$"), ["r_h"], RH
    if kind == "btz":
        if k is None:
            return (R**2 / ELL**2 - M, r"the non-rotating BTZ black hole in $2+1$ dimensions, $f = r^2/\ell^2 - M$ "
                    r"(units $8G = 1$)", ["M", "ell"], None)
        J = k * M * ELL
        return (R**2 / ELL**2 - M + J**2 / (4 * R**2),
                rf"the rotating BTZ black hole in $2+1$ dimensions with angular momentum $J = {tex(J)}$, "
                r"$f = r^2/\ell^2 - M + J^2/4r^2$ (units $8G = 1$; the temperature is that of the outer horizon in the "
                r"co-rotating frame, still $|f'(r_+)|/4\pi$)", ["M", "ell"], None)
    if kind == "rn":
        return (1 - 2 * G * M / R + k**2 * G**2 * M**2 / R**2,
                rf"the Reissner–Nordström black hole of mass $M$ and charge $Q = {tex(k)}\sqrt{{G}}\,M$ "
                r"(Gaussian units, $f = 1 - 2GM/r + GQ^2/r^2$)", ["G", "M"], None)
    if kind == "sads":
        rh = c * ELL
        f = 1 + R**2 / ELL**2 - (rh / R) ** (D - 3) * (1 + rh**2 / ELL**2)
        return f, (f"the {D}-dimensional Schwarzschild–anti-de Sitter black hole (AdS radius $\\ell$) whose horizon is at "
                   f"$r_h = {tex(rh)}$"), ["ell"], rh
    # charged AdS_4 (G = 1): f = 1 - 2m/r + q^2/r^2 + r^2/ell^2 with the horizon at r_h = c ell and q = qhat ell
    rh, Q, mass = c * ELL, q * ELL, sp.Symbol("m")
    condition = sp.expand(1 - 2 * mass / rh + Q**2 / rh**2 + rh**2 / ELL**2)  # f(r_h) = 0, linear in m
    m = sp.cancel(-condition.subs(mass, 0) / condition.coeff(mass))
    f = 1 - 2 * m / R + Q**2 / R**2 + R**2 / ELL**2
    return f, (rf"the charged (Reissner–Nordström–AdS) black hole in $3+1$ dimensions with $G = 1$, AdS radius $\ell$, "
               rf"charge $q = {tex(Q)}$ and outer horizon at $r_h = {tex(rh)}$ (the mass parameter fixed by $f(r_h) = 0$)"), \
        ["ell"], rh


@cache
def horizon(kind: str, D: int = 4, k=None, c=None, q=None):
    """(f, r_h, T) with r_h the outermost simple zero and T = |f'(r_h)|/4 pi."""
    f, _, _, rh = metric(kind, D, k, c, q)
    sample = {M: 1, G: 1, H: 1, A: 1, ELL: 1, RH: 1, RS: 1}
    if rh is None:
        roots = [s for s in sp.solve(sp.numer(sp.together(f)), R)
                 if abs(complex(s.subs(sample).evalf()).imag) < 1e-12 and complex(s.subs(sample).evalf()).real >= 0]
        rh = max(roots, key=lambda s: complex(s.subs(sample).evalf()).real)  # outermost horizon
    elif sp.cancel(f.subs(R, rh)) != 0 or complex(sp.diff(f, R).subs(R, rh).subs(sample).evalf()).real <= 0:
        raise ArithmeticError(f"{kind}: the stated radius is not the outer (non-degenerate) horizon")
    # rational functions of the symbols (with rational square roots): factor/cancel, not the slow simplify
    slope = sp.factor(sp.cancel(sp.diff(f, R).subs(R, rh)))
    sign = 1 if complex(slope.subs(sample).evalf()).real > 0 else -1  # |f'(r_h)|
    return f, sp.factor(rh), sp.factor(sign * slope / (4 * sp.pi))


@cache
def sads_thermodynamics(D: int) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(r_h and T at the minimum of T(r_h), Hawking-Page T) for Schwarzschild-AdS_D with M(r_h), S(r_h) as stated."""
    r = RH
    f = 1 + R**2 / ELL**2 - (r / R) ** (D - 3) * (1 + r**2 / ELL**2)
    T = sp.simplify(sp.diff(f, R).subs(R, r) / (4 * sp.pi))
    r_min = [x for x in sp.solve(sp.diff(T, r), r) if x.is_positive][0]
    omega, G_ = sp.symbols("Omega G", positive=True)
    mass = (D - 2) * omega * r ** (D - 3) * (1 + r**2 / ELL**2) / (16 * sp.pi * G_)
    entropy = omega * r ** (D - 2) / (4 * G_)
    r_hp = [x for x in sp.solve(sp.simplify(mass - T * entropy), r) if x.is_positive][0]
    return sp.simplify(r_min), sp.simplify(T.subs(r, r_min)), sp.simplify(T.subs(r, r_hp))


def _draw(rng, level: str, u: float, config: Config):
    """(kind, D, k, c, q, want) per level."""
    D, k, c, q = 4, None, None, None
    ratios = small_rationals(3 + round(5 * u), 3 + round(5 * u))
    if level == "advanced-undergraduate":
        kind = pick(rng, ("schwarzschild", "schwarzschild_rs", "rindler", "desitter", "power", "power"))
        return kind, (rng.randint(1, 3 + round(5 * u)) if kind == "power" else D), k, c, q, \
            pick(rng, ("T", "beta", "kappa"))
    if level == "graduate":
        kind = pick(rng, ("tangherlini", "btz", "btz", "rn", "rn"))
        if kind == "tangherlini":
            D = rng.randint(5, 6 + round(u * (config.max_dim - 6)))
        if kind == "rn" or (kind == "btz" and rng.random() < 0.8):
            k = pick(rng, rn_ratios())  # Q/(sqrt(G) M) for RN, J/(M ell) for BTZ: rational sqrt(1 - k^2)
        return kind, D, k, c, q, pick(rng, ("T", "beta"))
    if level == "advanced-graduate":
        if rng.random() < 0.15:
            return "schwarzschild", D, k, c, q, pick(rng, ("entropy", "heat_capacity"))
        D = rng.randint(4, 5 + round(u * (config.max_dim - 5)))
        return "sads", D, k, pick(rng, ratios), q, pick(rng, ("T", "beta"))
    if rng.random() < 0.3:
        D = rng.randint(4, 5 + round(u * (config.max_dim - 5)))
        return "sads_thermo", D, k, c, q, pick(rng, ("T_min", "r_min", "T_HP"))
    while True:  # the stated horizon must be the outer one: f'(r_h) > 0, i.e. 1 + 3c^2 > (q/ell)^2/c^2
        c, q = pick(rng, ratios), pick(rng, ratios)
        if 1 + 3 * c**2 > q**2 / c**2:
            return "rnads", D, k, c, q, pick(rng, ("T", "beta"))


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    kind, D, k, c, q, want = _draw(rng, level, band_position(d, level), config)
    steps: list[str] = []
    domain: list[str] = []
    if kind == "sads_thermo":
        r_min, t_min, t_hp = sads_thermodynamics(D)
        value = {"T_min": t_min, "r_min": r_min, "T_HP": t_hp}[want]
        syms = ["ell"]
        what = {"T_min": "the minimum Hawking temperature $T_{\\min}$ over all horizon radii (below it no black hole "
                         "is in equilibrium with radiation)",
                "r_min": "the horizon radius at which $T(r_h)$ is minimal (where the heat capacity changes sign)",
                "T_HP": ("the Hawking–Page temperature, where the black hole's free energy $F = M - TS$ (relative to "
                         "thermal AdS) changes sign")}[want]
        problem = (conventions(UNITS, r"Set $k_B = 1$. The metric has the static form $ds^2 = f(r)\,dt^2 - dr^2/f(r) - "
                               r"r^2d\Omega_{D-2}^2$ with")
                   + rf"$$f(r) = 1 + \frac{{r^2}}{{\ell^2}} - \left(\frac{{r_h}}{{r}}\right)^{{{D - 3}}}\left(1 + "
                   rf"\frac{{r_h^2}}{{\ell^2}}\right)$$"
                   + f"\n\nfor the {D}-dimensional Schwarzschild–anti-de Sitter black hole with horizon radius $r_h$ and AdS "
                   r"radius $\ell$. Its mass and entropy are $M = \frac{(D-2)\Omega_{D-2}}{16\pi G}r_h^{D-3}(1 + r_h^2/\ell^2)$ "
                   r"and $S = \frac{\Omega_{D-2}r_h^{D-2}}{4G}$, and the temperature follows from the regularity of the "
                   rf"Euclidean section at $r = r_h$. With $D = {D}$, compute {what}. Give it in terms of $\ell$, as a "
                   "single expression in `\\boxed{}`.")
        steps = [r"Regularity of the Euclidean section: $T = f'(r_h)/4\pi = \frac{(D-1)r_h^2/\ell^2 + (D-3)}{4\pi r_h}$.",
                 rf"$dT/dr_h = 0$ at $r_h = {tex(r_min)}$, where $T_{{\min}} = {tex(t_min)}$.",
                 r"$F = M - TS = \frac{\Omega_{D-2}r_h^{D-3}}{16\pi G}\big(1 - r_h^2/\ell^2\big)$ vanishes at $r_h = \ell$, "
                 rf"so $T_{{HP}} = {tex(t_hp)}$."]
    else:
        f, rh, temp = horizon(kind, D, k, c, q)
        _, desc, syms, _ = metric(kind, D, k, c, q)
        if want == "entropy":
            value = sp.simplify(sp.integrate(1 / temp, (M, 0, M)))
            what = (r"the entropy $S(M)$ obtained by integrating the first law $dS = dM/T$ from $S(0) = 0$, with $T$ "
                    r"the Hawking temperature found from Euclidean regularity")
        elif want == "heat_capacity":
            value = sp.simplify(1 / sp.diff(temp, M))
            what = (r"the heat capacity $C = dM/dT$, with $T$ the Hawking temperature found from Euclidean regularity "
                    r"(negative: the black hole heats up as it radiates)")
        elif want == "kappa":
            value = sp.simplify(2 * sp.pi * temp)
            what = r"the surface gravity $\kappa = |f'(r_h)|/2$ of the horizon (so that $T = \kappa/2\pi$)"
        elif want == "beta":
            value = sp.simplify(1 / temp)
            what = r"the inverse temperature $\beta = 1/T$ of the horizon (the period of Euclidean time)"
        else:
            value = temp
            what = r"the temperature $T$ of the horizon"
        problem = (conventions(UNITS, r"Set $k_B = 1$ and keep Newton's constant $G$ explicit where it appears. "
                               r"The metric has the static form $ds^2 = f(r)\,dt^2 - dr^2/f(r) - \dots$ with")
                   + f"\n\n$$f(r) = {tex(f)}$$\n\nfor {desc}. Using the regularity of the Euclidean section "
                   r"($t = -i\tau$) at the outermost horizon (for de Sitter, the cosmological horizon), compute "
                   + what + ". Give it in terms of " + ", ".join(f"${NAMES[s]}$" for s in syms)
                   + ", as a single expression in `\\boxed{}`.")
        steps = [rf"The horizon is the outermost simple zero of $f$: $r_h = {tex(rh)}$.",
                 r"Near it $f \simeq f'(r_h)(r - r_h)$; with $\rho^2 = 4(r - r_h)/|f'(r_h)|$ the Euclidean metric becomes "
                 r"$d\rho^2 + \rho^2\big(\tfrac{|f'(r_h)|}{2}\big)^2d\tau^2$, smooth only if $\tau$ has period "
                 r"$\beta = 4\pi/|f'(r_h)|$.",
                 rf"So $T = |f'(r_h)|/4\pi = {tex(temp)}$." + (rf" Hence $\beta = {tex(value)}$." if want == "beta" else "")]
        if want == "entropy":
            steps.append(rf"First law: $S = \int_0^M \frac{{dM'}}{{T(M')}} = {tex(value)}$ (the area law $A/4G$ with "
                         r"$A = 4\pi r_h^2$).")
        elif want == "heat_capacity":
            steps.append(rf"$C = (dT/dM)^{{-1}} = {tex(value)}$.")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"kind": kind, "D": D, "k": str(k), "c": str(c), "q": str(q), "want": want},
                 symbols=syms, domain=domain, difficulty=d)


register(Family(name=NAME, category="Curved Spacetime and Semiclassical QFT", levels=LEVELS,
                description="Hawking/Unruh/Gibbons-Hawking temperatures from Euclidean regularity; BH entropy, heat "
                            "capacity, AdS black-hole thermodynamics (T_min, Hawking-Page).",
                generate=generate, config=Config(),
                version=2,  # 2: knob; one geometry set per level; AdS black holes, heat capacity, Hawking-Page
                reference="Hawking CMP 43 (1975) 199; Gibbons & Hawking PRD 15 (1977) 2738; Unruh PRD 14 (1976) 870; "
                          "Hawking & Page CMP 87 (1983) 577"))
