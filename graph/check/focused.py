"""SHACL for the nodes a change touched, merged with the previous build's verdict.

The shapes of ontology/shapes.ttl look at a node's own statements (paths of one property or of one
inverse property) and at the classes of the nodes its values are (``sh:class``), nothing further.
So a node's verdict can change only when a statement about it changed, a statement reaching it by
an inverse path changed, or the classes of a node it points to changed. Those nodes are checked
again on their neighbourhood in the new store; every other node keeps its previous results. Shapes
that look further (``sh:node``, sequence paths, SPARQL…) make :func:`local_shapes` say no, and the
build then checks the whole graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyoxigraph as ox
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import BNode

from graph.check.shacl import Result, Validation, validate
from graph.ontology import load_shapes

RDF_TYPE = ox.NamedNode(str(RDF.type))
# what a shape may say and still look only at a node's statements and its values' classes
_LOCAL = {
    SH.path, SH.property, SH.targetClass, SH.targetSubjectsOf, SH.minCount, SH.maxCount, SH.datatype,
    SH["class"], SH.nodeKind, SH["in"], SH.pattern, SH.flags, SH.minInclusive, SH.maxInclusive,
    SH.minExclusive, SH.maxExclusive, SH.minLength, SH.maxLength, SH.lessThan, SH.lessThanOrEquals,
    SH.equals, SH.disjoint, SH["or"], SH["not"], SH.message, SH.severity, SH.name, SH.description,
    SH.deactivated, SH.languageIn, SH.uniqueLang, SH.hasValue, RDF.type,
}  # fmt: skip


def local_shapes(shapes: Graph) -> tuple[bool, set[URIRef]]:
    """Whether every shape looks only at a node's own statements and its values' classes, and the
    properties its inverse paths follow."""
    inverse: set[URIRef] = set()
    for _s, path in shapes.subject_objects(SH.path):
        if isinstance(path, BNode):
            step = shapes.value(path, SH.inversePath)
            if not isinstance(step, URIRef) or len(set(shapes.predicate_objects(path))) != 1:
                return False, set()
            inverse.add(step)
        elif not isinstance(path, URIRef):
            return False, set()
    paths = set(shapes.objects(None, SH.path))
    lists = {n for _s, o in shapes.subject_objects(SH["or"]) for n in _list_nodes(shapes, o)}
    for s, p, _o in shapes:
        if s in paths or s in lists or p in _LOCAL or p in (RDF.first, RDF.rest):
            continue
        if str(p).startswith(str(SH)):
            return False, set()
    return True, inverse


def _list_nodes(shapes: Graph, head: object) -> list[object]:
    return [head, *(n for n in shapes.transitive_objects(head, RDF.rest))] if isinstance(head, BNode) else []


def _triples(lines: Iterable[bytes]) -> list[ox.Triple]:
    return list(ox.parse(b"".join(line + b" .\n" for line in lines), format=ox.RdfFormat.N_TRIPLES))


def changed_nodes(lines: Iterable[bytes]) -> set[str]:
    """The subjects and IRI objects of these N-Triples lines."""
    named = ox.NamedNode
    return {term.value for t in _triples(lines) for term in (t.subject, t.object) if type(term) is named}


def touched_nodes(lines: Sequence[bytes], store: ox.Store) -> set[str]:
    """The nodes whose verdict may change when these N-Triples lines were added or removed: the
    subjects and IRI objects of the lines, and the nodes pointing at a node whose classes changed."""
    nodes = changed_nodes(lines)
    named = ox.NamedNode
    retyped = {t.subject for t in _triples(lines) if t.predicate == RDF_TYPE and type(t.subject) is named}
    for node in retyped:
        nodes.update(
            q.subject.value
            for q in store.quads_for_pattern(None, None, node)
            if isinstance(q.subject, ox.NamedNode)
        )
    return nodes


def neighbourhood(store: ox.Store, nodes: set[str], inverse: set[URIRef]) -> Graph:
    """What the shapes look at for ``nodes`` in the union of the store's graphs: their statements,
    the classes of their values, and the statements reaching them by an inverse path."""
    triples: dict[ox.Triple, None] = {}
    for iri in sorted(nodes):
        node = ox.NamedNode(iri)
        for q in store.quads_for_pattern(node, None, None):
            triples[q.triple] = None
            if isinstance(q.object, ox.NamedNode):
                for t in store.quads_for_pattern(q.object, RDF_TYPE, None):
                    triples[t.triple] = None
        for prop in inverse:
            for q in store.quads_for_pattern(None, ox.NamedNode(str(prop)), node):
                triples[q.triple] = None
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""
    return Graph().parse(data=data, format="nt")


def check_again(
    store: ox.Store, nodes: set[str], previous: Iterable[Result], inverse: set[URIRef]
) -> Validation:
    """The verdict of the new graph: ``nodes`` checked on ``store``, every other node keeping its
    ``previous`` results."""
    kept = [r for r in previous if r.focus[1:-1] not in nodes]
    if not nodes:
        return Validation.of(kept)
    fresh = validate(
        neighbourhood(store, nodes, inverse), copy=False, focus=[URIRef(n) for n in sorted(nodes)]
    )
    return Validation.of([*kept, *fresh.results])


def shapes_allow_focus() -> tuple[bool, set[URIRef]]:
    """:func:`local_shapes` of the project's shapes."""
    return local_shapes(load_shapes())
