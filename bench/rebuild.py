"""Rebuild after changing one document: the full build of the seeds and every dataset, then one
seed document changed and built again (a rebuild from the previous build), then a full build of the
changed inputs into a fresh folder, and the two build folders compared byte for byte.

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
DOCUMENT = "002_5d5dd595a84e6b66.txt"  # the seed review
CHANGE = (
    "Such presence and such voices",
    "Such presence, with Romain Duris and Audrey Tautou, and such voices",
)
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
    out, fresh = work / "out", work / "fresh" / "out"

    config = args.config.resolve()
    figures = [("full build", *run_build(work / "data", out, config))]
    document = work / "data" / "documents" / DOCUMENT
    text = document.read_text(encoding="utf-8")
    assert CHANGE[0] in text, f"{DOCUMENT} no longer holds the sentence this benchmark changes"
    document.write_text(text.replace(*CHANGE), encoding="utf-8")
    figures.append(("rebuild, one document changed", *run_build(work / "data", out, args.config.resolve())))
    figures.append(
        ("full build of the changed inputs", *run_build(work / "data", fresh, args.config.resolve()))
    )

    print(f"{'build':<36} {'seconds':>8} {'peak MB':>8}")
    for name, seconds, peak, _steps in figures:
        print(f"{name:<36} {seconds:>8.1f} {peak:>8.0f}")
    for name, _s, _p, steps in figures:
        print(f"  {name}: " + re.sub(r"\s+", " ", steps))
    same = [name for name in COMPARED if filecmp.cmp(out / name, fresh / name, shallow=False)]
    print(f"rebuild / full build: {figures[1][1] / figures[2][1]:.2f}")
    print(f"files identical to the full build's: {len(same)} of {len(COMPARED)} ({', '.join(same)})")


if __name__ == "__main__":
    main()
