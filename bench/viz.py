"""Time to first draw of the picture (`pariskg viz`) and of the map (`pariskg map`) in Debian's
chromium, headless, as a user opens them: a local file, a fresh page, the network cut.

    python bench/viz.py [--sizes 500,2000,5000] [--out /tmp/full-build] [--runs 3]

For each size it draws a synthetic graph (4 links per node, like the 20,000 links of the
5,000-node target) and, with ``--out`` (a build folder, e.g. the full build of
all-datasets.toml), the most connected nodes of the real graph; with ``--out`` it also opens the
map of every shoot of the build. It prints one Markdown table:

- layout: Python's time to lay out and write the page (graph.picture.layout, graph.picture.viz);
- first draw: from navigation start to vis-network's first ``afterDrawing`` (its own clock);
- ready: wall time from ``goto`` until the page says it is drawn;
- drag frame: median time between frames while the mouse drags the view (a large graph hides
  its links while dragged, as vis-network's ``hideEdgesOnDrag``);
- redraw: median time of one frame drawn with every link (the view moved 15 px a frame).

Figures are medians of ``--runs`` page loads. The browser runs without a GPU (software canvas).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run as a script: import graph.* from the repository
    sys.path[0] = str(ROOT)

import networkx as nx  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
REDRAW = """async () => {
  const n = window.pariskg.network, times = [];
  let last = performance.now();
  for (let i = 1; i <= 30; i++) {
    n.moveTo({ position: { x: i * 15 / n.getScale(), y: 0 }, scale: n.getScale(), animation: false });
    await new Promise(done => n.once("afterDrawing", done));
    const now = performance.now();
    times.push(now - last);
    last = now;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}"""


def synthetic(nodes: int, *, seed: int = 1) -> nx.MultiDiGraph:
    """``nodes`` entities of three classes with four links each, as the projection gives them."""
    shape = nx.gnm_random_graph(nodes, 4 * nodes, seed=seed, directed=True)
    g = nx.MultiDiGraph()
    classes = ("Movie", "Person", "Person", "Place")
    for n in shape:
        props = {"date published": [str(1950 + n % 70)]} if n % 4 == 0 else {}
        g.add_node(f"urn:n{n}", label=f"Entity {n}", cls=classes[n % 4], props=props, sources=["bench"])
    for u, v in shape.edges:
        g.add_edge(f"urn:n{u}", f"urn:n{v}", label="actor", predicate="https://schema.org/actor")
    return g


def drag_frame(page: Page) -> float:
    """Median milliseconds between two frames while the mouse drags the view 300 px."""
    page.evaluate(
        "() => { window.frames_ = [];"
        " window.pariskg.network.on('afterDrawing', () => frames_.push(performance.now())); }"
    )
    page.mouse.move(480, 400)
    page.mouse.down()
    for step in range(1, 31):
        page.mouse.move(480 + 10 * step, 400 + 3 * step)
    page.mouse.up()
    times = page.evaluate("window.frames_")
    gaps = [b - a for a, b in itertools.pairwise(times)]
    return statistics.median(gaps) if gaps else float("nan")


def open_page(browser: Browser, path: Path, *, pan: bool) -> dict[str, float]:
    """Open ``path`` offline; the first draw, the wall time until ready, and a pan frame (ms)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    started = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=300_000)
    ready = (time.perf_counter() - started) * 1000
    figures = {"ready": ready}
    if pan:
        figures["first_draw"] = page.evaluate("window.pariskg.firstDraw")
        figures["redraw"] = page.evaluate(REDRAW)
        figures["drag"] = drag_frame(page)
    context.close()
    if errors:
        raise RuntimeError(f"{path}: {errors[0]}")
    return figures


def bench_picture(browser: Browser, g: nx.MultiDiGraph, folder: Path, name: str, runs: int) -> list[str]:
    """One table row for the picture of ``g``."""
    from graph.picture.viz import write_html

    path = folder / f"{name}.html"
    started = time.perf_counter()
    write_html(g, path)
    layout_s = time.perf_counter() - started
    loads = [open_page(browser, path, pan=True) for _ in range(runs)]
    med = {k: statistics.median(run[k] for run in loads) for k in loads[0]}
    return [
        name,
        f"{g.number_of_nodes():,}",
        f"{g.number_of_edges():,}",
        f"{path.stat().st_size / 1e6:.1f} MB",
        f"{layout_s:.1f} s",
        f"{med['first_draw'] / 1000:.2f} s",
        f"{med['ready'] / 1000:.2f} s",
        f"{med['drag']:.0f} ms",
        f"{med['redraw']:.0f} ms",
    ]


def bench_map(browser: Browser, out: Path, folder: Path, runs: int) -> list[str]:
    """One table row for the map of every shoot of the build in ``out``."""
    from graph.picture.shootmap import write_map
    from graph.store.embedded import open_store

    path = folder / "map.html"
    started = time.perf_counter()
    data = write_map(open_store(out), path)
    write_s = time.perf_counter() - started
    ready = statistics.median(open_page(browser, path, pan=False)["ready"] for _ in range(runs))
    return [
        "map: every shoot",
        f"{len(data.shoots):,} markers",
        f"{len(data.areas)} outlines",
        f"{path.stat().st_size / 1e6:.1f} MB",
        f"{write_s:.1f} s",
        "—",
        f"{ready / 1000:.2f} s",
        "—",
        "—",
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2000,5000", help="Node counts, comma-separated.")
    parser.add_argument("--out", type=Path, default=None, help="A build folder: real cuts and the map.")
    parser.add_argument("--runs", type=int, default=3, help="Page loads per figure (median).")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    from playwright.sync_api import sync_playwright

    from graph.network.projection import to_networkx
    from graph.picture.views import most_connected
    from graph.store.embedded import open_store

    real = to_networkx(open_store(args.out)) if args.out else None
    header = [
        "graph",
        "nodes",
        "links",
        "file",
        "layout + write",
        "first draw",
        "ready",
        "drag frame",
        "redraw",
    ]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-viz-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for size in sizes:
            rows.append(bench_picture(browser, synthetic(size), Path(tmp), f"synthetic {size:,}", args.runs))
            print(" | ".join(rows[-1]), file=sys.stderr)
            if real is not None:
                cut = most_connected(real, size).graph
                rows.append(bench_picture(browser, cut, Path(tmp), f"full build, top {size:,}", args.runs))
                print(" | ".join(rows[-1]), file=sys.stderr)
        if args.out:
            rows.append(bench_map(browser, args.out, Path(tmp), args.runs))
        browser.close()
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
