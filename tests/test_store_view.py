"""The build's picture read straight from the store is the cut of the whole projection: the same
nodes with the same attributes, the same links, the same note of what was left out."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest

from graph.build.options import BuildOptions, DatasetSpec
from graph.build.pipeline import build
from graph.errors import ViewError
from graph.network.projection import to_networkx
from graph.network.store_view import link_structure, links_of, patched, read_structure
from graph.picture.views import (
    View,
    ViewOptions,
    most_connected,
    most_connected_view,
    select_view,
    view_of_store,
)
from graph.store.embedded import open_store
from tests.conftest import DATA, SHARED_DATA

IMDB = SHARED_DATA / "imdb_5000" / "movie_metadata.csv"
EX = "https://example.org/"


def drawn(view: View) -> tuple[list[Any], list[Any], list[str]]:
    """Everything a page is made of: nodes with attributes, edges with attributes, notes."""
    g = view.graph
    nodes = sorted(g.nodes(data=True))
    edges = sorted((u, v, k, sorted(d.items())) for u, v, k, d in g.edges(keys=True, data=True))
    return nodes, edges, view.notes


def edges_of(view: View, *, role: bool = False, probable: bool = False) -> list[tuple[str, str]]:
    """The edges folded from a cast role (``role``), or from a hypothesis (``probable``)."""
    return [
        (u, v)
        for u, v, d in view.graph.edges(data=True)
        if (role and "character" in d) or (probable and d["label"].startswith("probably"))
    ]


@pytest.mark.parametrize("limit", [1, 10, 12, 30, 94, 95, 96, 2000])
def test_seed_picture_is_the_cut_of_the_projection(store: ox.Store, limit: int) -> None:
    expected = most_connected(to_networkx(store), limit)
    assert drawn(most_connected_view(store, limit)) == drawn(expected)


def test_seed_cut_keeps_a_role_and_a_hypothesis(store: ox.Store) -> None:
    """At 10 nodes the cut keeps Binoche's role in Paris and the review's probable film."""
    view = most_connected_view(store, 10)
    assert view.notes and view.notes[0].startswith("the 10 most connected of ")
    film, binoche = "https://w3id.org/paris-cinema/resource/film/paris-2008", "person/juliette-binoche"
    roles = {(u, v): d for u, v, d in view.graph.edges(data=True) if "character" in d}
    assert any(u == film and v.endswith(binoche) and d["character"] == "Élise" for (u, v), d in roles.items())
    assert [v.rsplit("/", 1)[-1] for _, v in edges_of(view, probable=True)] == ["l-appartement-1996"]


def test_limit_below_one_is_refused(store: ox.Store) -> None:
    with pytest.raises(ViewError, match="limit must be 1 or more"):
        most_connected_view(store, 0)


@pytest.fixture(scope="module")
def imdb_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """The seeds and the IMDb 5000 table: thousands of cast roles, ties at every cut."""
    assert IMDB.exists(), f"the shared dataset is missing: {IMDB}"
    out = tmp_path_factory.mktemp("imdb") / "out"
    build(BuildOptions(data=DATA, datasets=(DatasetSpec("imdb-movies", IMDB),), out=out, html=False))
    return open_store(out)


@pytest.fixture(scope="module")
def imdb_projection(imdb_store: ox.Store) -> nx.MultiDiGraph:
    return to_networkx(imdb_store)


@pytest.mark.parametrize("limit", [25, 400, 2000])
def test_dataset_picture_is_the_cut_of_the_projection(
    imdb_store: ox.Store, imdb_projection: nx.MultiDiGraph, limit: int
) -> None:
    expected = most_connected(imdb_projection, limit)
    view = most_connected_view(imdb_store, limit)
    assert drawn(view) == drawn(expected)
    assert edges_of(view, role=True)  # cast roles folded into edges between kept entities
    assert edges_of(view, probable=True) == edges_of(expected, probable=True)


def test_link_structure_counts_what_the_projection_holds(
    imdb_store: ox.Store, imdb_projection: nx.MultiDiGraph
) -> None:
    links = link_structure(imdb_store)
    assert len(links.entities) == imdb_projection.number_of_nodes()
    assert len(links.edges) == imdb_projection.number_of_edges()
    assert links.degrees() == {n: d for n, d in imdb_projection.degree() if d}


def n(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + name)


def lit(value: str) -> ox.Literal:
    return ox.Literal(value)


SCHEMA = "https://schema.org/"
PC = "https://w3id.org/paris-cinema/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def t(name: str) -> ox.NamedNode:
    return ox.NamedNode(SCHEMA + name)


def odd_store() -> ox.Store:
    """A store holding what the projection must get right whatever the order of its quads: two
    labels, a role with two actors, a link that is both direct and through a role, a hypothesis
    whose film is also a direct candidate, a predicate with literal and IRI values, the default
    graph, a literal class, a blank node, an RDF-star statement, and entities without links."""
    source = ox.NamedNode("https://w3id.org/paris-cinema/resource/source/odd")
    quads = [
        (n("film"), RDF_TYPE, t("Movie")),
        (n("film"), LABEL, lit("Zed")),
        (n("film"), LABEL, lit("Alpha")),
        (n("film"), t("url"), lit("a literal url")),
        (n("film"), t("url"), n("person-a")),
        (n("film"), t("actor"), n("role")),
        (n("film"), t("actor"), n("person-a")),
        (n("role"), RDF_TYPE, t("PerformanceRole")),
        (n("role"), t("actor"), n("person-a")),
        (n("role"), t("actor"), n("person-b")),
        (n("role"), t("characterName"), lit("Zoe")),
        (n("role"), t("characterName"), lit("Ada")),
        (n("person-a"), RDF_TYPE, t("Person")),
        (n("person-b"), RDF_TYPE, t("Person")),
        (n("person-b"), RDF_TYPE, lit("a literal class")),
        (n("review"), RDF_TYPE, t("Review")),
        (n("review"), ox.NamedNode(PC + "candidate"), n("film")),
        (n("guess"), RDF_TYPE, ox.NamedNode(PC + "FilmIdentification")),
        (n("guess"), ox.NamedNode(PC + "textAbout"), n("review")),
        (n("guess"), ox.NamedNode(PC + "candidate"), n("film")),
        (n("guess"), ox.NamedNode(PC + "confidence"), lit("0.9")),
        (n("guess"), ox.NamedNode(PC + "confidence"), lit("0.4")),
        (ox.BlankNode("b0"), RDF_TYPE, t("Person")),
        (ox.BlankNode("b0"), t("knows"), n("film")),
        (n("review"), t("about"), ox.Triple(n("film"), t("actor"), n("person-b"))),
        (n("alone-1"), RDF_TYPE, t("Place")),
        (n("alone-2"), RDF_TYPE, t("Place")),
        (source, RDF_TYPE, ox.NamedNode(PC + "SourceDocument")),
        (source, t("name"), lit("odd.txt")),
    ]
    store = ox.Store()
    for i, (s, p, o) in enumerate(quads):  # half in the default graph, half in the source's graph
        store.add(ox.Quad(s, p, o, source if i % 2 else ox.DefaultGraph()))
    return store


@pytest.mark.parametrize("limit", range(1, 8))
def test_odd_cases_give_the_same_view(limit: int) -> None:
    store = odd_store()
    assert drawn(most_connected_view(store, limit)) == drawn(most_connected(to_networkx(store), limit))


def test_odd_cases_are_drawn_as_the_projection_says() -> None:
    g = to_networkx(odd_store())
    assert sorted(g) == [EX + x for x in ("alone-1", "alone-2", "film", "person-a", "person-b", "review")]
    assert g.nodes[EX + "film"]["label"] == "Alpha"  # the first of two labels, in code-point order
    film_a = g.get_edge_data(EX + "film", EX + "person-a")
    assert film_a[SCHEMA + "actor|" + EX + "person-a"]["character"] == "Ada / Zoe"  # direct and by role
    assert film_a[SCHEMA + "url|" + EX + "person-a"]["label"] == "url"
    [guess] = g.get_edge_data(EX + "review", EX + "film").values()
    assert guess["label"] == "probably (0.4)"  # the direct candidate link is the hypothesis's edge
    assert g.nodes[EX + "film"]["sources"] == ["odd.txt"]


def nodes_of(quads: list[ox.Quad]) -> set[str]:
    """The IRIs that changed statements are about: their subjects and IRI objects."""
    return {term.value for q in quads for term in (q.subject, q.object) if type(term) is ox.NamedNode}


SOURCE = ox.NamedNode("https://w3id.org/paris-cinema/resource/source/odd")
Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode]
EDITS: dict[str, tuple[list[Triple], list[Triple]]] = {  # statements added, statements removed
    "a film loses its class": ([], [(n("film"), RDF_TYPE, t("Movie"))]),
    "a person becomes a reified claim": (
        [(n("person-b"), RDF_TYPE, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"))],
        [],
    ),
    "a role loses an actor": ([], [(n("role"), t("actor"), n("person-b"))]),
    "a role loses its class": ([], [(n("role"), RDF_TYPE, t("PerformanceRole"))]),
    "a place gets a link, a role and a new actor": (
        [
            (n("alone-1"), t("containedInPlace"), n("alone-2")),
            (n("alone-1"), t("actor"), n("role-2")),
            (n("role-2"), RDF_TYPE, t("PerformanceRole")),
            (n("role-2"), t("actor"), n("person-c")),
            (n("person-c"), RDF_TYPE, t("Person")),
        ],
        [],
    ),
    "a link goes": ([], [(n("film"), t("url"), n("person-a"))]),
    "a link said again in another graph": ([(n("film"), t("url"), n("person-a"))], []),
    "the hypothesis loses its candidate": ([], [(n("guess"), ox.NamedNode(PC + "candidate"), n("film"))]),
}


@pytest.mark.parametrize("edit", EDITS)
def test_patched_structure_is_the_structure_read_again(edit: str) -> None:
    """A rebuild patches the previous build's links where statements changed: the result is what
    reading the changed store gives, links through roles and hypotheses included."""
    store = odd_store()
    before = read_structure(store)
    added, removed = EDITS[edit]
    for s, p, o in removed:
        found = list(store.quads_for_pattern(s, p, o))
        assert found, "an edit removes what the store holds"
        for quad in found:
            store.remove(quad)
    store.extend(ox.Quad(s, p, o, SOURCE) for s, p, o in added)
    expected = link_structure(store)
    changed = {term.value for triple in added + removed for term in (triple[0], triple[2])}
    links = links_of(patched(before, store, changed), store)
    assert links.structure == expected.structure
    assert links.edges == expected.edges
    assert drawn(most_connected_view(store, 5, links)) == drawn(most_connected(to_networkx(store), 5))


@pytest.mark.parametrize(
    "options",
    [ViewOptions(), ViewOptions(limit=12), ViewOptions(focus=("Juliette Binoche",), depth=1)],
    ids=["whole", "limit", "focus"],
)
def test_viz_views_read_from_the_store_are_the_projections(store: ox.Store, options: ViewOptions) -> None:
    """`pariskg viz` without focus, class or query reads the store's links, not the projection."""
    assert drawn(view_of_store(store, options)) == drawn(
        select_view(to_networkx(store), options, store=store)
    )


def test_a_large_store_is_cut_with_its_note(imdb_store: ox.Store, imdb_projection: nx.MultiDiGraph) -> None:
    expected = select_view(imdb_projection, ViewOptions())
    assert expected.notes, "the IMDb store is larger than the default limit"
    assert drawn(view_of_store(imdb_store, ViewOptions())) == drawn(expected)
