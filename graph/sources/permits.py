"""Read the Paris filming permits ("Lieux de tournage à Paris", Paris Data, ODbL): each row a shoot
at one address between two dates, for a feature film, TV film, TV series or web series.

Both header styles the city publishes are accepted (French display labels, API field names).
Rows repeating another row in every field but the id collapse into one shoot, and are counted.
Rows without a title, with dates that are not dates or that end before they start, or with
coordinates outside France are kept out with their row number.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.namespace import PC
from graph.sources import credit_names
from graph.sources.common import named_ref
from graph.sources.reading import Context
from graph.sources.records import Entity, Records, Ref
from graph.sources.tables import open_table, table_records
from graph.text import fold, slug, squash

META = {
    "publisher": "Ville de Paris / Paris Data",
    "url": "https://opendata.paris.fr/explore/dataset/lieux-de-tournage-a-paris/",
    "licence": "https://opendatacommons.org/licenses/odbl/1-0/",
    "download": "https://opendata.paris.fr/api/explore/v2.1/catalog/datasets/lieux-de-tournage-a-paris/exports/csv",
    "file": "lieux-de-tournage-a-paris.csv",
}
COLUMNS = {
    "Identifiant du lieu": "id_lieu",
    "Année du tournage": "annee_tournage",
    "Type de tournage": "type_tournage",
    "Titre": "nom_tournage",
    "Réalisateur": "nom_realisateur",
    "Producteur": "nom_producteur",
    "Localisation de la scène": "adresse_lieu",
    "Code postal": "ardt_lieu",
    "Date de début": "date_debut",
    "Date de fin": "date_fin",
    "Coordonnée en X": "coord_x",
    "Coordonnée en Y": "coord_y",
    "geo_shape": "geo_shape",
    "geo_point_2d": "geo_point_2d",
}
ALIASES = {**COLUMNS, **{v: v for v in COLUMNS.values()}}
REQUIRED = (
    "id_lieu",
    "type_tournage",
    "nom_tournage",
    "adresse_lieu",
    "date_debut",
    "date_fin",
    "geo_point_2d",
)
KINDS: dict[str, tuple[str, URIRef, str]] = {  # folded label -> (kind in English, class, IRI folder)
    "long metrage": ("feature film", SDO.Movie, "film"),
    "telefilm": ("TV film", SDO.Movie, "film"),
    "serie tv": ("TV series", SDO.TVSeries, "series"),
    "serie web": ("web series", SDO.TVSeries, "series"),
}
FRANCE = (41.0, 51.6, -5.6, 9.8)  # lat min, lat max, lon min, lon max (metropolitan France)
_SEASON = re.compile(r"\s*(?:/|\s|\(|-)\s*(?:SAISON|SEASON|S)\s*(\d{1,2})\b.*$", re.IGNORECASE)
_EPISODE = re.compile(r"\s*/\s*(?:EPISODE|EP|N°).*$", re.IGNORECASE)
_POSTCODE = re.compile(r"^75(?:0(\d\d)|116)$")


def ordinal(n: int) -> str:
    """``18`` -> ``18th``, the English ordinal used in arrondissement names."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def arrondissement_name(n: int) -> str:
    """The name of an arrondissement entity, the same in every source: "18th arrondissement of Paris"."""
    return f"{ordinal(n)} arrondissement of Paris"


def arrondissement_of_postcode(postcode: str) -> int | None:
    """``75018`` -> 18, ``75116`` -> 16 (the 16th's second postcode); None outside Paris."""
    m = _POSTCODE.match(postcode.strip())
    if not m:
        return None
    n = int(m.group(1)) if m.group(1) else 16
    return n if 1 <= n <= 20 else None


def series_title(title: str) -> tuple[str, int | None]:
    """The series of a permit title and its season: "10%/SAISON 2" -> ("10%", 2)."""
    season = None
    m = _SEASON.search(title)
    if m and m.start() > 0:
        season = int(m.group(1))
        title = title[: m.start()]
    title = _EPISODE.sub("", title)
    return title.strip(" /-") or title, season


