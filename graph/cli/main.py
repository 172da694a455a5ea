"""The `pariskg` command: a thin shell over the library (each command parses, calls, prints).

Exit codes: 0 done; 1 done but the graph violates its SHACL shapes (or --strict kept inputs
out); 2 bad input or usage (the message names the file and line, or the query position).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from graph import __version__
from graph.cli.common import OUT_OPTION, fail
from graph.errors import ParisKGError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="pariskg")
def main() -> None:
    """The Paris cinema knowledge graph: build it, query it, export it, walk it.

    \b
    Example:
      pariskg build && pariskg query cast --param film="Paris"
    """


@main.command()
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=Path("data"),
    show_default=True,
    help="Input folder: documents/ and curated/.",
)
@OUT_OPTION
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="KIND=PATH",
    help="Also read a dataset (repeatable); `pariskg sources` lists the kinds.",
)
@click.option(
    "--config",
    type=click.Path(path_type=Path),
    default=Path("pariskg.toml"),
    show_default=True,
    help="A file of [[source]] tables (kind, path), read when it exists.",
)
@click.option("--strict", is_flag=True, help="Fail when any input is kept out.")
@click.option("--no-html", is_flag=True, help="Skip the HTML picture.")
@click.option("--full", is_flag=True, help="Build from nothing, not by patching the previous build.")
def build(
    data: Path, out: Path, sources: tuple[str, ...], config: Path, strict: bool, no_html: bool, full: bool
) -> None:
    """Read the inputs and write Turtle, TriG, the HTML picture and the store into --out.

    A build after a change patches the previous build in --out (only what changed is made and
    written again, byte for byte what a full build writes); --full builds from nothing.

    \b
    Examples:
      pariskg build --data data --out out
      pariskg build --source paris-filming-permits=lieux-de-tournage-a-paris.csv
      pariskg build --full
    """
    from graph.build.options import BuildOptions
    from graph.build.pipeline import build as run_build
    from graph.cli.config import dataset_specs

    started = time.perf_counter()
    try:
        specs = dataset_specs(sources, config)
        report = run_build(
            BuildOptions(data=data, out=out, datasets=specs, strict=strict, html=not no_html, full=full),
            progress=lambda step: click.echo(f"… {step}", err=True),
        )
    except ParisKGError as err:
        fail(err)
        return
    click.echo(f"Built {out}/ in {time.perf_counter() - started:.1f} s")
    click.echo("  steps:          " + ", ".join(f"{step} {sec:.1f} s" for step, sec in report.steps.items()))
    click.echo(f"  sources read:   {len(report.sources)} ({', '.join(report.sources)})")
    click.echo(f"  triples:        {report.triples} ({report.quads} quads in named graphs)")
    click.echo(
        f"  resolution:     {report.merges:,} entities merged across sources, {report.near_misses:,} "
        f"near-misses kept apart, {report.conflicts:,} conflicts (pariskg resolve-report)"
    )
    click.echo("  entities per class:")
    for cls, n in sorted(report.classes.items(), key=lambda kv: (-kv[1], kv[0])):
        click.echo(f"    {n:5d}  {cls}")
    click.echo(f"  hypotheses:     {len(report.hypotheses)}")
    for h in report.hypotheses[:10]:
        click.echo(f"    {h}")
    if len(report.hypotheses) > 10:
        click.echo(f"    … {len(report.hypotheses) - 10:,} more: pariskg query film-identifications")
    for d in report.datasets:
        click.echo(
            f"  {d.name} ({d.kind}): {d.rows_read} rows read, {d.kept} kept, "
            f"{len(d.kept_out)} kept out, "
            + (
                "unchanged, not read again"
                if d.cached
                else f"{d.rows_read / max(d.seconds, 1e-9):,.0f} rows/s"
            )
        )
        for row, reason in d.kept_out[:20]:
            click.echo(f"    row {row}: {reason}")
        if len(d.kept_out) > 20:
            click.echo(f"    … and {len(d.kept_out) - 20} more")
        for note in d.notes:
            click.echo(f"    {note}")
    if report.tied_to_places:
        click.echo(
            f"  films tied to places by their keywords, summaries and titles: {report.tied_to_places} ties"
        )
    if report.placed_by_coordinates:
        click.echo(
            f"  placed in their arrondissement by coordinates: {report.placed_by_coordinates} addresses"
        )
    click.echo(f"  not read:       {len(report.unread)} passage(s)")
    for reason in report.unread:
        click.echo(f"    {reason}")
    click.echo(f"  kept out:       {len(report.kept_out)}")
    for reason in report.kept_out:
        click.echo(f"    {reason}")
    v = report.validation
    if v is not None:
        verdict = "conforms" if v.conforms else f"{v.violations} violation(s)"
        click.echo(f"  SHACL:          {verdict}")
        if not v.conforms:
            click.echo(v.report, err=True)
    for f in report.files:
        click.echo(f"  wrote {f}")
    from graph.build.options import HTML_MAX_NODES

    if not no_html and report.classes and sum(report.classes.values()) > HTML_MAX_NODES:
        click.echo(
            f"  the HTML draws the {HTML_MAX_NODES:,} most connected entities; query the store for all"
        )
    if v is not None and not v.conforms:
        sys.exit(1)


@main.command()
@click.argument("query")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a parameter of a named query (repeatable). IRIs may be given by name.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "xml"]),
    default="table",
    show_default=True,
    help="Format of SELECT results.",
)
@OUT_OPTION
@click.option("--endpoint", metavar="URL", default=None, help="Run it on a SPARQL endpoint instead.")
def query(query: str, params: tuple[str, ...], fmt: str, out: Path, endpoint: str | None) -> None:
    """Run QUERY: a named query of queries/, a .rq file ('-' for stdin), or SPARQL text.

    CONSTRUCT and DESCRIBE print Turtle.

    \b
    Examples:
      pariskg query cast --param film="Paris"
      pariskg query films-shot-in -p place="Paris 18" -f csv
      pariskg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s a schema:Movie }'
      pariskg query cast -p film=Paris --endpoint http://127.0.0.1:7878/query
    """
    from graph.cli.remote import remote_store
    from graph.store import query as q
    from graph.store.embedded import open_store

    try:
        text, named = (sys.stdin.read(), None) if query == "-" else q.resolve_query(query)
        values = {}
        for p in params:
            name, sep, value = p.partition("=")
            if not sep:
                raise click.BadParameter(f"'{p}' is not NAME=VALUE", param_hint="--param")
            values[name] = value
        store = open_store(out) if endpoint is None else remote_store(endpoint)
        result = q.run(store, text, q.bind(store, named, values))
        click.echo(q.format_result(result, fmt), nl=False)
    except ParisKGError as err:
        fail(err)


@main.command()
@click.argument("kind")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write it (default: downloads/ and the publisher's file name).",
)
@click.option("--url", default=None, help="Another address than the publisher's.")
def download(kind: str, output: Path | None, url: str | None) -> None:
    """Download a dataset's current export from its publisher (needs the internet).

    \b
    Example:
      pariskg download paris-filming-permits -o lieux-de-tournage-a-paris.csv
      pariskg build --source paris-filming-permits=lieux-de-tournage-a-paris.csv
    """
    from graph.cli.download import download as run_download
    from graph.sources.registry import dataset_kind

    try:
        target = output or Path("downloads") / str(dataset_kind(kind).meta.get("file", f"{kind}.data"))
        path = run_download(kind, target, url)
    except ParisKGError as err:
        fail(err)
        return
    click.echo(f"wrote {path} ({path.stat().st_size:,} bytes)")


@main.command("sources")
def list_sources() -> None:
    """List the kinds of input: document kinds (a sidecar names one) and dataset kinds (--source).

    \b
    Example:
      pariskg sources
    """
    from graph.sources.registry import DATASETS, DOCUMENT_KINDS

    click.echo('document kinds (data/documents/NAME.toml: kind = "…"):')
    for kind, text in DOCUMENT_KINDS.items():
        click.echo(f"  {kind:24s} {text}")
    click.echo("dataset kinds (pariskg build --source KIND=PATH):")
    for kind, dk in DATASETS.items():
        click.echo(f"  {kind:24s} {dk.description}")
        click.echo(f"  {'':24s} publisher: {dk.meta.get('publisher', '?')}, {dk.meta.get('url', '')}")


@main.command("queries")
def list_queries() -> None:
    """List the named queries with their parameters.

    \b
    Example:
      pariskg queries
    """
    from graph.store.query import named_queries

    for nq in named_queries():
        params = " ".join(f"--param {p.name}=…" for p in nq.params)
        click.echo(f"{nq.name:26s} {nq.title}" + (f"\n{'':26s}   {params}" if params else ""))


from graph.cli.inspect import export, path, resolve_report, stats  # noqa: E402  (light: they load on run)

for command in (export, path, resolve_report, stats):
    main.add_command(command)

from graph.cli.remote import push  # noqa: E402  (its module imports nothing heavy)

main.add_command(push)

from graph.cli.serve import serve  # noqa: E402  (imports nothing heavy: the server loads on run)

main.add_command(serve)

from graph.cli.analyse import analyse  # noqa: E402  (imports nothing heavy: analyses load on run)

main.add_command(analyse)

from graph.cli.viz import shoot_map, viz  # noqa: E402  (imports nothing heavy: pictures load on run)

main.add_command(viz)
main.add_command(shoot_map)
