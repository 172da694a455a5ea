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


# -- resolution: labelled pairs of records ------------------------------------------------------

SOURCE = "https://w3id.org/paris-cinema/resource/source/"
GRAPH_OF = {"tmdb": "tmdb-5000-movies", "imdb": "movie-metadata", "permits": "lieux-de-tournage-a-paris"}
# the work a row is about, in its dataset's graph
_WORK = {
    "tmdb": "?work pc:tmdbId ?key .",
    "imdb": "?work pc:imdbId ?key .",
    "permits": "?shoot pc:permitId ?key ; pc:shotFor ?work .",
}
# how a field of a row reaches the entity it names, from the row's work
_FIELD = {
    "title": "BIND(?work AS ?e)",
    "director_name": "?work schema:director ?e .",
    "Réalisateur": "?work schema:director ?e .",
    "actor_1_name": "?work schema:actor ?role . ?role schema:actor ?e .",
    "actor_2_name": "?work schema:actor ?role . ?role schema:actor ?e .",
    "actor_3_name": "?work schema:actor ?role . ?role schema:actor ?e .",
    "production_companies": "?work schema:productionCompany ?e .",
    "Producteur": "?work schema:productionCompany ?e .",
    "production_countries": "?work schema:countryOfOrigin ?e .",
    "country": "?work schema:countryOfOrigin ?e .",
}
_ENTITIES = """
SELECT DISTINCT ?e ?name WHERE {
  GRAPH <%(graph)s> { %(work)s %(field)s }
  OPTIONAL { ?e schema:name|schema:alternateName ?name }
}
"""


@dataclass(frozen=True)
class RecordRef:
    """One record of a labelled pair: the row (dataset and key) and the field whose value names it."""

    dataset: str
    key: str
    field: str
    value: str


@dataclass(frozen=True)
class Pair:
    """Two records a resolver compares, labelled the same real thing or not."""

    kind: str
    a: RecordRef
    b: RecordRef
    match: bool
    split: str
    note: str


def resolution_pairs() -> list[Pair]:
    """The labelled pairs of tests/labels/resolution_pairs.csv."""
    with (LABELS / "resolution_pairs.csv").open(encoding="utf-8", newline="") as f:
        return [
            Pair(
                r["kind"],
                RecordRef(r["a_dataset"], r["a_key"], r["a_field"], r["a_value"]),
                RecordRef(r["b_dataset"], r["b_key"], r["b_field"], r["b_value"]),
                r["match"] == "yes",
                r["split"],
                r["note"],
            )
            for r in csv.DictReader(f)
        ]


def entities_of(store: ox.Store, record: RecordRef) -> frozenset[str]:
    """The entities the graph made of a record: its row's work, or the entities of the row's field
    whose name or alternate name is the value (every one of them when none is: a credit the
    reader split into several people). Empty: the graph has no such record."""
    from graph.text import fold

    query = _ENTITIES % {
        "graph": SOURCE + GRAPH_OF[record.dataset],
        "work": _WORK[record.dataset].replace("?key", str(ox.Literal(record.key))),  # N-Triples form
        "field": _FIELD[record.field],
    }
    rows = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    names: dict[str, set[str]] = {}
    for row in rows:
        names.setdefault(row["e"].value, set()).add(fold(row["name"].value) if row["name"] else "")
    if record.field == "title":
        return frozenset(names)
    wanted = fold(record.value)
    named = frozenset(e for e, ns in names.items() if wanted in ns)
    return named or frozenset(names)


def same(store: ox.Store, pair: Pair) -> bool:
    """Whether the graph made the two records of ``pair`` one entity."""
    a, b = entities_of(store, pair.a), entities_of(store, pair.b)
    return len(a) == 1 and a == b


def score_pairs(store: ox.Store, pairs: list[Pair]) -> Scores:
    """Pairwise precision and recall of resolution on labelled pairs."""
    counts: Counter[str] = Counter()
    for pair in pairs:
        said = same(store, pair)
        counts["tp" if pair.match and said else "fp" if said else "fn" if pair.match else "tn"] += 1
    return Scores(counts["tp"], counts["fp"], counts["fn"])


def b_cubed(store: ox.Store, pairs: list[Pair]) -> tuple[float, float]:
    """B-cubed precision and recall over the labelled records: the true clusters are those the
    labelled matches join; the graph's, those of one entity."""
    import networkx as nx

    truth = nx.Graph()
    guess: dict[RecordRef, str] = {}
    for pair in pairs:
        truth.add_nodes_from((pair.a, pair.b))
        if pair.match:
            truth.add_edge(pair.a, pair.b)
        for record in (pair.a, pair.b):
            found = entities_of(store, record)
            guess[record] = next(iter(found)) if len(found) == 1 else f"none:{record}"
    true_cluster = {r: frozenset(c) for c in nx.connected_components(truth) for r in c}
    by_entity: dict[str, set[RecordRef]] = {}
    for record, entity in guess.items():
        by_entity.setdefault(entity, set()).add(record)
    precision = recall = 0.0
    for record in guess:
        mine, real = by_entity[guess[record]], true_cluster[record]
        precision += len(mine & real) / len(mine)
        recall += len(mine & real) / len(real)
    return precision / len(guess), recall / len(guess)
