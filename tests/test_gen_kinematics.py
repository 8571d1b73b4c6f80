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


def pdg_two_body(total, a, b):
    """PDG Kinematics, two-body decay / CM frame of invariant mass sqrt(s) = total:
    p* = lambda^{1/2}(s, m1^2, m2^2)/(2 sqrt(s)), E1 = (s + m1^2 - m2^2)/(2 sqrt(s)); in the rest frame of
    particle 2, E1' = (s - m1^2 - m2^2)/(2 m2) (the fixed-target relation s = m1^2 + m2^2 + 2 E1' m2 inverted),
    and the relative speed v_rel = lambda^{1/2}(s, m1^2, m2^2)/(s - m1^2 - m2^2) (PDG Kinematics / Cross-section
    formulae: the flux factor 4 sqrt((p1.p2)^2 - m1^2 m2^2) = 2 lambda^{1/2})."""
    sv = total**2
    p = sp.sqrt(kallen(sv, a**2, b**2)) / (2 * total)
    e1 = (sv + a**2 - b**2) / (2 * total)
    e2 = (sv - a**2 + b**2) / (2 * total)
    out = {"p": p, "E1": e1, "E2": e2, "beta1": p / e1, "beta2": p / e2, "T1": e1 - a}
    if a != 0:
        out["gamma1"] = e1 / a
    if b != 0:
        out["gamma2"] = e2 / b
        out["E1_in_2"] = (sv - a**2 - b**2) / (2 * b)
        out["v_rel"] = sp.sqrt(kallen(sv, a**2, b**2)) / (sv - a**2 - b**2)
    return out


def kallen_expected(params: dict):
    """The PDG closed form of one record's quantity (symbolic records), from its params."""
    E = sym("E")
    if params["case"] == "multiple":
        masses = (params["a"] * m, params["b"] * m)
    else:
        masses = {"general": (m1, m2), "equal": (m, m), "massless2": (m1, 0)}[params["case"]]
    frame = params.get("frame", "decay")
    # fixed target (particle 1 at rest, particle 2 with lab energy E): s = m1^2 + m2^2 + 2 m1 E (PDG Kinematics)
    total = {"decay": M, "collide": sp.sqrt(s), "fixed": sp.sqrt(masses[0] ** 2 + masses[1] ** 2 + 2 * masses[0] * E)}
    kin = pdg_two_body(total[frame], *masses)
    q = params["quantity"]
    if "gamma" in params:  # boost: E_lab = gamma E* +- beta gamma p* (PDG Kinematics, Lorentz transformations)
        g, a = params["gamma"]
        gam = sp.Rational(g, a)
        bgam = sp.sqrt(gam**2 - 1)
        if q == "spread":
            return 2 * bgam * kin["p"]
        return gam * kin[f"E{q[1]}"] + (1 if q.endswith("max") else -1) * bgam * kin["p"]
    return kin[q]


RANGES = {"M": (30, 60), "s": (900, 3600), "E": (30, 60), "m_1": (0.5, 2), "m_2": (0.5, 2), "m": (0.5, 2)}


@pytest.mark.parametrize("index", range(6))
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_kallen_cm_momentum_matches_pdg(index, level):
    rec = generate_one("kinematics.kallen_cm_momentum", seed=11, index=index, level=level)
    params = json.loads(rec.metadata)["params"]
    if params["symbolic"]:
        expected = kallen_expected(params)
        assert rec.meta()["difficulty"] is not None
    else:
        expected = pdg_two_body(sp.Integer(params["M"]), sp.Integer(params["m1"]),
                                sp.Integer(params["m2"]))[params["quantity"]]
        assert sp.simplify(gold_expr(rec) - expected) == 0
    assert same_value(gold_expr(rec), expected, ranges=RANGES)


def test_kallen_every_quantity_and_frame_matches_pdg():
    """Every graduate quantity in every frame, and every lab quantity, against the PDG closed forms."""
    seen = set()
    for level, n in (("graduate", 70), ("advanced-graduate", 30)):
        for index in range(n):
            rec = generate_one("kinematics.kallen_cm_momentum", seed=4, index=index, level=level)
            params = json.loads(rec.metadata)["params"]
            seen.add((params.get("frame", "lab"), params["quantity"]))
            assert same_value(gold_expr(rec), kallen_expected(params), ranges=RANGES), (rec.problem, rec.answer)
    frames = {f for f, _ in seen}
    quantities = {q for _, q in seen}
    assert frames == {"decay", "collide", "fixed", "lab"}, frames
    assert {"T1", "beta2", "gamma2", "E1_in_2", "v_rel", "E2_lab_min", "spread"} <= quantities, quantities


def test_kallen_symbolic_problems_state_their_physical_region():
    """A |p| with a massless daughter is (M^2 - m_1^2)/(2M) only for M > m_1: the record must say so (domain);
    a beam of mass m_2 on a target needs E > m_2."""
    seen = set()
    for index in range(40):
        draft = _draft("kinematics.kallen_cm_momentum", 2, index, "graduate")
        params = draft.params
        seen.add(params["case"])
        assert len(draft.domain) == 1 and draft.domain[0].split(" > ")[0] in ("M", "s", "E"), draft.domain
        lhs = draft.domain[0].split(" > ")[0]
        assert "assume" in draft.problem and f"${lhs} > " in draft.problem
        assert lhs == {"decay": "M", "collide": "s", "fixed": "E"}[params["frame"]]
        if params["case"] == "massless2" and params["frame"] == "decay":
            assert draft.domain == ["M > m_1"]
    assert {"general", "equal", "massless2", "multiple"} <= seen


