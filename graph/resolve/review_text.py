"""How a review writes the names it uses: known names found through a folded word n-gram index,
and for a film's title, how it is written (quoted, in capitals, followed by its year, spelled as
the title is, in lower case) and what casts doubt on it (a comparison, a filmography in brackets,
a common word, a first name, part of a longer name). Language only: no fact about a film."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef

from graph.text import FoldedText, fold

MAX_WORDS = 10
# Words after which a title or a name is a comparison, not what the review is about (language,
# like data/curated/cues.toml; kept here because the linker runs on resolved records only).
COMPARISONS = (
    "like",
    "unlike",
    "than",
    "as in",
    "compared to",
    "compared with",
    "similar to",
    "reminiscent of",
    "remake of",
    "sequel to",
    "follow-up to",
    "predecessor",
    "the original",
    "following the success of",
    "after seeing",
    "after watching",
    "the first was",
    "since",
    "à la",
    "a la",
    "same people",
    "same persons",
    "creators of",
    "makers of",
)
_COMPARISON = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in COMPARISONS) + r")\b[^.!?;]{0,40}$")
_WORD = re.compile(r"[a-z0-9]+")
_YEAR_AFTER = re.compile(r"[\"”’']?\s*\(\s*(1[89]\d\d|20\d\d)\s*\)")
_QUOTED = re.compile(r"(?:\"|“|(?<!\w)')([A-Z0-9][^\"“”\n]{0,60}?)(?:\"|”|'(?!\w))")
# words of prose, in lower case or capitalised (each a whole word: not "ab" of "abc" or "ab-c")
_LOWER_PROSE_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z]+(?![\w'’-])")
_CAPITALISED_PROSE_WORD = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?![\w'’-])")
UNKNOWN_QUOTED_CHANCE = 0.55  # as for a known title, quoted or written as titles are
UNKNOWN_WRITTEN_CHANCE = 0.45
_CAPITAL = r"(?:[A-Z][\w'’-]*|[0-9]+)"
_CONNECTOR = r"(?:of|in|the|a|an|to|for|on|at|from|with|by|de|du|des|la|le|les|et|y|von|van|der)"
_CONNECTOR_WORD = re.compile(_CONNECTOR)
_ARTICLES = frozenset({"the", "a", "an"})
_TITLE_CASE_RUN = re.compile(rf"(?<![\w'’-]){_CAPITAL}(?: (?:{_CONNECTOR} )*{_CAPITAL})+(?![\w'’-])")
_BEFORE_WORD = " \t\"'“‘("  # what may stand between a sentence's end and its first word
_OPEN = "\"“‘'«*"
_CLOSE = "\"”’'»*"


@dataclass(frozen=True)
class Name:
    """One way a known entity is written: a film's ``title``, a ``person``'s name, or another
    entity's name (``kind`` is then its IRI folder: place, organization…)."""

    kind: str
    target: URIRef
    spelling: str


@dataclass(frozen=True)
class Found:
    """Words of a text that are a known name."""

    start: int
    end: int
    surface: str
    names: tuple[Name, ...]


