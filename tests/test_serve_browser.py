"""The server's pages in headless chromium: the query page runs the named queries offline, an entity
page shows its properties, links, sources and picture, and names that are scripts stay text."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator

import httpx
import pyoxigraph as ox
import pytest
from playwright.sync_api import Browser, Page

from graph.store.query import bind, resolve_query, run
from tests.conftest import WatchedPage
from tests.serving import TOKEN, Server

R = "https://w3id.org/paris-cinema/resource/"
EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>"


class ServedPage(WatchedPage):
    """A page of the server in chromium."""

    def __init__(self, page: Page, server: Server) -> None:
        super().__init__(page)
        self.server = server

    def open(self, path: str) -> ServedPage:
        self.page.goto(self.server.url + path)
        return self

    def offline(self) -> bool:
        """Whether every request went to the server (no CDN, no other host)."""
        return all(url.startswith((self.server.url, "data:")) for url in self.requests)


@pytest.fixture
def opener(browser: Browser) -> Iterator[Callable[[Server], ServedPage]]:
    pages: list[Page] = []

    def make(server: Server) -> ServedPage:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        pages.append(page)
        return ServedPage(page, server)

    yield make
    for page in pages:
        page.close()


def expected_cast(store: ox.Store) -> list[list[str]]:
    """The cast example's answer from the embedded store (the film its header names: Paris)."""
    text, named = resolve_query("cast")
    result = run(store, text, bind(store, named, {"film": "Paris"}))
    assert isinstance(result, ox.QuerySolutions)
    return [[row["name"].value, row["character"].value if row["character"] else ""] for row in result]


def test_query_page_runs_a_named_query(
    server: Server, store: ox.Store, opener: Callable[[Server], ServedPage]
) -> None:
    view = opener(server).open("/")
    page = view.page
    page.wait_for_selector("body[data-ready='1']", state="attached")
    assert page.locator("#examples option").count() > 10  # the named queries of queries/
    page.select_option("#examples", "cast")
    assert "VALUES" in page.input_value("#query")  # the header's example bound
    page.click("#run")
    page.wait_for_selector("body[data-ran='1']", state="attached")
    header = page.locator("#table thead th").all_inner_texts()
    assert header == ["film", "actor", "name", "character"]
    rows = page.locator("#table tbody tr")
    shown = [[rows.nth(i).locator("td").nth(j).inner_text() for j in (2, 3)] for i in range(rows.count())]
    want = expected_cast(store)
    assert len(want) > 5 and shown == want
    assert page.inner_text("#status").startswith(f"{len(want)} rows")
    # an IRI of the graph links to its page
    assert rows.nth(0).locator("td").nth(0).locator("a").get_attribute("href") == "/resource/film/paris-2008"
    # the CSV link downloads the same rows
    href = page.get_attribute("#downloads a[data-format='csv']", "href")
    assert href is not None
    body = httpx.get(server.url + href, timeout=60).text
    assert [[r["name"], r["character"]] for r in csv.DictReader(io.StringIO(body))] == want
    assert view.errors == [] and view.offline()


def test_query_page_shows_errors(server: Server, opener: Callable[[Server], ServedPage]) -> None:
    view = opener(server).open("/")
    page = view.page
    page.wait_for_selector("body[data-ready='1']", state="attached")
    page.fill("#query", "SELECT ?x WHERE {\n  ?x ?y\n}")
    page.click("#run")
    page.wait_for_selector("#text.error")
    assert page.inner_text("#status") == "error 400"
    assert re.match(r"query:3:\d+: SPARQL syntax error", page.inner_text("#text"))  # the line of the error


def test_entity_page_shows_properties_links_sources(
    server: Server, opener: Callable[[Server], ServedPage]
) -> None:
    view = opener(server).open("/resource/film/paris-2008")
    page = view.page
    assert page.url == server.url + "/page/film/paris-2008"  # followed the 303
    assert page.inner_text("h1") == "Paris"
    assert "schema:Movie" in page.inner_text("#types")
    director = page.locator("#properties tr", has_text="schema:director")
    link = director.locator("a.entity-link")
    assert link.inner_text() == "Cédric Klapisch"
    assert link.get_attribute("href") == "/resource/person/cedric-klapisch"
    assert "000_a5fd348b64338ad4.txt" in director.inner_text()  # the source stating it
    duris = page.locator("#properties tr", has_text="Romain Duris")
    assert "as Pierre" in duris.inner_text()  # the cast role folded into the person, with the character
    # the sources' words, with the quote marked inside its sentence
    marks = page.locator("#quotes mark").all_inner_texts()
    assert "Romain Duris" in marks
    # the neighbourhood picture links to the neighbours' pages
    assert page.locator("#neighbourhood svg a").count() >= 10
    assert page.locator("#neighbourhood svg a[href='/resource/person/cedric-klapisch']").count() == 1
    link.click()
    page.wait_for_url(server.url + "/page/person/cedric-klapisch")
    assert page.inner_text("h1") == "Cédric Klapisch"
    assert view.errors == [] and view.offline()


def test_script_names_stay_text(update_server: Server, opener: Callable[[Server], ServedPage]) -> None:
    update = f"""PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    INSERT DATA {{ <{R}person/evil-in-browser> a schema:Person ; schema:name "{EVIL}" ; rdfs:label "{EVIL}" .
                   <{R}film/paris-2008> schema:producer <{R}person/evil-in-browser> . }}"""
    answer = httpx.post(
        update_server.url + "/sparql",
        data={"update": update},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=60,
    )
    assert answer.status_code == 204, answer.text
    view = opener(update_server).open("/resource/person/evil-in-browser")
    assert view.page.inner_text("h1") == EVIL
    film = opener(update_server).open("/page/film/paris-2008")
    assert film.page.locator("#properties a", has_text="<script>").inner_text() == EVIL
    query = opener(update_server).open("/")
    query.page.wait_for_selector("body[data-ready='1']", state="attached")
    query.page.fill(
        "#query", f"SELECT ?name {{ <{R}person/evil-in-browser> <https://schema.org/name> ?name }}"
    )
    query.page.click("#run")
    query.page.wait_for_selector("body[data-ran='1']", state="attached")
    assert query.page.locator("#table tbody td").inner_text() == EVIL
    assert view.dialogs == film.dialogs == query.dialogs == []
    assert view.errors == film.errors == query.errors == []
