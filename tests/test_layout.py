"""The picture's layout is the same in every Python process: Python hashes strings with a new
seed in each process, and the layout must not depend on the order of a set."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import networkx as nx
import numpy as np

from graph.picture.layout import Memo, layout
from tests.conftest import ROOT

# a graph of string nodes large enough for Louvain to cut it into groups laid out one by one
SCRIPT = """
import json, networkx as nx
from graph.picture.layout import layout
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


def _caves() -> nx.Graph:
    g = nx.relabel_nodes(nx.connected_caveman_graph(40, 12), lambda n: f"node-{n}")
    g.add_nodes_from(f"alone-{i}" for i in range(30))
    return g


def test_a_memo_of_an_earlier_drawing_gives_the_same_positions() -> None:
    """A rebuild's picture reuses the layouts of the groups that did not change: the positions
    are those a drawing from nothing gives, and only the changed groups are drawn again."""
    before = Memo()
    layout(_caves(), memo=before)
    changed = _caves()
    changed.add_edge("alone-0", "alone-1")  # two nodes without links get one
    memo = Memo(before.now)
    assert layout(changed, memo=memo) == layout(changed)
    reused = before.now.keys() & memo.now.keys()
    assert 0 < len(reused) < len(memo.now), "some groups are reused, the changed one is drawn again"
    # what the memo holds is used as it is: groups squashed to their centre show it
    squashed = {
        key: value * 0 if isinstance(value, np.ndarray) else value for key, value in before.now.items()
    }
    assert layout(changed, memo=Memo(squashed)) != layout(changed)
    again = Memo(memo.now)
    assert layout(changed, memo=again) == layout(changed)
    assert again.now.keys() <= memo.now.keys()  # the whole drawing was found, nothing drawn again
