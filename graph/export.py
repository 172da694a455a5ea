"""Export a build in the formats people take elsewhere: RDF (Turtle, N-Triples, TriG, JSON-LD)
from the store, and GraphML or GEXF of the NetworkX projection for Gephi and Cytoscape."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset

from graph.errors import FormatError
from graph.namespace import bind_prefixes
from graph.network import to_networkx
from graph.rdf import to_trig, union


def _rdf(fmt: str) -> Callable[[ox.Store], bytes]:
    def write(store: ox.Store) -> bytes:
        buf = io.BytesIO()
        store.dump(buf, format=ox.RdfFormat.N_QUADS)
        ds = Dataset()
        ds.parse(data=buf.getvalue().decode("utf-8"), format="nquads")
        bind_prefixes(ds)
        if fmt == "trig":
            return to_trig(ds)
        whole = union(ds)
        if fmt == "json-ld":
            return whole.serialize(format="json-ld", encoding="utf-8", auto_compact=True)
        data = whole.serialize(format=fmt, encoding="utf-8")
        if fmt == "nt":  # rdflib writes N-Triples in no set order: sort for stable files
            data = b"".join(sorted(data.splitlines(keepends=True)))
        return data

    return write


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
    "turtle": _rdf("turtle"),
    "ntriples": _rdf("nt"),
    "trig": _rdf("trig"),
    "jsonld": _rdf("json-ld"),
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
