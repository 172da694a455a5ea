"""Find an entity of the store by its name, accent- and case-blind (by its folded hidden label),
or say which names are close."""

from __future__ import annotations

import difflib
from functools import lru_cache

import pyoxigraph as ox

from graph.errors import EntityNotFoundError
from graph.namespace import PREFIXES
from graph.store.embedded import SparqlStore
from graph.text import fold


def solutions(store: SparqlStore, query: str) -> ox.QuerySolutions:
    """The solutions of a SELECT over the union of all graphs."""
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    return result


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# the folded spellings of an entity's names (graph.make.rdf.add_entity_names): an index, not a scan
HIDDEN_LABEL = "http://www.w3.org/2004/02/skos/core#hiddenLabel"
_NAMES = """
SELECT DISTINCT ?e ?name WHERE {
  { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name }
  UNION { ?e <https://schema.org/alternateName> ?name }
}"""


def expand(value: str) -> str | None:
    """The IRI that ``value`` writes, as ``<iri>``, ``prefix:local`` or a full IRI; else None."""
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    if value.startswith(("http://", "https://")):
        return value
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and " " not in local:
        return PREFIXES[prefix] + local
    return None


@lru_cache(maxsize=64)
def subclasses(cls: str) -> frozenset[str]:
    """``cls`` and every class the ontology (with schema.org's hierarchy it restates) puts under it."""
    from rdflib import RDFS, URIRef

    from graph.ontology import load_ontology

    onto = load_ontology()
    return frozenset(str(c) for c in onto.transitive_subjects(RDFS.subClassOf, URIRef(cls)))


def find_entity(store: SparqlStore, name: str, cls: str | None = None) -> ox.NamedNode:
    """The entity named ``name`` (or written as an IRI), of class ``cls`` when given (an IRI);
    several matches: the most linked one."""
    iri = expand(name)
    if iri is not None:
        node = ox.NamedNode(iri)
        if not any(True for _ in store.quads_for_pattern(node, None, None, None)):
            raise EntityNotFoundError(f"no entity {name} in the graph")
        return node
    wanted = fold(name)
    keyed = f"SELECT DISTINCT ?e WHERE {{ ?e <{HIDDEN_LABEL}> {ox.Literal(wanted)} }}"
    matches = sorted(row["e"].value for row in solutions(store, keyed))
    names: dict[str, set[str]] = {}
    if not matches:  # labels of unnamed nodes, or a store built before hidden labels: every name
        for row in solutions(store, _NAMES):
            names.setdefault(row["name"].value, set()).add(row["e"].value)
        matches = sorted({e for n, es in names.items() if fold(n) == wanted for e in es})
    if cls is not None:
        kinds = [ox.NamedNode(k) for k in subclasses(cls)]
        rdf_type = ox.NamedNode(RDF_TYPE)
        typed = [
            e
            for e in matches
            if any(any(True for _ in store.quads_for_pattern(ox.NamedNode(e), rdf_type, k)) for k in kinds)
        ]
        matches = typed or matches
    if not matches:
        close = difflib.get_close_matches(name, sorted(names), n=5, cutoff=0.6)
        hint = (
            f"did you mean: {', '.join(close)}?" if close else "try `pariskg stats` for the names there are"
        )
        raise EntityNotFoundError(f"no entity named '{name}'", hint=hint)

    def degree(iri: str) -> int:
        node = ox.NamedNode(iri)
        return sum(1 for _ in store.quads_for_pattern(node, None, None, None)) + sum(
            1 for _ in store.quads_for_pattern(None, None, node, None)
        )

    return ox.NamedNode(max(matches, key=lambda e: (degree(e), e)))
