"""Chains of links between two entities of the projection, told in words."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from graph.errors import EntityNotFoundError
from graph.lookup import find_entity


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
    try:
        nodes = nx.shortest_path(g.to_undirected(as_view=True), a, b)
    except nx.NetworkXNoPath:
        raise EntityNotFoundError(f"no chain of links between '{source}' and '{target}'") from None
    steps = []
    for u, v in zip(nodes, nodes[1:], strict=False):
        if g.has_edge(u, v):
            d = min(g.get_edge_data(u, v).values(), key=lambda e: e["label"])
            steps.append(Step(u, d["label"], v, d.get("character") or None))
        else:
            d = min(g.get_edge_data(v, u).values(), key=lambda e: e["label"])
            steps.append(Step(v, d["label"], u, d.get("character") or None))
    return Chain(tuple(nodes), tuple(g.nodes[n]["label"] for n in nodes), tuple(steps))


def describe(chain: Chain) -> str:
    """The chain as lines: ``Paris —actor (as Élise)→ Juliette Binoche``."""
    label = dict(zip(chain.nodes, chain.labels, strict=True))
    lines = [f"{len(chain.steps)} link(s) from {chain.labels[0]} to {chain.labels[-1]}:"]
    for s in chain.steps:
        role = f"{s.label} (as {s.character})" if s.character else s.label
        lines.append(f"  {label[s.subject]} —{role}→ {label[s.obj]}")
    return "\n".join(lines)
