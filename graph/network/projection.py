"""The NetworkX projection of the store: entities as nodes, links between entities as edges.

Classes and literals would become hubs if projected as nodes, so they are node attributes;
a cast role (film → PerformanceRole → person) is folded into one film–person edge with the
character; a film identification (hypothesis) becomes a "probably" edge with its confidence.
Where a node says one thing twice (two labels, two confidences), the first in code-point order
is drawn, so the picture never depends on the order in which the store lists its quads.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Set
from contextlib import contextmanager
from typing import Any

import networkx as nx
import pyoxigraph as ox

from graph.namespace import PC, short, words

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
# the folded search keys of the names (graph.make.rdf.add_entity_names): not shown, as SKOS says
HIDDEN_LABEL = "http://www.w3.org/2004/02/skos/core#hiddenLabel"
SCHEMA = "https://schema.org/"
SCHEMA_NAME = SCHEMA + "name"
PERFORMANCE_ROLE = SCHEMA + "PerformanceRole"
ACTOR = SCHEMA + "actor"
CHARACTER = SCHEMA + "characterName"
IDENTIFICATION = str(PC.FilmIdentification)
SOURCE_DOCUMENT = str(PC.SourceDocument)
CANDIDATE = str(PC.candidate)
TEXT_ABOUT = str(PC.textAbout)
CONFIDENCE = str(PC.confidence)
# Nodes that are not entities: reified claims, text repairs, and what is folded into edges.
NOT_ENTITIES = frozenset(
    {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement",
        str(PC.TextRepair),
        PERFORMANCE_ROLE,
        IDENTIFICATION,
        str(PC.Community),  # an analysis result (graph:communities), not a thing of the world
    }
)
# source files are described in the sources graph, not drawn (pages and reviews are drawn)
BOOKKEEPING = NOT_ENTITIES | {SOURCE_DOCUMENT, "http://www.w3.org/ns/prov#Entity"}
# Classes too general to name a node when a more specific one is there.
GENERAL = frozenset(
    {
        SCHEMA + "Place",
        SCHEMA + "CreativeWork",
        "http://www.w3.org/ns/prov#Entity",
        SCHEMA + "CreativeWorkSeries",
        SOURCE_DOCUMENT,
    }
)
# properties that never make an edge: the class is an attribute, the labels are the node's name
NOT_LINKS = frozenset({RDF_TYPE, RDFS_LABEL, HIDDEN_LABEL})
ENTITY_FILTER = " && ".join(f"?type != <{c}>" for c in sorted(NOT_ENTITIES))
MAX_TEXT = 280
SOURCE_GRAPH = "/resource/source/"  # the named graphs of source documents and datasets


def _main_class(types: set[str]) -> str:
    specific = sorted(t for t in types if t not in GENERAL)
    return short(specific[0] if specific else sorted(types)[0])


def is_entity(types: Set[str]) -> bool:
    """Whether a node of these classes is drawn: not a role, claim or repair, not only a source file."""
    return not types & NOT_ENTITIES and bool(types - BOOKKEEPING)


def _first(old: str | None, new: str) -> str:
    return new if old is None or new < old else old


class Facts:
    """What quads say about their subjects, gathered in one pass for :func:`projection`.

    A quad is a sequence (subject, predicate, object, graph) of pyoxigraph terms: an ``ox.Quad``
    or a SPARQL row; RDF-star terms are not drawn.
    """

    def __init__(self) -> None:
        self.types: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[str, str] = {}
        self.names: dict[str, str] = {}  # schema:name, for the source documents
        self.props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.sources: dict[str, set[str]] = defaultdict(set)
        self.links: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.characters: dict[str, list[str]] = defaultdict(list)
        self.confidences: dict[str, str] = {}

    def add(self, quads: Iterable[Iterable[Any]]) -> None:
        """Read ``quads`` into these facts."""
        named, literal, triple = ox.NamedNode, ox.Literal, ox.Triple
        types, labels, props, sources = self.types, self.labels, self.props, self.sources
        links, characters = self.links, self.characters
        for subject, predicate, obj, graph in quads:
            if type(subject) is triple or type(obj) is triple:
                continue  # RDF-star terms are not drawn
            s, p = subject.value, predicate.value
            if p == RDFS_LABEL:
                labels[s] = _first(labels.get(s), obj.value)
                continue
            if p == HIDDEN_LABEL:
                continue
            if type(graph) is named and SOURCE_GRAPH in graph.value:
                sources[s].add(graph.value)
            if type(obj) is literal:
                value = obj.value
                if p == CHARACTER and value not in characters[s]:
                    characters[s].append(value)
                if p == SCHEMA_NAME:
                    self.names[s] = _first(self.names.get(s), value)
                else:
                    shown = value if len(value) <= MAX_TEXT else value[:MAX_TEXT] + "…"
                    values = props[s][words(p)]
                    if shown not in values:
                        values.append(shown)
                if p == CONFIDENCE:
                    self.confidences[s] = _first(self.confidences.get(s), value)
            elif p == RDF_TYPE:
                if type(subject) is named and type(obj) is named:
                    types[s].add(obj.value)
            else:
                links[s].append((p, obj.value))

    def link(self, node: str, predicate: str) -> str | None:
        """The first (in code-point order) node that ``node`` links to by ``predicate``."""
        return min((o for p, o in self.links.get(node, ()) if p == predicate), default=None)


def projection(facts: Facts, nodes: Iterable[str]) -> nx.MultiDiGraph:
    """The projection onto ``nodes`` (entities whose facts were read) and the edges between them.

    Roles and hypotheses fold into edges when their own facts were read too.
    """
    members = set(nodes)
    types = facts.types
    roles = {s for s, ts in types.items() if PERFORMANCE_ROLE in ts}
    documents = {x for x, ts in types.items() if SOURCE_DOCUMENT in ts}
    g = nx.MultiDiGraph()
    for node in sorted(members):
        g.add_node(
            node,
            label=facts.labels.get(node, short(node)),
            cls=_main_class(types[node]),
            types=sorted(short(t) for t in types[node]),
            props={k: sorted(v) for k, v in sorted(facts.props[node].items())},
            sources=sorted(
                facts.names[x] if x in documents and x in facts.names else short(x)
                for x in facts.sources[node]
            ),
        )
    for s in sorted(members):
        for p, target in sorted(facts.links.get(s, ())):
            if target in members:
                g.add_edge(s, target, key=f"{p}|{target}", predicate=p, label=words(p))
            elif target in roles:
                for rp, person in facts.links.get(target, ()):
                    if person in members and rp == ACTOR:
                        character = sorted(facts.characters.get(target, ()))
                        g.add_edge(
                            s,
                            person,
                            key=f"{p}|{person}",
                            predicate=p,
                            label=words(p),
                            character=" / ".join(character),
                        )
    for h in sorted(s for s, ts in types.items() if IDENTIFICATION in ts):
        about, cand = facts.link(h, TEXT_ABOUT), facts.link(h, CANDIDATE)
        if about in members and cand in members:
            g.add_edge(
                about,
                cand,
                key=f"{CANDIDATE}|{cand}",
                predicate=CANDIDATE,
                label=f"probably ({facts.confidences.get(h, '?')})",
            )
    return g


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off meanwhile, as it was after: the projection makes
    millions of small objects and no cycles, and the collector's passes over them took a third of
    its time on the full build (6.9 s -> 4.7 s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def to_networkx(store: ox.Store) -> nx.MultiDiGraph:
    """Project the store's union graph onto a MultiDiGraph (see the module docstring)."""
    with collector_paused():
        facts = Facts()
        facts.add(store.quads_for_pattern(None, None, None, None))
        return projection(facts, (s for s, ts in facts.types.items() if is_entity(ts)))
