"""HTML pages of the server, from Jinja templates in graph/serve/templates/, escaped throughout.

Autoescaping is on for every template: a name such as ``<script>`` is text, never markup.
The pages load only the server's own CSS and JS (``/static/``): they work offline.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2

from graph.namespace import curie, words


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The template environment (loaded once)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("graph.serve", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["curie"] = curie
    env.filters["words"] = words
    env.filters["web"] = is_web
    return env


def is_web(iri: str) -> bool:
    """Whether an IRI may be a link: http(s) only (``javascript:`` is a valid IRI too).

    >>> is_web("https://schema.org/Movie"), is_web("javascript:alert(1)")
    (True, False)
    """
    return iri.startswith(("http://", "https://"))


def render(template: str, **context: Any) -> str:
    """The page ``template`` filled with ``context``."""
    return environment().get_template(template).render(**context)
