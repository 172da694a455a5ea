"""Centrality of the entities of the projection (degree, betweenness, PageRank), ranked per class.

The measures run on an undirected simple graph of the things the graph is about: one edge per
pair of linked entities, whichever way the triple points ("Binoche acted in Paris" links Paris to
Binoche as much as Binoche to Paris).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graph.errors import EntityNotFoundError
from graph.namespace import PC, PREFIXES
from graph.network.projection import SCHEMA
from graph.store.lookup import subclasses

# Values of one entity (an amount, a rating, a crew count, an outline): no hub of the world.
VALUE_CLASSES = frozenset(
    {"MonetaryAmount", "BoxOfficeFigure", "AggregateRating", "Rating", "CrewCount", "Geometry"}
)
# A shoot repeats the link its production already has to the place (pc:filmingLocation).
REPEATING_CLASSES = frozenset({"Shoot"})
MENTIONS = SCHEMA + "mentions"
# A hypothesis is no fact: the projection's "probably" edge stays out of the measures.
HYPOTHESIS = str(PC.candidate)
MEASURES = ("degree", "betweenness", "pagerank")
# Above this many nodes betweenness is estimated from a sample of source nodes (Brandes and
# Pich 2007); 1,000 sources rank the top ten of each class as the exact measure does, 8-10 of 10
# (bench/analyse.py on the full build), where 50 got none of the films right.
EXACT_BETWEENNESS_MAX = 5000
DEFAULT_SAMPLES = 1000
# Friendly class names a user types (`--class film`), besides any schema: or pc: class.
CLASS_ALIASES = {
    "film": SCHEMA + "Movie",
    "films": SCHEMA + "Movie",
    "movie": SCHEMA + "Movie",
    "person": SCHEMA + "Person",
    "people": SCHEMA + "Person",
    "place": SCHEMA + "Place",
    "places": SCHEMA + "Place",
    "organization": SCHEMA + "Organization",
    "organisation": SCHEMA + "Organization",
    "series": SCHEMA + "CreativeWorkSeries",
    "work": SCHEMA + "CreativeWork",
}


@dataclass(frozen=True)
class Ranked:
    """One entity and its measures (None for a measure not computed)."""

    node: str
    label: str
    cls: str
    degree: int
    betweenness: float | None
    pagerank: float | None


def analysis_graph(g: nx.MultiDiGraph, *, mentions: bool = False) -> nx.Graph:
    """The undirected simple graph the measures run on.

    Left out: values of one entity (amounts, ratings, crew counts, outlines), shoots (their
    production is linked to the same place), hypotheses, and, unless ``mentions``, what a text
    mentions (a review naming 26 things is no hub of the world it speaks of).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("f", label="Paris", cls="Movie", types=["Movie"])
    >>> g.add_node("p", label="Juliette Binoche", cls="Person", types=["Person"])
    >>> _ = g.add_edge("f", "p", predicate="https://schema.org/actor")
    >>> _ = g.add_edge("f", "p", predicate="https://schema.org/actor")
    >>> analysis_graph(g).number_of_edges()
    1
    """
    left_out = VALUE_CLASSES | REPEATING_CLASSES
    keep = [n for n, d in g.nodes(data=True) if d.get("cls") not in left_out]
    out = nx.Graph()
    for n in keep:
        d = g.nodes[n]
        out.add_node(n, label=d.get("label", n), cls=d.get("cls", ""), types=list(d.get("types", [])))
    for u, v, d in g.edges(data=True):
        p = d.get("predicate", "")
        if u == v or p == HYPOTHESIS or (p == MENTIONS and not mentions):
            continue
        if u in out and v in out:
            out.add_edge(u, v)
    return out


def class_names(cls: str) -> frozenset[str]:
    """The short class names (as the projection's ``types``) that ``cls`` and its subclasses have.

    ``cls`` is an alias (film, person, place…), a CURIE (schema:Movie, pc:Arrondissement) or a
    bare schema.org or ontology name (Movie, Arrondissement).

    >>> sorted(class_names("Person"))
    ['Person']
    """
    iri = _class_iri(cls)
    found = subclasses(iri) | {iri}
    return frozenset(n.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for n in found)


def _class_iri(cls: str) -> str:
    if cls.casefold() in CLASS_ALIASES:
        return CLASS_ALIASES[cls.casefold()]
    prefix, sep, local = cls.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    if cls in PC.__annotations__:
        return str(PC._NS) + cls
    return SCHEMA + cls


def members(g: nx.Graph, cls: str | None) -> list[str]:
    """The nodes of ``g`` of class ``cls`` (any class when None); an unknown class names the known."""
    if cls is None:
        return list(g)
    names = class_names(cls)
    found = [n for n, d in g.nodes(data=True) if names & set(d.get("types", ()))]
    if not found:
        present = sorted({c for _, d in g.nodes(data=True) for c in d.get("types", ())})
        raise EntityNotFoundError(
            f"no entity of class '{cls}' in the graph",
            hint=f"classes here: {', '.join(present)}; or film, person, place, organization",
        )
    return found


def centrality(
    g: nx.Graph,
    measures: Iterable[str] = MEASURES,
    *,
    samples: int | None = None,
    seed: int = 0,
) -> dict[str, dict[str, float]]:
    """Each measure asked for, as {measure: {node: value}}.

    ``degree`` counts the distinct entities a node is linked to; ``betweenness`` is normalised
    and, on graphs larger than EXACT_BETWEENNESS_MAX nodes, estimated from ``samples`` source
    nodes drawn with ``seed`` (default DEFAULT_SAMPLES); ``pagerank`` uses damping 0.85.
    """
    wanted = list(measures)
    unknown = [m for m in wanted if m not in MEASURES]
    if unknown:
        raise EntityNotFoundError(f"unknown measure '{unknown[0]}'", hint=f"known: {', '.join(MEASURES)}")
    scores: dict[str, dict[str, float]] = {}
    if "degree" in wanted:
        scores["degree"] = {n: float(d) for n, d in g.degree()}
    if "betweenness" in wanted:
        scores["betweenness"] = betweenness(g, samples=samples, seed=seed)
    if "pagerank" in wanted:
        scores["pagerank"] = nx.pagerank(g, alpha=0.85) if len(g) else {}
    return scores


def betweenness_samples(g: nx.Graph, samples: int | None) -> int | None:
    """How many source nodes betweenness samples on ``g`` (None: every node, the exact measure)."""
    n = len(g)
    if samples is None:
        return None if n <= EXACT_BETWEENNESS_MAX else DEFAULT_SAMPLES
    return None if samples >= n else max(samples, 2)


def betweenness(g: nx.Graph, *, samples: int | None = None, seed: int = 0) -> dict[str, float]:
    """networkx's normalised betweenness of ``g``, exact or estimated from ``samples`` source
    nodes: the sources ``nx.betweenness_centrality(g, k, seed=seed)`` draws, and its scaling.

    The shortest paths are counted by igraph's C code: on the full build (31,000 entities) a
    source costs 2-5 ms there against 250-650 ms in networkx's Python, so a sample large enough
    to rank well (1,000 sources) takes seconds.
    """
    import igraph as ig

    nodes = list(g)
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    index = {v: i for i, v in enumerate(nodes)}
    counted = ig.Graph(n=n, edges=[(index[u], index[v]) for u, v in g.edges()], directed=False)
    k = betweenness_samples(g, samples)
    if k is None:
        raw = counted.betweenness(directed=False)
        return {v: 2 * raw[i] / ((n - 1) * (n - 2)) for i, v in enumerate(nodes)}
    sources = random.Random(seed).sample(nodes, k)
    raw = counted.betweenness(directed=False, sources=[index[s] for s in sources])
    chosen = set(sources)
    # as networkx.algorithms.centrality.betweenness._rescale (endpoints excluded, normalised)
    return {v: 2 * raw[i] / ((k - 1 if v in chosen else k) * (n - 2)) for i, v in enumerate(nodes)}


def ranking(
    g: nx.Graph,
    scores: dict[str, dict[str, float]],
    *,
    by: str,
    cls: str | None = None,
    top: int | None = 10,
) -> list[Ranked]:
    """The ``top`` entities of class ``cls`` by the measure ``by`` (ties: degree, then label)."""
    if by not in scores:
        raise EntityNotFoundError(f"measure '{by}' was not computed", hint=f"computed: {', '.join(scores)}")
    nodes = members(g, cls)
    degree = dict(g.degree())
    ordered = sorted(nodes, key=lambda n: (-scores[by].get(n, 0.0), -degree[n], g.nodes[n]["label"], n))
    return [
        Ranked(
            n,
            g.nodes[n]["label"],
            g.nodes[n]["cls"],
            degree[n],
            scores["betweenness"].get(n) if "betweenness" in scores else None,
            scores["pagerank"].get(n) if "pagerank" in scores else None,
        )
        for n in ordered[:top]
    ]


@dataclass(frozen=True)
class CentralityRun:
    """What ``pariskg analyse centrality`` reports: the graph measured, the scores, the ranking,
    and the method in words (also written into graph:centrality)."""

    graph: nx.Graph
    scores: dict[str, dict[str, float]]
    ranked: list[Ranked]
    method: str


def rank_entities(
    projection: nx.MultiDiGraph,
    *,
    by: str = "pagerank",
    cls: str | None = None,
    top: int | None = 10,
    measures: Iterable[str] | None = None,
    samples: int | None = None,
    seed: int = 0,
    mentions: bool = False,
) -> CentralityRun:
    """Measure the projection (``measures``: default ``by``, degree and PageRank) and rank the
    entities of class ``cls`` by ``by``."""
    g = analysis_graph(projection, mentions=mentions)
    wanted = [m for m in MEASURES if m in set(measures or ("degree", "pagerank")) | {by}]
    scores = centrality(g, wanted, samples=samples, seed=seed)
    ranked = ranking(g, scores, by=by, cls=cls, top=top)
    return CentralityRun(g, scores, ranked, describe_method(g, wanted, samples, seed, mentions))


def describe_method(g: nx.Graph, measures: list[str], samples: int | None, seed: int, mentions: bool) -> str:
    """The measures and the graph they ran on, in words."""
    parts = []
    for m in measures:
        if m == "betweenness":
            k = betweenness_samples(g, samples)
            parts.append(
                f"betweenness (estimated from {k:,} source nodes, seed {seed})"
                if k
                else "betweenness (exact)"
            )
        else:
            parts.append({"degree": "degree", "pagerank": "PageRank (damping 0.85)"}[m])
    left_out = "amounts, ratings, shoots, hypotheses" + ("" if mentions else " and text mentions")
    return (
        f"{', '.join(parts)} over {g.number_of_nodes():,} entities and {g.number_of_edges():,} "
        f"links read both ways ({left_out} left out)"
    )
