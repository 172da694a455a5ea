"""`pariskg export`, `path`, `resolve-report` and `stats`: reading a build without changing it
(thin shells over graph.network.export, graph.network.paths, graph.resolve.report and
graph.network.stats). Heavy modules load when a command runs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.cli.common import OUT_OPTION, fail
from graph.errors import ParisKGError


@click.command()
@click.option(
    "--format",
    "-f",
    "fmt",
    default="turtle",
    show_default=True,
    type=click.Choice(["turtle", "ntriples", "trig", "jsonld", "graphml", "gexf"]),
    help="Output format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
@OUT_OPTION
def export(fmt: str, output: Path | None, out: Path) -> None:
    """Export the build as RDF, or as GraphML/GEXF for Gephi and Cytoscape.

    \b
    Examples:
      pariskg export --format jsonld -o paris.jsonld
      pariskg export -f graphml -o paris.graphml
    """
    from graph.network.export import export as run_export
    from graph.store.embedded import open_store

    try:
        data = run_export(open_store(out), fmt)
    except ParisKGError as err:
        fail(err)
        return
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        click.echo(f"wrote {output} ({len(data)} bytes)", err=True)


@click.command()
@click.argument("source")
@click.argument("target")
@click.option(
    "--k", "k", default=1, show_default=True, type=click.IntRange(min=1), help="The k shortest chains."
)
@OUT_OPTION
def path(source: str, target: str, k: int, out: Path) -> None:
    """Print the shortest chain (or the --k shortest) of links between two entities, by name or
    IRI, link by link and in words.

    \b
    Examples:
      pariskg path "Romain Duris" "Gus Van Sant"
      pariskg path "Agnès Varda" "Juliette Binoche" --k 3
    """
    from graph.network.paths import chains_in_store, describe
    from graph.store.embedded import open_store

    try:
        chains = chains_in_store(open_store(out), source, target, k=k)
    except ParisKGError as err:
        fail(err)
        return
    for i, (chain, words) in enumerate(chains):
        click.echo(("\n" if i else "") + describe(chain))
        click.echo(f"  In words: {words}")


@click.command("resolve-report")
@click.option(
    "--section",
    "sections",
    multiple=True,
    type=click.Choice(["merges", "near-misses", "conflicts"]),
    help="Only this section (repeatable; default: all three).",
)
@click.option("--grep", default=None, help="Only rows that mention this text (any case).")
@click.option("--limit", default=20, show_default=True, help="Rows shown a section in text (0: all).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True
)
@OUT_OPTION
def resolve_report(sections: tuple[str, ...], grep: str | None, limit: int, fmt: str, out: Path) -> None:
    """How the build made one entity of many records: merges with their evidence, near-misses
    (same name, kept apart, and why), conflicts (merged sources that disagree).

    \b
    Example:
      pariskg resolve-report --section conflicts --grep "amélie"
    """
    from graph.resolve import report

    try:
        rows = report.select(report.load(out), sections, grep)
        click.echo(report.render(rows, fmt, limit or None), nl=False)
    except ParisKGError as err:
        fail(err)


@click.command()
@click.option(
    "--top",
    default=10,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many of the most connected entities.",
)
@OUT_OPTION
def stats(top: int, out: Path) -> None:
    """Print counts per class and the most connected entities.

    \b
    Example:
      pariskg stats --top 5
    """
    from graph.network.stats import stats as run_stats
    from graph.store.embedded import open_store

    try:
        s = run_stats(open_store(out), top)
    except ParisKGError as err:
        fail(err)
        return
    click.echo(f"triples: {s.triples}   quads: {s.quads}   named graphs: {s.graphs}")
    click.echo("entities per class:")
    for cls, n in s.per_class:
        click.echo(f"  {n:5d}  {cls}")
    click.echo("most connected:")
    for iri, label, degree in s.most_connected:
        click.echo(f"  {degree:4d}  {label}  ({iri})")
