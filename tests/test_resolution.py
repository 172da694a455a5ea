"""One IRI per real entity across all sources, aliases kept as alternate names."""

from __future__ import annotations

import pyoxigraph as ox

from graph.resolve.entities import resolve
from graph.resolve.model import Source
from graph.sources.records import Entity, Records
from tests.conftest import select

R = "https://w3id.org/paris-cinema/resource/"


def test_spellings_of_one_person_are_one_entity(store: ox.Store) -> None:
    rows = select(store, 'SELECT DISTINCT ?p { ?p schema:alternateName "Cedric Klapisch" }')
    assert rows == [(R + "person/cedric-klapisch",)]
    assert select(store, f"SELECT ?n {{ <{R}person/cedric-klapisch> schema:name ?n }}") == [
        ("Cédric Klapisch",)
    ]


def test_paris_of_all_three_documents_is_one_place(store: ox.Store) -> None:
    graphs = {
        r[0]
        for r in select(
            store,
            f"""SELECT DISTINCT ?g {{ GRAPH ?g {{
        {{ ?x ?p <{R}place/paris> }} UNION {{ <{R}place/paris> ?p ?x }} }} }}""",
        )
    }
    for source in ("000-a5fd348b64338ad4", "002-5d5dd595a84e6b66", "003-05483f7db1d84f53"):
        assert R + "source/" + source in graphs
    assert len(select(store, 'SELECT DISTINCT ?p { ?p a schema:City ; schema:name "Paris" }')) == 1


def test_sacre_coeur_spellings_are_one_landmark(store: ox.Store) -> None:
    alternates = {
        r[0]
        for r in select(store, f"SELECT ?a {{ <{R}place/basilique-du-sacre-coeur> schema:alternateName ?a }}")
    }
    assert {"Basilique du Sacré-Coeur", "Sacré-Coeur"} <= alternates
    sacre_coeur = select(
        store,
        """SELECT DISTINCT ?p { ?p a schema:LandmarksOrHistoricalBuildings ;
             schema:name|schema:alternateName ?n . FILTER(CONTAINS(LCASE(?n), "sacr")) }""",
    )
    assert len(sacre_coeur) == 1


def test_coen_brothers_are_two_people(store: ox.Store) -> None:
    rows = {
        r[0]
        for r in select(
            store, """SELECT ?n { ?f schema:name "Fargo" . ?p pc:knownFor ?f ; schema:name ?n }"""
        )
    }
    assert rows == {"Joel Coen", "Ethan Coen"}


def test_film_and_city_of_one_name_stay_apart(store: ox.Store) -> None:
    rows = select(store, 'SELECT DISTINCT ?x { ?x schema:name "Paris" }')
    assert sorted(r[0] for r in rows) == [R + "film/paris-2008", R + "place/paris"]


def test_iris_are_readable() -> None:
    from rdflib.namespace import SDO

    a = Records()
    a.add_entity(Entity("film:x", SDO.Movie, "Paris, je t'aime", year=2006, folder="film"))
    res = resolve([Source("a", a)])
    assert str(res.of("a", "film:x")) == R + "film/paris-je-t-aime-2006"


def test_same_title_different_years_are_two_films() -> None:
    from rdflib.namespace import SDO

    a, b = Records(), Records()
    a.add_entity(Entity("f", SDO.Movie, "Paris", year=2008, folder="film"))
    b.add_entity(Entity("f", SDO.Movie, "Paris", year=1937, folder="film"))
    res = resolve([Source("a", a), Source("b", b)])
    assert res.of("a", "f") != res.of("b", "f")
    assert any("years differ" in m.reason for m in res.near_misses)


def test_places_of_other_kinds_never_merge_and_a_plain_place_joins_its_kind() -> None:
    """A country and an arrondissement of one name stay two places (the near-miss says why);
    a place a source names without a kind joins the one place of its name."""
    from rdflib.namespace import SDO

    from graph.namespace import PC

    a, b, c = Records(), Records(), Records()
    a.add_entity(Entity("place:lu", SDO.Country, "Luxembourg", folder="place"))
    b.add_entity(Entity("place:6", PC.Arrondissement, "6th arrondissement of Paris", folder="place"))
    b.add_claim("place:6", SDO.alternateName, "Luxembourg")
    c.add_entity(Entity("place:p", SDO.Place, "6th arrondissement of Paris", folder="place"))
    res = resolve([Source("a", a), Source("b", b), Source("c", c)])
    assert res.of("a", "place:lu") != res.of("b", "place:6")
    assert res.of("c", "place:p") == res.of("b", "place:6")
    assert any("other kinds of place (arrondissement vs country)" in m.reason for m in res.near_misses)