class NameIndex:
    """Folded names (word n-grams) to what they name; found longest first in a text.

    >>> index = NameIndex()
    >>> index.add(Name("title", URIRef("f"), "Paris, je t'aime"))
    >>> [f.surface for f in index.find(FoldedText('I saw "Paris, Je T’aime" twice'))]
    ['Paris, Je T’aime']
    """

    def __init__(self) -> None:
        self.names: dict[str, list[Name]] = defaultdict(list)
        self.longest = 1
        self.prefixes: set[str] = set()  # the first words of longer names ("the lord", "the lord of")

    def add(self, name: Name) -> None:
        """Let ``name.spelling`` stand for ``name.target``."""
        key = fold(name.spelling)
        if key and name not in self.names[key]:
            self.names[key].append(name)
            self.longest = min(MAX_WORDS, max(self.longest, key.count(" ") + 1))
            space = key.find(" ")
            while space != -1:
                self.prefixes.add(key[:space])
                space = key.find(" ", space + 1)

    def knows(self, text: str) -> bool:
        """Whether ``text`` is a name the index knows (a film's title, a place, a person…)."""
        return fold(text) in self.names

    def find(self, text: FoldedText) -> list[Found]:
        """Non-overlapping names of ``text``, longest first; spans in the original text.

        Each word n-gram that is a name is found by growing it from its first word while it is
        the beginning of a longer name; then the longest are taken first, leftmost first."""
        words = [(m.start(), m.end()) for m in _WORD.finditer(text.folded)]
        tokens = [text.folded[a:b] for a, b in words]
        names, prefixes = self.names, self.prefixes
        matches: list[tuple[int, int, list[Name]]] = []  # (-words, first word, names)
        for i, key in enumerate(tokens):
            n, most = 1, min(self.longest, len(tokens) - i)
            while True:
                if key in names:
                    matches.append((-n, i, names[key]))
                if n == most or key not in prefixes:
                    break
                key = f"{key} {tokens[i + n]}"
                n += 1
        taken = [False] * len(words)
        found = []
        for minus_n, i, named in sorted(matches, key=lambda m: (m[0], m[1])):
            n = -minus_n
            if not any(taken[i : i + n]):
                s, e = text.span(words[i][0], words[i + n - 1][1])
                found.append(Found(s, e, text.text[s:e], tuple(named)))
                taken[i : i + n] = [True] * n
        return sorted(found, key=lambda f: f.start)


@dataclass(frozen=True)
class WordCounts:
    """How often each word of some prose is written in lower case, and capitalised mid-sentence
    (lower-cased). Counts of several texts add up: each source's are counted once."""

    lower: Counter[str]
    capitalised: Counter[str]

    @classmethod
    def of(cls, prose: Iterable[str]) -> WordCounts:
        """The counts of the words of ``prose``.

        >>> WordCounts.of(["Speed is speed. Speed kills, said Speed Racer."]).capitalised
        Counter({'speed': 1, 'racer': 1})
        """
        lower: Counter[str] = Counter()
        capitalised: Counter[str] = Counter()
        for text in prose:
            lower.update(_LOWER_PROSE_WORD.findall(text))
            for m in _CAPITALISED_PROSE_WORD.finditer(text):
                if m.start() and not sentence_start(text, m.start()):
                    capitalised[m.group().lower()] += 1
        return cls(lower, capitalised)

    @classmethod
    def total(cls, counts: Iterable[WordCounts]) -> WordCounts:
        """The counts of all of ``counts``' prose."""
        lower: Counter[str] = Counter()
        capitalised: Counter[str] = Counter()
        for c in counts:
            lower.update(c.lower)
            capitalised.update(c.capitalised)
        return cls(lower, capitalised)


@dataclass(frozen=True)
class Language:
    """What the prose of the graph teaches about words: which are common words ("speed",
    "revolution": more often in lower case than capitalised mid-sentence), and which are words of
    people's names ("Paul", "Walter", "Parker")."""

    common: frozenset[str]
    name_words: frozenset[str]

    @classmethod
    def learn(cls, prose: Iterable[str] | WordCounts, people: Iterable[str], min_count: int = 2) -> Language:
        """Count words in lower case and capitalised mid-sentence over ``prose`` (or take its
        counts); take the first and last words of the names of ``people``."""
        counts = prose if isinstance(prose, WordCounts) else WordCounts.of(prose)
        parts: set[str] = set()
        for name in people:
            words = fold(name).split()
            if len(words) > 1:
                parts.update((words[0], words[-1]))
        upper = counts.capitalised
        common = frozenset(w for w, n in counts.lower.items() if n >= min_count and n >= upper.get(w, 0))
        return cls(common, frozenset(parts))


