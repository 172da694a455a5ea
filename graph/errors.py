"""One small exception tree: every error says where (file, line, query position) and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class ParisKGError(Exception):
    """Base of every error the library raises; the CLI turns these into messages and exit codes."""

    message: str
    path: Path | str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(ParisKGError):
    """An input document or curated file cannot be read (empty, binary, undecodable, malformed)."""


class UnknownKindError(InputError):
    """A document's kind names no reader."""


class CuratedDataError(InputError):
    """A curated file has a syntax error or a record that does not fit its table."""


class BuildError(ParisKGError):
    """The build could not finish (or, with --strict, kept something out)."""


class NoBuildError(ParisKGError):
    """A command needs a build folder that does not exist yet."""


class QueryError(ParisKGError):
    """A SPARQL query is malformed, unknown, or lacks a parameter."""


class EntityNotFoundError(ParisKGError):
    """A name given on the command line matches no entity of the graph."""


class ViewError(ParisKGError):
    """A view of the picture that cannot be drawn as asked (unknown class, bad depth or limit)."""


class FormatError(ParisKGError):
    """An output format that no writer knows."""


@dataclass
class RemoteError(ParisKGError):
    """A remote SPARQL endpoint cannot be reached, refuses the credentials, or answers an error
    (``status``: its HTTP status, if it answered)."""

    status: int | None = None


@dataclass
class PushError(RemoteError):
    """A push stopped: which graphs were replaced before it, and the graph it stopped at."""

    sent: tuple[str, ...] = ()
    failed: str | None = None
