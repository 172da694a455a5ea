"""The media types the endpoint answers in, and content negotiation on Accept (with q-values).

One registry per kind of answer: SPARQL results (SELECT, ASK) and RDF graphs (CONSTRUCT,
DESCRIBE, Linked Data documents, the service description). Negotiation is python-mimeparse's
``best_match`` (q-values, wildcards, the most specific range wins); a tie goes to the format
listed first here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import mimeparse
import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    """One answer format: its name (for ``?format=``), media type, aliases, and serializer."""

    name: str
    media_type: str
    extension: str
    results: ox.QueryResultsFormat | None = None
    rdf: ox.RdfFormat | None = None
    aliases: tuple[str, ...] = ()
    nicknames: tuple[str, ...] = ()  # other values of ?format= that mean this format
    registered_iri: str | None = None  # where pyoxigraph's IRI is not the W3C registry's

    @property
    def iri(self) -> str:
        """The format's IRI (http://www.w3.org/ns/formats/…), for the service description."""
        target = self.results or self.rdf
        assert target is not None
        return self.registered_iri or str(target.iri)

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # pyoxigraph's format objects do not pickle: a job sent to a worker carries the name
        return (named, (self.name,))

    @property
    def content_type(self) -> str:
        """The Content-Type header: every format here is UTF-8 text."""
        return f"{self.media_type}; charset=utf-8"


RESULT_FORMATS: tuple[Format, ...] = (
    Format(
        "json",
        "application/sparql-results+json",
        "srj",
        results=ox.QueryResultsFormat.JSON,
        aliases=("application/json",),
        nicknames=("json",),
    ),
    Format(
        "xml",
        "application/sparql-results+xml",
        "srx",
        results=ox.QueryResultsFormat.XML,
        aliases=("application/xml", "text/xml"),
        nicknames=("xml",),
    ),
    Format("csv", "text/csv", "csv", results=ox.QueryResultsFormat.CSV),
    Format("tsv", "text/tab-separated-values", "tsv", results=ox.QueryResultsFormat.TSV),
)
GRAPH_FORMATS: tuple[Format, ...] = (
    Format(
        "turtle",
        "text/turtle",
        "ttl",
        rdf=ox.RdfFormat.TURTLE,
        aliases=("application/turtle",),
        nicknames=("n3", "text/n3"),  # Turtle is N3 too
    ),
    Format("ntriples", "application/n-triples", "nt", rdf=ox.RdfFormat.N_TRIPLES, nicknames=("n-triples",)),
    Format(
        "jsonld",
        "application/ld+json",
        "jsonld",
        rdf=ox.RdfFormat.JSON_LD,
        aliases=("application/x-json+ld", "application/json"),
        nicknames=("json-ld", "json"),
        registered_iri="http://www.w3.org/ns/formats/JSON-LD",
    ),
    Format("trig", "application/trig", "trig", rdf=ox.RdfFormat.TRIG),
    Format("rdfxml", "application/rdf+xml", "rdf", rdf=ox.RdfFormat.RDF_XML, nicknames=("rdf+xml", "xml")),
)
HTML = "text/html"
# a page, not a serialization: negotiated next to the RDF formats for Linked Data
HTML_PAGE = Format("html", HTML, "html", aliases=("application/xhtml+xml",))


def named(name: str) -> Format:
    """The format of this module called ``name``."""
    return next(f for f in (*RESULT_FORMATS, *GRAPH_FORMATS, HTML_PAGE) if f.name == name)


class AcceptError(ValueError):
    """An Accept header that does not parse."""


def by_name(name: str, formats: tuple[Format, ...]) -> Format | None:
    """The format called ``name`` (``json``, ``turtle``…) among ``formats``."""
    return next((f for f in formats if f.name == name), None)


def from_hints(hints: tuple[str, ...], formats: tuple[Format, ...]) -> Format | None:
    """The first of ``formats`` that a ``?format=`` value names (by name, extension, media type).

    Clients send such hints for one kind of answer and not the other (SPARQLWrapper sends
    ``format=xml`` for CONSTRUCT too): a hint that fits no format of this kind is ignored.

    >>> from_hints(("", "text/csv"), RESULT_FORMATS).name
    'csv'
    >>> from_hints(("xml",), GRAPH_FORMATS).name
    'rdfxml'
    """
    for hint in hints:
        value = hint.strip().lower()
        for f in formats:
            if value in (f.name, f.extension, f.media_type, *f.aliases, *f.nicknames):
                return f
    return None


def by_extension(extension: str, formats: tuple[Format, ...]) -> Format | None:
    """The format whose file extension is ``extension`` (``ttl``, ``jsonld``…)."""
    return next((f for f in formats if f.extension == extension), None)


EXPLICIT = 110  # mimeparse's fitness of a range naming both type and subtype


def choose(accept: str | None, formats: tuple[Format, ...]) -> Format | None:
    """The format of ``formats`` the Accept header prefers; None when it accepts none of them.

    A format's quality is its media type's (RFC 9110 12.5.1: the most specific range decides);
    an alias (``application/json``) counts only when the header names it, so that
    ``application/sparql-results+json;q=0, */*`` is not answered in that format under another
    name. Ties go to the more explicit match, then to the format listed first. No header
    accepts anything.

    >>> choose("text/csv;q=0.5, application/sparql-results+xml", RESULT_FORMATS).name
    'xml'
    >>> choose("application/sparql-results+json;q=0, */*", RESULT_FORMATS).name
    'xml'
    >>> choose("image/png", RESULT_FORMATS) is None
    True
    """
    header = (accept or "").strip() or "*/*"
    try:
        ranges = [mimeparse.parse_media_range(r) for r in header.split(",") if r.strip()]
    except (mimeparse.MimeTypeParseException, ValueError) as err:
        raise AcceptError(f"the Accept header does not parse: {err}") from err
    best: Format | None = None
    best_score = (0.0, 0.0)
    for fmt in formats:
        score = mimeparse.quality_and_fitness_parsed(fmt.media_type, ranges)
        for alias in fmt.aliases:
            named = mimeparse.quality_and_fitness_parsed(alias, ranges)
            if named[1] >= EXPLICIT and named > score:
                score = named
        if score[0] > 0 and score > best_score:
            best, best_score = fmt, score
    return best


def listing(formats: tuple[Format, ...]) -> str:
    """The media types of ``formats``, for a 406 message."""
    return ", ".join(f.media_type for f in formats)
