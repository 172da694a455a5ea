"""Records to triples: one named graph per source, a graph of resolved names, a graph of the
sources themselves (PROV-O), and a graph of hypotheses kept apart from asserted facts."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO, SKOS
from rdflib.term import Node

from graph.namespace import GRAPHS, PC, RESOURCE, bind_prefixes
from graph.resolve.identify import Identification
from graph.resolve.model import Resolution, Source
from graph.sources.records import Claim, Duration, Ref, Repair, Year
from graph.text import fold

ENTITIES_GRAPH = GRAPHS["entities"]
SOURCES_GRAPH = GRAPHS["sources"]
HYPOTHESES_GRAPH = GRAPHS["hypotheses"]


Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, URIRef]
# Values whose literals are made once per source (see literals): a source repeats its years,
# countries and genres, and an rdflib Literal costs microseconds to make.
_PLAIN_VALUES = frozenset({str, int, float, Decimal, date, bool, Year, Duration})
_NAMES_RESOLVED = frozenset({SDO.alternateName})  # names live in the entities graph, resolved


class Quads:
    """The build's quads, each once, in the order they were made.

    A plain collection: filling an rdflib Dataset costs ten times more at half a million quads,
    and the build only needs to hand the quads on (to the store, the writers and pySHACL).
    """

    def __init__(self) -> None:
        self._quads: dict[Quad, None] = {}

    def graph(self, name: URIRef) -> NamedGraph:
        """A writer of triples into the named graph ``name``."""
        return NamedGraph(self, name)

    def add(self, quad: Quad) -> None:
        self._quads[quad] = None

    def add_triples(self, name: URIRef, triples: Iterable[Triple]) -> None:
        """Add each of ``triples`` to the graph ``name``: one call for many (the build adds
        hundreds of thousands)."""
        quads = self._quads
        for s, p, o in triples:
            quads[(s, p, o, name)] = None

    def __iter__(self) -> Iterator[Quad]:
        return iter(self._quads)

    def __len__(self) -> int:
        return len(self._quads)

    def triples(self) -> dict[tuple[Node, Node, Node], None]:
        """The union of all graphs: each triple once, whatever graphs state it."""
        return {q[:3]: None for q in self._quads}


@dataclass(frozen=True)
class NamedGraph:
    """Adds triples to one named graph of a Quads collection."""

    quads: Quads
    name: URIRef

    def add(self, triple: Triple) -> None:
        self.quads.add((triple[0], triple[1], triple[2], self.name))

    def add_all(self, triples: Iterable[Triple]) -> None:
        """Add each of ``triples``, in order."""
        self.quads.add_triples(self.name, triples)


def source_iri(source_id: str) -> URIRef:
    """The IRI of a source, which is also the name of the graph of its claims."""
    return RESOURCE[f"source/{source_id}"]


def literal(value: Any) -> Literal | URIRef:
    """An RDF term for a record's value: gYear for years, decimal for money, date for dates."""
    if isinstance(value, URIRef | Literal):
        return value
    if isinstance(value, Year):
        return Literal(f"{value.value:04d}", datatype=XSD.gYear)
    if isinstance(value, Duration):
        return Literal(f"PT{value.minutes}M", datatype=XSD.duration)
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, float):
        return Literal(Decimal(str(value)))
    if isinstance(value, int | Decimal | date | str):
        return Literal(value)
    raise TypeError(f"no RDF literal for {value!r}")


def literals() -> Callable[[Any], Literal | URIRef]:
    """``literal``, remembering the literals it made for plain values.

    Values equal in Python but written apart in RDF (Decimal "1.0" and "1.00", 0.0 and -0.0) are
    told apart by their text."""
    made: dict[tuple[type, Any], Literal | URIRef] = {}

    def term(value: Any) -> Literal | URIRef:
        kind = type(value)
        if kind not in _PLAIN_VALUES:
            return literal(value)
        key = (kind, str(value) if kind is Decimal or kind is float else value)
        found = made.get(key)
        if found is None:
            made[key] = found = literal(value)
        return found

    return term


