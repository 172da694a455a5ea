"""Exports parse back in their own formats; the NetworkX projection is faithful to the store."""

from __future__ import annotations

import io

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from graph.network.export import WRITERS, export
from graph.network.projection import ENTITY_FILTER, to_networkx
from tests.conftest import ROOT, select


@pytest.mark.parametrize(("fmt", "parser"), [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")])
def test_rdf_exports_parse_back(store: ox.Store, fmt: str, parser: str) -> None:
    g = Graph().parse(data=export(store, fmt).decode("utf-8"), format=parser)
    assert len(g) > 3000


def test_trig_export_keeps_named_graphs(store: ox.Store) -> None:
    ds = Dataset()
    ds.parse(data=export(store, "trig").decode("utf-8"), format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert "https://w3id.org/paris-cinema/graph/sources" in names
    assert "https://w3id.org/paris-cinema/graph/hypotheses" in names
    curated = [p for p in (ROOT / "data" / "curated").glob("*.toml") if p.name != "cues.toml"]
    documents = list((ROOT / "data" / "documents").glob("*.txt"))
    assert len([n for n in names if "/resource/source/" in n]) == len(curated) + len(documents)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_open_in_networkx(store: ox.Store, fmt: str) -> None:
    data = export(store, fmt)
    g = nx.read_graphml(io.BytesIO(data)) if fmt == "graphml" else nx.read_gexf(io.BytesIO(data))
    assert g.number_of_nodes() == to_networkx(store).number_of_nodes()


def test_unknown_format() -> None:
    from graph.errors import FormatError

    with pytest.raises(FormatError, match="unknown format 'rdfxml'; known: " + ", ".join(WRITERS)):
        export(ox.Store(), "rdfxml")


def test_projection_has_one_node_per_entity(store: ox.Store) -> None:
    g = to_networkx(store)
    count = select(
        store,
        f"""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a ?t .
        FILTER NOT EXISTS {{ ?e a ?type FILTER (!({ENTITY_FILTER})) }}
        FILTER EXISTS {{ ?e a ?k FILTER (?k NOT IN (pc:SourceDocument, prov:Entity)) }} }}""",
    )
    assert g.number_of_nodes() == int(count[0][0])
    assert not any(d["cls"] in ("Statement", "PerformanceRole") for _, d in g.nodes(data=True))


def test_roles_fold_into_edges_with_the_character(store: ox.Store) -> None:
    g = to_networkx(store)
    film = "https://w3id.org/paris-cinema/resource/film/paris-2008"
    binoche = "https://w3id.org/paris-cinema/resource/person/juliette-binoche"
    edges = list(g.get_edge_data(film, binoche).values())
    assert [(e["label"], e["character"]) for e in edges] == [("actor", "Élise")]


def test_hypothesis_is_a_probable_edge(store: ox.Store) -> None:
    g = to_networkx(store)
    labels = [
        d["label"]
        for _, v, d in g.edges(data=True)
        if v.endswith("film/l-appartement-1996") and d["label"].startswith("probably")
    ]
    assert labels == ["probably (0.667)"]


def test_hidden_labels_stay_hidden_in_the_projection(store: ox.Store) -> None:
    """The folded search keys are for lookups: the picture, tooltips and exports never show them."""
    g = to_networkx(store)
    binoche = "https://w3id.org/paris-cinema/resource/person/juliette-binoche"
    assert g.nodes[binoche]["label"] == "Juliette Binoche"
    assert not any("hidden label" in props for _, props in g.nodes(data="props", default={}))
