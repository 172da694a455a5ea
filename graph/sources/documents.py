"""Find the input documents and their sidecars, read their bytes, and repair their text.

A document is any file in data/documents/ but a sidecar; its sidecar (same name, ``.toml``)
says its kind, which names the reader, and where it comes from. Readers never look at names.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ftfy

from graph.errors import InputError
from graph.sources.records import Repair
from graph.text import slug

_MARKUP = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Document:
    """One input file, decoded and repaired, with what its sidecar says about it."""

    path: Path
    source_id: str
    kind: str
    text: str
    sha256: str
    meta: dict[str, Any] = field(default_factory=dict)
    repairs: tuple[Repair, ...] = ()


def source_id(path: Path) -> str:
    """A stable, readable id for a source file: its name without extension, as a slug."""
    return slug(path.stem)


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; a syntax error names the file and line."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        # Python 3.11 keeps the position only in the message: "... (at line 4, column 9)"
        m = re.search(r"^(.*?)\s*\(at line (\d+), column (\d+)\)$", str(err))
        if m is None:
            raise InputError(f"TOML syntax error: {err}", path) from err
        raise InputError(f"TOML syntax error: {m.group(1)}", path, int(m.group(2)), int(m.group(3))) from err
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 ({err.reason})", path) from err


def find_documents(folder: Path) -> list[Path]:
    """Every document of ``folder`` (sidecars and hidden files aside), sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix != ".toml" and not p.name.startswith(".")
    )


def decode(path: Path, data: bytes) -> str:
    """Decode UTF-8 bytes, refusing empty and binary files with a message that says where."""
    if not data.strip():
        raise InputError("empty document: nothing to read", path)
    if b"\x00" in data[:8192]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError("binary file (NUL byte), not a text document", path, line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise InputError(
            f"not UTF-8: byte {data[err.start]:#04x} cannot be decoded",
            path,
            line,
            column,
            hint="save the file as UTF-8",
        ) from err


def repair(text: str) -> tuple[str, tuple[Repair, ...]]:
    """Fix mojibake with ftfy and turn ``<br />`` markup into line breaks; say what changed."""
    fixed = ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False, normalization=None)
    repairs = list(_differences(text, fixed, f"ftfy {ftfy.__version__} fix_text (broken encoding)"))
    unmarked = _MARKUP.sub("\n", fixed)
    if unmarked != fixed:
        count = len(_MARKUP.findall(fixed))
        repairs.append(Repair("<br />", "\n", f"HTML line breaks to newlines ({count} replaced)"))
    return unmarked, tuple(repairs)


def _differences(before: str, after: str, method: str) -> list[Repair]:
    """Each changed stretch of text, with a few characters of context on either side."""
    if before == after:
        return []
    out = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        lo, hi = max(0, i1 - 3), min(len(before), i2 + 6)
        out.append(Repair(before[lo:hi], after[j1 - (i1 - lo) : j2 + (hi - i2)], method))
    return out


def read_document(path: Path) -> Document:
    """Read one document and its sidecar; raise InputError naming the file when it cannot be read."""
    sidecar = path.with_suffix(".toml")
    if not sidecar.exists():
        raise InputError(
            "no sidecar: cannot tell what kind of document this is",
            path,
            hint=f'write {sidecar.name} with kind = "film-page", "review" or "press-page"',
        )
    meta = read_toml(sidecar)
    kind = meta.get("kind")
    if not isinstance(kind, str) or not kind:
        raise InputError("sidecar has no 'kind'", sidecar, 1, hint='add kind = "review", say')
    data = path.read_bytes()
    text, repairs = repair(decode(path, data))
    return Document(
        path=path,
        source_id=source_id(path),
        kind=kind,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        meta=meta,
        repairs=repairs,
    )
