"""The interactive HTML picture of the links: one file that works offline.

vis-network's script and style are read from the installed pyvis package and inlined when the
file is written (pyvis's own templates fetch Bootstrap and vis from CDNs). Tooltips and the
side panel are built as text nodes, so a name never runs as HTML.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

VIS_VERSION = "vis-9.1.2"
PALETTE: dict[str, tuple[str, str]] = {  # class -> (colour, shape)
    "Movie": ("#e4572e", "box"),
    "Person": ("#4c9be8", "dot"),
    "City": ("#2a9d8f", "triangle"),
    "Country": ("#1b6f65", "triangle"),
    "Continent": ("#14524b", "triangle"),
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
EMPTY = "Nothing to draw: the graph has no entities (build from documents or widen the view)."


def _style(cls: str) -> tuple[str, str]:
    """The colour and shape of a class; an unknown class gets a stable colour from its name."""
    if cls in PALETTE:
        return PALETTE[cls]
    hue = int(hashlib.sha1(cls.encode()).hexdigest()[:4], 16) % 360
    return f"hsl({hue}, 45%, 62%)", "dot"


def _script_json(value: Any) -> str:
    """JSON that is safe inside a <script>: no `</script>` or `<!--` can break out."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


def page_data(g: nx.MultiDiGraph) -> dict[str, Any]:
    """What the page draws: nodes, edges and legend, sorted so the same graph gives the same file."""
    nodes = []
    for node in sorted(g.nodes):
        d = g.nodes[node]
        cls = d.get("cls", "Thing")
        colour, shape = _style(cls)
        nodes.append(
            {
                "id": node,
                "label": d.get("label", node),
                "cls": cls,
                "color": colour,
                "shape": shape,
                "size": round(10 + 4 * math.sqrt(g.degree(node)), 1),
                "props": d.get("props", {}),
                "sources": d.get("sources", []),
            }
        )
    edges = []
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("label", ""))):
        label = d.get("label", "")
        if d.get("character"):
            label = f"{label} (as {d['character']})"
        edges.append({"from": u, "to": v, "label": label})
    counts = Counter(n["cls"] for n in nodes)
    classes = [
        {"cls": c, "count": n, "color": _style(c)[0], "shape": _style(c)[1]}
        for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return {"nodes": nodes, "edges": edges, "classes": classes, "empty": EMPTY}


def _vis_asset(name: str) -> str:
    return resources.files("pyvis").joinpath("lib", VIS_VERSION, name).read_text(encoding="utf-8")


def render_html(g: nx.MultiDiGraph, *, title: str = "Paris cinema knowledge graph") -> str:
    """The page as a string."""
    import html

    template = resources.files("graph").joinpath("templates", "graph.html").read_text(encoding="utf-8")
    # the data goes in last, so that nothing in a name can be taken for a marker
    return (
        template.replace("__TITLE__", html.escape(title))
        .replace("/*__VIS_CSS__*/", _vis_asset("vis-network.css"))
        .replace("/*__VIS_JS__*/", _vis_asset("vis-network.min.js").replace("</script", "<\\/script"))
        .replace("/*__DATA__*/", _script_json(page_data(g)))
    )


def write_html(g: nx.MultiDiGraph, path: Path, *, title: str = "Paris cinema knowledge graph") -> None:
    """Write the picture of ``g`` to ``path``."""
    path.write_text(render_html(g, title=title), encoding="utf-8")
