"""The pipeline: documents and curated files -> records -> resolve -> identify -> RDF -> validate
-> files and store. A failed build leaves the previous build folder as it was."""

from __future__ import annotations

import gc
import hashlib
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph, URIRef

from graph.build import state as build_state, cache, parts, pieces
from graph.build.state import GraphRecord
from graph.check.job import start_check
from graph.sources.documents import Document, find_documents, read_document, source_id
from graph.errors import BuildError, InputError
from graph.check.focused import shapes_allow_focus
from graph.resolve.geoplace import add_placements, outlines
from graph.resolve.identify import Identification, identify
from graph.resolve.link_reviews import link_reviews, merged
from graph.namespace import bind_prefixes
from graph.build.rebuild import rebuild, record_of
from graph.resolve.report import REPORT_FILE
from graph.resolve.report import to_json as resolution_json
from graph.resolve.entities import Resolution, Source, resolve
from graph.make.serialize import to_oxigraph
from graph.sources.curated import Cues, CuratedSource, read_cues, read_curated
from graph.sources.gazetteer import Gazetteer
from graph.sources.registry import dataset_kind, reader_for
from graph.sources.textmine import Context
from graph.store.embedded import HTML_FILE, TRIG_FILE, TURTLE_FILE, create_store, open_store
from graph.check.shacl import Validation

if TYPE_CHECKING:
    from graph.network.store_view import Structure

# The build's picture draws at most this many entities, the most connected.
HTML_MAX_NODES = 2000


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset to read: its kind (a reader of graph.sources.registry.DATASETS) and its file."""

    kind: str
    path: Path


@dataclass
class DatasetSummary:
    """What one dataset gave: rows read, kept, kept out (with reasons and rows), and notes."""

    name: str
    kind: str
    rows_read: int
    kept_out: list[tuple[int, str]]
    notes: list[str]
    seconds: float
    cached: bool = False  # records reused from an earlier build: the file did not change

    @property
    def kept(self) -> int:
        return self.rows_read - len(self.kept_out)


@dataclass(frozen=True)
class BuildOptions:
    """What to build from and where to."""

    data: Path = Path("data")
    datasets: tuple[DatasetSpec, ...] = ()
    out: Path = Path("out")
    strict: bool = False
    html: bool = True
    full: bool = False  # build from nothing even when the previous build could be patched


@dataclass
class BuildReport:
    """What the build read, made and kept out, for the summary on the terminal."""

    sources: list[str] = field(default_factory=list)
    kept_out: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    triples: int = 0
    quads: int = 0
    classes: Counter[str] = field(default_factory=Counter)
    validation: Validation | None = None
    merges: int = 0
    near_misses: int = 0
    conflicts: int = 0
    hypotheses: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    datasets: list[DatasetSummary] = field(default_factory=list)
    placed_by_coordinates: int = 0
    steps: dict[str, float] = field(default_factory=dict)  # seconds of each step, for the summary
    # a rebuild from the previous build: graphs made again (their inputs changed), of how many
    rebuilt: tuple[int, int] | None = None


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


def resolve_sources(sources: list[Source]) -> tuple[Resolution, list[Identification], list[str]]:
    """Resolve the entities, then say which known film each unnamed text is probably about."""
    resolution = resolve(sources)
    found = merged(identify(sources, resolution), link_reviews(sources, resolution))
    # a film known by an asserted identifier takes no guess against it
    found = [h for h in found if h.about not in resolution.name or h.about == h.candidate]
    hypotheses = [
        f"{resolution.name[h.candidate]} for {h.about.rsplit('/', 1)[-1]} (confidence {h.confidence:.2f})"
        for h in found
    ]
    return resolution, found, hypotheses


def _describe(doc: Document) -> dict[str, Any]:
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


def _describe_curated(c: CuratedSource) -> dict[str, Any]:
    return {
        "source_id": c.source_id,
        "file": c.path.name,
        "kind": "curated",
        "sha256": hashlib.sha256(c.path.read_bytes()).hexdigest(),
        "description": c.meta.get("title"),
        "publisher": c.meta.get("publisher"),
        "url": c.meta.get("url"),
    }


def build(options: BuildOptions, progress: Callable[[str], None] = lambda _: None) -> BuildReport:
    """Build the graph from ``options.data`` into ``options.out``; return what was done.

    Python's cyclic garbage collector is off meanwhile: the build makes millions of small
    objects and few cycles, and the collector's passes over them cost a quarter of the full
    build's time (116 s -> 87 s on a loaded machine) for the same peak memory."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(options, progress)
    finally:
        if enabled:
            gc.enable()


