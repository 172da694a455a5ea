"""Each SHACL shape accepts a conforming node and rejects a violating one (inline Turtle)."""

from __future__ import annotations

import pytest
from rdflib import Graph

from graph.check.shacl import validate

PREFIXES = """
@prefix schema: <https://schema.org/> .
@prefix pc: <https://w3id.org/paris-cinema/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix : <https://example.org/> .
"""

CASES = {
    "movie": (
        ':f a schema:Movie ; rdfs:label "F" ; schema:name "F" ; schema:datePublished "2008"^^xsd:gYear .',
        ':f a schema:Movie ; rdfs:label "F" ; schema:name "F" ; schema:datePublished "soon" .',
    ),
    "person": (
        ':p a schema:Person ; rdfs:label "P" ; schema:name "P" .',
        ':p a schema:Person ; rdfs:label "P" .',
    ),
    "place-chain": (
        ':a a schema:City ; rdfs:label "A" ; schema:name "A" ; schema:containedInPlace :b .'
        ':b a schema:Country ; rdfs:label "B" ; schema:name "B" .',
        ':a a schema:City ; rdfs:label "A" ; schema:name "A" ; schema:containedInPlace :b .'
        ':b a schema:Person ; rdfs:label "B" ; schema:name "B" .',
    ),
    "role": (
        ':r a schema:PerformanceRole ; schema:actor :p ; schema:characterName "X" .'
        ':p a schema:Person ; rdfs:label "P" ; schema:name "P" .',
        ':r a schema:PerformanceRole ; schema:characterName "X" .',
    ),
    "money": (
        ':m a schema:MonetaryAmount ; schema:value 48000000 ; schema:currency "USD" .',
        ':m a schema:MonetaryAmount ; schema:value 48000000 ; schema:currency "dollars" .',
    ),
    "box-office": (
        ':b a pc:BoxOfficeFigure ; schema:value 1 ; schema:currency "USD" ; pc:asOf "2009-12-20"^^xsd:date .',
        ':b a pc:BoxOfficeFigure ; schema:value 1 ; schema:currency "USD" ; pc:screens -6 .',
    ),
    "crew-count": (
        ':c a pc:CrewCount ; pc:crewRole "editor" ; pc:count 10 .',
        ":c a pc:CrewCount ; pc:count 10 .",
    ),
    "rating": (
        ":r a schema:Rating ; schema:ratingValue 6.8 ; schema:bestRating 10 .",
        ":r a schema:Rating .",
    ),
    "hypothesis": (
        ":h a pc:FilmIdentification ; pc:textAbout :a ; pc:candidate :b ; pc:confidence 0.5 ; "
        'pc:evidence "x" .'
        ':a a schema:Movie ; rdfs:label "a" . :b a schema:Movie ; rdfs:label "b" .',
        ":h a pc:FilmIdentification ; pc:textAbout :a ; pc:candidate :b ; pc:confidence 1.5 ; "
        'pc:evidence "x" .'
        ':a a schema:Movie ; rdfs:label "a" . :b a schema:Movie ; rdfs:label "b" .',
    ),
    "one person a name": (
        ':p a schema:Person ; rdfs:label "P" ; schema:name "Jean-Pierre Jeunet" .',
        ':p a schema:Person ; rdfs:label "P" ; schema:name "Eric Toledano et Olivier Nakache" .',
    ),
    "one kind of place": (  # the country Luxembourg merged into the arrondissement of that name
        ':l a schema:Country ; rdfs:label "L" ; schema:name "Luxembourg" .'
        ':a a pc:Arrondissement ; rdfs:label "A" ; schema:name "6th arrondissement of Paris" .',
        ':l a schema:Country, pc:Arrondissement ; rdfs:label "L" ; schema:name "Luxembourg" .',
    ),
    "statement with its words": (
        ":s a rdf:Statement ; rdf:subject :f ; rdf:predicate schema:contentLocation ; rdf:object :p ; "
        'prov:wasDerivedFrom :d ; pc:quote "paris" ; pc:confidence 0.9 .'
        ':d a pc:SourceDocument ; schema:name "d" ; pc:documentKind "tmdb-movies" ; '
        f'pc:sha256 "{"0" * 64}" .',
        ":s a rdf:Statement ; rdf:subject :f ; rdf:predicate schema:contentLocation ; rdf:object :p ; "
        "prov:wasDerivedFrom :d ."
        ':d a pc:SourceDocument ; schema:name "d" ; pc:documentKind "tmdb-movies" ; '
        f'pc:sha256 "{"0" * 64}" .',
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_shape_accepts_and_rejects(name: str) -> None:
    good, bad = CASES[name]
    assert validate(Graph().parse(data=PREFIXES + good, format="turtle")).conforms
    verdict = validate(Graph().parse(data=PREFIXES + bad, format="turtle"))
    assert not verdict.conforms
    assert verdict.violations >= 1


def test_the_build_conforms(built) -> None:  # type: ignore[no-untyped-def]
    _, report = built
    assert report.validation.conforms, report.validation.report


def test_every_class_the_build_produces_has_a_shape(out) -> None:  # type: ignore[no-untyped-def]
    assert unshaped_classes(out) == []


def unshaped_classes(out):  # type: ignore[no-untyped-def]
    """Classes of a build that no shape targets, directly or through a superclass."""
    from rdflib import RDF, RDFS
    from rdflib.namespace import SH

    from graph.ontology import ONTOLOGY_DIR, load_ontology
    from graph.store.embedded import TURTLE_FILE

    data = Graph().parse(out / TURTLE_FILE)
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    onto = load_ontology()
    targets = set(shapes.objects(None, SH.targetClass))
    unshaped = []
    for cls in set(data.objects(None, RDF.type)):
        supers = set(onto.transitive_objects(cls, RDFS.subClassOf))
        if not supers & targets and str(cls) != "http://www.w3.org/ns/prov#Entity":
            unshaped.append(cls)
    return unshaped
