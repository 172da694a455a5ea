"""A deterministic synthetic film graph shaped like the real build, written as Turtle.

Why: the real build is a few hundred thousand triples; the performance notes of the issue speak of
1M and 5M. This writes a graph of any size in the project's vocabulary (graph/namespace.py, schema.org
first) so that every named query of queries/ returns rows on it: films with names, dates, genres,
keywords, production companies, distributors, budgets and revenues; people as directors, writers,
composers and as actors through schema:PerformanceRole nodes with characters; shoots (pc:Shoot) at
addresses with coordinates inside arrondissements, inside Paris, inside France; franchises, festival
selections, crew counts, reviews with the statements (rdf:Statement with quotes) that name people,
and film identifications kept as hypotheses.

Strings are written straight to the file (an rdflib graph of 5M triples would take minutes and
gigabytes just to generate). One seed gives the same bytes on every run and machine.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from bench.synthetic_words import (
    COMPANY_KINDS,
    COUNTRIES,
    CREW_ROLES,
    FESTIVALS,
    FIRST,
    GENRES,
    KEYWORDS,
    LAST,
    SECTIONS,
    STREETS,
    WORDS,
)
from graph.namespace import PREFIXES

# Triples per film, all its nodes included (roles, amounts, shoots...), measured on the generator:
# it sizes the pools of people, organizations and addresses so that most of them are used.
TRIPLES_PER_FILM = 95


@dataclass
class Synthetic:
    """What was written: the file, its triple count, how many of each kind, and the entities to
    give the named queries as parameters (name -> IRI), each chosen so that its query has rows."""

    path: Path
    triples: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    picks: dict[str, str] = field(default_factory=dict)


def _lit(text: str) -> str:
    """A Turtle string literal (generated words carry no quote, backslash or newline)."""
    return f'"{text}"'


def _typed(value: object, datatype: str) -> str:
    return f'"{value}"^^xsd:{datatype}'


def _zipf(n: int, s: float) -> list[float]:
    """Cumulative weights 1/(rank+1)^s: a few people in many films, most in one or two."""
    return list(accumulate(1.0 / (i + 1) ** s for i in range(n)))


def _slug(text: str) -> str:
    table = str.maketrans("éèêëàâäîïôöûüçÉ' ", "eeeeaaaiioouucE--")
    return "".join(c for c in text.translate(table).lower() if c.isalnum() or c == "-")


Pairs = list[tuple[str, str]]


class _Writer:
    """Subject blocks of Turtle, counted as they are written."""

    def __init__(self, out: Path) -> None:
        self.file = out.open("w", encoding="utf-8", newline="\n")
        self.file.write("".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items()) + "\n")
        self.triples = 0
        self.buffer: list[str] = []

    def block(self, subject: str, pairs: Pairs) -> None:
        """``subject p1 o1 ; p2 o2 .``"""
        body = " ;\n    ".join(f"{p} {o}" for p, o in pairs)
        self.buffer.append(f"{subject} {body} .\n")
        self.triples += len(pairs)
        if len(self.buffer) >= 4096:
            self.flush()

    def named(self, subject: str, cls: str, name: str, more: Sequence[tuple[str, str]] = ()) -> None:
        """A block for an entity with a class, a name and a label (as the build gives entities)."""
        self.block(subject, [("a", cls), ("schema:name", _lit(name)), ("rdfs:label", _lit(name)), *more])

    def flush(self) -> None:
        self.file.write("".join(self.buffer))
        self.buffer.clear()

    def close(self) -> None:
        self.flush()
        self.file.close()


def generate(out: Path, triples: int, seed: int = 1) -> Synthetic:
    """Write a film graph of about ``triples`` triples (a few dozen more: the last film is whole)
    to ``out`` as Turtle, the same bytes for the same ``triples`` and ``seed``.

    >>> import tempfile
    >>> s = generate(Path(tempfile.mkdtemp()) / "g.ttl", 3000)
    >>> s.triples >= 3000 and s.picks["film"].startswith("film:")
    True
    """
    gen = _Generator(out, triples, random.Random(seed))
    gen.places()
    gen.people_and_organizations()
    i = 0
    while gen.w.triples < triples:
        gen.film(i)
        i += 1
    gen.w.close()
    gen.syn.triples = gen.w.triples
    gen.syn.counts = {
        "people": len(gen.people),
        "organizations": len(gen.orgs),
        "addresses": len(gen.addresses),
        **gen.counts,
    }
    return gen.syn


class _Generator:
    """The state of one generation: pools of entities, popularity weights, counts and picks."""

    def __init__(self, out: Path, triples: int, rng: random.Random) -> None:
        self.rng = rng
        self.w = _Writer(out)
        self.syn = Synthetic(out)
        films_planned = max(10, triples // TRIPLES_PER_FILM)
        self.n_people = max(50, films_planned * 5 // 2)
        self.n_orgs = max(20, films_planned // 8)
        self.n_addresses = max(30, films_planned * 3 // 2)
        self.countries = [f"place:{_slug(c)}" for c in COUNTRIES]
        self.arrondissements: list[str] = []
        self.addresses: list[str] = []
        self.people: list[tuple[str, str]] = []
        self.orgs: list[str] = []
        self.festivals: list[tuple[str, str]] = []
        self.counts = dict.fromkeys(("films", "roles", "shoots", "reviews", "statements", "hypotheses"), 0)
        self.editions: set[str] = set()
        self.franchise: tuple[str, int] | None = None  # (IRI, films still to come)

    def places(self) -> None:
        """France ⊃ Paris ⊃ 20 arrondissements ⊃ addresses, and the countries of companies."""
        w, rng = self.w, self.rng
        for iri, name in zip(self.countries, COUNTRIES, strict=True):
            w.named(iri, "schema:Country", name)
        w.named(
            "place:paris",
            "schema:City",
            "Paris",
            [
                ("schema:containedInPlace", self.countries[0]),
                ("schema:latitude", _typed("48.8566", "decimal")),
                ("schema:longitude", _typed("2.3522", "decimal")),
            ],
        )
        for n in range(1, 21):
            name = f"{n}{'th' if n > 3 else {1: 'st', 2: 'nd', 3: 'rd'}[n]} arrondissement of Paris"
            self.arrondissements.append(f"place:{_slug(name)}")
            more = [("pc:inseeCode", _lit(f"751{n:02d}")), ("schema:containedInPlace", "place:paris")]
            w.named(self.arrondissements[-1], "pc:Arrondissement", name, more)
        for i in range(self.n_addresses):
            name = f"{rng.randint(1, 140)} {rng.choice(STREETS)}"
            self.addresses.append(f"address:{_slug(name)}-{i}")
            more = [
                ("schema:latitude", _typed(f"{rng.uniform(48.816, 48.902):.7f}", "decimal")),
                ("schema:longitude", _typed(f"{rng.uniform(2.225, 2.47):.7f}", "decimal")),
                ("schema:containedInPlace", rng.choice(self.arrondissements)),
            ]
            w.named(self.addresses[-1], "schema:Place", name, more)

    def people_and_organizations(self) -> None:
        """People, companies and festivals, ranked: the first are chosen most often."""
        w, rng = self.w, self.rng
        for i in range(self.n_people):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            self.people.append((f"person:{_slug(name)}-{i}", name))
            w.named(self.people[-1][0], "schema:Person", name)
        for i in range(self.n_orgs):
            name = f"{rng.choice(LAST)} {rng.choice(COMPANY_KINDS)}"
            self.orgs.append(f"organization:{_slug(name)}-{i}")
            w.named(
                self.orgs[-1], "schema:Organization", name, [("schema:location", rng.choice(self.countries))]
            )
        for name in FESTIVALS:
            self.festivals.append((f"event:{_slug(name)}", name))
            w.named(self.festivals[-1][0], "schema:Festival", name)
        self.actor_w = _zipf(self.n_people, 0.9)
        self.crew_w = _zipf(self.n_people, 1.1)  # directors and composers: fewer, busier people
        self.org_w = _zipf(self.n_orgs, 1.0)
        top = self.people[0][0]
        self.syn.picks = {
            "person": top,
            "entity": top,
            "director": top,
            "distributor": self.orgs[0],
            "place": self.arrondissements[17],
        }

    def _person(self, weights: list[float]) -> int:
        return self.rng.choices(range(self.n_people), cum_weights=weights)[0]

    def film(self, i: int) -> None:
        """One film with its roles, amounts, rating, crew counts, festival, franchise, shoots, and
        now and then a review, a film identification or a person known for it."""
        w, rng = self.w, self.rng
        full = i == 0  # the first film has every kind of fact: the parameter of film queries
        year = rng.randint(1930, 2024)
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))).capitalize()
        film = f"film:{_slug(title)}-{year}-{i}"
        key = film[5:]
        if full:
            self.syn.picks["film"] = film
        director = self.people[0 if full else self._person(self.crew_w)][0]
        released = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        f: Pairs = [
            ("a", "schema:Movie"),
            ("schema:name", _lit(title)),
            ("rdfs:label", _lit(title)),
            ("schema:datePublished", _typed(released, "date")),
            ("schema:director", director),
            ("pc:tmdbId", _lit(str(100000 + i))),
            ("schema:description", _lit(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))))),
            ("schema:contentLocation", "place:paris"),
            (
                "schema:countryOfOrigin",
                self.countries[0] if rng.random() < 0.7 else rng.choice(self.countries),
            ),
        ]
        if i % 10 == 0:  # one film in ten set in an arrondissement too (no draw: the rest stays as it was)
            f.append(("schema:contentLocation", self.arrondissements[(i // 10 + 17) % 20]))
        f += [("schema:genre", _lit(g)) for g in sorted(set(rng.choices(GENRES, k=rng.randint(1, 3))))]
        f += [("schema:keywords", _lit(k)) for k in sorted(set(rng.choices(KEYWORDS, k=rng.randint(0, 6))))]
        for org in sorted(set(rng.choices(range(self.n_orgs), cum_weights=self.org_w, k=rng.randint(1, 3)))):
            f.append(("schema:productionCompany", self.orgs[org]))
        if full or rng.random() < 0.5:
            org = 0 if full else rng.choices(range(self.n_orgs), cum_weights=self.org_w)[0]
            f.append(("pc:distributor", self.orgs[org]))
        for prop, share in (("schema:musicBy", 0.2), ("schema:author", 0.3), ("schema:producer", 0.3)):
            if rng.random() < share:
                f.append((prop, self.people[self._person(self.crew_w)][0]))
        cast = sorted(set(rng.choices(range(self.n_people), cum_weights=self.actor_w, k=rng.randint(3, 12))))
        if full:
            cast = sorted({0, *cast})
        for rank in cast:
            person, name = self.people[rank]
            role = f"role:{key}--{person[7:]}"
            f.append(("schema:actor", role))
            pairs = [
                ("a", "schema:PerformanceRole"),
                ("schema:actor", person),
                ("rdfs:label", _lit(f"{title} – {name}")),
            ]
            if rng.random() < 0.6:
                pairs.append(("schema:characterName", _lit(rng.choice(FIRST))))
            w.block(role, pairs)
            self.counts["roles"] += 1
        f += self._facts(key, film, title, year, full)
        f += self._shoots(title, film, full, f)
        w.block(film, f)
        credited = [self.people[r] for r in cast]
        if full or rng.random() < 0.025:
            self._review(film, credited, full)
        if full or rng.random() < 0.002:
            self._identification(film, title, credited)
        if full or rng.random() < 0.01:
            w.block(self.people[cast[0]][0], [("pc:knownFor", film)])
        self.counts["films"] += 1

    def _facts(self, key: str, film: str, title: str, year: int, full: bool) -> Pairs:
        """Budget and revenue, rating, crew counts, festival selection and franchise of a film."""
        w, rng = self.w, self.rng
        f: Pairs = []
        for what, share in (("budget", 0.6), ("revenue", 0.5)):
            if full or rng.random() < share:
                amount = f"amount:{key}--{what}"
                f.append((f"pc:{what}", amount))
                value = _typed(rng.randint(1, 400) * 250000, "integer")
                w.block(
                    amount,
                    [
                        ("a", "schema:MonetaryAmount"),
                        ("schema:value", value),
                        ("schema:currency", _lit("USD")),
                        ("pc:market", _lit("worldwide")),
                        ("rdfs:label", _lit(f"{title} – {what}")),
                    ],
                )
        if rng.random() < 0.7:
            rating = f"rating:{key}--users"
            f.append(("schema:aggregateRating", rating))
            w.block(
                rating,
                [
                    ("a", "schema:AggregateRating"),
                    ("schema:ratingValue", _typed(f"{rng.uniform(2, 9):.1f}", "decimal")),
                    ("schema:ratingCount", _typed(rng.randint(5, 20000), "integer")),
                    ("schema:bestRating", _typed(10, "integer")),
                ],
            )
        if full or rng.random() < 0.02:
            for role in rng.sample(CREW_ROLES, 3):
                crew = f"crew:{key}--{_slug(role)}"
                f.append(("pc:crewCount", crew))
                count = _typed(rng.randint(1, 40), "integer")
                w.block(crew, [("a", "pc:CrewCount"), ("pc:crewRole", _lit(role)), ("pc:count", count)])
        if full or rng.random() < 0.03:
            fest, fest_name = rng.choice(self.festivals)
            edition = f"{fest}-{year}"
            if edition not in self.editions:
                self.editions.add(edition)
                more = [("schema:superEvent", fest), ("schema:startDate", _typed(year, "gYear"))]
                w.block(
                    edition, [("a", "schema:Festival"), ("schema:name", _lit(f"{fest_name} {year}")), *more]
                )
            selection = f"selection:{key}"
            f.append(("pc:festivalSelection", selection))
            w.block(
                selection,
                [
                    ("a", "pc:FestivalSelection"),
                    ("pc:festival", edition),
                    ("pc:festivalSection", _lit(rng.choice(SECTIONS))),
                    ("pc:selectionRole", _lit("in competition")),
                ],
            )
        if self.franchise is None and (full or rng.random() < 0.01):
            name = f"{title} saga"
            self.franchise = (f"series:{_slug(name)}-{key.rsplit('-', 1)[-1]}", rng.randint(2, 5))
            self.syn.picks.setdefault("franchise", self.franchise[0])
            more = [("pc:firstWork", film), ("schema:startDate", _typed(year, "gYear"))]
            w.named(self.franchise[0], "pc:Franchise", name, more)
        if self.franchise is not None:
            f.append(("pc:partOfFranchise", self.franchise[0]))
            iri, left = self.franchise
            self.franchise = (iri, left - 1) if left > 1 else None
        return f

    def _shoots(self, title: str, film: str, full: bool, facts: Pairs) -> Pairs:
        """The shoots of a film (as the permits give them), each at an address; its locations."""
        rng = self.rng
        f: Pairs = []
        for _ in range(3 if full else rng.choices((0, 1, 2, 3, 4), (25, 35, 20, 12, 8))[0]):
            address = rng.choice(self.addresses)
            start = f"{rng.randint(2016, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 20):02d}"
            end = start[:-2] + f"{int(start[-2:]) + rng.randint(0, 8):02d}"
            self.counts["shoots"] += 1
            n = self.counts["shoots"]
            if ("pc:filmingLocation", address) not in f:  # two shoots at one address: one location
                f.append(("pc:filmingLocation", address))
            self.w.block(
                f"shoot:{n - 1}",
                [
                    ("a", "pc:Shoot"),
                    ("schema:name", _lit(f"{title}, {start}")),
                    ("pc:shotFor", film),
                    ("schema:startDate", _typed(start, "date")),
                    ("schema:endDate", _typed(end, "date")),
                    ("pc:permitId", _lit(f"2024-{n}")),
                    ("pc:productionKind", _lit("feature film")),
                    ("schema:location", address),
                ],
            )
        return f

    def _review(self, film: str, cast: list[tuple[str, str]], full: bool) -> None:
        """A review of ``film`` that mentions some of its cast, each mention with the words naming it."""
        rng, counts = self.rng, self.counts
        review = f"source:review-{counts['reviews']}"
        counts["reviews"] += 1
        self.syn.picks.setdefault("review", review)
        mentioned = cast[: rng.randint(1, 4)] if not full else cast[:4]
        self.w.block(
            review,
            [
                ("a", "schema:Review"),
                ("a", "pc:SourceDocument"),
                ("schema:name", _lit(f"review-{counts['reviews']:06d}.txt")),
                ("rdfs:label", _lit(f"review {counts['reviews']}")),
                ("schema:itemReviewed", film),
                *(("schema:mentions", person) for person, _ in mentioned),
            ],
        )
        start = 0
        for person, name in mentioned:
            start += rng.randint(10, 400)
            statement = f"statement:{counts['statements']:08x}"
            counts["statements"] += 1
            self.w.block(
                statement,
                [
                    ("a", "rdf:Statement"),
                    ("rdf:subject", review),
                    ("rdf:predicate", "schema:mentions"),
                    ("rdf:object", person),
                    ("prov:wasDerivedFrom", review),
                    ("pc:quote", _lit(name)),
                    ("pc:spanStart", _typed(start, "integer")),
                    ("pc:spanEnd", _typed(start + len(name), "integer")),
                ],
            )

    def _identification(self, film: str, title: str, cast: list[tuple[str, str]]) -> None:
        """A review that never names its film, and the hypothesis that it is about ``film``."""
        n = self.counts["hypotheses"]
        self.counts["hypotheses"] += 1
        unknown = f"film:unidentified--anonymous-{n}"
        review = f"source:anonymous-{n}"
        self.w.block(unknown, [("a", "schema:Movie"), ("pc:identified", _typed("false", "boolean"))])
        self.w.block(
            review,
            [
                ("a", "schema:Review"),
                ("schema:name", _lit(f"anonymous-{n}.txt")),
                ("schema:itemReviewed", unknown),
            ],
        )
        confidence = _typed(f"{self.rng.uniform(0.4, 1):.3f}", "decimal")
        self.w.block(
            f"hypothesis:anonymous-{n}--{film[5:]}",
            [
                ("a", "pc:FilmIdentification"),
                ("pc:textAbout", unknown),
                ("pc:candidate", film),
                ("pc:confidence", confidence),
                *(("pc:evidence", _lit(f"{name}: actor here, actor in {title}")) for _, name in cast[:2]),
            ],
        )
