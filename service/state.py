"""What one server process holds: its configuration, its query pool and small caches."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from service.worker import QueryPool


@dataclass
class ServiceState:
    config: dict[str, Any]
    pool: QueryPool
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
        """Least-recently-used memo of ``compute()`` per data version (canned query results)."""
        stamp = ("memo", key, self.pool.generation())
        with self.lock:
            memo = self.cache.setdefault("memo", OrderedDict())
            if stamp in memo:
                memo.move_to_end(stamp)
                return memo[stamp]
        value = compute()
        with self.lock:
            memo[stamp] = value
            while len(memo) > max_entries:
                memo.popitem(last=False)
        return value

    def invalidate(self) -> None:
        with self.lock:
            self.cache.clear()


def state() -> ServiceState:
    return current_app.extensions["vnge"]
