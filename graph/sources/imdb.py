"""Read the IMDB 5000 movie table (movie_metadata.csv, scraped from IMDb in 2016): one film per
row with its director, three top-billed actors, genres, plot keywords, language, country, budget,
gross, score and votes, and its IMDb title id.

The title id (tt0499549) is the key: it becomes pc:imdbId (Wikidata P345) and schema:sameAs the
IMDb page, and rows repeating an id collapse into one film, counted. Both ';' and ',' files are
read (with or without the extra ``index`` column); titles lose their trailing non-breaking space.
Budgets are in the film's own currency: only a USA film's budget is said to be in USD.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.namespace import PC
from graph.sources.common import add_cast, named_ref
from graph.sources.film_facts import (
    RowError,
    add_amount,
    add_audience_rating,
    add_country,
    add_duration,
    add_words,
    decimal_number,
    whole_number,
)
from graph.sources.reading import Context
from graph.sources.records import Entity, Records, Ref, Year
from graph.sources.tables import open_table, table_records
from graph.text import squash

META = {
    "publisher": "IMDb, via the Kaggle 'IMDB 5000 Movie Dataset' (chuansun76)",
    "url": "https://www.kaggle.com/datasets/carolzhangdc/imdb-5000-movie-dataset",
    "origin": "Scraped from IMDb pages in 2016; IMDb's terms apply to the underlying data.",
    "file": "movie_metadata.csv",
}
REQUIRED = ("director_name", "actor_1_name", "movie_title", "movie_imdb_link", "title_year")
IMDB_TITLE = "https://www.imdb.com/title/"
_TITLE_ID = re.compile(r"/title/(tt\d{7,8})")


def title_id(link: str) -> str | None:
    """``http://www.imdb.com/title/tt0499549/?ref_=fn_tt_tt_1`` -> ``tt0499549``."""
    m = _TITLE_ID.search(link)
    return m.group(1) if m else None


def read(path: Path, ctx: Context) -> Records:
    """Records of the IMDb table: films, their people, and what the table says of them."""
    records = Records()
    columns, rows = open_table(path, {}, REQUIRED)
    seen: dict[str, int] = {}
    duplicates = 0
    for number, cells in table_records(columns, rows, records):
        rec = {k: v.replace("\xa0", " ") for k, v in cells.items()}
        tt = title_id(rec["movie_imdb_link"])
        if tt and tt in seen:
            duplicates += 1
            continue
        try:
            _add_film(records, rec, tt)
        except RowError as err:
            records.rejected.append((number, str(err)))
            continue
        if tt:
            seen[tt] = number
        else:
            records.notes.append(f"row {number}: no IMDb link; the film is kept by title and year")
    records.notes.append(f"{duplicates} duplicate rows (same IMDb id) collapsed into their first row")
    return records


def _add_film(records: Records, rec: dict[str, str], tt: str | None) -> None:
    """Check every cell of one row first, then add its records (a bad row adds nothing)."""
    title = squash(rec["movie_title"])
    if not title:
        raise RowError("no title")
    year = whole_number(rec["title_year"], "title_year")
    if year is not None and not 1870 <= year <= 2100:
        raise RowError(f"title_year '{rec['title_year']}' is not a year")
    duration = whole_number(rec.get("duration", ""), "duration")
    budget = whole_number(rec.get("budget", ""), "budget")
    gross = whole_number(rec.get("gross", ""), "gross")
    votes = whole_number(rec.get("num_voted_users", ""), "num_voted_users")
    score = decimal_number(rec.get("imdb_score", ""), "imdb_score")

    film = f"film:imdb:{tt}" if tt else named_ref("film", title, year)
    records.add_entity(Entity(film, SDO.Movie, title, year=year, folder="film"))
    if tt:
        records.add_claim(film, PC.imdbId, tt)
        records.add_claim(film, SDO.sameAs, URIRef(f"{IMDB_TITLE}{tt}/"))
    if year:
        records.add_claim(film, SDO.datePublished, Year(year))
    for name in _people(rec["director_name"]):
        person = named_ref("person", name)
        records.add_entity(Entity(person, SDO.Person, name, folder="person"))
        records.add_claim(film, SDO.director, Ref(person))
    for column in ("actor_1_name", "actor_2_name", "actor_3_name"):
        for name in _people(rec.get(column, "")):
            person = named_ref("person", name)
            records.add_entity(Entity(person, SDO.Person, name, folder="person"))
            add_cast(records, film, person)
    add_words(records, film, SDO.genre, rec.get("genres", "").split("|"))
    add_words(records, film, SDO.keywords, rec.get("plot_keywords", "").split("|"))
    if squash(rec.get("language", "")):
        records.add_claim(film, SDO.inLanguage, squash(rec["language"]))
    country = squash(rec.get("country", ""))
    add_country(records, film, country)
    if squash(rec.get("content_rating", "")):
        records.add_claim(film, SDO.contentRating, squash(rec["content_rating"]))
    add_duration(records, film, duration)
    add_amount(records, film, PC.budget, "IMDb budget", budget, "USD" if country == "USA" else None)
    add_amount(records, film, PC.revenue, "IMDb gross", gross, "USD", "US box office")
    add_audience_rating(records, film, "IMDb users", score, votes)


def _people(cell: str) -> list[str]:
    name = squash(cell)
    return [name] if name else []
