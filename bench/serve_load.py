"""Load test of `pariskg serve`: concurrent clients on loopback, every answer checked.

    python bench/serve_load.py --out /tmp/serve-seed --out /tmp/serve-full [--clients 32] [--seconds 20]
                               [--workers N] [--in-memory]

For each build folder it starts the real server (`pariskg serve`, its own port on 127.0.0.1),
then runs each scenario for a bounded time with CLIENTS concurrent clients (one asyncio task and
keep-alive connection each) and prints requests/s and p50/p99 latency. Every answer is compared
with the embedded store's answer to the same query, computed before the run: a wrong or failed
answer is counted, never ignored. The clients share the machine with the server (2 cores here),
so the figures are those of the whole loopback setup. It stops by itself and stops the server.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run as a script: import graph.* from the repository
    sys.path[0] = str(ROOT)

SCHEMA = "https://schema.org/"
TOP_ACTORS = f"""SELECT ?person (COUNT(DISTINCT ?film) AS ?films) WHERE {{
  ?film <{SCHEMA}actor> ?role . ?role <{SCHEMA}actor> ?person .
}} GROUP BY ?person ORDER BY DESC(?films) ?person LIMIT 20"""
FILMS = f"SELECT DISTINCT ?film WHERE {{ ?film a <{SCHEMA}Movie> ; <{SCHEMA}name> ?name }} ORDER BY ?film"
Rows = list[tuple[str, ...]]


def rows_of(result: ox.QuerySolutions) -> Rows:
    """Rows as N-Triples text, in the order given."""
    names = [v.value for v in result.variables]
    return [tuple("" if row[n] is None else str(row[n]) for n in names) for row in result]


def json_rows(data: dict) -> Rows:
    """Rows of a SPARQL JSON results document, as N-Triples text (the subset this bench needs)."""
    names = data["head"]["vars"]

    def term(b: dict | None) -> str:
        if b is None:
            return ""
        if b["type"] == "uri":
            return f"<{b['value']}>"
        if "xml:lang" in b:
            return str(ox.Literal(b["value"], language=b["xml:lang"]))
        datatype = b.get("datatype")
        return str(ox.Literal(b["value"], datatype=ox.NamedNode(datatype) if datatype else None))

    return [tuple(term(row.get(n)) for n in names) for row in data["results"]["bindings"]]


@dataclass(frozen=True)
class Scenario:
    """A kind of request: ``make(rng)`` gives a query and the rows it must answer."""

    name: str
    make: Callable[[random.Random], tuple[str, Rows]]


def scenarios(store: ox.Store, films: int = 500) -> list[Scenario]:
    """A point lookup (the name of one of up to ``films`` films) and an aggregate (top actors)."""

    def answer(query: str) -> Rows:
        result = store.query(query, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        return rows_of(result)

    lookups = []
    for (film,) in answer(FILMS)[:films]:
        query = f"SELECT ?name WHERE {{ {film} <{SCHEMA}name> ?name }} ORDER BY ?name"
        lookups.append((query, answer(query)))
    top = answer(TOP_ACTORS)
    return [
        Scenario("point lookup (a film's name)", lambda rng: rng.choice(lookups)),
        Scenario("aggregate (top 20 actors by film count)", lambda rng: (TOP_ACTORS, top)),
    ]


@dataclass
class LoadReport:
    """What one scenario's run measured."""

    scenario: str
    clients: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    wrong: int = 0
    failed: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.failed)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")

    def line(self) -> str:
        rate = self.requests / self.seconds if self.seconds else 0.0
        return (
            f"| {self.scenario} | {self.clients} | {self.requests} | {rate:,.1f} | "
            f"{self.percentile(50) * 1000:,.1f} | {self.percentile(99) * 1000:,.1f} | "
            f"{self.wrong} | {len(self.failed)} |"
        )


async def run_load(
    url: str, scenario: Scenario, *, clients: int, seconds: float, seed: int = 1
) -> LoadReport:
    """``clients`` concurrent clients sending ``scenario``'s queries to ``url`` for ``seconds``."""
    report = LoadReport(scenario.name, clients)
    deadline = time.perf_counter() + seconds
    headers = {"Accept": "application/sparql-results+json"}

    async def client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        async with httpx.AsyncClient(base_url=url, timeout=120) as http:
            while time.perf_counter() < deadline:
                query, want = scenario.make(rng)
                started = time.perf_counter()
                try:
                    r = await http.post("/sparql", data={"query": query}, headers=headers)
                except httpx.HTTPError as err:
                    report.failed.append(f"{type(err).__name__}: {err}")
                    continue
                elapsed = time.perf_counter() - started
                if r.status_code != 200:
                    report.failed.append(f"{r.status_code}: {r.text.strip()[:200]}")
                    continue
                report.latencies.append(elapsed)
                if json_rows(r.json()) != want:
                    report.wrong += 1

    started = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    report.seconds = time.perf_counter() - started
    return report


def load(url: str, scenario: Scenario, *, clients: int, seconds: float) -> LoadReport:
    """:func:`run_load` from synchronous code, in a thread of its own (the caller may run an event loop)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run_load(url, scenario, clients=clients, seconds=seconds)).result()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(out: Path, log: Path, extra: list[str]) -> tuple[subprocess.Popen[bytes], str]:
    """`pariskg serve` on a free loopback port, once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "graph", "serve", "--out", str(out), "--port", str(port), *extra]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if process.poll() is not None:
            raise SystemExit(f"the server exited:\n{log.read_text()}")
        try:
            if httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"the server did not answer:\n{log.read_text()}")


def bench_build(out: Path, *, clients: int, seconds: float, server_args: list[str]) -> list[LoadReport]:
    """Every scenario on one build folder, against a server started for it."""
    from graph.store.embedded import open_store

    store = open_store(out)
    plans = scenarios(store)
    triples = len(store)
    del store
    with tempfile.TemporaryDirectory() as tmp:
        process, url = start_server(out, Path(tmp) / "server.log", server_args)
        try:
            httpx.get(url + "/", timeout=600)  # wait until the examples are bound: they use a worker
            reports = [load(url, p, clients=clients, seconds=seconds) for p in plans]
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
    settings = " ".join(server_args) or "default settings"
    print(f"\n{out} ({triples:,} quads), {clients} clients, {seconds:g} s per scenario, server: {settings}")
    print("| scenario | clients | requests | requests/s | p50 ms | p99 ms | wrong | failed |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for report in reports:
        print(report.line())
        for failure in sorted(set(report.failed))[:5]:
            print(f"    failed: {failure}")
    return reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, action="append", required=True, help="Build folder (repeatable).")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20.0, help="How long each scenario runs.")
    parser.add_argument("--workers", type=int, help="The server's --workers (default: its own).")
    parser.add_argument("--in-memory", action="store_true", help="Serve with --in-memory.")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; server and clients on this machine, loopback only")
    server_args = (["--workers", str(args.workers)] if args.workers else []) + (
        ["--in-memory"] if args.in_memory else []
    )
    bad = 0
    for out in args.out:
        for report in bench_build(out, clients=args.clients, seconds=args.seconds, server_args=server_args):
            bad += report.wrong + len(report.failed)
    if bad:
        raise SystemExit(f"{bad} wrong or failed answers")


if __name__ == "__main__":
    main()
