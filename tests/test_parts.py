"""A graph made by shards of subjects is patched where its shards changed: the lines are those a
whole making gives."""

from __future__ import annotations

import hashlib
from collections.abc import Collection

from rdflib import Literal, URIRef
from rdflib.namespace import SDO

from graph.build.parts import SHARDS, GraphPart, Shards, graph_name, made_lines, patched_lines, shard_of
from graph.make import rdf

NAME = graph_name(rdf.ENTITIES_GRAPH)


def part_of(names: dict[str, str]) -> GraphPart:
    """The entities graph of ``names`` (IRI -> name), by shards."""
    by_shard: list[list[str]] = [[] for _ in range(SHARDS)]
    for iri in names:
        by_shard[shard_of(f"<{iri}>".encode())].append(iri)
    keys = tuple(
        hashlib.sha256(repr(sorted((i, names[i]) for i in s)).encode()).hexdigest() for s in by_shard
    )

    def make(shards: Collection[int], ds: rdf.Quads) -> None:
        triples = [(URIRef(i), SDO.name, Literal(names[i])) for s in shards for i in by_shard[s]]
        ds.graph(rdf.ENTITIES_GRAPH).add_all(triples)

    return GraphPart(NAME, "".join(keys), lambda ds: make(range(SHARDS), ds), Shards(keys, make))


def test_shards_made_again_give_the_lines_of_the_whole() -> None:
    before = {f"https://example.org/e{i}": f"Name {i}" for i in range(2000)}
    after = {**before, "https://example.org/e7": "Renamed", "https://example.org/new": "New"}
    del after["https://example.org/e8"]
    old, new = part_of(before), part_of(after)
    assert old.shards is not None
    old_lines = made_lines([old])[NAME]
    patched = patched_lines(new, old_lines, old.shards.keys)
    assert patched == made_lines([new])[NAME]
    assert b'"Renamed"' in b"\n".join(patched) and b'"Name 8"' not in b"\n".join(patched)


def test_unchanged_shards_are_not_made_again() -> None:
    names = {f"https://example.org/e{i}": f"Name {i}" for i in range(50)}
    part = part_of(names)
    assert part.shards is not None
    made: list[int] = []
    shards = Shards(part.shards.keys, lambda which, ds: made.extend(which))
    old_lines = made_lines([part])[NAME]
    assert (
        patched_lines(GraphPart(NAME, part.key, part.make, shards), old_lines, part.shards.keys) == old_lines
    )
    assert made == []
