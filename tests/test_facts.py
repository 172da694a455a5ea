"""Every fact the three seed documents state reaches the graph, with its source and span."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.conftest import ask, select

PARIS = "https://w3id.org/paris-cinema/resource/film/paris-2008"
PJT = "https://w3id.org/paris-cinema/resource/film/paris-je-t-aime-2006"
FILM_PAGE = "https://w3id.org/paris-cinema/resource/source/000-a5fd348b64338ad4"
REVIEW = "https://w3id.org/paris-cinema/resource/source/002-5d5dd595a84e6b66"
PRESS = "https://w3id.org/paris-cinema/resource/source/003-05483f7db1d84f53"


def names(store: ox.Store, query: str) -> set[str]:
    return {row[0] for row in select(store, query)}


def test_credits_of_the_film_page(store: ox.Store) -> None:
    assert names(store, f"SELECT ?n {{ <{PARIS}> schema:director/schema:name ?n }}") == {"Cédric Klapisch"}
    cast = names(store, f"SELECT ?n {{ <{PARIS}> schema:actor/schema:actor/schema:name ?n }}")
    assert len(cast) == 15
    assert {"Juliette Binoche", "Romain Duris", "Fabrice Luchini", "Mélanie Laurent", "Xavier Robic"} <= cast


def test_credits_of_the_press_page(store: ox.Store) -> None:
    directors = names(store, f"SELECT ?n {{ <{PJT}> schema:director/schema:name ?n }}")
    assert {
        "Joel Coen",
        "Ethan Coen",
        "Gus Van Sant",
        "Gurinder Chadha",
        "Wes Craven",
        "Walter Salles",
        "Alexander Payne",
        "Olivier Assayas",
        "Alfonso Cuarón",
    } == directors
    actors = names(store, f"SELECT ?n {{ <{PJT}> schema:actor/schema:actor/schema:name ?n }}")
    assert actors == {"Juliette Binoche", "Natalie Portman", "Elijah Wood", "Willem Dafoe"}


@pytest.mark.parametrize(
    ("actor", "character"),
    [
        ("Fabrice Luchini", "Roland Verneuil"),  # film page cast list
        ("Karin Viard", "La boulangère"),
        ("Xavier Robic", "Arthur Delamare – le présentateur télé"),
        ("Romain Duris", "Pierre"),  # the embedded review: "Pierre (Klapisch favorite, Romain Duris)"
        ("Juliette Binoche", "Élise"),
        ("Albert Dupontel", "Jean"),
        ("Julie Ferrier", "Caroline"),
        ("François Cluzet", "Philippe Verneuil"),
    ],
)
def test_characters_of_paris(store: ox.Store, actor: str, character: str) -> None:
    rows = names(
        store,
        f"""SELECT ?c {{ <{PARIS}> schema:actor ?r . ?r schema:actor/schema:name "{actor}" ;
                             schema:characterName ?c }}""",
    )
    assert character in rows


def test_character_in_a_compared_film(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?film ?c { ?f schema:actor ?r ; schema:name ?film .
        ?r schema:actor/schema:name "Corinne Marchand" ; schema:characterName ?c }""",
    )
    assert rows == [("Cléo de 5 à 7", "Cleo")]


def test_dates(store: ox.Store) -> None:
    dates = {r[0] for r in select(store, f"SELECT (STR(?d) AS ?s) {{ <{PARIS}> schema:datePublished ?d }}")}
    assert dates == {"2008", "2008-02-20"}
    assert select(store, f"SELECT ?d {{ <{PRESS}> schema:datePublished ?d }}") == [("2007-07-06",)]


def test_ratings(store: ox.Store) -> None:
    assert select(
        store,
        f"""SELECT ?v ?best ?n {{ <{PARIS}> schema:aggregateRating ?r .
        ?r schema:ratingValue ?v ; schema:bestRating ?best ; schema:ratingCount ?n }}""",
    ) == [("6.8", "10", "5339")]
    assert select(
        store,
        f"""SELECT ?v ?best {{ <{PARIS}> pc:criticScore ?r .
        ?r schema:ratingValue ?v ; schema:bestRating ?best }}""",
    ) == [("68", "100")]
    assert select(
        store, f"""SELECT ?v {{ <{PARIS}> schema:review/schema:reviewRating/schema:ratingValue ?v }}"""
    ) == [("9",)]


