"""A triple store over HTTP, behind the interface of the embedded one (``store.SparqlStore``):
queries by the SPARQL 1.1 Protocol, updates, and graphs by the Graph Store HTTP Protocol.

The dataset of a query "on the union" is named in the request (``default-graph-uri`` and
``named-graph-uri``, one per graph of the build found on the endpoint), so it is the same on every
store, whatever its own default graph holds (Virtuoso's is every graph it has, system ones too).
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from functools import cached_property

import httpx
import pyoxigraph as ox

from graph import __version__
from graph.errors import RemoteError
from graph.namespace import BASE
from graph.store.sparql_text import Binding, query_form, with_binds, with_prefixes

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"


@dataclass(frozen=True)
class Endpoint:
    """Where a store listens and how to sign in. ``update`` defaults to the query URL (one URL
    for both, as Virtuoso's /sparql); no ``graph_store``: graphs are loaded by SPARQL Update."""

    query: str
    update: str | None = None
    graph_store: str | None = None
    user: str | None = None
    password: str | None = None
    token: str | None = None
    timeout: float = 600.0

    @property
    def update_url(self) -> str:
        return self.update or self.query


class ChallengeAuth(httpx.Auth):
    """HTTP Basic or Digest, whichever the server's first 401 asks for (Virtuoso's ``-auth``
    endpoints ask Digest); later requests sign at once."""

    def __init__(self, user: str, password: str) -> None:
        self.digest = httpx.DigestAuth(user, password)
        self.basic = httpx.BasicAuth(user, password)
        self.chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self.chosen is not None:
            yield from self.chosen.auth_flow(request)
            return
        response = yield request
        challenges = response.headers.get_list("www-authenticate") if response.status_code == 401 else []
        if any(c.lower().startswith("digest ") for c in challenges):
            self.chosen = self.digest
            flow = self.digest.auth_flow(request)
            next(flow)  # its unsigned request: already sent, and this is the answer
            yield flow.send(response)
        elif challenges:
            self.chosen = self.basic
            yield from self.basic.auth_flow(request)


def http_client(endpoint: Endpoint) -> httpx.Client:
    """A client that signs in as the endpoint says (user and password, or a bearer token)."""
    headers = {"User-Agent": f"pariskg/{__version__}"}
    if endpoint.token:
        headers["Authorization"] = f"Bearer {endpoint.token}"
    auth = ChallengeAuth(endpoint.user, endpoint.password or "") if endpoint.user else None
    timeout = httpx.Timeout(endpoint.timeout, connect=10.0)
    return httpx.Client(headers=headers, auth=auth, timeout=timeout, follow_redirects=True)


class RemoteStore:
    """A SPARQL endpoint used as the build's store: ``query`` and ``quads_for_pattern`` as on
    ``pyoxigraph.Store``, plus ``update``, ``count`` and ``put_graph`` for pushing."""

    def __init__(self, endpoint: Endpoint, *, graphs: list[str] | None = None) -> None:
        self.endpoint = endpoint
        self.client = http_client(endpoint)
        self._graphs = graphs

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @cached_property
    def graphs(self) -> list[str]:
        """The graphs a query on the union reads: those given, else those ``find_graphs`` finds."""
        return self._graphs if self._graphs is not None else self.find_graphs()

    def find_graphs(self) -> list[str]:
        """The graphs of a build on the endpoint: every named graph under the project's base."""
        text = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{BASE}")) }}'
        return sorted(row["g"].value for row in self._select(text, {}))

    def query(
        self,
        query: str,
        /,
        *,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        substitutions: dict[ox.Variable, Binding] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run ``query`` on the endpoint; a query the endpoint finds malformed raises SyntaxError
        with its message, as ``pyoxigraph.Store.query`` does."""
        form = query_form(query)
        text = with_binds(with_prefixes(query, prefixes or {}), substitutions or {})
        data: dict[str, str | list[str]] = {"query": text}
        if use_default_graph_as_union:
            data["default-graph-uri"] = data["named-graph-uri"] = self.graphs
        if form in ("SELECT", "ASK"):
            response = self._send("POST", self.endpoint.query, data=data, accept=RESULTS_JSON, query=True)
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        response = self._send("POST", self.endpoint.query, data=data, accept=GRAPH_ACCEPT, query=True)
        media_type = response.headers.get("content-type", N_TRIPLES).split(";")[0].strip()
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if media_type == "text/plain":  # older stores send N-Triples as text/plain
            rdf_format = ox.RdfFormat.N_TRIPLES
        if rdf_format is None:
            raise RemoteError(f"the endpoint answered a graph as {media_type}", self.endpoint.query)
        triples = ox.Store()  # a real QueryTriples for the caller: the answer queried back whole
        triples.load(response.content, format=rdf_format)
        return triples.query("CONSTRUCT WHERE { ?s ?p ?o }")

    def quads_for_pattern(
        self,
        /,
        subject: ox.NamedNode | ox.BlankNode | ox.Triple | None,
        predicate: ox.NamedNode | None,
        object: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None,
        graph_name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = None,
    ) -> Iterator[ox.Quad]:
        """The quads of the build's graphs matching a pattern (``None`` matches anything)."""
        terms = {"s": subject, "p": predicate, "o": object, "g": graph_name}
        if any(isinstance(t, ox.BlankNode | ox.DefaultGraph) for t in terms.values()):
            raise RemoteError(
                "a remote store is asked with IRIs and literals (no blank node, no default graph)"
            )
        pattern = " ".join(str(terms[k]) if terms[k] is not None else f"?{k}" for k in "spo")
        graph = str(graph_name) if graph_name is not None else "?g"
        rows = self._select(
            f"SELECT * WHERE {{ GRAPH {graph} {{ {pattern} }} }}", {"named-graph-uri": self.graphs}
        )
        for row in rows:
            s, p, o, g = (terms[k] if terms[k] is not None else row[k] for k in "spog")
            yield ox.Quad(s, p, o, g)  # type: ignore[arg-type]

    def count(self, graph: str) -> int:
        """How many triples the endpoint holds in ``graph``."""
        rows = list(self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", {}))
        return int(rows[0]["n"].value) if rows else 0

    def update(self, text: str) -> None:
        """Run a SPARQL Update on the update URL."""
        self._send("POST", self.endpoint.update_url, data={"update": text}, accept="*/*")

    def put_graph(self, graph: str, data: bytes) -> None:
        """Replace ``graph`` by the N-Triples ``data`` (Graph Store HTTP Protocol PUT)."""
        if self.endpoint.graph_store is None:
            raise RemoteError("no Graph Store Protocol URL given (--graph-store)")
        self._send(
            "PUT",
            self.endpoint.graph_store,
            params={"graph": graph},
            content=data,
            headers={"Content-Type": N_TRIPLES},
        )

    def post_graph(self, graph: str, data: bytes) -> None:
        """Add the N-Triples ``data`` to ``graph`` (Graph Store HTTP Protocol POST)."""
        if self.endpoint.graph_store is None:
            raise RemoteError("no Graph Store Protocol URL given (--graph-store)")
        self._send(
            "POST",
            self.endpoint.graph_store,
            params={"graph": graph},
            content=data,
            headers={"Content-Type": N_TRIPLES},
        )

    def _select(self, text: str, dataset: dict[str, list[str]]) -> ox.QuerySolutions:
        data: dict[str, str | list[str]] = {"query": text, **dataset}
        response = self._send("POST", self.endpoint.query, data=data, accept=RESULTS_JSON, query=True)
        result = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        assert isinstance(result, ox.QuerySolutions)
        return result

    def _send(
        self, method: str, url: str, *, accept: str = "*/*", query: bool = False, **kwargs: object
    ) -> httpx.Response:
        headers = {"Accept": accept, **kwargs.pop("headers", {})}  # type: ignore[dict-item]
        try:
            response = self.client.request(method, url, headers=headers, **kwargs)  # type: ignore[arg-type]
        except httpx.TransportError as err:
            raise RemoteError(f"cannot reach the endpoint: {err or type(err).__name__}", url) from err
        if response.status_code in (401, 403):
            raise RemoteError(
                f"HTTP {response.status_code}: the endpoint refused {self._who()} — {_message(response)}",
                url,
                hint="check --auth user:password or --token",
                status=response.status_code,
            )
        if query and response.status_code == 400:
            raise SyntaxError(_message(response))
        if response.status_code >= 400:
            raise RemoteError(
                f"HTTP {response.status_code}: {_message(response)}", url, status=response.status_code
            )
        if response.headers.get("x-sql-state") == "S1TAT":  # Virtuoso's "anytime" partial answer
            raise RemoteError(
                "the endpoint stopped the query at its time limit and sent a partial answer",
                url,
                hint="raise MaxQueryExecutionTime in virtuoso.ini",
            )
        return response

    def _who(self) -> str:
        if self.endpoint.token:
            return "the token"
        return f"user '{self.endpoint.user}'" if self.endpoint.user else "a request without credentials"


def _message(response: httpx.Response) -> str:
    """The server's words, markup removed, on one line (at most 500 characters)."""
    text = response.text
    if "html" in response.headers.get("content-type", ""):
        text = re.sub(r"<[^>]+>", " ", text)
    text = text.split("SPARQL query:")[0]  # Virtuoso repeats the whole query after its message
    text = " ".join(text.split()) or response.reason_phrase
    return text if len(text) <= 500 else text[:500] + " …"
