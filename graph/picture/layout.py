"""Where each node of the picture goes, computed once in Python so the browser only draws.

NetworkX's spring layout costs O(n²) per step: 40 s for 5,000 nodes on this machine. So a
large graph is laid out in two levels: its communities (Louvain, seeded) are laid out as
weighted super-nodes, and each community on its own, in a disc sized for its members; the
discs are then pushed apart until they no longer overlap. Small graphs get one spring
layout. Seeds everywhere and rounded coordinates: the same graph gives the same positions, and
so a :class:`Memo` of a previous drawing can give them again without computing them (a rebuild
draws again only the groups that changed).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Hashable
from functools import partial
from typing import Any, TypeVar

import networkx as nx
import numpy as np

__all__ = ["SPACING", "Memo", "layout"]

#: the distance between neighbours, in the picture's pixels at zoom 1
SPACING = 100.0
ONE_PIECE = 400  # up to this many nodes, one spring layout is fast enough (< 0.5 s)
SMALL = 600  # a graph this small gets Kamada-Kawai for groups of up to SMALL_GROUP nodes
SMALL_GROUP = 160
Position = tuple[int, int]
T = TypeVar("T")


class Memo:
    """Layouts drawn before, by the fingerprint of the graph they were drawn from (and the seed):
    what a drawing finds here it does not compute again. ``now`` holds what this drawing used,
    to keep for the next one."""

    def __init__(self, before: dict[str, Any] | None = None) -> None:
        self.before = before or {}
        self.now: dict[str, Any] = {}

    def get(self, key: str, make: Callable[[], T]) -> T:
        """The value kept under ``key``, else ``make()``; kept for the next drawing either way."""
        value = self.before[key] if key in self.before else make()
        self.now[key] = value
        return value


def fingerprint(kind: str, g: nx.Graph, seed: int) -> str:
    """What a layout of ``g`` depends on: its nodes and weighted edges in order, and the seed."""
    drawn = repr((kind, seed, list(g.nodes), list(g.edges(data="weight"))))
    return hashlib.sha256(drawn.encode()).hexdigest()


def _spring(g: nx.Graph, seed: int) -> dict[Hashable, np.ndarray]:
    """A spring layout in a disc of radius 1; nodes without links on a sunflower spiral instead."""
    if g.number_of_edges() == 0:
        golden = math.pi * (3 - math.sqrt(5))
        return {
            n: np.array([math.cos(i * golden), math.sin(i * golden)]) * math.sqrt((i + 0.5) / len(g))
            for i, n in enumerate(sorted(g, key=str))
        }
    pos = nx.spring_layout(g, seed=seed, iterations=80, weight="weight")
    return {n: np.asarray(p, dtype=float) for n, p in pos.items()}


def _inner(g: nx.Graph, seed: int, *, small: bool) -> dict[Hashable, np.ndarray]:
    """A group's own layout in a disc of radius 1: Kamada-Kawai, which spaces nodes more evenly,
    for the few nodes of a small graph; a spring layout otherwise."""
    if not small or len(g) < 3 or len(g) > SMALL_GROUP or not nx.is_connected(g):
        return _spring(g, seed)
    pos = nx.kamada_kawai_layout(g, pos=nx.spring_layout(g, seed=seed), weight=None)
    coords = np.array([pos[n] for n in g])
    coords = coords - coords.mean(axis=0)
    coords = coords / max(float(np.hypot(coords[:, 0], coords[:, 1]).max()), 1e-9)
    return {n: coords[i] for i, n in enumerate(g)}


def _radius(size: int) -> float:
    """The radius of a disc holding ``size`` nodes SPACING apart."""
    return SPACING * (0.5 + 0.62 * math.sqrt(size))


def _subgraph(g: nx.Graph, nodes: list[Hashable]) -> nx.Graph:
    """The subgraph of ``nodes`` (sorted) as a graph of its own, its nodes and edges in sorted
    order: a subgraph view lists them in the order of a set, which changes from one Python
    process to the next (string hashing), and so would the seeded Louvain and spring layouts."""
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    inside = set(nodes)
    for u in nodes:
        for v in sorted((v for v in g[u] if v in inside), key=str):
            sub.add_edge(u, v, **g[u][v])
    return sub


def _groups(g: nx.Graph, seed: int) -> list[list[Hashable]]:
    """Connected components, split by Louvain (seeded) into groups of at most ONE_PIECE nodes;
    the nodes without links make one group of their own."""
    isolated = sorted((n for n in g if g.degree(n) == 0), key=str)
    pending = [sorted(c, key=str) for c in nx.connected_components(g) if len(c) > 1]
    groups: list[list[Hashable]] = []
    while pending:
        group = pending.pop()
        if len(group) <= ONE_PIECE:
            groups.append(group)
            continue
        parts = nx.community.louvain_communities(_subgraph(g, group), seed=seed)
        if len(parts) == 1:  # Louvain cannot split it: cut it into slices of the sorted order
            parts = [set(group[i : i + ONE_PIECE]) for i in range(0, len(group), ONE_PIECE)]
        pending.extend(sorted(p, key=str) for p in parts)
    if isolated:
        groups.append(isolated)
    return sorted(groups, key=lambda grp: (-len(grp), str(grp[0])))


def _separate(centres: np.ndarray, radii: np.ndarray, rounds: int = 400) -> np.ndarray:
    """Pack the discs: for the first half of the rounds every centre is drawn a little towards the
    middle, and in every round overlapping discs are pushed apart (each by half the overlap)."""
    centres = centres - centres.mean(axis=0)
    for round_ in range(rounds):
        settling = round_ >= rounds // 2
        if not settling:
            centres *= 0.97
        delta = centres[:, None, :] - centres[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(dist, 1e12)  # a disc never pushes itself
        overlap = radii[:, None] + radii[None, :] + SPACING - dist
        if settling and (overlap <= 0).all():
            break
        push = np.where(overlap > 0, overlap / np.maximum(dist, 1e-9) / 2, 0.0)
        centres += (delta * push[..., None]).sum(axis=1) / 2
    return centres


def layout(g: nx.Graph, *, seed: int = 7, memo: Memo | None = None) -> dict[Hashable, Position]:
    """Positions (x, y) of every node of ``g``, in whole pixels (as vis-network reports them).

    Direction and parallel edges do not matter; an edge's weight counts as one link each. A
    ``memo`` of an earlier drawing gives the positions of the same graph, and the inner layout of
    each group that did not change, without computing them again.

    >>> pos = layout(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and pos == layout(nx.path_graph(3))
    True
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g.nodes, key=str))
    for u, v in sorted(((u, v) for u, v in g.edges() if u != v), key=str):
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += 1
        else:
            simple.add_edge(u, v, weight=1)
    if len(simple) == 0:
        return {}
    memo = memo or Memo()
    return memo.get(fingerprint("whole", simple, seed), lambda: _positions(simple, seed, memo))


