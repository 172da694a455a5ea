"""What a build tells: what it read, made and kept out, and how long each step took, for the
summary `pariskg build` prints."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from graph.check.shacl import Validation
from graph.namespace import bind_prefixes
from graph.resolve.model import Resolution


@dataclass
class DatasetSummary:
    """What one dataset gave: rows read, kept, kept out (with reasons and rows), and notes."""

    name: str
    kind: str
    rows_read: int
    kept_out: list[tuple[int, str]]
    notes: list[str]
    seconds: float
    cached: bool = False  # records reused from an earlier build: the file did not change

    @property
    def kept(self) -> int:
        return self.rows_read - len(self.kept_out)


@dataclass
class BuildReport:
    """What the build read, made and kept out, for the summary on the terminal."""

    sources: list[str] = field(default_factory=list)
    kept_out: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    triples: int = 0
    quads: int = 0
    classes: Counter[str] = field(default_factory=Counter)
    validation: Validation | None = None
    merges: int = 0
    near_misses: int = 0
    conflicts: int = 0
    hypotheses: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    datasets: list[DatasetSummary] = field(default_factory=list)
    placed_by_coordinates: int = 0
    tied_to_places: int = 0  # ties of films to places read from their keywords, summaries and titles
    steps: dict[str, float] = field(default_factory=dict)  # seconds of each step, for the summary
    # a rebuild from the previous build: graphs made again (their inputs changed), of how many
    rebuilt: tuple[int, int] | None = None

    @contextmanager
    def timed(self, step: str) -> Iterator[None]:
        """Count the seconds of the ``with`` block as the step's (when it ends without error)."""
        started = time.perf_counter()
        yield
        self.steps[step] = time.perf_counter() - started

    def count_resolution(self, resolution: Resolution) -> None:
        """Note how many merges, near-misses and conflicts the resolution made."""
        self.merges = len(resolution.merges)
        self.near_misses, self.conflicts = len(set(resolution.near_misses)), len(resolution.conflicts)


def class_names(classes: Counter[str]) -> Counter[str]:
    """Class IRIs as the summary names them (``schema:Movie``)."""
    names = Graph()
    bind_prefixes(names)
    return Counter({names.qname(iri): n for iri, n in classes.items()})
