"""`pariskg map` in a real browser (Debian's chromium, headless): a build of the permit fixture (plus
a row whose title is a script) and the real arrondissement outlines, drawn offline, with counts,
filters, popups and the choropleth compared with the graph; tiles from a real local tile server."""

from __future__ import annotations

import base64
import html
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from graph.cli.main import main
from graph.picture.shootmap import render_map, shoot_map
from graph.picture.shoots import read_shoots
from graph.store.embedded import open_store
from tests.conftest import SHARED_DATA, OpenedPage, select

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

FIXTURES = Path(__file__).parent / "fixtures"
ARRONDISSEMENTS = SHARED_DATA / "paris_arrondissements" / "arrondissements.geojson"
EVIL = "<script>alert(1)</script>"
EVIL_DIRECTOR = "<img src=x onerror=alert`2`>"  # no parentheses: a credit drops "(…)" notes
BASE = "http://127.0.0.1:8000"
# one grey pixel: what the local tile server answers
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGN4BwAA8ADv8GkuoQAAAABJRU5ErkJggg=="
)
OpenMap = Callable[..., OpenedPage]


def open_offline(browser: Browser, path: Path, *, offline: bool = True) -> tuple[BrowserContext, OpenedPage]:
    """Open a page in a fresh browser context, with the network cut (navigator.onLine is false)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=offline)
    return context, OpenedPage(context.new_page(), path)


@pytest.fixture
def open_map(browser: Browser) -> Iterator[OpenMap]:
    contexts: list[BrowserContext] = []

    def opener(path: Path, *, offline: bool = True) -> OpenedPage:
        context, opened = open_offline(browser, path, offline=offline)
        contexts.append(context)
        return opened

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def permits_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The permit fixture and one more row, whose title and director are markup."""
    folder = tmp_path_factory.mktemp("map")
    rows = (FIXTURES / "permits-fr.csv").read_text(encoding="utf-8-sig")
    evil = (
        f"2022-99;2022;Long métrage;{EVIL};{EVIL_DIRECTOR};Prod;1 rue de Rivoli, 75001 paris;75001;"
        '2022-05-01;2022-05-02;2.3410;48.8600;"{""coordinates"": [2.3410, 48.8600], ""type"": ""Point""}";'
        "48.8600, 2.3410\n"
    )
    csv = folder / "permits.csv"
    csv.write_text(rows.rstrip("\n") + "\n" + evil, encoding="utf-8")
    out = folder / "out"
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--out",
            str(out),
            "--no-html",
            "--source",
            f"paris-filming-permits={csv}",
            "--source",
            f"paris-arrondissements={ARRONDISSEMENTS}",
        ],
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def permits_store(permits_out: Path) -> ox.Store:
    return open_store(permits_out)


def make_map(out: Path, target: Path, *args: str) -> Result:
    result = CliRunner().invoke(main, ["map", "--out", str(out), "-o", str(target), *args])
    assert result.exit_code == 0, result.output
    return result


def shoot_rows(store: ox.Store) -> list[tuple[str, ...]]:
    """Every shoot with coordinates: (shoot, start, kind, address, arrondissement or '')."""
    return select(
        store,
        """SELECT DISTINCT ?s ?start ?kind ?address ?area WHERE {
          ?s a pc:Shoot ; schema:startDate ?start ; pc:productionKind ?kind ; schema:location ?p .
          ?p schema:latitude ?lat ; rdfs:label ?address .
          OPTIONAL { ?p schema:containedInPlace ?area . ?area a pc:Arrondissement } }""",
    )


def test_offline_map_counts_match_the_graph(
    tmp_path: Path, open_map: OpenMap, permits_out: Path, permits_store: ox.Store
) -> None:
    make_map(permits_out, tmp_path / "map.html")
    opened = open_map(tmp_path / "map.html")
    assert opened.errors == [] and opened.requests == [opened.url]
    rows = shoot_rows(permits_store)
    n, addresses = len(rows), len({r[3] for r in rows})
    assert opened.page.inner_text("#counts") == f"{n} of {n} shoots shown at {addresses} addresses"
    assert opened.page.evaluate("window.pariskgMap.markers.length") == n
    assert opened.page.evaluate("window.pariskgMap.areaLayers.length") == 20  # outlines from the graph
    assert "offline" in opened.page.inner_text("#tiles-note")
    assert opened.page.is_checked("#tiles") is False
    kinds = Counter(r[2] for r in rows)
    legend = opened.page.inner_text("#kinds").splitlines()
    assert sorted(legend) == sorted(f"{k} ({c})" for k, c in kinds.items())


