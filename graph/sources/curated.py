"""Read data/curated/*.toml: hand-kept background facts and name lists, each with its source.

Tables: [[person]], [[group]] (a name that stands for several people: "Coen Brothers"),
[[film]], [[series]], [[music]], [[place]], [[organization]], [[festival]]. One file, one source.
A cues file ([cues]) holds the words that cue relations in free text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.errors import CuratedDataError
from graph.namespace import PC
from graph.sources.common import add_cast, named_ref
from graph.sources.documents import read_toml, source_id
from graph.sources.records import Entity, Records, Ref, Year

PLACE_TYPES: dict[str, URIRef] = {
    "Country": SDO.Country,
    "City": SDO.City,
    "Arrondissement": PC.Arrondissement,
    "Quarter": PC.Quarter,
    "Landmark": SDO.LandmarksOrHistoricalBuildings,
    "Continent": SDO.Continent,
    "Fictional": SDO.Place,
    "Place": SDO.Place,
}

TABLES = ("person", "group", "film", "series", "music", "place", "organization", "festival")


@dataclass
class CuratedSource:
    """One curated file: its records, its groups, and what its [source] table says."""

    path: Path
    source_id: str
    meta: dict[str, Any]
    records: Records
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _table_lines(text: str, table: str) -> list[int]:
    """Line numbers of each ``[[table]]`` header, so an error can point at its record."""
    header = re.compile(r"^[ \t]*\[\[\s*" + re.escape(table) + r"\s*\]\]", re.MULTILINE)
    return [text.count("\n", 0, m.start()) + 1 for m in header.finditer(text)]


class _Builder:
    """Turns the tables of one curated file into records, checking each field as it goes."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.records = Records()
        self.groups: dict[str, tuple[str, ...]] = {}

    def fail(self, table: str, index: int, message: str) -> CuratedDataError:
        lines = _table_lines(self.text, table)
        line = lines[index] if index < len(lines) else None
        return CuratedDataError(f"[[{table}]] record {index + 1}: {message}", self.path, line)

    def field_str(
        self, row: dict[str, Any], key: str, table: str, i: int, required: bool = False
    ) -> str | None:
        value = row.get(key)
        if value is None:
            if required:
                raise self.fail(table, i, f"missing '{key}'")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(table, i, f"'{key}' must be a non-empty string")
        return value.strip()

    def field_list(self, row: dict[str, Any], key: str, table: str, i: int) -> list[str]:
        value = row.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(table, i, f"'{key}' must be a list of strings")
        return [v.strip() for v in value]

    def named(self, table: str, i: int, row: dict[str, Any], cls: URIRef, folder: str) -> str:
        """Add the named entity of one row with its alternate names and source; return its ref."""
        name = self.field_str(row, "name", table, i, required=True)
        assert name is not None
        year = row.get("year")
        if year is not None and not isinstance(year, int):
            raise self.fail(table, i, "'year' must be a whole number")
        ref = named_ref(folder, name, year)
        self.records.add_entity(Entity(ref, cls, name, year=year, folder=folder))
        for alt in self.field_list(row, "alternate_names", table, i):
            self.records.add_claim(ref, SDO.alternateName, alt)
        source = self.field_str(row, "source", table, i)
        if source is None:
            raise self.fail(table, i, "missing 'source': say where the fact comes from")
        self.records.add_claim(ref, SDO.sameAs, URIRef(source))
        if year is not None:
            self.records.add_claim(ref, SDO.datePublished, Year(year))
        return ref

    def person(self, name: str) -> str:
        ref = named_ref("person", name)
        self.records.add_entity(Entity(ref, SDO.Person, name, folder="person"))
        return ref

    def place_named(self, name: str, cls: URIRef) -> str:
        """A place another record names; its own [[place]] record (any file) says more of it."""
        ref = named_ref("place", name)
        self.records.add_entity(Entity(ref, cls, name, folder="place"))
        return ref

    def credits(self, ref: str, row: dict[str, Any], table: str, i: int) -> None:
        for name in self.field_list(row, "directors", table, i):
            self.records.add_claim(ref, SDO.director, Ref(self.person(name)))
        for name in self.field_list(row, "actors", table, i):
            add_cast(self.records, ref, self.person(name))

    def add_row(self, table: str, i: int, row: dict[str, Any]) -> None:
        if table == "person":
            ref = self.named(table, i, row, SDO.Person, "person")
            for job in self.field_list(row, "occupations", table, i):
                self.records.add_claim(ref, SDO.jobTitle, job)
        elif table == "group":
            name = self.field_str(row, "name", table, i, required=True)
            members = self.field_list(row, "members", table, i)
            if not members:
                raise self.fail(table, i, "a group needs 'members'")
            assert name is not None
            self.groups[name] = tuple(members)
            for member in members:
                self.person(member)
        elif table == "film":
            self.credits(self.named(table, i, row, SDO.Movie, "film"), row, table, i)
        elif table == "series":
            self.credits(self.named(table, i, row, SDO.CreativeWorkSeries, "series"), row, table, i)
        elif table == "music":
            ref = self.named(table, i, row, SDO.MusicComposition, "music")
            composer = self.field_str(row, "composer", table, i)
            if composer:
                self.records.add_claim(ref, SDO.composer, Ref(self.person(composer)))
        elif table == "place":
            self.place(i, row)
        elif table == "organization":
            ref = self.named(table, i, row, SDO.Organization, "organization")
            country = self.field_str(row, "country", table, i)
            if country:
                self.records.add_claim(ref, SDO.location, Ref(self.place_named(country, SDO.Country)))
        elif table == "festival":
            self.named(table, i, row, SDO.Festival, "event")

    def place(self, i: int, row: dict[str, Any]) -> None:
        kind = self.field_str(row, "type", "place", i) or "Place"
        if kind not in PLACE_TYPES:
            raise self.fail("place", i, f"unknown type '{kind}'; known: {', '.join(PLACE_TYPES)}")
        ref = self.named("place", i, row, PLACE_TYPES[kind], "place")
        for demonym in self.field_list(row, "demonyms", "place", i):  # "Parisian": a text's word for it
            self.records.add_claim(ref, PC.demonym, demonym)
        parent = self.field_str(row, "contained_in", "place", i)
        if parent:
            self.records.add_claim(ref, SDO.containedInPlace, Ref(self.place_named(parent, SDO.Place)))
        for key, prop in (("latitude", SDO.latitude), ("longitude", SDO.longitude)):
            value = row.get(key)
            if value is not None:
                if not isinstance(value, int | float):
                    raise self.fail("place", i, f"'{key}' must be a number")
                self.records.add_claim(ref, prop, float(value))


