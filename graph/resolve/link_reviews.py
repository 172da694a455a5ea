"""Say which known film a review is about, from what its text names, as a hypothesis.

A review that never states its film (an aclImdb review, a free-text review) speaks of an unnamed
film node. Its text is searched once for every name the graph knows (film titles, people, places…)
through a folded word n-gram index (graph.resolve.review_text), so the cost grows with the text, not with
the number of films. Each known film it points at gets evidence:

- its title, weighed by how it is written (graph.resolve.review_text.title_chance): quoted or followed by
  its year is strong, spelled as the title is fair, lower case weak; one short word ("Up", "It",
  "9") counts only quoted or with its year; a comparison, a filmography in brackets, a common
  word, a first name or the name of a place ("Paris") count less;
- its people, named in full (director, actors, composer…); one person alone names no film;
- its year, as support for a film with other evidence.

The pieces combine as independent chances (1 - Π(1 - p)). A review is about one film: each
candidate keeps the square root of its share of all the evidence, titles the graph does not know
("New York, I Love You", quoted) taking their share too. The best candidate (and those within
``TIE`` of it) at ``MIN_CONFIDENCE`` or more becomes an Identification, with its evidence in words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.namespace import PC, RESOURCE
from graph.resolve.identify import Identification, credits
from graph.resolve.model import Resolution, Source
from graph.resolve.review_text import (
    Language,
    Name,
    NameIndex,
    Reading,
    WordCounts,
    context_doubts,
    title_reading,
    unknown_titles,
)
from graph.sources.records import Records, Ref, Year
from graph.text import FoldedText, fold

MIN_CONFIDENCE = 0.3  # below this a candidate is not worth a hypothesis
TIE = 0.05  # candidates this close to the best are kept with it ("Before Sunrise" and "Before Sunset")
ROLE_CHANCE = {"director": 0.5, "actor": 0.35}
OTHER_ROLE_CHANCE = 0.3  # composer, writer, producer
YEAR_CHANCE = 0.3
LONE_MENTION = 0.6  # a title named once, and nothing else agrees: most often a passing reference
_DIGITS = re.compile(r"(?<![a-z0-9])[0-9]+(?![a-z0-9])")  # a word of digits only
PROSE = (SDO.reviewBody, SDO.description)  # where the graph's own prose teaches common words


@dataclass
class Film:
    """What the graph knows of one film, as the linker needs it."""

    iri: URIRef
    name: str
    years: set[int] = field(default_factory=set)
    people: dict[URIRef, str] = field(default_factory=dict)  # person -> role


@dataclass
class Candidate:
    """A film that words of a review point at, and the chance each piece of evidence gives."""

    film: Film
    readings: list[Reading] = field(default_factory=list)  # one per mention of its title
    people: dict[URIRef, float] = field(default_factory=dict)  # person named -> weight
    year: float = 0.0

    def titles(self) -> list[tuple[float, str]]:
        """Each mention's chance and how it is written; a person of the film named too lifts
        the doubts on the name ("Troy" is a first name, but not next to Brad Pitt)."""
        return [r.value(confirmed=bool(self.people)) for r in self.readings]

    def person_chances(self, filmography: dict[URIRef, list[tuple[URIRef, str]]]) -> dict[URIRef, float]:
        """The chance each person named gives; without the title, a name credited on many films
        says less about which one (one of 16: a quarter)."""
        out = {}
        for person, weight in self.people.items():
            chance = ROLE_CHANCE.get(self.film.people[person], OTHER_ROLE_CHANCE) * weight
            out[person] = chance if self.readings else chance / len(filmography[person]) ** 0.5
        return out

    def raw(self, filmography: dict[URIRef, list[tuple[URIRef, str]]]) -> float:
        """The evidence combined as independent chances; one person alone names no film, and a
        title named once with nothing else that agrees is most often a passing reference.

        Each further mention of the title counts half the one before: a name repeated is one
        piece of evidence said again more than it is new evidence ("Walter" seven times).
        """
        title = [p for p, _ in self.titles() if p > 0]
        if not title and len(self.people) < 2:
            return 0.0
        people = self.person_chances(filmography).values()
        raw = _combined([_repeated(title), *people, self.year])
        return raw * LONE_MENTION if self.alone() else raw

    def alone(self) -> bool:
        """Whether the title is named once and nothing else (people, year) agrees."""
        return len(self.readings) == 1 and not self.people and not self.year


def link_reviews(sources: Sequence[Source], resolution: Resolution) -> list[Identification]:
    """A hypothesis for each review's unnamed film: the known film(s) its text names best.

    The text alone decides; an IMDb id asserted for the reviewed film (a review folder's index)
    only strikes out candidates with another IMDb id, since a guess against a fact is no hypothesis.

    >>> link_reviews([], Resolution())
    []
    """
    reviews = list(_reviews(sources, resolution))
    if not reviews:
        return []
    known = Known.of(sources, resolution)
    ids: dict[URIRef, set[str]] = defaultdict(set)
    for src in sources:
        for c in src.records.claims_of(PC.imdbId):
            if isinstance(c.obj, str):
                ids[resolution.of(src.source_id, c.subject)].add(c.obj)
    found = []
    for about, source_id, body in reviews:
        for h in known.identify(about, source_id, body):
            if not (ids.get(about) and ids.get(h.candidate) and not ids[about] & ids[h.candidate]):
                found.append(h)
    return found


def named_films(records: Records) -> list[tuple[str, int | None]]:
    """(ref, year) of each film one source names."""
    movie = SDO.Movie
    return [(e.ref, e.year) for e in records.entities.values() if e.name and e.cls == movie]


def published_years(records: Records) -> list[tuple[str, int]]:
    """(ref, year) of each publication date (or year) one source gives."""
    found = []
    for c in records.claims_of(SDO.datePublished):
        if isinstance(c.obj, Year | date) and (
            year := c.obj.value if isinstance(c.obj, Year) else c.obj.year
        ):
            found.append((c.subject, year))
    return found


def prose_counts(records: Records) -> WordCounts:
    """How one source's prose (reviews, descriptions) writes its words."""
    return WordCounts.of(c.obj for c in records.claims_of(*PROSE) if isinstance(c.obj, str))


def merged(first: Sequence[Identification], more: Iterable[Identification]) -> list[Identification]:
    """``first``, then those of ``more`` that name another (text, film) pair: the first word stands."""
    pairs = {(h.about, h.candidate) for h in first}
    return list(first) + [h for h in more if (h.about, h.candidate) not in pairs]


def _reviews(sources: Sequence[Source], resolution: Resolution) -> Iterable[tuple[URIRef, str, str]]:
    """(IRI of the reviewed film, source id, review text) for each review of an unnamed film."""
    for src in sources:
        bodies = {c.subject: c.obj for c in src.records.claims_of(SDO.reviewBody)}
        for c in src.records.claims_of(SDO.itemReviewed):
            if not isinstance(c.obj, Ref):
                continue
            film = src.records.entities.get(c.obj.ref)
            body = bodies.get(c.subject)
            if film is not None and film.name is None and film.cls == SDO.Movie and isinstance(body, str):
                yield resolution.of(src.source_id, film.ref), src.source_id, body


@dataclass
class Known:
    """The films of the graph, an index of every name, who is credited on which film, and what
    the graph's prose says of words."""

    films: dict[URIRef, Film]
    index: NameIndex
    filmography: dict[URIRef, list[tuple[URIRef, str]]]  # person -> (film, role)
    language: Language
    resolution: Resolution

    @classmethod
    def of(cls, sources: Sequence[Source], resolution: Resolution) -> Known:
        """Gather the named films of ``sources`` with their years and people, and index all names."""
        films: dict[URIRef, Film] = {}
        iris = resolution.iri
        for src in sources:
            sid = src.source_id
            for ref, year in src.records.derived(named_films):
                iri = iris[(sid, ref)]
                film = films.get(iri)
                if film is None:
                    film = films[iri] = Film(iri, resolution.name[iri])
                if year:
                    film.years.add(year)
            for ref, year in src.records.derived(published_years):  # of films named so far
                iri = iris[(sid, ref)]
                if iri in films:
                    films[iri].years.add(year)
        filmography: dict[URIRef, list[tuple[URIRef, str]]] = defaultdict(list)
        for iri, people in credits(sources, resolution).items():
            if iri in films:
                films[iri].people = people
                for person, role in people.items():
                    filmography[person].append((iri, role))
        index = NameIndex()
        person_names = []
        base = len(RESOURCE)
        for iri, name in resolution.name.items():
            folder = iri[base:].split("/", 1)[0]
            kind = "title" if iri in films else folder
            for spelling in (name, *resolution.alternates.get(iri, ())):
                if kind == "person":
                    person_names.append(spelling)
                if kind != "person" or " " in spelling.strip():  # a first name alone names nobody
                    index.add(Name(kind, iri, spelling))
        prose = WordCounts.total(src.records.derived(prose_counts) for src in sources)
        return cls(films, index, filmography, Language.learn(prose, person_names), resolution)

    def identify(self, about: URIRef, source_id: str, body: str) -> list[Identification]:
        """The best candidate(s) for the film of review ``body``, when sure enough."""
        scored, unknown = self.score(body)
        if not scored or scored[0][0] < MIN_CONFIDENCE:
            return []
        top = scored[0][0]
        return [
            Identification(about, c.film.iri, conf, tuple(self.evidence(c, body, unknown)), source_id)
            for conf, c in scored
            if conf >= max(MIN_CONFIDENCE, top - TIE)
        ]

    def score(self, body: str) -> tuple[list[tuple[float, Candidate]], tuple[str, list[float]] | None]:
        """Every film the words of ``body`` point at, with its confidence, best first; and the
        strongest title it writes that the graph does not know, with the chance of each mention."""
        text = FoldedText(body)
        found = self.index.find(text)
        candidates: dict[URIRef, Candidate] = {}
        named: dict[URIRef, float] = {}  # person -> weight (less in a comparison)
        for f in found:
            kinds = {n.kind for n in f.names}
            best: dict[URIRef, Reading] = {}  # a film's spellings are one mention
            for n in f.names:
                if n.kind == "title":
                    r = title_reading(body, f, n, kinds, self.films[n.target].years, self.language)
                    if r.chance > best.get(n.target, r).chance or n.target not in best:
                        best[n.target] = r
                elif n.kind == "person" and f.surface[:1].isupper():
                    weight = 0.3 if context_doubts(body, f.start) else 1.0
                    named[n.target] = max(weight, named.get(n.target, 0.0))
            for iri, r in best.items():
                if r.chance > 0:
                    candidates.setdefault(iri, Candidate(self.films[iri])).readings.append(r)
        for person, weight in named.items():
            for iri, _role in self.filmography.get(person, ()):
                candidates.setdefault(iri, Candidate(self.films[iri])).people[person] = weight
        years = _years_in(text.folded)
        ranked = []
        for cand in candidates.values():
            cand.year = YEAR_CHANCE if cand.film.years & years else 0.0
            if (raw := cand.raw(self.filmography)) > 0:
                ranked.append((raw, cand))
        # the best title the graph does not know competes too: the review may be about that film
        unknowns = unknown_titles(body, self.index, found, self.language)
        unknown = max(unknowns.items(), key=lambda u: _repeated(u[1]), default=None)
        total = sum(r for r, _ in ranked) + (_repeated(unknown[1]) if unknown else 0.0)
        # one review, one film: a candidate keeps the square root of its share of all evidence
        out = [(round(r * (r / total) ** 0.5, 3), c) for r, c in ranked]
        return sorted(out, key=lambda rc: (-rc[0], str(rc[1].film.iri))), unknown

    def evidence(self, cand: Candidate, body: str, unknown: tuple[str, list[float]] | None) -> list[str]:
        """The reasons for one candidate, in words."""
        out = []
        hows = [how for p, how in cand.titles() if p > 0]
        for how in dict.fromkeys(hows):
            n = hows.count(how)
            out.append(f"title '{cand.film.name}' {how}" + (f" ({n} times)" if n > 1 else ""))
        name = self.resolution.name
        for person in sorted(cand.people, key=lambda p: name[p]):
            out.append(f"{name[person]}: {cand.film.people[person]} in {cand.film.name}")
        if cand.year:
            out.append(f"year {', '.join(str(y) for y in sorted(cand.film.years & _years(body)))} named")
        if cand.alone():
            out.append("named once, and no person or year of the film agrees")
        if unknown:
            title, chances = unknown
            times = f" ({len(chances)} times)" if len(chances) > 1 else ""
            out.append(f"against: '{title}'{times}, written as a title the graph does not know")
        return out


def _years(body: str) -> set[int]:
    """The years a text names (1880-2099)."""
    return _years_in(fold(body))


def _years_in(folded: str) -> set[int]:
    """The years a folded text names (its words are the same however it was folded)."""
    return {int(w) for w in _DIGITS.findall(folded) if len(w) == 4 and 1880 <= int(w) <= 2099}


def _repeated(chances: Iterable[float]) -> float:
    """Mentions of one name combined, best first, each counting half the one before."""
    return _combined(p * 0.5**i for i, p in enumerate(sorted(chances, reverse=True)))


def _combined(chances: Iterable[float]) -> float:
    """Independent chances combined: 1 - Π(1 - p)."""
    miss = 1.0
    for p in chances:
        miss *= 1.0 - p
    return 1.0 - miss
