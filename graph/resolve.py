"""One entity per real thing across all sources, and its stable, readable IRI.

Named entities are blocked by kind (the IRI folder: person, film, place…) and joined when a
folded name or alternate name agrees (films: and their years do not differ). Structural nodes
(roles, amounts, ratings…) get IRIs from their keys once the entities they hang off are resolved.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.namespace import RESOURCE
from graph.records import Records, Ref
from graph.text import accents, fold, slug

Node = tuple[str, str]  # (source id, ref)


@dataclass(frozen=True)
class Source:
    """The records of one source, with what resolution needs to know of it."""

    source_id: str
    records: Records
    curated: bool = False


@dataclass
class Resolution:
    """The outcome: an IRI for every (source, ref), and a name and alternate names per IRI."""

    iri: dict[Node, URIRef] = field(default_factory=dict)
    name: dict[URIRef, str] = field(default_factory=dict)
    alternates: dict[URIRef, list[str]] = field(default_factory=dict)
    merges: list[tuple[URIRef, tuple[str, ...]]] = field(default_factory=list)
    near_misses: list[str] = field(default_factory=list)

    def of(self, source_id: str, ref: str) -> URIRef:
        """The IRI of ``ref`` as ``source_id`` used it."""
        return self.iri[(source_id, ref)]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, x: Node) -> Node:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Node, b: Node) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve(sources: Sequence[Source]) -> Resolution:
    """Resolve every entity of ``sources``; same input, same IRIs."""
    uf = _UnionFind()
    info: dict[Node, tuple[str, str, int | None, bool]] = {}  # folder, name, year, curated
    alternates: dict[Node, list[str]] = defaultdict(list)
    for src in sources:
        for claim in src.records.claims:
            if claim.prop == SDO.alternateName and isinstance(claim.obj, str):
                alternates[(src.source_id, claim.subject)].append(claim.obj)
        for e in src.records.entities.values():
            if e.name:
                info[(src.source_id, e.ref)] = (e.folder, e.name, e.year, src.curated)
                uf.find((src.source_id, e.ref))

    # blocking: folded name within one folder; films also by year
    index: dict[tuple[str, str], list[Node]] = defaultdict(list)
    for node, (folder, name, _year, _c) in info.items():
        for key in {fold(name), *(fold(a) for a in alternates[node])}:
            index[(folder, key)].append(node)
    resolution = Resolution()
    for (folder, key), nodes in sorted(index.items()):
        years = {y for n in nodes if (y := info[n][2]) is not None}
        if len(years) > 1:
            # "Paris" (2008) and a "Paris" of another year are two films: join only same years
            by_year: dict[int | None, list[Node]] = defaultdict(list)
            for n in nodes:
                by_year[info[n][2]].append(n)
            for group in by_year.values():
                for n in group[1:]:
                    uf.union(group[0], n)
            resolution.near_misses.append(
                f"{folder} '{key}': kept apart, years differ ({', '.join(map(str, sorted(years)))})"
            )
            continue
        for n in nodes[1:]:
            uf.union(nodes[0], n)

    clusters: dict[Node, list[Node]] = defaultdict(list)
    for node in info:
        clusters[uf.find(node)].append(node)
    taken: set[str] = set()
    for members in sorted(clusters.values(), key=lambda ms: min(ms)):
        canonical = _canonical(members, info, alternates)
        folder = info[members[0]][0]
        member_years = sorted({y for n in members if (y := info[n][2]) is not None})
        local = slug(canonical) + (f"-{member_years[0]}" if member_years and folder == "film" else "")
        candidate, i = local, 2
        while f"{folder}/{candidate}" in taken:
            candidate, i = f"{local}-{i}", i + 1
        taken.add(f"{folder}/{candidate}")
        iri = RESOURCE[f"{folder}/{candidate}"]
        variants = {info[n][1] for n in members} | {a for n in members for a in alternates[n]}
        resolution.name[iri] = canonical
        resolution.alternates[iri] = sorted(v for v in variants if v != canonical)
        for n in members:
            resolution.iri[n] = iri
        sources_of = tuple(sorted({n[0] for n in members}))
        if len(sources_of) > 1:
            resolution.merges.append((iri, sources_of))

    for src in sources:
        for e in src.records.entities.values():
            if not e.name:
                _structural(src, e.ref, resolution)
    return resolution


_PARTICLES = {"de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "di", "da", "del", "y"}


def person_case(name: str) -> str:
    """A name written in capitals, as a name: "ANTOINE DE CAUNES" -> "Antoine de Caunes"."""
    words = []
    for i, word in enumerate(name.lower().split()):
        if i and word in _PARTICLES:
            words.append(word)
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(words)


def _canonical(
    members: list[Node],
    info: dict[Node, tuple[str, str, int | None, bool]],
    alternates: dict[Node, list[str]],
) -> str:
    """The curated spelling, else the best accented, else the most frequent, else the first.

    Spellings of the same name (same folding) count, aliases ("City of Light") do not."""
    curated = [info[n][1] for n in sorted(members) if info[n][3]]
    if curated:
        return curated[0]
    names = [info[n][1] for n in members]
    keys = {fold(n) for n in names}
    names += [a for n in members for a in alternates[n] if fold(a) in keys]
    counts = Counter(names)
    best = max(sorted(counts), key=lambda n: (accents(n), not n.isupper(), counts[n]))
    if best.isupper() and info[members[0]][0] == "person":
        return person_case(best)
    return best


def _structural(src: Source, ref: str, resolution: Resolution) -> URIRef:
    """The IRI of a node without a name: its folder and its key, refs replaced by their IRIs."""
    node = (src.source_id, ref)
    if node in resolution.iri:
        return resolution.iri[node]
    entity = src.records.entities[ref]
    parts = []
    for part in entity.key:
        if isinstance(part, Ref):
            target = resolution.iri.get((src.source_id, part.ref)) or _structural(src, part.ref, resolution)
            parts.append(str(target).rsplit("/", 1)[-1])
        else:
            parts.append(slug(part))
    iri = RESOURCE[f"{entity.folder}/{'--'.join(parts) or slug(ref)}"]
    resolution.iri[node] = iri
    return iri
