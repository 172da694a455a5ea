"""Read a review in free text (IMDb style). Its film may go unnamed: the review then speaks of an
unidentified film node, which the identify stage may match to a known film as a hypothesis."""

from __future__ import annotations

from rdflib.namespace import SDO

from graph.namespace import PC
from graph.sources.documents import Document
from graph.sources.reading import Context
from graph.sources.records import Entity, Records, Ref, Span
from graph.sources.textmine import mine
from graph.text import FoldedText


def read(doc: Document, ctx: Context) -> Records:
    """Records of one review: the review, the film it is about, and what its text says."""
    records = Records()
    review = f"review:{doc.source_id}"
    film = f"film:unidentified|{doc.source_id}"
    records.add_entity(Entity(review, SDO.Review, key=(doc.source_id,), folder="source"))
    records.add_entity(Entity(film, SDO.Movie, key=("unidentified", doc.source_id), folder="film"))
    whole = Span(0, len(doc.text))
    records.add_claim(review, SDO.itemReviewed, Ref(film), whole)
    records.add_claim(review, SDO.reviewBody, doc.text.strip(), whole)
    records.add_claim(film, PC.identified, False)
    mine(records, FoldedText(doc.text), ctx, film=film, mentioner=review)
    return records
