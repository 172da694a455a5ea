"""The named queries of queries/ as runnable examples for the query page.

A named query takes parameters (SEP-0007 substitutions in ``pariskg query``), which the
SPARQL protocol has no way to pass. The example binds each parameter to the example its
header gives ("e.g. "Paris" or film:paris-2008"), resolved to an IRI of the store, with a
``VALUES`` block at the head of the query's WHERE group (as ``pariskg query --endpoint`` sends
it); a parameter without an example stays unbound (the query answers for every film, person…).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

import pyoxigraph as ox

from graph.errors import ParisKGError
from graph.serve.jobs import WorkerContext
from graph.store.query import NamedQuery, Param, bind, named_queries
from graph.store.sparql_text import with_values

_EXAMPLE = re.compile(r"""e\.g\.\s+(?:"([^"]+)"|([\w-]+:[\w.-]+))""")


@dataclass(frozen=True)
class Example:
    """A named query ready to run on the endpoint."""

    name: str
    title: str
    description: str
    text: str


def example_value(param: Param) -> str | None:
    """The example a parameter's description gives: a quoted name or a CURIE, else None.

    >>> example_value(Param("film", "iri", 'The film (e.g. "Paris" or film:paris-2008)'))
    'Paris'
    >>> example_value(Param("review", "iri", "The review (e.g. source:002-5d5)"))
    'source:002-5d5'
    """
    m = _EXAMPLE.search(param.description)
    return (m.group(1) or m.group(2)) if m else None


def example(store: ox.Store, query: NamedQuery) -> Example:
    """One named query as an example, its parameters bound where its header gives a value."""
    given = {p.name: v for p in query.params if (v := example_value(p)) is not None}
    text = query.text
    try:
        declared = dataclasses.replace(query, params=tuple(p for p in query.params if p.name in given))
        bindings = bind(store, declared, given)
        text = with_values(text, dict(bindings.items()))
    except ParisKGError:  # the example names nothing in this store: leave the parameters unbound
        pass
    return Example(query.name, query.title, query.description, text)


@dataclass(frozen=True)
class ExamplesJob:
    """Every named query as an example for the page."""

    def run(self, ctx: WorkerContext) -> list[Example]:
        return [example(ctx.store, q) for q in named_queries()]
