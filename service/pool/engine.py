"""The query process: opens the store backend and runs one request at a time for its parent.

This module runs inside a child process (see :mod:`service.pool.worker`) for embedded backends
(``spec.embedded``: pyoxigraph on disk, rdflib in memory). It answers plain picklable values (terms
as tuples, see :mod:`kg.stores.base`), and never renders anything. The parent kills the whole
process at the deadline, which is the only way to stop a pyoxigraph or rdflib query.
"""

from __future__ import annotations

import traceback
from multiprocessing.connection import Connection
from typing import Any

from kg.stores import Backend, StoreSpec, open_backend
from service.pool.sandbox import IsolationError, isolate_network

__all__ = ["child_main", "run_task"]


def run_task(backend: Backend, task: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
    """Run one task (``op`` "query" or "update") on ``backend``; the same for every backend."""
    if task.get("op") == "update":
        backend.update(task["update"], timeout=timeout)
        return {"form": "UPDATE"}
    return backend.query(task["query"], default_graph=task.get("default_graph"),
                         named_graphs=task.get("named_graphs"),
                         query_dataset=bool(task.get("query_dataset")),
                         substitutions=task.get("substitutions") or None,
                         max_rows=int(task.get("max_rows") or 0), timeout=timeout)


def child_main(conn: Connection, spec: StoreSpec, writable: bool, isolate: bool = True) -> None:
    """Entry point of a query process: cut it off the network (unless ``isolate`` is False, for
    VNGE_ALLOW_SERVICE), open the store, say ready, then serve tasks until EOF."""
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
        except SyntaxError as e:
            conn.send(("error", "syntax", str(e)))
        except Exception as e:  # reported to the parent, which logs it and answers 500
            conn.send(("error", "bug", f"{type(e).__name__}: {e}\n{traceback.format_exc()}"))
