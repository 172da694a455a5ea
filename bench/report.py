"""The benchmark's figures as Markdown tables (printed, and written to paste into README), each
target of the issue with "met" or "not met" beside the figure it is judged on."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from bench.measure import ChildResult

# The targets of the issue, judged on figures of the same run.
OX_LOAD_RATE = 400_000  # triples/s, pyoxigraph loading Turtle
RDFLIB_LOAD_RATE = 32_000  # triples/s, rdflib's own store (a reference, not a target of ours)
RDFLIB_OVER_OURS = 10.0  # each named query at least this much faster than rdflib's engine (at 1M)
OURS_OVER_RAW = 1.5  # our API at most this much slower than the raw pyoxigraph store
OVER_PARSER = 4.0  # load and export at most this much slower than the Turtle parser alone
PEAK_MB = 600.0  # peak memory of our store at 1M triples
MEMORY_TARGET_TRIPLES = 1_100_000  # the memory target speaks of 1M: judged up to this size


@dataclass
class GraphRun:
    """The figures of one graph (the real build or a synthetic size)."""

    label: str
    triples: int
    size_bytes: int
    generation: float | None = None
    phases: dict[str, ChildResult] = field(default_factory=dict)
    queries: list[str] = field(default_factory=list)

    def ok(self, phase: str) -> bool:
        return phase in self.phases and self.phases[phase].ok


def seconds(value: float | None) -> str:
    """A duration a reader takes in at a glance: 0.42 ms, 12.3 ms, 1.25 s, 143 s."""
    if value is None or math.isnan(value):
        return "—"
    if value < 1:
        return f"{value * 1000:.3g} ms"
    return f"{value:.3g} s" if value < 100 else f"{value:.0f} s"


def rate(triples: int, secs: float) -> str:
    return f"{triples / secs:,.0f}/s" if secs > 0 else "—"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; numbers are right-aligned."""
    align = [
        "---:" if h.endswith(("s", "/s", "MB", "rows", "x")) and i else "---" for i, h in enumerate(header)
    ]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def build_section(build: ChildResult, missing: list[str]) -> str:
    """Rows read, seconds and rows/s per dataset of the real build; its time, triples and peak."""
    out = ["## Real build (`graph.build.build`, seeds + datasets)\n"]
    if not build.ok:
        return out[0] + f"\nThe build failed: `{(build.error or '').strip().splitlines()[-1]}`\n"
    d = build.data
    rows = [
        [
            f"`{s['name']}`",
            s["kind"],
            f"{s['rows_read']:,}",
            f"{s['kept']:,}",
            seconds(s["seconds"]),
            f"{s['rows_read'] / s['seconds']:,.0f}" if s["seconds"] else "—",
        ]
        for s in d["datasets"]
    ]
    out.append(table(["source", "kind", "rows read", "kept", "seconds", "rows/s"], rows))
    shacl = "conforms" if d["conforms"] else "does not conform"
    out.append(
        f"\nWhole build: **{seconds(d['seconds'])}**, {d['triples']:,} triples "
        f"({d['quads']:,} quads in named graphs) from {d['sources']} sources, SHACL {shacl}; "
        f"peak memory of the build process **{build.peak_mb:,.0f} MB**; "
        f"{len(d['kept_out'])} input(s) kept out.\n"
    )
    if missing:
        out.append("\nNot in this run: " + "; ".join(missing) + ".\n")
    return "".join(out)


