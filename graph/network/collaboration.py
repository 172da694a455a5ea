"""The person–person collaboration network (people linked by the films they share) and its
communities (Louvain, seeded), each named by its most central members."""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graph.errors import EntityNotFoundError, FormatError
from graph.namespace import PC
from graph.network.phrases import name_in_words
from graph.network.projection import SCHEMA
from graph.store.lookup import find_entity

# A film credits a person through these (a cast role is folded into `actor` by the projection).
CREDITS = frozenset(
    SCHEMA + p
    for p in ("actor", "director", "musicBy", "author", "producer", "editor", "contributor", "creator")
)
# A person cited for a work ("Alfonso Cuarón (Gravity)"): credited on it, role unsaid.
CITED_FOR = str(PC.knownFor)
NAME_SIZE = 3


@dataclass(frozen=True)
class Community:
    """A group of people who worked together more than with others, most central first."""

    number: int
    name: str
    members: tuple[str, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Pair:
    """Two people and the films they share."""

    a: str
    a_label: str
    b: str
    b_label: str
    weight: int
    titles: tuple[str, ...]


@dataclass(frozen=True)
class CommunityRun:
    """What ``pariskg analyse communities`` reports: every community, those asked for, and the
    method in words (also written into graph:communities)."""

    communities: list[Community]
    shown: list[Community]
    method: str
    graph: nx.Graph


def credits(g: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Work -> the people it credits (any role), from the projection's edges."""
    people: dict[str, set[str]] = defaultdict(set)
    for u, v, d in g.edges(data=True):
        p = d.get("predicate")
        if p in CREDITS and g.nodes[v].get("cls") == "Person":
            people[u].add(v)
        elif p == CITED_FOR and g.nodes[u].get("cls") == "Person":
            people[v].add(u)
    return people


def collaboration_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """People linked by shared works: ``weight`` is how many, ``works`` which (sorted IRIs).

    A person with no collaborator is left out. Node attributes: ``label`` and ``works`` (how many
    works credit them).

    >>> g = nx.MultiDiGraph()
    >>> for n, cls in (("f1", "Movie"), ("f2", "Movie"), ("a", "Person"), ("b", "Person")):
    ...     g.add_node(n, label=n.upper(), cls=cls)
    >>> for f in ("f1", "f2"):
    ...     for p in ("a", "b"):
    ...         _ = g.add_edge(f, p, predicate="https://schema.org/actor")
    >>> collaboration_graph(g).edges["a", "b"]["weight"]
    2
    """
    by_work = credits(g)
    works_of: dict[str, int] = defaultdict(int)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for work, people in sorted(by_work.items()):
        for person in people:
            works_of[person] += 1
        for a, b in itertools.combinations(sorted(people), 2):
            shared[a, b].append(work)
    out = nx.Graph()
    for (a, b), works in sorted(shared.items()):
        for person in (a, b):
            if person not in out:
                out.add_node(person, label=g.nodes[person]["label"], works=works_of[person])
        out.add_edge(a, b, weight=len(works), works=works)
    return out


def _rank(c: nx.Graph, node: str) -> tuple[int, int]:
    """How central a person is: shared films with others (weighted degree), then their films."""
    return (-int(c.degree(node, weight="weight")), -int(c.nodes[node]["works"]))


def centrality_order(c: nx.Graph, nodes: list[str] | set[str]) -> list[str]:
    """``nodes`` most central first (equals in name order)."""
    return sorted(nodes, key=lambda n: (_rank(c, n), c.nodes[n]["label"], n))


def central_members(c: nx.Graph, ordered: list[str], size: int = NAME_SIZE) -> list[str]:
    """The most central of ``ordered`` (at most ``size``); equals that do not all fit are left
    out rather than picked by the alphabet (at least one member always names the group)."""
    chosen: list[str] = []
    for _, tied in itertools.groupby(ordered, key=lambda n: _rank(c, n)):
        group = list(tied)
        if chosen and len(chosen) + len(group) > size:
            break
        chosen.extend(group if len(group) <= size else group[:1])
        if len(chosen) >= size or len(group) > size:
            break
    return chosen


def communities(c: nx.Graph, *, seed: int = 0, resolution: float = 1.0) -> list[Community]:
    """Louvain communities of the collaboration graph, largest first, each named by its
    NAME_SIZE most central members."""
    groups = nx.community.louvain_communities(c, weight="weight", resolution=resolution, seed=seed)
    ranked = [centrality_order(c, group) for group in groups]
    ranked.sort(key=lambda ms: (-len(ms), c.nodes[ms[0]]["label"]))
    out = []
    for number, ms in enumerate(ranked, 1):
        labels = tuple(c.nodes[m]["label"] for m in ms)
        name = ", ".join(c.nodes[m]["label"] for m in central_members(c, ms))
        out.append(Community(number, name, tuple(ms), labels))
    return out


def community_of(found: list[Community], node: str) -> Community:
    """The community ``node`` is in (KeyError when none: the person has no collaborator)."""
    for community in found:
        if node in community.members:
            return community
    raise KeyError(node)


def person_node(store: ox.Store, c: nx.Graph, name: str) -> str:
    """The collaboration node of the person named ``name`` (closest names when unknown)."""
    node = find_entity(store, name, SCHEMA + "Person").value
    if node not in c:
        raise EntityNotFoundError(f"'{name}' shares no film with anyone in the graph")
    return node


def strongest_pairs(
    store: ox.Store,
    c: nx.Graph,
    projection: nx.MultiDiGraph,
    *,
    person: str | None = None,
    top: int | None = 20,
) -> list[Pair]:
    """The pairs of people sharing the most films (those of ``person`` only, when given)."""
    edges = c.edges(person_node(store, c, person), data=True) if person else c.edges(data=True)
    label = lambda n: c.nodes[n]["label"]  # noqa: E731
    ordered = sorted(edges, key=lambda e: (-e[2]["weight"], label(e[0]), label(e[1])))
    return [
        Pair(a, label(a), b, label(b), d["weight"], tuple(name_in_words(projection, w) for w in d["works"]))
        for a, b, d in ordered[:top]
    ]


def find_communities(
    store: ox.Store,
    projection: nx.MultiDiGraph,
    *,
    seed: int = 0,
    resolution: float = 1.0,
    person: str | None = None,
) -> CommunityRun:
    """The communities of the projection's collaboration network (that of ``person`` shown
    alone, when given)."""
    c = collaboration_graph(projection)
    found = communities(c, seed=seed, resolution=resolution)
    shown = [community_of(found, person_node(store, c, person))] if person else found
    method = (
        f"Louvain (seed {seed}, resolution {resolution:g}) over the collaboration network: "
        f"{c.number_of_nodes():,} people with a collaborator, {c.number_of_edges():,} pairs weighted "
        "by the films they share"
    )
    return CommunityRun(found, shown, method, c)


def flat_collaboration_graph(c: nx.Graph, found: list[Community], projection: nx.MultiDiGraph) -> nx.Graph:
    """The collaboration network with every attribute a string or a number, for GraphML and GEXF
    (Gephi, Cytoscape): each person's community number and name, each pair's films in words."""
    community = {m: x for x in found for m in x.members}
    out = nx.Graph()
    for n, d in c.nodes(data=True):
        x = community.get(n)
        out.add_node(
            n,
            label=d["label"],
            films=int(d["works"]),
            community=x.number if x else 0,
            community_name=x.name if x else "",
        )
    for a, b, d in c.edges(data=True):
        titles = " | ".join(name_in_words(projection, w) for w in d["works"])
        out.add_edge(a, b, weight=int(d["weight"]), films=titles)
    return out


GRAPH_WRITERS = {".graphml": nx.write_graphml, ".gexf": nx.write_gexf}


def write_collaboration_graph(
    path: Path, c: nx.Graph, found: list[Community], projection: nx.MultiDiGraph
) -> None:
    """Write the flat collaboration network to ``path``, GraphML or GEXF by its extension."""
    writer = GRAPH_WRITERS.get(path.suffix.lower())
    if writer is None:
        raise FormatError(
            f"cannot tell the format of '{path.name}'",
            hint=f"name it {' or '.join('*' + e for e in GRAPH_WRITERS)}",
        )
    writer(flat_collaboration_graph(c, found, projection), path)
