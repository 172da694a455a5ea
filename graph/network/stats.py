"""Counts of a build: entities per class, triples, graphs, and the most connected entities."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from graph.namespace import curie
from graph.network.projection import ENTITY_FILTER
from graph.network.store_view import link_structure, projection_of
from graph.store.lookup import solutions

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


def stats(store: ox.Store, top: int = 10) -> Stats:
    """Count the store and rank the projection's entities by degree (ties by IRI).

    The ranking is read from the store's link structure, and the labels of the ``top`` entities
    alone: the projection of the whole store (graph.network.projection.to_networkx) gives the same ranking
    in seconds more."""
    triples = next(iter(solutions(store, _TRIPLES)))["n"]
    graphs = len(list(store.named_graphs()))
    per_class = [(curie(r["type"].value), int(r["n"].value)) for r in solutions(store, _PER_CLASS)]
    most: list[tuple[str, str, int]] = []
    if top > 0:
        links = link_structure(store)
        ranked = links.most_connected(top)
        degree, labelled = links.degrees(), projection_of(store, links, set(ranked))
        most = [(curie(n), labelled.nodes[n]["label"], degree.get(n, 0)) for n in ranked]
    return Stats(int(triples.value), len(store), graphs, per_class, most)
