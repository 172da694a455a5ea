"""Benchmark of the Paris cinema knowledge graph: the real build, each named query through our API,
on the raw pyoxigraph store and with rdflib, loading and writing Turtle, and the same on synthetic
graphs of 1M and 5M triples; every figure of one run, every ratio taken within that run.

    python bench/bench.py [--sizes 1000000,5000000] [--skip-rdflib] [--out bench/results.md]

It prints Markdown tables and writes them to --out. Each phase runs in its own child process so
that its peak memory is its own (see bench/measure.py). With rdflib at 5M it takes about half an
hour on two cores and peaks near 7 GB (rdflib's graph, and our export through rdflib).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run as a script: import bench.* and graph.* from the repository
    sys.path[0] = str(ROOT)

from bench.measure import ChildResult, child_main, log, run_child  # noqa: E402
from bench.phases import EXTRA_QUERIES, PHASES  # noqa: E402
from bench.report import GraphRun, build_section, load_section, query_section, targets_section  # noqa: E402

if TYPE_CHECKING:
    from graph.store.query import NamedQuery

# Where each dataset kind finds its file under --data-dir (kinds come from the registry).
DATASET_FILES = {
    "paris-filming-permits": "paris_filming_locations/lieux-de-tournage-a-paris.csv",
    "paris-arrondissements": "paris_arrondissements/arrondissements.geojson",
    "tmdb-movies": "tmdb_5000/tmdb_5000_movies.csv",
    "imdb-movies": "imdb_5000/movie_metadata.csv",
    "review-folder": "imdb_reviews_paris",
}
# Parameters of the named queries on the real build (as the tests give them); others are picked.
REAL_PARAMS: dict[str, dict[str, str]] = {
    "box-office": {"film": "Paris"},
    "cast": {"film": "Paris"},
    "coworkers": {"person": "Juliette Binoche"},
    "crew-counts": {"film": "Paris, je t'aime"},
    "fact-sources": {"entity": "Juliette Binoche"},
    "film-places": {"film": "Paris, je t'aime"},
    "films-by-director": {"director": "Cédric Klapisch"},
    "films-of-distributor": {"distributor": "Mars Distribution"},
    "films-shot-in": {"place": "Paris 18"},
    "franchise-films": {"franchise": "Cities of Love"},
    "place-chain": {"place": "Sacré-Coeur"},
    "review-mentions": {"review": "source:002-5d5dd595a84e6b66"},
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="example: python bench/bench.py --sizes 1000000 --skip-rdflib --out /tmp/results.md",
    )
    parser.add_argument(
        "--sizes", default="1000000,5000000", help="synthetic graph sizes in triples ('' for none)"
    )
    parser.add_argument("--skip-rdflib", action="store_true", help="leave rdflib out (minutes and GBs at 5M)")
    parser.add_argument("--skip-build", action="store_true", help="leave the real build out")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "results.md", help="Markdown file to write"
    )
    shared = Path(os.environ.get("PARISKG_SHARED_DATA", ROOT.parent / "shared" / "data"))
    parser.add_argument("--data-dir", type=Path, default=shared, help="the datasets (PARISKG_SHARED_DATA)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (median); fewer if slow")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds of runs per query and engine")
    parser.add_argument(
        "--rdflib-limit", type=float, default=300.0, help="stop an rdflib query run after this"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic generator")
    parser.add_argument("--tmp", type=Path, default=None, help="folder for the temporary files")
    parser.add_argument("--keep", action="store_true", help="keep the temporary files")
    parser.add_argument("--child", nargs=3, metavar=("PHASE", "JOB", "RESULT"), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def dataset_specs(data_dir: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(kind, path) for each registered dataset kind whose file exists, and what is left out."""
    from graph.sources.registry import DATASETS

    specs, missing = [], []
    for kind in DATASETS:
        rel = DATASET_FILES.get(kind)
        if rel is None:
            missing.append(f"`{kind}` (no file known to the benchmark)")
        elif not (data_dir / rel).exists():
            missing.append(f"`{kind}` ({data_dir / rel} not found)")
        else:
            specs.append((kind, str(data_dir / rel)))
    missing += [f"`{k}` (no reader registered yet)" for k in DATASET_FILES if k not in DATASETS]
    return specs, missing


