"""Name the film of a text that never names it, by the people it credits, as a hypothesis.

A film node without a name (a review's "this movie") is compared with every named film the
sources know: the share of its credited people that the known film credits too is the
confidence. The link stays a hypothesis with its evidence, never an asserted fact.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.resolve.model import Resolution, Source
from graph.sources.records import Records, Ref

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
    """Film IRI -> person IRI -> role, over all sources (cast through their PerformanceRoles).

    A person credited twice on one film keeps the role of the claim that comes first."""
    out: dict[URIRef, dict[URIRef, str]] = defaultdict(dict)
    iri = resolution.iri
    for src in sources:
        sid = src.source_id
        for film, person, role in src.records.derived(source_credits):
            out[iri[(sid, film)]].setdefault(iri[(sid, person)], role)
    return out


def source_credits(records: Records) -> list[tuple[str, str, str]]:
    """(film ref, person ref, role) of each credit of one source, in the order of its claims:
    directors, composers… and actors through their PerformanceRoles."""
    actor = SDO.actor
    role_actor = {
        c.subject: c.obj.ref
        for c in records.claims_of(actor)
        if isinstance(c.obj, Ref) and c.subject.startswith("role:")
    }
    found = []
    for c in records.claims_of(actor, *CREDITS):
        if not isinstance(c.obj, Ref):
            continue
        prop = c.prop
        if c.obj.ref in role_actor and prop == actor:
            found.append((c.subject, role_actor[c.obj.ref], "actor"))
        elif prop in CREDITS and not c.subject.startswith("role:"):
            found.append((c.subject, c.obj.ref, CREDITS[prop]))
    return found


def unnamed_films(records: Records) -> list[str]:
    """The refs of the films of one source that it does not name (a review's "this movie")."""
    movie = SDO.Movie
    return [e.ref for e in records.entities.values() if not e.name and e.cls == movie]


def identify(sources: Sequence[Source], resolution: Resolution) -> list[Identification]:
    """A hypothesis for each unnamed film node that a known film matches well enough."""
    film_credits = credits(sources, resolution)
    films_of = _films_of(film_credits)
    found = []
    for src in sources:
        for ref in src.records.derived(unnamed_films):
            about = resolution.of(src.source_id, ref)
            people = film_credits.get(about, {})
            if not people:
                continue
            best: list[tuple[float, URIRef, tuple[str, ...]]] = []
            for film in _sharing(people, films_of):
                if film == about or film not in resolution.name:
                    continue
                theirs = film_credits[film]
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


def _films_of(film_credits: dict[URIRef, dict[URIRef, str]]) -> dict[URIRef, list[URIRef]]:
    """Person IRI -> the films crediting them, in the order of ``film_credits``."""
    films: dict[URIRef, list[URIRef]] = defaultdict(list)
    for film, people in film_credits.items():
        for person in people:
            films[person].append(film)
    return films


def _sharing(people: dict[URIRef, str], films_of: dict[URIRef, list[URIRef]]) -> list[URIRef]:
    """The films that credit at least ``MIN_SHARED`` of ``people``: no other film can match."""
    counts = Counter(film for person in people for film in films_of.get(person, ()))
    return [film for film, n in counts.items() if n >= MIN_SHARED]
