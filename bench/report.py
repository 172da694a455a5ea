"""The benchmark's figures as Markdown tables (printed, and written to paste into docs/benchmarks.md),
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
    numeric = (" s", "/s", " x", "MB", "rows", "read", "kept", "seconds")
    align = ["---:" if h.endswith(numeric) else "---" for h in header]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def build_section(build: ChildResult, missing: list[str]) -> str:
    """Rows read, seconds and rows/s per dataset of the real build; its time, triples and peak."""
    out = ["## Real build (`graph.build.pipeline.build`, seeds + datasets)\n\n"]
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
    if d.get("steps"):
        out.append("\nSteps: " + ", ".join(f"{step} {seconds(t)}" for step, t in d["steps"]) + ".\n")
    if missing:
        out.append("\nNot in this run: " + "; ".join(missing) + ".\n")
    return "".join(out)


def _error(result: ChildResult) -> str:
    return (result.error or "").strip().splitlines()[-1][:80]


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
    disk = {k: v for k, v in p.items() if k.startswith("ox-disk")}
    lines = [
        ("Turtle parser alone (`pyoxigraph.parse`)", "parse", "seconds", None),
        ("pyoxigraph in memory (`Store.load` / `Store.dump`)", "ox-memory", "load", "write"),
        ("**ours**: `graph.store.embedded.create_store` (on disk)", "ours-load", "load", None),
        ("**ours**: `graph.network.export.export(store, 'turtle')`", "ours-export", None, "write"),
        *(
            (
                "pyoxigraph on disk: "
                + " + ".join(f"`{step}` {seconds(t)}" for step, t in d.data.get("steps", {}).items()),
                name,
                "load",
                None,
            )
            for name, d in disk.items()
        ),
        ("rdflib (`Graph.parse` / `serialize`)", "rdflib", "load", "write"),
    ]
    for label, phase, load_key, write_key in lines:
        if phase not in p:
            continue
        result = p[phase]
        if not result.ok:
            rows.append([label, "failed", "", "", "", "", _error(result)])
            continue
        load = result.data.get(load_key) if load_key else None
        write = result.data.get(write_key) if write_key else None
        peak = result.data.get("peak_load_mb", result.peak_mb)
        rows.append(
            [
                label,
                seconds(load),
                rate(run.triples, load) if load else "—",
                f"{load / parse:.1f}x" if load and parse == parse else "—",
                seconds(write),
                f"{write / parse:.1f}x" if write and parse == parse else "—",
                f"{peak:,.0f}",
            ]
        )
    notes = (
        "\nPeaks are each child process's own; for pyoxigraph in memory and rdflib, the peak right after "
        "loading (their write comes after)"
    )
    if run.ok("rdflib"):
        notes += f"; the rdflib child, queries included, peaked at {p['rdflib'].peak_mb:,.0f} MB"
    if run.ok("ours-export") and run.ok("ours-load"):
        notes += (
            f". Our store on disk ({p['ours-load'].data['triples']:,} triples) answered the export "
            f"in a child that peaked at {p['ours-export'].peak_mb:,.0f} MB"
        )
    return f"### Load and write: {run.label}\n\n" + table(header, rows) + notes + ".\n"


def _ratio(x: float) -> str:
    return f"{x:,.1f}x" if x >= 1 else f"{x:.2g}x"


def query_section(run: GraphRun) -> str:
    """Each query: rows, medians through our API, on the raw store and with rdflib, and ratios."""
    p = run.phases
    if not run.ok("ox-queries"):
        return f"### Queries: {run.label}\n\nnot measured\n"
    ox_q = p["ox-queries"].data["queries"]
    rd_q = p["rdflib"].data.get("queries", {}) if run.ok("rdflib") else {}
    header = [
        "query",
        "rows",
        "ours s",
        "raw s",
        "ours in memory s",
        "rdflib s",
        "rdflib prepared s",
        "ours/raw x",
        "rdflib/ours x",
        "rdflib/in memory x",
    ]
    header.append("target")
    rows = []
    for name in run.queries:
        q = ox_q.get(name)
        failed = (q or {}).get("error") or (q and (q["ours"].get("error") or q["raw"].get("error")))
        if q is None or failed:
            rows.append([f"`{name}`", *["—"] * 9, f"failed: {(failed or 'not run')[:60]}"])
            continue
        ours, raw = q["ours"], q["raw"]
        ratio_raw = ours["seconds"] / raw["seconds"] if raw["seconds"] else float("nan")
        goals = [ratio_raw <= OURS_OVER_RAW]
        notes = []
        cells = ["—", "—", "—", "—"]
        memory = q.get("memory") or {}
        r = rd_q.get(name)
        if r:
            text, prepared = r["text"], r.get("prepared", {})
            shown = []
            for t in (text, prepared):
                if not t:
                    shown.append("—")
                elif t.get("error"):
                    shown.append("error")
                else:
                    shown.append(("> " if t["timed_out"] else "") + seconds(t["seconds"]))
            cells[:2] = shown
            if text.get("error"):
                notes.append(f"rdflib: {text['error'][:60]}")
            else:
                speedup = text["seconds"] / ours["seconds"] if ours["seconds"] else float("inf")
                cells[2] = ("> " if text["timed_out"] else "") + _ratio(speedup)
                goals.append(speedup >= RDFLIB_OVER_OURS)
                if memory.get("seconds") and not memory.get("error"):
                    in_memory = text["seconds"] / memory["seconds"]
                    cells[3] = ("> " if text["timed_out"] else "") + _ratio(in_memory)
                if not text["timed_out"] and text["rows"] != ours["rows"]:
                    notes.append(f"rdflib gives {text['rows']:,} rows")
        status = verdict(all(goals)) + ("; " + "; ".join(notes) if notes else "")
        rows.append(
            [
                f"`{name}`",
                f"{ours['rows']:,}",
                seconds(ours["seconds"]),
                seconds(raw["seconds"]),
                seconds(memory["seconds"]) if memory.get("seconds") and not memory.get("error") else "—",
                *cells[:2],
                f"{ratio_raw:.2f}x",
                cells[2],
                cells[3],
                status,
            ]
        )
    return f"### Queries: {run.label}\n\n" + table(header, rows)


def targets_section(runs: list[GraphRun]) -> str:
    """One line per target and graph: the figure it is judged on and whether it is met."""
    rows: list[list[str]] = []
    for run in runs:
        p = run.phases

        def add(target: str, measured: str, status: str, run: GraphRun = run) -> None:
            rows.append([target, run.label, measured, status])

        if run.ok("ox-memory"):
            r = run.triples / p["ox-memory"].data["load"]
            add(f"pyoxigraph loads Turtle at ~{OX_LOAD_RATE:,}/s", f"{r:,.0f}/s", verdict(r >= OX_LOAD_RATE))
        if run.ok("rdflib"):
            r = run.triples / p["rdflib"].data["load"]
            add(f"rdflib loads Turtle at ~{RDFLIB_LOAD_RATE:,}/s", f"{r:,.0f}/s", "reference, not a target")
        if run.ok("ox-queries"):
            ox_q = p["ox-queries"].data["queries"]
            qs = [
                q for q in ox_q.values() if "ours" in q and not q["ours"]["error"] and not q["raw"]["error"]
            ]
            fine = sum(q["ours"]["seconds"] <= OURS_OVER_RAW * q["raw"]["seconds"] for q in qs)
            add(
                f"our API within {OURS_OVER_RAW}x of the raw store",
                f"{fine} of {len(qs)} queries",
                verdict(fine == len(qs)),
            )
        if run.ok("ox-queries") and run.ok("rdflib"):
            rd = p["rdflib"].data["queries"]
            named = [n for n in run.queries if "(extra" not in n]
            for key, where in (("ours", ""), ("memory", " (our store copied in memory)")):
                fast = []
                for n in named:
                    ours, text = ox_q.get(n, {}).get(key), rd.get(n, {}).get("text")
                    usable = ours and text and not ours["error"] and not text["error"]
                    if usable and text["seconds"] >= RDFLIB_OVER_OURS * ours["seconds"]:
                        fast.append(n)
                add(
                    f"each named query ≥ {RDFLIB_OVER_OURS:.0f}x faster than rdflib{where}",
                    f"{len(fast)} of {len(named)} queries",
                    verdict(len(fast) == len(named)),
                )
        if run.ok("parse"):
            parse = p["parse"].data["seconds"]
            for phase, key, what in (("ours-load", "load", "load"), ("ours-export", "write", "export")):
                if run.ok(phase):
                    x = p[phase].data[key] / parse
                    add(
                        f"our {what} within {OVER_PARSER:.0f}x of the parser's time",
                        f"{x:.1f}x",
                        verdict(x <= OVER_PARSER),
                    )
        memory_phases = (
            ("ours-load", "loading", True),
            ("ours-queries", "querying", True),
            ("ox-queries", "querying, with its in-memory copy too", False),
        )
        for phase, what, target in memory_phases:
            if run.ok(phase):
                peak = p[phase].peak_mb
                judged = run.triples <= MEMORY_TARGET_TRIPLES
                status = verdict(peak < PEAK_MB) if judged else "n/a (target at 1M)"
                status = status if target else "reference, not a target"
                add(
                    f"peak memory < {PEAK_MB:.0f} MB at 1M with our store ({what})", f"{peak:,.1f} MB", status
                )
    return "## Targets of the issue\n\n" + table(["target", "graph", "measured", "status"], rows)
