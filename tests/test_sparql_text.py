"""Parameters written into a query's text (for an endpoint, which has no substitutions) bind what
Oxigraph's substitutions bind, wherever the query's braces, strings and comments are."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.errors import QueryError
from graph.namespace import PREFIXES
from graph.store.sparql_text import query_form, with_binds, with_prefixes, with_values

FILM = ox.NamedNode("https://w3id.org/paris-cinema/resource/film/paris-2008")
HOSTILE = ox.Literal('"} ?x ?y ?z . { "')

QUERIES = {
    "braces in a string and a comment": """# { a comment with a brace
        SELECT ?film ?n ("{ not a group }" AS ?s) WHERE { ?film schema:name ?n }""",
    "an EXISTS in the projection": """SELECT ?film (EXISTS { ?film schema:actor ?r } AS ?cast)
        WHERE { ?film schema:name ?n }""",
    "no WHERE keyword": "SELECT ?film ?n { ?film schema:name ?n }",
    "a CONSTRUCT template": "CONSTRUCT { ?film schema:alternateName ?n } WHERE { ?film schema:name ?n }",
    "an ASK": "ASK { ?film schema:name ?n }",
    "a DESCRIBE without WHERE": "DESCRIBE ?film",
}


def answers(store: ox.Store, text: str, **kwargs: object) -> object:
    result = store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES, **kwargs)  # type: ignore[arg-type]
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        return sorted(str(t) for t in result)
    return sorted(tuple(str(row[v]) for v in result.variables) for row in result)


@pytest.mark.parametrize("write", [with_binds, with_values], ids=["BIND", "VALUES"])
@pytest.mark.parametrize("case", sorted(QUERIES))
def test_written_parameters_bind_as_substitutions(store: ox.Store, case: str, write: object) -> None:
    text = QUERIES[case]
    bindings = {ox.Variable("film"): FILM}
    expected = answers(store, text, substitutions=bindings)
    assert expected, "the case must answer something to prove anything"
    assert answers(store, write(text, bindings)) == expected  # type: ignore[operator]


def test_a_hostile_value_stays_a_literal(store: ox.Store) -> None:
    text = "SELECT ?n WHERE { ?x <https://schema.org/name> ?n }"
    assert answers(store, with_binds(text, {ox.Variable("n"): HOSTILE})) == []


def test_a_construct_where_cannot_take_written_parameters() -> None:
    with pytest.raises(QueryError, match="CONSTRUCT WHERE"):
        with_binds("CONSTRUCT WHERE { ?film ?p ?o }", {ox.Variable("film"): FILM})


def test_prefixes_keep_the_lines_of_the_query() -> None:
    text = "SELECT ?n WHERE {\n  ?f schema:name ?n .\n  ?f schema:oops\n}"
    with pytest.raises(SyntaxError, match=r"error at 4:1"):
        ox.Store().query(with_prefixes(text, PREFIXES))
    assert with_prefixes(text, PREFIXES).count("\n") == text.count("\n")
    assert "PREFIX film:" not in with_prefixes(text, PREFIXES)  # only the prefixes it uses


@pytest.mark.parametrize(
    ("text", "form"),
    [("# SELECT in a comment\nASK {}", "ASK"), ("PREFIX a: <urn:construct> DESCRIBE <urn:x>", "DESCRIBE")],
)
def test_the_form_of_a_query(text: str, form: str) -> None:
    assert query_form(text) == form
