"""Read free text: find the people, films, places and organizations it names, and the relations
its cue words state (characters and who plays them, credits, festivals, franchises, money…).

Every claim keeps the span of the words that say it. Names come from the gazetteer (entities
known from all sources and curated lists); relations from cue patterns; cue words from
data/curated/cues.toml. Nothing here knows a particular film.
"""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib.namespace import SDO

from graph.namespace import PC
from graph.sources.common import add_cast, add_credit, named_ref
from graph.sources.gazetteer import Known, Mention
from graph.sources.reading import FILMISH, FRANCHISE, Context, Reading
from graph.sources.records import Entity, Records, Ref, Span, Year
from graph.text import FoldedText, squash

_CAP = r"[A-ZÀ-Ý][\w'’.-]*"
_CHAR_IN_PARENS = re.compile(rf"(?P<char>{_CAP}(?:\s{_CAP}){{0,2}}) \((?P<inner>[^()]{{1,160}})\)")
_PLAYED_BY = re.compile(rf"(?P<char>{_CAP}(?: {_CAP})?), [^.;()]{{0,80}}?\bplayed by\s+$")
_TITLE_YEAR = re.compile(r"\((?:(?P<alt>[^(),]{2,80}), )?(?P<year>(?:18|19|20)\d\d)\)")
_SMALL = {  # small words inside a title
    "the", "a", "an", "of", "de", "du", "des", "la", "le", "les", "et", "and",
    "à", "sur", "son", "in", "on", "to", "for", "at", "with", "vu", "par", "from",
}  # fmt: skip
_STARTED = re.compile(r"\bstarted in (?P<year>(?:19|20)\d\d)\b")
_COUNTRIES = re.compile(r"\bdistributed in (?P<n>\d+) countries\b")
_MUSIC_OF = re.compile(r"\bmusic (?:of|by)\s+$")
_SET_IN = re.compile(r"\bset in\s+(?:the\s+)?$")


# between a director and the film named after them: "'s film", " film, ", "'s", "'s best film since"
_DIRECTOR_BEFORE = re.compile(
    r"(?:'s|’s)?\s*(?:film|movie)[,:]?\s*|(?:'s|’s)\s*|(?:'s|’s)\s+(?:[a-z]+\s+){0,2}(?:film|movie)\s+since\s+"
)
# between a film and its director named after it: " (1962) by ", ", directed by "
_DIRECTOR_AFTER = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*,?\s+(?:directed\s+)?by\s+")


