"""The resolution report: every merge with its evidence, every near-miss (candidates kept apart
and why), every conflict (merged sources that disagree). The build writes it as JSON beside the
graph; `pariskg resolve-report` reads it back as text, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from graph.errors import FormatError, NoBuildError
from graph.resolve.model import Resolution

REPORT_FILE = "resolution.json"
SECTIONS = ("merges", "near-misses", "conflicts")


def to_json(resolution: Resolution) -> bytes:
    """The report of ``resolution`` as JSON (sorted, so two builds of the same input match)."""
    data = {
        "merges": sorted(
            (
                {"iri": str(m.iri), "name": m.name, "sources": list(m.sources), "evidence": list(m.evidence)}
                for m in resolution.merges
            ),
            key=lambda d: str(d["iri"]),
        ),
        "near-misses": sorted(
            ({"folder": n.folder, "key": n.key, "reason": n.reason} for n in set(resolution.near_misses)),
            key=lambda d: (d["folder"], d["key"], d["reason"]),
        ),
        "conflicts": sorted(
            (
                {"iri": str(c.iri), "name": c.name, "fact": c.fact, "values": list(c.values)}
                for c in resolution.conflicts
            ),
            key=lambda d: (d["iri"], d["fact"]),
        ),
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def load(out: Path) -> dict[str, list[dict[str, Any]]]:
    """The report of the build in ``out``."""
    path = out / REPORT_FILE
    if not path.exists():
        raise NoBuildError("no resolution report here", path, hint="run `pariskg build` first")
    data: dict[str, list[dict[str, Any]]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def select(
    report: dict[str, list[dict[str, Any]]], sections: tuple[str, ...], grep: str | None
) -> dict[str, list[dict[str, Any]]]:
    """The rows of ``sections`` (all when empty) whose text contains ``grep`` (any case)."""
    wanted = sections or SECTIONS
    needle = (grep or "").casefold()
    return {
        s: [row for row in report.get(s, []) if needle in json.dumps(row, ensure_ascii=False).casefold()]
        for s in wanted
    }


def render(rows: dict[str, list[dict[str, Any]]], fmt: str, limit: int | None) -> str:
    """Rows as ``text`` (a summary and the first ``limit`` rows a section), ``json`` or ``csv``."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["section", "entity", "what", "detail"])
        for section, items in rows.items():
            for row in items:
                writer.writerow([section, *_cells(section, row)])
        return buf.getvalue()
    if fmt != "text":
        raise FormatError(f"unknown format '{fmt}'; known: text, json, csv")
    lines = []
    for section, items in rows.items():
        lines.append(f"{section}: {len(items):,}")
        for row in items[:limit] if limit is not None else items:
            entity, what, detail = _cells(section, row)
            lines.append(f"  {entity}  [{what}]  {detail}")
        if limit is not None and len(items) > limit:
            lines.append(f"  … {len(items) - limit:,} more (--limit 0 shows all, --grep narrows)")
    return "\n".join(lines) + "\n"


def _cells(section: str, row: dict[str, Any]) -> tuple[str, str, str]:
    if section == "merges":
        return row["name"], ", ".join(row["sources"]), "; ".join(row["evidence"])
    if section == "near-misses":
        return row["key"], row["folder"], row["reason"]
    return row["name"], row["fact"], " vs ".join(row["values"])
