"""The phases of the benchmark, each run alone in a child process (see measure.run_child) so that
its peak memory is its own: the real build, parsing, loading and writing Turtle with each engine,
and the queries through our API, on the raw pyoxigraph store and with rdflib's engine.

Each phase takes a job (a JSON dict) and returns a JSON dict of figures.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from bench.measure import Timing, heartbeat, log, rss_mb, timed_together

if TYPE_CHECKING:
    from rdflib import URIRef

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# Queries the issue names beside the named ones: an aggregate over the whole cast, a listing with
# OPTIONAL parts (a large result: every film), and a point lookup. Parameters as in named queries.
# DISTINCT as in the named queries: a triple stated by two sources is in two named graphs, and the
# union default graph then gives its solutions twice.
EXTRA_QUERIES: dict[str, tuple[str, dict[str, str | None]]] = {
    "top-actors (extra)": (
        """PREFIX schema: <https://schema.org/>
SELECT ?actor ?name (COUNT(DISTINCT ?film) AS ?films) WHERE {
  ?film schema:actor/schema:actor ?actor .
  ?actor schema:name ?name .
}
GROUP BY ?actor ?name
ORDER BY DESC(?films) ?name
LIMIT 20""",
        {},
    ),
    "film-listing (extra, OPTIONAL)": (
        """PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?film ?title ?published ?rating ?company WHERE {
  ?film a schema:Movie ; schema:name ?title .
  OPTIONAL { ?film schema:datePublished ?published }
  OPTIONAL { ?film schema:aggregateRating/schema:ratingValue ?rating }
  OPTIONAL { ?film schema:productionCompany/schema:name ?company }
}
ORDER BY ?title""",
        {},
    ),
    # Oxigraph binds only variables of the projection: ?film is selected.
    "point-lookup (extra)": ("SELECT ?film ?p ?o WHERE { ?film ?p ?o }", {"film": None}),
}


def build_phase(job: dict[str, Any]) -> dict[str, Any]:
    """The full real build (graph.build.pipeline.build) from the seeds and the datasets of the job."""
    from graph.build.options import BuildOptions, DatasetSpec
    from graph.build.pipeline import build

    options = BuildOptions(
        data=Path(job["data"]),
        datasets=tuple(DatasetSpec(kind, Path(path)) for kind, path in job["datasets"]),
        out=Path(job["out"]),
    )
    steps: list[tuple[str, float]] = []

    def progress(step: str) -> None:
        steps.append((step, time.perf_counter()))
        log(f"  build: {step}")

    started = time.perf_counter()
    report = build(options, progress=progress)
    seconds = time.perf_counter() - started
    ends = [t for _, t in steps[1:]] + [started + seconds]
    return {
        "seconds": seconds,
        "steps": [(step, end - t) for (step, t), end in zip(steps, ends, strict=True)],
        "triples": report.triples,
        "quads": report.quads,
        "sources": len(report.sources),
        "kept_out": report.kept_out,
        "conforms": bool(report.validation and report.validation.conforms),
        "datasets": [
            {"name": d.name, "kind": d.kind, "rows_read": d.rows_read, "kept": d.kept, "seconds": d.seconds}
            for d in report.datasets
        ],
    }


def parse_phase(job: dict[str, Any]) -> dict[str, Any]:
    """The Turtle parser alone (pyoxigraph.parse, triples counted and dropped): the speed the
    issue's targets are relative to."""
    started = time.perf_counter()
    triples = sum(1 for _ in ox.parse(path=job["file"], format=ox.RdfFormat.TURTLE))
    return {"seconds": time.perf_counter() - started, "triples": triples}


