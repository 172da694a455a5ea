"""The project's vocabularies, closed so that a typo in a term fails at once, its prefixes, and
IRIs in short (``film:paris-2008``) and in words (``filming location``)."""

import re
from functools import lru_cache

from rdflib import Graph, Namespace
from rdflib.namespace import DefinedNamespace, URIRef

BASE = "https://w3id.org/paris-cinema/"
RESOURCE = Namespace(BASE + "resource/")
GRAPHS = Namespace(BASE + "graph/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
WD = Namespace("http://www.wikidata.org/entity/")


class PC(DefinedNamespace):
    """Terms of ontology/paris-cinema.ttl (a test checks both declare the same terms)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    BoxOfficeFigure: URIRef
    FestivalSelection: URIRef
    CrewCount: URIRef
    Franchise: URIRef
    FilmIdentification: URIRef
    TextRepair: URIRef
    Arrondissement: URIRef
    Quarter: URIRef
    Shoot: URIRef
    shotFor: URIRef
    permitId: URIRef
    imdbId: URIRef
    tmdbId: URIRef
    productionKind: URIRef
    duplicateRows: URIRef
    sourceRow: URIRef
    seasonNumber: URIRef
    inseeCode: URIRef
    SourceDocument: URIRef
    filmingLocation: URIRef
    distributor: URIRef
    boxOffice: URIRef
    openingWeekend: URIRef
    grossToDate: URIRef
    revenue: URIRef
    budget: URIRef
    asOf: URIRef
    market: URIRef
    screens: URIRef
    criticScore: URIRef
    distributionCountryCount: URIRef
    featuresMusic: URIRef
    knownFor: URIRef
    festivalSelection: URIRef
    festival: URIRef
    festivalSection: URIRef
    selectionRole: URIRef
    partOfFranchise: URIRef
    firstWork: URIRef
    crewCount: URIRef
    crewRole: URIRef
    count: URIRef
    textAbout: URIRef
    candidate: URIRef
    confidence: URIRef
    evidence: URIRef
    identified: URIRef
    sha256: URIRef
    documentKind: URIRef
    repair: URIRef
    before: URIRef
    after: URIRef
    spanStart: URIRef
    spanEnd: URIRef
    quote: URIRef
    demonym: URIRef
    Community: URIRef
    community: URIRef
    degree: URIRef
    betweennessCentrality: URIRef
    pageRank: URIRef


# Readable prefixes for every serialisation: one folder of resources per kind of entity.
RESOURCE_FOLDERS = (
    "film",
    "person",
    "place",
    "organization",
    "series",
    "event",
    "music",
    "review",
    "role",
    "amount",
    "rating",
    "selection",
    "crew",
    "statement",
    "shoot",
    "address",
    "geometry",
    "hypothesis",
    "repair",
    "source",
    "community",
)
PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "pc": str(PC._NS),
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "wd": str(WD),
    "wdt": str(WDT),
    "graph": str(GRAPHS),
    **{folder: f"{RESOURCE}{folder}/" for folder in RESOURCE_FOLDERS},
}


def bind_prefixes(g: Graph) -> None:
    """Bind the project's prefixes on ``g`` (replacing rdflib's defaults for the same names)."""
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri, override=True, replace=True)


@lru_cache(maxsize=4096)  # called for every quad of the projection, on a few hundred IRIs
def short(iri: str) -> str:
    """The last part of an IRI: ``https://schema.org/Movie`` -> ``Movie``."""
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def curie(iri: str) -> str:
    """``film:paris-2008`` for an IRI under one of the project's prefixes, else the IRI."""
    for prefix, base in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(base) and "/" not in iri[len(base) :]:
            return f"{prefix}:{iri[len(base) :]}"
    return iri


@lru_cache(maxsize=4096)
def words(iri: str) -> str:
    """A property's label in words: ``filmingLocation`` -> ``filming location``."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", short(iri)).lower()
