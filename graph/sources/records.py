"""Plain typed records that readers yield: entities and claims with their provenance, no RDF triples.

Readers name classes and properties with the closed vocabularies of graph.namespace (a typo fails
at once); the rdf stage turns records into triples once entities are resolved.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from heapq import merge
from typing import Any, TypeVar

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
class Duration:
    """A running time in whole minutes (xsd:duration "PT162M"). A plain value, not an rdflib
    Literal: a Literal parses its duration again each time it is made or unpickled."""

    minutes: int


@dataclass(frozen=True)
class Ref:
    """A reference to an entity of the same source, by its local ref."""

    ref: str


Value = str | int | float | Decimal | date | Year | Duration | bool | Literal
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
    """A statement of a source: subject ``prop`` object, with the span of text that says it, or,
    when the source has no text to point into (a table's cell), the words that say it (``quote``).
    A claim read from prose by a rule that can be wrong carries the rule's ``confidence``."""

    subject: str
    prop: URIRef
    obj: Object
    span: Span | None = None
    quote: str | None = None
    confidence: float | None = None


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


class _Group:
    """The claims of one property: the claims, their positions among all claims of the source,
    the set that keeps them once (made when a claim is first added after loading), and the
    pickled form they were loaded from (kept until the group changes)."""

    __slots__ = ("blob", "claims", "positions", "seen")

    def __init__(self, blob: bytes | None = None) -> None:
        self.positions: list[int] = []
        self.claims: list[Claim] = []
        self.seen: set[Claim] | None = None if blob else set()
        self.blob = blob

    def loaded(self) -> _Group:
        """This group, its claims unpickled if they were not yet."""
        if self.blob is not None and not self.claims:
            self.positions, self.claims = pickle.loads(self.blob)
        return self

    def pickled(self) -> bytes:
        """The positions and claims, pickled."""
        if self.blob is not None:
            return self.blob
        return pickle.dumps((self.positions, self.claims), protocol=5)


class Claims(Collection[Claim]):
    """The claims of one source, in the order they were added and each once, grouped by property.

    Steps after reading each need the claims of a few properties (``of``): the groups spare them
    a pass over every claim. Pickled (the records cache), each group is a blob of its own,
    unpickled only when first asked for, and no claim is hashed until one is added to its group:
    a build that reuses a dataset's records loads only the claims its steps read.
    """

    __slots__ = ("_all", "_count", "_groups")

    def __init__(self) -> None:
        self._groups: dict[URIRef, _Group] = {}
        self._count = 0
        self._all: list[Claim] | None = []  # every claim in order; None until needed after loading

    def add(self, claim: Claim) -> None:
        """Add ``claim`` unless it is there already."""
        group = self._groups.get(claim.prop)
        if group is None:
            group = self._groups[claim.prop] = _Group()
        seen = group.seen
        if seen is None:
            seen = group.seen = set(group.loaded().claims)
        if claim in seen:
            return
        seen.add(claim)
        group.claims.append(claim)
        group.positions.append(self._count)
        group.blob = None
        if self._all is not None:
            self._all.append(claim)
        self._count += 1

    def of(self, *props: URIRef) -> list[Claim]:
        """The claims of any of ``props`` (each named once), in the order they were added."""
        groups = [group.loaded() for prop in props if (group := self._groups.get(prop)) is not None]
        if len(groups) == 1:
            return list(groups[0].claims)
        return [claim for _, claim in merge(*(zip(g.positions, g.claims, strict=True) for g in groups))]

    def __iter__(self) -> Iterator[Claim]:
        if self._all is None:
            ordered: list[Any] = [None] * self._count
            for group in self._groups.values():
                for position, claim in zip(group.loaded().positions, group.claims, strict=True):
                    ordered[position] = claim
            self._all = ordered
        return iter(self._all)

    def __len__(self) -> int:
        return self._count

    def __contains__(self, claim: object) -> bool:
        if not isinstance(claim, Claim) or (group := self._groups.get(claim.prop)) is None:
            return False
        seen = group.seen
        if seen is None:
            seen = group.seen = set(group.loaded().claims)
        return claim in seen

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Claims):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Claims({list(self)!r})"

    def __getstate__(self) -> tuple[int, dict[URIRef, bytes]]:
        return self._count, {prop: group.pickled() for prop, group in self._groups.items()}

    def __setstate__(self, state: tuple[int, dict[URIRef, bytes]]) -> None:
        self._count, blobs = state
        self._groups = {prop: _Group(blob) for prop, blob in blobs.items()}
        self._all = None


