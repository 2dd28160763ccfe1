"""The query process: opens the store backend and runs one request at a time for its parent.

This module runs inside a child process (see :mod:`service.pool.worker`) for embedded backends
(``spec.embedded``: pyoxigraph on disk, rdflib in memory). It answers plain picklable values (terms
as tuples, see :mod:`kg.stores.base`), and never renders anything. The parent kills the whole
process at the deadline, which is the only way to stop a pyoxigraph or rdflib query.
"""

from __future__ import annotations

import os
import traceback
from multiprocessing.connection import Connection
from typing import Any

from kg.stores import Backend, StoreSpec, open_backend
from service.errors import ServiceError
from service.pool.ingesting import run_ingest
from service.pool.sandbox import IsolationError, isolate_network, limit_memory
from service.protocol.guard import enforce

__all__ = ["child_main", "run_task"]


def run_task(backend: Backend, task: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
    """Run one task (``op`` "query" or "update") on ``backend``; the same for every backend.

    A task with a ``guard`` (requests from clients) is first analysed and refused here, inside the
    killable query process, by :func:`service.protocol.guard.enforce`."""
    if task.get("op") in ("ingest", "finish"):
        return run_ingest(backend, task)
    text = task["update"] if task.get("op") == "update" else task["query"]
    query_dataset = bool(task.get("query_dataset"))
    substitutions = dict(task.get("substitutions") or {})
    guard = task.get("guard")
    if guard is not None:
        analysis = enforce(text, update=guard["update"], base=guard["base"],
                           allow_service=guard["allow_service"], remote=guard.get("remote", False))
        query_dataset = query_dataset or bool(analysis.datasets)
        # a leading one-row VALUES is bound before evaluation too (service.protocol.rewrite)
        substitutions = {**dict(analysis.bindings), **substitutions}
        if backend.kind == "oxigraph":  # the block left out is Oxigraph's plan (rdflib's answers differ:
            text = analysis.rewritten or text  # it gets VALUES + OPTIONAL + GROUP BY wrong)
    if task.get("op") == "check":  # the guard alone (for a remote store, see service.pool.worker)
        return {"form": "CHECK", "query_dataset": query_dataset}
    if task.get("op") == "update":
        backend.update(text, timeout=timeout)
        if task.get("then"):  # the service's own follow-up (no client text): after the checked update
            backend.update(task["then"], timeout=timeout)
        return {"form": "UPDATE"}
    result = backend.query(text, default_graph=task.get("default_graph"),
                           named_graphs=task.get("named_graphs"),
                           query_dataset=query_dataset,
                           substitutions=substitutions or None,
                           max_rows=int(task.get("max_rows") or 0), timeout=timeout)
    return within_budget(result, int(task.get("max_bytes") or 0))


def _size(term: Any) -> int:
    if term is None:
        return 4
    return sum(_size(t) if isinstance(t, tuple) else len(t) if isinstance(t, str) else 8 for t in term)


def within_budget(result: dict[str, Any], max_bytes: int) -> dict[str, Any]:
    """Cut a result's rows (or triples) once their terms add up to ``max_bytes`` characters, and
    say so (``truncated_by`` "bytes"), as the row cap does: a few huge literals must not make a
    response of hundreds of megabytes."""
    key = "rows" if "rows" in result else "triples" if "triples" in result else None
    if not max_bytes or key is None:
        return result
    total = 0
    for i, row in enumerate(result[key]):
        total += sum(_size(term) for term in row)
        if total > max_bytes:
            return {**result, key: result[key][:i], "truncated": True, "truncated_by": "bytes"}
    return result


def child_main(conn: Connection, spec: StoreSpec, writable: bool, isolate: bool = True,
               memory_mb: int = 0) -> None:
    """Entry point of a query process: cut it off the network (unless ``isolate`` is False, for
    VNGE_ALLOW_SERVICE), cap its memory at ``memory_mb`` MiB, open the store, say ready, then serve
    tasks until EOF."""
    os.environ["RUST_BACKTRACE"] = "0"  # an allocation failure aborts; no backtrace in the log
    limit_memory(memory_mb)
    isolation = "none"
    if isolate:
        try:
            isolation = isolate_network()
        except IsolationError as e:  # never run a query with the network open when asked not to
            conn.send(("error", "isolation", str(e)))
            return
    try:
        backend = open_backend(spec, read_only=not writable)
    except Exception as e:  # the parent turns this into a 503 naming the store
        conn.send(("error", "store", f"{type(e).__name__}: {e}"))
        return
    conn.send(("ready", isolation))
    while True:
        try:
            task = conn.recv()
        except EOFError:
            backend.close()
            return
        try:
            conn.send(("ok", run_task(backend, task)))
        except MemoryError:
            conn.send(("error", "memory", "MemoryError"))
        except ServiceError as e:  # refused by the guard: the client's request, not a bug
            conn.send(("error", "refused", e.message, e.status))
        except SyntaxError as e:
            conn.send(("error", "syntax", str(e)))
        except Exception as e:  # reported to the parent, which logs it and answers 500
            conn.send(("error", "bug", f"{type(e).__name__}: {e}\n{traceback.format_exc()}"))