def add_source_claims(ds: Quads, src: Source, resolution: Resolution, text: str | None) -> None:
    """The claims of one source in its own graph, with a statement per claim giving its span."""
    sid, iri, term, rdf_type = src.source_id, resolution.iri, literals(), RDF.type
    triples: list[Triple] = [(iri[(sid, e.ref)], rdf_type, e.cls) for e in src.records.entities.values()]
    for claim in src.records.claims:
        s = iri[(sid, claim.subject)]
        o = iri[(sid, claim.obj.ref)] if isinstance(claim.obj, Ref) else term(claim.obj)
        if claim.prop not in _NAMES_RESOLVED:
            triples.append((s, claim.prop, o))
        if claim.span is not None or claim.quote is not None:
            triples += _statement(sid, s, claim, o, text)
    for e in src.records.entities.values():
        if e.name and e.span is not None:
            s = iri[(sid, e.ref)]
            triples += _statement(sid, s, Claim(e.ref, SDO.name, e.name, e.span), Literal(e.name), text)
    ds.graph(source_iri(sid)).add_all(triples)


def _statement(source_id: str, s: URIRef, claim: Claim, o: Node, text: str | None) -> list[Triple]:
    """Reify one claim with the words of the source that state it (rdf:Statement): the span of
    its text and the words there, or the quoted words of a table's cell; and the confidence of
    the rule that read it, when it has one."""
    where = claim.span if claim.span is not None else claim.quote
    digest = hashlib.sha1(f"{source_id}|{s}|{claim.prop}|{o}|{where}".encode()).hexdigest()[:16]
    st = RESOURCE[f"statement/{digest}"]
    triples: list[Triple] = [
        (st, RDF.type, RDF.Statement),
        (st, RDF.subject, s),
        (st, RDF.predicate, claim.prop),
        (st, RDF.object, o),
        (st, PROV.wasDerivedFrom, source_iri(source_id)),
    ]
    if claim.span is not None:
        triples.append((st, PC.spanStart, Literal(claim.span.start)))
        triples.append((st, PC.spanEnd, Literal(claim.span.end)))
        if text is not None:
            triples.append((st, PC.quote, Literal(text[claim.span.start : claim.span.end])))
    elif claim.quote is not None:
        triples.append((st, PC.quote, Literal(claim.quote)))
    if claim.confidence is not None:
        triples.append((st, PC.confidence, Literal(Decimal(str(claim.confidence)))))
    return triples


def add_entity_names(ds: Quads, resolution: Resolution, subjects: Iterable[URIRef] | None = None) -> None:
    """One name per entity (the resolved spelling), the other spellings as alternate names, and
    each spelling folded (no accents, no case, no punctuation) as a SKOS hidden label: the key
    that finds "Amélie" from "amelie" in an index instead of a scan of every name. ``subjects``:
    only these entities' names (a rebuild's changed ones); None: every entity's."""
    name_, label, alternate, hidden = SDO.name, RDFS.label, SDO.alternateName, SKOS.hiddenLabel
    names = resolution.name
    named = names.items() if subjects is None else ((iri, names[iri]) for iri in subjects if iri in names)
    triples: list[Triple] = []
    for iri, name in named:
        written = Literal(name)
        triples += ((iri, name_, written), (iri, label, written))
        alternates = resolution.alternates.get(iri, [])
        triples += ((iri, alternate, Literal(alt)) for alt in alternates)
        keys = dict.fromkeys(fold(n) for n in (name, *alternates))
        triples += ((iri, hidden, Literal(key)) for key in keys if key)
    ds.graph(ENTITIES_GRAPH).add_all(triples)


def add_unnamed_labels(ds: Quads, sources: Sequence[Source], resolution: Resolution) -> None:
    """A readable label for nodes without a name (roles, amounts…), for pictures and tables."""
    add_labels(ds, unnamed_labels(sources, resolution))


def add_labels(ds: Quads, labels: dict[URIRef, str]) -> None:
    """Each node's label, in the entities graph."""
    rdfs_label = RDFS.label
    ds.graph(ENTITIES_GRAPH).add_all((iri, rdfs_label, Literal(label)) for iri, label in labels.items())


