"""Push a build into the Oxigraph server and Virtuoso, and ask both every named query.

    python bench/push.py --build /tmp/push-full [--servers oxigraph,virtuoso] [--runs 2]

Each server is started afresh in a temporary folder on loopback (tests/servers.py). Each way to
push (staged through the Graph Store, staged by SPARQL Update, direct Graph Store PUTs) is run
``--runs`` times on the same server: the first into an empty store, the others replacing every
graph. Then each named query (with the parameters of tests/test_queries.py) runs on the embedded
store and on the server, and their answers are compared as the tests compare them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run as a script: import graph.* and tests.* from the repository
    sys.path[0] = str(ROOT)

import pyoxigraph as ox  # noqa: E402

from graph.errors import ParisKGError  # noqa: E402
from graph.store import query as q  # noqa: E402
from graph.store.embedded import open_store  # noqa: E402
from graph.store.push import push  # noqa: E402
from graph.store.remote import Endpoint, RemoteStore  # noqa: E402
from tests.answers import TOLERATED, rows  # noqa: E402
from tests.servers import Server, start_oxigraph, start_virtuoso  # noqa: E402
from tests.test_queries import EXPECTED  # noqa: E402

STARTERS = {"oxigraph": start_oxigraph, "virtuoso": start_virtuoso}
# staged: into a staging graph (Graph Store PUT/POSTs, or INSERT DATA batches), then MOVE;
# direct: one Graph Store PUT per graph (atomic only where the store's PUT is)
WAYS = ("staged-graph-store", "staged-update", "direct-put")


def endpoint_for(server: Server, way: str) -> tuple[Endpoint, bool]:
    """The endpoint and the ``direct`` flag of one way to push."""
    if way == "staged-update":
        return replace(server.endpoint, graph_store=None), False
    return server.endpoint, way == "direct-put"


def time_pushes(build: Path, server: Server, ways: list[str], runs: int) -> list[str]:
    """Markdown rows: each way, each run's seconds and triples/s."""
    lines = []
    for way in ways:
        endpoint, direct = endpoint_for(server, way)
        times, sent, verified = [], 0, True
        for _ in range(runs):
            started = time.perf_counter()
            try:
                report = push(build, endpoint, direct=direct)
            except ParisKGError as err:
                lines.append(f"| {server.name} | {way} | failed: {err} | | |")
                break
            times.append(time.perf_counter() - started)
            sent, verified = report.sent, verified and not report.mismatched
            print(f"  {server.name}, {way}: {times[-1]:.1f} s", file=sys.stderr, flush=True)
        if times:
            each = ", ".join(f"{t:.1f}" for t in times)
            best = sent / min(times)
            check = "counts verified" if verified else "**counts differ**"
            lines.append(f"| {server.name} | {way} | {each} | {best:,.0f} | {check} |")
    return lines


def compare_queries(store: ox.Store, server: Server) -> list[str]:
    """Markdown rows: each named query's rows here and there, same or not, and both times."""
    lines = []
    tolerated = TOLERATED[server.name]
    with RemoteStore(Endpoint(server.query_url, timeout=1800)) as remote:
        for name in sorted(EXPECTED):
            params = EXPECTED[name][0]
            text, named = q.resolve_query(name)
            started = time.perf_counter()
            here = q.run(store, text, q.bind(store, named, params))
            assert isinstance(here, ox.QuerySolutions)
            expected = rows(here, text, tolerated)
            local = time.perf_counter() - started
            started = time.perf_counter()
            try:
                there = q.run(remote, text, q.bind(remote, named, params))
                assert isinstance(there, ox.QuerySolutions)
                got = rows(there, text, tolerated)
                verdict = "same" if got == expected else f"**differs** ({len(got)} rows there)"
            except ParisKGError as err:
                got, verdict = [], f"**error**: {err}"
            remote_s = time.perf_counter() - started
            lines.append(
                f"| {server.name} | {name} | {len(expected)} | {verdict} | {local:.3f} | {remote_s:.3f} |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", type=Path, required=True, help="A build folder (pariskg build --out …).")
    parser.add_argument("--servers", default="oxigraph,virtuoso")
    parser.add_argument("--runs", type=int, default=2, help="Pushes of each way (first into an empty store).")
    parser.add_argument("--ways", default=",".join(WAYS), help=f"Ways to push, of: {'; '.join(WAYS)}.")
    args = parser.parse_args()
    store = open_store(args.build)
    quads = sum(1 for _ in store)
    print(f"# Push of {args.build} ({quads:,} quads)\n")
    push_rows = [
        "| server | way | seconds, run by run | triples/s (best) | after |",
        "|---|---|---|---:|---|",
    ]
    query_rows = [
        "| server | query | rows | answer | embedded s | server s (name lookups included) |",
        "|---|---|---:|---|---:|---:|",
    ]
    for name in args.servers.split(","):
        with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as folder:
            server = STARTERS[name](Path(folder))
            try:
                ways = [w.strip() for w in args.ways.split(",") if w.strip()]
                push_rows += time_pushes(args.build, server, ways, args.runs)
                push(args.build, server.endpoint)  # the build as staged pushes leave it
                query_rows += compare_queries(store, server)
            finally:
                server.stop()
    print("\n".join(push_rows))
    print()
    print("\n".join(query_rows))


if __name__ == "__main__":
    main()
