"""SPARQL over the build's store: inline, from a file, or named from queries/ with parameters
bound as RDF terms (BINDs of N-Triples terms at the head of the WHERE group, never text
pasted into the query)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph.errors import QueryError
from graph.namespace import PREFIXES, bind_prefixes, curie
from graph.store.embedded import SparqlStore
from graph.store.lookup import expand, find_entity
from graph.store.sparql_text import has_dataset_clause, with_binds

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"
RESULT_FORMATS = {
    "table": None,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
PARAM_KINDS = ("iri", "string", "integer", "year")
_HEADER = re.compile(r"^#\s*(title|param):\s*(.*)$")


@dataclass(frozen=True)
class Param:
    """A parameter a named query declares: ``# param: film iri The film (film:paris-2008)``."""

    name: str
    kind: str
    description: str
    cls: str | None = None  # for iri parameters: the class an entity given by name must have


@dataclass(frozen=True)
class NamedQuery:
    """A query of queries/: its name (file stem), title, what it answers, parameters and text."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path


def parse_named(path: Path) -> NamedQuery:
    """Read a .rq file and its comment header."""
    text = path.read_text(encoding="utf-8")
    title, params, about = "", [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m and m.group(1) == "title":
            title = m.group(2).strip()
        elif m:
            parts = m.group(2).split(None, 2)
            if len(parts) < 2 or parts[1] not in PARAM_KINDS:
                raise QueryError(
                    f"bad param line; write '# param: NAME {'|'.join(PARAM_KINDS)} TEXT'", path, n
                )
            rest = parts[2] if len(parts) > 2 else ""
            cls = None
            head, _, tail = rest.partition(" ")
            if parts[1] == "iri" and expand(head):  # "# param: film iri schema:Movie The film"
                cls, rest = expand(head), tail
            params.append(Param(parts[0], parts[1], rest, cls))
        else:
            about.append(line.lstrip("# ").rstrip())
    return NamedQuery(path.stem, title, " ".join(a for a in about if a), tuple(params), text, path)


def named_queries(folder: Path = QUERIES_DIR) -> list[NamedQuery]:
    """Every named query, by name."""
    return [parse_named(p) for p in sorted(folder.glob("*.rq"))]


def resolve_query(spec: str, folder: Path = QUERIES_DIR) -> tuple[str, NamedQuery | None]:
    """The text of a query given by name, by file (``path.rq``, ``-`` for stdin) or inline."""
    named = folder / f"{spec}.rq"
    if re.fullmatch(r"[\w-]+", spec):
        if named.is_file():
            return named.read_text(encoding="utf-8"), parse_named(named)
        known = ", ".join(q.name for q in named_queries(folder))
        raise QueryError(f"no named query '{spec}'; known: {known}")
    path = Path(spec)
    if spec.endswith((".rq", ".sparql")) or ("\n" not in spec and _is_file(path)):
        if not path.is_file():
            raise QueryError("no such query file", path)
        return path.read_text(encoding="utf-8"), None
    return spec, None


def _is_file(path: Path) -> bool:
    """Whether ``path`` names a file; SPARQL text is often no valid path at all (too long…)."""
    try:
        return path.is_file()
    except OSError:
        return False


def bind(
    store: SparqlStore, query: NamedQuery | None, values: dict[str, str]
) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """RDF terms for the parameters: IRIs (or names of entities), strings, integers, years."""
    declared = {p.name: p for p in query.params} if query else {}
    if query:
        missing = [p for p in query.params if p.name not in values]
        if missing:
            p = missing[0]
            raise QueryError(
                f"missing parameter '{p.name}' ({p.kind}): {p.description}",
                query.path,
                hint=f"add --param {p.name}=VALUE",
            )
        unknown = sorted(set(values) - set(declared))
        if unknown:
            raise QueryError(
                f"unknown parameter(s) {', '.join(unknown)}; this query takes "
                f"{', '.join(declared) or 'none'}",
                query.path,
            )
    out: dict[ox.Variable, ox.NamedNode | ox.Literal] = {}
    for name, value in values.items():
        kind = declared[name].kind if name in declared else ("iri" if expand(value) else "string")
        term: ox.NamedNode | ox.Literal
        if kind == "iri":
            term = find_entity(store, value, declared[name].cls if name in declared else None)
        elif kind == "integer":
            if not re.fullmatch(r"-?\d+", value):
                raise QueryError(f"parameter '{name}' must be a whole number, not '{value}'")
            term = ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        elif kind == "year":
            if not re.fullmatch(r"\d{4}", value):
                raise QueryError(f"parameter '{name}' must be a year such as 2008, not '{value}'")
            term = ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear"))
        else:
            term = ox.Literal(value)
        out[ox.Variable(name)] = term
    return out


def run(
    store: SparqlStore, text: str, substitutions: dict | None = None
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a query on the union of all graphs; a syntax error names the line and column.

    Parameters go in as BINDs at the head of the WHERE group rather than as Oxigraph's
    substitutions, which it joins only after evaluating the pattern: with a bound film or person
    a query reads its neighbourhood instead of the whole graph (coworkers 2 s -> 1 ms on the
    full build). BIND, not VALUES (as fast here): Virtuoso starts a transitive path (``p*``) only
    from a BIND. A CONSTRUCT WHERE query, which has no group to put them in, keeps substitutions.
    """
    bound = text
    if substitutions:
        try:
            bound = with_binds(text, substitutions)
        except QueryError:
            bound = text
    try:
        return _query(store, bound, None if bound is not text else substitutions)
    except SyntaxError as err:
        if bound is text:
            raise syntax_error(text, str(err)) from err
    try:  # as written, so that an error gives the line and column of the text the user wrote
        return _query(store, text, substitutions)
    except SyntaxError as err:
        raise syntax_error(text, str(err)) from err


