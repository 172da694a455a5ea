"""What the picture draws: the whole graph, or a view a user chose, with a note of what was left out.

A view is built in steps, each narrowing the one before: a SPARQL query (a CONSTRUCT, or a
SELECT of node pairs) replaces the graph; ``classes`` keeps nodes of those classes; ``focus``
keeps the neighbourhood of some entities; ``limit`` keeps the most connected nodes. Each
step that leaves something out says so in words, and the page shows those notes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graph.errors import EntityNotFoundError, QueryError, ViewError
from graph.namespace import short, words
from graph.network.projection import collector_paused
from graph.network.store_view import Links, link_structure, projection_of
from graph.text import fold

__all__ = [
    "DEFAULT_LIMIT",
    "View",
    "ViewOptions",
    "by_class",
    "cut_note",
    "find_node",
    "focus",
    "from_query",
    "most_connected",
    "most_connected_view",
    "resolve_class",
    "select_view",
    "view_of_store",
]

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SCHEMA_NAME = "https://schema.org/name"
#: past this many nodes the whole graph is cut to its most connected (as the build does)
DEFAULT_LIMIT = 2000
EMPTY = "Nothing to draw: the graph has no entities (build from documents, or widen the selection)."
#: everyday words for classes: ``--class Film`` means schema:Movie
CLASS_WORDS = {
    "film": "Movie",
    "films": "Movie",
    "movie": "Movie",
    "movies": "Movie",
    "people": "Person",
    "persons": "Person",
    "person": "Person",
    "places": "Place",
    "organisation": "Organization",
    "organisations": "Organization",
    "company": "Organization",
    "companies": "Organization",
    "series": "TVSeries",
    "tv series": "TVSeries",
    "shoots": "Shoot",
    "reviews": "Review",
    "festivals": "Festival",
}


@dataclass(frozen=True)
class ViewOptions:
    """The choices of ``pariskg viz``: every field narrows the picture; none draws it all."""

    focus: tuple[str, ...] = ()
    depth: int = 2
    classes: tuple[str, ...] = ()
    query: Path | None = None
    limit: int | None = None


@dataclass
class View:
    """A graph to draw, what was left out to get it (in words), and why it may be empty."""

    graph: nx.MultiDiGraph
    notes: list[str] = field(default_factory=list)
    empty: str = EMPTY


def _count(n: int, what: str) -> str:
    return f"{n:,} {what}{'' if n == 1 else 's'}"


def _left_out(before: nx.MultiDiGraph, after: nx.MultiDiGraph) -> str:
    return _left_out_of(before.number_of_nodes(), before.number_of_edges(), after)


def _left_out_of(nodes: int, links: int, after: nx.MultiDiGraph) -> str:
    left_nodes, left_links = nodes - after.number_of_nodes(), links - after.number_of_edges()
    return f"{_count(left_nodes, 'node')} and {_count(left_links, 'link')} left out"


def cut_note(limit: int, nodes: int, links: int, kept: nx.MultiDiGraph) -> str:
    """What cutting a graph of ``nodes`` and ``links`` to its ``limit`` most connected nodes
    (``kept``) leaves out, in words."""
    return f"the {limit:,} most connected of {nodes:,} nodes: {_left_out_of(nodes, links, kept)}"


def resolve_class(g: nx.MultiDiGraph, name: str) -> str:
    """The class (local name, as the projection's ``types``) that ``name`` means in ``g``.

    Accepts the local name in any case (``movie``), a CURIE or IRI (``schema:Movie``) and
    everyday words (``Film``, ``people``).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("urn:f", types=["Movie"])
    >>> resolve_class(g, "Film"), resolve_class(g, "schema:Movie")
    ('Movie', 'Movie')
    """
    known = sorted({t for _, ts in g.nodes(data="types") for t in ts or ()})
    by_fold = {fold(k): k for k in known}
    wanted = fold(re.split(r"[/#:]", name.rstrip("/#"))[-1])
    if wanted in by_fold:
        return by_fold[wanted]
    word = CLASS_WORDS.get(wanted) or CLASS_WORDS.get(wanted.rstrip("s"))
    if word is None and wanted.endswith("s"):
        word = by_fold.get(wanted[:-1])
    if word in known:
        return str(word)
    spoken = {w: c for w, c in CLASS_WORDS.items() if c in known}
    candidates = {fold(k): k for k in known} | {w: f"{w} ({c})" for w, c in spoken.items()}
    close = [candidates[c] for c in difflib.get_close_matches(wanted, sorted(candidates), n=5, cutoff=0.6)]
    hint = f"did you mean: {', '.join(close)}?" if close else f"classes here: {', '.join(known)}"
    raise ViewError(f"no class '{name}' in the graph", hint=hint)


def by_class(g: nx.MultiDiGraph, classes: Iterable[str]) -> View:
    """The nodes of ``g`` of any of ``classes`` (or their subclasses), and the links between them."""
    wanted = [resolve_class(g, c) for c in classes]
    keep = [n for n, ts in g.nodes(data="types") if set(ts or ()) & set(wanted)]
    sub = g.subgraph(keep).copy()
    note = f"classes {', '.join(sorted(set(wanted)))} only: {_left_out(g, sub)}"
    return View(sub, [note], empty=f"Nothing to draw: no node of class {', '.join(wanted)}.")


def _names(g: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Folded name -> nodes: labels and alternate names."""
    names: dict[str, list[str]] = {}
    for n, d in sorted(g.nodes(data=True)):
        for name in [d.get("label") or short(n), *(d.get("props") or {}).get("alternate name", [])]:
            names.setdefault(fold(str(name)), []).append(n)
    return names


def find_node(g: nx.MultiDiGraph, name: str) -> str:
    """The node named ``name`` (accent- and case-blind; also its IRI); several: the most linked.

    Raises:
        EntityNotFoundError: no such name; the message lists the closest names.
    """
    if name in g:
        return name
    names = _names(g)
    matches = names.get(fold(name), [])
    if not matches:
        labels = {fold(str(d.get("label") or n)): str(d.get("label") or n) for n, d in g.nodes(data=True)}
        close = difflib.get_close_matches(fold(name), sorted(labels), n=5, cutoff=0.6)
        hint = f"closest names: {'; '.join(labels[c] for c in close)}" if close else "no close name"
        raise EntityNotFoundError(f"no entity named '{name}' in the graph", hint=hint)
    return max(sorted(set(matches)), key=lambda n: g.degree(n))


def focus(g: nx.MultiDiGraph, names: Iterable[str], depth: int = 2) -> View:
    """The entities named and everything within ``depth`` links of one of them (either direction)."""
    if depth < 0:
        raise ViewError(f"depth must be 0 or more, not {depth}")
    centres = [find_node(g, name) for name in names]
    undirected = g.to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in centres:
        keep |= set(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
    sub = g.subgraph(keep).copy()
    who = ", ".join(str(g.nodes[c].get("label") or c) for c in centres)
    return View(sub, [f"within {depth} link{'s' if depth != 1 else ''} of {who}: {_left_out(g, sub)}"])


def most_connected(g: nx.MultiDiGraph, limit: int) -> View:
    """The ``limit`` nodes with the most links (ties by IRI), and the links between them."""
    if limit < 1:
        raise ViewError(f"limit must be 1 or more, not {limit}")
    if g.number_of_nodes() <= limit:
        return View(g)
    ranked = sorted(g.degree(), key=lambda nd: (-nd[1], nd[0]))[:limit]
    sub = g.subgraph(n for n, _ in ranked).copy()
    return View(sub, [cut_note(limit, g.number_of_nodes(), g.number_of_edges(), sub)])


def _node_for(g: nx.MultiDiGraph, out: nx.MultiDiGraph, iri: str) -> None:
    if iri not in out:
        out.add_node(iri, **(g.nodes[iri] if iri in g else {"label": short(iri), "cls": "Thing"}))


def from_query(store: ox.Store, g: nx.MultiDiGraph, path: Path) -> View:
    """The graph a query file draws: a CONSTRUCT's links between IRIs, or a SELECT's node pairs.

    In a SELECT the first two variables are the pair, and a variable ``?label`` (when there is one)
    names the link; without it, a pair the graph links directly keeps the graph's own link.
    Node attributes come from ``g``; a constructed ``rdfs:label`` or ``schema:name`` names a node
    that ``g`` does not hold.

    Raises:
        QueryError: not a CONSTRUCT or a SELECT of pairs, a syntax error (file, line, column),
            or a row whose pair is not two IRIs.
    """
    from graph.store.query import run

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"cannot read the query file ({err})", path) from err
    try:
        result = run(store, text)
    except QueryError as err:
        raise QueryError(err.message, path, err.line, err.column) from err
    out = nx.MultiDiGraph()
    if isinstance(result, ox.QueryTriples):
        names: dict[str, str] = {}
        for t in result:
            s, p, o = t.subject, t.predicate.value, t.object
            if not isinstance(s, ox.NamedNode):
                continue
            if isinstance(o, ox.NamedNode):
                _node_for(g, out, s.value)
                _node_for(g, out, o.value)
                out.add_edge(s.value, o.value, key=f"{p}|{o.value}", predicate=p, label=words(p))
            elif isinstance(o, ox.Literal) and p in (RDFS_LABEL, SCHEMA_NAME):
                names[s.value] = o.value
        for iri, name in names.items():
            if iri in out and iri not in g:
                out.nodes[iri]["label"] = name
        return View(
            out,
            [f"the links that {path.name} constructs"],
            empty=f"Nothing to draw: {path.name} constructs no link between two IRIs.",
        )
    if not isinstance(result, ox.QuerySolutions):
        kind = "an ASK" if isinstance(result, ox.QueryBoolean) else "this query"
        raise QueryError(f"{kind} draws nothing: write a CONSTRUCT, or a SELECT of node pairs (?a ?b)", path)
    variables = [v.value for v in result.variables]
    if len(variables) < 2:
        raise QueryError(f"a SELECT of node pairs needs two variables, this one has {variables}", path)
    first, second = variables[:2]
    for row_number, row in enumerate(result, 1):
        a, b = row[first], row[second]
        if a is None or b is None:
            continue
        if not (isinstance(a, ox.NamedNode) and isinstance(b, ox.NamedNode)):
            bad = first if not isinstance(a, ox.NamedNode) else second
            raise QueryError(f"row {row_number}: ?{bad} is not an IRI; a pair must be two nodes", path)
        _node_for(g, out, a.value)
        _node_for(g, out, b.value)
        label = row["label"] if "label" in variables else None
        if label is not None:
            out.add_edge(a.value, b.value, key=f"label|{label.value}", predicate="", label=label.value)
        elif g.has_edge(a.value, b.value):
            for key, d in g.get_edge_data(a.value, b.value).items():
                out.add_edge(a.value, b.value, key=key, **d)
        elif g.has_edge(b.value, a.value):
            for key, d in g.get_edge_data(b.value, a.value).items():
                out.add_edge(b.value, a.value, key=key, **d)
        else:
            out.add_edge(a.value, b.value, key="pair", predicate="", label=f"{first} – {second}")
    return View(
        out, [f"the pairs that {path.name} selects"], empty=f"Nothing to draw: {path.name} selects no pair."
    )


def select_view(
    g: nx.MultiDiGraph, options: ViewOptions | None = None, *, store: ox.Store | None = None
) -> View:
    """The view ``options`` ask for: query, then focus, then classes, then limit (each narrows).

    Without ``limit``, a view of more than DEFAULT_LIMIT nodes is cut to its most connected ones.
    A query view needs ``store`` (the build's) to run on.
    """
    options = options or ViewOptions()
    view = View(g)
    if options.query is not None:
        if store is None:
            raise ViewError("a query view needs the store to run its query on")
        view = from_query(store, g, options.query)
    if options.focus:
        view = _then(view, focus(view.graph, options.focus, options.depth))
    if options.classes:
        view = _then(view, by_class(view.graph, options.classes))
    limited = most_connected(view.graph, options.limit or DEFAULT_LIMIT)
    return _then(view, limited) if limited.notes else view


def _then(before: View, after: View) -> View:
    """``after`` with the notes of both; an empty result says why in the later step's words."""
    return View(
        after.graph, before.notes + after.notes, after.empty if after.empty != EMPTY else before.empty
    )


def view_of_store(store: ox.Store, options: ViewOptions) -> View:
    """``select_view(to_networkx(store), options)``: a view of the most connected entities alone
    (no focus, class or query) is read from the store without projecting it whole."""
    if options.focus or options.classes or options.query is not None:
        from graph.network.projection import to_networkx

        return select_view(to_networkx(store), options, store=store)
    return most_connected_view(store, options.limit or DEFAULT_LIMIT)


def most_connected_view(store: ox.Store, limit: int, links: Links | None = None) -> View:
    """``most_connected(to_networkx(store), limit)``, read from the store without projecting it
    whole; ``links`` are the store's when the caller has them already.

    Raises:
        ViewError: ``limit`` is less than 1.
    """
    if limit < 1:
        raise ViewError(f"limit must be 1 or more, not {limit}")
    with collector_paused():
        return _most_connected_view(store, limit, links or link_structure(store))


def _most_connected_view(store: ox.Store, limit: int, links: Links) -> View:
    kept = set(links.most_connected(limit))
    g = projection_of(store, links, kept)
    if len(links.entities) <= limit:
        return View(g)
    return View(g, [cut_note(limit, len(links.entities), len(links.edges), g)])
