"""The registry of readers: document kinds (a sidecar's kind names one) and dataset kinds
(`pariskg build --source KIND=PATH`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import UnknownKindError
from graph.sources import arrondissements, film_page, imdb, permits, press_page, review, review_folder, tmdb
from graph.sources.documents import Document
from graph.sources.reading import Context
from graph.sources.records import Records

Reader = Callable[[Document, Context], Records]

READERS: dict[str, Reader] = {
    "film-page": film_page.read,
    "review": review.read,
    "press-page": press_page.read,
}


DatasetReader = Callable[[Path, Context], Records]


@dataclass(frozen=True)
class DatasetKind:
    """A kind of dataset: its reader, what it is, and who publishes it."""

    read: DatasetReader
    description: str
    meta: dict[str, Any]


DATASETS: dict[str, DatasetKind] = {
    "paris-filming-permits": DatasetKind(
        permits.read,
        "Paris filming permits CSV (lieux-de-tournage-a-paris.csv): one shoot per row",
        permits.META,
    ),
    "paris-arrondissements": DatasetKind(
        arrondissements.read,
        "Paris arrondissements GeoJSON (arrondissements.geojson): outlines",
        arrondissements.META,
    ),
    "tmdb-movies": DatasetKind(
        tmdb.read,
        "TMDB 5000 movies CSV (tmdb_5000_movies.csv): one film per row, JSON list cells",
        tmdb.META,
    ),
    "imdb-movies": DatasetKind(
        imdb.read,
        "IMDB 5000 movie metadata CSV (movie_metadata.csv, ';' or ','): films, directors, actors",
        imdb.META,
    ),
    "review-folder": DatasetKind(
        review_folder.read,
        "a folder of user reviews, aclImdb style (<name>_<rating>.txt; index.csv gives IMDb ids)",
        review_folder.META,
    ),
}
DOCUMENT_KINDS = {
    "film-page": "a film page: labelled fields, cast list with characters, box office, a user review",
    "review": "a review in free text (IMDb style); its film may go unnamed",
    "press-page": "a press page in free text: headline names the film",
}


def dataset_kind(kind: str) -> DatasetKind:
    """The dataset kind named ``kind``, or an error that lists them."""
    try:
        return DATASETS[kind]
    except KeyError:
        raise UnknownKindError(f"no dataset reader '{kind}'; known: {', '.join(sorted(DATASETS))}") from None


def reader_for(document: Document) -> Reader:
    """The reader of ``document``'s kind, or an error that lists the kinds there are."""
    try:
        return READERS[document.kind]
    except KeyError:
        known = ", ".join(sorted(READERS))
        raise UnknownKindError(
            f"no reader for kind '{document.kind}'; known kinds: {known}",
            document.path.with_suffix(".toml"),
            1,
        ) from None
