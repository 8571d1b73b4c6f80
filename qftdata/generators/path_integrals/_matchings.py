"""Enumerate Wick contractions (perfect matchings of field operators) and classify them as graphs."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache


def matchings(legs: tuple, forbid_same_node: frozenset = frozenset()) -> Iterator[tuple]:
    """All perfect matchings of `legs` ((node, slot) pairs) as tuples of leg pairs.

    A pair of two legs on the same node is skipped when that node is in `forbid_same_node`
    (normal ordering forbids self-contractions at that point).
    """
    if not legs:
        yield ()
        return
    first, rest = legs[0], legs[1:]
    for k, other in enumerate(rest):
        if first[0] == other[0] and first[0] in forbid_same_node:
            continue
        remaining = rest[:k] + rest[k + 1:]
        for m in matchings(remaining, forbid_same_node):
            yield ((first, other),) + m


def edge_multiset(matching: tuple) -> Counter:
    """Multigraph of a matching: Counter of sorted node pairs."""
    return Counter(tuple(sorted((a[0], b[0]), key=str)) for a, b in matching)  # noqa: C417


def is_connected(edges: Counter, nodes: list) -> bool:
    parent = {n: n for n in nodes}

    def find(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in edges:
        parent[find(a)] = find(b)
    return len({find(n) for n in nodes}) == 1


def canonical(edges: Counter, vertices: list[int]) -> tuple:
    """Canonical form of a multigraph under permutations of the (interchangeable) internal vertices;
    external nodes (strings) stay fixed. Vertices are written "v1", "v2", ... in the key."""
    best = None
    for perm in itertools.permutations(vertices):
        relabel = {v: f"v{p}" for v, p in zip(vertices, perm, strict=True)}
        key = tuple(sorted((tuple(sorted((relabel.get(a, str(a)), relabel.get(b, str(b))))), k)
                           for (a, b), k in edges.items()))
        if best is None or key < best:
            best = key
    return best


@lru_cache(maxsize=32)
def contraction_classes(valence: int, n_vertices: int, externals: tuple[str, ...]) -> dict[tuple, int]:
    """Count the Wick contractions of <ext... (phi^valence)^n_vertices> producing each connected graph.

    Returns canonical graph -> number of contractions. The externals are single fields at fixed points.
    """
    legs = tuple((x, 0) for x in externals) + tuple((v, i) for v in range(1, n_vertices + 1) for i in range(valence))
    nodes = list(externals) + list(range(1, n_vertices + 1))
    # First count contractions per labelled multigraph, then merge isomorphic ones (far fewer graphs
    # than contractions, so each is canonicalised once).
    labelled: Counter = Counter()
    for m in matchings(legs):
        labelled[frozenset(edge_multiset(m).items())] += 1
    counts: Counter = Counter()
    for key, n in labelled.items():
        edges = Counter(dict(key))
        if is_connected(edges, nodes):
            counts[canonical(edges, list(range(1, n_vertices + 1)))] += n
    return dict(counts)