def unnamed_labels(sources: Sequence[Source], resolution: Resolution) -> dict[URIRef, str]:
    """The label of each node without a name: a source's name or headline for it, else its key's
    parts ("Paris – Juliette Binoche" for a role)."""
    labels: dict[URIRef, str] = {}
    movie, review = SDO.Movie, SDO.Review
    for src in sources:
        names: dict[str, str] = {}
        for c in src.records.claims_of(SDO.name, SDO.headline):
            if isinstance(c.obj, str):
                names.setdefault(c.subject, c.obj)
        for e in src.records.entities.values():
            if e.name:
                continue
            iri = resolution.iri[(src.source_id, e.ref)]
            if iri in resolution.name:  # joined with a named entity (a shared IMDb id): its name is its label
                continue
            if e.ref in names:
                labels[iri] = names[e.ref]
                continue
            parts = [
                resolution.name.get(resolution.of(src.source_id, p.ref), "") if isinstance(p, Ref) else p
                for p in e.key
            ]
            label = " – ".join(p for p in parts if p) or str(iri).rsplit("/", 1)[-1]
            if e.cls == movie:
                label = f"unidentified film (reviewed in {e.key[-1]})"
            elif e.cls == review:
                label = f"review {e.key[0]}"
            labels[iri] = label
    return labels


def add_source_descriptions(ds: Quads, descriptions: Sequence[dict[str, Any]]) -> None:
    """The sources graph: each source as a prov:Entity with file, checksum, kind and publisher."""
    g = ds.graph(SOURCES_GRAPH)
    for d in descriptions:
        iri = source_iri(d["source_id"])
        g.add((iri, RDF.type, PC.SourceDocument))
        g.add((iri, RDF.type, PROV.Entity))
        g.add((iri, SDO.name, Literal(d["file"])))
        if d["kind"] == "curated":  # documents are labelled as the pages or reviews they are
            g.add((iri, RDFS.label, Literal(d["file"])))
        g.add((iri, PC.sha256, Literal(d["sha256"])))
        g.add((iri, PC.documentKind, Literal(d["kind"])))
        for key, prop in (("description", SDO.description), ("origin", RDFS.comment)):
            if d.get(key):
                g.add((iri, prop, Literal(d[key])))
        if d.get("url"):
            g.add((iri, PROV.hadPrimarySource, URIRef(d["url"])))
        if d.get("licence"):
            g.add((iri, SDO.license, URIRef(d["licence"])))
        if d.get("publisher"):
            g.add((iri, SDO.publisher, Literal(d["publisher"])))
        repairs: Sequence[Repair] = d.get("repairs", ())
        for i, r in enumerate(repairs, 1):
            node = RESOURCE[f"repair/{d['source_id']}-{i}"]
            g.add((iri, PC.repair, node))
            g.add((node, RDF.type, PC.TextRepair))
            g.add((node, PC.before, Literal(r.before)))
            g.add((node, PC.after, Literal(r.after)))
            g.add((node, SDO.description, Literal(r.method)))


def add_hypotheses(ds: Quads, found: Sequence[Identification], resolution: Resolution) -> None:
    """The hypotheses graph: film identifications with confidence and evidence."""
    g = ds.graph(HYPOTHESES_GRAPH)
    for h in found:
        about = str(h.about).rsplit("/", 1)[-1]
        text = "|".join((h.source_id, str(h.confidence), *h.evidence))  # several texts, one film
        digest = hashlib.sha1(text.encode()).hexdigest()[:8]
        node = RESOURCE[f"hypothesis/{about}--{str(h.candidate).rsplit('/', 1)[-1]}--{digest}"]
        g.add((node, RDF.type, PC.FilmIdentification))
        g.add((node, RDFS.label, Literal(f"{resolution.name[h.candidate]}? ({h.confidence:.0%})")))
        g.add((node, PC.textAbout, h.about))
        g.add((node, PC.candidate, h.candidate))
        g.add((node, PC.confidence, Literal(Decimal(str(h.confidence)))))
        for ev in h.evidence:
            g.add((node, PC.evidence, Literal(ev)))
        g.add((node, PROV.wasDerivedFrom, source_iri(h.source_id)))


def new_dataset() -> Quads:
    """An empty collection of quads."""
    return Quads()


def union(quads: Quads) -> Graph:
    """All graphs as one rdflib Graph (what queries see as their default graph), for pySHACL."""
    g = Graph()
    bind_prefixes(g)
    add = g.add
    for triple in quads.triples():
        add(triple)
    return g
