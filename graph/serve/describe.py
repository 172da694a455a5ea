"""The RDF document about one entity, for machines that dereference its IRI.

It holds what a client needs to follow the graph from there: every triple with the entity as
subject, up to MAX_INCOMING triples pointing to it, the claims about it (``rdf:Statement`` with
source, span and quote), the label of each entity it links to, the triples of each nameless
node it links to (a cast role with its actor and character, an amount with its currency), and
a ``foaf:primaryTopic`` link from the document to the entity. TriG keeps each triple in the
named graph (source) that states it; the other formats give the union.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from graph.serve.formats import Format
from graph.serve.jobs import Failure, Payload, WorkerContext, serialize

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
PRIMARY_TOPIC = ox.NamedNode("http://xmlns.com/foaf/0.1/primaryTopic")
SCHEMA_NAME = ox.NamedNode("https://schema.org/name")
MAX_INCOMING = 1000


def description_quads(store: ox.Store, node: ox.NamedNode) -> list[ox.Quad]:
    """The quads of the entity's document (see the module docstring), each once, in order."""
    quads: dict[ox.Quad, None] = {}
    linked: set[ox.NamedNode] = set()
    for q in store.quads_for_pattern(node, None, None):
        quads[q] = None
        if isinstance(q.object, ox.NamedNode) and q.predicate.value != RDF + "type":
            linked.add(q.object)
    incoming = 0
    for q in store.quads_for_pattern(None, None, node):
        if q.predicate.value in (RDF + "subject", RDF + "object"):  # a claim: all of it
            quads.update(dict.fromkeys(store.quads_for_pattern(q.subject, None, None)))
        elif incoming < MAX_INCOMING:
            incoming += 1
            quads[q] = None
            if isinstance(q.subject, ox.NamedNode):
                linked.add(q.subject)
    for other in sorted(linked, key=lambda n: n.value):
        if any(True for _ in store.quads_for_pattern(other, SCHEMA_NAME, None)):
            quads.update(dict.fromkeys(store.quads_for_pattern(other, RDFS_LABEL, None)))
        else:  # a nameless node (a cast role, an amount, a rating) is part of the description
            quads.update(dict.fromkeys(store.quads_for_pattern(other, None, None)))
    return list(quads)


@dataclass(frozen=True)
class DocumentJob:
    """The document about ``iri`` at ``url`` in ``fmt``, or 404."""

    iri: str
    url: str
    fmt: Format
    max_bytes: int = 50_000_000

    def run(self, ctx: WorkerContext) -> Payload | Failure:
        try:
            node = ox.NamedNode(self.iri)
        except ValueError as err:
            return Failure(404, f"<{self.iri}> is not an IRI: {err}")
        quads = description_quads(ctx.store, node)
        if not any(q.subject == node for q in quads):
            return Failure(404, f"no entity <{self.iri}> in this graph")
        topic = ox.Quad(ox.NamedNode(self.url), PRIMARY_TOPIC, node, ox.DefaultGraph())
        if self.fmt.name == "trig":  # JSON-LD could carry graphs too, but readers expect the entity at top
            return serialize([topic, *quads], self.fmt, self.max_bytes)  # named graphs kept
        triples = dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in (topic, *quads))
        return serialize(list(triples), self.fmt, self.max_bytes)
