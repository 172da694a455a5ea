"""Text helpers: accent- and case-insensitive folding, slugs, and search that keeps offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from anyascii import anyascii

_NON_WORD = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold ``text`` for comparison: ASCII transliteration, case folded, punctuation as one space.

    >>> fold("Basilique du Sacré-Cœur") == fold("basilique du sacre coeur")
    True
    """
    return _NON_WORD.sub(" ", anyascii(text).casefold()).strip()


def slug(text: str) -> str:
    """A readable IRI segment: ``"Cédric Klapisch"`` becomes ``"cedric-klapisch"``.

    >>> slug("Paris, je t'aime")
    'paris-je-t-aime'
    """
    return fold(text).replace(" ", "-") or "unnamed"


def squash(text: str) -> str:
    """Collapse runs of white space into one space and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def accents(text: str) -> int:
    """How many characters of ``text`` are not ASCII: the better-spelled variant has more."""
    return len(text) - len(text.encode("ascii", "ignore"))


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """One character folded as FoldedText folds it: transliterated, case folded, punctuation as a space."""
    piece = anyascii(ch).casefold()
    return _NON_WORD.sub(" ", piece) if piece else ""


# ASCII as _fold_char folds it: letters in lower case, digits, anything else a space
_ASCII_FOLD = str.maketrans({chr(i): " " for i in range(128) if not chr(i).lower().isalnum()})


class FoldedText:
    """A text folded character by character, so that a match in the folded text maps back to a span.

    >>> t = FoldedText("Élise (Juliette Binoche)")
    >>> [t.original(m) for m in t.find("juliette binoche")]
    ['Juliette Binoche']
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: Sequence[int]  # where each folded character comes from
        if text.isascii():  # one folded character per character
            self.folded = text.lower().translate(_ASCII_FOLD)
            self._starts = range(len(text))
            return
        pieces = [_fold_char(ch) for ch in text]
        self.folded = "".join(pieces)
        self._starts = [i for i, piece in enumerate(pieces) for _ in piece]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded [start, end) back to the original text."""
        return self._starts[start], self._starts[end - 1] + 1

    def find(self, needle: str) -> Iterator[tuple[int, int]]:
        """Spans of the original text whose folding is ``needle`` between word boundaries."""
        if not needle:
            return
        pattern = re.compile(r"(?<![a-z0-9])" + re.escape(needle) + r"(?![a-z0-9])")
        for m in pattern.finditer(self.folded):
            yield self.span(m.start(), m.end())

    def original(self, span: tuple[int, int]) -> str:
        """The original text of ``span``."""
        return self.text[span[0] : span[1]]
