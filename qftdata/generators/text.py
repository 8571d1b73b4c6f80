"""Shared wording for problem statements, so every family states conventions the same way.

See ../shared/CONVENTIONS.md: natural units, metric (+,-,-,-), relativistic state normalisation.
"""

from __future__ import annotations

UNITS = r"Use natural units $\hbar = c = 1$."
METRIC = r"The metric signature is $(+,-,-,-)$."
STATES = r"One-particle states are normalised relativistically, $\langle p|q\rangle = 2E_p(2\pi)^3\delta^3(\mathbf p-\mathbf q)$."
DIRAC = (r"Dirac matrices obey $\{\gamma^\mu,\gamma^\nu\} = 2g^{\mu\nu}$ with $\gamma^5 = i\gamma^0\gamma^1\gamma^2\gamma^3$ "
         r"and $\epsilon^{0123} = -1$.")
DIMREG = (r"Use dimensional regularisation with $d = 4 - 2\epsilon$ and the $\overline{\rm MS}$ scale $\mu$ "
          r"(the factor $(e^{\gamma_E}/4\pi)^\epsilon$ absorbed).")
UNPOLARISED = ("Unpolarised means averaged over initial spins and summed over final spins; include a factor "
               "1/2 for identical final-state particles when integrating over the full solid angle.")


def conventions(*parts: str) -> str:
    """Join convention sentences into one paragraph: `conventions(UNITS, METRIC)`."""
    return "*Conventions:* " + " ".join(parts)


def ask(quantity: str, symbols: list[str] | tuple[str, ...] = ()) -> str:
    r"""The closing sentence every statement ends with: what to give, in which symbols, in `\boxed{}`.

    `symbols` are given in LaTeX (e.g. `[r"e", r"s", r"m_\mu"]`).
    """
    if symbols:
        names = ", ".join(f"${s}$" for s in symbols[:-1])
        names = f"{names} and ${symbols[-1]}$" if names else f"${symbols[-1]}$"
        return f"Give {quantity} in terms of {names}, as a single expression in `\\boxed{{}}`."
    return f"Give {quantity} as a single exact value in `\\boxed{{}}`."
