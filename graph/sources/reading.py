"""A stretch of free text made ready for reading: the names it mentions (from the gazetteer and the
names the text itself introduces), its sentences, and the entities those names become.

The rules that read relations from it are in graph.sources.textmine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib.namespace import SDO

from graph.namespace import PC
from graph.sources.common import named_ref
from graph.sources.curated import Cues
from graph.sources.gazetteer import Gazetteer, Known, Mention
from graph.sources.records import Entity, Records, Ref, Span
from graph.text import FoldedText

FILMISH = (SDO.Movie, SDO.CreativeWorkSeries, PC.Franchise)
FRANCHISE = re.compile(
    r"\bfirst (?:opus|film|installment|instalment|part|episode|chapter) of the "
    r"(?P<name>[A-Z][\w'’ -]{1,60}?) (?:franchise|series|saga|anthology)\b"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+|\n\s*\n")


@dataclass(frozen=True)
class Context:
    """What free-text reading needs besides the text: the gazetteer and the cue words."""

    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    cues: Cues = field(default_factory=Cues)


class Reading:
    """One pass over a stretch of text about one film: its names found (mentions), its sentences,
    and how a mention becomes an entity of the records."""

    def __init__(
        self,
        records: Records,
        text: FoldedText,
        start: int,
        end: int,
        film: str,
        mentioner: str | None,
        ctx: Context,
    ) -> None:
        self.records, self.text, self.start, self.end = records, text, start, end
        self.film, self.mentioner, self.ctx = film, mentioner, ctx
        self.raw = text.text
        self.gaz = self._local_gazetteer()
        self.mentions = self._pick(self.gaz.find(text, start, end))
        self.sentences = self._sentences()

    # ---------------------------------------------------------------- names
    def _local_gazetteer(self) -> Gazetteer:
        """The gazetteer plus names this text introduces: franchises, surnames of people named."""
        gaz = self.ctx.gazetteer.copy()
        for m in FRANCHISE.finditer(self.raw, self.start, self.end):
            name = m.group("name")
            gaz.add(name, (Known(named_ref("series", name), PC.Franchise, name, "series"),))
        for mention in gaz.find(self.text, self.start, self.end):
            for k in mention.targets:
                parts = k.name.split()
                if (
                    k.cls == SDO.Person
                    and len(parts) > 1
                    and len(parts[-1]) > 3
                    and not gaz.lookup(parts[-1])
                ):
                    gaz.add(parts[-1], (k,))
        return gaz

    def _pick(self, mentions: list[Mention]) -> list[Mention]:
        """Choose among entities of different classes that share a name ("Paris" the film, the city)."""
        out = []
        for m in mentions:
            targets = m.targets
            classes = {t.cls for t in targets}
            if len(classes) > 1 and len({t.ref for t in targets}) == len(targets):
                after = self.raw[m.span.end : m.span.end + 12].lower()
                before = self.raw[max(0, m.span.start - 6) : m.span.start].lower()
                wants_film = "(the film" in after or "film " in before[-5:] or "movie " in before
                picked = tuple(t for t in targets if (t.cls in FILMISH) == wants_film)
                targets = picked[:1] or targets[:1]
            out.append(Mention(m.span, m.surface, targets))
        return out

    def _sentences(self) -> list[tuple[int, int]]:
        bounds, pos = [], self.start
        for m in _SENTENCE_END.finditer(self.raw, self.start, self.end):
            opened = self.raw.count("(", pos, m.start()) - self.raw.count(")", pos, m.start())
            if opened > 0 and "\n\n" not in m.group():
                continue  # "(… fifty years ago!) Erik Satie's": the sentence goes on
            bounds.append((pos, m.start()))
            pos = m.end()
        bounds.append((pos, self.end))
        return [b for b in bounds if b[1] > b[0]]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return next((s for s in self.sentences if s[0] <= pos < s[1]), (pos, pos))

    def in_span(self, lo: int, hi: int, cls: tuple = ()) -> list[Mention]:
        return [
            m
            for m in self.mentions
            if lo <= m.span.start and m.span.end <= hi and (not cls or m.targets[0].cls in cls)
        ]

    def ref(self, k: Known, surface: str, span: Span) -> str:
        """Record the entity ``k`` as this text names it; the name is kept as written when it is a
        spelling of the known name ("Cedric Klapisch"), else the known name (surnames, aliases)."""
        from graph.text import fold

        name = surface if fold(surface) == fold(k.name) else k.name
        self.records.add_entity(Entity(k.ref, k.cls, name, span, k.year, folder=k.folder))
        if name == surface and surface != self.records.entities[k.ref].name:
            self.records.add_claim(k.ref, SDO.alternateName, surface, span)  # "Cedric" for "Cédric"
        return k.ref

    def refs(self, m: Mention) -> list[str]:
        return [self.ref(k, m.surface, m.span) for k in m.targets]

    def film_of(self, lo: int, hi: int, before: int | None = None) -> str:
        """The film a sentence speaks of: the nearest film named before ``before`` (outside
        parentheses), else the film the whole text is about."""
        films = [m for m in self.in_span(lo, hi, (SDO.Movie,)) if before is None or m.span.end <= before]
        films = [m for m in films if self.raw[m.span.start - 1 : m.span.start] != "("]
        return self.refs(films[-1])[0] if films else self.film

    def credit_director(self, film: Mention, person: Mention, span: Span) -> None:
        """Record that the person ``person`` names directed the film ``film`` names."""
        for ref in self.refs(person):
            self.records.add_claim(self.refs(film)[0], SDO.director, Ref(ref), span)
