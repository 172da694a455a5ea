"""Name the film of a text that never names it, by the people it credits, as a hypothesis.

A film node without a name (a review's "this movie") is compared with every named film the
sources know: the share of its credited people that the known film credits too is the
confidence. The link stays a hypothesis with its evidence, never an asserted fact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.records import Ref
from graph.resolve import Resolution, Source

CREDITS = {SDO.director: "director", SDO.musicBy: "music", SDO.author: "writer", SDO.producer: "producer"}
MIN_SHARED = 2
MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Identification:
    """The film node ``about`` is probably ``candidate``."""

    about: URIRef
    candidate: URIRef
    confidence: float
    evidence: tuple[str, ...]
    source_id: str


def credits(sources: Sequence[Source], resolution: Resolution) -> dict[URIRef, dict[URIRef, str]]:
    """Film IRI -> person IRI -> role, over all sources (cast through their PerformanceRoles)."""
    out: dict[URIRef, dict[URIRef, str]] = defaultdict(dict)
    for src in sources:
        role_actor: dict[str, str] = {}
        for c in src.records.claims:
            if c.prop == SDO.actor and isinstance(c.obj, Ref) and c.subject.startswith("role:"):
                role_actor[c.subject] = c.obj.ref
        for c in src.records.claims:
            if not isinstance(c.obj, Ref):
                continue
            film = resolution.of(src.source_id, c.subject)
            if c.prop == SDO.actor and c.obj.ref in role_actor:
                out[film].setdefault(resolution.of(src.source_id, role_actor[c.obj.ref]), "actor")
            elif c.prop in CREDITS and not c.subject.startswith("role:"):
                out[film].setdefault(resolution.of(src.source_id, c.obj.ref), CREDITS[c.prop])
    return out


def identify(sources: Sequence[Source], resolution: Resolution) -> list[Identification]:
    """A hypothesis for each unnamed film node that a known film matches well enough."""
    film_credits = credits(sources, resolution)
    found = []
    for src in sources:
        for e in src.records.entities.values():
            if e.cls != SDO.Movie or e.name:
                continue
            about = resolution.of(src.source_id, e.ref)
            people = film_credits.get(about, {})
            if not people:
                continue
            best: list[tuple[float, URIRef, tuple[str, ...]]] = []
            for film, theirs in film_credits.items():
                if film == about or film not in resolution.name:
                    continue
                shared = sorted(set(people) & set(theirs), key=lambda p: resolution.name[p])
                confidence = len(shared) / len(people)
                if len(shared) >= MIN_SHARED and confidence >= MIN_CONFIDENCE:
                    evidence = tuple(
                        f"{resolution.name[p]}: {people[p]} here, {theirs[p]} in {resolution.name[film]}"
                        for p in shared
                    )
                    best.append((confidence, film, evidence))
            for confidence, film, evidence in sorted(best, key=lambda b: (-b[0], str(b[1]))):
                found.append(Identification(about, film, round(confidence, 3), evidence, src.source_id))
    return found
