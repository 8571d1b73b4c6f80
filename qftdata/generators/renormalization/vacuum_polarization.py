r"""One-loop QED vacuum polarisation from charged Dirac fermion and complex scalar loops: the
on-shell-subtracted $\hat\Pi(q^2) = \Pi(q^2) - \Pi(0)$ from its Feynman-parameter representation, as Taylor
coefficients in $q^2/m^2$ (Uehling), the large-$|q^2|$ logarithm (running of $\alpha$), or exactly at a
spacelike momentum.

Dirac: $\hat\Pi_2 = -\frac{2\alpha}{\pi}Q^2N_c\int_0^1dx\,x(1-x)\ln\frac{m^2}{m^2 - x(1-x)q^2}$ (P&S (7.91));
scalar: $-\frac{\alpha}{4\pi}Q^2N_c\int_0^1dx\,(1-2x)^2\ln\frac{m^2}{m^2-x(1-x)q^2}$ (P&S problem 9.1, Srednicki ch. 66).
Polynomial $x$ integrals are done by sympy, the exact spacelike value by `loops._feynman` (roots of
$1 + r\,x(1-x)$). Levels (rubric): advanced-undergraduate — the leading Uehling or log coefficient summed over a
few Dirac species; graduate — one species, higher Taylor coefficients or the scalar loop; advanced-graduate — fermions and scalars
together, up to the knob's highest order; postgraduate — the exact $\hat\Pi$ at $q^2 = -r\,m^2$.
References: Peskin & Schroeder (7.90)-(7.93); Uehling, Phys. Rev. 48 (1935) 55.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick, sized, small_rationals, tex
from qftdata.generators.loops._feynman import log_moment
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, conventions
from qftdata.schema import LEVELS

NAME = "renormalization.vacuum_polarization"
ALPHA = sp.Symbol("alpha", positive=True)
X = sp.Symbol("x", positive=True)
CHARGES = (sp.Integer(1), sp.Integer(2), sp.Rational(1, 3), sp.Rational(2, 3), sp.Rational(4, 3), sp.Integer(3),
           sp.Rational(1, 2), sp.Rational(5, 3))
WEIGHTS = {"dirac": [0, 1, -1], "scalar": [1, -4, 4]}  # x(1-x) and (1-2x)^2 as coefficient lists


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_order: int = 6

    def validate(self) -> None:
        if self.max_order < 3:
            raise ValueError("max_order must be >= 3")


def _prefactor(particle: str) -> sp.Expr:
    """Pi-hat = -prefactor * alpha Q^2 N_c * int weight * ln(m^2/(m^2 - x(1-x)q^2))."""
    return 2 / sp.pi if particle == "dirac" else 1 / (4 * sp.pi)


def _weight(particle: str) -> sp.Expr:
    return sum(c * X**j for j, c in enumerate(WEIGHTS[particle]))


@cache
def taylor_coefficient(particle: str, k: int) -> sp.Expr:
    """c_k (per alpha Q^2 N_c) with Pi-hat = sum_k c_k (q^2/m^2)^k: -ln(1 - u) = sum u^k/k, u = x(1-x)q^2/m^2."""
    return -_prefactor(particle) * sp.integrate(sp.expand(_weight(particle) * (X * (1 - X)) ** k), (X, 0, 1)) / k


@cache
def log_coefficient(particle: str) -> sp.Expr:
    """Coefficient of ln(-q^2/m^2) in Pi-hat as -q^2 -> infinity: ln(m^2/(m^2 + x(1-x)Q^2)) ~ -ln(Q^2/m^2)."""
    return _prefactor(particle) * sp.integrate(_weight(particle), (X, 0, 1))


@cache
def spacelike_value(particle: str, r: sp.Rational) -> sp.Expr:
    """Pi-hat(q^2 = -r m^2) per alpha Q^2 N_c = prefactor * int weight * ln(1 + r x(1-x)) (exact)."""
    return _prefactor(particle) * log_moment(WEIGHTS[particle], -r, r, 1)


def _species(rng, n: int, kinds: tuple[str, ...]) -> list[tuple[str, sp.Expr, int]]:
    out: list[tuple[str, sp.Expr, int]] = []
    while len(out) < n:
        item = (pick(rng, kinds), pick(rng, CHARGES), pick(rng, (1, 1, 3, 2)))
        if all(item[:2] != o[:2] for o in out):
            out.append(item)
    return sorted(out, key=lambda t: (t[0], t[1], t[2]))


def _describe(species) -> str:
    parts = []
    for kind, q, nc in species:
        who = "a Dirac fermion" if kind == "dirac" else "a complex scalar"
        parts.append(f"{who} of charge $Q = {tex(q)}$" + (f" in $N_c = {nc}$ colours" if nc > 1 else ""))
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    r = None
    if level == "advanced-undergraduate":
        species = _species(rng, sized(d, level, 1, 3), ("dirac",))
        want, k = pick(rng, ("taylor", "log")), 1
    elif level == "graduate":
        species = _species(rng, 1, ("dirac", "scalar"))
        # a Dirac log or c_1 is the advanced-undergraduate problem; here higher orders or the scalar loop
        want = "log" if species[0][0] == "scalar" and rng.random() < 0.3 else "taylor"
        k = rng.randint(2, 2 + sized(d, level, 0, 2)) if species[0][0] == "dirac" else rng.randint(1, 1 + sized(d, level, 1, 3))
    elif level == "advanced-graduate":
        species = _species(rng, 2, ("dirac", "scalar"))
        if all(s[0] == species[0][0] for s in species):
            species[1] = ("scalar" if species[0][0] == "dirac" else "dirac", species[1][1], species[1][2])
        species = sorted(species, key=lambda t: (t[0], t[1], t[2]))
        want, k = "taylor", rng.randint(2, 3 + round(u * (config.max_order - 3)))
    else:
        species = _species(rng, 1, ("dirac", "scalar"))
        want, k = "exact", 0
        r = pick(rng, small_rationals(2 + sized(d, level, 1, 10), 2 + sized(d, level, 0, 6)))
    if want != "taylor":
        k = 0
    per_unit = {"taylor": lambda p: taylor_coefficient(p, k), "log": log_coefficient,
                "exact": lambda p: spacelike_value(p, r)}[want]
    value = sp.Integer(0)
    for kind, q, nc in species:
        value += q**2 * nc * per_unit(kind)
    value = sp.factor(ALPHA * value) if want != "exact" else ALPHA * value
    if want == "taylor":
        what = (rf"the coefficient $c_{{{k}}}$ in the expansion $\hat\Pi(q^2) = \sum_{{n\ge1}} c_n\,(q^2/m^2)^n$ "
                r"for $|q^2| \ll m^2$")
    elif want == "log":
        what = (r"the coefficient $b$ of the leading logarithm, $\hat\Pi(q^2) \simeq b\,\ln(-q^2/m^2)$ for "
                r"$-q^2 \gg m^2$")
    else:
        what = rf"$\hat\Pi(q^2)$ exactly at the spacelike momentum $q^2 = -{tex(r)}\,m^2$"
    mass_note = " (all of mass $m$)" if len(species) > 1 else " of mass $m$"
    problem = (conventions(UNITS, METRIC, r"$\alpha = e^2/4\pi$. The photon self-energy is "
                           r"$i\Pi^{\mu\nu}(q) = i(q^2g^{\mu\nu} - q^\mu q^\nu)\Pi(q^2)$ and "
                           r"$\hat\Pi(q^2) = \Pi(q^2) - \Pi(0)$ is the on-shell subtracted function entering "
                           r"$\alpha_{\rm eff}(q^2) = \alpha/(1 - \hat\Pi(q^2))$. Charges $Q$ are in units of $e$.")
               + f"\n\nConsider the one-loop contribution to $\\hat\\Pi(q^2)$ from {_describe(species)}{mass_note}. "
               f"Compute {what}. Give it in terms of $\\alpha$, as a single expression in `\\boxed{{}}`.")
    kern = {"dirac": r"-\frac{2\alpha}{\pi}\int_0^1 dx\,x(1-x)", "scalar": r"-\frac{\alpha}{4\pi}\int_0^1 dx\,(1-2x)^2"}
    kinds = sorted({s[0] for s in species})
    steps = ["Feynman parameters and dimensional regularisation give, for a unit-charge loop, "
             + "; ".join(rf"{'Dirac' if p == 'dirac' else 'scalar'}: $\hat\Pi(q^2) = {kern[p]}\,"
                         r"\ln\frac{m^2}{m^2 - x(1-x)q^2}$" for p in kinds)
             + r". A charge $Q$ and $N_c$ colours multiply each loop by $Q^2N_c$, and the loops add."]
    if want == "taylor":
        steps += [r"Expand $\ln\frac{m^2}{m^2 - x(1-x)q^2} = -\ln(1-u) = \sum_{n\ge1}\frac{u^n}{n}$ with "
                  r"$u = x(1-x)q^2/m^2$.",
                  rf"The order-${k}$ term needs $\int_0^1 dx\,w(x)\,[x(1-x)]^{{{k}}}/{k}$ for each weight $w$: per unit "
                  r"$Q^2N_c$ this gives "
                  + ", ".join(rf"${tex(sp.factor(ALPHA * taylor_coefficient(p, k)))}$ ({p})" for p in kinds) + "."]
    elif want == "log":
        steps += [r"For $-q^2 = Q_E^2 \gg m^2$: $\ln\frac{m^2}{m^2 + x(1-x)Q_E^2} = -\ln\frac{Q_E^2}{m^2} - \ln[x(1-x)] "
                  r"+ O(m^2/Q_E^2)$, so per unit $Q^2N_c$ the coefficient is the prefactor times $\int_0^1 w(x)\,dx$: "
                  + ", ".join(rf"${tex(sp.factor(ALPHA * log_coefficient(p)))}$ ({p})" for p in kinds) + "."]
    else:
        steps += [rf"At $q^2 = -{tex(r)}m^2$ the logarithm is $-\ln\big(1 + {tex(r)}\,x(1-x)\big)$; the quadratic "
                  r"$1 + r\,x(1-x)$ has two real roots outside $[0,1]$, so $\ln = \sum\ln|x - c_i| + \ln r$ and "
                  r"$\int_0^1 x^j\ln|x-c|\,dx$ follows by parts.",
                  rf"Per unit $Q^2N_c$: $\hat\Pi = {tex(ALPHA * spacelike_value(species[0][0], r))}$."]
    answer = tex(value)
    steps.append(rf"Weighting by $Q^2N_c$ and summing: ${answer}$.")
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"species": [[kind, str(q), nc] for kind, q, nc in species], "want": want, "k": k,
                         "r": str(r) if r is not None else None},
                 symbols=["alpha"], difficulty=d)


register(Family(name=NAME, category="Renormalization and Quantum Corrections", levels=LEVELS,
                description="One-loop QED vacuum polarisation (Dirac and scalar loops): Uehling Taylor coefficients, "
                            "the leading large-q^2 logarithm, and the exact spacelike value.",
                generate=generate, config=Config(),
                version=2,  # 2: difficulty knob; several species; exact spacelike value at postgraduate
                reference="Peskin & Schroeder (7.90)-(7.93); Uehling Phys. Rev. 48 (1935) 55"))
