r"""Counting Goldstone bosons, $n_{\rm GB} = \dim G - \dim H$, for random breaking patterns of
relativistic theories. Each algebra dimension is computed by rank–nullity on its defining linear
constraints (`lie.classical_algebra_dimension`), never typed in.

Reference: Goldstone, Salam & Weinberg, Phys. Rev. 127 (1962) 965; Weinberg, *QTF II* §19.2;
Peskin & Schroeder §11.1 ($O(N)\to O(N-1)$: $N-1$ Goldstones).
"""

from __future__ import annotations

from dataclasses import dataclass

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig
from qftdata.generators.loops._common import pick
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions

NAME = "ssb.goldstone_counting"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate")


def _alg(kind: str, n: int) -> int:
    if n <= 0:
        return 0
    return 0 if (kind == "so" and n == 1) else lie.classical_algebra_dimension(kind, n)



# pattern -> (description template, G factors, H factors, min n); factors: (kind, size-expression)
def _patterns(n: int, k: int):
    return {
        "on": (f"an $O({n})$-invariant theory of {n} real scalars in which one component acquires a vacuum "
               f"expectation value, breaking $O({n})\\to O({n - 1})$", [("so", n)], [("so", n - 1)]),
        "chiral": (f"a QCD-like theory with {n} massless quark flavours in which the quark condensate breaks "
                   f"$SU({n})_L\\times SU({n})_R \\to SU({n})_V$", [("su", n), ("su", n)], [("su", n)]),
        "chiral_u1": (f"a theory with global symmetry $U({n})_L\\times U({n})_R$ broken by a condensate to the diagonal "
                      f"$U({n})_V$ (assume the axial $U(1)$ is not anomalous)", [("u", n), ("u", n)], [("u", n)]),
        "sun_vec": (f"a scalar in the fundamental of a global $SU({n})$ whose expectation value breaks "
                    f"$SU({n})\\to SU({n - 1})$", [("su", n)], [("su", n - 1)]),
        "un_vec": (f"a complex scalar {n}-component vector with global $U({n})$ symmetry whose expectation value breaks "
                   f"$U({n})\\to U({n - 1})$", [("u", n)], [("u", n - 1)]),
        "grassmann": (f"a global $U({n})$ broken to $U({k})\\times U({n - k})$ by an adjoint expectation value "
                      f"with {k} equal eigenvalues", [("u", n)], [("u", k), ("u", n - k)]),
        "su_to_so": (f"a global $SU({n})$ broken to $SO({n})$ by a condensate in the symmetric two-index "
                     f"representation (as for {n} flavours of Weyl fermions in a real gauge representation)",
                     [("su", n)], [("so", n)]),
        "su_to_sp": (f"a global $SU({2 * k})$ broken to $Sp({2 * k})$ (the compact symplectic group acting on "
                     f"$\\mathbb C^{{{2 * k}}}$) by an antisymmetric condensate (as for {2 * k} Weyl flavours in a "
                     "pseudoreal gauge representation)", [("su", 2 * k)], [("sp", 2 * k)]),
    }


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 8


def generate(rng, level: str, config: Config) -> Draft:
    li = LEVELS.index(level)
    keys = (("on", "chiral", "sun_vec") if li == 0 else
            ("on", "chiral", "chiral_u1", "sun_vec", "un_vec") if li == 1 else
            ("grassmann", "su_to_so", "su_to_sp", "chiral_u1", "un_vec"))
    key = pick(rng, keys)
    n = rng.randint(3, config.n_max)
    # su_to_sp needs k >= 2: Sp(2) = SU(2), so "SU(2) -> Sp(2)" breaks nothing
    k = rng.randint(1, n - 1) if key == "grassmann" else rng.randint(2, max(2, config.n_max // 2))
    desc, g, h = _patterns(n, k)[key]
    dim_g = sum(_alg(kind, m) for kind, m in g)
    dim_h = sum(_alg(kind, m) for kind, m in h)
    value = dim_g - dim_h
    problem = (conventions(UNITS, "The theory is relativistic and the symmetry is a global (not gauged) continuous "
                           "symmetry.")
               + f"\n\nConsider {desc}. How many massless Goldstone bosons does the spectrum contain? "
               "Give the integer in `\\boxed{}`.")
    fmt = {"so": "so", "su": "su", "u": "u", "sp": "sp"}
    glist = " \\oplus ".join(f"\\mathfrak{{{fmt[kd]}}}({m})" for kd, m in g)
    hlist = " \\oplus ".join(f"\\mathfrak{{{fmt[kd]}}}({m})" for kd, m in h)
    steps = [r"Goldstone's theorem (relativistic, global): one massless boson per broken generator, "
             r"$n_{\rm GB} = \dim G - \dim H$.",
             r"Dimensions by counting independent real matrix entries: anti-hermitian $n\times n$ gives $n^2$ "
             r"($\mathfrak u(n)$), tracelessness removes one ($\mathfrak{su}(n)$), real antisymmetric gives "
             r"$n(n-1)/2$ ($\mathfrak{so}(n)$), and $X^TJ + JX = 0$ inside $\mathfrak u(2m)$ leaves $m(2m+1)$ "
             r"($\mathfrak{sp}(2m)$).",
             rf"$\dim G = \dim({glist}) = {dim_g}$, $\dim H = \dim({hlist}) = {dim_h}$.",
             rf"So $n_{{\rm GB}} = {dim_g} - {dim_h} = {value}$."]
    answer = str(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params={"pattern": key, "n": n, "k": k}, answer_type="expression")


register(Family(name=NAME, category="Spontaneous Symmetry Breaking and Higgs", levels=LEVELS,
                description="Goldstone boson counts dim G - dim H for random global symmetry-breaking patterns.",
                generate=generate, config=Config(), version=2,  # 2: n in su_to_so text; su_to_sp k >= 2
                reference="Goldstone, Salam & Weinberg, Phys. Rev. 127 (1962) 965; Weinberg QTF II sec. 19.2"))
