"""Run the CLI as ``python -m graph``."""

from graph.cli.main import main

main()
