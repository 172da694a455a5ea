"""Read a SPARQL 1.1 Protocol request: a query or an update, its dataset, from GET or POST.

https://www.w3.org/TR/sparql11-protocol/ — query by GET (``query=``), by POST form-encoded or
as ``application/sparql-query``; update by POST form-encoded or as ``application/sparql-update``;
``default-graph-uri`` and ``named-graph-uri`` (``using-graph-uri`` and ``using-named-graph-uri``
for updates). ``format=`` or ``output=`` (json, xml, csv, tsv, turtle, ntriples, jsonld, trig,
rdfxml, or a media type) is an extension, as in Virtuoso and Fuseki: it overrides Accept, so a
plain link can download CSV.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.requests import Request

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


class ProtocolError(Exception):
    """A request the protocol does not allow, with the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class SparqlRequest:
    """What a request asks: a query or an update (or neither: the service description)."""

    query: str | None = None
    update: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    using_graphs: tuple[str, ...] = ()
    format_hints: tuple[str, ...] = ()


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, or 413 once it is longer than ``limit`` bytes (before reading it all)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ProtocolError(413, _too_large(limit))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ProtocolError(413, _too_large(limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> str:
    return f"the request body is larger than {limit:,} bytes (the server's limit, --max-body-bytes)"


def _text(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ProtocolError(400, f"the {what} is not UTF-8 (byte {err.start})") from err


def _media_type(request: Request) -> tuple[str, dict[str, str]]:
    raw = request.headers.get("content-type", "")
    media, _, rest = raw.partition(";")
    params = {}
    for part in rest.split(";"):
        key, _, value = part.partition("=")
        if key.strip():
            params[key.strip().lower()] = value.strip().strip('"').lower()
    return media.strip().lower(), params


async def parse_request(request: Request, max_body: int) -> SparqlRequest:
    """The query or update a GET or POST carries; raises ProtocolError (400, 413, 415)."""
    fields = list(request.query_params.multi_items())
    if request.method == "POST":
        media, params = _media_type(request)
        if params.get("charset", "utf-8") not in ("utf-8", "utf8", "us-ascii"):
            raise ProtocolError(415, f"charset {params['charset']} is not supported; send UTF-8")
        if media not in (FORM, QUERY, UPDATE):
            got = f"Content-Type {media}" if media else "no Content-Type"
            raise ProtocolError(415, f"{got}: send {QUERY}, {UPDATE} or {FORM}")
        body = await read_body(request, max_body)
        if media == FORM:
            fields += parse_qsl(_text(body, "form"), keep_blank_values=True)
        else:
            fields.append(("query" if media == QUERY else "update", _text(body, "request body")))
    values: dict[str, list[str]] = {}
    for key, value in fields:
        values.setdefault(key, []).append(value)
    for key in ("query", "update"):
        if len(values.get(key, [])) > 1:
            raise ProtocolError(400, f"more than one '{key}' parameter")
    query, update = _one(values, "query"), _one(values, "update")
    if query is not None and update is not None:
        raise ProtocolError(400, "a request carries a query or an update, not both")
    if update is not None and request.method != "POST":
        raise ProtocolError(400, "an update is sent with POST (SPARQL 1.1 Protocol 2.2)")
    return SparqlRequest(
        query=query,
        update=update,
        default_graphs=tuple(values.get("default-graph-uri", ())),
        named_graphs=tuple(values.get("named-graph-uri", ())),
        using_graphs=tuple(values.get("using-graph-uri", []) + values.get("using-named-graph-uri", [])),
        format_hints=tuple(values.get("format", []) + values.get("output", [])),
    )


def _one(values: dict[str, list[str]], key: str) -> str | None:
    found = values.get(key)
    return found[0] if found else None