@dataclass(frozen=True)
class Reading:
    """How words of a review name a film: the chance they do, how they are written, and the
    doubts on it. A doubt on the name itself (a common word, a first name, a place) is lifted
    when the review also names one of the film's people; a doubt on the context is not."""

    chance: float
    how: str
    name_doubts: tuple[tuple[float, str], ...] = ()
    context_doubts: tuple[tuple[float, str], ...] = ()

    def value(self, confirmed: bool) -> tuple[float, str]:
        """The chance after the doubts that hold, and the words that say why."""
        p, how = self.chance, self.how
        for factor, why in (*(() if confirmed else self.name_doubts), *self.context_doubts):
            p, how = p * factor, f"{how}, {why}"
        return p, how


NO_READING = Reading(0.0, "")


def title_reading(
    body: str, f: Found, name: Name, kinds: set[str], years: set[int], lang: Language
) -> Reading:
    """How the words ``f`` name the film titled ``name.spelling`` (released in ``years``)."""
    key = fold(f.surface)
    single = " " not in key
    after = _YEAR_AFTER.match(body, f.end)
    tagged = after is not None and int(after.group(1)) in years
    before = body[f.start - 1 : f.start] if f.start else ""
    rest = body[f.end : f.end + 2].lstrip(".,!?;:")
    quoted = before != "" and before in _OPEN and rest[:1] != "" and rest[:1] in _CLOSE
    if after is not None and tagged:
        p, how = 0.7, f"followed by its year ({after.group(1)})"
    elif quoted:
        p, how = (0.4 if single else 0.55), "quoted"
    elif f.surface.isupper() and len(key) > 3 and not name.spelling.isupper():
        p, how = 0.45, "in capitals"
    elif _spelled(f.surface, name.spelling) and not (single and sentence_start(body, f.start)):
        p, how = (0.25 if single else 0.45), "as written"
    elif len(key.split()) >= 3 and any(w not in lang.common for w in key.split()):
        p, how = 0.2, "in lower case"  # not "down to earth", "all that jazz": common words only
    else:
        return NO_READING
    if single and (len(key) <= 3 or key.isdigit()) and not (tagged or quoted):
        return NO_READING  # "Up", "It", "9": only quoted or with their year
    doubts = []
    if not (tagged or quoted):
        others = sorted(k for k in kinds if k != "title")
        if others:
            doubts.append((0.4, "also the name of a " + " or ".join(others)))
        if single and key in lang.name_words:
            doubts.append((0.4, "also a word of people's names"))
        if _inside_longer_name(body, f):
            doubts.append((0.3, "inside a longer name"))
    if single and key in lang.common and not tagged:
        doubts.append((0.5 if quoted else 0.4, "also a common word"))
    return Reading(p, how, tuple(doubts), context_doubts(body, f.start, tagged))


def context_doubts(body: str, start: int, tagged: bool = False) -> tuple[tuple[float, str], ...]:
    """A comparison ("unlike X", "better than X") or a filmography in brackets: a name there is
    probably not what the review is about."""
    lo = max(body.rfind(ch, 0, start) for ch in ".!?\n") + 1
    before = body[lo:start]
    if _COMPARISON.search(before.lower()):
        return ((0.4, "in a comparison"),)
    if before.count("(") > before.count(")") and not tagged:
        return ((0.5, "in parentheses"),)
    return ()


