"""Measuring tools of the benchmark: phases in child processes with their own peak memory, medians
of timed runs, a per-run time limit, and progress lines with the elapsed time.

Why child processes: the peak resident memory of a process never goes down, so the peak of a
phase is only its own when the phase runs alone in a fresh process (``os.wait4`` gives the
resource usage of that one child, where ``RUSAGE_CHILDREN`` would give the largest of all).
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).resolve().with_name("bench.py")
# Children count from their parent's start, so that every progress line shares one clock.
_STARTED = float(os.environ.setdefault("PARISKG_BENCH_STARTED", str(time.time())))


def log(message: str) -> None:
    """A progress line on stderr with the time since the benchmark started."""
    print(f"[{time.time() - _STARTED:7.1f} s] {message}", file=sys.stderr, flush=True)


def rss_mb(field_name: str = "VmRSS") -> float:
    """This process's resident memory now (VmRSS) or at its peak so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextmanager
def heartbeat(label: str, every: float = 30.0) -> Iterator[None]:
    """Print a line every ``every`` seconds while a long step runs (rdflib at 5M takes minutes)."""
    done = threading.Event()
    started = time.perf_counter()

    def beat() -> None:
        while not done.wait(every):
            log(f"  … {label}: {time.perf_counter() - started:.0f} s so far, RSS {rss_mb():.0f} MB")

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


@dataclass
class Timing:
    """The median of some timed runs of one thing, how many runs, rows it returned, and whether a
    run was stopped at the time limit (then ``seconds`` is that limit, a lower bound)."""

    seconds: float
    runs: int
    rows: int
    timed_out: bool = False
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


class RunTimeout(Exception):
    """A timed run went past its time limit."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise RunTimeout in the main thread after ``seconds`` (pure-Python work such as rdflib's
    query engine stops at the next bytecode; native code would finish its call first)."""
    if not seconds:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise RunTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed_together(
    runs: dict[str, Callable[[], int]],
    *,
    repeat: int,
    budget: float,
    limit: float | None = None,
    warmup_below: float = 1.0,
) -> dict[str, Timing]:
    """Median wall time of each of ``runs`` (each returns a row count), run in alternation
    (a, b, a, b…) so that the load of other processes on a shared machine falls on all alike.

    A first round shorter than ``warmup_below`` seconds only warms caches; rounds under 0.2 s are
    cheap, so three times ``repeat`` of them are taken; rounds stop once ``budget`` seconds are
    spent (a slow query is timed once, not five times). A run longer than ``limit`` is stopped, and
    that one is not run again. A run that raises is reported with its error.
    """
    times: dict[str, list[float]] = {name: [] for name in runs}
    rows: dict[str, int] = dict.fromkeys(runs, 0)
    stopped: dict[str, Timing] = {}
    rounds, spent, warm = repeat, 0.0, False
    while True:
        took_round = 0.0
        for name, run in runs.items():
            if name in stopped:
                continue
            started = time.perf_counter()
            try:
                with time_limit(limit):
                    rows[name] = run()
            except RunTimeout:
                stopped[name] = Timing(limit or 0.0, len(times[name]) + 1, rows[name], timed_out=True)
                took_round += limit or 0.0
                continue
            except Exception as err:  # a query one engine cannot run is reported, not fatal
                stopped[name] = Timing(float("nan"), 0, 0, error=f"{type(err).__name__}: {err}"[:200])
                continue
            took = time.perf_counter() - started
            took_round += took
            times[name].append(took)
        spent += took_round
        if not warm:
            warm = True
            if took_round < warmup_below:
                for t in times.values():
                    t.clear()
                rounds = repeat * 3 if took_round < 0.2 else repeat
                continue
        done = max((len(times[n]) for n in runs if n not in stopped), default=rounds)
        if len(stopped) == len(runs) or done >= rounds or spent >= budget:
            break
    return {
        name: stopped.get(name) or Timing(statistics.median(times[name]), len(times[name]), rows[name])
        for name in runs
    }


@dataclass
class ChildResult:
    """What a phase run in a child process returned, its wall time and its own peak memory."""

    phase: str
    data: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    peak_mb: float = 0.0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def run_child(phase: str, job: dict[str, Any], timeout: float | None = None) -> ChildResult:
    """Run ``phase`` of bench.py in a fresh Python process and wait for it; its stderr (progress)
    goes to ours. A child that fails, is killed (out of memory) or times out gives an error."""
    with tempfile.TemporaryDirectory(prefix="pariskg-bench-job-") as tmp:
        job_file, result_file = Path(tmp) / "job.json", Path(tmp) / "result.json"
        job_file.write_text(json.dumps(job), encoding="utf-8")
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, str(SCRIPT), "--child", phase, str(job_file), str(result_file)],
            stdout=subprocess.DEVNULL,
        )
        fired = threading.Event()

        def kill() -> None:
            fired.set()
            proc.kill()

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        result = ChildResult(phase, seconds=time.perf_counter() - started, peak_mb=usage.ru_maxrss / 1024)
        if result_file.exists():
            payload = json.loads(result_file.read_text(encoding="utf-8"))
            result.data = payload.get("data", {})
            result.error = payload.get("error")
        elif proc.returncode < 0:
            name = signal.Signals(-proc.returncode).name
            why = "stopped at the time limit" if fired.is_set() else "killed (out of memory?)"
            result.error = f"{why} ({name}) after {result.seconds:.0f} s"
        else:
            result.error = f"exit code {proc.returncode}"
        if result.error:
            log(f"  ! {phase} failed: {result.error.splitlines()[-1]}")
        return result


def child_main(phases: dict[str, Callable[[dict[str, Any]], dict[str, Any]]], argv: list[str]) -> int:
    """The child's side: run one phase on its job file and write its result (or error) as JSON."""
    phase, job_file, result_file = argv
    job = json.loads(Path(job_file).read_text(encoding="utf-8"))
    try:
        payload: dict[str, Any] = {"data": phases[phase](job)}
        code = 0
    except Exception:
        payload = {"error": traceback.format_exc()}
        code = 1
    Path(result_file).write_text(json.dumps(payload), encoding="utf-8")
    return code
