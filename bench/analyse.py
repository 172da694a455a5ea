"""Times of the network analyses on a build (the full one, for figures worth printing).

    pariskg build --config all-datasets.toml --out /tmp/full --no-html
    python bench/analyse.py --out /tmp/full [--samples 50 200 1000 2000] [--reference 0]

Each step runs once in this process, in the order a user's commands would run them (the store's
projection first, which every command but `near` starts with). Betweenness is computed exactly
(the reference; --reference K estimates it from K sources instead, 0 = exact), then estimated from
k source nodes (seed 0): for each k the bench prints its time and, for people, films and places,
how many of the ten it ranks first are among the reference's ten.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run as a script: import graph.* from the repository
    sys.path[0] = str(ROOT)

import networkx as nx  # noqa: E402

from graph.network import analyse, collaboration, nearby  # noqa: E402
from graph.network.export import export  # noqa: E402
from graph.network.paths import shortest_chains  # noqa: E402
from graph.network.projection import to_networkx  # noqa: E402
from graph.store.embedded import open_store  # noqa: E402

T = TypeVar("T")


def timed(what: str, step: Callable[[], T]) -> T:
    """Run ``step``, print how long it took, return its value."""
    started = time.perf_counter()
    value = step()
    print(f"{time.perf_counter() - started:8.2f} s  {what}", flush=True)
    return value


CLASSES = ("person", "film", "place")


def top(g: nx.Graph, scores: dict[str, float], cls: str, n: int = 10) -> set[str]:
    """The ``n`` entities of ``cls`` with the highest score."""
    return set(sorted(analyse.members(g, cls), key=lambda p: (-scores[p], p))[:n])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, required=True, help="a build folder")
    parser.add_argument("--samples", type=int, nargs="+", default=[50, 200, 1000, 2000])
    parser.add_argument("--reference", type=int, default=0, help="sources of the reference (0: exact)")
    parser.add_argument("--place", default="Sacré-Cœur")
    parser.add_argument("--metres", type=float, default=500)
    parser.add_argument("--path", nargs=2, default=["Romain Duris", "Gus Van Sant"])
    args = parser.parse_args()

    store = open_store(args.out)
    projection = timed("projection of the store (to_networkx)", lambda: to_networkx(store))
    print(f"          {projection.number_of_nodes():,} nodes, {projection.number_of_edges():,} edges")
    g = timed(
        "analysis graph (values, shoots, hypotheses, mentions left out)",
        lambda: analyse.analysis_graph(projection),
    )
    print(f"          {g.number_of_nodes():,} entities, {g.number_of_edges():,} links")
    timed("degree", lambda: analyse.centrality(g, ["degree"]))
    pagerank = timed("PageRank", lambda: analyse.centrality(g, ["pagerank"])["pagerank"])
    for cls in ("person", "film", "place"):
        ranked = analyse.ranking(g, {"pagerank": pagerank}, by="pagerank", cls=cls, top=5)
        print(f"          top {cls}s by PageRank: {', '.join(r.label for r in ranked)}")
    reference = timed(
        "betweenness, " + (f"{args.reference} sources (seed 1)" if args.reference else "exact"),
        lambda: analyse.betweenness(g, samples=args.reference or len(g), seed=1),
    )
    best = {cls: top(g, reference, cls) for cls in CLASSES}
    print(
        "          its top 3: "
        + "; ".join(
            f"{cls}: "
            + ", ".join(g.nodes[n]["label"] for n in sorted(best[cls], key=lambda n: -reference[n])[:3])
            for cls in CLASSES
        )
    )
    for k in args.samples:
        b = timed(
            f"betweenness, {k} sources (seed 0)",
            lambda k=k: analyse.betweenness(g, samples=k, seed=0),  # type: ignore[misc]
        )
        print(
            "          of its top 10, in the reference's: "
            + ", ".join(f"{len(best[cls] & top(g, b, cls))} {cls}s" for cls in CLASSES)
        )
    c = timed("collaboration network", lambda: collaboration.collaboration_graph(projection))
    print(f"          {c.number_of_nodes():,} people with a collaborator, {c.number_of_edges():,} pairs")
    found = timed("Louvain communities (seed 0)", lambda: collaboration.communities(c, seed=0))
    print(
        f"          {len(found):,} communities; largest: "
        + "; ".join(f"{x.name} ({len(x.members)})" for x in found[:3])
    )
    near = timed(
        f"films within {args.metres:g} m of {args.place}",
        lambda: nearby.films_near(store, args.place, args.metres),
    )
    print(f"          {len(near)} films")
    for k in (1, 3):
        chains = timed(
            f"path {args.path[0]} -> {args.path[1]}, k={k}",
            lambda k=k: shortest_chains(store, projection, *args.path, k=k),  # type: ignore[misc]
        )
        print(f"          links: {[len(ch.steps) for ch in chains]}")
    for fmt in ("graphml", "gexf"):
        data = timed(f"export {fmt} (projection included)", lambda fmt=fmt: export(store, fmt))  # type: ignore[misc]
        print(f"          {len(data) / 1e6:.0f} MB")
        back = timed(
            f"read {fmt} back with networkx",
            lambda data=data, fmt=fmt: (  # type: ignore[misc]
                nx.read_graphml(io.BytesIO(data)) if fmt == "graphml" else nx.read_gexf(io.BytesIO(data))
            ),
        )
        same = (back.number_of_nodes(), back.number_of_edges()) == (
            projection.number_of_nodes(),
            projection.number_of_edges(),
        )
        print(
            f"          {back.number_of_nodes():,} nodes, {back.number_of_edges():,} edges: "
            + ("as the projection" if same else "NOT as the projection")
        )


if __name__ == "__main__":
    main()