def ox_memory_phase(job: dict[str, Any]) -> dict[str, Any]:
    """pyoxigraph's in-memory store: Store.load of the Turtle, then Store.dump back to Turtle."""
    from graph.namespace import PREFIXES

    store = ox.Store()
    started = time.perf_counter()
    store.load(path=job["file"], format=ox.RdfFormat.TURTLE)
    load = time.perf_counter() - started
    peak_load = rss_mb("VmHWM")
    out = Path(job["tmp"]) / "ox-dump.ttl"
    started = time.perf_counter()
    store.dump(output=str(out), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
    dump = time.perf_counter() - started
    size = out.stat().st_size
    out.unlink()
    return {"load": load, "triples": len(store), "peak_load_mb": peak_load, "write": dump, "bytes": size}


def ours_load_phase(job: dict[str, Any]) -> dict[str, Any]:
    """Our store as the build makes it: graph.store.embedded.create_store (on disk, bulk_load, optimize)."""
    from graph.store.embedded import create_store, open_store

    data = Path(job["file"]).read_bytes()  # create_store takes the bytes of the build's TriG
    folder = Path(job["folder"])
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    create_store(folder, data)
    seconds = time.perf_counter() - started
    return {"load": seconds, "triples": len(open_store(folder))}


def ox_disk_phase(job: dict[str, Any]) -> dict[str, Any]:
    """pyoxigraph on disk step by step, as create_store takes them (``bulk_load``, ``optimize``,
    ``flush``) or with the transactional ``Store.load``: where the time of our load goes."""
    data = Path(job["file"]).read_bytes()
    store = ox.Store(job["folder"])
    steps: dict[str, float] = {}
    started = time.perf_counter()
    if job["method"] == "bulk_load":
        store.bulk_load(data, format=ox.RdfFormat.TRIG)
    else:
        store.load(data, format=ox.RdfFormat.TRIG)
    steps[job["method"]] = time.perf_counter() - started
    for step in ("optimize", "flush"):
        started = time.perf_counter()
        getattr(store, step)()
        steps[step] = time.perf_counter() - started
    return {"steps": steps, "load": sum(steps.values()), "triples": len(store)}


def ours_export_phase(job: dict[str, Any]) -> dict[str, Any]:
    """Our export: graph.network.export.export(store, "turtle"), what `pariskg export -f turtle` writes."""
    from graph.network.export import export
    from graph.store.embedded import open_store

    store = open_store(Path(job["folder"]))
    started = time.perf_counter()
    with heartbeat("our Turtle export"):
        data = export(store, "turtle")
    return {"write": time.perf_counter() - started, "bytes": len(data)}


def _rows_ox(result: Any) -> int:
    """Every value of every row read into Python, as a caller of the API would."""
    rows = [[None if t is None else t.value for t in row] for row in result]
    return len(rows)


def _term_json(term: ox.NamedNode | ox.Literal) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"iri": term.value}
    return {"literal": term.value, "datatype": term.datatype.value}


def _pick(store: ox.Store, cls: str | None) -> str:
    """An entity for a parameter nobody chose: the most linked one of its class."""
    where = f"?e a <{cls}> ." if cls else "?e a <https://schema.org/Person> ."
    query = (
        f"SELECT ?e (COUNT(?x) AS ?n) WHERE {{ {where} ?x ?p ?e }} GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1"
    )
    rows = list(store.query(query, use_default_graph_as_union=True))  # type: ignore[arg-type]
    return f"<{rows[0]['e'].value}>" if rows else "<urn:nothing>"


def ox_queries_phase(job: dict[str, Any]) -> dict[str, Any]:
    """Each query timed through our API (bind + run, graph.store.query) on the store on disk, on the raw
    pyoxigraph store with the same SPARQL (parameters as the BINDs our API writes), and through our
    API on the store copied in memory (``open_store(in_memory=True)``, unless the job says
    ``in_memory: False``: then the child's peak is that of querying the store on disk); runs
    alternate."""
    from graph.errors import ParisKGError
    from graph.store.embedded import open_store
    from graph.store.query import bind, parse_named, run
    from graph.store.sparql_text import with_binds

    store = open_store(Path(job["folder"]))
    memory = open_store(Path(job["folder"]), in_memory=True) if job.get("in_memory", True) else None
    repeat, budget = job["repeat"], job["budget"]
    resolved: dict[str, ox.NamedNode | ox.Literal] = {}
    out: dict[str, Any] = {}
    for spec in job["queries"]:
        name, text = spec["name"], spec["text"]
        named = parse_named(Path(spec["path"])) if spec.get("path") else None
        declared = {p.name: p for p in named.params} if named else {}
        values: dict[str, str] = {}
        for param, value in {**dict.fromkeys(declared), **spec["params"]}.items():
            if value is None and param in resolved:
                term = resolved[param]
                value = f"<{term.value}>" if isinstance(term, ox.NamedNode) else term.value
            values[param] = value or _pick(store, declared[param].cls if param in declared else None)
        try:
            subs = bind(store, named, values)  # names resolved once here, outside the timings
        except ParisKGError as err:
            out[name] = {"error": str(err)}
            log(f"  ! {name}: {err}")
            continue
        for var, term in subs.items():
            resolved.setdefault(var.value, term)
        as_iris = {
            v.value: f"<{t.value}>" if isinstance(t, ox.NamedNode) else values[v.value]
            for v, t in subs.items()
        }

        def ours(named: Any = named, text: str = text, as_iris: dict[str, str] = as_iris) -> int:
            return _rows_ox(run(store, text, bind(store, named, as_iris)))

        sent = with_binds(text, subs) if subs else text  # the SPARQL our API hands the store

        def raw(sent: str = sent) -> int:
            return _rows_ox(store.query(sent, use_default_graph_as_union=True))

        def in_memory(named: Any = named, text: str = text, as_iris: dict[str, str] = as_iris) -> int:
            return _rows_ox(run(memory, text, bind(memory, named, as_iris)))

        runs = {"ours": ours, "raw": raw} | ({"memory": in_memory} if memory is not None else {})
        timings = timed_together(runs, repeat=repeat, budget=budget)
        t_ours, t_raw = timings["ours"], timings["raw"]
        out[name] = {
            **{way: t.as_dict() for way, t in timings.items()},
            "bindings": {v.value: _term_json(t) for v, t in subs.items()},
        }
        log(f"  {name}: {t_ours.rows} rows, ours {t_ours.seconds:.4f} s, raw {t_raw.seconds:.4f} s")
    return {"queries": out, "peak_mb_so_far": rss_mb("VmHWM")}