class _Reading(Reading):
    """One pass over a stretch of text about one film: the rules that read its relations."""

    # ---------------------------------------------------------------- rules
    def run(self) -> None:
        for m in self.mentions:
            for ref in self.refs(m):
                if self.mentioner and ref != self.film:
                    self.records.add_claim(self.mentioner, SDO.mentions, Ref(ref), m.span)
        self.titles_with_years()
        for lo, hi in self.sentences:
            self.characters(lo, hi)
            self.directed(lo, hi)
            self.known_for(lo, hi)
            self.role_lists(lo, hi)
            self.talent(lo, hi)
            self.music(lo, hi)
            self.setting(lo, hi)
            self.franchise(lo, hi)
            self.festival(lo, hi)
            self.crew_counts(lo, hi)
            self.money(lo, hi)
        self.section_labels()

    def titles_with_years(self) -> None:
        """ "Title (Other Title, 1996)": a film and its year, known or new to the graph."""
        for m in _TITLE_YEAR.finditer(self.raw, self.start, self.end):
            title_span = self._title_before(m.start())
            if title_span is None or self.raw[title_span[0] : title_span[1]].isupper():
                continue  # a headline in capitals ("US TRAILER (2007)") is not a film title
            year = int(m.group("year"))
            known = [
                x for x in self.mentions if x.span.end == title_span[1] and x.targets[0].cls == SDO.Movie
            ]
            span = Span(title_span[0], m.end())
            if known:
                film = self.refs(known[0])[0]
            else:
                title = self.raw[title_span[0] : title_span[1]]
                film = named_ref("film", title, year)
                self.records.add_entity(
                    Entity(film, SDO.Movie, title, Span(*title_span), year, folder="film")
                )
                self.mentions.append(
                    Mention(Span(*title_span), title, (Known(film, SDO.Movie, title, "film", year),))
                )
                self.mentions.sort(key=lambda x: x.span)
                if self.mentioner:
                    self.records.add_claim(self.mentioner, SDO.mentions, Ref(film), span)
            self.records.add_claim(film, SDO.datePublished, Year(year), span)
            if m.group("alt"):
                self.records.add_claim(film, SDO.alternateName, squash(m.group("alt")), span)

    def _title_before(self, pos: int) -> tuple[int, int] | None:
        """The span of capitalised words (with small words between) that ends just before ``pos``."""
        head = self.raw[self.start : pos].rstrip()
        end = self.start + len(head)
        tokens = list(re.finditer(r"[^\s]+", head))
        first = None
        for tok in reversed(tokens):
            word = tok.group()
            if word[-1] in ",;:.!?)" or not (
                word[0].isupper() or word[0].isdigit() or word.lower() in _SMALL
            ):
                break
            first = tok
        if first is None:
            return None
        begin = self.start + first.start()
        words = self.raw[begin:end].split()
        while words and words[0].lower() in _SMALL and not words[0][0].isupper():
            begin = self.raw.index(words[0], begin) + len(words[0])
            begin += len(self.raw[begin:]) - len(self.raw[begin:].lstrip())
            words = words[1:]
        if not words or not words[0][0].isupper():
            return None
        return begin, end

    def characters(self, lo: int, hi: int) -> None:
        """ "Élise (Juliette Binoche)" and "Cleo, a young singer played by Corinne Marchand"."""
        for m in _CHAR_IN_PARENS.finditer(self.raw, lo, hi):
            inner_lo, inner_hi = m.start("inner"), m.end("inner")
            people = self.in_span(inner_lo, inner_hi, (SDO.Person,))
            if not people or self.in_span(m.start("char"), m.end("char")):
                continue
            char = squash(m.group("char"))
            if char.lower() in _SMALL:
                continue
            person = self.refs(people[-1])[0]
            film = self.film_of(lo, hi, m.start())
            add_cast(
                self.records,
                film,
                person,
                character=char,
                span=Span(m.start(), m.end()),
                character_span=Span(m.start("char"), m.end("char")),
            )
        for p in self.in_span(lo, hi, (SDO.Person,)):
            by = _PLAYED_BY.search(self.raw, lo, p.span.start)
            if by:
                film = self.film_of(lo, hi, by.start())
                add_cast(
                    self.records,
                    film,
                    self.refs(p)[0],
                    character=by.group("char"),
                    span=Span(by.start(), p.span.end),
                    character_span=Span(by.start("char"), by.end("char")),
                )

    def directed(self, lo: int, hi: int) -> None:
        """ "the great Agnes Varda film, Cleo de 5 a 7", "Varda's best film since Cleo de 5 a 7": a
        director named before the film; "Cleo de 5 a 7 (1962) by Agnes Varda": after it."""
        people = self.in_span(lo, hi, (SDO.Person,))
        for f in self.in_span(lo, hi, (SDO.Movie,)):
            before = [p for p in people if p.span.end <= f.span.start]
            after = [p for p in people if p.span.start >= f.span.end]
            if before and _DIRECTOR_BEFORE.fullmatch(self.raw[before[-1].span.end : f.span.start]):
                self.credit_director(f, before[-1], Span(before[-1].span.start, f.span.end))
            if after and _DIRECTOR_AFTER.fullmatch(self.raw[f.span.end : after[0].span.start]):
                self.credit_director(f, after[0], Span(f.span.start, after[0].span.end))

    def known_for(self, lo: int, hi: int) -> None:
        """ "Alfonso Cuarón (Gravity)": a person cited for a work, role unsaid."""
        for p in self.in_span(lo, hi, (SDO.Person,)):
            after = self.raw[p.span.end : p.span.end + 2]
            if after != " (":
                continue
            works = [
                w
                for w in self.in_span(p.span.end, hi, FILMISH)
                if w.span.start == p.span.end + 2 and self.raw[w.span.end : w.span.end + 1] == ")"
            ]
            for w in works:
                for person in self.refs(p):
                    self.records.add_claim(
                        person, PC.knownFor, Ref(self.refs(w)[0]), Span(p.span.start, w.span.end + 1)
                    )

    def role_lists(self, lo: int, hi: int) -> None:
        """ "directors … including A, B and C": people listed in a role."""
        sentence = self.raw[lo:hi]
        for plural, role in self.ctx.cues.crew_roles.items():
            for rm in re.finditer(rf"\b{re.escape(plural)}\b", sentence):
                for marker in self.ctx.cues.list_markers:
                    mm = re.search(rf"\b{re.escape(marker)}\b", sentence[rm.end() :])
                    if not mm:
                        continue
                    at = lo + rm.end() + mm.end()
                    film = self.film_of(lo, hi, lo + rm.start())
                    for p in self.in_span(at, hi, (SDO.Person,)):
                        for person in self.refs(p):
                            add_credit(self.records, film, person, role, Span(lo + rm.start(), p.span.end))
                    return

    def talent(self, lo: int, hi: int) -> None:
        """ "a pool of talent, from A (…) to B (…)": contributors; the role is what they do."""
        sentence = self.raw[lo:hi].lower()
        if not any(re.search(rf"\b{re.escape(w)}\b", sentence) for w in self.ctx.cues.talent):
            return
        film = self.film_of(lo, hi)
        for p in self.in_span(lo, hi, (SDO.Person,)):
            for k in p.targets:
                role = k.jobs[0] if k.jobs else "contributor"
                add_credit(self.records, film, self.ref(k, p.surface, p.span), role, p.span)

    def music(self, lo: int, hi: int) -> None:
        """ "the music of Charles Aznavour"; "Erik Satie's Gymnopedie Number 1" in a music sentence."""
        sentence = self.raw[lo:hi].lower()
        for p in self.in_span(lo, hi, (SDO.Person,)):
            if _MUSIC_OF.search(self.raw, lo, p.span.start):
                for person in self.refs(p):
                    self.records.add_claim(
                        self.film_of(lo, hi, p.span.start), SDO.musicBy, Ref(person), p.span
                    )
        if not any(re.search(rf"\b{re.escape(w)}\b", sentence) for w in self.ctx.cues.music):
            return
        people = self.in_span(lo, hi, (SDO.Person,))
        for w in self.in_span(lo, hi, (SDO.MusicComposition,)):
            work = self.refs(w)[0]
            self.records.add_claim(self.film, PC.featuresMusic, Ref(work), w.span)
            for p in people:
                if self.raw[p.span.end : w.span.start] in ("'s ", "’s "):
                    self.records.add_claim(
                        work, SDO.composer, Ref(self.refs(p)[0]), Span(p.span.start, w.span.end)
                    )

    def setting(self, lo: int, hi: int) -> None:
        """ "love stories set in the city of love": where the story takes place."""
        for place in self.in_span(lo, hi):
            if place.targets[0].folder == "place" and _SET_IN.search(self.raw, lo, place.span.start):
                self.records.add_claim(
                    self.film_of(lo, hi), SDO.contentLocation, Ref(self.refs(place)[0]), place.span
                )

    def franchise(self, lo: int, hi: int) -> None:
        """ "…, the first opus of the Cities of Love franchise": membership and first work."""
        for m in FRANCHISE.finditer(self.raw, lo, hi):
            name = m.group("name")
            series = named_ref("series", name)
            span = Span(m.start(), m.end())
            self.records.add_entity(
                Entity(series, PC.Franchise, name, Span(m.start("name"), m.end("name")), folder="series")
            )
            film = self.film_of(lo, hi, m.start())
            self.records.add_claim(film, PC.partOfFranchise, Ref(series), span)
            self.records.add_claim(series, PC.firstWork, Ref(film), span)
            started = _STARTED.search(self.raw, lo, m.start())
            if started:
                self.records.add_claim(
                    series, SDO.startDate, Year(int(started.group("year"))), Span(started.start(), m.end())
                )

    def festival(self, lo: int, hi: int) -> None:
        """ "selected as the opening film of the 2006 Cannes … Un Certain Regard section"."""
        sentence = self.raw[lo:hi]
        for f in self.in_span(lo, hi, (SDO.Festival,)):
            year_m = re.search(
                r"\b((?:19|20)\d\d)\s+(?:\w+\s+){0,2}$", self.raw[max(lo, f.span.start - 30) : f.span.start]
            )
            if not year_m:
                continue
            year = int(year_m.group(1))
            festival = self.refs(f)[0]
            name = f"{f.targets[0].name} {year}"
            edition = named_ref("event", name)
            self.records.add_entity(Entity(edition, SDO.Festival, name, f.span, year, folder="event"))
            self.records.add_claim(edition, SDO.superEvent, Ref(festival), f.span)
            self.records.add_claim(edition, SDO.startDate, Year(year), f.span)
            film = self.film_of(lo, hi, f.span.start)
            selection = f"selection:{film}|{edition}"
            self.records.add_entity(
                Entity(selection, PC.FestivalSelection, key=(Ref(film), Ref(edition)), folder="selection")
            )
            span = Span(lo, hi)
            self.records.add_claim(film, PC.festivalSelection, Ref(selection), span)
            self.records.add_claim(selection, PC.festival, Ref(edition), f.span)
            for section in self.ctx.cues.festival_sections:
                at = sentence.find(section)
                if at >= 0:
                    self.records.add_claim(
                        selection, PC.festivalSection, section, Span(lo + at, lo + at + len(section))
                    )
            for role in self.ctx.cues.festival_roles:
                at = sentence.lower().find(role)
                if at >= 0:
                    self.records.add_claim(
                        selection, PC.selectionRole, role, Span(lo + at, lo + at + len(role))
                    )

    def crew_counts(self, lo: int, hi: int) -> None:
        """ "24 directors, 34 writers, 43 lead actors": how many people per crew role."""
        roles = sorted(self.ctx.cues.crew_roles, key=len, reverse=True)
        if not roles:
            return
        pattern = re.compile(r"\b(\d{1,4}) (" + "|".join(map(re.escape, roles)) + r")\b")
        for m in pattern.finditer(self.raw, lo, hi):
            film = self.film_of(lo, hi, m.start())
            role = self.ctx.cues.crew_roles[m.group(2)]
            count = f"crew:{film}|{role}"
            self.records.add_entity(Entity(count, PC.CrewCount, key=(Ref(film), role), folder="crew"))
            span = Span(m.start(), m.end())
            self.records.add_claim(film, PC.crewCount, Ref(count), span)
            self.records.add_claim(count, PC.crewRole, role, span)
            self.records.add_claim(count, PC.count, int(m.group(1)), span)
        for m in _COUNTRIES.finditer(self.raw, lo, hi):
            self.records.add_claim(
                self.film_of(lo, hi, m.start()),
                PC.distributionCountryCount,
                int(m.group("n")),
                Span(m.start(), m.end()),
            )

    def money(self, lo: int, hi: int) -> None:
        """ "US$ 48 million in global revenues", "fundraise USD 13.1 million": money with currency."""
        cues = self.ctx.cues
        if not cues.currencies:
            return
        symbols = "|".join(map(re.escape, sorted(cues.currencies, key=len, reverse=True)))
        mults = "|".join(map(re.escape, sorted(cues.multipliers, key=len, reverse=True)))
        pattern = re.compile(rf"(?<![\w$])({symbols})\s?(\d[\d,]*(?:\.\d+)?)(?:\s*({mults})\b)?")
        sentence = self.raw[lo:hi].lower()
        for m in pattern.finditer(self.raw, lo, hi):
            kinds = [(PC.revenue, "revenue", cues.revenue), (PC.budget, "budget", cues.budget)]
            found = [
                (prop, label)
                for prop, label, words in kinds
                if any(re.search(rf"\b{re.escape(w)}\b", sentence) for w in words)
            ]
            if len(found) != 1:
                continue
            prop, label = found[0]
            value = Decimal(m.group(2).replace(",", "")) * cues.multipliers.get((m.group(3) or "").lower(), 1)
            film = self.film_of(lo, hi, m.start())
            amount = f"amount:{film}|{label}"
            self.records.add_entity(
                Entity(amount, SDO.MonetaryAmount, key=(Ref(film), label), folder="amount")
            )
            span = Span(m.start(), m.end())
            self.records.add_claim(film, prop, Ref(amount), span)
            self.records.add_claim(
                amount, SDO.value, int(value) if value == value.to_integral() else value, span
            )
            self.records.add_claim(amount, SDO.currency, cues.currencies[m.group(1)], span)
            if any(re.search(rf"\b{re.escape(w)}\b", sentence) for w in cues.worldwide):
                self.records.add_claim(amount, PC.market, "worldwide", Span(lo, hi))

    def section_labels(self) -> None:
        """ "Cast: first steps of Monica Bellucci…": a labelled paragraph credits its people."""
        labels = self.ctx.cues.section_labels
        for m in re.finditer(r"(?m)^\s*(\w+):", self.raw[self.start : self.end]):
            role = labels.get(m.group(1).lower())
            if role is None:
                continue
            lo = self.start + m.start()
            hi = self.raw.find("\n", lo + len(m.group(0)))
            hi = self.end if hi < 0 or hi > self.end else hi
            for p in self.in_span(lo, hi, (SDO.Person,)):
                before = self.raw[max(lo, p.span.start - 20) : p.span.start].lower()
                if any(before.rstrip(" \"'“").endswith(c) for c in self.ctx.cues.comparisons):
                    continue
                for person in self.refs(p):
                    add_credit(self.records, self.film, person, role, Span(lo, p.span.end))


def mine(
    records: Records,
    text: FoldedText,
    ctx: Context,
    *,
    film: str,
    mentioner: str | None = None,
    start: int = 0,
    end: int | None = None,
) -> None:
    """Add to ``records`` what ``text[start:end]`` says about ``film`` and what it mentions."""
    _Reading(records, text, start, len(text.text) if end is None else end, film, mentioner, ctx).run()
