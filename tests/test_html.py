"""The HTML picture in a real browser (Debian's chromium, headless): offline, faithful, safe."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from graph.network.projection import to_networkx
from graph.picture.viz import PALETTE, render_html, write_html
from graph.store.embedded import HTML_FILE
from tests.conftest import OpenedPage

Open = Callable[[Path], OpenedPage]
R = "https://w3id.org/paris-cinema/resource/"
EVIL = "<script>alert(1)</script>"
EVIL_NOTE = "</script><script>alert(3)</script><img src=x onerror=alert(4)>"


def small_graph(*, reverse: bool = False) -> nx.MultiDiGraph:
    """A film, its people and places, an unknown class, and a name that is a script.

    ``reverse`` adds everything in the opposite order: the file must not change.
    """
    nodes = [
        ("film/paris-2008", "Paris", "Movie", {"date published": ["2008"], "duration": ["PT130M"]}),
        ("person/cedric-klapisch", "Cédric Klapisch", "Person", {"alternate name": ["Cedric Klapisch"]}),
        ("person/juliette-binoche", "Juliette Binoche", "Person", {}),
        ("person/romain-duris", "Romain Duris", "Person", {}),
        ("place/sacre-coeur", "Basilique du Sacré-Cœur", "LandmarksOrHistoricalBuildings", {}),
        ("place/paris", "Paris", "City", {}),
        ("place/france", "France", "Country", {}),
        ("award/cesar", "César du meilleur film", "Award", {}),
        ("person/evil", EVIL, "Person", {"note": [EVIL_NOTE]}),
    ]
    edges = [
        ("film/paris-2008", "person/cedric-klapisch", "director", None),
        ("film/paris-2008", "person/juliette-binoche", "actor", "Élise"),
        ("film/paris-2008", "person/romain-duris", "actor", "Pierre"),
        ("film/paris-2008", "person/evil", "actor", "<b>bold</b>"),
        ("film/paris-2008", "place/sacre-coeur", "filming location", None),
        ("place/sacre-coeur", "place/paris", "contained in place", None),
        ("place/paris", "place/france", "contained in place", None),
        ("film/paris-2008", "award/cesar", "nominated for", None),
    ]
    g = nx.MultiDiGraph()
    for iri, label, cls, props in reversed(nodes) if reverse else nodes:
        sources = ["<b>evil</b>.txt"] if iri == "person/evil" else ["paris-2008.txt"]
        g.add_node(R + iri, label=label, cls=cls, props=props, sources=sources)
    for u, v, label, character in reversed(edges) if reverse else edges:
        extra = {"character": character} if character else {}
        g.add_edge(R + u, R + v, label=label, predicate="https://schema.org/" + label, **extra)
    return g


@pytest.fixture
def small(tmp_path: Path, open_page: Open) -> OpenedPage:
    path = tmp_path / "small.html"
    write_html(small_graph(), path)
    return open_page(path)


def node_xy(opened: OpenedPage, iri: str) -> tuple[float, float]:
    """Where a node is drawn, in page pixels."""
    x, y = opened.page.evaluate(
        """iri => { const n = window.pariskg.network;
        const p = n.canvasToDOM(n.getPositions([iri])[iri]); return [p.x, p.y]; }""",
        iri,
    )
    return x, y


def test_offline_and_every_node_and_edge(small: OpenedPage) -> None:
    g = small_graph()
    counts = small.page.evaluate("[window.pariskg.nodes.length, window.pariskg.edges.length]")
    assert counts == [g.number_of_nodes(), g.number_of_edges()]
    assert small.errors == []
    assert small.requests == [small.url]
    assert small.page.evaluate("window.pariskg.network.physics.options.enabled") is False


def test_edges_carry_their_label_and_character(small: OpenedPage) -> None:
    labels = small.page.evaluate("window.pariskg.edges.get().map(e => e.label)")
    assert sorted(labels) == sorted(
        [
            "director",
            "actor (as Élise)",
            "actor (as Pierre)",
            "actor (as <b>bold</b>)",
            "filming location",
            "contained in place",
            "contained in place",
            "nominated for",
        ]
    )


def test_a_script_in_a_name_stays_text(small: OpenedPage) -> None:
    x, y = node_xy(small, R + "person/evil")
    small.page.mouse.move(x - 40, y - 40)
    small.page.mouse.move(x, y, steps=5)
    tooltip = small.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert tooltip is not None
    text = tooltip.inner_text()
    assert text.splitlines()[:2] == [EVIL, "Person"]
    assert f"note: {EVIL_NOTE}" in text and "sources: <b>evil</b>.txt" in text
    small.page.fill("#search", "alert")
    assert EVIL in small.page.inner_text("#panel")
    # nothing from a name became an element or ran
    assert small.page.evaluate("document.querySelectorAll('script').length") == 2
    assert small.page.evaluate("document.querySelectorAll('img, b').length") == 0
    assert small.dialogs == [] and small.errors == []


def test_tooltip_shows_class_properties_and_sources(small: OpenedPage) -> None:
    title = small.page.evaluate(f"window.pariskg.nodes.get('{R}film/paris-2008').title.textContent")
    assert title.splitlines() == [
        "Paris",
        "Movie",
        "date published: 2008",
        "duration: PT130M",
        "sources: paris-2008.txt",
    ]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Cedric", "person/cedric-klapisch"),
        ("cÉdric KLAP", "person/cedric-klapisch"),
        ("sacre coeur", "place/sacre-coeur"),
        ("france", "place/france"),
    ],
)
def test_search_is_accent_blind_and_selects(small: OpenedPage, query: str, found: str) -> None:
    small.page.fill("#search", query)
    assert small.page.evaluate("window.pariskg.network.getSelectedNodes()") == [R + found]
    label = small_graph().nodes[R + found]["label"]
    assert label in small.page.inner_text("#found")
    assert label in small.page.inner_text("#panel")


def test_legend_lists_every_class_with_its_colour(small: OpenedPage) -> None:
    legend = small.page.inner_text("#legend").splitlines()
    assert legend[0] == "Person (4)"
    assert set(legend) == {
        "Person (4)",
        "Movie (1)",
        "City (1)",
        "Country (1)",
        "LandmarksOrHistoricalBuildings (1)",
        "Award (1)",
    }
    colour = small.page.evaluate(
        "getComputedStyle(document.querySelector('#legend li[data-cls=Movie] .swatch')).backgroundColor"
    )
    r, g, b = (int(PALETTE["Movie"][0][i : i + 2], 16) for i in (1, 3, 5))
    assert colour == f"rgb({r}, {g}, {b})"
    small.page.click("#legend li[data-cls=Person] button")
    hidden = small.page.evaluate("window.pariskg.nodes.get({filter: n => n.hidden}).length")
    assert hidden == 4


def chain(n: int) -> nx.MultiDiGraph:
    """Films in a chain of shared actors: past 300 nodes the page seeds positions itself."""
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(f"urn:n{i}", label=f"Name {i}", cls="Movie" if i % 2 else "Person", props={}, sources=[])
    for i in range(1, n):
        g.add_edge(f"urn:n{i}", f"urn:n{i // 2}", label="actor", predicate="https://schema.org/actor")
    return g


@pytest.mark.parametrize("size", [12, 400])
def test_the_picture_is_the_same_every_time(tmp_path: Path, open_page: Open, size: int) -> None:
    path = tmp_path / "chain.html"
    write_html(chain(size), path)
    positions = []
    for _ in range(2):
        opened = open_page(path)
        assert opened.errors == [] and opened.requests == [opened.url]
        positions.append(opened.page.evaluate("window.pariskg.network.getPositions()"))
    assert positions[0] == positions[1]
    xs = sorted(p["x"] for p in positions[0].values())
    assert xs[-1] - xs[0] > 200  # spread out, not piled up


def test_empty_graph_says_so(tmp_path: Path, open_page: Open) -> None:
    path = tmp_path / "empty.html"
    write_html(nx.MultiDiGraph(), path)
    opened = open_page(path)
    assert "Nothing to draw" in opened.page.inner_text("#empty")
    assert opened.page.evaluate("window.pariskg.nodes.length") == 0
    assert opened.errors == [] and opened.requests == [opened.url]


def test_same_graph_same_bytes(tmp_path: Path) -> None:
    write_html(small_graph(), tmp_path / "a.html")
    write_html(small_graph(), tmp_path / "b.html")
    write_html(small_graph(reverse=True), tmp_path / "c.html")
    a = (tmp_path / "a.html").read_bytes()
    assert a == (tmp_path / "b.html").read_bytes() == (tmp_path / "c.html").read_bytes()


def test_embedded_json_and_title_cannot_break_out() -> None:
    page = render_html(small_graph(), title="</title><script>alert(5)</script> /*__DATA__*/")
    assert page.count("</script") == 2  # the two real closing tags only
    assert "alert(5)" in page and "<script>alert" not in page
    assert "&lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt; /*__DATA__*/" in page
    # nothing to fetch: no linked file, no source map that developer tools would request
    assert "sourceMappingURL" not in page and "<link" not in page and "<script src" not in page
    data = page[page.index("const DATA = ") + 13 :].split(";\n", 1)[0]
    assert json.loads(data)["nodes"][0]["id"] == R + "award/cesar"


# the real build, as `pariskg build` writes it


def test_build_html_is_offline_and_has_every_entity(open_page: Open, out: Path, store: object) -> None:
    opened = open_page(out / HTML_FILE)
    g = to_networkx(store)
    counts = opened.page.evaluate("[window.pariskg.nodes.length, window.pariskg.edges.length]")
    assert counts == [g.number_of_nodes(), g.number_of_edges()]
    assert opened.errors == []
    assert opened.requests == [opened.url]
    legend = opened.page.inner_text("#legend")
    assert "Movie (15)" in legend and "Person (43)" in legend


def test_build_search_and_panel(open_page: Open, out: Path) -> None:
    opened = open_page(out / HTML_FILE)
    opened.page.fill("#search", "cedric klap")
    assert "Cédric Klapisch" in opened.page.inner_text("#found")
    assert opened.page.evaluate("window.pariskg.network.getSelectedNodes()") == [R + "person/cedric-klapisch"]
    panel = opened.page.inner_text("#panel")
    assert "director → " not in panel and "→ director" in panel
    assert "000_a5fd348b64338ad4.txt" in panel


def test_build_clicking_a_node_shows_its_panel(open_page: Open, out: Path) -> None:
    opened = open_page(out / HTML_FILE)
    x, y = node_xy(opened, R + "film/paris-2008")
    opened.page.mouse.click(x, y)
    panel = opened.page.inner_text("#panel")
    assert panel.startswith("Movie")
    assert "actor (as Élise) → Juliette Binoche" in panel
    opened.page.click("#panel button.link >> text=Juliette Binoche")
    assert opened.page.evaluate("window.pariskg.network.getSelectedNodes()") == [
        R + "person/juliette-binoche"
    ]


def test_build_same_graph_same_file(out: Path, store: object, tmp_path: Path) -> None:
    write_html(to_networkx(store), tmp_path / "again.html")
    assert (tmp_path / "again.html").read_bytes() == (out / HTML_FILE).read_bytes()
