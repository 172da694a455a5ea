"""The most connected entities of the projection, read from the store without projecting it whole.

``most_connected(to_networkx(store), limit)`` turns every quad of the store into Python objects:
seconds on the full build, most of them spent reading strings back from the store's ids. Here the
link structure alone is read for every entity (which entities there are, and which links to
which), enough to rank them by degree and to count what the cut leaves out; labels, properties,
sources and characters are then read for the kept entities only, by the same code as the
projection's (:class:`graph.network.Facts`). The view is the same, node for node and edge for
edge, and so is the page written from it.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter

import pyoxigraph as ox

from graph.errors import ViewError
from graph.network import (
    ACTOR,
    BOOKKEEPING,
    CANDIDATE,
    IDENTIFICATION,
    NOT_ENTITIES,
    NOT_LINKS,
    PERFORMANCE_ROLE,
    SOURCE_GRAPH,
    TEXT_ABOUT,
    Facts,
    collector_paused,
    projection,
)
from graph.views import View, cut_note

__all__ = ["Links", "link_structure", "most_connected_view"]

Edge = tuple[str, str, str]  # subject, predicate, object: one edge of the projection


@dataclass
class Links:
    """The projection without its attributes: entities, edges, and what folds into edges."""

    entities: set[str]
    edges: set[Edge] = field(default_factory=set)
    #: (entity, predicate, role): the film ends of cast roles
    role_links: list[Edge] = field(default_factory=list)
    #: role -> the entities it casts (schema:actor)
    actors: dict[str, list[str]] = field(default_factory=dict)
    #: every hypothesis's own quads (its subject, its candidate and its confidence)
    hypotheses: Facts = field(default_factory=Facts)

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
    """The entities and the edges of ``to_networkx(store)``, without their attributes.

    The links are read one predicate at a time, for the predicates that point at a typed node
    (two strings a link); the classes, labels and literals of the store are never read.
    """
    classes = _iris_of(store, "SELECT DISTINCT ?t WHERE { ?e a ?t }")
    kinds = _iris(t for t in classes if t not in BOOKKEEPING)
    if not kinds:
        return Links(set())
    excluded = _iris(t for t in classes if t in NOT_ENTITIES)
    minus = f"MINUS {{ VALUES ?x {{ {excluded} }} ?e a ?x }}" if excluded else ""
    query = f"SELECT DISTINCT ?e WHERE {{ VALUES ?t {{ {kinds} }} ?e a ?t {minus} }}"
    links = Links(set(_iris_of(store, query)))
    roles = set(_iris_of(store, f"SELECT DISTINCT ?r WHERE {{ ?r a <{PERFORMANCE_ROLE}> }}"))
    hypotheses = _select(store, f"SELECT ?h ?p ?o WHERE {{ ?h a <{IDENTIFICATION}> ; ?p ?o }}")
    links.hypotheses.add((h, p, o, None) for h, p, o in hypotheses)
    entities, actors, named = links.entities, defaultdict(list), ox.NamedNode
    add_edge, add_role_link = links.edges.add, links.role_links.append
    for p in _iris_of(store, "SELECT DISTINCT ?p WHERE { ?o a ?t . ?s ?p ?o }"):
        if p in NOT_LINKS:
            continue
        for subject, obj in _select(store, f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{p}> ?o }}"):
            if type(subject) is not named or type(obj) is not named:
                continue
            s, o = subject.value, obj.value
            if s in entities:
                if o in entities:
                    add_edge((s, p, o))
                elif o in roles:
                    add_role_link((s, p, o))
            elif p == ACTOR and s in roles and o in entities:
                actors[s].append(o)
    links.actors = dict(actors)
    for film, p, role in links.role_links:
        links.edges.update((film, p, person) for person in actors.get(role, ()))
    for h in links.hypotheses.types:
        about, cand = links.hypotheses.link(h, TEXT_ABOUT), links.hypotheses.link(h, CANDIDATE)
        if about in entities and cand in entities:
            links.edges.add((about, CANDIDATE, cand))
    return links


def most_connected_view(store: ox.Store, limit: int) -> View:
    """``most_connected(to_networkx(store), limit)``, read from the store without projecting it whole.

    Raises:
        ViewError: ``limit`` is less than 1.
    """
    if limit < 1:
        raise ViewError(f"limit must be 1 or more, not {limit}")
    with collector_paused():
        return _most_connected_view(store, limit)


def _most_connected_view(store: ox.Store, limit: int) -> View:
    links = link_structure(store)
    kept = set(links.most_connected(limit))
    # the roles that fold into an edge between two kept entities, and the source documents
    roles = {r for s, _, r in links.role_links if s in kept and kept.intersection(links.actors.get(r, ()))}
    documents = {g.value for g in store.named_graphs() if type(g) is ox.NamedNode and SOURCE_GRAPH in g.value}
    facts = links.hypotheses  # read already: a hypothesis's edge needs nothing more
    for subject in sorted(kept | roles | documents):
        facts.add(store.quads_for_pattern(ox.NamedNode(subject), None, None, None))
    g = projection(facts, kept)
    if len(links.entities) <= limit:
        return View(g)
    return View(g, [cut_note(limit, len(links.entities), len(links.edges), g)])
