"""The build's named graphs as parts made one by one, each with the fingerprint of its inputs.

A source's graph is a function of the source's records, the text it quotes, and the IRIs
resolution gave its nodes: when none of them changed, the graph is the previous build's, and a
rebuild neither makes it again nor converts or sorts it. The graphs that gather every source
(entities, sources, hypotheses) have no fingerprint and are made every time.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from graph import rdf
from graph.documents import Document
from graph.identify import Identification
from graph.resolve import Resolution, Source
from graph.serialize import Statements, to_oxigraph
from graph.sources.curated import CuratedSource


@dataclass(frozen=True)
class GraphPart:
    """One named graph of the build: its name in N-Triples form (``<iri>``), the fingerprint of
    its inputs (None: made every time), and what makes it."""

    name: bytes
    key: str | None
    make: Callable[[rdf.Quads], None]


def graph_name(iri: str) -> bytes:
    """A graph's name as pieces and states write it: ``<iri>``."""
    return f"<{iri}>".encode()


def source_key(src: Source, resolution: Resolution, text: str | None, records_key: str | None) -> str:
    """The fingerprint of a source's graph: its records (``records_key`` when the caller knows
    them by checksum, else their pickled bytes), its text, and its nodes' IRIs."""
    digest = hashlib.sha256(records_key.encode() if records_key else pickle.dumps(src.records, protocol=5))
    digest.update(b"\0" + (text or "").encode())
    sid = src.source_id
    for ref in src.records.entities:
        digest.update(str(resolution.iri[(sid, ref)]).encode() + b"\n")
    return digest.hexdigest()[:32]


def graph_parts(
    curated: Sequence[CuratedSource],
    documents: Sequence[Document],
    sources: Sequence[Source],
    descriptions: Sequence[dict[str, Any]],
    resolution: Resolution,
    found: Sequence[Identification],
    records_keys: dict[str, str],
) -> list[GraphPart]:
    """Every graph of the build as a part: one per source, then the entities, sources and
    hypotheses graphs. ``records_keys`` gives the sources whose records are known by checksum."""
    texts = {d.source_id: d.text for d in documents}
    parts = [
        GraphPart(
            graph_name(rdf.source_iri(src.source_id)),
            source_key(src, resolution, texts.get(src.source_id), records_keys.get(src.source_id)),
            _claims_maker(src, resolution, texts.get(src.source_id)),
        )
        for src in sources
    ]

    def entities(ds: rdf.Quads) -> None:
        rdf.add_entity_names(ds, resolution)
        rdf.add_unnamed_labels(ds, sources, resolution)

    parts.append(GraphPart(graph_name(rdf.ENTITIES_GRAPH), None, entities))
    parts.append(
        GraphPart(
            graph_name(rdf.SOURCES_GRAPH),
            None,
            lambda ds: rdf.add_source_descriptions(ds, list(descriptions)),
        )
    )
    parts.append(
        GraphPart(
            graph_name(rdf.HYPOTHESES_GRAPH), None, lambda ds: rdf.add_hypotheses(ds, found, resolution)
        )
    )
    return parts


def _claims_maker(src: Source, resolution: Resolution, text: str | None) -> Callable[[rdf.Quads], None]:
    return lambda ds: rdf.add_source_claims(ds, src, resolution, text)


def make(parts: Sequence[GraphPart]) -> rdf.Quads:
    """The quads of ``parts``, made in order."""
    ds = rdf.new_dataset()
    for part in parts:
        part.make(ds)
    return ds


def lines_by_graph(quads: list[ox.Quad], names: Sequence[bytes]) -> dict[bytes, list[bytes]]:
    """Each graph of ``names`` with its sorted N-Triples lines (a graph without quads: none)."""
    found = {str(g).encode(): lines for g, lines in Statements.of(quads).graphs}
    return {name: found.get(name, []) for name in names}


def made_lines(parts: Sequence[GraphPart]) -> dict[bytes, list[bytes]]:
    """The sorted lines of each of ``parts``, made now."""
    return lines_by_graph(to_oxigraph(make(parts)), [p.name for p in parts])
