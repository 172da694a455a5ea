"""Turtle and TriG written piece by piece are Oxigraph's files of the whole, and stay so when
only the pieces holding changed subjects or graphs are written again."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox

from graph.build import pieces
from graph.make.serialize import Statements

FILM = "https://w3id.org/paris-cinema/resource/film/"


def test_the_pieces_of_the_seed_graph_make_oxigraphs_turtle_and_trig(store: ox.Store) -> None:
    statements = Statements.of(store)
    turtle = pieces.write_turtle(statements.union())
    trig = pieces.write_trig((str(g).encode(), lines) for g, lines in statements.graphs)
    assert turtle.data == statements.turtle()
    assert trig.data == statements.trig()
    assert len(turtle.pieces) > 1, "a seed graph of thousands of triples is cut in several pieces"
    assert sum(p.statements for p in turtle.pieces) == len(statements.union())


def test_a_changed_union_rewrites_its_pieces_into_the_turtle_of_the_whole(store: ox.Store) -> None:
    union = Statements.of(store).union()
    old = pieces.write_turtle(union)
    gone = pieces.subject(union[len(union) // 2])
    added = [
        f'<{FILM}zz-new-film> <https://schema.org/name> "New film"'.encode(),
        f"<{FILM}zz-new-film> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Movie>".encode(),
        b'<urn:a:first> <https://schema.org/name> "before every other subject"',
    ]
    new = sorted([line for line in union if pieces.subject(line) != gone] + added)
    changed = {gone, *(pieces.subject(line) for line in added)}
    patched = pieces.update_turtle(old, changed, lambda start, end: list(pieces.between(new, start, end)))
    assert patched.data == pieces.write_turtle(new).data
    assert sum(p.statements for p in patched.pieces) == len(new)
    assert sum((p.classes for p in patched.pieces), Counter()) == pieces.classes_of(new)


def test_a_changed_graph_rewrites_its_trig_piece_only(store: ox.Store) -> None:
    graphs = [(str(g).encode(), lines) for g, lines in Statements.of(store).graphs]
    old = pieces.write_trig(graphs)
    name, lines = graphs[1]
    changed = [(n, None) for n, _ in graphs]
    changed[1] = (name, lines[: len(lines) // 2])
    del changed[0]  # a graph no longer built
    expected = pieces.write_trig([(name, lines[: len(lines) // 2]), *graphs[2:]])
    assert pieces.update_trig(old, changed).data == expected.data


def test_lines_between_two_subjects_keep_blank_nodes_that_prefix_each_other_apart() -> None:
    lines = sorted([b"_:b1 <urn:p> <urn:o>", b"_:b12 <urn:p> <urn:o>", b"_:b2 <urn:p> <urn:o>"])
    assert list(pieces.between(lines, b"_:b1", b"_:b12")) == [b"_:b1 <urn:p> <urn:o>"]
    assert list(pieces.between(lines, b"_:b12", None)) == [b"_:b12 <urn:p> <urn:o>", b"_:b2 <urn:p> <urn:o>"]


def test_nothing_at_all_is_an_empty_file_as_oxigraph_writes_it() -> None:
    assert pieces.write_turtle([]).data == b""
    assert pieces.write_trig([(b"<urn:g>", [])]).data == b""