def unknown_titles(
    body: str, index: NameIndex, found: Iterable[Found] = (), lang: Language | None = None
) -> dict[str, list[float]]:
    """Phrases written as titles that are no known film's title: the review may be about a film
    the graph does not know. A title is quoted ("New York, I Love You") or a run of three words or
    more in title case ("An American in Paris"); runs holding a known person's name are lists of
    people, not titles. Each phrase (as first written; one per folding) with the chance each of its
    mentions names the film reviewed, written as it is, doubts of its context applied.

    >>> unknown_titles('After "New York, I Love You", unlike An American in Paris, no.', NameIndex())
    {'New York, I Love You': [0.55], 'An American in Paris': [0.18]}
    """
    found = list(found)
    titles = [(f.start, f.end) for f in found if any(n.kind == "title" for n in f.names)]
    people = [(f.start, f.end) for f in found if any(n.kind == "person" for n in f.names)]
    spans: list[tuple[int, int, float]] = []
    for m in _QUOTED.finditer(body):
        phrase = m.group(1).rstrip(" ,")
        words = re.findall(r"[\w'’]+", phrase)
        if not 2 <= len(words) <= 8 or phrase[-1:] in ".!?":
            continue
        if any(a < q < b for a, b in titles for q in (m.start(), m.end() - 1)):
            continue  # the quote mark is an apostrophe of a known title ("Singin' in the Rain")
        if all(w[:1].isupper() or w[:1].isdigit() or len(w) <= 3 for w in words[1:]):
            spans.append((m.start(1), m.start(1) + len(phrase), UNKNOWN_QUOTED_CHANCE))
    quoted = [(a, b) for a, b, _ in spans]
    common = lang.common if lang else frozenset()
    for m in _TITLE_CASE_RUN.finditer(body):
        start, end = m.start(), m.end()
        person = min((a for a, b in people if start <= a < end), default=end)
        words = body[start:person].split()  # "… in Paris with Gene Kelly": the title ends before him
        first = words[0].lower() if words else ""
        if first in common and first not in _ARTICLES and sentence_start(body, start):
            start += len(words[0]) + 1  # "Aside from the Arthur Freed…": a sentence's first word
            words = words[1:]
        while words and _CONNECTOR_WORD.fullmatch(words[0]):
            start += len(words[0]) + 1
            words = words[1:]
        while words and _CONNECTOR_WORD.fullmatch(words[-1]):
            words = words[:-1]
        end = start + len(" ".join(words))
        if len(words) < 3 or sum(w[:1].isupper() for w in words[1:]) < 1:
            continue
        if any(a < end and start < b for a, b in (*people, *quoted)):
            continue
        if any(a < end and start < b and not start <= a < b <= end for a, b in titles):
            continue  # part of a known title ("Paris Je T" of "Paris Je T'aime")
        spans.append((start, end, UNKNOWN_WRITTEN_CHANCE))
    out: dict[str, list[float]] = {}
    keys: dict[str, str] = {}
    for start, end, chance in sorted(spans):
        phrase = body[start:end]
        if index.knows(phrase):  # a known title, or a place ("Place des Vosges"), not an unknown title
            continue
        for factor, _why in context_doubts(body, start):
            chance *= factor
        key = re.sub(r"^(?:the|a|an) ", "", fold(phrase))
        key = next((k for k in keys if k.endswith(" " + key)), key)  # "I Love You" of "New York, I Love You"
        out.setdefault(keys.setdefault(key, phrase), []).append(round(chance, 3))
    return out


def sentence_start(body: str, start: int) -> bool:
    """Whether ``start`` opens a sentence (after . ! ? : a line break, or at the very start)."""
    i = start
    while i and body[i - 1] in _BEFORE_WORD:
        i -= 1
    return not i or body[i - 1] in ".!?\n:"


def _spelled(surface: str, spelling: str) -> bool:
    """Whether ``surface`` is capitalised as ``spelling`` is (any capitals for a title in capitals)."""
    got = [w[:1].isupper() for w in re.findall(r"\w+", surface)]
    want = [w[:1].isupper() for w in re.findall(r"\w+", spelling)]
    if spelling.isupper():
        return bool(got) and got[0]
    return got == want and any(want)


def _inside_longer_name(body: str, f: Found) -> bool:
    """Whether a capitalised word touches ``f`` ("the French Revolution", "Speed Racer")."""
    before = re.search(r"([A-Z][\w'’-]*) $", body[max(0, f.start - 30) : f.start])
    after = re.match(r" ([A-Z][\w'’-]*)", body[f.end : f.end + 30])
    if before and not sentence_start(body, f.start - len(before.group(0))):
        return True
    return bool(after) and after.group(1) not in ("I",)  # type: ignore[union-attr]
