"""The SHACL check of a build, run in a forked process while the build writes its files.

pySHACL is pure Python and holds one core for the longest step of a full build (~25 s at 650k
triples); writing Turtle, TriG and the store needs the other. A fork shares the build's quads
without copying or pickling them, and sends back only the verdict and the counts. Where fork is
not available (Windows, macOS's default) the check runs in the build's own process.
"""

from __future__ import annotations

import multiprocessing as mp
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from multiprocessing.connection import Connection

from rdflib import RDF

from graph.check.shacl import Validation, validate
from graph.errors import BuildError
from graph.make import rdf


@dataclass(frozen=True)
class Checked:
    """What the check found: triples in the union, entities per class, and pySHACL's verdict."""

    triples: int
    classes: Counter[str]
    validation: Validation
    seconds: float  # how long the check took, in its own process


def check(quads: rdf.Quads) -> Checked:
    """Validate the union of ``quads`` and count its triples and classes (in this process)."""
    started = time.perf_counter()
    whole = rdf.union(quads)
    classes = Counter(whole.qname(str(o)) for o in whole.objects(None, RDF.type))
    triples = len(whole)
    validation = validate(whole, copy=False)
    return Checked(triples, classes, validation, time.perf_counter() - started)


class PendingCheck:
    """A check started by :func:`start_check`; :meth:`result` waits for it."""

    def __init__(self, quads: rdf.Quads) -> None:
        self._done: Checked | None = None
        self._process: mp.process.BaseProcess | None = None
        if "fork" not in mp.get_all_start_methods() or mp.get_start_method(allow_none=True) == "spawn":
            self._done = check(quads)
            return
        ctx = mp.get_context("fork")
        self._receive, send = ctx.Pipe(duplex=False)
        self._process = ctx.Process(target=_child, args=(quads, send), name="pariskg-shacl", daemon=True)
        self._process.start()
        send.close()

    def result(self) -> Checked:
        """The check's result; a check that failed raises BuildError with its traceback."""
        if self._done is not None:
            return self._done
        assert self._process is not None
        try:
            status, payload = self._receive.recv()
        except EOFError:
            self._process.join()
            raise BuildError(f"the SHACL check stopped (exit code {self._process.exitcode})") from None
        finally:
            self._process.join()
        if status != "ok":
            raise BuildError(f"the SHACL check failed:\n{payload}")
        self._done = payload
        return payload

    def cancel(self) -> None:
        """Stop a check whose build failed."""
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join()


def start_check(quads: rdf.Quads) -> PendingCheck:
    """Start checking ``quads`` in a forked process (or check them now, where there is no fork)."""
    return PendingCheck(quads)


def _child(quads: rdf.Quads, send: Connection) -> None:
    try:
        send.send(("ok", check(quads)))
    except BaseException:
        send.send(("error", traceback.format_exc()))
    finally:
        send.close()
