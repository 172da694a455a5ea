"""The interactive HTML picture of the links: one file that works offline.

vis-network's script and style are read from the installed pyvis package and inlined when the
file is written: pyvis's own templates fetch Bootstrap and vis from CDNs, even with
``cdn_resources="local"``. Node and edge lists are written as JSON directly, because pyvis's
``add_edge`` checks every existing edge (quadratic). Tooltips and the side panel are built as
DOM text nodes, so a name is never parsed as HTML. The same graph gives a byte-identical file:
nodes and edges are sorted and the layout is seeded.
"""

from __future__ import annotations

import colorsys
import hashlib
import html
import json
import math
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["PALETTE", "page_data", "render_html", "write_html"]

TITLE = "Paris cinema knowledge graph"
VIS_DIR = ("lib", "vis-9.1.2")
#: class -> (colour, vis-network shape); places are triangles from dark (country) to light (landmark)
PALETTE: dict[str, tuple[str, str]] = {
    "Movie": ("#e4572e", "box"),
    "Person": ("#4c9be8", "dot"),
    "PerformanceRole": ("#7fb8f0", "dot"),
    "Country": ("#1b6f65", "triangle"),
    "Continent": ("#14524b", "triangle"),
    "City": ("#2a9d8f", "triangle"),
    "Arrondissement": ("#43b3a5", "triangle"),
    "Quarter": ("#6fcabe", "triangle"),
    "LandmarksOrHistoricalBuildings": ("#9edcd3", "triangle"),
    "Place": ("#8ab8b1", "triangle"),
    "Organization": ("#f2a541", "diamond"),
    "Festival": ("#f9c74f", "star"),
    "Franchise": ("#9b5de5", "hexagon"),
    "CreativeWorkSeries": ("#b388eb", "hexagon"),
    "MusicComposition": ("#f15bb5", "square"),
    "Review": ("#8d99ae", "ellipse"),
    "WebPage": ("#adb5bd", "ellipse"),
}
EMPTY = "Nothing to draw: the graph has no entities (build from documents, or widen the selection)."
# a JSON text inside <script> must not close it (`</script>`), open a comment (`<!--`) or
# contain the line separators that old engines took for line ends
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_MARKER = re.compile(r"__TITLE__|/\*__(VIS_CSS|VIS_JS|DATA)__\*/")


def _style(cls: str) -> tuple[str, str]:
    """The colour and shape of a class; an unknown class gets a colour derived from its name.

    The hash (not Python's salted ``hash``) keeps the colour the same from run to run.
    """
    if cls in PALETTE:
        return PALETTE[cls]
    digest = hashlib.sha1(cls.encode("utf-8")).digest()
    # hue, lightness and saturation all vary, so two unknown classes rarely look alike
    hue = int.from_bytes(digest[:2], "big") / 65536
    r, g, b = colorsys.hls_to_rgb(hue, (0.42, 0.55, 0.68)[digest[2] % 3], (0.45, 0.7)[digest[3] % 2])
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}", "dot"


def _script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: a name holding ``</script>`` cannot break out."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_ESCAPES[m.group()], text)


def _edge_label(d: dict[str, Any]) -> str:
    """An edge's text: its property label, and the character for a role ("actor (as Élise)")."""
    label = str(d.get("label", ""))
    return f"{label} (as {d['character']})" if d.get("character") else label


def page_data(g: nx.MultiDiGraph) -> dict[str, Any]:
    """What the page draws: nodes, edges and legend, sorted so the same graph gives the same file.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("urn:f", label="Paris", cls="Movie")
    >>> g.add_node("urn:p", label="Juliette Binoche", cls="Person")
    >>> _ = g.add_edge("urn:f", "urn:p", label="actor", predicate="schema:actor", character="Élise")
    >>> page_data(g)["edges"]
    [{'from': 'urn:f', 'to': 'urn:p', 'label': 'actor (as Élise)'}]
    """
    nodes = []
    for node in sorted(g.nodes):
        d = g.nodes[node]
        cls = str(d.get("cls") or "Thing")
        colour, shape = _style(cls)
        nodes.append(
            {
                "id": node,
                "label": str(d.get("label") or node),
                "cls": cls,
                "color": colour,
                "shape": shape,
                # area grows with degree, so hubs stand out without swallowing the page
                "size": round(10 + 4 * math.sqrt(g.degree(node)), 1),
                "props": {str(k): [str(v) for v in vs] for k, vs in (d.get("props") or {}).items()},
                "sources": [str(s) for s in d.get("sources") or []],
            }
        )
    # sorted on content only (never insertion order); the predicate breaks ties between labels
    rows = sorted(
        (str(u), str(v), _edge_label(d), str(d.get("predicate", ""))) for u, v, d in g.edges(data=True)
    )
    edges = [{"from": u, "to": v, "label": label} for u, v, label, _ in rows]
    counts = Counter(n["cls"] for n in nodes)
    classes = [
        {"cls": c, "count": k, "color": _style(c)[0], "shape": _style(c)[1]}
        for c, k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return {"nodes": nodes, "edges": edges, "classes": classes, "empty": EMPTY}


def _vis_asset(name: str) -> str:
    """A vis-network file from the installed pyvis, without its source-map comment.

    Developer tools would fetch the ``.map`` named there: the page must make no request.
    """
    text = resources.files("pyvis").joinpath(*VIS_DIR, name).read_text(encoding="utf-8")
    return re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)


def render_html(g: nx.MultiDiGraph, *, title: str = TITLE) -> str:
    """The page for ``g`` as a string (see :func:`write_html`)."""
    template = resources.files("graph").joinpath("templates", "graph.html").read_text(encoding="utf-8")
    parts = {
        "__TITLE__": html.escape(title),
        "/*__VIS_CSS__*/": _vis_asset("vis-network.css").replace("</style", "<\\/style"),
        "/*__VIS_JS__*/": _vis_asset("vis-network.min.js").replace("</script", "<\\/script"),
        "/*__DATA__*/": _script_json(page_data(g)),
    }
    # one pass: text put in (a name, the title) is never searched again for markers
    return _MARKER.sub(lambda m: parts[m.group()], template)


def write_html(g: nx.MultiDiGraph, path: Path, *, title: str = TITLE) -> None:
    """Write the interactive picture of ``g`` to ``path``: one HTML file that works offline.

    Nodes are coloured and shaped by class (``cls``), sized by degree, and show their label,
    class, properties and sources as a plain-text tooltip; edges carry their label. The page
    has a legend, an accent-blind search box and a panel for the clicked node, and exposes
    ``window.pariskg = {network, nodes, edges}``. An empty graph gives a page that says so.

    Args:
        g: the projection of :func:`graph.network.to_networkx` (node attributes ``label``,
            ``cls``, ``props``, ``sources``; edge attributes ``label``, ``predicate`` and
            optionally ``character``).
        path: the file to write (UTF-8); its folder must exist.
        title: the page title.
    """
    Path(path).write_text(render_html(g, title=title), encoding="utf-8")
