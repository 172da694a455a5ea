"""What a build leaves for the next one, in the cache folder beside the build folder: each graph's
sorted statements with the fingerprint of the inputs it was made from, the index of the Turtle and
TriG files, the SHACL results by focus node, the size and time of every file the build wrote, and
the link structure and layouts its picture was drawn from.

The next build re-makes only the graphs whose inputs changed and patches the files, the store and
the verdict with the difference; it trusts the previous build folder only while every file in it is
as that build left it, and only under the same code, ontology and shapes. Anything else (a missing
or damaged state, an edited file, `pariskg analyse --write` into the store) means a full build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.build.pieces import Piece, Written
from graph.check.shacl import Result
from graph.ontology import ONTOLOGY_DIR
from graph.store.embedded import STORE_DIR, TRIG_FILE, TURTLE_FILE

if TYPE_CHECKING:
    from graph.network.store_view import Structure

STATE_DIR = "graphs"
MANIFEST = "state.pickle"
FORMAT = 4
PACKAGE = Path(__file__).resolve().parents[1]  # the graph package


@dataclass
class Picture:
    """What a build's picture was drawn from, kept for the next build to patch: the store's link
    structure and the layouts (graph.picture.layout.Memo)."""

    links: Structure
    layouts: dict[str, Any]


@dataclass(frozen=True)
class GraphRecord:
    """One graph of a build: the fingerprint of its inputs (None: made every time), the file of
    its sorted lines in the state folder, how many statements it holds, and the fingerprints of
    its shards when it is made by subject (graph.build.parts.Shards)."""

    key: str | None
    file: str
    statements: int
    shards: tuple[str, ...] = ()


@dataclass
class BuildState:
    """The previous build, as the next one needs it."""

    fingerprint: str
    graphs: dict[bytes, GraphRecord]
    turtle: list[Piece]
    trig: list[Piece]
    results: list[Result]
    files: dict[str, tuple[int, int]] = field(default_factory=dict)
    picture: Picture | None = None  # what the picture was drawn from (None: no picture drawn)


@cache
def fingerprint() -> str:
    """The code, ontology, shapes and serialiser versions a state was made with."""
    digest = hashlib.sha256(
        f"{FORMAT} pyoxigraph {version('pyoxigraph')} pyshacl {version('pyshacl')}".encode()
    )
    for path in sorted([*PACKAGE.rglob("*.py"), *ONTOLOGY_DIR.glob("*.ttl")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def folder_stats(out: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time (ns) of the files a build reuses (Turtle, TriG, the store), by
    path in ``out``. RocksDB's informational logs (LOG, LOG.old…) change when the store is merely
    opened; they say nothing of its content and are left out."""
    stats = {}
    reused = [out / TURTLE_FILE, out / TRIG_FILE, *sorted((out / STORE_DIR).glob("*"))]
    for path in reused:
        if path.is_file() and not path.name.startswith("LOG") and path.name != "LOCK":
            st = path.stat()
            stats[str(path.relative_to(out))] = (st.st_size, st.st_mtime_ns)
    return stats


def load(cache_dir: Path, out: Path) -> BuildState | None:
    """The state of the build in ``out`` if it can be trusted (see the module docstring), else None."""
    path = cache_dir / STATE_DIR / MANIFEST
    try:
        state = pickle.loads(path.read_bytes())
    except Exception:  # missing, damaged or foreign: a full build
        return None
    if not isinstance(state, BuildState) or state.fingerprint != fingerprint():
        return None
    if not out.is_dir() or folder_stats(out) != state.files:
        return None
    if not all((cache_dir / STATE_DIR / g.file).is_file() for g in state.graphs.values()):
        return None
    return state


def read_lines(cache_dir: Path, record: GraphRecord) -> list[bytes]:
    """The sorted lines of a graph of the previous build."""
    data = (cache_dir / STATE_DIR / record.file).read_bytes()
    return data.split(b"\n") if data else []


def file_name(graph: bytes, key: str | None, lines: list[bytes]) -> str:
    """The state file of a graph's lines: named by the graph and its fingerprint (or content)."""
    digest = hashlib.sha1(graph)
    digest.update((key or "").encode())
    if key is None:
        digest.update(hashlib.sha1(b"\n".join(lines)).digest())
    return f"{digest.hexdigest()[:24]}.nt"


def save(
    cache_dir: Path,
    out: Path,
    graphs: dict[bytes, GraphRecord],
    new_lines: dict[bytes, list[bytes]],
    turtle: Written,
    trig: Written,
    results: list[Result],
    picture: Picture | None = None,
) -> None:
    """Keep the state of the build just moved into ``out``: the lines of the graphs made anew
    (the others' files are kept), then the manifest, replaced in one step; files no graph names
    any more are removed last. A build stopped halfway leaves a manifest that does not match
    ``out``, which means a full build next time."""
    folder = cache_dir / STATE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for graph, lines in new_lines.items():
        target = folder / graphs[graph].file
        if not target.exists():
            part = target.with_suffix(".part")
            part.write_bytes(b"\n".join(lines))
            part.replace(target)
    state = BuildState(fingerprint(), graphs, turtle.pieces, trig.pieces, results, folder_stats(out), picture)
    part = folder / f"{MANIFEST}.part"
    part.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(part, folder / MANIFEST)
    named = {g.file for g in graphs.values()} | {MANIFEST}
    for path in folder.iterdir():
        if path.name not in named:
            path.unlink(missing_ok=True)


def forget(cache_dir: Path) -> None:
    """Drop the state (a build that could not keep it): the next build is a full one."""
    (cache_dir / STATE_DIR / MANIFEST).unlink(missing_ok=True)
