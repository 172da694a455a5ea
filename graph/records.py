"""Plain typed records that readers yield: entities and claims with their provenance, no RDF triples.

Readers name classes and properties with the closed vocabularies of graph.namespace (a typo fails
at once); the rdf stage turns records into triples once entities are resolved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from heapq import merge
from itertools import islice
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import SDO


@dataclass(frozen=True, order=True)
class Span:
    """Characters [start, end) of the (repaired) source text that a record comes from."""

    start: int
    end: int


@dataclass(frozen=True)
class Year:
    """A calendar year (xsd:gYear), kept apart from plain integers."""

    value: int


@dataclass(frozen=True)
class Ref:
    """A reference to an entity of the same source, by its local ref."""

    ref: str


Value = str | int | float | Decimal | date | Year | bool | Literal
Object = Ref | Value


@dataclass(frozen=True)
class Entity:
    """Something a source speaks of.

    A named entity (film, person, place…) is resolved across sources by class, name and year.
    A structural node (a cast role, an amount, a rating…) has no name of its own: its identity is
    its ``key``, a tuple of refs and words, minted under the IRI folder ``folder``.
    """

    ref: str
    cls: URIRef
    name: str | None = None
    span: Span | None = None
    year: int | None = None
    key: tuple[Ref | str, ...] = ()
    folder: str = ""


@dataclass(frozen=True)
class Claim:
    """A statement of a source: subject ``prop`` object, with the span of text that says it."""

    subject: str
    prop: URIRef
    obj: Object
    span: Span | None = None


@dataclass(frozen=True)
class Hypothesis:
    """A link a source does not assert: the film node ``about`` is probably ``candidate``."""

    about: str
    candidate: str
    confidence: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Repair:
    """A repair of the source text before reading it."""

    before: str
    after: str
    method: str


@dataclass
class Records:
    """Everything one source yielded: entities by ref, claims in order and without repeats."""

    entities: dict[str, Entity] = field(default_factory=dict)
    claims: dict[Claim, None] = field(default_factory=dict)
    hypotheses: list[Hypothesis] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    unread: list[tuple[Span, str]] = field(default_factory=list)  # seen but not understood, and why
    rows_read: int = 0  # data rows of a table source
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (row, reason): rows kept out
    notes: list[str] = field(default_factory=list)  # what a dataset reader did (duplicates collapsed…)
    # claims_of's index: the claims indexed so far in order, and where each property's claims are
    _positions: dict[URIRef, list[int]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _ordered: list[Claim] = field(default_factory=list, init=False, repr=False, compare=False)

    def add_entity(self, entity: Entity) -> None:
        """Add ``entity``; the first record of a ref wins (it has the earliest span), and another
        spelling of its name ("FRANCOIS OZON" after "François Ozon") is kept as an alternate name."""
        first = self.entities.setdefault(entity.ref, entity)
        if first is not entity and entity.name and first.name and entity.name != first.name:
            self.add_claim(entity.ref, SDO.alternateName, entity.name, entity.span)

    def add_claim(self, subject: str, prop: URIRef, obj: Object, span: Span | None = None) -> None:
        """Add one claim, once."""
        self.claims.setdefault(Claim(subject, prop, obj, span), None)

    def claims_of(self, *props: URIRef) -> Sequence[Claim]:
        """The claims of any of ``props`` (each named once), in the order they were added.

        Steps after reading each need the claims of a few properties: an index by property
        spares them a pass over every claim (and rdflib's slow term comparisons). Claims are only
        ever added, so the index catches up with those added since it was last used."""
        self._index_new_claims()
        runs = [self._positions.get(prop, ()) for prop in props]
        positions = runs[0] if len(runs) == 1 else merge(*runs)
        return [self._ordered[i] for i in positions]

    def _index_new_claims(self) -> None:
        start = len(self._ordered)
        if start == len(self.claims):
            return
        new = list(islice(self.claims, start, None))
        positions = self._positions
        for i, claim in enumerate(new, start):
            run = positions.get(claim.prop)
            if run is None:
                positions[claim.prop] = run = []
            run.append(i)
        self._ordered.extend(new)

    def __getstate__(self) -> dict[str, Any]:
        """What pickling keeps (the records cache, fingerprints of inputs): the records alone,
        whether claims_of was used or not."""
        return {**self.__dict__, "_positions": {}, "_ordered": []}

    def add_records(self, other: Records) -> None:
        """Add every record of ``other``."""
        for entity in other.entities.values():
            self.add_entity(entity)
        for claim in other.claims:
            self.claims.setdefault(claim, None)
        self.hypotheses.extend(other.hypotheses)
        self.repairs.extend(other.repairs)
        self.unread.extend(other.unread)
        self.rows_read += other.rows_read
        self.rejected.extend(other.rejected)
        self.notes.extend(other.notes)
