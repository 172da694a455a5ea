"""The Starlette application: the SPARQL endpoint, the query page, Linked Data, CORS and the request log.

Every answer that reads the store is computed by a job in a worker process (graph.serve.workers),
under the query time limit; the server itself only parses requests, negotiates and sends bytes.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hmac
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.errors import NoBuildError
from graph.namespace import PREFIXES
from graph.serve.description import DescriptionJob
from graph.serve.examples import Example, ExamplesJob
from graph.serve.formats import GRAPH_FORMATS, HTML_PAGE, RESULT_FORMATS, AcceptError, choose, listing
from graph.serve.jobs import Failure, Payload, QueryJob, UpdateJob
from graph.serve.linked_data import LinkedData, plain
from graph.serve.options import ServeOptions
from graph.serve.pages import render
from graph.serve.protocol import ProtocolError, SparqlRequest, parse_request
from graph.serve.workers import WorkerPool
from graph.store.embedded import STORE_DIR

log = logging.getLogger("pariskg.serve")
EXAMPLES_TIMEOUT = 300.0  # binding the examples looks names up: seconds on a large build


def respond(answer: Payload | Failure, headers: dict[str, str] | None = None) -> Response:
    """A worker's answer as a response: its bytes, or its status and plain message."""
    if isinstance(answer, Failure):
        return plain(answer.status, answer.message, {**(headers or {}), **dict(answer.headers)})
    return Response(answer.body, answer.status, headers=headers, media_type=answer.media_type)


class Endpoint:
    """The /sparql endpoint and the query page over a worker pool."""

    def __init__(self, options: ServeOptions, pool: WorkerPool) -> None:
        self.options, self.pool = options, pool
        self._examples: asyncio.Task[list[Example]] | None = None

    def prepare_examples(self) -> None:
        """Start binding the named queries' examples (seconds on a large store: names are looked up)."""
        self._examples = asyncio.create_task(self._bind_examples())

    async def _bind_examples(self) -> list[Example]:
        answer = await self.pool.run(ExamplesJob(), EXAMPLES_TIMEOUT)
        if isinstance(answer, Failure):
            log.warning("the named queries could not be bound as examples: %s", answer.message)
            return []
        log.info("%d named queries ready as examples", len(answer))
        return answer

    async def examples(self) -> list[Example]:
        """The examples, once bound (the first page view may wait for them)."""
        return await asyncio.shield(self._examples) if self._examples else []

    def limits(self) -> str:
        o = self.options
        return (
            f"Queries are stopped after {o.timeout:g} s; answers are at most {o.max_result_bytes:,} bytes; "
            f"request bodies at most {o.max_body_bytes:,} bytes. The default graph is the union of "
            "the named graphs (one per source); the project's prefixes (schema:, pc:, film:…) "
            "are predeclared."
        )

    async def sparql(self, request: Request) -> Response:
        """SPARQL 1.1 Protocol: a query, an update, or (neither) the service description."""
        try:
            req = await parse_request(request, self.options.max_body_bytes)
        except ProtocolError as err:
            return plain(err.status, err.message)
        if req.update is not None:
            return await self.update(request, req)
        if req.query is None:
            if request.method == "POST":
                return plain(400, "no query: send query=… or update=… (SPARQL 1.1 Protocol)")
            return await self.description(request)
        job = QueryJob(
            req.query,
            request.headers.get("accept"),
            req.format_hints,
            req.default_graphs,
            req.named_graphs,
            self.options.max_result_bytes,
        )
        return respond(await self.pool.run(job, self.options.timeout), {"Vary": "Accept"})

    async def update(self, request: Request, req: SparqlRequest) -> Response:
        """An update, only with --allow-update and the bearer token (RFC 6750)."""
        o = self.options
        if not o.allow_update or not o.token:
            return plain(
                403, "updates are disabled on this server (start it with --allow-update and a token)"
            )
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            return plain(401, "an update needs 'Authorization: Bearer TOKEN'", {"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.strip().encode(), o.token.encode()):
            return plain(401, "wrong token", {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        if req.using_graphs:
            return plain(
                501, "using-graph-uri and using-named-graph-uri are not supported; write USING in the update"
            )
        assert req.update is not None
        answer = await self.pool.run(UpdateJob(req.update), o.timeout)
        if isinstance(answer, Payload):
            log.info("update applied (%d characters)", len(req.update))
        return respond(answer)

    async def description(self, request: Request) -> Response:
        """The service description, in an RDF format; a browser is sent to the query page."""
        try:
            fmt = choose(request.headers.get("accept"), (*GRAPH_FORMATS, HTML_PAGE))
        except AcceptError as err:
            return plain(400, str(err))
        if fmt is HTML_PAGE:
            return RedirectResponse("/", status_code=303, headers={"Vary": "Accept"})
        if fmt is None:
            return plain(406, f"the service description is in: {listing(GRAPH_FORMATS)}")
        endpoint = str(request.url.replace(query=""))
        job = DescriptionJob(
            endpoint, fmt, self.options.allow_update, self.limits(), self.options.max_result_bytes
        )
        return respond(await self.pool.run(job, self.options.timeout), {"Vary": "Accept"})

    async def home(self, request: Request) -> Response:
        """The query page: an editor, the named queries as examples, results as a table."""
        examples = await self.examples()
        page = render(
            "query.html",
            examples=examples,
            examples_json=[dataclasses.asdict(e) for e in examples],
            prefixes=PREFIXES,
            resource_base=self.options.resource_base,
            limits=self.limits(),
            result_formats=RESULT_FORMATS,
        )
        return HTMLResponse(page)


class RequestLog:
    """Logs each request: method, path, status, duration (pure ASGI, so streaming stays intact)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500

        async def record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            ms = (time.perf_counter() - started) * 1000
            log.info("%s %s %d %.1f ms", scope["method"], scope["path"], status, ms)


def create_app(options: ServeOptions) -> Starlette:
    """The application serving the build in ``options.out``; workers start with it."""
    store = options.out / STORE_DIR
    if not store.is_dir():
        raise NoBuildError("no build here: the store is missing", store, hint="run `pariskg build` first")
    pool = WorkerPool(store, size=options.pool_size, mode=options.store_mode, data=options.data)
    endpoint = Endpoint(options, pool)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        endpoint.prepare_examples()
        log.info("%d query worker(s) ready over %s", pool.size, store)
        try:
            yield
        finally:
            await pool.close()

    routes = [
        Route("/", endpoint.home, methods=["GET"]),
        Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(packages=[("graph.serve", "templates/static")]), name="static"),
        *LinkedData(options, pool).routes(),
    ]
    middleware = [
        Middleware(RequestLog),
        Middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Authorization", "Content-Type"],
            max_age=600,
        ),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.pool = pool
    return app