def query_specs(params: Callable[[NamedQuery], dict[str, str]]) -> list[dict[str, Any]]:
    """The named queries of queries/ with the parameters ``params`` gives each (parameters it
    leaves out are picked: the most linked entity of the class), then the extra queries."""
    from graph.store.query import named_queries

    specs: list[dict[str, Any]] = [
        {"name": q.name, "text": q.text, "path": str(q.path), "params": params(q)} for q in named_queries()
    ]
    specs += [{"name": n, "text": t, "path": None, "params": p} for n, (t, p) in EXTRA_QUERIES.items()]
    return specs


def measure_graph(
    label: str,
    turtle: Path,
    query_store: Path | None,
    specs: list[dict[str, Any]],
    args: argparse.Namespace,
    tmp: Path,
) -> GraphRun:
    """Parse, load and write ``turtle`` with each engine, then time each query on each engine."""
    from graph.text import slug

    run = GraphRun(label, 0, turtle.stat().st_size, queries=[s["name"] for s in specs])
    work = tmp / slug(label)
    work.mkdir(parents=True, exist_ok=True)
    folder = work / "ours"
    steps: list[tuple[str, str, dict[str, Any]]] = [  # (name in the report, phase, job)
        ("parse", "parse", {"file": str(turtle)}),
        ("ox-memory", "ox-memory", {"file": str(turtle), "tmp": str(work)}),
        ("ours-load", "ours-load", {"file": str(turtle), "folder": str(folder)}),
        ("ours-export", "ours-export", {"folder": str(folder)}),
        ("ox-disk", "ox-disk", {"file": str(turtle), "folder": str(work / "bulk"), "method": "bulk_load"}),
        ("ox-disk-load", "ox-disk", {"file": str(turtle), "folder": str(work / "load"), "method": "load"}),
    ]
    for name, phase, job in steps:
        log(f"{label}: {name}")
        run.phases[name] = run_child(phase, job)
    for scratch in ("bulk", "load"):
        shutil.rmtree(work / scratch, ignore_errors=True)
    if run.ok("parse"):
        run.triples = run.phases["parse"].data["triples"]
    log(f"{label}: queries, our API and raw pyoxigraph")
    job = {
        "folder": str(query_store or folder),
        "queries": specs,
        "repeat": args.repeat,
        "budget": args.budget,
    }
    ox_q = run.phases["ox-queries"] = run_child("ox-queries", job)
    log(f"{label}: each query once on our store on disk alone, for its peak memory")
    run.phases["ours-queries"] = run_child("ox-queries", {**job, "repeat": 1, "in_memory": False})
    if not args.skip_rdflib:
        log(f"{label}: rdflib parse, serialize and queries (slow: progress every 30 s)")
        bound = ox_q.data.get("queries", {}) if ox_q.ok else {}
        rd_specs = [
            {**s, "bindings": bound[s["name"]]["bindings"]}
            for s in specs
            if "bindings" in bound.get(s["name"], {})
        ]
        job = {
            "file": str(turtle),
            "tmp": str(work),
            "write": True,
            "queries": rd_specs,
            "repeat": min(args.repeat, 3),  # rdflib's slow queries would take minutes each
            "budget": args.budget,
            "limit": args.rdflib_limit,
        }
        run.phases["rdflib"] = run_child("rdflib", job)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return run


