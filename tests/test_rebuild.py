"""A rebuild after a change writes what a full build of the same inputs writes, byte for byte,
and patches only what changed; a build folder changed since its build is built again in full."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDFS, Graph, URIRef

from graph.build import state as build_state
from graph.build.cache import cache_folder
from graph.build.options import BuildOptions, DatasetSpec
from graph.build.pipeline import build
from graph.build.summary import BuildReport
from graph.check.focused import check_again, neighbourhood, shapes_allow_focus, touched_nodes
from graph.check.shacl import validate
from graph.network.store_view import read_structure
from graph.store.embedded import HTML_FILE, STORE_DIR, TRIG_FILE, TURTLE_FILE
from tests.conftest import DATA, ROOT

PERMITS = DatasetSpec("paris-filming-permits", ROOT / "tests" / "fixtures" / "permits-fr.csv")
REVIEW = "002_5d5dd595a84e6b66.txt"
FILES = (TURTLE_FILE, TRIG_FILE, HTML_FILE, "resolution.json")


def _build(data: Path, out: Path) -> BuildReport:
    return build(BuildOptions(data=data, out=out, datasets=(PERMITS,)))


def _same_build(a: Path, b: Path) -> None:
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), f"{name} differs"
    dumps = []
    for folder in (a, b):
        store = ox.Store.read_only(str(folder / STORE_DIR))
        dumps.append(sorted((store.dump(format=ox.RdfFormat.N_QUADS) or b"").splitlines()))
        del store
    assert dumps[0] == dumps[1], "the stores hold other quads"


@pytest.fixture
def first(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of data/ and a full build of it with a permits file: (data, out)."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    out = tmp_path / "out"
    report = _build(data, out)
    assert report.rebuilt is None, "a first build is a full one"
    return data, out


FILM_PAGE = "000_a5fd348b64338ad4.txt"
EDITS = {  # a document, a passage of it, and what it becomes
    "a review names two actors": (
        REVIEW,
        "Such presence",
        "Such presence, with Romain Duris,",
        "Romain Duris",
    ),
    "a film page names a new star": (
        FILM_PAGE,
        "Romain Duris, Fabrice Luchini",
        "Romain Duris, Fabrice Luchini, Karin Viard",
        "Karin Viard",
    ),
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_changed_document_is_rebuilt_as_a_full_build_would_build_it(
    first: tuple[Path, Path], tmp_path: Path, edit: str
) -> None:
    data, out = first
    document, before, after, found = EDITS[edit]
    path = data / "documents" / document
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, after, 1), encoding="utf-8")
    report = _build(data, out)
    assert report.rebuilt is not None
    made, total = report.rebuilt
    assert made < total, "the permits graph, whose inputs did not change, is not made again"
    assert report.validation is not None and report.validation.conforms
    full = _build(data, tmp_path / "full" / "out")
    _same_build(out, tmp_path / "full" / "out")
    assert (report.triples, report.quads, report.classes) == (full.triples, full.quads, full.classes)
    assert found in (out / TURTLE_FILE).read_text(encoding="utf-8")
    state = build_state.load(cache_folder(out), out)
    assert state is not None and state.picture is not None
    store = ox.Store.read_only(str(out / STORE_DIR))
    assert state.picture.links == read_structure(store), "the patched links are the rebuilt store's"


def test_a_changed_dataset_is_rebuilt_as_a_full_build_would_build_it(tmp_path: Path) -> None:
    """A dataset row changed: the dataset is read again and its graph, the entities it names and
    the picture's links are patched; the result is a full build's."""
    data, permits = tmp_path / "data", tmp_path / "permits.csv"
    shutil.copytree(DATA, data)
    shutil.copy(PERMITS.path, permits)
    options = BuildOptions(data=data, out=tmp_path / "out", datasets=(DatasetSpec(PERMITS.kind, permits),))
    assert build(options).rebuilt is None
    text = permits.read_text(encoding="utf-8")
    assert "Andrew Fleming;Jax Media;rue des Martyrs" in text
    permits.write_text(
        text.replace("Andrew Fleming;Jax Media;rue des Martyrs", "Agnès Varda;Ciné-Tamaris;rue Daguerre")
    )
    report = build(options)
    assert report.rebuilt is not None and report.validation is not None and report.validation.conforms
    full = tmp_path / "full" / "out"
    build(BuildOptions(data=data, out=full, datasets=options.datasets))
    _same_build(options.out, full)
    assert "rue Daguerre" in (options.out / TURTLE_FILE).read_text(encoding="utf-8")


def test_a_removed_document_leaves_the_rebuild_with_its_graph(
    first: tuple[Path, Path], tmp_path: Path
) -> None:
    data, out = first
    for path in (data / "documents").glob(REVIEW.replace(".txt", ".*")):
        path.unlink()
    report = _build(data, out)
    assert report.rebuilt is not None
    _build(data, tmp_path / "full" / "out")
    _same_build(out, tmp_path / "full" / "out")
    assert REVIEW.split("_")[1].split(".")[0] not in (out / TRIG_FILE).read_text(encoding="utf-8")


def test_a_store_written_since_its_build_means_a_full_build(first: tuple[Path, Path], tmp_path: Path) -> None:
    data, out = first
    store = ox.Store(str(out / STORE_DIR))
    store.add(
        ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o"), ox.NamedNode("urn:x:g"))
    )
    store.flush()
    del store
    report = _build(data, out)
    assert report.rebuilt is None
    _build(data, tmp_path / "full" / "out")
    _same_build(out, tmp_path / "full" / "out")


def test_a_node_checked_again_gives_the_verdict_of_the_whole_graph(store: ox.Store) -> None:
    local, inverse = shapes_allow_focus()
    assert local, "the project's shapes look only at a node's statements and its values' classes"
    before = validate(_union(store))
    assert before.conforms
    copy = ox.Store()
    copy.extend(store.quads_for_pattern(None, None, None))
    film = ox.NamedNode("https://w3id.org/paris-cinema/resource/film/paris-2008")
    labels = list(copy.quads_for_pattern(film, ox.NamedNode(str(RDFS.label)), None))
    assert labels
    for q in labels:
        copy.remove(q)
    lines = [f"{q.subject} {q.predicate} {q.object}".encode() for q in labels]
    nodes = touched_nodes(lines, copy)
    assert film.value in nodes
    again = check_again(copy, nodes, before.results, inverse)
    whole = validate(_union(copy))
    assert not whole.conforms
    assert (again.conforms, again.violations, again.report) == (
        whole.conforms,
        whole.violations,
        whole.report,
    )
    assert validate(neighbourhood(copy, {film.value}, inverse), focus=[URIRef(film.value)]).violations == 1


def _union(store: ox.Store) -> Graph:
    """The union of the store's graphs as an rdflib Graph (what the build validates)."""
    triples = list({q.triple: None for q in store.quads_for_pattern(None, None, None)})
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
