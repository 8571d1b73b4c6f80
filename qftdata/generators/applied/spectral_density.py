r"""Källén–Lehmann spectral density of a composite operator in free field theory, and its moments.

The density is defined by $\rho(p^2)\theta(p^0) = (2\pi)^3\sum_n\delta^4(p-p_n)\langle0|O(0)|n\rangle\langle n|O^\dagger(0)|0\rangle$,
so that a free field of mass m has $\rho = \delta(s-m^2)$. For a bilinear only two-particle states contribute:
the family counts the Wick contractions of the operator with each two-particle state, traces fermion
bilinears with explicit Dirac matrices, multiplies by the two-body phase space and sums the open channels
(`_spectral.py`). Levels (the rubric in docs/generators.md):

* graduate: scalar bilinears $\sum c\,{:}\phi_i\phi_j{:}$, $:\chi^\dagger\chi:$ with several masses, $\rho$ at a
  numeric $s$ (thresholds decide which channels count); the knob adds terms and species;
* advanced-graduate: fermion bilinears $\bar\psi_a\Gamma\psi_b$ ($\Gamma = 1, i\gamma^5, \gamma^\mu, \gamma^\mu\gamma^5$,
  transverse/longitudinal parts of the currents), $N_c$ colours, general masses, $\rho(s)$ symbolic;
* postgraduate: derivatives $\Pi^{(n)}(0) = n!\int ds\,\rho(s)/s^{n+1}$ of the correlator (the dispersive sum
  rule), the solver choosing between the spectral integral and a direct loop computation.

References for the tests: $\rho_{\phi^2} = \beta/(8\pi^2)$ from $\mathrm{Im}\,B_0 = \pi\beta$ (Denner, Fortsch. Phys. 41
(1993) 307, eq. (4.23)); vector current $\beta(3-\beta^2)/2$ (R ratio, Peskin & Schroeder eq. (5.13)); scalar,
pseudoscalar $N_c s\beta^3/(8\pi^2)$, $N_c s\beta/(8\pi^2)$ (Reinders, Rubinstein & Yazaki, Phys. Rep. 127 (1985) 1);
$V\!-\!A$ widths $\propto 2 - (m_1^2+m_2^2)/s - (m_1^2-m_2^2)^2/s^2 \pm 6m_1m_2/s$ (PDG, W decay).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.applied._common import (
    CATEGORY,
    contractions,
    finish,
    knob_and_position,
    pick,
    sized,
    tex,
)
from qftdata.generators.applied._spectral import GAMMA_TEX, fermion_density, phase_weight, root, s
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, STATES, UNITS, conventions

NAME = "applied.spectral_density"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
m, m1, m2 = sp.symbols("m m_1 m_2", positive=True)
X = sp.Symbol("x", positive=True)
MASS_RATIOS = tuple(sp.Rational(v) for v in ("1", "2", "1/2", "3", "3/2", "5/2", "4", "1/3", "5/3", "7/2"))
COEFFS = tuple(sp.Rational(v) for v in ("1", "2", "3", "1/2", "1/3", "3/2", "2/3", "4", "5"))

DIRAC_TEXT = r"Dirac matrices obey $\{\gamma^\mu,\gamma^\nu\} = 2g^{\mu\nu}$ and $\gamma^5 = i\gamma^0\gamma^1\gamma^2\gamma^3$."
DEFINITION = (
    r"For a local operator $O$ define the spectral density by "
    r"$\rho(p^2)\,\theta(p^0) = (2\pi)^3\sum_n \delta^4(p-p_n)\,\langle 0|O(0)|n\rangle\langle n|O^\dagger(0)|0\rangle$, "
    r"where the states $|n\rangle$ are complete with the measure $\int\frac{d^3k}{(2\pi)^3 2E_k}$ per particle and a "
    r"factor $1/k!$ for $k$ identical particles; then $\int d^4x\,e^{ip\cdot x}\langle0|T\,O(x)O^\dagger(0)|0\rangle = "
    r"\int_0^\infty ds\,\rho(s)\,\frac{i}{p^2-s+i\epsilon}$ up to contact terms, and a free field of mass $M$ has "
    r"$\rho(s) = \delta(s-M^2)$.")


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_terms: int = 3  # scalar bilinears in the graduate operator

    def validate(self) -> None:
        if not 1 <= self.max_terms <= 4:
            raise ValueError(f"{NAME}: max_terms must be in 1..4")


# ---------------------------------------------------------------------------------------------- graduate


def _scalar_problem(rng: random.Random, pos: float, config: Config):
    n_terms = 1 + min(config.max_terms - 1, int(pos * config.max_terms))
    n_species = 1 + min(2, int(pos * 3) + rng.randint(0, 1))
    ratios = list(MASS_RATIOS[:7])
    rng.shuffle(ratios)
    masses = {f"phi_{i + 1}": ratios[i] for i in range(n_species)}
    complex_field = rng.random() < 0.4
    if complex_field:
        masses["chi"] = ratios[n_species]
    names = sorted(masses)
    pool = [(a, a) for a in names if a != "chi"] + [(a, b) for i, a in enumerate(names) for b in names[i + 1:]]
    if complex_field:
        pool = [p for p in pool if "chi" not in p] + [("chi", "chibar")]
    rng.shuffle(pool)
    terms = sorted(pool[:n_terms])
    coeffs = [pick(rng, COEFFS) for _ in terms]
    thresholds = [(masses[a] + masses["chi" if b == "chibar" else b]) ** 2 for a, b in terms]
    lowest, highest = min(thresholds), max(thresholds)
    # s above the lowest threshold; larger knob values push s past more thresholds (more channels open)
    span = highest - lowest + 2
    s_val = lowest + sp.Rational(rng.randint(1, 8), pick(rng, (1, 2, 3, 4))) + (span * sp.Rational(round(pos * 4), 4) if n_terms > 1 else 0)
    return masses, terms, coeffs, s_val


def _op_tex(terms, coeffs) -> str:
    def field(a):
        if a.startswith("chi"):
            return r"\chi^\dagger" if a == "chi" else r"\chi"
        return r"\phi_{" + a.split("_")[1] + "}"
    parts = []
    for (a, b), c in zip(terms, coeffs, strict=True):
        body = (field(a) + "^2") if a == b else (field(a) + field(b))
        parts.append(("" if c == 1 else tex(c)) + r"{:}" + body + r"{:}")
    return " + ".join(parts)


def _scalar_density(masses, terms, coeffs, s_val):
    total, lines = sp.Integer(0), []
    for (a, b), c in zip(terms, coeffs, strict=True):
        pa, pb = a, ("chi" if b == "chibar" else b)
        ma, mb = masses[pa] * m, masses[pb] * m
        identical = a == b
        state = (a, a) if identical else (a, b)
        amp = c * contractions((a, b), state)
        label = r"\chi\bar\chi" if b == "chibar" else (rf"\phi_{{{a[-1]}}}\phi_{{{b[-1]}}}")
        if s_val * m**2 <= (ma + mb) ** 2:
            lines.append(rf"The ${label}$ channel is closed: $s = {tex(s_val)}m^2 \le (m_a+m_b)^2 = {tex((ma + mb) ** 2)}$.")
            continue
        # rho is dimensionless: evaluate at m = 1, s = s_val
        rho_c = (amp**2 * phase_weight(identical) * root(ma, mb)).xreplace({s: s_val, m: 1})
        total += rho_c
        sym = r"\tfrac12\cdot" if identical else ""
        lines.append(rf"${label}$ (threshold ${tex((ma + mb) ** 2)}$): $\langle0|O|{label}\rangle = {tex(amp)}$, so "
                     rf"$\rho \supset {sym}{tex(amp**2)}\cdot\frac{{\Phi_2}}{{2\pi}} = {tex(rho_c)}$.")
    return total, lines


def _graduate(rng, pos, config):
    masses, terms, coeffs, s_val = _scalar_problem(rng, pos, config)
    value, lines = _scalar_density(masses, terms, coeffs, s_val)
    fields = []
    for name, r in masses.items():
        kind = "complex scalar" if name == "chi" else "real scalar"
        sym = r"\chi" if name == "chi" else rf"\phi_{{{name[-1]}}}"
        fields.append(rf"a free {kind} ${sym}$ of mass ${tex(r * m)}$")
    setup = ("Consider " + ", ".join(fields[:-1]) + (" and " if len(fields) > 1 else "") + fields[-1] +
             rf" (no interactions), and the Hermitian operator $$O(x) = {_op_tex(terms, coeffs)}$$ (normal ordered).")
    ask_ = (rf"Compute $\rho(s)$ at $s = {tex(s_val)}\,m^2$. Give the exact value (a pure number) in `\boxed{{}}`.")
    steps = [r"Only two-particle states have $\langle0|O|n\rangle \ne 0$. For a pair of masses $m_a, m_b$ the "
             r"two-body phase space is $\Phi_2 = \int d\Phi_2 = \frac{k}{4\pi\sqrt s}$ with $k$ the CM momentum, and "
             r"$(2\pi)^3\int\frac{d^3k_1}{(2\pi)^32E_1}\frac{d^3k_2}{(2\pi)^32E_2}\delta^4(p-k_1-k_2) = \frac{\Phi_2}{2\pi}$; "
             r"identical particles carry the $1/2!$ of the completeness relation."] + lines
    params = {"tier": "scalar", "masses": {k: str(v) for k, v in masses.items()},
              "terms": [list(t) for t in terms], "coeffs": [str(c) for c in coeffs], "s": str(s_val)}
    return setup, ask_, steps, value, [], params, []


# ------------------------------------------------------------------------------------- advanced-graduate

CURRENTS = (("S", ""), ("P", ""), ("V", "T"), ("A", "T"), ("A", "L"), ("V", "L"))
MASS_CASES = ("equal", "one_massless", "ratio", "general")


@cache
def _fermion_case(case: str, k):
    """(m_a, m_b, mass statement, answer symbols, domain) for the mass configuration of the bilinear."""
    if case == "equal":
        return m, m, r"a Dirac fermion $\psi$ of mass $m$", ["s", "m"], ["s > 4*m^2"]
    if case == "one_massless":
        return m, sp.Integer(0), (r"Dirac fermions $\psi_1$ of mass $m$ and $\psi_2$ massless"), ["s", "m"], ["s > m^2"]
    if case == "ratio":
        return m, k * m, rf"Dirac fermions $\psi_1$ of mass $m$ and $\psi_2$ of mass ${tex(k * m)}$", ["s", "m"], [f"s > {sp.sstr((1 + k) ** 2)}*m^2"]
    return m1, m2, r"Dirac fermions $\psi_1$ of mass $m_1$ and $\psi_2$ of mass $m_2$", ["s", "m_1", "m_2"], ["s > (m_1 + m_2)^2"]


def _operator_tex(kind: str, case: str) -> str:
    """The bilinear with a colour index c, e.g. bar psi_1^c gamma^mu psi_2^c."""
    a, b = (r"\psi^c", r"\psi^c") if case == "equal" else (r"\psi_1^c", r"\psi_2^c")
    return rf"\bar{a}{GAMMA_TEX[kind]}{b}"


def _advanced(rng, pos):
    case = sized(rng, pos, MASS_CASES, 0.5)
    options = [c for c in CURRENTS if not (case == "equal" and c == ("V", "L"))]
    kind, part = pick(rng, options)
    k = pick(rng, (2, 3, 4, 5, sp.Rational(1, 2), sp.Rational(3, 2))) if case == "ratio" else 1
    n_c, coeff = pick(rng, (1, 2, 3, 4, 5)), pick(rng, COEFFS[:6])
    ma, mb, who, syms, domain = _fermion_case(case, sp.Rational(k))
    rational, rt = fermion_density(kind, ma, mb, n_c, part)
    value = sp.factor(coeff**2 * rational) * rt
    op = _operator_tex(kind, case)
    coeff_tex = "" if coeff == 1 else tex(coeff)
    cur = rf"$O = {coeff_tex}\sum_{{c=1}}^{{{n_c}}}{op}$"
    setup = (rf"Consider {who}, free, each coming in $N_c = {n_c}$ colours ($c$ a colour index), and the colour-singlet "
             rf"operator {cur}.")
    if kind in ("V", "A"):
        setup += (r" For this vector-type operator $O^\mu$ define $\rho^{\mu\nu}(p)\theta(p^0) = (2\pi)^3\sum_n\delta^4(p-p_n)"
                  r"\langle0|O^\mu(0)|n\rangle\langle n|O^{\nu\dagger}(0)|0\rangle$ and decompose "
                  r"$\rho^{\mu\nu}(p) = (p^\mu p^\nu - p^2g^{\mu\nu})\,\rho_T(p^2) + p^\mu p^\nu\rho_L(p^2)$.")
        what = rf"$\rho_{part}(s)$"
    else:
        what = r"$\rho(s)$"
    ask_ = (f"Compute {what} above the two-particle threshold. Give it in terms of "
            + ", ".join(f"${sp.latex(sp.Symbol(n))}$" for n in syms[:-1]) + f" and ${sp.latex(sp.Symbol(syms[-1]))}$"
            + r", as a single expression in `\boxed{}`.")
    proj = ("" if kind in ("S", "P") else
            r" Contract with $-g_{\mu\nu}$ ($=3s\rho_T - s\rho_L$) and with $q_\mu q_\nu$ ($= s^2\rho_L$).")
    steps = [r"The state is a fermion of $\psi_2$ (momentum $k_1$, spinor $u$) and an antifermion of $\psi_1$ "
             r"($k_2$, $v$) with matched colours ($N_c$ states); "
             r"$\sum_{\rm spins}|\bar v\Gamma u|^2 = \mathrm{tr}[\Gamma(\not k_1+m_{\psi_2})\bar\Gamma(\not k_2-m_{\psi_1})]$ "
             r"with $\bar\Gamma = \gamma^0\Gamma^\dagger\gamma^0$." + proj,
             r"Each channel gives $\rho = N_c c^2\,\overline{|\mathcal A|^2}\,\Phi_2/(2\pi)$ with $\Phi_2 = "
             r"\lambda^{1/2}(s,m_1^2,m_2^2)/(8\pi s)$.",
             rf"Result: ${tex(value)}$."]
    params = {"tier": "fermion", "kind": kind, "part": part, "case": case, "k": str(k), "N_c": n_c, "c": str(coeff)}
    return setup, ask_, steps, value, syms, params, domain


# ------------------------------------------------------------------------------------------- postgraduate

# (operator key, growth exponent g of rho ~ s^g at large s)
MOMENT_OPS = (("phi2", 0), ("chichi", 0), ("S", 1), ("P", 1), ("V", 0), ("A", 0))


@cache
def _beta_moment(op: str, n: int, massless_partner: bool) -> sp.Expr:
    r"""$\int_{th}^\infty ds\,\rho(s)/s^{n+1}$ for unit coefficient and N_c = 1. With $s = th/x$ the integrand is a
    polynomial in x times $\sqrt{1-x}$ (equal masses: root $= s\sqrt{1-x}$, Beta functions) or a polynomial
    (one massless particle: root $= s - m^2$)."""
    mb = sp.Integer(0) if massless_partner else m
    if op == "phi2":
        rational, rt = sp.Integer(4) * phase_weight(True), root(m, m)
    elif op == "chichi":
        rational, rt = phase_weight(False), root(m, mb)
    else:
        rational, rt = fermion_density(op, m, mb, 1, "T" if op in ("V", "A") else "")
    th = (m + mb) ** 2
    if massless_partner:
        reduced = rt.subs(s, th / X)  # s - m^2 = m^2 (1 - x)/x, rational in x
    else:
        reduced = th / X  # sqrt(s (s - 4m^2)) = s sqrt(1 - x); the sqrt(1 - x) goes into the Beta function
        point = {m: 1, X: sp.Rational(1, 3)}
        if (rt.subs(s, th / X) - reduced * sp.sqrt(1 - X)).subs(point) != 0:
            raise ArithmeticError(f"unexpected threshold root {rt}")
    poly = sp.Poly(sp.cancel(rational.subs(s, th / X) * reduced * (X / th) ** (n + 1) * th / X**2), X)
    if massless_partner:
        return sum(c / (p + 1) for (p,), c in poly.terms())
    half = sp.Rational(3, 2)
    return sum(c * sp.gamma(p + 1) * sp.gamma(half) / sp.gamma(p + 1 + half) for (p,), c in poly.terms())


def _postgraduate(rng, pos):
    op, growth = pick(rng, MOMENT_OPS)
    massless = op != "phi2" and rng.random() < 0.35
    n = growth + 1 + min(3, int(pos * 3) + rng.randint(0, 1))
    n_c = 1 if op in ("phi2", "chichi") else pick(rng, (1, 2, 3))
    coeff = pick(rng, COEFFS[:6])
    moment = _beta_moment(op, n, massless)
    value = sp.factor(coeff**2 * n_c * sp.factorial(n) * moment)
    if op == "phi2":
        who, oper = r"a free real scalar $\phi$ of mass $m$", rf"$O = {'' if coeff == 1 else tex(coeff)}{{:}}\phi^2{{:}}$"
    elif op == "chichi":
        who = (r"free complex scalars $\chi_1$ of mass $m$ and $\chi_2$ massless" if massless
               else r"a free complex scalar $\chi$ of mass $m$")
        body = r"\chi_1^\dagger\chi_2" if massless else r"\chi^\dagger\chi"
        oper = rf"$O = {'' if coeff == 1 else tex(coeff)}{{:}}{body}{{:}}$"
    else:
        case = "one_massless" if massless else "equal"
        who = (_fermion_case(case, 1)[2] + rf", each in $N_c = {n_c}$ colours")
        oper = rf"the colour-singlet $O = {'' if coeff == 1 else tex(coeff)}\sum_c {_operator_tex(op, case)}$ (colour indices summed)"
    if op in ("V", "A"):
        corr = (r"$i\int d^4x\,e^{iq\cdot x}\langle0|T\,O^\mu(x)O^{\nu\dagger}(0)|0\rangle = (q^\mu q^\nu - q^2g^{\mu\nu})\,\Pi_T(q^2) "
                r"+ q^\mu q^\nu\,\Pi_L(q^2)$")
        target, fn = rf"the derivative $\frac{{d^{{{n}}}\Pi_T}}{{d(q^2)^{{{n}}}}}$ at $q^2 = 0$", r"\Pi_T"
    else:
        corr = r"$\Pi(q^2) = i\int d^4x\,e^{iq\cdot x}\langle0|T\,O(x)O^\dagger(0)|0\rangle$"
        target, fn = rf"the derivative $\frac{{d^{{{n}}}\Pi}}{{d(q^2)^{{{n}}}}}$ at $q^2 = 0$", r"\Pi"
    setup = (f"Consider {who} and {oper}, with the correlator {corr} at one loop (lowest order; no interactions). "
             f"It is defined only up to a polynomial in $q^2$ of degree {growth} (contact terms), but higher derivatives "
             f"at $q^2 = 0$ are unambiguous.")
    ask_ = rf"Compute {target}. Give it in terms of $m$, as a single expression in `\boxed{{}}`."
    th = "m^2" if massless else "4m^2"
    steps = [rf"The spectral representation gives ${fn}(q^2) = \int ds\,\frac{{\rho(s)}}{{s-q^2-i\epsilon}}$ + polynomial of "
             rf"degree {growth}, so ${fn}^{{({n})}}(0) = {n}!\int_{{{th}}}^\infty ds\,\frac{{\rho(s)}}{{s^{{{n + 1}}}}}$ "
             rf"(convergent since $\rho \sim s^{{{growth}}}$).",
             r"The two-particle density is $\rho = N_c c^2\,\overline{|\mathcal A|^2}\,\Phi_2/(2\pi)$ (trace over spins for "
             r"fermion bilinears).",
             rf"With $x = {th}/s$ the integral becomes a " + ("polynomial integral" if massless else
                                                                  r"sum of Beta functions $B(p+1, \tfrac32)$")
             + rf": $\int ds\,\rho/s^{{{n + 1}}} = {tex(coeff**2 * n_c * moment)}$, times ${n}!$ gives ${tex(value)}$."]
    params = {"tier": "moment", "op": op, "massless": massless, "n": n, "N_c": n_c, "c": str(coeff)}
    return setup, ask_, steps, value, ["m"], params, []


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d, pos = knob_and_position(config, level, rng)
    if level == "graduate":
        setup, ask_, steps, value, syms, params, domain = _graduate(rng, pos, config)
    elif level == "advanced-graduate":
        setup, ask_, steps, value, syms, params, domain = _advanced(rng, pos)
    else:
        setup, ask_, steps, value, syms, params, domain = _postgraduate(rng, pos)
    conv = [UNITS, METRIC, STATES] + ([] if params["tier"] == "scalar" else [DIRAC_TEXT])
    return finish([conventions(*conv), DEFINITION, setup, ask_], steps, value, params, syms, d, domain=domain)


register(Family(
    name=NAME, category=CATEGORY, levels=LEVELS,
    description="Källén–Lehmann two-particle spectral density of free-field bilinears (scalar, fermion, currents) "
                "and its dispersive moments (derivatives of the correlator at q^2 = 0).",
    generate=generate, config=Config(), version=1,
    reference="Denner Fortsch. Phys. 41 (1993) 307 eq. (4.23); Peskin & Schroeder eq. (5.13); Reinders, Rubinstein "
              "& Yazaki Phys. Rep. 127 (1985) 1",
))
