"""The interactive HTML picture of the links: one file that works offline.

vis-network's script and style are read from the installed pyvis package and inlined when the
file is written: pyvis's own templates fetch Bootstrap and vis from CDNs, even with
``cdn_resources="local"``. Node and edge lists are written as JSON directly, because pyvis's
``add_edge`` checks every existing edge (quadratic). Positions are computed here
(:mod:`graph.picture.layout`), so the browser draws at once with its physics off. Tooltips and the side
panel are built as DOM text nodes, so a name is never parsed as HTML. The same graph gives a
byte-identical file: nodes and edges are sorted and the layout is seeded.
"""

from __future__ import annotations

import colorsys
import hashlib
import html
import importlib.util
import json
import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from graph.errors import ViewError
from graph.namespace import BASE, words
from graph.picture.layout import Memo, layout
from graph.picture.notebook import HTMLPage
from graph.picture.views import EMPTY, View

__all__ = ["PALETTE", "page_data", "page_links", "picture", "render_html", "script_json", "write_html"]

TITLE = "Paris cinema knowledge graph"
VIS_DIR = ("lib", "vis-9.1.2")
#: class -> (colour, vis-network shape); places are triangles from dark (country) to light (landmark).
#: Shapes that hold their label inside (box, ellipse) grow with it and become bars when zoomed out.
PALETTE: dict[str, tuple[str, str]] = {
    "Movie": ("#e4572e", "square"),
    "TVSeries": ("#ff9f1c", "square"),
    "Person": ("#4c9be8", "dot"),
    "PerformanceRole": ("#7fb8f0", "dot"),
    "Country": ("#1b6f65", "triangle"),
    "Continent": ("#14524b", "triangle"),
    "City": ("#2a9d8f", "triangle"),
    "Arrondissement": ("#43b3a5", "triangle"),
    "Quarter": ("#6fcabe", "triangle"),
    "LandmarksOrHistoricalBuildings": ("#9edcd3", "triangle"),
    "Place": ("#8ab8b1", "triangle"),
    "Shoot": ("#c05299", "dot"),
    "Organization": ("#f2a541", "diamond"),
    "Festival": ("#f9c74f", "star"),
    "FestivalSelection": ("#e9c46a", "star"),
    "Franchise": ("#9b5de5", "hexagon"),
    "CreativeWorkSeries": ("#b388eb", "hexagon"),
    "MusicComposition": ("#f15bb5", "square"),
    "Review": ("#8d99ae", "dot"),
    "WebPage": ("#adb5bd", "dot"),
    "MonetaryAmount": ("#8a9a5b", "dot"),
    "BoxOfficeFigure": ("#6b8e23", "dot"),
    "AggregateRating": ("#c2b280", "dot"),
    "Rating": ("#d4c79a", "dot"),
}
# the properties of a node whose first year places it in time (for the year filter)
YEAR_KEYS = ("date published", "start date", "date created", "release date")
# a JSON text inside <script> must not close it (`</script>`), open a comment (`<!--`) or
# contain the line separators that old engines took for line ends
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_MARKER = re.compile(r"__TITLE__|/\*__(VIS_CSS|VIS_JS|DATA)__\*/")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


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


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: a name holding ``</script>`` cannot break out."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_ESCAPES[m.group()], text)


@lru_cache(maxsize=1)
def property_labels() -> dict[str, str]:
    """IRI -> ``rdfs:label`` of every property the ontology labels (English first)."""
    from rdflib import RDFS

    from graph.ontology import load_ontology

    onto = load_ontology()
    labels: dict[str, str] = {}
    for s, o in sorted(onto.subject_objects(RDFS.label)):
        if str(s) not in labels or getattr(o, "language", None) == "en":
            labels[str(s)] = str(o)
    return labels


def _edge_label(d: dict[str, Any]) -> str:
    """An edge's text: the property's label in the ontology (else its name in words), and the
    character for a role ("actor (as Élise)"). A label the projection made itself is kept."""
    label = str(d.get("label", ""))
    predicate = str(d.get("predicate", ""))
    if predicate and label == words(predicate):
        label = property_labels().get(predicate, label)
    return f"{label} (as {d['character']})" if d.get("character") else label


def _year(props: dict[str, list[str]]) -> int | None:
    for key in YEAR_KEYS:
        for value in props.get(key, []):
            m = _YEAR.search(value)
            if m:
                return int(m.group())
    return None


