"""Read the TMDB 5000 movies table (tmdb_5000_movies.csv, from The Movie Database's API): one film
per row with its release date, genres, keywords, companies, countries, language, money and votes.

The list columns hold JSON, parsed as JSON. A budget or revenue of 0 means unknown, not zero, and
gives no amount. The TMDB id is the key (three titles occur twice for different films). A row that
cannot be read (wrong column count, JSON that does not parse, a date that is not a date) is kept
out with its row number; the rest of the file is read.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.namespace import PC
from graph.sources.film_facts import (
    RowError,
    add_amount,
    add_audience_rating,
    add_company,
    add_country,
    add_duration,
    add_words,
    decimal_number,
    whole_number,
)
from graph.sources.reading import Context
from graph.sources.records import Entity, Records
from graph.sources.tables import open_table, table_records
from graph.text import squash

META = {
    "publisher": "The Movie Database (TMDB), via the Kaggle 'TMDB 5000 Movie Dataset'",
    "url": "https://www.kaggle.com/datasets/tmdb/tmdb-movie-metadata",
    "licence": "https://www.themoviedb.org/api-terms-of-use",
    "origin": "This product uses the TMDB API but is not endorsed or certified by TMDB.",
    "file": "tmdb_5000_movies.csv",
}
REQUIRED = ("id", "title", "release_date")
JSON_COLUMNS = ("genres", "keywords", "production_companies", "production_countries", "spoken_languages")
TMDB_MOVIE = "https://www.themoviedb.org/movie/"
_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def read(path: Path, ctx: Context) -> Records:
    """Records of the TMDB movies table: one film per readable row."""
    records = Records()
    columns, rows = open_table(path, {}, REQUIRED)
    seen: dict[str, int] = {}
    for number, rec in table_records(columns, rows, records):
        tmdb_id = rec["id"].strip()
        if tmdb_id in seen:
            records.rejected.append((number, f"TMDB id {tmdb_id} already on row {seen[tmdb_id]}"))
            continue
        try:
            _add_film(records, rec)
        except RowError as err:
            records.rejected.append((number, str(err)))
            continue
        seen[tmdb_id] = number
    return records


def _json_list(rec: dict[str, str], column: str) -> list[dict[str, Any]]:
    cell = rec.get(column, "").strip()
    if not cell:
        return []
    try:
        value = json.loads(cell)
    except json.JSONDecodeError as err:
        raise RowError(f"{column} is not JSON ({err.msg} at character {err.pos})") from None
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise RowError(f"{column} is not a JSON list of objects")
    return value


def _add_film(records: Records, rec: dict[str, str]) -> None:
    """Check every cell of one row first, then add its records (a bad row adds nothing)."""
    tmdb_id = rec["id"].strip()
    if not tmdb_id.isdigit():
        raise RowError(f"id '{tmdb_id}' is not a TMDB id (a whole number)")
    title = squash(rec["title"])
    if not title:
        raise RowError("no title")
    released = None
    if rec["release_date"].strip():
        try:
            released = date.fromisoformat(rec["release_date"].strip())
        except ValueError:
            raise RowError(f"release_date '{rec['release_date']}' is not a date (YYYY-MM-DD)") from None
    lists = {c: _json_list(rec, c) for c in JSON_COLUMNS}
    budget = whole_number(rec.get("budget", ""), "budget")
    revenue = whole_number(rec.get("revenue", ""), "revenue")
    runtime = whole_number(rec.get("runtime", ""), "runtime")
    votes = whole_number(rec.get("vote_count", ""), "vote_count")
    score = decimal_number(rec.get("vote_average", ""), "vote_average")

    film = f"film:tmdb:{tmdb_id}"
    records.add_entity(
        Entity(film, SDO.Movie, title, year=released.year if released else None, folder="film")
    )
    records.add_claim(film, PC.tmdbId, tmdb_id)
    records.add_claim(film, SDO.sameAs, URIRef(TMDB_MOVIE + tmdb_id))
    original = squash(rec.get("original_title", ""))
    if original and original != title:
        records.add_claim(film, SDO.alternateName, original)
    if released:
        records.add_claim(film, SDO.datePublished, released)
    add_words(records, film, SDO.genre, [g.get("name", "") for g in lists["genres"]])
    add_words(records, film, SDO.keywords, [k.get("name", "") for k in lists["keywords"]])
    for company in lists["production_companies"]:
        add_company(records, film, str(company.get("name", "")))
    for country in lists["production_countries"]:
        add_country(records, film, str(country.get("name", "")), country.get("iso_3166_1"))
    if rec.get("original_language", "").strip():
        records.add_claim(film, SDO.inLanguage, rec["original_language"].strip())
    add_amount(records, film, PC.budget, "TMDB budget", budget, "USD")
    add_amount(records, film, PC.revenue, "TMDB revenue", revenue, "USD", "worldwide")
    add_duration(records, film, runtime)
    add_audience_rating(records, film, "TMDB users", score, votes)
    for column, prop in (("overview", SDO.description), ("tagline", SDO.headline)):
        if squash(rec.get(column, "")):
            records.add_claim(film, prop, squash(rec[column]))
    homepage = rec.get("homepage", "").strip()
    if _IRI.match(homepage):  # a cell that is not an address is not made into a broken IRI
        records.add_claim(film, SDO.url, URIRef(homepage))
    if rec.get("status", "").strip() and rec["status"].strip() != "Released":
        records.add_claim(film, SDO.creativeWorkStatus, rec["status"].strip())
