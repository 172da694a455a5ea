"""How a link reads in a sentence, either way it is walked: "Romain Duris acted in Paris (2008)",
"Paris (2008), directed by Cédric Klapisch"."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.namespace import PC

S = "https://schema.org/"
# Classes whose name is followed by their year in words.
WORKS = frozenset({"Movie", "TVSeries", "CreativeWorkSeries"})


@dataclass(frozen=True)
class Phrase:
    """The words of one property.

    ``forward`` is walked from subject to object and reads as a clause about the subject that
    brings in the object ("directed by {o}"); ``backward`` is walked from object to subject and
    reads as a clause whose subject is the object ("{o} directed {s}"). ``{c}`` is a character.
    """

    forward: str
    backward: str
    forward_as: str | None = None  # with a character: "in which {o} played {c}"
    backward_as: str | None = None
    forward_shared: str | None = None  # when the subject has several of them: "directed in part by"
    backward_shared: str | None = None


PHRASES: dict[str, Phrase] = {
    S + "actor": Phrase(
        "in which {o} acted",
        "{o} acted in {s}",
        forward_as="in which {o} played {c}",
        backward_as="{o} played {c} in {s}",
    ),
    S + "director": Phrase(
        "directed by {o}",
        "{o} directed {s}",
        forward_shared="directed in part by {o}",
        backward_shared="{o} directed part of {s}",
    ),
    S + "musicBy": Phrase("with music by {o}", "{o} wrote the music of {s}"),
    S + "author": Phrase("written by {o}", "{o} wrote {s}"),
    S + "producer": Phrase("produced by {o}", "{o} produced {s}"),
    S + "productionCompany": Phrase("produced by {o}", "{o} produced {s}"),
    S + "editor": Phrase("edited by {o}", "{o} edited {s}"),
    S + "contributor": Phrase("with {o} in its crew", "{o} worked on {s}"),
    S + "composer": Phrase("composed by {o}", "{o} composed {s}"),
    str(PC.filmingLocation): Phrase("shot at {o}", "{o} is where {s} was shot"),
    S + "contentLocation": Phrase("set in {o}", "{o} is where {s} is set"),
    S + "containedInPlace": Phrase("which is in {o}", "{o} contains {s}"),
    S + "location": Phrase("located in {o}", "{o} is where {s} is located"),
    S + "countryOfOrigin": Phrase("made in {o}", "{o} is the country of {s}"),
    str(PC.knownFor): Phrase("known for {o}", "{o} is what {s} is known for"),
    str(PC.distributor): Phrase("distributed by {o}", "{o} distributes {s}"),
    str(PC.partOfFranchise): Phrase("part of {o}", "{o} includes {s}"),
    str(PC.firstWork): Phrase("whose first film is {o}", "{o} is the first film of {s}"),
    str(PC.featuresMusic): Phrase("which features {o}", "{o} is heard in {s}"),
    str(PC.shotFor): Phrase("which filmed {o}", "{o} was filmed at {s}"),
    str(PC.candidate): Phrase("which is probably {o}", "{o} is probably what {s} is"),
    str(PC.festivalSelection): Phrase("selected as {o}", "{o} is a selection of {s}"),
    str(PC.festival): Phrase("at {o}", "{o} selected {s}"),
    S + "superEvent": Phrase("part of {o}", "{o} includes {s}"),
    S + "mentions": Phrase("which mentions {o}", "{o} is mentioned in {s}"),
    S + "itemReviewed": Phrase("which reviews {o}", "{o} is reviewed in {s}"),
    S + "review": Phrase("reviewed in {o}", "{o} reviews {s}"),
    S + "about": Phrase("which is about {o}", "{o} is the subject of {s}"),
}


def phrase_for(predicate: str, label: str) -> Phrase:
    """The phrase of ``predicate``; a property without one reads by its label ("whose budget is")."""
    return PHRASES.get(predicate) or Phrase(f"whose {label} is {{o}}", f"{{o}} is the {label} of {{s}}")


def clause(
    phrase: Phrase,
    *,
    forward: bool,
    s: str,
    o: str,
    character: str | None = None,
    shared: bool = False,
    pronoun: str | None = None,
) -> str:
    """The clause for one walked link (see Phrase); a backward clause with a ``pronoun`` is a
    relative clause about the object ("which is mentioned in …").

    >>> clause(PHRASES[S + "actor"], forward=False, s="Paris (2008)", o="Romain Duris", character="Pierre")
    'Romain Duris played Pierre in Paris (2008)'
    >>> clause(PHRASES[S + "mentions"], forward=False, s="a review", o="Cléo", pronoun="which")
    'which is mentioned in a review'
    """
    if forward:
        template = (character and phrase.forward_as) or (shared and phrase.forward_shared) or phrase.forward
    else:
        template = (
            (character and phrase.backward_as) or (shared and phrase.backward_shared) or phrase.backward
        )
        if pronoun and template.startswith("{o} "):
            template = pronoun + template[len("{o}") :]
    return template.format(s=s, o=o, c=character or "")


def name_in_words(g: nx.MultiDiGraph, node: str) -> str:
    """An entity's label, a film's with its year: ``Paris (2008)``."""
    d = g.nodes[node]
    dates = d.get("props", {}).get("date published", [])
    if d.get("cls") in WORKS and dates:
        return f"{d['label']} ({min(dates)[:4]})"
    return str(d["label"])
