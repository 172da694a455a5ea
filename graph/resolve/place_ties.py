"""Where a film's story is set, read from what a dataset says of the film in words.

A keyword that is the name of a place of the curated gazetteer ("paris", "montmartre": TMDB
keywords and IMDb plot keywords describe the story) sets the film there. A summary, a tagline or
a title that names such a place sets the film there when its words put the story in the place (a
preposition before it: "in 1930s Paris", "travels to Paris", "the sewers of Paris"; a dateline:
"Paris, 1910."; the place's demonym before a noun: "a Parisian café"), with the confidence of
that kind of cue; otherwise it only mentions the place (``schema:mentions``, weaker). A place
name that is part of a longer name ("Paris Hilton", "the Paris Health Club"), set apart as a
description ("Paris, the Trojan prince") or inside a phrase that names no place (cues:
``not_places``, "plaster of Paris") ties nothing; a longer place of the gazetteer ("Paris,
Texas") wins over the shorter one, since names are found longest first.

Each tie is a claim of the dataset's own graph, with the words it came from (the keyword, or the
sentence) and, when read from prose, its confidence (graph.make.rdf reifies both).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.namespace import PC
from graph.resolve.model import Source
from graph.sources.curated import Cues
from graph.sources.gazetteer import Gazetteer, Known, Mention
from graph.sources.records import Entity, Records, Ref
from graph.text import FoldedText, fold

# places a story can be set in and that a word names (not countries, continents or addresses)
PLACE_CLASSES = frozenset(
    {
        SDO.City,
        SDO.Place,
        SDO.LandmarksOrHistoricalBuildings,
        SDO.TouristAttraction,
        PC.Arrondissement,
        PC.Quarter,
    }
)
PROSE = (SDO.description, SDO.headline)  # a film's summary and tagline

# The confidence of each kind of cue that puts a story in the place a text names, and of a bare
# mention. Calibrated on the development half of tests/labels/paris_films.csv (bench/quality.py):
# each is about the share of ties of that kind that the labels confirm.
CONFIDENCE = {
    "keyword words": 0.8,  # a keyword holding a place's name among other words: "sewer of paris"
    "preposition": 0.9,  # "in 1930s Paris", "travels to Paris", "the streets of Paris"
    "dateline": 0.9,  # "Paris, 1910." "Paris 2054."
    "demonym": 0.8,  # "a tiny Parisian café", "four Parisians"
    "journey": 0.6,  # "from Paris to the Mediterranean"
    "based": 0.6,  # "Paris-based wine expert"
    "mention": 0.3,  # named, the story not put there
}
SET_AT = 0.5  # from this confidence a prose tie says the story is set there; below, a mention

# words that may stand between a preposition and the place: "in 1930s Paris", "in a Paris suburb"
_BETWEEN = re.compile(
    r"^(?:the|a|an|modern|present-day|modern-day|contemporary|wartime|occupied|nazi-occupied|"
    r"\d{2,4}s?|\d{1,2}(?:st|nd|rd|th)|century|early|late|mid|turn-of-the-century)$"
)
_WORD_BEFORE = re.compile(r"([\w'’-]+)\W*$")
_SENTENCE = re.compile(r"[^.!?]*(?:[.!?]+|$)")


@dataclass(frozen=True)
class Tie:
    """One tie read from a film's words: the place, set there or only mentioned, the words it
    came from, and its confidence (None: a keyword, asserted by the source)."""

    film: str
    place: Known
    prop: URIRef
    quote: str
    confidence: float | None


class PlaceNames:
    """The curated places a story can be set in, by name, alternate name and demonym."""

    def __init__(self, curated: Sequence[Records], cues: Cues) -> None:
        self.gazetteer = Gazetteer()
        self.demonyms: set[str] = set()
        self.not_places = tuple(fold(p) for p in cues.not_places)
        self.setting_before = frozenset(fold(w) for w in cues.setting_before)
        self.comparisons = tuple(cues.comparisons)
        keys: list[str] = []
        for records in curated:
            words: dict[str, list[tuple[URIRef, str]]] = {}
            for c in records.claims_of(SDO.alternateName, PC.demonym):
                if isinstance(c.obj, str):
                    words.setdefault(c.subject, []).append((c.prop, c.obj))
            for e in records.entities.values():
                if e.cls not in PLACE_CLASSES or not e.name:
                    continue
                known = Known(e.ref, e.cls, e.name, e.folder)
                for prop, name in [(SDO.name, e.name), *words.get(e.ref, [])]:
                    self.gazetteer.add(name, (known,))
                    if prop == PC.demonym:
                        self.demonyms.add(fold(name))
                    keys.append(f"{fold(name)}>{e.ref}:{prop == PC.demonym}")
        keys += self.not_places + tuple(sorted(self.setting_before))
        self.fingerprint = hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:16]

    def places(self, name: str) -> list[Known]:
        """The places ``name`` (a whole keyword) names."""
        return [k for option in self.gazetteer.lookup(name) for k in option]

    def places_within(self, keyword: str) -> list[Known]:
        """The places named by whole words inside a keyword of several words ("sewer of paris"),
        longest names first; words that name no place are left."""
        words = fold(keyword).split()
        found: list[Known] = []
        taken = [False] * len(words)
        for n in range(len(words) - 1, 0, -1):
            for i in range(len(words) - n + 1):
                if any(taken[i : i + n]):
                    continue
                places = self.places(" ".join(words[i : i + n]))
                if places:
                    found += places
                    taken[i : i + n] = [True] * n
        return found


def place_names(sources: Sequence[Source], cues: Cues) -> PlaceNames:
    """The place names of the curated sources."""
    return PlaceNames([s.records for s in sources if s.curated], cues)


def add_place_ties(sources: Sequence[Source], names: PlaceNames) -> int:
    """Add to each dataset the places its films' keywords, summaries and taglines tie them to;
    return how many ties were added."""
    added = 0
    for src in sources:
        if src.curated:
            continue
        records = src.records
        for tie in film_ties(records, names):
            records.add_entity(Entity(tie.place.ref, tie.place.cls, tie.place.name, folder=tie.place.folder))
            records.add_claim(
                tie.film, tie.prop, Ref(tie.place.ref), quote=tie.quote, confidence=tie.confidence
            )
            added += 1
    return added


def film_ties(records: Records, names: PlaceNames) -> list[Tie]:
    """The ties of every film of ``records``, from its keywords and its prose."""
    films = {ref for ref, e in records.entities.items() if e.folder == "film"}
    ties: list[Tie] = []
    for c in records.claims_of(SDO.keywords):
        if c.subject in films and isinstance(c.obj, str):
            whole = names.places(c.obj)
            ties += (Tie(c.subject, k, SDO.contentLocation, c.obj, None) for k in whole)
            if not whole:
                confidence = CONFIDENCE["keyword words"]
                within = names.places_within(c.obj)
                ties += (Tie(c.subject, k, SDO.contentLocation, c.obj, confidence) for k in within)
    for c in records.claims_of(*PROSE):
        if c.subject in films and isinstance(c.obj, str):
            ties += prose_ties(c.subject, c.obj, names)
    for ref in sorted(films):  # a title is prose too: "Midnight in Paris", "A Monster in Paris"
        name = records.entities[ref].name
        if name:
            ties += prose_ties(ref, name, names)
    return ties


def prose_ties(film: str, text: str, names: PlaceNames) -> list[Tie]:
    """The places a film's summary or tagline names, each set there or mentioned, strongest once."""
    folded = FoldedText(text)
    best: dict[str, Tie] = {}
    for mention in names.gazetteer.find(folded):
        kind = cue_of(text, mention, names)
        if kind is None:
            continue
        confidence = CONFIDENCE[kind]
        prop = SDO.contentLocation if confidence >= SET_AT else SDO.mentions
        for place in mention.targets:
            tie = Tie(film, place, prop, sentence_at(text, mention.span.start), confidence)
            held = best.get(place.ref)
            if held is None or confidence > (held.confidence or 0):
                best[place.ref] = tie
    return [best[ref] for ref in sorted(best)]


