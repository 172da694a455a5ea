"""The ontology and its SHACL shapes, as the files in ontology/ define them: the only place
terms are defined, read by the check, the lookup of classes and the picture's legend."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graph.namespace import bind_prefixes

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


def load_ontology() -> Graph:
    """The ontology (ontology/paris-cinema.ttl)."""
    g = Graph()
    bind_prefixes(g)
    g.parse(ONTOLOGY_DIR / "paris-cinema.ttl")
    return g


def load_shapes() -> Graph:
    """The shapes (ontology/shapes.ttl)."""
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
