r"""LSZ residues: the field-strength factor $Z$ of a scalar at one loop, and its use in S-matrix elements.

The full propagator $\int d^4x\,e^{ip\cdot x}\langle\Omega|T\phi(x)\phi(0)|\Omega\rangle = \frac{i}{p^2 - m_0^2 - M^2(p^2)}$
($-iM^2$ = the sum of one-particle-irreducible insertions) has a pole at the physical mass with residue $iZ$,
$Z = [1 - dM^2/dp^2]^{-1}_{p^2=m^2}$, and LSZ multiplies each external leg of an amputated Green function by
$\sqrt Z$. For cubic couplings in four dimensions the one-loop $dM^2/dp^2$ is UV finite. The family builds each
self-energy from the Feynman rules (vertex factors from Wick contractions, symmetry factors), writes it as
$M^2 = -c\,B_0(p^2; m_1, m_2)$ with $B_0 = \Delta_\epsilon - \int_0^1dx\,\ln\frac{xm_1^2+(1-x)m_2^2-x(1-x)p^2}{\mu^2}$, and
integrates $B_0'(p^2) = \int_0^1dx\,\frac{x(1-x)}{xm_1^2 + (1-x)m_2^2 - x(1-x)p^2}$ exactly
(`loops._quadratic.rational_integral`).
Levels:

* graduate: $\phi^3$ theory or $\frac g2\phi\chi^2$ with a given mass ratio: $Z_\phi - 1$ at $O(g^2)$;
* advanced-graduate: several loop species (real, complex, two different fields at one vertex), each below threshold;
* postgraduate: the $O(\lambda g^2)$ correction to $\phi\phi\to\chi\chi$ from the LSZ factors $\sqrt Z$ of all four legs
  (both $Z_\phi$ and $Z_\chi$, the latter from a loop of unequal masses).

References for the tests: the closed form of $B_0$ below threshold, $B_0(p^2) - B_0(0) = 2 - 2\sqrt{4m^2/p^2-1}\,
\arctan(1/\sqrt{4m^2/p^2-1})$ (Denner, Fortsch. Phys. 41 (1993) 307, eq. (4.23)), differentiated numerically; the
Källén–Lehmann sum rule $1 - Z = \int ds\,\rho_{\rm cont}(s)$ (P&S §7.1, eq. (7.9) with canonical commutators).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.applied._common import CATEGORY, contractions, finish, knob_and_position, pick, tex
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._quadratic import rational_integral
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, STATES, UNITS, conventions

NAME = "applied.lsz_residue"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
m, g, lam = sp.symbols("m g lambda", positive=True)
# loop masses in units of m (the external particle's physical mass); all keep m below the two-particle threshold
RATIOS = tuple(sp.Rational(v) for v in ("1", "2", "3/2", "3/4", "2/3", "5/4", "4/3", "5/3", "5/2", "3", "4/5", "6/5",
                                         "7/4", "7/5", "9/5", "9/4", "7/3", "8/5", "11/10", "13/10"))
PROPAGATOR = (r"Write the full propagator as $\int d^4x\,e^{ip\cdot x}\langle\Omega|T\phi(x)\phi(0)|\Omega\rangle = "
              r"\frac{i}{p^2 - m_0^2 - M^2(p^2)}$, where $-iM^2(p^2)$ is the sum of one-particle-irreducible insertions; its "
              r"pole sits at the physical mass with residue $iZ$. Use the physical masses inside the loops at this order.")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_species: int = 3

    def validate(self) -> None:
        if not 1 <= self.max_species <= 4:
            raise ValueError(f"{NAME}: max_species must be in 1..4")


@cache
def b0_prime(m1, m2, p2) -> sp.Expr:
    r"""$B_0'(p^2; m_1, m_2) = \int_0^1dx\,\frac{x(1-x)}{xm_1^2+(1-x)m_2^2-x(1-x)p^2}$ for numbers (units of $m^2$):
    the denominator is $p^2x^2 + (m_1^2 - m_2^2 - p^2)x + m_2^2$, positive on [0, 1] below threshold."""
    m1, m2, p2 = sp.Rational(m1), sp.Rational(m2), sp.Rational(p2)
    return rational_integral([0, 1, -1], (p2, m1**2 - m2**2 - p2, m2**2))


@dataclass(frozen=True)
class Loop:
    """One self-energy diagram of phi: coupling term coefficient and the two loop fields (masses in units of m)."""

    coupling: sp.Symbol
    fields: tuple[str, str]      # e.g. ("chi", "chi") or ("chi2", "chi3") or ("xi", "xibar")
    masses: tuple[sp.Expr, sp.Expr]
    lagrangian: str               # its interaction term


def _loop_coefficient(loop: Loop) -> sp.Expr:
    r"""c in $M^2 = -c\,B_0$: vertex $V = -i\,g\,\times$ (contractions of the loop fields), symmetry factor 1/2 for two
    identical loop propagators, $\int\frac{d^4k}{(2\pi)^4}\frac{1}{(k^2-m_1^2)((k+p)^2-m_2^2)} = \frac{i}{16\pi^2}B_0$."""
    pair = tuple(sorted(loop.fields))
    # coefficient of phi * (loop fields) in L_int: the written coupling with its 1/2 for phi chi^2
    coeff = loop.coupling / 2 if loop.fields[0] == loop.fields[1] else loop.coupling
    vertex = coeff * contractions(pair, pair)
    symmetry = sp.Rational(1, 2) if loop.fields[0] == loop.fields[1] else 1
    # -i M^2 = S (-i V)^2 (i)(i) int 1/(D1 D2) = S V^2 (i/16pi^2) B0  ->  M^2 = -S V^2 B0/(16 pi^2)
    return symmetry * vertex**2 / (16 * sp.pi**2)


def z_minus_one(loops: tuple[Loop, ...], p2=1) -> tuple[sp.Expr, list[str]]:
    """Z - 1 = dM^2/dp^2 at the pole = -sum c_i B0'_i (in units where the external mass is m)."""
    total, lines = sp.Integer(0), []
    for loop in loops:
        c = _loop_coefficient(loop)
        bp = b0_prime(loop.masses[0], loop.masses[1], p2)
        contrib = -c / m**2 * bp  # kept as coefficient times the (cached) integral: expanding it is slow to print
        total += contrib
        lines.append(rf"${loop.lagrangian}$: $M^2 = -{tex(c)}\,B_0(p^2; {tex(loop.masses[0] * m)}, {tex(loop.masses[1] * m)})$, "
                     rf"$m^2B_0' = {_tex_cached(bp)}$, contribution $-{tex(c / m**2)}\,m^2B_0'$.")
    return total, lines


