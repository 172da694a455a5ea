"""The embedded Oxigraph store in the build folder, which query, export, path and stats open."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
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
    SPARQL endpoint (``graph.store.remote.RemoteStore``)."""

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


#: quads a bulk load takes at once: Oxigraph's bulk loader holds a whole batch in memory (about
#: 950 MB for a million triples given at once, 210 MB in batches of 100,000, in the same time and
#: for the same store; bench/bench.py measures it)
LOAD_BATCH = 100_000


def create_store(folder: Path, data: bytes | Iterable[ox.Quad]) -> None:
    """Create the store in ``folder``/store from the whole build: its TriG, or its quads; loaded
    in batches of LOAD_BATCH, then compacted."""
    store = ox.Store(str(folder / STORE_DIR))
    quads = iter(ox.parse(data, format=ox.RdfFormat.TRIG) if isinstance(data, bytes) else data)
    while batch := list(islice(quads, LOAD_BATCH)):
        store.bulk_extend(batch)
    store.optimize()
    store.flush()
    del store


def open_store(folder: Path, *, in_memory: bool = False) -> ox.Store:
    """Open the store of a build (read-only, so several commands may read it at once); with
    ``in_memory``, a copy of it in memory (see :func:`copy_in_memory`)."""
    path = folder / STORE_DIR
    if not path.is_dir():
        raise NoBuildError(
            "no build here: the store is missing",
            path,
            hint="run `pariskg build` first",
        )
    store = ox.Store.read_only(str(path))
    return copy_in_memory(store) if in_memory else store


def copy_in_memory(store: ox.Store) -> ox.Store:
    """An in-memory copy of ``store``, for a server or a notebook that runs many queries: 3-4x
    faster than the store on disk on queries that join many rows (no RocksDB reads), at the cost
    of copying it (seconds for the full build) and of memory (~450 bytes a triple)."""
    copy = ox.Store()
    copy.bulk_load(store.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    return copy
