"""Read a film page: labelled fields (Release Year, Rating, Stars, Filming Locations, Opening
Weekend, Gross…), the cast list with characters, and the embedded user review.

The page names its film in its photo captions ("Still of Juliette Binoche in Paris"); the
director stands alone between the scores and "Stars:", as on IMDb-style pages.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from datetime import date, datetime
from decimal import Decimal

from rdflib.namespace import SDO

from graph.errors import InputError
from graph.namespace import PC
from graph.sources.common import add_cast, named_ref
from graph.sources.documents import Document
from graph.sources.reading import Context
from graph.sources.records import Entity, Records, Ref, Span, Year
from graph.sources.textmine import mine
from graph.text import FoldedText

_CAPTION = re.compile(r"Still of (?P<who>.+?) in (?P<title>.+?)(?=Still of|$)")
_FIELD = re.compile(r"^(?P<label>[A-Z][\w' ]{1,30}):\s*(?P<value>.*)$")
_MONEY = re.compile(r"(?P<cur>[$€£])\s?(?P<amount>\d[\d,]*(?:\.\d+)?)")
_PAREN = re.compile(r"\(([^()]*)\)")
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP"}
_SITE = re.compile(r"(?P<name>[^|\[\]]+?)\s*\[(?P<country>[^\]]+)\]")


def _date(text: str) -> date | None:
    for fmt in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


class _Page:
    def __init__(self, doc: Document, ctx: Context) -> None:
        self.doc, self.ctx, self.text = doc, ctx, doc.text
        self.records = Records()
        self.lines: list[tuple[int, str]] = []
        pos = 0
        for line in self.text.split("\n"):
            self.lines.append((pos, line))
            pos += len(line) + 1

    def field(self, label: str) -> tuple[int, int, str] | None:
        """(line index, offset of the value, value) of the first ``Label: value`` line."""
        for i, (pos, line) in enumerate(self.lines):
            m = _FIELD.match(line)
            if m and m.group("label").lower() == label.lower():
                return i, pos + m.start("value"), m.group("value")
        return None

    def following(self, i: int) -> list[tuple[int, str]]:
        """The non-empty lines right after line ``i``, up to the next blank line."""
        out = []
        for pos, line in self.lines[i + 1 :]:
            if not line.strip():
                break
            out.append((pos, line.strip()))
        return out

    def read(self) -> Records:
        title, span = self.title()
        year_field = self.field("Release Year")
        year = int(year_field[2]) if year_field and year_field[2].strip().isdigit() else None
        self.film = named_ref("film", title, year)
        self.records.add_entity(Entity(self.film, SDO.Movie, title, span, year, folder="film"))
        page = f"page:{self.doc.source_id}"
        self.records.add_entity(Entity(page, SDO.WebPage, key=(self.doc.source_id,), folder="source"))
        self.records.add_claim(page, SDO.about, Ref(self.film), span)
        if year_field:
            self.records.add_claim(self.film, SDO.datePublished, Year(year or 0), self._span(year_field))
        self.page_date(page)
        self.release_date()
        self.ratings()
        self.description()
        self.director_and_stars()
        self.cast()
        self.distributors()
        self.locations()
        self.box_office()
        self.user_review()
        self.unlabelled()
        return self.records

    def _span(self, f: tuple[int, int, str]) -> Span:
        return Span(f[1], f[1] + len(f[2]))

    def title(self) -> tuple[str, Span]:
        titles: Counter[str] = Counter()
        first: dict[str, Span] = {}
        for m in _CAPTION.finditer(self.text):
            t = m.group("title").strip()
            titles[t] += 1
            first.setdefault(t, Span(m.start("title"), m.start("title") + len(t)))
        if not titles:
            raise InputError("film page without a title: no 'Still of … in TITLE' caption", self.doc.path)
        title = titles.most_common(1)[0][0]
        return title, first[title]

    def page_date(self, page: str) -> None:
        """The first line of such pages: "February 20, 2008 0 By Fans" (date posted, comments, by)."""
        pos, line = self.lines[0]
        m = re.match(r"([A-Z][a-z]+ \d{1,2}, \d{4})\b", line)
        if m and (d := _date(m.group(1))):
            self.records.add_claim(page, SDO.datePublished, d, Span(pos, pos + m.end(1)))

    def unlabelled(self) -> None:
        """Passages between "Technical Specs" and "User Review" carry no label (a goof? a quote?):
        they are reported as not read rather than guessed at."""
        start = next((i for i, (_p, ln) in enumerate(self.lines) if ln.strip() == "Technical Specs"), None)
        if start is None:
            return
        for pos, line in self.lines[start + 1 :]:
            if line.strip() == "User Review":
                break
            if line.strip():
                self.records.unread.append(
                    (Span(pos, pos + len(line)), f"unlabelled passage not read: '{line.strip()[:50]}…'")
                )

    def release_date(self) -> None:
        f = self.field("Release Date")
        if f and (d := _date(f[2])):
            self.records.add_claim(self.film, SDO.datePublished, d, self._span(f))

    def ratings(self) -> None:
        f = self.field("Rating")
        if f and (m := re.match(r"([\d.]+)/(\d+)\s*\(([\d,]+) voted\)", f[2])):
            rating = f"rating:{self.film}|users"
            self.records.add_entity(
                Entity(rating, SDO.AggregateRating, key=(Ref(self.film), "users"), folder="rating")
            )
            span = self._span(f)
            self.records.add_claim(self.film, SDO.aggregateRating, Ref(rating), span)
            self.records.add_claim(rating, SDO.ratingValue, Decimal(m.group(1)), span)
            self.records.add_claim(rating, SDO.bestRating, int(m.group(2)), span)
            self.records.add_claim(rating, SDO.ratingCount, int(m.group(3).replace(",", "")), span)
        f = self.field("Critic's Score")
        if f and (m := re.match(r"(\d+)/(\d+)", f[2])):
            rating = f"rating:{self.film}|critics"
            self.records.add_entity(
                Entity(rating, SDO.Rating, key=(Ref(self.film), "critics"), folder="rating")
            )
            span = self._span(f)
            self.records.add_claim(self.film, PC.criticScore, Ref(rating), span)
            self.records.add_claim(rating, SDO.ratingValue, int(m.group(1)), span)
            self.records.add_claim(rating, SDO.bestRating, int(m.group(2)), span)

    def description(self) -> None:
        """The longest paragraph before the cast list is the plot summary."""
        stars = self.field("Stars")
        end = stars[1] if stars else len(self.text)
        paragraphs = [
            (m.start(), m.group())
            for m in re.finditer(r"[^\n]{120,}", self.text[: end + 2000])
            if not m.group().startswith("Still of")
        ]
        if paragraphs:
            pos, text = max(paragraphs, key=lambda p: len(p[1]))
            self.records.add_claim(self.film, SDO.description, text.strip(), Span(pos, pos + len(text)))

    def person(self, name: str, span: Span) -> str:
        ref = named_ref("person", name)
        self.records.add_entity(Entity(ref, SDO.Person, name, span, folder="person"))
        return ref

    def director_and_stars(self) -> None:
        stars = self.field("Stars")
        if not stars:
            return
        i = stars[0]
        # the director: lone name lines between the last score field and "Stars:"
        j = i - 1
        while j >= 0 and not _FIELD.match(self.lines[j][1]):
            pos, line = self.lines[j]
            if line.strip() and len(line) < 60:
                name = line.strip()
                self.records.add_claim(
                    self.film,
                    SDO.director,
                    Ref(self.person(name, Span(pos, pos + len(name)))),
                    Span(pos, pos + len(name)),
                )
            j -= 1
        pos = stars[1]
        for m in re.finditer(r"[^,]+", stars[2]):
            name = m.group().strip()
            s = pos + m.start() + (len(m.group()) - len(m.group().lstrip()))
            span = Span(s, s + len(name))
            add_cast(self.records, self.film, self.person(name, span), span=span)

    def cast(self) -> None:
        """The cast list: a name line; one blank line then a line means that line is the character,
        two blank lines mean no character is given (the page's own layout)."""
        stars = self.field("Stars")
        site = self.field("Official Website")
        if not stars:
            return
        lo = stars[0] + 1
        hi = site[0] if site else len(self.lines)
        entries: list[tuple[int, str, int]] = []  # (offset, text, blank lines after)
        for pos, line in self.lines[lo:hi]:
            if line.strip():
                entries.append((pos, line.strip(), 0))
            elif entries:
                entries[-1] = (*entries[-1][:2], entries[-1][2] + 1)
        entries = [e for e in entries if len(e[1]) < 100 and not e[1].endswith(".")]
        i = 0
        while i < len(entries):
            npos, name, blanks = entries[i]
            character = entries[i + 1] if blanks == 1 and i + 1 < len(entries) else None
            span = Span(npos, npos + len(name))
            add_cast(
                self.records,
                self.film,
                self.person(name, span),
                span=span,
                character=character[1] if character else None,
                character_span=Span(character[0], character[0] + len(character[1])) if character else None,
            )
            i += 2 if character else 1

    def distributors(self) -> None:
        site = self.field("Official Website")
        if not site:
            return
        lines = [(site[1], site[2]), *self.following(site[0])]
        for pos, line in lines:
            for m in _SITE.finditer(line):
                name = m.group("name").strip(" |")
                if name.lower().startswith("official site"):
                    start = pos + m.start()
                    self.records.unread.append(
                        (Span(start, pos + m.end()), f"'{m.group()}' names no organization and no address")
                    )
                    continue
                start = pos + line.index(name)
                org = named_ref("organization", name)
                self.records.add_entity(
                    Entity(org, SDO.Organization, name, Span(start, start + len(name)), folder="organization")
                )
                span = Span(start, pos + m.end())
                self.records.add_claim(self.film, PC.distributor, Ref(org), span)
                country = m.group("country")
                place = named_ref("place", country)
                cspan = Span(pos + m.start("country"), pos + m.end("country"))
                self.records.add_entity(Entity(place, SDO.Country, country, cspan, folder="place"))
                self.records.add_claim(org, SDO.location, Ref(place), cspan)

    def locations(self) -> None:
        """ "Landmark, Quarter, Paris 18, Paris, France": each place inside the next."""
        f = self.field("Filming Locations")
        if not f:
            return
        parts = [(f[1] + m.start(), m.group().strip()) for m in re.finditer(r"[^,]+", f[2])]
        parts = [(pos + (len(self.text[pos:]) - len(self.text[pos:].lstrip())), name) for pos, name in parts]
        refs = []
        for pos, name in parts:
            known = self.ctx.gazetteer.lookup(name)
            k = next((t for opt in known for t in opt if t.folder == "place"), None)
            ref = k.ref if k else named_ref("place", name)
            cls = k.cls if k else SDO.Place
            self.records.add_entity(Entity(ref, cls, name, Span(pos, pos + len(name)), folder="place"))
            refs.append((ref, Span(pos, pos + len(name))))
        span = self._span(f)
        self.records.add_claim(self.film, PC.filmingLocation, Ref(refs[0][0]), span)
        for (inner, _), (outer, _) in itertools.pairwise(refs):
            self.records.add_claim(inner, SDO.containedInPlace, Ref(outer), span)

    def box_office(self) -> None:
        for label, prop in (("Opening Weekend", PC.openingWeekend), ("Gross", PC.grossToDate)):
            f = self.field(label)
            if not f or not (m := _MONEY.search(f[2])):
                continue
            figure = f"amount:{self.film}|{label.lower()}"
            self.records.add_entity(
                Entity(figure, PC.BoxOfficeFigure, key=(Ref(self.film), label.lower()), folder="amount")
            )
            span = Span(f[1], f[1] + len(f[2]))
            self.records.add_claim(self.film, prop, Ref(figure), span)
            self.records.add_claim(figure, SDO.value, Decimal(m.group("amount").replace(",", "")), span)
            self.records.add_claim(figure, SDO.currency, _CURRENCY[m.group("cur")], span)
            for pos, line in self.following(f[0]):
                for p in _PAREN.finditer(line):
                    inner = p.group(1)
                    pspan = Span(pos + p.start(1), pos + p.end(1))
                    if d := _date(inner):
                        self.records.add_claim(figure, PC.asOf, d, pspan)
                    elif sm := re.fullmatch(r"([\d,]+) Screens?", inner, re.IGNORECASE):
                        self.records.add_claim(figure, PC.screens, int(sm.group(1).replace(",", "")), pspan)

    def user_review(self) -> None:
        """The embedded review: its title, its rating, its text, and what the text says."""
        for i, (_pos, line) in enumerate(self.lines):  # noqa: B007 (i is used after the loop)
            if line.strip() == "User Review":
                break
        else:
            return
        rest = [(p, ln) for p, ln in self.lines[i + 1 :] if ln.strip()]
        if not rest:
            return
        tpos, title = rest[0]
        review = f"review:{self.doc.source_id}|user-review"
        self.records.add_entity(
            Entity(review, SDO.Review, key=(self.doc.source_id, "user review"), folder="review")
        )
        self.records.add_claim(self.film, SDO.review, Ref(review), Span(tpos, tpos + len(title)))
        self.records.add_claim(review, SDO.itemReviewed, Ref(self.film), Span(tpos, tpos + len(title)))
        self.records.add_claim(review, SDO.name, title.strip(), Span(tpos, tpos + len(title.strip())))
        body_start = rest[1][0] if len(rest) > 1 else tpos
        if len(rest) > 1 and (m := re.match(r"Rating:\s*(\d+)/(\d+)", rest[1][1])):
            rating = f"rating:{review}"
            self.records.add_entity(Entity(rating, SDO.Rating, key=(Ref(review),), folder="rating"))
            span = Span(rest[1][0], rest[1][0] + len(rest[1][1]))
            self.records.add_claim(review, SDO.reviewRating, Ref(rating), span)
            self.records.add_claim(rating, SDO.ratingValue, int(m.group(1)), span)
            self.records.add_claim(rating, SDO.bestRating, int(m.group(2)), span)
            body_start = rest[2][0] if len(rest) > 2 else len(self.text)
        body = self.text[body_start:].rstrip()
        self.records.add_claim(review, SDO.reviewBody, body, Span(body_start, body_start + len(body)))
        folded = FoldedText(self.text)
        mine(
            self.records,
            folded,
            self.ctx,
            film=self.film,
            mentioner=review,
            start=tpos,
            end=len(body) + body_start,
        )


def read(doc: Document, ctx: Context) -> Records:
    """Records of one film page."""
    return _Page(doc, ctx).read()
