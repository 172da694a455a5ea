"""Real triple-store servers on loopback for the tests: the Oxigraph server and Virtuoso Open
Source, each in its own temporary folder on free ports, waited for, and stopped at the end."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from graph.store.remote import Endpoint

VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
DirsAllowed = ., {dir}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 10
[SPARQL]
; the Debian default (10000 rows, 60 s, then a partial "anytime" answer) would cut answers short
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


class ServerError(RuntimeError):
    """A server that could not start, with the reason and the end of its log."""


@dataclass
class Server:
    """A running store: its process, where it keeps its data, and its URLs."""

    name: str
    process: subprocess.Popen[bytes]
    folder: Path
    log: Path
    endpoint: Endpoint  # to push: query, update and Graph Store URLs, with credentials
    query_url: str  # to query, as anyone

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 20 s)."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(process: subprocess.Popen[bytes], url: str, log: Path, timeout: float) -> None:
    """Until ``url`` answers 200; a ServerError if the process ends or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"it exited with code {process.returncode}:\n{_tail(log)}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    process.kill()
    raise ServerError(f"not ready after {timeout:.0f} s at {url}:\n{_tail(log)}")


def _tail(log: Path, lines: int = 15) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"


def _spawn(args: list[str], folder: Path, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(args, cwd=folder, stdout=out, stderr=subprocess.STDOUT)


def start_oxigraph(folder: Path, port: int | None = None) -> Server:
    """`oxigraph serve` (PyPI package oxigraph) on a store in ``folder``/db."""
    exe = shutil.which("oxigraph")
    if exe is None:
        raise ServerError("no `oxigraph` command: pip install -e '.[test]' installs it (PyPI: oxigraph)")
    folder.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    log = folder / "oxigraph.log"
    process = _spawn(
        [exe, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"], folder, log
    )
    try:
        _wait_ready(process, f"{base}/query?query=ASK%7B%7D", log, timeout=30)
    except ServerError as err:
        raise ServerError(f"the Oxigraph server did not start: {err}") from err
    endpoint = Endpoint(f"{base}/query", update=f"{base}/update", graph_store=f"{base}/store")
    return Server("oxigraph", process, folder, log, endpoint, f"{base}/query")


def start_virtuoso(folder: Path) -> Server:
    """virtuoso-t (Debian package virtuoso-opensource) with its own virtuoso.ini in ``folder``;
    pushes go to the Digest-authenticated endpoints as dba (a new database's password)."""
    if not Path(VIRTUOSO).exists():
        raise ServerError(f"no {VIRTUOSO}: apt-get install virtuoso-opensource")
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, http_port=http_port, sql_port=sql_port))
    log = folder / "virtuoso-stdout.log"
    process = _spawn([VIRTUOSO, "+foreground", "+configfile", str(ini)], folder, log)
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_ready(process, f"{base}/sparql?query=ASK%7B%7D", folder / "virtuoso.log", timeout=120)
    except ServerError as err:
        raise ServerError(f"Virtuoso did not start: {err}") from err
    endpoint = Endpoint(
        f"{base}/sparql-auth",
        graph_store=f"{base}/sparql-graph-crud-auth",
        user="dba",
        password="dba",
    )
    return Server("virtuoso", process, folder, log, endpoint, f"{base}/sparql")
