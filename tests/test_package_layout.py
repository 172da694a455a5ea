"""The package's layout holds: one folder per stage of the data flow, imports going down the
stages only, no import circle, small modules."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import networkx as nx
import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "graph"
# lowest first: a module may import from its own stage or an earlier one
STAGES = ("", "sources", "resolve", "make", "check", "store", "network", "picture", "build", "serve", "cli")
GROUND = {"graph.text", "graph.errors", "graph.namespace", "graph.ontology"}
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def stage(module: str) -> str:
    """The stage a module belongs to: its folder under graph/, or '' for the ground floor."""
    if module == "graph.__main__":  # `python -m graph` is the CLI
        return "cli"
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and module not in GROUND) else ""


def imported(module: str) -> set[str]:
    """Every module of the package that ``module`` imports, anywhere in it (type-checking and
    function-level imports included)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("graph"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from its own package
                base = module.rsplit(".", node.level)[0] if MODULES[module].stem != "__init__" else module
                target = f"{base}.{node.module}" if node.module else base
            elif node.module and node.module.startswith("graph"):
                target = node.module
            else:
                continue
            for alias in node.names:  # `from graph.store import query` imports the module graph.store.query
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
    return {m for m in found if m in MODULES and m != module}


def import_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for module in MODULES:
        if module in ("graph", "graph.__main__"):
            continue
        g.add_node(module)
        g.add_edges_from((module, other) for other in imported(module) if other != "graph")
    return g


def test_every_module_is_in_a_stage() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(STAGES) - {""}
    loose = (
        {p.stem for p in PACKAGE.glob("*.py")} - {m.split(".")[1] for m in GROUND} - {"__init__", "__main__"}
    )
    assert loose == set()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_stages(module: str) -> None:
    rank = STAGES.index(stage(module))
    upward = sorted(m for m in imported(module) if STAGES.index(stage(m)) > rank)
    assert upward == [], f"{module} ({stage(module) or 'ground'}) imports a later stage: {upward}"


def test_no_import_circle() -> None:
    cycles = list(nx.simple_cycles(import_graph()))
    assert cycles == []


def test_the_checker_sees_an_upward_import_and_a_circle() -> None:
    """The checks above can fail: a reader importing the store, and two modules importing each other."""
    g = import_graph()
    g.add_edge("graph.sources.imdb", "graph.store.embedded")
    g.add_edge("graph.store.embedded", "graph.sources.imdb")
    assert list(nx.simple_cycles(g))
    assert STAGES.index(stage("graph.store.embedded")) > STAGES.index(stage("graph.sources.imdb"))
    assert imported("graph.build.writing") >= {"graph.build.state", "graph.store.embedded"}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_are_small(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[module].relative_to(ROOT)} has {lines} lines"


def test_every_module_imports() -> None:
    for module in MODULES:
        assert importlib.util.find_spec(module) is not None, module
