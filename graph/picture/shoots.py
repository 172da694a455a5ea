"""The shoots of the filming permits as the map needs them, read from the store with SPARQL.

A shoot (``pc:Shoot``) has dates, a kind of production, the production it filmed and an
address with coordinates, which lies in an arrondissement; the arrondissements carry their
outlines as GeoSPARQL WKT (``geo:hasGeometry/geo:asWKT``). Values are read from the union of
the named graphs, where a fact stated by two sources appears twice: every row is deduplicated.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from graph.errors import InputError
from graph.namespace import PREFIXES

__all__ = ["Area", "Production", "Shoot", "ShootData", "polygons", "read_shoots"]

Ring = list[tuple[float, float]]  # (lon, lat) points, as WKT and GeoJSON write them


@dataclass(frozen=True)
class Production:
    """A film or series that permits name: its title and directors."""

    iri: str
    title: str
    directors: tuple[str, ...]


@dataclass(frozen=True)
class Shoot:
    """A dated filming at one address, for one production."""

    iri: str
    start: str
    end: str
    kind: str
    production: str | None
    address: str
    lat: float
    lon: float
    arrondissement: str | None
    season: int | None = None


@dataclass(frozen=True)
class Area:
    """An arrondissement: its name, INSEE code and outline (polygons of rings)."""

    iri: str
    name: str
    insee: str
    polygons: tuple[tuple[Ring, ...], ...]


@dataclass(frozen=True)
class ShootData:
    """Everything the map draws, sorted (same store, same data)."""

    shoots: tuple[Shoot, ...]
    productions: dict[str, Production]
    areas: tuple[Area, ...]


SHOOTS = """
SELECT DISTINCT ?shoot ?start ?end ?kind ?production ?season ?place ?address ?lat ?lon ?area WHERE {
  ?shoot a pc:Shoot ; schema:startDate ?start ; schema:location ?place .
  ?place schema:latitude ?lat ; schema:longitude ?lon .
  OPTIONAL { ?shoot schema:endDate ?end }
  OPTIONAL { ?shoot pc:productionKind ?kind }
  OPTIONAL { ?shoot pc:shotFor ?production }
  OPTIONAL { ?shoot pc:seasonNumber ?season }
  OPTIONAL { ?place rdfs:label ?address }
  OPTIONAL { ?place schema:containedInPlace ?area . ?area a pc:Arrondissement }
}"""
PRODUCTIONS = """
SELECT DISTINCT ?production ?title ?director WHERE {
  ?shoot a pc:Shoot ; pc:shotFor ?production .
  OPTIONAL { ?production rdfs:label ?title }
  OPTIONAL { ?production schema:director/rdfs:label ?director }
}"""
AREAS = """
SELECT DISTINCT ?area ?name ?insee ?wkt WHERE {
  ?area a pc:Arrondissement ; geo:hasGeometry/geo:asWKT ?wkt .
  OPTIONAL { ?area rdfs:label ?name }
  OPTIONAL { ?area pc:inseeCode ?insee }
}"""
_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_POINT = re.compile(rf"({_NUMBER})\s+({_NUMBER})(?:\s+{_NUMBER})*")  # x y, and z or m when given
_SHAPE = re.compile(r"^\s*(?:<[^>]*>\s*)?(MULTIPOLYGON|POLYGON)\s*(?:ZM|Z|M)?\s*(\(.*\))\s*$", re.I | re.S)


def polygons(wkt: str) -> tuple[tuple[Ring, ...], ...]:
    """The polygons of a WKT ``POLYGON`` or ``MULTIPOLYGON`` (a CRS IRI in front is allowed).

    >>> polygons("POLYGON ((2 48, 3 48, 3 49, 2 48))")
    (([(2.0, 48.0), (3.0, 48.0), (3.0, 49.0), (2.0, 48.0)],),)

    Raises:
        ValueError: another geometry, or malformed text.
    """
    m = _SHAPE.match(wkt)
    if m is None:
        raise ValueError(f"not a WKT polygon or multipolygon: {wkt[:60]!r}")
    # "((2 48, 3 48))" -> "[[[2,48],[3,48]]]": the nesting of WKT is the nesting of JSON arrays
    text = _POINT.sub(r"[\1,\2]", m.group(2)).replace("(", "[").replace(")", "]")
    try:
        nested = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"malformed WKT ({err.msg})") from err
    shapes = nested if m.group(1).upper() == "MULTIPOLYGON" else [nested]
    return tuple(tuple([(float(x), float(y)) for x, y in ring] for ring in shape) for shape in shapes)


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    """The solutions of ``query`` on the union graph as plain strings (unbound: absent)."""
    result = store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    rows = []
    for row in result:
        rows.append({n: row[n].value for n in names if row[n] is not None})
    return rows


def read_shoots(store: ox.Store) -> ShootData:
    """The shoots with coordinates, the productions they filmed and the arrondissements' outlines.

    A shoot with two values for a field (two sources disagreeing) keeps the smallest one.

    Raises:
        InputError: an arrondissement's geometry is not a WKT polygon.
    """
    first: dict[str, dict[str, str]] = {}
    for row in sorted(_rows(store, SHOOTS), key=lambda r: sorted(r.items())):
        first.setdefault(row["shoot"], row)
    shoots = tuple(
        Shoot(
            iri=iri,
            start=r["start"],
            end=r.get("end", r["start"]),
            kind=r.get("kind", "unknown"),
            production=r.get("production"),
            address=r.get("address", ""),
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            arrondissement=r.get("area"),
            season=int(r["season"]) if r.get("season", "").isdigit() else None,
        )
        for iri, r in sorted(first.items())
    )
    titles: dict[str, str] = {}
    directors: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, PRODUCTIONS):
        iri = row["production"]
        if "title" in row and (iri not in titles or row["title"] < titles[iri]):
            titles[iri] = row["title"]
        if "director" in row:
            directors[iri].add(row["director"])
    productions = {
        iri: Production(iri, titles.get(iri, iri.rsplit("/", 1)[-1]), tuple(sorted(directors[iri])))
        for iri in sorted({s.production for s in shoots if s.production})
    }
    areas: dict[str, Area] = {}
    for row in sorted(_rows(store, AREAS), key=lambda r: sorted(r.items())):
        if row["area"] in areas:
            continue
        try:
            shape = polygons(row["wkt"])
        except ValueError as err:
            raise InputError(f"the outline of {row['area']} cannot be drawn: {err}") from err
        areas[row["area"]] = Area(row["area"], row.get("name", row["area"]), row.get("insee", ""), shape)
    ordered = tuple(sorted(areas.values(), key=lambda a: (a.insee, a.iri)))
    return ShootData(shoots, productions, ordered)
