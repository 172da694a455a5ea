"""Load a build into an external triple store, one named graph per source, so that pushing twice
leaves the same data, and a failure leaves no graph half-replaced.

Each graph is loaded into a staging graph first (Graph Store Protocol PUT then POSTs, or SPARQL
Update INSERT DATA batches), then replaces its target in one update request (``MOVE``): until
then the target is untouched, and on a store where an update request is a transaction (Oxigraph
documents it) the target holds either its old triples or the new ones, never a part. A store's
own PUT need not be atomic: Virtuoso 7.2's keeps the first 100,000 triples of a body that fails
at line 100,001. ``direct=True`` replaces each graph by one PUT instead, for stores whose PUT is
one transaction (Oxigraph's is, and its MOVE copies triple by triple: direct is faster there).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.errors import PushError, RemoteError
from graph.namespace import curie
from graph.store.embedded import open_store
from graph.store.remote import Endpoint, RemoteStore

STAGING = "urn:pariskg:staging:"
BATCH = 50_000  # triples a Graph Store request carries
UPDATE_BATCH = 2_000  # in an INSERT DATA: Virtuoso 7.2's parser gives up near 5,000 ("memory exhausted")
# The answers of a server that has no Graph Store Protocol at the URL given: load by SPARQL Update.
NO_GRAPH_STORE = {404, 405, 415, 501}
Progress = Callable[[str], None]


@dataclass(frozen=True)
class GraphPush:
    """One graph pushed: triples sent, triples the store counts afterwards, how, how long."""

    graph: str
    sent: int
    stored: int
    method: str
    seconds: float


@dataclass(frozen=True)
class PushReport:
    """What a push did, graph by graph, and the graphs of the store the build no longer has."""

    endpoint: str
    graphs: tuple[GraphPush, ...]
    stale: tuple[str, ...]
    seconds: float

    @property
    def sent(self) -> int:
        return sum(g.sent for g in self.graphs)

    @property
    def mismatched(self) -> list[GraphPush]:
        """Graphs whose count on the store differs from the triples sent."""
        return [g for g in self.graphs if g.stored != g.sent]


def staging_graph(graph: str) -> str:
    """The graph a push loads ``graph`` into before it replaces it: one name per target, so the
    next push drops what a failed one left."""
    return STAGING + graph


def push(
    folder: Path,
    endpoint: Endpoint,
    *,
    batch: int | None = None,
    direct: bool = False,
    progress: Progress | None = None,
) -> PushReport:
    """Push every named graph of the build in ``folder`` to ``endpoint``, then count each;
    ``batch`` triples a request (default: BATCH by Graph Store, UPDATE_BATCH by SPARQL Update);
    ``direct``: one Graph Store PUT per graph, no staging (see the module's docstring).

    Raises:
        PushError: a graph could not be replaced; ``sent`` names the graphs replaced before it.
    """
    say = progress or (lambda _line: None)
    if direct and endpoint.graph_store is None:
        raise RemoteError("a direct push replaces graphs by Graph Store PUT: give its URL (--graph-store)")
    store = open_store(folder)
    graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    started = time.perf_counter()
    with RemoteStore(endpoint, graphs=graphs) as remote:
        method = "direct PUT" if direct else "graph store" if endpoint.graph_store else "update"
        done: list[tuple[str, int, str, float]] = []
        for n, graph in enumerate(graphs, 1):
            t0 = time.perf_counter()
            triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
            try:
                method = _replace(remote, graph, triples, method, batch, say)
            except RemoteError as err:
                if not done and err.status in (None, 401, 403):
                    raise  # unreachable or refused from the first request: nothing to say of graphs
                _drop_quietly(remote, staging_graph(graph))
                raise _stopped(err, graph, [g for g, *_ in done], graphs) from err
            seconds = time.perf_counter() - t0
            done.append((graph, len(triples), method, seconds))
            say(f"{n}/{len(graphs)} {curie(graph)}: {len(triples):,} triples ({method}, {seconds:.1f} s)")
        counted = {g: remote.count(g) for g in graphs}
        stale = tuple(sorted(set(remote.find_graphs()) - set(graphs)))
    pushed = tuple(GraphPush(g, sent, counted[g], how, s) for g, sent, how, s in done)
    return PushReport(endpoint.query, pushed, stale, time.perf_counter() - started)


def _replace(
    remote: RemoteStore, graph: str, triples: list[ox.Triple], method: str, batch: int | None, say: Progress
) -> str:
    """Load ``triples`` into the staging graph, then move it onto ``graph`` (or PUT them there,
    ``direct``); the method used."""
    if method == "direct PUT":
        remote.put_graph(graph, _ntriples(triples))
        return method
    staging = staging_graph(graph)
    remote.update(f"DROP SILENT GRAPH <{staging}>")
    if not triples:  # MOVE from a graph the store never made (an empty one) would keep the old
        remote.update(f"DROP SILENT GRAPH <{graph}>")
        return method
    # a blank node label names one node only within one request: such a graph goes whole
    whole = any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)
    sent = 0
    if method == "graph store":
        first = triples if whole else triples[: batch or BATCH]
        try:
            remote.put_graph(staging, _ntriples(first))
            sent = len(first)
        except RemoteError as err:
            if err.status not in NO_GRAPH_STORE:
                raise
            say(f"  the Graph Store answered HTTP {err.status}: loading by SPARQL Update instead")
            method = "update"
    size = len(triples) if whole else batch or (BATCH if method == "graph store" else UPDATE_BATCH)
    while sent < len(triples):
        chunk = triples[sent : sent + size]
        if method == "graph store":
            remote.post_graph(staging, _ntriples(chunk))
        else:
            remote.update(f"INSERT DATA {{ GRAPH <{staging}> {{\n{_ntriples(chunk).decode('utf-8')}}} }}")
        sent += len(chunk)
        if len(triples) > size:
            say(f"  {curie(graph)}: {sent:,}/{len(triples):,} staged")
    remote.update(f"MOVE GRAPH <{staging}> TO GRAPH <{graph}>")
    return method


def _ntriples(triples: list[ox.Triple]) -> bytes:
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return data or b""


def _drop_quietly(remote: RemoteStore, graph: str) -> None:
    """Drop a staging graph if the store still answers (else the next push drops it)."""
    with contextlib.suppress(RemoteError):
        remote.update(f"DROP SILENT GRAPH <{graph}>")


def _stopped(err: RemoteError, graph: str, sent: list[str], graphs: list[str]) -> PushError:
    """The error of a push that stopped at ``graph``: what was replaced, what was not."""
    left = len(graphs) - len(sent) - 1
    replaced = ", ".join(curie(g) for g in sent) or "none"
    return PushError(
        f"push stopped at graph {curie(graph)}: {err}\n"
        f"  replaced before it ({len(sent)}): {replaced}\n"
        f"  {curie(graph)} is as it was; {left} graph(s) after it not sent",
        hint="run the same push again once the store is fixed: it replaces every graph",
        status=err.status,
        sent=tuple(sent),
        failed=graph,
    )
