"""The neighbourhood of a place: the films shot within some metres of it, by the coordinates in
the graph (a landmark's own, and those of every filming location: permit addresses have theirs)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from graph.errors import EntityNotFoundError
from graph.namespace import PC
from graph.store.lookup import find_entity, solutions

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)
_COORDINATES = """
SELECT ?lat ?lon WHERE { ?place <https://schema.org/latitude> ?lat ; <https://schema.org/longitude> ?lon }
"""
_LOCATIONS = f"""
PREFIX schema: <https://schema.org/>
SELECT ?work ?title ?date ?place ?name ?lat ?lon WHERE {{
  ?work <{PC.filmingLocation}> ?place .
  ?place schema:latitude ?lat ; schema:longitude ?lon .
  OPTIONAL {{ ?place schema:name ?name }}
  OPTIONAL {{ ?work <http://www.w3.org/2000/01/rdf-schema#label> ?title }}
  OPTIONAL {{ ?work schema:datePublished ?date }}
}}"""
_SHOOTS = f"""
PREFIX schema: <https://schema.org/>
SELECT ?work ?place ?start WHERE {{
  ?shoot <{PC.shotFor}> ?work ; schema:location ?place ; schema:startDate ?start .
}}"""


@dataclass(frozen=True)
class NearbyFilm:
    """A film with a filming location within the radius: the nearest one, and how many."""

    film: str
    title: str
    year: str
    distance_m: float
    place: str
    place_name: str
    locations: int
    shoots: int
    first_shoot: str
    last_shoot: str


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points given in degrees.

    >>> round(haversine_m(48.88675, 2.34309, 48.8835, 2.3400))  # Sacré-Cœur to rue des Martyrs
    426
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def coordinates(store: ox.Store, place: ox.NamedNode, name: str) -> tuple[float, float]:
    """The latitude and longitude of ``place``; a place without them says so."""
    query = _COORDINATES.replace("?place", f"<{place.value}>")
    for row in solutions(store, query):
        return float(row["lat"].value), float(row["lon"].value)
    raise EntityNotFoundError(
        f"'{name}' ({place.value}) has no coordinates in the graph",
        hint="give a landmark or an address with schema:latitude and schema:longitude",
    )


def films_near(store: ox.Store, place_name: str, metres: float) -> list[NearbyFilm]:
    """Films with a filming location within ``metres`` of the place named ``place_name``,
    nearest first (then by title)."""
    if metres < 0:
        raise EntityNotFoundError(f"a distance cannot be negative ({metres} m)")
    place = find_entity(store, place_name, "https://schema.org/Place")
    lat0, lon0 = coordinates(store, place, place_name)
    near: dict[str, dict[str, float]] = defaultdict(dict)  # film -> place -> distance
    titles: dict[str, str] = {}
    years: dict[str, str] = {}
    place_names: dict[str, str] = {}
    for row in solutions(store, _LOCATIONS):
        d = haversine_m(lat0, lon0, float(row["lat"].value), float(row["lon"].value))
        if d > metres:
            continue
        film, where = row["work"].value, row["place"].value
        near[film][where] = d
        titles[film] = row["title"].value if row["title"] else film
        if row["date"] is not None:
            years[film] = min(years.get(film, "9999"), row["date"].value[:4])
        place_names[where] = row["name"].value if row["name"] else where
    shoots: dict[str, list[str]] = defaultdict(list)
    for row in solutions(store, _SHOOTS):
        film = row["work"].value
        if film in near and row["place"].value in near[film]:
            shoots[film].append(row["start"].value)
    found = []
    for film, places in near.items():
        where, distance = min(places.items(), key=lambda kv: (kv[1], kv[0]))
        dates = sorted(shoots[film])
        found.append(
            NearbyFilm(
                film,
                titles[film],
                years.get(film, ""),
                distance,
                where,
                place_names[where],
                len(places),
                len(dates),
                dates[0] if dates else "",
                dates[-1] if dates else "",
            )
        )
    return sorted(found, key=lambda f: (f.distance_m, f.title, f.film))
