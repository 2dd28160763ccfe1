"""A build made in memory and written to disk behind it.

``kg build`` of a corpus of up to ``VNGE_BUILD_IN_MEMORY`` plan files (kg/settings.py) loads the plans
into an in-memory Oxigraph store and derives the other graphs there: Oxigraph answers the derived
phases' queries from memory in about half the CPU time it takes on disk (BENCHMARKS.md, "Issue 15 item
3, third pass"), and the in-memory bulk load is cheaper than the on-disk one. :class:`DiskWriter`
writes the build's on-disk staging folder in background threads: what the extraction made while the
derived phases run (they leave part of the second core idle), then each derived graph. Oxigraph's bulk
load releases the interpreter lock and, below a million quads, uses one core, so the N-Quads are cut
into :data:`PARTS` loads at once; the few quads holding a blank node (the ontology's axioms, the
shapes) are added as parsed, since a bulk load gives blank nodes new labels and the build keeps the
stable ones (kg/pipeline/staging.py). A larger corpus is streamed to disk as it is extracted instead,
so the build's memory stays bounded (kg/pipeline/stream.py).
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.settings import BUILD_IN_MEMORY

#: bulk loads at the same time when the finished store is written to disk (one per core here)
PARTS = 2



def in_memory(plan_files: int) -> bool:
    """Whether a build of ``plan_files`` inputs is made in memory (``VNGE_BUILD_IN_MEMORY``)."""
    configured = BUILD_IN_MEMORY.value()
    limit = int(configured) if configured.isdigit() else int(BUILD_IN_MEMORY.default)
    return plan_files <= limit


def new_store(path: Path, memory: bool) -> ox.Store:
    """The build's store: in memory, or on disk at ``path``."""
    try:
        return ox.Store() if memory else ox.Store(str(path))
    except OSError as e:
        raise StoreError(f"cannot create the build's store {path}: {e}") from e


class DiskWriter:
    """The on-disk store at ``path``, written in background threads while the build goes on in memory:
    first what the extraction made (:meth:`write`), then each derived graph (:meth:`write_graph`);
    :meth:`finish` waits for every load and returns the store."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store = new_store(path, memory=False)
        self._threads: list[threading.Thread] = []
        self._errors: list[BaseException] = []

    def write(self, nquads: bytes, parts: int = PARTS, *, idle: bool = False) -> None:
        """Load ``nquads`` in ``parts`` bulk loads at once (the quads holding a blank node added as
        parsed: a bulk load would give their blank nodes new labels); ``idle``: at the lowest CPU
        priority, so that it takes the time the build's other threads leave (:func:`lower_priority`)."""
        plain, blank = blank_lines(nquads)
        for chunk in split_lines(plain, parts):
            self._start(self.store.bulk_load, chunk, format=ox.RdfFormat.N_QUADS, lenient=True, idle=idle)
        if blank:
            parsed = ox.parse(blank, format=ox.RdfFormat.N_QUADS)
            self._start(lambda: self.store.bulk_extend(parsed), idle=idle)

    def write_graph(self, memory: ox.Store, graph: str) -> None:
        """Copy the named graph ``graph`` of ``memory`` (no blank node in it: the derived graphs)."""
        out = io.BytesIO()
        name = ox.NamedNode(graph)
        memory.dump(output=out, format=ox.RdfFormat.N_TRIPLES, from_graph=name)
        self._start(self.store.bulk_load, out.getvalue(), format=ox.RdfFormat.N_TRIPLES, to_graph=name,
                    lenient=True)

    def finish(self) -> ox.Store:
        for thread in self._threads:
            thread.join()
        if self._errors:
            raise StoreError(f"cannot write the build's store to {self.path}: {self._errors[0]}")
        self.store.flush()
        return self.store

    def _start(self, load: Callable[..., object], *args: object, idle: bool = False,
               **kwargs: object) -> None:
        def run() -> None:
            if idle:
                lower_priority()
            try:  # lenient: the lines come from a store, which checked them when they went in
                load(*args, **kwargs)
            except BaseException as e:  # noqa: BLE001 - raised by finish(), in the caller's thread
                self._errors.append(e)
        thread = threading.Thread(target=run, name=f"persist-{len(self._threads)}")
        self._threads.append(thread)
        thread.start()


def lower_priority() -> None:
    """This thread (and the threads it starts) at the lowest CPU priority: on Linux a thread has its
    own nice value. Elsewhere, or when refused, the thread keeps its priority (only slower builds)."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):
        pass


def nquads(store: ox.Store) -> bytes:
    """Every quad of ``store`` as N-Quads."""
    out = io.BytesIO()
    store.dump(output=out, format=ox.RdfFormat.N_QUADS)
    return out.getvalue()


def split_lines(data: bytes, parts: int) -> list[bytes]:
    """``data`` cut into at most ``parts`` pieces of about the same size, each of whole lines."""
    pieces: list[bytes] = []
    start = 0
    for i in range(1, parts):
        cut = data.find(b"\n", max(start, len(data) * i // parts - 1))
        if cut < 0:
            break
        pieces.append(data[start:cut + 1])
        start = cut + 1
    pieces.append(data[start:])
    return [p for p in pieces if p]


def blank_lines(data: bytes) -> tuple[bytes, bytes]:
    """``data`` (N-Quads) split into the lines that hold no ``_:`` and those that do: every quad with a
    blank node is in the second part (a literal holding ``_:`` puts its line there too, which costs
    nothing: those lines are parsed and added as they are)."""
    kept: list[bytes] = []
    blank: list[bytes] = []
    start = 0  # the start of the part not yet sorted
    at = data.find(b"_:")
    while at >= 0:
        line_start = data.rfind(b"\n", 0, at) + 1
        line_end = data.find(b"\n", at)
        line_end = len(data) if line_end < 0 else line_end + 1
        kept.append(data[start:line_start])
        blank.append(data[line_start:line_end])
        start = line_end
        at = data.find(b"_:", start)
    if not blank:
        return data, b""
    kept.append(data[start:])
    return b"".join(kept), b"".join(blank)
