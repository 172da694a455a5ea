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
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from graph.namespace import PREFIXES

# Triples per film, all its nodes included (roles, amounts, shoots...), measured on the generator:
# it sizes the pools of people, organizations and addresses so that most of them are used.
TRIPLES_PER_FILM = 95


def _words(text: str) -> tuple[str, ...]:
    """The words of ``text`` (word lists read better as text than as a column of strings)."""
    return tuple(text.split())


FIRST = _words(
    "Juliette Romain Émilie Cédric Agnès Vincent Monica Isabelle Jean Marion Louis Léa Omar Audrey "
    "Mathieu Sophie Gérard Catherine Fabrice Mélanie Karin Gilles Albert François Denis Chloé Hugo "
    "Camille Adèle Pierre Nathalie Benoît Sandrine Jacques Anaïs Thomas Clémence Yves Simone Alain "
    "Brigitte Jeanne Michel Zinedine Annelise Olivia Xavier Maurice Julie Laetitia Guillaume Noémie "
    "Raphaël Ludivine Tahar Virginie Reda Jérémie Hafsia"
)
LAST = _words(
    "Binoche Duris Klapisch Varda Cassel Bellucci Huppert Dujardin Cotillard Garrel Seydoux Sy "
    "Tautou Amalric Marceau Depardieu Deneuve Luchini Laurent Viard Lellouche Dupontel Cluzet Lindon "
    "Lemercier Tellier Renier Haenel Exarchopoulos Piccoli Baye Poelvoorde Kiberlain Bacri Foïs "
    "Gallienne Dequenne Signoret Delon Bardot Moreau Belmondo Karina Trintignant Rampling Adjani "
    "Auteuil Béart Bonnaire Dussollier Ardant Berling Lvovsky Ledoyen Kassovitz Rahim Efira Kateb "
    "Macaigne Anglade Quenard"
)
WORDS = _words(
    "amour nuit ville pluie été hiver lumière ombre rue quai pont café gare métro toit fenêtre "
    "dernier premier petit grand secret silence voyage retour départ rêve histoire jour soir matin "
    "ciel mer fleuve Seine Montmartre Belleville Marais Bastille Pigalle Odéon Passy Batignolles"
)
GENRES = _words(
    "Drama Comedy Romance Thriller Crime Documentary Animation Family Mystery History War Music "
    "Adventure Fantasy Horror"
)
KEYWORDS = _words(
    "paris love friendship family police heist bakery cafe nightlife fashion music revenge memory "
    "artist student marriage divorce exile war resistance jazz dance theatre apartment neighbour "
    "taxi metro rooftop riverbank cemetery museum"
)
COUNTRIES = ("France", "Belgium", "United States", "United Kingdom", "Italy", "Germany", "Spain", "Canada")
FESTIVALS = ("Cannes Film Festival", "Berlinale", "Venice Film Festival", "Toronto Film Festival")
SECTIONS = ("Competition", "Un Certain Regard", "Out of Competition", "Special Screenings")
CREW_ROLES = ("director", "writer", "lead actor", "cinematographer", "editor")
STREETS = (
    "rue de Rivoli",
    "boulevard Saint-Germain",
    "quai de Valmy",
    "rue des Abbesses",
    "avenue de l'Opéra",
    "rue Oberkampf",
    "place des Vosges",
    "rue Mouffetard",
    "boulevard de Clichy",
    "quai de la Tournelle",
)


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


class _Writer:
    """Subject blocks of Turtle, counted as they are written."""

    def __init__(self, out: Path) -> None:
        self.file = out.open("w", encoding="utf-8", newline="\n")
        self.triples = 0
        self.buffer: list[str] = []

    def block(self, subject: str, pairs: list[tuple[str, str]]) -> None:
        body = " ;\n    ".join(f"{p} {o}" for p, o in pairs)
        self.buffer.append(f"{subject} {body} .\n")
        self.triples += len(pairs)
        if len(self.buffer) >= 4096:
            self.flush()

    def flush(self) -> None:
        self.file.write("".join(self.buffer))
        self.buffer.clear()

    def close(self) -> None:
        self.flush()
        self.file.close()


def _prefixes() -> Iterator[str]:
    for prefix, iri in PREFIXES.items():
        yield f"@prefix {prefix}: <{iri}> .\n"


