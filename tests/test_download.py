"""`pariskg download` against a real HTTP server on loopback (the publisher is not reachable here)."""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli.main import main

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(FIXTURES))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_download_writes_the_file(server: str, tmp_path: Path) -> None:
    target = tmp_path / "permits.csv"
    result = CliRunner().invoke(
        main, ["download", "paris-filming-permits", "-o", str(target), "--url", f"{server}/permits-fr.csv"]
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (FIXTURES / "permits-fr.csv").read_bytes()


def test_a_file_its_reader_cannot_read_is_not_kept(server: str, tmp_path: Path) -> None:
    target = tmp_path / "permits.csv"
    result = CliRunner().invoke(
        main,
        ["download", "paris-filming-permits", "-o", str(target), "--url", f"{server}/permits-missing.csv"],
    )
    assert result.exit_code == 2
    assert "did not give a readable paris-filming-permits file: missing column" in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_unreachable_address_is_named(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/x.csv"
    result = CliRunner().invoke(
        main, ["download", "paris-filming-permits", "-o", str(tmp_path / "p.csv"), "--url", url]
    )
    assert result.exit_code == 2
    assert f"could not download {url}" in result.output
    assert list(tmp_path.iterdir()) == []


def test_unknown_kind() -> None:
    result = CliRunner().invoke(main, ["download", "nope"])
    assert result.exit_code == 2
    assert "no dataset reader 'nope'; known: " in result.output
    assert "paris-arrondissements, paris-filming-permits" in result.output


def test_a_dataset_without_public_address_says_where_to_get_it() -> None:
    result = CliRunner().invoke(main, ["download", "tmdb-movies"])
    assert result.exit_code == 2
    assert "no public download address is known for 'tmdb-movies'" in result.output
    assert "kaggle.com" in result.output