def _query(
    store: SparqlStore, text: str, substitutions: dict | None
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    # the union of all graphs is the default graph, unless the query names its own (FROM)
    union = not has_dataset_clause(text)
    return store.query(
        text, use_default_graph_as_union=union, prefixes=PREFIXES, substitutions=substitutions or None
    )


def syntax_error(text: str, message: str) -> QueryError:
    """A QueryError that shows the line of the query with a caret under the error."""
    m = re.search(r"error at (\d+):(\d+): (.*)", message, re.S)
    if m is None:
        return QueryError(f"SPARQL syntax error: {message}", "query")
    line, column, detail = int(m.group(1)), int(m.group(2)), " ".join(m.group(3).split())
    if len(detail) > 100:  # the parser lists every character class it would take
        detail = detail[:100].rsplit(" ", 1)[0] + " …"
    lines = text.splitlines() or [""]
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    pointer = f"\n    {shown}\n    {' ' * (column - 1)}^"
    return QueryError(f"SPARQL syntax error: {detail}{pointer}", "query", line, column)


def format_result(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str = "table") -> str:
    """The result as a text table, CSV, TSV, SPARQL JSON or XML; graphs as Turtle."""
    if isinstance(result, ox.QueryTriples):
        buf = io.BytesIO()
        result.serialize(buf, format=ox.RdfFormat.N_TRIPLES)
        g = Graph()  # rdflib writes Turtle with the project's prefixes and sorted subjects
        bind_prefixes(g)
        g.parse(data=buf.getvalue().decode("utf-8"), format="nt")
        return g.serialize(format="turtle")
    if isinstance(result, ox.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format '{fmt}'; known: {', '.join(RESULT_FORMATS)}")
    target = RESULT_FORMATS[fmt]
    if target is not None:
        buf = io.BytesIO()
        result.serialize(buf, format=target)
        return buf.getvalue().decode("utf-8")
    names = [v.value for v in result.variables]
    rows = [[_cell(row[n]) for n in names] for row in result]
    return table(names, rows)


def _cell(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return curie(term.value)
    return " ".join(str(getattr(term, "value", term)).split())


def table(header: list[str], rows: list[list[str]]) -> str:
    """A plain text table with aligned columns and a row count."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
