"""README documents what the tool does: every command, every named query, the two commands first."""

from __future__ import annotations

import pytest

from graph.cli.main import main
from graph.store.query import named_queries
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_build_and_test_commands() -> None:
    block = README.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert block == ["pip install -e . && pariskg build", 'pip install -e ".[test]" && python -m pytest']


@pytest.mark.parametrize("command", sorted(main.commands))  # type: ignore[attr-defined]
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"pariskg {command}" in README


@pytest.mark.parametrize("name", [q.name for q in named_queries()])
def test_every_named_query_is_in_the_readme(name: str) -> None:
    assert f"`{name}`" in README


def test_ci_runs_the_readme_test_command() -> None:
    assert "python -m pytest" in (ROOT / ".ci" / "run").read_text()
