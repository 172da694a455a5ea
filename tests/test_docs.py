"""README, CONTRIBUTING and docs/ document what the tool does, and their examples run.

Examples that run: a ```console block is a transcript. Each line `$ pariskg …` is a command (a
line ending in `\\` goes on on the next), and the lines after it, up to the next `$ ` line, are
what it prints: stdout and stderr as a terminal shows them. Each block runs in a folder of its
own, holding links to data/, queries/ and tests/ and a copy of the seed build in out/ (a block
whose first command is `pariskg build` starts without out/); its commands run in order, in
process, through click's CliRunner. The output is compared line by line, except that a line `…`
stands for any lines (none included), times and rates (`1.2 s`, `3 ms`, `3,955 rows/s`) are
not compared, and the checkout's path is written away. Blocks of any other kind (```sh, ```,
```python) are shown, not run: use them for what is not stable (a server, a remote store, the
full build, timings).
"""

from __future__ import annotations

import contextlib
import re
import shlex
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from graph.cli.main import main
from graph.store.query import named_queries
from tests.conftest import ROOT

README = ROOT / "README.md"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
PAGES = sorted((ROOT / "docs").glob("*.md"))
DOCUMENTS = [README, CONTRIBUTING, *PAGES]
TEXT = {path: path.read_text(encoding="utf-8") if path.exists() else "" for path in DOCUMENTS}
EVERYTHING = "\n".join(TEXT[path] for path in [README, *PAGES])  # where the user documentation is

FENCE = re.compile(r"^(`{3,})(\S*)[^\n]*\n(.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
LINKED = ("data", "queries", "tests")  # what an example may name, linked into its folder


def name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# -- the two commands ---------------------------------------------------------------------------


def test_readme_starts_with_build_and_test_commands() -> None:
    title, rest = TEXT[README].split("\n", 1)
    assert title.startswith("# ") and rest.lstrip().startswith("```sh\n")
    block = TEXT[README].split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert block == ["pip install -e . && pariskg build", 'pip install -e ".[test]" && python -m pytest']


def test_ci_runs_the_readme_test_command() -> None:
    assert "python -m pytest" in (ROOT / ".ci" / "run").read_text()


def test_contributing_gives_every_check_ci_runs() -> None:
    checks = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip().startswith(("ruff ", "mypy", "python -m pytest"))
    ]
    assert checks and all(check in TEXT[CONTRIBUTING] for check in checks)


def test_readme_contributing_and_docs_pages_exist() -> None:
    assert README.exists() and CONTRIBUTING.exists() and PAGES


# -- links ----------------------------------------------------------------------------------------


def prose(text: str) -> str:
    """The text without its fenced blocks and inline code, where links are not links."""
    return re.sub(r"`[^`\n]*`", "", FENCE.sub("", text))


