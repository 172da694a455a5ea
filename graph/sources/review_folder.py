"""Read a folder of user reviews in the aclImdb style: one ``.txt`` file per review, named
``<anything>_<rating>.txt`` (``train_pos_6601_9.txt``: rated 9 out of 10), ``<br />`` markup, and no
film title. Each review speaks of an unidentified film node, which graph.resolve.link_reviews may match to
a known film as a hypothesis.

An ``index.csv`` beside the reviews (columns ``file`` and ``imdb_title_id`` or ``imdb_url``) is the
publisher's own statement of which film each review is about: it becomes the asserted claim
``pc:imdbId`` on the review's film node, which resolution joins with the film of that IMDb id. The
linker never reads it, so an evaluation runs the linker on a copy of the folder without it.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import ftfy
from rdflib.namespace import SDO

from graph.errors import InputError
from graph.namespace import PC
from graph.sources.documents import decode, source_id
from graph.sources.reading import Context
from graph.sources.records import Entity, Records, Ref

META = {
    "publisher": "IMDb users, via the Large Movie Review Dataset (aclImdb, Maas et al., ACL 2011)",
    "url": "https://ai.stanford.edu/~amaas/data/sentiment/",
    "origin": "User reviews from IMDb; research use, cite Maas et al. (2011).",
}
INDEX = "index.csv"
BEST_RATING = 10
_RATING = re.compile(r"_(\d{1,2})$")
_TITLE_ID = re.compile(r"\btt\d{7,8}\b")
_MARKUP = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)


def review_files(folder: Path) -> list[Path]:
    """The review files of ``folder``: every ``.txt`` file but hidden ones, sorted by name."""
    return sorted(p for p in folder.glob("*.txt") if p.is_file() and not p.name.startswith("."))


def read(path: Path, ctx: Context) -> Records:
    """Records of a folder of reviews: each review, its rating, and the unnamed film it reviews.

    Raises InputError when ``path`` is not a folder. A file that cannot be read (empty, binary,
    not UTF-8) is kept out in ``rejected`` with its number, its name, its line and why.
    """
    if not path.is_dir():
        raise InputError("not a folder of reviews", path, hint="give the folder that holds the .txt files")
    records = Records()
    sid = source_id(path)
    links = read_index(path / INDEX, records) if (path / INDEX).is_file() else {}
    unrated: list[str] = []
    fixed = marked = 0
    for number, file in enumerate(review_files(path), 1):
        records.rows_read += 1
        try:
            raw = decode(file, file.read_bytes())
        except InputError as err:
            where = f" line {err.line}" if err.line else ""
            records.rejected.append((number, f"{file.name}{where}: {err.message}"))
            continue
        text = ftfy.fix_text(raw, uncurl_quotes=False, fix_character_width=False, normalization=None)
        fixed += text != raw
        body = _MARKUP.sub("\n", text).strip()
        marked += body != text.strip()
        film = _add_review(records, sid, file, body, unrated)
        if file.name in links:
            records.add_claim(film, PC.imdbId, links.pop(file.name))
    records.notes.append(f"{marked} reviews had <br /> markup, read as line breaks")
    records.notes.append(f"{fixed} reviews had broken characters, repaired with ftfy {ftfy.__version__}")
    if unrated:
        records.notes.append(f"{len(unrated)} reviews without a rating 1-10 in their name: {_few(unrated)}")
    if links:
        records.notes.append(f"{INDEX}: {len(links)} rows name no readable review: {_few(sorted(links))}")
    return records


def _add_review(records: Records, sid: str, file: Path, body: str, unrated: list[str]) -> str:
    """The review of one file, its rating and its film; returns the film's ref."""
    stem = file.stem
    review, film = f"review:{stem}", f"film:unidentified|{stem}"
    records.add_entity(Entity(review, SDO.Review, key=(stem, sid), folder="review"))
    records.add_entity(Entity(film, SDO.Movie, key=("unidentified", sid, stem), folder="film"))
    records.add_claim(review, SDO.itemReviewed, Ref(film))
    records.add_claim(review, SDO.reviewBody, body)
    records.add_claim(film, PC.identified, False)
    m = _RATING.search(stem)
    if m and 1 <= int(m.group(1)) <= BEST_RATING:
        rating = f"rating:{stem}"
        records.add_entity(Entity(rating, SDO.Rating, key=(Ref(review),), folder="rating"))
        records.add_claim(review, SDO.reviewRating, Ref(rating))
        records.add_claim(rating, SDO.ratingValue, int(m.group(1)))
        records.add_claim(rating, SDO.bestRating, BEST_RATING)
    else:
        unrated.append(file.name)
    return film


def read_index(path: Path, records: Records) -> dict[str, str]:
    """File name -> IMDb title id, from ``index.csv``; rows without a readable id are noted."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError("not UTF-8: cannot read this index", path, hint="save it as UTF-8") from err
    rows = csv.DictReader(text.splitlines())
    if not rows.fieldnames or "file" not in rows.fieldnames:
        found = ", ".join(rows.fieldnames or ())
        expected = "expected file and imdb_title_id or imdb_url"
        raise InputError(f"no 'file' column; {expected} (found {found})", path, 1)
    links: dict[str, str] = {}
    unread: list[str] = []
    for number, row in enumerate(rows, 2):
        m = _TITLE_ID.search(f"{row.get('imdb_title_id') or ''} {row.get('imdb_url') or ''}")
        if m and row["file"]:
            links[row["file"].strip()] = m.group()
        else:
            unread.append(str(number))
    if unread:
        records.notes.append(f"{INDEX}: no IMDb title id on line(s) {', '.join(unread)}")
    return links


def _few(names: list[str], shown: int = 10) -> str:
    """The first few names of a list, and how many more."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more