def test_choropleth_counts_shoots_per_arrondissement(
    tmp_path: Path, open_map: OpenMap, permits_out: Path, permits_store: ox.Store
) -> None:
    make_map(permits_out, tmp_path / "map.html")
    opened = open_map(tmp_path / "map.html")
    areas = [a.iri for a in read_shoots(permits_store).areas]
    expected = Counter(r[4] for r in shoot_rows(permits_store) if r[4])
    counts = opened.page.evaluate("window.pariskgMap.areaCounts()")
    assert dict(zip(areas, counts, strict=True)) == {a: expected.get(a, 0) for a in areas}
    fills = opened.page.evaluate("window.pariskgMap.areaLayers.map(l => l.options.fillColor)")
    busiest = areas.index(max(expected, key=lambda a: (expected[a], a)))
    assert fills[busiest] == "#b30000"  # the darkest shade
    assert {fills[i] for i, c in enumerate(counts) if c == 0} == {"#fff7ec"}
    assert opened.page.inner_text("#scale").splitlines()[0] == "0"


def test_filters_by_kind_and_year(
    tmp_path: Path, open_map: OpenMap, permits_out: Path, permits_store: ox.Store
) -> None:
    make_map(permits_out, tmp_path / "map.html")
    opened = open_map(tmp_path / "map.html")
    rows = shoot_rows(permits_store)
    opened.page.uncheck("#kinds input[data-kind='TV series']")
    assert opened.page.evaluate("window.pariskgMap.shown()") == sum(1 for r in rows if r[2] != "TV series")
    opened.page.check("#kinds input[data-kind='TV series']")
    opened.page.fill("#year-from", "2022")
    shown = sum(1 for r in rows if int(r[1][:4]) >= 2022)
    assert opened.page.evaluate("window.pariskgMap.shown()") == shown
    assert opened.page.inner_text("#counts").startswith(f"{shown} of {len(rows)} shoots shown")
    assert sum(opened.page.evaluate("window.pariskgMap.areaCounts()")) == sum(
        1 for r in rows if int(r[1][:4]) >= 2022 and r[4]
    )


def open_popup(opened: OpenedPage, title: str) -> str:
    """Zoom in on the shoot of ``title`` until it leaves its cluster, click it, return the popup's text."""
    index = opened.page.evaluate(
        """title => { const m = window.pariskgMap;
          const i = m.markers.findIndex((_, k) => DATA.productions[DATA.shoots[k][5]][0] === title);
          m.map.setView(m.markers[i].getLatLng(), m.map.getMaxZoom(), { animate: false });
          return i; }""",
        title,
    )
    # at the deepest zoom a marker of its own leaves its cluster
    opened.page.wait_for_function(
        "i => window.pariskgMap.map.hasLayer(window.pariskgMap.markers[i])",
        arg=index,
    )
    point = opened.page.evaluate(
        "i => { const m = window.pariskgMap, p = m.map.latLngToContainerPoint(m.markers[i].getLatLng());"
        " return [p.x, p.y]; }",
        index,
    )
    opened.page.mouse.click(point[0], point[1])
    return opened.page.inner_text(".leaflet-popup-content")


