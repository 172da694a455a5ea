"""Linked Data: each entity IRI of the graph dereferences, by content negotiation, to a page for
people (303 to /page/…) or an RDF document for machines (303 to /data/….ttl, .jsonld…)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import FOAF

from graph.store.embedded import STORE_DIR
from tests.serving import TOKEN, Server, start_server, stop_server

R = "https://w3id.org/paris-cinema/resource/"
FILM = R + "film/paris-2008"
SCHEMA = "https://schema.org/"


def union_triples(store: ox.Store, iri: str) -> set[tuple[str, str, str]]:
    """The triples with ``iri`` as subject in the embedded store, all graphs together, as N-Triples text."""
    return {
        (str(q.subject), str(q.predicate), str(q.object))
        for q in store.quads_for_pattern(ox.NamedNode(iri), None, None)
    }


def as_text(g: Graph) -> set[tuple[str, str, str]]:
    return {(s.n3(), p.n3(), o.n3()) for s, p, o in g}


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "/page/film/paris-2008"),
        ("text/turtle", "/data/film/paris-2008.ttl"),
        ("application/ld+json", "/data/film/paris-2008.jsonld"),
        ("application/n-triples, text/turtle;q=0.5", "/data/film/paris-2008.nt"),
        ("application/trig", "/data/film/paris-2008.trig"),
        ("*/*", "/page/film/paris-2008"),
    ],
)
def test_resource_answers_303_by_accept(server: Server, accept: str, target: str) -> None:
    with server.client() as client:
        r = client.get("/resource/film/paris-2008", headers={"Accept": accept})
    assert r.status_code == 303
    assert r.headers["location"] == target
    assert "accept" in r.headers["vary"].lower()


def test_turtle_document_describes_the_entity(server: Server, store: ox.Store) -> None:
    with server.client(follow_redirects=True) as client:
        r = client.get("/resource/film/paris-2008", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    assert union_triples(store, FILM) <= as_text(g)  # every fact about it, from every source
    assert (URIRef(str(r.url)), FOAF.primaryTopic, URIRef(FILM)) in g
    role = URIRef(R + "role/paris-2008--juliette-binoche")  # a cast role comes with its actor
    assert (role, URIRef(SCHEMA + "actor"), URIRef(R + "person/juliette-binoche")) in g
    # and the claims about it with their words
    quotes = {str(o) for o in g.objects(None, URIRef("https://w3id.org/paris-cinema/ontology#quote"))}
    assert "Romain Duris" in quotes


def test_every_document_format_says_the_same(server: Server) -> None:
    graphs = {}
    with server.client() as client:
        for ext, fmt in (("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"), ("rdf", "xml")):
            r = client.get(f"/data/film/paris-2008.{ext}")
            assert r.status_code == 200, r.text
            g = Graph().parse(data=r.text, format=fmt)
            g.remove((None, FOAF.primaryTopic, None))  # names the document, whose URL differs
            graphs[ext] = as_text(g)
        trig = client.get("/data/film/paris-2008.trig").text
    assert graphs["ttl"] == graphs["jsonld"] == graphs["nt"] == graphs["rdf"]
    ds = Dataset()
    ds.parse(data=trig, format="trig")
    source = URIRef(R + "source/000-a5fd348b64338ad4")  # the film page states who directed it
    director = (URIRef(FILM), URIRef(SCHEMA + "director"), URIRef(R + "person/cedric-klapisch"))
    assert director in ds.graph(source)


@pytest.mark.parametrize(
    "path", ["/resource/film/no-such-film", "/page/film/no-such-film", "/data/film/no-such-film.ttl"]
)
def test_unknown_entity_gives_404(server: Server, path: str) -> None:
    with server.client() as client:
        r = client.get(path, headers={"Accept": "text/turtle"})
    assert r.status_code == 404
    assert R + "film/no-such-film" in r.text


def test_curl_follows_the_iri_to_turtle(server: Server, store: ox.Store) -> None:
    done = subprocess.run(
        ["curl", "-sSL", "-H", "Accept: text/turtle", server.url + "/resource/person/juliette-binoche"],
        capture_output=True,
        check=True,
        text=True,
    )
    g = Graph().parse(data=done.stdout, format="turtle")
    assert union_triples(store, R + "person/juliette-binoche") <= as_text(g)


@pytest.fixture(scope="module")
def other_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A tiny store whose IRIs live under another base, served with --base."""
    out = tmp_path_factory.mktemp("other-base") / "out"
    out.mkdir()
    store = ox.Store(str(out / STORE_DIR))
    thing, graph = (
        ox.NamedNode("http://example.org/kg/resource/thing/a"),
        ox.NamedNode("http://example.org/g"),
    )
    store.add(ox.Quad(thing, ox.NamedNode(SCHEMA + "name"), ox.Literal("Thing A"), graph))
    store.add(
        ox.Quad(
            thing,
            ox.NamedNode(SCHEMA + "about"),
            ox.NamedNode("http://example.org/kg/resource/thing/b"),
            graph,
        )
    )
    store.flush()
    del store
    running = start_server(out, out.parent / "server.log", "--base", "http://example.org/kg/")
    yield running
    stop_server(running)


def test_base_maps_published_iris_to_local_paths(other_base: Server) -> None:
    with other_base.client(follow_redirects=True) as client:
        data = client.get("/resource/thing/a", headers={"Accept": "application/n-triples"})
        page = client.get("/resource/thing/a", headers={"Accept": "text/html"})
        assert client.get("/resource/film/paris-2008").status_code == 404  # not under this base
    assert '<http://example.org/kg/resource/thing/a> <https://schema.org/name> "Thing A"' in data.text
    assert "Thing A" in page.text and 'href="/resource/thing/b"' in page.text


def test_html_page_escapes_names(update_server: Server) -> None:
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    update = f"""PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    INSERT DATA {{ <{R}person/evil> a schema:Person ; schema:name "{evil}" ; rdfs:label "{evil}" ;
                     schema:sameAs <javascript:alert(3)> . }}"""
    with update_server.client() as client:
        r = client.post("/sparql", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 204, r.text
        page = client.get("/page/person/evil").text
    assert evil not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
