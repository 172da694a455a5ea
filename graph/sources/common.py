"""Record-making helpers every reader shares: refs of named entities, and credits by role."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.sources.records import Entity, Records, Ref, Span
from graph.text import fold

# How a credit role read from text becomes a property of the film ("actor" goes through a
# schema:PerformanceRole, the others link the person directly).
ROLE_PROPERTIES: dict[str, URIRef] = {
    "director": SDO.director,
    "composer": SDO.musicBy,
    "writer": SDO.author,
    "screenwriter": SDO.author,
    "producer": SDO.producer,
    "editor": SDO.editor,
}


def named_ref(folder: str, name: str, year: int | None = None) -> str:
    """The ref of a named entity: the same in every source, so records of one thing line up."""
    return f"{folder}:{fold(name)}" + (f":{year}" if year else "")


def add_cast(
    records: Records,
    film: str,
    person: str,
    *,
    character: str | None = None,
    span: Span | None = None,
    character_span: Span | None = None,
) -> None:
    """Credit ``person`` as an actor of ``film`` through a schema:PerformanceRole."""
    role = f"role:{film}|{person}"
    records.add_entity(Entity(role, SDO.PerformanceRole, key=(Ref(film), Ref(person)), folder="role"))
    records.add_claim(film, SDO.actor, Ref(role), span)
    records.add_claim(role, SDO.actor, Ref(person), span)
    if character:
        records.add_claim(role, SDO.characterName, character, character_span or span)


def add_credit(records: Records, film: str, person: str, role: str, span: Span | None = None) -> None:
    """Credit ``person`` on ``film`` in ``role`` (actor, director, composer…)."""
    if role in ("actor", "lead actor"):
        add_cast(records, film, person, span=span)
    else:
        records.add_claim(film, ROLE_PROPERTIES.get(role, SDO.contributor), Ref(person), span)
