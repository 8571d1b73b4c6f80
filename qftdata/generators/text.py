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


def tex(expr) -> str:
    r"""Canonical answer LaTeX of a sympy expression (what golds are written in).

    `sympy.latex` with settings the verifier's LaTeX front-end parses back: `\log` for logarithms,
    plain `\frac`, no `\operatorname`. Plain ints/strings pass through.

    >>> import sympy as sp
    >>> tex(sp.Rational(3, 4) * sp.sqrt(5))
    '\\frac{3 \\sqrt{5}}{4}'
    """
    import sympy as sp

    if isinstance(expr, str):
        return expr
    return sp.latex(sp.sympify(expr), ln_notation=False, mul_symbol=None, fold_short_frac=False)  # trusted: generator-internal values, never model text


def latex(expr, **settings) -> str:
    r"""`sympy.latex(expr, **settings)`, fast for expressions with exponentials.

    Why: sympy's LaTeX printer asks `is_constant()` of every factor while splitting a product into numerator
    and denominator, which runs `simplify` on each exponential: ~0.1-0.3 s for a partition function with a
    few Boltzmann factors. Here each distinct `exp(...)` is printed on its own and stands in the expression as
    a plain placeholder symbol while the rest is printed, then spliced back (same text as sympy's printer
    gives for the factor, the terms possibly in another order, so a family that switches to it bumps its version).

    >>> import sympy as sp
    >>> x = sp.Symbol("x", positive=True)
    >>> latex(2 * sp.exp(-x) / (1 + sp.exp(-2 * x)))
    '\\frac{2 e^{- x}}{e^{- 2 x} + 1}'
    """
    import sympy as sp

    exps = sorted(expr.atoms(sp.exp), key=sp.default_sort_key) if isinstance(expr, sp.Basic) else []
    if not exps:
        return sp.latex(expr, **settings)
    spliced: dict[str, str] = {}
    subs = {}
    for i, e in enumerate(exps):
        name = "ezqx" + "".join(chr(97 + int(c)) for c in str(i)) + "q"  # letters only (no subscript), sorts as e
        subs[e] = sp.Symbol(name)
        spliced[name] = sp.latex(e, **settings)
    text = sp.latex(expr.xreplace(subs), **settings)
    for name in sorted(spliced, key=len, reverse=True):
        text = text.replace(name, spliced[name])
    return text


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def matrix_tex(rows) -> str:
    r"""A matrix as `\begin{pmatrix} ... \end{pmatrix}` with entries through `tex`."""
    body = r" \\ ".join(" & ".join(tex(x) for x in row) for row in rows)
    return r"\begin{pmatrix} " + body + r" \end{pmatrix}"
