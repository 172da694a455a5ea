"""Make the README's screenshots: the picture of the seed graph, a focus view of the full graph,
and the map of the full permit data, each opened offline in Debian's chromium, headless.

    python docs/make_screenshots.py [--full /tmp/full-build]

``--full`` is a build of all-datasets.toml (`pariskg build --config all-datasets.toml --out
DIR --no-html`); without it the script makes one in a temporary folder (about a minute). The seed
graph is built in a temporary folder every time. The PNGs go to docs/.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run as a script: import graph.* from the repository
    sys.path[0] = str(ROOT)

DOCS = ROOT / "docs"
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1400, "height": 860}
FOCUS = "Cédric Klapisch"
BINOCHE = "https://w3id.org/paris-cinema/resource/person/juliette-binoche"


def build(out: Path, *, full: bool) -> None:
    """Build the seed graph (or the full graph) into ``out``."""
    from graph.build.options import BuildOptions
    from graph.build.pipeline import build as run_build
    from graph.cli.config import dataset_specs

    specs = dataset_specs((), ROOT / "all-datasets.toml") if full else ()
    run_build(BuildOptions(data=ROOT / "data", out=out, datasets=specs, html=False))


def shoot(browser: object, page_file: Path, png: Path, *, click: str | None = None) -> None:
    """Open ``page_file`` offline, optionally click the node of IRI ``click``, and screenshot it."""
    context = browser.new_context(viewport=VIEWPORT, offline=True)  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri())
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=120_000)
    if click:
        x, y = page.evaluate(
            "iri => { const n = window.pariskg.network, p = n.canvasToDOM(n.getPositions([iri])[iri]);"
            " return [p.x, p.y]; }",
            click,
        )
        page.mouse.click(x, y)
        page.mouse.move(5, VIEWPORT["height"] - 5)  # no tooltip over the picture
    page.wait_for_timeout(1500)  # the map's clusters settle
    page.screenshot(path=str(png))
    context.close()
    if errors:
        raise RuntimeError(f"{page_file}: {errors}")
    print(f"wrote {png}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", type=Path, default=None, help="A build of all-datasets.toml.")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from graph.network.projection import to_networkx
    from graph.picture.shootmap import write_map
    from graph.picture.views import ViewOptions, select_view
    from graph.picture.viz import write_html
    from graph.store.embedded import open_store

    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp, sync_playwright() as p:
        folder = Path(tmp)
        build(folder / "seed", full=False)
        write_html(to_networkx(open_store(folder / "seed")), folder / "seed.html")
        full = args.full
        if full is None:
            full = folder / "full"
            build(full, full=True)
        store = open_store(full)
        view = select_view(to_networkx(store), ViewOptions(focus=(FOCUS,), depth=2), store=store)
        write_html(view, folder / "focus.html")
        write_map(store, folder / "map.html")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        shoot(browser, folder / "seed.html", DOCS / "seed-graph.png", click=BINOCHE)
        shoot(browser, folder / "focus.html", DOCS / "focus-klapisch.png")
        shoot(browser, folder / "map.html", DOCS / "map.png")
        browser.close()


if __name__ == "__main__":
    main()
