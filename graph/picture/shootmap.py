"""The map of where Paris was filmed: one HTML file, readable offline.

Leaflet and Leaflet.markercluster are read from their installed XStatic packages and inlined
when the file is written (no CDN; no third-party script in this repository). The
arrondissement outlines come from the graph's own geometry, so the map reads without tiles;
OpenStreetMap tiles are drawn when the browser is online and the user keeps them on. Shoots
are clustered markers coloured by kind of production; a choropleth counts shoots per
arrondissement. Popups and panels are DOM text: a title is never parsed as HTML.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.picture.notebook import HTMLPage
from graph.picture.shoots import ShootData, read_shoots
from graph.picture.viz import page_links, script_json

__all__ = ["KIND_COLOURS", "OSM", "Tiles", "map_data", "render_map", "shoot_map", "write_map"]

TITLE = "Where Paris was filmed"
#: kind of production (pc:productionKind) -> marker colour
KIND_COLOURS = {
    "feature film": "#e4572e",
    "TV film": "#f2a541",
    "TV series": "#4c9be8",
    "web series": "#9b5de5",
}
OTHER_KIND = "#6c757d"
_MARKER = re.compile(r"__TITLE__|/\*__(LEAFLET_CSS|LEAFLET_JS|CLUSTER_CSS|CLUSTER_JS|DATA)__\*/")


@dataclass(frozen=True)
class Tiles:
    """A raster tile server: URL template, attribution, and whether it refuses requests without
    a Referer (as OpenStreetMap's own servers do: a file opened from disk sends none)."""

    url: str
    attribution: str
    needs_referer: bool = False


OSM = Tiles(
    "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "© OpenStreetMap contributors (openstreetmap.org/copyright)",
    needs_referer=True,
)


def map_data(data: ShootData, *, link_base: str | None = None, tiles: Tiles | None = OSM) -> dict[str, Any]:
    """What the page draws, compact: shoots as rows of numbers and indexes into shared lists."""
    productions = sorted(data.productions)
    index = {iri: i for i, iri in enumerate(productions)}
    addresses = sorted({s.address for s in data.shoots})
    address_index = {a: i for i, a in enumerate(addresses)}
    areas = [a.iri for a in data.areas]
    area_index = {iri: i for i, iri in enumerate(areas)}
    order = list(KIND_COLOURS)
    kinds = sorted(
        {s.kind for s in data.shoots}, key=lambda k: (order.index(k) if k in order else len(order), k)
    )
    kind_index = {k: i for i, k in enumerate(kinds)}
    rows = [
        [
            round(s.lat, 6),
            round(s.lon, 6),
            s.start,
            s.end,
            kind_index[s.kind],
            index[s.production] if s.production else -1,
            address_index[s.address],
            area_index.get(s.arrondissement or "", -1),
            s.season or 0,
        ]
        for s in data.shoots
    ]
    counts = Counter(s.kind for s in data.shoots)
    outside = sum(1 for s in data.shoots if s.arrondissement not in area_index)
    return {
        "shoots": rows,
        "kinds": [{"kind": k, "color": KIND_COLOURS.get(k, OTHER_KIND), "count": counts[k]} for k in kinds],
        "productions": [
            [data.productions[iri].title, iri, list(data.productions[iri].directors)] for iri in productions
        ],
        "addresses": addresses,
        "areas": [
            {
                "iri": a.iri,
                "name": a.name,
                "insee": a.insee,
                # Leaflet takes (lat, lon); 6 decimals are 0.1 m
                "polygons": [
                    [[[round(y, 6), round(x, 6)] for x, y in ring] for ring in shape] for shape in a.polygons
                ],
            }
            for a in data.areas
        ],
        "outside": outside,
        "pages": page_links(link_base),
        "tiles": {"url": tiles.url, "attribution": tiles.attribution, "needsReferer": tiles.needs_referer}
        if tiles
        else None,
    }


def _asset(package: str, name: str) -> str:
    """A file of an installed XStatic package, without its source-map comment (a request)."""
    text = resources.files(f"xstatic.pkg.{package}").joinpath("data", name).read_text(encoding="utf-8")
    text = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)
    # Leaflet's stylesheet names marker and layer-control images we never use: no URL, no request
    return re.sub(r"url\(images/[^)]*\)", "none", text)


def render_map(
    data: ShootData, *, title: str = TITLE, link_base: str | None = None, tiles: Tiles | None = OSM
) -> str:
    """The map page for ``data`` as a string (see :func:`write_map`)."""
    template = resources.files("graph.picture").joinpath("templates", "map.html").read_text(encoding="utf-8")
    parts = {
        "__TITLE__": html.escape(title),
        "/*__LEAFLET_CSS__*/": _asset("leaflet", "leaflet.css").replace("</style", "<\\/style"),
        "/*__LEAFLET_JS__*/": _asset("leaflet", "leaflet.js").replace("</script", "<\\/script"),
        "/*__CLUSTER_CSS__*/": _asset("leaflet_markercluster", "MarkerCluster.css").replace(
            "</style", "<\\/style"
        ),
        "/*__CLUSTER_JS__*/": _asset("leaflet_markercluster", "leaflet.markercluster.js").replace(
            "</script", "<\\/script"
        ),
        "/*__DATA__*/": script_json(map_data(data, link_base=link_base, tiles=tiles)),
    }
    return _MARKER.sub(lambda m: parts[m.group()], template)


def write_map(
    store: ox.Store,
    path: Path,
    *,
    title: str = TITLE,
    link_base: str | None = None,
    tiles: Tiles | None = OSM,
) -> ShootData:
    """Write the map of the store's shoots to ``path``: one HTML file that works offline.

    Shoots are clustered circle markers coloured by kind of production, filtered by year and
    kind, with a popup (title linking to the production's page under ``link_base`` when given,
    dates, directors, address); arrondissements are outlined from their ``geo:asWKT`` and
    shaded by their number of shoots. Tiles are drawn from ``tiles`` (None: never) when the
    browser is online. The page exposes ``window.pariskgMap`` for tests and notebooks.

    Returns:
        the data drawn (shoots, productions, arrondissements).
    """
    data = read_shoots(store)
    Path(path).write_text(render_map(data, title=title, link_base=link_base, tiles=tiles), encoding="utf-8")
    return data


def shoot_map(
    store: ox.Store, *, title: str = TITLE, link_base: str | None = None, tiles: Tiles | None = OSM
) -> HTMLPage:
    """The map as an object a Jupyter notebook shows inline (an iframe holding the page)."""
    return HTMLPage(
        render_map(read_shoots(store), title=title, link_base=link_base, tiles=tiles), title=title
    )
