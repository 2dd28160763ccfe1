"""Plan files extracted and mapped in parallel for ``kg build``: forked worker processes, each
returning one plan's graph as N-Quads (or why the file failed), in file order, as they finish
(kg/pipeline/stream.py streams them into the bulk load).

How many workers: ``VNGE_BUILD_WORKERS`` when set (kg/settings.py), else one process for fewer
than 8 plan files and the CPU count, at most 8, for more.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Generator
from dataclasses import dataclass
from multiprocessing.pool import Pool
from pathlib import Path

from rdflib import URIRef

from kg.errors import KGError
from kg.extract import prepare
from kg.pipeline.sources import extract_to_graph
from kg.pipeline.staging import graph_nquads
from kg.rdf.mapping import plan_graph_iri
from kg.rdf.references import ReferenceIndex
from kg.settings import BUILD_WORKERS

# The reference index of the build in progress, inherited by forked extraction workers.
_WORKER_REF: ReferenceIndex | None = None


@dataclass
class Mapped:
    """One plan file extracted and mapped (in a worker): N-Quads of its graph, or why it failed."""

    file: str
    plan: str = ""
    triples: int = 0
    nquads: bytes = b""
    graphs: tuple[str, ...] = ()  # the named graphs of ``nquads``
    error: str = ""


def _extract_one(path: Path) -> Mapped:
    """Extract, map and serialise one plan file as N-Quads into its plan graph (runs in a worker)."""
    assert _WORKER_REF is not None
    try:
        extracted = extract_to_graph(path, _WORKER_REF)
    except KGError as e:
        return Mapped(path.name, error=str(e))
    name = str(plan_graph_iri(URIRef(extracted.plan)))
    nquads = graph_nquads(extracted.triples, name)
    return Mapped(path.name, extracted.plan, len(extracted.triples), nquads, (name,))


def build_workers(files: int) -> int:
    """Worker processes for extraction: ``VNGE_BUILD_WORKERS`` or the CPU count (1 for few files)."""
    configured = BUILD_WORKERS.value()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return 1 if files < 8 else max(1, min(os.cpu_count() or 1, 8))


def mapped_plans(paths: list[Path], ref_index: ReferenceIndex) -> Generator[Mapped, None, None]:
    """Each plan file extracted and mapped, in file order; in forked worker processes when many.

    The workers are forked when this is called, not at the first result: before the caller opens
    its store (a process is better not forked while a database's threads run in it). Close the
    iterator when done (a ``with`` block or ``.close()``) to stop them."""
    global _WORKER_REF
    workers = build_workers(len(paths))
    _WORKER_REF = ref_index
    if workers == 1:
        return _in_process(paths)
    prepare()  # the patterns compiled once, here, not in each worker at its first plan
    try:
        pool = multiprocessing.get_context("fork").Pool(workers)
    finally:
        _WORKER_REF = None  # each worker has its copy
    return _from_pool(pool, paths)


def _in_process(paths: list[Path]) -> Generator[Mapped, None, None]:
    global _WORKER_REF
    try:
        yield from map(_extract_one, paths)
    finally:
        _WORKER_REF = None


def _from_pool(pool: Pool, paths: list[Path]) -> Generator[Mapped, None, None]:
    with pool:  # leaving terminates the workers
        yield from pool.imap(_extract_one, paths, chunksize=4)
