"""How right the graph's answers are, against sets labelled by hand (tests/labels/): read by the
quality tests (floors) and by bench/quality.py (the figures).

paris_films.csv: films of the TMDB and IMDb tables, each labelled by reading its row: whether the
row sets the story in Paris (``set``), only mentions it (``mentions``) or neither (``none``, the
traps included: Paris of Troy, Paris Hilton, "parish"), split once into ``dev`` and ``test`` halves
by the md5 of the row's key. A row is judged on the ties the graph holds in that dataset's own
named graph, so that each dataset answers for what its rows say.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.namespace import PREFIXES

LABELS = Path(__file__).resolve().parent / "labels"
ID_PROPERTY = {"tmdb": "pc:tmdbId", "imdb": "pc:imdbId"}

_TIES = """
SELECT ?id ?p ?confidence WHERE {
  ?paris a schema:City ; schema:name "Paris" .
  GRAPH ?g { ?film %(id)s ?id ; ?p ?place . }
  VALUES ?p { schema:contentLocation schema:mentions }
  ?place schema:containedInPlace* ?paris .
  OPTIONAL {
    GRAPH ?g { ?st rdf:subject ?film ; rdf:predicate ?p ; rdf:object ?place ; pc:confidence ?confidence }
  }
}
"""


@dataclass(frozen=True)
class Label:
    """One labelled row: its dataset and id, title, the tie it states, and its half."""

    dataset: str
    id: str
    title: str
    tie: str
    split: str
    note: str


@dataclass(frozen=True)
class Predicted:
    """What the graph says of one row: ``set``, ``mentions`` or ``none``, and the confidence of
    the strongest tie (1.0 for a tie the source asserts, a keyword)."""

    tie: str
    confidence: float


def paris_labels() -> list[Label]:
    """The labelled films of tests/labels/paris_films.csv."""
    with (LABELS / "paris_films.csv").open(encoding="utf-8", newline="") as f:
        return [
            Label(r["dataset"], r["id"], r["title"], r["tie"], r["split"], r["note"])
            for r in csv.DictReader(f)
        ]


def paris_predictions(store: ox.Store) -> dict[tuple[str, str], Predicted]:
    """The tie to Paris each film of each dataset has in that dataset's graph, by (dataset, id):
    ``set`` when any tie sets its story there (its strongest confidence), else ``mentions``."""
    ties: dict[tuple[str, str], dict[str, float]] = {}
    for dataset, prop in ID_PROPERTY.items():
        for row in store.query(_TIES % {"id": prop}, prefixes=PREFIXES, use_default_graph_as_union=True):
            tie = "set" if row["p"].value.endswith("contentLocation") else "mentions"
            confidence = float(row["confidence"].value) if row["confidence"] is not None else 1.0
            held = ties.setdefault((dataset, row["id"].value), {})
            held[tie] = max(held.get(tie, 0.0), confidence)
    return {
        key: Predicted("set", held["set"]) if "set" in held else Predicted("mentions", held["mentions"])
        for key, held in ties.items()
    }


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of one kind of answer, with the counts they come from."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_ties(labels: list[Label], predicted: dict[tuple[str, str], Predicted], wanted: set[str]) -> Scores:
    """Scores of the rows whose tie is in ``wanted`` ({"set"}, or {"set", "mentions"}: any tie)."""
    counts: Counter[str] = Counter()
    for label in labels:
        guess = predicted.get((label.dataset, label.id), Predicted("none", 0.0))
        truth, said = label.tie in wanted, guess.tie in wanted
        counts["tp" if truth and said else "fp" if said else "fn" if truth else "tn"] += 1
    return Scores(counts["tp"], counts["fp"], counts["fn"])


def reliability(
    labels: list[Label], predicted: dict[tuple[str, str], Predicted]
) -> list[tuple[float, int, int]]:
    """For each confidence the graph gives a tie to Paris: (confidence, ties, right ones), where
    a set tie is right when the label says set, and a mention when the label says any tie."""
    table: dict[float, list[int]] = {}
    for label in labels:
        guess = predicted.get((label.dataset, label.id))
        if guess is None:
            continue
        right = label.tie == "set" if guess.tie == "set" else label.tie in ("set", "mentions")
        cell = table.setdefault(guess.confidence, [0, 0])
        cell[0] += 1
        cell[1] += right
    return [(c, n, ok) for c, (n, ok) in sorted(table.items(), reverse=True)]
