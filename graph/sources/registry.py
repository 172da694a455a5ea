"""The registry of readers, one per kind of input document: the sidecar's kind names the reader."""

from __future__ import annotations

from collections.abc import Callable

from graph.documents import Document
from graph.errors import UnknownKindError
from graph.records import Records
from graph.sources import film_page, press_page, review
from graph.sources.textmine import Context

Reader = Callable[[Document, Context], Records]

READERS: dict[str, Reader] = {
    "film-page": film_page.read,
    "review": review.read,
    "press-page": press_page.read,
}


def reader_for(document: Document) -> Reader:
    """The reader of ``document``'s kind, or an error that lists the kinds there are."""
    try:
        return READERS[document.kind]
    except KeyError:
        known = ", ".join(sorted(READERS))
        raise UnknownKindError(
            f"no reader for kind '{document.kind}'; known kinds: {known}",
            document.path.with_suffix(".toml"),
            1,
        ) from None
