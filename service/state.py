"""What one server process holds: its configuration, its query pool and small caches."""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import pickle
import shutil
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
MAX_CACHED = 128  # descriptions, statistics and pages kept in memory per server process
LOCK_STRIPES = 16  # lock files in <store>.cache/
MAX_FILES = 512  # results kept in <store>.cache/ (of the current data version only)
MAX_PAGES = 32  # readable pages' data kept in memory per server process (up to a few MB each)


@dataclass
class ServiceState:
    config: dict[str, Any]
    pool: QueryPool | RemotePool
    cache: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _kept(self, bucket: str, key: Any, compute: Any, limit: int, one_version: bool) -> Any:
        """``compute()`` kept in the LRU ``bucket`` under ``key`` until the data changes: at most
        ``limit`` entries; ``one_version`` drops the key's entries of older data versions."""
        stamp = (key, self.pool.generation())
        with self.lock:
            values = self.cache.setdefault(bucket, OrderedDict())
            if stamp in values:
                values.move_to_end(stamp)
                return values[stamp]
        value = compute()
        with self.lock:
            if one_version:
                for old in [k for k in values if k[0] == key]:
                    del values[old]
            values[stamp] = value
            while len(values) > limit:
                values.popitem(last=False)
        return value

    def cached(self, key: str, compute: Any) -> Any:
        """Memoise ``compute()`` until the data changes (graph statistics, hierarchy); at most
        :data:`MAX_CACHED` keys are kept (least recently used first out)."""
        return self._kept("cached", key, compute, MAX_CACHED, one_version=True)

    def page(self, key: Any, compute: Any) -> Any:
        """A readable page's data (``compute()``: its template and context), kept until the data
        changes; at most :data:`MAX_PAGES` (least recently used first out), apart from the other
        caches so that pages never push them out."""
        return self._kept("pages", key, compute, MAX_PAGES, one_version=False)

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
        digest = hashlib.sha256(repr(stamp[:2]).encode()).hexdigest()
        version = hashlib.sha256(repr(stamp[2]).encode()).hexdigest()[:16]
        cache_dir = self.pool.cache_dir  # None for a remote store: results are kept in memory only
        path = Path(cache_dir or ".") / version / f"{digest}.pickle"
        value = _read(path) if cache_dir else None
        if value is None and not cache_dir:
            value = compute()
        elif value is None:
            with _computing(Path(cache_dir), digest):  # one process computes; the others wait, then read
                value = _read(path)
                if value is None:
                    started = time.perf_counter()
                    value = compute()
                    if time.perf_counter() - started > PERSIST_AFTER:
                        _write(path, value)
                        _prune(Path(cache_dir), version)
        with self.lock:
            memo[stamp] = value
            while len(memo) > max_entries:
                memo.popitem(last=False)
        return value

    def invalidate(self) -> None:
        with self.lock:
            self.cache.clear()


@contextmanager
def _computing(cache_dir: Path, digest: str) -> Iterator[None]:
    """An exclusive lock (flock) on one of :data:`LOCK_STRIPES` lock files of the cache folder
    (chosen by ``digest``: never more lock files than that, however many keys); without a writable
    cache folder, no lock."""
    try:
        cache_dir.mkdir(exist_ok=True)
        handle = open(cache_dir / f"lock-{int(digest[:8], 16) % LOCK_STRIPES:02d}", "w")  # noqa: SIM115
    except OSError:
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _prune(cache_dir: Path, version: str) -> None:
    """Keep only the current data version's results, at most :data:`MAX_FILES` of them (oldest out)."""
    try:
        for entry in cache_dir.iterdir():
            if entry.is_dir() and entry.name != version:
                shutil.rmtree(entry, ignore_errors=True)
            elif entry.suffix == ".pickle":  # the flat layout of earlier versions
                entry.unlink(missing_ok=True)
        files = sorted((cache_dir / version).glob("*.pickle"), key=lambda f: f.stat().st_mtime)
        for old in files[:-MAX_FILES]:
            old.unlink(missing_ok=True)
    except OSError as e:  # a read-only or shared folder only costs disk space
        log.info("result cache not pruned (%s): %s", cache_dir, e)


def _read(path: Path) -> Any:
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError):
        return None


def _write(path: Path, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: readers never see half a file
    except OSError as e:  # a read-only location only costs speed
        log.info("result cache not written (%s): %s", path, e)


def state() -> ServiceState:
    return current_app.extensions["vnge"]
