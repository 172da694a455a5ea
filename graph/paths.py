"""Chains of links between two entities of the projection, told in words."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from graph.errors import EntityNotFoundError
from graph.lookup import find_entity

MENTIONS = "https://schema.org/mentions"
# A text that mentions two names is a weak link: a chain of facts is preferred to it.
MENTION_WEIGHT = 10


@dataclass(frozen=True)
class Step:
    """One link of a chain: ``subject --label--> object`` as the graph states it."""

    subject: str
    label: str
    obj: str
    character: str | None = None


@dataclass(frozen=True)
class Chain:
    """The entities of a chain, in order, and the links between them."""

    nodes: tuple[str, ...]
    labels: tuple[str, ...]
    steps: tuple[Step, ...]


def shortest_chain(store: ox.Store, g: nx.MultiDiGraph, source: str, target: str) -> Chain:
    """The shortest chain between the entities named ``source`` and ``target``, links either way."""
    a, b = find_entity(store, source).value, find_entity(store, target).value
    for node, name in ((a, source), (b, target)):
        if node not in g:
            raise EntityNotFoundError(f"'{name}' is in the graph but links to no entity")
    undirected = nx.Graph()
    for u, v, d in g.edges(data=True):
        weight = MENTION_WEIGHT if d["predicate"] == MENTIONS else 1
        if not undirected.has_edge(u, v) or undirected[u][v]["weight"] > weight:
            undirected.add_edge(u, v, weight=weight)
    undirected.add_nodes_from(g)
    try:
        nodes = nx.shortest_path(undirected, a, b, weight="weight")
    except nx.NetworkXNoPath:
        raise EntityNotFoundError(f"no chain of links between '{source}' and '{target}'") from None
    steps = []
    for u, v in itertools.pairwise(nodes):
        if g.has_edge(u, v):
            d = min(g.get_edge_data(u, v).values(), key=_strongest)
            steps.append(Step(u, d["label"], v, d.get("character") or None))
        else:
            d = min(g.get_edge_data(v, u).values(), key=_strongest)
            steps.append(Step(v, d["label"], u, d.get("character") or None))
    return Chain(tuple(nodes), tuple(g.nodes[n]["label"] for n in nodes), tuple(steps))


def _strongest(edge: dict) -> tuple[bool, str]:
    return edge["predicate"] == MENTIONS, edge["label"]


def describe(chain: Chain) -> str:
    """The chain as lines: ``Paris —actor (as Élise)→ Juliette Binoche``."""
    label = dict(zip(chain.nodes, chain.labels, strict=True))
    lines = [f"{len(chain.steps)} link(s) from {chain.labels[0]} to {chain.labels[-1]}:"]
    for s in chain.steps:
        role = f"{s.label} (as {s.character})" if s.character else s.label
        lines.append(f"  {label[s.subject]} —{role}→ {label[s.obj]}")
    return "\n".join(lines)