def load_section(run: GraphRun) -> str:
    """Loading and writing the graph's Turtle with each engine, with each child's peak memory."""
    p = run.phases
    parse = p["parse"].data["seconds"] if run.ok("parse") else float("nan")
    header = [
        "engine",
        "load s",
        "triples/s",
        "load ÷ parse x",
        "write Turtle s",
        "write ÷ parse x",
        "peak MB",
    ]
    rows: list[list[str]] = []

    def add(name: str, phase: str, load: float | None, write: float | None, peak: float) -> None:
        if phase in p and not p[phase].ok:
            rows.append([name, "failed", "", "", "", "", p[phase].error.strip().splitlines()[-1][:60]])  # type: ignore[union-attr]
            return
        rows.append(
            [
                name,
                seconds(load),
                rate(run.triples, load) if load else "—",
                f"{load / parse:.1f}x" if load and parse == parse else "—",
                seconds(write),
                f"{write / parse:.1f}x" if write and parse == parse else "—",
                f"{peak:,.0f}",
            ]
        )

    if run.ok("parse"):
        add("Turtle parser alone (`pyoxigraph.parse`)", "parse", parse, None, p["parse"].peak_mb)
    if "ox-memory" in p:
        d = p["ox-memory"].data
        add(
            "pyoxigraph in memory (`Store.load` / `Store.dump`)",
            "ox-memory",
            d.get("load"),
            d.get("write"),
            p["ox-memory"].peak_mb,
        )
    if "ours-load" in p:
        add(
            "ours: `create_store` (on disk, `bulk_load`)",
            "ours-load",
            p["ours-load"].data.get("load"),
            None,
            p["ours-load"].peak_mb,
        )
    if "ours-export" in p:
        add(
            "ours: `graph.export.export(store, 'turtle')`",
            "ours-export",
            None,
            p["ours-export"].data.get("write"),
            p["ours-export"].peak_mb,
        )
    if "rdflib" in p:
        d = p["rdflib"].data
        add(
            "rdflib (`Graph.parse` / `serialize`)",
            "rdflib",
            d.get("load"),
            d.get("write"),
            d.get("peak_load_mb", p["rdflib"].peak_mb),
        )
    note = ""
    if "rdflib" in p and p["rdflib"].ok:
        note = (
            f"\nrdflib's peak is taken right after parsing (the whole child, queries included, peaked at "
            f"{p['rdflib'].peak_mb:,.0f} MB).\n"
        )
    return f"### Load and write: {run.label}\n\n" + table(header, rows) + note


def query_section(run: GraphRun) -> str:
    """Each query: rows, medians through our API, on the raw store and with rdflib, and ratios."""
    p = run.phases
    if not run.ok("ox-queries"):
        return f"### Queries: {run.label}\n\nnot measured\n"
    ox_q = p["ox-queries"].data["queries"]
    rd_q = p["rdflib"].data.get("queries", {}) if run.ok("rdflib") else {}
    header = ["query", "rows", "ours s", "raw s", "rdflib s", "ours/raw x", "rdflib/ours x", "target"]
    rows = []
    for name in run.queries:
        q = ox_q.get(name)
        if q is None or "error" in q:
            rows.append([f"`{name}`", "—", "—", "—", "—", "—", "—", (q or {}).get("error", "not run")[:60]])
            continue
        ours, raw = q["ours"], q["raw"]
        if ours.get("error") or raw.get("error"):
            why = ours.get("error") or raw.get("error")
            rows.append([f"`{name}`", "—", "—", "—", "—", "—", "—", f"failed: {why[:60]}"])
            continue
        r = rd_q.get(name)
        ratio_raw = ours["seconds"] / raw["seconds"] if raw["seconds"] else float("nan")
        goals = [ratio_raw <= OURS_OVER_RAW]
        notes = []
        if r is None:
            rd, ratio = "—", "—"
        elif r.get("error"):
            rd, ratio = "error", "—"
            notes.append(f"rdflib: {r['error'][:50]}")
        else:
            speedup = r["seconds"] / ours["seconds"] if ours["seconds"] else float("inf")
            rd = ("> " if r["timed_out"] else "") + seconds(r["seconds"])
            ratio = ("> " if r["timed_out"] else "") + f"{speedup:,.1f}x"
            goals.append(speedup >= RDFLIB_OVER_OURS)
            if not r["timed_out"] and r["rows"] != ours["rows"]:
                notes.append(f"rdflib gives {r['rows']} rows")
        status = verdict(all(goals)) + ("; " + "; ".join(notes) if notes else "")
        rows.append(
            [
                f"`{name}`",
                f"{ours['rows']:,}",
                seconds(ours["seconds"]),
                seconds(raw["seconds"]),
                rd,
                f"{ratio_raw:.2f}x",
                ratio,
                status,
            ]
        )
    return f"### Queries: {run.label}\n\n" + table(header, rows)


