"""Results of the network analyses as RDF, each analysis in a named graph of its own
(graph:centrality, graph:communities), written into the build's store so SPARQL can use them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graph.errors import ParisKGError
from graph.namespace import GRAPHS, PC, RESOURCE
from graph.network.collaboration import Community
from graph.store.embedded import STORE_DIR

CENTRALITY_GRAPH = ox.NamedNode(str(GRAPHS.centrality))
COMMUNITY_GRAPH = ox.NamedNode(str(GRAPHS.communities))
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
_MEASURE_TERMS = {"betweenness": PC.betweennessCentrality, "pagerank": PC.pageRank}


def _double(value: float) -> ox.Literal:
    return ox.Literal(format(value, ".6g"), datatype=ox.NamedNode(XSD + "double"))


def centrality_quads(g: nx.Graph, scores: dict[str, dict[str, float]], method: str) -> list[ox.Quad]:
    """pc:degree, pc:betweennessCentrality and pc:pageRank of every node of ``g`` (those of the
    measures in ``scores``) in graph:centrality, which ``method`` describes in words."""
    quads = [ox.Quad(CENTRALITY_GRAPH, RDFS_COMMENT, ox.Literal(method), CENTRALITY_GRAPH)]
    for node in sorted(g):
        s = ox.NamedNode(node)
        if "degree" in scores:
            degree = ox.Literal(str(int(scores["degree"][node])), datatype=ox.NamedNode(XSD + "integer"))
            quads.append(ox.Quad(s, ox.NamedNode(str(PC.degree)), degree, CENTRALITY_GRAPH))
        for measure, term in _MEASURE_TERMS.items():
            if measure in scores:
                value = _double(scores[measure][node])
                quads.append(ox.Quad(s, ox.NamedNode(str(term)), value, CENTRALITY_GRAPH))
    return quads


def community_iri(community: Community) -> ox.NamedNode:
    """``community:juliette-binoche``: named after its most central member (one community each)."""
    return ox.NamedNode(f"{RESOURCE}community/{community.members[0].rstrip('/').rsplit('/', 1)[-1]}")


def community_quads(found: Iterable[Community], method: str) -> list[ox.Quad]:
    """Each community as a pc:Community with its name, and pc:community from each member."""
    quads = [ox.Quad(COMMUNITY_GRAPH, RDFS_COMMENT, ox.Literal(method), COMMUNITY_GRAPH)]
    for community in found:
        c = community_iri(community)
        quads.append(ox.Quad(c, RDF_TYPE, ox.NamedNode(str(PC.Community)), COMMUNITY_GRAPH))
        quads.append(ox.Quad(c, RDFS_LABEL, ox.Literal(community.name), COMMUNITY_GRAPH))
        for member in community.members:
            quads.append(ox.Quad(ox.NamedNode(member), ox.NamedNode(str(PC.community)), c, COMMUNITY_GRAPH))
    return quads


def replace_graph(out: Path, quads: list[ox.Quad]) -> int:
    """Replace the named graph(s) of ``quads`` in the store of build folder ``out`` by ``quads``;
    return how many were written. The store must not be open in another process."""
    path = out / STORE_DIR
    if not path.is_dir():
        raise ParisKGError("no build here: the store is missing", path, hint="run `pariskg build` first")
    try:
        store = ox.Store(str(path))
    except OSError as err:
        raise ParisKGError(
            f"cannot open the store for writing ({err})",
            path,
            hint="another pariskg process (a server?) has it open: stop it and try again",
        ) from None
    for graph in sorted({q.graph_name for q in quads}, key=str):
        if isinstance(graph, ox.NamedNode) and store.contains_named_graph(graph):
            store.remove_graph(graph)
    store.extend(quads)
    store.flush()
    del store
    return len(quads)
