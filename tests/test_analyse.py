"""Network analytics on the seed graph: the answers its facts imply (who is central, who works with
whom, Klapisch's community, chains in words, films shot near the Sacré-Cœur), results written as RDF
that SPARQL reads and SHACL accepts, and GraphML/GEXF that read back whole."""

from __future__ import annotations

import csv
import doctest
import io
import math
import types
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph

from graph.build.options import BuildOptions, DatasetSpec
from graph.build.pipeline import build
from graph.check.shacl import validate
from graph.cli.main import main
from graph.errors import EntityNotFoundError
from graph.network import analyse, collaboration, nearby, phrases
from graph.network.export import export
from graph.network.paths import chains_in_store, shortest_chain, shortest_chains, tell
from graph.network.projection import to_networkx
from graph.store.embedded import open_store
from tests.conftest import DATA, ROOT, select

R = "https://w3id.org/paris-cinema/resource/"
FIXTURES = Path(__file__).parent / "fixtures"
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Credits of a person on a work, as the store states them (a cast member through a PerformanceRole).
CREDITED = """
  { ?work schema:actor/schema:actor ?P }
  UNION { ?work schema:director|schema:musicBy|schema:author|schema:producer|schema:editor ?P }
  UNION { ?P pc:knownFor ?work }
  ?P a schema:Person ."""


def credited(person_variable: str) -> str:
    """The pattern of CREDITED for ``?person_variable``."""
    return CREDITED.replace("?P", "?" + person_variable)


@pytest.fixture(scope="module")
def projection(store: ox.Store) -> nx.MultiDiGraph:
    return to_networkx(store)