def targets_section(runs: list[GraphRun]) -> str:
    """One line per target and graph: the figure it is judged on and whether it is met."""
    rows: list[list[str]] = []
    for run in runs:
        p = run.phases
        if run.ok("ox-memory"):
            d = p["ox-memory"].data
            r = run.triples / d["load"]
            rows.append(
                [
                    f"pyoxigraph loads Turtle at ~{OX_LOAD_RATE:,}/s",
                    run.label,
                    f"{r:,.0f}/s",
                    verdict(r >= OX_LOAD_RATE),
                ]
            )
        if run.ok("rdflib"):
            r = run.triples / p["rdflib"].data["load"]
            rows.append(
                [
                    f"rdflib loads at ~{RDFLIB_LOAD_RATE:,}/s (reference)",
                    run.label,
                    f"{r:,.0f}/s",
                    "reference",
                ]
            )
        if run.ok("ox-queries"):
            qs = [
                q for q in p["ox-queries"].data["queries"].values() if "ours" in q and not q["ours"]["error"]
            ]
            fine = sum(q["ours"]["seconds"] <= OURS_OVER_RAW * q["raw"]["seconds"] for q in qs)
            rows.append(
                [
                    f"our API within {OURS_OVER_RAW}x of the raw store",
                    run.label,
                    f"{fine} of {len(qs)} queries",
                    verdict(fine == len(qs)),
                ]
            )
            if run.ok("rdflib"):
                rd = p["rdflib"].data["queries"]
                named = [n for n in run.queries if "(extra)" not in n and "(extra," not in n]
                pairs = [(p["ox-queries"].data["queries"].get(n, {}), rd.get(n, {})) for n in named]
                fast = sum(
                    1
                    for o, r in pairs
                    if "ours" in o
                    and r
                    and not r.get("error")
                    and r["seconds"] >= RDFLIB_OVER_OURS * o["ours"]["seconds"]
                )
                rows.append(
                    [
                        f"each named query ≥ {RDFLIB_OVER_OURS:.0f}x faster than rdflib",
                        run.label,
                        f"{fast} of {len(named)} queries",
                        verdict(fast == len(named)),
                    ]
                )
        if run.ok("parse"):
            parse = p["parse"].data["seconds"]
            if run.ok("ours-load"):
                x = p["ours-load"].data["load"] / parse
                rows.append(
                    [
                        f"our load within {OVER_PARSER:.0f}x of the parser",
                        run.label,
                        f"{x:.1f}x",
                        verdict(x <= OVER_PARSER),
                    ]
                )
            if run.ok("ours-export"):
                x = p["ours-export"].data["write"] / parse
                rows.append(
                    [
                        f"our export within {OVER_PARSER:.0f}x of the parser",
                        run.label,
                        f"{x:.1f}x",
                        verdict(x <= OVER_PARSER),
                    ]
                )
        for phase, what in (("ours-load", "loading"), ("ox-queries", "querying")):
            if run.ok(phase):
                peak = p[phase].peak_mb
                judged = run.triples <= MEMORY_TARGET_TRIPLES
                rows.append(
                    [
                        f"peak memory < {PEAK_MB:.0f} MB at 1M with our store ({what})",
                        run.label,
                        f"{peak:,.0f} MB",
                        verdict(peak < PEAK_MB) if judged else "n/a (target at 1M)",
                    ]
                )
    return "## Targets of the issue\n\n" + table(["target", "graph", "measured", "status"], rows)
