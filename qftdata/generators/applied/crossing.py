r"""Crossing symmetry: one process's spin-averaged $|\mathcal M|^2$ from another's.

The same analytic function describes every process obtained by moving legs between the initial and final
state ($p \to -p$ for a crossed leg); the spin-*summed* $\sum|\mathcal M|^2$ picks up a factor $-1$ for every
crossed fermion (the spin sum $u\bar u = \not p + m$ turns into $v\bar v = \not p - m$ with $p \to -p$), and the
spin *average* must be redone for the new initial state. The family computes the base process's
$\sum|\mathcal M|^2$ from its Feynman rules (Dirac traces with `dirac.word_trace`, two traces sharing the photon
indices with `_traces.two_trace_product`), writes it in all-incoming momenta, crosses it to the target
process, and re-expresses it in the target's Mandelstam variables. Levels:

* advanced-undergraduate: massless $e^+e^-\to\mu^+\mu^-$ given, $e^-\mu^\mp\to e^-\mu^\mp$ asked (or the reverse);
* graduate: the same with masses, and Yukawa $f\bar f\to\phi\phi$ $\leftrightarrow$ $f\phi\to f\phi$ (the average changes);
* advanced-graduate: Compton scattering $\leftrightarrow$ pair annihilation $\leftrightarrow$ pair creation with masses;
* postgraduate: the total cross section of the crossed process ($\gamma\gamma\to f\bar f$ or $f\bar f\to\gamma\gamma$)
  at a given velocity, integrating the crossed $|\mathcal M|^2$ over $t$.

References for the tests: P&S eqs. (5.10), (5.61) and (5.87) ($e^+e^-\to\mu^+\mu^-$, $e^-\mu^-\to e^-\mu^-$ via crossing,
Compton), P&S problem 5.3 / eq. (5.105) (pair annihilation), the Breit–Wheeler cross section (Berestetskii,
Lifshitz & Pitaevskii, QED, §88) and $q\bar q\to\phi\phi$-type Yukawa results checked by direct traces.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators.applied._common import (
    CATEGORY,
    finish,
    integrate_fractions,
    knob_and_position,
    linear_partial_fractions,
    pick,
    tex,
)
from qftdata.generators.applied._traces import gamma_idx, slash_sum, trace_of, two_trace_product
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.dirac import dot_symbol
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, STATES, UNITS, conventions

NAME = "applied.crossing"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate")
e, g, m, M = sp.symbols("e g m M", positive=True)
s, t, u = sp.symbols("s t u", real=True)
CHARGES = (sp.Integer(-1), sp.Rational(2, 3), sp.Rational(-1, 3), sp.Integer(1), sp.Integer(2), sp.Rational(1, 2))
SPINS = {"f": 2, "fbar": 2, "photon": 2, "scalar": 1}


@dataclass(frozen=True)
class Leg:
    kind: str       # f, fbar, photon, scalar
    incoming: bool
    mass: sp.Expr
    label: str      # TeX name of the particle


@dataclass(frozen=True)
class Process:
    legs: tuple[Leg, Leg, Leg, Leg]

    def text(self) -> str:
        ins = " ".join(rf"{leg.label}(p_{i + 1})" for i, leg in enumerate(self.legs) if leg.incoming)
        outs = " ".join(rf"{leg.label}(p_{i + 1})" for i, leg in enumerate(self.legs) if not leg.incoming)
        return f"${ins} \\to {outs}$"

    def average(self) -> int:
        out = 1
        for leg in self.legs:
            if leg.incoming:
                out *= SPINS[leg.kind]
        return out


# ------------------------------------------------------------------------------- base amplitudes


def _p(i: int, j: int) -> sp.Symbol:
    return dot_symbol(str(i), str(j))


@cache
def base_msq(key: str, m1, m2) -> tuple[tuple[sp.Expr, sp.Expr], ...]:
    r"""$\sum_{\rm spins,pols}|\mathcal M|^2$ of the base process in the physical-momentum products $P_{ij} = p_i\cdot p_j$,
    as (numerator, denominator) terms (kept apart so that the sum is put over one denominator with
    polynomial arithmetic later, not with `cancel` on a large expression)."""
    if key == "qed_pair":  # f1(p1) f1bar(p2) -> f2(p3) f2bar(p4), one photon in the s channel
        lep = [slash_sum(("2", 1), (None, -m1)), gamma_idx("mu"), slash_sum(("1", 1), (None, m1)), gamma_idx("nu")]
        had = [slash_sum(("3", 1), (None, m2)), gamma_idx("mu"), slash_sum(("4", 1), (None, -m2)), gamma_idx("nu")]
        s_a = 2 * m1**2 + 2 * _p(1, 2)
        return ((two_trace_product(lep, had), s_a**2),)
    if key == "compton":  # f(p1) gamma(p2) -> f(p3) gamma(p4); sum over polarisations with -g (Ward identity)
        diagrams = [  # (word in the order of the amplitude, its Dirac conjugate, denominator)
            ([gamma_idx("nu"), slash_sum(("1", 1), ("2", 1), (None, m1)), gamma_idx("mu")],
             [gamma_idx("mu"), slash_sum(("1", 1), ("2", 1), (None, m1)), gamma_idx("nu")], 2 * _p(1, 2)),
            ([gamma_idx("mu"), slash_sum(("1", 1), ("4", -1), (None, m1)), gamma_idx("nu")],
             [gamma_idx("nu"), slash_sum(("1", 1), ("4", -1), (None, m1)), gamma_idx("mu")], -2 * _p(1, 4)),
        ]
        return tuple((trace_of([slash_sum(("3", 1), (None, m1))] + word_a + [slash_sum(("1", 1), (None, m1))] + bar_b),
                      den_a * den_b) for word_a, _, den_a in diagrams for _, bar_b, den_b in diagrams)
    if key == "yukawa_pair":  # f(p1) fbar(p2) -> phi(p3) phi(p4), L = -g phi psibar psi, fermion in t and u
        props = [(slash_sum(("1", 1), ("3", -1), (None, m1)), m2**2 - 2 * _p(1, 3)),
                 (slash_sum(("1", 1), ("4", -1), (None, m1)), m2**2 - 2 * _p(1, 4))]
        return tuple((trace_of([slash_sum(("2", 1), (None, -m1)), num_a, slash_sum(("1", 1), (None, m1)), num_b]),
                      den_a * den_b) for num_a, den_a in props for num_b, den_b in props)
    raise KeyError(key)


def _legs(key: str, m1, m2, names) -> Process:
    if key == "qed_pair":
        a, b = names
        return Process((Leg("f", True, m1, a), Leg("fbar", True, m1, rf"\bar{{{a}}}"),
                        Leg("f", False, m2, b), Leg("fbar", False, m2, rf"\bar{{{b}}}")))
    if key == "compton":
        return Process((Leg("f", True, m1, "f"), Leg("photon", True, 0, r"\gamma"),
                        Leg("f", False, m1, "f"), Leg("photon", False, 0, r"\gamma")))
    return Process((Leg("f", True, m1, r"\psi"), Leg("fbar", True, m1, r"\bar\psi"),
                    Leg("scalar", False, m2, r"\phi"), Leg("scalar", False, m2, r"\phi")))


# crossings of each base process: name -> permutation (base leg i becomes target leg perm[i]) and target legs
def _crossed(key: str, base: Process, which: str) -> tuple[Process, tuple[int, ...]]:
    f1, f1b, f2, f2b = base.legs
    flip = {"f": "fbar", "fbar": "f"}

    def crossed(leg: Leg) -> Leg:  # the same field line on the other side: antiparticle <-> particle
        kind = flip.get(leg.kind, leg.kind)
        if kind not in ("f", "fbar"):
            label = leg.label
        elif leg.label.startswith(r"\bar{"):
            label = leg.label[len(r"\bar{"):-1]
        elif leg.label.startswith(r"\bar"):
            label = leg.label[len(r"\bar"):]
        else:
            label = rf"\bar{{{leg.label}}}"
        return Leg(kind, not leg.incoming, leg.mass, label)

    if key == "qed_pair":
        if which == "same_charge":   # f1 f2 -> f1 f2: base legs (1, 2, 3, 4) -> (1, 3, 4, 2)
            return Process((f1, crossed(f2b), crossed(f1b), f2)), (0, 2, 3, 1)
        return Process((f1, crossed(f2), crossed(f1b), f2b)), (0, 2, 1, 3)  # f1 f2bar -> f1 f2bar
    if key == "compton":
        if which == "annihilation":  # f fbar -> gamma gamma
            return Process((f1, crossed(f2), crossed(f1b), f2b)), (0, 2, 1, 3)
        return Process((f1b, crossed(f2b), f2, crossed(f1))), (3, 0, 2, 1)  # gamma gamma -> f fbar
    if which == "scattering":        # psi phi -> psi phi
        return Process((f1, crossed(f2), crossed(f1b), f2b)), (0, 2, 1, 3)
    return Process((crossed(f2), crossed(f2b), crossed(f1b), crossed(f1))), (3, 2, 0, 1)  # phi phi -> psi psibar


CROSSINGS = {"qed_pair": ("same_charge", "opposite_charge"), "compton": ("annihilation", "creation"),
             "yukawa_pair": ("scattering", "creation")}


def in_mandelstam(msq_phys, proc: Process):
    """Replace P_ij (physical momenta of `proc`) by s, t, u: s = (p1+p2)^2, t = (p1-p3)^2, u = (p1-p4)^2 with the
    incoming/outgoing assignment of `proc` (p_i all physical, so p1 + p2 = p3 + p4 when 1, 2 are incoming)."""
    mass2 = [leg.mass**2 for leg in proc.legs]
    sig = [1 if leg.incoming else -1 for leg in proc.legs]
    # all-incoming K_i = sig_i p_i; K1+K2 squared = s, K1+K3 = t, K1+K4 = u
    kk = {}
    for i in range(4):
        for j in range(i, 4):
            if i == j:
                kk[(i, j)] = mass2[i]
                continue
            pair = frozenset((i, j))
            var = s if pair in (frozenset((0, 1)), frozenset((2, 3))) else (
                t if pair in (frozenset((0, 2)), frozenset((1, 3))) else u)
            # (K_i + K_j)^2 = var  =>  K_i.K_j = (var - m_i^2 - m_j^2)/2
            kk[(i, j)] = (var - mass2[i] - mass2[j]) / 2
    subs = {dot_symbol(str(i + 1), str(j + 1)): sig[i] * sig[j] * kk[(i, j)] for i in range(4) for j in range(i, 4)}
    return tuple((num.xreplace(subs), den.xreplace(subs)) for num, den in msq_phys)


def crossed_msq(msq_phys, base: Process, target: Process, perm: tuple[int, ...]):
    """The base's spin sum evaluated for the target: K^base_i = K^target_perm[i] (all-incoming momenta), times
    (-1)^(number of fermion lines moved across). Returns (expression in the target's P_ij, sign)."""
    sb = [1 if leg.incoming else -1 for leg in base.legs]
    st = [1 if leg.incoming else -1 for leg in target.legs]
    subs = {}
    for i in range(4):
        for j in range(i, 4):
            a, b = perm[i], perm[j]
            subs[dot_symbol(str(i + 1), str(j + 1))] = sb[i] * sb[j] * st[a] * st[b] * dot_symbol(str(a + 1), str(b + 1))
    moved = sum(1 for i, leg in enumerate(base.legs) if leg.kind in ("f", "fbar") and leg.incoming != target.legs[perm[i]].incoming)
    sign = (-1) ** moved
    return tuple((sign * num.xreplace(subs), den.xreplace(subs)) for num, den in msq_phys), sign


def on_shell_st(terms, proc: Process, divide: int = 1) -> sp.Expr:
    """Sum of (numerator, denominator) terms over one denominator, u eliminated with s + t + u = sum m^2, divided
    by `divide`. The denominators are products of propagator factors: the common denominator is built from
    their factor lists and cancelled factor by factor (polynomial division), which keeps this fast."""
    total = sum(leg.mass**2 for leg in proc.legs)
    gens = (s, t) + tuple(sorted({x for leg in proc.legs for x in sp.sympify(leg.mass).free_symbols}, key=str))  # trusted
    parts = []
    lcm: dict[sp.Poly, int] = {}
    for n, d in terms:
        coeff, factors = sp.factor_list(sp.expand(d.subs(u, total - s - t)), *gens)
        fac = {sp.Poly(f, *gens).monic(): k for f, k in factors}
        # a monic factor's leading coefficient goes into the numerator's constant
        scale = coeff * sp.Mul(*[sp.Poly(f, *gens).LC() ** k for f, k in factors])
        parts.append((sp.Poly(sp.expand(n.subs(u, total - s - t)), *gens) * (1 / scale), fac))
        for f, k in fac.items():
            lcm[f] = max(lcm.get(f, 0), k)
    num = sp.Poly(0, *gens)
    for n, fac in parts:
        rest = n
        for f, k in lcm.items():
            rest = rest * f ** (k - fac.get(f, 0))
        num += rest
    for f in list(lcm):
        while lcm[f] and sp.div(num, f)[1].is_zero:
            num, lcm[f] = sp.div(num, f)[0], lcm[f] - 1
    content, primitive = num.primitive()  # factoring the large numerator would cost ~0.5 s per case
    if primitive.LC() < 0:
        content, primitive = -content, -primitive
    den = sp.Mul(*[f.as_expr() ** k for f, k in lcm.items()])
    return (content / divide) * primitive.as_expr() / den


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


@cache
def process_average(key: str, m1, m2, names: tuple[str, str], which: str) -> tuple[Process, sp.Expr, int]:
    """(process, spin-averaged |M|^2 in its s and t with unit couplings, sign relative to the base): the base
    spin sum crossed to the process `which` (cached; charges only rescale it)."""
    base = _legs(key, m1, m2, names)
    proc, perm = (base, (0, 1, 2, 3)) if which == "base" else _crossed(key, base, which)
    summed, sign = crossed_msq(base_msq(key, m1, m2), base, proc, perm)
    return proc, on_shell_st(in_mandelstam(summed, proc), proc, proc.average()), sign


@cache
def _tex_cached(expr: sp.Expr) -> str:
    return tex(expr)


def scaled_tex(coupling: sp.Expr, expr: sp.Expr) -> str:
    """LaTeX of coupling * expr, printing the (large, cached) structural part once per structure: printing a
    degree-8 polynomial costs ~15 ms, and only the coupling changes from draw to draw."""
    return rf"{tex(coupling)} \left({_tex_cached(expr)}\right)"


def _mass(value) -> str:
    return "massless" if value == 0 else f"mass ${tex(value)}$"


def _setup(key, level, rng, pos):
    if key == "qed_pair":
        q1, q2 = pick(rng, CHARGES), pick(rng, CHARGES)
        masses = "massless" if level == "advanced-undergraduate" else pick(rng, ("one", "both"))
        m1, m2 = {"massless": (0, 0), "one": (0, M), "both": (m, M)}[masses]
        names = ("f_1", "f_2")
        coupling = e**4 * q1**2 * q2**2
        theory = (rf"QED with two Dirac fermions $f_1$ ({_mass(m1)}, charge $Q_1 = {tex(q1)}$ in units of $e$) and $f_2$ "
                  rf"({_mass(m2)}, charge $Q_2 = {tex(q2)}$), $D_\mu = \partial_\mu + ieQA_\mu$; tree level, one-photon exchange.")
        params = {"Q1": str(q1), "Q2": str(q2), "masses": masses}
    elif key == "compton":
        q1 = pick(rng, CHARGES)
        masses = pick(rng, ("massive", "massive", "massless")) if level != "postgraduate" else "massive"
        m1, m2 = (m if masses == "massive" else 0), 0
        names = ("f", "f")
        coupling = e**4 * q1**4
        theory = (rf"QED of a Dirac fermion $f$ ({_mass(m1)}) of charge $Q = {tex(q1)}$ (units of $e$), "
                  r"$D_\mu = \partial_\mu + ieQA_\mu$; tree level.")
        params = {"Q": str(q1), "masses": masses}
    else:
        masses = "both" if level == "advanced-graduate" else pick(rng, ("fermion_massless", "scalar_massless"))
        m1, m2 = {"both": (m, M), "fermion_massless": (0, M), "scalar_massless": (m, 0)}[masses]
        names = (r"\psi", r"\phi")
        coupling = g**4
        theory = (rf"A Dirac fermion $\psi$ ({_mass(m1)}) and a real scalar $\phi$ ({_mass(m2)}) with "
                  r"$\mathcal L_{\rm int} = -g\,\phi\bar\psi\psi$; tree level.")
        params = {"masses": masses}
    return m1, m2, names, coupling, theory, params


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d, pos = knob_and_position(config, level, rng)
    # levels are disjoint: massless QED pairs; massive QED pairs and Yukawa with one massless particle;
    # Compton-class processes and fully massive Yukawa; total cross sections of crossed Compton processes
    if level == "advanced-undergraduate":
        key = "qed_pair"
    elif level == "graduate":
        key = pick(rng, ("qed_pair", "yukawa_pair"))
    elif level == "advanced-graduate":
        key = pick(rng, ("compton", "compton", "yukawa_pair"))
    else:
        key = "compton"
    m1, m2, names, coupling, theory, params = _setup(key, level, rng, pos)
    options = ("base",) + CROSSINGS[key]
    # the given process and the asked one: two different members of the crossing class
    if level == "postgraduate":
        given, asked = "base", pick(rng, CROSSINGS[key])
    else:
        given = pick(rng, options)
        asked = pick(rng, tuple(o for o in options if o != given))
    g_proc, g_avg, g_sign = process_average(key, m1, m2, names, given)
    a_proc, a_avg, a_sign = process_average(key, m1, m2, names, asked)
    sign = g_sign * a_sign  # fermions moved between the given and the asked process
    g_tex, a_tex = scaled_tex(coupling, g_avg), scaled_tex(coupling, a_avg)
    g_avg, a_avg = coupling * g_avg, coupling * a_avg
    avg_words = (r"averaged over initial and summed over final spins and photon polarisations, "
                 r"$\overline{|\mathcal M|^2}$")
    mand = r"$s = (p_1+p_2)^2$, $t = (p_1-p_3)^2$, $u = (p_1-p_4)^2$ for each process, with $s + t + u = \sum_i m_i^2$"
    syms = sorted({str(x) for x in a_avg.free_symbols} - {"u"})
    params.update({"key": key, "given": given, "asked": asked})
    steps = [rf"Given: $\overline{{|\mathcal M|^2}}$ of {g_proc.text()} $= {g_tex}$; its spin *sum* is "
             rf"{g_proc.average()} times this.",
             rf"Crossing to {a_proc.text()}: move the crossed legs across ($p\to -p$) and relabel, so that the old "
             rf"invariants become the new ones; each fermion moved across flips the sign of the spin sum (here "
             rf"${'+' if sign > 0 else '-'}1$).",
             rf"Divide by the new initial-state average {a_proc.average()} and eliminate $u$: "
             rf"$\overline{{|\mathcal M|^2}} = {a_tex}$."]
    domain = []
    assumptions = {"t": "real"}
    if level == "postgraduate":
        value, extra_steps, params_pg = _total_cross_section(a_proc, a_avg / coupling, rng, pos)
        value = coupling * value
        params.update(params_pg)
        steps += extra_steps
        syms = sorted({str(x) for x in value.free_symbols})
        ask_ = (rf"Using crossing, compute the total cross section $\sigma$ of {a_proc.text()} at the centre-of-mass energy "
                rf"where each final (or initial) fermion has speed $\beta = {tex(params_pg['beta'])}$ in the CM frame, i.e. "
                rf"$s = 4m^2/(1-\beta^2)$. Give it in terms of $e$ and $m$ (natural logarithms as $\ln$), as a single "
                r"expression in `\boxed{}`.")
        assumptions = {}
    else:
        value = a_avg
        ins = [leg.mass for leg in a_proc.legs if leg.incoming]
        outs = [leg.mass for leg in a_proc.legs if not leg.incoming]
        # above both thresholds, physical (negative) momentum transfer
        domain = sorted({f"s > ({sp.sstr(sum(x))})^2" for x in (ins, outs) if sum(x) != 0}) + ["t < 0"]
        ask_ = (rf"Using crossing symmetry, obtain $\overline{{|\mathcal M|^2}}$ for {a_proc.text()}. Give it in terms of "
                + ", ".join(f"${sp.latex(sp.Symbol(x))}$" for x in syms[:-1]) + f" and ${sp.latex(sp.Symbol(syms[-1]))}$"
                + r" (eliminate $u$), as a single expression in `\boxed{}`.")
    given_text = rf"For {g_proc.text()}: $$\overline{{|\mathcal M|^2}} = {g_tex}.$$"
    blocks = [conventions(UNITS, METRIC, STATES), theory,
              f"Use {mand}; $\\overline{{|\\mathcal M|^2}}$ is the squared amplitude {avg_words.split(', $')[0]}.",
              given_text, ask_]
    return finish(blocks, steps, value, params, syms, d, answer=a_tex if level != "postgraduate" else None,
                  domain=domain, assumptions={k: v for k, v in assumptions.items() if k in syms})


BETAS = tuple(sp.Rational(p, q) for q in range(2, 10) for p in range(1, q) if sp.gcd(p, q) == 1)


def _total_cross_section(proc: Process, avg: sp.Expr, rng, pos):
    """sigma = int dt avg / (16 pi lambda(s, m_a^2, m_b^2)) over the physical t range, final identical factor."""
    beta = pick(rng, BETAS[: max(6, round(len(BETAS) * (0.4 + 0.6 * pos)))])
    value, steps = _sigma_at(proc, avg, beta)
    return value, steps, {"beta": beta}


@cache
def _sigma_fractions(proc: Process, avg: sp.Expr):
    """Partial fractions in tau = t/m^2 of the averaged |M|^2 (m = 1 units) with s symbolic, done once."""
    tau = sp.Symbol("tau")
    return linear_partial_fractions(sp.cancel(avg.subs({t: m**2 * tau}).subs(m, 1)), tau)


@cache
def _sigma_at(proc: Process, avg: sp.Expr, beta) -> tuple[sp.Expr, list[str]]:
    """sigma at s = 4m^2/(1 - beta^2): integrate the fractions over the physical t range (massless photons on one
    side, fermions of mass m on the other), divide by 16 pi lambda(s, m_a^2, m_b^2), 1/2 for identical photons."""
    tau = sp.Symbol("tau")
    s_val = 4 / (1 - beta**2)  # in units of m^2
    ins = [leg.mass.subs(m, 1) if leg.mass != 0 else 0 for leg in proc.legs if leg.incoming]
    outs = [leg.mass.subs(m, 1) if leg.mass != 0 else 0 for leg in proc.legs if not leg.incoming]
    lam_in = (s_val - (ins[0] + ins[1]) ** 2) * (s_val - (ins[0] - ins[1]) ** 2)
    lam_out = (s_val - (outs[0] + outs[1]) ** 2) * (s_val - (outs[0] - outs[1]) ** 2)
    identical = proc.legs[2].kind == proc.legs[3].kind == "photon"
    # t = m_1^2 + m_3^2 - 2 E1 E3 + 2 k_in k_out cos(theta); both k's are rational multiples of sqrt(s) here
    e1 = (s_val + ins[0] ** 2 - ins[1] ** 2) / (2 * sp.sqrt(s_val))
    e3 = (s_val + outs[0] ** 2 - outs[1] ** 2) / (2 * sp.sqrt(s_val))
    kk = sp.sqrt(lam_in * lam_out) / (4 * s_val)
    t_lo, t_hi = sp.radsimp(ins[0] ** 2 + outs[0] ** 2 - 2 * e1 * e3 - 2 * kk), sp.radsimp(ins[0] ** 2 + outs[0] ** 2 - 2 * e1 * e3 + 2 * kk)
    integral = integrate_fractions(_sigma_fractions(proc, avg), {s: s_val}, tau, t_lo, t_hi)
    value = sp.expand(integral / (16 * sp.pi * lam_in) / (2 if identical else 1)) / m**2
    steps = [rf"At $\beta = {tex(beta)}$: $s = {tex(s_val * m**2)}$, and $t$ runs from ${tex(t_lo * m**2)}$ to ${tex(t_hi * m**2)}$.",
             r"$\sigma = \frac{1}{16\pi\lambda(s, m_a^2, m_b^2)}\int dt\,\overline{|\mathcal M|^2}$"
             + (r" with a factor $\frac12$ for the identical photons" if identical else "")
             + rf"; partial fractions in $t$ give $\sigma = {tex(value)}$ per unit coupling factor."]
    return value, steps


register(Family(
    name=NAME, category=CATEGORY, levels=LEVELS,
    description="Crossing symmetry: spin-averaged |M|^2 of a crossed process (e mu scattering from e+e- -> mu+mu-, "
                "pair annihilation/creation from Compton, psi phi -> psi phi from psi psibar -> phi phi), fermion signs "
                "and new spin averages; total cross sections of the crossed process.",
    generate=generate, config=Config(), version=1,
    reference="Peskin & Schroeder eqs. (5.10), (5.61), (5.87), (5.105); Berestetskii, Lifshitz & Pitaevskii QED §88",
))
