"""Amplitude-family tests against independent closed forms.

- partial_waves: int_{-1}^{1} P_l(x) dx/(z - x) = 2 Q_l(z) (Abramowitz & Stegun 8.8.2, Legendre functions of the
  second kind, Q_0 = (1/2) ln((z+1)/(z-1)), Q_1 = z Q_0 - 1, Q_2 = P_2(z) Q_0 - 3z/2); with t - mu^2 = (s/2)(x - z),
  u - mu^2 = -(s/2)(x + z), z = 1 + 2 mu^2/s. Contact M = -k lambda: a_0 = -k lambda/(16 pi), so the unitarity bound
  (Lee, Quigg & Thacker 1977) is lambda <= 8 pi/k.
- spinor_brackets: <ij>[ji] = s_ij = 2 p_i.p_j and <ij>[jk]<kl>[li] = tr[(1 - g5) p_i p_j p_k p_l]/2 (Dixon, TASI
  lectures hep-ph/9601359, eqs. (8)-(13)), in the textbook sign convention the statement now uses.
"""

from __future__ import annotations

import pytest
import sympy as sp

from qftdata.generators.scattering._testing import assert_matches, draws, params

lam, g, mu, s = sp.symbols("lambda g mu s", positive=True)


def _Q(ell, z):
    q0 = sp.log((z + 1) / (z - 1)) / 2
    return {0: q0, 1: z * q0 - 1, 2: (3 * z**2 - 1) / 2 * q0 - 3 * z / 2, 3: (5 * z**3 - 3 * z) / 2 * q0
            - 5 * z**2 / 2 + sp.Rational(2, 3)}[ell]


@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"])
def test_partial_waves(level):
    for rec in draws("amplitudes.partial_waves", 4, level=level):
        p = params(rec)
        ell = p["ell"]
        contact = sp.Rational(p["contact"]) * lam
        if p["mode"] == "bound":
            k = -contact / lam
            assert_matches(rec, 8 * sp.pi / k)
            continue
        ref = contact * 2 / (32 * sp.pi) if ell == 0 else 0
        for ch in p["channels"]:
            w = p["weights"][ch]
            m2 = (sp.Rational(p["masses"].get(ch, 1)) * mu) ** 2
            z = 1 + 2 * m2 / s
            if ch == "s":
                ref += (-w * g**2 / (s - m2)) * 2 / (32 * sp.pi) if ell == 0 else 0
            elif ch == "t":  # -1/(t - M^2) = (2/s)/(z - x)
                ref += w * g**2 * (2 / s) * 2 * _Q(ell, z) / (32 * sp.pi)
            else:  # -1/(u - M^2) = (2/s)/(z + x)
                ref += w * g**2 * (2 / s) * (-1) ** ell * 2 * _Q(ell, z) / (32 * sp.pi)
        if p["n_s"] is not None:
            ref = ref.subs(s, p["n_s"] * mu**2)
        assert_matches(rec, ref, values={"s": 3.7, "mu": 1.3})
        assert (len(set(p["masses"])) > 0) == (level == "postgraduate"), "two exchange masses only at postgraduate"


def _trace(vs):
    """P&S (5.6)-style recursive trace of slashed vectors."""
    from qftdata.generators.dirac import dot

    if not vs:
        return 4
    first, rest = vs[0], vs[1:]
    return sum((-1) ** k * dot(first, v) * _trace(rest[:k] + rest[k + 1:]) for k, v in enumerate(rest))


@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_spinor_brackets(level):
    """Dixon (hep-ph/9601359 eqs. (8)-(13); 1310.5353 eq. (2.x)): <ij>[ji] = s_ij = 2 p_i.p_j and
    <i1 i2>[i2 i3]...[ik i1] = (1/2) tr[(1 - g5) p_i1 ... p_ik], evaluated here with explicit Dirac matrices
    (g5 = i g0 g1 g2 g3), an engine independent of the spinor code."""
    from qftdata.generators.amplitudes.spinor_brackets import momentum
    from qftdata.generators.dirac import dot, integer_trace
    from qftdata.generators.scattering._testing import parsed

    for rec in draws("amplitudes.spinor_brackets", 5, level=level):
        p = params(rec)
        lams = [tuple(sp.Integer(int(sp.re(c))) + sp.I * int(sp.im(c)) for c in (sp.sympify(x) for x in z))
                for z in p["spinors"]]
        moms = [momentum(x) for x in lams]
        for q in moms:
            assert dot(q, q) == 0
        got = complex(parsed(rec).subs(sp.Symbol("i"), sp.I))
        order = p["order"]
        if p["kind"] == "sij":
            i, j = order
            assert got == complex(2 * int(dot(moms[i], moms[j])))
            continue
        vs = [moms[a] for a in order]  # tr[(1 - g5) X]/2 = (tr X - tr[X g5])/2 by cyclicity
        expected = (integer_trace(vs) - integer_trace(vs, with_gamma5=True)) / 2
        assert got == complex(expected), (rec.answer, expected)
        # and the real part is half the plain trace (P&S-style recursion, third engine)
        assert got.real == pytest.approx(float(_trace([moms[a] for a in order])) / 2)
