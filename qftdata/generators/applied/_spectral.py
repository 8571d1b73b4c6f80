r"""Two-particle Källén–Lehmann spectral densities of free-field bilinears (private helper module).

With $\rho(p^2)\theta(p^0) = (2\pi)^3\sum_n\delta^4(p-p_n)\,\langle0|O(0)|n\rangle\langle n|O^\dagger(0)|0\rangle$ and
relativistic one-particle states, a two-particle channel contributes
$\rho(s) = \frac{1}{S}\,\overline{|\mathcal A|^2}\,\frac{\Phi_2(s)}{2\pi}$, where $\Phi_2 = \lambda^{1/2}/(8\pi s)$ is the
two-body phase space (`_common.two_body`), $S = 2$ for identical particles, and $|\mathcal A|^2$ is the
squared matrix element summed over spins and colours. Fermion bilinears are traced with explicit 4x4
Dirac matrices (`qftdata.generators.dirac`), so $\gamma^5$ needs no rule. A density is kept as
`(rational part R(s), root)` with $\rho = R\cdot\text{root}$ and root $= \sqrt{\lambda(s, m_a^2, m_b^2)}$, so sums
and moments need no `simplify`.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from qftdata.generators.applied._common import sqrt_physical, two_body
from qftdata.generators.dirac import GAMMA5, METRIC, gamma, trace

s = sp.Symbol("s", positive=True)
GAMMAS = ("S", "P", "V", "A")  # 1, i gamma5, gamma^mu, gamma^mu gamma5
GAMMA_TEX = {"S": "", "P": r"i\gamma^5", "V": r"\gamma^\mu", "A": r"\gamma^\mu\gamma^5"}
# a point inside every physical region used here (s far above threshold), to orient square roots
SAMPLE = {sp.Symbol(n, positive=True): v for n, v in (("m", 1), ("m_1", 1), ("m_2", 2), ("M", 3), ("s", 997))}


def _slash(p) -> sp.Matrix:
    g = [gamma(i) for i in range(4)]
    return g[0] * p[0] - g[1] * p[1] - g[2] * p[2] - g[3] * p[3]


def _vertex(kind: str, mu: int | None) -> sp.Matrix:
    if kind == "S":
        return sp.eye(4)
    if kind == "P":
        return sp.I * GAMMA5
    return gamma(mu) if kind == "V" else gamma(mu) * GAMMA5


def _bar(mat: sp.Matrix) -> sp.Matrix:
    """Dirac conjugate of a vertex, gamma^0 Gamma^dagger gamma^0 (so that (vbar Gamma u)^* = ubar Gammabar v)."""
    return gamma(0) * mat.H * gamma(0)


@cache
def root(m_a, m_b) -> sp.Expr:
    r"""$\sqrt{\lambda(s, m_a^2, m_b^2)}$ above threshold, perfect squares taken out ($s - m^2$ for $m_b = 0$)."""
    return sqrt_physical(two_body(m_a, m_b)["lam"].subs(two_body(m_a, m_b)["s"], s), SAMPLE)


@cache
def fermion_spin_sum(kind: str, m_a, m_b, projection: str = "") -> sp.Expr:
    r"""$\sum_{\rm spins}\langle0|\bar\psi_a\Gamma\psi_b|f_b(k_1)\bar f_a(k_2)\rangle\langle\ldots\rangle^*
    = \mathrm{tr}[\Gamma(\not k_1+m_b)\bar\Gamma(\not k_2-m_a)]$ as a function of s, in the CM frame.

    For the currents (V, A) `projection` "g" contracts with $-g_{\mu\nu}$ and "qq" with $q_\mu q_\nu$, $q = k_1+k_2$.
    """
    e1, e2, k = sp.symbols("E_1 E_2 k", real=True)
    u_part = _slash((e1, 0, 0, k)) + m_b * sp.eye(4)
    v_part = _slash((e2, 0, 0, -k)) - m_a * sp.eye(4)
    if kind in ("S", "P"):
        value = trace(_vertex(kind, None), u_part, _bar(_vertex(kind, None)), v_part)
    elif projection == "g":
        value = -sum(METRIC[mu, mu] * trace(_vertex(kind, mu), u_part, _bar(_vertex(kind, mu)), v_part)
                     for mu in range(4))
    elif projection == "qq":  # q = (sqrt s, 0, 0, 0) in the CM frame: only mu = nu = 0
        value = (e1 + e2) ** 2 * trace(_vertex(kind, 0), u_part, _bar(_vertex(kind, 0)), v_part)
    else:
        raise ValueError(f"current {kind} needs projection 'g' or 'qq'")
    kin = two_body(m_b, m_a)
    value = sp.expand(value).subs(k**2, kin["k2"]).subs({e1: kin["E1"], e2: kin["E2"]})
    return sp.factor(sp.expand(value.subs(kin["s"], s)))


def phase_weight(identical: bool) -> sp.Expr:
    r"""$\Phi_2/(2\pi)$ divided by the root and by the identical-particle factor: $1/(16\pi^2 s\,S)$."""
    return 1 / (8 * sp.pi * s) / (2 * sp.pi) / (2 if identical else 1)


@cache
def fermion_density(kind: str, m_a, m_b, n_c: int, part: str = "") -> tuple[sp.Expr, sp.Expr]:
    r"""(R, root) with $\rho(s) = R\cdot$root for $O = \sum_{\rm colours}\bar\psi_a\Gamma\psi_b$ ($N_c$ colours); for V/A
    the transverse (`part="T"`) or longitudinal (`"L"`) function of
    $\rho^{\mu\nu} = (q^\mu q^\nu - q^2g^{\mu\nu})\rho_T + q^\mu q^\nu\rho_L$."""
    w = phase_weight(False) * n_c
    if kind in ("S", "P"):
        return sp.factor(w * fermion_spin_sum(kind, m_a, m_b)), root(m_b, m_a)
    # -g_{mu nu} rho^{mu nu} = 3 s rho_T - s rho_L and q_mu q_nu rho^{mu nu} = s^2 rho_L
    rho_l = w * fermion_spin_sum(kind, m_a, m_b, "qq") / s**2
    if part == "L":
        return sp.factor(rho_l), root(m_b, m_a)
    return sp.factor((w * fermion_spin_sum(kind, m_a, m_b, "g") + s * rho_l) / (3 * s)), root(m_b, m_a)
