"""The build's picture step timed two ways in the same run, rounds alternating, and the pages
compared byte for byte:

- projection: ``most_connected(to_networkx(store), limit)`` then ``write_html`` (what the build did);
- from the store: ``graph.network.store_view.most_connected_view(store, limit)`` then ``write_html``.

    python bench/picture.py --out /tmp/full-build [--limit 2000] [--rounds 3]

It prints one Markdown table of medians (seconds): reading the view (the projection, or the link
structure and the kept entities' facts), cutting it, writing the page (layout included), and the
whole step; then whether the two pages are the same bytes. Both ways run with Python's cyclic
garbage collector off, as in the build. The machine's load is printed too: other work on its two
cores slows every figure.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run as a script: import graph.* from the repository
    sys.path[0] = str(ROOT)

from graph.network.projection import to_networkx  # noqa: E402
from graph.network.store_view import link_structure  # noqa: E402
from graph.picture.views import View, most_connected, most_connected_view  # noqa: E402
from graph.picture.viz import property_labels, write_html  # noqa: E402
from graph.store.embedded import open_store  # noqa: E402

Timings = dict[str, float]


def timed(figures: Timings, name: str, work: Callable[[], object]) -> object:
    started = time.perf_counter()
    result = work()
    figures[name] = time.perf_counter() - started
    return result


def by_projection(out: Path, limit: int, page: Path) -> Timings:
    """The step as the build did it: the whole projection, then its cut."""
    figures: Timings = {}
    store = open_store(out)
    g = timed(figures, "read", lambda: to_networkx(store))
    view = timed(figures, "cut", lambda: most_connected(g, limit))  # type: ignore[arg-type]
    timed(figures, "write", lambda: write_html(view, page))  # type: ignore[arg-type]
    return figures


def from_store(out: Path, limit: int, page: Path) -> Timings:
    """The step read from the store: the link structure, then the kept entities only."""
    figures: Timings = {}
    store = open_store(out)
    view = timed(figures, "read", lambda: most_connected_view(store, limit))
    figures["cut"] = 0.0  # the ranking is part of reading
    timed(figures, "write", lambda: write_html(view, page))  # type: ignore[arg-type]
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="A build folder (e.g. the full build).")
    parser.add_argument("--limit", type=int, default=2000, help="Nodes the picture keeps (the build: 2000).")
    parser.add_argument("--rounds", type=int, default=3, help="Rounds of each way (medians).")
    args = parser.parse_args(argv)
    property_labels()  # the ontology's labels, read once per process by either way
    ways = {"projection": by_projection, "from the store": from_store}
    runs: dict[str, list[Timings]] = {name: [] for name in ways}
    with tempfile.TemporaryDirectory(prefix="bench-picture-") as tmp:
        pages = {name: Path(tmp) / f"{i}.html" for i, name in enumerate(ways)}
        gc.disable()  # as the build does
        for round_ in range(args.rounds):
            for name, way in ways.items() if round_ % 2 == 0 else reversed(ways.items()):
                runs[name].append(way(args.out, args.limit, pages[name]))
                gc.collect()  # what a round left behind is not the next one's to collect
                print(f"round {round_ + 1}: {name}: {runs[name][-1]}", file=sys.stderr)
        same = len({page.read_bytes() for page in pages.values()}) == 1
        size = pages["projection"].stat().st_size
    store = open_store(args.out)
    links = link_structure(store)
    view: View = most_connected_view(store, args.limit)
    print(
        f"{len(links.entities):,} entities, {len(links.edges):,} links; the page keeps "
        f"{view.graph.number_of_nodes():,} nodes and {view.graph.number_of_edges():,} links "
        f"({size / 1e6:.1f} MB); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n"
    )
    print("| way | read | cut | write (layout included) | whole step |")
    print("|---|---|---|---|---|")
    for name, figures in runs.items():
        med = {k: statistics.median(f[k] for f in figures) for k in figures[0]}
        whole = statistics.median(sum(f.values()) for f in figures)
        print(f"| {name} | {med['read']:.2f} s | {med['cut']:.2f} s | {med['write']:.2f} s | {whole:.2f} s |")
    print(f"\nsame page, byte for byte: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
