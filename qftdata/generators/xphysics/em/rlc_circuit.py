r"""Series RLC circuit in SI units: free damped oscillation and driven steady state, from the circuit ODE.

Kirchhoff's loop law gives $L\ddot q + R\dot q + q/C = V(t)$. The free case is solved from the roots of the
characteristic polynomial; the driven case $V = V_0\cos\omega t$ from the steady-state (particular)
solution found with sympy, whose amplitude is then evaluated or maximised. Answers are decimals in SI
units with a stated relative tolerance. Cross-checked in the tests against Purcell & Morin,
*Electricity and Magnetism*, 3rd ed., §8.1-8.3 ($\omega_d = \sqrt{1/LC - R^2/4L^2}$, $I_0 = V_0/|Z|$,
$Q = \omega_0 L/R$) and the capacitor-voltage resonance $\omega^2 = 1/LC - R^2/2L^2$ (Taylor, *Classical
Mechanics*, §5.6, amplitude peak of the driven oscillator).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from qftdata.generators.base import Family, FamilyConfig, band_position, knob, scale
from qftdata.generators.registry import register
from qftdata.generators.xphysics._common import SI, conventions, make_draft

NAME = "xphysics.em.rlc_circuit"
TOLERANCE = 1e-3
_t = sp.Symbol("t", real=True)
_w = sp.Symbol("omega", positive=True)
RS = (1, 2, 5, 10, 20, 47, 100)          # ohm
LS = (1, 2, 5, 10, 22, 47, 100)          # mH
CS = (1, 2, 5, 10, 22, 47, 100)          # uF


@dataclass(frozen=True)
class Config(FamilyConfig):
    pass


_R, _L, _C = sp.symbols("R L C", positive=True)


def _lcr(R_ohm, L_mH, C_uF):
    return sp.Integer(R_ohm), sp.Rational(L_mH, 1000), sp.Rational(C_uF, 10**6)


@lru_cache(maxsize=1)
def _steady_general() -> tuple[sp.Expr, sp.Expr]:
    """Squared amplitudes of the steady-state current and capacitor voltage per unit V0, as functions of
    (R, L, C, omega): the particular solution q = A cos(wt) + B sin(wt) of L q'' + R q' + q/C = cos(wt),
    solved once symbolically."""
    A, B = sp.symbols("A B", real=True)
    q = A * sp.cos(_w * _t) + B * sp.sin(_w * _t)
    resid = sp.expand(_L * sp.diff(q, _t, 2) + _R * sp.diff(q, _t) + q / _C - sp.cos(_w * _t))
    eqs = [resid.coeff(sp.cos(_w * _t)), resid.coeff(sp.sin(_w * _t))]
    sol = sp.solve(eqs, [A, B], dict=True)[0]
    q_amp2 = sp.factor((A**2 + B**2).subs(sol))
    return sp.factor(_w**2 * q_amp2), sp.factor(q_amp2 / _C**2)   # I0^2, V_C0^2 (per V0^2)


@lru_cache(maxsize=1)
def _vc_peak_general() -> sp.Expr:
    """The driving frequency where the capacitor-voltage amplitude peaks: d(1/V_C0^2)/d(omega) = 0, solved once."""
    _, VC2 = _steady_general()
    crit = [r for r in sp.solve(sp.diff(sp.factor(1 / VC2), _w), _w) if r != 0]
    return [r for r in crit if (r.subs({_R: 1, _L: 1, _C: sp.Rational(1, 10)}).is_positive)][0]


def _numbers(R_ohm: int, L_mH: int, C_uF: int) -> dict:
    R, L, C = _lcr(R_ohm, L_mH, C_uF)
    return {_R: R, _L: L, _C: C}


@lru_cache(maxsize=4096)
def free_decay(R_ohm: int, L_mH: int, C_uF: int) -> tuple[sp.Expr, sp.Expr]:
    """(omega_d, envelope decay rate gamma) from the characteristic roots of L s^2 + R s + 1/C = 0."""
    R, L, C = _lcr(R_ohm, L_mH, C_uF)
    s = sp.Symbol("s")
    roots = sp.solve(L * s**2 + R * s + 1 / C, s)
    root = max(roots, key=lambda r: sp.im(r))
    return sp.im(root), -sp.re(root)


@lru_cache(maxsize=4096)
def steady_state(R_ohm: int, L_mH: int, C_uF: int) -> tuple[sp.Expr, sp.Expr]:
    """Squared steady-state current and capacitor-voltage amplitudes per V0^2, functions of omega."""
    I2, VC2 = _steady_general()
    sub = _numbers(R_ohm, L_mH, C_uF)
    return I2.subs(sub), VC2.subs(sub)


def vc_peak(R_ohm: int, L_mH: int, C_uF: int) -> sp.Expr:
    return _vc_peak_general().subs(_numbers(R_ohm, L_mH, C_uF))


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def generate(rng: random.Random, level: str, config: Config):
    d = knob(config, level, rng)
    k = scale(band_position(d, level), 4, len(RS))  # the knob: how far into the component lists (wider ranges)
    for _ in range(100):
        R_ohm, L_mH, C_uF = rng.choice(RS[:k]), rng.choice(LS[:k]), rng.choice(CS[:k])
        R, L, C = _lcr(R_ohm, L_mH, C_uF)
        if R**2 < 2 * L / C:  # comfortably underdamped (also keeps the capacitor-voltage peak at omega > 0)
            break
    comps = (f"a resistor $R = {R_ohm}\\,\\Omega$, an inductor $L = {L_mH}\\,\\mathrm{{mH}}$ and a capacitor "
             f"$C = {C_uF}\\,\\mu\\mathrm{{F}}$ in series")
    conv = conventions(SI + ".", "Ideal components; give the bare number in the stated unit, to within a relative "
                       f"tolerance of {TOLERANCE:g}.")
    omega_d, gamma = free_decay(R_ohm, L_mH, C_uF)
    I2, VC2 = steady_state(R_ohm, L_mH, C_uF)
    V0 = rng.choice([1, 2, 5, 10, 12, 24])
    s_steps = [r"Kirchhoff's loop law for the charge $q$ on the capacitor: $L\ddot q + R\dot q + q/C = V(t)$."]
    if level in ("advanced-undergraduate", "graduate"):
        which = "omega_d" if level == "advanced-undergraduate" else rng.choice(["decay_time", "quality"])
        setup = f"A circuit consists of {comps}. The capacitor is charged and the circuit is closed at $t = 0$ (no source)."
        s_steps.append(f"With $q \\propto e^{{st}}$: $Ls^2 + Rs + 1/C = 0$, roots $s = -\\gamma \\pm i\\omega_d$ with "
                       f"$\\gamma = R/2L = {_fmt(float(gamma))}\\,\\mathrm{{s^{{-1}}}}$ and "
                       f"$\\omega_d = {_fmt(float(omega_d))}\\,\\mathrm{{rad/s}}$.")
        if which == "omega_d":
            value, ask = omega_d, "the angular frequency $\\omega_d$ of the damped oscillation of the charge, in rad/s"
        elif which == "decay_time":
            value, ask = 1 / (2 * gamma), ("the time constant $\\tau$ in seconds after which the stored energy "
                                            "(averaged over a cycle) has fallen by a factor $e$")
            s_steps.append(r"The energy envelope decays as $e^{-2\gamma t}$, so $\tau = 1/(2\gamma) = L/R$:")
        else:
            w0 = 1 / sp.sqrt(L * C)
            value, ask = w0 * L / R, "the quality factor $Q = \\omega_0 L/R$ with $\\omega_0 = 1/\\sqrt{LC}$ (dimensionless)"
            s_steps.append(r"With $\omega_0 = 1/\sqrt{LC} = \sqrt{\gamma^2 + \omega_d^2}$, $Q = \omega_0/(2\gamma)$:")
    else:
        f_hz = rng.choice([50, 60, 100, 200, 400, 1000])
        which = "current_amplitude" if level == "advanced-graduate" else "vc_peak_omega"
        setup = (f"A circuit consists of {comps}, driven by a source $V(t) = V_0\\cos\\omega t$ with $V_0 = {V0}\\,\\mathrm{{V}}$"
                 + (f" at frequency $f = \\omega/2\\pi = {f_hz}\\,\\mathrm{{Hz}}$" if which == "current_amplitude" else "")
                 + ". Consider the steady state (transients have died out).")
        s_steps.append(r"Insert the steady-state ansatz $q = A\cos\omega t + B\sin\omega t$ and match the $\cos$ and "
                       r"$\sin$ terms to solve for $A, B$; the current is $\dot q$ and the capacitor voltage $q/C$.")
        if which == "current_amplitude":
            value = V0 * sp.sqrt(I2.subs(_w, 2 * sp.pi * f_hz))
            ask = "the amplitude $I_0$ of the steady-state current, in amperes"
            s_steps.append(f"The current amplitude is $I_0 = \\omega\\sqrt{{A^2 + B^2}}\\,V_0$, evaluated at "
                           f"$\\omega = 2\\pi \\times {f_hz}\\,\\mathrm{{s^{{-1}}}}$:")
        else:
            value = vc_peak(R_ohm, L_mH, C_uF)
            ask = ("the driving angular frequency $\\omega$, in rad/s, at which the amplitude of the capacitor voltage "
                   "is largest")
            s_steps.append(r"The capacitor-voltage amplitude is $\sqrt{A^2 + B^2}\,V_0/C$; setting the derivative of its "
                           r"inverse square with respect to $\omega$ to zero gives the peak:")
    number = float(sp.N(value, 30))
    problem = f"{setup}\n\n{conv}\n\nCompute {ask}. Give the number in `\\boxed{{}}`."
    params = {"R_ohm": R_ohm, "L_mH": L_mH, "C_uF": C_uF, "which": which,
              "V0": V0 if which == "current_amplitude" else None,
              "f_hz": f_hz if which == "current_amplitude" else None}
    return make_draft(problem=problem, expr=value, steps=s_steps, params=params, answer_type="numeric",
                      tolerance=TOLERANCE, answer=_fmt(number), difficulty=d)


register(Family(
    name=NAME, category="Electromagnetism",
    levels=("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate"),
    description="Series RLC in SI units: damped frequency, decay time, Q, driven current amplitude, V_C resonance.",
    generate=generate, config=Config(), version=2,  # 2: knob (component ranges), ODE solved once symbolically
    reference="Purcell & Morin, Electricity and Magnetism, 3rd ed., §8.1-8.3; Taylor, Classical Mechanics, §5.6",
))
