"""Counts of a build: entities per class, triples, graphs, and the most connected entities."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from graph.network import ENTITY_FILTER, curie

_PER_CLASS = f"""
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  ?e a ?type .
  FILTER NOT EXISTS {{ ?e a ?other FILTER ({ENTITY_FILTER.replace("?type", "?other").replace("!=", "=").replace("&&", "||")}) }}
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
    triples = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                                    "WHERE { ?s ?p ?o } }", use_default_graph_as_union=True)))["n"]
    graphs = len(list(store.named_graphs()))
    per_class = [(curie(r["type"].value), int(r["n"].value))
                 for r in store.query(_PER_CLASS, use_default_graph_as_union=True)]
    ranked = sorted(g.degree(), key=lambda nd: (-nd[1], nd[0]))[:top]
    return Stats(int(triples.value), len(store), graphs, per_class,
                 [(curie(n), g.nodes[n]["label"], d) for n, d in ranked])
