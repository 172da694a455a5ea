"""One entity per real thing across all sources, and its stable, readable IRI.

Resolution scales by blocking: candidates are only compared within a block, the IRI folder
(person, film, place…) and a folded name or alternate name. Within a block the evidence decides:
films sharing an IMDb or TMDB id are one film; films of one title join when their years agree
(one year apart only if the director or the running time agrees too), and a production seen only
in filming permits joins a released film when its release falls in the years after the shoot and
a director agrees. People of one name join unless their roles and decades both differ; companies
join when their names agree once legal suffixes (SAS, SARL, Productions…) are folded away.
Every merge keeps its evidence; candidates kept apart are near-misses; a merged film whose
sources disagree (two years) is a conflict. Structural nodes (roles, amounts, ratings…) get IRIs
from their keys once the entities they hang off are resolved.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.namespace import PC, RESOURCE
from graph.sources.records import Duration, Entity, Records, Ref
from graph.text import accents, fold, slug

Node = tuple[str, str]  # (source id, ref)

# Identifiers that make two records one film whatever their names; and the site each belongs to.
IDENTIFIERS: dict[URIRef, str] = {PC.imdbId: "IMDb", PC.tmdbId: "TMDB"}
CREDIT_ROLES: dict[URIRef, str] = {
    SDO.director: "director",
    SDO.musicBy: "composer",
    SDO.author: "writer",
    SDO.producer: "producer",
}
RELEASE_WINDOW = 3  # a film shot in year S is released in S … S+3
PERSON_DECADES_APART = 40  # same name, other roles, careers this many years apart: two people
_LEGAL_FORMS = (
    "sa sas sasu sarl eurl snc sca scs gie inc incorporated ltd limited llc llp plc gmbh ag bv nv srl spa"
)
LEGAL_SUFFIXES = frozenset(
    (_LEGAL_FORMS + " co corp corporation company cie production productions prod prods").split()
)


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


@dataclass
class Facts:
    """What the records of one candidate say that tells two candidates of one name apart."""

    years: set[int] = field(default_factory=set)
    windows: set[tuple[int, int]] = field(default_factory=set)  # release windows from shoot years
    directors: set[str] = field(default_factory=set)  # folded names
    ids: set[tuple[URIRef, str]] = field(default_factory=set)
    minutes: set[int] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)  # a person's credits: director, actor…
    active: set[int] = field(default_factory=set)  # years of a person's credited films

    def add(self, other: Facts) -> None:
        for name in ("years", "windows", "directors", "ids", "minutes", "roles", "active"):
            getattr(self, name).update(getattr(other, name))


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


def organization_key(name: str) -> str:
    """A company name without its legal form: "GAUMONT SAS" and "Gaumont Productions" -> "gaumont"."""
    words = fold(name).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    while len(words) > 1 and words[0] in LEGAL_SUFFIXES:
        words.pop(0)
    return " ".join(words)


def block_key(folder: str, name: str) -> str:
    """The blocking key of a name in ``folder``."""
    return organization_key(name) if folder == "organization" else fold(name)


def source_facts(records: Records) -> dict[str, Facts]:
    """Facts per ref of one source: ids, years, shoot windows, directors, credits of people.

    They depend on that source's records alone: the records cache keeps them (graph.build.cache), and
    resolution reads them without changing them."""
    facts: dict[str, Facts] = defaultdict(Facts)
    for c in records.claims_of(*IDENTIFIERS):
        if isinstance(c.obj, str):
            facts[c.subject].ids.add((c.prop, c.obj))
    for c in records.claims_of(SDO.duration):
        if isinstance(c.obj, Duration):
            facts[c.subject].minutes.add(c.obj.minutes)
    for production, years in _shoot_years(records).items():
        facts[production].windows.update((year, year + RELEASE_WINDOW) for year in years)
    for film, person, role in _credits(records):
        _add_credit(facts, records.entities, film, person, role)
    for ref, e in records.entities.items():
        if e.year and e.folder == "film":
            facts[ref].years.add(e.year)
    return facts


def _shoot_years(records: Records) -> dict[str, list[int]]:
    """The years of the shoots of each production (a permit's film or series)."""
    shot_for = {c.subject: c.obj.ref for c in records.claims_of(PC.shotFor) if isinstance(c.obj, Ref)}
    shoot_years: dict[str, list[int]] = defaultdict(list)
    for c in records.claims_of(SDO.startDate):
        if hasattr(c.obj, "year") and c.subject.startswith("shoot:"):
            shoot_years[c.subject].append(c.obj.year)
    years: dict[str, list[int]] = defaultdict(list)
    for shoot, production in shot_for.items():
        if shoot in shoot_years:
            years[production] += shoot_years[shoot]
    return years


def _credits(records: Records) -> list[tuple[str, str, str]]:
    """(film, person, role) of each credit: directors, composers… then actors (through roles)."""
    role_person: dict[str, str] = {}
    film_roles: list[tuple[str, str]] = []  # (film, role)
    performance_role = SDO.PerformanceRole
    for c in records.claims_of(SDO.actor):
        if isinstance(c.obj, Ref):
            subject = records.entities.get(c.subject)
            if subject is not None and subject.cls == performance_role:
                role_person[c.subject] = c.obj.ref
            else:
                film_roles.append((c.subject, c.obj.ref))
    credits = [
        (c.subject, c.obj.ref, CREDIT_ROLES[c.prop])
        for c in records.claims_of(*CREDIT_ROLES)
        if isinstance(c.obj, Ref)
    ]
    return credits + [(film, role_person[role], "actor") for film, role in film_roles if role in role_person]


def _add_credit(
    facts: dict[str, Facts], entities: dict[str, Entity], film: str, person: str, role: str
) -> None:
    """What a credit tells of its film (its director) and of its person (a role, active years)."""
    target = entities.get(person)
    if role == "director" and target is not None and target.name:
        facts[film].directors.add(fold(target.name))
    facts[person].roles.add(role)
    film_entity = entities.get(film)
    if film_entity is not None and film_entity.year:
        facts[person].active.add(film_entity.year)
    facts[person].active.update(lo for lo, _ in facts[film].windows)


def _films_agree(a: Facts, b: Facts) -> tuple[bool, str]:
    """Whether two films of one title are one film, and the evidence either way."""
    for prop, site in IDENTIFIERS.items():
        ours, theirs = {v for p, v in a.ids if p == prop}, {v for p, v in b.ids if p == prop}
        if ours and theirs:
            if ours & theirs:
                return True, f"same {site} id {min(ours & theirs)}"
            return False, f"different {site} ids ({', '.join(sorted(ours | theirs))})"
    if a.directors and b.directors and not a.directors & b.directors:
        return False, f"directors differ ({', '.join(sorted(a.directors | b.directors))})"
    directors = sorted(a.directors & b.directors)
    if a.years and b.years:
        if a.years & b.years:
            return True, f"same title and year {min(a.years & b.years)}"
        gap = min(abs(x - y) for x in a.years for y in b.years)
        close_runtime = any(abs(x - y) <= 3 for x in a.minutes for y in b.minutes)
        if gap == 1 and (directors or close_runtime):
            why = f"director {directors[0]}" if directors else "running time"
            return True, f"years {_years(a.years | b.years)} one apart and {why} agrees"
        return False, f"years differ ({_years(a.years | b.years)})"
    if (a.years and b.windows) or (b.years and a.windows):
        years, windows = (a.years, b.windows) if a.years else (b.years, a.windows)
        shot = _years({lo for lo, _ in windows})
        if not any(lo <= y <= hi for y in years for lo, hi in windows):
            return (
                False,
                f"released {_years(years)}, not in the {RELEASE_WINDOW} years after the shoot ({shot})",
            )
        if not directors:
            return False, f"title and years agree (shot {shot}, released {_years(years)}), no director agrees"
        return True, f"same title, shot {shot}, released {_years(years)}, director {directors[0]}"
    return True, "same title"


def _people_agree(a: Facts, b: Facts) -> tuple[bool, str]:
    """Whether two people of one name are one person: not when roles and decades both differ."""
    if a.active and b.active and a.roles and b.roles and not a.roles & b.roles:
        gap = max(min(a.active) - max(b.active), min(b.active) - max(a.active))
        if gap > PERSON_DECADES_APART:
            return False, (
                f"same name, other roles ({'/'.join(sorted(a.roles))} vs {'/'.join(sorted(b.roles))}) "
                f"and careers {gap} years apart"
            )
    return True, "same name"


def _agree(folder: str, a: Facts, b: Facts) -> tuple[bool, str]:
    if folder == "film":
        return _films_agree(a, b)
    if folder == "person":
        return _people_agree(a, b)
    if folder == "organization":
        return True, "same name once legal suffixes are folded"
    return True, "same name"


def _years(years: Iterable[int]) -> str:
    return "/".join(str(y) for y in sorted(years))


_NO_FACTS = Facts()  # shared by every candidate of which its source says nothing


def _strength(folder: str, f: Facts) -> int:
    """Strong candidates are placed first, bare mentions last (they join only a sole candidate)."""
    if folder != "film":
        return 0
    return 0 if f.ids else 1 if f.years else 2 if f.windows else 3


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
                    facts[node] = _NO_FACTS  # made a Facts of its own when it joins another
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

    index: dict[tuple[str, str], list[Node]] = defaultdict(list)
    for node, (folder, name, _c) in info.items():
        names = alternates.get(node)
        for key in (
            sorted({block_key(folder, n) for n in (name, *names)}) if names else [block_key(folder, name)]
        ):
            if key:
                index[(folder, key)].append(node)
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
    roots = sorted({uf.find(n) for n in nodes}, key=lambda r: (_strength(folder, facts[r]), r))
    if len(roots) < 2:
        return
    kept: list[Node] = []
    for root in roots:
        root = uf.find(root)
        verdicts = [(other, *_agree(folder, facts[uf.find(other)], facts[root])) for other in kept]
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
    info: dict[Node, tuple[str, str, bool]],
    alternates: dict[Node, list[str]],
) -> str:
    """The curated spelling, else the best accented, else the most frequent, else the first.

    Spellings of the same name (same folding) count, aliases ("City of Light") do not."""
    if len(members) == 1 and not alternates.get(members[0]):  # most entities: one record, one name
        folder, name, is_curated = info[members[0]]
        return person_case(name) if not is_curated and folder == "person" and name.isupper() else name
    curated = [info[n][1] for n in sorted(members) if info[n][2]]
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
