"""Rules of free-text reading on sentences written for these tests (no seed document's sentence):
a director named after a film with "by", and before a compared film with a possessive."""

from __future__ import annotations

import pytest
from rdflib.namespace import SDO

from graph.sources.gazetteer import Gazetteer
from graph.sources.reading import Context
from graph.sources.records import Entity, Records, Ref
from graph.sources.textmine import mine
from graph.text import FoldedText


def known() -> Context:
    """A gazetteer that knows two directors and two films."""
    background = Records()
    for ref, cls, name, year, folder in (
        ("person:varda", SDO.Person, "Agnès Varda", None, "person"),
        ("person:demy", SDO.Person, "Jacques Demy", None, "person"),
        ("film:cleo", SDO.Movie, "Cléo de 5 à 7", 1962, "film"),
        ("film:lola", SDO.Movie, "Lola", 1961, "film"),
    ):
        background.add_entity(Entity(ref, cls, name, year=year, folder=folder))
    return Context(Gazetteer.from_records([background], {}))


def directors(text: str) -> set[tuple[str, str]]:
    records = Records()
    mine(records, FoldedText(text), known(), film="film:this")
    return {(c.subject, c.obj.ref) for c in records.claims_of(SDO.director) if isinstance(c.obj, Ref)}


@pytest.mark.parametrize(
    "text",
    [
        "The programme opens with Cléo de 5 à 7 (1962) by Agnès Varda.",
        "Then comes Cléo de 5 à 7, directed by Agnès Varda, in a new print.",
        "It is Agnès Varda's best film since Cléo de 5 à 7 (1962).",
        "It may be Agnès Varda's finest film since Cléo de 5 à 7.",
    ],
)
def test_a_director_is_read_before_or_after_the_film(text: str) -> None:
    assert ("film:cleo", "person:varda") in directors(text)


@pytest.mark.parametrize(
    "text",
    [
        "Cléo de 5 à 7 (1962), produced by Jacques Demy's friends, is restored.",
        "Lola, like Cléo de 5 à 7, was seen by Agnès Varda at the festival.",
        "Agnès Varda liked Lola.",
    ],
)
def test_other_words_between_a_film_and_a_person_credit_no_director(text: str) -> None:
    found = directors(text)
    assert ("film:cleo", "person:varda") not in found and ("film:lola", "person:varda") not in found
