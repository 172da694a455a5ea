"""Place addresses in their arrondissement by their coordinates, when no postcode placed them
(a missing or odd postcode), using the arrondissement outlines one of the sources gives."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rdflib.namespace import GEO, SDO

from graph.namespace import PC
from graph.resolve.model import Source
from graph.sources.records import Entity, Records, Ref

Ring = list[tuple[float, float]]
_RING = re.compile(r"\(([-\d. ,]+)\)")


def rings(wkt: str) -> list[Ring]:
    """The rings of a WKT POLYGON or MULTIPOLYGON as (lon, lat) points."""
    return [
        [(float(x), float(y)) for x, y in (p.split() for p in m.group(1).split(","))]
        for m in _RING.finditer(wkt)
    ]


def inside(lon: float, lat: float, outline: list[Ring]) -> bool:
    """Even-odd rule over every ring (holes and several polygons included)."""
    hit = False
    for ring in outline:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
    return hit


def outlines(sources: Sequence[Source]) -> list[tuple[str, str, list[Ring]]]:
    """(source id, arrondissement ref, outline) for every arrondissement with a geometry."""
    found = []
    for src in sources:
        records = src.records
        wkts = {c.subject: str(c.obj) for c in records.claims_of(GEO.asWKT)}
        for c in records.claims_of(GEO.hasGeometry):
            if isinstance(c.obj, Ref) and c.obj.ref in wkts:
                entity = records.entities.get(c.subject)
                if entity is not None and entity.cls == PC.Arrondissement:
                    found.append((src.source_id, c.subject, rings(wkts[c.obj.ref])))
    return found


def first_entities(sources: Sequence[Source], refs: Iterable[str]) -> dict[str, Entity]:
    """The entity of each ref, from the first source that has it."""
    return {ref: next(e for s in sources if (e := s.records.entities.get(ref)) is not None) for ref in refs}


def add_placements(sources: Sequence[Source]) -> int:
    """Add ``containedInPlace`` to every address that has coordinates but no container; return how many."""
    areas = outlines(sources)
    if not areas:
        return 0
    arrondissements = first_entities(sources, (arr_ref for _source_id, arr_ref, _outline in areas))
    placed = 0
    for src in sources:
        if src.curated:
            continue
        records = src.records
        for ref, lon, lat in records.derived(unplaced_addresses):
            for _source_id, arr_ref, outline in areas:
                if inside(lon, lat, outline):
                    records.add_entity(arrondissements[arr_ref])
                    records.add_claim(ref, SDO.containedInPlace, Ref(arr_ref))
                    placed += 1
                    break
    return placed


def unplaced_addresses(records: Records) -> list[tuple[str, float, float]]:
    """(ref, longitude, latitude) of each address of one source that has coordinates but no
    container, in the order of its entities."""
    contained = {c.subject for c in records.claims_of(SDO.containedInPlace)}
    lat = {c.subject: float(c.obj) for c in records.claims_of(SDO.latitude)}  # type: ignore[arg-type]
    lon = {c.subject: float(c.obj) for c in records.claims_of(SDO.longitude)}  # type: ignore[arg-type]
    return [
        (ref, lon[ref], lat[ref])
        for ref, entity in records.entities.items()
        if entity.folder == "address" and ref not in contained and ref in lat and ref in lon
    ]
