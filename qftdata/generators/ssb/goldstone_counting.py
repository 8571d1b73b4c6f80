r"""Counting Goldstone bosons. Relativistic: $n_{\rm GB} = \dim G - \dim H$ for random breaking patterns, each
algebra dimension computed by rank–nullity on its defining linear constraints (`lie.classical_algebra_dimension`).
Non-relativistic with a conserved-charge density (ferromagnets): the Watanabe–Murayama count
$n_A + n_B$ with $n_B = \tfrac12\,\mathrm{rank}\,\rho$, $\rho_{ab} = \langle[Q_a, Q_b]\rangle$, and
$n_A = \dim(G/H) - \mathrm{rank}\,\rho$, computed from explicit generator matrices and the density.

Levels (rubric): advanced-undergraduate — $O(N)\to O(N-1)$, $SU(N)\to SU(N-1)$, $U(N)\to U(N-1)$, chiral
$SU(N)^2\to SU(N)$;
graduate — chiral $U(N)^2$ and Stiefel breakings $SO(N)\to SO(N-k)$, $(S)U(N)\to (S)U(N-k)$; advanced-graduate — symmetric-space breakings
($U(N)\to U(k)\times U(N-k)$, $SU(N)\to SO(N)$, $SU(2k)\to Sp(2k)$, $SO(N)\to SO(k)\times SO(N-k)$,
$SO(2n)\to U(n)$, $U(n)\to O(n)$, $Sp$ breakings);
postgraduate — type-A/type-B counting for ferromagnets with a charge density (and an antiferromagnet). The knob grows $N$.
Reference: Goldstone, Salam & Weinberg, Phys. Rev. 127 (1962) 965; Weinberg, *QTF II* §19.2;
Peskin & Schroeder §11.1 ($O(N)\to O(N-1)$: $N-1$ Goldstones); Watanabe & Murayama, PRL 108 (2012) 251602;
Hidaka, PRL 110 (2013) 091601.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from qftdata.generators import lie
from qftdata.generators.base import Draft, Family, FamilyConfig, knob
from qftdata.generators.loops._common import band_position, pick
from qftdata.generators.registry import register
from qftdata.generators.text import UNITS, conventions

NAME = "ssb.goldstone_counting"
LEVELS = ("advanced-undergraduate", "graduate", "advanced-graduate", "postgraduate")
KEYS = {
    "advanced-undergraduate": ("on", "chiral", "sun_vec", "un_vec"),
    "graduate": ("chiral_u1", "stiefel", "stiefel", "un_stiefel", "un_stiefel", "sun_stiefel"),
    "advanced-graduate": ("grassmann", "grassmann", "su_to_so", "su_to_sp", "so_split", "so_split", "sp_split",
                          "so_to_u", "u_to_o", "sp_to_u"),
    "postgraduate": ("un_ferro", "un_ferro", "so_ferro", "so_ferro2", "so_ferro3", "so_antiferro"),
}


@cache
def _alg(kind: str, n: int) -> int:
    if n <= 0:
        return 0
    return 0 if (kind == "so" and n == 1) else lie.classical_algebra_dimension(kind, n)


# pattern -> (description, G factors, H factors); factors: (kind, size)
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
        "stiefel": (f"{k} real scalar {n}-component vectors of a global $SO({n})$ whose expectation values are "
                    f"{k} orthonormal directions, breaking $SO({n})\\to SO({n - k})$", [("so", n)], [("so", n - k)]),
        "sun_stiefel": (f"{k} complex scalar {n}-component vectors of a global $SU({n})$ whose expectation values are "
                        f"{k} orthonormal directions, breaking $SU({n})\\to SU({n - k})$", [("su", n)], [("su", n - k)]),
        "un_stiefel": (f"{k} complex scalar {n}-component vectors of a global $U({n})$ whose expectation values are "
                       f"{k} orthonormal directions, breaking $U({n})\\to U({n - k})$", [("u", n)], [("u", n - k)]),
        "grassmann": (f"a global $U({n})$ broken to $U({k})\\times U({n - k})$ by an adjoint expectation value "
                      f"with {k} equal eigenvalues", [("u", n)], [("u", k), ("u", n - k)]),
        "su_to_so": (f"a global $SU({n})$ broken to $SO({n})$ by a condensate in the symmetric two-index "
                     f"representation (as for {n} flavours of Weyl fermions in a real gauge representation)",
                     [("su", n)], [("so", n)]),
        "su_to_sp": (f"a global $SU({2 * k})$ broken to $Sp({2 * k})$ (the compact symplectic group acting on "
                     f"$\\mathbb C^{{{2 * k}}}$) by an antisymmetric condensate (as for {2 * k} Weyl flavours in a "
                     "pseudoreal gauge representation)", [("su", 2 * k)], [("sp", 2 * k)]),
        "so_split": (f"a global $SO({n})$ broken to $SO({k})\\times SO({n - k})$ by a symmetric traceless "
                     f"expectation value with {k} equal eigenvalues", [("so", n)], [("so", k), ("so", n - k)]),
        "so_to_u": (f"a global $SO({2 * n})$ broken to $U({n})$ by an antisymmetric expectation value that defines a "
                    f"complex structure on $\\mathbb R^{{{2 * n}}}$", [("so", 2 * n)], [("u", n)]),
        "u_to_o": (f"a global $U({n})$ broken to $O({n})$ by a real symmetric condensate (as for {n} flavours of Weyl "
                   "fermions pairing in a real representation, with the axial $U(1)$ not anomalous)", [("u", n)],
                   [("so", n)]),
        "sp_to_u": (f"a global $Sp({2 * n})$ (compact) broken to $U({n})$", [("sp", 2 * n)], [("u", n)]),
        "sp_split": (f"a global $Sp({2 * n})$ (compact, acting on $\\mathbb H^{{{n}}}$) broken to "
                     f"$Sp({2 * k})\\times Sp({2 * (n - k)})$", [("sp", 2 * n)], [("sp", 2 * k), ("sp", 2 * (n - k))]),
    }


def _hermitian_basis(kind: str, n: int):
    """A basis of Hermitian generators of u(n) or so(n) (imaginary antisymmetric) as numpy matrices."""
    import numpy as np

    out = []
    for i in range(n):
        for j in range(i, n):
            if i < j:
                a = np.zeros((n, n), complex)
                a[i, j], a[j, i] = -1j, 1j
                out.append(a)
                if kind == "u":
                    s = np.zeros((n, n), complex)
                    s[i, j] = s[j, i] = 1
                    out.append(s)
            elif kind == "u":
                d = np.zeros((n, n), complex)
                d[i, i] = 1
                out.append(d)
    return out


@cache
def ferromagnet_count(kind: str, n: int, density: tuple[tuple[int, int], ...]) -> tuple[int, int, int]:
    """(dim G/H, n_A, n_B) for G = U(n) or SO(n) and the charge density rho (a sum of generators: for U(n) the
    projectors E_ii listed as (i, i); for SO(n) the plane rotations L_ij listed as (i, j)): the broken generators
    span {[T_a, rho]}, and rho_ab = tr(rho [T_a, T_b]) has rank 2 n_B (Watanabe-Murayama)."""
    import numpy as np

    rho = np.zeros((n, n), complex)
    for i, j in density:
        if i == j:
            rho[i, i] += 1
        else:
            rho[i, j] += -1j
            rho[j, i] += 1j
    basis = np.array(_hermitian_basis(kind, n))
    comm = np.einsum("ij,ajk->aik", rho, basis) - np.einsum("aij,jk->aik", basis, rho)  # [rho, T_a]
    broken = np.linalg.matrix_rank(comm.reshape(len(basis), -1), tol=1e-9)
    # tr(rho [T_a, T_b]) = tr([T_b, rho] T_a) = -tr([rho, T_b] T_a)
    rank = np.linalg.matrix_rank(np.einsum("bij,aji->ab", comm, basis), tol=1e-9)
    if rank % 2:
        raise ArithmeticError("the commutator matrix must have even rank")
    return int(broken), int(broken - rank), int(rank // 2)


@dataclass(frozen=True)
class Config(FamilyConfig):
    n_max: int = 24
    ferro_n_max: int = 12


def _relativistic(rng, level: str, u: float, config: Config):
    key = pick(rng, KEYS[level])
    top = 8 if key in ("sp_split", "sp_to_u", "so_to_u") else config.n_max  # Sp(2n), SO(2n): 2n x 2n matrices
    n = rng.randint(3, top - round((1 - u) * (top - 3) / 2))
    # su_to_sp needs k >= 2: Sp(2) = SU(2), so "SU(2) -> Sp(2)" breaks nothing; split patterns need 1 <= k < n
    k = rng.randint(1, n - 1) if key in ("grassmann", "so_split", "sp_split", "stiefel", "un_stiefel") else \
        rng.randint(2, max(2, 2 + round(u * 4)))
    if key == "so_split":
        k = rng.randint(1, n // 2)
    if key == "sun_stiefel":
        k = rng.randint(1, n - 2)  # SU(1) is trivial: keep SU(n-k) non-trivial  # SO(k) x SO(n-k) and SO(n-k) x SO(k) are the same pattern
    desc, g, h = _patterns(n, k)[key]
    dim_g = sum(_alg(kind, m) for kind, m in g)
    dim_h = sum(_alg(kind, m) for kind, m in h)
    value = dim_g - dim_h
    problem = (conventions(UNITS, "The theory is relativistic and the symmetry is a global (not gauged) continuous "
                           "symmetry.")
               + f"\n\nConsider {desc}. How many massless Goldstone bosons does the spectrum contain? "
               "Give the integer in `\\boxed{}`.")
    glist = " \\oplus ".join(f"\\mathfrak{{{kd}}}({m})" for kd, m in g)
    hlist = " \\oplus ".join(f"\\mathfrak{{{kd}}}({m})" for kd, m in h)
    steps = [r"Goldstone's theorem (relativistic, global): one massless boson per broken generator, "
             r"$n_{\rm GB} = \dim G - \dim H$.",
             r"Dimensions by counting independent real matrix entries: anti-hermitian $n\times n$ gives $n^2$ "
             r"($\mathfrak u(n)$), tracelessness removes one ($\mathfrak{su}(n)$), real antisymmetric gives "
             r"$n(n-1)/2$ ($\mathfrak{so}(n)$), and $X^TJ + JX = 0$ inside $\mathfrak u(2m)$ leaves $m(2m+1)$ "
             r"($\mathfrak{sp}(2m)$).",
             rf"$\dim G = \dim({glist}) = {dim_g}$, $\dim H = \dim({hlist}) = {dim_h}$.",
             rf"So $n_{{\rm GB}} = {dim_g} - {dim_h} = {value}$."]
    return problem, steps, value, {"pattern": key, "n": n, "k": k}


def _ferromagnet(rng, u: float, config: Config):
    key = pick(rng, KEYS["postgraduate"])
    lo = {"so_ferro2": 5, "so_ferro3": 7}.get(key, 3)
    n = rng.randint(lo, max(lo + 1, config.ferro_n_max - round((1 - u) * (config.ferro_n_max - lo) / 2)))
    if key == "so_antiferro":
        k = 0
        g, h = _alg("so", n), _alg("so", n - 1)
        broken, n_a, n_b = g - h, g - h, 0
        desc = (f"a non-relativistic antiferromagnet with global $SO({n})$ symmetry: the staggered order parameter "
                f"(a {n}-component Neel vector) breaks $SO({n})\\to SO({n - 1})$ and the ground state carries no net "
                "charge density")
        kind = density = None
    elif key == "un_ferro":
        k = rng.randint(1, n - 1)
        kind, density = "u", tuple((i, i) for i in range(k))
        desc = (f"a non-relativistic ferromagnet with global $U({n})$ symmetry (the $n = {n}$ components of a "
                f"spinor condensate) whose ground state carries a uniform charge density "
                f"$\\langle Q_{{ij}}\\rangle \\propto \\mathrm{{diag}}(1^{{{k}}}, 0^{{{n - k}}})$ "
                f"(the generators $Q_{{ij}}$ of $U({n})$; {k} equal nonzero entries)")
    elif key == "so_ferro":
        k, kind, density = 1, "so", ((0, 1),)
        desc = (f"a non-relativistic ferromagnet with global $SO({n})$ symmetry whose ground state carries a uniform "
                f"density of the charge $L_{{12}}$ generating rotations in the (1,2) plane, and no other charge density")
    else:
        k = 2 if key == "so_ferro2" else 3
        kind, density = "so", ((0, 1), (2, 3), (4, 5))[:k]
        planes = " and ".join(f"$L_{{{2 * i + 1}{2 * i + 2}}}$" for i in range(k))
        desc = (f"a non-relativistic ferromagnet with global $SO({n})$ symmetry whose ground state carries equal "
                f"uniform densities of the charges {planes} (rotations in {k} orthogonal planes), and no other charge "
                "density")
    if kind is not None:
        broken, n_a, n_b = ferromagnet_count(kind, n, density)
    value = n_a + n_b
    problem = (conventions(UNITS, "The system is non-relativistic; the symmetry is a global continuous internal "
                           "symmetry, and the order parameter is the charge density itself.")
               + f"\n\nConsider {desc}. How many independent Goldstone modes (type-A plus type-B, counting each "
               "type-B mode once) does the spectrum contain? Give the integer in `\\boxed{}`.")
    steps = [r"With a nonzero density of conserved charges the Goldstone modes come in two types "
             r"(Watanabe–Murayama): $n_B = \tfrac12\,\mathrm{rank}\,\rho$ with $\rho_{ab} = -i\langle[Q_a, Q_b]\rangle$, "
             r"and $n_A = \dim(G/H) - \mathrm{rank}\,\rho$.",
             rf"The broken generators are those with $[Q_a, \rho] \ne 0$: their span has dimension {broken}.",
             rf"$\rho_{{ab}} = \mathrm{{tr}}(\rho\,[T_a, T_b])$ over a basis of generators has rank {2 * n_b}, so $n_B = {n_b}$ "
             rf"and $n_A = {broken} - {2 * n_b} = {n_a}$.",
             rf"Total: $n_A + n_B = {value}$."]
    return problem, steps, value, {"pattern": key, "n": n, "k": k}


def generate(rng, level: str, config: Config) -> Draft:
    d = knob(config, level, rng)
    u = band_position(d, level)
    if level == "postgraduate":
        problem, steps, value, params = _ferromagnet(rng, u, config)
    else:
        problem, steps, value, params = _relativistic(rng, level, u, config)
    answer = str(value)
    return Draft(problem=problem, answer=answer, solution="\n\n".join(steps) + f"\n\n$$\\boxed{{{answer}}}$$",
                 params=params, answer_type="expression", difficulty=d)


register(Family(name=NAME, category="Spontaneous Symmetry Breaking and Higgs", levels=LEVELS,
                description="Goldstone counts: dim G - dim H for global breaking patterns; type-A/B counting for "
                            "ferromagnets.",
                generate=generate, config=Config(),
                version=3,  # 3: knob; patterns disjoint by level; Stiefel/SO/Sp splits; ferromagnets (postgraduate)
                reference="Goldstone, Salam & Weinberg, Phys. Rev. 127 (1962) 965; Weinberg QTF II sec. 19.2; "
                          "Watanabe & Murayama PRL 108 (2012) 251602"))