def _positions(simple: nx.Graph, seed: int, memo: Memo) -> dict[Hashable, Position]:
    groups = _groups(simple, seed)
    member = {n: i for i, grp in enumerate(groups) for n in grp}
    between = nx.Graph()
    between.add_nodes_from(range(len(groups)))
    for u, v, w in simple.edges(data="weight"):
        a, b = member[u], member[v]
        if a != b:
            between.add_edge(a, b, weight=between.get_edge_data(a, b, {"weight": 0})["weight"] + w)
    radii = np.array([_radius(len(grp)) for grp in groups])
    spread = math.sqrt(float((radii**2).sum()))  # about the room the discs need
    centre_of = _spring(between, seed)
    centres = _separate(np.array([centre_of[i] * spread for i in range(len(groups))]), radii)
    positions: dict[Hashable, Position] = {}
    small = len(simple) <= SMALL
    for i, grp in enumerate(groups):
        sub = _subgraph(simple, grp)
        kind = "small group" if small else "group"
        coords = memo.get(fingerprint(kind, sub, seed), partial(_coords, sub, seed, small))
        for n, xy in zip(sub, coords, strict=True):
            x, y = centres[i] + xy * radii[i]
            positions[n] = (round(float(x)), round(float(y)))
    return positions


def _coords(sub: nx.Graph, seed: int, small: bool) -> np.ndarray:
    """A group's inner positions as one array, in the order of its nodes (what a memo keeps)."""
    inner = _inner(sub, seed, small=small)
    return np.array([inner[n] for n in sub], dtype=float)
