"""Shared fixtures: one build of the seed graph per session, and a copy of data/ to spoil."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from graph.build import BuildOptions, BuildReport, build
from graph.store import TRIG_FILE, open_store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


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
