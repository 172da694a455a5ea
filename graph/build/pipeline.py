"""The pipeline, as a recipe: inputs -> records -> resolve -> RDF -> check -> files and store.

``build()`` names the stages in order; each is a call into the stage's own package. A build is
written beside out/ and moved into place, so a failed build leaves the previous out/ as it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from graph.build import cache, parts, state
from graph.build.inputs import read_all
from graph.build.options import BuildOptions, DatasetSpec
from graph.build.summary import BuildReport, class_names
from graph.build.writing import Written, move_into_place, write_all, write_changes
from graph.check.focused import shapes_allow_focus
from graph.network.projection import collector_paused
from graph.resolve.entities import resolve
from graph.resolve.geoplace import add_placements
from graph.resolve.identify import Identification, identify
from graph.resolve.link_reviews import link_reviews, merged
from graph.resolve.model import Resolution, Source
from graph.resolve.place_ties import add_place_ties, place_names
from graph.resolve.report import REPORT_FILE
from graph.resolve.report import to_json as resolution_json

# the Python API of a build: what to ask, what it tells
__all__ = ["BuildOptions", "BuildReport", "DatasetSpec", "build"]


def build(options: BuildOptions, progress: Callable[[str], None] = lambda _: None) -> BuildReport:
    """Build the graph from ``options.data`` into ``options.out``; return what was done."""
    report = BuildReport()
    # the cyclic garbage collector off meanwhile: the build makes millions of small objects and few
    # cycles, and its passes cost a quarter of the full build's time (116 s -> 87 s, same peak memory)
    with collector_paused():
        progress("reading inputs")
        with report.timed("reading"):
            inputs = read_all(options, report)  # documents, curated files, datasets: records
            report.sources = inputs.names()
            names = place_names(inputs.sources, inputs.cues)  # the places a film's words may name
            records_keys = inputs.records_keys(names)  # a dataset's graph is known by these
            report.placed_by_coordinates = add_placements(inputs.sources)  # addresses in arrondissements
            report.tied_to_places = add_place_ties(inputs.sources, names)  # films in the places they name
        progress("resolving entities")
        with report.timed("resolving"):
            resolution, found = resolve_sources(inputs.sources, report)  # one entity per real thing
            graph_parts = parts.graph_parts(  # the graphs to make, each keyed by what it is made from
                inputs.curated,
                inputs.documents,
                inputs.sources,
                inputs.descriptions(),
                resolution,
                found,
                records_keys,
            )
        extra = {REPORT_FILE: resolution_json(resolution)}
        # full or rebuild: the previous build is patched when its state can be trusted and the
        # shapes let the check be focused on what changed; otherwise (or --full) all is made again
        local, inverse = shapes_allow_focus()
        cache_dir = cache.cache_folder(options.out)
        previous = state.load(cache_dir, options.out) if local and not options.full else None
        if previous is None:
            written = write_all(graph_parts, options, extra, report, progress)  # RDF, SHACL, files
        else:
            written = write_changes(graph_parts, previous, inverse, options, extra, report, progress)
        count(written, report)
        report.files = move_into_place(written.folder, options.out)
        keep_state(written, options, report)  # what the next build patches
    return report


def resolve_sources(sources: list[Source], report: BuildReport) -> tuple[Resolution, list[Identification]]:
    """Resolve the entities, then say which known film each unnamed text is probably about."""
    resolution = resolve(sources)
    report.count_resolution(resolution)
    found = merged(identify(sources, resolution), link_reviews(sources, resolution))
    # a film known by an asserted identifier takes no guess against it
    found = [h for h in found if h.about not in resolution.name or h.about == h.candidate]
    report.hypotheses = [
        f"{resolution.name[h.candidate]} for {h.about.rsplit('/', 1)[-1]} (confidence {h.confidence:.2f})"
        for h in found
    ]
    return resolution, found


def count(written: Written, report: BuildReport) -> None:
    """The summary's counts of what was written: triples and their classes, quads."""
    report.triples = sum(p.statements for p in written.turtle.pieces)
    report.classes = class_names(sum((p.classes for p in written.turtle.pieces), Counter()))
    report.quads = sum(g.statements for g in written.graphs.values())


def keep_state(written: Written, options: BuildOptions, report: BuildReport) -> None:
    """Keep the state of the build just moved into ``options.out``; a state that cannot be kept
    costs only the next build's time (a full one), and the summary says so."""
    assert report.validation is not None
    cache_dir = cache.cache_folder(options.out)
    try:
        state.save(
            cache_dir,
            options.out,
            written.graphs,
            written.new_lines,
            written.turtle,
            written.trig,
            list(report.validation.results),
            written.picture,
        )
    except OSError as err:  # the build stands; only the next one is slower
        state.forget(cache_dir)
        report.kept_out.append(
            f"{cache_dir}: the build's state could not be kept ({err}); next build is a full one"
        )