def read_curated(path: Path) -> CuratedSource:
    """Read one curated file into records; errors name the file and the line of the record."""
    data = read_toml(path)
    text = path.read_text(encoding="utf-8")
    builder = _Builder(path, text)
    unknown = set(data) - set(TABLES) - {"source"}
    if unknown:
        raise CuratedDataError(
            f"unknown table(s) {', '.join(sorted(unknown))}; known: source, {', '.join(TABLES)}", path
        )
    for table in TABLES:
        rows = data.get(table, [])
        if not isinstance(rows, list):
            raise CuratedDataError(f"'{table}' must be written [[{table}]]", path)
        for i, row in enumerate(rows):
            builder.add_row(table, i, row)
    return CuratedSource(
        path, f"curated-{source_id(path)}", data.get("source", {}), builder.records, builder.groups
    )


@dataclass(frozen=True)
class Cues:
    """The cue words of data/curated/cues.toml (language, not facts)."""

    crew_roles: dict[str, str] = field(default_factory=dict)
    list_markers: tuple[str, ...] = ()
    talent: tuple[str, ...] = ()
    revenue: tuple[str, ...] = ()
    budget: tuple[str, ...] = ()
    worldwide: tuple[str, ...] = ()
    festival_roles: tuple[str, ...] = ()
    festival_sections: tuple[str, ...] = ()
    music: tuple[str, ...] = ()
    section_labels: dict[str, str] = field(default_factory=dict)
    comparisons: tuple[str, ...] = ()
    currencies: dict[str, str] = field(default_factory=dict)
    multipliers: dict[str, int] = field(default_factory=dict)
    setting_before: tuple[str, ...] = ()  # words before a place that put a story there ("in", "to")
    not_places: tuple[str, ...] = ()  # phrases holding a place's name that name no place


def read_cues(path: Path) -> Cues:
    """Read the cue words; an unknown key is an error that names the file."""
    data = read_toml(path).get("cues", {})
    known = Cues.__dataclass_fields__
    unknown = set(data) - set(known)
    if unknown:
        raise CuratedDataError(f"unknown cue list(s): {', '.join(sorted(unknown))}", path)
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    return Cues(**values)
