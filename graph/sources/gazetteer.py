"""A gazetteer of the entities known from every source, and the search for their names in text.

Names are looked up by folded word n-grams (accent-, case- and punctuation-blind), longest
first, so the cost grows with the text, not with the number of names known.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import SDO

from graph.sources.records import Records, Span
from graph.text import FoldedText, fold

_WORD = re.compile(r"[a-z0-9]+")
MAX_WORDS = 8


@dataclass(frozen=True)
class Known:
    """An entity the gazetteer knows: its ref, class, canonical name, year and occupations."""

    ref: str
    cls: URIRef
    name: str
    folder: str
    year: int | None = None
    jobs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """Words of a text that name one or more known entities (a group names several)."""

    span: Span
    surface: str
    targets: tuple[Known, ...]


class Gazetteer:
    """Names (folded) to the entities they may stand for."""

    def __init__(self) -> None:
        self._names: dict[str, list[tuple[Known, ...]]] = defaultdict(list)

    def add(self, name: str, targets: tuple[Known, ...]) -> None:
        """Let ``name`` stand for ``targets`` (one entity, or the members of a group)."""
        key = fold(name)
        if key and targets not in self._names[key]:
            self._names[key].append(targets)

    def lookup(self, name: str) -> list[tuple[Known, ...]]:
        """Everything ``name`` may stand for."""
        return list(self._names.get(fold(name), ()))

    def __len__(self) -> int:
        return len(self._names)

    def copy(self) -> Gazetteer:
        """A copy to extend with names local to one document."""
        other = Gazetteer()
        for key, values in self._names.items():
            other._names[key] = list(values)
        return other

    @classmethod
    def from_records(cls, sources: Iterable[Records], groups: dict[str, tuple[str, ...]]) -> Gazetteer:
        """Every named entity of ``sources`` under its name and alternate names, plus groups."""
        gaz = cls()
        jobs: dict[str, list[str]] = defaultdict(list)
        alternates: dict[str, list[str]] = defaultdict(list)
        all_sources = list(sources)
        for records in all_sources:
            for claim in records.claims:
                if claim.prop == SDO.jobTitle and isinstance(claim.obj, str):
                    jobs[claim.subject].append(claim.obj)
                elif claim.prop == SDO.alternateName and isinstance(claim.obj, str):
                    alternates[claim.subject].append(claim.obj)
        by_name: dict[str, Known] = {}
        for records in all_sources:
            for e in records.entities.values():
                if not e.name or e.cls in (SDO.PerformanceRole,):
                    continue
                known = Known(e.ref, e.cls, e.name, e.folder, e.year, tuple(dict.fromkeys(jobs[e.ref])))
                gaz.add(e.name, (known,))
                for alt in alternates[e.ref]:
                    gaz.add(alt, (known,))
                if e.folder == "person":
                    by_name.setdefault(fold(e.name), known)
        for group, members in groups.items():
            targets = tuple(by_name[fold(m)] for m in members if fold(m) in by_name)
            if targets:
                gaz.add(group, targets)
        return gaz

    def find(self, text: FoldedText, start: int = 0, end: int | None = None) -> list[Mention]:
        """Non-overlapping mentions in ``text[start:end]``, longest first, spans in ``text``."""
        words = [(m.start(), m.end()) for m in _WORD.finditer(text.folded)]
        words = [
            (a, b)
            for a, b in words
            if start <= text.span(a, b)[0] and (end is None or text.span(a, b)[1] <= end)
        ]
        taken = [False] * len(words)
        found: list[Mention] = []
        for n in range(min(MAX_WORDS, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                if any(taken[i : i + n]):
                    continue
                a, b = words[i][0], words[i + n - 1][1]
                key = " ".join(text.folded[x:y] for x, y in words[i : i + n])
                options = self._names.get(key)
                if not options:
                    continue
                s, e = text.span(a, b)
                surface = text.text[s:e]
                # one lower-case word is a common noun ("gravity"), not a title or a name
                if n == 1 and not (surface[0].isupper() or surface[0].isdigit()):
                    continue
                targets = tuple(k for option in options for k in option)
                found.append(Mention(Span(s, e), surface, targets))
                for j in range(i, i + n):
                    taken[j] = True
        return sorted(found, key=lambda m: m.span)
