r"""One-loop running of an O(N)-invariant quartic coupling from the general tensor formula.

For $V = \frac{1}{4!}\lambda_{abcd}\phi_a\phi_b\phi_c\phi_d + \frac12 m^2_{ab}\phi_a\phi_b$ (real scalars),
$16\pi^2\beta_{abcd} = \lambda_{abef}\lambda_{efcd} + \lambda_{acef}\lambda_{efbd} + \lambda_{adef}\lambda_{efbc}$
and $16\pi^2\beta_{m^2_{ab}} = \lambda_{abef}m^2_{ef}$ (Machacek & Vaughn, NPB 236 (1984) 221; for one field
Srednicki ch. 28). For $V = \kappa(\phi_a\phi_a)^2$, $\lambda_{abcd} = 8\kappa(\delta_{ab}\delta_{cd}+\delta_{ac}\delta_{bd}
+\delta_{ad}\delta_{bc})$; the contractions are done with the Kronecker-delta algebra of `lie`.
"""

from __future__ import annotations

from fractions import Fraction
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


@cache
def cubic_anisotropic(N: int) -> tuple[dict[tuple[int, int], sp.Rational], dict[tuple[int, int], sp.Rational]]:
    """One-loop beta functions of V = x (phi_a phi_a)^2 + y sum_a phi_a^4 (N real fields, numeric N >= 2).

    lambda_abcd = x A + y B with A = 8 (delta_ab delta_cd + 2 perms) and B = 24 delta_abcd (all indices equal);
    the three channels of 16 pi^2 beta_abcd = lambda_abef lambda_efcd + 2 perms are contracted with numpy on the
    explicit integer tensors and projected back on A and B. Returns ({(i, j): c}, {(i, j): c}) with
    16 pi^2 beta_x = sum c x^i y^j and likewise for beta_y.
    """
    import numpy as np

    d = np.eye(N, dtype=np.int64)
    A = 8 * (np.einsum("ab,cd->abcd", d, d) + np.einsum("ac,bd->abcd", d, d) + np.einsum("ad,bc->abcd", d, d))
    B = np.zeros((N,) * 4, dtype=np.int64)
    for a in range(N):
        B[a, a, a, a] = 24

    def channels(P, Q):
        # the three channels as one matrix product of the (fully symmetric) tensors reshaped to N^2 x N^2, read
        # off with index permutations: s = M[a,b,c,d], t = M[a,c,b,d], u = M[a,d,b,c] (exact in int64)
        M = (P.reshape(N * N, N * N) @ Q.reshape(N * N, N * N)).reshape(N, N, N, N)
        return M + M.transpose(0, 2, 1, 3) + M.transpose(0, 2, 3, 1)

    products = {(2, 0): channels(A, A), (1, 1): channels(A, B) + channels(B, A), (0, 2): channels(B, B)}
    beta_x, beta_y = {}, {}
    for power, T in products.items():
        cx = Fraction(int(T[0, 0, 1, 1]), int(A[0, 0, 1, 1]))  # B vanishes there
        cy = Fraction(int(T[0, 0, 0, 0]) - cx * int(A[0, 0, 0, 0]), int(B[0, 0, 0, 0]))
        den = cx.denominator * cy.denominator
        if not np.array_equal(T * den, A * (cx.numerator * cy.denominator) + B * (cy.numerator * cx.denominator)):
            raise ArithmeticError("beta tensor is not a combination of the two invariants")
        beta_x[power] = sp.Rational(cx.numerator, cx.denominator)
        beta_y[power] = sp.Rational(cy.numerator, cy.denominator)
    return beta_x, beta_y


@cache
def field_anomalous_two_loop(N) -> sp.Expr:
    """c with 16^2 pi^4 gamma_phi = c kappa^2 for V = kappa (phi_a phi_a)^2: the general two-loop formula
    (16 pi^2)^2 gamma_ab = (1/12) lambda_acde lambda_bcde (Machacek & Vaughn NPB 236 (1984) 221; one field:
    lambda^2/12), contracted with the Kronecker-delta algebra."""
    def lam(i, j, k, m):
        return lie.sym_delta4(i, j, k, m, 8 * KAPPA)

    sunset = lie.delta_product(lam("a", "c", "d", "e"), lam("b", "c", "d", "e"), ["c", "d", "e"], N)
    return sp.factor(sunset.coefficient_of([("a", "b")]) / (12 * KAPPA**2))


@cache
def dilatation_eigenvalue(kind: str, N: int, size: int) -> sp.Expr:
    """c with gamma_O = c kappa/(16 pi^2) for the composite operator O of V = kappa (phi_a phi_a)^2 (numeric N).

    One-loop dilatation operator on polynomials in the fields (no derivatives):
    16 pi^2 D O = (1/2) lambda_abcd phi_c phi_d d_a d_b O with lambda_abcd = 8 kappa (delta_ab delta_cd + 2 perms),
    applied with sympy to an explicit representative: `kind` "traceless" -> (phi_1 + i phi_2)^size (a rank-size
    symmetric traceless tensor; N >= 2) or phi_1^size for N = 1; "singlet" -> (phi_a phi_a)^size.
    """
    phi = sp.symbols(f"phi_1:{N + 1}")
    if kind == "traceless":
        expr = (phi[0] + sp.I * phi[1]) ** size if N >= 2 else phi[0] ** size
    else:
        expr = sum(p**2 for p in phi) ** size
    op = sp.Poly(expr, *phi, domain="QQ_I")  # polynomial arithmetic: sympy expressions took seconds at N = 8
    r2 = sp.Poly(sum(p**2 for p in phi), *phi, domain="QQ_I")
    laplacian = sum((op.diff(p).diff(p) for p in phi), sp.Poly(0, *phi, domain="QQ_I"))
    hessian = sp.Poly(0, *phi, domain="QQ_I")
    for a in range(N):
        da = op.diff(phi[a])
        for b in range(N):
            hessian += sp.Poly(phi[a] * phi[b], *phi, domain="QQ_I") * da.diff(phi[b])
    action = 4 * (r2 * laplacian + 2 * hessian)  # (1/2) * 8 * (delta delta + 2 perms) contracted
    quotient, remainder = action.div(op)
    if not remainder.is_zero or not quotient.is_ground:
        raise ArithmeticError(f"{kind} operator of size {size} is not an eigenvector of the dilatation operator")
    return sp.Rational(quotient.as_expr())
