"""What protects the endpoint: bad queries, media types, graphs, bodies, results and slow queries
get their status and a plain message; updates need --allow-update and the token."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.serving import TOKEN, Server, start_server, stop_server

ASK = "ASK { ?s ?p ?o }"
# a triple cross product of the seed graph: some 4e10 solutions, minutes of work
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
EVERYTHING = "SELECT * WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def limited(out: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The seed build behind small limits: 1 s, one worker, 20 kB answers, 2 kB bodies."""
    log = tmp_path_factory.mktemp("limited") / "server.log"
    limits = ["--timeout", "1", "--workers", "1", "--max-result-bytes", "20000", "--max-body-bytes", "2000"]
    running = start_server(out, log, *limits)
    yield running
    stop_server(running)


def test_malformed_query_gives_400_with_line_and_column(server: Server) -> None:
    query = "PREFIX schema: <https://schema.org/>\nSELECT ?film WHERE {\n  ?film schema:name }\n"
    with server.client() as client:
        r = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/plain")
    m = re.match(r"query:(\d+):(\d+): SPARQL syntax error", r.text)
    assert m is not None, r.text
    line, column = int(m.group(1)), int(m.group(2))
    assert line == 3  # the line of the unfinished triple, and the caret under its column
    assert "  ?film schema:name }" in r.text
    caret = r.text.splitlines()[-1]
    assert caret.index("^") - 4 == column - 1


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", None])
def test_unsupported_media_type_gives_415(server: Server, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    with server.client() as client:
        r = client.post("/sparql", content=ASK, headers=headers)
    assert r.status_code == 415
    assert "application/sparql-query" in r.text


def test_unknown_graph_gives_404(server: Server) -> None:
    with server.client() as client:
        r = client.get(
            "/sparql", params={"query": ASK, "default-graph-uri": "https://example.org/no-such-graph"}
        )
    assert r.status_code == 404
    assert "https://example.org/no-such-graph" in r.text


def test_update_is_refused_without_allow_update(server: Server) -> None:
    update = 'INSERT DATA { <urn:x> <urn:p> "x" }'
    with server.client() as client:
        r = client.post(
            "/sparql",
            content=update,
            headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
        )
        assert r.status_code == 403
        assert client.get("/sparql", params={"query": "ASK { <urn:x> ?p ?o }"}).json()["boolean"] is False


def test_update_needs_the_token(update_server: Server) -> None:
    update = 'PREFIX schema: <https://schema.org/> INSERT DATA { <urn:test:film> schema:name "Token test" }'
    check = "ASK { <urn:test:film> ?p ?o }"
    with update_server.client() as client:
        missing = client.post("/sparql", data={"update": update})
        wrong = client.post("/sparql", data={"update": update}, headers={"Authorization": "Bearer nope"})
        assert client.get("/sparql", params={"query": check}).json()["boolean"] is False
        right = client.post("/sparql", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert client.get("/sparql", params={"query": check}).json()["boolean"] is True
        described = client.get("/sparql", headers={"Accept": "text/turtle"}).text
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    assert wrong.status_code == 401 and "invalid_token" in wrong.headers["www-authenticate"]
    assert right.status_code == 204
    assert "sd:SPARQL11Update" in described


def test_bad_update_gives_400_and_changes_nothing(update_server: Server) -> None:
    update = "INSERT DATA { <urn:test:a> <urn:p> 1 } ; DELETE WHERE { ?s ?p }"
    with update_server.client() as client:
        r = client.post(
            "/sparql",
            content=update,
            headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
        )
        assert r.status_code == 400 and "query:1:" in r.text
        assert (
            client.get("/sparql", params={"query": "ASK { <urn:test:a> ?p ?o }"}).json()["boolean"] is False
        )


def test_body_over_the_limit_gives_413(limited: Server) -> None:
    padding = "#" + "x" * 3000 + "\n"
    with limited.client() as client:
        r = client.post(
            "/sparql", content=padding + ASK, headers={"Content-Type": "application/sparql-query"}
        )
        small = client.post("/sparql", content=ASK, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413 and "2,000 bytes" in r.text
    assert small.status_code == 200


def test_result_over_the_limit_gives_422(limited: Server) -> None:
    with limited.client() as client:
        r = client.get("/sparql", params={"query": EVERYTHING})
        small = client.get("/sparql", params={"query": EVERYTHING + " LIMIT 5"})
    assert r.status_code == 422 and "20,000 bytes" in r.text and "LIMIT" in r.text
    assert small.status_code == 200 and len(small.json()["results"]["bindings"]) == 5


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie has exited: it only waits to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_slow_query_is_stopped_and_the_service_goes_on(limited: Server) -> None:
    before = limited.worker_pids()
    assert len(before) == 1  # --workers 1: the one worker that will run the slow query
    with limited.client() as client:
        r = client.get("/sparql", params={"query": SLOW})
        assert r.status_code == 503
        assert "stopped after 1 s" in r.text
        # the query is not left running: its process is gone (killed, not merely abandoned)
        (old,) = before
        assert not _alive(old)
        # and the next queries are answered by a fresh worker (once it has opened the store)
        deadline, answer = time.monotonic() + 60, client.get("/sparql", params={"query": ASK})
        while answer.status_code == 503 and "busy" in answer.text and time.monotonic() < deadline:
            answer = client.get("/sparql", params={"query": ASK})
        assert answer.status_code == 200 and answer.json()["boolean"] is True
    assert limited.worker_pids() and not (limited.worker_pids() & before)
    assert os.path.exists(f"/proc/{limited.process.pid}")


def test_error_while_running_gives_500_with_the_reason(server: Server) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"  # a port no one serves
    with server.client() as client:
        r = client.get("/sparql", params={"query": query})
        assert client.get("/sparql", params={"query": ASK}).status_code == 200  # the worker lives on
    assert r.status_code == 500
    assert r.text.startswith("the query failed while running:") and "9" in r.text
