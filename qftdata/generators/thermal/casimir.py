r"""Casimir energy between parallel plates, or on a compact dimension, in $D$ spacetime dimensions by zeta
regularisation: the transverse momentum integral is done in dimensional regularisation and the mode sum
becomes a (Hurwitz) zeta function at a negative argument, continued with Riemann's functional equation
$\Gamma(\tfrac{1-D}{2})\zeta(1-D) = \pi^{\frac12 - D}\,\Gamma(\tfrac D2)\,\zeta(D)$ (so odd $D$ works too).

$\frac{E}{A} = \frac{n}{2}\sum_{k}\int\frac{d^{D-2}p}{(2\pi)^{D-2}}\sqrt{p^2 + k^2}
 = \frac{n\,\Gamma(-\frac{D-1}{2})}{2(4\pi)^{(D-2)/2}\Gamma(-\frac12)}\,w^{D-1}\zeta(1-D, c)$ for modes $k = (j + c)w$.
Levels (rubric): advanced-undergraduate — $D = 4$, copies of a scalar (Dirichlet or Neumann) or the electromagnetic
field between plates; graduate — general $D$ (2 to 12), Dirichlet/Neumann plates or a periodic circle; advanced-graduate —
Hurwitz-zeta cases (Dirichlet–Neumann plates, antiperiodic scalars, Dirac fermions on a circle); postgraduate —
bosons and fermions together on a circle with different periodicities (the net energy and pressure). The knob grows
$D$ and the field content.
References: Casimir, Proc. K. Ned. Akad. Wet. 51 (1948) 793 ($-\pi^2/720a^3$ for the EM field);
Bordag, Mohideen & Mostepanenko, Phys. Rep. 353 (2001) 1, general $D$:
$E/A = -\Gamma(D/2)\zeta(D)/((4\pi)^{D/2}a^{D-1})$ (Dirichlet scalar); Boyer, PRA 9 (1974) 2078 (mixed plates).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions
from qftdata.schema import LEVELS

NAME = "thermal.casimir_energy"
A = sp.Symbol("a", positive=True)
L = sp.Symbol("L", positive=True)


@dataclass(frozen=True)
class Config(FamilyConfig):
    d_max: int = 12


@cache
def zeta_energy(D: int, mode_spacing: sp.Expr, multiplicity, offset=sp.Integer(1)) -> sp.Expr:
    """(multiplicity/2) sum_{n>=0} int d^m k/(2pi)^m sqrt(k^2 + ((n + offset) w)^2) with m = D-2, by dim-reg and
    the (Hurwitz) zeta function zeta(-(m+1), offset) = zeta(1-D, offset), continued with the functional equation."""
    m = D - 2
    # int d^m k/(2pi)^m (k^2 + M^2)^{1/2} = Gamma(-1/2 - m/2)/((4pi)^{m/2} Gamma(-1/2)) M^{m+1}; Gamma(-1/2 - m/2)
    # zeta(-(m+1)) = Gamma((1-D)/2) zeta(1-D) = pi^{1/2-D} Gamma(D/2) zeta(D) (Riemann's functional equation)
    gamma_zeta = sp.pi ** (sp.Rational(1, 2) - D) * sp.gamma(sp.Rational(D, 2)) * sp.zeta(D)
    hurwitz = 1 if offset == 1 else (2 ** sp.Integer(1 - D) - 1)  # zeta(s, 1/2) = (2^s - 1) zeta(s)
    radial = 1 / ((4 * sp.pi) ** sp.Rational(m, 2) * sp.gamma(sp.Rational(-1, 2)))
    return sp.simplify(sp.Rational(multiplicity, 2) * radial * gamma_zeta * hurwitz * mode_spacing ** (m + 1))


def _dirac_dof(D: int) -> int:
    """Real degrees of freedom of a Dirac field in D dimensions: 2^{floor(D/2)} components, particle and antiparticle."""
    return 2 ** (D // 2)


def _content(rng, level: str, u: float, config: Config):
    """(D, list of (kind, bc, copies), geometry) per level. kind: scalar/em/dirac; bc: dirichlet, neumann, mixed
    (plates) or periodic, antiperiodic (circle)."""
    copies = lambda: rng.randint(1, 2 + round(4 * u))  # noqa: E731
    if level == "advanced-undergraduate":
        bc = pick(rng, ("dirichlet", "neumann", "em"))
        return 4, [("em" if bc == "em" else "scalar", "dirichlet" if bc == "em" else bc, copies())], "plates"
    D = pick(rng, [x for x in range(2, 6 + round(u * (config.d_max - 6)) + 1) if x != 4 or level != "graduate"])
    if level == "graduate":  # D = 4 plates are the advanced-undergraduate problems
        bc = pick(rng, ("dirichlet", "neumann", "periodic"))
        return D, [("scalar", bc, copies())], "circle" if bc == "periodic" else "plates"
    if level == "advanced-graduate":
        kind = pick(rng, ("mixed", "antiperiodic", "dirac_periodic", "dirac_antiperiodic"))
        if kind == "mixed":
            return D, [("scalar", "mixed", copies())], "plates"
        if kind == "antiperiodic":
            return D, [("scalar", "antiperiodic", copies())], "circle"
        return D, [("dirac", kind.split("_")[1], copies())], "circle"
    D = max(D, 3)
    content = [("scalar", pick(rng, ("periodic", "antiperiodic")), rng.randint(1, 4 + round(4 * u))),
               ("dirac", pick(rng, ("periodic", "antiperiodic")), rng.randint(1, 2 + round(2 * u)))]
    return D, content, "circle"


def _mode_data(kind: str, bc: str, D: int, geometry: str):
    """(mode spacing w, offset c, signed real multiplicity per copy, words) for one species."""
    size = A if geometry == "plates" else L
    dof = {"scalar": 1, "em": 2, "dirac": -_dirac_dof(D)}[kind]
    if geometry == "plates":
        return sp.pi / size, (sp.Rational(1, 2) if bc == "mixed" else sp.Integer(1)), dof, ""
    # on a circle n runs over Z: |n| and |n + 1/2| each appear twice
    return 2 * sp.pi / size, (sp.Rational(1, 2) if bc == "antiperiodic" else sp.Integer(1)), 2 * dof, ""


def _describe(kind: str, bc: str, copies: int, D: int) -> str:
    many = copies > 1
    if kind == "em":
        return "the electromagnetic field" + (f" ({copies} independent copies)" if many else "")
    if kind == "scalar":
        who = f"{copies} massless real scalar fields" if many else "a massless real scalar field"
    else:
        who = (f"{copies} massless Dirac fermions" if many else "a massless Dirac fermion") + \
            f" ({2 ** (D // 2)} spinor components in $D = {D}$)"
    cond = {"dirichlet": "obeying Dirichlet conditions on both plates",
            "neumann": "obeying Neumann conditions on both plates",
            "mixed": "obeying a Dirichlet condition on one plate and a Neumann condition on the other",
            "periodic": "periodic around the circle", "antiperiodic": "antiperiodic around the circle"}[bc]
    return f"{who}, {cond}"


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    while True:  # a boson/fermion content that cancels exactly (equal periodic dof) is redrawn
        D, content, geometry = _content(rng, level, u, config)
        energy = sp.Integer(0)
        parts = []
        for kind, bc, copies in content:
            w, offset, mult, _ = _mode_data(kind, bc, D, geometry)
            e = zeta_energy(D, w, mult * copies, offset)
            energy += e
            parts.append((kind, bc, copies, w, offset, mult, e))
        energy = sp.factor(energy)
        if energy != 0:
            break
    want = pick(rng, ("energy", "pressure"))
    size, var = (A, "a") if geometry == "plates" else (L, "L")
    value = energy if want == "energy" else sp.factor(-sp.diff(energy, size))
    per = ("per unit plate area" if geometry == "plates" else "per unit transverse volume") if D > 2 else ""
    what = (f"the renormalised Casimir energy {per}".strip() if want == "energy" else
            f"the Casimir pressure (force {per}".strip() + rf"), $P = -\partial\mathcal E/\partial {var}$, where "
            r"$\mathcal E$ is the Casimir energy" + (f" {per}" if per else ""))
    fields = " together with ".join(_describe(kind, bc, copies, D) for kind, bc, copies in content)
    if geometry == "plates":
        geometry_txt = f"{fields}, in $D = {D}$ spacetime dimensions between two parallel plates separated by a distance $a$"
        if content[0][0] == "em":
            geometry_txt = (f"{fields} between two perfectly conducting parallel plates in $D = 4$ spacetime dimensions, "
                            "separated by a distance $a$")
    else:
        geometry_txt = (f"{fields}, in $D = {D}$ spacetime dimensions with one spatial direction compactified on a "
                        "circle of circumference $L$")
    problem = (conventions(UNITS, r"Regularise the zero-point sum with zeta-function regularisation (equivalently, "
                           r"dimensional regularisation of the transverse momenta and $\sum_n n^{-s} = \zeta(s)$ "
                           r"continued to negative $s$); keep only the separation-dependent finite part. Fermion "
                           r"zero-point energies enter with a minus sign.")
               + f"\n\nConsider {geometry_txt}. Compute {what}. Give it in terms of ${var}$, as a single expression in "
               "`\\boxed{}`.")
    m = D - 2
    steps = [r"Zero-point energy per species: $\mathcal E = \pm\frac{n}{2}\sum_k\int\frac{d^{m}p}{(2\pi)^{m}}\sqrt{p^2 + k^2}$ "
             rf"with $m = D - 2 = {m}$, $n$ real degrees of freedom (a Dirac field has $2^{{\lfloor D/2\rfloor}} = "
             rf"{2 ** (D // 2)}$, entering with $-$), and modes $k_j = (j + c)w$.",
             r"Dimensional regularisation of the transverse integral: "
             r"$\int\frac{d^mp}{(2\pi)^m}(p^2+M^2)^{1/2} = \frac{\Gamma(-\frac12-\frac m2)}{(4\pi)^{m/2}\Gamma(-\frac12)}M^{m+1}$.",
             r"The mode sum gives $\sum_j (j+c)^{D-1} \to \zeta(1-D, c)$ with $\zeta(s, \tfrac12) = (2^s - 1)\zeta(s)$; "
             r"Riemann's functional equation $\Gamma(\frac{1-D}{2})\zeta(1-D) = \pi^{\frac12-D}\Gamma(\frac D2)\zeta(D)$ "
             r"makes the product finite for every $D$."]
    for kind, bc, copies, w, offset, mult, e in parts:
        steps.append(rf"{kind} ({bc}): $w = {tex(w)}$, $c = {tex(offset)}$, {copies} cop{'ies' if copies > 1 else 'y'} "
                     rf"of signed multiplicity ${mult}$ give ${tex(sp.factor(e))}$.")
    steps.append(rf"Hence $\mathcal E = {tex(energy)}$.")
    if want == "pressure":
        steps.append(rf"Differentiating, $P = -\partial\mathcal E/\partial {var} = {tex(value)}$.")
    answer = tex(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"D": D, "content": [list(c) for c in content], "geometry": geometry, "want": want},
                 symbols=[var], difficulty=d)


register(Family(name=NAME, category="Finite Temperature and Vacuum Effects", levels=LEVELS,
                description="Casimir energy/pressure for plates or a circle in D dimensions by zeta regularisation: "
                            "scalars, EM field, Dirac fermions, twisted boundary conditions.",
                generate=generate, config=Config(),
                version=2,  # 2: knob; odd D via the functional equation; copies, fermions, twisted; no text at two levels
                reference="Casimir 1948; Bordag, Mohideen & Mostepanenko, Phys. Rep. 353 (2001) 1"))
