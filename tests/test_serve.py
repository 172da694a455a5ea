"""`pariskg serve` speaks the SPARQL 1.1 Protocol: SPARQLWrapper and curl get the embedded store's
answers in every format, by GET and POST, with content negotiation, datasets, CORS and a service
description."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from graph.namespace import PREFIXES
from tests.serving import Server

SELECT = """PREFIX schema: <https://schema.org/>
SELECT ?film ?title ?year ?distributor WHERE {
  ?film a schema:Movie ; schema:name ?title .
  OPTIONAL { ?film schema:datePublished ?year }
  OPTIONAL { ?film <https://w3id.org/paris-cinema/ontology#distributor> ?distributor }
} ORDER BY ?film ?title ?year ?distributor"""
CONSTRUCT = """PREFIX schema: <https://schema.org/>
CONSTRUCT { ?film schema:director ?d . ?d schema:name ?n }
WHERE { ?film schema:director ?d . ?d schema:name ?n }"""
DESCRIBE = "DESCRIBE <https://w3id.org/paris-cinema/resource/film/paris-2008>"
ASK_TRUE = "ASK { ?film <https://schema.org/director> ?d FILTER(STRENDS(STR(?d), '/cedric-klapisch')) }"
ASK_FALSE = (
    "ASK { ?film <https://schema.org/director> <https://w3id.org/paris-cinema/resource/person/nobody> }"
)
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
ENTITIES = PREFIXES["graph"] + "entities"


def expected_rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    """The embedded store's answer, each term as N-Triples text ('' when unbound)."""
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [tuple("" if row[n] is None else str(row[n]) for n in names) for row in result]


def expected_graph(store: ox.Store, query: str) -> Graph:
    result = store.query(query, use_default_graph_as_union=True)
    return Graph().parse(data=ox.serialize(result, format=ox.RdfFormat.N_TRIPLES), format="nt")


def nt(term: object) -> str:
    """An rdflib term as N-Triples text, the form expected_rows uses."""
    if term is None:
        return ""
    assert isinstance(term, URIRef | Literal)
    return term.n3()


def rows_from(body: bytes, fmt: str) -> list[tuple[str, ...]]:
    """Rows of a results document parsed by rdflib (not by the library that wrote it)."""
    result = Result.parse(io.BytesIO(body), format=fmt)
    return [tuple(nt(term) for term in row) for row in result]  # type: ignore[union-attr]


def lexical(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """What CSV keeps of each term: its IRI or lexical form."""
    return [tuple(_lexical(cell) for cell in row) for row in rows]


def _lexical(cell: str) -> str:
    if cell.startswith("<"):
        return cell[1:-1]
    if cell.startswith('"'):
        return json.loads(cell[: cell.rindex('"') + 1])
    return cell


def wrapper(server: Server, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.url + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_select_json_and_xml(server: Server, store: ox.Store, method: str) -> None:
    want = expected_rows(store, SELECT)
    assert len(want) > 10 and any(row[3] == "" for row in want)  # unbound values are in the test
    sparql = wrapper(server, SELECT, JSON)
    sparql.setMethod(method)
    data = sparql.queryAndConvert()
    assert data["head"]["vars"] == ["film", "title", "year", "distributor"]
    assert rows_from(json.dumps(data).encode(), "json") == want
    sparql = wrapper(server, SELECT, XML)
    sparql.setMethod(method)
    assert rows_from(sparql.queryAndConvert().toxml().encode(), "xml") == want


def test_sparqlwrapper_select_csv_and_tsv(server: Server, store: ox.Store) -> None:
    want = expected_rows(store, SELECT)
    tsv = wrapper(server, SELECT, TSV).queryAndConvert()
    assert rows_from(tsv, "tsv") == want
    csv_body = wrapper(server, SELECT, CSV).queryAndConvert()
    assert csv_body.decode().splitlines()[0] == "film,title,year,distributor"
    assert [tuple(str(t or "") for t in row) for row in Result.parse(io.BytesIO(csv_body), format="csv")] == (
        lexical(want)
    )


@pytest.mark.parametrize(("query", "answer"), [(ASK_TRUE, True), (ASK_FALSE, False)])
def test_sparqlwrapper_ask(server: Server, query: str, answer: bool) -> None:
    assert wrapper(server, query, JSON).queryAndConvert()["boolean"] is answer
    xml = wrapper(server, query, XML).queryAndConvert().toxml()
    assert f"<boolean>{str(answer).lower()}</boolean>" in xml


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE])
def test_sparqlwrapper_graphs(server: Server, store: ox.Store, query: str, fmt: str) -> None:
    want = expected_graph(store, query)
    assert len(want) > 5
    result = wrapper(server, query, fmt).queryAndConvert()
    got = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
    assert set(got) == set(want)


RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/trig": "trig",
    "application/rdf+xml": "xml",
}


