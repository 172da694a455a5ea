"""Rebuild after changing one document: the full build of the seeds and every dataset, then one
seed document changed and built again (a rebuild from the previous build), then a full build of the
changed inputs into a fresh folder, and the two build folders compared byte for byte; then a second
document changed on top of the first, the same way.

    python -m bench.rebuild [--config all-datasets.toml] [--work /tmp/pariskg-rebuild]

Prints the time and peak memory of each build and its step times. Each build runs in its own
process (``pariskg build``), as a user runs it; the machine is shared, so compare the figures of
one run with each other.
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHANGES = [  # what changes, in which seed document: a passage and what it becomes
    (
        "a review names two actors",
        "002_5d5dd595a84e6b66.txt",
        "Such presence and such voices",
        "Such presence, with Romain Duris and Audrey Tautou, and such voices",
    ),
    (
        "a film page names a new star",
        "000_a5fd348b64338ad4.txt",
        "Stars: Juliette Binoche, Romain Duris, Fabrice Luchini",
        "Stars: Juliette Binoche, Romain Duris, Fabrice Luchini, Karin Viard",
    ),
]
COMPARED = ("paris-cinema.ttl", "paris-cinema.trig", "paris-cinema.html", "resolution.json")


def run_build(data: Path, out: Path, config: Path) -> tuple[float, float, str]:
    """``pariskg build`` in a child process: (seconds, peak MB, its step line)."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "graph", "build", "--data", str(data), "--out", str(out)]
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command, "--config", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    steps = next((line.strip() for line in done.stdout.splitlines() if line.strip().startswith("steps:")), "")
    return seconds, peak_kb / 1024, steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "all-datasets.toml")
    parser.add_argument("--work", type=Path, default=Path("/tmp/pariskg-rebuild"))
    args = parser.parse_args()
    work: Path = args.work
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(ROOT / "data", work / "data")
    out = work / "out"

    config = args.config.resolve()
    figures = [("full build", *run_build(work / "data", out, config))]
    identical = []
    for number, (change, name, before, after) in enumerate(CHANGES, 1):
        document = work / "data" / "documents" / name
        text = document.read_text(encoding="utf-8")
        assert before in text, f"{name} no longer holds the passage this benchmark changes"
        document.write_text(text.replace(before, after, 1), encoding="utf-8")
        fresh = work / f"fresh-{number}" / "out"
        figures.append((f"rebuild: {change}", *run_build(work / "data", out, config)))
        figures.append(
            (f"full build of the same inputs ({number})", *run_build(work / "data", fresh, config))
        )
        identical.append([f for f in COMPARED if filecmp.cmp(out / f, fresh / f, shallow=False)])

    print(f"{'build':<44} {'seconds':>8} {'peak MB':>8}")
    for name, seconds, peak, _steps in figures:
        print(f"{name:<44} {seconds:>8.1f} {peak:>8.0f}")
    for name, _s, _p, steps in figures:
        print(f"  {name}: " + re.sub(r"\s+", " ", steps))
    for number, same in enumerate(identical):
        rebuilt, full = figures[1 + 2 * number], figures[2 + 2 * number]
        print(f"{rebuilt[0]}: {rebuilt[1] / full[1]:.2f} of the full build's time")
        print(f"  files identical to the full build's: {len(same)} of {len(COMPARED)} ({', '.join(same)})")


if __name__ == "__main__":
    main()
