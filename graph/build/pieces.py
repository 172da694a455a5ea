"""Turtle and TriG files written piece by piece, so that a rebuild re-serialises only what changed.

Oxigraph writes the prefixes once, then each subject (Turtle) or each graph (TriG) on its own
lines: the serialisation of a whole is the prefixes followed by the serialisations of its pieces,
byte for byte (tests/test_pieces.py checks it). A TriG piece is one named graph. A Turtle piece is a
run of subjects in sorted order; a run ends before a subject whose CRC-32 is a multiple of
``SPLIT``, so that pieces hold ``SPLIT`` subjects on average and a change moves no boundary but its
own. The index of a file (each piece's place in it and what it holds) lets the next build copy the
pieces that did not change out of the previous file.
"""

from __future__ import annotations

import zlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox

from graph.make.serialize import with_prefixes

SPLIT = 64  # subjects per Turtle piece, on average
RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
DEFAULT_GRAPH = b""  # the name of the default graph among TriG pieces

Lines = Sequence[bytes]  # N-Triples lines without their final " ." (graph.make.serialize.Statements)


@dataclass(frozen=True)
class Piece:
    """One piece of a file: where its range of subjects (Turtle) or its graph (TriG) starts, its
    place in the file, how many statements it holds, and the classes of its ``rdf:type`` lines."""

    start: bytes
    offset: int
    length: int
    statements: int
    classes: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Written:
    """A file's bytes and the index of its pieces."""

    data: bytes
    pieces: list[Piece]

    def slice(self, piece: Piece) -> bytes:
        return self.data[piece.offset : piece.offset + piece.length]


@cache
def header() -> bytes:
    """The prefix lines Oxigraph writes before the first statement (Turtle and TriG alike)."""
    one = ox.parse(b"<urn:x:s> <urn:x:p> <urn:x:o> .\n", format=ox.RdfFormat.N_TRIPLES)
    text = with_prefixes(one, ox.RdfFormat.TURTLE)
    return text[: text.index(b"<urn:x:s>")]


def subject(line: bytes) -> bytes:
    """The subject term of an N-Triples line."""
    return line[: line.index(b" ")]


def starts_piece(term: bytes) -> bool:
    """Whether a Turtle piece starts at subject ``term`` (a property of the term alone)."""
    return zlib.crc32(term) % SPLIT == 0


def classes_of(lines: Iterable[bytes]) -> Counter[str]:
    """The classes named by the ``rdf:type`` lines among ``lines`` (IRIs), with their counts."""
    found: Counter[str] = Counter()
    for line in lines:
        _s, p, o = line.split(b" ", 2)
        if p == RDF_TYPE and o.startswith(b"<"):
            found[o[1:-1].decode()] += 1
    return found


def _body(text: bytes) -> bytes:
    if not text:
        return b""
    prefixes = header()
    assert text.startswith(prefixes), "Oxigraph wrote other prefixes than expected"
    return text[len(prefixes) :]


def turtle_body(lines: Lines) -> bytes:
    """Sorted union lines as Turtle, without the prefixes."""
    triples = ox.parse(b"".join(line + b" .\n" for line in lines), format=ox.RdfFormat.N_TRIPLES)
    return _body(with_prefixes(triples, ox.RdfFormat.TURTLE))


def trig_body(graph: bytes, lines: Lines) -> bytes:
    """One graph's sorted lines as TriG, without the prefixes."""
    suffix = b" .\n" if graph == DEFAULT_GRAPH else b" " + graph + b" .\n"
    quads = ox.parse(b"".join(line + suffix for line in lines), format=ox.RdfFormat.N_QUADS)
    return _body(with_prefixes(quads, ox.RdfFormat.TRIG))


def split_subjects(lines: Lines, start: bytes) -> list[tuple[bytes, list[bytes]]]:
    """Sorted lines cut into Turtle pieces; the first piece starts at ``start``."""
    pieces: list[tuple[bytes, list[bytes]]] = [(start, [])]
    previous = None
    for line in lines:
        term = subject(line)
        if term != previous:
            if previous is not None and starts_piece(term):
                pieces.append((term, []))
            previous = term
        pieces[-1][1].append(line)
    return pieces


def _assemble(bodies: Iterable[tuple[bytes, bytes, int, Counter[str]]]) -> Written:
    """A file of pieces given as (start, body, statements, classes), the prefixes first."""
    out = bytearray(header())
    pieces = []
    for start, body, statements, classes in bodies:
        pieces.append(Piece(start, len(out), len(body), statements, classes))
        out += body
    if len(out) == len(header()):  # nothing at all: an empty file, as Oxigraph writes it
        return Written(b"", [Piece(p.start, 0, 0, 0, p.classes) for p in pieces])
    return Written(bytes(out), pieces)


def write_turtle(union: Lines) -> Written:
    """The union of all graphs (sorted, each statement once) as Turtle, with its index."""
    return _assemble(
        (start, turtle_body(lines), len(lines), classes_of(lines))
        for start, lines in split_subjects(union, b"")
    )


def update_turtle(
    old: Written,
    subjects: Iterable[bytes],
    lines_between: Callable[[bytes, bytes | None], list[bytes]],
) -> Written:
    """The Turtle of a changed union: the pieces holding ``subjects`` (every subject whose
    statements changed) re-serialised from ``lines_between(start, end)``, the union's sorted
    lines with subjects from ``start`` up to ``end`` (None: to the last), the others copied."""
    starts = [p.start for p in old.pieces]
    touched = sorted({bisect_right(starts, s) - 1 for s in subjects})
    bodies: list[tuple[bytes, bytes, int, Counter[str]]] = []
    i = 0
    while i < len(old.pieces):
        if not touched or touched[0] != i:
            p = old.pieces[i]
            bodies.append((p.start, old.slice(p), p.statements, p.classes))
            i += 1
            continue
        j = i  # a run of touched pieces is cut again as one
        while touched and touched[0] == j:
            touched.pop(0)
            j += 1
        end = old.pieces[j].start if j < len(old.pieces) else None
        for start, lines in split_subjects(lines_between(old.pieces[i].start, end), old.pieces[i].start):
            bodies.append((start, turtle_body(lines), len(lines), classes_of(lines)))
        i = j
    return _assemble(bodies)


def write_trig(graphs: Iterable[tuple[bytes, Lines]]) -> Written:
    """Each graph (name in N-Triples form, sorted lines) as TriG, in the order given, with its index."""
    return _assemble((name, trig_body(name, lines), len(lines), Counter()) for name, lines in graphs)


def update_trig(old: Written, graphs: Iterable[tuple[bytes, Lines | None]]) -> Written:
    """The TriG of changed graphs: a graph given with lines is written again, a graph given with
    None is copied from ``old``; graphs not given are left out."""
    kept = {p.start: p for p in old.pieces}
    return _assemble(
        (name, old.slice(kept[name]), kept[name].statements, Counter())
        if lines is None
        else (name, trig_body(name, lines), len(lines), Counter())
        for name, lines in graphs
    )


def between(lines: Lines, start: bytes, end: bytes | None) -> Lines:
    """The sorted ``lines`` whose subject is from ``start`` up to (not including) ``end``.

    A line starts with its subject then a space, which sorts below any character of a term, so
    the subjects' order is the lines' order."""
    lo = bisect_left(lines, start)
    hi = len(lines) if end is None else bisect_left(lines, end, lo)
    return lines[lo:hi]
