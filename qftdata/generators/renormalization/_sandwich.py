r"""On-shell spinor sandwiches $\bar u(p')\,W\,u(p)$ of words in $\not p$, $\not p'$ and one $\gamma^\mu$, reduced to the
basis $\bar u'\gamma^\mu u$, $\bar u'u\,p^\mu$, $\bar u'u\,p'^\mu$ (private helper of the vertex-correction families).

Rules (only the Clifford algebra and the Dirac equation): $\not p\,u(p) = m\,u(p)$, $\bar u(p')\not p' = m\,\bar u(p')$;
a $\not p$ not yet at the right end is moved right with $\not p\,Y = 2(p\cdot Y) - Y\not p$, a $\not p'$ not at the left end
is moved left with $X\not p' = 2(X\cdot p') - \not p'X$, where $p\cdot\gamma^\mu = p^\mu$ (a free-index vector), $p^2 = p'^2
= m^2$ and $p\cdot p' = m^2 - q^2/2$ ($q = p' - p$). Written by hand because the reduction needs the Dirac equation
on both sides, which the trace engines of `dirac.py` do not apply; tests/test_gen_multistep_vertex.py checks it
against explicit 4x4 matrices and spinors.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

__all__ = ["gordon_f2", "reduce_sandwich"]

Word = tuple[str, ...]   # letters: "p" (pslash), "P" (p'slash), "mu" (gamma^mu)


def _dot(a: str, b: str, m, q2):
    return m**2 if a == b else m**2 - q2 / 2


@cache
def _reduce(word: Word, m, q2) -> tuple[tuple[tuple[Word, str | None], sp.Expr], ...]:
    """((terminal word, free vector), coefficient) pairs of one word."""
    out: dict[tuple[Word, str | None], sp.Expr] = {}

    def add(key, c):
        out[key] = out.get(key, 0) + c

    def recurse(w: Word, coeff, vec):
        for (tw, v2), c in _reduce(w, m, q2):
            if vec is not None and v2 is not None:
                raise ValueError("two free vectors: the word carries one Lorentz index only")
            add((tw, vec if vec is not None else v2), coeff * c)

    if word and word[-1] == "p":
        recurse(word[:-1], m, None)
        return tuple(out.items())
    if word and word[0] == "P":
        recurse(word[1:], m, None)
        return tuple(out.items())
    if "p" in word:
        i = max(j for j, a in enumerate(word) if a == "p")   # rightmost pslash, not at the end
        y = word[i + 1]
        rest = word[:i] + word[i + 2:]
        if y == "p":
            recurse(rest, m**2, None)
        elif y == "P":
            recurse(rest, 2 * _dot("p", "P", m, q2), None)
            recurse(word[:i] + ("P", "p") + word[i + 2:], -1, None)
        else:   # gamma^mu
            recurse(rest, 2, "p")
            recurse(word[:i] + ("mu", "p") + word[i + 2:], -1, None)
        return tuple(out.items())
    if "P" in word:
        i = min(j for j, a in enumerate(word) if a == "P")   # leftmost p'slash, not at the start
        x = word[i - 1]
        rest = word[:i - 1] + word[i + 1:]
        if x == "P":
            recurse(rest, m**2, None)
        else:   # gamma^mu
            recurse(rest, 2, "P")
            recurse(word[:i - 1] + ("P", "mu") + word[i + 1:], -1, None)
        return tuple(out.items())
    return (((word, None), sp.Integer(1)),)


def reduce_sandwich(terms: dict[Word, sp.Expr], m, q2) -> dict[str, sp.Expr]:
    r"""$\bar u(p')\big[\sum_w c_w\,w\big]u(p)$ as {"gamma": coefficient of $\bar u'\gamma^\mu u$, "p": of $\bar u'u\,p^\mu$,
    "P": of $\bar u'u\,p'^\mu$}."""
    out = {"gamma": sp.Integer(0), "p": sp.Integer(0), "P": sp.Integer(0)}
    for word, c in terms.items():
        for (tw, vec), k in _reduce(tuple(word), m, q2):
            if tw == ("mu",) and vec is None:
                out["gamma"] += c * k
            elif tw == () and vec in ("p", "P"):
                out[vec] += c * k
            else:
                raise ValueError(f"unexpected terminal {tw}, {vec}")
    return {k: sp.expand(v) for k, v in out.items()}


def gordon_f2(reduced: dict[str, sp.Expr], m) -> sp.Expr:
    r"""The $F_2$ part of $\bar u'[A\gamma^\mu + c_p p^\mu + c_{p'}p'^\mu]u$: with $G = (c_p + c_{p'})/2$ the coefficient of
    $(p+p')^\mu$, Gordon's identity $(p+p')^\mu = 2m\gamma^\mu - i\sigma^{\mu\nu}q_\nu$ gives
    $\frac{i\sigma^{\mu\nu}q_\nu}{2m}(-2mG)$, i.e. $F_2 = -2mG$ (the $q^\mu$ part vanishes by current conservation)."""
    return sp.expand(-m * (reduced["p"] + reduced["P"]))