def _clean(text: str) -> str:
    return squash(text.replace("\xa0", " ").replace("*", " "))


def read(path: Path, ctx: Context) -> Records:
    """Records of one permits file: shoots, productions, addresses, directors and producers."""
    records = Records()
    columns, rows = open_table(path, ALIASES, REQUIRED)
    seen: dict[tuple[str, ...], str] = {}
    duplicates: dict[str, int] = {}
    outside: list[str] = []
    no_names: list[str] = []  # rows whose director cell names nobody ("n/a")
    good = []
    for number, rec in table_records(columns, rows, records):
        problem = _check(rec)
        if problem:
            records.rejected.append((number, problem))
        else:
            good.append((number, rec))
    titles = production_titles(good)
    for number, rec in good:
        key = tuple(v for k, v in sorted(rec.items()) if k != "id_lieu")
        if key in seen:
            shoot = seen[key]
            duplicates[shoot] = duplicates.get(shoot, 1) + 1
            records.add_claim(shoot, PC.permitId, rec["id_lieu"].strip())
            records.add_claim(shoot, PC.sourceRow, number)
            continue
        seen[key] = _add_shoot(records, rec, number, titles[number], outside, no_names)
    for shoot, count in duplicates.items():
        records.add_claim(shoot, PC.duplicateRows, count - 1)
    collapsed = sum(c - 1 for c in duplicates.values())
    records.notes.append(f"{collapsed} duplicate rows collapsed into {len(duplicates)} shoots")
    if outside:
        records.notes.append(
            f"{len(outside)} rows outside Paris by postcode (kept, no arrondissement): "
            f"rows {', '.join(outside)}"
        )
    if no_names:
        records.notes.append(
            f"{len(no_names)} rows whose director cell names nobody (kept, no director): "
            f"rows {', '.join(no_names)}"
        )
    return records


def _check(rec: dict[str, str]) -> str | None:
    """Why a row cannot be read, or None."""
    if not _clean(rec["nom_tournage"]):
        return "no title"
    if _clean(rec["type_tournage"]).casefold().replace("é", "e") not in KINDS:
        return f"unknown kind of production '{rec['type_tournage']}'"
    try:
        start, end = (
            date.fromisoformat(rec["date_debut"].strip()),
            date.fromisoformat(rec["date_fin"].strip()),
        )
    except ValueError:
        return f"date '{rec['date_debut']}' or '{rec['date_fin']}' is not a date (YYYY-MM-DD)"
    if end < start:
        return f"ends ({end}) before it starts ({start})"
    try:
        lat, lon = (float(x) for x in rec["geo_point_2d"].split(","))
    except ValueError:
        return f"geo_point_2d '{rec['geo_point_2d']}' is not 'lat, lon'"
    if not (FRANCE[0] <= lat <= FRANCE[1] and FRANCE[2] <= lon <= FRANCE[3]):
        return f"coordinates {lat}, {lon} are outside France"
    return None


def _kind(rec: dict[str, str]) -> tuple[str, URIRef, str]:
    return KINDS[_clean(rec["type_tournage"]).casefold().replace("é", "e")]


def _title(rec: dict[str, str]) -> tuple[str, int | None]:
    """A row's title, and its season for a series ("ENGRENAGES SAISON 8": "ENGRENAGES", 8)."""
    title = _clean(rec["nom_tournage"])
    return series_title(title) if _kind(rec)[1] == SDO.TVSeries else (title, None)


