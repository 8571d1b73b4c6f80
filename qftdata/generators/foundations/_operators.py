"""Random local operators and their mass dimensions by power counting (shared by two families).

Field dimensions are *solved* from the requirement that the kinetic terms have dimension d
(the action is dimensionless, [d^d x] = -d): [d_mu phi d^mu phi] = d, [psibar i dslash psi] = d,
[F_{mu nu} F^{mu nu}] = d with F ~ dA. The coupling's dimension is then d minus the operator's.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

d = sp.Symbol("d", positive=True)

# Optional extra factor: (latex, needs fermions/gauge, dimension in terms of [phi], [psi], [A]).
SPECIALS = {
    "": ("", lambda f, p, a: 0),
    "current_A": (r"\bar\psi\gamma^\rho\psi\,A_\rho", lambda f, p, a: 2 * p + a),
    "pauli": (r"\bar\psi\sigma^{\rho\sigma}\psi\,F_{\rho\sigma}", lambda f, p, a: 2 * p + a + 1),
    "current_dphi": (r"\bar\psi\gamma^\rho\gamma^5\psi\,\partial_\rho\phi", lambda f, p, a: 2 * p + f + 1),
}


@dataclass(frozen=True)
class Operator:
    """phi^a (psibar psi)^b (d phi . d phi)^c (F F)^e x special."""

    a: int = 0
    b: int = 0
    c: int = 0
    e: int = 0
    special: str = ""

    def latex(self) -> str:
        parts = []
        if self.a:
            parts.append(r"\phi" + (f"^{{{self.a}}}" if self.a > 1 else ""))
        if self.b:
            parts.append(r"\bar\psi\psi" if self.b == 1 else rf"(\bar\psi\psi)^{{{self.b}}}")
        if self.c:
            parts.append(r"\partial_\mu\phi\,\partial^\mu\phi" if self.c == 1
                         else rf"(\partial_\mu\phi\,\partial^\mu\phi)^{{{self.c}}}")
        if self.e:
            parts.append(r"F_{\alpha\beta}F^{\alpha\beta}" if self.e == 1
                         else rf"(F_{{\alpha\beta}}F^{{\alpha\beta}})^{{{self.e}}}")
        if self.special:
            parts.append(SPECIALS[self.special][0])
        return r"\,".join(parts)

    def fields(self) -> set[str]:
        out = set()
        if self.a or self.c or self.special == "current_dphi":
            out.add("phi")
        if self.b or self.special:
            out.add("psi")
        if self.e or self.special in ("current_A", "pauli"):
            out.add("A")
        return out


@lru_cache(maxsize=64)
def field_dimensions(dim=d) -> dict[str, sp.Expr]:
    """Solve the kinetic-term conditions for [phi], [psi], [A] (mass dimension of d/dx is 1)."""
    f, p, a = sp.symbols("Delta_phi Delta_psi Delta_A")
    sol = sp.solve([sp.Eq(2 * f + 2, dim), sp.Eq(2 * p + 1, dim), sp.Eq(2 * (a + 1), dim)], [f, p, a], dict=True)[0]
    return {"phi": sol[f], "psi": sol[p], "A": sol[a]}  # cached: treat as read-only


@lru_cache(maxsize=4096)
def operator_dimension(op: Operator, dim=d) -> sp.Expr:
    """[O] from the solved field dimensions (linear in d: expand is all the simplification it needs)."""
    fd = field_dimensions(dim)
    f, p, a = fd["phi"], fd["psi"], fd["A"]
    total = op.a * f + op.b * 2 * p + op.c * (2 * f + 2) + op.e * (2 * a + 2)
    total += SPECIALS[op.special][1](f, p, a)
    return sp.expand(total)


@lru_cache(maxsize=4096)
def coupling_dimension(op: Operator, dim=d) -> sp.Expr:
    return sp.expand(dim - operator_dimension(op, dim))


def random_operator(rng: random.Random, rich: bool, dim: int | None = None, max_power: int = 1,
                    max_fields: int = 8) -> Operator:
    """A random interaction operator with 3 to `max_fields` fields (never a kinetic or mass term).

    `rich` adds derivative couplings, field strengths and fermion-gauge structures to the plain
    phi^a (psibar psi)^b monomials; `max_power` lets (d phi . d phi)^c and (F F)^e reach that power (the
    higher-derivative operators of an effective theory); more fields allow phi^a up to a = max_fields - 2
    and, in a given d >= 4 (four or more spinor components), the six-fermion (psibar psi)^3. `dim` (None: general d) keeps the operator meaningful there: gamma^5
    only in even d, and in d <= 3, where a Dirac spinor has two components, no psibar psi times a second
    bilinear carrying Lorentz indices (four Grassmann components allow only the scalar (psibar psi)^2, so
    psibar psi psibar Gamma psi vanishes identically).
    """
    specials = ["current_A", "pauli", "current_dphi"]
    if dim is not None and dim % 2:
        specials.remove("current_dphi")
    while True:
        a = rng.randint(0, max_fields - 2)
        b = rng.choice([0, 0, 1, 1, 2] + ([3] if max_fields > 8 and dim is not None and dim >= 4 else []))
        c = e = 0
        special = ""
        if rich:
            extra = rng.choice(["", "c", "e", "special", "special"])
            if extra == "c":
                c = rng.randint(1, max_power) if max_power > 1 else 1
            elif extra == "e":
                e = rng.randint(1, max_power) if max_power > 1 else 1
            elif extra == "special":
                special = rng.choice(specials)
                b = 0 if dim is not None and dim <= 3 else min(b, 1)
        op = Operator(a, b, c, e, special)
        n_fields = a + 2 * b + 2 * c + 2 * e + (3 if special else 0)
        if 3 <= n_fields <= max_fields and not (b == c == e == 0 and not special and a < 3):
            return op


def lagrangian_context(op: Operator) -> str:
    """Kinetic terms of the fields the operator contains (what fixes their dimensions)."""
    kin = []
    fields = op.fields()
    if "phi" in fields:
        kin.append(r"\tfrac12\partial_\mu\phi\,\partial^\mu\phi")
    if "psi" in fields:
        kin.append(r"\bar\psi\, i\gamma^\mu\partial_\mu\psi")
    if "A" in fields:
        kin.append(r"-\tfrac14 F_{\mu\nu}F^{\mu\nu}")
    return " ".join(k if i == 0 or k.startswith("-") else "+ " + k for i, k in enumerate(kin))


def describe_fields(op: Operator) -> str:
    names = {"phi": r"a real scalar $\phi$", "psi": r"a Dirac fermion $\psi$",
             "A": r"a gauge field $A_\mu$ with $F_{\mu\nu} = \partial_\mu A_\nu - \partial_\nu A_\mu$"}
    items = [names[k] for k in ("phi", "psi", "A") if k in op.fields()]
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]
