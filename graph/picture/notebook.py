"""A whole HTML page that Jupyter shows inline, without importing IPython.

Jupyter calls ``_repr_html_`` on the last value of a cell. The page goes into an iframe's
``srcdoc`` (escaped as an attribute value), so its scripts and styles keep to the frame and
cannot clash with the notebook's own.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

__all__ = ["HTMLPage"]


@dataclass(frozen=True)
class HTMLPage:
    """An HTML page: shown inline by Jupyter, written to a file by :meth:`save`.

    >>> page = HTMLPage("<p>a & b</p>", height=200)
    >>> page._repr_html_()[:45]
    '<iframe srcdoc="&lt;p&gt;a &amp; b&lt;/p&gt;"'
    """

    html: str
    height: int = 640
    title: str = "Paris cinema knowledge graph"

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" title="{html.escape(self.title)}" '
            f'style="width: 100%; height: {self.height}px; border: 1px solid #ddd"></iframe>'
        )

    def save(self, path: Path) -> None:
        """Write the page to ``path`` (UTF-8)."""
        Path(path).write_text(self.html, encoding="utf-8")
