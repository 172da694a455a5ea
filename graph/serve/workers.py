"""A pool of query worker processes, so that a query over its time limit is really stopped.

pyoxigraph cannot cancel a running query from Python (evaluation holds no cancellation point
we can reach), and a thread cannot be killed. So every job runs in a worker *process* that
opens the store itself; the server sends the job down a pipe and waits for the answer with a
timeout. A query over the limit gets its worker killed (SIGKILL: the query stops at once, and
a read-only store has nothing to flush) and a fresh worker started in its place.

Cost, measured on the full build (2 shared cores): a point lookup through a worker takes
0.15 ms against 0.075 ms run in the server's own process (pickling the job, the answer's bytes
through the pipe); starting a worker (spawn, imports, opening the store) takes 0.4-1 s, paid at
start-up and after each killed query. Workers are spawned, not forked, because the server
process runs threads. A read-only store may be opened by several
processes; with ``--allow-update`` the pool is one writable worker (one writer per store, and
read-only openers would not see its writes). With ``--in-memory`` each worker copies the store
into memory (graph.store.embedded.copy_in_memory): aggregates run ~3x faster, but a worker then takes
seconds to start and holds its own copy (~650 MB for the full build).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing as mp
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool

from graph.serve.jobs import Failure, Job, WorkerContext
from graph.store.embedded import copy_in_memory

log = logging.getLogger("pariskg.serve")
_SPAWN = mp.get_context("spawn")


class WorkerTimeout(Exception):
    """A job ran past its time limit; its worker has been killed."""


StoreMode = Literal["read-only", "writable", "in-memory"]


def open_for(path: str, mode: StoreMode) -> ox.Store:
    """The store as a worker uses it: read-only on disk, writable, or a copy in memory."""
    if mode == "writable":
        return ox.Store(path)
    store = ox.Store.read_only(path)
    return copy_in_memory(store) if mode == "in-memory" else store


def worker_main(conn: Connection, store_path: str, mode: StoreMode, data: str | None) -> None:
    """A worker's life: open the store, then run each job received and send its answer back."""
    # every job's module, imported now rather than during the first request that needs it
    from graph.serve import describe, description, entity, examples  # noqa: F401

    ctx = WorkerContext(open_for(store_path, mode), Path(data) if data else None)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:  # the server closed the pipe: stop
            return
        try:
            answer = job.run(ctx)
        except Exception as err:  # a bug in a job: the client gets a 500, the worker lives on
            traceback.print_exc()
            answer = Failure(500, f"internal error: {type(err).__name__}: {err}")
        conn.send(answer)


@dataclass(eq=False)  # compared and hashed by identity: the pool keeps a set of them
class Worker:
    """One worker process and the server's end of its pipe."""

    process: Any  # multiprocessing's SpawnProcess
    conn: Connection

    @classmethod
    def start(cls, store: Path, mode: StoreMode, data: Path | None) -> Worker:
        """Spawn a worker and wait until its store is open."""
        ours, theirs = _SPAWN.Pipe()
        process = _SPAWN.Process(
            target=worker_main,
            args=(theirs, str(store), mode, str(data) if data else None),
            name="pariskg-query-worker",
            daemon=True,
        )
        process.start()
        theirs.close()
        try:
            ready = ours.recv()
        except EOFError:
            process.join()
            raise RuntimeError(
                f"a query worker could not open the store {store} (see its error above)"
            ) from None
        assert ready == "ready"
        return cls(process, ours)

    def call(self, job: Job, timeout: float) -> Any:
        """Run ``job`` in this worker; past ``timeout`` seconds, kill the worker."""
        self.conn.send(job)
        if not self.conn.poll(timeout):
            self.kill()
            raise WorkerTimeout
        return self.conn.recv()

    def kill(self) -> None:
        """Stop the worker now, whatever it is doing."""
        self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        """Ask the worker to finish (close its pipe), then make sure it did."""
        self.conn.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class WorkerPool:
    """Worker processes over one store; :meth:`run` lends one to a job, with a time limit."""

    def __init__(
        self, store: Path, *, size: int, mode: StoreMode = "read-only", data: Path | None = None
    ) -> None:
        self.store, self.size, self.mode, self.data = store, size, mode, data
        self._idle: asyncio.Queue[Worker] | None = None
        self._all: set[Worker] = set()
        self._replacing: set[asyncio.Task[None]] = set()
        self._closing = False

    async def start(self) -> None:
        """Start every worker (in a thread: spawning blocks)."""
        self._idle = asyncio.Queue()
        for _ in range(self.size):
            worker = await run_in_threadpool(Worker.start, self.store, self.mode, self.data)
            self._all.add(worker)
            self._idle.put_nowait(worker)

    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        return sorted(w.process.pid for w in self._all)

    async def run(self, job: Job, timeout: float) -> Any:
        """The answer of ``job``, or a 503 Failure when it ran (or waited) past ``timeout``."""
        assert self._idle is not None, "start() the pool first"
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout)
        except TimeoutError:
            return Failure(
                503, f"all {self.size} query workers stayed busy for {timeout:g} s; try again later"
            )
        healthy = False
        try:
            answer = await run_in_threadpool(worker.call, job, timeout)
            healthy = True
            return answer
        except WorkerTimeout:
            log.warning("stopped a job after %g s (worker %s killed)", timeout, worker.process.pid)
            return Failure(
                503,
                f"the query was stopped after {timeout:g} s (the server's limit, --timeout); "
                "narrow it, or add a LIMIT",
            )
        except (EOFError, OSError) as err:
            log.error("query worker %s died: %s", worker.process.pid, err)
            return Failure(500, "the query worker died while running this query")
        finally:
            if healthy:
                self._idle.put_nowait(worker)
            elif not self._closing:  # answer now; the replacement joins the pool when its store is open
                task = asyncio.create_task(self._replace(worker))
                self._replacing.add(task)
                task.add_done_callback(self._replacing.discard)

    async def _replace(self, worker: Worker) -> None:
        """Put a fresh worker in place of a killed or dead one."""
        assert self._idle is not None
        self._all.discard(worker)
        if worker.process.is_alive():
            worker.kill()
        fresh = await run_in_threadpool(Worker.start, self.store, self.mode, self.data)
        self._all.add(fresh)
        self._idle.put_nowait(fresh)

    async def close(self) -> None:
        """Stop every worker (a job still running gets a 500: the server is going away)."""
        self._closing = True
        for task in list(self._replacing):
            await task
        for worker in list(self._all):
            await run_in_threadpool(worker.stop)
        self._all.clear()