def machine() -> str:
    """What the figures were measured on."""
    import pyoxigraph
    import rdflib

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run(
        [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    changed = subprocess.run(
        [*git, "status", "--porcelain", "--untracked-files=no", "graph", "queries", "ontology", "data"],
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    dirty = f" with {len(changed)} file(s) of graph/, queries/, ontology/, data/ changed" if changed else ""
    return (
        f"{os.cpu_count()} × {cpu}, {mem:.0f} GiB RAM (shared, noisy: compare ratios, not absolute times); "
        f"Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}, "
        f"rdflib {rdflib.__version__}; commit {commit or '?'}{dirty}"
    )


# How the figures were taken, printed above them.
METHOD = """
- Times are medians. The runs of the engines compared alternate (ours, raw, ours, raw…) so that the
  load of other processes falls on both: 5 runs (rdflib 3), three times more for queries under 0.2 s,
  fewer once 30 s are spent; a first round under 1 s only warms caches.
- *Ours*: `graph.store.query.bind` + `run`, reading every value of every row. *Raw*: `pyoxigraph.Store.query`
  with the same SPARQL, the same bound terms and the union default graph. *rdflib*: `Graph.query`
  with the same SPARQL text and `initBindings` on a `Graph` parsed from the same Turtle (`gc.freeze()`
  after parsing); *rdflib prepared*: the query prepared once (rdflib spends milliseconds parsing
  SPARQL). `> N s`: stopped at the time limit.
- The *target* column judges ours/raw ≤ 1.5x and rdflib/ours ≥ 10x at every size (the issue states
  the latter at 1M).
- Peak memory is each child process's own (`ru_maxrss`; the interpreter and its imports take about
  55 MB of it).
"""


def render(build: ChildResult | None, missing: list[str], runs: list[GraphRun], meta: dict[str, str]) -> str:
    """The whole report as Markdown."""
    parts = [
        f"# Benchmark, {meta['date']}\n\n{meta['machine']}.\n\nCommand: `{meta['command']}`, "
        f"{meta['runtime']} in all.\n",
        METHOD,
        "\n" + targets_section(runs),
    ]
    if build is not None:
        parts.append("\n" + build_section(build, missing))
    for run in runs:
        extra = f", generated in {run.generation:.1f} s" if run.generation is not None else ""
        parts.append(
            f"\n## {run.label}: {run.triples:,} triples, Turtle {run.size_bytes / 1e6:,.1f} MB{extra}\n\n"
        )
        parts.append(load_section(run) + "\n" + query_section(run))
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        return child_main(PHASES, args.child)
    started = time.perf_counter()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.tmp:
        Path(args.tmp).mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="pariskg-bench-", dir=args.tmp))
    log(f"working in {tmp}")
    build: ChildResult | None = None
    missing: list[str] = []
    runs: list[GraphRun] = []
    command = " ".join(["python bench/bench.py", *(sys.argv[1:] if argv is None else argv)])

    def report(done: bool) -> str:
        """Write what is measured so far (a run that stops at 5M keeps the figures before it)."""
        runtime = time.perf_counter() - started
        meta = {
            "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
            "machine": machine(),
            "command": command,
            "runtime": (f"{runtime / 60:.1f} min" if runtime >= 60 else f"{runtime:.0f} s")
            + ("" if done else " so far (not finished)"),
        }
        text = render(build, missing, runs, meta)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        return text

    try:
        if not args.skip_build:
            from graph.store.embedded import TURTLE_FILE

            datasets, missing = dataset_specs(args.data_dir)
            log(f"real build with {', '.join(k for k, _ in datasets) or 'the seeds only'}")
            out = tmp / "build"
            build = run_child("build", {"data": str(ROOT / "data"), "datasets": datasets, "out": str(out)})
            if build.ok:
                specs = query_specs(lambda q: REAL_PARAMS.get(q.name, {}))
                runs.append(measure_graph("Real build", out / TURTLE_FILE, out, specs, args, tmp))
            report(done=False)
        for size in sizes:
            from bench.synthetic import generate

            label = f"Synthetic {size:,}"
            log(f"{label}: generating")
            t0 = time.perf_counter()
            syn = generate(tmp / f"synthetic-{size}.ttl", size, seed=args.seed)
            took = time.perf_counter() - t0
            specs = query_specs(
                lambda q, picks=syn.picks: {p.name: picks[p.name] for p in q.params if p.name in picks}
            )
            run = measure_graph(label, syn.path, None, specs, args, tmp)
            run.generation = took
            runs.append(run)
            if not args.keep:
                syn.path.unlink()
            report(done=False)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(report(done=True))
    log(f"wrote {args.out} ({(time.perf_counter() - started) / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
