"""Literature cross-checks of the kinematics families: each family computes (solves conservation laws,
builds four-vectors); the closed forms typed here are the independent check."""

from __future__ import annotations

import json

import pytest
import sympy as sp

from qftdata.generators import generate_one
from qftdata.generators.testing import gold_expr, same_value, sym

M, m1, m2, m, s, theta = (sym(n) for n in ("M", "m_1", "m_2", "m", "s", "theta"))


def kallen(x, y, z):
    """PDG Review of Particle Physics, Kinematics: lambda(x, y, z) = x^2 + y^2 + z^2 - 2xy - 2yz - 2zx."""
    return x**2 + y**2 + z**2 - 2 * x * y - 2 * y * z - 2 * z * x


def pdg_two_body(Mv, a, b):
    """PDG Kinematics, two-body decay: p* = lambda^{1/2}(M^2, m1^2, m2^2)/(2M), E1 = (M^2 + m1^2 - m2^2)/(2M)."""
    p = sp.sqrt(kallen(Mv**2, a**2, b**2)) / (2 * Mv)
    e1 = (Mv**2 + a**2 - b**2) / (2 * Mv)
    e2 = (Mv**2 - a**2 + b**2) / (2 * Mv)
    return {"p": p, "E1": e1, "E2": e2, "beta1": p / e1}


@pytest.mark.parametrize("index", range(6))
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate"])
def test_kallen_cm_momentum_matches_pdg(index, level):
    rec = generate_one("kinematics.kallen_cm_momentum", seed=11, index=index, level=level)
    params = json.loads(rec.metadata)["params"]
    if params["symbolic"]:
        masses = {"general": (m1, m2), "equal": (m, m), "massless2": (m1, 0)}[params["case"]]
        expected = pdg_two_body(M, *masses)[params["quantity"]]
    else:
        expected = pdg_two_body(sp.Integer(params["M"]), sp.Integer(params["m1"]),
                                sp.Integer(params["m2"]))[params["quantity"]]
        assert sp.simplify(gold_expr(rec) - expected) == 0
    ranges = {"M": (10, 20), "m_1": (0.5, 4), "m_2": (0.5, 4), "m": (0.5, 4)}
    assert same_value(gold_expr(rec), expected, ranges=ranges)


def t_closed_form(sv, ma, mb, mc, md, cos_t):
    """PDG Kinematics (two-body scattering in the CM frame): t = m1^2 + m3^2 - 2 E1 E3 + 2 p1 p3 cos(theta)."""
    r = sp.sqrt(sv)
    e1, e3 = (sv + ma**2 - mb**2) / (2 * r), (sv + mc**2 - md**2) / (2 * r)
    p1 = sp.sqrt(kallen(sv, ma**2, mb**2)) / (2 * r)
    p3 = sp.sqrt(kallen(sv, mc**2, md**2)) / (2 * r)
    return ma**2 + mc**2 - 2 * e1 * e3 + 2 * p1 * p3 * cos_t


@pytest.mark.parametrize("index", range(5))
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_mandelstam_matches_closed_form(index, level):
    rec = generate_one("kinematics.mandelstam_angle", seed=5, index=index, level=level)
    params = json.loads(rec.metadata)["params"]
    if level == "advanced-undergraduate":
        ma, mb, mc, md = (sp.Integer(x) for x in params["masses"])
        sv, c = sp.Integer(params["sqrt_s"]) ** 2, sp.Rational(params["cos_theta"])
    else:
        Mb = sym("M")
        ma, mb, mc, md = {"massless": (0, 0, 0, 0), "elastic": (m, m, m, m),
                          "elastic_unequal": (m, Mb, m, Mb), "pair": (m, m, Mb, Mb)}[params["case"]]
        sv, c = s, sp.cos(theta)
    t = t_closed_form(sv, ma, mb, mc, md, c)
    # s + t + u = m1^2 + m2^2 + m3^2 + m4^2 (Peskin & Schroeder eq. 5.71 generalised; PDG Kinematics).
    expected = t if params["which"] == "t" else ma**2 + mb**2 + mc**2 + md**2 - sv - t
    ranges = {"s": (60, 90), "m": (0.5, 2), "M": (0.5, 2), "theta": (0.1, 3.0)}
    assert same_value(gold_expr(rec), expected, ranges=ranges)


