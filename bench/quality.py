"""How right the graph's answers are against the sets labelled by hand in tests/labels/: prints
precision, recall and F1 of the films tied to Paris, on the development half (tuned on) and the
test half (never tuned on), and how often a tie of each confidence is right.

    python bench/quality.py                 # builds the seeds + TMDB + IMDb into a temporary folder
    python bench/quality.py --out out       # or reads a build that holds those datasets (the full one)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run as a script: import graph.* and tests.* from the repository
    sys.path.insert(0, str(ROOT))

from graph.build.options import BuildOptions, DatasetSpec  # noqa: E402
from graph.build.pipeline import build  # noqa: E402
from graph.store.embedded import open_store  # noqa: E402
from tests.conftest import DATASETS, SHARED_DATA  # noqa: E402
from tests.quality import (  # noqa: E402
    Predicted,
    b_cubed,
    paris_labels,
    paris_predictions,
    reliability,
    resolution_pairs,
    same,
    score_pairs,
    score_ties,
)

FILM_TABLES = ("tmdb-movies", "imdb-movies")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="a build holding the TMDB and IMDb tables")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out
        if out is None:
            out = Path(tmp) / "out"
            specs = tuple(DatasetSpec(k, SHARED_DATA / p) for k, p in DATASETS if k in FILM_TABLES)
            started = time.perf_counter()
            build(BuildOptions(data=ROOT / "data", datasets=specs, out=out, html=False))
            print(f"built the seeds + TMDB + IMDb in {time.perf_counter() - started:.1f} s\n")
        store = open_store(out)
        labels = paris_labels()
        predicted = paris_predictions(store)
        print("## Films tied to Paris (tests/labels/paris_films.csv)\n")
        print("| half | rows | labelled set | set: precision | recall | F1 | any tie: precision | recall |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for split in ("dev", "test"):
            half = [label for label in labels if label.split == split]
            s = score_ties(half, predicted, {"set"})
            a = score_ties(half, predicted, {"set", "mentions"})
            positives = sum(label.tie == "set" for label in half)
            print(
                f"| {split} | {len(half)} | {positives} | {s.precision:.3f} ({s.tp}/{s.tp + s.fp}) | "
                f"{s.recall:.3f} ({s.tp}/{s.tp + s.fn}) | {s.f1:.3f} | {a.precision:.3f} | {a.recall:.3f} |"
            )
        print("\nReliability: the ties of each confidence, and how many the labels confirm\n")
        print("| confidence | dev: ties | right | share | test: ties | right | share |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        dev = {c: (n, ok) for c, n, ok in reliability([x for x in labels if x.split == "dev"], predicted)}
        test = {c: (n, ok) for c, n, ok in reliability([x for x in labels if x.split == "test"], predicted)}
        for confidence in sorted(dev.keys() | test.keys(), reverse=True):
            cells = []
            for half in (dev, test):
                n, ok = half.get(confidence, (0, 0))
                cells.append(f"{n} | {ok} | {ok / n:.2f}" if n else "0 | 0 | —")
            shown = "1.0 (keyword)" if confidence == 1.0 else f"{confidence:.1f}"
            print(f"| {shown} | {cells[0]} | {cells[1]} |")
        none = Predicted("none", 0.0)
        guesses = {(x.dataset, x.id): predicted.get((x.dataset, x.id), none) for x in labels}
        dev_rows = [(label, guesses[label.dataset, label.id]) for label in labels if label.split == "dev"]
        wrong = [(label, guess) for label, guess in dev_rows if (label.tie == "set") != (guess.tie == "set")]
        print(f"\nDevelopment rows the graph gets wrong ({len(wrong)}):")
        for label, guess in wrong:
            print(f"  {label.dataset} {label.id} {label.title}: labelled {label.tie}, graph says {guess}")
        print_resolution(store)


def print_resolution(store: object) -> None:
    """Pairwise precision, recall and F1 of resolution by kind, and B-cubed, on both halves."""
    pairs = resolution_pairs()
    print("\n## Resolution (tests/labels/resolution_pairs.csv)\n")
    print("| half | kind | pairs | matches | precision | recall | F1 |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for split in ("dev", "test"):
        half = [p for p in pairs if p.split == split]
        for kind in ("film", "person", "company", "place", "all"):
            chosen = half if kind == "all" else [p for p in half if p.kind == kind]
            s = score_pairs(store, chosen)  # type: ignore[arg-type]
            matches = sum(p.match for p in chosen)
            name = f"**{kind}**" if kind == "all" else kind
            print(
                f"| {split} | {name} | {len(chosen)} | {matches} | {s.precision:.3f} ({s.tp}/{s.tp + s.fp})"
                f" | {s.recall:.3f} ({s.tp}/{s.tp + s.fn}) | {s.f1:.3f} |"
            )
    print("\n| half | B-cubed precision | B-cubed recall |")
    print("|---|---:|---:|")
    for split in ("dev", "test"):
        bp, br = b_cubed(store, [p for p in pairs if p.split == split])  # type: ignore[arg-type]
        print(f"| {split} | {bp:.3f} | {br:.3f} |")
    wrong = [p for p in pairs if p.split == "dev" and same(store, p) != p.match]  # type: ignore[arg-type]
    print(f"\nDevelopment pairs the graph gets wrong ({len(wrong)}):")
    for p in wrong:
        verdict = "kept apart" if p.match else "merged"
        print(
            f"  {p.kind}: {p.a.value.strip()!r} ({p.a.dataset} {p.a.key}) / {p.b.value.strip()!r} "
            f"({p.b.dataset} {p.b.key}) {verdict}: {p.note}"
        )


if __name__ == "__main__":
    main()
