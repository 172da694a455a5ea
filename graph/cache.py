"""The records of each dataset, kept between builds: a dataset whose checksum did not change (and
read by the same reader code) is not read again. Kept beside the build folder, so that a failed
build or a swapped build folder does not lose it; deleting it only costs the next build time."""

from __future__ import annotations

import hashlib
import pickle
from functools import cache
from pathlib import Path

from graph.records import Records

PACKAGE = Path(__file__).resolve().parent


@cache
def code_fingerprint() -> str:
    """A digest of the reader code: records cached by other code are not reused."""
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE.glob("sources/*.py"), PACKAGE / "records.py", PACKAGE / "text.py"]):
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
        records = pickle.loads(path.read_bytes())
    except Exception:  # a damaged or foreign cache file is only a miss
        path.unlink(missing_ok=True)
        return None
    return records if isinstance(records, Records) else None


def store(folder: Path, name: str, sha256: str, records: Records) -> None:
    """Keep the records of dataset ``name``, replacing what an older version of it left."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{name}--*.pickle"):
        old.unlink(missing_ok=True)
    path = _path(folder, name, sha256)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(path)