def page_data(
    view: nx.MultiDiGraph | View, *, link_base: str | None = None, seed: int = 7, memo: Memo | None = None
) -> dict[str, Any]:
    """What the page draws: nodes with positions, edges, legend and notes, sorted so the same graph
    gives the same file. ``memo``: the layouts of an earlier drawing (see :class:`graph.picture.layout.Memo`).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("urn:f", label="Paris", cls="Movie")
    >>> g.add_node("urn:p", label="Juliette Binoche", cls="Person")
    >>> actor = "https://schema.org/actor"
    >>> _ = g.add_edge("urn:f", "urn:p", label="actor", predicate=actor, character="Élise")
    >>> page_data(g)["edges"]
    [{'from': 'urn:f', 'to': 'urn:p', 'label': 'actor (as Élise)'}]
    """
    if not isinstance(view, View):
        view = View(view)
    g = view.graph
    positions = layout(g, seed=seed, memo=memo)
    nodes = []
    for node in sorted(g.nodes):
        d = g.nodes[node]
        cls = str(d.get("cls") or "Thing")
        colour, shape = _style(cls)
        props = {str(k): [str(v) for v in vs] for k, vs in (d.get("props") or {}).items()}
        x, y = positions[node]
        nodes.append(
            {
                "id": node,
                "label": str(d.get("label") or node),
                "cls": cls,
                "color": colour,
                "shape": shape,
                # area grows with degree, so hubs stand out without swallowing the page
                "size": round(8 + 3 * math.sqrt(g.degree(node)), 1),
                "x": x,
                "y": y,
                "year": _year(props),
                "props": props,
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
    years = sorted(n["year"] for n in nodes if n["year"] is not None)
    return {
        "nodes": nodes,
        "edges": edges,
        "classes": classes,
        "notes": view.notes,
        "empty": view.empty if view.empty else EMPTY,
        "years": [years[0], years[-1]] if years else None,
        "pages": page_links(link_base),
    }


def page_links(base: str | None) -> dict[str, str] | None:
    """How the page links an entity IRI to its page where ``pariskg serve`` runs: the IRIs'
    common start and what replaces it (``http://127.0.0.1:8000/``); None without a base.

    >>> page_links("http://127.0.0.1:8000")["base"]
    'http://127.0.0.1:8000/'

    Raises:
        ViewError: the base is not an http(s) address (a page must not link to script URLs).
    """
    if base is None:
        return None
    if not re.match(r"https?://[^\s/]+", base):
        raise ViewError(f"the link base must be an http(s) address, not '{base}'")
    return {"prefix": BASE, "base": base.rstrip("/") + "/"}


def _vis_asset(name: str) -> str:
    """A vis-network file from the installed pyvis, without its source-map comment.

    Developer tools would fetch the ``.map`` named there: the page must make no request. The
    package is found, not imported: importing pyvis imports IPython (0.2 s) for nothing here.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed: pip install pyvis (it ships vis-network)")
    folder = Path(spec.submodule_search_locations[0]).joinpath(*VIS_DIR)
    text = (folder / name).read_text(encoding="utf-8")
    return re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)


def render_html(
    view: nx.MultiDiGraph | View,
    *,
    title: str = TITLE,
    link_base: str | None = None,
    memo: Memo | None = None,
) -> str:
    """The page for ``view`` (a graph, or a :class:`graph.picture.views.View` with its notes) as a string."""
    template = (
        resources.files("graph.picture").joinpath("templates", "graph.html").read_text(encoding="utf-8")
    )
    parts = {
        "__TITLE__": html.escape(title),
        "/*__VIS_CSS__*/": _vis_asset("vis-network.css").replace("</style", "<\\/style"),
        "/*__VIS_JS__*/": _vis_asset("vis-network.min.js").replace("</script", "<\\/script"),
        "/*__DATA__*/": script_json(page_data(view, link_base=link_base, memo=memo)),
    }
    # one pass: text put in (a name, the title) is never searched again for markers
    return _MARKER.sub(lambda m: parts[m.group()], template)


def write_html(
    view: nx.MultiDiGraph | View,
    path: Path,
    *,
    title: str = TITLE,
    link_base: str | None = None,
    memo: Memo | None = None,
) -> None:
    """Write the interactive picture of ``view`` to ``path``: one HTML file that works offline.

    Nodes are coloured and shaped by class (``cls``), sized by degree, placed by
    :func:`graph.picture.layout.layout`, and show their label, class, properties and sources as a
    plain-text tooltip; edges carry the property's label. The page has a legend that hides
    classes, a year range, an accent-blind search box, a panel for the clicked node (with a link
    to its page under ``link_base`` when given) whose neighbourhood is highlighted, the view's
    notes of what was left out, and exposes ``window.pariskg = {network, nodes, edges}``. An
    empty graph gives a page that says why.

    Args:
        view: the projection of :func:`graph.network.projection.to_networkx` (node attributes ``label``,
            ``cls``, ``props``, ``sources``; edge attributes ``label``, ``predicate`` and
            optionally ``character``), or a View of it.
        path: the file to write (UTF-8); its folder must exist.
        title: the page title.
        link_base: where ``pariskg serve`` runs (``http://127.0.0.1:8000``), for links to pages.
        memo: the layouts of an earlier drawing, reused where the graph did not change.
    """
    Path(path).write_text(render_html(view, title=title, link_base=link_base, memo=memo), encoding="utf-8")


def picture(view: nx.MultiDiGraph | View, *, title: str = TITLE, link_base: str | None = None) -> HTMLPage:
    """The picture as an object a Jupyter notebook shows inline (an iframe holding the page)."""
    return HTMLPage(render_html(view, title=title, link_base=link_base))