def test_kallen_boost_triples_are_pythagorean():
    """gamma = g/leg and beta gamma = b/leg must satisfy gamma^2 - (beta gamma)^2 = 1 (rational boosts)."""
    from qftdata.generators.kinematics.kallen_cm_momentum import GAMMA_TRIPLES

    assert all(leg**2 + b**2 == g**2 for leg, b, g in GAMMA_TRIPLES)
    assert len({sp.Rational(g, leg) for leg, _, g in GAMMA_TRIPLES}) == len(GAMMA_TRIPLES)


def _draft(name, seed, index, level):
    from qftdata.generators.api import make_draft
    from qftdata.generators.registry import get_family

    return make_draft(get_family(name), seed=seed, index=index, level=level)[0]


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
        k = params["mult"]
        ma, mb, mc, md = {"massless": (0, 0, 0, 0), "equal": (m, m, m, m),
                          "general": tuple(sym(f"m_{i}") for i in range(1, 5))}.get(
            params["kind"], tuple(k[x] * m for x in "abce") if k else None)
        sv, c = s, sp.cos(theta)
    t = t_closed_form(sv, ma, mb, mc, md, c)
    # s + t + u = m1^2 + m2^2 + m3^2 + m4^2 (Peskin & Schroeder eq. 5.71 generalised; PDG Kinematics).
    expected = t if params["which"] == "t" else ma**2 + mb**2 + mc**2 + md**2 - sv - t
    if params.get("ask_cos"):  # the same closed form solved for cos(theta), at a physical t (or u)
        x = sp.Symbol("x")
        target = sym(params["which"])
        expected = sp.solve(sp.Eq(expected.subs(sp.cos(theta), x), target), x)[0]
    ranges = {"s": (150, 250), "m": (0.5, 1.5), "theta": (0.1, 3.0), "t": (-5, -1), "u": (-5, -1),
              **{f"m_{i}": (0.5, 2) for i in range(1, 5)}}
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
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_threshold_matches_closed_form(index, level):
    from qftdata.generators.kinematics.threshold_energy import PARTICLES_MEV

    rec = generate_one("kinematics.threshold_energy", seed=2, index=index, level=level)
    params = json.loads(rec.metadata)["params"]
    if "reaction" in params:
        beam, target, products = params["reaction"]
        ma, mb = sp.Rational(str(PARTICLES_MEV[beam])), sp.Rational(str(PARTICLES_MEV[target]))
        mf = [sp.Rational(str(PARTICLES_MEV[x])) for x in products]
    elif level == "advanced-undergraduate":
        ma, mb, mf = sp.Integer(params["ka"]), sp.Integer(params["kb"]), [sp.Integer(k) for k in params["kf"]]
    elif params.get("head_on"):
        ma, mf = params["ka"] * m, [k * m for k in params["kf"]]
        expected = head_on_closed_form(ma, sum(mf), sym("omega")) - (ma if params["kinetic"] else 0)
        assert same_value(gold_expr(rec), expected, ranges={"m": (1, 2), "omega": (0.01, 0.5)})
        return
    else:
        ma, mb, mf = params["ka"] * m, params["kb"] * m, [k * m for k in params["kf"]]
    expected = threshold_closed_form(ma, mb, mf) - (ma if params["kinetic"] else 0)
    assert sp.simplify(gold_expr(rec) - expected) == 0


def head_on_closed_form(ma, mtot, omega):
    """Head-on collision with a photon (PDG Kinematics: s = m_a^2 + 2 omega (E + |p_a|)): with
    K = (M^2 - m_a^2)/(2 omega), E_th = (K^2 + m_a^2)/(2K) (typed here by hand)."""
    k = (mtot**2 - ma**2) / (2 * omega)
    return (k**2 + ma**2) / (2 * k)


def test_head_on_threshold_reduces_to_the_gzk_estimate():
    """Greisen; Zatsepin & Kuzmin (1966): for omega << m the threshold is E ~ ((m_p + m_pi)^2 - m_p^2)/(4 omega)."""
    from qftdata.generators.kinematics.threshold_energy import head_on_threshold

    mp, mpi, omega = sym("m_p"), sym("m_pi"), sym("omega")
    e_th, _, _ = head_on_threshold(mp, mp + mpi, omega)
    gzk = ((mp + mpi) ** 2 - mp**2) / (4 * omega)
    assert sp.simplify(sp.limit(e_th / gzk, omega, 0)) == 1
    for mv, piv, w in ((938, 140, sp.Rational(1, 1000)), (1, sp.Rational(1, 7), sp.Rational(1, 100)), (2, 1, 1)):
        assert sp.simplify(e_th.subs({mp: mv, mpi: piv, omega: w}) - head_on_closed_form(mv, mv + piv, w)) == 0


def test_head_on_statement_limits_the_photon_energy():
    """Above omega = (M^2 - m_a^2)/(2 m_a) the reaction runs with a at rest: the statement and domain exclude it."""
    for index in range(8):
        draft = _draft("kinematics.threshold_energy", 3, index, "advanced-graduate")
        assert len(draft.domain) == 1 and draft.domain[0].startswith("omega < ")
        assert r"Assume $\omega < " in draft.problem


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
