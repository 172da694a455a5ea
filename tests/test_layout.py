"""The picture's layout is the same in every Python process: Python hashes strings with a new
seed in each process, and the layout must not depend on the order of a set."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

# a graph of string nodes large enough for Louvain to cut it into groups laid out one by one
SCRIPT = """
import json, networkx as nx
from graph.layout import layout
g = nx.relabel_nodes(nx.connected_caveman_graph(40, 12), lambda n: f"node-{n}")
g.add_nodes_from(f"alone-{i}" for i in range(30))
print(json.dumps(sorted(layout(g).items())))
"""


def _layout_in_a_process(hash_seed: str) -> list[list[object]]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_the_layout_does_not_change_with_pythons_string_hashing() -> None:
    first, second = _layout_in_a_process("1"), _layout_in_a_process("2")
    assert len(first) == 40 * 12 + 30
    assert first == second
