r"""Colour sums of products of $SU(N)$ fundamental-generator traces, symbolic in $N$ (private helper of
`groups.qcd_colour_factors`).

A colour sum is a product of traces $\mathrm{tr}(T^{a}T^{b}\cdots)$ in which every adjoint index appears exactly twice.
It is reduced with the completeness (Fierz) relation $\sum_a T^a_{ij}T^a_{kl} = \frac12(\delta_{il}\delta_{kj} -
\frac1N\delta_{ij}\delta_{kl})$, i.e. $\mathrm{tr}(T^aXT^aY) = \frac12[\mathrm{tr}X\,\mathrm{tr}Y - \frac1N\mathrm{tr}(XY)]$ and
$\mathrm{tr}(T^aX)\,\mathrm{tr}(T^aY) = \frac12[\mathrm{tr}(XY) - \frac1N\mathrm{tr}X\,\mathrm{tr}Y]$, with $\mathrm{tr}\,\mathbb 1 = N$
and $\mathrm{tr}\,T^a = 0$; $f^{abc} = -2i\,\mathrm{tr}(T^a[T^b, T^c])$ turns structure constants into traces.
Written by hand (a few dozen lines) because sympy has no colour algebra; tests/test_gen_multistep_colour.py checks
it against explicit $SU(2)$, $SU(3)$, $SU(4)$ matrices (`lie.su_fundamental_generators`).
"""

from __future__ import annotations

from functools import cache

import sympy as sp

__all__ = ["N", "colour_sum", "f_as_traces"]

N = sp.Symbol("N", positive=True, integer=True)
Trace = tuple[str, ...]


def _canon(traces: tuple[Trace, ...]) -> tuple[Trace, ...]:
    """Traces are cyclic and commute with each other: a canonical key for the cache."""
    out = []
    for t in traces:
        if not t:
            out.append(t)
            continue
        rots = [t[i:] + t[:i] for i in range(len(t))]
        out.append(min(rots))
    return tuple(sorted(out))


@cache
def _reduce(traces: tuple[Trace, ...]) -> sp.Expr:
    if any(len(t) == 1 for t in traces):
        return sp.Integer(0)
    for ti, t in enumerate(traces):
        for pos, a in enumerate(t):
            for tj in range(ti, len(traces)):
                u = traces[tj]
                start = pos + 1 if tj == ti else 0
                for qos in range(start, len(u)):
                    if u[qos] != a:
                        continue
                    rest = tuple(traces[k] for k in range(len(traces)) if k not in (ti, tj))
                    if ti == tj:   # tr(T^a X T^a Y) = (tr X tr Y - tr(XY)/N)/2
                        x, y = t[pos + 1:qos], t[qos + 1:] + t[:pos]
                        split, joined = _reduce(_canon(rest + (x, y))), _reduce(_canon(rest + (x + y,)))
                        return sp.expand((split - joined / N) / 2)
                    x, y = t[pos + 1:] + t[:pos], u[qos + 1:] + u[:qos]   # tr(T^a X) tr(T^a Y) = (tr(XY) - tr X tr Y/N)/2
                    joined, split = _reduce(_canon(rest + (x + y,))), _reduce(_canon(rest + (x, y)))
                    return sp.expand((joined - split / N) / 2)
    return N ** len(traces)   # only empty traces left


def colour_sum(terms: dict[tuple[Trace, ...], sp.Expr]) -> sp.Expr:
    r"""$\sum$ coefficient $\times$ (product of traces), every index contracted, as a polynomial in $N$ and $1/N$."""
    return sp.factor(sum((c * _reduce(_canon(tuple(ts))) for ts, c in terms.items()), sp.Integer(0)))


def f_as_traces(a: str, b: str, c: str) -> dict[Trace, sp.Expr]:
    r"""$f^{abc} = -2i[\mathrm{tr}(T^aT^bT^c) - \mathrm{tr}(T^aT^cT^b)]$ as {trace: coefficient}."""
    return {(a, b, c): -2 * sp.I, (a, c, b): 2 * sp.I}