def test_money(store: ox.Store) -> None:
    rows = set(
        select(
            store,
            f"""SELECT (STR(?p) AS ?what) ?v ?cur (COALESCE(STR(?d), "") AS ?date)
        (COALESCE(STR(?sc), "") AS ?screens) (COALESCE(?m, "") AS ?market) {{
        {{ <{PARIS}> ?p ?a }} UNION {{ <{PJT}> ?p ?a }}
        ?a schema:value ?v ; schema:currency ?cur .
        OPTIONAL {{ ?a pc:asOf ?d }} OPTIONAL {{ ?a pc:screens ?sc }} OPTIONAL {{ ?a pc:market ?m }} }}""",
        )
    )
    pc = "https://w3id.org/paris-cinema/ontology#"
    assert rows == {
        (pc + "openingWeekend", "46518", "USD", "2009-09-20", "6", ""),
        (pc + "grossToDate", "1005168", "USD", "2009-12-20", "", ""),
        (pc + "revenue", "48000000", "USD", "", "", "worldwide"),
        (pc + "budget", "13100000", "USD", "", "", ""),
    }
    assert select(store, f"SELECT ?n {{ <{PJT}> pc:distributionCountryCount ?n }}") == [("58",)]


def test_places_with_containment(store: ox.Store) -> None:
    chain = select(
        store,
        f"""SELECT ?n {{ <{PARIS}> pc:filmingLocation/schema:containedInPlace* ?p .
        ?p schema:name ?n . {{ SELECT ?p (COUNT(DISTINCT ?up) AS ?depth)
        {{ ?p schema:containedInPlace* ?up }} GROUP BY ?p }} }} ORDER BY DESC(?depth)""",
    )
    assert [r[0] for r in dict.fromkeys(chain)] == [
        "Basilique du Sacré-Cœur",
        "Montmartre",
        "18th arrondissement of Paris",
        "Paris",
        "France",
    ]
    assert select(store, f"SELECT ?n {{ <{PJT}> schema:contentLocation/schema:name ?n }}")[0] == ("Paris",)


def test_organizations(store: ox.Store) -> None:
    assert set(
        select(
            store,
            f"""SELECT ?n ?c {{ <{PARIS}> pc:distributor ?d .
        ?d schema:name ?n ; schema:location/schema:name ?c }}""",
        )
    ) == {("Mars Distribution", "France")}
    mentioned = names(
        store, f"SELECT ?n {{ <{PRESS}> schema:mentions ?o . ?o a schema:Organization ; schema:name ?n }}"
    )
    assert mentioned == {"World Trade Organization", "IMDb"}


def test_review_links_are_hypotheses(store: ox.Store) -> None:
    # the second seed never names its film: an unidentified film node, and a hypothesis apart
    film = select(store, f"SELECT ?f {{ <{REVIEW}> schema:itemReviewed ?f }}")[0][0]
    assert film.endswith("unidentified--002-5d5dd595a84e6b66")
    assert not ask(store, f"ASK {{ <{film}> schema:name ?n }}")
    assert ask(store, f"ASK {{ <{film}> pc:identified false }}")
    rows = select(
        store,
        f"""SELECT ?title ?conf {{ GRAPH <https://w3id.org/paris-cinema/graph/hypotheses> {{
        ?h pc:textAbout <{film}> ; pc:candidate ?c ; pc:confidence ?conf }} ?c schema:name ?title }}""",
    )
    assert rows == [("L'Appartement", "0.667")]
    assert not ask(store, f'ASK {{ <{REVIEW}> schema:itemReviewed ?c . ?c schema:name "L\'Appartement" }}')
    cast = names(store, f"SELECT ?n {{ <{film}> schema:actor/schema:actor/schema:name ?n }}")
    assert cast == {"Monica Bellucci", "Vincent Cassel"}
    assert names(store, f"SELECT ?n {{ <{film}> schema:musicBy/schema:name ?n }}") == {"Charles Aznavour"}


def test_review_mentions_but_does_not_credit_a_comparison(store: ox.Store) -> None:
    mentioned = names(store, f"SELECT ?n {{ <{REVIEW}> schema:mentions/schema:name ?n }}")
    assert {"David Lynch", "Gotham City", "Paris"} <= mentioned
    assert not ask(store, 'ASK { ?f schema:director/schema:name "David Lynch" }')


