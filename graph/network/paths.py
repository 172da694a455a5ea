"""Chains of links between two entities of the projection (the shortest, or the k shortest),
told as links and in words."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import partial

import networkx as nx
import pyoxigraph as ox

from graph.errors import EntityNotFoundError
from graph.network.phrases import clause, name_in_words, phrase_for
from graph.store.lookup import find_entity

MENTIONS = "https://schema.org/mentions"
# A text that mentions two names is a weak link: a chain of facts is preferred to it.
MENTION_WEIGHT = 10


@dataclass(frozen=True)
class Step:
    """One link of a chain: ``subject --label--> object`` as the graph states it."""

    subject: str
    label: str
    obj: str
    character: str | None = None
    predicate: str = ""


@dataclass(frozen=True)
class Chain:
    """The entities of a chain, in order, and the links between them."""

    nodes: tuple[str, ...]
    labels: tuple[str, ...]
    steps: tuple[Step, ...]


def shortest_chain(store: ox.Store, g: nx.MultiDiGraph, source: str, target: str) -> Chain:
    """The shortest chain between the entities named ``source`` and ``target``, links either way."""
    return shortest_chains(store, g, source, target, k=1)[0]


def shortest_chains(
    store: ox.Store, g: nx.MultiDiGraph, source: str, target: str, *, k: int = 1
) -> list[Chain]:
    """The ``k`` shortest chains (no entity twice in one) between the entities named ``source``
    and ``target`` in the projection ``g``, shortest first; a text's mentions weigh more than facts."""
    a, b = _ends(store, source, target, k)
    _linked(g, {a: source, b: target})
    if a == b:
        return [Chain((a,), (g.nodes[a]["label"],), ())]
    links = ((u, d["predicate"], v) for u, v, d in g.edges(data=True))
    return [_chain(g, nodes) for nodes in _shortest(links, a, b, k, source, target)]


def chains_in_store(store: ox.Store, source: str, target: str, *, k: int = 1) -> list[tuple[Chain, str]]:
    """``shortest_chains`` of the store's projection, each with its words (:func:`tell`), read
    from the store's link structure and the chains' own entities: seconds less than projecting
    the whole store first, for the same chains."""
    from graph.network.store_view import link_structure, projection_of

    a, b = _ends(store, source, target, k)
    links = link_structure(store)
    _linked(links.entities, {a: source, b: target})
    paths = [[a]] if a == b else _shortest(links.edges, a, b, k, source, target)
    g = projection_of(store, links, {n for path in paths for n in path})
    per_predicate = Counter((s, p) for s, p, _ in links.edges)
    chains = [_chain(g, nodes) for nodes in paths]
    return [(c, tell(g, c, shared=lambda s, p: per_predicate[(s, p)] > 1)) for c in chains]


def _ends(store: ox.Store, source: str, target: str, k: int) -> tuple[str, str]:
    """The entities named ``source`` and ``target`` (errors first: they cost nothing)."""
    if k < 1:
        raise EntityNotFoundError(f"asked for {k} chains: ask for 1 or more")
    return find_entity(store, source).value, find_entity(store, target).value


def _linked(entities: Collection[str], ends: dict[str, str]) -> None:
    for node, name in ends.items():
        if node not in entities:
            raise EntityNotFoundError(f"'{name}' is in the graph but links to no entity")


def _shortest(
    links: Iterable[tuple[str, str, str]], a: str, b: str, k: int, source: str, target: str
) -> list[list[str]]:
    """The ``k`` shortest paths from ``a`` to ``b`` over ``links`` (subject, predicate, object)
    taken either way. Links are added in sorted order: ties between paths of one length are
    broken the same way whatever order the links come in."""
    undirected = nx.Graph()
    for u, p, v in sorted(links):
        weight = MENTION_WEIGHT if p == MENTIONS else 1
        if not undirected.has_edge(u, v) or undirected[u][v]["weight"] > weight:
            undirected.add_edge(u, v, weight=weight)
    undirected.add_nodes_from((a, b))
    try:
        return list(itertools.islice(nx.shortest_simple_paths(undirected, a, b, weight="weight"), k))
    except nx.NetworkXNoPath:
        raise EntityNotFoundError(f"no chain of links between '{source}' and '{target}'") from None


def _chain(g: nx.MultiDiGraph, nodes: list[str]) -> Chain:
    steps = []
    for u, v in itertools.pairwise(nodes):
        s, o = (u, v) if g.has_edge(u, v) else (v, u)
        d = min(g.get_edge_data(s, o).values(), key=_strongest)
        steps.append(Step(s, d["label"], o, d.get("character") or None, d["predicate"]))
    return Chain(tuple(nodes), tuple(g.nodes[n]["label"] for n in nodes), tuple(steps))


def _strongest(edge: dict) -> tuple[bool, str]:
    return edge["predicate"] == MENTIONS, edge["label"]


def _shared_in(g: nx.MultiDiGraph, subject: str, predicate: str) -> bool:
    """Whether ``subject`` has more than one link of ``predicate`` in ``g``."""
    return sum(1 for _, _, p in g.out_edges(subject, data="predicate") if p == predicate) > 1


def describe(chain: Chain) -> str:
    """The chain as lines: ``Paris —actor (as Élise)→ Juliette Binoche``."""
    label = dict(zip(chain.nodes, chain.labels, strict=True))
    lines = [f"{len(chain.steps)} link(s) from {chain.labels[0]} to {chain.labels[-1]}:"]
    for s in chain.steps:
        role = f"{s.label} (as {s.character})" if s.character else s.label
        lines.append(f"  {label[s.subject]} —{role}→ {label[s.obj]}")
    return "\n".join(lines)


def tell(g: nx.MultiDiGraph, chain: Chain, shared: Callable[[str, str], bool] | None = None) -> str:
    """The chain as one sentence: "Romain Duris played Pierre in Paris (2008), in which Juliette
    Binoche played Élise; Juliette Binoche acted in Paris, je t'aime (2006), directed in part by
    Gus Van Sant."

    A link walked the way the graph states it is a clause about the entity before ("directed by
    …"); a link walked backwards starts a clause of its own ("… acted in …"), or, right after
    another such clause, a relative one ("…, which is mentioned in …"). ``shared(subject,
    predicate)``: whether the subject has other links of that predicate ("directed in part by"),
    when ``g`` does not hold all of them.
    """
    if not chain.steps:
        return name_in_words(g, chain.nodes[0]) + "."
    text = ""
    previous_forward = True
    for i, (here, step) in enumerate(zip(chain.nodes, chain.steps, strict=False)):
        forward = step.subject == here
        many = (shared or partial(_shared_in, g))(step.subject, step.predicate)
        relative = i > 0 and not forward and not previous_forward
        words = clause(
            phrase_for(step.predicate, step.label),
            forward=forward,
            s=name_in_words(g, step.subject),
            o=name_in_words(g, step.obj),
            character=step.character,
            shared=many,
            pronoun=("who" if g.nodes[here].get("cls") == "Person" else "which") if relative else None,
        )
        if forward:
            text += (name_in_words(g, here) if i == 0 else "") + ", " + words
        else:
            text += (", " if relative else "; " if i else "") + words
        previous_forward = forward
    return text + "."
