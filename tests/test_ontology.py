"""The build speaks only terms that schema.org or ontology/ define, and the closed namespace
module matches the ontology file."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import GEO, PROV, SDO, SKOS, XSD

from graph.namespace import PC
from graph.ontology import ONTOLOGY_DIR

ONTOLOGY = Graph().parse(ONTOLOGY_DIR / "paris-cinema.ttl")
OWN = {s for s in ONTOLOGY.subjects() if isinstance(s, URIRef) and str(s).startswith(str(PC._NS))}


def test_namespace_module_declares_the_ontology_terms() -> None:
    declared = {PC[name] for name in PC.__annotations__}
    assert declared == OWN


def test_ontology_has_a_versioned_owl_header() -> None:
    header = next(ONTOLOGY.subjects(RDF.type, OWL.Ontology))
    assert ONTOLOGY.value(header, OWL.versionInfo) is not None
    assert ONTOLOGY.value(header, OWL.versionIRI) is not None


@pytest.mark.parametrize("term", sorted(OWN), ids=lambda t: t.split("#")[-1])
def test_each_own_term_is_documented(term: URIRef) -> None:
    assert ONTOLOGY.value(term, RDFS.label) is not None
    assert ONTOLOGY.value(term, RDFS.comment) is not None
    if (term, RDF.type, OWL.Class) not in ONTOLOGY:
        assert ONTOLOGY.value(term, RDFS.domain) is not None
        assert ONTOLOGY.value(term, RDFS.range) is not None


@pytest.mark.parametrize(
    "term,wikidata",
    [
        (PC.filmingLocation, "P915"),
        (PC.distributor, "P750"),
        (PC.boxOffice, "P2142"),
        (PC.partOfFranchise, "P179"),
        (PC.revenue, "P2139"),
        (PC.budget, "P2130"),
        (PC.knownFor, "P800"),
    ],
)
def test_film_terms_align_with_wikidata(term: URIRef, wikidata: str) -> None:
    assert ONTOLOGY.value(term, OWL.equivalentProperty) == URIRef(
        f"http://www.wikidata.org/prop/direct/{wikidata}"
    )


KNOWN = (str(SDO._NS), str(PC._NS), str(RDF), str(RDFS), str(XSD), str(PROV), str(OWL), str(SKOS), str(GEO))


def _defined(term: URIRef) -> bool:
    text = str(term)
    if text.startswith(str(SDO._NS)):
        return text[len(str(SDO._NS)) :] in SDO.__annotations__
    if text.startswith(str(PC._NS)):
        return term in OWN
    return text.startswith(KNOWN[2:])


def undefined_terms(out: Path) -> list[URIRef]:
    """Classes and properties a build uses that neither schema.org nor ontology/ define."""
    from graph.store.embedded import TURTLE_FILE

    g = Graph().parse(out / TURTLE_FILE)
    used = set(g.predicates()) | set(g.objects(None, RDF.type)) | set(g.objects(None, RDF.predicate))
    return sorted(t for t in used if isinstance(t, URIRef) and not _defined(t))


def test_build_uses_only_defined_classes_and_properties(out: Path) -> None:
    assert undefined_terms(out) == []


def test_the_check_catches_an_undefined_term() -> None:
    assert not _defined(URIRef(str(SDO._NS) + "filmingLocations"))
    assert not _defined(URIRef(str(PC._NS) + "madeUp"))
