"""A rebuild: the previous build folder patched with the graphs that changed.

Each graph whose fingerprint did not change is the previous build's; the others are made and
compared with what they were. The difference is applied to a copy of the previous store (a RocksDB
checkpoint: hard links, instant), to the previous Turtle and TriG files (only the pieces holding a
changed subject or graph are written again, graph.build.pieces), and to the SHACL verdict (only the
nodes it touched are checked again, graph.check.focused). The result is the build folder a full
build would write, byte for byte in its files (tests/test_rebuild.py).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from graph.build import pieces
from graph.build import state as build_state
from graph.build.parts import SHARDS, GraphPart, patched_lines
from graph.build.state import BuildState, GraphRecord
from graph.check.focused import changed_nodes, check_again, touched_nodes
from graph.check.shacl import Validation
from graph.store.embedded import STORE_DIR, TRIG_FILE, TURTLE_FILE

NO_RECORD = GraphRecord("", "", 0)


def record_of(part: GraphPart, lines: list[bytes]) -> GraphRecord:
    """The state's record of a graph made now with ``lines``."""
    shards = part.shards.keys if part.shards else ()
    return GraphRecord(part.key, build_state.file_name(part.name, part.key, lines), len(lines), shards)


@dataclass
class Rebuilt:
    """What a rebuild wrote and found."""

    turtle: pieces.Written
    trig: pieces.Written
    graphs: dict[bytes, GraphRecord]
    new_lines: dict[bytes, list[bytes]]
    validation: Validation
    changed: list[bytes] = field(default_factory=list)  # graphs whose statements changed
    statements_changed: int = 0  # lines added or removed over all graphs
    nodes: set[str] = field(default_factory=set)  # the subjects and IRI objects of those lines


class _Lines:
    """Each graph's sorted lines: made now, or read from the previous build's state on demand."""

    def __init__(self, cache_dir: Path, state: BuildState, made: dict[bytes, list[bytes]]) -> None:
        self.cache_dir, self.state, self.made = cache_dir, state, made
        self.read: dict[bytes, list[bytes]] = {}

    def old(self, name: bytes) -> list[bytes]:
        record = self.state.graphs.get(name)
        if record is None:
            return []
        if name not in self.read:
            self.read[name] = build_state.read_lines(self.cache_dir, record)
        return self.read[name]

    def new(self, name: bytes) -> list[bytes]:
        return self.made[name] if name in self.made else self.old(name)


def rebuild(
    state: BuildState,
    cache_dir: Path,
    out: Path,
    tmp: Path,
    parts: Sequence[GraphPart],
    make: Callable[[Sequence[GraphPart]], dict[bytes, list[bytes]]],
    inverse: set[URIRef],
) -> Rebuilt:
    """Write into ``tmp`` the build of ``parts`` from the previous build in ``out`` and its
    ``state``; ``make(parts)`` gives the sorted lines of the parts that must be made."""
    stale = [p for p in parts if p.key is None or state.graphs.get(p.name, NO_RECORD).key != p.key]
    # a graph made by shards is patched where the previous build's shards are known
    by_shard = [p for p in stale if p.shards and len(state.graphs.get(p.name, NO_RECORD).shards) == SHARDS]
    made: dict[bytes, list[bytes]] = make([p for p in stale if p not in by_shard])
    lines = _Lines(cache_dir, state, made)
    for part in by_shard:
        made[part.name] = patched_lines(part, lines.old(part.name), state.graphs[part.name].shards)
    graphs: dict[bytes, GraphRecord] = {}
    new_lines: dict[bytes, list[bytes]] = {}
    changed: dict[bytes, tuple[set[bytes], set[bytes]]] = {}  # graph -> (added, removed)
    for part in parts:
        if part.name not in made:
            graphs[part.name] = state.graphs[part.name]
            continue
        now, before = made[part.name], lines.old(part.name)
        graphs[part.name] = record_of(part, now)
        new_lines[part.name] = now
        if now != before:
            now_set, before_set = set(now), set(before)
            changed[part.name] = (now_set - before_set, before_set - now_set)
    for name in state.graphs.keys() - graphs.keys():  # a source no longer read
        changed[name] = (set(), set(lines.old(name)))

    store = _patched_store(out, tmp, changed)
    diff = [line for added, removed in changed.values() for line in (*added, *removed)]
    validation = check_again(store, touched_nodes(diff, store), state.results, inverse)
    del store

    subjects = {pieces.subject(line) for line in diff}
    names = sorted(graphs)

    def union_between(start: bytes, end: bytes | None) -> list[bytes]:
        return sorted({line for name in names for line in pieces.between(lines.new(name), start, end)})

    turtle = pieces.update_turtle(
        pieces.Written((out / TURTLE_FILE).read_bytes(), state.turtle), subjects, union_between
    )
    old_trig = pieces.Written((out / TRIG_FILE).read_bytes(), state.trig)
    in_old = {p.start for p in state.trig}
    trig = pieces.update_trig(
        old_trig, [(n, None if n not in changed and n in in_old else lines.new(n)) for n in names]
    )
    nodes = changed_nodes(diff)
    return Rebuilt(turtle, trig, graphs, new_lines, validation, sorted(changed), len(diff), nodes)


def _patched_store(out: Path, tmp: Path, changed: dict[bytes, tuple[set[bytes], set[bytes]]]) -> ox.Store:
    """A checkpoint of the previous store in ``tmp`` with the changes applied (open, writable)."""
    target = tmp / STORE_DIR
    shutil.rmtree(target, ignore_errors=True)
    ox.Store.read_only(str(out / STORE_DIR)).backup(str(target))
    store = ox.Store(str(target))
    for name, (added, removed) in changed.items():
        graph = ox.NamedNode(name[1:-1].decode())
        if removed:
            for quad in _quads(removed, graph):
                store.remove(quad)
        if added:
            store.extend(_quads(added, graph))
    store.flush()
    return store


def _quads(lines: set[bytes], graph: ox.NamedNode) -> list[ox.Quad]:
    triples = ox.parse(b"".join(line + b" .\n" for line in sorted(lines)), format=ox.RdfFormat.N_TRIPLES)
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