@cache
def _tex_cached(expr: sp.Expr) -> str:
    return tex(expr)


def _field_tex(name: str) -> str:
    return {"chi": r"\chi", "chi1": r"\chi_1", "chi2": r"\chi_2", "chi3": r"\chi_3", "xi": r"\xi"}[name]


def _loop(kind: str, idx: int, masses: tuple[sp.Expr, ...], coupling: sp.Symbol) -> Loop:
    if kind == "real":
        f = f"chi{idx}" if idx else "chi"
        return Loop(coupling, (f, f), (masses[0], masses[0]), rf"-\frac{{{sp.latex(coupling)}}}{{2}}\phi {_field_tex(f)}^2")
    if kind == "complex":
        return Loop(coupling, ("xi", "xibar"), (masses[0], masses[0]), rf"-{sp.latex(coupling)}\,\phi\,\xi^\dagger\xi")
    return Loop(coupling, ("chi2", "chi3"), (masses[0], masses[1]), rf"-{sp.latex(coupling)}\,\phi\,\chi_2\chi_3")


def _ratio(rng: random.Random, pos: float) -> sp.Rational:
    """A loop-to-external mass ratio M/m in (1/2, 3] (m below the 2M threshold), never 1 (that is phi^3 itself);
    the knob allows larger denominators."""
    while True:
        den = rng.randint(1, 4 + round(pos * 8))
        r = sp.Rational(rng.randint(den // 2 + 1, 3 * den), den)
        if r != 1:
            return r


def _graduate(rng, pos):
    kind = pick(rng, ("phi3", "real", "real", "complex", "pair", "pair"))
    if kind == "phi3":  # phi^3: L = -(g/3!) phi^3, vertex -ig, symmetry 1/2 -> the same as (g/2) phi chi^2 with M = m
        loops = (Loop(g, ("chi", "chi"), (1, 1), r"-\frac{g}{3!}\phi^3"),)
        theory = r"A real scalar $\phi$ of physical mass $m$ with $\mathcal L_{\rm int} = -\frac{g}{3!}\phi^3$."
        return loops, theory, {"tier": "phi3"}
    r = _ratio(rng, pos)
    if kind == "pair":  # two different fields at one vertex, each heavier than m/2: m is below their threshold
        r2 = _ratio(rng, pos)
        loop = _loop("pair", 0, (r, r2), g)
        who = rf"real scalars $\chi_2$ (mass ${tex(r * m)}$) and $\chi_3$ (mass ${tex(r2 * m)}$)"
    else:
        loop = _loop(kind, 1 if kind == "real" else 0, (r,), g)
        who = (rf"a real scalar $\chi_1$ (mass ${tex(r * m)}$)" if kind == "real"
               else rf"a complex scalar $\xi$ (mass ${tex(r * m)}$)")
    theory = rf"A real scalar $\phi$ (physical mass $m$) couples to {who} through $\mathcal L_{{\rm int}} = {loop.lagrangian}$."
    params = {"tier": "one", "kind": kind, "masses": [str(x) for x in loop.masses]}
    return (loop,), theory, params


def _advanced(rng, pos, config):
    n = 2 + min(config.max_species - 2, int(pos * (config.max_species - 1))) if config.max_species > 1 else 1
    kinds = [pick(rng, ("real", "complex", "pair")) for _ in range(n)]
    couplings = sp.symbols(f"g_1:{n + 1}", positive=True)
    loops, fields_text, used = [], [], set()
    for i, kind in enumerate(kinds):
        if kind in used:
            kind = next(k for k in ("real", "complex", "pair") if k not in used)
        used.add(kind)
        if kind == "pair":
            a, b = pick(rng, RATIOS[1:8]), pick(rng, RATIOS[:8])  # a small pool: each unequal pair is a new integral
            loops.append(_loop(kind, 0, (a, b), couplings[i]))
            fields_text.append(rf"$\chi_2$ (mass ${tex(a * m)}$) and $\chi_3$ (mass ${tex(b * m)}$)")
        else:
            a = pick(rng, RATIOS)
            loops.append(_loop(kind, 1, (a,), couplings[i]))
            who = r"a real scalar $\chi_1$" if kind == "real" else r"a complex scalar $\xi$"
            fields_text.append(rf"{who} (mass ${tex(a * m)}$)")
    theory = (r"A real scalar $\phi$ of physical mass $m$ couples to " + ", ".join(fields_text) + " through "
              r"$\mathcal L_{\rm int} = " + " ".join(lp.lagrangian for lp in loops) + "$.")
    params = {"tier": "species", "loops": [[str(lp.coupling), list(lp.fields), [str(x) for x in lp.masses]] for lp in loops]}
    return tuple(loops), theory, params


PROCESSES = {  # process -> (tree-level contact term, number of external phi legs, of chi legs, TeX)
    "mixed": (r"\frac{\lambda}{4}\phi^2\chi^2", 2, 2, r"\phi\phi\to\chi\chi"),
    "phi4": (r"\frac{\lambda}{4!}\phi^4", 4, 0, r"\phi\phi\to\phi\phi"),
    "chi4": (r"\frac{\lambda}{4!}\chi^4", 0, 4, r"\chi\chi\to\chi\chi"),
}


def _postgraduate(rng, pos):
    den = rng.randint(2, 4 + round(pos * 8))
    r = sp.Rational(rng.randint(den // 2 + 1, 3 * den), den)  # M = r m > m/2: phi is below the chi chi threshold
    process = pick(rng, tuple(PROCESSES))
    contact, n_phi, n_chi, proc_tex = PROCESSES[process]
    phi_loop = _loop("real", 0, (r,), g)
    # chi self-energy: loop of phi (mass m) and chi (mass M), external p^2 = M^2
    vertex = (g / 2) * contractions(("chi", "chi"), ("chi", "chi"))  # -i g for phi chi chi
    c_chi = vertex**2 / (16 * sp.pi**2)  # distinct propagators: no symmetry factor
    bp_chi = b0_prime(sp.Integer(1), r, r**2)
    dz_chi = -c_chi * bp_chi / m**2
    dz_phi, lines = z_minus_one((phi_loop,))
    value = -lam * (sp.Rational(n_phi, 2) * dz_phi + sp.Rational(n_chi, 2) * dz_chi)
    theory = (rf"Real scalars $\phi$ (physical mass $m$) and $\chi$ (physical mass $M = {tex(r)}\,m$) with "
              rf"$\mathcal L_{{\rm int}} = -\frac{{g}}{{2}}\phi\chi^2 - {contact}$. At tree level "
              rf"$\mathcal M({proc_tex}) = -\lambda$ + $O(g^2)$ exchange terms.")
    if n_chi:
        lines.append(r"$Z_\chi$: the loop of one $\phi$ and one $\chi$ (vertex $-ig$, no symmetry factor): "
                     rf"$M_\chi^2 = -\frac{{g^2}}{{16\pi^2}}B_0(p^2; m, M)$ at $p^2 = M^2$: $m^2B_0' = {_tex_cached(bp_chi)}$, "
                     r"so $Z_\chi - 1 = -\frac{g^2}{16\pi^2m^2}\,m^2B_0'$.")
    lines.append(rf"LSZ: each external leg carries $\sqrt Z$, so the contact term becomes $-\lambda Z_\phi^{{{n_phi}/2}}"
                 rf"Z_\chi^{{{n_chi}/2}}$; the $O(\lambda g^2)$ leg-factor correction is ${tex(value)}$.")
    params = {"tier": "lsz", "r": str(r), "process": process}
    ask_ = (rf"Find the $O(\lambda g^2)$ correction to $\mathcal M({proc_tex})$ that comes from the LSZ residue factors of the "
            r"four external legs (not from one-particle-irreducible vertex corrections or exchange diagrams). Give it in "
            r"terms of $\lambda$, $g$ and $m$ (natural logarithms as $\ln$), as a single expression in `\boxed{}`.")
    return value, lines, theory, params, ask_


def _sum_rule(rng, pos):
    r"""Z from the Källén–Lehmann sum rule $Z + \int ds\,\rho_c(s) = 1$ with a given continuum density."""
    r = _ratio(rng, pos)
    c = g**2 / (32 * sp.pi**2)
    integral = b0_prime(r, r, 1)  # m^2 int ds beta/(s - m^2)^2 = m^2 B0'(m^2) by the dispersion relation of B0
    value = 1 - c / m**2 * integral
    theory = (r"A canonically normalised real scalar field $\phi$ (so $Z + \int ds\,\rho_c(s) = 1$ in the spectral "
              r"representation $\int d^4x\,e^{ip\cdot x}\langle\Omega|T\phi(x)\phi(0)|\Omega\rangle = \frac{iZ}{p^2-m^2} + "
              r"\int ds\,\rho_c(s)\frac{i}{p^2-s+i\epsilon}$) has a one-particle pole at $m$ and, to $O(g^2)$, the continuum density "
              rf"$$\rho_c(s) = \frac{{g^2}}{{32\pi^2}}\,\frac{{\sqrt{{1-4M^2/s}}}}{{(s-m^2)^2}}\,\theta(s-4M^2),\qquad M = {tex(r)}\,m.$$")
    ask_ = (r"Compute the residue $Z$ to $O(g^2)$. Give it in terms of $g$ and $m$ (natural logarithms as $\ln$), as a "
            r"single expression in `\boxed{}`.")
    lines = [r"$1 - Z = \int_{4M^2}^\infty ds\,\rho_c(s)$. With $\mathrm{Im}\,B_0(s) = \pi\sqrt{1-4M^2/s}$ the integral is "
             r"$\frac{g^2}{32\pi^2}\frac1\pi\int ds\,\frac{\mathrm{Im}B_0(s)}{(s-m^2)^2} = \frac{g^2}{32\pi^2}B_0'(m^2)$ (dispersion "
             r"relation of $B_0'$), i.e. the Feynman-parameter integral $\int_0^1dx\,\frac{x(1-x)}{M^2 - x(1-x)m^2}$ "
             rf"(equivalently substitute $v = \sqrt{{1-4M^2/s}}$): $m^2B_0' = {_tex_cached(integral)}$.",
             rf"So $Z = {tex(value)}$."]
    return value, lines, theory, {"tier": "sum_rule", "r": str(r)}, ask_


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d, pos = knob_and_position(config, level, rng)
    if level == "graduate" and rng.random() < 0.5:
        value, lines, theory, params, ask_ = _sum_rule(rng, pos)
        syms = ["g", "m"]
    elif level == "postgraduate":
        value, lines, theory, params, ask_ = _postgraduate(rng, pos)
        syms = ["lambda", "g", "m"]
    else:
        loops, theory, params = _graduate(rng, pos) if level == "graduate" else _advanced(rng, pos, config)
        value, lines = z_minus_one(loops)
        syms = sorted({str(x) for x in value.free_symbols})
        ask_ = ("Compute $Z_\\phi - 1$ to lowest order in the couplings. Give it in terms of "
                + ", ".join(f"${sp.latex(sp.Symbol(x))}$" for x in syms[:-1]) + f" and ${sp.latex(sp.Symbol(syms[-1]))}$"
                + r" (natural logarithms as $\ln$), as a single expression in `\boxed{}`.")
    steps = [] if params["tier"] == "sum_rule" else [r"$Z = [1 - dM^2/dp^2]^{-1} = 1 + dM^2/dp^2|_{\rm pole} + \dots$. Each loop gives $M^2 = -c\,B_0$ with "
             r"$c = S\,V^2/(16\pi^2)$ (vertex $V$ from the Wick contractions, $S = \frac12$ for two identical propagators) and "
             r"$dB_0/dp^2 = \int_0^1dx\,\frac{x(1-x)}{xm_1^2+(1-x)m_2^2-x(1-x)p^2}$ (finite)."] + lines
    blocks = [theory] if params["tier"] == "sum_rule" else [theory, PROPAGATOR]
    return finish([conventions(UNITS, METRIC, STATES), *blocks, ask_], steps, value, params, syms, d)


register(Family(
    name=NAME, category=CATEGORY, levels=LEVELS,
    description="LSZ residues: one-loop field-strength factor Z of a scalar with cubic couplings (several loop species, "
                "unequal masses) and the external-leg sqrt(Z) correction to a 2->2 amplitude.",
    generate=generate, config=Config(), version=1,
    reference="Denner Fortsch. Phys. 41 (1993) 307 eq. (4.23); Peskin & Schroeder §7.1-7.2 (eq. (7.9), LSZ (7.42))",
))
