"""Writing a build: every graph made and every file written into a new folder beside out/ (or the
previous build patched there with what changed, graph.build.rebuild), then moved into place.

A failed build removes its folder and leaves the previous out/ as it was.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from graph.build import cache, parts, pieces
from graph.build.options import HTML_MAX_NODES, BuildOptions
from graph.build.rebuild import rebuild, record_of
from graph.build.state import BuildState, GraphRecord, Picture
from graph.build.summary import BuildReport
from graph.check.job import start_check
from graph.make.serialize import to_oxigraph
from graph.store.embedded import HTML_FILE, TRIG_FILE, TURTLE_FILE, create_store, open_store


@dataclass
class Written:
    """A build written into ``folder``: its Turtle and TriG, each graph's record and the lines of
    those made now, and what its picture was drawn from (None: no picture)."""

    folder: Path
    turtle: pieces.Written
    trig: pieces.Written
    graphs: dict[bytes, GraphRecord]
    new_lines: dict[bytes, list[bytes]]
    picture: Picture | None


def write_all(
    graph_parts: list[parts.GraphPart],
    options: BuildOptions,
    extra: dict[str, bytes],
    report: BuildReport,
    progress: Callable[[str], None],
) -> Written:
    """Make every graph, write every file, and check the whole graph with SHACL meanwhile."""
    with report.timed("making graphs"):
        ds = parts.make(graph_parts)
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
    return Written(tmp, turtle, trig, graphs, lines, picture)


def write_changes(
    graph_parts: list[parts.GraphPart],
    state: BuildState,
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
    return Written(tmp, done.turtle, done.trig, done.graphs, done.new_lines, picture)


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


def write_picture(tmp: Path, before: Picture | None = None, changed: set[str] | None = None) -> Picture:
    """The HTML picture of the most connected entities, drawn from the store in ``tmp``. A rebuild
    passes the previous build's picture and the nodes whose statements changed: the link
    structure is patched there instead of read whole, and unchanged groups keep their layout."""
    from graph.network.store_view import links_of, patched, read_structure
    from graph.picture.layout import Memo
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
