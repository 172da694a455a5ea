"""Export a build in the formats people take elsewhere: RDF (Turtle, N-Triples, TriG, JSON-LD)
from the store, and GraphML or GEXF of the NetworkX projection for Gephi and Cytoscape."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from graph.errors import FormatError
from graph.make import serialize
from graph.namespace import bind_prefixes
from graph.network.projection import to_networkx


def _jsonld(store: ox.Store) -> bytes:
    """JSON-LD compacted with the project's prefixes (rdflib's writer: Oxigraph's does not compact)."""
    whole = Graph()
    bind_prefixes(whole)
    whole.parse(data=serialize.ntriples(store), format="nt")
    return whole.serialize(format="json-ld", encoding="utf-8", auto_compact=True)


def flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all strings or numbers (GraphML and GEXF take no dicts)."""
    out = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        attrs = {
            "label": d.get("label", ""),
            "class": d.get("cls", ""),
            "types": " ".join(d.get("types", [])),
            "sources": " | ".join(d.get("sources", [])),
        }
        for k, values in d.get("props", {}).items():
            attrs[k.replace(" ", "_")] = " | ".join(values)
        out.add_node(n, **attrs)
    for u, v, k, d in g.edges(keys=True, data=True):
        out.add_edge(
            u,
            v,
            key=k,
            label=d.get("label", ""),
            predicate=d.get("predicate", ""),
            character=d.get("character") or "",
        )
    return out


def _graphml(store: ox.Store) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(flat(to_networkx(store)), buf, encoding="utf-8")
    return buf.getvalue()


def _gexf(store: ox.Store) -> bytes:
    buf = io.BytesIO()
    nx.write_gexf(flat(to_networkx(store)), buf, encoding="utf-8")
    return buf.getvalue()


WRITERS: dict[str, Callable[[ox.Store], bytes]] = {
    "turtle": serialize.turtle,
    "ntriples": serialize.ntriples,
    "trig": serialize.trig,
    "jsonld": _jsonld,
    "graphml": _graphml,
    "gexf": _gexf,
}
EXTENSIONS = {
    "turtle": ".ttl",
    "ntriples": ".nt",
    "trig": ".trig",
    "jsonld": ".jsonld",
    "graphml": ".graphml",
    "gexf": ".gexf",
}


def export(store: ox.Store, fmt: str) -> bytes:
    """The whole build in ``fmt``; an unknown format names the known ones."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise FormatError(f"unknown format '{fmt}'; known: {', '.join(WRITERS)}") from None
    return writer(store)


def write_export(store: ox.Store, fmt: str, path: Path) -> None:
    """Write the export to ``path``."""
    path.write_bytes(export(store, fmt))