def slug(heading: str) -> str:
    """GitHub's anchor of a heading."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    found = set()
    for heading in HEADING.findall(FENCE.sub("", path.read_text(encoding="utf-8"))):
        base = slug(heading)
        n = seen.get(base, 0)
        seen[base] = n + 1
        found.add(base if n == 0 else f"{base}-{n}")
    return found


def relative_links(path: Path) -> list[str]:
    return [t for t in LINK.findall(prose(TEXT[path])) if not re.match(r"[a-z][a-z0-9+.-]*:", t)]


def test_readme_links_to_every_docs_page() -> None:
    targets = {(ROOT / t.split("#")[0]).resolve() for t in relative_links(README)}
    assert PAGES and [name(p) for p in PAGES if p.resolve() not in targets] == []


@pytest.mark.parametrize("path", DOCUMENTS, ids=name)
def test_every_relative_link_points_to_a_file_that_exists(path: Path) -> None:
    broken = []
    for target in relative_links(path):
        file, _, anchor = target.partition("#")
        resolved = (path.parent / file).resolve() if file else path
        if not resolved.exists():
            broken.append(target)
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{target} (no such heading)")
    assert broken == []


# -- commands, options, named queries ---------------------------------------------------------------


def commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    for command_name, command in sorted(group.commands.items()):
        yield prefix + command_name, command
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix}{command_name} ")


COMMANDS = dict(commands(main))
OPTIONS = sorted(
    {
        (path, opt)
        for path, command in [("", main), *COMMANDS.items()]
        for param in command.params
        if isinstance(param, click.Option)
        for opt in [*param.opts, *param.secondary_opts]
        if opt.startswith("--")
    }
)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_documented(command: str) -> None:
    assert f"pariskg {command}" in EVERYTHING


@pytest.mark.parametrize(("command", "option"), OPTIONS, ids=[f"{c} {o}".strip() for c, o in OPTIONS])
def test_every_option_is_documented(command: str, option: str) -> None:
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", EVERYTHING), f"pariskg {command} {option}"


@pytest.mark.parametrize("query", [q.name for q in named_queries()])
def test_every_named_query_is_in_the_queries_page(query: str) -> None:
    assert f"`{query}`" in TEXT[ROOT / "docs" / "queries.md"]


# -- the examples run ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    command: str  # as written after `$ `
    expected: list[str]


@dataclass(frozen=True)
class Transcript:
    where: str  # file:line of the block
    examples: list[Example]
    stray: list[str]  # lines before the first command (there should be none)


def transcripts(path: Path) -> Iterator[Transcript]:
    text = TEXT[path]
    for fence in FENCE.finditer(text):
        if fence.group(2) != "console":
            continue
        line = text.count("\n", 0, fence.start()) + 1
        examples: list[Example] = []
        lines = fence.group(3).splitlines()
        stray = []
        while lines and not lines[0].startswith("$ "):
            stray.append(lines.pop(0))
        while lines:
            command = lines.pop(0)[2:]
            while command.endswith("\\") and lines:
                command = command[:-1] + " " + lines.pop(0).strip()
            expected = []
            while lines and not lines[0].startswith("$ "):
                expected.append(lines.pop(0))
            examples.append(Example(command, expected))
        yield Transcript(f"{name(path)}:{line}", examples, stray)


TRANSCRIPTS = [t for path in DOCUMENTS for t in transcripts(path)]


def test_the_readme_runs_its_examples() -> None:
    shown = [e.command for t in TRANSCRIPTS if t.where.startswith("README.md:") for e in t.examples]
    assert "pariskg build" in shown and sum(c.startswith("pariskg query ") for c in shown) >= 3


TIME = re.compile(r"\d[\d,]*(?:\.\d+)?(?= (?:s|ms|µs)\b)|\d[\d,]*(?:\.\d+)?(?= \w+/s\b)")


def normalised(lines: list[str]) -> list[str]:
    """The lines without the checkout's and the current folder's paths, times, trailing blanks."""
    paths = {f"{ROOT}/", f"{Path.cwd()}/"}
    cleaned = []
    for line in lines:
        for path in paths:
            line = line.replace(path, "")
        cleaned.append(TIME.sub("N", line).rstrip())
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    return cleaned


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the lines match, `…` standing for any lines."""
    # can[i][j]: expected[i:] matches actual[j:]
    can = [[False] * (len(actual) + 1) for _ in range(len(expected) + 1)]
    can[len(expected)][len(actual)] = True
    for i in range(len(expected) - 1, -1, -1):
        for j in range(len(actual), -1, -1):
            if expected[i] == "…":
                can[i][j] = can[i + 1][j] or (j < len(actual) and can[i][j + 1])
            else:
                can[i][j] = j < len(actual) and expected[i] == actual[j] and can[i + 1][j + 1]
    return can[0][0]


FIRST_BUILDS: dict[str, tuple[Path, list[str]]] = {}  # a block's first `pariskg build …`: folder, output


def linked_folder(folder: Path) -> Path:
    """A new folder in which examples may name data/, queries/ and tests/ as in the checkout."""
    folder.mkdir()
    for linked in LINKED:
        (folder / linked).symlink_to(ROOT / linked, target_is_directory=True)
    return folder


def run(runner: CliRunner, command: str) -> list[str]:
    """What ``pariskg …`` prints, run in process in the current folder."""
    args = shlex.split(command)
    result = runner.invoke(main, args[1:], prog_name="pariskg")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return normalised(result.output.splitlines())


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=[t.where for t in TRANSCRIPTS])
def test_examples_print_what_the_docs_show(
    transcript: Transcript, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, out: Path
) -> None:
    assert transcript.examples, f"{transcript.where}: a console block without a `$ pariskg` line"
    assert not transcript.stray, f"{transcript.where}: output before the first `$ pariskg` line"
    for example in transcript.examples:
        assert shlex.split(example.command)[0] == "pariskg", f"{transcript.where}: {example.command}"
    runner = CliRunner()
    folder = tmp_path / "run"
    examples = list(transcript.examples)
    printed: list[list[str]] = []
    first = examples[0].command
    if first.startswith("pariskg build"):  # from nothing; blocks that start alike share one build
        if first not in FIRST_BUILDS:
            built = linked_folder(tmp_path_factory.mktemp("first-build") / "run")
            with contextlib.chdir(built):
                FIRST_BUILDS[first] = (built, run(runner, first))
        shutil.copytree(FIRST_BUILDS[first][0], folder, symlinks=True)
        printed.append(FIRST_BUILDS[first][1])
        examples.pop(0)
    else:
        shutil.copytree(out, linked_folder(folder) / "out")
    with contextlib.chdir(folder):
        printed += [run(runner, example.command) for example in examples]
    wrong = [
        f"$ {example.command}\n" + "\n".join(actual)
        for example, actual in zip(transcript.examples, printed, strict=True)
        if not matches(normalised(example.expected), actual)
    ]
    assert not wrong, f"{transcript.where}: what the commands print now:\n\n" + "\n\n".join(wrong)
