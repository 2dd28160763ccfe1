"""What one server process holds: its configuration, its query pool and small caches."""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app

from service.pool.worker import QueryPool, RemotePool

log = logging.getLogger("vnge.service")
PERSIST_AFTER = 1.0  # seconds: cheaper results are only kept in memory


@dataclass
class ServiceState:
    config: dict[str, Any]
    pool: QueryPool | RemotePool
    cache: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def cached(self, key: str, compute: Any) -> Any:
        """Memoise ``compute()`` until the data changes (graph statistics, hierarchy)."""
        stamp = (key, self.pool.generation())
        with self.lock:
            if stamp in self.cache:
                return self.cache[stamp]
        value = compute()
        with self.lock:
            for old in [k for k in self.cache if isinstance(k, tuple) and k[0] == key]:
                del self.cache[old]
            self.cache[stamp] = value
        return value

    def memo(self, key: Any, compute: Any, max_entries: int = 256) -> Any:
        """Least-recently-used memo of ``compute()`` per data version (canned query results).

        Results that took more than :data:`PERSIST_AFTER` seconds are also written next to the store
        (``<store>.cache/``), so the other server processes, and restarts, reuse them.
        """
        stamp = ("memo", key, self.pool.generation())
        with self.lock:
            memo = self.cache.setdefault("memo", OrderedDict())
            if stamp in memo:
                memo.move_to_end(stamp)
                return memo[stamp]
        digest = hashlib.sha256(repr(stamp).encode()).hexdigest()
        cache_dir = self.pool.cache_dir  # None for a remote store: results are kept in memory only
        path = Path(cache_dir or ".") / f"{digest}.pickle"
        value = _read(path) if cache_dir else None
        if value is None and not cache_dir:
            value = compute()
        elif value is None:
            with _computing(path):  # one process computes; the others wait, then read its file
                value = _read(path)
                if value is None:
                    started = time.perf_counter()
                    value = compute()
                    if time.perf_counter() - started > PERSIST_AFTER:
                        _write(path, value)
        with self.lock:
            memo[stamp] = value
            while len(memo) > max_entries:
                memo.popitem(last=False)
        return value

    def invalidate(self) -> None:
        with self.lock:
            self.cache.clear()


@contextmanager
def _computing(path: Path) -> Iterator[None]:
    """An exclusive lock (flock) on ``<path>.lock``; without a writable cache folder, no lock."""
    try:
        path.parent.mkdir(exist_ok=True)
        handle = open(path.with_suffix(".lock"), "w")  # noqa: SIM115
    except OSError:
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _read(path: Path) -> Any:
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError):
        return None


def _write(path: Path, value: Any) -> None:
    try:
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: readers never see half a file
    except OSError as e:  # a read-only location only costs speed
        log.info("result cache not written (%s): %s", path, e)


def state() -> ServiceState:
    return current_app.extensions["vnge"]