def generate(out: Path, triples: int, seed: int = 1) -> Synthetic:
    """Write a film graph of about ``triples`` triples (a few dozen more: the last film is whole)
    to ``out`` as Turtle, the same bytes for the same ``triples`` and ``seed``.

    >>> import tempfile
    >>> s = generate(Path(tempfile.mkdtemp()) / "g.ttl", 3000)
    >>> s.triples >= 3000 and s.picks["film"].startswith("film:")
    True
    """
    rng = random.Random(seed)
    w = _Writer(out)
    w.file.write("".join(_prefixes()) + "\n")
    films_planned = max(10, triples // TRIPLES_PER_FILM)
    n_people = max(50, films_planned * 5 // 2)
    n_orgs = max(20, films_planned // 8)
    n_addresses = max(30, films_planned * 3 // 2)
    syn = Synthetic(out)

    # Places: France ⊃ Paris ⊃ 20 arrondissements ⊃ addresses, and the countries of companies.
    countries = [f"place:{_slug(c)}" for c in COUNTRIES]
    for iri, name in zip(countries, COUNTRIES, strict=True):
        w.block(iri, [("a", "schema:Country"), ("schema:name", _lit(name)), ("rdfs:label", _lit(name))])
    w.block(
        "place:paris",
        [
            ("a", "schema:City"),
            ("schema:name", _lit("Paris")),
            ("rdfs:label", _lit("Paris")),
            ("schema:containedInPlace", countries[0]),
            ("schema:latitude", _typed("48.8566", "decimal")),
            ("schema:longitude", _typed("2.3522", "decimal")),
        ],
    )
    arrondissements = []
    for n in range(1, 21):
        suffix = "th" if n > 3 else {1: "st", 2: "nd", 3: "rd"}[n]
        name = f"{n}{suffix} arrondissement of Paris"
        iri = f"place:{_slug(name)}"
        arrondissements.append(iri)
        w.block(
            iri,
            [
                ("a", "pc:Arrondissement"),
                ("schema:name", _lit(name)),
                ("rdfs:label", _lit(name)),
                ("pc:inseeCode", _lit(f"751{n:02d}")),
                ("schema:containedInPlace", "place:paris"),
            ],
        )
    addresses = []
    for i in range(n_addresses):
        name = f"{rng.randint(1, 140)} {rng.choice(STREETS)}"
        iri = f"address:{_slug(name)}-{i}"
        addresses.append(iri)
        w.block(
            iri,
            [
                ("a", "schema:Place"),
                ("schema:name", _lit(name)),
                ("rdfs:label", _lit(name)),
                ("schema:latitude", _typed(f"{rng.uniform(48.816, 48.902):.7f}", "decimal")),
                ("schema:longitude", _typed(f"{rng.uniform(2.225, 2.47):.7f}", "decimal")),
                ("schema:containedInPlace", rng.choice(arrondissements)),
            ],
        )

    # People and organizations, ranked by how often they are chosen.
    people = []
    for i in range(n_people):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        iri = f"person:{_slug(name)}-{i}"
        people.append((iri, name))
        w.block(iri, [("a", "schema:Person"), ("schema:name", _lit(name)), ("rdfs:label", _lit(name))])
    orgs = []
    for i in range(n_orgs):
        name = f"{rng.choice(LAST)} {rng.choice(('Films', 'Productions', 'Distribution', 'Pictures'))}"
        iri = f"organization:{_slug(name)}-{i}"
        orgs.append(iri)
        w.block(
            iri,
            [
                ("a", "schema:Organization"),
                ("schema:name", _lit(name)),
                ("rdfs:label", _lit(name)),
                ("schema:location", rng.choice(countries)),
            ],
        )
    festivals = []
    for name in FESTIVALS:
        iri = f"event:{_slug(name)}"
        w.block(iri, [("a", "schema:Festival"), ("schema:name", _lit(name)), ("rdfs:label", _lit(name))])
        festivals.append((iri, name))

    actor_w = _zipf(n_people, 0.9)
    crew_w = _zipf(n_people, 1.1)  # directors and composers: fewer, busier people
    org_w = _zipf(n_orgs, 1.0)
    syn.picks = {
        "person": people[0][0],
        "entity": people[0][0],
        "director": people[0][0],
        "distributor": orgs[0],
        "place": arrondissements[17],
    }
    counts = dict.fromkeys(("films", "roles", "shoots", "reviews", "statements", "hypotheses"), 0)
    editions: set[str] = set()
    franchise: tuple[str, int] | None = None  # (IRI, films still to come)
    i = 0
    while w.triples < triples:
        full = i == 0  # the first film has every kind of fact: the parameter of film queries
        year = rng.randint(1930, 2024)
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))).capitalize()
        film = f"film:{_slug(title)}-{year}-{i}"
        if full:
            syn.picks["film"] = film
        director = people[0 if full else rng.choices(range(n_people), cum_weights=crew_w)[0]][0]
        f: list[tuple[str, str]] = [
            ("a", "schema:Movie"),
            ("schema:name", _lit(title)),
            ("rdfs:label", _lit(title)),
            (
                "schema:datePublished",
                _typed(f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "date"),
            ),
            ("schema:director", director),
            ("pc:tmdbId", _lit(str(100000 + i))),
            ("schema:description", _lit(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))))),
            ("schema:contentLocation", "place:paris"),
            ("schema:countryOfOrigin", countries[0] if rng.random() < 0.7 else rng.choice(countries)),
        ]
        f += [("schema:genre", _lit(g)) for g in sorted(set(rng.choices(GENRES, k=rng.randint(1, 3))))]
        f += [("schema:keywords", _lit(k)) for k in sorted(set(rng.choices(KEYWORDS, k=rng.randint(0, 6))))]
        for org in sorted(set(rng.choices(range(n_orgs), cum_weights=org_w, k=rng.randint(1, 3)))):
            f.append(("schema:productionCompany", orgs[org]))
        if full or rng.random() < 0.5:
            f.append(
                (
                    "pc:distributor",
                    orgs[0] if full else orgs[rng.choices(range(n_orgs), cum_weights=org_w)[0]],
                )
            )
        for prop, share in (("schema:musicBy", 0.2), ("schema:author", 0.3), ("schema:producer", 0.3)):
            if rng.random() < share:
                f.append((prop, people[rng.choices(range(n_people), cum_weights=crew_w)[0]][0]))
        cast = sorted(set(rng.choices(range(n_people), cum_weights=actor_w, k=rng.randint(3, 12))))
        if full:
            cast = sorted({0, *cast})
        for rank in cast:
            person, name = people[rank]
            role = f"role:{film[5:]}--{person[7:]}"
            f.append(("schema:actor", role))
            pairs = [
                ("a", "schema:PerformanceRole"),
                ("schema:actor", person),
                ("rdfs:label", _lit(f"{title} – {name}")),
            ]
            if rng.random() < 0.6:
                pairs.append(("schema:characterName", _lit(rng.choice(FIRST))))
            w.block(role, pairs)
            counts["roles"] += 1
        for what, share in (("budget", 0.6), ("revenue", 0.5)):
            if full or rng.random() < share:
                amount = f"amount:{film[5:]}--{what}"
                f.append((f"pc:{what}", amount))
                w.block(
                    amount,
                    [
                        ("a", "schema:MonetaryAmount"),
                        ("schema:value", _typed(rng.randint(1, 400) * 250000, "integer")),
                        ("schema:currency", _lit("USD")),
                        ("pc:market", _lit("worldwide")),
                        ("rdfs:label", _lit(f"{title} – {what}")),
                    ],
                )
        if rng.random() < 0.7:
            rating = f"rating:{film[5:]}--users"
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
                crew = f"crew:{film[5:]}--{_slug(role)}"
                f.append(("pc:crewCount", crew))
                w.block(
                    crew,
                    [
                        ("a", "pc:CrewCount"),
                        ("pc:crewRole", _lit(role)),
                        ("pc:count", _typed(rng.randint(1, 40), "integer")),
                    ],
                )
        if full or rng.random() < 0.03:
            fest, fest_name = rng.choice(festivals)
            edition = f"{fest}-{year}"
            if edition not in editions:
                editions.add(edition)
                w.block(
                    edition,
                    [
                        ("a", "schema:Festival"),
                        ("schema:name", _lit(f"{fest_name} {year}")),
                        ("schema:superEvent", fest),
                        ("schema:startDate", _typed(year, "gYear")),
                    ],
                )
            selection = f"selection:{film[5:]}"
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
        if franchise is None and (full or rng.random() < 0.01):
            name = f"{title} saga"
            franchise = (f"series:{_slug(name)}-{i}", rng.randint(2, 5))
            syn.picks.setdefault("franchise", franchise[0])
            w.block(
                franchise[0],
                [
                    ("a", "pc:Franchise"),
                    ("schema:name", _lit(name)),
                    ("rdfs:label", _lit(name)),
                    ("pc:firstWork", film),
                    ("schema:startDate", _typed(year, "gYear")),
                ],
            )
        if franchise is not None:
            f.append(("pc:partOfFranchise", franchise[0]))
            franchise = (franchise[0], franchise[1] - 1) if franchise[1] > 1 else None
        for _ in range(3 if full else rng.choices((0, 1, 2, 3, 4), (25, 35, 20, 12, 8))[0]):
            address = rng.choice(addresses)
            start = f"{rng.randint(2016, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 20):02d}"
            shoot = f"shoot:{counts['shoots']}"
            counts["shoots"] += 1
            if ("pc:filmingLocation", address) not in f:  # two shoots at one address: one location
                f.append(("pc:filmingLocation", address))
            w.block(
                shoot,
                [
                    ("a", "pc:Shoot"),
                    ("schema:name", _lit(f"{title}, {start}")),
                    ("pc:shotFor", film),
                    ("schema:startDate", _typed(start, "date")),
                    (
                        "schema:endDate",
                        _typed(start[:-2] + f"{int(start[-2:]) + rng.randint(0, 8):02d}", "date"),
                    ),
                    ("pc:permitId", _lit(f"2024-{counts['shoots']}")),
                    ("pc:productionKind", _lit("feature film")),
                    ("schema:location", address),
                ],
            )
        w.block(film, f)
        if full or rng.random() < 0.025:
            _review(w, rng, syn, counts, film, [people[r] for r in cast], full)
        if full or rng.random() < 0.002:
            _identification(w, rng, counts, film, title, [people[r] for r in cast])
        if full or rng.random() < 0.01:
            w.block(people[cast[0]][0], [("pc:knownFor", film)])
        counts["films"] += 1
        i += 1
    w.close()
    syn.triples = w.triples
    syn.counts = {"people": n_people, "organizations": n_orgs, "addresses": n_addresses, **counts}
    return syn


