"""The projection's link structure, read from the store without projecting it whole.

``most_connected(to_networkx(store), limit)`` turns every quad of the store into Python objects:
seconds on the full build, most of them spent reading strings back from the store's ids. Here the
link structure alone is read for every entity (which entities there are, and which links to
which), enough to rank them by degree and to count what a cut leaves out; ``projection_of`` then
reads labels, properties, sources and characters for the kept entities only, by the same code as
the projection's (:class:`graph.network.projection.Facts`). The picture's views of the most
connected entities (graph.picture.views.most_connected_view), the paths and the stats are read
this way: the same graph, node for node and edge for edge, as the whole projection gives.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter

import networkx as nx
import pyoxigraph as ox

from graph.network.projection import (
    ACTOR,
    BOOKKEEPING,
    CANDIDATE,
    IDENTIFICATION,
    NOT_ENTITIES,
    NOT_LINKS,
    PERFORMANCE_ROLE,
    RDF_TYPE,
    SOURCE_GRAPH,
    TEXT_ABOUT,
    Facts,
    projection,
)

__all__ = [
    "Links",
    "Structure",
    "link_structure",
    "links_of",
    "patched",
    "projection_of",
    "read_structure",
]

Edge = tuple[str, str, str]  # subject, predicate, object: one edge of the projection


@dataclass
class Structure:
    """What the links are made of, as the store holds it: which nodes are entities and cast roles,
    the links between entities, and the links through roles. A rebuild keeps it from the previous
    build and patches it where statements changed (:func:`patched`)."""

    entities: set[str]
    roles: set[str] = field(default_factory=set)
    direct: set[Edge] = field(default_factory=set)  # a predicate from an entity to an entity
    role_links: set[Edge] = field(default_factory=set)  # (entity, predicate, role): a film's cast roles
    actors: dict[str, set[str]] = field(default_factory=dict)  # role -> the entities it casts


@dataclass
class Links:
    """The projection without its attributes: entities, edges, and what folds into edges."""

    structure: Structure
    #: every hypothesis's own quads (its subject, its candidate and its confidence)
    hypotheses: Facts
    edges: set[Edge]

    @property
    def entities(self) -> set[str]:
        return self.structure.entities

    def degrees(self) -> Counter[str]:
        """Links per entity, in and out, a loop twice (as ``MultiDiGraph.degree``)."""
        degree = Counter(map(itemgetter(0), self.edges))
        degree.update(map(itemgetter(2), self.edges))
        return degree

    def most_connected(self, limit: int) -> list[str]:
        """The ``limit`` entities with the most links, ties broken by IRI."""
        degree = self.degrees()
        ranked = heapq.nsmallest(limit, ((-d, n) for n, d in degree.items()))
        if len(ranked) < limit:  # entities without links come last, by IRI
            ranked += [(0, n) for n in heapq.nsmallest(limit - len(ranked), self.entities - degree.keys())]
        return [n for _, n in ranked]


def _select(store: ox.Store, query: str) -> ox.QuerySolutions:
    """The solutions of a SELECT on the union graph."""
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    return solutions


def _iris_of(store: ox.Store, query: str) -> list[str]:
    """The IRIs a SELECT of one variable finds (other terms are never drawn)."""
    return [iri.value for (iri,) in _select(store, query) if type(iri) is ox.NamedNode]


def _iris(iris: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in iris)


def link_structure(store: ox.Store) -> Links:
    """The entities and the edges of ``to_networkx(store)``, without their attributes."""
    return links_of(read_structure(store), store)


def read_structure(store: ox.Store) -> Structure:
    """The entities, roles and links of the store.

    The links are read one predicate at a time, for the predicates that point at a typed node
    (two strings a link); the classes, labels and literals of the store are never read. Each IRI
    is one string object, so that the structure pickles small.
    """
    classes = _iris_of(store, "SELECT DISTINCT ?t WHERE { ?e a ?t }")
    kinds = _iris(t for t in classes if t not in BOOKKEEPING)
    if not kinds:
        return Structure(set())
    excluded = _iris(t for t in classes if t in NOT_ENTITIES)
    minus = f"MINUS {{ VALUES ?x {{ {excluded} }} ?e a ?x }}" if excluded else ""
    query = f"SELECT DISTINCT ?e WHERE {{ VALUES ?t {{ {kinds} }} ?e a ?t {minus} }}"
    entities = {iri: iri for iri in _iris_of(store, query)}
    roles = {iri: iri for iri in _iris_of(store, f"SELECT DISTINCT ?r WHERE {{ ?r a <{PERFORMANCE_ROLE}> }}")}
    structure = Structure(set(entities), set(roles))
    actors: dict[str, set[str]] = defaultdict(set)
    add_edge, add_role_link, named = structure.direct.add, structure.role_links.add, ox.NamedNode
    for p in _iris_of(store, "SELECT DISTINCT ?p WHERE { ?o a ?t . ?s ?p ?o }"):
        if p in NOT_LINKS:
            continue
        for subject, obj in _select(store, f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{p}> ?o }}"):
            if type(subject) is not named or type(obj) is not named:
                continue
            s, o = subject.value, obj.value
            if s in entities:
                if o in entities:
                    add_edge((entities[s], p, entities[o]))
                elif o in roles:
                    add_role_link((entities[s], p, roles[o]))
            elif p == ACTOR and s in roles and o in entities:
                actors[roles[s]].add(entities[o])
    structure.actors = dict(actors)
    return structure


def patched(structure: Structure, store: ox.Store, nodes: set[str]) -> Structure:
    """``structure`` made true of ``store`` again after statements about ``nodes`` changed (as
    subjects or IRI objects): what ``read_structure(store)`` would give, reading only the changed
    nodes' classes and statements. ``structure`` is changed in place and returned."""
    entities, roles, actors, named = structure.entities, structure.roles, structure.actors, ox.NamedNode
    for node in nodes:
        typed = store.quads_for_pattern(named(node), named(RDF_TYPE), None)
        classes = {q.object.value for q in typed if type(q.object) is named}
        is_entity = bool(classes - BOOKKEEPING) and not classes & NOT_ENTITIES
        (entities.add if is_entity else entities.discard)(node)
        (roles.add if PERFORMANCE_ROLE in classes else roles.discard)(node)
        actors.pop(node, None)
    # every link with a changed end is dropped, then read again from the store
    structure.direct = {e for e in structure.direct if e[0] not in nodes and e[2] not in nodes}
    structure.role_links = {e for e in structure.role_links if e[0] not in nodes and e[2] not in nodes}
    for role in [r for r, cast in actors.items() if not cast.isdisjoint(nodes)]:
        actors[role] -= nodes
        if not actors[role]:
            del actors[role]
    for node in nodes & (entities | roles):
        term = named(node)
        quads = [*store.quads_for_pattern(term, None, None), *store.quads_for_pattern(None, None, term)]
        for subject, predicate, obj, _ in quads:
            if type(subject) is not named or type(obj) is not named or predicate.value in NOT_LINKS:
                continue
            s, p, o = subject.value, predicate.value, obj.value
            if s in entities:
                if o in entities:
                    structure.direct.add((s, p, o))
                elif o in roles:
                    structure.role_links.add((s, p, o))
            elif p == ACTOR and s in roles and o in entities:
                actors.setdefault(s, set()).add(o)
    return structure


