"""`pariskg viz` in a real browser (Debian's chromium, headless): the views a user asks for, drawn
offline from the seed build, faithful to the graph, safe with hostile names, and the same each time."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from graph.cli.main import main
from graph.network.projection import to_networkx
from graph.picture.layout import layout
from graph.picture.views import ViewOptions, select_view
from graph.picture.viz import picture, render_html
from tests.conftest import OpenedPage

Open = Callable[[Path], OpenedPage]
R = "https://w3id.org/paris-cinema/resource/"
BINOCHE = R + "person/juliette-binoche"
BASE = "http://127.0.0.1:8000"
EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def g(store: ox.Store) -> nx.MultiDiGraph:
    return to_networkx(store)


def viz(out: Path, target: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["viz", "--out", str(out), "-o", str(target), *args])


def drawn(tmp_path: Path, open_page: Open, out: Path, *args: str) -> OpenedPage:
    """Run `pariskg viz` with ``args`` and open the page it writes."""
    target = tmp_path / "view.html"
    result = viz(out, target, *args)
    assert result.exit_code == 0, result.output
    opened = open_page(target)
    assert opened.errors == [] and opened.requests == [opened.url]  # offline: the file and nothing else
    return opened


def page_graph(opened: OpenedPage) -> tuple[set[str], int, str]:
    """Node ids and edge count the page holds, and the counts it prints."""
    ids, edges = opened.page.evaluate("[window.pariskg.nodes.getIds(), window.pariskg.edges.length]")
    return set(ids), edges, opened.page.inner_text("#counts")


def click_node(opened: OpenedPage, iri: str) -> None:
    """Click where the node is drawn."""
    x, y = opened.page.evaluate(
        """iri => { const n = window.pariskg.network;
        const p = n.canvasToDOM(n.getPositions([iri])[iri]); return [p.x, p.y]; }""",
        iri,
    )
    opened.page.mouse.click(x, y)


def test_whole_seed_graph_counts_match(
    tmp_path: Path, open_page: Open, out: Path, g: nx.MultiDiGraph
) -> None:
    opened = drawn(tmp_path, open_page, out)
    ids, edges, counts = page_graph(opened)
    assert ids == set(g.nodes) and edges == g.number_of_edges()
    assert counts == f"{g.number_of_nodes()} nodes, {g.number_of_edges()} links"
    assert opened.page.inner_text("#notes") == ""  # nothing left out
    assert opened.page.evaluate("window.pariskg.network.physics.options.enabled") is False
    assert opened.page.evaluate("window.pariskg.firstDraw") > 0


def test_clicking_a_node_fills_its_panel_and_lights_its_neighbours(
    tmp_path: Path, open_page: Open, out: Path, g: nx.MultiDiGraph
) -> None:
    opened = drawn(tmp_path, open_page, out, "--base", BASE)
    click_node(opened, BINOCHE)
    panel = opened.page.inner_text("#panel")
    assert panel.startswith("Person\nJuliette Binoche")
    assert "job title\nactor" in panel and "Paris → actor (as Élise)" in panel
    link = opened.page.get_attribute("#panel a", "href")
    assert link == f"{BASE}/resource/person/juliette-binoche"
    neighbours = set(nx.all_neighbors(g, BINOCHE)) | {BINOCHE}
    assert opened.page.evaluate("window.pariskg.highlighted") == sorted(neighbours)
    faded = opened.page.evaluate(
        "window.pariskg.nodes.get({filter: n => n.color && n.color.background === '#e8e8e8'}).length"
    )
    assert faded == g.number_of_nodes() - len(neighbours)
    opened.page.click("#panel button.link >> text=The English Patient")
    assert opened.page.evaluate("window.pariskg.network.getSelectedNodes()") == [
        R + "film/the-english-patient-1996"
    ]
    assert "Juliette Binoche" in opened.page.inner_text("#panel")


def test_without_base_there_is_no_page_link(tmp_path: Path, open_page: Open, out: Path) -> None:
    opened = drawn(tmp_path, open_page, out)
    click_node(opened, BINOCHE)
    assert "Juliette Binoche" in opened.page.inner_text("#panel")
    assert opened.page.query_selector("#panel a") is None


def test_focus_keeps_the_neighbourhood_and_says_what_is_left_out(
    tmp_path: Path, open_page: Open, out: Path, g: nx.MultiDiGraph
) -> None:
    opened = drawn(tmp_path, open_page, out, "--focus", "juliette BINOCHE", "--depth", "1")
    ids, edges, _ = page_graph(opened)
    expected = set(nx.all_neighbors(g, BINOCHE)) | {BINOCHE}
    assert ids == expected
    assert edges == g.subgraph(expected).number_of_edges()
    left = g.number_of_nodes() - len(expected)
    assert opened.page.inner_text("#notes") == (
        f"within 1 link of Juliette Binoche: {left} nodes and {g.number_of_edges() - edges} links left out"
    )


def test_class_view_takes_local_names_and_common_words(
    tmp_path: Path, open_page: Open, out: Path, g: nx.MultiDiGraph
) -> None:
    opened = drawn(tmp_path, open_page, out, "--class", "Film", "--class", "schema:Person")
    ids, _, _ = page_graph(opened)
    assert ids == {n for n, ts in g.nodes(data="types") if {"Movie", "Person"} & set(ts)}
    legend = opened.page.inner_text("#legend").splitlines()
    assert sorted(legend) == sorted([f"Movie ({sum(1 for i in ids if '/film/' in i)})", "Person (43)"])
    assert "classes Movie, Person only" in opened.page.inner_text("#notes")


def test_limit_keeps_the_most_connected(
    tmp_path: Path, open_page: Open, out: Path, g: nx.MultiDiGraph
) -> None:
    opened = drawn(tmp_path, open_page, out, "--limit", "10")
    ids, edges, _ = page_graph(opened)
    degrees = sorted((d for _, d in g.degree()), reverse=True)
    assert len(ids) == 10 and min(g.degree(n) for n in ids) >= degrees[10]
    assert edges == g.subgraph(ids).number_of_edges()
    assert opened.page.inner_text("#notes").startswith(
        f"the 10 most connected of {g.number_of_nodes()} nodes"
    )


def test_construct_query_draws_its_links(tmp_path: Path, open_page: Open, out: Path, store: ox.Store) -> None:
    rq = tmp_path / "directors.rq"
    rq.write_text("CONSTRUCT { ?film schema:director ?person } WHERE { ?film schema:director ?person }\n")
    opened = drawn(tmp_path, open_page, out, "--query", str(rq))
    pairs = {
        (r["f"].value, r["p"].value)
        for r in store.query(
            "SELECT DISTINCT ?f ?p WHERE { ?f <https://schema.org/director> ?p }",
            use_default_graph_as_union=True,
        )
    }
    ids, edges, _ = page_graph(opened)
    assert edges == len(pairs) and ids == {x for pair in pairs for x in pair}
    assert set(opened.page.evaluate("window.pariskg.edges.get().map(e => e.label)")) == {"director"}
    assert opened.page.inner_text("#notes") == "the links that directors.rq constructs"


def test_select_of_pairs_keeps_the_graphs_own_links(tmp_path: Path, open_page: Open, out: Path) -> None:
    rq = tmp_path / "pairs.rq"
    rq.write_text(
        "SELECT ?film ?person\n"
        "WHERE { ?film schema:director ?person ; rdfs:label ?t . FILTER(?t = 'Paris') }\n"
    )
    opened = drawn(tmp_path, open_page, out, "--query", str(rq))
    edges = opened.page.evaluate("window.pariskg.edges.get().map(e => [e.from, e.to, e.label])")
    assert edges == [[R + "film/paris-2008", R + "person/cedric-klapisch", "director"]]


def test_a_script_in_a_name_is_shown_as_text(tmp_path: Path, open_page: Open, out: Path) -> None:
    rq = tmp_path / "evil.rq"
    rq.write_text(
        f'CONSTRUCT {{ <urn:evil> rdfs:label "{EVIL}" . <urn:evil> schema:knows ?p }}\n'
        'WHERE { ?p rdfs:label "Juliette Binoche" }\n'
    )
    opened = drawn(tmp_path, open_page, out, "--query", str(rq))
    opened.page.fill("#search", "script alert")
    assert EVIL in opened.page.inner_text("#panel") and EVIL in opened.page.inner_text("#found")
    assert opened.page.evaluate("document.querySelectorAll('script').length") == 2
    assert opened.dialogs == [] and opened.errors == []


def test_empty_view_says_so(tmp_path: Path, open_page: Open, out: Path) -> None:
    rq = tmp_path / "nothing.rq"
    rq.write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . FILTER(false) }\n")
    opened = drawn(tmp_path, open_page, out, "--query", str(rq))
    assert (
        opened.page.inner_text("#empty") == "Nothing to draw: nothing.rq constructs no link between two IRIs."
    )
    assert opened.page.inner_text("#counts") == "0 nodes, 0 links"


def test_year_range_hides_dated_nodes_only(
    tmp_path: Path, open_page: Open, out: Path, g: nx.MultiDiGraph
) -> None:
    opened = drawn(tmp_path, open_page, out)
    opened.page.fill("#year-from", "2005")
    hidden = set(opened.page.evaluate("window.pariskg.nodes.get({filter: n => n.hidden}).map(n => n.id)"))
    years = {
        n: int(re.search(r"\d{4}", v[0]).group())  # type: ignore[union-attr]
        for n, p in g.nodes(data="props")
        if (v := p.get("date published") or p.get("start date"))
    }
    assert hidden == {n for n, y in years.items() if y < 2005}
    assert R + "film/paris-2008" not in hidden and R + "film/fargo-1996" in hidden
    assert f"({g.number_of_nodes() - len(hidden)} shown)" in opened.page.inner_text("#counts")


def test_unknown_focus_names_the_closest(tmp_path: Path, out: Path) -> None:
    result = viz(out, tmp_path / "x.html", "--focus", "Juliete Binoshe")
    assert result.exit_code == 2
    assert "no entity named 'Juliete Binoshe'" in result.output and "Juliette Binoche" in result.output
    assert not (tmp_path / "x.html").exists()


def test_unknown_class_names_the_closest(tmp_path: Path, out: Path) -> None:
    result = viz(out, tmp_path / "x.html", "--class", "Flim")
    assert result.exit_code == 2 and "no class 'Flim'" in result.output and "film (Movie)" in result.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ASK { ?s ?p ?o }", "an ASK draws nothing: write a CONSTRUCT, or a SELECT of node pairs"),
        ("SELECT ?s WHERE { ?s a schema:Movie }", "a SELECT of node pairs needs two variables"),
        ("SELECT ?s ?t WHERE { ?s rdfs:label ?t }", "row 1: ?t is not an IRI"),
        ("SELECT ?s ?o\nWHERE { ?s ?p ?o ) }", "SPARQL syntax error"),
    ],
)
def test_a_query_that_draws_no_pairs_is_refused(tmp_path: Path, out: Path, text: str, message: str) -> None:
    rq = tmp_path / "bad.rq"
    rq.write_text(text + "\n")
    result = viz(out, tmp_path / "x.html", "--query", str(rq))
    assert result.exit_code == 2, result.output
    assert str(rq) in result.output and message in result.output
    if "syntax" in message:
        assert re.search(r"bad\.rq:\d+:\d+: SPARQL syntax error", result.output)


def test_same_view_same_bytes(tmp_path: Path, out: Path) -> None:
    for name in ("a.html", "b.html"):
        assert viz(out, tmp_path / name, "--focus", "Cédric Klapisch", "--base", BASE).exit_code == 0
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_a_notebook_shows_the_picture_inline(
    tmp_path: Path, open_page: Open, store: ox.Store, g: nx.MultiDiGraph
) -> None:
    view = select_view(g, ViewOptions(focus=("Paris, je t'aime",), depth=1), store=store)
    shown = picture(view)._repr_html_()
    assert shown.startswith('<iframe srcdoc="') and html.unescape(shown.split('"')[1]) == render_html(view)
    host = tmp_path / "notebook.html"
    host.write_text(f'<!DOCTYPE html><html><body data-ready="1">{shown}</body></html>', encoding="utf-8")
    opened = open_page(host)  # the notebook page holds the iframe, which holds the picture
    frame = opened.page.frames[1]
    frame.wait_for_selector("body[data-ready='1']", state="attached")
    assert frame.evaluate("window.pariskg.nodes.length") == view.graph.number_of_nodes()
    assert opened.errors == [] and opened.requests == [opened.url]


def test_five_thousand_nodes_open_laid_out(tmp_path: Path, open_page: Open) -> None:
    big = nx.gnm_random_graph(5000, 20000, seed=3, directed=True)
    g = nx.MultiDiGraph()
    for n in big:
        g.add_node(
            f"urn:n{n}", label=f"Name {n}", cls=("Movie", "Person", "Place")[n % 3], props={}, sources=[]
        )
    for u, v in big.edges:
        g.add_edge(f"urn:n{u}", f"urn:n{v}", label="actor", predicate="https://schema.org/actor")
    path = tmp_path / "big.html"
    path.write_text(render_html(g), encoding="utf-8")
    opened = open_page(path)
    assert opened.errors == [] and opened.requests == [opened.url]
    assert opened.page.inner_text("#counts") == "5,000 nodes, 20,000 links"
    drawn_at = opened.page.evaluate("window.pariskg.network.getPositions()")
    assert {n: (p["x"], p["y"]) for n, p in drawn_at.items()} == layout(g)


def test_link_labels_come_from_the_ontology() -> None:
    from graph.namespace import PC, words
    from graph.picture.viz import page_data

    g = nx.MultiDiGraph()
    for n in ("urn:a", "urn:b"):
        g.add_node(n, label=n, cls="Thing")
    for predicate, label in [
        (str(PC.inseeCode), words(str(PC.inseeCode))),  # the ontology labels it "INSEE code"
        ("https://schema.org/actor", "actor"),  # schema.org: no label in the ontology, its name in words
        (str(PC.candidate), "probably (0.667)"),  # a label the projection made stays
    ]:
        g.add_edge("urn:a", "urn:b", key=predicate, predicate=predicate, label=label)
    assert sorted(e["label"] for e in page_data(g)["edges"]) == ["INSEE code", "actor", "probably (0.667)"]
