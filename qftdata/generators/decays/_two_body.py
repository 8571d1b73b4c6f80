r"""Two-body decay kinematics shared by the decay families (private module).

$\Gamma = \frac{S\,|\mathbf p|}{8\pi M^2}\,\overline{|\mathcal M|^2}$ in the rest frame of the parent of mass $M$,
with $|\mathbf p| = \lambda^{1/2}(M^2, m_1^2, m_2^2)/2M$ and $S = 1/2$ for identical daughters
(PDG Kinematics review, eq. (49.18) with the two-body phase space integrated).
"""

from __future__ import annotations

import sympy as sp

from qftdata.generators.scattering._tools import two_body_momentum


def rest_frame_momenta(mass, m1, m2):
    """Contravariant 4-momenta (P, k1, k2) of M -> 1 + 2 with the daughters along +-z."""
    p = two_body_momentum(mass, m1, m2)
    e1 = sp.sqrt(p**2 + m1**2)
    e2 = sp.sqrt(p**2 + m2**2)
    return (mass, 0, 0, 0), (e1, 0, 0, p), (e2, 0, 0, -p)


def width(mass, m1, m2, msq_avg, identical: bool = False):
    """Two-body width from the spin-averaged |M|^2 (a constant in the rest frame)."""
    sym = sp.Rational(1, 2) if identical else 1
    return sym * two_body_momentum(mass, m1, m2) / (8 * sp.pi * mass**2) * msq_avg


WIDTH_TEXT = (r"The two-body width in the rest frame of the parent (mass $M$) is "
              r"$\Gamma = \frac{S\,|\mathbf p|}{8\pi M^2}\,\overline{|\mathcal M|^2}$, with "
              r"$|\mathbf p| = \frac{1}{2M}\lambda_{\rm K}^{1/2}(M^2, m_1^2, m_2^2)$, "
              r"$\lambda_{\rm K}(a,b,c) = a^2+b^2+c^2-2ab-2bc-2ca$, and $S = \tfrac12$ for identical daughters.")