def hypothesis_facts(store: ox.Store) -> Facts:
    """Every hypothesis's own statements (its text, its candidate, its confidence)."""
    facts = Facts()
    solutions = _select(store, f"SELECT ?h ?p ?o WHERE {{ ?h a <{IDENTIFICATION}> ; ?p ?o }}")
    facts.add((h, p, o, None) for h, p, o in solutions)
    return facts


def links_of(structure: Structure, store: ox.Store) -> Links:
    """The links of ``structure``: its own, those through cast roles (a film to the people its
    roles cast), and those of the hypotheses (a text to its probable film), read now."""
    hypotheses = hypothesis_facts(store)
    edges = set(structure.direct)
    actors, entities = structure.actors, structure.entities
    for film, p, role in structure.role_links:
        edges.update((film, p, person) for person in actors.get(role, ()))
    for h in hypotheses.types:
        about, cand = hypotheses.link(h, TEXT_ABOUT), hypotheses.link(h, CANDIDATE)
        if about in entities and cand in entities:
            edges.add((about, CANDIDATE, cand))
    return Links(structure, hypotheses, edges)


def projection_of(store: ox.Store, links: Links, nodes: set[str]) -> nx.MultiDiGraph:
    """The projection onto ``nodes`` (entities of ``links``): what ``to_networkx(store)`` holds
    of them and between them, read from their own statements (and those of the cast roles and
    source documents that fold into them) alone."""
    # the roles that fold into an edge between two of the nodes, and the source documents
    actors = links.structure.actors
    roles = {
        r for s, _, r in links.structure.role_links if s in nodes and not nodes.isdisjoint(actors.get(r, ()))
    }
    documents = {g.value for g in store.named_graphs() if type(g) is ox.NamedNode and SOURCE_GRAPH in g.value}
    facts = hypothesis_facts(store)  # a hypothesis's edge needs nothing more
    for subject in sorted(nodes | roles | documents):
        facts.add(store.quads_for_pattern(ox.NamedNode(subject), None, None, None))
    return projection(facts, nodes)