def cue_of(text: str, mention: Mention, names: PlaceNames) -> str | None:
    """What puts the story in the place ``mention`` names (a kind of CONFIDENCE), or None when
    the words name no place at all."""
    start, end = mention.span.start, mention.span.end
    around = fold(text[max(0, start - 40) : end + 40])
    if any(p in around and fold(mention.surface) in p for p in names.not_places):
        return None
    after = text[end:]
    before = re.split(r"[.!?]\s", text[:start])[-1]  # the sentence up to the place
    tail = f" {fold(before[-30:])} "
    if any(f" {fold(c)} " in tail for c in names.comparisons):
        return "mention"  # "similar to the Moulin Rouge in Paris": a comparison, not the setting
    if re.match(r"-based\b", after):
        return "based"
    if fold(mention.surface) in names.demonyms:
        return "demonym"
    word = _WORD_BEFORE.search(before)
    if re.match(r"\s+[A-Z][\w'’]", after) and not re.match(r"\s+(?:and|or|in|to|from)\b", after):
        # part of a longer name: "Paris Hilton"; "the Paris Opera House" is a place of it, weakly
        return "mention" if word and word.group(1).lower() == "the" else None
    sentence_start = not before.strip()
    if sentence_start and re.match(r"[,.]?\s*(?:\d{4}|\d{2}(?:st|nd|rd|th) century)\b", after):
        return "dateline"
    preposition = _preposition_before(before, names)
    if preposition == "from":
        return "journey" if re.match(r"\s+to\b", after) else "mention"
    if preposition is not None:
        return "preposition"
    if re.match(r",\s+(?:the|a|an)\s", after):
        return None  # an apposition describes a person or thing of that name: "Paris, the Trojan prince"
    return "mention"


def _preposition_before(before: str, names: PlaceNames) -> str | None:
    """The setting preposition (cues: setting_before) before a place, across words of time and
    place between them ("in 1930s Paris", "to the streets of Paris"), or "from"; else None."""
    words = re.findall(r"[\w'’-]+", before[-60:])
    names_skipped = 0
    for word in reversed(words[-6:]):
        w = fold(word)
        if w == "from":
            return "from"
        if w in names.setting_before:
            return w
        if word[0].isupper() and names_skipped < 2:  # another place of a list: "in Rome, Paris and…"
            names_skipped += 1
            continue
        if not _BETWEEN.match(w):
            return None
    return None


def sentence_at(text: str, pos: int) -> str:
    """The sentence of ``text`` around ``pos``, as the evidence of a tie."""
    for m in _SENTENCE.finditer(text):
        if m.start() <= pos < max(m.end(), m.start() + 1):
            return m.group().strip()
    return text.strip()
