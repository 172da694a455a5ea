"""`pariskg viz` (the picture of the links) and `pariskg map` (where Paris was filmed): thin shells
over graph.picture.views, graph.picture.viz and graph.picture.shootmap. Heavy modules load when a
command runs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.cli.common import OUT_OPTION, fail
from graph.errors import ParisKGError

BASE_OPTION = click.option(
    "--base",
    metavar="URL",
    default=None,
    help="Link entities to their pages where `pariskg serve` runs (e.g. http://127.0.0.1:8000).",
)


def _write(page: str, output: Path) -> None:
    """Write the page to ``output`` ('-': standard output)."""
    if str(output) == "-":
        sys.stdout.write(page)
    else:
        output.write_text(page, encoding="utf-8")


@click.command("viz")
@OUT_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("paris-cinema-view.html"),
    show_default=True,
    help="The HTML file to write ('-': stdout).",
)
@click.option("--focus", multiple=True, metavar="NAME", help="Draw around this entity (repeatable).")
@click.option("--depth", type=click.IntRange(0), default=2, show_default=True, help="Links from --focus.")
@click.option(
    "--class",
    "classes",
    multiple=True,
    metavar="CLASS",
    help="Keep nodes of this class (repeatable): Film, Person, Place, schema:Movie…",
)
@click.option(
    "--query",
    type=click.Path(path_type=Path),
    default=None,
    help="A .rq file: a CONSTRUCT, or a SELECT of node pairs (?a ?b [?label]).",
)
@click.option("--limit", type=click.IntRange(1), default=None, help="Keep the N most connected nodes.")
@BASE_OPTION
@click.option("--title", default=None, help="The page title.")
def viz(
    out: Path,
    output: Path,
    focus: tuple[str, ...],
    depth: int,
    classes: tuple[str, ...],
    query: Path | None,
    limit: int | None,
    base: str | None,
    title: str | None,
) -> None:
    """Write the picture of the links as one HTML file that works offline.

    Without options it draws the whole graph (its 2,000 most connected entities when larger);
    the page notes what a view leaves out.

    \b
    Examples:
      pariskg viz --focus "Juliette Binoche" --depth 2 -o binoche.html
      pariskg viz --class Film --class Person --limit 500
      pariskg viz --query queries/my-view.rq --base http://127.0.0.1:8000
    """
    from graph.picture.views import ViewOptions, view_of_store
    from graph.picture.viz import TITLE, render_html
    from graph.store.embedded import open_store

    try:
        options = ViewOptions(focus=focus, depth=depth, classes=classes, query=query, limit=limit)
        view = view_of_store(open_store(out), options)
        page = render_html(view, title=title or TITLE, link_base=base)
    except ParisKGError as err:
        fail(err)
        return
    _write(page, output)
    g = view.graph
    click.echo(f"wrote {output}: {g.number_of_nodes():,} nodes, {g.number_of_edges():,} links", err=True)
    for note in view.notes:
        click.echo(f"  {note}", err=True)
    if g.number_of_nodes() == 0:
        click.echo(f"  {view.empty}", err=True)


@click.command("map")
@OUT_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("paris-shoots.html"),
    show_default=True,
    help="The HTML file to write ('-': stdout).",
)
@BASE_OPTION
@click.option(
    "--tiles",
    metavar="URL",
    default=None,
    help="A raster tile server ({z}/{x}/{y}) instead of OpenStreetMap's (refuses pages opened from disk).",
)
@click.option("--tiles-attribution", default=None, help="The attribution the --tiles server asks for.")
@click.option("--no-tiles", is_flag=True, help="Never load tiles: the outlines of the graph only.")
@click.option("--title", default=None, help="The page title.")
def shoot_map(
    out: Path,
    output: Path,
    base: str | None,
    tiles: str | None,
    tiles_attribution: str | None,
    no_tiles: bool,
    title: str | None,
) -> None:
    """Write the map of the filming permits' shoots as one HTML file that works offline.

    \b
    Examples:
      pariskg build --config all-datasets.toml && pariskg map -o shoots.html
      pariskg map --base http://127.0.0.1:8000 --no-tiles
    """
    from graph.picture.shootmap import OSM, TITLE, Tiles, render_map
    from graph.picture.shoots import read_shoots
    from graph.store.embedded import open_store

    server = None if no_tiles else Tiles(tiles, tiles_attribution or "") if tiles else OSM
    try:
        data = read_shoots(open_store(out))
        page = render_map(data, title=title or TITLE, link_base=base, tiles=server)
    except ParisKGError as err:
        fail(err)
        return
    _write(page, output)
    click.echo(
        f"wrote {output}: {len(data.shoots):,} shoots of {len(data.productions):,} productions, "
        f"{len(data.areas)} arrondissement outlines",
        err=True,
    )
    if not data.shoots:
        click.echo("  no shoot in the graph: build with the paris-filming-permits dataset", err=True)
