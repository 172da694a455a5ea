"""Each named query answers its question on the seed graph; parameters are bound as RDF terms."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli.main import main
from graph.errors import QueryError
from graph.namespace import PREFIXES
from graph.store.lookup import find_entity
from graph.store.query import bind, format_result, named_queries, resolve_query, run

# name -> (parameters, a column, values that column must hold)
EXPECTED: dict[str, tuple[dict[str, str], str, set[str]]] = {
    "cast": ({"film": "Paris"}, "character", {"Élise", "Pierre", "Roland Verneuil", "La boulangère"}),
    "films-by-director": (
        {"director": "Cedric Klapisch"},
        "title",
        {"Paris", "Chacun cherche son chat", "L'Auberge espagnole", "Les Poupées russes"},
    ),
    "films-shot-in": ({"place": "Paris 18"}, "title", {"Paris"}),
    "paris-films": ({}, "title", {"Paris", "Paris, je t'aime"}),
    "films-set-in": ({"place": "France"}, "title", {"Paris, je t'aime"}),
    "coworkers": ({"person": "Gus Van Sant"}, "name", {"Juliette Binoche", "Joel Coen", "Natalie Portman"}),
    "films-of-distributor": ({"distributor": "Mars Distribution"}, "title", {"Paris"}),
    "franchise-films": ({"franchise": "Cities of Love"}, "title", {"Paris, je t'aime"}),
    "review-mentions": (
        {"review": "source:002-5d5dd595a84e6b66"},
        "name",
        {"Monica Bellucci", "Vincent Cassel", "Charles Aznavour", "David Lynch", "Gotham City"},
    ),
    "people-in-several-films": ({}, "name", {"Cédric Klapisch", "Juliette Binoche"}),
    "film-places": ({"film": "Paris, je t'aime"}, "name", {"Paris"}),
    "box-office": ({"film": "Paris"}, "value", {"46518", "1005168"}),
    "festival-selections": ({}, "section", {"Un Certain Regard"}),
    "film-identifications": ({}, "title", {"L'Appartement"}),
    "fact-sources": ({"entity": "Juliette Binoche"}, "quote", {"Élise (Juliette Binoche"}),
    "crew-counts": ({"film": "Paris, je t'aime"}, "count", {"24", "34", "43", "18", "10"}),
    "known-for": ({}, "work", {"Fargo", "Gravity", "Black Swan"}),
    "place-chain": (
        {"place": "Sacré-Coeur"},
        "name",
        {"Montmartre", "18th arrondissement of Paris", "France"},
    ),
}


def test_every_named_query_is_tested_and_documented() -> None:
    queries = named_queries()
    assert len(queries) >= 12
    assert {q.name for q in queries} == set(EXPECTED)
    for q in queries:
        assert q.title and q.description, q.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_answers(store: ox.Store, name: str) -> None:
    params, column, wanted = EXPECTED[name]
    text, named = resolve_query(name)
    result = run(store, text, bind(store, named, params))
    assert isinstance(result, ox.QuerySolutions)
    values = {"" if row[column] is None else row[column].value for row in result}
    if name == "fact-sources":
        assert any(w in v for w in wanted for v in values)
    else:
        assert wanted <= values, values


@pytest.mark.parametrize("name", sorted(n for n, (params, _, _) in EXPECTED.items() if params))
def test_parameters_in_a_values_block_give_the_answers_of_substitution(store: ox.Store, name: str) -> None:
    """run() binds parameters in a VALUES block (Oxigraph joins substitutions late, seconds on the
    full graph); the rows must be those of Oxigraph's own substitution (as a multiset: rows that
    tie on ORDER BY come in either order)."""
    params, _, _ = EXPECTED[name]
    text, named = resolve_query(name)
    bindings = bind(store, named, params)
    ours = run(store, text, bindings)
    theirs = store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES, substitutions=bindings)
    assert isinstance(ours, ox.QuerySolutions) and isinstance(theirs, ox.QuerySolutions)
    rows = sorted(str([str(term) for term in row]) for row in ours)
    assert rows and rows == sorted(str([str(term) for term in row]) for row in theirs)


def test_a_syntax_error_in_a_query_with_parameters_names_the_line_as_written(store: ox.Store) -> None:
    """The VALUES block shifts the text; the error must still point into the text the user wrote."""
    text = "SELECT ?n WHERE { ?x <https://schema.org/name> ?n .\n  FILTER (?n = 'a' 'b')\n}"
    with pytest.raises(QueryError) as unbound:
        run(store, text)
    with pytest.raises(QueryError) as bound:
        run(store, text, bind(store, None, {"n": "Paris"}))
    assert (bound.value.line, bound.value.column) == (unbound.value.line, unbound.value.column)
    assert bound.value.line == 2


def test_parameters_are_terms_not_text(store: ox.Store) -> None:
    """A value with quotes and braces is bound as a literal, not pasted into the query."""
    text = "SELECT ?n WHERE { ?x <https://schema.org/name> ?n }"
    hostile = '"} ?x ?y ?z . { "'
    result = run(store, text, bind(store, None, {"n": hostile}))
    assert list(result) == []  # type: ignore[arg-type]


def test_cast_of_paris_in_csv(out: Path) -> None:
    result = CliRunner().invoke(
        main, ["query", "cast", "-p", "film=film:paris-2008", "-f", "csv", "--out", str(out)]
    )
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 15
    assert {"actor", "name", "character"} <= set(rows[0])


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv", "csv", "table"])
def test_result_formats(store: ox.Store, fmt: str) -> None:
    text = "SELECT ?n WHERE { ?f a schema:Movie ; schema:name ?n } ORDER BY ?n LIMIT 3"
    output = format_result(run(store, text), fmt)
    if fmt == "json":
        assert len(json.loads(output)["results"]["bindings"]) == 3
    elif fmt == "xml":
        assert output.count("<result>") == 3
    else:
        assert "Black Swan" in output


def test_construct_prints_turtle(out: Path) -> None:
    query = "CONSTRUCT { ?f schema:name ?n } WHERE { ?f a schema:Movie ; schema:name ?n }"
    result = CliRunner().invoke(main, ["query", query, "--out", str(out)])
    assert result.exit_code == 0
    from rdflib import Graph

    g = Graph().parse(data=result.output, format="turtle")
    assert len(g) == 14  # 15 films, one of them unidentified (no name)


def test_query_from_a_file_and_stdin(out: Path, tmp_path: Path) -> None:
    f = tmp_path / "q.rq"
    f.write_text('ASK { ?f schema:name "Paris, je t\'aime" }')
    assert CliRunner().invoke(main, ["query", str(f), "--out", str(out)]).output == "true\n"
    piped = CliRunner().invoke(main, ["query", "-", "--out", str(out)], input='ASK { ?x schema:name "Nope" }')
    assert piped.output == "false\n"


def test_queries_command_lists_them() -> None:
    result = CliRunner().invoke(main, ["queries"])
    assert "cast" in result.output and "--param film=" in result.output


def test_a_name_shared_by_a_film_and_a_city_follows_the_parameter_class(store: ox.Store) -> None:
    _text, named = resolve_query("films-shot-in")
    bound = bind(store, named, {"place": "Paris"})
    assert next(iter(bound.values())).value.endswith("/place/paris")
    _text, named = resolve_query("cast")
    bound = bind(store, named, {"film": "Paris"})
    assert next(iter(bound.values())).value.endswith("/film/paris-2008")


def test_long_inline_sparql_with_slashes_is_a_query_not_a_path(out: Path) -> None:
    long = (
        'SELECT ?p (GROUP_CONCAT(DISTINCT ?alt; separator=" / ") AS ?alts) '
        "{ ?p a schema:Person ; schema:alternateName ?alt . ?f schema:director ?p . "
        "GRAPH ?g { ?f schema:director ?p } } GROUP BY ?p ORDER BY ?p LIMIT 3 # " + "x" * 200
    )
    result = CliRunner().invoke(main, ["query", long, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "person:cedric-klapisch" in result.output


def test_names_are_found_by_their_folded_hidden_label(store: ox.Store) -> None:
    """Every spelling of a name is also a SKOS hidden label, folded: the lookup reads an index."""
    result = store.query(
        'SELECT ?e WHERE { ?e skos:hiddenLabel "cedric klapisch" }',
        use_default_graph_as_union=True,
        prefixes=PREFIXES,
    )
    found = {row["e"].value for row in result}  # type: ignore[union-attr]
    assert found == {find_entity(store, "CÉDRIC  Klapisch").value}
    assert found == {find_entity(store, "Cedric Klapisch").value}


def test_a_query_with_from_reads_that_graph_only(store: ox.Store) -> None:
    """The union of all graphs is the default graph, unless the query names its own with FROM."""
    count = "SELECT (COUNT(*) AS ?n) {FROM} WHERE { ?s ?p ?o }"
    graph = "https://w3id.org/paris-cinema/graph/entities"
    whole = next(iter(run(store, count.replace("{FROM}", ""))))["n"].value  # type: ignore[call-overload]
    names = next(iter(run(store, count.replace("{FROM}", f"FROM <{graph}>"))))["n"].value  # type: ignore[call-overload]
    stated = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    assert int(names) == stated < int(whole)