def test_mentioned_films(store: ox.Store) -> None:
    review = "https://w3id.org/paris-cinema/resource/review/000-a5fd348b64338ad4--user-review"
    films = set(
        select(
            store,
            f"""SELECT ?n (STR(?y) AS ?year) {{ <{review}> schema:mentions ?f .
        ?f a schema:Movie ; schema:name ?n ; schema:datePublished ?y FILTER (DATATYPE(?y) = xsd:gYear) }}""",
        )
    )
    assert films >= {
        ("Chacun cherche son chat", "1996"),
        ("L'Auberge espagnole", "2002"),
        ("Les Poupées russes", "2005"),
        ("Cléo de 5 à 7", "1962"),
        ("Paris vu par...", "1965"),
        ("Tirez sur le pianiste", "1960"),
    }
    assert names(
        store, """SELECT ?n { ?f schema:name "Cléo de 5 à 7" ; schema:director/schema:name ?n }"""
    ) == {"Agnès Varda"}
    known_for = set(
        select(store, "SELECT ?p ?w { ?x pc:knownFor ?y . ?x schema:name ?p . ?y schema:name ?w }")
    )
    assert ("Alfonso Cuarón", "Gravity") in known_for
    assert ("Juliette Binoche", "The English Patient") in known_for


def test_music(store: ox.Store) -> None:
    assert set(
        select(
            store,
            f"""SELECT ?w ?c {{ <{PARIS}> pc:featuresMusic ?m . ?m schema:name ?w ;
        schema:composer/schema:name ?c }}""",
        )
    ) == {("Gymnopédie No. 1", "Erik Satie")}


def test_festival(store: ox.Store) -> None:
    rows = select(
        store,
        f"""SELECT ?fest (STR(?y) AS ?year) ?section ?role {{ <{PJT}> pc:festivalSelection ?s .
        ?s pc:festival ?e ; pc:festivalSection ?section ; pc:selectionRole ?role .
        ?e schema:superEvent/schema:name ?fest ; schema:startDate ?y }}""",
    )
    assert set(rows) == {("Cannes Film Festival", "2006", "Un Certain Regard", "opening film")}


def test_franchise_and_crew_counts(store: ox.Store) -> None:
    assert set(
        select(
            store,
            f"""SELECT ?n (STR(?y) AS ?start) {{ <{PJT}> pc:partOfFranchise ?f .
        ?f schema:name ?n ; pc:firstWork <{PJT}> ; schema:startDate ?y }}""",
        )
    ) == {("Cities of Love", "2000")}
    counts = dict(
        select(store, f"SELECT ?r ?n {{ <{PJT}> pc:crewCount ?c . ?c pc:crewRole ?r ; pc:count ?n }}")
    )
    assert counts == {
        "director": "24",
        "writer": "34",
        "lead actor": "43",
        "cinematographer": "18",
        "editor": "10",
    }


def test_every_span_quotes_its_source(store: ox.Store) -> None:
    """The quote of each claim is exactly the repaired text of its source between its offsets."""
    from graph.sources.documents import find_documents, read_document
    from tests.conftest import DATA

    texts = {
        f"https://w3id.org/paris-cinema/resource/source/{d.source_id}": d.text
        for d in map(read_document, find_documents(DATA / "documents"))
    }
    rows = select(
        store,
        """SELECT ?src ?a ?b ?q { ?st a rdf:Statement ; prov:wasDerivedFrom ?src ;
        pc:spanStart ?a ; pc:spanEnd ?b ; pc:quote ?q }""",
    )
    assert len(rows) > 250
    for src, a, b, quote in rows:
        assert texts[src][int(a) : int(b)] == quote


def test_encoding_repair_is_recorded(store: ox.Store) -> None:
    rows = select(store, f"SELECT ?b ?a {{ <{REVIEW}> pc:repair ?r . ?r pc:before ?b ; pc:after ?a }}")
    assert any("Ã\xa0 la" in before and "à la" in after for before, after in rows)
    assert any(before == "<br />" for before, _ in rows)


def test_page_date_and_unread_passages_are_reported(store: ox.Store, built) -> None:  # type: ignore[no-untyped-def]
    assert select(store, f"SELECT (STR(?d) AS ?s) {{ <{FILM_PAGE}> schema:datePublished ?d }}") == [
        ("2008-02-20",)
    ]
    _, report = built
    assert [line.split(": ", 1)[0].rsplit(":", 1)[1] for line in report.unread] == ["75", "92", "95"]
    assert all("000_a5fd348b64338ad4.txt" in line for line in report.unread)
