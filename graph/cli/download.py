"""Fetch a dataset's current export from its publisher, for users with the internet.

The file is written beside its destination first and moved into place only once complete and
readable by its reader, so a failed download never leaves half a file behind.
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from pathlib import Path

from graph.errors import InputError, ParisKGError
from graph.sources.reading import Context
from graph.sources.registry import dataset_kind


class DownloadError(ParisKGError):
    """A download that failed: the address and the reason."""


def download(kind: str, dest: Path, url: str | None = None, timeout: float = 60) -> Path:
    """Download the export of dataset ``kind`` (from ``url`` or the publisher's address) to ``dest``."""
    dk = dataset_kind(kind)
    address = url or dk.meta.get("download")
    if not address:
        where = f"get it from {dk.meta['url']}, or " if dk.meta.get("url") else ""
        raise DownloadError(
            f"no public download address is known for '{kind}'", hint=f"{where}give an address with --url"
        )
    part = dest.with_name(dest.name + ".part")
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        with urllib.request.urlopen(address, timeout=timeout) as response, part.open("wb") as out:
            shutil.copyfileobj(response, out)
        dk.read(part, Context())  # a file its reader cannot read is not kept
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        part.unlink(missing_ok=True)
        reason = getattr(err, "reason", err)
        raise DownloadError(f"could not download {address}: {reason}") from err
    except InputError as err:
        part.unlink(missing_ok=True)
        raise DownloadError(f"{address} did not give a readable {kind} file: {err.message}") from err
    part.replace(dest)
    return dest
