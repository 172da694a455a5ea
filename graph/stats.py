"""Counts of a build: entities per class, triples, graphs, and the most connected entities."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from graph.lookup import solutions
from graph.network import ENTITY_FILTER, curie

_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
_NOT_ENTITY = ENTITY_FILTER.replace("?type", "?other")
_PER_CLASS = f"""
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  ?e a ?type .
  FILTER NOT EXISTS {{ ?e a ?other FILTER (!({_NOT_ENTITY})) }}
}} GROUP BY ?type ORDER BY DESC(?n) ?type"""


@dataclass(frozen=True)
class Stats:
    """What ``pariskg stats`` prints."""

    triples: int
    quads: int
    graphs: int
    per_class: list[tuple[str, int]]
    most_connected: list[tuple[str, str, int]]


def stats(store: ox.Store, g: nx.MultiDiGraph, top: int = 10) -> Stats:
    """Count the store and rank the projection's nodes by degree."""
    triples = next(iter(solutions(store, _TRIPLES)))["n"]
    graphs = len(list(store.named_graphs()))
    per_class = [(curie(r["type"].value), int(r["n"].value)) for r in solutions(store, _PER_CLASS)]
    ranked = sorted(g.degree(), key=lambda nd: (-nd[1], nd[0]))[:top]
    return Stats(
        int(triples.value),
        len(store),
        graphs,
        per_class,
        [(curie(n), g.nodes[n]["label"], d) for n, d in ranked],
    )
