"""Incremental builds: a dataset whose file did not change is not read again, and the graph is
the same as when it was read; a changed file is read again."""

from __future__ import annotations

import shutil
from pathlib import Path

from graph.build import BuildOptions, DatasetSpec, build
from graph.store import TURTLE_FILE
from tests.conftest import ROOT


def test_an_unchanged_dataset_is_not_read_again_and_a_changed_one_is(data_copy: Path, tmp_path: Path) -> None:
    permits = tmp_path / "permits.csv"
    shutil.copy(ROOT / "tests" / "fixtures" / "permits-fr.csv", permits)
    options = BuildOptions(
        data=data_copy,
        datasets=(DatasetSpec("paris-filming-permits", permits),),
        out=tmp_path / "o",
        html=False,
    )
    first = build(options)
    turtle = (tmp_path / "o" / TURTLE_FILE).read_bytes()
    second = build(options)
    assert [d.cached for d in first.datasets] == [False]
    assert [d.cached for d in second.datasets] == [True]
    assert second.datasets[0].rows_read == first.datasets[0].rows_read
    assert (tmp_path / "o" / TURTLE_FILE).read_bytes() == turtle

    lines = permits.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    permits.write_text("".join(lines[:-1]), encoding="utf-8")  # one row less
    third = build(options)
    assert [d.cached for d in third.datasets] == [False]
    assert third.datasets[0].rows_read == first.datasets[0].rows_read - 1
