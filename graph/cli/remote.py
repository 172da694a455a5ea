"""`pariskg push`: the build into an external triple store (a thin shell over graph.store.push)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from graph.cli.common import OUT_OPTION
from graph.errors import ParisKGError

if TYPE_CHECKING:
    from graph.store.remote import Endpoint, RemoteStore


def endpoint_options(
    endpoint: str, update: str | None, graph_store: str | None, auth: str | None, token: str | None
) -> Endpoint:
    """The Endpoint the options describe; ``--auth`` is USER:PASSWORD."""
    from graph.store.remote import Endpoint

    user = password = None
    if auth is not None:
        user, sep, password = auth.partition(":")
        if not sep or not user:
            raise click.BadParameter("write USER:PASSWORD", param_hint="--auth")
    if auth and token:
        raise click.BadParameter("give --auth or --token, not both", param_hint="--token")
    return Endpoint(endpoint, update, graph_store, user, password, token)


def remote_store(url: str) -> RemoteStore:
    """The endpoint at ``url`` as a store for ``pariskg query --endpoint``."""
    from graph.store.remote import Endpoint, RemoteStore

    return RemoteStore(Endpoint(url))


@click.command()
@click.option(
    "--endpoint", required=True, metavar="URL", help="SPARQL query endpoint (counts are asked there)."
)
@click.option("--update", metavar="URL", default=None, help="SPARQL Update endpoint (default: --endpoint).")
@click.option(
    "--graph-store",
    metavar="URL",
    default=None,
    help="Graph Store Protocol endpoint; without it graphs are loaded by SPARQL Update.",
)
@click.option(
    "--auth",
    metavar="USER:PASSWORD",
    envvar="PARISKG_PUSH_AUTH",
    help="HTTP Basic or Digest, as the store asks.",
)
@click.option("--token", metavar="TOKEN", envvar="PARISKG_PUSH_TOKEN", help="A bearer token.")
@click.option(
    "--batch",
    type=int,
    default=None,
    help="Triples per request (default: 50,000 by Graph Store, 2,000 by SPARQL Update).",
)
@click.option(
    "--direct",
    is_flag=True,
    help="Replace each graph by one Graph Store PUT, unstaged: faster, and atomic only where the "
    "store's PUT is (Oxigraph's is; Virtuoso's is not).",
)
@OUT_OPTION
def push(
    endpoint: str,
    update: str | None,
    graph_store: str | None,
    auth: str | None,
    token: str | None,
    batch: int | None,
    direct: bool,
    out: Path,
) -> None:
    """Load the build into a triple store, one named graph per source, replacing each graph
    (pushing twice leaves the same data), then count what the store holds.

    Each graph is staged, then moved onto its name in one update: a push that stops leaves every
    graph whole (old or new) and says which graphs were replaced. Exit codes: 0 pushed and
    verified; 1 pushed, but a count differs; 2 bad input, or the push stopped.
    PARISKG_PUSH_AUTH and PARISKG_PUSH_TOKEN keep secrets off the command line.

    \b
    Examples:
      oxigraph serve --location kg --bind 127.0.0.1:7878 &
      pariskg push --endpoint http://127.0.0.1:7878/query --update http://127.0.0.1:7878/update \\
                   --graph-store http://127.0.0.1:7878/store
      pariskg push --endpoint http://127.0.0.1:8890/sparql-auth \\
                   --graph-store http://127.0.0.1:8890/sparql-graph-crud-auth --auth dba:dba
    """
    from graph.namespace import curie
    from graph.store.push import push as run_push

    target = endpoint_options(endpoint, update, graph_store, auth, token)
    try:
        report = run_push(
            out, target, batch=batch, direct=direct, progress=lambda line: click.echo(f"… {line}", err=True)
        )
    except ParisKGError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(2)
    rate = report.sent / max(report.seconds, 1e-9)
    click.echo(
        f"Pushed {len(report.graphs)} graphs, {report.sent:,} triples to {report.endpoint} "
        f"in {report.seconds:.1f} s ({rate:,.0f} triples/s)"
    )
    width = max(len(curie(g.graph)) for g in report.graphs)
    click.echo(f"  {'graph':{width}}  {'sent':>9}  {'stored':>9}  method")
    for g in report.graphs:
        flag = "" if g.stored == g.sent else "  ← differs"
        click.echo(f"  {curie(g.graph):{width}}  {g.sent:9,}  {g.stored:9,}  {g.method}{flag}")
    if report.stale:
        click.echo(f"  graphs under the same base not in this build (left as they are): {len(report.stale)}")
        for graph in report.stale:
            click.echo(f"    {graph}")
    if report.mismatched:
        click.echo(f"verified: {len(report.mismatched)} graph(s) hold another count than was sent", err=True)
        sys.exit(1)
    click.echo("verified: every graph holds the triples sent")