def _build(options: BuildOptions, progress: Callable[[str], None]) -> BuildReport:
    report = BuildReport()
    started = time.perf_counter()
    progress("reading inputs")
    curated, cues, documents = read_inputs(options.data, report)
    if not documents and not curated:
        raise BuildError("nothing to build: no readable document or curated file", options.data)
    cache_dir = cache.cache_folder(options.out)
    datasets = read_datasets(options.datasets, report, cache_dir)
    sources = read_sources(curated, cues, documents, report) + [src for src, _ in datasets]
    if options.strict and report.kept_out:
        raise BuildError(f"--strict: {len(report.kept_out)} input(s) kept out: " + "; ".join(report.kept_out))
    report.sources = [c.path.name for c in curated] + [d.path.name for d in documents]
    report.sources += [d["file"] for _, d in datasets]
    placing = hashlib.sha256(repr(outlines(sources)).encode()).hexdigest()[:16]
    report.placed_by_coordinates = add_placements(sources)
    # a dataset's records are known by its checksum, the reader's code and the outlines placing it
    records_keys = {
        d["source_id"]: f"{d['kind']}-{d['sha256']}-{cache.code_fingerprint()}-{placing}" for _, d in datasets
    }
    report.steps["reading"] = time.perf_counter() - started
    progress("resolving entities")
    started = time.perf_counter()
    resolution, found, report.hypotheses = resolve_sources(sources)
    report.merges = len(resolution.merges)
    report.near_misses, report.conflicts = len(set(resolution.near_misses)), len(resolution.conflicts)
    descriptions = [_describe_curated(c) for c in curated] + [_describe(d) for d in documents]
    descriptions += [d for _, d in datasets]
    graph_parts = parts.graph_parts(
        curated, documents, sources, descriptions, resolution, found, records_keys
    )
    report.steps["resolving"] = time.perf_counter() - started
    local, inverse = shapes_allow_focus()
    state = build_state.load(cache_dir, options.out) if local and not options.full else None
    extra = {REPORT_FILE: resolution_json(resolution)}
    if state is None:
        written = _write_all(graph_parts, options, extra, report, progress)
    else:
        written = _write_changes(graph_parts, state, inverse, options, extra, report, progress)
    tmp, turtle, trig, graphs, new_lines, picture = written
    report.triples = sum(p.statements for p in turtle.pieces)
    report.classes = class_names(sum((p.classes for p in turtle.pieces), Counter()))
    report.quads = sum(g.statements for g in graphs.values())
    report.files = move_into_place(tmp, options.out)
    assert report.validation is not None
    try:
        build_state.save(
            cache_dir, options.out, graphs, new_lines, turtle, trig, list(report.validation.results), picture
        )
    except OSError as err:  # the build stands; only the next one is slower
        build_state.forget(cache_dir)
        report.kept_out.append(
            f"{cache_dir}: the build's state could not be kept ({err}); next build is a full one"
        )
    return report


#: the written folder, the Turtle and TriG written, each graph's record and new lines, the picture's sources
Written = tuple[
    Path,
    pieces.Written,
    pieces.Written,
    dict[bytes, GraphRecord],
    dict[bytes, list[bytes]],
    "Picture | None",
]


