"""Linked Data: every entity IRI of the graph dereferences to a page for people and RDF for machines.

``{base}resource/X`` is served at ``/resource/X`` (``--base`` sets the published base). The
IRI names a film or a person, not a document, so it answers ``303 See Other`` to a document
about it, chosen by Accept (the "Cool URIs for the Semantic Web" recipe, as DBpedia does):
``/page/X`` (HTML) or ``/data/X.ttl`` (``.nt``, ``.jsonld``, ``.trig``, ``.rdf``). Each
document has its own URL, so it can be linked, cached and downloaded without ``Vary``; the
303 itself varies with Accept. Links between pages go to the entities' IRIs (local form),
so what a reader copies from a page is the IRI.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from graph.picture.viz import PALETTE
from graph.serve.describe import DocumentJob
from graph.serve.entity import EntityJob, EntityView, ExistsJob, Fact
from graph.serve.formats import GRAPH_FORMATS, HTML, HTML_PAGE, AcceptError, by_extension, choose, listing
from graph.serve.jobs import Failure
from graph.serve.options import ServeOptions
from graph.serve.pages import render
from graph.serve.svg import Neighbour, neighbourhood_svg
from graph.serve.workers import WorkerPool


def plain(status: int, message: str, headers: dict[str, str] | None = None) -> PlainTextResponse:
    """A plain-text answer (errors, refusals): one message, one line break."""
    return PlainTextResponse(message.rstrip("\n") + "\n", status, headers=headers)


class LinkedData:
    """The /resource, /page and /data routes over a worker pool."""

    def __init__(self, options: ServeOptions, pool: WorkerPool) -> None:
        self.options, self.pool = options, pool

    def routes(self) -> list[Route]:
        return [
            Route("/resource/{path:path}", self.resource, methods=["GET"]),
            Route("/page/{path:path}", self.page, methods=["GET"]),
            Route("/data/{path:path}", self.data, methods=["GET"]),
        ]

    def local(self, iri: str) -> str | None:
        """The local address of an entity IRI under the served base; None for other IRIs."""
        base = self.options.resource_base
        return "/resource/" + quote(iri[len(base) :], safe="/") if iri.startswith(base) else None

    def _iri(self, request: Request) -> str:
        return self.options.resource_base + request.path_params["path"]

    async def resource(self, request: Request) -> Response:
        """303 to the page or the data document, by Accept; 404 for an IRI the graph lacks."""
        path = request.path_params["path"]
        try:
            fmt = choose(request.headers.get("accept"), (HTML_PAGE, *GRAPH_FORMATS))
        except AcceptError as err:
            return plain(400, str(err))
        if fmt is None:
            return plain(406, f"this resource is described in: {HTML}, {listing(GRAPH_FORMATS)}")
        exists = await self.pool.run(ExistsJob(self._iri(request)), self.options.timeout)
        if isinstance(exists, Failure):
            return plain(exists.status, exists.message)
        if not exists:
            return plain(404, f"no entity <{self._iri(request)}> in this graph")
        target = f"/page/{path}" if fmt is HTML_PAGE else f"/data/{path}.{fmt.extension}"
        return RedirectResponse(quote(target, safe="/."), status_code=303, headers={"Vary": "Accept"})

    async def data(self, request: Request) -> Response:
        """The RDF document about an entity, in the format its extension names."""
        stem, dot, extension = request.path_params["path"].rpartition(".")
        fmt = by_extension(extension, GRAPH_FORMATS) if dot else None
        if fmt is None:
            known = ", ".join("." + f.extension for f in GRAPH_FORMATS)
            return plain(404, f"no document here: a data document ends in one of {known}")
        iri = self.options.resource_base + stem
        answer = await self.pool.run(DocumentJob(iri, str(request.url), fmt), self.options.timeout)
        if isinstance(answer, Failure):
            return plain(answer.status, answer.message)
        return Response(answer.body, answer.status, media_type=answer.media_type)

    async def page(self, request: Request) -> Response:
        """The HTML page of an entity."""
        answer = await self.pool.run(EntityJob(self._iri(request)), self.options.timeout)
        if isinstance(answer, Failure):
            return plain(answer.status, answer.message)
        path = request.path_params["path"]
        documents = [(f.name, f"/data/{path}.{f.extension}", f.media_type) for f in GRAPH_FORMATS]
        svg = neighbourhood_svg(answer.label, _main_class(answer), self.neighbours(answer))
        html = render(
            "entity.html", view=answer, link=self.local, svg=svg, documents=documents, sources=_by_iri(answer)
        )
        return HTMLResponse(html)

    def neighbours(self, view: EntityView) -> list[Neighbour]:
        """The entities the page links to, each once, for the picture."""
        seen: dict[str, Neighbour] = {}

        def add(fact: Fact, outgoing: bool) -> None:
            v = fact.value
            if v.is_iri and v.text not in seen and v.text != view.iri:
                link = fact.predicate.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
                seen[v.text] = Neighbour(self.local(v.text), v.label or v.text, v.cls, link, outgoing)

        for fact in view.facts:
            add(fact, True)
        for fact in view.incoming:
            add(fact, False)
        return sorted(seen.values(), key=lambda n: (not n.outgoing, n.link))  # stable: labels stay sorted


def _main_class(view: EntityView) -> str | None:
    """The class that colours the entity: one the picture knows, else the first."""
    names = [t.label for t in view.types]
    return next((n for n in names if n in PALETTE), names[0] if names else None)


def _by_iri(view: EntityView) -> dict[str, object]:
    return {s.iri: s for s in view.sources}
