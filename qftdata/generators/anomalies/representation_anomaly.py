r"""Cubic gauge-anomaly cancellation in chiral $SU(N)$ gauge theories, and the 't Hooft anomalies of the leftover
anomaly-free global $U(1)$.

The family computes every group-theory input from characters (`lie.py`: dimension, Dynkin index $T(R)$, cubic anomaly
$A(R)$ with $A(\square) = 1$, conjugation flips the sign), then:

* graduate: a left-handed Weyl spectrum of two-index representations; the number $k$ of extra antifundamentals
  (or fundamentals) that cancels $\sum_i n_iA(R_i)$;
* advanced-graduate: the same with three-index and mixed-symmetry representations (bigger, non-linear $A(R)$);
* postgraduate: the chiral theory "$n_1$ copies of $R_1$ plus the $k$ antifundamentals that cancel its anomaly" has a
  global $U(1)$ acting with charge $1$ on $R_1$ and $q$ on the antifundamentals; $q$ is fixed by the absence of the
  $SU(N)^2U(1)$ anomaly ($n_1T(R_1) + kT(\bar\square)q = 0$) and the solver gives its 't Hooft anomaly
  $\mathrm{Tr}\,U(1)^3 = n_1\dim R_1 + kNq^3$ or the mixed gravitational one $\mathrm{Tr}\,U(1) = n_1\dim R_1 + kNq$.
The knob grows $N$ and the multiplicities.
References: Slansky, Phys. Rep. 79 (1981) 1 (Tables); Banks & Georgi, PRD 14 (1976) 1159; Okubo, PRD 16 (1977) 3528
(anomaly of higher representations); 't Hooft, NATO ASI Ser. B 59 (1980) 135 (anomaly matching). The tests compare with
the closed forms $A = N\mp4$ (two-index), $(N\mp3)(N\mp6)/2$ (three-index), $(N-3)(N+3)$ (mixed) and $T = (N\mp2)/2$.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import GROUP, band_position, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import ask, conventions

NAME = "anomalies.representation_anomaly"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
TWO_INDEX = ("asym2", "sym2")
THREE_INDEX = ("asym3", "sym3", "mixed21")
NAMES = {"fund": r"\square", "asym2": r"A_2", "sym2": r"S_2", "asym3": r"A_3", "sym3": r"S_3", "mixed21": r"M_{21}"}
DESCR = {"fund": "fundamental", "asym2": "two-index antisymmetric", "sym2": "two-index symmetric", "asym3": "three-index antisymmetric",
         "sym3": "three-index symmetric", "mixed21": "mixed-symmetry (Young diagram (2,1))"}


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 14

    def validate(self) -> None:
        if self.n_max < 7:
            raise ValueError("n_max must be >= 7")


def invariants(key: str, n: int, conj: bool = False) -> tuple[int, sp.Rational, int]:
    """(dim, T(R), A(R)) of a named SU(n) irrep (or its conjugate), from its character."""
    rep = lie.named_rep(key, n)
    if conj:
        rep = rep.conj()
    return int(lie.dimension(rep)), sp.Rational(lie.dynkin_index(rep)), int(lie.anomaly(rep))


def _spectrum_tex(spectrum: list[tuple[int, str, bool]]) -> str:
    return ", ".join(rf"{n}\times {NAMES[k]}" + (r"^*" if c else "") for n, k, c in spectrum)


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    lo = 7 if level == "advanced-graduate" else 5
    n = pick(rng, tuple(range(lo, lo + 2 + int(band_position(d, level) * (config.n_max - lo - 1)))))
    keys = TWO_INDEX if level != "advanced-graduate" else THREE_INDEX + TWO_INDEX
    max_mult = 2 + int(band_position(d, level) * 2)
    count = 1 if level == "postgraduate" else pick(rng, (1, 2, 2))
    spectrum: list[tuple[int, str, bool]] = []
    chosen = rng.sample(keys, count)
    if level == "advanced-graduate" and chosen[0] not in THREE_INDEX:   # the level's point: a three-index representation
        chosen[0] = pick(rng, THREE_INDEX)
    for key in dict.fromkeys(chosen):
        spectrum.append((rng.randint(1, max_mult), key, level != "postgraduate" and rng.random() < 0.3))
    if level != "postgraduate" and rng.random() < 0.5:   # fundamentals already present
        spectrum.append((rng.randint(1, 2 * max_mult), "fund", rng.random() < 0.5))
    if sum(mult * invariants(key, n, conj)[2] for mult, key, conj in spectrum) == 0:   # e.g. A_2 + A_2^*: unbalance it
        mult, key, conj = spectrum[0]
        spectrum[0] = (mult + 1, key, conj)
    return generate_from(n, spectrum, level, d)


def generate_from(n: int, spectrum: list[tuple[int, str, bool]], level: str, d: float) -> Draft:
    total, lines = 0, []
    for mult, key, conj in spectrum:
        dim, t_r, a_r = invariants(key, n, conj)
        total += mult * a_r
        lines.append(rf"${NAMES[key]}{'^*' if conj else ''}$ ({DESCR[key]}{', conjugate' if conj else ''}): $\dim = {dim}$, "
                     rf"$T = {tex(t_r)}$, $A = {a_r}$; contribution ${mult}\times({a_r}) = {mult * a_r}$.")
    extra = "antifundamentals" if total > 0 else "fundamentals"
    k = abs(total)
    spec = _spectrum_tex(spectrum)
    intro = (conventions(GROUP, r"All fermions are left-handed Weyl fermions; $A(R)$ is the cubic anomaly coefficient, "
                         r"$\mathrm{Tr}_R(\{T^a,T^b\}T^c) = A(R)\,\mathrm{Tr}_\square(\{T^a,T^b\}T^c)$, and $R^*$ denotes the conjugate.")
             + "\n\n" + rf"An $SU({n})$ gauge theory contains the left-handed Weyl fermions ${spec}$, where "
             + ", ".join(rf"${NAMES[key]}$ is the {DESCR[key]} representation" for key in dict.fromkeys(k_ for _, k_, _ in spectrum)) + ".")
    steps = [r"The $SU(N)^3$ anomaly is $\sum_R n_RA(R)$; with $A(\square) = 1$ and $A(R^*) = -A(R)$, compute each $A(R)$ "
             r"(from the character, or the standard tables):"] + lines
    steps.append(rf"Net anomaly ${total}$, cancelled by ${k}$ left-handed {extra} (each contributes ${'-1' if total > 0 else '+1'}$).")
    if level != "postgraduate":
        value = sp.Integer(k)
        target = (rf"Find the number of additional left-handed Weyl fermions in the {'antifundamental' if total > 0 else 'fundamental'} "
                  r"representation (and no other new fermions) needed to cancel the $SU(" + str(n) + r")^3$ gauge anomaly.")
        problem = intro + " " + target + " " + ask("this number")
        params = {"N": n, "spectrum": [[mlt, key, c] for mlt, key, c in spectrum]}
    else:
        (mult, key, _), = spectrum
        dim, t_r, _ = invariants(key, n)
        _, t_f, _ = invariants("fund", n, True)
        q = -mult * t_r / (k * t_f)
        which = "cubic" if (n + mult) % 2 == 0 else "gravitational"
        value = mult * dim + k * n * q**3 if which == "cubic" else mult * dim + k * n * q
        steps.append(rf"$SU(N)^2U(1)$: $n_1T(R_1)\cdot1 + kT(\bar\square)q = 0$ with $T(\bar\square) = \tfrac12$ gives $q = {tex(q)}$.")
        steps.append(rf"$\mathrm{{Tr}}\,U(1)^3 = n_1\dim R_1\cdot 1^3 + kN q^3 = {mult}\cdot{dim} + {k}\cdot{n}\cdot({tex(q)})^3 = {tex(value)}$."
                      if which == "cubic" else
                      rf"$\mathrm{{Tr}}\,U(1) = n_1\dim R_1 + kNq = {mult}\cdot{dim} + {k}\cdot{n}\cdot({tex(q)}) = {tex(value)}$.")
        quantity = (r"its 't Hooft anomaly coefficient $\mathrm{Tr}\,U(1)^3$ (sum of cubed charges over all Weyl components)" if which == "cubic"
                    else r"its mixed $U(1)$-gravitational anomaly coefficient $\mathrm{Tr}\,U(1)$ (sum of charges over all Weyl components)")
        problem = (intro + rf" Add the minimal number of left-handed antifundamentals that cancels the $SU({n})^3$ anomaly. The theory then "
                   rf"has a global $U(1)$ under which ${NAMES[key]}$ has charge $1$ and the antifundamentals a common charge $q$, fixed "
                   rf"by requiring that the $U(1)$ has no $SU({n})^2U(1)$ anomaly. Compute " + quantity + ". " + ask("it"))
        params = {"N": n, "spectrum": [[mlt, key_, c] for mlt, key_, c in spectrum], "which": which}
    answer = tex(value)
    steps.append(f"$$\\boxed{{{answer}}}$$")
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params,
                 answer_type="numeric", difficulty=d)


register(Family(name=NAME, category="Anomalies and Supersymmetry", levels=LEVELS,
                description="Cubic SU(N) anomaly cancellation for chiral spectra of two- and three-index representations, and "
                            "the 't Hooft anomalies of the leftover anomaly-free global U(1).",
                generate=generate, config=Config(), version=1,
                reference="Slansky Phys. Rep. 79 (1981) 1; Banks & Georgi PRD 14 (1976) 1159; Okubo PRD 16 (1977) 3528; "
                          "'t Hooft (1980) anomaly matching"))