def _write_all(
    graph_parts: list[parts.GraphPart],
    options: BuildOptions,
    extra: dict[str, bytes],
    report: BuildReport,
    progress: Callable[[str], None],
) -> Written:
    """Make every graph, write every file, and check the whole graph with SHACL meanwhile."""
    started = time.perf_counter()
    ds = parts.make(graph_parts)
    report.steps["making graphs"] = time.perf_counter() - started
    progress("validating (SHACL) while writing files")
    started = time.perf_counter()
    pending = start_check(ds)  # a forked process: the check and the writing share the two cores
    tmp = new_folder(options.out)
    try:
        quads = to_oxigraph(ds)
        del ds
        lines = parts.lines_by_graph(quads, [p.name for p in graph_parts])
        names = sorted(lines)
        turtle = pieces.write_turtle(sorted({line for name in names for line in lines[name]}))
        trig = pieces.write_trig((name, lines[name]) for name in names)
        write_files(tmp, turtle.data, trig.data, extra)
        create_store(tmp, quads)
        del quads
        picture = write_picture(tmp) if options.html else None
        report.steps["writing"] = time.perf_counter() - started
        checked = pending.result()
    except BaseException:
        pending.cancel()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report.validation = checked.validation
    report.steps["checking (SHACL, beside writing)"] = checked.seconds
    graphs = {p.name: record_of(p, lines[p.name]) for p in graph_parts}
    return tmp, turtle, trig, graphs, lines, picture


def _write_changes(
    graph_parts: list[parts.GraphPart],
    state: build_state.BuildState,
    inverse: set[URIRef],
    options: BuildOptions,
    extra: dict[str, bytes],
    report: BuildReport,
    progress: Callable[[str], None],
) -> Written:
    """Patch the previous build with the graphs that changed (graph.build.rebuild)."""
    progress("writing what changed")
    started = time.perf_counter()
    tmp = new_folder(options.out)
    try:
        done = rebuild(
            state, cache.cache_folder(options.out), options.out, tmp, graph_parts, parts.made_lines, inverse
        )
        write_files(tmp, done.turtle.data, done.trig.data, extra)
        picture = write_picture(tmp, state.picture, done.nodes) if options.html else None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report.validation = done.validation
    made = len(done.new_lines)
    report.rebuilt = (made, len(graph_parts))
    report.steps[
        f"rebuilding ({made} of {len(graph_parts)} graphs made again, {len(done.changed)} changed, "
        f"{done.statements_changed:,} statements added or removed)"
    ] = time.perf_counter() - started
    return tmp, done.turtle, done.trig, done.graphs, done.new_lines, picture


def class_names(classes: Counter[str]) -> Counter[str]:
    """Class IRIs as the summary names them (``schema:Movie``)."""
    names = Graph()
    bind_prefixes(names)
    return Counter({names.qname(iri): n for iri, n in classes.items()})


def new_folder(out: Path) -> Path:
    """A new empty folder beside ``out``, where the build is written before it takes ``out``'s place."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))


def write_files(tmp: Path, turtle: bytes, trig: bytes, extra: dict[str, bytes]) -> None:
    """Write the Turtle, the TriG and ``extra`` files into ``tmp``."""
    (tmp / TURTLE_FILE).write_bytes(turtle)
    (tmp / TRIG_FILE).write_bytes(trig)
    for name, data in extra.items():
        (tmp / name).write_bytes(data)


@dataclass
class Picture:
    """What a build's picture was drawn from, kept for the next build to patch: the store's link
    structure and the layouts (graph.picture.layout.Memo)."""

    links: Structure
    layouts: dict[str, Any]


def write_picture(tmp: Path, before: Picture | None = None, changed: set[str] | None = None) -> Picture:
    """The HTML picture of the most connected entities, drawn from the store in ``tmp``. A rebuild
    passes the previous build's picture and the nodes whose statements changed: the link
    structure is patched there instead of read whole, and unchanged groups keep their layout."""
    from graph.picture.layout import Memo
    from graph.network.store_view import links_of, patched, read_structure
    from graph.picture.views import most_connected_view
    from graph.picture.viz import write_html

    store = open_store(tmp)
    if before is not None and changed is not None:
        structure = patched(before.links, store, changed)
    else:
        structure = read_structure(store)
    # read from the store without projecting it whole; the page notes what the cut leaves out,
    # and `pariskg viz` draws other views
    view = most_connected_view(store, HTML_MAX_NODES, links_of(structure, store))
    del store  # closed before its folder moves
    memo = Memo(before.layouts if before is not None else None)
    write_html(view, tmp / HTML_FILE, memo=memo)
    return Picture(structure, memo.now)


def move_into_place(tmp: Path, out: Path) -> list[Path]:
    """Swap the written folder ``tmp`` in as ``out``; the previous build stays until then."""
    old = out.with_name(f".{out.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    return sorted(p for p in out.iterdir())