def _review(
    w: _Writer,
    rng: random.Random,
    syn: Synthetic,
    counts: dict[str, int],
    film: str,
    cast: list[tuple[str, str]],
    full: bool,
) -> None:
    """A review of ``film`` that mentions some of its cast, each mention with the words naming it."""
    review = f"source:review-{counts['reviews']}"
    counts["reviews"] += 1
    syn.picks.setdefault("review", review)
    mentioned = cast[: rng.randint(1, 4)] if not full else cast[:4]
    w.block(
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
        st = f"statement:{counts['statements']:08x}"
        counts["statements"] += 1
        w.block(
            st,
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


def _identification(
    w: _Writer, rng: random.Random, counts: dict[str, int], film: str, title: str, cast: list[tuple[str, str]]
) -> None:
    """A review that never names its film, and the hypothesis that it is about ``film``."""
    n = counts["hypotheses"]
    counts["hypotheses"] += 1
    unknown = f"film:unidentified--anonymous-{n}"
    review = f"source:anonymous-{n}"
    w.block(unknown, [("a", "schema:Movie"), ("pc:identified", _typed("false", "boolean"))])
    w.block(
        review,
        [
            ("a", "schema:Review"),
            ("schema:name", _lit(f"anonymous-{n}.txt")),
            ("schema:itemReviewed", unknown),
        ],
    )
    confidence = f"{rng.uniform(0.4, 1):.3f}"
    w.block(
        f"hypothesis:anonymous-{n}--{film[5:]}",
        [
            ("a", "pc:FilmIdentification"),
            ("pc:textAbout", unknown),
            ("pc:candidate", film),
            ("pc:confidence", _typed(confidence, "decimal")),
            *(("pc:evidence", _lit(f"{name}: actor here, actor in {title}")) for _, name in cast[:2]),
        ],
    )
