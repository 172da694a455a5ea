"""The benchmark's synthetic graph at a tiny size: it parses, the same seed gives the same bytes, it
speaks the project's vocabulary, and every named query and the benchmark's own queries return rows
on it. No timings are checked here (CI does not run the benchmark itself)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from bench.measure import ChildResult, timed_together
from bench.phases import EXTRA_QUERIES, ox_queries_phase
from bench.report import GraphRun, query_section
from bench.synthetic import Synthetic, generate
from graph.namespace import PC
from graph.store.embedded import create_store, open_store
from graph.store.query import NamedQuery, bind, named_queries, run

SIZE = 2000


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Synthetic:
    return generate(tmp_path_factory.mktemp("synthetic") / "g.ttl", SIZE, seed=7)


@pytest.fixture(scope="module")
def store(synthetic: Synthetic) -> ox.Store:
    folder = synthetic.path.parent
    create_store(folder, synthetic.path.read_bytes())
    return open_store(folder)


def test_same_seed_same_bytes(synthetic: Synthetic, tmp_path: Path) -> None:
    again = generate(tmp_path / "again.ttl", SIZE, seed=7)
    other = generate(tmp_path / "other.ttl", SIZE, seed=8)
    assert again.path.read_bytes() == synthetic.path.read_bytes()
    assert other.path.read_bytes() != synthetic.path.read_bytes()
    assert again.picks == synthetic.picks


def test_parses_with_the_triples_it_counts(synthetic: Synthetic) -> None:
    g = Graph().parse(synthetic.path, format="turtle")
    assert len(g) == synthetic.triples >= SIZE  # no triple written twice
    assert synthetic.triples < SIZE + 300  # stops after the film that reaches the size


def test_speaks_the_project_vocabulary(synthetic: Synthetic) -> None:
    """Every pc: term it writes is declared (PC is closed: an unknown term raises)."""
    g = Graph().parse(synthetic.path, format="turtle")
    ns = str(PC._NS)
    terms = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(ns)}
    assert len(terms) > 20
    for term in terms:
        assert getattr(PC, str(term)[len(ns) :]) == term


@pytest.mark.parametrize("query", named_queries(), ids=lambda q: q.name)
def test_named_queries_have_rows(store: ox.Store, synthetic: Synthetic, query: NamedQuery) -> None:
    values = {p.name: synthetic.picks[p.name] for p in query.params}
    result = run(store, query.text, bind(store, query, values))
    assert len(list(result)) > 0, query.name  # type: ignore[arg-type]


def test_extra_queries_have_rows(store: ox.Store, synthetic: Synthetic) -> None:
    """Top actors by film count, the OPTIONAL listing and the point lookup."""
    for name, (text, params) in EXTRA_QUERIES.items():
        values = {p: synthetic.picks[p] for p in params}
        rows = list(run(store, text, bind(store, None, values)))  # type: ignore[arg-type]
        assert rows, name
    top = EXTRA_QUERIES["top-actors (extra)"][0]
    counts = [int(r["films"].value) for r in run(store, top)]  # type: ignore[union-attr]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1


def test_query_phase_and_table(synthetic: Synthetic, store: ox.Store) -> None:
    """The query phase in-process on the tiny graph, and its Markdown table (figures not checked)."""
    specs = [{"name": q.name, "text": q.text, "path": str(q.path), "params": {}} for q in named_queries()[:3]]
    data = ox_queries_phase(
        {"folder": str(synthetic.path.parent), "queries": specs, "repeat": 1, "budget": 1}
    )
    assert all(q["ours"]["rows"] == q["raw"]["rows"] for q in data["queries"].values())
    graph_run = GraphRun("tiny", synthetic.triples, 0, queries=[s["name"] for s in specs])
    graph_run.phases["ox-queries"] = ChildResult("ox-queries", data=data)
    table = query_section(graph_run)
    assert table.count("\n| `") == 3


def test_timed_together_reports_errors() -> None:
    def broken() -> int:
        raise ValueError("no")

    timings = timed_together({"fine": lambda: 3, "broken": broken}, repeat=2, budget=1)
    assert timings["fine"].rows == 3 and timings["fine"].runs >= 2
    assert timings["broken"].error == "ValueError: no"
