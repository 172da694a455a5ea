"""`pariskg serve`: the command line of the SPARQL endpoint (a thin shell over graph.serve)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.errors import ParisKGError
from graph.namespace import BASE

DEFAULTS_HELP = "Build folder (default: out/)."


@click.command()
@click.option(
    "--out", type=click.Path(path_type=Path), default=Path("out"), show_default=True, help=DEFAULTS_HELP
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.option(
    "--base",
    default=BASE,
    show_default=True,
    help="Published IRI base: {base}resource/X is served at /resource/X.",
)
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=Path("data"),
    show_default=True,
    help="Input folder; its documents give entity pages the sentence around each quote.",
)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a query may run (then 503).",
)
@click.option(
    "--max-result-bytes",
    default=50_000_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest answer in bytes (then 422).",
)
@click.option(
    "--max-body-bytes",
    default=1_000_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest request body in bytes (then 413).",
)
@click.option("--workers", type=click.IntRange(min=1), help="Query worker processes (default: CPUs, 2 to 8).")
@click.option(
    "--allow-update", is_flag=True, help="Accept SPARQL Update (needs --token); opens the store writable."
)
@click.option(
    "--in-memory", is_flag=True, help="Each worker queries a copy of the store in memory (~3x faster joins)."
)
@click.option("--token", envvar="PARISKG_TOKEN", help="Bearer token updates must carry (or PARISKG_TOKEN).")
def serve(
    out: Path,
    host: str,
    port: int,
    base: str,
    data: Path,
    timeout: float,
    max_result_bytes: int,
    max_body_bytes: int,
    workers: int | None,
    allow_update: bool,
    in_memory: bool,
    token: str | None,
) -> None:
    """Serve the build as a SPARQL 1.1 endpoint (/sparql), a query page (/) and Linked Data (/resource/…).

    \b
    Examples:
      pariskg serve --port 8000
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' localhost:8000/sparql
      PARISKG_TOKEN=secret pariskg serve --allow-update
    """
    from graph.serve import ServeOptions
    from graph.serve import serve as run_server

    if allow_update and not token:
        raise click.UsageError("--allow-update needs a token: --token TOKEN or PARISKG_TOKEN")
    if allow_update and in_memory:
        raise click.UsageError("--in-memory serves a copy: updates need the store itself (drop one)")
    fields = {"workers": workers} if workers else {}
    options = ServeOptions(
        out=out,
        base=base,
        data=data if data.is_dir() else None,
        timeout=timeout,
        max_result_bytes=max_result_bytes,
        max_body_bytes=max_body_bytes,
        allow_update=allow_update,
        in_memory=in_memory,
        token=token,
        **fields,
    )
    try:
        run_server(options, host=host, port=port)
    except ParisKGError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(2)
