"""The review-folder reader on a fixture folder the project wrote, and on the real aclImdb sample."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib.namespace import SDO

from graph.errors import InputError
from graph.namespace import PC
from graph.sources.reading import Context
from graph.sources.records import Records, Ref
from graph.sources.review_folder import read
from tests.conftest import SHARED_DATA

REVIEWS = Path(__file__).parent / "fixtures" / "reviews"
REAL = SHARED_DATA / "imdb_reviews_paris"


def without_index(folder: Path, tmp: Path) -> Path:
    """A copy of the reviews of ``folder`` without index.csv, under the same folder name."""
    target = tmp / folder.name
    target.mkdir()
    for review in folder.glob("*.txt"):
        shutil.copy(review, target)
    return target


def claims_of(records: Records, subject: str) -> dict[object, object]:
    return {c.prop: c.obj for c in records.claims if c.subject == subject}


def test_each_file_is_a_review_and_unreadable_files_are_kept_out() -> None:
    r = read(REVIEWS, Context())
    assert r.rows_read == 7
    assert r.rejected == [
        (3, "train_neg_5_1.txt line 1: not UTF-8: byte 0xe0 cannot be decoded"),
        (4, "train_neg_6_2.txt: empty document: nothing to read"),
    ]
    reviews = [e for e in r.entities.values() if e.cls == SDO.Review]
    assert len(reviews) == 5
    assert "1 reviews without a rating 1-10 in their name: review_without_rating.txt" in r.notes


def test_review_body_rating_and_unnamed_film() -> None:
    r = read(REVIEWS, Context())
    review = claims_of(r, "review:train_pos_1_9")
    body = review[SDO.reviewBody]
    assert isinstance(body, str) and "<br" not in body and "wait.\n\nEighteen" in body
    assert review[SDO.itemReviewed] == Ref("film:unidentified|train_pos_1_9")
    assert claims_of(r, "rating:train_pos_1_9") == {SDO.ratingValue: 9, SDO.bestRating: 10}
    film = r.entities["film:unidentified|train_pos_1_9"]
    assert film.cls == SDO.Movie and film.name is None
    assert claims_of(r, film.ref)[PC.identified] is False


def test_index_gives_asserted_imdb_ids() -> None:
    r = read(REVIEWS, Context())
    ids = {c.subject: c.obj for c in r.claims if c.prop == PC.imdbId}
    assert ids == {
        "film:unidentified|train_pos_1_9": "tt0401711",
        "film:unidentified|train_neg_2_3": "tt0808399",
    }
    assert "index.csv: no IMDb title id on line(s) 5" in r.notes
    assert "index.csv: 1 rows name no readable review: train_neg_5_1.txt" in r.notes


def test_without_index_nothing_is_asserted(tmp_path: Path) -> None:
    r = read(without_index(REVIEWS, tmp_path), Context())
    assert r.rows_read == 7
    assert not any(c.prop == PC.imdbId for c in r.claims)


def test_a_file_is_not_a_folder() -> None:
    with pytest.raises(InputError, match="not a folder of reviews"):
        read(REVIEWS / "index.csv", Context())


@pytest.mark.skipif(not REAL.exists(), reason="../shared/data is not beside this checkout")
def test_real_folder() -> None:
    r = read(REAL, Context())
    assert r.rows_read == 200 and r.rejected == []
    assert sum(1 for c in r.claims if c.prop == PC.imdbId) == 200
    assert "136 reviews had <br /> markup, read as line breaks" in r.notes
    bodies = [c.obj for c in r.claims if c.prop == SDO.reviewBody]
    assert len(bodies) == 200 and not any("<br" in str(b) for b in bodies)
    ratings = sorted(c.obj for c in r.claims if c.prop == SDO.ratingValue)
    assert ratings.count(10) == 37 and ratings.count(1) == 15  # as SOURCE.md counts them
