"""`pariskg analyse`: network analytics of a build (a thin shell over graph.network.analyse,
graph.network.collaboration, graph.network.nearby and graph.network.analysis_rdf). Heavy modules
load when a command runs."""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from graph.cli.common import OUT_OPTION, fail
from graph.errors import ParisKGError

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox

CSV_OPTION = click.option(
    "--csv",
    "csv_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write the rows as CSV ('-': stdout).",
)


def _load(out: Path) -> tuple[ox.Store, nx.MultiDiGraph]:
    from graph.network.projection import to_networkx
    from graph.store.embedded import open_store

    store = open_store(out)
    return store, to_networkx(store)


def _write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Write ``rows`` as CSV to ``path`` ('-': standard output)."""
    if str(path) == "-":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    click.echo(f"wrote {path} ({len(rows)} rows)", err=True)


def _show(header: list[str], rows: list[list[str]]) -> None:
    from graph.store.query import table

    click.echo(table(header, rows), nl=False)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4g}"


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
def analyse() -> None:
    """Network analytics of the build: centrality, collaborations and their communities,
    films shot near a place.

    \b
    Examples:
      pariskg analyse centrality --class Person --top 10 --measure pagerank
      pariskg analyse communities --person "Cédric Klapisch"
      pariskg analyse near "Sacré-Cœur" --metres 500
    """


@analyse.command()
@click.option(
    "--class",
    "cls",
    default=None,
    help="Only entities of this class: person, film, place, schema:Movie, pc:Arrondissement…",
)
@click.option(
    "--measure",
    type=click.Choice(["degree", "betweenness", "pagerank"]),
    default="pagerank",
    show_default=True,
    help="The measure to rank by.",
)
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=0), help="How many (0: all).")
@click.option(
    "--samples",
    "-k",
    default=None,
    type=click.IntRange(min=2),
    help="Source nodes betweenness samples (default: exact up to 5,000 nodes, else 1,000).",
)
@click.option("--seed", default=0, show_default=True, help="Seed of the betweenness sample.")
@click.option("--with-mentions", is_flag=True, help="Count what texts mention as links.")
@CSV_OPTION
@click.option(
    "--write",
    is_flag=True,
    help="Write all three measures of every entity into graph:centrality of the store.",
)
@OUT_OPTION
def centrality(
    cls: str | None,
    measure: str,
    top: int,
    samples: int | None,
    seed: int,
    with_mentions: bool,
    csv_file: Path | None,
    write: bool,
    out: Path,
) -> None:
    """The most central entities (of a class) by degree, betweenness or PageRank.

    \b
    Examples:
      pariskg analyse centrality --class Person --top 10 --measure pagerank
      pariskg analyse centrality --class film --measure betweenness -k 200 --csv films.csv
      pariskg analyse centrality --write   # then: pariskg query 'SELECT … pc:pageRank …'
    """
    from graph.network.analyse import MEASURES, rank_entities

    try:
        _, projection = _load(out)
        run = rank_entities(
            projection,
            by=measure,
            cls=cls,
            top=top or None,
            measures=MEASURES if write else None,
            samples=samples,
            seed=seed,
            mentions=with_mentions,
        )
        if write:
            from graph.network.analysis_rdf import centrality_quads, replace_graph

            n = replace_graph(out, centrality_quads(run.graph, run.scores, run.method))
    except ParisKGError as err:
        fail(err)
        return
    from graph.namespace import curie

    header = ["rank", "entity", "name", "class", "degree", "betweenness", "pagerank"]
    rows = [
        [str(i), curie(r.node), r.label, r.cls, str(r.degree), _number(r.betweenness), _number(r.pagerank)]
        for i, r in enumerate(run.ranked, 1)
    ]
    if "betweenness" not in run.scores:
        header, rows = header[:5] + header[6:], [r[:5] + r[6:] for r in rows]
    click.echo(f"{run.method}", err=True)
    _show(header, rows)
    if csv_file is not None:
        _write_csv(csv_file, header, rows)
    if write:
        click.echo(f"wrote {n:,} quads into graph:centrality of {out}/store", err=True)


@analyse.command()
@click.option("--person", default=None, help="Only the collaborators of this person.")
@click.option(
    "--top", default=20, show_default=True, type=click.IntRange(min=0), help="How many pairs (0: all)."
)
@CSV_OPTION
@OUT_OPTION
def collaborations(person: str | None, top: int, csv_file: Path | None, out: Path) -> None:
    """People linked by the films they share (any credit: actor, director, music, writer…),
    the most shared films first.

    \b
    Examples:
      pariskg analyse collaborations --top 10
      pariskg analyse collaborations --person "Juliette Binoche" --csv binoche.csv
    """
    from graph.network.collaboration import collaboration_graph, strongest_pairs

    try:
        store, projection = _load(out)
        c = collaboration_graph(projection)
        pairs = strongest_pairs(store, c, projection, person=person, top=top or None)
    except ParisKGError as err:
        fail(err)
        return
    header = ["person", "collaborator", "shared films", "films"]
    rows = [[p.a_label, p.b_label, str(p.weight), " | ".join(p.titles)] for p in pairs]
    click.echo(f"{c.number_of_nodes():,} people with a collaborator, {c.number_of_edges():,} pairs", err=True)
    _show(header, rows)
    if csv_file is not None:
        _write_csv(csv_file, header, rows)


@analyse.command()
@click.option("--person", default=None, help="Only the community of this person.")
@click.option(
    "--top", default=10, show_default=True, type=click.IntRange(min=0), help="How many communities (0: all)."
)
@click.option(
    "--members",
    default=8,
    show_default=True,
    type=click.IntRange(min=0),
    help="Members shown per community (0: all).",
)
@click.option("--seed", default=0, show_default=True, help="Seed of the Louvain method.")
@click.option(
    "--resolution", default=1.0, show_default=True, help="Louvain resolution: above 1, smaller communities."
)
@CSV_OPTION
@click.option(
    "--graph",
    "graph_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write the collaboration network with each person's community (.graphml or .gexf).",
)
@click.option("--write", is_flag=True, help="Write every community into graph:communities of the store.")
@OUT_OPTION
def communities(
    person: str | None,
    top: int,
    members: int,
    seed: int,
    resolution: float,
    csv_file: Path | None,
    graph_file: Path | None,
    write: bool,
    out: Path,
) -> None:
    """Communities of the collaboration network (Louvain, seeded), largest first, each named by
    its most central members (who share the most films with others).

    \b
    Examples:
      pariskg analyse communities --top 5
      pariskg analyse communities --person "Cédric Klapisch" --write
      pariskg analyse communities --graph collaborations.gexf   # for Gephi
    """
    from graph.network.collaboration import find_communities, write_collaboration_graph

    try:
        store, projection = _load(out)
        run = find_communities(store, projection, seed=seed, resolution=resolution, person=person)
        if graph_file is not None:
            write_collaboration_graph(graph_file, run.graph, run.communities, projection)
            click.echo(f"wrote {graph_file}", err=True)
        if write:
            from graph.network.analysis_rdf import community_quads, replace_graph

            n = replace_graph(out, community_quads(run.communities, run.method))
    except ParisKGError as err:
        fail(err)
        return
    shown = run.shown[: top or None]
    click.echo(f"{run.method}; {len(run.communities):,} communities", err=True)
    for community in shown:
        click.echo(f"{community.number}. {community.name} ({len(community.members)} people)")
        names = community.labels[: members or None]
        more = len(community.labels) - len(names)
        click.echo("   " + ", ".join(names) + (f" and {more} more" if more else ""))
    if csv_file is not None:
        header = ["community", "community name", "size", "rank in community", "person", "name"]
        from graph.namespace import curie

        rows = [
            [c.number, c.name, len(c.members), i, curie(m), label]
            for c in shown
            for i, (m, label) in enumerate(zip(c.members, c.labels, strict=True), 1)
        ]
        _write_csv(csv_file, header, rows)
    if write:
        click.echo(f"wrote {n:,} quads into graph:communities of {out}/store", err=True)


@analyse.command()
@click.argument("place")
@click.option(
    "--metres", "-m", default=500.0, show_default=True, type=click.FloatRange(min=0), help="Radius in metres."
)
@CSV_OPTION
@OUT_OPTION
def near(place: str, metres: float, csv_file: Path | None, out: Path) -> None:
    """Films shot within --metres of PLACE (a landmark or address with coordinates), nearest first.

    \b
    Example:
      pariskg analyse near "Sacré-Cœur" --metres 500
    """
    from graph.namespace import curie
    from graph.network.nearby import films_near
    from graph.store.embedded import open_store

    try:
        found = films_near(open_store(out), place, metres)
    except ParisKGError as err:
        fail(err)
        return
    header = [
        "film",
        "title",
        "year",
        "metres",
        "nearest location",
        "locations",
        "shoots",
        "first shoot",
        "last shoot",
    ]
    rows = [
        [
            curie(f.film),
            f.title,
            f.year,
            f"{f.distance_m:.0f}",
            f.place_name,
            str(f.locations),
            str(f.shoots),
            f.first_shoot,
            f.last_shoot,
        ]
        for f in found
    ]
    _show(header, rows)
    if csv_file is not None:
        _write_csv(csv_file, header, rows)
