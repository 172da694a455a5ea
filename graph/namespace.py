"""The project's vocabularies, closed so that a typo in a term fails at once, and its prefixes."""

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