def curl(*args: str) -> tuple[int, dict[str, str], bytes]:
    """Run curl; its status, headers (lower-case names) and body."""
    done = subprocess.run(
        ["curl", "-sS", "-D", "-", "--max-time", "60", *args], capture_output=True, check=True
    )
    head, _, body = done.stdout.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


@pytest.mark.parametrize("media_type", [*RESULT_TYPES, "text/csv"])
@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_curl_select_every_format(server: Server, store: ox.Store, media_type: str, how: str) -> None:
    url = server.url + "/sparql"
    request = {
        "get": ["-G", "--data-urlencode", f"query={SELECT}", url],
        "form": ["--data-urlencode", f"query={SELECT}", url],
        "direct": ["-H", "Content-Type: application/sparql-query", "--data-binary", SELECT, url],
    }[how]
    status, headers, body = curl("-H", f"Accept: {media_type}", *request)
    assert status == 200
    assert headers["content-type"].startswith(media_type)
    want = expected_rows(store, SELECT)
    if media_type == "text/csv":
        got = [tuple(str(t or "") for t in row) for row in Result.parse(io.BytesIO(body), format="csv")]
        assert got == lexical(want)
    else:
        assert rows_from(body, RESULT_TYPES[media_type]) == want


@pytest.mark.parametrize("media_type", list(GRAPH_TYPES))
def test_curl_construct_every_format(server: Server, store: ox.Store, media_type: str) -> None:
    status, headers, body = curl(
        "-H", f"Accept: {media_type}", "--data-urlencode", f"query={CONSTRUCT}", server.url + "/sparql"
    )
    assert status == 200 and headers["content-type"].startswith(media_type)
    assert set(Graph().parse(data=body, format=GRAPH_TYPES[media_type])) == set(
        expected_graph(store, CONSTRUCT)
    )


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("application/sparql-results+json;q=0.1, text/tab-separated-values", "text/tab-separated-values"),
        ("*/*;q=0.1, text/csv", "text/csv"),
        ("application/sparql-results+json;q=0, */*", "application/sparql-results+xml"),
        ("text/*;q=0.9, application/json;q=0.95", "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
    ],
)
def test_q_values_choose_the_format(server: Server, accept: str, chosen: str) -> None:
    with server.client() as client:
        r = client.get("/sparql", params={"query": ASK_TRUE}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == chosen
    assert "accept" in r.headers["vary"].lower()


def test_q_values_for_graphs(server: Server) -> None:
    with server.client() as client:
        accept = "text/turtle;q=0.2, application/n-triples;q=0.8, application/sparql-results+json"
        r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/n-triples")


@pytest.mark.parametrize(("query", "accept"), [(SELECT, "image/png"), (CONSTRUCT, "text/csv")])
def test_406_when_nothing_is_acceptable(server: Server, query: str, accept: str) -> None:
    with server.client() as client:
        r = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert r.status_code == 406
    assert r.headers["content-type"].startswith("text/plain")
    wanted = "text/turtle" if query is CONSTRUCT else "application/sparql-results+json"
    assert wanted in r.text


def test_format_parameter_overrides_accept(server: Server, store: ox.Store) -> None:
    with server.client() as client:
        r = client.get("/sparql", params={"query": SELECT, "format": "tsv"}, headers={"Accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/tab-separated-values")
    assert rows_from(r.content, "tsv") == expected_rows(store, SELECT)


def count(server: Server, query: str, **params: object) -> int:
    with server.client() as client:
        r = client.get("/sparql", params={"query": query, **params}, headers={"Accept": "application/json"})
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_dataset_from_the_protocol_and_from_the_query(server: Server, store: ox.Store) -> None:
    def embedded(query: str, **kwargs: object) -> int:
        return int(next(iter(store.query(query, **kwargs)))["n"].value)  # type: ignore[call-overload]

    everything = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    entities = embedded(everything, default_graph=[ox.NamedNode(ENTITIES)])
    union = embedded(everything, use_default_graph_as_union=True)
    assert 0 < entities < union
    assert count(server, everything) == union  # no dataset: the union of all graphs
    assert count(server, everything, **{"default-graph-uri": ENTITIES}) == entities
    assert count(server, f"SELECT (COUNT(*) AS ?n) FROM <{ENTITIES}> {{ ?s ?p ?o }}") == entities
    named = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
    assert count(server, named, **{"named-graph-uri": ENTITIES}) == entities


def test_service_description(server: Server) -> None:
    with server.client() as client:
        r = client.get("/sparql", headers={"Accept": "text/turtle"})
        assert (
            client.get("/sparql", headers={"Accept": "text/html"}).status_code == 303
        )  # a browser: the page
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    endpoint = URIRef(server.url + "/sparql")
    assert (endpoint, SD.endpoint, endpoint) in g
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Update) not in g
    formats = set(g.objects(endpoint, SD.resultFormat))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_CSV") in formats
    assert URIRef("http://www.w3.org/ns/formats/JSON-LD") in formats
    assert URIRef(ENTITIES) in set(g.objects(None, SD.name))


def test_cors(server: Server) -> None:
    with server.client() as client:
        r = client.get("/sparql", params={"query": ASK_TRUE}, headers={"Origin": "http://elsewhere.example"})
        assert r.headers["access-control-allow-origin"] == "*"
        pre = client.options(
            "/sparql",
            headers={
                "Origin": "http://elsewhere.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
    assert pre.status_code == 200
    assert "POST" in pre.headers["access-control-allow-methods"]
    assert "content-type" in pre.headers["access-control-allow-headers"].lower()


def test_each_request_is_logged(server: Server) -> None:
    with server.client() as client:
        client.get("/sparql", params={"query": ASK_TRUE})
    lines = [line for line in server.log_text().splitlines() if "GET /sparql 200" in line]
    assert lines and lines[-1].rstrip().endswith("ms")


def test_answers_stay_correct_under_32_concurrent_clients(server: Server, store: ox.Store) -> None:
    """The load test of bench/serve_load.py, briefly: every answer is compared with the embedded store's."""
    from bench.serve_load import load, scenarios

    for scenario in scenarios(store):
        report = load(server.url, scenario, clients=32, seconds=2)
        assert report.requests > 32
        assert report.failed == [] and report.wrong == 0


@pytest.mark.parametrize("media_type", ["text/csv", "text/tab-separated-values"])
@pytest.mark.parametrize(("query", "answer"), [(ASK_TRUE, b"true"), (ASK_FALSE, b"false")])
def test_curl_ask_in_csv_and_tsv(server: Server, media_type: str, query: str, answer: bytes) -> None:
    status, headers, body = curl(
        "-H", f"Accept: {media_type}", "--data-urlencode", f"query={query}", server.url + "/sparql"
    )
    assert status == 200 and headers["content-type"].startswith(media_type)
    assert body.strip() == answer


def test_remote_query_of_pariskg_reads_this_endpoint(server: Server, out: Path) -> None:
    """`pariskg query --endpoint` (the remote client of this project) gets what the embedded store gives."""
    command = [sys.executable, "-m", "graph", "query", "cast", "-p", "film=Paris"]
    local = subprocess.run([*command, "--out", str(out)], capture_output=True, text=True, check=True)
    remote = subprocess.run(
        [*command, "--endpoint", server.url + "/sparql"], capture_output=True, text=True, check=True
    )
    assert "Romain Duris" in local.stdout
    assert remote.stdout == local.stdout


def test_in_memory_workers_give_the_same_answers(out: Path, store: ox.Store, tmp_path: Path) -> None:
    from tests.serving import start_server, stop_server

    running = start_server(out, tmp_path / "server.log", "--in-memory", "--workers", "1")
    try:
        assert rows_from(wrapper(running, SELECT, TSV).queryAndConvert(), "tsv") == expected_rows(
            store, SELECT
        )
    finally:
        stop_server(running)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "graph",
            "serve",
            "--out",
            str(out),
            "--in-memory",
            "--allow-update",
            "--token",
            "x",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "--in-memory" in done.stderr
