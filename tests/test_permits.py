"""The Paris filming permits reader on fixtures made for each defect, and on the real file."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib.namespace import SDO

from graph.cli.main import main
from graph.errors import InputError
from graph.namespace import PC
from graph.sources.permits import arrondissement_of_postcode, read, series_title
from graph.sources.reading import Context
from tests.conftest import SHARED_DATA, select

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = SHARED_DATA
PERMITS = SHARED / "paris_filming_locations" / "lieux-de-tournage-a-paris.csv"
ARRONDISSEMENTS = SHARED / "paris_arrondissements" / "arrondissements.geojson"


def test_each_bad_row_is_kept_out_with_its_row_and_reason() -> None:
    r = read(FIXTURES / "permits-fr.csv", Context())
    assert r.rows_read == 13
    reasons = dict(r.rejected)
    assert "ends (2022-06-23) before it starts (2022-06-29)" in reasons[9]
    assert reasons[10] == "no title"
    assert "is not a date" in reasons[11]
    assert "outside France" in reasons[12]
    assert reasons[13] == "4 fields, expected 14"
    assert len(r.rejected) == 5


def test_duplicates_collapse_and_are_counted() -> None:
    r = read(FIXTURES / "permits-fr.csv", Context())
    shoots = [e for e in r.entities.values() if e.cls == PC.Shoot]
    assert len(shoots) == 13 - 5 - 1  # kept rows minus the collapsed duplicate
    dup = [c for c in r.claims if c.prop == PC.duplicateRows]
    assert [(c.subject, c.obj) for c in dup] == [("shoot:2019-1", 1)]
    assert "1 duplicate rows collapsed into 1 shoots" in r.notes
    assert any("rows 8" in n and "outside Paris" in n for n in r.notes)


def test_series_seasons_and_postcodes() -> None:
    assert series_title("10%/SAISON 2") == ("10%", 2)
    assert series_title("Emily in Paris (saison 3)") == ("Emily in Paris", 2 + 1)
    assert series_title("JOSEPHINE ANGE GARDIEN/EPISODE 81") == ("JOSEPHINE ANGE GARDIEN", None)
    assert arrondissement_of_postcode("75116") == 16
    assert arrondissement_of_postcode("75018") == 18
    assert arrondissement_of_postcode("93500") is None


def test_both_header_styles_are_read() -> None:
    r = read(FIXTURES / "permits-api.csv", Context())
    assert r.rows_read == 1 and r.rejected == []
    assert any(e.name == "LE FILM" for e in r.entities.values())


def test_missing_columns_are_named() -> None:
    with pytest.raises(InputError, match=r"missing column.*id_lieu.*expected") as err:
        read(FIXTURES / "permits-missing.csv", Context())
    assert "permits-missing.csv:1" in str(err.value)


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("permits") / "out"
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--out",
            str(out),
            "--no-html",
            "--source",
            f"paris-filming-permits={FIXTURES / 'permits-fr.csv'}",
            "--source",
            f"paris-arrondissements={ARRONDISSEMENTS}",
        ],
    )
    assert result.exit_code == 0, result.output
    return out, result.output


def test_build_summary_counts_every_row(fixture_build: tuple[Path, str]) -> None:
    _, output = fixture_build
    assert "permits-fr.csv (paris-filming-permits): 13 rows read, 8 kept, 5 kept out" in output
    assert "row 9: ends (2022-06-23) before it starts (2022-06-29)" in output
    assert "placed in their arrondissement by coordinates: 1 addresses" in output
    assert "SHACL:          conforms" in output


def q(out: Path, query: str) -> str:
    result = CliRunner().invoke(main, ["query", query, "--out", str(out), "-f", "csv"])
    assert result.exit_code == 0, result.output
    return result.output


def test_name_variants_are_one_entity(fixture_build: tuple[Path, str]) -> None:
    out, _ = fixture_build
    ozon = q(
        out,
        'SELECT DISTINCT ?p ?n { ?p a schema:Person ; schema:name ?n FILTER (CONTAINS(LCASE(?n), "ozon")) }',
    )
    assert ozon.splitlines()[1:] == [
        "https://w3id.org/paris-cinema/resource/person/francois-ozon,François Ozon"
    ]
    emily = q(out, 'SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s pc:shotFor ?x . ?x schema:name "Emily in Paris" }')
    assert emily.splitlines()[1] == "2"


def test_shoots_are_placed_in_their_arrondissement(fixture_build: tuple[Path, str]) -> None:
    out, _ = fixture_build
    rows = q(
        out,
        """SELECT ?id ?n { ?s pc:permitId ?id ; schema:location/schema:containedInPlace ?a .
                     ?a a pc:Arrondissement ; pc:inseeCode ?n } ORDER BY ?id""",
    ).splitlines()[1:]
    assert "2021-5,75116" in rows  # postcode 75116 is the 16th
    assert "2022-7,75120" in rows  # no postcode: placed by its coordinates
    assert "2019-1,75105" in rows
    assert not any(r.startswith("2022-8,") for r in rows)  # Thiais is outside Paris


@pytest.mark.skipif(not PERMITS.exists(), reason="../shared/data is not beside this checkout")
def test_real_permits_file() -> None:
    r = read(PERMITS, Context())
    assert r.rows_read == 14760
    assert len(r.rejected) == 8  # the eight inverted dates SOURCE.md lists
    shoots = sum(1 for e in r.entities.values() if e.cls == PC.Shoot)
    assert shoots + 741 + 8 == 14760  # kept + collapsed duplicates + kept out = rows read
    emily = {c.subject for c in r.claims if c.prop == PC.shotFor and c.obj.ref == "series:emily in paris"}  # type: ignore[union-attr]
    assert len(emily) > 100
    assert any(
        e.cls == SDO.TVSeries and e.name.lower() == "emily in paris" for e in r.entities.values() if e.name
    )


def test_dataset_build_uses_defined_terms_and_shaped_classes(fixture_build: tuple[Path, str]) -> None:
    from tests.test_ontology import undefined_terms
    from tests.test_shapes import unshaped_classes

    out, _ = fixture_build
    assert undefined_terms(out) == []
    assert unshaped_classes(out) == []


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Agnès Varda", ["Agnès Varda"]),
        ("Marcel PAGNOL ET Sacha GUITRY", ["Marcel PAGNOL", "Sacha GUITRY"]),
        ("Jacques Demy / Agnès Varda, Chris Marker", ["Jacques Demy", "Agnès Varda", "Chris Marker"]),
        ("Louis et Auguste LUMIERE", ["Louis LUMIERE", "Auguste LUMIERE"]),
        ("Ben, Jean Dupont", ["Ben", "Jean Dupont"]),  # a comma gives no shared surname
        ("Laurel & Hardy", ["Laurel", "Hardy"]),
        ("Jean-Pierre MELVILLE - Jean-Luc Godard", ["Jean-Pierre MELVILLE", "Jean-Luc Godard"]),
        ("Alice Guy (épisodes 1-3) et Germaine Dulac", ["Alice Guy", "Germaine Dulac"]),
        ("n/a", []),
        ("N/A", []),
        ("4", []),
    ],
)
def test_a_credit_naming_several_people_is_several_people(cell: str, names: list[str]) -> None:
    from graph.sources.credit_names import people

    assert people(cell) == names


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Carré et Rond Productions", ["Carré et Rond Productions"]),  # "et" inside a company name
        ("Les Films du Lundi / Mardi Films", ["Les Films du Lundi", "Mardi Films"]),
        ("PATHE c/o PATHE PRODUCTION", ["PATHE"]),
        ("Soof BV P/a", ["Soof BV P/a"]),
        ("n/a", []),
    ],
)
def test_a_company_name_is_split_on_commas_and_slashes_only(cell: str, names: list[str]) -> None:
    from graph.sources.credit_names import companies

    assert companies(cell) == names


def test_names_in_capitals_get_their_usual_case() -> None:
    from graph.resolve.entities import person_case

    assert person_case("Jean-Luc GODARD") == "Jean-Luc Godard"
    assert person_case("AGNES DE LA VARDA") == "Agnes de la Varda"
    assert person_case("JJ Abrams") == "JJ Abrams"  # initials stay
    assert person_case("Agnès Varda") == "Agnès Varda"


def test_the_real_permits_credit_each_person_once(full_store_permits: ox.Store) -> None:
    """On the full build: credits of two people are two people, a placeholder is nobody, a
    company with "et" in its name is one company, and names keep their usual case."""
    names = {
        r[0] for r in select(full_store_permits, "SELECT DISTINCT ?n { ?p a schema:Person ; schema:name ?n }")
    }
    assert "Olivier Nakache" in names and "Eric Toledano" in names
    assert not any(" et " in n.lower() or "/" in n or " - " in n for n in names), [
        n for n in names if " et " in n.lower()
    ]
    assert "n/a" not in names and "Nicolas Guicheteau" in names
    companies = {
        r[0]
        for r in select(
            full_store_permits, "SELECT DISTINCT ?n { ?o a schema:Organization ; schema:name ?n }"
        )
    }
    assert any(n.lower() == "son et lumière" or n.lower() == "son et lumiere" for n in companies)
    assert "Son" not in companies


@pytest.fixture(scope="module")
def full_store_permits(full: tuple[Path, object]) -> ox.Store:
    from graph.store.embedded import open_store

    return open_store(full[0])


@pytest.mark.parametrize("module", ["graph.sources.credit_names", "graph.resolve.evidence"])
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0
