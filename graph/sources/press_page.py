"""Read a press page in free text: its first line names its film ("TITLE - US TRAILER (2007)"),
its date line says when it was published, and its text what it says about the film."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

from rdflib.namespace import SDO

from graph.errors import InputError
from graph.sources.common import named_ref
from graph.sources.documents import Document
from graph.sources.reading import Context
from graph.sources.records import Entity, Records, Ref, Span
from graph.sources.textmine import mine
from graph.text import FoldedText, fold

_HEADLINE = re.compile(r"^(?P<title>.+?)(?:\s+[-–]\s+.*?)?(?:\s*\((?:19|20)\d\d\))?\s*$")


def read(doc: Document, ctx: Context) -> Records:
    """Records of one press page."""
    records = Records()
    text = doc.text
    first = next((m for m in re.finditer(r"[^\n]+", text) if m.group().strip()), None)
    if first is None:
        raise InputError("press page without a headline", doc.path, 1)
    headline = first.group().strip()
    title = _HEADLINE.match(headline).group("title")  # type: ignore[union-attr]
    # the headline is often in capitals: take the spelling the text uses most
    spellings = Counter(m.group() for m in re.finditer(re.escape(title).replace(r"'", "['’]"), text, re.I))
    mixed = [s for s, _ in spellings.most_common() if not s.isupper()]
    name = mixed[0] if mixed else title
    known = [k for opt in ctx.gazetteer.lookup(name) for k in opt if k.folder == "film"]
    film = known[0].ref if known else named_ref("film", name)
    year = known[0].year if known else None
    span = Span(first.start(), first.start() + len(title))
    records.add_entity(Entity(film, SDO.Movie, name, span, year, folder="film"))
    page = f"page:{doc.source_id}"
    records.add_entity(Entity(page, SDO.WebPage, key=(doc.source_id,), folder="source"))
    records.add_claim(page, SDO.headline, headline, Span(first.start(), first.start() + len(headline)))
    records.add_claim(page, SDO.about, Ref(film), span)
    for m in re.finditer(r"(?m)^\s*(\d{1,2} [A-Z][a-z]+ \d{4})\s*$", text[:400]):
        try:
            day = datetime.strptime(m.group(1), "%d %B %Y").date()
        except ValueError:
            continue
        records.add_claim(page, SDO.datePublished, day, Span(m.start(1), m.end(1)))
        break
    if fold(name) != fold(title):
        records.add_claim(film, SDO.alternateName, title, span)
    mine(records, FoldedText(text), ctx, film=film, mentioner=page, start=first.end())
    return records
