r"""Two-body decay kinematics shared by the decay families (private module).

$\Gamma = \frac{S\,|\mathbf p|}{8\pi M^2}\,\overline{|\mathcal M|^2}$ in the rest frame of the parent of mass $M$,
with $|\mathbf p| = \lambda^{1/2}(M^2, m_1^2, m_2^2)/2M$ and $S = 1/2$ for identical daughters
(PDG Kinematics review, eq. (49.18) with the two-body phase space integrated).
"""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

from qftdata.generators.kinematics.kallen_cm_momentum import SAMPLE, solve_cm, sqrt_physical
from qftdata.generators.scattering._tools import kallen, two_body_momentum


def rest_frame_momenta(mass, m1, m2):
    """Contravariant 4-momenta (P, k1, k2) of M -> 1 + 2 with the daughters along +-z (energies solved from
    conservation, so they stay rational: sqrt(p^2 + m1^2) would not simplify for unequal masses)."""
    cm = solve_cm(mass, m1, m2)
    p = cm["p"]
    return (mass, 0, 0, 0), (cm["E1"], 0, 0, p), (cm["E2"], 0, 0, -p)


def width(mass, m1, m2, msq_avg, identical: bool = False):
    """Two-body width from the spin-averaged |M|^2 (a constant in the rest frame)."""
    sym = sp.Rational(1, 2) if identical else 1
    return sym * two_body_momentum(mass, m1, m2) / (8 * sp.pi * mass**2) * msq_avg


@lru_cache(maxsize=4096)
def momentum_physical(mass, m1, m2) -> sp.Expr:
    """|p| with squared factors taken out of the root (sqrt(M^2 - 4m^2)/2, not sqrt(M^4 - 4M^2m^2)/(2M))."""
    return sqrt_physical(sp.factor(kallen(mass**2, m1**2, m2**2) / (4 * mass**2)), SAMPLE)


def coupling_split(expr: sp.Expr, c1: sp.Symbol, c2: sp.Symbol) -> tuple[sp.Expr, sp.Expr]:
    """(X, Y) with expr = c1^2 X + c2^2 Y: unpolarised rates have no c1 c2 interference term (checked), so a
    numeric coupling pair only rescales two cached, factored polynomials."""
    x, y = sp.factor(expr.subs({c1: 1, c2: 0})), sp.factor(expr.subs({c1: 0, c2: 1}))
    if sp.expand(expr - c1**2 * x - c2**2 * y) != 0:
        raise ArithmeticError("rate is not of the form c1^2 X + c2^2 Y")
    return x, y


def width_from_parts(mass, m1, m2, msq_avg, colours=1, tidy: bool = False) -> sp.Expr:
    """Gamma = colours |p| |M|^2/(8 pi M^2), assembled from a tidy |p| and the given |M|^2, without simplifying
    the product (factoring roots of long polynomials is what made draws slow); `tidy` factors |M|^2 first
    (cheap once the masses are numbers times M)."""
    msq = sp.factor(msq_avg) if tidy else msq_avg
    return colours * momentum_physical(mass, m1, m2) * msq / (8 * sp.pi * mass**2)


def width_value(mass, masses: tuple, msq, gamma_one, colours, ratio: tuple | None) -> sp.Expr:
    """colours x the width: at the symbolic daughter masses, or at masses = ratio x M (one ratio for equal
    masses), rebuilt from |M|^2 and |p| there so the numbers come out tidy."""
    if ratio is None:
        return colours * gamma_one
    subs = dict(zip(dict.fromkeys(masses), (x * mass for x in ratio), strict=True))
    ma, mb = (x.subs(subs) for x in masses)
    return width_from_parts(mass, ma, mb, msq.subs(subs), colours, tidy=True)


WIDTH_TEXT = (r"The two-body width in the rest frame of the parent (mass $M$) is "
              r"$\Gamma = \frac{S\,|\mathbf p|}{8\pi M^2}\,\overline{|\mathcal M|^2}$, with "
              r"$|\mathbf p| = \frac{1}{2M}\lambda_{\rm K}^{1/2}(M^2, m_1^2, m_2^2)$, "
              r"$\lambda_{\rm K}(a,b,c) = a^2+b^2+c^2-2ab-2bc-2ca$, and $S = \tfrac12$ for identical daughters.")
