"""Precision and recall of the review linker (graph.resolve.link_reviews) on the aclImdb "Paris" sample.

    python bench/review_linking.py [--data-dir ../shared/data] [--details 0.5] [--keep DIR]

The reviews are copied without their index.csv (so the build asserts nothing about their films),
built with the seeds, TMDB 5000 and IMDb 5000 by graph.build.pipeline.build, and each hypothesis's film is
mapped to its IMDb id (pc:imdbId) and compared with index.csv's imdb_title_id:

- a hypothesis is *right* when its film has the review's IMDb id, *wrong* when its film has another
  IMDb id or the review's film is in IMDb 5000 (so it would have its id), and *unjudged* otherwise
  (a TMDB or seed film without an IMDb id, for a review of a film IMDb 5000 lacks);
- precision = right / (right + wrong), over hypotheses at or above the threshold;
- recall = reviews with a right hypothesis at or above the threshold, over the reviews whose film is
  in IMDb 5000 (57 of 200), and over all 200.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run as a script: import graph.* from the repository
    sys.path[0] = str(ROOT)

import pyoxigraph as ox  # noqa: E402

from graph.build.options import BuildOptions, DatasetSpec  # noqa: E402
from graph.build.pipeline import build  # noqa: E402
from graph.namespace import PREFIXES  # noqa: E402
from graph.store.embedded import open_store  # noqa: E402
from graph.text import slug  # noqa: E402

REVIEWS = "imdb_reviews_paris"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
HYPOTHESES = """
SELECT ?film ?title ?conf ?id (GROUP_CONCAT(?why; separator=" | ") AS ?evidence) {
  GRAPH <https://w3id.org/paris-cinema/graph/hypotheses> {
    ?h pc:textAbout ?film ; pc:candidate ?c ; pc:confidence ?conf ; pc:evidence ?why }
  ?c schema:name ?title .
  OPTIONAL { ?c pc:imdbId ?id }
} GROUP BY ?film ?title ?conf ?id
"""
IMDB_IDS = "SELECT DISTINCT ?id { ?f a schema:Movie ; pc:imdbId ?id }"


@dataclass(frozen=True)
class Hypothesis:
    """One hypothesis of the build, with the review it is about and what index.csv says."""

    review: str
    title: str
    confidence: float
    imdb_id: str | None
    truth: str
    evidence: str

    def verdict(self, known: set[str]) -> str:
        """right, wrong or unjudged (see the module's docstring)."""
        if self.imdb_id == self.truth:
            return "right"
        if self.imdb_id is not None or self.truth in known:
            return "wrong"
        return "unjudged"


def run(data_dir: Path, out: Path) -> tuple[list[Hypothesis], set[str], dict[str, str], float]:
    """Build without index.csv; the hypotheses, the IMDb ids the graph knows, the truth, seconds."""
    with (data_dir / REVIEWS / "index.csv").open(encoding="utf-8") as f:
        truth = {row["file"].removesuffix(".txt"): row["imdb_title_id"] for row in csv.DictReader(f)}
    folder = out.parent / REVIEWS  # the same folder name, so the same IRIs as a real build
    folder.mkdir(parents=True)
    for review in (data_dir / REVIEWS).glob("*.txt"):
        shutil.copy(review, folder)
    datasets = (
        DatasetSpec("tmdb-movies", data_dir / "tmdb_5000" / "tmdb_5000_movies.csv"),
        DatasetSpec("imdb-movies", data_dir / "imdb_5000" / "movie_metadata.csv"),
        DatasetSpec("review-folder", folder),
    )
    started = time.perf_counter()
    build(
        BuildOptions(data=ROOT / "data", datasets=datasets, out=out, html=False),
        progress=lambda m: print(f"… {m}", file=sys.stderr),
    )
    seconds = time.perf_counter() - started
    store = open_store(out)
    by_film = {f"film/unidentified--{slug(REVIEWS)}--{slug(stem)}": stem for stem in truth}
    found = []
    for row in solutions(store, HYPOTHESES):
        film = str(row["film"].value).split("/resource/", 1)[-1]
        if film not in by_film:
            continue  # the seed review
        stem = by_film[film]
        imdb_id = row["id"].value if row["id"] is not None else None
        found.append(
            Hypothesis(
                stem,
                row["title"].value,
                float(row["conf"].value),
                imdb_id,
                truth[stem],
                row["evidence"].value,
            )
        )
    known = {row["id"].value for row in solutions(store, IMDB_IDS)}
    return found, known, truth, seconds


def solutions(store: ox.Store, query: str) -> ox.QuerySolutions:
    """The rows of a SELECT on the union of the build's graphs."""
    result = store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES)
    assert isinstance(result, ox.QuerySolutions)
    return result


def table(found: list[Hypothesis], known: set[str], truth: dict[str, str]) -> list[str]:
    """A Markdown table: per threshold, hypotheses right/wrong/unjudged, precision and recalls."""
    in_imdb = [stem for stem, tt in truth.items() if tt in known]
    lines = [
        "| threshold | hypotheses | right | wrong | unjudged | precision "
        "| recall (in IMDb 5000) | recall (all) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in THRESHOLDS:
        kept = [h for h in found if h.confidence >= t]
        verdicts = [h.verdict(known) for h in kept]
        right, wrong = verdicts.count("right"), verdicts.count("wrong")
        linked = {h.review for h in kept if h.verdict(known) == "right"}
        of_imdb = len(linked & set(in_imdb))
        precision = f"{right / (right + wrong):.2f}" if right + wrong else "–"
        lines.append(
            f"| {t:.1f} | {len(kept)} | {right} | {wrong} | {verdicts.count('unjudged')} | {precision} "
            f"| {of_imdb}/{len(in_imdb)} = {of_imdb / len(in_imdb):.2f} "
            f"| {len(linked)}/{len(truth)} = {len(linked) / len(truth):.2f} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--details", type=float, help="list every hypothesis at or above this threshold")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temporary folder)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="review-linking-"))
    try:
        out = (args.keep or tmp) / "out"
        found, known, truth, seconds = run(args.data_dir, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    in_imdb = sum(1 for tt in truth.values() if tt in known)
    print(f"# Review linking: {len(truth)} reviews, {in_imdb} of them of a film in IMDb 5000\n")
    print(f"Build with seeds, TMDB 5000, IMDb 5000 and the reviews without index.csv: {seconds:.0f} s.\n")
    print("\n".join(table(found, known, truth)))
    if args.details is not None:
        print(f"\n## Hypotheses at or above {args.details}\n")
        for h in sorted(found, key=lambda h: (-h.confidence, h.review)):
            if h.confidence >= args.details:
                got = f"{h.title} [{h.imdb_id or 'no IMDb id'}] {h.confidence:.3f}"
                print(f"- {h.verdict(known)}: {h.review} ({h.truth}) -> {got}")
                print(f"  {h.evidence}")


if __name__ == "__main__":
    main()
