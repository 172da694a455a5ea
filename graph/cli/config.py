"""Which datasets a build reads: `--source KIND=PATH` options and [[source]] tables of pariskg.toml."""

from __future__ import annotations

from pathlib import Path

from graph.build.options import DatasetSpec
from graph.errors import InputError
from graph.sources.documents import read_toml


def parse_source(option: str) -> DatasetSpec:
    """``KIND=PATH`` as a DatasetSpec."""
    kind, sep, path = option.partition("=")
    if not sep or not kind or not path:
        raise InputError(f"--source '{option}' is not KIND=PATH", hint="see `pariskg sources` for the kinds")
    return DatasetSpec(kind.strip(), Path(path.strip()))


def dataset_specs(options: tuple[str, ...], config: Path) -> tuple[DatasetSpec, ...]:
    """The datasets of the config file (paths relative to it), then those given as options."""
    specs = []
    if config.is_file():
        tables = read_toml(config).get("source", [])
        for i, table in enumerate(tables if isinstance(tables, list) else [], 1):
            if not isinstance(table, dict) or "kind" not in table or "path" not in table:
                raise InputError(f"[[source]] table {i} needs 'kind' and 'path'", config)
            specs.append(DatasetSpec(str(table["kind"]), (config.parent / str(table["path"])).resolve()))
    specs += [parse_source(o) for o in options]
    return tuple(specs)
