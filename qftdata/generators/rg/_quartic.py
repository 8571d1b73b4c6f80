r"""One-loop running of an O(N)-invariant quartic coupling from the general tensor formula.

For $V = \frac{1}{4!}\lambda_{abcd}\phi_a\phi_b\phi_c\phi_d + \frac12 m^2_{ab}\phi_a\phi_b$ (real scalars),
$16\pi^2\beta_{abcd} = \lambda_{abef}\lambda_{efcd} + \lambda_{acef}\lambda_{efbd} + \lambda_{adef}\lambda_{efbc}$
and $16\pi^2\beta_{m^2_{ab}} = \lambda_{abef}m^2_{ef}$ (Machacek & Vaughn, NPB 236 (1984) 221; for one field
Srednicki ch. 28). For $V = \kappa(\phi_a\phi_a)^2$, $\lambda_{abcd} = 8\kappa(\delta_{ab}\delta_{cd}+\delta_{ac}\delta_{bd}
+\delta_{ad}\delta_{bc})$; the contractions are done with the Kronecker-delta algebra of `lie`.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from qftdata.generators import lie

KAPPA = sp.Symbol("kappa", positive=True)


@cache
def on_quartic(N) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(b, g_singlet, g_traceless) with 16 pi^2 beta_kappa = b kappa^2 and 16 pi^2 gamma = g kappa for the
    mass operators phi^2 (singlet) and phi_a phi_b - trace (traceless symmetric)."""
    def lam(i, j, k, m):
        return lie.sym_delta4(i, j, k, m, 8 * KAPPA)

    beta = (lie.delta_product(lam("a", "b", "e", "f"), lam("e", "f", "c", "d"), ["e", "f"], N)
            + lie.delta_product(lam("a", "c", "e", "f"), lam("e", "f", "b", "d"), ["e", "f"], N)
            + lie.delta_product(lam("a", "d", "e", "f"), lam("e", "f", "b", "c"), ["e", "f"], N))
    coeff = beta.coefficient_of([("a", "b"), ("c", "d")])
    if any(c != coeff for c, _ in beta.terms):
        raise ArithmeticError("beta tensor is not proportional to the O(N) invariant")
    b = sp.factor(coeff / (8 * KAPPA**2))
    # mass insertion: lambda_{abef} m_{ef}; singlet m_{ef} = delta_{ef}
    single = lie.delta_product(lam("a", "b", "e", "f"),
                               lie.DeltaTensor(((sp.Integer(1), frozenset({("e", "f")})),)), ["e", "f"], N)
    g_s = sp.factor(single.coefficient_of([("a", "b")]) / KAPPA)
    # traceless symmetric t_{ef}: lambda_{abef} t_{ef} = 8 kappa (delta_ab t_ee + 2 t_ab) -> 16 kappa t_ab
    g_t = sp.Integer(16)
    return b, g_s, g_t