@pytest.fixture(scope="module")
def with_permits(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and the permits fixture, whose rue des Martyrs (75018) is some 430 m from the
    Sacré-Cœur and its other addresses kilometres away."""
    out = tmp_path_factory.mktemp("analyse") / "out"
    permits = DatasetSpec("paris-filming-permits", FIXTURES / "permits-fr.csv")
    build(BuildOptions(data=DATA, datasets=(permits,), out=out, html=False))
    return out


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A seed build of its own, for a test that writes into the store."""
    out = tmp_path / "out"
    build(BuildOptions(data=DATA, out=out, html=False))
    return out


def people_of(store: ox.Store, film: str) -> set[str]:
    rows = select(store, f"SELECT DISTINCT ?p WHERE {{ BIND({film} AS ?work) {credited('p')} }}")
    return {r[0] for r in rows}


# ---------------------------------------------------------------- centrality


def test_binoche_is_the_bridge_between_the_two_paris_films(
    store: ox.Store, projection: nx.MultiDiGraph
) -> None:
    both = people_of(store, "film:paris-2008") & people_of(store, "film:paris-je-t-aime-2006")
    assert both == {R + "person/juliette-binoche"}  # the one person credited on both
    run = analyse.rank_entities(projection, by="betweenness", cls="person", top=3)
    assert run.ranked[0].label == "Juliette Binoche"
    assert run.ranked[0].betweenness > 1.5 * run.ranked[1].betweenness  # type: ignore[operator]


def test_klapisch_is_linked_to_the_most_entities_of_anyone(
    store: ox.Store, projection: nx.MultiDiGraph
) -> None:
    directed = select(store, "SELECT DISTINCT ?f WHERE { ?f schema:director person:cedric-klapisch }")
    run = analyse.rank_entities(projection, by="degree", cls="Person", top=2)
    top, second = run.ranked
    assert top.label == "Cédric Klapisch"
    assert top.degree == len(directed) == 4  # his four films, nothing else
    assert second.degree < top.degree


def test_the_two_paris_films_lead_the_films(projection: nx.MultiDiGraph) -> None:
    for measure in ("degree", "betweenness", "pagerank"):
        run = analyse.rank_entities(projection, by=measure, cls="film", top=2)
        assert {r.node for r in run.ranked} == {R + "film/paris-2008", R + "film/paris-je-t-aime-2006"}


def test_paris_is_the_most_connected_place(projection: nx.MultiDiGraph) -> None:
    run = analyse.rank_entities(projection, by="degree", cls="place", top=1)
    assert [(r.node, r.cls) for r in run.ranked] == [(R + "place/paris", "City")]


def test_texts_mentions_and_values_are_not_links(projection: nx.MultiDiGraph) -> None:
    review = R + "review/000-a5fd348b64338ad4--user-review"
    plain, with_mentions = (
        analyse.analysis_graph(projection),
        analyse.analysis_graph(projection, mentions=True),
    )
    assert list(plain.neighbors(review)) == [R + "film/paris-2008"]  # the film it reviews
    assert with_mentions.degree(review) > 20
    assert not {d["cls"] for _, d in plain.nodes(data=True)} & analyse.VALUE_CLASSES


def test_betweenness_is_networkx_betweenness_exact_or_sampled(projection: nx.MultiDiGraph) -> None:
    g = analyse.analysis_graph(projection)
    assert analyse.betweenness_samples(g, None) is None  # small graphs: exact
    exact = analyse.centrality(g, ["betweenness"])["betweenness"]
    assert exact == pytest.approx(nx.betweenness_centrality(g), abs=1e-12)
    sampled = analyse.betweenness(g, samples=10, seed=7)
    assert sampled == pytest.approx(nx.betweenness_centrality(g, k=10, seed=7), abs=1e-12)
    assert sampled == analyse.betweenness(g, samples=10, seed=7)
    assert sampled != analyse.betweenness(g, samples=10, seed=8)


def test_an_unknown_class_or_measure_says_what_there_is(projection: nx.MultiDiGraph) -> None:
    g = analyse.analysis_graph(projection)
    with pytest.raises(EntityNotFoundError, match=r"no entity of class 'Cinema'.*Person"):
        analyse.members(g, "Cinema")
    with pytest.raises(EntityNotFoundError, match="known: degree, betweenness, pagerank"):
        analyse.centrality(g, ["closeness"])


# ---------------------------------------------------------------- collaborations and communities


def test_shared_films_are_those_the_store_credits_both_people_on(
    store: ox.Store, projection: nx.MultiDiGraph
) -> None:
    rows = select(
        store,
        f"""SELECT ?a ?b (COUNT(DISTINCT ?work) AS ?n) WHERE {{
          {credited("a")} {credited("b")} FILTER (STR(?a) < STR(?b))
        }} GROUP BY ?a ?b""",
    )
    expected = {(a, b): int(n) for a, b, n in rows}
    c = collaboration.collaboration_graph(projection)
    found = {tuple(sorted((a, b))): d["weight"] for a, b, d in c.edges(data=True)}
    assert found == expected
    assert len(found) > 100


def test_the_coen_brothers_share_the_most_films(store: ox.Store, projection: nx.MultiDiGraph) -> None:
    c = collaboration.collaboration_graph(projection)
    pairs = collaboration.strongest_pairs(store, c, projection, top=2)
    assert {pairs[0].a_label, pairs[0].b_label} == {"Joel Coen", "Ethan Coen"}
    assert pairs[0].titles == ("Fargo (1996)", "Paris, je t'aime (2006)")
    assert pairs[0].weight == 2


def test_klapisch_community_is_the_cast_of_paris(store: ox.Store, projection: nx.MultiDiGraph) -> None:
    run = collaboration.find_communities(store, projection, person="Cedric Klapisch")
    (klapisch,) = run.shown
    assert klapisch.name == "Cédric Klapisch"  # four films: the most central of a cast of equals
    paris_only = people_of(store, "film:paris-2008") - {R + "person/juliette-binoche"}
    assert set(klapisch.members) == paris_only
    assert R + "person/gus-van-sant" not in klapisch.members
    binoche = collaboration.community_of(run.communities, R + "person/juliette-binoche")
    assert binoche.name == "Juliette Binoche" and R + "person/gus-van-sant" in binoche.members
    varda = collaboration.community_of(run.communities, R + "person/agnes-varda")
    assert varda.labels == ("Agnès Varda", "Corinne Marchand")


def test_communities_are_the_same_for_the_same_seed(store: ox.Store, projection: nx.MultiDiGraph) -> None:
    first = collaboration.find_communities(store, projection, seed=3).communities
    assert first == collaboration.find_communities(store, projection, seed=3).communities
    everyone = [m for c in first for m in c.members]
    assert len(everyone) == len(set(everyone))  # each person in one community


def test_a_person_without_collaborators_says_so(store: ox.Store, projection: nx.MultiDiGraph) -> None:
    c = collaboration.collaboration_graph(projection)
    with pytest.raises(EntityNotFoundError, match="'Erik Satie' shares no film with anyone"):
        collaboration.strongest_pairs(store, c, projection, person="Erik Satie")


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_collaboration_network_for_gephi(
    out: Path, projection: nx.MultiDiGraph, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / ("collaborations" + suffix)
    result = CliRunner().invoke(main, ["analyse", "communities", "--graph", str(target), "--out", str(out)])
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(target) if suffix == ".graphml" else nx.read_gexf(target)
    c = collaboration.collaboration_graph(projection)
    assert (g.number_of_nodes(), g.number_of_edges()) == (c.number_of_nodes(), c.number_of_edges())
    community = {n: d["community"] for n, d in g.nodes(data=True)}
    klapisch, duris, van_sant = (
        R + "person/" + p for p in ("cedric-klapisch", "romain-duris", "gus-van-sant")
    )
    assert community[klapisch] == community[duris] != community[van_sant]
    coens = g.edges[R + "person/joel-coen", R + "person/ethan-coen"]
    assert (int(coens["weight"]), coens["films"]) == (2, "Fargo (1996) | Paris, je t'aime (2006)")
    wrong = CliRunner().invoke(main, ["analyse", "communities", "--graph", "c.txt", "--out", str(out)])
    assert wrong.exit_code == 2 and "*.graphml or *.gexf" in wrong.output


# ---------------------------------------------------------------- chains in words


def test_the_chain_from_duris_to_van_sant_in_words(store: ox.Store, projection: nx.MultiDiGraph) -> None:
    chain = shortest_chain(store, projection, "Romain Duris", "Gus Van Sant")
    assert tell(projection, chain) == (
        "Romain Duris played Pierre in Paris (2008), in which Juliette Binoche played Élise; "
        "Juliette Binoche acted in Paris, je t'aime (2006), directed in part by Gus Van Sant."
    )


@pytest.mark.parametrize(
    ("source", "target", "k"),
    [
        ("Romain Duris", "Gus Van Sant", 1),
        ("Cédric Klapisch", "Anthony Minghella", 3),
        ("Juliette Binoche", "Juliette Binoche", 1),
        ("Paris", "Mars Distribution", 2),
    ],
)
def test_chains_read_from_the_store_are_the_projections(
    store: ox.Store, projection: nx.MultiDiGraph, source: str, target: str, k: int
) -> None:
    """`pariskg path` reads the links and the chains' entities alone, not the whole projection:
    the same chains, told in the same words."""
    expected = shortest_chains(store, projection, source, target, k=k)
    assert chains_in_store(store, source, target, k=k) == [(c, tell(projection, c)) for c in expected]


def test_k_shortest_chains_are_distinct_walks_shortest_first(
    store: ox.Store, projection: nx.MultiDiGraph
) -> None:
    chains = shortest_chains(store, projection, "Cédric Klapisch", "Anthony Minghella", k=3)
    assert len({c.nodes for c in chains}) == 3
    assert chains[0] == shortest_chain(store, projection, "Cédric Klapisch", "Anthony Minghella")
    assert [len(c.steps) for c in chains] == sorted(len(c.steps) for c in chains)
    for chain in chains:
        assert (chain.nodes[0], chain.nodes[-1]) == (
            R + "person/cedric-klapisch",
            R + "person/anthony-minghella",
        )
        for (u, v), step in zip(zip(chain.nodes, chain.nodes[1:], strict=False), chain.steps, strict=True):
            assert {step.subject, step.obj} == {u, v}
            assert projection.has_edge(step.subject, step.obj)


def test_a_chain_backwards_twice_reads_as_one_sentence(store: ox.Store, projection: nx.MultiDiGraph) -> None:
    texts = [
        tell(projection, c)
        for c in shortest_chains(store, projection, "Agnès Varda", "Juliette Binoche", k=2)
    ]
    assert "Agnès Varda directed Cléo de 5 à 7 (1962), which is mentioned in" in texts[1]


def test_unknown_names_answer_with_the_closest(out: Path) -> None:
    for args in (
        ["path", "Romain Duris", "Gus Van San"],
        ["analyse", "communities", "--person", "Cedric Klapish"],
        ["analyse", "near", "Sacre Ceur"],
    ):
        result = CliRunner().invoke(main, [*args, "--out", str(out)])
        assert result.exit_code == 2, args
        assert "did you mean:" in result.output, args
    bad_class = CliRunner().invoke(main, ["analyse", "centrality", "--class", "Cinema", "--out", str(out)])
    assert bad_class.exit_code == 2 and "classes here:" in bad_class.output


# ---------------------------------------------------------------- films shot near a place


def test_films_shot_near_the_sacre_coeur(with_permits: Path) -> None:
    store = open_store(with_permits)
    near = nearby.films_near(store, "Sacré-Cœur", 500)
    assert [(f.title, f.place_name) for f in near] == [
        ("Paris", "Basilique du Sacré-Cœur"),
        ("Emily in Paris", "rue des Martyrs, 75018 paris"),
    ]
    # the fixture's rue des Martyrs row against the curated Sacré-Cœur, on a flat map of Paris
    dx = (2.3400 - 2.34309) * 111_320 * math.cos(math.radians(48.885))
    dy = (48.8835 - 48.88675) * 110_574
    assert near[0].distance_m == 0
    assert near[1].distance_m == pytest.approx(math.hypot(dx, dy), abs=3)
    assert (near[1].shoots, near[1].first_shoot) == (1, "2019-09-10")
    assert [f.title for f in nearby.films_near(store, "Sacré-Cœur", 300)] == ["Paris"]


def test_near_a_place_without_coordinates(with_permits: Path) -> None:
    with pytest.raises(EntityNotFoundError, match="has no coordinates"):
        nearby.films_near(open_store(with_permits), "18th arrondissement of Paris", 500)


def test_near_writes_csv(with_permits: Path, tmp_path: Path) -> None:
    target = tmp_path / "near.csv"
    args = ["analyse", "near", "sacre coeur", "-m", "500", "--csv", str(target), "--out", str(with_permits)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["title"], r["metres"]) for r in rows] == [("Paris", "0"), ("Emily in Paris", "426")]


# ---------------------------------------------------------------- results as RDF in the store


def test_written_centrality_is_read_by_sparql_and_conforms(fresh: Path) -> None:
    for _ in range(2):  # writing again replaces the graph
        result = CliRunner().invoke(main, ["analyse", "centrality", "--write", "--out", str(fresh)])
        assert result.exit_code == 0, result.output
    store = open_store(fresh)
    top = select(
        store,
        """SELECT ?e ?rank WHERE { GRAPH graph:centrality { ?e pc:pageRank ?rank } ?e a schema:Movie }
           ORDER BY DESC(?rank) LIMIT 1""",
    )
    assert top[0][0] == R + "film/paris-2008"
    twice = select(store, "SELECT ?e WHERE { ?e pc:pageRank ?a, ?b FILTER (?a != ?b) } LIMIT 1")
    assert twice == []
    (degree,) = select(store, "SELECT ?d WHERE { person:cedric-klapisch pc:degree ?d }")
    assert degree == ("4",)
    union = Graph().parse(data=store.dump(format=ox.RdfFormat.N_QUADS).decode(), format="nquads")
    verdict = validate(Graph() + union)
    assert verdict.conforms, verdict.report


def test_written_communities_are_read_by_sparql(fresh: Path) -> None:
    nodes_before = to_networkx(open_store(fresh)).number_of_nodes()
    result = CliRunner().invoke(main, ["analyse", "communities", "--write", "--out", str(fresh)])
    assert result.exit_code == 0, result.output
    store = open_store(fresh)
    rows = select(
        store,
        """SELECT ?label ?name WHERE { GRAPH graph:communities {
             person:cedric-klapisch pc:community ?c . ?c rdfs:label ?label . ?p pc:community ?c }
           ?p schema:name ?name }""",
    )
    assert {label for label, _ in rows} == {"Cédric Klapisch"}
    assert "Romain Duris" in {name for _, name in rows}
    assert to_networkx(store).number_of_nodes() == nodes_before  # a community is no entity


PERSON = 'a schema:Person ; rdfs:label "{0}" ; schema:name "{0}" ; pc:community :c .'
SHAPES = {
    "community": (
        f':c a pc:Community ; rdfs:label "A, B" . :a {PERSON.format("A")} :b {PERSON.format("B")}',
        f':c a pc:Community ; rdfs:label "A" . :a {PERSON.format("A")}',
    ),
    "measures": (
        ':f pc:degree 3 ; pc:pageRank "0.2"^^xsd:double ; pc:betweennessCentrality "0"^^xsd:double .',
        ':f pc:degree 3 ; pc:pageRank "1.5"^^xsd:double .',
    ),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_result_shapes_accept_and_reject(name: str) -> None:
    from tests.test_shapes import PREFIXES

    good, bad = SHAPES[name]
    assert validate(Graph().parse(data=PREFIXES + good, format="turtle")).conforms
    assert not validate(Graph().parse(data=PREFIXES + bad, format="turtle")).conforms


# ---------------------------------------------------------------- exports, docs


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_keep_every_node_and_edge(
    store: ox.Store, projection: nx.MultiDiGraph, fmt: str
) -> None:
    data = io.BytesIO(export(store, fmt))
    g = nx.read_graphml(data) if fmt == "graphml" else nx.read_gexf(data)
    assert (g.number_of_nodes(), g.number_of_edges()) == (
        projection.number_of_nodes(),
        projection.number_of_edges(),
    )
    values = [v for _, d in g.nodes(data=True) for v in d.values()] + [
        v for *_, d in g.edges(data=True) for v in d.values()
    ]
    assert all(isinstance(v, str | int | float) for v in values)
    assert g.nodes[R + "person/juliette-binoche"]["label"] == "Juliette Binoche"


@pytest.mark.parametrize("command", ["centrality", "collaborations", "communities", "near"])
def test_each_analysis_has_help_with_an_example_and_is_in_the_readme(command: str) -> None:
    result = CliRunner().invoke(main, ["analyse", command, "-h"])
    assert result.exit_code == 0 and f"pariskg analyse {command}" in result.output
    assert f"pariskg analyse {command}" in README


@pytest.mark.parametrize("module", [analyse, collaboration, nearby, phrases])
def test_docstring_examples(module: types.ModuleType) -> None:
    assert doctest.testmod(module).failed == 0


def test_the_bench_runs_on_a_small_build(with_permits: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "analyse.py"),
            "--out",
            str(with_permits),
            "--samples",
            "5",
            "20",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("as the projection") == 2 and "NOT as the projection" not in result.stdout
    assert "films within 500 m of Sacré-Cœur" in result.stdout and "2 films" in result.stdout
