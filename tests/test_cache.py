"""Incremental builds: a dataset whose file did not change is not read again, and the graph is
the same as when it was read; a changed file is read again."""

from __future__ import annotations

import shutil
from pathlib import Path

from graph.build.options import BuildOptions, DatasetSpec
from graph.build.pipeline import build
from graph.store.embedded import TURTLE_FILE
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


def test_kept_records_come_back_with_what_later_steps_made_of_them(tmp_path: Path) -> None:
    from graph.build import cache
    from graph.sources.permits import read
    from graph.sources.reading import Context

    fixture = ROOT / "tests" / "fixtures" / "permits-fr.csv"
    records = read(fixture, Context())
    cache.store(tmp_path, "permits", "0" * 64, records)
    loaded = cache.load(tmp_path, "permits", "0" * 64)
    assert loaded is not None
    assert loaded == records
    fresh = read(fixture, Context())
    kept = loaded.remembered()
    assert set(kept) == set(cache.DERIVED)
    for make in cache.DERIVED:  # the same as made from records read again
        assert kept[make][1] == make(fresh), make.__name__
        assert loaded.derived(make) is kept[make][1]  # and used as they are


def test_a_cache_file_of_other_code_is_a_miss(tmp_path: Path) -> None:
    import pickle

    from graph.build import cache
    from graph.sources.records import Records

    cache.store(tmp_path, "x", "0" * 64, Records())
    (path,) = tmp_path.glob("x--*.pickle")
    path.write_bytes(pickle.dumps(Records()))  # records alone, as an older version kept them
    assert cache.load(tmp_path, "x", "0" * 64) is None