def test_popup_shows_a_script_title_as_text_and_links_to_the_film(
    tmp_path: Path, open_map: OpenMap, permits_out: Path
) -> None:
    make_map(permits_out, tmp_path / "map.html", "--base", BASE)
    opened = open_map(tmp_path / "map.html")
    text = open_popup(opened, EVIL)
    assert text.splitlines() == [
        EVIL,
        "kind",
        "feature film",
        "dates",
        "2022-05-01 to 2022-05-02",
        "director",
        EVIL_DIRECTOR,
        "address",
        "1 rue de Rivoli, 75001 paris",
        "arrondissement",
        "1st arrondissement of Paris",
    ]
    href = opened.page.get_attribute(".leaflet-popup-content a.title", "href")
    assert href is not None and href.startswith(f"{BASE}/resource/film/")
    assert opened.page.evaluate("document.querySelectorAll('script').length") == 3
    assert opened.page.evaluate("document.querySelectorAll('.leaflet-popup img').length") == 0
    assert opened.dialogs == [] and opened.errors == [] and opened.requests == [opened.url]


def test_popup_of_a_series_gives_its_season(tmp_path: Path, open_map: OpenMap, permits_out: Path) -> None:
    make_map(permits_out, tmp_path / "map.html")
    opened = open_map(tmp_path / "map.html")
    text = open_popup(opened, "10%")
    assert "TV series, season 2" in text and "Antoine Garceau" in text and "2021-02-01" in text
    assert opened.page.query_selector(".leaflet-popup-content a") is None  # no --base: no link


class TileServer(ThreadingHTTPServer):
    """A real tile server on loopback that answers every tile with one pixel and logs the paths."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the name http.server calls
                server.paths.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(PNG)))
                self.end_headers()
                self.wfile.write(PNG)

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture
def tile_server() -> Iterator[TileServer]:
    server = TileServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_online_tiles_come_from_the_chosen_server(
    tmp_path: Path, open_map: OpenMap, permits_out: Path, tile_server: TileServer
) -> None:
    port = tile_server.server_address[1]
    make_map(permits_out, tmp_path / "map.html", "--tiles", f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png")
    opened = open_map(tmp_path / "map.html", offline=False)
    assert opened.page.is_checked("#tiles")
    opened.page.wait_for_function("document.querySelectorAll('img.leaflet-tile-loaded').length > 0")
    assert tile_server.paths and all(p.endswith(".png") and p.count("/") == 3 for p in tile_server.paths)
    assert opened.errors == []
    opened.page.uncheck("#tiles")
    assert opened.page.evaluate("document.querySelectorAll('img.leaflet-tile').length") == 0


def test_openstreetmap_is_not_asked_from_a_file(tmp_path: Path, open_map: OpenMap, permits_out: Path) -> None:
    make_map(permits_out, tmp_path / "map.html")
    opened = open_map(tmp_path / "map.html", offline=False)  # online, but OSM wants a Referer
    assert opened.page.is_checked("#tiles") is False and "Referer" in opened.page.inner_text("#tiles-note")
    assert opened.requests == [opened.url] and opened.errors == []


def test_no_tiles_and_no_shoots(tmp_path: Path, open_map: OpenMap, out: Path) -> None:
    make_map(out, tmp_path / "seed.html", "--no-tiles")  # the seed build has no permits
    opened = open_map(tmp_path / "seed.html", offline=False)
    assert opened.page.inner_text("#counts") == "0 of 0 shoots shown at 0 addresses"
    assert "no arrondissement outlines" in opened.page.inner_text("#areas-note")
    assert opened.page.is_disabled("#tiles")
    assert opened.errors == [] and opened.requests == [opened.url]


def test_same_store_same_map(permits_store: ox.Store) -> None:
    data = read_shoots(permits_store)
    assert render_map(data, link_base=BASE) == render_map(read_shoots(permits_store), link_base=BASE)


def test_a_notebook_shows_the_map_inline(tmp_path: Path, open_map: OpenMap, permits_store: ox.Store) -> None:
    shown = shoot_map(permits_store)._repr_html_()
    assert html.unescape(shown.split('"')[1]) == render_map(read_shoots(permits_store))
    host = tmp_path / "notebook.html"
    host.write_text(f'<!DOCTYPE html><html><body data-ready="1">{shown}</body></html>', encoding="utf-8")
    opened = open_map(host)
    frame = opened.page.frames[1]
    frame.wait_for_selector("body[data-ready='1']", state="attached")
    assert frame.evaluate("window.pariskgMap.markers.length") == len(read_shoots(permits_store).shoots)
    assert opened.errors == [] and opened.requests == [opened.url]
