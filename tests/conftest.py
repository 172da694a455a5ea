"""Shared fixtures: one build of the seed graph per session, and a copy of data/ to spoil."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from graph.build.options import BuildOptions
from graph.build.pipeline import build
from graph.build.summary import BuildReport
from graph.store.embedded import TRIG_FILE, open_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page

pytest_plugins = ["tests.serving"]  # fixtures that start `pariskg serve`

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"
# The open datasets (../shared/data beside the checkout); PARISKG_SHARED_DATA points elsewhere.
SHARED_DATA = Path(os.environ.get("PARISKG_SHARED_DATA", ROOT.parent / "shared" / "data"))


DATASETS = (
    ("paris-filming-permits", "paris_filming_locations/lieux-de-tournage-a-paris.csv"),
    ("paris-arrondissements", "paris_arrondissements/arrondissements.geojson"),
    ("tmdb-movies", "tmdb_5000/tmdb_5000_movies.csv"),
    ("imdb-movies", "imdb_5000/movie_metadata.csv"),
    ("review-folder", "imdb_reviews_paris"),
)


@pytest.fixture(scope="session")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """The full build, once per session: the seeds and every open dataset of ../shared/data."""
    from graph.build.options import DatasetSpec
    from graph.cli.config import dataset_specs

    missing = [path for _k, path in DATASETS if not (SHARED_DATA / path).exists()]
    assert not missing, f"the shared datasets are missing: {missing}"
    out = tmp_path_factory.mktemp("full") / "out"
    listed = dataset_specs((), ROOT / "all-datasets.toml")  # the file README points users to
    assert [(s.kind, s.path.name) for s in listed] == [(k, Path(p).name) for k, p in DATASETS]
    specs = tuple(DatasetSpec(kind, SHARED_DATA / path) for kind, path in DATASETS)
    report = build(BuildOptions(data=ROOT / "data", datasets=specs, out=out, html=False))
    return out, report


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """The seed graph built once: (build folder, report)."""
    out = tmp_path_factory.mktemp("build") / "out"
    report = build(BuildOptions(data=DATA, out=out))
    return out, report


@pytest.fixture(scope="session")
def out(built: tuple[Path, BuildReport]) -> Path:
    return built[0]


@pytest.fixture(scope="session")
def store(out: Path) -> ox.Store:
    return open_store(out)


@pytest.fixture(scope="session")
def dataset(out: Path) -> Dataset:
    ds = Dataset()
    ds.parse(out / TRIG_FILE, format="trig")
    return ds


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may spoil."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def select(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    """Rows of a SELECT on the union graph, as plain strings."""
    from graph.namespace import PREFIXES

    result = store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES)
    names = [v.value for v in result.variables]
    return [tuple("" if row[n] is None else row[n].value for n in names) for row in result]


def ask(store: ox.Store, query: str) -> bool:
    """The answer of an ASK on the union graph."""
    from graph.namespace import PREFIXES

    return bool(store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES))


# Debian's chromium, driven by Playwright (`playwright install` would download another browser)
CHROMIUM = os.environ.get("PARISKG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless chromium for the session; fails (not skips) with the fix when it is missing."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"no chromium at {CHROMIUM}: apt-get install chromium (or set PARISKG_CHROMIUM)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class WatchedPage:
    """A chromium page with what it logged as errors, requested and tried to pop up (dismissed)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


class OpenedPage(WatchedPage):
    """A page opened from a local file."""

    def __init__(self, page: Page, path: Path, *, ready: str = "body[data-ready='1']") -> None:
        super().__init__(page)
        self.url = path.resolve().as_uri()
        page.goto(self.url)
        if ready:
            page.wait_for_selector(ready, state="attached", timeout=60_000)


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[[Path], OpenedPage]]:
    """Open a local HTML file in a fresh 1280x800 page (closed after the test)."""
    pages: list[Page] = []

    def opener(path: Path) -> OpenedPage:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        pages.append(page)
        return OpenedPage(page, path)

    yield opener
    for page in pages:
        page.close()
