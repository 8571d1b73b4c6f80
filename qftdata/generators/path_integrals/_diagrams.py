"""Feynman diagrams of scalar theories with several vertex types and field species, drawn as a random Wick
contraction, and the number of Wick contractions that produce a given diagram (hence its symmetry factor).

A diagram is a multigraph: internal vertices (each of a vertex type, a tuple of field species) and external
points (one field each), joined by propagators of one species. The contractions producing it are counted as
(number of distinct labellings of the interchangeable vertices) x (pairings of the legs realising one
labelled multigraph); the second factor is a dynamic programme over the legs (take the lowest remaining leg,
choose its partner among the legs that the multigraph still allows), i.e. an explicit count of contractions,
not the automorphism formula that tests/test_gen_path_integrals.py checks it against.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from functools import cache

Edge = tuple[str, str, str]  # (node, node, species), nodes sorted


def _key(a: str, b: str, f: str) -> Edge:
    return (a, b, f) if a <= b else (b, a, f)


def random_contraction(rng: random.Random, legs: list[tuple[str, str]]) -> Counter | None:
    """Pair `legs` ((node, species) per field) uniformly at random within each species; the multigraph as a
    Counter of edges, or None when some species has an odd number of fields."""
    by_species: dict[str, list[str]] = {}
    for node, f in legs:
        by_species.setdefault(f, []).append(node)
    edges: Counter = Counter()
    for f, nodes in sorted(by_species.items()):
        if len(nodes) % 2:
            return None
        nodes = list(nodes)
        rng.shuffle(nodes)
        for a, b in zip(nodes[::2], nodes[1::2], strict=True):
            edges[_key(a, b, f)] += 1
    return edges


def connected(edges: Counter, nodes: list[str]) -> bool:
    seen, todo = {nodes[0]}, [nodes[0]]
    adjacency: dict[str, set[str]] = {n: set() for n in nodes}
    for a, b, _ in edges:
        adjacency[a].add(b)
        adjacency[b].add(a)
    while todo:
        for m in adjacency[todo.pop()] - seen:
            seen.add(m)
            todo.append(m)
    return len(seen) == len(nodes)


def relabellings(edges: Counter, types: dict[str, tuple[str, ...]]) -> set[frozenset]:
    """The distinct labelled multigraphs obtained by permuting vertices of the same type (externals fixed)."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for v, t in sorted(types.items()):
        groups.setdefault(t, []).append(v)
    out = set()
    for perms in itertools.product(*(itertools.permutations(vs) for vs in groups.values())):
        relabel = {v: p for vs, ps in zip(groups.values(), perms, strict=True) for v, p in zip(vs, ps, strict=True)}
        out.add(frozenset(Counter({_key(relabel.get(a, a), relabel.get(b, b), f): m
                                   for (a, b, f), m in edges.items()}).items()))
    return out


def pairings(edges: frozenset, legs: tuple[tuple[str, str, int], ...]) -> int:
    """Wick pairings of distinguishable legs ((node, species, count) per node and species) realising exactly
    the labelled multigraph `edges` (frozenset of (edge, multiplicity))."""

    @cache
    def count(remaining: tuple[int, ...], multiplicity: tuple[int, ...]) -> int:
        first = next((i for i, r in enumerate(remaining) if r), None)
        if first is None:
            return 1 if not any(multiplicity) else 0
        node, f, _ = legs[first]
        total = 0
        for e, (edge, _) in enumerate(edge_list):
            if not multiplicity[e] or edge[2] != f or node not in edge[:2]:
                continue
            other = edge[1] if edge[0] == node else edge[0]
            j = index[(other, f)]
            choices = remaining[j] - (1 if j == first else 0)  # the partner leg: any remaining one there
            if choices <= 0:
                continue
            rem = list(remaining)
            rem[first] -= 1
            rem[j] -= 1
            mult = list(multiplicity)
            mult[e] -= 1
            total += choices * count(tuple(rem), tuple(mult))
        return total

    edge_list = sorted(edges)
    index = {(node, f): i for i, (node, f, _) in enumerate(legs)}
    return count(tuple(c for _, _, c in legs), tuple(m for _, m in edge_list))


def contraction_count(edges: Counter, types: dict[str, tuple[str, ...]], externals: dict[str, str]) -> int:
    """Number of Wick contractions of <externals x prod_v (vertex fields)> that produce the diagram `edges`."""
    legs_counter: Counter = Counter()
    for v, t in types.items():
        for f in t:
            legs_counter[(v, f)] += 1
    for x, f in externals.items():
        legs_counter[(x, f)] += 1
    legs = tuple((n, f, c) for (n, f), c in sorted(legs_counter.items()))
    labelled = relabellings(edges, types)
    per_labelling = pairings(frozenset(edges.items()), legs)
    return len(labelled) * per_labelling
