"""The NetworkX projection of the store: entities as nodes, links between entities as edges.

Classes and literals would become hubs if projected as nodes, so they are node attributes;
a cast role (film → PerformanceRole → person) is folded into one film–person edge with the
character; a film identification (hypothesis) becomes a "probably" edge with its confidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

import networkx as nx
import pyoxigraph as ox

from graph.namespace import PC, PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
# the folded search keys of the names (graph.rdf.add_entity_names): not shown, as SKOS says
HIDDEN_LABEL = "http://www.w3.org/2004/02/skos/core#hiddenLabel"
SCHEMA = "https://schema.org/"
# Nodes that are not entities: reified claims, text repairs, and what is folded into edges.
NOT_ENTITIES = frozenset(
    {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement",
        str(PC.TextRepair),
        SCHEMA + "PerformanceRole",
        str(PC.FilmIdentification),
        str(PC.Community),  # an analysis result (graph:communities), not a thing of the world
    }
)
# Classes too general to name a node when a more specific one is there.
GENERAL = frozenset(
    {
        SCHEMA + "Place",
        SCHEMA + "CreativeWork",
        "http://www.w3.org/ns/prov#Entity",
        SCHEMA + "CreativeWorkSeries",
        str(PC.SourceDocument),
    }
)
ENTITY_FILTER = " && ".join(f"?type != <{c}>" for c in sorted(NOT_ENTITIES))
MAX_TEXT = 280


@lru_cache(maxsize=4096)  # called for every quad of the projection, on a few hundred IRIs
def short(iri: str) -> str:
    """The last part of an IRI: ``https://schema.org/Movie`` -> ``Movie``."""
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def curie(iri: str) -> str:
    """``film:paris-2008`` for an IRI under one of the project's prefixes, else the IRI."""
    for prefix, base in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(base) and "/" not in iri[len(base) :]:
            return f"{prefix}:{iri[len(base) :]}"
    return iri


@lru_cache(maxsize=4096)
def words(iri: str) -> str:
    """A property's label in words: ``filmingLocation`` -> ``filming location``."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", short(iri)).lower()


def _main_class(types: set[str]) -> str:
    specific = sorted(t for t in types if t not in GENERAL)
    return short(specific[0] if specific else sorted(types)[0])


def to_networkx(store: ox.Store) -> nx.MultiDiGraph:
    """Project the store's union graph onto a MultiDiGraph (see the module docstring)."""
    types: dict[str, set[str]] = defaultdict(set)
    quads = list(store.quads_for_pattern(None, None, None, None))
    for q in quads:
        if (
            q.predicate.value == RDF_TYPE
            and isinstance(q.subject, ox.NamedNode)
            and isinstance(q.object, ox.NamedNode)
        ):
            types[q.subject.value].add(q.object.value)
    # source files are described in the sources graph, not drawn (pages and reviews are drawn)
    bookkeeping = NOT_ENTITIES | {str(PC.SourceDocument), "http://www.w3.org/ns/prov#Entity"}
    entities = {s for s, ts in types.items() if not ts & NOT_ENTITIES and ts - bookkeeping}
    roles = {s for s, ts in types.items() if SCHEMA + "PerformanceRole" in ts}
    hypotheses = {s for s, ts in types.items() if str(PC.FilmIdentification) in ts}
    source_names: dict[str, str] = {}
    labels: dict[str, str] = {}
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    sources: dict[str, set[str]] = defaultdict(set)
    links: dict[str, list[tuple[str, str]]] = defaultdict(list)
    characters: dict[str, list[str]] = defaultdict(list)
    hypothesis_values: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for q in quads:
        if isinstance(q.subject, ox.Triple) or isinstance(q.object, ox.Triple):
            continue  # RDF-star terms are not drawn
        s, p, o = q.subject.value, q.predicate.value, q.object
        if p == RDFS_LABEL:
            labels[s] = o.value
            continue
        if p == HIDDEN_LABEL:
            continue
        if isinstance(q.graph_name, ox.NamedNode) and "/resource/source/" in q.graph_name.value:
            sources[s].add(q.graph_name.value)
        if isinstance(o, ox.Literal):
            if s in roles and p == SCHEMA + "characterName" and o.value not in characters[s]:
                characters[s].append(o.value)
            if s in entities and p != SCHEMA + "name":
                value = o.value if len(o.value) <= MAX_TEXT else o.value[:MAX_TEXT] + "…"
                if value not in props[s][words(p)]:
                    props[s][words(p)].append(value)
            if s in hypotheses:
                hypothesis_values[s].append((p, o.value))
            if p == SCHEMA + "name" and s in types and str(PC.SourceDocument) in types[s]:
                source_names[s] = o.value
        elif p != RDF_TYPE:
            links[s].append((p, o.value))

    g = nx.MultiDiGraph()
    for node in sorted(entities):
        g.add_node(
            node,
            label=labels.get(node, short(node)),
            cls=_main_class(types[node]),
            types=sorted(short(t) for t in types[node]),
            props={k: sorted(v) for k, v in sorted(props[node].items())},
            sources=sorted(source_names.get(x, short(x)) for x in sources[node]),
        )
    for s in sorted(entities):
        for p, target in sorted(links[s]):
            if target in entities:
                g.add_edge(s, target, key=f"{p}|{target}", predicate=p, label=words(p))
            elif target in roles:
                for rp, person in links[target]:
                    if person in entities and rp == SCHEMA + "actor":
                        character = sorted(characters[target])
                        g.add_edge(
                            s,
                            person,
                            key=f"{p}|{person}",
                            predicate=p,
                            label=words(p),
                            character=" / ".join(character),
                        )
    for h in sorted(hypotheses):
        about = next((o for p, o in links[h] if p == str(PC.textAbout)), None)
        cand = next((o for p, o in links[h] if p == str(PC.candidate)), None)
        confidence = next((v for p, v in hypothesis_values[h] if p == str(PC.confidence)), "?")
        if about in entities and cand in entities:
            g.add_edge(
                about,
                cand,
                key=f"{PC.candidate}|{cand}",
                predicate=str(PC.candidate),
                label=f"probably ({confidence})",
            )
    return g
