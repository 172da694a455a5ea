"""What a query worker runs: picklable jobs whose ``run`` reads the store and returns an answer.

A job answers with a :class:`Payload` (status, media type, bytes) or a :class:`Failure`
(status and a plain message), never an exception: answers cross a process boundary and the
server turns them into responses as they are.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from graph.namespace import PREFIXES
from graph.serve.formats import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    AcceptError,
    Format,
    choose,
    from_hints,
    listing,
)
from graph.store.query import syntax_error
from graph.store.sparql_text import has_dataset_clause


@dataclass(frozen=True)
class Payload:
    """A successful answer."""

    body: bytes
    media_type: str = "text/plain; charset=utf-8"
    status: int = 200


@dataclass(frozen=True)
class Failure:
    """An answer that says no, with the HTTP status and a plain message."""

    status: int
    message: str
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class WorkerContext:
    """What a job may use in its worker: the open store, the input folder, and a cache."""

    store: ox.Store
    data: Path | None = None
    cache: dict[str, Any] = field(default_factory=dict)


class Job(Protocol):
    def run(self, ctx: WorkerContext) -> Any: ...


class ResultTooLarge(Exception):
    """Raised by :class:`LimitedBuffer` to stop a serializer (and so the query) at the limit."""


class LimitedBuffer(io.BytesIO):
    """A byte buffer for pyoxigraph's serializers that refuses to grow past ``limit`` bytes.

    The serializers pull solutions lazily, so raising here also stops the query.
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.limit:
            raise ResultTooLarge
        return super().write(data)


@dataclass(frozen=True)
class QueryJob:
    """A SPARQL query with its protocol dataset and the formats the client accepts.

    Without a dataset (no ``default-graph-uri``/``named-graph-uri``, no FROM), the default
    graph is the union of all graphs, as for ``pariskg query``.
    """

    text: str
    accept: str | None = None
    format_hints: tuple[str, ...] = ()
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_bytes: int = 50_000_000

    def run(self, ctx: WorkerContext) -> Payload | Failure:
        store = ctx.store
        graphs = _graph_nodes(store, (*self.default_graphs, *self.named_graphs))
        if isinstance(graphs, Failure):
            return graphs
        dataset: dict[str, Any] = {}
        if self.default_graphs or self.named_graphs:
            # SPARQL 1.1 Protocol 2.1.4: the protocol's dataset replaces the query's own
            dataset["default_graph"] = graphs[: len(self.default_graphs)]
            dataset["named_graphs"] = graphs[len(self.default_graphs) :]
        else:
            dataset["use_default_graph_as_union"] = not has_dataset_clause(self.text)
        try:
            result = store.query(self.text, prefixes=PREFIXES, **dataset)
        except SyntaxError as err:
            return Failure(400, str(syntax_error(self.text, str(err))))
        except (OSError, ValueError, RuntimeError) as err:
            return Failure(500, f"the query failed: {err}")
        graph_result = isinstance(result, ox.QueryTriples)
        formats = GRAPH_FORMATS if graph_result else RESULT_FORMATS
        fmt = self._format(formats)
        if isinstance(fmt, Failure):
            return fmt
        return serialize(result, fmt, self.max_bytes)

    def _format(self, formats: tuple[Format, ...]) -> Format | Failure:
        kind = "a graph (CONSTRUCT, DESCRIBE)" if formats is GRAPH_FORMATS else "results (SELECT, ASK)"
        hinted = from_hints(self.format_hints, formats)
        if hinted is not None:
            return hinted
        try:
            chosen = choose(self.accept, formats)
        except AcceptError as err:
            return Failure(400, str(err))
        if chosen is None:
            return Failure(
                406, f"this query gives {kind}, and Accept takes none of its formats: {listing(formats)}"
            )
        return chosen


def _graph_nodes(store: ox.Store, iris: tuple[str, ...]) -> list[ox.NamedNode] | Failure:
    """The named graphs a request names, or a 400/404 for one that is malformed or unknown."""
    nodes = []
    for iri in iris:
        try:
            node = ox.NamedNode(iri)
        except ValueError as err:
            return Failure(400, f"graph IRI <{iri}> is not an IRI: {err}")
        if not store.contains_named_graph(node):
            return Failure(404, f"no graph <{iri}> in this dataset (GET /sparql lists the graphs)")
        nodes.append(node)
    return nodes


def serialize(
    result: ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple] | Iterable[ox.Quad],
    fmt: Format,
    max_bytes: int,
    prefixes: dict[str, str] = PREFIXES,
) -> Payload | Failure:
    """Results (SELECT, ASK) or triples in ``fmt``, or 422 once they grow past ``max_bytes``."""
    buffer = LimitedBuffer(max_bytes)
    try:
        if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
            result.serialize(buffer, format=fmt.results)
        else:
            ox.serialize(result, buffer, format=fmt.rdf, prefixes=prefixes)
    except (OSError, RuntimeError, ValueError) as err:  # raised while evaluating: SERVICE, I/O…
        return Failure(500, f"the query failed while running: {err}")
    except ResultTooLarge:
        return Failure(
            422,
            f"the result is larger than {max_bytes:,} bytes (the server's limit, --max-result-bytes); "
            "add a LIMIT or narrow the query",
        )
    return Payload(buffer.getvalue(), fmt.content_type)


@dataclass(frozen=True)
class UpdateJob:
    """A SPARQL Update, applied in one transaction (all of it or nothing)."""

    text: str

    def run(self, ctx: WorkerContext) -> Payload | Failure:
        try:
            ctx.store.update(self.text, prefixes=PREFIXES)
        except SyntaxError as err:
            return Failure(400, str(syntax_error(self.text, str(err))))
        except (OSError, ValueError, RuntimeError) as err:
            return Failure(500, f"the update failed: {err}")
        ctx.cache.clear()  # the description counts triples per graph
        return Payload(b"", status=204)
