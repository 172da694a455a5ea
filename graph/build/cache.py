"""The records of each dataset, kept between builds: a dataset whose checksum did not change (and
read by the same reader code) is not read again. Kept beside the build folder, so that a failed
build or a swapped build folder does not lose it; deleting it only costs the next build time.

With the records are kept what later steps make from one dataset's records alone (``DERIVED``:
its addresses to place, its facts for resolution, its credits, its films, how its prose writes
words), so that a build that reuses the records does not make them again either.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from graph.resolve.evidence import source_facts
from graph.resolve.geoplace import unplaced_addresses
from graph.resolve.identify import source_credits, unnamed_films
from graph.resolve.link_reviews import named_films, prose_counts, published_years
from graph.sources.records import Records

PACKAGE = Path(__file__).resolve().parents[1]  # the graph package
# made from a dataset's records when they are read, and kept with them
DERIVED: tuple[Callable[[Records], Any], ...] = (
    unplaced_addresses,
    source_facts,
    source_credits,
    unnamed_films,
    named_films,
    published_years,
    prose_counts,
)


@cache
def code_fingerprint() -> str:
    """A digest of the code that makes what is kept (the readers, the records, and the modules
    of ``DERIVED``): records cached by other code are not reused."""
    made_by = {Path(str(sys.modules[make.__module__].__file__)) for make in DERIVED}
    digest = hashlib.sha256()
    paths = [*PACKAGE.glob("sources/*.py"), *(PACKAGE / n for n in ("text.py", "namespace.py"))]
    for path in sorted({*paths, *made_by}):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_folder(out: Path) -> Path:
    """Where the records of the build in ``out`` are kept: ``.out-cache`` beside it."""
    return out.with_name(f".{out.name}-cache")


def _path(folder: Path, name: str, sha256: str) -> Path:
    return folder / f"{name}--{sha256[:24]}-{code_fingerprint()}.pickle"


def load(folder: Path, name: str, sha256: str) -> Records | None:
    """The records of dataset ``name`` read before with this checksum and this code, or None."""
    path = _path(folder, name, sha256)
    if not path.exists():
        return None
    try:
        records, derived = pickle.loads(path.read_bytes())
    except Exception:  # a damaged or foreign cache file is only a miss
        path.unlink(missing_ok=True)
        return None
    if not isinstance(records, Records) or not isinstance(derived, dict):
        return None
    records.remember(derived)
    return records


def store(folder: Path, name: str, sha256: str, records: Records) -> None:
    """Keep the records of dataset ``name`` with what ``DERIVED`` makes of them, replacing what
    an older version of it left."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{name}--*.pickle"):
        old.unlink(missing_ok=True)
    for make in DERIVED:
        records.derived(make)
    path = _path(folder, name, sha256)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(pickle.dumps((records, records.remembered()), protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(path)
