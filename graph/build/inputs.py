"""The build's first step: every input read into records, and what each source is (for PROV-O).

Curated files and documents are read from the data folder, datasets from their files (or from
the records cache when the file did not change, graph.build.cache); free text is read twice, the
second time with every name the first round found. An input that cannot be read is reported in
the build's summary and kept out; the others are built.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.build import cache
from graph.build.options import BuildOptions, DatasetSpec
from graph.build.summary import BuildReport, DatasetSummary
from graph.errors import BuildError, InputError
from graph.resolve.geoplace import outlines
from graph.resolve.model import Source
from graph.resolve.place_ties import PlaceNames
from graph.sources.curated import Cues, CuratedSource, read_cues, read_curated
from graph.sources.documents import Document, find_documents, read_document, source_id
from graph.sources.gazetteer import Gazetteer
from graph.sources.reading import Context
from graph.sources.registry import dataset_kind, reader_for


@dataclass
class Inputs:
    """Everything a build read: the curated files, the documents, the datasets (each with the
    description of its file), and the records of all of them as sources to resolve."""

    curated: list[CuratedSource]
    cues: Cues
    documents: list[Document]
    datasets: list[tuple[Source, dict[str, Any]]]
    sources: list[Source]

    def names(self) -> list[str]:
        """The files read, as the summary lists them."""
        files = [c.path.name for c in self.curated] + [d.path.name for d in self.documents]
        return files + [d["file"] for _, d in self.datasets]

    def descriptions(self) -> list[dict[str, Any]]:
        """What each source is (its file, checksum, publisher…), for the graph of sources."""
        described = [describe_curated(c) for c in self.curated] + [describe(d) for d in self.documents]
        return described + [d for _, d in self.datasets]

    def records_keys(self, names: PlaceNames) -> dict[str, str]:
        """A dataset's graph is known by its checksum, the reader's code, the outlines that place
        its addresses and the place names that tie its films to places: the same key, the same
        graph (taken from the previous build)."""
        placing = hashlib.sha256(repr(outlines(self.sources)).encode()).hexdigest()[:16]
        code = cache.code_fingerprint()
        return {
            d["source_id"]: f"{d['kind']}-{d['sha256']}-{code}-{placing}-{names.fingerprint}"
            for _, d in self.datasets
        }


def read_all(options: BuildOptions, report: BuildReport) -> Inputs:
    """Read every input of ``options``; with ``strict``, any input kept out fails the build.

    Raises:
        BuildError: nothing readable to build from, or ``strict`` and an input was kept out.
    """
    curated, cues, documents = read_inputs(options.data, report)
    if not documents and not curated:
        raise BuildError("nothing to build: no readable document or curated file", options.data)
    datasets = read_datasets(options.datasets, report, cache.cache_folder(options.out))
    sources = read_sources(curated, cues, documents, report) + [src for src, _ in datasets]
    if options.strict and report.kept_out:
        raise BuildError(f"--strict: {len(report.kept_out)} input(s) kept out: " + "; ".join(report.kept_out))
    return Inputs(curated, cues, documents, datasets, sources)


def read_inputs(data: Path, report: BuildReport) -> tuple[list[CuratedSource], Cues, list[Document]]:
    """Read curated files and documents; an unreadable one is reported and kept out."""
    curated: list[CuratedSource] = []
    cues = Cues()
    for path in sorted((data / "curated").glob("*.toml")):
        try:
            if path.name == "cues.toml":
                cues = read_cues(path)
            else:
                curated.append(read_curated(path))
        except InputError as err:
            report.kept_out.append(str(err))
    documents = []
    for path in find_documents(data / "documents"):
        try:
            doc = read_document(path)
            reader_for(doc)
            documents.append(doc)
        except InputError as err:
            report.kept_out.append(str(err))
    return curated, cues, documents


def read_datasets(
    specs: tuple[DatasetSpec, ...], report: BuildReport, cache_dir: Path | None = None
) -> list[tuple[Source, dict[str, Any]]]:
    """Read each dataset with the reader of its kind; a file that cannot be read is kept out.

    With ``cache_dir``, a dataset whose checksum did not change since a build is not read again."""
    out = []
    for spec in specs:
        started = time.perf_counter()
        try:
            kind = dataset_kind(spec.kind)
            if not spec.path.exists():
                raise InputError("no such file", spec.path)
            sid, sha = source_id(spec.path), checksum(spec.path)
            name = f"{spec.kind}-{sid}"
            records = cache.load(cache_dir, name, sha) if cache_dir else None
            cached = records is not None
            if records is None:
                records = kind.read(spec.path, Context())
                if cache_dir:
                    cache.store(cache_dir, name, sha, records)
        except InputError as err:
            report.kept_out.append(str(err))
            continue
        report.datasets.append(
            DatasetSummary(
                spec.path.name,
                spec.kind,
                records.rows_read,
                records.rejected,
                records.notes,
                time.perf_counter() - started,
                cached,
            )
        )
        description = {
            "source_id": sid,
            "file": spec.path.name,
            "kind": spec.kind,
            "sha256": sha,
            **kind.meta,
        }
        out.append((Source(sid, records), description))
    return out


def checksum(path: Path) -> str:
    """The sha256 of a file, or of a folder: of its files' names and checksums, sorted by name."""
    if not path.is_dir():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    lines = "".join(f"{checksum(p)}  {p.name}\n" for p in sorted(path.iterdir()) if p.is_file())
    return hashlib.sha256(lines.encode()).hexdigest()


def read_sources(
    curated: list[CuratedSource], cues: Cues, documents: list[Document], report: BuildReport
) -> list[Source]:
    """Two rounds: the first gathers every name, the second reads the texts with all of them."""
    groups = {k: v for c in curated for k, v in c.groups.items()}
    curated_records = [c.records for c in curated]
    first_gaz = Gazetteer.from_records(curated_records, groups)
    first = []
    for doc in list(documents):
        try:
            first.append(reader_for(doc)(doc, Context(first_gaz, cues)))
        except InputError as err:
            report.kept_out.append(str(err))
            documents.remove(doc)
    ctx = Context(Gazetteer.from_records(curated_records + first, groups), cues)
    sources = [Source(c.source_id, c.records, curated=True) for c in curated]
    for doc in documents:
        records = reader_for(doc)(doc, ctx)
        sources.append(Source(doc.source_id, records))
        for span, reason in records.unread:
            report.unread.append(f"{doc.path}:{doc.text.count(chr(10), 0, span.start) + 1}: {reason}")
    return sources


def describe(doc: Document) -> dict[str, Any]:
    """A document as the graph of sources describes it."""
    return {
        "source_id": doc.source_id,
        "file": doc.path.name,
        "sha256": doc.sha256,
        "kind": doc.kind,
        "origin": doc.meta.get("origin"),
        "description": doc.meta.get("description"),
        "publisher": doc.meta.get("publisher"),
        "url": doc.meta.get("url"),
        "repairs": doc.repairs,
    }


def describe_curated(c: CuratedSource) -> dict[str, Any]:
    """A curated file as the graph of sources describes it."""
    return {
        "source_id": c.source_id,
        "file": c.path.name,
        "kind": "curated",
        "sha256": hashlib.sha256(c.path.read_bytes()).hexdigest(),
        "description": c.meta.get("title"),
        "publisher": c.meta.get("publisher"),
        "url": c.meta.get("url"),
    }
