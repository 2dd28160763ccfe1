"""Query pools: process isolation for embedded stores, HTTP time limits for remote ones.

:func:`make_pool` picks the pool from the store specification (``VNGE_STORE``, see
:mod:`kg.stores`); both pools offer ``execute``, ``update``, ``generation``, ``cache_dir`` and ``close``.

Embedded stores (pyoxigraph, rdflib in memory): a pool of query processes, each killed at its deadline.

Neither rdflib nor pyoxigraph can cancel a running query from Python, so every query runs in a
child process (:func:`service.pool.engine.child_main`) that holds the store open read-only. The
parent thread waits on a pipe for at most the time limit; past it, the child is killed, the
client gets a clear timeout error, and a fresh child is started on the next request. Other
requests are served by other children meanwhile (the pool holds one per concurrent request).

Updates run in a short-lived writable child; afterwards a generation file next to the store is
touched so that every read-only child (in every server process) is recycled and sees the change.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import re
import signal
import threading
import time
from pathlib import Path
from typing import Any

from kg.stores import StoreSpec, open_backend, parse_store
from kg.stores.remote import RemoteStoreError
from service.errors import (
    ForbiddenOperation,
    QueryOutOfMemory,
    QuerySyntaxError,
    QueryTimeout,
    ServiceError,
    StoreUnavailable,
)
from service.pool.engine import child_main, run_task

log = logging.getLogger("vnge.service")
_CTX = mp.get_context("spawn")  # no fork of a threaded server process
_START_TIMEOUT = 60.0


class _Child:
    def __init__(self, spec: StoreSpec, writable: bool = False, isolate: bool = True,
                 memory_mb: int = 0) -> None:
        store_path = str(spec)
        self.memory_mb = memory_mb
        self.conn, child_conn = _CTX.Pipe()
        self.process = _CTX.Process(target=child_main, args=(child_conn, spec, writable, isolate, memory_mb),
                                    daemon=True)
        self.process.start()
        child_conn.close()
        self.generation = _generation(spec.location)
        if not self.conn.poll(_START_TIMEOUT):
            self.kill()
            raise StoreUnavailable(f"The query process did not open the store {store_path} in time.")
        try:
            message = self.conn.recv()
        except EOFError:
            self.kill()
            raise StoreUnavailable(f"The query process exited while opening the store {store_path}; "
                                   "see the server log.") from None
        if message[0] == "error" and message[1] == "isolation":
            self.kill()
            raise StoreUnavailable(
                f"Queries are not run: the query process could not be cut off the network ({message[2]}). "
                "Run the service on Linux (x86-64 or AArch64), or, on a private machine only, set "
                "VNGE_ALLOW_SERVICE=true to run queries with network access.")
        if message[0] != "ready":
            self.kill()
            raise StoreUnavailable(
                f"The store {store_path!r} cannot be opened ({message[2]}). Build it with `kg build "
                "--store DIR` and point VNGE_STORE at it."
            )
        self.isolation = message[1]

    def call(self, task: dict[str, Any], timeout: float) -> Any:
        self.conn.send(task)
        if not self.conn.poll(timeout):
            raise TimeoutError
        try:
            message = self.conn.recv()
        except EOFError:
            self.process.join(5)
            code = self.process.exitcode
            if self.memory_mb and code in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV):
                raise QueryOutOfMemory(self.memory_mb) from None
            log.error("query process exited with %s while running %.200r", code, task.get("query"))
            raise ServiceError("The query process stopped unexpectedly; the problem was logged.",
                               500) from None
        if message[0] == "ok":
            return message[1]
        if message[1] == "memory":
            raise QueryOutOfMemory(self.memory_mb)
        if message[1] == "refused":
            if message[3] == 403:
                raise ForbiddenOperation(message[2])
            raise ServiceError(message[2], message[3])
        if message[1] == "syntax":
            raise QuerySyntaxError(f"Syntax error: {message[2]}")
        if message[1] == "store":
            raise StoreUnavailable(f"The store cannot be read: {message[2]}")
        log.error("query process error: %s", message[2])
        raise ServiceError("Internal server error while running the query: the problem was logged.", 500)

    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

    def close(self) -> None:
        """Let the child finish (EOF on its pipe closes the store cleanly); kill it if it lingers."""
        self.conn.close()
        self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)


def _generation_file(store_path: str) -> Path | None:
    return parse_store(store_path).generation_file if store_path else None


def _generation(store_path: str) -> tuple[int, int, int]:
    """Changes when the data may have changed: an update through this service (marker file), a
    rebuild that swapped the folder (inode), or another writer such as ``kg ingest`` (folder mtime)."""
    if not store_path:  # an empty in-memory dataset: only this process's updates change it
        return (0, 0, 0)
    stamps = []
    for path in (_generation_file(store_path), Path(store_path)):
        try:
            assert path is not None
            stat = path.stat()
            stamps += [stat.st_mtime_ns, stat.st_ino]
        except OSError:
            stamps += [0, 0]
    return stamps[0], stamps[2], stamps[3]


class QueryPool:
    """At most ``size`` concurrent queries, each in its own killable process."""

    def __init__(self, store: str | StoreSpec, timeout: float, size: int = 4, isolate: bool = True,
                 memory_mb: int = 0) -> None:
        self.spec = parse_store(store)
        self.memory_mb = memory_mb
        self.store_path = self.spec.location
        self.cache_dir = self.spec.cache_dir
        self.timeout = float(timeout)
        self.isolate = isolate
        self.isolation = "not started" if isolate else "none"  # how the last query process was cut off
        self._idle: list[_Child] = []
        self._closed = False
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max(1, size))
        self.kills = 0  # children killed at their deadline (for /health and tests)

    def generation(self) -> tuple[int, int, int]:
        return _generation(self.store_path)

    def _take(self) -> _Child:
        generation = _generation(self.store_path)
        with self._lock:
            while self._idle:
                child = self._idle.pop()
                if child.alive() and child.generation == generation:
                    return child
                child.kill()
        child = _Child(self.spec, isolate=self.isolate, memory_mb=self.memory_mb)
        self.isolation = child.isolation
        return child

    def execute(self, task: dict[str, Any], timeout: float | None = None,
                setting: str = "VNGE_QUERY_TIMEOUT") -> Any:
        """Run ``task`` in a query process; past the limit raise :class:`QueryTimeout` naming ``setting``.
        Time spent waiting for a free query process is part of the limit."""
        limit = self.timeout if timeout is None else timeout
        asked = time.monotonic()
        if not self._slots.acquire(timeout=limit):
            raise ServiceError(f"The server is busy (all query processes have been running for "
                               f"{limit:g} s); retry in a moment.", 503)
        waited = time.monotonic() - asked  # queueing counts in the limit (starting a process does not)
        try:
            child = self._take()
            try:
                result = child.call(task, max(0.0, limit - waited))
            except TimeoutError:
                child.kill()
                self.kills += 1
                self._replenish()
                log.warning("query stopped at the %.1f s limit: %.200r", limit, task.get("query"))
                raise QueryTimeout(limit, setting) from None
            except (QuerySyntaxError, StoreUnavailable):
                self._give_back(child)
                raise
            except ServiceError as e:
                if e.status < 500 and child.alive():  # refused by the guard: the process is fine
                    self._give_back(child)
                else:
                    child.kill()
                raise
            self._give_back(child)
            return result
        finally:
            self._slots.release()

    def _give_back(self, child: _Child) -> None:
        with self._lock:
            self._idle.append(child)

    def _replenish(self) -> None:
        """Start a query process in the background in place of a killed one, so that the next
        request finds one ready (starting one takes a second of CPU, more on a busy machine)."""
        def start() -> None:
            try:
                child = _Child(self.spec, isolate=self.isolate, memory_mb=self.memory_mb)
            except ServiceError as e:  # the next request will say it
                log.warning("could not start a spare query process: %s", e.message)
                return
            with self._lock:
                if self._closed:
                    child.close()
                else:
                    self._idle.append(child)

        threading.Thread(target=start, name="vnge-spare", daemon=True).start()

    def update(self, text: str, guard: dict[str, Any] | None = None, then: str = "") -> None:
        """Run a SPARQL Update in a writable process (refused there by the guard when ``guard`` is
        given; ``then``, the service's own follow-up, runs after it in the same process), then
        recycle every read-only child."""
        self.writing([{"op": "update", "update": text, "guard": guard, "then": then}], self.timeout)

    def writing(self, tasks: list[dict[str, Any]], timeout: float, setting: str = "VNGE_QUERY_TIMEOUT",
                extra_memory_mb: int = 0) -> list[Any]:
        """Run ``tasks`` one after the other in one writable process, each within ``timeout``; a
        task past it is answered with a :class:`QueryTimeout` in its place (the process is killed
        and the next task gets a new one). Then every read-only child is recycled.
        ``extra_memory_mb``: address space the process may take beyond ``VNGE_QUERY_MEMORY_MB``
        (ingesting: the reader's own child gets ``KG_READ_MEMORY_MB`` on top of its parent's)."""
        results: list[Any] = []
        child: _Child | None = None
        memory = self.memory_mb + extra_memory_mb if self.memory_mb else 0
        try:
            for task in tasks:
                if child is None:
                    try:
                        child = _Child(self.spec, writable=True, isolate=self.isolate, memory_mb=memory)
                    except StoreUnavailable as e:
                        raise StoreUnavailable(
                            f"{e.message} (another update may be running; retry)") from None
                try:
                    results.append(child.call(task, timeout))
                except TimeoutError:
                    child.kill()
                    child = None
                    if len(tasks) == 1:
                        raise QueryTimeout(timeout, setting) from None
                    results.append(QueryTimeout(timeout, setting))
        finally:
            if child is not None:
                child.close()
            self.spec.touch_generation()
        return results

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for child in self._idle:
                child.close()
            self._idle.clear()


class RemotePool:
    """Queries to a remote SPARQL server, run in the calling thread: the HTTP timeout bounds the wait
    and the server stops the query at its own limit (Virtuoso: ``MaxQueryExecutionTime``)."""

    #: results of a remote store are cached for at most this many seconds (other clients may write)
    CACHE_SECONDS = 60

    def __init__(self, store: str | StoreSpec, timeout: float, size: int = 4, memory_mb: int = 0) -> None:
        self.spec = parse_store(store)
        self.store_path = self.spec.location
        self.cache_dir = self.spec.cache_dir
        self.timeout = float(timeout)
        self.backend = open_backend(self.spec)
        self.isolation = "remote server"  # queries run on the server: see README "Security"
        self._slots = threading.BoundedSemaphore(max(1, size))
        # the guard's parse runs in killable processes (over an empty store), not in this thread
        self._guards = QueryPool(parse_store("memory"), timeout, size, True, memory_mb)
        self.kills = 0  # nothing to kill: the server stops its own queries

    def generation(self) -> tuple[int, int, int]:
        return (int(time.time() // self.CACHE_SECONDS), int(self.backend.version()[0]), 0)

    def execute(self, task: dict[str, Any], timeout: float | None = None,
                setting: str = "VNGE_QUERY_TIMEOUT") -> Any:
        limit = self.timeout if timeout is None else timeout
        if not self._slots.acquire(timeout=limit):
            raise ServiceError(f"The server is busy (all query slots have been running for {limit:g} s); "
                               "retry in a moment.", 503)
        try:
            if task.get("guard") is not None:
                text = task["update"] if task.get("op") == "update" else task["query"]
                checked = self._guards.execute({"op": "check", "query": text, "guard": task["guard"]}, limit,
                                               setting)
                task = {**task, "guard": None, "query_dataset": checked["query_dataset"]}
            return run_task(self.backend, task, timeout=limit)
        except TimeoutError:
            self.kills += 1
            log.warning("remote query stopped at the %.1f s limit: %.200r", limit, task.get("query"))
            raise QueryTimeout(limit, setting) from None
        except SyntaxError as e:
            raise QuerySyntaxError(f"Syntax error: {_scrub(str(e))}") from None
        except RemoteStoreError as e:
            log.error("remote store failed: %s", e)  # the details, URL included, go to the log only
            raise StoreUnavailable("The SPARQL server cannot be reached or failed: "
                                   f"{_scrub(str(e))}") from None
        finally:
            self._slots.release()

    def update(self, text: str, guard: dict[str, Any] | None = None, then: str = "") -> None:
        self.execute({"op": "update", "update": text, "guard": guard, "then": then})

    def writing(self, tasks: list[dict[str, Any]], timeout: float, setting: str = "VNGE_QUERY_TIMEOUT",
                extra_memory_mb: int = 0) -> list[Any]:
        return [self.execute(task, timeout, setting) for task in tasks]

    def close(self) -> None:
        self.backend.close()
        self._guards.close()


_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s'\"<>]+", re.IGNORECASE)


def _scrub(message: str) -> str:
    """A remote server's message without the addresses in it (its own URL, a file path) and cut
    short: a client learns what went wrong, not where the backend lives."""
    message = _URL.sub("<address>", message)
    message = re.sub(r"(?m)^SPARQL query:[\s\S]*", "", message).strip()  # Virtuoso echoes the query
    return message[:500]


def make_pool(store: str | StoreSpec, timeout: float, size: int = 4, isolate: bool = True,
              memory_mb: int = 0) -> QueryPool | RemotePool:
    """The pool for ``store``: killable query processes for embedded stores (cut off the network
    unless ``isolate`` is False, address space capped at ``memory_mb`` MiB), HTTP for remote ones."""
    spec = parse_store(store)
    if spec.embedded:
        return QueryPool(spec, timeout, size, isolate, memory_mb)
    return RemotePool(spec, timeout, size, memory_mb)
