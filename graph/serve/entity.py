"""What an entity page shows, read from the store in a query worker: plain values, no markup.

Facts are read with index lookups (``quads_for_pattern``), not SPARQL: an entity page is a few
hundred pattern scans. A cast role (film → ``schema:PerformanceRole`` → person) is folded into
one film–person fact with the character; a helper node without a name (an amount, a rating)
shows its literal values inline. Each fact lists the named graphs (sources) that state it;
each reified claim (``rdf:Statement``) gives its quote, and the sentence around it when the
source document is in the input folder with the checksum the graph records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from graph.namespace import short
from graph.serve.jobs import Failure, WorkerContext
from graph.serve.sentences import Sentence, sentence_of

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = ox.NamedNode(RDF + "type")
# the folded search keys of the names: for lookups, hidden from displays as SKOS says
HIDDEN_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#hiddenLabel")
SCHEMA = "https://schema.org/"
PROV_DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
PC = "https://w3id.org/paris-cinema/ontology#"
ROLE = SCHEMA + "PerformanceRole"
MAX_INCOMING = 300


@dataclass(frozen=True)
class Value:
    """A term to show: an IRI with its label and class, or a literal with its datatype."""

    text: str
    is_iri: bool = False
    label: str | None = None
    cls: str | None = None
    datatype: str | None = None
    language: str | None = None
    details: tuple[tuple[str, str], ...] = ()  # literal values of a nameless helper node


@dataclass(frozen=True)
class Fact:
    """One property value of the entity (or, for incoming links, the subject pointing to it)."""

    predicate: str
    value: Value
    graphs: tuple[str, ...]
    note: str = ""  # "as Élise" for a folded cast role


@dataclass(frozen=True)
class Quote:
    """A claim about the entity with the words of the source it was read from."""

    predicate: str
    subject: Value
    value: Value
    graph: str
    quote: str
    sentence: Sentence | None


@dataclass(frozen=True)
class SourceInfo:
    """A named graph the entity's facts come from, described by the sources graph."""

    iri: str
    label: str
    kind: str = ""
    publisher: str = ""
    url: str = ""


@dataclass(frozen=True)
class EntityView:
    """Everything the entity page shows."""

    iri: str
    label: str
    types: tuple[Value, ...]
    facts: tuple[Fact, ...]
    incoming: tuple[Fact, ...]
    incoming_total: int
    quotes: tuple[Quote, ...]
    sources: tuple[SourceInfo, ...]


Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def lexical(term: Term | None) -> str:
    """The IRI, blank node id or lexical form of a term ("" for None)."""
    if term is None:
        return ""
    return str(term) if isinstance(term, ox.Triple) else term.value


def _get(store: ox.Store, node: ox.NamedNode | ox.BlankNode, predicate: ox.NamedNode) -> Term | None:
    return next((q.object for q in store.quads_for_pattern(node, predicate, None)), None)


def _first(store: ox.Store, node: ox.NamedNode | ox.BlankNode, predicate: ox.NamedNode) -> str | None:
    found = _get(store, node, predicate)
    return None if found is None else lexical(found)


def _types(store: ox.Store, node: ox.NamedNode) -> set[str]:
    return {lexical(q.object) for q in store.quads_for_pattern(node, RDF_TYPE, None)}


def value(store: ox.Store, term: Term | None) -> Value:
    """A term of the store as a Value (an IRI with its label, class and, if nameless, details)."""
    if isinstance(term, ox.Literal):
        language = term.language
        datatype = None if language else term.datatype.value
        return Value(term.value, datatype=datatype, language=language)
    if not isinstance(term, ox.NamedNode):
        return Value(str(term))
    types = sorted(short(t) for t in _types(store, term))
    details: tuple[tuple[str, str], ...] = ()
    if _first(store, term, ox.NamedNode(SCHEMA + "name")) is None:
        details = tuple(
            sorted(
                {
                    (short(q.predicate.value), lexical(q.object))
                    for q in store.quads_for_pattern(term, None, None)
                    if isinstance(q.object, ox.Literal) and q.predicate != RDFS_LABEL
                }
            )
        )[:8]
    return Value(
        term.value, True, _first(store, term, RDFS_LABEL), types[0] if types else None, details=details
    )


def _role_person(store: ox.Store, role: ox.NamedNode) -> tuple[ox.NamedNode | None, str]:
    """The person a cast role is played by, and the character(s) as a note."""
    person = next(
        (q.object for q in store.quads_for_pattern(role, ox.NamedNode(SCHEMA + "actor"), None)), None
    )
    named = store.quads_for_pattern(role, ox.NamedNode(SCHEMA + "characterName"), None)
    characters = sorted({lexical(q.object) for q in named})
    note = f"as {' / '.join(characters)}" if characters else ""
    return (person if isinstance(person, ox.NamedNode) else None), note


def _graph_name(quad: ox.Quad) -> str:
    return quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""


def outgoing(store: ox.Store, node: ox.NamedNode) -> list[Fact]:
    """The entity's property values, a cast role folded into the person with the character."""
    graphs: dict[tuple[str, Term], set[str]] = defaultdict(set)
    for q in store.quads_for_pattern(node, None, None):
        if q.predicate not in (RDF_TYPE, RDFS_LABEL, HIDDEN_LABEL):
            graphs[q.predicate.value, q.object].add(_graph_name(q))
    facts = []
    for (predicate, obj), names in graphs.items():
        note = ""
        if isinstance(obj, ox.NamedNode) and ROLE in _types(store, obj):
            person, note = _role_person(store, obj)
            obj = person or obj
        facts.append(Fact(predicate, value(store, obj), tuple(sorted(names)), note))
    return sorted(facts, key=lambda f: (f.predicate, f.value.label or f.value.text))


