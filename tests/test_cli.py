"""The `pariskg` command as a user runs it: build, errors that say where, exit codes, help."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graph.cli.main import main
from graph.store.embedded import TRIG_FILE, TURTLE_FILE
from tests.conftest import DATA, ROOT

COMMANDS = ["build", "query", "queries", "export", "path", "stats"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh interpreter, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "graph", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "random"},
    )


def test_two_builds_are_byte_identical(out: Path, tmp_path: Path) -> None:
    second = tmp_path / "again"
    result = run("build", "--data", str(DATA), "--out", str(second), "--no-html")
    assert result.returncode == 0, result.stderr
    for name in (TURTLE_FILE, TRIG_FILE):
        assert (
            hashlib.sha256((out / name).read_bytes()).hexdigest()
            == hashlib.sha256((second / name).read_bytes()).hexdigest()
        ), name


def test_turtle_parses_back_to_the_same_graph_as_the_trig(out: Path) -> None:
    turtle = Graph().parse(out / TURTLE_FILE)
    ds = Dataset()
    ds.parse(out / TRIG_FILE, format="trig")
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(turtle, union)
    assert len(turtle) > 3000


def test_turtle_has_readable_prefixes(out: Path) -> None:
    head = (out / TURTLE_FILE).read_text(encoding="utf-8")[:2000]
    for prefix in ("film:", "person:", "place:", "schema:", "pc:"):
        assert f"@prefix {prefix}" in head


def test_a_build_patches_the_previous_one_unless_told_full(tmp_path: Path) -> None:
    """The summary says which kind of build ran: the second build patches the first, --full
    builds from nothing, and both write the same files."""
    build = ["build", "--out", str(tmp_path / "o"), "--no-html"]
    first = CliRunner().invoke(main, build)
    assert first.exit_code == 0, first.output
    turtle = (tmp_path / "o" / TURTLE_FILE).read_bytes()
    again = CliRunner().invoke(main, build)
    assert "rebuilding (" in again.output and "0 changed" in again.output
    full = CliRunner().invoke(main, [*build, "--full"])
    assert full.exit_code == 0, full.output
    assert "rebuilding" not in full.output and "checking (SHACL" in full.output
    assert (tmp_path / "o" / TURTLE_FILE).read_bytes() == turtle


def test_build_prints_a_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "o"), "--no-html"])
    assert result.exit_code == 0, result.output
    for words in (
        "sources read:   9",
        "triples:",
        "schema:Person",
        "kept out:       0",
        "SHACL:          conforms",
        "L'Appartement",
    ):
        assert words in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "-h"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_version() -> None:
    from graph import __version__

    result = CliRunner().invoke(main, ["--version"])
    assert __version__ in result.output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"  \n", "empty.txt: empty document"),
        ("binary.txt", b"GIF89a\x00\x01\x02", "binary.txt:1: binary file"),
        ("latin.txt", "Première ligne\nCaf\xe9".encode("latin-1"), "latin.txt:1:"),
    ],
)
def test_unreadable_documents_are_kept_out_and_named(
    data_copy: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (data_copy / "documents" / name).write_bytes(content)
    (data_copy / "documents" / name).with_suffix(".toml").write_text('kind = "review"\n')
    result = CliRunner().invoke(
        main, ["build", "--data", str(data_copy), "--out", str(tmp_path / "o"), "--no-html"]
    )
    assert result.exit_code == 0, result.output
    assert "kept out:       1" in result.output
    assert message in result.output
    strict = CliRunner().invoke(
        main, ["build", "--data", str(data_copy), "--out", str(tmp_path / "s"), "--strict"]
    )
    assert strict.exit_code == 2
    assert message in strict.output
    assert not (tmp_path / "s").exists()


def test_unknown_kind_names_the_sidecar(data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "documents" / "x.txt").write_text("Some text about Paris.")
    (data_copy / "documents" / "x.toml").write_text('kind = "poem"\n')
    result = CliRunner().invoke(
        main, ["build", "--data", str(data_copy), "--out", str(tmp_path / "o"), "--no-html"]
    )
    assert "x.toml:1: no reader for kind 'poem'; known kinds: film-page, press-page, review" in result.output


def test_curated_syntax_error_names_file_and_line(data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "curated" / "broken.toml").write_text('[source]\ntitle = "x"\n\n[[person]\nname = "A"\n')
    result = CliRunner().invoke(
        main, ["build", "--data", str(data_copy), "--out", str(tmp_path / "o"), "--no-html"]
    )
    assert "broken.toml:4:" in result.output
    assert "TOML syntax error" in result.output


def test_curated_record_error_names_its_line(data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "curated" / "bad.toml").write_text(
        '[source]\ntitle = "x"\n\n[[person]]\nname = "A"\nsource = "https://a"\n\n'
        "[[person]]\noccupations = []\n"
    )
    result = CliRunner().invoke(
        main, ["build", "--data", str(data_copy), "--out", str(tmp_path / "o"), "--no-html"]
    )
    assert "bad.toml:8: [[person]] record 2: missing 'name'" in result.output


def test_a_failed_build_leaves_the_previous_build_alone(out: Path, data_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "o"
    first = CliRunner().invoke(main, ["build", "--data", str(data_copy), "--out", str(target), "--no-html"])
    assert first.exit_code == 0
    before = (target / TURTLE_FILE).read_bytes()
    (data_copy / "documents" / "e.txt").write_text("")
    (data_copy / "documents" / "e.toml").write_text('kind = "review"\n')
    failed = CliRunner().invoke(main, ["build", "--data", str(data_copy), "--out", str(target), "--strict"])
    assert failed.exit_code == 2
    assert (target / TURTLE_FILE).read_bytes() == before
    # no half-written folder is left behind; what the next build reuses is kept beside the build
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [".o-cache"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "SELECT ?x WHERE { ?x ?y }"], "query:1:26: SPARQL syntax error"),
        (["query", "no-such-query"], "no named query 'no-such-query'; known: box-office"),
        (["query", "cast"], "missing parameter 'film' (iri)"),
        (["query", "cast", "-p", "film=Nowhere Film"], "no entity named 'Nowhere Film'"),
        (["query", "cast", "-p", "film=Pari"], "did you mean: Paris"),
        (["query", "cast", "-p", "film=Paris", "-p", "year=2008"], "unknown parameter(s) year"),
        (["path", "Romain Duris", "Nobody Here"], "no entity named 'Nobody Here'"),
    ],
)
def test_query_errors_are_clear(out: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 2
    assert message in result.output


def test_commands_without_a_build_say_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--out", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "run `pariskg build` first" in result.output


def test_path_tells_the_chain(out: Path) -> None:
    result = CliRunner().invoke(main, ["path", "Romain Duris", "Gus Van Sant", "--out", str(out)])
    assert result.exit_code == 0
    assert result.output.splitlines()[1:] == [
        "  Paris —actor (as Pierre)→ Romain Duris",
        "  Paris —actor (as Élise)→ Juliette Binoche",
        "  Paris, je t'aime —actor→ Juliette Binoche",
        "  Paris, je t'aime —director→ Gus Van Sant",
        "  In words: Romain Duris played Pierre in Paris (2008), in which Juliette Binoche played Élise;"
        " Juliette Binoche acted in Paris, je t'aime (2006), directed in part by Gus Van Sant.",
    ]


def test_stats(out: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--out", str(out), "--top", "3"])
    assert result.exit_code == 0
    assert "43  schema:Person" in result.output
    assert "Paris  (film:paris-2008)" in result.output


def test_stats_ranks_as_the_whole_projection_does(out: Path) -> None:
    """The most connected entities, read from the link structure, are the projection's: same
    order (degree, then IRI), same degrees, same labels."""
    from graph.namespace import curie
    from graph.network.projection import to_networkx
    from graph.network.stats import stats
    from graph.store.embedded import open_store

    store = open_store(out)
    g = to_networkx(store)
    expected = sorted(g.degree(), key=lambda nd: (-nd[1], nd[0]))[:40]
    assert stats(store, 40).most_connected == [(curie(n), g.nodes[n]["label"], d) for n, d in expected]
    assert stats(store, 0).most_connected == []


def test_resolve_report_gives_each_merge_its_evidence(out: Path) -> None:
    result = CliRunner().invoke(main, ["resolve-report", "--out", str(out), "--grep", "klapisch"])
    assert result.exit_code == 0, result.output
    assert "merges: 1" in result.output
    line = next(x for x in result.output.splitlines() if x.startswith("  Cédric Klapisch"))
    assert "curated-people" in line and "same name" in line


def test_resolve_report_json_and_csv_hold_every_section(out: Path) -> None:
    result = CliRunner().invoke(main, ["resolve-report", "--out", str(out), "--format", "json"])
    data = json.loads(result.output)
    assert set(data) == {"merges", "near-misses", "conflicts"}
    assert len(data["merges"]) > 10
    assert all(m["evidence"] for m in data["merges"])
    csv_out = CliRunner().invoke(main, ["resolve-report", "--out", str(out), "--format", "csv"]).output
    assert csv_out.count("\nmerges,") == len(data["merges"])


def test_resolve_report_without_a_build_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["resolve-report", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "no resolution report here" in result.output and "pariskg build" in result.output
