"""The seed build pushed into real triple stores on loopback (the Oxigraph server, Virtuoso Open
Source), and every named query asked of them: their answers are the embedded store's, up to the
differences tests/answers.py tolerates and says why. A server that cannot start fails the test."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli.main import main
from graph.errors import PushError, RemoteError
from graph.store import query as q
from graph.store.push import PushReport, push, staging_graph
from graph.store.remote import Endpoint, RemoteStore
from tests.answers import TOLERATED, rows
from tests.servers import Server, ServerError, start_oxigraph, start_virtuoso
from tests.test_queries import EXPECTED

SERVERS = ("oxigraph", "virtuoso")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
MARK = ox.NamedNode("urn:test:pushed")


def _started(start: object, folder: Path) -> Iterator[Server]:
    try:
        server = start(folder)  # type: ignore[operator]
    except ServerError as err:
        pytest.fail(str(err))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _started(start_oxigraph, tmp_path_factory.mktemp("oxigraph"))


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _started(start_virtuoso, tmp_path_factory.mktemp("virtuoso"))


@pytest.fixture(scope="session", params=SERVERS)
def pushed(request: pytest.FixtureRequest, out: Path) -> tuple[Server, PushReport]:
    """A server holding the seed build, and the report of the push that put it there."""
    server: Server = request.getfixturevalue(f"{request.param}_server")
    return server, push(out, server.endpoint)


def local_counts(store: ox.Store) -> dict[str, int]:
    return {
        g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g))
        for g in store.named_graphs()
        if isinstance(g, ox.NamedNode)
    }


def variant(out: Path, folder: Path, extra: dict[int, list[ox.Triple]]) -> tuple[Path, list[str]]:
    """A copy of the build whose i-th graph (IRI order) holds ``extra[i]`` too; its graphs."""
    shutil.copytree(out / "store", folder / "store")
    store = ox.Store(str(folder / "store"))
    graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    for i, triples in extra.items():
        store.extend([ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graphs[i])) for t in triples])
    store.flush()
    del store
    return folder, graphs


def mark(i: int) -> ox.Triple:
    return ox.Triple(MARK, MARK, ox.Literal(str(i)))


def test_push_sends_every_graph_and_the_store_counts_them(
    pushed: tuple[Server, PushReport], store: ox.Store
) -> None:
    _server, report = pushed
    expected = local_counts(store)
    assert {g.graph: g.sent for g in report.graphs} == expected
    assert {g.graph: g.stored for g in report.graphs} == expected
    assert not report.mismatched and report.sent == sum(expected.values())


# Every named query with the parameters of tests/test_queries.py, and the cases that caught a
# store out once: a film without a date (Virtuoso stopped the whole query on YEAR of nothing).
CASES = [(name, EXPECTED[name][0]) for name in sorted(EXPECTED)]
CASES += [("films-by-director", {"director": "Peter Jackson"})]


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{'-'.join(p.values())}" for n, p in CASES])
def test_named_query_answers_as_the_embedded_store(
    pushed: tuple[Server, PushReport], store: ox.Store, name: str, params: dict[str, str]
) -> None:
    server, _report = pushed
    text, named = q.resolve_query(name)
    tolerated = TOLERATED[server.name]
    here = q.run(store, text, q.bind(store, named, params))
    assert isinstance(here, ox.QuerySolutions)
    expected = rows(here, text, tolerated)
    assert expected, f"{name} answers nothing on the embedded store: the comparison would prove nothing"
    with RemoteStore(Endpoint(server.query_url)) as remote:
        there = q.run(remote, text, q.bind(remote, named, params))
        assert isinstance(there, ox.QuerySolutions)
        assert rows(there, text, tolerated) == expected


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_query_command_on_an_endpoint_prints_what_it_prints_locally(
    pushed: tuple[Server, PushReport], out: Path, fmt: str
) -> None:
    server, _report = pushed
    args = ["query", "cast", "-p", "film=Paris", "-f", fmt]
    local = CliRunner().invoke(main, [*args, "--out", str(out)])
    remote = CliRunner().invoke(main, [*args, "--endpoint", server.query_url])
    assert remote.exit_code == 0, remote.output
    if fmt == "csv":  # rows in another order where ORDER BY ties
        assert sorted(csv.reader(io.StringIO(remote.output))) == sorted(csv.reader(io.StringIO(local.output)))
    else:
        assert "Élise" in remote.output and len(remote.output) == len(local.output)


def test_a_remote_query_the_endpoint_rejects_is_a_query_error(pushed: tuple[Server, PushReport]) -> None:
    server, _report = pushed
    result = CliRunner().invoke(main, ["query", "SELECT ?x WHERE { ?x ?y }", "--endpoint", server.query_url])
    assert result.exit_code == 2
    assert "SPARQL syntax error" in result.output


def test_pushing_twice_replaces_each_graph(
    pushed: tuple[Server, PushReport], out: Path, store: ox.Store
) -> None:
    server, _report = pushed
    e = server.endpoint
    args = ["push", "--out", str(out), "--endpoint", e.query, "--graph-store", str(e.graph_store)]
    args += ["--update", e.update] if e.update else []
    args += ["--auth", f"{e.user}:{e.password}"] if e.user else []
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "verified: every graph holds the triples sent" in result.output
    expected = local_counts(store)
    with RemoteStore(Endpoint(server.query_url)) as remote:
        assert {g: remote.count(g) for g in expected} == expected
        union = q.run(remote, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert isinstance(union, ox.QuerySolutions)
        assert int(next(iter(union))["n"].value) == sum(expected.values())  # not twice as many


def test_a_push_stopped_midway_names_the_graphs_sent_and_leaves_the_rest_whole(
    out: Path, store: ox.Store, tmp_path: Path
) -> None:
    """The server is stopped after two graphs: those two are new, the third is whole and old."""
    before = local_counts(store)
    changed, graphs = variant(out, tmp_path / "build", {i: [mark(i)] for i in range(len(before))})
    server = start_oxigraph(tmp_path / "oxigraph")
    try:
        push(out, server.endpoint)

        def stop_after_two(line: str) -> None:
            if line.startswith("2/"):
                server.stop()

        with pytest.raises(PushError) as raised:
            push(changed, server.endpoint, progress=stop_after_two)
    finally:
        server.stop()
    err = raised.value
    assert err.sent == tuple(graphs[:2]) and err.failed == graphs[2]
    assert "replaced before it (2)" in str(err) and "cannot reach the endpoint" in str(err)
    restarted = start_oxigraph(tmp_path / "oxigraph")  # on the same store
    try:
        with RemoteStore(Endpoint(restarted.query_url)) as remote:
            counts = {g: remote.count(g) for g in graphs}
    finally:
        restarted.stop()
    assert counts == {g: before[g] + (1 if i < 2 else 0) for i, g in enumerate(graphs)}


def test_a_graph_the_store_rejects_stops_the_push_there(
    virtuoso_server: Server, out: Path, store: ox.Store, tmp_path: Path
) -> None:
    """Virtuoso refuses "abc"^^xsd:integer in an INSERT DATA: the fourth graph fails, the three
    before it are replaced, the fourth keeps its old triples."""
    before = local_counts(store)
    bad = ox.Triple(MARK, MARK, ox.Literal("abc", datatype=XSD_INTEGER))
    changed, graphs = variant(out, tmp_path, {0: [mark(0)], 3: [bad]})
    by_update = replace(virtuoso_server.endpoint, graph_store=None)
    push(out, by_update)
    try:
        with pytest.raises(PushError) as raised:
            push(changed, by_update)
        err = raised.value
        assert err.sent == tuple(graphs[:3]) and err.failed == graphs[3]
        assert "HTTP 400" in str(err) and "abc" in str(err)
        with RemoteStore(Endpoint(virtuoso_server.query_url)) as remote:
            assert remote.count(graphs[0]) == before[graphs[0]] + 1
            assert remote.count(graphs[3]) == before[graphs[3]]
            assert remote.count(staging_graph(graphs[3])) == 0  # dropped after the failure
    finally:
        push(out, virtuoso_server.endpoint)  # the seed again, for the other tests


def test_wrong_credentials_are_a_clear_error(virtuoso_server: Server, out: Path) -> None:
    e = virtuoso_server.endpoint
    result = CliRunner().invoke(
        main,
        [
            "push",
            "--out",
            str(out),
            "--endpoint",
            e.query,
            "--graph-store",
            str(e.graph_store),
            "--auth",
            "dba:x",
        ],
    )
    assert result.exit_code == 2
    assert "HTTP 401" in result.output and "refused user 'dba'" in result.output and "--auth" in result.output
    with pytest.raises(RemoteError, match="401"):
        push(out, replace(e, password="x"))


# What a Graph Store PUT whose body breaks at its last line leaves in the graph: the old triple
# (one transaction), or the new triples read before the error (no transaction). The reason push
# stages each graph and moves it in one update unless told --direct.
PUT_LEAVES = {"oxigraph": "old", "virtuoso": "new part"}


@pytest.mark.parametrize("name", SERVERS)
def test_what_a_failed_put_leaves_on_each_store(request: pytest.FixtureRequest, name: str) -> None:
    server: Server = request.getfixturevalue(f"{name}_server")
    graph = "urn:test:put-atomicity"
    body = b"".join(b'<urn:test:s%d> <urn:test:p> "new" .\n' % i for i in range(100))
    with RemoteStore(server.endpoint) as remote:
        remote.put_graph(graph, b'<urn:test:s> <urn:test:p> "old" .\n')
        with pytest.raises(RemoteError):
            remote.put_graph(graph, body + b'<urn:test:s> <urn:test:p "broken .\n')
        left = {1: "old", 100: "new part"}.get(remote.count(graph), "other")
        remote.update(f"DROP SILENT GRAPH <{graph}>")
    assert left == PUT_LEAVES[name]


def test_a_direct_push_replaces_each_graph_by_one_put(
    oxigraph_server: Server, out: Path, store: ox.Store
) -> None:
    e = oxigraph_server.endpoint
    args = ["push", "--direct", "--out", str(out), "--endpoint", e.query, "--graph-store", str(e.graph_store)]
    for _ in range(2):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
    assert "direct PUT" in result.output and "verified: every graph holds the triples sent" in result.output
    expected = local_counts(store)
    with RemoteStore(Endpoint(oxigraph_server.query_url)) as remote:
        assert {g: remote.count(g) for g in expected} == expected
    without = CliRunner().invoke(main, ["push", "--direct", "--out", str(out), "--endpoint", e.query])
    assert without.exit_code == 2 and "--graph-store" in without.output


def test_without_a_graph_store_at_the_url_the_push_loads_by_update(
    oxigraph_server: Server, out: Path, store: ox.Store
) -> None:
    no_store = replace(
        oxigraph_server.endpoint, graph_store=oxigraph_server.query_url.replace("/query", "/nope")
    )
    report = push(out, no_store)
    assert {g.method for g in report.graphs} == {"update"} and not report.mismatched
    assert {g.graph: g.stored for g in report.graphs} == local_counts(store)


def test_a_graph_larger_than_virtuosos_parser_takes_goes_in_batches(
    virtuoso_server: Server, out: Path, store: ox.Store, tmp_path: Path
) -> None:
    """One INSERT DATA of 6,000 triples is "memory exhausted" for Virtuoso 7.2's parser; the
    default batch of SPARQL Update pushes sends 2,000 at a time."""
    many = [ox.Triple(MARK, MARK, ox.Literal(f"row {i}")) for i in range(6000)]
    big, graphs = variant(out, tmp_path, {0: many})
    by_update = replace(virtuoso_server.endpoint, graph_store=None)
    try:
        with pytest.raises(PushError, match="memory exhausted"):
            push(big, by_update, batch=6000)
        lines: list[str] = []
        report = push(big, by_update, progress=lines.append)
        assert not report.mismatched and report.graphs[0].stored == local_counts(store)[graphs[0]] + 6000
        assert sum(line.endswith(" staged") for line in lines) == 4  # 2,000 + 2,000 + 2,000 + 244
    finally:
        push(out, virtuoso_server.endpoint)


def test_a_push_into_pariskg_serve_carries_its_bearer_token(
    out: Path, store: ox.Store, tmp_path: Path
) -> None:
    """The project's own endpoint, writable with a token, takes a push by SPARQL Update."""
    from tests.serving import start_server, stop_server

    served = tmp_path / "served"
    shutil.copytree(out / "store", served / "store")
    changed, graphs = variant(out, tmp_path / "build", {0: [mark(0)]})
    running = start_server(served, tmp_path / "serve.log", "--allow-update", env={"PARISKG_TOKEN": "t0ken"})
    try:
        url = f"{running.url}/sparql"
        refused = CliRunner().invoke(
            main, ["push", "--out", str(changed), "--endpoint", url, "--token", "nope"]
        )
        assert (
            refused.exit_code == 2 and "HTTP 401" in refused.output and "refused the token" in refused.output
        )
        report = push(changed, Endpoint(url, token="t0ken"))
        assert not report.mismatched and {g.method for g in report.graphs} == {"update"}
        with RemoteStore(Endpoint(url)) as remote:
            assert remote.count(graphs[0]) == local_counts(store)[graphs[0]] + 1
    finally:
        stop_server(running)


def test_a_construct_on_an_endpoint_prints_the_graph_it_prints_locally(
    pushed: tuple[Server, PushReport], out: Path
) -> None:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    server, _report = pushed
    query = "CONSTRUCT { ?f schema:name ?n } WHERE { ?f a schema:Movie ; schema:name ?n }"
    local = CliRunner().invoke(main, ["query", query, "--out", str(out)])
    remote = CliRunner().invoke(main, ["query", query, "--endpoint", server.query_url])
    assert remote.exit_code == 0, remote.output
    here, there = (
        Graph().parse(data=local.output, format="turtle"),
        Graph().parse(data=remote.output, format="turtle"),
    )
    assert len(here) == 14 and isomorphic(here, there)