def rdflib_phase(job: dict[str, Any]) -> dict[str, Any]:
    """rdflib's own store and engine: Graph.parse of the Turtle, serialize back to Turtle, and each
    query with the terms the other engines were given: from its text on each run (as Oxigraph is
    given it), and prepared once (rdflib spends milliseconds parsing a query), runs alternating."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.plugins.sparql import prepareQuery

    g = Graph()
    started = time.perf_counter()
    with heartbeat("rdflib Graph.parse"):
        g.parse(job["file"], format="turtle")
    load = time.perf_counter() - started
    peak_load = rss_mb("VmHWM")
    gc.freeze()  # later full collections would walk millions of objects (seconds each)
    data: dict[str, Any] = {"load": load, "triples": len(g), "peak_load_mb": peak_load}
    if job["write"]:
        out = Path(job["tmp"]) / "rdflib.ttl"
        started = time.perf_counter()
        with heartbeat("rdflib serialize"):
            g.serialize(destination=str(out), format="turtle", encoding="utf-8")
        data["write"] = time.perf_counter() - started
        data["bytes"] = out.stat().st_size
        out.unlink()
    queries: dict[str, Any] = {}
    for spec in job["queries"]:
        name, text = spec["name"], spec["text"]
        bindings = {
            var: URIRef(t["iri"]) if "iri" in t else Literal(t["literal"], datatype=_datatype(t["datatype"]))
            for var, t in spec["bindings"].items()
        }
        try:
            prepared = prepareQuery(text)
        except Exception as err:
            queries[name] = {"text": Timing(float("nan"), 0, 0, error=str(err)[:200]).as_dict()}
            continue

        def rows(query: Any, bindings: dict[str, Any] = bindings) -> int:
            result = g.query(query, initBindings=bindings)
            return len([[None if t is None else str(t) for t in row] for row in result])  # type: ignore[union-attr]

        with heartbeat(f"rdflib {name}"):
            timings = timed_together(
                {"text": lambda text=text: rows(text), "prepared": lambda p=prepared: rows(p)},
                repeat=job["repeat"],
                budget=job["budget"],
                limit=job["limit"],
            )
        queries[name] = {k: t.as_dict() for k, t in timings.items()}
        t = timings["text"]
        shown = f"> {t.seconds:.0f} s (stopped)" if t.timed_out else f"{t.seconds:.4f} s"
        log(f"  rdflib {name}: {t.rows} rows, {shown} (prepared {timings['prepared'].seconds:.4f} s)")
    data["queries"] = queries
    return data


def _datatype(iri: str) -> URIRef | None:
    from rdflib import URIRef

    return None if iri == XSD_STRING else URIRef(iri)


PHASES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "build": build_phase,
    "parse": parse_phase,
    "ox-memory": ox_memory_phase,
    "ours-load": ours_load_phase,
    "ox-disk": ox_disk_phase,
    "ours-export": ours_export_phase,
    "ox-queries": ox_queries_phase,
    "rdflib": rdflib_phase,
}
