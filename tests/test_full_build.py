"""The full build: the seeds and every open dataset of ../shared/data, resolved into one graph
that passes SHACL, with the facts a user checks first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pytest

from graph.build.summary import BuildReport
from graph.resolve.report import load
from graph.store.embedded import open_store
from tests.conftest import DATASETS, select

if TYPE_CHECKING:
    from playwright.sync_api import Browser

R = "https://w3id.org/paris-cinema/resource/"


@pytest.fixture(scope="module")
def store(full: tuple[Path, BuildReport]) -> ox.Store:
    return open_store(full[0])


def test_full_build_conforms_and_accounts_for_every_row(full: tuple[Path, BuildReport]) -> None:
    _out, report = full
    assert report.validation is not None and report.validation.conforms, report.validation
    assert report.kept_out == []
    kinds = {d.kind: d for d in report.datasets}
    assert set(kinds) == {k for k, _ in DATASETS}
    assert kinds["paris-filming-permits"].rows_read == 14760
    assert kinds["tmdb-movies"].rows_read == 4803
    assert kinds["imdb-movies"].rows_read == 5043
    for d in report.datasets:
        assert d.kept + len(d.kept_out) == d.rows_read


def test_emily_in_paris_has_its_shoots_at_addresses_in_their_arrondissements(store: ox.Store) -> None:
    ((shoots, placed, arrondissements),) = select(
        store,
        """SELECT (COUNT(DISTINCT ?s) AS ?n) (COUNT(DISTINCT ?placed) AS ?p) (COUNT(DISTINCT ?arr) AS ?a) {
             ?series a schema:TVSeries ; schema:name "Emily in Paris" .
             ?s pc:shotFor ?series ; schema:location ?address .
             OPTIONAL { ?address schema:containedInPlace ?arr . ?arr a pc:Arrondissement . }
             BIND(IF(BOUND(?arr), ?s, ?unbound) AS ?placed) }""",
    )
    assert int(shoots) > 200
    assert placed == shoots  # every shoot's address lies in an arrondissement
    assert int(arrondissements) > 10


def test_a_director_written_several_ways_is_one_person(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT DISTINCT ?p ?name { ?p schema:alternateName "FRANCOIS OZON", "Francois Ozon" ;
                                        schema:name ?name }""",
    )
    assert rows == [(R + "person/francois-ozon", "François Ozon")]
    films = select(
        store, f"SELECT (COUNT(DISTINCT ?f) AS ?n) {{ ?f schema:director <{R}person/francois-ozon> }}"
    )
    assert int(films[0][0]) >= 5


def test_a_film_in_tmdb_and_imdb_is_one_film_with_both_identifiers(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT DISTINCT ?f ?imdb ?tmdb { ?f schema:name "Amélie" ; pc:imdbId ?imdb ; pc:tmdbId ?tmdb }""",
    )
    assert rows == [(R + "film/amelie-2001", "tt0211915", "194")]
    same = {r[0] for r in select(store, f"SELECT ?x {{ <{R}film/amelie-2001> schema:sameAs ?x }}")}
    assert same == {"https://www.imdb.com/title/tt0211915/", "https://www.themoviedb.org/movie/194"}


def test_seed_films_and_people_are_the_entities_the_datasets_name(store: ox.Store) -> None:
    def graphs(iri: str) -> set[str]:
        rows = select(store, f"SELECT DISTINCT ?g {{ GRAPH ?g {{ <{iri}> ?p ?o }} }}")
        return {r[0].rsplit("/", 1)[-1] for r in rows}

    film = graphs(R + "film/paris-je-t-aime-2006")
    assert {"003-05483f7db1d84f53", "movie-metadata", "tmdb-5000-movies"} <= film
    assert {"000-a5fd348b64338ad4", "movie-metadata", "lieux-de-tournage-a-paris"} <= graphs(
        R + "person/cedric-klapisch"
    )
    assert (
        len(select(store, 'SELECT DISTINCT ?f { ?f a schema:Movie ; schema:name "Paris, je t\'aime" }')) == 1
    )


def test_the_resolution_report_explains_merges_and_keeps_namesakes_apart(
    full: tuple[Path, BuildReport],
) -> None:
    report = load(full[0])
    amelie = next(m for m in report["merges"] if m["iri"] == R + "film/amelie-2001")
    assert any("same title and year 2001" in e for e in amelie["evidence"])
    assert any("years differ" in n["reason"] for n in report["near-misses"])
    assert any(c["fact"] == "year" for c in report["conflicts"])


def test_the_map_draws_every_permit_shoot_offline(store: ox.Store, browser: Browser, tmp_path: Path) -> None:
    from graph.picture.shootmap import write_map
    from tests.test_map import open_offline

    data = write_map(store, tmp_path / "map.html")
    placed = "?s a pc:Shoot ; schema:location ?p . ?p schema:latitude ?lat"
    n = int(select(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {placed} }}")[0][0])
    in_area = f"{placed} ; schema:containedInPlace ?a . ?a a pc:Arrondissement"
    inside = select(store, f"SELECT DISTINCT ?s WHERE {{ {in_area} }}")
    assert len(data.shoots) == n > 14_000 and len(data.areas) == 20
    context, opened = open_offline(browser, tmp_path / "map.html")
    try:
        assert opened.errors == [] and opened.requests == [opened.url]
        assert opened.page.inner_text("#counts").startswith(f"{n:,} of {n:,} shoots shown")
        assert sum(opened.page.evaluate("window.pariskgMap.areaCounts()")) == len(inside)
    finally:
        context.close()
