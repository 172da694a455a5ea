"""The sentence around a quoted claim, from the source document when it is at hand and unchanged.

The graph keeps each claim's exact words (``pc:quote``) and character span in the repaired text.
The sentence needs the document itself: it is looked up by file name in the input folder's
``documents/``, used only when its SHA-256 is the one the graph records (another version would
put the span elsewhere), and repaired as the build repaired it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import pyoxigraph as ox

from graph.errors import InputError
from graph.serve.jobs import WorkerContext
from graph.sources.documents import decode, repair

SCHEMA_NAME = ox.NamedNode("https://schema.org/name")
SHA256 = ox.NamedNode("https://w3id.org/paris-cinema/ontology#sha256")
MAX_CONTEXT = 300
_END = re.compile(r"[.!?](?=\s)|\n")


@dataclass(frozen=True)
class Sentence:
    """A sentence split around the quoted words: ``before + quote + after``."""

    before: str
    quote: str
    after: str
    start: int


def split_sentence(text: str, start: int, end: int) -> Sentence:
    """The sentence of ``text`` holding ``text[start:end]``, at most MAX_CONTEXT characters each side.

    >>> split_sentence("One. Then Élise (Juliette Binoche) came. Two.", 17, 33)
    Sentence(before='Then Élise (', quote='Juliette Binoche', after=') came.', start=17)
    """
    lo = max(0, start - MAX_CONTEXT)
    begin = max((m.end() for m in _END.finditer(text, lo, start)), default=lo)
    m = _END.search(text, end, min(len(text), end + MAX_CONTEXT))
    stop = m.end() if m else min(len(text), end + MAX_CONTEXT)
    return Sentence(text[begin:start].lstrip(), text[start:end], text[end:stop].rstrip(), start)


def source_text(ctx: WorkerContext, source: ox.NamedNode) -> str | None:
    """The repaired text of a source document, if the input folder holds the same file."""
    key = f"text:{source.value}"
    if key not in ctx.cache:
        ctx.cache[key] = _read(ctx, source)
    return ctx.cache[key]


def _read(ctx: WorkerContext, source: ox.NamedNode) -> str | None:
    if ctx.data is None:
        return None
    name, digest = (
        next(
            (
                q.object.value
                for q in ctx.store.quads_for_pattern(source, p, None)
                if isinstance(q.object, ox.Literal)
            ),
            None,
        )
        for p in (SCHEMA_NAME, SHA256)
    )
    if not name or not digest or "/" in name:
        return None
    path = ctx.data / "documents" / name
    if not path.is_file():
        return None
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        return None
    try:
        return repair(decode(path, data))[0]
    except InputError:
        return None


def sentence_of(ctx: WorkerContext, source: ox.NamedNode, start: int, end: int) -> Sentence | None:
    """The sentence around characters ``start:end`` of a source, when its text is at hand."""
    text = source_text(ctx, source)
    if text is None or not 0 <= start <= end <= len(text):
        return None
    return split_sentence(text, start, end)
