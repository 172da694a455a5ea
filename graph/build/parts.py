"""The build's named graphs as parts made one by one, each with the fingerprint of its inputs.

A source's graph is a function of the source's records, the text it quotes, and the IRIs
resolution gave its nodes: when none of them changed, the graph is the previous build's, and a
rebuild neither makes it again nor converts or sorts it. The entities graph (every entity's names
and labels) is made in shards of subjects, each with the fingerprint of its subjects' names: a
rebuild makes again only the shards whose names changed. The sources and hypotheses graphs are
small and made every time.
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from heapq import merge
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from graph.build.pieces import subject
from graph.make import rdf
from graph.make.serialize import Statements, to_oxigraph
from graph.resolve.identify import Identification
from graph.resolve.model import Resolution, Source
from graph.sources.curated import CuratedSource
from graph.sources.documents import Document

SHARDS = 256  # shards of a graph made subject by subject


def shard_of(term: bytes) -> int:
    """The shard of a subject, by its N-Triples form (``<iri>``)."""
    return zlib.crc32(term) % SHARDS


@dataclass(frozen=True)
class Shards:
    """A graph made subject by subject: the fingerprint of each shard's subjects' inputs, and
    what makes the statements of the subjects in some shards."""

    keys: tuple[str, ...]
    make: Callable[[Collection[int], rdf.Quads], None]


@dataclass(frozen=True)
class GraphPart:
    """One named graph of the build: its name in N-Triples form (``<iri>``), the fingerprint of
    its inputs (None: made every time), what makes it, and its shards if it is made by subject."""

    name: bytes
    key: str | None
    make: Callable[[rdf.Quads], None]
    shards: Shards | None = None


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

    parts.append(_entities_part(sources, resolution))
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


def _entities_part(sources: Sequence[Source], resolution: Resolution) -> GraphPart:
    """The entities graph, in shards by subject: each shard's fingerprint is made of its
    entities' names and alternate names, and its unnamed nodes' labels."""
    labels = rdf.unnamed_labels(sources, resolution)
    named: dict[int, list[URIRef]] = defaultdict(list)
    labelled: dict[int, list[URIRef]] = defaultdict(list)
    inputs: list[list[str]] = [[] for _ in range(SHARDS)]  # a line per subject (repr: no line break)
    alternates = resolution.alternates
    for iri, name in resolution.name.items():
        shard = shard_of(f"<{iri}>".encode())
        named[shard].append(iri)
        inputs[shard].append(repr((str(iri), name, *alternates.get(iri, ()))))
    for iri, label in labels.items():
        shard = shard_of(f"<{iri}>".encode())
        labelled[shard].append(iri)
        inputs[shard].append(repr((str(iri), None, label)))
    keys = tuple(hashlib.sha256("\n".join(sorted(shard)).encode()).hexdigest()[:32] for shard in inputs)

    def make(shards: Collection[int], ds: rdf.Quads) -> None:
        rdf.add_entity_names(ds, resolution, [iri for shard in shards for iri in named[shard]])
        rdf.add_labels(ds, {iri: labels[iri] for shard in shards for iri in labelled[shard]})

    key = hashlib.sha256("".join(keys).encode()).hexdigest()[:32]
    everything = range(SHARDS)
    return GraphPart(graph_name(rdf.ENTITIES_GRAPH), key, lambda ds: make(everything, ds), Shards(keys, make))


def patched_lines(part: GraphPart, old_lines: list[bytes], old_keys: Sequence[str]) -> list[bytes]:
    """The sorted lines of a graph made by shards, from its previous lines and shard keys: the
    shards whose keys changed are made again, the others' lines are kept."""
    assert part.shards is not None
    changed = {i for i, (new, old) in enumerate(zip(part.shards.keys, old_keys, strict=True)) if new != old}
    make = part.shards.make
    made = made_lines([GraphPart(part.name, None, lambda ds: make(changed, ds))])[part.name]
    kept = [line for line in old_lines if shard_of(subject(line)) not in changed]
    return list(merge(kept, made))


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
