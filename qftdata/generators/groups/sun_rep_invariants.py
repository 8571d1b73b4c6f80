r"""Invariants of SU(N) irreps given by Young diagrams: dimension, quadratic Casimir, Dynkin index and
cubic anomaly coefficient, all computed from the character (Frobenius formula, `qftdata.generators.lie`).

Reference: Slansky, Phys. Rep. 79 (1981) 1, Tables; hook-content formula (Fulton & Harris §6).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.foundations._knob import band_position, band_scale
from qftdata.generators.loops._common import GROUP, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import conventions

NAME = "groups.sun_rep_invariants"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate")
NSYM = sp.Symbol("N", positive=True, integer=True)

# Young diagrams by number of boxes (the knob and the level pick the size)
SHAPES = {2: ((2,), (1, 1)), 3: ((2, 1), (3,), (1, 1, 1)), 4: ((2, 2), (3, 1), (2, 1, 1), (4,), (1, 1, 1, 1)),
          5: ((3, 2), (4, 1), (3, 1, 1), (2, 2, 1), (2, 1, 1, 1), (5,), (1, 1, 1, 1, 1)),
          6: ((3, 2, 1), (4, 2), (3, 3), (2, 2, 2), (4, 1, 1), (5, 1), (2, 2, 1, 1), (3, 1, 1, 1), (6,),
              (2, 1, 1, 1, 1), (1, 1, 1, 1, 1, 1))}
QUANTITIES = {
    "dim": ("the dimension $\\dim R$", lie.dimension),
    "casimir": ("the quadratic Casimir $C_2(R)$ (the eigenvalue of $T^aT^a$ on $R$)", lie.casimir),
    "index": ("the Dynkin index $T(R)$", lie.dynkin_index),
    "anomaly": ("the cubic anomaly coefficient $A(R)$, defined by "
                "$\\mathrm{Tr}_R(\\{T^a,T^b\\}T^c) = A(R)\\,\\mathrm{Tr}_{\\square}(\\{T^a,T^b\\}T^c)$ "
                "(so $A(\\text{fundamental}) = 1$)", lie.anomaly),
}
PRODUCT_QUANTITIES = ("index", "anomaly")  # defined for reducible representations too (dim would be a product)


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_min: int = 3
    n_max: int = 16

    def validate(self) -> None:
        if self.n_min < 3 or self.n_max < self.n_min:
            raise ValueError("need 3 <= n_min <= n_max")


def _diagram(shape: tuple[int, ...]) -> str:
    return "(" + ",".join(str(r) for r in shape) + ")"


def _draw(rng, dv: float, level: str):
    """(shapes, quantity, symbolic): one diagram of 2-3 boxes with numbers at AU, up to 4 boxes and every
    invariant at G, symbolic N at AG (3 to 6 boxes), the tensor product of two diagrams at PG."""
    li = LEVELS.index(level)
    u = band_position(dv, level)
    if li == 0:
        return [pick(rng, SHAPES[2] + (SHAPES[3] if u > 0.25 else ()))], pick(rng, ("dim", "index")), False
    if li == 1:  # Casimir / anomaly of small diagrams, or any invariant of four boxes (never an AU problem)
        boxes = pick(rng, (3, 4) if u > 0.5 else (2, 3, 4))
        quantities = tuple(QUANTITIES) if boxes == 4 else ("casimir", "anomaly")
        return [pick(rng, SHAPES[boxes])], pick(rng, quantities), False
    if li == 2:
        boxes = pick(rng, (3, 4, 5) if u < 0.5 else (4, 5, 6))
        return [pick(rng, SHAPES[boxes])], pick(rng, tuple(QUANTITIES)), True
    first = pick(rng, ((1,),) + SHAPES[2] + (SHAPES[3] if u > 0.5 else ()))
    second = pick(rng, SHAPES[2] + SHAPES[3])
    return [first, second], pick(rng, PRODUCT_QUANTITIES), rng.random() < 0.6


def _rep(shapes: tuple[tuple[int, ...], ...], N) -> lie.Rep:
    reps = [lie.young(sh, N) for sh in shapes]
    return reps[0] if len(reps) == 1 else reps[0] * reps[1]


@cache
def _invariant(shapes: tuple[tuple[int, ...], ...], qkey: str, N) -> sp.Expr:
    """The factored invariant of one diagram or a product of two (cached: shapes and N recur across draws)."""
    return sp.factor(QUANTITIES[qkey][1](_rep(shapes, N)))


@cache
def _tau(shapes: tuple[tuple[int, ...], ...], N) -> tuple[sp.Expr, ...]:
    """Factored traces tau_m = Tr_R H^m for the solution text (cached like `_invariant`)."""
    return tuple(sp.factor(t) for t in _rep(shapes, N).tau)


def generate(rng, level: str, config: Config) -> Draft:
    dv = knob(config, level, rng)
    value = sp.Integer(0)
    while value == 0:  # real representations have A(R) = 0: a zero answer is redrawn (too guessable)
        shapes, qkey, symbolic = _draw(rng, dv, level)
        rows = max(len(sh) for sh in shapes)
        n_top = band_scale(dv, level, max(config.n_min + 5, rows + 6), config.n_max)
        n_val = rng.randint(max(config.n_min, rows + 1), n_top)
        N = NSYM if symbolic else sp.Integer(n_val)
        label = QUANTITIES[qkey][0]
        value = _invariant(tuple(shapes), qkey, N)
    answer = tex(value)
    # symbolic N: say for which N the formula is asked (more rows than N - 1 changes the representation,
    # and the anomaly coefficient is defined only from SU(3) on)
    group = f"$SU(N)$ (for $N \\ge {max(3, rows + 1)}$)" if symbolic else f"$SU({n_val})$"
    box = "(i.e. the irrep in $\\square^{\\otimes n}$ obtained by symmetrising along rows and antisymmetrising " \
          "along columns)"
    if len(shapes) == 1:
        what_rep = (f"Let $R$ be the irreducible representation of {group} whose Young diagram has row lengths "
                    f"${_diagram(shapes[0])}$ {box.replace('n}', f'{sum(shapes[0])}}}')}.")
    else:
        what_rep = (f"Let $R = R_1\\otimes R_2$ be the (reducible) tensor product of the irreducible representations "
                    f"of {group} with Young diagrams ${_diagram(shapes[0])}$ and ${_diagram(shapes[1])}$ {box}. "
                    "For a reducible representation, $T(R)$ and $A(R)$ are defined by the same traces over all of $R$.")
    problem = (conventions(GROUP) + "\n\n" + what_rep + f" Compute {label}. "
               + ("Give it in terms of $N$, as a single expression in `\\boxed{}`." if symbolic
                  else "Give it as a single exact value in `\\boxed{}`."))
    steps = [
        r"Take the Cartan element $H = \mathrm{diag}(1,1,-2,0,\dots,0)$, with power sums "
        r"$P_m = \mathrm{Tr}_\square H^m$: $P_0 = N$, $P_1 = 0$, $P_2 = 6$, $P_3 = -6$.",
        r"The character of the irrep is the Schur polynomial; by the Frobenius formula "
        r"$\mathrm{Tr}_R e^{tH} = \sum_{\mu\vdash n}\frac{\chi^\lambda(\mu)}{z_\mu}\prod_j\sum_m \frac{(\mu_j t)^m}{m!}P_m$, "
        r"with $\chi^\lambda(\mu)$ from the Murnaghan–Nakayama rule.",
    ]
    for sh in shapes:
        tau = _tau((sh,), N)
        steps.append(rf"For ${_diagram(sh)}$, expanding to $t^3$ gives $\tau_m = \mathrm{{Tr}}\,H^m$: $\tau_0 = {tex(tau[0])}$, "
                     rf"$\tau_2 = {tex(tau[2])}$, $\tau_3 = {tex(tau[3])}$ (for the fundamental $\tau_2 = 6$, $\tau_3 = -6$).")
    if len(shapes) == 2:
        tau = _tau(tuple(shapes), N)
        steps.append(r"Characters multiply under $\otimes$: $\mathrm{Tr}_{R_1\otimes R_2}e^{tH} = \mathrm{Tr}_{R_1}e^{tH}\,"
                     rf"\mathrm{{Tr}}_{{R_2}}e^{{tH}}$, so $\tau_0 = {tex(tau[0])}$, $\tau_2 = {tex(tau[2])}$, "
                     rf"$\tau_3 = {tex(tau[3])}$ (equivalently $T(R_1\otimes R_2) = d_1T_2 + d_2T_1$, "
                     r"$A(R_1\otimes R_2) = d_1A_2 + d_2A_1$).")
    steps.append(r"Hence $\dim R = \tau_0$, $T(R) = \tfrac12\tau_2/6$, $A(R) = \tau_3/(-6)$, and "
                 r"$C_2(R) = T(R)(N^2-1)/\dim R$ for an irrep.")
    solution = "\n\n".join(steps) + f"\n\nSo {label.split(',')[0]} is ${answer}$.\n\n$$\\boxed{{{answer}}}$$"
    params = {"shape": list(shapes[0]), "quantity": qkey, "N": "N" if symbolic else n_val}
    if len(shapes) == 2:
        params["shape2"] = list(shapes[1])
    return Draft(problem=problem, answer=answer, solution=solution, params=params,
                 symbols=["N"] if symbolic else [], answer_type="expression" if symbolic else "numeric",
                 difficulty=dv)


register(Family(name=NAME, category="Non-Abelian Gauge Theories", levels=LEVELS,
                description="Dimension, C2, Dynkin index, cubic anomaly of SU(N) irreps from Young diagrams, and "
                            "of tensor products.",
                generate=generate, config=Config(), version=4,  # 4: N up to 16, 3-6 boxes at AG
                reference="Slansky, Phys. Rep. 79 (1981) 1, Tables 5 and 24"))
