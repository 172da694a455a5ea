"""What tells two candidates of one name apart, or makes them one: the facts of each record
(identifiers, years, shoot windows, directors, running times, roles) and the rules that weigh them.

Films sharing an IMDb or TMDB id are one film; films of one title join when their years agree
(one year apart only if the director or the running time agrees too), and a production seen only
in filming permits joins a released film when its release falls in the years after the shoot and
a director agrees. People of one name join unless their roles and decades both differ; companies
join when their names agree once legal suffixes (SAS, SARL, Productions…) are folded away.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.namespace import PC
from graph.sources.records import Duration, Entity, Records, Ref
from graph.text import fold

# Identifiers that make two records one film whatever their names; and the site each belongs to.
IDENTIFIERS: dict[URIRef, str] = {PC.imdbId: "IMDb", PC.tmdbId: "TMDB"}
CREDIT_ROLES: dict[URIRef, str] = {
    SDO.director: "director",
    SDO.musicBy: "composer",
    SDO.author: "writer",
    SDO.producer: "producer",
}
# The kinds of place that never merge with one another: the country Luxembourg is not the
# arrondissement named Luxembourg, the Louvre museum not the arrondissement named Louvre. A plain
# schema:Place (a place a source names without saying what it is) has no kind and joins any.
PLACE_KINDS: dict[URIRef, str] = {
    SDO.Country: "country",
    SDO.Continent: "continent",
    SDO.City: "city",
    PC.Arrondissement: "arrondissement",
    PC.Quarter: "quarter",
    SDO.LandmarksOrHistoricalBuildings: "landmark",
    SDO.TouristAttraction: "landmark",
}
RELEASE_GAP = 3  # one film's years in two tables (festival, release) up to this far apart
RELEASE_WINDOW = 3  # a film shot in year S is released in S … S+3
PERSON_DECADES_APART = 40  # same name, other roles, careers this many years apart: two people
_LEGAL_FORMS = (
    "sa sas sasu sarl eurl snc sca scs gie inc incorporated ltd limited llc llp plc gmbh ag bv nv srl spa"
)
LEGAL_SUFFIXES = frozenset(
    (_LEGAL_FORMS + " co corp corporation company cie production productions prod prods films film").split()
)


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
    kinds: set[str] = field(default_factory=set)  # a place's kind: country, city, arrondissement…

    def add(self, other: Facts) -> None:
        for name in ("years", "windows", "directors", "ids", "minutes", "roles", "active", "kinds"):
            getattr(self, name).update(getattr(other, name))


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


_TITLE_NOISE = frozenset({"the", "a", "an", "and", "3d", "4d", "3", "d", "in"})


def compact_title(title: str) -> str:
    """A film's title without spaces, articles, "and" or a 3D tag: a second blocking key, so that
    "Hit & Run" meets "Hit and Run", "Troll Hunter" meets "Trollhunter" and "Shark Night 3D" meets
    "Shark Night" (their years and running times then decide, as for any title).

    >>> compact_title("Hit & Run") == compact_title("Hit and Run") == compact_title("HIT-RUN")
    True
    """
    return "".join(w for w in fold(title).split() if w not in _TITLE_NOISE)


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
        elif e.folder == "place" and e.cls in PLACE_KINDS:
            facts[ref].kinds.add(PLACE_KINDS[e.cls])
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
        if gap <= RELEASE_GAP and close_runtime:  # a festival year and a release year, one film
            return True, f"years {_years(a.years | b.years)} {gap} apart and running time agrees"
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


def agree(folder: str, a: Facts, b: Facts) -> tuple[bool, str]:
    if folder == "film":
        return _films_agree(a, b)
    if folder == "person":
        return _people_agree(a, b)
    if folder == "organization":
        return True, "same name once legal suffixes are folded"
    if folder == "place" and a.kinds and b.kinds and not a.kinds & b.kinds:
        return False, f"same name, other kinds of place ({' vs '.join(sorted(a.kinds | b.kinds))})"
    return True, "same name"


def _years(years: Iterable[int]) -> str:
    return "/".join(str(y) for y in sorted(years))


NO_FACTS = Facts()  # shared by every candidate of which its source says nothing


def strength(folder: str, f: Facts) -> int:
    """Strong candidates are placed first, bare mentions last (they join only a sole candidate)."""
    if folder != "film":
        return 0
    return 0 if f.ids else 1 if f.years else 2 if f.windows else 3


TYPO_RATIO = 0.85  # how alike two folded names of one film's credits must be to be one person


def credit_typos(records: Records) -> list[tuple[str, str, str]]:
    """Two people one source credits on the same film whose names differ by a typo ("Cathy Verne"
    and "Cathy Verney", "Luc" and "Luke Snellin"): (ref, ref, why). A permit file writes a
    director anew on each row; two people of almost one name on one film are one person, while
    two names alike across films are left to the blocks.

    Only credits of one kind on one film are compared, never all pairs."""
    from difflib import SequenceMatcher

    by_film: dict[tuple[str, str], set[str]] = defaultdict(set)
    for film, person, role in _credits(records):
        by_film[(film, role)].add(person)
    found = []
    for (_film, role), people in sorted(by_film.items()):
        named = sorted(
            (fold(e.name), ref) for ref in people if (e := records.entities.get(ref)) is not None and e.name
        )
        for i, (a, ref_a) in enumerate(named):
            for b, ref_b in named[i + 1 :]:
                if a != b and min(len(a), len(b)) >= 6 and SequenceMatcher(None, a, b).ratio() >= TYPO_RATIO:
                    found.append((ref_a, ref_b, f"{role} of one film, names a typo apart ({a} / {b})"))
    return found
