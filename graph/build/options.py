"""What a build is asked: where the data is, which datasets to read, where to write, how strictly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The build's picture draws at most this many entities, the most connected.
HTML_MAX_NODES = 2000


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset to read: its kind (a reader of graph.sources.registry.DATASETS) and its file."""

    kind: str
    path: Path


@dataclass(frozen=True)
class BuildOptions:
    """What to build from and where to."""

    data: Path = Path("data")
    datasets: tuple[DatasetSpec, ...] = ()
    out: Path = Path("out")
    strict: bool = False
    html: bool = True
    full: bool = False  # build from nothing even when the previous build could be patched
