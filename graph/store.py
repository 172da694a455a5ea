"""The embedded Oxigraph store in the build folder, which query, export, path and stats open."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from graph.errors import NoBuildError

STORE_DIR = "store"
TRIG_FILE = "paris-cinema.trig"
TURTLE_FILE = "paris-cinema.ttl"
HTML_FILE = "paris-cinema.html"


class SparqlStore(Protocol):
    """What query and lookup ask of a store: the embedded one (``pyoxigraph.Store``) or a remote
    SPARQL endpoint (``graph.remote.RemoteStore``)."""

    def query(
        self,
        query: str,
        /,
        *,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples: ...

    def quads_for_pattern(
        self,
        /,
        subject: ox.NamedNode | ox.BlankNode | ox.Triple | None,
        predicate: ox.NamedNode | None,
        object: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None,
        graph_name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = None,
    ) -> Iterator[ox.Quad]: ...


def create_store(folder: Path, data: bytes | Iterable[ox.Quad]) -> None:
    """Create the store in ``folder``/store from the whole build: its TriG, or its quads."""
    store = ox.Store(str(folder / STORE_DIR))
    if isinstance(data, bytes):
        store.bulk_load(data, format=ox.RdfFormat.TRIG)
    else:
        store.bulk_extend(data)
    store.optimize()
    store.flush()
    del store


def open_store(folder: Path) -> ox.Store:
    """Open the store of a build (read-only, so several commands may read it at once)."""
    path = folder / STORE_DIR
    if not path.is_dir():
        raise NoBuildError(
            "no build here: the store is missing",
            path,
            hint="run `pariskg build` first",
        )
    return ox.Store.read_only(str(path))
