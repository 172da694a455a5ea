"""The HTML picture in a real browser (Debian's chromium, headless): offline, faithful, safe."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.network import to_networkx
from graph.store import HTML_FILE
from graph.viz import write_html

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright; fails (not skips) with the reason when missing."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: apt-get install chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Opened:
    """A page opened from a file, with what it logged and requested."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready='1']", timeout=60_000)


def test_build_html_is_offline_and_has_every_entity(browser: Any, out: Path, store: Any) -> None:
    opened = Opened(browser, out / HTML_FILE)
    g = to_networkx(store)
    counts = opened.page.evaluate("[window.pariskg.nodes.length, window.pariskg.edges.length]")
    assert counts == [g.number_of_nodes(), g.number_of_edges()]
    assert opened.errors == []
    assert opened.requests == [opened.url]
    legend = opened.page.inner_text("#legend")
    assert "Movie (15)" in legend and "Person (43)" in legend


def test_search_is_accent_blind_and_the_panel_shows_properties(browser: Any, out: Path) -> None:
    opened = Opened(browser, out / HTML_FILE)
    opened.page.fill("#search", "cedric klap")
    assert "Cédric Klapisch" in opened.page.inner_text("#found")
    assert opened.page.evaluate("window.pariskg.network.getSelectedNodes()") == [
        "https://w3id.org/paris-cinema/resource/person/cedric-klapisch"
    ]
    panel = opened.page.inner_text("#panel")
    assert "director → " not in panel and "→ director" in panel
    assert "000_a5fd348b64338ad4.txt" in panel


def test_clicking_a_node_shows_its_panel(browser: Any, out: Path) -> None:
    opened = Opened(browser, out / HTML_FILE)
    iri = "https://w3id.org/paris-cinema/resource/film/paris-2008"
    x, y = opened.page.evaluate(f"""(() => {{ const n = window.pariskg.network;
        const p = n.canvasToDOM(n.getPositions(['{iri}'])['{iri}']); return [p.x, p.y]; }})()""")
    opened.page.mouse.click(x, y)
    panel = opened.page.inner_text("#panel")
    assert panel.startswith("Movie")
    assert "actor (as Élise) → Juliette Binoche" in panel


def test_a_script_in_a_name_stays_text(browser: Any, tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    g.add_node(
        "urn:a",
        label=evil,
        cls="Person",
        props={"note": ["</script><script>alert(3)</script>"]},
        sources=["x.txt"],
    )
    g.add_node("urn:b", label="Paris", cls="Movie", props={}, sources=[])
    g.add_edge("urn:b", "urn:a", label="actor", predicate="p", character="<b>bold</b>")
    path = tmp_path / "evil.html"
    write_html(g, path)
    opened = Opened(browser, path)
    assert opened.dialogs == []
    assert opened.errors == []
    assert opened.requests == [opened.url]
    opened.page.fill("#search", "script")
    assert evil in opened.page.inner_text("#panel")


def test_empty_graph_says_so(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    write_html(nx.MultiDiGraph(), path)
    opened = Opened(browser, path)
    assert "Nothing to draw" in opened.page.inner_text("#empty")


def test_same_graph_same_file(out: Path, store: Any, tmp_path: Path) -> None:
    write_html(to_networkx(store), tmp_path / "again.html")
    assert (tmp_path / "again.html").read_bytes() == (out / HTML_FILE).read_bytes()
