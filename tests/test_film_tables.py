"""The TMDB and IMDb film tables: read as their SOURCE.md says (JSON cells, 0 = unknown, ';' and
',' files, the trailing no-break space, duplicate rows), bad rows reported, films resolved."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import URIRef
from rdflib.namespace import SDO

from graph.namespace import PC
from graph.resolve.entities import resolve
from graph.resolve.model import Resolution, Source
from graph.sources import imdb, tmdb
from graph.sources.reading import Context
from graph.sources.records import Entity, Records, Ref
from tests.conftest import ROOT, SHARED_DATA

FIXTURES = ROOT / "tests" / "fixtures"
SHARED = SHARED_DATA


def claims_of(records: Records, subject: str, prop: URIRef) -> list[object]:
    return [c.obj for c in records.claims if c.subject == subject and c.prop == prop]


@pytest.fixture(scope="module")
def tmdb_sample() -> Records:
    return tmdb.read(FIXTURES / "tmdb-sample.csv", Context())


def test_tmdb_json_cells_become_genres_keywords_companies_countries(tmdb_sample: Records) -> None:
    film, ents = "film:tmdb:2768", tmdb_sample.entities
    assert tmdb_sample.entities[film].name == "Paris, je t'aime"
    assert tmdb_sample.entities[film].year == 2006
    assert set(claims_of(tmdb_sample, film, SDO.genre)) == {"Drama", "Romance"}
    assert set(claims_of(tmdb_sample, film, SDO.keywords)) == {"paris", "anthology"}
    companies = {
        tmdb_sample.entities[r.ref].name for r in claims_of(tmdb_sample, film, SDO.productionCompany)
    }
    assert companies == {"Victoires International", "Pirol Film Production"}
    countries = {ents[r.ref].name for r in claims_of(tmdb_sample, film, SDO.countryOfOrigin)}
    assert countries == {"France", "United States of America"}
    assert claims_of(tmdb_sample, film, PC.tmdbId) == ["2768"]


def test_tmdb_zero_budget_is_unknown_not_zero(tmdb_sample: Records) -> None:
    assert claims_of(tmdb_sample, "film:tmdb:2768", PC.budget) == []  # budget 0
    assert len(claims_of(tmdb_sample, "film:tmdb:2768", PC.revenue)) == 1
    assert claims_of(tmdb_sample, "film:tmdb:194", PC.revenue) == []  # revenue 0
    (amount,) = claims_of(tmdb_sample, "film:tmdb:194", PC.budget)
    assert isinstance(amount, Ref)
    assert claims_of(tmdb_sample, amount.ref, SDO.value) == [7000000]
    assert claims_of(tmdb_sample, amount.ref, SDO.currency) == ["USD"]


def test_tmdb_bad_rows_are_reported_with_row_and_reason_and_the_rest_is_read(tmdb_sample: Records) -> None:
    reasons = dict(tmdb_sample.rejected)
    assert "genres is not JSON" in reasons[3]
    assert "release_date '2010-13-45' is not a date" in reasons[4]
    assert "film:tmdb:9999" not in tmdb_sample.entities  # a bad row adds nothing
    assert tmdb_sample.rows_read == 6
    assert tmdb_sample.rows_read - len(tmdb_sample.rejected) == 4


@pytest.mark.parametrize("name", ["imdb-sample-semicolon.csv", "imdb-sample-comma.csv"])
def test_imdb_both_separators_no_break_space_and_duplicates(name: str) -> None:
    records = imdb.read(FIXTURES / name, Context())
    film = "film:imdb:tt0401711"
    assert records.entities[film].name == "Paris, je t'aime"  # no trailing U+00A0
    assert claims_of(records, film, PC.imdbId) == ["tt0401711"]
    assert claims_of(records, film, SDO.sameAs) == [URIRef("https://www.imdb.com/title/tt0401711/")]
    assert any("1 duplicate rows" in n for n in records.notes)
    assert dict(records.rejected) == {5: "title_year 'soon' is not a number"}
    actors = {
        records.entities[p.ref].name
        for c in records.claims
        if c.prop == SDO.actor and c.subject.startswith("role:film:imdb:tt0401711")
        for p in [c.obj]
        if isinstance(p, Ref)
    }
    assert actors == {"Natalie Portman", "Juliette Binoche", "Elijah Wood"}


def test_imdb_budget_currency_only_where_the_table_implies_it() -> None:
    records = imdb.read(FIXTURES / "imdb-sample-semicolon.csv", Context())
    (korean,) = claims_of(records, "film:imdb:tt0468492", PC.budget)
    assert isinstance(korean, Ref)
    assert claims_of(records, korean.ref, SDO.currency) == []  # won, not dollars: not said
    assert claims_of(records, korean.ref, SDO.value) == [11000000000]


def _resolve_samples() -> tuple[Resolution, Records, Records]:
    t = tmdb.read(FIXTURES / "tmdb-sample.csv", Context())
    i = imdb.read(FIXTURES / "imdb-sample-semicolon.csv", Context())
    return resolve([Source("tmdb", t), Source("imdb", i)]), t, i


def test_a_film_in_both_tables_is_one_film_with_both_identifiers() -> None:
    res, _t, _i = _resolve_samples()
    assert res.of("tmdb", "film:tmdb:2768") == res.of("imdb", "film:imdb:tt0401711")
    # Amélie: TMDB's original title is an alternate name; English title and year agree
    assert res.of("tmdb", "film:tmdb:194") == res.of("imdb", "film:imdb:tt0211915")
    merge = next(m for m in res.merges if m.iri == res.of("imdb", "film:imdb:tt0401711"))
    assert any("same title and year 2006" in e for e in merge.evidence)


def test_two_films_of_one_title_stay_two_and_the_right_one_merges() -> None:
    res, _t, _i = _resolve_samples()
    host_2013, host_2006 = res.of("tmdb", "film:tmdb:9997"), res.of("tmdb", "film:tmdb:9996")
    assert host_2013 != host_2006
    assert res.of("imdb", "film:imdb:tt0468492") == host_2006
    assert any(n.key == "the host" and "different TMDB ids" in n.reason for n in res.near_misses)


def test_one_person_in_every_spelling() -> None:
    sources = []
    for sid, name in (("a", "FRANCOIS OZON"), ("b", "François Ozon"), ("c", "Francois Ozon")):
        r = Records()
        r.add_entity(Entity("p", SDO.Person, name, folder="person"))
        sources.append(Source(sid, r))
    res = resolve(sources)
    assert res.of("a", "p") == res.of("b", "p") == res.of("c", "p")
    assert res.name[res.of("a", "p")] == "François Ozon"


def _film(records: Records, ref: str, title: str, *, year: int | None = None, director: str = "") -> None:
    from graph.sources.common import named_ref

    records.add_entity(Entity(ref, SDO.Movie, title, year=year, folder="film"))
    if director:
        person = named_ref("person", director)
        records.add_entity(Entity(person, SDO.Person, director, folder="person"))
        records.add_claim(ref, SDO.director, Ref(person))


def _shot(records: Records, production: str, day: str) -> None:
    from datetime import date

    shoot = f"shoot:{production}{day}"
    records.add_entity(Entity(shoot, PC.Shoot, key=(day,), folder="shoot"))
    records.add_claim(shoot, PC.shotFor, Ref(production))
    records.add_claim(shoot, SDO.startDate, date.fromisoformat(day))


def test_a_permit_film_joins_the_released_film_when_window_and_director_agree() -> None:
    permits, table = Records(), Records()
    _film(permits, "film:the-film", "THE FILM", director="JANE DOE")
    _shot(permits, "film:the-film", "2015-06-01")
    _film(permits, "film:other", "OTHER FILM", director="JANE DOE")
    _shot(permits, "film:other", "2015-06-01")
    _film(permits, "film:nodir", "NO DIRECTOR")
    _shot(permits, "film:nodir", "2015-06-01")
    _film(table, "f1", "The Film", year=2016, director="Jane Doe")
    _film(table, "f2", "Other Film", year=2001, director="Jane Doe")  # released before it was shot
    _film(table, "f3", "No Director", year=2016, director="John Roe")
    res = resolve([Source("permits", permits), Source("table", table)])
    assert res.of("permits", "film:the-film") == res.of("table", "f1")
    assert res.of("permits", "film:other") != res.of("table", "f2")
    assert res.of("permits", "film:nodir") != res.of("table", "f3")
    merge = next(m for m in res.merges if m.iri == res.of("table", "f1"))
    assert any("shot 2015, released 2016, director jane doe" in e for e in merge.evidence)
    reasons = [n.reason for n in res.near_misses]
    assert any("not in the 3 years after the shoot" in r for r in reasons)


def test_films_one_year_apart_join_when_their_running_times_agree() -> None:
    from graph.sources.film_facts import add_duration

    a, b = Records(), Records()
    for ref, year, minutes in (("f1", 2004, 100), ("f2", 2010, 90)):
        _film(a, ref, f"Film {ref}", year=year)
        add_duration(a, ref, minutes)
    for ref, year, minutes in (("f1", 2005, 102), ("f2", 2011, 120)):
        _film(b, ref, f"Film {ref}", year=year)
        add_duration(b, ref, minutes)
    res = resolve([Source("a", a), Source("b", b)])
    assert res.of("a", "f1") == res.of("b", "f1")  # 100 and 102 minutes
    assert res.of("a", "f2") != res.of("b", "f2")  # 90 and 120 minutes
    merge = next(m for m in res.merges if m.iri == res.of("a", "f1"))
    assert any("one apart and running time agrees" in e for e in merge.evidence)


def test_running_time_is_an_xsd_duration_in_the_source_graph(tmdb_sample: Records) -> None:
    from rdflib import XSD, Literal

    from graph.make import rdf

    res = resolve([Source("tmdb", tmdb_sample)])
    quads = rdf.new_dataset()
    rdf.add_source_claims(quads, Source("tmdb", tmdb_sample), res, None)
    film = res.of("tmdb", "film:tmdb:194")
    durations = [o for s, p, o, _g in quads if s == film and p == SDO.duration]
    assert durations == [Literal("PT122M", datatype=XSD.duration)]
    assert durations[0].datatype == XSD.duration


def test_namesakes_in_other_roles_and_decades_are_two_people() -> None:
    old, new = Records(), Records()
    _film(old, "f", "Old Film", year=1950)
    from graph.sources.common import add_cast, named_ref

    old.add_entity(Entity(named_ref("person", "John Smith"), SDO.Person, "John Smith", folder="person"))
    add_cast(old, "f", named_ref("person", "John Smith"))
    _film(new, "g", "New Film", year=2019, director="John Smith")
    res = resolve([Source("old", old), Source("new", new)])
    assert res.of("old", "person:john smith") != res.of("new", "person:john smith")
    assert any("careers 69 years apart" in n.reason for n in res.near_misses)


def test_companies_join_once_legal_suffixes_are_folded() -> None:
    from graph.resolve.evidence import organization_key

    assert organization_key("CHI-FOU-MI PRODUCTIONS") == organization_key("Chi Fou Mi Production")
    assert organization_key("GAUMONT SAS") == "gaumont"
    assert organization_key("Productions") == "productions"  # never folded to nothing
    a, b = Records(), Records()
    a.add_entity(Entity("o", SDO.Organization, "LES FILMS DU LENDEMAIN SARL", folder="organization"))
    b.add_entity(Entity("o", SDO.Organization, "Les Films du Lendemain", folder="organization"))
    res = resolve([Source("a", a), Source("b", b)])
    assert res.of("a", "o") == res.of("b", "o")


@pytest.mark.skipif(not (SHARED / "imdb_5000").exists(), reason="shared data not present")
def test_real_imdb_table_counts_match_its_source_md() -> None:
    records = imdb.read(SHARED / "imdb_5000" / "movie_metadata.csv", Context())
    films = [e for e in records.entities.values() if e.cls == SDO.Movie]
    assert records.rows_read == 5043
    assert len(films) == 5043 - 124  # one film per title id (and the row without a link)
    assert not any(e.name.endswith(("\xa0", " ")) for e in films if e.name)
    assert records.rows_read == len(films) + 124 + len(records.rejected)  # kept + duplicates + out


@pytest.mark.skipif(not (SHARED / "tmdb_5000").exists(), reason="shared data not present")
def test_real_tmdb_table_reads_every_row() -> None:
    records = tmdb.read(SHARED / "tmdb_5000" / "tmdb_5000_movies.csv", Context())
    assert records.rows_read == 4803 and records.rejected == []
    budgets = [c for c in records.claims if c.prop == PC.budget]
    assert len(budgets) == 4803 - 1037  # budget 0 for 1,037 films: unknown, no amount
    ratings = [c.obj for c in records.claims if c.prop == SDO.ratingValue]
    assert ratings and all(isinstance(v, Decimal) for v in ratings)
