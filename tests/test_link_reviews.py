"""Which film a review is about: the linker on the project's fixture reviews (with a small IMDb-style
table the project wrote), through a whole build, and on the real aclImdb sample against its index."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import pytest
from rdflib import URIRef

from graph.build.inputs import read_datasets, read_inputs, read_sources
from graph.build.options import BuildOptions, DatasetSpec
from graph.build.pipeline import build
from graph.build.summary import BuildReport
from graph.resolve.entities import resolve
from graph.resolve.identify import Identification
from graph.resolve.link_reviews import link_reviews, merged
from graph.resolve.model import Resolution, Source
from graph.resolve.review_text import Name, NameIndex, unknown_titles
from graph.store.embedded import open_store
from graph.text import FoldedText
from tests.conftest import DATA, SHARED_DATA, select
from tests.test_review_folder import REAL, REVIEWS, without_index

IMDB_MINI = Path(__file__).parent / "fixtures" / "imdb-mini.csv"
IMDB_5000 = SHARED_DATA / "imdb_5000" / "movie_metadata.csv"
Linked = dict[str, list[tuple[str, float, tuple[str, ...]]]]  # review file stem -> hypotheses


def link(datasets: Sequence[DatasetSpec]) -> tuple[list[Source], Resolution, list[Identification]]:
    """Seeds and ``datasets`` read, resolved and linked, without writing a build."""
    report = BuildReport()
    curated, cues, documents = read_inputs(DATA, report)
    sources = read_sources(curated, cues, documents, report)
    sources += [src for src, _ in read_datasets(tuple(datasets), report)]
    resolution = resolve(sources)
    return sources, resolution, link_reviews(sources, resolution)


def by_review(found: list[Identification], resolution: Resolution) -> Linked:
    out: Linked = {}
    for h in found:
        stem = str(h.about).rsplit("--", 1)[-1].replace("-", "_")
        out.setdefault(stem, []).append((resolution.name[h.candidate], h.confidence, h.evidence))
    return out


@pytest.fixture(scope="module")
def fixture_links(tmp_path_factory: pytest.TempPathFactory) -> Linked:
    folder = without_index(REVIEWS, tmp_path_factory.mktemp("linking"))
    _, resolution, found = link([DatasetSpec("imdb-movies", IMDB_MINI), DatasetSpec("review-folder", folder)])
    return by_review(found, resolution)


def test_a_review_that_names_its_film_and_its_people(fixture_links: Linked) -> None:
    [(title, confidence, evidence)] = fixture_links["train_pos_1_9"]
    assert title == "Paris, je t'aime" and confidence >= 0.8
    assert "title 'Paris, je t'aime' quoted" in evidence
    assert "Natalie Portman: actor in Paris, je t'aime" in evidence


def test_a_film_named_in_a_comparison_is_not_the_film_reviewed(fixture_links: Linked) -> None:
    # a review of "New York, I Love You" (unknown to the graph) that says "Unlike Paris, je t'aime"
    for title, confidence, evidence in fixture_links.get("train_neg_2_3", []):
        assert title != "Paris, je t'aime" or confidence < 0.5
        assert any(e.startswith("against: 'New York, I Love You'") for e in evidence)


def test_people_alone_name_two_films_equally(fixture_links: Linked) -> None:
    # Linklater, Delpy and Hawke made Before Sunrise and Before Sunset: both, equally unsure
    linked = fixture_links["train_pos_4_8"]
    assert sorted(title for title, _, _ in linked) == ["Before Sunrise", "Before Sunset"]
    assert linked[0][1] == linked[1][1] < 0.5


def test_common_words_and_short_titles_name_no_film(fixture_links: Linked) -> None:
    # "it was up to the actors" is not the film Up; a review naming nothing known links nowhere
    assert "train_pos_3_8" not in fixture_links
    assert not any(title == "Up" for links in fixture_links.values() for title, _, _ in links)


def test_unknown_titles_are_quoted_or_in_title_case() -> None:
    index = NameIndex()
    index.add(Name("person", URIRef("urn:gene-kelly"), "Gene Kelly"))
    text = 'I saw "New York, I Love You" after An American in Paris with Gene Kelly and "so-so" friends.'
    found = index.find(FoldedText(text))
    assert list(unknown_titles(text, index, found)) == ["New York, I Love You", "An American in Paris"]


def test_names_are_found_longest_first_then_leftmost_without_overlaps() -> None:
    index = NameIndex()
    for kind, spelling in (("title", "Paris, je t'aime"), ("title", "Je t'aime"), ("place", "Paris")):
        index.add(Name(kind, URIRef(f"urn:{kind}"), spelling))
    index.add(Name("title", URIRef("urn:ab"), "Alpha Beta"))
    index.add(Name("title", URIRef("urn:bc"), "Beta Gamma"))
    text = "PARIS, JE T’AIME, then je t'aime in Paris; alpha beta gamma."
    found = index.find(FoldedText(text))
    assert [(f.surface, [n.spelling for n in f.names]) for f in found] == [
        ("PARIS, JE T’AIME", ["Paris, je t'aime"]),
        ("je t'aime", ["Je t'aime"]),
        ("Paris", ["Paris"]),
        ("alpha beta", ["Alpha Beta"]),  # "beta gamma" overlaps it: the leftmost of two stands
    ]


def test_the_years_a_review_names_are_whole_numbers_of_four_digits() -> None:
    from graph.resolve.link_reviews import _years, _years_in

    body = "Amélie (2001), vu en 2003 – pas en 1879, ni 20010, ni Léon2004."
    assert _years(body) == _years_in(FoldedText(body).folded) == {2001, 2003}


def test_word_counts_of_several_sources_add_up() -> None:
    from graph.resolve.review_text import Language, WordCounts

    prose = ["The speed of it. Speed Racer was fast.", "speed, Speed and more speed", "Revolution!"]
    together = WordCounts.of(prose)
    assert WordCounts.total([WordCounts.of(prose[:1]), WordCounts.of(prose[1:])]) == together
    assert together.lower["speed"] == 3 and together.capitalised["speed"] == 1  # not after ". "
    learnt = Language.learn(together, ["Walter Parker"])
    assert learnt == Language.learn(prose, ["Walter Parker"])
    assert "speed" in learnt.common and learnt.name_words == {"walter", "parker"}


@pytest.mark.parametrize("module", ["graph.resolve.review_text", "graph.resolve.link_reviews", "graph.text"])
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    assert doctest.testmod(importlib.import_module(module)).failed == 0


def test_the_first_identification_of_a_pair_stands() -> None:
    a, b = URIRef("urn:review-film"), URIRef("urn:known-film")
    first = Identification(a, b, 0.667, ("credits",), "s")
    again = Identification(a, b, 0.9, ("title",), "s")
    other = Identification(a, URIRef("urn:other"), 0.4, ("title",), "s")
    assert merged([first], [again, other]) == [first, other]


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """A build of the seeds, the small IMDb table and the fixture reviews with their index."""
    out = tmp_path_factory.mktemp("reviews-build") / "out"
    datasets = (DatasetSpec("imdb-movies", IMDB_MINI), DatasetSpec("review-folder", REVIEWS))
    return out, build(BuildOptions(data=DATA, datasets=datasets, out=out, html=False))


def test_build_keeps_the_hypothesis_apart_from_the_asserted_link(
    fixture_build: tuple[Path, BuildReport],
) -> None:
    out, report = fixture_build
    assert report.validation is not None and report.validation.conforms, report.validation
    [summary] = [d for d in report.datasets if d.kind == "review-folder"]
    assert (summary.rows_read, summary.kept) == (7, 5)
    store = open_store(out)
    # asserted: index.csv says which film; the review's film node, with that IMDb id, is the film
    reviewed = select(
        store,
        """SELECT DISTINCT ?id ?title { ?r a schema:Review ; schema:itemReviewed ?f .
           ?f pc:imdbId ?id ; schema:name ?title FILTER (CONTAINS(STR(?r), "train-pos-1-9")) }""",
    )
    assert reviewed == [("tt0401711", "Paris, je t'aime")]
    # hypothesised: the linker's reading of the text, in the hypotheses graph with its evidence
    rows = select(
        store,
        """SELECT ?title ?conf { GRAPH <https://w3id.org/paris-cinema/graph/hypotheses> {
             ?h pc:candidate ?c ; pc:confidence ?conf ; pc:evidence ?e
             FILTER (CONTAINS(?e, "Gus Van Sant")) } ?c schema:name ?title }""",
    )
    assert [title for title, _ in rows] == ["Paris, je t'aime"]
    assert float(rows[0][1]) >= 0.8
    # the index says the New York review is of tt0808399: no guess at another IMDb film stands
    against = select(
        store,
        """SELECT ?title { GRAPH <https://w3id.org/paris-cinema/graph/hypotheses> {
             ?h pc:textAbout ?f ; pc:candidate ?c } ?f pc:imdbId "tt0808399" . ?c schema:name ?title }""",
    )
    assert against == []


@pytest.fixture(scope="module")
def real_links(tmp_path_factory: pytest.TempPathFactory) -> tuple[Linked, dict[str, str]]:
    """The real sample without its index, linked against the seeds and IMDb 5000; and the index."""
    folder = without_index(REAL, tmp_path_factory.mktemp("real"))
    _, resolution, found = link([DatasetSpec("imdb-movies", IMDB_5000), DatasetSpec("review-folder", folder)])
    with (REAL / "index.csv").open(encoding="utf-8") as f:
        truth = {row["file"].removesuffix(".txt"): row["imdb_title_id"] for row in csv.DictReader(f)}
    return by_review(found, resolution), truth


real_data = pytest.mark.skipif(
    not (REAL.exists() and IMDB_5000.exists()), reason="../shared/data is not beside this checkout"
)


@real_data
def test_paris_je_t_aime_reviews_link_to_it(real_links: tuple[Linked, dict[str, str]]) -> None:
    linked, truth = real_links
    reviews = [stem for stem, tt in truth.items() if tt == "tt0401711"]
    sure = [s for s in reviews if any(t == "Paris, je t'aime" and c >= 0.5 for t, c, _ in linked.get(s, []))]
    assert len(reviews) == 25 and len(sure) >= 10
    # and no review of it is confidently given to another film
    assert not [s for s in reviews for t, c, _ in linked.get(s, []) if t != "Paris, je t'aime" and c >= 0.5]


@real_data
def test_new_york_i_love_you_is_not_given_to_paris_je_t_aime(
    real_links: tuple[Linked, dict[str, str]],
) -> None:
    # its reviews compare it with Paris, je t'aime; the graph does not know New York, I Love You
    linked, truth = real_links
    reviews = [stem for stem, tt in truth.items() if tt == "tt0808399"]
    assert len(reviews) == 11
    confident = [
        (s, c) for s in reviews for t, c, _ in linked.get(s, []) if t == "Paris, je t'aime" and c >= 0.6
    ]
    assert confident == []