T = TypeVar("T")
# values made from one source's records, by the function that made them, with the records' counts
# (entities, claims) when it was made
Derived = dict[Callable[["Records"], Any], tuple[tuple[int, int], Any]]


@dataclass
class Records:
    """Everything one source yielded: entities by ref, claims in order and without repeats."""

    entities: dict[str, Entity] = field(default_factory=dict)
    claims: Claims = field(default_factory=Claims)
    hypotheses: list[Hypothesis] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    unread: list[tuple[Span, str]] = field(default_factory=list)  # seen but not understood, and why
    rows_read: int = 0  # data rows of a table source
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (row, reason): rows kept out
    notes: list[str] = field(default_factory=list)  # what a dataset reader did (duplicates collapsed…)
    _derived: Derived = field(default_factory=dict, init=False, repr=False, compare=False)

    def add_entity(self, entity: Entity) -> None:
        """Add ``entity``; the first record of a ref wins (it has the earliest span), and another
        spelling of its name ("FRANCOIS OZON" after "François Ozon") is kept as an alternate name."""
        first = self.entities.setdefault(entity.ref, entity)
        if first is not entity and entity.name and first.name and entity.name != first.name:
            self.add_claim(entity.ref, SDO.alternateName, entity.name, entity.span)

    def add_claim(
        self,
        subject: str,
        prop: URIRef,
        obj: Object,
        span: Span | None = None,
        *,
        quote: str | None = None,
        confidence: float | None = None,
    ) -> None:
        """Add one claim, once."""
        self.claims.add(Claim(subject, prop, obj, span, quote, confidence))

    def claims_of(self, *props: URIRef) -> Sequence[Claim]:
        """The claims of any of ``props`` (each named once), in the order they were added: steps
        after reading read these, not every claim (Claims keeps them by property)."""
        return self.claims.of(*props)

    def derived(self, make: Callable[[Records], T]) -> T:
        """``make(self)``, made once and again only after a record is added: what several steps
        read from one source's records alone (its credits, its films) is made once per build.

        ``make`` must read these records' entities and claims only: they are only ever added to,
        so their counts tell whether they changed."""
        version = (len(self.entities), len(self.claims))
        found = self._derived.get(make)
        if found is not None and found[0] == version:
            value: T = found[1]
            return value
        value = make(self)
        self._derived[make] = (version, value)
        return value

    def remembered(self) -> Derived:
        """What ``derived`` holds, to be kept beside the records (graph.build.cache)."""
        return dict(self._derived)

    def remember(self, derived: Derived) -> None:
        """Take back what ``remembered`` gave; each value is used only while the records are
        as they were when it was made."""
        self._derived.update(derived)

    def __getstate__(self) -> dict[str, Any]:
        """What pickling keeps (the records cache, fingerprints of inputs): the records alone,
        without what was derived from them."""
        return {**self.__dict__, "_derived": {}}

    def add_records(self, other: Records) -> None:
        """Add every record of ``other``."""
        for entity in other.entities.values():
            self.add_entity(entity)
        for claim in other.claims:
            self.claims.add(claim)
        self.hypotheses.extend(other.hypotheses)
        self.repairs.extend(other.repairs)
        self.unread.extend(other.unread)
        self.rows_read += other.rows_read
        self.rejected.extend(other.rejected)
        self.notes.extend(other.notes)
