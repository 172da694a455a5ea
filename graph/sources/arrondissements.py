"""Read the Paris arrondissements (Paris Data "Arrondissements", ODbL, GeoJSON): the twenty
arrondissements as places in Paris, with their INSEE codes and their outlines as GeoSPARQL WKT."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import Literal
from rdflib.namespace import GEO, SDO

from graph.errors import InputError
from graph.namespace import PC
from graph.sources.common import named_ref
from graph.sources.permits import arrondissement_name
from graph.sources.reading import Context
from graph.sources.records import Entity, Records, Ref

META = {
    "publisher": "Ville de Paris / Paris Data",
    "url": "https://opendata.paris.fr/explore/dataset/arrondissements/",
    "licence": "https://opendatacommons.org/licenses/odbl/1-0/",
    "download": "https://opendata.paris.fr/api/explore/v2.1/catalog/datasets/arrondissements/exports/geojson",
    "file": "arrondissements.geojson",
}


def wkt(geometry: dict[str, Any]) -> str:
    """A GeoJSON Polygon or MultiPolygon as WKT (lon lat order, as GeoSPARQL's default CRS84)."""

    def ring(points: list[list[float]]) -> str:
        return "(" + ", ".join(f"{x} {y}" for x, y, *_ in points) + ")"

    if geometry["type"] == "Polygon":
        return "POLYGON (" + ", ".join(ring(r) for r in geometry["coordinates"]) + ")"
    if geometry["type"] == "MultiPolygon":
        polygons = ("(" + ", ".join(ring(r) for r in poly) + ")" for poly in geometry["coordinates"])
        return "MULTIPOLYGON (" + ", ".join(polygons) + ")"
    raise ValueError(f"geometry type {geometry['type']} is not a polygon")


def read(path: Path, ctx: Context) -> Records:
    """Records of the arrondissements file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        features = data["features"]
    except (json.JSONDecodeError, KeyError, UnicodeDecodeError) as err:
        line = getattr(err, "lineno", None)
        raise InputError(f"not a GeoJSON FeatureCollection ({err})", path, line) from err
    records = Records()
    paris = named_ref("place", "Paris")
    records.add_entity(Entity(paris, SDO.City, "Paris", folder="place"))
    for number, feature in enumerate(features, 1):
        records.rows_read += 1
        props = feature.get("properties") or {}
        try:
            n, insee = int(props["c_ar"]), str(props["c_arinsee"])
            outline = wkt(feature["geometry"])
        except (KeyError, TypeError, ValueError) as err:
            records.rejected.append((number, f"feature without c_ar, c_arinsee or a polygon ({err})"))
            continue
        name = arrondissement_name(n)
        arr = named_ref("place", name)
        records.add_entity(Entity(arr, PC.Arrondissement, name, folder="place"))
        for alt in (props.get("l_ar"), props.get("l_aroff"), f"Paris {n}", f"Paris {n}e"):
            if alt:
                records.add_claim(arr, SDO.alternateName, str(alt))
        records.add_claim(arr, PC.inseeCode, insee)
        records.add_claim(arr, SDO.containedInPlace, Ref(paris))
        records.add_claim(arr, PC.sourceRow, number)
        centre = props.get("geom_x_y") or {}
        if "lat" in centre and "lon" in centre:
            records.add_claim(arr, SDO.latitude, round(float(centre["lat"]), 6))
            records.add_claim(arr, SDO.longitude, round(float(centre["lon"]), 6))
        geometry = f"geometry:{insee}"
        records.add_entity(Entity(geometry, GEO.Geometry, key=(insee,), folder="geometry"))
        records.add_claim(arr, GEO.hasGeometry, Ref(geometry))
        records.add_claim(geometry, GEO.asWKT, Literal(outline, datatype=GEO.wktLiteral))
    return records
