"""Literature cross-check of the Noether-charge family: the family differentiates the Lagrangian and
integrates j^0 for an explicit solution; the closed forms typed here are the independent check."""

from __future__ import annotations

import json

import pytest
import sympy as sp

from qftdata.generators import generate_one
from qftdata.generators.symmetries.noether_charge import PHASES
from qftdata.generators.testing import gold_expr, same_value, sym

m, V, A = sym("m"), sym("V"), sym("A")


@pytest.mark.parametrize("index", range(6))
@pytest.mark.parametrize("level", ["advanced-undergraduate", "graduate", "advanced-graduate"])
def test_noether_charge_closed_forms(index, level):
    rec = generate_one("symmetries.noether_charge", seed=21, index=index, level=level)
    p = json.loads(rec.metadata)["params"]
    if p["kind"] == "u1":
        # Peskin & Schroeder §2.4 / Problem 2.2: Q = N_particles - N_antiparticles; for the classical mode
        # phi = a e^{-imt} + b e^{imt}, j^0 = i(phi^* dphi/dt - phi dphi^*/dt) = 2m(a^2 - b^2).
        expected = 2 * m * V * ((p["p"] * A) ** 2 - (p["q"] * A) ** 2)
    else:
        amps = [k * A for k in p["amps"]]
        ph = [PHASES[k] for k in p["phases"]]
        if p["kind"] == "plane":
            # rotation in the (i, j) plane: Q = V (phi_i dphi_j/dt - phi_j dphi_i/dt) = m V A_i A_j sin(d_i - d_j)
            i, j = p["i"], p["j"]
            expected = m * V * amps[i] * amps[j] * sp.sin(ph[i] - ph[j])
        elif p["kind"] == "general":
            # a general antisymmetric generator: j^0 = sum_ab T_ab dphi_a/dt phi_b, and with phi_a = A_a cos(mt + d_a)
            # the antisymmetric part gives the constant -(m/2) sum_ab T_ab A_a A_b sin(d_a - d_b)
            T = p["T"]
            expected = -m * V / 2 * sum(T[a][b] * amps[a] * amps[b] * sp.sin(ph[a] - ph[b])
                                        for a in range(4) for b in range(4))
        else:
            # axis n: Q = n . (phi x dphi/dt) V (angular momentum in field space, Goldstein-style L = r x p);
            # for phi_a = A_a cos(mt + d_a): (phi x dphi/dt)_k = eps_kab A_a A_b m sin(d_a - d_b)/... evaluated below
            n = p["axis"]
            expected = 0
            for k in range(3):
                for a in range(3):
                    for b in range(3):
                        expected += n[k] * sp.LeviCivita(k, a, b) * m * V * amps[a] * amps[b] * sp.sin(ph[a] - ph[b]) / 2
    assert same_value(gold_expr(rec), expected)


def test_charge_density_helper_u1_particle():
    """A pure positive-frequency mode phi = a e^{-imt} carries j^0 = 2 m a^2 (P&S eq. (2.14) applied)."""
    from qftdata.generators.symmetries.noether_charge import noether_charge_density

    t, a = sp.Symbol("t", real=True), sym("a")
    phi = a * sp.exp(-sp.I * m * t)
    comps = [sp.sqrt(2) * sp.re(phi), sp.sqrt(2) * sp.im(phi)]
    j0 = noether_charge_density(comps, sp.Matrix([[0, 1], [-1, 0]]), t, m)
    assert sp.simplify(j0 - 2 * m * a**2) == 0