def test_mandelstam_massless_textbook():
    """Massless 2->2: t = -s(1 - cos theta)/2 (Peskin & Schroeder §5.1 / eq. 5.70 context)."""
    from qftdata.generators.kinematics.mandelstam_angle import cm_momenta, mandelstam

    p, subs = cm_momenta(sp.sqrt(s), 0, 0, 0, 0, sp.cos(theta))
    _, t, u = mandelstam(p, subs, sp.cos(theta))
    assert sp.simplify(t + s * (1 - sp.cos(theta)) / 2) == 0
    assert sp.simplify(u + s * (1 + sp.cos(theta)) / 2) == 0


def threshold_closed_form(ma, mb, mf):
    """PDG Kinematics: fixed-target s = m_a^2 + m_b^2 + 2 E m_b, so E_th = ((sum m_f)^2 - m_a^2 - m_b^2)/(2 m_b)."""
    return (sum(mf) ** 2 - ma**2 - mb**2) / (2 * mb)


def test_threshold_antiproton_7mp():
    """Griffiths, Introduction to Elementary Particles, ch. 3: p p -> p p p pbar needs E_th = 7 m_p."""
    from qftdata.generators.kinematics.threshold_energy import threshold

    mp = sym("m_p")
    e_th, _ = threshold(mp, mp, [mp] * 4, kinetic=False)
    assert sp.simplify(e_th - 7 * mp) == 0
    t_th, _ = threshold(mp, mp, [mp] * 4, kinetic=True)
    assert sp.simplify(t_th - 6 * mp) == 0


@pytest.mark.parametrize("index", range(6))
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate"])
def test_threshold_matches_closed_form(index, level):
    from qftdata.generators.kinematics.threshold_energy import PARTICLES_MEV

    rec = generate_one("kinematics.threshold_energy", seed=2, index=index, level=level)
    params = json.loads(rec.metadata)["params"]
    if level == "advanced-undergraduate":
        beam, target, products = params["reaction"]
        ma, mb = sp.nsimplify(PARTICLES_MEV[beam]), sp.nsimplify(PARTICLES_MEV[target])
        mf = [sp.nsimplify(PARTICLES_MEV[x]) for x in products]
    else:
        ma, mb, mf = params["ka"] * m, params["kb"] * m, [k * m for k in params["kf"]]
    expected = threshold_closed_form(ma, mb, mf) - (ma if params["kinetic"] else 0)
    assert sp.simplify(gold_expr(rec) - expected) == 0


def test_named_reactions_conserve_charge_baryon_number_and_need_energy():
    # audit: pi- p -> K+ Lambda violated charge; K- p -> Lambda pi0 releases energy (no threshold at all).
    # Charges and baryon numbers from the PDG particle listings, written here independently of the family.
    from qftdata.generators.kinematics.threshold_energy import PARTICLES_MEV, REACTIONS

    charge_baryon = {"p": (1, 1), "n": (0, 1), r"\bar p": (-1, -1), r"\Lambda": (0, 1), r"\Xi^-": (-1, 1),
                     r"\pi^+": (1, 0), r"\pi^-": (-1, 0), r"\pi^0": (0, 0), r"K^+": (1, 0), r"K^-": (-1, 0),
                     r"K^0": (0, 0), r"\eta": (0, 0), r"\phi": (0, 0), r"J/\psi": (0, 0), r"\gamma": (0, 0),
                     r"e^-": (-1, 0), r"e^+": (1, 0), r"\mu^-": (-1, 0), r"\mu^+": (1, 0)}
    for beam, target, products in REACTIONS:
        before = [charge_baryon[beam], charge_baryon[target]]
        after = [charge_baryon[x] for x in products]
        assert [sum(q) for q in zip(*before, strict=True)] == [sum(q) for q in zip(*after, strict=True)], products
        assert sum(PARTICLES_MEV[x] for x in products) > PARTICLES_MEV[beam] + PARTICLES_MEV[target], products
