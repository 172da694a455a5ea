"""Check the built graph against ontology/shapes.ttl with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph

from graph.namespace import bind_prefixes

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


@dataclass(frozen=True)
class Validation:
    """pySHACL's verdict: conforms, how many violations, and its report in words."""

    conforms: bool
    violations: int
    report: str


def load_ontology() -> Graph:
    """The ontology (ontology/paris-cinema.ttl)."""
    g = Graph()
    bind_prefixes(g)
    g.parse(ONTOLOGY_DIR / "paris-cinema.ttl")
    return g


def validate(data: Graph) -> Validation:
    """Validate ``data`` (the union of all graphs) against the shapes, with the ontology's classes."""
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    conforms, results, text = shacl_validate(
        data,
        shacl_graph=shapes,
        ont_graph=load_ontology(),
        inference="rdfs",
        advanced=True,
        allow_warnings=True,
    )
    from rdflib.namespace import SH

    violations = sum(1 for _ in results.subjects(SH.resultSeverity, SH.Violation))
    return Validation(bool(conforms), violations, str(text))
