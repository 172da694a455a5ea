"""The SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/).

Answered at ``/sparql`` without a query: what the service speaks (query, and update when
allowed), its result formats, that its default graph is the union of the named graphs, its
dataset with the number of triples of each graph, and its limits in words.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from graph.serve.entity import lexical
from graph.serve.formats import GRAPH_FORMATS, RESULT_FORMATS, Format
from graph.serve.jobs import Failure, Payload, WorkerContext, serialize

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
DCT_TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
TITLE = "Paris cinema knowledge graph: SPARQL endpoint"
PREFIXES = {
    "sd": SD,
    "void": VOID,
    "dcterms": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "formats": "http://www.w3.org/ns/formats/",
}


def sd(term: str) -> ox.NamedNode:
    return ox.NamedNode(SD + term)


@dataclass(frozen=True)
class DescriptionJob:
    """The service description, in the RDF format chosen beforehand."""

    endpoint: str
    fmt: Format
    update: bool
    limits: str
    max_bytes: int = 50_000_000

    def run(self, ctx: WorkerContext) -> Payload | Failure:
        if "graph_sizes" not in ctx.cache:  # counted once per worker (and again after an update)
            ctx.cache["graph_sizes"] = graph_sizes(ctx.store)
        triples = description(self.endpoint, ctx.cache["graph_sizes"], update=self.update, limits=self.limits)
        return serialize(triples, self.fmt, self.max_bytes, PREFIXES)


def graph_sizes(store: ox.Store) -> dict[str, int]:
    """Triples per named graph, and in the default graph under the key ``""``."""
    per_graph = store.query("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert isinstance(per_graph, ox.QuerySolutions)
    sizes = {lexical(row["g"]): int(lexical(row["n"])) for row in per_graph}
    union = store.query(
        "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }", use_default_graph_as_union=True
    )
    assert isinstance(union, ox.QuerySolutions)
    sizes[""] = int(lexical(next(iter(union))["n"]))
    return sizes


def description(endpoint: str, sizes: dict[str, int], *, update: bool, limits: str) -> list[ox.Triple]:
    """The triples of the description of the service at ``endpoint``."""
    service = ox.NamedNode(endpoint)
    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, DCT_TITLE, ox.Literal(TITLE)),
        ox.Triple(service, RDFS_COMMENT, ox.Literal(limits)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(
            service, sd("defaultEntailmentRegime"), ox.NamedNode("http://www.w3.org/ns/entailment/Simple")
        ),
    ]
    if update:
        triples.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(fmt.iri)))
    dataset, default = ox.BlankNode(), ox.BlankNode()
    triples += [
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, sd("Graph")),
        ox.Triple(default, ox.NamedNode(VOID + "triples"), _count(sizes.get("", 0))),
    ]
    for name in sorted(n for n in sizes if n):
        named, graph = ox.BlankNode(), ox.BlankNode()
        triples += [
            ox.Triple(dataset, sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, sd("NamedGraph")),
            ox.Triple(named, sd("name"), ox.NamedNode(name)),
            ox.Triple(named, sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, sd("Graph")),
            ox.Triple(graph, ox.NamedNode(VOID + "triples"), _count(sizes[name])),
        ]
    return triples


def _count(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=XSD_INTEGER)
