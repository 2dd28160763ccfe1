"""The plans of a build streamed from the extraction workers into the bulk load.

``kg build`` extracts and maps plan files in worker processes (kg/pipeline/workers.py). Their N-Quads
go, in file order, straight into the fresh store's ``bulk_load`` through :class:`PlanStream`, a
readable stream that pyoxigraph pulls from while it parses (it releases the interpreter lock while
it parses, so the results keep arriving), in batches of :data:`BATCH` quads, each written to disk
while the workers extract the next plans: the load overlaps the extraction, and no spool file is
written. Each input is recorded in the build report as it arrives.

When two inputs give the same plan the later one wins (kg/pipeline/corpus.py orders them): the
earlier one was already streamed, so the later one is held back, and once the bulk load is done the
earlier one's graphs are dropped and the later one is loaded in their place.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterator
from typing import Protocol

import pyoxigraph as ox
from rdflib.namespace import PROV

from kg.errors import StoreError
from kg.pipeline.corpus import Source
from kg.pipeline.state import FileRecord
from kg.pipeline.workers import Mapped


class Report(Protocol):
    """The parts of kg.pipeline.build.BuildReport the stream fills."""

    plans: list[tuple[str, str, int]]
    failed: list[tuple[str, str]]
    records: list[FileRecord]
    superseded: list[tuple[str, str]]


#: quads per bulk load: each is written to disk (sorted, indexed) when it ends, while the workers go on
#: extracting; one load of everything would leave all of that to after the last plan, on one core
BATCH = 200_000


PROGRESS = 500  # inputs between two progress lines (logger kg.build)
log = logging.getLogger("kg.build")


class PlanStream(io.RawIOBase):
    """The N-Quads of every input, in order, as a readable binary stream; the records go to ``report``.

    The stream ends (a read returns nothing) after each ``batch_size`` quads, at a plan's end: the
    caller resets ``batch`` and bulk-loads the rest, until ``finished``, the ``time.perf_counter()``
    at which the last input arrived (the end of the extraction). ``held``: the later inputs of plans
    already streamed, by plan; ``error``: what a read raised (the bulk load reports it as its own)."""

    def __init__(self, inputs: list[Source], results: Iterator[Mapped], report: Report,
                 batch_size: int | None = None) -> None:
        super().__init__()
        self.results, self.report = results, report
        self.batch_size, self.batch = batch_size or BATCH, 0
        self.finished = 0.0
        self.held: dict[str, Mapped] = {}
        self.error: BaseException | None = None
        self._pending = iter(inputs)
        self._graphs: dict[str, tuple[str, ...]] = {}  # plan → the graphs streamed for it
        self._sources: dict[str, Source] = {}  # plan → the input that gives it now
        self._current = memoryview(b"")

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        """Kept open: each batch's buffered reader closes its raw stream when it goes, and the next
        batch reads on from this one."""

    def readinto(self, buffer) -> int:  # noqa: ANN001 - a writable buffer (memoryview, bytearray)
        try:
            while not self._current:
                if self.batch >= self.batch_size:  # the end of this batch: a plan boundary
                    return 0
                data = self._next()
                if data is None:
                    return 0
                self._current = memoryview(data)
        except BaseException as e:
            self.error = e
            raise
        n = min(len(buffer), len(self._current))
        buffer[:n] = self._current[:n]
        self._current = self._current[n:]
        return n

    def _next(self) -> bytes | None:
        """The N-Quads of the next input to stream (b"" when there is nothing to stream for it)."""
        source = next(self._pending, None)
        if source is None:
            self.finished = self.finished or time.perf_counter()
            return None
        mapped = graph_entry(source) if source.is_graph else next(self.results)
        self._record(source, mapped)
        if len(self.report.records) % PROGRESS == 0:
            log.info("%d inputs extracted and streamed", len(self.report.records))
        if mapped.error:
            return b""
        if mapped.plan in self._graphs:  # an earlier input of this plan is streamed already
            self.held[mapped.plan] = mapped
            return b""
        self._graphs[mapped.plan] = mapped.graphs
        self.batch += mapped.triples
        return mapped.nquads

    def _record(self, source: Source, mapped: Mapped) -> None:
        report = self.report
        report.records.append(FileRecord(source.origin, source.name, source.sha256, mapped.plan or None,
                                         mapped.error or None))
        if mapped.error:
            report.failed.append((source.name, mapped.error))
            return
        earlier = self._sources.get(mapped.plan)
        if earlier is not None:  # the earlier input of this plan is replaced
            report.superseded.append((earlier.name, source.name))
            report.plans = [p for p in report.plans if p[1] != mapped.plan]
            replaced = next(r for r in report.records if r.sha256 == earlier.sha256)
            replaced.superseded_by = source.sha256
        self._sources[mapped.plan] = source
        report.plans.append((source.name, mapped.plan, mapped.triples))

    def replace_held(self, store: ox.Store) -> None:
        """After the bulk load: each held plan's earlier graphs dropped, its latest input loaded."""
        for plan, mapped in sorted(self.held.items()):
            for graph in self._graphs[plan]:
                store.remove_graph(ox.NamedNode(graph))
            store.load(mapped.nquads, format=ox.RdfFormat.N_QUADS)


def stream_plans(store: ox.Store, inputs: list[Source], results: Iterator[Mapped], report: Report) -> float:
    """Bulk-load every input into ``store``: the plan documents' results (kg.pipeline.workers.mapped_plans,
    in the order of ``inputs``) and the kept graphs; failures go to the report. Returns the
    ``time.perf_counter()`` at which the extraction ended."""
    stream = PlanStream(inputs, results, report)
    try:
        while not stream.finished:
            stream.batch = 0
            store.bulk_load(input=io.BufferedReader(stream, 1 << 20), format=ox.RdfFormat.N_QUADS)
        stream.replace_held(store)
    except (OSError, SyntaxError) as e:
        if stream.error is not None:  # raised by an extraction, not by the load
            raise stream.error from None
        raise StoreError(f"cannot load the build's plans: {e}") from e
    return stream.finished or time.perf_counter()


def graph_entry(source: Source) -> Mapped:
    """A plan's graph kept in the corpus (N-Quads): loaded as it is."""
    try:
        data = source.path.read_bytes()
        quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    except (OSError, SyntaxError) as e:
        return Mapped(source.name, error=f"{source.path}: the kept graph cannot be read ({e})")
    derived = ox.NamedNode(str(PROV.wasDerivedFrom))
    plans = sorted(q.subject.value for q in quads if q.predicate == derived)
    if not plans:
        return Mapped(source.name, error=f"{source.path}: the kept graph holds no plan")
    graphs = tuple(sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}))
    return Mapped(source.name, plans[0], len(quads), data if data.endswith(b"\n") else data + b"\n", graphs)
