"""Fixtures that start the real server (`pariskg serve`, uvicorn) on a free loopback port."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from graph.store.embedded import STORE_DIR

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "s3cret-token"


def free_port() -> int:
    """A TCP port nothing listens on now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running `pariskg serve` process and its address."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kwargs)  # type: ignore[arg-type]

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def worker_pids(self) -> set[int]:
        """The process ids of the server's query workers (the children it spawned)."""
        pids = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                command = (stat.parent / "cmdline").read_bytes()
            except (FileNotFoundError, ProcessLookupError):
                continue  # exited while we looked
            # a live child that runs a worker (not multiprocessing's resource tracker)
            if int(fields[1]) == self.process.pid and fields[0] != "Z" and b"spawn_main" in command:
                pids.add(int(stat.parent.name))
        return pids


def start_server(out: Path, log: Path, *args: str, env: dict[str, str] | None = None) -> Server:
    """Start `pariskg serve --out OUT` and wait until it answers; fail with its log if it cannot."""
    port = free_port()
    command = [sys.executable, "-m", "graph", "serve", "--out", str(out), "--port", str(port), *args]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT, env={**os.environ, **(env or {})}
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"pariskg serve exited ({process.returncode}):\n{server.log_text()}")
        try:
            if httpx.get(server.url + "/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(server)
    pytest.fail(f"pariskg serve did not answer on {server.url} within 90 s:\n{server.log_text()}")


def stop_server(server: Server) -> None:
    """Stop the server as Ctrl-C would (its workers stop with it)."""
    server.process.send_signal(signal.SIGINT)
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def server(out: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The seed build served read-only with the default limits (data/ gives the sentences)."""
    running = start_server(out, tmp_path_factory.mktemp("serve") / "server.log", "--data", str(ROOT / "data"))
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def update_server(out: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A copy of the seed build served writable, updates allowed with TOKEN (from the environment)."""
    copy = tmp_path_factory.mktemp("writable") / "out"
    shutil.copytree(out / STORE_DIR, copy / STORE_DIR)
    log = copy.parent / "server.log"
    running = start_server(copy, log, "--allow-update", env={"PARISKG_TOKEN": TOKEN})
    yield running
    stop_server(running)
