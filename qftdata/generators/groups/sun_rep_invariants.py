r"""Invariants of SU(N) irreps given by Young diagrams: dimension, quadratic Casimir, Dynkin index and
cubic anomaly coefficient, all computed from the character (Frobenius formula, `qftdata.generators.lie`).

Reference: Slansky, Phys. Rep. 79 (1981) 1, Tables; hook-content formula (Fulton & Harris §6).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import GROUP, pick, tex
from qftdata.generators.registry import register
from qftdata.generators.text import conventions

NAME = "groups.sun_rep_invariants"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate")
NSYM = sp.Symbol("N", positive=True, integer=True)

SHAPES = ((2,), (1, 1), (2, 1), (3,), (1, 1, 1), (2, 2), (3, 1), (2, 1, 1), (4,), (1, 1, 1, 1))
QUANTITIES = {
    "dim": ("the dimension $\\dim R$", lie.dimension),
    "casimir": ("the quadratic Casimir $C_2(R)$ (the eigenvalue of $T^aT^a$ on $R$)", lie.casimir),
    "index": ("the Dynkin index $T(R)$", lie.dynkin_index),
    "anomaly": ("the cubic anomaly coefficient $A(R)$, defined by "
                "$\\mathrm{Tr}_R(\\{T^a,T^b\\}T^c) = A(R)\\,\\mathrm{Tr}_{\\square}(\\{T^a,T^b\\}T^c)$ "
                "(so $A(\\text{fundamental}) = 1$)", lie.anomaly),
}


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_min: int = 3
    n_max: int = 9

    def validate(self) -> None:
        if self.n_min < 3 or self.n_max < self.n_min:
            raise ValueError("need 3 <= n_min <= n_max")


def _diagram(shape: tuple[int, ...]) -> str:
    return "(" + ",".join(str(r) for r in shape) + ")"


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    shape = pick(rng, SHAPES[: 5 if li == 0 else len(SHAPES)])
    qkey = pick(rng, ("dim", "casimir", "index") if li == 0 else tuple(QUANTITIES))
    symbolic = li >= 1 and rng.random() < 0.5
    # N must be large enough for the diagram to have at most N-1 rows... or N rows (then it is a singlet-shifted rep)
    n_val = rng.randint(max(config.n_min, len(shape) + 1), config.n_max)
    N = NSYM if symbolic else sp.Integer(n_val)
    rep = lie.young(shape, N)
    label, fn = QUANTITIES[qkey]
    value = sp.factor(fn(rep))
    answer = tex(value)
    # symbolic N: say for which N the formula is asked (more rows than N - 1 changes the representation,
    # and the anomaly coefficient is defined only from SU(3) on)
    group = f"$SU(N)$ (for $N \\ge {max(3, len(shape) + 1)}$)" if symbolic else f"$SU({n_val})$"
    problem = (conventions(GROUP) + "\n\n"
               f"Let $R$ be the irreducible representation of {group} whose Young diagram has row lengths "
               f"${_diagram(shape)}$ (i.e. the irrep in $\\square^{{\\otimes {sum(shape)}}}$ obtained by "
               f"symmetrising along rows and antisymmetrising along columns). Compute {label}. "
               + ("Give it in terms of $N$, as a single expression in `\\boxed{}`." if symbolic
                  else "Give it as a single exact value in `\\boxed{}`."))
    tau = [sp.factor(t) for t in rep.tau]
    steps = [
        r"Take the Cartan element $H = \mathrm{diag}(1,1,-2,0,\dots,0)$, with power sums "
        r"$P_m = \mathrm{Tr}_\square H^m$: $P_0 = N$, $P_1 = 0$, $P_2 = 6$, $P_3 = -6$.",
        r"The character of the irrep is the Schur polynomial; by the Frobenius formula "
        r"$\mathrm{Tr}_R e^{tH} = \sum_{\mu\vdash n}\frac{\chi^\lambda(\mu)}{z_\mu}\prod_j\sum_m \frac{(\mu_j t)^m}{m!}P_m$, "
        r"with $\chi^\lambda(\mu)$ from the Murnaghan–Nakayama rule.",
        rf"Expanding to $t^3$ gives $\tau_m = \mathrm{{Tr}}_R H^m$: $\tau_0 = {tex(tau[0])}$, $\tau_2 = {tex(tau[2])}$, "
        rf"$\tau_3 = {tex(tau[3])}$ (for the fundamental $\tau_2 = 6$, $\tau_3 = -6$).",
        r"Hence $\dim R = \tau_0$, $T(R) = \tfrac12\tau_2/6$, $A(R) = \tau_3/(-6)$, and "
        r"$C_2(R) = T(R)(N^2-1)/\dim R$.",
    ]
    solution = "\n\n".join(steps) + f"\n\nSo {label.split(',')[0]} is ${answer}$.\n\n$$\\boxed{{{answer}}}$$"
    return Draft(problem=problem, answer=answer, solution=solution,
                 params={"shape": list(shape), "quantity": qkey, "N": "N" if symbolic else n_val},
                 symbols=["N"] if symbolic else [], answer_type="expression")


register(Family(name=NAME, category="Non-Abelian Gauge Theories", levels=LEVELS,
                description="Dimension, C2, Dynkin index, cubic anomaly of SU(N) irreps from Young diagrams.",
                generate=generate, config=Config(), version=2,  # 2: symbolic N states its range
                reference="Slansky, Phys. Rep. 79 (1981) 1, Tables 5 and 24"))
