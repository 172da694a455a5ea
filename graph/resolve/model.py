"""What resolution gives: an IRI for every record of every source, and the evidence for each merge,
near-miss and conflict (the resolution report)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from graph.sources.records import Records

Node = tuple[str, str]  # (source id, ref)


@dataclass(frozen=True)
class Source:
    """The records of one source, with what resolution needs to know of it."""

    source_id: str
    records: Records
    curated: bool = False


@dataclass(frozen=True)
class Merge:
    """Records of several sources made one entity, and why."""

    iri: URIRef
    name: str
    sources: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class NearMiss:
    """Candidates of one block kept apart, and why."""

    folder: str
    key: str
    reason: str


@dataclass(frozen=True)
class Conflict:
    """A merged entity whose sources disagree on a fact that has one value."""

    iri: URIRef
    name: str
    fact: str
    values: tuple[str, ...]


@dataclass
class Resolution:
    """The outcome: an IRI for every (source, ref), a name and alternate names per IRI, and the
    evidence (merges, near-misses, conflicts) for the resolution report."""

    iri: dict[Node, URIRef] = field(default_factory=dict)
    name: dict[URIRef, str] = field(default_factory=dict)
    alternates: dict[URIRef, list[str]] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    near_misses: list[NearMiss] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def of(self, source_id: str, ref: str) -> URIRef:
        """The IRI of ``ref`` as ``source_id`` used it."""
        return self.iri[(source_id, ref)]
