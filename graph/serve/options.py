"""The settings of `pariskg serve`: one frozen dataclass, each field with its default and why."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.namespace import BASE

if TYPE_CHECKING:
    from graph.serve.workers import StoreMode

TOKEN_ENV = "PARISKG_TOKEN"


@dataclass(frozen=True)
class ServeOptions:
    """What the server serves and the limits that protect it.

    Attributes:
        out: the build folder whose ``store/`` is served.
        base: the published IRI base; ``{base}resource/X`` is served at ``/resource/X``.
        data: the input folder; when its documents match the graph's checksums, entity pages
            show the whole sentence around each quoted fact.
        timeout: seconds a query may run before its worker process is killed.
        max_result_bytes: the largest answer (serialized) the server sends.
        max_body_bytes: the largest request body it reads.
        workers: query worker processes (one with ``allow_update``: a store has one writer).
        allow_update: accept SPARQL Update (with ``token``); the store is opened writable.
        in_memory: each worker queries a copy of the store in memory (faster joins, more memory).
        token: the bearer token an update must carry.
    """

    out: Path = Path("out")
    base: str = BASE
    data: Path | None = Path("data")
    timeout: float = 30.0
    max_result_bytes: int = 50_000_000
    max_body_bytes: int = 1_000_000
    workers: int = min(8, max(2, os.cpu_count() or 2))  # each opens the store: memory grows with them
    allow_update: bool = False
    in_memory: bool = False
    token: str | None = None

    @property
    def pool_size(self) -> int:
        """How many worker processes run queries."""
        return 1 if self.allow_update else max(1, self.workers)

    @property
    def store_mode(self) -> StoreMode:
        """How the workers open the store."""
        if self.allow_update:
            return "writable"
        return "in-memory" if self.in_memory else "read-only"

    @property
    def resource_base(self) -> str:
        """The IRI prefix of the entities served at ``/resource/``."""
        return self.base + "resource/"
