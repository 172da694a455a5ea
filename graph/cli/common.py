"""What every `pariskg` command shares: the build folder option and how bad input ends a command."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from graph.errors import ParisKGError

#: ``--out``: the build folder a command reads (or writes)
OUT_OPTION = click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Build folder (default: out/).",
)


def fail(err: ParisKGError) -> NoReturn:
    """Print ``err`` (file, line, hint) and exit 2: bad input or usage."""
    click.echo(f"error: {err}", err=True)
    sys.exit(2)
