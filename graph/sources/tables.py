"""Reading CSV tables the way open data publishes them: a BOM, ';' or ',', French display labels
or API field names, rows that do not fit. Shared by the dataset readers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from graph.errors import InputError
from graph.sources.records import Records


def open_table(
    path: Path, aliases: dict[str, str], required: tuple[str, ...]
) -> tuple[list[str], Iterator[list[str]]]:
    """The canonical column names and the rows of a CSV file.

    ``aliases`` maps every accepted header spelling (display label, API name) to a canonical name.
    Raises InputError naming the columns expected when a required one is missing.
    """
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError("not UTF-8: cannot read this table", path, line, hint="save it as UTF-8") from err
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("empty table: no header row", path, 1) from None
    folded = {k.strip().casefold(): v for k, v in aliases.items()}
    columns = [folded.get(h.strip().casefold(), h.strip()) for h in header]
    missing = [c for c in required if c not in columns]
    if missing:
        raise InputError(
            f"missing column(s) {', '.join(missing)}; expected {', '.join(required)} "
            f"(found {', '.join(h.strip() for h in header)})",
            path,
            1,
        )
    return columns, reader


def table_records(
    columns: list[str], rows: Iterator[list[str]], records: Records
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row as (row number, {column: cell}), counted in ``records.rows_read``; a row with the
    wrong number of fields is kept out in ``records.rejected`` with its number and reason."""
    for number, row in enumerate(rows, 1):
        records.rows_read += 1
        if len(row) != len(columns):
            records.rejected.append((number, f"{len(row)} fields, expected {len(columns)}"))
            continue
        yield number, dict(zip(columns, row, strict=True))