def production_titles(rows: list[tuple[int, dict[str, str]]]) -> dict[int, str]:
    """The title each row's production is known by. A title that is another title of the same
    kind, director and producer followed by more words ("CHIEN 51 TUILERIES", "Bastion 36 -
    POURSUITE MOTO", "UNCORKED (additif)") is that shorter title: one production, shot in many
    places, its permits labelled by place or by unit."""
    written: dict[int, tuple[tuple[str, str, str], str]] = {}
    groups: dict[tuple[str, str, str], set[str]] = {}
    for number, rec in rows:
        key = (_kind(rec)[0], fold(rec.get("nom_realisateur", "")), fold(rec.get("nom_producteur", "")))
        title = _title(rec)[0]
        written[number] = (key, title)
        groups.setdefault(key, set()).add(title)
    known: dict[int, str] = {}
    for number, (key, title) in written.items():
        folded = fold(title)
        shorter = [t for t in groups[key] if folded.startswith(fold(t) + " ")]
        known[number] = min(shorter, key=lambda t: (len(fold(t)), t)) if shorter else title
    return known


def _add_shoot(
    records: Records,
    rec: dict[str, str],
    number: int,
    title: str,
    outside: list[str],
    no_names: list[str],
) -> str:
    """One row's shoot, its address and its production (known by ``title``)."""
    kind, cls, folder = _kind(rec)
    season = _title(rec)[1]
    production = named_ref(folder, title)
    records.add_entity(Entity(production, cls, title, folder=folder))
    permit = rec["id_lieu"].strip()
    shoot = f"shoot:{permit}"
    records.add_entity(Entity(shoot, PC.Shoot, key=(permit,), folder="shoot"))
    start, end = date.fromisoformat(rec["date_debut"].strip()), date.fromisoformat(rec["date_fin"].strip())
    records.add_claim(shoot, SDO.name, f"{_title(rec)[0]}, {start.isoformat()}")  # the permit's own label
    records.add_claim(shoot, PC.shotFor, Ref(production))
    records.add_claim(shoot, SDO.startDate, start)
    records.add_claim(shoot, SDO.endDate, end)
    records.add_claim(shoot, PC.permitId, permit)
    records.add_claim(shoot, PC.productionKind, kind)
    records.add_claim(shoot, PC.sourceRow, number)
    if season is not None:
        records.add_claim(shoot, PC.seasonNumber, season)

    address = _clean(rec["adresse_lieu"]) or f"{rec['geo_point_2d'].strip()}"
    place = f"address:{slug(address)}"  # spellings of one address are one place
    if place not in records.entities:  # an address keeps the coordinates of its first shoot
        records.add_entity(Entity(place, SDO.Place, key=(address,), folder="address"))
        records.add_claim(place, SDO.name, address)
        lat, lon = (float(x) for x in rec["geo_point_2d"].split(","))
        records.add_claim(place, SDO.latitude, round(lat, 7))
        records.add_claim(place, SDO.longitude, round(lon, 7))
    records.add_claim(shoot, SDO.location, Ref(place))
    records.add_claim(production, PC.filmingLocation, Ref(place))
    postcode = rec.get("ardt_lieu", "").strip()
    n = arrondissement_of_postcode(postcode)
    if n is not None:
        arr = named_ref("place", arrondissement_name(n))
        records.add_entity(Entity(arr, PC.Arrondissement, arrondissement_name(n), folder="place"))
        records.add_claim(place, SDO.containedInPlace, Ref(arr))
    elif postcode and not postcode.startswith("75"):
        outside.append(str(number))
    directors = rec.get("nom_realisateur", "")
    if credit_names.unusual(directors):
        no_names.append(f"{number} ({_clean(directors)!r})")
    for name in credit_names.people(_clean(directors)):
        person = named_ref("person", name)
        records.add_entity(Entity(person, SDO.Person, name, folder="person"))
        records.add_claim(production, SDO.director, Ref(person))
    for name in credit_names.companies(_clean(rec.get("nom_producteur", ""))):
        org = named_ref("organization", name)
        records.add_entity(Entity(org, SDO.Organization, name, folder="organization"))
        records.add_claim(production, SDO.productionCompany, Ref(org))
    return shoot
