"""A small picture of an entity's neighbourhood: an inline SVG drawn on the server, no script.

The entity sits in the middle, its neighbours on an ellipse around it, each a link to its
own page, each line labelled with the property. Colours are the HTML picture's (viz.PALETTE).
Every text is escaped here: the SVG is put into the page as markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from graph.picture.viz import PALETTE

WIDTH, HEIGHT = 860, 460
RADIUS_X, RADIUS_Y = 250, 175
MAX_NEIGHBOURS = 24
MAX_LABEL = 22
OTHER = "#9aa5b1"


@dataclass(frozen=True)
class Neighbour:
    """An entity linked to the centre: its link, label, class, and the link's label and direction."""

    href: str | None
    label: str
    cls: str | None
    link: str
    outgoing: bool


def _colour(cls: str | None) -> str:
    return PALETTE.get(cls or "", (OTHER, ""))[0]


def _clip(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _label_position(x: float, y: float, cos: float, sin: float) -> tuple[float, float, str]:
    """Where a neighbour's label goes: beside it, away from the centre, so labels do not cross edges."""
    if abs(cos) < 0.35:  # top or bottom: centred above or below
        return x, y + (24 if sin > 0 else -14), "middle"
    return x + (14 if cos > 0 else -14), y + 4, "start" if cos > 0 else "end"


def neighbourhood_svg(label: str, cls: str | None, neighbours: list[Neighbour]) -> str:
    """The SVG markup (a string to insert as is) of the centre and up to MAX_NEIGHBOURS neighbours.

    Neighbours come in the order given (grouped by link); a group's link is written once, on
    its first edge.

    >>> svg = neighbourhood_svg("<b>", None, [Neighbour("/r/x", "X", "Person", "actor", True)])
    >>> "&lt;b&gt;" in svg and "<b>" not in svg and 'href="/r/x"' in svg
    True
    """
    shown = neighbours[:MAX_NEIGHBOURS]
    cx, cy = WIDTH / 2, HEIGHT / 2
    lines, nodes = [], []
    previous = None
    for i, n in enumerate(shown):
        angle = 2 * math.pi * i / max(1, len(shown)) - math.pi / 2
        cos, sin = math.cos(angle), math.sin(angle)
        x, y = cx + RADIUS_X * cos, cy + RADIUS_Y * sin
        lines.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" class="edge"/>')
        key = (n.link, n.outgoing)
        if key != previous:
            arrow = "→" if n.outgoing else "←"
            lx, ly = cx + 0.55 * (x - cx), cy + 0.55 * (y - cy)
            lines.append(
                f'<text x="{lx:.1f}" y="{ly:.1f}" class="edge-label">{escape(n.link)} {arrow}</text>'
            )
        previous = key
        tx, ty, anchor = _label_position(x, y, cos, sin)
        node = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{_colour(n.cls)}"/>'
            f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" class="node-label">'
            f"{escape(_clip(n.label))}</text>"
            f"<title>{escape(n.label)} ({escape(n.link)})</title>"
        )
        nodes.append(f'<a href="{escape(n.href)}">{node}</a>' if n.href else f"<g>{node}</g>")
    more = len(neighbours) - len(shown)
    extra = f'<text x="{WIDTH - 8}" y="{HEIGHT - 8}" class="more">and {more} more</text>' if more > 0 else ""
    centre = (
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="16" fill="{_colour(cls)}" class="centre"/>'
        f'<text x="{cx:.1f}" y="{cy + 34:.1f}" text-anchor="middle" class="node-label centre-label">'
        f"{escape(_clip(label))}</text>"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="neighbourhood" aria-label="{escape(label)} and the entities it links to">'
        + "".join(lines)
        + "".join(nodes)
        + centre
        + extra
        + "</svg>"
    )
