"""The build's "reading" and "resolving" steps timed one by one, this code against an earlier
commit's, same run.

    python bench/resolve_steps.py [--baseline REV] [--repeat 3] [--config all-datasets.toml]
                                  [--data data] [--cache DIR]

Each round of each code version runs in a fresh child process that times the steps graph.build.pipeline
runs before writing: reading the inputs (curated files and documents, and the datasets from a
records cache of its own, filled by an untimed first round, so that the two versions do not evict
each other's: what a rebuild reads), placing addresses (graph.resolve.geoplace; with reading, the build's
"reading" step), resolving (graph.resolve.entities), naming unnamed films by their people
(graph.resolve.identify), linking reviews (graph.resolve.link_reviews) and making the RDF quads of every graph
(graph.make.rdf; a rebuild makes only those whose inputs changed). Rounds of the two versions
alternate, so a busy machine slows both alike; the table shows each step's median. The outputs
(resolution report, quads in order, hypotheses) are compared too: a faster step must make the
same graph.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STEPS = ("reading", "placements", "resolve", "identify", "link_reviews", "rdf")


def child(code: Path, config: Path, data: Path, cache: Path) -> dict[str, Any]:
    """One round in this process: read the inputs with the ``graph`` package found in ``code``,
    time each step once, and digest what they made."""
    import gc
    import tomllib

    sys.path.insert(0, str(code))
    gc.disable()  # as graph.build.pipeline.build does
    from graph.build import pipeline as B
    from graph.build.inputs import read_datasets, read_inputs, read_sources
    from graph.build.options import DatasetSpec
    from graph.build.summary import BuildReport
    from graph.make import rdf
    from graph.resolve.entities import resolve
    from graph.resolve.geoplace import add_placements, outlines
    from graph.resolve.identify import identify
    from graph.resolve.link_reviews import link_reviews, merged
    from graph.resolve.report import to_json

    assert Path(B.__file__).is_relative_to(code), f"graph imported from {B.__file__}, not {code}"
    specs = tuple(
        DatasetSpec(s["kind"], (config.parent / s["path"]).resolve())
        for s in tomllib.loads(config.read_text())["source"]
    )
    seconds: dict[str, float] = {}

    def timed(step: str, started: float) -> float:
        now = time.perf_counter()
        seconds[step] = now - started
        return now

    t = time.perf_counter()
    report = BuildReport()
    curated, cues, documents = read_inputs(data, report)
    datasets = read_datasets(specs, report, cache)
    sources = read_sources(curated, cues, documents, report) + [src for src, _ in datasets]
    hashlib.sha256(repr(outlines(sources)).encode()).hexdigest()  # as graph.build.pipeline keys the placing
    t = timed("reading", t)
    add_placements(sources)
    t = timed("placements", t)
    resolution = resolve(sources)
    t = timed("resolve", t)
    identified = identify(sources, resolution)
    t = timed("identify", t)
    linked = link_reviews(sources, resolution)
    t = timed("link_reviews", t)
    # graph.build.pipeline.make_dataset after its resolve, identify and link_reviews calls
    found = merged(identified, linked)
    found = [h for h in found if h.about not in resolution.name or h.about == h.candidate]
    quads = rdf.new_dataset()
    texts = {d.source_id: d.text for d in documents}
    for src in sources:
        rdf.add_source_claims(quads, src, resolution, texts.get(src.source_id))
    rdf.add_entity_names(quads, resolution)
    rdf.add_unnamed_labels(quads, sources, resolution)
    rdf.add_hypotheses(quads, found, resolution)
    timed("rdf", t)
    return {
        "seconds": seconds,
        "quads": len(quads),
        "digests": {
            "resolution.json": hashlib.sha256(to_json(resolution)).hexdigest(),
            "quads": _digest_quads(quads),
            "hypotheses": hashlib.sha256(repr(found).encode()).hexdigest(),
        },
    }


def _digest_quads(quads: Any) -> str:
    """A digest of the quads in the order they were made, each term with its kind and datatype."""
    digest = hashlib.sha256()
    for quad in quads:
        for term in quad:
            extra = f"^{getattr(term, 'datatype', '')}@{getattr(term, 'language', '')}"
            digest.update(f"{type(term).__name__}|{term}|{extra}\n".encode())
    return digest.hexdigest()


def extract(rev: str, into: Path) -> Path:
    """The ``graph`` package of commit ``rev`` written into ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "graph"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def run_round(code: Path, args: argparse.Namespace, label: str) -> dict[str, Any]:
    """One round of one code version in a child process."""
    cache = args.cache / label
    command = [sys.executable, __file__, "--child", str(code), "--config", str(args.config)]
    command += ["--data", str(args.data), "--cache", str(cache)]
    out = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def table(rounds: dict[str, list[dict[str, Any]]]) -> str:
    """Median seconds of each step per version, and the ratio to the baseline."""
    labels = list(rounds)
    medians = {
        label: {step: statistics.median(r["seconds"][step] for r in runs) for step in STEPS}
        for label, runs in rounds.items()
    }
    for label in labels:
        medians[label]["total"] = sum(medians[label][s] for s in STEPS)
    head = f"{'step':<14}" + "".join(f"{label:>12}" for label in labels)
    head += f"{'speed-up':>10}" if len(labels) == 2 else ""
    lines = [head]
    for step in (*STEPS, "total"):
        line = f"{step:<14}" + "".join(f"{medians[label][step]:>10.2f} s" for label in labels)
        if len(labels) == 2:
            line += f"{medians[labels[0]][step] / medians[labels[1]][step]:>9.1f}x"
        lines.append(line)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", help="a commit to time against (its graph/ package)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of each version (median)")
    parser.add_argument("--config", type=Path, default=ROOT / "all-datasets.toml")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "pariskg-resolve-steps-cache"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.config, args.data = args.config.resolve(), args.data.resolve()
    if args.child:
        print(json.dumps(child(args.child, args.config, args.data, args.cache)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        versions = {"this code": ROOT}
        if args.baseline:
            versions = {args.baseline[:12]: extract(args.baseline, Path(tmp)), **versions}
        rounds: dict[str, list[dict[str, Any]]] = {label: [] for label in versions}
        for label, code in versions.items():  # each version's records cache filled
            run_round(code, args, label.replace(" ", "-"))
        for i in range(args.repeat):
            for label, code in versions.items():
                result = run_round(code, args, label.replace(" ", "-"))
                rounds[label].append(result)
                figures = ", ".join(f"{s} {result['seconds'][s]:.2f} s" for s in STEPS)
                print(f"round {i + 1}, {label}: {figures}", file=sys.stderr, flush=True)
    print(table(rounds))
    digests = {label: runs[-1]["digests"] for label, runs in rounds.items()}
    quads = {label: runs[-1]["quads"] for label, runs in rounds.items()}
    print(f"quads: {', '.join(f'{label} {n:,}' for label, n in quads.items())}")
    if len(digests) == 2:
        first, second = digests.values()
        for name in first:
            print(f"same {name}: {'yes' if first[name] == second[name] else 'NO'}")


if __name__ == "__main__":
    main()
