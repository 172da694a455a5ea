"""One entity per real thing across all sources, and its stable, readable IRI.

Resolution scales by blocking: candidates are only compared within a block, the IRI folder
(person, film, place…) and a folded name or alternate name. Within a block the evidence decides
(graph.resolve.evidence: identifiers, years, shoot windows, directors, running times, roles).
Every merge keeps its evidence; candidates kept apart are near-misses; a merged film whose
sources disagree (two years) is a conflict. Structural nodes (roles, amounts, ratings…) get IRIs
from their keys once the entities they hang off are resolved.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.namespace import RESOURCE
from graph.resolve.evidence import (
    IDENTIFIERS,
    NO_FACTS,
    Facts,
    agree,
    block_key,
    compact_title,
    credit_typos,
    source_facts,
    strength,
)
from graph.resolve.model import Conflict, Merge, NearMiss, Node, Resolution, Source
from graph.sources.records import Entity, Ref
from graph.text import accents, fold, slug


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, x: Node) -> Node:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Node, b: Node) -> Node:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
        return min(ra, rb)


def resolve(sources: Sequence[Source]) -> Resolution:
    """Resolve every entity of ``sources``; same input, same IRIs."""
    uf = _UnionFind()
    info: dict[Node, tuple[str, str, bool]] = {}  # folder, name, curated
    alternates: dict[Node, list[str]] = defaultdict(list)
    facts: dict[Node, Facts] = {}
    by_id: dict[tuple[URIRef, str], list[Node]] = defaultdict(list)
    unnamed_ids: dict[Node, tuple[URIRef, str]] = {}
    for src in sources:
        for claim in src.records.claims_of(SDO.alternateName):
            if isinstance(claim.obj, str):
                alternates[(src.source_id, claim.subject)].append(claim.obj)
        per_ref = src.records.derived(source_facts)
        sid, curated, parent = src.source_id, src.curated, uf.parent
        for e in src.records.entities.values():
            node = (sid, e.ref)
            f = per_ref.get(e.ref)
            if e.name:
                info[node] = (e.folder, e.name, curated)
                parent[node] = node  # a cluster of its own
                if f is None:
                    facts[node] = NO_FACTS  # made a Facts of its own when it joins another
                    continue
                facts[node] = f
                if f.ids:
                    for ident in sorted(f.ids):
                        by_id[ident].append(node)
            elif f is not None and f.ids:
                unnamed_ids[node] = min(f.ids)
    resolution = Resolution()
    evidence: dict[Node, list[str]] = defaultdict(list)

    def join(a: Node, b: Node, why: str) -> None:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return
        root = uf.union(ra, rb)
        joined = Facts()  # a new one: a source's facts are not changed (Records.derived keeps them)
        joined.add(facts[ra])
        joined.add(facts[rb])
        other = rb if root == ra else ra
        facts[root] = joined
        evidence[root].extend(evidence.pop(other, []))
        evidence[root].append(f"{why} ({' + '.join(sorted({ra[0], rb[0]}))})")

    for (prop, value), nodes in sorted(by_id.items()):
        for n in nodes[1:]:
            join(nodes[0], n, f"same {IDENTIFIERS[prop]} id {value}")
    for src in sources:  # a typo of one name among one film's credits: one person
        for a, b, why in src.records.derived(credit_typos):
            if (src.source_id, a) in info and (src.source_id, b) in info:
                join((src.source_id, a), (src.source_id, b), why)

    index: dict[tuple[str, str], list[Node]] = defaultdict(list)
    compacts: dict[str, list[Node]] = defaultdict(list)
    for node, (folder, name, _c) in info.items():
        names = alternates.get(node)
        for key in (
            sorted({block_key(folder, n) for n in (name, *names)}) if names else [block_key(folder, name)]
        ):
            if key:
                index[(folder, key)].append(node)
        if folder == "film":
            compacts[compact_title(name)].append(node)
    # a second block of films whose titles are written apart ("Hit & Run", "Hit and Run"), when
    # the block of their folded titles does not already hold them all
    for compact, nodes in compacts.items():
        if compact and len({fold(info[n][1]) for n in nodes}) > 1:
            index[("film", "~" + compact)] = nodes
    for (folder, key), nodes in sorted(index.items()):
        if len(nodes) > 1:  # a block of one has nothing to join
            _resolve_block(folder, key, nodes, uf, facts, join, resolution)

    _assign_iris(info, alternates, uf, facts, evidence, resolution)
    for node, ident in unnamed_ids.items():  # a review's film known only by its IMDb id
        named = by_id.get(ident)
        resolution.iri[node] = (
            resolution.iri[named[0]] if named else RESOURCE[f"film/{slug(IDENTIFIERS[ident[0]])}-{ident[1]}"]
        )
    tails: dict[URIRef, str] = {}
    for src in sources:
        for e in src.records.entities.values():
            if not e.name:
                _structural(src, e.ref, resolution, tails)
    return resolution


def _resolve_block(
    folder: str,
    key: str,
    nodes: list[Node],
    uf: _UnionFind,
    facts: dict[Node, Facts],
    join: Callable[[Node, Node, str], None],
    resolution: Resolution,
) -> None:
    """Join the candidates of one block that the evidence says are one; note the others."""
    roots = sorted({uf.find(n) for n in nodes}, key=lambda r: (strength(folder, facts[r]), r))
    if len(roots) < 2:
        return
    kept: list[Node] = []
    for root in roots:
        root = uf.find(root)
        verdicts = [(other, *agree(folder, facts[uf.find(other)], facts[root])) for other in kept]
        fits = [(other, why) for other, ok, why in verdicts if ok]
        if len(fits) == 1:
            join(fits[0][0], root, f"{folder} '{key}': {fits[0][1]}")
            kept = [uf.find(k) for k in kept]
            continue
        kept.append(root)
        if len(fits) > 1:
            resolution.near_misses.append(
                NearMiss(folder, key, f"ambiguous: fits {len(fits)} candidates, kept apart")
            )
        resolution.near_misses.extend(NearMiss(folder, key, why) for _o, ok, why in verdicts if not ok)


def _assign_iris(
    info: dict[Node, tuple[str, str, bool]],
    alternates: dict[Node, list[str]],
    uf: _UnionFind,
    facts: dict[Node, Facts],
    evidence: dict[Node, list[str]],
    resolution: Resolution,
) -> None:
    """A readable IRI, a name and alternate names per cluster; merges and conflicts noted."""
    clusters: dict[Node, list[Node]] = defaultdict(list)
    parent = uf.parent
    for node in info:
        clusters[node if parent[node] == node else uf.find(node)].append(node)
    taken: set[str] = set()
    for root, members in sorted(clusters.items(), key=lambda kv: min(kv[1]) if len(kv[1]) > 1 else kv[1][0]):
        canonical = _canonical(members, info, alternates)
        folder = info[members[0]][0]
        f = facts[root]
        years = sorted(f.years) if f.years else []
        local = slug(canonical) + (f"-{years[0]}" if years and folder == "film" else "")
        key, i = f"{folder}/{local}", 2
        while key in taken:
            key, i = f"{folder}/{local}-{i}", i + 1
        taken.add(key)
        iri = _mint(key)
        resolution.name[iri] = canonical
        if len(members) == 1:
            node = members[0]
            resolution.iri[node] = iri
            name, others = info[node][1], alternates.get(node)
            if not others:  # most entities: one record, one name
                resolution.alternates[iri] = [] if name == canonical else [name]
                variants = set()
            else:
                variants = {name, *others}
        else:
            for n in members:
                resolution.iri[n] = iri
            variants = {info[n][1] for n in members} | {a for n in members for a in alternates.get(n, ())}
            sources_of = tuple(sorted({n[0] for n in members}))
            if len(sources_of) > 1:
                resolution.merges.append(Merge(iri, canonical, sources_of, tuple(evidence.get(root, ()))))
        if variants:
            resolution.alternates[iri] = sorted(v for v in variants if v != canonical)
        if folder != "film":
            continue
        if len(years) > 1:
            resolution.conflicts.append(Conflict(iri, canonical, "year", tuple(map(str, years))))
        minutes = sorted(f.minutes)
        if minutes and minutes[-1] - minutes[0] > 10:
            resolution.conflicts.append(
                Conflict(iri, canonical, "running time (minutes)", tuple(map(str, minutes)))
            )


_PARTICLES = {"de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "di", "da", "del", "y"}


def person_case(name: str) -> str:
    """A name written in capitals, or with its surname in capitals, as a name: "ANTOINE DE CAUNES"
    -> "Antoine de Caunes", "Nicolas GUICHETEAU" -> "Nicolas Guicheteau"; a name without a word of
    three capitals or more is left as written ("JJ Perry")."""
    words = name.split()
    if not any(w.isupper() and sum(c.isalpha() for c in w) >= 3 for w in words):
        return name
    out = []
    for i, word in enumerate(words):
        if not word.isupper():
            out.append(word)
        elif i and word.lower() in _PARTICLES:
            out.append(word.lower())
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


def _canonical(
    members: list[Node],
    info: dict[Node, tuple[str, str, bool]],
    alternates: dict[Node, list[str]],
) -> str:
    """The curated spelling, else the best accented, else the most frequent, else the first.

    Spellings of the same name (same folding) count, aliases ("City of Light") do not."""
    if len(members) == 1 and not alternates.get(members[0]):  # most entities: one record, one name
        folder, name, is_curated = info[members[0]]
        return person_case(name) if not is_curated and folder == "person" else name
    curated = [info[n][1] for n in sorted(members) if info[n][2]]
    if curated:
        return curated[0]
    names = [info[n][1] for n in members]
    keys = {fold(n) for n in names}
    names += [a for n in members for a in alternates[n] if fold(a) in keys]
    counts = Counter(names)
    best = max(sorted(counts), key=lambda n: (accents(n), person_case(n) == n, counts[n]))
    return person_case(best) if info[members[0]][0] == "person" else best


_RESOURCE = str(RESOURCE)


def _mint(local: str) -> URIRef:
    """``RESOURCE[local]``, made from the string at once: a full build mints 85,000 IRIs, and the
    namespace's lookup is a quarter of each."""
    return URIRef(_RESOURCE + local)


def _structural(src: Source, ref: str, resolution: Resolution, tails: dict[URIRef, str]) -> URIRef:
    """The IRI of a node without a name: its folder and its key, refs replaced by their IRIs
    (by the last segment of each, kept in ``tails``: many roles name one film)."""
    sid, iris = src.source_id, resolution.iri
    iri = iris.get((sid, ref))
    if iri is not None:
        return iri
    entity: Entity = src.records.entities[ref]
    parts = []
    for part in entity.key:
        if isinstance(part, Ref):
            target = iris.get((sid, part.ref)) or _structural(src, part.ref, resolution, tails)
            tail = tails.get(target)
            if tail is None:
                tail = tails[target] = target.rsplit("/", 1)[-1]
            parts.append(tail)
        else:
            parts.append(slug(part))
    iri = iris[(sid, ref)] = _mint(f"{entity.folder}/{'--'.join(parts) or slug(ref)}")
    return iri