def incoming(store: ox.Store, node: ox.NamedNode) -> tuple[list[Fact], int]:
    """Links to the entity (claims about it aside), a cast role folded into its film; and their count."""
    graphs: dict[tuple[str, Term], set[str]] = defaultdict(set)
    total = 0
    for q in store.quads_for_pattern(None, None, node):
        if q.predicate.value.startswith(RDF):  # rdf:subject/rdf:object of claims: shown as quotes
            continue
        key = (q.predicate.value, q.subject)
        if key not in graphs:
            total += 1
        if len(graphs) < MAX_INCOMING or key in graphs:
            graphs[key].add(_graph_name(q))
    facts = []
    for (predicate, subject), names in graphs.items():
        note = ""
        if isinstance(subject, ox.NamedNode) and ROLE in _types(store, subject):
            links = store.quads_for_pattern(None, None, subject)
            film = next((q.subject for q in links if not q.predicate.value.startswith(RDF)), None)
            _, note = _role_person(store, subject)
            subject = film if isinstance(film, ox.NamedNode) else subject
        facts.append(Fact(predicate, value(store, subject), tuple(sorted(names)), note))
    return sorted(facts, key=lambda f: (f.predicate, f.value.label or f.value.text)), total


def quotes(ctx: WorkerContext, node: ox.NamedNode) -> list[Quote]:
    """The claims about the entity (as subject or object) with the words they were read from."""
    store, found = ctx.store, []
    for role in ("subject", "object"):
        for q in store.quads_for_pattern(None, ox.NamedNode(RDF + role), node):
            st = q.subject
            if isinstance(st, ox.Triple):
                continue
            words = _first(store, st, ox.NamedNode(PC + "quote"))
            if words is None:
                continue
            source = _get(store, st, PROV_DERIVED)
            start = _first(store, st, ox.NamedNode(PC + "spanStart"))
            end = _first(store, st, ox.NamedNode(PC + "spanEnd"))
            sentence = None
            if isinstance(source, ox.NamedNode) and start and end:
                sentence = sentence_of(ctx, source, int(start), int(end))
            found.append(
                Quote(
                    _first(store, st, ox.NamedNode(RDF + "predicate")) or "",
                    value(store, _get(store, st, ox.NamedNode(RDF + "subject"))),
                    value(store, _get(store, st, ox.NamedNode(RDF + "object"))),
                    lexical(source),
                    words,
                    sentence,
                )
            )
    return sorted(found, key=lambda x: (x.graph, x.sentence.start if x.sentence else 0, x.quote))


def source_info(store: ox.Store, iri: str) -> SourceInfo:
    """How the sources graph describes a named graph (a document or dataset)."""
    if not iri:
        return SourceInfo("", "the default graph")
    node = ox.NamedNode(iri)
    name = _first(store, node, ox.NamedNode(SCHEMA + "name")) or short(iri)
    return SourceInfo(
        iri,
        name,
        _first(store, node, ox.NamedNode(PC + "documentKind")) or "",
        _first(store, node, ox.NamedNode(SCHEMA + "publisher")) or "",
        _first(store, node, ox.NamedNode("http://www.w3.org/ns/prov#hadPrimarySource")) or "",
    )


def entity_view(ctx: WorkerContext, iri: str) -> EntityView | None:
    """The page of the entity ``iri``; None when the graph says nothing about it."""
    store = ctx.store
    node = ox.NamedNode(iri)
    if not any(True for _ in store.quads_for_pattern(node, None, None)):
        return None
    facts = outgoing(store, node)
    links, total = incoming(store, node)
    said = quotes(ctx, node)
    graphs = sorted({g for f in (*facts, *links) for g in f.graphs} | {q.graph for q in said})
    label = (
        _first(store, node, RDFS_LABEL) or _first(store, node, ox.NamedNode(SCHEMA + "name")) or short(iri)
    )
    types = tuple(Value(t, True, short(t)) for t in sorted(_types(store, node)))
    return EntityView(
        iri,
        label,
        types,
        tuple(facts),
        tuple(links),
        total,
        tuple(said),
        tuple(source_info(store, g) for g in graphs),
    )


@dataclass(frozen=True)
class EntityJob:
    """The entity page's content, or 404."""

    iri: str

    def run(self, ctx: WorkerContext) -> EntityView | Failure:
        try:
            view = entity_view(ctx, self.iri)
        except ValueError as err:  # not an IRI
            return Failure(404, f"<{self.iri}> is not an IRI: {err}")
        return view or Failure(404, f"no entity <{self.iri}> in this graph")


@dataclass(frozen=True)
class ExistsJob:
    """Whether the graph says anything about ``iri`` (as a subject)."""

    iri: str

    def run(self, ctx: WorkerContext) -> bool:
        try:
            node = ox.NamedNode(self.iri)
        except ValueError:
            return False
        return any(True for _ in ctx.store.quads_for_pattern(node, None, None))
