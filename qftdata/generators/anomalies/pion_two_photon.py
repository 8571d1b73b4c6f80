r"""Two-photon decay of a neutral pseudoscalar Goldstone boson from the axial (ABJ) anomaly: $\pi^0\to\gamma\gamma$ and its
relatives in QCD-like theories with $N_c$ colours, arbitrary quark charges and flavour generators, and $\eta$-$\eta'$ mixing.

Chain the family computes: the anomaly coefficient $c_T = 2N_c\,\mathrm{tr}(TQ^2)$ (explicit flavour matrices), the
effective coupling $\mathcal L = \frac{g}{4}PF_{\mu\nu}\tilde F^{\mu\nu}$ with $g = \frac{\alpha c_T}{\pi f}$ (the triangle's
$\frac{e^2N_c}{16\pi^2}$ per colour, $\tilde F^{\mu\nu} = \frac12\epsilon^{\mu\nu\rho\sigma}F_{\rho\sigma}$), the polarisation-summed
$|\mathcal M|^2 = g^2\cdot 2(k_1\cdot k_2)^2$ (an explicit Levi-Civita contraction, `dirac.levi_civita`), and the width with
the two-body phase space and the factor $\frac12$ for identical photons, $\Gamma = \frac{g^2m^3}{64\pi}$. With
$\langle 0|\bar q\gamma^\mu\gamma^5Tq|P(p)\rangle = if p^\mu$ ($f_\pi \approx 92$ MeV), $\pi^0$ in QCD gives
$\Gamma = \frac{\alpha^2m_\pi^3}{64\pi^3f_\pi^2}$.

Levels (docs/generators.md rubric): graduate — a $\pi^0$-like state $(\bar aa - \bar bb)/\sqrt2$ of two quarks with
given charges and $N_c$ (anomaly coefficient, then width); advanced-graduate — a general diagonal flavour generator
over three quarks (the trace with an arbitrary $T$, normalisation $\mathrm{tr}\,T^2 = \frac12$ checked); postgraduate —
the physical $\eta$ as a mixture $\cos\theta\,\eta_8 - \sin\theta\,\eta_0$ with two decay constants (two anomaly
coefficients interfering). The knob grows $N_c$ and the charge pools.
References: Adler, Phys. Rev. 177 (1969) 2426; Bell & Jackiw, Nuovo Cim. A60 (1969) 47; Peskin & Schroeder sec. 19.3
(eq. 19.117); Gilman & Kauffman, PRD 36 (1987) 2761 (the $\eta$ mixing structure $\cos\theta/f_8 - 2\sqrt2\sin\theta/f_0$).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from itertools import product

import sympy as sp

from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.dirac import levi_civita
from qftdata.generators.loops._common import band_position, pick
from qftdata.generators.loops._quadratic import tex
from qftdata.generators.registry import register
from qftdata.generators.text import METRIC, UNITS, ask, conventions

NAME = "anomalies.pion_two_photon"
LEVELS = ("graduate", "advanced-graduate", "postgraduate")
alpha, m, f = sp.symbols("alpha m f", positive=True)
CHARGES = tuple(sp.Rational(p, 3) for p in (-4, -3, -2, -1, 1, 2, 3, 4)) + (sp.Rational(1, 2), sp.Rational(-1, 2))
MIXING = ((sp.Rational(1, 3), 2 * sp.sqrt(2) / 3), (sp.Rational(3, 5), sp.Rational(4, 5)), (sp.Rational(-1, 3), 2 * sp.sqrt(2) / 3),
          (sp.Rational(-3, 5), sp.Rational(4, 5)), (sp.Rational(5, 13), sp.Rational(12, 13)), (sp.Rational(-5, 13), sp.Rational(12, 13)),
          (sp.Rational(-8, 17), sp.Rational(15, 17)), (sp.Rational(7, 25), sp.Rational(24, 25)), (sp.Rational(-7, 25), sp.Rational(24, 25)),
          (sp.Rational(-1, 4), sp.sqrt(15) / 4), (sp.Rational(1, 5), 2 * sp.sqrt(6) / 5), (sp.Rational(-1, 5), 2 * sp.sqrt(6) / 5))


@dataclass(frozen=True)
class Config(FamilyConfig):
    max_colours: int = 9

    def validate(self) -> None:
        if self.max_colours < 3:
            raise ValueError("max_colours must be >= 3")


@cache
def polarisation_sum_per_m4() -> sp.Rational:
    r"""$\sum_{\rm pol}|\epsilon^{\mu\nu\rho\sigma}k_{1\mu}\epsilon^*_{1\nu}k_{2\rho}\epsilon^*_{2\sigma}|^2/m^4$ with
    $\sum\epsilon_\nu\epsilon^*_{\nu'} \to -g_{\nu\nu'}$, by explicit index sums in the rest frame ($m = 2$,
    $k_{1,2} = (1, 0, 0, \pm1)$); it equals $2(k_1\cdot k_2)^2/m^4 = \frac12$."""
    metric = (1, -1, -1, -1)
    k1, k2 = (1, 0, 0, 1), (1, 0, 0, -1)
    low = lambda k: tuple(metric[i] * k[i] for i in range(4))  # noqa: E731
    k1l, k2l = low(k1), low(k2)
    x = {(nu, sg): sum(levi_civita(mu, nu, rho, sg) * k1l[mu] * k2l[rho] for mu in range(4) for rho in range(4))
         for nu, sg in product(range(4), repeat=2)}
    total = sum(x[nu, sg] * x[nu, sg] * metric[nu] * metric[sg] for nu, sg in x)   # (-g)(-g) lowers both indices
    return sp.Rational(total, 2**4)


def coefficient(t_diag: tuple, charges: tuple, n_c: int) -> sp.Expr:
    r"""$c_T = 2N_c\,\mathrm{tr}(TQ^2)$ for diagonal $T$ and $Q$."""
    return 2 * n_c * sum((t * q**2 for t, q in zip(t_diag, charges, strict=True)), sp.Integer(0))


def width(c_t: sp.Expr, decay_const: sp.Expr = f) -> sp.Expr:
    r"""$\Gamma = \frac12\cdot\frac{1}{2m}\cdot\frac{1}{8\pi}\sum|\mathcal M|^2$ with $g = \alpha c_T/(\pi f)$."""
    coupling = alpha * c_t / (sp.pi * decay_const)
    return sp.Rational(1, 2) * coupling**2 * polarisation_sum_per_m4() * m**4 / (2 * m) / (8 * sp.pi)


def _state_tex(t_diag: tuple, names: tuple) -> str:
    terms = [f"{tex(t)}\\,\\bar {n}{n}" for t, n in zip(t_diag, names, strict=True) if t != 0]
    return " + ".join(terms).replace("+ -", "- ")


def generate(rng: random.Random, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    n_c = 2 + int(band_position(d, level) * (config.max_colours - 2)) if level != "postgraduate" else pick(rng, (3, 3, 5, 7))
    names = ("a", "b", "c")
    steps = [r"The triangle diagram (a quark loop with one axial vertex $\gamma^\mu\gamma^5T$ and two photon vertices $eQ\gamma^\nu$, summed "
             r"over colours) makes the axial current anomalous, with a coefficient proportional to $N_c\,\mathrm{tr}(TQ^2)$; matching "
             r"the anomaly with $\langle 0|J^{\mu5}_T|P\rangle = ifp^\mu$ gives $\mathcal L_{\rm eff} = \frac g4PF_{\mu\nu}"
             r"\tilde F^{\mu\nu}$, $\tilde F^{\mu\nu} = \frac12\epsilon^{\mu\nu\rho\sigma}F_{\rho\sigma}$, with $g = \frac{\alpha c_T}{\pi f}$, "
             r"$c_T = 2N_c\,\mathrm{tr}(TQ^2)$ (for the QCD $\pi^0$, $c_T = 1$).",
             rf"The amplitude is $\mathcal M = g\,\epsilon^{{\mu\nu\rho\sigma}}k_{{1\mu}}\epsilon^*_{{1\nu}}k_{{2\rho}}\epsilon^*_{{2\sigma}}$; summing "
             rf"polarisations ($\to -g_{{\nu\nu'}}$) gives $\sum|\mathcal M|^2 = 2g^2(k_1\cdot k_2)^2 = {tex(polarisation_sum_per_m4())}g^2m^4$, and "
             r"$\Gamma = \frac12\cdot\frac{1}{2m}\cdot\frac{1}{8\pi}\sum|\mathcal M|^2 = \frac{g^2m^3}{64\pi}$ (the $\frac12$ for identical photons)."]
    if level == "graduate":
        qa = pick(rng, CHARGES)
        qb = pick(rng, tuple(q for q in CHARGES if q**2 != qa**2))
        charges, t_diag = (qa, qb), (sp.Rational(1, 2), sp.Rational(-1, 2))
        c_t = coefficient(t_diag, charges, n_c)
        value = sp.factor(width(c_t))
        setup = (rf"A QCD-like gauge theory has $N_c = {n_c}$ colours and two light quark flavours $a$, $b$ (Dirac fermions in the "
                 rf"fundamental) with electric charges $Q_a = {tex(qa)}$ and $Q_b = {tex(qb)}$ (in units of $e$). The neutral Goldstone "
                 r"boson $P \sim (\bar aa - \bar bb)/\sqrt2$ corresponds to the flavour generator $T = \mathrm{diag}(\tfrac12, -\tfrac12)$ and has "
                 r"mass $m$ and decay constant $f$.")
        steps.insert(0, rf"$c_T = 2N_c\,\mathrm{{tr}}(TQ^2) = N_c(Q_a^2 - Q_b^2) = {n_c}\,({tex(qa**2)} - {tex(qb**2)}) = {tex(c_t)}$.")
        syms, params = ["alpha", "m", "f"], {"n_c": n_c, "charges": [str(qa), str(qb)]}
    elif level == "advanced-graduate":
        charges = tuple(pick(rng, CHARGES) for _ in range(3))
        t_diag = pick(rng, ((1, -1, 0), (1, 0, -1), (0, 1, -1), (1, 1, -2), (1, -2, 1), (-2, 1, 1)))
        norm = sp.sqrt(2 * sum(sp.Integer(t) ** 2 for t in t_diag))   # tr T^2 = 1/2
        t_diag = tuple(sp.Integer(t) / norm for t in t_diag)
        c_t = coefficient(t_diag, charges, n_c)
        if c_t == 0:
            charges = (charges[0] + 1, charges[1], charges[2] - sp.Rational(1, 3))
            c_t = coefficient(t_diag, charges, n_c)
        value = sp.factor(width(c_t))
        setup = (rf"A QCD-like gauge theory has $N_c = {n_c}$ colours and three light quark flavours $a$, $b$, $c$ with electric "
                 rf"charges $Q = \mathrm{{diag}}({tex(charges[0])}, {tex(charges[1])}, {tex(charges[2])})$ (in units of $e$). A neutral "
                 rf"Goldstone boson $P$ of mass $m$ corresponds to the diagonal flavour generator $T = \mathrm{{diag}}({tex(t_diag[0])}, "
                 rf"{tex(t_diag[1])}, {tex(t_diag[2])})$ (normalised $\mathrm{{tr}}\,T^2 = \tfrac12$), i.e. $P \sim {_state_tex(t_diag, names)}$, "
                 r"with decay constant $f$.")
        steps.insert(0, rf"$\mathrm{{tr}}(TQ^2) = {tex(sum(t * q**2 for t, q in zip(t_diag, charges, strict=True)))}$, so "
                        rf"$c_T = 2N_c\,\mathrm{{tr}}(TQ^2) = {tex(c_t)}$.")
        syms, params = ["alpha", "m", "f"], {"n_c": n_c, "charges": [str(q) for q in charges], "T": [str(t) for t in t_diag]}
    else:
        charges = (sp.Rational(2, 3), sp.Rational(-1, 3), sp.Rational(-1, 3))
        sin_t, cos_t = pick(rng, MIXING)
        k8, k0 = pick(rng, (1, sp.Rational(6, 5), sp.Rational(5, 4), sp.Rational(4, 3))), pick(rng, (1, sp.Rational(11, 10), sp.Rational(6, 5), sp.Rational(5, 4)))
        t8 = tuple(sp.Integer(t) / (2 * sp.sqrt(3)) for t in (1, 1, -2))
        t0 = tuple(sp.Integer(1) / sp.sqrt(6) for _ in range(3))
        c8, c0 = coefficient(t8, charges, n_c), coefficient(t0, charges, n_c)
        eff = cos_t * c8 / (k8 * f) - sin_t * c0 / (k0 * f)   # amplitude combination per alpha/pi
        if sp.simplify(eff) == 0:   # tan(theta) = f_0/(2 sqrt2 f_8) decouples the eta: not a useful problem
            k0 = k0 + sp.Rational(1, 10)
            eff = cos_t * c8 / (k8 * f) - sin_t * c0 / (k0 * f)
        value = sp.factor(width(eff * f))
        setup = (rf"In QCD with $N_c = {n_c}$ colours and quarks $u, d, s$ of charges $\tfrac23, -\tfrac13, -\tfrac13$, the octet and singlet "
                 r"states $\eta_8 \sim T_8 = \mathrm{diag}(1, 1, -2)/(2\sqrt3)$ and $\eta_0 \sim T_0 = \mathrm{diag}(1, 1, 1)/\sqrt6$ have decay "
                 rf"constants $f_8 = {tex(k8 * f)}$ and $f_0 = {tex(k0 * f)}$ (in the normalisation where $f_\pi \approx 92$ MeV). The "
                 rf"physical $\eta$ of mass $m$ is $\eta = \cos\theta\,\eta_8 - \sin\theta\,\eta_0$ with $\sin\theta = {tex(sin_t)}$; treat "
                 r"each component's coupling to two photons as given by its anomaly (ignore any other contribution).")
        steps.insert(0, rf"$c_8 = 2N_c\mathrm{{tr}}(T_8Q^2) = {tex(c8)}$, $c_0 = 2N_c\mathrm{{tr}}(T_0Q^2) = {tex(c0)}$; the $\eta$ couples with "
                        rf"$g = \frac{{\alpha}}{{\pi}}\Big(\cos\theta\frac{{c_8}}{{f_8}} - \sin\theta\frac{{c_0}}{{f_0}}\Big) = \frac{{\alpha}}{{\pi}}"
                        rf"\Big({tex(eff)}\Big)$ with $\cos\theta = {tex(cos_t)}$.")
        syms, params = ["alpha", "m", "f"], {"n_c": n_c, "sin": str(sin_t), "k8": str(k8), "k0": str(k0)}
    problem = (conventions(UNITS, METRIC) + r" Use $\alpha = e^2/4\pi$ and the decay constant defined by "
               r"$\langle 0|\bar q\gamma^\mu\gamma^5Tq|P(p)\rangle = i f p^\mu$." + "\n\n" + setup + "\n\n"
               + r"Using the axial anomaly (the quark triangle) at leading order in the chiral limit, compute the decay width "
               + (r"$\Gamma(\eta\to\gamma\gamma)$" if level == "postgraduate" else r"$\Gamma(P\to\gamma\gamma)$") + ". "
               + ask("it", [r"\alpha", "m", "f"]))
    answer = tex(value)
    steps.append(rf"$\Gamma = \frac{{g^2m^3}}{{64\pi}} = {answer}$" + f"\n\n$$\\boxed{{{answer}}}$$")
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps), params=params, symbols=syms, difficulty=d)


register(Family(name=NAME, category="Anomalies and Supersymmetry", levels=LEVELS,
                description="Neutral pseudoscalar -> gamma gamma from the ABJ anomaly: 2 N_c tr(T Q^2) for general charges, N_c "
                            "and flavour generators, Levi-Civita polarisation sum, width; eta-eta' mixing at postgraduate.",
                generate=generate, config=Config(), version=1,
                reference="Adler PR 177 (1969) 2426; Bell & Jackiw (1969); Peskin & Schroeder eq. (19.117); Gilman & Kauffman PRD 36 (1987) 2761"))
