"""Amplitude-family tests against independent closed forms.

- partial_waves: int_{-1}^{1} P_l(x) dx/(z - x) = 2 Q_l(z) (Abramowitz & Stegun 8.8.2, Legendre functions of the
  second kind, Q_0 = (1/2) ln((z+1)/(z-1)), Q_1 = z Q_0 - 1, Q_2 = P_2(z) Q_0 - 3z/2); with t - mu^2 = (s/2)(x - z),
  u - mu^2 = -(s/2)(x + z), z = 1 + 2 mu^2/s. Contact M = -k lambda: a_0 = -k lambda/(16 pi), so the unitarity bound
  (Lee, Quigg & Thacker 1977) is lambda <= 8 pi/k.
- spinor_brackets: |<ij>|^2 = 2 p_i.p_j and Re <ij>[jk]<kl>[li] = tr[p_i p_j p_k p_l]/2 (Dixon, TASI lectures
  hep-ph/9601359, eqs. (8)-(13)); the 4-gluon MHV amplitude equals its anti-MHV form
  [34]^4/([12][23][34][41]) by momentum conservation (Elvang & Huang, "Scattering Amplitudes", eq. (2.85)).
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


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate", "postgraduate"])
def test_partial_waves(level):
    for rec in draws("amplitudes.partial_waves", 4, level=level):
        p = params(rec)
        ell = p["ell"]
        contact = sp.Rational(p["contact"]) * lam
        if p["mode"] == "bound":
            k = -contact / lam
            assert_matches(rec, 8 * sp.pi / k)
            continue
        z = 1 + 2 * mu**2 / s
        ref = contact * 2 / (32 * sp.pi) if ell == 0 else 0
        for ch in p["channels"]:
            w = p["weights"][ch]
            if ch == "s":
                ref += (-w * g**2 / (s - mu**2)) * 2 / (32 * sp.pi) if ell == 0 else 0
            elif ch == "t":  # -1/(t - mu^2) = (2/s)/(z - x)
                ref += w * g**2 * (2 / s) * 2 * _Q(ell, z) / (32 * sp.pi)
            else:  # -1/(u - mu^2) = (2/s)/(z + x)
                ref += w * g**2 * (2 / s) * (-1) ** ell * 2 * _Q(ell, z) / (32 * sp.pi)
        if p["n_s"] is not None:
            ref = ref.subs(s, p["n_s"] * mu**2)
        assert_matches(rec, ref, values={"s": 3.7, "mu": 1.3})


def _trace(vs):
    """P&S (5.6)-style recursive trace of slashed vectors."""
    from qftdata.generators.dirac import dot

    if not vs:
        return 4
    first, rest = vs[0], vs[1:]
    return sum((-1) ** k * dot(first, v) * _trace(rest[:k] + rest[k + 1:]) for k, v in enumerate(rest))


@pytest.mark.parametrize("level", ["graduate", "advanced-graduate"])
def test_spinor_brackets(level):
    from qftdata.generators.amplitudes.spinor_brackets import momentum
    from qftdata.generators.dirac import dot
    from qftdata.generators.scattering._testing import parsed

    for rec in draws("amplitudes.spinor_brackets", 5, level=level):
        p = params(rec)
        lams = [tuple(sp.sympify(c) for c in x) for x in p["spinors"]]
        moms = [momentum(x) for x in lams]
        for q in moms:
            assert dot(q, q) == 0
        got = complex(parsed(rec).subs(sp.Symbol("i"), sp.I))
        order = p["order"]
        if p["kind"] == "sij":  # <ij>[ji] = -<ij>[ij] = -2 p_i.p_j in these conventions (Dixon: +s_ij, [ij] sign)
            i, j = order
            assert got == complex(-2 * int(dot(moms[i], moms[j])))
            continue
        vs = [moms[a] for a in order]
        # Dixon: <ij>[jk]<kl>[li] = (1/2) tr[(1 - g5) k_i k_j k_k k_l] with <ij>[ji] = s_ij; the statement's [ij]
        # is minus Dixon's (here <ij>[ij] = s_ij), so each square bracket brings a sign.
        sign = (-1) ** (len(order) // 2)
        assert got.real == pytest.approx(sign * float(_trace(vs)) / 2)
        prod = 1
        for a, b in zip(order, order[1:] + order[:1], strict=False):
            prod *= 2 * dot(moms[a], moms[b])  # |<ab>|^2 = |[ab]|^2 = s_ab
        assert abs(got) ** 2 == pytest.approx(float(prod))
